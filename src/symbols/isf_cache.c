/* Parsed symbol tables, cached (isf_cache.h).
 *
 * A copy is, in this order (integers little-endian):
 *   "eproc-isfmodel 1\n"
 *   str KEY                        the table's identity (cachefile_identity)
 *   str FORMAT, str PDB-NAME, str GUID, u32 AGE, u32 MACHINE
 *   u32 N, then N base types:      str NAME, str KIND, u32 SIZE, u8 SIGNED
 *   u32 N, then N user types:      str NAME, u8 KIND, u32 SIZE, u32 NFIELDS,
 *                                  then per field: str NAME, u32 OFFSET, type
 *   u32 N, then N enums:           str NAME, u32 SIZE, str BASE, u32 NCONST,
 *                                  then per constant: str NAME, u64 VALUE
 *   u32 N, then N symbols:         str NAME, u64 ADDRESS, u8 FLAGS (1 has an
 *                                  address, 2 has a type), [type]
 *   64 hex digits                  SHA-256 of every byte before them
 * where str is a u32 length and that many bytes (no NUL), and a type is u8
 * KIND then: str NAME (base, struct, union, class, enum), u32 COUNT + type
 * (array), type (pointer), u8 POSITION + u8 LENGTH + type (bitfield), or
 * nothing (function).  Every array is stored in the model's sorted order;
 * the reader demands strictly ascending names, the ranges and the nesting
 * the JSON loader enforces (isf_load.c), and that the last byte read is
 * the last before the checksum. */
#include "symbols/isf_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/sha256.h"
#include "symbols/arena.h"
#include "symbols/cachefile.h"
#include "symbols/isf_internal.h"
#include "symbols/json_shape.h"

#define MAGIC "eproc-isfmodel 1\n"
#define SUM_LEN 64
#define MAX_TYPE_DEPTH 16                 /* as isf_load.c */
#define MAX_COPY_BYTES (256u << 20)       /* a 64 MiB table's model is well under this */
#define PREFIX "isfmodel-"

/* --- writing --- */

struct out {
    uint8_t *p;
    size_t n, cap;
    int failed;
};

static void put(struct out *o, const void *data, size_t n)
{
    if (o->failed)
        return;
    if (o->cap - o->n < n) {
        size_t cap = o->cap ? o->cap : 1u << 20;
        while (cap - o->n < n)
            cap *= 2;
        uint8_t *p = cap <= MAX_COPY_BYTES ? realloc(o->p, cap) : NULL;
        if (!p) {
            o->failed = 1;
            return;
        }
        o->p = p;
        o->cap = cap;
    }
    memcpy(o->p + o->n, data, n);
    o->n += n;
}

static void put_u8(struct out *o, unsigned v)
{
    uint8_t b = (uint8_t)v;
    put(o, &b, 1);
}

static void put_u32(struct out *o, uint32_t v)
{
    uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
    put(o, b, 4);
}

static void put_u64(struct out *o, uint64_t v)
{
    put_u32(o, (uint32_t)v);
    put_u32(o, (uint32_t)(v >> 32));
}

static void put_str(struct out *o, const char *s)
{
    if (!s) {                /* loaded models have no NULL names: do not store what cannot be read back */
        o->failed = 1;
        return;
    }
    size_t n = strlen(s);
    put_u32(o, (uint32_t)n);
    put(o, s, n);
}

static void put_type(struct out *o, const struct isf_type *t, int depth)
{
    if (!t || depth > MAX_TYPE_DEPTH) {
        o->failed = 1;
        return;
    }
    put_u8(o, (unsigned)t->kind);
    switch (t->kind) {
    case ISF_KIND_BASE:
    case ISF_KIND_STRUCT:
    case ISF_KIND_UNION:
    case ISF_KIND_CLASS:
    case ISF_KIND_ENUM:
        put_str(o, t->name);
        break;
    case ISF_KIND_FUNCTION:
        break;
    case ISF_KIND_ARRAY:
        put_u32(o, t->count);
        put_type(o, t->sub, depth + 1);
        break;
    case ISF_KIND_POINTER:
        put_type(o, t->sub, depth + 1);
        break;
    case ISF_KIND_BITFIELD:
        put_u8(o, t->bit_position);
        put_u8(o, t->bit_length);
        put_type(o, t->sub, depth + 1);
        break;
    }
}

uint8_t *isf_cache_encode(const struct isf *isf, const char *key, size_t *len)
{
    struct out o = { 0 };
    put(&o, MAGIC, strlen(MAGIC));
    put_str(&o, key);
    put_str(&o, isf->format);
    put_str(&o, isf->pdb_name);
    put_str(&o, isf->guid);
    put_u32(&o, isf->age);
    put_u32(&o, isf->machine_type);
    put_u32(&o, isf->nbase);
    for (uint32_t i = 0; i < isf->nbase; i++) {
        const struct isf_base_type *b = &isf->base_types[i];
        put_str(&o, b->name);
        put_str(&o, b->kind);
        put_u32(&o, b->size);
        put_u8(&o, b->is_signed != 0);
    }
    put_u32(&o, isf->nuser);
    for (uint32_t i = 0; i < isf->nuser; i++) {
        const struct isf_user_type *u = &isf->user_types[i];
        put_str(&o, u->name);
        put_u8(&o, (unsigned)u->kind);
        put_u32(&o, u->size);
        put_u32(&o, u->nfields);
        for (uint32_t f = 0; f < u->nfields; f++) {
            put_str(&o, u->fields[f].name);
            put_u32(&o, u->fields[f].offset);
            put_type(&o, &u->fields[f].type, 0);
        }
    }
    put_u32(&o, isf->nenum);
    for (uint32_t i = 0; i < isf->nenum; i++) {
        const struct isf_enum *e = &isf->enums[i];
        put_str(&o, e->name);
        put_u32(&o, e->size);
        put_str(&o, e->base);
        put_u32(&o, e->nconstants);
        for (uint32_t c = 0; c < e->nconstants; c++) {
            put_str(&o, e->constants[c].name);
            put_u64(&o, (uint64_t)e->constants[c].value);
        }
    }
    put_u32(&o, isf->nsym);
    for (uint32_t i = 0; i < isf->nsym; i++) {
        const struct isf_symbol *s = &isf->symbols[i];
        put_str(&o, s->name);
        put_u64(&o, s->address);
        put_u8(&o, (s->has_address ? 1u : 0u) | (s->type ? 2u : 0u));
        if (s->type)
            put_type(&o, s->type, 0);
    }
    if (!o.failed) {
        struct sha256 h;
        char hex[65];
        sha256_init(&h);
        sha256_update(&h, o.p, o.n);
        sha256_hex(&h, hex);
        put(&o, hex, SUM_LEN);
    }
    if (o.failed) {
        free(o.p);
        return NULL;
    }
    *len = o.n;
    return o.p;
}

/* --- reading --- */

struct in {
    const uint8_t *p, *end;
    struct isf_arena *arena;
    int bad;
};

static int need(struct in *r, size_t n)
{
    if (r->bad || (size_t)(r->end - r->p) < n) {
        r->bad = 1;
        return -1;
    }
    return 0;
}

static unsigned get_u8(struct in *r)
{
    return need(r, 1) ? 0 : *r->p++;
}

static uint32_t get_u32(struct in *r)
{
    if (need(r, 4))
        return 0;
    uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
    r->p += 4;
    return v;
}

static uint64_t get_u64(struct in *r)
{
    uint64_t lo = get_u32(r);
    return lo | (uint64_t)get_u32(r) << 32;
}

/* A count of elements that take at least min bytes each: never more than
 * what is left could hold, nor than the loader's per-section cap. */
static uint32_t get_count(struct in *r, size_t min)
{
    uint32_t n = get_u32(r);
    if (!r->bad && (n > SHAPE_MAX_MEMBERS || (size_t)(r->end - r->p) / min < n))
        r->bad = 1;
    return r->bad ? 0 : n;
}

/* A string into the arena (or into buf of size bufsz when buf is set). */
static const char *get_str(struct in *r, char *buf, size_t bufsz)
{
    uint32_t n = get_u32(r);
    if (r->bad || n > SHAPE_MAX_STRING || need(r, n) || memchr(r->p, 0, n) || (buf && n >= bufsz)) {
        r->bad = 1;
        return "";
    }
    char *s = buf ? buf : arena_alloc(r->arena, (size_t)n + 1);
    if (!s) {
        r->bad = 1;
        return "";
    }
    memcpy(s, r->p, n);
    s[n] = 0;
    r->p += n;
    return s;
}

static void get_type(struct in *r, struct isf_type *t, int depth)
{
    unsigned kind = get_u8(r);
    if (r->bad || depth > MAX_TYPE_DEPTH || kind > ISF_KIND_FUNCTION) {
        r->bad = 1;
        return;
    }
    t->kind = (enum isf_kind)kind;
    struct isf_type *sub = NULL;
    switch (t->kind) {
    case ISF_KIND_BASE:
    case ISF_KIND_STRUCT:
    case ISF_KIND_UNION:
    case ISF_KIND_CLASS:
    case ISF_KIND_ENUM:
        t->name = get_str(r, NULL, 0);
        return;
    case ISF_KIND_FUNCTION:
        return;
    case ISF_KIND_ARRAY:
        t->count = get_u32(r);
        break;
    case ISF_KIND_POINTER:
        break;
    case ISF_KIND_BITFIELD: {
        unsigned pos = get_u8(r), len = get_u8(r);
        if (pos > 63 || len == 0 || pos + len > 64)
            r->bad = 1;
        t->bit_position = (uint8_t)pos;
        t->bit_length = (uint8_t)len;
        break;
    }
    }
    if (r->bad || !(sub = arena_alloc(r->arena, sizeof *sub))) {
        r->bad = 1;
        return;
    }
    get_type(r, sub, depth + 1);
    t->sub = sub;
}

/* Names of one model array strictly ascending (the loader's sorted order,
 * and no name twice, as JSON objects without repeated keys give). */
static int ascending(const void *items, uint32_t n, size_t size)
{
    const char *p = items;
    for (uint32_t i = 1; i < n; i++)
        if (strcmp(*(const char *const *)(p + (i - 1) * size), *(const char *const *)(p + i * size)) >= 0)
            return 0;
    return 1;
}

static void decode_body(struct in *r, struct isf *isf)
{
    uint32_t n = get_count(r, 13);
    if (!r->bad && !(isf->base_types = calloc((size_t)n + 1, sizeof *isf->base_types)))
        r->bad = 1;
    for (uint32_t i = 0; i < n && !r->bad; i++) {
        struct isf_base_type *b = &isf->base_types[isf->nbase++];
        b->name = get_str(r, NULL, 0);
        b->kind = get_str(r, NULL, 0);
        b->size = get_u32(r);
        unsigned sign = get_u8(r);
        if (b->size > 64 || sign > 1)
            r->bad = 1;
        b->is_signed = (int)sign;
    }
    n = get_count(r, 13);
    if (!r->bad && !(isf->user_types = calloc((size_t)n + 1, sizeof *isf->user_types)))
        r->bad = 1;
    for (uint32_t i = 0; i < n && !r->bad; i++) {
        struct isf_user_type *u = &isf->user_types[isf->nuser++];
        u->name = get_str(r, NULL, 0);
        unsigned kind = get_u8(r);
        if (kind != ISF_KIND_STRUCT && kind != ISF_KIND_UNION && kind != ISF_KIND_CLASS)
            r->bad = 1;
        u->kind = (enum isf_kind)kind;
        u->size = get_u32(r);
        uint32_t nf = get_count(r, 9);
        if (!r->bad && !(u->fields = arena_alloc(r->arena, ((size_t)nf + 1) * sizeof *u->fields)))
            r->bad = 1;
        for (uint32_t f = 0; f < nf && !r->bad; f++) {
            struct isf_field *fd = &u->fields[u->nfields++];
            fd->name = get_str(r, NULL, 0);
            fd->offset = get_u32(r);
            get_type(r, &fd->type, 0);
        }
        if (!r->bad && !ascending(u->fields, u->nfields, sizeof *u->fields))
            r->bad = 1;
    }
    n = get_count(r, 16);
    if (!r->bad && !(isf->enums = calloc((size_t)n + 1, sizeof *isf->enums)))
        r->bad = 1;
    for (uint32_t i = 0; i < n && !r->bad; i++) {
        struct isf_enum *e = &isf->enums[isf->nenum++];
        e->name = get_str(r, NULL, 0);
        e->size = get_u32(r);
        e->base = get_str(r, NULL, 0);
        uint32_t nc = get_count(r, 12);
        if (e->size > 64 ||
            (!r->bad && !(e->constants = arena_alloc(r->arena, ((size_t)nc + 1) * sizeof *e->constants))))
            r->bad = 1;
        for (uint32_t c = 0; c < nc && !r->bad; c++) {
            e->constants[e->nconstants].name = get_str(r, NULL, 0);
            e->constants[e->nconstants++].value = (int64_t)get_u64(r);
        }
    }
    n = get_count(r, 13);
    if (!r->bad && !(isf->symbols = calloc((size_t)n + 1, sizeof *isf->symbols)))
        r->bad = 1;
    for (uint32_t i = 0; i < n && !r->bad; i++) {
        struct isf_symbol *s = &isf->symbols[isf->nsym++];
        s->name = get_str(r, NULL, 0);
        s->address = get_u64(r);
        unsigned flags = get_u8(r);
        if (flags > 3 || (!(flags & 1) && s->address))
            r->bad = 1;
        s->has_address = (int)(flags & 1);
        if (flags & 2) {
            struct isf_type *t = r->bad ? NULL : arena_alloc(r->arena, sizeof *t);
            if (!t)
                r->bad = 1;
            else
                get_type(r, t, 0);
            s->type = t;
        }
    }
    if (!r->bad && (!ascending(isf->base_types, isf->nbase, sizeof *isf->base_types) ||
                    !ascending(isf->user_types, isf->nuser, sizeof *isf->user_types) ||
                    !ascending(isf->enums, isf->nenum, sizeof *isf->enums) ||
                    !ascending(isf->symbols, isf->nsym, sizeof *isf->symbols)))
        r->bad = 1;
}

struct isf *isf_cache_decode(const uint8_t *data, size_t len, const char *key, const char *label)
{
    size_t mlen = strlen(MAGIC);
    if (len < mlen + SUM_LEN || memcmp(data, MAGIC, mlen) != 0)
        return NULL;
    struct sha256 h;
    char hex[65];
    sha256_init(&h);
    sha256_update(&h, data, len - SUM_LEN);
    sha256_hex(&h, hex);
    if (memcmp(hex, data + len - SUM_LEN, SUM_LEN) != 0)
        return NULL;
    struct isf *isf = calloc(1, sizeof *isf);
    if (!isf || !(isf->arena = arena_new())) {
        free(isf);
        return NULL;
    }
    struct in r = { data + mlen, data + len - SUM_LEN, isf->arena, 0 };
    char stored_key[4200];
    get_str(&r, stored_key, sizeof stored_key);
    if (!r.bad && strcmp(stored_key, key) != 0)
        r.bad = 1;
    get_str(&r, isf->format, sizeof isf->format);
    get_str(&r, isf->pdb_name, sizeof isf->pdb_name);
    get_str(&r, isf->guid, sizeof isf->guid);
    size_t glen = strlen(isf->guid);
    if ((glen != 0 && glen != 32) || strspn(isf->guid, "0123456789ABCDEF") != glen)
        r.bad = 1;
    isf->age = get_u32(&r);
    isf->machine_type = get_u32(&r);
    if (!r.bad)
        decode_body(&r, isf);
    if (r.bad || r.p != r.end) {
        isf_free(isf);
        return NULL;
    }
    snprintf(isf->source, sizeof isf->source, "%s", label);
    return isf;
}

/* --- the cache --- */

/* The table's identity: what changes when the file is replaced or
 * rewritten (change time too: a rewrite that restores the modification
 * time still moves it), and its absolute path. */
static int copy_path(const char *real, char *buf, size_t n)
{
    char dir[4096], hex[65];
    if (cachefile_dir(dir, sizeof dir) != 0)
        return -1;
    struct sha256 h;
    sha256_init(&h);
    sha256_update(&h, real, strlen(real));
    sha256_hex(&h, hex);
    hex[24] = 0;
    int w = snprintf(buf, n, "%s/" PREFIX "%s", dir, hex);
    return w > 0 && (size_t)w < n ? 0 : -1;
}

struct isf *isf_load_cached(const char *path, enum isf_cache_use *use, struct ep_error *err)
{
    char key[4200], real[4096], cpath[4300];
    enum isf_cache_use how = ISF_CACHE_MISS;
    int cacheable = cachefile_identity(path, key, sizeof key, real, sizeof real) == 0 &&
                    copy_path(real, cpath, sizeof cpath) == 0;
    if (cacheable) {
        char *data;
        size_t len;
        int got = cachefile_read(cpath, MAX_COPY_BYTES, &data, &len);
        if (got == 0) {
            struct isf *isf = isf_cache_decode((const uint8_t *)data, len, key, path);
            free(data);
            if (isf) {
                if (use)
                    *use = ISF_CACHE_HIT;
                return isf;
            }
        }
        if (got != -1)
            how = ISF_CACHE_BAD;
    }
    if (use)
        *use = how;
    struct isf *isf = isf_load_file(path, err);
    if (isf && cacheable) {
        size_t len;
        uint8_t *copy = isf_cache_encode(isf, key, &len);
        if (copy && cachefile_write(cpath, copy, len) == 0)
            cachefile_trim(PREFIX, ISF_CACHE_KEEP);
        free(copy);
    }
    return isf;
}
