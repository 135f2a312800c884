#include "base/sort.h"
#include "symbols/symscan.h"

#include <errno.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "symbols/isf_internal.h"
#include "symbols/json_shape.h"

#define MAX_DEPTH 64
#define MAX_NAME 512
#define MAX_SYMBOLS SHAPE_MAX_MEMBERS

enum scan_result { SCAN_DONE, SCAN_MORE, SCAN_BAD };

struct scanner {
    const char *p, *end;
};

static void ws(struct scanner *s)
{
    while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
        s->p++;
}

/* Parse a string into out (may be NULL to skip).  Non-ASCII escapes become
 * '?': symbol names of interest are plain identifiers. */
static enum scan_result str(struct scanner *s, char *out, size_t outsz)
{
    size_t n = 0;
    if (s->p >= s->end)
        return SCAN_MORE;
    if (*s->p != '"')
        return SCAN_BAD;
    s->p++;
    while (s->p < s->end) {
        char c = *s->p++;
        if (c == '"') {
            if (out)
                out[n < outsz ? n : outsz - 1] = 0;
            return SCAN_DONE;
        }
        if ((unsigned char)c < 0x20)
            return SCAN_BAD;
        if (c == '\\') {
            if (s->p >= s->end)
                return SCAN_MORE;
            c = *s->p++;
            if (c == 'u') {
                if (s->end - s->p < 4)
                    return SCAN_MORE;
                s->p += 4;
                c = '?';
            } else if (!strchr("\"\\/bfnrt", c)) {
                return SCAN_BAD;
            }
        }
        if (out && n + 1 < outsz)
            out[n++] = c;
    }
    return SCAN_MORE;
}

/* Skip any value without recursion. */
static enum scan_result skip(struct scanner *s)
{
    int depth = 0;
    do {
        ws(s);
        if (s->p >= s->end)
            return SCAN_MORE;
        char c = *s->p;
        if (c == '"') {
            enum scan_result r = str(s, NULL, 0);
            if (r != SCAN_DONE)
                return r;
        } else if (c == '{' || c == '[') {
            if (++depth > MAX_DEPTH)
                return SCAN_BAD;
            s->p++;
            continue;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                return SCAN_BAD;
            depth--;
            s->p++;
        } else if (c == ',' || c == ':') {
            s->p++;
            continue;
        } else {
            /* number, true, false, null */
            const char *start = s->p;
            while (s->p < s->end && strchr("0123456789+-.eEtruefalsn", *s->p))
                s->p++;
            if (s->p == start)
                return SCAN_BAD;
            if (s->p >= s->end)
                return SCAN_MORE;
        }
        /* After a complete value inside a container, keep going until the
         * container closes. */
        if (depth > 0) {
            ws(s);
            if (s->p >= s->end)
                return SCAN_MORE;
        }
    } while (depth > 0);
    return SCAN_DONE;
}

static enum scan_result expect(struct scanner *s, char c)
{
    ws(s);
    if (s->p >= s->end)
        return SCAN_MORE;
    if (*s->p != c)
        return SCAN_BAD;
    s->p++;
    return SCAN_DONE;
}

#define TRY(x) do { enum scan_result r_ = (x); if (r_ != SCAN_DONE) return r_; } while (0)

static int add_sym(struct isf_symbols *out, size_t *cap, const char *name, uint64_t addr)
{
    if (out->n >= MAX_SYMBOLS)
        return -1;
    if (out->n == *cap) {
        size_t c = *cap ? *cap * 2 : 1024;
        struct sym_addr *p = realloc(out->syms, c * sizeof *p);
        if (!p)
            return -1;
        out->syms = p;
        *cap = c;
    }
    char *copy = strdup(name);
    if (!copy)
        return -1;
    out->syms[out->n++] = (struct sym_addr){ copy, addr };
    return 0;
}

static enum scan_result scan_symbols(struct scanner *s, struct isf_symbols *out)
{
    size_t cap = 0;
    char name[MAX_NAME], key[64];
    TRY(expect(s, '{'));
    ws(s);
    if (s->p < s->end && *s->p == '}') {
        s->p++;
        return SCAN_DONE;
    }
    for (;;) {
        TRY(str(s, name, sizeof name));
        TRY(expect(s, ':'));
        TRY(expect(s, '{'));
        int has_addr = 0;
        uint64_t addr = 0;
        ws(s);
        if (s->p < s->end && *s->p == '}') {
            s->p++;
        } else {
            for (;;) {
                ws(s);
                TRY(str(s, key, sizeof key));
                TRY(expect(s, ':'));
                ws(s);
                if (strcmp(key, "address") == 0) {
                    const char *start = s->p;
                    uint64_t v = 0;
                    while (s->p < s->end && *s->p >= '0' && *s->p <= '9') {
                        if (v > (UINT64_MAX - 9) / 10)
                            return SCAN_BAD;
                        v = v * 10 + (uint64_t)(*s->p++ - '0');
                    }
                    if (s->p >= s->end)
                        return SCAN_MORE;
                    if (s->p == start)
                        return SCAN_BAD;
                    addr = v;
                    has_addr = 1;
                } else {
                    TRY(skip(s));
                }
                ws(s);
                if (s->p >= s->end)
                    return SCAN_MORE;
                if (*s->p == ',') { s->p++; continue; }
                if (*s->p == '}') { s->p++; break; }
                return SCAN_BAD;
            }
        }
        if (has_addr && add_sym(out, &cap, name, addr) != 0)
            return SCAN_BAD;
        ws(s);
        if (s->p >= s->end)
            return SCAN_MORE;
        if (*s->p == ',') { s->p++; ws(s); continue; }
        if (*s->p == '}') { s->p++; return SCAN_DONE; }
        return SCAN_BAD;
    }
}

static enum scan_result scan_metadata(struct scanner *s, struct isf_symbols *out)
{
    ws(s);
    const char *start = s->p;
    TRY(skip(s));
    json_t *m = json_loadb(start, (size_t)(s->p - start), 0, NULL);
    if (!m)
        return SCAN_BAD;
    json_t *pdb = json_object_get(json_object_get(m, "windows"), "pdb");
    const char *guid = json_string_value(json_object_get(pdb, "GUID"));
    if (guid && strlen(guid) == 32) {
        for (int i = 0; i < 32; i++)
            out->guid[i] = (char)(guid[i] >= 'a' && guid[i] <= 'f' ? guid[i] - 32 : guid[i]);
        out->guid[32] = 0;
    }
    out->age = (uint32_t)json_integer_value(json_object_get(pdb, "age"));
    out->machine_type = (uint32_t)json_integer_value(json_object_get(pdb, "machine_type"));
    json_decref(m);
    return SCAN_DONE;
}

static void reset(struct isf_symbols *out)
{
    for (size_t i = 0; i < out->n; i++)
        free(out->syms[i].name);
    free(out->syms);
    memset(out, 0, sizeof *out);
}

/* Scan the top level until both metadata and symbols are read. */
static enum scan_result scan_top(const char *text, size_t len, struct isf_symbols *out)
{
    struct scanner s = { text, text + len };
    int have_syms = 0, have_meta = 0;
    char key[64];
    reset(out);
    TRY(expect(&s, '{'));
    for (;;) {
        ws(&s);
        TRY(str(&s, key, sizeof key));
        TRY(expect(&s, ':'));
        if (strcmp(key, "symbols") == 0) {
            TRY(scan_symbols(&s, out));
            have_syms = 1;
        } else if (strcmp(key, "metadata") == 0) {
            TRY(scan_metadata(&s, out));
            have_meta = 1;
        } else {
            TRY(skip(&s));
        }
        if (have_syms && have_meta)
            return SCAN_DONE;
        ws(&s);
        if (s.p >= s.end)
            return SCAN_MORE;
        if (*s.p == ',') { s.p++; continue; }
        return SCAN_BAD;    /* '}' before both sections: not a usable ISF */
    }
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct sym_addr *)a)->name, ((const struct sym_addr *)b)->name);
}

static int read_file(const char *path, uint8_t **data, size_t *len, struct ep_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return ep_fail(err, "%s: cannot open symbol file: %s", path, strerror(errno));
    if (fseek(f, 0, SEEK_END) != 0) {
        fclose(f);
        return ep_fail(err, "%s: cannot read symbol file", path);
    }
    long size = ftell(f);
    rewind(f);
    if (size <= 0 || (unsigned long)size > ISF_MAX_FILE_BYTES) {
        fclose(f);
        return ep_fail(err, "%s: %s symbol file", path, size <= 0 ? "empty or unreadable" : "oversized");
    }
    uint8_t *buf = malloc((size_t)size);
    if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        fclose(f);
        return ep_fail(err, "%s: cannot read symbol file", path);
    }
    fclose(f);
    *data = buf;
    *len = (size_t)size;
    return 0;
}

struct isf_symbols *isf_symbols_load_buffer(const void *data, size_t flen, const char *label, struct ep_error *err)
{
    const uint8_t *file = data;
    struct isf_symbols *out = calloc(1, sizeof *out);
    if (!out) {
        ep_fail(err, "%s: out of memory", label);
        return NULL;
    }
    enum scan_result r = SCAN_BAD;
    const char *why = "no readable metadata and symbols sections";
    /* The same shape caps as the full loader's (json_shape.h), checked on
     * the text as it is decompressed: a table the loader would refuse is
     * refused here too, after reading no more of it. */
    struct json_shape *shape = malloc(sizeof *shape);
    if (!shape) {
        isf_symbols_free(out);
        ep_fail(err, "%s: out of memory", label);
        return NULL;
    }
    json_shape_init(shape);
    if (!xz_is_compressed(file, flen)) {
        if (flen > ISF_MAX_JSON_BYTES)
            why = "too large for a symbol table";
        else if (json_shape_feed(shape, (const char *)file, flen) == 0)
            r = scan_top((const char *)file, flen, out);
    } else {
        /* Decompress in growing steps and rescan: stops early once the
         * symbols have been read. */
        lzma_stream z = LZMA_STREAM_INIT;
        size_t cap = 1u << 20, used = 0;
        char *text = malloc(cap);
        if (text && lzma_stream_decoder(&z, 256u << 20, LZMA_CONCATENATED) == LZMA_OK) {
            z.next_in = file;
            z.avail_in = flen;
            for (;;) {
                z.next_out = (uint8_t *)text + used;
                z.avail_out = cap - used;
                size_t before = used;
                lzma_ret lr = lzma_code(&z, LZMA_FINISH);
                used = cap - z.avail_out;
                int ended = lr == LZMA_STREAM_END;
                if (json_shape_feed(shape, text + before, used - before) != 0)
                    break;
                if (lr != LZMA_OK && !ended) {
                    why = lr == LZMA_BUF_ERROR ? "truncated xz data" : "corrupt xz data";
                    break;
                }
                /* Scan once the symbols section can be whole: Volatility
                 * writes the top-level keys sorted, so "user_types" follows
                 * "symbols".  Scanning after every step restarted the
                 * scanner from the first byte each time (the issue-15
                 * profile: most of the choice's CPU outside liblzma).
                 * Tables in another order are scanned when fully decoded. */
                size_t look = before > 16 ? before - 16 : 0;
                int maybe_whole = ended || cap >= ISF_MAX_JSON_BYTES || z.avail_out != 0 ||
                                  memmem(text + look, used - look, "\"user_types\"", 12) != NULL;
                r = maybe_whole ? scan_top(text, used, out) : SCAN_MORE;
                if (r == SCAN_MORE && lr == LZMA_OK && z.avail_in == 0 && z.avail_out != 0)
                    why = "truncated xz data";
                if ((r != SCAN_MORE && maybe_whole) || ended || cap >= ISF_MAX_JSON_BYTES)
                    break;
                if (r == SCAN_MORE && lr == LZMA_OK && z.avail_in == 0 && z.avail_out != 0)
                    break;           /* input exhausted before the end: truncated */
                char *t2 = realloc(text, cap * 2);
                if (!t2)
                    break;
                text = t2;
                cap *= 2;
            }
            lzma_end(&z);
        }
        free(text);
    }
    if (r != SCAN_DONE) {
        isf_symbols_free(out);
        if (shape->problem[0])
            ep_fail(err, "%s: symbol table over eproc's limits: %s", label, shape->problem);
        else
            ep_fail(err, "%s: malformed symbol table: %s", label, why);
        free(shape);
        return NULL;
    }
    free(shape);
    sort_items(out->syms, out->n, sizeof *out->syms, by_name);
    return out;
}

struct isf_symbols *isf_symbols_load(const char *path, struct ep_error *err)
{
    uint8_t *file = NULL;
    size_t flen = 0;
    if (read_file(path, &file, &flen, err) != 0)
        return NULL;
    struct isf_symbols *out = isf_symbols_load_buffer(file, flen, path, err);
    free(file);
    return out;
}

void isf_symbols_free(struct isf_symbols *s)
{
    if (!s)
        return;
    reset(s);
    free(s);
}

int isf_symbols_find(const struct isf_symbols *s, const char *name, uint64_t *address)
{
    struct sym_addr key = { (char *)name, 0 };
    const struct sym_addr *hit = find_item(&key, s->syms, s->n, sizeof *s->syms, by_name);
    if (!hit)
        return -1;
    *address = hit->address;
    return 0;
}
