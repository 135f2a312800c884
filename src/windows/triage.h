/* What a kernel triage dump holds of processes: the EPROCESS and ETHREAD
 * copies of the faulting context (TRIAGE_DUMP64.ProcessOffset and
 * ThreadOffset), nothing else. */
#ifndef EPROC_WINDOWS_TRIAGE_H
#define EPROC_WINDOWS_TRIAGE_H

#include "windows/process.h"

/* Adds the faulting process; its address comes from the thread copy's
 * KTHREAD.Process.  Returns -1 with err if the dump has no process copy. */
int processes_from_triage(struct kernel *k, struct process_list *out, struct ep_error *err);

/* The one-line warning every process command prints on partial captures. */
void warn_partial_capture(const struct kernel *k);

#endif
