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

/* The symbols kept: every one, or only the named ones (sorted, without
 * repeats, so that a lookup is a binary search and the last of them says
 * where a sorted symbols section stops mattering). */
struct filter {
    const char **names;
    unsigned n;
};

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int kept(const struct filter *want, const char *name)
{
    return !want || find_item(&name, want->names, want->n, sizeof *want->names, by_string) != NULL;
}

static int add_sym(struct isf_symbols *out, size_t *cap, const char *name, uint64_t addr)
{
    if (out->n >= MAX_SYMBOLS)
        return -1;
    if (out->n == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
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

/* --- the incremental scan ---
 *
 * The text arrives in chunks as it is decompressed.  Each step reads one
 * whole unit from the buffered text -- the opening brace, one top-level
 * member (key and value), or one entry of "symbols" -- or, when the unit
 * is not all there yet, leaves the text as it was and waits for more.  A
 * unit that needed more is retried only once the buffered text has
 * doubled, so even a value of megabytes (user_types, in a table whose
 * keys are not sorted) is rescanned a few times, not once per chunk.
 *
 * Where to stop: once metadata and the whole symbols section are read.
 * Volatility writes the top-level keys sorted (base_types, enums,
 * metadata, symbols, user_types), so that is 3.2 of the 6.2 MB of a
 * Windows 10 kernel table.  Stopping earlier, right after the last wanted
 * name of the sorted symbols, would save another 0.5 MB, but then a table
 * the full loader refuses (json_shape.h: the rest of symbols could hold
 * 300,000 entries) would no longer be refused here with a warning
 * (tests/cli/isf_bounds.sh) and could be chosen, to fail when loaded. */
enum stage { AT_OPEN, AT_KEY, AFTER_VALUE, AT_SYMBOLS_OPEN, IN_SYMBOLS, FINISHED };

#define CHUNK (64u << 10)

struct symscan {
    char *buf;
    size_t pos, len, cap;        /* unread text: buf[pos..len) */
    size_t wait_for;             /* retry the current unit once this much is unread */
    enum stage stage;
    int have_meta, have_syms;
    const struct filter *want;
    struct json_shape *shape;    /* the full loader's caps, on every byte decoded */
    struct isf_symbols *out;
    size_t out_cap;
};

/* One "name": { ... } entry of symbols and the ',' or '}' after it. */
static enum scan_result symbol_entry(struct symscan *ss, struct scanner *s)
{
    char name[MAX_NAME], key[64];
    ws(s);
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
    ws(s);
    if (s->p >= s->end)
        return SCAN_MORE;
    int last = *s->p == '}';
    if (*s->p != ',' && !last)
        return SCAN_BAD;
    s->p++;
    /* The whole entry is read: now it counts. */
    if (has_addr && kept(ss->want, name)) {
        int repeat = 0;
        for (size_t i = 0; ss->want && i < ss->out->n && !repeat; i++)
            repeat = strcmp(ss->out->syms[i].name, name) == 0;
        if (!repeat && add_sym(ss->out, &ss->out_cap, name, addr) != 0)
            return SCAN_BAD;
    }
    if (last) {
        ss->have_syms = 1;
        ss->stage = AFTER_VALUE;
    }
    return SCAN_DONE;
}

static enum scan_result top_member(struct symscan *ss, struct scanner *s)
{
    char key[64];
    ws(s);
    TRY(str(s, key, sizeof key));
    TRY(expect(s, ':'));
    if (strcmp(key, "symbols") == 0 && !ss->have_syms) {
        ss->stage = AT_SYMBOLS_OPEN;
        return SCAN_DONE;
    }
    if (strcmp(key, "metadata") == 0 && !ss->have_meta) {
        TRY(scan_metadata(s, ss->out));
        ss->have_meta = 1;
    } else {
        TRY(skip(s));
    }
    ss->stage = AFTER_VALUE;
    return SCAN_DONE;
}

static enum scan_result step(struct symscan *ss)
{
    struct scanner s = { ss->buf + ss->pos, ss->buf + ss->len };
    enum scan_result r = SCAN_DONE;
    switch (ss->stage) {
    case AT_OPEN:
        r = expect(&s, '{');
        if (r == SCAN_DONE)
            ss->stage = AT_KEY;
        break;
    case AT_KEY:
        r = top_member(ss, &s);
        break;
    case AFTER_VALUE:
        ws(&s);
        if (s.p >= s.end)
            return SCAN_MORE;
        if (*s.p != ',')
            return SCAN_BAD;     /* '}' before both sections: not a usable ISF */
        s.p++;
        ss->stage = AT_KEY;
        break;
    case AT_SYMBOLS_OPEN:
        r = expect(&s, '{');
        if (r != SCAN_DONE)
            break;
        ws(&s);
        if (s.p >= s.end)
            return SCAN_MORE;
        if (*s.p == '}') {
            s.p++;
            ss->have_syms = 1;
            ss->stage = AFTER_VALUE;
        } else {
            ss->stage = IN_SYMBOLS;
        }
        break;
    case IN_SYMBOLS:
        r = symbol_entry(ss, &s);
        break;
    case FINISHED:
        return SCAN_DONE;
    }
    if (r == SCAN_DONE) {
        ss->pos = (size_t)(s.p - ss->buf);
        if (ss->have_meta && ss->have_syms)
            ss->stage = FINISHED;
    }
    return r;
}

/* Steps over what is buffered; at_end: no more text will come. */
static enum scan_result scan_run(struct symscan *ss, int at_end)
{
    while (ss->stage != FINISHED) {
        if (!at_end && ss->len - ss->pos < ss->wait_for)
            return SCAN_MORE;
        enum scan_result r = step(ss);
        if (r == SCAN_BAD)
            return r;
        if (r == SCAN_MORE) {
            ss->wait_for = 2 * (ss->len - ss->pos);
            return SCAN_MORE;
        }
        ss->wait_for = 0;
    }
    return SCAN_DONE;
}

/* Room for at least CHUNK more bytes after the unread text; -1 when the
 * unread text alone would pass the cap, or out of memory. */
static int scan_room(struct symscan *ss, char **room, size_t *avail)
{
    if (ss->cap - ss->len < CHUNK && ss->pos) {
        memmove(ss->buf, ss->buf + ss->pos, ss->len - ss->pos);
        ss->len -= ss->pos;
        ss->pos = 0;
    }
    if (ss->cap - ss->len < CHUNK) {
        size_t cap = ss->cap ? ss->cap * 2 : 4 * CHUNK;
        if (ss->len + CHUNK > ISF_MAX_JSON_BYTES)
            return -1;
        char *b = realloc(ss->buf, cap);
        if (!b)
            return -1;
        ss->buf = b;
        ss->cap = cap;
    }
    *room = ss->buf + ss->len;
    *avail = ss->cap - ss->len;
    return 0;
}

static void reset(struct isf_symbols *out)
{
    for (size_t i = 0; i < out->n; i++)
        free(out->syms[i].name);
    free(out->syms);
    memset(out, 0, sizeof *out);
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

/* Feed the text to ss, decompressing it chunk by chunk when it is .xz,
 * until the scan has what it needs.  *why says what went wrong. */
static enum scan_result feed(struct symscan *ss, const uint8_t *file, size_t flen, const char **why)
{
    enum scan_result r = SCAN_MORE;
    char *room;
    size_t avail;
    if (!xz_is_compressed(file, flen)) {
        if (flen > ISF_MAX_JSON_BYTES) {
            *why = "too large for a symbol table";
            return SCAN_BAD;
        }
        for (size_t done = 0; r == SCAN_MORE;) {
            if (scan_room(ss, &room, &avail) != 0)
                return SCAN_BAD;
            size_t n = flen - done < avail ? flen - done : avail;
            memcpy(room, file + done, n);
            if (json_shape_feed(ss->shape, room, n) != 0)
                return SCAN_BAD;
            ss->len += n;
            done += n;
            r = scan_run(ss, done == flen);
            if (done == flen)
                break;
        }
        return r;
    }
    lzma_stream z = LZMA_STREAM_INIT;
    if (lzma_stream_decoder(&z, 256u << 20, LZMA_CONCATENATED) != LZMA_OK) {
        *why = "cannot start the xz decoder";
        return SCAN_BAD;
    }
    z.next_in = file;
    z.avail_in = flen;
    uint64_t total = 0;
    while (r == SCAN_MORE) {
        if (scan_room(ss, &room, &avail) != 0) {
            *why = "too large for a symbol table";
            r = SCAN_BAD;
            break;
        }
        z.next_out = (uint8_t *)room;
        z.avail_out = avail;
        lzma_ret lr = lzma_code(&z, LZMA_FINISH);
        size_t got = avail - z.avail_out;
        if (json_shape_feed(ss->shape, room, got) != 0) {
            r = SCAN_BAD;
            break;
        }
        ss->len += got;
        total += got;
        int ended = lr == LZMA_STREAM_END;
        if (total > ISF_MAX_JSON_BYTES) {
            *why = "decompresses to more than a symbol table can be";
            r = SCAN_BAD;
            break;
        }
        r = scan_run(ss, ended);
        if (r != SCAN_MORE || ended)
            break;
        if (lr != LZMA_OK) {
            *why = lr == LZMA_BUF_ERROR ? "truncated xz data" : "corrupt xz data";
            break;
        }
    }
    lzma_end(&z);
    return r;
}

static struct isf_symbols *load(const void *data, size_t flen, const char *label, const struct filter *want,
                                struct ep_error *err)
{
    struct isf_symbols *out = calloc(1, sizeof *out);
    if (!out) {
        ep_fail(err, "%s: out of memory", label);
        return NULL;
    }
    /* The same shape caps as the full loader's, checked on the text as it
     * is decompressed: a table the loader would refuse is refused here
     * too, after reading no more of it. */
    struct symscan ss = { .stage = AT_OPEN, .want = want, .out = out, .shape = malloc(sizeof *ss.shape) };
    if (!ss.shape) {
        isf_symbols_free(out);
        ep_fail(err, "%s: out of memory", label);
        return NULL;
    }
    json_shape_init(ss.shape);
    const char *why = "no readable metadata and symbols sections";
    enum scan_result r = feed(&ss, data, flen, &why);
    free(ss.buf);
    if (r != SCAN_DONE) {
        isf_symbols_free(out);
        if (ss.shape->problem[0])
            ep_fail(err, "%s: symbol table over eproc's limits: %s", label, ss.shape->problem);
        else
            ep_fail(err, "%s: malformed symbol table: %s", label, why);
        free(ss.shape);
        return NULL;
    }
    free(ss.shape);
    sort_items(out->syms, out->n, sizeof *out->syms, by_name);
    return out;
}

struct isf_symbols *isf_symbols_load_buffer(const void *data, size_t flen, const char *label, struct ep_error *err)
{
    return load(data, flen, label, NULL, err);
}

static struct isf_symbols *load_path(const char *path, const struct filter *want, struct ep_error *err)
{
    uint8_t *file = NULL;
    size_t flen = 0;
    if (read_file(path, &file, &flen, err) != 0)
        return NULL;
    struct isf_symbols *out = load(file, flen, path, want, err);
    free(file);
    return out;
}

struct isf_symbols *isf_symbols_load(const char *path, struct ep_error *err)
{
    return load_path(path, NULL, err);
}

struct isf_symbols *isf_symbols_load_wanted(const char *path, const char *const *names, unsigned nnames,
                                            struct ep_error *err)
{
    struct filter want = { calloc(nnames ? nnames : 1, sizeof *want.names), 0 };
    if (!want.names) {
        ep_fail(err, "%s: out of memory", path);
        return NULL;
    }
    for (unsigned i = 0; i < nnames; i++)
        want.names[want.n++] = names[i];
    sort_items(want.names, want.n, sizeof *want.names, by_string);
    unsigned n = 0;
    for (unsigned i = 0; i < want.n; i++)
        if (n == 0 || strcmp(want.names[n - 1], want.names[i]) != 0)
            want.names[n++] = want.names[i];
    want.n = n;
    struct isf_symbols *out = load_path(path, &want, err);
    free(want.names);
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
