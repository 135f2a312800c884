/* x64 translation: every entry kind the translator distinguishes. */
#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"
#include "fixture.h"
#include "layer/physical.h"
#include "test.h"
#include "translate/x64.h"

TEST(translate_entry_kinds)
{
    struct fx_machine *m = fx_windows();
    const uint64_t base = 0x0000000140000000ull;

    /* Valid 4 KiB page with a marker. */
    uint64_t page = fx_alloc_page(m);
    fx_map(m, base, page, FX_PTE_RW);
    put64(m->mem + page + 0x10, 0x1122334455667788ull);
    /* 2 MiB large page at PDE level, frame 0x200000. */
    fx_set_entry(m, base + 0x40000000ull, 2, 0x200000ull | FX_PTE_P | FX_PTE_RW | FX_PTE_PS);
    /* 1 GiB large page at PDPTE level, frame 0. */
    fx_set_entry(m, 0x0000008000000000ull, 3, 0x0ull | FX_PTE_P | FX_PTE_PS);
    /* Transition PTE: not present, bit 11, frame still in RAM. */
    uint64_t tpage = fx_alloc_page(m);
    put32(m->mem + tpage + 4, 0xcafef00d);
    fx_set_entry(m, base + 0x1000, 1, tpage | (1ull << 11) | (4ull << 5));
    /* Prototype PTE: bit 10. */
    fx_set_entry(m, base + 0x2000, 1, 0xffffa00000001000ull << 16 | (1ull << 10));
    /* Pagefile PTE: PageFileHigh (bits 32+) set, protection bits. */
    fx_set_entry(m, base + 0x3000, 1, (0x1234ull << 32) | (4ull << 5));
    /* Demand-zero: protection only. */
    fx_set_entry(m, base + 0x4000, 1, 4ull << 5);
    /* Page table outside the capture. */
    fx_set_entry(m, base + 0x80000000ull, 2, 0x7ff00000000ull | FX_PTE_P | FX_PTE_RW);

    const char *p = fx_path("translate.img");
    CHECK(fx_write_raw(m, p) == 0);
    struct capture *cap = NULL;
    struct ep_error err;
    CHECK(capture_open(p, &cap, &err) == 0);
    if (!cap) {
        fx_free(m);
        return;
    }
    struct vspace *vs = malloc(sizeof *vs);
    vspace_init(vs, cap, m->dtb);
    struct vt_result r;

    CHECK(vtop(vs, base + 0x10, &r) == 0);
    CHECK(r.status == VT_VALID);
    CHECK_EQ_U64(r.pa, page + 0x10);
    CHECK_EQ_U64(r.page_size, 0x1000);
    uint64_t v;
    CHECK(vread_u64(vs, base + 0x10, &v) == 0);
    CHECK_EQ_U64(v, 0x1122334455667788ull);

    CHECK(vtop(vs, base + 0x40000000ull + 0x12345, &r) == 0);
    CHECK(r.status == VT_VALID);
    CHECK_EQ_U64(r.page_size, 0x200000);
    CHECK_EQ_U64(r.pa, 0x212345);

    CHECK(vtop(vs, 0x0000008000000000ull + 0x123456, &r) == 0);
    CHECK_EQ_U64(r.page_size, 0x40000000ull);
    CHECK_EQ_U64(r.pa, 0x123456);

    CHECK(vtop(vs, base + 0x1004, &r) == 0);
    CHECK(r.status == VT_TRANSITION);
    CHECK_EQ_U64(r.pa, tpage + 4);
    uint32_t w;
    CHECK(vread_u32(vs, base + 0x1004, &w) == 0);
    CHECK_EQ_U64(w, 0xcafef00d);

    CHECK(vtop(vs, base + 0x2000, &r) != 0);
    CHECK(r.status == VT_PROTOTYPE);
    CHECK(vtop(vs, base + 0x3000, &r) != 0);
    CHECK(r.status == VT_PAGEFILE);
    CHECK(vtop(vs, base + 0x4000, &r) != 0);
    CHECK(r.status == VT_NOT_PRESENT);
    CHECK(vtop(vs, base + 0x80000000ull, &r) != 0);
    CHECK(r.status == VT_TABLE_MISSING);
    CHECK(vtop(vs, 0x0000900000000000ull, &r) != 0);
    CHECK(r.status == VT_NONCANONICAL);
    CHECK(vtop(vs, 0x00007ff000000000ull, &r) != 0);     /* PML4E absent */
    CHECK(r.status == VT_NOT_PRESENT);
    CHECK(r.level == 4);

    /* A read across into the prototype page stops at the page boundary. */
    uint8_t buf[0x20];
    CHECK_EQ_U64(vread(vs, base + 0x2000 - 0x10, buf, sizeof buf), 0x10);

    /* The cache answers repeated lookups the same way. */
    CHECK(vtop(vs, base + 0x18, &r) == 0);
    uint64_t misses = vs->misses;
    CHECK(vtop(vs, base + 0x18, &r) == 0);
    CHECK_EQ_U64(r.pa, page + 0x18);
    CHECK(vs->misses == misses);
    CHECK(vtop(vs, base + 0x3000, &r) != 0 && r.status == VT_PAGEFILE);

    /* The self-reference maps the PML4 onto itself. */
    uint64_t i = m->self_index;
    uint64_t self_va = 0xffff000000000000ull | (i << 39) | (i << 30) | (i << 21) | (i << 12);
    CHECK(vtop(vs, self_va, &r) == 0);
    CHECK_EQ_U64(r.pa, m->dtb);

    free(vs);
    capture_close(cap);
    fx_free(m);
}
