#ifndef EPROC_COMMANDS_KTHREADS_H
#define EPROC_COMMANDS_KTHREADS_H

#include "commands/command.h"

/* `threads` on a memory image (raw, crash dump, ELF, LiME): accepts
 * --pid/--name like the process commands. */
int kernel_threads(struct ep_context *ctx, const struct command *cmd, int argc, char **argv);

#endif
