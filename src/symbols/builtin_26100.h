/* The built-in seed-build profile's kernel image layout.
 *
 * isf_builtin_26100() (isf.h) gives the structure layouts and the kernel
 * symbols of Windows 11 24H2 x64, build 26100.  The symbol addresses are
 * RVAs inside an ntoskrnl image whose section table is chosen here; the
 * forge builds its kernel PE image with exactly these sections and places
 * each variable at its RVA, and the analyser needs nothing from this header
 * (it reads RVAs from the ISF).  See docs/profile-26100.md. */
#ifndef EPROC_SYMBOLS_BUILTIN_26100_H
#define EPROC_SYMBOLS_BUILTIN_26100_H

#include <stddef.h>
#include <stdint.h>

/* Facts the forge stamps into the image it builds. */
#define BUILTIN_26100_BUILD 26100u
#define BUILTIN_26100_MAJOR 10u
#define BUILTIN_26100_MINOR 0u
/* The 24H2 RTM build lab string (NtBuildLab / NtBuildLabEx prefix). */
#define BUILTIN_26100_BUILDLAB "26100.1.amd64fre.ge_release.240331-1435"
#define BUILTIN_26100_IMAGE_SIZE 0x1046000u      /* SizeOfImage */
#define BUILTIN_26100_SECTION_ALIGNMENT 0x1000u

/* IMAGE_SCN_* characteristics used below. */
#define BUILTIN_SCN_CODE 0x00000020u
#define BUILTIN_SCN_IDATA 0x00000040u
#define BUILTIN_SCN_DISCARDABLE 0x02000000u
#define BUILTIN_SCN_NOT_PAGED 0x08000000u
#define BUILTIN_SCN_EXECUTE 0x20000000u
#define BUILTIN_SCN_READ 0x40000000u
#define BUILTIN_SCN_WRITE 0x80000000u

struct builtin_section {
    const char *name;            /* at most 8 characters, as in a PE header */
    uint32_t rva;                /* VirtualAddress */
    uint32_t vsize;              /* VirtualSize; sections are contiguous */
    uint32_t characteristics;    /* IMAGE_SCN_* */
};

struct builtin_symbol {
    const char *name;            /* as in the ISF "symbols" table */
    uint32_t rva;                /* relative to the kernel image base */
    uint32_t size;               /* bytes the forge may write there */
    const char *section;         /* name of the section holding it */
    const char *what;            /* C type of the variable, for people */
};

/* Section table of the modelled ntoskrnl.exe, in ascending RVA order. */
const struct builtin_section *builtin_26100_section_table(size_t *count);
/* Kernel symbols of the built-in profile, in ascending RVA order; no two
 * overlap and each lies inside its section. */
const struct builtin_symbol *builtin_26100_symbol_table(size_t *count);
/* RVA of a symbol by name; 0 if the profile does not define it. */
uint32_t builtin_26100_symbol_rva(const char *name);

#endif
