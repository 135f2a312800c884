/* Opening a capture: map the file, identify the format by magic bytes,
 * let the format describe its runs; and the format-independent reads. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/sort.h"
#include "base/bytes.h"
#include "layer/formats.h"
#include "layer/physical.h"

/* A run list longer than this is not a capture anyone made: a bitmap dump
 * of 16 TiB fragmented to single pages would still fit. */
#define MAX_RUNS (64u * 1024 * 1024)
#define MAX_VBLOCKS (1u << 20)
#define PHYS_LIMIT (1ull << 52)

static int map_file(const char *path, struct mapped_file *mf, struct ep_error *err)
{
    /* O_NONBLOCK: opening a FIFO (or a tty) for reading would otherwise
     * wait for a writer forever; fstat() below then refuses it.  It has no
     * effect on regular files and block devices. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return ep_fail(err, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return ep_fail(err, "%s: cannot stat: %s", path, strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return ep_fail(err, "%s: is a directory, not a capture file", path);
    }
    if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) {
        close(fd);
        return ep_fail(err, "%s: not a regular file", path);
    }
    uint64_t size = (uint64_t)st.st_size;
    if (S_ISBLK(st.st_mode)) {
        off_t end = lseek(fd, 0, SEEK_END);
        size = end > 0 ? (uint64_t)end : 0;
    }
    if (size == 0) {
        close(fd);
        return ep_fail(err, "%s: empty file", path);
    }
    void *p = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_NORESERVE, fd, 0);
    int e = errno;
    if (p == MAP_FAILED) {
        close(fd);
        return ep_fail(err, "%s: cannot map: %s", path, strerror(e));
    }
    mf->path = path;
    mf->data = p;
    mf->size = size;
    mf->fd = fd;            /* scanners ask it where the holes are */
    return 0;
}

/* Identify the format of cap->file by its magic bytes and describe its
 * runs.  On failure the caller closes cap. */
static int identify(struct capture *cap, struct ep_error *err)
{
    const char *path = cap->file.path;
    const uint8_t *d = cap->file.data;
    uint64_t n = cap->file.size;
    int rc;

    if (n >= 8 && memcmp(d, "PAGEDU64", 8) == 0) {
        rc = crashdump_parse(cap, err);
    } else if (n >= 8 && memcmp(d, "PAGEDUMP", 8) == 0) {
        rc = ep_fail(err, "%s: 32-bit (x86) Windows crash dump: only 64-bit (PAGEDU64) dumps are read", path);
    } else if (n >= 4 && memcmp(d, "\x7f" "ELF", 4) == 0) {
        rc = elfcore_parse(cap, err);
    } else if (n >= 4 && le32(d) == LIME_MAGIC) {
        rc = lime_parse(cap, err);
    } else if (n >= 4 && memcmp(d, "MDMP", 4) == 0) {
        cap->kind = CAPTURE_MINIDUMP;
        cap->format = "minidump";
        rc = 0;
    } else if (n >= 4 && (memcmp(d, "hibr", 4) == 0 || memcmp(d, "HIBR", 4) == 0 ||
                          memcmp(d, "wake", 4) == 0 || memcmp(d, "RSTR", 4) == 0)) {
        rc = ep_fail(err, "%s: Windows hibernation file: decompress it to a raw image first", path);
    } else {
        rc = raw_parse(cap, err);
    }
    if (rc == 0 && cap->kind != CAPTURE_MINIDUMP)
        rc = capture_finish_runs(cap, err);
    return rc;
}

int capture_open(const char *path, struct capture **out, struct ep_error *err)
{
    struct capture *cap = calloc(1, sizeof *cap);
    if (!cap)
        return ep_fail(err, "%s: out of memory", path);
    cap->file.fd = -1;
    if (map_file(path, &cap->file, err) != 0) {
        free(cap);
        return -1;
    }
    if (identify(cap, err) != 0) {
        capture_close(cap);
        return -1;
    }
    *out = cap;
    return 0;
}

int capture_open_buffer(const void *data, size_t len, const char *label, struct capture **out,
                        struct ep_error *err)
{
    if (len == 0)
        return ep_fail(err, "%s: empty file", label);
    struct capture *cap = calloc(1, sizeof *cap);
    if (!cap)
        return ep_fail(err, "%s: out of memory", label);
    cap->file = (struct mapped_file){ label, data, len, -1 };
    cap->borrowed = 1;
    if (identify(cap, err) != 0) {
        capture_close(cap);
        return -1;
    }
    *out = cap;
    return 0;
}

void capture_close(struct capture *cap)
{
    if (!cap)
        return;
    if (cap->file.data && !cap->borrowed)
        munmap((void *)cap->file.data, cap->file.size);
    if (cap->file.fd >= 0)
        close(cap->file.fd);
    free(cap->runs);
    free(cap->vblocks);
    free(cap->dump);
    free(cap);
}

int capture_add_run(struct capture *cap, uint64_t pa, uint64_t len, uint64_t file_off)
{
    if (len == 0)
        return 0;
    if (cap->nruns) {
        struct phys_run *last = &cap->runs[cap->nruns - 1];
        /* (and only while the merged length cannot wrap) */
        if (last->pa + last->len == pa && last->file_off + last->len == file_off && last->len + len > len) {
            last->len += len;
            return 0;
        }
    }
    if (cap->nruns >= MAX_RUNS)
        return -1;
    if ((cap->nruns & (cap->nruns - 1)) == 0) {    /* grow at powers of two */
        size_t cap2 = cap->nruns ? cap->nruns * 2 : 16;
        struct phys_run *r = realloc(cap->runs, cap2 * sizeof *r);
        if (!r)
            return -1;
        cap->runs = r;
    }
    cap->runs[cap->nruns++] = (struct phys_run){ pa, len, file_off };
    return 0;
}

int capture_add_vblock(struct capture *cap, uint64_t va, uint64_t len, uint64_t file_off)
{
    if (len == 0)
        return 0;
    if (cap->nvblocks >= MAX_VBLOCKS)
        return -1;
    if ((cap->nvblocks & (cap->nvblocks - 1)) == 0) {
        size_t cap2 = cap->nvblocks ? cap->nvblocks * 2 : 16;
        struct vblock *b = realloc(cap->vblocks, cap2 * sizeof *b);
        if (!b)
            return -1;
        cap->vblocks = b;
    }
    cap->vblocks[cap->nvblocks++] = (struct vblock){ va, len, file_off };
    return 0;
}

static int run_cmp(const void *a, const void *b)
{
    const struct phys_run *x = a, *y = b;
    return x->pa < y->pa ? -1 : x->pa > y->pa;
}

static int vblock_cmp(const void *a, const void *b)
{
    const struct vblock *x = a, *y = b;
    return x->va < y->va ? -1 : x->va > y->va;
}

int capture_finish_runs(struct capture *cap, struct ep_error *err)
{
    if (cap->nruns)
        sort_items(cap->runs, cap->nruns, sizeof *cap->runs, run_cmp);
    size_t w = 0;
    uint64_t total = 0;
    for (size_t i = 0; i < cap->nruns; i++) {
        struct phys_run r = cap->runs[i];
        /* Runs past end of file: keep what the file holds, say so once. */
        if (r.file_off >= cap->file.size) {
            ep_warn("%s: a run at physical 0x%llx starts past end of file (truncated capture?); dropped",
                    cap->file.path, (unsigned long long)r.pa);
            continue;
        }
        if (r.len > cap->file.size - r.file_off) {
            ep_warn("%s: the run at physical 0x%llx ends past end of file (truncated capture?); %llu bytes missing",
                    cap->file.path, (unsigned long long)r.pa,
                    (unsigned long long)(r.len - (cap->file.size - r.file_off)));
            r.len = cap->file.size - r.file_off;
        }
        /* x64 physical addresses have at most 52 bits (Intel SDM Vol. 3A
         * §4.1.4: MAXPHYADDR <= 52).  Keeping every run below 2^52 also
         * keeps pa + len, and the page arithmetic of every scanner, from
         * wrapping (a LiME range ending at 2^64 - 1 once became a run of
         * length 0 at the top of the address space). */
        if (r.pa >= PHYS_LIMIT) {
            ep_warn("%s: a run at physical 0x%llx lies beyond the 52-bit physical address space; dropped",
                    cap->file.path, (unsigned long long)r.pa);
            continue;
        }
        if (r.len > PHYS_LIMIT - r.pa) {
            ep_warn("%s: the run at physical 0x%llx runs beyond the 52-bit physical address space; trimmed",
                    cap->file.path, (unsigned long long)r.pa);
            r.len = PHYS_LIMIT - r.pa;
        }
        /* Overlaps: the earlier run wins; trim the later one. */
        if (w) {
            struct phys_run *prev = &cap->runs[w - 1];
            uint64_t prev_end = prev->pa + prev->len;
            if (r.pa < prev_end) {
                uint64_t cut = prev_end - r.pa;
                if (cut >= r.len)
                    continue;
                r.pa += cut; r.file_off += cut; r.len -= cut;
                ep_warn("%s: overlapping runs at physical 0x%llx; the first one is used",
                        cap->file.path, (unsigned long long)prev_end);
            }
        }
        cap->runs[w++] = r;
        total += r.len;
    }
    cap->nruns = w;
    cap->phys_bytes = total;

    if (cap->nvblocks) {
        sort_items(cap->vblocks, cap->nvblocks, sizeof *cap->vblocks, vblock_cmp);
        size_t vw = 0;
        for (size_t i = 0; i < cap->nvblocks; i++) {
            struct vblock b = cap->vblocks[i];
            if (!span_ok(b.file_off, b.len, cap->file.size)) {
                ep_warn("%s: data block for 0x%llx lies past end of file; dropped",
                        cap->file.path, (unsigned long long)b.va);
                continue;
            }
            if (b.va + b.len < b.va)
                continue;
            if (vw && b.va < cap->vblocks[vw - 1].va + cap->vblocks[vw - 1].len)
                continue;   /* overlapping block: the first wins */
            cap->vblocks[vw++] = b;
        }
        cap->nvblocks = vw;
    }
    if (cap->nruns == 0 && cap->nvblocks == 0)
        return ep_fail(err, "%s: %s holds no memory at all", cap->file.path, cap->format);
    return 0;
}

/* Index of the run containing pa, or -1. */
static ptrdiff_t find_run(const struct capture *cap, uint64_t pa)
{
    size_t lo = 0, hi = cap->nruns;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct phys_run *r = &cap->runs[mid];
        if (pa < r->pa)
            hi = mid;
        else if (pa - r->pa >= r->len)
            lo = mid + 1;
        else
            return (ptrdiff_t)mid;
    }
    return -1;
}

uint64_t phys_read(const struct capture *cap, uint64_t pa, void *buf, uint64_t len)
{
    uint64_t done = 0;
    uint8_t *out = buf;
    while (done < len) {
        ptrdiff_t i = find_run(cap, pa + done);
        if (i < 0)
            break;
        const struct phys_run *r = &cap->runs[i];
        uint64_t in_run = pa + done - r->pa;
        uint64_t n = r->len - in_run;
        if (n > len - done)
            n = len - done;
        memcpy(out + done, cap->file.data + r->file_off + in_run, n);
        done += n;
    }
    return done;
}

const uint8_t *phys_view(const struct capture *cap, uint64_t pa, uint64_t len)
{
    ptrdiff_t i = find_run(cap, pa);
    if (i < 0)
        return NULL;
    const struct phys_run *r = &cap->runs[i];
    if (len > r->len - (pa - r->pa))
        return NULL;
    return cap->file.data + r->file_off + (pa - r->pa);
}

int phys_page_present(const struct capture *cap, uint64_t pa)
{
    return phys_view(cap, pa & ~0xfffULL, 0x1000) != NULL;
}

void capture_release_pages(const struct capture *cap)
{
    if (cap && cap->file.data && !cap->borrowed && cap->file.fd >= 0)
        madvise((void *)cap->file.data, cap->file.size, MADV_DONTNEED);
}

uint64_t phys_end(const struct capture *cap)
{
    if (!cap->nruns)
        return 0;
    const struct phys_run *r = &cap->runs[cap->nruns - 1];
    return r->pa + r->len;
}

uint64_t vblock_read(const struct capture *cap, uint64_t va, void *buf, uint64_t len)
{
    uint64_t done = 0;
    uint8_t *out = buf;
    while (done < len) {
        uint64_t at = va + done;
        size_t lo = 0, hi = cap->nvblocks;
        const struct vblock *hit = NULL;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            const struct vblock *b = &cap->vblocks[mid];
            if (at < b->va) hi = mid;
            else if (at - b->va >= b->len) lo = mid + 1;
            else { hit = b; break; }
        }
        if (!hit)
            break;
        uint64_t in_block = at - hit->va;
        uint64_t n = hit->len - in_block;
        if (n > len - done)
            n = len - done;
        memcpy(out + done, cap->file.data + hit->file_off + in_block, n);
        done += n;
    }
    return done;
}
