/* Kernel callbacks as drivers register them: the process, thread and
 * image-load notify arrays (PsSetCreate*NotifyRoutine) and registry
 * callbacks (CmRegisterCallbackEx), the latter in the form the build's
 * table says its kernel keeps them (windows/cm_callbacks.h): the
 * CallbackListHead list on every real table, the CmpCallBackVector array
 * on the built-in 26100 profile, which names it. */
#include "forge/forge_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/bytes.h"
#include "windows/cm_callbacks.h"

static const char *const notify_arrays[3] = { "PspCreateProcessNotifyRoutine", "PspCreateThreadNotifyRoutine",
                                              "PspLoadImageNotifyRoutine" };
static const char *const notify_counts[3] = { "PspCreateProcessNotifyRoutineCount",
                                              "PspCreateThreadNotifyRoutineCount",
                                              "PspLoadImageNotifyRoutineCount" };

/* One registration, for the truth. */
static void record(struct forge *f, int kind, const char *array, unsigned slot, uint64_t block, uint64_t routine,
                   const char *module, const char *altitude)
{
    if (f->ncb >= ARRAY_LEN(f->cb))
        return;
    struct fcallback *c = &f->cb[f->ncb++];
    c->kind = kind;
    c->array = array;
    c->slot = slot;
    c->block = block;
    c->routine = routine;
    snprintf(c->module, sizeof c->module, "%s", module);
    snprintf(c->altitude, sizeof c->altitude, "%s", altitude);
}

/* An EX_CALLBACK_ROUTINE_BLOCK { RundownProtect, Function, Context } in
 * nonpaged pool, its address with a reference count of 15 in slot `slot`
 * of the EX_FAST_REF array at `array` (PsSetCreate*NotifyRoutine,
 * and CmRegisterCallback where the kernel keeps CmpCallBackVector). */
static uint64_t fast_ref_slot(struct forge *f, uint64_t array, unsigned slot, uint64_t routine)
{
    uint64_t blk = pool_alloc(f, POOL_NONPAGED, 0x18, "Cbrb");
    uint64_t rb[3] = { 0, routine, 0 };              /* RundownProtect, Function, Context */
    kw(f, blk, rb, sizeof rb);
    kw64(f, array + slot * 8, blk | 0xF);             /* EX_FAST_REF */
    return blk;
}

/* A registry callback block on CallbackListHead (offsets:
 * windows/cm_callbacks.h), appended at the tail; its altitude string
 * follows the block in the same allocation. */
static uint64_t cm_list_entry(struct forge *f, uint64_t head, uint64_t routine, const char *altitude)
{
    uint16_t w[24];
    size_t n = utf16_from_ascii(w, ARRAY_LEN(w), altitude);
    uint64_t e = pool_alloc(f, POOL_NONPAGED, (uint32_t)(CM_ENTRY_SIZE + n * 2), "CMcb");
    uint8_t b[CM_ENTRY_SIZE] = {0};
    uint64_t last = kr64(f, head + 8);
    put64(b + CM_ENTRY_LINK, head);                   /* Flink: back to the head */
    put64(b + CM_ENTRY_LINK + 8, last);               /* Blink: the previous tail */
    put64(b + CM_ENTRY_COOKIE, rng_next(&f->rng));    /* what CmRegisterCallbackEx handed the driver */
    put64(b + CM_ENTRY_FUNCTION, routine);
    put16(b + CM_ENTRY_ALTITUDE, (uint16_t)(n * 2));  /* UNICODE_STRING Length, MaximumLength, Buffer */
    put16(b + CM_ENTRY_ALTITUDE + 2, (uint16_t)(n * 2));
    put64(b + CM_ENTRY_ALTITUDE + 8, e + CM_ENTRY_SIZE);
    kw(f, e, b, sizeof b);
    kw(f, e + CM_ENTRY_SIZE, w, n * 2);
    kw64(f, last, e + CM_ENTRY_LINK);                 /* the old tail's (or the head's) Flink */
    kw64(f, head + 8, e + CM_ENTRY_LINK);
    return e;
}

struct registrar {
    uint32_t used[3];                /* notify array slots taken */
    enum cm_callback_form cm_form;
    const char *cm_symbol;           /* CmpCallBackVector or CallbackListHead */
    uint64_t cm_va;
    unsigned cm_used;
};

/* One registration: a notify routine in the next free slot of its array,
 * or a registry callback in the build's form.  module is "" for a
 * routine in no driver. */
static void register_callback(struct forge *f, struct registrar *r, int kind, uint64_t routine, const char *module,
                              const char *altitude)
{
    if (kind != SC_CB_REGISTRY) {
        uint64_t arr = ksym(f, notify_arrays[kind]);
        if (!arr || r->used[kind] >= 64)
            return;
        uint64_t blk = fast_ref_slot(f, arr, r->used[kind], routine);
        record(f, kind, notify_arrays[kind], r->used[kind]++, blk, routine, module, "");
        return;
    }
    if (r->cm_form == CM_FORM_NONE || r->cm_used >= CM_CALLBACK_MAX)
        return;
    uint64_t blk = r->cm_form == CM_FORM_VECTOR ? fast_ref_slot(f, r->cm_va, r->cm_used, routine)
                                                : cm_list_entry(f, r->cm_va, routine, altitude);
    /* the vector's routine block has no altitude: CmRegisterCallback predates them */
    record(f, kind, r->cm_symbol, r->cm_used++, blk, routine, module, r->cm_form == CM_FORM_LIST ? altitude : "");
}

void callbacks_build(struct forge *f)
{
    /* routine offsets in their drivers are the forge's own; WdFilter's
     * registry callback altitude 328010 is the one Microsoft allocated to
     * it (its minifilter altitude) */
    struct sc_callback dflt[] = {
        { "ntoskrnl.exe", 0x6B2D40, SC_CB_PROCESS, "" }, { "CI.dll", 0x3C1E0, SC_CB_PROCESS, "" },
        { "WdFilter.sys", 0x4F5A0, SC_CB_PROCESS, "" }, { "ksecdd.sys", 0x1F2A0, SC_CB_PROCESS, "" },
        { "tcpip.sys", 0x8D6C0, SC_CB_PROCESS, "" }, { "WdFilter.sys", 0x51A80, SC_CB_THREAD, "" },
        { "WdFilter.sys", 0x52E10, SC_CB_IMAGE, "" }, { "ntoskrnl.exe", 0x6B3880, SC_CB_IMAGE, "" },
        { "WdFilter.sys", 0x5A3C0, SC_CB_REGISTRY, "328010" },
    };
    struct sc_callback *cbs = f->sc->has_callbacks ? f->sc->callbacks : dflt;
    size_t n = f->sc->has_callbacks ? f->sc->ncallbacks : ARRAY_LEN(dflt);
    struct registrar r = {{0}, CM_FORM_NONE, NULL, 0, 0};
    r.cm_form = cm_callback_form(f->isf, &r.cm_symbol);
    if (r.cm_form != CM_FORM_NONE)
        r.cm_va = ksym(f, r.cm_symbol);
    if (r.cm_form == CM_FORM_LIST) {                  /* InitializeListHead at boot: empty until a registration */
        kw64(f, r.cm_va, r.cm_va);
        kw64(f, r.cm_va + 8, r.cm_va);
    }
    f->ncb = 0;
    for (size_t i = 0; i < n; i++) {
        const struct fdriver *drv = NULL;
        for (size_t d = 0; d < f->ndrivers && !drv; d++)
            if (!strcasecmp(f->drivers_list[d].name, cbs[i].module))
                drv = &f->drivers_list[d];
        if (!drv)
            drv = &f->drivers_list[f->ndrivers - 1];   /* unknown driver: last loaded */
        register_callback(f, &r, cbs[i].kind, drv->base + cbs[i].offset, drv->name,
                          cbs[i].altitude[0] ? cbs[i].altitude : "385000");
    }
    /* technique callback_in_no_module: a rootkit's altitude is its own choice */
    for (size_t i = 0; i < f->nrogue_cb; i++)
        register_callback(f, &r, f->rogue_cb[i].kind, f->rogue_cb[i].routine, "", "420000");
    for (int k = 0; k < 3; k++) {
        uint64_t c = ksym(f, notify_counts[k]);
        if (c)
            vw32(f, f->sys_root, c, r.used[k]);
    }
    uint64_t cm_count = ksym(f, "CmpCallBackCount");
    if (cm_count)
        vw32(f, f->sys_root, cm_count, r.cm_used);
}
