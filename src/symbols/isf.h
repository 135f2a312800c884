/* Symbol tables in Volatility 3's Intermediate Symbol Format (ISF).
 *
 * One in-memory model serves three producers and two consumers:
 *   - isf_load_file(): a .json or .json.xz file from a symbol directory;
 *   - isf_builtin_26100(): the compiled-in seed-build profile;
 *   - the builder calls below (the built-in profile and tests use them);
 *   - isf_write_json(): the forge writes the layout it used, so that
 *     Volatility 3 can read forged images;
 *   - profile.c resolves the offsets walkers need into plain integers.
 *
 * Every string and count in a loaded file is untrusted: the loader checks
 * kinds, ranges and references and rejects the file with one clear line. */
#ifndef EPROC_SYMBOLS_ISF_H
#define EPROC_SYMBOLS_ISF_H

#include <stdint.h>
#include <stdio.h>

#include "base/diag.h"

enum isf_kind {
    ISF_KIND_BASE,       /* name -> base_types */
    ISF_KIND_POINTER,    /* subtype */
    ISF_KIND_ARRAY,      /* count, subtype */
    ISF_KIND_BITFIELD,   /* bit_position, bit_length, subtype (base or enum) */
    ISF_KIND_STRUCT,     /* name -> user_types */
    ISF_KIND_UNION,      /* name -> user_types */
    ISF_KIND_CLASS,      /* name -> user_types */
    ISF_KIND_ENUM,       /* name -> enums */
    ISF_KIND_FUNCTION,
};

/* A type reference as written in a field or symbol. */
struct isf_type {
    enum isf_kind kind;
    const char *name;            /* base/struct/union/class/enum name */
    const struct isf_type *sub;  /* pointer/array/bitfield element */
    uint32_t count;              /* array length */
    uint8_t bit_position, bit_length;
};

struct isf_field {
    const char *name;
    uint32_t offset;
    struct isf_type type;
};

struct isf_user_type {
    const char *name;
    enum isf_kind kind;          /* STRUCT, UNION or CLASS */
    uint32_t size;
    uint32_t nfields;
    struct isf_field *fields;    /* sorted by name */
};

struct isf_base_type {
    const char *name;
    const char *kind;            /* "int", "char", "float", "bool", "void" */
    uint32_t size;
    int is_signed;
};

struct isf_enum_constant {
    const char *name;
    int64_t value;
};

struct isf_enum {
    const char *name;
    uint32_t size;
    const char *base;
    uint32_t nconstants;
    struct isf_enum_constant *constants;
};

struct isf_symbol {
    const char *name;
    uint64_t address;            /* relative to the module base */
    int has_address;
    const struct isf_type *type; /* may be NULL */
};

struct isf {
    /* metadata */
    char format[16];
    char pdb_name[64];           /* e.g. "ntkrnlmp.pdb", "" if none */
    char guid[33];               /* 32 upper-case hex digits, "" if none */
    uint32_t age;
    uint32_t machine_type;       /* 0x8664 for x64 */
    char source[512];            /* file path, or "built-in ..." */

    uint32_t nbase, nuser, nenum, nsym;
    struct isf_base_type *base_types;   /* each array sorted by name */
    struct isf_user_type *user_types;
    struct isf_enum *enums;
    struct isf_symbol *symbols;

    struct isf_arena *arena;     /* owns every string and type node */
};

/* Load .json or .json.xz (decided by content: the xz magic, not the name). */
struct isf *isf_load_file(const char *path, struct ep_error *err);
/* Load from memory (the fuzzer and tests use this). */
struct isf *isf_load_buffer(const void *data, size_t len, const char *label, struct ep_error *err);
void isf_free(struct isf *isf);

/* Lookups (binary search; NULL if absent). */
const struct isf_user_type *isf_user_type(const struct isf *isf, const char *name);
const struct isf_field *isf_field(const struct isf_user_type *t, const char *name);
const struct isf_symbol *isf_symbol(const struct isf *isf, const char *name);
const struct isf_enum *isf_enum(const struct isf *isf, const char *name);
const struct isf_base_type *isf_base_type(const struct isf *isf, const char *name);

/* Size in bytes of a type reference (pointer size is the "pointer" base
 * type's size); 0 if unknown. */
uint64_t isf_type_size(const struct isf *isf, const struct isf_type *t);

/* Write as ISF JSON (format 6.1.0).  xz-compressed when compress is set. */
int isf_write_file(const struct isf *isf, const char *path, int compress, struct ep_error *err);
/* The same into fd (created by the caller, e.g. with safe_create_at();
 * always closed); path names it in messages. */
int isf_write_fd(const struct isf *isf, int fd, const char *path, int compress, struct ep_error *err);

/* ---- builder: used by the built-in profile and tests ---- */

struct isf_builder;
struct isf_builder *isf_builder_new(const char *pdb_name, const char *guid, uint32_t age);
/* Standard x64 base types (char, short, int, long, long long, their
 * unsigned forms, pointer(8), wchar, void, float, double...). */
void isfb_x64_base_types(struct isf_builder *b);
void isfb_base_type(struct isf_builder *b, const char *name, const char *kind, uint32_t size, int is_signed);

/* Type-reference constructors; the builder owns the nodes. */
const struct isf_type *isft_base(struct isf_builder *b, const char *name);
const struct isf_type *isft_struct(struct isf_builder *b, const char *name);
const struct isf_type *isft_union(struct isf_builder *b, const char *name);
const struct isf_type *isft_enum(struct isf_builder *b, const char *name);
const struct isf_type *isft_pointer(struct isf_builder *b, const struct isf_type *to);
const struct isf_type *isft_array(struct isf_builder *b, uint32_t count, const struct isf_type *of);
const struct isf_type *isft_bitfield(struct isf_builder *b, uint8_t position, uint8_t length, const struct isf_type *of);
const struct isf_type *isft_void_pointer(struct isf_builder *b);

/* Open a struct/union, add fields, close it. */
void isfb_struct(struct isf_builder *b, const char *name, uint32_t size);
void isfb_union(struct isf_builder *b, const char *name, uint32_t size);
void isfb_field(struct isf_builder *b, const char *name, uint32_t offset, const struct isf_type *type);

void isfb_enum(struct isf_builder *b, const char *name, uint32_t size, const char *base);
void isfb_enum_constant(struct isf_builder *b, const char *name, int64_t value);

void isfb_symbol(struct isf_builder *b, const char *name, uint64_t address);

/* Finish: sorts, validates references, returns the model (builder freed).
 * Returns NULL with err set if a field references an unknown type. */
struct isf *isf_builder_finish(struct isf_builder *b, struct ep_error *err);

/* The compiled-in profile for Windows 11 24H2 x64 build 26100 (the seed
 * build).  GUID/age are those the forge stamps into its kernel image. */
struct isf *isf_builtin_26100(void);
#define BUILTIN_26100_GUID "E2B3C1D0A5F4486B9C7D2E1F30415263"
#define BUILTIN_26100_AGE 1

#endif
