/* eproc dlllist: the modules the dump writer recorded (ModuleList). */
#include <stdio.h>

#include "commands/md_common.h"

extern const struct command cmd_dlllist;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "base", "Base", COL_ADDR },
    { "size", "Size", COL_HEX },
    { "name", "Name", COL_STR },
    { "path", "Path", COL_STR },
    { "version", "Version", COL_STR },
    { "link_time", "LinkTime", COL_TIME },
    { "checksum", "Checksum", COL_HEX },
    { "pdb_name", "PDB", COL_STR },
    { "pdb_id", "PDBId", COL_STR },
};
enum { C_PID, C_PROC, C_BASE, C_SIZE, C_NAME, C_PATH, C_VER, C_LINK, C_SUM, C_PDB, C_PDBID };

static int run_dlllist(struct ep_context *ctx, int argc, char **argv)
{
    struct md_dump *md;
    struct table *t;
    int rc;
    if (!md_cmd_begin(ctx, &cmd_dlllist, argc, argv, cols, ARRAY_LEN(cols), &md, &t, &rc))
        return rc;
    if (!md->have_module_list)
        ep_warn("%s: dlllist: the dump has no ModuleList stream", md->label);
    for (size_t i = 0; i < md->nmodules; i++) {
        const struct md_module *m = &md->modules[i];
        table_add_row(t);
        md_cells_process(t, C_PID, C_PROC, md);
        cell_addr(t, C_BASE, m->base);
        cell_addr(t, C_SIZE, m->size);
        cell_str(t, C_NAME, m->name);
        cell_str(t, C_PATH, m->path);
        if (m->has_version) {
            char v[48];
            snprintf(v, sizeof v, "%u.%u.%u.%u", m->version[0], m->version[1], m->version[2],
                     m->version[3]);
            cell_str(t, C_VER, v);
        }
        if (m->timestamp)
            cell_time(t, C_LINK, md_filetime_from_unix(m->timestamp));
        cell_addr(t, C_SUM, m->checksum);
        if (m->pdb_name)
            cell_str(t, C_PDB, m->pdb_name);
        if (m->has_cv)
            cell_str(t, C_PDBID, m->pdb_id);
    }
    return md_cmd_finish(ctx, t, md);
}

const struct command cmd_dlllist = {
    "dlllist",
    "list loaded modules: base, size, path, version, PDB (minidumps)",
    "usage: eproc -f DUMP.dmp dlllist [--pid PID[,PID...]]\n"
    "\n"
    "The modules the dump writer recorded in the ModuleList stream, in its\n"
    "order (the executable first): base, size, name and path, file version,\n"
    "link time (the PE TimeDateStamp), checksum, and the CodeView record's\n"
    "PDB name and symbol-server id (GUID and age).  'ldrmodules' compares this\n"
    "list with the loader's own lists in dumped memory.\n"
    "\n"
    "columns: pid, process, base, size, name, path, version, link_time,\n"
    "checksum, pdb_name, pdb_id\n",
    run_dlllist,
};
