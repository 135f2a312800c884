/* threads on memory images: every thread on each listed process's
 * ThreadListHead (the minidump form of the command is threads.c). */
#include "commands/kthreads.h"

#include <stdio.h>

#include "commands/proc_filter.h"
#include "windows/threads.h"

static const struct col_def kthread_cols[] = {
    { "offset", "Offset(V)", COL_ADDR },
    { "offset_phys", "Offset(P)", COL_ADDR },
    { "pid", "PID", COL_UINT },
    { "tid", "TID", COL_UINT },
    { "process", "Process", COL_STR },
    { "start_address", "StartAddress", COL_ADDR },
    { "win32_start_address", "Win32StartAddress", COL_ADDR },
    { "teb", "TEB", COL_ADDR },
    { "create_time", "CreateTime", COL_TIME },
    { "exit_time", "ExitTime", COL_TIME },
};

int kernel_threads(struct ep_context *ctx, const struct command *cmd, int argc, char **argv)
{
    struct proc_filter filter;
    struct kernel *k;
    struct process_list procs = { 0 };
    int rc = proc_command_start(ctx, cmd, argc, argv, PROCS_FROM_LIST, &filter, &k, &procs);
    if (rc)
        return rc;
    struct table *t = table_new(kthread_cols, sizeof kthread_cols / sizeof kthread_cols[0]);
    struct ep_error err = {{0}};
    for (unsigned i = 0; i < procs.n && rc == 0; i++) {
        const struct ep_process *p = &procs.items[i];
        if (!proc_filter_match(&filter, p))
            continue;
        struct ep_thread_list threads = { 0 };
        if (threads_of_process(k, p, &threads, &err) != 0) {
            fprintf(stderr, "eproc: %s\n", err.msg);
            rc = EP_EXIT_INPUT;
        }
        for (unsigned j = 0; j < threads.n; j++) {
            const struct ep_thread *th = &threads.items[j];
            table_add_row(t);
            cell_addr(t, 0, th->va);
            if (th->pa != ~0ull)
                cell_addr(t, 1, th->pa);
            cell_uint(t, 2, th->pid);
            cell_uint(t, 3, th->tid);
            cell_str(t, 4, p->name);
            cell_addr(t, 5, th->start);
            cell_addr(t, 6, th->win32_start);
            if (th->teb)
                cell_addr(t, 7, th->teb);
            cell_time(t, 8, th->create);
            cell_time(t, 9, th->exit);
        }
        thread_list_clear(&threads);
    }
    if (rc == 0)
        rc = ctx_render(ctx, t);
    table_free(t);
    process_list_free(&procs);
    return rc;
}
