/* eproc malfind: memory that is both writable and executable but backs no
 * image: where injected code lives.  With a MemoryInfoList the test is the
 * protection of committed private (or mapped) regions; without one the
 * protection is unknown and the dumped ranges outside every module, stack
 * and TEB that begin with an MZ header are reported instead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anatomy/userprofile.h"
#include "base/disasm.h"
#include "commands/model_cmd.h"
#include "minidump/minidump.h"

#define MD_PROT_BUF 96

extern const struct command cmd_malfind;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "start", "Start", COL_ADDR },
    { "end", "End", COL_ADDR },
    { "protection", "Protection", COL_STR },
    { "type", "Type", COL_STR },
    { "notes", "Notes", COL_STR },
    { "hexdump", "Hexdump", COL_STR },
    { "pe_header", "PEHeader", COL_BOOL },
    { "thread_starts", "ThreadStarts", COL_STR },
    { "disasm", "Disasm", COL_STR },
    { "vad", "VAD", COL_ADDR },
    { "tag", "Tag", COL_STR },
};
enum { C_PID, C_PROC, C_START, C_END, C_PROT, C_TYPE, C_NOTES, C_HEX, C_PE, C_THREADS, C_DISASM,
       C_VAD, C_TAG };

/* Instructions shown from the region's first bytes. */
#define DISASM_INSNS 8

#define HEX_BYTES 64
#define MAX_ROWS 4096

static int exec_write(uint32_t protect)
{
    uint32_t p = protect & 0xff;
    return p == 0x40 || p == 0x80;   /* PAGE_EXECUTE_READWRITE, PAGE_EXECUTE_WRITECOPY */
}

/* Is the first page of the region in the dump and all zero?  Volatility's
 * malfind skips such regions: nothing was written there yet. */
static int region_empty(struct vas *v, uint64_t va, uint64_t size)
{
    uint8_t page[4096];
    uint64_t want = size < sizeof page ? size : sizeof page;
    if (want == 0 || vas_read(v, va, page, want, NULL) != want)
        return 0;
    for (uint64_t i = 0; i < want; i++)
        if (page[i])
            return 0;
    return 1;
}

/* Threads whose start address (the kernel's StartAddress or
 * Win32StartAddress, or the dump's ThreadInfoList) lies in [va, va+size):
 * code that runs from memory no image backs is how injected code starts. */
static void thread_cells(struct table *t, const struct an_process *p, uint64_t va, uint64_t size)
{
    char buf[256] = "";
    size_t pos = 0;
    unsigned n = 0;
    for (size_t i = 0; i < p->nthreads; i++) {
        const struct an_thread *th = &p->threads[i];
        uint64_t starts[2] = { th->has_start ? th->start : 0, th->has_kernel ? th->win32_start : 0 };
        for (int k = 0; k < 2; k++) {
            if (!starts[k] || starts[k] < va || starts[k] - va >= size || (k == 1 && starts[1] == starts[0]))
                continue;
            if (pos < sizeof buf)
                pos += (size_t)snprintf(buf + pos, sizeof buf - pos, "%sTID %llu at 0x%llx", n ? ", " : "",
                                        (unsigned long long)th->tid, (unsigned long long)starts[k]);
            n++;
            break;
        }
    }
    if (n)
        cell_str(t, C_THREADS, buf);
}

/* Fill notes, hexdump, PE header flag, disassembly and thread starts from
 * the region's first bytes. */
static void content_cells(struct table *t, const struct an_process *p, uint64_t va, uint64_t size,
                          const char *extra)
{
    struct vas *v = p->vas;
    uint8_t head[HEX_BYTES];
    uint64_t want = size < sizeof head ? size : sizeof head;
    uint64_t got = vas_read(v, va, head, want, NULL);
    char notes[192] = "";
    if (extra)
        snprintf(notes, sizeof notes, "%s", extra);
    size_t n = strlen(notes);
    int mz = got >= 2 && head[0] == 'M' && head[1] == 'Z';
    if (got == 0)
        snprintf(notes + n, sizeof notes - n, "%scontents not in the dump", n ? "; " : "");
    else if (mz)
        snprintf(notes + n, sizeof notes - n, "%sMZ header", n ? "; " : "");
    if (notes[0])
        cell_str(t, C_NOTES, notes);
    thread_cells(t, p, va, size);
    if (got == 0)
        return;
    cell_bool(t, C_PE, mz);
    char hex[HEX_BYTES * 3 + 1];
    size_t pos = 0;
    for (uint64_t i = 0; i < got; i++)
        pos += (size_t)snprintf(hex + pos, sizeof hex - pos, "%s%02x", i ? " " : "", head[i]);
    cell_str(t, C_HEX, hex);
    char dis[1024];
    /* x86-64 code only: a 32-bit or ARM64 process's bytes would decode as nonsense */
    if (p->profile == an_user_profile(AN_CPU_X64) && disasm_x64(head, got, va, DISASM_INSNS, dis, sizeof dis) >= 0)
        cell_str(t, C_DISASM, dis);
}

/* --- without a MemoryInfoList: what explains an MZ header in memory ---
 * Known areas (modules, loader entries, stacks, TEBs, fiber stacks, the
 * PEB) are collected once, sorted, and looked up by binary search; module
 * headers are hashed once.  The work stays O(n log n) whatever the counts
 * a hostile dump claims. */

struct area {
    uint64_t lo, hi;             /* [lo, hi) */
    const char *why;
};

struct known {
    struct area *areas;
    size_t n, cap;
    uint64_t *maxhi;             /* maxhi[i]: largest hi among areas[0..i] */
    size_t *maxidx;
    uint64_t *header_hash;       /* sorted hashes of modules' first HEAD_CMP bytes */
    size_t nhash;
};

#define HEAD_CMP 0x400

static void add_area(struct known *k, uint64_t lo, uint64_t size, const char *why)
{
    if (size == 0)
        return;
    if (k->n == k->cap) {
        k->cap = k->cap ? k->cap * 2 : 64;
        k->areas = realloc(k->areas, k->cap * sizeof *k->areas);
        if (!k->areas)
            abort();
    }
    uint64_t hi = size > UINT64_MAX - lo ? UINT64_MAX : lo + size;
    k->areas[k->n++] = (struct area){ lo, hi, why };
}

static int cmp_area(const void *a, const void *b)
{
    const struct area *x = a, *y = b;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static uint64_t fnv1a(const uint8_t *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

static void known_build(struct known *k, const struct an_process *a)
{
    memset(k, 0, sizeof *k);
    for (size_t i = 0; i < a->nmodules; i++)
        add_area(k, a->modules[i].base, a->modules[i].size, "inside a module of the ModuleList");
    for (size_t i = 0; i < a->ldr.nentries; i++)
        if (a->ldr.entries[i].av == AN_AV_OK)
            add_area(k, a->ldr.entries[i].base, a->ldr.entries[i].size,
                     "inside a module of the loader lists");
    for (size_t i = 0; i < a->nthreads; i++) {
        const struct an_thread *th = &a->threads[i];
        add_area(k, th->stack_start, th->stack_dumped, "inside a thread stack");
        if (th->teb_va)
            add_area(k, th->teb_va, 0x2000, "inside a TEB");
        const struct an_teb *tb = &th->teb;
        if (tb->av == AN_AV_OK) {
            uint64_t lo = tb->av_deallocation == AN_AV_OK && tb->deallocation_stack
                          ? tb->deallocation_stack : tb->stack_limit;
            if (lo < tb->stack_base)
                add_area(k, lo, tb->stack_base - lo, "inside a thread stack");
        }
    }
    for (size_t i = 0; i < a->nfibers; i++) {
        const struct an_fiber *f = &a->fibers[i];
        if (f->deallocation_stack < f->stack_base)
            add_area(k, f->deallocation_stack, f->stack_base - f->deallocation_stack,
                     "inside a fiber stack");
    }
    if (a->peb.av == AN_AV_OK)
        add_area(k, a->peb.va, 0x1000, "inside the PEB");
    if (k->n) {
        qsort(k->areas, k->n, sizeof *k->areas, cmp_area);
        k->maxhi = calloc(k->n, sizeof *k->maxhi);
        k->maxidx = calloc(k->n, sizeof *k->maxidx);
        if (!k->maxhi || !k->maxidx)
            abort();
        for (size_t i = 0; i < k->n; i++) {
            int take = i == 0 || k->areas[i].hi > k->maxhi[i - 1];
            k->maxhi[i] = take ? k->areas[i].hi : k->maxhi[i - 1];
            k->maxidx[i] = take ? i : k->maxidx[i - 1];
        }
    }
    k->header_hash = calloc(a->nmodules + 1, sizeof *k->header_hash);
    if (!k->header_hash)
        abort();
    uint8_t head[HEAD_CMP];
    for (size_t i = 0; i < a->nmodules; i++)
        if (vas_read_exact(a->vas, a->modules[i].base, head, HEAD_CMP, NULL) == 0)
            k->header_hash[k->nhash++] = fnv1a(head, HEAD_CMP);
    qsort(k->header_hash, k->nhash, sizeof *k->header_hash, cmp_u64);
}

static void known_free(struct known *k)
{
    free(k->areas);
    free(k->maxhi);
    free(k->maxidx);
    free(k->header_hash);
}

/* Returns what explains an MZ header at the start of range r, or NULL. */
static const char *explained(const struct an_process *a, const struct known *k,
                             const struct vas_extent *r)
{
    size_t lo = 0, hi = k->n;               /* last area with lo <= va */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (k->areas[mid].lo <= r->va)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0 && k->maxhi[lo - 1] > r->va)
        return k->areas[k->maxidx[lo - 1]].why;
    /* The API set schema is a PE mapped as data (PEB.ApiSetMap). */
    if (a->peb.av == AN_AV_OK && a->peb.api_set_map >= r->va &&
        a->peb.api_set_map - r->va < r->len)
        return "the API set schema (PEB.ApiSetMap)";
    /* A file mapping of a loaded module (debuggers and dbghelp map DLLs to
     * read them): its headers equal the module's. */
    uint8_t mine[HEAD_CMP];
    if (r->len >= HEAD_CMP && vas_read_exact(a->vas, r->va, mine, HEAD_CMP, NULL) == 0) {
        uint64_t h = fnv1a(mine, HEAD_CMP);
        if (bsearch(&h, k->header_hash, k->nhash, sizeof h, cmp_u64))
            return "a mapped copy of a loaded module's file";
    }
    return NULL;
}

static void process_rows(const struct anatomy *a, const struct an_process *p, struct table *t)
{
    char pbuf[MD_PROT_BUF];
    if (!p->vas)
        return;
    if (p->have_regions) {
        size_t examined = 0;
        for (size_t i = 0; i < p->nregions; i++) {
            const struct an_region *m = &p->regions[i];
            if (m->state != 0x1000 || m->type == 0x1000000 || !exec_write(m->protect))
                continue;
            if (++examined > MAX_ROWS) {
                ep_warn("%s: malfind: more than %d candidate regions; the rest are not examined",
                        a->label, MAX_ROWS);
                break;
            }
            if (region_empty(p->vas, m->base, m->size))
                continue;
            table_add_row(t);
            model_cells_process(t, C_PID, C_PROC, p);
            cell_addr(t, C_START, m->base);
            cell_addr(t, C_END, m->base + m->size - 1);
            cell_str(t, C_PROT, md_protect_name(m->protect, pbuf, sizeof pbuf));
            cell_str(t, C_TYPE, md_type_name(m->type));
            content_cells(t, p, m->base, m->size, NULL);
            if (m->has_vad) {
                cell_addr(t, C_VAD, m->vad_va);
                cell_str(t, C_TAG, m->tag[0] ? m->tag : NULL);
            }
        }
        return;
    }
    if (!p->vas->ops->next_extent)
        return;
    ep_warn("%s: malfind: no MemoryInfoList stream, so protections are unknown: "
            "reporting dumped memory that starts with an MZ header outside every module, "
            "stack and TEB", a->label);
    struct known k;
    known_build(&k, p);
    size_t rows = 0;
    struct vas_extent x;
    for (uint64_t from = 0; p->vas->ops->next_extent(p->vas->impl, from, &x) == 0 && x.len;) {
        const struct vas_extent *r = &x;
        uint64_t xe = x.len > UINT64_MAX - x.va ? UINT64_MAX : x.va + x.len;
        int last = xe <= from || xe == UINT64_MAX;
        from = xe;
        if ((r->va & 0xfff) || r->len < 2 || !r->bytes || r->bytes[0] != 'M' || r->bytes[1] != 'Z') {
            if (last)
                break;
            continue;
        }
        const char *why = explained(p, &k, r);
        if (why) {
            ep_info("%s: malfind: MZ at 0x%llx: %s", a->label, (unsigned long long)r->va, why);
        } else {
            if (rows == MAX_ROWS) {
                ep_warn("%s: malfind: more than %d candidates; the rest are not listed",
                        a->label, MAX_ROWS);
                break;
            }
            rows++;
            table_add_row(t);
            model_cells_process(t, C_PID, C_PROC, p);
            cell_addr(t, C_START, r->va);
            cell_addr(t, C_END, r->va + r->len - 1);
            content_cells(t, p, r->va, r->len,
                          "protection unknown (no MemoryInfoList); in no module, loader list, "
                          "stack or TEB");
        }
        if (last)
            break;
    }
    known_free(&k);
}

static int run_malfind(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin(ctx, &cmd_malfind, argc, argv, cols, ARRAY_LEN(cols), &a, &t, &rc))
        return rc;
    model_warn_missing_part(a, "malfind", a->no_regions);
    for (size_t i = 0; i < a->nprocs; i++)
        process_rows(a, &a->procs[i], t);
    /* Exit 1 when a region is reported (docs/architecture.md, "Contracts": a check found something). */
    return model_cmd_finish_found(ctx, t, a, table_row_count(t) > 0);
}
const struct command cmd_malfind = {
    "malfind",
    "find injected code: executable+writable memory no image backs, with hex dump and disassembly",
    "usage: eproc -f CAPTURE malfind [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "Reports committed memory that is not part of an image and is both\n"
    "writable and executable (PAGE_EXECUTE_READWRITE or _WRITECOPY), per the\n"
    "VADs (memory images) or the MemoryInfoList stream (minidumps), with the\n"
    "first 64 bytes in hex, their x86-64 disassembly (capstone; x64 processes),\n"
    "whether they start with an MZ header (pe_header), and the threads whose\n"
    "start address lies in the region (thread_starts).  Exit status 1 when\n"
    "anything is reported.  Regions whose first page is all zero\n"
    "are skipped, as Volatility's malfind does.  Without a MemoryInfoList\n"
    "the protection is unknown: then dumped memory that starts with an MZ\n"
    "header outside every module, thread stack and TEB is reported, with\n"
    "protection null and a note saying so.\n"
    "\n"
    "columns: pid, process, start, end, protection, type, notes, hexdump,\n"
    "pe_header, thread_starts, disasm, vad, tag (the last two: memory images)\n",
    run_malfind,
};

COMMAND_COLUMNS(cmd_malfind, cols, sizeof cols / sizeof cols[0], NULL)
