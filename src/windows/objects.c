#include "windows/objects.h"

#include <string.h>

#include "base/bytes.h"
#include "base/text.h"

#define MAX_STRING_BYTES 0x10000u

int read_unicode_string(struct vspace *vs, uint64_t va, char *out, size_t outsz)
{
    uint8_t us[16];
    out[0] = 0;
    if (vread_all(vs, va, us, sizeof us) != 0)
        return -1;
    uint32_t len = le16(us);
    uint64_t buf = le64(us + 8);
    if (len == 0)
        return 0;
    if (len > MAX_STRING_BYTES || (len & 1) || !va_canonical(buf))
        return -1;
    static _Thread_local uint8_t bytes[MAX_STRING_BYTES];
    if (vread_all(vs, buf, bytes, len) != 0)
        return -1;
    text_from_utf16le(out, outsz, bytes, len);
    return (int)len;
}

void obj_types_load(struct vspace *vs, uint64_t kernel_base, const struct nt_layout *l, struct obj_types *t)
{
    memset(t, 0, sizeof *t);
    t->process_index = t->thread_index = -1;
    t->loaded = 1;
    if (l->sym_ob_header_cookie) {
        uint8_t c;
        if (vread(vs, kernel_base + l->sym_ob_header_cookie, &c, 1) == 1) {
            t->cookie = c;
            t->has_cookie = 1;
        }
    }
    if (!l->sym_ob_type_index_table || l->ot_name == NT_NONE)
        return;
    uint64_t table = kernel_base + l->sym_ob_type_index_table;
    /* Index 0 is unused and 1 holds a marker; real types start at 2. */
    for (unsigned i = 2; i < OBJ_TYPES_MAX; i++) {
        uint64_t type;
        if (vread_u64(vs, table + 8ull * i, &type) != 0 || type == 0)
            break;
        if (read_unicode_string(vs, type + l->ot_name, t->names[i], sizeof t->names[i]) <= 0)
            continue;
        if (strcmp(t->names[i], "Process") == 0)
            t->process_index = (int)i;
        else if (strcmp(t->names[i], "Thread") == 0)
            t->thread_index = (int)i;
    }
}

uint8_t obj_type_index(const struct obj_types *t, uint64_t header_va, uint8_t encoded)
{
    if (!t->has_cookie)
        return encoded;
    return (uint8_t)(encoded ^ t->cookie ^ (uint8_t)(header_va >> 8));
}

const char *obj_type_name(const struct obj_types *t, unsigned index)
{
    return index < OBJ_TYPES_MAX ? t->names[index] : "";
}
