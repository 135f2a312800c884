/* eproc sessions: the sessions of a memory image and their processes,
 * each cross-checked with its token's session id. */
#include <stdio.h>
#include <stdlib.h>

#include "commands/model_cmd.h"
#include "minidump/minidump.h"

extern const struct command cmd_sessions;

static const struct col_def cols[] = {
    { "session", "Session", COL_UINT },
    { "session_space", "SessionSpace", COL_HEX },
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "user", "User", COL_STR },
    { "user_name", "UserName", COL_STR },
    { "token_session", "TokenSession", COL_UINT },
    { "agrees", "Agrees", COL_BOOL },
};
enum { C_SESSION, C_SPACE, C_PID, C_PROC, C_USER, C_UNAME, C_TSESSION, C_AGREES };

static int by_session(const void *a, const void *b)
{
    const struct an_process *x = *(const struct an_process *const *)a, *y = *(const struct an_process *const *)b;
    if (x->has_session != y->has_session)
        return y->has_session - x->has_session;
    if (x->session_id != y->session_id)
        return x->session_id < y->session_id ? -1 : 1;
    return x->pid < y->pid ? -1 : x->pid > y->pid;
}

static int run_sessions(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin_parts(ctx, &cmd_sessions, argc, argv, cols, ARRAY_LEN(cols), AN_PART_TOKENS, &a, &t,
                               &rc))
        return rc;
    const struct an_process **order = calloc(a->nprocs + 1, sizeof *order);
    if (!order) {
        model_cmd_finish(ctx, t, a);
        return EP_EXIT_INPUT;
    }
    for (size_t i = 0; i < a->nprocs; i++)
        order[i] = &a->procs[i];
    qsort(order, a->nprocs, sizeof *order, by_session);
    for (size_t i = 0; i < a->nprocs; i++) {
        const struct an_process *p = order[i];
        if (!p->has_kernel)
            continue;       /* a minidump knows no kernel session */
        table_add_row(t);
        if (p->has_session) {
            cell_uint(t, C_SESSION, p->session_id);
            cell_addr(t, C_SPACE, p->session_space);
        }
        model_cells_process(t, C_PID, C_PROC, p);
        const struct an_token *tok = p->ntokens ? &p->tokens[0] : NULL;
        if (tok && tok->has_user) {
            cell_str(t, C_USER, tok->user.text);
            cell_str(t, C_UNAME, md_sid_name(tok->user.text));
        }
        if (tok && tok->has_session) {
            cell_uint(t, C_TSESSION, tok->session_id);
            if (p->has_session) {
                cell_bool(t, C_AGREES, tok->session_id == p->session_id);
                if (tok->session_id != p->session_id) {
                    char who[700];
                    ep_warn("%s: runs in session %u with a token of session %u", model_who(a, p, who, sizeof who),
                            p->session_id, tok->session_id);
                }
            }
        }
    }
    free(order);
    return model_cmd_finish(ctx, t, a);
}

const struct command cmd_sessions = {
    "sessions",
    "the sessions of a memory image and their processes, checked against each token's session",
    "usage: eproc -f IMAGE sessions [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "One row per process, by session: the session id and session space\n"
    "(EPROCESS.Session -> _MM_SESSION_SPACE or, on 24H2, _PSP_SESSION_SPACE),\n"
    "the token's user and the token's own SessionId.  A process whose token\n"
    "belongs to another session (a stolen or duplicated token) has agrees\n"
    "false and a warning.  Processes without a session (System, Registry,\n"
    "MemCompression, smss) come last with a null session.\n"
    "\n"
    "columns: session, session_space, pid, process, user, user_name,\n"
    "token_session, agrees\n",
    run_sessions,
};

COMMAND_COLUMNS(cmd_sessions, cols, sizeof cols / sizeof cols[0], NULL)
