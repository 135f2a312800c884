/* Process hollowing and image masquerading (seed 004; docs/memmap.md):
 * where the views of a process's main image disagree.  One logic for
 * `eproc hollowfind` and the check rules process-hollowing and
 * peb-masquerade.
 *
 * The views: PEB.ImageBaseAddress, EPROCESS.SectionBaseAddress, the VAD at
 * that address (an image map or not, and the file its control area maps),
 * EPROCESS.SectionObject (its control area and file), EPROCESS.
 * ImageFilePointer, SeAuditProcessCreationInfo, the PEB's ImagePathName and
 * the first loader entry.  On a clean process they all name one image at
 * one address.
 *
 *   hollowing:    the image was unmapped or replaced at its base: the VAD
 *                 at the image base is no image map, or maps another
 *                 control area or file than EPROCESS.SectionObject, or the
 *                 PEB's base moved away from SectionBaseAddress;
 *   masquerading: the PEB's ImagePathName or the first loader entry names
 *                 another file than the kernel's views of the image.
 *
 * Memory images only: a minidump holds neither the EPROCESS nor the VADs. */
#ifndef EPROC_CHECK_IMAGE_VIEWS_H
#define EPROC_CHECK_IMAGE_VIEWS_H

#include "anatomy/model.h"

/* One view's say: view ("PEB", "EPROCESS", "VAD", "LDR"), field, value. */
struct iv_side {
    const char *label;         /* hollowfind's name for it: "PEB.ImageBaseAddress" */
    const char *view, *field;
    char value[640];
};

/* One pair of views that disagree, and hollowfind's one-line account. */
struct iv_disagreement {
    struct iv_side a, b;
    char text[1400];
};

#define IV_MAX_DISAGREEMENTS 8

struct iv_finding {
    struct iv_disagreement d[IV_MAX_DISAGREEMENTS];
    unsigned n;
};

/* Whether p has the views to compare: a memory image's process with
 * its image views, VADs and a user space. */
int iv_applicable(const struct an_process *p);
/* The disagreements of each kind for p (n 0: none). */
void iv_hollowing(const struct an_process *p, struct iv_finding *f);
void iv_masquerading(const struct an_process *p, struct iv_finding *f);

/* Two paths name one file, whatever prefix ("\??\", "\Device\HarddiskVolumeN",
 * "C:") and case each view spells it with. */
int iv_same_path(const char *a, const char *b);

#endif
