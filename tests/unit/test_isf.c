/* ISF loading: every type kind, .json and .json.xz, the builder/writer
 * round trip, the fast symbol scan, and malformed files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "symbols/isf.h"
#include "symbols/isf_cache.h"
#include "symbols/isf_internal.h"
#include "symbols/symscan.h"
#include "test.h"

static const char *good_isf =
    "{\"metadata\":{\"format\":\"6.1.0\",\"producer\":{\"name\":\"t\",\"version\":\"1\"},"
    " \"windows\":{\"pdb\":{\"GUID\":\"0123456789abcdef0123456789ABCDEF\",\"age\":3,"
    "  \"database\":\"ntkrnlmp.pdb\",\"machine_type\":34404}}},"
    "\"base_types\":{\"pointer\":{\"kind\":\"int\",\"size\":8,\"signed\":false,\"endian\":\"little\"},"
    " \"unsigned long\":{\"kind\":\"int\",\"size\":4,\"signed\":false,\"endian\":\"little\"},"
    " \"unsigned char\":{\"kind\":\"char\",\"size\":1,\"signed\":false,\"endian\":\"little\"},"
    " \"void\":{\"kind\":\"void\",\"size\":0,\"signed\":true,\"endian\":\"little\"}},"
    "\"user_types\":{"
    " \"_LIST_ENTRY\":{\"kind\":\"struct\",\"size\":16,\"fields\":{"
    "   \"Flink\":{\"offset\":0,\"type\":{\"kind\":\"pointer\",\"subtype\":{\"kind\":\"struct\",\"name\":\"_LIST_ENTRY\"}}},"
    "   \"Blink\":{\"offset\":8,\"type\":{\"kind\":\"pointer\",\"subtype\":{\"kind\":\"struct\",\"name\":\"_LIST_ENTRY\"}}}}},"
    " \"_U\":{\"kind\":\"union\",\"size\":8,\"fields\":{\"A\":{\"offset\":0,\"type\":{\"kind\":\"base\",\"name\":\"pointer\"}}}},"
    " \"_C\":{\"kind\":\"class\",\"size\":4,\"fields\":{}},"
    " \"_EPROCESS\":{\"kind\":\"struct\",\"size\":64,\"fields\":{"
    "   \"Links\":{\"offset\":8,\"type\":{\"kind\":\"struct\",\"name\":\"_LIST_ENTRY\"}},"
    "   \"Name\":{\"offset\":24,\"type\":{\"kind\":\"array\",\"count\":15,\"subtype\":{\"kind\":\"base\",\"name\":\"unsigned char\"}}},"
    "   \"Exiting\":{\"offset\":40,\"type\":{\"kind\":\"bitfield\",\"bit_position\":2,\"bit_length\":1,\"type\":{\"kind\":\"base\",\"name\":\"unsigned long\"}}},"
    "   \"State\":{\"offset\":44,\"type\":{\"kind\":\"enum\",\"name\":\"_STATE\"}},"
    "   \"U\":{\"offset\":48,\"type\":{\"kind\":\"union\",\"name\":\"_U\"}},"
    "   \"Fn\":{\"offset\":56,\"type\":{\"kind\":\"pointer\",\"subtype\":{\"kind\":\"function\"}}}}}},"
    "\"enums\":{\"_STATE\":{\"size\":4,\"base\":\"unsigned long\",\"constants\":{\"Running\":2,\"Waiting\":5}}},"
    "\"symbols\":{\"PsActiveProcessHead\":{\"address\":12705856},"
    " \"KiSystemCall64\":{\"address\":4096,\"type\":{\"kind\":\"function\"}},\"NoAddress\":{}}}";

static void check_model(const struct isf *isf)
{
    CHECK_STR(isf->guid, "0123456789ABCDEF0123456789ABCDEF");
    CHECK_EQ_U64(isf->age, 3);
    CHECK_STR(isf->pdb_name, "ntkrnlmp.pdb");
    CHECK_EQ_U64(isf->machine_type, 0x8664);
    const struct isf_user_type *ep = isf_user_type(isf, "_EPROCESS");
    CHECK(ep != NULL);
    if (!ep)
        return;
    CHECK_EQ_U64(ep->size, 64);
    const struct isf_field *f = isf_field(ep, "Links");
    CHECK(f && f->offset == 8 && f->type.kind == ISF_KIND_STRUCT);
    f = isf_field(ep, "Name");
    CHECK(f && f->type.kind == ISF_KIND_ARRAY && f->type.count == 15);
    CHECK(f && isf_type_size(isf, &f->type) == 15);
    f = isf_field(ep, "Exiting");
    CHECK(f && f->type.kind == ISF_KIND_BITFIELD && f->type.bit_position == 2 && f->type.bit_length == 1);
    CHECK(f && isf_type_size(isf, &f->type) == 4);
    f = isf_field(ep, "State");
    CHECK(f && f->type.kind == ISF_KIND_ENUM);
    CHECK(f && isf_type_size(isf, &f->type) == 4);
    f = isf_field(ep, "U");
    CHECK(f && f->type.kind == ISF_KIND_UNION && isf_type_size(isf, &f->type) == 8);
    f = isf_field(ep, "Fn");
    CHECK(f && f->type.kind == ISF_KIND_POINTER && f->type.sub && f->type.sub->kind == ISF_KIND_FUNCTION);
    CHECK(f && isf_type_size(isf, &f->type) == 8);
    CHECK(isf_field(ep, "Nope") == NULL);
    const struct isf_user_type *le = isf_user_type(isf, "_LIST_ENTRY");
    CHECK(le && isf_field(le, "Blink") && isf_field(le, "Blink")->offset == 8);
    CHECK(isf_user_type(isf, "_C") && isf_user_type(isf, "_C")->kind == ISF_KIND_CLASS);
    const struct isf_enum *e = isf_enum(isf, "_STATE");
    CHECK(e && e->nconstants == 2);
    const struct isf_symbol *s = isf_symbol(isf, "PsActiveProcessHead");
    CHECK(s && s->has_address && s->address == 12705856);
    s = isf_symbol(isf, "NoAddress");
    CHECK(s && !s->has_address);
    s = isf_symbol(isf, "KiSystemCall64");
    CHECK(s && s->type && s->type->kind == ISF_KIND_FUNCTION);
}

TEST(isf_load_json_and_xz)
{
    struct ep_error err = {{0}};
    const char *pj = fx_path("t.json");
    fx_write_file(pj, good_isf, strlen(good_isf));
    struct isf *isf = isf_load_file(pj, &err);
    CHECK(isf != NULL);
    if (isf) {
        check_model(isf);
        isf_free(isf);
    } else {
        fprintf(stderr, "  %s\n", err.msg);
    }

    uint8_t *xz;
    size_t xzlen;
    CHECK(xz_compress(good_isf, strlen(good_isf), &xz, &xzlen) == 0);
    const char *px = fx_path("t.json.xz");
    fx_write_file(px, xz, xzlen);
    isf = isf_load_file(px, &err);
    CHECK(isf != NULL);
    if (isf) {
        check_model(isf);
        isf_free(isf);
    }
    /* The fast symbol scan reads the same addresses from both forms. */
    for (int i = 0; i < 2; i++) {
        struct isf_symbols *s = isf_symbols_load(i ? px : pj, &err);
        CHECK(s != NULL);
        if (!s)
            continue;
        uint64_t a = 0;
        CHECK(isf_symbols_find(s, "PsActiveProcessHead", &a) == 0 && a == 12705856);
        CHECK(isf_symbols_find(s, "NoAddress", &a) != 0);
        CHECK_STR(s->guid, "0123456789ABCDEF0123456789ABCDEF");
        CHECK_EQ_U64(s->age, 3);
        isf_symbols_free(s);
    }
    /* Truncated xz. */
    fx_write_file(fx_path("trunc.json.xz"), xz, xzlen / 2);
    CHECK(isf_load_file(fx_path("trunc.json.xz"), &err) == NULL);
    CHECK(strstr(err.msg, "xz") != NULL);
    free(xz);
}

TEST(isf_builder_writer_roundtrip)
{
    struct isf_builder *b = isf_builder_new("ntkrnlmp.pdb", "00112233445566778899AABBCCDDEEFF", 1);
    isfb_x64_base_types(b);
    isfb_struct(b, "_LIST_ENTRY", 16);
    isfb_field(b, "Flink", 0, isft_pointer(b, isft_struct(b, "_LIST_ENTRY")));
    isfb_field(b, "Blink", 8, isft_pointer(b, isft_struct(b, "_LIST_ENTRY")));
    isfb_struct(b, "_X", 0x20);
    isfb_field(b, "Bits", 0, isft_bitfield(b, 3, 5, isft_base(b, "unsigned long")));
    isfb_field(b, "Arr", 4, isft_array(b, 4, isft_base(b, "unsigned short")));
    isfb_field(b, "Links", 0x10, isft_struct(b, "_LIST_ENTRY"));
    isfb_enum(b, "_E", 4, "int");
    isfb_enum_constant(b, "One", 1);
    isfb_symbol(b, "PsActiveProcessHead", 0xc1e0c0);
    struct ep_error err = {{0}};
    struct isf *isf = isf_builder_finish(b, &err);
    CHECK(isf != NULL);
    if (!isf)
        return;
    const char *p = fx_path("rt.json.xz");
    CHECK(isf_write_file(isf, p, 1, &err) == 0);
    struct isf *back = isf_load_file(p, &err);
    CHECK(back != NULL);
    if (back) {
        CHECK_STR(back->guid, "00112233445566778899AABBCCDDEEFF");
        const struct isf_user_type *x = isf_user_type(back, "_X");
        CHECK(x && x->size == 0x20 && x->nfields == 3);
        const struct isf_field *f = isf_field(x, "Bits");
        CHECK(f && f->type.kind == ISF_KIND_BITFIELD && f->type.bit_position == 3 && f->type.bit_length == 5);
        f = isf_field(x, "Arr");
        CHECK(f && isf_type_size(back, &f->type) == 8);
        CHECK(isf_symbol(back, "PsActiveProcessHead")->address == 0xc1e0c0);
        CHECK(isf_enum(back, "_E")->constants[0].value == 1);
        CHECK_EQ_U64(back->nbase, isf->nbase);
        isf_free(back);
    }
    isf_free(isf);

    /* A dangling reference is rejected with its location. */
    b = isf_builder_new("x.pdb", "", 0);
    isfb_x64_base_types(b);
    isfb_struct(b, "_A", 8);
    isfb_field(b, "P", 0, isft_pointer(b, isft_struct(b, "_MISSING")));
    CHECK(isf_builder_finish(b, &err) == NULL);
    CHECK(strstr(err.msg, "_A.P refers to undefined type _MISSING") != NULL);
}

static void expect_malformed(const char *text, const char *needle)
{
    struct ep_error err = {{0}};
    struct isf *isf = isf_load_buffer(text, strlen(text), "bad.json", &err);
    CHECK(isf == NULL);
    isf_free(isf);
    if (!strstr(err.msg, needle) || strncmp(err.msg, "bad.json: ", 10) != 0) {
        fprintf(stderr, "  error \"%s\" lacks \"%s\"\n", err.msg, needle);
        test_failed_checks++;
    }
}

TEST(isf_malformed_files)
{
    expect_malformed("", "empty symbol file");
    expect_malformed("not json", "not a valid JSON symbol table");
    expect_malformed("[1,2]", "is not a JSON object");
    expect_malformed("{\"base_types\":{}}", "metadata is missing");
    expect_malformed("{\"metadata\":{\"format\":\"9.0.0\"}}", "metadata.format");
    const char *head = "{\"metadata\":{\"format\":\"6.1.0\"},\"base_types\":{},\"enums\":{},\"symbols\":{},";
    char buf[2048];
    snprintf(buf, sizeof buf, "%s\"user_types\":{\"_A\":{\"kind\":\"struct\",\"size\":-4,\"fields\":{}}}}", head);
    expect_malformed(buf, "user_types._A.size");
    snprintf(buf, sizeof buf, "%s\"user_types\":{\"_A\":{\"kind\":\"enum\",\"size\":4,\"fields\":{}}}}", head);
    expect_malformed(buf, "not struct, union or class");
    snprintf(buf, sizeof buf,
             "%s\"user_types\":{\"_A\":{\"kind\":\"struct\",\"size\":4,\"fields\":{\"F\":{\"offset\":0,"
             "\"type\":{\"kind\":\"bitfield\",\"bit_position\":60,\"bit_length\":8,\"type\":{\"kind\":\"base\",\"name\":\"x\"}}}}}}}",
             head);
    expect_malformed(buf, "impossible bit range");
    snprintf(buf, sizeof buf,
             "%s\"user_types\":{\"_A\":{\"kind\":\"struct\",\"size\":4,\"fields\":{\"F\":{\"offset\":0,"
             "\"type\":{\"kind\":\"wormhole\"}}}}}}", head);
    expect_malformed(buf, "unknown kind");
    /* Deeply nested pointer types are refused, not recursed into. */
    char deep[8192];
    size_t n = (size_t)snprintf(deep, sizeof deep,
                                "%s\"user_types\":{\"_A\":{\"kind\":\"struct\",\"size\":4,\"fields\":{\"F\":{\"offset\":0,\"type\":",
                                head);
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(deep + n, sizeof deep - n, "{\"kind\":\"pointer\",\"subtype\":");
    n += (size_t)snprintf(deep + n, sizeof deep - n, "{\"kind\":\"base\",\"name\":\"void\"}");
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(deep + n, sizeof deep - n, "}");
    snprintf(deep + n, sizeof deep - n, "}}}}}");
    expect_malformed(deep, "nests types too deeply");
    expect_malformed("{\"metadata\":{\"format\":\"6.1.0\",\"windows\":{\"pdb\":{\"GUID\":\"xyz\",\"age\":1,"
                     "\"database\":\"n.pdb\"}}}}", "GUID");
    snprintf(buf, sizeof buf, "{\"metadata\":{\"format\":\"6.1.0\"},\"base_types\":{},\"enums\":{},"
             "\"user_types\":{},\"symbols\":{\"S\":{\"address\":\"0x10\"}}}");
    expect_malformed(buf, "symbols.S");
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (n == cap) {
            char *p = realloc(buf, cap = cap ? cap * 2 : 1 << 16);
            if (!p)
                break;
            buf = p;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got);
    fclose(f);
    *len = n;
    return buf;
}

/* Two models are the same when they write the same ISF JSON. */
static void check_same_model(const struct isf *a, const struct isf *b)
{
    struct ep_error err = {{0}};
    char pa[512], pb[512];
    snprintf(pa, sizeof pa, "%s", fx_path("model-a.json"));
    snprintf(pb, sizeof pb, "%s", fx_path("model-b.json"));
    CHECK(isf_write_file(a, pa, 0, &err) == 0);
    CHECK(isf_write_file(b, pb, 0, &err) == 0);
    size_t la = 0, lb = 0;
    char *ta = slurp(pa, &la), *tb = slurp(pb, &lb);
    CHECK(ta && tb && la > 0 && la == lb && memcmp(ta, tb, la) == 0);
    CHECK_STR(a->source, b->source);
    free(ta);
    free(tb);
}

/* The cache of parsed tables (isf_cache.h): a copy decodes to the same
 * model, and any damage, another key or a trailing byte is refused. */
TEST(isf_cache_copy)
{
    struct ep_error err = {{0}};
    struct isf *isf = isf_load_buffer(good_isf, strlen(good_isf), "t.json", &err);
    CHECK(isf != NULL);
    if (!isf)
        return;
    size_t len = 0;
    uint8_t *copy = isf_cache_encode(isf, "the key", &len);
    CHECK(copy != NULL);
    if (!copy) {
        isf_free(isf);
        return;
    }
    struct isf *back = isf_cache_decode(copy, len, "the key", "t.json");
    CHECK(back != NULL);
    if (back) {
        check_model(back);
        check_same_model(isf, back);
    }
    isf_free(back);
    CHECK(isf_cache_decode(copy, len, "another key", "t.json") == NULL);
    for (size_t cut = 0; cut < len; cut += 7)
        CHECK(isf_cache_decode(copy, cut, "the key", "t.json") == NULL);
    for (size_t i = 0; i < len; i++) {
        copy[i] ^= 0x20;
        CHECK(isf_cache_decode(copy, len, "the key", "t.json") == NULL);
        copy[i] ^= 0x20;
    }
    free(copy);
    isf_free(isf);
}

/* The real tables in ../shared/data load, both ways, and agree. */
TEST(isf_real_tables)
{
    const char *shared = test_shared_data();
    if (!shared) {
        test_skip("isf_real_tables: ../shared/data absent");
        return;
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/isf/windows/ntkrnlmp.pdb/5278AFF86C341677D7D7835C85B7B844-1.json.xz", shared);
    struct ep_error err = {{0}};
    struct isf *isf = isf_load_file(path, &err);
    CHECK(isf != NULL);
    struct isf_symbols *s = isf_symbols_load(path, &err);
    CHECK(s != NULL);
    if (isf && s) {
        CHECK_STR(isf->guid, "5278AFF86C341677D7D7835C85B7B844");
        CHECK_EQ_U64(isf->nsym, s->n);
        const struct isf_user_type *ep = isf_user_type(isf, "_EPROCESS");
        /* Windows 10 19041 x64: ActiveProcessLinks at 0x448, ImageFileName at 0x5a8. */
        CHECK(ep && isf_field(ep, "ActiveProcessLinks")->offset == 0x448);
        CHECK(ep && isf_field(ep, "ImageFileName")->offset == 0x5a8);
        uint64_t a = 0;
        CHECK(isf_symbols_find(s, "PsActiveProcessHead", &a) == 0);
        CHECK_EQ_U64(a, isf_symbol(isf, "PsActiveProcessHead")->address);
    }
    /* Only the wanted names, stopping early in the sorted symbols section:
     * the same addresses as the full model, absent names absent. */
    static const char *const wanted[] = { "PsLoadedModuleList", "MmPfnDatabase", "PsActiveProcessHead",
                                          "NoSuchSymbolAtAll", "CmNtCSDVersion", "PsLoadedModuleList" };
    struct isf_symbols *w = isf_symbols_load_wanted(path, wanted, 6, &err);
    CHECK(w != NULL);
    if (isf && w) {
        CHECK_STR(w->guid, "5278AFF86C341677D7D7835C85B7B844");
        CHECK_EQ_U64(w->n, 4);
        for (int i = 0; i < 6; i++) {
            uint64_t a = 0;
            const struct isf_symbol *sym = isf_symbol(isf, wanted[i]);
            CHECK((isf_symbols_find(w, wanted[i], &a) == 0) == (sym && sym->has_address));
            CHECK(!sym || a == sym->address);
        }
    }
    isf_symbols_free(w);
    /* The cached copy of the parsed model is the same model. */
    if (isf) {
        size_t len = 0;
        uint8_t *copy = isf_cache_encode(isf, "key", &len);
        struct isf *back = copy ? isf_cache_decode(copy, len, "key", path) : NULL;
        CHECK(back != NULL);
        if (back)
            check_same_model(isf, back);
        isf_free(back);
        free(copy);
    }
    isf_free(isf);
    isf_symbols_free(s);
}
