/* The other places the kernel records a process (seed 004: processes are
 * tracked redundantly; disagreement is the signal): the CID handle table,
 * the handle tables of csrss.exe, and each session's process list.  Each
 * collector adds the EPROCESS addresses it sees to a set. */
#ifndef EPROC_WINDOWS_VIEWS_H
#define EPROC_WINDOWS_VIEWS_H

#include "windows/process.h"
#include "windows/ptrset.h"

/* PspCidTable: processes (and, into threads if non-NULL, thread objects). */
int view_cid_table(struct kernel *k, struct ptrset *processes, struct ptrset *threads);

/* Process objects referenced by handles of the given csrss processes. */
void view_csrss_handles(struct kernel *k, const struct process_list *csrss, struct ptrset *out);

/* Walk the ProcessList of every distinct session the processes point to. */
void view_session_lists(struct kernel *k, const struct process_list *procs, struct ptrset *out);

/* A kernel list of processes: the EPROCESS addresses of the entries of the
 * list headed at kernel RVA head_rva, whose LIST_ENTRY sits links bytes into
 * the EPROCESS (MmProcessLinks, Pcb.ProcessListEntry).  -1 when the head is
 * unknown or unreadable (the view does not exist), else 0. */
int view_kernel_list(struct kernel *k, uint64_t head_rva, uint32_t links, const char *what, struct ptrset *out);

/* A subsystem's per-process structure starts with a pointer back to its
 * EPROCESS (W32PROCESS.Process, DXGPROCESS.Process): 1 when the structure
 * at `structure` names eprocess. */
int view_points_back(struct kernel *k, uint64_t structure, uint64_t eprocess);

/* Body address of the object a pointer names, if it is of type want (a
 * type index), else 0.  Handle tables of processes point at object
 * headers, PspCidTable (and KTHREAD.Process, list entries) at bodies: the
 * caller says which, since a body's bytes read as a header can decode to
 * any type. */
enum object_pointer { POINTS_AT_BODY, POINTS_AT_HEADER };
uint64_t object_of_type(struct kernel *k, uint64_t pointer, enum object_pointer kind, int want);

#endif
