/* eproc cmdline: each process's command line, image path and current
 * directory, from its process parameters (the anatomy model). */
#include <stdio.h>
#include <string.h>

#include "commands/model_cmd.h"

extern const struct command cmd_cmdline;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "args", "Args", COL_STR },
    { "image_path", "ImagePath", COL_STR },
    { "current_directory", "CurrentDirectory", COL_STR },
    { "wow64", "Wow64", COL_BOOL },
};
enum { C_PID, C_PROC, C_ARGS, C_IMAGE, C_CWD, C_WOW64 };

/* The cell when the string was read; else its name joins the list of
 * what is unknown, with why when it is the first. */
static void ustr_cell(struct table *t, const struct an_process *p, unsigned col, const struct an_ustr *s,
                      const char *what, char *missing, size_t msz, char *why, size_t wsz)
{
    if (s->av == AN_AV_OK) {
        cell_str(t, col, s->text);
        return;
    }
    size_t n = strlen(missing);
    snprintf(missing + n, msz - n, "%s%s", n ? ", " : "", what);
    if (why[0])
        return;
    if (s->av == AN_AV_MISSING || s->av == AN_AV_PAGED_OUT)
        snprintf(why, wsz, "its text at 0x%llx is %s", (unsigned long long)s->va, model_missing(p, s->av));
    else
        snprintf(why, wsz, "%s", an_avail_name(s->av));
}

/* One row from one parameters block: the process's own, or (wow64) the
 * 32-bit one its PEB32 points at. */
static void params_row(struct table *t, const struct anatomy *a, const struct an_process *p,
                       const struct an_params *pp, int wow64)
{
    const char *side = wow64 ? " (32-bit PEB)" : "";
    char who[400];
    table_add_row(t);
    model_cells_process(t, C_PID, C_PROC, p);
    cell_bool(t, C_WOW64, wow64);
    if (pp->av != AN_AV_OK) {
        /* a process without user space has nothing to say: no warning */
        if (!(p->has_kernel && !p->peb_hint))
            ep_warn("%s: cmdline%s: command line, image path and current directory unknown: %s",
                    model_who(a, p, who, sizeof who), side, pp->why);
        return;
    }
    char missing[96] = "", why[160] = "";
    ustr_cell(t, p, C_ARGS, &pp->command_line, "command line", missing, sizeof missing, why, sizeof why);
    ustr_cell(t, p, C_IMAGE, &pp->image_path, "image path", missing, sizeof missing, why, sizeof why);
    ustr_cell(t, p, C_CWD, &pp->current_directory, "current directory", missing, sizeof missing, why,
              sizeof why);
    if (missing[0])
        ep_warn("%s: cmdline%s: %s unknown: %s", model_who(a, p, who, sizeof who), side, missing, why);
}

static int run_cmdline(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin(ctx, &cmd_cmdline, argc, argv, cols, ARRAY_LEN(cols), &a, &t, &rc))
        return rc;
    for (size_t i = 0; i < a->nprocs; i++) {
        const struct an_process *p = &a->procs[i];
        params_row(t, a, p, &p->params, 0);
        if (p->wow64.present)
            params_row(t, a, p, &p->wow64.params, 1);
    }
    return model_cmd_finish(ctx, t, a);
}

const struct command cmd_cmdline = {
    "cmdline",
    "show each process's command line, image path and current directory",
    "usage: eproc -f CAPTURE cmdline [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "Reads PEB.ProcessParameters (RTL_USER_PROCESS_PARAMETERS) in process\n"
    "memory: on a memory image for every process the active list or the\n"
    "pool scan finds (the PEB through the process's own page tables), on a\n"
    "minidump for the dumped process (reached through a thread's TEB).\n"
    "Memory that is not in the capture or is paged out gives null fields\n"
    "and one warning per process naming the first missing link (TEB, PEB,\n"
    "parameters block, or the string itself); a process without user space\n"
    "(System, Registry) has a row with null fields.\n"
    "\n"
    "A WoW64 process (memory images) has a second row, wow64 true: the\n"
    "32-bit parameters block its PEB32 points at, which the 32-bit program\n"
    "reads (the two normally agree; a difference is worth a look).\n"
    "\n"
    "columns: pid, process, args, image_path, current_directory, wow64\n",
    run_cmdline,
};

COMMAND_COLUMNS(cmd_cmdline, cols, sizeof cols / sizeof cols[0], NULL)
