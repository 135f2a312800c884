/* What a kernel triage dump holds of processes: the EPROCESS and ETHREAD
 * copies of the faulting context (TRIAGE_DUMP64.ProcessOffset and
 * ThreadOffset), nothing else. */
#ifndef EPROC_WINDOWS_TRIAGE_H
#define EPROC_WINDOWS_TRIAGE_H

#include "windows/process.h"
#include "windows/threads.h"

/* Adds the faulting process; its address comes from the thread copy's
 * KTHREAD.Process.  Returns -1 with err if the dump has no process copy. */
int processes_from_triage(struct kernel *k, struct process_list *out, struct ep_error *err);

/* The faulting thread: the dump's ETHREAD copy (TRIAGE_DUMP64.ThreadOffset),
 * with its kernel stack, and the instruction pointer its trap frame saved
 * (KTHREAD.TrapFrame -> _KTRAP_FRAME.Rip) when the dump holds that frame
 * (*trap_rip 0 otherwise).  Its address is the CurrentThread of the dump's
 * KPRCB copy (TRIAGE_DUMP64.PrcbOffset; _KPRCB.CurrentThread from the
 * profile), 0 when the dump has none.  -1 with err when the dump has no
 * thread copy. */
int triage_thread(struct kernel *k, struct ep_thread *out, uint64_t *trap_rip, struct ep_error *err);

/* The one-line warning every process command prints on partial captures. */
void warn_partial_capture(const struct kernel *k);

#endif
