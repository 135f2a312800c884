/* x64 address translation (4-level paging) with Windows' invalid-PTE
 * kinds, and virtual reads on top of it.
 *
 * Hardware format: Intel SDM Vol. 3A §4.5 (P bit 0, PS bit 7, PFN bits
 * 12-51).  Windows software formats of a not-present PTE (_MMPTE_SOFTWARE,
 * _MMPTE_TRANSITION, _MMPTE_PROTOTYPE in the public ntkrnlmp symbols, e.g.
 * ../shared/data/isf): Prototype bit 10, Transition bit 11, PageFileHigh
 * bits 32-63.
 *
 * Each vspace has its own translation cache; a vspace is used by one thread
 * at a time (scanners give each thread its own). */
#ifndef EPROC_TRANSLATE_X64_H
#define EPROC_TRANSLATE_X64_H

#include <stdint.h>

#include "layer/physical.h"

enum vt_status {
    VT_VALID,          /* present; pa usable */
    VT_TRANSITION,     /* not present but still in RAM (standby/modified); pa usable */
    VT_PROTOTYPE,      /* refers to a prototype PTE (shared memory): reported as paged out */
    VT_PAGEFILE,       /* in a paging file: paged out */
    VT_NOT_PRESENT,    /* zero or demand-zero entry: nothing there */
    VT_TABLE_MISSING,  /* a page-table page is not in the capture */
    VT_NONCANONICAL,   /* bits 48-63 are not a sign extension of bit 47 */
};

struct vt_result {
    uint64_t pa;           /* physical address of va (VALID / TRANSITION) */
    uint64_t pte;          /* the deciding entry */
    uint64_t page_size;    /* 4 KiB, 2 MiB or 1 GiB */
    uint8_t level;         /* 4 = PML4E ... 1 = PTE: where the walk ended */
    enum vt_status status;
};

#define VT_CACHE_SLOTS 4096

struct vt_cache_entry {
    uint64_t vpage;        /* va >> 12, plus 1 so that 0 means empty */
    uint64_t ppage;        /* pa of the page */
    uint32_t status;
};

struct vspace {
    const struct capture *cap;
    uint64_t dtb;                  /* physical address of the PML4 */
    struct vt_cache_entry cache[VT_CACHE_SLOTS];
    uint64_t hits, misses;
};

void vspace_init(struct vspace *vs, const struct capture *cap, uint64_t dtb);

/* Translate.  Returns 0 when r->pa is usable (VALID or TRANSITION). */
int vtop(struct vspace *vs, uint64_t va, struct vt_result *r);

/* Read up to len bytes at va; stops at the first byte that cannot be read.
 * Returns the number of bytes read.  Without page tables (dtb 0) it reads
 * the capture's kernel-virtual data blocks (triage dumps). */
uint64_t vread(struct vspace *vs, uint64_t va, void *buf, uint64_t len);

/* All-or-nothing read of a small object: 0 when all len bytes were read. */
int vread_all(struct vspace *vs, uint64_t va, void *buf, uint64_t len);

/* Typed helpers: 0 on success. */
int vread_u64(struct vspace *vs, uint64_t va, uint64_t *out);
int vread_u32(struct vspace *vs, uint64_t va, uint32_t *out);

const char *vt_status_name(enum vt_status s);

static inline int va_canonical(uint64_t va)
{
    uint64_t top = va >> 47;
    return top == 0 || top == 0x1ffff;
}

#endif
