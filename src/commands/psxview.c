/* eproc psxview: every process, and which of the kernel's views see it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sort.h"
#include "check/xview.h"
#include "commands/proc_filter.h"
#include "windows/census.h"

extern const struct command cmd_psxview;

enum { C_OFFSET, C_OFFSET_P, C_NAME, C_PID, C_PPID, C_LIST, C_SCAN, C_CID, C_CSRSS, C_SESSION, C_THREADS,
       C_MMLIST, C_KILIST, C_CSRLIST, C_W32, C_DXG, C_GUI, C_EXIT, C_MISSING };

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
    { "session_list", "session", COL_BOOL },
    { "thrdscan", "thrdscan", COL_BOOL },
    { "mmlist", "mmlist", COL_BOOL },
    { "kilist", "kilist", COL_BOOL },
    { "csrlist", "csrlist", COL_BOOL },
    { "win32", "win32", COL_BOOL },
    { "dxg", "dxg", COL_BOOL },
    { "user32", "user32", COL_BOOL },
    { "exit_time", "ExitTime", COL_TIME },
    { "missing_from", "MissingFrom", COL_LIST },
};

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
    struct census c;
    int rc = census_command_start(ctx, &cmd_psxview, argc, argv, &filter, &c);
    if (rc)
        return rc;
    struct kernel *k = ctx_kernel(ctx, &rc);      /* opened (and kept) by census_command_start */
    struct process_list *all = &c.procs;
    sort_items(all->items, all->n, sizeof *all->items, by_pid);

    struct table *t = table_new(xview_cols, sizeof xview_cols / sizeof xview_cols[0]);
    int anomalies = 0;
    for (unsigned i = 0; i < all->n; i++) {
        const struct ep_process *p = &all->items[i];
        if (!proc_filter_match(&filter, p))
            continue;
        /* the GUI test walks each process's loader list: let go of the
         * pages it mapped every 16 processes (2,000 processes: 1 GB) */
        if (i && (i & 15) == 0)
            capture_release_pages(k->cap);
        table_add_row(t);
        if (p->va) cell_addr(t, C_OFFSET, p->va);
        if (p->pa != ~0ull) cell_addr(t, C_OFFSET_P, p->pa);
        cell_str(t, C_NAME, p->name);
        cell_uint(t, C_PID, p->pid);
        cell_uint(t, C_PPID, p->ppid);
        cell_time(t, C_EXIT, p->exit);
        /* which views should see it, and which do (check/xview.c) */
        struct xview_row row;
        xview_expect(k, &c, p, &row);
        if (row.gui >= 0)
            cell_bool(t, C_GUI, row.gui);
        char missing[128] = "";
        for (size_t j = 0; j < XVIEW_NVIEWS; j++) {
            unsigned col = C_LIST + (unsigned)j;
            if (!row.v[j].applies) {
                cell_null(t, col);        /* not applicable: '-', null, empty */
                continue;
            }
            cell_bool(t, col, row.v[j].seen);
            if (row.v[j].expected && !row.v[j].seen) {
                cell_mark(t, col);
                snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%s",
                         missing[0] ? "," : "", view_name(row.v[j].bit));
            }
        }
        cell_str(t, C_MISSING, missing[0] ? missing : NULL);
        anomalies += missing[0] != 0;
    }
    char footnote[100];
    snprintf(footnote, sizeof footnote, "a view that should see this process does not (%d process%s)", anomalies,
             anomalies == 1 ? "" : "es");
    census_free(&c);
    return ctx_render_found(ctx, t, anomalies, footnote);
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
    "  mmlist    the memory manager's list (EPROCESS.MmProcessLinks)\n"
    "  kilist    the scheduler's list (KPROCESS.ProcessListEntry, KiProcessListHead)\n"
    "  csrlist   a CSR_PROCESS on its session's csrss.exe process list\n"
    "  win32     a W32PROCESS (EPROCESS.Win32Process) naming it\n"
    "  dxg       a DXGPROCESS (EPROCESS.DxgProcess) naming it (informational)\n"
    "  user32    whether its loader lists name USER32.dll (GUI-capable)\n"
    "and its exit time.  A view that should see a process but does not is\n"
    "marked with '*' in text output and listed in MissingFrom (all formats).\n"
    "Every process is expected on the active list, exited or not (Windows\n"
    "keeps exited but referenced processes linked until they are freed);\n"
    "exited processes are expected to leave the CID table, csrss and session\n"
    "views; System, smss, csrss and a few other early processes have no csrss\n"
    "handle.  For a process whose session has no running csrss.exe (or that\n"
    "has no session) the csrss view does not exist: the cell is '-' in text,\n"
    "null in JSON and empty in CSV, and never counts as missing.\n"
    "Live processes are expected on mmlist and kilist, and (like csrss) on\n"
    "csrlist; a process that loads USER32.dll is expected to have a\n"
    "W32PROCESS (seed 004).  docs/output.md lists every column.\n"
    "\n"
    "Exit status: 1 when any shown process is missing from a view that\n"
    "should see it, 0 when none is.\n",
    run_psxview,
};

COMMAND_COLUMNS(cmd_psxview, xview_cols, sizeof xview_cols / sizeof xview_cols[0], NULL)
