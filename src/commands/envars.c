/* eproc envars: the process environment block, one variable per row. */
#include "commands/md_common.h"

extern const struct command cmd_envars;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "block", "Block", COL_ADDR },
    { "variable", "Variable", COL_STR },
    { "value", "Value", COL_STR },
};
enum { C_PID, C_PROC, C_BLOCK, C_VAR, C_VALUE };

static int run_envars(struct ep_context *ctx, int argc, char **argv)
{
    struct md_dump *md;
    struct table *t;
    int rc;
    if (!md_cmd_begin(ctx, &cmd_envars, argc, argv, cols, ARRAY_LEN(cols), &md, &t, &rc))
        return rc;
    const struct md_anatomy *a = md_anatomy(md);
    const struct md_params *pp = &a->params;
    if (pp->av != MD_AV_OK) {
        ep_warn("%s: envars: environment unknown: %s", md->label, pp->why);
    } else if (pp->env_av == MD_AV_NOT_DUMPED) {
        ep_warn("%s: envars: environment unknown: the block at 0x%llx is not in the dump",
                md->label, (unsigned long long)pp->environment);
    } else if (pp->env_av != MD_AV_OK) {
        ep_warn("%s: envars: environment unknown: ProcessParameters.Environment is %s",
                md->label, md_avail_name(pp->env_av));
    } else if (pp->env_truncated) {
        ep_warn("%s: envars: the environment block at 0x%llx is cut short in the dump; "
                "%zu variables read", md->label, (unsigned long long)pp->environment, pp->nenv);
    }
    for (size_t i = 0; i < pp->nenv; i++) {
        table_add_row(t);
        md_cells_process(t, C_PID, C_PROC, md);
        cell_addr(t, C_BLOCK, pp->environment);
        cell_str(t, C_VAR, pp->env[i].name);
        cell_str(t, C_VALUE, pp->env[i].value);
    }
    return md_cmd_finish(ctx, t, md);
}

const struct command cmd_envars = {
    "envars",
    "list the process environment variables (minidumps)",
    "usage: eproc -f DUMP.dmp envars [--pid PID[,PID...]]\n"
    "\n"
    "Reads the environment block that ProcessParameters.Environment points\n"
    "to, in dumped memory (its size from EnvironmentSize when present).\n"
    "Names that start with '=' (per-drive current directories) are kept.  A\n"
    "block that is missing, or cut short by missing memory, is a warning.\n"
    "\n"
    "columns: pid, process, block, variable, value\n",
    run_envars,
};
