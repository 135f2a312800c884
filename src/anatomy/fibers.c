/* Fibers and fiber-local storage, over a process's address space.
 *
 * A thread that runs fibers keeps its current fiber in NtTib.FiberData
 * (GetCurrentFiber, winnt.h); Windows also sets SameTebFlags.HasFiberData.
 * Fibers that are not running are found by scanning process memory for the
 * FIBER shape (userprofile.c): a stack reservation [DeallocationStack,
 * StackBase) that is page-aligned, with StackLimit inside it, and a saved
 * CONTEXT whose stack pointer lies in that stack.  A running fiber is
 * recognised by its StackBase equalling the TEB's (SwitchToFiber copies
 * the fiber's stack bounds into the TEB).
 *
 * FLS: TEB.FlsData and FIBER.FlsData point to per-thread/per-fiber blocks
 * that begin with a LIST_ENTRY linking all of them (to PEB.FlsListHead on
 * Windows 7/8, to a list head inside ntdll later, and in Wine).  Walking
 * that list finds blocks whose owner is neither a known thread nor a known
 * fiber: evidence of fibers the scan did not see. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anatomy/walk.h"

#define MAX_STACK_RESERVE (256ull << 20)
#define SCAN_BYTE_CAP     (256ull << 20)   /* bytes scanned per process at most (fibers_by_scan) */
#define SCAN_CHUNK        (64u << 10)      /* candidates per read on sources without bytes in place */


static int plausible_stack(uint64_t base, uint64_t limit, uint64_t dealloc)
{
    return dealloc && !(base & 0xfff) && !(limit & 0xfff) && !(dealloc & 0xfff) &&
           dealloc <= limit && limit < base && base - dealloc <= MAX_STACK_RESERVE;
}

static struct an_fiber *add_fiber(struct an_process *a, uint64_t va)
{
    for (size_t i = 0; i < a->nfibers; i++)
        if (a->fibers[i].va == va)
            return NULL;
    if (a->nfibers >= AN_MAX_FIBERS)
        return NULL;
    if (!a->fibers)
        a->fibers = ep_calloc(AN_MAX_FIBERS, sizeof *a->fibers);
    struct an_fiber *f = &a->fibers[a->nfibers++];
    memset(f, 0, sizeof *f);
    f->va = va;
    f->av_fls = AN_AV_UNKNOWN;
    return f;
}

/* Fill the fields of the fiber at f->va from bytes p (at least the fixed
 * prefix); context and FLS are read through the address space. */
static void fill_fiber(struct vas *v, const struct an_user_profile *pr,
                       struct an_fiber *f, const uint8_t *p)
{
    f->fiber_data = an_word(pr, p + pr->fiber_data);
    f->stack_base = an_word(pr, p + pr->fiber_stack_base);
    f->stack_limit = an_word(pr, p + pr->fiber_stack_limit);
    f->deallocation_stack = an_word(pr, p + pr->fiber_deallocation_stack);
    if (pr->fiber_context && pr->ctx_sp) {
        uint64_t pc, sp;
        if (vas_read_ptr(v, f->va + pr->fiber_context + pr->ctx_pc, &pc, NULL) == 0 &&
            vas_read_ptr(v, f->va + pr->fiber_context + pr->ctx_sp, &sp, NULL) == 0) {
            f->has_context = 1;
            f->saved_pc = pc;
            f->saved_sp = sp;
        }
    }
    struct vas_miss m;
    if (pr->fiber_fls_data)
        f->av_fls = vas_read_ptr(v, f->va + pr->fiber_fls_data, &f->fls_data, &m) == 0
                    ? AN_AV_OK : an_av_of(&m);
}

static void fibers_from_tebs(struct an_process *a, const struct an_user_profile *pr)
{
    for (size_t i = 0; i < a->nthreads; i++) {
        const struct an_teb *t = &a->threads[i].teb;
        if (t->av != AN_AV_OK || t->fiber_data < 0x10000)
            continue;          /* below 64K: NtTib.Version, not a pointer */
        uint8_t p[0x30];
        uint32_t need = pr->fiber_deallocation_stack + pr->ptr;
        if (vas_read_exact(a->vas, t->fiber_data, p, need, NULL) != 0)
            continue;
        int flagged = t->av_flags == AN_AV_OK && (t->same_teb_flags & pr->teb_has_fiber_data);
        uint64_t base = an_word(pr, p + pr->fiber_stack_base);
        if (!flagged && base != t->stack_base)
            continue;
        struct an_fiber *f = add_fiber(a, t->fiber_data);
        if (!f)
            continue;
        fill_fiber(a->vas, pr, f, p);
        f->running = 1;
        f->tid = (uint32_t)a->threads[i].tid;
        f->source = "teb";
    }
}

/* Sorted image ranges (modules and loader entries): heap-allocated fibers
 * and FLS blocks never lie in them, and the FLS list head lives in ntdll. */
struct span { uint64_t lo, hi; };

static int cmp_span(const void *a, const void *b)
{
    const struct span *x = a, *y = b;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* The image span that holds va, or NULL. */
static const struct span *image_at(const struct span *v, size_t n, uint64_t va)
{
    size_t lo = 0, hi = n;             /* last span with lo <= va */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].lo <= va)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i > 0 && lo - i < 64; i--)   /* overlapping images: a few back */
        if (va < v[i - 1].hi)
            return &v[i - 1];
    return NULL;
}

/* The modules, and the loader's entries (memory images list no modules
 * until the loader walk is done); *n set. */
static struct span *image_spans(const struct an_process *a, size_t *n)
{
    size_t nimg = 0;
    struct span *img = ep_calloc(a->nmodules + a->ldr.nentries + 1, sizeof *img);
    for (size_t i = 0; i < a->nmodules + a->ldr.nentries; i++) {
        uint64_t base, size;
        if (i < a->nmodules) {
            base = a->modules[i].base;
            size = a->modules[i].size;
        } else if (a->ldr.entries[i - a->nmodules].av == AN_AV_OK) {
            base = a->ldr.entries[i - a->nmodules].base;
            size = a->ldr.entries[i - a->nmodules].size;
        } else {
            continue;
        }
        if (size)
            img[nimg++] = (struct span){ base, size > UINT64_MAX - base ? UINT64_MAX : base + size };
    }
    qsort(img, nimg, sizeof *img, cmp_span);
    *n = nimg;
    return img;
}

/* Test one candidate FIBER at va (its first span bytes at p). */
static int scan_candidate(struct an_process *a, const struct an_user_profile *pr, uint64_t va,
                          const uint8_t *p)
{
    uint64_t base = an_word(pr, p + pr->fiber_stack_base);
    if ((base & 0xfff) || base == 0)
        return 0;
    uint64_t limit = an_word(pr, p + pr->fiber_stack_limit);
    uint64_t dealloc = an_word(pr, p + pr->fiber_deallocation_stack);
    if (!plausible_stack(base, limit, dealloc))
        return 0;
    uint64_t sp = an_word(pr, p + pr->fiber_context + pr->ctx_sp);
    if (sp < limit || sp >= base)
        return 0;
    struct an_fiber *f = add_fiber(a, va);
    if (!f)
        return a->nfibers >= AN_MAX_FIBERS ? -1 : 0;
    fill_fiber(a->vas, pr, f, p);
    f->source = "scan";
    /* A suspended fiber that some thread used to run: mark it running if
     * it is the one a thread is on right now. */
    for (size_t i = 0; i < a->nthreads; i++)
        if (a->threads[i].teb.av == AN_AV_OK && a->threads[i].teb.fiber_data == f->va) {
            f->running = 1;
            f->tid = (uint32_t)a->threads[i].tid;
        }
    return 0;
}

/* Suspended fibers: a scan of the process's readable memory outside its
 * images, through the address space's extents (minidumps: the dumped
 * ranges, in place; memory images: the resident user pages, read in
 * chunks).  At most SCAN_BYTE_CAP bytes per process: fibers live in the
 * process heap, which is far smaller in every process we have met; a
 * process with more is scanned up to the cap and the command warns. */
static void fibers_by_scan(struct an_process *a, const struct an_user_profile *pr)
{
    a->fiber_scan = 1;
    if (!a->scan_fibers || !a->vas->ops->next_extent) {
        a->fiber_scan = -1;          /* not asked for, or the source cannot list its memory */
        return;
    }
    if (!pr->fiber_context || !pr->ctx_sp)
        return;
    uint32_t span = pr->fiber_context + pr->ctx_sp + pr->ptr;
    const uint32_t step = 8;         /* heap blocks are at least 8-byte aligned */
    size_t nimg;
    struct span *img = image_spans(a, &nimg);
    uint8_t *buf = ep_calloc(1, SCAN_CHUNK + span);
    uint64_t scanned = 0;
    struct vas_extent x;
    int rc;
    for (uint64_t from = 0; (rc = a->vas->ops->next_extent(a->vas->impl, from, &x)) == 0; ) {
        if (x.len == 0 || x.len > UINT64_MAX - x.va || x.va + x.len <= from)
            break;                   /* no progress: a broken source */
        from = x.va + x.len;
        /* Image memory holds code and data, never a heap-allocated fiber. */
        const struct span *im = image_at(img, nimg, x.va);
        if (x.image)
            continue;
        if (im) {
            from = im->hi > from ? im->hi : from;
            continue;
        }
        uint64_t end = x.va + x.len;
        for (size_t i = 0; i < nimg; i++)          /* stop at the next image */
            if (img[i].lo > x.va && img[i].lo < end)
                end = img[i].lo;
        if (end - x.va < span)
            continue;
        if (scanned + (end - x.va) > SCAN_BYTE_CAP) {
            a->fiber_scan = 0;
            break;
        }
        scanned += end - x.va;
        /* chunks of SCAN_CHUNK candidates, each read with the span after it */
        for (uint64_t c = x.va; c + span <= end; c += SCAN_CHUNK) {
            uint64_t want = end - c < SCAN_CHUNK + span ? end - c : SCAN_CHUNK + span;
            const uint8_t *d;
            if (x.bytes) {
                d = x.bytes + (c - x.va);
            } else {
                want = vas_read(a->vas, c, buf, want, NULL);
                d = buf;
            }
            uint64_t first = (step - (c % step)) % step;
            for (uint64_t off = first; off < SCAN_CHUNK && off + span <= want; off += step)
                if (scan_candidate(a, pr, c + off, d + off) < 0) {
                    a->fiber_scan = 0;
                    goto done;
                }
        }
    }
    if (rc == -2)
        a->fiber_scan = 0;           /* the source gave up: more fibers may exist */
done:
    free(buf);
    free(img);
}

/* Who owns an FLS block: sorted (fls_data, owner) pairs from the TEBs and
 * the fibers, searched per block, so the walk stays O(n log n). */
struct fls_owner {
    uint64_t fls;
    uint32_t tid;
    uint64_t fiber;
};

static int cmp_owner(const void *a, const void *b)
{
    const struct fls_owner *x = a, *y = b;
    return x->fls < y->fls ? -1 : x->fls > y->fls;
}

static const struct fls_owner *find_owner(const struct fls_owner *v, size_t n, uint64_t fls)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].fls < fls)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo].fls == fls ? &v[lo] : NULL;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void walk_fls(struct an_process *a)
{
    struct vas *v = a->vas;
    size_t nimg;
    struct span *img = image_spans(a, &nimg);
    uint64_t start = 0;
    size_t nown = 0;
    struct fls_owner *own = ep_calloc(a->nthreads + a->nfibers + 1, sizeof *own);
    for (size_t i = 0; i < a->nthreads; i++) {
        const struct an_teb *t = &a->threads[i].teb;
        if (t->av == AN_AV_OK && t->av_fls == AN_AV_OK && t->fls_data) {
            own[nown++] = (struct fls_owner){ t->fls_data, (uint32_t)a->threads[i].tid, 0 };
            if (!start)
                start = t->fls_data;
        }
        }
    for (size_t i = 0; i < a->nfibers; i++)
        if (a->fibers[i].av_fls == AN_AV_OK && a->fibers[i].fls_data) {
            own[nown++] = (struct fls_owner){ a->fibers[i].fls_data, 0, a->fibers[i].va };
            if (!start)
                start = a->fibers[i].fls_data;
        }
    if (!start) {
        free(own);
        free(img);
        a->fls_av = AN_AV_NULL;
        return;
    }
    qsort(own, nown, sizeof *own, cmp_owner);
    /* a thread's block and its running fiber's are the same block: merge */
    size_t w = 0;
    for (size_t i = 0; i < nown; i++) {
        if (w && own[w - 1].fls == own[i].fls) {
            if (!own[w - 1].tid)
                own[w - 1].tid = own[i].tid;
            if (!own[w - 1].fiber)
                own[w - 1].fiber = own[i].fiber;
            continue;
        }
        own[w++] = own[i];
    }
    nown = w;

    a->fls_av = AN_AV_OK;
    a->fls = ep_calloc(AN_MAX_FLS, sizeof *a->fls);
    uint64_t *seen = ep_calloc(AN_MAX_FLS, sizeof *seen);   /* sorted copy of visited blocks */
    size_t nseen = 0;
    uint64_t cur = start;
    for (unsigned steps = 0;; steps++) {
        if (steps >= AN_MAX_FLS) {
            a->fls_av = AN_AV_INVALID;
            snprintf(a->fls_problem, sizeof a->fls_problem, "FLS list: stopped after %u blocks (cap)",
                     AN_MAX_FLS);
            break;
        }
        /* The list head lives in ntdll (or the PEB), not in a heap block. */
        int is_head = image_at(img, nimg, cur) ||
                      (a->peb.av == AN_AV_OK && cur >= a->peb.va && cur - a->peb.va < 0x1000);
        if (!is_head) {
            if (bsearch(&cur, seen, nseen, sizeof *seen, cmp_u64)) {
                a->fls_av = AN_AV_INVALID;
                snprintf(a->fls_problem, sizeof a->fls_problem,
                         "FLS list loops back to 0x%" PRIx64 " without reaching its start", cur);
                break;
            }
            size_t at = nseen;                 /* insert, keeping it sorted */
            while (at > 0 && seen[at - 1] > cur) {
                seen[at] = seen[at - 1];
                at--;
            }
            seen[at] = cur;
            nseen++;
            struct an_fls *b = &a->fls[a->nfls++];
            b->va = cur;
            const struct fls_owner *o = find_owner(own, nown, cur);
            if (o) {
                b->tid = o->tid;
                b->fiber = o->fiber;
            }
        }
        uint64_t next;
        struct vas_miss m;
        if (vas_read_ptr(v, cur, &next, &m) != 0) {
            a->fls_av = an_av_of(&m);
            snprintf(a->fls_problem, sizeof a->fls_problem,
                     "FLS list: block 0x%" PRIx64 " %s", cur, an_why_missing(v, &m));
            break;
        }
        if (next == start)
            break;
        if (next == 0 && cur == start && a->nfls == 1) {
            /* a lone block, linked to nothing: not a broken list */
            break;
        }
        if (next == 0) {
            a->fls_av = AN_AV_INVALID;
            snprintf(a->fls_problem, sizeof a->fls_problem, "FLS list: NULL link at 0x%" PRIx64, cur);
            break;
        }
        cur = next;
    }
    free(seen);
    free(own);
    free(img);
}

void an_find_fibers(struct an_process *a)
{
    const struct an_user_profile *pr = a->profile;
    fibers_from_tebs(a, pr);
    fibers_by_scan(a, pr);
    walk_fls(a);
}
