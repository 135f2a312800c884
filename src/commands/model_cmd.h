/* The start and end every process-anatomy command shares, whatever the
 * capture (docs/architecture.md): parse --pid/--name, open the anatomy
 * model (anatomy/fill.h), make the table; the process cells; warnings
 * named after the process, at most one of each kind per process. */
#ifndef EPROC_COMMANDS_MODEL_CMD_H
#define EPROC_COMMANDS_MODEL_CMD_H

#include "anatomy/model.h"
#include "base/bytes.h"
#include "commands/command.h"

/* Returns 1 with *a and *t set, or 0 with *rc the exit code (an error was
 * printed). */
int model_cmd_begin(struct ep_context *ctx, const struct command *cmd, int argc, char **argv,
                    const struct col_def *cols, unsigned ncols, struct anatomy **a, struct table **t,
                    int *rc);
/* The same, asking the filler for kernel parts (AN_PART_* in model.h) that
 * memory images fill only on request. */
int model_cmd_begin_parts(struct ep_context *ctx, const struct command *cmd, int argc, char **argv,
                          const struct col_def *cols, unsigned ncols, unsigned parts, struct anatomy **a,
                          struct table **t, int *rc);
/* The same, filling less than the default (AN_ONLY_* in model.h). */
int model_cmd_begin_select(struct ep_context *ctx, const struct command *cmd, int argc, char **argv,
                           const struct col_def *cols, unsigned ncols, unsigned parts, unsigned only,
                           struct anatomy **a, struct table **t, int *rc);
/* Render, free the table and the model, return the exit code. */
int model_cmd_finish(struct ep_context *ctx, struct table *t, struct anatomy *a);
/* The same for a check (docs/architecture.md, "Contracts"): exit 1 when
 * it found something (found != 0) and rendering went well. */
int model_cmd_finish_found(struct ep_context *ctx, struct table *t, struct anatomy *a, int found);

/* The pid cell (null when unknown) and the process-name cell (null when ""). */
void model_cells_process(struct table *t, unsigned pid_col, unsigned proc_col, const struct an_process *p);

/* "FILE" for a one-process capture that does not say its pid, else
 * "FILE: PID n (name)": how warnings name a process. */
const char *model_who(const struct anatomy *a, const struct an_process *p, char *buf, size_t n);

/* Why a value is missing, as the end of a sentence: "paged out", "not in
 * the dump" (minidumps), "not in the capture" (memory images). */
const char *model_missing(const struct an_process *p, enum an_avail av);

/* SECURITY_IMPERSONATION_LEVEL's name (winnt.h): Anonymous, Identification,
 * Impersonation, Delegation; "?" beyond. */
const char *model_impersonation_level(uint32_t level);

/* Say once that this capture cannot hold a part (what: a->no_handles...). */
void model_warn_missing_part(const struct anatomy *a, const char *cmd, const char *what);

#endif
