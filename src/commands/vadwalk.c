/* eproc vadwalk: the VAD tree's own shape (seed 003: EPROCESS.VadRoot is an
 * RTL_AVL_TREE of MMVAD nodes).  vadinfo says what each region is; this
 * says how the nodes link (parent, left, right), which is what shows a
 * node spliced in or out of the tree by hand.  Read from the same model
 * rows vadinfo uses (anatomy/from_image_vad.c), so the two never disagree
 * about which VADs exist. */
#include <stdio.h>

#include "commands/model_cmd.h"

extern const struct command cmd_vadwalk;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "offset", "Offset", COL_ADDR },
    { "parent", "Parent", COL_ADDR },
    { "left", "Left", COL_ADDR },
    { "right", "Right", COL_ADDR },
    { "start", "Start", COL_ADDR },
    { "end", "End", COL_ADDR },
    { "tag", "Tag", COL_STR },
};
enum { C_PID, C_PROC, C_OFFSET, C_PARENT, C_LEFT, C_RIGHT, C_START, C_END, C_TAG };

static void process_rows(const struct anatomy *a, const struct an_process *p, struct table *t)
{
    for (size_t i = 0; i < p->nregions; i++) {
        const struct an_region *m = &p->regions[i];
        if (!m->has_vad)
            continue;
        table_add_row(t);
        model_cells_process(t, C_PID, C_PROC, p);
        cell_addr(t, C_OFFSET, m->vad_va);
        cell_addr(t, C_PARENT, m->vad_parent);
        cell_addr(t, C_LEFT, m->vad_left);
        cell_addr(t, C_RIGHT, m->vad_right);
        cell_addr(t, C_START, m->base);
        cell_addr(t, C_END, m->size ? m->base + m->size - 1 : m->base);
        cell_str(t, C_TAG, m->tag[0] ? m->tag : NULL);
    }
    if (p->regions_problem[0]) {
        char who[128];
        ep_warn("%s: vadwalk: %s", model_who(a, p, who, sizeof who), p->regions_problem);
    }
}

static int run_vadwalk(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin(ctx, &cmd_vadwalk, argc, argv, cols, ARRAY_LEN(cols), &a, &t, &rc))
        return rc;
    model_warn_missing_part(a, "vadwalk", a->no_vad_tree ? a->no_vad_tree : a->no_regions);
    for (size_t i = 0; i < a->nprocs; i++)
        process_rows(a, &a->procs[i], t);
    return model_cmd_finish(ctx, t, a);
}

const struct command cmd_vadwalk = {
    "vadwalk",
    "show how the VAD tree's nodes link (node, parent, left, right)",
    "usage: eproc -f CAPTURE vadwalk [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "Memory images: one row per VAD node of each process, in address order:\n"
    "the node (_MMVAD_SHORT / _MMVAD), its parent (RTL_BALANCED_NODE.ParentValue\n"
    "without the balance bits), its left and right children, the range it\n"
    "describes and its pool tag.  The same bounded walk as vadinfo.  A\n"
    "minidump holds no VAD tree: use vadinfo for its regions.\n"
    "\n"
    "columns: pid, process, offset, parent, left, right, start, end, tag\n",
    run_vadwalk,
};

COMMAND_COLUMNS(cmd_vadwalk, cols, sizeof cols / sizeof cols[0], NULL)
