/* Every capture format: detection, runs, reads, missing ranges, header
 * facts, and the errors for files that are not captures. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "layer/crashdump.h"
#include "layer/physical.h"
#include "test.h"

static struct capture *open_ok(const char *path)
{
    struct capture *cap = NULL;
    struct ep_error err = {{0}};
    if (capture_open(path, &cap, &err) != 0) {
        fprintf(stderr, "  open %s: %s\n", path, err.msg);
        return NULL;
    }
    return cap;
}

/* The capture reads back the machine's bytes, and the hole reads as
 * missing where the format left it out. */
static void check_contents(const struct fx_machine *m, struct capture *cap, int holes)
{
    uint8_t buf[0x1000];
    for (uint64_t pa = 0; pa < m->size; pa += 0x3000) {
        int in_hole = holes && pa >= 0x100000 && pa < 0x200000;
        uint64_t got = phys_read(cap, pa, buf, sizeof buf);
        if (in_hole) {
            CHECK(got == 0);
            CHECK(!phys_page_present(cap, pa));
        } else {
            CHECK(got == sizeof buf);
            CHECK(memcmp(buf, m->mem + pa, sizeof buf) == 0);
        }
    }
    /* A read that runs into the hole stops at its edge. */
    if (holes)
        CHECK_EQ_U64(phys_read(cap, 0x100000 - 0x800, buf, 0x1000), 0x800);
    /* Beyond the end. */
    CHECK(phys_read(cap, m->size + 0x1000, buf, 16) == 0);
    CHECK_EQ_U64(cap->phys_bytes, holes ? m->size - 0x100000 : m->size);
}

TEST(layer_raw)
{
    struct fx_machine *m = fx_windows();
    const char *p = fx_path("raw.img");
    CHECK(fx_write_raw(m, p) == 0);
    struct capture *cap = open_ok(p);
    CHECK(cap != NULL);
    if (cap) {
        CHECK(cap->kind == CAPTURE_RAW);
        CHECK_EQ_U64(cap->nruns, 1);
        check_contents(m, cap, 0);
        capture_close(cap);
    }
    fx_free(m);
}

TEST(layer_crashdump_full)
{
    struct fx_machine *m = fx_windows();
    for (int holes = 0; holes < 2; holes++) {
        const char *p = fx_path(holes ? "full-holes.dmp" : "full.dmp");
        CHECK(fx_write_crashdump_full(m, p, holes) == 0);
        struct capture *cap = open_ok(p);
        CHECK(cap != NULL);
        if (!cap)
            continue;
        CHECK(cap->kind == CAPTURE_CRASHDUMP);
        CHECK(cap->dump != NULL);
        CHECK_EQ_U64(cap->dump->dump_type, 1);
        CHECK_EQ_U64(cap->dump->dtb, m->dtb);
        CHECK_EQ_U64(cap->dump->build, 19041);
        CHECK_EQ_U64(cap->dump->bugcheck_code, 0xd1);
        CHECK_EQ_U64(cap->dump->bugcheck_params[3], 0xfffff80312401234ull);
        CHECK_EQ_U64(cap->dump->processors, 4);
        CHECK_EQ_U64(cap->dump->system_time, m->system_time);
        CHECK_EQ_U64(cap->nruns, holes ? 2 : 1);
        check_contents(m, cap, holes);
        capture_close(cap);
    }
    fx_free(m);
}

TEST(layer_crashdump_bitmap)
{
    struct fx_machine *m = fx_windows();
    for (int holes = 0; holes < 2; holes++) {
        const char *p = fx_path(holes ? "bitmap-holes.dmp" : "bitmap.dmp");
        CHECK(fx_write_crashdump_bitmap(m, p, holes) == 0);
        struct capture *cap = open_ok(p);
        CHECK(cap != NULL);
        if (!cap)
            continue;
        CHECK_EQ_U64(cap->dump->dump_type, 5);
        CHECK(strstr(cap->format, "bitmap") != NULL);
        check_contents(m, cap, holes);
        capture_close(cap);
    }
    fx_free(m);
}

TEST(layer_elf_core)
{
    struct fx_machine *m = fx_windows();
    for (int holes = 0; holes < 2; holes++) {
        const char *p = fx_path(holes ? "core-holes.elf" : "core.elf");
        CHECK(fx_write_elf(m, p, holes) == 0);
        struct capture *cap = open_ok(p);
        CHECK(cap != NULL);
        if (!cap)
            continue;
        CHECK(cap->kind == CAPTURE_ELF);
        check_contents(m, cap, holes);
        capture_close(cap);
    }
    fx_free(m);
}

TEST(layer_lime)
{
    struct fx_machine *m = fx_windows();
    for (int holes = 0; holes < 2; holes++) {
        const char *p = fx_path(holes ? "mem-holes.lime" : "mem.lime");
        CHECK(fx_write_lime(m, p, holes) == 0);
        struct capture *cap = open_ok(p);
        CHECK(cap != NULL);
        if (!cap)
            continue;
        CHECK(cap->kind == CAPTURE_LIME);
        CHECK_EQ_U64(cap->nruns, holes ? 2 : 1);
        check_contents(m, cap, holes);
        capture_close(cap);
    }
    fx_free(m);
}

TEST(layer_triage_blocks)
{
    struct fx_machine *m = fx_windows();
    const char *p = fx_path("triage.dmp");
    CHECK(fx_write_triage(m, p) == 0);
    struct capture *cap = open_ok(p);
    CHECK(cap != NULL);
    if (cap) {
        CHECK(cap->dump->is_triage);
        CHECK_EQ_U64(cap->nruns, 0);
        CHECK_EQ_U64(cap->nvblocks, 3);          /* two data blocks + the KDBG copy */
        CHECK_EQ_U64(cap->dump->kdbg_size, 0x380);
        uint8_t b[4];
        CHECK(vblock_read(cap, 0xfffff78000000000ull + 0x10, b, 4) == 4 && b[0] == 0x4b);
        CHECK(vblock_read(cap, m->kernel_base + 0x1ffe, b, 4) == 2);   /* block ends */
        CHECK(vblock_read(cap, 0xfffff78000002000ull, b, 4) == 0);
        capture_close(cap);
    }
    fx_free(m);
}

static void expect_open_error(const char *path, const char *needle)
{
    struct capture *cap = NULL;
    struct ep_error err = {{0}};
    int rc = capture_open(path, &cap, &err);
    CHECK(rc == -1);
    CHECK(cap == NULL);
    CHECK(strstr(err.msg, path) == err.msg);      /* names the file first */
    if (!strstr(err.msg, needle)) {
        fprintf(stderr, "  error \"%s\" lacks \"%s\"\n", err.msg, needle);
        test_failed_checks++;
    }
    if (rc == 0)
        capture_close(cap);
}

TEST(layer_bad_files)
{
    expect_open_error(fx_path("does-not-exist"), "cannot open");
    expect_open_error(test_tmpdir(), "is a directory");
    CHECK(fx_write_file(fx_path("empty"), "", 0) == 0);
    expect_open_error(fx_path("empty"), "empty file");
    CHECK(fx_write_file(fx_path("tiny.txt"), "hello\n", 6) == 0);
    expect_open_error(fx_path("tiny.txt"), "not a memory capture");

    uint8_t hdr[0x1000];
    memset(hdr, 0, sizeof hdr);
    memcpy(hdr, "PAGEDU64", 8);
    CHECK(fx_write_file(fx_path("short.dmp"), hdr, sizeof hdr) == 0);
    expect_open_error(fx_path("short.dmp"), "truncated crash dump");
    memcpy(hdr, "PAGEDUMP", 8);
    CHECK(fx_write_file(fx_path("x86.dmp"), hdr, sizeof hdr) == 0);
    expect_open_error(fx_path("x86.dmp"), "32-bit");

    uint8_t elf[64];
    memset(elf, 0, sizeof elf);
    memcpy(elf, "\x7f" "ELF", 4);
    elf[4] = 2; elf[5] = 1; elf[16] = 2;   /* ET_EXEC */
    CHECK(fx_write_file(fx_path("exec.elf"), elf, sizeof elf) == 0);
    expect_open_error(fx_path("exec.elf"), "not a core dump");
    elf[16] = 4;
    elf[56] = 200;                          /* 200 phdrs past EOF */
    elf[32] = 64;
    elf[54] = 56;
    CHECK(fx_write_file(fx_path("trunc.elf"), elf, sizeof elf) == 0);
    expect_open_error(fx_path("trunc.elf"), "past end of file");

    uint8_t lime[32];
    memset(lime, 0, sizeof lime);
    memcpy(lime, "EMiL", 4);
    lime[4] = 1;
    lime[8] = 0x10;                         /* start 0x10 > end 0 */
    CHECK(fx_write_file(fx_path("bad.lime"), lime, sizeof lime) == 0);
    expect_open_error(fx_path("bad.lime"), "before it starts");
}

TEST(layer_truncated_runs_warn_and_trim)
{
    struct fx_machine *m = fx_windows();
    const char *p = fx_path("full-trunc.dmp");
    CHECK(fx_write_crashdump_full(m, p, 0) == 0);
    CHECK(truncate(p, 0x2000 + 0x180000) == 0);      /* header + 1.5 MiB of 4 */
    unsigned long before = ep_warning_count();
    struct capture *cap = open_ok(p);
    CHECK(cap != NULL);
    CHECK(ep_warning_count() > before);             /* "ends past end of file" */
    if (cap) {
        uint8_t b[16];
        CHECK_EQ_U64(cap->phys_bytes, 0x180000);
        CHECK(phys_read(cap, 0x17fff8, b, 16) == 8);
        capture_close(cap);
    }
    fx_free(m);
}
