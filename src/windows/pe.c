#include "windows/pe.h"

#include <stdio.h>
#include <string.h>

#include "base/bytes.h"
#include "base/text.h"

#define MAX_DEBUG_ENTRIES 16

static void parse_codeview(const uint8_t *cv, uint32_t n, struct pe_codeview *out)
{
    char path[260];
    text_from_bytes(path, sizeof path, cv + 24, n - 24);
    const char *name = path;
    for (const char *p = path; *p; p++)
        if (*p == '\\' || *p == '/')
            name = p + 1;
    snprintf(out->pdb_name, sizeof out->pdb_name, "%s", name);
    guid_to_hex(cv + 4, out->guid);
    out->age = le32(cv + 20);
}

int pe_parse_mapped(struct vspace *vs, uint64_t va, struct pe_info *out)
{
    /* Zeroed: a read that stops between 0x200 and 0x400 bytes must not
     * leave stack garbage for the header checks below to read. */
    uint8_t hdr[0x400] = { 0 };
    memset(out, 0, sizeof *out);
    if (vread(vs, va, hdr, sizeof hdr) < 0x200 || hdr[0] != 'M' || hdr[1] != 'Z')
        return -1;
    uint32_t lfanew = le32(hdr + 0x3c);
    if (lfanew > sizeof hdr - 24 - 240 || memcmp(hdr + lfanew, "PE\0\0", 4) != 0)
        return -1;
    const uint8_t *fh = hdr + lfanew + 4;
    const uint8_t *opt = fh + 20;
    out->machine = le16(fh);
    if (le16(opt) != 0x20b)          /* PE32+ only: x64 kernels */
        return -1;
    out->size_of_image = le32(opt + 56);
    uint32_t ndirs = le32(opt + 108);
    if (ndirs <= 6)
        return 0;
    uint32_t dbg_rva = le32(opt + 112 + 6 * 8), dbg_size = le32(opt + 112 + 6 * 8 + 4);
    if (!dbg_rva || dbg_size < 28 || dbg_rva >= out->size_of_image)
        return 0;
    uint32_t n = dbg_size / 28;
    if (n > MAX_DEBUG_ENTRIES)
        n = MAX_DEBUG_ENTRIES;
    for (uint32_t i = 0; i < n; i++) {
        uint8_t d[28];
        if (vread_all(vs, va + dbg_rva + 28 * i, d, 28) != 0)
            break;
        if (le32(d + 12) != 2)       /* IMAGE_DEBUG_TYPE_CODEVIEW */
            continue;
        uint32_t size = le32(d + 16), rva = le32(d + 20);
        uint8_t cv[24 + 260];
        if (size < 25 || rva >= out->size_of_image)
            continue;
        if (size > sizeof cv)
            size = sizeof cv;
        uint64_t got = vread(vs, va + rva, cv, size);
        if (got < 25 || memcmp(cv, "RSDS", 4) != 0)
            continue;
        parse_codeview(cv, (uint32_t)got, &out->cv);
        out->has_codeview = 1;
        break;
    }
    return 0;
}
