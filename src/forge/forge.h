/* The forge: a model NT process manager that writes ground-truth memory
 * images of a Windows 11 24H2 x64 machine (docs/forge.md).
 *
 * forge_run() reads a scenario (or builds the default machine), plays the
 * kernel's part in creating every process, thread, handle, token, VAD, job
 * and service it asks for, and writes three things:
 *   OUT                      the memory image (raw, crash dump, ELF, LiME);
 *   OUT.truth.json           what was written where, and staged techniques;
 *   OUT.symbols/windows/ntkrnlmp.pdb/GUID-AGE.json.xz   the ISF it used.
 * Same scenario and seed give the same bytes. */
#ifndef EPROC_FORGE_FORGE_H
#define EPROC_FORGE_FORGE_H

#include <stdint.h>

#include "base/diag.h"

enum forge_format { FORGE_RAW, FORGE_CRASHDUMP, FORGE_CRASHDUMP_BITMAP, FORGE_ELF, FORGE_LIME };

struct forge_options {
    const char *scenario_path;   /* NULL: the default machine */
    const char *out_path;        /* image path; truth and symbols beside it */
    enum forge_format format;
    int have_seed;               /* --seed overrides machine.seed */
    uint64_t seed;
    int have_memory;             /* --memory overrides machine.memory */
    uint64_t memory;
    int no_symbols;              /* skip writing OUT.symbols/ */
    int force;                   /* replace existing outputs (never links) */
    const char *profile;         /* --profile: a build number or an ISF file; NULL: machine.profile */
    const char *const *symdirs;  /* -s: where build numbers are looked up */
    int nsymdirs;
};

/* Parse "raw|crashdump|crashdump-bitmap|elf|lime"; -1 if unknown. */
int forge_format_parse(const char *name);

/* Forge.  Returns 0, or an exit code (EP_EXIT_USAGE for a bad scenario
 * file, EP_EXIT_INPUT for an unreadable one or a write failure) with err
 * holding one line that names the file and, for scenarios, the key. */
int forge_run(const struct forge_options *opt, struct ep_error *err);

/* Parse a memory size: bytes, or a number with K/M/G suffix ("256M"). */
int forge_parse_size(const char *s, uint64_t *out);

#endif
