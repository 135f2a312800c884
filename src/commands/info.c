/* eproc info: what the capture is and what kernel it holds. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "anatomy/fill.h"
#include "base/alloc.h"
#include "commands/command.h"
#include "layer/crashdump.h"
#include "layer/physical.h"
#include "windows/bugcheck.h"
#include "windows/kernel.h"
#include "windows/triage.h"

extern const struct command cmd_info;

/* Minidumps are described by the minidump layer (commands/md_info.c). */
int minidump_info(struct ep_context *ctx, struct capture *cap);

static const struct col_def info_cols[] = {
    { "file", "File", COL_STR },
    { "format", "Format", COL_STR },
    { "file_size", "File size", COL_UINT },
    { "runs", "Physical runs", COL_UINT },
    { "physical_bytes", "Physical bytes", COL_UINT },
    { "data_blocks", "Virtual data blocks", COL_UINT },
    { "partial", "Partial capture", COL_BOOL },
    { "dtb", "DTB", COL_ADDR },
    { "dtb_source", "DTB source", COL_STR },
    { "kernel_base", "Kernel base", COL_ADDR },
    { "kernel_base_source", "Kernel base source", COL_STR },
    { "pdb_name", "PDB name", COL_STR },
    { "pdb_guid", "PDB GUID", COL_STR },
    { "pdb_age", "PDB age", COL_UINT },
    { "pdb_id", "PDB id", COL_STR },
    { "build", "Build", COL_UINT },
    { "build_source", "Build source", COL_STR },
    { "nt_version", "NT version", COL_STR },
    { "machine", "Machine", COL_STR },
    { "processors", "Processors", COL_UINT },
    { "system_time", "System time", COL_TIME },
    { "profile", "Profile", COL_STR },
    { "profile_choice", "Profile choice", COL_STR },
    { "profile_reason", "Profile reason", COL_STR },
    { "dump_type", "Dump type", COL_STR },
    { "bugcheck_code", "Bugcheck code", COL_HEX },
    { "bugcheck_parameters", "Bugcheck parameters", COL_LIST },
    { "bugcheck_name", "Bugcheck name", COL_STR },
    { "bugcheck_meaning", "Bugcheck meaning", COL_STR },
    { "faulting_address", "Faulting address", COL_ADDR },
    { "faulting_address_source", "Faulting address source", COL_STR },
    { "faulting_module", "Faulting module", COL_STR },
    { "kdbg", "KDBG", COL_ADDR },
    { "ps_active_process_head", "PsActiveProcessHead", COL_ADDR },
    { "ps_loaded_module_list", "PsLoadedModuleList", COL_ADDR },
};

static const char *machine_name(uint32_t m)
{
    switch (m) {
    case 0x8664: return "x64";
    case 0xaa64: return "ARM64";
    case 0x14c: return "x86";
    default: return "unknown";
    }
}

#define SET(key, call) call(t, table_col(t, key)

/* The bugcheck's name, what its parameters say, and the code it names:
 * the parameter holding the faulting instruction's address (bugcheck.h),
 * else the instruction pointer the faulting thread's trap frame saved
 * (triage dumps that hold that frame), resolved to the driver holding it
 * (the dump's driver list or PsLoadedModuleList). */
static void bugcheck_rows(struct table *t, struct kernel *k, const struct crashdump_info *d)
{
    char name[96];
    bugcheck_name(d->bugcheck_code, name, sizeof name);
    const struct bugcheck_info *b = bugcheck_lookup(d->bugcheck_code);
    if (!b)
        return;
    SET("bugcheck_name", cell_str), name);
    char meaning[1200];
    size_t n = 0;
    meaning[0] = 0;
    for (int i = 0; i < 4 && n < sizeof meaning; i++)
        n += (size_t)snprintf(meaning + n, sizeof meaning - n, "%s%d: %s = 0x%" PRIx64,
                              i ? "; " : "", i + 1, b->params[i], d->bugcheck_params[i]);
    SET("bugcheck_meaning", cell_str), meaning);
    uint64_t addr = 0;
    char source[64] = "";
    if (b->code_param && d->bugcheck_params[b->code_param - 1] >= AN_KERNEL_SPACE) {
        addr = d->bugcheck_params[b->code_param - 1];
        snprintf(source, sizeof source, "bugcheck parameter %d", b->code_param);
    } else if (k->isf && kernel_is_partial(k)) {
        struct ep_thread th;
        uint64_t rip = 0;
        struct ep_error err = {{0}};
        if (triage_thread(k, &th, &rip, &err) == 0 && rip) {
            addr = rip;
            snprintf(source, sizeof source, "faulting thread's trap frame Rip");
        }
    }
    if (!addr)
        return;
    SET("faulting_address", cell_addr), addr);
    SET("faulting_address_source", cell_str), source);
    struct anatomy *a = ep_calloc(1, sizeof *a);
    an_fill_kernel_modules(k, a);
    char where[300];
    an_resolve(a, NULL, addr, where, sizeof where);
    if (where[0])
        SET("faulting_module", cell_str), where);
    anatomy_free(a);
}
static int run_info(struct ep_context *ctx, int argc, char **argv)
{
    if (argc > 1)
        return cmd_usage_error(&cmd_info, "unexpected argument '%s'", argv[1]);
    int rc = EP_EXIT_OK;
    struct capture *cap = ctx_capture(ctx, &rc);
    if (!cap)
        return rc;
    if (cap->kind == CAPTURE_MINIDUMP)
        return minidump_info(ctx, cap);
    struct kernel *k = ctx_kernel(ctx, &rc);
    if (!k)
        return rc;
    const struct crashdump_info *d = cap->dump;

    struct table *t = table_new(info_cols, sizeof info_cols / sizeof info_cols[0]);
    table_set_vertical(t, 1);
    table_add_row(t);
    char buf[256];
    SET("file", cell_str), cap->file.path);
    SET("format", cell_str), cap->format);
    SET("file_size", cell_uint), cap->file.size);
    SET("runs", cell_uint), cap->nruns);
    SET("physical_bytes", cell_uint), cap->phys_bytes);
    SET("data_blocks", cell_uint), cap->nvblocks);
    SET("partial", cell_bool), d && d->is_triage);
    if (k->dtb) {
        SET("dtb", cell_addr), k->dtb);
        SET("dtb_source", cell_str), k->dtb_source);
    }
    if (k->base) {
        SET("kernel_base", cell_addr), k->base);
        SET("kernel_base_source", cell_str), k->base_source);
    }
    if (k->guid[0]) {
        SET("pdb_name", cell_str), k->pdb_name);
        SET("pdb_guid", cell_str), k->guid);
        SET("pdb_age", cell_uint), k->age);
        /* The symbol-server id, as dlllist's pdb_id: GUID then age in hex. */
        char pdb_id[64];
        snprintf(pdb_id, sizeof pdb_id, "%s%X", k->guid, (unsigned)k->age);
        SET("pdb_id", cell_str), pdb_id);
    }
    if (k->build) {
        SET("build", cell_uint), k->build);
        SET("build_source", cell_str), k->build_source);
    }
    if (k->major) {
        snprintf(buf, sizeof buf, "%u.%u", k->major, k->minor);
        SET("nt_version", cell_str), buf);
    }
    SET("machine", cell_str), machine_name(k->machine_type));
    if (k->processors)
        SET("processors", cell_uint), k->processors);
    SET("system_time", cell_time), k->system_time);
    if (k->isf)
        SET("profile", cell_str), k->profile_name);
    SET("profile_choice", cell_str), profile_choice_name(k->profile));
    SET("profile_reason", cell_str), k->profile_reason);
    if (d) {
        SET("dump_type", cell_str), dump_type_name(d->dump_type));
        SET("bugcheck_code", cell_addr), d->bugcheck_code);
        snprintf(buf, sizeof buf, "0x%" PRIx64 ", 0x%" PRIx64 ", 0x%" PRIx64 ", 0x%" PRIx64, d->bugcheck_params[0],
                 d->bugcheck_params[1], d->bugcheck_params[2], d->bugcheck_params[3]);
        SET("bugcheck_parameters", cell_str), buf);
        bugcheck_rows(t, k, d);
        if (d->kdbg_va)
            SET("kdbg", cell_addr), d->kdbg_va);
    }
    uint64_t pah = d && d->ps_active_process_head ? d->ps_active_process_head : k->kdbg.ps_active_process_head;
    uint64_t plm = d && d->ps_loaded_module_list ? d->ps_loaded_module_list : k->kdbg.ps_loaded_module_list;
    if (!pah && k->isf && k->base) {
        const struct isf_symbol *s = isf_symbol(k->isf, "PsActiveProcessHead");
        if (s && s->has_address)
            pah = k->base + s->address;
        s = isf_symbol(k->isf, "PsLoadedModuleList");
        if (s && s->has_address)
            plm = k->base + s->address;
    }
    if (pah)
        SET("ps_active_process_head", cell_addr), pah);
    if (plm)
        SET("ps_loaded_module_list", cell_addr), plm);
    rc = ctx_render(ctx, t);
    table_free(t);
    return rc;
}

const struct command cmd_info = {
    "info",
    "describe the capture: format, runs, DTB, kernel, build, profile",
    "usage: eproc -f IMAGE [-s SYMDIR]... info\n"
    "\n"
    "Identifies the capture by its magic bytes and finds the kernel with no\n"
    "hints: the page-table root (DTB) by its self-referencing entry or the\n"
    "crash dump header, the kernel image by its RSDS CodeView record or KDBG,\n"
    "the build from KUSER_SHARED_DATA or the dump header, then the symbol\n"
    "table: by PDB GUID, else by agreement with every kernel address the\n"
    "capture states, else the same build with a warning.  Crash dumps also\n"
    "show their type and bugcheck: its name and what each parameter means\n"
    "(Microsoft's bug check reference), the faulting address (the parameter\n"
    "that holds it, else the faulting thread's trap frame Rip) and the\n"
    "driver holding it (faulting_module, \"tcpip.sys+0x1234\"; \"(no module)\"\n"
    "when no driver on the dump's list holds it).\n",
    run_info,
};

COMMAND_COLUMNS(cmd_info, info_cols, sizeof info_cols / sizeof info_cols[0], "memory images and kernel crash dumps (one row, shown as key: value lines)")
