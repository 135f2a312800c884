/* Kernel virtual address space: where pool, stacks and drivers live.
 *
 * Windows 10+ randomises the top-level slot of each dynamic kernel region
 * (pool, system PTEs, PFN database, page tables); the forge does the same:
 * each region gets its own PML4 slot in 0x100-0x1EE, never the
 * self-reference slot, and a random start inside it. */
#include "forge/forge_int.h"


static uint64_t canon(uint64_t va)
{
    return (va & (1ULL << 47)) ? (va | 0xFFFF000000000000ULL) : va;
}

static unsigned pick_slot(struct forge *f, unsigned *taken, int ntaken)
{
    for (;;) {
        unsigned s = (unsigned)rng_range(&f->rng, 0x100, 0x1EE);
        int clash = 0;
        for (int i = 0; i < ntaken; i++)
            if (taken[i] == s)
                clash = 1;
        if (!clash)
            return s;
    }
}

static void region(struct forge *f, struct kregion *r, const char *name, unsigned slot, uint64_t flags)
{
    r->name = name;
    /* a random 4 GiB-aligned spot in the first half of the 512 GiB slot,
     * then a random page offset: addresses look like real pool */
    uint64_t off = (rng_range(&f->rng, 0, 0x3F) << 32) + (rng_range(&f->rng, 0, 0xFFFF) << 12);
    r->base = r->next = canon(((uint64_t)slot << 39) + off);
    r->end = r->base + (1ULL << 32);
    r->flags = flags;
}

void kva_init(struct forge *f)
{
    unsigned taken[8];
    int n = 0;
    taken[n++] = f->selfref_index;
    taken[n++] = 0x1EF;        /* KUSER_SHARED_DATA, 0xFFFFF780'00000000 */
    taken[n++] = 0x1F0;        /* kernel image and drivers, 0xFFFFF800'... */
    uint64_t data = PTE_RW | PTE_A | PTE_D | PTE_G | PTE_NX;
    unsigned s;
    s = pick_slot(f, taken, n); taken[n++] = s; region(f, &f->pool_np, "nonpaged pool", s, data);
    s = pick_slot(f, taken, n); taken[n++] = s; region(f, &f->pool_p, "paged pool", s, data);
    s = pick_slot(f, taken, n); taken[n++] = s; region(f, &f->stacks, "system PTEs", s, data);
    s = pick_slot(f, taken, n); taken[n++] = s; region(f, &f->sysmisc, "system", s, data);
}

uint64_t kva_alloc_pages(struct forge *f, struct kregion *r, uint64_t npages)
{
    uint64_t va = r->next;
    if (npages > (r->end - va) / PAGE)
        forge_fail(EP_EXIT_USAGE, "%s: the kernel's %s (%llu GiB) is full: the scenario has more "
                   "objects than one machine holds", f->sc->path, r->name,
                   (unsigned long long)((r->end - r->base) >> 30));
    r->next += npages * PAGE;
    pg_map_alloc(f, f->sys_root, va, npages * PAGE, r->flags);
    return va;
}
