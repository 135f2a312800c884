#include "cli/args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "windows/poolscan.h"

void cli_print_help(FILE *out)
{
    fprintf(out,
        "eproc %s - rebuild Windows processes from memory captures\n"
        "\n"
        "usage: eproc [OPTIONS] COMMAND [COMMAND OPTIONS]\n"
        "       eproc help COMMAND\n"
        "\n"
        "options (before or after the command):\n", EPROC_VERSION);
    help_global_options(out);
    fprintf(out,
        "  -h, --help            this help; 'eproc help COMMAND' for a command\n"
        "      --version         print the version\n"
        "\n"
        "commands:\n");
    for (int i = 0; ep_commands[i]; i++)
        fprintf(out, "  %-12s %s\n", ep_commands[i]->name, ep_commands[i]->summary);
    fprintf(out,
        "\n"
        "Volatility 3 plugin names work as command names too (windows.pslist,\n"
        "windows.pslist.PsList, windows.hollowprocesses); 'eproc help COMMAND'\n"
        "names the plugin a command matches.  Process commands take\n"
        "--pid 4 392 as well as --pid 4,392.\n"
        "\n"
        "exit codes: 0 success, 1 a check found something, 2 usage error,\n"
        "            3 the input could not be read\n");
}

/* Global options, by short and long spelling. */
enum gopt { G_NONE, G_FILE, G_SYMBOLS, G_OUTPUT, G_RENDERER, G_QUIET, G_VERBOSE, G_THREADS };
static const struct { enum gopt id; const char *s, *l; int has_value; } gopts[] = {
    { G_FILE, "-f", "--file", 1 },
    { G_SYMBOLS, "-s", "--symbols", 1 },
    { G_OUTPUT, "-o", "--output", 1 },
    { G_RENDERER, "-r", "--renderer", 1 },
    { G_QUIET, "-q", "--quiet", 0 },
    { G_VERBOSE, "-v", "--verbose", 0 },
    { G_THREADS, "--threads", "--threads", 1 },      /* long spelling only */
};

/* Options a command parses itself even though a global option has the
 * same spelling (forge -o IMAGE: where to write). */
static int command_owns(const struct command *cmd, const char *opt_short)
{
    return cmd && strcmp(cmd->name, "forge") == 0 && strcmp(opt_short, "-o") == 0;
}

/* Which global option A is, with its inline value ("-fX", "--file=X") in
 * *inline_value. */
static int match_gopt(const char *a, const char **inline_value)
{
    *inline_value = NULL;
    for (size_t k = 0; k < sizeof gopts / sizeof gopts[0]; k++) {
        size_t ll = strlen(gopts[k].l);
        if (strcmp(a, gopts[k].s) == 0 || strcmp(a, gopts[k].l) == 0)
            return (int)k;
        if (gopts[k].has_value && strncmp(a, gopts[k].l, ll) == 0 && a[ll] == '=') {
            *inline_value = a + ll + 1;
            return (int)k;
        }
        if (gopts[k].has_value && gopts[k].s[1] != '-' && a[0] == '-' && a[1] == gopts[k].s[1] && a[2]) {
            *inline_value = a + 2;
            return (int)k;
        }
    }
    return -1;
}

static char *own(struct cli_args *args, char *s)
{
    /* Each word of the command line makes at most one string: room for argc. */
    args->owned[args->nowned++] = s;
    return s;
}

static int usage_error(struct cli_args *args, const char *fmt, const char *a)
{
    fprintf(stderr, "eproc: ");
    fprintf(stderr, fmt, a);
    fprintf(stderr, " (see 'eproc --help')\n");
    args->action = CLI_EXIT;
    args->exit_code = EP_EXIT_USAGE;
    return -1;
}

static int apply_gopt(struct cli_args *args, struct ep_context *ctx, int k, const char *v)
{
    switch (gopts[k].id) {
    case G_FILE:
        ctx->image_path = v;
        return 0;
    case G_SYMBOLS: {
        /* Volatility 3 separates symbol directories with ';'. */
        char *copy = own(args, ep_strdup(v));
        for (char *save = NULL, *d = strtok_r(copy, ";", &save); d; d = strtok_r(NULL, ";", &save)) {
            if (ctx->nsymdirs >= EP_MAX_SYMDIRS) {
                fprintf(stderr, "eproc: too many symbol directories (at most %d)\n", EP_MAX_SYMDIRS);
                args->action = CLI_EXIT;
                args->exit_code = EP_EXIT_USAGE;
                return -1;
            }
            ctx->symdirs[ctx->nsymdirs++] = d;
        }
        return 0;
    }
    case G_OUTPUT:
    case G_RENDERER: {
        /* The Sleuth Kit body file: a timeline format, not a table's. */
        if (strcmp(v, "bodyfile") == 0) {
            ctx->bodyfile = 1;
            ctx->format = OUT_TEXT;
            return 0;
        }
        ctx->bodyfile = 0;
        int f = out_format_parse(v);
        /* Volatility 3's text renderers. */
        if (f < 0 && gopts[k].id == G_RENDERER && (strcmp(v, "quick") == 0 || strcmp(v, "pretty") == 0))
            f = OUT_TEXT;
        if (f < 0)
            return usage_error(args, "unknown output format '%s' (text, json, jsonl or csv)", v);
        ctx->format = (enum out_format)f;
        return 0;
    }
    case G_QUIET:
        ctx->quiet = 1;
        return 0;
    case G_VERBOSE:
        ctx->verbose = 1;
        return 0;
    case G_THREADS: {
        char *end;
        long n = strtol(v, &end, 10);
        if (*v == 0 || *end || n < 1 || n > 64)
            return usage_error(args, "--threads wants a number from 1 to 64, not '%s'", v);
        pool_scan_set_threads((unsigned)n);
        return 0;
    }
    case G_NONE:
        break;
    }
    return 0;
}

/* A PID list item as --pid takes it: decimal or 0x hex, comma-separated. */
static int looks_like_pids(const char *s)
{
    if (!*s || *s == ',')
        return 0;
    for (const char *p = s; *p; p++) {
        if (*p == ',' ) {
            if (p[1] == 0 || p[1] == ',')
                return 0;
            continue;
        }
        if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
            p++;
            continue;
        }
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F')))
            return 0;
    }
    return 1;
}

/* `--pid 4 392` -> `--pid 4,392`: the words after a --pid value that are
 * themselves PIDs join it.  A bare hex word without 0x ("abc") does not
 * start with a digit and so is never taken. */
static void join_pid_words(struct cli_args *args)
{
    int out = 1;
    for (int i = 1; i < args->argc; i++) {
        char *a = args->argv[i];
        if (strcmp(a, "--") == 0) {
            while (i < args->argc)
                args->argv[out++] = args->argv[i++];
            break;
        }
        args->argv[out++] = a;
        int takes_next = strcmp(a, "--pid") == 0 || strcmp(a, "-p") == 0;
        if (!takes_next && strncmp(a, "--pid=", 6) != 0)
            continue;
        int vi = takes_next ? i + 1 : i;
        if (vi >= args->argc)
            continue;
        if (takes_next)
            args->argv[out++] = args->argv[++i];
        char *joined = args->argv[out - 1];
        while (i + 1 < args->argc && args->argv[i + 1][0] >= '0' && args->argv[i + 1][0] <= '9' &&
               looks_like_pids(args->argv[i + 1])) {
            size_t n = strlen(joined) + strlen(args->argv[i + 1]) + 2;
            char *s = ep_calloc(1, n);
            snprintf(s, n, "%s,%s", joined, args->argv[i + 1]);
            joined = own(args, s);
            i++;
        }
        args->argv[out - 1] = joined;
    }
    args->argc = out;
    args->argv[out] = NULL;
}

static void unknown_command(struct cli_args *args, const char *name)
{
    const struct command *near = command_suggest(name);
    if (near)
        fprintf(stderr, "eproc: unknown command '%s'; did you mean '%s'? (see 'eproc --help')\n", name, near->name);
    else
        fprintf(stderr, "eproc: unknown command '%s' (see 'eproc --help')\n", name);
    args->action = CLI_EXIT;
    args->exit_code = EP_EXIT_USAGE;
}

/* `eproc help [COMMAND]`. */
static void help_command(struct cli_args *args, int argc, char **argv, int i)
{
    args->action = CLI_EXIT;
    args->exit_code = EP_EXIT_OK;
    if (i + 1 >= argc) {
        cli_print_help(stdout);
        return;
    }
    const struct command *c = command_lookup(argv[i + 1]);
    if (!c) {
        unknown_command(args, argv[i + 1]);
        return;
    }
    command_print_help(c, stdout);
}

void cli_args_parse(int argc, char **argv, struct ep_context *ctx, struct cli_args *args)
{
    memset(args, 0, sizeof *args);
    args->argv = ep_calloc((size_t)argc + 1, sizeof *args->argv);
    args->owned = ep_calloc((size_t)argc + 1, sizeof *args->owned);
    int passthrough = 0;   /* after the command's "--" */
    int ended_globals = 0; /* after a "--" before the command */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (args->cmd && (passthrough || a[0] != '-' || strcmp(a, "-") == 0)) {
            args->argv[args->argc++] = argv[i];
            continue;
        }
        if (!args->cmd && (ended_globals || a[0] != '-' || strcmp(a, "-") == 0)) {
            if (strcmp(a, "help") == 0) {
                help_command(args, argc, argv, i);
                return;
            }
            args->cmd = command_lookup(a);
            if (!args->cmd) {
                unknown_command(args, a);
                return;
            }
            args->argv[args->argc++] = (char *)args->cmd->name;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            if (args->cmd) {
                args->argv[args->argc++] = argv[i];
                passthrough = 1;
            } else {
                ended_globals = 1;
            }
            continue;
        }
        const char *v;
        int k = match_gopt(a, &v);
        if (k >= 0 && !command_owns(args->cmd, gopts[k].s)) {
            if (gopts[k].has_value && !v) {
                if (i + 1 >= argc) {
                    usage_error(args, "option '%s' needs a value", a);
                    return;
                }
                v = argv[++i];
            }
            if (apply_gopt(args, ctx, k, v) != 0)
                return;
            continue;
        }
        if (args->cmd) {   /* the command's own option */
            args->argv[args->argc++] = argv[i];
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            cli_print_help(stdout);
            args->action = CLI_EXIT;
            return;
        }
        if (strcmp(a, "--version") == 0) {
            printf("eproc %s\n", EPROC_VERSION);
            args->action = CLI_EXIT;
            return;
        }
        if (strcmp(a, "--list-commands") == 0) {
            /* For the bash completion: every name a command answers to. */
            char buf[80];
            for (int c = 0; ep_commands[c]; c++) {
                const char *vol = command_vol3_name(ep_commands[c], buf, sizeof buf);
                printf("%s\n", ep_commands[c]->name);
                if (vol)
                    printf("%s\n", vol);
            }
            args->action = CLI_EXIT;
            return;
        }
        usage_error(args, "unknown option '%s'", a);
        return;
    }
    if (!args->cmd) {
        cli_print_help(stderr);
        args->action = CLI_EXIT;
        args->exit_code = EP_EXIT_USAGE;
        return;
    }
    args->argv[args->argc] = NULL;
    if (ctx->bodyfile && strcmp(args->cmd->name, "timeline") != 0) {
        usage_error(args, "-o bodyfile is a format of timeline only, not of %s", args->cmd->name);
        return;
    }
    join_pid_words(args);
    args->action = CLI_RUN;
}

void cli_args_free(struct cli_args *args)
{
    for (int i = 0; i < args->nowned; i++)
        free(args->owned[i]);
    free(args->owned);
    free(args->argv);
}
