/* eproc forge [SCENARIO.json] -o IMAGE [--format raw|crashdump|crashdump-bitmap|elf|lime]
 *             [--seed N] [--memory SIZE] [--no-symbols] [--force]
 * Builds a ground-truth memory image (docs/forge.md, docs/scenario.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/number.h"
#include "commands/command.h"
#include "forge/forge.h"

static int run_forge(struct ep_context *ctx, int argc, char **argv);

const struct command cmd_forge = {
    "forge",
    "build a ground-truth Windows 11 memory image from a scenario",
    "usage: eproc forge [SCENARIO.json] -o IMAGE\n"
    "                   [--format raw|crashdump|crashdump-bitmap|elf|lime]\n"
    "                   [--seed N] [--memory SIZE] [--no-symbols] [--force]\n"
    "                   [--profile BUILD|ISF]   (eproc -s DIR forge ...)\n"
    "\n"
    "Builds the memory of a Windows 11 24H2 x64 machine (build 26100) by doing\n"
    "what the kernel does when it creates processes, and writes:\n"
    "  IMAGE                    the image (raw by default)\n"
    "  IMAGE.truth.json         every object written, with addresses, and every\n"
    "                           staged technique (docs/forge.md)\n"
    "  IMAGE.symbols/windows/ntkrnlmp.pdb/GUID-AGE.json.xz   the ISF used\n"
    "Without SCENARIO the default machine is forged (a booted desktop with one\n"
    "user).  Same scenario and seed give the same bytes.\n"
    "\n"
    "options:\n"
    "  -o, --output IMAGE   where to write the image (required)\n"
    "  --format FORMAT      raw (default), crashdump (full PAGEDU64, DumpType 1),\n"
    "                       crashdump-bitmap (PAGEDU64 DumpType 5: only the pages\n"
    "                       in use, listed in a bitmap), elf, lime\n"
    "  --seed N             override machine.seed (0 to 2^64-1, decimal or 0x hex)\n"
    "  --memory SIZE        override machine.memory (e.g. 4G; 128M..16G)\n"
    "  --profile P          lay the machine out for another build: a build number\n"
    "                       (19041, 19041.1288) whose ntkrnlmp.pdb table is in a\n"
    "                       symbol directory given with -s, or an ISF file; the\n"
    "                       kernel then names that table (no IMAGE.symbols/ is\n"
    "                       written) and readers need the same -s directory.\n"
    "                       Default: machine.profile, else 26100 (built in)\n"
    "  --no-symbols         do not write IMAGE.symbols/\n"
    "  --force              replace an existing IMAGE, IMAGE.truth.json and\n"
    "                       IMAGE.symbols/ (never a symbolic link: those are\n"
    "                       refused, and never followed)\n"
    "\n"
    "exit codes: 0 written; 2 bad arguments or an invalid scenario (one line\n"
    "naming the key; also a scenario too big for machine.memory), or an output\n"
    "path refused before any work (it exists and --force was not given, it is a\n"
    "symbolic link, or it is longer than the system allows); 3 the scenario\n"
    "could not be read, the image not written, or the host ran out of memory\n",
    run_forge,
};

static int run_forge(struct ep_context *ctx, int argc, char **argv)
{
    struct forge_options opt;
    memset(&opt, 0, sizeof opt);
    opt.symdirs = ctx->symdirs;
    opt.nsymdirs = ctx->nsymdirs;
    opt.format = FORGE_RAW;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = NULL;
#define VALUE(name) do { \
            if (i + 1 >= argc) return cmd_usage_error(&cmd_forge, "option '%s' needs a value", name); \
            v = argv[++i]; } while (0)
        if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            VALUE(a);
            opt.out_path = v;
        } else if (!strncmp(a, "--output=", 9)) {
            opt.out_path = a + 9;
        } else if (!strcmp(a, "--format") || !strncmp(a, "--format=", 9)) {
            if (a[8] == '=') v = a + 9; else VALUE(a);
            int fmt = forge_format_parse(v);
            if (fmt < 0)
                return cmd_usage_error(&cmd_forge, "unknown format '%s' (raw, crashdump, crashdump-bitmap, elf, lime)", v);
            opt.format = (enum forge_format)fmt;
        } else if (!strcmp(a, "--seed") || !strncmp(a, "--seed=", 7)) {
            if (a[6] == '=') v = a + 7; else VALUE(a);
            if (number_parse(v, UINT64_MAX, &opt.seed) != 0)
                return cmd_usage_error(&cmd_forge, "--seed needs a number from 0 to 2^64-1 (decimal or 0x hex), not '%s'", v);
            opt.have_seed = 1;
        } else if (!strcmp(a, "--memory") || !strncmp(a, "--memory=", 9)) {
            if (a[8] == '=') v = a + 9; else VALUE(a);
            if (forge_parse_size(v, &opt.memory) || opt.memory < (128ULL << 20) || opt.memory > (16ULL << 30))
                return cmd_usage_error(&cmd_forge, "--memory needs a size from 128M to 16G, not '%s'", v);
            opt.memory &= ~0xFFFFFULL;
            opt.have_memory = 1;
        } else if (!strcmp(a, "--profile") || !strncmp(a, "--profile=", 10)) {
            if (a[9] == '=') v = a + 10; else VALUE(a);
            opt.profile = v;
        } else if (!strcmp(a, "--no-symbols")) {
            opt.no_symbols = 1;
        } else if (!strcmp(a, "--force")) {
            opt.force = 1;
        } else if (a[0] == '-' && a[1]) {
            return cmd_usage_error(&cmd_forge, "unknown option '%s'", a);
        } else if (!opt.scenario_path) {
            opt.scenario_path = a;
        } else {
            return cmd_usage_error(&cmd_forge, "more than one scenario given ('%s')", a);
        }
#undef VALUE
    }
    if (!opt.out_path)
        return cmd_usage_error(&cmd_forge, "missing -o IMAGE");
    struct ep_error err = {{0}};
    int rc = forge_run(&opt, &err);
    if (rc != 0)
        fprintf(stderr, "eproc: forge: %s\n", err.msg);
    return rc;
}
