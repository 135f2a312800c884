/* The ISF model: lookups, sorting, sizes, and the builder. */
#include "base/sort.h"
#include "symbols/isf.h"

#include <stdlib.h>
#include <string.h>

#include "symbols/arena.h"
#include "symbols/isf_internal.h"

static int by_name(const void *a, const void *b)
{
    /* Every model array starts with `const char *name`. */
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void isf_sort(struct isf *isf)
{
    sort_items(isf->base_types, isf->nbase, sizeof *isf->base_types, by_name);
    sort_items(isf->user_types, isf->nuser, sizeof *isf->user_types, by_name);
    sort_items(isf->enums, isf->nenum, sizeof *isf->enums, by_name);
    sort_items(isf->symbols, isf->nsym, sizeof *isf->symbols, by_name);
    for (uint32_t i = 0; i < isf->nuser; i++)
        sort_items(isf->user_types[i].fields, isf->user_types[i].nfields,
              sizeof *isf->user_types[i].fields, by_name);
}

static const void *find(const void *base, size_t n, size_t size, const char *name)
{
    if (!name)
        return NULL;
    return find_item(&name, base, n, size, by_name);
}

const struct isf_user_type *isf_user_type(const struct isf *isf, const char *name)
{
    return find(isf->user_types, isf->nuser, sizeof *isf->user_types, name);
}

const struct isf_field *isf_field(const struct isf_user_type *t, const char *name)
{
    return t ? find(t->fields, t->nfields, sizeof *t->fields, name) : NULL;
}

const struct isf_symbol *isf_symbol(const struct isf *isf, const char *name)
{
    return find(isf->symbols, isf->nsym, sizeof *isf->symbols, name);
}

const struct isf_enum *isf_enum(const struct isf *isf, const char *name)
{
    return find(isf->enums, isf->nenum, sizeof *isf->enums, name);
}

const struct isf_base_type *isf_base_type(const struct isf *isf, const char *name)
{
    return find(isf->base_types, isf->nbase, sizeof *isf->base_types, name);
}

uint64_t isf_type_size(const struct isf *isf, const struct isf_type *t)
{
    /* Arrays of arrays nest; bound the walk so a hostile file cannot make
     * this loop forever (the loader also bounds nesting depth). */
    uint64_t mult = 1;
    for (int depth = 0; t && depth < 32; depth++) {
        switch (t->kind) {
        case ISF_KIND_BASE: {
            const struct isf_base_type *b = isf_base_type(isf, t->name);
            return b ? mult * b->size : 0;
        }
        case ISF_KIND_POINTER: {
            const struct isf_base_type *b = isf_base_type(isf, "pointer");
            return mult * (b ? b->size : 8);
        }
        case ISF_KIND_ARRAY:
            if (t->count && mult > UINT64_MAX / t->count)
                return 0;
            mult *= t->count;
            t = t->sub;
            break;
        case ISF_KIND_BITFIELD:
            t = t->sub;
            break;
        case ISF_KIND_STRUCT:
        case ISF_KIND_UNION:
        case ISF_KIND_CLASS: {
            const struct isf_user_type *u = isf_user_type(isf, t->name);
            return u ? mult * u->size : 0;
        }
        case ISF_KIND_ENUM: {
            const struct isf_enum *e = isf_enum(isf, t->name);
            return e ? mult * e->size : 0;
        }
        case ISF_KIND_FUNCTION:
            return 0;
        }
    }
    return 0;
}

void isf_free(struct isf *isf)
{
    if (!isf)
        return;
    free(isf->base_types);
    free(isf->user_types);
    free(isf->enums);
    free(isf->symbols);
    arena_free(isf->arena);
    free(isf);
}

const char *isf_kind_name(enum isf_kind k)
{
    switch (k) {
    case ISF_KIND_BASE: return "base";
    case ISF_KIND_POINTER: return "pointer";
    case ISF_KIND_ARRAY: return "array";
    case ISF_KIND_BITFIELD: return "bitfield";
    case ISF_KIND_STRUCT: return "struct";
    case ISF_KIND_UNION: return "union";
    case ISF_KIND_CLASS: return "class";
    case ISF_KIND_ENUM: return "enum";
    case ISF_KIND_FUNCTION: return "function";
    }
    return "?";
}

/* Is every type a reference names defined?  Returns the first missing
 * name, or NULL. */
static const char *missing_ref(const struct isf *isf, const struct isf_type *t)
{
    for (int depth = 0; t && depth < 32; depth++) {
        switch (t->kind) {
        case ISF_KIND_BASE:
            return isf_base_type(isf, t->name) ? NULL : t->name;
        case ISF_KIND_STRUCT:
        case ISF_KIND_UNION:
        case ISF_KIND_CLASS:
            return isf_user_type(isf, t->name) ? NULL : t->name;
        case ISF_KIND_ENUM:
            return isf_enum(isf, t->name) ? NULL : t->name;
        case ISF_KIND_FUNCTION:
            return NULL;
        default:
            t = t->sub;
        }
    }
    return NULL;
}

const char *isf_first_dangling(const struct isf *isf, const char **in_type, const char **in_field)
{
    for (uint32_t i = 0; i < isf->nuser; i++)
        for (uint32_t f = 0; f < isf->user_types[i].nfields; f++) {
            const char *m = missing_ref(isf, &isf->user_types[i].fields[f].type);
            if (m) {
                *in_type = isf->user_types[i].name;
                *in_field = isf->user_types[i].fields[f].name;
                return m;
            }
        }
    return NULL;
}

/* ---------------- builder ---------------- */

struct isf_builder {
    struct isf *isf;
    uint32_t cap_base, cap_user, cap_enum, cap_sym;
    uint32_t cap_fields, cap_consts;
    int failed;                 /* out of memory or misuse */
    char problem[256];
};

#define GROW(arr, n, capv) do {                                              \
    if ((n) == (capv)) {                                                     \
        uint32_t c2 = (capv) ? (capv) * 2 : 64;                              \
        void *p2 = realloc((arr), (size_t)c2 * sizeof *(arr));               \
        if (!p2) { b->failed = 1; return; }                                  \
        (arr) = p2; (capv) = c2;                                             \
    } } while (0)

struct isf_builder *isf_builder_new(const char *pdb_name, const char *guid, uint32_t age)
{
    struct isf_builder *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->isf = calloc(1, sizeof *b->isf);
    if (!b->isf || !(b->isf->arena = arena_new())) {
        free(b->isf);
        free(b);
        return NULL;
    }
    snprintf(b->isf->format, sizeof b->isf->format, "6.1.0");
    snprintf(b->isf->pdb_name, sizeof b->isf->pdb_name, "%s", pdb_name ? pdb_name : "");
    snprintf(b->isf->guid, sizeof b->isf->guid, "%s", guid ? guid : "");
    b->isf->age = age;
    b->isf->machine_type = 0x8664;
    snprintf(b->isf->source, sizeof b->isf->source, "built-in");
    return b;
}

static const char *bstr(struct isf_builder *b, const char *s)
{
    char *p = arena_strdup(b->isf->arena, s);
    if (!p)
        b->failed = 1;
    return p ? p : "";
}

void isfb_base_type(struct isf_builder *b, const char *name, const char *kind, uint32_t size, int is_signed)
{
    struct isf *isf = b->isf;
    GROW(isf->base_types, isf->nbase, b->cap_base);
    isf->base_types[isf->nbase++] = (struct isf_base_type){ bstr(b, name), bstr(b, kind), size, is_signed };
}

void isfb_x64_base_types(struct isf_builder *b)
{
    /* The base type names and sizes of Volatility's Windows x64 ISF files
     * (as in ../shared/data/isf). */
    isfb_base_type(b, "HRESULT", "int", 4, 0);
    isfb_base_type(b, "char", "char", 1, 1);
    isfb_base_type(b, "double", "float", 8, 1);
    isfb_base_type(b, "f32", "float", 4, 1);
    isfb_base_type(b, "int", "int", 4, 1);
    isfb_base_type(b, "long", "int", 4, 1);
    isfb_base_type(b, "long long", "int", 8, 1);
    isfb_base_type(b, "pointer", "int", 8, 0);
    isfb_base_type(b, "short", "int", 2, 1);
    isfb_base_type(b, "unsigned char", "char", 1, 0);
    isfb_base_type(b, "unsigned int", "int", 4, 0);
    isfb_base_type(b, "unsigned long", "int", 4, 0);
    isfb_base_type(b, "unsigned long long", "int", 8, 0);
    isfb_base_type(b, "unsigned short", "int", 2, 0);
    isfb_base_type(b, "void", "void", 0, 1);
    isfb_base_type(b, "wchar", "int", 2, 1);
}

static struct isf_type *new_type(struct isf_builder *b, enum isf_kind kind)
{
    struct isf_type *t = arena_alloc(b->isf->arena, sizeof *t);
    if (!t) {
        static struct isf_type dummy;
        b->failed = 1;
        return &dummy;
    }
    t->kind = kind;
    return t;
}

static const struct isf_type *named(struct isf_builder *b, enum isf_kind kind, const char *name)
{
    struct isf_type *t = new_type(b, kind);
    t->name = bstr(b, name);
    return t;
}

const struct isf_type *isft_base(struct isf_builder *b, const char *name) { return named(b, ISF_KIND_BASE, name); }
const struct isf_type *isft_struct(struct isf_builder *b, const char *name) { return named(b, ISF_KIND_STRUCT, name); }
const struct isf_type *isft_union(struct isf_builder *b, const char *name) { return named(b, ISF_KIND_UNION, name); }
const struct isf_type *isft_enum(struct isf_builder *b, const char *name) { return named(b, ISF_KIND_ENUM, name); }

const struct isf_type *isft_pointer(struct isf_builder *b, const struct isf_type *to)
{
    struct isf_type *t = new_type(b, ISF_KIND_POINTER);
    t->sub = to;
    return t;
}

const struct isf_type *isft_void_pointer(struct isf_builder *b)
{
    return isft_pointer(b, isft_base(b, "void"));
}

const struct isf_type *isft_array(struct isf_builder *b, uint32_t count, const struct isf_type *of)
{
    struct isf_type *t = new_type(b, ISF_KIND_ARRAY);
    t->count = count;
    t->sub = of;
    return t;
}

const struct isf_type *isft_bitfield(struct isf_builder *b, uint8_t position, uint8_t length, const struct isf_type *of)
{
    struct isf_type *t = new_type(b, ISF_KIND_BITFIELD);
    t->bit_position = position;
    t->bit_length = length;
    t->sub = of;
    return t;
}

static void open_user(struct isf_builder *b, const char *name, uint32_t size, enum isf_kind kind)
{
    struct isf *isf = b->isf;
    GROW(isf->user_types, isf->nuser, b->cap_user);
    isf->user_types[isf->nuser++] = (struct isf_user_type){ bstr(b, name), kind, size, 0, NULL };
    b->cap_fields = 0;
}

void isfb_struct(struct isf_builder *b, const char *name, uint32_t size) { open_user(b, name, size, ISF_KIND_STRUCT); }
void isfb_union(struct isf_builder *b, const char *name, uint32_t size) { open_user(b, name, size, ISF_KIND_UNION); }

void isfb_field(struct isf_builder *b, const char *name, uint32_t offset, const struct isf_type *type)
{
    struct isf *isf = b->isf;
    if (!isf->nuser) {
        b->failed = 1;
        snprintf(b->problem, sizeof b->problem, "field %s added before any struct", name);
        return;
    }
    struct isf_user_type *u = &isf->user_types[isf->nuser - 1];
    GROW(u->fields, u->nfields, b->cap_fields);
    u->fields[u->nfields++] = (struct isf_field){ bstr(b, name), offset, *type };
}

void isfb_enum(struct isf_builder *b, const char *name, uint32_t size, const char *base)
{
    struct isf *isf = b->isf;
    GROW(isf->enums, isf->nenum, b->cap_enum);
    isf->enums[isf->nenum++] = (struct isf_enum){ bstr(b, name), size, bstr(b, base), 0, NULL };
    b->cap_consts = 0;
}

void isfb_enum_constant(struct isf_builder *b, const char *name, int64_t value)
{
    struct isf *isf = b->isf;
    if (!isf->nenum) {
        b->failed = 1;
        return;
    }
    struct isf_enum *e = &isf->enums[isf->nenum - 1];
    GROW(e->constants, e->nconstants, b->cap_consts);
    e->constants[e->nconstants++] = (struct isf_enum_constant){ bstr(b, name), value };
}

void isfb_symbol(struct isf_builder *b, const char *name, uint64_t address)
{
    struct isf *isf = b->isf;
    GROW(isf->symbols, isf->nsym, b->cap_sym);
    isf->symbols[isf->nsym++] = (struct isf_symbol){ bstr(b, name), address, 1, NULL };
}

/* Builder-made field and constant arrays live on the heap; move them into
 * the arena so isf_free() has one owner for everything. */
static int adopt_arrays(struct isf *isf)
{
    for (uint32_t i = 0; i < isf->nuser; i++) {
        struct isf_user_type *u = &isf->user_types[i];
        struct isf_field *f = arena_alloc(isf->arena, (size_t)u->nfields * sizeof *f + 1);
        if (!f)
            return -1;
        if (u->nfields)
            memcpy(f, u->fields, (size_t)u->nfields * sizeof *f);
        free(u->fields);
        u->fields = f;
    }
    for (uint32_t i = 0; i < isf->nenum; i++) {
        struct isf_enum *e = &isf->enums[i];
        struct isf_enum_constant *c = arena_alloc(isf->arena, (size_t)e->nconstants * sizeof *c + 1);
        if (!c)
            return -1;
        if (e->nconstants)
            memcpy(c, e->constants, (size_t)e->nconstants * sizeof *c);
        free(e->constants);
        e->constants = c;
    }
    return 0;
}

struct isf *isf_builder_finish(struct isf_builder *b, struct ep_error *err)
{
    struct isf *isf = b->isf;
    int failed = b->failed;
    char problem[256];
    snprintf(problem, sizeof problem, "%s", b->problem);
    free(b);
    if (adopt_arrays(isf) != 0)
        failed = 1;
    if (failed) {
        isf_free(isf);
        ep_fail(err, "built-in symbol table: %s", problem[0] ? problem : "out of memory");
        return NULL;
    }
    isf_sort(isf);
    for (uint32_t i = 1; i < isf->nuser; i++)
        if (strcmp(isf->user_types[i - 1].name, isf->user_types[i].name) == 0) {
            ep_fail(err, "built-in symbol table: type %s defined twice", isf->user_types[i].name);
            isf_free(isf);
            return NULL;
        }
    const char *in_type, *in_field;
    const char *missing = isf_first_dangling(isf, &in_type, &in_field);
    if (missing) {
        ep_fail(err, "built-in symbol table: %s.%s refers to undefined type %s", in_type, in_field, missing);
        isf_free(isf);
        return NULL;
    }
    return isf;
}
