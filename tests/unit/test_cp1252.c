/* Windows-1252 (base/cp1252.h): ImageFileName bytes decoded to UTF-8,
 * and scenario names encoded by the forge. */
#include <string.h>

#include "base/cp1252.h"
#include "test.h"

static const char *dec(const char *bytes)
{
    static char buf[128];
    return utf8_from_cp1252(buf, sizeof buf, bytes, strlen(bytes));
}

TEST(cp1252_decodes_ansi_names)
{
    CHECK_STR(dec("caf\xe9.exe"), "caf\xc3\xa9.exe");                 /* 0xE9: e acute */
    CHECK_STR(dec("\x80vil.exe"), "\xe2\x82\xac" "vil.exe");           /* 0x80: euro sign */
    CHECK_STR(dec("\x9f\xff"), "\xc5\xb8\xc3\xbf");                    /* Y diaeresis both ways */
    CHECK_STR(dec("notepad.exe"), "notepad.exe");
}

TEST(cp1252_keeps_controls_and_maps_undefined_bytes_to_c1)
{
    /* Nothing is escaped here: the output sinks do it (docs/output.md). */
    CHECK_STR(dec("tab\tname\x7f"), "tab\tname\x7f");
    CHECK_STR(dec("u\x81\x9d"), "u\xc2\x81\xc2\x9d");                  /* U+0081, U+009D */
    CHECK(cp1252_undefined(0x81) && cp1252_undefined(0x8d) && cp1252_undefined(0x8f) &&
          cp1252_undefined(0x90) && cp1252_undefined(0x9d) && !cp1252_undefined(0x80) && !cp1252_undefined(0x41));
}

TEST(cp1252_decode_stops_at_nul_length_and_room)
{
    char small[6];
    CHECK_STR(utf8_from_cp1252(small, sizeof small, "caf\xe9xyz", 8), "caf\xc3\xa9");
    CHECK_STR(utf8_from_cp1252(small, sizeof small, "abcd\xe9", 5), "abcd");     /* no half character */
    CHECK_STR(utf8_from_cp1252(small, sizeof small, "abcdefgh", 3), "abc");
    CHECK_STR(utf8_from_cp1252(small, sizeof small, "a\0bc", 4), "a");
}

TEST(cp1252_encodes_and_round_trips)
{
    uint8_t out[32];
    size_t n = cp1252_from_utf8(out, sizeof out, "caf\xc3\xa9 \xe2\x82\xac\xe2\x84\xa2\t");
    CHECK(n == 8 && memcmp(out, "caf\xe9 \x80\x99\t", 8) == 0);
    for (unsigned b = 1; b < 256; b++) {             /* every byte survives decode + encode */
        char utf8[8];
        uint8_t byte = (uint8_t)b, back[4];
        utf8_from_cp1252(utf8, sizeof utf8, &byte, 1);
        CHECK(cp1252_from_utf8(back, sizeof back, utf8) == 1 && back[0] == byte);
    }
}

TEST(cp1252_encode_unmappable_and_bad_utf8)
{
    uint8_t out[16];
    size_t n = cp1252_from_utf8(out, sizeof out, "\xe6\x97\xa5\xe6\x9c\xac.exe");   /* CJK: not in 1252 */
    CHECK(n == 6 && memcmp(out, "??.exe", 6) == 0);
    n = cp1252_from_utf8(out, sizeof out, "a\xff" "b\xc3");                         /* not UTF-8 */
    CHECK(n == 4 && memcmp(out, "a?b?", 4) == 0);
    n = cp1252_from_utf8(out, 3, "abcdef");                                          /* bounded */
    CHECK(n == 3);
}
