/* The built-in seed-build profile: the seed's layouts exactly, a
 * consistent kernel image layout, and a round trip through the ISF writer
 * and loader. */
#include <string.h>

#include "fixture.h"
#include "symbols/builtin_26100.h"
#include "symbols/isf.h"
#include "test.h"

static uint32_t off(const struct isf *isf, const char *type, const char *field)
{
    const struct isf_field *f = isf_field(isf_user_type(isf, type), field);
    return f ? f->offset : 0xffffffffu;
}

TEST(builtin_seed_layouts)
{
    struct isf *isf = isf_builtin_26100();
    CHECK(isf != NULL);
    if (!isf)
        return;
    /* ../shared/seeds/001: _EPROCESS (0x840 bytes) and _ETHREAD (0x788). */
    CHECK_EQ_U64(isf_user_type(isf, "_EPROCESS")->size, 0x840);
    CHECK_EQ_U64(isf_user_type(isf, "_ETHREAD")->size, 0x788);
    CHECK_EQ_U64(off(isf, "_EPROCESS", "UniqueProcessId"), 0x1d0);
    CHECK_EQ_U64(off(isf, "_EPROCESS", "ActiveProcessLinks"), 0x1d8);
    CHECK_EQ_U64(off(isf, "_EPROCESS", "CreateTime"), 0x1f8);
    CHECK_EQ_U64(off(isf, "_EPROCESS", "Token"), 0x248);
    CHECK_EQ_U64(off(isf, "_EPROCESS", "InheritedFromUniqueProcessId"), 0x2d0);
    CHECK_EQ_U64(off(isf, "_EPROCESS", "Peb"), 0x2e0);
    CHECK_EQ_U64(off(isf, "_EPROCESS", "ObjectTable"), 0x300);
    CHECK_EQ_U64(off(isf, "_EPROCESS", "ImageFileName"), 0x338);
    CHECK_EQ_U64(off(isf, "_EPROCESS", "ThreadListHead"), 0x370);
    CHECK_EQ_U64(off(isf, "_EPROCESS", "VadRoot"), 0x558);
    CHECK_EQ_U64(off(isf, "_EPROCESS", "ExitTime"), 0x5c0);
    CHECK_EQ_U64(off(isf, "_EPROCESS", "Protection"), 0x5fa);
    CHECK_EQ_U64(off(isf, "_EPROCESS", "ThreadIndexTable"), 0x800);
    const struct isf_field *f = isf_field(isf_user_type(isf, "_EPROCESS"), "ProcessExiting");
    CHECK(f && f->offset == 0x1f4 && f->type.kind == ISF_KIND_BITFIELD && f->type.bit_position == 2);
    CHECK_EQ_U64(off(isf, "_ETHREAD", "CreateTime"), 0x4c0);
    CHECK_EQ_U64(off(isf, "_ETHREAD", "Cid"), 0x508);
    CHECK_EQ_U64(off(isf, "_ETHREAD", "Win32StartAddress"), 0x560);
    CHECK_EQ_U64(off(isf, "_ETHREAD", "ThreadListEntry"), 0x578);
    CHECK_EQ_U64(off(isf, "_ETHREAD", "ThreadName"), 0x6a0);
    CHECK_EQ_U64(off(isf, "_ETHREAD", "ThreadIndex"), 0x780);
    CHECK_STR(isf->guid, BUILTIN_26100_GUID);
    isf_free(isf);
}

TEST(builtin_image_layout)
{
    size_t ns, nsym;
    const struct builtin_section *s = builtin_26100_section_table(&ns);
    const struct builtin_symbol *y = builtin_26100_symbol_table(&nsym);
    CHECK(ns > 0 && nsym > 0);
    for (size_t i = 0; i < ns; i++) {
        CHECK(i == 0 || s[i].rva == s[i - 1].rva + s[i - 1].vsize);
        CHECK(s[i].rva % 0x1000 == 0 && s[i].vsize % 0x1000 == 0 && strlen(s[i].name) <= 8);
    }
    CHECK_EQ_U64(s[ns - 1].rva + s[ns - 1].vsize, BUILTIN_26100_IMAGE_SIZE);
    struct isf *isf = isf_builtin_26100();
    for (size_t i = 0; i < nsym && isf; i++) {
        const struct builtin_section *in = NULL;
        for (size_t j = 0; j < ns; j++)
            if (strcmp(s[j].name, y[i].section) == 0)
                in = &s[j];
        CHECK(in && y[i].rva >= in->rva && y[i].rva + y[i].size <= in->rva + in->vsize);
        CHECK(i == 0 || y[i].rva >= y[i - 1].rva + y[i - 1].size);
        const struct isf_symbol *sym = isf_symbol(isf, y[i].name);
        CHECK(sym && sym->address == y[i].rva);
    }
    isf_free(isf);
}

TEST(builtin_roundtrip_through_isf_file)
{
    struct isf *isf = isf_builtin_26100();
    struct ep_error err = {{0}};
    const char *p = fx_path("builtin.json.xz");
    CHECK(isf && isf_write_file(isf, p, 1, &err) == 0);
    struct isf *back = isf_load_file(p, &err);
    CHECK(back != NULL);
    if (isf && back) {
        CHECK_EQ_U64(back->nuser, isf->nuser);
        CHECK_EQ_U64(back->nsym, isf->nsym);
        CHECK_EQ_U64(back->nenum, isf->nenum);
        CHECK_EQ_U64(off(back, "_EPROCESS", "ActiveProcessLinks"), 0x1d8);
        CHECK_STR(back->guid, isf->guid);
    }
    isf_free(back);
    isf_free(isf);
}
