#include "windows/kmodules.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"
#include "base/text.h"
#include "layer/crashdump.h"
#include "windows/kobject.h"
#include "windows/listwalk.h"
#include "windows/objects.h"
#include "windows/pe.h"
#include "windows/poolscan.h"

#define TAG_LOADER_ENTRY POOL_TAG('M', 'm', 'L', 'd')
#define MAX_ENTRY_SIZE 0x200
#define MAX_IMAGE_SIZE (1ull << 30)     /* no driver image is 1 GiB */

/* DUMP_DRIVER_ENTRY64 (Microsoft's ntiodump.h, as the public WDK-derived
 * headers reproduce it): ULONG DriverNameOffset, ULONG alignment, then a
 * KLDR_DATA_TABLE_ENTRY64 of its own fixed layout (0x88 bytes: DllBase at
 * +0x30, EntryPoint +0x38, SizeOfImage +0x40, Flags +0x68, CheckSum +0x78,
 * TimeDateStamp +0x80), 0x90 bytes in all.  The stride is confirmed on all
 * five 19041 dumps in ../shared/data/kernel-triage: DriverCount * 0x90 =
 * StringPoolOffset - DriverListOffset.  DriverNameOffset is a file offset
 * of a DUMP_STRING: ULONG Length, then UTF-16LE characters and a NUL.  The
 * header's comment calls Length a byte count, but those dumps store the
 * count of characters ("\SystemRoot\system32\ntoskrnl.exe": 33). */
#define DDE_SIZE 0x90
#define DDE_NAME_OFFSET 0x00
#define DDE_LDR 0x08
#define DDE_BASE (DDE_LDR + 0x30)
#define DDE_ENTRY_POINT (DDE_LDR + 0x38)
#define DDE_SIZE_OF_IMAGE (DDE_LDR + 0x40)
#define DDE_FLAGS (DDE_LDR + 0x68)
#define DDE_CHECKSUM (DDE_LDR + 0x78)
#define DDE_TIMESTAMP (DDE_LDR + 0x80)
#define DUMP_STRING_MAX_CHARS 512

/* The profile's _KLDR_DATA_TABLE_ENTRY (resolved once with the rest of
 * the layout, windows/layout.c), if it has what a walk reads: every
 * offset this file reads unconditionally inside the entry, and an entry
 * that fits the buffers below. */
static const struct nt_kldr_layout *kldr_layout(struct kernel *k, const struct nt_layout *l, struct ep_error *err)
{
    const struct nt_kldr_layout *o = &l->kldr;
    if (o->size == NT_NONE || o->size > MAX_ENTRY_SIZE || o->links == NT_NONE || o->base == NT_NONE ||
        o->size_of_image == NT_NONE || o->full_name == NT_NONE || o->base_name == NT_NONE ||
        o->base + 8 > o->size || o->size_of_image + 4 > o->size || o->full_name + 16 > o->size ||
        o->base_name + 16 > o->size || o->links + 16 > o->size) {
        ep_fail(err, "%s: the symbol table lacks _KLDR_DATA_TABLE_ENTRY", k->isf->source);
        return NULL;
    }
    return o;
}

static int add(struct kmodule_list *l, const struct kmodule *m)
{
    if (l->n >= KMODULES_MAX)
        return -1;
    if (l->n == l->cap) {
        unsigned cap = l->cap ? l->cap * 2 : 64;
        struct kmodule *items = realloc(l->items, (size_t)cap * sizeof *items);
        if (!items)
            return -1;
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = *m;
    return 0;
}

static uint32_t opt32(const uint8_t *b, uint32_t size, uint32_t off)
{
    return off != NT_NONE && off + 4 <= size ? le32(b + off) : 0;
}

/* The part of a path after its last backslash or slash. */
static const char *last_part(const char *path)
{
    const char *name = path;
    for (const char *p = path; *p; p++)
        if (*p == '\\' || *p == '/')
            name = p + 1;
    return name;
}

/* A UNICODE_STRING whose descriptor bytes are us (inside an entry we
 * copied), its characters read through vs; "" when unreadable. */
static void read_name(struct vspace *vs, const uint8_t *us, char *out, size_t outsz)
{
    uint32_t len = le16(us);
    uint64_t buf = le64(us + 8);
    uint8_t text[2048];
    out[0] = 0;
    if (!len || (len & 1) || len > sizeof text || !va_canonical(buf))
        return;
    if (vread_all(vs, buf, text, len) == 0)
        text_from_utf16le(out, outsz, text, len);
}

/* Fill m from an entry's bytes; names are read through vs. */
static void decode_entry(struct vspace *vs, const struct nt_kldr_layout *o, const uint8_t *b, struct kmodule *m)
{
    m->base = le64(b + o->base);
    m->entry_point = o->entry_point != NT_NONE && o->entry_point + 8 <= o->size ? le64(b + o->entry_point) : 0;
    m->size = le32(b + o->size_of_image);
    m->flags = opt32(b, o->size, o->flags);
    m->checksum = opt32(b, o->size, o->checksum);
    m->timestamp = opt32(b, o->size, o->timestamp);
    m->has_checksum = o->checksum != NT_NONE && o->timestamp != NT_NONE;
    read_name(vs, b + o->full_name, m->path, sizeof m->path);
    read_name(vs, b + o->base_name, m->name, sizeof m->name);
    if (!m->name[0] && m->path[0])
        snprintf(m->name, sizeof m->name, "%s", last_part(m->path));
}

struct list_ctx {
    struct kernel *k;
    const struct nt_kldr_layout *o;
    struct kmodule_list *out;
    unsigned unreadable;
};

static int visit_entry(uint64_t links, void *arg)
{
    struct list_ctx *c = arg;
    uint8_t b[MAX_ENTRY_SIZE];
    uint64_t va = links - c->o->links;
    if (vread_all(c->k->vs, va, b, c->o->size) != 0) {
        c->unreadable++;
        return 0;
    }
    struct kmodule m;
    memset(&m, 0, sizeof m);
    m.entry = va;
    m.entry_pa = ~0ull;
    decode_entry(c->k->vs, c->o, b, &m);
    return add(c->out, &m) != 0;
}

int kmodules_from_list(struct kernel *k, struct kmodule_list *out, struct ep_error *err)
{
    const struct nt_layout *l = kernel_layout(k, err);
    const struct nt_kldr_layout *o = l ? kldr_layout(k, l, err) : NULL;
    if (!o)
        return -1;
    uint64_t head = 0;
    if (k->has_kdbg && k->kdbg.ps_loaded_module_list)
        head = k->kdbg.ps_loaded_module_list;
    else if (k->cap->dump && k->cap->dump->ps_loaded_module_list)
        head = k->cap->dump->ps_loaded_module_list;
    else if (k->base && l->sym_ps_loaded_module_list)
        head = k->base + l->sym_ps_loaded_module_list;
    if (!head)
        return ep_fail(err, "%s: cannot locate PsLoadedModuleList (no kernel base or symbol)", k->cap->file.path);
    out->source = "PsLoadedModuleList";
    struct list_ctx c = { k, o, out, 0 };
    struct list_walk_result res;
    list_walk(k->vs, head, "PsLoadedModuleList", visit_entry, &c, &res);
    out->complete = res.complete && !c.unreadable;
    if (c.unreadable)
        snprintf(out->problem, sizeof out->problem, "%u KLDR_DATA_TABLE_ENTRY entries are not in the capture",
                 c.unreadable);
    else if (!res.complete)
        snprintf(out->problem, sizeof out->problem, "the walk did not get back to the list head (%s)",
                 res.cycle ? "a loop" : res.capped ? "too many entries" : "a broken link");
    return 0;
}

int kmodules_from_triage(struct kernel *k, struct kmodule_list *out, struct ep_error *err)
{
    const struct crashdump_info *d = k->cap->dump;
    const struct mapped_file *f = &k->cap->file;
    if (!d || !d->is_triage || !d->triage.driver_list_offset || !d->triage.driver_count)
        return ep_fail(err, "%s: the triage dump holds no driver list", f->path);
    out->source = "triage driver list";
    uint64_t n = d->triage.driver_count;
    out->complete = 1;
    if (n > KMODULES_MAX || !span_ok(d->triage.driver_list_offset, n * DDE_SIZE, f->size)) {
        uint64_t fit = d->triage.driver_list_offset < f->size ? (f->size - d->triage.driver_list_offset) / DDE_SIZE : 0;
        snprintf(out->problem, sizeof out->problem, "the dump says %llu drivers but its file holds %llu",
                 (unsigned long long)n, (unsigned long long)(fit < n ? fit : n));
        out->complete = 0;
        n = fit < n ? fit : n;
        if (n > KMODULES_MAX)
            n = KMODULES_MAX;
    }
    for (uint64_t i = 0; i < n; i++) {
        const uint8_t *e = f->data + d->triage.driver_list_offset + i * DDE_SIZE;
        struct kmodule m;
        memset(&m, 0, sizeof m);
        m.entry_pa = ~0ull;
        m.base = le64(e + DDE_BASE);
        m.entry_point = le64(e + DDE_ENTRY_POINT);
        m.size = le32(e + DDE_SIZE_OF_IMAGE);
        m.flags = le32(e + DDE_FLAGS);
        m.checksum = le32(e + DDE_CHECKSUM);
        m.timestamp = le32(e + DDE_TIMESTAMP);
        m.has_checksum = 1;
        uint32_t name = le32(e + DDE_NAME_OFFSET);
        if (name && span_ok(name, 4, f->size)) {
            uint64_t chars = le32(f->data + name);
            if (chars > DUMP_STRING_MAX_CHARS)
                chars = DUMP_STRING_MAX_CHARS;
            if (!span_ok((uint64_t)name + 4, chars * 2, f->size))
                chars = (f->size - name - 4) / 2;
            text_from_utf16le(m.path, sizeof m.path, f->data + name + 4, chars * 2);
            snprintf(m.name, sizeof m.name, "%s", last_part(m.path));
        }
        if (add(out, &m) != 0)
            return ep_fail(err, "%s: out of memory", f->path);
    }
    return 0;
}

int kmodules_of_capture(struct kernel *k, struct kmodule_list *out, struct ep_error *err)
{
    if (kernel_is_partial(k))
        return kmodules_from_triage(k, out, err);
    return kmodules_from_list(k, out, err);
}

/* ---- the pool scan ---- */

struct scan_hit {
    uint64_t pa;                 /* the entry (after the pool header) */
    uint8_t bytes[MAX_ENTRY_SIZE];
};

struct scan_ctx {
    const struct capture *cap;
    const struct nt_kldr_layout *o;
    uint32_t pool_header_size;
    pthread_mutex_t lock;
    struct scan_hit *hits;
    unsigned n, cap_hits, dropped;
};

static int kernel_ptr(uint64_t p)
{
    return p >= 0xffff800000000000ull && va_canonical(p);
}

/* Only what the loader depends on decides: a kernel-space DllBase, a
 * size an image can have, and UNICODE_STRING descriptors that are
 * well-formed.  The names are the attacker's and decide nothing. */
static int plausible(const struct nt_kldr_layout *o, const uint8_t *b)
{
    uint64_t base = le64(b + o->base);
    uint32_t size = le32(b + o->size_of_image);
    if (!kernel_ptr(base) || (base & 0xfff) || size == 0 || size > MAX_IMAGE_SIZE)
        return 0;
    for (int i = 0; i < 2; i++) {
        const uint8_t *us = b + (i ? o->full_name : o->base_name);
        uint16_t len = le16(us), max = le16(us + 2);
        if ((len & 1) || len > max || (len && !kernel_ptr(le64(us + 8))))
            return 0;
    }
    return 1;
}

static void on_hit(uint64_t pa, unsigned tag_index, const uint8_t *page, unsigned worker, void *arg)
{
    (void)tag_index;
    (void)worker;
    struct scan_ctx *c = arg;
    unsigned off = (unsigned)(pa & 0xfff);
    unsigned block = ((le32(page + off) >> 16) & 0xff) * 16;   /* _POOL_HEADER.BlockSize, 16-byte units */
    if (block && block < c->pool_header_size + c->o->size)
        return;
    struct scan_hit h;
    h.pa = pa + c->pool_header_size;
    if (off + c->pool_header_size + c->o->size <= 0x1000)
        memcpy(h.bytes, page + off + c->pool_header_size, c->o->size);
    else if (phys_read(c->cap, h.pa, h.bytes, c->o->size) != c->o->size)
        return;
    if (!plausible(c->o, h.bytes))
        return;
    pthread_mutex_lock(&c->lock);
    if (c->n == c->cap_hits && c->n < KMODULES_MAX) {
        unsigned cap = c->cap_hits ? c->cap_hits * 2 : 64;
        struct scan_hit *hits = realloc(c->hits, (size_t)cap * sizeof *hits);
        if (hits) {
            c->hits = hits;
            c->cap_hits = cap;
        }
    }
    if (c->n < c->cap_hits)
        c->hits[c->n++] = h;
    else
        c->dropped++;
    pthread_mutex_unlock(&c->lock);
}

/* The entry's virtual address from its own links: a neighbour's link
 * back to it, or links that point at themselves (an unlinked entry). */
static uint64_t va_from_links(struct vspace *vs, const uint8_t *b, uint32_t links_off, uint64_t links_pa)
{
    uint64_t flink = le64(b + links_off), blink = le64(b + links_off + 8);
    uint64_t cand[3] = { 0, 0, flink == blink ? flink : 0 };
    uint64_t v;
    if (kernel_ptr(flink) && vread_u64(vs, flink + 8, &v) == 0)
        cand[0] = v;
    if (kernel_ptr(blink) && vread_u64(vs, blink, &v) == 0)
        cand[1] = v;
    for (int i = 0; i < 3; i++) {
        struct vt_result r;
        if (kernel_ptr(cand[i]) && vtop(vs, cand[i], &r) == 0 && r.pa == links_pa)
            return cand[i] - links_off;
    }
    return 0;
}

static int by_pa(const void *a, const void *b)
{
    uint64_t x = ((const struct scan_hit *)a)->pa, y = ((const struct scan_hit *)b)->pa;
    return x < y ? -1 : x > y;
}

int kmodules_scan(struct kernel *k, struct kmodule_list *out, struct ep_error *err)
{
    const struct nt_layout *l = kernel_layout(k, err);
    const struct nt_kldr_layout *o = l ? kldr_layout(k, l, err) : NULL;
    if (!o)
        return -1;
    if (kernel_is_partial(k))
        return ep_fail(err, "%s: a kernel triage dump holds no physical memory to scan", k->cap->file.path);
    if (l->pool_header_size == NT_NONE || l->pool_header_size > 0x100)
        return ep_fail(err, "%s: the symbol table's _POOL_HEADER size is not believable", k->isf->source);
    struct scan_ctx c;
    memset(&c, 0, sizeof c);
    c.cap = k->cap;
    c.o = o;
    c.pool_header_size = l->pool_header_size;
    pthread_mutex_init(&c.lock, NULL);
    uint32_t tag = TAG_LOADER_ENTRY;
    pool_scan(k->cap, &tag, 1, on_hit, &c);
    pthread_mutex_destroy(&c.lock);
    /* workers finish in any order: sort so that output is reproducible */
    if (c.n)
        qsort(c.hits, c.n, sizeof *c.hits, by_pa);
    out->source = "pool scan 'MmLd'";
    out->complete = !c.dropped;
    if (c.dropped)
        snprintf(out->problem, sizeof out->problem, "%u more 'MmLd' blocks than eproc keeps", c.dropped);
    for (unsigned i = 0; i < c.n; i++) {
        struct kmodule m;
        memset(&m, 0, sizeof m);
        m.entry_pa = c.hits[i].pa;
        m.entry = va_from_links(k->vs, c.hits[i].bytes, o->links, c.hits[i].pa + o->links);
        decode_entry(k->vs, o, c.hits[i].bytes, &m);
        if (add(out, &m) != 0)
            break;
    }
    free(c.hits);
    return 0;
}

void kmodules_read_pdb(struct kernel *k, struct kmodule_list *l)
{
    for (unsigned i = 0; i < l->n; i++) {
        struct kmodule *m = &l->items[i];
        struct pe_info pe;
        if (!m->base || pe_parse_mapped(k->vs, m->base, &pe) != 0 || !pe.has_codeview)
            continue;
        m->has_cv = 1;
        snprintf(m->pdb_name, sizeof m->pdb_name, "%s", pe.cv.pdb_name);
        snprintf(m->pdb_id, sizeof m->pdb_id, "%s%X", pe.cv.guid, pe.cv.age);
    }
}

const struct kmodule *kmodule_at(const struct kmodule_list *l, uint64_t va)
{
    for (unsigned i = 0; i < l->n; i++)
        if (va - l->items[i].base < l->items[i].size)
            return &l->items[i];
    return NULL;
}

void kmodule_list_free(struct kmodule_list *l)
{
    free(l->items);
    memset(l, 0, sizeof *l);
}
