/* The address space of one process in a memory image: its own page tables
 * (EPROCESS.Pcb.DirectoryTableBase) through the x64 translator, each
 * process with its own translation cache (translate/x64.h).
 *
 * A short read says why, from the entry that decided the translation:
 * a pagefile or prototype PTE is "paged out" (no pagefile support yet), a
 * zero entry is "not mapped", and a page table or page missing from the
 * capture is "not in the capture".  Transition pages are still in RAM and
 * are read like valid ones. */
#include <stdio.h>
#include <stdlib.h>

#include "anatomy/vas.h"
#include "layer/physical.h"
#include "translate/x64.h"

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
    struct vspace *vs = impl;
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

static void img_vas_close(void *impl)
{
    free(impl);
}

static const struct vas_ops img_vas_ops = { img_vas_read, NULL, img_vas_close };

struct vas *vas_from_image(const struct capture *cap, uint64_t dtb, unsigned ptr_size)
{
    struct vas *v = calloc(1, sizeof *v);
    struct vspace *vs = malloc(sizeof *vs);
    if (!v || !vs) {
        fputs("eproc: out of memory\n", stderr);
        abort();
    }
    vspace_init(vs, cap, dtb);
    v->ops = &img_vas_ops;
    v->impl = vs;
    v->ptr_size = ptr_size == 4 ? 4 : 8;
    v->where = "the capture";
    return v;
}
