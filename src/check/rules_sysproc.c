/* Rules over the processes Windows starts itself (docs/check.md "System
 * processes"): a process that carries a system process's name but not the
 * parent, session, account, path, count or protection Windows gives that
 * process is an impostor (or the real one tampered with).
 *
 * Every expectation is in one table, sysproc_table, with the seed passage
 * it comes from; the rules only compare a process with its row. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "check/check.h"
#include "windows/census.h"
#include "windows/process.h"

enum sysproc_session {
    SESSION_ANY,        /* one instance per session (csrss) */
    SESSION_ZERO,       /* session 0 (or none: the master smss has no session space) */
    SESSION_USER,       /* an interactive session, never 0 (winlogon) */
    SESSION_SERVICE,    /* svchost: session 0 when a service account runs it;
                         * per-user service hosts run in the user's session as the user */
};

enum sysproc_count {
    COUNT_ANY,          /* instances come and go (smss's per-session copies, svchost) */
    COUNT_ONE,          /* one live instance per machine */
    COUNT_PER_SESSION,  /* one live instance per session */
};

/* "S-1-5-18|S-1-5-19|S-1-5-20": LocalSystem, LocalService, NetworkService. */
#define SYSTEM_SID "S-1-5-18"
#define SERVICE_SIDS "S-1-5-18|S-1-5-19|S-1-5-20"

struct sysproc_expect {
    const char *name;
    const char *parents;        /* image names its parent may have, '|'-separated */
    int parent_may_be_gone;     /* Windows leaves its parent gone (smss's per-session copy exits) */
    enum sysproc_session session;
    const char *users;          /* token user SIDs, '|'-separated; NULL: not checked */
    enum sysproc_count count;
    const uint8_t *protection;  /* PS_PROTECTION bytes Windows gives it (nprotection of them) */
    size_t nprotection;
    const char *seed;
};

/* PS_PROTECTION (Type bits 0-2, Signer bits 4-7; public _PS_PROTECTION):
 * Windows 8.1+ starts smss, csrss, wininit and services as
 * ProtectedLight (WinTcb), 0x61, and lsass as ProtectedLight (Lsa), 0x41,
 * when LSA protection is on (RunAsPPL; on by default on new Windows 11
 * 22H2 installs, and what the forge's default machine models).  0x00 is
 * accepted for the WinTcb ones: the forge does not model that protection
 * and older builds have none. */
static const uint8_t prot_wintcb[] = { 0x00, 0x61 };
static const uint8_t prot_lsa[] = { 0x41 };

/* One row per system process.  Seeds: 001 "Services" (wininit, lsass and
 * services are the OS's critical system processes; services run
 * independently of user sessions: session 0, a service account); 004
 * "Windows subsystem structures" (each session has its own csrss; smss,
 * started by the kernel, lacks a CSR_PROCESS); 001 "Child-Parent
 * processes" (the creator is the parent: smss creates csrss, wininit and
 * winlogon through a per-session copy that exits, wininit creates
 * services and lsass, services (the SCM) creates the service hosts); 001
 * "Kernel structure" (EPROCESS.InheritedFromUniqueProcessId,
 * SeAuditProcessCreationInfo, Protection). */
static const struct sysproc_expect sysproc_table[] = {
    { "smss.exe", "System|smss.exe", 0, SESSION_ZERO, SYSTEM_SID, COUNT_ANY, prot_wintcb, 2,
      "seed 004, \"Windows subsystem structures\": smss, started by the kernel, has no CSR_PROCESS" },
    { "csrss.exe", "smss.exe", 1, SESSION_ANY, SYSTEM_SID, COUNT_PER_SESSION, prot_wintcb, 2,
      "seed 004, \"Windows subsystem structures\": each session has its own csrss" },
    { "wininit.exe", "smss.exe", 1, SESSION_ZERO, SYSTEM_SID, COUNT_ONE, prot_wintcb, 2,
      "seed 001, \"Services\": wininit is a critical system process" },
    { "winlogon.exe", "smss.exe", 1, SESSION_USER, SYSTEM_SID, COUNT_PER_SESSION, NULL, 0,
      "seed 004, \"Windows subsystem structures\": per-session subsystem processes" },
    { "services.exe", "wininit.exe", 0, SESSION_ZERO, SYSTEM_SID, COUNT_ONE, prot_wintcb, 2,
      "seed 001, \"Services\": services.exe is the Service Control Manager" },
    { "lsass.exe", "wininit.exe", 0, SESSION_ZERO, SYSTEM_SID, COUNT_ONE, prot_lsa, 1,
      "seed 001, \"Services\": lsass is the Local Security Authority" },
    { "svchost.exe", "services.exe", 0, SESSION_SERVICE, SERVICE_SIDS, COUNT_ANY, NULL, 0,
      "seed 001, \"Services\": services are started by the SCM and run independently of user sessions" },
};

static const struct sysproc_expect *expect_for(const char *name)
{
    for (size_t i = 0; i < sizeof sysproc_table / sizeof sysproc_table[0]; i++)
        if (!strcasecmp(sysproc_table[i].name, name))
            return &sysproc_table[i];
    return NULL;
}

/* Whether word is one of the '|'-separated items of list (case-insensitive). */
static int in_list(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *s = list; *s;) {
        const char *bar = strchr(s, '|');
        size_t len = bar ? (size_t)(bar - s) : strlen(s);
        if (len == n && !strncasecmp(s, word, n))
            return 1;
        if (!bar)
            break;
        s = bar + 1;
    }
    return 0;
}

static int is_service_sid(const char *sid)
{
    return in_list(SERVICE_SIDS, sid);
}

/* The process's primary token (not a thread's impersonation token). */
static const struct an_token *process_token(const struct an_process *p)
{
    for (size_t i = 0; i < p->ntokens; i++)
        if (!p->tokens[i].tid && p->tokens[i].has_user)
            return &p->tokens[i];
    return NULL;
}

static int exited(const struct an_process *p)
{
    return p->has_kernel && p->exit != 0;
}

/* --- unexpected parent --- */

/* The census entry whose PID is pid and which existed before the child:
 * a later process with that PID reuses a number whose first owner is
 * gone.  NULL when no such process is in the capture. */
static const struct ep_process *parent_of(const struct census *c, const struct ep_process *child)
{
    const struct ep_process *best = NULL;
    for (unsigned i = 0; i < c->procs.n; i++) {
        const struct ep_process *q = &c->procs.items[i];
        if (q == child || q->pid != child->ppid || (q->create && child->create && q->create > child->create))
            continue;
        if (!best || q->create > best->create)
            best = q;
    }
    return best;
}

static void run_sysproc_parent(struct check_run *run, const struct check_input *in)
{
    const struct census *c = in->census;
    for (unsigned i = 0; i < c->procs.n; i++) {
        const struct ep_process *e = &c->procs.items[i];
        const struct sysproc_expect *x = expect_for(e->name);
        if (!x)
            continue;
        const struct ep_process *parent = parent_of(c, e);
        /* absent: gone, as Windows leaves smss's per-session copy, or a
         * parent with no exit evidence, which the process rules report */
        if (!parent || in_list(x->parents, parent->name))
            continue;
        struct check_finding *f = check_found_pid(run, 1, e->pid, e->name, "%s's parent is %s (PID %llu), not %s",
                                                  e->name, parent->name, (unsigned long long)parent->pid,
                                                  x->parents);
        char seen[128];
        view_names(e->views & VIEW_FINDERS, seen, sizeof seen);
        check_evidence(f, "EPROCESS", "InheritedFromUniqueProcessId", "%llu", (unsigned long long)e->ppid);
        check_evidence(f, "EPROCESS", "parent_ImageFileName", "%s", parent->name);
        check_evidence(f, "expected", "parent_ImageFileName", "%s%s", x->parents,
                       x->parent_may_be_gone ? " (or gone)" : "");
        check_evidence(f, "psxview", "seen_by", "%s", seen);
    }
}

const struct check_rule check_sysproc_parent = {
    .id = "sysproc-parent",
    .title = "a system process (smss, csrss, wininit, winlogon, services, lsass, svchost) has a parent Windows never gives it",
    .severity = CHECK_HIGH,
    .mitre = "T1036.005",
    .seed = "seed 001, \"Child-Parent processes\": the creator is the parent (smss -> csrss/wininit/winlogon, "
            "wininit -> services/lsass, services -> svchost)",
    .stages = "sysproc_parent",
    .needs = CHECK_HAVE_KERNEL | CHECK_HAVE_ALL_PROCESSES,
    .run = run_sysproc_parent,
};

/* --- duplicate singleton --- */

static void run_sysproc_duplicate(struct check_run *run, const struct check_input *in)
{
    const struct census *c = in->census;
    for (unsigned i = 0; i < c->procs.n; i++) {
        const struct ep_process *e = &c->procs.items[i];
        const struct sysproc_expect *x = expect_for(e->name);
        if (!x || x->count == COUNT_ANY || e->exit)
            continue;
        /* the first instance is the one Windows started; each later one
         * is the duplicate */
        const struct ep_process *first = NULL;
        for (unsigned j = 0; j < c->procs.n; j++) {
            const struct ep_process *q = &c->procs.items[j];
            if (q == e || q->exit || strcasecmp(q->name, e->name))
                continue;
            if (x->count == COUNT_PER_SESSION && q->session != e->session)
                continue;
            if (q->create < e->create || (q->create == e->create && j < i)) {
                if (!first || q->create < first->create)
                    first = q;
            }
        }
        if (!first)
            continue;
        struct check_finding *f;
        if (x->count == COUNT_PER_SESSION)
            f = check_found_pid(run, 1, e->pid, e->name, "a second live %s in session %lld (the first is PID %llu)",
                                e->name, (long long)e->session, (unsigned long long)first->pid);
        else
            f = check_found_pid(run, 1, e->pid, e->name, "a second live %s (the first is PID %llu)", e->name,
                                (unsigned long long)first->pid);
        char seen[128];
        view_names(e->views & VIEW_FINDERS, seen, sizeof seen);
        check_evidence(f, "EPROCESS", "ImageFileName", "%s", e->name);
        check_evidence(f, "EPROCESS", "CreateTime", "0x%llx", (unsigned long long)e->create);
        check_evidence(f, "EPROCESS", "first_instance", "PID %llu, CreateTime 0x%llx", (unsigned long long)first->pid,
                       (unsigned long long)first->create);
        if (x->count == COUNT_PER_SESSION)
            check_evidence(f, "EPROCESS", "Session", "%lld", (long long)e->session);
        check_evidence(f, "psxview", "seen_by", "%s", seen);
    }
}

const struct check_rule check_sysproc_duplicate = {
    .id = "sysproc-duplicate",
    .title = "two live instances of a system process Windows runs once (wininit, services, lsass; csrss and winlogon once per session)",
    .severity = CHECK_HIGH,
    .mitre = "T1036.005",
    .seed = "seed 001, \"Services\": wininit, lsass and services are the OS's critical system processes; seed 004, "
            "\"Windows subsystem structures\": each session has its own csrss",
    .stages = "sysproc_duplicate",
    .needs = CHECK_HAVE_KERNEL | CHECK_HAVE_ALL_PROCESSES,
    .run = run_sysproc_duplicate,
};

/* --- wrong session --- */

static void run_sysproc_session(struct check_run *run, const struct check_input *in)
{
    const struct anatomy *a = in->a;
    for (size_t i = 0; i < a->nprocs; i++) {
        const struct an_process *p = &a->procs[i];
        const struct sysproc_expect *x = expect_for(p->name);
        if (!x || !p->has_kernel || exited(p))
            continue;
        /* no session space: the master smss and kernel processes; a
         * process of a session always has one */
        int none = !p->has_session;
        const char *want = NULL;
        switch (x->session) {
        case SESSION_ANY:
            break;
        case SESSION_ZERO:
            if (!none && p->session_id != 0)
                want = "0";
            break;
        case SESSION_USER:
            if (!none && p->session_id == 0)
                want = "an interactive session (1 or more)";
            break;
        case SESSION_SERVICE: {
            /* a per-user service host runs in the user's session as the
             * user; a service account's host runs in session 0 */
            const struct an_token *t = process_token(p);
            if (!none && p->session_id != 0 && t && is_service_sid(t->user.text))
                want = "0 (a service account's host)";
            break;
        }
        }
        if (!want)
            continue;
        struct check_finding *f = check_found(run, p, "%s runs in session %u, not %s", p->name, p->session_id, want);
        check_evidence(f, "EPROCESS", "Session", "%u", p->session_id);
        const struct an_token *t = process_token(p);
        if (t && t->has_session)
            check_evidence(f, "TOKEN", "SessionId", "%u", t->session_id);
        if (t)
            check_evidence(f, "TOKEN", "User", "%s", t->user.text);
        check_evidence(f, "expected", "Session", "%s", want);
    }
}

const struct check_rule check_sysproc_session = {
    .id = "sysproc-session",
    .title = "a system process runs in a session Windows never gives it (services, lsass, wininit outside session 0; winlogon in it)",
    .severity = CHECK_HIGH,
    .mitre = "T1036.005",
    .seed = "seed 001, \"Services\": services run independently of user sessions (session 0)",
    .stages = "sysproc_session",
    .needs = CHECK_HAVE_KERNEL,
    .run = run_sysproc_session,
};

/* --- wrong user --- */

static void run_sysproc_user(struct check_run *run, const struct check_input *in)
{
    const struct anatomy *a = in->a;
    for (size_t i = 0; i < a->nprocs; i++) {
        const struct an_process *p = &a->procs[i];
        const struct sysproc_expect *x = expect_for(p->name);
        const struct an_token *t = process_token(p);
        if (!x || !x->users || !t || exited(p))
            continue;
        if (in_list(x->users, t->user.text))
            continue;
        /* svchost: a per-user service host outside session 0 runs as the user */
        if (x->session == SESSION_SERVICE && (!p->has_session || p->session_id != 0))
            continue;
        struct check_finding *f = check_found(run, p, "%s runs as %s, not %s", p->name, t->user.text,
                                              x->session == SESSION_SERVICE ? "a service account (SYSTEM, LOCAL "
                                              "SERVICE, NETWORK SERVICE)" : "SYSTEM");
        check_evidence(f, "TOKEN", "User", "%s", t->user.text);
        if (t->has_session)
            check_evidence(f, "TOKEN", "SessionId", "%u", t->session_id);
        if (p->has_session)
            check_evidence(f, "EPROCESS", "Session", "%u", p->session_id);
        check_evidence(f, "expected", "User", "%s", x->users);
    }
}

const struct check_rule check_sysproc_user = {
    .id = "sysproc-user",
    .title = "a system process runs as an account Windows never gives it (not SYSTEM; svchost in session 0 not a service account)",
    .severity = CHECK_HIGH,
    .mitre = "T1036.005",
    .seed = "seed 003, \"Access Tokens\": the token identifies the account a process runs as; seed 001, \"Services\": "
            "system services run as the system's accounts",
    .stages = "sysproc_user",
    .needs = CHECK_HAVE_TOKENS,
    .run = run_sysproc_user,
};

/* --- wrong path --- */

/* Whether path names the file \Windows\System32\<name>, in any of the
 * forms Windows writes it: "\Device\HarddiskVolumeN\Windows\System32\x",
 * "C:\Windows\system32\x", "\??\C:\...", "\SystemRoot\System32\x",
 * "%SystemRoot%\system32\x". */
static int in_system32(const char *path, const char *name)
{
    const char *s = path;
    if (!strncmp(s, "\\??\\", 4))
        s += 4;
    if (!strncasecmp(s, "\\Device\\HarddiskVolume", 22)) {
        s += 22;
        while (*s >= '0' && *s <= '9')
            s++;
    } else if (((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z') && s[1] == ':') {
        s += 2;
    }
    static const char *const roots[] = { "\\Windows\\System32\\", "\\SystemRoot\\System32\\",
                                         "%SystemRoot%\\System32\\" };
    for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++) {
        size_t n = strlen(roots[i]);
        if (!strncasecmp(s, roots[i], n) && !strcasecmp(s + n, name))
            return 1;
    }
    return 0;
}

static void run_sysproc_path(struct check_run *run, const struct check_input *in)
{
    const struct anatomy *a = in->a;
    for (size_t i = 0; i < a->nprocs; i++) {
        const struct an_process *p = &a->procs[i];
        const struct sysproc_expect *x = expect_for(p->name);
        if (!x)
            continue;
        const char *peb = p->params.image_path.av == AN_AV_OK && p->params.image_path.text ? p->params.image_path.text
                                                                                             : NULL;
        /* seed 004: trust the kernel's record over user memory; a PEB that
         * disagrees with a right kernel path is masquerading, which the
         * PEB rules report */
        const char *path = p->kernel_path[0] ? p->kernel_path : peb;
        if (!path || in_system32(path, x->name))
            continue;
        struct check_finding *f = check_found(run, p, "%s runs from %s, not \\Windows\\System32\\%s", p->name, path,
                                              x->name);
        if (p->kernel_path[0])
            check_evidence(f, "EPROCESS", "SeAuditProcessCreationInfo", "%s", p->kernel_path);
        if (peb)
            check_evidence(f, "PEB", "ImagePathName", "%s", peb);
        check_evidence(f, "expected", "path", "\\Windows\\System32\\%s", x->name);
    }
}

const struct check_rule check_sysproc_path = {
    .id = "sysproc-path",
    .title = "a process named like a system process runs from outside the Windows System32 directory",
    .severity = CHECK_HIGH,
    .mitre = "T1036.005",
    .seed = "seed 001, \"Kernel structure\": EPROCESS.SeAuditProcessCreationInfo names the image; seed 004, "
            "\"Memory location & trust boundaries\": trust kernel invariants over the PEB",
    .stages = "sysproc_path",
    .needs = 0,
    .run = run_sysproc_path,
};

/* --- protection --- */

static void run_sysproc_protection(struct check_run *run, const struct check_input *in)
{
    const struct anatomy *a = in->a;
    for (size_t i = 0; i < a->nprocs; i++) {
        const struct an_process *p = &a->procs[i];
        const struct sysproc_expect *x = expect_for(p->name);
        if (!x || !x->nprotection || !p->has_kernel || !p->has_protection || exited(p))
            continue;
        int ok = 0;
        for (size_t j = 0; j < x->nprotection; j++)
            ok |= p->protection == x->protection[j];
        if (ok)
            continue;
        char have[64], want[160] = "";
        protection_text(p->protection, have, sizeof have);
        for (size_t j = 0; j < x->nprotection; j++) {
            char one[64];
            protection_text(x->protection[j], one, sizeof one);
            size_t n = strlen(want);
            snprintf(want + n, sizeof want - n, "%s0x%02x %s", j ? " or " : "", x->protection[j],
                     one[0] ? one : "(none)");
        }
        struct check_finding *f = check_found(run, p, "%s has protection 0x%02x %s, Windows gives it %s", p->name,
                                              p->protection, have[0] ? have : "(none)", want);
        check_evidence(f, "EPROCESS", "Protection", "0x%02x%s%s", p->protection, have[0] ? " " : " (none)", have);
        check_evidence(f, "expected", "Protection", "%s", want);
    }
}

const struct check_rule check_sysproc_protection = {
    .id = "sysproc-protection",
    .title = "a system process lacks (or has another) protection level than Windows gives it (lsass not PPL)",
    .severity = CHECK_MEDIUM,
    .mitre = "T1562.001, T1003.001",
    .seed = "seed 001, \"Kernel structure\": EPROCESS.Protection (_PS_PROTECTION); seed 001, \"Services\": lsass "
            "stores credentials",
    .stages = "sysproc_protection",
    .needs = CHECK_HAVE_KERNEL,
    .run = run_sysproc_protection,
};
