/* eproc psscan: process objects found by scanning physical memory. */
#include "commands/proc_filter.h"

extern const struct command cmd_psscan;

static int run_psscan(struct ep_context *ctx, int argc, char **argv)
{
    struct proc_filter filter;
    struct kernel *k;
    struct process_list procs = { 0 };
    int rc = proc_command_start(ctx, &cmd_psscan, argc, argv, PROCS_FROM_SCAN, &filter, &k, &procs);
    if (rc)
        return rc;
    rc = proc_render(ctx, &filter, &procs);
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
    "that pass validity checks on what the kernel depends on: PID a multiple\n"
    "of 4, DTB page-aligned and inside the capture, and a TypeIndex that\n"
    "decodes to Process (the name, times and list links, which an attacker\n"
    "can rewrite, decide nothing).  Names are decoded as Windows-1252, with\n"
    "control characters shown as \\xNN.  Finds processes unlinked from the\n"
    "active list, exited ones and freed-but-intact ones.  The virtual offset\n"
    "is shown when it can be recovered from the process's list links (else\n"
    "'-').  Same columns as pslist.\n"
    "\n"
    "  --pid PID[,PID...]  only these process IDs (repeatable)\n"
    "  --name NAME         only processes with this image name (repeatable)\n",
    run_psscan,
};

COMMAND_COLUMNS(cmd_psscan, proc_columns, proc_column_count, NULL)
