/* Shared start and end of the process-anatomy commands (model_cmd.h). */
#include "commands/model_cmd.h"

#include <stdio.h>

#include "anatomy/fill.h"
#include "commands/proc_filter.h"
#include "layer/physical.h"

static struct kernel *open_kernel(void *arg, int *exit_code)
{
    return ctx_kernel(arg, exit_code);
}

int model_cmd_begin(struct ep_context *ctx, const struct command *cmd, int argc, char **argv,
                    const struct col_def *cols, unsigned ncols, struct anatomy **a, struct table **t,
                    int *rc)
{
    return model_cmd_begin_parts(ctx, cmd, argc, argv, cols, ncols, 0, a, t, rc);
}

int model_cmd_begin_parts(struct ep_context *ctx, const struct command *cmd, int argc, char **argv,
                          const struct col_def *cols, unsigned ncols, unsigned parts, struct anatomy **a,
                          struct table **t, int *rc)
{
    return model_cmd_begin_select(ctx, cmd, argc, argv, cols, ncols, parts, 0, a, t, rc);
}

int model_cmd_begin_select(struct ep_context *ctx, const struct command *cmd, int argc, char **argv,
                           const struct col_def *cols, unsigned ncols, unsigned parts, unsigned only,
                           struct anatomy **a, struct table **t, int *rc)
{
    struct proc_filter f;
    if ((*rc = proc_filter_parse(cmd, argc, argv, &f)) != 0)
        return 0;
    struct capture *cap = ctx_capture(ctx, rc);
    if (!cap)
        return 0;
    struct an_select sel = { f.pids, f.npids, f.names, f.nnames, parts, only };
    if (!(*a = anatomy_open(cap, open_kernel, ctx, &sel, rc)))
        return 0;
    *t = table_new(cols, ncols);
    return 1;
}

int model_cmd_finish(struct ep_context *ctx, struct table *t, struct anatomy *a)
{
    int rc = ctx_render(ctx, t);
    table_free(t);
    anatomy_free(a);
    return rc;
}

int model_cmd_finish_found(struct ep_context *ctx, struct table *t, struct anatomy *a, int found)
{
    anatomy_free(a);
    return ctx_render_found(ctx, t, found != 0, NULL);
}

void model_cells_process(struct table *t, unsigned pid_col, unsigned proc_col, const struct an_process *p)
{
    if (p->pid_known)
        cell_uint(t, pid_col, p->pid);
    if (p->name[0])
        cell_str(t, proc_col, p->name);
}

const char *model_who(const struct anatomy *a, const struct an_process *p, char *buf, size_t n)
{
    if (p->pid_known && p->has_kernel)
        snprintf(buf, n, "%s: PID %llu (%s)", a->label, (unsigned long long)p->pid, p->name);
    else
        snprintf(buf, n, "%s", a->label);
    return buf;
}

void model_warn_missing_part(const struct anatomy *a, const char *cmd, const char *what)
{
    if (what && a->nprocs)
        ep_warn("%s: %s: %s", a->label, cmd, what);
}

const char *model_impersonation_level(uint32_t level)
{
    static const char *const levels[] = { "Anonymous", "Identification", "Impersonation", "Delegation" };
    return level < 4 ? levels[level] : "?";
}

const char *model_missing(const struct an_process *p, enum an_avail av)
{
    if (av == AN_AV_PAGED_OUT)
        return "paged out";
    if (av != AN_AV_MISSING)
        return an_avail_name(av);
    return p->vas && p->vas->where[4] == 'd' ? "not in the dump" : "not in the capture";
}
