/* The per-capture choice cache's file (symbols/choicecache.h): what is
 * written reads back the same; any damage, truncation, other key, changed
 * table or well-checksummed but ill-formed line is refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/sha256.h"
#include "symbols/choicecache.h"
#include "test.h"

static int write_bytes(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t w = fwrite(data, 1, n, f);
    return fclose(f) == 0 && w == n ? 0 : -1;
}

static char *read_bytes(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 16);
    *n = buf ? fread(buf, 1, 1 << 16, f) : 0;
    fclose(f);
    return buf;
}

/* text with its "sum" line made valid again: a forgery, not damage. */
static void reseal(const char *path, const char *body)
{
    struct sha256 h;
    char hex[65], *out = malloc(strlen(body) + 80);
    if (!out)
        return;
    sha256_init(&h);
    sha256_update(&h, body, strlen(body));
    sha256_hex(&h, hex);
    sprintf(out, "%ssum %s\n", body, hex);
    write_bytes(path, out, strlen(out));
    free(out);
}

/* The file's body with the first `from` replaced by `to`, resealed. */
static void forge(const char *path, const char *good, size_t len, const char *from, const char *to)
{
    char *body = malloc(len + strlen(to) + 1);
    const char *at = strstr(good, from);
    const char *sum = strstr(good, "\nsum ");
    if (!body || !at || !sum) {
        free(body);
        return;
    }
    size_t pre = (size_t)(at - good), end = (size_t)(sum - good) + 1;
    memcpy(body, good, pre);
    strcpy(body + pre, to);
    strncat(body, at + strlen(from), end - pre - strlen(from));
    reseal(path, body);
    free(body);
}

TEST(choicecache_file)
{
    char dir[1024], capture[1100], table[1100], xdg[1100], *old = getenv("XDG_CACHE_HOME");
    char *saved = old ? strdup(old) : NULL;
    snprintf(dir, sizeof dir, "%s/choicecache", test_tmpdir());
    mkdir(dir, 0700);
    snprintf(capture, sizeof capture, "%s/capture.dmp", dir);
    snprintf(table, sizeof table, "%s/table.json.xz", dir);
    snprintf(xdg, sizeof xdg, "%s/xdg", dir);
    setenv("XDG_CACHE_HOME", xdg, 1);
    CHECK(write_bytes(capture, "a capture", 9) == 0 && write_bytes(table, "a table", 7) == 0);
    const char *facts = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    const char *syms = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
    struct choice_key key, other;
    CHECK(choicecache_key(&key, capture, facts, syms) == 0);
    CHECK(choicecache_key(&other, capture, syms, facts) == 0);
    static struct choice_record rec, back;
    rec.kind = 3;
    snprintf(rec.table, sizeof rec.table, "%s", table);
    rec.agree = 10;
    rec.disagree = 17;
    rec.several = 1;
    snprintf(rec.reason, sizeof rec.reason, "the reason, \xc3\xa9 included");
    rec.nwarnings = 2;
    snprintf(rec.warnings[0], sizeof rec.warnings[0], "a table could not be read");
    snprintf(rec.warnings[1], sizeof rec.warnings[1], "%s", rec.reason);
    CHECK(choicecache_read(&key, &back) == -1);
    CHECK(choicecache_write(&key, &rec) == 0);
    CHECK(choicecache_read(&key, &back) == 0);
    char real[4096];
    CHECK(realpath(table, real) != NULL);
    CHECK(back.kind == 3 && back.agree == 10 && back.disagree == 17 && back.several == 1 && back.nwarnings == 2);
    CHECK_STR(back.table, real);
    CHECK_STR(back.reason, rec.reason);
    CHECK_STR(back.warnings[0], rec.warnings[0]);
    CHECK_STR(back.warnings[1], rec.warnings[1]);
    CHECK(choicecache_read(&other, &back) == -2);           /* other facts */

    size_t len = 0;
    char *good = read_bytes(key.file, &len);
    CHECK(good != NULL && len > 100);
    if (good) {
        good[len] = 0;
        for (size_t cut = 0; cut < len; cut++) {
            write_bytes(key.file, good, cut);
            if (choicecache_read(&key, &back) != -2)
                CHECK(!"a truncated file was accepted");
        }
        for (size_t i = 0; i < len; i++) {
            good[i] ^= 0x20;
            write_bytes(key.file, good, len);
            if (choicecache_read(&key, &back) != -2)
                CHECK(!"a damaged file was accepted");
            good[i] ^= 0x20;
        }
        /* Well formed and checksummed, but not as written. */
        static const char *const bad[][2] = {
            { "kind 3", "kind 03" }, { "kind 3", "kind 16" }, { "kind 3", "kind -3" }, { "kind 3", "kind 3 " },
            { "counts 10 17 1", "counts 10 17 2" }, { "counts 10 17 1", "counts 10 17" },
            { "counts 10", "counts 100001" }, { "counts 10", "counts 4294967306" },
            { "reason the", "reason \x1bthe" }, { "reason the reason, \xc3\xa9 included", "reason " },
            { "warn a table", "warm a table" }, { "warn a table", "warn a\x7f table" },
            { "\ntable ", "\ntable 1 " }, { "\ntable ", "\ntable  " }, { "eproc-choice 1", "eproc-choice 2" },
            { "\nfacts ", "\nfacts 0" }, { "\ncounts", "\nkind 3\ncounts" },
        };
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            forge(key.file, good, len, bad[i][0], bad[i][1]);
            if (choicecache_read(&key, &back) != -2) {
                fprintf(stderr, "  accepted: %s -> %s\n", bad[i][0], bad[i][1]);
                CHECK(!"a forged file was accepted");
            }
        }
        forge(key.file, good, len, "reason the", "reason the");     /* resealed unchanged: fine */
        CHECK(choicecache_read(&key, &back) == 0);
        /* Too many warnings. */
        char *body = malloc(len + 17 * 40);
        if (body) {
            size_t n = (size_t)(strstr(good, "\nsum ") - good) + 1;
            memcpy(body, good, n);
            body[n] = 0;
            for (int i = 0; i < CHOICE_MAX_WARNINGS; i++)
                strcat(body, "warn one more\n");
            reseal(key.file, body);
            CHECK(choicecache_read(&key, &back) == -2);
            free(body);
        }
        write_bytes(key.file, good, len);
        CHECK(choicecache_read(&key, &back) == 0);
        /* The table changed since: stale. */
        CHECK(write_bytes(table, "a table!", 8) == 0);
        CHECK(choicecache_read(&key, &back) == -2);
        /* The capture changed: another key, the old file is stale. */
        CHECK(write_bytes(capture, "a capture!", 10) == 0);
        struct choice_key newer;
        CHECK(choicecache_key(&newer, capture, facts, syms) == 0);
        CHECK(strcmp(newer.capture, key.capture) != 0 && strcmp(newer.file, key.file) == 0);
        free(good);
    }
    /* What cannot be stored is not. */
    rec.reason[0] = 0;
    CHECK(choicecache_write(&key, &rec) == -1);
    snprintf(rec.reason, sizeof rec.reason, "a\nb");
    CHECK(choicecache_write(&key, &rec) == -1);
    if (saved) {
        setenv("XDG_CACHE_HOME", saved, 1);
        free(saved);
    } else {
        unsetenv("XDG_CACHE_HOME");
    }
}
