/* csrss's CSR_PROCESS lists: a view of the processes of each session
 * (csr.c says how the list is found and read). */
#ifndef EPROC_WINDOWS_CSR_H
#define EPROC_WINDOWS_CSR_H

#include "windows/census.h"
#include "windows/ptrset.h"

/* For each running csrss.exe among procs: find its CSR_PROCESS list and add
 * the EPROCESS of every live process of its session that the list names to
 * out; those processes get csr_list_read = 1.  Returns how many lists were
 * read (0: the view does not exist in this capture). */
int view_csr_lists(struct kernel *k, struct process_list *procs, struct ptrset *out);

#endif
