/* Forge unit tests: the pieces that must hold whatever the scenario. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"

#include "forge/forge_int.h"
#include "symbols/isf.h"

TEST(forge_rng_is_deterministic)
{
    struct rng a, b;
    rng_seed(&a, 42, 1);
    rng_seed(&b, 42, 1);
    for (int i = 0; i < 100; i++)
        CHECK_EQ_U64(rng_next(&a), rng_next(&b));
    rng_seed(&b, 43, 1);
    CHECK(rng_next(&a) != rng_next(&b));
    for (int i = 0; i < 1000; i++) {
        uint64_t v = rng_range(&a, 0x100, 0x1FF);
        CHECK(v >= 0x100 && v <= 0x1FF);
    }
}

TEST(forge_machine_is_sparse_and_scattered)
{
    struct machine m;
    struct ep_error err;
    CHECK(mach_init(&m, 256ULL << 20, 7, &err) == 0);
    uint64_t prev = 0, ascending = 0;
    for (int i = 0; i < 64; i++) {
        uint64_t pa = mach_alloc_frame(&m);
        CHECK(pa != 0 && pa % PAGE == 0);
        CHECK(mach_pa_is_ram(&m, pa));
        if (pa > prev)
            ascending++;
        prev = pa;
    }
    CHECK(ascending < 60);                 /* not handed out in address order */
    CHECK_EQ_U64(m.pages_stored, 0);       /* allocating stores nothing */
    uint8_t zero[64] = {0}, one[8] = {1};
    mach_write(&m, 0x200000, zero, sizeof zero);
    CHECK_EQ_U64(m.pages_stored, 0);       /* zeros keep a page absent */
    mach_write(&m, 0x200010, one, sizeof one);
    CHECK_EQ_U64(m.pages_stored, 1);
    CHECK_EQ_U64(mach_r64(&m, 0x200010), 1);
    mach_free(&m);
}

TEST(forge_layout_resolves_against_builtin_profile)
{
    struct isf *isf = isf_builtin_26100();
    CHECK(isf != NULL);
    if (!isf)
        return;
    struct layout L;
    struct ep_error err = {{0}};
    CHECK(forge_layout_resolve(isf, &L, &err) == 0);
    /* the seed's layout (seed 001) */
    CHECK_EQ_U64(L.ep_UniqueProcessId.off, 0x1d0);
    CHECK_EQ_U64(L.ep_ActiveProcessLinks.off, 0x1d8);
    CHECK_EQ_U64(L.ep_ImageFileName.off, 0x338);
    CHECK_EQ_U64(L.ep_Peb.off, 0x2e0);
    CHECK_EQ_U64(L.et_CidThread.off, 0x510);
    CHECK_EQ_U64(L.et_ThreadListEntry.off, 0x578);
    CHECK_EQ_U64(L.sz_EPROCESS, 0x840);
    CHECK_EQ_U64(L.sz_ETHREAD, 0x788);
    /* a bitfield keeps its position */
    CHECK_EQ_U64(L.hte_ObjectPointerBits.bitpos, 20);
    CHECK_EQ_U64(L.hte_ObjectPointerBits.bitlen, 44);
    uint8_t e[16] = {0};
    fset(e, &L.hte_ObjectPointerBits, 0xABCDEF012ULL);
    CHECK_EQ_U64(fget(e, &L.hte_ObjectPointerBits), 0xABCDEF012ULL);
    isf_free(isf);
}

/* Another build's table (profile.c): a type it defines is taken from it
 * alone, a field it lacks stays absent (not borrowed from the built-in
 * profile), and a type it lacks entirely keeps the built-in layout. */
TEST(forge_layout_takes_missing_types_from_the_model)
{
    struct isf *model = isf_builtin_26100();
    struct isf_builder *b = isf_builder_new("ntkrnlmp.pdb", "00112233445566778899AABBCCDDEEFF", 1);
    isfb_x64_base_types(b);
    isfb_struct(b, "_PEB32", 0x480);
    isfb_field(b, "ImageBaseAddress", 0x10, isft_base(b, "unsigned long"));
    struct ep_error err = {{0}};
    struct isf *build = isf_builder_finish(b, &err);
    CHECK(model != NULL && build != NULL);
    if (!model || !build) {
        isf_free(model);
        isf_free(build);
        return;
    }
    struct layout L;
    CHECK(forge_layout_resolve_with(build, model, &L, &err) == 0);
    CHECK_EQ_U64(L.peb32_ImageBaseAddress.off, 0x10);      /* the build's own */
    CHECK(L.peb32_Ldr.off == -1);                           /* absent there: not written */
    CHECK_EQ_U64(L.sz_PEB32, 0x480);
    CHECK_EQ_U64(L.ep_UniqueProcessId.off, 0x1d0);          /* no _EPROCESS there: the model's */
    CHECK(L.lde32_DllBase.off > 0);
    /* without the model, the build's table alone lacks what the forge needs */
    CHECK(forge_layout_resolve(build, &L, &err) != 0);
    isf_free(model);
    isf_free(build);
}

/* what the first user-mode context (initial_context.c) and a WoW64
 * process (wow64.c) are written with: the 22000 ISF's _KTRAP_FRAME,
 * _CONTEXT, _EWOW64PROCESS, _PEB32, _TEB32 and the x86 loader layouts */
TEST(forge_layout_has_the_context_and_wow64_types)
{
    struct isf *isf = isf_builtin_26100();
    CHECK(isf != NULL);
    if (!isf)
        return;
    struct layout L;
    struct ep_error err = {{0}};
    CHECK(forge_layout_resolve(isf, &L, &err) == 0);
    CHECK_EQ_U64(L.kt_TrapFrame.off, 0x90);
    CHECK_EQ_U64(L.sz_KTRAP_FRAME, 0x190);
    CHECK_EQ_U64(L.ktf_Rip.off, 0x168);
    CHECK_EQ_U64(L.ktf_Rsp.off, 0x180);
    CHECK_EQ_U64(L.sz_CONTEXT, 0x4d0);
    CHECK_EQ_U64(L.ctx_Rip.off, 0xf8);
    CHECK_EQ_U64(L.ctx_Rcx.off, 0x80);
    CHECK_EQ_U64(L.ep_WoW64Process.off, 0x310);
    CHECK_EQ_U64(L.ewp_Peb.off, 0);
    CHECK_EQ_U64(L.sz_PEB32, 0x488);
    CHECK_EQ_U64(L.peb32_Ldr.off, 0xc);
    CHECK_EQ_U64(L.sz_TEB32, 0x1018);
    CHECK_EQ_U64(L.teb32_ProcessEnvironmentBlock.off, 0x30);
    CHECK_EQ_U64(L.teb32_WowTebOffset.off, 0xfdc);
    CHECK_EQ_U64(L.teb_WowTebOffset.off, 0x180c);
    CHECK_EQ_U64(L.sz_PEB_LDR_DATA32, 0x30);
    CHECK_EQ_U64(L.ldr32_InLoadOrderModuleList.off, 0xc);
    CHECK_EQ_U64(L.sz_LDR_DATA_TABLE_ENTRY32, 0xb8);
    CHECK_EQ_U64(L.lde32_BaseDllName.off, 0x2c);
    CHECK_EQ_U64(L.lde32_TimeDateStamp.off, 0x44);
    isf_free(isf);
}

TEST(forge_scenario_rejects_unknown_keys)
{
    char path[512];
    snprintf(path, sizeof path, "%s/forge_bad.json", test_tmpdir());
    FILE *fp = fopen(path, "w");
    if (!fp)
        return;
    fputs("{\"processes\":[{\"name\":\"a.exe\",\"threads\":[{\"tid\":8,\"stack\":1}]}]}", fp);
    fclose(fp);
    struct scenario sc;
    struct ep_error err = {{0}};
    CHECK(scenario_load(path, &sc, &err) == -1);
    CHECK(strstr(err.msg, "key 'processes[0].threads[0].stack'") != NULL);
    scenario_free(&sc);
}

TEST(forge_sid_encoding)
{
    uint8_t b[68];
    size_t n = sid_encode("S-1-5-21-1-2-3-1001", b);
    CHECK_EQ_U64(n, 8 + 5 * 4);
    CHECK_EQ_U64(b[0], 1);
    CHECK_EQ_U64(b[1], 5);
    CHECK_EQ_U64(b[7], 5);                 /* authority 5, big-endian */
    CHECK_EQ_U64(le32(b + 8), 21);
    CHECK_EQ_U64(le32(b + 24), 1001);
    CHECK_EQ_U64(token_priv_bit("SeDebugPrivilege"), 20);
}
