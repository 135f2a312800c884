/* eproc getsids: the SIDs of the process token (Token stream). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

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
    { "flags", "Flags", COL_STR },
    { "token_id", "TokenId", COL_HEX },
};
enum { C_PID, C_PROC, C_SID, C_NAME, C_KIND, C_ATTR, C_FLAGS, C_TOKEN };

/* SE_GROUP_* (winnt.h). */
static void group_flags(uint32_t a, char *out, size_t n)
{
    static const struct { uint32_t bit; const char *name; } f[] = {
        { 0x1, "Mandatory" }, { 0x2, "EnabledByDefault" }, { 0x4, "Enabled" }, { 0x8, "Owner" },
        { 0x10, "DenyOnly" }, { 0x20, "Integrity" }, { 0x40, "IntegrityEnabled" }, { 0x20000000, "Resource" },
        { 0xC0000000u, "LogonId" },
    };
    size_t pos = 0;
    out[0] = 0;
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        if ((a & f[i].bit) == f[i].bit && pos < n)
            pos += (size_t)snprintf(out + pos, n - pos, "%s%s", pos ? "," : "", f[i].name);
}

static void sid_row(struct table *t, const struct an_process *p, const struct an_token *tok,
                    const struct an_sid *s, const char *kind, int with_attr)
{
    table_add_row(t);
    model_cells_process(t, C_PID, C_PROC, p);
    cell_str(t, C_SID, s->text);
    cell_str(t, C_NAME, md_sid_name(s->text));
    /* the mandatory label is a group with SE_GROUP_INTEGRITY */
    cell_str(t, C_KIND, strcmp(kind, "group") == 0 && (s->attributes & 0x20) ? "integrity" : kind);
    if (with_attr) {
        char flags[160];
        cell_addr(t, C_ATTR, s->attributes);
        group_flags(s->attributes, flags, sizeof flags);
        cell_str(t, C_FLAGS, flags);
    }
    cell_addr(t, C_TOKEN, tok->token_id);
}

static int run_getsids(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin_parts(ctx, &cmd_getsids, argc, argv, cols, ARRAY_LEN(cols), AN_PART_TOKENS, &a, &t, &rc))
        return rc;
    model_warn_missing_part(a, "getsids", a->no_tokens);
    for (size_t pi = 0; pi < a->nprocs; pi++) {
        const struct an_process *p = &a->procs[pi];
        char who[700];
        if (p->tokens_problem[0])
            ep_warn("%s: getsids: %s", model_who(a, p, who, sizeof who), p->tokens_problem);
        else if (!p->have_tokens && !a->no_tokens && !p->has_kernel)
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
    "list the SIDs of the process token: user, groups, integrity label",
    "usage: eproc -f CAPTURE getsids [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "The token's user SID, its group SIDs (with their SE_GROUP_* attributes,\n"
    "spelled in flags), the mandatory integrity label (kind integrity) and\n"
    "its primary group, with the names of well-known SIDs.  Memory images:\n"
    "the _TOKEN that EPROCESS.Token points at; minidumps: the Token stream\n"
    "(dumps written without MiniDumpWithTokenInformation have none: a\n"
    "warning says so).\n"
    "\n"
    "columns: pid, process, sid, name, kind, attributes, flags, token_id\n",
    run_getsids,
};

COMMAND_COLUMNS(cmd_getsids, cols, sizeof cols / sizeof cols[0], NULL)
