/* safe_name(): capture text never escapes the output directory. */
#include <string.h>

#include "base/safe_name.h"
#include "test.h"

static const char *sn(const char *s)
{
    static char buf[128];
    return safe_name(buf, sizeof buf, s, s ? strlen(s) : 0);
}

TEST(safe_name_keeps_plain_names)
{
    CHECK_STR(sn("notepad.exe"), "notepad.exe");
    CHECK_STR(sn("svc_host-2+x.dll"), "svc_host-2+x.dll");
}

TEST(safe_name_no_separators_or_traversal)
{
    CHECK_STR(sn("../../etc/passwd"), "_._.._etc_passwd");
    CHECK_STR(sn(".."), "_.");
    CHECK_STR(sn("."), "_");
    CHECK_STR(sn("/abs"), "_abs");
    CHECK_STR(sn("\\Device\\HarddiskVolume2\\x.exe"), "_Device_HarddiskVolume2_x.exe");
    CHECK_STR(sn(".hidden"), "_hidden");
    CHECK_STR(sn("-rf"), "_rf");
    const char *r = sn("a/../../b");
    CHECK(strchr(r, '/') == NULL);
}

TEST(safe_name_no_control_or_non_ascii)
{
    CHECK_STR(sn("a\x1b]0;pwned\x07" "b"), "a__0_pwned_b");
    CHECK_STR(sn("tab\there\nnl"), "tab_here_nl");
    CHECK_STR(sn("caf\xc3\xa9.exe"), "caf__.exe");
    CHECK_STR(sn("with space"), "with_space");
}

TEST(safe_name_never_empty)
{
    CHECK_STR(sn(""), "unnamed");
    CHECK_STR(sn(NULL), "unnamed");
    char buf[8];
    CHECK_STR(safe_name(buf, sizeof buf, "abc", 0), "unnamed");
    char tiny[2];
    CHECK_STR(safe_name(tiny, sizeof tiny, "", 0), "u");
    CHECK_STR(safe_name(tiny, sizeof tiny, "..", 2), "_");
}

TEST(safe_name_stops_at_nul_and_length)
{
    char buf[8];
    CHECK_STR(safe_name(buf, sizeof buf, "ab\0cd", 5), "ab");
    CHECK_STR(safe_name(buf, sizeof buf, "abcdefghijkl", 12), "abcdefg");
    char big[400];
    char longname[300];
    memset(longname, 'x', sizeof longname - 1);
    longname[sizeof longname - 1] = 0;
    safe_name(big, sizeof big, longname, sizeof longname);
    CHECK_EQ_U64(strlen(big), SAFE_NAME_MAX);
}

TEST(safe_name_windows_reserved)
{
    CHECK_STR(sn("CON"), "CON_");
    CHECK_STR(sn("nul.txt"), "nul_.txt");
    CHECK_STR(sn("com1"), "com1_");
    CHECK_STR(sn("console"), "console");
    CHECK_STR(sn("LPT0"), "LPT0");
    char buf[4];
    CHECK_STR(safe_name(buf, sizeof buf, "AUX", 3), "_UX");
}

TEST(safe_join_refuses_truncation)
{
    char out[16];
    CHECK(safe_join(out, sizeof out, "dir", "name.bin") == 0);
    CHECK_STR(out, "dir/name.bin");
    CHECK(safe_join(out, sizeof out, "a-long-directory", "name.bin") == -1);
    CHECK_STR(out, "");
}
