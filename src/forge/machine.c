/* The forged machine's physical memory.
 *
 * RAM sits where a PC puts it: conventional memory below 640 KiB, then from
 * 1 MiB up to at most 3 GiB, and the rest above 4 GiB (the PCI hole).  The
 * store is sparse: a page exists in host memory only once something non-zero
 * is written to it, so a 16 GiB machine costs what its contents cost.
 * Frames are handed out at random places, as a running system's free lists
 * would, never in address order. */
#include "forge/forge_int.h"

#include <stdlib.h>
#include <string.h>

#define LOW_TOP 0xC0000000ULL        /* end of RAM below the PCI hole */
#define HIGH_BASE 0x100000000ULL

static int bit_get(const uint64_t *bm, uint64_t i) { return (int)((bm[i >> 6] >> (i & 63)) & 1); }
static void bit_set(uint64_t *bm, uint64_t i) { bm[i >> 6] |= 1ULL << (i & 63); }

int mach_init(struct machine *m, uint64_t ram, uint64_t seed, struct ep_error *err)
{
    memset(m, 0, sizeof *m);
    m->ram_bytes = ram;
    /* conventional memory (page 0 stays out: firmware owns it) */
    m->runs[m->nruns++] = (struct ram_run){ 0x1000, 0x9F000 - 0x1000 };
    uint64_t low_end = ram < LOW_TOP ? ram : LOW_TOP;
    m->runs[m->nruns++] = (struct ram_run){ 0x100000, low_end - 0x100000 };
    if (ram > LOW_TOP)
        m->runs[m->nruns++] = (struct ram_run){ HIGH_BASE, ram - LOW_TOP };
    struct ram_run *last = &m->runs[m->nruns - 1];
    m->max_pa = last->pa + last->len;
    m->npfn = m->max_pa / PAGE;
    m->pages = calloc(m->npfn, sizeof *m->pages);
    m->used = calloc((m->npfn + 63) / 64, sizeof *m->used);
    if (!m->pages || !m->used) {
        free(m->pages);
        free(m->used);
        return ep_fail(err, "out of memory for a %llu-byte machine", (unsigned long long)ram);
    }
    /* frames that are not RAM count as used */
    for (uint64_t pfn = 0; pfn < m->npfn; ) {
        if (mach_pa_is_ram(m, pfn * PAGE)) { pfn++; continue; }
        bit_set(m->used, pfn);
        pfn++;
    }
    rng_seed(&m->rng, seed, 1);
    return 0;
}

void mach_free(struct machine *m)
{
    if (m->pages)
        for (uint64_t i = 0; i < m->npfn; i++)
            free(m->pages[i]);
    free(m->pages);
    free(m->used);
    memset(m, 0, sizeof *m);
}

int mach_pa_is_ram(const struct machine *m, uint64_t pa)
{
    for (int i = 0; i < m->nruns; i++)
        if (pa >= m->runs[i].pa && pa - m->runs[i].pa < m->runs[i].len)
            return 1;
    return 0;
}

uint64_t mach_alloc_frame(struct machine *m)
{
    if (m->frames_used >= m->npfn)
        return 0;
    uint64_t start = rng_range(&m->rng, 0, m->npfn - 1);
    /* probe from a random place: 64 frames a word, so the walk is short */
    for (uint64_t n = 0; n < m->npfn; n++) {
        uint64_t pfn = (start + n) % m->npfn;
        if ((pfn & 63) == 0 && m->used[pfn >> 6] == ~0ULL && n + 64 < m->npfn) {
            n += 63;
            continue;
        }
        if (!bit_get(m->used, pfn)) {
            bit_set(m->used, pfn);
            m->frames_used++;
            return pfn * PAGE;
        }
    }
    return 0;
}

uint64_t mach_alloc_contig(struct machine *m, uint64_t npages, uint64_t align)
{
    uint64_t apages = align / PAGE;
    if (apages == 0)
        apages = 1;
    uint64_t slots = m->npfn / apages;
    if (slots == 0)
        return 0;
    uint64_t start = rng_range(&m->rng, 0, slots - 1);
    for (uint64_t n = 0; n < slots; n++) {
        uint64_t first = ((start + n) % slots) * apages;
        if (first + npages > m->npfn)
            continue;
        int ok = 1;
        for (uint64_t i = 0; i < npages && ok; i++)
            if (bit_get(m->used, first + i))
                ok = 0;
        if (!ok)
            continue;
        for (uint64_t i = 0; i < npages; i++)
            bit_set(m->used, first + i);
        m->frames_used += npages;
        return first * PAGE;
    }
    return 0;
}

int mach_claim(struct machine *m, uint64_t pa)
{
    uint64_t pfn = pa / PAGE;
    if (pfn >= m->npfn || bit_get(m->used, pfn))
        return 0;
    bit_set(m->used, pfn);
    m->frames_used++;
    return 1;
}

void mach_reserve(struct machine *m, uint64_t pa, uint64_t len)
{
    for (uint64_t a = pa & ~(PAGE - 1); a < pa + len; a += PAGE) {
        uint64_t pfn = a / PAGE;
        if (pfn < m->npfn && !bit_get(m->used, pfn)) {
            bit_set(m->used, pfn);
            m->frames_used++;
        }
    }
}

static uint8_t *page_for_write(struct machine *m, uint64_t pfn)
{
    if (!m->pages[pfn]) {
        m->pages[pfn] = fx_alloc(1, PAGE);
        m->pages_stored++;
    }
    return m->pages[pfn];
}

void mach_write(struct machine *m, uint64_t pa, const void *buf, size_t len)
{
    const uint8_t *s = buf;
    while (len) {
        uint64_t pfn = pa / PAGE, off = pa % PAGE;
        size_t n = (size_t)(PAGE - off);
        if (n > len)
            n = len;
        if (pfn < m->npfn) {
            /* writing zeros to an absent page keeps it absent */
            int zero = !m->pages[pfn];
            for (size_t i = 0; zero && i < n; i++)
                if (s[i])
                    zero = 0;
            if (!zero)
                memcpy(page_for_write(m, pfn) + off, s, n);
        }
        pa += n;
        s += n;
        len -= n;
    }
}

void mach_read(const struct machine *m, uint64_t pa, void *buf, size_t len)
{
    uint8_t *d = buf;
    while (len) {
        uint64_t pfn = pa / PAGE, off = pa % PAGE;
        size_t n = (size_t)(PAGE - off);
        if (n > len)
            n = len;
        if (pfn < m->npfn && m->pages[pfn])
            memcpy(d, m->pages[pfn] + off, n);
        else
            memset(d, 0, n);
        pa += n;
        d += n;
        len -= n;
    }
}

uint64_t mach_r64(const struct machine *m, uint64_t pa)
{
    uint64_t v;
    mach_read(m, pa, &v, 8);
    return v;
}

void mach_w64(struct machine *m, uint64_t pa, uint64_t v)
{
    mach_write(m, pa, &v, 8);
}

const uint8_t *mach_page_view(const struct machine *m, uint64_t pfn)
{
    return pfn < m->npfn ? m->pages[pfn] : NULL;
}
