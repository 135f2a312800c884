#include "windows/discovery.h"

#include <string.h>
#include <strings.h>

#include "base/bytes.h"

#define PTE_PRESENT 1ull
#define PTE_LARGE (1ull << 7)
#define PFN_MASK 0x000ffffffffff000ull

/* A PML4 is plausible if every present entry points inside the capture's
 * physical range and the kernel half has more than the self-reference. */
static int plausible_pml4(const uint8_t *page, uint64_t phys_limit)
{
    unsigned kernel_present = 0;
    for (unsigned i = 0; i < 512; i++) {
        uint64_t e = le64(page + 8 * i);
        if (!(e & PTE_PRESENT))
            continue;
        if ((e & PFN_MASK) >= phys_limit)
            return 0;
        if (i >= 0x100)
            kernel_present++;
    }
    return kernel_present >= 2;
}

int find_dtb_candidates(const struct capture *cap, uint64_t from, struct dtb_candidate *out, int max)
{
    int n = 0;
    uint64_t limit = phys_end(cap);
    for (size_t r = 0; r < cap->nruns && n < max; r++) {
        const struct phys_run *run = &cap->runs[r];
        if (run->pa + run->len <= from)
            continue;
        uint64_t first = (run->pa + 0xfff) & ~0xfffull;
        if (first < from)
            first = from;
        for (uint64_t pa = first; pa + 0x1000 <= run->pa + run->len && n < max; pa += 0x1000) {
            const uint8_t *page = cap->file.data + run->file_off + (pa - run->pa);
            for (unsigned i = 0x100; i < 0x200; i++) {
                uint64_t e = le64(page + 8 * i);
                if ((e & PTE_PRESENT) && (e & PFN_MASK) == pa) {
                    if (plausible_pml4(page, limit))
                        out[n++] = (struct dtb_candidate){ pa, i };
                    break;
                }
            }
        }
    }
    return n;
}

int is_kernel_pdb_name(const char *name)
{
    static const char *const names[] = { "ntkrnlmp.pdb", "ntoskrnl.pdb", "ntkrpamp.pdb", "ntkrnlpa.pdb",
                                         "ntkrla57.pdb" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(name, names[i]) == 0)
            return 1;
    return 0;
}

/* One page-table page, read once instead of entry by entry (512 reads
 * per table were most of the kernel image search): a view into the
 * capture when the whole page lies in one run, else a copy of what is
 * there up to the first missing byte.  An entry past that point counts
 * as unreadable, as a failed read of it did before (a hole in the middle
 * of a page, with data after it, only happens with unaligned runs, and
 * then the entries after the hole are skipped). */
struct table_page {
    const uint8_t *entries;
    unsigned n;                  /* readable entries */
    uint8_t copy[0x1000];
};

static void table_open(struct table_page *t, const struct vspace *vs, uint64_t pa)
{
    pa &= PFN_MASK;
    t->entries = phys_view(vs->cap, pa, 0x1000);
    if (t->entries) {
        t->n = 512;
        return;
    }
    t->n = (unsigned)(phys_read(vs->cap, pa, t->copy, sizeof t->copy) / 8);
    t->entries = t->copy;
}

static int table_entry(const struct table_page *t, unsigned idx, uint64_t *e)
{
    if (idx >= t->n)
        return -1;
    *e = le64(t->entries + 8ull * idx);
    return 0;
}

static int read_entry(struct vspace *vs, uint64_t table, unsigned idx, uint64_t *e)
{
    uint8_t b[8];
    if (phys_read(vs->cap, table + 8ull * idx, b, 8) != 8)
        return -1;
    *e = le64(b);
    return 0;
}

static int try_image(struct vspace *vs, struct image_search *s, uint64_t va, uint64_t *base, struct pe_info *pe)
{
    uint8_t mz[2];
    s->probes++;
    s->total_probes++;
    if (vread(vs, va, mz, 2) != 2 || mz[0] != 'M' || mz[1] != 'Z')
        return -1;
    if (pe_parse_mapped(vs, va, pe) != 0 || !pe->has_codeview || !is_kernel_pdb_name(pe->cv.pdb_name))
        return -1;
    *base = va;
    return 0;
}

/* First visit of a table page: scan it.  Seen before (a cycle, a shared
 * table or a self-reference), or over the caps: skip it. */
static int first_visit(struct image_search *s, uint64_t table_pa, unsigned level)
{
    if (s->probes >= IMAGE_SEARCH_MAX_PROBES) {
        s->capped = s->capped_now = 1;
        return 0;
    }
    if (s->tables.n >= IMAGE_SEARCH_MAX_TABLES) {
        s->capped = s->capped_now = 1;
        return 0;
    }
    /* Keyed by level too: the same page read as a PDPT and as a page
     * directory (the self-reference does that) is different work. */
    int r = ptrset_add(&s->tables, (table_pa & PFN_MASK) | level);
    if (r < 0)
        s->capped = s->capped_now = 1;
    return r == 1;
}

/* Walk one PML4 slot's 2 MiB-aligned mappings looking for the kernel. */
static int scan_slot(struct vspace *vs, struct image_search *s, unsigned pml4_index, uint64_t *base,
                     struct pe_info *pe)
{
    uint64_t pml4e;
    if (read_entry(vs, vs->dtb, pml4_index, &pml4e) != 0 || !(pml4e & PTE_PRESENT))
        return -1;
    if (!first_visit(s, pml4e, 3))
        return -1;
    uint64_t va_hi = 0xffff000000000000ull | ((uint64_t)pml4_index << 39);
    struct table_page pdpt, pd;
    table_open(&pdpt, vs, pml4e);
    for (unsigned p = 0; p < 512; p++) {
        uint64_t pdpte;
        if (table_entry(&pdpt, p, &pdpte) != 0 || !(pdpte & PTE_PRESENT))
            continue;
        uint64_t va_pdpt = va_hi | ((uint64_t)p << 30);
        if (pdpte & PTE_LARGE) {
            if (try_image(vs, s, va_pdpt, base, pe) == 0)
                return 0;
            continue;
        }
        if (!first_visit(s, pdpte, 2))
            continue;
        table_open(&pd, vs, pdpte);
        for (unsigned d = 0; d < 512; d++) {
            uint64_t pde;
            if (table_entry(&pd, d, &pde) != 0 || !(pde & PTE_PRESENT))
                continue;
            if (try_image(vs, s, va_pdpt | ((uint64_t)d << 21), base, pe) == 0)
                return 0;
        }
    }
    return -1;
}

void image_search_init(struct image_search *s)
{
    ptrset_init(&s->tables);
    s->probes = s->total_probes = 0;
    s->capped = s->capped_now = 0;
}

void image_search_free(struct image_search *s)
{
    ptrset_free(&s->tables);
}

int find_kernel_image_in(struct vspace *vs, struct image_search *s, uint64_t *base, struct pe_info *pe)
{
    if (s->capped_now) {
        ptrset_free(&s->tables);
        ptrset_init(&s->tables);
        s->capped_now = 0;
    }
    s->probes = 0;
    /* The NT kernel loads in PML4 slot 0x1f0 (0xfffff800'00000000 -
     * 0xfffff87f'ffffffff) on x64 Windows; try it first, then the rest of
     * the kernel half. */
    if (scan_slot(vs, s, 0x1f0, base, pe) == 0)
        return 0;
    for (unsigned i = 0x100; i < 0x200; i++)
        if (i != 0x1f0 && scan_slot(vs, s, i, base, pe) == 0)
            return 0;
    return -1;
}

int find_kernel_image(struct vspace *vs, uint64_t *base, struct pe_info *pe)
{
    struct image_search s;
    image_search_init(&s);
    int rc = find_kernel_image_in(vs, &s, base, pe);
    image_search_free(&s);
    return rc;
}

int read_kuser_shared_data(struct vspace *vs, struct kuser_facts *out)
{
    uint8_t k[0x400];
    memset(out, 0, sizeof *out);
    if (vread(vs, KUSER_SHARED_DATA_KVA, k, sizeof k) != sizeof k)
        return -1;
    uint32_t build = le32(k + 0x260) & 0xffff;
    uint32_t major = le32(k + 0x26c), minor = le32(k + 0x270);
    /* Sanity: Windows NT 6.x or 10.x with a believable build number. */
    if (major < 6 || major > 10 || minor > 3 || build < 2600 || build > 60000)
        return -1;
    out->build = build;
    out->major = major;
    out->minor = minor;
    out->processors = le32(k + 0x3c0);
    /* KSYSTEM_TIME: LowPart, High1Time, High2Time; consistent when the
     * two highs agree. */
    uint32_t low = le32(k + 0x14), high1 = le32(k + 0x18), high2 = le32(k + 0x1c);
    if (high1 == high2)
        out->system_time = ((uint64_t)high1 << 32) | low;
    return 0;
}
