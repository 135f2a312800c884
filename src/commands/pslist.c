/* eproc pslist: the processes on the kernel's active list. */
#include <stdio.h>

#include "commands/proc_filter.h"
#include "layer/physical.h"
#include "windows/process.h"
#include "windows/triage.h"

extern const struct command cmd_pslist;

static int run_pslist(struct ep_context *ctx, int argc, char **argv)
{
    struct proc_filter filter;
    int rc = proc_filter_parse(&cmd_pslist, argc, argv, &filter);
    if (rc)
        return rc;
    struct kernel *k = ctx_kernel(ctx, &rc);
    if (!k)
        return rc;
    struct ep_error err = {{0}};
    struct process_list procs = { 0 };
    int walk;
    if (kernel_is_partial(k)) {
        warn_partial_capture(k);
        walk = processes_from_triage(k, &procs, &err);
    } else {
        walk = processes_from_list(k, &procs, &err);
    }
    if (walk != 0) {
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

const struct command cmd_pslist = {
    "pslist",
    "processes on the kernel's active process list (PsActiveProcessHead)",
    "usage: eproc -f IMAGE [-s SYMDIR]... pslist [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "Walks ActiveProcessLinks from PsActiveProcessHead, checking every back-link\n"
    "and remembering every entry, so a broken or cyclic list ends the walk with\n"
    "a warning that names where it broke.  Columns: virtual and physical\n"
    "offset of the EPROCESS, ImageFileName and the full image path\n"
    "(SeAuditProcessCreationInfo), PID, PPID, active threads, handles (entries\n"
    "in its handle table), session, WoW64, create and exit time, DTB,\n"
    "protection (PS_PROTECTION), flags (exiting, deleted, minimal) and whether\n"
    "it is in a job.  Processes unlinked from the list are not shown: use\n"
    "psscan and psxview for those.\n"
    "\n"
    "  --pid PID[,PID...]  only these process IDs (repeatable)\n"
    "  --name NAME         only processes with this image name (repeatable,\n"
    "                      case-insensitive)\n",
    run_pslist,
};
