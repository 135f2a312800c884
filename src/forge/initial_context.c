/* A user thread's first user-mode context, as the kernel builds it when it
 * creates the thread (seed 001, "Process creation in the kernel": the
 * instruction pointer is set to ntdll!LdrInitializeThunk; the loader then
 * NtContinue's into RtlUserThreadStart).
 *
 *   - the KTRAP_FRAME at the top of the kernel stack (InitialStack minus
 *     its size, where every user-to-kernel entry saves the user context;
 *     KTHREAD.TrapFrame points at it): Rip = LdrInitializeThunk, Rcx = Rsp =
 *     the CONTEXT record below, user-mode selectors;
 *   - that CONTEXT record on the user stack, LdrInitializeThunk's argument:
 *     Rip = RtlUserThreadStart, Rcx = the routine (Win32StartAddress), Rdx =
 *     its argument (the PEB for a process's initial thread, 0 here for the
 *     others), Rsp = the top of the user stack as for a call.
 *
 * The forge models no later system call, so a thread keeps this frame; the
 * live frames RtlUserThreadStart and BaseThreadInitThunk leave at the top
 * of the stack overlay the tail of the record, as on a running thread.
 * The truth gives every address and value (docs/forge.md). */
#include "forge/forge_int.h"

#include <string.h>

#include "base/bytes.h"

/* x64 user-mode selectors and initial flags (Windows: KGDT64_R3_CODE|3,
 * KGDT64_R3_DATA|3, KGDT64_R3_CMTEB|3; IF set; MXCSR default) */
#define USER_CS 0x33u
#define USER_DS 0x2Bu
#define USER_TEB_FS 0x53u
#define USER_EFLAGS 0x200u
#define MXCSR_DEFAULT 0x1F80u
/* CONTEXT_AMD64 | CONTROL | INTEGER | SEGMENTS | FLOATING_POINT */
#define CONTEXT_FULL_AMD64 0x10001Fu

void initial_context_write(struct forge *f, struct fprocess *p, struct fthread *t, int initial)
{
    const struct layout *L = &f->L;
    if (!L->sz_KTRAP_FRAME || !L->sz_CONTEXT || !fhas(&L->ktf_Rip) || !fhas(&L->ctx_Rip))
        return;

    /* the CONTEXT record, 16-byte aligned below the stack top RtlUserThreadStart gets */
    t->context_rsp = t->ustack_base - 0x28;            /* as for a call: Rsp = 8 mod 16 */
    t->context_rdx = initial ? p->peb : 0;
    t->context_record = (t->context_rsp - L->sz_CONTEXT) & ~0xFULL;
    t->context_rip = ntdll_rva(f, "RtlUserThreadStart");
    t->trap_rip = ntdll_rva(f, "LdrInitializeThunk");
    uint8_t *c = fx_tmp(f, 1, L->sz_CONTEXT);
    fset(c, &L->ctx_ContextFlags, CONTEXT_FULL_AMD64);
    fset(c, &L->ctx_MxCsr, MXCSR_DEFAULT);
    fset(c, &L->ctx_SegCs, USER_CS);
    fset(c, &L->ctx_SegDs, USER_DS);
    fset(c, &L->ctx_SegEs, USER_DS);
    fset(c, &L->ctx_SegFs, USER_TEB_FS);
    fset(c, &L->ctx_SegGs, USER_DS);
    fset(c, &L->ctx_SegSs, USER_DS);
    fset(c, &L->ctx_EFlags, USER_EFLAGS);
    fset(c, &L->ctx_Rcx, t->win32_start);
    fset(c, &L->ctx_Rdx, t->context_rdx);
    fset(c, &L->ctx_Rsp, t->context_rsp);
    fset(c, &L->ctx_Rip, t->context_rip);
    uw(f, p, t->context_record, c, L->sz_CONTEXT);
    fx_tmp_free(f, c);

    /* the trap frame the thread first returns to user mode through */
    t->trap_frame = t->kstack_base - KSTACK_INITIAL_GAP - L->sz_KTRAP_FRAME;
    uint8_t *tf = fx_tmp(f, 1, L->sz_KTRAP_FRAME);
    fset(tf, &L->ktf_PreviousMode, 1);                  /* UserMode */
    fset(tf, &L->ktf_MxCsr, MXCSR_DEFAULT);
    fset(tf, &L->ktf_Rcx, t->context_record);
    fset(tf, &L->ktf_Rip, t->trap_rip);
    fset(tf, &L->ktf_SegCs, USER_CS);
    fset(tf, &L->ktf_EFlags, USER_EFLAGS);
    fset(tf, &L->ktf_Rsp, t->context_record);
    fset(tf, &L->ktf_SegSs, USER_DS);
    kw(f, t->trap_frame, tf, L->sz_KTRAP_FRAME);
    fx_tmp_free(f, tf);
}
