/* An index of the symbol directories: for each kernel table, its PDB
 * GUID, age and machine type and the addresses of the few symbols profile
 * selection compares with a capture, so choosing among 43 tables reads a
 * small text file instead of decompressing all of them.
 *
 * Built on first use (the tables are read on all cores) and cached in
 * $XDG_CACHE_HOME/eproc (else ~/.cache/eproc), one file per set of symbol
 * files, each entry keyed by its table's path, size and modification
 * time: a table that changed, appeared or vanished is read again, the
 * others come from the cache.  The cache is untrusted input like any
 * other file: it must end in the SHA-256 of everything before it and
 * parse strictly, or it is ignored and rebuilt; and profile_select checks
 * the chosen table, once loaded in full, against its index entry
 * (symindex_forget() when they differ).  Format and measurements:
 * docs/decisions.md, "Symbol choice without decompressing every table". */
#ifndef EPROC_SYMBOLS_SYMINDEX_H
#define EPROC_SYMBOLS_SYMINDEX_H

#include "symbols/symdir.h"
#include "symbols/symscan.h"

struct symindex_entry {
    const struct symfile *file;
    struct isf_symbols *syms;    /* guid, age, machine and the wanted symbols; NULL if unreadable */
    char error[512];             /* why syms is NULL */
};

struct symindex_stats {
    unsigned from_cache, scanned;
    int cache_state;             /* 0 none, 1 used, -1 corrupt or stale (rebuilt) */
};

/* One entry per file of list, in its order (out has list->n slots), with
 * the addresses of names[0..nnames) (others are not kept).  With
 * no_cache the tables are read and the cache rewritten whatever it holds.
 * Returns 0, or -1 when out of memory. */
int symindex_load(const struct symfile_list *list, const char *const *names, unsigned nnames, int no_cache,
                  struct symindex_entry *out, struct symindex_stats *stats);
void symindex_entries_free(struct symindex_entry *e, unsigned n);

/* Remove the cache file for this list (an entry proved wrong). */
void symindex_forget(const struct symfile_list *list, const char *const *names, unsigned nnames);

/* A digest of the tables in list as the index keys them (absolute path,
 * size, modification time) and of what symdir_scan learnt of each (GUID,
 * age, build and revision; and the path as given, which an exact choice's
 * reason quotes): the choice cache (choicecache.h) keys "the
 * same symbol files" with it. */
void symindex_files_digest(const struct symfile_list *list, char hex[65]);

#endif
