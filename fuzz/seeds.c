/* mkseeds OUTDIR: writes the seed corpus of every fuzz harness into
 * OUTDIR/<harness>/, built here from the unit-test fixture machines (no
 * third-party files).  `make fuzz` runs it before fuzzing; fuzz/run.sh
 * adds small real files from ../shared/data to the corpora at fuzz time
 * (they are never copied into the repository). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/bytes.h"
#include "base/diag.h"
#include "symbols/isf.h"
#include "../tests/unit/fixture.h"
#include "../tests/unit/fx_procs.h"
#include "../tests/unit/md_fixture.h"

static const char *outdir;

/* The fixture writers name files through the unit-test scratch dir. */
const char *test_tmpdir(void)
{
    return outdir;
}

static void mkdirs(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", outdir, dir);
    if (mkdir(path, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "mkseeds: %s: %s\n", path, strerror(errno));
        exit(1);
    }
}

static char *seed_path(const char *dir, const char *name)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s/%s", outdir, dir, name);
    return path;
}

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
    if (buf && n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = n > 0 ? (size_t)n : 0;
    return buf;
}

static void put_file(const char *dir, const char *name, const void *a, size_t alen, const void *b, size_t blen)
{
    FILE *f = fopen(seed_path(dir, name), "wb");
    if (!f || fwrite(a, 1, alen, f) != alen || (blen && fwrite(b, 1, blen, f) != blen) || fclose(f) != 0) {
        fprintf(stderr, "mkseeds: cannot write %s/%s\n", dir, name);
        exit(1);
    }
}

static int (*const writers[])(const struct fx_machine *, const char *, int) = {
    fx_write_crashdump_full, fx_write_crashdump_bitmap, fx_write_elf, fx_write_lime,
};
static const char *const writer_names[] = { "full.dmp", "bitmap.dmp", "core.elf", "mem.lime" };

static void capture_seeds(void)
{
    mkdirs("fuzz_capture");
    struct fx_machine *m = fx_windows_small();
    if (fx_write_raw(m, seed_path("fuzz_capture", "raw.img")) != 0 ||
        fx_write_triage(m, seed_path("fuzz_capture", "triage.dmp")) != 0)
        exit(1);
    for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++)
        if (writers[i](m, seed_path("fuzz_capture", writer_names[i]), 0) != 0)
            exit(1);
    /* Build 26100: discovery then picks the built-in profile. */
    uint32_t build = 0xf0000000u | 26100;
    fx_write_virt(m, 0xfffff78000000260ull, &build, 4);
    if (fx_write_raw(m, seed_path("fuzz_capture", "raw-26100.img")) != 0)
        exit(1);
    fx_free(m);
}

/* Page-table entries of every kind for the translation harness. */
#define VA_LARGE 0xfffff80000000000ull
static void translate_seeds(void)
{
    mkdirs("fuzz_translate");
    struct fx_machine *m = fx_windows_small();
    uint64_t kb = m->kernel_base;
    fx_set_entry(m, VA_LARGE, 2, 0x0 | FX_PTE_P | FX_PTE_RW | FX_PTE_PS);           /* 2 MiB page */
    fx_set_entry(m, kb + 0x2000, 1, 0x5000 | (1ull << 11));                          /* transition */
    fx_set_entry(m, kb + 0x3000, 1, (1ull << 10) | 0x80);                            /* prototype */
    fx_set_entry(m, kb + 0x4000, 1, (0x1234ull << 32) | 0x80);                       /* paging file */
    uint64_t s = m->self_index;
    uint64_t self_va = 0xffff000000000000ull | s << 39 | s << 30 | s << 21 | s << 12;
    uint8_t hdr[64];
    put64(hdr, m->dtb);
    const uint64_t vas[7] = { kb, VA_LARGE + 0x1234, kb + 0x2000, kb + 0x3000, kb + 0x4000, 0xfffff78000000000ull,
                              self_va };
    for (int i = 0; i < 7; i++)
        put64(hdr + 8 + 8 * i, vas[i]);
    const char *tmp = seed_path("fuzz_translate", "tmp");
    char tmpname[4096];
    snprintf(tmpname, sizeof tmpname, "%s", tmp);
    for (size_t i = 0; i < sizeof writers / sizeof writers[0] + 1; i++) {
        int rc = i == 0 ? fx_write_raw(m, tmpname) : writers[i - 1](m, tmpname, 0);
        size_t len;
        uint8_t *cap = rc == 0 ? slurp(tmpname, &len) : NULL;
        if (!cap)
            exit(1);
        char name[64];
        snprintf(name, sizeof name, "pt-%s", i == 0 ? "raw.img" : writer_names[i - 1]);
        put_file("fuzz_translate", name, hdr, sizeof hdr, cap, len);
        free(cap);
    }
    remove(tmpname);
    fx_free(m);
}

static void isf_seeds(const char *dir)
{
    mkdirs(dir);
    struct isf_builder *b = isf_builder_new("ntkrnlmp.pdb", "00112233445566778899AABBCCDDEEFF", 1);
    isfb_x64_base_types(b);
    isfb_struct(b, "_LIST_ENTRY", 16);
    isfb_field(b, "Flink", 0, isft_pointer(b, isft_struct(b, "_LIST_ENTRY")));
    isfb_field(b, "Blink", 8, isft_pointer(b, isft_struct(b, "_LIST_ENTRY")));
    isfb_struct(b, "_EPROCESS", 0x40);
    isfb_field(b, "Flags", 0, isft_bitfield(b, 3, 5, isft_base(b, "unsigned long")));
    isfb_field(b, "Name", 4, isft_array(b, 15, isft_base(b, "unsigned char")));
    isfb_field(b, "ActiveProcessLinks", 0x18, isft_struct(b, "_LIST_ENTRY"));
    isfb_field(b, "Kind", 0x28, isft_enum(b, "_KIND"));
    isfb_field(b, "Any", 0x30, isft_void_pointer(b));
    isfb_union(b, "_U", 8);
    isfb_field(b, "A", 0, isft_base(b, "unsigned long long"));
    isfb_field(b, "B", 0, isft_array(b, 2, isft_array(b, 2, isft_base(b, "unsigned short"))));
    isfb_enum(b, "_KIND", 4, "int");
    isfb_enum_constant(b, "One", 1);
    isfb_enum_constant(b, "Minus", -1);
    isfb_symbol(b, "PsActiveProcessHead", 0xc1e0c0);
    isfb_symbol(b, "PsLoadedModuleList", 0xc2a390);
    isfb_symbol(b, "KiProcessorBlock", 0xd00000);
    struct ep_error err;
    struct isf *isf = isf_builder_finish(b, &err);
    if (!isf || isf_write_file(isf, seed_path(dir, "small.json"), 0, &err) != 0 ||
        isf_write_file(isf, seed_path(dir, "small.json.xz"), 1, &err) != 0) {
        fprintf(stderr, "mkseeds: %s\n", err.msg);
        exit(1);
    }
    isf_free(isf);
    static const char tiny[] = "{\"metadata\":{\"format\":\"4.1.0\"},\"base_types\":{},\"user_types\":{},"
                               "\"enums\":{},\"symbols\":{\"x\":{\"address\":1}}}";
    put_file(dir, "tiny.json", tiny, sizeof tiny - 1, NULL, 0);
}

static void minidump_seeds(void)
{
    mkdirs("fuzz_minidump");
    static const unsigned variants[] = { 0, MDS_CYCLIC_LDR | MDS_FLS_LOOP, MDS_NO_PEB, MDS_ENV_CUT | MDS_MEMLIST32,
                                         MDS_NO_TEB | MDS_NO_MEMINFO };
    for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
        struct mdf f;
        size_t len;
        const uint8_t *d = mds_build_x64(&f, variants[i], &len);
        char name[32];
        snprintf(name, sizeof name, "x64-%zu.dmp", i);
        put_file("fuzz_minidump", name, d, len, NULL, 0);
        mdf_free(&f);
    }
    struct mdf f;
    size_t len;
    const uint8_t *d = mds_build_x86(&f, &len);
    put_file("fuzz_minidump", "x86.dmp", d, len, NULL, 0);
    mdf_free(&f);
}

/* Process lists on a 26100 machine: intact, looping and broken, behind
 * the fuzz_process header (DTB, kernel base, flags: scan too). */
static void process_seeds(void)
{
    mkdirs("fuzz_process");
    static const char *const names[] = { "procs.img", "procs-cycle.img", "procs-smeared.img" };
    for (int v = 0; v < 3; v++) {
        struct fx_machine *m = fx_windows_sized(128u << 10);
        struct fx_procs p;
        if (fx_add_processes(m, 4, &p) != 0)
            exit(1);
        if (v == 1)
            fx_set_flink(m, p.links[2], p.links[1]);
        else if (v == 2)
            fx_set_flink(m, p.links[2], 0xffffb00077770000ull);
        uint8_t hdr[64] = { 0 };
        put64(hdr, m->dtb);
        put64(hdr + 8, m->kernel_base);
        hdr[16] = 3;
        put_file("fuzz_process", names[v], hdr, sizeof hdr, m->mem, m->size);
        fx_free(m);
    }
}

/* Small seeds from real kernel triage dumps.  A triage dump is its
 * headers and tables (KDBG copy, process, thread, driver list, string
 * pool, the data block table: the first ~120 KiB) followed by a megabyte
 * or more of data blocks.  Cut at a fixed length, the block table names
 * hundreds of blocks past the end and every execution sorts and warns
 * about them; here the file keeps its headers and tables and the data
 * blocks that fit in DATA_KEEP bytes after the table, and the table is
 * rewritten to list only those, so the seed is a consistent dump of
 * ~170 KiB.  Offsets: the DUMP_HEADER64 + TRIAGE_DUMP layout in
 * src/layer/crashdump.c. */
#define TRIAGE_SUBHEADER 0x2000
#define DATA_KEEP (48u << 10)

static void triage_seed(const char *dir, const char *path)
{
    size_t len;
    uint8_t *d = slurp(path, &len);
    if (!d || len < TRIAGE_SUBHEADER + 0x80 || memcmp(d, "PAGEDU64", 8) != 0) {
        free(d);
        return;
    }
    uint8_t *t = d + TRIAGE_SUBHEADER;
    uint64_t table = le32(t + 0x78), count = le32(t + 0x7c);
    uint64_t table_end = table + 16 * count;
    if (!count || table_end > len) {
        free(d);
        return;
    }
    size_t keep = table_end + DATA_KEEP < len ? table_end + DATA_KEEP : len;
    uint32_t kept = 0;
    for (uint64_t i = 0; i < count; i++) {
        uint8_t *b = d + table + 16 * i;
        uint64_t off = le32(b + 8), n = le32(b + 12);
        if (off >= table_end && off + n <= keep)
            memmove(d + table + 16 * kept++, b, 16);
    }
    put32(t + 0x7c, kept);
    const char *base = strrchr(path, '/');
    char name[256];
    snprintf(name, sizeof name, "real-%s", base ? base + 1 : path);
    put_file(dir, name, d, keep, NULL, 0);
    free(d);
}

/* Real minidumps: the first MD_KEEP bytes.  The header, the stream
 * directory and the streams come first and the memory the lists point at
 * last, so a cut keeps every stream and some memory; most breakpad dumps
 * are smaller and kept whole.  (The fiber scan and module walks grow with
 * the dumped memory: larger inputs are what made this harness slow.) */
#define MD_KEEP (32u << 10)

static void minidump_seed(const char *dir, const char *path)
{
    size_t len;
    uint8_t *d = slurp(path, &len);
    if (d && len >= 32 && memcmp(d, "MDMP", 4) == 0) {
        const char *base = strrchr(path, '/');
        char name[256];
        snprintf(name, sizeof name, "real-%s", base ? base + 1 : path);
        put_file(dir, name, d, len < MD_KEEP ? len : MD_KEEP, NULL, 0);
    }
    free(d);
}

/* The process harness gets the real triage dumps too, behind its header
 * (no DTB: triage dumps are read through their data blocks). */
static void process_seed_from(const char *name)
{
    size_t len;
    char path[4096];
    snprintf(path, sizeof path, "%s/fuzz_capture/%s", outdir, name);
    uint8_t *d = slurp(path, &len);
    if (!d)
        return;
    uint8_t hdr[64] = { 0 };
    hdr[16] = 3;
    put_file("fuzz_process", name, hdr, sizeof hdr, d, len);
    free(d);
}

/* mkseeds OUTDIR FILE...: every FILE that is a kernel triage dump or a
 * minidump becomes a small seed as above. */
static void real_seeds(int n, char **files)
{
    for (int i = 0; i < n; i++) {
        triage_seed("fuzz_capture", files[i]);
        minidump_seed("fuzz_minidump", files[i]);
        const char *base = strrchr(files[i], '/');
        char name[256];
        snprintf(name, sizeof name, "real-%s", base ? base + 1 : files[i]);
        process_seed_from(name);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: mkseeds OUTDIR [REAL-CAPTURE...]\n");
        return 2;
    }
    outdir = argv[1];
    diag_set_quiet(1);
    if (mkdir(outdir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "mkseeds: %s: %s\n", outdir, strerror(errno));
        return 1;
    }
    capture_seeds();
    translate_seeds();
    isf_seeds("fuzz_isf");
    isf_seeds("fuzz_symscan");
    minidump_seeds();
    process_seeds();
    real_seeds(argc - 2, argv + 2);
    return 0;
}
