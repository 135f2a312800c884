/* Harness: the ISF symbol-table loader (issue 6).
 *
 * Input: a .json or .json.xz symbol table.  A table that loads is used the
 * way walkers use it (every lookup, every field's type size) and must
 * survive a round trip: written back as ISF by isf_write_file() (the forge
 * does that) it loads again. */
#include "fuzz.h"

#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/diag.h"
#include "symbols/isf.h"

static char roundtrip_path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    diag_set_quiet(1);
    /* An in-memory file for the round trip: no disk I/O per input. */
    int fd = memfd_create("isf-roundtrip", 0);
    if (fd >= 0)
        snprintf(roundtrip_path, sizeof roundtrip_path, "/proc/self/fd/%d", fd);
    return 0;
}

static void exercise(const struct isf *isf)
{
    for (uint32_t i = 0; i < isf->nuser; i++) {
        const struct isf_user_type *u = &isf->user_types[i];
        FUZZ_ASSERT(isf_user_type(isf, u->name) != NULL);
        for (uint32_t f = 0; f < u->nfields; f++) {
            FUZZ_ASSERT(isf_field(u, u->fields[f].name) != NULL);
            (void)isf_type_size(isf, &u->fields[f].type);
        }
    }
    for (uint32_t i = 0; i < isf->nsym; i++) {
        FUZZ_ASSERT(isf_symbol(isf, isf->symbols[i].name) != NULL);
        if (isf->symbols[i].type)
            (void)isf_type_size(isf, isf->symbols[i].type);
    }
    for (uint32_t i = 0; i < isf->nenum; i++)
        FUZZ_ASSERT(isf_enum(isf, isf->enums[i].name) != NULL);
    for (uint32_t i = 0; i < isf->nbase; i++)
        FUZZ_ASSERT(isf_base_type(isf, isf->base_types[i].name) != NULL);
    (void)isf_user_type(isf, "_EPROCESS");
    (void)isf_symbol(isf, "PsActiveProcessHead");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ep_error err;
    struct isf *isf = isf_load_buffer(data, size, "fuzz", &err);
    if (!isf)
        return 0;
    exercise(isf);
    if (roundtrip_path[0] && isf_write_file(isf, roundtrip_path, 0, &err) == 0) {
        struct isf *again = isf_load_file(roundtrip_path, &err);
        FUZZ_ASSERT(again != NULL);
        exercise(again);
        isf_free(again);
    }
    isf_free(isf);
    return 0;
}
