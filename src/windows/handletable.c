#include "windows/handletable.h"

#include <string.h>

#include "base/bytes.h"

#define ENTRIES_PER_LEAF 256u
#define POINTERS_PER_PAGE 512u

static int kernel_page(uint64_t p)
{
    return p >= 0xffff800000000000ull && va_canonical(p) && (p & 0xfff) == 0;
}

/* Returns nonzero when the visitor asked to stop. */
static int walk_leaf(struct vspace *vs, uint64_t leaf, uint64_t first_index, handle_visit_fn fn, void *ctx,
                     struct handle_walk_result *res)
{
    static _Thread_local uint8_t page[0x1000];
    if (vread(vs, leaf, page, sizeof page) != sizeof page) {
        res->missing_pages++;
        return 0;
    }
    /* Entry 0 of every leaf is never a handle (handle values start at 4
     * within each page's range). */
    for (unsigned i = 1; i < ENTRIES_PER_LEAF; i++) {
        uint64_t low = le64(page + 16 * i), high = le64(page + 16 * i + 8);
        if (low == 0)
            continue;
        uint64_t bits = low >> 20;
        if (bits == 0)
            continue;
        struct handle_entry e = {
            (first_index + i) * 4,
            (bits << 4) | 0xffff000000000000ull,
            (uint32_t)(high & 0x1ffffff),
            (uint8_t)((low >> 17) & 7),
        };
        res->entries++;
        if (fn(&e, ctx))
            return 1;
    }
    return 0;
}

static int read_pointers(struct vspace *vs, uint64_t page_va, uint64_t out[POINTERS_PER_PAGE],
                         struct handle_walk_result *res)
{
    static _Thread_local uint8_t page[0x1000];
    if (vread(vs, page_va, page, sizeof page) != sizeof page) {
        res->missing_pages++;
        return -1;
    }
    for (unsigned i = 0; i < POINTERS_PER_PAGE; i++)
        out[i] = le64(page + 8 * i);
    return 0;
}

void handle_table_walk(struct vspace *vs, uint64_t table_code, handle_visit_fn fn, void *ctx,
                       struct handle_walk_result *res)
{
    memset(res, 0, sizeof *res);
    unsigned level = table_code & 3;
    uint64_t root = table_code & ~3ull;
    if (level > 2 || !kernel_page(root)) {
        res->bad_table = 1;
        return;
    }
    if (level == 0) {
        walk_leaf(vs, root, 0, fn, ctx, res);
        return;
    }
    uint64_t top[POINTERS_PER_PAGE];
    if (read_pointers(vs, root, top, res) != 0) {
        res->bad_table = 1;
        return;
    }
    unsigned leaves = 0;
    for (unsigned i = 0; i < POINTERS_PER_PAGE; i++) {
        if (!kernel_page(top[i]))
            continue;   /* unused slots are zero */
        if (level == 1) {
            if (++leaves > HANDLE_TABLE_MAX_LEAVES)
                return;
            if (walk_leaf(vs, top[i], (uint64_t)i * ENTRIES_PER_LEAF, fn, ctx, res))
                return;
            continue;
        }
        uint64_t mid[POINTERS_PER_PAGE];
        if (read_pointers(vs, top[i], mid, res) != 0)
            continue;
        for (unsigned j = 0; j < POINTERS_PER_PAGE; j++) {
            if (!kernel_page(mid[j]))
                continue;
            if (++leaves > HANDLE_TABLE_MAX_LEAVES)
                return;
            uint64_t first = ((uint64_t)i * POINTERS_PER_PAGE + j) * ENTRIES_PER_LEAF;
            if (walk_leaf(vs, mid[j], first, fn, ctx, res))
                return;
        }
    }
}
