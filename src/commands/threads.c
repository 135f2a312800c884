/* eproc threads: every thread of the process, with what its thread record,
 * its ThreadInfoList entry, its name and its TEB say. */
#include <stdio.h>
#include <string.h>

#include "commands/kthreads.h"
#include "commands/proc_filter.h"
#include "layer/physical.h"
#include "commands/md_common.h"

extern const struct command cmd_threads;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "tid", "TID", COL_UINT },
    { "name", "Name", COL_STR },
    { "teb", "TEB", COL_ADDR },
    { "start_address", "StartAddress", COL_ADDR },
    { "start_module", "StartModule", COL_STR },
    { "create_time", "CreateTime", COL_TIME },
    { "exit_time", "ExitTime", COL_TIME },
    { "stack_base", "StackBase", COL_ADDR },
    { "stack_limit", "StackLimit", COL_ADDR },
    { "stack_dumped", "StackDumped", COL_UINT },
    { "pc", "PC", COL_ADDR },
    { "pc_module", "PCModule", COL_STR },
    { "sp", "SP", COL_ADDR },
    { "suspend_count", "Suspend", COL_UINT },
    { "priority", "Priority", COL_INT },
    { "priority_class", "PriorityClass", COL_UINT },
    { "fiber", "Fiber", COL_ADDR },
    { "exception", "Exception", COL_BOOL },
};
enum { C_PID, C_TID, C_NAME, C_TEB, C_START, C_START_MOD, C_CREATE, C_EXIT, C_SBASE, C_SLIMIT,
       C_SDUMPED, C_PC, C_PC_MOD, C_SP, C_SUSPEND, C_PRIO, C_PRIOCLASS, C_FIBER, C_EXC };

static int run_threads(struct ep_context *ctx, int argc, char **argv)
{
    struct md_dump *md;
    struct table *t;
    int rc;
    /* Memory images list every process's threads from the kernel.  Bad
     * arguments are reported before any file is opened. */
    struct proc_filter filter;
    if ((rc = proc_filter_parse(&cmd_threads, argc, argv, &filter)) != 0)
        return rc;
    if (ctx->image_path) {
        struct capture *cap = ctx_capture(ctx, &rc);
        if (!cap)
            return rc;
        if (cap->kind != CAPTURE_MINIDUMP)
            return kernel_threads(ctx, &cmd_threads, argc, argv);
    }
    if (!md_cmd_begin(ctx, &cmd_threads, argc, argv, cols, ARRAY_LEN(cols), &md, &t, &rc))
        return rc;
    if (!md->have_thread_list)
        ep_warn("%s: threads: the dump has no thread list", md->label);

    const struct md_anatomy *a = md_anatomy(md);
    size_t no_teb = 0;
    for (size_t i = 0; i < md->nthreads; i++) {
        const struct md_thread *th = &md->threads[i];
        const struct md_teb *teb = &a->tebs[i];
        table_add_row(t);
        uint32_t pid;
        if (md_process_id(md, &pid) == 0)
            cell_uint(t, C_PID, pid);
        cell_uint(t, C_TID, th->tid);
        if (th->name)
            cell_str(t, C_NAME, th->name);
        cell_addr(t, C_TEB, th->teb);
        if (th->has_info) {
            cell_addr(t, C_START, th->start_address);
            const struct md_module *m = md_find_module(md, th->start_address);
            if (m)
                cell_str(t, C_START_MOD, m->name);
            cell_time(t, C_CREATE, th->create_time);
            cell_time(t, C_EXIT, th->exit_time);
        }
        if (teb->av == MD_AV_OK) {
            cell_addr(t, C_SBASE, teb->stack_base);
            cell_addr(t, C_SLIMIT, teb->stack_limit);
            for (size_t f = 0; f < a->nfibers; f++)
                if (a->fibers[f].running && a->fibers[f].tid == th->tid)
                    cell_addr(t, C_FIBER, a->fibers[f].va);
        } else {
            no_teb++;
        }
        cell_uint(t, C_SDUMPED, th->stack_size);
        /* The faulting thread's own record holds the context of the dump
         * writer's handler; where it faulted is the exception's context,
         * which is what debuggers show. */
        int faulted = md->exc.present && md->exc.tid == th->tid;
        int has_ctx = faulted && md->exc.has_context ? 1 : th->has_context;
        uint64_t pc = faulted && md->exc.has_context ? md->exc.pc : th->pc;
        uint64_t sp = faulted && md->exc.has_context ? md->exc.sp : th->sp;
        if (has_ctx) {
            cell_addr(t, C_PC, pc);
            const struct md_module *m = md_find_module(md, pc);
            if (m)
                cell_str(t, C_PC_MOD, m->name);
            cell_addr(t, C_SP, sp);
        }
        cell_uint(t, C_SUSPEND, th->suspend_count);
        cell_int(t, C_PRIO, (int32_t)th->priority);
        cell_uint(t, C_PRIOCLASS, th->priority_class);
        cell_bool(t, C_EXC, faulted);
    }
    if (no_teb)
        ep_warn("%s: threads: the TEB of %zu of %zu threads is not in the dump: stack_base, "
                "stack_limit and fiber unknown for them", md->label, no_teb, md->nthreads);
    if (md->nthreads && !md->have_thread_info)
        ep_info("%s: no ThreadInfoList stream: start_address and create_time unknown", md->label);
    return md_cmd_finish(ctx, t, md);
}

const struct command cmd_threads = {
    "threads",
    "list threads: memory images (ThreadListHead) and minidumps (TEB, stack, registers)",
    "usage: eproc -f IMAGE threads [--pid PID[,PID...]] [--name NAME]\n"
    "       eproc -f DUMP.dmp threads [--pid PID[,PID...]]\n"
    "\n"
    "On a memory image: one row per thread on each listed process's\n"
    "ThreadListHead (ETHREAD: Cid, StartAddress, Win32StartAddress, the\n"
    "KTHREAD's TEB, create and exit time), the list walked with a visited set\n"
    "and a cap like every kernel list.\n"
    "\n"
    "On a minidump: one row per thread of the dumped process.  From the thread record: tid,\n"
    "teb, suspend count, priority, the dumped stack (stack_dumped bytes) and,\n"
    "from the saved context, pc and sp with the module holding pc; from the\n"
    "ThreadInfoList stream: start_address, create_time, exit_time; from the\n"
    "ThreadNames stream: name; from the TEB in dumped memory: stack_base,\n"
    "stack_limit and the running fiber.  A value the dump does not hold is\n"
    "null (and a warning says which).  exception marks the thread the\n"
    "Exception stream names; its pc and sp are where it faulted (the\n"
    "exception's context), as debuggers show them.\n"
    "\n"
    "columns: pid, tid, name, teb, start_address, start_module, create_time,\n"
    "exit_time, stack_base, stack_limit, stack_dumped, pc, pc_module, sp,\n"
    "suspend_count, priority, priority_class, fiber, exception\n",
    run_threads,
};
