/* Executable memory no image backs (exec_memory.h). */
#include "check/exec_memory.h"

#include <stdlib.h>
#include <string.h>

#define MEM_COMMIT 0x1000u
#define MEM_IMAGE 0x1000000u

int exec_write_protect(uint32_t protect)
{
    uint32_t p = protect & 0xff;
    return p == 0x40 || p == 0x80;   /* PAGE_EXECUTE_READWRITE, PAGE_EXECUTE_WRITECOPY */
}

int exec_any_protect(uint32_t protect)
{
    /* PAGE_EXECUTE 0x10, _READ 0x20, _READWRITE 0x40, _WRITECOPY 0x80 */
    return (protect & 0xf0) != 0;
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

const struct an_region *exec_region_holding(const struct an_process *p, uint64_t va)
{
    if (!p->have_regions)
        return NULL;
    size_t lo = 0, hi = p->nregions;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct an_region *r = &p->regions[mid];
        if (va < r->base)
            hi = mid;
        else if (va - r->base >= r->size)
            lo = mid + 1;
        else
            return r;
    }
    return NULL;
}

int exec_starts_mz(const struct an_process *p, uint64_t va)
{
    uint8_t mz[2];
    return p->vas && vas_read_exact(p->vas, va, mz, 2, NULL) == 0 && mz[0] == 'M' && mz[1] == 'Z';
}

void exec_region_read(const struct an_process *p, const struct an_region *r, struct exec_region *out)
{
    memset(out, 0, sizeof *out);
    if (r->state != MEM_COMMIT || r->type == MEM_IMAGE)
        return;
    out->executable = exec_any_protect(r->protect);
    out->candidate = exec_write_protect(r->protect);
    if (!out->executable)
        return;
    out->written = !(p->vas && region_empty(p->vas, r->base, r->size));
    out->mz = exec_starts_mz(p, r->base);
}

size_t exec_thread_starts(const struct an_process *p, uint64_t va, uint64_t size, struct exec_start *out,
                          size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < p->nthreads; i++) {
        const struct an_thread *th = &p->threads[i];
        uint64_t starts[2] = { th->has_start ? th->start : 0, th->has_kernel ? th->win32_start : 0 };
        for (int k = 0; k < 2; k++) {
            if (!starts[k] || starts[k] < va || starts[k] - va >= size || (k == 1 && starts[1] == starts[0]))
                continue;
            if (n < max)
                out[n] = (struct exec_start){ th->tid, starts[k] };
            n++;
            break;
        }
    }
    return n;
}

/* --- without regions: what explains an MZ header in memory (exec_scan_mz) ---
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

int exec_scan_mz(const struct an_process *p, exec_mz_fn fn, void *ctx)
{
    if (!p->vas || !p->vas->ops->next_extent)
        return -1;
    struct known k;
    known_build(&k, p);
    struct vas_extent x;
    for (uint64_t from = 0; p->vas->ops->next_extent(p->vas->impl, from, &x) == 0 && x.len;) {
        const struct vas_extent *r = &x;
        uint64_t xe = x.len > UINT64_MAX - x.va ? UINT64_MAX : x.va + x.len;
        int last = xe <= from || xe == UINT64_MAX;
        from = xe;
        if (!(r->va & 0xfff) && r->len >= 2 && r->bytes && r->bytes[0] == 'M' && r->bytes[1] == 'Z' &&
            fn(ctx, r, explained(p, &k, r)))
            break;
        if (last)
            break;
    }
    known_free(&k);
    return 0;
}
