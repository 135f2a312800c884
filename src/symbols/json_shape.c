#include "symbols/json_shape.h"

#include <stdio.h>
#include <string.h>

void json_shape_init(struct json_shape *s)
{
    memset(s, 0, sizeof *s);
}

/* "symbols", "user_types._EPROCESS.fields", "symbols.x.type.[]..." (the
 * first four names of a deeper path), or "the document". */
static void where(const struct json_shape *s, char *out, size_t n)
{
    size_t used = 0;
    out[0] = 0;
    for (uint32_t d = 2; d <= s->depth && d <= 5 && used + 1 < n; d++)
        used += (size_t)snprintf(out + used, n - used, "%s%s", used ? "." : "", s->stack[d].name);
    if (s->depth > 5 && used + 1 < n)
        snprintf(out + used, n - used, "...");
    if (!out[0])
        snprintf(out, n, "the document");
}

static int refuse(struct json_shape *s, const char *fmt, unsigned cap)
{
    char w[160];
    where(s, w, sizeof w);
    snprintf(s->problem, sizeof s->problem, fmt, w, cap);
    return -1;
}

/* A value (not a key) starts in the current container. */
static int value_starts(struct json_shape *s)
{
    if (++s->values > SHAPE_MAX_VALUES) {
        snprintf(s->problem, sizeof s->problem, "the document has more than %u values", SHAPE_MAX_VALUES);
        return -1;
    }
    struct json_shape_frame *f = &s->stack[s->depth];
    if (s->depth && !f->is_object && ++f->members > SHAPE_MAX_MEMBERS)
        return refuse(s, "%s has more than %u entries", SHAPE_MAX_MEMBERS);
    return 0;
}

static int open_container(struct json_shape *s, int is_object)
{
    if (value_starts(s) != 0)
        return -1;
    if (s->depth >= SHAPE_MAX_DEPTH)
        return refuse(s, "%s nests deeper than %u levels", SHAPE_MAX_DEPTH);
    const struct json_shape_frame *parent = &s->stack[s->depth];
    struct json_shape_frame *f = &s->stack[++s->depth];
    memset(f, 0, sizeof *f);
    f->is_object = (uint8_t)is_object;
    f->expect_key = (uint8_t)is_object;
    const char *name = s->depth == 1 ? "" : parent->is_object ? parent->key : "[]";
    size_t n = strnlen(name, sizeof f->name - 1);
    memcpy(f->name, name, n);
    f->name[n] = 0;
    return 0;
}

static int string_starts(struct json_shape *s)
{
    struct json_shape_frame *f = &s->stack[s->depth];
    s->in_string = 1;
    s->string_len = 0;
    s->string_is_key = s->depth && f->is_object && f->expect_key;
    if (!s->string_is_key)
        return value_starts(s);
    f->key[0] = 0;
    if (++f->members > SHAPE_MAX_MEMBERS)
        return refuse(s, "%s has more than %u entries", SHAPE_MAX_MEMBERS);
    return 0;
}

static int string_byte(struct json_shape *s, char c)
{
    if (++s->string_len > SHAPE_MAX_STRING)
        return refuse(s, "%s has a string longer than %u bytes", SHAPE_MAX_STRING);
    if (s->string_is_key && s->string_len < SHAPE_NAME) {
        struct json_shape_frame *f = &s->stack[s->depth];
        f->key[s->string_len - 1] = c;
        f->key[s->string_len] = 0;
    }
    return 0;
}

int json_shape_feed(struct json_shape *s, const char *p, size_t n)
{
    if (s->problem[0])
        return -1;
    for (size_t i = 0; i < n; i++) {
        /* Fast paths (a kernel table is mostly names and indentation):
         * a run of plain string bytes counts at once, as string_byte()
         * would one by one; a run of blanks between tokens only ends a
         * scalar. */
        if (s->in_string && !s->escape) {
            size_t j = i;
            while (j < n && p[j] != '"' && p[j] != '\\')
                j++;
            size_t run = j - i;
            if (run > SHAPE_MAX_STRING - s->string_len) {
                s->string_len = SHAPE_MAX_STRING;
                return string_byte(s, p[i]);
            }
            if (s->string_is_key && s->string_len < SHAPE_NAME - 1) {
                struct json_shape_frame *f = &s->stack[s->depth];
                size_t k = run < SHAPE_NAME - 1 - s->string_len ? run : SHAPE_NAME - 1 - s->string_len;
                memcpy(f->key + s->string_len, p + i, k);
                f->key[s->string_len + k] = 0;
            }
            s->string_len += (uint32_t)run;
            i = j;
            if (i == n)
                break;
        } else if (!s->in_string && (p[i] == ' ' || p[i] == '\n')) {
            while (i < n && (p[i] == ' ' || p[i] == '\n'))
                i++;
            s->in_scalar = 0;
            if (i == n)
                break;
        }
        char c = p[i];
        int rc = 0;
        if (s->in_string) {
            if (s->escape)
                s->escape = 0, rc = string_byte(s, c);
            else if (c == '\\')
                s->escape = 1;
            else if (c == '"')
                s->in_string = 0;
            else
                rc = string_byte(s, c);
        } else {
            int structural = c == '{' || c == '[' || c == '}' || c == ']' || c == ',' || c == ':' || c == '"' ||
                             c == ' ' || c == '\t' || c == '\n' || c == '\r';
            if (structural)
                s->in_scalar = 0;
            switch (c) {
            case '{': rc = open_container(s, 1); break;
            case '[': rc = open_container(s, 0); break;
            case '}':
            case ']':
                /* Unbalanced text is jansson's to report; just don't underflow. */
                if (s->depth)
                    s->depth--;
                break;
            case ',': s->stack[s->depth].expect_key = s->stack[s->depth].is_object; break;
            case ':': s->stack[s->depth].expect_key = 0; break;
            case '"': rc = string_starts(s); break;
            default:
                if (!structural && !s->in_scalar) {    /* number, true, false, null */
                    s->in_scalar = 1;
                    rc = value_starts(s);
                }
            }
        }
        if (rc != 0)
            return -1;
    }
    return 0;
}
