/* eproc svcscan: services.exe's service records, cross-checked with the
 * processes (issue 14): a running service whose hosting process is not
 * running, and a process services.exe started that no record names, are
 * findings. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/sort.h"
#include "check/kernel_views.h"
#include "commands/proc_filter.h"
#include "windows/census.h"
#include "windows/service_records.h"

extern const struct command cmd_svcscan;

static const struct col_def cols[] = {
    { "offset", "Offset", COL_ADDR },
    { "order", "Order", COL_UINT },
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "start", "Start", COL_STR },
    { "state", "State", COL_STR },
    { "type", "Type", COL_STR },
    { "name", "Name", COL_STR },
    { "display", "Display", COL_STR },
    { "binary", "Binary", COL_STR },
    { "finding", "Finding", COL_STR },
};
enum { C_OFFSET, C_ORDER, C_PID, C_PROC, C_START, C_STATE, C_TYPE, C_NAME, C_DISPLAY, C_BINARY, C_FINDING };

static int by_order(const void *a, const void *b)
{
    const struct service_record *x = a, *y = b;
    return x->order < y->order ? -1 : x->order > y->order;
}

static void cell_text_or_null(struct table *t, unsigned col, const char *s)
{
    if (s && s[0])
        cell_str(t, col, s);
}

/* One record's row; returns 1 when it is a finding. */
static int record_row(struct table *t, const struct service_record *r, const struct process_list *all,
                      const struct proc_filter *filter)
{
    const struct ep_process *host;
    char finding[200], type[160];
    service_record_finding(r, all, &host, finding, sizeof finding);
    if ((filter->npids || filter->nnames) && (!host || !proc_filter_match(filter, host)))
        return 0;
    const char *state = service_state_name(r->state);
    table_add_row(t);
    cell_addr(t, C_OFFSET, r->va);
    cell_uint(t, C_ORDER, r->order);
    if (r->has_process)
        cell_uint(t, C_PID, r->pid);
    if (host && !host->exit)
        cell_str(t, C_PROC, host->name);
    char num[24];
    snprintf(num, sizeof num, "0x%x", r->start);
    cell_str(t, C_START, service_start_name(r->start) ? service_start_name(r->start) : num);
    snprintf(num, sizeof num, "0x%x", r->state);
    cell_str(t, C_STATE, state ? state : num);
    service_type_text(r->type, type, sizeof type);
    cell_str(t, C_TYPE, type);
    cell_text_or_null(t, C_NAME, r->name);
    cell_text_or_null(t, C_DISPLAY, r->display);
    cell_text_or_null(t, C_BINARY, r->binary);
    if (finding[0]) {
        cell_str(t, C_FINDING, finding);
        cell_mark(t, C_FINDING);
    }
    return finding[0] != 0;
}

/* Live processes services.exe started (by their parent PID, created after
 * it: PIDs are reused) that no record names. */
static int unnamed_children(struct table *t, const struct ep_process *scm, const struct service_db *db,
                            const struct process_list *all, const struct proc_filter *filter)
{
    int found = 0;
    for (unsigned i = 0; i < all->n; i++) {
        const struct ep_process *p = &all->items[i];
        if (p->exit || p->ppid != scm->pid || p->create < scm->create || !proc_filter_match(filter, p))
            continue;
        int named = 0;
        for (unsigned j = 0; j < db->n && !named; j++)
            named = db->items[j].has_process && db->items[j].pid == p->pid;
        if (named)
            continue;
        char finding[200];
        snprintf(finding, sizeof finding, "child of services.exe PID %llu that no service record names",
                 (unsigned long long)scm->pid);
        table_add_row(t);
        cell_uint(t, C_PID, p->pid);
        cell_str(t, C_PROC, p->name);
        cell_text_or_null(t, C_BINARY, p->path);
        cell_str(t, C_FINDING, finding);
        cell_mark(t, C_FINDING);
        found++;
    }
    return found;
}

static int run_svcscan(struct ep_context *ctx, int argc, char **argv)
{
    struct proc_filter filter;
    struct census c;
    int rc = census_command_start(ctx, &cmd_svcscan, argc, argv, &filter, &c);
    if (rc)
        return rc;
    struct kernel *k = ctx_kernel(ctx, &rc);
    struct table *t = table_new(cols, sizeof cols / sizeof cols[0]);
    int findings = 0, scms = 0;
    for (unsigned i = 0; i < c.procs.n; i++) {
        const struct ep_process *scm = &c.procs.items[i];
        if (strcasecmp(scm->name, "services.exe") != 0 || scm->exit || !scm->va)
            continue;
        scms++;
        struct service_db db;
        if (service_records_read(k, scm, &db) != 0) {
            ep_warn("svcscan: services.exe PID %llu: its memory map (VAD tree) cannot be read",
                    (unsigned long long)scm->pid);
            continue;
        }
        if (!db.headers)
            ep_warn("svcscan: services.exe PID %llu: no service database ('serH' header) in its private memory"
                    " (read with the layout of builds %s)", (unsigned long long)scm->pid, db.layout->builds);
        sort_items(db.items, db.n, sizeof *db.items, by_order);
        for (unsigned j = 0; j < db.n; j++)
            findings += record_row(t, &db.items[j], &c.procs, &filter);
        if (db.headers)
            findings += unnamed_children(t, scm, &db, &c.procs, &filter);
        service_db_free(&db);
    }
    if (!scms && !c.partial)
        ep_warn("svcscan: no running services.exe in this capture");
    char footnote[200];
    snprintf(footnote, sizeof footnote, "%d finding%s: a running service without its process, or a process "
             "services.exe started that no record names", findings, findings == 1 ? "" : "s");
    census_free(&c);
    return ctx_render_found(ctx, t, findings, footnote);
}

const struct command cmd_svcscan = {
    "svcscan",
    "services.exe's service records, checked against the running processes",
    "usage: eproc -f IMAGE [-s SYMDIR]... svcscan [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "Scans the private memory of every running services.exe for its service\n"
    "database ('serH' header) and lists each service record: order, the PID\n"
    "and name of the process hosting it, start type, state, type, name,\n"
    "display name and binary (the host's image path for Win32 services, the\n"
    "driver name for drivers).  Layout: that of services.exe of the kernel's\n"
    "build (x64), one per range of builds: up to 15062, 15063, 16299-18361,\n"
    "18362-19040, 19041-25397, 25398 and later (docs/forge.md, \"Service\n"
    "records\").\n"
    "\n"
    "Findings (marked '*', in the Finding column):\n"
    "  - a Win32 service that is not stopped whose process is not running\n"
    "    (no process has its PID, or that process has exited);\n"
    "  - a live process whose parent is services.exe that no record names\n"
    "    (services.exe starts only service hosts).\n"
    "--pid/--name keep the rows whose process matches.\n"
    "\n"
    "Exit status: 1 when there is a finding, 0 when there is none.\n",
    run_svcscan,
};

COMMAND_COLUMNS(cmd_svcscan, cols, sizeof cols / sizeof cols[0], NULL)
