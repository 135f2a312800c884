/* Minidump header and stream directory; dispatch to the stream parsers.
 *
 * MINIDUMP_HEADER (32 bytes): Signature 'MDMP', Version (low word 0xa793,
 * MINIDUMP_VERSION), NumberOfStreams, StreamDirectoryRva, CheckSum,
 * TimeDateStamp, Flags (MINIDUMP_TYPE, 64-bit).  The directory is an array
 * of MINIDUMP_DIRECTORY { StreamType, Location { DataSize, Rva } }, 12 bytes
 * each.  Source: Microsoft Learn, minidumpapiset.h, "MINIDUMP_HEADER" and
 * "MINIDUMP_DIRECTORY". */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "layer/physical.h"
#include "minidump/md_internal.h"

#define MD_SIGNATURE 0x504d444du   /* "MDMP" little-endian */
#define MD_VERSION   0xa793u
#define MD_HEADER_SIZE 32u
#define MD_DIR_ENTRY   12u

void md_warn(struct md_dump *md, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    md->warnings++;
    ep_warn("%s: %s", md->label, text);
}

void md_note(struct md_stream *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->note, sizeof s->note, fmt, ap);
    va_end(ap);
}

/* Names are interned by RVA: writers repeat them ("Event" for every event
 * handle) and a hostile dump can point a million records at one string. */
struct md_strtab {
    uint64_t *keys;              /* rva + 1; 0 = empty slot */
    char **vals;
    size_t cap, n;
};

static char **strtab_slot(struct md_strtab *t, uint64_t rva)
{
    uint64_t key = rva + 1;
    size_t mask = t->cap - 1, i = (size_t)((key * 0x9e3779b97f4a7c15ull) >> 17) & mask;
    while (t->keys[i] && t->keys[i] != key)
        i = (i + 1) & mask;
    t->keys[i] = key;
    return &t->vals[i];
}

static char **strtab_get(struct md_dump *md, uint64_t rva)
{
    struct md_strtab *t = md->strings;
    if (!t)
        t = md->strings = ep_calloc(1, sizeof *t);
    if (t->n * 2 >= t->cap) {              /* grow: keep the load under 1/2 */
        struct md_strtab old = *t;
        t->cap = old.cap ? old.cap * 2 : 256;
        t->keys = ep_calloc(t->cap, sizeof *t->keys);
        t->vals = ep_calloc(t->cap, sizeof *t->vals);
        t->n = 0;
        for (size_t i = 0; i < old.cap; i++)
            if (old.keys[i]) {
                *strtab_slot(t, old.keys[i] - 1) = old.vals[i];
                t->n++;
            }
        free(old.keys);
        free(old.vals);
    }
    char **slot = strtab_slot(t, rva);
    return slot;
}

void md_strings_free(struct md_dump *md)
{
    struct md_strtab *t = md->strings;
    if (!t)
        return;
    for (size_t i = 0; i < t->cap; i++)
        free(t->vals[i]);
    free(t->keys);
    free(t->vals);
    free(t);
    md->strings = NULL;
}

const char *md_string_at(struct md_dump *md, uint64_t rva, int *bad)
{
    if (bad)
        *bad = 0;
    if (rva == 0)
        return NULL;
    const uint8_t *p = md_at(md, rva, 4);
    if (!p) {
        if (bad)
            *bad = 1;
        return NULL;
    }
    uint32_t len = le32(p);
    uint64_t avail = md->size - rva - 4;
    if (len > MD_MAX_STRING)
        len = MD_MAX_STRING;
    if (len > avail) {
        if (bad)
            *bad = 1;
        len = (uint32_t)avail;
    }
    /* Past the budget (bytes of names handed out, counting repeats:
     * consumers copy them), names are cut short, so a million records
     * pointing at one 32K-character string cost kilobytes each, not more.
     * The cut variant is interned under its own key. */
    int cut = md->string_bytes > MD_STRING_BUDGET && len > 256;
    if (cut) {
        if (!md->strings_capped)
            md_warn(md, "more than %u MiB of names: further names are cut to 128 characters",
                    MD_STRING_BUDGET >> 20);
        md->strings_capped = 1;
        len = 256;
    }
    char **slot = strtab_get(md, cut ? rva | (1ull << 63) : rva);
    if (!*slot) {
        md->strings->n++;
        len &= ~1u;
        /* UTF-16 can grow to 3 UTF-8 bytes per unit, escapes to 4 ("\\xNN"). */
        size_t cap = (size_t)len * 2 + 16;
        char *tmp = ep_calloc(cap, 1);
        text_from_utf16le(tmp, cap, p + 4, len);
        *slot = ep_strdup(tmp);
        free(tmp);
    }
    md->string_bytes += strlen(*slot) + 1;
    return *slot;
}

uint32_t md_list_entries(struct md_dump *md, struct md_stream *s, uint32_t entry_size,
                         uint32_t cap, const char *what, uint32_t *n)
{
    *n = 0;
    const uint8_t *p = md_at(md, s->rva, 4);
    if (!p || s->size < 4)
        return 4;
    uint32_t claimed = le32(p);
    uint32_t first = 4;
    /* Padded form: the stream is exactly 4 bytes longer than the packed one. */
    if ((uint64_t)s->size == 8 + (uint64_t)claimed * entry_size)
        first = 8;
    uint64_t fit = (s->size - first) / entry_size;
    uint32_t count = claimed;
    if (count > fit) {
        md_warn(md, "%s stream claims %u %s but only %llu fit in its %u bytes",
                md_stream_type_name(s->type), claimed, what, (unsigned long long)fit, s->size);
        count = (uint32_t)fit;
        s->status = MD_ST_PARTIAL;
    }
    if (count > cap) {
        md_warn(md, "%s stream: %u %s, reading the first %u", md_stream_type_name(s->type),
                count, what, cap);
        count = cap;
        s->status = MD_ST_PARTIAL;
    }
    *n = count;
    return first;
}

const char *md_stream_type_name(uint32_t type)
{
    /* MINIDUMP_STREAM_TYPE, minidumpapiset.h; the Windows CE range
     * (0x8000..) and LastReservedStream (0xffff) likewise.  Vendor types:
     * Breakpad's minidump_format.h (0x4767xxxx "Gg"), Crashpad's
     * minidump_extensions.h (0x4350xxxx "CP"). */
    static const char *const std_names[] = {
        "UnusedStream", "ReservedStream0", "ReservedStream1", "ThreadListStream",
        "ModuleListStream", "MemoryListStream", "ExceptionStream", "SystemInfoStream",
        "ThreadExListStream", "Memory64ListStream", "CommentStreamA", "CommentStreamW",
        "HandleDataStream", "FunctionTableStream", "UnloadedModuleListStream",
        "MiscInfoStream", "MemoryInfoListStream", "ThreadInfoListStream",
        "HandleOperationListStream", "TokenStream", "JavaScriptDataStream",
        "SystemMemoryInfoStream", "ProcessVmCountersStream", "IptTraceStream",
        "ThreadNamesStream",
    };
    if (type < ARRAY_LEN(std_names))
        return std_names[type];
    switch (type) {
    case 0x8000: return "ceStreamNull";
    case 0x8001: return "ceStreamSystemInfo";
    case 0x8002: return "ceStreamException";
    case 0x8003: return "ceStreamModuleList";
    case 0x8004: return "ceStreamProcessList";
    case 0x8005: return "ceStreamThreadList";
    case 0x8006: return "ceStreamThreadContextList";
    case 0x8007: return "ceStreamThreadCallStackList";
    case 0x8008: return "ceStreamMemoryVirtualList";
    case 0x8009: return "ceStreamMemoryPhysicalList";
    case 0x800a: return "ceStreamBucketParameters";
    case 0x800b: return "ceStreamProcessModuleMap";
    case 0x800c: return "ceStreamDiagnosisList";
    case 0xffff: return "LastReservedStream";
    case 0xfff0: return "Wine: host (ELF) module list";  /* layout of a ModuleList */
    case 0x47670001: return "Breakpad: BreakpadInfo";
    case 0x47670002: return "Breakpad: AssertionInfo";
    case 0x47670003: return "Breakpad: LinuxCpuInfo";
    case 0x47670004: return "Breakpad: LinuxProcStatus";
    case 0x47670005: return "Breakpad: LinuxLsbRelease";
    case 0x47670006: return "Breakpad: LinuxCmdLine";
    case 0x47670007: return "Breakpad: LinuxEnviron";
    case 0x47670008: return "Breakpad: LinuxAuxv";
    case 0x47670009: return "Breakpad: LinuxMaps";
    case 0x4767000a: return "Breakpad: LinuxDsoDebug";
    case 0x43500001: return "Crashpad: CrashpadInfo";
    default: return "unknown";
    }
}

const char *md_arch_name(enum md_arch arch)
{
    switch (arch) {
    case MD_ARCH_X86: return "x86";
    case MD_ARCH_X64: return "x64";
    case MD_ARCH_ARM64: return "arm64";
    case MD_ARCH_ARM: return "arm";
    case MD_ARCH_OTHER: return "other";
    default: return "unknown";
    }
}

typedef void (*md_parser)(struct md_dump *, struct md_stream *);

static md_parser parser_for(uint32_t type)
{
    switch (type) {
    case MD_SYSTEM_INFO: return md_parse_system_info;
    case MD_MISC_INFO: return md_parse_misc_info;
    case MD_THREAD_LIST: return md_parse_thread_list;
    case MD_THREAD_EX_LIST: return md_parse_thread_ex_list;
    case MD_MODULE_LIST: return md_parse_module_list;
    case MD_UNLOADED_MODULE_LIST: return md_parse_unloaded_modules;
    case MD_WINE_HOST_MODULES: return md_parse_host_modules;
    case MD_MEMORY_LIST: return md_parse_memory_list;
    case MD_MEMORY64_LIST: return md_parse_memory64_list;
    case MD_MEMORY_INFO_LIST: return md_parse_memory_info;
    case MD_HANDLE_DATA: return md_parse_handle_data;
    case MD_TOKEN: return md_parse_token;
    case MD_PROCESS_VM_COUNTERS: return md_parse_vm_counters;
    case MD_SYSTEM_MEMORY_INFO: return md_parse_system_memory;
    case MD_COMMENT_A: case MD_COMMENT_W: return md_parse_comment;
    case MD_EXCEPTION: return md_parse_exception;
    case MD_THREAD_INFO_LIST: return md_parse_thread_info;
    case MD_THREAD_NAMES: return md_parse_thread_names;
    default: return NULL;
    }
}

/* Index in the "already read" table for types read once, or -1. */
static int dedupe_slot(uint32_t type)
{
    if (type == MD_COMMENT_A || type == MD_COMMENT_W)
        return -1;
    if (type < 31)
        return (int)type;
    if (type == MD_WINE_HOST_MODULES)
        return 31;          /* 31 is not a Microsoft stream number */
    return -1;
}

/* Parsing order: the architecture first (contexts and pointer sizes depend
 * on it), the thread list before what annotates threads. */
static int pass_of(uint32_t type)
{
    switch (type) {
    case MD_SYSTEM_INFO: case MD_MISC_INFO: return 0;
    case MD_THREAD_INFO_LIST: case MD_THREAD_NAMES: case MD_EXCEPTION: return 2;
    default: return 1;
    }
}

static void guess_arch(struct md_dump *md)
{
    if (md->sys.present) {
        switch (md->sys.processor_architecture) {
        case 0: case 10: case 14: md->arch = MD_ARCH_X86; break;  /* INTEL, IA32_ON_WIN64, IA32_ON_ARM64 */
        case 9: md->arch = MD_ARCH_X64; break;                     /* AMD64 */
        case 12: md->arch = MD_ARCH_ARM64; break;
        case 5: case 13: md->arch = MD_ARCH_ARM; break;
        default: md->arch = MD_ARCH_OTHER; break;
        }
    }
    md->ptr_size = (md->arch == MD_ARCH_X86 || md->arch == MD_ARCH_ARM) ? 4 : 8;
}

/* Without a SystemInfo stream: context record sizes are telling
 * (x86 CONTEXT is 0x2cc bytes, AMD64 0x4d0, ARM64 0x390), then addresses. */
static void guess_arch_late(struct md_dump *md)
{
    if (md->arch != MD_ARCH_UNKNOWN)
        return;
    for (size_t i = 0; i < md->nthreads; i++) {
        uint32_t cs = md->threads[i].context_size;
        if (cs == 0x2cc) { md->arch = MD_ARCH_X86; break; }
        if (cs == 0x4d0) { md->arch = MD_ARCH_X64; break; }
        if (cs == 0x390) { md->arch = MD_ARCH_ARM64; break; }
    }
    if (md->arch == MD_ARCH_UNKNOWN) {
        for (size_t i = 0; i < md->nmodules; i++)
            if (md->modules[i].base > 0xffffffffull)
                md->arch = MD_ARCH_X64;
    }
    if (md->arch != MD_ARCH_UNKNOWN)
        md_warn(md, "no SystemInfo stream: assuming %s from context sizes and module addresses",
                md_arch_name(md->arch));
    md->ptr_size = (md->arch == MD_ARCH_X86 || md->arch == MD_ARCH_ARM) ? 4 : 8;
}

static int read_directory(struct md_dump *md, struct ep_error *err)
{
    uint32_t n = md->nstreams_claimed;
    uint32_t rva = md->directory_rva;

    if (n == 0)
        return ep_fail(err, "%s: minidump has no streams", md->label);
    if (rva < MD_HEADER_SIZE)
        return ep_fail(err, "%s: damaged minidump header: stream directory at 0x%x overlaps the "
                       "32-byte header (header claims %u streams)", md->label, rva, n);
    if (rva >= md->size)
        return ep_fail(err, "%s: truncated minidump: stream directory at 0x%x is past the end "
                       "of the file (%llu bytes)", md->label, rva, (unsigned long long)md->size);
    uint64_t fit = (md->size - rva) / MD_DIR_ENTRY;
    uint32_t count = n;
    if (count > fit) {
        if (fit == 0)
            return ep_fail(err, "%s: truncated minidump: stream directory at 0x%x is cut off",
                           md->label, rva);
        md_warn(md, "stream directory claims %u streams but the file ends after %llu of them",
                n, (unsigned long long)fit);
        count = (uint32_t)fit;
    }
    if (count > MD_MAX_STREAMS) {
        md_warn(md, "header claims %u streams; reading the first %u", count, MD_MAX_STREAMS);
        count = MD_MAX_STREAMS;
    }
    md->streams = ep_calloc(count, sizeof *md->streams);
    md->nstreams = count;
    for (uint32_t i = 0; i < count; i++) {
        const uint8_t *e = md->data + rva + (uint64_t)i * MD_DIR_ENTRY;
        struct md_stream *s = &md->streams[i];
        s->index = i;
        s->type = le32(e);
        s->size = le32(e + 4);
        s->rva = le32(e + 8);
    }
    return 0;
}

static void parse_streams(struct md_dump *md)
{
    uint8_t seen_small[32] = {0};
    for (int pass = 0; pass < 3; pass++) {
        for (size_t i = 0; i < md->nstreams; i++) {
            struct md_stream *s = &md->streams[i];
            if (pass_of(s->type) != pass)
                continue;
            if (s->type == MD_UNUSED_STREAM || s->size == 0) {
                s->status = MD_ST_EMPTY;
                continue;
            }
            md_parser fn = parser_for(s->type);
            if (!fn) {
                s->status = MD_ST_UNKNOWN;
                if (!span_ok(s->rva, s->size, md->size))
                    md_note(s, "past end of file");
                continue;
            }
            if (s->rva >= md->size || s->rva < MD_HEADER_SIZE) {
                s->status = MD_ST_BAD;
                md_note(s, "outside the file");
                md_warn(md, "stream %u (%s) at 0x%x is outside the file; ignored", s->index,
                        md_stream_type_name(s->type), s->rva);
                continue;
            }
            /* One stream of each type is read: a reader that looks streams up
             * by type (MiniDumpReadDumpStream) also finds only the first.
             * Comment streams are the exception: they are just text. */
            int slot = dedupe_slot(s->type);
            if (slot >= 0) {
                if (seen_small[slot]) {
                    s->status = MD_ST_DUPLICATE;
                    md_note(s, "second %s: ignored", md_stream_type_name(s->type));
                    md_warn(md, "stream %u: a second %s; ignored", s->index, md_stream_type_name(s->type));
                    continue;
                }
                seen_small[slot] = 1;
            }
            uint32_t full = s->size;
            s->status = MD_ST_PARSED;
            if (!span_ok(s->rva, s->size, md->size)) {
                s->size = (uint32_t)(md->size - s->rva);
                md_warn(md, "stream %u (%s) is cut off by the end of the file (%u of %u bytes)",
                        s->index, md_stream_type_name(s->type), s->size, full);
                fn(md, s);
                if (s->status == MD_ST_PARSED)
                    s->status = MD_ST_PARTIAL;
                s->size = full;
                if (!s->note[0])
                    md_note(s, "cut off by end of file");
            } else {
                fn(md, s);
            }
            if (pass == 0 && s->type == MD_SYSTEM_INFO)
                guess_arch(md);
        }
        if (pass == 0 && md->arch == MD_ARCH_UNKNOWN)
            md->ptr_size = 8;
        if (pass == 1) {
            guess_arch_late(md);
            md_finish_threads(md);
            md_finish_ranges(md);
            md_index_modules(md);
        }
    }
}

static int md_open_common(const uint8_t *data, uint64_t size, const char *label,
                          struct md_dump **out, struct ep_error *err)
{
    *out = NULL;
    if (size < 4 || le32(data) != MD_SIGNATURE)
        return ep_fail(err, "%s: not a minidump (no MDMP signature)", label);
    if (size < MD_HEADER_SIZE)
        return ep_fail(err, "%s: truncated minidump: %llu bytes, the header alone needs %u",
                       label, (unsigned long long)size, MD_HEADER_SIZE);

    struct md_dump *md = ep_calloc(1, sizeof *md);
    md->label = label;
    md->data = data;
    md->size = size;
    md->version = le32(data + 4);
    md->nstreams_claimed = le32(data + 8);
    md->directory_rva = le32(data + 12);
    md->timestamp = le32(data + 20);
    md->flags = le64(data + 24);
    md->ptr_size = 8;
    if ((md->version & 0xffff) != MD_VERSION)
        md_warn(md, "unexpected minidump version 0x%04x (expected 0x%04x); reading anyway",
                md->version & 0xffff, MD_VERSION);

    if (read_directory(md, err) != 0) {
        md_close(md);
        return -1;
    }
    parse_streams(md);

    size_t good = 0;
    for (size_t i = 0; i < md->nstreams; i++)
        if (md->streams[i].status == MD_ST_PARSED || md->streams[i].status == MD_ST_PARTIAL)
            good++;
    if (good == 0) {
        ep_fail(err, "%s: damaged minidump: none of its %zu streams could be read", label,
                md->nstreams);
        md_close(md);
        return -1;
    }
    *out = md;
    return 0;
}

int md_open(const struct mapped_file *f, struct md_dump **out, struct ep_error *err)
{
    if (!f || !f->data)
        return ep_fail(err, "%s: empty file", f && f->path ? f->path : "(minidump)");
    return md_open_common(f->data, f->size, f->path ? f->path : "(minidump)", out, err);
}

int md_open_buffer(const void *data, size_t len, const char *label,
                   struct md_dump **out, struct ep_error *err)
{
    if (!label)
        label = "(buffer)";
    if (!data || len == 0) {
        *out = NULL;
        return ep_fail(err, "%s: empty file", label);
    }
    return md_open_common(data, len, label, out, err);
}

void md_close(struct md_dump *md)
{
    if (!md)
        return;
    free(md->threads);
    for (size_t i = 0; i < md->nmodules; i++)
        free(md->modules[i].pdb_name);
    free(md->modules);
    free(md->module_index);
    for (size_t i = 0; i < md->nhost_modules; i++)
        free(md->host_modules[i].pdb_name);
    free(md->host_modules);
    free(md->unloaded);
    free(md->ranges);
    free(md->meminfo);
    free(md->handles);
    for (size_t i = 0; i < md->ntokens; i++) {
        free(md->tokens[i].groups);
        free(md->tokens[i].privileges);
    }
    free(md->tokens);
    for (size_t i = 0; i < md->ncomments; i++)
        free(md->comments[i].text);
    free(md->comments);
    md_strings_free(md);
    free(md->streams);
    free(md);
}

int md_list_header(struct md_dump *md, struct md_stream *s, const char *name, const char *entries,
                   uint32_t min_header, int count64, uint32_t min_entry, uint32_t *hsize, uint32_t *esize,
                   uint64_t *n)
{
    const uint8_t *h = md_at(md, s->rva, min_header);
    if (!h || s->size < min_header) {
        s->status = MD_ST_BAD;
        md_note(s, "header cut off");
        md_warn(md, "%s stream too short (%u bytes)", name, s->size);
        return -1;
    }
    *hsize = le32(h);
    *esize = le32(h + 4);
    *n = count64 ? le64(h + 8) : le32(h + 8);
    if (*hsize < min_header || *hsize > s->size || *esize < min_entry || *esize > 4096) {
        s->status = MD_ST_BAD;
        md_note(s, "bad header");
        md_warn(md, "%s stream: implausible header (header %u, entry %u bytes)", name, *hsize, *esize);
        return -1;
    }
    uint64_t fit = (s->size - *hsize) / *esize;
    if (*n > fit) {
        md_warn(md, "%s stream claims %llu %s but only %llu fit", name, (unsigned long long)*n, entries,
                (unsigned long long)fit);
        *n = fit;
        s->status = MD_ST_PARTIAL;
    }
    return 0;
}
