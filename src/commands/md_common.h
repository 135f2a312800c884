/* What the two minidump FORMAT commands share (`minidump`, which lists the
 * MDMP streams, and `info` on a minidump): opening the dump.  Commands
 * about the process itself read the anatomy model (model_cmd.h). */
#ifndef EPROC_COMMANDS_MD_COMMON_H
#define EPROC_COMMANDS_MD_COMMON_H

#include <stdint.h>

#include "base/bytes.h"
#include "commands/command.h"
#include "minidump/minidump.h"

/* Open -f as a minidump (the one place a format command checks the kind:
 * any other capture gets ctx_wrong_capture's line).  Returns the parsed
 * dump, or NULL with *rc set (the error line printed). */
struct md_dump *md_cmd_open(struct ep_context *ctx, int *rc);

/* Render, free the table and the dump, return the exit code. */
int md_cmd_finish(struct ep_context *ctx, struct table *t, struct md_dump *md);

/* FILETIME from a time_t (0 stays 0). */
uint64_t md_filetime_from_unix(uint64_t t);

#endif
