/* eproc dlllist: each process's modules, as the capture lists them (the
 * anatomy model's modules: a minidump's ModuleList, or the loader's
 * InLoadOrderModuleList in a memory image's process memory). */
#include <stdio.h>

#include "commands/anatomy_section.h"
#include "commands/model_cmd.h"

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
    { "load_reason", "LoadReason", COL_STR },
    { "load_time", "LoadTime", COL_TIME },
    { "wow64", "Wow64", COL_BOOL },
};
enum { C_PID, C_PROC, C_BASE, C_SIZE, C_NAME, C_PATH, C_VER, C_LINK, C_SUM, C_PDB, C_PDBID, C_REASON,
       C_LTIME, C_WOW64 };

/* LDR_DLL_LOAD_REASON (public ntdll symbols; Windows 8 and later). */
static const char *load_reason_name(uint32_t r)
{
    static const char *const names[] = {
        "StaticDependency", "StaticForwarderDependency", "DynamicForwarderDependency",
        "DelayloadDependency", "DynamicLoad", "AsImageLoad", "AsDataLoad", "EnclavePrimary",
        "EnclaveDependency", "PatchImage",
    };
    if (r == 0xffffffffu)
        return "Unknown";
    return r < ARRAY_LEN(names) ? names[r] : NULL;
}

static void module_row(struct table *t, const struct an_process *p, const struct an_module *mod, int wow64)
{
    table_add_row(t);
    model_cells_process(t, C_PID, C_PROC, p);
    cell_addr(t, C_BASE, mod->base);
    cell_addr(t, C_SIZE, mod->size);
    cell_str(t, C_NAME, mod->name);
    cell_str(t, C_PATH, mod->path);
    if (mod->has_version) {
        char v[48];
        snprintf(v, sizeof v, "%u.%u.%u.%u", mod->version[0], mod->version[1], mod->version[2],
                 mod->version[3]);
        cell_str(t, C_VER, v);
    }
    if (mod->timestamp)
        cell_time(t, C_LINK, (mod->timestamp + 11644473600ull) * 10000000ull);
    if (mod->has_checksum)
        cell_addr(t, C_SUM, mod->checksum);
    if (mod->pdb_name)
        cell_str(t, C_PDB, mod->pdb_name);
    if (mod->has_cv)
        cell_str(t, C_PDBID, mod->pdb_id);
    if (mod->has_load) {
        cell_str(t, C_REASON, load_reason_name(mod->load_reason));
        cell_time(t, C_LTIME, mod->load_time);
    }
    if (p->has_kernel)
        cell_bool(t, C_WOW64, wow64);
}

static unsigned module_rows(struct table *t, const struct anatomy *a, const struct an_process *p)
{
    char who[400];
    if (!p->have_modules) {
        if (!p->has_kernel)
            ep_warn("%s: dlllist: the dump has no ModuleList stream", model_who(a, p, who, sizeof who));
        else if (p->peb_hint)
            ep_warn("%s: dlllist: modules unknown: %s", model_who(a, p, who, sizeof who), p->ldr.why);
    } else if (p->modules_problem[0]) {
        ep_warn("%s: dlllist: %s", model_who(a, p, who, sizeof who), p->modules_problem);
    }
    for (size_t m = 0; m < p->nmodules; m++)
        module_row(t, p, &p->modules[m], 0);
    /* a WoW64 process: the 32-bit loader's list, beside the 64-bit one */
    if (p->wow64.present && p->wow64.ldr.av != AN_AV_OK)
        ep_warn("%s: dlllist: 32-bit modules unknown: %s", model_who(a, p, who, sizeof who),
                p->wow64.ldr.why);
    else if (p->wow64.present && p->wow64.ldr.lists[AN_LDR_LOAD].problem[0])
        ep_warn("%s: dlllist: 32-bit %s", model_who(a, p, who, sizeof who),
                p->wow64.ldr.lists[AN_LDR_LOAD].problem);
    for (size_t m = 0; m < p->wow64.nmodules; m++)
        module_row(t, p, &p->wow64.modules[m], 1);
    return 0;
}

static int run_dlllist(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin(ctx, &cmd_dlllist, argc, argv, cols, ARRAY_LEN(cols), &a, &t, &rc))
        return rc;
    for (size_t i = 0; i < a->nprocs; i++)
        module_rows(t, a, &a->procs[i]);
    return model_cmd_finish(ctx, t, a);
}

const struct command cmd_dlllist = {
    "dlllist",
    "list each process's modules: base, size, path (and version, PDB, load reason/time)",
    "usage: eproc -f CAPTURE dlllist [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "On a memory image: each process's InLoadOrderModuleList, read from its\n"
    "PEB.Ldr through the process's own page tables: base, size, name, full\n"
    "path, and (Windows 8 and later) the load reason and load time the\n"
    "loader recorded.  A list that stops early (a missing or paged-out\n"
    "entry, a loop) is one warning for that process.  For a WoW64 process the\n"
    "32-bit loader's list (EPROCESS.WoW64Process -> PEB32.Ldr) follows the\n"
    "64-bit one, its rows with wow64 true.\n"
    "\n"
    "On a minidump: the modules the dump writer recorded in the ModuleList\n"
    "stream, in its order (the executable first), with the file version,\n"
    "link time (the PE TimeDateStamp), checksum, and the CodeView record's\n"
    "PDB name and symbol-server id (GUID and age).  'ldrmodules' compares\n"
    "this list with the loader's own lists.\n"
    "\n"
    "columns: pid, process, base, size, name, path, version, link_time,\n"
    "checksum, pdb_name, pdb_id, load_reason, load_time, wow64\n",
    run_dlllist,
};

const struct anatomy_section section_modules = { "modules", cols, ARRAY_LEN(cols), 0, module_rows };

COMMAND_COLUMNS(cmd_dlllist, cols, sizeof cols / sizeof cols[0], NULL)
