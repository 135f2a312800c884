#include "windows/callbacks.h"

#include <string.h>

#include "base/bytes.h"
#include "base/diag.h"
#include "windows/listwalk.h"
#include "windows/objects.h"

#define ROUTINE_BLOCK_FUNCTION 8     /* EX_CALLBACK_ROUTINE_BLOCK.Function (callbacks.h) */
#define ROUTINE_BLOCK_CONTEXT 16

static const char *const arrays[3] = {
    "PspCreateProcessNotifyRoutine", "PspCreateThreadNotifyRoutine", "PspLoadImageNotifyRoutine",
};

const char *kcallback_kind_name(enum kcallback_kind kind)
{
    static const char *const names[4] = { "process", "thread", "image", "registry" };
    return (unsigned)kind < 4 ? names[kind] : "?";
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

/* The used slots of an array of nslots EX_FAST_REFs at va.  -1 when the
 * array is not in the capture. */
static int read_fast_ref_array(struct kernel *k, uint64_t va, unsigned nslots, enum kcallback_kind kind,
                               const char *name, struct kcallback_list *out)
{
    uint64_t slots[CM_CALLBACK_MAX > KCB_SLOTS ? CM_CALLBACK_MAX : KCB_SLOTS];
    if (nslots > sizeof slots / sizeof slots[0] || vread_all(k->vs, va, slots, nslots * sizeof slots[0]) != 0)
        return -1;
    uint64_t mask = (1ull << ref_bits(k->isf)) - 1;
    for (unsigned i = 0; i < nslots; i++) {
        uint64_t v = le64(&slots[i]);
        if (!v)
            continue;
        struct kcallback *c = &out->items[out->n++];
        c->kind = kind;
        c->array = name;
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
    return 0;
}

/* ---- registry callbacks on CallbackListHead (cm_callbacks.h) ---- */
struct cm_walk {
    struct kernel *k;
    struct kcallback_list *out;
    const char *name;
    unsigned seen;
};

static int visit_cm_entry(uint64_t entry, void *ctx)
{
    struct cm_walk *w = ctx;
    if (w->seen >= CM_CALLBACK_MAX) {
        ep_warn("%s: callbacks: %s has more than %u entries (Windows registers at most %u): the rest are not read",
                w->k->cap->file.path, w->name, CM_CALLBACK_MAX, CM_CALLBACK_MAX);
        return 1;
    }
    struct kcallback *c = &w->out->items[w->out->n++];
    c->kind = KCB_REGISTRY;
    c->array = w->name;
    c->slot = w->seen++;
    c->block = entry - CM_ENTRY_LINK;
    uint8_t b[CM_ENTRY_SIZE];
    if (vread_all(w->k->vs, c->block, b, sizeof b) == 0) {
        c->block_readable = 1;
        c->routine = le64(b + CM_ENTRY_FUNCTION);
        c->context = le64(b + CM_ENTRY_CONTEXT);
        c->cookie = le64(b + CM_ENTRY_COOKIE);
        if (read_unicode_string(w->k->vs, c->block + CM_ENTRY_ALTITUDE, c->altitude, sizeof c->altitude) < 0)
            c->altitude[0] = 0;
    }
    return 0;
}

/* -1 when the head is not in the capture. */
static int read_cm_list(struct kernel *k, uint64_t head, const char *name, struct kcallback_list *out)
{
    uint64_t first;
    if (vread_u64(k->vs, head, &first) != 0)
        return -1;
    if (!first)          /* never initialised: no registration yet */
        return 0;
    struct cm_walk w = { k, out, name, 0 };
    struct list_walk_result res;
    list_walk(k->vs, head, name, visit_cm_entry, &w, &res);
    return 0;
}

static void read_registry(struct kernel *k, struct kcallback_list *out)
{
    const char *name;
    enum cm_callback_form form = cm_callback_form(k->isf, &name);
    if (form == CM_FORM_NONE) {
        out->missing[out->nmissing++] = "CallbackListHead";
        return;
    }
    uint64_t va = k->base + isf_symbol(k->isf, name)->address;
    int rc = form == CM_FORM_VECTOR ? read_fast_ref_array(k, va, CM_CALLBACK_MAX, KCB_REGISTRY, name, out)
                                    : read_cm_list(k, va, name, out);
    if (rc != 0)
        out->missing[out->nmissing++] = name;
    else
        out->registry_symbol = name;
}

int kcallbacks_read(struct kernel *k, struct kcallback_list *out, struct ep_error *err)
{
    memset(out, 0, sizeof *out);
    if (kernel_require_profile(k, err) != 0)
        return -1;
    if (!k->base)
        return ep_fail(err, "%s: the kernel base is unknown: the notify arrays cannot be located", k->cap->file.path);
    for (int kind = 0; kind < 3; kind++) {
        const struct isf_symbol *s = isf_symbol(k->isf, arrays[kind]);
        if (!s || !s->has_address ||
            read_fast_ref_array(k, k->base + s->address, KCB_SLOTS, (enum kcallback_kind)kind, arrays[kind], out) != 0)
            out->missing[out->nmissing++] = arrays[kind];
    }
    read_registry(k, out);
    return 0;
}
