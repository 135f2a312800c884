/* The memory-image filler: every process that the kernel's active process
 * list or the pool scan finds (docs/architecture.md, "Fillers").
 *
 * Kernel facts come from the EPROCESS and each ETHREAD on its
 * ThreadListHead (windows/); user memory is read through the process's own
 * page tables (EPROCESS.Pcb.DirectoryTableBase, vas_image.c); the PEB
 * address is EPROCESS.Peb and each TEB KTHREAD.Teb, both from the
 * profile's offsets (windows/layout.c).  The user-mode walk is the one
 * minidumps use (user.c, loader.c, fibers.c).  The modules are the
 * loader's InLoadOrderModuleList, the list Windows tools show. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anatomy/fill.h"
#include "anatomy/from_image_kernel.h"
#include "anatomy/walk.h"
#include "windows/kernel.h"
#include "windows/kmodules.h"
#include "windows/process.h"
#include "windows/psscan.h"
#include "windows/threads.h"
#include "windows/triage.h"

struct image_source {
    struct capture *cap;
    struct process_list procs;
    char no_regions[256];        /* why VADs cannot be read, for a->no_regions */
    struct an_store *store;      /* the kernel parts' allocations */
};

static void free_source(void *arg)
{
    struct image_source *s = arg;
    process_list_free(&s->procs);
    an_store_free(s->store);
    free(s);
}

static void release_pages(void *arg)
{
    struct image_source *s = arg;
    capture_release_pages(s->cap);
}

/* Processes from the active list, then those only the pool scan sees
 * (unlinked, exited), each EPROCESS once. */
static int collect(struct kernel *k, struct process_list *all, int listed_only, struct ep_error *err)
{
    if (kernel_is_partial(k)) {
        warn_partial_capture(k);
        return processes_from_triage(k, all, err);
    }
    if (processes_from_list(k, all, err) != 0)
        return -1;
    if (listed_only)
        return 0;
    struct process_list scanned = { 0 };
    struct scan_stats st;
    struct ep_error serr = {{0}};
    if (scan_objects(k, &scanned, NULL, &st, &serr) == 0) {
        for (unsigned i = 0; i < scanned.n; i++) {
            const struct ep_process *q = &scanned.items[i];
            if (q->va && process_list_find_va(all, q->va) >= 0)
                continue;
            int dup = 0;   /* a scan hit without an address: match by pid and create time */
            for (unsigned j = 0; j < all->n && !q->va && !dup; j++)
                dup = all->items[j].pid == q->pid && all->items[j].create == q->create;
            if (!dup)
                process_list_add(all, q);
        }
    } else {
        ep_info("pool scan for processes not on the active list failed: %s", serr.msg);
    }
    process_list_free(&scanned);
    return 0;
}

static void fill_kernel_facts(const struct ep_process *e, struct an_process *p)
{
    p->pid = e->pid;
    p->pid_known = 1;
    p->ppid = e->ppid;
    p->ppid_known = 1;
    snprintf(p->name, sizeof p->name, "%s", e->name);
    p->has_kernel = 1;
    p->eprocess = e->va;
    p->eprocess_pa = e->pa;
    p->create = e->create;
    p->exit = e->exit;
    p->dtb = e->dtb;
    snprintf(p->kernel_path, sizeof p->kernel_path, "%s", e->path);
    p->has_protection = e->has_protection;
    p->protection = e->protection;
    p->peb_hint = e->peb;
    p->kernel_views = e->views;
    p->active_threads = e->threads;
    p->handle_count = e->handles;
    p->wow64_process = e->wow64;
    p->exiting = e->exiting;
    p->deleted = e->deleted;
    p->minimal = e->minimal;
    p->job = e->job;
}

/* A process filled with its own facts only (AN_ONLY_PROCESS_FACTS): the
 * user-mode parts say they are unknown rather than read-and-empty. */
static void mark_not_walked(struct an_process *p)
{
    p->peb.av = p->params.av = p->ldr.av = AN_AV_UNKNOWN;
    snprintf(p->peb.why, sizeof p->peb.why, "not walked (only the process's own facts were asked for)");
    snprintf(p->params.why, sizeof p->params.why, "%s", p->peb.why);
    snprintf(p->ldr.why, sizeof p->ldr.why, "%s", p->peb.why);
    p->params.env_av = AN_AV_UNKNOWN;
    p->fls_av = AN_AV_UNKNOWN;
    p->fiber_scan = -1;
}

static void thread_from_kernel(const struct ep_thread *th, struct an_thread *t)
{
    t->tid = th->tid;
    t->pid = th->pid;
    t->teb_va = th->teb;
    t->has_kernel = 1;
    t->ethread = th->va;
    t->ethread_pa = th->pa;
    t->win32_start = th->win32_start;
    t->has_start = t->has_times = 1;
    t->start = th->start;
    t->create = th->create;
    t->exit = th->exit;
    t->has_kstack = th->stack_base || th->stack_limit || th->initial_stack;
    t->kstack_base = th->stack_base;
    t->kstack_limit = th->stack_limit;
    t->kstack_initial = th->initial_stack;
    t->kernel_sp = th->kernel_stack;
    t->trap_frame = th->trap_frame;
    if (th->impersonating && (th->impersonation_data & ~0xfull)) {
        t->impersonating = 1;
        t->impersonation_token = th->impersonation_data & ~0x7ull;
        t->impersonation_level = (uint32_t)(th->impersonation_data & 3);
        t->effective_only = (int)((th->impersonation_data >> 2) & 1);
    }
}

/* A kernel triage dump's faulting thread, from its ETHREAD copy: the one
 * thread the dump holds whole (the ThreadListHead entries it links to are
 * not in it).  Marked faulted. */
static void add_triage_thread(struct kernel *k, struct an_process *p)
{
    struct ep_thread th;
    uint64_t rip;
    struct ep_error err = {{0}};
    if (triage_thread(k, &th, &rip, &err) != 0) {
        ep_warn("%s", err.msg);
        return;
    }
    struct an_thread *t = NULL;
    for (size_t i = 0; i < p->nthreads && !t; i++)
        if (p->threads[i].tid == th.tid)
            t = &p->threads[i];
    if (!t) {
        struct an_thread *grown = ep_calloc(p->nthreads + 1, sizeof *grown);
        if (p->nthreads)
            memcpy(grown, p->threads, p->nthreads * sizeof *grown);
        free(p->threads);
        p->threads = grown;
        t = &p->threads[p->nthreads++];
    }
    thread_from_kernel(&th, t);
    t->trap_rip = rip;
    if (th.pid != p->pid)
        ep_warn("%s: the faulting thread %llu's Cid names PID %llu, the dump's process copy is PID %llu (%s): "
                "the dump did not save the thread's own process (PID 0: the idle thread)", k->cap->file.path,
                (unsigned long long)th.tid, (unsigned long long)th.pid, (unsigned long long)p->pid, p->name);
    t->faulted = 1;
    p->have_threads = 1;
}

static void fill_threads(struct kernel *k, const struct ep_process *e, struct an_process *p)
{
    struct ep_thread_list tl = { 0 };
    struct ep_error err = {{0}};
    if (threads_of_process(k, e, &tl, &err) != 0) {
        ep_warn("PID %llu: threads unknown: %s", (unsigned long long)e->pid, err.msg);
        return;
    }
    p->have_threads = 1;
    p->nthreads = tl.n;
    p->threads = ep_calloc(tl.n, sizeof *p->threads);
    for (unsigned i = 0; i < tl.n; i++) {
        thread_from_kernel(&tl.items[i], &p->threads[i]);
    }
    thread_list_clear(&tl);
}

/* A loader's InLoadOrderModuleList as modules, in list order; entries that
 * could not be read are left out (the list's problem says where the walk
 * stopped).  Paths are copies; names point into the loader entries. */
static struct an_module *modules_of(const struct an_ldr *l, size_t *count)
{
    size_t n = l->lists[AN_LDR_LOAD].count;
    const struct an_ldr_entry **order = ep_calloc(n + 1, sizeof *order);
    for (size_t i = 0; i < l->nentries; i++) {
        const struct an_ldr_entry *e = &l->entries[i];
        if (e->in_load && e->load_index >= 0 && (size_t)e->load_index < n)
            order[e->load_index] = e;
    }
    struct an_module *mods = ep_calloc(n + 1, sizeof *mods);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const struct an_ldr_entry *e = order[i];
        if (!e || e->av != AN_AV_OK)
            continue;
        struct an_module *m = &mods[k++];
        m->ldr_entry = e->va;
        m->base = e->base;
        m->size = e->size;
        m->path = e->full_name.av == AN_AV_OK ? ep_strdup(e->full_name.text) : NULL;
        m->name = e->base_name.av == AN_AV_OK ? e->base_name.text : m->path ? an_base_name(m->path) : NULL;
        m->has_load = e->has_load;
        m->load_reason = e->load_reason;
        m->load_time = e->load_time;
    }
    free(order);
    *count = k;
    return mods;
}

/* The modules of a memory-image process: its InLoadOrderModuleList. */
static void modules_from_loader(struct an_process *p)
{
    const struct an_ldr *l = &p->ldr;
    p->modules_source = "InLoadOrderModuleList";
    p->modules_from_loader = 1;
    p->have_modules = l->av == AN_AV_OK;
    if (l->av != AN_AV_OK)
        return;
    snprintf(p->modules_problem, sizeof p->modules_problem, "%s", l->lists[AN_LDR_LOAD].problem);
    p->modules = modules_of(l, &p->nmodules);
    p->modules_owned = 1;
}

/* A WoW64 process's 32-bit half: EPROCESS.WoW64Process points at the
 * EWOW64PROCESS, whose first field is the 32-bit PEB (Vergilius Project,
 * _EWOW64PROCESS of Windows 10/11: Peb at 0, Machine at 8).  Its loader
 * lists are read through a 4-byte-pointer view of the same page tables. */
static void fill_wow64(struct kernel *k, const struct ep_process *e, struct an_process *p)
{
    uint64_t peb32;
    if (!e->wow64_process || vread_u64(k->vs, e->wow64_process, &peb32) != 0 || !peb32)
        return;
    p->wow64.present = 1;
    p->wow64.peb32 = peb32 & 0xffffffffu;
    struct vas *v32 = vas_from_image(k->cap, e->dtb, 4);
    an_walk_wow64(p, v32);
    vas_close(v32);
    if (p->wow64.ldr.av == AN_AV_OK)
        p->wow64.modules = modules_of(&p->wow64.ldr, &p->wow64.nmodules);
}

/* The kernel's modules, for resolving kernel addresses (system threads'
 * starts, callbacks): the loader's list, or a triage dump's driver list.
 * Without them kernel addresses stay unresolved; the modules command says
 * why. */
void an_fill_kernel_modules(struct kernel *k, struct anatomy *a)
{
    struct kmodule_list l = { 0 };
    struct ep_error err = {{0}};
    if (kmodules_of_capture(k, &l, &err) != 0) {
        kmodule_list_free(&l);
        return;
    }
    kmodules_read_pdb(k, &l);
    a->have_kernel_modules = 1;
    a->kernel_modules_source = l.source;
    a->kernel_modules = ep_calloc(l.n + 1, sizeof *a->kernel_modules);
    for (unsigned i = 0; i < l.n; i++) {
        const struct kmodule *km = &l.items[i];
        struct an_module *m = &a->kernel_modules[a->nkernel_modules++];
        m->base = km->base;
        m->size = km->size;
        m->path = ep_strdup(km->path);
        m->name = ep_strdup(km->name);
        m->has_checksum = km->has_checksum;
        m->checksum = km->checksum;
        m->timestamp = km->timestamp;
        m->has_cv = km->has_cv;
        snprintf(m->pdb_id, sizeof m->pdb_id, "%s", km->pdb_id);
        m->pdb_name = km->has_cv ? ep_strdup(km->pdb_name) : NULL;
        m->ldr_entry = km->entry;
    }
    an_index_kernel_modules(a);
    kmodule_list_free(&l);
}

int anatomy_from_image(struct kernel *k, const struct an_select *sel, struct anatomy **out,
                       struct ep_error *err)
{
    struct image_source *src = ep_calloc(1, sizeof *src);
    unsigned only = sel ? sel->only : 0;
    if (collect(k, &src->procs, (only & AN_ONLY_LISTED) != 0, err) != 0) {
        free_source(src);
        return -1;
    }
    struct anatomy *a = ep_calloc(1, sizeof *a);
    a->label = k->cap->file.path;
    a->kind = "memory image";
    a->source = src;
    a->source_free = free_source;
    src->cap = k->cap;
    a->source_release_pages = release_pages;
    if (!(only & AN_ONLY_PROCESS_FACTS))
        an_fill_kernel_modules(k, a);
    /* Handles and tokens are read when the command asks (an_select.parts):
     * naming every object costs more than the other parts together. */
    unsigned parts = sel ? sel->parts : 0;
    struct kobject_ctx kc;
    struct ep_error kerr = {{0}};
    unsigned kparts = parts & (AN_PART_HANDLES | AN_PART_TOKENS | AN_PART_THREAD_TOKENS);
    int have_kc = kparts && kobject_ctx_init(&kc, k, &kerr) == 0;
    if (kparts && !have_kc) {
        char why[300];
        snprintf(why, sizeof why, "kernel objects cannot be read: %s", kerr.msg);
        a->no_handles = a->no_tokens = an_store_strdup(&src->store, why);
    }
    a->procs = ep_calloc(src->procs.n + 1, sizeof *a->procs);
    for (unsigned i = 0; i < src->procs.n; i++) {
        const struct ep_process *e = &src->procs.items[i];
        if (sel && !an_select_match(sel, e->pid, 1, e->name, e->path))
            continue;
        /* Each process's walk maps pages all over the capture (whole
         * page-cache folios, up to 2 MiB each); let go of them every 16
         * processes (2,000 processes held 2.8 GB). */
        if (a->nprocs && (a->nprocs & 15) == 0)
            capture_release_pages(k->cap);
        struct an_process *p = &a->procs[a->nprocs++];
        fill_kernel_facts(e, p);
        an_image_session(e, p);
        if (only & AN_ONLY_PROCESS_FACTS) {
            mark_not_walked(p);
            continue;
        }
        fill_threads(k, e, p);
        if (kernel_is_partial(k))
            add_triage_thread(k, p);
        struct ep_error verr = {{0}};
        if (an_fill_vads(k, p, &verr) != 0 && verr.msg[0] && !a->no_regions) {
            snprintf(src->no_regions, sizeof src->no_regions, "%s", verr.msg);
            a->no_regions = src->no_regions;         /* said once by the commands that need them */
        }
        if (have_kc && (parts & AN_PART_HANDLES))
            an_image_handles(&kc, &src->procs, e, p, &src->store);
        if (have_kc && (parts & AN_PART_TOKENS))
            an_image_token(&kc, &src->procs, e, p, &src->store);
        for (size_t j = 0; have_kc && (parts & AN_PART_THREAD_TOKENS) && j < p->nthreads; j++)
            if (p->threads[j].impersonating)
                an_image_token_user(&kc, p->threads[j].impersonation_token, p->threads[j].impersonation_user,
                                    sizeof p->threads[j].impersonation_user);
        if (!e->peb) {
            /* System, Registry, MemCompression...: no user space */
            p->peb.av = p->params.av = p->ldr.av = AN_AV_NULL;
            snprintf(p->peb.why, sizeof p->peb.why, "EPROCESS.Peb is NULL (a process without user space)");
            snprintf(p->params.why, sizeof p->params.why, "%s", p->peb.why);
            snprintf(p->ldr.why, sizeof p->ldr.why, "%s", p->peb.why);
            p->params.env_av = AN_AV_UNKNOWN;
            p->fls_av = AN_AV_NULL;
            p->fiber_scan = -1;
            continue;
        }
        p->vas = vas_from_image(k->cap, e->dtb, 8);
        p->profile = an_user_profile(AN_CPU_X64);
        /* the scan reads every resident user page: only for who asks */
        p->scan_fibers = (parts & AN_PART_FIBER_SCAN) != 0;
        an_walk_user(p);
        modules_from_loader(p);
        an_index_modules(p);
        fill_wow64(k, e, p);
    }
    *out = a;
    return 0;
}
