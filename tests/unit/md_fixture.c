#include "md_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

static void grow(struct mdf *f, size_t need)
{
    if (f->len + need <= f->cap)
        return;
    size_t cap = f->cap ? f->cap : 4096;
    while (cap < f->len + need)
        cap *= 2;
    f->buf = realloc(f->buf, cap);
    if (!f->buf)
        abort();
    memset(f->buf + f->cap, 0, cap - f->cap);
    f->cap = cap;
}

void mdf_init(struct mdf *f, unsigned ptr_size)
{
    memset(f, 0, sizeof *f);
    f->ptr = ptr_size;
    grow(f, 32);
    f->len = 32;                      /* the header, written by mdf_finish */
}

void mdf_free(struct mdf *f)
{
    for (unsigned i = 0; i < f->nmem; i++)
        free(f->mem[i].data);
    free(f->buf);
    memset(f, 0, sizeof *f);
}

uint32_t mdf_blob(struct mdf *f, const void *p, size_t n)
{
    f->len = (f->len + 3) & ~(size_t)3;
    grow(f, n + 4);
    uint32_t rva = (uint32_t)f->len;
    if (n)
        memcpy(f->buf + f->len, p, n);
    f->len += n;
    return rva;
}

uint32_t mdf_string(struct mdf *f, const char *ascii)
{
    size_t n = strlen(ascii);
    uint8_t *tmp = calloc(1, 4 + 2 * n + 2);
    uint32_t len = (uint32_t)(2 * n);
    memcpy(tmp, &len, 4);
    for (size_t i = 0; i < n; i++)
        tmp[4 + 2 * i] = (uint8_t)ascii[i];
    uint32_t rva = mdf_blob(f, tmp, 4 + 2 * n + 2);
    free(tmp);
    return rva;
}

uint32_t mdf_stream(struct mdf *f, uint32_t type, const void *p, size_t n)
{
    uint32_t rva = mdf_blob(f, p, n);
    if (f->ndir < MDF_MAX_STREAMS) {
        f->dir[f->ndir].type = type;
        f->dir[f->ndir].size = (uint32_t)n;
        f->dir[f->ndir].rva = rva;
        f->ndir++;
    }
    return rva;
}

uint8_t *mdf_region(struct mdf *f, uint64_t va, uint32_t size)
{
    if (f->nmem >= MDF_MAX_REGIONS)
        abort();
    struct mdf_region *r = &f->mem[f->nmem++];
    r->va = va;
    r->size = size;
    r->data = calloc(1, size);
    return r->data;
}

static uint8_t *at(struct mdf *f, uint64_t va, size_t n)
{
    for (unsigned i = 0; i < f->nmem; i++) {
        struct mdf_region *r = &f->mem[i];
        if (va >= r->va && va + n <= r->va + r->size)
            return r->data + (va - r->va);
    }
    fprintf(stderr, "md_fixture: 0x%llx+%zu is in no region\n", (unsigned long long)va, n);
    abort();
}

void mdf_w8(struct mdf *f, uint64_t va, uint8_t v) { *at(f, va, 1) = v; }
void mdf_w16(struct mdf *f, uint64_t va, uint16_t v) { memcpy(at(f, va, 2), &v, 2); }
void mdf_w32(struct mdf *f, uint64_t va, uint32_t v) { memcpy(at(f, va, 4), &v, 4); }
void mdf_w64(struct mdf *f, uint64_t va, uint64_t v) { memcpy(at(f, va, 8), &v, 8); }

void mdf_wptr(struct mdf *f, uint64_t va, uint64_t v)
{
    if (f->ptr == 4)
        mdf_w32(f, va, (uint32_t)v);
    else
        mdf_w64(f, va, v);
}

void mdf_wbytes(struct mdf *f, uint64_t va, const void *p, size_t n)
{
    memcpy(at(f, va, n), p, n);
}

size_t mdf_wutf16(struct mdf *f, uint64_t va, const char *ascii)
{
    size_t n = strlen(ascii);
    uint8_t *p = at(f, va, 2 * n + 2);
    for (size_t i = 0; i < n; i++) {
        p[2 * i] = (uint8_t)ascii[i];
        p[2 * i + 1] = 0;
    }
    p[2 * n] = p[2 * n + 1] = 0;
    return 2 * n + 2;
}

void mdf_wustr(struct mdf *f, uint64_t us_va, uint64_t text_va, const char *ascii)
{
    size_t n = strlen(ascii);
    mdf_w16(f, us_va, (uint16_t)(2 * n));
    mdf_w16(f, us_va + 2, (uint16_t)(2 * n + 2));
    mdf_wptr(f, us_va + (f->ptr == 4 ? 4 : 8), text_va);
    mdf_wutf16(f, text_va, ascii);
}

void mdf_memory_stream(struct mdf *f, int as64)
{
    if (as64) {
        size_t n = 16 + 16 * (size_t)f->nmem;
        uint8_t *hdr = calloc(1, n);
        uint64_t count = f->nmem;
        memcpy(hdr, &count, 8);
        for (unsigned i = 0; i < f->nmem; i++) {
            uint64_t size = f->mem[i].size;
            memcpy(hdr + 16 + 16 * i, &f->mem[i].va, 8);
            memcpy(hdr + 24 + 16 * i, &size, 8);
        }
        uint32_t rva = mdf_stream(f, 9, hdr, n);
        /* the ranges' bytes follow, back to back, from BaseRva */
        f->len = (f->len + 3) & ~(size_t)3;
        uint64_t base = f->len;
        memcpy(f->buf + rva + 8, &base, 8);
        for (unsigned i = 0; i < f->nmem; i++) {
            grow(f, f->mem[i].size);
            memcpy(f->buf + f->len, f->mem[i].data, f->mem[i].size);
            f->len += f->mem[i].size;
        }
        free(hdr);
    } else {
        uint32_t rvas[MDF_MAX_REGIONS];
        for (unsigned i = 0; i < f->nmem; i++)
            rvas[i] = mdf_blob(f, f->mem[i].data, f->mem[i].size);
        size_t n = 4 + 16 * (size_t)f->nmem;
        uint8_t *hdr = calloc(1, n);
        uint32_t count = f->nmem;
        memcpy(hdr, &count, 4);
        for (unsigned i = 0; i < f->nmem; i++) {
            memcpy(hdr + 4 + 16 * i, &f->mem[i].va, 8);
            memcpy(hdr + 12 + 16 * i, &f->mem[i].size, 4);
            memcpy(hdr + 16 + 16 * i, &rvas[i], 4);
        }
        mdf_stream(f, 5, hdr, n);
        free(hdr);
    }
}

const uint8_t *mdf_finish(struct mdf *f, size_t *len)
{
    uint8_t dir[12 * MDF_MAX_STREAMS];
    for (unsigned i = 0; i < f->ndir; i++) {
        memcpy(dir + 12 * i, &f->dir[i].type, 4);
        memcpy(dir + 12 * i + 4, &f->dir[i].size, 4);
        memcpy(dir + 12 * i + 8, &f->dir[i].rva, 4);
    }
    uint32_t dir_rva = mdf_blob(f, dir, 12 * (size_t)f->ndir);
    uint32_t hdr[8] = { 0x504d444d, 0xa793, f->ndir, dir_rva, 0, 1700000000u, 0, 0 };
    memcpy(f->buf, hdr, 32);
    *len = f->len;
    return f->buf;
}

const char *mdf_save(const uint8_t *data, size_t len, const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", test_tmpdir(), name);
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return NULL;
    fwrite(data, 1, len, fp);
    fclose(fp);
    return path;
}

/* --- scenarios ---
 * Offsets below are written out independently of src/minidump/userprofile.c
 * (same public facts: winnt.h, Vergilius Project), so a wrong offset there
 * makes these tests fail. */

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

/* LIST_ENTRY chain: head -> e[0] -> ... -> head, links at off in each entry. */
static void link_list(struct mdf *f, uint64_t head, const uint64_t *e, int n, uint32_t off)
{
    uint64_t prev = head;
    for (int i = 0; i < n; i++) {
        mdf_wptr(f, prev, e[i] + off);
        mdf_wptr(f, e[i] + off + f->ptr, prev);
        prev = e[i] + off;
    }
    mdf_wptr(f, prev, head);
    mdf_wptr(f, head + f->ptr, prev);
}

static void ldr_entry64(struct mdf *f, uint64_t e, uint64_t base, uint32_t size,
                        const char *path, uint64_t strings)
{
    const char *name = strrchr(path, '\\') ? strrchr(path, '\\') + 1 : path;
    mdf_w64(f, e + 0x30, base);
    mdf_w64(f, e + 0x38, base + 0x1000);
    mdf_w32(f, e + 0x40, size);
    mdf_wustr(f, e + 0x48, strings, path);
    mdf_wustr(f, e + 0x58, strings + 0x80, name);
}

static uint32_t context64(struct mdf *f, uint64_t rip, uint64_t rsp)
{
    uint8_t ctx[0x4d0] = {0};
    put32(ctx + 0x30, 0x10000b);          /* CONTEXT_AMD64 | CONTROL | INTEGER */
    put64(ctx + 0x98, rsp);
    put64(ctx + 0xa0, rsp + 0x40);
    put64(ctx + 0xf8, rip);
    return mdf_blob(f, ctx, sizeof ctx);
}

static void module_entry(struct mdf *f, uint8_t *e, uint64_t base, uint32_t size, const char *path,
                         uint32_t cv_rva, uint32_t cv_size, int version)
{
    put64(e, base);
    put32(e + 8, size);
    put32(e + 12, 0xabcd);
    put32(e + 16, 1600000000u);
    put32(e + 20, mdf_string(f, path));
    if (version) {
        put32(e + 24, 0xfeef04bd);
        put32(e + 32, (1u << 16) | 2);     /* 1.2 */
        put32(e + 36, (3u << 16) | 4);     /* .3.4 */
    }
    put32(e + 76, cv_size);
    put32(e + 80, cv_rva);
}

static uint32_t sid_bytes(uint8_t *out, uint8_t auth, const uint32_t *sub, int n)
{
    out[0] = 1;
    out[1] = (uint8_t)n;
    memset(out + 2, 0, 6);
    out[7] = auth;
    for (int i = 0; i < n; i++)
        put32(out + 8 + 4 * i, sub[i]);
    return 8 + 4 * (uint32_t)n;
}

/* Token element in the layout Windows' dbghelp writes (see token.c). */
static size_t token_stream(uint8_t *s)
{
    uint8_t *el = s + 16;
    uint32_t off = 0x48;
    uint8_t *p;
    uint32_t pairs[7][2];
    static const uint32_t user_sub[] = { 21, 111, 222, 333, 1001 };
    static const uint32_t everyone[] = { 0 };
    static const uint32_t admins[] = { 32, 544 };
    static const uint32_t domusers[] = { 21, 111, 222, 333, 513 };
    /* [0] a ULONG */
    put32(el + off, 1);
    pairs[0][0] = off; pairs[0][1] = 4; off += 8;
    /* [1] TOKEN_USER: { SidOffset, Attributes } SID */
    p = el + off;
    put32(p, 8);
    put32(p + 4, 0);
    pairs[1][0] = off; pairs[1][1] = 8 + sid_bytes(p + 8, 5, user_sub, 5); off += 40;
    /* [2] TOKEN_GROUPS: count, { SidOffset, Attributes }[2], pad, SIDs */
    p = el + off;
    put32(p, 2);
    put32(p + 4, 24); put32(p + 8, 7);                 /* Everyone */
    uint32_t n1 = sid_bytes(p + 24, 1, everyone, 1);
    put32(p + 12, 24 + n1); put32(p + 16, 0x10);       /* Administrators, deny-only */
    uint32_t n2 = sid_bytes(p + 24 + n1, 5, admins, 2);
    pairs[2][0] = off; pairs[2][1] = 24 + n1 + n2; off += 64;
    /* [3] TOKEN_PRIMARY_GROUP: { SidOffset=8 } SID right after (as Windows writes it) */
    p = el + off;
    put32(p, 8);
    pairs[3][0] = off; pairs[3][1] = 4 + sid_bytes(p + 4, 5, domusers, 5); off += 36;
    /* [4] TOKEN_PRIVILEGES: count, { LUID, Attributes }[2] */
    p = el + off;
    put32(p, 2);
    put64(p + 4, 20); put32(p + 12, 0);                /* SeDebugPrivilege, disabled */
    put64(p + 16, 23); put32(p + 24, 3);               /* SeChangeNotifyPrivilege, enabled+default */
    pairs[4][0] = off; pairs[4][1] = 28; off += 28;
    /* [5] TOKEN_STATISTICS (56) */
    p = el + off;
    put64(p, 0x621f14);
    put64(p + 8, 0x5698c);
    put32(p + 24, 1);
    put64(p + 48, 0x6188a2);
    pairs[5][0] = off; pairs[5][1] = 56; off += 56;
    /* [6] 8 bytes */
    pairs[6][0] = off; pairs[6][1] = 8; off += 8;
    put32(el, off);                                    /* TokenSize: the whole element */
    put32(el + 4, 0x77);                               /* TokenId */
    put64(el + 8, 0x338);                              /* TokenHandle */
    for (int i = 0; i < 7; i++) {
        put32(el + 16 + 8 * i, pairs[i][0]);
        put32(el + 20 + 8 * i, pairs[i][1]);
    }
    put32(s, 16 + off);        /* TokenListSize */
    put32(s + 4, 1);           /* TokenListEntries */
    put32(s + 8, 16);          /* ListHeaderSize */
    put32(s + 12, 0x48);       /* ElementHeaderSize */
    return 16 + off;
}

const uint8_t *mds_build_x64(struct mdf *f, unsigned flags, size_t *len)
{
    mdf_init(f, 8);
    /* ---- dumped memory ---- */
    if (!(flags & MDS_NO_TEB)) {
        mdf_region(f, MDS_TEB1, 0x2000);
        mdf_region(f, MDS_TEB2, 0x2000);
    }
    if (!(flags & MDS_NO_PEB))
        mdf_region(f, MDS_PEB, 0x1000);
    mdf_region(f, MDS_HEAP, 0x8000);
    uint8_t *ntdll = mdf_region(f, MDS_NTDLL, 0x1000);
    memcpy(ntdll, "MZ\x90\0", 4);
    uint8_t *exe = mdf_region(f, MDS_EXE, 0x1000);
    memcpy(exe, "MZ\x90\0", 4);
    uint8_t *rwx = mdf_region(f, MDS_RWX, 0x1000);
    memcpy(rwx, "MZ\x90\0\x03\0\0\0", 8);
    mdf_region(f, MDS_RWX_ZERO, 0x1000);
    uint8_t *stack = mdf_region(f, 0x3fe000, 0x100);
    memset(stack, 0xcc, 0x100);

    if (!(flags & MDS_NO_TEB)) {
        /* TEB (x64): NtTib.StackBase 0x8, StackLimit 0x10, FiberData 0x20,
         * Self 0x30, ClientId 0x40, PEB 0x60, LastErrorValue 0x68,
         * DeallocationStack 0x1478, FlsData 0x17c8, SameTebFlags 0x17ee */
        mdf_w64(f, MDS_TEB1 + 0x8, 0x400000);
        mdf_w64(f, MDS_TEB1 + 0x10, 0x3fd000);
        mdf_w64(f, MDS_TEB1 + 0x20, MDS_FIBER_RUN);
        mdf_w64(f, MDS_TEB1 + 0x30, MDS_TEB1);
        mdf_w64(f, MDS_TEB1 + 0x40, MDS_PID);
        mdf_w64(f, MDS_TEB1 + 0x48, 0x10);
        mdf_w64(f, MDS_TEB1 + 0x60, MDS_PEB);
        mdf_w32(f, MDS_TEB1 + 0x68, 5);
        mdf_w64(f, MDS_TEB1 + 0x1478, 0x300000);
        mdf_w64(f, MDS_TEB1 + 0x17c8, MDS_FLS1);
        mdf_w16(f, MDS_TEB1 + 0x17ee, 0x4);
        mdf_w64(f, MDS_TEB2 + 0x8, 0xc00000);
        mdf_w64(f, MDS_TEB2 + 0x10, 0xbfe000);
        mdf_w64(f, MDS_TEB2 + 0x20, 0x1e00);      /* NtTib.Version: no fiber */
        mdf_w64(f, MDS_TEB2 + 0x30, MDS_TEB2);
        mdf_w64(f, MDS_TEB2 + 0x40, MDS_PID);
        mdf_w64(f, MDS_TEB2 + 0x48, 0x20);
        mdf_w64(f, MDS_TEB2 + 0x60, MDS_PEB);
        mdf_w64(f, MDS_TEB2 + 0x1478, 0xb00000);
    }
    if (!(flags & MDS_NO_PEB)) {
        /* PEB (x64): ImageBaseAddress 0x10, Ldr 0x18, ProcessParameters 0x20,
         * ProcessHeap 0x30, NumberOfProcessors 0xb8, OSMajorVersion 0x118,
         * OSMinorVersion 0x11c, OSBuildNumber 0x120, SessionId 0x2c0 */
        mdf_w8(f, MDS_PEB + 2, 1);
        mdf_w64(f, MDS_PEB + 0x10, MDS_EXE);
        mdf_w64(f, MDS_PEB + 0x18, MDS_LDR);
        mdf_w64(f, MDS_PEB + 0x20, MDS_PARAMS);
        mdf_w64(f, MDS_PEB + 0x30, MDS_HEAP);
        mdf_w32(f, MDS_PEB + 0xb8, 4);
        mdf_w32(f, MDS_PEB + 0x118, 10);
        mdf_w32(f, MDS_PEB + 0x11c, 0);
        mdf_w16(f, MDS_PEB + 0x120, 19041);
        mdf_w32(f, MDS_PEB + 0x124, 2);
        mdf_w32(f, MDS_PEB + 0x2c0, 1);
    }
    /* PEB_LDR_DATA (x64): Initialized 0x4, lists at 0x10/0x20/0x30;
     * LDR_DATA_TABLE_ENTRY links at 0x0/0x10/0x20 */
    mdf_w32(f, MDS_LDR, 0x58);
    mdf_w8(f, MDS_LDR + 4, 1);
    ldr_entry64(f, MDS_E_EXE, MDS_EXE, 0x5000, "C:\\app\\a.exe", MDS_HEAP + 0x1000);
    ldr_entry64(f, MDS_E_NTDLL, MDS_NTDLL, 0x100000, "C:\\Windows\\System32\\ntdll.dll",
                MDS_HEAP + 0x1100);
    ldr_entry64(f, MDS_E_HIDDEN, MDS_HIDDEN, 0x3000, "C:\\temp\\hidden.dll", MDS_HEAP + 0x1200);
    uint64_t load[] = { MDS_E_EXE, MDS_E_NTDLL, MDS_E_HIDDEN };
    uint64_t init[] = { MDS_E_NTDLL };
    link_list(f, MDS_LDR + 0x10, load, 3, 0x0);
    link_list(f, MDS_LDR + 0x20, load, 3, 0x10);
    link_list(f, MDS_LDR + 0x30, init, 1, 0x20);
    if (flags & MDS_CYCLIC_LDR)
        mdf_w64(f, MDS_E_NTDLL + 0x0, MDS_E_EXE + 0x0);
    /* RTL_USER_PROCESS_PARAMETERS (x64): Length 0x4, Flags 0x8,
     * CurrentDirectory 0x38, DllPath 0x50, ImagePathName 0x60, CommandLine
     * 0x70, Environment 0x80, WindowTitle 0xb0, EnvironmentSize 0x3f0 */
    mdf_w32(f, MDS_PARAMS, 0x440);
    mdf_w32(f, MDS_PARAMS + 4, 0x440);
    mdf_w32(f, MDS_PARAMS + 8, 1);
    mdf_wustr(f, MDS_PARAMS + 0x38, MDS_PARAMS + 0x500, "C:\\work\\");
    mdf_wustr(f, MDS_PARAMS + 0x60, MDS_PARAMS + 0x580, "C:\\app\\a.exe");
    mdf_wustr(f, MDS_PARAMS + 0x70, MDS_PARAMS + 0x600, "a.exe --flag \"two words\"");
    mdf_wustr(f, MDS_PARAMS + 0xb0, MDS_PARAMS + 0x700, "title");
    if (flags & MDS_ENV_CUT) {
        uint64_t env = MDS_HEAP + 0x8000 - 12;     /* "A=1\0X=" then the region ends */
        mdf_wbytes(f, env, "A\0=\0" "1\0\0\0" "X\0=\0", 12);
        mdf_w64(f, MDS_PARAMS + 0x80, env);
    } else {
        uint64_t e = MDS_ENV;
        e += mdf_wutf16(f, e, "A=1");
        e += mdf_wutf16(f, e, "=C:=C:\\work");
        e += mdf_wutf16(f, e, "PATH=C:\\x;C:\\y");
        e += mdf_wutf16(f, e, "EMPTY=");
        mdf_w16(f, e, 0);
        e += 2;
        mdf_w64(f, MDS_PARAMS + 0x80, MDS_ENV);
        mdf_w64(f, MDS_PARAMS + 0x3f0, e - MDS_ENV);
    }
    /* FIBER (x64): FiberData 0, ExceptionList 8, StackBase 0x10, StackLimit
     * 0x18, DeallocationStack 0x20, CONTEXT 0x30 (Rsp +0x98, Rip +0xf8),
     * FlsData 0x510 */
    mdf_w64(f, MDS_FIBER_RUN, 0x1111);
    mdf_w64(f, MDS_FIBER_RUN + 0x10, 0x400000);
    mdf_w64(f, MDS_FIBER_RUN + 0x18, 0x3fd000);
    mdf_w64(f, MDS_FIBER_RUN + 0x20, 0x300000);
    mdf_w64(f, MDS_FIBER_RUN + 0x30 + 0x98, 0x3fef00);
    mdf_w64(f, MDS_FIBER_RUN + 0x30 + 0xf8, 0x140001000);
    mdf_w64(f, MDS_FIBER_RUN + 0x510, MDS_FLS1);
    mdf_w64(f, MDS_FIBER_SUSP, MDS_FIBER_RUN);
    mdf_w64(f, MDS_FIBER_SUSP + 0x10, 0x700000);
    mdf_w64(f, MDS_FIBER_SUSP + 0x18, 0x6fe000);
    mdf_w64(f, MDS_FIBER_SUSP + 0x20, 0x600000);
    mdf_w64(f, MDS_FIBER_SUSP + 0x30 + 0x98, 0x6fff00);
    mdf_w64(f, MDS_FIBER_SUSP + 0x30 + 0xf8, 0x140002000);
    mdf_w64(f, MDS_FIBER_SUSP + 0x510, MDS_FLS2);
    /* FLS blocks: LIST_ENTRY first; the head lives in ntdll */
    mdf_w64(f, MDS_FLS1, MDS_FLS2);
    mdf_w64(f, MDS_FLS2, MDS_FLS_ORPHAN);
    mdf_w64(f, MDS_FLS_ORPHAN, (flags & MDS_FLS_LOOP) ? MDS_FLS2 : MDS_FLS_HEAD);
    mdf_w64(f, MDS_FLS_HEAD, MDS_FLS1);

    /* ---- streams ---- */
    uint8_t si[56] = {0};
    si[0] = 9;                                   /* PROCESSOR_ARCHITECTURE_AMD64 */
    si[2] = 6;
    si[6] = 4;
    si[7] = 1;
    put32(si + 8, 10); put32(si + 12, 0); put32(si + 16, 19041); put32(si + 20, 2);
    put32(si + 24, mdf_string(f, "Service Pack 9"));
    memcpy(si + 32, "GenuineIntel", 12);
    mdf_stream(f, 7, si, sizeof si);

    uint8_t misc[1364] = {0};
    put32(misc, sizeof misc);
    put32(misc + 4, 0x1 | 0x2 | 0x10 | 0x100);
    put32(misc + 8, MDS_PID);
    put32(misc + 12, 1600000000u);
    put32(misc + 16, 3);
    put32(misc + 20, 4);
    put32(misc + 44, 0x2000);
    const char *bs = "19041.1.amd64fre";
    for (size_t i = 0; bs[i]; i++)
        misc[232 + 2 * i] = (uint8_t)bs[i];
    mdf_stream(f, 15, misc, sizeof misc);

    uint32_t stack_rva = mdf_blob(f, stack, 0x100);
    uint8_t tl[4 + 2 * 48] = {0};
    put32(tl, 2);
    uint8_t *t1 = tl + 4, *t2 = tl + 52;
    put32(t1, 0x10); put32(t1 + 8, 0x20); put32(t1 + 12, 1);
    put64(t1 + 16, MDS_TEB1);
    put64(t1 + 24, 0x3fe000); put32(t1 + 32, 0x100); put32(t1 + 36, stack_rva);
    put32(t1 + 40, 0x4d0); put32(t1 + 44, context64(f, 0x140001234, 0x3fe010));
    put32(t2, 0x20); put32(t2 + 4, 1); put32(t2 + 8, 0x20); put32(t2 + 12, (uint32_t)-2);
    put64(t2 + 16, MDS_TEB2);
    put32(t2 + 40, 0x4d0); put32(t2 + 44, context64(f, MDS_NTDLL + 0x100, 0xbff000));
    mdf_stream(f, 3, tl, sizeof tl);

    uint8_t ti[12 + 3 * 64] = {0};
    put32(ti, 12); put32(ti + 4, 64); put32(ti + 8, 3);
    put32(ti + 12, 0x10); put64(ti + 12 + 16, 0x01d6f1a2b3c4d5e6ull); put64(ti + 12 + 48, MDS_EXE + 0x1000);
    put32(ti + 76, 0x20); put64(ti + 76 + 48, MDS_NTDLL + 0x10);
    put32(ti + 140, 0x99);                      /* a thread the ThreadList does not have */
    mdf_stream(f, 17, ti, sizeof ti);

    uint8_t tn[4 + 12] = {0};
    put32(tn, 1); put32(tn + 4, 0x20);
    uint64_t name_rva = mdf_string(f, "worker");
    memcpy(tn + 8, &name_rva, 8);
    mdf_stream(f, 24, tn, sizeof tn);

    const char *pdb = "a.pdb";
    uint8_t cv[24 + 6] = {0};
    memcpy(cv, "RSDS", 4);
    for (int i = 0; i < 16; i++)
        cv[4 + i] = (uint8_t)(0x10 + i);
    put32(cv + 20, 2);
    memcpy(cv + 24, pdb, 6);
    uint32_t cv_rva = mdf_blob(f, cv, sizeof cv);
    uint8_t ml[4 + 3 * 108] = {0};
    put32(ml, 3);
    module_entry(f, ml + 4, MDS_EXE, 0x5000, "C:\\app\\a.exe", cv_rva, sizeof cv, 1);
    module_entry(f, ml + 112, MDS_NTDLL, 0x100000, "C:\\Windows\\System32\\ntdll.dll", 0, 0, 0);
    module_entry(f, ml + 220, MDS_GHOST, 0x2000, "C:\\ghost.dll", 0, 0, 0);
    mdf_stream(f, 4, ml, sizeof ml);

    uint8_t ul[12 + 24] = {0};
    put32(ul, 12); put32(ul + 4, 24); put32(ul + 8, 1);
    put64(ul + 12, 0x30000000); put32(ul + 20, 0x1000); put32(ul + 32, mdf_string(f, "C:\\old.dll"));
    mdf_stream(f, 14, ul, sizeof ul);

    if (!(flags & MDS_NO_MEMINFO)) {
        struct { uint64_t base, alloc; uint32_t aprot; uint64_t size; uint32_t state, prot, type; } mi[] = {
            { MDS_EXE, MDS_EXE, 0x80, 0x5000, 0x1000, 0x20, 0x1000000 },
            { MDS_HIDDEN, MDS_HIDDEN, 0x80, 0x3000, 0x1000, 0x20, 0x1000000 },
            { MDS_HEAP, MDS_HEAP, 0x04, 0x8000, 0x1000, 0x04, 0x20000 },
            { MDS_RWX, MDS_RWX, 0x40, 0x1000, 0x1000, 0x40, 0x20000 },
            { MDS_RWX_ZERO, MDS_RWX_ZERO, 0x40, 0x1000, 0x1000, 0x40, 0x20000 },
            { 0x830000, 0x830000, 0x40, 0x1000, 0x1000, 0x40, 0x20000 },   /* RWX, not dumped */
            { 0x840000, 0, 0, 0x10000, 0x10000, 0x01, 0 },                   /* free */
        };
        size_t n = sizeof mi / sizeof mi[0];
        uint8_t buf[16 + 7 * 48] = {0};
        put32(buf, 16); put32(buf + 4, 48);
        put64(buf + 8, n);
        for (size_t i = 0; i < n; i++) {
            uint8_t *e = buf + 16 + 48 * i;
            put64(e, mi[i].base); put64(e + 8, mi[i].alloc); put32(e + 16, mi[i].aprot);
            put64(e + 24, mi[i].size); put32(e + 32, mi[i].state); put32(e + 36, mi[i].prot);
            put32(e + 40, mi[i].type);
        }
        mdf_stream(f, 16, buf, sizeof buf);
    }

    uint8_t hd[16 + 2 * 40] = {0};
    put32(hd, 16); put32(hd + 4, 40); put32(hd + 8, 2);
    put64(hd + 16, 0x4);
    put32(hd + 24, mdf_string(f, "Event"));
    put32(hd + 28, mdf_string(f, "\\BaseNamedObjects\\evt"));
    put32(hd + 36, 0x1f0003); put32(hd + 40, 1); put32(hd + 44, 2);
    put64(hd + 56, 0x8);
    put32(hd + 64, mdf_string(f, "File"));
    put32(hd + 76, 0x120089);
    mdf_stream(f, 12, hd, sizeof hd);

    uint8_t tok[512] = {0};
    size_t tn_len = token_stream(tok);
    mdf_stream(f, 19, tok, tn_len);

    uint8_t ex[168] = {0};
    put32(ex, 0x10);
    put32(ex + 8, 0xc0000005);
    put64(ex + 24, 0x140001234);
    put32(ex + 32, 2);
    put64(ex + 48, 0x10);
    put32(ex + 160, 0x4d0);
    put32(ex + 164, context64(f, 0x140001234, 0x3fe000));
    mdf_stream(f, 6, ex, sizeof ex);

    uint8_t vm[152] = {0};
    vm[0] = 2;
    put32(vm + 4, 100);
    put64(vm + 16, 0x100000);
    put64(vm + 88, 0x200000);
    mdf_stream(f, 22, vm, sizeof vm);

    uint8_t sm[492] = {0};
    sm[0] = 1;
    put32(sm + 8, 4096); put32(sm + 12, 1000); put32(sm + 24, 65536);
    put64(sm + 28, 0x10000); put64(sm + 36, 0x7ffffffeffffull); put32(sm + 52, 4);
    put64(sm + 116, 500);
    mdf_stream(f, 21, sm, sizeof sm);

    mdf_stream(f, 10, "hello comment", 14);
    mdf_stream(f, 11, "w\0i\0d\0e\0\0\0", 10);
    mdf_stream(f, 0x47670001, "\1\0\0\0\2\0\0\0\3\0\0\0", 12);
    mdf_memory_stream(f, !(flags & MDS_MEMLIST32));
    mdf_stream(f, 0, NULL, 0);
    mdf_stream(f, 0, NULL, 0);
    return mdf_finish(f, len);
}

const uint8_t *mds_build_x86(struct mdf *f, size_t *len)
{
    mdf_init(f, 4);
    mdf_region(f, MDS32_TEB, 0x1000);
    mdf_region(f, MDS32_PEB, 0x1000);
    mdf_region(f, MDS32_HEAP, 0x4000);
    /* TEB (x86): StackBase 0x4, StackLimit 0x8, FiberData 0x10, Self 0x18,
     * ClientId 0x20, PEB 0x30, DeallocationStack 0xe0c, FlsData 0xfb4 */
    mdf_w32(f, MDS32_TEB + 0x4, 0x130000);
    mdf_w32(f, MDS32_TEB + 0x8, 0x12e000);
    mdf_w32(f, MDS32_TEB + 0x10, 0x1e00);
    mdf_w32(f, MDS32_TEB + 0x18, (uint32_t)MDS32_TEB);
    mdf_w32(f, MDS32_TEB + 0x20, 0x99);
    mdf_w32(f, MDS32_TEB + 0x24, 0x44);
    mdf_w32(f, MDS32_TEB + 0x30, (uint32_t)MDS32_PEB);
    mdf_w32(f, MDS32_TEB + 0xe0c, 0x30000);
    /* PEB (x86): ImageBaseAddress 0x8, Ldr 0xc, ProcessParameters 0x10 */
    mdf_w32(f, MDS32_PEB + 0x8, (uint32_t)MDS32_EXE);
    mdf_w32(f, MDS32_PEB + 0xc, (uint32_t)MDS32_HEAP);
    mdf_w32(f, MDS32_PEB + 0x10, (uint32_t)(MDS32_HEAP + 0x1000));
    /* PEB_LDR_DATA (x86): lists at 0xc/0x14/0x1c; entry links 0/8/0x10,
     * DllBase 0x18, SizeOfImage 0x20, FullDllName 0x24, BaseDllName 0x2c */
    uint64_t e = MDS32_HEAP + 0x100;
    mdf_w32(f, e + 0x18, (uint32_t)MDS32_EXE);
    mdf_w32(f, e + 0x20, 0x3000);
    mdf_wustr(f, e + 0x24, MDS32_HEAP + 0x800, "C:\\x86\\old.exe");
    mdf_wustr(f, e + 0x2c, MDS32_HEAP + 0x880, "old.exe");
    link_list(f, MDS32_HEAP + 0xc, &e, 1, 0x0);
    link_list(f, MDS32_HEAP + 0x14, &e, 1, 0x8);
    link_list(f, MDS32_HEAP + 0x1c, &e, 1, 0x10);
    /* RTL_USER_PROCESS_PARAMETERS (x86): CurrentDirectory 0x24,
     * ImagePathName 0x38, CommandLine 0x40, Environment 0x48 */
    uint64_t pp = MDS32_HEAP + 0x1000;
    mdf_w32(f, pp + 4, 0x2a0);
    mdf_w32(f, pp + 8, 1);
    mdf_wustr(f, pp + 0x24, pp + 0x400, "C:\\x86\\");
    mdf_wustr(f, pp + 0x38, pp + 0x480, "C:\\x86\\old.exe");
    mdf_wustr(f, pp + 0x40, pp + 0x500, "old.exe /q");
    uint64_t env = MDS32_HEAP + 0x2000;
    size_t n = mdf_wutf16(f, env, "OS=Windows_NT");
    mdf_w16(f, env + n, 0);
    mdf_w32(f, pp + 0x48, (uint32_t)env);

    uint8_t si[56] = {0};
    si[0] = 0;                                   /* PROCESSOR_ARCHITECTURE_INTEL */
    si[6] = 2;
    put32(si + 8, 6); put32(si + 12, 1); put32(si + 16, 7601); put32(si + 20, 2);
    mdf_stream(f, 7, si, sizeof si);

    uint8_t ctx[0x2cc] = {0};
    put32(ctx, 0x10007);
    put32(ctx + 0xb4, 0x12ff80);                 /* Ebp */
    put32(ctx + 0xb8, 0x401000);                 /* Eip */
    put32(ctx + 0xc4, 0x12ff00);                 /* Esp */
    uint32_t ctx_rva = mdf_blob(f, ctx, sizeof ctx);
    uint8_t tl[4 + 48] = {0};
    put32(tl, 1);
    put32(tl + 4, 0x44);
    put64(tl + 4 + 16, MDS32_TEB);
    put32(tl + 4 + 40, sizeof ctx);
    put32(tl + 4 + 44, ctx_rva);
    mdf_stream(f, 3, tl, sizeof tl);

    uint8_t ml[4 + 2 * 108] = {0};
    put32(ml, 2);
    module_entry(f, ml + 4, MDS32_EXE, 0x3000, "C:\\x86\\old.exe", 0, 0, 0);
    /* a writer that sign-extends 32-bit addresses */
    module_entry(f, ml + 112, 0xffffffff80000000ull, 0x1000, "C:\\x86\\high.dll", 0, 0, 0);
    mdf_stream(f, 4, ml, sizeof ml);
    mdf_memory_stream(f, 0);
    return mdf_finish(f, len);
}
