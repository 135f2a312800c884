#include "windows/poolscan.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/bytes.h"

#define CHUNK (32ull << 20)
#define MAX_WORKERS 64

struct scan_job {
    const struct capture *cap;
    const uint32_t *tags;
    unsigned ntags;
    pool_hit_fn fn;
    void *ctx;
    pthread_mutex_t lock;
    size_t run;              /* next run to hand out */
    uint64_t run_off;        /* next offset inside it */
};

struct worker_arg {
    struct scan_job *job;
    unsigned index;
};

/* One worker per 16 MiB of capture at most: below that, starting a
 * thread costs more than the scan it would share (and a one-worker scan
 * is deterministic, which the fuzz harnesses need). */
#define BYTES_PER_WORKER (16ull << 20)

unsigned pool_scan_workers(const struct capture *cap)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1) n = 1;
    if (n > MAX_WORKERS) n = MAX_WORKERS;
    uint64_t by_size = 1 + cap->phys_bytes / BYTES_PER_WORKER;
    if ((uint64_t)n > by_size)
        n = (long)by_size;
    return (unsigned)n;
}

/* Hand out the next chunk: [pa, pa+len) stored at file offset off. */
static int next_chunk(struct scan_job *j, uint64_t *pa, uint64_t *len, uint64_t *off)
{
    int got = 0;
    pthread_mutex_lock(&j->lock);
    while (j->run < j->cap->nruns) {
        const struct phys_run *r = &j->cap->runs[j->run];
        if (j->run_off >= r->len) {
            j->run++;
            j->run_off = 0;
            continue;
        }
        *pa = r->pa + j->run_off;
        *off = r->file_off + j->run_off;
        *len = r->len - j->run_off < CHUNK ? r->len - j->run_off : CHUNK;
        j->run_off += *len;
        got = 1;
        break;
    }
    pthread_mutex_unlock(&j->lock);
    return got;
}

static void scan_range(struct scan_job *j, unsigned worker, uint64_t pa, uint64_t len, uint64_t off)
{
    const uint8_t *base = j->cap->file.data + off;
    /* Start at the first 16-byte aligned physical address. */
    uint64_t skip = (16 - (pa & 15)) & 15;
    for (uint64_t i = skip; i + 8 <= len; i += 16) {
        uint32_t v = le32(base + i + 4);
        if (v == 0)
            continue;        /* most of memory: cheap reject */
        for (unsigned t = 0; t < j->ntags; t++) {
            if (v != j->tags[t])
                continue;
            uint64_t hit = pa + i;
            const uint8_t *page = base + i - (hit & 0xfff);
            /* Only whole pages are handed to the callback. */
            if ((uint64_t)(page - base) + 0x1000 <= len && page >= base)
                j->fn(hit, t, page, worker, j->ctx);
            break;
        }
    }
}

/* Holes in a sparse capture file read as zeros and hold no pool blocks:
 * ask the file system where the data is (SEEK_DATA/SEEK_HOLE) and scan
 * only that.  Where the file system cannot say, scan everything. */
static void scan_chunk(struct scan_job *j, unsigned worker, uint64_t pa, uint64_t len, uint64_t off)
{
    int fd = j->cap->file.fd;
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
        uint64_t start = (uint64_t)data & ~0xfffull;    /* keep whole pages */
        if (start < pos)
            start = pos;
        scan_range(j, worker, pa + (start - off), (uint64_t)hole - start, start);
        pos = (uint64_t)hole;
    }
}

static void *worker_main(void *p)
{
    struct worker_arg *a = p;
    uint64_t pa, len, off;
    while (next_chunk(a->job, &pa, &len, &off))
        scan_chunk(a->job, a->index, pa, len, off);
    return NULL;
}

unsigned pool_scan(const struct capture *cap, const uint32_t *tags, unsigned ntags, pool_hit_fn fn, void *ctx)
{
    struct scan_job job;
    memset(&job, 0, sizeof job);
    job.cap = cap;
    job.tags = tags;
    job.ntags = ntags > POOLSCAN_MAX_TAGS ? POOLSCAN_MAX_TAGS : ntags;
    job.fn = fn;
    job.ctx = ctx;
    pthread_mutex_init(&job.lock, NULL);
    unsigned n = pool_scan_workers(cap);
    pthread_t th[MAX_WORKERS];
    struct worker_arg args[MAX_WORKERS];
    unsigned started = 0;
    for (unsigned i = 1; i < n; i++) {
        args[i] = (struct worker_arg){ &job, i };
        if (pthread_create(&th[started], NULL, worker_main, &args[i]) == 0)
            started++;
    }
    args[0] = (struct worker_arg){ &job, 0 };
    worker_main(&args[0]);
    for (unsigned i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    pthread_mutex_destroy(&job.lock);
    return n;
}
