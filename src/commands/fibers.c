/* eproc fibers: fibers found through the TEBs and by scanning dumped
 * memory, and fiber-local-storage blocks whose owner is unknown. */
#include "commands/md_common.h"

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
    struct md_dump *md;
    struct table *t;
    int rc;
    if (!md_cmd_begin(ctx, &cmd_fibers, argc, argv, cols, ARRAY_LEN(cols), &md, &t, &rc))
        return rc;
    const struct md_anatomy *a = md_anatomy(md);
    size_t no_teb = 0;
    for (size_t i = 0; i < a->ntebs; i++)
        if (a->tebs[i].av != MD_AV_OK)
            no_teb++;
    if (no_teb)
        ep_warn("%s: fibers: the TEB of %zu of %zu threads is not in the dump: their current "
                "fibers are unknown", md->label, no_teb, a->ntebs);
    if (!a->fiber_scan_complete)
        ep_warn("%s: fibers: the memory scan stopped early (work cap); more fibers may exist",
                md->label);
    for (size_t i = 0; i < a->nfibers; i++) {
        const struct md_fiber *f = &a->fibers[i];
        table_add_row(t);
        md_cells_process(t, C_PID, C_PROC, md);
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
        if (f->av_fls == MD_AV_OK)
            cell_addr(t, C_FLS, f->fls_data);
        cell_str(t, C_SOURCE, f->source);
    }
    /* FLS blocks that belong to no known thread or fiber. */
    for (size_t i = 0; i < a->nfls; i++) {
        const struct md_fls *b = &a->fls[i];
        if (b->tid || b->fiber)
            continue;
        table_add_row(t);
        md_cells_process(t, C_PID, C_PROC, md);
        cell_addr(t, C_FLS, b->va);
        cell_str(t, C_SOURCE, "fls");
    }
    if (a->fls_problem[0])
        ep_warn("%s: fibers: %s", md->label, a->fls_problem);
    return md_cmd_finish(ctx, t, md);
}

const struct command cmd_fibers = {
    "fibers",
    "list fibers (running and suspended) and orphan FLS blocks (minidumps)",
    "usage: eproc -f DUMP.dmp fibers [--pid PID[,PID...]]\n"
    "\n"
    "A thread that was converted to a fiber keeps its current fiber in\n"
    "TEB.NtTib.FiberData (source 'teb', running).  Fibers that were not\n"
    "running are found by scanning dumped memory for the FIBER layout: a\n"
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
