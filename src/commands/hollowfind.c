/* eproc hollowfind: process hollowing and image masquerading, found where
 * the views of a process's main image disagree (seed 004; docs/memmap.md).
 * The comparison is check/image_views.c's, which the check rules
 * process-hollowing and peb-masquerade share.  A finding is one row per
 * process and kind, listing every pair of views that disagree and their
 * values: at least two views each.  Memory images only: a minidump holds
 * neither the EPROCESS nor the VADs. */
#include <stdio.h>
#include <string.h>

#include "check/image_views.h"
#include "commands/model_cmd.h"

extern const struct command cmd_hollowfind;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "finding", "Finding", COL_STR },
    { "views", "Views", COL_STR },
    { "evidence", "Evidence", COL_STR },
};
enum { C_PID, C_PROC, C_FINDING, C_VIEWS, C_EVIDENCE };

#define EVIDENCE_MAX 2048

static void emit(struct table *t, const struct an_process *p, const char *kind, const struct iv_finding *f)
{
    if (!f->n)
        return;
    char views[512] = "", evidence[EVIDENCE_MAX] = "";
    size_t vl = 0, el = 0;
    for (unsigned i = 0; i < f->n; i++) {
        const struct iv_disagreement *d = &f->d[i];
        if (vl < sizeof views)
            vl += (size_t)snprintf(views + vl, sizeof views - vl, "%s%s vs %s", i ? "; " : "", d->a.label,
                                   d->b.label);
        if (el < sizeof evidence)
            el += (size_t)snprintf(evidence + el, sizeof evidence - el, "%s%s", i ? "; " : "", d->text);
    }
    table_add_row(t);
    model_cells_process(t, C_PID, C_PROC, p);
    cell_str(t, C_FINDING, kind);
    cell_str(t, C_VIEWS, views);
    cell_str(t, C_EVIDENCE, evidence);
}

static int run_hollowfind(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin(ctx, &cmd_hollowfind, argc, argv, cols, ARRAY_LEN(cols), &a, &t, &rc))
        return rc;
    model_warn_missing_part(a, "hollowfind", a->no_regions);
    size_t examined = 0;
    for (size_t i = 0; i < a->nprocs; i++) {
        const struct an_process *p = &a->procs[i];
        if (!iv_applicable(p))
            continue;
        examined++;
        struct iv_finding h, m;
        iv_hollowing(p, &h);
        iv_masquerading(p, &m);
        emit(t, p, "hollowing", &h);
        emit(t, p, "masquerading", &m);
    }
    if (!examined && a->nprocs)
        ep_warn("%s: hollowfind: no process with the kernel's image views (EPROCESS and VADs): "
                "it needs a memory image", a->label);
    return model_cmd_finish_found(ctx, t, a, table_row_count(t) > 0);
}
const struct command cmd_hollowfind = {
    "hollowfind",
    "find hollowed and masquerading processes: views of the main image that disagree",
    "usage: eproc -f IMAGE hollowfind [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "Compares the views of each process's main image: PEB.ImageBaseAddress,\n"
    "EPROCESS.SectionBaseAddress, the VAD at that address, EPROCESS.SectionObject\n"
    "(its control area and file), EPROCESS.ImageFilePointer,\n"
    "SeAuditProcessCreationInfo, the PEB's ImagePathName and the first loader\n"
    "entry.  One row per process and finding:\n"
    "  hollowing     the image base holds no image map, or another control\n"
    "                area or file than the section the process was created from;\n"
    "  masquerading  the PEB or the loader names another file than the kernel.\n"
    "views names each pair of views that disagree; evidence gives their values.\n"
    "Exit status 1 when anything is found.  Memory images only.\n"
    "\n"
    "columns: pid, process, finding, views, evidence\n",
    run_hollowfind,
};

COMMAND_COLUMNS(cmd_hollowfind, cols, sizeof cols / sizeof cols[0], NULL)
