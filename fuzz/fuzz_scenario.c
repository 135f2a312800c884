/* Harness: the forge's scenario parser (issue 6).
 *
 * Input: a scenario file (JSON, docs/scenario.md).  It is parsed as
 * `eproc forge SCENARIO` parses it, then completed (defaults filled in,
 * cross-references between processes, threads, handles, jobs and
 * techniques checked).  scenario_load() takes a path, so the input is
 * handed over through an in-memory file. */
#include "fuzz.h"

#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/diag.h"
#include "forge/scenario.h"

static int memfd = -1;
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    diag_set_quiet(1);
    memfd = memfd_create("scenario", 0);
    if (memfd >= 0)
        snprintf(path, sizeof path, "/proc/self/fd/%d", memfd);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (memfd < 0 || ftruncate(memfd, 0) != 0 || pwrite(memfd, data, size, 0) != (ssize_t)size)
        return 0;
    struct scenario sc;
    struct ep_error err;
    if (scenario_load(path, &sc, &err) == 0)
        scenario_complete(&sc, &err);
    scenario_free(&sc);
    return 0;
}
