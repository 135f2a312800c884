/* The command line as Volatility 3 users type it, turned into what the
 * commands parse (docs/cli.md):
 *   - global options (-f -s -o -r -q -v) before or after the command;
 *   - `-s "a;b"` as two symbol directories;
 *   - `--pid 4 392` as `--pid 4,392`;
 *   - `windows.pslist` as `pslist`, `eproc help CMD`, "did you mean". */
#ifndef EPROC_CLI_ARGS_H
#define EPROC_CLI_ARGS_H

#include "commands/command.h"

struct cli_args {
    const struct command *cmd;   /* NULL: nothing to run (see action) */
    enum { CLI_RUN, CLI_EXIT } action;
    int exit_code;               /* with CLI_EXIT */
    int argc;                    /* the command's argv: [0] is its name */
    char **argv;
    char **owned;                /* strings made here, freed by cli_args_free */
    int nowned;
};

/* Fill ctx's global options and args.  Prints help, version or the one
 * usage error line itself when the outcome is CLI_EXIT. */
void cli_args_parse(int argc, char **argv, struct ep_context *ctx, struct cli_args *args);
void cli_args_free(struct cli_args *args);

void cli_print_help(FILE *out);

#endif
