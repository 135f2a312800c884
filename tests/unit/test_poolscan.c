/* The one-pass pool scanner: every registered scan sees exactly its own
 * tags, at physical addresses taken through the capture's run map (a LiME
 * file here, whose runs do not start at file offset 0 and leave a physical
 * gap), whatever the worker count, with tags on block boundaries. */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "layer/physical.h"
#include "test.h"
#include "windows/poolscan.h"

#define RUN_BYTES (40ull << 20)          /* two runs: enough for several workers */
#define RUN2_PA 0x10000000ull

struct expect { uint64_t pa; uint32_t tag; };

/* Pool headers planted in the image: physical address and tag.  One at
 * each run's very start, one in the last 16 bytes of a 1 MiB block, one
 * at the last position of the capture. */
static const struct expect planted[] = {
    { 0x0, POOL_TAG('P', 'r', 'o', 'c') },
    { 0x0fffd0, POOL_TAG('T', 'h', 'r', 'e') },
    { 0x0ffff0, POOL_TAG('P', 'r', 'o', 'c') },
    { 0x100000, POOL_TAG('M', 'm', 'L', 'd') },
    { 0x1234560, POOL_TAG('T', 'h', 'r', 'e') },
    { RUN2_PA, POOL_TAG('P', 'r', 'o', 'c') },
    { RUN2_PA + 0x1654320, POOL_TAG('M', 'm', 'L', 'd') },
    { RUN2_PA + RUN_BYTES - 0x10, POOL_TAG('P', 'r', 'o', 'c') },
};
#define NPLANTED (sizeof planted / sizeof planted[0])

static int write_lime_range(int fd, off_t *pos, uint64_t start, uint64_t len)
{
    uint8_t h[32] = { 0 };
    uint32_t magic = 0x4C694D45u, version = 1;
    uint64_t end = start + len - 1;          /* LiME's end address is inclusive */
    memcpy(h, &magic, 4);
    memcpy(h + 4, &version, 4);
    memcpy(h + 8, &start, 8);
    memcpy(h + 16, &end, 8);
    if (pwrite(fd, h, sizeof h, *pos) != (ssize_t)sizeof h)
        return -1;
    *pos += (off_t)sizeof h;
    for (size_t i = 0; i < NPLANTED; i++) {
        if (planted[i].pa < start || planted[i].pa >= start + len)
            continue;
        uint8_t hdr[16] = { 0x01, 0x00, 0x10, 0x02 };
        memcpy(hdr + 4, &planted[i].tag, 4);
        if (pwrite(fd, hdr, 16, *pos + (off_t)(planted[i].pa - start)) != 16)
            return -1;
    }
    *pos += (off_t)len;
    return 0;
}

static const char *make_capture(void)
{
    const char *path = fx_path("poolscan.lime");
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    off_t pos = 0;
    int ok = fd >= 0 && write_lime_range(fd, &pos, 0, RUN_BYTES) == 0 &&
             write_lime_range(fd, &pos, RUN2_PA, RUN_BYTES) == 0 && ftruncate(fd, pos) == 0;
    if (fd >= 0)
        close(fd);
    return ok ? path : NULL;
}

#define MAX_SEEN 64
struct seen {
    pthread_mutex_t lock;
    uint64_t pa[MAX_SEEN];
    uint32_t tag[MAX_SEEN];
    unsigned n, bad_page;
    const uint32_t *tags;
};

static void on_hit(uint64_t pa, unsigned tag_index, const uint8_t *page, unsigned worker, void *ctx)
{
    struct seen *s = ctx;
    (void)worker;
    uint32_t at_page;
    memcpy(&at_page, page + (pa & 0xfff) + 4, 4);
    pthread_mutex_lock(&s->lock);
    if (at_page != s->tags[tag_index])
        s->bad_page++;                   /* the page handed over is not the hit's page */
    if (s->n < MAX_SEEN) {
        s->pa[s->n] = pa;
        s->tag[s->n++] = s->tags[tag_index];
    }
    pthread_mutex_unlock(&s->lock);
}

/* Did s see exactly the planted headers whose tag is one of tags? */
static void check_seen(const struct seen *s, const uint32_t *tags, unsigned ntags)
{
    unsigned want = 0;
    CHECK(s->bad_page == 0);
    for (size_t i = 0; i < NPLANTED; i++) {
        int wanted = 0;
        for (unsigned t = 0; t < ntags; t++)
            wanted |= planted[i].tag == tags[t];
        if (!wanted)
            continue;
        want++;
        int found = 0;
        for (unsigned j = 0; j < s->n; j++)
            found += s->pa[j] == planted[i].pa && s->tag[j] == planted[i].tag;
        if (found != 1)
            fprintf(stderr, "  planted 0x%llx seen %d times\n", (unsigned long long)planted[i].pa, found);
        CHECK(found == 1);
    }
    CHECK_EQ_U64(s->n, want);
}

TEST(poolscan_one_pass_many_scans)
{
    const char *path = make_capture();
    CHECK(path != NULL);
    struct capture *cap = NULL;
    struct ep_error err = {{0}};
    if (!path || capture_open(path, &cap, &err) != 0) {
        fprintf(stderr, "  %s\n", err.msg);
        CHECK(0);
        return;
    }
    CHECK(cap->kind == CAPTURE_LIME);
    CHECK_EQ_U64(cap->nruns, 2);
    static const uint32_t objects[2] = { POOL_TAG('P', 'r', 'o', 'c'), POOL_TAG('T', 'h', 'r', 'e') };
    static const uint32_t modules[1] = { POOL_TAG('M', 'm', 'L', 'd') };
    static const uint32_t threads_only[1] = { POOL_TAG('T', 'h', 'r', 'e') };
    for (unsigned nthreads = 1; nthreads <= 3; nthreads++) {
        pool_scan_set_threads(nthreads);
        struct seen a = { .tags = objects }, b = { .tags = modules }, c = { .tags = threads_only };
        pthread_mutex_init(&a.lock, NULL);
        pthread_mutex_init(&b.lock, NULL);
        pthread_mutex_init(&c.lock, NULL);
        struct pool_pass *pass = pool_pass_new(cap);
        CHECK(pass != NULL);
        if (!pass)
            break;
        CHECK_EQ_U64(pool_pass_workers(pass), nthreads);
        CHECK(pool_pass_add(pass, objects, 2, on_hit, &a) == 0);
        CHECK(pool_pass_add(pass, modules, 1, on_hit, &b) == 0);
        CHECK(pool_pass_add(pass, threads_only, 1, on_hit, &c) == 0);   /* a tag two scans share */
        CHECK(pool_pass_add(pass, modules, 0, on_hit, &b) != 0);
        CHECK_EQ_U64(pool_pass_run(pass), nthreads);
        pool_pass_free(pass);
        check_seen(&a, objects, 2);
        check_seen(&b, modules, 1);
        check_seen(&c, threads_only, 1);
        pthread_mutex_destroy(&a.lock);
        pthread_mutex_destroy(&b.lock);
        pthread_mutex_destroy(&c.lock);
    }
    /* pool_scan: the same, one scan in a pass of its own. */
    struct seen d = { .tags = modules };
    pthread_mutex_init(&d.lock, NULL);
    pool_scan(cap, modules, 1, on_hit, &d);
    check_seen(&d, modules, 1);
    pthread_mutex_destroy(&d.lock);
    pool_scan_set_threads(0);
    capture_close(cap);
}
