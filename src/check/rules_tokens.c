/* Rules over access tokens (seed: "Tokens"; docs/check.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "minidump/minidump.h"

/* Token theft: a process whose EPROCESS.Token is another process's
 * _TOKEN.  Windows gives every process its own primary token (a copy at
 * creation, NtDuplicateToken or CreateProcessAsUser); two EPROCESSes
 * pointing at one _TOKEN is the signature of a kernel-mode token swap.
 * The filler names the earliest holder as the owner (from_image_token.c). */
static void run_token_shared(struct check_run *run, const struct check_input *in)
{
    const struct anatomy *a = in->a;
    for (size_t i = 0; i < a->nprocs; i++) {
        const struct an_process *p = &a->procs[i];
        for (size_t j = 0; j < p->ntokens; j++) {
            const struct an_token *t = &p->tokens[j];
            if (!t->has_kernel || t->tid || !t->stolen_from)
                continue;
            const char *owner = "?";
            for (size_t k = 0; k < a->nprocs; k++)
                if (a->procs[k].has_kernel && a->procs[k].eprocess == t->stolen_from)
                    owner = a->procs[k].name;
            struct check_finding *f = check_found(run, p, "uses the primary token of PID %llu (%s)%s%s",
                                                  (unsigned long long)t->stolen_from_pid, owner,
                                                  t->has_user ? " as " : "", t->has_user ? t->user.text : "");
            check_evidence(f, "EPROCESS", "Token", "0x%llx", (unsigned long long)t->va);
            check_evidence(f, "EPROCESS", "owner_pid", "%llu", (unsigned long long)t->stolen_from_pid);
            check_evidence(f, "EPROCESS", "owner_eprocess", "0x%llx", (unsigned long long)t->stolen_from);
            if (t->has_user)
                check_evidence(f, "TOKEN", "User", "%s", t->user.text);
        }
    }
}

const struct check_rule check_token_shared = {
    .id = "token-shared",
    .title = "a process runs with another process's primary token (token theft)",
    .severity = CHECK_CRITICAL,
    .mitre = "T1134.001",
    .seed = "seed 004, \"Tokens\": each process has its own primary token",
    .stages = "token_steal",
    .needs = CHECK_HAVE_KERNEL | CHECK_HAVE_TOKENS,
    .run = run_token_shared,
};

/* The token's integrity level RID (S-1-16-RID): the mandatory label, or
 * the S-1-16 group when the capture gives no label index; -1 unknown. */
static long integrity_rid(const struct an_token *t)
{
    const char *label = t->has_integrity ? t->integrity.text : NULL;
    for (size_t i = 0; !label && i < t->ngroups; i++)
        if (strncmp(t->groups[i].text, "S-1-16-", 7) == 0)
            label = t->groups[i].text;
    if (!label || strncmp(label, "S-1-16-", 7) != 0)
        return -1;
    char *end;
    long rid = strtol(label + 7, &end, 10);
    return *end || rid < 0 ? -1 : rid;
}

#define RID_HIGH 0x3000L

/* The privileges Windows leaves in a token below high integrity: the UAC
 * filtered token of an administrator and a standard user's token hold
 * only SeShutdown (19), SeChangeNotify (23), SeUndock (25),
 * SeIncreaseWorkingSet (33) and SeTimeZone (34) (winnt.h LUIDs; the
 * "Access Tokens" reading of seed 003: the token carries the privileges
 * of the account, and LSA filters the powerful ones out of a medium
 * token).  Any other privilege enabled there -- SeDebug, SeTcb,
 * SeLoadDriver, SeImpersonate, SeAssignPrimaryToken, SeBackup,
 * SeRestore, SeTakeOwnership... -- was written into the token, the
 * signature of a kernel exploit overwriting _SEP_TOKEN_PRIVILEGES. */
static int privilege_expected_below_high(uint64_t luid)
{
    return luid == 19 || luid == 23 || luid == 25 || luid == 33 || luid == 34;
}

#define SE_PRIVILEGE_ENABLED 0x2u

static void run_privilege_unexpected(struct check_run *run, const struct check_input *in)
{
    const struct anatomy *a = in->a;
    for (size_t i = 0; i < a->nprocs; i++) {
        const struct an_process *p = &a->procs[i];
        for (size_t j = 0; j < p->ntokens; j++) {
            const struct an_token *t = &p->tokens[j];
            long rid = integrity_rid(t);
            /* the process's token (not a thread's), its own (token-shared reports a stolen one) */
            if (t->tid || t->stolen_from || rid < 0 || rid >= RID_HIGH)
                continue;
            char names[600] = "";
            unsigned n = 0;
            for (size_t k = 0; k < t->nprivileges; k++) {
                const struct an_privilege *pr = &t->privileges[k];
                if (!(pr->attributes & SE_PRIVILEGE_ENABLED) || privilege_expected_below_high(pr->luid))
                    continue;
                const char *name = md_privilege_name(pr->luid);
                size_t used = strlen(names);
                if (name)
                    snprintf(names + used, sizeof names - used, "%s%s", n ? "," : "", name);
                else
                    snprintf(names + used, sizeof names - used, "%sLUID %llu", n ? "," : "",
                             (unsigned long long)pr->luid);
                n++;
            }
            if (!n)
                continue;
            struct check_finding *f = check_found(run, p, "%u privilege%s enabled that Windows removes below high "
                                                  "integrity (integrity S-1-16-%ld)", n, n == 1 ? "" : "s", rid);
            check_evidence(f, "TOKEN", "IntegrityLevel", "S-1-16-%ld", rid);
            check_evidence(f, "TOKEN", "Privileges.Enabled", "%s", names);
            if (t->has_user)
                check_evidence(f, "TOKEN", "User", "%s", t->user.text);
        }
    }
}

const struct check_rule check_privilege_unexpected = {
    .id = "privilege-unexpected",
    .title = "a token below high integrity has privileges enabled that Windows gives only elevated or system tokens",
    .severity = CHECK_HIGH,
    .mitre = "T1134, T1068",
    .seed = "seed 003, \"Access Tokens\": the token holds the identity and privileges of the account",
    .stages = "privilege_enable",
    .needs = CHECK_HAVE_TOKENS,
    .run = run_privilege_unexpected,
};

/* The process token of p, NULL if none was read. */
static const struct an_token *process_token(const struct an_process *p)
{
    for (size_t j = 0; j < p->ntokens; j++)
        if (!p->tokens[j].tid)
            return &p->tokens[j];
    return NULL;
}

#define SID_SYSTEM "S-1-5-18"

/* A SYSTEM token in an interactive session whose parent runs as a user:
 * CreateProcess gives a child a copy of its parent's token (seed 003,
 * "Creating a Process"); a user's process cannot hand SYSTEM to its child
 * without a token it should not hold (CreateProcessWithToken from a stolen
 * SYSTEM token, a kernel exploit).  Windows' own SYSTEM processes of a
 * user session (csrss, winlogon, LogonUI, consent) have SYSTEM parents or
 * parents that have exited (smss's session instance). */
static void run_token_system_unexpected(struct check_run *run, const struct check_input *in)
{
    const struct anatomy *a = in->a;
    for (size_t i = 0; i < a->nprocs; i++) {
        const struct an_process *p = &a->procs[i];
        const struct an_token *t = process_token(p);
        if (!p->has_kernel || p->exit || !p->ppid_known || !t || !t->has_user || t->stolen_from ||
            strcmp(t->user.text, SID_SYSTEM) != 0)
            continue;
        int has_session = t->has_session || p->has_session;
        uint32_t session = t->has_session ? t->session_id : p->session_id;
        if (!has_session || session == 0)
            continue;
        const struct an_process *parent = NULL;
        for (size_t k = 0; k < a->nprocs && !parent; k++) {
            const struct an_process *q = &a->procs[k];
            /* a live process with the parent PID, created before the child (PIDs are reused) */
            if (q != p && q->pid_known && q->pid == p->ppid && q->has_kernel && !q->exit && q->create <= p->create)
                parent = q;
        }
        const struct an_token *pt = parent ? process_token(parent) : NULL;
        /* a user's account: a local or domain SID (S-1-5-21-...), not a service or virtual account */
        if (!pt || !pt->has_user || strncmp(pt->user.text, "S-1-5-21-", 9) != 0)
            continue;
        struct check_finding *f = check_found(run, p, "runs as SYSTEM in session %u, but its parent PID %llu (%s) "
                                              "runs as %s", session, (unsigned long long)parent->pid,
                                              parent->name, pt->user.text);
        check_evidence(f, "TOKEN", "User", "%s", t->user.text);
        check_evidence(f, "TOKEN", "SessionId", "%u", session);
        check_evidence(f, "EPROCESS", "InheritedFromUniqueProcessId", "%llu", (unsigned long long)p->ppid);
        check_evidence(f, "parent TOKEN", "User", "%s", pt->user.text);
    }
}

const struct check_rule check_token_system_unexpected = {
    .id = "token-system-unexpected",
    .title = "a process of an interactive session runs as SYSTEM although its parent runs as a user",
    .severity = CHECK_HIGH,
    .mitre = "T1134.002",
    .seed = "seed 003, \"Creating a Process\": CreateProcess gives the child the creator's access token",
    .stages = "system_token",
    .needs = CHECK_HAVE_KERNEL | CHECK_HAVE_TOKENS,
    .run = run_token_system_unexpected,
};

/* SECURITY_IMPERSONATION_LEVEL (winnt.h): 2 SecurityImpersonation, 3
 * SecurityDelegation let the thread act as the client; 0-1 only identify it. */
#define SECURITY_IMPERSONATION 2u

/* A thread of a user's process below high integrity acting as SYSTEM:
 * the server end of a named pipe (or RPC, COM) a SYSTEM client connected
 * to, impersonating it (seed 001, "Named pipes": name squatting, then
 * client impersonation to get the client's privileges).  A user's token
 * holds no SeImpersonatePrivilege, so Windows would have given it an
 * identification-level token at most. */
static void run_thread_impersonates_system(struct check_run *run, const struct check_input *in)
{
    const struct anatomy *a = in->a;
    for (size_t i = 0; i < a->nprocs; i++) {
        const struct an_process *p = &a->procs[i];
        const struct an_token *pt = process_token(p);
        long rid = pt ? integrity_rid(pt) : -1;
        if (!pt || !pt->has_user || strncmp(pt->user.text, "S-1-5-21-", 9) != 0 || rid < 0 || rid >= RID_HIGH)
            continue;
        for (size_t j = 0; j < p->nthreads; j++) {
            const struct an_thread *th = &p->threads[j];
            if (!th->impersonating || th->impersonation_level < SECURITY_IMPERSONATION ||
                strcmp(th->impersonation_user, SID_SYSTEM) != 0)
                continue;
            struct check_finding *f = check_found(run, p, "thread %llu impersonates SYSTEM, its process runs as %s "
                                                  "at integrity S-1-16-%ld", (unsigned long long)th->tid,
                                                  pt->user.text, rid);
            check_evidence(f, "ETHREAD", "ClientSecurity", "token 0x%llx, level %u",
                           (unsigned long long)th->impersonation_token, th->impersonation_level);
            check_evidence(f, "TOKEN", "User", "%s (the thread's)", th->impersonation_user);
            check_evidence(f, "process TOKEN", "User", "%s", pt->user.text);
            check_evidence(f, "process TOKEN", "IntegrityLevel", "S-1-16-%ld", rid);
        }
    }
}

const struct check_rule check_thread_impersonates_system = {
    .id = "thread-impersonates-system",
    .title = "a thread of a user's process below high integrity impersonates SYSTEM",
    .severity = CHECK_HIGH,
    .mitre = "T1134.001",
    .seed = "seed 001, \"Named pipes\": use client impersonation to get the client's privileges",
    .stages = "system_impersonation",
    .needs = CHECK_HAVE_KERNEL | CHECK_HAVE_TOKENS | CHECK_HAVE_THREADS,
    .run = run_thread_impersonates_system,
};
