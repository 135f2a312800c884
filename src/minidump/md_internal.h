/* Helpers shared by the minidump parsers (not part of the public API). */
#ifndef EPROC_MINIDUMP_MD_INTERNAL_H
#define EPROC_MINIDUMP_MD_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "base/alloc.h"
#include "base/bytes.h"
#include "minidump/minidump.h"

/* Pointer into the file for [rva, rva+len), or NULL if any of it lies
 * outside.  Every file access of the parsers goes through here. */
static inline const uint8_t *md_at(const struct md_dump *md, uint64_t rva, uint64_t len)
{
    if (!span_ok(rva, len, md->size))
        return NULL;
    return md->data + rva;
}

/* "PATH: " prefixed warning; counted in md->warnings. */
void md_warn(struct md_dump *md, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Read a MINIDUMP_STRING (ULONG Length in bytes, then UTF-16LE) at rva as
 * sanitised UTF-8.  The string belongs to the dump (one copy per RVA, freed
 * by md_close).  NULL if rva is 0 or the string lies outside the file (then
 * *bad is set when non-NULL). */
const char *md_string_at(struct md_dump *md, uint64_t rva, int *bad);
void md_strings_free(struct md_dump *md);

/* malloc/calloc that abort on exhaustion: sizes are already capped. */

/* Fill the stream's note (printf-style). */
void md_note(struct md_stream *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Decode pc/sp/fp of a CONTEXT record for md->arch; 0 on success. */
int md_decode_context(const struct md_dump *md, uint32_t rva, uint32_t size,
                      uint64_t *pc, uint64_t *sp, uint64_t *fp);

/* Per-stream parsers: each reads one directory entry into md and sets
 * s->status and s->note.  They never fail the whole open. */
void md_parse_system_info(struct md_dump *md, struct md_stream *s);
void md_parse_misc_info(struct md_dump *md, struct md_stream *s);
void md_parse_exception(struct md_dump *md, struct md_stream *s);
void md_parse_vm_counters(struct md_dump *md, struct md_stream *s);
void md_parse_system_memory(struct md_dump *md, struct md_stream *s);
void md_parse_comment(struct md_dump *md, struct md_stream *s);
void md_parse_thread_list(struct md_dump *md, struct md_stream *s);
void md_parse_thread_ex_list(struct md_dump *md, struct md_stream *s);
void md_parse_thread_info(struct md_dump *md, struct md_stream *s);
void md_parse_thread_names(struct md_dump *md, struct md_stream *s);
void md_parse_module_list(struct md_dump *md, struct md_stream *s);
void md_parse_unloaded_modules(struct md_dump *md, struct md_stream *s);
void md_parse_host_modules(struct md_dump *md, struct md_stream *s);
void md_parse_memory_list(struct md_dump *md, struct md_stream *s);
void md_parse_memory64_list(struct md_dump *md, struct md_stream *s);
void md_parse_memory_info(struct md_dump *md, struct md_stream *s);
void md_parse_handle_data(struct md_dump *md, struct md_stream *s);
void md_parse_token(struct md_dump *md, struct md_stream *s);

/* After the ModuleList: the sorted index md_find_module uses (modules.c). */
void md_index_modules(struct md_dump *md);

/* After all streams: sort and de-overlap the memory ranges (memory.c). */
void md_finish_ranges(struct md_dump *md);
/* After threads and ranges: decode thread contexts (threads.c). */
void md_finish_threads(struct md_dump *md);


/* Count prefix of a list stream: some writers put 4 bytes of padding after
 * a 32-bit count so the entries are 8-byte aligned (Breakpad's minidump
 * reader documents this for ThreadList, ModuleList and MemoryList).
 * Returns the offset of the first entry (4 or 8) and sets *n to the number
 * of whole entries that fit (at most the claimed count, capped). */
uint32_t md_list_entries(struct md_dump *md, struct md_stream *s, uint32_t entry_size,
                         uint32_t cap, const char *what, uint32_t *n);

/* The list streams that start with SizeOfHeader, SizeOfEntry and an entry
 * count (ThreadInfoList, UnloadedModuleList, HandleData: ULONG count;
 * MemoryInfoList: ULONG64): check the header and how many whole entries
 * the stream really holds.  Returns 0 with *hsize, *esize and *n set (n cut
 * to what fits, the stream then partial, with a warning), or -1 with the
 * stream marked bad and a warning.  name is the stream's name in messages,
 * entries the plural noun for its entries ("handles"). */
int md_list_header(struct md_dump *md, struct md_stream *s, const char *name, const char *entries,
                   uint32_t min_header, int count64, uint32_t min_entry, uint32_t *hsize, uint32_t *esize,
                   uint64_t *n);

#endif
