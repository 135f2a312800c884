/* Access tokens on a memory image: EPROCESS.Token is an _EX_FAST_REF (the
 * low 4 bits a reference count on x64), pointing at the _TOKEN body.  The
 * token holds its privileges as three 64-bit bitmaps (_SEP_TOKEN_PRIVILEGES
 * Present/Enabled/EnabledByDefault: bit n is the privilege whose LUID is
 * n), and UserAndGroups, an array of UserAndGroupCount _SID_AND_ATTRIBUTES
 * (entry 0 the user; IntegrityLevelIndex names the mandatory label).
 * Sources: public _TOKEN in the ntkrnlmp symbols; Windows Internals 7th
 * ed., ch. 7 "Tokens". */
#ifndef EPROC_WINDOWS_TOKEN_H
#define EPROC_WINDOWS_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "windows/kobject.h"

/* More groups than any real token holds (the kernel caps it near 1000). */
#define KTOKEN_MAX_SIDS 1024

struct ktoken_sid {
    char text[192];
    uint32_t attributes;
};

struct ktoken {
    uint64_t va;
    char source[9];                      /* TokenSource.SourceName */
    uint64_t token_id, auth_id, modified_id;
    uint64_t present, enabled, enabled_by_default;
    uint32_t session_id, token_type, impersonation_level, flags;
    uint32_t integrity_index, mandatory_policy;
    int has_primary_group;
    char primary_group[192];
    struct ktoken_sid *sids;             /* malloc'd; [0] the user */
    size_t nsids;
    int sids_incomplete;                 /* a SID could not be read */
};

/* The token an EPROCESS.Token value points at (0 if none). */
uint64_t ktoken_of_fast_ref(uint64_t fast_ref);

/* Read the _TOKEN body at va.  0, or -1 (err set) when its fixed part is
 * unreadable.  Free t->sids with ktoken_free. */
int ktoken_read(const struct kobject_ctx *c, uint64_t va, struct ktoken *t, struct ep_error *err);
void ktoken_free(struct ktoken *t);

#endif
