#include "base/progress.h"
#include "windows/poolscan.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/bytes.h"

/* Bytes a worker scans at a time, and how far ahead of the blocks handed
 * out the file is asked into the page cache, so a cold capture keeps the
 * disk busy while the workers scan (measured: docs/decisions.md, "One pass
 * at read speed"). */
#define BLOCK (1ull << 20)
#define READ_AHEAD (32ull << 20)
#define RELEASE_EVERY 32u
#define MAX_WORKERS 64
#define MAX_FLAT_TAGS (POOLSCAN_MAX_SCANS * POOLSCAN_MAX_TAGS)

struct scan_reg {
    pool_hit_fn fn;
    void *ctx;
};

struct pool_pass {
    const struct capture *cap;
    unsigned workers;
    struct scan_reg regs[POOLSCAN_MAX_SCANS];
    unsigned nregs;
    /* Every registered tag, flattened; first_byte says which low bytes
     * occur at all (one load rejects almost every position of junk). */
    uint32_t tags[MAX_FLAT_TAGS];
    uint8_t tag_reg[MAX_FLAT_TAGS], tag_index[MAX_FLAT_TAGS];
    unsigned ntags;
    uint8_t first_byte[256];

    pthread_mutex_t lock;
    size_t run;              /* next run to hand out */
    uint64_t run_off;        /* next offset inside it */
    unsigned handed;         /* blocks handed out so far */
};

struct worker_arg {
    struct pool_pass *pass;
    unsigned index;
};

/* One worker per 16 MiB of capture at most: below that, starting a
 * thread costs more than the scan it would share (and a one-worker scan
 * is deterministic, which the fuzz harnesses need). */
#define BYTES_PER_WORKER (16ull << 20)

static unsigned thread_setting;     /* --threads; 0: the online CPUs */

void pool_scan_set_threads(unsigned n)
{
    thread_setting = n > MAX_WORKERS ? MAX_WORKERS : n;
}

unsigned pool_scan_workers(const struct capture *cap)
{
    long n = thread_setting;
    if (n == 0)
        n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1) n = 1;
    if (n > MAX_WORKERS) n = MAX_WORKERS;
    uint64_t by_size = 1 + cap->phys_bytes / BYTES_PER_WORKER;
    if ((uint64_t)n > by_size)
        n = (long)by_size;
    return (unsigned)n;
}

struct pool_pass *pool_pass_new(const struct capture *cap)
{
    struct pool_pass *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->cap = cap;
    p->workers = pool_scan_workers(cap);
    return p;
}

unsigned pool_pass_workers(const struct pool_pass *pass)
{
    return pass->workers;
}

int pool_pass_add(struct pool_pass *p, const uint32_t *tags, unsigned ntags, pool_hit_fn fn, void *ctx)
{
    if (p->nregs >= POOLSCAN_MAX_SCANS || ntags == 0 || ntags > POOLSCAN_MAX_TAGS || !fn)
        return -1;
    unsigned r = p->nregs++;
    p->regs[r] = (struct scan_reg){ fn, ctx };
    for (unsigned t = 0; t < ntags; t++) {
        p->tags[p->ntags] = tags[t];
        p->tag_reg[p->ntags] = (uint8_t)r;
        p->tag_index[p->ntags] = (uint8_t)t;
        p->first_byte[tags[t] & 0xff] = 1;
        p->ntags++;
    }
    return 0;
}

void pool_pass_free(struct pool_pass *pass)
{
    free(pass);
}

/* Ask the kernel to start reading [off, off+len) into the page cache.
 * Only where the file has data: asking for a hole of a sparse file would
 * fill the page cache with zeros nobody scans. */
static void read_ahead(const struct capture *cap, uint64_t off, uint64_t len)
{
    int fd = cap->file.fd;
    if (fd < 0 || off >= cap->file.size)
        return;
    off_t data = lseek(fd, (off_t)off, SEEK_DATA);
    if (data < 0)
        data = errno == ENXIO ? (off_t)cap->file.size : (off_t)off;
    if ((uint64_t)data < off + len)
        posix_fadvise(fd, data, (off_t)(off + len - (uint64_t)data), POSIX_FADV_WILLNEED);
}

/* Hand out the next block: [pa, pa+len) stored at file offset off. */
static int next_block(struct pool_pass *p, uint64_t *pa, uint64_t *len, uint64_t *off)
{
    int got = 0;
    pthread_mutex_lock(&p->lock);
    while (p->run < p->cap->nruns) {
        const struct phys_run *r = &p->cap->runs[p->run];
        if (p->run_off >= r->len) {
            p->run++;
            p->run_off = 0;
            continue;
        }
        *pa = r->pa + p->run_off;
        *off = r->file_off + p->run_off;
        *len = r->len - p->run_off < BLOCK ? r->len - p->run_off : BLOCK;
        p->run_off += *len;
        got = 1;
        read_ahead(p->cap, *off + READ_AHEAD, *len);
        p->handed++;
        break;
    }
    pthread_mutex_unlock(&p->lock);
    /* The callbacks read around their hits (object bodies, page tables,
     * names) through the mapping, and the kernel maps whole page-cache
     * folios (up to 2 MiB) for each such read: let go of them every
     * RELEASE_EVERY blocks, or a capture with many hits (2,000 processes)
     * kept 2.2 GB resident. */
    if (got && p->handed % RELEASE_EVERY == 0)
        capture_release_pages(p->cap);
    return got;
}

/* Test every 16-byte aligned position of [pa, pa+len), whose bytes are
 * at base. */
static void scan_bytes(const struct pool_pass *p, unsigned worker, uint64_t pa, const uint8_t *base, uint64_t len)
{
    uint64_t skip = (16 - (pa & 15)) & 15;
    for (uint64_t i = skip; i + 8 <= len; i += 16) {
        if (!p->first_byte[base[i + 4]])
            continue;                    /* almost every position, zeroed or not */
        uint32_t v = le32(base + i + 4);
        for (unsigned t = 0; t < p->ntags; t++) {
            if (v != p->tags[t])
                continue;
            uint64_t hit = pa + i;
            const uint8_t *page = base + i - (hit & 0xfff);
            /* Only whole pages are handed to the callbacks. */
            if (i >= (hit & 0xfff) && (uint64_t)(page - base) + 0x1000 <= len) {
                const struct scan_reg *r = &p->regs[p->tag_reg[t]];
                r->fn(hit, p->tag_index[t], page, worker, r->ctx);
            }
        }
    }
}

/* Scan [off, off+len) of the file where the capture is mapped.  The
 * kernel maps page-cache pages into the process without copying them
 * (MADV_WILLNEED first, so a cold block is read in one request), and
 * MADV_DONTNEED drops them from this process afterwards: they stay in the
 * page cache but no longer count as resident here, so the resident set is
 * a few blocks however large the capture.  (The mapping is read-only and
 * file-backed, so dropping it loses nothing: a later read faults the same
 * bytes back in.)  A capture opened over a caller's buffer (fuzzers,
 * tests) is scanned as it is: dropping anonymous memory would zero it. */
static void map_and_scan(const struct pool_pass *p, unsigned worker, uint64_t pa, uint64_t len, uint64_t off)
{
    const struct capture *cap = p->cap;
    const uint8_t *bytes = cap->file.data + off;
    int own_mapping = !cap->borrowed && cap->file.fd >= 0;
    uint64_t first = off & ~0xfffull, last = (off + len) & ~0xfffull;   /* whole pages only */
    if (own_mapping && last > first)
        madvise((void *)(cap->file.data + first), last - first, MADV_WILLNEED);
    scan_bytes(p, worker, pa, bytes, len);
    if (own_mapping && last > first)
        madvise((void *)(cap->file.data + first), last - first, MADV_DONTNEED);
}

/* Holes in a sparse capture file read as zeros and hold no pool blocks:
 * ask the file system where the data is (SEEK_DATA/SEEK_HOLE) and scan
 * only that.  Where the file system cannot say, scan everything. */
static void scan_block(const struct pool_pass *p, struct worker_arg *w, uint64_t pa, uint64_t len, uint64_t off)
{
    int fd = p->cap->file.fd;
    uint64_t pos = off, end = off + len;
    while (pos < end) {
        off_t data = fd >= 0 ? lseek(fd, (off_t)pos, SEEK_DATA) : (off_t)pos;
        if (data < 0) {
            if (errno == ENXIO)
                return;                  /* only a hole remains */
            data = (off_t)pos;           /* no hole support: scan it all */
        }
        if ((uint64_t)data >= end)
            return;
        off_t hole = fd >= 0 ? lseek(fd, data, SEEK_HOLE) : (off_t)end;
        if (hole < 0 || (uint64_t)hole > end)
            hole = (off_t)end;
        /* Whole physical pages around the data (a run need not start
         * page-aligned in the file: LiME's headers are 32 bytes), kept
         * inside the block; the hole's part of them reads as zeros. */
        uint64_t from = pa + ((uint64_t)data - off), to = pa + ((uint64_t)hole - off);
        from &= ~0xfffull;
        to = (to + 0xfff) & ~0xfffull;
        if (from < pa + (pos - off))
            from = pa + (pos - off);
        if (to > pa + len)
            to = pa + len;
        map_and_scan(p, w->index, from, to - from, off + (from - pa));
        pos = (uint64_t)hole;
    }
}

static void *worker_main(void *arg)
{
    struct worker_arg *w = arg;
    uint64_t pa, len, off;
    while (next_block(w->pass, &pa, &len, &off)) {
        scan_block(w->pass, w, pa, len, off);
        progress_add(len);
    }
    return NULL;
}

unsigned pool_pass_run(struct pool_pass *p)
{
    if (p->nregs == 0)
        return 0;
    p->run = 0;
    p->run_off = 0;
    pthread_mutex_init(&p->lock, NULL);
    unsigned n = p->workers;
    pthread_t th[MAX_WORKERS];
    struct worker_arg args[MAX_WORKERS];
    for (unsigned i = 0; i < n; i++)
        args[i] = (struct worker_arg){ p, i };
    /* The first blocks, before any worker asks for them. */
    if (p->cap->nruns)
        read_ahead(p->cap, p->cap->runs[0].file_off, READ_AHEAD);
    unsigned started = 0;
    progress_begin("scanning physical memory for pool tags", p->cap->phys_bytes);
    for (unsigned i = 1; i < n; i++)
        if (pthread_create(&th[started], NULL, worker_main, &args[i]) == 0)
            started++;
    worker_main(&args[0]);
    for (unsigned i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    progress_end();
    /* A worker that could not start left its blocks to the others (the
     * queue is shared), so nothing was skipped. */
    pthread_mutex_destroy(&p->lock);
    /* What the callbacks read around their hits (object bodies, page
     * tables, names) stayed mapped: let it go too. */
    capture_release_pages(p->cap);
    return 1 + started;
}

unsigned pool_scan(const struct capture *cap, const uint32_t *tags, unsigned ntags, pool_hit_fn fn, void *ctx)
{
    struct pool_pass *p = pool_pass_new(cap);
    if (!p)
        return 0;
    if (ntags > POOLSCAN_MAX_TAGS)
        ntags = POOLSCAN_MAX_TAGS;
    unsigned used = pool_pass_add(p, tags, ntags, fn, ctx) == 0 ? pool_pass_run(p) : 0;
    pool_pass_free(p);
    return used;
}
