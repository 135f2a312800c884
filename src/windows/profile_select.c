/* Choosing the symbol table for a kernel (docs/architecture.md; issue: matching on
 * one or two symbols is not enough).
 *
 * 1. Exact: the kernel image's RSDS record names a PDB GUID+age that a
 *    symbol directory holds (or the built-in profile's).
 * 2. Symbol agreement: every kernel address the capture states (crash dump
 *    header and KDBG fields, as offsets from the kernel base) is compared
 *    with each table's symbols.  A table is a match when at least
 *    MIN_AGREEING addresses agree and none disagrees, and it is the only
 *    such table.
 * 3. Same build: the table of the capture's build number that agrees on the
 *    most addresses, with a warning saying so.
 * 4. None: the header facts are still reported.
 *
 * A choice of steps 1-3 is kept in the per-capture choice cache
 * (symbols/choicecache.h): a repeated run on the same capture with the
 * same symbol files takes it from there without the symbol index, once
 * the table it names, loaded in full, has been checked against the
 * capture as the choice itself would check it (cached_choice_holds()). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/sha256.h"
#include "layer/crashdump.h"
#include "symbols/choicecache.h"
#include "symbols/isf_cache.h"
#include "symbols/symdir.h"
#include "symbols/symindex.h"
#include "symbols/symscan.h"
#include "windows/kernel.h"
#include "windows/profile_select.h"

#define MIN_AGREEING 8
#define INDEX_WAS_WRONG 2       /* choose(): the cached index misled it; choose again without */
#define MAX_STATED 96
/* Kernel variables lie inside the image; larger offsets are not symbols. */
#define MAX_KERNEL_IMAGE (64ull << 20)

struct stated {
    const char *symbol;
    uint64_t rva;
};

struct candidate {
    const struct symfile *file;
    struct isf_symbols *syms;     /* its index entry: the compared symbols; NULL if unreadable */
    unsigned agree, disagree;
    char error[512];
};

/* Every symbol collect_stated() can compare: what the symbol index keeps
 * of each table.  Returns how many. */
static unsigned compared_names(const char **out)
{
    static const char *const header[] = { "PsActiveProcessHead", "PsLoadedModuleList", "MmPfnDatabase" };
    unsigned n = 0;
    for (size_t i = 0; i < sizeof header / sizeof header[0]; i++)
        out[n++] = header[i];
    for (size_t i = 0; i < kdbg_symbol_field_count && n < MAX_STATED; i++)
        out[n++] = kdbg_symbol_fields[i].symbol;
    return n;
}

/* A table in full, through the cache of parsed tables (isf_cache.h): a
 * repeated run does not parse the same 6 MB of JSON again. */
static struct isf *load_table(const char *path, struct ep_error *err)
{
    enum isf_cache_use use;
    struct isf *isf = isf_load_cached(path, &use, err);
    if (isf)
        ep_info("symbol table %s: %s", path,
                use == ISF_CACHE_HIT ? "read from the cache of parsed tables"
                : use == ISF_CACHE_BAD ? "parsed (its cached copy was stale or corrupt: rewritten)"
                                       : "parsed (no cached copy)");
    return isf;
}

/* The chosen table, loaded in full, says what its index entry said: the
 * index is a cache, and a cache is not trusted. */
static int index_entry_holds(const struct isf *isf, const struct isf_symbols *entry, const char *const *names,
                             unsigned nnames)
{
    if (strcasecmp(isf->guid, entry->guid) != 0 || isf->age != entry->age)
        return 0;
    for (unsigned i = 0; i < nnames; i++) {
        const struct isf_symbol *sym = isf_symbol(isf, names[i]);
        uint64_t a;
        int in_entry = isf_symbols_find(entry, names[i], &a) == 0;
        int in_table = sym && sym->has_address;
        if (in_entry != in_table || (in_entry && a != sym->address))
            return 0;
    }
    return 1;
}

static unsigned collect_stated(const struct kernel *k, struct stated *out)
{
    unsigned n = 0;
    if (!k->base)
        return 0;
    const struct crashdump_info *d = k->cap->dump;
    const struct { const char *symbol; uint64_t va; } header[] = {
        { "PsActiveProcessHead", d ? d->ps_active_process_head : 0 },
        { "PsLoadedModuleList", d ? d->ps_loaded_module_list : 0 },
        { "MmPfnDatabase", d ? d->pfn_database : 0 },
    };
    for (size_t i = 0; i < sizeof header / sizeof header[0]; i++)
        if (header[i].va > k->base && header[i].va - k->base < MAX_KERNEL_IMAGE)
            out[n++] = (struct stated){ header[i].symbol, header[i].va - k->base };
    if (k->has_kdbg) {
        for (size_t i = 0; i < kdbg_symbol_field_count && n < MAX_STATED; i++) {
            uint64_t va = kdbg_slot(&k->kdbg, kdbg_symbol_fields[i].offset);
            if (va <= k->base || va - k->base >= MAX_KERNEL_IMAGE)
                continue;
            int dup = 0;
            for (unsigned j = 0; j < n; j++)
                if (strcmp(out[j].symbol, kdbg_symbol_fields[i].symbol) == 0)
                    dup = 1;
            if (!dup)
                out[n++] = (struct stated){ kdbg_symbol_fields[i].symbol, va - k->base };
        }
    }
    return n;
}

static void score(struct candidate *c, const struct stated *st, unsigned nst)
{
    c->agree = c->disagree = 0;
    if (!c->syms)
        return;
    for (unsigned i = 0; i < nst; i++) {
        uint64_t address;
        if (isf_symbols_find(c->syms, st[i].symbol, &address) != 0)
            continue;
        if (address == st[i].rva)
            c->agree++;
        else
            c->disagree++;
    }
}

/* How many stated addresses the full table agrees and disagrees with;
 * the first disagreement in *first_bad (may be NULL). */
static void score_table(const struct isf *isf, const struct stated *st, unsigned nst, unsigned *agree,
                        unsigned *disagree, const struct stated **first_bad, uint64_t *first_bad_table)
{
    *agree = *disagree = 0;
    for (unsigned i = 0; i < nst; i++) {
        const struct isf_symbol *sym = isf_symbol(isf, st[i].symbol);
        if (!sym || !sym->has_address)
            continue;
        if (sym->address == st[i].rva) {
            (*agree)++;
        } else if ((*disagree)++ == 0 && first_bad) {
            *first_bad = &st[i];
            *first_bad_table = sym->address;
        }
    }
}

/* A warning said while choosing, kept for the choice cache so that a
 * repeated run says the same.  A choice with more (or longer) warnings
 * than the cache holds is not cached. */
static void warn_kept(struct choice_record *rec, const char *text)
{
    ep_warn("%s", text);
    if (rec->nwarnings < CHOICE_MAX_WARNINGS && strlen(text) < sizeof rec->warnings[0])
        snprintf(rec->warnings[rec->nwarnings++], sizeof rec->warnings[0], "%s", text);
    else
        rec->nwarnings = CHOICE_MAX_WARNINGS + 1;
}

static void describe_build(const struct symfile *f, char *buf, size_t n)
{
    if (f->build)
        snprintf(buf, n, " (build %u.%u)", f->build, f->revision);
    else
        buf[0] = 0;
}

/* k's profile name and reason for table f chosen by step how with these
 * scores: the one wording for a fresh choice and a cached one. */
static void describe_choice(struct kernel *k, const struct symfile *f, enum profile_choice how, unsigned agree,
                            unsigned disagree, int several, unsigned nst)
{
    char bdesc[48];
    describe_build(f, bdesc, sizeof bdesc);
    k->profile = how;
    snprintf(k->profile_name, sizeof k->profile_name, "%s/%s-%X", f->pdb_name, f->guid, f->age);
    if (how == PROFILE_EXACT_GUID)
        snprintf(k->profile_reason, sizeof k->profile_reason, "the kernel's PDB GUID and age match %s", f->path);
    else if (how == PROFILE_SYMBOL_MATCH)
        snprintf(k->profile_reason, sizeof k->profile_reason,
                 "all %u kernel addresses stated by the capture that the table defines agree with it%s", agree,
                 bdesc);
    else
        snprintf(k->profile_reason, sizeof k->profile_reason,
                 "no symbol table matches this kernel exactly (it needs %s/%s-%X)%s; using %s%s, same build "
                 "%u, which agrees on %u and disagrees on %u of the %u kernel addresses the capture states",
                 k->pdb_name[0] ? k->pdb_name : "ntkrnlmp.pdb", k->guid, k->age,
                 several ? " (several agree equally)" : "", k->profile_name, bdesc, k->build, agree, disagree,
                 nst);
}

/* Load the chosen table in full.  A table that was chosen but cannot be
 * read is an input error: analysing with another one would mislead. */
static int take(struct kernel *k, struct candidate *c, const char *const *names, unsigned nnames,
                struct ep_error *err)
{
    k->isf = load_table(c->file->path, err);
    if (!k->isf)
        return -1;
    if (!index_entry_holds(k->isf, c->syms, names, nnames)) {
        isf_free(k->isf);
        k->isf = NULL;
        return INDEX_WAS_WRONG;
    }
    return 0;
}

/* -s FILE: the user names the table; it is used whatever it matches. */
static int use_given_file(struct kernel *k, const char *path, struct ep_error *err)
{
    k->isf = load_table(path, err);
    if (!k->isf)
        return -1;
    k->profile = PROFILE_GIVEN;
    snprintf(k->profile_name, sizeof k->profile_name, "%s", path);
    snprintf(k->profile_reason, sizeof k->profile_reason, "given with -s");
    if (k->guid[0] && k->isf->guid[0] && (strcmp(k->guid, k->isf->guid) != 0 || k->age != k->isf->age)) {
        ep_warn("%s: this table is for PDB %s-%X but the kernel is %s-%X", path, k->isf->guid, k->isf->age,
                k->guid, k->age);
        return 0;
    }
    /* No kernel GUID to compare (a triage dump without the image's debug
     * directory): compare the kernel addresses the capture states instead,
     * so that a table for another build is never used silently. */
    struct stated st[MAX_STATED];
    unsigned nst = collect_stated(k, st), agree, disagree;
    const struct stated *first_bad = NULL;
    uint64_t first_bad_table = 0;
    score_table(k->isf, st, nst, &agree, &disagree, &first_bad, &first_bad_table);
    if (first_bad)
        ep_warn("%s: this table is for another PDB/build: it disagrees with %u of the %u kernel addresses the "
                "capture states (%s is at kernel base + 0x%llx, the table says + 0x%llx); results will be wrong",
                path, disagree, agree + disagree, first_bad->symbol, (unsigned long long)first_bad->rva,
                (unsigned long long)first_bad_table);
    return 0;
}

/* Steps 1-3 below over the tables found in the symbol directories; what
 * was chosen, why and what was said into rec (for the choice cache). */
static int choose(struct kernel *k, const struct symfile_list *list, int nsymdirs, int no_cache,
                  const struct stated *st, unsigned nst, struct choice_record *rec, struct ep_error *err)
{
    memset(rec, 0, sizeof *rec);
    /* 1. Exact PDB GUID+age. */
    if (k->guid[0]) {
        const struct symfile *f = symdir_find(list, k->guid, k->age);
        if (f) {
            k->isf = load_table(f->path, err);
            if (!k->isf)
                return -1;
            describe_choice(k, f, PROFILE_EXACT_GUID, 0, 0, 0, nst);
            snprintf(rec->table, sizeof rec->table, "%s", f->path);
            return 0;
        }
        if (strcmp(k->guid, BUILTIN_26100_GUID) == 0 && k->age == BUILTIN_26100_AGE) {
            k->isf = isf_builtin_26100();
            if (k->isf) {
                k->profile = PROFILE_BUILTIN;
                snprintf(k->profile_name, sizeof k->profile_name, "built-in Windows 11 24H2 x64 (26100)");
                snprintf(k->profile_reason, sizeof k->profile_reason,
                         "the kernel's PDB GUID and age match the built-in profile");
                return 0;
            }
        }
    }

    /* 2. Every stated address agrees with exactly one table. */
    struct candidate *cands = NULL;
    struct symindex_entry *entries = NULL;
    unsigned ncands = 0;
    const char *names[MAX_STATED];
    unsigned nnames = compared_names(names);
    if (list->n && k->machine_type == 0x8664) {
        cands = calloc(list->n, sizeof *cands);
        entries = calloc(list->n, sizeof *entries);
        struct symindex_stats ist;
        if (cands && entries && symindex_load(list, names, nnames, no_cache, entries, &ist) == 0) {
            ep_info("symbol index: %u tables from the cache, %u read%s", ist.from_cache, ist.scanned,
                    ist.cache_state < 0 ? " (the cache was stale or corrupt: rebuilt)" : "");
            for (unsigned i = 0; i < list->n; i++) {
                struct candidate *c = &cands[ncands++];
                c->file = entries[i].file;
                c->syms = entries[i].syms;
                if (!c->syms)
                    warn_kept(rec, entries[i].error);
                score(c, st, nst);
            }
        }
    }
    int winner = -1, winners = 0;
    for (unsigned i = 0; i < ncands; i++)
        if (cands[i].syms && cands[i].disagree == 0 && cands[i].agree >= MIN_AGREEING) {
            winners++;
            winner = (int)i;
        }
    int rc = 0;
    if (winners == 1) {
        struct candidate *c = &cands[winner];
        rc = take(k, c, names, nnames, err);
        if (rc == 0)
            describe_choice(k, c->file, PROFILE_SYMBOL_MATCH, c->agree, 0, 0, nst);
        snprintf(rec->table, sizeof rec->table, "%s", c->file->path);
        rec->agree = c->agree;
    } else {
        /* 3. Same build, most agreement; ties go to the newest revision. */
        int best = -1;
        for (unsigned i = 0; i < ncands; i++) {
            struct candidate *c = &cands[i];
            if (!c->syms || !k->build || c->file->build != k->build)
                continue;
            if (best < 0 || c->agree > cands[best].agree ||
                (c->agree == cands[best].agree && c->file->revision > cands[best].file->revision))
                best = (int)i;
        }
        if (best >= 0) {
            struct candidate *c = &cands[best];
            rc = take(k, c, names, nnames, err);
            if (rc == 0)
                describe_choice(k, c->file, PROFILE_BUILD_FALLBACK, c->agree, c->disagree, winners > 1, nst);
            snprintf(rec->table, sizeof rec->table, "%s", c->file->path);
            rec->agree = c->agree;
            rec->disagree = c->disagree;
            rec->several = winners > 1;
            if (rc == 0)
                warn_kept(rec, k->profile_reason);
        } else if (k->build == 26100 && k->machine_type == 0x8664) {
            k->isf = isf_builtin_26100();
            if (k->isf) {
                k->profile = PROFILE_BUILTIN;
                snprintf(k->profile_name, sizeof k->profile_name, "built-in Windows 11 24H2 x64 (26100)");
                snprintf(k->profile_reason, sizeof k->profile_reason,
                         "no symbol table matches; build 26100 is the built-in profile's build");
                ep_warn("%s: the built-in layout may differ from this kernel's", k->profile_reason);
            }
        } else {
            k->profile = PROFILE_NONE;
            snprintf(k->profile_reason, sizeof k->profile_reason,
                     "no symbol table matches this kernel (PDB GUID %s, age %u: %s/%s-%X; build %u)%s",
                     k->guid[0] ? k->guid : "unknown", k->age, k->pdb_name[0] ? k->pdb_name : "ntkrnlmp.pdb",
                     k->guid[0] ? k->guid : "unknown", k->age, k->build,
                     nsymdirs ? "" : "; add a symbol directory with -s");
        }
    }
    symindex_entries_free(entries, ncands);
    free(entries);
    free(cands);
    return rc;
}

/* --- the per-capture choice cache --- */

/* Everything a choice is made from besides the symbol files: the
 * kernel's identity and the addresses the capture states, and the rules'
 * one constant. */
static void facts_digest(const struct kernel *k, const struct stated *st, unsigned nst, char hex[65])
{
    char line[256];
    struct sha256 h;
    sha256_init(&h);
    int w = snprintf(line, sizeof line, "rules %d|%s|%s|%u|%u|%u|%u", MIN_AGREEING, k->pdb_name, k->guid, k->age,
                     k->build, k->machine_type, nst);
    sha256_update(&h, line, w > 0 ? strlen(line) + 1 : 0);
    for (unsigned i = 0; i < nst; i++) {
        w = snprintf(line, sizeof line, "%s=%llx", st[i].symbol, (unsigned long long)st[i].rva);
        sha256_update(&h, line, w > 0 ? strlen(line) + 1 : 0);
    }
    sha256_hex(&h, hex);
}

/* The listed table whose absolute path is real, or NULL. */
static const struct symfile *listed_table(const struct symfile_list *list, const char *real)
{
    for (unsigned i = 0; i < list->n; i++) {
        char *r = realpath(list->files[i].path, NULL);
        int same = r && strcmp(r, real) == 0;
        free(r);
        if (same)
            return &list->files[i];
    }
    return NULL;
}

/* Would steps 1-3 make the cached choice rec?  What can be checked
 * without the other tables is: the table is one of the listed ones;
 * step 1's outcome (a cheap lookup) is recomputed; the table, loaded in
 * full, has its file's GUID and age and scores exactly as recorded
 * against the addresses the capture states; the step's own condition
 * holds; and the reason and warnings come out word for word.  What
 * cannot (that no other table scores better) is the cache's word, keyed
 * by the capture, its facts and every symbol file's identity.  On
 * success k holds the profile; otherwise k->isf is NULL. */
static int cached_choice_holds(struct kernel *k, const struct symfile_list *list, const struct stated *st,
                               unsigned nst, const struct choice_record *rec)
{
    const struct symfile *f = listed_table(list, rec->table);
    if (!f)
        return 0;
    const struct symfile *exact = k->guid[0] ? symdir_find(list, k->guid, k->age) : NULL;
    int builtin_guid = strcmp(k->guid, BUILTIN_26100_GUID) == 0 && k->age == BUILTIN_26100_AGE;
    int fits;
    switch (rec->kind) {
    case PROFILE_EXACT_GUID:
        fits = exact == f;
        break;
    case PROFILE_SYMBOL_MATCH:
        fits = !exact && !builtin_guid && k->machine_type == 0x8664 && rec->disagree == 0 &&
               rec->agree >= MIN_AGREEING && !rec->several;
        break;
    case PROFILE_BUILD_FALLBACK:
        fits = !exact && !builtin_guid && k->machine_type == 0x8664 && k->build && f->build == k->build;
        break;
    default:
        fits = 0;
    }
    if (!fits)
        return 0;
    struct ep_error lerr = { { 0 } };
    k->isf = load_table(f->path, &lerr);
    if (!k->isf)
        return 0;         /* unreadable now: the choice is made again, and says so */
    unsigned agree = 0, disagree = 0;
    if (rec->kind != PROFILE_EXACT_GUID)
        score_table(k->isf, st, nst, &agree, &disagree, NULL, NULL);
    describe_choice(k, f, (enum profile_choice)rec->kind, agree, disagree, (int)rec->several, nst);
    int holds = strcasecmp(k->isf->guid, f->guid) == 0 && k->isf->age == f->age && agree == rec->agree &&
                disagree == rec->disagree && strcmp(k->profile_reason, rec->reason) == 0;
    /* The fallback's own warning is its reason, said last. */
    if (rec->kind == PROFILE_BUILD_FALLBACK)
        holds = holds && rec->nwarnings && strcmp(rec->warnings[rec->nwarnings - 1], rec->reason) == 0;
    if (!holds) {
        isf_free(k->isf);
        k->isf = NULL;
        k->profile = PROFILE_NONE;
        k->profile_name[0] = k->profile_reason[0] = 0;
        return 0;
    }
    for (unsigned i = 0; i < rec->nwarnings; i++)
        ep_warn("%s", rec->warnings[i]);
    return 1;
}

int profile_select(struct kernel *k, const char *const *symdirs, int nsymdirs, struct ep_error *err)
{
    for (int i = 0; i < nsymdirs; i++) {
        struct stat st;
        if (stat(symdirs[i], &st) == 0 && S_ISREG(st.st_mode))
            return use_given_file(k, symdirs[i], err);
    }
    struct symfile_list list = { 0 };
    const char *empty_dir = NULL;
    for (int i = 0; i < nsymdirs; i++)
        if (symdir_scan(symdirs[i], &list) == 0 && !empty_dir)
            empty_dir = symdirs[i];
    struct stated st[MAX_STATED];
    unsigned nst = collect_stated(k, st);

    /* The per-capture choice cache first: keyed by the capture, the facts
     * above and the symbol files. */
    struct choice_key key;
    struct choice_record rec;
    char facts[65], symbols[65];
    int keyed = 0, cache_state = -1, rc = -1;
    if (list.n && !k->cap->borrowed) {       /* a capture in memory has no file to key by */
        facts_digest(k, st, nst, facts);
        symindex_files_digest(&list, symbols);
        keyed = choicecache_key(&key, k->cap->file.path, facts, symbols) == 0;
    }
    if (keyed && (cache_state = choicecache_read(&key, &rec)) == 0) {
        if (cached_choice_holds(k, &list, st, nst, &rec)) {
            ep_info("symbol choice: from the per-capture cache %s (%s: %s)", key.file,
                    profile_choice_name(k->profile), rec.table);
            rc = 0;
        } else {
            ep_info("symbol choice: the per-capture cache %s disagreed with the capture or the table it names: "
                    "dropped, chosen again", key.file);
            choicecache_forget(&key);
            cache_state = -2;
        }
    }
    if (rc != 0) {
        rc = choose(k, &list, nsymdirs, 0, st, nst, &rec, err);
        if (rc == INDEX_WAS_WRONG) {
            /* The cached index disagreed with the table itself: forget it and
             * choose from the tables as they are. */
            const char *names[MAX_STATED];
            symindex_forget(&list, names, compared_names(names));
            ep_info("symbol index: the cache disagreed with the chosen table; rebuilt from the tables");
            memset(k->profile_reason, 0, sizeof k->profile_reason);
            rc = choose(k, &list, nsymdirs, 1, st, nst, &rec, err);
            if (rc == INDEX_WAS_WRONG)
                rc = ep_fail(err, "symbol index: a table changed while it was read");
        }
        int cacheable = k->profile == PROFILE_EXACT_GUID || k->profile == PROFILE_SYMBOL_MATCH ||
                        k->profile == PROFILE_BUILD_FALLBACK;
        if (rc == 0 && keyed && cacheable) {
            rec.kind = (unsigned)k->profile;
            snprintf(rec.reason, sizeof rec.reason, "%s", k->profile_reason);
            int wrote = choicecache_write(&key, &rec) == 0;
            ep_info("symbol choice: made from the %s; %s the per-capture cache %s%s",
                    k->profile == PROFILE_EXACT_GUID ? "kernel's PDB GUID" : "symbol index",
                    wrote ? "written to" : "could not write", key.file,
                    cache_state == -2 ? " (it was stale or corrupt)" : "");
        }
    }
    symfile_list_free(&list);
    /* No profile: the reason is said once, by the command that needs a
     * profile (kernel_require_profile(): one error line, exit 3) or in
     * `info`'s output, not also as a warning here.  A directory named
     * with -s that holds no tables is part of that reason; when a profile
     * was found anyway (the built-in one), it is a warning. */
    if (rc == 0 && empty_dir) {
        char what[600];
        snprintf(what, sizeof what, "symbol directory %s holds no kernel symbol tables (expected "
                 "windows/ntkrnlmp.pdb/GUID-AGE.json.xz in it)", empty_dir);
        if (k->isf)
            ep_warn("%s", what);
        else {
            size_t used = strlen(k->profile_reason);
            snprintf(k->profile_reason + used, sizeof k->profile_reason - used, "; %s", what);
        }
    }
    return rc;
}
