#include "check/handle_access.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "windows/access_rights.h"

/* The target: a Process handle's object is its EPROCESS; a Thread
 * handle's owner is found by pid (a live process first: pids are reused). */
static const struct an_process *target_of(const struct anatomy *a, const struct an_handle *h, int is_process)
{
    const struct an_process *any = NULL;
    for (size_t i = 0; i < a->nprocs; i++) {
        const struct an_process *q = &a->procs[i];
        if (is_process && q->has_kernel && h->has_object && q->eprocess == h->object)
            return q;
        if (!is_process && q->pid_known && q->pid == h->target_pid) {
            if (!q->exit)
                return q;
            any = any ? any : q;
        }
    }
    return any;
}

static int ends_with(const char *s, const char *tail)
{
    size_t ls = strlen(s), lt = strlen(tail);
    return ls >= lt && strcasecmp(s + ls - lt, tail) == 0;
}

/* csrss.exe holds a full handle to every process of its session.  Only
 * the one started from System32 counts (a copy elsewhere is no excuse). */
static int is_csrss(const struct an_process *p)
{
    if (strcasecmp(p->name, "csrss.exe") != 0)
        return 0;
    return !p->kernel_path[0] || ends_with(p->kernel_path, "\\Windows\\System32\\csrss.exe");
}

int handle_finding(const struct anatomy *a, const struct an_process *p, const struct an_handle *h, char *out,
                   size_t n)
{
    if (!h->has_target || !h->type_name || h->target_pid == p->pid || !p->pid_known)
        return 0;
    int is_process = strcmp(h->type_name, "Process") == 0, is_thread = strcmp(h->type_name, "Thread") == 0;
    if (!is_process && !is_thread)
        return 0;
    const char *target = h->target_name ? h->target_name : "?";
    uint32_t risky = 0;
    const char *what = NULL;
    if (is_process) {
        risky = h->granted_access & (PROCESS_VM_WRITE | PROCESS_CREATE_THREAD);
        if (risky)
            what = "into";
        else if ((h->granted_access & PROCESS_VM_READ) && strcasecmp(target, "lsass.exe") == 0) {
            risky = PROCESS_VM_READ;
            what = "reading the memory of";
        }
    } else {
        risky = h->granted_access & THREAD_SET_CONTEXT;
        what = "on a thread of";
    }
    if (!risky)
        return 0;
    const struct an_process *tp = target_of(a, h, is_process);
    if (is_csrss(p))
        return 0;
    /* the parent keeps the handle CreateProcess gave it (a spoofed parent
     * is not the holder, so the real creator's handle still shows) */
    if (tp && tp->ppid_known && tp->ppid == p->pid && p->create <= tp->create)
        return 0;
    char rights[300];
    access_rights_text(h->type_name, risky, rights, sizeof rights);
    snprintf(out, n, "PID %llu (%s) handle 0x%llx grants %s %s PID %llu (%s)", (unsigned long long)p->pid, p->name,
             (unsigned long long)h->handle, rights, what, (unsigned long long)h->target_pid, target);
    return 1;
}
