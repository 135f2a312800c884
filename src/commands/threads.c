/* eproc threads: every thread of every process, with what the kernel
 * (ETHREAD), the dump writer's records and the TEB say (the anatomy
 * model's threads). */
#include <stdio.h>
#include <string.h>

#include "commands/anatomy_section.h"
#include "commands/model_cmd.h"

extern const struct command cmd_threads;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "tid", "TID", COL_UINT },
    { "process", "Process", COL_STR },
    { "offset", "Offset(V)", COL_ADDR },
    { "offset_phys", "Offset(P)", COL_ADDR },
    { "name", "Name", COL_STR },
    { "teb", "TEB", COL_ADDR },
    { "start_address", "StartAddress", COL_ADDR },
    { "start_module", "StartModule", COL_STR },
    { "start_location", "StartLocation", COL_STR },
    { "win32_start_address", "Win32StartAddress", COL_ADDR },
    { "win32_start_location", "Win32StartLocation", COL_STR },
    { "create_time", "CreateTime", COL_TIME },
    { "exit_time", "ExitTime", COL_TIME },
    { "stack_base", "StackBase", COL_ADDR },
    { "stack_limit", "StackLimit", COL_ADDR },
    { "deallocation_stack", "DeallocationStack", COL_ADDR },
    { "tls_pointer", "TlsPointer", COL_ADDR },
    { "fls_data", "FlsData", COL_ADDR },
    { "last_error", "LastError", COL_HEX },
    { "teb_cid_ok", "TebCidOk", COL_BOOL },
    { "same_teb_flags", "SameTebFlags", COL_HEX },
    { "stack_dumped", "StackDumped", COL_UINT },
    { "pc", "PC", COL_ADDR },
    { "pc_module", "PCModule", COL_STR },
    { "sp", "SP", COL_ADDR },
    { "suspend_count", "Suspend", COL_UINT },
    { "priority", "Priority", COL_INT },
    { "priority_class", "PriorityClass", COL_UINT },
    { "fiber", "Fiber", COL_ADDR },
    { "exception", "Exception", COL_BOOL },
    { "impersonation_token", "ImpToken", COL_ADDR },
    { "impersonation_user", "ImpUser", COL_STR },
    { "impersonation_level", "ImpLevel", COL_STR },
    { "kernel_stack_base", "KernelStackBase", COL_ADDR },
    { "kernel_stack_limit", "KernelStackLimit", COL_ADDR },
    { "kernel_stack_pointer", "KernelSP", COL_ADDR },
    { "trap_pc", "TrapPC", COL_ADDR },
    { "trap_pc_location", "TrapPCLocation", COL_STR },
    { "teb32", "TEB32", COL_ADDR },
    { "stack32_base", "StackBase32", COL_ADDR },
    { "stack32_limit", "StackLimit32", COL_ADDR },
};
enum { C_PID, C_TID, C_PROC, C_OFF, C_OFFP, C_NAME, C_TEB, C_START, C_START_MOD, C_START_LOC, C_W32START,
       C_W32START_LOC, C_CREATE, C_EXIT, C_SBASE, C_SLIMIT, C_DEALLOC, C_TLS, C_FLS, C_LASTERR, C_CIDOK, C_FLAGS,
       C_SDUMPED, C_PC, C_PC_MOD, C_SP, C_SUSPEND, C_PRIO, C_PRIOCLASS, C_FIBER, C_EXC, C_IMP_TOKEN, C_IMP_USER,
       C_IMP_LEVEL, C_KSBASE, C_KSLIMIT, C_KSP, C_TRAP_PC, C_TRAP_LOC,
       C_TEB32, C_SBASE32, C_SLIMIT32 };

/* The module holding va: kernel addresses among the kernel's modules,
 * user addresses among p's (the model's one resolver). */
static const char *module_at(const struct anatomy *a, const struct an_process *p, uint64_t va)
{
    char where[300];
    const struct an_module *m = an_resolve(a, p, va, where, sizeof where);
    return m ? m->name : NULL;
}

/* "module+0xOFFSET", AN_NO_MODULE, or nothing when no list holds va's kind. */
static void location_cell(struct table *t, unsigned col, const struct anatomy *a, const struct an_process *p,
                          uint64_t va)
{
    char where[300];
    an_resolve(a, p, va, where, sizeof where);
    if (where[0])
        cell_str(t, col, where);
}

static void teb_cells(struct table *t, const struct an_process *p, const struct an_thread *th)
{
    const struct an_teb *teb = &th->teb;
    cell_addr(t, C_SBASE, teb->stack_base);
    cell_addr(t, C_SLIMIT, teb->stack_limit);
    if (teb->av_deallocation == AN_AV_OK)
        cell_addr(t, C_DEALLOC, teb->deallocation_stack);
    cell_addr(t, C_TLS, teb->tls_pointer);
    if (teb->av_fls == AN_AV_OK)
        cell_addr(t, C_FLS, teb->fls_data);
    cell_addr(t, C_LASTERR, teb->last_error);
    if (teb->av_flags == AN_AV_OK)
        cell_addr(t, C_FLAGS, teb->same_teb_flags);
    /* The TEB's ClientId against the kernel's Cid: a TEB that names
     * another thread is either not this thread's or was tampered with. */
    if (th->has_kernel)
        cell_bool(t, C_CIDOK, teb->client_pid == th->pid && teb->client_tid == th->tid);
    for (size_t f = 0; f < p->nfibers; f++)
        if (p->fibers[f].running && p->fibers[f].tid == th->tid)
            cell_addr(t, C_FIBER, p->fibers[f].va);
}

static unsigned thread_rows(struct table *t, const struct anatomy *a, const struct an_process *p)
{
    char who[400];
    if (!p->have_threads && !p->has_kernel)
        ep_warn("%s: threads: the dump has no thread list", model_who(a, p, who, sizeof who));
    size_t no_teb = 0, with_teb = 0, cid_bad = 0, no_info = 0, no_teb32 = 0, with_teb32 = 0;
    enum an_avail why = AN_AV_OK, why32 = AN_AV_OK;
    for (size_t j = 0; j < p->nthreads; j++) {
        const struct an_thread *th = &p->threads[j];
        table_add_row(t);
        model_cells_process(t, C_PID, C_PROC, p);
        cell_uint(t, C_TID, th->tid);
        if (th->has_kernel) {
            cell_addr(t, C_OFF, th->ethread);
            if (th->ethread_pa != ~0ull)
                cell_addr(t, C_OFFP, th->ethread_pa);
            cell_addr(t, C_W32START, th->win32_start);
            location_cell(t, C_W32START_LOC, a, p, th->win32_start);
        }
        if (th->has_kstack) {
            cell_addr(t, C_KSBASE, th->kstack_base);
            cell_addr(t, C_KSLIMIT, th->kstack_limit);
            cell_addr(t, C_KSP, th->kernel_sp);
        }
        if (th->trap_rip) {
            cell_addr(t, C_TRAP_PC, th->trap_rip);
            location_cell(t, C_TRAP_LOC, a, p, th->trap_rip);
        }
        if (th->faulted)
            cell_bool(t, C_EXC, 1);
        if (th->impersonating) {
            cell_addr(t, C_IMP_TOKEN, th->impersonation_token);
            if (th->impersonation_user[0])
                cell_str(t, C_IMP_USER, th->impersonation_user);
            cell_str(t, C_IMP_LEVEL, model_impersonation_level(th->impersonation_level));
        }
        if (th->name)
            cell_str(t, C_NAME, th->name);
        if (th->teb_va || th->has_record)
            cell_addr(t, C_TEB, th->teb_va);
        if (th->has_start) {
            cell_addr(t, C_START, th->start);
            cell_str(t, C_START_MOD, module_at(a, p, th->start));
            location_cell(t, C_START_LOC, a, p, th->start);
        } else {
            no_info++;
        }
        if (th->has_times) {
            cell_time(t, C_CREATE, th->create);
            cell_time(t, C_EXIT, th->exit);
        }
        if (th->teb_va || th->has_record) {
            with_teb++;
            if (th->teb.av == AN_AV_OK) {
                teb_cells(t, p, th);
                if (th->has_kernel && !(th->teb.client_pid == th->pid && th->teb.client_tid == th->tid))
                    cid_bad++;
            } else {
                no_teb++;
                if (why == AN_AV_OK)
                    why = th->teb.av;
            }
        }
        if (th->teb32.va) {                  /* a WoW64 thread's 32-bit TEB */
            with_teb32++;
            cell_addr(t, C_TEB32, th->teb32.va);
            if (th->teb32.av == AN_AV_OK) {
                cell_addr(t, C_SBASE32, th->teb32.stack_base);
                cell_addr(t, C_SLIMIT32, th->teb32.stack_limit);
            } else if (no_teb32++ == 0) {
                why32 = th->teb32.av;
            }
        }
        if (th->has_record) {
            cell_uint(t, C_SDUMPED, th->stack_dumped);
            if (th->has_context) {
                cell_addr(t, C_PC, th->pc);
                cell_str(t, C_PC_MOD, module_at(a, p, th->pc));
                cell_addr(t, C_SP, th->sp);
            }
            cell_uint(t, C_SUSPEND, th->suspend_count);
            cell_int(t, C_PRIO, th->priority);
            cell_uint(t, C_PRIOCLASS, th->priority_class);
            cell_bool(t, C_EXC, th->faulted);
        }
    }
    if (no_teb)
        ep_warn("%s: threads: the TEB of %zu of %zu threads is %s: stack_base, stack_limit and fiber "
                "unknown for them", model_who(a, p, who, sizeof who), no_teb, with_teb,
                model_missing(p, why));
    if (no_teb32)
        ep_warn("%s: threads: the TEB32 of %zu of %zu WoW64 threads is %s: stack32_base and "
                "stack32_limit unknown for them", model_who(a, p, who, sizeof who), no_teb32, with_teb32,
                model_missing(p, why32));
    if (cid_bad)
        ep_warn("%s: threads: the TEB's ClientId of %zu threads is not the ETHREAD's Cid",
                model_who(a, p, who, sizeof who), cid_bad);
    if (p->nthreads && no_info == p->nthreads && !p->has_kernel)
        ep_info("%s: no ThreadInfoList stream: start_address and create_time unknown", a->label);
    return 0;
}

static int run_threads(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin_parts(ctx, &cmd_threads, argc, argv, cols, ARRAY_LEN(cols), AN_PART_THREAD_TOKENS, &a,
                               &t, &rc))
        return rc;
    for (size_t i = 0; i < a->nprocs; i++)
        thread_rows(t, a, &a->procs[i]);
    return model_cmd_finish(ctx, t, a);
}

const struct command cmd_threads = {
    "threads",
    "list threads with their kernel facts and TEB (stack, TLS/FLS, last error)",
    "usage: eproc -f CAPTURE threads [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "On a memory image: one row per thread on each process's ThreadListHead\n"
    "(every process the active list or the pool scan finds): ETHREAD\n"
    "address, Cid, StartAddress, Win32StartAddress, create and exit time,\n"
    "and from the TEB (KTHREAD.Teb, read through the process's page tables):\n"
    "stack base and limit, deallocation stack, TLS and FLS pointers, last\n"
    "error, SameTebFlags and the running fiber; teb_cid_ok says whether the\n"
    "TEB's ClientId equals the ETHREAD's Cid.  A TEB that is paged out or\n"
    "not in the capture gives null cells and one warning per process.\n"
    "\n"
    "On a minidump: one row per thread of the dumped process.  From the\n"
    "thread record: tid, teb, suspend count, priority, the dumped stack\n"
    "(stack_dumped bytes) and, from the saved context, pc and sp with the\n"
    "module holding pc; from the ThreadInfoList stream: start_address,\n"
    "create_time, exit_time; from the ThreadNames stream: name; from the TEB\n"
    "in dumped memory as above.  exception marks the thread the Exception\n"
    "stream names; its pc and sp are where it faulted (the exception's\n"
    "context), as debuggers show them.\n"
    "\n"
    "A thread impersonating a client (ETHREAD.CrossThreadFlags.\n"
    "ActiveImpersonationInfo set) shows the impersonation token\n"
    "(ETHREAD.ClientSecurity), its user SID and the impersonation level\n"
    "(Anonymous, Identification, Impersonation, Delegation); the others\n"
    "leave these cells null.\n"
    "\n"
    "Start addresses are resolved by the model's one resolver: a kernel\n"
    "address (a system thread's) to the kernel module holding it\n"
    "(PsLoadedModuleList, or a triage dump's driver list), a user address to\n"
    "the process's loaded module; start_location and win32_start_location\n"
    "read \"ntdll.dll+0x2b8f0\", or \"(no module)\" when the list is known\n"
    "and no module holds the address (code outside every image).\n"
    "\n"
    "On a kernel triage dump: the faulting thread from the dump's ETHREAD\n"
    "copy (exception true), with its kernel stack (KTHREAD StackBase,\n"
    "StackLimit, KernelStack) and, when the dump holds its trap frame, the\n"
    "instruction pointer the trap frame saved (trap_pc) and where it lies.\n"
    "\n"
    "A WoW64 thread (memory images) also has a 32-bit TEB, WowTebOffset\n"
    "bytes from its TEB: teb32 is its address, stack32_base/stack32_limit\n"
    "the 32-bit stack the program runs on.\n"
    "\n"
    "columns: pid, tid, process, offset, offset_phys, name, teb,\n"
    "start_address, start_module, start_location, win32_start_address,\n"
    "win32_start_location, create_time, exit_time, stack_base, stack_limit,\n"
    "deallocation_stack, tls_pointer, fls_data, last_error, teb_cid_ok,\n"
    "same_teb_flags, stack_dumped, pc, pc_module, sp, suspend_count,\n"
    "priority, priority_class, fiber, exception, impersonation_token,\n"
    "impersonation_user, impersonation_level, kernel_stack_base,\n"
    "kernel_stack_limit, kernel_stack_pointer, trap_pc, trap_pc_location,\n"
    "teb32, stack32_base, stack32_limit\n",
    run_threads,
};

const struct anatomy_section section_threads = { "threads", cols, ARRAY_LEN(cols), AN_PART_THREAD_TOKENS,
                                                  thread_rows };

COMMAND_COLUMNS(cmd_threads, cols, sizeof cols / sizeof cols[0], NULL)
