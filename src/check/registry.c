/* The rules, in the order `eproc check --list` shows them (check.h).
 * Each group keeps its own block so adding a rule is one local edit. */
#include <stddef.h>

#include "check/check.h"

/* processes and their parents (rules_processes.c) */
extern const struct check_rule check_process_hidden;
extern const struct check_rule check_process_exited_referenced;
extern const struct check_rule check_process_parent_impossible;
extern const struct check_rule check_process_ppid_spoof;
/* tokens and privileges (rules_tokens.c) */
extern const struct check_rule check_token_shared, check_token_system_unexpected, check_privilege_unexpected,
    check_thread_impersonates_system;
/* kernel views: callbacks, drivers, services, win32k (rules_kernel.c) */
extern const struct check_rule check_callback_no_module, check_driver_unlinked, check_service_process_missing,
    check_gui_no_w32process;
/* handles (rules_handles.c) */
extern const struct check_rule check_handle_access;
/* system processes (rules_sysproc.c) */
extern const struct check_rule check_sysproc_parent, check_sysproc_session, check_sysproc_user, check_sysproc_path,
    check_sysproc_duplicate, check_sysproc_protection;
/* memory and threads (rules_memory.c) */
extern const struct check_rule check_process_hollowing, check_peb_masquerade, check_injected_code,
    check_thread_outside_module, check_fiber_outside_module;
/* kernel and system views (rules_system.c) */

const struct check_rule *const check_rules[] = {
    /* processes */
    &check_process_hidden,
    &check_process_exited_referenced,
    &check_process_parent_impossible,
    &check_process_ppid_spoof,
    /* tokens */
    &check_token_shared,
    &check_token_system_unexpected,
    &check_privilege_unexpected,
    &check_thread_impersonates_system,
    /* kernel views */
    &check_callback_no_module,
    &check_driver_unlinked,
    &check_service_process_missing,
    &check_gui_no_w32process,
    /* handles */
    &check_handle_access,
    /* system processes */
    &check_sysproc_parent,
    &check_sysproc_session,
    &check_sysproc_user,
    &check_sysproc_path,
    &check_sysproc_duplicate,
    &check_sysproc_protection,
    /* memory */
    &check_process_hollowing,
    &check_peb_masquerade,
    &check_injected_code,
    &check_thread_outside_module,
    &check_fiber_outside_module,
    /* system */
    NULL,
};
