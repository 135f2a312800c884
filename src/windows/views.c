#include "windows/views.h"

#include <string.h>

#include "windows/handletable.h"
#include "windows/listwalk.h"
#include "windows/objects.h"

static int header_type(struct kernel *k, uint64_t header)
{
    const struct nt_layout *l = k->layout;
    const struct obj_types *t = kernel_types(k);
    uint8_t enc;
    if (!t || vread(k->vs, header + l->oh_type_index, &enc, 1) != 1)
        return -1;
    return obj_type_index(t, header, enc);
}

uint64_t object_of_type(struct kernel *k, uint64_t pointer, enum object_pointer kind, int want)
{
    const struct nt_layout *l = k->layout;
    if (want < 0 || !l)
        return 0;
    if (kind == POINTS_AT_BODY)
        return pointer >= l->oh_body && header_type(k, pointer - l->oh_body) == want ? pointer : 0;
    return header_type(k, pointer) == want ? pointer + l->oh_body : 0;
}

struct cid_ctx {
    struct kernel *k;
    struct ptrset *processes, *threads;
    int pidx, tidx;
};

static int visit_cid(const struct handle_entry *e, void *ctx)
{
    struct cid_ctx *c = ctx;
    uint64_t body = object_of_type(c->k, e->object, POINTS_AT_BODY, c->pidx);
    if (body) {
        ptrset_add(c->processes, body);
        return 0;
    }
    if (c->threads && (body = object_of_type(c->k, e->object, POINTS_AT_BODY, c->tidx)))
        ptrset_add(c->threads, body);
    return 0;
}

int view_cid_table(struct kernel *k, struct ptrset *processes, struct ptrset *threads)
{
    const struct nt_layout *l = k->layout;
    const struct obj_types *t = kernel_types(k);
    if (!l || !t || !k->base || !l->sym_psp_cid_table || l->ht_table_code == NT_NONE || t->process_index < 0)
        return -1;
    uint64_t table, code;
    if (vread_u64(k->vs, k->base + l->sym_psp_cid_table, &table) != 0 ||
        vread_u64(k->vs, table + l->ht_table_code, &code) != 0) {
        ep_warn("PspCidTable: not readable in this capture");
        return -1;
    }
    struct cid_ctx c = { k, processes, threads, t->process_index, t->thread_index };
    struct handle_walk_result r;
    handle_table_walk(k->vs, code, visit_cid, &c, &r);
    if (r.bad_table) {
        ep_warn("PspCidTable: TableCode 0x%llx is not a handle table", (unsigned long long)code);
        return -1;
    }
    if (r.missing_pages)
        ep_warn("PspCidTable: %u table pages are not in the capture", r.missing_pages);
    return 0;
}

struct csrss_ctx {
    struct kernel *k;
    struct ptrset *out;
    int pidx;
};

static int visit_csrss(const struct handle_entry *e, void *ctx)
{
    struct csrss_ctx *c = ctx;
    uint64_t body = object_of_type(c->k, e->object, POINTS_AT_HEADER, c->pidx);
    if (body)
        ptrset_add(c->out, body);
    return 0;
}

void view_csrss_handles(struct kernel *k, const struct process_list *csrss, struct ptrset *out)
{
    const struct nt_layout *l = k->layout;
    const struct obj_types *t = kernel_types(k);
    if (!l || !t || t->process_index < 0 || l->ht_table_code == NT_NONE)
        return;
    struct csrss_ctx c = { k, out, t->process_index };
    for (unsigned i = 0; i < csrss->n; i++) {
        uint64_t code;
        const struct ep_process *p = &csrss->items[i];
        if (!p->object_table || vread_u64(k->vs, p->object_table + l->ht_table_code, &code) != 0)
            continue;
        struct handle_walk_result r;
        handle_table_walk(k->vs, code, visit_csrss, &c, &r);
    }
}

/* A list of EPROCESSes linked through the field at LINKS: each entry's
 * object address goes to OUT. */
struct eprocess_list_ctx {
    struct ptrset *out;
    uint32_t links;
};

static int visit_eprocess_link(uint64_t entry, void *ctx)
{
    struct eprocess_list_ctx *c = ctx;
    ptrset_add(c->out, entry - c->links);
    return 0;
}

void view_session_lists(struct kernel *k, const struct process_list *procs, struct ptrset *out)
{
    const struct nt_layout *l = k->layout;
    if (!l || l->sess_process_list == NT_NONE || l->ep_session_links == NT_NONE)
        return;
    struct ptrset sessions;
    ptrset_init(&sessions);
    struct eprocess_list_ctx c = { out, l->ep_session_links };
    for (unsigned i = 0; i < procs->n; i++) {
        uint64_t s = procs->items[i].session_ptr;
        if (!s || ptrset_add(&sessions, s) != 1)
            continue;
        char what[64];
        snprintf(what, sizeof what, "session %lld ProcessList", (long long)procs->items[i].session);
        struct list_walk_result r;
        list_walk(k->vs, s + l->sess_process_list, what, visit_eprocess_link, &c, &r);
    }
    ptrset_free(&sessions);
}

int view_kernel_list(struct kernel *k, uint64_t head_rva, uint32_t links, const char *what, struct ptrset *out)
{
    if (!k->base || !head_rva || links == NT_NONE)
        return -1;
    struct eprocess_list_ctx c = { out, links };
    struct list_walk_result r;
    list_walk(k->vs, k->base + head_rva, what, visit_eprocess_link, &c, &r);
    return r.entries || r.complete ? 0 : -1;
}

int view_points_back(struct kernel *k, uint64_t structure, uint64_t eprocess)
{
    uint64_t back;
    return structure && va_canonical(structure) && vread_u64(k->vs, structure, &back) == 0 && back == eprocess;
}
