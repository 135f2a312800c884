/* Rules over memory and threads (docs/check.md, "Memory and threads"):
 * the main image's views (hollowing, PEB masquerading), executable memory
 * no image backs (injected code), and threads and fibers that start
 * outside every module.  The detection logic is shared with the commands
 * that show it: check/image_views.c (hollowfind), check/exec_memory.c
 * (malfind), an_resolve (threads, fibers). */
#include <stdio.h>
#include <string.h>

#include "check/check.h"
#include "check/exec_memory.h"
#include "check/image_views.h"
#include "minidump/minidump.h"

/* Each pair of disagreeing views as two pieces of evidence. */
static void image_finding(struct check_run *run, const struct an_process *p, const char *what,
                          const struct iv_finding *iv)
{
    if (!iv->n)
        return;
    struct check_finding *f = check_found(run, p, "%s: %s", what, iv->d[0].text);
    for (unsigned i = 0; i < iv->n; i++) {
        check_evidence(f, iv->d[i].a.view, iv->d[i].a.field, "%s", iv->d[i].a.value);
        check_evidence(f, iv->d[i].b.view, iv->d[i].b.field, "%s", iv->d[i].b.value);
    }
}

/* Compare the image views of every process that has them (image_views.h)
 * with one of its comparisons; a rule that could examine no process says
 * so instead of staying silent. */
static void each_image_view(struct check_run *run, const struct check_input *in,
                            void (*compare)(const struct an_process *, struct iv_finding *), const char *what)
{
    size_t examined = 0;
    for (size_t i = 0; i < in->a->nprocs; i++) {
        const struct an_process *p = &in->a->procs[i];
        if (!iv_applicable(p))
            continue;
        examined++;
        struct iv_finding iv;
        compare(p, &iv);
        image_finding(run, p, what, &iv);
    }
    if (!examined && in->a->nprocs)
        check_skip(run, "no process with the kernel's image views (EPROCESS and VADs)");
}

/* seed 004: the PEB is user memory, "commonly tampered with"; the kernel's
 * views of the image (the section's file, ImageFilePointer, the creation
 * path) are what to trust. */
static void run_peb_masquerade(struct check_run *run, const struct check_input *in)
{
    each_image_view(run, in, iv_masquerading, "the PEB names another image than the kernel");
}

const struct check_rule check_peb_masquerade = {
    .id = "peb-masquerade",
    .title = "the PEB's ImagePathName or first loader entry names another file than the kernel's image views",
    .severity = CHECK_HIGH,
    .mitre = "T1036.005",
    .seed = "seed 004, \"PEB (user-mode structure)\": the PEB is commonly tampered with; cross-check with the kernel",
    .stages = "peb_masquerade",
    .needs = CHECK_HAVE_KERNEL | CHECK_HAVE_USER | CHECK_HAVE_REGIONS,
    .run = run_peb_masquerade,
};

/* The image the process was created from (EPROCESS.SectionObject at
 * SectionBaseAddress) must still be mapped, as an image, where the
 * kernel and the PEB say. */
static void run_process_hollowing(struct check_run *run, const struct check_input *in)
{
    each_image_view(run, in, iv_hollowing, "the main image is not mapped where the kernel says");
}

const struct check_rule check_process_hollowing = {
    .id = "process-hollowing",
    .title = "the process's image base holds no image map, or another section than the one it was created from",
    .severity = CHECK_CRITICAL,
    .mitre = "T1055.012",
    .seed = "seed 004, \"Related kernel structures\": injection and hollowing leave artifacts; trust kernel invariants",
    .stages = "hollowing",
    .needs = CHECK_HAVE_KERNEL | CHECK_HAVE_USER | CHECK_HAVE_REGIONS,
    .run = run_process_hollowing,
};

/* Does r hold the address the image views give the main image?  The
 * process-hollowing rule reports such a region, with the views. */
static int is_image_base_region(const struct an_process *p, const struct an_region *r)
{
    if (!iv_applicable(p))
        return 0;
    uint64_t bases[2] = { p->image_views.section_base, p->peb.av == AN_AV_OK ? p->peb.image_base : 0 };
    for (int i = 0; i < 2; i++)
        if (bases[i] && bases[i] >= r->base && bases[i] - r->base < r->size)
            return 1;
    return 0;
}

/* Without regions: an MZ range nothing explains is a finding. */
struct mz_findings {
    struct check_run *run;
    const struct an_process *p;
};

static int mz_finding(void *ctx, const struct vas_extent *r, const char *why)
{
    struct mz_findings *m = ctx;
    if (why)
        return 0;
    struct check_finding *f =
        check_found(m->run, m->p, "dumped memory at 0x%llx-0x%llx holds a PE image (MZ header) in no module, "
                    "stack or TEB", (unsigned long long)r->va, (unsigned long long)(r->va + r->len - 1));
    check_evidence(f, "memory", "header", "MZ at 0x%llx", (unsigned long long)r->va);
    check_evidence(f, m->p->modules_source ? m->p->modules_source : "modules", "module", "%s", AN_NO_MODULE);
    check_evidence(f, "MemoryInfoList", "protection", "unknown (the dump has no MemoryInfoList)");
    return 0;
}

/* Injected code: committed executable memory that no image backs and that
 * holds a PE image (reflective loading, PE injection), or writable and
 * executable memory a thread starts in (shellcode run by a remote
 * thread).  Writable+executable memory alone is not reported: JIT
 * compilers (.NET, JavaScript engines) allocate it all the time; malfind
 * lists it for a human to read.  A minidump without a MemoryInfoList
 * gives no protections: there a dumped range that starts with an MZ
 * header and that no module, stack, TEB or mapped module copy explains is
 * reported (malfind's fallback). */
static void run_injected_code(struct check_run *run, const struct check_input *in)
{
    for (size_t i = 0; i < in->a->nprocs; i++) {
        const struct an_process *p = &in->a->procs[i];
        if (!p->vas)
            continue;
        if (!p->have_regions) {
            struct mz_findings m = { run, p };
            if (exec_scan_mz(p, mz_finding, &m) < 0)
                check_skip(run, "PID %llu: no memory regions and no list of the dumped ranges",
                           (unsigned long long)p->pid);
            continue;
        }
        const char *view = p->regions && p->regions[0].has_vad ? "VAD" : "MemoryInfoList";
        for (size_t j = 0; j < p->nregions; j++) {
            const struct an_region *r = &p->regions[j];
            struct exec_region er;
            exec_region_read(p, r, &er);
            if (!er.executable || !er.written || is_image_base_region(p, r))
                continue;
            struct exec_start starts[4];
            size_t nstarts = er.candidate ? exec_thread_starts(p, r->base, r->size, starts, 4) : 0;
            if (!er.mz && !nstarts)
                continue;
            char prot[96];
            md_protect_name(r->protect, prot, sizeof prot);
            struct check_finding *f =
                check_found(run, p, "%s %s memory at 0x%llx-0x%llx, in no image, %s", md_type_name(r->type), prot,
                            (unsigned long long)r->base, (unsigned long long)(r->base + r->size - 1),
                            er.mz ? "holds a PE image (MZ header)" : "a thread starts in it");
            check_evidence(f, view, "type", "%s", md_type_name(r->type));
            check_evidence(f, view, "protection", "%s", prot);
            check_evidence(f, view, "range", "0x%llx-0x%llx", (unsigned long long)r->base,
                           (unsigned long long)(r->base + r->size - 1));
            if (r->has_vad)
                check_evidence(f, "VAD", "node", "0x%llx (tag %s)", (unsigned long long)r->vad_va,
                               r->tag[0] ? r->tag : "?");
            if (er.mz)
                check_evidence(f, "memory", "header", "MZ");
            for (size_t k = 0; k < nstarts && k < 4; k++)
                check_evidence(f, p->has_kernel ? "ETHREAD" : "ThreadInfoList", "start",
                               "TID %llu at 0x%llx", (unsigned long long)starts[k].tid,
                               (unsigned long long)starts[k].at);
        }
    }
}

const struct check_rule check_injected_code = {
    .id = "injected-code",
    .title = "executable memory no image backs holds a PE image, or runs a thread from writable code",
    .severity = CHECK_HIGH,
    .mitre = "T1055.002",
    .seed = "seed 004, \"Related kernel structures\": injection needs threads and memory, and leaves artifacts",
    .stages = "injected_code",
    .needs = CHECK_HAVE_USER,
    .run = run_injected_code,
};

/* The list an address was looked up in, for the evidence. */
static const char *module_view(const struct check_input *in, const struct an_process *p, uint64_t va)
{
    if (va >= AN_KERNEL_SPACE)
        return in->a->kernel_modules_source ? in->a->kernel_modules_source : "kernel modules";
    return p->modules_source ? p->modules_source : "modules";
}

static void region_evidence(struct check_finding *f, const struct an_process *p, uint64_t va)
{
    const struct an_region *r = va < AN_KERNEL_SPACE ? exec_region_holding(p, va) : NULL;
    if (!r)
        return;
    char prot[96];
    check_evidence(f, r->has_vad ? "VAD" : "MemoryInfoList", "region", "0x%llx-0x%llx %s %s",
                   (unsigned long long)r->base, (unsigned long long)(r->base + r->size - 1), md_type_name(r->type),
                   md_protect_name(r->protect, prot, sizeof prot));
}

/* A user address of a WoW64 process may lie in a 32-bit module, which
 * the 32-bit loader list holds (p->modules is the 64-bit one). */
static int in_wow64_module(const struct an_process *p, uint64_t va)
{
    for (size_t i = 0; p->wow64.present && i < p->wow64.nmodules; i++) {
        const struct an_module *m = &p->wow64.modules[i];
        if (va >= m->base && va - m->base < m->size)
            return 1;
    }
    return 0;
}

/* an_resolve's verdict: 1 when the module list that should hold va is
 * known and none of its modules does. */
static int outside_modules(const struct check_input *in, const struct an_process *p, uint64_t va)
{
    char where[320];
    an_resolve(in->a, p, va, where, sizeof where);
    return strcmp(where, AN_NO_MODULE) == 0 && !(va < AN_KERNEL_SPACE && in_wow64_module(p, va));
}

/* seed 001, "Threads": threads are what executes; a thread that starts in
 * memory no module was loaded into runs code nobody loaded.  Both the
 * kernel's StartAddress and the Win32StartAddress are checked (user
 * threads start at ntdll!RtlUserThreadStart; the Win32 start is where
 * the creator pointed them), kernel threads against the drivers. */
static void run_thread_outside_module(struct check_run *run, const struct check_input *in)
{
    /* a kernel triage dump lists the drivers but no process modules: its
     * kernel threads are still checked */
    if (!(in->have & (CHECK_HAVE_MODULES | CHECK_HAVE_KERNEL_MODULES))) {
        check_skip(run, "%s", check_need_text(CHECK_HAVE_MODULES));
        return;
    }
    for (size_t i = 0; i < in->a->nprocs; i++) {
        const struct an_process *p = &in->a->procs[i];
        for (size_t j = 0; j < p->nthreads; j++) {
            const struct an_thread *th = &p->threads[j];
            uint64_t starts[2] = { th->has_start ? th->start : 0, th->has_kernel ? th->win32_start : 0 };
            static const char *const fields[2] = { "StartAddress", "Win32StartAddress" };
            for (int k = 0; k < 2; k++) {
                uint64_t va = starts[k];
                if (!va || (k == 1 && va == starts[0]) || !outside_modules(in, p, va))
                    continue;
                int kernel = va >= AN_KERNEL_SPACE;
                struct check_finding *f =
                    check_found(run, p, "%s thread %llu starts at 0x%llx, in no loaded %s", kernel ? "kernel" : "user",
                                (unsigned long long)th->tid, (unsigned long long)va, kernel ? "driver" : "module");
                check_evidence(f, th->has_kernel ? "ETHREAD" : "ThreadInfoList", fields[k], "0x%llx (TID %llu)",
                               (unsigned long long)va, (unsigned long long)th->tid);
                check_evidence(f, module_view(in, p, va), "module", "%s", AN_NO_MODULE);
                region_evidence(f, p, va);
                break;
            }
        }
    }
}

const struct check_rule check_thread_outside_module = {
    .id = "thread-outside-module",
    .title = "a thread (user or kernel) starts at an address no loaded module or driver holds",
    .severity = CHECK_HIGH,
    .mitre = "T1055",
    .seed = "seed 001, \"Threads\": the threads are what executes a process's code",
    .stages = "orphan_thread,injected_code",
    .needs = CHECK_HAVE_THREADS,
    .run = run_thread_outside_module,
};

/* seed 001, "Fibers": fibers are scheduled in user mode and invisible to
 * the kernel, so a fiber is a way to run code no thread start shows.  A
 * suspended fiber resumes at its saved CONTEXT's Rip: ntdll's
 * RtlUserFiberStart for a fresh one, the SwitchToFiber return for one
 * that ran; memory no module holds means code nobody loaded.  A running
 * fiber's saved context is stale and is not read. */
static void run_fiber_outside_module(struct check_run *run, const struct check_input *in)
{
    for (size_t i = 0; i < in->a->nprocs; i++) {
        const struct an_process *p = &in->a->procs[i];
        for (size_t j = 0; j < p->nfibers; j++) {
            const struct an_fiber *fb = &p->fibers[j];
            if (fb->running || !fb->has_context || !fb->saved_pc || fb->saved_pc >= AN_KERNEL_SPACE ||
                !outside_modules(in, p, fb->saved_pc))
                continue;
            struct check_finding *f = check_found(run, p, "fiber 0x%llx resumes at 0x%llx, in no loaded module",
                                                  (unsigned long long)fb->va, (unsigned long long)fb->saved_pc);
            check_evidence(f, "FIBER", "FiberContext.Rip", "0x%llx", (unsigned long long)fb->saved_pc);
            check_evidence(f, "FIBER", "address", "0x%llx (found by %s)", (unsigned long long)fb->va,
                           fb->source ? fb->source : "?");
            check_evidence(f, module_view(in, p, fb->saved_pc), "module", "%s", AN_NO_MODULE);
            region_evidence(f, p, fb->saved_pc);
        }
        if (p->vas && p->fiber_scan == 0)
            check_skip(run, "PID %llu: the fiber scan stopped at its work cap; fibers past it are not checked",
                       (unsigned long long)p->pid);
    }
}

const struct check_rule check_fiber_outside_module = {
    .id = "fiber-outside-module",
    .title = "a suspended fiber resumes at an address no loaded module holds",
    .severity = CHECK_HIGH,
    .mitre = "T1055",
    .seed = "seed 001, \"Fibers\": fibers are invisible to the kernel and scheduled by the program itself",
    .stages = "fiber_outside_module",
    .needs = CHECK_HAVE_USER | CHECK_HAVE_MODULES,
    .run = run_fiber_outside_module,
};
