/* Handles of a memory-image process: EPROCESS.ObjectTable -> _HANDLE_TABLE
 * .TableCode, walked by windows/handletable.c; each entry's object header
 * typed through the cookie and the object named by its type
 * (windows/kobject.c).  Process and Thread handles also record whom they
 * open (the findings of the handles command use that). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anatomy/from_image_kernel.h"
#include "anatomy/walk.h"
#include "windows/handletable.h"

/* A handle table holds at most 16M handles (handletable.h); the model
 * keeps at most this many per process. */
#define MAX_HANDLES (1u << 20)

struct visit {
    const struct kobject_ctx *c;
    const struct process_list *all;
    struct an_store **store;
    struct an_handle *items;
    size_t n, cap;
    unsigned unreadable;
};

static const char *process_name_of(const struct process_list *all, uint64_t eprocess, uint64_t pid)
{
    for (unsigned i = 0; i < all->n; i++)
        if ((eprocess && all->items[i].va == eprocess) || (!eprocess && all->items[i].pid == pid))
            return all->items[i].name;
    return NULL;
}

static void name_object(struct visit *v, struct an_handle *h, const char *type, char *name, size_t n)
{
    const struct kobject_ctx *c = v->c;
    name[0] = 0;
    if (strcmp(type, "Process") == 0) {
        char image[16];
        uint64_t pid;
        if (kobject_process_id(c, h->object, &pid, image) == 0) {
            snprintf(name, n, "%s Pid %llu", image, (unsigned long long)pid);
            h->has_target = 1;
            h->target_pid = pid;
            const char *known = process_name_of(v->all, h->object, pid);
            h->target_name = an_store_strdup(v->store, known ? known : image);
        }
    } else if (strcmp(type, "Thread") == 0) {
        uint64_t pid, tid;
        if (kobject_thread_cid(c, h->object, &pid, &tid) == 0) {
            snprintf(name, n, "Tid %llu Pid %llu", (unsigned long long)tid, (unsigned long long)pid);
            h->has_target = 1;
            h->target_pid = pid;
            h->target_tid = tid;
            const char *known = process_name_of(v->all, 0, pid);
            h->target_name = known ? an_store_strdup(v->store, known) : NULL;
        }
    } else if (strcmp(type, "File") == 0) {
        kobject_file_name(c, h->object, name, n);
        int server;
        uint64_t ccb;
        if (strncmp(name, "\\Device\\NamedPipe\\", 18) == 0 && kobject_pipe_end(c, h->object, &server, &ccb) == 0) {
            h->pipe_end = server ? AN_PIPE_END_SERVER : AN_PIPE_END_CLIENT;
            h->pipe_instance = ccb;
        }
    } else if (strcmp(type, "Key") == 0) {
        kobject_key_name(c, h->object, name, n);
    } else if (strcmp(type, "Token") == 0) {
        an_image_token_user(c, h->object, name, n);
    } else {
        kobject_header_name(c, h->object_header, name, n);
    }
}

static int visit_entry(const struct handle_entry *e, void *arg)
{
    struct visit *v = arg;
    if (v->n >= MAX_HANDLES)
        return 1;
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 256;
        struct an_handle *grown = realloc(v->items, v->cap * sizeof *grown);
        if (!grown)
            return 1;
        v->items = grown;
    }
    struct an_handle *h = &v->items[v->n++];
    memset(h, 0, sizeof *h);
    h->handle = e->handle;
    h->granted_access = e->granted_access;
    h->attributes = e->attributes;
    h->has_object = 1;
    h->object_header = e->object;
    h->object = e->object + v->c->nl->oh_body;
    struct kobject_header oh;
    if (kobject_header_read(v->c, e->object, &oh) != 0) {
        v->unreadable++;
        return 0;
    }
    if (oh.type_name[0])
        h->type_name = oh.type_name;
    if (oh.has_counts) {
        h->handle_count = (uint32_t)oh.handle_count;
        h->pointer_count = (uint32_t)oh.pointer_count;
    }
    char name[4096];
    name_object(v, h, oh.type_name, name, sizeof name);
    if (name[0])
        h->object_name = an_store_strdup(v->store, name);
    return 0;
}

void an_image_handles(const struct kobject_ctx *c, const struct process_list *all, const struct ep_process *e,
                      struct an_process *p, struct an_store **store)
{
    if (!e->object_table) {
        snprintf(p->handles_problem, sizeof p->handles_problem,
                 "EPROCESS.ObjectTable is NULL (the process has exited or is being torn down)");
        return;
    }
    uint64_t code;
    if (c->nl->ht_table_code == NT_NONE || vread_u64(c->k->vs, e->object_table + c->nl->ht_table_code, &code) != 0) {
        snprintf(p->handles_problem, sizeof p->handles_problem, "its handle table at 0x%llx is not in the capture",
                 (unsigned long long)e->object_table);
        return;
    }
    struct visit v = { c, all, store, NULL, 0, 0, 0 };
    struct handle_walk_result res;
    handle_table_walk(c->k->vs, code, visit_entry, &v, &res);
    if (res.bad_table)
        snprintf(p->handles_problem, sizeof p->handles_problem, "TableCode 0x%llx is not a handle table",
                 (unsigned long long)code);
    else if (res.missing_pages)
        snprintf(p->handles_problem, sizeof p->handles_problem,
                 "%u page(s) of its handle table are not in the capture: the list is incomplete", res.missing_pages);
    else if (v.unreadable)
        snprintf(p->handles_problem, sizeof p->handles_problem,
                 "%u handle(s) point at object headers not in the capture: type and name unknown", v.unreadable);
    p->handles = NULL;
    if (v.n) {
        struct an_handle *kept = an_store_alloc(store, v.n * sizeof *kept);
        memcpy(kept, v.items, v.n * sizeof *kept);
        p->handles = kept;
    }
    free(v.items);
    p->nhandles = v.n;
    p->have_handles = !res.bad_table;
}
