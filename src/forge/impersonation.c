/* Thread impersonation: a server thread acting for its client.
 *
 * The kernel keeps the impersonation in the ETHREAD: ClientSecurity
 * (_PS_CLIENT_SECURITY_CONTEXT) holds the token pointer with the
 * SECURITY_IMPERSONATION_LEVEL in bits 0-1 and EffectiveOnly in bit 2
 * (tokens are 8-byte aligned), and CrossThreadFlags.ActiveImpersonationInfo
 * says the thread is impersonating (public _ETHREAD and
 * _PS_CLIENT_SECURITY_CONTEXT in the ntkrnlmp symbols; Windows Internals
 * 7th ed., ch. 7 "Impersonation").  The token is an impersonation token
 * (TokenType 2) for the client's account, with the level it was
 * duplicated at, not the client's primary token itself. */
#include "forge/forge_int.h"

#include <string.h>

/* TOKEN_TYPE (winnt.h) */
#define TOKEN_IMPERSONATION 2

static uint64_t impersonation_token(struct forge *f, struct fprocess *client, int level, char user_sid[96])
{
    /* token_create builds a process's token from its scenario entry and
     * records it in the process; build one for the client's account on a
     * scratch copy so that the client keeps its own primary token */
    struct fprocess *scratch = fx_tmp(f, 1, sizeof *scratch);
    memcpy(scratch, client, sizeof *scratch);
    struct ep_error err = {{0}};
    uint64_t tok = token_create(f, scratch, &err);
    memcpy(user_sid, scratch->user_sid, 96);
    fx_tmp_free(f, scratch);
    if (!tok)
        return 0;
    kfield(f, f->sys_root, tok, &f->L.tk_TokenType, TOKEN_IMPERSONATION);
    kfield(f, f->sys_root, tok, &f->L.tk_ImpersonationLevel, (uint64_t)level);
    return tok;
}

void impersonation_apply(struct forge *f)
{
    const struct layout *L = &f->L;
    if (!fhas(&L->et_ClientSecurity) || !fhas(&L->et_ActiveImpersonationInfo))
        return;
    for (size_t i = 0; i < f->nprocs; i++) {
        struct fprocess *p = &f->procs[i];
        for (size_t k = 0; k < p->nthreads; k++) {
            struct fthread *t = &p->threads[k];
            if (!t->imp_wanted || t->exited)
                continue;
            struct fprocess *client = proc_by_ref(f, &t->imp_client);
            if (!client)
                continue;          /* defaults.c refused the scenario */
            t->imp_token = impersonation_token(f, client, t->imp_level, t->imp_user_sid);
            if (!t->imp_token)
                continue;
            t->imp_client_pid = client->pid;
            kfield(f, f->sys_root, t->ethread, &L->et_ClientSecurity, t->imp_token | (uint64_t)(t->imp_level & 3));
            kfield(f, f->sys_root, t->ethread, &L->et_ActiveImpersonationInfo, 1);
        }
    }
}
