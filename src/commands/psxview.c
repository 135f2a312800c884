/* eproc psxview: every process, and which of the kernel's views see it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/sort.h"
#include "commands/proc_filter.h"
#include "windows/psscan.h"
#include "windows/triage.h"
#include "windows/views.h"

extern const struct command cmd_psxview;

enum { C_OFFSET, C_OFFSET_P, C_NAME, C_PID, C_PPID, C_LIST, C_SCAN, C_CID, C_CSRSS, C_SESSION, C_THREADS,
       C_EXIT, C_MISSING };

static const struct col_def xview_cols[] = {
    { "offset", "Offset(V)", COL_ADDR },
    { "offset_phys", "Offset(P)", COL_ADDR },
    { "name", "Name", COL_STR },
    { "pid", "PID", COL_UINT },
    { "ppid", "PPID", COL_UINT },
    { "pslist", "pslist", COL_BOOL },
    { "psscan", "psscan", COL_BOOL },
    { "pspcid", "pspcid", COL_BOOL },
    { "csrss", "csrss", COL_BOOL },
    { "session", "session", COL_BOOL },
    { "thrdscan", "thrdscan", COL_BOOL },
    { "exit_time", "ExitTime", COL_TIME },
    { "missing_from", "MissingFrom", COL_STR },
};

/* Processes that legitimately have no csrss handle: those started before
 * csrss or by the kernel itself, and csrss itself. */
static int csrss_exempt(const struct ep_process *p)
{
    static const char *const names[] = { "System", "smss.exe", "csrss.exe", "Registry", "MemCompression",
                                         "Memory Compression", "Secure System", "Idle" };
    if (p->pid == 0 || p->pid == 4)
        return 1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(p->name, names[i]) == 0)
            return 1;
    return 0;
}

static void merge(struct process_list *all, const struct ep_process *p)
{
    for (unsigned i = 0; i < all->n; i++) {
        struct ep_process *q = &all->items[i];
        if ((p->va && q->va == p->va) || (p->pa != ~0ull && q->pa == p->pa)) {
            q->views |= p->views;
            if (!q->va) q->va = p->va;
            if (q->pa == ~0ull) q->pa = p->pa;
            return;
        }
    }
    process_list_add(all, p);
}

static int by_pid(const void *a, const void *b)
{
    const struct ep_process *x = a, *y = b;
    if (x->pid != y->pid)
        return x->pid < y->pid ? -1 : 1;
    return x->create < y->create ? -1 : x->create > y->create;
}

static int run_psxview(struct ep_context *ctx, int argc, char **argv)
{
    struct proc_filter filter;
    int rc = proc_filter_parse(&cmd_psxview, argc, argv, &filter);
    if (rc)
        return rc;
    struct kernel *k = ctx_kernel(ctx, &rc);
    if (!k)
        return rc;
    struct ep_error err = {{0}};
    struct process_list all = { 0 }, listed = { 0 }, scanned = { 0 };
    struct thread_list threads = { 0 };
    int partial = kernel_is_partial(k);
    if (partial) {
        warn_partial_capture(k);
        if (processes_from_triage(k, &all, &err) != 0) {
            fprintf(stderr, "eproc: %s\n", err.msg);
            return EP_EXIT_INPUT;
        }
    } else {
        struct scan_stats st;
        if (processes_from_list(k, &listed, &err) != 0 || scan_objects(k, &scanned, &threads, &st, &err) != 0) {
            fprintf(stderr, "eproc: %s\n", err.msg);
            process_list_free(&listed);
            process_list_free(&scanned);
            thread_list_free(&threads);
            return EP_EXIT_INPUT;
        }
        for (unsigned i = 0; i < listed.n; i++)
            merge(&all, &listed.items[i]);
        for (unsigned i = 0; i < scanned.n; i++)
            merge(&all, &scanned.items[i]);
    }

    /* The other views, each a set of EPROCESS addresses. */
    struct ptrset cid, csrss_seen, sessions, owners;
    ptrset_init(&cid);
    ptrset_init(&csrss_seen);
    ptrset_init(&sessions);
    ptrset_init(&owners);
    int have_cid = !partial && view_cid_table(k, &cid, NULL) == 0;
    struct process_list csrss = { 0 };
    for (unsigned i = 0; i < all.n; i++)
        if (strcasecmp(all.items[i].name, "csrss.exe") == 0 && !all.items[i].exit)
            process_list_add(&csrss, &all.items[i]);
    if (!partial) {
        view_csrss_handles(k, &csrss, &csrss_seen);
        view_session_lists(k, &all, &sessions);
        for (unsigned i = 0; i < threads.n; i++)
            ptrset_add(&owners, threads.items[i].owner);
    }
    for (unsigned i = 0; i < all.n; i++) {
        struct ep_process *p = &all.items[i];
        if (!p->va)
            continue;
        if (ptrset_has(&cid, p->va)) p->views |= VIEW_CID;
        if (ptrset_has(&csrss_seen, p->va)) p->views |= VIEW_CSRSS;
        if (ptrset_has(&sessions, p->va)) p->views |= VIEW_SESSION;
        if (ptrset_has(&owners, p->va)) p->views |= VIEW_THREADS;
    }
    sort_items(all.items, all.n, sizeof *all.items, by_pid);

    struct table *t = table_new(xview_cols, sizeof xview_cols / sizeof xview_cols[0]);
    int anomalies = 0;
    for (unsigned i = 0; i < all.n; i++) {
        const struct ep_process *p = &all.items[i];
        if (!proc_filter_match(&filter, p))
            continue;
        table_add_row(t);
        if (p->va) cell_addr(t, C_OFFSET, p->va);
        if (p->pa != ~0ull) cell_addr(t, C_OFFSET_P, p->pa);
        cell_str(t, C_NAME, p->name);
        cell_uint(t, C_PID, p->pid);
        cell_uint(t, C_PPID, p->ppid);
        cell_time(t, C_EXIT, p->exit);
        /* Which views should see it: an exited process leaves the list,
         * the CID table, csrss and its session; a process with no session
         * is on no session list; threadless processes own no thread. */
        int alive = !p->exit;
        struct { unsigned col, bit; int expected; const char *name; } v[] = {
            { C_LIST, VIEW_LIST, alive, "pslist" },
            { C_SCAN, VIEW_SCAN, !partial, "psscan" },
            { C_CID, VIEW_CID, alive && have_cid, "pspcid" },
            { C_CSRSS, VIEW_CSRSS, alive && csrss.n && !csrss_exempt(p), "csrss" },
            { C_SESSION, VIEW_SESSION, alive && p->session >= 0, "session" },
            { C_THREADS, VIEW_THREADS, alive && p->threads > 0 && !partial, "thrdscan" },
        };
        char missing[128] = "";
        for (size_t j = 0; j < sizeof v / sizeof v[0]; j++) {
            int seen = (p->views & v[j].bit) != 0;
            cell_bool(t, v[j].col, seen);
            if (v[j].expected && !seen) {
                cell_mark(t, v[j].col);
                snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%s",
                         missing[0] ? "," : "", v[j].name);
            }
        }
        cell_str(t, C_MISSING, missing[0] ? missing : NULL);
        anomalies += missing[0] != 0;
    }
    rc = ctx_render(ctx, t);
    if (anomalies && ctx->format == OUT_TEXT)
        fprintf(ctx->out, "\n* a view that should see this process does not (%d process%s)\n", anomalies,
                anomalies == 1 ? "" : "es");
    table_free(t);
    ptrset_free(&cid);
    ptrset_free(&csrss_seen);
    ptrset_free(&sessions);
    ptrset_free(&owners);
    process_list_free(&csrss);
    process_list_free(&all);
    process_list_free(&listed);
    process_list_free(&scanned);
    thread_list_free(&threads);
    return rc;
}

const struct command cmd_psxview = {
    "psxview",
    "cross-view: which kernel structures see each process",
    "usage: eproc -f IMAGE [-s SYMDIR]... psxview [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "For every process found by any method, shows which views see it:\n"
    "  pslist    the active process list (PsActiveProcessHead)\n"
    "  psscan    the pool scan of physical memory\n"
    "  pspcid    the CID handle table (PspCidTable)\n"
    "  csrss     a handle in a running csrss.exe\n"
    "  session   its session's process list\n"
    "  thrdscan  the owner of a thread found by pool scan\n"
    "and its exit time.  A view that should see a process but does not is\n"
    "marked with '*' in text output and listed in MissingFrom (all formats):\n"
    "exited processes are expected to leave the list, CID table, csrss and\n"
    "session views; System, smss, csrss and a few other early processes have\n"
    "no csrss handle.\n",
    run_psxview,
};
