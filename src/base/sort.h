/* qsort/bsearch that accept empty arrays: the C library declares their
 * base pointer nonnull even when the count is zero (UBSan reports it). */
#ifndef EPROC_BASE_SORT_H
#define EPROC_BASE_SORT_H

#include <stdlib.h>

static inline void sort_items(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n > 1)
        qsort(base, n, size, cmp);
}

static inline void *find_item(const void *key, const void *base, size_t n, size_t size,
                              int (*cmp)(const void *, const void *))
{
    return n ? bsearch(key, base, n, size, cmp) : NULL;
}

#endif
