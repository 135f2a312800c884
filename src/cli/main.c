/* eproc command line: global options, then a command and its arguments.
 *   eproc [-f IMAGE] [-s SYMDIR]... [-o text|json|jsonl|csv] [-q] [-v] COMMAND [ARGS]
 * (docs/architecture.md, "Contracts"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "commands/command.h"
#include "layer/physical.h"
#include "windows/kernel.h"

static void print_help(FILE *out)
{
    fprintf(out,
        "eproc %s - rebuild Windows processes from memory captures\n"
        "\n"
        "usage: eproc [-f IMAGE] [-s SYMDIR]... [-o FORMAT] [-q] [-v] COMMAND [ARGS]\n"
        "\n"
        "options:\n"
        "  -f, --file IMAGE      capture to analyse: raw image, crash dump (full,\n"
        "                        bitmap, kernel triage), ELF core, LiME, minidump\n"
        "  -s, --symbols SYMDIR  symbol directory laid out like Volatility 3's\n"
        "                        (SYMDIR/windows/ntkrnlmp.pdb/GUID-AGE.json.xz);\n"
        "                        repeatable; searched in order\n"
        "  -o, --output FORMAT   text (default), json, jsonl or csv\n"
        "  -q, --quiet           no warnings on stderr\n"
        "  -v, --verbose         explain what is being done on stderr\n"
        "  -h, --help            this help; 'eproc COMMAND --help' for a command\n"
        "      --version         print the version\n"
        "\n"
        "commands:\n", EPROC_VERSION);
    for (int i = 0; ep_commands[i]; i++)
        fprintf(out, "  %-12s %s\n", ep_commands[i]->name, ep_commands[i]->summary);
    fprintf(out,
        "\n"
        "exit codes: 0 success, 1 a check found something, 2 usage error,\n"
        "            3 the input could not be read\n");
}

/* Option value: "-fIMAGE", "-f IMAGE", "--file=IMAGE", "--file IMAGE". */
static const char *option_value(int argc, char **argv, int *i, const char *shortopt, const char *longopt)
{
    const char *a = argv[*i];
    size_t ll = strlen(longopt);
    if (strcmp(a, shortopt) == 0 || strcmp(a, longopt) == 0) {
        if (*i + 1 >= argc)
            return NULL;
        return argv[++*i];
    }
    if (strncmp(a, longopt, ll) == 0 && a[ll] == '=')
        return a + ll + 1;
    if (strncmp(a, shortopt, 2) == 0 && a[2])
        return a + 2;
    return NULL;
}

static int is_option(const char *a, const char *shortopt, const char *longopt)
{
    size_t ll = strlen(longopt);
    return strcmp(a, shortopt) == 0 || strcmp(a, longopt) == 0 ||
           (strncmp(a, longopt, ll) == 0 && a[ll] == '=') ||
           (strncmp(a, shortopt, 2) == 0 && a[2] && a[1] != '-');
}

int main(int argc, char **argv)
{
    struct ep_context ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.format = OUT_TEXT;
    ctx.out = stdout;

    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || strcmp(a, "-") == 0)
            break;
        if (strcmp(a, "--") == 0) { i++; break; }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            print_help(stdout);
            return EP_EXIT_OK;
        }
        if (strcmp(a, "--version") == 0) {
            printf("eproc %s\n", EPROC_VERSION);
            return EP_EXIT_OK;
        }
        if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) { ctx.quiet = 1; continue; }
        if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) { ctx.verbose = 1; continue; }
        const char *v;
        if (is_option(a, "-f", "--file")) {
            if (!(v = option_value(argc, argv, &i, "-f", "--file")))
                goto missing;
            ctx.image_path = v;
        } else if (is_option(a, "-s", "--symbols")) {
            if (!(v = option_value(argc, argv, &i, "-s", "--symbols")))
                goto missing;
            if (ctx.nsymdirs >= EP_MAX_SYMDIRS) {
                fprintf(stderr, "eproc: too many -s options (at most %d)\n", EP_MAX_SYMDIRS);
                return EP_EXIT_USAGE;
            }
            ctx.symdirs[ctx.nsymdirs++] = v;
        } else if (is_option(a, "-o", "--output")) {
            if (!(v = option_value(argc, argv, &i, "-o", "--output")))
                goto missing;
            int f = out_format_parse(v);
            if (f < 0) {
                fprintf(stderr, "eproc: unknown output format '%s' (text, json, jsonl or csv)\n", v);
                return EP_EXIT_USAGE;
            }
            ctx.format = (enum out_format)f;
        } else {
            fprintf(stderr, "eproc: unknown option '%s' (see 'eproc --help')\n", a);
            return EP_EXIT_USAGE;
        }
        continue;
missing:
        fprintf(stderr, "eproc: option '%s' needs a value (see 'eproc --help')\n", a);
        return EP_EXIT_USAGE;
    }

    if (i >= argc) {
        print_help(stderr);
        return EP_EXIT_USAGE;
    }
    const struct command *cmd = command_find(argv[i]);
    if (!cmd) {
        fprintf(stderr, "eproc: unknown command '%s' (see 'eproc --help')\n", argv[i]);
        return EP_EXIT_USAGE;
    }
    ctx.cmd = cmd;
    diag_set_quiet(ctx.quiet);
    diag_set_verbose(ctx.verbose);
    /* Warnings wait until the outcome is known: an exit-3 run prints its
     * one error line and nothing else (docs/architecture.md, "Contracts", src/base/diag.h). */
    diag_hold_warnings(1);
    if (ctx.image_path)
        capture_guard_reads(ctx.image_path);

    int rc;
    if (cmd_wants_help(cmd, argc - i, argv + i, stdout))
        rc = EP_EXIT_OK;
    else
        rc = cmd->run(&ctx, argc - i, argv + i);

    kernel_close(ctx.kernel);
    capture_close(ctx.cap);
    diag_finish(rc);
    return rc;
}
