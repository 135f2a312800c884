/* Text helpers for strings that come out of captures: they may hold any
 * bytes, so everything shown to a user or put in JSON goes through here. */
#ifndef EPROC_BASE_TEXT_H
#define EPROC_BASE_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Copy at most n bytes of src (stopping at NUL) into dst (size dstsz) as
 * valid UTF-8: invalid sequences and control characters become "\xNN".
 * Always NUL-terminates.  Returns dst. */
char *text_from_bytes(char *dst, size_t dstsz, const void *src, size_t n);

/* Convert UTF-16LE (nbytes bytes) to sanitised UTF-8, as above. */
char *text_from_utf16le(char *dst, size_t dstsz, const void *src, size_t nbytes);

/* Windows FILETIME (100 ns ticks since 1601-01-01 UTC) to ISO-8601
 * "YYYY-MM-DDTHH:MM:SS.ffffffZ".  Returns 0 on success, -1 if the value is
 * zero or outside years 1601..30827 (then out is set to ""). */
int filetime_to_iso(uint64_t filetime, char out[40]);

/* Format a GUID stored little-endian (Data1..Data4) as 32 upper hex digits,
 * the form symbol servers and ISF file names use. */
void guid_to_hex(const uint8_t guid[16], char out[33]);

#endif
