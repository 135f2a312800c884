/* eproc fibers: fibers found through the TEBs and by scanning process
 * memory, and fiber-local-storage blocks whose owner is unknown. */
#include "commands/model_cmd.h"

extern const struct command cmd_fibers;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "fiber", "Fiber", COL_ADDR },
    { "tid", "TID", COL_UINT },
    { "running", "Running", COL_BOOL },
    { "fiber_data", "FiberData", COL_ADDR },
    { "stack_base", "StackBase", COL_ADDR },
    { "stack_limit", "StackLimit", COL_ADDR },
    { "deallocation_stack", "DeallocationStack", COL_ADDR },
    { "saved_pc", "SavedPC", COL_ADDR },
    { "saved_sp", "SavedSP", COL_ADDR },
    { "fls_data", "FlsData", COL_ADDR },
    { "source", "Source", COL_STR },
};
enum { C_PID, C_PROC, C_FIBER, C_TID, C_RUNNING, C_DATA, C_SBASE, C_SLIMIT, C_DEALLOC, C_PC, C_SP,
       C_FLS, C_SOURCE };

static int run_fibers(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin_parts(ctx, &cmd_fibers, argc, argv, cols, ARRAY_LEN(cols), AN_PART_FIBER_SCAN, &a, &t,
                               &rc))
        return rc;
    for (size_t pi = 0; pi < a->nprocs; pi++) {
        const struct an_process *p = &a->procs[pi];
        char who[400];
        model_who(a, p, who, sizeof who);
        size_t no_teb = 0, tebs = 0;
        enum an_avail why = AN_AV_OK;
        for (size_t i = 0; i < p->nthreads; i++) {
            if (!p->threads[i].teb_va && !p->threads[i].has_record)
                continue;
            tebs++;
            if (p->threads[i].teb.av != AN_AV_OK) {
                no_teb++;
                if (why == AN_AV_OK)
                    why = p->threads[i].teb.av;
            }
        }
        if (no_teb)
            ep_warn("%s: fibers: the TEB of %zu of %zu threads is %s: their current "
                    "fibers are unknown", who, no_teb, tebs, model_missing(p, why));
        if (p->fiber_scan == 0)
            ep_warn("%s: fibers: the memory scan stopped early (work cap); more fibers may exist", who);
        for (size_t i = 0; i < p->nfibers; i++) {
            const struct an_fiber *f = &p->fibers[i];
            table_add_row(t);
            model_cells_process(t, C_PID, C_PROC, p);
            cell_addr(t, C_FIBER, f->va);
            if (f->running)
                cell_uint(t, C_TID, f->tid);
            cell_bool(t, C_RUNNING, f->running);
            cell_addr(t, C_DATA, f->fiber_data);
            cell_addr(t, C_SBASE, f->stack_base);
            cell_addr(t, C_SLIMIT, f->stack_limit);
            cell_addr(t, C_DEALLOC, f->deallocation_stack);
            if (f->has_context) {
                cell_addr(t, C_PC, f->saved_pc);
                cell_addr(t, C_SP, f->saved_sp);
            }
            if (f->av_fls == AN_AV_OK)
                cell_addr(t, C_FLS, f->fls_data);
            cell_str(t, C_SOURCE, f->source);
        }
        /* FLS blocks that belong to no known thread or fiber. */
        for (size_t i = 0; i < p->nfls; i++) {
            const struct an_fls *b = &p->fls[i];
            if (b->tid || b->fiber)
                continue;
            table_add_row(t);
            model_cells_process(t, C_PID, C_PROC, p);
            cell_addr(t, C_FLS, b->va);
            cell_str(t, C_SOURCE, "fls");
        }
        if (p->fls_problem[0])
            ep_warn("%s: fibers: %s", who, p->fls_problem);
    }
    return model_cmd_finish(ctx, t, a);
}
const struct command cmd_fibers = {
    "fibers",
    "list fibers (running and suspended) and orphan FLS blocks",
    "usage: eproc -f CAPTURE fibers [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "A thread that was converted to a fiber keeps its current fiber in\n"
    "TEB.NtTib.FiberData (source 'teb', running).  Fibers that were not\n"
    "running are found by scanning the process's memory outside its images\n"
    "(a minidump's dumped ranges; a memory image's resident user pages, from\n"
    "the process's page tables; at most 256 MiB per process, with a warning\n"
    "when the scan stops early) for the FIBER layout: a\n"
    "page-aligned stack reservation and a saved context whose stack pointer\n"
    "lies in that stack (source 'scan').  fiber_data is the parameter given\n"
    "to CreateFiber/ConvertThreadToFiber (GetFiberData); saved_pc/saved_sp\n"
    "are where a suspended fiber resumes.  The fiber-local-storage list is\n"
    "walked from the TEBs; a block owned by no known thread or fiber is\n"
    "listed with source 'fls': a fiber the scan did not see.\n"
    "\n"
    "columns: pid, process, fiber, tid, running, fiber_data, stack_base,\n"
    "stack_limit, deallocation_stack, saved_pc, saved_sp, fls_data, source\n",
    run_fibers,
};

COMMAND_COLUMNS(cmd_fibers, cols, sizeof cols / sizeof cols[0], NULL)
