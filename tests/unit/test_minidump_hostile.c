/* Minidumps as hostile input: truncated and corrupted files, huge counts,
 * RVAs past the end, cyclic lists, missing memory.  The parser must give a
 * clear error or a partial result, never crash or loop (these tests also
 * run under ASan/UBSan with `make test-sanitize`). */
#include <stdlib.h>
#include <string.h>

#include "md_fixture.h"
#include "anatomy/fill.h"
#include "minidump/minidump.h"
#include "test.h"

/* Open, walk everything, close; returns 0 if it opened. */
static int exercise(const uint8_t *d, size_t len, char *msg, size_t msgsz)
{
    struct md_dump *md = NULL;
    struct ep_error err = {{0}};
    int rc = md_open_buffer(d, len, "hostile.dmp", &md, &err);
    if (msg)
        snprintf(msg, msgsz, "%s", rc ? err.msg : "");
    if (rc != 0)
        return -1;
    struct anatomy *model = anatomy_from_minidump(md, "test", NULL, 0);
    const struct an_process *a = &model->procs[0];
    uint8_t b[64];
    for (size_t i = 0; i < md->nranges; i++)
        md_read(md, md->ranges[i].va + md->ranges[i].size - 1, b, sizeof b);
    (void)a;
    anatomy_free(model);
    md_close(md);
    return 0;
}

static uint32_t rd32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static void wr32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }

/* Directory entry of the first stream of type in a fixture file. */
static uint8_t *dir_entry(uint8_t *d, uint32_t type)
{
    uint32_t n = rd32(d + 8), rva = rd32(d + 12);
    for (uint32_t i = 0; i < n; i++)
        if (rd32(d + rva + 12 * i) == type)
            return d + rva + 12 * i;
    return NULL;
}

TEST(minidump_truncated_everywhere)
{
    struct mdf f;
    size_t len;
    const uint8_t *d = mds_build_x64(&f, 0, &len);
    uint8_t *copy = malloc(len);
    memcpy(copy, d, len);
    int opened = 0, failed = 0;
    char msg[512];
    /* every length up to 600 bytes, then a stride through the rest */
    for (size_t n = 0; n < len; n += n < 600 ? 1 : 61) {
        /* a fresh allocation of exactly n bytes lets ASan see any overread */
        uint8_t *p = malloc(n ? n : 1);
        memcpy(p, copy, n);
        if (exercise(p, n, msg, sizeof msg) == 0) {
            opened++;
        } else {
            failed++;
            CHECK(strncmp(msg, "hostile.dmp: ", 13) == 0);
        }
        free(p);
    }
    CHECK(failed > 0 && opened > 0);
    /* cut before the directory: it lies at the end of the file */
    CHECK(exercise(copy, rd32(copy + 12) + 5, msg, sizeof msg) == -1);
    CHECK(strstr(msg, "cut off") != NULL || strstr(msg, "past the end") != NULL);
    free(copy);
    mdf_free(&f);
}

TEST(minidump_corrupted_bytes)
{
    struct mdf f;
    size_t len;
    const uint8_t *d = mds_build_x64(&f, 0, &len);
    uint8_t *p = malloc(len);
    /* every byte of header and directory, and each stream's first 64
     * bytes: xor with 0xff and with 0x80 */
    uint32_t dir = rd32(d + 12), n = rd32(d + 8);
    size_t tried = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t off = 0; off < len; off++) {
            int interesting = off < 32 || (off >= dir && off < dir + 12u * n);
            for (uint32_t s = 0; s < n && !interesting; s++) {
                uint32_t rva = rd32(d + dir + 12 * s + 8);
                interesting = off >= rva && off < rva + 64;
            }
            if (!interesting)
                continue;
            memcpy(p, d, len);
            p[off] ^= pass ? 0x80 : 0xff;
            exercise(p, len, NULL, 0);
            tried++;
        }
    }
    CHECK(tried > 500);
    free(p);
    mdf_free(&f);
}

TEST(minidump_huge_counts)
{
    struct mdf f;
    size_t len;
    const uint8_t *d = mds_build_x64(&f, 0, &len);
    uint8_t *p = malloc(len);
    memcpy(p, d, len);
    /* ThreadList claims 4 billion threads: only the two that fit are read */
    wr32(p + rd32(dir_entry(p, 3) + 8), 0xffffffffu);
    /* ModuleList likewise; MemoryInfoList claims 2^63 regions */
    wr32(p + rd32(dir_entry(p, 4) + 8), 0x7fffffffu);
    uint8_t *mi = p + rd32(dir_entry(p, 16) + 8);
    uint64_t huge = 1ull << 63;
    memcpy(mi + 8, &huge, 8);
    /* HandleData claims 10 million */
    wr32(p + rd32(dir_entry(p, 12) + 8) + 8, 10000000u);
    struct md_dump *md = NULL;
    struct ep_error err;
    CHECK(md_open_buffer(p, len, "huge.dmp", &md, &err) == 0);
    if (md) {
        CHECK_EQ_U64(md->nthreads, 2);
        CHECK_EQ_U64(md->nmodules, 3);
        CHECK_EQ_U64(md->nmeminfo, 7);
        CHECK_EQ_U64(md->nhandles, 2);
        const struct md_stream *s = NULL;
        for (size_t i = 0; i < md->nstreams; i++)
            if (md->streams[i].type == 3)
                s = &md->streams[i];
        CHECK(s && s->status == MD_ST_PARTIAL);
        CHECK(md->warnings >= 4);
        md_close(md);
    }
    free(p);
    mdf_free(&f);
}

TEST(minidump_rva_past_eof)
{
    struct mdf f;
    size_t len;
    const uint8_t *d = mds_build_x64(&f, 0, &len);
    uint8_t *p = malloc(len);
    memcpy(p, d, len);
    wr32(dir_entry(p, 19) + 8, (uint32_t)len + 100);       /* Token past EOF */
    wr32(dir_entry(p, 12) + 4, 0xfffffff0u);               /* HandleData size too big */
    struct md_dump *md = NULL;
    struct ep_error err;
    CHECK(md_open_buffer(p, len, "eof.dmp", &md, &err) == 0);
    if (md) {
        CHECK(!md->have_tokens);
        CHECK_EQ_U64(md->nthreads, 2);                     /* the rest is intact */
        for (size_t i = 0; i < md->nstreams; i++) {
            if (md->streams[i].type == 19)
                CHECK_EQ_U64(md->streams[i].status, MD_ST_BAD);
            if (md->streams[i].type == 12)
                CHECK_EQ_U64(md->streams[i].status, MD_ST_PARTIAL);
        }
        CHECK_EQ_U64(md->nhandles, 2);
        md_close(md);
    }
    /* Memory64List whose data runs past EOF: ranges dropped or trimmed */
    memcpy(p, d, len);
    uint8_t *m64 = p + rd32(dir_entry(p, 9) + 8);
    uint64_t base = len - 0x800;
    memcpy(m64 + 8, &base, 8);
    CHECK(md_open_buffer(p, len, "eof64.dmp", &md, &err) == 0);
    if (md) {
        CHECK(md->dumped_bytes <= 0x800 + 0x100);   /* + the thread's own stack copy */
        CHECK(md->warnings >= 1);
        exercise(p, len, NULL, 0);
        md_close(md);
    }
    free(p);
    mdf_free(&f);
}

TEST(minidump_bad_headers)
{
    struct mdf f;
    size_t len;
    const uint8_t *d = mds_build_x64(&f, 0, &len);
    uint8_t *p = malloc(len);
    char msg[512];
    memcpy(p, d, len);
    p[0] = 'X';
    CHECK(exercise(p, len, msg, sizeof msg) == -1 && strstr(msg, "not a minidump"));
    /* directory overlapping the header, as in the CTF file */
    memcpy(p, d, len);
    wr32(p + 8, 39033);
    wr32(p + 12, 4);
    CHECK(exercise(p, len, msg, sizeof msg) == -1 && strstr(msg, "overlaps"));
    /* directory past the end */
    memcpy(p, d, len);
    wr32(p + 12, (uint32_t)len + 4);
    CHECK(exercise(p, len, msg, sizeof msg) == -1 && strstr(msg, "past the end"));
    /* no streams */
    memcpy(p, d, len);
    wr32(p + 8, 0);
    CHECK(exercise(p, len, msg, sizeof msg) == -1 && strstr(msg, "no streams"));
    /* more streams claimed than the file holds: the rest is read */
    memcpy(p, d, len);
    wr32(p + 8, 39033);
    struct md_dump *md = NULL;
    struct ep_error err;
    CHECK(md_open_buffer(p, len, "many.dmp", &md, &err) == 0);
    if (md) {
        CHECK(md->nstreams < 39033);
        CHECK_EQ_U64(md->nthreads, 2);
        md_close(md);
    }
    /* every stream outside the file: nothing readable is an error */
    memcpy(p, d, len);
    for (uint32_t i = 0; i < rd32(p + 8); i++)
        wr32(p + rd32(p + 12) + 12 * i + 8, (uint32_t)len + 1);
    CHECK(exercise(p, len, msg, sizeof msg) == -1 && strstr(msg, "none of its"));
    /* a second ThreadList is ignored, with a warning */
    memcpy(p, d, len);
    wr32(dir_entry(p, 22), 3);          /* ProcessVmCounters becomes a ThreadList */
    CHECK(md_open_buffer(p, len, "dup.dmp", &md, &err) == 0);
    if (md) {
        CHECK_EQ_U64(md->nthreads, 2);
        size_t dups = 0;
        for (size_t i = 0; i < md->nstreams; i++)
            dups += md->streams[i].status == MD_ST_DUPLICATE;
        CHECK_EQ_U64(dups, 1);
        md_close(md);
    }
    free(p);
    mdf_free(&f);
}

TEST(minidump_cyclic_loader_list)
{
    struct mdf f;
    size_t len;
    const uint8_t *d = mds_build_x64(&f, MDS_CYCLIC_LDR, &len);
    struct md_dump *md = NULL;
    struct ep_error err;
    CHECK(md_open_buffer(d, len, "cyclic.dmp", &md, &err) == 0);
    if (md) {
        struct anatomy *model = anatomy_from_minidump(md, "test", NULL, 0);
        const struct an_process *a = &model->procs[0];
        const struct an_ldr_list *L = &a->ldr.lists[AN_LDR_LOAD];
        CHECK_EQ_U64(L->av, AN_AV_INVALID);
        CHECK_EQ_U64(L->count, 2);
        CHECK(strstr(L->problem, "loops back") != NULL);
        /* the other lists are unaffected */
        CHECK_EQ_U64(a->ldr.lists[AN_LDR_MEM].av, AN_AV_OK);
        CHECK_EQ_U64(a->ldr.lists[AN_LDR_MEM].count, 3);
        anatomy_free(model);
        md_close(md);
    }
    mdf_free(&f);
}

TEST(minidump_fls_loop)
{
    struct mdf f;
    size_t len;
    const uint8_t *d = mds_build_x64(&f, MDS_FLS_LOOP, &len);
    struct md_dump *md = NULL;
    struct ep_error err;
    CHECK(md_open_buffer(d, len, "fls.dmp", &md, &err) == 0);
    if (md) {
        struct anatomy *model = anatomy_from_minidump(md, "test", NULL, 0);
        const struct an_process *a = &model->procs[0];
        CHECK_EQ_U64(a->fls_av, AN_AV_INVALID);
        CHECK(strstr(a->fls_problem, "loops") != NULL);
        CHECK_EQ_U64(a->nfls, 3);
        anatomy_free(model);
        md_close(md);
    }
    mdf_free(&f);
}

TEST(minidump_missing_memory_per_field)
{
    struct mdf f;
    size_t len;
    struct md_dump *md = NULL;
    struct ep_error err;
    /* the PEB page is not dumped: the TEBs still are */
    const uint8_t *d = mds_build_x64(&f, MDS_NO_PEB, &len);
    CHECK(md_open_buffer(d, len, "nopeb.dmp", &md, &err) == 0);
    if (md) {
        struct anatomy *model = anatomy_from_minidump(md, "test", NULL, 0);
        const struct an_process *a = &model->procs[0];
        CHECK_EQ_U64(a->threads[0].teb.av, AN_AV_OK);
        CHECK_EQ_U64(a->peb.av, AN_AV_MISSING);
        CHECK(strstr(a->peb.why, "0x7ff10000") && strstr(a->peb.why, "not in the dump"));
        CHECK_EQ_U64(a->params.av, AN_AV_UNKNOWN);
        CHECK_STR(a->params.why, a->peb.why);
        CHECK_EQ_U64(a->params.command_line.av, AN_AV_UNKNOWN);
        CHECK_EQ_U64(a->ldr.av, AN_AV_UNKNOWN);
        CHECK_EQ_U64(a->nfibers, 2);            /* fibers do not need the PEB */
        CHECK(a->pid_known && a->pid == MDS_PID);
        CHECK_STR(a->name, "a.exe");   /* from the ModuleList */
        anatomy_free(model);
        md_close(md);
    }
    mdf_free(&f);
    /* no TEB either */
    d = mds_build_x64(&f, MDS_NO_PEB | MDS_NO_TEB, &len);
    CHECK(md_open_buffer(d, len, "noteb.dmp", &md, &err) == 0);
    if (md) {
        struct anatomy *model = anatomy_from_minidump(md, "test", NULL, 0);
        const struct an_process *a = &model->procs[0];
        CHECK_EQ_U64(a->threads[0].teb.av, AN_AV_MISSING);
        CHECK_EQ_U64(a->peb.av, AN_AV_UNKNOWN);
        CHECK(strstr(a->peb.why, "no thread's TEB") != NULL);
        CHECK_EQ_U64(a->nfibers, 2);            /* both, by scan: no TEB to say which runs */
        for (size_t i = 0; i < a->nfibers; i++)
            CHECK_STR(a->fibers[i].source, "scan");
        anatomy_free(model);
        md_close(md);
    }
    mdf_free(&f);
    /* an environment block cut by missing memory */
    d = mds_build_x64(&f, MDS_ENV_CUT, &len);
    CHECK(md_open_buffer(d, len, "envcut.dmp", &md, &err) == 0);
    if (md) {
        struct anatomy *model = anatomy_from_minidump(md, "test", NULL, 0);
        const struct an_process *a = &model->procs[0];
        CHECK_EQ_U64(a->params.env_av, AN_AV_OK);
        CHECK(a->params.env_truncated);
        CHECK(a->params.nenv >= 1);
        if (a->params.nenv)
            CHECK_STR(a->params.env[0].name, "A");
        anatomy_free(model);
        md_close(md);
    }
    mdf_free(&f);
}

TEST(minidump_real_ctf_and_truncations)
{
    const char *dir = test_shared_data();
    if (!dir) {
        test_skip("../shared/data absent");
        return;
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/malformed/ctf-crafted-mdmp.dmp", dir);
    FILE *fp = fopen(path, "rb");
    CHECK(fp != NULL);
    if (!fp)
        return;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    uint8_t *buf = malloc((size_t)n);
    CHECK(fread(buf, 1, (size_t)n, fp) == (size_t)n);
    fclose(fp);
    char msg[512];
    CHECK(exercise(buf, (size_t)n, msg, sizeof msg) == -1);
    CHECK(strstr(msg, "39033") != NULL);
    free(buf);

    /* a real dump cut at many lengths */
    snprintf(path, sizeof path, "%s/minidumps/breakpad/tiny-exe-with-cet-xsave.dmp", dir);
    fp = fopen(path, "rb");
    CHECK(fp != NULL);
    if (!fp)
        return;
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    buf = malloc((size_t)n);
    CHECK(fread(buf, 1, (size_t)n, fp) == (size_t)n);
    fclose(fp);
    int opened = 0;
    for (long cut = 0; cut < n; cut += cut < 4096 ? 7 : 997) {
        uint8_t *p = malloc((size_t)(cut ? cut : 1));
        memcpy(p, buf, (size_t)cut);
        opened += exercise(p, (size_t)cut, NULL, 0) == 0;
        free(p);
    }
    CHECK(opened > 0);
    free(buf);
}
