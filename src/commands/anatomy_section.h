/* One part of a process's anatomy as a table: its columns, the model
 * parts it needs, and the rows of one process.  The single commands
 * (threads, dlllist, handles, vadinfo, tokens) and dump-all build their
 * rows with the same function, so dump-all's results are the single
 * commands' by construction (tests/cli/dump_all.sh compares them). */
#ifndef EPROC_COMMANDS_ANATOMY_SECTION_H
#define EPROC_COMMANDS_ANATOMY_SECTION_H

#include "anatomy/model.h"
#include "output/table.h"

struct anatomy_section {
    const char *name;                /* dump-all's key: "threads", "modules", ... */
    const struct col_def *cols;
    unsigned ncols;
    unsigned parts;                  /* AN_PART_* the rows need */
    /* Add p's rows to t (made with cols); warnings as the command gives
     * them.  Returns how many rows are findings (handles), else 0. */
    unsigned (*rows)(struct table *t, const struct anatomy *a, const struct an_process *p);
};

extern const struct anatomy_section section_threads, section_modules, section_handles, section_vads,
    section_tokens;

#endif
