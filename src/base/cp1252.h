/* Windows-1252, the ANSI code page of Western-European Windows.
 *
 * EPROCESS.ImageFileName holds the first 15 bytes of the image name in
 * the system's ANSI code page (0xE9 is "é" on a machine whose code page is
 * 1252), not UTF-8.  eproc decodes it as Windows-1252, the code page of
 * most English and Western-European installs (docs/decisions.md: "Process
 * names"); the forge encodes scenario names the same way. */
#ifndef EPROC_BASE_CP1252_H
#define EPROC_BASE_CP1252_H

#include <stddef.h>
#include <stdint.h>

/* The Unicode code point of a Windows-1252 byte.  The five bytes the code
 * page leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1
 * control with the same value, as Windows' MultiByteToWideChar does. */
uint32_t cp1252_code_point(uint8_t byte);

/* 1 if the byte is one of the five the code page leaves undefined. */
int cp1252_undefined(uint8_t byte);

/* Decode at most n bytes of src (stopping at NUL) into dst (size dstsz)
 * as UTF-8, every byte its code point: nothing is escaped here, controls
 * included (strings are kept as the capture holds them; every output sink
 * escapes them its own way, docs/output.md).  Always NUL-terminates, cut
 * on a character boundary.  Returns dst. */
char *utf8_from_cp1252(char *dst, size_t dstsz, const void *src, size_t n);

/* Encode UTF-8 text as Windows-1252 into dst (cap bytes, no terminator
 * added): characters the code page lacks become '?', as Windows' default
 * character for unmappable text.  Stops at cap bytes.  Returns the number
 * of bytes written. */
size_t cp1252_from_utf8(uint8_t *dst, size_t cap, const char *utf8);

#endif
