/* Rules over handle tables (seed 004: "who holds handles to whom"). */
#include <stdio.h>

#include "check/check.h"
#include "check/handle_access.h"
#include "windows/access_rights.h"

/* A handle that lets one process write another's memory, start a thread
 * in it or set a thread's context, or read lsass's memory: the kernel
 * object every injection and credential dump needs, whatever hid the
 * code (handle_access.c says which handles are expected). */
static void run_handle_access(struct check_run *run, const struct check_input *in)
{
    const struct anatomy *a = in->a;
    for (size_t i = 0; i < a->nprocs; i++) {
        const struct an_process *p = &a->procs[i];
        for (size_t j = 0; j < p->nhandles; j++) {
            const struct an_handle *h = &p->handles[j];
            char why[400];
            if (!handle_finding(a, p, h, why, sizeof why))
                continue;
            struct check_finding *f = check_found(run, p, "%s", why);
            char rights[800];
            access_rights_text(h->type_name, h->granted_access, rights, sizeof rights);
            check_evidence(f, "handles", "handle", "0x%llx", (unsigned long long)h->handle);
            check_evidence(f, "handles", "type", "%s", h->type_name);
            check_evidence(f, "handles", "granted_access", "0x%x (%s)", h->granted_access, rights);
            check_evidence(f, "handles", "target_pid", "%llu", (unsigned long long)h->target_pid);
            if (h->target_name)
                check_evidence(f, "handles", "target", "%s", h->target_name);
        }
    }
}

const struct check_rule check_handle_access = {
    .id = "handle-cross-process",
    .title = "a handle grants memory-write, thread-creation or lsass-read rights into another process",
    .severity = CHECK_HIGH,
    .mitre = "T1055, T1003.001",
    .seed = "seed 004, \"Handles\": injection and credential theft need a handle to the victim",
    .stages = "injected_code,lsass_handle,ppid_spoof",   /* the real creator keeps its handle */
    .needs = CHECK_HAVE_HANDLES,
    .run = run_handle_access,
};
