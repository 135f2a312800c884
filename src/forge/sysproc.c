/* The sysproc_* techniques (docs/scenario.md): a system process with the
 * parent, session, account, path or protection Windows never gives it, or
 * a second instance of one Windows runs once.  They change the scenario
 * before the build, so every structure the forge writes from it (EPROCESS,
 * token, session lists, PEB, SeAuditProcessCreationInfo) agrees, as it
 * does when an attacker starts an impostor rather than patching one
 * field; techniques_apply records them for the truth file. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "forge/forge_int.h"

static int pid_taken(const struct scenario *sc, uint32_t pid)
{
    for (size_t i = 0; i < sc->nprocs; i++) {
        if (sc->procs[i].pid == pid)
            return 1;
        for (size_t t = 0; t < sc->procs[i].nthreads; t++)
            if (sc->procs[i].threads[t].tid == pid)
                return 1;
    }
    return 0;
}

/* A second instance of procs[ti]: same name, parent, session, account,
 * path and protection, started later.  Returns its PID. */
static uint32_t add_duplicate(struct scenario *sc, size_t ti)
{
    uint32_t pid = sc->procs[ti].pid + 4;
    while (pid_taken(sc, pid) || sc_cid_never_issued(pid))
        pid += 4;
    struct sc_process *d = sc_add_process(sc);   /* may move procs[] */
    const struct sc_process *o = &sc->procs[ti];
    snprintf(d->name, sizeof d->name, "%s", o->name);
    d->pid = pid;
    d->ppid = o->ppid;
    d->session = o->session;
    d->has_session = 1;
    snprintf(d->user, sizeof d->user, "%s", o->user);
    snprintf(d->image, sizeof d->image, "%s", o->image);
    snprintf(d->cmdline, sizeof d->cmdline, "%s", o->cmdline);
    /* halfway between the original's start and the capture */
    double life = (double)(sc->time - sc->boot_time) / 1e7;
    d->create_offset = o->create_offset + (life - o->create_offset) / 2;
    d->protected_light = o->protected_light;
    d->gui = 0;
    d->threads = fx_alloc(1, sizeof *d->threads);
    d->threads[0].create_offset = -1;
    d->nthreads = 1;
    d->has_threads = 1;
    return pid;
}

int sysproc_stage(struct scenario *sc, struct ep_error *err)
{
    for (size_t i = 0; i < sc->ntechs; i++) {
        struct sc_technique *t = &sc->techs[i];
        if (t->kind < TQ_SYSPROC_PARENT || t->kind > TQ_SYSPROC_PROTECTION)
            continue;
        struct sc_process *p = sc_find(sc, &t->target);
        if (p->kernel_only)
            return ep_fail(err, "%s: key 'techniques[%zu].target': PID %u is a kernel process, not a system "
                           "process Windows starts from an image", sc->path, i, p->pid);
        switch (t->kind) {
        case TQ_SYSPROC_PARENT: {
            const struct sc_process *parent = sc_find(sc, &t->source);
            /* a parent created after its child is another rule's finding
             * (impossible parent): keep this one about the image only */
            if (parent == p || parent->create_offset > p->create_offset)
                return ep_fail(err, "%s: key 'techniques[%zu].source': PID %u %s; the new parent must be a "
                               "process started before PID %u", sc->path, i, parent->pid,
                               parent == p ? "is the target" : "started after the target", p->pid);
            snprintf(t->staged, sizeof t->staged, "%s's parent is PID %u (%s) instead of PID %u", p->name,
                     parent->pid, parent->name, p->ppid);
            p->ppid = parent->pid;
            break;
        }
        case TQ_SYSPROC_SESSION: {
            uint32_t to = p->session ? 0 : 1;
            snprintf(t->staged, sizeof t->staged, "%s runs in session %u instead of %u", p->name, to, p->session);
            p->session = to;
            break;
        }
        case TQ_SYSPROC_USER:
            snprintf(t->staged, sizeof t->staged, "%s runs as the interactive user instead of %s", p->name, p->user);
            snprintf(p->user, sizeof p->user, "USER");
            break;
        case TQ_SYSPROC_PATH: {
            char image[SC_PATH];
            if (t->path[0])
                snprintf(image, sizeof image, "%s", t->path);
            else
                snprintf(image, sizeof image, "C:\\Users\\Public\\%s", p->name);
            snprintf(t->staged, sizeof t->staged, "%s runs from %s instead of %s", p->name, image, p->image);
            snprintf(p->image, sizeof p->image, "%s", image);
            snprintf(p->cmdline, sizeof p->cmdline, "\"%s\"", image);
            break;
        }
        case TQ_SYSPROC_DUPLICATE: {
            size_t ti = (size_t)(p - sc->procs);
            char name[SC_NAME];
            snprintf(name, sizeof name, "%s", p->name);
            uint32_t first = p->pid;
            uint32_t pid = add_duplicate(sc, ti);
            t->target.pid = pid;       /* the truth names the second instance */
            t->target.name[0] = 0;
            snprintf(t->staged, sizeof t->staged, "a second live %s (PID %u) beside PID %u", name, pid, first);
            break;
        }
        case TQ_SYSPROC_PROTECTION:
            snprintf(t->staged, sizeof t->staged, "%s %s", p->name,
                     p->protected_light ? "runs without its PPL (Protection 0)"
                                        : "runs as ProtectedLight (Lsa), which Windows never gives it");
            p->protected_light = !p->protected_light;
            break;
        default:
            break;
        }
    }
    return 0;
}
