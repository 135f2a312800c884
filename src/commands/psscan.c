/* eproc psscan: process objects found by scanning physical memory. */
#include <stdio.h>
#include <time.h>

#include "commands/proc_filter.h"
#include "windows/psscan.h"
#include "windows/triage.h"

extern const struct command cmd_psscan;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int run_psscan(struct ep_context *ctx, int argc, char **argv)
{
    struct proc_filter filter;
    int rc = proc_filter_parse(&cmd_psscan, argc, argv, &filter);
    if (rc)
        return rc;
    struct kernel *k = ctx_kernel(ctx, &rc);
    if (!k)
        return rc;
    struct ep_error err = {{0}};
    struct process_list procs = { 0 };
    int status;
    if (kernel_is_partial(k)) {
        /* No physical memory to scan: show the process copy it holds. */
        warn_partial_capture(k);
        status = processes_from_triage(k, &procs, &err);
    } else {
        struct scan_stats st;
        double t0 = now();
        status = scan_objects(k, &procs, NULL, &st, &err);
        if (status == 0)
            ep_info("psscan: %llu pool tag hits, %llu rejected, %u found, %.2f s on %u threads",
                    (unsigned long long)st.tag_hits, (unsigned long long)st.rejected, procs.n, now() - t0,
                    st.workers);
    }
    if (status != 0) {
        fprintf(stderr, "eproc: %s\n", err.msg);
        process_list_free(&procs);
        return EP_EXIT_INPUT;
    }
    struct table *t = table_new(proc_columns, proc_column_count);
    for (unsigned i = 0; i < procs.n; i++) {
        if (!proc_filter_match(&filter, &procs.items[i]))
            continue;
        table_add_row(t);
        proc_row(t, &procs.items[i]);
    }
    rc = ctx_render(ctx, t);
    table_free(t);
    process_list_free(&procs);
    return rc;
}

const struct command cmd_psscan = {
    "psscan",
    "process objects found by scanning physical memory (finds hidden and exited ones)",
    "usage: eproc -f IMAGE [-s SYMDIR]... psscan [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "Scans all physical memory, on all cores, for pool allocations tagged\n"
    "'Proc', follows each to its object header and EPROCESS, and keeps those\n"
    "that pass validity checks: PID a multiple of 4, DTB page-aligned and\n"
    "inside the capture, list pointers in kernel space, a printable name, a\n"
    "create time between 2000 and the capture's time, and a TypeIndex that\n"
    "decodes to Process.  Finds processes unlinked from the active list,\n"
    "exited ones and freed-but-intact ones.  The virtual offset is shown when\n"
    "it can be recovered from the process's list links (else '-').  Same\n"
    "columns as pslist.\n"
    "\n"
    "  --pid PID[,PID...]  only these process IDs (repeatable)\n"
    "  --name NAME         only processes with this image name (repeatable)\n",
    run_psscan,
};
