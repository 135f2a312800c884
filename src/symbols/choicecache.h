/* The per-capture cache of the symbol choice (issue 15 item 3): which
 * table profile selection chose for a capture, how and why, so that a
 * repeated run on the same capture with the same symbol files neither
 * reads the symbol-directory index (symindex.h) nor scores its tables.
 *
 * One small text file per capture in the cache directory (cachefile.h),
 * "choice-" and a hash of the capture's absolute path, keyed by
 *   - the capture: absolute path, device, inode, size, modification and
 *     change times (cachefile_identity);
 *   - the facts the choice was made from (a digest the chooser computes:
 *     kernel GUID, age, build, machine, the stated addresses);
 *   - the symbol files (symindex_files_digest: the index's own keys).
 * Any difference and the file is stale: the choice is made again and the
 * file rewritten.  The file is untrusted input like every cache: it must
 * end in the SHA-256 of everything before it and parse strictly (every
 * line in its place, bounded texts without control bytes), and the table
 * it names must still have the identity it had.  A checksum catches
 * damage, not forgery, so the chooser also checks the named table, loaded
 * in full, against the capture (profile_select.c) and calls
 * choicecache_forget() when they disagree.  Format: choicecache.c. */
#ifndef EPROC_SYMBOLS_CHOICECACHE_H
#define EPROC_SYMBOLS_CHOICECACHE_H

#define CHOICE_CACHE_KEEP 64        /* choice files kept (the oldest go) */
#define CHOICE_MAX_WARNINGS 16      /* a choice that warned more is not cached */
#define CHOICE_TEXT_MAX 1024        /* longest warning kept */
#define CHOICE_REASON_MAX 400       /* = sizeof kernel.profile_reason */

struct choice_key {
    char capture[4400];             /* the capture's identity */
    char facts[65];                 /* hex digests */
    char symbols[65];
    char file[4300];                /* the cache file */
};

struct choice_record {
    unsigned kind;                  /* the chooser's enum profile_choice value */
    char table[4096];               /* the chosen table's absolute path */
    unsigned agree, disagree;       /* the scores the reason quotes */
    unsigned several;               /* several tables scored equally (the fallback says so) */
    char reason[CHOICE_REASON_MAX];
    unsigned nwarnings;             /* said while choosing, in order */
    char warnings[CHOICE_MAX_WARNINGS][CHOICE_TEXT_MAX];
};

/* Fill key for the capture at capture_path; -1 when it cannot be keyed
 * (not a regular file, no cache directory): then nothing is cached. */
int choicecache_key(struct choice_key *key, const char *capture_path, const char *facts_hex,
                    const char *symbols_hex);

/* 0 with rec filled when the file holds a well-formed choice for exactly
 * this key whose table is unchanged; -1 when there is no file; -2 when it
 * is stale or corrupt (the caller chooses and rewrites it). */
int choicecache_read(const struct choice_key *key, struct choice_record *rec);

/* Write (atomically) the choice for key; -1 on failure, which callers
 * ignore: a cache only saves time. */
int choicecache_write(const struct choice_key *key, const struct choice_record *rec);

/* Remove the file for key (its choice proved wrong). */
void choicecache_forget(const struct choice_key *key);

#endif
