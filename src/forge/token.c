/* Access tokens: _TOKEN with its variable part (user and group SIDs with
 * attributes, the integrity label last), privilege bitmaps, session and
 * logon identifiers, as the LSA builds them for each kind of account.
 *
 * Facts: privilege bit n is the LUID of the privilege (winnt.h: 2 =
 * SeCreateTokenPrivilege ... 36 = SeDelegateSessionUserImpersonate);
 * SE_GROUP_* attribute bits (MANDATORY 1, ENABLED_BY_DEFAULT 2, ENABLED 4,
 * OWNER 8, USE_FOR_DENY_ONLY 0x10, INTEGRITY 0x20, INTEGRITY_ENABLED 0x40,
 * LOGON_ID 0xC0000000); integrity SIDs S-1-16-{0,4096,8192,12288,16384};
 * logon session LUIDs 0x3e7 SYSTEM, 0x3e5 LOCAL SERVICE, 0x3e4 NETWORK
 * SERVICE; SYSTEM's privilege masks as seen on Windows 10/11
 * (present 0x1ff2ffffbc, enabled 0x1e60b1e890). */
#include "forge/forge_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/bytes.h"

static const char *const priv_names[37] = {
    NULL, NULL, "SeCreateTokenPrivilege", "SeAssignPrimaryTokenPrivilege",
    "SeLockMemoryPrivilege", "SeIncreaseQuotaPrivilege", "SeMachineAccountPrivilege",
    "SeTcbPrivilege", "SeSecurityPrivilege", "SeTakeOwnershipPrivilege",
    "SeLoadDriverPrivilege", "SeSystemProfilePrivilege", "SeSystemtimePrivilege",
    "SeProfileSingleProcessPrivilege", "SeIncreaseBasePriorityPrivilege",
    "SeCreatePagefilePrivilege", "SeCreatePermanentPrivilege", "SeBackupPrivilege",
    "SeRestorePrivilege", "SeShutdownPrivilege", "SeDebugPrivilege", "SeAuditPrivilege",
    "SeSystemEnvironmentPrivilege", "SeChangeNotifyPrivilege", "SeRemoteShutdownPrivilege",
    "SeUndockPrivilege", "SeSyncAgentPrivilege", "SeEnableDelegationPrivilege",
    "SeManageVolumePrivilege", "SeImpersonatePrivilege", "SeCreateGlobalPrivilege",
    "SeTrustedCredManAccessPrivilege", "SeRelabelPrivilege", "SeIncreaseWorkingSetPrivilege",
    "SeTimeZonePrivilege", "SeCreateSymbolicLinkPrivilege",
    "SeDelegateSessionUserImpersonatePrivilege",
};

int token_priv_bit(const char *name)
{
    for (int i = 2; i < 37; i++)
        if (!strcasecmp(name, priv_names[i]))
            return i;
    return -1;
}

const char *token_priv_name(int bit)
{
    return bit >= 2 && bit < 37 ? priv_names[bit] : NULL;
}

/* Parse "S-1-5-21-1-2-3-1001" into a _SID's bytes; returns the length. */
size_t sid_encode(const char *text, uint8_t out[68])
{
    if (strncmp(text, "S-1-", 4) != 0)
        return 0;
    char *end;
    unsigned long long auth = strtoull(text + 4, &end, 10);
    uint32_t sub[15];
    int n = 0;
    while (*end == '-' && n < 15) {
        sub[n++] = (uint32_t)strtoul(end + 1, &end, 10);
    }
    if (*end)
        return 0;
    out[0] = 1;
    out[1] = (uint8_t)n;
    for (int i = 0; i < 6; i++)
        out[2 + i] = (uint8_t)(auth >> (8 * (5 - i)));   /* big-endian authority */
    for (int i = 0; i < n; i++)
        put32(out + 8 + 4 * i, sub[i]);
    return (size_t)(8 + 4 * n);
}

static const struct { const char *name, *sid; } accounts[] = {
    { "SYSTEM", "S-1-5-18" }, { "LOCAL SERVICE", "S-1-5-19" }, { "NETWORK SERVICE", "S-1-5-20" },
    { "DWM-1", "S-1-5-90-0-1" }, { "DWM-2", "S-1-5-90-0-2" },
    { "UMFD-0", "S-1-5-96-0-0" }, { "UMFD-1", "S-1-5-96-0-1" }, { "UMFD-2", "S-1-5-96-0-2" },
};

/* The account's SID text: well-known names, "USER" (the interactive user,
 * RID 1001 of the machine domain) or a literal SID. */
void token_user_sid(const struct forge *f, const char *user, char out[96])
{
    for (size_t i = 0; i < ARRAY_LEN(accounts); i++)
        if (!strcasecmp(user, accounts[i].name)) {
            snprintf(out, 96, "%s", accounts[i].sid);
            return;
        }
    if (!strncmp(user, "S-1-", 4)) {
        snprintf(out, 96, "%s", user);
        return;
    }
    snprintf(out, 96, "%s-1001", f->machine_sid);
}

struct grp { char sid[96]; uint32_t attr; };

static int add_grp(struct grp *g, int n, const char *sid, uint32_t attr)
{
    snprintf(g[n].sid, sizeof g[n].sid, "%s", sid);
    g[n].attr = attr;
    return n + 1;
}

static uint32_t integrity_rid(const char *lvl)
{
    if (!strcmp(lvl, "untrusted")) return 0;
    if (!strcmp(lvl, "low")) return 0x1000;
    if (!strcmp(lvl, "medium")) return 0x2000;
    if (!strcmp(lvl, "medium-plus")) return 0x2100;
    if (!strcmp(lvl, "high")) return 0x3000;
    if (!strcmp(lvl, "protected")) return 0x5000;
    return 0x4000;
}

uint64_t token_create(struct forge *f, struct fprocess *p, struct ep_error *err)
{
    (void)err;
    const struct layout *L = &f->L;
    struct sc_process *sp = p->sc;
    char user_sid[96];
    token_user_sid(f, sp->user, user_sid);
    snprintf(p->user_sid, sizeof p->user_sid, "%s", user_sid);
    int is_system = !strcmp(user_sid, "S-1-5-18");
    int is_service = !strcmp(user_sid, "S-1-5-19") || !strcmp(user_sid, "S-1-5-20");
    int is_vuser = !strncmp(user_sid, "S-1-5-90-", 9) || !strncmp(user_sid, "S-1-5-96-", 9);
    int is_human = !is_system && !is_service && !is_vuser;

    /* integrity */
    const char *lvl = sp->integrity[0] ? sp->integrity :
                      is_human ? (sp->elevated ? "high" : "medium") :
                      (!strncmp(user_sid, "S-1-5-96-", 9) ? "low" : "system");
    snprintf(p->integrity, sizeof p->integrity, "%s", lvl);

    /* groups */
    struct grp g[64];
    int ng = 0;
    char logon[96];
    snprintf(logon, sizeof logon, "S-1-5-5-0-%u", 0x3000u + (uint32_t)(rng_next(&f->rng) % 0xF0000));
    if (sp->has_groups) {
        for (size_t i = 0; i < sp->ngroups && ng < 60; i++) {
            char sid[96];
            token_user_sid(f, sp->groups[i].sid, sid);
            if (strncmp(sp->groups[i].sid, "S-1-", 4) != 0 && strcasecmp(sp->groups[i].sid, "USER") != 0)
                snprintf(sid, sizeof sid, "%s", sp->groups[i].sid);
            ng = add_grp(g, ng, sid, sp->groups[i].has_attributes ? sp->groups[i].attributes : 7);
        }
    } else if (is_system) {
        ng = add_grp(g, ng, "S-1-5-32-544", 0xE);
        ng = add_grp(g, ng, "S-1-1-0", 7);
        ng = add_grp(g, ng, "S-1-5-11", 7);
    } else if (is_service) {
        ng = add_grp(g, ng, "S-1-1-0", 7);
        ng = add_grp(g, ng, "S-1-5-32-545", 7);
        ng = add_grp(g, ng, "S-1-5-6", 7);
        ng = add_grp(g, ng, "S-1-2-1", 7);
        ng = add_grp(g, ng, "S-1-5-11", 7);
        ng = add_grp(g, ng, "S-1-5-15", 7);
        ng = add_grp(g, ng, logon, 0xC0000007);
        ng = add_grp(g, ng, "S-1-2-0", 7);
    } else if (is_vuser) {
        ng = add_grp(g, ng, "S-1-1-0", 7);
        ng = add_grp(g, ng, "S-1-5-32-545", 7);
        ng = add_grp(g, ng, "S-1-5-4", 7);
        ng = add_grp(g, ng, "S-1-2-1", 7);
        ng = add_grp(g, ng, "S-1-5-11", 7);
        ng = add_grp(g, ng, "S-1-5-15", 7);
        ng = add_grp(g, ng, logon, 0xC0000007);
        ng = add_grp(g, ng, "S-1-2-0", 7);
    } else {
        char dom[96];
        snprintf(dom, sizeof dom, "%s-513", f->machine_sid);
        int admin_attr = sp->elevated ? 0xF : 0x10;   /* deny-only when filtered */
        ng = add_grp(g, ng, dom, 7);
        ng = add_grp(g, ng, "S-1-1-0", 7);
        ng = add_grp(g, ng, "S-1-5-114", (uint32_t)admin_attr);
        ng = add_grp(g, ng, "S-1-5-32-544", (uint32_t)admin_attr);
        ng = add_grp(g, ng, "S-1-5-32-545", 7);
        ng = add_grp(g, ng, "S-1-5-4", 7);
        ng = add_grp(g, ng, "S-1-2-1", 7);
        ng = add_grp(g, ng, "S-1-5-11", 7);
        ng = add_grp(g, ng, "S-1-5-15", 7);
        ng = add_grp(g, ng, "S-1-5-113", 7);
        ng = add_grp(g, ng, logon, 0xC0000007);
        ng = add_grp(g, ng, "S-1-2-0", 7);
        ng = add_grp(g, ng, "S-1-5-64-10", 7);
    }
    char il[32];
    snprintf(il, sizeof il, "S-1-16-%u", integrity_rid(lvl));
    int il_index = ng + 1;                  /* +1: the user is entry 0 */
    ng = add_grp(g, ng, il, 0x60);

    /* privileges */
    uint64_t present, enabled;
    if (sp->has_privs) {
        present = enabled = 0;
        for (size_t i = 0; i < sp->nprivs; i++) {
            int b = token_priv_bit(sp->privs[i].name);
            if (b < 0)
                continue;           /* checked when parsing the scenario */
            present |= 1ULL << b;
            if (sp->privs[i].enabled)
                enabled |= 1ULL << b;
        }
    } else if (is_system) {
        present = 0x1FF2FFFFBCULL;
        enabled = 0x1E60B1E890ULL;
    } else if (is_service) {
        present = (1ULL << 3) | (1ULL << 5) | (1ULL << 12) | (1ULL << 21) | (1ULL << 23) |
                  (1ULL << 29) | (1ULL << 30) | (1ULL << 33) | (1ULL << 34);
        enabled = (1ULL << 23) | (1ULL << 29) | (1ULL << 30);
    } else if (is_vuser) {
        present = (1ULL << 23) | (1ULL << 33);
        enabled = 1ULL << 23;
    } else if (sp->elevated) {
        present = 0x1FF2FFFFBCULL & ~((1ULL << 2) | (1ULL << 3) | (1ULL << 7) | (1ULL << 4) | (1ULL << 16) | (1ULL << 21));
        enabled = 1ULL << 23;
    } else {
        present = (1ULL << 19) | (1ULL << 23) | (1ULL << 25) | (1ULL << 33) | (1ULL << 34);
        enabled = 1ULL << 23;
    }

    /* variable part: SID_AND_ATTRIBUTES[n+1], then the SIDs */
    int nsa = ng + 1;
    uint8_t sids[66][68];
    size_t sidlen[66];
    sidlen[0] = sid_encode(user_sid, sids[0]);
    for (int i = 0; i < ng; i++)
        sidlen[i + 1] = sid_encode(g[i].sid, sids[i + 1]);
    uint32_t var_off = fhas(&L->tk_VariablePart) ? (uint32_t)L->tk_VariablePart.off : L->sz_TOKEN;
    uint32_t sa_size = L->sz_SID_AND_ATTRIBUTES ? L->sz_SID_AND_ATTRIBUTES : 16;
    uint32_t var_len = (uint32_t)nsa * sa_size;
    for (int i = 0; i < nsa; i++)
        var_len += (uint32_t)((sidlen[i] + 3) & ~3u);
    uint32_t body_size = var_off + var_len;
    if (body_size < L->sz_TOKEN)
        body_size = L->sz_TOKEN;

    struct obj_spec os = { .type = OT_TOKEN, .body_size = body_size, .info_mask = OBH_QUOTA,
                           .paged = 1, .pointer_count = 3 };
    uint64_t tok = obj_create(f, &os);
    uint8_t *b = fx_tmp(f, 1, body_size);
    /* TokenSource: 8-char name + LUID */
    if (fhas(&L->tk_TokenSource))
        memcpy(b + L->tk_TokenSource.off, is_human ? "User32 \0" : "*SYSTEM*", 8);
    uint64_t auth_luid = is_system ? 0x3e7 : !strcmp(user_sid, "S-1-5-19") ? 0x3e5 :
                         !strcmp(user_sid, "S-1-5-20") ? 0x3e4 : f->user_logon_luid;
    if (is_vuser)
        auth_luid = 0x8000 + (uint64_t)(rng_next(&f->rng) % 0x8000);
    fset(b, &L->tk_TokenId, 0x10000 + f->next_token_luid);
    f->next_token_luid += 0x1d + (uint32_t)(rng_next(&f->rng) % 0x400);
    fset(b, &L->tk_AuthenticationId, auth_luid);
    fset(b, &L->tk_ParentTokenId, 0);
    fset(b, &L->tk_ExpirationTime, 0x7FFFFFFFFFFFFFFFULL);
    fset(b, &L->tk_ModifiedId, 0x10000 + f->next_token_luid);
    fset(b, &L->tk_PrivPresent, present);
    fset(b, &L->tk_PrivEnabled, enabled);
    fset(b, &L->tk_PrivEnabledByDefault, enabled);
    fset(b, &L->tk_SessionId, p->session);
    fset(b, &L->tk_UserAndGroupCount, (uint64_t)nsa);
    fset(b, &L->tk_RestrictedSidCount, 0);
    fset(b, &L->tk_VariableLength, var_len);
    fset(b, &L->tk_DynamicCharged, 0x1000);
    fset(b, &L->tk_DynamicAvailable, 0x1000 - 0x6C);
    fset(b, &L->tk_DefaultOwnerIndex, is_system ? 1 : 0);
    fset(b, &L->tk_UserAndGroups, tok + var_off);
    fset(b, &L->tk_TokenType, 1);                       /* TokenPrimary */
    fset(b, &L->tk_ImpersonationLevel, 0);
    fset(b, &L->tk_TokenFlags, is_human ? 0x2A00 : 0x2000);
    fset(b, &L->tk_TokenInUse, 1);
    fset(b, &L->tk_IntegrityLevelIndex, (uint64_t)il_index);
    fset(b, &L->tk_MandatoryPolicy, is_system ? 1 : 3);   /* NO_WRITE_UP (| NEW_PROCESS_MIN) */
    /* the SID_AND_ATTRIBUTES array and the SIDs it points to */
    uint32_t sid_off = var_off + (uint32_t)nsa * sa_size;
    for (int i = 0; i < nsa; i++) {
        uint8_t *sa = b + var_off + (uint32_t)i * sa_size;
        put64(sa + L->sa_Sid.off, tok + sid_off);
        put32(sa + L->sa_Attributes.off, i == 0 ? 0 : g[i - 1].attr);
        memcpy(b + sid_off, sids[i], sidlen[i]);
        sid_off += (uint32_t)((sidlen[i] + 3) & ~3u);
    }
    /* PrimaryGroup / DefaultDacl live in the dynamic part ('TokD') */
    uint64_t dyn = pool_alloc(f, POOL_PAGED, 0x100, "TokD");
    fset(b, &L->tk_DynamicPart, dyn);
    fset(b, &L->tk_PrimaryGroup, dyn);
    {
        uint8_t ps[68];
        size_t n = sid_encode(is_human ? g[0].sid : user_sid, ps);
        kw(f, dyn, ps, n);
    }
    kw(f, tok, b, body_size);
    fx_tmp_free(f, b);

    /* record for the truth file */
    struct ftoken *t = &p->tok;
    t->va = tok;
    t->present = present;
    t->enabled = enabled;
    t->nsids = nsa > FTOKEN_MAX_SIDS ? FTOKEN_MAX_SIDS : nsa;
    snprintf(t->sids[0].sid, sizeof t->sids[0].sid, "%s", user_sid);
    t->sids[0].attr = 0;
    for (int i = 1; i < t->nsids; i++) {
        snprintf(t->sids[i].sid, sizeof t->sids[i].sid, "%s", g[i - 1].sid);
        t->sids[i].attr = g[i - 1].attr;
    }
    t->integrity_index = il_index;
    t->auth_luid = auth_luid;
    p->token = tok;
    return tok;
}
