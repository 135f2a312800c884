/* The per-capture cache of the symbol choice (choicecache.h).
 *
 * File, text, these lines in this order:
 *   eproc-choice 1
 *   capture IDENTITY          the capture (cachefile_identity)
 *   facts HEX                 digest of the facts the choice was made from
 *   symbols HEX               digest of the symbol files (symindex_files_digest)
 *   kind N                    enum profile_choice
 *   table IDENTITY            the chosen table as it was then
 *   counts AGREE DISAGREE SEVERAL
 *   reason TEXT
 *   warn TEXT                 zero to CHOICE_MAX_WARNINGS of them
 *   sum SHA256                of every byte before this line
 * Numbers are decimal without leading zeros; TEXT is at least one byte,
 * none of them a control byte.  The first four lines must equal the ones
 * this run would write, byte for byte. */
#include "symbols/choicecache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/sha256.h"
#include "symbols/cachefile.h"

#define MAGIC "eproc-choice 1"
#define PREFIX "choice-"
/* Four keys of ~4.4 KB, a reason and the warnings, with room to spare. */
#define MAX_FILE_BYTES (64u << 10)
#define MAX_COUNT 100000u            /* compared addresses: MAX_STATED in practice */
#define MAX_KIND 15u

int choicecache_key(struct choice_key *key, const char *capture_path, const char *facts_hex,
                    const char *symbols_hex)
{
    char real[4096], dir[4096], hex[65];
    memset(key, 0, sizeof *key);
    if (cachefile_identity(capture_path, key->capture, sizeof key->capture, real, sizeof real) != 0 ||
        cachefile_dir(dir, sizeof dir) != 0 || strlen(facts_hex) != 64 || strlen(symbols_hex) != 64)
        return -1;
    memcpy(key->facts, facts_hex, 65);
    memcpy(key->symbols, symbols_hex, 65);
    struct sha256 h;
    sha256_init(&h);
    sha256_update(&h, real, strlen(real));
    sha256_hex(&h, hex);
    hex[24] = 0;
    int w = snprintf(key->file, sizeof key->file, "%s/%s%s", dir, PREFIX, hex);
    return w > 0 && (size_t)w < sizeof key->file ? 0 : -1;
}

static void put_head(struct cachefile_text *t, const struct choice_key *key)
{
    cachefile_text_put(t, "%s\ncapture %s\nfacts %s\nsymbols %s\n", MAGIC, key->capture, key->facts, key->symbols);
}

/* --- reading --- */

/* The next line (its newline replaced by NUL), or NULL at the end. */
static char *next_line(char **cur, char *end)
{
    if (*cur >= end)
        return NULL;
    char *line = *cur, *nl = memchr(line, '\n', (size_t)(end - line));
    if (!nl)
        return NULL;                 /* the body always ends in a newline */
    *nl = 0;
    *cur = nl + 1;
    return line;
}

/* A decimal number without leading zeros, at most max. */
static const char *parse_uint(const char *s, unsigned max, unsigned *out)
{
    unsigned long v = 0;
    const char *p = s;
    if (*p == '0')
        p++;
    else
        for (; *p >= '0' && *p <= '9' && p - s < 10; p++)
            v = v * 10 + (unsigned long)(*p - '0');
    if (p == s || (*p >= '0' && *p <= '9') || v > max)
        return NULL;
    *out = (unsigned)v;
    return p;
}

/* line is "WORD TEXT" with TEXT of 1..n-1 bytes, none a control byte:
 * copy TEXT to out. */
static int take_text(const char *line, const char *word, char *out, size_t n)
{
    size_t w = strlen(word);
    if (strncmp(line, word, w) != 0 || line[w] != ' ')
        return -1;
    const char *t = line + w + 1;
    size_t len = strlen(t);
    if (len == 0 || len >= n)
        return -1;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)t[i] < 0x20 || t[i] == 0x7f)
            return -1;
    memcpy(out, t, len + 1);
    return 0;
}

/* "table IDENTITY": the table must still be what it was. */
static int take_table(const char *line, char *path, size_t n)
{
    char stored[4400], now[4400];
    if (take_text(line, "table", stored, sizeof stored) != 0)
        return -1;
    const char *p = stored;
    for (int field = 0; field < 5 && p; field++) {       /* DEV INO SIZE MTIME CTIME, then the path */
        p = strchr(p, ' ');
        if (p)
            p++;
    }
    if (!p || *p != '/' || cachefile_identity(p, now, sizeof now, path, n) != 0 || strcmp(now, stored) != 0)
        return -1;
    return 0;
}

static int decode(char *text, size_t len, const struct choice_key *key, struct choice_record *rec)
{
    struct cachefile_text head = { .max = MAX_FILE_BYTES };
    put_head(&head, key);
    int rc = !head.failed && head.p && len >= head.n && memcmp(text, head.p, head.n) == 0 ? 0 : -1;
    char *cur = text + (head.p ? head.n : 0), *end = text + len, *line;
    free(head.p);
    if (rc != 0)
        return -1;
    memset(rec, 0, sizeof *rec);
    const char *p;
    if (!(line = next_line(&cur, end)) || strncmp(line, "kind ", 5) != 0 ||
        !(p = parse_uint(line + 5, MAX_KIND, &rec->kind)) || *p)
        return -1;
    if (!(line = next_line(&cur, end)) || take_table(line, rec->table, sizeof rec->table) != 0)
        return -1;
    if (!(line = next_line(&cur, end)) || strncmp(line, "counts ", 7) != 0 ||
        !(p = parse_uint(line + 7, MAX_COUNT, &rec->agree)) || *p != ' ' ||
        !(p = parse_uint(p + 1, MAX_COUNT, &rec->disagree)) || *p != ' ' ||
        !(p = parse_uint(p + 1, 1, &rec->several)) || *p)
        return -1;
    if (!(line = next_line(&cur, end)) || take_text(line, "reason", rec->reason, sizeof rec->reason) != 0)
        return -1;
    while ((line = next_line(&cur, end))) {
        if (rec->nwarnings == CHOICE_MAX_WARNINGS ||
            take_text(line, "warn", rec->warnings[rec->nwarnings], sizeof rec->warnings[0]) != 0)
            return -1;
        rec->nwarnings++;
    }
    return cur == end ? 0 : -1;
}

int choicecache_read(const struct choice_key *key, struct choice_record *rec)
{
    char *text;
    size_t len;
    int got = cachefile_text_read(key->file, MAX_FILE_BYTES, &text, &len);
    if (got != 0)
        return got;
    int rc = decode(text, len, key, rec) == 0 ? 0 : -2;
    free(text);
    if (rc != 0)
        memset(rec, 0, sizeof *rec);
    return rc;
}

/* --- writing --- */

static int storable(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    if (len == 0 || len >= n)
        return 0;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return 0;
    return 1;
}

int choicecache_write(const struct choice_key *key, const struct choice_record *rec)
{
    char table[4400];
    if (rec->kind > MAX_KIND || rec->agree > MAX_COUNT || rec->disagree > MAX_COUNT || rec->several > 1 ||
        rec->nwarnings > CHOICE_MAX_WARNINGS || !storable(rec->reason, sizeof rec->reason) ||
        cachefile_identity(rec->table, table, sizeof table, NULL, 0) != 0)
        return -1;
    for (unsigned i = 0; i < rec->nwarnings; i++)
        if (!storable(rec->warnings[i], sizeof rec->warnings[i]))
            return -1;
    struct cachefile_text t = { .max = MAX_FILE_BYTES };
    put_head(&t, key);
    cachefile_text_put(&t, "kind %u\ntable %s\ncounts %u %u %u\nreason %s\n", rec->kind, table, rec->agree,
                       rec->disagree, rec->several, rec->reason);
    for (unsigned i = 0; i < rec->nwarnings; i++)
        cachefile_text_put(&t, "warn %s\n", rec->warnings[i]);
    if (cachefile_text_seal_write(key->file, &t) != 0)
        return -1;
    cachefile_trim(PREFIX, CHOICE_CACHE_KEEP);
    return 0;
}

void choicecache_forget(const struct choice_key *key)
{
    if (key->file[0])
        unlink(key->file);
}
