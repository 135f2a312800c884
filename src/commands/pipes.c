/* eproc pipes: named pipes found through handles (seed 003): each File
 * object on \Device\NamedPipe, grouped by pipe name, with every process
 * that holds an end, which end it is (server or client) and who holds the
 * other end of the same instance. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commands/model_cmd.h"

extern const struct command cmd_pipes;

static const struct col_def cols[] = {
    { "pipe", "Pipe", COL_STR },
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "handle_value", "HandleValue", COL_HEX },
    { "object", "FileObject", COL_HEX },
    { "granted_access", "GrantedAccess", COL_HEX },
    { "holders", "Holders", COL_UINT },
    { "end", "End", COL_STR },
    { "instance", "Instance", COL_ADDR },
    { "peers", "Peers", COL_STR },
};
enum { C_PIPE, C_PID, C_PROC, C_HANDLE, C_OBJECT, C_ACCESS, C_HOLDERS, C_END, C_INSTANCE, C_PEERS };

#define PIPE_PREFIX "\\Device\\NamedPipe\\"

struct end {
    const char *pipe;                    /* after the prefix */
    const struct an_process *p;
    const struct an_handle *h;
};

static int by_pipe(const void *a, const void *b)
{
    const struct end *x = a, *y = b;
    int c = strcasecmp(x->pipe, y->pipe);
    if (c)
        return c;
    if (x->p->pid != y->p->pid)
        return x->p->pid < y->p->pid ? -1 : 1;
    return x->h->handle < y->h->handle ? -1 : x->h->handle > y->h->handle;
}

static int run_pipes(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin_parts(ctx, &cmd_pipes, argc, argv, cols, ARRAY_LEN(cols), AN_PART_HANDLES, &a, &t, &rc))
        return rc;
    model_warn_missing_part(a, "pipes", a->no_handles);
    size_t n = 0, cap = 0;
    struct end *ends = NULL;
    for (size_t pi = 0; pi < a->nprocs; pi++) {
        const struct an_process *p = &a->procs[pi];
        for (size_t i = 0; i < p->nhandles; i++) {
            const struct an_handle *h = &p->handles[i];
            if (!h->type_name || strcmp(h->type_name, "File") != 0 || !h->object_name ||
                strncasecmp(h->object_name, PIPE_PREFIX, strlen(PIPE_PREFIX)) != 0)
                continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                struct end *grown = realloc(ends, cap * sizeof *grown);
                if (!grown)
                    break;
                ends = grown;
            }
            ends[n++] = (struct end){ h->object_name + strlen(PIPE_PREFIX), p, h };
        }
    }
    if (n)
        qsort(ends, n, sizeof *ends, by_pipe);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && strcasecmp(ends[j].pipe, ends[i].pipe) == 0)
            j++;
        for (size_t k = i; k < j; k++) {
            table_add_row(t);
            cell_str(t, C_PIPE, ends[k].pipe);
            model_cells_process(t, C_PID, C_PROC, ends[k].p);
            cell_addr(t, C_HANDLE, ends[k].h->handle);
            if (ends[k].h->has_object)
                cell_addr(t, C_OBJECT, ends[k].h->object);
            cell_addr(t, C_ACCESS, ends[k].h->granted_access);
            cell_uint(t, C_HOLDERS, j - i);
            const struct an_handle *h = ends[k].h;
            if (h->pipe_end == AN_PIPE_END_UNKNOWN)
                continue;
            cell_str(t, C_END, h->pipe_end == AN_PIPE_END_SERVER ? "server" : "client");
            cell_addr(t, C_INSTANCE, h->pipe_instance);
            /* the processes holding the other end of this instance */
            char peers[512] = "";
            size_t len = 0;
            for (size_t m = i; m < j; m++) {
                const struct an_handle *o = ends[m].h;
                if (m == k || o->pipe_instance != h->pipe_instance || o->pipe_end == h->pipe_end ||
                    len + 24 >= sizeof peers)
                    continue;
                len += (size_t)snprintf(peers + len, sizeof peers - len, "%s%llu", len ? "," : "",
                                        (unsigned long long)ends[m].p->pid);
            }
            if (peers[0])
                cell_str(t, C_PEERS, peers);
        }
        i = j;
    }
    free(ends);
    return model_cmd_finish(ctx, t, a);
}

const struct command cmd_pipes = {
    "pipes",
    "named pipes found through handles: each pipe and the processes holding its ends",
    "usage: eproc -f CAPTURE pipes [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "Every File handle on \\Device\\NamedPipe\\, grouped by pipe name: the\n"
    "process holding it, the handle, its FILE_OBJECT and granted access, and\n"
    "how many handles the pipe has in the processes shown.  end says which\n"
    "end of a pipe instance the handle is (server or client: bit 0 of\n"
    "FILE_OBJECT.FsContext), instance the instance's context block (the\n"
    "CCB both ends point at) and peers the processes holding the other end\n"
    "of that instance (empty: a server still listening).  end is null when\n"
    "FsContext is not a pipe instance.\n"
    "\n"
    "columns: pipe, pid, process, handle_value, object, granted_access, holders,\n"
    "end, instance, peers\n",
    run_pipes,
};

COMMAND_COLUMNS(cmd_pipes, cols, sizeof cols / sizeof cols[0], NULL)
