/* Which Windows build the forge lays its machine out for, and with which
 * symbol table (docs/forge.md, "Other builds").
 *
 * Build 26100 uses the built-in profile (src/symbols/builtin_26100.c),
 * whose kernel section table and symbol RVAs are the forge's own choice.
 * Any other build uses that build's real kernel table (an ISF file, or a
 * build number looked up in a symbol directory through its BUILDS.txt):
 * every structure it defines is written at its offsets, every kernel global
 * at its address, and the kernel's RSDS record carries its PDB GUID and
 * age, so that readers pick that very table by identity.  A type the
 * build's table lacks entirely (the 32-bit loader structures, which no
 * kernel PDB defines) keeps the built-in profile's layout.
 *
 * The kernel image of such a build gets a section table made from the
 * addresses of the globals the forge writes: runs of globals that the
 * built-in profile keeps in the same section become one section of that
 * name, so every global lies in a section of its kind, and the image ends
 * after the table's highest symbol. */
#include "forge/forge_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "symbols/builtin_26100.h"
#include "symbols/isf.h"
#include "symbols/symdir.h"

/* The NtBuildLab string of each release's first build (the lab the
 * kernel's version resource names; public build strings). */
static const struct { uint32_t build; const char *lab; } release_labs[] = {
    { 14393, "14393.0.amd64fre.rs1_release.160715-1616" },
    { 17763, "17763.1.amd64fre.rs5_release.180914-1434" },
    { 19041, "19041.1.amd64fre.vb_release.191206-1406" },
    { 20348, "20348.1.amd64fre.fe_release.210507-1500" },
    { 22000, "22000.1.amd64fre.co_release.210604-1628" },
    { 26100, BUILTIN_26100_BUILDLAB },
};

static void set_lab(struct forge *f)
{
    snprintf(f->buildlab, sizeof f->buildlab, "%u.1.amd64fre.release", f->build);
    for (size_t i = 0; i < sizeof release_labs / sizeof release_labs[0]; i++)
        if (release_labs[i].build == f->build)
            snprintf(f->buildlab, sizeof f->buildlab, "%s", release_labs[i].lab);
}

/* "19041" or "19041.1288": 0, with *rev 0 when no revision is named. */
static int parse_build(const char *s, uint32_t *build, uint32_t *rev)
{
    char *end;
    unsigned long b = strtoul(s, &end, 10);
    *rev = 0;
    if (end == s || b < 1000 || b > 99999)
        return -1;
    if (*end == '.') {
        const char *r = end + 1;
        unsigned long v = strtoul(r, &end, 10);
        if (end == r || v > 999999)
            return -1;
        *rev = (uint32_t)v;
    }
    if (*end)
        return -1;
    *build = (uint32_t)b;
    return 0;
}

/* Is this profile spec a file rather than a build number? */
static int is_path(const char *spec)
{
    size_t n = strlen(spec);
    return strchr(spec, '/') || (n > 5 && !strcmp(spec + n - 5, ".json")) ||
           (n > 8 && !strcmp(spec + n - 8, ".json.xz"));
}

/* Scan every symbol directory given with -s, and the one a table file
 * sits in (DIR/windows/ntkrnlmp.pdb/FILE), for BUILDS.txt entries. */
static void scan_dirs(const struct forge_options *opt, const char *file, struct symfile_list *list)
{
    for (int i = 0; i < opt->nsymdirs; i++)
        symdir_scan(opt->symdirs[i], list);
    if (file) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s", file);
        for (int up = 0; up < 3; up++) {
            char *slash = strrchr(dir, '/');
            if (!slash)
                return;
            *slash = 0;
        }
        if (dir[0])
            symdir_scan(dir, list);
    }
}

/* The table file for a build (the highest revision when none is named). */
static const struct symfile *find_build(const struct symfile_list *list, uint32_t build, uint32_t rev)
{
    const struct symfile *best = NULL;
    for (unsigned i = 0; i < list->n; i++) {
        const struct symfile *s = &list->files[i];
        if (s->build != build || (rev && s->revision != rev))
            continue;
        if (!best || s->revision > best->revision)
            best = s;
    }
    return best;
}

/* The section table of a build's kernel image (see the top of the file). */
#define MAX_SECTIONS 16
#define MAX_KERNEL_IMAGE (64u << 20)

static int build_sections(struct forge *f, struct ep_error *err)
{
    size_t nb;
    const struct builtin_symbol *bs = builtin_26100_symbol_table(&nb);
    size_t nbs;
    const struct builtin_section *bsec = builtin_26100_section_table(&nbs);
    /* the globals the forge writes, in the build's address order */
    struct placed { uint32_t rva, end; const char *section; } *p = fx_alloc(nb, sizeof *p);
    size_t np = 0;
    for (size_t i = 0; i < nb; i++) {
        const struct isf_symbol *s = isf_symbol(f->isf, bs[i].name);
        if (!s || !s->has_address)
            continue;
        if (s->address < 0x1000 || s->address >= MAX_KERNEL_IMAGE) {
            free(p);
            return ep_fail(err, "%s: symbol %s at 0x%llx lies outside a kernel image", f->isf->source, bs[i].name,
                           (unsigned long long)s->address);
        }
        size_t j = np++;
        while (j > 0 && p[j - 1].rva > s->address) {
            p[j] = p[j - 1];
            j--;
        }
        p[j].rva = (uint32_t)s->address;
        p[j].end = (uint32_t)s->address + (bs[i].size ? bs[i].size : 8);
        p[j].section = bs[i].section;
    }
    /* the image ends after the table's highest symbol */
    uint64_t top = 0;
    for (uint32_t i = 0; i < f->isf->nsym; i++)
        if (f->isf->symbols[i].has_address && f->isf->symbols[i].address < MAX_KERNEL_IMAGE &&
            f->isf->symbols[i].address > top)
            top = f->isf->symbols[i].address;
    for (size_t i = 0; i < np; i++)
        if (p[i].end > top)
            top = p[i].end;
    f->kernel_size = (uint32_t)((top + 0x1000 + 0xFFF) & ~0xFFFull);

    f->ksec = fx_alloc(MAX_SECTIONS, sizeof *f->ksec);
    size_t n = 0;
    for (size_t i = 0; i < np; i++) {
        if (n > 0 && !strcmp(f->ksec[n - 1].name, p[i].section))
            continue;
        uint32_t start = n == 0 ? 0x1000 : p[i].rva & ~0xFFFu;
        /* a boundary must fall after the previous run's globals, and at
         * most MAX_SECTIONS sections: otherwise the run joins the last */
        if (n > 0 && (start <= f->ksec[n - 1].rva || start < p[i - 1].end || n == MAX_SECTIONS))
            continue;
        if (n > 0)
            f->ksec[n - 1].vsize = start - f->ksec[n - 1].rva;
        uint32_t ch = BUILTIN_SCN_IDATA | BUILTIN_SCN_READ;
        for (size_t k = 0; k < nbs; k++)
            if (!strcmp(bsec[k].name, p[i].section))
                ch = bsec[k].characteristics;
        f->ksec[n].name = p[i].section;
        f->ksec[n].rva = start;
        f->ksec[n].characteristics = ch;
        n++;
    }
    free(p);
    if (n == 0)
        return ep_fail(err, "%s: defines none of the kernel globals the forge writes", f->isf->source);
    f->ksec[n - 1].vsize = f->kernel_size - f->ksec[n - 1].rva;
    f->nksec = n;
    f->ksections = f->ksec;
    return 0;
}

int forge_profile_load(struct forge *f, const struct forge_options *opt, struct ep_error *err)
{
    const char *spec = opt->profile ? opt->profile : f->sc->profile;
    uint32_t build = 0, rev = 0;
    int path = is_path(spec);
    if (!path && parse_build(spec, &build, &rev)) {
        ep_fail(err, "--profile '%s' is neither a build number (19041, 19041.1288) nor a .json/.json.xz "
                "symbol table", spec);
        return -2;
    }
    if (!path && build == BUILTIN_26100_BUILD) {
        f->isf = isf_builtin_26100();
        if (!f->isf)
            return ep_fail(err, "the built-in 26100 profile failed to build");
        snprintf(f->guid, sizeof f->guid, "%s", f->isf->guid[0] ? f->isf->guid : BUILTIN_26100_GUID);
        f->age = f->isf->age ? f->isf->age : BUILTIN_26100_AGE;
        f->build = BUILTIN_26100_BUILD;
        snprintf(f->table, sizeof f->table, "built-in 26100");
        size_t n;
        f->kernel_size = BUILTIN_26100_IMAGE_SIZE;
        f->ksections = builtin_26100_section_table(&n);
        f->nksec = n;
        set_lab(f);
        return 0;
    }

    struct symfile_list list = {0};
    scan_dirs(opt, path ? spec : NULL, &list);
    char file[4096];
    snprintf(file, sizeof file, "%s", spec);
    if (!path) {
        const struct symfile *s = find_build(&list, build, rev);
        if (!s) {
            int rc = ep_fail(err, "profile %s: no table for build %s in the symbol directories%s (-s DIR with the "
                             "build's ntkrnlmp.pdb table and a BUILDS.txt naming it)", spec, spec,
                             opt->nsymdirs ? "" : " (none given)");
            symfile_list_free(&list);
            return rc;
        }
        snprintf(file, sizeof file, "%s", s->path);
        rev = s->revision;
    }
    f->isf = isf_load_file(file, err);
    if (!f->isf) {
        symfile_list_free(&list);
        return -1;
    }
    if (path) {
        const struct symfile *s = symdir_find(&list, f->isf->guid, f->isf->age);
        if (s && s->build) {
            build = s->build;
            rev = s->revision;
        }
    }
    symfile_list_free(&list);
    if (!build)
        return ep_fail(err, "%s: no BUILDS.txt beside it or in the -s directories names its build (%s-%u)", file,
                       f->isf->guid, f->isf->age);
    if (strcasecmp(f->isf->pdb_name, "ntkrnlmp.pdb") != 0 || !f->isf->guid[0] ||
        (f->isf->machine_type && f->isf->machine_type != 0x8664))
        return ep_fail(err, "%s: not an x64 ntkrnlmp.pdb table with a PDB GUID", file);
    snprintf(f->guid, sizeof f->guid, "%s", f->isf->guid);
    f->age = f->isf->age;
    f->build = build;
    f->revision = rev;
    f->external = 1;
    snprintf(f->table, sizeof f->table, "%s", file);
    set_lab(f);
    f->model = isf_builtin_26100();
    if (!f->model)
        return ep_fail(err, "the built-in 26100 profile failed to build");
    return build_sections(f, err);
}
