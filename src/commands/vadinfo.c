/* eproc vadinfo: the address space as VirtualQuery described it when the
 * dump was written (MemoryInfoList), or, without that stream, the ranges
 * of dumped memory. */
#include <stdio.h>
#include <string.h>

#include "commands/md_common.h"

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
};
enum { C_PID, C_PROC, C_START, C_END, C_SIZE, C_ALLOC, C_STATE, C_TYPE, C_PROT, C_IPROT, C_PRIV,
       C_DUMPED, C_FILE };

/* Bytes of [va, va+size) present in the dump (ranges are sorted and
 * disjoint: binary search for the first that ends past va). */
static uint64_t dumped_bytes(const struct md_dump *md, uint64_t va, uint64_t size)
{
    uint64_t end = size > UINT64_MAX - va ? UINT64_MAX : va + size;
    size_t lo = 0, hi = md->nranges;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (md->ranges[mid].va + md->ranges[mid].size <= va)
            lo = mid + 1;
        else
            hi = mid;
    }
    uint64_t total = 0;
    for (size_t i = lo; i < md->nranges && md->ranges[i].va < end; i++) {
        const struct md_range *r = &md->ranges[i];
        uint64_t a = r->va > va ? r->va : va;
        uint64_t b = r->va + r->size < end ? r->va + r->size : end;
        total += b - a;
    }
    return total;
}

static void file_cell(struct table *t, const struct md_dump *md, uint64_t va)
{
    const struct md_module *m = md_find_module(md, va);
    if (m)
        cell_str(t, C_FILE, m->path);
}

static int run_vadinfo(struct ep_context *ctx, int argc, char **argv)
{
    struct md_dump *md;
    struct table *t;
    int rc;
    if (!md_cmd_begin(ctx, &cmd_vadinfo, argc, argv, cols, ARRAY_LEN(cols), &md, &t, &rc))
        return rc;
    char pbuf[MD_PROT_BUF];
    if (md->have_meminfo) {
        for (size_t i = 0; i < md->nmeminfo; i++) {
            const struct md_meminfo *m = &md->meminfo[i];
            table_add_row(t);
            md_cells_process(t, C_PID, C_PROC, md);
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
            cell_uint(t, C_DUMPED, dumped_bytes(md, m->base, m->size));
            if (m->type == 0x1000000)
                file_cell(t, md, m->base);
        }
    } else {
        ep_warn("%s: vadinfo: no MemoryInfoList stream (MiniDumpWithFullMemoryInfo): listing "
                "the %zu dumped memory ranges; state, type and protection unknown",
                md->label, md->nranges);
        for (size_t i = 0; i < md->nranges; i++) {
            const struct md_range *r = &md->ranges[i];
            table_add_row(t);
            md_cells_process(t, C_PID, C_PROC, md);
            cell_addr(t, C_START, r->va);
            cell_addr(t, C_END, r->va + r->size - 1);
            cell_addr(t, C_SIZE, r->size);
            cell_uint(t, C_DUMPED, r->size);
            file_cell(t, md, r->va);
        }
    }
    return md_cmd_finish(ctx, t, md);
}

const struct command cmd_vadinfo = {
    "vadinfo",
    "list memory regions with state, type and protection (minidumps)",
    "usage: eproc -f DUMP.dmp vadinfo [--pid PID[,PID...]]\n"
    "\n"
    "One row per region of the MemoryInfoList stream (what VirtualQuery\n"
    "reported when the dump was written): start and inclusive end, size,\n"
    "allocation base, state (MEM_COMMIT/RESERVE/FREE), type (MEM_PRIVATE,\n"
    "MEM_MAPPED, MEM_IMAGE), current and initial protection, how many of its\n"
    "bytes the dump holds, and the module for image regions.  A user-mode\n"
    "dump has no VAD tree; this is its equivalent.  Without a MemoryInfoList\n"
    "the dumped ranges are listed instead, with a warning.\n"
    "\n"
    "columns: pid, process, start, end, size, allocation_base, state, type,\n"
    "protection, initial_protection, private_memory, dumped, file\n",
    run_vadinfo,
};
