/* Techniques over tokens and service records (techniques.c calls these;
 * docs/scenario.md "techniques[]"): what a kernel exploit or an intruder
 * with SYSTEM rights leaves behind.
 *
 * Facts: SYSTEM's privilege masks (present 0x1ff2ffffbc, as token.c
 * builds them from Windows 10/11 tokens); public token-privilege exploits
 * overwrite _SEP_TOKEN_PRIVILEGES.Present and .Enabled of their own token
 * with such a mask. */
#include "forge/forge_int.h"

#include <stdio.h>
#include <string.h>

#define SYSTEM_PRIVILEGES 0x1FF2FFFFBCULL

static int integrity_below_high(const char *lvl)
{
    return !strcmp(lvl, "untrusted") || !strcmp(lvl, "low") || !strcmp(lvl, "medium") ||
           !strcmp(lvl, "medium-plus");
}

int tech_privilege_enable(struct forge *f, struct fprocess *p, size_t key, struct ep_error *err)
{
    if (!integrity_below_high(p->integrity) || p->tok_stolen_from)
        return ep_fail(err, "%s: key 'techniques[%zu].target': PID %u runs at %s integrity%s; privilege_enable "
                       "stages a process below high integrity with its own token", f->sc->path, key, p->pid,
                       p->integrity, p->tok_stolen_from ? " with a stolen token" : "");
    kfield(f, f->sys_root, p->token, &f->L.tk_PrivPresent, SYSTEM_PRIVILEGES);
    kfield(f, f->sys_root, p->token, &f->L.tk_PrivEnabled, SYSTEM_PRIVILEGES);
    p->tok.present = p->tok.enabled = SYSTEM_PRIVILEGES;
    return 0;
}

int tech_system_token(struct forge *f, struct fprocess *p, size_t key, struct ep_error *err)
{
    struct fprocess *parent = proc_by_pid(f, p->ppid);
    if (p->session == 0 || !strcmp(p->user_sid, "S-1-5-18") || !parent || parent->exited || parent->tok_stolen_from ||
        strncmp(parent->user_sid, "S-1-5-21-", 9) != 0)
        return ep_fail(err, "%s: key 'techniques[%zu].target': PID %u must be a non-SYSTEM process of an "
                       "interactive session (not 0) whose running parent is a user's", f->sc->path, key, p->pid);
    /* token_create builds from the scenario entry: a scratch copy of the
     * process as SYSTEM, in the target's own session (SessionId is the
     * process's) */
    struct sc_process *sp = fx_tmp(f, 1, sizeof *sp);
    memcpy(sp, p->sc, sizeof *sp);
    snprintf(sp->user, sizeof sp->user, "SYSTEM");
    sp->integrity[0] = 0;
    sp->has_privs = sp->has_groups = 0;
    sp->elevated = 0;
    struct fprocess *scratch = fx_tmp(f, 1, sizeof *scratch);
    memcpy(scratch, p, sizeof *scratch);
    scratch->sc = sp;
    uint64_t tok = token_create(f, scratch, err);
    if (tok) {
        p->token = tok;
        p->tok = scratch->tok;
        memcpy(p->user_sid, scratch->user_sid, sizeof p->user_sid);
        memcpy(p->integrity, scratch->integrity, sizeof p->integrity);
    }
    fx_tmp_free(f, scratch);
    fx_tmp_free(f, sp);
    return tok ? 0 : -1;
}

uint32_t tech_service_gone(struct forge *f, const char *name)
{
    /* services_build writes the records after the techniques; the PID is
     * one the CID table never hands to a process or thread of this machine */
    struct scenario *sc = f->sc;
    uint32_t pid = cid_alloc(f);
    sc->services = fx_grow(sc->services, sc->nservices + 1, sizeof *sc->services);
    struct sc_service *s = &sc->services[sc->nservices++];
    memset(s, 0, sizeof *s);
    snprintf(s->name, sizeof s->name, "%s", name[0] ? name : "SysMonAgent");
    snprintf(s->display, sizeof s->display, "%s", s->name);
    snprintf(s->binary, sizeof s->binary, "C:\\Program Files\\%s\\agent.exe", s->name);
    s->gone_pid = pid;
    s->type = 0x10;      /* SERVICE_WIN32_OWN_PROCESS */
    s->state = 4;        /* SERVICE_RUNNING */
    s->start = 2;        /* SERVICE_AUTO_START */
    return pid;
}

int tech_system_impersonation_check(struct forge *f, const struct fprocess *p, const struct fprocess *client,
                                    size_t key, struct ep_error *err)
{
    if (strncmp(p->user_sid, "S-1-5-21-", 9) != 0 || !integrity_below_high(p->integrity) || p->tok_stolen_from ||
        !p->peb || p->exited)
        return ep_fail(err, "%s: key 'techniques[%zu].target': PID %u must be a running user's process below "
                       "high integrity with its own token", f->sc->path, key, p->pid);
    if (strcmp(client->user_sid, "S-1-5-18") != 0)
        return ep_fail(err, "%s: key 'techniques[%zu].source': PID %u does not run as SYSTEM", f->sc->path, key,
                       client->pid);
    return 0;
}
