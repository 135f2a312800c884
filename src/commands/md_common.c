/* Shared plumbing for the commands that read process minidumps. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands/md_common.h"
#include "layer/physical.h"

static int parse_pid_list(const struct command *cmd, const char *s, struct md_args *args)
{
    const char *p = s;
    if (!*p)
        return cmd_usage_error(cmd, "--pid needs a process id");
    while (*p) {
        char *end;
        errno = 0;
        unsigned long v = strtoul(p, &end, 0);
        if (end == p || errno || v > 0xffffffffUL || (*end && *end != ','))
            return cmd_usage_error(cmd, "bad process id '%s'", s);
        if (args->npids >= MD_MAX_PID_FILTER)
            return cmd_usage_error(cmd, "too many process ids (at most %d)", MD_MAX_PID_FILTER);
        args->pids[args->npids++] = (uint32_t)v;
        p = *end ? end + 1 : end;
    }
    return 0;
}

int md_parse_args(const struct command *cmd, int argc, char **argv, struct md_args *args)
{
    memset(args, 0, sizeof *args);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--pid") == 0 || strcmp(a, "-p") == 0) {
            if (i + 1 >= argc)
                return cmd_usage_error(cmd, "--pid needs a process id");
            if (parse_pid_list(cmd, argv[++i], args) != 0)
                return EP_EXIT_USAGE;
        } else if (strncmp(a, "--pid=", 6) == 0) {
            if (parse_pid_list(cmd, a + 6, args) != 0)
                return EP_EXIT_USAGE;
        } else {
            return cmd_usage_error(cmd, "unexpected argument '%s'", a);
        }
    }
    return 0;
}

struct md_dump *md_cmd_open(struct ep_context *ctx, const struct command *cmd, int *rc)
{
    struct capture *cap = ctx_capture(ctx, rc);
    if (!cap)
        return NULL;
    if (cap->kind != CAPTURE_MINIDUMP) {
        fprintf(stderr, "eproc: %s: kernel captures: not implemented yet\n", cmd->name);
        *rc = EP_EXIT_USAGE;
        return NULL;
    }
    struct md_dump *md = NULL;
    struct ep_error err = {{0}};
    if (md_open(&cap->file, &md, &err) != 0) {
        fprintf(stderr, "eproc: %s\n", err.msg);
        *rc = EP_EXIT_INPUT;
        return NULL;
    }
    return md;
}

int md_pid_selected(struct md_dump *md, const struct md_args *args)
{
    if (args->npids == 0)
        return 1;
    uint32_t pid;
    if (md_process_id(md, &pid) != 0)
        return 0;
    for (int i = 0; i < args->npids; i++)
        if (args->pids[i] == pid)
            return 1;
    return 0;
}

void md_cells_process(struct table *t, unsigned pid_col, unsigned proc_col, struct md_dump *md)
{
    uint32_t pid;
    if (md_process_id(md, &pid) == 0)
        cell_uint(t, pid_col, pid);
    const char *name = md_process_name(md);
    if (name[0])
        cell_str(t, proc_col, name);
}

int md_cmd_finish(struct ep_context *ctx, struct table *t, struct md_dump *md)
{
    int rc = ctx_render(ctx, t);
    table_free(t);
    md_close(md);
    return rc;
}

uint64_t md_filetime_from_unix(uint64_t t)
{
    if (t == 0)
        return 0;
    /* 11644473600 s between 1601-01-01 and 1970-01-01 */
    return (t + 11644473600ull) * 10000000ull;
}

int md_cmd_begin(struct ep_context *ctx, const struct command *cmd, int argc, char **argv,
                 const struct col_def *cols, unsigned ncols, struct md_dump **md, struct table **t, int *rc)
{
    struct md_args args;
    if ((*rc = md_parse_args(cmd, argc, argv, &args)) != 0)
        return 0;
    if (!(*md = md_cmd_open(ctx, cmd, rc)))
        return 0;
    *t = table_new(cols, ncols);
    if (!md_pid_selected(*md, &args)) {
        *rc = md_cmd_finish(ctx, *t, *md);
        return 0;
    }
    return 1;
}
