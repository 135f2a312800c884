/* Lazily opened, shared state for commands: the capture and the kernel. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "commands/command.h"
#include "layer/physical.h"
#include "windows/kernel.h"

struct capture *ctx_capture(struct ep_context *ctx, int *exit_code)
{
    if (ctx->cap)
        return ctx->cap;
    if (!ctx->image_path) {
        fprintf(stderr, "eproc: no capture given: use -f IMAGE\n");
        *exit_code = EP_EXIT_USAGE;
        return NULL;
    }
    struct ep_error err = {{0}};
    if (capture_open(ctx->image_path, &ctx->cap, &err) != 0) {
        fprintf(stderr, "eproc: %s\n", err.msg);
        *exit_code = EP_EXIT_INPUT;
        return NULL;
    }
    return ctx->cap;
}

struct kernel *ctx_kernel(struct ep_context *ctx, int *exit_code)
{
    if (ctx->kernel)
        return ctx->kernel;
    struct capture *cap = ctx_capture(ctx, exit_code);
    if (!cap)
        return NULL;
    if (cap->kind == CAPTURE_MINIDUMP) {
        *exit_code = ctx_wrong_capture(ctx, cap, CTX_READS_KERNEL);
        return NULL;
    }
    struct ep_error err = {{0}};
    if (kernel_open(cap, ctx->symdirs, ctx->nsymdirs, &ctx->kernel, &err) != 0) {
        fprintf(stderr, "eproc: %s\n", err.msg);
        *exit_code = EP_EXIT_INPUT;
        return NULL;
    }
    return ctx->kernel;
}

int ctx_wrong_capture(struct ep_context *ctx, const struct capture *cap, const char *reads)
{
    const char *what = cap->kind == CAPTURE_MINIDUMP ? "process minidump"
                       : cap->kind == CAPTURE_RAW ? "raw memory image"
                       : cap->format ? cap->format : "memory capture";
    ep_error_line("%s: %s reads %s, not a %s", cap->file.path, ctx->cmd ? ctx->cmd->name : "this command",
                  reads, what);
    return EP_EXIT_INPUT;
}

int ctx_render(struct ep_context *ctx, const struct table *t)
{
    if (table_render(t, ctx->format, ctx->out) != 0) {
        fprintf(stderr, "eproc: cannot write output\n");
        return EP_EXIT_INPUT;
    }
    return EP_EXIT_OK;
}

int ctx_render_found(struct ep_context *ctx, struct table *t, unsigned found, const char *footnote)
{
    int rc = ctx_render(ctx, t);
    if (found && footnote && ctx->format == OUT_TEXT)
        fprintf(ctx->out, "\n* %s\n", footnote);
    table_free(t);
    return rc == EP_EXIT_OK && found ? EP_EXIT_FOUND : rc;   /* DESIGN.md §4: the command found something */
}

struct kernel *kernel_command_start(struct ep_context *ctx, const struct command *cmd, int argc, char **argv,
                                    int *rc)
{
    *rc = EP_EXIT_OK;
    if (cmd_wants_help(cmd, argc, argv, ctx->out))
        return NULL;
    if (argc > 1) {
        *rc = cmd_usage_error(cmd, "unexpected argument '%s'", argv[1]);
        return NULL;
    }
    return ctx_kernel(ctx, rc);
}

int cmd_usage_error(const struct command *cmd, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ep_error_line("%s: %s (see 'eproc %s --help')", cmd->name, msg, cmd->name);
    return EP_EXIT_USAGE;
}

int cmd_wants_help(const struct command *cmd, int argc, char **argv, FILE *out)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            command_print_help(cmd, out);
            return 1;
        }
    }
    return 0;
}
