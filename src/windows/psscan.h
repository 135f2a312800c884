/* Finding process and thread objects by scanning physical memory for
 * their pool allocations (psscan, and psxview's thread view).
 *
 * A hit on the pool tag ("Proc", "Thre") is followed to its
 * _OBJECT_HEADER (after the optional headers its InfoMask announces) and
 * the object body, whose fields must then look like a real object.  Only
 * fields the kernel depends on decide (docs/decisions.md): PID (TID) a
 * multiple of 4, DTB page-aligned and inside the capture (a thread's
 * owner a kernel address), and a decoded TypeIndex naming the right type.
 * The name, times and list links are the attacker's and decide nothing.
 * Unlinked, exited and freed-but-intact processes are found this way. */
#ifndef EPROC_WINDOWS_PSSCAN_H
#define EPROC_WINDOWS_PSSCAN_H

#include "windows/process.h"

struct scanned_thread {
    uint64_t va, pa;
    uint64_t pid, tid;
    uint64_t owner;            /* KTHREAD.Process: the EPROCESS address */
    uint64_t create, exit, start, win32_start;
};

struct thread_list {
    struct scanned_thread *items;
    unsigned n, cap;
};

struct scan_stats {
    uint64_t tag_hits, rejected;
    unsigned workers;
};

/* Scan once for processes (and threads when threads != NULL): a pass of
 * its own. */
int scan_objects(struct kernel *k, struct process_list *procs, struct thread_list *threads,
                 struct scan_stats *stats, struct ep_error *err);

/* The same scan joining a pass other scans share (windows/poolscan.h):
 * join before pool_pass_run(), collect after it (collect frees the scan;
 * stats->workers is the pass's worker count).  NULL with err when the
 * symbol table lacks the pool or object header. */
struct pool_pass;
struct object_scan;
struct object_scan *object_scan_join(struct pool_pass *pass, struct kernel *k, int want_threads,
                                     struct ep_error *err);
void object_scan_collect(struct object_scan *s, struct process_list *procs, struct thread_list *threads,
                         struct scan_stats *stats);

void thread_list_free(struct thread_list *l);

#endif
