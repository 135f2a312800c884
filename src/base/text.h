/* Text that comes out of captures: it may hold any bytes.
 *
 * Strings are kept as the capture holds them (docs/output.md): extraction
 * copies bytes (or converts UTF-16 to UTF-8) without judging them, and
 * every place that shows a string escapes it on the way out -- the table
 * renderers (src/output/table.c) and the diagnostics (src/base/diag.c).
 * That way the escaping suits the sink: a terminal or a spreadsheet gets
 * "\xNN" / "\uNNNN" text that cannot steer it, and JSON gets the exact
 * characters plus, for bytes that are not UTF-8, the bytes themselves. */
#ifndef EPROC_BASE_TEXT_H
#define EPROC_BASE_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Copy at most n bytes of src, stopping at a NUL, into dst (size dstsz),
 * unchanged: control characters and bytes that are not UTF-8 stay as they
 * are.  A copy cut short by dstsz ends on a character boundary.  Always
 * NUL-terminates.  Returns dst. */
char *text_from_bytes(char *dst, size_t dstsz, const void *src, size_t n);

/* Convert UTF-16LE (nbytes bytes, stopping at a NUL unit) to UTF-8 in dst.
 * A lone surrogate becomes its three-byte generalised-UTF-8 ("WTF-8")
 * form, so the conversion loses nothing; that form is not valid UTF-8 and
 * is escaped like any other invalid byte on output.  Always
 * NUL-terminates, cut on a character boundary.  Returns dst. */
char *text_from_utf16le(char *dst, size_t dstsz, const void *src, size_t nbytes);

/* Decode one UTF-8 character at s (n bytes available).  Returns its
 * length (1-4) and sets *cp, or 0 if s does not start a valid sequence
 * (truncated, overlong, surrogate, above U+10FFFF, stray byte). */
size_t utf8_decode(const uint8_t *s, size_t n, uint32_t *cp);

/* Does this code point steer a terminal or reorder text?  C0 controls and
 * DEL, the C1 controls U+0080-U+009F (U+009B is the 8-bit CSI), the
 * Unicode Bidi_Control characters (U+061C, U+200E, U+200F,
 * U+202A-U+202E, U+2066-U+2069) and the line/paragraph separators
 * U+2028, U+2029. */
int text_cp_unsafe(uint32_t cp);

/* Worst-case size of text_escape()'s output for n input bytes. */
#define TEXT_ESCAPED_SIZE(n) ((n) * 4 + 1)

/* n bytes of src (stopping at a NUL) as text a terminal or spreadsheet
 * shows literally: a byte that is not part of valid UTF-8, a C0 control
 * or DEL becomes "\xNN"; any other unsafe code point (text_cp_unsafe)
 * becomes "\uNNNN".  Everything else is copied.  Cut on a character
 * boundary if dstsz is short.  Returns dst. */
char *text_escape(char *dst, size_t dstsz, const char *src, size_t n);

/* Is s (n bytes) entirely valid UTF-8? */
int text_is_utf8(const char *s, size_t n);

/* n bytes of src as valid UTF-8: each byte that is not part of a valid
 * sequence becomes U+FFFD (3 bytes; dstsz >= 3 * n + 1 always suffices).
 * Returns dst. */
char *text_utf8_lossy(char *dst, size_t dstsz, const char *src, size_t n);

/* Windows FILETIME (100 ns ticks since 1601-01-01 UTC) to ISO-8601
 * "YYYY-MM-DDTHH:MM:SS.ffffffZ".  Returns 0 on success, -1 if the value is
 * zero or outside years 1601..30827 (then out is set to ""). */
int filetime_to_iso(uint64_t filetime, char out[40]);

/* Format a GUID stored little-endian (Data1..Data4) as 32 upper hex digits,
 * the form symbol servers and ISF file names use. */
void guid_to_hex(const uint8_t guid[16], char out[33]);

#endif
