/* The token of a memory-image process: EPROCESS.Token (_EX_FAST_REF) ->
 * _TOKEN (windows/token.c), in the model's an_token form, the same one a
 * minidump's Token stream fills: user, groups, privileges (LUID n for
 * bitmap bit n; attributes ENABLED_BY_DEFAULT 1 and ENABLED 2 from the
 * EnabledByDefault and Enabled bitmaps), statistics. */
#include <stdio.h>
#include <string.h>

#include "anatomy/from_image_kernel.h"
#include "windows/token.h"

/* SE_GROUP_ENABLED (winnt.h). */
#define GROUP_ENABLED 0x4u

/* Privileges whose presence makes Windows call a token elevated (the
 * "sensitive" privileges a filtered administrator token loses):
 * SeCreateToken 2, SeTcb 7, SeTakeOwnership 9, SeLoadDriver 10,
 * SeBackup 17, SeRestore 18, SeDebug 20, SeImpersonate 29, SeRelabel 32,
 * SeDelegateSessionUserImpersonate 36. */
static const uint64_t elevating_privileges = (1ull << 2) | (1ull << 7) | (1ull << 9) | (1ull << 10) |
                                             (1ull << 17) | (1ull << 18) | (1ull << 20) | (1ull << 29) |
                                             (1ull << 32) | (1ull << 36);

/* Elevated: the Administrators group (S-1-5-32-544) is enabled, or the
 * token holds one of the privileges above (docs/kernel-objects.md). */
static int is_elevated(const struct ktoken *t)
{
    if (t->present & elevating_privileges)
        return 1;
    for (size_t i = 1; i < t->nsids; i++)
        if (strcmp(t->sids[i].text, "S-1-5-32-544") == 0 && (t->sids[i].attributes & GROUP_ENABLED))
            return 1;
    return 0;
}

void an_image_token_user(const struct kobject_ctx *c, uint64_t va, char *out, size_t n)
{
    struct ktoken t;
    struct ep_error err = {{0}};
    out[0] = 0;
    if (ktoken_read(c, va, &t, &err) == 0 && t.nsids)
        snprintf(out, n, "%s", t.sids[0].text);
    ktoken_free(&t);
}

/* The first other process (by create time, then pid) that holds the same
 * _TOKEN: a copied EPROCESS.Token (token stealing) makes two processes
 * share one token, and the earlier one is its owner. */
static const struct ep_process *token_owner(const struct process_list *all, const struct ep_process *e,
                                            uint64_t token)
{
    const struct ep_process *owner = NULL;
    for (unsigned i = 0; i < all->n; i++) {
        const struct ep_process *q = &all->items[i];
        if (q == e || q->va == e->va || ktoken_of_fast_ref(q->token) != token)
            continue;
        if (!owner || q->create < owner->create || (q->create == owner->create && q->pid < owner->pid))
            owner = q;
    }
    if (owner && (owner->create > e->create || (owner->create == e->create && owner->pid > e->pid)))
        return NULL;        /* e is the earliest holder: its own token */
    return owner;
}

void an_image_token(const struct kobject_ctx *c, const struct process_list *all, const struct ep_process *e,
                    struct an_process *p, struct an_store **store)
{
    uint64_t va = ktoken_of_fast_ref(e->token);
    if (!va) {
        snprintf(p->tokens_problem, sizeof p->tokens_problem, "EPROCESS.Token is NULL");
        return;
    }
    struct ktoken t;
    struct ep_error err = {{0}};
    if (ktoken_read(c, va, &t, &err) != 0) {
        snprintf(p->tokens_problem, sizeof p->tokens_problem, "%s", err.msg);
        ktoken_free(&t);
        return;
    }
    struct an_token *tok = an_store_alloc(store, sizeof *tok);
    tok->token_id = (uint32_t)t.token_id;
    tok->has_kernel = 1;
    tok->va = va;
    memcpy(tok->source, t.source, sizeof tok->source);
    if (t.nsids && t.sids[0].text[0]) {
        tok->has_user = 1;
        snprintf(tok->user.text, sizeof tok->user.text, "%s", t.sids[0].text);
        tok->user.attributes = t.sids[0].attributes;
    }
    if (t.has_primary_group) {
        tok->has_primary_group = 1;
        snprintf(tok->primary_group.text, sizeof tok->primary_group.text, "%s", t.primary_group);
    }
    if (t.nsids > 1) {
        struct an_sid *g = an_store_alloc(store, (t.nsids - 1) * sizeof *g);
        for (size_t i = 1; i < t.nsids; i++) {
            if (!t.sids[i].text[0])
                continue;
            snprintf(g[tok->ngroups].text, sizeof g[tok->ngroups].text, "%s", t.sids[i].text);
            g[tok->ngroups++].attributes = t.sids[i].attributes;
        }
        tok->groups = g;
    }
    if (t.integrity_index > 0 && t.integrity_index < t.nsids && t.sids[t.integrity_index].text[0]) {
        tok->has_integrity = 1;
        snprintf(tok->integrity.text, sizeof tok->integrity.text, "%s", t.sids[t.integrity_index].text);
        tok->integrity.attributes = t.sids[t.integrity_index].attributes;
    }
    size_t np = 0;
    for (int b = 0; b < 64; b++)
        np += (t.present >> b) & 1;
    struct an_privilege *pv = an_store_alloc(store, (np + 1) * sizeof *pv);
    for (int b = 0; b < 64; b++) {
        if (!((t.present >> b) & 1))
            continue;
        struct an_privilege *x = &pv[tok->nprivileges++];
        x->luid = (uint64_t)b;
        x->attributes = (((t.enabled >> b) & 1) ? 2u : 0u) | (((t.enabled_by_default >> b) & 1) ? 1u : 0u);
    }
    tok->privileges = pv;
    tok->has_statistics = 1;
    tok->token_luid = t.token_id;
    tok->authentication_id = t.auth_id;
    tok->modified_id = t.modified_id;
    tok->token_type = t.token_type;
    tok->impersonation_level = t.impersonation_level;
    tok->has_session = 1;
    tok->session_id = t.session_id;
    tok->flags = t.flags;
    tok->elevated = is_elevated(&t);
    const struct ep_process *owner = token_owner(all, e, va);
    if (owner) {
        tok->stolen_from = owner->va;
        tok->stolen_from_pid = owner->pid;
    }
    if (t.sids_incomplete)
        snprintf(p->tokens_problem, sizeof p->tokens_problem, "some SIDs of the token at 0x%llx are not in the capture",
                 (unsigned long long)va);
    ktoken_free(&t);
    p->tokens = tok;
    p->ntokens = 1;
    p->have_tokens = 1;
}

void an_image_session(const struct ep_process *e, struct an_process *p)
{
    if (!e->session_ptr || e->session < 0)
        return;
    p->has_session = 1;
    p->session_id = (uint32_t)e->session;
    p->session_space = e->session_ptr;
}
