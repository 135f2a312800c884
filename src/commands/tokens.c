/* eproc tokens: one row per access token: who it is, its session, type,
 * impersonation level, integrity, elevation and logon session. */
#include <stdio.h>
#include <string.h>

#include "commands/anatomy_section.h"
#include "commands/model_cmd.h"
#include "minidump/minidump.h"

extern const struct command cmd_tokens;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "token", "Token", COL_HEX },
    { "user", "User", COL_STR },
    { "user_name", "UserName", COL_STR },
    { "session", "Session", COL_UINT },
    { "type", "Type", COL_STR },
    { "impersonation_level", "ImpersonationLevel", COL_STR },
    { "integrity", "Integrity", COL_STR },
    { "elevated", "Elevated", COL_BOOL },
    { "logon_session", "LogonSession", COL_HEX },
    { "token_id", "TokenId", COL_HEX },
    { "source", "Source", COL_STR },
    { "privileges", "Privileges", COL_UINT },
    { "enabled", "Enabled", COL_UINT },
    { "stolen_from_pid", "StolenFromPID", COL_UINT },
};
enum { C_PID, C_PROC, C_TOKEN, C_USER, C_UNAME, C_SESSION, C_TYPE, C_LEVEL, C_INTEGRITY, C_ELEVATED, C_LOGON,
       C_ID, C_SOURCE, C_PRIVS, C_ENABLED, C_STOLEN };

/* Mandatory label RIDs (S-1-16-RID, winnt.h SECURITY_MANDATORY_*). */
static const char *integrity_name(const char *sid)
{
    static const struct { const char *sid, *name; } levels[] = {
        { "S-1-16-0", "Untrusted" }, { "S-1-16-4096", "Low" }, { "S-1-16-8192", "Medium" },
        { "S-1-16-8448", "MediumPlus" }, { "S-1-16-12288", "High" }, { "S-1-16-16384", "System" },
        { "S-1-16-20480", "ProtectedProcess" },
    };
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
        if (strcmp(sid, levels[i].sid) == 0)
            return levels[i].name;
    return sid;
}

static unsigned token_rows(struct table *t, const struct anatomy *a, const struct an_process *p)
{
    static const char *const types[] = { "?", "Primary", "Impersonation" };
    char who[700];
    if (p->tokens_problem[0])
        ep_warn("%s: tokens: %s", model_who(a, p, who, sizeof who), p->tokens_problem);
    else if (!p->have_tokens && !a->no_tokens && !p->has_kernel)
        ep_warn("%s: tokens: the dump has no Token stream (written with "
                "MiniDumpWithTokenInformation)", a->label);
    for (size_t i = 0; i < p->ntokens; i++) {
        const struct an_token *tok = &p->tokens[i];
        table_add_row(t);
        model_cells_process(t, C_PID, C_PROC, p);
        if (tok->has_kernel)
            cell_addr(t, C_TOKEN, tok->va);
        if (tok->has_user) {
            cell_str(t, C_USER, tok->user.text);
            cell_str(t, C_UNAME, md_sid_name(tok->user.text));
        }
        if (tok->has_session)
            cell_uint(t, C_SESSION, tok->session_id);
        if (tok->has_statistics) {
            cell_str(t, C_TYPE, types[tok->token_type <= 2 ? tok->token_type : 0]);
            /* the level means something only for an impersonation token */
            if (tok->token_type == 2 && tok->impersonation_level < 4)
                cell_str(t, C_LEVEL, model_impersonation_level(tok->impersonation_level));
            cell_addr(t, C_LOGON, tok->authentication_id);
            cell_addr(t, C_ID, tok->token_luid);
        } else {
            cell_addr(t, C_ID, tok->token_id);
        }
        if (tok->has_integrity)
            cell_str(t, C_INTEGRITY, integrity_name(tok->integrity.text));
        else                /* a Token stream: the group marked SE_GROUP_INTEGRITY */
            for (size_t g = 0; g < tok->ngroups; g++)
                if (tok->groups[g].attributes & 0x20) {
                    cell_str(t, C_INTEGRITY, integrity_name(tok->groups[g].text));
                    break;
                }
        if (tok->has_kernel) {
            cell_bool(t, C_ELEVATED, tok->elevated == 1);
            cell_str(t, C_SOURCE, tok->source);
            if (tok->stolen_from)
                cell_uint(t, C_STOLEN, tok->stolen_from_pid);
        }
        size_t enabled = 0;
        for (size_t k = 0; k < tok->nprivileges; k++)
            enabled += (tok->privileges[k].attributes & 2) != 0;
        cell_uint(t, C_PRIVS, tok->nprivileges);
        cell_uint(t, C_ENABLED, enabled);
    }
    return 0;
}

static int run_tokens(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin_parts(ctx, &cmd_tokens, argc, argv, cols, ARRAY_LEN(cols), AN_PART_TOKENS, &a, &t, &rc))
        return rc;
    model_warn_missing_part(a, "tokens", a->no_tokens);
    for (size_t pi = 0; pi < a->nprocs; pi++)
        token_rows(t, a, &a->procs[pi]);
    return model_cmd_finish(ctx, t, a);
}

const struct command cmd_tokens = {
    "tokens",
    "one row per access token: user, session, type, impersonation level, integrity, elevation",
    "usage: eproc -f CAPTURE tokens [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "Memory images: the _TOKEN each EPROCESS.Token points at: its address,\n"
    "user SID, session, type (Primary/Impersonation), impersonation level,\n"
    "integrity (the group IntegrityLevelIndex names), elevation, logon\n"
    "session (AuthenticationId), TokenId, TokenSource and how many\n"
    "privileges are present and enabled.  StolenFromPID names the process\n"
    "that owns the token when another process's EPROCESS.Token points at the\n"
    "same _TOKEN (token stealing; the earlier-created holder is the owner).\n"
    "Elevated: the Administrators group is enabled or the token holds a\n"
    "privilege a filtered token loses (docs/kernel-objects.md).\n"
    "Minidumps: the Token stream's tokens (user, statistics, privileges).\n"
    "\n"
    "columns: pid, process, token, user, user_name, session, type,\n"
    "impersonation_level, integrity, elevated, logon_session, token_id,\n"
    "source, privileges, enabled, stolen_from_pid\n",
    run_tokens,
};

const struct anatomy_section section_tokens = { "tokens", cols, ARRAY_LEN(cols), AN_PART_TOKENS, token_rows };

COMMAND_COLUMNS(cmd_tokens, cols, sizeof cols / sizeof cols[0], NULL)
