/* A PsActiveProcessHead list of EPROCESS objects on a fixture machine,
 * laid out by the built-in 26100 profile, for the hostile-input tests
 * (cycles, self-loops, lists that run into nowhere, over-long lists) and
 * the process-walker fuzz seeds.  The kernel's RSDS record is restamped
 * with the built-in profile's GUID so discovery picks that profile. */
#ifndef EPROC_TEST_FX_PROCS_H
#define EPROC_TEST_FX_PROCS_H

#include <stdint.h>

#include "fixture.h"

#define FX_MAX_PROCS 16

struct fx_procs {
    uint64_t head;                 /* VA of PsActiveProcessHead */
    uint64_t eproc[FX_MAX_PROCS];  /* VA of each EPROCESS */
    uint64_t links[FX_MAX_PROCS];  /* VA of each ActiveProcessLinks */
    unsigned n;
    uint32_t ep_links;             /* offset of ActiveProcessLinks */
};

/* Add n (<= FX_MAX_PROCS) processes, PIDs 4, 8, ..., names "proc<i>.exe",
 * linked in order from the head.  Returns 0, or -1 when the built-in
 * profile lacks a field. */
int fx_add_processes(struct fx_machine *m, unsigned n, struct fx_procs *out);

/* Point the Flink of the LIST_ENTRY at entry_va to flink (Blink untouched):
 * how a test makes a cycle, a self-loop or a pointer into nowhere. */
void fx_set_flink(struct fx_machine *m, uint64_t entry_va, uint64_t flink);

#endif
