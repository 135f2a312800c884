/* A small PE model for the modules the forge maps: DOS and NT headers,
 * a section table (.text, .rdata, .data, .pdata, .rsrc, .reloc), a debug
 * directory with the module's own RSDS record, and a few bytes of code at
 * the entry point, so that tools parsing headers from memory find a real
 * image.  Sizes, entry points and time stamps derive from the name, so
 * the same DLL has the same shape in every process. */
#include "forge/forge_int.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/bytes.h"
#include "base/text.h"

static uint64_t name_hash(const char *name)
{
    uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
    for (const char *p = name; *p; p++) {
        h ^= (uint8_t)tolower((unsigned char)*p);
        h *= 1099511628211ULL;
    }
    return h;
}

void pe_guess(const char *name, uint32_t *size, uint32_t *entry_rva, uint32_t *timestamp)
{
    static const struct { const char *name; uint32_t size; } known[] = {
        { "ntdll.dll", 0x218000 }, { "kernel32.dll", 0xC7000 }, { "kernelbase.dll", 0x3C6000 },
        { "user32.dll", 0x1B3000 }, { "win32u.dll", 0x27000 }, { "gdi32.dll", 0x2B000 },
        { "combase.dll", 0x380000 }, { "rpcrt4.dll", 0x117000 }, { "sechost.dll", 0xA6000 },
        { "ucrtbase.dll", 0x12A000 }, { "shell32.dll", 0x7A3000 }, { "explorer.exe", 0x4CB000 },
        { "svchost.exe", 0x11000 }, { "lsass.exe", 0x14000 }, { "csrss.exe", 0x8000 },
        { "services.exe", 0xB1000 }, { "smss.exe", 0x27000 }, { "notepad.exe", 0x58000 },
        { "cmd.exe", 0x6B000 }, { "msedge.exe", 0x3B6000 }, { "lsasrv.dll", 0x1B9000 },
    };
    uint64_t h = name_hash(name);
    *size = 0;
    for (size_t i = 0; i < ARRAY_LEN(known); i++)
        if (!strcasecmp(name, known[i].name))
            *size = known[i].size;
    if (!*size)
        *size = (uint32_t)(0x20000 + (h % 0x200) * 0x1000);
    *entry_rva = 0x1000 + (uint32_t)((h >> 16) % (*size / 4 > 0x1000 ? *size / 4 - 0x1000 : 0x1000)) / 16 * 16;
    *timestamp = 0x5A000000u + (uint32_t)((h >> 32) % 0x10000000u);
}

/* The RSDS GUID of an image: derived from its name, so the same DLL
 * carries the same id in every process. */
static void rsds_guid(const char *name, uint8_t guid[16])
{
    uint64_t gh = name_hash(name);
    put64(guid, gh);
    put64(guid + 8, gh * 0x9E3779B97F4A7C15ULL);
}

void pe_rsds_id(const char *name, char out[48])
{
    uint8_t guid[16];
    char hex[33];
    rsds_guid(name, guid);
    guid_to_hex(guid, hex);
    snprintf(out, 48, "%s1", hex);            /* age 1 */
}

void pe_write_image(struct forge *f, uint64_t root, const struct pe_image *img)
{
    uint8_t h[0x400] = {0};
    h[0] = 'M'; h[1] = 'Z';
    put16(h + 2, 0x90); put16(h + 4, 3); put16(h + 8, 4); put16(h + 0x0C, 0xFFFF);
    put16(h + 0x10, 0xB8); put16(h + 0x18, 0x40);
    put32(h + 0x3C, 0xE8);
    memcpy(h + 0x4E, "This program cannot be run in DOS mode.\r\r\n$", 44);
    uint8_t *nt = h + 0xE8;
    memcpy(nt, "PE\0\0", 4);
    uint8_t *fh = nt + 4;
    put16(fh, 0x8664);
    put16(fh + 2, 6);
    put32(fh + 4, img->timestamp);
    put16(fh + 16, 0xF0);
    put16(fh + 18, img->is_dll ? 0x2022 : 0x0022);
    uint8_t *oh = fh + 20;
    put16(oh, 0x20B);
    oh[2] = 14; oh[3] = 38;
    uint32_t text = (img->size / 2) & ~0xFFFu;
    if (text < 0x1000)
        text = 0x1000;
    put32(oh + 4, text);
    put32(oh + 16, img->entry_rva);
    put32(oh + 20, 0x1000);
    put64(oh + 24, img->base);
    put32(oh + 32, 0x1000);
    put32(oh + 36, 0x200);
    put16(oh + 40, 10); put16(oh + 44, 10); put16(oh + 48, 10);
    put32(oh + 56, img->size);
    put32(oh + 60, 0x400);
    put16(oh + 68, img->is_driver ? 1 : 3);      /* NATIVE / WINDOWS_CUI */
    put16(oh + 70, 0xC160);
    put64(oh + 72, 0x100000); put64(oh + 80, 0x1000);
    put64(oh + 88, 0x100000); put64(oh + 96, 0x1000);
    put32(oh + 108, 16);
    uint32_t rdata = 0x1000 + text;
    uint32_t rsize = ((img->size - rdata) / 2) & ~0xFFFu;
    if (rsize < 0x1000)
        rsize = 0x1000;
    uint32_t data = rdata + rsize;
    uint32_t dsize = img->size > data + 0x3000 ? img->size - data - 0x3000 : 0x1000;
    uint32_t pdata = data + dsize;
    put32(oh + 112 + 6 * 8, rdata + 0x10);         /* debug directory */
    put32(oh + 112 + 6 * 8 + 4, 28);
    struct { const char *n; uint32_t va, vs, ch; } sec[6] = {
        { ".text", 0x1000, text, 0x60000020 },
        { ".rdata", rdata, rsize, 0x40000040 },
        { ".data", data, dsize, 0xC0000040 },
        { ".pdata", pdata, 0x1000, 0x40000040 },
        { ".rsrc", pdata + 0x1000, 0x1000, 0x40000040 },
        { ".reloc", pdata + 0x2000, 0x1000, 0x42000040 },
    };
    uint8_t *sh = oh + 0xF0;
    for (int i = 0; i < 6; i++, sh += 40) {
        memcpy(sh, sec[i].n, strlen(sec[i].n));
        put32(sh + 8, sec[i].vs);
        put32(sh + 12, sec[i].va);
        put32(sh + 16, sec[i].vs);
        put32(sh + 20, sec[i].va);
        put32(sh + 36, sec[i].ch);
    }
    vw(f, root, img->base, h, sizeof h);
    /* debug directory + RSDS with a GUID derived from the name */
    uint8_t d[28 + 24 + SC_NAME] = {0};
    char pdb[SC_NAME];
    snprintf(pdb, sizeof pdb, "%s", img->name);
    char *dot = strrchr(pdb, '.');
    if (dot)
        snprintf(dot, sizeof pdb - (size_t)(dot - pdb), ".pdb");
    size_t plen = strlen(pdb) + 1;
    put32(d + 4, img->timestamp);
    put32(d + 12, 2);
    put32(d + 16, (uint32_t)(24 + plen));
    put32(d + 20, rdata + 0x10 + 28);
    put32(d + 24, rdata + 0x10 + 28);
    memcpy(d + 28, "RSDS", 4);
    rsds_guid(img->name, d + 32);
    put32(d + 48, 1);
    memcpy(d + 52, pdb, plen);
    vw(f, root, img->base + rdata + 0x10, d, 52 + plen);
    /* entry point: sub rsp,28h; call; add rsp,28h; ret */
    static const uint8_t code[] = { 0x48, 0x83, 0xEC, 0x28, 0xE8, 0x17, 0x00, 0x00, 0x00,
                                    0x48, 0x83, 0xC4, 0x28, 0xC3, 0xCC, 0xCC };
    vw(f, root, img->base + img->entry_rva, code, sizeof code);
}
