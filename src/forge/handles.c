/* Handle tables and the objects handles point to.
 *
 * Windows 8+ x64 handle table entry (16 bytes): LowValue = Unlocked:1,
 * RefCnt:16, Attributes:3, ObjectPointerBits:44 (the OBJECT_HEADER address
 * >> 4); HighValue = GrantedAccessBits:25.  A table is one page of 256
 * entries (level 0), a page of 512 pointers to such pages (level 1), or a
 * page of pointers to level-1 pages (level 2); TableCode's low 2 bits hold
 * the level.  The first entry of every low-level page is never used.
 * PspCidTable uses the same format but its entries point at the object
 * bodies (EPROCESS/ETHREAD), not at their headers. */
#include "forge/forge_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/bytes.h"

#define ENTRIES_PER_PAGE 256
#define PTRS_PER_PAGE 512

void handles_init(struct forge *f, struct fprocess *p)
{
    p->handle_table = pool_alloc(f, POOL_PAGED, f->L.sz_HANDLE_TABLE, "Obtb");
}

static uint32_t next_free_value(const struct fprocess *p)
{
    uint32_t v = 4;
    for (;;) {
        if ((v / 4) % ENTRIES_PER_PAGE == 0) {   /* first slot of a page */
            v += 4;
            continue;
        }
        int used = 0;
        for (size_t i = 0; i < p->nhandles; i++)
            if (p->handles[i].value == v) {
                used = 1;
                break;
            }
        if (!used)
            return v;
        v += 4;
    }
}

/* Process, thread and token objects have no name in the image (no
 * OBJECT_HEADER_NAME_INFO).  A reader names a Process handle by the
 * EPROCESS it points at, "ImageFileName Pid N", and a Thread handle by the
 * ETHREAD's client ID, "Tid N Pid N" (the 15-character ImageFileName and
 * the IDs as written), so the truth names them so too, whoever added the
 * handle; a Token handle is unnamed (docs/forge.md, "Handle names").
 * Returns 0 when the type is not one of these. */
static int handle_name_from_object(const struct forge *f, enum obj_type type, uint64_t body, char *out,
                                   size_t n)
{
    if (type == OT_TOKEN) {
        out[0] = 0;
        return 1;
    }
    if (type != OT_PROCESS && type != OT_THREAD)
        return 0;
    out[0] = 0;
    for (size_t i = 0; i < f->nprocs; i++) {
        const struct fprocess *q = &f->procs[i];
        if (type == OT_PROCESS && q->eprocess == body) {
            snprintf(out, n, "%.15s Pid %u", q->sc->name, q->pid);
            return 1;
        }
        for (size_t k = 0; type == OT_THREAD && k < q->nthreads; k++)
            if (q->threads[k].ethread == body) {
                snprintf(out, n, "Tid %u Pid %u", q->threads[k].tid, q->pid);
                return 1;
            }
    }
    return 1;
}

/* The name a reader finds for an object the forge named (object_named,
 * directory_for, file_object_create remember them): a handle added
 * without a name still gets the one the image holds. */
static int remembered_name(const struct forge *f, uint64_t body, char *out, size_t n)
{
    for (size_t i = 0; i < f->nnamed; i++) {
        if (f->named[i].va != body)
            continue;
        const char *k = f->named[i].key;
        if (!strncmp(k, "dir:", 4))
            snprintf(out, n, "%s", k + 4);
        else if (!strncmp(k, "file:", 5))
            snprintf(out, n, "%s", k + 5);
        else if (k[0] >= '0' && k[0] <= '9' && strchr(k, ':'))   /* object_named: a bare name lives in \BaseNamedObjects */
            snprintf(out, n, "%s%s", strchr(k, ':')[1] == '\\' ? "" : "\\BaseNamedObjects\\", strchr(k, ':') + 1);
        else
            continue;
        return 1;
    }
    return 0;
}

uint32_t handle_add_at(struct forge *f, struct fprocess *p, uint64_t body, enum obj_type type,
                       uint32_t access, const char *name, uint32_t value)
{
    if (p->nhandles == p->cap_handles) {
        p->cap_handles = p->cap_handles ? p->cap_handles * 2 : 64;
        p->handles = fx_grow(p->handles, p->cap_handles, sizeof *p->handles);
    }
    if (!value)
        value = p->next_handle_hint ? p->next_handle_hint : 4;
    /* fast path: values are handed out in order */
    if ((value / 4) % ENTRIES_PER_PAGE == 0)
        value += 4;
    for (size_t i = 0; i < p->nhandles; i++)
        if (p->handles[i].value == value) {
            value = next_free_value(p);
            break;
        }
    struct fhandle *h = &p->handles[p->nhandles++];
    memset(h, 0, sizeof *h);
    h->value = value;
    h->object = body;
    h->type = type;
    h->access = access;
    /* the name the image holds wins over the one the caller passed */
    if (!handle_name_from_object(f, type, body, h->name, sizeof h->name) &&
        !remembered_name(f, body, h->name, sizeof h->name))
        snprintf(h->name, sizeof h->name, "%s", name ? name : "");
    p->next_handle_hint = value + 4;
    /* the object gains a handle and a reference */
    uint64_t oh = obj_header_of(f, body);
    uint64_t pc = kr64(f, oh + (uint64_t)f->L.oh_PointerCount.off);
    uint64_t hc = kr64(f, oh + (uint64_t)f->L.oh_HandleCount.off);
    kfield(f, f->sys_root, oh, &f->L.oh_PointerCount, pc + 1);
    kfield(f, f->sys_root, oh, &f->L.oh_HandleCount, hc + 1);
    f->type_handles_count[type]++;
    return value;
}

uint32_t handle_add(struct forge *f, struct fprocess *p, uint64_t body, enum obj_type type,
                    uint32_t access, const char *name)
{
    return handle_add_at(f, p, body, type, access, name, 0);
}

static void entry_encode(struct forge *f, uint8_t *e, uint64_t target, uint32_t access, uint8_t attributes)
{
    fset(e, &f->L.hte_ObjectPointerBits, (target >> 4) & ((1ULL << 44) - 1));
    fset(e, &f->L.hte_RefCnt, 0x7FFF);
    fset(e, &f->L.hte_Attributes, attributes & 7);
    fset(e, &f->L.hte_Unlocked, 1);
    fset(e, &f->L.hte_GrantedAccessBits, access & 0x1FFFFFF);
}

/* Build the page tree for entries (value -> target) and return TableCode. */
static uint64_t build_table(struct forge *f, const uint32_t *values, const uint64_t *targets,
                            const uint32_t *access, const uint8_t *attributes, size_t n, int *levels_out,
                            uint32_t *next_needing)
{
    uint32_t esz = f->L.sz_HANDLE_TABLE_ENTRY ? f->L.sz_HANDLE_TABLE_ENTRY : 16;
    uint32_t maxv = 0;
    for (size_t i = 0; i < n; i++)
        if (values[i] > maxv)
            maxv = values[i];
    size_t npages = maxv / 4 / ENTRIES_PER_PAGE + 1;
    int levels = npages <= 1 ? 0 : npages <= PTRS_PER_PAGE ? 1 : 2;
    uint64_t *pages = fx_tmp(f, npages, sizeof *pages);
    uint8_t *buf = fx_tmp(f, 1, PAGE);
    for (size_t pg = 0; pg < npages; pg++) {
        memset(buf, 0, PAGE);
        int any = 0;
        for (size_t i = 0; i < n; i++) {
            uint32_t idx = values[i] / 4;
            if (idx / ENTRIES_PER_PAGE != pg)
                continue;
            entry_encode(f, buf + (idx % ENTRIES_PER_PAGE) * esz, targets[i], access[i],
                         attributes ? attributes[i] : 0);
            any = 1;
        }
        /* free entries of an in-use page chain to the next free handle */
        (void)any;
        pages[pg] = pool_alloc_big(f, POOL_PAGED, PAGE, "Obtb");
        kw(f, pages[pg], buf, PAGE);
    }
    uint64_t code;
    if (levels == 0) {
        code = pages[0];
    } else if (levels == 1) {
        uint64_t l1 = pool_alloc_big(f, POOL_PAGED, PAGE, "Obtb");
        for (size_t pg = 0; pg < npages; pg++)
            kw64(f, l1 + pg * 8, pages[pg]);
        code = l1 | 1;
    } else {
        uint64_t l2 = pool_alloc_big(f, POOL_PAGED, PAGE, "Obtb");
        size_t nl1 = (npages + PTRS_PER_PAGE - 1) / PTRS_PER_PAGE;
        for (size_t j = 0; j < nl1; j++) {
            uint64_t l1 = pool_alloc_big(f, POOL_PAGED, PAGE, "Obtb");
            for (size_t k = 0; k < PTRS_PER_PAGE && j * PTRS_PER_PAGE + k < npages; k++)
                kw64(f, l1 + k * 8, pages[j * PTRS_PER_PAGE + k]);
            kw64(f, l2 + j * 8, l1);
        }
        code = l2 | 2;
    }
    *levels_out = levels;
    *next_needing = (uint32_t)(npages * ENTRIES_PER_PAGE * 4);
    fx_tmp_free(f, buf);
    fx_tmp_free(f, pages);
    return code;
}

static void write_table_header(struct forge *f, uint64_t ht, uint64_t code, uint32_t next_needing,
                               uint64_t quota_process, uint32_t pid)
{
    uint32_t sz = f->L.sz_HANDLE_TABLE;
    uint8_t *b = fx_tmp(f, 1, sz);
    fset(b, &f->L.ht_NextHandleNeedingPool, next_needing);
    fset(b, &f->L.ht_TableCode, code);
    fset(b, &f->L.ht_QuotaProcess, quota_process);
    fset(b, &f->L.ht_UniqueProcessId, pid);
    if (fhas(&f->L.ht_HandleTableList)) {   /* linked later; self for now */
        put64(b + f->L.ht_HandleTableList.off, ht + (uint64_t)f->L.ht_HandleTableList.off);
        put64(b + f->L.ht_HandleTableList.off + 8, ht + (uint64_t)f->L.ht_HandleTableList.off);
    }
    kw(f, ht, b, sz);
    fx_tmp_free(f, b);
}

void handles_write(struct forge *f, struct fprocess *p)
{
    size_t n = p->nhandles;
    uint32_t *values = fx_tmp(f, n + 1, sizeof *values);
    uint64_t *targets = fx_tmp(f, n + 1, sizeof *targets);
    uint32_t *acc = fx_tmp(f, n + 1, sizeof *acc);
    uint8_t *attrs = fx_tmp(f, n + 1, sizeof *attrs);
    for (size_t i = 0; i < n; i++) {
        values[i] = p->handles[i].value;
        targets[i] = obj_header_of(f, p->handles[i].object);
        acc[i] = p->handles[i].access;
        attrs[i] = p->handles[i].attributes;
    }
    uint32_t next_needing;
    p->table_code = build_table(f, values, targets, acc, attrs, n, &p->handle_levels, &next_needing);
    write_table_header(f, p->handle_table, p->table_code, next_needing,
                       p->pid == 4 ? 0 : p->eprocess, p->pid);
    fx_tmp_free(f, attrs);
    fx_tmp_free(f, acc);
    fx_tmp_free(f, targets);
    fx_tmp_free(f, values);
}

/* CreateProcess with bInheritHandles: the kernel duplicates each of the
 * creator's handles marked OBJ_INHERIT into the new table at the same
 * value, with the same access and attributes (Windows Internals 7th ed.,
 * ch. 8 "Object handles").  Creators go first (creation order), so a
 * handle a child inherited passes on to its own inheriting children.  The
 * forge adds a process's own handles before this step: when one holds the
 * creator's value the inherited copy takes the next free one, and the
 * truth says which handle it came from either way. */
void handles_inherit(struct forge *f)
{
    struct fprocess **order = fx_tmp(f, f->nprocs + 1, sizeof *order);
    for (size_t i = 0; i < f->nprocs; i++)
        order[i] = &f->procs[i];
    for (size_t i = 1; i < f->nprocs; i++)     /* insertion sort: a few dozen processes */
        for (size_t j = i; j > 0 && order[j]->create_time < order[j - 1]->create_time; j--) {
            struct fprocess *t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (size_t i = 0; i < f->nprocs; i++) {
        struct fprocess *p = order[i];
        if (!p->sc->inherit_handles || p->exited)
            continue;
        struct fprocess *creator = proc_by_pid(f, p->creator_pid ? p->creator_pid : p->ppid);
        if (!creator || creator == p || creator->exited)
            continue;
        size_t n = creator->nhandles;       /* not the copies this loop adds */
        for (size_t k = 0; k < n; k++) {
            struct fhandle h = creator->handles[k];
            if (!(h.attributes & HANDLE_ATTR_INHERIT))
                continue;
            handle_add_at(f, p, h.object, h.type, h.access, h.name, h.value);
            struct fhandle *c = &p->handles[p->nhandles - 1];
            c->attributes = h.attributes;
            c->inherited_from_pid = creator->pid;
            c->inherited_value = h.value;
        }
    }
    fx_tmp_free(f, order);
}

/* PspCidTable: every process and thread by its ID. */
void cid_table_build(struct forge *f)
{
    size_t n = 0;
    for (size_t i = 0; i < f->nprocs; i++)
        n += 1 + f->procs[i].nthreads;
    uint32_t *values = fx_tmp(f, n + 1, sizeof *values);
    uint64_t *targets = fx_tmp(f, n + 1, sizeof *targets);
    uint32_t *acc = fx_tmp(f, n + 1, sizeof *acc);
    size_t k = 0;
    for (size_t i = 0; i < f->nprocs; i++) {
        struct fprocess *p = &f->procs[i];
        if (p->pid == 0)
            continue;
        if (!p->freed) {
            values[k] = p->pid;
            targets[k] = p->eprocess;
            acc[k] = 0;
            k++;
        }
        for (size_t t = 0; t < p->nthreads; t++) {
            if (p->threads[t].exited)
                continue;
            values[k] = p->threads[t].tid;
            targets[k] = p->threads[t].ethread;
            acc[k] = 0;
            k++;
        }
    }
    f->cid_table = pool_alloc(f, POOL_NONPAGED, f->L.sz_HANDLE_TABLE, "PsCi");
    int levels;
    uint32_t next_needing;
    uint64_t code = build_table(f, values, targets, acc, NULL, k, &levels, &next_needing);
    write_table_header(f, f->cid_table, code, next_needing, 0, 0);
    uint64_t sym = ksym(f, "PspCidTable");
    if (sym)
        kw64(f, sym, f->cid_table);
    fx_tmp_free(f, acc);
    fx_tmp_free(f, targets);
    fx_tmp_free(f, values);
}

/* ---- objects handles point to ---- */

static uint64_t find_named(struct forge *f, const char *key)
{
    for (size_t i = 0; i < f->nnamed; i++)
        if (!strcmp(f->named[i].key, key))
            return f->named[i].va;
    return 0;
}

static void remember(struct forge *f, const char *key, uint64_t va)
{
    f->named = fx_grow(f->named, f->nnamed + 1, sizeof *f->named);
    snprintf(f->named[f->nnamed].key, sizeof f->named[f->nnamed].key, "%s", key);
    f->named[f->nnamed].va = va;
    f->nnamed++;
}

static uint64_t simple_body_size(struct forge *f, enum obj_type t)
{
    switch (t) {
    case OT_EVENT: return f->L.sz_KEVENT ? f->L.sz_KEVENT : 0x18;
    case OT_MUTANT: return f->L.sz_KMUTANT ? f->L.sz_KMUTANT : 0x38;
    case OT_SEMAPHORE: return f->L.sz_KSEMAPHORE ? f->L.sz_KSEMAPHORE : 0x20;
    case OT_TIMER: return f->L.sz_KTIMER ? f->L.sz_KTIMER : 0x40;
    case OT_SECTION: return f->L.sz_SECTION ? f->L.sz_SECTION : 0x40;
    case OT_DIRECTORY: return f->L.sz_OBJECT_DIRECTORY ? f->L.sz_OBJECT_DIRECTORY : 0x158;
    case OT_SYMBOLICLINK: return f->L.sz_OBJECT_SYMBOLIC_LINK ? f->L.sz_OBJECT_SYMBOLIC_LINK : 0x38;
    case OT_JOB: return f->L.sz_EJOB ? f->L.sz_EJOB : 0x5c8;
    case OT_DEVICE: return f->L.sz_DEVICE_OBJECT ? f->L.sz_DEVICE_OBJECT : 0x150;
    case OT_DRIVER: return f->L.sz_DRIVER_OBJECT ? f->L.sz_DRIVER_OBJECT : 0x150;
    case OT_ALPCPORT: return 0x1D8;
    case OT_DESKTOP: return 0x88;
    case OT_WINDOWSTATION: return 0x98;
    case OT_IOCOMPLETION: return 0x40;
    case OT_TPWORKERFACTORY: return 0x100;
    case OT_ETWREGISTRATION: return 0x70;
    case OT_WAITCOMPLETIONPACKET: return 0x60;
    case OT_IRTIMER: return 0x70;
    default: return 0x40;
    }
}

/* Directory objects: "\", "\Device", "\BaseNamedObjects"... */
static uint64_t directory_for(struct forge *f, const char *dir)
{
    if (!dir[0])
        dir = "\\";
    char key[SC_PATH + 8];
    snprintf(key, sizeof key, "dir:%s", dir);
    uint64_t v = find_named(f, key);
    if (v)
        return v;
    char parent[SC_PATH];
    snprintf(parent, sizeof parent, "%s", dir);
    char *slash = strrchr(parent, '\\');
    const char *leaf = slash ? slash + 1 : parent;
    uint64_t pdir = 0;
    char leafbuf[SC_PATH];
    snprintf(leafbuf, sizeof leafbuf, "%s", leaf);
    if (slash && slash != parent) {
        *slash = 0;
        pdir = directory_for(f, parent);
    } else if (strcmp(dir, "\\") != 0) {
        pdir = directory_for(f, "\\");
    }
    uint16_t w[SC_PATH];
    size_t n = utf16_from_ascii(w, SC_PATH, strcmp(dir, "\\") ? leafbuf : "\\");
    struct obj_spec s = { .type = OT_DIRECTORY, .body_size = (uint32_t)simple_body_size(f, OT_DIRECTORY),
                          .name = w, .name_len = n, .directory = pdir, .paged = 1, .pointer_count = 4,
                          .info_mask = OBH_NAME };
    v = obj_create(f, &s);
    remember(f, key, v);
    if (!strcmp(dir, "\\")) {
        f->root_directory = v;
        uint64_t sym = ksym(f, "ObpRootDirectoryObject");
        if (sym)
            kw64(f, sym, v);
    }
    return v;
}

uint64_t object_named(struct forge *f, enum obj_type type, const char *name, uint32_t creator_pid)
{
    (void)creator_pid;
    if (name && name[0]) {
        char key[SC_PATH + 8];
        snprintf(key, sizeof key, "%d:%s", (int)type, name);
        uint64_t v = find_named(f, key);
        if (v)
            return v;
        char dir[SC_PATH];
        snprintf(dir, sizeof dir, "%s", name);
        char *slash = strrchr(dir, '\\');
        const char *leaf = name;
        if (slash) {
            leaf = name + (slash - dir) + 1;
            *slash = 0;
        } else {
            snprintf(dir, sizeof dir, "\\BaseNamedObjects");
        }
        uint64_t d = directory_for(f, dir);
        uint16_t w[SC_PATH];
        size_t n = utf16_from_ascii(w, SC_PATH, leaf);
        struct obj_spec s = { .type = type, .body_size = (uint32_t)simple_body_size(f, type),
                              .name = w, .name_len = n, .directory = d, .info_mask = OBH_QUOTA,
                              .paged = type == OT_SECTION || type == OT_SYMBOLICLINK };
        v = obj_create(f, &s);
        /* dispatcher objects: a type byte and an empty wait list */
        if (type == OT_EVENT || type == OT_MUTANT || type == OT_SEMAPHORE || type == OT_TIMER) {
            static const uint8_t dtype[] = { [OT_EVENT] = 0, [OT_MUTANT] = 2, [OT_SEMAPHORE] = 5, [OT_TIMER] = 8 };
            kfield(f, f->sys_root, v, &f->L.dh_Type, dtype[type]);
            if (fhas(&f->L.dh_WaitListHead)) {
                uint64_t wl = v + (uint64_t)f->L.dh_WaitListHead.off;
                kw64(f, wl, wl);
                kw64(f, wl + 8, wl);
            }
        }
        remember(f, key, v);
        return v;
    }
    struct obj_spec s = { .type = type, .body_size = (uint32_t)simple_body_size(f, type),
                          .info_mask = OBH_QUOTA };
    uint64_t v = obj_create(f, &s);
    if (type == OT_EVENT || type == OT_MUTANT || type == OT_SEMAPHORE || type == OT_TIMER) {
        static const uint8_t dtype[] = { [OT_EVENT] = 1, [OT_MUTANT] = 2, [OT_SEMAPHORE] = 5, [OT_TIMER] = 8 };
        kfield(f, f->sys_root, v, &f->L.dh_Type, dtype[type]);
        if (fhas(&f->L.dh_WaitListHead)) {
            uint64_t wl = v + (uint64_t)f->L.dh_WaitListHead.off;
            kw64(f, wl, wl);
            kw64(f, wl + 8, wl);
        }
    }
    return v;
}

/* \Device\XXX objects, with a driver object behind each. */
uint64_t device_object(struct forge *f, const char *devname, const char *driver)
{
    char key[SC_PATH];
    snprintf(key, sizeof key, "dev:%s", devname);
    uint64_t v = find_named(f, key);
    if (v)
        return v;
    char dkey[SC_PATH];
    snprintf(dkey, sizeof dkey, "drv:%s", driver);
    uint64_t drv = find_named(f, dkey);
    if (!drv) {
        uint16_t w[64];
        size_t n = utf16_from_ascii(w, 64, driver);
        int fs = !strcmp(driver, "Ntfs") || !strcmp(driver, "Npfs") || !strcmp(driver, "Mup");
        struct obj_spec s = { .type = OT_DRIVER, .body_size = (uint32_t)simple_body_size(f, OT_DRIVER),
                              .name = w, .name_len = n, .info_mask = OBH_NAME,
                              .directory = directory_for(f, fs ? "\\FileSystem" : "\\Driver"),
                              .pointer_count = 3 };
        drv = obj_create(f, &s);
        kfield(f, f->sys_root, drv, &f->L.drv_Type, 4);
        kfield(f, f->sys_root, drv, &f->L.drv_Size, simple_body_size(f, OT_DRIVER));
        if (fhas(&f->L.drv_DriverName)) {
            char full[96];
            snprintf(full, sizeof full, "%s%s", fs ? "\\FileSystem\\" : "\\Driver\\", driver);
            kernel_unicode_string(f, drv + (uint64_t)f->L.drv_DriverName.off, full, "ObNm");
        }
        remember(f, dkey, drv);
    }
    uint16_t w[64];
    size_t n = utf16_from_ascii(w, 64, devname);
    struct obj_spec s = { .type = OT_DEVICE, .body_size = (uint32_t)simple_body_size(f, OT_DEVICE),
                          .name = w, .name_len = n, .info_mask = OBH_NAME,
                          .directory = directory_for(f, "\\Device"), .pointer_count = 2 };
    v = obj_create(f, &s);
    kfield(f, f->sys_root, v, &f->L.do_Type, 3);
    kfield(f, f->sys_root, v, &f->L.do_Size, simple_body_size(f, OT_DEVICE));
    kfield(f, f->sys_root, v, &f->L.do_DriverObject, drv);
    kfield(f, f->sys_root, drv, &f->L.drv_DeviceObject, v);
    remember(f, key, v);
    return v;
}

/* A FILE_OBJECT for a path: "C:\x\y" lives on HarddiskVolume3,
 * "\Device\Foo\bar" on device Foo. */
uint64_t file_object_create(struct forge *f, const char *path, uint32_t creator_pid)
{
    (void)creator_pid;
    char dev[64] = "HarddiskVolume3", drv[32] = "Ntfs";
    const char *rest = path;
    if (!strncasecmp(path, "\\Device\\", 8)) {
        const char *d = path + 8;
        const char *s = strchr(d, '\\');
        size_t n = s ? (size_t)(s - d) : strlen(d);
        if (n >= sizeof dev)
            n = sizeof dev - 1;
        memcpy(dev, d, n);
        dev[n] = 0;
        rest = s ? s : "";
        if (!strcasecmp(dev, "NamedPipe")) snprintf(drv, sizeof drv, "Npfs");
        else if (!strcasecmp(dev, "ConDrv")) snprintf(drv, sizeof drv, "condrv");
        else if (!strcasecmp(dev, "Afd")) snprintf(drv, sizeof drv, "AFD");
        else if (!strcasecmp(dev, "Mup")) snprintf(drv, sizeof drv, "Mup");
        else if (!strcasecmp(dev, "KsecDD")) snprintf(drv, sizeof drv, "KSecDD");
        else if (!strcasecmp(dev, "CNG")) snprintf(drv, sizeof drv, "CNG");
        else if (!strncasecmp(dev, "HarddiskVolume", 14)) snprintf(drv, sizeof drv, "Ntfs");
        else snprintf(drv, sizeof drv, "%s", dev);
    } else if (path[0] && path[1] == ':') {
        rest = path + 2;
    }
    uint64_t device = device_object(f, dev, drv);
    struct obj_spec s = { .type = OT_FILE, .body_size = f->L.sz_FILE_OBJECT,
                          .info_mask = OBH_QUOTA | OBH_HANDLE };
    uint64_t fo = obj_create(f, &s);
    uint8_t *b = fx_tmp(f, 1, f->L.sz_FILE_OBJECT);
    fset(b, &f->L.fo_Type, 5);
    fset(b, &f->L.fo_Size, f->L.sz_FILE_OBJECT);
    fset(b, &f->L.fo_DeviceObject, device);
    fset(b, &f->L.fo_ReadAccess, 1);
    fset(b, &f->L.fo_SharedRead, 1);
    fset(b, &f->L.fo_Flags, 0x40042);
    kw(f, fo, b, f->L.sz_FILE_OBJECT);
    fx_tmp_free(f, b);
    kernel_unicode_string(f, fo + (uint64_t)f->L.fo_FileName.off, rest, "FSfn");
    char key[SC_PATH + 8];
    snprintf(key, sizeof key, "file:%s", path);
    remember(f, key, fo);
    return fo;
}

/* Registry keys.  A Key handle's body is a _CM_KEY_BODY pointing at the
 * key control block of the open key; each KCB points at its parent's and
 * at a name block holding its own name (compressed: one byte a character,
 * as the configuration manager stores names that are plain ASCII), so the
 * chain from the root KCB ("REGISTRY") down spells the path.  KCBs are
 * shared by every body that opens the key; RefCount counts the bodies and
 * child KCBs that reference one.  The forge models no hive contents
 * (CmpHiveListHead is empty), so KeyHive is NULL and KeyCell HCELL_NIL. */
#define HCELL_NIL 0xFFFFFFFFu

static void kcb_ref(struct forge *f, uint64_t kcb)
{
    if (fhas(&f->L.kcb_RefCount))
        kfield(f, f->sys_root, kcb, &f->L.kcb_RefCount,
               kr64(f, kcb + (uint64_t)f->L.kcb_RefCount.off) + 1);
}

static uint64_t kcb_for(struct forge *f, const char *path)
{
    char key[SC_PATH + 8];
    snprintf(key, sizeof key, "kcb:%s", path);
    uint64_t v = find_named(f, key);
    if (v)
        return v;
    char parent[SC_PATH];
    snprintf(parent, sizeof parent, "%s", path);
    char *slash = strrchr(parent, '\\');
    const char *leaf = path;
    uint64_t pk = 0;
    if (slash && slash != parent) {
        leaf = path + (slash - parent) + 1;
        *slash = 0;
        pk = kcb_for(f, parent);
        kcb_ref(f, pk);
    } else if (slash) {
        leaf = path + 1;
    }
    uint32_t ksz = f->L.sz_CM_KEY_CONTROL_BLOCK ? f->L.sz_CM_KEY_CONTROL_BLOCK : 0x128;
    v = pool_alloc(f, POOL_PAGED, ksz, "CMkb");
    size_t ln = strlen(leaf);
    uint32_t nboff = fhas(&f->L.nb_Name) ? (uint32_t)f->L.nb_Name.off : 0x1A;
    uint64_t nb = pool_alloc(f, POOL_PAGED, (uint32_t)(nboff + ln + 1), "CMNb");
    uint8_t nbuf[SC_PATH + 64] = {0};
    fset(nbuf, &f->L.nb_Compressed, 1);
    fset(nbuf, &f->L.nb_RefCount, 1);
    fset(nbuf, &f->L.nb_NameLength, ln);
    memcpy(nbuf + nboff, leaf, ln);
    kw(f, nb, nbuf, nboff + ln + 1);
    kfield(f, f->sys_root, v, &f->L.kcb_RefCount, 0);
    kfield(f, f->sys_root, v, &f->L.kcb_KeyHive, 0);
    kfield(f, f->sys_root, v, &f->L.kcb_KeyCell, HCELL_NIL);
    /* KEY_COMP_NAME (0x20): the name block is compressed; the root also
     * KEY_NO_DELETE (0x8).  Values: CM_KCB flags as Volatility's
     * RegKeyFlags enumerates them. */
    kfield(f, f->sys_root, v, &f->L.kcb_Flags, pk ? 0x20 : 0x28);
    kfield(f, f->sys_root, v, &f->L.kcb_NameBlock, nb);
    kfield(f, f->sys_root, v, &f->L.kcb_ParentKcb, pk);
    remember(f, key, v);
    return v;
}

uint64_t key_object_create(struct forge *f, const char *path, uint32_t pid)
{
    uint32_t sz = f->L.sz_CM_KEY_BODY ? f->L.sz_CM_KEY_BODY : 0x48;
    struct obj_spec s = { .type = OT_KEY, .body_size = sz, .info_mask = OBH_QUOTA, .paged = 1 };
    uint64_t k = obj_create(f, &s);
    uint64_t kcb = kcb_for(f, path);
    kcb_ref(f, kcb);
    kfield(f, f->sys_root, k, &f->L.key_Type, 0x6B793032);    /* 'ky02' */
    kfield(f, f->sys_root, k, &f->L.key_KeyControlBlock, kcb);
    kfield(f, f->sys_root, k, &f->L.key_NotifyBlock, 0);
    kfield(f, f->sys_root, k, &f->L.key_ProcessID, pid);
    if (fhas(&f->L.key_KeyBodyList)) {
        /* not on the KCB's body list (the profile has no KeyBodyListHead) */
        uint64_t l = k + (uint64_t)f->L.key_KeyBodyList.off;
        kw64(f, l, l);
        kw64(f, l + 8, l);
    }
    return k;
}
