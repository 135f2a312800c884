/* eproc privileges: the privileges of the process token (Token stream). */
#include <stdio.h>
#include <string.h>

#include "commands/model_cmd.h"
#include "minidump/minidump.h"

extern const struct command cmd_privileges;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "luid", "Value", COL_UINT },
    { "privilege", "Privilege", COL_STR },
    { "state", "Attributes", COL_STR },
    { "attributes", "Flags", COL_HEX },
    { "description", "Description", COL_STR },
};
enum { C_PID, C_PROC, C_VALUE, C_PRIV, C_STATE, C_ATTR, C_DESC };

static int run_privileges(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin_parts(ctx, &cmd_privileges, argc, argv, cols, ARRAY_LEN(cols), AN_PART_TOKENS, &a, &t,
                               &rc))
        return rc;
    model_warn_missing_part(a, "privileges", a->no_tokens);
    for (size_t pi = 0; pi < a->nprocs; pi++) {
    const struct an_process *proc = &a->procs[pi];
    char who[700];
    if (proc->tokens_problem[0])
        ep_warn("%s: privileges: %s", model_who(a, proc, who, sizeof who), proc->tokens_problem);
    else if (!proc->have_tokens && !a->no_tokens && !proc->has_kernel)
        ep_warn("%s: privileges: the dump has no Token stream (written with "
                "MiniDumpWithTokenInformation); privileges unknown", a->label);
    for (size_t i = 0; i < proc->ntokens; i++) {
        const struct an_token *tok = &proc->tokens[i];
        for (size_t k = 0; k < tok->nprivileges; k++) {
            const struct an_privilege *p = &tok->privileges[k];
            table_add_row(t);
            model_cells_process(t, C_PID, C_PROC, proc);
            cell_uint(t, C_VALUE, p->luid);
            cell_str(t, C_PRIV, md_privilege_name(p->luid));
            /* SE_PRIVILEGE_ENABLED_BY_DEFAULT 1, _ENABLED 2 (winnt.h);
             * listed in the token means present. */
            char attr[64] = "Present";
            if (p->attributes & 2)
                strcat(attr, ",Enabled");
            if (p->attributes & 1)
                strcat(attr, ",Default");
            /* state: Volatility 3's Attributes text; attributes: the raw
             * bits, a hex string as every command's attributes
             * (docs/schema.md). */
            cell_str(t, C_STATE, attr);
            cell_addr(t, C_ATTR, p->attributes);
            cell_str(t, C_DESC, md_privilege_description(p->luid));
        }
    }
    }
    return model_cmd_finish(ctx, t, a);
}

const struct command cmd_privileges = {
    "privileges",
    "list the privileges of the process token: present, enabled, enabled by default",
    "usage: eproc -f CAPTURE privileges [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "The privileges held by the token (memory images: the Present,\n"
    "Enabled and EnabledByDefault bitmaps of the _TOKEN, bit n being LUID n;\n"
    "minidumps: the Token stream): LUID value, name,\n"
    "attributes (Present; Enabled; Default = enabled by default) and the\n"
    "user-right description.\n"
    "\n"
    "columns: pid, process, luid, privilege, state (Present, Enabled, Default:\n"
    "Volatility 3's Attributes), attributes (the raw bits), description\n",
    run_privileges,
};

COMMAND_COLUMNS(cmd_privileges, cols, sizeof cols / sizeof cols[0], NULL)
