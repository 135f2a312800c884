#include "output/table.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/text.h"

enum cell_state { CELL_NULL, CELL_STR, CELL_INT, CELL_UINT, CELL_BOOL };

struct cell {
    enum cell_state state;
    int marked;
    union { int64_t i; uint64_t u; char *s; } v;   /* s: the bytes as given */
    char *escaped;      /* s as text/CSV show it (text_escape), or NULL when identical */
    json_t *records;    /* COL_RECORDS: the array JSON renders (s is its text form) */
};

struct table {
    const struct col_def *cols;
    unsigned ncols;
    int vertical;
    struct cell *cells;     /* nrows * ncols */
    unsigned nrows, cap;
};

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) {
        fputs("eproc: out of memory\n", stderr);
        abort();
    }
    return q;
}

struct table *table_new(const struct col_def *columns, unsigned ncolumns)
{
    struct table *t = xrealloc(NULL, sizeof *t);
    memset(t, 0, sizeof *t);
    t->cols = columns;
    t->ncols = ncolumns;
    return t;
}

void table_free(struct table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < (size_t)t->nrows * t->ncols; i++)
        if (t->cells[i].state == CELL_STR) {
            free(t->cells[i].v.s);
            free(t->cells[i].escaped);
            json_decref(t->cells[i].records);
        }
    free(t->cells);
    free(t);
}

void table_set_vertical(struct table *t, int vertical) { t->vertical = vertical; }
unsigned table_row_count(const struct table *t) { return t->nrows; }

void table_add_row(struct table *t)
{
    if (t->nrows == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->cells = xrealloc(t->cells, (size_t)t->cap * t->ncols * sizeof *t->cells);
    }
    memset(&t->cells[(size_t)t->nrows * t->ncols], 0, t->ncols * sizeof *t->cells);
    t->nrows++;
}

static struct cell *cur(struct table *t, unsigned col)
{
    if (t->nrows == 0 || col >= t->ncols) {
        fputs("eproc: internal error: cell outside table\n", stderr);
        abort();
    }
    struct cell *c = &t->cells[(size_t)(t->nrows - 1) * t->ncols + col];
    if (c->state == CELL_STR) {
        free(c->v.s);
        free(c->escaped);
        c->escaped = NULL;
        json_decref(c->records);
        c->records = NULL;
    }
    c->state = CELL_NULL;
    c->marked = 0;
    return c;
}

/* Attach the JSON form to the cell cell_str() just set. */
static void cur_records(struct table *t, unsigned col, json_t *arr)
{
    t->cells[(size_t)(t->nrows - 1) * t->ncols + col].records = arr;
}

void cell_mark(struct table *t, unsigned col)
{
    if (t->nrows && col < t->ncols)
        t->cells[(size_t)(t->nrows - 1) * t->ncols + col].marked = 1;
}

void cell_null(struct table *t, unsigned col) { cur(t, col); }

void cell_str(struct table *t, unsigned col, const char *s)
{
    struct cell *c = cur(t, col);
    if (!s)
        return;
    size_t n = strlen(s);
    /* Keep the bytes (JSON gives them back exactly) and the escaped form
     * the text and CSV renderers show (docs/output.md). */
    char *copy = xrealloc(NULL, n + 1);
    memcpy(copy, s, n + 1);
    char *esc = xrealloc(NULL, TEXT_ESCAPED_SIZE(n));
    text_escape(esc, TEXT_ESCAPED_SIZE(n), s, n);
    if (strcmp(esc, s) == 0) {
        free(esc);
        esc = NULL;
    }
    c->state = CELL_STR;
    c->v.s = copy;
    c->escaped = esc;
}

static json_t *json_text(const char *s);

void cell_records(struct table *t, unsigned col, const char *const *keys, unsigned nkeys,
                  const char *const *values, unsigned n)
{
    json_t *arr = json_array();
    size_t len = 1;
    for (size_t i = 0; i < (size_t)n * nkeys; i++)
        len += (values[i] ? strlen(values[i]) : 1) + 2;
    char *text = xrealloc(NULL, len);
    size_t at = 0;
    text[0] = 0;
    for (unsigned r = 0; r < n; r++) {
        json_t *o = json_object();
        for (unsigned k = 0; k < nkeys; k++) {
            const char *v = values[(size_t)r * nkeys + k];
            json_object_set_new(o, keys[k], v ? json_text(v) : json_null());
            const char *sep = k == 0 ? (r ? "; " : "") : k + 1 == nkeys ? "=" : ".";
            at += (size_t)snprintf(text + at, len - at, "%s%s", sep, v ? v : "-");
        }
        json_array_append_new(arr, o);
    }
    cell_str(t, col, text);
    free(text);
    cur_records(t, col, arr);
}

void cell_int(struct table *t, unsigned col, int64_t v)
{
    struct cell *c = cur(t, col);
    c->state = CELL_INT;
    c->v.i = v;
}

void cell_uint(struct table *t, unsigned col, uint64_t v)
{
    struct cell *c = cur(t, col);
    c->state = CELL_UINT;
    c->v.u = v;
}

void cell_addr(struct table *t, unsigned col, uint64_t v) { cell_uint(t, col, v); }

void cell_bool(struct table *t, unsigned col, int v)
{
    struct cell *c = cur(t, col);
    c->state = CELL_BOOL;
    c->v.i = v != 0;
}

void cell_time(struct table *t, unsigned col, uint64_t filetime)
{
    if (filetime == 0) {
        cur(t, col);
        return;
    }
    cell_uint(t, col, filetime);
}

unsigned table_col(const struct table *t, const char *key)
{
    for (unsigned i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].key, key) == 0)
            return i;
    fprintf(stderr, "eproc: internal error: no column '%s'\n", key);
    abort();
}

/* Text form of one cell; NULL for a null cell.  buf holds formatted numbers. */
static const char *cell_text(const struct col_def *col, const struct cell *c, char *buf, size_t bufsz)
{
    switch (c->state) {
    case CELL_NULL:
        return NULL;
    case CELL_STR:
        return c->escaped ? c->escaped : c->v.s;
    case CELL_BOOL:
        return c->v.i ? "true" : "false";
    case CELL_INT:
        snprintf(buf, bufsz, "%" PRId64, c->v.i);
        return buf;
    case CELL_UINT:
        switch (col->type) {
        case COL_ADDR:
        case COL_HEX:
            snprintf(buf, bufsz, "0x%" PRIx64, c->v.u);
            return buf;
        case COL_TIME:
            if (filetime_to_iso(c->v.u, buf) != 0)
                snprintf(buf, bufsz, "invalid(0x%" PRIx64 ")", c->v.u);
            return buf;
        default:
            snprintf(buf, bufsz, "%" PRIu64, c->v.u);
            return buf;
        }
    }
    return NULL;
}

/* A string for JSON: the exact characters (jansson writes controls and,
 * with JSON_ENSURE_ASCII, everything past ASCII as \uNNNN escapes).
 * Bytes that are not UTF-8 cannot be a JSON string: each becomes U+FFFD
 * here and row_json() adds the exact bytes as KEY_hex. */
static json_t *json_text(const char *s)
{
    size_t n = strlen(s);
    if (text_is_utf8(s, n))
        return json_stringn(s, n);
    char *lossy = xrealloc(NULL, 3 * n + 1);
    text_utf8_lossy(lossy, 3 * n + 1, s, n);
    json_t *j = json_string(lossy);
    free(lossy);
    return j;
}

/* "a, b,c" -> ["a","b","c"]; "" -> []. */
static json_t *json_list(const char *s)
{
    json_t *a = json_array();
    while (*s) {
        while (*s == ' ')
            s++;
        size_t n = strcspn(s, ",");
        size_t m = n;
        while (m && s[m - 1] == ' ')
            m--;
        if (m) {
            char *item = xrealloc(NULL, m + 1);
            memcpy(item, s, m);
            item[m] = 0;
            json_array_append_new(a, json_text(item));
            free(item);
        }
        s += n;
        if (*s == ',')
            s++;
    }
    return a;
}

static json_t *hex_of(const char *s)
{
    static const char digits[] = "0123456789abcdef";
    size_t n = strlen(s);
    char *h = xrealloc(NULL, 2 * n + 1);
    for (size_t i = 0; i < n; i++) {
        h[2 * i] = digits[(unsigned char)s[i] >> 4];
        h[2 * i + 1] = digits[(unsigned char)s[i] & 15];
    }
    h[2 * n] = 0;
    json_t *j = json_string(h);
    free(h);
    return j;
}

static json_t *cell_json(const struct col_def *col, const struct cell *c)
{
    char buf[64];
    switch (c->state) {
    case CELL_NULL:
        return json_null();
    case CELL_STR:
        if (c->records)
            return json_incref(c->records);
        if (col->type == COL_LIST)
            return json_list(c->v.s);
        return json_text(c->v.s);
    case CELL_BOOL:
        return json_boolean(c->v.i);
    case CELL_INT:
        return json_integer(c->v.i);
    case CELL_UINT:
        if (col->type == COL_UINT || col->type == COL_INT) {
            if (c->v.u <= (uint64_t)INT64_MAX)
                return json_integer((json_int_t)c->v.u);
            snprintf(buf, sizeof buf, "%" PRIu64, c->v.u);   /* beyond JSON ints */
            return json_string(buf);
        }
        if (col->type == COL_TIME && filetime_to_iso(c->v.u, buf) != 0)
            return json_null();
        return json_string(cell_text(col, c, buf, sizeof buf));
    }
    return json_null();
}

static json_t *row_json(const struct table *t, unsigned r)
{
    json_t *o = json_object();
    for (unsigned i = 0; i < t->ncols; i++) {
        const struct cell *c = &t->cells[(size_t)r * t->ncols + i];
        json_object_set_new(o, t->cols[i].key, cell_json(&t->cols[i], c));
        if (c->state == CELL_STR && !c->records && !text_is_utf8(c->v.s, strlen(c->v.s))) {
            char key[128];
            snprintf(key, sizeof key, "%s_hex", t->cols[i].key);
            json_object_set_new(o, key, hex_of(c->v.s));
        }
    }
    return o;
}

static int render_json(const struct table *t, FILE *out, int lines)
{
    const size_t flags = JSON_PRESERVE_ORDER | JSON_COMPACT | JSON_ENSURE_ASCII;
    if (!lines)
        fputc('[', out);
    for (unsigned r = 0; r < t->nrows; r++) {
        json_t *o = row_json(t, r);
        if (!lines && r)
            fputc(',', out);
        if (!lines)
            fputs("\n  ", out);
        int rc = json_dumpf(o, out, flags);
        json_decref(o);
        if (rc != 0)
            return -1;
        if (lines)
            fputc('\n', out);
    }
    if (!lines)
        fputs(t->nrows ? "\n]\n" : "]\n", out);
    return ferror(out) ? -1 : 0;
}

/* Spreadsheets run a cell that starts with one of these as a formula
 * (OWASP "CSV Injection"): "=HYPERLINK(...)", "@SUM(...)", "-2+3+cmd|...".
 * A string cell that starts with one gets a leading apostrophe, which
 * spreadsheets show as text and do not display.  Only string cells: a
 * negative number in a numeric column stays a number (docs/output.md). */
static int csv_formula_start(const char *s)
{
    return s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

static void csv_field(FILE *out, const char *s, int is_string)
{
    if (!s)
        return;
    int guard = is_string && csv_formula_start(s);
    if (strpbrk(s, ",\"\r\n") == NULL) {
        if (guard)
            fputc('\'', out);
        fputs(s, out);
        return;
    }
    fputc('"', out);
    if (guard)
        fputc('\'', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static int render_csv(const struct table *t, FILE *out)
{
    char buf[64];
    for (unsigned i = 0; i < t->ncols; i++) {
        if (i) fputc(',', out);
        fputs(t->cols[i].key, out);
    }
    fputc('\n', out);
    for (unsigned r = 0; r < t->nrows; r++) {
        for (unsigned i = 0; i < t->ncols; i++) {
            if (i) fputc(',', out);
            const struct cell *c = &t->cells[(size_t)r * t->ncols + i];
            csv_field(out, cell_text(&t->cols[i], c, buf, sizeof buf), c->state == CELL_STR);
        }
        fputc('\n', out);
    }
    return ferror(out) ? -1 : 0;
}

/* Text columns are at most this wide: a hostile capture can hold 32K-
 * character names, and padding every row to one of them would turn a
 * table into gigabytes.  Longer cells are cut with "...". */
#define TEXT_CELL_MAX 256

/* Display width in characters (UTF-8 continuation bytes do not count). */
static size_t text_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80)
            w++;
    return w;
}

static int numeric_col(const struct col_def *c)
{
    return c->type == COL_INT || c->type == COL_UINT;
}

/* Text of a cell for the text renderer: cut to TEXT_CELL_MAX characters;
 * marked cells get a '*'. */
static const char *shown(const struct table *t, unsigned r, unsigned i, char *buf, size_t bufsz)
{
    const struct cell *c = &t->cells[(size_t)r * t->ncols + i];
    const char *s = cell_text(&t->cols[i], c, buf, bufsz);
    if (s && s != buf && text_width(s) > TEXT_CELL_MAX) {
        static _Thread_local char cut[TEXT_CELL_MAX * 4 + 8];
        size_t chars = 0, n = 0;
        while (s[n] && chars < TEXT_CELL_MAX - 3) {
            n++;
            while (((unsigned char)s[n] & 0xc0) == 0x80)
                n++;                 /* keep UTF-8 sequences whole */
            chars++;
        }
        memcpy(cut, s, n);
        memcpy(cut + n, "...", 4);
        s = cut;
    }
    if (!c->marked)
        return s;
    if (s != buf)
        snprintf(buf, bufsz, "%s", s ? s : "-");
    size_t n = strlen(buf);
    if (n + 1 < bufsz) {
        buf[n] = '*';
        buf[n + 1] = 0;
    }
    return buf;
}

static int render_text(const struct table *t, FILE *out)
{
    char buf[64];
    if (t->vertical) {
        size_t kw = 0;
        for (unsigned i = 0; i < t->ncols; i++)
            if (text_width(t->cols[i].header) > kw) kw = text_width(t->cols[i].header);
        for (unsigned r = 0; r < t->nrows; r++) {
            if (r) fputc('\n', out);
            for (unsigned i = 0; i < t->ncols; i++) {
                const char *s = cell_text(&t->cols[i], &t->cells[(size_t)r * t->ncols + i], buf, sizeof buf);
                fprintf(out, "%-*s  %s\n", (int)kw, t->cols[i].header, s ? s : "-");
            }
        }
        return ferror(out) ? -1 : 0;
    }
    size_t *w = calloc(t->ncols, sizeof *w);
    if (!w)
        return -1;
    for (unsigned i = 0; i < t->ncols; i++)
        w[i] = text_width(t->cols[i].header);
    for (unsigned r = 0; r < t->nrows; r++)
        for (unsigned i = 0; i < t->ncols; i++) {
            const char *s = shown(t, r, i, buf, sizeof buf);
            size_t n = s ? text_width(s) : 1;
            if (n > w[i]) w[i] = n;
        }
    for (int pass = -1; pass < (int)t->nrows; pass++) {
        for (unsigned i = 0; i < t->ncols; i++) {
            const char *s = pass < 0 ? t->cols[i].header : shown(t, (unsigned)pass, i, buf, sizeof buf);
            if (!s) s = "-";
            size_t pad = w[i] - text_width(s);
            int last = i + 1 == t->ncols;
            if (numeric_col(&t->cols[i]) && pass >= 0)
                fprintf(out, "%*s%s", (int)pad, "", s);
            else
                fprintf(out, "%s%*s", s, last ? 0 : (int)pad, "");
            if (!last) fputs("  ", out);
        }
        fputc('\n', out);
    }
    free(w);
    return ferror(out) ? -1 : 0;
}

int table_render(const struct table *t, enum out_format fmt, FILE *out)
{
    int rc;
    switch (fmt) {
    case OUT_JSON:  rc = render_json(t, out, 0); break;
    case OUT_JSONL: rc = render_json(t, out, 1); break;
    case OUT_CSV:   rc = render_csv(t, out); break;
    default:        rc = render_text(t, out); break;
    }
    if (fflush(out) != 0)
        rc = -1;
    return rc;
}

int out_format_parse(const char *name)
{
    if (strcmp(name, "text") == 0) return OUT_TEXT;
    if (strcmp(name, "json") == 0) return OUT_JSON;
    if (strcmp(name, "jsonl") == 0) return OUT_JSONL;
    if (strcmp(name, "csv") == 0) return OUT_CSV;
    return -1;
}
