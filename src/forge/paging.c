/* x64 4-level page tables, built the way Windows keeps them: one PML4 per
 * process, the kernel half (entries 256-511) shared by every process, and
 * one self-referencing entry at an index chosen at random in 0x100-0x1FF
 * (Windows 10 1607+ randomises it; MmPteBase follows from it). */
#include "forge/forge_int.h"

#include <stdio.h>
#include <stdlib.h>

static uint64_t idx(uint64_t va, int level)   /* level 3 = PML4 ... 0 = PT */
{
    return (va >> (12 + 9 * level)) & 0x1FF;
}

uint64_t pg_new_root(struct forge *f)
{
    uint64_t pa = mach_alloc_frame(&f->m);
    if (!pa)
        forge_fail(EP_EXIT_USAGE, "%s: key 'machine.memory': %lluM is too small for this scenario "
                   "(every one of its %llu page frames is in use)", f->sc->path,
                   (unsigned long long)(f->m.ram_bytes >> 20), (unsigned long long)f->m.frames_used);
    return pa;
}

/* The table at the next level for va, created when absent. */
static uint64_t next_table(struct forge *f, uint64_t table, uint64_t va, int level, int create)
{
    uint64_t ea = table + idx(va, level) * 8;
    uint64_t e = mach_r64(&f->m, ea);
    if (e & PTE_P) {
        if (e & PTE_PS)
            return 0;           /* a large page is in the way */
        return e & PTE_ADDR;
    }
    if (!create)
        return 0;
    uint64_t pa = pg_new_root(f);
    uint64_t flags = PTE_P | PTE_RW | PTE_A | PTE_D;
    if (!(va >> 47))
        flags |= PTE_US;
    mach_w64(&f->m, ea, pa | flags);
    return pa;
}

static uint64_t pt_for(struct forge *f, uint64_t root, uint64_t va, int stop_level)
{
    uint64_t t = root;
    for (int level = 3; level > stop_level; level--) {
        t = next_table(f, t, va, level, 1);
        if (!t)
            forge_fail(EP_EXIT_INPUT, "internal error: mapping 0x%llx under a large page",
                       (unsigned long long)va);
    }
    return t;
}

void pg_map(struct forge *f, uint64_t root, uint64_t va, uint64_t pa, uint64_t flags)
{
    uint64_t pt = pt_for(f, root, va, 0);
    mach_w64(&f->m, pt + idx(va, 0) * 8, (pa & PTE_ADDR) | flags | PTE_P);
}

void pg_map_large(struct forge *f, uint64_t root, uint64_t va, uint64_t pa, uint64_t flags)
{
    uint64_t pd = pt_for(f, root, va, 1);
    mach_w64(&f->m, pd + idx(va, 1) * 8, (pa & PTE_ADDR & ~(LARGE_PAGE - 1)) | flags | PTE_P | PTE_PS);
}

void pg_set_raw_pte(struct forge *f, uint64_t root, uint64_t va, uint64_t pte)
{
    uint64_t pt = pt_for(f, root, va, 0);
    mach_w64(&f->m, pt + idx(va, 0) * 8, pte);
}

int pg_translate(const struct forge *f, uint64_t root, uint64_t va, uint64_t *pa)
{
    uint64_t t = root;
    for (int level = 3; level >= 0; level--) {
        uint64_t e = mach_r64(&f->m, t + idx(va, level) * 8);
        if (!(e & PTE_P)) {
            /* transition PTE: not valid, still in RAM (bit 11, not prototype) */
            if (level == 0 && (e & PTE_TRANSITION) && !(e & 0x400) && (e & PTE_ADDR)) {
                *pa = (e & PTE_ADDR) | (va & 0xFFF);
                return 1;
            }
            return 0;
        }
        if (level == 2 && (e & PTE_PS)) {
            *pa = (e & PTE_ADDR & ~0x3FFFFFFFULL) | (va & 0x3FFFFFFF);
            return 1;
        }
        if (level == 1 && (e & PTE_PS)) {
            *pa = (e & PTE_ADDR & ~(LARGE_PAGE - 1)) | (va & (LARGE_PAGE - 1));
            return 1;
        }
        t = e & PTE_ADDR;
    }
    *pa = t | (va & 0xFFF);
    return 1;
}

void pg_map_alloc(struct forge *f, uint64_t root, uint64_t va, uint64_t len, uint64_t flags)
{
    uint64_t end = (va + len + PAGE - 1) & ~(PAGE - 1);
    for (uint64_t a = va & ~(PAGE - 1); a < end; a += PAGE) {
        uint64_t pa;
        if (pg_translate(f, root, a, &pa))
            continue;
        pa = pg_new_root(f);
        pg_map(f, root, a, pa, flags);
    }
}

void pg_finish_root(struct forge *f, uint64_t root)
{
    if (root != f->sys_root)
        for (unsigned i = 256; i < 512; i++)
            mach_w64(&f->m, root + i * 8, mach_r64(&f->m, f->sys_root + i * 8));
    /* self-reference: valid, writable, kernel-only, no-execute */
    mach_w64(&f->m, root + f->selfref_index * 8, root | PTE_P | PTE_RW | PTE_A | PTE_D | PTE_NX);
}

static _Noreturn void unmapped(uint64_t va)
{
    forge_fail(EP_EXIT_INPUT, "internal error: access to unmapped address 0x%llx", (unsigned long long)va);
}

void vw(struct forge *f, uint64_t root, uint64_t va, const void *buf, size_t len)
{
    const uint8_t *s = buf;
    while (len) {
        size_t n = (size_t)(PAGE - (va & 0xFFF));
        if (n > len)
            n = len;
        uint64_t pa;
        if (!pg_translate(f, root, va, &pa)) {
            /* user pages of a process appear on first write (demand-zero
             * then written), with the flags the builder chose */
            if (root == f->sys_root || (va >> 47))
                unmapped(va);
            pa = pg_new_root(f);
            pg_map(f, root, va & ~0xFFFULL, pa, f->user_pte_flags ? f->user_pte_flags :
                   (PTE_RW | PTE_US | PTE_A | PTE_D | PTE_NX));
            pa |= va & 0xFFF;
        }
        mach_write(&f->m, pa, s, n);
        va += n;
        s += n;
        len -= n;
    }
}

void vr(const struct forge *f, uint64_t root, uint64_t va, void *buf, size_t len)
{
    uint8_t *d = buf;
    while (len) {
        size_t n = (size_t)(PAGE - (va & 0xFFF));
        if (n > len)
            n = len;
        uint64_t pa;
        if (!pg_translate(f, root, va, &pa))
            unmapped(va);
        mach_read(&f->m, pa, d, n);
        va += n;
        d += n;
        len -= n;
    }
}

void vw64(struct forge *f, uint64_t root, uint64_t va, uint64_t v) { vw(f, root, va, &v, 8); }
void vw32(struct forge *f, uint64_t root, uint64_t va, uint32_t v) { vw(f, root, va, &v, 4); }
uint64_t vr64(const struct forge *f, uint64_t root, uint64_t va) { uint64_t v; vr(f, root, va, &v, 8); return v; }
void kw(struct forge *f, uint64_t va, const void *buf, size_t len) { vw(f, f->sys_root, va, buf, len); }
void kw64(struct forge *f, uint64_t va, uint64_t v) { vw64(f, f->sys_root, va, v); }
uint64_t kr64(const struct forge *f, uint64_t va) { return vr64(f, f->sys_root, va); }

void kfield(struct forge *f, uint64_t root, uint64_t va, const struct fld *fl, uint64_t v)
{
    if (fl->off < 0)
        return;
    uint8_t buf[8] = {0};
    uint32_t size = fl->size ? fl->size : 8;
    if (size > 8)
        size = 8;
    if (fl->bitlen)
        vr(f, root, va + (uint64_t)fl->off, buf, size);
    struct fld local = *fl;
    local.off = 0;
    fset(buf, &local, v);
    vw(f, root, va + (uint64_t)fl->off, buf, size);
}
