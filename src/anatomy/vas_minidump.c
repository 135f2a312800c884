/* The address space of a minidump's process: its MemoryList and
 * Memory64List ranges (minidump/memory.c sorts and de-overlaps them).
 * Memory the writer did not save is "not in the dump"; a minidump knows
 * nothing of paging, so that is the only kind of gap. */
#include <stdio.h>
#include <stdlib.h>

#include "anatomy/vas.h"
#include "minidump/minidump.h"

static uint64_t md_vas_read(void *impl, uint64_t va, void *buf, uint64_t len, struct vas_miss *miss)
{
    const struct md_dump *md = impl;
    uint64_t got = md_read(md, va, buf, len);
    if (got < len)
        *miss = (struct vas_miss){ va + got, VAS_GAP_ABSENT };
    return got;
}

static int md_vas_next_extent(void *impl, uint64_t from, struct vas_extent *out)
{
    const struct md_dump *md = impl;
    size_t lo = 0, hi = md->nranges;          /* first range that ends after from */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (md->ranges[mid].va + md->ranges[mid].size <= from)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == md->nranges)
        return -1;
    const struct md_range *r = &md->ranges[lo];
    uint64_t skip = from > r->va ? from - r->va : 0;
    const struct an_region *mi = md_find_meminfo(md, r->va);
    *out = (struct vas_extent){ r->va + skip, r->size - skip, md->data + r->file_off + skip,
                                mi && mi->type == 0x1000000 };
    return 0;
}

static const struct vas_ops md_vas_ops = { md_vas_read, md_vas_next_extent, NULL };

struct vas *vas_from_minidump(const struct md_dump *md)
{
    struct vas *v = calloc(1, sizeof *v);
    if (!v) {
        fputs("eproc: out of memory\n", stderr);
        abort();
    }
    v->ops = &md_vas_ops;
    v->impl = (void *)md;
    v->ptr_size = md->ptr_size == 4 ? 4 : 8;
    v->where = "the dump";
    return v;
}
