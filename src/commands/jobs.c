/* eproc jobs: the job objects of a memory image, found through each
 * process's EPROCESS.Job: limits, accounting and member processes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"
#include "commands/proc_filter.h"
#include "windows/job.h"

extern const struct command cmd_jobs;

static const struct col_def cols[] = {
    { "offset", "Offset", COL_HEX },
    { "name", "Name", COL_STR },
    { "active_processes", "Active", COL_UINT },
    { "total_processes", "Total", COL_UINT },
    { "terminated_processes", "Terminated", COL_UINT },
    { "limit_flags", "LimitFlags", COL_HEX },
    { "limits", "Limits", COL_STR },
    { "active_process_limit", "ActiveProcessLimit", COL_UINT },
    { "process_memory_limit", "ProcessMemoryLimit", COL_UINT },
    { "job_memory_limit", "JobMemoryLimit", COL_UINT },
    { "user_time", "UserTime", COL_UINT },
    { "kernel_time", "KernelTime", COL_UINT },
    { "members", "Members", COL_STR },
    { "silo", "Silo", COL_STR },
    { "server_silo_globals", "ServerSiloGlobals", COL_ADDR },
    { "session", "Session", COL_UINT },
};
enum { C_OFF, C_NAME, C_ACTIVE, C_TOTAL, C_TERM, C_FLAGS, C_LIMITS, C_APL, C_PML, C_JML, C_UT, C_KT, C_MEMBERS,
       C_SILO, C_SSG, C_SESSION };

static int run_jobs(struct ep_context *ctx, int argc, char **argv)
{
    struct proc_filter filter;
    struct kernel *k;
    struct process_list procs = { 0 };
    int rc = proc_command_start(ctx, &cmd_jobs, argc, argv, PROCS_FROM_SCAN, &filter, &k, &procs);
    if (rc)
        return rc;
    struct kobject_ctx c;
    struct ep_error err = {{0}};
    if (kobject_ctx_init(&c, k, &err) != 0) {
        fprintf(stderr, "eproc: %s: %s\n", ctx->image_path, err.msg);
        process_list_free(&procs);
        return EP_EXIT_INPUT;
    }
    struct table *t = table_new(cols, ARRAY_LEN(cols));
    uint64_t *seen = calloc(procs.n + 1, sizeof *seen);
    size_t nseen = 0;
    static struct kjob j;
    for (unsigned i = 0; seen && i < procs.n; i++) {
        const struct ep_process *e = &procs.items[i];
        if (!e->job || !proc_filter_match(&filter, e))
            continue;
        int dup = 0;
        for (size_t s = 0; s < nseen && !dup; s++)
            dup = seen[s] == e->job;
        if (dup)
            continue;
        seen[nseen++] = e->job;
        if (kjob_read(&c, e->job, &j, &err) != 0) {
            ep_warn("%s: PID %llu (%s): job: %s", ctx->image_path, (unsigned long long)e->pid, e->name, err.msg);
            continue;
        }
        table_add_row(t);
        cell_addr(t, C_OFF, j.va);
        if (j.name[0])
            cell_str(t, C_NAME, j.name);
        cell_uint(t, C_ACTIVE, j.active);
        cell_uint(t, C_TOTAL, j.total);
        cell_uint(t, C_TERM, j.terminated);
        cell_addr(t, C_FLAGS, j.limit_flags);
        char text[600];
        job_limit_text(j.limit_flags, text, sizeof text);
        cell_str(t, C_LIMITS, text);
        cell_uint(t, C_APL, j.active_process_limit);
        cell_uint(t, C_PML, j.process_memory_limit);
        cell_uint(t, C_JML, j.job_memory_limit);
        cell_uint(t, C_UT, j.user_time);
        cell_uint(t, C_KT, j.kernel_time);
        char members[4096];
        size_t pos = 0;
        members[0] = 0;
        for (size_t m = 0; m < j.nmembers && pos < sizeof members; m++) {
            int at = process_list_find_va(&procs, j.members[m]);
            if (at >= 0)
                pos += (size_t)snprintf(members + pos, sizeof members - pos, "%s%llu %s", pos ? ", " : "",
                                        (unsigned long long)procs.items[at].pid, procs.items[at].name);
            else
                pos += (size_t)snprintf(members + pos, sizeof members - pos, "%s0x%llx", pos ? ", " : "",
                                        (unsigned long long)j.members[m]);
        }
        cell_str(t, C_MEMBERS, members);
        /* null when the profile has no silo fields (before Windows 10 1607) */
        if (j.has_silo_fields)
            cell_str(t, C_SILO, !j.silo ? "no" : j.server_silo_globals ? "server" : "application");
        if (j.server_silo_globals)
            cell_addr(t, C_SSG, j.server_silo_globals);
        cell_uint(t, C_SESSION, j.session);
        if (!j.members_complete)
            ep_warn("%s: job 0x%llx: its process list did not lead back to its head: members incomplete",
                    ctx->image_path, (unsigned long long)j.va);
    }
    free(seen);
    rc = ctx_render(ctx, t);
    table_free(t);
    process_list_free(&procs);
    return rc;
}

const struct command cmd_jobs = {
    "jobs",
    "job objects of a memory image: limits, accounting, member processes",
    "usage: eproc -f IMAGE [-s SYMDIR]... jobs [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "Every job some process (found by the pool scan) belongs to, through\n"
    "EPROCESS.Job -> _EJOB, once each: its address and object name, active,\n"
    "total and terminated process counts, LimitFlags (raw and as\n"
    "JOB_OBJECT_LIMIT_* names), ActiveProcessLimit, ProcessMemoryLimit,\n"
    "JobMemoryLimit (bytes), total user and kernel time (100 ns units) and\n"
    "the member processes on its ProcessListHead (\"PID name\").  --pid and\n"
    "--name pick the jobs of those processes.  pslist's job_offset column\n"
    "gives each process's job.  silo says whether the job is a silo\n"
    "(JobFlags.Silo: a Windows container): \"server\" when it also has\n"
    "ServerSiloGlobals (a server silo, whose members' EPROCESS.ServerSilo\n"
    "point at it from build 17763; on 14393 the kernel finds it from\n"
    "EPROCESS.Job up ParentJob), \"application\" otherwise, \"no\" for a\n"
    "plain job; null when the profile has no silo fields.  session is the\n"
    "job's SessionId (Volatility 3's joblinks JobSess).\n"
    "\n"
    "columns: offset, name, active_processes, total_processes,\n"
    "terminated_processes, limit_flags, limits, active_process_limit,\n"
    "process_memory_limit, job_memory_limit, user_time, kernel_time, members,\n"
    "silo, server_silo_globals, session\n",
    run_jobs,
};

COMMAND_COLUMNS(cmd_jobs, cols, sizeof cols / sizeof cols[0], NULL)
