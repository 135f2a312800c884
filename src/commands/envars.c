/* eproc envars: each process's environment block, one variable per row. */
#include "commands/model_cmd.h"

extern const struct command cmd_envars;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "block", "Block", COL_ADDR },
    { "variable", "Variable", COL_STR },
    { "value", "Value", COL_STR },
};
enum { C_PID, C_PROC, C_BLOCK, C_VAR, C_VALUE };

static void warn_unknown(const struct anatomy *a, const struct an_process *p)
{
    const struct an_params *pp = &p->params;
    char who[400];
    model_who(a, p, who, sizeof who);
    if (pp->av != AN_AV_OK) {
        if (!(p->has_kernel && !p->peb_hint))
            ep_warn("%s: envars: environment unknown: %s", who, pp->why);
    } else if (pp->env_av == AN_AV_MISSING || pp->env_av == AN_AV_PAGED_OUT) {
        ep_warn("%s: envars: environment unknown: the block at 0x%llx is %s", who,
                (unsigned long long)pp->environment, model_missing(p, pp->env_av));
    } else if (pp->env_av != AN_AV_OK) {
        ep_warn("%s: envars: environment unknown: ProcessParameters.Environment is %s", who,
                an_avail_name(pp->env_av));
    } else if (pp->env_truncated) {
        ep_warn("%s: envars: the environment block at 0x%llx is cut short in %s; "
                "%zu variables read", who, (unsigned long long)pp->environment,
                p->vas ? p->vas->where : "the capture", pp->nenv);
    }
}

static int run_envars(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin(ctx, &cmd_envars, argc, argv, cols, ARRAY_LEN(cols), &a, &t, &rc))
        return rc;
    for (size_t i = 0; i < a->nprocs; i++) {
        const struct an_process *p = &a->procs[i];
        const struct an_params *pp = &p->params;
        warn_unknown(a, p);
        for (size_t v = 0; v < pp->nenv; v++) {
            table_add_row(t);
            model_cells_process(t, C_PID, C_PROC, p);
            cell_addr(t, C_BLOCK, pp->environment);
            cell_str(t, C_VAR, pp->env[v].name);
            cell_str(t, C_VALUE, pp->env[v].value);
        }
    }
    return model_cmd_finish(ctx, t, a);
}

const struct command cmd_envars = {
    "envars",
    "list each process's environment variables",
    "usage: eproc -f CAPTURE envars [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "Reads the environment block that ProcessParameters.Environment points\n"
    "to, in process memory (its size from EnvironmentSize when present), for\n"
    "every process of a memory image or the process of a minidump.  Names\n"
    "that start with '=' (per-drive current directories) are kept.  A block\n"
    "that is missing, paged out, or cut short by missing memory is one\n"
    "warning for that process.\n"
    "\n"
    "columns: pid, process, block, variable, value\n",
    run_envars,
};

COMMAND_COLUMNS(cmd_envars, cols, sizeof cols / sizeof cols[0], NULL)
