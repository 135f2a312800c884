/* eproc handles: each process's open handles, from the HandleData stream
 * of a minidump or the handle tables of a memory image (the same model,
 * anatomy/model.h), and the findings "who holds handles to whom"
 * (check/handle_access.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commands/anatomy_section.h"
#include "check/handle_access.h"
#include "commands/model_cmd.h"
#include "windows/access_rights.h"

extern const struct command cmd_handles;

static const struct col_def cols[] = {
    { "pid", "PID", COL_UINT },
    { "process", "Process", COL_STR },
    { "handle_value", "HandleValue", COL_HEX },
    { "type", "Type", COL_STR },
    { "granted_access", "GrantedAccess", COL_HEX },
    { "rights", "Rights", COL_STR },
    { "name", "Name", COL_STR },
    { "object", "Object", COL_HEX },
    { "attributes", "Attributes", COL_HEX },
    { "handle_count", "HandleCount", COL_UINT },
    { "pointer_count", "PointerCount", COL_UINT },
    { "target_pid", "TargetPID", COL_UINT },
    { "finding", "Finding", COL_STR },
};
enum { C_PID, C_PROC, C_HANDLE, C_TYPE, C_ACCESS, C_RIGHTS, C_NAME, C_OBJECT, C_ATTR, C_HCOUNT, C_PCOUNT,
       C_TARGET, C_FINDING };

#define MAX_TYPES 32

struct options {
    const char *types[MAX_TYPES];
    unsigned ntypes;
    int findings_only;
};

/* Take --type and --findings out of argv (the rest is --pid/--name). */
static int parse_options(int argc, char **argv, char **rest, int *nrest, struct options *o)
{
    memset(o, 0, sizeof *o);
    *nrest = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (i > 0 && strcmp(a, "--findings") == 0) {
            o->findings_only = 1;
            continue;
        }
        const char *v = NULL;
        if (i > 0 && strcmp(a, "--type") == 0) {
            if (i + 1 >= argc)
                return cmd_usage_error(&cmd_handles, "option '--type' needs a value");
            v = argv[++i];
        } else if (i > 0 && strncmp(a, "--type=", 7) == 0) {
            v = a + 7;
        }
        if (v) {
            if (o->ntypes >= MAX_TYPES)
                return cmd_usage_error(&cmd_handles, "too many --type options");
            o->types[o->ntypes++] = v;
            continue;
        }
        rest[(*nrest)++] = argv[i];
    }
    return 0;
}

static int type_wanted(const struct options *o, const char *type)
{
    if (!o->ntypes)
        return 1;
    for (unsigned i = 0; i < o->ntypes; i++)
        if (type && strcasecmp(o->types[i], type) == 0)
            return 1;
    return 0;
}

/* p's handles that o lets through; returns how many are findings. */
static unsigned handle_rows_filtered(struct table *t, const struct anatomy *a, const struct an_process *p,
                                     const struct options *o)
{
    unsigned found = 0;
    char who[700];
    if (p->handles_problem[0])
        ep_warn("%s: handles: %s", model_who(a, p, who, sizeof who), p->handles_problem);
    else if (!p->have_handles && !a->no_handles && !p->has_kernel)
        ep_warn("%s: handles: the dump has no HandleData stream (written with "
                "MiniDumpWithHandleData); no handles to list", a->label);
    for (size_t i = 0; i < p->nhandles; i++) {
        const struct an_handle *h = &p->handles[i];
        if (!type_wanted(o, h->type_name))
            continue;
        char finding[300];
        int is_finding = handle_finding(a, p, h, finding, sizeof finding);
        if (o->findings_only && !is_finding)
            continue;
        table_add_row(t);
        model_cells_process(t, C_PID, C_PROC, p);
        cell_addr(t, C_HANDLE, h->handle);
        if (h->type_name)
            cell_str(t, C_TYPE, h->type_name);
        cell_addr(t, C_ACCESS, h->granted_access);
        char rights[600];
        access_rights_text(h->type_name, h->granted_access, rights, sizeof rights);
        cell_str(t, C_RIGHTS, rights);
        if (h->object_name && h->object_name[0])
            cell_str(t, C_NAME, h->object_name);
        if (h->has_object)
            cell_addr(t, C_OBJECT, h->object);
        cell_addr(t, C_ATTR, h->attributes);
        cell_uint(t, C_HCOUNT, h->handle_count);
        cell_uint(t, C_PCOUNT, h->pointer_count);
        if (h->has_target)
            cell_uint(t, C_TARGET, h->target_pid);
        if (is_finding) {
            cell_str(t, C_FINDING, finding);
            ep_warn("finding: %s", finding);
            found++;
        }
    }
    return found;
}

static unsigned handle_rows(struct table *t, const struct anatomy *a, const struct an_process *p)
{
    static const struct options all;
    return handle_rows_filtered(t, a, p, &all);
}

static int run_handles(struct ep_context *ctx, int argc, char **argv)
{
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    if (!rest)
        return EP_EXIT_INPUT;
    int nrest;
    struct options o;
    int rc = parse_options(argc, argv, rest, &nrest, &o);
    if (rc != 0) {
        free(rest);
        return rc;
    }
    struct anatomy *a;
    struct table *t;
    int opened = model_cmd_begin_parts(ctx, &cmd_handles, nrest, rest, cols, ARRAY_LEN(cols), AN_PART_HANDLES,
                                       &a, &t, &rc);
    free(rest);
    if (!opened)
        return rc;
    model_warn_missing_part(a, "handles", a->no_handles);
    unsigned found = 0;
    for (size_t pi = 0; pi < a->nprocs; pi++)
        found += handle_rows_filtered(t, a, &a->procs[pi], &o);
    return model_cmd_finish_found(ctx, t, a, found > 0);
}

const struct command cmd_handles = {
    "handles",
    "list each process's open handles; exit 1 when one opens another process for writing, "
    "thread creation, or lsass for reading",
    "usage: eproc -f CAPTURE handles [--pid PID[,PID...]] [--name NAME] [--type TYPE]... [--findings]\n"
    "\n"
    "Memory images: every handle in each process's handle table (EPROCESS.ObjectTable),\n"
    "with the object's address, its type (decoded through ObHeaderCookie) and\n"
    "name: a named object's full object-directory path, a file's device and\n"
    "path, a registry key's full path, \"NAME Pid N\" for a process,\n"
    "\"Tid N Pid N\" for a thread, the user SID for a token.\n"
    "Minidumps: the handles recorded in the HandleData stream (dumps written\n"
    "without MiniDumpWithHandleData have none: a warning says so).\n"
    "\n"
    "Rights spells the granted access in the type's right names.\n"
    "\n"
    "Findings (column finding, one warning each, exit code 1): a handle that\n"
    "grants PROCESS_VM_WRITE or PROCESS_CREATE_THREAD into another process,\n"
    "THREAD_SET_CONTEXT on another process's thread, or PROCESS_VM_READ into\n"
    "lsass.exe -- unless the holder is csrss.exe (it holds every process of its\n"
    "session) or the target's parent (CreateProcess hands the parent a full\n"
    "handle).  See docs/kernel-objects.md.\n"
    "\n"
    "  --type TYPE   only handles of this object type (repeatable; e.g. Process, File, Key)\n"
    "  --findings    only the handles that are findings\n"
    "\n"
    "columns: pid, process, handle_value, type, granted_access, rights, name, object,\n"
    "attributes, handle_count, pointer_count, target_pid, finding\n",
    run_handles,
};

const struct anatomy_section section_handles = { "handles", cols, ARRAY_LEN(cols), AN_PART_HANDLES, handle_rows };

COMMAND_COLUMNS(cmd_handles, cols, sizeof cols / sizeof cols[0], NULL)
