/* `eproc info` for a process minidump: what was dumped, from which
 * process, on which system, and what the dump holds. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "anatomy/fill.h"
#include "commands/md_common.h"
#include "layer/physical.h"

int minidump_info(struct ep_context *ctx, struct capture *cap);

static const struct col_def cols[] = {
    { "file", "File", COL_STR },
    { "format", "Format", COL_STR },
    { "file_size", "File size", COL_UINT },
    { "dump_time", "Dump time", COL_TIME },
    { "dump_flags", "Dump flags", COL_STR },
    { "streams", "Streams", COL_UINT },
    { "arch", "Architecture", COL_STR },
    { "windows_version", "Windows version", COL_STR },
    { "service_pack", "Service pack", COL_STR },
    { "build_string", "Build string", COL_STR },
    { "product_type", "Product type", COL_STR },
    { "processors", "Processors", COL_UINT },
    { "cpu_vendor", "CPU vendor", COL_STR },
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "image_path", "Image path", COL_STR },
    { "command_line", "Command line", COL_STR },
    { "create_time", "Process create time", COL_TIME },
    { "user_time_s", "User time (s)", COL_UINT },
    { "kernel_time_s", "Kernel time (s)", COL_UINT },
    { "integrity_level", "Integrity level", COL_STR },
    { "peb", "PEB", COL_ADDR },
    { "peb_status", "PEB status", COL_STR },
    { "threads", "Threads", COL_UINT },
    { "modules", "Modules", COL_UINT },
    { "unloaded_modules", "Unloaded modules", COL_UINT },
    { "host_modules", "Host modules (Wine)", COL_UINT },
    { "memory_ranges", "Memory ranges", COL_UINT },
    { "dumped_bytes", "Dumped bytes", COL_UINT },
    { "memory_regions", "Memory regions", COL_UINT },
    { "handles", "Handles", COL_UINT },
    { "tokens", "Tokens", COL_UINT },
    { "working_set", "Working set", COL_UINT },
    { "exception_code", "Exception code", COL_HEX },
    { "exception_name", "Exception", COL_STR },
    { "exception_address", "Exception address", COL_ADDR },
    { "exception_module", "Exception module", COL_STR },
    { "exception_thread", "Exception thread", COL_UINT },
    { "comment", "Comment", COL_STR },
};

/* MINIDUMP_TYPE bits (minidumpapiset.h). */
static void flag_names(uint64_t flags, char *out, size_t outsz)
{
    static const char *const names[] = {
        "WithDataSegs", "WithFullMemory", "WithHandleData", "FilterMemory", "ScanMemory",
        "WithUnloadedModules", "WithIndirectlyReferencedMemory", "FilterModulePaths",
        "WithProcessThreadData", "WithPrivateReadWriteMemory", "WithoutOptionalData",
        "WithFullMemoryInfo", "WithThreadInfo", "WithCodeSegs", "WithoutAuxiliaryState",
        "WithFullAuxiliaryState", "WithPrivateWriteCopyMemory", "IgnoreInaccessibleMemory",
        "WithTokenInformation", "WithModuleHeaders", "FilterTriage", "WithAvxXStateContext",
        "WithIptTrace", "ScanInaccessiblePartialPages", "FilterWriteCombinedMemory",
    };
    size_t pos = 0;
    out[0] = 0;
    if ((flags & 0xffffffffu) == 0) {
        snprintf(out, outsz, "Normal");
        return;
    }
    for (unsigned i = 0; i < ARRAY_LEN(names) && pos < outsz; i++)
        if (flags & (1ull << i))
            pos += (size_t)snprintf(out + pos, outsz - pos, "%s%s", pos ? "," : "", names[i]);
    uint64_t rest = flags & ~((1ull << ARRAY_LEN(names)) - 1);
    if (rest && pos < outsz)
        snprintf(out + pos, outsz - pos, "%s0x%" PRIx64, pos ? "," : "", rest);
}

static const char *integrity_name(uint32_t rid)
{
    /* SECURITY_MANDATORY_*_RID (winnt.h) */
    switch (rid) {
    case 0x0000: return "Untrusted";
    case 0x1000: return "Low";
    case 0x2000: return "Medium";
    case 0x2100: return "Medium Plus";
    case 0x3000: return "High";
    case 0x4000: return "System";
    case 0x5000: return "Protected Process";
    default: return NULL;
    }
}

#define SET(key) table_col(t, key)

int minidump_info(struct ep_context *ctx, struct capture *cap)
{
    int rc = EP_EXIT_OK;
    struct md_dump *md = NULL;
    struct ep_error err = {{0}};
    if (md_open(&cap->file, &md, &err) != 0) {
        fprintf(stderr, "eproc: %s\n", err.msg);
        return EP_EXIT_INPUT;
    }
    struct table *t = table_new(cols, ARRAY_LEN(cols));
    table_set_vertical(t, 1);
    table_add_row(t);
    char buf[1024];
    cell_str(t, SET("file"), cap->file.path);
    cell_str(t, SET("format"), "minidump (MDMP)");
    cell_uint(t, SET("file_size"), md->size);
    cell_time(t, SET("dump_time"), md_filetime_from_unix(md->timestamp));
    flag_names(md->flags, buf, sizeof buf);
    cell_str(t, SET("dump_flags"), buf);
    cell_uint(t, SET("streams"), md->nstreams);
    cell_str(t, SET("arch"), md_arch_name(md->arch));
    if (md->sys.present) {
        snprintf(buf, sizeof buf, "%u.%u.%u", md->sys.major, md->sys.minor, md->sys.build);
        cell_str(t, SET("windows_version"), buf);
        cell_str(t, SET("service_pack"), md->sys.csd_version);
        static const char *const products[] = { NULL, "workstation", "domain controller", "server" };
        if (md->sys.product_type < ARRAY_LEN(products))
            cell_str(t, SET("product_type"), products[md->sys.product_type]);
        cell_uint(t, SET("processors"), md->sys.number_of_processors);
        if (md->sys.vendor[0])
            cell_str(t, SET("cpu_vendor"), md->sys.vendor);
    }
    if (md->misc.build_string[0])
        cell_str(t, SET("build_string"), md->misc.build_string);
    struct anatomy *model = anatomy_from_minidump(md, cap->file.path, NULL, 0);
    const struct an_process *a = &model->procs[0];
    if (a->pid_known)
        cell_uint(t, SET("pid"), a->pid);
    if (a->name[0])
        cell_str(t, SET("process"), a->name);
    if (a->params.image_path.av == AN_AV_OK)
        cell_str(t, SET("image_path"), a->params.image_path.text);
    if (a->params.command_line.av == AN_AV_OK)
        cell_str(t, SET("command_line"), a->params.command_line.text);
    if (md->misc.flags1 & MD_MISC1_PROCESS_TIMES) {
        cell_time(t, SET("create_time"), md_filetime_from_unix(md->misc.create_time));
        cell_uint(t, SET("user_time_s"), md->misc.user_time);
        cell_uint(t, SET("kernel_time_s"), md->misc.kernel_time);
    }
    if (md->misc.flags1 & MD_MISC3_PROCESS_INTEGRITY) {
        const char *il = integrity_name(md->misc.integrity_level);
        if (il) {
            cell_str(t, SET("integrity_level"), il);
        } else {
            snprintf(buf, sizeof buf, "0x%x", md->misc.integrity_level);
            cell_str(t, SET("integrity_level"), buf);
        }
    }
    if (a->peb.va)
        cell_addr(t, SET("peb"), a->peb.va);
    if (a->peb.av == AN_AV_OK)
        snprintf(buf, sizeof buf, "read");
    else
        snprintf(buf, sizeof buf, "%s", a->peb.why);
    cell_str(t, SET("peb_status"), buf);
    cell_uint(t, SET("threads"), md->nthreads);
    cell_uint(t, SET("modules"), md->nmodules);
    if (md->have_unloaded)
        cell_uint(t, SET("unloaded_modules"), md->nunloaded);
    if (md->nhost_modules)
        cell_uint(t, SET("host_modules"), md->nhost_modules);
    cell_uint(t, SET("memory_ranges"), md->nranges);
    cell_uint(t, SET("dumped_bytes"), md->dumped_bytes);
    if (md->have_meminfo)
        cell_uint(t, SET("memory_regions"), md->nmeminfo);
    if (md->have_handles)
        cell_uint(t, SET("handles"), md->nhandles);
    if (md->have_tokens)
        cell_uint(t, SET("tokens"), md->ntokens);
    if (md->vm.present)
        cell_uint(t, SET("working_set"), md->vm.working_set);
    if (md->exc.present) {
        cell_addr(t, SET("exception_code"), md->exc.code);
        cell_str(t, SET("exception_name"), md_exception_name(md->exc.code));
        cell_addr(t, SET("exception_address"), md->exc.address);
        const struct an_module *m = md_find_module(md, md->exc.address);
        if (m)
            cell_str(t, SET("exception_module"), m->name);
        cell_uint(t, SET("exception_thread"), md->exc.tid);
    }
    if (md->ncomments)
        cell_str(t, SET("comment"), md->comments[0].text);
    anatomy_free(model);
    rc = md_cmd_finish(ctx, t, md);
    return rc;
}

COMMAND_COLUMNS(cmd_info, cols, sizeof cols / sizeof cols[0], "minidumps (one row, shown as key: value lines)")
