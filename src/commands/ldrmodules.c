/* eproc ldrmodules: the loader's three module lists (from the PEB in dumped
 * memory) against the dump writer's ModuleList and the memory regions.
 *
 * A module the writer saw but the loader lists do not hold (or the
 * reverse), or an image-backed region no list names, is the classic sign
 * of a module unlinked to hide it or of a reflectively loaded image. */
#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "check/exec_memory.h"
#include "commands/model_cmd.h"

extern const struct command cmd_ldrmodules;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "base", "Base", COL_ADDR },
    { "size", "Size", COL_HEX },
    { "in_load", "InLoad", COL_BOOL },
    { "in_init", "InInit", COL_BOOL },
    { "in_mem", "InMem", COL_BOOL },
    { "in_module_list", "InModuleList", COL_BOOL },
    { "mapped_image", "MappedImage", COL_BOOL },
    { "pe_header", "PEHeader", COL_BOOL },
    { "name", "Name", COL_STR },
    { "path", "Path", COL_STR },
    { "mapped_path", "MappedPath", COL_STR },
};
enum { C_PID, C_PROC, C_BASE, C_SIZE, C_LOAD, C_INIT, C_MEM, C_MODLIST, C_MAPPED, C_PE, C_NAME,
       C_PATH, C_MAPPED_PATH };

struct row {
    uint64_t base, size;
    const struct an_ldr_entry *ldr;   /* a loader entry with this base */
    const struct an_module *mod;      /* the ModuleList entry */
    int image_region;                 /* an image allocation starts here */
    const struct an_region *region;   /* that allocation's first region */
    int order;                        /* ldr 0, module 1, region 2: who names it first */
};

static int cmp_row(const void *a, const void *b)
{
    const struct row *x = a, *y = b;
    if (x->base != y->base)
        return x->base < y->base ? -1 : 1;
    return x->order - y->order;
}

static void process_rows(const struct anatomy *a, const struct an_process *p, struct table *t)
{
    const struct an_ldr *l = &p->ldr;
    /* The module list is a view of its own only when it does not come from
     * the loader lists themselves (a minidump's ModuleList does not). */
    int modlist = p->have_modules && !p->modules_from_loader;
    size_t nmods = modlist ? p->nmodules : 0;
    size_t nregions = p->have_regions ? p->nregions : 0;
    size_t cap = l->nentries + nmods + nregions + 1;
    struct row *rows = calloc(cap, sizeof *rows);
    if (!rows) {
        fprintf(stderr, "eproc: out of memory\n");
        abort();
    }
    /* One candidate per view, sorted by base, then merged: O(n log n)
     * whatever the counts the capture claims. */
    size_t n = 0;
    for (size_t i = 0; i < l->nentries; i++)
        if (l->entries[i].av == AN_AV_OK)
            rows[n++] = (struct row){ .base = l->entries[i].base, .size = l->entries[i].size,
                                      .ldr = &l->entries[i], .order = 0 };
    for (size_t i = 0; i < nmods; i++)
        rows[n++] = (struct row){ .base = p->modules[i].base, .size = p->modules[i].size,
                                  .mod = &p->modules[i], .order = 1 };
    for (size_t i = 0; i < nregions; i++) {
        const struct an_region *mi = &p->regions[i];
        if (mi->base != mi->allocation_base)
            continue;
        /* A VAD that is no image map but starts with a PE header (memory
         * images): a module loaded by hand, or a hollowed image base. */
        if (mi->type != 0x1000000 && !(mi->has_vad && exec_starts_mz(p, mi->base)))
            continue;
        /* the allocation's extent: this region and those that follow it */
        uint64_t end = mi->base + mi->size;
        for (size_t j = i + 1; j < nregions && p->regions[j].allocation_base == mi->base; j++)
            end = p->regions[j].base + p->regions[j].size;
        rows[n++] = (struct row){ .base = mi->base, .size = end - mi->base,
                                  .image_region = mi->type == 0x1000000, .region = mi, .order = 2 };
    }
    qsort(rows, n, sizeof *rows, cmp_row);
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (w > 0 && rows[w - 1].base == rows[i].base) {
            struct row *m = &rows[w - 1];
            if (!m->ldr)
                m->ldr = rows[i].ldr;
            if (!m->mod)
                m->mod = rows[i].mod;
            m->image_region |= rows[i].image_region;
            if (!m->region)
                m->region = rows[i].region;
            continue;
        }
        rows[w++] = rows[i];
    }
    n = w;

    for (size_t i = 0; i < n; i++) {
        const struct row *r = &rows[i];
        table_add_row(t);
        model_cells_process(t, C_PID, C_PROC, p);
        cell_addr(t, C_BASE, r->base);
        cell_addr(t, C_SIZE, r->size);
        const struct an_ldr_entry *e = r->ldr;
        /* On a list: true.  Absent from a list walked back to its head:
         * false.  Otherwise (list not readable, walk cut short): unknown. */
        static const int which[3] = { AN_LDR_LOAD, AN_LDR_INIT, AN_LDR_MEM };
        int flags[3] = { e && e->in_load, e && e->in_init, e && e->in_mem };
        for (int k = 0; k < 3; k++) {
            unsigned col = C_LOAD + (unsigned)k;
            if (flags[k])
                cell_bool(t, col, 1);
            else if (l->av == AN_AV_OK && l->lists[which[k]].av == AN_AV_OK)
                cell_bool(t, col, 0);
        }
        if (modlist)
            cell_bool(t, C_MODLIST, r->mod != NULL);
        if (p->have_regions)
            cell_bool(t, C_MAPPED, r->image_region);
        uint8_t mz[2];
        if (p->vas && vas_read_exact(p->vas, r->base, mz, 2, NULL) == 0)
            cell_bool(t, C_PE, mz[0] == 'M' && mz[1] == 'Z');
        const char *path = NULL;
        if (e && e->full_name.av == AN_AV_OK && e->full_name.text[0])
            path = e->full_name.text;
        else if (r->mod)
            path = r->mod->path;
        if (path) {
            cell_str(t, C_PATH, path);
            cell_str(t, C_NAME, an_base_name(path));
        }
        /* the kernel's name for the same image: the VAD's file object */
        if (r->region && r->region->file)
            cell_str(t, C_MAPPED_PATH, r->region->file);
    }
    free(rows);

    char who[400];
    model_who(a, p, who, sizeof who);
    if (l->av != AN_AV_OK) {
        if (!(p->has_kernel && !p->peb_hint))
            ep_warn("%s: ldrmodules: in_load, in_init and in_mem unknown: %s", who, l->why);
    }
    for (int k = 0; k < 3 && l->av == AN_AV_OK; k++)
        if (l->lists[k].problem[0])
            ep_warn("%s: ldrmodules: %s; modules it did not reach show as unknown", who,
                    l->lists[k].problem);
    if (!p->have_regions && !a->no_regions)
        ep_info("%s: no MemoryInfoList stream: mapped_image unknown", a->label);
}

static int run_ldrmodules(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin(ctx, &cmd_ldrmodules, argc, argv, cols, ARRAY_LEN(cols), &a, &t, &rc))
        return rc;
    for (size_t i = 0; i < a->nprocs; i++)
        process_rows(a, &a->procs[i], t);
    if (a->no_regions)
        ep_info("%s: ldrmodules: mapped_image unknown: %s", a->label, a->no_regions);
    return model_cmd_finish(ctx, t, a);
}
const struct command cmd_ldrmodules = {
    "ldrmodules",
    "compare the loader's module lists with the ModuleList and memory",
    "usage: eproc -f CAPTURE ldrmodules [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "One row per module base found anywhere: in the loader's three lists\n"
    "(PEB.Ldr InLoadOrder, InInitializationOrder, InMemoryOrder; walked in\n"
    "process memory), in a minidump writer's ModuleList stream, or as an\n"
    "image allocation in the MemoryInfoList (an image VAD on memory images;\n"
    "there also any VAD that starts with an MZ header, mapped_image false).\n"
    "path is the loader's FullDllName (else the ModuleList's); mapped_path the\n"
    "file object the image VAD maps (memory images), side by side: a module\n"
    "whose two paths differ was renamed in the loader (masquerading).\n"
    "pe_header says whether the dumped\n"
    "memory at the base starts with 'MZ'.  A module missing from one view\n"
    "but present in another deserves a look (the executable is never on the\n"
    "initialization-order list).  Unknown values are null: a list that is\n"
    "not in the dump cannot say that a module is absent from it.\n"
    "\n"
    "columns: pid, process, base, size, in_load, in_init, in_mem,\n"
    "in_module_list, mapped_image, pe_header, name, path, mapped_path\n",
    run_ldrmodules,
};

COMMAND_COLUMNS(cmd_ldrmodules, cols, sizeof cols / sizeof cols[0], NULL)
