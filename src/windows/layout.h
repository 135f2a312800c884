/* Structure offsets the walkers use, resolved once from the profile.
 *
 * Walkers never look names up: kernel_layout() turns the symbol table into
 * these integers the first time a command needs them.  A field the table
 * does not define is NT_NONE; the walkers then report the value as unknown
 * instead of guessing. */
#ifndef EPROC_WINDOWS_LAYOUT_H
#define EPROC_WINDOWS_LAYOUT_H

#include <stdint.h>

#include "base/diag.h"
#include "symbols/isf.h"

#define NT_NONE 0xffffffffu

struct nt_bit {
    uint32_t offset;          /* NT_NONE if absent */
    uint8_t position, length;
};

/* The memory manager's structures the VAD walker reads (windows/vadtree.c):
 * _MMVAD_SHORT / _MMVAD nodes of EPROCESS.VadRoot, the control area and
 * file object behind a mapped view.  Flags are bitfields inside the node's
 * u / u1 unions (names as in the public symbols of Windows 10/11). */
struct nt_vad_layout {
    uint32_t short_size, long_size;          /* _MMVAD_SHORT, _MMVAD */
    uint32_t left, right;                    /* VadNode.Left / Right */
    uint32_t parent;                         /* VadNode.ParentValue (low 2 bits: balance) */
    uint32_t start_vpn, end_vpn;             /* 32-bit low parts */
    uint32_t start_vpn_high, end_vpn_high;   /* 8-bit high parts, NT_NONE before 8.1 */
    struct nt_bit vad_type, protection, private_memory;   /* u.VadFlags */
    struct nt_bit commit_charge, mem_commit;              /* u1.VadFlags1 */
    uint32_t flags, flags1;                  /* u.VadFlags / u1.VadFlags1 as whole words */
    uint32_t subsection, file_object;        /* _MMVAD.Subsection, _MMVAD.FileObject */
    uint32_t ss_control_area;                /* _SUBSECTION.ControlArea */
    uint32_t ca_file_pointer;                /* _CONTROL_AREA.FilePointer (EX_FAST_REF) */
    struct nt_bit ca_image, ca_file;         /* _CONTROL_AREA.u.Flags.Image / File */
    uint32_t ca_size;
    uint32_t fo_file_name, fo_size;          /* _FILE_OBJECT.FileName */
    /* EPROCESS views of the main image (hollowing checks) */
    uint32_t ep_section_object, ep_section_base, ep_image_file_pointer;
    uint32_t sec_control_area;               /* _SECTION.u1.ControlArea */
};

/* _KLDR_DATA_TABLE_ENTRY, an entry of PsLoadedModuleList (windows/kmodules.c). */
struct nt_kldr_layout {
    uint32_t size;
    uint32_t links;               /* InLoadOrderLinks */
    uint32_t base, entry_point, size_of_image;   /* DllBase, EntryPoint, SizeOfImage */
    uint32_t full_name, base_name;               /* FullDllName, BaseDllName (UNICODE_STRING) */
    uint32_t flags, checksum, timestamp;         /* Flags, CheckSum, TimeDateStamp */
};

struct nt_layout {
    /* _EPROCESS (with its _KPROCESS Pcb at 0) */
    uint32_t ep_size;
    uint32_t ep_dtb;              /* Pcb.DirectoryTableBase */
    uint32_t ep_pid, ep_links, ep_ppid, ep_name, ep_create, ep_exit;
    uint32_t ep_audit_name;       /* SeAuditProcessCreationInfo.ImageFileName */
    uint32_t ep_active_threads, ep_object_table, ep_peb, ep_wow64, ep_session;
    uint32_t ep_session_links, ep_job, ep_thread_list, ep_protection, ep_token;
    uint32_t ep_vad_root;
    struct nt_bit ep_exiting, ep_delete, ep_minimal;

    /* _ETHREAD (with its _KTHREAD Tcb at 0) */
    uint32_t th_size;
    uint32_t th_cid_pid, th_cid_tid;
    uint32_t th_links;            /* ETHREAD.ThreadListEntry */
    uint32_t th_create, th_exit, th_start, th_win32_start;
    uint32_t th_process;          /* KTHREAD.Process (else ApcState.Process) */
    uint32_t th_teb;
    uint32_t th_client_security;  /* ETHREAD.ClientSecurity (_PS_CLIENT_SECURITY_CONTEXT) */
    struct nt_bit th_active_impersonation;   /* ETHREAD.CrossThreadFlags.ActiveImpersonationInfo */
    /* KTHREAD's kernel stack: InitialStack, StackLimit, StackBase,
     * KernelStack (the saved stack pointer), TrapFrame; _KTRAP_FRAME.Rip */
    uint32_t th_initial_stack, th_stack_limit, th_stack_base, th_kernel_stack, th_trap_frame;
    uint32_t tf_rip;

    /* _OBJECT_HEADER and the optional headers before it (InfoMask bits
     * 0x01 creator, 0x02 name, 0x04 handle, 0x08 quota, 0x10 process,
     * 0x20 audit, 0x40 extended, 0x80 padding: Windows 8+ order). */
    uint32_t oh_body, oh_type_index, oh_info_mask;
    uint32_t oh_optional_size[8];
    uint32_t oh_name_name;        /* _OBJECT_HEADER_NAME_INFO.Name */

    /* _POOL_HEADER */
    uint32_t pool_header_size, pool_tag;

    /* _HANDLE_TABLE */
    uint32_t ht_table_code;

    /* session space: ProcessList and SessionId (MM_ or PSP_SESSION_SPACE) */
    uint32_t sess_process_list, sess_id;

    /* _OBJECT_TYPE */
    uint32_t ot_name, ot_index;

    struct nt_vad_layout vad;     /* all NT_NONE when the table lacks them */
    struct nt_kldr_layout kldr;   /* all NT_NONE when the table lacks it */

    /* The redundant views of a process (psxview; seeds 001 and 004):
     * EPROCESS.MmProcessLinks on the list headed in MiState.Processes.ProcessList,
     * KPROCESS.ProcessListEntry (offset from the EPROCESS) on KiProcessListHead,
     * and the subsystems' per-process structures EPROCESS.Win32Process
     * (W32PROCESS) and EPROCESS.DxgProcess (DXGPROCESS). */
    uint32_t ep_mm_links, ep_ki_links, ep_win32_process, ep_dxg_process;
    uint64_t sym_mm_process_list;      /* RVA of the head (MiState + offsets), 0 if absent */
    uint64_t sym_ki_process_list_head; /* RVA, 0 if absent */

    /* kernel symbols (RVAs), 0 if absent */
    uint64_t sym_ps_active_process_head, sym_psp_cid_table, sym_ob_type_index_table;
    uint64_t sym_ob_header_cookie, sym_ps_loaded_module_list;
};

/* Resolve; fails (with err naming the missing field) only when a field
 * every process walk needs is absent. */
int layout_resolve(const struct isf *isf, struct nt_layout *l, struct ep_error *err);

/* Read a bitfield out of a little-endian buffer holding the structure. */
uint64_t nt_bits(const uint8_t *base, uint32_t size, struct nt_bit b);

#endif
