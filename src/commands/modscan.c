/* eproc modscan: kernel loader entries found by scanning physical memory
 * for their pool blocks; those the loader's list lacks are flagged. */
#include <stdio.h>
#include <string.h>

#include "base/bytes.h"
#include "check/kernel_views.h"
#include "commands/command.h"
#include "commands/kmod_rows.h"

extern const struct command cmd_modscan;

static const struct col_def cols[] = { KMOD_COLUMNS, { "in_list", "InList", COL_BOOL } };
enum { C_IN_LIST = KMOD_NCOLS };

static int run_modscan(struct ep_context *ctx, int argc, char **argv)
{
    int rc;
    struct kernel *k = kernel_command_start(ctx, &cmd_modscan, argc, argv, &rc);
    if (!k)
        return rc;
    struct kmodule_list scanned = { 0 }, list = { 0 };
    struct ep_error err = {{0}};
    if (kmodules_scan(k, &scanned, &err) != 0) {
        fprintf(stderr, "eproc: %s\n", err.msg);
        kmodule_list_free(&scanned);
        return EP_EXIT_INPUT;
    }
    struct ep_error lerr = {{0}};
    int have_list = kmodules_from_list(k, &list, &lerr) == 0;
    if (!have_list)
        ep_warn("%s: modscan: the loader's list cannot be read (%s): in_list unknown", ctx->image_path, lerr.msg);
    else if (list.problem[0])
        ep_warn("%s: modscan: PsLoadedModuleList: %s: in_list may be false for listed drivers",
                ctx->image_path, list.problem);
    kmodules_read_pdb(k, &scanned);
    struct table *t = table_new(cols, ARRAY_LEN(cols));
    unsigned unlinked = 0;
    char names[512] = "";
    for (unsigned i = 0; i < scanned.n; i++) {
        const struct kmodule *m = &scanned.items[i];
        table_add_row(t);
        kmod_row(t, m);
        if (!have_list)
            continue;
        int in = kmodule_on_list(&list, m);
        cell_bool(t, C_IN_LIST, in);
        if (!in) {
            cell_mark(t, C_IN_LIST);
            unlinked++;
            size_t used = strlen(names);
            snprintf(names + used, sizeof names - used, "%s%s at 0x%llx", used ? ", " : "",
                     m->name[0] ? m->name : "(no name)", (unsigned long long)m->base);
        }
    }
    char footnote[600];
    snprintf(footnote, sizeof footnote, "not on PsLoadedModuleList (%u): %s", unlinked, names);
    kmodule_list_free(&scanned);
    kmodule_list_free(&list);
    return ctx_render_found(ctx, t, unlinked, footnote);
}

const struct command cmd_modscan = {
    "modscan",
    "kernel loader entries found by a pool scan; flags drivers unlinked from the list",
    "usage: eproc -f IMAGE [-s SYMDIR]... modscan\n"
    "\n"
    "Scans all physical memory for nonpaged pool blocks tagged 'MmLd', each\n"
    "holding a KLDR_DATA_TABLE_ENTRY right after its pool header, and keeps\n"
    "those whose DllBase is a page-aligned kernel address, whose SizeOfImage\n"
    "an image can have, and whose name descriptors are well formed (the\n"
    "names themselves decide nothing).  The entry's virtual address is\n"
    "recovered from its list links.  Same columns as modules, in physical\n"
    "address order, plus in_list: whether PsLoadedModuleList holds the\n"
    "entry.  An entry the scan finds and the list lacks is a driver\n"
    "unlinked to hide it (or a stale block of one that was unloaded): the\n"
    "row is marked and the command exits 1.  Kernel triage dumps hold no\n"
    "physical memory to scan.\n"
    "\n"
    "columns: offset, offset_phys, base, size, name, path, entry_point,\n"
    "pdb_name, pdb_id, checksum, timestamp, in_list\n",
    run_modscan,
};

COMMAND_COLUMNS(cmd_modscan, cols, sizeof cols / sizeof cols[0], NULL)
