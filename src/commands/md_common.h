/* What the commands that read process minidumps share: argument parsing
 * (--pid), opening the dump, the process columns, and the placeholder for
 * kernel captures. */
#ifndef EPROC_COMMANDS_MD_COMMON_H
#define EPROC_COMMANDS_MD_COMMON_H

#include <stdint.h>

#include "base/bytes.h"
#include "commands/command.h"
#include "minidump/minidump.h"

#define MD_MAX_PID_FILTER 64

struct md_args {
    uint32_t pids[MD_MAX_PID_FILTER];
    int npids;                 /* 0: no --pid filter */
};

/* Parse the options every minidump command accepts: --pid N[,N...]
 * (repeatable).  Other arguments are usage errors.  Returns 0, or an exit
 * code (EP_EXIT_USAGE) after printing the problem. */
int md_parse_args(const struct command *cmd, int argc, char **argv, struct md_args *args);

/* Open -f as a minidump for cmd.  Returns the parsed dump, or NULL with
 * *rc set: EP_EXIT_INPUT/USAGE from the capture, EP_EXIT_USAGE for a kernel
 * capture ("kernel captures: not implemented yet"), EP_EXIT_INPUT when the
 * minidump cannot be read at all. */
struct md_dump *md_cmd_open(struct ep_context *ctx, const struct command *cmd, int *rc);

/* The dump's process passes the --pid filter (true without one). */
int md_pid_selected(struct md_dump *md, const struct md_args *args);

/* Fill the "pid" and "process" cells (columns pid_col, proc_col) of the
 * current row; the pid is null when the dump does not say it. */
void md_cells_process(struct table *t, unsigned pid_col, unsigned proc_col, struct md_dump *md);

/* The start of every minidump command: parse --pid, open the dump and make
 * its table.  Returns 1 to go on (*md and *t set).  Otherwise returns 0
 * with *rc the exit code: an error, or, when --pid excludes the dump's
 * process, the result of rendering the empty table. */
int md_cmd_begin(struct ep_context *ctx, const struct command *cmd, int argc, char **argv,
                 const struct col_def *cols, unsigned ncols, struct md_dump **md, struct table **t, int *rc);

/* Render, free the table and the dump, return the exit code. */
int md_cmd_finish(struct ep_context *ctx, struct table *t, struct md_dump *md);

/* FILETIME from a time_t (0 stays 0). */
uint64_t md_filetime_from_unix(uint64_t t);

/* "PAGE_EXECUTE_READWRITE" etc. into a static-free buffer. */
#define MD_PROT_BUF 96

#endif
