#include "windows/layout.h"

#include <string.h>

#include "base/bytes.h"

static uint32_t field(const struct isf *isf, const char *type, const char *name)
{
    const struct isf_field *f = isf_field(isf_user_type(isf, type), name);
    return f ? f->offset : NT_NONE;
}

/* Offset of a.b where a is a struct-typed field: e.g. Cid.UniqueThread. */
static uint32_t nested(const struct isf *isf, const char *type, const char *outer, const char *inner)
{
    const struct isf_field *o = isf_field(isf_user_type(isf, type), outer);
    if (!o || (o->type.kind != ISF_KIND_STRUCT && o->type.kind != ISF_KIND_UNION))
        return NT_NONE;
    const struct isf_field *i = isf_field(isf_user_type(isf, o->type.name), inner);
    return i ? o->offset + i->offset : NT_NONE;
}

static struct nt_bit bit(const struct isf *isf, const char *type, const char *name)
{
    const struct isf_field *f = isf_field(isf_user_type(isf, type), name);
    struct nt_bit b = { NT_NONE, 0, 0 };
    if (f && f->type.kind == ISF_KIND_BITFIELD) {
        b.offset = f->offset;
        b.position = f->type.bit_position;
        b.length = f->type.bit_length;
    }
    return b;
}

/* A dotted path through nested structs and unions, e.g. "u.VadFlags.VadType":
 * the summed offset, and the bit position/length when the last step is a
 * bitfield (length 0 otherwise).  offset NT_NONE when any step is absent. */
static struct nt_bit path(const struct isf *isf, const char *type, const char *dotted)
{
    struct nt_bit b = { NT_NONE, 0, 0 };
    const struct isf_user_type *t = isf_user_type(isf, type);
    uint32_t off = 0;
    char name[64];
    for (const char *p = dotted; t && *p;) {
        size_t n = strcspn(p, ".");
        if (n >= sizeof name)
            return b;
        memcpy(name, p, n);
        name[n] = 0;
        p += n + (p[n] == '.');
        const struct isf_field *f = isf_field(t, name);
        if (!f)
            return b;
        off += f->offset;
        if (!*p) {
            b.offset = off;
            if (f->type.kind == ISF_KIND_BITFIELD) {
                b.position = f->type.bit_position;
                b.length = f->type.bit_length;
            }
            return b;
        }
        if (f->type.kind != ISF_KIND_STRUCT && f->type.kind != ISF_KIND_UNION)
            return b;
        t = isf_user_type(isf, f->type.name);
    }
    return b;
}

static uint32_t size_of(const struct isf *isf, const char *type)
{
    const struct isf_user_type *t = isf_user_type(isf, type);
    return t ? t->size : NT_NONE;
}

static uint64_t sym(const struct isf *isf, const char *name)
{
    const struct isf_symbol *s = isf_symbol(isf, name);
    return s && s->has_address ? s->address : 0;
}

uint64_t nt_bits(const uint8_t *base, uint32_t size, struct nt_bit b)
{
    if (b.offset == NT_NONE || b.length == 0 || b.position + b.length > 64)
        return 0;
    uint64_t v;
    if ((uint64_t)b.offset + 8 <= size)
        v = le64(base + b.offset);
    else if ((uint64_t)b.offset + 4 <= size && b.position + b.length <= 32)
        v = le32(base + b.offset);
    else
        return 0;
    uint64_t mask = b.length >= 64 ? ~0ull : ((1ull << b.length) - 1);
    return (v >> b.position) & mask;
}

static void resolve_vad(const struct isf *isf, struct nt_vad_layout *v)
{
    const char *s = "_MMVAD_SHORT";
    v->short_size = size_of(isf, s);
    v->long_size = size_of(isf, "_MMVAD");
    v->left = path(isf, s, "VadNode.Left").offset;
    v->right = path(isf, s, "VadNode.Right").offset;
    v->parent = path(isf, s, "VadNode.ParentValue").offset;
    v->start_vpn = field(isf, s, "StartingVpn");
    v->end_vpn = field(isf, s, "EndingVpn");
    v->start_vpn_high = field(isf, s, "StartingVpnHigh");
    v->end_vpn_high = field(isf, s, "EndingVpnHigh");
    v->vad_type = path(isf, s, "u.VadFlags.VadType");
    v->protection = path(isf, s, "u.VadFlags.Protection");
    v->private_memory = path(isf, s, "u.VadFlags.PrivateMemory");
    v->commit_charge = path(isf, s, "u1.VadFlags1.CommitCharge");
    v->mem_commit = path(isf, s, "u1.VadFlags1.MemCommit");
    v->flags = path(isf, s, "u.VadFlags").offset;
    v->flags1 = path(isf, s, "u1.VadFlags1").offset;
    v->subsection = field(isf, "_MMVAD", "Subsection");
    v->file_object = field(isf, "_MMVAD", "FileObject");
    v->ss_control_area = field(isf, "_SUBSECTION", "ControlArea");
    v->ca_size = size_of(isf, "_CONTROL_AREA");
    v->ca_file_pointer = field(isf, "_CONTROL_AREA", "FilePointer");
    v->ca_image = path(isf, "_CONTROL_AREA", "u.Flags.Image");
    v->ca_file = path(isf, "_CONTROL_AREA", "u.Flags.File");
    v->fo_size = size_of(isf, "_FILE_OBJECT");
    v->fo_file_name = field(isf, "_FILE_OBJECT", "FileName");
    v->ep_section_object = field(isf, "_EPROCESS", "SectionObject");
    v->ep_section_base = field(isf, "_EPROCESS", "SectionBaseAddress");
    v->ep_image_file_pointer = field(isf, "_EPROCESS", "ImageFilePointer");
    v->sec_control_area = path(isf, "_SECTION", "u1.ControlArea").offset;
}

static void resolve_kldr(const struct isf *isf, struct nt_kldr_layout *o)
{
    const char *t = "_KLDR_DATA_TABLE_ENTRY";
    o->size = size_of(isf, t);
    o->links = field(isf, t, "InLoadOrderLinks");
    o->base = field(isf, t, "DllBase");
    o->entry_point = field(isf, t, "EntryPoint");
    o->size_of_image = field(isf, t, "SizeOfImage");
    o->full_name = field(isf, t, "FullDllName");
    o->base_name = field(isf, t, "BaseDllName");
    o->flags = field(isf, t, "Flags");
    o->checksum = field(isf, t, "CheckSum");
    o->timestamp = field(isf, t, "TimeDateStamp");
}

/* A field that lies outside its structure (a corrupt or hostile symbol
 * table: -s takes any file) would send every walker that trusts the
 * layout reading past its buffer.  Such tables are refused here, once,
 * rather than bounds-checked in each walker.  width is the most the
 * walkers read at that offset. */
static int outside(const struct isf *isf, const char *what, uint32_t off, uint32_t width, uint32_t size,
                   struct ep_error *err)
{
    if (off == NT_NONE || (size != NT_NONE && (uint64_t)off + width <= size))
        return 0;
    if (size == NT_NONE)
        return ep_fail(err, "%s: corrupt symbol table: %s is defined but its structure is not", isf->source, what);
    return ep_fail(err, "%s: corrupt symbol table: %s (offset 0x%x, %u bytes) lies outside its structure (0x%x bytes)",
                   isf->source, what, off, width, size);
}

static int check_inside(const struct isf *isf, const struct nt_layout *l, struct ep_error *err)
{
    const struct { const char *what; uint32_t off, width; } ep[] = {
        { "_EPROCESS.Pcb.DirectoryTableBase", l->ep_dtb, 8 }, { "_EPROCESS.UniqueProcessId", l->ep_pid, 8 },
        { "_EPROCESS.ActiveProcessLinks", l->ep_links, 16 },
        { "_EPROCESS.InheritedFromUniqueProcessId", l->ep_ppid, 8 }, { "_EPROCESS.ImageFileName", l->ep_name, 15 },
        { "_EPROCESS.CreateTime", l->ep_create, 8 }, { "_EPROCESS.ExitTime", l->ep_exit, 8 },
        { "_EPROCESS.SeAuditProcessCreationInfo", l->ep_audit_name, 8 },
        { "_EPROCESS.ActiveThreads", l->ep_active_threads, 4 }, { "_EPROCESS.ObjectTable", l->ep_object_table, 8 },
        { "_EPROCESS.Peb", l->ep_peb, 8 }, { "_EPROCESS.WoW64Process", l->ep_wow64, 8 },
        { "_EPROCESS.Session", l->ep_session, 8 }, { "_EPROCESS.SessionProcessLinks", l->ep_session_links, 16 },
        { "_EPROCESS.Job", l->ep_job, 8 }, { "_EPROCESS.ThreadListHead", l->ep_thread_list, 16 },
        { "_EPROCESS.Protection", l->ep_protection, 1 }, { "_EPROCESS.Token", l->ep_token, 8 },
        { "_EPROCESS.VadRoot", l->ep_vad_root, 8 },
        { "_EPROCESS.MmProcessLinks", l->ep_mm_links, 16 },
        { "_EPROCESS.Pcb.ProcessListEntry", l->ep_ki_links, 16 },
        { "_EPROCESS.Win32Process", l->ep_win32_process, 8 }, { "_EPROCESS.DxgProcess", l->ep_dxg_process, 8 },
        { "_EPROCESS.SectionObject", l->vad.ep_section_object, 8 },
        { "_EPROCESS.SectionBaseAddress", l->vad.ep_section_base, 8 },
        { "_EPROCESS.ImageFilePointer", l->vad.ep_image_file_pointer, 8 },
    };
    for (size_t i = 0; i < sizeof ep / sizeof ep[0]; i++)
        if (outside(isf, ep[i].what, ep[i].off, ep[i].width, l->ep_size, err) != 0)
            return -1;
    const struct { const char *what; uint32_t off, width; } th[] = {
        { "_ETHREAD.Cid.UniqueProcess", l->th_cid_pid, 8 }, { "_ETHREAD.Cid.UniqueThread", l->th_cid_tid, 8 },
        { "_ETHREAD.ThreadListEntry", l->th_links, 16 }, { "_ETHREAD.CreateTime", l->th_create, 8 },
        { "_ETHREAD.ExitTime", l->th_exit, 8 }, { "_ETHREAD.StartAddress", l->th_start, 8 },
        { "_ETHREAD.Win32StartAddress", l->th_win32_start, 8 }, { "_KTHREAD.Process", l->th_process, 8 },
        { "_KTHREAD.Teb", l->th_teb, 8 }, { "_KTHREAD.InitialStack", l->th_initial_stack, 8 },
        { "_KTHREAD.StackLimit", l->th_stack_limit, 8 }, { "_KTHREAD.StackBase", l->th_stack_base, 8 },
        { "_KTHREAD.KernelStack", l->th_kernel_stack, 8 }, { "_KTHREAD.TrapFrame", l->th_trap_frame, 8 },
    };
    for (size_t i = 0; i < sizeof th / sizeof th[0]; i++)
        if (outside(isf, th[i].what, th[i].off, th[i].width, l->th_size, err) != 0)
            return -1;
    /* The pool scanner reads the object header inside one page: the
     * header's own fields come before its Body, and the headers are a few
     * dozen bytes on every Windows build. */
    if (l->oh_body != NT_NONE) {
        if (l->oh_body > 0x100)
            return ep_fail(err, "%s: corrupt symbol table: _OBJECT_HEADER.Body at 0x%x is not believable", isf->source,
                           l->oh_body);
        if (outside(isf, "_OBJECT_HEADER.TypeIndex", l->oh_type_index, 1, l->oh_body, err) != 0 ||
            outside(isf, "_OBJECT_HEADER.InfoMask", l->oh_info_mask, 1, l->oh_body, err) != 0)
            return -1;
    }
    if (l->pool_header_size != NT_NONE) {
        if (l->pool_header_size > 0x100)
            return ep_fail(err, "%s: corrupt symbol table: _POOL_HEADER of 0x%x bytes is not believable", isf->source,
                           l->pool_header_size);
        if (outside(isf, "_POOL_HEADER.PoolTag", l->pool_tag, 4, l->pool_header_size, err) != 0)
            return -1;
    }
    for (int i = 0; i < 8; i++)
        if (l->oh_optional_size[i] > 0x100)
            return ep_fail(err, "%s: corrupt symbol table: an optional object header of %u bytes", isf->source,
                           l->oh_optional_size[i]);
    return 0;
}

int layout_resolve(const struct isf *isf, struct nt_layout *l, struct ep_error *err)
{
    memset(l, 0, sizeof *l);
    l->ep_size = size_of(isf, "_EPROCESS");
    l->ep_dtb = nested(isf, "_EPROCESS", "Pcb", "DirectoryTableBase");
    l->ep_pid = field(isf, "_EPROCESS", "UniqueProcessId");
    l->ep_links = field(isf, "_EPROCESS", "ActiveProcessLinks");
    l->ep_ppid = field(isf, "_EPROCESS", "InheritedFromUniqueProcessId");
    l->ep_name = field(isf, "_EPROCESS", "ImageFileName");
    l->ep_create = field(isf, "_EPROCESS", "CreateTime");
    l->ep_exit = field(isf, "_EPROCESS", "ExitTime");
    l->ep_audit_name = nested(isf, "_EPROCESS", "SeAuditProcessCreationInfo", "ImageFileName");
    l->ep_active_threads = field(isf, "_EPROCESS", "ActiveThreads");
    l->ep_object_table = field(isf, "_EPROCESS", "ObjectTable");
    l->ep_peb = field(isf, "_EPROCESS", "Peb");
    l->ep_wow64 = field(isf, "_EPROCESS", "WoW64Process");
    if (l->ep_wow64 == NT_NONE)
        l->ep_wow64 = field(isf, "_EPROCESS", "Wow64Process");
    l->ep_session = field(isf, "_EPROCESS", "Session");
    l->ep_session_links = field(isf, "_EPROCESS", "SessionProcessLinks");
    l->ep_job = field(isf, "_EPROCESS", "Job");
    l->ep_thread_list = field(isf, "_EPROCESS", "ThreadListHead");
    l->ep_protection = field(isf, "_EPROCESS", "Protection");
    l->ep_token = field(isf, "_EPROCESS", "Token");
    l->ep_vad_root = field(isf, "_EPROCESS", "VadRoot");
    l->ep_exiting = bit(isf, "_EPROCESS", "ProcessExiting");
    l->ep_delete = bit(isf, "_EPROCESS", "ProcessDelete");
    l->ep_minimal = bit(isf, "_EPROCESS", "Minimal");

    l->th_size = size_of(isf, "_ETHREAD");
    l->th_cid_pid = nested(isf, "_ETHREAD", "Cid", "UniqueProcess");
    l->th_cid_tid = nested(isf, "_ETHREAD", "Cid", "UniqueThread");
    l->th_links = field(isf, "_ETHREAD", "ThreadListEntry");
    l->th_create = field(isf, "_ETHREAD", "CreateTime");
    l->th_exit = field(isf, "_ETHREAD", "ExitTime");
    l->th_start = field(isf, "_ETHREAD", "StartAddress");
    l->th_win32_start = field(isf, "_ETHREAD", "Win32StartAddress");
    l->th_process = nested(isf, "_ETHREAD", "Tcb", "Process");
    if (l->th_process == NT_NONE)
        l->th_process = field(isf, "_KTHREAD", "Process");
    if (l->th_process == NT_NONE) {
        uint32_t apc = field(isf, "_KTHREAD", "ApcState");
        uint32_t p = field(isf, "_KAPC_STATE", "Process");
        l->th_process = apc != NT_NONE && p != NT_NONE ? apc + p : NT_NONE;
    }
    l->th_teb = field(isf, "_KTHREAD", "Teb");
    l->th_client_security = field(isf, "_ETHREAD", "ClientSecurity");
    l->th_active_impersonation = bit(isf, "_ETHREAD", "ActiveImpersonationInfo");
    l->th_initial_stack = field(isf, "_KTHREAD", "InitialStack");
    l->th_stack_limit = field(isf, "_KTHREAD", "StackLimit");
    l->th_stack_base = field(isf, "_KTHREAD", "StackBase");
    l->th_kernel_stack = field(isf, "_KTHREAD", "KernelStack");
    l->th_trap_frame = field(isf, "_KTHREAD", "TrapFrame");
    l->tf_rip = field(isf, "_KTRAP_FRAME", "Rip");

    l->oh_body = field(isf, "_OBJECT_HEADER", "Body");
    l->oh_type_index = field(isf, "_OBJECT_HEADER", "TypeIndex");
    l->oh_info_mask = field(isf, "_OBJECT_HEADER", "InfoMask");
    static const char *const optional[8] = {
        "_OBJECT_HEADER_CREATOR_INFO", "_OBJECT_HEADER_NAME_INFO", "_OBJECT_HEADER_HANDLE_INFO",
        "_OBJECT_HEADER_QUOTA_INFO", "_OBJECT_HEADER_PROCESS_INFO", "_OBJECT_HEADER_AUDIT_INFO",
        "_OBJECT_HEADER_EXTENDED_INFO", "_OBJECT_HEADER_PADDING_INFO",
    };
    /* Sizes on x64 Windows 10 when a table lacks the type (public
     * _OBJECT_HEADER_*_INFO definitions). */
    static const uint32_t fallback[8] = { 0x20, 0x20, 0x10, 0x20, 0x10, 0x10, 0x10, 0x4 };
    for (int i = 0; i < 8; i++) {
        uint32_t s = size_of(isf, optional[i]);
        l->oh_optional_size[i] = s == NT_NONE ? fallback[i] : s;
    }
    l->oh_name_name = field(isf, "_OBJECT_HEADER_NAME_INFO", "Name");

    l->pool_header_size = size_of(isf, "_POOL_HEADER");
    l->pool_tag = field(isf, "_POOL_HEADER", "PoolTag");
    l->ht_table_code = field(isf, "_HANDLE_TABLE", "TableCode");

    /* EPROCESS.Session points at _MM_SESSION_SPACE (Windows 10) or
     * _PSP_SESSION_SPACE (24H2); use whichever the pointer names. */
    const struct isf_field *sf = isf_field(isf_user_type(isf, "_EPROCESS"), "Session");
    const char *sess_type = sf && sf->type.kind == ISF_KIND_POINTER && sf->type.sub ? sf->type.sub->name : NULL;
    l->sess_process_list = sess_type ? field(isf, sess_type, "ProcessList") : NT_NONE;
    l->sess_id = sess_type ? field(isf, sess_type, "SessionId") : NT_NONE;

    l->ot_name = field(isf, "_OBJECT_TYPE", "Name");
    l->ot_index = field(isf, "_OBJECT_TYPE", "Index");

    resolve_vad(isf, &l->vad);
    resolve_kldr(isf, &l->kldr);

    l->sym_ps_active_process_head = sym(isf, "PsActiveProcessHead");
    l->sym_psp_cid_table = sym(isf, "PspCidTable");
    l->sym_ob_type_index_table = sym(isf, "ObTypeIndexTable");
    l->sym_ob_header_cookie = sym(isf, "ObHeaderCookie");
    l->sym_ps_loaded_module_list = sym(isf, "PsLoadedModuleList");

    l->ep_mm_links = field(isf, "_EPROCESS", "MmProcessLinks");
    l->ep_ki_links = nested(isf, "_EPROCESS", "Pcb", "ProcessListEntry");
    l->ep_win32_process = field(isf, "_EPROCESS", "Win32Process");
    l->ep_dxg_process = field(isf, "_EPROCESS", "DxgProcess");
    /* MmProcessLinks' head is a member of the memory manager's state
     * (MiState.Processes.ProcessList since Windows 10; 22000 and 19041 ISFs) */
    uint64_t mistate = sym(isf, "MiState");
    uint32_t procs = field(isf, "_MI_SYSTEM_INFORMATION", "Processes");
    uint32_t plist = field(isf, "_MI_PROCESS_STATE", "ProcessList");
    l->sym_mm_process_list = mistate && procs != NT_NONE && plist != NT_NONE && l->ep_mm_links != NT_NONE
                                 ? mistate + procs + plist : 0;
    l->sym_ki_process_list_head = l->ep_ki_links != NT_NONE ? sym(isf, "KiProcessListHead") : 0;

    const struct { const char *what; uint32_t v; } required[] = {
        { "_EPROCESS size", l->ep_size }, { "_EPROCESS.Pcb.DirectoryTableBase", l->ep_dtb },
        { "_EPROCESS.UniqueProcessId", l->ep_pid }, { "_EPROCESS.ActiveProcessLinks", l->ep_links },
        { "_EPROCESS.ImageFileName", l->ep_name }, { "_EPROCESS.CreateTime", l->ep_create },
    };
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (required[i].v == NT_NONE)
            return ep_fail(err, "%s: the symbol table has no %s", isf->source, required[i].what);
    if (l->ep_size > 0x4000)
        return ep_fail(err, "%s: _EPROCESS of %u bytes is not believable", isf->source, l->ep_size);
    return check_inside(isf, l, err);
}
