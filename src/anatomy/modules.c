/* Looking modules up by address: an index sorted by base, built once per
 * module list by its filler (an_index_modules, an_index_kernel_modules),
 * so that a lookup stays O(log n) whatever the counts a hostile capture
 * claims.  an_resolve() is the one place that turns an address into
 * "module+offset", for user addresses (the process's modules) and kernel
 * addresses (the kernel's drivers) alike. */
#include <stdio.h>
#include <stdlib.h>

#include "anatomy/walk.h"

/* qsort has no context argument; fillers run on one thread. */
static const struct an_module *sorting;

static int cmp_index(const void *a, const void *b)
{
    uint64_t x = sorting[*(const uint32_t *)a].base, y = sorting[*(const uint32_t *)b].base;
    return x < y ? -1 : x > y;
}

static uint32_t *index_of(const struct an_module *mods, size_t n)
{
    if (!n)
        return NULL;
    uint32_t *index = ep_calloc(n, sizeof *index);
    for (size_t i = 0; i < n; i++)
        index[i] = (uint32_t)i;
    sorting = mods;
    qsort(index, n, sizeof *index, cmp_index);
    sorting = NULL;
    return index;
}

static const struct an_module *lookup(const struct an_module *mods, size_t n, const uint32_t *index, uint64_t va)
{
    if (!index)
        return NULL;
    size_t lo = 0, hi = n;                      /* first module with base > va */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (mods[index[mid]].base <= va)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* overlapping modules (hostile lists): look a few back */
    for (size_t k = 0; k < 16 && lo > 0; k++, lo--) {
        const struct an_module *m = &mods[index[lo - 1]];
        if (va - m->base < m->size)
            return m;
    }
    return NULL;
}

void an_index_modules(struct an_process *p)
{
    free(p->module_index);
    p->module_index = index_of(p->modules, p->nmodules);
}

const struct an_module *an_module_at(const struct an_process *p, uint64_t va)
{
    return lookup(p->modules, p->nmodules, p->module_index, va);
}

void an_index_kernel_modules(struct anatomy *a)
{
    free(a->kernel_module_index);
    a->kernel_module_index = index_of(a->kernel_modules, a->nkernel_modules);
}

const struct an_module *an_kernel_module_at(const struct anatomy *a, uint64_t va)
{
    return lookup(a->kernel_modules, a->nkernel_modules, a->kernel_module_index, va);
}

const struct an_module *an_resolve(const struct anatomy *a, const struct an_process *p, uint64_t va, char *out,
                                   size_t n)
{
    int kernel = va >= AN_KERNEL_SPACE;
    const struct an_module *m = kernel ? an_kernel_module_at(a, va) : p ? an_module_at(p, va) : NULL;
    int have_list = kernel ? a->have_kernel_modules : p && p->have_modules;
    if (m)
        snprintf(out, n, "%s+0x%llx", m->name ? m->name : "?", (unsigned long long)(va - m->base));
    else
        snprintf(out, n, "%s", have_list && va ? AN_NO_MODULE : "");
    return m;
}
