/* A memory image's per-process address space (anatomy/vas_image.c): the
 * readable runs next_extent lists are exactly the pages reads can return
 * (valid, transition, large pages; not pagefile, demand-zero or pages
 * whose table is missing), and hostile page tables that map the whole
 * user space onto one table end the walk on its work budget. */
#include <stdlib.h>
#include <string.h>

#include "anatomy/vas.h"
#include "base/bytes.h"
#include "fixture.h"
#include "layer/physical.h"
#include "test.h"

/* Every run the address space lists, up to max; returns how many. */
static size_t all_extents(struct vas *v, struct vas_extent *out, size_t max, int *last_rc)
{
    size_t n = 0;
    int rc;
    struct vas_extent x;
    for (uint64_t from = 0; (rc = v->ops->next_extent(v->impl, from, &x)) == 0 && n < max;) {
        out[n++] = x;
        from = x.va + x.len;
    }
    *last_rc = rc;
    return n;
}

TEST(vas_image_extents)
{
    struct fx_machine *m = fx_windows();
    const uint64_t base = 0x0000000140000000ull;
    /* two adjacent pages, then a transition page after a gap of one */
    fx_map(m, base, fx_alloc_page(m), FX_PTE_RW);
    fx_map(m, base + 0x1000, fx_alloc_page(m), FX_PTE_RW);
    uint64_t tpage = fx_alloc_page(m);
    put32(m->mem + tpage, 0xcafef00d);
    fx_set_entry(m, base + 0x3000, 1, tpage | (1ull << 11) | (4ull << 5));
    /* paged out, demand-zero: not listed */
    fx_set_entry(m, base + 0x4000, 1, (0x1234ull << 32) | (4ull << 5));
    fx_set_entry(m, base + 0x5000, 1, 4ull << 5);
    /* a 2 MiB large page */
    fx_set_entry(m, base + 0x40000000ull, 2, 0x200000ull | FX_PTE_P | FX_PTE_RW | FX_PTE_PS);
    /* a page table outside the capture: nothing under it */
    fx_set_entry(m, base + 0x80000000ull, 2, 0x7ff00000000ull | FX_PTE_P | FX_PTE_RW);
    /* a page a 32-bit view can reach */
    fx_map(m, 0x10000000ull, fx_alloc_page(m), FX_PTE_RW);
    /* a kernel page: not the process's user space */
    fx_map(m, 0xffff800000100000ull, fx_alloc_page(m), FX_PTE_RW);

    const char *p = fx_path("vas_image.img");
    CHECK(fx_write_raw(m, p) == 0);
    struct capture *cap = NULL;
    struct ep_error err;
    CHECK(capture_open(p, &cap, &err) == 0);
    if (!cap) {
        fx_free(m);
        return;
    }
    struct vas *v = vas_from_image(cap, m->dtb, 8);
    CHECK(v->ops->next_extent != NULL);
    struct vas_extent x[8];
    int rc;
    size_t n = all_extents(v, x, 8, &rc);
    CHECK_EQ_U64(n, 4);
    CHECK(rc == -1);
    CHECK_EQ_U64(x[0].va, 0x10000000ull);
    CHECK_EQ_U64(x[0].len, 0x1000);
    CHECK_EQ_U64(x[1].va, base);
    CHECK_EQ_U64(x[1].len, 0x2000);
    CHECK_EQ_U64(x[2].va, base + 0x3000);
    CHECK_EQ_U64(x[2].len, 0x1000);
    CHECK_EQ_U64(x[3].va, base + 0x40000000ull);
    CHECK_EQ_U64(x[3].len, 0x200000);
    /* a run starting inside a page, and reads agree with the runs */
    CHECK(v->ops->next_extent(v->impl, base + 0x1234, &x[0]) == 0);
    CHECK_EQ_U64(x[0].va, base + 0x1234);
    CHECK_EQ_U64(x[0].len, 0x1000 - 0x234);
    uint32_t w = 0;
    CHECK(vas_read_exact(v, base + 0x3000, &w, 4, NULL) == 0);
    CHECK_EQ_U64(w, 0xcafef00d);
    CHECK(vas_read_exact(v, base + 0x4000, &w, 4, NULL) != 0);
    vas_close(v);

    /* a 32-bit view stops at 4 GiB: only the low page */
    v = vas_from_image(cap, m->dtb, 4);
    n = all_extents(v, x, 8, &rc);
    CHECK_EQ_U64(n, 1);
    CHECK_EQ_U64(x[0].va, 0x10000000ull);
    vas_close(v);
    capture_close(cap);
    fx_free(m);
}

TEST(vas_image_extents_hostile_tables)
{
    /* One page table that is its own PML4, PDPT, PD and PT: every user
     * address maps, 2^35 pages.  The walk must end on its budget. */
    static uint8_t mem[0x4000];
    memset(mem, 0, sizeof mem);
    for (unsigned i = 0; i < 512; i++)
        put64(mem + 0x1000 + i * 8, 0x1000 | 0x7);
    struct capture *cap = NULL;
    struct ep_error err;
    CHECK(capture_open_buffer(mem, sizeof mem, "hostile", &cap, &err) == 0);
    if (!cap)
        return;
    struct vas *v = vas_from_image(cap, 0x1000, 8);
    struct vas_extent x;
    int rc;
    size_t n = 0;
    uint64_t bytes = 0;
    for (uint64_t from = 0; (rc = v->ops->next_extent(v->impl, from, &x)) == 0 && n < 1000000; n++) {
        bytes += x.len;
        from = x.va + x.len;
    }
    CHECK(rc == -2);
    CHECK(n < 1000);
    CHECK(bytes <= (1ull << 20) * 0x1000);
    vas_close(v);
    capture_close(cap);
}
