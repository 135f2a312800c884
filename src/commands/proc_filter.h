/* --pid and --name, shared by every process command. */
#ifndef EPROC_COMMANDS_PROC_FILTER_H
#define EPROC_COMMANDS_PROC_FILTER_H

#include <stdint.h>

#include "commands/command.h"
#include "windows/process.h"

#define PROC_FILTER_MAX 64

struct proc_filter {
    uint64_t pids[PROC_FILTER_MAX];
    unsigned npids;
    const char *names[PROC_FILTER_MAX];
    unsigned nnames;
};

/* Parse the command's arguments: --pid N[,N...] (repeatable), --name NAME
 * (repeatable; case-insensitive, matches ImageFileName or the file name of
 * the full path).  Returns 0, or an exit code after printing the error. */
/* Add the PIDs of one --pid value (N[,N...], each decimal or 0x hex,
 * 0..2^64-1) to pids[*npids..cap).  Returns 0, or EP_EXIT_USAGE after
 * printing the problem (a bad or out-of-range item, too many). */
int pid_list_parse(const struct command *cmd, const char *v, uint64_t *pids, unsigned cap, unsigned *npids);

int proc_filter_parse(const struct command *cmd, int argc, char **argv, struct proc_filter *f);
int proc_filter_match(const struct proc_filter *f, const struct ep_process *p);

/* The start every process command shares: parse --pid/--name, open the
 * kernel, and collect processes from the active list or the pool scan (on
 * a triage dump: the faulting process, with the partial-capture warning).
 * Returns 0, or the exit code after printing the error.  *k is set on
 * success; procs must be freed by the caller. */
enum proc_source { PROCS_FROM_LIST, PROCS_FROM_SCAN };
int proc_command_start(struct ep_context *ctx, const struct command *cmd, int argc, char **argv,
                       enum proc_source source, struct proc_filter *filter, struct kernel **k,
                       struct process_list *procs);

/* The start of the commands that reason over every view (psxview, pstree):
 * parse --pid/--name, open the kernel and take the census of every process
 * any view found.  Returns 0 (census_free(c) is then the caller's), or the
 * exit code after printing the error. */
struct census;
int census_command_start(struct ep_context *ctx, const struct command *cmd, int argc, char **argv,
                         struct proc_filter *filter, struct census *c);

/* Render the standard process columns for the processes that match. */
int proc_render(struct ep_context *ctx, const struct proc_filter *filter, const struct process_list *procs);

/* Columns every process table starts with, and the cells for one row. */
extern const struct col_def proc_columns[];
extern const unsigned proc_column_count;
void proc_row(struct table *t, const struct ep_process *p);

#endif
