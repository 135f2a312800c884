#include "windows/process.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"
#include "base/cp1252.h"
#include "base/text.h"
#include "layer/crashdump.h"
#include "windows/handletable.h"
#include "windows/listwalk.h"
#include "windows/objects.h"

/* Real machines run a few thousand; a hostile list or forged pool blocks
 * must not drive the walkers to gigabytes (each entry is ~1 KiB). */
#define MAX_PROCESSES (1u << 16)

static uint64_t u64_at(const uint8_t *buf, uint32_t size, uint32_t off)
{
    return off != NT_NONE && (uint64_t)off + 8 <= size ? le64(buf + off) : 0;
}

static uint32_t u32_at(const uint8_t *buf, uint32_t size, uint32_t off)
{
    return off != NT_NONE && (uint64_t)off + 4 <= size ? le32(buf + off) : 0;
}

static int count_handle(const struct handle_entry *e, void *ctx)
{
    (void)e;
    (*(int64_t *)ctx)++;
    return 0;
}

void protection_text(uint8_t level, char *out, size_t outsz)
{
    /* PS_PROTECTION: Type bits 0-2, Audit bit 3, Signer bits 4-7
     * (_PS_PROTECTED_TYPE / _PS_PROTECTED_SIGNER in the public symbols). */
    static const char *const types[] = { "", "ProtectedLight", "Protected" };
    static const char *const signers[] = { "None", "Authenticode", "CodeGen", "Antimalware", "Lsa",
                                           "Windows", "WinTcb", "WinSystem", "App" };
    unsigned type = level & 7, signer = level >> 4;
    if (type == 0) {
        out[0] = 0;
        return;
    }
    snprintf(out, outsz, "%s (%s)", type < 3 ? types[type] : "Unknown",
             signer < sizeof signers / sizeof signers[0] ? signers[signer] : "Unknown");
}

void process_decode(const struct nt_layout *l, const uint8_t *buf, struct ep_process *p, struct vspace *vs)
{
    uint32_t n = l->ep_size;
    uint64_t va = p->va, pa = p->pa;
    unsigned views = p->views;
    memset(p, 0, sizeof *p);
    p->va = va;
    p->pa = pa;
    p->views = views;
    p->pid = u64_at(buf, n, l->ep_pid);
    p->ppid = u64_at(buf, n, l->ep_ppid);
    utf8_from_cp1252(p->name, sizeof p->name, buf + l->ep_name, 15);    /* the ANSI code page */
    p->create = u64_at(buf, n, l->ep_create);
    p->exit = u64_at(buf, n, l->ep_exit);
    p->dtb = u64_at(buf, n, l->ep_dtb);
    p->threads = l->ep_active_threads != NT_NONE ? (int64_t)u32_at(buf, n, l->ep_active_threads) : -1;
    p->handles = -1;
    p->session = -1;
    p->object_table = u64_at(buf, n, l->ep_object_table);
    p->peb = u64_at(buf, n, l->ep_peb);
    p->wow64_process = u64_at(buf, n, l->ep_wow64);
    p->wow64 = p->wow64_process != 0;
    p->session_ptr = u64_at(buf, n, l->ep_session);
    p->job = u64_at(buf, n, l->ep_job);
    p->token = u64_at(buf, n, l->ep_token);
    p->protection = l->ep_protection != NT_NONE && l->ep_protection < n ? buf[l->ep_protection] : 0;
    p->has_protection = l->ep_protection != NT_NONE && l->ep_protection < n;
    p->exiting = (int)nt_bits(buf, n, l->ep_exiting);
    p->deleted = (int)nt_bits(buf, n, l->ep_delete);
    p->minimal = (int)nt_bits(buf, n, l->ep_minimal);
    p->flink = u64_at(buf, n, l->ep_links);
    p->blink = u64_at(buf, n, l->ep_links + 8);
    p->win32_process = u64_at(buf, n, l->ep_win32_process);
    p->dxg_process = u64_at(buf, n, l->ep_dxg_process);
    if (!vs)
        return;
    uint64_t name_info = u64_at(buf, n, l->ep_audit_name);
    if (name_info && va_canonical(name_info))
        read_unicode_string(vs, name_info, p->path, sizeof p->path);
    if (p->session_ptr && l->sess_id != NT_NONE) {
        uint32_t id;
        if (vread_u32(vs, p->session_ptr + l->sess_id, &id) == 0)
            p->session = id;
    }
    if (p->object_table && l->ht_table_code != NT_NONE) {
        uint64_t code;
        if (vread_u64(vs, p->object_table + l->ht_table_code, &code) == 0) {
            int64_t count = 0;
            struct handle_walk_result r;
            handle_table_walk(vs, code, count_handle, &count, &r);
            if (!r.bad_table)
                p->handles = count;
        }
    }
}

int process_read(struct kernel *k, const struct nt_layout *l, uint64_t va, struct ep_process *p)
{
    static _Thread_local uint8_t buf[0x4000];
    if (vread_all(k->vs, va, buf, l->ep_size) != 0)
        return -1;
    struct vt_result r;
    p->va = va;
    p->pa = vtop(k->vs, va, &r) == 0 ? r.pa : ~0ull;
    process_decode(l, buf, p, k->vs);
    return 0;
}

int process_list_add(struct process_list *list, const struct ep_process *p)
{
    if (list->n >= MAX_PROCESSES)
        return -1;
    if (list->n == list->cap) {
        unsigned c = list->cap ? list->cap * 2 : 64;
        struct ep_process *items = realloc(list->items, (size_t)c * sizeof *items);
        if (!items)
            return -1;
        list->items = items;
        list->cap = c;
    }
    list->items[list->n++] = *p;
    return 0;
}

void process_list_free(struct process_list *list)
{
    free(list->items);
    memset(list, 0, sizeof *list);
}

int process_list_find_va(const struct process_list *list, uint64_t va)
{
    for (unsigned i = 0; i < list->n; i++)
        if (list->items[i].va == va && va)
            return (int)i;
    return -1;
}

struct list_ctx {
    struct kernel *k;
    const struct nt_layout *l;
    struct process_list *out;
    unsigned unreadable;
};

static int visit_process(uint64_t entry, void *ctx)
{
    struct list_ctx *c = ctx;
    struct ep_process p;
    memset(&p, 0, sizeof p);
    p.views = VIEW_LIST;
    if (process_read(c->k, c->l, entry - c->l->ep_links, &p) != 0) {
        c->unreadable++;
        return 0;
    }
    /* Reading a process maps page-cache folios all over the capture:
     * let go of them now and then (layer/physical.h). */
    if (c->out->n && c->out->n % 32 == 0)
        capture_release_pages(c->k->cap);
    return process_list_add(c->out, &p) != 0;
}

int processes_from_list(struct kernel *k, struct process_list *out, struct ep_error *err)
{
    const struct nt_layout *l = kernel_layout(k, err);
    if (!l)
        return -1;
    uint64_t head = 0;
    if (k->has_kdbg && k->kdbg.ps_active_process_head)
        head = k->kdbg.ps_active_process_head;
    else if (k->cap->dump && k->cap->dump->ps_active_process_head)
        head = k->cap->dump->ps_active_process_head;
    else if (k->base && l->sym_ps_active_process_head)
        head = k->base + l->sym_ps_active_process_head;
    if (!head)
        return ep_fail(err, "%s: cannot locate PsActiveProcessHead (no kernel base or symbol)", k->cap->file.path);
    struct list_ctx c = { k, l, out, 0 };
    struct list_walk_result res;
    list_walk(k->vs, head, "PsActiveProcessHead", visit_process, &c, &res);
    if (c.unreadable)
        ep_warn("PsActiveProcessHead list: %u EPROCESS entries are not in the capture", c.unreadable);
    return 0;
}
