/* eproc pslist: the processes on the kernel's active list, read from the
 * anatomy model like every process command (docs/architecture.md): a
 * memory image's active list, a kernel triage dump's process copy, a
 * minidump's one process.  Cells the capture does not hold are null. */
#include "commands/model_cmd.h"
#include "commands/proc_filter.h"
#include "windows/process.h"

extern const struct command cmd_pslist;

/* The kernel's count when the model has the EPROCESS, else the count of
 * what the capture lists (a minidump's thread and handle streams). */
static void count_cell(struct table *t, unsigned col, int has_kernel, int64_t kernel_count, int listed,
                       size_t count)
{
    if (has_kernel ? kernel_count >= 0 : listed)
        cell_int(t, col, has_kernel ? kernel_count : (int64_t)count);
}

/* One row in proc_columns' order (proc_filter.c), as proc_row fills it
 * from an EPROCESS. */
static void pslist_row(struct table *t, const struct an_process *p)
{
    int k = p->has_kernel;
    unsigned c = 0;
    if (k && p->eprocess) cell_addr(t, c, p->eprocess);
    c++;
    if (k && p->eprocess_pa != ~0ull) cell_addr(t, c, p->eprocess_pa);
    c++;
    if (k || p->name[0]) cell_str(t, c, p->name);
    c++;
    if (p->pid_known) cell_uint(t, c, p->pid);
    c++;
    if (p->ppid_known) cell_uint(t, c, p->ppid);
    c++;
    count_cell(t, c++, k, p->active_threads, p->have_threads, p->nthreads);
    count_cell(t, c++, k, p->handle_count, p->have_handles, p->nhandles);
    if (p->has_session) cell_int(t, c, p->session_id);
    c++;
    if (k) cell_bool(t, c, p->wow64_process);
    c++;
    cell_time(t, c++, p->create);
    cell_time(t, c++, p->exit);
    if (k) cell_addr(t, c, p->dtb);
    c++;
    char prot[64] = "";
    protection_text(p->protection, prot, sizeof prot);
    cell_str(t, c++, prot[0] ? prot : NULL);   /* null when none (docs/schema.md) */
    if (k) {
        cell_bool(t, c, p->exiting);
        cell_bool(t, c + 1, p->deleted);
        cell_bool(t, c + 2, p->minimal);
        cell_bool(t, c + 3, p->job != 0);
    }
    c += 4;
    const char *path = k ? p->kernel_path
                     : p->params.av == AN_AV_OK && p->params.image_path.av == AN_AV_OK ? p->params.image_path.text
                     : NULL;
    cell_str(t, c++, path && path[0] ? path : NULL);
    if (p->job)          /* the _EJOB; `jobs` lists it with its name */
        cell_addr(t, c, p->job);
    c++;
}

static int run_pslist(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin_select(ctx, &cmd_pslist, argc, argv, proc_columns, proc_column_count, 0,
                                AN_ONLY_LISTED | AN_ONLY_PROCESS_FACTS, &a, &t, &rc))
        return rc;
    for (size_t i = 0; i < a->nprocs; i++) {
        table_add_row(t);
        pslist_row(t, &a->procs[i]);
    }
    return model_cmd_finish(ctx, t, a);
}

const struct command cmd_pslist = {
    "pslist",
    "processes on the kernel's active process list (PsActiveProcessHead)",
    "usage: eproc -f CAPTURE [-s SYMDIR]... pslist [--pid PID[,PID...]] [--name NAME]\n"
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
    "psscan and psxview for those.  A kernel triage dump shows the process copy\n"
    "it holds; a minidump its one process, with what the dump records (PID,\n"
    "name, image path, threads, handles, session, create time) and null cells\n"
    "for the kernel's facts it does not hold.\n"
    "\n"
    "  --pid PID[,PID...]  only these process IDs (repeatable)\n"
    "  --name NAME         only processes with this image name (repeatable,\n"
    "                      case-insensitive)\n",
    run_pslist,
};

COMMAND_COLUMNS(cmd_pslist, proc_columns, proc_column_count, NULL)
