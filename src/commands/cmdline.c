/* eproc cmdline: the command line from the process parameters. */
#include "commands/md_common.h"

extern const struct command cmd_cmdline;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "args", "Args", COL_STR },
    { "image_path", "ImagePath", COL_STR },
    { "current_directory", "CurrentDirectory", COL_STR },
};
enum { C_PID, C_PROC, C_ARGS, C_IMAGE, C_CWD };

static void ustr_cell(struct table *t, unsigned col, const struct md_ustr *s, const char *label,
                      const char *what, const char *why)
{
    if (s->av == MD_AV_OK) {
        cell_str(t, col, s->text);
        return;
    }
    if (s->av == MD_AV_UNKNOWN)
        ep_warn("%s: cmdline: %s unknown: %s", label, what, why);
    else if (s->av == MD_AV_NOT_DUMPED)
        ep_warn("%s: cmdline: %s unknown: its text at 0x%llx is not in the dump", label, what,
                (unsigned long long)s->va);
    else
        ep_warn("%s: cmdline: %s unknown: %s", label, what, md_avail_name(s->av));
}

static int run_cmdline(struct ep_context *ctx, int argc, char **argv)
{
    struct md_dump *md;
    struct table *t;
    int rc;
    if (!md_cmd_begin(ctx, &cmd_cmdline, argc, argv, cols, ARRAY_LEN(cols), &md, &t, &rc))
        return rc;
    const struct md_anatomy *a = md_anatomy(md);
    const struct md_params *pp = &a->params;
    table_add_row(t);
    md_cells_process(t, C_PID, C_PROC, md);
    if (pp->av != MD_AV_OK) {
        ep_warn("%s: cmdline: command line, image path and current directory unknown: %s",
                md->label, pp->why);
    } else {
        ustr_cell(t, C_ARGS, &pp->command_line, md->label, "command line", pp->why);
        ustr_cell(t, C_IMAGE, &pp->image_path, md->label, "image path", pp->why);
        ustr_cell(t, C_CWD, &pp->current_directory, md->label, "current directory", pp->why);
    }
    return md_cmd_finish(ctx, t, md);
}

const struct command cmd_cmdline = {
    "cmdline",
    "show the process command line, image path and current directory (minidumps)",
    "usage: eproc -f DUMP.dmp cmdline [--pid PID[,PID...]]\n"
    "\n"
    "Reads PEB.ProcessParameters (RTL_USER_PROCESS_PARAMETERS) in dumped\n"
    "memory, reached through a thread's TEB.  Small dumps often hold no PEB:\n"
    "then the row has null fields and a warning names the first missing link\n"
    "(TEB, PEB, parameters block, or the string itself).\n"
    "\n"
    "columns: pid, process, args, image_path, current_directory\n",
    run_cmdline,
};
