/* Kernel pool.  Small allocations (up to 4080 bytes with their header) are
 * packed into pool pages, each preceded by a _POOL_HEADER whose BlockSize,
 * PreviousSize, PoolType and PoolTag are what pool scanners check; larger
 * ones take whole pages with no header and are recorded in the big-page
 * tracker table (PoolBigPageTable), as Windows does. */
#include "forge/forge_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"

/* PoolType byte in the header of an allocated block: NonPagedPoolNx blocks
 * show 2, paged blocks an odd value (Vista+: paged = odd, nonpaged = even,
 * free = 0).  Fact from observed Windows 10/11 pool headers. */
#define HDR_NONPAGED 2
#define HDR_PAGED 3



uint64_t pool_alloc(struct forge *f, enum pool_kind kind, uint32_t size, const char tag[4])
{
    uint32_t hsz = f->L.sz_POOL_HEADER ? f->L.sz_POOL_HEADER : 16;
    uint32_t total = (size + hsz + 15) & ~15U;
    if (total > 0xFF0)
        return pool_alloc_big(f, kind, size, tag);
    uint64_t *page = kind == POOL_PAGED ? &f->pool_page_p : &f->pool_page_np;
    uint64_t *off = kind == POOL_PAGED ? &f->pool_off_p : &f->pool_off_np;
    struct kregion *r = kind == POOL_PAGED ? &f->pool_p : &f->pool_np;
    if (!*page || *off + total > PAGE) {
        *page = kva_alloc_pages(f, r, 1);
        /* start at a random 16-byte slot so objects do not all sit at
         * page offsets 0 (a running pool is never that tidy) */
        *off = (rng_range(&f->rng, 0, 6)) * 0x40;
        f->pool_prev[kind] = 0;
    }
    uint64_t va = *page + *off;
    uint8_t hdr[32] = {0};
    fset(hdr, &f->L.ph_PreviousSize, f->pool_prev[kind]);
    fset(hdr, &f->L.ph_PoolIndex, 0);
    fset(hdr, &f->L.ph_BlockSize, total / 16);
    fset(hdr, &f->L.ph_PoolType, kind == POOL_PAGED ? HDR_PAGED : HDR_NONPAGED);
    uint32_t t;
    memcpy(&t, tag, 4);
    fset(hdr, &f->L.ph_PoolTag, t);
    kw(f, va, hdr, hsz);
    f->pool_prev[kind] = (uint16_t)(total / 16);
    *off += total;
    return va + hsz;
}

uint64_t pool_alloc_big(struct forge *f, enum pool_kind kind, uint64_t size, const char tag[4])
{
    uint64_t npages = (size + PAGE - 1) / PAGE;
    uint64_t va = kva_alloc_pages(f, kind == POOL_PAGED ? &f->pool_p : &f->pool_np, npages);
    if (f->nbig == f->capbig) {
        f->capbig = f->capbig ? f->capbig * 2 : 256;
        f->big = fx_grow(f->big, f->capbig, sizeof *f->big);
    }
    f->big[f->nbig].va = va;
    f->big[f->nbig].size = npages * PAGE;
    memcpy(f->big[f->nbig].tag, tag, 4);
    f->big[f->nbig].paged = kind == POOL_PAGED;
    f->nbig++;
    return va;
}

/* Write PoolBigPageTable: a power-of-two array of trackers, with the table
 * pointer and size in the kernel's data section. */
void pool_finish(struct forge *f)
{
    uint64_t sym_table = ksym(f, "PoolBigPageTable");
    uint64_t sym_size = ksym(f, "PoolBigPageTableSize");
    uint32_t esz = f->L.sz_POOL_TRACKER_BIG_PAGES;
    if (!sym_table || !sym_size || !esz || !fhas(&f->L.pbt_Va))
        return;
    uint64_t n = 4096;
    while (n < f->nbig * 2)
        n *= 2;
    uint64_t bytes = n * esz;
    uint64_t npages = (bytes + PAGE - 1) / PAGE;
    uint64_t table = kva_alloc_pages(f, &f->pool_np, npages);
    uint8_t *buf = fx_tmp(f, npages, PAGE);
    for (uint64_t i = 0; i < n; i++)
        fset(buf + i * esz, &f->L.pbt_Va, 1);    /* free slots have bit 0 set */
    for (size_t i = 0; i < f->nbig; i++) {
        /* hash as the kernel does: by page number, linear probing */
        uint64_t h = (f->big[i].va >> 12) & (n - 1);
        while (fget(buf + h * esz, &f->L.pbt_Va) != 1)
            h = (h + 1) & (n - 1);
        uint8_t *e = buf + h * esz;
        uint32_t key;
        memcpy(&key, f->big[i].tag, 4);
        fset(e, &f->L.pbt_Va, f->big[i].va);
        fset(e, &f->L.pbt_Key, key);
        fset(e, &f->L.pbt_PoolType, f->big[i].paged ? 1 : 0x200);
        fset(e, &f->L.pbt_NumberOfBytes, f->big[i].size);
    }
    kw(f, table, buf, npages * PAGE);
    fx_tmp_free(f, buf);
    kw64(f, sym_table, table);
    kw64(f, sym_size, n);
}
