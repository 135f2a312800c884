#include "windows/psscan.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"
#include "base/sort.h"
#include "windows/objects.h"
#include "windows/poolscan.h"

#define TAG_PROCESS POOL_TAG('P', 'r', 'o', 'c')
#define TAG_THREAD POOL_TAG('T', 'h', 'r', 'e')
#define MAX_OPTIONAL_HEADERS 0x100
#define MAX_THREADS_FOUND (1u << 22)
/* Tag hits kept for after the pass, all workers together (8 bytes each:
 * 32 MiB); a capture with more (hostile, or tags everywhere) has the rest
 * followed during the pass, as it comes. */
#define MAX_DEFERRED_HITS (1u << 22)
#define FOLLOWED_PER_RELEASE 64u

struct worker_state {
    struct vspace vs;
    struct process_list procs;
    struct thread_list threads;
    uint64_t hits, rejected;
    uint64_t *deferred;        /* hit pa | tag index, in the order found */
    unsigned ndeferred, deferred_cap;
};

struct scan_ctx {
    struct kernel *k;
    const struct nt_layout *l;
    const struct obj_types *types;
    uint64_t phys_limit;
    int want_threads;
    unsigned max_deferred;     /* per worker */
    struct worker_state *w;
};

static int kernel_ptr(uint64_t p)
{
    return p >= 0xffff800000000000ull && va_canonical(p);
}

/* Candidate object headers inside a pool block: the optional headers the
 * InfoMask announces must exactly fill the gap after the pool header, and
 * header plus body must fit in the block (_POOL_HEADER.BlockSize, in
 * 16-byte units, bits 16-23 of its first ULONG on x64).  Zeroed optional
 * headers can look like a header with an empty InfoMask, so there can be
 * several candidates; they are returned largest gap first and the caller
 * validates each.  Returns how many were stored. */
static unsigned object_header_candidates(const struct nt_layout *l, const uint8_t *page, unsigned block_off,
                                         uint32_t body_size, unsigned out[8])
{
    unsigned start = block_off + l->pool_header_size;
    unsigned block = ((le32(page + block_off) >> 16) & 0xff) * 16;
    unsigned n = 0;
    for (int gap = MAX_OPTIONAL_HEADERS; gap >= 0 && n < 8; gap -= 8) {
        unsigned h = start + (unsigned)gap;
        if (h + l->oh_body > 0x1000)
            continue;
        if (block && l->pool_header_size + (unsigned)gap + l->oh_body + body_size > block)
            continue;
        uint8_t mask = page[h + l->oh_info_mask];
        unsigned want = 0;
        for (int bit = 0; bit < 7; bit++)        /* padding (bit 7) is variable: not used by these objects */
            if (mask & (1u << bit))
                want += l->oh_optional_size[bit];
        if (!(mask & 0x80) && want == (unsigned)gap)
            out[n++] = h;
    }
    return n;
}

/* Copy the object body; bodies may run past the page in contiguous memory. */
static const uint8_t *body_bytes(struct scan_ctx *c, const uint8_t *page, uint64_t page_pa, unsigned off,
                                 uint32_t size, uint8_t *buf)
{
    if (off + size <= 0x1000)
        return page + off;
    if (phys_read(c->k->cap, page_pa + off, buf, size) != size)
        return NULL;
    return buf;
}

/* Recover an object's virtual address from a LIST_ENTRY inside it: a
 * neighbour's back (or forward) link names it, or it points to itself. */
static uint64_t va_from_links(struct vspace *vs, uint64_t flink, uint64_t blink, uint32_t links_off,
                              uint64_t links_pa)
{
    uint64_t cand[3] = { 0, 0, 0 };
    uint64_t v;
    if (kernel_ptr(flink) && vread_u64(vs, flink + 8, &v) == 0)
        cand[0] = v;
    if (kernel_ptr(blink) && vread_u64(vs, blink, &v) == 0)
        cand[1] = v;
    if (flink == blink)
        cand[2] = flink;
    for (int i = 0; i < 3; i++) {
        struct vt_result r;
        if (kernel_ptr(cand[i]) && vtop(vs, cand[i], &r) == 0 && r.pa == links_pa)
            return cand[i] - links_off;
    }
    return 0;
}

/* header_va is 0 when unknown; then only bits 8-11 of the address (its
 * offset in the page, the same in both address spaces) are known, and
 * bits 12-15 leave 16 possible decodings. */
static int type_ok(const struct scan_ctx *c, uint64_t header_va, unsigned header_page_off, uint8_t encoded, int want)
{
    if (want < 0)
        return 1;                      /* type table unreadable: rely on field checks */
    if (header_va)
        return obj_type_index(c->types, header_va, encoded) == want;
    for (uint64_t hi = 0; hi < 16; hi++)
        if (obj_type_index(c->types, (hi << 12) | header_page_off, encoded) == (uint8_t)want)
            return 1;
    return 0;
}

/* Does the EPROCESS body at hdr + oh_body look real?  Fills p when so. */
static int try_process(struct scan_ctx *c, struct worker_state *w, const uint8_t *page, uint64_t page_pa,
                       unsigned hdr, struct ep_process *p)
{
    const struct nt_layout *l = c->l;
    static _Thread_local uint8_t buf[0x4000];
    const uint8_t *ep = body_bytes(c, page, page_pa, hdr + l->oh_body, l->ep_size, buf);
    if (!ep)
        return 0;
    /* Only fields the kernel itself depends on decide (docs/decisions.md,
     * "psscan validity checks"): the PID is the process's handle in
     * PspCidTable, the DTB is loaded into CR3 to run it.  The name, the
     * create time and the list links are the attacker's to rewrite and
     * never reject a candidate. */
    uint64_t pid = le64(ep + l->ep_pid);
    uint64_t dtb = le64(ep + l->ep_dtb);
    uint64_t flink = le64(ep + l->ep_links), blink = le64(ep + l->ep_links + 8);
    if ((pid & 3) || pid > 0xffffffffull)
        return 0;
    if (dtb == 0 || (dtb & 0xfff) || dtb >= c->phys_limit)
        return 0;
    uint64_t body_pa = page_pa + hdr + l->oh_body;
    uint64_t va = va_from_links(&w->vs, flink, blink, l->ep_links, body_pa + l->ep_links);
    if (!type_ok(c, va ? va - l->oh_body : 0, hdr, page[hdr + l->oh_type_index], c->types->process_index))
        return 0;
    memset(p, 0, sizeof *p);
    p->va = va;
    p->pa = body_pa;
    p->views = VIEW_SCAN;
    /* Follow pointers (path, session, handle table) through this worker's
     * own address space: translation caches are per thread. */
    process_decode(l, ep, p, &w->vs);
    return 1;
}

static void on_process(struct scan_ctx *c, struct worker_state *w, uint64_t pa, const uint8_t *page)
{
    unsigned cand[8];
    unsigned n = object_header_candidates(c->l, page, pa & 0xfff, c->l->ep_size, cand);
    for (unsigned i = 0; i < n; i++) {
        struct ep_process p;
        if (try_process(c, w, page, pa & ~0xfffull, cand[i], &p)) {
            process_list_add(&w->procs, &p);
            return;
        }
    }
    w->rejected++;
}

static int add_thread(struct worker_state *w, const struct scanned_thread *t)
{
    if (w->threads.n >= MAX_THREADS_FOUND)
        return 0;
    if (w->threads.n == w->threads.cap) {
        unsigned cap = w->threads.cap ? w->threads.cap * 2 : 256;
        struct scanned_thread *items = realloc(w->threads.items, (size_t)cap * sizeof *items);
        if (!items)
            return 0;
        w->threads.items = items;
        w->threads.cap = cap;
    }
    w->threads.items[w->threads.n++] = *t;
    return 1;
}

/* Does the ETHREAD body at hdr + oh_body look real?  Adds it when so. */
static int try_thread(struct scan_ctx *c, struct worker_state *w, const uint8_t *page, uint64_t page_pa,
                      unsigned hdr)
{
    const struct nt_layout *l = c->l;
    static _Thread_local uint8_t buf[0x4000];
    const uint8_t *th = body_bytes(c, page, page_pa, hdr + l->oh_body, l->th_size, buf);
    if (!th)
        return 0;
    uint64_t pid = le64(th + l->th_cid_pid), tid = le64(th + l->th_cid_tid);
    uint64_t owner = le64(th + l->th_process);
    if ((pid & 3) || (tid & 3) || tid == 0 || pid > 0xffffffffull || tid > 0xffffffffull || !kernel_ptr(owner))
        return 0;
    uint64_t create = l->th_create != NT_NONE ? le64(th + l->th_create) : 0;   /* shown, never checked */
    uint64_t flink = l->th_links != NT_NONE ? le64(th + l->th_links) : 0;
    uint64_t blink = l->th_links != NT_NONE ? le64(th + l->th_links + 8) : 0;
    uint64_t body_pa = page_pa + hdr + l->oh_body;
    uint64_t va = l->th_links != NT_NONE ? va_from_links(&w->vs, flink, blink, l->th_links, body_pa + l->th_links) : 0;
    if (!type_ok(c, va ? va - l->oh_body : 0, hdr, page[hdr + l->oh_type_index], c->types->thread_index))
        return 0;
    struct scanned_thread t = {
        va, body_pa, pid, tid, owner, create,
        l->th_exit != NT_NONE ? le64(th + l->th_exit) : 0,
        l->th_start != NT_NONE ? le64(th + l->th_start) : 0,
        l->th_win32_start != NT_NONE ? le64(th + l->th_win32_start) : 0,
    };
    add_thread(w, &t);
    return 1;
}

static void on_thread(struct scan_ctx *c, struct worker_state *w, uint64_t pa, const uint8_t *page)
{
    const struct nt_layout *l = c->l;
    unsigned cand[8];
    if (l->th_size != NT_NONE && l->th_cid_tid != NT_NONE && l->th_process != NT_NONE && l->th_size <= 0x4000) {
        unsigned n = object_header_candidates(l, page, pa & 0xfff, l->th_size, cand);
        for (unsigned i = 0; i < n; i++)
            if (try_thread(c, w, page, pa & ~0xfffull, cand[i]))
                return;
    }
    w->rejected++;
}

static void follow_hit(struct scan_ctx *c, struct worker_state *w, uint64_t pa, unsigned tag_index,
                       const uint8_t *page)
{
    if (tag_index == 0)
        on_process(c, w, pa, page);
    else
        on_thread(c, w, pa, page);
}

/* Following a hit reads outside its page: the object's list neighbours
 * and the page tables that translate them (threads), the image path and
 * session (processes).  Done during the pass, on a cold capture each such
 * read is a synchronous random read from disk ahead of the pass (a major
 * fault: 129 of them on a dense 4 GiB machine with threads scanned),
 * stalling the worker and pulling the disk away from the sequential
 * stream.  So the pass only notes each hit (the tag match is all it needs
 * to do at read speed), and the hits are followed once the pass is over,
 * when every page they read is in the page cache (docs/performance.md,
 * "psxview cold").  The outcome is the same: a hit's result depends only
 * on the capture's bytes. */
static int defer_hit(const struct scan_ctx *c, struct worker_state *w, uint64_t pa, unsigned tag_index)
{
    if (w->ndeferred >= c->max_deferred)
        return 0;
    if (w->ndeferred == w->deferred_cap) {
        unsigned cap = w->deferred_cap ? w->deferred_cap * 2 : 1024;
        if (cap > c->max_deferred)
            cap = c->max_deferred;
        uint64_t *d = realloc(w->deferred, (size_t)cap * sizeof *d);
        if (!d)
            return 0;
        w->deferred = d;
        w->deferred_cap = cap;
    }
    w->deferred[w->ndeferred++] = pa | tag_index;     /* pool headers are 16-byte aligned */
    return 1;
}

static void on_hit(uint64_t pa, unsigned tag_index, const uint8_t *page, unsigned worker, void *ctx)
{
    struct scan_ctx *c = ctx;
    struct worker_state *w = &c->w[worker];
    w->hits++;
    if (!defer_hit(c, w, pa, tag_index))
        follow_hit(c, w, pa, tag_index, page);
}

/* After the pass: follow the hits it noted, each through its worker's
 * address space (its translation cache), in the order they were found. */
static void follow_deferred(struct scan_ctx *c, unsigned nworkers)
{
    unsigned followed = 0;
    for (unsigned i = 0; i < nworkers; i++) {
        struct worker_state *w = &c->w[i];
        for (unsigned j = 0; j < w->ndeferred; j++) {
            uint64_t pa = w->deferred[j] & ~0xfull;
            const uint8_t *page = phys_view(c->k->cap, pa & ~0xfffull, 0x1000);
            if (page)        /* always: the pass handed out whole pages of a run */
                follow_hit(c, w, pa, (unsigned)(w->deferred[j] & 0xf), page);
            /* object bodies, neighbours and page tables stay mapped once
             * read, a page-cache folio (up to 2 MiB) each: let go of them
             * now and then (layer/physical.h; 2,000 processes kept 300 MB
             * when let go every 4,096 hits) */
            if (++followed % FOLLOWED_PER_RELEASE == 0)
                capture_release_pages(c->k->cap);
        }
        free(w->deferred);
        w->deferred = NULL;
        w->ndeferred = w->deferred_cap = 0;
    }
    capture_release_pages(c->k->cap);
}

static int by_pa(const void *a, const void *b)
{
    const struct ep_process *x = a, *y = b;
    return x->pa < y->pa ? -1 : x->pa > y->pa;
}

void thread_list_free(struct thread_list *l)
{
    free(l->items);
    memset(l, 0, sizeof *l);
}

struct object_scan {
    struct scan_ctx c;
    unsigned nworkers;
};

struct object_scan *object_scan_join(struct pool_pass *pass, struct kernel *k, int want_threads,
                                     struct ep_error *err)
{
    const struct nt_layout *l = kernel_layout(k, err);
    if (!l)
        return NULL;
    if (l->pool_header_size == NT_NONE || l->oh_body == NT_NONE || l->oh_info_mask == NT_NONE ||
        l->oh_type_index == NT_NONE) {
        ep_fail(err, "%s: the symbol table lacks _POOL_HEADER or _OBJECT_HEADER", k->isf->source);
        return NULL;
    }
    struct object_scan *s = calloc(1, sizeof *s);
    unsigned nw = pool_pass_workers(pass);
    struct scan_ctx *c = s ? &s->c : NULL;
    if (c) {
        c->k = k;
        c->l = l;
        c->types = kernel_types(k);
        c->phys_limit = phys_end(k->cap);
        c->want_threads = want_threads;
        c->max_deferred = MAX_DEFERRED_HITS / (nw ? nw : 1);
        c->w = calloc(nw, sizeof *c->w);
    }
    static const uint32_t tags[2] = { TAG_PROCESS, TAG_THREAD };
    if (!c || !c->w || !c->types || pool_pass_add(pass, tags, want_threads ? 2 : 1, on_hit, c) != 0) {
        if (s)
            free(c->w);
        free(s);
        ep_fail(err, "%s: out of memory", k->cap->file.path);
        return NULL;
    }
    s->nworkers = nw;
    for (unsigned i = 0; i < nw; i++)
        vspace_init(&c->w[i].vs, k->cap, k->dtb);
    return s;
}

void object_scan_collect(struct object_scan *s, struct process_list *procs, struct thread_list *threads,
                         struct scan_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    stats->workers = s->nworkers;
    follow_deferred(&s->c, s->nworkers);
    for (unsigned i = 0; i < s->nworkers; i++) {
        struct worker_state *w = &s->c.w[i];
        stats->tag_hits += w->hits;
        stats->rejected += w->rejected;
        for (unsigned j = 0; j < w->procs.n; j++)
            process_list_add(procs, &w->procs.items[j]);
        process_list_free(&w->procs);
        for (unsigned j = 0; threads && j < w->threads.n; j++) {
            if (threads->n == threads->cap) {
                unsigned cap = threads->cap ? threads->cap * 2 : 256;
                struct scanned_thread *items = realloc(threads->items, (size_t)cap * sizeof *items);
                if (!items)
                    break;
                threads->items = items;
                threads->cap = cap;
            }
            threads->items[threads->n++] = w->threads.items[j];
        }
        thread_list_free(&w->threads);
    }
    free(s->c.w);
    free(s);
    /* Workers finish in any order: sort so output is deterministic. */
    sort_items(procs->items, procs->n, sizeof *procs->items, by_pa);
}

int scan_objects(struct kernel *k, struct process_list *procs, struct thread_list *threads,
                 struct scan_stats *stats, struct ep_error *err)
{
    struct pool_pass *pass = pool_pass_new(k->cap);
    if (!pass)
        return ep_fail(err, "%s: out of memory", k->cap->file.path);
    struct object_scan *s = object_scan_join(pass, k, threads != NULL, err);
    if (!s) {
        pool_pass_free(pass);
        return -1;
    }
    unsigned used = pool_pass_run(pass);
    pool_pass_free(pass);
    object_scan_collect(s, procs, threads, stats);
    stats->workers = used;
    return 0;
}
