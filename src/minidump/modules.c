/* Modules: ModuleList and UnloadedModuleList.
 *
 * MINIDUMP_MODULE (108 bytes; Microsoft Learn, minidumpapiset.h):
 *   0 BaseOfImage u64, 8 SizeOfImage, 12 CheckSum, 16 TimeDateStamp,
 *   20 ModuleNameRva, 24 VersionInfo (VS_FIXEDFILEINFO, 52 bytes:
 *   dwSignature 0xfeef04bd, dwStrucVersion, dwFileVersionMS, dwFileVersionLS,
 *   ...), 76 CvRecord (u32 size, u32 rva), 84 MiscRecord, 92 Reserved0 u64,
 *   100 Reserved1 u64.
 * MINIDUMP_UNLOADED_MODULE_LIST: SizeOfHeader, SizeOfEntry, NumberOfEntries;
 * MINIDUMP_UNLOADED_MODULE (24 bytes): BaseOfImage u64, SizeOfImage,
 *   CheckSum, TimeDateStamp, ModuleNameRva.
 * CodeView records (the PE debug directory's payload, "Microsoft Portable
 * Executable and Common Object File Format" / the PDB format notes):
 *   RSDS: 'RSDS', GUID (16), Age u32, UTF-8 PDB path.
 *   NB10: 'NB10', Offset u32, Signature u32, Age u32, PDB path. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "minidump/md_internal.h"

#define MODULE_SIZE 108u
#define UNLOADED_MIN 24u
#define CV_MAX 4096u

static const char *base_name(const char *path)
{
    const char *name = path;
    for (const char *p = path; *p; p++)
        if (*p == '\\' || *p == '/')
            name = p + 1;
    return name;
}

static void read_cv(struct md_dump *md, struct an_module *m, uint32_t size, uint32_t rva)
{
    if (size < 24 || rva == 0)
        return;
    if (size > CV_MAX)
        size = CV_MAX;
    const uint8_t *cv = md_at(md, rva, size);
    if (!cv)
        return;
    char name[1024];
    if (memcmp(cv, "RSDS", 4) == 0) {
        char guid[33];
        guid_to_hex(cv + 4, guid);
        snprintf(m->pdb_id, sizeof m->pdb_id, "%s%X", guid, le32(cv + 20));
        text_from_bytes(name, sizeof name, cv + 24, size - 24);
    } else if (memcmp(cv, "NB10", 4) == 0 && size >= 16) {
        snprintf(m->pdb_id, sizeof m->pdb_id, "%08X%X", le32(cv + 8), le32(cv + 12));
        text_from_bytes(name, sizeof name, cv + 16, size - 16);
    } else {
        return;
    }
    m->has_cv = 1;
    if (name[0])
        m->pdb_name = ep_strdup(name);
}

static void read_modules(struct md_dump *md, struct md_stream *s, struct an_module **outv,
                         size_t *outn)
{
    uint32_t n;
    uint32_t first = md_list_entries(md, s, MODULE_SIZE, MD_MAX_MODULES, "modules", &n);
    struct an_module *v = ep_calloc(n, sizeof *v);
    uint32_t badnames = 0;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *e = md->data + s->rva + first + (uint64_t)i * MODULE_SIZE;
        struct an_module *m = &v[i];
        m->base = le64(e);
        if (md->ptr_size == 4)
            m->base &= 0xffffffffu;
        m->size = le32(e + 8);
        m->checksum = le32(e + 12);
        m->has_checksum = 1;
        m->timestamp = le32(e + 16);
        int bad = 0;
        m->path = md_string_at(md, le32(e + 20), &bad);
        if (bad)
            badnames++;
        if (!m->path)
            m->path = "";
        m->name = base_name(m->path);
        if (le32(e + 24) == 0xfeef04bdu) {
            uint32_t ms = le32(e + 32), ls = le32(e + 36);
            m->has_version = 1;
            m->version[0] = (uint16_t)(ms >> 16);
            m->version[1] = (uint16_t)ms;
            m->version[2] = (uint16_t)(ls >> 16);
            m->version[3] = (uint16_t)ls;
        }
        read_cv(md, m, le32(e + 76), le32(e + 80));
    }
    if (badnames)
        md_warn(md, "%s: %u module name%s outside the file", md_stream_type_name(s->type),
                badnames, badnames == 1 ? "" : "s");
    *outv = v;
    *outn = n;
    md_note(s, "%u module%s", n, n == 1 ? "" : "s");
}

void md_parse_module_list(struct md_dump *md, struct md_stream *s)
{
    read_modules(md, s, &md->modules, &md->nmodules);
    md->have_module_list = 1;
}

/* Wine's dbghelp adds a stream 0xfff0 laid out as a ModuleList that names
 * the host's ELF objects (libc, ntdll.so, ...); seen in the Wine dump in
 * ../shared/data/minidumps/wine. */
void md_parse_host_modules(struct md_dump *md, struct md_stream *s)
{
    read_modules(md, s, &md->host_modules, &md->nhost_modules);
    md_note(s, "%zu host (ELF) module%s", md->nhost_modules, md->nhost_modules == 1 ? "" : "s");
}

void md_parse_unloaded_modules(struct md_dump *md, struct md_stream *s)
{
    uint32_t hsize, esize;
    uint64_t count;
    if (md_list_header(md, s, "UnloadedModuleList", "entries", 12, 0, UNLOADED_MIN, &hsize, &esize, &count) != 0)
        return;
    uint32_t n = (uint32_t)count;
    if (n > MD_MAX_MODULES)
        n = MD_MAX_MODULES;
    md->unloaded = ep_calloc(n, sizeof *md->unloaded);
    md->nunloaded = n;
    md->have_unloaded = 1;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *e = md->data + s->rva + hsize + (uint64_t)i * esize;
        struct md_unloaded_module *u = &md->unloaded[i];
        u->base = le64(e);
        if (md->ptr_size == 4)
            u->base &= 0xffffffffu;
        u->size = le32(e + 8);
        u->checksum = le32(e + 12);
        u->timestamp = le32(e + 16);
        u->path = md_string_at(md, le32(e + 20), NULL);
        if (!u->path)
            u->path = "";
        u->name = base_name(u->path);
    }
    md_note(s, "%u unloaded module%s", n, n == 1 ? "" : "s");
}

/* Modules sorted by base for md_find_module (qsort has no context
 * argument, hence the file-scope pointer; parsing is single-threaded). */
static const struct an_module *sort_modules;

static int cmp_module_index(const void *a, const void *b)
{
    uint64_t x = sort_modules[*(const uint32_t *)a].base, y = sort_modules[*(const uint32_t *)b].base;
    return x < y ? -1 : x > y;
}

void md_index_modules(struct md_dump *md)
{
    if (md->nmodules == 0)
        return;
    md->module_index = ep_calloc(md->nmodules, sizeof *md->module_index);
    for (size_t i = 0; i < md->nmodules; i++)
        md->module_index[i] = (uint32_t)i;
    sort_modules = md->modules;
    qsort(md->module_index, md->nmodules, sizeof *md->module_index, cmp_module_index);
    sort_modules = NULL;
}

/* Binary search for the last module based at or below va, then a look at a
 * few before it: images do not overlap in a real process, and a hostile
 * ModuleList gets at most 16 probes per lookup. */
const struct an_module *md_find_module(const struct md_dump *md, uint64_t va)
{
    if (!md->module_index)
        return NULL;
    size_t lo = 0, hi = md->nmodules;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (md->modules[md->module_index[mid]].base <= va)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = 0; k < 16 && lo > 0; k++, lo--) {
        const struct an_module *m = &md->modules[md->module_index[lo - 1]];
        if (va - m->base < m->size)
            return m;
    }
    return NULL;
}
