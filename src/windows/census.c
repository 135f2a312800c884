#include "windows/census.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/sort.h"
#include "windows/objects.h"
#include "windows/csr.h"
#include "windows/psscan.h"
#include "windows/triage.h"
#include "windows/views.h"

static const struct { unsigned bit; const char *name; } view_names_table[] = {
    { VIEW_LIST, "pslist" }, { VIEW_SCAN, "psscan" }, { VIEW_CID, "pspcid" },
    { VIEW_CSRSS, "csrss" }, { VIEW_SESSION, "session" }, { VIEW_THREADS, "thrdscan" },
    { VIEW_MMLIST, "mmlist" }, { VIEW_KILIST, "kilist" }, { VIEW_CSRLIST, "csrlist" },
    { VIEW_W32, "win32" }, { VIEW_DXG, "dxg" },
};

const char *view_name(unsigned view_bit)
{
    for (size_t i = 0; i < sizeof view_names_table / sizeof view_names_table[0]; i++)
        if (view_names_table[i].bit == view_bit)
            return view_names_table[i].name;
    return NULL;
}

void view_names(unsigned bits, char *out, size_t outsz)
{
    size_t pos = 0;
    if (outsz)
        out[0] = 0;
    for (size_t i = 0; i < sizeof view_names_table / sizeof view_names_table[0]; i++) {
        if (!(bits & view_names_table[i].bit) || pos >= outsz)
            continue;
        int n = snprintf(out + pos, outsz - pos, "%s%s", pos ? "," : "", view_names_table[i].name);
        if (n > 0)
            pos += (size_t)n;
    }
}

int census_is_csrss(const struct ep_process *p)
{
    return strcasecmp(p->name, "csrss.exe") == 0 && !p->exit;
}

static int by_pa(const void *a, const void *b)
{
    const struct ep_process *x = a, *y = b;
    if (x->pa != y->pa)
        return x->pa < y->pa ? -1 : 1;
    return x->va > y->va ? -1 : x->va < y->va;      /* a known address first */
}

static int by_va(const void *a, const void *b)
{
    const struct ep_process *x = a, *y = b;
    return x->va < y->va ? -1 : x->va > y->va;
}

/* Fold entries that are the same EPROCESS (same physical address, or the
 * same virtual address) into one, keeping the union of their views.
 * Sorting keeps this O(n log n): a hostile capture can yield 64Ki. */
static void fold(struct process_list *l, int (*cmp)(const void *, const void *), int by_physical)
{
    sort_items(l->items, l->n, sizeof *l->items, cmp);
    unsigned out = 0;
    for (unsigned i = 0; i < l->n; i++) {
        struct ep_process *p = &l->items[i];
        struct ep_process *q = out ? &l->items[out - 1] : NULL;
        int same = q && (by_physical ? (p->pa != ~0ull && p->pa == q->pa) : (p->va && p->va == q->va));
        if (same) {
            q->views |= p->views;
            if (!q->va) q->va = p->va;
            if (q->pa == ~0ull) q->pa = p->pa;
            continue;
        }
        if (out != i)
            l->items[out] = *p;
        out++;
    }
    l->n = out;
}

/* Processes that a view names by address but the list and the scan did
 * not find (a pool header or tag overwritten): read them, if the address
 * holds a Process object. */
static void add_unseen(struct kernel *k, const struct ptrset *seen, struct ptrset *known, unsigned bit,
                       struct process_list *out)
{
    const struct obj_types *t = kernel_types(k);
    const struct nt_layout *l = k->layout;
    if (!t || !l || t->process_index < 0)
        return;
    for (size_t i = 0; i < seen->cap; i++) {
        uint64_t va = seen->slots[i];
        if (!va || ptrset_add(known, va) != 1 || object_of_type(k, va, POINTS_AT_BODY, t->process_index) != va)
            continue;
        struct ep_process p;
        memset(&p, 0, sizeof p);
        p.views = bit;
        if (process_read(k, l, va, &p) == 0)
            process_list_add(out, &p);
    }
}

int census_take(struct kernel *k, struct census *c, struct ep_error *err)
{
    memset(c, 0, sizeof *c);
    c->partial = kernel_is_partial(k);
    if (c->partial) {
        warn_partial_capture(k);
        c->views_read = VIEW_LIST;
        return processes_from_triage(k, &c->procs, err);
    }
    struct process_list scanned = { 0 };
    struct thread_list threads = { 0 };
    struct scan_stats st;
    /* The pool pass first, then the active list: walking the list reads
     * EPROCESSes and page tables all over the capture, which on a cold
     * capture are random reads from disk before the pass (84 major faults
     * on a dense 4 GiB machine); after the pass they are in the page cache
     * (docs/performance.md, "psxview cold").  The list's processes still
     * come first, and its error, if any, is the one reported, as when it
     * ran first. */
    struct ep_error scan_err = {{0}};
    int scan_rc = scan_objects(k, &scanned, &threads, &st, &scan_err);
    int list_rc = processes_from_list(k, &c->procs, err);
    if (list_rc == 0 && scan_rc != 0)
        *err = scan_err;
    if (list_rc != 0 || scan_rc != 0) {
        process_list_free(&scanned);
        thread_list_free(&threads);
        census_free(c);
        return -1;
    }
    c->views_read = VIEW_LIST | VIEW_SCAN | VIEW_THREADS;
    for (unsigned i = 0; i < scanned.n; i++)
        process_list_add(&c->procs, &scanned.items[i]);
    process_list_free(&scanned);
    fold(&c->procs, by_pa, 1);

    /* The other views, each a set of EPROCESS addresses. */
    struct ptrset cid, csrss_seen, sessions, owners, mm, ki, known;
    ptrset_init(&mm);
    ptrset_init(&ki);
    ptrset_init(&cid);
    ptrset_init(&csrss_seen);
    ptrset_init(&sessions);
    ptrset_init(&owners);
    ptrset_init(&known);
    if (view_cid_table(k, &cid, NULL) == 0)
        c->views_read |= VIEW_CID;
    /* Each view reads objects and page tables all over the capture, which
     * stay mapped once read (2,000 processes: 1.2 GB): let them go between
     * views. */
    capture_release_pages(k->cap);
    struct process_list csrss = { 0 };
    for (unsigned i = 0; i < c->procs.n; i++)
        if (census_is_csrss(&c->procs.items[i]))
            process_list_add(&csrss, &c->procs.items[i]);
    if (csrss.n)
        c->views_read |= VIEW_CSRSS;
    view_csrss_handles(k, &csrss, &csrss_seen);
    capture_release_pages(k->cap);
    view_session_lists(k, &c->procs, &sessions);
    capture_release_pages(k->cap);
    c->views_read |= VIEW_SESSION;
    const struct nt_layout *l = k->layout;
    if (l && view_kernel_list(k, l->sym_mm_process_list, l->ep_mm_links, "MmProcessLinks list", &mm) == 0)
        c->views_read |= VIEW_MMLIST;
    if (l && view_kernel_list(k, l->sym_ki_process_list_head, l->ep_ki_links, "KiProcessListHead", &ki) == 0)
        c->views_read |= VIEW_KILIST;
    for (unsigned i = 0; i < threads.n; i++)
        ptrset_add(&owners, threads.items[i].owner);
    thread_list_free(&threads);
    process_list_free(&csrss);

    struct { struct ptrset *set; unsigned bit; } views[] = {
        { &cid, VIEW_CID }, { &csrss_seen, VIEW_CSRSS }, { &sessions, VIEW_SESSION }, { &owners, VIEW_THREADS },
        { &mm, VIEW_MMLIST }, { &ki, VIEW_KILIST },
    };
    for (unsigned i = 0; i < c->procs.n; i++)
        ptrset_add(&known, c->procs.items[i].va);
    for (size_t v = 0; v < sizeof views / sizeof views[0]; v++)
        add_unseen(k, views[v].set, &known, views[v].bit, &c->procs);
    fold(&c->procs, by_pa, 1);
    fold(&c->procs, by_va, 0);
    capture_release_pages(k->cap);
    for (unsigned i = 0; i < c->procs.n; i++) {
        struct ep_process *p = &c->procs.items[i];
        if (i && (i & 63) == 0)
            capture_release_pages(k->cap);
        for (size_t v = 0; p->va && v < sizeof views / sizeof views[0]; v++)
            if (ptrset_has(views[v].set, p->va))
                p->views |= views[v].bit;
        /* the subsystems' structures, each naming its process */
        if (p->va && view_points_back(k, p->win32_process, p->va))
            p->views |= VIEW_W32;
        if (p->va && view_points_back(k, p->dxg_process, p->va))
            p->views |= VIEW_DXG;
    }
    struct ptrset csr;
    ptrset_init(&csr);
    if (view_csr_lists(k, &c->procs, &csr) > 0)
        c->views_read |= VIEW_CSRLIST;
    capture_release_pages(k->cap);
    for (unsigned i = 0; i < c->procs.n; i++)
        if (c->procs.items[i].va && ptrset_has(&csr, c->procs.items[i].va))
            c->procs.items[i].views |= VIEW_CSRLIST;
    ptrset_free(&csr);
    if (l && l->ep_win32_process != NT_NONE)
        c->views_read |= VIEW_W32;
    if (l && l->ep_dxg_process != NT_NONE)
        c->views_read |= VIEW_DXG;
    for (size_t v = 0; v < sizeof views / sizeof views[0]; v++)
        ptrset_free(views[v].set);
    ptrset_free(&known);
    return 0;
}

void census_free(struct census *c)
{
    process_list_free(&c->procs);
}
