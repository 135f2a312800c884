#include "windows/kobject.h"

#include <stdio.h>
#include <string.h>

#include "base/bytes.h"
#include "base/text.h"

/* Deepest object-directory or key path followed (real ones are < 20). */
#define MAX_PATH_DEPTH 64
#define MAX_KEY_NAME 512

uint32_t isf_offset(const struct isf *isf, const char *type, const char *field)
{
    const struct isf_field *f = isf_field(isf_user_type(isf, type), field);
    return f ? f->offset : NT_NONE;
}

uint32_t isf_size(const struct isf *isf, const char *type)
{
    const struct isf_user_type *t = isf_user_type(isf, type);
    return t ? t->size : NT_NONE;
}

void kobject_layout_resolve(const struct isf *isf, struct kobject_layout *l)
{
    l->onh_directory = isf_offset(isf, "_OBJECT_HEADER_NAME_INFO", "Directory");
    l->oh_pointer_count = isf_offset(isf, "_OBJECT_HEADER", "PointerCount");
    l->oh_handle_count = isf_offset(isf, "_OBJECT_HEADER", "HandleCount");
    l->fo_device = isf_offset(isf, "_FILE_OBJECT", "DeviceObject");
    l->fo_file_name = isf_offset(isf, "_FILE_OBJECT", "FileName");
    l->fo_fs_context = isf_offset(isf, "_FILE_OBJECT", "FsContext");
    l->key_kcb = isf_offset(isf, "_CM_KEY_BODY", "KeyControlBlock");
    l->kcb_parent = isf_offset(isf, "_CM_KEY_CONTROL_BLOCK", "ParentKcb");
    l->kcb_name_block = isf_offset(isf, "_CM_KEY_CONTROL_BLOCK", "NameBlock");
    l->ncb_name_length = isf_offset(isf, "_CM_NAME_CONTROL_BLOCK", "NameLength");
    l->ncb_name = isf_offset(isf, "_CM_NAME_CONTROL_BLOCK", "Name");
    l->tk_size = isf_size(isf, "_TOKEN");
    l->tk_source = isf_offset(isf, "_TOKEN", "TokenSource");
    l->tk_id = isf_offset(isf, "_TOKEN", "TokenId");
    l->tk_auth_id = isf_offset(isf, "_TOKEN", "AuthenticationId");
    l->tk_modified_id = isf_offset(isf, "_TOKEN", "ModifiedId");
    l->tk_privileges = isf_offset(isf, "_TOKEN", "Privileges");
    l->tk_session = isf_offset(isf, "_TOKEN", "SessionId");
    l->tk_count = isf_offset(isf, "_TOKEN", "UserAndGroupCount");
    l->tk_groups = isf_offset(isf, "_TOKEN", "UserAndGroups");
    l->tk_primary_group = isf_offset(isf, "_TOKEN", "PrimaryGroup");
    l->tk_type = isf_offset(isf, "_TOKEN", "TokenType");
    l->tk_imp_level = isf_offset(isf, "_TOKEN", "ImpersonationLevel");
    l->tk_flags = isf_offset(isf, "_TOKEN", "TokenFlags");
    l->tk_integrity_index = isf_offset(isf, "_TOKEN", "IntegrityLevelIndex");
    l->tk_mandatory_policy = isf_offset(isf, "_TOKEN", "MandatoryPolicy");
    l->tk_logon_session = isf_offset(isf, "_TOKEN", "LogonSession");
    l->sa_size = isf_size(isf, "_SID_AND_ATTRIBUTES");
    l->sa_sid = isf_offset(isf, "_SID_AND_ATTRIBUTES", "Sid");
    l->sa_attributes = isf_offset(isf, "_SID_AND_ATTRIBUTES", "Attributes");
    l->ep_token = isf_offset(isf, "_EPROCESS", "Token");
    const struct isf_field *f = isf_field(isf_user_type(isf, "_CM_NAME_CONTROL_BLOCK"), "Compressed");
    l->ncb_compressed.offset = NT_NONE;
    if (f && f->type.kind == ISF_KIND_BITFIELD) {
        l->ncb_compressed.offset = f->offset;
        l->ncb_compressed.position = f->type.bit_position;
        l->ncb_compressed.length = f->type.bit_length;
    } else if (f) {                      /* a whole field on builds that have one */
        l->ncb_compressed.offset = f->offset;
        l->ncb_compressed.length = 8;
    }
}

int kobject_ctx_init(struct kobject_ctx *c, struct kernel *k, struct ep_error *err)
{
    memset(c, 0, sizeof *c);
    c->k = k;
    if (!(c->nl = kernel_layout(k, err)))
        return -1;
    if (c->nl->oh_body == NT_NONE || c->nl->oh_type_index == NT_NONE || c->nl->oh_info_mask == NT_NONE)
        return ep_fail(err, "the profile has no _OBJECT_HEADER layout: handles cannot be named");
    c->types = kernel_types(k);
    kobject_layout_resolve(k->isf, &c->ol);
    return 0;
}

static int read_header(const struct kobject_ctx *c, uint64_t header_va, uint8_t h[0x100])
{
    return !va_canonical(header_va) || vread_all(c->k->vs, header_va, h, c->nl->oh_body) != 0 ? -1 : 0;
}

int kobject_header_read(const struct kobject_ctx *c, uint64_t header_va, struct kobject_header *out)
{
    uint8_t h[0x100];
    memset(out, 0, sizeof *out);
    if (read_header(c, header_va, h) != 0)
        return -1;
    uint32_t size = c->nl->oh_body;
    out->type_index = obj_type_index(c->types, header_va, h[c->nl->oh_type_index]);
    out->type_name = obj_type_name(c->types, out->type_index);
    out->info_mask = h[c->nl->oh_info_mask];
    if (c->ol.oh_pointer_count != NT_NONE && c->ol.oh_handle_count != NT_NONE &&
        c->ol.oh_pointer_count + 8 <= size && c->ol.oh_handle_count + 8 <= size) {
        out->has_counts = 1;
        out->pointer_count = le64(h + c->ol.oh_pointer_count);
        out->handle_count = le64(h + c->ol.oh_handle_count);
    }
    return 0;
}

/* The name info before the header: Windows 8+ places the optional headers
 * in bit order below it, the creator info (0x01) nearest. */
static uint64_t name_info_of(const struct kobject_ctx *c, uint64_t header_va, uint8_t mask)
{
    if (!(mask & 0x02))
        return 0;
    uint64_t off = c->nl->oh_optional_size[1];
    if (mask & 0x01)
        off += c->nl->oh_optional_size[0];
    return header_va - off;
}

/* Prepend "\" + part to the path held at the end of buf (pos: its start). */
static size_t prepend(char *buf, size_t pos, const char *part)
{
    size_t len = strlen(part);
    if (len + 1 > pos)
        return pos;
    pos -= len;
    memcpy(buf + pos, part, len);
    buf[--pos] = '\\';
    return pos;
}

int kobject_header_name(const struct kobject_ctx *c, uint64_t header_va, char *out, size_t n)
{
    out[0] = 0;
    if (c->nl->oh_name_name == NT_NONE || n < 2)
        return 0;
    char buf[2048];
    size_t pos = sizeof buf - 1;
    buf[pos] = 0;
    uint64_t hdr = header_va;
    int rc = 0;
    for (int depth = 0; depth < MAX_PATH_DEPTH; depth++) {
        uint8_t h[0x100];
        if (read_header(c, hdr, h) != 0) {
            rc = -1;
            break;
        }
        uint64_t ni = name_info_of(c, hdr, h[c->nl->oh_info_mask]);
        if (!ni)
            break;
        char part[512];
        if (read_unicode_string(c->k->vs, ni + c->nl->oh_name_name, part, sizeof part) < 0) {
            rc = -1;
            break;
        }
        if (strcmp(part, "\\") == 0 || part[0] == 0)   /* the root directory */
            break;
        pos = prepend(buf, pos, part);
        uint64_t dir = 0;
        if (c->ol.onh_directory == NT_NONE || vread_u64(c->k->vs, ni + c->ol.onh_directory, &dir) != 0 || !dir)
            break;
        hdr = dir - c->nl->oh_body;
    }
    snprintf(out, n, "%s", buf[pos] ? buf + pos : "");
    return rc;
}

int kobject_file_name(const struct kobject_ctx *c, uint64_t body, char *out, size_t n)
{
    out[0] = 0;
    if (c->ol.fo_file_name == NT_NONE)
        return 0;
    char dev[512] = "", file[1024];
    uint64_t device = 0;
    if (c->ol.fo_device != NT_NONE && vread_u64(c->k->vs, body + c->ol.fo_device, &device) == 0 && device &&
        va_canonical(device))
        kobject_header_name(c, device - c->nl->oh_body, dev, sizeof dev);
    int rc = read_unicode_string(c->k->vs, body + c->ol.fo_file_name, file, sizeof file);
    snprintf(out, n, "%s%s", dev, rc > 0 ? file : "");
    return rc < 0 ? -1 : 0;
}

/* One KCB's own name. */
static int kcb_name(const struct kobject_ctx *c, uint64_t kcb, char *out, size_t n)
{
    const struct kobject_layout *l = &c->ol;
    uint64_t nb;
    if (vread_u64(c->k->vs, kcb + l->kcb_name_block, &nb) != 0 || !va_canonical(nb) || !nb)
        return -1;
    uint8_t hdr[64];
    /* a hostile symbol table (-s) could place NameLength outside the header */
    if (l->ncb_name > sizeof hdr || (uint64_t)l->ncb_name_length + 2 > l->ncb_name ||
        vread_all(c->k->vs, nb, hdr, l->ncb_name) != 0)
        return -1;
    uint32_t len = le16(hdr + l->ncb_name_length);
    int compressed = l->ncb_compressed.offset != NT_NONE &&
                     nt_bits(hdr, l->ncb_name, l->ncb_compressed) != 0;
    if (len == 0 || len > MAX_KEY_NAME)
        return -1;
    uint8_t raw[MAX_KEY_NAME];
    if (vread_all(c->k->vs, nb + l->ncb_name, raw, len) != 0)
        return -1;
    if (compressed)
        text_from_bytes(out, n, raw, len);
    else
        text_from_utf16le(out, n, raw, len & ~1u);
    return 0;
}

int kobject_key_name(const struct kobject_ctx *c, uint64_t body, char *out, size_t n)
{
    const struct kobject_layout *l = &c->ol;
    out[0] = 0;
    if (l->key_kcb == NT_NONE || l->kcb_parent == NT_NONE || l->kcb_name_block == NT_NONE ||
        l->ncb_name == NT_NONE || l->ncb_name_length == NT_NONE)
        return 0;
    char buf[4096];
    size_t pos = sizeof buf - 1;
    buf[pos] = 0;
    uint64_t kcb;
    if (vread_u64(c->k->vs, body + l->key_kcb, &kcb) != 0)
        return -1;
    int rc = 0;
    for (int depth = 0; kcb && depth < MAX_PATH_DEPTH; depth++) {
        char part[MAX_KEY_NAME + 1];
        if (!va_canonical(kcb) || kcb_name(c, kcb, part, sizeof part) != 0) {
            rc = -1;
            break;
        }
        pos = prepend(buf, pos, part);
        if (vread_u64(c->k->vs, kcb + l->kcb_parent, &kcb) != 0) {
            rc = -1;
            break;
        }
    }
    snprintf(out, n, "%s", buf + pos);
    return rc;
}

int kobject_pipe_end(const struct kobject_ctx *c, uint64_t body, int *server, uint64_t *ccb)
{
    uint64_t ctx;
    if (c->ol.fo_fs_context == NT_NONE || vread_u64(c->k->vs, body + c->ol.fo_fs_context, &ctx) != 0)
        return -1;
    if (!va_canonical(ctx & ~1ull) || (ctx & ~1ull) < 0xffff800000000000ull)
        return -1;       /* 0, or not a kernel pointer: no instance */
    *server = (int)(ctx & 1);
    *ccb = ctx & ~1ull;
    return 0;
}

int kobject_process_id(const struct kobject_ctx *c, uint64_t eprocess, uint64_t *pid, char name[16])
{
    uint8_t b[16];
    name[0] = 0;
    if (vread_u64(c->k->vs, eprocess + c->nl->ep_pid, pid) != 0 ||
        vread_all(c->k->vs, eprocess + c->nl->ep_name, b, 15) != 0)
        return -1;
    text_from_bytes(name, 16, b, strnlen((const char *)b, 15));
    return 0;
}

int kobject_thread_cid(const struct kobject_ctx *c, uint64_t ethread, uint64_t *pid, uint64_t *tid)
{
    if (c->nl->th_cid_pid == NT_NONE || c->nl->th_cid_tid == NT_NONE)
        return -1;
    if (vread_u64(c->k->vs, ethread + c->nl->th_cid_pid, pid) != 0 ||
        vread_u64(c->k->vs, ethread + c->nl->th_cid_tid, tid) != 0)
        return -1;
    return 0;
}
