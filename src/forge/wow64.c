/* A WoW64 process (scenario key "wow64"): a 32-bit program on 64-bit
 * Windows, laid out as the kernel and the WoW64 layer leave it.
 *
 *   - EPROCESS.WoW64Process points at an EWOW64PROCESS (nonpaged pool)
 *     whose Peb is the 32-bit PEB and NtdllType PsWowX86SystemDll;
 *   - the 64-bit PEB's loader lists hold the program, the 64-bit ntdll and
 *     the WoW64 layer (wow64.dll, wow64base.dll, wow64win.dll, wow64con.dll,
 *     wow64cpu.dll), nothing else (peb.c);
 *   - the PEB32 sits one page above the 64-bit PEB, in the same region; its
 *     Ldr is the 32-bit ntdll's PEB_LDR_DATA32, whose three lists hold the
 *     program, SysWOW64's ntdll, KERNEL32 and KERNELBASE, then the
 *     scenario's modules (System32 paths become SysWOW64);
 *   - every thread has a TEB32 two pages above its TEB (TEB.WowTebOffset
 *     0x2000, TEB32.WowTebOffset -0x2000) and a 32-bit stack of its own;
 *   - everything the 32-bit side reaches lies below 4 GiB (peb.c places the
 *     whole process there).
 * Layouts: the profile's _EWOW64PROCESS, _PEB32, _TEB32 (22000 ISF) and
 * _PEB_LDR_DATA32/_LDR_DATA_TABLE_ENTRY32 (docs/profile-26100.md);
 *   - PEB32.ProcessParameters is a 32-bit RTL_USER_PROCESS_PARAMETERS (the
 *     profile has no such type: x86 offsets below) with the 64-bit block's
 *     strings copied (the WoW64 layer thunks them at process start) and
 *     the same environment block, which lies below 4 GiB.
 * The truth says all of it (docs/forge.md). */
#include "forge/forge_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/bytes.h"

#define SYSWOW64 "C:\\Windows\\SysWOW64\\"
#define SYSTEM32 "C:\\Windows\\System32\\"
#define PS_WOW_X86_SYSTEM_DLL 1          /* _SYSTEM_DLL_TYPE */
#define NTDLL32_PEBLDR_RVA 0x1263C0u     /* modelled, inside the 32-bit ntdll's .data */
#define DLL32_TOP 0x77F00000ULL          /* the 32-bit system DLLs sit just below */
#define TEB32_OFFSET 0x2000u             /* TEB32 = TEB + 0x2000 */
#define STACK32_BYTES 0x100000ULL

/* _RTL_USER_PROCESS_PARAMETERS, x86 (Vergilius Project, Windows 10/11
 * x86; Microsoft Learn "RTL_USER_PROCESS_PARAMETERS structure" for the
 * names): UNICODE_STRING32 is 8 bytes, CURDIR starts with one. */
#define PP32_MAXIMUM_LENGTH 0x0
#define PP32_LENGTH 0x4
#define PP32_FLAGS 0x8
#define PP32_CURRENT_DIRECTORY 0x24
#define PP32_DLL_PATH 0x30
#define PP32_IMAGE_PATH_NAME 0x38
#define PP32_COMMAND_LINE 0x40
#define PP32_ENVIRONMENT 0x48
#define PP32_WINDOW_TITLE 0x70
#define PP32_DESKTOP_INFO 0x78
#define PP32_ENVIRONMENT_SIZE 0x290
#define PP32_SIZE 0x2A0                  /* every field the forge writes lies below */

static const char *const native_modules[] = {
    SYSTEM32 "ntdll.dll", SYSTEM32 "wow64.dll", SYSTEM32 "wow64base.dll",
    SYSTEM32 "wow64win.dll", SYSTEM32 "wow64con.dll", SYSTEM32 "wow64cpu.dll",
};

const char *const *wow64_native_modules(size_t *n)
{
    *n = ARRAY_LEN(native_modules);
    return native_modules;
}

static void add_module32(struct forge *f, struct fprocess *p, const struct pe_image *img)
{
    (void)f;
    p->mods32 = fx_grow(p->mods32, p->nmods32 + 1, sizeof *p->mods32);
    memset(&p->mods32[p->nmods32], 0, sizeof p->mods32[p->nmods32]);
    p->mods32[p->nmods32].img = *img;
    p->nmods32++;
}

/* map a 32-bit system DLL below DLL32_TOP, privately */
static void map_dll32(struct forge *f, struct fprocess *p, const char *path, uint64_t *top)
{
    struct pe_image img = {0};
    if (!strncasecmp(path, SYSTEM32, strlen(SYSTEM32)))
        snprintf(img.path, sizeof img.path, SYSWOW64 "%s", path + strlen(SYSTEM32));
    else
        snprintf(img.path, sizeof img.path, "%s", path);
    snprintf(img.name, sizeof img.name, "%s", path_basename(img.path));
    for (size_t i = 0; i < p->nmods32; i++)
        if (!strcasecmp(p->mods32[i].img.name, img.name))
            return;
    pe_guess(img.name, &img.size, &img.entry_rva, &img.timestamp);
    img.size = (img.size + 0xFFFF) & ~0xFFFFu;
    *top -= img.size + 0x10000;
    img.base = *top;
    img.is_dll = 1;
    map_private_image(f, p, &img);
    add_module32(f, p, &img);
}

static void string32(struct forge *f, struct fprocess *p, uint8_t *at, const char *text)
{
    uint16_t len;
    uint64_t buf = heap_wstr(f, p, text, &len);
    put16(at, len);
    put16(at + 2, (uint16_t)(len + 2));
    put32(at + 4, (uint32_t)buf);
}

static uint64_t write_ldr_entry32(struct forge *f, struct fprocess *p, struct fmodule *m, int load_reason)
{
    const struct layout *L = &f->L;
    uint32_t sz = L->sz_LDR_DATA_TABLE_ENTRY32;
    uint64_t e = heap_alloc(f, p, sz);
    uint8_t *b = fx_tmp(f, 1, sz);
    fset(b, &L->lde32_DllBase, m->img.base);
    fset(b, &L->lde32_EntryPoint, m->img.base + m->img.entry_rva);
    fset(b, &L->lde32_SizeOfImage, m->img.size);
    if (fhas(&L->lde32_FullDllName))
        string32(f, p, b + L->lde32_FullDllName.off, m->img.path);
    if (fhas(&L->lde32_BaseDllName))
        string32(f, p, b + L->lde32_BaseDllName.off, m->img.name);
    fset(b, &L->lde32_Flags, m->img.is_dll ? 0x000CC2CC : 0x000C22CC);
    fset(b, &L->lde32_ObsoleteLoadCount, 0xFFFF);
    fset(b, &L->lde32_TimeDateStamp, m->img.timestamp);
    fset(b, &L->lde32_LoadReason, (uint64_t)load_reason);
    fset(b, &L->lde32_ReferenceCount, 1);
    uw(f, p, e, b, sz);
    fx_tmp_free(f, b);
    m->ldr_entry = e;
    return e;
}

/* a LIST_ENTRY32 list: head, then entries[i] + link_off, circular */
static void link_list32(struct forge *f, struct fprocess *p, uint64_t head, const uint64_t *entries, size_t n,
                        int32_t link_off)
{
    uint64_t prev = head;
    for (size_t i = 0; i < n; i++) {
        uint64_t node = entries[i] + (uint64_t)link_off;
        vw32(f, p->root, prev, (uint32_t)node);          /* prev->Flink */
        vw32(f, p->root, node + 4, (uint32_t)prev);      /* node->Blink */
        prev = node;
    }
    vw32(f, p->root, prev, (uint32_t)head);
    vw32(f, p->root, head + 4, (uint32_t)prev);
}

/* The 32-bit process parameters: the 64-bit block's strings, thunked. */
static uint64_t write_params32(struct forge *f, struct fprocess *p)
{
    const struct sc_process *sp = p->sc;
    uint8_t b[PP32_SIZE] = {0};
    put32(b + PP32_MAXIMUM_LENGTH, PP32_SIZE);
    put32(b + PP32_LENGTH, PP32_SIZE);
    put32(b + PP32_FLAGS, 0x6001);                       /* NORMALIZED | ... as the 64-bit block */
    string32(f, p, b + PP32_CURRENT_DIRECTORY, sp->cwd[0] ? sp->cwd : "C:\\Windows\\system32\\");
    string32(f, p, b + PP32_IMAGE_PATH_NAME, sp->image);
    string32(f, p, b + PP32_COMMAND_LINE, sp->cmdline);
    string32(f, p, b + PP32_WINDOW_TITLE, sp->image);
    string32(f, p, b + PP32_DESKTOP_INFO, p->session ? "WinSta0\\Default" : "");
    put32(b + PP32_ENVIRONMENT, (uint32_t)p->env);
    put32(b + PP32_ENVIRONMENT_SIZE, (uint32_t)p->env_size);
    uint64_t pp = heap_alloc(f, p, PP32_SIZE);
    uw(f, p, pp, b, sizeof b);
    return pp;
}

void wow64_build(struct forge *f, struct fprocess *p)
{
    const struct layout *L = &f->L;
    if (!L->sz_PEB32 || !L->sz_PEB_LDR_DATA32 || !L->sz_LDR_DATA_TABLE_ENTRY32 || !L->sz_EWOW64PROCESS)
        forge_fail(EP_EXIT_INPUT, "internal error: the profile lacks the WoW64 types");

    /* the 32-bit modules: the program (as in the 64-bit list), the 32-bit
     * system DLLs, the scenario's modules */
    add_module32(f, p, &p->mods[0].img);
    uint64_t top = DLL32_TOP;
    static const char *const core32[] = { SYSTEM32 "ntdll.dll", SYSTEM32 "KERNEL32.DLL", SYSTEM32 "KERNELBASE.dll" };
    for (size_t i = 0; i < ARRAY_LEN(core32); i++)
        map_dll32(f, p, core32[i], &top);
    for (size_t i = 0; i < p->sc->nmods; i++)
        if (strcasecmp(path_basename(p->sc->mods[i].path), p->mods[0].img.name))
            map_dll32(f, p, p->sc->mods[i].path, &top);

    /* PEB_LDR_DATA32 in the 32-bit ntdll's data, entries on the heap */
    const struct pe_image *nt32 = &p->mods32[1].img;
    uint32_t rva = NTDLL32_PEBLDR_RVA < nt32->size - 0x1000 ? NTDLL32_PEBLDR_RVA : nt32->size - 0x1000;
    p->ldr32 = nt32->base + rva;
    {
        uint8_t *lb = fx_tmp(f, 1, L->sz_PEB_LDR_DATA32);
        fset(lb, &L->ldr32_Length, L->sz_PEB_LDR_DATA32);
        fset(lb, &L->ldr32_Initialized, 1);
        f->user_pte_flags = PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D | PTE_NX;
        uw(f, p, p->ldr32, lb, L->sz_PEB_LDR_DATA32);
        f->user_pte_flags = 0;
        fx_tmp_free(f, lb);
    }
    uint64_t *ents = fx_tmp(f, p->nmods32 + 1, sizeof *ents);
    for (size_t i = 0; i < p->nmods32; i++)
        ents[i] = write_ldr_entry32(f, p, &p->mods32[i], i == 0 ? 0 : 4 /* static dependency */);
    link_list32(f, p, p->ldr32 + (uint64_t)L->ldr32_InLoadOrderModuleList.off, ents, p->nmods32,
                L->lde32_InLoadOrderLinks.off);
    link_list32(f, p, p->ldr32 + (uint64_t)L->ldr32_InMemoryOrderModuleList.off, ents, p->nmods32,
                L->lde32_InMemoryOrderLinks.off);
    /* initialisation order: every DLL in load order (ntdll first), no program */
    link_list32(f, p, p->ldr32 + (uint64_t)L->ldr32_InInitializationOrderModuleList.off, ents + 1,
                p->nmods32 - 1, L->lde32_InInitializationOrderLinks.off);
    fx_tmp_free(f, ents);

    /* the PEB32, one page above the 64-bit PEB */
    p->peb32 = p->peb + PAGE;
    uint8_t *b = fx_tmp(f, 1, L->sz_PEB32);
    fset(b, &L->peb32_ImageBaseAddress, p->image_base);
    fset(b, &L->peb32_Ldr, p->ldr32);
    p->params32 = write_params32(f, p);
    fset(b, &L->peb32_ProcessParameters, p->params32);
    fset(b, &L->peb32_ProcessHeap, p->heap);
    fset(b, &L->peb32_NumberOfProcessors, f->sc->cpus);
    fset(b, &L->peb32_NumberOfHeaps, 1);
    fset(b, &L->peb32_MaximumNumberOfHeaps, 16);
    fset(b, &L->peb32_OSMajorVersion, 10);
    fset(b, &L->peb32_OSMinorVersion, 0);
    fset(b, &L->peb32_OSBuildNumber, f->build);
    fset(b, &L->peb32_OSPlatformId, 2);
    fset(b, &L->peb32_ImageSubsystem, p->sc->gui ? 2 : 3);
    fset(b, &L->peb32_ImageSubsystemMajorVersion, 10);
    fset(b, &L->peb32_SessionId, p->session);
    uw(f, p, p->peb32, b, L->sz_PEB32);
    fx_tmp_free(f, b);

    /* EWOW64PROCESS (EPROCESS.WoW64Process, written by proc_write) */
    p->ewow64 = pool_alloc(f, POOL_NONPAGED, L->sz_EWOW64PROCESS, "PsWo");
    uint8_t w[64] = {0};
    fset(w, &L->ewp_Peb, p->peb32);
    fset(w, &L->ewp_NtdllType, PS_WOW_X86_SYSTEM_DLL);
    kw(f, p->ewow64, w, L->sz_EWOW64PROCESS < sizeof w ? L->sz_EWOW64PROCESS : sizeof w);
}

/* A WoW64 thread's TEB32 (TEB + 0x2000) and 32-bit stack; the 64-bit TEB
 * is written already and gets its WowTebOffset. */
void wow64_teb_write(struct forge *f, struct fprocess *p, struct fthread *t)
{
    const struct layout *L = &f->L;
    if (!L->sz_TEB32 || !t->teb)
        return;
    uint64_t stack = user_alloc(f, p, STACK32_BYTES, 4, "32-bit stack");
    t->stack32_base = stack + STACK32_BYTES;
    t->stack32_limit = t->stack32_base - 0x3000;
    uint64_t top[2] = { 0, 0 };
    uw(f, p, t->stack32_base - sizeof top, top, sizeof top);      /* the committed top */
    t->teb32 = t->teb + TEB32_OFFSET;
    uint8_t *b = fx_tmp(f, 1, L->sz_TEB32);
    fset(b, &L->teb32_ExceptionList, 0xFFFFFFFFu);        /* end of the SEH chain */
    fset(b, &L->teb32_StackBase, t->stack32_base);
    fset(b, &L->teb32_StackLimit, t->stack32_limit);
    fset(b, &L->teb32_FiberData, 0x1E00);                 /* Version: not a fiber */
    fset(b, &L->teb32_Self, t->teb32);
    fset(b, &L->teb32_ClientIdProcess, p->pid);
    fset(b, &L->teb32_ClientIdThread, t->tid);
    fset(b, &L->teb32_RealClientIdProcess, p->pid);
    fset(b, &L->teb32_RealClientIdThread, t->tid);
    fset(b, &L->teb32_ProcessEnvironmentBlock, p->peb32);
    fset(b, &L->teb32_CurrentLocale, 0x409);
    fset(b, &L->teb32_DeallocationStack, stack);
    fset(b, &L->teb32_WowTebOffset, (uint32_t)-(int32_t)TEB32_OFFSET);
    uw(f, p, t->teb32, b, L->sz_TEB32);
    fx_tmp_free(f, b);
    if (fhas(&L->teb_WowTebOffset))
        vw32(f, p->root, t->teb + (uint64_t)L->teb_WowTebOffset.off, TEB32_OFFSET);
}
