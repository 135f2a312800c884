/* Walking Windows 8+ handle tables (_HANDLE_TABLE.TableCode).
 *
 * TableCode's low two bits give the levels (0: one page of 256 16-byte
 * entries; 1: a page of 512 pointers to such pages; 2: a page of pointers
 * to level-1 pages).  An entry's LowValue holds ObjectPointerBits in bits
 * 20-63; the object (header for process handle tables, body for
 * PspCidTable) is ((LowValue >> 20) << 4) | 0xffff000000000000.  Granted
 * access is the low 25 bits of HighValue.  Sources: public
 * _HANDLE_TABLE_ENTRY in the ntkrnlmp symbols (../shared/data/isf) and
 * Windows Internals 7th ed., ch. 8 "Object handles". */
#ifndef EPROC_WINDOWS_HANDLETABLE_H
#define EPROC_WINDOWS_HANDLETABLE_H

#include <stdint.h>

#include "translate/x64.h"

/* At most this many leaf pages (16M handles: the per-process limit). */
#define HANDLE_TABLE_MAX_LEAVES 65536u

struct handle_entry {
    uint64_t handle;          /* handle value (index * 4) */
    uint64_t object;          /* decoded pointer */
    uint32_t granted_access;
    uint8_t attributes;
};

typedef int (*handle_visit_fn)(const struct handle_entry *e, void *ctx);

struct handle_walk_result {
    unsigned entries;
    unsigned missing_pages;   /* table pages not in the capture */
    int bad_table;            /* TableCode level 3 or unreadable root */
};

void handle_table_walk(struct vspace *vs, uint64_t table_code, handle_visit_fn fn, void *ctx,
                       struct handle_walk_result *res);

#endif
