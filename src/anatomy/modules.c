/* Looking modules up by address: an index sorted by base, built once per
 * process by its filler (an_index_modules), so that a lookup stays
 * O(log n) whatever the counts a hostile capture claims. */
#include <stdlib.h>

#include "anatomy/walk.h"

/* qsort has no context argument; fillers run on one thread. */
static const struct an_module *sorting;

static int cmp_index(const void *a, const void *b)
{
    uint64_t x = sorting[*(const uint32_t *)a].base, y = sorting[*(const uint32_t *)b].base;
    return x < y ? -1 : x > y;
}

void an_index_modules(struct an_process *p)
{
    free(p->module_index);
    p->module_index = NULL;
    if (!p->nmodules)
        return;
    p->module_index = ep_calloc(p->nmodules, sizeof *p->module_index);
    for (size_t i = 0; i < p->nmodules; i++)
        p->module_index[i] = (uint32_t)i;
    sorting = p->modules;
    qsort(p->module_index, p->nmodules, sizeof *p->module_index, cmp_index);
    sorting = NULL;
}

const struct an_module *an_module_at(const struct an_process *p, uint64_t va)
{
    if (!p->module_index)
        return NULL;
    size_t lo = 0, hi = p->nmodules;            /* first module with base > va */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->modules[p->module_index[mid]].base <= va)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* overlapping modules (hostile lists): look a few back */
    for (size_t k = 0; k < 16 && lo > 0; k++, lo--) {
        const struct an_module *m = &p->modules[p->module_index[lo - 1]];
        if (va - m->base < m->size)
            return m;
    }
    return NULL;
}
