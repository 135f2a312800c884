/* The loader's three module lists (PEB.Ldr: InLoadOrder, InMemoryOrder,
 * InInitializationOrder), over a process's address space.  Each entry is
 * read once, whichever lists hold it; each list walk is bounded, detects
 * loops, and names where it stopped. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anatomy/walk.h"


#define LDR_HASH 8192u   /* > 2 * AN_MAX_LDR_ENTRIES */

struct ldr_set {
    uint64_t key[LDR_HASH];
    int idx[LDR_HASH];
};

static int *ldr_slot(struct ldr_set *s, uint64_t va)
{
    uint64_t h = (va >> 4) * 0x9e3779b97f4a7c15ull;
    for (unsigned i = 0; i < LDR_HASH; i++) {
        unsigned k = (unsigned)((h >> 40) + i) % LDR_HASH;
        if (s->idx[k] < 0 || s->key[k] == va) {
            s->key[k] = va;
            return &s->idx[k];
        }
    }
    return NULL;
}

static struct an_ldr_entry *ldr_entry(struct vas *v, const struct an_user_profile *pr,
                                      struct an_ldr *l, struct ldr_set *set, uint64_t va,
                                      size_t *cap, unsigned os_build)
{
    int *slot = ldr_slot(set, va);
    if (!slot)
        return NULL;
    if (*slot >= 0)
        return &l->entries[*slot];
    if (l->nentries >= AN_MAX_LDR_ENTRIES)
        return NULL;
    if (l->nentries == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        struct an_ldr_entry *ne = realloc(l->entries, *cap * sizeof *ne);
        if (!ne) {
            fputs("eproc: out of memory\n", stderr);
            abort();
        }
        l->entries = ne;
    }
    *slot = (int)l->nentries;
    struct an_ldr_entry *e = &l->entries[l->nentries++];
    memset(e, 0, sizeof *e);
    e->va = va;
    e->load_index = e->mem_index = e->init_index = -1;
    uint8_t b[0x68];
    struct vas_miss m;
    if (vas_read_exact(v, va, b, pr->entry_size, &m) != 0) {
        e->av = an_av_of(&m);
        e->full_name.av = e->base_name.av = AN_AV_UNKNOWN;
        return e;
    }
    e->av = AN_AV_OK;
    e->base = an_word(pr, b + pr->entry_dll_base);
    e->entry_point = an_word(pr, b + pr->entry_entry_point);
    e->size = le32(b + pr->entry_size_of_image);
    an_read_ustr(v, pr, va + pr->entry_full_name, 0, &e->full_name);
    an_read_ustr(v, pr, va + pr->entry_base_name, 0, &e->base_name);
    uint8_t t[8], r[4];
    if (os_build >= 9200 && pr->entry_load_time &&
        vas_read_exact(v, va + pr->entry_load_time, t, 8, NULL) == 0 &&
        vas_read_exact(v, va + pr->entry_load_reason, r, 4, NULL) == 0) {
        e->has_load = 1;
        e->load_time = le64(t);
        e->load_reason = le32(r);
    }
    return e;
}

static void walk_list(struct vas *v, const struct an_user_profile *pr, struct an_ldr *l,
                      struct ldr_set *set, size_t *cap, int which, unsigned os_build)
{
    static const char *const names[] = { "InLoadOrderModuleList", "InMemoryOrderModuleList",
                                         "InInitializationOrderModuleList" };
    struct an_ldr_list *L = &l->lists[which];
    uint64_t head = l->va + pr->ldr_list[which];
    uint64_t cur;
    struct vas_miss m;
    if (vas_read_ptr(v, head, &cur, &m) != 0) {
        L->av = an_av_of(&m);
        snprintf(L->problem, sizeof L->problem, "%s head at 0x%" PRIx64 " %s",
                 names[which], head, an_why_missing(v, &m) + 3);
        return;
    }
    L->av = AN_AV_OK;
    while (cur != head) {
        if (cur == 0) {
            L->av = AN_AV_INVALID;
            snprintf(L->problem, sizeof L->problem, "%s: NULL link after %zu entries",
                     names[which], L->count);
            return;
        }
        if (L->count >= AN_MAX_LDR_ENTRIES) {
            L->av = AN_AV_INVALID;
            snprintf(L->problem, sizeof L->problem, "%s: stopped after %u entries (cap)",
                     names[which], AN_MAX_LDR_ENTRIES);
            return;
        }
        uint64_t eva = cur - pr->entry_link[which];
        struct an_ldr_entry *e = ldr_entry(v, pr, l, set, eva, cap, os_build);
        if (!e) {
            L->av = AN_AV_INVALID;
            snprintf(L->problem, sizeof L->problem, "%s: too many distinct entries", names[which]);
            return;
        }
        int *flag = which == AN_LDR_LOAD ? &e->in_load : which == AN_LDR_MEM ? &e->in_mem : &e->in_init;
        int *index = which == AN_LDR_LOAD ? &e->load_index
                     : which == AN_LDR_MEM ? &e->mem_index : &e->init_index;
        if (*flag) {
            L->av = AN_AV_INVALID;
            snprintf(L->problem, sizeof L->problem,
                     "%s loops back to entry 0x%" PRIx64 " without reaching its head",
                     names[which], eva);
            return;
        }
        *flag = 1;
        *index = (int)L->count++;
        if (vas_read_ptr(v, cur, &cur, &m) != 0) {
            L->av = an_av_of(&m);
            snprintf(L->problem, sizeof L->problem,
                     "%s: entry %zu (0x%" PRIx64 ") %s; the walk stops there",
                     names[which], L->count, eva, an_why_missing(v, &m));
            return;
        }
    }
}

void an_read_ldr(struct vas *v, const struct an_user_profile *pr, const struct an_peb *peb,
                 unsigned os_build, struct an_ldr *l)
{
    for (int i = 0; i < 3; i++)
        l->lists[i].av = AN_AV_UNKNOWN;
    if (peb->av != AN_AV_OK) {
        l->av = AN_AV_UNKNOWN;
        snprintf(l->why, sizeof l->why, "%s", peb->why);
        return;
    }
    l->va = peb->ldr;
    if (!l->va) {
        l->av = AN_AV_NULL;
        snprintf(l->why, sizeof l->why, "PEB.Ldr is NULL (the loader had not started)");
        return;
    }
    uint8_t b[0x40];
    struct vas_miss m;
    if (vas_read_exact(v, l->va, b, pr->ldr_size, &m) != 0) {
        l->av = an_av_of(&m);
        snprintf(l->why, sizeof l->why, "the loader data (PEB.Ldr) at 0x%" PRIx64 " %s",
                 l->va, an_why_missing(v, &m));
        return;
    }
    l->av = AN_AV_OK;
    l->initialized = b[pr->ldr_initialized];
    struct ldr_set *set = ep_calloc(1, sizeof *set);
    for (unsigned i = 0; i < LDR_HASH; i++)
        set->idx[i] = -1;
    size_t cap = 0;
    for (int w = 0; w < 3; w++)
        walk_list(v, pr, l, set, &cap, w, os_build);
    free(set);
}

void an_free_ldr(struct an_ldr *l)
{
    for (size_t i = 0; i < l->nentries; i++) {
        an_free_ustr(&l->entries[i].full_name);
        an_free_ustr(&l->entries[i].base_name);
    }
    free(l->entries);
    l->entries = NULL;
    l->nentries = 0;
}
