/* Fibers and fiber-local storage from dumped memory.
 *
 * A thread that runs fibers keeps its current fiber in NtTib.FiberData
 * (GetCurrentFiber, winnt.h); Windows also sets SameTebFlags.HasFiberData.
 * Fibers that are not running are found by scanning dumped memory for the
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

#include "minidump/md_internal.h"
#include "minidump/userprofile.h"

void md_find_fibers(struct md_dump *md, struct md_anatomy *a);

#define MAX_STACK_RESERVE (256ull << 20)
#define SCAN_BYTE_CAP     (4ull << 30)     /* bytes of dumped memory scanned at most */

static uint64_t word(const struct md_dump *md, const uint8_t *p)
{
    return md->ptr_size == 4 ? le32(p) : le64(p);
}

static int plausible_stack(uint64_t base, uint64_t limit, uint64_t dealloc)
{
    return dealloc && !(base & 0xfff) && !(limit & 0xfff) && !(dealloc & 0xfff) &&
           dealloc <= limit && limit < base && base - dealloc <= MAX_STACK_RESERVE;
}

static struct md_fiber *add_fiber(struct md_anatomy *a, uint64_t va)
{
    for (size_t i = 0; i < a->nfibers; i++)
        if (a->fibers[i].va == va)
            return NULL;
    if (a->nfibers >= MD_MAX_FIBERS)
        return NULL;
    if (!a->fibers)
        a->fibers = md_calloc(MD_MAX_FIBERS, sizeof *a->fibers);
    struct md_fiber *f = &a->fibers[a->nfibers++];
    memset(f, 0, sizeof *f);
    f->va = va;
    f->av_fls = MD_AV_UNKNOWN;
    return f;
}

/* Fill the fields of the fiber at f->va from bytes p (at least the fixed
 * prefix); context and FLS are read through md_read. */
static void fill_fiber(const struct md_dump *md, const struct md_user_profile *pr,
                       struct md_fiber *f, const uint8_t *p)
{
    f->fiber_data = word(md, p + pr->fiber_data);
    f->stack_base = word(md, p + pr->fiber_stack_base);
    f->stack_limit = word(md, p + pr->fiber_stack_limit);
    f->deallocation_stack = word(md, p + pr->fiber_deallocation_stack);
    if (pr->fiber_context && pr->ctx_sp) {
        uint64_t pc, sp;
        if (md_read_ptr(md, f->va + pr->fiber_context + pr->ctx_pc, &pc) == 0 &&
            md_read_ptr(md, f->va + pr->fiber_context + pr->ctx_sp, &sp) == 0) {
            f->has_context = 1;
            f->saved_pc = pc;
            f->saved_sp = sp;
        }
    }
    if (pr->fiber_fls_data)
        f->av_fls = md_read_ptr(md, f->va + pr->fiber_fls_data, &f->fls_data) == 0
                    ? MD_AV_OK : MD_AV_NOT_DUMPED;
}

static void fibers_from_tebs(struct md_dump *md, const struct md_user_profile *pr,
                             struct md_anatomy *a)
{
    for (size_t i = 0; i < a->ntebs; i++) {
        const struct md_teb *t = &a->tebs[i];
        if (t->av != MD_AV_OK || t->fiber_data < 0x10000)
            continue;          /* below 64K: NtTib.Version, not a pointer */
        uint8_t p[0x30];
        uint32_t need = pr->fiber_deallocation_stack + pr->ptr;
        if (md_read_exact(md, t->fiber_data, p, need) != 0)
            continue;
        int flagged = t->av_flags == MD_AV_OK && (t->same_teb_flags & pr->teb_has_fiber_data);
        uint64_t base = word(md, p + pr->fiber_stack_base);
        if (!flagged && base != t->stack_base)
            continue;
        struct md_fiber *f = add_fiber(a, t->fiber_data);
        if (!f)
            continue;
        fill_fiber(md, pr, f, p);
        f->running = 1;
        f->tid = md->threads[i].tid;
        f->source = "teb";
    }
}

static void fibers_by_scan(struct md_dump *md, const struct md_user_profile *pr,
                           struct md_anatomy *a)
{
    a->fiber_scan_complete = 1;
    if (!pr->fiber_context || !pr->ctx_sp || (md->arch != MD_ARCH_X86 && md->arch != MD_ARCH_X64))
        return;
    uint32_t span = pr->fiber_context + pr->ctx_sp + pr->ptr;
    uint32_t step = 8;   /* heap blocks are at least 8-byte aligned */
    uint64_t scanned = 0;
    for (size_t r = 0; r < md->nranges; r++) {
        const struct md_range *rg = &md->ranges[r];
        if (rg->size < span)
            continue;
        /* Image memory holds code and data, never a heap-allocated fiber. */
        const struct md_meminfo *mi = md_find_meminfo(md, rg->va);
        if (mi && mi->type == 0x1000000)
            continue;
        if (scanned + rg->size > SCAN_BYTE_CAP) {
            a->fiber_scan_complete = 0;
            break;
        }
        scanned += rg->size;
        const uint8_t *d = md->data + rg->file_off;
        uint64_t first = (step - (rg->va % step)) % step;
        for (uint64_t off = first; off + span <= rg->size; off += step) {
            const uint8_t *p = d + off;
            uint64_t base = word(md, p + pr->fiber_stack_base);
            if ((base & 0xfff) || base == 0)
                continue;
            uint64_t limit = word(md, p + pr->fiber_stack_limit);
            uint64_t dealloc = word(md, p + pr->fiber_deallocation_stack);
            if (!plausible_stack(base, limit, dealloc))
                continue;
            uint64_t sp = word(md, p + pr->fiber_context + pr->ctx_sp);
            if (sp < limit || sp >= base)
                continue;
            struct md_fiber *f = add_fiber(a, rg->va + off);
            if (!f) {
                if (a->nfibers >= MD_MAX_FIBERS) {
                    a->fiber_scan_complete = 0;
                    return;
                }
                continue;
            }
            fill_fiber(md, pr, f, p);
            f->source = "scan";
            /* A suspended fiber that some thread used to run: mark it
             * running if its stack is the one a thread is on right now. */
            for (size_t i = 0; i < a->ntebs; i++)
                if (a->tebs[i].av == MD_AV_OK && a->tebs[i].fiber_data == f->va) {
                    f->running = 1;
                    f->tid = md->threads[i].tid;
                }
        }
    }
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

static void walk_fls(struct md_dump *md, struct md_anatomy *a)
{
    uint64_t start = 0;
    size_t nown = 0;
    struct fls_owner *own = md_calloc(a->ntebs + a->nfibers + 1, sizeof *own);
    for (size_t i = 0; i < a->ntebs; i++)
        if (a->tebs[i].av == MD_AV_OK && a->tebs[i].av_fls == MD_AV_OK && a->tebs[i].fls_data) {
            own[nown++] = (struct fls_owner){ a->tebs[i].fls_data, md->threads[i].tid, 0 };
            if (!start)
                start = a->tebs[i].fls_data;
        }
    for (size_t i = 0; i < a->nfibers; i++)
        if (a->fibers[i].av_fls == MD_AV_OK && a->fibers[i].fls_data) {
            own[nown++] = (struct fls_owner){ a->fibers[i].fls_data, 0, a->fibers[i].va };
            if (!start)
                start = a->fibers[i].fls_data;
        }
    if (!start) {
        free(own);
        a->fls_av = MD_AV_NULL;
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

    a->fls_av = MD_AV_OK;
    a->fls = md_calloc(MD_MAX_FLS, sizeof *a->fls);
    uint64_t *seen = md_calloc(MD_MAX_FLS, sizeof *seen);   /* sorted copy of visited blocks */
    size_t nseen = 0;
    uint64_t cur = start;
    for (unsigned steps = 0;; steps++) {
        if (steps >= MD_MAX_FLS) {
            a->fls_av = MD_AV_INVALID;
            snprintf(a->fls_problem, sizeof a->fls_problem, "FLS list: stopped after %u blocks (cap)",
                     MD_MAX_FLS);
            break;
        }
        /* The list head lives in ntdll (or the PEB), not in a heap block. */
        int is_head = md_find_module(md, cur) != NULL ||
                      (a->peb.av == MD_AV_OK && cur >= a->peb.va && cur - a->peb.va < 0x1000);
        if (!is_head) {
            if (bsearch(&cur, seen, nseen, sizeof *seen, cmp_u64)) {
                a->fls_av = MD_AV_INVALID;
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
            struct md_fls *b = &a->fls[a->nfls++];
            b->va = cur;
            const struct fls_owner *o = find_owner(own, nown, cur);
            if (o) {
                b->tid = o->tid;
                b->fiber = o->fiber;
            }
        }
        uint64_t next;
        if (md_read_ptr(md, cur, &next) != 0) {
            a->fls_av = MD_AV_NOT_DUMPED;
            snprintf(a->fls_problem, sizeof a->fls_problem,
                     "FLS list: block 0x%" PRIx64 " is not in the dump", cur);
            break;
        }
        if (next == start)
            break;
        if (next == 0) {
            a->fls_av = MD_AV_INVALID;
            snprintf(a->fls_problem, sizeof a->fls_problem, "FLS list: NULL link at 0x%" PRIx64, cur);
            break;
        }
        cur = next;
    }
    free(seen);
    free(own);
}

void md_find_fibers(struct md_dump *md, struct md_anatomy *a)
{
    const struct md_user_profile *pr = md_user_profile(md->arch);
    fibers_from_tebs(md, pr, a);
    fibers_by_scan(md, pr, a);
    walk_fls(md, a);
}
