/* eproc getsids: the SIDs of the process token (Token stream). */
#include <inttypes.h>
#include <stdio.h>

#include "commands/model_cmd.h"
#include "minidump/minidump.h"

extern const struct command cmd_getsids;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "sid", "SID", COL_STR },
    { "name", "Name", COL_STR },
    { "kind", "Kind", COL_STR },
    { "attributes", "Attributes", COL_HEX },
    { "token_id", "TokenId", COL_HEX },
};
enum { C_PID, C_PROC, C_SID, C_NAME, C_KIND, C_ATTR, C_TOKEN };

static void sid_row(struct table *t, const struct an_process *p, const struct an_token *tok,
                    const struct an_sid *s, const char *kind, int with_attr)
{
    table_add_row(t);
    model_cells_process(t, C_PID, C_PROC, p);
    cell_str(t, C_SID, s->text);
    cell_str(t, C_NAME, md_sid_name(s->text));
    cell_str(t, C_KIND, kind);
    if (with_attr)
        cell_addr(t, C_ATTR, s->attributes);
    cell_addr(t, C_TOKEN, tok->token_id);
}

static int run_getsids(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin(ctx, &cmd_getsids, argc, argv, cols, ARRAY_LEN(cols), &a, &t, &rc))
        return rc;
    model_warn_missing_part(a, "getsids", a->no_tokens);
    for (size_t pi = 0; pi < a->nprocs; pi++) {
        const struct an_process *p = &a->procs[pi];
        if (!p->have_tokens && !a->no_tokens)
            ep_warn("%s: getsids: the dump has no Token stream (written with "
                    "MiniDumpWithTokenInformation); SIDs unknown", a->label);
        for (size_t i = 0; i < p->ntokens; i++) {
            const struct an_token *tok = &p->tokens[i];
            if (tok->has_user)
                sid_row(t, p, tok, &tok->user, "user", 1);
            for (size_t g = 0; g < tok->ngroups; g++)
                sid_row(t, p, tok, &tok->groups[g], "group", 1);
            if (tok->has_primary_group)
                sid_row(t, p, tok, &tok->primary_group, "primary_group", 0);
        }
    }
    return model_cmd_finish(ctx, t, a);
}

const struct command cmd_getsids = {
    "getsids",
    "list the SIDs of the process token: user, groups (minidumps with a Token stream; images: later)",
    "usage: eproc -f CAPTURE getsids [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "The token's user SID, its group SIDs (with their SE_GROUP_* attributes)\n"
    "and its primary group, from the Token stream, with the names of\n"
    "well-known SIDs.  Dumps written without MiniDumpWithTokenInformation\n"
    "have no token: a warning says so.\n"
    "\n"
    "columns: pid, process, sid, name, kind, attributes, token_id\n",
    run_getsids,
};
