/* Resolve the forge's field table against the ISF model (layout.h). */
#include "forge/layout.h"

#include <stdio.h>
#include <string.h>

#include "base/bytes.h"
#include "symbols/isf.h"

int forge_layout_field(const struct isf *isf, const char *type, const char *path, struct fld *out)
{
    out->off = -1;
    out->size = 0;
    out->bitpos = out->bitlen = 0;
    const struct isf_user_type *ut = isf_user_type(isf, type);
    if (!ut)
        return -1;
    uint32_t off = 0;
    char part[128];
    const char *p = path;
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        if (n == 0 || n >= sizeof part)
            return -1;
        memcpy(part, p, n);
        part[n] = 0;
        const struct isf_field *fl = isf_field(ut, part);
        if (!fl)
            return -1;
        off += fl->offset;
        if (!dot) {
            const struct isf_type *t = &fl->type;
            out->off = (int32_t)off;
            if (t->kind == ISF_KIND_BITFIELD) {
                out->bitpos = t->bit_position;
                out->bitlen = t->bit_length;
                out->size = t->sub ? (uint32_t)isf_type_size(isf, t->sub) : 0;
                if (out->size == 0)
                    out->size = (uint32_t)((t->bit_position + t->bit_length + 7) / 8);
            } else {
                out->size = (uint32_t)isf_type_size(isf, t);
            }
            return 0;
        }
        if (fl->type.kind != ISF_KIND_STRUCT && fl->type.kind != ISF_KIND_UNION &&
            fl->type.kind != ISF_KIND_CLASS)
            return -1;
        ut = isf_user_type(isf, fl->type.name);
        if (!ut)
            return -1;
        p = dot + 1;
    }
}

/* The table a type is resolved against: the build's own, or the model
 * (the built-in profile) for a type the build's table does not define at
 * all.  A type the build defines is never mixed with the model: a field it
 * lacks stays absent, as on that build. */
static const struct isf *table_for(const struct isf *isf, const struct isf *model, const char *type)
{
    if (model && !isf_user_type(isf, type) && isf_user_type(model, type))
        return model;
    return isf;
}

int forge_layout_resolve(const struct isf *isf, struct layout *L, struct ep_error *err)
{
    return forge_layout_resolve_with(isf, NULL, L, err);
}

int forge_layout_resolve_with(const struct isf *isf, const struct isf *model, struct layout *L, struct ep_error *err)
{
    memset(L, 0, sizeof *L);
#define RESOLVE_FLD(m, t, p, r)                                              \
    if (forge_layout_field(table_for(isf, model, t), t, p, &L->m) != 0) {          \
        if (r)                                                               \
            return ep_fail(err, "profile lacks %s.%s, which the forge writes", t, p); \
        L->nmissing++;                                                       \
    }
    FORGE_FIELDS(RESOLVE_FLD)
#undef RESOLVE_FLD
#define RESOLVE_SZ(m, t, r) {                                                \
        const struct isf_user_type *ut_ = isf_user_type(table_for(isf, model, t), t); \
        if (ut_) L->m = ut_->size;                                           \
        else if (r) return ep_fail(err, "profile lacks type %s, which the forge writes", t); \
        else L->nmissing++;                                                  \
    }
    FORGE_SIZES(RESOLVE_SZ)
#undef RESOLVE_SZ
    return 0;
}

void fset(uint8_t *buf, const struct fld *f, uint64_t v)
{
    if (f->off < 0)
        return;
    uint8_t *p = buf + f->off;
    uint32_t size = f->size ? f->size : 8;
    if (size > 8)
        size = 8;
    if (f->bitlen) {
        uint64_t unit = 0;
        memcpy(&unit, p, size);
        uint64_t mask = (f->bitlen >= 64) ? ~0ULL : ((1ULL << f->bitlen) - 1);
        unit &= ~(mask << f->bitpos);
        unit |= (v & mask) << f->bitpos;
        memcpy(p, &unit, size);
        return;
    }
    memcpy(p, &v, size);   /* little-endian host: low bytes first */
}

uint64_t fget(const uint8_t *buf, const struct fld *f)
{
    if (f->off < 0)
        return 0;
    uint32_t size = f->size ? f->size : 8;
    if (size > 8)
        size = 8;
    uint64_t unit = 0;
    memcpy(&unit, buf + f->off, size);
    if (f->bitlen) {
        uint64_t mask = (f->bitlen >= 64) ? ~0ULL : ((1ULL << f->bitlen) - 1);
        return (unit >> f->bitpos) & mask;
    }
    return unit;
}
