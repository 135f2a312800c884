/* Rules over processes and their parents (docs/check.md, "processes").
 *
 * They read the census (every process any kernel view found, memory
 * images only) and, for who holds handles to whom, the anatomy model. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/text.h"
#include "check/check.h"
#include "check/xview.h"

/* CreateProcess gives its caller a handle with every process right
 * (PROCESS_ALL_ACCESS, 0x1FFFFF on Vista and later: winnt.h). */
#define PROCESS_ALL_ACCESS_VISTA 0x1FFFFFu

static const char *time_text(uint64_t filetime, char out[40])
{
    if (!filetime || filetime_to_iso(filetime, out) != 0)
        snprintf(out, 40, "%s", filetime ? "invalid" : "none");
    return out;
}

/* The model's process with this EPROCESS, else NULL. */
static const struct an_process *model_process(const struct anatomy *a, uint64_t eprocess)
{
    for (size_t i = 0; i < a->nprocs; i++)
        if (a->procs[i].has_kernel && a->procs[i].eprocess == eprocess)
            return &a->procs[i];
    return NULL;
}

/* Whether handle h opens the process `target` (its EPROCESS when the
 * object is known, its PID otherwise). */
static int opens_process(const struct an_handle *h, const struct ep_process *target)
{
    if (!h->has_target || h->target_tid || h->target_pid != target->pid)
        return 0;
    return !h->has_object || !target->va || h->object == target->va;
}

/* --- process-hidden ------------------------------------------------------ */

/* seed 004: the kernel and the Windows subsystem track every process in
 * several independent places; a process one of them should list and does
 * not was taken out of it (DKOM: ActiveProcessLinks, csrss's CSR_PROCESS
 * list).  The expectations are psxview's (check/xview.c).  The win32 view
 * (a GUI process with no W32PROCESS) is the system rules' finding, and
 * dxg is informational: neither counts here. */
static void run_hidden(struct check_run *run, const struct check_input *in)
{
    const struct census *c = in->census;
    const unsigned counted = VIEW_FINDERS;
    for (unsigned i = 0; i < c->procs.n; i++) {
        const struct ep_process *p = &c->procs.items[i];
        struct xview_row row;
        unsigned missing = xview_expect(in->k, c, p, &row) & counted;
        if (!missing)
            continue;
        char hidden[160], seen[160];
        view_names(missing, hidden, sizeof hidden);
        view_names(p->views & counted, seen, sizeof seen);
        struct check_finding *f = check_found_pid(run, 1, p->pid, p->name, "hidden from %s; seen by %s", hidden,
                                                  seen[0] ? seen : "none");
        /* every view that applies: the ones that should see it and do
         * not, and the ones that do */
        for (size_t j = 0; j < XVIEW_NVIEWS; j++) {
            const struct xview_view *v = &row.v[j];
            if (!(v->bit & counted) || !v->applies || (!v->seen && !v->expected))
                continue;
            check_evidence(f, view_name(v->bit), "sees_process", "%s", v->seen ? "true" : "false");
        }
        check_evidence(f, "EPROCESS", "address", "0x%llx", (unsigned long long)p->va);
    }
}

const struct check_rule check_process_hidden = {
    .id = "process-hidden",
    .title = "a process is missing from a kernel or csrss view that should list it (unlinked, DKOM)",
    .severity = CHECK_HIGH,
    .mitre = "T1014, T1564",
    .seed = "seed 004, \"Windows subsystem structures (parallel tracking)\": inconsistencies across them are a signal",
    /* sysproc_session moves a process into a session whose csrss it
     * predates: that csrss neither holds a handle to it nor lists it */
    .stages = "unlink,csr_unlink,cyclic_list,sysproc_session",
    .needs = CHECK_HAVE_KERNEL | CHECK_HAVE_ALL_PROCESSES,
    .run = run_hidden,
};

/* --- process-exited-referenced ------------------------------------------- */

/* An exited process whose object is still alive: Windows frees the
 * EPROCESS with its last reference, so one still on the active list, or
 * opened by a handle, is being kept by someone.  The holders are named;
 * an exited process on the list that no handle opens is kept by a kernel
 * reference (a driver, a pending I/O). */
static void run_exited_referenced(struct check_run *run, const struct check_input *in)
{
    const struct census *c = in->census;
    const struct anatomy *a = in->a;
    for (unsigned i = 0; i < c->procs.n; i++) {
        const struct ep_process *p = &c->procs.items[i];
        if (!p->exit)
            continue;
        size_t nholders = 0;
        char first[300] = "";
        for (size_t q = 0; q < a->nprocs; q++) {
            const struct an_process *h = &a->procs[q];
            if (h->has_kernel && h->eprocess == p->va)
                continue;
            for (size_t j = 0; j < h->nhandles; j++)
                if (opens_process(&h->handles[j], p) && !nholders++)
                    snprintf(first, sizeof first, "PID %llu (%s)", (unsigned long long)h->pid, h->name);
        }
        if (!nholders)
            continue;               /* a remnant, or kept by the kernel (a session smss waiting to be freed) */
        char when[40];
        struct check_finding *f;
        if (nholders)
            f = check_found_pid(run, 1, p->pid, p->name, "exited at %s but kept by %zu handle%s, first in %s",
                                time_text(p->exit, when), nholders, nholders == 1 ? "" : "s", first);
        else
            f = check_found_pid(run, 1, p->pid, p->name, "exited at %s but still on the active list; no "
                                "process handle opens it (a kernel reference keeps it)", time_text(p->exit, when));
        check_evidence(f, "EPROCESS", "ExitTime", "%s", when);
        check_evidence(f, "EPROCESS", "ActiveThreads", "%lld", (long long)p->threads);
        check_evidence(f, "pslist", "sees_process", "%s", p->views & VIEW_LIST ? "true" : "false");
        for (size_t q = 0; q < a->nprocs; q++) {
            const struct an_process *h = &a->procs[q];
            if (h->has_kernel && h->eprocess == p->va)
                continue;
            for (size_t j = 0; j < h->nhandles; j++) {
                const struct an_handle *hd = &h->handles[j];
                if (opens_process(hd, p))
                    check_evidence(f, "handles", "held_by", "PID %llu (%s) handle 0x%llx access 0x%x",
                                   (unsigned long long)h->pid, h->name, (unsigned long long)hd->handle,
                                   hd->granted_access);
            }
        }
    }
}

const struct check_rule check_process_exited_referenced = {
    .id = "process-exited-referenced",
    .title = "an exited process is still referenced (its object kept alive), and by whom",
    .severity = CHECK_LOW,
    .mitre = "T1564",
    .seed = "seed 004, \"Object Manager & handles\": handles persist longer than many expect",
    .stages = "exited_unfreed",
    .needs = CHECK_HAVE_KERNEL | CHECK_HAVE_ALL_PROCESSES | CHECK_HAVE_HANDLES,
    .run = run_exited_referenced,
};

/* --- process-parent-impossible ------------------------------------------- */

/* The census entries holding PID pid: the latest created at or before
 * `before` (a possible parent, live or an exited remnant: exit evidence)
 * into *possible, and the earliest created after it into *later. */
static void parents_with_pid(const struct census *c, uint64_t pid, uint64_t before, const struct ep_process *self,
                             const struct ep_process **possible, const struct ep_process **later)
{
    *possible = *later = NULL;
    for (unsigned i = 0; i < c->procs.n; i++) {
        const struct ep_process *q = &c->procs.items[i];
        if (q == self || q->pid != pid || !q->create)
            continue;
        if (q->create <= before) {
            if (!*possible || q->create > (*possible)->create)
                *possible = q;
        } else if (!*later || q->create < (*later)->create) {
            *later = q;
        }
    }
}

/* A parent cannot be created after its child.  When the PID a process
 * names as its parent (InheritedFromUniqueProcessId) belongs to a process
 * created later, and no process that held that PID earlier is left (no
 * exited EPROCESS, linked or in pool), the record was rewritten or the
 * tree shows the wrong parent.
 *
 * A parent that is simply absent is not a finding: Windows keeps nothing
 * of a freed process, and the default machine's csrss, wininit and
 * winlogon (whose smss instance exits), explorer (userinit exits) and
 * anything a closed console started all have one.  "Absent with no exit
 * evidence" counts only when the PID is now another, later process's. */
/* Children whose parent Windows itself ends, its PID free for reuse: a
 * session's smss.exe instance (csrss, wininit, winlogon) and userinit.exe
 * (explorer). */
static int parent_exits_by_design(const struct ep_process *p)
{
    static const char *const names[] = { "csrss.exe", "wininit.exe", "winlogon.exe", "explorer.exe" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(p->name, names[i]) == 0)
            return 1;
    return 0;
}

static void run_parent_impossible(struct check_run *run, const struct check_input *in)
{
    const struct census *c = in->census;
    for (unsigned i = 0; i < c->procs.n; i++) {
        const struct ep_process *p = &c->procs.items[i];
        if (p->pid == 0 || p->pid == 4 || p->ppid == 0 || !p->create || parent_exits_by_design(p))
            continue;
        const struct ep_process *possible, *later;
        parents_with_pid(c, p->ppid, p->create, p, &possible, &later);
        if (possible || !later)
            continue;
        char mine[40], theirs[40];
        struct check_finding *f = check_found_pid(run, 1, p->pid, p->name,
                                                  "recorded parent PID %llu is %s, created after it (%s > %s)",
                                                  (unsigned long long)p->ppid, later->name,
                                                  time_text(later->create, theirs), time_text(p->create, mine));
        check_evidence(f, "EPROCESS", "InheritedFromUniqueProcessId", "%llu", (unsigned long long)p->ppid);
        check_evidence(f, "EPROCESS", "CreateTime", "%s", mine);
        check_evidence(f, "EPROCESS", "parent_CreateTime", "%s (%s, EPROCESS 0x%llx)", theirs, later->name,
                       (unsigned long long)later->va);
        check_evidence(f, "psscan", "earlier_process_with_pid", "none");
    }
}

const struct check_rule check_process_parent_impossible = {
    .id = "process-parent-impossible",
    .title = "a process's recorded parent was created after it (tampered or reused parent PID)",
    .severity = CHECK_MEDIUM,
    .mitre = "T1134.004",
    .seed = "seed 001, \"Child-Parent processes\": the process that created the other is its parent",
    .stages = "parent_after_child",
    .needs = CHECK_HAVE_KERNEL | CHECK_HAVE_ALL_PROCESSES,
    .run = run_parent_impossible,
};

/* --- process-ppid-spoof -------------------------------------------------- */

/* Whether h is the csrss.exe of p's session (it opens every process of
 * its session with full access: seed 004, CSR_PROCESS). */
static int is_session_csrss(const struct an_process *h, const struct an_process *p)
{
    return strcasecmp(h->name, "csrss.exe") == 0 && h->has_session && p->has_session &&
           h->session_id == p->session_id;
}

/* CreateProcess hands the creator a full-access handle to the new process.
 * With PROC_THREAD_ATTRIBUTE_PARENT_PROCESS the creator names another
 * parent, which never gets that handle: a live process whose recorded
 * parent holds no handle to it while another process created before it
 * (not the kernel, not its session's csrss) holds a full-access one was
 * most likely created by that other process.  A recorded parent that is
 * gone, or whose handles could not be read, proves nothing. */
static void run_ppid_spoof(struct check_run *run, const struct check_input *in)
{
    const struct census *c = in->census;
    const struct anatomy *a = in->a;
    for (unsigned i = 0; i < c->procs.n; i++) {
        const struct ep_process *p = &c->procs.items[i];
        if (p->exit || p->pid == 4 || !p->ppid)
            continue;
        const struct ep_process *parent, *later;
        parents_with_pid(c, p->ppid, p->create, p, &parent, &later);
        const struct an_process *pm = model_process(a, p->va);
        const struct an_process *rm = parent && !parent->exit ? model_process(a, parent->va) : NULL;
        if (!pm || !rm || !rm->have_handles)
            continue;
        int parent_holds = 0;
        for (size_t j = 0; j < rm->nhandles && !parent_holds; j++)
            parent_holds = opens_process(&rm->handles[j], p);
        if (parent_holds)
            continue;
        for (size_t q = 0; q < a->nprocs; q++) {
            const struct an_process *h = &a->procs[q];
            if (h == pm || h == rm || !h->has_kernel || h->exit || h->pid == 4 || is_session_csrss(h, pm) ||
                !h->create || h->create > p->create)
                continue;
            for (size_t j = 0; j < h->nhandles; j++) {
                const struct an_handle *hd = &h->handles[j];
                if (!opens_process(hd, p) || (hd->granted_access & PROCESS_ALL_ACCESS_VISTA) != PROCESS_ALL_ACCESS_VISTA)
                    continue;
                struct check_finding *f = check_found_pid(
                    run, 1, p->pid, p->name, "recorded parent PID %llu (%s) holds no handle to it; PID %llu (%s), "
                    "created before it, holds a full-access one (its real creator)", (unsigned long long)p->ppid,
                    rm->name, (unsigned long long)h->pid, h->name);
                check_evidence(f, "EPROCESS", "InheritedFromUniqueProcessId", "%llu (%s)",
                               (unsigned long long)p->ppid, rm->name);
                check_evidence(f, "handles", "parent_handle", "none in PID %llu (%s)", (unsigned long long)rm->pid,
                               rm->name);
                check_evidence(f, "handles", "creator_handle", "PID %llu (%s) handle 0x%llx access 0x%x",
                               (unsigned long long)h->pid, h->name, (unsigned long long)hd->handle,
                               hd->granted_access);
                break;
            }
        }
    }
}

const struct check_rule check_process_ppid_spoof = {
    .id = "process-ppid-spoof",
    .title = "a process's recorded parent is not its creator: another process holds the creator's handle",
    .severity = CHECK_HIGH,
    .mitre = "T1134.004",
    .seed = "seed 001, \"Child-Parent processes\"; seed 004, \"Object Manager & handles\"",
    .stages = "ppid_spoof",
    .needs = CHECK_HAVE_KERNEL | CHECK_HAVE_ALL_PROCESSES | CHECK_HAVE_HANDLES,
    .run = run_ppid_spoof,
};
