/* mkfixture KIND OUT: writes a synthetic capture for the CLI tests
 * (tests/cli/degrade.sh), from the unit-test fixture machine.
 *
 *   raw full bitmap elf lime triage   a Windows 10 (19041) machine, 4 MiB
 *   procs            raw 26100 machine (built-in profile) with 4 processes
 *   procs-full       the same as a full crash dump
 *   procs-cycle      process 2's Flink points back at process 1
 *   procs-selfloop   process 2's Flink points at itself
 *   procs-smeared    process 2's Flink points into unmapped memory
 *   pt-bomb          one PML4 whose 512 entries all point at itself
 *   isf-26100        the built-in profile as an ISF JSON file
 *
 * The shell tests derive truncated and damaged variants from these. */
#include <stdio.h>
#include <string.h>

#include "base/bytes.h"
#include "symbols/isf.h"
#include "../unit/fixture.h"
#include "../unit/fx_procs.h"

/* fixture.c names scratch files through the unit-test runner's helper. */
const char *test_tmpdir(void)
{
    return ".";
}

static int procs(const char *kind, const char *out)
{
    struct fx_machine *m = fx_windows();
    struct fx_procs p;
    if (fx_add_processes(m, 4, &p) != 0)
        return 1;
    if (strcmp(kind, "procs-cycle") == 0)
        fx_set_flink(m, p.links[2], p.links[1]);
    else if (strcmp(kind, "procs-selfloop") == 0)
        fx_set_flink(m, p.links[2], p.links[2]);
    else if (strcmp(kind, "procs-smeared") == 0)
        fx_set_flink(m, p.links[2], 0xffffb00077770000ull);
    int rc;
    if (strcmp(kind, "procs-full") == 0) {
        rc = fx_write_crashdump_full(m, out, 0);
        /* The dump header names PsActiveProcessHead: make it the list's. */
        FILE *f = rc == 0 ? fopen(out, "r+b") : NULL;
        uint8_t b[8];
        put64(b, p.head);
        if (!f || fseek(f, 0x28, SEEK_SET) != 0 || fwrite(b, 1, 8, f) != 8)
            rc = -1;
        if (f && fclose(f) != 0)
            rc = -1;
    } else {
        rc = fx_write_raw(m, out);
    }
    /* Tell the test where things are. */
    printf("head=0x%llx links2=0x%llx\n", (unsigned long long)p.head, (unsigned long long)p.links[2]);
    fx_free(m);
    return rc != 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: mkfixture KIND OUT\n");
        return 2;
    }
    const char *kind = argv[1], *out = argv[2];
    if (strncmp(kind, "procs", 5) == 0)
        return procs(kind, out);
    if (strcmp(kind, "isf-26100") == 0) {
        struct isf *isf = isf_builtin_26100();
        struct ep_error err;
        int rc = isf ? isf_write_file(isf, out, 0, &err) : -1;
        isf_free(isf);
        return rc != 0;
    }
    if (strcmp(kind, "pt-bomb") == 0) {
        struct fx_machine *m = fx_new(64u << 10);
        m->next_page = 0x1000;
        uint64_t pml4 = fx_alloc_page(m);
        for (unsigned i = 0; i < 512; i++)
            put64(m->mem + pml4 + 8 * i, pml4 | FX_PTE_P | FX_PTE_RW);
        int rc = fx_write_raw(m, out);
        fx_free(m);
        return rc != 0;
    }
    struct fx_machine *m = fx_windows();
    int rc = -1;
    if (strcmp(kind, "raw") == 0)
        rc = fx_write_raw(m, out);
    else if (strcmp(kind, "full") == 0)
        rc = fx_write_crashdump_full(m, out, 0);
    else if (strcmp(kind, "bitmap") == 0)
        rc = fx_write_crashdump_bitmap(m, out, 0);
    else if (strcmp(kind, "elf") == 0)
        rc = fx_write_elf(m, out, 0);
    else if (strcmp(kind, "lime") == 0)
        rc = fx_write_lime(m, out, 0);
    else if (strcmp(kind, "triage") == 0)
        rc = fx_write_triage(m, out);
    else
        fprintf(stderr, "mkfixture: unknown kind '%s'\n", kind);
    fx_free(m);
    return rc != 0;
}
