/* Symbol directories laid out like Volatility 3's:
 *   DIR/windows/<pdb name>/<GUID>-<AGE>.json.xz   (or .json)
 * and, optionally, DIR/BUILDS.txt mapping Windows versions to GUID+age
 * ("10.0.19041.804 5278aff86c341677d7d7835c85b7b8441" per line, the
 * index JPCERT/CC's Windows-Symbol-Tables ships), which lets eproc pick a
 * same-build table when no table matches exactly. */
#ifndef EPROC_SYMBOLS_SYMDIR_H
#define EPROC_SYMBOLS_SYMDIR_H

#include <stdint.h>

struct symfile {
    char path[4096];
    char pdb_name[64];
    char guid[33];
    uint32_t age;
    uint32_t build, revision;    /* from BUILDS.txt; 0 if not listed */
};

struct symfile_list {
    struct symfile *files;
    unsigned n, cap;
};

/* Add every kernel symbol file found under dir (see above).  Returns how
 * many were added (0: a directory without tables; the caller decides what
 * that means), or -1 for a missing directory, which is warned about. */
int symdir_scan(const char *dir, struct symfile_list *list);
void symfile_list_free(struct symfile_list *list);

/* The file for exactly this PDB GUID+age, or NULL. */
const struct symfile *symdir_find(const struct symfile_list *list, const char *guid, uint32_t age);

#endif
