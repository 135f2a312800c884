#include "windows/callbacks.h"

#include <string.h>

#include "base/bytes.h"

#define ROUTINE_BLOCK_FUNCTION 8     /* EX_CALLBACK_ROUTINE_BLOCK.Function (callbacks.h) */
#define ROUTINE_BLOCK_CONTEXT 16

static const char *const arrays[3] = {
    "PspCreateProcessNotifyRoutine", "PspCreateThreadNotifyRoutine", "PspLoadImageNotifyRoutine",
};

const char *kcallback_kind_name(enum kcallback_kind kind)
{
    static const char *const names[3] = { "process", "thread", "image" };
    return (unsigned)kind < 3 ? names[kind] : "?";
}

/* The reference-count bits of an EX_FAST_REF: the profile's RefCnt
 * bitfield, else 4 (x64). */
static unsigned ref_bits(const struct isf *isf)
{
    const struct isf_field *f = isf_field(isf_user_type(isf, "_EX_FAST_REF"), "RefCnt");
    if (f && f->type.kind == ISF_KIND_BITFIELD && f->type.bit_position == 0 && f->type.bit_length >= 1 &&
        f->type.bit_length <= 6)
        return f->type.bit_length;
    return 4;
}

int kcallbacks_read(struct kernel *k, struct kcallback_list *out, struct ep_error *err)
{
    memset(out, 0, sizeof *out);
    if (kernel_require_profile(k, err) != 0)
        return -1;
    if (!k->base)
        return ep_fail(err, "%s: the kernel base is unknown: the notify arrays cannot be located", k->cap->file.path);
    uint64_t mask = (1ull << ref_bits(k->isf)) - 1;
    for (int kind = 0; kind < 3; kind++) {
        const struct isf_symbol *s = isf_symbol(k->isf, arrays[kind]);
        uint64_t slots[KCB_SLOTS];
        if (!s || !s->has_address || vread_all(k->vs, k->base + s->address, slots, sizeof slots) != 0) {
            out->missing[out->nmissing++] = arrays[kind];
            continue;
        }
        for (unsigned i = 0; i < KCB_SLOTS; i++) {
            uint64_t v = le64(&slots[i]);
            if (!v)
                continue;
            struct kcallback *c = &out->items[out->n++];
            c->kind = (enum kcallback_kind)kind;
            c->array = arrays[kind];
            c->slot = i;
            c->fast_ref = v;
            c->ref_count = (unsigned)(v & mask);
            c->block = v & ~mask;
            uint8_t b[24];
            if (vread_all(k->vs, c->block, b, sizeof b) == 0) {
                c->block_readable = 1;
                c->routine = le64(b + ROUTINE_BLOCK_FUNCTION);
                c->context = le64(b + ROUTINE_BLOCK_CONTEXT);
            }
        }
    }
    return 0;
}
