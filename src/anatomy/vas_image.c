/* The address space of one process in a memory image: its own page tables
 * (EPROCESS.Pcb.DirectoryTableBase) through the x64 translator, each
 * process with its own translation cache (translate/x64.h).
 *
 * A short read says why, from the entry that decided the translation:
 * a pagefile or prototype PTE is "paged out" (no pagefile support yet), a
 * zero entry is "not mapped", and a page table or page missing from the
 * capture is "not in the capture".  Transition pages are still in RAM and
 * are read like valid ones.
 *
 * The readable runs (next_extent, for scans such as the fiber scan) come
 * from a walk of the process's user-half page tables: a PML4/PDPT/PD entry
 * that is not present hides its whole span, so the walk reads only the
 * tables that exist; each candidate page is then confirmed by the same
 * translation the reads use, so a run is exactly what reads can return.
 * Page tables that are themselves not present (in transition, paged out)
 * are not descended: their pages are not listed.  Hostile page tables
 * (every entry pointing at the same table) could make that walk
 * astronomically long, so each address space has a work budget
 * (EXTENT_BUDGET: page-table reads plus page translations); when it runs
 * out next_extent returns -2 and the caller says its scan stopped early. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anatomy/vas.h"
#include "base/bytes.h"
#include "layer/physical.h"
#include "translate/x64.h"

#define PFN_MASK       0x000ffffffffff000ull   /* Intel SDM Vol. 3A, 4.5: bits 12-51 */
#define USER_TOP       0x0000800000000000ull   /* x64 user half: PML4 entries 0-255 */
#define WOW64_TOP      0x0000000100000000ull   /* what a 32-bit view can point at */
#define EXTENT_MAX     (16ull << 20)           /* one run at most: callers loop */
#define EXTENT_BUDGET  (1ul << 20)             /* table reads + translations per address space */

struct img_vas {
    struct vspace vs;
    uint64_t top;              /* first address past the user space of this view */
    unsigned long budget;      /* work left for next_extent */
};

static enum vas_gap gap_of(enum vt_status s)
{
    switch (s) {
    case VT_PAGEFILE: case VT_PROTOTYPE: return VAS_GAP_PAGED_OUT;
    case VT_NOT_PRESENT: case VT_NONCANONICAL: return VAS_GAP_UNMAPPED;
    default: return VAS_GAP_ABSENT;
    }
}

static uint64_t img_vas_read(void *impl, uint64_t va, void *buf, uint64_t len, struct vas_miss *miss)
{
    struct vspace *vs = &((struct img_vas *)impl)->vs;
    uint8_t *out = buf;
    uint64_t done = 0;
    while (done < len) {
        uint64_t at = va + done;
        if (at < va) {                      /* wrapped past the top */
            *miss = (struct vas_miss){ at, VAS_GAP_UNMAPPED };
            break;
        }
        struct vt_result r;
        if (vtop(vs, at, &r) != 0) {
            *miss = (struct vas_miss){ at, gap_of(r.status) };
            break;
        }
        uint64_t in_page = 0x1000 - (at & 0xfff);
        uint64_t n = len - done < in_page ? len - done : in_page;
        uint64_t got = phys_read(vs->cap, r.pa, out + done, n);
        done += got;
        if (got != n) {
            *miss = (struct vas_miss){ va + done, VAS_GAP_ABSENT };
            break;
        }
    }
    return done;
}

/* Is the page at va readable, as a read would find it?  Costs one unit. */
static int readable(struct img_vas *iv, uint64_t va)
{
    if (iv->budget == 0)
        return 0;
    iv->budget--;
    struct vt_result r;
    return vtop(&iv->vs, va, &r) == 0;
}

/* The first readable address >= from inside the span of the table at
 * table_pa (level 4 = PML4 ... 1 = page table) that starts at base.
 * 0 with *found set; -1 none; -2 out of budget. */
static int first_readable(struct img_vas *iv, uint64_t table_pa, unsigned level, uint64_t base,
                          uint64_t from, uint64_t *found)
{
    if (iv->budget == 0)
        return -2;
    iv->budget--;
    uint8_t table[4096];
    if (phys_read(iv->vs.cap, table_pa, table, sizeof table) != sizeof table)
        return -1;                         /* the table is not in the capture */
    unsigned shift = 12 + 9 * (level - 1);
    uint64_t span = 1ull << shift;
    for (uint64_t i = from > base ? (from - base) >> shift : 0; i < 512; i++) {
        uint64_t eva = base + (i << shift);
        if (eva >= iv->top)
            return -1;
        uint64_t e = le64(table + i * 8);
        uint64_t at = from > eva ? from : eva;
        int large = (level == 2 || level == 3) && (e & 0x81) == 0x81;   /* present + PS */
        if (level == 1 || large) {
            /* a page (4 KiB, or every 4 KiB of a large page): confirmed by
             * translation; a not-present PTE may be a transition page */
            if (e == 0)
                continue;
            for (uint64_t pg = at & ~0xfffull; pg < eva + span && pg < iv->top; pg += 0x1000) {
                if (readable(iv, pg)) {
                    *found = pg > at ? pg : at;
                    return 0;
                }
                if (iv->budget == 0)
                    return -2;
            }
            continue;
        }
        if (!(e & 1))
            continue;                      /* nothing below a not-present table entry */
        int rc = first_readable(iv, e & PFN_MASK, level - 1, eva, at, found);
        if (rc != -1)
            return rc;
    }
    return -1;
}

static int img_vas_next_extent(void *impl, uint64_t from, struct vas_extent *out)
{
    struct img_vas *iv = impl;
    uint64_t start;
    if (from >= iv->top || iv->vs.dtb == 0)
        return -1;
    int rc = first_readable(iv, iv->vs.dtb, 4, 0, from, &start);
    if (rc != 0)
        return rc;
    uint64_t end = (start & ~0xfffull) + 0x1000;
    while (end < iv->top && end - start < EXTENT_MAX && readable(iv, end))
        end += 0x1000;
    /* the pages are not contiguous in the capture: no bytes in place */
    *out = (struct vas_extent){ start, end - start, NULL, 0 };
    return 0;
}

static void img_vas_close(void *impl)
{
    free(impl);
}

static const struct vas_ops img_vas_ops = { img_vas_read, img_vas_next_extent, img_vas_close };

struct vas *vas_from_image(const struct capture *cap, uint64_t dtb, unsigned ptr_size)
{
    struct vas *v = calloc(1, sizeof *v);
    struct img_vas *iv = malloc(sizeof *iv);
    if (!v || !iv) {
        fputs("eproc: out of memory\n", stderr);
        abort();
    }
    vspace_init(&iv->vs, cap, dtb);
    iv->top = ptr_size == 4 ? WOW64_TOP : USER_TOP;
    iv->budget = EXTENT_BUDGET;
    v->ops = &img_vas_ops;
    v->impl = iv;
    v->ptr_size = ptr_size == 4 ? 4 : 8;
    v->where = "the capture";
    return v;
}
