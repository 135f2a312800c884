/* The analysed kernel: where its page tables and image are, which build it
 * is, and which symbol table describes it (docs/architecture.md, "Layers": windows/).
 *
 * kernel_open() needs no hints: crash dumps give the DTB and KDBG in their
 * headers; raw images, ELF cores and LiME captures are searched for the
 * self-referencing PML4 entry and the kernel's RSDS CodeView record. */
#ifndef EPROC_WINDOWS_KERNEL_H
#define EPROC_WINDOWS_KERNEL_H

#include <stdint.h>

#include "layer/physical.h"
#include "symbols/isf.h"
#include "translate/x64.h"
#include "windows/kdbg.h"
#include "windows/layout.h"
#include "windows/objects.h"

enum profile_choice {
    PROFILE_NONE,            /* nothing matched: header facts only */
    PROFILE_EXACT_GUID,      /* the kernel's PDB GUID+age named a symbol file */
    PROFILE_SYMBOL_MATCH,    /* every stated kernel address agreed with one table */
    PROFILE_BUILD_FALLBACK,  /* same build number, closest table: warned */
    PROFILE_BUILTIN,         /* the compiled-in seed-build profile */
    PROFILE_GIVEN,           /* -s named a symbol file: used as given */
};

struct kernel {
    struct capture *cap;
    struct vspace *vs;             /* kernel address space */

    uint64_t dtb;
    char dtb_source[96];
    uint64_t base;                 /* kernel image base, 0 if unknown */
    char base_source[96];

    char pdb_name[64];             /* from the RSDS record, if found */
    char guid[33];
    uint32_t age;

    uint32_t build;                /* e.g. 19041, 0 if unknown */
    char build_source[64];
    uint32_t major, minor;         /* NtMajorVersion/NtMinorVersion, 0 if unknown */
    uint32_t processors;
    uint64_t system_time;          /* FILETIME, 0 if unknown */
    uint32_t machine_type;         /* 0x8664 unless a dump header says otherwise */

    int has_kdbg;
    struct kdbg kdbg;

    struct isf *isf;               /* NULL when PROFILE_NONE */
    enum profile_choice profile;
    char profile_name[160];        /* e.g. "ntkrnlmp.pdb/GUID-1" */
    char profile_reason[400];      /* why this table was chosen */

    struct nt_layout *layout;      /* resolved on first use: kernel_layout() */
    struct obj_types *types;       /* loaded on first use: kernel_types() */
};

int kernel_open(struct capture *cap, const char *const *symdirs, int nsymdirs, struct kernel **out,
                struct ep_error *err);
void kernel_close(struct kernel *k);

/* For commands that cannot work without structure layouts: fills err with a
 * line telling the user what to add, and returns -1 when there is no
 * profile. */
int kernel_require_profile(const struct kernel *k, struct ep_error *err);

const char *profile_choice_name(enum profile_choice p);

/* The profile's offsets, resolved once.  NULL with err set when there is
 * no profile or it lacks what process walks need. */
const struct nt_layout *kernel_layout(struct kernel *k, struct ep_error *err);

/* Object type names and the header cookie, read once. */
const struct obj_types *kernel_types(struct kernel *k);

/* Is the capture only partial (a triage dump: no physical memory)? */
int kernel_is_partial(const struct kernel *k);

#endif
