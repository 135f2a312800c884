/* Executive objects: pool block, optional headers, _OBJECT_HEADER, body.
 *
 * Facts this file follows (Windows 10+ x64):
 *  - the optional headers sit below the _OBJECT_HEADER; the one for InfoMask
 *    bit b is at ObjectHeader - ObpInfoMaskToOffset[InfoMask & (2b-1)], so
 *    CREATOR_INFO (bit 0) is nearest the header, then NAME, HANDLE, QUOTA,
 *    PROCESS, AUDIT, EXTENDED, PADDING;
 *  - TypeIndex is stored as index ^ ObHeaderCookie ^ byte 1 of the header's
 *    address (Windows 10 1607+);
 *  - an object's pool tag is its type's Key, the type name's first 4 chars;
 *  - ObTypeIndexTable[0] is NULL and [1] the 0xbad0b0b0 marker. */
#include "forge/forge_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/bytes.h"
#include "symbols/isf.h"

const char *const obj_type_names[OT_COUNT] = {
    NULL, NULL,
    "Type",
    "Directory",
    "SymbolicLink",
    "Token",
    "Job",
    "Process",
    "Thread",
    "Partition",
    "UserApcReserve",
    "IoCompletionReserve",
    "ActivityReference",
    "PsSiloContextPaged",
    "PsSiloContextNonPaged",
    "DebugObject",
    "Event",
    "Mutant",
    "Callback",
    "Semaphore",
    "Timer",
    "IRTimer",
    "Profile",
    "KeyedEvent",
    "WindowStation",
    "Desktop",
    "Composition",
    "RawInputManager",
    "CoreMessaging",
    "ActivationObject",
    "TpWorkerFactory",
    "Adapter",
    "Controller",
    "Device",
    "Driver",
    "IoCompletion",
    "WaitCompletionPacket",
    "File",
    "TmTm",
    "TmTx",
    "TmRm",
    "TmEn",
    "Section",
    "Session",
    "Key",
    "RegistryTransaction",
    "ALPC Port",
    "EnergyTracker",
    "PowerRequest",
    "WmiGuid",
    "EtwRegistration",
    "EtwSessionDemuxEntry",
    "EtwConsumer",
    "CoverageSampler",
    "DmaAdapter",
    "PcwObject",
    "FilterConnectionPort",
    "FilterCommunicationPort",
    "NdisCmState",
    "DxgkSharedResource",
    "DxgkSharedKeyedMutexObject",
    "DxgkSharedSyncObject",
    "DxgkSharedSwapChainObject",
    "DxgkDisplayManagerObject",
    "DxgkDisplayMuxSwitch",
    "DxgkSharedProtectedSessionObject",
    "DxgkSharedBundleObject",
    "DxgkCompositionObject",
    "VRegConfigurationContext",
};

const char obj_type_tags[OT_COUNT][5] = {
    "", "",
    "Type",
    "Dire",
    "Symb",
    "Toke",
    "Job ",
    "Proc",
    "Thre",
    "Part",
    "User",
    "IoCo",
    "Acti",
    "PsSi",
    "PsSi",
    "Debu",
    "Even",
    "Muta",
    "Call",
    "Sema",
    "Time",
    "IRTi",
    "Prof",
    "Keye",
    "Wind",
    "Desk",
    "Comp",
    "RawI",
    "Core",
    "Acti",
    "TpWo",
    "Adap",
    "Cont",
    "Devi",
    "Driv",
    "IoCo",
    "Wait",
    "File",
    "TmTm",
    "TmTx",
    "TmRm",
    "TmEn",
    "Sect",
    "Sess",
    "Key ",
    "Regi",
    "ALPC",
    "Ener",
    "Powe",
    "WmiG",
    "EtwR",
    "EtwS",
    "EtwC",
    "Cove",
    "DmaA",
    "PcwO",
    "Filt",
    "Filt",
    "Ndis",
    "Dxgk",
    "Dxgk",
    "Dxgk",
    "Dxgk",
    "Dxgk",
    "Dxgk",
    "Dxgk",
    "Dxgk",
    "Dxgk",
    "VReg",
};

int obj_type_by_name(const char *name)
{
    if (!strcasecmp(name, "NamedPipe") || !strcasecmp(name, "Pipe"))
        return OT_FILE;
    if (!strcasecmp(name, "AlpcPort") || !strcasecmp(name, "ALPC"))
        return OT_ALPCPORT;
    for (int i = 2; i < OT_COUNT; i++)
        if (!strcasecmp(name, obj_type_names[i]))
            return i;
    return -1;
}

/* Sizes of the optional headers, bit 0 first; from the profile when it
 * has them, else the Windows 10 x64 sizes. */
static uint32_t opt_size(const struct forge *f, int bit)
{
    static const uint32_t dflt[8] = { 0x20, 0x20, 0x10, 0x20, 0x10, 0x10, 0x10, 0x4 };
    const uint32_t have[8] = {
        f->L.sz_OBJECT_HEADER_CREATOR_INFO, f->L.sz_OBJECT_HEADER_NAME_INFO,
        f->L.sz_OBJECT_HEADER_HANDLE_INFO, f->L.sz_OBJECT_HEADER_QUOTA_INFO,
        f->L.sz_OBJECT_HEADER_PROCESS_INFO, f->L.sz_OBJECT_HEADER_AUDIT_INFO,
        f->L.sz_OBJECT_HEADER_EXTENDED_INFO, f->L.sz_OBJECT_HEADER_PADDING_INFO,
    };
    return have[bit] ? have[bit] : dflt[bit];
}

static uint32_t opt_offset(const struct forge *f, unsigned mask)
{
    uint32_t off = 0;
    for (int b = 0; b < 8; b++)
        if (mask & (1u << b))
            off += opt_size(f, b);
    return off;
}

uint64_t obj_create(struct forge *f, const struct obj_spec *s)
{
    uint8_t mask = s->info_mask;
    if (s->name)
        mask |= OBH_NAME;
    uint32_t opt = (opt_offset(f, mask) + 15) & ~15U;
    uint32_t body_off = (uint32_t)f->L.oh_Body.off;
    uint32_t total = opt + body_off + s->body_size;
    const char *tag = s->tag ? s->tag : obj_type_tags[s->type];
    uint64_t blk = pool_alloc(f, s->paged ? POOL_PAGED : POOL_NONPAGED, total, tag);
    uint64_t oh = blk + opt;
    uint64_t body = oh + body_off;

    /* optional headers, nearest first */
    uint32_t below = 0;
    for (int b = 0; b < 8; b++) {
        if (!(mask & (1u << b)))
            continue;
        below += opt_size(f, b);
        uint64_t at = oh - below;
        uint8_t h[64] = {0};
        uint32_t hs = opt_size(f, b);
        if (b == 0) {           /* CREATOR_INFO */
            fset(h, &f->L.och_TypeList, at + (uint64_t)(f->L.och_TypeList.off > 0 ? f->L.och_TypeList.off : 0));
            if (fhas(&f->L.och_TypeList)) {
                struct fld blink = f->L.och_TypeList;
                blink.off += 8;
                fset(h, &blink, at + (uint64_t)f->L.och_TypeList.off);
            }
            fset(h, &f->L.och_CreatorUniqueProcess, s->creator_pid);
        } else if (b == 1) {    /* NAME_INFO */
            fset(h, &f->L.onh_Directory, s->directory);
            fset(h, &f->L.onh_ReferenceCount, 0);
        } else if (b == 4) {    /* PROCESS_INFO */
            fset(h, &f->L.oph_ExclusiveProcess, s->quota_process);
        } else if (b == 7) {    /* PADDING_INFO: bytes from block start to header */
            fset(h, &f->L.opad_PaddingAmount, opt);
        }
        kw(f, at, h, hs < sizeof h ? hs : sizeof h);
        if (b == 1 && s->name && fhas(&f->L.onh_Name)) {
            uint64_t us = at + (uint64_t)f->L.onh_Name.off;
            uint64_t buf = pool_alloc(f, POOL_PAGED, (uint32_t)(s->name_len * 2 + 2), "ObNm");
            kw(f, buf, s->name, s->name_len * 2);
            uint8_t u[16] = {0};
            put16(u, (uint16_t)(s->name_len * 2));
            put16(u + 2, (uint16_t)(s->name_len * 2 + 2));
            put64(u + 8, buf);
            kw(f, us, u, 16);
        }
    }

    uint8_t h[0x40] = {0};
    fset(h, &f->L.oh_PointerCount, (uint64_t)(s->pointer_count ? s->pointer_count : 1));
    fset(h, &f->L.oh_HandleCount, (uint64_t)s->handle_count);
    uint8_t ti = (uint8_t)(s->type ^ f->header_cookie ^ ((oh >> 8) & 0xFF));
    fset(h, &f->L.oh_TypeIndex, ti);
    fset(h, &f->L.oh_InfoMask, mask);
    /* Flags: KernelObject for kernel-only objects is left clear; every
     * forged object has a security descriptor slot left NULL. */
    fset(h, &f->L.oh_Flags, 0);
    kw(f, oh, h, body_off < sizeof h ? body_off : sizeof h);
    f->type_objects_count[s->type]++;
    return body;
}

void obj_set_counts(struct forge *f, uint64_t body, int64_t pointers, int64_t handles)
{
    uint64_t oh = obj_header_of(f, body);
    kfield(f, f->sys_root, oh, &f->L.oh_PointerCount, (uint64_t)pointers);
    kfield(f, f->sys_root, oh, &f->L.oh_HandleCount, (uint64_t)handles);
}

static void u16name(const char *s, uint16_t *w, size_t *n, size_t cap)
{
    *n = utf16_from_ascii(w, cap, s);
}

void obj_types_create(struct forge *f)
{
    uint64_t table = ksym(f, "ObTypeIndexTable");
    for (int t = OT_TYPE; t < OT_COUNT; t++) {
        uint16_t w[64];
        size_t n;
        u16name(obj_type_names[t], w, &n, 64);
        struct obj_spec s = { .type = OT_TYPE, .body_size = f->L.sz_OBJECT_TYPE,
                              .name = w, .name_len = n, .info_mask = OBH_CREATOR,
                              .tag = "ObjT", .pointer_count = 2 };
        uint64_t body = obj_create(f, &s);
        f->type_objects[t] = body;
        uint8_t *b = fx_tmp(f, 1, f->L.sz_OBJECT_TYPE);
        struct fld blink;
        fset(b, &f->L.ot_TypeList, body + (uint64_t)f->L.ot_TypeList.off);
        blink = f->L.ot_TypeList; blink.off += 8; blink.size = 8;
        fset(b, &blink, body + (uint64_t)f->L.ot_TypeList.off);
        fset(b, &f->L.ot_Index, (uint64_t)t);
        uint32_t key;
        memcpy(&key, obj_type_tags[t], 4);
        fset(b, &f->L.ot_Key, key);
        if (fhas(&f->L.ot_CallbackList)) {
            fset(b, &f->L.ot_CallbackList, body + (uint64_t)f->L.ot_CallbackList.off);
            blink = f->L.ot_CallbackList; blink.off += 8; blink.size = 8;
            fset(b, &blink, body + (uint64_t)f->L.ot_CallbackList.off);
        }
        fset(b, &f->L.ot_PoolType, (t == OT_KEY || t == OT_SECTION || t == OT_TOKEN ||
                                    t == OT_DIRECTORY || t == OT_SYMBOLICLINK) ? 1 : 0x200);
        fset(b, &f->L.ot_ValidAccessMask, 0x1FFFFF);
        kw(f, body, b, f->L.sz_OBJECT_TYPE);
        fx_tmp_free(f, b);
        /* Name: a UNICODE_STRING in the type object, buffer in pool */
        kernel_unicode_string(f, body + (uint64_t)f->L.ot_Name.off, obj_type_names[t], "ObNm");
        if (table)
            kw64(f, table + (uint64_t)t * 8, body);
    }
    if (table)
        kw64(f, table + 8, 0xbad0b0b0ULL);

    /* ObpInfoMaskToOffset[m] = bytes of the optional headers present in m */
    uint64_t m2o = ksym(f, "ObpInfoMaskToOffset");
    if (m2o) {
        uint8_t t[256];
        for (unsigned m = 0; m < 256; m++)
            t[m] = (uint8_t)opt_offset(f, m);
        kw(f, m2o, t, sizeof t);
    }
}

void obj_types_finish(struct forge *f)
{
    for (int t = OT_TYPE; t < OT_COUNT; t++) {
        uint64_t body = f->type_objects[t];
        if (!body)
            continue;
        kfield(f, f->sys_root, body, &f->L.ot_TotalNumberOfObjects, f->type_objects_count[t]);
        kfield(f, f->sys_root, body, &f->L.ot_TotalNumberOfHandles, f->type_handles_count[t]);
        kfield(f, f->sys_root, body, &f->L.ot_HighWaterNumberOfObjects, f->type_objects_count[t]);
        kfield(f, f->sys_root, body, &f->L.ot_HighWaterNumberOfHandles, f->type_handles_count[t]);
    }
}
