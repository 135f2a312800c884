/* A process's threads as the kernel links them: EPROCESS.ThreadListHead,
 * a LIST_ENTRY of ETHREAD.ThreadListEntry, walked with the same bounds and
 * warnings as every list (listwalk.h). */
#ifndef EPROC_WINDOWS_THREADS_H
#define EPROC_WINDOWS_THREADS_H

#include "windows/process.h"

struct ep_thread {
    uint64_t va, pa;                  /* ETHREAD; pa ~0 if unknown */
    uint64_t pid, tid;                /* Cid */
    uint64_t owner;                   /* KTHREAD.Process */
    uint64_t create, exit;            /* FILETIME */
    uint64_t start, win32_start, teb;
    /* Impersonation: CrossThreadFlags.ActiveImpersonationInfo set and
     * ClientSecurity.ImpersonationData = token | level (bits 0-1) |
     * EffectiveOnly (bit 2) (public _PS_CLIENT_SECURITY_CONTEXT). */
    int impersonating;
    uint64_t impersonation_data;
    /* the kernel stack (KTHREAD): 0 when the profile lacks the field */
    uint64_t initial_stack, stack_limit, stack_base, kernel_stack, trap_frame;
};

/* Decode one ETHREAD from bytes already read (size l->th_size). */
void thread_decode(const struct nt_layout *l, const uint8_t *buf, uint64_t va, uint64_t pa, struct ep_thread *out);

struct ep_thread_list {
    struct ep_thread *items;
    unsigned n, cap;
};

/* Append the threads on p's ThreadListHead.  Returns -1 only when the
 * profile lacks the fields (err set); a broken list is a warning. */
int threads_of_process(struct kernel *k, const struct ep_process *p, struct ep_thread_list *out,
                       struct ep_error *err);
void thread_list_clear(struct ep_thread_list *l);

#endif
