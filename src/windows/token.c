#include "windows/token.h"

#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"
#include "base/text.h"
#include "minidump/minidump.h"

uint64_t ktoken_of_fast_ref(uint64_t fast_ref)
{
    return fast_ref & ~0xfull;
}

static uint32_t at32(const uint8_t *b, uint32_t size, uint32_t off)
{
    return off != NT_NONE && (uint64_t)off + 4 <= size ? le32(b + off) : 0;
}

static uint64_t at64(const uint8_t *b, uint32_t size, uint32_t off)
{
    return off != NT_NONE && (uint64_t)off + 8 <= size ? le64(b + off) : 0;
}

/* A _SID at va: 8 bytes of header, then SubAuthorityCount (<= 15) words. */
static int read_sid(struct vspace *vs, uint64_t va, char *out, size_t n)
{
    uint8_t b[8 + 15 * 4];
    if (!va_canonical(va) || !va || vread_all(vs, va, b, 8) != 0 || b[1] > 15 ||
        vread_all(vs, va + 8, b + 8, 4ull * b[1]) != 0)
        return -1;
    return md_sid_format(b, 8 + 4ull * b[1], out, n) ? 0 : -1;
}

int ktoken_read(const struct kobject_ctx *c, uint64_t va, struct ktoken *t, struct ep_error *err)
{
    const struct kobject_layout *l = &c->ol;
    memset(t, 0, sizeof *t);
    t->va = va;
    if (l->tk_size == NT_NONE || l->tk_size > 0x4000 || l->tk_count == NT_NONE || l->tk_groups == NT_NONE)
        return ep_fail(err, "the profile has no _TOKEN layout");
    static _Thread_local uint8_t b[0x4000];
    if (!va || !va_canonical(va) || vread_all(c->k->vs, va, b, l->tk_size) != 0)
        return ep_fail(err, "the token at 0x%llx is not in the capture", (unsigned long long)va);
    uint32_t sz = l->tk_size;
    if (l->tk_source != NT_NONE && l->tk_source + 8 <= sz)
        text_from_bytes(t->source, sizeof t->source, b + l->tk_source, 8);
    t->token_id = at64(b, sz, l->tk_id);
    t->auth_id = at64(b, sz, l->tk_auth_id);
    t->modified_id = at64(b, sz, l->tk_modified_id);
    if (l->tk_privileges != NT_NONE) {
        t->present = at64(b, sz, l->tk_privileges);
        t->enabled = at64(b, sz, l->tk_privileges + 8);
        t->enabled_by_default = at64(b, sz, l->tk_privileges + 16);
    }
    t->session_id = at32(b, sz, l->tk_session);
    t->token_type = at32(b, sz, l->tk_type);
    t->impersonation_level = at32(b, sz, l->tk_imp_level);
    t->flags = at32(b, sz, l->tk_flags);
    t->integrity_index = at32(b, sz, l->tk_integrity_index);
    t->mandatory_policy = at32(b, sz, l->tk_mandatory_policy);
    uint64_t pg = at64(b, sz, l->tk_primary_group);
    t->has_primary_group = pg && read_sid(c->k->vs, pg, t->primary_group, sizeof t->primary_group) == 0;

    uint32_t count = at32(b, sz, l->tk_count);
    uint64_t groups = at64(b, sz, l->tk_groups);
    uint32_t sa = l->sa_size != NT_NONE && l->sa_size >= 12 && l->sa_size <= 64 ? l->sa_size : 16;
    uint32_t sa_sid = l->sa_sid != NT_NONE ? l->sa_sid : 0, sa_attr = l->sa_attributes != NT_NONE ? l->sa_attributes : 8;
    if (count > KTOKEN_MAX_SIDS) {
        count = KTOKEN_MAX_SIDS;
        t->sids_incomplete = 1;
    }
    t->sids = calloc(count + 1, sizeof *t->sids);
    if (!t->sids)
        return ep_fail(err, "out of memory");
    for (uint32_t i = 0; i < count; i++) {
        uint8_t e[64];
        if (vread_all(c->k->vs, groups + (uint64_t)i * sa, e, sa) != 0 ||
            (uint64_t)sa_sid + 8 > sa || (uint64_t)sa_attr + 4 > sa) {
            t->sids_incomplete = 1;
            break;
        }
        struct ktoken_sid *s = &t->sids[t->nsids];
        /* an unreadable SID keeps its slot ("") so IntegrityLevelIndex
         * still counts right */
        if (read_sid(c->k->vs, le64(e + sa_sid), s->text, sizeof s->text) != 0) {
            s->text[0] = 0;
            t->sids_incomplete = 1;
        }
        s->attributes = le32(e + sa_attr);
        t->nsids++;
    }
    return 0;
}

void ktoken_free(struct ktoken *t)
{
    free(t->sids);
    t->sids = NULL;
    t->nsids = 0;
}
