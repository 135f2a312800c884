/* Little-endian loads from unaligned bytes.  Captures are little-endian
 * x64/x86 data; memcpy keeps the loads legal on any alignment (UBSan). */
#ifndef EPROC_BASE_BYTES_H
#define EPROC_BASE_BYTES_H

#include <stdint.h>
#include <string.h>

static inline uint16_t le16(const void *p) { uint16_t v; memcpy(&v, p, 2); return v; }
static inline uint32_t le32(const void *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static inline uint64_t le64(const void *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static inline void put16(void *p, uint16_t v) { memcpy(p, &v, 2); }
static inline void put32(void *p, uint32_t v) { memcpy(p, &v, 4); }
static inline void put64(void *p, uint64_t v) { memcpy(p, &v, 8); }

/* Is [off, off+len) inside a buffer of size total?  Written to be immune
 * to overflow whatever the (hostile) values. */
static inline int span_ok(uint64_t off, uint64_t len, uint64_t total)
{
    return off <= total && len <= total - off;
}

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
