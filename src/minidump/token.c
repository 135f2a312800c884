/* Token stream (MiniDumpWithTokenInformation): the process's access token.
 *
 * The list header is documented (Microsoft Learn, minidumpapiset.h):
 *   MINIDUMP_TOKEN_INFO_LIST: TokenListSize, TokenListEntries,
 *     ListHeaderSize, ElementHeaderSize;
 *   MINIDUMP_TOKEN_INFO_HEADER: TokenSize (the whole element), TokenId,
 *     u64 TokenHandle.
 * What follows the element header is not documented.  Read from a dump
 * that Windows 7's dbghelp wrote (../shared/data/minidumps/other/
 * rizin-calc.dmp): ElementHeaderSize is 0x48, i.e. the 16-byte header is
 * followed by seven { u32 offset, u32 size } pairs, offsets from the
 * element's start, locating (in order) a ULONG, TOKEN_USER, TOKEN_GROUPS,
 * TOKEN_PRIMARY_GROUP, TOKEN_PRIVILEGES, TOKEN_STATISTICS and an 8-byte
 * value.  Inside those blobs pointers are 32-bit offsets from the blob's
 * start: TOKEN_GROUPS is { GroupCount, { SidOffset, Attributes }[n] } then
 * the SIDs; TOKEN_PRIVILEGES is { PrivilegeCount, { LUID, Attributes }[n] }
 * (12 bytes each).  Every blob is validated before use (a SID must parse at
 * its offset) and a blob that does not fit these shapes is skipped with a
 * warning, so a different writer's layout degrades to "not decoded".
 * SID binary form and TOKEN_STATISTICS: winnt.h.  Well-known SIDs:
 * Microsoft Learn "Well-known SIDs"; privilege LUIDs: the SE_*_PRIVILEGE
 * values of ntddk/wdm.h; their descriptions are the user-right display
 * names from Microsoft Learn "Privilege Constants". */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "minidump/md_internal.h"

size_t md_sid_format(const uint8_t *p, size_t avail, char *out, size_t outsz)
{
    if (outsz)
        out[0] = 0;
    if (avail < 8 || p[0] != 1 || p[1] > 15)
        return 0;
    size_t need = 8 + (size_t)p[1] * 4;
    if (need > avail)
        return 0;
    uint64_t auth = 0;
    for (int i = 2; i < 8; i++)
        auth = auth << 8 | p[i];
    size_t pos = (size_t)snprintf(out, outsz, auth < (1ull << 32) ? "S-1-%" PRIu64 : "S-1-0x%" PRIx64,
                                  auth);
    for (unsigned i = 0; i < p[1] && pos < outsz; i++)
        pos += (size_t)snprintf(out + pos, outsz - pos, "-%u", le32(p + 8 + 4 * i));
    return need;
}

const char *md_sid_name(const char *sid)
{
    static const struct { const char *sid, *name; } known[] = {
        { "S-1-0-0", "Nobody" }, { "S-1-1-0", "Everyone" }, { "S-1-2-0", "Local" },
        { "S-1-2-1", "Console Logon" }, { "S-1-3-0", "Creator Owner" },
        { "S-1-3-1", "Creator Group" }, { "S-1-3-4", "Owner Rights" },
        { "S-1-5-1", "Dialup" }, { "S-1-5-2", "Network" }, { "S-1-5-3", "Batch" },
        { "S-1-5-4", "Interactive" }, { "S-1-5-6", "Service" }, { "S-1-5-7", "Anonymous" },
        { "S-1-5-9", "Enterprise Domain Controllers" }, { "S-1-5-10", "Principal Self" },
        { "S-1-5-11", "Authenticated Users" }, { "S-1-5-12", "Restricted Code" },
        { "S-1-5-13", "Terminal Server Users" }, { "S-1-5-14", "Remote Interactive Logon" },
        { "S-1-5-15", "This Organization" }, { "S-1-5-17", "IUSR" },
        { "S-1-5-18", "Local System" }, { "S-1-5-19", "Local Service" },
        { "S-1-5-20", "Network Service" },
        { "S-1-5-32-544", "Administrators" }, { "S-1-5-32-545", "Users" },
        { "S-1-5-32-546", "Guests" }, { "S-1-5-32-547", "Power Users" },
        { "S-1-5-32-551", "Backup Operators" }, { "S-1-5-32-555", "Remote Desktop Users" },
        { "S-1-5-32-558", "Performance Monitor Users" },
        { "S-1-5-32-559", "Performance Log Users" },
        { "S-1-5-32-562", "Distributed COM Users" }, { "S-1-5-32-568", "IIS_IUSRS" },
        { "S-1-5-32-573", "Event Log Readers" },
        { "S-1-5-64-10", "NTLM Authentication" }, { "S-1-5-64-14", "SChannel Authentication" },
        { "S-1-5-64-21", "Digest Authentication" },
        { "S-1-5-113", "Local account" },
        { "S-1-5-114", "Local account and member of Administrators group" },
        { "S-1-15-2-1", "All Application Packages" },
        { "S-1-16-0", "Untrusted Mandatory Level" }, { "S-1-16-4096", "Low Mandatory Level" },
        { "S-1-16-8192", "Medium Mandatory Level" },
        { "S-1-16-8448", "Medium Plus Mandatory Level" },
        { "S-1-16-12288", "High Mandatory Level" },
        { "S-1-16-16384", "System Mandatory Level" },
        { "S-1-16-20480", "Protected Process Mandatory Level" },
    };
    for (size_t i = 0; i < ARRAY_LEN(known); i++)
        if (strcmp(sid, known[i].sid) == 0)
            return known[i].name;
    if (strncmp(sid, "S-1-5-5-", 8) == 0)
        return "Logon Session";
    if (strncmp(sid, "S-1-5-21-", 9) == 0) {
        const char *rid = strrchr(sid, '-');
        static const struct { const char *rid, *name; } rids[] = {
            { "-500", "Administrator" }, { "-501", "Guest" }, { "-502", "KRBTGT" },
            { "-512", "Domain Admins" }, { "-513", "Domain Users" },
            { "-514", "Domain Guests" }, { "-515", "Domain Computers" },
            { "-516", "Domain Controllers" }, { "-518", "Schema Admins" },
            { "-519", "Enterprise Admins" }, { "-520", "Group Policy Creator Owners" },
        };
        for (size_t i = 0; rid && i < ARRAY_LEN(rids); i++)
            if (strcmp(rid, rids[i].rid) == 0)
                return rids[i].name;
    }
    return NULL;
}

static const struct { const char *name, *desc; } privileges[] = {
    [2] = { "SeCreateTokenPrivilege", "Create a token object" },
    [3] = { "SeAssignPrimaryTokenPrivilege", "Replace a process-level token" },
    [4] = { "SeLockMemoryPrivilege", "Lock pages in memory" },
    [5] = { "SeIncreaseQuotaPrivilege", "Adjust memory quotas for a process" },
    [6] = { "SeMachineAccountPrivilege", "Add workstations to domain" },
    [7] = { "SeTcbPrivilege", "Act as part of the operating system" },
    [8] = { "SeSecurityPrivilege", "Manage auditing and security log" },
    [9] = { "SeTakeOwnershipPrivilege", "Take ownership of files or other objects" },
    [10] = { "SeLoadDriverPrivilege", "Load and unload device drivers" },
    [11] = { "SeSystemProfilePrivilege", "Profile system performance" },
    [12] = { "SeSystemtimePrivilege", "Change the system time" },
    [13] = { "SeProfileSingleProcessPrivilege", "Profile single process" },
    [14] = { "SeIncreaseBasePriorityPrivilege", "Increase scheduling priority" },
    [15] = { "SeCreatePagefilePrivilege", "Create a pagefile" },
    [16] = { "SeCreatePermanentPrivilege", "Create permanent shared objects" },
    [17] = { "SeBackupPrivilege", "Back up files and directories" },
    [18] = { "SeRestorePrivilege", "Restore files and directories" },
    [19] = { "SeShutdownPrivilege", "Shut down the system" },
    [20] = { "SeDebugPrivilege", "Debug programs" },
    [21] = { "SeAuditPrivilege", "Generate security audits" },
    [22] = { "SeSystemEnvironmentPrivilege", "Modify firmware environment values" },
    [23] = { "SeChangeNotifyPrivilege", "Bypass traverse checking" },
    [24] = { "SeRemoteShutdownPrivilege", "Force shutdown from a remote system" },
    [25] = { "SeUndockPrivilege", "Remove computer from docking station" },
    [26] = { "SeSyncAgentPrivilege", "Synchronize directory service data" },
    [27] = { "SeEnableDelegationPrivilege", "Enable accounts to be trusted for delegation" },
    [28] = { "SeManageVolumePrivilege", "Perform volume maintenance tasks" },
    [29] = { "SeImpersonatePrivilege", "Impersonate a client after authentication" },
    [30] = { "SeCreateGlobalPrivilege", "Create global objects" },
    [31] = { "SeTrustedCredManAccessPrivilege", "Access Credential Manager as a trusted caller" },
    [32] = { "SeRelabelPrivilege", "Modify an object label" },
    [33] = { "SeIncreaseWorkingSetPrivilege", "Increase a process working set" },
    [34] = { "SeTimeZonePrivilege", "Change the time zone" },
    [35] = { "SeCreateSymbolicLinkPrivilege", "Create symbolic links" },
    [36] = { "SeDelegateSessionUserImpersonatePrivilege",
             "Obtain an impersonation token for another user in the same session" },
};

const char *md_privilege_name(uint64_t luid)
{
    return luid < ARRAY_LEN(privileges) ? privileges[luid].name : NULL;
}

const char *md_privilege_description(uint64_t luid)
{
    return luid < ARRAY_LEN(privileges) ? privileges[luid].desc : NULL;
}

/* A blob holding one SID behind a 4-byte offset field (TOKEN_USER has
 * Attributes too).  The offset is tried first, then the positions right
 * after the header words. */
static int blob_sid(const uint8_t *b, uint32_t size, struct an_sid *out)
{
    if (size < 12)
        return -1;
    uint32_t tries[3] = { le32(b), 8, 4 };
    for (int i = 0; i < 3; i++) {
        uint32_t off = tries[i];
        if (off < 4 || off >= size)
            continue;
        if (md_sid_format(b + off, size - off, out->text, sizeof out->text))
            return 0;
    }
    return -1;
}

static void decode_token(struct md_dump *md, struct an_token *t, const uint8_t *el,
                         uint32_t elsize, uint32_t hdrsize)
{
    uint32_t npairs = (hdrsize - 16) / 8;
    if (npairs > 16)
        npairs = 16;
    uint32_t off[16], size[16];
    for (uint32_t i = 0; i < npairs; i++) {
        off[i] = le32(el + 16 + 8 * i);
        size[i] = le32(el + 20 + 8 * i);
        if (!span_ok(off[i], size[i], elsize) || off[i] < hdrsize)
            off[i] = size[i] = 0;
    }
    int skipped = 0;
    /* [1] TOKEN_USER */
    if (npairs > 1 && size[1]) {
        if (blob_sid(el + off[1], size[1], &t->user) == 0) {
            t->has_user = 1;
            t->user.attributes = size[1] >= 8 ? le32(el + off[1] + 4) : 0;
        } else {
            skipped++;
        }
    }
    /* [2] TOKEN_GROUPS */
    if (npairs > 2 && size[2] >= 4) {
        const uint8_t *b = el + off[2];
        uint32_t n = le32(b);
        if (n > 1024 || 4 + (uint64_t)n * 8 > size[2]) {
            skipped++;
        } else {
            t->groups = ep_calloc(n, sizeof *t->groups);
            for (uint32_t i = 0; i < n; i++) {
                uint32_t so = le32(b + 4 + 8 * i);
                struct an_sid *g = &t->groups[t->ngroups];
                if (so < 4 || so >= size[2] ||
                    !md_sid_format(b + so, size[2] - so, g->text, sizeof g->text)) {
                    skipped++;
                    continue;
                }
                g->attributes = le32(b + 8 + 8 * i);
                t->ngroups++;
            }
        }
    }
    /* [3] TOKEN_PRIMARY_GROUP */
    if (npairs > 3 && size[3]) {
        if (blob_sid(el + off[3], size[3], &t->primary_group) == 0)
            t->has_primary_group = 1;
        else
            skipped++;
    }
    /* [4] TOKEN_PRIVILEGES */
    if (npairs > 4 && size[4] >= 4) {
        const uint8_t *b = el + off[4];
        uint32_t n = le32(b);
        if (n > 256 || 4 + (uint64_t)n * 12 > size[4]) {
            skipped++;
        } else {
            t->privileges = ep_calloc(n, sizeof *t->privileges);
            t->nprivileges = n;
            for (uint32_t i = 0; i < n; i++) {
                t->privileges[i].luid = le64(b + 4 + 12 * i);
                t->privileges[i].attributes = le32(b + 12 + 12 * i);
            }
        }
    }
    /* [5] TOKEN_STATISTICS (56 bytes) */
    if (npairs > 5 && size[5] >= 56) {
        const uint8_t *b = el + off[5];
        t->has_statistics = 1;
        t->token_luid = le64(b);
        t->authentication_id = le64(b + 8);
        t->token_type = le32(b + 24);
        t->impersonation_level = le32(b + 28);
        t->modified_id = le64(b + 48);
    }
    if (skipped)
        md_warn(md, "Token stream: %d part%s of token %u did not decode; they are left out",
                skipped, skipped == 1 ? "" : "s", t->token_id);
}

void md_parse_token(struct md_dump *md, struct md_stream *s)
{
    const uint8_t *h = md_at(md, s->rva, 16);
    if (!h || s->size < 16) {
        s->status = MD_ST_BAD;
        md_note(s, "header cut off");
        md_warn(md, "Token stream too short (%u bytes)", s->size);
        return;
    }
    uint32_t entries = le32(h + 4), lhsize = le32(h + 8), ehsize = le32(h + 12);
    if (lhsize < 16 || lhsize > s->size || ehsize < 16 || ehsize > 1024) {
        s->status = MD_ST_BAD;
        md_note(s, "bad header");
        md_warn(md, "Token stream: implausible header (list header %u, element header %u bytes)",
                lhsize, ehsize);
        return;
    }
    if (entries > MD_MAX_TOKENS) {
        md_warn(md, "Token stream: %u tokens, reading the first %u", entries, MD_MAX_TOKENS);
        entries = MD_MAX_TOKENS;
        s->status = MD_ST_PARTIAL;
    }
    md->tokens = ep_calloc(entries, sizeof *md->tokens);
    md->have_tokens = 1;
    uint64_t pos = lhsize;
    for (uint32_t i = 0; i < entries; i++) {
        if (!span_ok(pos, 16, s->size)) {
            md_warn(md, "Token stream: token %u of %u lies past the stream's end", i + 1, entries);
            s->status = MD_ST_PARTIAL;
            break;
        }
        const uint8_t *el = md->data + s->rva + pos;
        uint32_t tsize = le32(el);
        if (tsize < 16 || !span_ok(pos, tsize, s->size)) {
            md_warn(md, "Token stream: token %u has an impossible size (%u bytes)", i + 1, tsize);
            s->status = MD_ST_PARTIAL;
            break;
        }
        struct an_token *t = &md->tokens[md->ntokens++];
        t->token_id = le32(el + 4);
        t->handle = le64(el + 8);
        if (ehsize > 16 && ehsize <= tsize)
            decode_token(md, t, el, tsize, ehsize);
        pos += tsize;
    }
    md_note(s, "%zu token%s", md->ntokens, md->ntokens == 1 ? "" : "s");
}
