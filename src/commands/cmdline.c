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
};
enum { C_PID, C_PROC, C_ARGS, C_IMAGE, C_CWD };

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

static int run_cmdline(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin(ctx, &cmd_cmdline, argc, argv, cols, ARRAY_LEN(cols), &a, &t, &rc))
        return rc;
    for (size_t i = 0; i < a->nprocs; i++) {
        const struct an_process *p = &a->procs[i];
        const struct an_params *pp = &p->params;
        char who[400];
        table_add_row(t);
        model_cells_process(t, C_PID, C_PROC, p);
        if (pp->av != AN_AV_OK) {
            /* a process without user space has nothing to say: no warning */
            if (!(p->has_kernel && !p->peb_hint))
                ep_warn("%s: cmdline: command line, image path and current directory unknown: %s",
                        model_who(a, p, who, sizeof who), pp->why);
            continue;
        }
        char missing[96] = "", why[160] = "";
        ustr_cell(t, p, C_ARGS, &pp->command_line, "command line", missing, sizeof missing, why, sizeof why);
        ustr_cell(t, p, C_IMAGE, &pp->image_path, "image path", missing, sizeof missing, why, sizeof why);
        ustr_cell(t, p, C_CWD, &pp->current_directory, "current directory", missing, sizeof missing, why,
                  sizeof why);
        if (missing[0])
            ep_warn("%s: cmdline: %s unknown: %s", model_who(a, p, who, sizeof who), missing, why);
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
    "columns: pid, process, args, image_path, current_directory\n",
    run_cmdline,
};
