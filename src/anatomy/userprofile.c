/* Built-in user-mode profile for 32-bit (x86, WoW64) and 64-bit processes.
 *
 * Minidumps carry no symbols, and the user-mode structures a forensic tool
 * needs have kept these offsets from Windows 7 (Vista for most) to
 * Windows 11: new fields were only ever appended.  Sources:
 *   _NT_TIB: winnt.h (public).  GetCurrentFiber() reads NtTib.FiberData and
 *     GetFiberData() the first pointer of the fiber (winnt.h macros).
 *   _TEB: Vergilius Project (vergiliusproject.com, kernels/x64 and x86,
 *     Windows 7 .. 11 "_TEB") and Geoff Chappell, "TEB" (studies/windows/
 *     km/ntoskrnl/inc/api/pebteb/teb): ClientId 0x40/0x20,
 *     ProcessEnvironmentBlock 0x60/0x30, DeallocationStack 0x1478/0xe0c,
 *     FlsData 0x17c8/0xfb4, SameTebFlags 0x17ee/0xfca (HasFiberData = 0x4),
 *     WowTebOffset 0x180c (x64, Windows 10+: the TEB32 of a WoW64 thread).
 *   _PEB: Vergilius Project "_PEB" and Microsoft Learn "PEB structure
 *     (winternl.h)" (Ldr, ProcessParameters); ApiSetMap (0x68/0x38), OS
 *     version fields and SessionId from Vergilius.
 *   _PEB_LDR_DATA, _LDR_DATA_TABLE_ENTRY: Vergilius Project; Microsoft
 *     Learn "PEB_LDR_DATA structure" documents InMemoryOrderModuleList.
 *     LoadTime and LoadReason (Windows 8 and later): x64 0x100/0x10c,
 *     x86 0x88/0x94 (Vergilius, _LDR_DATA_TABLE_ENTRY of 9200 onwards; the
 *     same offsets in the 26100 ntkrnlmp symbol table the forge writes).
 *   _RTL_USER_PROCESS_PARAMETERS: Vergilius Project; Microsoft Learn
 *     "RTL_USER_PROCESS_PARAMETERS structure" (ImagePathName, CommandLine);
 *     EnvironmentSize (Vista+) 0x3f0/0x290.
 *   FIBER: the first five fields (FiberData, ExceptionList, StackBase,
 *     StackLimit, DeallocationStack) then the saved CONTEXT at the next
 *     16-byte (x64) / 4-byte (x86) boundary and FlsData after it, as given
 *     by ReactOS's FIBER definition and "Windows Internals" (fibers);
 *     Wine's kernelbase uses the same prefix and offsets.
 *   CONTEXT: winnt.h (AMD64 Rsp 0x98, Rip 0xf8; x86 Esp 0xc4, Eip 0xb8).
 * The 64-bit values were checked against the Windows 10 x64 dumps in
 * ../shared/data/minidumps/breakpad (tiny-exe-*) and the Wine dump; the
 * 32-bit ones are the published layouts (no 32-bit dump at hand has its
 * TEB). */
#include "anatomy/userprofile.h"

static const struct an_user_profile profile_x64 = {
    .name = "x64",
    .ptr = 8,
    .teb_exception_list = 0x0, .teb_stack_base = 0x8, .teb_stack_limit = 0x10,
    .teb_fiber_data = 0x20, .teb_self = 0x30, .teb_client_id = 0x40,
    .teb_tls_pointer = 0x58, .teb_peb = 0x60, .teb_last_error = 0x68, .teb_head = 0x6c,
    .teb_deallocation_stack = 0x1478, .teb_fls_data = 0x17c8, .teb_same_teb_flags = 0x17ee,
    .teb_has_fiber_data = 0x4, .teb_wow_teb_offset = 0x180c,

    .peb_being_debugged = 0x2, .peb_image_base = 0x10, .peb_ldr = 0x18, .peb_params = 0x20,
    .peb_process_heap = 0x30, .peb_head = 0x38, .peb_api_set_map = 0x68,
    .peb_number_of_processors = 0xb8, .peb_nt_global_flag = 0xbc,
    .peb_os_major = 0x118, .peb_os_minor = 0x11c, .peb_os_build = 0x120,
    .peb_os_platform = 0x124, .peb_image_subsystem = 0x128, .peb_session_id = 0x2c0,

    .ldr_initialized = 0x4, .ldr_list = { 0x10, 0x20, 0x30 }, .ldr_size = 0x40,

    .entry_link = { 0x0, 0x10, 0x20 }, .entry_dll_base = 0x30, .entry_entry_point = 0x38,
    .entry_size_of_image = 0x40, .entry_full_name = 0x48, .entry_base_name = 0x58,
    .entry_size = 0x68, .entry_load_time = 0x100, .entry_load_reason = 0x10c,

    .us_size = 16, .us_buffer = 8,

    .pp_length = 0x4, .pp_flags = 0x8, .pp_current_directory = 0x38, .pp_dll_path = 0x50,
    .pp_image_path = 0x60, .pp_command_line = 0x70, .pp_environment = 0x80,
    .pp_window_title = 0xb0, .pp_desktop_info = 0xc0, .pp_shell_info = 0xd0,
    .pp_environment_size = 0x3f0,

    .fiber_data = 0x0, .fiber_exception_list = 0x8, .fiber_stack_base = 0x10,
    .fiber_stack_limit = 0x18, .fiber_deallocation_stack = 0x20, .fiber_context = 0x30,
    .fiber_fls_data = 0x510,
    .ctx_pc = 0xf8, .ctx_sp = 0x98,
};

static const struct an_user_profile profile_x86 = {
    .name = "x86",
    .ptr = 4,
    .teb_exception_list = 0x0, .teb_stack_base = 0x4, .teb_stack_limit = 0x8,
    .teb_fiber_data = 0x10, .teb_self = 0x18, .teb_client_id = 0x20,
    .teb_tls_pointer = 0x2c, .teb_peb = 0x30, .teb_last_error = 0x34, .teb_head = 0x38,
    .teb_deallocation_stack = 0xe0c, .teb_fls_data = 0xfb4, .teb_same_teb_flags = 0xfca,
    .teb_has_fiber_data = 0x4,

    .peb_being_debugged = 0x2, .peb_image_base = 0x8, .peb_ldr = 0xc, .peb_params = 0x10,
    .peb_process_heap = 0x18, .peb_head = 0x1c, .peb_api_set_map = 0x38,
    .peb_number_of_processors = 0x64, .peb_nt_global_flag = 0x68,
    .peb_os_major = 0xa4, .peb_os_minor = 0xa8, .peb_os_build = 0xac,
    .peb_os_platform = 0xb0, .peb_image_subsystem = 0xb4, .peb_session_id = 0x1d4,

    .ldr_initialized = 0x4, .ldr_list = { 0xc, 0x14, 0x1c }, .ldr_size = 0x24,

    .entry_link = { 0x0, 0x8, 0x10 }, .entry_dll_base = 0x18, .entry_entry_point = 0x1c,
    .entry_size_of_image = 0x20, .entry_full_name = 0x24, .entry_base_name = 0x2c,
    .entry_size = 0x34, .entry_load_time = 0x88, .entry_load_reason = 0x94,

    .us_size = 8, .us_buffer = 4,

    .pp_length = 0x4, .pp_flags = 0x8, .pp_current_directory = 0x24, .pp_dll_path = 0x30,
    .pp_image_path = 0x38, .pp_command_line = 0x40, .pp_environment = 0x48,
    .pp_window_title = 0x70, .pp_desktop_info = 0x78, .pp_shell_info = 0x80,
    .pp_environment_size = 0x290,

    .fiber_data = 0x0, .fiber_exception_list = 0x4, .fiber_stack_base = 0x8,
    .fiber_stack_limit = 0xc, .fiber_deallocation_stack = 0x10, .fiber_context = 0x14,
    .fiber_fls_data = 0x2e8,
    .ctx_pc = 0xb8, .ctx_sp = 0xc4,
};

/* ARM64 processes use the 64-bit TEB/PEB layouts; the ARM64 FIBER's saved
 * context is not described here, so fibers are found only through TEBs. */
static const struct an_user_profile profile_arm64 = {
    .name = "arm64",
    .ptr = 8,
    .teb_exception_list = 0x0, .teb_stack_base = 0x8, .teb_stack_limit = 0x10,
    .teb_fiber_data = 0x20, .teb_self = 0x30, .teb_client_id = 0x40,
    .teb_tls_pointer = 0x58, .teb_peb = 0x60, .teb_last_error = 0x68, .teb_head = 0x6c,
    .teb_deallocation_stack = 0x1478, .teb_fls_data = 0x17c8, .teb_same_teb_flags = 0x17ee,
    .teb_has_fiber_data = 0x4,
    .peb_being_debugged = 0x2, .peb_image_base = 0x10, .peb_ldr = 0x18, .peb_params = 0x20,
    .peb_process_heap = 0x30, .peb_head = 0x38, .peb_api_set_map = 0x68,
    .peb_number_of_processors = 0xb8, .peb_nt_global_flag = 0xbc,
    .peb_os_major = 0x118, .peb_os_minor = 0x11c, .peb_os_build = 0x120,
    .peb_os_platform = 0x124, .peb_image_subsystem = 0x128, .peb_session_id = 0x2c0,
    .ldr_initialized = 0x4, .ldr_list = { 0x10, 0x20, 0x30 }, .ldr_size = 0x40,
    .entry_link = { 0x0, 0x10, 0x20 }, .entry_dll_base = 0x30, .entry_entry_point = 0x38,
    .entry_size_of_image = 0x40, .entry_full_name = 0x48, .entry_base_name = 0x58,
    .entry_size = 0x68,
    .us_size = 16, .us_buffer = 8,
    .pp_length = 0x4, .pp_flags = 0x8, .pp_current_directory = 0x38, .pp_dll_path = 0x50,
    .pp_image_path = 0x60, .pp_command_line = 0x70, .pp_environment = 0x80,
    .pp_window_title = 0xb0, .pp_desktop_info = 0xc0, .pp_shell_info = 0xd0,
    .pp_environment_size = 0x3f0,
    .fiber_data = 0x0, .fiber_exception_list = 0x8, .fiber_stack_base = 0x10,
    .fiber_stack_limit = 0x18, .fiber_deallocation_stack = 0x20, .fiber_context = 0,
    .fiber_fls_data = 0,
    .ctx_pc = 0, .ctx_sp = 0,
};

const struct an_user_profile *an_user_profile(enum an_cpu cpu)
{
    switch (cpu) {
    case AN_CPU_X86: return &profile_x86;
    case AN_CPU_ARM64: return &profile_arm64;
    default: return &profile_x64;
    }
}

const struct an_user_profile *an_user_profile_for(unsigned ptr_size)
{
    return ptr_size == 4 ? &profile_x86 : &profile_x64;
}
