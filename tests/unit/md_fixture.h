/* Builds synthetic minidumps (MDMP) in memory for the minidump tests:
 * streams are appended as raw bytes, dumped virtual memory is described as
 * regions that the test fills field by field, and mdf_finish() writes the
 * header and the stream directory. */
#ifndef EPROC_TEST_MD_FIXTURE_H
#define EPROC_TEST_MD_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#define MDF_MAX_STREAMS 64
#define MDF_MAX_REGIONS 32

struct mdf_region {
    uint64_t va;
    uint32_t size;
    uint8_t *data;
};

struct mdf {
    unsigned ptr;                      /* pointer size of the process: 4 or 8 */
    uint8_t *buf;
    size_t len, cap;
    struct { uint32_t type, size, rva; } dir[MDF_MAX_STREAMS];
    unsigned ndir;
    struct mdf_region mem[MDF_MAX_REGIONS];
    unsigned nmem;
};

void mdf_init(struct mdf *f, unsigned ptr_size);
void mdf_free(struct mdf *f);

/* Append bytes to the file (4-byte aligned); returns their RVA. */
uint32_t mdf_blob(struct mdf *f, const void *p, size_t n);
/* Append a MINIDUMP_STRING holding ascii as UTF-16; returns its RVA. */
uint32_t mdf_string(struct mdf *f, const char *ascii);
/* Append a stream and its directory entry; returns its RVA. */
uint32_t mdf_stream(struct mdf *f, uint32_t type, const void *p, size_t n);

/* Dumped memory: a zeroed region [va, va+size) to fill. */
uint8_t *mdf_region(struct mdf *f, uint64_t va, uint32_t size);
void mdf_w8(struct mdf *f, uint64_t va, uint8_t v);
void mdf_w16(struct mdf *f, uint64_t va, uint16_t v);
void mdf_w32(struct mdf *f, uint64_t va, uint32_t v);
void mdf_w64(struct mdf *f, uint64_t va, uint64_t v);
void mdf_wptr(struct mdf *f, uint64_t va, uint64_t v);
void mdf_wbytes(struct mdf *f, uint64_t va, const void *p, size_t n);
/* NUL-terminated UTF-16 copy of ascii at va; returns bytes written. */
size_t mdf_wutf16(struct mdf *f, uint64_t va, const char *ascii);
/* A UNICODE_STRING at us_va whose text (UTF-16, no NUL counted) is at text_va. */
void mdf_wustr(struct mdf *f, uint64_t us_va, uint64_t text_va, const char *ascii);

/* Emit the regions as a Memory64List (as64) or a MemoryList stream. */
void mdf_memory_stream(struct mdf *f, int as64);

/* Write header and directory; returns the file (owned by f). */
const uint8_t *mdf_finish(struct mdf *f, size_t *len);

/* Write the file into the test's scratch directory; returns the path
 * (static buffer). */
const char *mdf_save(const uint8_t *data, size_t len, const char *name);



/* --- ready-made process scenarios (md_fixture.c) --- */

/* Addresses of the synthetic x64 process (MDS_*). */
#define MDS_TEB1        0x7ff00000ull
#define MDS_TEB2        0x7ff02000ull
#define MDS_PEB         0x7ff10000ull
#define MDS_HEAP        0x00500000ull
#define MDS_LDR         (MDS_HEAP + 0x0)
#define MDS_E_EXE       (MDS_HEAP + 0x100)
#define MDS_E_NTDLL     (MDS_HEAP + 0x200)
#define MDS_E_HIDDEN    (MDS_HEAP + 0x300)
#define MDS_PARAMS      (MDS_HEAP + 0x2000)
#define MDS_ENV         (MDS_HEAP + 0x3000)
#define MDS_FIBER_RUN   (MDS_HEAP + 0x4000)
#define MDS_FIBER_SUSP  (MDS_HEAP + 0x5000)
#define MDS_FLS1        (MDS_HEAP + 0x6000)
#define MDS_FLS2        (MDS_HEAP + 0x6080)
#define MDS_FLS_ORPHAN  (MDS_HEAP + 0x6100)
#define MDS_EXE         0x140000000ull
#define MDS_NTDLL       0x7ffa0000ull
#define MDS_FLS_HEAD    (MDS_NTDLL + 0x800)
#define MDS_HIDDEN      0x10000000ull
#define MDS_GHOST       0x20000000ull
#define MDS_RWX         0x00800000ull
#define MDS_RWX_ZERO    0x00820000ull
#define MDS_PID         0x1234u

/* Variations for hostile-input tests. */
enum {
    MDS_CYCLIC_LDR  = 1 << 0,   /* InLoadOrder: ntdll's entry links back to the exe's */
    MDS_NO_PEB      = 1 << 1,   /* the PEB page is not dumped */
    MDS_NO_TEB      = 1 << 2,   /* no TEB page is dumped */
    MDS_ENV_CUT     = 1 << 3,   /* the environment block runs into missing memory */
    MDS_FLS_LOOP    = 1 << 4,   /* the FLS list loops without returning to its start */
    MDS_NO_MEMINFO  = 1 << 5,   /* no MemoryInfoList stream */
    MDS_MEMLIST32   = 1 << 6,   /* MemoryList instead of Memory64List */
};

/* A 64-bit process with two threads, three loader entries, parameters,
 * environment, two fibers, FLS, handles, a token and every stream eproc
 * reads; returns the file (owned by f, which the caller frees). */
const uint8_t *mds_build_x64(struct mdf *f, unsigned flags, size_t *len);

/* A 32-bit process: one thread, one loader entry, parameters. */
#define MDS32_TEB    0x7ffdf000ull
#define MDS32_PEB    0x7ffd0000ull
#define MDS32_HEAP   0x00150000ull
#define MDS32_EXE    0x00400000ull
const uint8_t *mds_build_x86(struct mdf *f, size_t *len);
#endif
