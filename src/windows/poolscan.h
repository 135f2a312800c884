/* Scanning physical memory for pool allocations by tag: one pass over the
 * capture for every scan that runs, on all cores.
 *
 * Pool blocks start 16-byte aligned on x64 with the _POOL_HEADER's PoolTag
 * at offset 4; the scan tests only those positions.  The capture is read
 * through its run map (every format: raw, crash dump, ELF core, LiME), in
 * 1 MiB blocks handed to the workers in file order, with the file asked
 * into the page cache 32 MiB ahead; each block is scanned where the
 * capture is mapped (no copy) and dropped from the process afterwards, so
 * the resident set stays at a few blocks whatever the capture's size
 * (docs/decisions.md, "One pass at read speed").
 *
 * A scan joins the pass by registering its tags and a callback:
 *
 *     struct pool_pass *pass = pool_pass_new(cap);
 *     unsigned nw = pool_pass_workers(pass);      // size per-worker state
 *     pool_pass_add(pass, my_tags, 2, my_hit, my_ctx);
 *     pool_pass_add(pass, other_tags, 1, other_hit, other_ctx);
 *     pool_pass_run(pass);                        // the capture is read once
 *     pool_pass_free(pass);
 *
 * pool_scan() is that sequence for a single scan. */
#ifndef EPROC_WINDOWS_POOLSCAN_H
#define EPROC_WINDOWS_POOLSCAN_H

#include <stdint.h>

#include "layer/physical.h"

#define POOLSCAN_MAX_TAGS 8       /* per registration */
#define POOLSCAN_MAX_SCANS 16     /* registrations per pass */

/* Called from worker threads, concurrently: pa is the pool header's
 * physical address, tag_index the index into the registration's tags
 * array, page the bytes of the 4 KiB page holding the header (its offset
 * in the page is pa & 0xfff; valid during the call only).  worker is
 * 0..nworkers-1, for per-thread state. */
typedef void (*pool_hit_fn)(uint64_t pa, unsigned tag_index, const uint8_t *page, unsigned worker, void *ctx);

struct pool_pass;

/* A pass over cap with pool_scan_workers(cap) workers; NULL when out of
 * memory. */
struct pool_pass *pool_pass_new(const struct capture *cap);
unsigned pool_pass_workers(const struct pool_pass *pass);
/* Register a scan: tags are 4-byte little-endian values (e.g. 'Proc' is
 * 0x636f7250).  Returns -1 when the pass is full (POOLSCAN_MAX_SCANS) or
 * ntags is 0 or above POOLSCAN_MAX_TAGS. */
int pool_pass_add(struct pool_pass *pass, const uint32_t *tags, unsigned ntags, pool_hit_fn fn, void *ctx);
/* Read the capture once, calling every registered scan on its hits.
 * Returns the number of worker threads used. */
unsigned pool_pass_run(struct pool_pass *pass);
void pool_pass_free(struct pool_pass *pass);

/* One scan, one pass.  Returns the number of worker threads used. */
unsigned pool_scan(const struct capture *cap, const uint32_t *tags, unsigned ntags, pool_hit_fn fn, void *ctx);

/* Worker threads a pass over cap will use (for sizing per-thread state):
 * the --threads setting (default: the online CPUs), fewer on small
 * captures. */
unsigned pool_scan_workers(const struct capture *cap);
/* The --threads option: 0 restores the default. */
void pool_scan_set_threads(unsigned n);

#define POOL_TAG(a, b, c, d) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)

#endif
