/* eproc modules: the kernel's loaded modules (drivers) as the loader lists
 * them (PsLoadedModuleList), or a kernel triage dump's driver list. */
#include <stdio.h>

#include "base/bytes.h"
#include "commands/command.h"
#include "commands/kmod_rows.h"

extern const struct command cmd_modules;

static const struct col_def cols[] = { KMOD_COLUMNS };

static int run_modules(struct ep_context *ctx, int argc, char **argv)
{
    int rc;
    struct kernel *k = kernel_command_start(ctx, &cmd_modules, argc, argv, &rc);
    if (!k)
        return rc;
    struct kmodule_list l = { 0 };
    struct ep_error err = {{0}};
    if (kmodules_of_capture(k, &l, &err) != 0) {
        fprintf(stderr, "eproc: %s\n", err.msg);
        kmodule_list_free(&l);
        return EP_EXIT_INPUT;
    }
    if (l.problem[0])
        ep_warn("%s: %s: %s", ctx->image_path, l.source, l.problem);
    kmodules_read_pdb(k, &l);
    struct table *t = table_new(cols, ARRAY_LEN(cols));
    for (unsigned i = 0; i < l.n; i++) {
        table_add_row(t);
        kmod_row(t, &l.items[i]);
    }
    rc = ctx_render(ctx, t);
    table_free(t);
    kmodule_list_free(&l);
    return rc;
}

const struct command cmd_modules = {
    "modules",
    "kernel modules (drivers): PsLoadedModuleList, or a triage dump's driver list",
    "usage: eproc -f CAPTURE [-s SYMDIR]... modules\n"
    "\n"
    "On a memory image: every KLDR_DATA_TABLE_ENTRY on PsLoadedModuleList,\n"
    "in load order (ntoskrnl first): the entry's address, DllBase,\n"
    "SizeOfImage, BaseDllName, FullDllName, EntryPoint and, from the\n"
    "image's own debug directory (its RSDS CodeView record) when the header\n"
    "page is in the capture, the PDB name and the symbol-server id (GUID and\n"
    "age in hex).  A list that does not lead back to its head is warned\n"
    "about.  modscan finds entries that are not on the list.\n"
    "\n"
    "On a kernel triage dump: the driver list the dump writer saved\n"
    "(TRIAGE_DUMP64.DriverListOffset: DUMP_DRIVER_ENTRY64 records and the\n"
    "string pool's names), with the CheckSum and TimeDateStamp it recorded;\n"
    "the entries' own addresses are not saved (offset is null).\n"
    "\n"
    "columns: offset, offset_phys, base, size, name, path, entry_point,\n"
    "pdb_name, pdb_id, checksum, timestamp\n",
    run_modules,
};

COMMAND_COLUMNS(cmd_modules, cols, sizeof cols / sizeof cols[0], NULL)
