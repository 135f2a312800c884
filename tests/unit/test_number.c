/* One grammar for numeric options (src/base/number.h, issue 10 item 3). */
#include "base/number.h"
#include "test.h"

TEST(number_parse_grammar_and_range)
{
    uint64_t v = 7;
    CHECK(number_parse("0", UINT64_MAX, &v) == 0 && v == 0);
    CHECK(number_parse("010", UINT64_MAX, &v) == 0 && v == 10);          /* decimal, not octal */
    CHECK(number_parse("0x1F8", UINT64_MAX, &v) == 0 && v == 0x1f8);
    CHECK(number_parse("18446744073709551615", UINT64_MAX, &v) == 0 && v == UINT64_MAX);
    CHECK(number_parse("0xffffffffffffffff", UINT64_MAX, &v) == 0 && v == UINT64_MAX);
    CHECK(number_parse("18446744073709551616", UINT64_MAX, &v) == -2);
    CHECK(number_parse("99999999999999999999", UINT64_MAX, &v) == -2);
    CHECK(number_parse("0x10000000000000000", UINT64_MAX, &v) == -2);
    CHECK(number_parse("256", 255, &v) == -2);
    const char *bad[] = { "", "-1", "-18446744073709551612", "+4", " 4", "4 ", "0x", "0x-1", "1e3", "4,", "abc", "0b1" };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(number_parse(bad[i], UINT64_MAX, &v) == -1);
}

TEST(number_list_parse_whole_list)
{
    uint64_t out[4];
    const char *item;
    size_t len;
    CHECK(number_list_parse("4,0x10,8", UINT64_MAX, out, 4, &item, &len) == 3 && out[1] == 16 && out[2] == 8);
    CHECK(number_list_parse("4,,8", UINT64_MAX, out, 4, &item, &len) == -1 && len == 0);
    CHECK(number_list_parse("4,-8", UINT64_MAX, out, 4, &item, &len) == -1 && len == 2 && item[0] == '-');
    CHECK(number_list_parse("1,2,3,4,5", UINT64_MAX, out, 4, &item, &len) == -3);
}
