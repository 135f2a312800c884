#include "translate/x64.h"

#include <string.h>

#include "base/bytes.h"

#define PTE_PRESENT (1ull << 0)
#define PTE_LARGE (1ull << 7)
#define PTE_PROTOTYPE (1ull << 10)
#define PTE_TRANSITION (1ull << 11)
#define PFN_MASK 0x000ffffffffff000ull
#define PAGEFILE_HIGH(pte) ((pte) >> 32)

const char *vt_status_name(enum vt_status s)
{
    switch (s) {
    case VT_VALID: return "valid";
    case VT_TRANSITION: return "transition";
    case VT_PROTOTYPE: return "prototype (paged out)";
    case VT_PAGEFILE: return "paged out";
    case VT_NOT_PRESENT: return "not present";
    case VT_TABLE_MISSING: return "page table not in capture";
    case VT_NONCANONICAL: return "non-canonical address";
    }
    return "?";
}

void vspace_init(struct vspace *vs, const struct capture *cap, uint64_t dtb)
{
    memset(vs, 0, sizeof *vs);
    vs->cap = cap;
    vs->dtb = dtb & PFN_MASK;
}

/* Classify a not-present entry by Windows' software PTE formats. */
static enum vt_status invalid_kind(uint64_t pte)
{
    if (pte == 0)
        return VT_NOT_PRESENT;
    if (pte & PTE_PROTOTYPE)
        return VT_PROTOTYPE;
    if (pte & PTE_TRANSITION)
        return VT_TRANSITION;
    if (PAGEFILE_HIGH(pte))
        return VT_PAGEFILE;
    return VT_NOT_PRESENT;      /* demand-zero / reserved: protection bits only */
}

static int walk(struct vspace *vs, uint64_t va, struct vt_result *r)
{
    static const unsigned shift[5] = { 0, 12, 21, 30, 39 };
    uint64_t table = vs->dtb;
    memset(r, 0, sizeof *r);
    if (!va_canonical(va)) {
        r->status = VT_NONCANONICAL;
        return -1;
    }
    for (int level = 4; level >= 1; level--) {
        uint64_t idx = (va >> shift[level]) & 0x1ff;
        uint8_t raw[8];
        r->level = (uint8_t)level;
        if (phys_read(vs->cap, table + idx * 8, raw, 8) != 8) {
            r->status = VT_TABLE_MISSING;
            return -1;
        }
        uint64_t pte = le64(raw);
        r->pte = pte;
        if (!(pte & PTE_PRESENT)) {
            r->status = invalid_kind(pte);
            if (r->status != VT_TRANSITION)
                return -1;
            /* A transition entry still names a frame in RAM: follow it. */
        }
        if ((level == 3 || level == 2) && (pte & PTE_LARGE) && (pte & PTE_PRESENT)) {
            uint64_t size = 1ull << shift[level];
            r->page_size = size;
            r->pa = (pte & PFN_MASK & ~(size - 1)) | (va & (size - 1));
            r->status = VT_VALID;
            return 0;
        }
        if (level == 1) {
            r->page_size = 0x1000;
            r->pa = (pte & PFN_MASK) | (va & 0xfff);
            r->status = (pte & PTE_PRESENT) ? VT_VALID : VT_TRANSITION;
            return 0;
        }
        table = pte & PFN_MASK;
    }
    return -1;
}

int vtop(struct vspace *vs, uint64_t va, struct vt_result *r)
{
    uint64_t vpage = (va >> 12) + 1;
    struct vt_cache_entry *e = &vs->cache[(va >> 12) % VT_CACHE_SLOTS];
    if (e->vpage == vpage) {
        vs->hits++;
        memset(r, 0, sizeof *r);
        r->status = (enum vt_status)e->status;
        r->pa = e->ppage | (va & 0xfff);
        r->page_size = 0x1000;
        return (r->status == VT_VALID || r->status == VT_TRANSITION) ? 0 : -1;
    }
    vs->misses++;
    int rc = walk(vs, va, r);
    /* Cache only answers the capture cannot change: translations and
     * definite not-present entries. */
    if (r->status != VT_NONCANONICAL) {
        e->vpage = vpage;
        e->ppage = r->pa & ~0xfffull;
        e->status = r->status;
    }
    return rc;
}

uint64_t vread(struct vspace *vs, uint64_t va, void *buf, uint64_t len)
{
    if (vs->dtb == 0 || vs->cap->nruns == 0)
        return vblock_read(vs->cap, va, buf, len);
    uint64_t done = 0;
    uint8_t *out = buf;
    while (done < len) {
        uint64_t at = va + done;
        if (at < va)
            break;          /* wrapped past the top of the address space */
        struct vt_result r;
        if (vtop(vs, at, &r) != 0)
            break;
        uint64_t in_page = 0x1000 - (at & 0xfff);
        uint64_t n = len - done < in_page ? len - done : in_page;
        uint64_t got = phys_read(vs->cap, r.pa, out + done, n);
        done += got;
        if (got != n)
            break;
    }
    return done;
}

int vread_all(struct vspace *vs, uint64_t va, void *buf, uint64_t len)
{
    return vread(vs, va, buf, len) == len ? 0 : -1;
}

int vread_u64(struct vspace *vs, uint64_t va, uint64_t *out)
{
    uint8_t b[8];
    if (vread_all(vs, va, b, 8) != 0)
        return -1;
    *out = le64(b);
    return 0;
}

int vread_u32(struct vspace *vs, uint64_t va, uint32_t *out)
{
    uint8_t b[4];
    if (vread_all(vs, va, b, 4) != 0)
        return -1;
    *out = le32(b);
    return 0;
}
