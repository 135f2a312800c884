/* Threads: ETHREAD/KTHREAD objects ('Thre'), a kernel stack each, and for
 * user threads a TEB and a user stack, as PspCreateThread and
 * RtlCreateUserThread leave them: StartAddress is ntdll!RtlUserThreadStart
 * for user threads and Win32StartAddress the routine the creator asked for.
 * Fiber threads carry FiberData (the current fiber's block) and FlsData.
 * No thread is a UMS thread: forge.c refuses "ums" on every build. */
#include "forge/forge_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"

#define KSTACK_PAGES 6
#define TEB_BYTES 0x2000ULL           /* a 64-bit TEB's VAD: two pages */
#define TEB_SPARE 16                  /* room for threads techniques add */

/* a WoW64 thread's VAD also holds its TEB32, two pages above the TEB */
static uint64_t teb_bytes(const struct fprocess *p)
{
    return p->sc->wow64 ? WOW64_TEB_BYTES : TEB_BYTES;
}

void teb_window(struct forge *f, struct fprocess *p, size_t nthreads)
{
    uint64_t len = (nthreads + TEB_SPARE) * teb_bytes(p);
    p->teb_next = user_reserve(f, p, len);
    p->teb_end = p->teb_next + len;
}

/* System threads' start routines: RVAs in the modelled ntoskrnl .text */
static const struct { const char *name; uint32_t rva; } system_routines[] = {
    { "Phase1Initialization", 0x7D3B30 }, { "ExpWorkerThread", 0x2F6A20 },
    { "ExpWorkerFactoryManagerThread", 0x3A8E10 }, { "KeBalanceSetManager", 0x2C0A90 },
    { "KeSwapProcessOrStack", 0x2C1450 }, { "MiModifiedPageWriter", 0x3B4F70 },
    { "MiMappedPageWriter", 0x3B56C0 }, { "EtwpLogger", 0x4A2E30 },
    { "PopIrpWorkerControl", 0x45E7A0 }, { "MiZeroPageThread", 0x3C0D40 },
    { "CmpLazyWriter", 0x6D2C80 }, { "IopThreadStart", 0x3E1B20 },
};

static void write_kernel_stack(struct forge *f, struct fthread *t)
{
    uint64_t base = kva_alloc_pages(f, &f->stacks, KSTACK_PAGES + 1);
    /* the lowest page stays a guard: unmap it */
    pg_set_raw_pte(f, f->sys_root, base, 0);
    t->kstack_limit = base + PAGE;
    t->kstack_base = base + (KSTACK_PAGES + 1) * PAGE;
    /* below the trap frame at the top (initial_context.c): the switch frame */
    t->kernel_stack = t->kstack_base - KSTACK_INITIAL_GAP - f->L.sz_KTRAP_FRAME - 0x100;
    f->stacks.next += PAGE;          /* a hole between stacks */
    /* a waiting thread's saved frame: return addresses into ntoskrnl */
    uint64_t frame[8];
    frame[0] = 0;
    frame[1] = f->kernel_base + 0x1F3A10;            /* KiSwapContext+0x76 */
    frame[2] = t->kernel_stack + 0x60;
    frame[3] = f->kernel_base + 0x1F2C60;            /* KiSwapThread */
    frame[4] = f->kernel_base + 0x238A54;            /* KiCommitThreadWait */
    frame[5] = f->kernel_base + 0x2451F0;            /* KeWaitForSingleObject */
    frame[6] = 0;
    frame[7] = f->kernel_base + 0x6A0E12;            /* NtWaitForSingleObject */
    kw(f, t->kernel_stack, frame, sizeof frame);
}

/* CreateFiber(0x40000, routine, param) from a fiber thread: a FIBER on the
 * heap with its own stack reservation and the saved CONTEXT SwitchToFiber
 * will load, Rip at ntdll!RtlUserFiberStart and Rsp just under the top of
 * the new stack (x64 FIBER layout: anatomy/userprofile.c; CONTEXT Rsp
 * 0x98, Rip 0xF8, ContextFlags 0x30: winnt.h).  Never switched to, so it
 * has no FLS block yet and no thread runs it: only a memory scan finds it.
 * The reservation is placed without drawing from the rng (peb.c), so the
 * rest of the machine keeps its layout. */
static void suspended_fiber(struct forge *f, struct fprocess *p, struct fthread *t)
{
    const uint64_t reserve = 0x40000;
    uint64_t stack = user_reserve_packed(p, reserve);
    vad_add(f, p, stack, reserve, 4, SC_VAD_PRIVATE, NULL, 1);
    uint64_t fb = heap_alloc(f, p, 0x530);
    t->sfiber = fb;
    t->sfiber_param = 0xF1BE5000ULL + t->tid;
    t->sfiber_dealloc = stack;
    t->sfiber_stack_base = stack + reserve;
    t->sfiber_stack_limit = t->sfiber_stack_base - 0x2000;
    t->sfiber_pc = ntdll_rva(f, "RtlUserFiberStart");
    t->sfiber_sp = t->sfiber_stack_base - 0x28;     /* home space of the first call */
    uint64_t head[5] = { t->sfiber_param, 0, t->sfiber_stack_base, t->sfiber_stack_limit, stack };
    uw(f, p, fb, head, sizeof head);
    uint8_t ctx[0xF8 + 8] = {0};
    put32(ctx + 0x30, 0x10000B);                     /* CONTEXT_FULL (AMD64) */
    put64(ctx + 0x98, t->sfiber_sp);
    put64(ctx + 0xF8, t->sfiber_pc);
    uw(f, p, fb + 0x30, ctx, sizeof ctx);
    /* the committed top of the new stack */
    uint64_t top[5] = { 0, 0, 0, 0, 0 };
    uw(f, p, t->sfiber_sp, top, sizeof top);
}

int thread_create(struct forge *f, struct fprocess *p, const struct sc_thread *st,
                  struct fthread *t, struct ep_error *err)
{
    (void)err;
    const struct layout *L = &f->L;
    memset(t, 0, sizeof *t);
    t->proc = p;
    t->tid = st->tid;
    t->fiber = st->fiber;
    t->ums = st->ums;
    t->is_system = p->pid == 4 || p->sc->kernel_only;
    t->exited = st->exited;
    t->imp_wanted = st->has_impersonate;
    t->imp_client = st->impersonate;
    t->imp_level = st->impersonation_level;
    double off = st->create_offset;
    if (off < 0)
        off = (double)(rng_range(&f->rng, 0, 4000)) / 1000.0 * (double)(p->nthreads + 1);
    t->create_time = p->create_time + (uint64_t)(off * 1e7);
    if (t->create_time > f->now)
        t->create_time = f->now - 10000;
    if (t->exited || p->exited)
        t->exit_time = p->exited ? p->exit_time : t->create_time + 2000000;

    /* the ETHREAD object */
    struct obj_spec os = { .type = OT_THREAD, .body_size = L->sz_ETHREAD, .info_mask = OBH_QUOTA,
                           .pointer_count = 2 };
    t->ethread = obj_create(f, &os);
    write_kernel_stack(f, t);

    /* start addresses */
    int ok = 0;
    uint64_t start = module_symbol(f, p, st->start, &ok);
    if (t->is_system) {
        if (!ok) {
            size_t k = (size_t)(p->nthreads) % ARRAY_LEN(system_routines);
            start = f->kernel_base + system_routines[k].rva;
            snprintf(t->start_desc, sizeof t->start_desc, "ntoskrnl.exe!%s", system_routines[k].name);
        } else {
            snprintf(t->start_desc, sizeof t->start_desc, "%s", st->start);
        }
        t->start_address = start;
        t->win32_start = start;
    } else {
        if (!ok) {
            if (p->nthreads == 0 && p->nmods) {
                start = p->mods[0].img.base + p->mods[0].img.entry_rva;
                snprintf(t->start_desc, sizeof t->start_desc, "%s entry point", p->mods[0].img.name);
            } else {
                start = ntdll_rva(f, "TppWorkerThread");
                snprintf(t->start_desc, sizeof t->start_desc, "ntdll.dll!TppWorkerThread");
            }
        } else {
            snprintf(t->start_desc, sizeof t->start_desc, "%s", st->start);
        }
        t->start_address = ntdll_rva(f, "RtlUserThreadStart");
        t->win32_start = start;
    }

    /* user side: stack and TEB */
    if (!t->is_system && p->peb) {
        uint64_t stack = user_alloc(f, p, 0x100000, 4, "stack");
        t->ustack_base = stack + 0x100000;
        t->ustack_limit = t->ustack_base - 0x4000;
        /* the first user-mode context: LdrInitializeThunk, then RtlUserThreadStart */
        initial_context_write(f, p, t, p->nthreads == 0);
        /* the committed top of the stack: the frames every thread has */
        uint64_t frames[6] = { 0, ntdll_rva(f, "BaseThreadInitThunk") + 0x1D, 0,
                               ntdll_rva(f, "RtlUserThreadStart") + 0x28, 0, 0 };
        uw(f, p, t->ustack_base - 0x80, frames, sizeof frames);
        /* below the committed part: a guard page (demand-zero software PTE
         * with PAGE_GUARD|PAGE_READWRITE protection) */
        pg_set_raw_pte(f, p->root, t->ustack_limit - PAGE, (uint64_t)(0x14) << 5);

        if (p->teb_next + teb_bytes(p) > p->teb_end)
            teb_window(f, p, 0);
        uint64_t teb = p->teb_next;
        p->teb_next += teb_bytes(p);
        vad_add(f, p, teb, teb_bytes(p), 4, SC_VAD_PRIVATE, NULL, 1);
        t->teb = teb;
        uint32_t tsz = L->sz_TEB;
        uint8_t *b = fx_tmp(f, 1, tsz);
        fset(b, &L->teb_StackBase, t->ustack_base);
        fset(b, &L->teb_StackLimit, t->ustack_limit);
        fset(b, &L->teb_Self, teb);
        fset(b, &L->teb_EnvironmentPointer, 0);
        fset(b, &L->teb_ClientIdProcess, p->pid);
        fset(b, &L->teb_ClientIdThread, t->tid);
        fset(b, &L->teb_RealClientIdProcess, p->pid);
        fset(b, &L->teb_RealClientIdThread, t->tid);
        fset(b, &L->teb_ProcessEnvironmentBlock, p->peb);
        fset(b, &L->teb_CurrentLocale, 0x409);
        fset(b, &L->teb_DeallocationStack, stack);
        uint64_t tls = heap_alloc(f, p, 64 * 8);
        fset(b, &L->teb_ThreadLocalStoragePointer, tls);
        if (fhas(&L->teb_TlsSlots)) {
            /* a couple of TLS slots in use (TlsAlloc'd by kernelbase/combase) */
            put64(b + L->teb_TlsSlots.off + 8, heap_alloc(f, p, 0x40));
            put64(b + L->teb_TlsSlots.off + 2 * 8, p->heap + 0x2A0);
        }
        uint32_t same = 0;
        if (t->fiber) {
            /* ConvertThreadToFiber: a fiber block on the heap, FLS data */
            uint64_t fb = heap_alloc(f, p, 0x530);
            uint64_t fls = heap_alloc(f, p, 0x100);
            uint64_t fbd[5] = { 0xF1BE4D47A0ULL + t->tid, fb, t->ustack_base, t->ustack_limit, stack };
            uw(f, p, fb, fbd, sizeof fbd);
            fset(b, &L->teb_FiberData, fb);
            fset(b, &L->teb_FlsData, fls);
            t->fiber_data = fb;
            t->fls_data = fls;
            same |= 0x4;                     /* SameTebFlags.HasFiberData */
            suspended_fiber(f, p, t);
        } else {
            fset(b, &L->teb_FiberData, 0x1E00);   /* Version: not a fiber */
        }
        fset(b, &L->teb_SameTebFlags, same);
        uw(f, p, teb, b, tsz);
        fx_tmp_free(f, b);
        if (p->sc->wow64)
            wow64_teb_write(f, p, t);
    }

    /* KTHREAD + ETHREAD fields */
    uint32_t esz = L->sz_ETHREAD;
    uint8_t *e = fx_tmp(f, 1, esz);
    uint32_t kt = (uint32_t)L->et_Tcb.off;
    struct fld fl;
#define KT(field, v) do { fl = L->field; if (fl.off >= 0) { fl.off += (int32_t)kt; fset(e, &fl, (v)); } } while (0)
    if (fhas(&L->kt_Header)) {
        e[kt + L->kt_Header.off] = 6;                      /* ThreadObject */
        e[kt + L->kt_Header.off + 2] = (uint8_t)(0x4C0 / 8 > 0xFF ? 0xFF : 0x4C0 / 8);
    }
    KT(kt_InitialStack, t->kstack_base - KSTACK_INITIAL_GAP);
    KT(kt_TrapFrame, t->trap_frame);
    KT(kt_StackLimit, t->kstack_limit);
    KT(kt_StackBase, t->kstack_base);
    KT(kt_KernelStack, t->kernel_stack);
    KT(kt_SystemThread, t->is_system);
    KT(kt_Teb, t->teb);
    KT(kt_State, t->exit_time ? 4 /* Terminated */ : 5 /* Waiting */);
    KT(kt_ApcStateProcess, p->eprocess);
    KT(kt_Priority, t->is_system ? 13 : 8);
    KT(kt_BasePriority, t->is_system ? 13 : 8);
    KT(kt_WaitReason, t->is_system ? 6 : 15);            /* WrQueue / UserRequest */
    KT(kt_PreviousMode, t->is_system ? 0 : 1);
    KT(kt_Process, p->eprocess);
    KT(kt_Affinity, (1ULL << f->sc->cpus) - 1);
    KT(kt_NextProcessor, (uint64_t)(t->tid / 4) % f->sc->cpus);
    KT(kt_KernelTime, rng_range(&f->rng, 0, 400));
    KT(kt_UserTime, t->is_system ? 0 : rng_range(&f->rng, 0, 900));
#undef KT
    fset(e, &L->et_CreateTime, t->create_time);
    fset(e, &L->et_ExitTime, t->exit_time);
    fset(e, &L->et_StartAddress, t->start_address);
    fset(e, &L->et_Win32StartAddress, t->win32_start);
    fset(e, &L->et_CidProcess, p->pid);
    fset(e, &L->et_CidThread, t->tid);
    fset(e, &L->et_CrossThreadFlags, t->exit_time ? 0x3 : 0x2);   /* ThreadInserted (| Terminated) */
    fset(e, &L->et_ExitStatus, t->exit_time ? 0 : 0x103);
    fset(e, &L->et_FlsData, t->fls_data);
    if (fhas(&L->et_IrpList)) {
        uint64_t il = t->ethread + (uint64_t)L->et_IrpList.off;
        put64(e + L->et_IrpList.off, il);
        put64(e + L->et_IrpList.off + 8, il);
    }
    if (t->teb)
        fset(e, &L->et_UserGsBase, t->teb);
    kw(f, t->ethread, e, esz);
    fx_tmp_free(f, e);
    return 0;
}

void cid_reserve(struct forge *f, uint32_t id)
{
    if (ptrset_add(&f->cids, id) < 0)
        forge_oom();
}

uint32_t cid_alloc(struct forge *f)
{
    /* Windows hands out CIDs from the free list of PspCidTable, in steps
     * of 4; a running system has gaps, so the next ID skips 0-2 slots. */
    for (;;) {
        uint32_t id = f->next_tid;
        if (id > 0xFFFFFFF0u)
            forge_fail(EP_EXIT_USAGE, "%s: no free thread IDs left", f->sc->path);
        f->next_tid += 4 * (uint32_t)rng_range(&f->rng, 1, 3);
        if (sc_cid_never_issued(id))
            continue;
        int r = ptrset_add(&f->cids, id);
        if (r < 0)
            forge_oom();
        if (r == 1)
            return id;
    }
}

uint32_t proc_active_threads(const struct fprocess *p)
{
    uint32_t n = 0;
    for (size_t i = 0; !p->exited && i < p->nthreads; i++)
        if (!p->threads[i].exited && !p->threads[i].exit_time)
            n++;
    return n;
}

/* KPROCESS.ThreadListHead -> KTHREAD.ThreadListEntry and
 * EPROCESS.ThreadListHead -> ETHREAD.ThreadListEntry, creation order. */
void thread_link(struct forge *f, struct fprocess *p)
{
    const struct layout *L = &f->L;
    struct { const struct fld *head, *entry; uint32_t entry_base; } lists[2] = {
        { &L->ep_ThreadListHead, &L->et_ThreadListEntry, 0 },
        { &L->kp_ThreadListHead, &L->kt_ThreadListEntry, (uint32_t)L->et_Tcb.off },
    };
    for (int l = 0; l < 2; l++) {
        if (!fhas(lists[l].head) || !fhas(lists[l].entry))
            continue;
        uint64_t head = p->eprocess + (uint64_t)lists[l].head->off +
                        (l == 1 ? (uint64_t)L->ep_Pcb.off : 0);
        uint64_t prev = head;
        for (size_t i = 0; i < p->nthreads; i++) {
            uint64_t node = p->threads[i].ethread + lists[l].entry_base + (uint64_t)lists[l].entry->off;
            kw64(f, prev, node);
            kw64(f, node + 8, prev);
            prev = node;
        }
        kw64(f, prev, head);
        kw64(f, head + 8, prev);
    }
}
