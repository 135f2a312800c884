#include "windows/vadtree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"
#include "windows/objects.h"
#include "windows/ptrset.h"

/* The largest node we read: _MMVAD is 0x88 bytes on 26100; a table that
 * claims more than this is not describing a VAD. */
#define NODE_MAX 0x400

static const char *const access_names[8] = {
    "PAGE_NOACCESS", "PAGE_READONLY", "PAGE_EXECUTE", "PAGE_EXECUTE_READ",
    "PAGE_READWRITE", "PAGE_WRITECOPY", "PAGE_EXECUTE_READWRITE", "PAGE_EXECUTE_WRITECOPY",
};
/* Win32 values of the same eight (winnt.h) */
static const uint32_t access_win32[8] = { 0x01, 0x02, 0x10, 0x20, 0x04, 0x08, 0x40, 0x80 };

const char *vad_protection_name(uint32_t index, char *out, unsigned outsz)
{
    static const char *const extra[4] = { "", "|PAGE_NOCACHE", "|PAGE_GUARD", "|PAGE_WRITECOMBINE" };
    snprintf(out, outsz, "%s%s", access_names[index & 7], extra[(index >> 3) & 3]);
    return out;
}

uint32_t vad_protection_win32(uint32_t index)
{
    static const uint32_t extra[4] = { 0, 0x200, 0x100, 0x400 };
    return access_win32[index & 7] | extra[(index >> 3) & 3];
}

const char *vad_type_name(uint32_t t)
{
    static const char *const names[8] = {
        "VadNone", "VadDevicePhysicalMemory", "VadImageMap", "VadAwe",
        "VadWriteWatch", "VadLargePages", "VadRotatePhysical", "VadLargePageSection",
    };
    return t < 8 ? names[t] : "?";
}

static uint64_t get(const uint8_t *b, uint32_t size, uint32_t off, unsigned width)
{
    if (off == NT_NONE || (uint64_t)off + width > size)
        return 0;
    return width == 8 ? le64(b + off) : width == 4 ? le32(b + off) : b[off];
}

static uint64_t bits(const uint8_t *b, uint32_t size, struct nt_bit f)
{
    if (f.offset == NT_NONE || (uint64_t)f.offset + 4 > size)
        return 0;
    if (f.length == 0)
        return le32(b + f.offset);
    return nt_bits(b, size, f);
}

static int add(struct ep_vad_list *l, const struct ep_vad *v)
{
    if (l->n == l->cap) {
        unsigned cap = l->cap ? l->cap * 2 : 64;
        struct ep_vad *items = realloc(l->items, (size_t)cap * sizeof *items);
        if (!items)
            return -1;
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = *v;
    return 0;
}

/* The mapped file of a long VAD: Subsection -> ControlArea -> FilePointer
 * (an EX_FAST_REF: the low 4 bits count references), the path Windows
 * itself follows; _MMVAD.FileObject (newer builds) when that chain breaks. */
static void read_file(struct kernel *k, const struct nt_vad_layout *L, const uint8_t *node, uint32_t size,
                      struct ep_vad *v)
{
    v->subsection = get(node, size, L->subsection, 8);
    uint64_t fo = 0;
    if (v->subsection && va_canonical(v->subsection) && L->ss_control_area != NT_NONE &&
        vread_u64(k->vs, v->subsection + L->ss_control_area, &v->control_area) == 0 &&
        v->control_area && va_canonical(v->control_area) && L->ca_size != NT_NONE && L->ca_size <= NODE_MAX) {
        uint8_t ca[NODE_MAX];
        if (vread_all(k->vs, v->control_area, ca, L->ca_size) == 0) {
            fo = get(ca, L->ca_size, L->ca_file_pointer, 8) & ~0xFull;
            v->ca_image = (int)bits(ca, L->ca_size, L->ca_image);
            v->ca_file = (int)bits(ca, L->ca_size, L->ca_file);
        }
    } else {
        v->control_area = 0;
    }
    if (!fo)
        fo = get(node, size, L->file_object, 8);
    if (!fo || !va_canonical(fo))
        return;
    v->file_object = fo;
    if (L->fo_file_name != NT_NONE && L->fo_size != NT_NONE && (uint64_t)L->fo_file_name + 16 <= L->fo_size)
        read_unicode_string(k->vs, fo + L->fo_file_name, v->file, sizeof v->file);
}

static void decode(struct kernel *k, const struct nt_layout *l, uint64_t va, const uint8_t *node, uint32_t size,
                   struct ep_vad *v)
{
    const struct nt_vad_layout *L = &l->vad;
    memset(v, 0, sizeof *v);
    v->va = va;
    v->left = get(node, size, L->left, 8);
    v->right = get(node, size, L->right, 8);
    /* _RTL_BALANCED_NODE.ParentValue keeps the balance in its low 2 bits. */
    v->parent = get(node, size, L->parent, 8) & ~3ull;
    uint64_t svpn = get(node, size, L->start_vpn, 4) | get(node, size, L->start_vpn_high, 1) << 32;
    uint64_t evpn = get(node, size, L->end_vpn, 4) | get(node, size, L->end_vpn_high, 1) << 32;
    v->start = svpn << 12;
    v->end = (evpn << 12) | 0xFFF;
    v->vad_type = (uint32_t)bits(node, size, L->vad_type);
    v->protection = (uint32_t)bits(node, size, L->protection);
    v->private_memory = (int)bits(node, size, L->private_memory);
    v->commit_charge = bits(node, size, L->commit_charge);
    v->mem_commit = (int)bits(node, size, L->mem_commit);
    v->flags = (uint32_t)get(node, size, L->flags, 4);
    v->flags1 = (uint32_t)get(node, size, L->flags1, 4);
    /* the pool header sits right before the node */
    uint32_t tag;
    if (l->pool_header_size != NT_NONE && l->pool_tag != NT_NONE &&
        vread_u32(k->vs, va - l->pool_header_size + l->pool_tag, &tag) == 0) {
        for (int i = 0; i < 4; i++) {
            char c = (char)(tag >> (8 * i));
            v->tag[i] = c >= 0x20 && c < 0x7f ? c : '?';
        }
    }
    /* Short nodes are VadS (and VadF, AWE/physical); the rest are _MMVAD. */
    v->is_long = size == L->long_size;
    if (v->is_long)
        read_file(k, L, node, size, v);
}

static int by_start(const void *a, const void *b)
{
    const struct ep_vad *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

int vads_of_process(struct kernel *k, uint64_t eprocess, struct ep_vad_list *out, struct ep_error *err)
{
    const struct nt_layout *l = kernel_layout(k, err);
    if (!l)
        return -1;
    const struct nt_vad_layout *L = &l->vad;
    if (l->ep_vad_root == NT_NONE || L->short_size == NT_NONE || L->short_size > NODE_MAX ||
        L->left == NT_NONE || L->right == NT_NONE || L->start_vpn == NT_NONE || L->end_vpn == NT_NONE ||
        (uint64_t)L->left + 8 > L->short_size || (uint64_t)L->right + 8 > L->short_size)
        return ep_fail(err, "%s: the symbol table lacks the VAD tree fields (_EPROCESS.VadRoot, _MMVAD_SHORT)",
                       k->isf->source);
    uint32_t long_size = L->long_size != NT_NONE && L->long_size <= NODE_MAX && L->long_size > L->short_size
                         ? L->long_size : L->short_size;
    memset(out, 0, sizeof *out);
    uint64_t root;
    if (vread_u64(k->vs, eprocess + l->ep_vad_root, &root) != 0) {
        snprintf(out->problem, sizeof out->problem, "EPROCESS.VadRoot at 0x%llx is not in the capture",
                 (unsigned long long)(eprocess + l->ep_vad_root));
        return 0;
    }
    struct ptrset seen;
    ptrset_init(&seen);
    uint64_t *stack = NULL;
    size_t depth = 0, cap = 0;
    uint64_t cur = root;
    unsigned unreadable = 0, cycles = 0;
    uint8_t node[NODE_MAX];
    /* In-order walk: left spine onto the stack, visit, then the right child. */
    while ((cur || depth) && out->n < VAD_MAX_NODES) {
        while (cur && depth < VAD_MAX_NODES) {
            int fresh = va_canonical(cur) ? ptrset_add(&seen, cur) : 0;
            if (fresh < 0)
                goto oom;
            if (fresh == 0) {            /* a cycle, a shared subtree, or a bad pointer */
                cycles++;
                break;
            }
            if (depth == cap) {
                size_t ncap = cap ? cap * 2 : 64;
                uint64_t *s = realloc(stack, ncap * sizeof *s);
                if (!s)
                    goto oom;
                stack = s;
                cap = ncap;
            }
            stack[depth++] = cur;
            uint64_t left;
            cur = vread_u64(k->vs, cur + L->left, &left) == 0 ? left : 0;
        }
        if (!depth)
            break;
        uint64_t va = stack[--depth];
        cur = 0;
        if (vread_all(k->vs, va, node, L->short_size) != 0) {
            unreadable++;
            continue;
        }
        uint32_t size = L->short_size;
        /* The pool tag tells short from long: a VadS/VadF node is only
         * _MMVAD_SHORT bytes long and what follows belongs to another
         * allocation.  Read the rest only for the other tags. */
        struct ep_vad v;
        decode(k, l, va, node, size, &v);
        if (long_size > size && strcmp(v.tag, "VadS") != 0 && strcmp(v.tag, "VadF") != 0 &&
            vread_all(k->vs, va, node, long_size) == 0)
            decode(k, l, va, node, long_size, &v);
        if (add(out, &v) != 0)
            goto oom;
        cur = le64(node + L->right);
    }
    if (out->n >= VAD_MAX_NODES)
        snprintf(out->problem, sizeof out->problem, "VAD tree walk stopped at %u nodes", VAD_MAX_NODES);
    else if (cycles)
        snprintf(out->problem, sizeof out->problem,
                 "VAD tree: %u links point at nodes already visited or at non-kernel addresses", cycles);
    else if (unreadable)
        snprintf(out->problem, sizeof out->problem, "VAD tree: %u nodes are not in the capture", unreadable);
    free(stack);
    ptrset_free(&seen);
    if (out->n)           /* qsort(NULL, 0, ...) is undefined */
        qsort(out->items, out->n, sizeof *out->items, by_start);
    return 0;
oom:
    free(stack);
    ptrset_free(&seen);
    snprintf(out->problem, sizeof out->problem, "out of memory walking the VAD tree");
    return 0;
}

void vad_list_free(struct ep_vad_list *l)
{
    free(l->items);
    memset(l, 0, sizeof *l);
}
