/* services.exe's service database, read from its private memory.
 *
 * Microsoft publishes no symbols for services.exe.  The layout is the one
 * of the capture's build (service_layout.c: one table per range of builds,
 * chosen once from the kernel's build number; the forge writes the same,
 * docs/forge.md "Service records"):
 *   _SERVICE_HEADER:  +0 tag 'serH', then the newest _SERVICE_RECORD
 *   _SERVICE_RECORD:  PrevEntry (the older record), Order, Start,
 *                     ServiceName, DisplayName, Type, State, DriverName,
 *                     ServiceProcess
 *   _SERVICE_PROCESS: BinaryPath, ProcessId
 * Strings are NUL-terminated UTF-16LE on the same heap.
 *
 * Every record is reached from a header through PrevEntry.  The walk is
 * bounded, remembers where it has been, and stops at a record whose Order
 * is not believable (services.exe numbers records from 1, below 0x10000). */
#include "windows/service_records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"
#include "base/text.h"
#include "windows/private_scan.h"
#include "windows/ptrset.h"

#define MAX_RECORDS (1u << 16)
#define MAX_ORDER 0xFFFFu

static int user_pointer(uint64_t p)
{
    return p && p < 0x800000000000ull;
}

/* A NUL-terminated UTF-16LE string at va, as UTF-8 ("" if unreadable). */
static void read_wstr(struct vspace *vs, uint64_t va, char *out, size_t outsz)
{
    uint8_t buf[1024];
    out[0] = 0;
    if (!user_pointer(va))
        return;
    uint64_t n = vread(vs, va, buf, sizeof buf);
    if (n >= 2)
        text_from_utf16le(out, outsz, buf, (size_t)(n & ~1ull));
}

struct scan_ctx {
    const struct service_layout *l;
    struct service_db *db;
    struct ptrset seen;
};

static int add_record(struct service_db *db, const struct service_record *r)
{
    if (db->n == db->cap) {
        unsigned cap = db->cap ? db->cap * 2 : 64;
        struct service_record *grown = realloc(db->items, (size_t)cap * sizeof *grown);
        if (!grown)
            return -1;
        db->items = grown;
        db->cap = cap;
    }
    db->items[db->n++] = *r;
    return 0;
}

static void walk_header(struct scan_ctx *c, struct vspace *vs, uint64_t header)
{
    const struct service_layout *l = c->l;
    if (l->rec_size > SERVICE_RECORD_MAX || l->proc_size > SERVICE_PROCESS_MAX)
        return;
    uint64_t rec;
    if (vread_u64(vs, header + SERVICE_HEADER_RECORD, &rec) != 0)
        return;
    for (unsigned n = 0; user_pointer(rec) && n < MAX_RECORDS && c->db->n < MAX_RECORDS; n++) {
        if (ptrset_add(&c->seen, rec) != 1)
            return;                        /* met before: from another header, or a loop */
        uint8_t b[SERVICE_RECORD_MAX];
        if (vread(vs, rec, b, l->rec_size) != l->rec_size)
            return;
        struct service_record r;
        memset(&r, 0, sizeof r);
        r.va = rec;
        r.order = le32(b + l->rec_order);
        if (r.order == 0 || r.order > MAX_ORDER)
            return;
        r.start = le32(b + l->rec_start);
        r.type = le32(b + l->rec_type);
        r.state = le32(b + l->rec_state);
        read_wstr(vs, le64(b + l->rec_service_name), r.name, sizeof r.name);
        read_wstr(vs, le64(b + l->rec_display_name), r.display, sizeof r.display);
        /* before 25398 one slot holds either pointer: Type says which */
        uint64_t proc = le64(b + l->rec_service_process);
        uint8_t pb[SERVICE_PROCESS_MAX];
        if ((r.type & SERVICE_WIN32) && user_pointer(proc) && vread(vs, proc, pb, l->proc_size) == l->proc_size) {
            r.has_process = 1;
            r.pid = le32(pb + l->proc_process_id);
            read_wstr(vs, le64(pb + l->proc_binary_path), r.binary, sizeof r.binary);
        } else if (!(r.type & SERVICE_WIN32)) {
            read_wstr(vs, le64(b + l->rec_driver_name), r.binary, sizeof r.binary);
        }
        if (add_record(c->db, &r) != 0)
            return;
        rec = le64(b + l->rec_prev);
    }
}

static int headers_in_page(struct vspace *vs, uint64_t va, const uint8_t *page, void *ctx)
{
    struct scan_ctx *c = ctx;
    for (unsigned off = 0; off + SERVICE_HEADER_RECORD + 8 <= 4096; off += 8)
        if (memcmp(page + off, "serH", 4) == 0) {
            c->db->headers++;
            walk_header(c, vs, va + off);
        }
    return c->db->n >= MAX_RECORDS;
}

int service_records_read(struct kernel *k, const struct ep_process *services, struct service_db *out)
{
    memset(out, 0, sizeof *out);
    out->layout = service_layout_for_build(k->build);
    struct vspace vs;
    vspace_init(&vs, k->cap, services->dtb);
    struct scan_ctx c = { out->layout, out, { 0 } };
    ptrset_init(&c.seen);
    int rc = private_pages_scan(k, services, &vs, headers_in_page, &c);
    ptrset_free(&c.seen);
    return rc;
}

void service_db_free(struct service_db *db)
{
    free(db->items);
    memset(db, 0, sizeof *db);
}

void service_type_text(uint32_t type, char *out, size_t outsz)
{
    /* winsvc.h / winnt.h SERVICE_* type bits */
    static const struct { uint32_t bit; const char *name; } bits[] = {
        { 0x1, "SERVICE_KERNEL_DRIVER" }, { 0x2, "SERVICE_FILE_SYSTEM_DRIVER" },
        { 0x4, "SERVICE_ADAPTER" }, { 0x8, "SERVICE_RECOGNIZER_DRIVER" },
        { 0x10, "SERVICE_WIN32_OWN_PROCESS" }, { 0x20, "SERVICE_WIN32_SHARE_PROCESS" },
        { 0x40, "SERVICE_USER_SERVICE" }, { 0x80, "SERVICE_USERSERVICE_INSTANCE" },
        { 0x100, "SERVICE_INTERACTIVE_PROCESS" }, { 0x200, "SERVICE_PKG_SERVICE" },
    };
    size_t pos = 0;
    uint32_t left = type;
    out[0] = 0;
    for (size_t i = 0; i < sizeof bits / sizeof bits[0] && pos < outsz; i++) {
        if (!(type & bits[i].bit))
            continue;
        int n = snprintf(out + pos, outsz - pos, "%s%s", pos ? "|" : "", bits[i].name);
        if (n > 0)
            pos += (size_t)n;
        left &= ~bits[i].bit;
    }
    if ((left || !type) && pos < outsz)
        snprintf(out + pos, outsz - pos, "%s0x%x", pos ? "|" : "", left);
}

const char *service_state_name(uint32_t state)
{
    static const char *const names[] = { NULL, "SERVICE_STOPPED", "SERVICE_START_PENDING", "SERVICE_STOP_PENDING",
                                         "SERVICE_RUNNING", "SERVICE_CONTINUE_PENDING", "SERVICE_PAUSE_PENDING",
                                         "SERVICE_PAUSED" };
    return state < sizeof names / sizeof names[0] ? names[state] : NULL;
}

const char *service_start_name(uint32_t start)
{
    static const char *const names[] = { "SERVICE_BOOT_START", "SERVICE_SYSTEM_START", "SERVICE_AUTO_START",
                                         "SERVICE_DEMAND_START", "SERVICE_DISABLED" };
    return start < sizeof names / sizeof names[0] ? names[start] : NULL;
}
