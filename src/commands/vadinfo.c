/* eproc vadinfo: the address space as VirtualQuery described it when the
 * dump was written (MemoryInfoList), or, without that stream, the ranges
 * of dumped memory. */
#include <stdio.h>
#include <string.h>

#include "commands/anatomy_section.h"
#include "commands/model_cmd.h"
#include "minidump/minidump.h"
#include "windows/vadtree.h"

/* "PAGE_EXECUTE_READWRITE|PAGE_GUARD" fits. */
#define MD_PROT_BUF 96

extern const struct command cmd_vadinfo;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "start", "Start", COL_ADDR },
    { "end", "End", COL_ADDR },
    { "size", "Size", COL_HEX },
    { "allocation_base", "AllocationBase", COL_ADDR },
    { "state", "State", COL_STR },
    { "type", "Type", COL_STR },
    { "protection", "Protection", COL_STR },
    { "initial_protection", "InitialProtection", COL_STR },
    { "private_memory", "PrivateMemory", COL_BOOL },
    { "dumped", "Dumped", COL_UINT },
    { "file", "File", COL_STR },
    /* memory images: the VAD itself (null for minidumps) */
    { "vad", "VAD", COL_ADDR },
    { "vad_type", "VadType", COL_STR },
    { "tag", "Tag", COL_STR },
    { "commit_charge", "CommitCharge", COL_UINT },
    { "vad_flags", "VadFlags", COL_HEX },
    { "vad_flags1", "VadFlags1", COL_HEX },
    { "control_area", "ControlArea", COL_ADDR },
    { "file_object", "FileObject", COL_ADDR },
};
enum { C_PID, C_PROC, C_START, C_END, C_SIZE, C_ALLOC, C_STATE, C_TYPE, C_PROT, C_IPROT, C_PRIV,
       C_DUMPED, C_FILE, C_VAD, C_VADTYPE, C_TAG, C_COMMIT, C_FLAGS, C_FLAGS1, C_CA, C_FO };

/* Bytes of [va, va+size) the capture holds (the address space's readable
 * runs, in address order). */
static uint64_t dumped_bytes(struct vas *v, uint64_t va, uint64_t size)
{
    uint64_t end = size > UINT64_MAX - va ? UINT64_MAX : va + size;
    uint64_t total = 0;
    struct vas_extent x;
    for (uint64_t from = va; from < end && v->ops->next_extent(v->impl, from, &x) == 0;) {
        if (x.va >= end || x.len == 0)
            break;
        uint64_t a = x.va > va ? x.va : va;
        uint64_t xe = x.len > UINT64_MAX - x.va ? UINT64_MAX : x.va + x.len;
        uint64_t b = xe < end ? xe : end;
        if (b > a)
            total += b - a;
        if (xe <= from)
            break;
        from = xe;
    }
    return total;
}

static void file_cell(struct table *t, const struct an_process *p, uint64_t va)
{
    const struct an_module *m = an_module_at(p, va);
    if (m && m->path)
        cell_str(t, C_FILE, m->path);
}

/* The VAD's own facts (memory images): the file is the one its control
 * area's FILE_OBJECT names, not the loader's idea of it. */
static void vad_cells(struct table *t, const struct an_region *m)
{
    cell_str(t, C_FILE, m->file);
    cell_addr(t, C_VAD, m->vad_va);
    cell_str(t, C_VADTYPE, vad_type_name(m->vad_type));
    cell_str(t, C_TAG, m->tag[0] ? m->tag : NULL);
    cell_uint(t, C_COMMIT, m->commit_charge);
    cell_addr(t, C_FLAGS, m->vad_flags);
    cell_addr(t, C_FLAGS1, m->vad_flags1);
    if (m->control_area)
        cell_addr(t, C_CA, m->control_area);
    if (m->file_object)
        cell_addr(t, C_FO, m->file_object);
}

static void process_rows(const struct anatomy *a, const struct an_process *p, struct table *t)
{
    char pbuf[MD_PROT_BUF];
    int extents = p->vas && p->vas->ops->next_extent;
    if (p->have_regions) {
        for (size_t i = 0; i < p->nregions; i++) {
            const struct an_region *m = &p->regions[i];
            table_add_row(t);
            model_cells_process(t, C_PID, C_PROC, p);
            cell_addr(t, C_START, m->base);
            cell_addr(t, C_END, m->size ? m->base + m->size - 1 : m->base);
            cell_addr(t, C_SIZE, m->size);
            const char *state = md_state_name(m->state);
            cell_str(t, C_STATE, state[0] ? state : NULL);
            if (m->state != 0x10000) {              /* free regions have no allocation */
                cell_addr(t, C_ALLOC, m->allocation_base);
                const char *type = md_type_name(m->type);
                cell_str(t, C_TYPE, type[0] ? type : NULL);
                cell_str(t, C_IPROT, md_protect_name(m->allocation_protect, pbuf, sizeof pbuf));
                cell_bool(t, C_PRIV, m->type == 0x20000);
            }
            if (m->state == 0x1000)
                cell_str(t, C_PROT, md_protect_name(m->protect, pbuf, sizeof pbuf));
            if (extents)
                cell_uint(t, C_DUMPED, dumped_bytes(p->vas, m->base, m->size));
            if (m->has_vad)
                vad_cells(t, m);
            else if (m->type == 0x1000000)
                file_cell(t, p, m->base);
        }
        if (p->regions_problem[0]) {
            char who[128];
            ep_warn("%s: vadinfo: %s", model_who(a, p, who, sizeof who), p->regions_problem);
        }
        return;
    }
    if (!extents)
        return;
    size_t n = 0;
    struct vas_extent x;
    for (uint64_t from = 0; p->vas->ops->next_extent(p->vas->impl, from, &x) == 0 && x.len;) {
        n++;
        uint64_t xe = x.len > UINT64_MAX - x.va ? UINT64_MAX : x.va + x.len;
        if (xe <= from || xe == UINT64_MAX)
            break;
        from = xe;
    }
    ep_warn("%s: vadinfo: no MemoryInfoList stream (MiniDumpWithFullMemoryInfo): listing "
            "the %zu dumped memory ranges; state, type and protection unknown", a->label, n);
    for (uint64_t from = 0; p->vas->ops->next_extent(p->vas->impl, from, &x) == 0 && x.len;) {
        table_add_row(t);
        model_cells_process(t, C_PID, C_PROC, p);
        cell_addr(t, C_START, x.va);
        cell_addr(t, C_END, x.va + x.len - 1);
        cell_addr(t, C_SIZE, x.len);
        cell_uint(t, C_DUMPED, x.len);
        file_cell(t, p, x.va);
        uint64_t xe = x.len > UINT64_MAX - x.va ? UINT64_MAX : x.va + x.len;
        if (xe <= from || xe == UINT64_MAX)
            break;
        from = xe;
    }
}

static int run_vadinfo(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin(ctx, &cmd_vadinfo, argc, argv, cols, ARRAY_LEN(cols), &a, &t, &rc))
        return rc;
    model_warn_missing_part(a, "vadinfo", a->no_regions);
    for (size_t i = 0; i < a->nprocs; i++) {
        /* each process's page-table walk (resident bytes) maps pages all
         * over the capture: let go of them every 16 processes */
        if (i && (i & 15) == 0)
            anatomy_release_pages(a);
        process_rows(a, &a->procs[i], t);
    }
    return model_cmd_finish(ctx, t, a);
}
const struct command cmd_vadinfo = {
    "vadinfo",
    "list memory regions (VADs on memory images) with type, protection and file",
    "usage: eproc -f CAPTURE vadinfo [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "Memory images: one row per VAD of each process (EPROCESS.VadRoot, walked\n"
    "with a bound and a visited set): start, inclusive end, VAD type, the\n"
    "protection it was created with, private/mapped/image, commit charge (pages),\n"
    "the raw VadFlags/VadFlags1 words, the pool tag, and the mapped file's\n"
    "name through Subsection -> ControlArea -> FilePointer -> FILE_OBJECT.\n"
    "State is MEM_COMMIT when pages are charged or a file is mapped, else\n"
    "MEM_RESERVE (a VAD does not record each page's state).\n"
    "\n"
    "Minidumps: "
    "One row per region of the MemoryInfoList stream (what VirtualQuery\n"
    "reported when the dump was written): start and inclusive end, size,\n"
    "allocation base, state (MEM_COMMIT/RESERVE/FREE), type (MEM_PRIVATE,\n"
    "MEM_MAPPED, MEM_IMAGE), current and initial protection, how many of its\n"
    "bytes the dump holds, and the module for image regions.  A user-mode\n"
    "dump has no VAD tree; this is its equivalent.  Without a MemoryInfoList\n"
    "the dumped ranges are listed instead, with a warning.\n"
    "\n"
    "columns: pid, process, start, end, size, allocation_base, state, type,\n"
    "protection, initial_protection, private_memory, dumped, file, vad,\n"
    "vad_type, tag, commit_charge, vad_flags, vad_flags1, control_area,\n"
    "file_object (the last eight: memory images)\n",
    run_vadinfo,
};

static unsigned vad_rows(struct table *t, const struct anatomy *a, const struct an_process *p)
{
    process_rows(a, p, t);
    return 0;
}

const struct anatomy_section section_vads = { "vads", cols, ARRAY_LEN(cols), 0, vad_rows };

COMMAND_COLUMNS(cmd_vadinfo, cols, sizeof cols / sizeof cols[0], NULL)
