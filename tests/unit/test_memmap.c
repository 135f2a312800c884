/* Helpers of the memory-map commands (issue 13): SHA-256 for dump
 * manifests, x86-64 disassembly for malfind, VAD protection names. */
#include <string.h>

#include "base/disasm.h"
#include "base/sha256.h"
#include "test.h"
#include "windows/vadtree.h"

static const char *digest(const void *p, size_t n, size_t chunk)
{
    static char hex[65];
    struct sha256 s;
    sha256_init(&s);
    const char *c = p;
    for (size_t i = 0; i < n; i += chunk)
        sha256_update(&s, c + i, n - i < chunk ? n - i : chunk);
    sha256_hex(&s, hex);
    return hex;
}

TEST(sha256_known_vectors)
{
    /* FIPS 180-4 examples (NIST CSRC "SHA256.pdf") */
    CHECK_STR(digest("", 0, 1), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK_STR(digest("abc", 3, 1), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    CHECK_STR(digest(two, strlen(two), 7), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    static char million[1000000];
    memset(million, 'a', sizeof million);
    CHECK_STR(digest(million, sizeof million, 4096), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(disasm_x64_decodes_and_stops_at_bad_bytes)
{
    char out[256];
    static const uint8_t code[] = { 0x55, 0x48, 0x89, 0xe5, 0xc3 };   /* push rbp; mov rbp, rsp; ret */
    CHECK(disasm_x64(code, sizeof code, 0x1000, 8, out, sizeof out) == 3);
    CHECK_STR(out, "0x1000: push rbp; 0x1001: mov rbp, rsp; 0x1004: ret");
    static const uint8_t bad[] = { 0x90, 0x06 };                       /* nop; (no 'push es' in 64-bit mode) */
    CHECK(disasm_x64(bad, sizeof bad, 0, 8, out, sizeof out) == 1);
    CHECK_STR(out, "0x0: nop; 0x1: (bad)");
    char tiny[12];
    CHECK(disasm_x64(code, sizeof code, 0x1000, 8, tiny, sizeof tiny) >= 0);
    CHECK(strlen(tiny) < sizeof tiny);
}

TEST(vad_protection_names)
{
    char b[64];
    CHECK_STR(vad_protection_name(6, b, sizeof b), "PAGE_EXECUTE_READWRITE");
    CHECK_STR(vad_protection_name(4 | 8, b, sizeof b), "PAGE_READWRITE|PAGE_NOCACHE");
    CHECK_EQ_U64(vad_protection_win32(7), 0x80);
    CHECK_EQ_U64(vad_protection_win32(4 | 16), 0x104);
    CHECK_STR(vad_type_name(2), "VadImageMap");
    CHECK_STR(vad_type_name(99), "?");
}
