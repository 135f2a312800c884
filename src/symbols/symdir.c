#include "base/sort.h"
#include "symbols/symdir.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/diag.h"

/* Volatility's complete Windows symbol pack holds a few thousand kernel
 * tables; 10,000 entries (about 42 MiB) bound a hostile directory. */
#define MAX_SYMFILES 10000u

static const char *const kernel_pdbs[] = { "ntkrnlmp.pdb", "ntoskrnl.pdb", "ntkrpamp.pdb", "ntkrnlpa.pdb",
                                           "ntkrla57.pdb" };

/* "GUID-AGE.json" or "GUID-AGE.json.xz" -> guid, age. */
static int parse_name(const char *name, char guid[33], uint32_t *age)
{
    size_t n = strlen(name);
    const char *ext = NULL;
    if (n > 8 && strcmp(name + n - 8, ".json.xz") == 0)
        ext = name + n - 8;
    else if (n > 5 && strcmp(name + n - 5, ".json") == 0)
        ext = name + n - 5;
    if (!ext || n < 34 || name[32] != '-')
        return -1;
    for (int i = 0; i < 32; i++) {
        if (!isxdigit((unsigned char)name[i]))
            return -1;
        guid[i] = (char)toupper((unsigned char)name[i]);
    }
    guid[32] = 0;
    char *end;
    unsigned long a = strtoul(name + 33, &end, 16);
    if (end != ext || end == name + 33 || a > UINT32_MAX)
        return -1;
    *age = (uint32_t)a;
    return 0;
}

static void add(struct symfile_list *list, const struct symfile *f)
{
    if (list->n >= MAX_SYMFILES)
        return;
    if (list->n == list->cap) {
        unsigned c = list->cap ? list->cap * 2 : 64;
        struct symfile *p = realloc(list->files, c * sizeof *p);
        if (!p)
            return;
        list->files = p;
        list->cap = c;
    }
    list->files[list->n++] = *f;
}

/* BUILDS.txt: "MAJOR.MINOR.BUILD.REV GUIDAGE" per line, GUIDAGE being the
 * 32 hex GUID digits followed by the age in hex. */
static void apply_builds(const char *dir, struct symfile_list *list, unsigned first)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/BUILDS.txt", dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        unsigned maj, min, build, rev;
        char ga[64];
        if (sscanf(line, "%u.%u.%u.%u %63s", &maj, &min, &build, &rev, ga) != 5 || strlen(ga) < 33)
            continue;
        char guid[33];
        for (int i = 0; i < 32; i++)
            guid[i] = (char)toupper((unsigned char)ga[i]);
        guid[32] = 0;
        uint32_t age = (uint32_t)strtoul(ga + 32, NULL, 16);
        for (unsigned i = first; i < list->n; i++)
            if (strcmp(list->files[i].guid, guid) == 0 && list->files[i].age == age) {
                list->files[i].build = build;
                list->files[i].revision = rev;
            }
    }
    fclose(f);
}

static int scan_pdb_dir(const char *pdbdir, const char *pdb, struct symfile_list *list)
{
    DIR *d = opendir(pdbdir);
    if (!d)
        return 0;
    int found = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        struct symfile f;
        memset(&f, 0, sizeof f);
        if (parse_name(e->d_name, f.guid, &f.age) != 0)
            continue;
        if ((size_t)snprintf(f.path, sizeof f.path, "%s/%s", pdbdir, e->d_name) >= sizeof f.path)
            continue;
        snprintf(f.pdb_name, sizeof f.pdb_name, "%s", pdb);
        add(list, &f);
        found++;
    }
    closedir(d);
    return found;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const struct symfile *)a)->path, ((const struct symfile *)b)->path);
}

int symdir_scan(const char *dir, struct symfile_list *list)
{
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        ep_warn("%s: symbol directory does not exist or is not a directory", dir);
        return -1;
    }
    unsigned first = list->n;
    int found = 0;
    char path[4096];
    for (size_t i = 0; i < sizeof kernel_pdbs / sizeof kernel_pdbs[0]; i++) {
        /* DIR/windows/PDB (Volatility's layout) or DIR/PDB (the windows
         * folder itself was given). */
        snprintf(path, sizeof path, "%s/windows/%s", dir, kernel_pdbs[i]);
        found += scan_pdb_dir(path, kernel_pdbs[i], list);
        snprintf(path, sizeof path, "%s/%s", dir, kernel_pdbs[i]);
        found += scan_pdb_dir(path, kernel_pdbs[i], list);
    }
    /* An empty directory leaves list->files NULL: NULL + 0 is undefined
     * behaviour in C, so there is nothing to sort or annotate. */
    if (!found || list->n == first)
        return 0;
    /* Directory order is the file system's: sort for deterministic choices. */
    sort_items(list->files + first, list->n - first, sizeof *list->files, by_path);
    apply_builds(dir, list, first);
    return (int)(list->n - first);
}

void symfile_list_free(struct symfile_list *list)
{
    free(list->files);
    memset(list, 0, sizeof *list);
}

const struct symfile *symdir_find(const struct symfile_list *list, const char *guid, uint32_t age)
{
    for (unsigned i = 0; i < list->n; i++)
        if (strcasecmp(list->files[i].guid, guid) == 0 && list->files[i].age == age)
            return &list->files[i];
    return NULL;
}
