/* Kernel discovery on synthetic captures of every format. */
#include <string.h>

#include "fixture.h"
#include "layer/physical.h"
#include "test.h"
#include "windows/kernel.h"

static void check_discovery(const char *path, const struct fx_machine *m, int from_header)
{
    struct capture *cap = NULL;
    struct kernel *k = NULL;
    struct ep_error err = {{0}};
    CHECK(capture_open(path, &cap, &err) == 0);
    if (!cap)
        return;
    CHECK(kernel_open(cap, NULL, 0, &k, &err) == 0);
    if (k) {
        CHECK_EQ_U64(k->dtb, m->dtb);
        CHECK_EQ_U64(k->base, m->kernel_base);
        CHECK_STR(k->guid, m->guid_hex);
        CHECK_EQ_U64(k->age, m->age);
        CHECK_STR(k->pdb_name, "ntkrnlmp.pdb");
        CHECK_EQ_U64(k->build, 19041);
        CHECK_EQ_U64(k->major, 10);
        CHECK_EQ_U64(k->system_time, m->system_time);
        CHECK(strstr(k->dtb_source, from_header ? "header" : "self-reference") != NULL);
        CHECK(k->profile == PROFILE_NONE);    /* no symbol directory given */
        kernel_close(k);
    }
    capture_close(cap);
}

TEST(kernel_discovery_every_format)
{
    struct fx_machine *m = fx_windows();
    const char *p;
    p = fx_path("k-raw.img");   fx_write_raw(m, p);                check_discovery(p, m, 0);
    p = fx_path("k-full.dmp");  fx_write_crashdump_full(m, p, 1);   check_discovery(p, m, 1);
    p = fx_path("k-bmp.dmp");   fx_write_crashdump_bitmap(m, p, 1); check_discovery(p, m, 1);
    p = fx_path("k-core.elf");  fx_write_elf(m, p, 1);              check_discovery(p, m, 0);
    p = fx_path("k-mem.lime");  fx_write_lime(m, p, 1);             check_discovery(p, m, 0);
    fx_free(m);
}

TEST(kernel_triage_uses_kdbg)
{
    struct fx_machine *m = fx_windows();
    const char *p = fx_path("k-triage.dmp");
    fx_write_triage(m, p);
    struct capture *cap = NULL;
    struct kernel *k = NULL;
    struct ep_error err;
    CHECK(capture_open(p, &cap, &err) == 0);
    if (cap) {
        CHECK(kernel_open(cap, NULL, 0, &k, &err) == 0);
        if (k) {
            CHECK(k->has_kdbg);
            CHECK_EQ_U64(k->base, m->kernel_base);
            CHECK_STR(k->base_source, "KDBG KernBase");
            CHECK_EQ_U64(k->kdbg.ps_active_process_head, m->kernel_base + 0x1300);
            CHECK_EQ_U64(k->build, 19041);
            kernel_close(k);
        }
        capture_close(cap);
    }
    fx_free(m);
}

TEST(kernel_no_page_tables_is_not_a_capture)
{
    /* 64 KiB of text-like bytes: opens as raw, but holds no Windows. */
    static uint8_t junk[0x10000];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (uint8_t)("lorem ipsum "[i % 12]);
    const char *p = fx_path("junk.bin");
    fx_write_file(p, junk, sizeof junk);
    struct capture *cap = NULL;
    struct kernel *k = NULL;
    struct ep_error err = {{0}};
    CHECK(capture_open(p, &cap, &err) == 0);
    if (cap) {
        CHECK(kernel_open(cap, NULL, 0, &k, &err) == -1);
        CHECK(strstr(err.msg, "not a Windows x64 memory capture") != NULL);
        capture_close(cap);
    }
}
