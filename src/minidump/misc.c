/* Small fixed-layout streams: SystemInfo, MiscInfo (all versions),
 * Exception, ProcessVmCounters, SystemMemoryInfo, CommentA/W.
 *
 * Layouts (Microsoft Learn, minidumpapiset.h, which packs to 4 bytes):
 *   MINIDUMP_SYSTEM_INFO (56): u16 ProcessorArchitecture, u16 ProcessorLevel,
 *     u16 ProcessorRevision, u8 NumberOfProcessors, u8 ProductType,
 *     MajorVersion, MinorVersion, BuildNumber, PlatformId, CSDVersionRva,
 *     u16 SuiteMask, u16 Reserved2, CPU_INFORMATION (x86: VendorId[3] ...).
 *   MINIDUMP_MISC_INFO (24): SizeOfInfo, Flags1, ProcessId,
 *     ProcessCreateTime (time_t), ProcessUserTime, ProcessKernelTime;
 *   _2 (44) adds ProcessorMaxMhz, CurrentMhz, MhzLimit, MaxIdleState,
 *     CurrentIdleState; _3 (232) adds ProcessIntegrityLevel,
 *     ProcessExecuteFlags, ProtectedProcess, TimeZoneId,
 *     TIME_ZONE_INFORMATION (172: Bias, StandardName[32], ...); _4 (832) adds
 *     BuildString[260], DbgBldStr[40] (WCHAR); _5 (1364) adds
 *     XSTATE_CONFIG_FEATURE_MSC_INFO (528) and ProcessCookie.
 *   MINIDUMP_EXCEPTION_STREAM (168): ThreadId, pad, MINIDUMP_EXCEPTION
 *     { ExceptionCode, ExceptionFlags, u64 ExceptionRecord, u64
 *     ExceptionAddress, NumberParameters, pad, u64 ExceptionInformation[15] },
 *     ThreadContext (u32 size, u32 rva).
 *   MINIDUMP_PROCESS_VM_COUNTERS_1 (80) / _2 (152): u16 Revision, (u16 Flags
 *     in _2), u32 PageFaultCount at 4, then u64 counters from offset 8.
 *   MINIDUMP_SYSTEM_MEMORY_INFO_1 (492): u16 Revision, u16 Flags,
 *     MINIDUMP_SYSTEM_BASIC_INFORMATION at 4 (TimerResolution, PageSize,
 *     NumberOfPhysicalPages, Lowest/HighestPhysicalPageNumber,
 *     AllocationGranularity, u64 Min/MaximumUserModeAddress, u64
 *     ActiveProcessorsAffinityMask, NumberOfProcessors), FILECACHE (60
 *     bytes), BASIC_PERFORMANCE at 116 (u64 AvailablePages, CommittedPages,
 *     CommitLimit, PeakCommitment), PERFORMANCE_INFORMATION.
 * Checked against the Win7 and Win10 dumps in ../shared/data/minidumps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "minidump/md_internal.h"

void md_parse_system_info(struct md_dump *md, struct md_stream *s)
{
    const uint8_t *p = md_at(md, s->rva, 32);
    if (!p || s->size < 32) {
        s->status = MD_ST_BAD;
        md_note(s, "too short");
        md_warn(md, "SystemInfo stream too short (%u bytes); architecture unknown", s->size);
        return;
    }
    struct md_sysinfo *si = &md->sys;
    si->present = 1;
    si->processor_architecture = le16(p);
    si->processor_level = le16(p + 2);
    si->processor_revision = le16(p + 4);
    si->number_of_processors = p[6];
    si->product_type = p[7];
    si->major = le32(p + 8);
    si->minor = le32(p + 12);
    si->build = le32(p + 16);
    si->platform_id = le32(p + 20);
    si->suite_mask = le16(p + 28);
    int bad = 0;
    si->csd_version = md_string_at(md, le32(p + 24), &bad);
    if (si->csd_version && !si->csd_version[0])
        si->csd_version = NULL;
    if (s->size >= 44 && (si->processor_architecture == 0 || si->processor_architecture == 9)) {
        const uint8_t *v = md_at(md, s->rva + 32, 12);
        int printable = v != NULL;
        for (int i = 0; printable && i < 12; i++)
            printable = v[i] >= 0x20 && v[i] < 0x7f;
        if (printable) {           /* CPUID vendor: 12 ASCII characters */
            memcpy(si->vendor, v, 12);
            si->vendor[12] = 0;
        }
    }
    /* PROCESSOR_ARCHITECTURE_* (winnt.h) */
    const char *arch = si->processor_architecture == 0 ? "x86"
                       : si->processor_architecture == 9 ? "x64"
                       : si->processor_architecture == 12 ? "arm64"
                       : si->processor_architecture == 5 ? "arm" : "other";
    md_note(s, "%s (%u), Windows %u.%u.%u, %u CPU%s", arch, si->processor_architecture, si->major,
            si->minor, si->build, si->number_of_processors,
            si->number_of_processors == 1 ? "" : "s");
}

static void utf16_field(const uint8_t *p, size_t nbytes, char *out, size_t outsz)
{
    text_from_utf16le(out, outsz, p, nbytes);
}

void md_parse_misc_info(struct md_dump *md, struct md_stream *s)
{
    const uint8_t *p = md_at(md, s->rva, 24);
    if (!p || s->size < 24) {
        s->status = MD_ST_BAD;
        md_note(s, "too short");
        md_warn(md, "MiscInfo stream too short (%u bytes)", s->size);
        return;
    }
    struct md_misc *mi = &md->misc;
    uint32_t avail = s->size;
    mi->present = 1;
    mi->size = le32(p);
    if (mi->size < avail && mi->size >= 24)
        avail = mi->size;
    p = md->data + s->rva;
    mi->flags1 = le32(p + 4);
    if (mi->flags1 & MD_MISC1_PROCESS_ID)
        mi->pid = le32(p + 8);
    if (mi->flags1 & MD_MISC1_PROCESS_TIMES) {
        mi->create_time = le32(p + 12);
        mi->user_time = le32(p + 16);
        mi->kernel_time = le32(p + 20);
    }
    int version = 1;
    if (avail >= 44) {
        version = 2;
        if (mi->flags1 & MD_MISC1_PROCESSOR_POWER_INFO) {
            mi->max_mhz = le32(p + 24);
            mi->current_mhz = le32(p + 28);
            mi->mhz_limit = le32(p + 32);
        }
    }
    if (avail >= 232) {
        version = 3;
        if (mi->flags1 & MD_MISC3_PROCESS_INTEGRITY)
            mi->integrity_level = le32(p + 44);
        if (mi->flags1 & MD_MISC3_PROCESS_EXECUTE_FLAGS)
            mi->execute_flags = le32(p + 48);
        if (mi->flags1 & MD_MISC3_PROTECTED_PROCESS)
            mi->protected_process = le32(p + 52);
        if (mi->flags1 & MD_MISC3_TIMEZONE) {
            mi->timezone_id = le32(p + 56);
            mi->tz_bias = (int32_t)le32(p + 60);
            utf16_field(p + 64, 64, mi->tz_name, sizeof mi->tz_name);
        }
    }
    if (avail >= 832) {
        version = 4;
        if (mi->flags1 & MD_MISC4_BUILDSTRING) {
            utf16_field(p + 232, 520, mi->build_string, sizeof mi->build_string);
            utf16_field(p + 752, 80, mi->dbg_build_string, sizeof mi->dbg_build_string);
        }
    }
    if (avail >= 1364) {
        version = 5;
        if (mi->flags1 & MD_MISC5_PROCESS_COOKIE)
            mi->process_cookie = le32(p + 1360);
    }
    if (version == 1)
        md_note(s, "MINIDUMP_MISC_INFO, flags 0x%x", mi->flags1);
    else
        md_note(s, "MINIDUMP_MISC_INFO_%d, flags 0x%x", version, mi->flags1);
}

const char *md_exception_name(uint32_t code)
{
    /* NTSTATUS values from ntstatus.h / winnt.h EXCEPTION_* */
    switch (code) {
    case 0x80000001: return "EXCEPTION_GUARD_PAGE";
    case 0x80000002: return "EXCEPTION_DATATYPE_MISALIGNMENT";
    case 0x80000003: return "EXCEPTION_BREAKPOINT";
    case 0x80000004: return "EXCEPTION_SINGLE_STEP";
    case 0xc0000005: return "EXCEPTION_ACCESS_VIOLATION";
    case 0xc0000006: return "EXCEPTION_IN_PAGE_ERROR";
    case 0xc0000008: return "EXCEPTION_INVALID_HANDLE";
    case 0xc000000d: return "STATUS_INVALID_PARAMETER";
    case 0xc0000017: return "STATUS_NO_MEMORY";
    case 0xc000001d: return "EXCEPTION_ILLEGAL_INSTRUCTION";
    case 0xc0000025: return "EXCEPTION_NONCONTINUABLE_EXCEPTION";
    case 0xc0000026: return "EXCEPTION_INVALID_DISPOSITION";
    case 0xc000008c: return "EXCEPTION_ARRAY_BOUNDS_EXCEEDED";
    case 0xc000008d: return "EXCEPTION_FLT_DENORMAL_OPERAND";
    case 0xc000008e: return "EXCEPTION_FLT_DIVIDE_BY_ZERO";
    case 0xc000008f: return "EXCEPTION_FLT_INEXACT_RESULT";
    case 0xc0000090: return "EXCEPTION_FLT_INVALID_OPERATION";
    case 0xc0000091: return "EXCEPTION_FLT_OVERFLOW";
    case 0xc0000092: return "EXCEPTION_FLT_STACK_CHECK";
    case 0xc0000093: return "EXCEPTION_FLT_UNDERFLOW";
    case 0xc0000094: return "EXCEPTION_INT_DIVIDE_BY_ZERO";
    case 0xc0000095: return "EXCEPTION_INT_OVERFLOW";
    case 0xc0000096: return "EXCEPTION_PRIV_INSTRUCTION";
    case 0xc00000fd: return "EXCEPTION_STACK_OVERFLOW";
    case 0xc0000135: return "STATUS_DLL_NOT_FOUND";
    case 0xc0000142: return "STATUS_DLL_INIT_FAILED";
    case 0xc0000194: return "EXCEPTION_POSSIBLE_DEADLOCK";
    case 0xc0000374: return "STATUS_HEAP_CORRUPTION";
    case 0xc0000409: return "STATUS_STACK_BUFFER_OVERRUN";
    case 0xc0000417: return "STATUS_INVALID_CRUNTIME_PARAMETER";
    case 0xc0000420: return "STATUS_ASSERTION_FAILURE";
    case 0xe06d7363: return "C++ exception (msc)";
    default: return NULL;
    }
}

void md_parse_exception(struct md_dump *md, struct md_stream *s)
{
    const uint8_t *p = md_at(md, s->rva, 40);
    if (!p || s->size < 40) {
        s->status = MD_ST_BAD;
        md_note(s, "too short");
        md_warn(md, "Exception stream too short (%u bytes)", s->size);
        return;
    }
    struct md_exception *x = &md->exc;
    x->present = 1;
    x->tid = le32(p);
    x->code = le32(p + 8);
    x->flags = le32(p + 12);
    x->record = le64(p + 16);
    x->address = le64(p + 24);
    if (md->ptr_size == 4)
        x->address &= 0xffffffffu;
    x->nparams = le32(p + 32);
    uint32_t np = x->nparams > 15 ? 15 : x->nparams;
    for (uint32_t i = 0; i < np && 40 + 8 * (i + 1) <= s->size; i++)
        x->params[i] = le64(p + 40 + 8 * i);
    if (s->size >= 168) {
        uint32_t csize = le32(p + 160), crva = le32(p + 164);
        if (csize && md_decode_context(md, crva, csize, &x->pc, &x->sp, &(uint64_t){0}) == 0)
            x->has_context = 1;
    }
    const char *name = md_exception_name(x->code);
    md_note(s, "0x%08x%s%s at 0x%llx, thread %u", x->code, name ? " " : "", name ? name : "",
            (unsigned long long)x->address, x->tid);
}

void md_parse_vm_counters(struct md_dump *md, struct md_stream *s)
{
    const uint8_t *p = md_at(md, s->rva, 80);
    if (!p || s->size < 80) {
        s->status = MD_ST_BAD;
        md_note(s, "too short");
        md_warn(md, "ProcessVmCounters stream too short (%u bytes)", s->size);
        return;
    }
    struct md_vm_counters *v = &md->vm;
    v->present = 1;
    v->revision = le16(p);
    v->page_fault_count = le32(p + 4);
    v->peak_working_set = le64(p + 8);
    v->working_set = le64(p + 16);
    v->quota_peak_paged_pool = le64(p + 24);
    v->quota_paged_pool = le64(p + 32);
    v->quota_peak_nonpaged_pool = le64(p + 40);
    v->quota_nonpaged_pool = le64(p + 48);
    v->pagefile_usage = le64(p + 56);
    v->peak_pagefile_usage = le64(p + 64);
    if (v->revision >= 2 && s->size >= 152) {
        v->flags = le16(p + 2);
        v->has_v2 = 1;
        v->peak_virtual_size = le64(p + 72);
        v->virtual_size = le64(p + 80);
        v->private_usage = le64(p + 88);
        v->private_working_set = le64(p + 96);
        v->shared_commit = le64(p + 104);
    } else {
        v->private_usage = le64(p + 72);
    }
    md_note(s, "revision %u, working set %llu bytes", v->revision,
            (unsigned long long)v->working_set);
}

void md_parse_system_memory(struct md_dump *md, struct md_stream *s)
{
    const uint8_t *p = md_at(md, s->rva, 148);
    if (!p || s->size < 148) {
        s->status = MD_ST_BAD;
        md_note(s, "too short");
        md_warn(md, "SystemMemoryInfo stream too short (%u bytes)", s->size);
        return;
    }
    struct md_system_memory *m = &md->sysmem;
    m->present = 1;
    m->revision = le16(p);
    m->flags = le16(p + 2);
    m->page_size = le32(p + 8);
    m->number_of_physical_pages = le32(p + 12);
    m->allocation_granularity = le32(p + 24);
    m->min_user_address = le64(p + 28);
    m->max_user_address = le64(p + 36);
    m->number_of_processors = le32(p + 52);
    m->available_pages = le64(p + 116);
    m->committed_pages = le64(p + 124);
    m->commit_limit = le64(p + 132);
    m->peak_commitment = le64(p + 140);
    md_note(s, "page size %u, %u physical pages", m->page_size, m->number_of_physical_pages);
}

void md_parse_comment(struct md_dump *md, struct md_stream *s)
{
    const uint8_t *p = md_at(md, s->rva, s->size);
    if (!p) {
        s->status = MD_ST_BAD;
        return;
    }
    if (md->ncomments >= MD_MAX_COMMENTS) {
        s->status = MD_ST_PARTIAL;
        md_note(s, "too many comments; ignored");
        return;
    }
    if (md->ncomments == 0)
        md->comments = ep_calloc(MD_MAX_COMMENTS, sizeof *md->comments);
    uint32_t n = s->size > MD_MAX_STRING ? MD_MAX_STRING : s->size;
    size_t cap = (size_t)n * 4 + 16;
    char *text = ep_calloc(cap, 1);
    int wide = s->type == MD_COMMENT_W;
    if (wide) {
        /* stop at the first NUL code unit */
        uint32_t len = 0;
        while (len + 1 < n && (p[len] || p[len + 1]))
            len += 2;
        text_from_utf16le(text, cap, p, len);
    } else {
        text_from_bytes(text, cap, p, n);
    }
    md->comments[md->ncomments].wide = wide;
    md->comments[md->ncomments].text = text;
    md->ncomments++;
    md_note(s, "%zu characters", strlen(text));
}
