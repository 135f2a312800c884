/* eproc callbacks: the process, thread and image-load notify routines and
 * the registry callbacks, each resolved to the driver holding it; one in
 * no driver is a finding. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anatomy/fill.h"
#include "base/alloc.h"
#include "base/bytes.h"
#include "check/kernel_views.h"
#include "commands/command.h"
#include "windows/callbacks.h"

extern const struct command cmd_callbacks;

static const struct col_def cols[] = {
    { "kind", "Kind", COL_STR },
    { "array", "Array", COL_STR },
    { "slot", "Slot", COL_UINT },
    { "fast_ref", "FastRef", COL_ADDR },
    { "block", "Block", COL_ADDR },
    { "routine", "Routine", COL_ADDR },
    { "module", "Module", COL_STR },
    { "location", "Location", COL_STR },
    { "context", "Context", COL_ADDR },
    { "altitude", "Altitude", COL_STR },
    { "finding", "Finding", COL_STR },
};
enum { C_KIND, C_ARRAY, C_SLOT, C_FAST, C_BLOCK, C_ROUTINE, C_MODULE, C_LOCATION, C_CONTEXT, C_ALTITUDE, C_FINDING };

static int run_callbacks(struct ep_context *ctx, int argc, char **argv)
{
    int rc;
    struct kernel *k = kernel_command_start(ctx, &cmd_callbacks, argc, argv, &rc);
    if (!k)
        return rc;
    static struct kcallback_list cbs;
    struct ep_error err = {{0}};
    if (kcallbacks_read(k, &cbs, &err) != 0) {
        fprintf(stderr, "eproc: %s\n", err.msg);
        return EP_EXIT_INPUT;
    }
    for (unsigned i = 0; i < cbs.nmissing; i++)
        ep_warn("%s: callbacks: %s is not in the capture or the profile: its routines are unknown",
                ctx->image_path, cbs.missing[i]);
    /* A bare model holding only the kernel's modules: the resolver the
     * thread commands use. */
    struct anatomy *a = ep_calloc(1, sizeof *a);
    a->label = ctx->image_path;
    an_fill_kernel_modules(k, a);
    if (!a->have_kernel_modules)
        ep_warn("%s: callbacks: the kernel's module list cannot be read: routines are not resolved",
                ctx->image_path);
    struct table *t = table_new(cols, ARRAY_LEN(cols));
    unsigned findings = 0;
    for (unsigned i = 0; i < cbs.n; i++) {
        const struct kcallback *c = &cbs.items[i];
        table_add_row(t);
        cell_str(t, C_KIND, kcallback_kind_name(c->kind));
        cell_str(t, C_ARRAY, c->array);
        cell_uint(t, C_SLOT, c->slot);
        if (c->fast_ref)            /* a registry list entry has no slot value */
            cell_addr(t, C_FAST, c->fast_ref);
        cell_addr(t, C_BLOCK, c->block);
        if (!c->block_readable) {
            ep_warn("%s: callbacks: %s[%u]: its routine block 0x%llx is not in the capture", ctx->image_path,
                    c->array, c->slot, (unsigned long long)c->block);
            continue;
        }
        cell_addr(t, C_ROUTINE, c->routine);
        cell_addr(t, C_CONTEXT, c->context);
        if (c->altitude[0])
            cell_str(t, C_ALTITUDE, c->altitude);
        char where[200];
        const struct an_module *m;
        int outside = kcallback_outside_modules(a, c, &m, where, sizeof where);
        if (m)
            cell_str(t, C_MODULE, m->name);
        if (where[0])
            cell_str(t, C_LOCATION, where);
        if (outside) {
            char ev[300];
            snprintf(ev, sizeof ev, "routine in no loaded module: %s[%u] -> block 0x%llx -> Function 0x%llx",
                     c->array, c->slot, (unsigned long long)c->block, (unsigned long long)c->routine);
            cell_str(t, C_FINDING, ev);
            cell_mark(t, C_LOCATION);
            findings++;
        }
    }
    char footnote[300];
    snprintf(footnote, sizeof footnote, "%u notify routine%s in no module on %s (code outside every loaded driver)",
             findings, findings == 1 ? "" : "s", a->kernel_modules_source);
    anatomy_free(a);
    return ctx_render_found(ctx, t, findings, footnote);
}

const struct command cmd_callbacks = {
    "callbacks",
    "process, thread and image-load notify routines and registry callbacks, each in its driver; one in no driver is a finding",
    "usage: eproc -f IMAGE [-s SYMDIR]... callbacks\n"
    "\n"
    "Reads the 64 slots of PspCreateProcessNotifyRoutine,\n"
    "PspCreateThreadNotifyRoutine and PspLoadImageNotifyRoutine.  Each used\n"
    "slot is an EX_FAST_REF: its low 4 bits are a reference count, the rest\n"
    "points at an EX_CALLBACK_ROUTINE_BLOCK whose Function (at +8) is the\n"
    "routine and Context (+16) its context.  The routine is resolved to the\n"
    "kernel module holding it on PsLoadedModuleList (location:\n"
    "\"WdFilter.sys+0x4f5a0\").  A routine in no loaded module, code a\n"
    "driver left behind after unlinking itself or copied into pool, is a\n"
    "finding: the finding column holds the evidence (array, slot, block,\n"
    "routine) and the command exits 1.\n"
    "\n"
    "Registry callbacks (kind registry) are read in the form the symbol\n"
    "table says the build keeps them: the CallbackListHead list of callback\n"
    "blocks (slot: the position on the list; Function +0x28, Context +0x20,\n"
    "Altitude +0x30), or the CmpCallBackVector array of EX_FAST_REFs read\n"
    "like the notify arrays.\n"
    "\n"
    "columns: kind, array, slot, fast_ref, block, routine, module, location,\n"
    "context, altitude, finding\n",
    run_callbacks,
};

COMMAND_COLUMNS(cmd_callbacks, cols, sizeof cols / sizeof cols[0], NULL)
