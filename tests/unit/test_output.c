/* Output that cannot steer a terminal or a spreadsheet, and JSON that keeps
 * every byte (issue 10 item 2, docs/output.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "output/table.h"
#include "test.h"

static const char *esc(const char *s)
{
    static char buf[256];
    return text_escape(buf, sizeof buf, s, strlen(s));
}

TEST(text_escape_controls_c1_bidi)
{
    CHECK_STR(esc("plain.exe"), "plain.exe");
    CHECK_STR(esc("caf\xc3\xa9 \xe6\x97\xa5"), "caf\xc3\xa9 \xe6\x97\xa5");   /* ordinary UTF-8 kept */
    CHECK_STR(esc("a\x1b[2Jb\x7f"), "a\\x1b[2Jb\\x7f");
    CHECK_STR(esc("\xc2\x9b" "31m"), "\\u009b31m");                 /* 8-bit CSI */
    CHECK_STR(esc("\xc2\x85"), "\\u0085");
    CHECK_STR(esc("\xc2\xa0"), "\xc2\xa0");                         /* U+00A0 is not C1 */
    CHECK_STR(esc("x\xe2\x80\xaey"), "x\\u202ey");                  /* RLO */
    CHECK_STR(esc("\xe2\x80\xaa\xe2\x81\xa6\xe2\x81\xa9\xe2\x80\x8f\xd8\x9c"),
              "\\u202a\\u2066\\u2069\\u200f\\u061c");
    CHECK_STR(esc("\xff\xfe" "a\xc3"), "\\xff\\xfea\\xc3");          /* not UTF-8 */
    CHECK_STR(esc("\xed\xa0\x80"), "\\xed\\xa0\\x80");             /* a surrogate is not UTF-8 */
}

TEST(text_from_keeps_bytes)
{
    char buf[16];
    CHECK_STR(text_from_bytes(buf, sizeof buf, "a\x1b\xff", 3), "a\x1b\xff");
    /* cut on a character boundary: 4 bytes fit, the 3-byte character does not */
    CHECK_STR(text_from_bytes(buf, 5, "abc\xe2\x80\xae", 6), "abc");
    /* UTF-16: controls kept, a lone surrogate kept as its WTF-8 form */
    const unsigned char u16[] = { 'A', 0, 0x1b, 0, 0x00, 0xd8, 'B', 0, 0x3d, 0xd8, 0x00, 0xde };
    CHECK_STR(text_from_utf16le(buf, sizeof buf, u16, sizeof u16), "A\x1b\xed\xa0\x80" "B\xf0\x9f\x98\x80");
}

static char *render(const struct table *t, enum out_format fmt)
{
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    if (!f)
        return NULL;
    table_render(t, fmt, f);
    fclose(f);
    return s;
}

TEST(csv_neutralises_formulas_in_string_cells_only)
{
    static const struct col_def cols[] = { { "s", "S", COL_STR }, { "n", "N", COL_INT } };
    struct table *t = table_new(cols, 2);
    const char *cells[] = { "-1", "=1+1", "+a", "@x", "\t=x", "ok", "a=b" };
    for (unsigned i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        table_add_row(t);
        cell_str(t, 0, cells[i]);
        cell_int(t, 1, -1 - (int)i);
    }
    char *csv = render(t, OUT_CSV);
    CHECK(csv != NULL);
    if (csv) {
        CHECK_STR(csv, "s,n\n'-1,-1\n'=1+1,-2\n'+a,-3\n'@x,-4\n\\x09=x,-5\nok,-6\na=b,-7\n");
        free(csv);
    }
    char *json = render(t, OUT_JSONL);
    if (json) {
        CHECK(strstr(json, "{\"s\":\"-1\",\"n\":-1}") != NULL);      /* raw value in JSON */
        CHECK(strstr(json, "{\"s\":\"\\t=x\",\"n\":-5}") != NULL);
        free(json);
    }
    table_free(t);
}

TEST(json_keeps_bytes_recoverable)
{
    static const struct col_def cols[] = { { "name", "Name", COL_STR } };
    struct table *t = table_new(cols, 1);
    table_add_row(t);
    cell_str(t, 0, "a\x1b" "b");
    table_add_row(t);
    cell_str(t, 0, "a\\x1b");
    table_add_row(t);
    cell_str(t, 0, "q\xff\x80z");
    char *json = render(t, OUT_JSONL);
    CHECK(json != NULL);
    if (json) {
        CHECK_STR(json, "{\"name\":\"a\\u001Bb\"}\n{\"name\":\"a\\\\x1b\"}\n"
                        "{\"name\":\"q\\uFFFD\\uFFFDz\",\"name_hex\":\"71ff807a\"}\n");
        free(json);
    }
    table_free(t);
}
