/* eproc command line: global options, a command and its arguments, in the
 * order a Volatility 3 user types them (src/cli/args.h, docs/cli.md). */
#include <stdio.h>
#include <string.h>

#include <unistd.h>

#include "base/diag.h"
#include "base/progress.h"
#include "cli/args.h"
#include "commands/command.h"
#include "layer/physical.h"
#include "windows/kernel.h"

int main(int argc, char **argv)
{
    struct ep_context ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.format = OUT_TEXT;
    ctx.out = stdout;

    struct cli_args args;
    cli_args_parse(argc, argv, &ctx, &args);
    if (args.action == CLI_EXIT) {
        cli_args_free(&args);
        return args.exit_code;
    }
    const struct command *cmd = args.cmd;
    ctx.cmd = cmd;
    diag_set_quiet(ctx.quiet);
    diag_set_verbose(ctx.verbose);
    /* Progress only for a person watching: stderr a terminal, no -q. */
    progress_enable(!ctx.quiet && isatty(STDERR_FILENO));
    /* Warnings wait until the outcome is known: an exit-3 run prints its
     * one error line and nothing else (docs/architecture.md, "Contracts", src/base/diag.h). */
    diag_hold_warnings(1);
    if (ctx.image_path)
        capture_guard_reads(ctx.image_path);

    int rc;
    if (cmd_wants_help(cmd, args.argc, args.argv, stdout))
        rc = EP_EXIT_OK;
    else
        rc = cmd->run(&ctx, args.argc, args.argv);

    kernel_close(ctx.kernel);
    capture_close(ctx.cap);
    diag_finish(rc);
    cli_args_free(&args);
    return rc;
}
