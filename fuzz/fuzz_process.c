/* Harness: the process walkers over fuzzed physical memory, with the
 * built-in 26100 profile fixed (issue 6).
 *
 * Input: a 64-byte header, then a capture file in any format.  The header
 * holds the DTB (u64), the kernel base (u64) and a flags byte.  The
 * kernel is set up as discovery would leave it, without searching, so
 * every mutation reaches the walkers: the PsActiveProcessHead list walk
 * and EPROCESS decoding (pslist), the pool-tag scan for process and
 * thread objects (psscan, flag bit 0), and the other views psxview
 * compares: PspCidTable, session process lists, csrss handle tables.
 * Seeds are fixture machines with real process lists (fuzz/seeds.c). */
#include "fuzz.h"

#include <stdlib.h>

#include "base/bytes.h"
#include "base/diag.h"
#include "layer/physical.h"
#include "symbols/isf.h"
#include "windows/kernel.h"
#include "windows/layout.h"
#include "windows/process.h"
#include "windows/psscan.h"
#include "windows/ptrset.h"
#include "windows/views.h"

#define HEADER 64

/* Built once: the profile and the offsets resolved from it are the same
 * for every input, and rebuilding them was most of an execution. */
static struct isf *profile;
static struct nt_layout layout;
static int have_layout;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    diag_set_quiet(1);
    profile = isf_builtin_26100();
    struct ep_error err;
    have_layout = profile && layout_resolve(profile, &layout, &err) == 0;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < HEADER || !have_layout)
        return 0;
    struct capture *cap;
    struct ep_error err;
    if (capture_open_buffer(data + HEADER, size - HEADER, "fuzz", &cap, &err) != 0)
        return 0;
    struct kernel *k = calloc(1, sizeof *k);
    FUZZ_ASSERT(k && (k->vs = calloc(1, sizeof *k->vs)));
    k->cap = cap;
    k->dtb = le64(data);
    vspace_init(k->vs, cap, k->dtb);
    k->base = le64(data + 8);
    k->isf = profile;
    k->profile = PROFILE_BUILTIN;
    k->machine_type = 0x8664;
    k->build = 26100;
    k->layout = &layout;
    uint8_t flags = data[16];

    struct process_list list = { 0 };
    if (processes_from_list(k, &list, &err) == 0) {
        FUZZ_ASSERT(list.n <= (1u << 20));
        for (unsigned i = 0; i < list.n; i++)
            FUZZ_ASSERT(process_list_find_va(&list, list.items[i].va) >= 0 || !list.items[i].va);
    }
    if (flags & 1) {
        struct process_list scanned = { 0 };
        struct thread_list threads = { 0 };
        struct scan_stats stats;
        scan_objects(k, &scanned, (flags & 2) ? &threads : NULL, &stats, &err);
        process_list_free(&scanned);
        thread_list_free(&threads);
    }
    struct ptrset procs, thr, other;
    ptrset_init(&procs);
    ptrset_init(&thr);
    ptrset_init(&other);
    view_cid_table(k, &procs, &thr);
    view_session_lists(k, &list, &other);
    view_csrss_handles(k, &list, &other);
    ptrset_free(&procs);
    ptrset_free(&thr);
    ptrset_free(&other);
    process_list_free(&list);

    k->isf = NULL;       /* shared: not the kernel's to free */
    k->layout = NULL;
    kernel_close(k);
    capture_close(cap);
    return 0;
}
