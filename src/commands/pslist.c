/* eproc pslist: the processes on the kernel's active list. */
#include "commands/proc_filter.h"

extern const struct command cmd_pslist;

static int run_pslist(struct ep_context *ctx, int argc, char **argv)
{
    struct proc_filter filter;
    struct kernel *k;
    struct process_list procs = { 0 };
    int rc = proc_command_start(ctx, &cmd_pslist, argc, argv, PROCS_FROM_LIST, &filter, &k, &procs);
    if (rc)
        return rc;
    rc = proc_render(ctx, &filter, &procs);
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
    "protection (PS_PROTECTION), flags (exiting, deleted, minimal), whether\n"
    "it is in a job and which (job_offset: the _EJOB, as `jobs` lists it with\n"
    "its name, limits and silo).  Processes unlinked from the list are not shown: use\n"
    "psscan and psxview for those.\n"
    "\n"
    "  --pid PID[,PID...]  only these process IDs (repeatable)\n"
    "  --name NAME         only processes with this image name (repeatable,\n"
    "                      case-insensitive)\n",
    run_pslist,
};
