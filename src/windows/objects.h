/* Kernel objects: UNICODE_STRINGs, object types by index, and the
 * TypeIndex encoding of _OBJECT_HEADER.
 *
 * Since Windows 10 the header's TypeIndex byte is stored XORed with the
 * second least significant byte of the header's address and with the
 * kernel variable ObHeaderCookie (Windows Internals 7th ed., ch. 8; the
 * same decoding Volatility 3 applies).  ObTypeIndexTable holds a pointer to
 * each _OBJECT_TYPE by index. */
#ifndef EPROC_WINDOWS_OBJECTS_H
#define EPROC_WINDOWS_OBJECTS_H

#include <stddef.h>
#include <stdint.h>

#include "translate/x64.h"
#include "windows/layout.h"

#define OBJ_TYPES_MAX 256

struct obj_types {
    int loaded;
    int has_cookie;
    uint8_t cookie;
    char names[OBJ_TYPES_MAX][32];
    int process_index, thread_index;    /* -1 if not found */
};

/* Read a UNICODE_STRING at va into sanitised UTF-8.  Returns the number of
 * UTF-16 bytes read (0 for an empty string), -1 if unreadable. */
int read_unicode_string(struct vspace *vs, uint64_t va, char *out, size_t outsz);

void obj_types_load(struct vspace *vs, uint64_t kernel_base, const struct nt_layout *l, struct obj_types *t);

/* Real type index of the object header at header_va whose encoded byte is
 * encoded. */
uint8_t obj_type_index(const struct obj_types *t, uint64_t header_va, uint8_t encoded);

/* Name of a type index, "" if unknown. */
const char *obj_type_name(const struct obj_types *t, unsigned index);

#endif
