/* Scanning physical memory for pool allocations by tag, on all cores.
 *
 * Pool blocks start 16-byte aligned on x64 with the _POOL_HEADER's PoolTag
 * at offset 4; the scan tests only those positions.  The capture is
 * mmapped, so the scan reads the file once, in large chunks, one chunk per
 * thread at a time. */
#ifndef EPROC_WINDOWS_POOLSCAN_H
#define EPROC_WINDOWS_POOLSCAN_H

#include <stdint.h>

#include "layer/physical.h"

#define POOLSCAN_MAX_TAGS 8

/* Called from worker threads, concurrently: pa is the pool header's
 * physical address, tag_index the index into the tags array, page the
 * zero-copy bytes of the 4 KiB page holding the header (its offset in
 * the page is pa & 0xfff).  worker is 0..nworkers-1, for per-thread state. */
typedef void (*pool_hit_fn)(uint64_t pa, unsigned tag_index, const uint8_t *page, unsigned worker, void *ctx);

/* Scan every run.  tags are 4-byte little-endian values (e.g. 'Proc' is
 * 0x636f7250).  Returns the number of worker threads used. */
unsigned pool_scan(const struct capture *cap, const uint32_t *tags, unsigned ntags, pool_hit_fn fn, void *ctx);

/* Worker threads pool_scan will use on cap (for sizing per-thread state). */
unsigned pool_scan_workers(const struct capture *cap);

#define POOL_TAG(a, b, c, d) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)

#endif
