#include "windows/threads.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"
#include "windows/listwalk.h"

/* The most threads kept for all processes together (real systems: a few
 * thousand); a hostile list cannot grow the table past it. */
#define MAX_THREADS (1u << 18)

struct walk_ctx {
    struct kernel *k;
    const struct nt_layout *l;
    struct ep_thread_list *out;
    unsigned unreadable;
};

static uint64_t field(const uint8_t *buf, uint32_t size, uint32_t off)
{
    return off != NT_NONE && (uint64_t)off + 8 <= size ? le64(buf + off) : 0;
}

static int visit_thread(uint64_t entry, void *arg)
{
    struct walk_ctx *c = arg;
    const struct nt_layout *l = c->l;
    static _Thread_local uint8_t buf[0x4000];
    uint64_t va = entry - l->th_links;
    if (vread_all(c->k->vs, va, buf, l->th_size) != 0) {
        c->unreadable++;
        return 0;
    }
    struct ep_thread_list *out = c->out;
    if (out->n >= MAX_THREADS)
        return 1;
    if (out->n == out->cap) {
        unsigned cap = out->cap ? out->cap * 2 : 256;
        struct ep_thread *items = realloc(out->items, (size_t)cap * sizeof *items);
        if (!items)
            return 1;
        out->items = items;
        out->cap = cap;
    }
    struct vt_result r;
    thread_decode(l, buf, va, vtop(c->k->vs, va, &r) == 0 ? r.pa : ~0ull, &out->items[out->n++]);
    return 0;
}

void thread_decode(const struct nt_layout *l, const uint8_t *buf, uint64_t va, uint64_t pa, struct ep_thread *out)
{
    uint32_t n = l->th_size;
    *out = (struct ep_thread){
        va, pa,
        field(buf, n, l->th_cid_pid), field(buf, n, l->th_cid_tid), field(buf, n, l->th_process),
        field(buf, n, l->th_create), field(buf, n, l->th_exit),
        field(buf, n, l->th_start), field(buf, n, l->th_win32_start), field(buf, n, l->th_teb),
        nt_bits(buf, n, l->th_active_impersonation) != 0, field(buf, n, l->th_client_security),
        field(buf, n, l->th_initial_stack), field(buf, n, l->th_stack_limit), field(buf, n, l->th_stack_base),
        field(buf, n, l->th_kernel_stack), field(buf, n, l->th_trap_frame),
    };
    /* ETHREAD.ExitTime shares a union with KeyedWaitChain (a LIST_ENTRY)
     * while the thread runs (public _ETHREAD symbols of Windows 10/11): a
     * kernel pointer there is a list link, not a time. */
    if (out->exit >= 0x8000000000000000ull)
        out->exit = 0;
}

int threads_of_process(struct kernel *k, const struct ep_process *p, struct ep_thread_list *out,
                       struct ep_error *err)
{
    const struct nt_layout *l = kernel_layout(k, err);
    if (!l)
        return -1;
    if (l->ep_thread_list == NT_NONE || l->th_links == NT_NONE || l->th_size == NT_NONE ||
        l->th_size > 0x4000 || l->th_cid_tid == NT_NONE)
        return ep_fail(err, "%s: the symbol table lacks the thread list fields", k->isf->source);
    if (!p->va)
        return 0;         /* found by scan without an address: no list to walk */
    char what[64];
    snprintf(what, sizeof what, "PID %llu ThreadListHead", (unsigned long long)p->pid);
    struct walk_ctx c = { k, l, out, 0 };
    struct list_walk_result res;
    list_walk(k->vs, p->va + l->ep_thread_list, what, visit_thread, &c, &res);
    if (c.unreadable)
        ep_warn("%s: %u ETHREAD entries are not in the capture", what, c.unreadable);
    return 0;
}

void thread_list_clear(struct ep_thread_list *l)
{
    free(l->items);
    memset(l, 0, sizeof *l);
}
