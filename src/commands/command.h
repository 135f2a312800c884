/* Commands: what the CLI dispatches to (docs/architecture.md, "Contracts").
 *
 * A command parses its own arguments (everything after its name), opens
 * what it needs through the context, builds a table and renders it.  It
 * returns an exit code from enum ep_exit.  The context opens the capture
 * and picks the profile lazily, once, so commands share that work. */
#ifndef EPROC_COMMANDS_COMMAND_H
#define EPROC_COMMANDS_COMMAND_H

#include <stddef.h>
#include <stdio.h>

#include "base/diag.h"
#include "output/table.h"

struct capture;
struct kernel;

#define EP_MAX_SYMDIRS 16

struct ep_context {
    const char *image_path;            /* -f */
    const char *symdirs[EP_MAX_SYMDIRS];/* -s, in order given */
    int nsymdirs;
    enum out_format format;            /* -o */
    int quiet, verbose;
    FILE *out;
    const struct command *cmd;         /* the command being run */

    struct capture *cap;               /* opened by ctx_capture() */
    struct kernel *kernel;             /* built by ctx_kernel() */
    int bodyfile;                      /* -o bodyfile: the Sleuth Kit body file (timeline only) */
};

struct command {
    const char *name;
    const char *summary;               /* one line for `eproc --help` */
    const char *usage;                 /* full text for `eproc CMD --help` */
    int (*run)(struct ep_context *ctx, int argc, char **argv);
};

/* Open -f once.  On failure prints the one-line error and returns NULL;
 * the command then returns EP_EXIT_INPUT (or EP_EXIT_USAGE without -f). */
struct capture *ctx_capture(struct ep_context *ctx, int *exit_code);

/* Capture + kernel discovery + profile.  Same error contract. */
struct kernel *ctx_kernel(struct ep_context *ctx, int *exit_code);

/* What a command reads, for ctx_wrong_capture(). */
#define CTX_READS_KERNEL "memory images and kernel crash dumps"
#define CTX_READS_MINIDUMP "process minidumps"

/* The one answer, whatever the command, to a capture of a kind it does not
 * read: "eproc: FILE: CMD reads READS, not a FORMAT" and EP_EXIT_INPUT
 * (returned).  Exit 3, not 2: the command line is well formed, and the
 * problem is the input, which only reading it revealed (docs/decisions.md). */
int ctx_wrong_capture(struct ep_context *ctx, const struct capture *cap, const char *reads);

/* Render a table in the context's format; maps write errors to exit 3. */
int ctx_render(struct ep_context *ctx, const struct table *t);

/* The end of a command that can find something: render and free T, print
 * "* FOOTNOTE" under text output when FOUND, and return EP_EXIT_FOUND
 * (exit 1) when FOUND and the output was written. */
int ctx_render_found(struct ep_context *ctx, struct table *t, unsigned found, const char *footnote);

/* The start of a kernel command that takes no argument of its own
 * (modules, modscan, callbacks): --help, a stray argument refused, then
 * ctx_kernel().  NULL when the command ends there, with *rc its exit code
 * (EP_EXIT_OK after --help). */
struct kernel *kernel_command_start(struct ep_context *ctx, const struct command *cmd, int argc, char **argv,
                                    int *rc);

/* Print "eproc: CMD: message" and return EP_EXIT_USAGE. */
int cmd_usage_error(const struct command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* True (and prints usage) if argv asks for --help/-h. */
int cmd_wants_help(const struct command *cmd, int argc, char **argv, FILE *out);

const struct command *command_find(const char *name);

/* Command-line conveniences (aliases.c, help.c): the command NAME names,
 * also as a Volatility 3 plugin ("windows.pslist", "windows.pslist.PsList");
 * the closest command to a mistyped name, or NULL; the Volatility 3 plugin
 * a command matches ("windows.X" in buf), or NULL. */
const struct command *command_lookup(const char *name);
const struct command *command_suggest(const char *name);
const char *command_vol3_name(const struct command *cmd, char *buf, size_t cap);
int vol3_has_plugin(const char *name);
/* The one help layout: usage, summary, options, global options, what the
 * rows show, the Volatility 3 name.  help_global_options prints the
 * options every command takes. */
void command_print_help(const struct command *cmd, FILE *out);
void help_global_options(FILE *out);
/* The columns of a command's rows, for its help: each command file names
 * its column table(s) once, beside them, with
 *     COMMAND_COLUMNS(cmd_x, cols, ARRAY_LEN(cols), NULL);
 * (LABEL names which rows when a command has several tables, e.g. "memory
 * images" and "minidumps").  The help lists them from the table the rows
 * are built from, so the two cannot drift apart.  Registered before main
 * runs (a constructor), so the list is complete whatever asks for it. */
struct command_columns {
    const struct command *cmd;
    const char *label;
    const struct col_def *cols;
    unsigned ncols;
};
void command_columns_add(const struct command *cmd, const struct col_def *cols, unsigned ncols,
                         const char *label);
/* The i-th table registered for cmd, or NULL past the last. */
const struct command_columns *command_columns_at(const struct command *cmd, unsigned i);
#define COMMAND_COLUMNS_JOIN(a, b) a##b
#define COMMAND_COLUMNS_NAME(a, b) COMMAND_COLUMNS_JOIN(a, b)
#define COMMAND_COLUMNS(cmd, cols, ncols, label)                                                   \
    extern const struct command cmd;                                                               \
    __attribute__((constructor)) static void COMMAND_COLUMNS_NAME(register_columns_, __LINE__)(void) \
    {                                                                                              \
        command_columns_add(&cmd, cols, ncols, label);                                             \
    }
/* NULL-terminated list, in the order `eproc --help` shows them. */
extern const struct command *const ep_commands[];

#endif
