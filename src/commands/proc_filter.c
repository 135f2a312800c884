#include "commands/proc_filter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/number.h"
#include "windows/census.h"
#include "windows/psscan.h"
#include "windows/triage.h"

int pid_list_parse(const struct command *cmd, const char *v, uint64_t *pids, unsigned cap, unsigned *npids)
{
    const char *bad;
    size_t badlen;
    int n = number_list_parse(v, UINT64_MAX, pids + *npids, cap - *npids, &bad, &badlen);
    if (n == -3)
        return cmd_usage_error(cmd, "too many --pid values (at most %u)", cap);
    if (n == -2)
        return cmd_usage_error(cmd, "--pid '%.*s' is out of range (0 to 18446744073709551615)", (int)badlen, bad);
    if (n < 0)
        return cmd_usage_error(cmd, "--pid '%.*s' is not a process id (decimal or 0x hex, comma-separated)",
                               (int)badlen, bad);
    *npids += (unsigned)n;
    return 0;
}

int proc_filter_parse(const struct command *cmd, int argc, char **argv, struct proc_filter *f)
{
    memset(f, 0, sizeof *f);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int is_pid = 0;
        if (strcmp(a, "--pid") == 0 || strcmp(a, "-p") == 0 || strcmp(a, "--name") == 0) {
            if (i + 1 >= argc)
                return cmd_usage_error(cmd, "option '%s' needs a value", a);
            is_pid = a[1] == 'p' || a[2] == 'p';
            v = argv[++i];
        } else if (strncmp(a, "--pid=", 6) == 0) {
            is_pid = 1;
            v = a + 6;
        } else if (strncmp(a, "--name=", 7) == 0) {
            v = a + 7;
        } else {
            return cmd_usage_error(cmd, "unexpected argument '%s'", a);
        }
        if (!is_pid) {
            if (f->nnames >= PROC_FILTER_MAX)
                return cmd_usage_error(cmd, "too many --name options");
            f->names[f->nnames++] = v;
            continue;
        }
        /* A comma-separated list of decimal or 0x-prefixed PIDs. */
        int rc = pid_list_parse(cmd, v, f->pids, PROC_FILTER_MAX, &f->npids);
        if (rc)
            return rc;
    }
    return 0;
}

static const char *basename_of(const char *path)
{
    const char *b = path;
    for (const char *p = path; *p; p++)
        if (*p == '\\' || *p == '/')
            b = p + 1;
    return b;
}

int proc_filter_match(const struct proc_filter *f, const struct ep_process *p)
{
    if (f->npids) {
        int hit = 0;
        for (unsigned i = 0; i < f->npids; i++)
            hit |= f->pids[i] == p->pid;
        if (!hit)
            return 0;
    }
    if (f->nnames) {
        int hit = 0;
        for (unsigned i = 0; i < f->nnames; i++)
            hit |= strcasecmp(f->names[i], p->name) == 0 ||
                   (p->path[0] && strcasecmp(f->names[i], basename_of(p->path)) == 0);
        if (!hit)
            return 0;
    }
    return 1;
}

const struct col_def proc_columns[] = {
    { "offset", "Offset(V)", COL_ADDR },
    { "offset_phys", "Offset(P)", COL_ADDR },
    { "name", "Name", COL_STR },
    { "pid", "PID", COL_UINT },
    { "ppid", "PPID", COL_UINT },
    { "threads", "Threads", COL_INT },
    { "handles", "Handles", COL_INT },
    { "session", "Session", COL_INT },
    { "wow64", "Wow64", COL_BOOL },
    { "create_time", "CreateTime", COL_TIME },
    { "exit_time", "ExitTime", COL_TIME },
    { "dtb", "DTB", COL_ADDR },
    { "protection", "Protection", COL_STR },
    { "exiting", "Exiting", COL_BOOL },
    { "deleted", "Deleted", COL_BOOL },
    { "minimal", "Minimal", COL_BOOL },
    { "job", "Job", COL_BOOL },
    { "path", "Path", COL_STR },
    { "job_offset", "JobOffset", COL_ADDR },
};
const unsigned proc_column_count = sizeof proc_columns / sizeof proc_columns[0];

void proc_row(struct table *t, const struct ep_process *p)
{
    char prot[64];
    unsigned c = 0;
    if (p->va) cell_addr(t, c, p->va);
    c++;
    if (p->pa != ~0ull) cell_addr(t, c, p->pa);
    c++;
    cell_str(t, c++, p->name);
    cell_uint(t, c++, p->pid);
    cell_uint(t, c++, p->ppid);
    if (p->threads >= 0) cell_int(t, c, p->threads);
    c++;
    if (p->handles >= 0) cell_int(t, c, p->handles);
    c++;
    if (p->session >= 0) cell_int(t, c, p->session);
    c++;
    cell_bool(t, c++, p->wow64);
    cell_time(t, c++, p->create);
    cell_time(t, c++, p->exit);
    cell_addr(t, c++, p->dtb);
    protection_text(p->protection, prot, sizeof prot);
    cell_str(t, c++, prot[0] ? prot : NULL);   /* null when none (docs/schema.md) */
    cell_bool(t, c++, p->exiting);
    cell_bool(t, c++, p->deleted);
    cell_bool(t, c++, p->minimal);
    cell_bool(t, c++, p->job != 0);
    cell_str(t, c++, p->path[0] ? p->path : NULL);
    if (p->job)          /* the _EJOB; `jobs` lists it with its name */
        cell_addr(t, c, p->job);
    c++;
}

int proc_command_start(struct ep_context *ctx, const struct command *cmd, int argc, char **argv,
                       enum proc_source source, struct proc_filter *filter, struct kernel **k,
                       struct process_list *procs)
{
    int rc = proc_filter_parse(cmd, argc, argv, filter);
    if (rc)
        return rc;
    if (!(*k = ctx_kernel(ctx, &rc)))
        return rc;
    struct ep_error err = {{0}};
    int status;
    if (kernel_is_partial(*k)) {
        /* No physical memory to walk or scan: the process copy it holds. */
        warn_partial_capture(*k);
        status = processes_from_triage(*k, procs, &err);
    } else if (source == PROCS_FROM_SCAN) {
        struct scan_stats st;
        status = scan_objects(*k, procs, NULL, &st, &err);
        if (status == 0)
            ep_info("%s: %llu pool tag hits, %llu rejected, %u found, on %u threads", cmd->name,
                    (unsigned long long)st.tag_hits, (unsigned long long)st.rejected, procs->n, st.workers);
    } else {
        status = processes_from_list(*k, procs, &err);
    }
    if (status != 0) {
        fprintf(stderr, "eproc: %s\n", err.msg);
        process_list_free(procs);
        return EP_EXIT_INPUT;
    }
    return 0;
}

int proc_render(struct ep_context *ctx, const struct proc_filter *filter, const struct process_list *procs)
{
    struct table *t = table_new(proc_columns, proc_column_count);
    for (unsigned i = 0; i < procs->n; i++) {
        if (!proc_filter_match(filter, &procs->items[i]))
            continue;
        table_add_row(t);
        proc_row(t, &procs->items[i]);
    }
    int rc = ctx_render(ctx, t);
    table_free(t);
    return rc;
}

int census_command_start(struct ep_context *ctx, const struct command *cmd, int argc, char **argv,
                         struct proc_filter *filter, struct census *c)
{
    int rc = proc_filter_parse(cmd, argc, argv, filter);
    if (rc)
        return rc;
    struct kernel *k = ctx_kernel(ctx, &rc);
    if (!k)
        return rc;
    struct ep_error err = {{0}};
    if (census_take(k, c, &err) != 0) {
        fprintf(stderr, "eproc: %s\n", err.msg);
        return EP_EXIT_INPUT;
    }
    return 0;
}
