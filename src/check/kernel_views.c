/* The kernel views' disagreements (kernel_views.h). */
#include "check/kernel_views.h"

#include <stdio.h>

#include "anatomy/loaded_module.h"

int kcallback_outside_modules(const struct anatomy *a, const struct kcallback *c, const struct an_module **module,
                              char *where, size_t wheresz)
{
    char scratch[200];
    if (!where) {
        where = scratch;
        wheresz = sizeof scratch;
    }
    where[0] = 0;
    if (module)
        *module = NULL;
    if (!c->block_readable)
        return 0;
    const struct an_module *m = an_resolve(a, NULL, c->routine, where, wheresz);
    if (module)
        *module = m;
    return !m && a->have_kernel_modules;
}

int kmodule_on_list(const struct kmodule_list *list, const struct kmodule *m)
{
    for (unsigned i = 0; i < list->n; i++) {
        const struct kmodule *e = &list->items[i];
        if (m->entry ? e->entry == m->entry : e->base == m->base && e->size == m->size)
            return 1;
    }
    return 0;
}

const struct ep_process *process_by_pid(const struct process_list *all, uint64_t pid)
{
    const struct ep_process *exited = NULL;
    for (unsigned i = 0; i < all->n; i++) {
        const struct ep_process *p = &all->items[i];
        if (p->pid != pid)
            continue;
        if (!p->exit)
            return p;
        exited = p;
    }
    return exited;
}

int service_record_finding(const struct service_record *r, const struct process_list *all,
                           const struct ep_process **host, char *out, size_t outsz)
{
    const struct ep_process *h = r->has_process && r->pid ? process_by_pid(all, r->pid) : NULL;
    if (host)
        *host = h;
    out[0] = 0;
    int runs = (r->type & SERVICE_WIN32) && r->state != SERVICE_STOPPED;
    /* short: text tables cut cells at 64 columns; the State column says the state */
    if (runs && !r->has_process)
        snprintf(out, outsz, "not stopped, and its record names no process");
    else if (runs && h && h->exit)
        snprintf(out, outsz, "its process PID %llu (%s) has exited", (unsigned long long)r->pid, h->name);
    else if (runs && !h)
        snprintf(out, outsz, "not stopped, but no process has PID %llu", (unsigned long long)r->pid);
    return out[0] != 0;
}

int census_expects_w32(struct kernel *k, const struct census *c, const struct ep_process *p)
{
    if (p->exit || !(c->views_read & VIEW_W32))
        return -1;
    return an_image_loads_module(k, p, "user32.dll");
}
