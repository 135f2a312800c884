/* Harness: x64 address translation over fuzzed page tables (issue 6).
 *
 * Input: a 64-byte header, then a capture file in any format.  The header
 * holds the DTB (u64) and seven virtual addresses to translate and read.
 * Seeds put real page tables (the unit-test fixture machine) behind the
 * header, so mutations reach every level, large pages and the invalid-PTE
 * kinds.  Checked: a cached translation agrees with a fresh one, and a
 * byte read through vread() is the byte at the translated physical
 * address. */
#include "fuzz.h"

#include <string.h>

#include "base/bytes.h"
#include "base/diag.h"
#include "layer/physical.h"
#include "translate/x64.h"

#define HEADER 64

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    diag_set_quiet(1);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < HEADER)
        return 0;
    struct capture *cap;
    struct ep_error err;
    if (capture_open_buffer(data + HEADER, size - HEADER, "fuzz", &cap, &err) != 0)
        return 0;
    struct vspace *vs = malloc(sizeof *vs);
    FUZZ_ASSERT(vs);
    vspace_init(vs, cap, le64(data));
    static uint8_t buf[0x3000];
    for (int i = 1; i < HEADER / 8; i++) {
        uint64_t va = le64(data + 8 * i);
        struct vt_result a, b;
        int ra = vtop(vs, va, &a);
        int rb = vtop(vs, va, &b);      /* second time: from the cache */
        FUZZ_ASSERT(ra == rb && a.status == b.status);
        if (ra == 0) {
            FUZZ_ASSERT(a.pa == b.pa);
            FUZZ_ASSERT(a.status == VT_VALID || a.status == VT_TRANSITION);
            uint8_t x, y;
            if (vs->dtb && cap->nruns && phys_read(cap, a.pa, &x, 1) == 1)
                FUZZ_ASSERT(vread(vs, va, &y, 1) == 1 && x == y);
        }
        (void)vt_status_name(a.status);
        /* A read that starts before va and crosses pages both ways. */
        uint64_t got = vread(vs, va - 0x1008, buf, sizeof buf);
        FUZZ_ASSERT(got <= sizeof buf);
        uint64_t v64;
        uint32_t v32;
        vread_u64(vs, va, &v64);
        vread_u32(vs, va + 0xffe, &v32);
    }
    free(vs);
    capture_close(cap);
    return 0;
}
