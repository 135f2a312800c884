/* services.exe's service database: one SERVICE_RECORD per service on
 * services.exe's heap, chained newest to oldest, a SERVICE_PROCESS for the
 * process that hosts a running Win32 service, and the database's one
 * 'serH' SERVICE_HEADER pointing at the newest record.
 *
 * The layout is the one services.exe of Windows 11 24H2 (build 26100, x64)
 * uses.  Microsoft publishes no symbols for it; the offsets below are facts
 * taken from Volatility 3's symbol table for builds >= 25398, x64
 * (volatility3/framework/symbols/windows/services/services-win10-25398-x64.json),
 * the table its windows.svcscan selects for 26100.  docs/forge.md says the
 * same; tests/cli/forge.sh reads the records back with an independent
 * reader following docs/forge.md, and with Volatility 3 when VOL3 is set. */
#include "forge/forge_int.h"

#include <string.h>

#include "base/bytes.h"

/* _SERVICE_HEADER: the 'serH' tag readers scan for, and the newest record
 * (the one every other is reached from through PrevEntry) */
enum { HDR_TAG = 0x00, HDR_RECORD = 0x10, HDR_SIZE = 0x18 };

/* _SERVICE_RECORD (0x158 bytes used).  +0x00 and +0x10 link the records:
 * +0x10 (PrevEntry) points at the record created before this one, which is
 * the chain readers walk back from any header; +0x00 points at the next
 * record.  Order, Start, Type and State are 32-bit; the three names are
 * pointers to NUL-terminated UTF-16 strings on the same heap. */
enum {
    REC_NEXT = 0x00,
    REC_PREV = 0x10,
    REC_ORDER = 0x20,
    REC_START = 0x24,
    REC_SERVICE_NAME = 0x38,
    REC_DISPLAY_NAME = 0x40,
    REC_TYPE = 0x50,
    REC_STATE = 0x54,
    REC_DRIVER_NAME = 0x128, /* drivers (type < 0x10): the driver's name */
    REC_SERVICE_PROCESS = 0x150, /* Win32 services: the hosting process */
    REC_SIZE = 0x158,
};

/* _SERVICE_PROCESS: the image path (UTF-16) and the process id */
enum { PROC_BINARY_PATH = 0x18, PROC_PROCESS_ID = 0x28, PROC_SIZE = 0x30 };

/* SERVICE_WIN32 (own | share process): the types that run in a process */
#define SERVICE_WIN32_TYPES 0x30u

static uint64_t service_process_build(struct forge *f, struct fprocess *svc, const struct sc_service *s,
                                      uint32_t pid)
{
    uint64_t proc = heap_alloc(f, svc, PROC_SIZE);
    uint64_t bin = heap_wstr(f, svc, s->binary, NULL);
    uint8_t pr[PROC_SIZE] = {0};
    put64(pr + PROC_BINARY_PATH, bin);
    put32(pr + PROC_PROCESS_ID, pid);
    uw(f, svc, proc, pr, sizeof pr);
    return proc;
}

void services_build(struct forge *f)
{
    struct sc_ref sref = { 0, "services.exe" };
    struct fprocess *svc = proc_by_ref(f, &sref);
    f->nsvc = 0;
    f->svc_header = 0;
    if (!svc || !svc->peb)
        return;
    /* the database header comes first on the heap: services.exe creates
     * it before reading the first service from the registry */
    uint64_t hdr = heap_alloc(f, svc, HDR_SIZE);
    uint64_t prev = 0;
    for (size_t i = 0; i < f->sc->nservices; i++) {
        const struct sc_service *s = &f->sc->services[i];
        struct fprocess *host = (s->process.pid || s->process.name[0]) ? proc_by_ref(f, &s->process) : NULL;
        int in_process = (s->type & SERVICE_WIN32_TYPES) != 0;

        uint64_t rec = heap_alloc(f, svc, REC_SIZE);
        uint64_t name = heap_wstr(f, svc, s->name, NULL);
        uint64_t disp = heap_wstr(f, svc, s->display[0] ? s->display : s->name, NULL);
        /* gone_pid: a running service whose host is gone still names it */
        uint32_t pid = host ? host->pid : s->gone_pid;
        uint64_t proc = (in_process && pid) ? service_process_build(f, svc, s, pid) : 0;
        uint64_t driver = (!in_process && s->binary[0]) ? heap_wstr(f, svc, s->binary, NULL) : 0;
        /* services.exe numbers records from 1 in creation order; readers
         * reject an Order above 0xFFFF */
        uint32_t order = (uint32_t)(i % 0xFFFF) + 1;

        uint8_t r[REC_SIZE] = {0};
        put64(r + REC_PREV, prev);
        put32(r + REC_ORDER, order);
        put32(r + REC_START, s->start);
        put64(r + REC_SERVICE_NAME, name);
        put64(r + REC_DISPLAY_NAME, disp);
        put32(r + REC_TYPE, s->type);
        put32(r + REC_STATE, s->state);
        put64(r + REC_DRIVER_NAME, driver);
        put64(r + REC_SERVICE_PROCESS, proc);
        uw(f, svc, rec, r, sizeof r);
        if (prev)
            vw64(f, svc->root, prev + REC_NEXT, rec);
        prev = rec;

        f->svc = fx_grow(f->svc, f->nsvc + 1, sizeof *f->svc);
        struct fsvc *out = &f->svc[f->nsvc++];
        out->record = rec;
        out->process = proc;
        out->order = order;
        out->sc = s;
        out->pid = proc ? pid : 0;
    }
    uint8_t h[HDR_SIZE] = {0};
    memcpy(h + HDR_TAG, "serH", 4);
    put64(h + HDR_RECORD, prev);
    uw(f, svc, hdr, h, sizeof h);
    f->svc_header = hdr;
}
