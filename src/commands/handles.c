/* eproc handles: the process's handles from the HandleData stream. */
#include "commands/model_cmd.h"

extern const struct command cmd_handles;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "handle_value", "HandleValue", COL_HEX },
    { "type", "Type", COL_STR },
    { "granted_access", "GrantedAccess", COL_HEX },
    { "name", "Name", COL_STR },
    { "attributes", "Attributes", COL_HEX },
    { "handle_count", "HandleCount", COL_UINT },
    { "pointer_count", "PointerCount", COL_UINT },
};
enum { C_PID, C_PROC, C_HANDLE, C_TYPE, C_ACCESS, C_NAME, C_ATTR, C_HCOUNT, C_PCOUNT };

static int run_handles(struct ep_context *ctx, int argc, char **argv)
{
    struct anatomy *a;
    struct table *t;
    int rc;
    if (!model_cmd_begin(ctx, &cmd_handles, argc, argv, cols, ARRAY_LEN(cols), &a, &t, &rc))
        return rc;
    model_warn_missing_part(a, "handles", a->no_handles);
    for (size_t pi = 0; pi < a->nprocs; pi++) {
    const struct an_process *p = &a->procs[pi];
    if (!p->have_handles && !a->no_handles)
        ep_warn("%s: handles: the dump has no HandleData stream (written with "
                "MiniDumpWithHandleData); no handles to list", a->label);
    for (size_t i = 0; i < p->nhandles; i++) {
        const struct an_handle *h = &p->handles[i];
        table_add_row(t);
        model_cells_process(t, C_PID, C_PROC, p);
        cell_addr(t, C_HANDLE, h->handle);
        if (h->type_name)
            cell_str(t, C_TYPE, h->type_name);
        cell_addr(t, C_ACCESS, h->granted_access);
        if (h->object_name && h->object_name[0])
            cell_str(t, C_NAME, h->object_name);
        cell_addr(t, C_ATTR, h->attributes);
        cell_uint(t, C_HCOUNT, h->handle_count);
        cell_uint(t, C_PCOUNT, h->pointer_count);
    }
    }
    return model_cmd_finish(ctx, t, a);
}

const struct command cmd_handles = {
    "handles",
    "list the process's open handles (minidumps with HandleData; images: later)",
    "usage: eproc -f CAPTURE handles [--pid PID[,PID...]] [--name NAME]\n"
    "\n"
    "The handles recorded in the HandleData stream: value, object type,\n"
    "granted access mask, object name, attributes and the object's handle\n"
    "and pointer counts.  Dumps written without MiniDumpWithHandleData have\n"
    "no such stream: a warning says so and no rows are printed.\n"
    "\n"
    "columns: pid, process, handle_value, type, granted_access, name,\n"
    "attributes, handle_count, pointer_count\n",
    run_handles,
};
