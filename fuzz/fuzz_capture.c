/* Harness: every capture format, then kernel discovery (issue 6).
 *
 * The input is a capture file: raw, crash dump (full, bitmap, triage), ELF
 * core, LiME, or anything else.  It goes through what `eproc info` does:
 * identify by magic, describe the runs, find the DTB, the kernel image,
 * KDBG, KUSER_SHARED_DATA and the build, pick a profile with no symbol
 * directories; then a few physical and virtual reads at the addresses the
 * capture itself names. */
#include "fuzz.h"

#include <string.h>

#include "base/diag.h"
#include "layer/crashdump.h"
#include "layer/physical.h"
#include "translate/x64.h"
#include "windows/discovery.h"
#include "windows/kernel.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    diag_set_quiet(1);
    return 0;
}

static void read_around(struct capture *cap, uint64_t pa)
{
    uint8_t buf[0x1800];
    uint64_t got = phys_read(cap, pa, buf, sizeof buf);
    FUZZ_ASSERT(got <= sizeof buf);
    const uint8_t *view = phys_view(cap, pa, 16);
    if (view)
        FUZZ_ASSERT(phys_read(cap, pa, buf, 16) == 16 && memcmp(view, buf, 16) == 0);
    (void)phys_page_present(cap, pa);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct capture *cap;
    struct ep_error err;
    if (capture_open_buffer(data, size, "fuzz", &cap, &err) != 0)
        return 0;
    /* Runs must come out sorted, non-overlapping and inside the input. */
    uint64_t total = 0;
    for (size_t i = 0; i < cap->nruns; i++) {
        const struct phys_run *r = &cap->runs[i];
        FUZZ_ASSERT(r->len > 0 && r->file_off <= size && r->len <= size - r->file_off);
        FUZZ_ASSERT(r->pa < (1ull << 52) && r->len <= (1ull << 52) - r->pa);
        if (i)
            FUZZ_ASSERT(cap->runs[i - 1].pa + cap->runs[i - 1].len <= r->pa);
        total += r->len;
    }
    FUZZ_ASSERT(total == cap->phys_bytes);
    for (size_t i = 0; i < cap->nvblocks; i++)
        FUZZ_ASSERT(cap->vblocks[i].file_off <= size && cap->vblocks[i].len <= size - cap->vblocks[i].file_off);

    if (cap->nruns) {
        read_around(cap, cap->runs[0].pa);
        read_around(cap, phys_end(cap) - 0x800);
        read_around(cap, cap->runs[cap->nruns / 2].pa + cap->runs[cap->nruns / 2].len - 8);
    }
    struct kernel *k;
    if (cap->kind != CAPTURE_MINIDUMP && kernel_open(cap, NULL, 0, &k, &err) == 0) {
        uint8_t buf[0x2000];
        vread(k->vs, k->base, buf, sizeof buf);
        vread(k->vs, KUSER_SHARED_DATA_KVA, buf, 0x400);
        if (cap->dump) {
            vread(k->vs, cap->dump->ps_active_process_head, buf, 16);
            vread(k->vs, cap->dump->kdbg_va, buf, 0x400);
        }
        if (k->has_kdbg)
            vread(k->vs, k->kdbg.ps_active_process_head, buf, 16);
        kernel_close(k);
    }
    capture_close(cap);
    return 0;
}
