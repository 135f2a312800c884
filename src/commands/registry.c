/* The list of commands, in the order `eproc --help` shows them. */
#include <string.h>

#include "commands/command.h"

extern const struct command cmd_info;
extern const struct command cmd_pslist, cmd_psscan, cmd_pstree, cmd_psxview;
extern const struct command cmd_svcscan;
extern const struct command cmd_forge;
extern const struct command cmd_modules, cmd_modscan, cmd_callbacks;   /* issue 14: the kernel's drivers */
extern const struct command cmd_timeline, cmd_report;
extern const struct command cmd_check;   /* issue 16: the security rules */
/* process minidumps (and, later, kernel captures) */
extern const struct command cmd_threads, cmd_dlllist, cmd_ldrmodules, cmd_cmdline, cmd_envars,
    cmd_handles, cmd_vadinfo, cmd_vadwalk, cmd_malfind, cmd_fibers, cmd_getsids, cmd_privileges,
    cmd_tokens, cmd_sessions, cmd_jobs, cmd_pipes, cmd_minidump, cmd_hollowfind, cmd_procdump, cmd_dlldump, cmd_memdump;
extern const struct command cmd_dump_all;

const struct command *const ep_commands[] = {
    &cmd_info,
    &cmd_pslist,
    &cmd_psscan,
    &cmd_pstree,
    &cmd_psxview,
    &cmd_svcscan,
    &cmd_threads,
    &cmd_dlllist,
    &cmd_ldrmodules,
    &cmd_cmdline,
    &cmd_envars,
    &cmd_handles,
    &cmd_vadinfo,
    &cmd_vadwalk,
    &cmd_malfind,
    &cmd_hollowfind,
    &cmd_procdump,
    &cmd_dlldump,
    &cmd_memdump,
    &cmd_dump_all,
    &cmd_fibers,
    &cmd_getsids,
    &cmd_privileges,
    &cmd_tokens,
    &cmd_sessions,
    &cmd_jobs,
    &cmd_pipes,
    &cmd_modules,
    &cmd_modscan,
    &cmd_callbacks,
    &cmd_minidump,
    &cmd_check,
    &cmd_timeline,
    &cmd_report,
    &cmd_forge,
    NULL,
};

const struct command *command_find(const char *name)
{
    for (int i = 0; ep_commands[i]; i++)
        if (strcmp(ep_commands[i]->name, name) == 0)
            return ep_commands[i];
    return NULL;
}
