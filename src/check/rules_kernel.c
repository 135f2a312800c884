/* Rules over the kernel's other views (docs/check.md): notify routines,
 * the driver list, services.exe's records and win32k's processes.  Each
 * compares two views that should agree; the comparison itself lives in
 * check/kernel_views.c, shared with the command that shows the view. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "check/check.h"
#include "check/kernel_views.h"

/* A notify routine (process, thread, image-load, registry) outside every
 * driver: code a driver left registered after unlinking or unloading
 * itself, or copied into pool (the callbacks command shows every slot and
 * list entry). */
static void run_callback_no_module(struct check_run *run, const struct check_input *in)
{
    struct kcallback_list *cbs = ep_calloc(1, sizeof *cbs);
    struct ep_error err = {{0}};
    if (kcallbacks_read(in->k, cbs, &err) != 0) {
        check_skip(run, "the notify routine arrays cannot be read (%s)", err.msg);
        free(cbs);
        return;
    }
    if (!cbs->n && cbs->nmissing == KCB_ARRAYS) {
        /* a triage dump: the arrays' pages are not in it */
        check_skip(run, "the notify routine arrays are not in the capture");
        free(cbs);
        return;
    }
    for (unsigned i = 0; i < cbs->n; i++) {
        const struct kcallback *c = &cbs->items[i];
        if (!kcallback_outside_modules(in->a, c, NULL, NULL, 0))
            continue;
        struct check_finding *f = check_found(run, NULL, "a %s notify routine at 0x%llx lies in no loaded driver",
                                              kcallback_kind_name(c->kind), (unsigned long long)c->routine);
        check_evidence(f, "callbacks", "slot", "%s[%u]", c->array, c->slot);
        check_evidence(f, "callbacks", "block", "0x%llx", (unsigned long long)c->block);
        check_evidence(f, "callbacks", "routine", "0x%llx", (unsigned long long)c->routine);
        check_evidence(f, "modules", "module", "none of %zu on %s", in->a->nkernel_modules,
                       in->a->kernel_modules_source);
    }
    free(cbs);
}

const struct check_rule check_callback_no_module = {
    .id = "callback-no-module",
    .title = "a process, thread, image-load or registry notify routine lies in no loaded driver",
    .severity = CHECK_HIGH,
    .mitre = "T1014",
    .seed = "seed 004, \"Process creation callbacks\": drivers register process creation notification callbacks",
    .stages = "callback_in_no_module",
    .needs = CHECK_HAVE_KERNEL | CHECK_HAVE_KERNEL_MODULES,
    .run = run_callback_no_module,
};

/* A loader entry the pool scan finds and PsLoadedModuleList lacks: a
 * driver that unlinked itself to hide (the modscan command's in_list). */
static void run_driver_unlinked(struct check_run *run, const struct check_input *in)
{
    struct kmodule_list scanned = { 0 }, list = { 0 };
    struct ep_error err = {{0}};
    if (kmodules_scan(in->k, &scanned, &err) != 0) {
        check_skip(run, "no pool scan for loader entries (%s)", err.msg);
        kmodule_list_free(&scanned);
        return;
    }
    if (kmodules_from_list(in->k, &list, &err) != 0) {
        check_skip(run, "the loader's list cannot be read (%s)", err.msg);
        kmodule_list_free(&scanned);
        kmodule_list_free(&list);
        return;
    }
    for (unsigned i = 0; i < scanned.n; i++) {
        const struct kmodule *m = &scanned.items[i];
        if (kmodule_on_list(&list, m))
            continue;
        const char *name = m->name[0] ? m->name : "(no name)";
        struct check_finding *f = check_found(run, NULL, "driver %s at 0x%llx is loaded but not on "
                                              "PsLoadedModuleList", name, (unsigned long long)m->base);
        check_evidence(f, "modscan", "entry", "0x%llx", (unsigned long long)m->entry);
        check_evidence(f, "modscan", "name", "%s", name);
        check_evidence(f, "modscan", "base", "0x%llx", (unsigned long long)m->base);
        check_evidence(f, "PsLoadedModuleList", "in_list", "false (%u entries)", list.n);
    }
    kmodule_list_free(&scanned);
    kmodule_list_free(&list);
}

const struct check_rule check_driver_unlinked = {
    .id = "driver-unlinked",
    .title = "a driver's loader entry is in pool memory but off PsLoadedModuleList (a hidden driver)",
    .severity = CHECK_HIGH,
    .mitre = "T1014",
    .seed = "seed 004, \"Key security conclusions\": kernel structures are the source of truth, tracked "
            "redundantly",
    .stages = "unlinked_driver",
    .needs = CHECK_HAVE_KERNEL,
    .run = run_driver_unlinked,
};

/* A Win32 service services.exe records as not stopped whose hosting
 * process no view of the kernel sees running: the host was killed behind
 * the SCM's back or hidden (the svcscan command's finding). */
static void run_service_process_missing(struct check_run *run, const struct check_input *in)
{
    const struct process_list *all = &in->census->procs;
    for (unsigned i = 0; i < all->n; i++) {
        const struct ep_process *scm = &all->items[i];
        if (strcasecmp(scm->name, "services.exe") != 0 || scm->exit || !scm->va)
            continue;
        struct service_db db;
        if (service_records_read(in->k, scm, &db) != 0)
            continue;
        for (unsigned j = 0; j < db.n; j++) {
            const struct service_record *r = &db.items[j];
            const struct ep_process *host;
            char why[200];
            if (!service_record_finding(r, all, &host, why, sizeof why))
                continue;
            const char *state = service_state_name(r->state);
            struct check_finding *f = check_found_pid(run, r->has_process && r->pid, r->pid,
                                                      host ? host->name : "", "service %s: %s",
                                                      r->name[0] ? r->name : "(no name)", why);
            check_evidence(f, "svcscan", "service", "%s", r->name);
            check_evidence(f, "svcscan", "state", "%s", state ? state : "?");
            if (r->has_process)
                check_evidence(f, "svcscan", "pid", "%llu", (unsigned long long)r->pid);
            check_evidence(f, "svcscan", "services.exe", "PID %llu", (unsigned long long)scm->pid);
            if (host)
                check_evidence(f, "psxview", "exited", "PID %llu (%s) exited", (unsigned long long)host->pid,
                               host->name);
            else
                check_evidence(f, "psxview", "process", "no view sees PID %llu", (unsigned long long)r->pid);
        }
        service_db_free(&db);
    }
}

const struct check_rule check_service_process_missing = {
    .id = "service-process-missing",
    .title = "a running service's hosting process is not running (killed or hidden behind the SCM's back)",
    .severity = CHECK_MEDIUM,
    .mitre = "T1562.001, T1014",
    .seed = "seed 001, \"Services\": services are processes the service control manager starts",
    .stages = "service_gone",
    .needs = CHECK_HAVE_KERNEL | CHECK_HAVE_ALL_PROCESSES,
    .run = run_service_process_missing,
};

/* A live process that loads USER32.dll and has no W32PROCESS: win32k
 * creates one on the first USER/GDI call, and User32 makes that call when
 * it loads (seed 004, "W32PROCESS": GUI malware cannot avoid it), so its
 * absence is EPROCESS.Win32Process cleared to hide from win32k's view. */
static void run_gui_no_w32process(struct check_run *run, const struct check_input *in)
{
    const struct process_list *all = &in->census->procs;
    if (!(in->census->views_read & VIEW_W32)) {
        check_skip(run, "the capture's profile names no EPROCESS.Win32Process (no W32PROCESS view)");
        return;
    }
    for (unsigned i = 0; i < all->n; i++) {
        const struct ep_process *p = &all->items[i];
        if ((p->views & VIEW_W32) || census_expects_w32(in->k, in->census, p) != 1)
            continue;
        struct check_finding *f = check_found_pid(run, 1, p->pid, p->name,
                                                  "loads USER32.dll but win32k has no W32PROCESS for it");
        check_evidence(f, "PEB", "Ldr", "USER32.dll loaded");
        check_evidence(f, "EPROCESS", "Win32Process", "0x%llx", (unsigned long long)p->win32_process);
        check_evidence(f, "psxview", "win32", "false");
    }
}

const struct check_rule check_gui_no_w32process = {
    .id = "gui-no-w32process",
    .title = "a process that loads USER32.dll has no W32PROCESS (hidden from win32k's view)",
    .severity = CHECK_MEDIUM,
    .mitre = "T1014",
    .seed = "seed 004, \"W32PROCESS (Win32k.sys)\": triggered when User32.dll is loaded; GUI malware cannot avoid it",
    .stages = "w32_detach",
    .needs = CHECK_HAVE_KERNEL | CHECK_HAVE_ALL_PROCESSES,
    .run = run_gui_no_w32process,
};
