/* A tiny synthetic Windows machine for format and discovery tests: a few
 * MiB of physical memory with x64 page tables (self-reference entry), an
 * NT kernel PE image with an RSDS record, and KUSER_SHARED_DATA; plus
 * writers for every capture format eproc reads.  Built by the tests
 * themselves so the format tests need no external data. */
#ifndef EPROC_TEST_FIXTURE_H
#define EPROC_TEST_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

struct fx_machine {
    uint8_t *mem;
    uint64_t size;          /* bytes of physical memory */
    uint64_t next_page;     /* bump allocator for page-table pages */
    uint64_t dtb;
    unsigned self_index;
    uint64_t kernel_base;
    uint8_t guid[16];       /* kernel PDB GUID (binary, little-endian parts) */
    char guid_hex[33];
    uint32_t age;
    uint32_t build;
    uint64_t system_time;
};

#define FX_PTE_P 0x1ull
#define FX_PTE_RW 0x2ull
#define FX_PTE_PS 0x80ull

struct fx_machine *fx_new(uint64_t size);
void fx_free(struct fx_machine *m);
uint64_t fx_alloc_page(struct fx_machine *m);
/* Map a 4 KiB page (creating tables).  flags are added to the PTE. */
void fx_map(struct fx_machine *m, uint64_t va, uint64_t pa, uint64_t flags);
/* Put a raw entry at a level (4=PML4E .. 1=PTE) for va, creating upper
 * tables; used to plant invalid/large entries. */
void fx_set_entry(struct fx_machine *m, uint64_t va, int level, uint64_t entry);
void fx_write_virt(struct fx_machine *m, uint64_t va, const void *data, size_t len);

/* A Windows-looking machine: PML4 with a self-reference at 0x1ed, kernel
 * image at 0xfffff80312400000 naming ntkrnlmp.pdb, KUSER_SHARED_DATA with
 * build 19041. */
struct fx_machine *fx_windows(void);
/* The same machine in 64 KiB of physical memory (fuzzer seeds: small
 * inputs mutate fast).  Write it with holes = 0 only. */
struct fx_machine *fx_windows_small(void);
/* Any size: at most 1 MiB (tables from page 1, written with holes = 0) or
 * at least 4 MiB (as fx_windows). */
struct fx_machine *fx_windows_sized(uint64_t size);

/* Writers.  `holes` leaves [1 MiB, 2 MiB) out of the capture where the
 * format can express it (tests check it reads as missing). */
int fx_write_raw(const struct fx_machine *m, const char *path);
int fx_write_crashdump_full(const struct fx_machine *m, const char *path, int holes);
int fx_write_crashdump_bitmap(const struct fx_machine *m, const char *path, int holes);
int fx_write_elf(const struct fx_machine *m, const char *path, int holes);
int fx_write_lime(const struct fx_machine *m, const char *path, int holes);
/* A kernel triage dump: header, TRIAGE_DUMP64, KDBG copy and data blocks
 * with the kernel's first page and KUSER_SHARED_DATA. */
int fx_write_triage(const struct fx_machine *m, const char *path);

int fx_write_file(const char *path, const void *data, size_t len);
char *fx_path(const char *name);    /* in test_tmpdir(); static buffer rotation */

#endif
