/* The machine-wide pieces around processes: sessions, the loaded-module
 * list (PsLoadedModuleList), jobs (notify callbacks: callbacks.c),
 * csrss's CSR_PROCESS list, win32k's
 * W32PROCESS/DXGPROCESS, and the handles every process holds. */
#include "forge/forge_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/bytes.h"

/* ---- sessions: one _MM_SESSION_SPACE per session in use ---- */
void sessions_build(struct forge *f)
{
    const struct layout *L = &f->L;
    int used[8] = {0};
    for (size_t i = 0; i < f->sc->nprocs; i++)
        if (f->sc->procs[i].session < 8)
            used[f->sc->procs[i].session] = 1;
    uint32_t sz = L->sz_MM_SESSION_SPACE ? L->sz_MM_SESSION_SPACE : 0x1F80;
    for (uint32_t id = 0; id < 8; id++) {
        if (!used[id])
            continue;
        uint64_t va = kva_alloc_pages(f, &f->sysmisc, (sz + PAGE - 1) / PAGE);
        kfield(f, f->sys_root, va, &L->ss_SessionId, id);
        kfield(f, f->sys_root, va, &L->ss_ReferenceCount, 1);
        kfield(f, f->sys_root, va, &L->ss_Session, va);
        f->sessions[f->nsessions].id = id;
        f->sessions[f->nsessions].va = va;
        f->nsessions++;
    }
}

void sessions_link(struct forge *f)
{
    const struct layout *L = &f->L;
    if (!fhas(&L->ss_ProcessList) || !fhas(&L->ep_SessionProcessLinks))
        return;
    for (size_t s = 0; s < f->nsessions; s++) {
        uint64_t head = f->sessions[s].va + (uint64_t)L->ss_ProcessList.off;
        uint64_t prev = head;
        for (size_t i = 0; i < f->nprocs; i++) {
            struct fprocess *p = &f->procs[i];
            if (p->session_space != f->sessions[s].va || p->sc->kernel_only || p->freed ||
                !strcmp(p->sc->name, "smss.exe"))
                continue;
            uint64_t node = p->eprocess + (uint64_t)L->ep_SessionProcessLinks.off;
            kw64(f, prev, node);
            kw64(f, node + 8, prev);
            prev = node;
        }
        kw64(f, prev, head);
        kw64(f, head + 8, prev);
    }
}

/* ---- kernel modules: ntoskrnl, hal and a few drivers ---- */
void drivers_build(struct forge *f)
{
    static const struct { const char *name; uint32_t size; } drv[] = {
        { "ntoskrnl.exe", 0 }, { "hal.dll", 0x6000 }, { "kd.dll", 0xC000 },
        { "CI.dll", 0xDA000 }, { "msrpc.sys", 0x66000 }, { "FLTMGR.SYS", 0x84000 },
        { "ksecdd.sys", 0x33000 }, { "CLFS.SYS", 0x76000 }, { "tcpip.sys", 0x3A2000 },
        { "Ntfs.sys", 0x36B000 }, { "ndis.sys", 0x17C000 }, { "NETIO.SYS", 0xA4000 },
        { "WdFilter.sys", 0x86000 }, { "win32k.sys", 0x9D000 }, { "win32kbase.sys", 0x3E1000 },
        { "win32kfull.sys", 0x3A6000 }, { "dxgkrnl.sys", 0x4F4000 }, { "npfs.sys", 0x1C000 },
        { "afd.sys", 0xB6000 }, { "condrv.sys", 0x14000 },
    };
    const struct layout *L = &f->L;
    /* technique unlinked_driver: a driver loaded after the others, whose
     * entry is then taken off the list (techniques.c records it) */
    size_t nhidden = 0;
    for (size_t t = 0; t < f->sc->ntechs; t++)
        nhidden += f->sc->techs[t].kind == TQ_UNLINKED_DRIVER;
    f->drivers_list = fx_alloc(ARRAY_LEN(drv) + nhidden, sizeof *f->drivers_list);
    uint64_t next = f->kernel_base + ((f->kernel_size + LARGE_PAGE - 1) & ~(LARGE_PAGE - 1)) + 0x200000;
    size_t hidden_seen = 0;
    for (size_t i = 0; i < ARRAY_LEN(drv) + nhidden; i++) {
        struct fdriver *d = &f->drivers_list[f->ndrivers++];
        if (i < ARRAY_LEN(drv)) {
            snprintf(d->name, sizeof d->name, "%s", drv[i].name);
        } else {
            const struct sc_technique *tq = NULL;
            for (size_t t = 0, seen = 0; t < f->sc->ntechs && !tq; t++)
                if (f->sc->techs[t].kind == TQ_UNLINKED_DRIVER && seen++ == hidden_seen)
                    tq = &f->sc->techs[t];
            hidden_seen++;
            snprintf(d->name, sizeof d->name, "%s", tq && tq->path[0] ? tq->path : "rkhide.sys");
            d->unlinked = 1;
        }
        if (i == 0) {
            d->base = f->kernel_base;
            d->size = f->kernel_size;
            snprintf(d->path, sizeof d->path, "\\SystemRoot\\system32\\ntoskrnl.exe");
            snprintf(d->pdb_id, sizeof d->pdb_id, "%s%X", f->guid, f->age);
            continue;
        }
        uint32_t guessed_size, guessed_entry, guessed_ts;
        pe_guess(d->name, &guessed_size, &guessed_entry, &guessed_ts);
        d->size = i < ARRAY_LEN(drv) ? drv[i].size : guessed_size;
        pe_rsds_id(d->name, d->pdb_id);
        d->base = next;
        next += ((uint64_t)d->size + 0xFFFF) & ~0xFFFFULL;
        next += 0x10000;
        snprintf(d->path, sizeof d->path, "\\SystemRoot\\%s\\%s",
                 strstr(d->name, ".dll") || strstr(d->name, ".DLL") ? "system32" : "System32\\drivers", d->name);
        /* headers and entry code of each driver image */
        pg_map_alloc(f, f->sys_root, d->base, PAGE, PTE_RW | PTE_A | PTE_D | PTE_G);
        struct pe_image img = {0};
        snprintf(img.name, sizeof img.name, "%s", d->name);
        img.base = d->base;
        img.size = d->size;
        uint32_t sz, ep, ts;
        pe_guess(d->name, &sz, &ep, &ts);
        img.entry_rva = 0x1000 + (ep % (d->size / 2)) / 16 * 16;
        img.timestamp = ts;
        img.is_driver = 1;
        uint32_t text = (img.size / 2) & ~0xFFFu;
        pg_map_alloc(f, f->sys_root, d->base + (text < 0x1000 ? 0x1000 : text) + 0x1000, PAGE,
                     PTE_RW | PTE_A | PTE_D | PTE_G);
        pg_map_alloc(f, f->sys_root, d->base + img.entry_rva, PAGE, PTE_A | PTE_G);
        pe_write_image(f, f->sys_root, &img);
    }
    /* PsLoadedModuleList of KLDR_DATA_TABLE_ENTRY ('MmLd') */
    uint64_t head = ksym(f, "PsLoadedModuleList");
    uint32_t esz = L->sz_KLDR_DATA_TABLE_ENTRY;
    if (!head || !esz || !fhas(&L->kldr_InLoadOrderLinks))
        return;
    uint64_t prev = head;
    for (size_t i = 0; i < f->ndrivers; i++) {
        struct fdriver *d = &f->drivers_list[i];
        uint64_t e = pool_alloc(f, POOL_NONPAGED, esz, "MmLd");
        d->ldr_entry = e;
        uint8_t *b = fx_tmp(f, 1, esz);
        fset(b, &L->kldr_DllBase, d->base);
        fset(b, &L->kldr_SizeOfImage, d->size);
        fset(b, &L->kldr_EntryPoint, d->base + 0x1000);
        fset(b, &L->kldr_Flags, 0x49104000);
        fset(b, &L->kldr_LoadCount, 1);
        kw(f, e, b, esz);
        fx_tmp_free(f, b);
        kernel_unicode_string(f, e + (uint64_t)L->kldr_FullDllName.off, d->path, "MmLn");
        kernel_unicode_string(f, e + (uint64_t)L->kldr_BaseDllName.off, d->name, "MmLn");
        uint64_t node = e + (uint64_t)L->kldr_InLoadOrderLinks.off;
        if (d->unlinked) {
            /* what a rootkit leaves after unlinking itself: its entry's
             * links point at the entry, the neighbours skip it */
            kw64(f, node, node);
            kw64(f, node + 8, node);
            continue;
        }
        kw64(f, prev, node);
        kw64(f, node + 8, prev);
        prev = node;
    }
    kw64(f, prev, head);
    kw64(f, head + 8, prev);
}

/* ---- jobs ---- */
void jobs_build(struct forge *f)
{
    const struct layout *L = &f->L;
    f->jobs = fx_alloc(f->sc->njobs + 1, sizeof *f->jobs);
    for (size_t j = 0; j < f->sc->njobs; j++) {
        struct sc_job *sj = &f->sc->jobs[j];
        struct fjob *fj = &f->jobs[f->njobs++];
        fj->sc = sj;
        char name[SC_NAME + 32];
        snprintf(name, sizeof name, "\\BaseNamedObjects\\%s", sj->name);
        fj->va = object_named(f, OT_JOB, name, 0);
        uint32_t n = 0;
        for (size_t i = 0; i < f->nprocs; i++) {
            struct fprocess *p = &f->procs[i];
            if (strcmp(p->sc->job, sj->name) != 0)
                continue;
            p->job = fj->va;
            /* a job holds the processes of one session, its creator's
             * (AssignProcessToJobObject refuses another session's) */
            if (!n)
                fj->session = p->session;
            n++;
        }
        fj->nprocs = n;
        kfield(f, f->sys_root, fj->va, &L->job_SessionId, fj->session);
        kfield(f, f->sys_root, fj->va, &L->job_TotalProcesses, n);
        kfield(f, f->sys_root, fj->va, &L->job_ActiveProcesses, n);
        kfield(f, f->sys_root, fj->va, &L->job_LimitFlags, sj->limit_flags);
        kfield(f, f->sys_root, fj->va, &L->job_ActiveProcessLimit, sj->active_process_limit);
        kfield(f, f->sys_root, fj->va, &L->job_ProcessMemoryLimit, sj->process_memory_limit);
        kfield(f, f->sys_root, fj->va, &L->job_JobMemoryLimit, sj->job_memory_limit);
        /* a silo is a job with JobFlags.Silo set; a server silo also has
         * ServerSiloGlobals (what PsIsServerSilo tests), and its members'
         * EPROCESS.ServerSilo point at it (proc_write).  Windows Internals
         * 7th ed., ch. 3 "Windows containers (server silos)". */
        if (sj->silo != SC_SILO_NONE && fhas(&L->job_Silo))
            kfield(f, f->sys_root, fj->va, &L->job_Silo, 1);
        if (sj->silo == SC_SILO_SERVER && fhas(&L->job_ServerSiloGlobals)) {
            uint32_t size = f->L.sz_ESERVERSILO_GLOBALS ? f->L.sz_ESERVERSILO_GLOBALS : 0x558;
            fj->server_silo_globals = pool_alloc(f, POOL_NONPAGED, size, "PsSg");
            kfield(f, f->sys_root, fj->va, &L->job_ServerSiloGlobals, fj->server_silo_globals);
        }
    }
}

/* Each job's ProcessListHead through its members' EPROCESS.JobLinks.  Run
 * after proc_write, which writes every EPROCESS whole (its lists
 * self-linked). */
void jobs_link(struct forge *f)
{
    const struct layout *L = &f->L;
    if (!fhas(&L->ep_JobLinks) || !fhas(&L->job_ProcessListHead))
        return;
    for (size_t j = 0; j < f->njobs; j++) {
        uint64_t head = f->jobs[j].va + (uint64_t)L->job_ProcessListHead.off;
        uint64_t prev = head;
        for (size_t i = 0; i < f->nprocs; i++) {
            struct fprocess *p = &f->procs[i];
            if (p->job != f->jobs[j].va)
                continue;
            uint64_t node = p->eprocess + (uint64_t)L->ep_JobLinks.off;
            kw64(f, prev, node);
            kw64(f, node + 8, prev);
            prev = node;
        }
        kw64(f, prev, head);
        kw64(f, head + 8, prev);
    }
}

/* ---- csrss: CSR_PROCESS for each process of its session; win32k ---- */

/* CSR_PROCESS (csrsrv's record of a Windows process; x64 offsets of the
 * structure as ReactOS's csrsrv.h declares it, the layout csrsrv has kept
 * since NT 5.2): ClientId (UniqueProcess, UniqueThread), ListLink,
 * ThreadList, NtSession, ClientPort, ClientViewBase, ClientViewBounds,
 * ProcessHandle, SequenceNumber, Flags, ...  The list is circular through
 * ListLink and starts at csrss's own record (csrsrv's CsrRootProcess, which
 * has no public symbol): readers find that record by its ClientId and its
 * consistent links (docs/forge.md). */
enum { CSR_CID_PROCESS = 0x00, CSR_CID_THREAD = 0x08, CSR_LIST_LINK = 0x10, CSR_THREAD_LIST = 0x20,
       CSR_SEQUENCE = 0x60, CSR_SIZE = 0x98 };

static int csr_tracks(const struct fprocess *cs, const struct fprocess *p)
{
    return p->session == cs->session && !p->sc->kernel_only && !p->freed && !p->exited &&
           strcasecmp(p->sc->name, "smss.exe") != 0 && p->create_time >= cs->create_time;
}

static uint64_t csr_record(struct forge *f, struct fprocess *cs, struct fprocess *p, uint32_t sequence)
{
    uint64_t cp = heap_alloc(f, cs, CSR_SIZE);
    uint8_t b[0x70] = {0};
    put64(b + CSR_CID_PROCESS, p->pid);
    put64(b + CSR_CID_THREAD, p->nthreads ? p->threads[0].tid : 0);
    put64(b + CSR_LIST_LINK, cp + CSR_LIST_LINK);           /* alone until linked */
    put64(b + CSR_LIST_LINK + 8, cp + CSR_LIST_LINK);
    put64(b + CSR_THREAD_LIST, cp + CSR_THREAD_LIST);
    put64(b + CSR_THREAD_LIST + 8, cp + CSR_THREAD_LIST);
    put32(b + CSR_SEQUENCE, sequence);
    uw(f, cs, cp, b, sizeof b);
    p->csr_process = cp;
    return cp;
}

static void csr_build(struct forge *f, struct fprocess *cs)
{
    /* csrss's own record is the root; the others follow in creation order */
    uint64_t root = csr_record(f, cs, cs, 0), last = root;
    for (size_t i = 0; i < f->nprocs; i++) {
        struct fprocess *p = &f->procs[i];
        if (p == cs || !csr_tracks(cs, p))
            continue;
        uint64_t cp = csr_record(f, cs, p, (uint32_t)i);
        if (p->csr_unlinked) {
            /* csr_unlink: out of the list, its links pointing at itself */
            struct ftech *t = &f->techs[p->csr_tech];
            tech_touch(t, "CSR_PROCESS", cp);
            snprintf(t->detail, sizeof t->detail, "CSR_PROCESS 0x%llx removed from csrss %u's process list; "
                     "its ListLink points at itself", (unsigned long long)cp, cs->pid);
            continue;
        }
        vw64(f, cs->root, last + CSR_LIST_LINK, cp + CSR_LIST_LINK);
        vw64(f, cs->root, cp + CSR_LIST_LINK + 8, last + CSR_LIST_LINK);
        last = cp;
    }
    vw64(f, cs->root, last + CSR_LIST_LINK, root + CSR_LIST_LINK);
    vw64(f, cs->root, root + CSR_LIST_LINK + 8, last + CSR_LIST_LINK);
}

void subsystem_build(struct forge *f)
{
    for (size_t c = 0; c < f->nprocs; c++) {
        struct fprocess *cs = &f->procs[c];
        if (strcasecmp(cs->sc->name, "csrss.exe") == 0 && cs->peb && !cs->exited && !cs->freed)
            csr_build(f, cs);
    }
    for (size_t i = 0; i < f->nprocs; i++) {
        struct fprocess *p = &f->procs[i];
        /* a GUI-capable process (USER32.dll loaded: defaults.c) has a
         * W32PROCESS, unless w32_detach cleared EPROCESS.Win32Process */
        if (!p->sc->gui || p->exited)
            continue;
        /* W32PROCESS ('Uspi'): +0 Process, +8 RefCount; DXGPROCESS ('Dxgk'):
         * +0 Process, for the programs that draw through DirectX */
        if (!p->w32_detached) {
            p->win32process = pool_alloc(f, POOL_NONPAGED, 0x300, "Uspi");
            kw64(f, p->win32process, p->eprocess);
            kw64(f, p->win32process + 8, 1);
        }
        if (!strcasecmp(p->sc->name, "dwm.exe") || !strcasecmp(p->sc->name, "explorer.exe") ||
            !strcasecmp(p->sc->name, "msedge.exe") || !strcasecmp(p->sc->name, "SearchHost.exe")) {
            p->dxgprocess = pool_alloc(f, POOL_NONPAGED, 0x1A0, "Dxgk");
            kw64(f, p->dxgprocess, p->eprocess);
        }
    }
}

/* ---- handles from the scenario, and the ones every process holds ---- */
static uint32_t default_access(enum obj_type t)
{
    switch (t) {
    case OT_FILE: return 0x12019F;
    case OT_KEY: return 0x20019;
    case OT_EVENT: return 0x1F0003;
    case OT_MUTANT: return 0x1F0001;
    case OT_SECTION: return 0x4;
    case OT_PROCESS: return 0x1FFFFF;
    case OT_THREAD: return 0x1FFFFF;
    case OT_TOKEN: return 0x8;
    case OT_JOB: return 0x1F001F;
    case OT_DIRECTORY: return 0x3;
    case OT_SEMAPHORE: return 0x1F0003;
    case OT_ALPCPORT: return 0x1F0001;
    default: return 0x1F0003;
    }
}

/* A handle to a registry key; the truth names it by its full path. */
static void add_key(struct forge *f, struct fprocess *p, const char *path, uint32_t access, uint32_t opener)
{
    handle_add(f, p, key_object_create(f, path, opener), OT_KEY, access, path);
}

static void scenario_handles(struct forge *f, struct fprocess *p)
{
    for (size_t i = 0; i < p->sc->nhandles; i++) {
        struct sc_handle *h = &p->sc->handles[i];
        int t = obj_type_by_name(h->type);
        uint64_t obj = 0;
        char name[SC_PATH + 32];
        snprintf(name, sizeof name, "%s", h->name);
        if (!strcmp(h->type, "NamedPipe")) {
            snprintf(name, sizeof name, "\\Device\\NamedPipe\\%s", h->name[0] == '\\' ? h->name + 1 : h->name);
            obj = file_object_create(f, name, p->pid);
        } else if (t == OT_FILE) {
            obj = file_object_create(f, h->name[0] ? h->name : "C:\\Windows", p->pid);
        } else if (t == OT_KEY) {
            snprintf(name, sizeof name, "%s", h->name[0] ? h->name : "\\REGISTRY\\MACHINE");
            obj = key_object_create(f, name, p->pid);
        } else if (t == OT_PROCESS || t == OT_THREAD || t == OT_TOKEN) {
            struct fprocess *tp = proc_by_ref(f, &h->target);
            if (!tp)
                continue;
            if (t == OT_PROCESS) obj = tp->eprocess;
            else if (t == OT_TOKEN) obj = tp->token;
            else if (tp->nthreads) obj = tp->threads[0].ethread;
            else continue;
            /* named by handle_add_at() from the object, like the forge's own */
        } else if (t == OT_JOB) {
            obj = 0;
            for (size_t j = 0; j < f->njobs; j++)
                if (!strcmp(f->jobs[j].sc->name, h->name))
                    obj = f->jobs[j].va;
            if (!obj) {
                char jn[SC_PATH + 32];
                snprintf(jn, sizeof jn, "\\BaseNamedObjects\\%s", h->name);
                obj = object_named(f, OT_JOB, h->name[0] ? jn : NULL, p->pid);
            }
        } else {
            char full[SC_PATH + 32];
            if (h->name[0] && h->name[0] != '\\')
                snprintf(full, sizeof full, "%s\\BaseNamedObjects\\%s",
                         p->session ? "\\Sessions\\1" : "", h->name);
            else
                snprintf(full, sizeof full, "%s", h->name);
            obj = object_named(f, (enum obj_type)t, h->name[0] ? full : NULL, p->pid);
        }
        handle_add_at(f, p, obj, (enum obj_type)t, h->has_access ? h->access : default_access((enum obj_type)t),
                      name, h->value);
        if (h->inherit)
            p->handles[p->nhandles - 1].attributes |= HANDLE_ATTR_INHERIT;
    }
}

void handles_build(struct forge *f)
{
    for (size_t i = 0; i < f->nprocs; i++) {
        struct fprocess *p = &f->procs[i];
        if (p->exited)
            continue;
        scenario_handles(f, p);
        if (p->sc->nhandles)
            continue;           /* the scenario said exactly which */
        const char *n = p->sc->name;
        if (p->pid == 4) {
            handle_add(f, p, file_object_create(f, "C:\\pagefile.sys", 4), OT_FILE, 0x12019F, "\\pagefile.sys");
            handle_add(f, p, file_object_create(f, "C:\\swapfile.sys", 4), OT_FILE, 0x12019F, "\\swapfile.sys");
            add_key(f, p, "\\REGISTRY\\MACHINE\\SYSTEM\\ControlSet001\\Control\\Session Manager\\Memory Management\\PrefetchParameters", 0x20019, 4);
            add_key(f, p, "\\REGISTRY\\MACHINE\\SYSTEM\\ControlSet001\\Services\\Tcpip\\Parameters", 0xF003F, 4);
            handle_add(f, p, object_named(f, OT_EVENT, "\\KernelObjects\\LowMemoryCondition", 4), OT_EVENT, 0x100003, "");
            handle_add(f, p, object_named(f, OT_EVENT, NULL, 4), OT_EVENT, 0x1F0003, "");
            continue;
        }
        if (p->sc->kernel_only)
            continue;
        char bno[64];
        snprintf(bno, sizeof bno, "%s\\BaseNamedObjects", p->session ? "\\Sessions\\1" : "");
        char nm[SC_PATH];
        handle_add(f, p, object_named(f, OT_DIRECTORY, "\\KnownDlls", p->pid), OT_DIRECTORY, 0x3, "\\KnownDlls");
        handle_add(f, p, object_named(f, OT_EVENT, NULL, p->pid), OT_EVENT, 0x1F0003, "");
        handle_add(f, p, object_named(f, OT_EVENT, NULL, p->pid), OT_EVENT, 0x1F0003, "");
        handle_add(f, p, object_named(f, OT_WAITCOMPLETIONPACKET, NULL, p->pid), OT_WAITCOMPLETIONPACKET, 0x1, "");
        handle_add(f, p, object_named(f, OT_IOCOMPLETION, NULL, p->pid), OT_IOCOMPLETION, 0x1F0003, "");
        handle_add(f, p, object_named(f, OT_TPWORKERFACTORY, NULL, p->pid), OT_TPWORKERFACTORY, 0xF00FF, "");
        handle_add(f, p, object_named(f, OT_IRTIMER, NULL, p->pid), OT_IRTIMER, 0x100002, "");
        add_key(f, p, "\\REGISTRY\\MACHINE\\SYSTEM\\ControlSet001\\Control\\Nls\\Sorting\\Versions", 0x20019, p->pid);
        add_key(f, p, "\\REGISTRY\\MACHINE", 0x1, p->pid);
        add_key(f, p, "\\REGISTRY\\MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options", 0x20019, p->pid);
        snprintf(nm, sizeof nm, "%s\\SM0:%u:304:WilStaging_02", bno, p->pid);
        handle_add(f, p, object_named(f, OT_MUTANT, nm, p->pid), OT_MUTANT, 0x1F0001, nm);
        snprintf(nm, sizeof nm, "%s\\SM0:%u:304:WilStaging_02_p0", bno, p->pid);
        handle_add(f, p, object_named(f, OT_SEMAPHORE, nm, p->pid), OT_SEMAPHORE, 0x1F0003, nm);
        for (size_t t = 0; t < 4; t++)
            handle_add(f, p, object_named(f, OT_ETWREGISTRATION, NULL, p->pid), OT_ETWREGISTRATION, 0x804, "");
        handle_add(f, p, object_named(f, OT_ALPCPORT, NULL, p->pid), OT_ALPCPORT, 0x1F0001, "");
        if (p->nthreads)
            handle_add(f, p, p->threads[0].ethread, OT_THREAD, 0x1FFFFF, "");
        if (p->sc->gui) {
            /* session 0's window stations live in \\Windows, the others' in \\Sessions\\N */
            char ws[96];
            if (p->session)
                snprintf(ws, sizeof ws, "\\Sessions\\%u\\Windows\\WindowStations\\WinSta0", p->session);
            else
                snprintf(ws, sizeof ws, "\\Windows\\WindowStations\\WinSta0");
            handle_add(f, p, object_named(f, OT_WINDOWSTATION, ws, p->pid), OT_WINDOWSTATION, 0xF037F, "");
            handle_add(f, p, object_named(f, OT_DESKTOP, "\\Default", p->pid), OT_DESKTOP, 0xF01FF, "");
            snprintf(nm, sizeof nm, "%s\\windows_shell_global_counters", bno);
            handle_add(f, p, object_named(f, OT_SECTION, nm, p->pid), OT_SECTION, 0x4, nm);
        }
        if (!strcasecmp(n, "cmd.exe") || !strcasecmp(n, "powershell.exe") || !strcasecmp(n, "conhost.exe")) {
            handle_add(f, p, file_object_create(f, "\\Device\\ConDrv\\Connect", p->pid), OT_FILE, 0x12019F, "");
            handle_add(f, p, file_object_create(f, "\\Device\\ConDrv\\Input", p->pid), OT_FILE, 0x12019F, "");
            handle_add(f, p, file_object_create(f, "\\Device\\ConDrv\\Output", p->pid), OT_FILE, 0x12019F, "");
        }
        if (!strcasecmp(n, "notepad.exe"))
            handle_add(f, p, file_object_create(f, "C:\\Users\\jdoe\\Documents\\notes.txt", p->pid), OT_FILE, 0x120089, "");
        if (!strcasecmp(n, "lsass.exe")) {
            pipe_serve(f, "lsass", p, NULL, 0);
            add_key(f, p, "\\REGISTRY\\MACHINE\\SECURITY", 0xF003F, p->pid);
            add_key(f, p, "\\REGISTRY\\MACHINE\\SAM\\SAM", 0xF003F, p->pid);
        }
        if (!strcasecmp(n, "services.exe"))
            pipe_serve(f, "ntsvcs", p, NULL, 0);
        if (!strcasecmp(n, "spoolsv.exe"))
            pipe_serve(f, "spoolss", p, NULL, 0);
    }
    /* csrss holds a handle to each process (and its first thread) of its
     * session created after it; services.exe to the service hosts;
     * explorer to the programs it started */
    for (size_t c = 0; c < f->nprocs; c++) {
        struct fprocess *h = &f->procs[c];
        if (h->exited || h->sc->nhandles)
            continue;
        int is_csrss = !strcasecmp(h->sc->name, "csrss.exe");
        int is_svc = !strcasecmp(h->sc->name, "services.exe");
        int is_exp = !strcasecmp(h->sc->name, "explorer.exe");
        if (!is_csrss && !is_svc && !is_exp)
            continue;
        for (size_t i = 0; i < f->nprocs; i++) {
            struct fprocess *p = &f->procs[i];
            if (p == h || p->freed || p->sc->kernel_only || !strcasecmp(p->sc->name, "smss.exe"))
                continue;
            if (is_csrss && (p->session != h->session || p->create_time < h->create_time))
                continue;
            if ((is_svc || is_exp) && p->ppid != h->pid)
                continue;
            handle_add(f, h, p->eprocess, OT_PROCESS, is_csrss ? 0x1FFFFF : 0x1478, "");
            if (is_csrss && p->nthreads)
                handle_add(f, h, p->threads[0].ethread, OT_THREAD, 0x1FFFFF, "");
        }
    }
    /* pipes from the scenario: one instance per client (pipes.c) */
    for (size_t i = 0; i < f->sc->npipes; i++) {
        struct sc_pipe *pp = &f->sc->pipes[i];
        struct fprocess **cl = fx_tmp(f, pp->nclients + 1, sizeof *cl);
        size_t n = 0;
        for (size_t c = 0; c < pp->nclients; c++)
            if ((cl[n] = proc_by_ref(f, &pp->clients[c])))
                n++;
        pipe_serve(f, pp->name, proc_by_ref(f, &pp->server), cl, n);
        fx_tmp_free(f, cl);
    }
}
