/* services.exe's service database: one SERVICE_RECORD per service on
 * services.exe's heap, chained newest to oldest, a SERVICE_PROCESS for the
 * process that hosts a running Win32 service, and the database's one
 * 'serH' SERVICE_HEADER pointing at the newest record.
 *
 * The layout is the one services.exe of the build laid out uses (26100's
 * for the built-in profile): src/windows/service_layout.c, the table eproc's
 * reader uses too, says where each build's offsets come from (Volatility
 * 3's services symbol tables, the ones its windows.svcscan selects per
 * build).  docs/forge.md says the same; tests/cli/services.sh reads the
 * records back with an independent reader following docs/forge.md, and
 * with Volatility 3 when VOL3 is set. */
#include "forge/forge_int.h"

#include <string.h>

#include "base/bytes.h"
#include "windows/service_layout.h"

/* _SERVICE_HEADER: the 'serH' tag readers scan for (8-byte aligned, as
 * heap blocks are), and the newest record, the one every other is reached
 * from through PrevEntry */
enum { HDR_SIZE = SERVICE_HEADER_RECORD + 8 };

/* how many bytes a reader may take from a string's start (Volatility 3
 * reads service names 512 bytes at a time) */
enum { STRING_WINDOW = 0x200 };

/* SERVICE_WIN32 (own | share process): the types that run in a process */
#define SERVICE_WIN32_TYPES 0x30u

/* the _SERVICE_PROCESS of a Win32 service's host: its image path and PID */
static uint64_t service_process_build(struct forge *f, struct fprocess *svc, const struct service_layout *l,
                                      const struct sc_service *s, uint32_t pid)
{
    uint64_t proc = heap_alloc(f, svc, l->proc_size);
    uint64_t bin = heap_wstr(f, svc, s->binary, NULL);
    uint8_t pr[SERVICE_PROCESS_MAX] = {0};
    put64(pr + l->proc_binary_path, bin);
    put32(pr + l->proc_process_id, pid);
    uw(f, svc, proc, pr, l->proc_size);
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
    const struct service_layout *l = service_layout_for_build(f->build);
    /* the database header comes first on the heap: services.exe creates
     * it before reading the first service from the registry */
    uint64_t hdr = heap_alloc(f, svc, HDR_SIZE);
    uint64_t prev = 0;
    for (size_t i = 0; i < f->sc->nservices; i++) {
        const struct sc_service *s = &f->sc->services[i];
        struct fprocess *host = (s->process.pid || s->process.name[0]) ? proc_by_ref(f, &s->process) : NULL;
        int in_process = (s->type & SERVICE_WIN32_TYPES) != 0;

        uint64_t rec = heap_alloc(f, svc, l->rec_size);
        uint64_t name = heap_wstr(f, svc, s->name, NULL);
        uint64_t disp = heap_wstr(f, svc, s->display[0] ? s->display : s->name, NULL);
        /* gone_pid: a running service whose host is gone still names it */
        uint32_t pid = host ? host->pid : s->gone_pid;
        uint64_t proc = (in_process && pid) ? service_process_build(f, svc, l, s, pid) : 0;
        uint64_t driver = (!in_process && s->binary[0]) ? heap_wstr(f, svc, s->binary, NULL) : 0;
        /* services.exe numbers records from 1 in creation order; readers
         * reject an Order above 0xFFFF */
        uint32_t order = (uint32_t)(i % 0xFFFF) + 1;

        uint8_t r[SERVICE_RECORD_MAX] = {0};
        put64(r + l->rec_prev, prev);
        put32(r + l->rec_order, order);
        put32(r + l->rec_start, s->start);
        put64(r + l->rec_service_name, name);
        put64(r + l->rec_display_name, disp);
        put32(r + l->rec_type, s->type);
        put32(r + l->rec_state, s->state);
        /* before 25398 the two share a slot: write only the one in use */
        if (driver)
            put64(r + l->rec_driver_name, driver);
        if (proc)
            put64(r + l->rec_service_process, proc);
        uw(f, svc, rec, r, l->rec_size);
        if (prev)
            vw64(f, svc->root, prev + l->rec_next, rec);
        prev = rec;

        f->svc = fx_grow(f->svc, f->nsvc + 1, sizeof *f->svc);
        struct fsvc *out = &f->svc[f->nsvc++];
        out->record = rec;
        out->process = proc;
        out->order = order;
        out->sc = s;
        out->pid = proc ? pid : 0;
    }
    /* services.exe's heap goes on after the database: a zeroed block keeps
     * the memory after the last string committed, as readers that take a
     * string in 512-byte windows (Volatility 3) expect; without it the
     * newest record's names could end a page before an unwritten one */
    if (f->nsvc) {
        static const uint8_t tail[STRING_WINDOW];
        uw(f, svc, heap_alloc(f, svc, sizeof tail), tail, sizeof tail);
    }
    uint8_t h[HDR_SIZE] = {0};
    memcpy(h, "serH", 4);
    put64(h + SERVICE_HEADER_RECORD, prev);
    uw(f, svc, hdr, h, sizeof h);
    f->svc_header = hdr;
}
