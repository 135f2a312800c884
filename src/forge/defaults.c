/* The default machine: what a freshly booted Windows 11 24H2 desktop with
 * one interactive user looks like, when a scenario lists no processes.
 * Parents, sessions, accounts, start order and command lines follow what a
 * real boot produces (smss spawns per-session instances that exit, so
 * csrss/wininit/winlogon have a parent PID that no longer exists;
 * userinit exits after starting explorer). */
#include "forge/scenario.h"

#include "forge/forge_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SYS32 "C:\\Windows\\System32\\"

struct dflt {
    const char *name;
    uint32_t pid, ppid, session;
    const char *user;
    const char *cmdline;          /* NULL: "\"image\"" */
    double start;                 /* seconds after boot */
    int threads;
    const char *image;            /* NULL: System32\name */
    const char *extra_mods;       /* ';'-separated */
};

static const struct dflt defaults[] = {
    { "System", 4, 0, 0, "SYSTEM", "", 0.0, 12, "", "" },
    { "Registry", 108, 4, 0, "SYSTEM", "", 0.4, 4, "", "" },
    { "smss.exe", 392, 4, 0, "SYSTEM", "\\SystemRoot\\System32\\smss.exe", 1.1, 2, NULL, "" },
    { "csrss.exe", 508, 496, 0, "SYSTEM",
      "%SystemRoot%\\system32\\csrss.exe ObjectDirectory=\\Windows SharedSection=1024,20480,768 Windows=On SubSystemType=Windows ServerDll=basesrv,1 ServerDll=winsrv:UserServerDllInitialization,3 ServerDll=sxssrv,4 ProfileControl=Off MaxRequestThreads=16",
      4.6, 11, NULL, "CSRSRV.dll;basesrv.DLL;winsrvext.dll;winsrv.DLL;sxssrv.DLL" },
    { "wininit.exe", 584, 496, 0, "SYSTEM", "wininit.exe", 4.9, 3, NULL, "USER32.dll;win32u.dll;GDI32.dll;RPCRT4.dll" },
    { "csrss.exe", 596, 576, 1, "SYSTEM",
      "%SystemRoot%\\system32\\csrss.exe ObjectDirectory=\\Windows SharedSection=1024,20480,768 Windows=On SubSystemType=Windows ServerDll=basesrv,1 ServerDll=winsrv:UserServerDllInitialization,3 ServerDll=sxssrv,4 ProfileControl=Off MaxRequestThreads=16",
      5.0, 13, NULL, "CSRSRV.dll;basesrv.DLL;winsrvext.dll;winsrv.DLL;sxssrv.DLL" },
    { "services.exe", 712, 584, 0, "SYSTEM", SYS32 "services.exe", 5.3, 9, NULL, "RPCRT4.dll;sechost.dll;ucrtbase.dll" },
    { "lsass.exe", 732, 584, 0, "SYSTEM", SYS32 "lsass.exe", 5.4, 10, NULL, "RPCRT4.dll;sechost.dll;lsasrv.dll;SspiCli.dll;msv1_0.DLL;kerberos.DLL;NTASN1.dll;ncrypt.dll;bcrypt.dll;CRYPTBASE.dll" },
    { "winlogon.exe", 680, 576, 1, "SYSTEM", "winlogon.exe", 5.2, 6, NULL, "USER32.dll;win32u.dll;GDI32.dll;RPCRT4.dll;sechost.dll" },
    { "fontdrvhost.exe", 860, 584, 0, "UMFD-0", "\"fontdrvhost.exe\"", 5.6, 5, NULL, "ucrtbase.dll;msvcp_win.dll" },
    { "fontdrvhost.exe", 868, 680, 1, "UMFD-1", "\"fontdrvhost.exe\"", 5.7, 6, NULL, "ucrtbase.dll;msvcp_win.dll" },
    { "svchost.exe", 896, 712, 0, "SYSTEM", SYS32 "svchost.exe -k DcomLaunch -p", 5.8, 14, NULL, "RPCRT4.dll;sechost.dll;combase.dll;ucrtbase.dll;umpnpmgr.dll;rpcss.dll" },
    { "svchost.exe", 988, 712, 0, "NETWORK SERVICE", SYS32 "svchost.exe -k RPCSS -p", 6.1, 10, NULL, "RPCRT4.dll;sechost.dll;combase.dll;rpcss.dll" },
    { "dwm.exe", 1080, 680, 1, "DWM-1", "\"dwm.exe\"", 6.3, 16, NULL, "USER32.dll;win32u.dll;GDI32.dll;dwmcore.dll;d3d11.dll;dxgi.dll;uDWM.dll" },
    { "svchost.exe", 1144, 712, 0, "SYSTEM", SYS32 "svchost.exe -k netsvcs -p", 6.6, 28, NULL, "RPCRT4.dll;sechost.dll;combase.dll;schedsvc.dll;wbemcore.dll" },
    { "svchost.exe", 1212, 712, 0, "LOCAL SERVICE", SYS32 "svchost.exe -k LocalServiceNetworkRestricted -p", 6.8, 12, NULL, "RPCRT4.dll;sechost.dll;wevtsvc.dll;dhcpcore.dll" },
    { "svchost.exe", 1336, 712, 0, "NETWORK SERVICE", SYS32 "svchost.exe -k NetworkService -p", 7.0, 9, NULL, "RPCRT4.dll;sechost.dll;dnsrslvr.dll;DNSAPI.dll" },
    { "svchost.exe", 1420, 712, 0, "LOCAL SERVICE", SYS32 "svchost.exe -k LocalService -p", 7.3, 7, NULL, "RPCRT4.dll;sechost.dll;w32time.dll" },
    { "MemCompression", 1788, 4, 0, "SYSTEM", "", 8.0, 24, "", "" },
    { "spoolsv.exe", 2076, 712, 0, "SYSTEM", SYS32 "spoolsv.exe", 9.4, 11, NULL, "RPCRT4.dll;sechost.dll;localspl.dll;winspool.drv" },
    { "MsMpEng.exe", 2288, 712, 0, "SYSTEM", "\"C:\\ProgramData\\Microsoft\\Windows Defender\\platform\\4.18.24090.11-0\\MsMpEng.exe\"", 10.2, 30,
      "C:\\ProgramData\\Microsoft\\Windows Defender\\platform\\4.18.24090.11-0\\MsMpEng.exe", "mpclient.dll;mpsvc.dll;WINTRUST.dll;CRYPT32.dll" },
    { "sihost.exe", 3920, 1144, 1, "USER", "sihost.exe", 31.5, 12, NULL, "USER32.dll;win32u.dll;combase.dll" },
    { "svchost.exe", 3948, 712, 1, "USER", SYS32 "svchost.exe -k UnistackSvcGroup -s CDPUserSvc", 31.7, 6, NULL, "RPCRT4.dll;sechost.dll;cdpusersvc.dll" },
    { "taskhostw.exe", 4012, 1144, 1, "USER", "taskhostw.exe {222A245B-E637-4AE9-A93F-A59CA119A75E}", 32.0, 8, NULL, "USER32.dll;combase.dll" },
    { "explorer.exe", 4216, 4180, 1, "USER", "C:\\Windows\\Explorer.EXE", 33.4, 60, "C:\\Windows\\explorer.exe",
      "USER32.dll;win32u.dll;GDI32.dll;SHELL32.dll;SHLWAPI.dll;combase.dll;ole32.dll;OLEAUT32.dll;windows.storage.dll;twinui.dll;ExplorerFrame.dll" },
    { "ctfmon.exe", 4388, 3920, 1, "USER", "\"ctfmon.exe\"", 34.0, 9, NULL, "USER32.dll;MSCTF.dll" },
    { "SearchHost.exe", 4720, 896, 1, "USER", "\"C:\\Windows\\SystemApps\\MicrosoftWindows.Client.CBS_cw5n1h2txyewy\\SearchHost.exe\" -ServerName:CortanaUI.AppX8z9r6jm96hw4bsbneegw0kyxx296wr9t.mca", 36.2, 40,
      "C:\\Windows\\SystemApps\\MicrosoftWindows.Client.CBS_cw5n1h2txyewy\\SearchHost.exe", "USER32.dll;combase.dll;Windows.UI.dll" },
    { "RuntimeBroker.exe", 4904, 896, 1, "USER", "C:\\Windows\\System32\\RuntimeBroker.exe -Embedding", 37.0, 8, NULL, "combase.dll" },
    { "OneDrive.exe", 5340, 4216, 1, "USER", "\"C:\\Users\\%USER%\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe\" /background", 41.8, 22,
      "C:\\Users\\%USER%\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe", "USER32.dll;WININET.dll;combase.dll" },
    { "msedge.exe", 6120, 4216, 1, "USER", "\"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe\"", 412.6, 45,
      "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe", "msedge_elf.dll;msedge.dll;USER32.dll;combase.dll" },
    { "msedge.exe", 6172, 6120, 1, "USER", "\"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe\" --type=renderer --lang=en-US --field-trial-handle=2004,i,1288342187,9911 /prefetch:1", 413.9, 19,
      "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe", "msedge_elf.dll;msedge.dll" },
    { "notepad.exe", 7064, 4216, 1, "USER", "\"C:\\Windows\\system32\\notepad.exe\" C:\\Users\\%USER%\\Documents\\notes.txt", 1803.2, 7, NULL, "USER32.dll;win32u.dll;GDI32.dll;COMDLG32.dll" },
    { "cmd.exe", 7548, 4216, 1, "USER", "\"C:\\Windows\\system32\\cmd.exe\"", 2650.7, 2, NULL, "" },
    { "conhost.exe", 7556, 7548, 1, "USER", "\\??\\C:\\Windows\\system32\\conhost.exe 0x4", 2650.8, 5, NULL, "USER32.dll;win32u.dll" },
    { "powershell.exe", 8012, 7548, 1, "USER", "powershell.exe -NoProfile", 2702.1, 14,
      "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "mscoree.dll;clr.dll;mscorlib.ni.dll" },
};

struct dsvc { const char *name, *display; uint32_t pid; uint32_t type; const char *binary; };

static const struct dsvc dservices[] = {
    { "DcomLaunch", "DCOM Server Process Launcher", 896, 0x20, SYS32 "svchost.exe -k DcomLaunch -p" },
    { "PlugPlay", "Plug and Play", 896, 0x20, SYS32 "svchost.exe -k DcomLaunch -p" },
    { "Power", "Power", 896, 0x20, SYS32 "svchost.exe -k DcomLaunch -p" },
    { "RpcSs", "Remote Procedure Call (RPC)", 988, 0x20, SYS32 "svchost.exe -k rpcss -p" },
    { "RpcEptMapper", "RPC Endpoint Mapper", 988, 0x20, SYS32 "svchost.exe -k RPCSS -p" },
    { "Schedule", "Task Scheduler", 1144, 0x20, SYS32 "svchost.exe -k netsvcs -p" },
    { "Winmgmt", "Windows Management Instrumentation", 1144, 0x20, SYS32 "svchost.exe -k netsvcs -p" },
    { "EventLog", "Windows Event Log", 1212, 0x20, SYS32 "svchost.exe -k LocalServiceNetworkRestricted -p" },
    { "Dhcp", "DHCP Client", 1212, 0x20, SYS32 "svchost.exe -k LocalServiceNetworkRestricted -p" },
    { "Dnscache", "DNS Client", 1336, 0x20, SYS32 "svchost.exe -k NetworkService -p" },
    { "W32Time", "Windows Time", 1420, 0x20, SYS32 "svchost.exe -k LocalService" },
    { "Spooler", "Print Spooler", 2076, 0x10, SYS32 "spoolsv.exe" },
    { "WinDefend", "Microsoft Defender Antivirus Service", 2288, 0x10,
      "\"C:\\ProgramData\\Microsoft\\Windows Defender\\platform\\4.18.24090.11-0\\MsMpEng.exe\"" },
    { "CDPUserSvc_4f1a2", "Connected Devices Platform User Service_4f1a2", 3948, 0xE0,
      SYS32 "svchost.exe -k UnistackSvcGroup" },
    { "AudioSrv", "Windows Audio", 0, 0x20, SYS32 "svchost.exe -k LocalServiceNetworkRestricted -p" },
    { "LanmanServer", "Server", 0, 0x20, SYS32 "svchost.exe -k netsvcs -p" },
};

static int loads_module(const struct sc_process *p, const char *name)
{
    for (size_t i = 0; i < p->nmods; i++)
        if (!strcasecmp(path_basename(p->mods[i].path), name))
            return 1;
    return 0;
}

/* Seed 004: win32k creates a W32PROCESS when a process first makes a
 * USER/GDI call, which loading User32 does.  So a process is GUI-capable
 * (gets a W32PROCESS, desktop handles, a GUI subsystem) exactly when it
 * loads USER32.dll: by default when its modules name it; "gui": true adds
 * USER32.dll and win32u.dll when they are missing.  "gui": false with
 * USER32.dll loaded is left as written: a process win32k does not know,
 * which psxview reports. */
static void gui_settle(struct sc_process *p)
{
    if (p->kernel_only) {
        p->gui = 0;
        return;
    }
    if (p->gui < 0) {
        p->gui = loads_module(p, "USER32.dll");
        return;
    }
    static const char *const needed[] = { "USER32.dll", "win32u.dll" };
    for (size_t i = 0; p->gui > 0 && i < sizeof needed / sizeof needed[0]; i++) {
        if (loads_module(p, needed[i]))
            continue;
        p->mods = fx_grow(p->mods, p->nmods + 1, sizeof *p->mods);
        struct sc_module *m = &p->mods[p->nmods++];
        memset(m, 0, sizeof *m);
        snprintf(m->path, sizeof m->path, SYS32 "%s", needed[i]);
    }
}

/* The processes Windows always starts as LocalSystem (seed 001, "Child-Parent
 * processes"; docs/check.md "System processes"): a scenario that lists one
 * without a user gets SYSTEM, as Windows would give it, not the interactive
 * user. */
static int runs_as_system(const char *name)
{
    static const char *const names[] = { "smss.exe", "csrss.exe", "wininit.exe", "winlogon.exe",
                                         "services.exe", "lsass.exe", NULL };
    for (int i = 0; names[i]; i++)
        if (strcasecmp(name, names[i]) == 0)
            return 1;
    return 0;
}

static void replace_user(char *s, size_t n, const char *user)
{
    char *p = strstr(s, "%USER%");
    if (!p)
        return;
    char tail[2048];
    snprintf(tail, sizeof tail, "%s", p + 6);
    snprintf(p, n - (size_t)(p - s), "%s%s", user, tail);
}

static void fill_default_machine(struct scenario *sc)
{
    const char *uname = "jdoe";
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
        const struct dflt *d = &defaults[i];
        struct sc_process *p = sc_add_process(sc);
        snprintf(p->name, sizeof p->name, "%s", d->name);
        p->pid = d->pid;
        p->ppid = d->ppid;
        p->session = d->session;
        p->has_session = 1;
        snprintf(p->user, sizeof p->user, "%s", d->user);
        p->create_offset = d->start;
        if (d->image)
            snprintf(p->image, sizeof p->image, "%s", d->image);
        else
            snprintf(p->image, sizeof p->image, SYS32 "%s", d->name);
        replace_user(p->image, sizeof p->image, uname);
        if (d->cmdline) {
            snprintf(p->cmdline, sizeof p->cmdline, "%s", d->cmdline);
            replace_user(p->cmdline, sizeof p->cmdline, uname);
        }
        p->threads = fx_alloc((size_t)d->threads, sizeof *p->threads);
        for (int t = 0; t < d->threads; t++)
            p->threads[t].create_offset = -1;
        p->nthreads = (size_t)d->threads;
        p->has_threads = 1;
        if (!strcmp(d->name, "System") || !strcmp(d->name, "Registry") || !strcmp(d->name, "MemCompression"))
            p->kernel_only = 1;
        if (!strcmp(d->name, "lsass.exe"))
            p->protected_light = 1;
        /* the interactive user's fibers: a few threads of explorer */
        if (!strcmp(d->name, "explorer.exe"))
            p->threads[5].fiber = 1;
        if (d->extra_mods && d->extra_mods[0]) {
            char buf[512];
            snprintf(buf, sizeof buf, "%s", d->extra_mods);
            size_t n = 1;
            for (char *q = buf; *q; q++)
                if (*q == ';')
                    n++;
            p->mods = fx_alloc(n, sizeof *p->mods);
            for (char *tok = strtok(buf, ";"); tok; tok = strtok(NULL, ";")) {
                struct sc_module *m = &p->mods[p->nmods++];
                if (strchr(tok, '\\'))
                    snprintf(m->path, sizeof m->path, "%s", tok);
                else if (!strcmp(tok, "mscorlib.ni.dll"))
                    snprintf(m->path, sizeof m->path, "C:\\Windows\\assembly\\NativeImages_v4.0.30319_64\\mscorlib\\mscorlib.ni.dll");
                else
                    snprintf(m->path, sizeof m->path, SYS32 "%s", tok);
            }
        }
    }
    if (!sc->has_services) {
        for (size_t i = 0; i < sizeof dservices / sizeof dservices[0]; i++) {
            const struct dsvc *d = &dservices[i];
            struct sc_service *s;
            sc->services = fx_grow(sc->services, sc->nservices + 1, sizeof *sc->services);
            s = &sc->services[sc->nservices++];
            memset(s, 0, sizeof *s);
            snprintf(s->name, sizeof s->name, "%s", d->name);
            snprintf(s->display, sizeof s->display, "%s", d->display);
            snprintf(s->binary, sizeof s->binary, "%s", d->binary);
            s->process.pid = d->pid;
            s->type = d->type;
            s->state = d->pid ? 4 : 1;
            s->start = d->pid ? 2 : 3;
        }
    }
}

static struct sc_process *find_pid(struct scenario *sc, uint32_t pid)
{
    for (size_t i = 0; i < sc->nprocs; i++)
        if (sc->procs[i].pid == pid)
            return &sc->procs[i];
    return NULL;
}

struct sc_process *sc_find(struct scenario *sc, const struct sc_ref *r)
{
    if (r->pid)
        return find_pid(sc, r->pid);
    if (r->name[0])
        for (size_t i = 0; i < sc->nprocs; i++)
            if (!strcasecmp(sc->procs[i].name, r->name))
                return &sc->procs[i];
    return NULL;
}

static int ref_ok(struct scenario *sc, const struct sc_ref *r, const char *key, struct ep_error *err)
{
    if (!sc_find(sc, r)) {
        if (r->pid)
            return ep_fail(err, "%s: key '%s': no process with PID %u", sc->path, key, r->pid);
        return ep_fail(err, "%s: key '%s': no process named '%s'", sc->path, key, r->name);
    }
    return 0;
}

static int is_kernel_only(const char *name)
{
    return !strcmp(name, "System") || !strcmp(name, "Registry") || !strcmp(name, "MemCompression") ||
           !strcmp(name, "Secure System");
}

/* PIDs and thread IDs come from one table, PspCidTable: a thread ID given
 * by the file may be neither a PID (System's 4 included) nor the ID of
 * another thread.  Indices are the file's. */
static int check_cids(struct scenario *sc, size_t nfile, struct ep_error *err)
{
    struct ptrset pids, tids;
    ptrset_init(&pids);
    ptrset_init(&tids);
    int rc = 0;
    if (ptrset_add(&pids, 4) < 0)
        forge_oom();
    for (size_t i = 0; i < nfile; i++)
        if (sc->procs[i].pid && ptrset_add(&pids, sc->procs[i].pid) < 0)
            forge_oom();
    for (size_t i = 0; i < nfile && !rc; i++) {
        const struct sc_process *p = &sc->procs[i];
        for (size_t t = 0; t < p->nthreads && !rc; t++) {
            uint32_t tid = p->threads[t].tid;
            if (!tid)
                continue;
            if (ptrset_has(&pids, tid)) {
                size_t j = 0;
                while (j < nfile && sc->procs[j].pid != tid)
                    j++;
                if (j < nfile)
                    rc = ep_fail(err, "%s: key 'processes[%zu].threads[%zu].tid': thread ID %u is the PID of "
                                 "processes[%zu] (PIDs and thread IDs share one namespace, PspCidTable)",
                                 sc->path, i, t, tid, j);
                else
                    rc = ep_fail(err, "%s: key 'processes[%zu].threads[%zu].tid': thread ID %u is System's PID "
                                 "(PIDs and thread IDs share one namespace, PspCidTable)", sc->path, i, t, tid);
                break;
            }
            int added = ptrset_add(&tids, tid);
            if (added < 0)
                forge_oom();
            if (added == 0) {
                /* the same process's duplicates were reported above; this
                 * one is another process's thread */
                size_t j = 0, u = 0;
                for (j = 0; j < i; j++) {
                    for (u = 0; u < sc->procs[j].nthreads; u++)
                        if (sc->procs[j].threads[u].tid == tid)
                            break;
                    if (u < sc->procs[j].nthreads)
                        break;
                }
                rc = ep_fail(err, "%s: key 'processes[%zu].threads[%zu].tid': thread ID %u is also "
                             "processes[%zu].threads[%zu].tid", sc->path, i, t, tid, j, u);
            }
        }
    }
    ptrset_free(&pids);
    ptrset_free(&tids);
    return rc;
}

int scenario_complete(struct scenario *sc, struct ep_error *err)
{
    if (!sc->path[0])
        snprintf(sc->path, sizeof sc->path, "(default machine)");
    /* checks on what the file said, with its indices */
    size_t nfile = sc->nprocs;
    for (size_t i = 0; i < nfile; i++) {
        struct sc_process *p = &sc->procs[i];
        if (p->pid == 0 && !strcmp(p->name, "System"))
            p->pid = 4;
        if (p->pid == 4 && strcmp(p->name, "System") != 0)
            return ep_fail(err, "%s: key 'processes[%zu].pid': PID 4 belongs to System", sc->path, i);
        for (size_t j = 0; j < i; j++)
            if (p->pid && sc->procs[j].pid == p->pid)
                return ep_fail(err, "%s: key 'processes[%zu].pid': duplicate PID %u (also processes[%zu])",
                               sc->path, i, p->pid, j);
        if (p->create_offset >= 0 && (uint64_t)(p->create_offset * 1e7) > sc->time - sc->boot_time)
            return ep_fail(err, "%s: key 'processes[%zu].create_time': after machine.time", sc->path, i);
        if (p->exit_offset >= 0 && (uint64_t)(p->exit_offset * 1e7) > sc->time - sc->boot_time)
            return ep_fail(err, "%s: key 'processes[%zu].exit_time': after machine.time", sc->path, i);
        for (size_t t = 0; t < p->nthreads; t++)
            for (size_t u = 0; u < t; u++)
                if (p->threads[t].tid && p->threads[t].tid == p->threads[u].tid)
                    return ep_fail(err, "%s: key 'processes[%zu].threads[%zu].tid': duplicate thread ID %u",
                                   sc->path, i, t, p->threads[t].tid);
    }
    if (check_cids(sc, nfile, err))
        return -1;
    size_t prepended = 0;
    if (sc->default_machine)
        fill_default_machine(sc);
    if (!find_pid(sc, 4)) {
        /* every machine has System; put it first */
        struct sc_process sys;
        sc_proc_init(&sys);
        snprintf(sys.name, sizeof sys.name, "System");
        sys.pid = 4;
        sys.create_offset = 0;
        sys.kernel_only = 1;
        sys.has_session = 1;
        snprintf(sys.user, sizeof sys.user, "SYSTEM");
        sys.threads = fx_alloc(8, sizeof *sys.threads);
        for (int t = 0; t < 8; t++)
            sys.threads[t].create_offset = -1;
        sys.nthreads = 8;
        sys.has_threads = 1;
        sc_add_process(sc);
        memmove(&sc->procs[1], &sc->procs[0], (sc->nprocs - 1) * sizeof *sc->procs);
        sc->procs[0] = sys;
        prepended = 1;
        sc->procs_prepended = 1;
    }
    /* fill what was left out; PIDs the forge picks avoid the thread IDs
     * the scenario gave (one namespace) */
    struct ptrset given;
    ptrset_init(&given);
    for (size_t i = 0; i < sc->nprocs; i++)
        for (size_t t = 0; t < sc->procs[i].nthreads; t++)
            if (sc->procs[i].threads[t].tid && ptrset_add(&given, sc->procs[i].threads[t].tid) < 0)
                forge_oom();
    uint32_t next_pid = 1000;
    double next_start = 60.0;
    for (size_t i = 0; i < sc->nprocs; i++) {
        struct sc_process *p = &sc->procs[i];
        if (is_kernel_only(p->name))
            p->kernel_only = 1;
        if (!p->pid) {
            while (find_pid(sc, next_pid) || ptrset_has(&given, next_pid) || sc_cid_never_issued(next_pid))
                next_pid += 4;
            p->pid = next_pid;
            next_pid += 4;
        }
        if (!strcmp(p->name, "System")) {
            p->ppid = 0;
            p->create_offset = 0;
        }
        if (!p->user[0])
            snprintf(p->user, sizeof p->user, "%s",
                     p->kernel_only || runs_as_system(p->name) ? "SYSTEM" : "USER");
        if (!p->has_session) {
            p->session = (!strcmp(p->user, "SYSTEM") || !strcmp(p->user, "LOCAL SERVICE") ||
                          !strcmp(p->user, "NETWORK SERVICE")) ? 0 : 1;
            p->has_session = 1;
        }
        if (!p->image[0] && !p->kernel_only)
            snprintf(p->image, sizeof p->image, SYS32 "%s", p->name);
        if (!p->cmdline[0] && !p->kernel_only)
            snprintf(p->cmdline, sizeof p->cmdline, "\"%s\"", p->image);
        if (p->create_offset < 0) {
            p->create_offset = next_start;
            next_start += 7.25;
        }
        if (!p->has_threads || (p->nthreads == 0 && p->exit_offset < 0 && !p->kernel_only)) {
            if (p->nthreads == 0) {
                p->threads = fx_alloc(1, sizeof *p->threads);
                p->threads[0].create_offset = -1;
                p->nthreads = 1;
            }
        }
        gui_settle(p);
    }
    ptrset_free(&given);
    /* a thread's ISO create_time: seconds after its process's start, which
     * is known now */
    for (size_t i = prepended; i < sc->nprocs; i++) {
        struct sc_process *p = &sc->procs[i];
        uint64_t start = sc->boot_time + (uint64_t)(p->create_offset * 1e7);
        for (size_t t = 0; t < p->nthreads; t++) {
            struct sc_thread *th = &p->threads[t];
            if (!th->create_filetime)
                continue;
            if (th->create_filetime < start || th->create_filetime > sc->time)
                return ep_fail(err, "%s: key 'processes[%zu].threads[%zu].create_time': %s", sc->path,
                               i - prepended, t, th->create_filetime > sc->time ? "after machine.time"
                               : "before its process started");
            th->create_offset = (double)(th->create_filetime - start) / 1e7;
        }
    }
    /* parents: a PPID of a process that is not there is normal (it exited),
     * but a scenario process without one gets explorer or System */
    for (size_t i = 0; i < sc->nprocs; i++) {
        struct sc_process *p = &sc->procs[i];
        if (p->ppid || p->pid == 4)
            continue;
        struct sc_ref ex = { 0, "explorer.exe" };
        struct sc_process *e = sc_find(sc, &ex);
        p->ppid = (e && e != p && !p->kernel_only && p->session) ? e->pid : 4;
    }
    /* references (paths use the file's indices where it has them) */
    char key[160];
    for (size_t i = 0; i < sc->nprocs; i++) {
        struct sc_process *p = &sc->procs[i];
        size_t fi = i >= prepended ? i - prepended : i;
        for (size_t t = 0; t < p->nthreads; t++) {
            if (!p->threads[t].has_impersonate)
                continue;
            snprintf(key, sizeof key, "processes[%zu].threads[%zu].impersonate", fi, t);
            if (ref_ok(sc, &p->threads[t].impersonate, key, err))
                return -1;
        }
        for (size_t h = 0; h < p->nhandles; h++) {
            if (!p->handles[h].target.pid && !p->handles[h].target.name[0])
                continue;
            snprintf(key, sizeof key, "processes[%zu].handles[%zu].target", fi, h);
            if (ref_ok(sc, &p->handles[h].target, key, err))
                return -1;
        }
        if (p->job[0]) {
            int found = 0;
            for (size_t j = 0; j < sc->njobs; j++)
                if (!strcmp(sc->jobs[j].name, p->job))
                    found = 1;
            if (!found) {
                snprintf(key, sizeof key, "processes[%zu].job", fi);
                return ep_fail(err, "%s: key '%s': no job named '%s' in \"jobs\"", sc->path, key, p->job);
            }
        }
    }
    for (size_t i = 0; i < sc->nservices; i++) {
        struct sc_service *s = &sc->services[i];
        if (s->gone_pid && find_pid(sc, s->gone_pid)) {
            snprintf(key, sizeof key, "services[%zu].gone_pid", i);
            return ep_fail(err, "%s: key '%s': PID %u is a process of this machine (name it in 'process')", sc->path,
                           key, s->gone_pid);
        }
        if (!s->process.pid && !s->process.name[0])
            continue;
        snprintf(key, sizeof key, "services[%zu].process", i);
        if (ref_ok(sc, &s->process, key, err))
            return -1;
    }
    for (size_t i = 0; i < sc->npipes; i++) {
        snprintf(key, sizeof key, "pipes[%zu].server", i);
        if (ref_ok(sc, &sc->pipes[i].server, key, err))
            return -1;
        for (size_t j = 0; j < sc->pipes[i].nclients; j++) {
            snprintf(key, sizeof key, "pipes[%zu].clients[%zu]", i, j);
            if (ref_ok(sc, &sc->pipes[i].clients[j], key, err))
                return -1;
        }
    }
    for (size_t i = 0; i < sc->ntechs; i++) {
        struct sc_technique *t = &sc->techs[i];
        if (t->has_target) {
            snprintf(key, sizeof key, "techniques[%zu].target", i);
            if (ref_ok(sc, &t->target, key, err))
                return -1;
            if (sc_find(sc, &t->target)->pid == 4 && t->kind != TQ_ORPHAN_THREAD && t->kind != TQ_TOKEN_STEAL)
                return ep_fail(err, "%s: key '%s': System cannot be the target of this technique", sc->path, key);
        }
        if (t->has_source) {
            snprintf(key, sizeof key, "techniques[%zu].source", i);
            if (ref_ok(sc, &t->source, key, err))
                return -1;
        }
        if (t->has_back_to) {
            snprintf(key, sizeof key, "techniques[%zu].back_to", i);
            if (ref_ok(sc, &t->back_to, key, err))
                return -1;
        }
    }
    return sysproc_stage(sc, err);
}
