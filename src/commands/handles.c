/* eproc handles: the process's handles from the HandleData stream. */
#include "commands/md_common.h"

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
    struct md_dump *md;
    struct table *t;
    int rc;
    if (!md_cmd_begin(ctx, &cmd_handles, argc, argv, cols, ARRAY_LEN(cols), &md, &t, &rc))
        return rc;
    if (!md->have_handles)
        ep_warn("%s: handles: the dump has no HandleData stream (written with "
                "MiniDumpWithHandleData); no handles to list", md->label);
    for (size_t i = 0; i < md->nhandles; i++) {
        const struct md_handle *h = &md->handles[i];
        table_add_row(t);
        md_cells_process(t, C_PID, C_PROC, md);
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
    return md_cmd_finish(ctx, t, md);
}

const struct command cmd_handles = {
    "handles",
    "list the process's open handles (minidumps with HandleData)",
    "usage: eproc -f DUMP.dmp handles [--pid PID[,PID...]]\n"
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
