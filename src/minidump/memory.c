/* Dumped memory: MemoryList, Memory64List and MemoryInfoList, and reads by
 * virtual address across them.
 *
 * Layouts (Microsoft Learn, minidumpapiset.h):
 *   MINIDUMP_MEMORY_LIST: NumberOfMemoryRanges (u32), then 16-byte
 *     MINIDUMP_MEMORY_DESCRIPTOR { u64 StartOfMemoryRange, u32 DataSize, u32 Rva }.
 *   MINIDUMP_MEMORY64_LIST: NumberOfMemoryRanges (u64), BaseRva (u64), then
 *     16-byte MINIDUMP_MEMORY_DESCRIPTOR64 { u64 Start, u64 DataSize }; the
 *     ranges' bytes follow each other from BaseRva on.
 *   MINIDUMP_MEMORY_INFO_LIST: SizeOfHeader, SizeOfEntry (u32), NumberOfEntries
 *     (u64); MINIDUMP_MEMORY_INFO (48 bytes): BaseAddress, AllocationBase,
 *     AllocationProtect (u32, +pad), RegionSize, State, Protect, Type (u32, +pad).
 * Protection, state and type constants: winnt.h ("Memory Protection
 * Constants", MEMORY_BASIC_INFORMATION on Microsoft Learn). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minidump/md_internal.h"

static void add_range(struct md_dump *md, uint64_t va, uint64_t size, uint64_t off,
                      uint64_t *dropped, uint64_t *trimmed)
{
    if (size == 0)
        return;
    if (off >= md->size) {
        (*dropped)++;
        return;
    }
    if (!span_ok(off, size, md->size)) {
        size = md->size - off;
        (*trimmed)++;
    }
    if (size > UINT64_MAX - va)    /* would wrap the address space: keep what fits */
        size = UINT64_MAX - va;
    if (size == 0)
        return;
    if (md->nranges >= MD_MAX_RANGES) {
        (*dropped)++;
        return;
    }
    if (md->nranges == md->ranges_alloc || !md->ranges) {
        size_t ncap = md->nranges ? md->nranges * 2 : 64;
        struct md_range *r = realloc(md->ranges, ncap * sizeof *r);
        if (!r) {
            fputs("eproc: out of memory\n", stderr);
            abort();
        }
        md->ranges = r;
        md->ranges_alloc = ncap;
    }
    md->ranges[md->nranges++] = (struct md_range){ va, size, off };
}

static void report_cut(struct md_dump *md, const char *what, uint64_t dropped, uint64_t trimmed)
{
    if (dropped)
        md_warn(md, "%s: %llu memory range%s past the end of the file; not readable", what,
                (unsigned long long)dropped, dropped == 1 ? " lies" : "s lie");
    if (trimmed)
        md_warn(md, "%s: %llu memory range%s cut off by the end of the file", what,
                (unsigned long long)trimmed, trimmed == 1 ? " is" : "s are");
}

void md_parse_memory_list(struct md_dump *md, struct md_stream *s)
{
    uint32_t n;
    uint32_t first = md_list_entries(md, s, 16, MD_MAX_RANGES, "ranges", &n);
    uint64_t dropped = 0, trimmed = 0, bytes = 0;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *e = md->data + s->rva + first + (uint64_t)i * 16;
        uint64_t va = le64(e);
        if (md->ptr_size == 4)
            va &= 0xffffffffu;
        add_range(md, va, le32(e + 8), le32(e + 12), &dropped, &trimmed);
        bytes += le32(e + 8);
    }
    report_cut(md, "MemoryList", dropped, trimmed);
    if (dropped || trimmed)
        s->status = MD_ST_PARTIAL;
    md->have_memory = 1;
    md_note(s, "%u range%s, %llu bytes", n, n == 1 ? "" : "s", (unsigned long long)bytes);
}

void md_parse_memory64_list(struct md_dump *md, struct md_stream *s)
{
    const uint8_t *h = md_at(md, s->rva, 16);
    if (!h || s->size < 16) {
        s->status = MD_ST_BAD;
        md_note(s, "header cut off");
        md_warn(md, "Memory64List stream too short (%u bytes)", s->size);
        return;
    }
    uint64_t n = le64(h), off = le64(h + 8);
    uint64_t fit = (s->size - 16) / 16;
    if (n > fit) {
        md_warn(md, "Memory64List stream claims %llu ranges but only %llu fit",
                (unsigned long long)n, (unsigned long long)fit);
        n = fit;
        s->status = MD_ST_PARTIAL;
    }
    if (n > MD_MAX_RANGES) {
        md_warn(md, "Memory64List: %llu ranges, reading the first %u", (unsigned long long)n,
                MD_MAX_RANGES);
        n = MD_MAX_RANGES;
        s->status = MD_ST_PARTIAL;
    }
    uint64_t dropped = 0, trimmed = 0, bytes = 0;
    for (uint64_t i = 0; i < n; i++) {
        const uint8_t *e = md->data + s->rva + 16 + i * 16;
        uint64_t va = le64(e), size = le64(e + 8);
        if (md->ptr_size == 4)
            va &= 0xffffffffu;
        if (off >= md->size) {
            dropped++;
        } else {
            add_range(md, va, size, off, &dropped, &trimmed);
        }
        bytes += size;
        if (off + size < off) {      /* hostile sizes: the rest is unreachable */
            dropped += n - i - 1;
            break;
        }
        off += size;
    }
    report_cut(md, "Memory64List", dropped, trimmed);
    if (dropped || trimmed)
        s->status = MD_ST_PARTIAL;
    md->have_memory = 1;
    md_note(s, "%llu range%s, %llu bytes", (unsigned long long)n, n == 1 ? "" : "s",
            (unsigned long long)bytes);
}

static int cmp_range(const void *a, const void *b)
{
    const struct md_range *x = a, *y = b;
    if (x->va != y->va)
        return x->va < y->va ? -1 : 1;
    return x->size > y->size ? -1 : x->size < y->size;   /* longer first */
}

void md_finish_ranges(struct md_dump *md)
{
    uint64_t dropped = 0, trimmed = 0;
    /* Thread stacks have their own descriptors; writers normally repeat
     * them in the MemoryList, but add them in case one did not. */
    for (size_t i = 0; i < md->nthreads; i++) {
        const struct md_thread *t = &md->threads[i];
        if (t->stack_size && t->stack_rva)
            add_range(md, t->stack_start, t->stack_size, t->stack_rva, &dropped, &trimmed);
    }
    report_cut(md, "thread stacks", dropped, trimmed);
    if (md->nranges == 0)
        return;
    qsort(md->ranges, md->nranges, sizeof *md->ranges, cmp_range);
    /* Remove overlaps: the first (longest) range at an address wins, and a
     * later range keeps only the part past everything before it. */
    size_t w = 0;
    uint64_t overlaps = 0, covered = 0;
    for (size_t i = 0; i < md->nranges; i++) {
        struct md_range r = md->ranges[i];
        uint64_t rend = r.va + r.size;      /* cannot wrap: add_range clamps */
        if (w > 0 && r.va < covered) {
            const struct md_range *p = &md->ranges[w - 1];
            if (rend <= covered) {
                /* an identical copy (a stack also listed in MemoryList) is normal */
                int dup = r.va >= p->va && rend <= p->va + p->size &&
                          (r.file_off - p->file_off == r.va - p->va ||
                           memcmp(md->data + r.file_off, md->data + p->file_off + (r.va - p->va),
                                  r.size) == 0);
                if (!dup)
                    overlaps++;
                continue;
            }
            overlaps++;
            uint64_t cut = covered - r.va;
            r.va += cut;
            r.size -= cut;
            r.file_off += cut;
        }
        md->ranges[w++] = r;
        if (r.va + r.size > covered)
            covered = r.va + r.size;
    }
    md->nranges = w;
    if (overlaps)
        md_warn(md, "%llu dumped memory range%s overlap%s another with different bytes; the first one is used",
                (unsigned long long)overlaps, overlaps == 1 ? "" : "s", overlaps == 1 ? "s" : "");
    md->dumped_bytes = 0;
    for (size_t i = 0; i < md->nranges; i++)
        md->dumped_bytes += md->ranges[i].size;
}

static int cmp_meminfo(const void *a, const void *b)
{
    const struct an_region *x = a, *y = b;
    return x->base < y->base ? -1 : x->base > y->base;
}

void md_parse_memory_info(struct md_dump *md, struct md_stream *s)
{
    uint32_t hsize, esize;
    uint64_t n;
    if (md_list_header(md, s, "MemoryInfoList", "regions", 16, 1, 48, &hsize, &esize, &n) != 0)
        return;
    if (n > MD_MAX_MEMINFO)
        n = MD_MAX_MEMINFO;
    md->meminfo = ep_calloc((size_t)n, sizeof *md->meminfo);
    md->nmeminfo = (size_t)n;
    md->have_meminfo = 1;
    for (uint64_t i = 0; i < n; i++) {
        const uint8_t *e = md->data + s->rva + hsize + i * esize;
        struct an_region *m = &md->meminfo[i];
        m->base = le64(e);
        m->allocation_base = le64(e + 8);
        m->allocation_protect = le32(e + 16);
        m->size = le64(e + 24);
        m->state = le32(e + 32);
        m->protect = le32(e + 36);
        m->type = le32(e + 40);
    }
    qsort(md->meminfo, md->nmeminfo, sizeof *md->meminfo, cmp_meminfo);
    md_note(s, "%llu region%s", (unsigned long long)n, n == 1 ? "" : "s");
}

const struct md_range *md_find_range(const struct md_dump *md, uint64_t va)
{
    size_t lo = 0, hi = md->nranges;
    while (lo < hi) {               /* first range with va > address */
        size_t mid = lo + (hi - lo) / 2;
        if (md->ranges[mid].va <= va)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    const struct md_range *r = &md->ranges[lo - 1];
    return va - r->va < r->size ? r : NULL;
}

uint64_t md_read(const struct md_dump *md, uint64_t va, void *buf, uint64_t len)
{
    uint8_t *out = buf;
    uint64_t done = 0;
    const struct md_range *r = md_find_range(md, va);
    while (r && done < len) {
        uint64_t at = va + done;
        uint64_t in = at - r->va;
        uint64_t n = r->size - in;
        if (n > len - done)
            n = len - done;
        memcpy(out + done, md->data + r->file_off + in, n);
        done += n;
        if (done == len)
            break;
        const struct md_range *next = r + 1;
        if (next >= md->ranges + md->nranges || next->va != r->va + r->size)
            break;
        r = next;
    }
    return done;
}

int md_read_exact(const struct md_dump *md, uint64_t va, void *buf, uint64_t len)
{
    return md_read(md, va, buf, len) == len ? 0 : -1;
}

int md_read_ptr(const struct md_dump *md, uint64_t va, uint64_t *out)
{
    uint8_t b[8];
    if (md->ptr_size == 4) {
        if (md_read_exact(md, va, b, 4) != 0)
            return -1;
        *out = le32(b);
    } else {
        if (md_read_exact(md, va, b, 8) != 0)
            return -1;
        *out = le64(b);
    }
    return 0;
}

const struct an_region *md_find_meminfo(const struct md_dump *md, uint64_t va)
{
    size_t lo = 0, hi = md->nmeminfo;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (md->meminfo[mid].base <= va)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    const struct an_region *m = &md->meminfo[lo - 1];
    return va - m->base < m->size ? m : NULL;
}

const char *md_protect_name(uint32_t protect, char *buf, size_t bufsz)
{
    static const char *const base[] = {
        "PAGE_NOACCESS", "PAGE_READONLY", "PAGE_READWRITE", "PAGE_WRITECOPY",
        "PAGE_EXECUTE", "PAGE_EXECUTE_READ", "PAGE_EXECUTE_READWRITE", "PAGE_EXECUTE_WRITECOPY",
    };
    if (bufsz == 0)
        return buf;
    buf[0] = 0;
    size_t pos = 0;
    uint32_t low = protect & 0xff;
    for (unsigned i = 0; i < 8; i++)
        if (low == (1u << i))
            pos += (size_t)snprintf(buf + pos, bufsz - pos, "%s", base[i]);
    if (!buf[0] && low)
        pos += (size_t)snprintf(buf + pos, bufsz - pos, "0x%x", low);
    static const struct { uint32_t bit; const char *name; } mods[] = {
        { 0x100, "PAGE_GUARD" }, { 0x200, "PAGE_NOCACHE" }, { 0x400, "PAGE_WRITECOMBINE" },
    };
    for (unsigned i = 0; i < 3 && pos < bufsz; i++)
        if (protect & mods[i].bit)
            pos += (size_t)snprintf(buf + pos, bufsz - pos, "%s%s", pos ? "|" : "", mods[i].name);
    uint32_t rest = protect & ~0x7ffu;
    if (rest && pos < bufsz)
        snprintf(buf + pos, bufsz - pos, "%s0x%x", pos ? "|" : "", rest);
    return buf;
}

const char *md_state_name(uint32_t state)
{
    switch (state) {
    case 0x1000: return "MEM_COMMIT";
    case 0x2000: return "MEM_RESERVE";
    case 0x10000: return "MEM_FREE";
    default: return "";
    }
}

const char *md_type_name(uint32_t type)
{
    switch (type) {
    case 0x20000: return "MEM_PRIVATE";
    case 0x40000: return "MEM_MAPPED";
    case 0x1000000: return "MEM_IMAGE";
    default: return "";
    }
}
