/* The address-space interface: the virtual memory of ONE process, as the
 * user-mode walkers see it (docs/architecture.md, "The address space").
 *
 * Every capture that holds user memory provides one: a minidump through its
 * memory lists (vas_minidump.c), a memory image through the process's own
 * page tables (vas_image.c).  A read never fails silently: it returns how
 * many bytes it could read from va on, and when that is short it says where
 * the first unreadable byte is and why (not in the capture, paged out, not
 * mapped).  The walkers turn that into a per-field availability
 * (enum an_avail in model.h); nothing here prints. */
#ifndef EPROC_ANATOMY_VAS_H
#define EPROC_ANATOMY_VAS_H

#include <stddef.h>
#include <stdint.h>

enum vas_gap {
    VAS_GAP_NONE = 0,
    VAS_GAP_ABSENT,        /* the page (or a page table above it) is not in the capture */
    VAS_GAP_PAGED_OUT,     /* the page table says: in a paging file / a prototype PTE */
    VAS_GAP_UNMAPPED,      /* nothing is mapped there (zero entry, bad address) */
};

/* Where a short read stopped. */
struct vas_miss {
    uint64_t va;           /* first byte that could not be read */
    enum vas_gap gap;
};

/* A run of readable memory, for scans (optional: see next_extent). */
struct vas_extent {
    uint64_t va, len;
    const uint8_t *bytes;  /* the run's bytes when they can be seen in place, else NULL */
    int image;             /* the run is known to belong to a mapped image (1) or not (0) */
};

struct vas_ops {
    /* Copy up to len bytes at va; returns the bytes read contiguously from
     * va.  When that is less than len, *miss says where and why. */
    uint64_t (*read)(void *impl, uint64_t va, void *buf, uint64_t len, struct vas_miss *miss);
    /* Optional (NULL: the source cannot list its memory): the first
     * readable run at or after from (a run may start inside a page when
     * from does).  0 and *out set; -1 no more; -2 the source gave up
     * (its work budget for hostile page tables ran out, vas_image.c). */
    int (*next_extent)(void *impl, uint64_t from, struct vas_extent *out);
    void (*close)(void *impl);
};

struct vas {
    const struct vas_ops *ops;
    void *impl;
    unsigned ptr_size;     /* 4 or 8: the process's pointer size */
    const char *where;     /* "the dump", "the capture": for messages */
    /* What the walkers met, for one warning per process. */
    unsigned long gaps;            /* short reads */
    struct vas_miss first_gap;     /* the first of them */
};

/* Read up to len bytes; counts and remembers a short read.  miss may be NULL. */
uint64_t vas_read(struct vas *v, uint64_t va, void *buf, uint64_t len, struct vas_miss *miss);
/* All or nothing: 0 when all len bytes were read; else -1 (miss set when given). */
int vas_read_exact(struct vas *v, uint64_t va, void *buf, uint64_t len, struct vas_miss *miss);
/* One pointer of the process's size. */
int vas_read_ptr(struct vas *v, uint64_t va, uint64_t *out, struct vas_miss *miss);
void vas_close(struct vas *v);

/* "not in the capture", "paged out", "not mapped" */
const char *vas_gap_name(enum vas_gap g);

/* The two implementations. */
struct md_dump;
struct capture;
/* Over a minidump's memory lists (the dump must outlive the vas). */
struct vas *vas_from_minidump(const struct md_dump *md);
/* Over one process's page tables (DirectoryTableBase) in a memory image;
 * ptr_size 8 (4 for the 32-bit view of a WoW64 process). */
struct vas *vas_from_image(const struct capture *cap, uint64_t dtb, unsigned ptr_size);

#endif
