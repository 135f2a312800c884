#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"
#include "test.h"

#define PFN_MASK 0x000ffffffffff000ull

struct fx_machine *fx_new(uint64_t size)
{
    struct fx_machine *m = calloc(1, sizeof *m);
    m->mem = calloc(1, size);
    m->size = size;
    m->next_page = 0x100000;    /* tables from 1 MiB upwards... */
    return m;
}

void fx_free(struct fx_machine *m)
{
    if (m) {
        free(m->mem);
        free(m);
    }
}

uint64_t fx_alloc_page(struct fx_machine *m)
{
    /* ...skipping the [1 MiB, 2 MiB) hole the writers can leave out. */
    if (m->next_page >= 0x100000 && m->next_page < 0x200000)
        m->next_page = 0x200000;
    uint64_t pa = m->next_page;
    m->next_page += 0x1000;
    if (m->next_page > m->size) {
        fprintf(stderr, "fixture: out of physical memory\n");
        abort();
    }
    memset(m->mem + pa, 0, 0x1000);
    return pa;
}

static uint64_t *entry_ptr(struct fx_machine *m, uint64_t table, unsigned idx)
{
    return (uint64_t *)(void *)(m->mem + table + 8ull * idx);
}

static uint64_t next_table(struct fx_machine *m, uint64_t table, unsigned idx)
{
    uint64_t e;
    memcpy(&e, entry_ptr(m, table, idx), 8);
    if (!(e & FX_PTE_P)) {
        e = fx_alloc_page(m) | FX_PTE_P | FX_PTE_RW;
        memcpy(entry_ptr(m, table, idx), &e, 8);
    }
    return e & PFN_MASK;
}

void fx_set_entry(struct fx_machine *m, uint64_t va, int level, uint64_t entry)
{
    static const unsigned shift[5] = { 0, 12, 21, 30, 39 };
    uint64_t table = m->dtb;
    for (int l = 4; l > level; l--)
        table = next_table(m, table, (va >> shift[l]) & 0x1ff);
    memcpy(entry_ptr(m, table, (va >> shift[level]) & 0x1ff), &entry, 8);
}

void fx_map(struct fx_machine *m, uint64_t va, uint64_t pa, uint64_t flags)
{
    fx_set_entry(m, va, 1, (pa & PFN_MASK) | FX_PTE_P | flags);
}

void fx_write_virt(struct fx_machine *m, uint64_t va, const void *data, size_t len)
{
    const uint8_t *src = data;
    while (len) {
        /* Walk the fixture's own tables (4 KiB mappings only). */
        uint64_t table = m->dtb, e = 0;
        static const unsigned shift[5] = { 0, 12, 21, 30, 39 };
        for (int l = 4; l >= 1; l--) {
            memcpy(&e, entry_ptr(m, table, (va >> shift[l]) & 0x1ff), 8);
            table = e & PFN_MASK;
        }
        uint64_t pa = (e & PFN_MASK) | (va & 0xfff);
        size_t n = 0x1000 - (va & 0xfff);
        if (n > len) n = len;
        memcpy(m->mem + pa, src, n);
        src += n; va += n; len -= n;
    }
}

static struct fx_machine *windows_on(struct fx_machine *m)
{
    m->dtb = fx_alloc_page(m);
    m->self_index = 0x1ed;
    uint64_t self = m->dtb | FX_PTE_P | FX_PTE_RW;
    memcpy(entry_ptr(m, m->dtb, m->self_index), &self, 8);

    /* Kernel image: two pages at a 2 MiB-aligned kernel address. */
    m->kernel_base = 0xfffff80312400000ull;
    uint64_t p0 = fx_alloc_page(m), p1 = fx_alloc_page(m);
    fx_map(m, m->kernel_base, p0, FX_PTE_RW);
    fx_map(m, m->kernel_base + 0x1000, p1, FX_PTE_RW);
    uint8_t pe[0x2000];
    memset(pe, 0, sizeof pe);
    pe[0] = 'M'; pe[1] = 'Z';
    put32(pe + 0x3c, 0x80);
    memcpy(pe + 0x80, "PE\0\0", 4);
    put16(pe + 0x84, 0x8664);                 /* Machine */
    put16(pe + 0x84 + 16, 240);               /* SizeOfOptionalHeader */
    uint8_t *opt = pe + 0x98;
    put16(opt, 0x20b);
    put32(opt + 56, 0x2000);                  /* SizeOfImage */
    put32(opt + 108, 16);                     /* NumberOfRvaAndSizes */
    put32(opt + 112 + 6 * 8, 0x1000);         /* debug directory RVA */
    put32(opt + 112 + 6 * 8 + 4, 28);
    uint8_t *dbg = pe + 0x1000;
    put32(dbg + 12, 2);                       /* CODEVIEW */
    put32(dbg + 16, 24 + 13);
    put32(dbg + 20, 0x1100);
    uint8_t *cv = pe + 0x1100;
    memcpy(cv, "RSDS", 4);
    static const uint8_t guid[16] = { 0x34, 0x12, 0xcd, 0xab, 0x78, 0x56, 0xf0, 0xde,
                                      0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef };
    memcpy(m->guid, guid, 16);
    strcpy(m->guid_hex, "ABCD12345678DEF00123456789ABCDEF");
    memcpy(cv + 4, guid, 16);
    m->age = 2;
    put32(cv + 20, m->age);
    memcpy(cv + 24, "ntkrnlmp.pdb", 13);
    fx_write_virt(m, m->kernel_base, pe, sizeof pe);

    /* KUSER_SHARED_DATA. */
    uint64_t ku = fx_alloc_page(m);
    fx_map(m, 0xfffff78000000000ull, ku, 0);
    m->build = 19041;
    m->system_time = 0x01d8e9892ca1d550ull;
    put32(m->mem + ku + 0x260, 0xf0000000u | m->build);
    put32(m->mem + ku + 0x26c, 10);
    put32(m->mem + ku + 0x270, 0);
    put32(m->mem + ku + 0x3c0, 4);
    put32(m->mem + ku + 0x14, (uint32_t)m->system_time);
    put32(m->mem + ku + 0x18, (uint32_t)(m->system_time >> 32));
    put32(m->mem + ku + 0x1c, (uint32_t)(m->system_time >> 32));
    return m;
}

struct fx_machine *fx_windows(void)
{
    return windows_on(fx_new(4u << 20));
}

struct fx_machine *fx_windows_sized(uint64_t size)
{
    struct fx_machine *m = fx_new(size);
    if (size <= 0x100000)
        m->next_page = 0x1000;  /* below the hole: tables from page 1 */
    return windows_on(m);
}

struct fx_machine *fx_windows_small(void)
{
    return fx_windows_sized(64u << 10);
}

int fx_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t w = len ? fwrite(data, 1, len, f) : 0;
    return fclose(f) == 0 && w == len ? 0 : -1;
}

char *fx_path(const char *name)
{
    static char bufs[8][512];
    static int next;
    char *b = bufs[next++ % 8];
    snprintf(b, 512, "%s/%s", test_tmpdir(), name);
    return b;
}

int fx_write_raw(const struct fx_machine *m, const char *path)
{
    return fx_write_file(path, m->mem, m->size);
}

/* The memory as runs: everything, or everything but [1 MiB, 2 MiB). */
static int runs_of(const struct fx_machine *m, int holes, uint64_t base[2], uint64_t len[2])
{
    if (!holes) {
        base[0] = 0; len[0] = m->size;
        return 1;
    }
    base[0] = 0; len[0] = 0x100000;
    base[1] = 0x200000; len[1] = m->size - 0x200000;
    return 2;
}

static void dump_header(const struct fx_machine *m, uint8_t *h, uint32_t type)
{
    for (int i = 0; i < 0x2000; i += 4)
        memcpy(h + i, "PAGE", 4);
    memcpy(h, "PAGEDU64", 8);
    put32(h + 0x8, 0xf);
    put32(h + 0xc, m->build);
    put64(h + 0x10, m->dtb);
    put64(h + 0x18, m->kernel_base + 0x1000);   /* PfnDataBase variable */
    put64(h + 0x20, m->kernel_base + 0x1200);   /* PsLoadedModuleList */
    put64(h + 0x28, m->kernel_base + 0x1300);   /* PsActiveProcessHead */
    put32(h + 0x30, 0x8664);
    put32(h + 0x34, 4);
    put32(h + 0x38, 0xd1);
    put64(h + 0x40, 0x1111); put64(h + 0x48, 0x2); put64(h + 0x50, 0x0); put64(h + 0x58, 0xfffff80312401234ull);
    put64(h + 0x80, 0);                          /* no KDBG in full fixtures */
    put32(h + 0xf98, type);
    put64(h + 0xfa8, m->system_time);
}

int fx_write_crashdump_full(const struct fx_machine *m, const char *path, int holes)
{
    uint64_t base[2], len[2];
    int n = runs_of(m, holes, base, len);
    size_t total = 0x2000;
    for (int i = 0; i < n; i++) total += len[i];
    uint8_t *out = malloc(total);
    dump_header(m, out, 1);
    put32(out + 0x88, (uint32_t)n);
    uint64_t pages = 0;
    size_t off = 0x2000;
    for (int i = 0; i < n; i++) {
        put64(out + 0x98 + 16 * i, base[i] >> 12);
        put64(out + 0xa0 + 16 * i, len[i] >> 12);
        pages += len[i] >> 12;
        memcpy(out + off, m->mem + base[i], len[i]);
        off += len[i];
    }
    put64(out + 0x90, pages);
    int rc = fx_write_file(path, out, total);
    free(out);
    return rc;
}

int fx_write_crashdump_bitmap(const struct fx_machine *m, const char *path, int holes)
{
    uint64_t npages = m->size >> 12;
    size_t bitmap = (npages + 7) / 8;
    size_t first = (0x2000 + 0x38 + bitmap + 0xfff) & ~(size_t)0xfff;
    uint8_t *out = calloc(1, first + m->size);
    dump_header(m, out, 5);
    uint8_t *h = out + 0x2000;
    memcpy(h, "SDMP", 4);
    memcpy(h + 4, "DUMP", 4);
    put64(h + 0x20, first);
    put64(h + 0x30, npages);
    size_t off = first;
    uint64_t present = 0;
    for (uint64_t p = 0; p < npages; p++) {
        uint64_t pa = p << 12;
        if (holes && pa >= 0x100000 && pa < 0x200000)
            continue;
        h[0x38 + p / 8] |= (uint8_t)(1u << (p % 8));
        memcpy(out + off, m->mem + pa, 0x1000);
        off += 0x1000;
        present++;
    }
    put64(h + 0x28, present);
    int rc = fx_write_file(path, out, off);
    free(out);
    return rc;
}

int fx_write_elf(const struct fx_machine *m, const char *path, int holes)
{
    uint64_t base[2], len[2];
    int n = runs_of(m, holes, base, len);
    /* One PT_NOTE (empty) and n PT_LOAD, as QEMU writes them. */
    size_t phoff = 64, nph = (size_t)n + 1, data = (phoff + nph * 56 + 0xfff) & ~(size_t)0xfff;
    size_t total = data;
    for (int i = 0; i < n; i++) total += len[i];
    uint8_t *out = calloc(1, total);
    memcpy(out, "\x7f" "ELF", 4);
    out[4] = 2; out[5] = 1; out[6] = 1;
    put16(out + 16, 4);          /* ET_CORE */
    put16(out + 18, 62);         /* EM_X86_64 */
    put32(out + 20, 1);
    put64(out + 32, phoff);
    put16(out + 52, 64);
    put16(out + 54, 56);
    put16(out + 56, (uint16_t)nph);
    uint8_t *ph = out + phoff;
    put32(ph, 4);                /* PT_NOTE, empty */
    size_t off = data;
    for (int i = 0; i < n; i++) {
        ph += 56;
        put32(ph, 1);
        put64(ph + 8, off);
        put64(ph + 16, 0);       /* p_vaddr: QEMU leaves 0 without paging */
        put64(ph + 24, base[i]);
        put64(ph + 32, len[i]);
        put64(ph + 40, len[i]);
        memcpy(out + off, m->mem + base[i], len[i]);
        off += len[i];
    }
    int rc = fx_write_file(path, out, total);
    free(out);
    return rc;
}

int fx_write_lime(const struct fx_machine *m, const char *path, int holes)
{
    uint64_t base[2], len[2];
    int n = runs_of(m, holes, base, len);
    size_t total = 0;
    for (int i = 0; i < n; i++) total += 32 + len[i];
    uint8_t *out = calloc(1, total);
    size_t off = 0;
    for (int i = 0; i < n; i++) {
        put32(out + off, 0x4C694D45u);
        put32(out + off + 4, 1);
        put64(out + off + 8, base[i]);
        put64(out + off + 16, base[i] + len[i] - 1);
        memcpy(out + off + 32, m->mem + base[i], len[i]);
        off += 32 + len[i];
    }
    int rc = fx_write_file(path, out, total);
    free(out);
    return rc;
}

int fx_write_triage(const struct fx_machine *m, const char *path)
{
    size_t total = 0x10000;
    uint8_t *out = calloc(1, total);
    dump_header(m, out, 4);
    put64(out + 0x80, m->kernel_base + 0x3000);           /* KdDebuggerDataBlock */
    uint8_t *t = out + 0x2000;
    put32(t + 0x04, (uint32_t)total);
    put32(t + 0x70, 0x3000);                               /* DebuggerDataOffset */
    put32(t + 0x74, 0x380);
    put32(t + 0x78, 0x2800);                               /* DataBlocksOffset */
    put32(t + 0x7c, 2);
    uint8_t *k = out + 0x3000;                             /* KDBG copy */
    put32(k + 0x10, 0x4742444bu);
    put32(k + 0x14, 0x380);
    put64(k + 0x18, m->kernel_base);
    put64(k + 0x48, m->kernel_base + 0x1200);
    put64(k + 0x50, m->kernel_base + 0x1300);
    /* Data blocks: KUSER_SHARED_DATA page and a kernel data page. */
    uint8_t *b = out + 0x2800;
    put64(b, 0xfffff78000000000ull); put32(b + 8, 0x4000); put32(b + 12, 0x1000);
    put64(b + 16, m->kernel_base + 0x1000); put32(b + 24, 0x5000); put32(b + 28, 0x1000);
    memset(out + 0x4000, 0x4b, 0x1000);
    memset(out + 0x5000, 0x5a, 0x1000);
    int rc = fx_write_file(path, out, total);
    free(out);
    return rc;
}
