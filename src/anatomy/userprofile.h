/* The built-in user-mode profile: field offsets of the TEB, PEB, loader
 * data, process parameters and fibers for 32- and 64-bit processes, used
 * by the walkers for every kind of capture (userprofile.c says where each
 * offset comes from). */
#ifndef EPROC_ANATOMY_USERPROFILE_H
#define EPROC_ANATOMY_USERPROFILE_H

#include <stdint.h>

struct an_user_profile {
    const char *name;
    unsigned ptr;                 /* pointer size */

    /* _TEB (NT_TIB first) */
    uint32_t teb_exception_list, teb_stack_base, teb_stack_limit, teb_fiber_data, teb_self;
    uint32_t teb_client_id, teb_tls_pointer, teb_peb, teb_last_error;
    uint32_t teb_head;            /* bytes up to and including LastErrorValue */
    uint32_t teb_deallocation_stack, teb_fls_data, teb_same_teb_flags;
    uint16_t teb_has_fiber_data;  /* SameTebFlags bit */
    uint32_t teb_wow_teb_offset;  /* WowTebOffset: the TEB32 relative to a 64-bit TEB (0: none) */

    /* _PEB */
    uint32_t peb_being_debugged, peb_image_base, peb_ldr, peb_params, peb_process_heap;
    uint32_t peb_head;            /* bytes up to and including ProcessHeap */
    uint32_t peb_api_set_map;
    uint32_t peb_number_of_processors, peb_nt_global_flag;
    uint32_t peb_os_major, peb_os_minor, peb_os_build, peb_os_platform, peb_image_subsystem;
    uint32_t peb_session_id;

    /* _PEB_LDR_DATA */
    uint32_t ldr_initialized;
    uint32_t ldr_list[3];         /* InLoadOrder, InMemoryOrder, InInitializationOrder */
    uint32_t ldr_size;

    /* _LDR_DATA_TABLE_ENTRY */
    uint32_t entry_link[3];       /* the matching LIST_ENTRY in each entry */
    uint32_t entry_dll_base, entry_entry_point, entry_size_of_image;
    uint32_t entry_full_name, entry_base_name;
    uint32_t entry_size;          /* bytes read per entry */
    uint32_t entry_load_time, entry_load_reason;   /* Windows 8+ (build 9200) */

    /* _UNICODE_STRING */
    uint32_t us_size, us_buffer;

    /* _RTL_USER_PROCESS_PARAMETERS */
    uint32_t pp_length, pp_flags, pp_current_directory, pp_dll_path, pp_image_path;
    uint32_t pp_command_line, pp_environment, pp_window_title, pp_desktop_info, pp_shell_info;
    uint32_t pp_environment_size; /* Vista and later; present when Length covers it */

    /* FIBER (what CreateFiber returns) */
    uint32_t fiber_data, fiber_exception_list, fiber_stack_base, fiber_stack_limit;
    uint32_t fiber_deallocation_stack, fiber_context, fiber_fls_data;
    uint32_t ctx_pc, ctx_sp;      /* inside the saved CONTEXT; ctx_sp 0 = unknown */
};

/* Which profile: the process's CPU (ARM64 processes use the x64 layouts;
 * their FIBER context is not described, so fibers come from TEBs only). */
enum an_cpu { AN_CPU_X64, AN_CPU_X86, AN_CPU_ARM64 };
const struct an_user_profile *an_user_profile(enum an_cpu cpu);
/* x64 for 8, x86 (also WoW64's 32-bit half) for 4. */
const struct an_user_profile *an_user_profile_for(unsigned ptr_size);

#endif
