/* The minidump filler: one process from the MDMP streams (thread records,
 * ModuleList, MemoryInfoList, HandleData, Token) and, over the dump's
 * memory lists, the user-mode walkers (docs/architecture.md). */
#include <stdlib.h>
#include <string.h>

#include "anatomy/fill.h"
#include "anatomy/walk.h"
#include "minidump/minidump.h"

static enum an_cpu cpu_of(enum md_arch arch)
{
    switch (arch) {
    case MD_ARCH_X86: case MD_ARCH_ARM: return AN_CPU_X86;
    case MD_ARCH_ARM64: return AN_CPU_ARM64;
    default: return AN_CPU_X64;
    }
}

static void fill_threads(const struct md_dump *md, struct an_process *p)
{
    p->have_threads = md->have_thread_list;
    p->nthreads = md->nthreads;
    p->threads = ep_calloc(md->nthreads, sizeof *p->threads);
    for (size_t i = 0; i < md->nthreads; i++) {
        const struct md_thread *th = &md->threads[i];
        struct an_thread *t = &p->threads[i];
        t->tid = th->tid;
        t->teb_va = th->teb;
        t->has_record = 1;
        t->suspend_count = th->suspend_count;
        t->priority_class = th->priority_class;
        t->priority = (int32_t)th->priority;
        t->stack_start = th->stack_start;
        t->stack_dumped = th->stack_size;
        t->name = th->name;
        if (th->has_info) {
            t->has_start = t->has_times = 1;
            t->start = th->start_address;
            t->create = th->create_time;
            t->exit = th->exit_time;
        }
        /* The faulting thread's own record holds the context of the dump
         * writer's handler; where it faulted is the exception's context,
         * which is what debuggers show. */
        t->faulted = md->exc.present && md->exc.tid == th->tid;
        if (t->faulted && md->exc.has_context) {
            t->has_context = 1;
            t->pc = md->exc.pc;
            t->sp = md->exc.sp;
        } else if (th->has_context) {
            t->has_context = 1;
            t->pc = th->pc;
            t->sp = th->sp;
        }
    }
}

/* Process id: MiscInfo, else the first readable TEB's ClientId. */
static void fill_pid(const struct md_dump *md, struct an_process *p)
{
    /* MiscInfo's ProcessCreateTime is a time_t; the model keeps FILETIMEs
     * (100 ns since 1601; 11644473600 s between the epochs). */
    if (md->misc.present && (md->misc.flags1 & MD_MISC1_PROCESS_TIMES) && md->misc.create_time)
        p->create = ((uint64_t)md->misc.create_time + 11644473600ull) * 10000000ull;
    if (md->misc.present && (md->misc.flags1 & MD_MISC1_PROCESS_ID)) {
        p->pid = md->misc.pid;
        p->pid_known = 1;
        return;
    }
    for (size_t i = 0; i < p->nthreads; i++)
        if (p->threads[i].teb.av == AN_AV_OK && p->threads[i].teb.client_pid) {
            p->pid = (uint32_t)p->threads[i].teb.client_pid;
            p->pid_known = 1;
            return;
        }
}

/* Short name: the PEB's image path, else the first module's, cut to 260
 * bytes at a character boundary. */
static void fill_name(const struct md_dump *md, struct an_process *p)
{
    const char *path = NULL;
    if (p->params.image_path.av == AN_AV_OK && p->params.image_path.text[0])
        path = p->params.image_path.text;
    else if (md->nmodules)
        path = md->modules[0].path;
    if (!path)
        return;
    const char *name = an_base_name(path);
    size_t n = strlen(name);
    if (n >= 261) {
        n = 260;
        while (n > 0 && ((unsigned char)name[n] & 0xc0) == 0x80)
            n--;
    }
    memcpy(p->name, name, n);
    p->name[n] = 0;
}

struct anatomy *anatomy_from_minidump(struct md_dump *md, const char *label, const struct an_select *sel,
                                      int owns_dump)
{
    struct anatomy *a = ep_calloc(1, sizeof *a);
    a->label = label;
    a->kind = "minidump";
    /* VirtualQuery's regions (MemoryInfoList) are all a minidump keeps of the
     * address space: the kernel's VAD tree is not in it. */
    a->no_vad_tree = "a minidump holds no VAD tree (vadinfo lists its memory regions)";
    if (owns_dump) {
        a->source = md;
        a->source_free = (void (*)(void *))md_close;
    }
    struct an_process *p = ep_calloc(1, sizeof *p);
    p->vas = vas_from_minidump(md);
    p->profile = an_user_profile(cpu_of(md->arch));
    fill_threads(md, p);
    p->modules = md->modules;
    p->nmodules = md->nmodules;
    p->have_modules = md->have_module_list;
    p->modules_source = "ModuleList";
    an_index_modules(p);
    p->scan_fibers = 1;          /* one process, its dumped memory only */
    an_walk_user(p);
    fill_pid(md, p);
    fill_name(md, p);
    /* The process's session: its PEB's SessionId (the kernel's copy is not
     * in a minidump). */
    if (p->peb.av == AN_AV_OK && p->peb.av_session == AN_AV_OK) {
        p->has_session = 1;
        p->session_id = p->peb.session_id;
    }
    for (size_t i = 0; i < p->nthreads; i++)
        p->threads[i].pid = p->pid;
    p->regions = md->meminfo;
    p->nregions = md->nmeminfo;
    p->have_regions = md->have_meminfo;
    p->handles = md->handles;
    p->nhandles = md->nhandles;
    p->have_handles = md->have_handles;
    p->tokens = md->tokens;
    p->ntokens = md->ntokens;
    p->have_tokens = md->have_tokens;
    const char *path = p->params.image_path.av == AN_AV_OK ? p->params.image_path.text : NULL;
    if (!sel || an_select_match(sel, p->pid, p->pid_known, p->name, path)) {
        a->procs = p;
        a->nprocs = 1;
    } else {
        an_process_free(p);
        free(p);
    }
    return a;
}
