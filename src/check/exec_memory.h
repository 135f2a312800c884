/* Executable memory no image backs: where injected code lives (seed 004:
 * code that runs needs memory, and memory the loader did not map from a
 * file is the trace).  One logic for `eproc malfind` and the check rule
 * injected-code. */
#ifndef EPROC_CHECK_EXEC_MEMORY_H
#define EPROC_CHECK_EXEC_MEMORY_H

#include <stddef.h>
#include <stdint.h>

#include "anatomy/model.h"

/* What a region is, for the injected-code readings. */
struct exec_region {
    int candidate;             /* committed, no image, writable and executable (malfind's row) */
    int executable;            /* committed, no image, any execute protection */
    int written;               /* its first page is not (known to be) all zero */
    int mz;                    /* it starts with an MZ header */
};

/* PAGE_EXECUTE_READWRITE or PAGE_EXECUTE_WRITECOPY. */
int exec_write_protect(uint32_t protect);
/* Any PAGE_EXECUTE* protection. */
int exec_any_protect(uint32_t protect);

/* The region of p holding va (p->regions, sorted by base), or NULL. */
const struct an_region *exec_region_holding(const struct an_process *p, uint64_t va);

/* Read r of p (p->vas may be NULL: nothing is read, written stays 1 and
 * mz 0). */
void exec_region_read(const struct an_process *p, const struct an_region *r, struct exec_region *out);

/* Does the memory at va start with "MZ"? */
int exec_starts_mz(const struct an_process *p, uint64_t va);

/* One thread whose start address (the kernel's StartAddress or
 * Win32StartAddress, or the dump's ThreadInfoList) lies in a range. */
struct exec_start {
    uint64_t tid;
    uint64_t at;
};
/* The threads of p starting in [va, va+size), at most max of them in
 * out (each thread once); returns how many there are. */
size_t exec_thread_starts(const struct an_process *p, uint64_t va, uint64_t size, struct exec_start *out,
                          size_t max);

/* Without regions (a minidump with no MemoryInfoList), protections are
 * unknown: call fn for each dumped range that starts, page-aligned, with
 * an MZ header, with what explains it (inside a module of either list, a
 * stack, a TEB, the PEB, the API set schema, a mapped copy of a loaded
 * module's file) or NULL when nothing does.  fn returns nonzero to stop.
 * Returns -1 when the address space cannot list its ranges.  The work
 * stays O(n log n) whatever counts the capture claims. */
typedef int (*exec_mz_fn)(void *ctx, const struct vas_extent *r, const char *why);
int exec_scan_mz(const struct an_process *p, exec_mz_fn fn, void *ctx);

#endif
