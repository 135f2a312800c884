/* Every process any view found (psxview's rows, pstree's nodes).
 *
 * The kernel records a process in several places (seed 004: disagreement
 * is the signal): the active list, its pool allocation, PspCidTable, the
 * handle tables of csrss.exe, its session's process list and the Process
 * field of its threads.  A process hidden from one is still found by the
 * others, so the commands that reason about processes start from all of
 * them: each process once, with the views (enum proc_view bits) that see
 * it. */
#ifndef EPROC_WINDOWS_CENSUS_H
#define EPROC_WINDOWS_CENSUS_H

#include <stddef.h>

#include "windows/process.h"

struct census {
    struct process_list procs;  /* each process once; .views says who saw it */
    unsigned views_read;        /* the views that could be read at all */
    int partial;                /* triage dump: only the faulting process */
};

/* Collect from every view.  On a triage dump: the process copy it holds,
 * with the partial-capture warning.  Returns -1 with err when even the
 * active list or the pool scan cannot start. */
int census_take(struct kernel *k, struct census *c, struct ep_error *err);
void census_free(struct census *c);

/* A running csrss.exe: the process whose handle table is the csrss view
 * for its session. */
int census_is_csrss(const struct ep_process *p);

/* The view's column name ("pslist", "psscan", "pspcid", "csrss",
 * "session", "thrdscan"), or NULL for an unknown bit. */
const char *view_name(unsigned view_bit);

/* The names of the views in bits, comma-separated, into out ("" if none). */
void view_names(unsigned bits, char *out, size_t outsz);

#endif
