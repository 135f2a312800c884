/* Harness: the process minidump (MDMP) parser and the anatomy walk over
 * its dumped memory (issue 6).
 *
 * Input: a minidump file.  It is opened as `eproc` opens one, then every
 * derived view the minidump commands print is built: the TEB -> PEB ->
 * loader lists, parameters, environment and fiber walk, the process name
 * and id, module and memory lookups at the addresses the dump names. */
#include "fuzz.h"

#include "base/diag.h"
#include "anatomy/fill.h"
#include "minidump/minidump.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    diag_set_quiet(1);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct md_dump *md;
    struct ep_error err;
    if (md_open_buffer(data, size, "fuzz", &md, &err) != 0)
        return 0;
    uint8_t buf[256];
    for (size_t i = 0; i < md->nranges && i < 64; i++) {
        const struct md_range *r = &md->ranges[i];
        if (r->size)
            FUZZ_ASSERT(md_find_range(md, r->va) != NULL);
        md_read(md, r->va, buf, sizeof buf);
    }
    for (size_t i = 0; i < md->nmodules && i < 64; i++)
        (void)md_find_module(md, md->modules[i].base);
    for (size_t i = 0; i < md->nthreads && i < 64; i++)
        md_read(md, md->threads[i].teb, buf, sizeof buf);
    /* the user-mode walkers over the dump's memory (anatomy/) */
    anatomy_free(anatomy_from_minidump(md, "fuzz", NULL, 0));
    md_close(md);
    return 0;
}
