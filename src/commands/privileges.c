/* eproc privileges: the privileges of the process token (Token stream). */
#include <stdio.h>
#include <string.h>

#include "commands/md_common.h"

extern const struct command cmd_privileges;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "value", "Value", COL_UINT },
    { "privilege", "Privilege", COL_STR },
    { "attributes", "Attributes", COL_STR },
    { "description", "Description", COL_STR },
};
enum { C_PID, C_PROC, C_VALUE, C_PRIV, C_ATTR, C_DESC };

static int run_privileges(struct ep_context *ctx, int argc, char **argv)
{
    struct md_dump *md;
    struct table *t;
    int rc;
    if (!md_cmd_begin(ctx, &cmd_privileges, argc, argv, cols, ARRAY_LEN(cols), &md, &t, &rc))
        return rc;
    if (!md->have_tokens)
        ep_warn("%s: privileges: the dump has no Token stream (written with "
                "MiniDumpWithTokenInformation); privileges unknown", md->label);
    for (size_t i = 0; i < md->ntokens; i++) {
        const struct md_token *tok = &md->tokens[i];
        for (size_t k = 0; k < tok->nprivileges; k++) {
            const struct md_privilege *p = &tok->privileges[k];
            table_add_row(t);
            md_cells_process(t, C_PID, C_PROC, md);
            cell_uint(t, C_VALUE, p->luid);
            cell_str(t, C_PRIV, md_privilege_name(p->luid));
            /* SE_PRIVILEGE_ENABLED_BY_DEFAULT 1, _ENABLED 2 (winnt.h);
             * listed in the token means present. */
            char attr[64] = "Present";
            if (p->attributes & 2)
                strcat(attr, ",Enabled");
            if (p->attributes & 1)
                strcat(attr, ",Default");
            cell_str(t, C_ATTR, attr);
            cell_str(t, C_DESC, md_privilege_description(p->luid));
        }
    }
    return md_cmd_finish(ctx, t, md);
}

const struct command cmd_privileges = {
    "privileges",
    "list the privileges of the process token (minidumps with a Token stream)",
    "usage: eproc -f DUMP.dmp privileges [--pid PID[,PID...]]\n"
    "\n"
    "The privileges held by the token in the Token stream: LUID value, name,\n"
    "attributes (Present; Enabled; Default = enabled by default) and the\n"
    "user-right description.\n"
    "\n"
    "columns: pid, process, value, privilege, attributes, description\n",
    run_privileges,
};
