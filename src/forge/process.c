/* Processes: EPROCESS/KPROCESS objects ('Proc') and everything hanging off
 * them, created in start order as PspAllocateProcess/PspInsertProcess do,
 * then linked into PsActiveProcessHead, the session lists and the
 * handle-table list. */
#include "forge/forge_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/bytes.h"
#include "base/cp1252.h"

struct fprocess *proc_by_pid(struct forge *f, uint32_t pid)
{
    for (size_t i = 0; i < f->nprocs; i++)
        if (f->procs[i].pid == pid)
            return &f->procs[i];
    return NULL;
}

struct fprocess *proc_by_ref(struct forge *f, const struct sc_ref *r)
{
    if (r->pid)
        return proc_by_pid(f, r->pid);
    for (size_t i = 0; i < f->nprocs; i++)
        if (!strcasecmp(f->procs[i].sc->name, r->name))
            return &f->procs[i];
    return NULL;
}

static int by_start(const void *a, const void *b)
{
    const struct sc_process *const *x = a, *const *y = b;
    if ((*x)->pid == 4) return -1;
    if ((*y)->pid == 4) return 1;
    if ((*x)->create_offset != (*y)->create_offset)
        return (*x)->create_offset < (*y)->create_offset ? -1 : 1;
    return *x < *y ? -1 : *x > *y;
}

static uint32_t image_path_hash(const char *s)
{
    uint32_t h = 0;
    for (; *s; s++)
        h = h * 65599u + (uint32_t)(unsigned char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s);
    return h;
}

/* The first allocations every process gets, before its threads. */
static int proc_create(struct forge *f, struct fprocess *p, struct ep_error *err)
{
    const struct layout *L = &f->L;
    struct sc_process *sp = p->sc;
    p->pid = sp->pid;
    p->ppid = sp->ppid;
    p->creator_pid = sp->ppid;
    p->session = sp->session;
    p->create_time = filetime_after(f, sp->create_offset);
    if (sp->exit_offset >= 0) {
        p->exited = 1;
        p->exit_time = filetime_after(f, sp->exit_offset);
    }
    p->root = p->pid == 4 ? f->sys_root : pg_new_root(f);

    struct obj_spec os = { .type = OT_PROCESS, .body_size = L->sz_EPROCESS, .info_mask = OBH_QUOTA,
                           .pointer_count = 8 };
    p->eprocess = obj_create(f, &os);
    if (token_create(f, p, err) == 0)
        return -1;
    handles_init(f, p);
    if (!sp->kernel_only && !p->exited) {
        /* the current directory handle exists before the PEB is written */
        char cwd[SC_PATH + 32];
        const char *c = sp->cwd[0] ? sp->cwd : "C:\\Windows\\System32";
        snprintf(cwd, sizeof cwd, "%s", c);
        size_t n = strlen(cwd);
        if (n > 3 && cwd[n - 1] == '\\')
            cwd[n - 1] = 0;
        uint64_t fo = file_object_create(f, cwd, p->pid);
        p->cwd_handle = handle_add(f, p, fo, OT_FILE, 0x100020, cwd);
    }
    if (!sp->kernel_only) {
        if (peb_build(f, p, err))
            return -1;
        p->image_file_object = file_object_create(f, sp->image, p->pid);
    }
    /* threads */
    size_t nt = p->exited ? 0 : sp->nthreads;
    p->threads = fx_alloc(nt + 16, sizeof *p->threads);
    p->cap_threads = nt + 16;
    for (size_t i = 0; i < nt; i++) {
        struct sc_thread st = sp->threads[i];
        if (!st.tid)
            st.tid = cid_alloc(f);
        if (thread_create(f, p, &st, &p->threads[p->nthreads], err))
            return -1;
        p->nthreads++;
    }
    /* extra VADs from the scenario */
    for (size_t i = 0; i < sp->nvads; i++) {
        const struct sc_vad *d = &sp->vads[i];
        uint64_t start = d->start;
        struct fvad *in_use;
        if (!start) {
            start = user_reserve(f, p, d->size);
        } else if ((in_use = vad_overlapping(p, start, d->size)) != NULL) {
            forge_fail(EP_EXIT_USAGE, "%s: key 'processes[%zu].vads[%zu].start': 0x%llx-0x%llx overlaps "
                       "the process's region 0x%llx-0x%llx (a VAD tree never overlaps)", f->sc->path,
                       (size_t)(sp - f->sc->procs) - f->sc->procs_prepended, i, (unsigned long long)start,
                       (unsigned long long)(start + d->size - 1), (unsigned long long)in_use->start,
                       (unsigned long long)in_use->end);
        }
        vad_add(f, p, start, d->size, d->protection, d->kind, d->file, d->kind == SC_VAD_PRIVATE);
        if (d->pe || d->code) {
            f->user_pte_flags = PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D;
            if (d->pe) {
                struct pe_image img = {0};
                snprintf(img.name, sizeof img.name, "injected.dll");
                img.base = start;
                img.size = (uint32_t)(d->size > 0x10000000 ? 0x10000000 : d->size);
                img.entry_rva = 0x1000 < img.size ? 0x1000 : 0x10;
                img.timestamp = 0x65A1B2C3;
                img.is_dll = 1;
                pe_write_image(f, p->root, &img);
            } else {
                static const uint8_t sc_code[] = { 0xFC, 0x48, 0x83, 0xE4, 0xF0, 0xE8, 0xC0, 0x00, 0x00,
                                                   0x00, 0x41, 0x51, 0x41, 0x50, 0x52, 0x51, 0x56, 0x48 };
                uw(f, p, start, sc_code, sizeof sc_code);
            }
            f->user_pte_flags = 0;
        }
    }
    return 0;
}

/* Fill the EPROCESS body once everything it points at exists. */
uint8_t forge_protection_level(const struct sc_process *sp, const struct fprocess *p)
{
    /* _PS_PROTECTION: Type bits 0-2 (1 light, 2 full), Signer bits 4-7
     * (4 Lsa, 7 WinSystem): public _PS_PROTECTED_TYPE/_SIGNER enums. */
    return sp->protected_light ? 0x41 : (p->pid == 4 ? 0x72 : 0);
}

void proc_write(struct forge *f, struct fprocess *p)
{
    const struct layout *L = &f->L;
    struct sc_process *sp = p->sc;
    uint32_t sz = L->sz_EPROCESS;
    uint8_t *b = fx_tmp(f, 1, sz);
    uint32_t pcb = (uint32_t)L->ep_Pcb.off;
    struct fld fl;
#define KP(field, v) do { fl = L->field; if (fl.off >= 0) { fl.off += (int32_t)pcb; fset(b, &fl, (v)); } } while (0)
    if (fhas(&L->kp_Header)) {
        b[pcb + L->kp_Header.off] = 3;                  /* ProcessObject */
        b[pcb + L->kp_Header.off + 2] = 0x38;           /* Size in dwords (0x1c8/8) */
    }
    KP(kp_DirectoryTableBase, p->root);
    KP(kp_UserDirectoryTableBase, p->pid == 4 ? 0 : p->root | 0x1);   /* KVA shadow: user copy */
    KP(kp_BasePriority, p->pid == 4 ? 8 : 8);
    KP(kp_KernelTime, rng_range(&f->rng, 10, 3000));
    KP(kp_UserTime, sp->kernel_only ? 0 : rng_range(&f->rng, 10, 9000));
    KP(kp_ActiveProcessors, 0);
#undef KP
    fset(b, &L->ep_UniqueProcessId, p->pid);
    fset(b, &L->ep_CreateTime, p->create_time);
    fset(b, &L->ep_ExitTime, p->exit_time);
    fset(b, &L->ep_InheritedFromUniqueProcessId, p->ppid);
    fset(b, &L->ep_OwnerProcessId, p->ppid);
    fset(b, &L->ep_Token, p->token | (uint64_t)(rng_range(&f->rng, 1, 15)));   /* EX_FAST_REF */
    fset(b, &L->ep_Peb, p->peb);
    fset(b, &L->ep_WoW64Process, p->ewow64);
    fset(b, &L->ep_ObjectTable, p->exited ? 0 : p->handle_table);
    fset(b, &L->ep_Session, (p->pid == 4 || sp->kernel_only || !strcmp(sp->name, "smss.exe")) ? 0 : p->session_space);
    fset(b, &L->ep_Win32Process, p->win32process);
    fset(b, &L->ep_DxgProcess, p->dxgprocess);
    fset(b, &L->ep_Job, p->job);
    for (size_t j = 0; p->job && j < f->njobs; j++)
        if (f->jobs[j].va == p->job && f->jobs[j].server_silo_globals)
            fset(b, &L->ep_ServerSilo, p->job);
    fset(b, &L->ep_SectionObject, p->section_object);
    fset(b, &L->ep_SectionBaseAddress, p->image_base);
    fset(b, &L->ep_ImageFilePointer, p->image_file_object);
    fset(b, &L->ep_Cookie, (uint32_t)rng_next(&f->rng));
    fset(b, &L->ep_VirtualSize, 0x2000000000ULL + p->nvads * 0x100000ULL);
    fset(b, &L->ep_PeakVirtualSize, 0x2000000000ULL + p->nvads * 0x180000ULL);
    fset(b, &L->ep_CommitCharge, 0x200 + p->nvads * 8);
    fset(b, &L->ep_HighestUserAddress, 0x7FFFFFFEFFFFULL);
    fset(b, &L->ep_PriorityClass, 2);                     /* NORMAL */
    fset(b, &L->ep_ImagePathHash, sp->image[0] ? image_path_hash(sp->image) : 0);
    fset(b, &L->ep_SignatureLevel, sp->protected_light ? 0x3E : 0x0C);
    fset(b, &L->ep_SectionSignatureLevel, sp->protected_light ? 0x3C : 0x08);
    fset(b, &L->ep_Protection, forge_protection_level(sp, p));
    fset(b, &L->ep_Machine, 0x8664);
    fset(b, &L->ep_SequenceNumber, (uint64_t)(p - f->procs) + 1);
    fset(b, &L->ep_CreateInterruptTime, p->create_time - f->boot_time);
    /* Flags: ProcessInserted, HasAddressSpace, ProcessInSession, VmTopDown... */
    uint32_t flags = 0x144D0C01u;
    if (p->exited) flags |= 0x4 | 0x8 | 0x20;        /* ProcessExiting | ProcessDelete | VmDeleted */
    fset(b, &L->ep_Flags, flags);
    fset(b, &L->ep_Flags2, 0x200D000u);
    fset(b, &L->ep_Flags3, p->pid == 4 ? 0x1000u : 0);   /* SystemProcess */
    fset(b, &L->ep_ExitStatus, p->exited ? 0 : 0x103);    /* STATUS_PENDING while alive */
    fset(b, &L->ep_ActiveThreads, proc_active_threads(p));
    fset(b, &L->ep_ActiveThreadsHighWatermark, (uint64_t)p->nthreads);
    fset(b, &L->ep_VadRoot, p->vad_root);
    fset(b, &L->ep_VadHint, p->vad_root);
    fset(b, &L->ep_VadCount, p->nvads);
    fset(b, &L->ep_PageDirectoryPte, 0);
    if (fhas(&L->ep_ImageFileName)) {
        /* The kernel keeps the first 15 bytes of the name in the ANSI code
         * page (base/cp1252.h), not UTF-8. */
        uint8_t name[15] = {0};
        cp1252_from_utf8(name, sizeof name, sp->name);
        memcpy(b + L->ep_ImageFileName.off, name, 15);
    }
    /* self-linked lists until linking */
    const struct fld *selfl[] = { &L->ep_ActiveProcessLinks, &L->ep_SessionProcessLinks,
                                  &L->ep_JobLinks, &L->ep_MmProcessLinks, &L->ep_ThreadListHead };
    for (size_t i = 0; i < ARRAY_LEN(selfl); i++)
        if (fhas(selfl[i])) {
            put64(b + selfl[i]->off, p->eprocess + (uint64_t)selfl[i]->off);
            put64(b + selfl[i]->off + 8, p->eprocess + (uint64_t)selfl[i]->off);
        }
    if (fhas(&L->kp_ThreadListHead)) {
        uint64_t h = p->eprocess + pcb + (uint64_t)L->kp_ThreadListHead.off;
        put64(b + pcb + L->kp_ThreadListHead.off, h);
        put64(b + pcb + L->kp_ThreadListHead.off + 8, h);
    }
    kw(f, p->eprocess, b, sz);
    fx_tmp_free(f, b);

    /* SeAuditProcessCreationInfo.ImageFileName: the NT path of the image */
    if (fhas(&L->ep_SeAuditProcessCreationInfo) && sp->image[0]) {
        char nt[SC_PATH + 32];
        const char *img = sp->image;
        if (img[0] && img[1] == ':')
            snprintf(nt, sizeof nt, "\\Device\\HarddiskVolume3%s", img + 2);
        else
            snprintf(nt, sizeof nt, "%s", img);
        uint64_t oni = pool_alloc(f, POOL_PAGED, 16 + (uint32_t)strlen(nt) * 2 + 2, "SeOn");
        uint16_t w[SC_PATH + 32];
        size_t n = utf16_from_ascii(w, ARRAY_LEN(w), nt);
        kw(f, oni + 16, w, n * 2 + 2);
        uint8_t u[16] = {0};
        put16(u, (uint16_t)(n * 2));
        put16(u + 2, (uint16_t)(n * 2 + 2));
        put64(u + 8, oni + 16);
        kw(f, oni, u, 16);
        kw64(f, p->eprocess + (uint64_t)L->ep_SeAuditProcessCreationInfo.off, oni);
    }
}

/* cyclic_list: p's ActiveProcessLinks.Flink, already linked to its
 * successor, is turned back at an earlier entry of the list (a rootkit's
 * or a smeared capture's loop).  Blinks stay as they were, so the
 * processes after p are still reachable walking backwards. */
static void make_cycle(struct forge *f, struct fprocess *p, struct fprocess *const *listed,
                       const uint64_t *nodes, size_t n)
{
    size_t k = 0, j = 0;
    while (k < n && listed[k] != p)
        k++;
    if (k == n)
        forge_fail(EP_EXIT_USAGE, "%s: key 'techniques[%zu].target': PID %u is not on the active "
                   "process list (unlinked), so its links cannot loop", f->sc->path, p->loop_key, p->pid);
    if (p->loop_to) {
        while (j < n && listed[j] != p->loop_to)
            j++;
        if (j > k)
            forge_fail(EP_EXIT_USAGE, "%s: key 'techniques[%zu].back_to': PID %u is not on the active "
                       "process list before PID %u", f->sc->path, p->loop_key, p->loop_to->pid, p->pid);
    }
    kw64(f, nodes[k], nodes[j]);
    struct ftech *t = &f->techs[p->loop_tech];
    t->back_to = listed[j]->pid;
    if (t->ntouched < 8) {
        snprintf(t->touched[t->ntouched].what, sizeof t->touched[0].what, "ActiveProcessLinks.Flink");
        t->touched[t->ntouched++].va = nodes[k];
    }
    if (t->ntouched < 8) {
        snprintf(t->touched[t->ntouched].what, sizeof t->touched[0].what, "EPROCESS (back_to)");
        t->touched[t->ntouched++].va = listed[j]->eprocess;
    }
    if (k + 1 < n)
        snprintf(t->detail, sizeof t->detail,
                 "ActiveProcessLinks.Flink of PID %u (entry %zu of %zu) points back at PID %u (entry %zu) "
                 "instead of its successor; a forward walk from PsActiveProcessHead loops there, and the "
                 "%zu processes after it are reachable only through Blinks", p->pid, k + 1, n,
                 listed[j]->pid, j + 1, n - k - 1);
    else
        snprintf(t->detail, sizeof t->detail,
                 "ActiveProcessLinks.Flink of PID %u (the last of %zu entries) points back at PID %u "
                 "(entry %zu) instead of the head; a forward walk from PsActiveProcessHead meets every "
                 "linked process, then loops", p->pid, n, listed[j]->pid, j + 1);
}

static void link(struct forge *f, uint64_t head, const uint64_t *nodes, size_t n)
{
    uint64_t prev = head;
    for (size_t i = 0; i < n; i++) {
        kw64(f, prev, nodes[i]);
        kw64(f, nodes[i] + 8, prev);
        prev = nodes[i];
    }
    kw64(f, prev, head);
    kw64(f, head + 8, prev);
}

int proc_on_handle_table_list(const struct fprocess *p)
{
    return p->handle_table && !p->exited;
}

uint64_t proc_mm_list_head(const struct forge *f)
{
    uint64_t mistate = ksym(f, "MiState");
    if (!mistate || !fhas(&f->L.mi_ProcessList) || !fhas(&f->L.ep_MmProcessLinks))
        return 0;
    return mistate + (uint64_t)f->L.mi_ProcessList.off;
}

uint64_t proc_ki_list_head(const struct forge *f)
{
    return fhas(&f->L.kp_ProcessListEntry) ? ksym(f, "KiProcessListHead") : 0;
}

/* A process leaves the memory manager's and the scheduler's lists when its
 * address space is torn down at exit; Idle (PID 0) is on neither. */
int proc_on_redundant_lists(const struct fprocess *p)
{
    return p->pid && !p->freed && !p->exited;
}

void proc_link_lists(struct forge *f)
{
    const struct layout *L = &f->L;
    uint64_t *nodes = fx_tmp(f, f->nprocs + 1, sizeof *nodes);
    size_t n = 0;
    /* ActiveProcessLinks: every live (or exited-but-referenced) process */
    uint64_t head = ksym(f, "PsActiveProcessHead");
    struct fprocess **listed = fx_tmp(f, f->nprocs + 1, sizeof *listed);
    for (size_t i = 0; i < f->nprocs; i++) {
        struct fprocess *p = &f->procs[i];
        if (p->pid == 0 || p->unlinked || p->freed)
            continue;
        listed[n] = p;
        nodes[n++] = p->eprocess + (uint64_t)L->ep_ActiveProcessLinks.off;
    }
    if (head) {
        link(f, head, nodes, n);
        for (size_t i = 0; i < f->nprocs; i++)
            if (f->procs[i].loop_set)
                make_cycle(f, &f->procs[i], listed, nodes, n);
    }
    fx_tmp_free(f, listed);
    /* MmProcessLinks: the memory manager's list, headed in
     * MiState.Processes.ProcessList.  Both it and the scheduler's list
     * below hold every process with an address space; unlinking from
     * ActiveProcessLinks (the classic DKOM) leaves them alone, which is
     * what makes them views (proc_on_redundant_lists says who is on them). */
    uint64_t mmhead = proc_mm_list_head(f);
    if (mmhead) {
        n = 0;
        for (size_t i = 0; i < f->nprocs; i++)
            if (proc_on_redundant_lists(&f->procs[i]))
                nodes[n++] = f->procs[i].eprocess + (uint64_t)L->ep_MmProcessLinks.off;
        link(f, mmhead, nodes, n);
    }
    /* KPROCESS.ProcessListEntry: KiProcessListHead */
    uint64_t kihead = proc_ki_list_head(f);
    if (kihead) {
        n = 0;
        for (size_t i = 0; i < f->nprocs; i++)
            if (proc_on_redundant_lists(&f->procs[i]))
                nodes[n++] = f->procs[i].eprocess + (uint64_t)L->ep_Pcb.off + (uint64_t)L->kp_ProcessListEntry.off;
        link(f, kihead, nodes, n);
    }
    /* handle tables: HandleTableListHead (the built-in profile has it) */
    uint64_t hthead = ksym(f, "HandleTableListHead");
    if (hthead && fhas(&L->ht_HandleTableList)) {
        n = 0;
        for (size_t i = 0; i < f->nprocs; i++)
            if (proc_on_handle_table_list(&f->procs[i]))
                nodes[n++] = f->procs[i].handle_table + (uint64_t)L->ht_HandleTableList.off;
        link(f, hthead, nodes, n);
    }
    fx_tmp_free(f, nodes);
}

int proc_create_all(struct forge *f, struct ep_error *err)
{
    struct scenario *sc = f->sc;
    struct sc_process **order = fx_tmp(f, sc->nprocs, sizeof *order);
    /* the IDs the scenario names are taken before any is handed out:
     * PIDs, the PIDs of parents that have exited (so that no thread later
     * wears a PPID someone may look up), System's 4 and the scenario's TIDs */
    cid_reserve(f, 4);
    for (size_t i = 0; i < sc->nprocs; i++) {
        order[i] = &sc->procs[i];
        cid_reserve(f, sc->procs[i].pid);
        if (sc->procs[i].ppid)
            cid_reserve(f, sc->procs[i].ppid);
        for (size_t t = 0; t < sc->procs[i].nthreads; t++)
            if (sc->procs[i].threads[t].tid)
                cid_reserve(f, sc->procs[i].threads[t].tid);
    }
    qsort(order, sc->nprocs, sizeof *order, by_start);
    f->procs = fx_alloc(sc->nprocs + 1, sizeof *f->procs);
    for (size_t i = 0; i < sc->nprocs; i++) {
        struct fprocess *p = &f->procs[f->nprocs++];
        p->sc = order[i];
        p->session_space = 0;
        for (size_t s = 0; s < f->nsessions; s++)
            if (f->sessions[s].id == order[i]->session)
                p->session_space = f->sessions[s].va;
        if (proc_create(f, p, err)) {
            fx_tmp_free(f, order);
            return -1;
        }
    }
    fx_tmp_free(f, order);
    return 0;
}
