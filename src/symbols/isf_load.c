/* Loading ISF JSON (.json / .json.xz) into the model.
 *
 * The ISF schema (Volatility 3, schemas/schema-6.x.json): a top-level object
 * with "metadata", "base_types", "user_types", "enums" and "symbols".  Every
 * value is checked for its JSON type and range; the first problem rejects
 * the file with its path inside the document. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "symbols/arena.h"
#include "symbols/isf_internal.h"
#include "symbols/json_shape.h"

#define MAX_TYPE_DEPTH 16                 /* pointer-to-array-of-... nesting */
#define MAX_ENTRIES SHAPE_MAX_MEMBERS      /* per section (the shape check stops more first) */

struct loader {
    const char *label;
    struct isf *isf;
    struct ep_error *err;
    int failed;
};

static int bad(struct loader *L, const char *where, const char *problem)
{
    if (!L->failed)
        ep_fail(L->err, "%s: malformed symbol table: %s %s", L->label, where, problem);
    L->failed = 1;
    return -1;
}

static const char *sdup(struct loader *L, const char *s)
{
    char *p = arena_strdup(L->isf->arena, s);
    if (!p) {
        if (!L->failed)
            ep_fail(L->err, "%s: out of memory", L->label);
        L->failed = 1;
        return "";
    }
    return p;
}

/* Non-negative integer member, at most max. */
static int get_uint(struct loader *L, json_t *obj, const char *key, uint64_t max, uint64_t *out, const char *where)
{
    json_t *v = json_object_get(obj, key);
    char w[320];
    snprintf(w, sizeof w, "%s.%s", where, key);
    if (!v)
        return bad(L, w, "is missing");
    if (!json_is_integer(v) || json_integer_value(v) < 0 || (uint64_t)json_integer_value(v) > max)
        return bad(L, w, "is not an integer in range");
    *out = (uint64_t)json_integer_value(v);
    return 0;
}

static const char *get_str(struct loader *L, json_t *obj, const char *key, const char *where)
{
    json_t *v = json_object_get(obj, key);
    char w[320];
    snprintf(w, sizeof w, "%s.%s", where, key);
    if (!json_is_string(v)) {
        bad(L, w, v ? "is not a string" : "is missing");
        return NULL;
    }
    return json_string_value(v);
}

static int parse_kind(const char *s, enum isf_kind *k)
{
    static const struct { const char *name; enum isf_kind kind; } kinds[] = {
        { "base", ISF_KIND_BASE }, { "pointer", ISF_KIND_POINTER }, { "array", ISF_KIND_ARRAY },
        { "bitfield", ISF_KIND_BITFIELD }, { "struct", ISF_KIND_STRUCT }, { "union", ISF_KIND_UNION },
        { "class", ISF_KIND_CLASS }, { "enum", ISF_KIND_ENUM }, { "function", ISF_KIND_FUNCTION },
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(s, kinds[i].name) == 0) {
            *k = kinds[i].kind;
            return 0;
        }
    return -1;
}

static int parse_type(struct loader *L, json_t *j, struct isf_type *t, const char *where, int depth)
{
    if (depth > MAX_TYPE_DEPTH)
        return bad(L, where, "nests types too deeply");
    if (!json_is_object(j))
        return bad(L, where, "is not a type object");
    const char *kind = get_str(L, j, "kind", where);
    if (!kind)
        return -1;
    if (parse_kind(kind, &t->kind) != 0)
        return bad(L, where, "has an unknown kind");
    char w[320];
    uint64_t v;
    switch (t->kind) {
    case ISF_KIND_BASE:
    case ISF_KIND_STRUCT:
    case ISF_KIND_UNION:
    case ISF_KIND_CLASS:
    case ISF_KIND_ENUM: {
        const char *name = get_str(L, j, "name", where);
        if (!name)
            return -1;
        t->name = sdup(L, name);
        return 0;
    }
    case ISF_KIND_FUNCTION:
        return 0;
    case ISF_KIND_ARRAY:
        if (get_uint(L, j, "count", UINT32_MAX, &v, where) != 0)
            return -1;
        t->count = (uint32_t)v;
        /* fall through */
    case ISF_KIND_POINTER: {
        snprintf(w, sizeof w, "%s.subtype", where);
        json_t *sub = json_object_get(j, "subtype");
        struct isf_type *st = arena_alloc(L->isf->arena, sizeof *st);
        if (!st)
            return bad(L, where, "cannot be stored (out of memory)");
        if (parse_type(L, sub, st, w, depth + 1) != 0)
            return -1;
        t->sub = st;
        return 0;
    }
    case ISF_KIND_BITFIELD: {
        uint64_t pos, len;
        if (get_uint(L, j, "bit_position", 63, &pos, where) != 0 ||
            get_uint(L, j, "bit_length", 64, &len, where) != 0)
            return -1;
        if (len == 0 || pos + len > 64)
            return bad(L, where, "has an impossible bit range");
        t->bit_position = (uint8_t)pos;
        t->bit_length = (uint8_t)len;
        snprintf(w, sizeof w, "%s.type", where);
        struct isf_type *st = arena_alloc(L->isf->arena, sizeof *st);
        if (!st)
            return bad(L, where, "cannot be stored (out of memory)");
        if (parse_type(L, json_object_get(j, "type"), st, w, depth + 1) != 0)
            return -1;
        t->sub = st;
        return 0;
    }
    }
    return 0;
}

static json_t *section(struct loader *L, json_t *root, const char *name, size_t *n)
{
    json_t *s = json_object_get(root, name);
    if (!json_is_object(s)) {
        bad(L, name, s ? "is not an object" : "is missing");
        return NULL;
    }
    *n = json_object_size(s);
    if (*n > MAX_ENTRIES) {
        bad(L, name, "has too many entries");
        return NULL;
    }
    return s;
}

static int load_metadata(struct loader *L, json_t *root)
{
    json_t *m = json_object_get(root, "metadata");
    if (!json_is_object(m))
        return bad(L, "metadata", m ? "is not an object" : "is missing");
    const char *format = get_str(L, m, "format", "metadata");
    if (!format)
        return -1;
    /* Volatility 3 reads formats 4.x-6.x; eproc reads the same fields. */
    int major = atoi(format);
    if (major < 4 || major > 6)
        return bad(L, "metadata.format", "is a version eproc does not know (expected 4.x to 6.x)");
    snprintf(L->isf->format, sizeof L->isf->format, "%s", format);
    json_t *pdb = json_object_get(json_object_get(m, "windows"), "pdb");
    if (json_is_object(pdb)) {
        const char *guid = get_str(L, pdb, "GUID", "metadata.windows.pdb");
        const char *db = get_str(L, pdb, "database", "metadata.windows.pdb");
        uint64_t age, machine = 0;
        if (!guid || !db || get_uint(L, pdb, "age", UINT32_MAX, &age, "metadata.windows.pdb") != 0)
            return -1;
        if (json_object_get(pdb, "machine_type") &&
            get_uint(L, pdb, "machine_type", UINT32_MAX, &machine, "metadata.windows.pdb") != 0)
            return -1;
        if (strlen(guid) != 32 || strspn(guid, "0123456789abcdefABCDEF") != 32)
            return bad(L, "metadata.windows.pdb.GUID", "is not 32 hex digits");
        for (int i = 0; i < 32; i++)
            L->isf->guid[i] = (char)((guid[i] >= 'a' && guid[i] <= 'f') ? guid[i] - 32 : guid[i]);
        L->isf->guid[32] = 0;
        snprintf(L->isf->pdb_name, sizeof L->isf->pdb_name, "%s", db);
        L->isf->age = (uint32_t)age;
        L->isf->machine_type = (uint32_t)machine;
    }
    return 0;
}

static int load_base_types(struct loader *L, json_t *root)
{
    size_t n;
    json_t *s = section(L, root, "base_types", &n);
    if (!s)
        return -1;
    L->isf->base_types = calloc(n + 1, sizeof *L->isf->base_types);
    if (!L->isf->base_types)
        return bad(L, "base_types", "cannot be stored (out of memory)");
    const char *key;
    json_t *v;
    json_object_foreach(s, key, v) {
        char w[320];
        snprintf(w, sizeof w, "base_types.%.200s", key);
        if (!json_is_object(v))
            return bad(L, w, "is not an object");
        struct isf_base_type *b = &L->isf->base_types[L->isf->nbase++];
        uint64_t size;
        const char *kind = get_str(L, v, "kind", w);
        if (!kind || get_uint(L, v, "size", 64, &size, w) != 0)
            return -1;
        b->name = sdup(L, key);
        b->kind = sdup(L, kind);
        b->size = (uint32_t)size;
        b->is_signed = json_is_true(json_object_get(v, "signed"));
    }
    return 0;
}

static int load_user_types(struct loader *L, json_t *root)
{
    size_t n;
    json_t *s = section(L, root, "user_types", &n);
    if (!s)
        return -1;
    L->isf->user_types = calloc(n + 1, sizeof *L->isf->user_types);
    if (!L->isf->user_types)
        return bad(L, "user_types", "cannot be stored (out of memory)");
    const char *key;
    json_t *v;
    json_object_foreach(s, key, v) {
        char w[320];
        snprintf(w, sizeof w, "user_types.%.200s", key);
        if (!json_is_object(v))
            return bad(L, w, "is not an object");
        struct isf_user_type *u = &L->isf->user_types[L->isf->nuser++];
        u->name = sdup(L, key);
        const char *kind = get_str(L, v, "kind", w);
        uint64_t size;
        if (!kind || get_uint(L, v, "size", UINT32_MAX, &size, w) != 0)
            return -1;
        if (parse_kind(kind, &u->kind) != 0 ||
            (u->kind != ISF_KIND_STRUCT && u->kind != ISF_KIND_UNION && u->kind != ISF_KIND_CLASS))
            return bad(L, w, "has a kind that is not struct, union or class");
        u->size = (uint32_t)size;
        json_t *fields = json_object_get(v, "fields");
        if (!json_is_object(fields))
            return bad(L, w, fields ? "has fields that are not an object" : "has no fields");
        size_t nf = json_object_size(fields);
        if (nf > MAX_ENTRIES)
            return bad(L, w, "has too many fields");
        u->fields = arena_alloc(L->isf->arena, (nf + 1) * sizeof *u->fields);
        if (!u->fields)
            return bad(L, w, "cannot be stored (out of memory)");
        const char *fkey;
        json_t *fv;
        json_object_foreach(fields, fkey, fv) {
            char fw[320];
            snprintf(fw, sizeof fw, "%s.fields.%.80s", w, fkey);
            if (!json_is_object(fv))
                return bad(L, fw, "is not an object");
            struct isf_field *f = &u->fields[u->nfields++];
            uint64_t off;
            f->name = sdup(L, fkey);
            if (get_uint(L, fv, "offset", UINT32_MAX, &off, fw) != 0)
                return -1;
            f->offset = (uint32_t)off;
            char tw[340];
            snprintf(tw, sizeof tw, "%s.type", fw);
            if (parse_type(L, json_object_get(fv, "type"), &f->type, tw, 0) != 0)
                return -1;
        }
    }
    return 0;
}

static int load_enums(struct loader *L, json_t *root)
{
    size_t n;
    json_t *s = section(L, root, "enums", &n);
    if (!s)
        return -1;
    L->isf->enums = calloc(n + 1, sizeof *L->isf->enums);
    if (!L->isf->enums)
        return bad(L, "enums", "cannot be stored (out of memory)");
    const char *key;
    json_t *v;
    json_object_foreach(s, key, v) {
        char w[320];
        snprintf(w, sizeof w, "enums.%.200s", key);
        if (!json_is_object(v))
            return bad(L, w, "is not an object");
        struct isf_enum *e = &L->isf->enums[L->isf->nenum++];
        uint64_t size;
        const char *base = get_str(L, v, "base", w);
        if (!base || get_uint(L, v, "size", 64, &size, w) != 0)
            return -1;
        e->name = sdup(L, key);
        e->base = sdup(L, base);
        e->size = (uint32_t)size;
        json_t *consts = json_object_get(v, "constants");
        if (!json_is_object(consts))
            return bad(L, w, "has no constants object");
        size_t nc = json_object_size(consts);
        if (nc > MAX_ENTRIES)
            return bad(L, w, "has too many constants");
        e->constants = arena_alloc(L->isf->arena, (nc + 1) * sizeof *e->constants);
        if (!e->constants)
            return bad(L, w, "cannot be stored (out of memory)");
        const char *ckey;
        json_t *cv;
        json_object_foreach(consts, ckey, cv) {
            if (!json_is_integer(cv)) {
                char cw[340];
                snprintf(cw, sizeof cw, "%s.constants.%.80s", w, ckey);
                return bad(L, cw, "is not an integer");
            }
            e->constants[e->nconstants++] = (struct isf_enum_constant){ sdup(L, ckey), json_integer_value(cv) };
        }
    }
    return 0;
}

static int load_symbols(struct loader *L, json_t *root)
{
    size_t n;
    json_t *s = section(L, root, "symbols", &n);
    if (!s)
        return -1;
    L->isf->symbols = calloc(n + 1, sizeof *L->isf->symbols);
    if (!L->isf->symbols)
        return bad(L, "symbols", "cannot be stored (out of memory)");
    const char *key;
    json_t *v;
    json_object_foreach(s, key, v) {
        char w[320];
        snprintf(w, sizeof w, "symbols.%.200s", key);
        if (!json_is_object(v))
            return bad(L, w, "is not an object");
        struct isf_symbol *sym = &L->isf->symbols[L->isf->nsym++];
        sym->name = sdup(L, key);
        json_t *addr = json_object_get(v, "address");
        if (addr) {
            if (!json_is_integer(addr) || json_integer_value(addr) < 0)
                return bad(L, w, "has an address that is not a non-negative integer");
            sym->address = (uint64_t)json_integer_value(addr);
            sym->has_address = 1;
        }
        json_t *type = json_object_get(v, "type");
        if (type) {
            struct isf_type *t = arena_alloc(L->isf->arena, sizeof *t);
            char tw[340];
            snprintf(tw, sizeof tw, "%s.type", w);
            if (!t)
                return bad(L, w, "cannot be stored (out of memory)");
            if (parse_type(L, type, t, tw, 0) != 0)
                return -1;
            sym->type = t;
        }
    }
    return 0;
}

struct isf *isf_load_buffer(const void *data, size_t len, const char *label, struct ep_error *err)
{
    uint8_t *plain = NULL;
    size_t plain_len = len;
    const char *text = data;
    if (len == 0) {
        ep_fail(err, "%s: empty symbol file", label);
        return NULL;
    }
    /* Nothing is built before the whole text has passed the shape check:
     * what jansson builds next is bounded by its caps. */
    struct json_shape *shape = malloc(sizeof *shape);
    if (!shape) {
        ep_fail(err, "%s: out of memory", label);
        return NULL;
    }
    json_shape_init(shape);
    int refused = 0;
    if (xz_is_compressed(data, len)) {
        refused = xz_decompress(data, len, ISF_MAX_JSON_BYTES, shape, &plain, &plain_len, label, err) != 0;
        text = (const char *)plain;
    } else if (len > ISF_MAX_JSON_BYTES) {
        refused = ep_fail(err, "%s: %zu MiB of JSON is too large for a symbol table", label, len >> 20) != 0;
    } else if (json_shape_feed(shape, text, len) != 0) {
        refused = ep_fail(err, "%s: symbol table over eproc's limits: %s", label, shape->problem) != 0;
    }
    free(shape);
    if (refused)
        return NULL;
    json_error_t jerr;
    json_t *root = json_loadb(text, plain_len, JSON_REJECT_DUPLICATES, &jerr);
    free(plain);
    if (!root) {
        ep_fail(err, "%s: not a valid JSON symbol table: %s (line %d, column %d)", label, jerr.text, jerr.line,
                jerr.column);
        return NULL;
    }
    struct loader L = { label, calloc(1, sizeof(struct isf)), err, 0 };
    if (!L.isf || !(L.isf->arena = arena_new())) {
        ep_fail(err, "%s: out of memory", label);
        if (L.isf) free(L.isf);
        json_decref(root);
        return NULL;
    }
    snprintf(L.isf->source, sizeof L.isf->source, "%s", label);
    if (!json_is_object(root))
        bad(&L, "the document", "is not a JSON object");
    else if (load_metadata(&L, root) == 0 && load_base_types(&L, root) == 0 && load_user_types(&L, root) == 0 &&
             load_enums(&L, root) == 0)
        load_symbols(&L, root);
    json_decref(root);
    if (L.failed) {
        isf_free(L.isf);
        return NULL;
    }
    isf_sort(L.isf);
    return L.isf;
}

struct isf *isf_load_file(const char *path, struct ep_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        ep_fail(err, "%s: cannot open symbol file: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        ep_fail(err, "%s: not a regular file", path);
        return NULL;
    }
    if ((uint64_t)st.st_size > ISF_MAX_FILE_BYTES) {
        close(fd);
        ep_fail(err, "%s: %lld bytes is too large for a symbol table", path, (long long)st.st_size);
        return NULL;
    }
    size_t len = (size_t)st.st_size;
    uint8_t *buf = malloc(len + 1);
    size_t got = 0;
    while (buf && got < len) {
        ssize_t r = read(fd, buf + got, len - got);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (!buf || got != len) {
        free(buf);
        ep_fail(err, "%s: cannot read symbol file", path);
        return NULL;
    }
    struct isf *isf = isf_load_buffer(buf, len, path, err);
    free(buf);
    return isf;
}
