/* csrss's own record of the processes of its session (seeds 003, 004):
 * the CSR_PROCESS list csrsrv.dll keeps on csrss's heap.
 *
 * The list is circular through CSR_PROCESS.ListLink and starts at csrss's
 * own record (csrsrv's CsrRootProcess, a global without public symbols).
 * That record is found in csrss's private memory by what only it can be: a
 * CSR_PROCESS whose ClientId.UniqueProcess is csrss's own PID and whose
 * ListLink is a consistent member of a list (Flink->Blink and Blink->Flink
 * lead back to it).  The walk from there is bounded and remembers every
 * entry; each entry's ClientId.UniqueProcess names a process.
 *
 * Offsets (x64): ClientId at 0, ListLink at 0x10, as ReactOS's csrsrv.h
 * declares CSR_PROCESS (facts; the forge writes the same, docs/forge.md). */
#include "windows/csr.h"


#include "base/bytes.h"
#include "base/diag.h"
#include "windows/private_scan.h"

enum { CSR_CID_PROCESS = 0x00, CSR_LIST_LINK = 0x10 };

#define CSR_LIST_CAP (1u << 16)

static int user_pointer(uint64_t p)
{
    return p && p < 0x800000000000ull && !(p & 7);
}

/* A CSR_PROCESS at cand naming pid, whose ListLink is linked both ways. */
static int is_root(struct vspace *vs, uint64_t cand, uint64_t pid)
{
    uint64_t v, flink, blink, back;
    uint64_t link = cand + CSR_LIST_LINK;
    if (vread_u64(vs, cand + CSR_CID_PROCESS, &v) != 0 || v != pid || vread_u64(vs, link, &flink) != 0 ||
        vread_u64(vs, link + 8, &blink) != 0 || !user_pointer(flink) || !user_pointer(blink))
        return 0;
    return vread_u64(vs, flink + 8, &back) == 0 && back == link && vread_u64(vs, blink, &back) == 0 &&
           back == link;
}

struct root_search {
    uint64_t pid, root;
};

static int root_in_page(struct vspace *vs, uint64_t va, const uint8_t *page, void *ctx)
{
    struct root_search *r = ctx;
    for (unsigned off = 0; off + CSR_LIST_LINK + 16 <= 4096; off += 8)
        if (le64(page + off) == r->pid && is_root(vs, va + off, r->pid)) {
            r->root = va + off;
            return 1;
        }
    return 0;
}

/* Scan csrss's private memory for its own record: its address, or 0. */
static uint64_t find_root(struct kernel *k, const struct ep_process *csrss, struct vspace *vs)
{
    struct root_search r = { csrss->pid, 0 };
    private_pages_scan(k, csrss, vs, root_in_page, &r);
    return r.root;
}

/* Walk the list from csrss's record; the PIDs its entries name go to pids. */
static int walk(struct vspace *vs, const struct ep_process *csrss, uint64_t root, struct ptrset *pids)
{
    uint64_t head = root + CSR_LIST_LINK, prev = head, cur;
    struct ptrset seen;
    ptrset_init(&seen);
    ptrset_add(pids, csrss->pid);
    int rc = vread_u64(vs, head, &cur);
    for (unsigned n = 0; rc == 0 && cur != head; n++) {
        uint64_t next, back, pid;
        if (!user_pointer(cur) || ptrset_add(&seen, cur) != 1 || n >= CSR_LIST_CAP ||
            vread_u64(vs, cur, &next) != 0 || vread_u64(vs, cur + 8, &back) != 0 ||
            vread_u64(vs, cur - CSR_LIST_LINK + CSR_CID_PROCESS, &pid) != 0) {
            ep_warn("csrss PID %llu: its CSR_PROCESS list is broken after %u entries (at 0x%llx)",
                    (unsigned long long)csrss->pid, n, (unsigned long long)cur);
            break;
        }
        if (back != prev)
            ep_warn("csrss PID %llu: CSR_PROCESS list entry 0x%llx has Blink 0x%llx but was reached from 0x%llx",
                    (unsigned long long)csrss->pid, (unsigned long long)cur, (unsigned long long)back,
                    (unsigned long long)prev);
        if (pid)
            ptrset_add(pids, pid);
        prev = cur;
        cur = next;
    }
    ptrset_free(&seen);
    return rc;
}

int view_csr_lists(struct kernel *k, struct process_list *procs, struct ptrset *out)
{
    int read = 0;
    for (unsigned i = 0; i < procs->n; i++) {
        const struct ep_process *cs = &procs->items[i];
        if (!census_is_csrss(cs) || !cs->va || !cs->dtb || cs->session < 0)
            continue;
        struct vspace vs;
        vspace_init(&vs, k->cap, cs->dtb);
        uint64_t root = find_root(k, cs, &vs);
        struct ptrset pids;
        ptrset_init(&pids);
        if (!root) {
            ep_warn("csrss PID %llu: no CSR_PROCESS list found in its private memory (the csrlist view of "
                    "session %lld is unknown)", (unsigned long long)cs->pid, (long long)cs->session);
        } else if (walk(&vs, cs, root, &pids) == 0) {
            read++;
            /* the list names PIDs; a PID belongs to the live process of
             * this session that has it */
            for (unsigned j = 0; j < procs->n; j++) {
                struct ep_process *p = &procs->items[j];
                if (p->session != cs->session)
                    continue;
                p->csr_list_read = 1;
                if (p->va && !p->exit && ptrset_has(&pids, p->pid))
                    ptrset_add(out, p->va);
            }
        }
        ptrset_free(&pids);
    }
    return read;
}
