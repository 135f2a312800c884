/* The built-in profile: Windows 11 24H2 x64, build 26100 (the seed build).
 *
 * What it is for
 *   - eproc's walkers use it when no ISF file matches (or none is given);
 *   - the forge lays out the kernel objects of the images it builds with it
 *     and writes it out as ISF JSON (isf_write_file) so that Volatility 3
 *     reads forged images with the very same layout.
 *
 * Where the facts come from (each table below names its source)
 *   - _EPROCESS and _ETHREAD: exactly the seed, ../shared/seeds/
 *     001_79e2b5aff9d11aa5.txt (a Vergilius Project dump of build 26100),
 *     anonymous unions/structs flattened into the parent and bit positions
 *     counted as the compiler lays them out, as Volatility's ISF does.
 *   - Other 26100 layouts (_KPROCESS, _KTHREAD, dispatcher objects, VADs,
 *     _KLDR_DATA_TABLE_ENTRY, the types _EPROCESS embeds): public type dumps
 *     of the 24H2 ntkrnlmp.pdb (ntdiff; pdbex-style dumps).
 *   - Everything else: the nearest build with a complete public symbol table,
 *     Windows 11 21H2 (10.0.22000.318), from the JPCERTCC ISF in
 *     ../shared/data/isf/; those tables say so.
 *   - _KDDEBUGGER_DATA64: the public wdbgexts.h layout.
 *   - Kernel symbol RVAs: the forge's choice (see builtin_26100_symbols[]).
 *   docs/profile-26100.md lists what was approximated and why.
 *
 * Field types are written in a small notation so the tables stay readable
 * next to their sources:
 *   ULONG, UCHAR, CHAR, SHORT, USHORT, LONG, INT, UINT, LONGLONG, ULONGLONG,
 *   WCHAR, VOID, FLOAT, DOUBLE, HRESULT    base types (ISF "unsigned long"...)
 *   struct _X / union _X / enum _X          user types
 *   *T                                       pointer to T (**T, ...)
 *   T[N]                                     array of N T (T may be *U:
 *                                            "*VOID[3]" is VOID *x[3])
 *   T:P:L                                    bitfield of L bits at bit P of T
 * Names like __unnamed_EPROCESS_MitigationFlagsValues stand for the PDB's
 * unnamed types (named members of anonymous type; real ISFs call them
 * __unnamed_1b79 and the like). */
#include "symbols/builtin_26100.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "symbols/isf.h"

/* ---------------------------------------------------------------------
 * The modelled ntoskrnl.exe image
 *
 * Contiguous sections, 4 KiB aligned, 0x1046000 bytes in all, in the order
 * and roughly the proportions of a real 24H2 kernel.  Variables sit where the
 * real kernel keeps their kind: written-once globals (object types, PspCidTable,
 * ObHeaderCookie, KiProcessorBlock) in ALMOSTRO, lists and tables in .data,
 * the service table and the two functions Volatility disassembles or looks
 * up in .text.
 * ------------------------------------------------------------------- */

#define SCN_TEXT (BUILTIN_SCN_CODE | BUILTIN_SCN_EXECUTE | BUILTIN_SCN_READ | BUILTIN_SCN_NOT_PAGED)
#define SCN_PAGE (BUILTIN_SCN_CODE | BUILTIN_SCN_EXECUTE | BUILTIN_SCN_READ)
#define SCN_RDATA (BUILTIN_SCN_IDATA | BUILTIN_SCN_READ | BUILTIN_SCN_NOT_PAGED)
#define SCN_DATA (BUILTIN_SCN_IDATA | BUILTIN_SCN_READ | BUILTIN_SCN_WRITE | BUILTIN_SCN_NOT_PAGED)
#define SCN_PAGEDATA (BUILTIN_SCN_IDATA | BUILTIN_SCN_READ | BUILTIN_SCN_WRITE)
#define SCN_INIT (BUILTIN_SCN_CODE | BUILTIN_SCN_EXECUTE | BUILTIN_SCN_READ | BUILTIN_SCN_DISCARDABLE)
#define SCN_RELOC (BUILTIN_SCN_IDATA | BUILTIN_SCN_READ | BUILTIN_SCN_DISCARDABLE)

static const struct builtin_section builtin_26100_sections[] = {
    /* name       RVA         VirtualSize  characteristics */
    { ".text",    0x0001000,  0x03ff000,   SCN_TEXT },
    { "PAGE",     0x0400000,  0x0580000,   SCN_PAGE },
    { ".rdata",   0x0980000,  0x01a0000,   SCN_RDATA },
    { ".pdata",   0x0b20000,  0x00c0000,   SCN_RDATA },
    { ".idata",   0x0be0000,  0x0003000,   SCN_RDATA },
    { ".edata",   0x0be3000,  0x001c000,   SCN_RDATA },
    { "PROTDATA", 0x0bff000,  0x0001000,   SCN_RDATA },
    { ".data",    0x0c00000,  0x0100000,   SCN_DATA },
    { "ALMOSTRO", 0x0d00000,  0x0040000,   SCN_DATA },
    { "CACHEALI", 0x0d40000,  0x0010000,   SCN_DATA },
    { "PAGEDATA", 0x0d50000,  0x0030000,   SCN_PAGEDATA },
    { "INIT",     0x0d80000,  0x00c0000,   SCN_INIT },
    { ".rsrc",    0x0e40000,  0x01f0000,   SCN_RDATA },
    { ".reloc",   0x1030000,  0x0016000,   SCN_RELOC },
};

/* Kernel symbols.  Sizes are what the forge may write; they also keep the
 * symbols apart.  Those Volatility 3 looks up are marked [vol]. */
static const struct builtin_symbol builtin_26100_symbols[] = {
    /* .text */
    { "KiServiceTable",                 0x00c0000, 0x800, ".text", "LONG[] (encoded offsets) [vol ssdt]" },
    { "KiServiceLimit",                 0x00c0800, 0x4,   ".text", "ULONG [vol ssdt]" },
    { "KdCopyDataBlock",                0x02a1000, 0x40,  ".text", "function; its presence marks Vista+ [vol]" },
    { "ObpCaptureHandleInformationEx",  0x03a2000, 0x200, ".text", "function; Volatility reads its SAR shift [vol handles]" },
    /* .rdata */
    { "MmProtectToValue",               0x0980400, 0x80,  ".rdata", "LONG[32] [vol vadinfo/malfind]" },
    /* .data */
    { "KdDebuggerDataBlock",            0x0c00080, 0x368, ".data", "struct _KDDEBUGGER_DATA64 [vol info]" },
    { "KdVersionBlock",                 0x0c00400, 0x28,  ".data", "struct _DBGKD_GET_VERSION64 [vol info]" },
    { "NtBuildNumber",                  0x0c00440, 0x4,   ".data", "ULONG (0xF0000000 | 26100 on free builds)" },
    { "NtMajorVersion",                 0x0c00444, 0x4,   ".data", "ULONG" },
    { "NtMinorVersion",                 0x0c00448, 0x4,   ".data", "ULONG" },
    { "NtBuildLab",                     0x0c00480, 0x100, ".data", "CHAR[]" },
    { "NtBuildLabEx",                   0x0c00580, 0x100, ".data", "CHAR[]" },
    { "PsActiveProcessHead",            0x0c01000, 0x10,  ".data", "struct _LIST_ENTRY [vol pslist]" },
    { "PsLoadedModuleList",             0x0c01010, 0x10,  ".data", "struct _LIST_ENTRY [vol modules]" },
    { "KeBugCheckCallbackListHead",     0x0c01020, 0x10,  ".data", "struct _LIST_ENTRY [vol callbacks]" },
    { "CallbackListHead",               0x0c01030, 0x10,  ".data", "struct _LIST_ENTRY (registry callbacks) [vol callbacks]" },
    { "KiBugCheckData",                 0x0c01040, 0x28,  ".data", "ULONG_PTR[5]" },
    { "HandleTableListHead",            0x0c01070, 0x10,  ".data", "struct _LIST_ENTRY of _HANDLE_TABLE.HandleTableList" },
    { "IopRootDeviceNode",              0x0c01080, 0x8,   ".data", "struct _DEVICE_NODE *" },
    { "ObpRootDirectoryObject",         0x0c01088, 0x8,   ".data", "struct _OBJECT_DIRECTORY *" },
    { "ObpTypeObjectType",              0x0c01090, 0x8,   ".data", "struct _OBJECT_TYPE *" },
    { "KiProcessListHead",              0x0c010a0, 0x10,  ".data", "struct _LIST_ENTRY of _KPROCESS.ProcessListEntry" },
    { "ObpInfoMaskToOffset",            0x0c01100, 0x100, ".data", "UCHAR[256] [vol: _OBJECT_HEADER.NameInfo]" },
    { "ObpObjectTypes",                 0x0c01200, 0x800, ".data", "struct _OBJECT_TYPE *[256]" },
    { "PoolTrackTableSize",             0x0c02000, 0x8,   ".data", "ULONG_PTR" },
    { "PoolTrackTable",                 0x0c02008, 0x8,   ".data", "struct _POOL_TRACKER_TABLE *" },
    { "PoolBigPageTableSize",           0x0c02010, 0x8,   ".data", "ULONG_PTR [vol bigpools]" },
    { "PoolBigPageTable",               0x0c02018, 0x8,   ".data", "struct _POOL_TRACKER_BIG_PAGES * [vol bigpools]" },
    { "MmUnloadedDrivers",              0x0c02020, 0x8,   ".data", "struct _UNLOADED_DRIVERS * [vol unloadedmodules]" },
    { "MmLastUnloadedDriver",           0x0c02028, 0x4,   ".data", "ULONG [vol unloadedmodules]" },
    { "CmpCallBackCount",               0x0c02030, 0x4,   ".data", "ULONG [vol callbacks]" },
    { "CmpHiveListHead",                0x0c02040, 0x10,  ".data", "struct _LIST_ENTRY of _CMHIVE.HiveList [vol getsids/hivelist]" },
    { "CmpCallBackVector",              0x0c02100, 0x320, ".data", "struct _EX_CALLBACK[100] [vol callbacks]" },
    { "PspCreateProcessNotifyRoutine",  0x0c03000, 0x200, ".data", "struct _EX_CALLBACK[64]" },
    { "PspCreateThreadNotifyRoutine",   0x0c03200, 0x200, ".data", "struct _EX_CALLBACK[64]" },
    { "PspLoadImageNotifyRoutine",      0x0c03400, 0x200, ".data", "struct _EX_CALLBACK[64]" },
    { "PspCreateProcessNotifyRoutineCount", 0x0c03600, 0x4, ".data", "ULONG" },
    { "PspCreateThreadNotifyRoutineCount",  0x0c03604, 0x4, ".data", "ULONG" },
    { "PspLoadImageNotifyRoutineCount",     0x0c03608, 0x4, ".data", "ULONG" },
    { "KiInitialProcess",               0x0c10000, 0x840, ".data", "struct _EPROCESS (the Idle process)" },
    { "KiInitialThread",                0x0c11000, 0x788, ".data", "struct _ETHREAD (Idle thread of CPU 0)" },
    { "MiState",                        0x0c20000, 0x50c0, ".data", "struct _MI_SYSTEM_INFORMATION (Processes.ProcessList: head of MmProcessLinks)" },
    /* ALMOSTRO: written once during boot */
    { "MmHighestUserAddress",           0x0d00000, 0x8,   "ALMOSTRO", "VOID *" },
    { "MmUserProbeAddress",             0x0d00008, 0x8,   "ALMOSTRO", "ULONG_PTR" },
    { "MmSystemRangeStart",             0x0d00010, 0x8,   "ALMOSTRO", "VOID * [vol]" },
    { "PsInitialSystemProcess",         0x0d00020, 0x8,   "ALMOSTRO", "struct _EPROCESS *" },
    { "PsIdleProcess",                  0x0d00028, 0x8,   "ALMOSTRO", "struct _EPROCESS *" },
    { "PsProcessType",                  0x0d00030, 0x8,   "ALMOSTRO", "struct _OBJECT_TYPE *" },
    { "PsThreadType",                   0x0d00038, 0x8,   "ALMOSTRO", "struct _OBJECT_TYPE *" },
    { "PsJobType",                      0x0d00040, 0x8,   "ALMOSTRO", "struct _OBJECT_TYPE *" },
    { "IoFileObjectType",               0x0d00048, 0x8,   "ALMOSTRO", "struct _OBJECT_TYPE *" },
    { "SeTokenObjectType",              0x0d00050, 0x8,   "ALMOSTRO", "struct _OBJECT_TYPE *" },
    { "PspCidTable",                    0x0d00058, 0x8,   "ALMOSTRO", "struct _HANDLE_TABLE *" },
    { "MmPfnDatabase",                  0x0d00060, 0x8,   "ALMOSTRO", "struct _MMPFN *" },
    { "KeNumberProcessors",             0x0d00068, 0x4,   "ALMOSTRO", "ULONG [vol info]" },
    { "ObHeaderCookie",                 0x0d0006c, 0x1,   "ALMOSTRO", "UCHAR [vol: TypeIndex decoding; marks Windows 10+]" },
    { "KdpDataBlockEncoded",            0x0d0006d, 0x1,   "ALMOSTRO", "UCHAR (0: KDBG stored in clear)" },
    { "KiWaitNever",                    0x0d00070, 0x8,   "ALMOSTRO", "ULONG_PTR [vol: KDBG/timer decoding]" },
    { "KiWaitAlways",                   0x0d00078, 0x8,   "ALMOSTRO", "ULONG_PTR [vol: KDBG/timer decoding]" },
    { "KeServiceDescriptorTable",       0x0d00080, 0x40,  "ALMOSTRO", "struct _KSERVICE_TABLE_DESCRIPTOR[2]" },
    { "KeServiceDescriptorTableShadow", 0x0d000c0, 0x40,  "ALMOSTRO", "struct _KSERVICE_TABLE_DESCRIPTOR[2]" },
    { "ObTypeIndexTable",               0x0d00100, 0x800, "ALMOSTRO", "struct _OBJECT_TYPE *[256] [vol handles/psscan]" },
    { "KiProcessorBlock",               0x0d01000, 0x4000, "ALMOSTRO", "struct _KPRCB *[2048] [vol]" },
};

const struct builtin_section *builtin_26100_section_table(size_t *count)
{
    *count = sizeof builtin_26100_sections / sizeof builtin_26100_sections[0];
    return builtin_26100_sections;
}

const struct builtin_symbol *builtin_26100_symbol_table(size_t *count)
{
    *count = sizeof builtin_26100_symbols / sizeof builtin_26100_symbols[0];
    return builtin_26100_symbols;
}

uint32_t builtin_26100_symbol_rva(const char *name)
{
    for (size_t i = 0; i < sizeof builtin_26100_symbols / sizeof builtin_26100_symbols[0]; i++)
        if (strcmp(builtin_26100_symbols[i].name, name) == 0)
            return builtin_26100_symbols[i].rva;
    return 0;
}

/* ---------------------------------------------------------------------
 * Table machinery
 * ------------------------------------------------------------------- */

struct fdef {
    const char *name;
    uint32_t offset;
    const char *type;            /* the notation described at the top */
};

struct tdef {
    const char *name;
    int is_union;
    uint32_t size;
    const struct fdef *fields;
    uint32_t nfields;
};

struct edef_const {
    const char *name;
    int64_t value;
};

struct edef {
    const char *name;
    uint32_t size;
    const char *base;
    const struct edef_const *constants;
    uint32_t nconstants;
};

#define STRUCT 0
#define UNION 1
#define NELEM(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))
#define TDEF(kind, name, size, fields) { name, kind, size, fields, NELEM(fields) }
#define TDEF_OPAQUE(kind, name, size) { name, kind, size, NULL, 0 }
#define EDEF(name, size, base, consts) { name, size, base, consts, NELEM(consts) }

struct base_name {
    const char *code;
    const char *isf;             /* the base type name in Volatility's ISF */
};

static const struct base_name base_names[] = {
    { "CHAR", "char" },           { "UCHAR", "unsigned char" },
    { "SHORT", "short" },         { "USHORT", "unsigned short" },
    { "LONG", "long" },           { "ULONG", "unsigned long" },
    { "INT", "int" },             { "UINT", "unsigned int" },
    { "LONGLONG", "long long" },  { "ULONGLONG", "unsigned long long" },
    { "WCHAR", "wchar" },         { "VOID", "void" },
    { "FLOAT", "f32" },           { "DOUBLE", "double" },
    { "HRESULT", "HRESULT" },
};

/* Set when a table entry cannot be parsed; the profile is then refused
 * (a programming error caught by the unit tests, never by users). */
struct build_state {
    struct isf_builder *b;
    char problem[160];
};

static const struct isf_type *parse_type(struct build_state *st, const char *spec)
{
    char buf[128];
    uint32_t dims[4];
    int ndims = 0, npointers = 0, bitpos = -1, bitlen = 0;
    const struct isf_type *t = NULL;

    if (strlen(spec) >= sizeof buf)
        goto bad;
    memcpy(buf, spec, strlen(spec) + 1);

    char *colon = strchr(buf, ':');            /* T:P:L */
    if (colon) {
        char *end;
        *colon = '\0';
        bitpos = (int)strtol(colon + 1, &end, 10);
        if (*end != ':')
            goto bad;
        bitlen = (int)strtol(end + 1, &end, 10);
        if (*end || bitpos < 0 || bitlen < 1 || bitpos + bitlen > 64)
            goto bad;
    }
    char *bracket = strchr(buf, '[');          /* T[N][M]... */
    if (bracket) {
        char *p = bracket;
        while (*p == '[') {
            char *end;
            unsigned long n = strtoul(p + 1, &end, 10);
            if (*end != ']' || n == 0 || ndims == 4)
                goto bad;
            dims[ndims++] = (uint32_t)n;
            p = end + 1;
        }
        if (*p)
            goto bad;
        *bracket = '\0';
    }
    const char *core = buf;
    while (*core == '*') {
        npointers++;
        core++;
    }
    if (strncmp(core, "struct ", 7) == 0)
        t = isft_struct(st->b, core + 7);
    else if (strncmp(core, "union ", 6) == 0)
        t = isft_union(st->b, core + 6);
    else if (strncmp(core, "enum ", 5) == 0)
        t = isft_enum(st->b, core + 5);
    else {
        for (size_t i = 0; i < sizeof base_names / sizeof base_names[0]; i++)
            if (strcmp(core, base_names[i].code) == 0)
                t = isft_base(st->b, base_names[i].isf);
        if (!t)
            goto bad;
    }
    if (bitpos >= 0) {
        if (npointers || ndims)
            goto bad;
        t = isft_bitfield(st->b, (uint8_t)bitpos, (uint8_t)bitlen, t);
    }
    while (npointers--)
        t = isft_pointer(st->b, t);
    while (ndims--)                            /* innermost dimension first */
        t = isft_array(st->b, dims[ndims], t);
    return t;
bad:
    if (!st->problem[0])
        snprintf(st->problem, sizeof st->problem, "bad type notation \"%s\"", spec);
    return isft_base(st->b, "void");
}

static void add_tdefs(struct build_state *st, const struct tdef *types, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        const struct tdef *t = &types[i];
        if (t->is_union)
            isfb_union(st->b, t->name, t->size);
        else
            isfb_struct(st->b, t->name, t->size);
        for (uint32_t j = 0; j < t->nfields; j++)
            isfb_field(st->b, t->fields[j].name, t->fields[j].offset, parse_type(st, t->fields[j].type));
    }
}

static void add_edefs(struct build_state *st, const struct edef *enums, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        isfb_enum(st->b, enums[i].name, enums[i].size, enums[i].base);
        for (uint32_t j = 0; j < enums[i].nconstants; j++)
            isfb_enum_constant(st->b, enums[i].constants[j].name, enums[i].constants[j].value);
    }
}

/* ======== Basic executive and runtime types ======== */

/* struct _LIST_ENTRY, 0x10 bytes. Source: ntdiff Windows 11 24H2 (26100) x64
 * ntoskrnl type dump.
 */
static const struct fdef LIST_ENTRY_f[] = {
    { "Flink", 0x0000, "*struct _LIST_ENTRY" },
    { "Blink", 0x0008, "*struct _LIST_ENTRY" },
};

/* struct _SINGLE_LIST_ENTRY, 0x8 bytes. Source: ntdiff Windows 11 24H2
 * (26100) x64 ntoskrnl type dump.
 */
static const struct fdef SINGLE_LIST_ENTRY_f[] = {
    { "Next", 0x0000, "*struct _SINGLE_LIST_ENTRY" },
};

/* struct _UNICODE_STRING, 0x10 bytes. Source: ntdiff Windows 11 24H2 (26100)
 * x64 ntoskrnl type dump.
 */
static const struct fdef UNICODE_STRING_f[] = {
    { "Length",        0x0000, "USHORT" },
    { "MaximumLength", 0x0002, "USHORT" },
    { "Buffer",        0x0008, "*WCHAR" },
};

/* struct __unnamed_LARGE_INTEGER_u, 0x8 bytes. Source: public PDB type dump
 * of a 24H2 (26100-family) ntkrnlmp.pdb.
 */
static const struct fdef unnamed_LARGE_INTEGER_u_f[] = {
    { "LowPart",  0x0000, "ULONG" },
    { "HighPart", 0x0004, "LONG" },
};

/* union _LARGE_INTEGER, 0x8 bytes. Source: public PDB type dump of a 24H2
 * (26100-family) ntkrnlmp.pdb.
 */
static const struct fdef LARGE_INTEGER_f[] = {
    { "LowPart",  0x0000, "ULONG" },
    { "HighPart", 0x0004, "LONG" },
    { "u",        0x0000, "struct __unnamed_LARGE_INTEGER_u" },
    { "QuadPart", 0x0000, "LONGLONG" },
};

/* struct __unnamed_ULARGE_INTEGER_u, 0x8 bytes. Source: public PDB type dump
 * of a 24H2 (26100-family) ntkrnlmp.pdb.
 */
static const struct fdef unnamed_ULARGE_INTEGER_u_f[] = {
    { "LowPart",  0x0000, "ULONG" },
    { "HighPart", 0x0004, "ULONG" },
};

/* union _ULARGE_INTEGER, 0x8 bytes. Source: public PDB type dump of a 24H2
 * (26100-family) ntkrnlmp.pdb.
 */
static const struct fdef ULARGE_INTEGER_f[] = {
    { "LowPart",  0x0000, "ULONG" },
    { "HighPart", 0x0004, "ULONG" },
    { "u",        0x0000, "struct __unnamed_ULARGE_INTEGER_u" },
    { "QuadPart", 0x0000, "ULONGLONG" },
};

/* struct _EX_PUSH_LOCK, 0x8 bytes. Source: ntdiff Windows 11 24H2 (26100)
 * x64 ntoskrnl type dump.
 */
static const struct fdef EX_PUSH_LOCK_f[] = {
    { "Locked",         0x0000, "ULONGLONG:0:1" },
    { "Waiting",        0x0000, "ULONGLONG:1:1" },
    { "Waking",         0x0000, "ULONGLONG:2:1" },
    { "MultipleShared", 0x0000, "ULONGLONG:3:1" },
    { "Shared",         0x0000, "ULONGLONG:4:60" },
    { "Value",          0x0000, "ULONGLONG" },
    { "Ptr",            0x0000, "*VOID" },
};

/* struct _EX_RUNDOWN_REF, 0x8 bytes. Source: ntdiff Windows 11 24H2 (26100)
 * x64 ntoskrnl type dump.
 */
static const struct fdef EX_RUNDOWN_REF_f[] = {
    { "Count", 0x0000, "ULONGLONG" },
    { "Ptr",   0x0000, "*VOID" },
};

/* struct _EX_FAST_REF, 0x8 bytes. Source: ntdiff Windows 11 24H2 (26100) x64
 * ntoskrnl type dump.
 */
static const struct fdef EX_FAST_REF_f[] = {
    { "Object", 0x0000, "*VOID" },
    { "RefCnt", 0x0000, "ULONGLONG:0:4" },
    { "Value",  0x0000, "ULONGLONG" },
};

/* struct _CLIENT_ID, 0x10 bytes. Source: ntdiff Windows 11 24H2 (26100) x64
 * ntoskrnl type dump.
 */
static const struct fdef CLIENT_ID_f[] = {
    { "UniqueProcess", 0x0000, "*VOID" },
    { "UniqueThread",  0x0008, "*VOID" },
};

/* struct _RTL_AVL_TREE, 0x8 bytes. Source: ntdiff Windows 11 24H2 (26100)
 * x64 ntoskrnl type dump.
 */
static const struct fdef RTL_AVL_TREE_f[] = {
    { "Root", 0x0000, "*struct _RTL_BALANCED_NODE" },
};

/* struct _RTL_BALANCED_NODE, 0x18 bytes. Source: public PDB type dump of a
 * 24H2 (26100-family) ntkrnlmp.pdb.
 */
static const struct fdef RTL_BALANCED_NODE_f[] = {
    { "Children",    0x0000, "*struct _RTL_BALANCED_NODE[2]" },
    { "Left",        0x0000, "*struct _RTL_BALANCED_NODE" },
    { "Right",       0x0008, "*struct _RTL_BALANCED_NODE" },
    { "Red",         0x0010, "UCHAR:0:1" },
    { "Balance",     0x0010, "UCHAR:0:2" },
    { "ParentValue", 0x0010, "ULONGLONG" },
};

/* struct _GROUP_AFFINITY, 0x10 bytes. Source: public PDB type dump of a 24H2
 * (26100-family) ntkrnlmp.pdb.
 */
static const struct fdef GROUP_AFFINITY_f[] = {
    { "Mask",     0x0000, "ULONGLONG" },
    { "Group",    0x0008, "USHORT" },
    { "Reserved", 0x000a, "USHORT[3]" },
};

static const struct tdef basic_types[] = {
    TDEF(STRUCT, "_LIST_ENTRY", 0x10, LIST_ENTRY_f),
    TDEF(STRUCT, "_SINGLE_LIST_ENTRY", 0x8, SINGLE_LIST_ENTRY_f),
    TDEF(STRUCT, "_UNICODE_STRING", 0x10, UNICODE_STRING_f),
    TDEF(STRUCT, "__unnamed_LARGE_INTEGER_u", 0x8, unnamed_LARGE_INTEGER_u_f),
    TDEF(UNION, "_LARGE_INTEGER", 0x8, LARGE_INTEGER_f),
    TDEF(STRUCT, "__unnamed_ULARGE_INTEGER_u", 0x8, unnamed_ULARGE_INTEGER_u_f),
    TDEF(UNION, "_ULARGE_INTEGER", 0x8, ULARGE_INTEGER_f),
    TDEF(STRUCT, "_EX_PUSH_LOCK", 0x8, EX_PUSH_LOCK_f),
    TDEF(STRUCT, "_EX_RUNDOWN_REF", 0x8, EX_RUNDOWN_REF_f),
    TDEF(STRUCT, "_EX_FAST_REF", 0x8, EX_FAST_REF_f),
    TDEF(STRUCT, "_CLIENT_ID", 0x10, CLIENT_ID_f),
    TDEF(STRUCT, "_RTL_AVL_TREE", 0x8, RTL_AVL_TREE_f),
    TDEF(STRUCT, "_RTL_BALANCED_NODE", 0x18, RTL_BALANCED_NODE_f),
    TDEF(STRUCT, "_GROUP_AFFINITY", 0x10, GROUP_AFFINITY_f),
};

/* ======== Process: KPROCESS, EPROCESS and what they embed; jobs; user-mode PEB/TEB/loader ======== */

/* struct _SE_AUDIT_PROCESS_CREATION_INFO, 0x8 bytes. Source: ntdiff Windows
 * 11 24H2 (26100) x64 ntoskrnl type dump.
 */
static const struct fdef SE_AUDIT_PROCESS_CREATION_INFO_f[] = {
    { "ImageFileName", 0x0000, "*struct _OBJECT_NAME_INFORMATION" },
};

/* struct _KAB_UM_PROCESS_CONTEXT, 0x10 bytes. Source: ntdiff Windows 11 24H2
 * (26100) x64 ntoskrnl type dump.
 */
static const struct fdef KAB_UM_PROCESS_CONTEXT_f[] = {
    { "Trees",     0x0000, "*struct _KAB_UM_PROCESS_TREE" },
    { "TreeCount", 0x0008, "ULONG" },
};

/* union _KEXECUTE_OPTIONS, 0x1 bytes. Source: ntdiff Windows 11 24H2 (26100)
 * x64 ntoskrnl type dump.
 */
static const struct fdef KEXECUTE_OPTIONS_f[] = {
    { "ExecuteDisable",                  0x0000, "UCHAR:0:1" },
    { "ExecuteEnable",                   0x0000, "UCHAR:1:1" },
    { "DisableThunkEmulation",           0x0000, "UCHAR:2:1" },
    { "Permanent",                       0x0000, "UCHAR:3:1" },
    { "ExecuteDispatchEnable",           0x0000, "UCHAR:4:1" },
    { "ImageDispatchEnable",             0x0000, "UCHAR:5:1" },
    { "DisableExceptionChainValidation", 0x0000, "UCHAR:6:1" },
    { "Spare",                           0x0000, "UCHAR:7:1" },
    { "ExecuteOptions",                  0x0000, "UCHAR" },
    { "ExecuteOptionsNV",                0x0000, "UCHAR" },
};

/* struct _KGROUP_MASK, 0x10 bytes. Source: ntdiff Windows 11 24H2 (26100)
 * x64 ntoskrnl type dump.
 */
static const struct fdef KGROUP_MASK_f[] = {
    { "Masks", 0x0000, "ULONGLONG[2]" },
};

/* union _KSTACK_COUNT, 0x4 bytes. Source: ntdiff Windows 11 24H2 (26100) x64
 * ntoskrnl type dump.
 */
static const struct fdef KSTACK_COUNT_f[] = {
    { "Value",      0x0000, "LONG" },
    { "State",      0x0000, "ULONG:0:3" },
    { "StackCount", 0x0000, "ULONG:3:29" },
};

/* struct __unnamed_KPROCESS_SecureState_Flags, 0x8 bytes. Source: ntdiff
 * Windows 11 24H2 (26100) x64 ntoskrnl type dump.
 */
static const struct fdef unnamed_KPROCESS_SecureState_Flags_f[] = {
    { "SecureProcess", 0x0000, "ULONGLONG:0:1" },
    { "TrustedApp",    0x0000, "ULONGLONG:1:1" },
};

/* union __unnamed_KPROCESS_SecureState, 0x8 bytes. Source: ntdiff Windows 11
 * 24H2 (26100) x64 ntoskrnl type dump.
 */
static const struct fdef unnamed_KPROCESS_SecureState_f[] = {
    { "SecureHandle", 0x0000, "ULONGLONG" },
    { "Flags",        0x0000, "struct __unnamed_KPROCESS_SecureState_Flags" },
};

/* struct _KPROCESS, 0x1c8 bytes. Source: ntdiff Windows 11 24H2 (26100) x64
 * ntoskrnl type dump.
 */
static const struct fdef KPROCESS_f[] = {
    { "Header",                        0x0000, "struct _DISPATCHER_HEADER" },
    { "ProfileListHead",               0x0018, "struct _LIST_ENTRY" },
    { "DirectoryTableBase",            0x0028, "ULONGLONG" },
    { "ThreadListHead",                0x0030, "struct _LIST_ENTRY" },
    { "ProcessLock",                   0x0040, "ULONG" },
    { "ProcessTimerDelay",             0x0044, "ULONG" },
    { "DeepFreezeStartTime",           0x0048, "ULONGLONG" },
    { "Affinity",                      0x0050, "*struct _KAFFINITY_EX" },
    { "AutoBoostState",                0x0058, "struct _KAB_UM_PROCESS_CONTEXT" },
    { "ReadyListHead",                 0x0068, "struct _LIST_ENTRY" },
    { "SwapListEntry",                 0x0078, "struct _SINGLE_LIST_ENTRY" },
    { "ActiveProcessors",              0x0080, "*struct _KAFFINITY_EX" },
    { "AutoAlignment",                 0x0088, "ULONG:0:1" },
    { "DisableBoost",                  0x0088, "ULONG:1:1" },
    { "DisableQuantum",                0x0088, "ULONG:2:1" },
    { "DeepFreeze",                    0x0088, "ULONG:3:1" },
    { "TimerVirtualization",           0x0088, "ULONG:4:1" },
    { "CheckStackExtents",             0x0088, "ULONG:5:1" },
    { "CacheIsolationEnabled",         0x0088, "ULONG:6:1" },
    { "PpmPolicy",                     0x0088, "ULONG:7:4" },
    { "VaSpaceDeleted",                0x0088, "ULONG:11:1" },
    { "MultiGroup",                    0x0088, "ULONG:12:1" },
    { "ForegroundProcess",             0x0088, "ULONG:13:1" },
    { "ReservedFlags",                 0x0088, "ULONG:14:18" },
    { "ProcessFlags",                  0x0088, "LONG" },
    { "Spare0c",                       0x008c, "ULONG" },
    { "BasePriority",                  0x0090, "CHAR" },
    { "QuantumReset",                  0x0091, "CHAR" },
    { "Visited",                       0x0092, "CHAR" },
    { "Flags",                         0x0093, "union _KEXECUTE_OPTIONS" },
    { "ActiveGroupsMask",              0x0098, "struct _KGROUP_MASK" },
    { "ActiveGroupPadding",            0x00a8, "ULONGLONG[2]" },
    { "IdealProcessorAssignmentBlock", 0x00b8, "*struct _KI_IDEAL_PROCESSOR_ASSIGNMENT_BLOCK" },
    { "Padding",                       0x00c0, "ULONGLONG[8]" },
    { "Spare0d",                       0x0100, "ULONG" },
    { "IdealGlobalNode",               0x0104, "USHORT" },
    { "Spare1",                        0x0106, "USHORT" },
    { "StackCount",                    0x0108, "union _KSTACK_COUNT" },
    { "ProcessListEntry",              0x0110, "struct _LIST_ENTRY" },
    { "CycleTime",                     0x0120, "ULONGLONG" },
    { "ContextSwitches",               0x0128, "ULONGLONG" },
    { "SchedulingGroup",               0x0130, "*struct _KSCHEDULING_GROUP" },
    { "KernelTime",                    0x0138, "ULONGLONG" },
    { "UserTime",                      0x0140, "ULONGLONG" },
    { "ReadyTime",                     0x0148, "ULONGLONG" },
    { "FreezeCount",                   0x0150, "ULONG" },
    { "Spare4",                        0x0154, "ULONG" },
    { "UserDirectoryTableBase",        0x0158, "ULONGLONG" },
    { "AddressPolicy",                 0x0160, "UCHAR" },
    { "Spare2",                        0x0161, "UCHAR[7]" },
    { "InstrumentationCallback",       0x0168, "*VOID" },
    { "SecureState",                   0x0170, "union __unnamed_KPROCESS_SecureState" },
    { "KernelWaitTime",                0x0178, "ULONGLONG" },
    { "UserWaitTime",                  0x0180, "ULONGLONG" },
    { "LastRebalanceQpc",              0x0188, "ULONGLONG" },
    { "PerProcessorCycleTimes",        0x0190, "*VOID" },
    { "ExtendedFeatureDisableMask",    0x0198, "ULONGLONG" },
    { "PrimaryGroup",                  0x01a0, "USHORT" },
    { "Spare3",                        0x01a2, "USHORT[3]" },
    { "UserCetLogging",                0x01a8, "*VOID" },
    { "CpuPartitionList",              0x01b0, "struct _LIST_ENTRY" },
    { "AvailableCpuState",             0x01c0, "*struct _KPROCESS_AVAILABLE_CPU_STATE" },
};

/* struct _MMSUPPORT_FLAGS, 0x4 bytes. Source: ntdiff Windows 11 24H2 (26100)
 * x64 ntoskrnl type dump.
 */
static const struct fdef MMSUPPORT_FLAGS_f[] = {
    { "WorkingSetType",         0x0000, "UCHAR:0:4" },
    { "Reserved0",              0x0000, "UCHAR:4:2" },
    { "MaximumWorkingSetHard",  0x0000, "UCHAR:6:1" },
    { "MinimumWorkingSetHard",  0x0000, "UCHAR:7:1" },
    { "Reserved1",              0x0001, "UCHAR:0:1" },
    { "TrimmerState",           0x0001, "UCHAR:1:2" },
    { "LinearAddressProtected", 0x0001, "UCHAR:3:1" },
    { "PageStealers",           0x0001, "UCHAR:4:4" },
    { "u1",                     0x0000, "USHORT" },
    { "MemoryPriority",         0x0002, "UCHAR" },
    { "WsleDeleted",            0x0003, "UCHAR:0:1" },
    { "SvmEnabled",             0x0003, "UCHAR:1:1" },
    { "ForceAge",               0x0003, "UCHAR:2:1" },
    { "ForceTrim",              0x0003, "UCHAR:3:1" },
    { "CommitReleaseState",     0x0003, "UCHAR:4:2" },
    { "Reserved2",              0x0003, "UCHAR:6:2" },
    { "u2",                     0x0003, "UCHAR" },
    { "EntireFlags",            0x0000, "ULONG" },
};

/* struct _MMSUPPORT_INSTANCE, 0xc0 bytes. Source: ntdiff Windows 11 24H2
 * (26100) x64 ntoskrnl type dump.
 */
static const struct fdef MMSUPPORT_INSTANCE_f[] = {
    { "NextPageColor",             0x0000, "ULONG" },
    { "PageFaultCount",            0x0004, "ULONG" },
    { "TrimmedPageCount",          0x0008, "ULONGLONG" },
    { "VmWorkingSetList",          0x0010, "*struct _MMWSL_INSTANCE" },
    { "WorkingSetExpansionLinks",  0x0018, "struct _LIST_ENTRY" },
    { "AgeDistribution",           0x0028, "ULONGLONG[8]" },
    { "ExitOutswapGate",           0x0068, "*struct _KGATE" },
    { "MinimumWorkingSetSize",     0x0070, "ULONGLONG" },
    { "MaximumWorkingSetSize",     0x0078, "ULONGLONG" },
    { "WorkingSetLeafSize",        0x0080, "ULONGLONG" },
    { "WorkingSetLeafPrivateSize", 0x0088, "ULONGLONG" },
    { "WorkingSetSize",            0x0090, "ULONGLONG" },
    { "WorkingSetPrivateSize",     0x0098, "ULONGLONG" },
    { "PeakWorkingSetSize",        0x00a0, "ULONGLONG" },
    { "HardFaultCount",            0x00a8, "ULONG" },
    { "LastTrimStamp",             0x00ac, "USHORT" },
    { "PartitionId",               0x00ae, "USHORT" },
    { "SelfmapLock",               0x00b0, "ULONGLONG" },
    { "Flags",                     0x00b8, "struct _MMSUPPORT_FLAGS" },
    { "InterlockedFlags",          0x00bc, "ULONG" },
};

/* struct _MMSUPPORT_SHARED, 0x80 bytes. Source: ntdiff Windows 11 24H2
 * (26100) x64 ntoskrnl type dump.
 */
static const struct fdef MMSUPPORT_SHARED_f[] = {
    { "WorkingSetLockArray",       0x0000, "*VOID" },
    { "ReleasedCommitDebt",        0x0008, "ULONGLONG" },
    { "ResetPagesRepurposedCount", 0x0010, "ULONGLONG" },
    { "WsSwapSupport",             0x0018, "*VOID" },
    { "CommitReleaseContext",      0x0020, "*VOID" },
    { "AccessLog",                 0x0028, "*VOID" },
    { "ChargedWslePages",          0x0030, "ULONGLONG" },
    { "ActualWslePages",           0x0038, "ULONGLONG" },
    { "WorkingSetCoreLock",        0x0040, "LONG" },
    { "ShadowMapping",             0x0048, "*VOID" },
};

/* struct _MMSUPPORT_FULL, 0x140 bytes. Source: ntdiff Windows 11 24H2
 * (26100) x64 ntoskrnl type dump.
 */
static const struct fdef MMSUPPORT_FULL_f[] = {
    { "Instance", 0x0000, "struct _MMSUPPORT_INSTANCE" },
    { "Shared",   0x00c0, "struct _MMSUPPORT_SHARED" },
};

/* struct _ALPC_PROCESS_CONTEXT, 0x20 bytes. Source: ntdiff Windows 11 24H2
 * (26100) x64 ntoskrnl type dump.
 */
static const struct fdef ALPC_PROCESS_CONTEXT_f[] = {
    { "Lock",                0x0000, "struct _EX_PUSH_LOCK" },
    { "ViewListHead",        0x0008, "struct _LIST_ENTRY" },
    { "PagedPoolQuotaCache", 0x0018, "ULONGLONG" },
};

/* struct _PS_PROTECTION, 0x1 bytes. Source: ntdiff Windows 11 24H2 (26100)
 * x64 ntoskrnl type dump.
 */
static const struct fdef PS_PROTECTION_f[] = {
    { "Level",  0x0000, "UCHAR" },
    { "Type",   0x0000, "UCHAR:0:3" },
    { "Audit",  0x0000, "UCHAR:3:1" },
    { "Signer", 0x0000, "UCHAR:4:4" },
};

/* union _PS_INTERLOCKED_TIMER_DELAY_VALUES, 0x8 bytes. Source: ntdiff
 * Windows 11 24H2 (26100) x64 ntoskrnl type dump.
 */
static const struct fdef PS_INTERLOCKED_TIMER_DELAY_VALUES_f[] = {
    { "DelayMs",            0x0000, "ULONGLONG:0:30" },
    { "CoalescingWindowMs", 0x0000, "ULONGLONG:30:30" },
    { "Reserved",           0x0000, "ULONGLONG:60:1" },
    { "NewTimerWheel",      0x0000, "ULONGLONG:61:1" },
    { "Retry",              0x0000, "ULONGLONG:62:1" },
    { "Locked",             0x0000, "ULONGLONG:63:1" },
    { "All",                0x0000, "ULONGLONG" },
};

/* struct _WNF_STATE_NAME, 0x8 bytes. Source: ntdiff Windows 11 24H2 (26100)
 * x64 ntoskrnl type dump.
 */
static const struct fdef WNF_STATE_NAME_f[] = {
    { "Data", 0x0000, "ULONG[2]" },
};

/* struct _JOBOBJECT_WAKE_FILTER, 0x8 bytes. Source: ntdiff Windows 11 24H2
 * (26100) x64 ntoskrnl type dump.
 */
static const struct fdef JOBOBJECT_WAKE_FILTER_f[] = {
    { "HighEdgeFilter", 0x0000, "ULONG" },
    { "LowEdgeFilter",  0x0004, "ULONG" },
};

/* struct _PS_PROCESS_WAKE_INFORMATION, 0x30 bytes. Source: ntdiff Windows 11
 * 24H2 (26100) x64 ntoskrnl type dump.
 */
static const struct fdef PS_PROCESS_WAKE_INFORMATION_f[] = {
    { "NotificationChannel", 0x0000, "ULONGLONG" },
    { "WakeCounters",        0x0008, "ULONG[7]" },
    { "WakeFilter",          0x0024, "struct _JOBOBJECT_WAKE_FILTER" },
    { "NoWakeCounter",       0x002c, "ULONG" },
};

/* struct _PS_DYNAMIC_ENFORCED_ADDRESS_RANGES, 0x10 bytes. Source: ntdiff
 * Windows 11 24H2 (26100) x64 ntoskrnl type dump.
 */
static const struct fdef PS_DYNAMIC_ENFORCED_ADDRESS_RANGES_f[] = {
    { "Tree", 0x0000, "struct _RTL_AVL_TREE" },
    { "Lock", 0x0008, "struct _EX_PUSH_LOCK" },
};

/* struct _PSP_SYSCALL_PROVIDER_DISPATCH_CONTEXT, 0x8 bytes. Source: ntdiff
 * Windows 11 24H2 (26100) x64 ntoskrnl type dump.
 */
static const struct fdef PSP_SYSCALL_PROVIDER_DISPATCH_CONTEXT_f[] = {
    { "Level", 0x0000, "ULONG" },
    { "Slot",  0x0004, "ULONG" },
};

/* union _PROCESS_EXECUTION_TRANSITION, 0x2 bytes. Source: ntdiff Windows 11
 * 24H2 (26100) x64 ntoskrnl type dump.
 */
static const struct fdef PROCESS_EXECUTION_TRANSITION_f[] = {
    { "TransitionState", 0x0000, "SHORT" },
    { "InProgress",      0x0000, "USHORT:0:1" },
    { "Reserved",        0x0000, "USHORT:1:7" },
};

/* union _PROCESS_EXECUTION_STATE, 0x1 bytes. Source: ntdiff Windows 11 24H2
 * (26100) x64 ntoskrnl type dump.
 */
static const struct fdef PROCESS_EXECUTION_STATE_f[] = {
    { "State",                          0x0000, "CHAR" },
    { "ProcessFrozen",                  0x0000, "UCHAR:0:1" },
    { "ProcessSwapped",                 0x0000, "UCHAR:1:1" },
    { "ProcessGraphicsFreezeOptimized", 0x0000, "UCHAR:2:1" },
    { "Reserved",                       0x0000, "UCHAR:3:5" },
};

/* union _PROCESS_EXECUTION, 0x4 bytes. Source: ntdiff Windows 11 24H2
 * (26100) x64 ntoskrnl type dump.
 */
static const struct fdef PROCESS_EXECUTION_f[] = {
    { "State",      0x0000, "LONG" },
    { "Transition", 0x0000, "union _PROCESS_EXECUTION_TRANSITION" },
    { "Current",    0x0002, "union _PROCESS_EXECUTION_STATE" },
    { "Requested",  0x0003, "union _PROCESS_EXECUTION_STATE" },
};

/* struct __unnamed_EPROCESS_MitigationFlagsValues, 0x4 bytes. Source: seed
 * 001 (Vergilius Project, Windows 11 24H2 x64 build 26100): exact (named
 * inner struct).
 */
static const struct fdef unnamed_EPROCESS_MitigationFlagsValues_f[] = {
    { "ControlFlowGuardEnabled",                  0x0000, "ULONG:0:1" },
    { "ControlFlowGuardExportSuppressionEnabled", 0x0000, "ULONG:1:1" },
    { "ControlFlowGuardStrict",                   0x0000, "ULONG:2:1" },
    { "DisallowStrippedImages",                   0x0000, "ULONG:3:1" },
    { "ForceRelocateImages",                      0x0000, "ULONG:4:1" },
    { "HighEntropyASLREnabled",                   0x0000, "ULONG:5:1" },
    { "StackRandomizationDisabled",               0x0000, "ULONG:6:1" },
    { "ExtensionPointDisable",                    0x0000, "ULONG:7:1" },
    { "DisableDynamicCode",                       0x0000, "ULONG:8:1" },
    { "DisableDynamicCodeAllowOptOut",            0x0000, "ULONG:9:1" },
    { "DisableDynamicCodeAllowRemoteDowngrade",   0x0000, "ULONG:10:1" },
    { "AuditDisableDynamicCode",                  0x0000, "ULONG:11:1" },
    { "DisallowWin32kSystemCalls",                0x0000, "ULONG:12:1" },
    { "AuditDisallowWin32kSystemCalls",           0x0000, "ULONG:13:1" },
    { "EnableFilteredWin32kAPIs",                 0x0000, "ULONG:14:1" },
    { "AuditFilteredWin32kAPIs",                  0x0000, "ULONG:15:1" },
    { "DisableNonSystemFonts",                    0x0000, "ULONG:16:1" },
    { "AuditNonSystemFontLoading",                0x0000, "ULONG:17:1" },
    { "PreferSystem32Images",                     0x0000, "ULONG:18:1" },
    { "ProhibitRemoteImageMap",                   0x0000, "ULONG:19:1" },
    { "AuditProhibitRemoteImageMap",              0x0000, "ULONG:20:1" },
    { "ProhibitLowILImageMap",                    0x0000, "ULONG:21:1" },
    { "AuditProhibitLowILImageMap",               0x0000, "ULONG:22:1" },
    { "SignatureMitigationOptIn",                 0x0000, "ULONG:23:1" },
    { "AuditBlockNonMicrosoftBinaries",           0x0000, "ULONG:24:1" },
    { "AuditBlockNonMicrosoftBinariesAllowStore", 0x0000, "ULONG:25:1" },
    { "LoaderIntegrityContinuityEnabled",         0x0000, "ULONG:26:1" },
    { "AuditLoaderIntegrityContinuity",           0x0000, "ULONG:27:1" },
    { "EnableModuleTamperingProtection",          0x0000, "ULONG:28:1" },
    { "EnableModuleTamperingProtectionNoInherit", 0x0000, "ULONG:29:1" },
    { "RestrictIndirectBranchPrediction",         0x0000, "ULONG:30:1" },
    { "IsolateSecurityDomain",                    0x0000, "ULONG:31:1" },
};

/* struct __unnamed_EPROCESS_MitigationFlags2Values, 0x4 bytes. Source: seed
 * 001 (Vergilius Project, Windows 11 24H2 x64 build 26100): exact (named
 * inner struct).
 */
static const struct fdef unnamed_EPROCESS_MitigationFlags2Values_f[] = {
    { "EnableExportAddressFilter",                0x0000, "ULONG:0:1" },
    { "AuditExportAddressFilter",                 0x0000, "ULONG:1:1" },
    { "EnableExportAddressFilterPlus",            0x0000, "ULONG:2:1" },
    { "AuditExportAddressFilterPlus",             0x0000, "ULONG:3:1" },
    { "EnableRopStackPivot",                      0x0000, "ULONG:4:1" },
    { "AuditRopStackPivot",                       0x0000, "ULONG:5:1" },
    { "EnableRopCallerCheck",                     0x0000, "ULONG:6:1" },
    { "AuditRopCallerCheck",                      0x0000, "ULONG:7:1" },
    { "EnableRopSimExec",                         0x0000, "ULONG:8:1" },
    { "AuditRopSimExec",                          0x0000, "ULONG:9:1" },
    { "EnableImportAddressFilter",                0x0000, "ULONG:10:1" },
    { "AuditImportAddressFilter",                 0x0000, "ULONG:11:1" },
    { "DisablePageCombine",                       0x0000, "ULONG:12:1" },
    { "SpeculativeStoreBypassDisable",            0x0000, "ULONG:13:1" },
    { "CetUserShadowStacks",                      0x0000, "ULONG:14:1" },
    { "AuditCetUserShadowStacks",                 0x0000, "ULONG:15:1" },
    { "AuditCetUserShadowStacksLogged",           0x0000, "ULONG:16:1" },
    { "UserCetSetContextIpValidation",            0x0000, "ULONG:17:1" },
    { "AuditUserCetSetContextIpValidation",       0x0000, "ULONG:18:1" },
    { "AuditUserCetSetContextIpValidationLogged", 0x0000, "ULONG:19:1" },
    { "CetUserShadowStacksStrictMode",            0x0000, "ULONG:20:1" },
    { "BlockNonCetBinaries",                      0x0000, "ULONG:21:1" },
    { "BlockNonCetBinariesNonEhcont",             0x0000, "ULONG:22:1" },
    { "AuditBlockNonCetBinaries",                 0x0000, "ULONG:23:1" },
    { "AuditBlockNonCetBinariesLogged",           0x0000, "ULONG:24:1" },
    { "XtendedControlFlowGuard_Deprecated",       0x0000, "ULONG:25:1" },
    { "AuditXtendedControlFlowGuard_Deprecated",  0x0000, "ULONG:26:1" },
    { "PointerAuthUserIp",                        0x0000, "ULONG:27:1" },
    { "AuditPointerAuthUserIp",                   0x0000, "ULONG:28:1" },
    { "AuditPointerAuthUserIpLogged",             0x0000, "ULONG:29:1" },
    { "CetDynamicApisOutOfProcOnly",              0x0000, "ULONG:30:1" },
    { "UserCetSetContextIpValidationRelaxedMode", 0x0000, "ULONG:31:1" },
};

/* struct __unnamed_EPROCESS_MitigationFlags3Values, 0x4 bytes. Source: seed
 * 001 (Vergilius Project, Windows 11 24H2 x64 build 26100): exact (named
 * inner struct).
 */
static const struct fdef unnamed_EPROCESS_MitigationFlags3Values_f[] = {
    { "RestrictCoreSharing",           0x0000, "ULONG:0:1" },
    { "DisallowFsctlSystemCalls",      0x0000, "ULONG:1:1" },
    { "AuditDisallowFsctlSystemCalls", 0x0000, "ULONG:2:1" },
    { "MitigationFlags3Spare",         0x0000, "ULONG:3:29" },
};

/* struct __unnamed_EPROCESS_SyscallUsageValues, 0x4 bytes. Source: seed 001
 * (Vergilius Project, Windows 11 24H2 x64 build 26100): exact (named inner
 * struct).
 */
static const struct fdef unnamed_EPROCESS_SyscallUsageValues_f[] = {
    { "SystemModuleInformation",           0x0000, "ULONG:0:1" },
    { "SystemModuleInformationEx",         0x0000, "ULONG:1:1" },
    { "SystemLocksInformation",            0x0000, "ULONG:2:1" },
    { "SystemStackTraceInformation",       0x0000, "ULONG:3:1" },
    { "SystemHandleInformation",           0x0000, "ULONG:4:1" },
    { "SystemExtendedHandleInformation",   0x0000, "ULONG:5:1" },
    { "SystemObjectInformation",           0x0000, "ULONG:6:1" },
    { "SystemBigPoolInformation",          0x0000, "ULONG:7:1" },
    { "SystemExtendedProcessInformation",  0x0000, "ULONG:8:1" },
    { "SystemSessionProcessInformation",   0x0000, "ULONG:9:1" },
    { "SystemMemoryTopologyInformation",   0x0000, "ULONG:10:1" },
    { "SystemMemoryChannelInformation",    0x0000, "ULONG:11:1" },
    { "SystemUnused",                      0x0000, "ULONG:12:1" },
    { "SystemPlatformBinaryInformation",   0x0000, "ULONG:13:1" },
    { "SystemFirmwareTableInformation",    0x0000, "ULONG:14:1" },
    { "SystemBootMetadataInformation",     0x0000, "ULONG:15:1" },
    { "SystemWheaIpmiHardwareInformation", 0x0000, "ULONG:16:1" },
    { "SystemSuperfetchPrefetch",          0x0000, "ULONG:17:1" },
    { "SystemSuperfetchPfnQuery",          0x0000, "ULONG:18:1" },
    { "SystemSuperfetchPrivSourceQuery",   0x0000, "ULONG:19:1" },
    { "SystemSuperfetchMemoryListQuery",   0x0000, "ULONG:20:1" },
    { "SystemSuperfetchMemoryRangesQuery", 0x0000, "ULONG:21:1" },
    { "SystemSuperfetchPfnSetPriority",    0x0000, "ULONG:22:1" },
    { "SystemSuperfetchMovePages",         0x0000, "ULONG:23:1" },
    { "SystemSuperfetchPfnSetPageHeat",    0x0000, "ULONG:24:1" },
    { "SysDbgGetTriageDump",               0x0000, "ULONG:25:1" },
    { "SysDbgGetLiveKernelDump",           0x0000, "ULONG:26:1" },
    { "SyscallUsageValuesSpare",           0x0000, "ULONG:27:5" },
};

/* struct _EPROCESS, 0x840 bytes. Source: seed 001 (Vergilius Project,
 * Windows 11 24H2 x64 build 26100): exact. Fields end at ThreadIndexTable
 * (0x800); 0x808-0x83f is trailing padding (the ntdiff 26100 dump shows it
 * as __PADDING__).
 */
static const struct fdef EPROCESS_f[] = {
    { "Pcb",                                     0x0000, "struct _KPROCESS" },
    { "ProcessLock",                             0x01c8, "struct _EX_PUSH_LOCK" },
    { "UniqueProcessId",                         0x01d0, "*VOID" },
    { "ActiveProcessLinks",                      0x01d8, "struct _LIST_ENTRY" },
    { "RundownProtect",                          0x01e8, "struct _EX_RUNDOWN_REF" },
    { "Flags2",                                  0x01f0, "ULONG" },
    { "JobNotReallyActive",                      0x01f0, "ULONG:0:1" },
    { "AccountingFolded",                        0x01f0, "ULONG:1:1" },
    { "NewProcessReported",                      0x01f0, "ULONG:2:1" },
    { "ExitProcessReported",                     0x01f0, "ULONG:3:1" },
    { "ReportCommitChanges",                     0x01f0, "ULONG:4:1" },
    { "LastReportMemory",                        0x01f0, "ULONG:5:1" },
    { "ForceWakeCharge",                         0x01f0, "ULONG:6:1" },
    { "CrossSessionCreate",                      0x01f0, "ULONG:7:1" },
    { "NeedsHandleRundown",                      0x01f0, "ULONG:8:1" },
    { "RefTraceEnabled",                         0x01f0, "ULONG:9:1" },
    { "PicoCreated",                             0x01f0, "ULONG:10:1" },
    { "EmptyJobEvaluated",                       0x01f0, "ULONG:11:1" },
    { "DefaultPagePriority",                     0x01f0, "ULONG:12:3" },
    { "PrimaryTokenFrozen",                      0x01f0, "ULONG:15:1" },
    { "ProcessVerifierTarget",                   0x01f0, "ULONG:16:1" },
    { "RestrictSetThreadContext",                0x01f0, "ULONG:17:1" },
    { "AffinityPermanent",                       0x01f0, "ULONG:18:1" },
    { "AffinityUpdateEnable",                    0x01f0, "ULONG:19:1" },
    { "PropagateNode",                           0x01f0, "ULONG:20:1" },
    { "ExplicitAffinity",                        0x01f0, "ULONG:21:1" },
    { "Flags2Available1",                        0x01f0, "ULONG:22:2" },
    { "EnableReadVmLogging",                     0x01f0, "ULONG:24:1" },
    { "EnableWriteVmLogging",                    0x01f0, "ULONG:25:1" },
    { "FatalAccessTerminationRequested",         0x01f0, "ULONG:26:1" },
    { "DisableSystemAllowedCpuSet",              0x01f0, "ULONG:27:1" },
    { "Flags2Available2",                        0x01f0, "ULONG:28:3" },
    { "InPrivate",                               0x01f0, "ULONG:31:1" },
    { "Flags",                                   0x01f4, "ULONG" },
    { "CreateReported",                          0x01f4, "ULONG:0:1" },
    { "NoDebugInherit",                          0x01f4, "ULONG:1:1" },
    { "ProcessExiting",                          0x01f4, "ULONG:2:1" },
    { "ProcessDelete",                           0x01f4, "ULONG:3:1" },
    { "ManageExecutableMemoryWrites",            0x01f4, "ULONG:4:1" },
    { "VmDeleted",                               0x01f4, "ULONG:5:1" },
    { "OutswapEnabled",                          0x01f4, "ULONG:6:1" },
    { "Outswapped",                              0x01f4, "ULONG:7:1" },
    { "FailFastOnCommitFail",                    0x01f4, "ULONG:8:1" },
    { "Wow64VaSpace4Gb",                         0x01f4, "ULONG:9:1" },
    { "AddressSpaceInitialized",                 0x01f4, "ULONG:10:2" },
    { "SetTimerResolution",                      0x01f4, "ULONG:12:1" },
    { "BreakOnTermination",                      0x01f4, "ULONG:13:1" },
    { "DeprioritizeViews",                       0x01f4, "ULONG:14:1" },
    { "WriteWatch",                              0x01f4, "ULONG:15:1" },
    { "ProcessInSession",                        0x01f4, "ULONG:16:1" },
    { "OverrideAddressSpace",                    0x01f4, "ULONG:17:1" },
    { "HasAddressSpace",                         0x01f4, "ULONG:18:1" },
    { "LaunchPrefetched",                        0x01f4, "ULONG:19:1" },
    { "Reserved",                                0x01f4, "ULONG:20:1" },
    { "VmTopDown",                               0x01f4, "ULONG:21:1" },
    { "ImageNotifyDone",                         0x01f4, "ULONG:22:1" },
    { "PdeUpdateNeeded",                         0x01f4, "ULONG:23:1" },
    { "VdmAllowed",                              0x01f4, "ULONG:24:1" },
    { "ProcessRundown",                          0x01f4, "ULONG:25:1" },
    { "ProcessInserted",                         0x01f4, "ULONG:26:1" },
    { "DefaultIoPriority",                       0x01f4, "ULONG:27:3" },
    { "ProcessSelfDelete",                       0x01f4, "ULONG:30:1" },
    { "SetTimerResolutionLink",                  0x01f4, "ULONG:31:1" },
    { "CreateTime",                              0x01f8, "union _LARGE_INTEGER" },
    { "ProcessQuotaUsage",                       0x0200, "ULONGLONG[2]" },
    { "ProcessQuotaPeak",                        0x0210, "ULONGLONG[2]" },
    { "PeakVirtualSize",                         0x0220, "ULONGLONG" },
    { "VirtualSize",                             0x0228, "ULONGLONG" },
    { "SessionProcessLinks",                     0x0230, "struct _LIST_ENTRY" },
    { "ExceptionPortData",                       0x0240, "*VOID" },
    { "ExceptionPortValue",                      0x0240, "ULONGLONG" },
    { "ExceptionPortState",                      0x0240, "ULONGLONG:0:3" },
    { "Token",                                   0x0248, "struct _EX_FAST_REF" },
    { "MmReserved",                              0x0250, "ULONGLONG" },
    { "AddressCreationLock",                     0x0258, "struct _EX_PUSH_LOCK" },
    { "PageTableCommitmentLock",                 0x0260, "struct _EX_PUSH_LOCK" },
    { "RotateInProgress",                        0x0268, "*struct _ETHREAD" },
    { "ForkInProgress",                          0x0270, "*struct _ETHREAD" },
    { "CommitChargeJob",                         0x0278, "*struct _EJOB" },
    { "CloneRoot",                               0x0280, "struct _RTL_AVL_TREE" },
    { "NumberOfPrivatePages",                    0x0288, "ULONGLONG" },
    { "NumberOfLockedPages",                     0x0290, "ULONGLONG" },
    { "Win32Process",                            0x0298, "*VOID" },
    { "Job",                                     0x02a0, "*struct _EJOB" },
    { "SectionObject",                           0x02a8, "*VOID" },
    { "SectionBaseAddress",                      0x02b0, "*VOID" },
    { "Cookie",                                  0x02b8, "ULONG" },
    { "WorkingSetWatch",                         0x02c0, "*struct _PAGEFAULT_HISTORY" },
    { "Win32WindowStation",                      0x02c8, "*VOID" },
    { "InheritedFromUniqueProcessId",            0x02d0, "*VOID" },
    { "OwnerProcessId",                          0x02d8, "ULONGLONG" },
    { "Peb",                                     0x02e0, "*struct _PEB" },
    { "Session",                                 0x02e8, "*struct _PSP_SESSION_SPACE" },
    { "Spare1",                                  0x02f0, "*VOID" },
    { "QuotaBlock",                              0x02f8, "*struct _EPROCESS_QUOTA_BLOCK" },
    { "ObjectTable",                             0x0300, "*struct _HANDLE_TABLE" },
    { "DebugPort",                               0x0308, "*VOID" },
    { "WoW64Process",                            0x0310, "*struct _EWOW64PROCESS" },
    { "DeviceMap",                               0x0318, "struct _EX_FAST_REF" },
    { "EtwDataSource",                           0x0320, "*VOID" },
    { "PageDirectoryPte",                        0x0328, "ULONGLONG" },
    { "ImageFilePointer",                        0x0330, "*struct _FILE_OBJECT" },
    { "ImageFileName",                           0x0338, "UCHAR[15]" },
    { "PriorityClass",                           0x0347, "UCHAR" },
    { "SecurityPort",                            0x0348, "*VOID" },
    { "SeAuditProcessCreationInfo",              0x0350, "struct _SE_AUDIT_PROCESS_CREATION_INFO" },
    { "JobLinks",                                0x0358, "struct _LIST_ENTRY" },
    { "HighestUserAddress",                      0x0368, "*VOID" },
    { "ThreadListHead",                          0x0370, "struct _LIST_ENTRY" },
    { "ActiveThreads",                           0x0380, "ULONG" },
    { "ImagePathHash",                           0x0384, "ULONG" },
    { "DefaultHardErrorProcessing",              0x0388, "ULONG" },
    { "LastThreadExitStatus",                    0x038c, "LONG" },
    { "PrefetchTrace",                           0x0390, "struct _EX_FAST_REF" },
    { "LockedPagesList",                         0x0398, "*VOID" },
    { "ReadOperationCount",                      0x03a0, "union _LARGE_INTEGER" },
    { "WriteOperationCount",                     0x03a8, "union _LARGE_INTEGER" },
    { "OtherOperationCount",                     0x03b0, "union _LARGE_INTEGER" },
    { "ReadTransferCount",                       0x03b8, "union _LARGE_INTEGER" },
    { "WriteTransferCount",                      0x03c0, "union _LARGE_INTEGER" },
    { "OtherTransferCount",                      0x03c8, "union _LARGE_INTEGER" },
    { "CommitChargeLimit",                       0x03d0, "ULONGLONG" },
    { "CommitCharge",                            0x03d8, "ULONGLONG" },
    { "CommitChargePeak",                        0x03e0, "ULONGLONG" },
    { "Vm",                                      0x0400, "struct _MMSUPPORT_FULL" },
    { "MmProcessLinks",                          0x0540, "struct _LIST_ENTRY" },
    { "ModifiedPageCount",                       0x0550, "ULONG" },
    { "ExitStatus",                              0x0554, "LONG" },
    { "VadRoot",                                 0x0558, "struct _RTL_AVL_TREE" },
    { "VadHint",                                 0x0560, "*VOID" },
    { "VadCount",                                0x0568, "ULONGLONG" },
    { "VadPhysicalPages",                        0x0570, "ULONGLONG" },
    { "VadPhysicalPagesLimit",                   0x0578, "ULONGLONG" },
    { "AlpcContext",                             0x0580, "struct _ALPC_PROCESS_CONTEXT" },
    { "TimerResolutionLink",                     0x05a0, "struct _LIST_ENTRY" },
    { "TimerResolutionStackRecord",              0x05b0, "*struct _PO_DIAG_STACK_RECORD" },
    { "RequestedTimerResolution",                0x05b8, "ULONG" },
    { "SmallestTimerResolution",                 0x05bc, "ULONG" },
    { "ExitTime",                                0x05c0, "union _LARGE_INTEGER" },
    { "InvertedFunctionTable",                   0x05c8, "*struct _INVERTED_FUNCTION_TABLE_KERNEL_MODE" },
    { "InvertedFunctionTableLock",               0x05d0, "struct _EX_PUSH_LOCK" },
    { "ActiveThreadsHighWatermark",              0x05d8, "ULONG" },
    { "LargePrivateVadCount",                    0x05dc, "ULONG" },
    { "ThreadListLock",                          0x05e0, "struct _EX_PUSH_LOCK" },
    { "WnfContext",                              0x05e8, "*VOID" },
    { "ServerSilo",                              0x05f0, "*struct _EJOB" },
    { "SignatureLevel",                          0x05f8, "UCHAR" },
    { "SectionSignatureLevel",                   0x05f9, "UCHAR" },
    { "Protection",                              0x05fa, "struct _PS_PROTECTION" },
    { "HangCount",                               0x05fb, "UCHAR:0:3" },
    { "GhostCount",                              0x05fb, "UCHAR:3:3" },
    { "PrefilterException",                      0x05fb, "UCHAR:6:1" },
    { "Flags3",                                  0x05fc, "ULONG" },
    { "Minimal",                                 0x05fc, "ULONG:0:1" },
    { "ReplacingPageRoot",                       0x05fc, "ULONG:1:1" },
    { "Crashed",                                 0x05fc, "ULONG:2:1" },
    { "JobVadsAreTracked",                       0x05fc, "ULONG:3:1" },
    { "VadTrackingDisabled",                     0x05fc, "ULONG:4:1" },
    { "AuxiliaryProcess",                        0x05fc, "ULONG:5:1" },
    { "SubsystemProcess",                        0x05fc, "ULONG:6:1" },
    { "IndirectCpuSets",                         0x05fc, "ULONG:7:1" },
    { "RelinquishedCommit",                      0x05fc, "ULONG:8:1" },
    { "HighGraphicsPriority",                    0x05fc, "ULONG:9:1" },
    { "CommitFailLogged",                        0x05fc, "ULONG:10:1" },
    { "ReserveFailLogged",                       0x05fc, "ULONG:11:1" },
    { "SystemProcess",                           0x05fc, "ULONG:12:1" },
    { "AllImagesAtBasePristineBase",             0x05fc, "ULONG:13:1" },
    { "AddressPolicyFrozen",                     0x05fc, "ULONG:14:1" },
    { "ProcessFirstResume",                      0x05fc, "ULONG:15:1" },
    { "ForegroundExternal",                      0x05fc, "ULONG:16:1" },
    { "ForegroundSystem",                        0x05fc, "ULONG:17:1" },
    { "HighMemoryPriority",                      0x05fc, "ULONG:18:1" },
    { "EnableProcessSuspendResumeLogging",       0x05fc, "ULONG:19:1" },
    { "EnableThreadSuspendResumeLogging",        0x05fc, "ULONG:20:1" },
    { "SecurityDomainChanged",                   0x05fc, "ULONG:21:1" },
    { "SecurityFreezeComplete",                  0x05fc, "ULONG:22:1" },
    { "VmProcessorHost",                         0x05fc, "ULONG:23:1" },
    { "VmProcessorHostTransition",               0x05fc, "ULONG:24:1" },
    { "AltSyscall",                              0x05fc, "ULONG:25:1" },
    { "TimerResolutionIgnore",                   0x05fc, "ULONG:26:1" },
    { "DisallowUserTerminate",                   0x05fc, "ULONG:27:1" },
    { "EnableProcessRemoteExecProtectVmLogging", 0x05fc, "ULONG:28:1" },
    { "EnableProcessLocalExecProtectVmLogging",  0x05fc, "ULONG:29:1" },
    { "MemoryCompressionProcess",                0x05fc, "ULONG:30:1" },
    { "EnableProcessImpersonationLogging",       0x05fc, "ULONG:31:1" },
    { "DeviceAsid",                              0x0600, "LONG" },
    { "SvmData",                                 0x0608, "*VOID" },
    { "SvmProcessLock",                          0x0610, "struct _EX_PUSH_LOCK" },
    { "SvmLock",                                 0x0618, "ULONGLONG" },
    { "SvmProcessDeviceListHead",                0x0620, "struct _LIST_ENTRY" },
    { "LastFreezeInterruptTime",                 0x0630, "ULONGLONG" },
    { "DiskCounters",                            0x0638, "*struct _PROCESS_DISK_COUNTERS" },
    { "PicoContext",                             0x0640, "*VOID" },
    { "EnclaveTable",                            0x0648, "*VOID" },
    { "EnclaveNumber",                           0x0650, "ULONGLONG" },
    { "EnclaveLock",                             0x0658, "struct _EX_PUSH_LOCK" },
    { "HighPriorityFaultsAllowed",               0x0660, "ULONG" },
    { "EnergyContext",                           0x0668, "*struct _PO_PROCESS_ENERGY_CONTEXT" },
    { "VmContext",                               0x0670, "*VOID" },
    { "SequenceNumber",                          0x0678, "ULONGLONG" },
    { "CreateInterruptTime",                     0x0680, "ULONGLONG" },
    { "CreateUnbiasedInterruptTime",             0x0688, "ULONGLONG" },
    { "TotalUnbiasedFrozenTime",                 0x0690, "ULONGLONG" },
    { "LastAppStateUpdateTime",                  0x0698, "ULONGLONG" },
    { "LastAppStateUptime",                      0x06a0, "ULONGLONG:0:61" },
    { "LastAppState",                            0x06a0, "ULONGLONG:61:3" },
    { "SharedCommitCharge",                      0x06a8, "ULONGLONG" },
    { "SharedCommitLock",                        0x06b0, "struct _EX_PUSH_LOCK" },
    { "SharedCommitLinks",                       0x06b8, "struct _LIST_ENTRY" },
    { "AllowedCpuSets",                          0x06c8, "ULONGLONG" },
    { "DefaultCpuSets",                          0x06d0, "ULONGLONG" },
    { "AllowedCpuSetsIndirect",                  0x06c8, "*ULONGLONG" },
    { "DefaultCpuSetsIndirect",                  0x06d0, "*ULONGLONG" },
    { "DiskIoAttribution",                       0x06d8, "*VOID" },
    { "DxgProcess",                              0x06e0, "*VOID" },
    { "Win32KFilterSet",                         0x06e8, "ULONG" },
    { "Machine",                                 0x06ec, "USHORT" },
    { "MmSlabIdentity",                          0x06ee, "UCHAR" },
    { "Spare0",                                  0x06ef, "UCHAR" },
    { "ProcessTimerDelay",                       0x06f0, "union _PS_INTERLOCKED_TIMER_DELAY_VALUES" },
    { "KTimerSets",                              0x06f8, "ULONG" },
    { "KTimer2Sets",                             0x06fc, "ULONG" },
    { "ThreadTimerSets",                         0x0700, "ULONG" },
    { "VirtualTimerListLock",                    0x0708, "ULONGLONG" },
    { "VirtualTimerListHead",                    0x0710, "struct _LIST_ENTRY" },
    { "WakeChannel",                             0x0720, "struct _WNF_STATE_NAME" },
    { "WakeInfo",                                0x0720, "struct _PS_PROCESS_WAKE_INFORMATION" },
    { "MitigationFlags",                         0x0750, "ULONG" },
    { "MitigationFlagsValues",                   0x0750, "struct __unnamed_EPROCESS_MitigationFlagsValues" },
    { "MitigationFlags2",                        0x0754, "ULONG" },
    { "MitigationFlags2Values",                  0x0754, "struct __unnamed_EPROCESS_MitigationFlags2Values" },
    { "PartitionObject",                         0x0758, "*VOID" },
    { "SecurityDomain",                          0x0760, "ULONGLONG" },
    { "ParentSecurityDomain",                    0x0768, "ULONGLONG" },
    { "CoverageSamplerContext",                  0x0770, "*VOID" },
    { "MmHotPatchContext",                       0x0778, "*VOID" },
    { "DynamicEHContinuationTargetsTree",        0x0780, "struct _RTL_AVL_TREE" },
    { "DynamicEHContinuationTargetsLock",        0x0788, "struct _EX_PUSH_LOCK" },
    { "DynamicEnforcedCetCompatibleRanges",      0x0790, "struct _PS_DYNAMIC_ENFORCED_ADDRESS_RANGES" },
    { "DisabledComponentFlags",                  0x07a0, "ULONG" },
    { "PageCombineSequence",                     0x07a4, "LONG" },
    { "EnableOptionalXStateFeaturesLock",        0x07a8, "struct _EX_PUSH_LOCK" },
    { "PathRedirectionHashes",                   0x07b0, "*ULONG" },
    { "SyscallProvider",                         0x07b8, "*struct _PS_SYSCALL_PROVIDER" },
    { "SyscallProviderProcessLinks",             0x07c0, "struct _LIST_ENTRY" },
    { "SyscallProviderDispatchContext",          0x07d0, "struct _PSP_SYSCALL_PROVIDER_DISPATCH_CONTEXT" },
    { "MitigationFlags3",                        0x07d8, "ULONG" },
    { "MitigationFlags3Values",                  0x07d8, "struct __unnamed_EPROCESS_MitigationFlags3Values" },
    { "Flags4",                                  0x07dc, "ULONG" },
    { "ThreadWasActive",                         0x07dc, "ULONG:0:1" },
    { "MinimalTerminate",                        0x07dc, "ULONG:1:1" },
    { "ImageExpansionDisable",                   0x07dc, "ULONG:2:1" },
    { "SessionFirstProcess",                     0x07dc, "ULONG:3:1" },
    { "SyscallUsage",                            0x07e0, "ULONG" },
    { "SyscallUsageValues",                      0x07e0, "struct __unnamed_EPROCESS_SyscallUsageValues" },
    { "SupervisorDeviceAsid",                    0x07e4, "LONG" },
    { "SupervisorSvmData",                       0x07e8, "*VOID" },
    { "NetworkCounters",                         0x07f0, "*struct _PROCESS_NETWORK_COUNTERS" },
    { "Execution",                               0x07f8, "union _PROCESS_EXECUTION" },
    { "ThreadIndexTable",                        0x0800, "*VOID" },
};

/* struct _EJOB, 0x700 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef EJOB_f[] = {
    { "Event",                                   0x0000, "struct _KEVENT" },
    { "JobLinks",                                0x0018, "struct _LIST_ENTRY" },
    { "ProcessListHead",                         0x0028, "struct _LIST_ENTRY" },
    { "JobLock",                                 0x0038, "struct _ERESOURCE" },
    { "TotalUserTime",                           0x00a0, "union _LARGE_INTEGER" },
    { "TotalKernelTime",                         0x00a8, "union _LARGE_INTEGER" },
    { "TotalCycleTime",                          0x00b0, "union _LARGE_INTEGER" },
    { "ThisPeriodTotalUserTime",                 0x00b8, "union _LARGE_INTEGER" },
    { "ThisPeriodTotalKernelTime",               0x00c0, "union _LARGE_INTEGER" },
    { "TotalContextSwitches",                    0x00c8, "ULONGLONG" },
    { "TotalPageFaultCount",                     0x00d0, "ULONG" },
    { "TotalProcesses",                          0x00d4, "ULONG" },
    { "ActiveProcesses",                         0x00d8, "ULONG" },
    { "TotalTerminatedProcesses",                0x00dc, "ULONG" },
    { "PerProcessUserTimeLimit",                 0x00e0, "union _LARGE_INTEGER" },
    { "PerJobUserTimeLimit",                     0x00e8, "union _LARGE_INTEGER" },
    { "MinimumWorkingSetSize",                   0x00f0, "ULONGLONG" },
    { "MaximumWorkingSetSize",                   0x00f8, "ULONGLONG" },
    { "LimitFlags",                              0x0100, "ULONG" },
    { "ActiveProcessLimit",                      0x0104, "ULONG" },
    { "Affinity",                                0x0108, "struct _KAFFINITY_EX" },
    { "AccessState",                             0x0210, "*struct _JOB_ACCESS_STATE" },
    { "AccessStateQuotaReference",               0x0218, "*VOID" },
    { "UIRestrictionsClass",                     0x0220, "ULONG" },
    { "EndOfJobTimeAction",                      0x0224, "ULONG" },
    { "CompletionPort",                          0x0228, "*VOID" },
    { "CompletionKey",                           0x0230, "*VOID" },
    { "CompletionCount",                         0x0238, "ULONGLONG" },
    { "SessionId",                               0x0240, "ULONG" },
    { "SchedulingClass",                         0x0244, "ULONG" },
    { "ReadOperationCount",                      0x0248, "ULONGLONG" },
    { "WriteOperationCount",                     0x0250, "ULONGLONG" },
    { "OtherOperationCount",                     0x0258, "ULONGLONG" },
    { "ReadTransferCount",                       0x0260, "ULONGLONG" },
    { "WriteTransferCount",                      0x0268, "ULONGLONG" },
    { "OtherTransferCount",                      0x0270, "ULONGLONG" },
    { "DiskIoInfo",                              0x0278, "struct _PROCESS_DISK_COUNTERS" },
    { "ProcessMemoryLimit",                      0x02a0, "ULONGLONG" },
    { "JobMemoryLimit",                          0x02a8, "ULONGLONG" },
    { "JobTotalMemoryLimit",                     0x02b0, "ULONGLONG" },
    { "PeakProcessMemoryUsed",                   0x02b8, "ULONGLONG" },
    { "PeakJobMemoryUsed",                       0x02c0, "ULONGLONG" },
    { "EffectiveAffinity",                       0x02c8, "struct _KAFFINITY_EX" },
    { "EffectivePerProcessUserTimeLimit",        0x03d0, "union _LARGE_INTEGER" },
    { "EffectiveMinimumWorkingSetSize",          0x03d8, "ULONGLONG" },
    { "EffectiveMaximumWorkingSetSize",          0x03e0, "ULONGLONG" },
    { "EffectiveProcessMemoryLimit",             0x03e8, "ULONGLONG" },
    { "EffectiveProcessMemoryLimitJob",          0x03f0, "*struct _EJOB" },
    { "EffectivePerProcessUserTimeLimitJob",     0x03f8, "*struct _EJOB" },
    { "EffectiveNetIoRateLimitJob",              0x0400, "*struct _EJOB" },
    { "EffectiveHeapAttributionJob",             0x0408, "*struct _EJOB" },
    { "EffectiveLimitFlags",                     0x0410, "ULONG" },
    { "EffectiveSchedulingClass",                0x0414, "ULONG" },
    { "EffectiveFreezeCount",                    0x0418, "ULONG" },
    { "EffectiveBackgroundCount",                0x041c, "ULONG" },
    { "EffectiveSwapCount",                      0x0420, "ULONG" },
    { "EffectiveNotificationLimitCount",         0x0424, "ULONG" },
    { "EffectivePriorityClass",                  0x0428, "UCHAR" },
    { "PriorityClass",                           0x0429, "UCHAR" },
    { "NestingDepth",                            0x042a, "UCHAR" },
    { "Reserved1",                               0x042b, "UCHAR[1]" },
    { "CompletionFilter",                        0x042c, "ULONG" },
    { "WakeChannel",                             0x0430, "struct _WNF_STATE_NAME" },
    { "WakeInfo",                                0x0430, "struct _PS_JOB_WAKE_INFORMATION" },
    { "WakeFilter",                              0x0478, "struct _JOBOBJECT_WAKE_FILTER" },
    { "LowEdgeLatchFilter",                      0x0480, "ULONG" },
    { "NotificationLink",                        0x0488, "*struct _EJOB" },
    { "CurrentJobMemoryUsed",                    0x0490, "ULONGLONG" },
    { "NotificationInfo",                        0x0498, "*struct _JOB_NOTIFICATION_INFORMATION" },
    { "NotificationInfoQuotaReference",          0x04a0, "*VOID" },
    { "NotificationPacket",                      0x04a8, "*struct _IO_MINI_COMPLETION_PACKET_USER" },
    { "CpuRateControl",                          0x04b0, "*struct _JOB_CPU_RATE_CONTROL" },
    { "EffectiveSchedulingGroup",                0x04b8, "*VOID" },
    { "ReadyTime",                               0x04c0, "ULONGLONG" },
    { "MemoryLimitsLock",                        0x04c8, "struct _EX_PUSH_LOCK" },
    { "SiblingJobLinks",                         0x04d0, "struct _LIST_ENTRY" },
    { "ChildJobListHead",                        0x04e0, "struct _LIST_ENTRY" },
    { "ParentJob",                               0x04f0, "*struct _EJOB" },
    { "RootJob",                                 0x04f8, "*struct _EJOB" },
    { "IteratorListHead",                        0x0500, "struct _LIST_ENTRY" },
    { "AncestorCount",                           0x0510, "ULONGLONG" },
    { "Ancestors",                               0x0518, "**struct _EJOB" },
    { "SessionObject",                           0x0518, "*VOID" },
    { "Accounting",                              0x0520, "struct _EPROCESS_VALUES" },
    { "ShadowActiveProcessCount",                0x0588, "ULONG" },
    { "ActiveAuxiliaryProcessCount",             0x058c, "ULONG" },
    { "SequenceNumber",                          0x0590, "ULONG" },
    { "JobId",                                   0x0594, "ULONG" },
    { "ContainerId",                             0x0598, "struct _GUID" },
    { "ContainerTelemetryId",                    0x05a8, "struct _GUID" },
    { "ServerSiloGlobals",                       0x05b8, "*struct _ESERVERSILO_GLOBALS" },
    { "PropertySet",                             0x05c0, "struct _PS_PROPERTY_SET" },
    { "Storage",                                 0x05d8, "*struct _PSP_STORAGE" },
    { "NetRateControl",                          0x05e0, "*struct _JOB_NET_RATE_CONTROL" },
    { "JobFlags",                                0x05e8, "ULONG" },
    { "CloseDone",                               0x05e8, "ULONG:0:1" },
    { "MultiGroup",                              0x05e8, "ULONG:1:1" },
    { "OutstandingNotification",                 0x05e8, "ULONG:2:1" },
    { "NotificationInProgress",                  0x05e8, "ULONG:3:1" },
    { "UILimits",                                0x05e8, "ULONG:4:1" },
    { "CpuRateControlActive",                    0x05e8, "ULONG:5:1" },
    { "OwnCpuRateControl",                       0x05e8, "ULONG:6:1" },
    { "Terminating",                             0x05e8, "ULONG:7:1" },
    { "WorkingSetLock",                          0x05e8, "ULONG:8:1" },
    { "JobFrozen",                               0x05e8, "ULONG:9:1" },
    { "Background",                              0x05e8, "ULONG:10:1" },
    { "WakeNotificationAllocated",               0x05e8, "ULONG:11:1" },
    { "WakeNotificationEnabled",                 0x05e8, "ULONG:12:1" },
    { "WakeNotificationPending",                 0x05e8, "ULONG:13:1" },
    { "LimitNotificationRequired",               0x05e8, "ULONG:14:1" },
    { "ZeroCountNotificationRequired",           0x05e8, "ULONG:15:1" },
    { "CycleTimeNotificationRequired",           0x05e8, "ULONG:16:1" },
    { "CycleTimeNotificationPending",            0x05e8, "ULONG:17:1" },
    { "TimersVirtualized",                       0x05e8, "ULONG:18:1" },
    { "JobSwapped",                              0x05e8, "ULONG:19:1" },
    { "ViolationDetected",                       0x05e8, "ULONG:20:1" },
    { "EmptyJobNotified",                        0x05e8, "ULONG:21:1" },
    { "NoSystemCharge",                          0x05e8, "ULONG:22:1" },
    { "DropNoWakeCharges",                       0x05e8, "ULONG:23:1" },
    { "NoWakeChargePolicyDecided",               0x05e8, "ULONG:24:1" },
    { "NetRateControlActive",                    0x05e8, "ULONG:25:1" },
    { "OwnNetRateControl",                       0x05e8, "ULONG:26:1" },
    { "IoRateControlActive",                     0x05e8, "ULONG:27:1" },
    { "OwnIoRateControl",                        0x05e8, "ULONG:28:1" },
    { "DisallowNewProcesses",                    0x05e8, "ULONG:29:1" },
    { "Silo",                                    0x05e8, "ULONG:30:1" },
    { "ContainerTelemetryIdSet",                 0x05e8, "ULONG:31:1" },
    { "JobFlags2",                               0x05ec, "ULONG" },
    { "ParentLocked",                            0x05ec, "ULONG:0:1" },
    { "EnableUsermodeSiloThreadImpersonation",   0x05ec, "ULONG:1:1" },
    { "DisallowUsermodeSiloThreadImpersonation", 0x05ec, "ULONG:2:1" },
    { "EnergyValues",                            0x05f0, "*struct _PROCESS_EXTENDED_ENERGY_VALUES" },
    { "SharedCommitCharge",                      0x05f8, "ULONGLONG" },
    { "DiskIoAttributionUserRefCount",           0x0600, "ULONG" },
    { "DiskIoAttributionRefCount",               0x0604, "ULONG" },
    { "DiskIoAttributionContext",                0x0608, "*VOID" },
    { "DiskIoAttributionOwnerJob",               0x0608, "*struct _EJOB" },
    { "IoRateControlHeader",                     0x0610, "struct _JOB_RATE_CONTROL_HEADER" },
    { "GlobalIoControl",                         0x0638, "struct _PS_IO_CONTROL_ENTRY" },
    { "IoControlStateLock",                      0x0670, "LONG" },
    { "VolumeIoControlTree",                     0x0678, "struct _RTL_RB_TREE" },
    { "IoRateOverQuotaHistory",                  0x0688, "ULONGLONG" },
    { "IoRateCurrentGeneration",                 0x0690, "ULONG" },
    { "IoRateLastQueryGeneration",               0x0694, "ULONG" },
    { "IoRateGenerationLength",                  0x0698, "ULONG" },
    { "IoRateOverQuotaNotifySequenceId",         0x069c, "ULONG" },
    { "LastThrottledIoTime",                     0x06a0, "ULONGLONG" },
    { "IoControlLock",                           0x06a8, "struct _EX_PUSH_LOCK" },
    { "SiloHardReferenceCount",                  0x06b0, "LONGLONG" },
    { "RundownWorkItem",                         0x06b8, "struct _WORK_QUEUE_ITEM" },
    { "PartitionObject",                         0x06d8, "*VOID" },
    { "PartitionOwnerJob",                       0x06e0, "*struct _EJOB" },
    { "EnergyTrackingState",                     0x06e8, "union _JOBOBJECT_ENERGY_TRACKING_STATE" },
    { "KernelWaitTime",                          0x06f0, "ULONGLONG" },
    { "UserWaitTime",                            0x06f8, "ULONGLONG" },
};

/* struct _EWOW64PROCESS, 0x10 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef EWOW64PROCESS_f[] = {
    { "Peb",       0x0000, "*VOID" },
    { "NtdllType", 0x0008, "enum _SYSTEM_DLL_TYPE" },
};

/* struct _PEB, 0x7d0 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef PEB_f[] = {
    { "InheritedAddressSpace",                0x0000, "UCHAR" },
    { "ReadImageFileExecOptions",             0x0001, "UCHAR" },
    { "BeingDebugged",                        0x0002, "UCHAR" },
    { "BitField",                             0x0003, "UCHAR" },
    { "ImageUsesLargePages",                  0x0003, "UCHAR:0:1" },
    { "IsProtectedProcess",                   0x0003, "UCHAR:1:1" },
    { "IsImageDynamicallyRelocated",          0x0003, "UCHAR:2:1" },
    { "SkipPatchingUser32Forwarders",         0x0003, "UCHAR:3:1" },
    { "IsPackagedProcess",                    0x0003, "UCHAR:4:1" },
    { "IsAppContainer",                       0x0003, "UCHAR:5:1" },
    { "IsProtectedProcessLight",              0x0003, "UCHAR:6:1" },
    { "IsLongPathAwareProcess",               0x0003, "UCHAR:7:1" },
    { "Padding0",                             0x0004, "UCHAR[4]" },
    { "Mutant",                               0x0008, "*VOID" },
    { "ImageBaseAddress",                     0x0010, "*VOID" },
    { "Ldr",                                  0x0018, "*struct _PEB_LDR_DATA" },
    { "ProcessParameters",                    0x0020, "*struct _RTL_USER_PROCESS_PARAMETERS" },
    { "SubSystemData",                        0x0028, "*VOID" },
    { "ProcessHeap",                          0x0030, "*VOID" },
    { "FastPebLock",                          0x0038, "*struct _RTL_CRITICAL_SECTION" },
    { "AtlThunkSListPtr",                     0x0040, "*union _SLIST_HEADER" },
    { "IFEOKey",                              0x0048, "*VOID" },
    { "CrossProcessFlags",                    0x0050, "ULONG" },
    { "ProcessInJob",                         0x0050, "ULONG:0:1" },
    { "ProcessInitializing",                  0x0050, "ULONG:1:1" },
    { "ProcessUsingVEH",                      0x0050, "ULONG:2:1" },
    { "ProcessUsingVCH",                      0x0050, "ULONG:3:1" },
    { "ProcessUsingFTH",                      0x0050, "ULONG:4:1" },
    { "ProcessPreviouslyThrottled",           0x0050, "ULONG:5:1" },
    { "ProcessCurrentlyThrottled",            0x0050, "ULONG:6:1" },
    { "ProcessImagesHotPatched",              0x0050, "ULONG:7:1" },
    { "ReservedBits0",                        0x0050, "ULONG:8:24" },
    { "Padding1",                             0x0054, "UCHAR[4]" },
    { "KernelCallbackTable",                  0x0058, "*VOID" },
    { "UserSharedInfoPtr",                    0x0058, "*VOID" },
    { "SystemReserved",                       0x0060, "ULONG" },
    { "AtlThunkSListPtr32",                   0x0064, "ULONG" },
    { "ApiSetMap",                            0x0068, "*VOID" },
    { "TlsExpansionCounter",                  0x0070, "ULONG" },
    { "Padding2",                             0x0074, "UCHAR[4]" },
    { "TlsBitmap",                            0x0078, "*struct _RTL_BITMAP" },
    { "TlsBitmapBits",                        0x0080, "ULONG[2]" },
    { "ReadOnlySharedMemoryBase",             0x0088, "*VOID" },
    { "SharedData",                           0x0090, "*VOID" },
    { "ReadOnlyStaticServerData",             0x0098, "**VOID" },
    { "AnsiCodePageData",                     0x00a0, "*VOID" },
    { "OemCodePageData",                      0x00a8, "*VOID" },
    { "UnicodeCaseTableData",                 0x00b0, "*VOID" },
    { "NumberOfProcessors",                   0x00b8, "ULONG" },
    { "NtGlobalFlag",                         0x00bc, "ULONG" },
    { "CriticalSectionTimeout",               0x00c0, "union _LARGE_INTEGER" },
    { "HeapSegmentReserve",                   0x00c8, "ULONGLONG" },
    { "HeapSegmentCommit",                    0x00d0, "ULONGLONG" },
    { "HeapDeCommitTotalFreeThreshold",       0x00d8, "ULONGLONG" },
    { "HeapDeCommitFreeBlockThreshold",       0x00e0, "ULONGLONG" },
    { "NumberOfHeaps",                        0x00e8, "ULONG" },
    { "MaximumNumberOfHeaps",                 0x00ec, "ULONG" },
    { "ProcessHeaps",                         0x00f0, "**VOID" },
    { "GdiSharedHandleTable",                 0x00f8, "*VOID" },
    { "ProcessStarterHelper",                 0x0100, "*VOID" },
    { "GdiDCAttributeList",                   0x0108, "ULONG" },
    { "Padding3",                             0x010c, "UCHAR[4]" },
    { "LoaderLock",                           0x0110, "*struct _RTL_CRITICAL_SECTION" },
    { "OSMajorVersion",                       0x0118, "ULONG" },
    { "OSMinorVersion",                       0x011c, "ULONG" },
    { "OSBuildNumber",                        0x0120, "USHORT" },
    { "OSCSDVersion",                         0x0122, "USHORT" },
    { "OSPlatformId",                         0x0124, "ULONG" },
    { "ImageSubsystem",                       0x0128, "ULONG" },
    { "ImageSubsystemMajorVersion",           0x012c, "ULONG" },
    { "ImageSubsystemMinorVersion",           0x0130, "ULONG" },
    { "Padding4",                             0x0134, "UCHAR[4]" },
    { "ActiveProcessAffinityMask",            0x0138, "ULONGLONG" },
    { "GdiHandleBuffer",                      0x0140, "ULONG[60]" },
    { "PostProcessInitRoutine",               0x0230, "*VOID" },
    { "TlsExpansionBitmap",                   0x0238, "*struct _RTL_BITMAP" },
    { "TlsExpansionBitmapBits",               0x0240, "ULONG[32]" },
    { "SessionId",                            0x02c0, "ULONG" },
    { "Padding5",                             0x02c4, "UCHAR[4]" },
    { "AppCompatFlags",                       0x02c8, "union _ULARGE_INTEGER" },
    { "AppCompatFlagsUser",                   0x02d0, "union _ULARGE_INTEGER" },
    { "pShimData",                            0x02d8, "*VOID" },
    { "AppCompatInfo",                        0x02e0, "*VOID" },
    { "CSDVersion",                           0x02e8, "struct _UNICODE_STRING" },
    { "ActivationContextData",                0x02f8, "*struct _ACTIVATION_CONTEXT_DATA" },
    { "ProcessAssemblyStorageMap",            0x0300, "*struct _ASSEMBLY_STORAGE_MAP" },
    { "SystemDefaultActivationContextData",   0x0308, "*struct _ACTIVATION_CONTEXT_DATA" },
    { "SystemAssemblyStorageMap",             0x0310, "*struct _ASSEMBLY_STORAGE_MAP" },
    { "MinimumStackCommit",                   0x0318, "ULONGLONG" },
    { "SparePointers",                        0x0320, "*VOID[2]" },
    { "PatchLoaderData",                      0x0330, "*VOID" },
    { "ChpeV2ProcessInfo",                    0x0338, "*struct _CHPEV2_PROCESS_INFO" },
    { "AppModelFeatureState",                 0x0340, "ULONG" },
    { "SpareUlongs",                          0x0344, "ULONG[2]" },
    { "ActiveCodePage",                       0x034c, "USHORT" },
    { "OemCodePage",                          0x034e, "USHORT" },
    { "UseCaseMapping",                       0x0350, "USHORT" },
    { "UnusedNlsField",                       0x0352, "USHORT" },
    { "WerRegistrationData",                  0x0358, "*VOID" },
    { "WerShipAssertPtr",                     0x0360, "*VOID" },
    { "EcCodeBitMap",                         0x0368, "*VOID" },
    { "pImageHeaderHash",                     0x0370, "*VOID" },
    { "TracingFlags",                         0x0378, "ULONG" },
    { "HeapTracingEnabled",                   0x0378, "ULONG:0:1" },
    { "CritSecTracingEnabled",                0x0378, "ULONG:1:1" },
    { "LibLoaderTracingEnabled",              0x0378, "ULONG:2:1" },
    { "SpareTracingBits",                     0x0378, "ULONG:3:29" },
    { "Padding6",                             0x037c, "UCHAR[4]" },
    { "CsrServerReadOnlySharedMemoryBase",    0x0380, "ULONGLONG" },
    { "TppWorkerpListLock",                   0x0388, "ULONGLONG" },
    { "TppWorkerpList",                       0x0390, "struct _LIST_ENTRY" },
    { "WaitOnAddressHashTable",               0x03a0, "*VOID[128]" },
    { "TelemetryCoverageHeader",              0x07a0, "*VOID" },
    { "CloudFileFlags",                       0x07a8, "ULONG" },
    { "CloudFileDiagFlags",                   0x07ac, "ULONG" },
    { "PlaceholderCompatibilityMode",         0x07b0, "CHAR" },
    { "PlaceholderCompatibilityModeReserved", 0x07b1, "CHAR[7]" },
    { "LeapSecondData",                       0x07b8, "*struct _LEAP_SECOND_DATA" },
    { "LeapSecondFlags",                      0x07c0, "ULONG" },
    { "SixtySecondEnabled",                   0x07c0, "ULONG:0:1" },
    { "Reserved",                             0x07c0, "ULONG:1:31" },
    { "NtGlobalFlag2",                        0x07c4, "ULONG" },
    { "ExtendedFeatureDisableMask",           0x07c8, "ULONGLONG" },
};

/* struct _PEB_LDR_DATA, 0x58 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef PEB_LDR_DATA_f[] = {
    { "Length",                          0x0000, "ULONG" },
    { "Initialized",                     0x0004, "UCHAR" },
    { "SsHandle",                        0x0008, "*VOID" },
    { "InLoadOrderModuleList",           0x0010, "struct _LIST_ENTRY" },
    { "InMemoryOrderModuleList",         0x0020, "struct _LIST_ENTRY" },
    { "InInitializationOrderModuleList", 0x0030, "struct _LIST_ENTRY" },
    { "EntryInProgress",                 0x0040, "*VOID" },
    { "ShutdownInProgress",              0x0048, "UCHAR" },
    { "ShutdownThreadId",                0x0050, "*VOID" },
};

/* struct _LDR_DATA_TABLE_ENTRY, 0x138 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef LDR_DATA_TABLE_ENTRY_f[] = {
    { "InLoadOrderLinks",            0x0000, "struct _LIST_ENTRY" },
    { "InMemoryOrderLinks",          0x0010, "struct _LIST_ENTRY" },
    { "InInitializationOrderLinks",  0x0020, "struct _LIST_ENTRY" },
    { "DllBase",                     0x0030, "*VOID" },
    { "EntryPoint",                  0x0038, "*VOID" },
    { "SizeOfImage",                 0x0040, "ULONG" },
    { "FullDllName",                 0x0048, "struct _UNICODE_STRING" },
    { "BaseDllName",                 0x0058, "struct _UNICODE_STRING" },
    { "FlagGroup",                   0x0068, "UCHAR[4]" },
    { "Flags",                       0x0068, "ULONG" },
    { "PackagedBinary",              0x0068, "ULONG:0:1" },
    { "MarkedForRemoval",            0x0068, "ULONG:1:1" },
    { "ImageDll",                    0x0068, "ULONG:2:1" },
    { "LoadNotificationsSent",       0x0068, "ULONG:3:1" },
    { "TelemetryEntryProcessed",     0x0068, "ULONG:4:1" },
    { "ProcessStaticImport",         0x0068, "ULONG:5:1" },
    { "InLegacyLists",               0x0068, "ULONG:6:1" },
    { "InIndexes",                   0x0068, "ULONG:7:1" },
    { "ShimDll",                     0x0068, "ULONG:8:1" },
    { "InExceptionTable",            0x0068, "ULONG:9:1" },
    { "ReservedFlags1",              0x0068, "ULONG:10:2" },
    { "LoadInProgress",              0x0068, "ULONG:12:1" },
    { "LoadConfigProcessed",         0x0068, "ULONG:13:1" },
    { "EntryProcessed",              0x0068, "ULONG:14:1" },
    { "ProtectDelayLoad",            0x0068, "ULONG:15:1" },
    { "ReservedFlags3",              0x0068, "ULONG:16:2" },
    { "DontCallForThreads",          0x0068, "ULONG:18:1" },
    { "ProcessAttachCalled",         0x0068, "ULONG:19:1" },
    { "ProcessAttachFailed",         0x0068, "ULONG:20:1" },
    { "CorDeferredValidate",         0x0068, "ULONG:21:1" },
    { "CorImage",                    0x0068, "ULONG:22:1" },
    { "DontRelocate",                0x0068, "ULONG:23:1" },
    { "CorILOnly",                   0x0068, "ULONG:24:1" },
    { "ChpeImage",                   0x0068, "ULONG:25:1" },
    { "ChpeEmulatorImage",           0x0068, "ULONG:26:1" },
    { "ReservedFlags5",              0x0068, "ULONG:27:1" },
    { "Redirected",                  0x0068, "ULONG:28:1" },
    { "ReservedFlags6",              0x0068, "ULONG:29:2" },
    { "CompatDatabaseProcessed",     0x0068, "ULONG:31:1" },
    { "ObsoleteLoadCount",           0x006c, "USHORT" },
    { "TlsIndex",                    0x006e, "USHORT" },
    { "HashLinks",                   0x0070, "struct _LIST_ENTRY" },
    { "TimeDateStamp",               0x0080, "ULONG" },
    { "EntryPointActivationContext", 0x0088, "*struct _ACTIVATION_CONTEXT" },
    { "Lock",                        0x0090, "*VOID" },
    { "DdagNode",                    0x0098, "*struct _LDR_DDAG_NODE" },
    { "NodeModuleLink",              0x00a0, "struct _LIST_ENTRY" },
    { "LoadContext",                 0x00b0, "*struct _LDRP_LOAD_CONTEXT" },
    { "ParentDllBase",               0x00b8, "*VOID" },
    { "SwitchBackContext",           0x00c0, "*VOID" },
    { "BaseAddressIndexNode",        0x00c8, "struct _RTL_BALANCED_NODE" },
    { "MappingInfoIndexNode",        0x00e0, "struct _RTL_BALANCED_NODE" },
    { "OriginalBase",                0x00f8, "ULONGLONG" },
    { "LoadTime",                    0x0100, "union _LARGE_INTEGER" },
    { "BaseNameHashValue",           0x0108, "ULONG" },
    { "LoadReason",                  0x010c, "enum _LDR_DLL_LOAD_REASON" },
    { "ImplicitPathOptions",         0x0110, "ULONG" },
    { "ReferenceCount",              0x0114, "ULONG" },
    { "DependentLoadFlags",          0x0118, "ULONG" },
    { "SigningLevel",                0x011c, "UCHAR" },
    { "CheckSum",                    0x0120, "ULONG" },
    { "ActivePatchImageBase",        0x0128, "*VOID" },
    { "HotPatchState",               0x0130, "enum _LDR_HOT_PATCH_STATE" },
};

/* struct _RTL_USER_PROCESS_PARAMETERS, 0x440 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef RTL_USER_PROCESS_PARAMETERS_f[] = {
    { "MaximumLength",                    0x0000, "ULONG" },
    { "Length",                           0x0004, "ULONG" },
    { "Flags",                            0x0008, "ULONG" },
    { "DebugFlags",                       0x000c, "ULONG" },
    { "ConsoleHandle",                    0x0010, "*VOID" },
    { "ConsoleFlags",                     0x0018, "ULONG" },
    { "StandardInput",                    0x0020, "*VOID" },
    { "StandardOutput",                   0x0028, "*VOID" },
    { "StandardError",                    0x0030, "*VOID" },
    { "CurrentDirectory",                 0x0038, "struct _CURDIR" },
    { "DllPath",                          0x0050, "struct _UNICODE_STRING" },
    { "ImagePathName",                    0x0060, "struct _UNICODE_STRING" },
    { "CommandLine",                      0x0070, "struct _UNICODE_STRING" },
    { "Environment",                      0x0080, "*VOID" },
    { "StartingX",                        0x0088, "ULONG" },
    { "StartingY",                        0x008c, "ULONG" },
    { "CountX",                           0x0090, "ULONG" },
    { "CountY",                           0x0094, "ULONG" },
    { "CountCharsX",                      0x0098, "ULONG" },
    { "CountCharsY",                      0x009c, "ULONG" },
    { "FillAttribute",                    0x00a0, "ULONG" },
    { "WindowFlags",                      0x00a4, "ULONG" },
    { "ShowWindowFlags",                  0x00a8, "ULONG" },
    { "WindowTitle",                      0x00b0, "struct _UNICODE_STRING" },
    { "DesktopInfo",                      0x00c0, "struct _UNICODE_STRING" },
    { "ShellInfo",                        0x00d0, "struct _UNICODE_STRING" },
    { "RuntimeData",                      0x00e0, "struct _UNICODE_STRING" },
    { "CurrentDirectores",                0x00f0, "struct _RTL_DRIVE_LETTER_CURDIR[32]" },
    { "EnvironmentSize",                  0x03f0, "ULONGLONG" },
    { "EnvironmentVersion",               0x03f8, "ULONGLONG" },
    { "PackageDependencyData",            0x0400, "*VOID" },
    { "ProcessGroupId",                   0x0408, "ULONG" },
    { "LoaderThreads",                    0x040c, "ULONG" },
    { "RedirectionDllName",               0x0410, "struct _UNICODE_STRING" },
    { "HeapPartitionName",                0x0420, "struct _UNICODE_STRING" },
    { "DefaultThreadpoolCpuSetMasks",     0x0430, "*ULONGLONG" },
    { "DefaultThreadpoolCpuSetMaskCount", 0x0438, "ULONG" },
    { "DefaultThreadpoolThreadMaximum",   0x043c, "ULONG" },
};

/* struct _CURDIR, 0x18 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef CURDIR_f[] = {
    { "DosPath", 0x0000, "struct _UNICODE_STRING" },
    { "Handle",  0x0010, "*VOID" },
};

/* struct _RTL_DRIVE_LETTER_CURDIR, 0x18 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef RTL_DRIVE_LETTER_CURDIR_f[] = {
    { "Flags",     0x0000, "USHORT" },
    { "Length",    0x0002, "USHORT" },
    { "TimeStamp", 0x0004, "ULONG" },
    { "DosPath",   0x0008, "struct _STRING" },
};

/* struct _STRING, 0x10 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef STRING_f[] = {
    { "Length",        0x0000, "USHORT" },
    { "MaximumLength", 0x0002, "USHORT" },
    { "Buffer",        0x0008, "*CHAR" },
};

/* struct _TEB, 0x1850 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef TEB_f[] = {
    { "NtTib",                              0x0000, "struct _NT_TIB" },
    { "EnvironmentPointer",                 0x0038, "*VOID" },
    { "ClientId",                           0x0040, "struct _CLIENT_ID" },
    { "ActiveRpcHandle",                    0x0050, "*VOID" },
    { "ThreadLocalStoragePointer",          0x0058, "*VOID" },
    { "ProcessEnvironmentBlock",            0x0060, "*struct _PEB" },
    { "LastErrorValue",                     0x0068, "ULONG" },
    { "CountOfOwnedCriticalSections",       0x006c, "ULONG" },
    { "CsrClientThread",                    0x0070, "*VOID" },
    { "Win32ThreadInfo",                    0x0078, "*VOID" },
    { "User32Reserved",                     0x0080, "ULONG[26]" },
    { "UserReserved",                       0x00e8, "ULONG[5]" },
    { "WOW32Reserved",                      0x0100, "*VOID" },
    { "CurrentLocale",                      0x0108, "ULONG" },
    { "FpSoftwareStatusRegister",           0x010c, "ULONG" },
    { "ReservedForDebuggerInstrumentation", 0x0110, "*VOID[16]" },
    { "SystemReserved1",                    0x0190, "*VOID[30]" },
    { "PlaceholderCompatibilityMode",       0x0280, "CHAR" },
    { "PlaceholderHydrationAlwaysExplicit", 0x0281, "UCHAR" },
    { "PlaceholderReserved",                0x0282, "CHAR[10]" },
    { "ProxiedProcessId",                   0x028c, "ULONG" },
    { "_ActivationStack",                   0x0290, "struct _ACTIVATION_CONTEXT_STACK" },
    { "WorkingOnBehalfTicket",              0x02b8, "UCHAR[8]" },
    { "ExceptionCode",                      0x02c0, "LONG" },
    { "Padding0",                           0x02c4, "UCHAR[4]" },
    { "ActivationContextStackPointer",      0x02c8, "*struct _ACTIVATION_CONTEXT_STACK" },
    { "InstrumentationCallbackSp",          0x02d0, "ULONGLONG" },
    { "InstrumentationCallbackPreviousPc",  0x02d8, "ULONGLONG" },
    { "InstrumentationCallbackPreviousSp",  0x02e0, "ULONGLONG" },
    { "TxFsContext",                        0x02e8, "ULONG" },
    { "InstrumentationCallbackDisabled",    0x02ec, "UCHAR" },
    { "UnalignedLoadStoreExceptions",       0x02ed, "UCHAR" },
    { "Padding1",                           0x02ee, "UCHAR[2]" },
    { "GdiTebBatch",                        0x02f0, "struct _GDI_TEB_BATCH" },
    { "RealClientId",                       0x07d8, "struct _CLIENT_ID" },
    { "GdiCachedProcessHandle",             0x07e8, "*VOID" },
    { "GdiClientPID",                       0x07f0, "ULONG" },
    { "GdiClientTID",                       0x07f4, "ULONG" },
    { "GdiThreadLocalInfo",                 0x07f8, "*VOID" },
    { "Win32ClientInfo",                    0x0800, "ULONGLONG[62]" },
    { "glDispatchTable",                    0x09f0, "*VOID[233]" },
    { "glReserved1",                        0x1138, "ULONGLONG[29]" },
    { "glReserved2",                        0x1220, "*VOID" },
    { "glSectionInfo",                      0x1228, "*VOID" },
    { "glSection",                          0x1230, "*VOID" },
    { "glTable",                            0x1238, "*VOID" },
    { "glCurrentRC",                        0x1240, "*VOID" },
    { "glContext",                          0x1248, "*VOID" },
    { "LastStatusValue",                    0x1250, "ULONG" },
    { "Padding2",                           0x1254, "UCHAR[4]" },
    { "StaticUnicodeString",                0x1258, "struct _UNICODE_STRING" },
    { "StaticUnicodeBuffer",                0x1268, "WCHAR[261]" },
    { "Padding3",                           0x1472, "UCHAR[6]" },
    { "DeallocationStack",                  0x1478, "*VOID" },
    { "TlsSlots",                           0x1480, "*VOID[64]" },
    { "TlsLinks",                           0x1680, "struct _LIST_ENTRY" },
    { "Vdm",                                0x1690, "*VOID" },
    { "ReservedForNtRpc",                   0x1698, "*VOID" },
    { "DbgSsReserved",                      0x16a0, "*VOID[2]" },
    { "HardErrorMode",                      0x16b0, "ULONG" },
    { "Padding4",                           0x16b4, "UCHAR[4]" },
    { "Instrumentation",                    0x16b8, "*VOID[11]" },
    { "ActivityId",                         0x1710, "struct _GUID" },
    { "SubProcessTag",                      0x1720, "*VOID" },
    { "PerflibData",                        0x1728, "*VOID" },
    { "EtwTraceData",                       0x1730, "*VOID" },
    { "WinSockData",                        0x1738, "*VOID" },
    { "GdiBatchCount",                      0x1740, "ULONG" },
    { "CurrentIdealProcessor",              0x1744, "struct _PROCESSOR_NUMBER" },
    { "IdealProcessorValue",                0x1744, "ULONG" },
    { "ReservedPad0",                       0x1744, "UCHAR" },
    { "ReservedPad1",                       0x1745, "UCHAR" },
    { "ReservedPad2",                       0x1746, "UCHAR" },
    { "IdealProcessor",                     0x1747, "UCHAR" },
    { "GuaranteedStackBytes",               0x1748, "ULONG" },
    { "Padding5",                           0x174c, "UCHAR[4]" },
    { "ReservedForPerf",                    0x1750, "*VOID" },
    { "ReservedForOle",                     0x1758, "*VOID" },
    { "WaitingOnLoaderLock",                0x1760, "ULONG" },
    { "Padding6",                           0x1764, "UCHAR[4]" },
    { "SavedPriorityState",                 0x1768, "*VOID" },
    { "ReservedForCodeCoverage",            0x1770, "ULONGLONG" },
    { "ThreadPoolData",                     0x1778, "*VOID" },
    { "TlsExpansionSlots",                  0x1780, "**VOID" },
    { "ChpeV2CpuAreaInfo",                  0x1788, "*struct _CHPEV2_CPUAREA_INFO" },
    { "Unused",                             0x1790, "*VOID" },
    { "MuiGeneration",                      0x1798, "ULONG" },
    { "IsImpersonating",                    0x179c, "ULONG" },
    { "NlsCache",                           0x17a0, "*VOID" },
    { "pShimData",                          0x17a8, "*VOID" },
    { "HeapData",                           0x17b0, "ULONG" },
    { "Padding7",                           0x17b4, "UCHAR[4]" },
    { "CurrentTransactionHandle",           0x17b8, "*VOID" },
    { "ActiveFrame",                        0x17c0, "*struct _TEB_ACTIVE_FRAME" },
    { "FlsData",                            0x17c8, "*VOID" },
    { "PreferredLanguages",                 0x17d0, "*VOID" },
    { "UserPrefLanguages",                  0x17d8, "*VOID" },
    { "MergedPrefLanguages",                0x17e0, "*VOID" },
    { "MuiImpersonation",                   0x17e8, "ULONG" },
    { "CrossTebFlags",                      0x17ec, "USHORT" },
    { "SpareCrossTebBits",                  0x17ec, "USHORT:0:16" },
    { "SameTebFlags",                       0x17ee, "USHORT" },
    { "SafeThunkCall",                      0x17ee, "USHORT:0:1" },
    { "InDebugPrint",                       0x17ee, "USHORT:1:1" },
    { "HasFiberData",                       0x17ee, "USHORT:2:1" },
    { "SkipThreadAttach",                   0x17ee, "USHORT:3:1" },
    { "WerInShipAssertCode",                0x17ee, "USHORT:4:1" },
    { "RanProcessInit",                     0x17ee, "USHORT:5:1" },
    { "ClonedThread",                       0x17ee, "USHORT:6:1" },
    { "SuppressDebugMsg",                   0x17ee, "USHORT:7:1" },
    { "DisableUserStackWalk",               0x17ee, "USHORT:8:1" },
    { "RtlExceptionAttached",               0x17ee, "USHORT:9:1" },
    { "InitialThread",                      0x17ee, "USHORT:10:1" },
    { "SessionAware",                       0x17ee, "USHORT:11:1" },
    { "LoadOwner",                          0x17ee, "USHORT:12:1" },
    { "LoaderWorker",                       0x17ee, "USHORT:13:1" },
    { "SkipLoaderInit",                     0x17ee, "USHORT:14:1" },
    { "SkipFileAPIBrokering",               0x17ee, "USHORT:15:1" },
    { "TxnScopeEnterCallback",              0x17f0, "*VOID" },
    { "TxnScopeExitCallback",               0x17f8, "*VOID" },
    { "TxnScopeContext",                    0x1800, "*VOID" },
    { "LockCount",                          0x1808, "ULONG" },
    { "WowTebOffset",                       0x180c, "LONG" },
    { "ResourceRetValue",                   0x1810, "*VOID" },
    { "ReservedForWdf",                     0x1818, "*VOID" },
    { "ReservedForCrt",                     0x1820, "ULONGLONG" },
    { "EffectiveContainerId",               0x1828, "struct _GUID" },
    { "LastSleepCounter",                   0x1838, "ULONGLONG" },
    { "SpinCallCount",                      0x1840, "ULONG" },
    { "Padding8",                           0x1844, "UCHAR[4]" },
    { "ExtendedFeatureDisableMask",         0x1848, "ULONGLONG" },
};

/* struct _NT_TIB, 0x38 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef NT_TIB_f[] = {
    { "ExceptionList",        0x0000, "*struct _EXCEPTION_REGISTRATION_RECORD" },
    { "StackBase",            0x0008, "*VOID" },
    { "StackLimit",           0x0010, "*VOID" },
    { "SubSystemTib",         0x0018, "*VOID" },
    { "FiberData",            0x0020, "*VOID" },
    { "Version",              0x0020, "ULONG" },
    { "ArbitraryUserPointer", 0x0028, "*VOID" },
    { "Self",                 0x0030, "*struct _NT_TIB" },
};

/* struct _KSYSTEM_TIME, 0xc bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef KSYSTEM_TIME_f[] = {
    { "LowPart",   0x0000, "ULONG" },
    { "High1Time", 0x0004, "LONG" },
    { "High2Time", 0x0008, "LONG" },
};

static const struct tdef process_types[] = {
    TDEF(STRUCT, "_SE_AUDIT_PROCESS_CREATION_INFO", 0x8, SE_AUDIT_PROCESS_CREATION_INFO_f),
    TDEF(STRUCT, "_KAB_UM_PROCESS_CONTEXT", 0x10, KAB_UM_PROCESS_CONTEXT_f),
    TDEF(UNION, "_KEXECUTE_OPTIONS", 0x1, KEXECUTE_OPTIONS_f),
    TDEF(STRUCT, "_KGROUP_MASK", 0x10, KGROUP_MASK_f),
    TDEF(UNION, "_KSTACK_COUNT", 0x4, KSTACK_COUNT_f),
    TDEF(STRUCT, "__unnamed_KPROCESS_SecureState_Flags", 0x8, unnamed_KPROCESS_SecureState_Flags_f),
    TDEF(UNION, "__unnamed_KPROCESS_SecureState", 0x8, unnamed_KPROCESS_SecureState_f),
    TDEF(STRUCT, "_KPROCESS", 0x1c8, KPROCESS_f),
    TDEF(STRUCT, "_MMSUPPORT_FLAGS", 0x4, MMSUPPORT_FLAGS_f),
    TDEF(STRUCT, "_MMSUPPORT_INSTANCE", 0xc0, MMSUPPORT_INSTANCE_f),
    TDEF(STRUCT, "_MMSUPPORT_SHARED", 0x80, MMSUPPORT_SHARED_f),
    TDEF(STRUCT, "_MMSUPPORT_FULL", 0x140, MMSUPPORT_FULL_f),
    TDEF(STRUCT, "_ALPC_PROCESS_CONTEXT", 0x20, ALPC_PROCESS_CONTEXT_f),
    TDEF(STRUCT, "_PS_PROTECTION", 0x1, PS_PROTECTION_f),
    TDEF(UNION, "_PS_INTERLOCKED_TIMER_DELAY_VALUES", 0x8, PS_INTERLOCKED_TIMER_DELAY_VALUES_f),
    TDEF(STRUCT, "_WNF_STATE_NAME", 0x8, WNF_STATE_NAME_f),
    TDEF(STRUCT, "_JOBOBJECT_WAKE_FILTER", 0x8, JOBOBJECT_WAKE_FILTER_f),
    TDEF(STRUCT, "_PS_PROCESS_WAKE_INFORMATION", 0x30, PS_PROCESS_WAKE_INFORMATION_f),
    TDEF(STRUCT, "_PS_DYNAMIC_ENFORCED_ADDRESS_RANGES", 0x10, PS_DYNAMIC_ENFORCED_ADDRESS_RANGES_f),
    TDEF(STRUCT, "_PSP_SYSCALL_PROVIDER_DISPATCH_CONTEXT", 0x8, PSP_SYSCALL_PROVIDER_DISPATCH_CONTEXT_f),
    TDEF(UNION, "_PROCESS_EXECUTION_TRANSITION", 0x2, PROCESS_EXECUTION_TRANSITION_f),
    TDEF(UNION, "_PROCESS_EXECUTION_STATE", 0x1, PROCESS_EXECUTION_STATE_f),
    TDEF(UNION, "_PROCESS_EXECUTION", 0x4, PROCESS_EXECUTION_f),
    TDEF(STRUCT, "__unnamed_EPROCESS_MitigationFlagsValues", 0x4, unnamed_EPROCESS_MitigationFlagsValues_f),
    TDEF(STRUCT, "__unnamed_EPROCESS_MitigationFlags2Values", 0x4, unnamed_EPROCESS_MitigationFlags2Values_f),
    TDEF(STRUCT, "__unnamed_EPROCESS_MitigationFlags3Values", 0x4, unnamed_EPROCESS_MitigationFlags3Values_f),
    TDEF(STRUCT, "__unnamed_EPROCESS_SyscallUsageValues", 0x4, unnamed_EPROCESS_SyscallUsageValues_f),
    TDEF(STRUCT, "_EPROCESS", 0x840, EPROCESS_f),
    TDEF(STRUCT, "_EJOB", 0x700, EJOB_f),
    TDEF(STRUCT, "_EWOW64PROCESS", 0x10, EWOW64PROCESS_f),
    TDEF(STRUCT, "_PEB", 0x7d0, PEB_f),
    TDEF(STRUCT, "_PEB_LDR_DATA", 0x58, PEB_LDR_DATA_f),
    TDEF(STRUCT, "_LDR_DATA_TABLE_ENTRY", 0x138, LDR_DATA_TABLE_ENTRY_f),
    TDEF(STRUCT, "_RTL_USER_PROCESS_PARAMETERS", 0x440, RTL_USER_PROCESS_PARAMETERS_f),
    TDEF(STRUCT, "_CURDIR", 0x18, CURDIR_f),
    TDEF(STRUCT, "_RTL_DRIVE_LETTER_CURDIR", 0x18, RTL_DRIVE_LETTER_CURDIR_f),
    TDEF(STRUCT, "_STRING", 0x10, STRING_f),
    TDEF(STRUCT, "_TEB", 0x1850, TEB_f),
    TDEF(STRUCT, "_NT_TIB", 0x38, NT_TIB_f),
    TDEF(STRUCT, "_KSYSTEM_TIME", 0xc, KSYSTEM_TIME_f),
};

/* ======== Threads: KTHREAD, ETHREAD and dispatcher objects ======== */

/* struct _DISPATCHER_HEADER, 0x18 bytes. Source: ntdiff Windows 11 24H2
 * (26100) x64 ntoskrnl type dump.
 */
static const struct fdef DISPATCHER_HEADER_f[] = {
    { "Lock",                       0x0000, "LONG" },
    { "LockNV",                     0x0000, "LONG" },
    { "Type",                       0x0000, "UCHAR" },
    { "Signalling",                 0x0001, "UCHAR" },
    { "Size",                       0x0002, "UCHAR" },
    { "Reserved1",                  0x0003, "UCHAR" },
    { "TimerType",                  0x0000, "UCHAR" },
    { "TimerControlFlags",          0x0001, "UCHAR" },
    { "Absolute",                   0x0001, "UCHAR:0:1" },
    { "Wake",                       0x0001, "UCHAR:1:1" },
    { "EncodedTolerableDelay",      0x0001, "UCHAR:2:6" },
    { "Hand",                       0x0002, "UCHAR" },
    { "TimerMiscFlags",             0x0003, "UCHAR" },
    { "Index",                      0x0003, "UCHAR:0:6" },
    { "Inserted",                   0x0003, "UCHAR:6:1" },
    { "Expired",                    0x0003, "UCHAR:7:1" },
    { "Timer2Type",                 0x0000, "UCHAR" },
    { "Timer2Flags",                0x0001, "UCHAR" },
    { "Timer2Inserted",             0x0001, "UCHAR:0:1" },
    { "Timer2Expiring",             0x0001, "UCHAR:1:1" },
    { "Timer2CancelPending",        0x0001, "UCHAR:2:1" },
    { "Timer2SetPending",           0x0001, "UCHAR:3:1" },
    { "Timer2Running",              0x0001, "UCHAR:4:1" },
    { "Timer2Disabled",             0x0001, "UCHAR:5:1" },
    { "Timer2ReservedFlags",        0x0001, "UCHAR:6:2" },
    { "Timer2ComponentId",          0x0002, "UCHAR" },
    { "Timer2RelativeId",           0x0003, "UCHAR" },
    { "QueueType",                  0x0000, "UCHAR" },
    { "QueueControlFlags",          0x0001, "UCHAR" },
    { "Abandoned",                  0x0001, "UCHAR:0:1" },
    { "DisableIncrement",           0x0001, "UCHAR:1:1" },
    { "QueueReservedControlFlags",  0x0001, "UCHAR:2:6" },
    { "QueueSize",                  0x0002, "UCHAR" },
    { "QueueReserved",              0x0003, "UCHAR" },
    { "ThreadType",                 0x0000, "UCHAR" },
    { "ThreadReserved",             0x0001, "UCHAR" },
    { "ThreadControlFlags",         0x0002, "UCHAR" },
    { "CycleProfiling",             0x0002, "UCHAR:0:1" },
    { "CounterProfiling",           0x0002, "UCHAR:1:1" },
    { "GroupScheduling",            0x0002, "UCHAR:2:1" },
    { "AffinitySet",                0x0002, "UCHAR:3:1" },
    { "Tagged",                     0x0002, "UCHAR:4:1" },
    { "EnergyProfiling",            0x0002, "UCHAR:5:1" },
    { "SchedulerAssist",            0x0002, "UCHAR:6:1" },
    { "ThreadReservedControlFlags", 0x0002, "UCHAR:7:1" },
    { "DebugActive",                0x0003, "UCHAR" },
    { "ActiveDR7",                  0x0003, "UCHAR:0:1" },
    { "Instrumented",               0x0003, "UCHAR:1:1" },
    { "Minimal",                    0x0003, "UCHAR:2:1" },
    { "Reserved4",                  0x0003, "UCHAR:3:2" },
    { "AltSyscall",                 0x0003, "UCHAR:5:1" },
    { "Emulation",                  0x0003, "UCHAR:6:1" },
    { "Reserved5",                  0x0003, "UCHAR:7:1" },
    { "MutantType",                 0x0000, "UCHAR" },
    { "MutantSize",                 0x0001, "UCHAR" },
    { "DpcActive",                  0x0002, "UCHAR" },
    { "MutantReserved",             0x0003, "UCHAR" },
    { "SignalState",                0x0004, "LONG" },
    { "WaitListHead",               0x0008, "struct _LIST_ENTRY" },
};

/* union _KWAIT_STATUS_REGISTER, 0x1 bytes. Source: public PDB type dump of a
 * 24H2 (26100-family) ntkrnlmp.pdb.
 */
static const struct fdef KWAIT_STATUS_REGISTER_f[] = {
    { "Flags",    0x0000, "UCHAR" },
    { "State",    0x0000, "UCHAR:0:3" },
    { "Affinity", 0x0000, "UCHAR:3:1" },
    { "Priority", 0x0000, "UCHAR:4:1" },
    { "Apc",      0x0000, "UCHAR:5:1" },
    { "UserApc",  0x0000, "UCHAR:6:1" },
    { "Alert",    0x0000, "UCHAR:7:1" },
};

/* struct _KAPC_STATE, 0x30 bytes. Source: public PDB type dump of a 24H2
 * (26100-family) ntkrnlmp.pdb.
 */
static const struct fdef KAPC_STATE_f[] = {
    { "ApcListHead",           0x0000, "struct _LIST_ENTRY[2]" },
    { "Process",               0x0020, "*struct _KPROCESS" },
    { "InProgressFlags",       0x0028, "UCHAR" },
    { "KernelApcInProgress",   0x0028, "UCHAR:0:1" },
    { "SpecialApcInProgress",  0x0028, "UCHAR:1:1" },
    { "KernelApcPending",      0x0029, "UCHAR" },
    { "UserApcPendingAll",     0x002a, "UCHAR" },
    { "SpecialUserApcPending", 0x002a, "UCHAR:0:1" },
    { "UserApcPending",        0x002a, "UCHAR:1:1" },
};

/* struct _KTIMER, 0x40 bytes. Source: public PDB type dump of a 24H2
 * (26100-family) ntkrnlmp.pdb.
 */
static const struct fdef KTIMER_f[] = {
    { "Header",         0x0000, "struct _DISPATCHER_HEADER" },
    { "DueTime",        0x0018, "union _ULARGE_INTEGER" },
    { "TimerListEntry", 0x0020, "struct _LIST_ENTRY" },
    { "Dpc",            0x0030, "*struct _KDPC" },
    { "Processor",      0x0038, "USHORT" },
    { "TimerType",      0x003a, "USHORT" },
    { "Period",         0x003c, "ULONG" },
};

/* struct _KWAIT_BLOCK, 0x30 bytes. Source: public PDB type dump of a 24H2
 * (26100-family) ntkrnlmp.pdb.
 */
static const struct fdef KWAIT_BLOCK_f[] = {
    { "WaitListEntry",     0x0000, "struct _LIST_ENTRY" },
    { "WaitType",          0x0010, "UCHAR" },
    { "BlockState",        0x0011, "UCHAR" },
    { "WaitKey",           0x0012, "USHORT" },
    { "SpareLong",         0x0014, "LONG" },
    { "Thread",            0x0018, "*struct _KTHREAD" },
    { "NotificationQueue", 0x0018, "*struct _KQUEUE" },
    { "Dpc",               0x0018, "*struct _KDPC" },
    { "Object",            0x0020, "*VOID" },
    { "SparePtr",          0x0028, "*VOID" },
};

/* struct _KAPC, 0x58 bytes. Source: public PDB type dump of a 24H2
 * (26100-family) ntkrnlmp.pdb.
 */
static const struct fdef KAPC_f[] = {
    { "Type",                0x0000, "UCHAR" },
    { "AllFlags",            0x0001, "UCHAR" },
    { "CallbackDataContext", 0x0001, "UCHAR:0:1" },
    { "Unused",              0x0001, "UCHAR:1:7" },
    { "Size",                0x0002, "UCHAR" },
    { "SpareByte1",          0x0003, "UCHAR" },
    { "SpareLong0",          0x0004, "ULONG" },
    { "Thread",              0x0008, "*struct _KTHREAD" },
    { "ApcListEntry",        0x0010, "struct _LIST_ENTRY" },
    { "KernelRoutine",       0x0020, "*VOID" },
    { "RundownRoutine",      0x0028, "*VOID" },
    { "NormalRoutine",       0x0030, "*VOID" },
    { "Reserved",            0x0020, "*VOID[3]" },
    { "NormalContext",       0x0038, "*VOID" },
    { "SystemArgument1",     0x0040, "*VOID" },
    { "SystemArgument2",     0x0048, "*VOID" },
    { "ApcStateIndex",       0x0050, "CHAR" },
    { "ApcMode",             0x0051, "CHAR" },
    { "Inserted",            0x0052, "UCHAR" },
};

/* struct _KEVENT, 0x18 bytes. Source: public PDB type dump of a 24H2
 * (26100-family) ntkrnlmp.pdb.
 */
static const struct fdef KEVENT_f[] = {
    { "Header", 0x0000, "struct _DISPATCHER_HEADER" },
};

/* struct _KSEMAPHORE, 0x20 bytes. Source: public PDB type dump of a 24H2
 * (26100-family) ntkrnlmp.pdb.
 */
static const struct fdef KSEMAPHORE_f[] = {
    { "Header", 0x0000, "struct _DISPATCHER_HEADER" },
    { "Limit",  0x0018, "LONG" },
};

/* union _KERNEL_SHADOW_STACK_LIMIT, 0x8 bytes. Source: public PDB type dump
 * of a 24H2 (26100-family) ntkrnlmp.pdb.
 */
static const struct fdef KERNEL_SHADOW_STACK_LIMIT_f[] = {
    { "AllFields",           0x0000, "ULONGLONG" },
    { "ShadowStackType",     0x0000, "ULONGLONG:0:3" },
    { "Unused",              0x0000, "ULONGLONG:3:9" },
    { "ShadowStackLimitPfn", 0x0000, "ULONGLONG:12:52" },
};

/* union _PS_CLIENT_SECURITY_CONTEXT, 0x8 bytes. Source: public PDB type dump
 * of a 24H2 (26100-family) ntkrnlmp.pdb.
 */
static const struct fdef PS_CLIENT_SECURITY_CONTEXT_f[] = {
    { "ImpersonationData",  0x0000, "ULONGLONG" },
    { "ImpersonationToken", 0x0000, "*VOID" },
    { "ImpersonationLevel", 0x0000, "ULONGLONG:0:2" },
    { "EffectiveOnly",      0x0000, "ULONGLONG:2:1" },
};

/* struct _PS_PROPERTY_SET, 0x18 bytes. Source: public PDB type dump of a
 * 24H2 (26100-family) ntkrnlmp.pdb.
 */
static const struct fdef PS_PROPERTY_SET_f[] = {
    { "ListHead", 0x0000, "struct _LIST_ENTRY" },
    { "Lock",     0x0010, "ULONGLONG" },
};

/* union _RTL_THREAD_RNG_STATE, 0x10 bytes. Source: public PDB type dump of a
 * 24H2 (26100-family) ntkrnlmp.pdb.
 */
static const struct fdef RTL_THREAD_RNG_STATE_f[] = {
    { "State64", 0x0000, "ULONGLONG[2]" },
    { "State32", 0x0000, "ULONG[4]" },
};

/* struct _KTHREAD, 0x4c0 bytes. Source: public PDB type dump of a 24H2
 * (26100-family) ntkrnlmp.pdb. The dump is of a later 26100-family PDB (its
 * ETHREAD is 0x798 but matches the seed up to 0x780). Size 0x4c0 agrees with
 * the seed (ETHREAD.CreateTime at 0x4c0); every offset eproc and Volatility
 * read (InitialStack 0x28, StackLimit 0x30, StackBase 0x38, KernelStack
 * 0x58, ApcState 0x98, Teb 0xf0, State 0x184, Win32Thread 0x1c8, Process
 * 0x220, PreviousMode 0x232, WaitReason 0x283, ThreadListEntry 0x2f8) is the
 * same in every 24H2 dump consulted.
 */
static const struct fdef KTHREAD_f[] = {
    { "Header",                                  0x0000, "struct _DISPATCHER_HEADER" },
    { "SListFaultAddress",                       0x0018, "*VOID" },
    { "QuantumTarget",                           0x0020, "ULONGLONG" },
    { "InitialStack",                            0x0028, "*VOID" },
    { "StackLimit",                              0x0030, "*VOID" },
    { "StackBase",                               0x0038, "*VOID" },
    { "ThreadLock",                              0x0040, "ULONGLONG" },
    { "CycleTime",                               0x0048, "ULONGLONG" },
    { "CurrentRunTime",                          0x0050, "ULONG" },
    { "ExpectedRunTime",                         0x0054, "ULONG" },
    { "KernelStack",                             0x0058, "*VOID" },
    { "StateSaveArea",                           0x0060, "*struct _XSAVE_FORMAT" },
    { "SchedulingGroup",                         0x0068, "*struct _KSCHEDULING_GROUP" },
    { "WaitRegister",                            0x0070, "union _KWAIT_STATUS_REGISTER" },
    { "Running",                                 0x0071, "UCHAR" },
    { "Alerted",                                 0x0072, "UCHAR[2]" },
    { "AutoBoostActive",                         0x0074, "ULONG:0:1" },
    { "ReadyTransition",                         0x0074, "ULONG:1:1" },
    { "WaitNext",                                0x0074, "ULONG:2:1" },
    { "SystemAffinityActive",                    0x0074, "ULONG:3:1" },
    { "Alertable",                               0x0074, "ULONG:4:1" },
    { "Reserved1",                               0x0074, "ULONG:5:1" },
    { "ApcInterruptRequest",                     0x0074, "ULONG:6:1" },
    { "QuantumEndMigrate",                       0x0074, "ULONG:7:1" },
    { "SecureThread",                            0x0074, "ULONG:8:1" },
    { "TimerActive",                             0x0074, "ULONG:9:1" },
    { "SystemThread",                            0x0074, "ULONG:10:1" },
    { "ProcessDetachActive",                     0x0074, "ULONG:11:1" },
    { "Reserved2",                               0x0074, "ULONG:12:1" },
    { "ScbReadyQueue",                           0x0074, "ULONG:13:1" },
    { "ApcQueueable",                            0x0074, "ULONG:14:1" },
    { "Reserved3",                               0x0074, "ULONG:15:1" },
    { "WaitNextClearWobPriorityFloor",           0x0074, "ULONG:16:1" },
    { "TimerSuspended",                          0x0074, "ULONG:17:1" },
    { "SuspendedWaitMode",                       0x0074, "ULONG:18:1" },
    { "SuspendSchedulerApcWait",                 0x0074, "ULONG:19:1" },
    { "CetUserShadowStack",                      0x0074, "ULONG:20:1" },
    { "BypassProcessFreeze",                     0x0074, "ULONG:21:1" },
    { "CetKernelShadowStack",                    0x0074, "ULONG:22:1" },
    { "StateSaveAreaDecoupled",                  0x0074, "ULONG:23:1" },
    { "Reserved",                                0x0074, "ULONG:24:8" },
    { "MiscFlags",                               0x0074, "LONG" },
    { "UserIdealProcessorFixed",                 0x0078, "ULONG:0:1" },
    { "IsolationWidth",                          0x0078, "ULONG:1:1" },
    { "AutoAlignment",                           0x0078, "ULONG:2:1" },
    { "DisableBoost",                            0x0078, "ULONG:3:1" },
    { "AlertedByThreadId",                       0x0078, "ULONG:4:1" },
    { "QuantumDonation",                         0x0078, "ULONG:5:1" },
    { "EnableStackSwap",                         0x0078, "ULONG:6:1" },
    { "GuiThread",                               0x0078, "ULONG:7:1" },
    { "DisableQuantum",                          0x0078, "ULONG:8:1" },
    { "ChargeOnlySchedulingGroup",               0x0078, "ULONG:9:1" },
    { "DeferPreemption",                         0x0078, "ULONG:10:1" },
    { "QueueDeferPreemption",                    0x0078, "ULONG:11:1" },
    { "ForceDeferSchedule",                      0x0078, "ULONG:12:1" },
    { "SharedReadyQueueAffinity",                0x0078, "ULONG:13:1" },
    { "FreezeCount",                             0x0078, "ULONG:14:1" },
    { "TerminationApcRequest",                   0x0078, "ULONG:15:1" },
    { "AutoBoostEntriesExhausted",               0x0078, "ULONG:16:1" },
    { "KernelStackResident",                     0x0078, "ULONG:17:1" },
    { "TerminateRequestReason",                  0x0078, "ULONG:18:2" },
    { "ProcessStackCountDecremented",            0x0078, "ULONG:20:1" },
    { "RestrictedGuiThread",                     0x0078, "ULONG:21:1" },
    { "VpBackingThread",                         0x0078, "ULONG:22:1" },
    { "EtwStackTraceCrimsonApcDisabled",         0x0078, "ULONG:23:1" },
    { "EtwStackTraceApcInserted",                0x0078, "ULONG:24:8" },
    { "ThreadFlags",                             0x0078, "LONG" },
    { "Tag",                                     0x007c, "UCHAR" },
    { "CalloutActive",                           0x007d, "UCHAR:0:1" },
    { "ReservedStackInUse",                      0x007d, "UCHAR:1:1" },
    { "UserStackWalkActive",                     0x007d, "UCHAR:2:1" },
    { "SameThreadTransientFlagsReserved",        0x007d, "UCHAR:3:5" },
    { "SameThreadTransientFlags",                0x007d, "CHAR" },
    { "Spare0",                                  0x007e, "UCHAR" },
    { "SystemCallNumber",                        0x0080, "ULONG" },
    { "ReadyTime",                               0x0084, "ULONG" },
    { "FirstArgument",                           0x0088, "*VOID" },
    { "TrapFrame",                               0x0090, "*struct _KTRAP_FRAME" },
    { "ApcState",                                0x0098, "struct _KAPC_STATE" },
    { "ApcStateFill",                            0x0098, "UCHAR[43]" },
    { "Priority",                                0x00c3, "CHAR" },
    { "UserIdealProcessor",                      0x00c4, "ULONG" },
    { "WaitStatus",                              0x00c8, "LONGLONG" },
    { "WaitBlockList",                           0x00d0, "*struct _KWAIT_BLOCK" },
    { "WaitListEntry",                           0x00d8, "struct _LIST_ENTRY" },
    { "SwapListEntry",                           0x00d8, "struct _SINGLE_LIST_ENTRY" },
    { "Queue",                                   0x00e8, "*struct _DISPATCHER_HEADER" },
    { "Teb",                                     0x00f0, "*VOID" },
    { "RelativeTimerBias",                       0x00f8, "ULONGLONG" },
    { "Timer",                                   0x0100, "struct _KTIMER" },
    { "WaitBlock",                               0x0140, "struct _KWAIT_BLOCK[4]" },
    { "WaitBlockFill4",                          0x0140, "UCHAR[20]" },
    { "ContextSwitches",                         0x0154, "ULONG" },
    { "WaitBlockFill5",                          0x0140, "UCHAR[68]" },
    { "State",                                   0x0184, "UCHAR" },
    { "Spare13",                                 0x0185, "CHAR" },
    { "WaitIrql",                                0x0186, "UCHAR" },
    { "WaitMode",                                0x0187, "CHAR" },
    { "WaitBlockFill6",                          0x0140, "UCHAR[116]" },
    { "WaitTime",                                0x01b4, "ULONG" },
    { "WaitBlockFill7",                          0x0140, "UCHAR[164]" },
    { "KernelApcDisable",                        0x01e4, "SHORT" },
    { "SpecialApcDisable",                       0x01e6, "SHORT" },
    { "CombinedApcDisable",                      0x01e4, "ULONG" },
    { "WaitBlockFill8",                          0x0140, "UCHAR[40]" },
    { "ThreadCounters",                          0x0168, "*struct _KTHREAD_COUNTERS" },
    { "WaitBlockFill9",                          0x0140, "UCHAR[88]" },
    { "XStateSave",                              0x0198, "*struct _XSTATE_SAVE" },
    { "WaitBlockFill10",                         0x0140, "UCHAR[136]" },
    { "Win32Thread",                             0x01c8, "*VOID" },
    { "WaitBlockFill11",                         0x0140, "UCHAR[176]" },
    { "Spare18",                                 0x01f0, "ULONGLONG" },
    { "LastXStateSaveDebugInfo",                 0x01f8, "ULONGLONG" },
    { "ThreadFlags2",                            0x0200, "LONG" },
    { "DisableKasan",                            0x0200, "ULONG:0:1" },
    { "AbContextSwitchState",                    0x0200, "ULONG:1:1" },
    { "ThreadFlags2Reserved",                    0x0200, "ULONG:2:30" },
    { "BamQosLevel",                             0x0204, "UCHAR" },
    { "HardwareFeedbackClass",                   0x0205, "UCHAR" },
    { "PriorityDecrement",                       0x0206, "SHORT" },
    { "ForegroundBoost",                         0x0206, "USHORT:0:4" },
    { "UnusualBoost",                            0x0206, "USHORT:4:8" },
    { "QueueListEntry",                          0x0208, "struct _LIST_ENTRY" },
    { "NextProcessor",                           0x0218, "ULONG" },
    { "NextProcessorNumber",                     0x0218, "ULONG:0:31" },
    { "SharedReadyQueue",                        0x0218, "ULONG:31:1" },
    { "QueuePriority",                           0x021c, "LONG" },
    { "Process",                                 0x0220, "*struct _KPROCESS" },
    { "UserAffinity",                            0x0228, "*struct _KAFFINITY_EX" },
    { "UserAffinityPrimaryGroup",                0x0230, "USHORT" },
    { "PreviousMode",                            0x0232, "CHAR" },
    { "BasePriority",                            0x0233, "CHAR" },
    { "Spare24",                                 0x0234, "UCHAR" },
    { "Preempted",                               0x0235, "UCHAR" },
    { "AdjustReason",                            0x0236, "UCHAR" },
    { "AdjustIncrement",                         0x0237, "CHAR" },
    { "AffinityVersion",                         0x0238, "ULONGLONG" },
    { "Affinity",                                0x0240, "*struct _KAFFINITY_EX" },
    { "AffinityPrimaryGroup",                    0x0248, "USHORT" },
    { "ApcStateIndex",                           0x024a, "UCHAR" },
    { "WaitBlockCount",                          0x024b, "UCHAR" },
    { "IdealProcessor",                          0x024c, "ULONG" },
    { "NpxState",                                0x0250, "ULONGLONG" },
    { "SavedApcState",                           0x0258, "struct _KAPC_STATE" },
    { "SavedApcStateFill",                       0x0258, "UCHAR[43]" },
    { "WaitReason",                              0x0283, "UCHAR" },
    { "SuspendCount",                            0x0284, "CHAR" },
    { "Saturation",                              0x0285, "CHAR" },
    { "SListFaultCount",                         0x0286, "USHORT" },
    { "SchedulerApc",                            0x0288, "struct _KAPC" },
    { "SchedulerApcFill1",                       0x0288, "UCHAR[3]" },
    { "QuantumReset",                            0x028b, "UCHAR" },
    { "SchedulerApcFill2",                       0x0288, "UCHAR[4]" },
    { "KernelTime",                              0x028c, "ULONG" },
    { "SchedulerApcFill3",                       0x0288, "UCHAR[64]" },
    { "WaitPrcb",                                0x02c8, "*struct _KPRCB" },
    { "SchedulerApcFill4",                       0x0288, "UCHAR[72]" },
    { "LegoData",                                0x02d0, "*VOID" },
    { "SchedulerApcFill5",                       0x0288, "UCHAR[83]" },
    { "CallbackNestingLevel",                    0x02db, "UCHAR" },
    { "UserTime",                                0x02dc, "ULONG" },
    { "SuspendEvent",                            0x02e0, "struct _KEVENT" },
    { "ThreadListEntry",                         0x02f8, "struct _LIST_ENTRY" },
    { "MutantListHead",                          0x0308, "struct _LIST_ENTRY" },
    { "AbWaitEntryCount",                        0x0318, "UCHAR" },
    { "AbOwnedEntryCount",                       0x0319, "UCHAR" },
    { "AbEntryCountValue",                       0x0318, "USHORT" },
    { "FreezeFlags",                             0x031a, "UCHAR" },
    { "FreezeCount2",                            0x031a, "UCHAR:0:1" },
    { "FreezeNormal",                            0x031a, "UCHAR:1:1" },
    { "FreezeDeep",                              0x031a, "UCHAR:2:1" },
    { "WobPriority",                             0x031b, "CHAR" },
    { "SecureThreadCookie",                      0x031c, "ULONG" },
    { "SchedulerSharedSystemSlot",               0x0320, "*VOID" },
    { "PropagateBoostsEntry",                    0x0328, "struct _SINGLE_LIST_ENTRY" },
    { "IoSelfBoostsEntry",                       0x0330, "struct _SINGLE_LIST_ENTRY" },
    { "PriorityFloorCounts",                     0x0338, "UCHAR[32]" },
    { "PriorityFloorSummary",                    0x0358, "ULONG" },
    { "AbCompletedIoBoostCount",                 0x035c, "LONG" },
    { "AbCompletedIoQoSBoostCount",              0x0360, "LONG" },
    { "KeReferenceCount",                        0x0364, "SHORT" },
    { "DecayBoost",                              0x0366, "CHAR" },
    { "Spare6",                                  0x0367, "UCHAR" },
    { "ForegroundLossTime",                      0x0368, "ULONG" },
    { "GlobalForegroundListEntry",               0x0370, "struct _LIST_ENTRY" },
    { "ForegroundDpcStackListEntry",             0x0370, "struct _SINGLE_LIST_ENTRY" },
    { "InGlobalForegroundList",                  0x0378, "ULONGLONG" },
    { "ReadOperationCount",                      0x0380, "LONGLONG" },
    { "WriteOperationCount",                     0x0388, "LONGLONG" },
    { "OtherOperationCount",                     0x0390, "LONGLONG" },
    { "ReadTransferCount",                       0x0398, "LONGLONG" },
    { "WriteTransferCount",                      0x03a0, "LONGLONG" },
    { "OtherTransferCount",                      0x03a8, "LONGLONG" },
    { "QueuedScb",                               0x03b0, "*struct _KSCB" },
    { "ThreadTimerDelay",                        0x03b8, "ULONG" },
    { "Spare26",                                 0x03bc, "USHORT" },
    { "PpmPolicy",                               0x03be, "UCHAR" },
    { "Spare27",                                 0x03bf, "UCHAR" },
    { "TracingPrivate",                          0x03c0, "ULONGLONG[1]" },
    { "SchedulerAssist",                         0x03c8, "*VOID" },
    { "AbWaitObject",                            0x03d0, "*VOID" },
    { "ReservedPreviousReadyTimeValue",          0x03d8, "ULONG" },
    { "KernelWaitTime",                          0x03e0, "ULONGLONG" },
    { "UserWaitTime",                            0x03e8, "ULONGLONG" },
    { "GlobalUpdateVpThreadPriorityListEntry",   0x03f0, "struct _LIST_ENTRY" },
    { "UpdateVpThreadPriorityDpcStackListEntry", 0x03f0, "struct _SINGLE_LIST_ENTRY" },
    { "InGlobalUpdateVpThreadPriorityList",      0x03f8, "ULONGLONG" },
    { "SchedulerAssistPriorityFloor",            0x0400, "LONG" },
    { "RealtimePriorityFloor",                   0x0404, "LONG" },
    { "KernelShadowStack",                       0x0408, "*VOID" },
    { "KernelShadowStackInitial",                0x0410, "*VOID" },
    { "KernelShadowStackBase",                   0x0418, "*VOID" },
    { "KernelShadowStackLimit",                  0x0420, "union _KERNEL_SHADOW_STACK_LIMIT" },
    { "ExtendedFeatureDisableMask",              0x0428, "ULONGLONG" },
    { "HgsFeedbackStartTime",                    0x0430, "ULONGLONG" },
    { "HgsFeedbackCycles",                       0x0438, "ULONGLONG" },
    { "HgsInvalidFeedbackCount",                 0x0440, "ULONG" },
    { "HgsLowerPerfClassFeedbackCount",          0x0444, "ULONG" },
    { "HgsHigherPerfClassFeedbackCount",         0x0448, "ULONG" },
    { "ModeHistory",                             0x044c, "ULONG" },
    { "SystemAffinityTokenListHead",             0x0450, "struct _SINGLE_LIST_ENTRY" },
    { "IptSaveArea",                             0x0458, "*VOID" },
    { "ResourceIndex",                           0x0460, "UCHAR" },
    { "CoreIsolationReasons",                    0x0461, "UCHAR" },
    { "BamQosLevelFromAssistPage",               0x0462, "UCHAR" },
    { "SecureCallCoreIsolationCount",            0x0463, "UCHAR" },
    { "SchedulerSharedOffset",                   0x0464, "ULONG" },
    { "SchedulerSharedSwappablePage",            0x0468, "*struct _KSWAPPABLE_PAGE" },
    { "KernelAbEntries",                         0x0470, "*struct _KLOCK_ENTRIES" },
    { "UserAbEntries",                           0x0478, "*struct _KLOCK_ENTRIES" },
    { "KcsanThread",                             0x0480, "ULONGLONG" },
    { "SchedulerAssistYieldCounter",             0x0488, "ULONG" },
    { "SchedulerAssistYieldBoostCount",          0x048c, "ULONG" },
    { "SchedulerAssistLastYieldBoostTime",       0x0490, "LONGLONG" },
    { "Padding",                                 0x0498, "ULONGLONG[5]" },
};

/* struct _ETHREAD, 0x788 bytes. Source: seed 001 (Vergilius Project, Windows
 * 11 24H2 x64 build 26100): exact. UpdateTebApc union: the seed shows
 * UpdateTebSpareByte2/UpdateTebSpareLong2 at 0x773/0x774; later 26100-family
 * PDBs call 0x774 HeapData and grow ETHREAD to 0x798.
 */
static const struct fdef ETHREAD_f[] = {
    { "Tcb",                                 0x0000, "struct _KTHREAD" },
    { "CreateTime",                          0x04c0, "union _LARGE_INTEGER" },
    { "ExitTime",                            0x04c8, "union _LARGE_INTEGER" },
    { "KeyedWaitChain",                      0x04c8, "struct _LIST_ENTRY" },
    { "PostBlockList",                       0x04d8, "struct _LIST_ENTRY" },
    { "ForwardLinkShadow",                   0x04d8, "*VOID" },
    { "StartAddress",                        0x04e0, "*VOID" },
    { "TerminationPort",                     0x04e8, "*struct _TERMINATION_PORT" },
    { "ReaperLink",                          0x04e8, "*struct _ETHREAD" },
    { "KeyedWaitValue",                      0x04e8, "*VOID" },
    { "ActiveTimerListLock",                 0x04f0, "ULONGLONG" },
    { "ActiveTimerListHead",                 0x04f8, "struct _LIST_ENTRY" },
    { "Cid",                                 0x0508, "struct _CLIENT_ID" },
    { "KeyedWaitSemaphore",                  0x0518, "struct _KSEMAPHORE" },
    { "AlpcWaitSemaphore",                   0x0518, "struct _KSEMAPHORE" },
    { "ClientSecurity",                      0x0538, "union _PS_CLIENT_SECURITY_CONTEXT" },
    { "IrpList",                             0x0540, "struct _LIST_ENTRY" },
    { "TopLevelIrp",                         0x0550, "ULONGLONG" },
    { "DeviceToVerify",                      0x0558, "*struct _DEVICE_OBJECT" },
    { "Win32StartAddress",                   0x0560, "*VOID" },
    { "ChargeOnlySession",                   0x0568, "*VOID" },
    { "LegacyPowerObject",                   0x0570, "*VOID" },
    { "ThreadListEntry",                     0x0578, "struct _LIST_ENTRY" },
    { "RundownProtect",                      0x0588, "struct _EX_RUNDOWN_REF" },
    { "ThreadLock",                          0x0590, "struct _EX_PUSH_LOCK" },
    { "ReadClusterSize",                     0x0598, "ULONG" },
    { "MmLockOrdering",                      0x059c, "ULONG" },
    { "CrossThreadFlags",                    0x05a0, "ULONG" },
    { "Terminated",                          0x05a0, "ULONG:0:1" },
    { "ThreadInserted",                      0x05a0, "ULONG:1:1" },
    { "HideFromDebugger",                    0x05a0, "ULONG:2:1" },
    { "ActiveImpersonationInfo",             0x05a0, "ULONG:3:1" },
    { "HardErrorsAreDisabled",               0x05a0, "ULONG:4:1" },
    { "BreakOnTermination",                  0x05a0, "ULONG:5:1" },
    { "SkipCreationMsg",                     0x05a0, "ULONG:6:1" },
    { "SkipTerminationMsg",                  0x05a0, "ULONG:7:1" },
    { "CopyTokenOnOpen",                     0x05a0, "ULONG:8:1" },
    { "ThreadIoPriority",                    0x05a0, "ULONG:9:3" },
    { "ThreadPagePriority",                  0x05a0, "ULONG:12:3" },
    { "RundownFail",                         0x05a0, "ULONG:15:1" },
    { "UmsForceQueueTermination",            0x05a0, "ULONG:16:1" },
    { "IndirectCpuSets",                     0x05a0, "ULONG:17:1" },
    { "DisableDynamicCodeOptOut",            0x05a0, "ULONG:18:1" },
    { "ExplicitCaseSensitivity",             0x05a0, "ULONG:19:1" },
    { "PicoNotifyExit",                      0x05a0, "ULONG:20:1" },
    { "DbgWerUserReportActive",              0x05a0, "ULONG:21:1" },
    { "ForcedSelfTrimActive",                0x05a0, "ULONG:22:1" },
    { "SamplingCoverage",                    0x05a0, "ULONG:23:1" },
    { "ImpersonationSchedulingGroup",        0x05a0, "ULONG:24:1" },
    { "ReservedCrossThreadFlags",            0x05a0, "ULONG:25:7" },
    { "SameThreadPassiveFlags",              0x05a4, "ULONG" },
    { "ActiveExWorker",                      0x05a4, "ULONG:0:1" },
    { "MemoryMaker",                         0x05a4, "ULONG:1:1" },
    { "StoreLockThread",                     0x05a4, "ULONG:2:2" },
    { "ClonedThread",                        0x05a4, "ULONG:4:1" },
    { "KeyedEventInUse",                     0x05a4, "ULONG:5:1" },
    { "SelfTerminate",                       0x05a4, "ULONG:6:1" },
    { "RespectIoPriority",                   0x05a4, "ULONG:7:1" },
    { "ActivePageLists",                     0x05a4, "ULONG:8:1" },
    { "SecureContext",                       0x05a4, "ULONG:9:1" },
    { "ZeroPageThread",                      0x05a4, "ULONG:10:1" },
    { "WorkloadClass",                       0x05a4, "ULONG:11:1" },
    { "GenerateDumpOnBadHandleAccess",       0x05a4, "ULONG:12:1" },
    { "BalanceSetManager",                   0x05a4, "ULONG:13:1" },
    { "ReservedSameThreadPassiveFlags",      0x05a4, "ULONG:14:18" },
    { "SameThreadApcFlags",                  0x05a8, "ULONG" },
    { "OwnsProcessAddressSpaceExclusive",    0x05a8, "UCHAR:0:1" },
    { "OwnsProcessAddressSpaceShared",       0x05a8, "UCHAR:1:1" },
    { "HardFaultBehavior",                   0x05a8, "UCHAR:2:1" },
    { "StartAddressInvalid",                 0x05a8, "UCHAR:3:1" },
    { "EtwCalloutActive",                    0x05a8, "UCHAR:4:1" },
    { "SuppressSymbolLoad",                  0x05a8, "UCHAR:5:1" },
    { "Prefetching",                         0x05a8, "UCHAR:6:1" },
    { "OwnsVadExclusive",                    0x05a8, "UCHAR:7:1" },
    { "SystemPagePriorityActive",            0x05a9, "UCHAR:0:1" },
    { "SystemPagePriority",                  0x05a9, "UCHAR:1:3" },
    { "AllowUserWritesToExecutableMemory",   0x05a9, "UCHAR:4:1" },
    { "AllowKernelWritesToExecutableMemory", 0x05a9, "UCHAR:5:1" },
    { "OwnsVadShared",                       0x05a9, "UCHAR:6:1" },
    { "PasidMsrValid",                       0x05a9, "UCHAR:7:1" },
    { "SlabReplenishInProgress",             0x05aa, "UCHAR:0:1" },
    { "CacheManagerActive",                  0x05ac, "UCHAR" },
    { "DisablePageFaultClustering",          0x05ad, "UCHAR" },
    { "ActiveFaultCount",                    0x05ae, "UCHAR" },
    { "LockOrderState",                      0x05af, "UCHAR" },
    { "SharedPsModuleLockAcquires",          0x05b0, "ULONG" },
    { "MmReserved",                          0x05b4, "ULONG" },
    { "AlpcMessageId",                       0x05b8, "ULONGLONG" },
    { "AlpcMessage",                         0x05c0, "*VOID" },
    { "AlpcReceiveAttributeSet",             0x05c0, "ULONG" },
    { "AlpcWaitListEntry",                   0x05c8, "struct _LIST_ENTRY" },
    { "ExitStatus",                          0x05d8, "LONG" },
    { "CacheManagerCount",                   0x05dc, "ULONG" },
    { "IoBoostCount",                        0x05e0, "ULONG" },
    { "IoQoSBoostCount",                     0x05e4, "ULONG" },
    { "IoQoSThrottleCount",                  0x05e8, "ULONG" },
    { "KernelStackReference",                0x05ec, "ULONG" },
    { "BoostList",                           0x05f0, "struct _LIST_ENTRY" },
    { "DeboostList",                         0x0600, "struct _LIST_ENTRY" },
    { "BoostListLock",                       0x0610, "ULONGLONG" },
    { "IrpListLock",                         0x0618, "ULONGLONG" },
    { "ReservedForSynchTracking",            0x0620, "*VOID" },
    { "CmCallbackListHead",                  0x0628, "struct _SINGLE_LIST_ENTRY" },
    { "ActivityId",                          0x0630, "*struct _GUID" },
    { "SeLearningModeListHead",              0x0638, "struct _SINGLE_LIST_ENTRY" },
    { "VerifierContext",                     0x0640, "*VOID" },
    { "AdjustedClientToken",                 0x0648, "*VOID" },
    { "WorkOnBehalfThread",                  0x0650, "*VOID" },
    { "PropertySet",                         0x0658, "struct _PS_PROPERTY_SET" },
    { "PicoContext",                         0x0670, "*VOID" },
    { "UserFsBase",                          0x0678, "ULONGLONG" },
    { "UserGsBase",                          0x0680, "ULONGLONG" },
    { "EnergyValues",                        0x0688, "*struct _THREAD_ENERGY_VALUES" },
    { "SelectedCpuSets",                     0x0690, "ULONGLONG" },
    { "SelectedCpuSetsIndirect",             0x0690, "*ULONGLONG" },
    { "Silo",                                0x0698, "*struct _EJOB" },
    { "ThreadName",                          0x06a0, "*struct _UNICODE_STRING" },
    { "SetContextState",                     0x06a8, "*struct _CONTEXT" },
    { "EtwSupport",                          0x06b0, "*VOID" },
    { "OwnerEntryListHead",                  0x06b8, "struct _LIST_ENTRY" },
    { "DisownedOwnerEntryListLock",          0x06c8, "ULONGLONG" },
    { "DisownedOwnerEntryListHead",          0x06d0, "struct _LIST_ENTRY" },
    { "SchedulerSharedDataObject",           0x06e0, "*VOID" },
    { "CmThreadInfo",                        0x06e8, "*VOID" },
    { "FlsData",                             0x06f0, "*VOID" },
    { "LastExpectedRunTime",                 0x06f8, "ULONG" },
    { "LastSoftParkElectionRunTime",         0x06fc, "ULONG" },
    { "LastSoftParkElectionGeneration",      0x0700, "ULONGLONG" },
    { "LastSoftParkElectionGroupAffinity",   0x0708, "struct _GROUP_AFFINITY" },
    { "UserIsolationDomain",                 0x0718, "ULONGLONG" },
    { "UpdateTebApc",                        0x0720, "struct _KAPC" },
    { "UpdateTebApcFill1",                   0x0720, "UCHAR[3]" },
    { "Win32kPriorityFloor",                 0x0723, "CHAR" },
    { "UpdateTebApcFill2",                   0x0720, "UCHAR[4]" },
    { "LastSoftParkElectionQos",             0x0724, "UCHAR" },
    { "LastSoftParkElectionWorkloadType",    0x0725, "UCHAR" },
    { "LastSoftParkElectionRunningType",     0x0726, "UCHAR" },
    { "MmSlabIdentity",                      0x0727, "UCHAR" },
    { "UpdateTebApcFill3",                   0x0720, "UCHAR[64]" },
    { "RngState",                            0x0760, "union _RTL_THREAD_RNG_STATE" },
    { "UpdateTebApcFill4",                   0x0720, "UCHAR[72]" },
    { "UsedByRngState",                      0x0768, "*VOID" },
    { "UpdateTebApcFill5",                   0x0720, "UCHAR[83]" },
    { "UpdateTebSpareByte2",                 0x0773, "UCHAR" },
    { "UpdateTebSpareLong2",                 0x0774, "ULONG" },
    { "Win32kThreadLock",                    0x0778, "ULONGLONG" },
    { "ThreadIndex",                         0x0780, "*VOID" },
};

static const struct tdef thread_types[] = {
    TDEF(STRUCT, "_DISPATCHER_HEADER", 0x18, DISPATCHER_HEADER_f),
    TDEF(UNION, "_KWAIT_STATUS_REGISTER", 0x1, KWAIT_STATUS_REGISTER_f),
    TDEF(STRUCT, "_KAPC_STATE", 0x30, KAPC_STATE_f),
    TDEF(STRUCT, "_KTIMER", 0x40, KTIMER_f),
    TDEF(STRUCT, "_KWAIT_BLOCK", 0x30, KWAIT_BLOCK_f),
    TDEF(STRUCT, "_KAPC", 0x58, KAPC_f),
    TDEF(STRUCT, "_KEVENT", 0x18, KEVENT_f),
    TDEF(STRUCT, "_KSEMAPHORE", 0x20, KSEMAPHORE_f),
    TDEF(UNION, "_KERNEL_SHADOW_STACK_LIMIT", 0x8, KERNEL_SHADOW_STACK_LIMIT_f),
    TDEF(UNION, "_PS_CLIENT_SECURITY_CONTEXT", 0x8, PS_CLIENT_SECURITY_CONTEXT_f),
    TDEF(STRUCT, "_PS_PROPERTY_SET", 0x18, PS_PROPERTY_SET_f),
    TDEF(UNION, "_RTL_THREAD_RNG_STATE", 0x10, RTL_THREAD_RNG_STATE_f),
    TDEF(STRUCT, "_KTHREAD", 0x4c0, KTHREAD_f),
    TDEF(STRUCT, "_ETHREAD", 0x788, ETHREAD_f),
};

/* ======== Memory manager: VADs, sections, control areas, sessions ======== */

/* struct _MMVAD_FLAGS, 0x4 bytes. Source: public PDB type dump of the 26100
 * _MMVAD family (the CommitCharge move is confirmed for 26100 by volatility3
 * issue #1519 and PR #1407).
 */
static const struct fdef MMVAD_FLAGS_f[] = {
    { "Lock",             0x0000, "ULONG:0:1" },
    { "LockContended",    0x0000, "ULONG:1:1" },
    { "DeleteInProgress", 0x0000, "ULONG:2:1" },
    { "NoChange",         0x0000, "ULONG:3:1" },
    { "VadType",          0x0000, "ULONG:4:3" },
    { "Protection",       0x0000, "ULONG:7:5" },
    { "PreferredNode",    0x0000, "ULONG:12:7" },
    { "PageSize",         0x0000, "ULONG:19:2" },
    { "PrivateMemory",    0x0000, "ULONG:21:1" },
    { "EntireField",      0x0000, "ULONG" },
};

/* struct _MM_PRIVATE_VAD_FLAGS, 0x4 bytes. Source: public PDB type dump of
 * the 26100 _MMVAD family (the CommitCharge move is confirmed for 26100 by
 * volatility3 issue #1519 and PR #1407).
 */
static const struct fdef MM_PRIVATE_VAD_FLAGS_f[] = {
    { "Lock",                         0x0000, "ULONG:0:1" },
    { "LockContended",                0x0000, "ULONG:1:1" },
    { "DeleteInProgress",             0x0000, "ULONG:2:1" },
    { "NoChange",                     0x0000, "ULONG:3:1" },
    { "VadType",                      0x0000, "ULONG:4:3" },
    { "Protection",                   0x0000, "ULONG:7:5" },
    { "PreferredNode",                0x0000, "ULONG:12:7" },
    { "PageSize",                     0x0000, "ULONG:19:2" },
    { "PrivateMemoryAlwaysSet",       0x0000, "ULONG:21:1" },
    { "WriteWatch",                   0x0000, "ULONG:22:1" },
    { "FixedLargePageSize",           0x0000, "ULONG:23:1" },
    { "ZeroFillPagesOptional",        0x0000, "ULONG:24:1" },
    { "MemCommit",                    0x0000, "ULONG:25:1" },
    { "Graphics",                     0x0000, "ULONG:26:1" },
    { "Enclave",                      0x0000, "ULONG:27:1" },
    { "ShadowStack",                  0x0000, "ULONG:28:1" },
    { "PhysicalMemoryPfnsReferenced", 0x0000, "ULONG:29:1" },
};

/* struct _MM_GRAPHICS_VAD_FLAGS, 0x4 bytes. Source: public PDB type dump of
 * the 26100 _MMVAD family (the CommitCharge move is confirmed for 26100 by
 * volatility3 issue #1519 and PR #1407).
 */
static const struct fdef MM_GRAPHICS_VAD_FLAGS_f[] = {
    { "Lock",                   0x0000, "ULONG:0:1" },
    { "LockContended",          0x0000, "ULONG:1:1" },
    { "DeleteInProgress",       0x0000, "ULONG:2:1" },
    { "NoChange",               0x0000, "ULONG:3:1" },
    { "VadType",                0x0000, "ULONG:4:3" },
    { "Protection",             0x0000, "ULONG:7:5" },
    { "PreferredNode",          0x0000, "ULONG:12:7" },
    { "PageSize",               0x0000, "ULONG:19:2" },
    { "PrivateMemoryAlwaysSet", 0x0000, "ULONG:21:1" },
    { "WriteWatch",             0x0000, "ULONG:22:1" },
    { "FixedLargePageSize",     0x0000, "ULONG:23:1" },
    { "ZeroFillPagesOptional",  0x0000, "ULONG:24:1" },
    { "MemCommit",              0x0000, "ULONG:25:1" },
    { "GraphicsAlwaysSet",      0x0000, "ULONG:26:1" },
    { "GraphicsUseCoherentBus", 0x0000, "ULONG:27:1" },
    { "GraphicsNoCache",        0x0000, "ULONG:28:1" },
    { "GraphicsPageProtection", 0x0000, "ULONG:29:3" },
};

/* struct _MM_SHARED_VAD_FLAGS, 0x4 bytes. Source: public PDB type dump of
 * the 26100 _MMVAD family (the CommitCharge move is confirmed for 26100 by
 * volatility3 issue #1519 and PR #1407).
 */
static const struct fdef MM_SHARED_VAD_FLAGS_f[] = {
    { "Lock",                     0x0000, "ULONG:0:1" },
    { "LockContended",            0x0000, "ULONG:1:1" },
    { "DeleteInProgress",         0x0000, "ULONG:2:1" },
    { "NoChange",                 0x0000, "ULONG:3:1" },
    { "VadType",                  0x0000, "ULONG:4:3" },
    { "Protection",               0x0000, "ULONG:7:5" },
    { "PreferredNode",            0x0000, "ULONG:12:7" },
    { "PageSize",                 0x0000, "ULONG:19:2" },
    { "PrivateMemoryAlwaysClear", 0x0000, "ULONG:21:1" },
    { "PrivateFixup",             0x0000, "ULONG:22:1" },
    { "HotPatchState",            0x0000, "ULONG:23:2" },
};

/* union __unnamed_MMVAD_SHORT_u, 0x4 bytes. Source: public PDB type dump of
 * the 26100 _MMVAD family (the CommitCharge move is confirmed for 26100 by
 * volatility3 issue #1519 and PR #1407).
 */
static const struct fdef unnamed_MMVAD_SHORT_u_f[] = {
    { "LongFlags",        0x0000, "ULONG" },
    { "VadFlags",         0x0000, "struct _MMVAD_FLAGS" },
    { "PrivateVadFlags",  0x0000, "struct _MM_PRIVATE_VAD_FLAGS" },
    { "GraphicsVadFlags", 0x0000, "struct _MM_GRAPHICS_VAD_FLAGS" },
    { "SharedVadFlags",   0x0000, "struct _MM_SHARED_VAD_FLAGS" },
    { "VolatileVadLong",  0x0000, "ULONG" },
};

/* union __unnamed_MMVAD_SHORT_u5, 0x8 bytes. Source: public PDB type dump of
 * the 26100 _MMVAD family (the CommitCharge move is confirmed for 26100 by
 * volatility3 issue #1519 and PR #1407).
 */
static const struct fdef unnamed_MMVAD_SHORT_u5_f[] = {
    { "EventList", 0x0000, "*struct _MI_VAD_EVENT_BLOCK" },
};

/* struct _MMVAD_FLAGS1, 0x4 bytes. Source: Windows 11 21H2 (22000) ISF; kept
 * as a compatibility view of _MMVAD_SHORT+0x34.
 */
static const struct fdef MMVAD_FLAGS1_f[] = {
    { "CommitCharge", 0x0000, "ULONG:0:31" },
    { "MemCommit",    0x0000, "ULONG:31:1" },
};

/* union __unnamed_MMVAD_SHORT_u1, 0x4 bytes. Source: compatibility alias
 * (22000 shape) over the 26100 CommitCharge ULONG.
 */
static const struct fdef unnamed_MMVAD_SHORT_u1_f[] = {
    { "LongFlags1", 0x0000, "ULONG" },
    { "VadFlags1",  0x0000, "struct _MMVAD_FLAGS1" },
};

/* struct _MMVAD_SHORT, 0x40 bytes. Source: public PDB type dump of the 26100
 * _MMVAD family (the CommitCharge move is confirmed for 26100 by volatility3
 * issue #1519 and PR #1407). 26100 moved the commit charge out of the
 * u1/VadFlags1 union into a plain ULONG CommitCharge at 0x34. u1
 * (LongFlags1/VadFlags1) is NOT in the 26100 PDB: it is kept as an alias
 * over the same four bytes so that Volatility releases without PR #1407
 * (merged early 2025; they read u1.VadFlags1.CommitCharge) still run vadinfo
 * and malfind; CommitCharge:31 of the alias is the same value.
 */
static const struct fdef MMVAD_SHORT_f[] = {
    { "NextVad",           0x0000, "*struct _MMVAD_SHORT" },
    { "ExtraCreateInfo",   0x0008, "*VOID" },
    { "VadNode",           0x0000, "struct _RTL_BALANCED_NODE" },
    { "StartingVpn",       0x0018, "ULONG" },
    { "EndingVpn",         0x001c, "ULONG" },
    { "StartingVpnHigh",   0x0020, "UCHAR" },
    { "EndingVpnHigh",     0x0021, "UCHAR" },
    { "CommitChargeHigh",  0x0022, "UCHAR" },
    { "SpareNT64VadUChar", 0x0023, "UCHAR" },
    { "ReferenceCount",    0x0024, "LONG" },
    { "PushLock",          0x0028, "struct _EX_PUSH_LOCK" },
    { "u",                 0x0030, "union __unnamed_MMVAD_SHORT_u" },
    { "CommitCharge",      0x0034, "ULONG" },
    { "u1",                0x0034, "union __unnamed_MMVAD_SHORT_u1" },
    { "u5",                0x0038, "union __unnamed_MMVAD_SHORT_u5" },
};

/* struct _MMVAD_FLAGS2, 0x4 bytes. Source: public PDB type dump of the 26100
 * _MMVAD family (the CommitCharge move is confirmed for 26100 by volatility3
 * issue #1519 and PR #1407).
 */
static const struct fdef MMVAD_FLAGS2_f[] = {
    { "Large",                0x0000, "ULONG:0:1" },
    { "TrimBehind",           0x0000, "ULONG:1:1" },
    { "Inherit",              0x0000, "ULONG:2:1" },
    { "NoValidationNeeded",   0x0000, "ULONG:3:1" },
    { "PrivateDemandZero",    0x0000, "ULONG:4:1" },
    { "ImageMappingExtended", 0x0000, "ULONG:5:1" },
    { "Spare",                0x0000, "ULONG:6:26" },
    { "LongFlags",            0x0000, "ULONG" },
};

/* struct _MI_VAD_SEQUENTIAL_INFO, 0x8 bytes. Source: public PDB type dump of
 * the 26100 _MMVAD family (the CommitCharge move is confirmed for 26100 by
 * volatility3 issue #1519 and PR #1407).
 */
static const struct fdef MI_VAD_SEQUENTIAL_INFO_f[] = {
    { "Length",      0x0000, "ULONGLONG:0:12" },
    { "Vpn",         0x0000, "ULONGLONG:12:51" },
    { "MustBeZero",  0x0000, "ULONGLONG:63:1" },
    { "EntireField", 0x0000, "ULONGLONG" },
};

/* union __unnamed_MMVAD_u4, 0x8 bytes. Source: public PDB type dump of the
 * 26100 _MMVAD family (the CommitCharge move is confirmed for 26100 by
 * volatility3 issue #1519 and PR #1407).
 */
static const struct fdef unnamed_MMVAD_u4_f[] = {
    { "SequentialVa", 0x0000, "struct _MI_VAD_SEQUENTIAL_INFO" },
    { "ExtendedInfo", 0x0000, "*struct _MMEXTEND_INFO" },
};

/* struct _MMVAD, 0x88 bytes. Source: public PDB type dump of the 26100
 * _MMVAD family (the CommitCharge move is confirmed for 26100 by volatility3
 * issue #1519 and PR #1407).
 */
static const struct fdef MMVAD_f[] = {
    { "Core",              0x0000, "struct _MMVAD_SHORT" },
    { "VadFlags2",         0x0040, "struct _MMVAD_FLAGS2" },
    { "Subsection",        0x0048, "*struct _SUBSECTION" },
    { "FirstPrototypePte", 0x0050, "*struct _MMPTE" },
    { "LastContiguousPte", 0x0058, "*struct _MMPTE" },
    { "ViewLinks",         0x0060, "struct _LIST_ENTRY" },
    { "VadsProcess",       0x0070, "*struct _EPROCESS" },
    { "u4",                0x0078, "union __unnamed_MMVAD_u4" },
    { "FileObject",        0x0080, "*struct _FILE_OBJECT" },
};

/* union __unnamed_CONTROL_AREA_u, 0x4 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef unnamed_CONTROL_AREA_u_f[] = {
    { "Flags",     0x0000, "struct _MMSECTION_FLAGS" },
    { "LongFlags", 0x0000, "ULONG" },
};

/* union __unnamed_CONTROL_AREA_u1, 0x4 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef unnamed_CONTROL_AREA_u1_f[] = {
    { "Flags",     0x0000, "struct _MMSECTION_FLAGS2" },
    { "LongFlags", 0x0000, "ULONG" },
};

/* struct __unnamed_CONTROL_AREA_u2_e2, 0x10 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef unnamed_CONTROL_AREA_u2_e2_f[] = {
    { "ImageRelocationStartBit",  0x0000, "ULONG" },
    { "NumberOfSystemCacheViews", 0x0000, "ULONG" },
    { "WritableUserReferences",   0x0004, "LONG" },
    { "ImageRelocationSizeIn64k", 0x0004, "ULONG:0:16" },
    { "SystemImage",              0x0004, "ULONG:16:1" },
    { "CantMove",                 0x0004, "ULONG:17:1" },
    { "StrongCode",               0x0004, "ULONG:18:2" },
    { "BitMap",                   0x0004, "ULONG:20:2" },
    { "ImageActive",              0x0004, "ULONG:22:1" },
    { "ImageBaseOkToReuse",       0x0004, "ULONG:23:1" },
    { "FlushInProgressCount",     0x0008, "ULONG" },
    { "NumberOfSubsections",      0x0008, "ULONG" },
    { "SeImageStub",              0x0008, "*struct _MI_IMAGE_SECURITY_REFERENCE" },
};

/* union __unnamed_CONTROL_AREA_u2, 0x10 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef unnamed_CONTROL_AREA_u2_f[] = {
    { "e2",   0x0000, "struct __unnamed_CONTROL_AREA_u2_e2" },
};

/* union __unnamed_CONTROL_AREA_u3, 0x8 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef unnamed_CONTROL_AREA_u3_f[] = {
    { "ImageCrossPartitionCharge", 0x0000, "ULONGLONG" },
    { "CommittedPageCount",        0x0000, "ULONGLONG:0:36" },
    { "IoAttributionContext",      0x0000, "ULONGLONG:0:61" },
    { "Spare",                     0x0000, "ULONGLONG:61:3" },
};

/* struct _CONTROL_AREA, 0x80 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef CONTROL_AREA_f[] = {
    { "Segment",                   0x0000, "*struct _SEGMENT" },
    { "AweContext",                0x0008, "*VOID" },
    { "ListHead",                  0x0008, "struct _LIST_ENTRY" },
    { "NumberOfSectionReferences", 0x0018, "ULONGLONG" },
    { "NumberOfPfnReferences",     0x0020, "ULONGLONG" },
    { "NumberOfMappedViews",       0x0028, "ULONGLONG" },
    { "NumberOfUserReferences",    0x0030, "ULONGLONG" },
    { "u",                         0x0038, "union __unnamed_CONTROL_AREA_u" },
    { "u1",                        0x003c, "union __unnamed_CONTROL_AREA_u1" },
    { "FilePointer",               0x0040, "struct _EX_FAST_REF" },
    { "ControlAreaLock",           0x0048, "LONG" },
    { "ModifiedWriteCount",        0x004c, "ULONG" },
    { "WaitList",                  0x0050, "*struct _MI_CONTROL_AREA_WAIT_BLOCK" },
    { "u2",                        0x0058, "union __unnamed_CONTROL_AREA_u2" },
    { "FileObjectLock",            0x0068, "struct _EX_PUSH_LOCK" },
    { "LockedPages",               0x0070, "ULONGLONG" },
    { "u3",                        0x0078, "union __unnamed_CONTROL_AREA_u3" },
};

/* union __unnamed_SUBSECTION_u, 0x4 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef unnamed_SUBSECTION_u_f[] = {
    { "LongFlags",       0x0000, "ULONG" },
    { "SubsectionFlags", 0x0000, "struct _MMSUBSECTION_FLAGS" },
};

/* union __unnamed_SUBSECTION_u1, 0x4 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef unnamed_SUBSECTION_u1_f[] = {
    { "EntireField", 0x0000, "ULONG" },
    { "e1",          0x0000, "struct _MI_SUBSECTION_ENTRY1" },
};

/* struct _SUBSECTION, 0x38 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef SUBSECTION_f[] = {
    { "ControlArea",          0x0000, "*struct _CONTROL_AREA" },
    { "SubsectionBase",       0x0008, "*struct _MMPTE" },
    { "NextSubsection",       0x0010, "*struct _SUBSECTION" },
    { "CreationWaitList",     0x0018, "*struct _MI_CONTROL_AREA_WAIT_BLOCK" },
    { "GlobalPerSessionHead", 0x0018, "struct _RTL_AVL_TREE" },
    { "SessionDriverProtos",  0x0018, "*struct _MI_PER_SESSION_PROTOS" },
    { "u",                    0x0020, "union __unnamed_SUBSECTION_u" },
    { "StartingSector",       0x0024, "ULONG" },
    { "NumberOfFullSectors",  0x0028, "ULONG" },
    { "PtesInSubsection",     0x002c, "ULONG" },
    { "u1",                   0x0030, "union __unnamed_SUBSECTION_u1" },
    { "UnusedPtes",           0x0034, "ULONG:0:30" },
    { "ExtentQueryNeeded",    0x0034, "ULONG:30:1" },
    { "DirtyPages",           0x0034, "ULONG:31:1" },
};

/* union __unnamed_SEGMENT_u1, 0x8 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef unnamed_SEGMENT_u1_f[] = {
    { "CreatingProcessId", 0x0000, "ULONG" },
    { "ImageCommitment",   0x0000, "ULONGLONG" },
};

/* union __unnamed_SEGMENT_u2, 0x8 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef unnamed_SEGMENT_u2_f[] = {
    { "FirstMappedVa",    0x0000, "*VOID" },
    { "ImageInformation", 0x0000, "*struct _MI_SECTION_IMAGE_INFORMATION" },
};

/* struct _SEGMENT, 0x48 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef SEGMENT_f[] = {
    { "ControlArea",            0x0000, "*struct _CONTROL_AREA" },
    { "TotalNumberOfPtes",      0x0008, "ULONG" },
    { "SegmentFlags",           0x000c, "struct _SEGMENT_FLAGS" },
    { "NumberOfCommittedPages", 0x0010, "ULONGLONG" },
    { "SizeOfSegment",          0x0018, "ULONGLONG" },
    { "BasedAddress",           0x0020, "*VOID" },
    { "ExtendInfo",             0x0020, "*struct _MMEXTEND_INFO" },
    { "SegmentLock",            0x0028, "struct _EX_PUSH_LOCK" },
    { "u1",                     0x0030, "union __unnamed_SEGMENT_u1" },
    { "u2",                     0x0038, "union __unnamed_SEGMENT_u2" },
    { "PrototypePte",           0x0040, "*struct _MMPTE" },
};

/* struct _FILE_OBJECT, 0xd8 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef FILE_OBJECT_f[] = {
    { "Type",                 0x0000, "SHORT" },
    { "Size",                 0x0002, "SHORT" },
    { "DeviceObject",         0x0008, "*struct _DEVICE_OBJECT" },
    { "Vpb",                  0x0010, "*struct _VPB" },
    { "FsContext",            0x0018, "*VOID" },
    { "FsContext2",           0x0020, "*VOID" },
    { "SectionObjectPointer", 0x0028, "*struct _SECTION_OBJECT_POINTERS" },
    { "PrivateCacheMap",      0x0030, "*VOID" },
    { "FinalStatus",          0x0038, "LONG" },
    { "RelatedFileObject",    0x0040, "*struct _FILE_OBJECT" },
    { "LockOperation",        0x0048, "UCHAR" },
    { "DeletePending",        0x0049, "UCHAR" },
    { "ReadAccess",           0x004a, "UCHAR" },
    { "WriteAccess",          0x004b, "UCHAR" },
    { "DeleteAccess",         0x004c, "UCHAR" },
    { "SharedRead",           0x004d, "UCHAR" },
    { "SharedWrite",          0x004e, "UCHAR" },
    { "SharedDelete",         0x004f, "UCHAR" },
    { "Flags",                0x0050, "ULONG" },
    { "FileName",             0x0058, "struct _UNICODE_STRING" },
    { "CurrentByteOffset",    0x0068, "union _LARGE_INTEGER" },
    { "Waiters",              0x0070, "ULONG" },
    { "Busy",                 0x0074, "ULONG" },
    { "LastLock",             0x0078, "*VOID" },
    { "Lock",                 0x0080, "struct _KEVENT" },
    { "Event",                0x0098, "struct _KEVENT" },
    { "CompletionContext",    0x00b0, "*struct _IO_COMPLETION_CONTEXT" },
    { "IrpListLock",          0x00b8, "ULONGLONG" },
    { "IrpList",              0x00c0, "struct _LIST_ENTRY" },
    { "FileObjectExtension",  0x00d0, "*VOID" },
};

/* struct _SECTION_OBJECT_POINTERS, 0x18 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef SECTION_OBJECT_POINTERS_f[] = {
    { "DataSectionObject",  0x0000, "*VOID" },
    { "SharedCacheMap",     0x0008, "*VOID" },
    { "ImageSectionObject", 0x0010, "*VOID" },
};

/* struct _MMSECTION_FLAGS, 0x4 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef MMSECTION_FLAGS_f[] = {
    { "BeingDeleted",                     0x0000, "UINT:0:1" },
    { "BeingCreated",                     0x0000, "UINT:1:1" },
    { "BeingPurged",                      0x0000, "UINT:2:1" },
    { "NoModifiedWriting",                0x0000, "UINT:3:1" },
    { "FailAllIo",                        0x0000, "UINT:4:1" },
    { "Image",                            0x0000, "UINT:5:1" },
    { "Based",                            0x0000, "UINT:6:1" },
    { "File",                             0x0000, "UINT:7:1" },
    { "AttemptingDelete",                 0x0000, "UINT:8:1" },
    { "PrefetchCreated",                  0x0000, "UINT:9:1" },
    { "PhysicalMemory",                   0x0000, "UINT:10:1" },
    { "ImageControlAreaOnRemovableMedia", 0x0000, "UINT:11:1" },
    { "Reserve",                          0x0000, "UINT:12:1" },
    { "Commit",                           0x0000, "UINT:13:1" },
    { "NoChange",                         0x0000, "UINT:14:1" },
    { "WasPurged",                        0x0000, "UINT:15:1" },
    { "UserReference",                    0x0000, "UINT:16:1" },
    { "GlobalMemory",                     0x0000, "UINT:17:1" },
    { "DeleteOnClose",                    0x0000, "UINT:18:1" },
    { "FilePointerNull",                  0x0000, "UINT:19:1" },
    { "PreferredNode",                    0x0000, "ULONG:20:7" },
    { "GlobalOnlyPerSession",             0x0000, "UINT:27:1" },
    { "UserWritable",                     0x0000, "UINT:28:1" },
    { "SystemVaAllocated",                0x0000, "UINT:29:1" },
    { "PreferredFsCompressionBoundary",   0x0000, "UINT:30:1" },
    { "PageSize64K",                      0x0000, "UINT:31:1" },
};

/* struct _MMSUBSECTION_FLAGS, 0x4 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef MMSUBSECTION_FLAGS_f[] = {
    { "SubsectionAccessed", 0x0000, "USHORT:0:1" },
    { "Protection",         0x0000, "USHORT:1:5" },
    { "StartingSector4132", 0x0000, "USHORT:6:10" },
    { "SubsectionStatic",   0x0002, "USHORT:0:1" },
    { "GlobalMemory",       0x0002, "USHORT:1:1" },
    { "Spare",              0x0002, "USHORT:2:1" },
    { "OnDereferenceList",  0x0002, "USHORT:3:1" },
    { "SectorEndOffset",    0x0002, "USHORT:4:12" },
};

/* union __unnamed_MMPTE_u, 0x8 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef unnamed_MMPTE_u_f[] = {
    { "Hard",         0x0000, "struct _MMPTE_HARDWARE" },
    { "List",         0x0000, "struct _MMPTE_LIST" },
    { "Long",         0x0000, "ULONGLONG" },
    { "Proto",        0x0000, "struct _MMPTE_PROTOTYPE" },
    { "Soft",         0x0000, "struct _MMPTE_SOFTWARE" },
    { "Subsect",      0x0000, "struct _MMPTE_SUBSECTION" },
    { "TimeStamp",    0x0000, "struct _MMPTE_TIMESTAMP" },
    { "Trans",        0x0000, "struct _MMPTE_TRANSITION" },
    { "VolatileLong", 0x0000, "ULONGLONG" },
};

/* struct _MMPTE, 0x8 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef MMPTE_f[] = {
    { "u",    0x0000, "union __unnamed_MMPTE_u" },
};

/* struct _MMPTE_HARDWARE, 0x8 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef MMPTE_HARDWARE_f[] = {
    { "Valid",               0x0000, "ULONGLONG:0:1" },
    { "Dirty1",              0x0000, "ULONGLONG:1:1" },
    { "Owner",               0x0000, "ULONGLONG:2:1" },
    { "WriteThrough",        0x0000, "ULONGLONG:3:1" },
    { "CacheDisable",        0x0000, "ULONGLONG:4:1" },
    { "Accessed",            0x0000, "ULONGLONG:5:1" },
    { "Dirty",               0x0000, "ULONGLONG:6:1" },
    { "LargePage",           0x0000, "ULONGLONG:7:1" },
    { "Global",              0x0000, "ULONGLONG:8:1" },
    { "CopyOnWrite",         0x0000, "ULONGLONG:9:1" },
    { "Unused",              0x0000, "ULONGLONG:10:1" },
    { "Write",               0x0000, "ULONGLONG:11:1" },
    { "PageFrameNumber",     0x0000, "ULONGLONG:12:40" },
    { "ReservedForSoftware", 0x0000, "ULONGLONG:52:4" },
    { "WsleAge",             0x0000, "ULONGLONG:56:4" },
    { "WsleProtection",      0x0000, "ULONGLONG:60:3" },
    { "NoExecute",           0x0000, "ULONGLONG:63:1" },
};

/* struct _MMPTE_PROTOTYPE, 0x8 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef MMPTE_PROTOTYPE_f[] = {
    { "Valid",                0x0000, "ULONGLONG:0:1" },
    { "DemandFillProto",      0x0000, "ULONGLONG:1:1" },
    { "HiberVerifyConverted", 0x0000, "ULONGLONG:2:1" },
    { "ReadOnly",             0x0000, "ULONGLONG:3:1" },
    { "SwizzleBit",           0x0000, "ULONGLONG:4:1" },
    { "Protection",           0x0000, "ULONGLONG:5:5" },
    { "Prototype",            0x0000, "ULONGLONG:10:1" },
    { "Combined",             0x0000, "ULONGLONG:11:1" },
    { "Unused1",              0x0000, "ULONGLONG:12:4" },
    { "ProtoAddress",         0x0000, "LONGLONG:16:48" },
};

/* struct _MMPTE_SOFTWARE, 0x8 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef MMPTE_SOFTWARE_f[] = {
    { "Valid",                0x0000, "ULONGLONG:0:1" },
    { "PageFileReserved",     0x0000, "ULONGLONG:1:1" },
    { "PageFileAllocated",    0x0000, "ULONGLONG:2:1" },
    { "ColdPage",             0x0000, "ULONGLONG:3:1" },
    { "SwizzleBit",           0x0000, "ULONGLONG:4:1" },
    { "Protection",           0x0000, "ULONGLONG:5:5" },
    { "Prototype",            0x0000, "ULONGLONG:10:1" },
    { "Transition",           0x0000, "ULONGLONG:11:1" },
    { "PageFileLow",          0x0000, "ULONGLONG:12:4" },
    { "UsedPageTableEntries", 0x0000, "ULONGLONG:16:10" },
    { "ShadowStack",          0x0000, "ULONGLONG:26:1" },
    { "OnStandbyLookaside",   0x0000, "ULONGLONG:27:1" },
    { "Unused",               0x0000, "ULONGLONG:28:4" },
    { "PageFileHigh",         0x0000, "ULONGLONG:32:32" },
};

/* struct _MMPTE_TIMESTAMP, 0x8 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef MMPTE_TIMESTAMP_f[] = {
    { "MustBeZero",      0x0000, "ULONGLONG:0:1" },
    { "Unused",          0x0000, "ULONGLONG:1:3" },
    { "SwizzleBit",      0x0000, "ULONGLONG:4:1" },
    { "Protection",      0x0000, "ULONGLONG:5:5" },
    { "Prototype",       0x0000, "ULONGLONG:10:1" },
    { "Transition",      0x0000, "ULONGLONG:11:1" },
    { "PageFileLow",     0x0000, "ULONGLONG:12:4" },
    { "Reserved",        0x0000, "ULONGLONG:16:16" },
    { "GlobalTimeStamp", 0x0000, "ULONGLONG:32:32" },
};

/* struct _MMPTE_TRANSITION, 0x8 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef MMPTE_TRANSITION_f[] = {
    { "Valid",              0x0000, "ULONGLONG:0:1" },
    { "Write",              0x0000, "ULONGLONG:1:1" },
    { "OnStandbyLookaside", 0x0000, "ULONGLONG:2:1" },
    { "IoTracker",          0x0000, "ULONGLONG:3:1" },
    { "SwizzleBit",         0x0000, "ULONGLONG:4:1" },
    { "Protection",         0x0000, "ULONGLONG:5:5" },
    { "Prototype",          0x0000, "ULONGLONG:10:1" },
    { "Transition",         0x0000, "ULONGLONG:11:1" },
    { "PageFrameNumber",    0x0000, "ULONGLONG:12:40" },
    { "Unused",             0x0000, "ULONGLONG:52:12" },
};

/* struct _MMPTE_SUBSECTION, 0x8 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef MMPTE_SUBSECTION_f[] = {
    { "Valid",              0x0000, "ULONGLONG:0:1" },
    { "Unused0",            0x0000, "ULONGLONG:1:2" },
    { "OnStandbyLookaside", 0x0000, "ULONGLONG:3:1" },
    { "SwizzleBit",         0x0000, "ULONGLONG:4:1" },
    { "Protection",         0x0000, "ULONGLONG:5:5" },
    { "Prototype",          0x0000, "ULONGLONG:10:1" },
    { "ColdPage",           0x0000, "ULONGLONG:11:1" },
    { "Unused2",            0x0000, "ULONGLONG:12:3" },
    { "ExecutePrivilege",   0x0000, "ULONGLONG:15:1" },
    { "SubsectionAddress",  0x0000, "LONGLONG:16:48" },
};

/* struct _MMPTE_LIST, 0x8 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef MMPTE_LIST_f[] = {
    { "Valid",      0x0000, "ULONGLONG:0:1" },
    { "OneEntry",   0x0000, "ULONGLONG:1:1" },
    { "filler0",    0x0000, "ULONGLONG:2:2" },
    { "SwizzleBit", 0x0000, "ULONGLONG:4:1" },
    { "Protection", 0x0000, "ULONGLONG:5:5" },
    { "Prototype",  0x0000, "ULONGLONG:10:1" },
    { "Transition", 0x0000, "ULONGLONG:11:1" },
    { "filler1",    0x0000, "ULONGLONG:12:16" },
    { "NextEntry",  0x0000, "ULONGLONG:28:36" },
};

/* union __unnamed_SECTION_u1, 0x8 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef unnamed_SECTION_u1_f[] = {
    { "ControlArea",           0x0000, "*struct _CONTROL_AREA" },
    { "FileObject",            0x0000, "*struct _FILE_OBJECT" },
    { "RemoteImageFileObject", 0x0000, "ULONGLONG:0:1" },
    { "RemoteDataFileObject",  0x0000, "ULONGLONG:1:1" },
};

/* struct _SECTION, 0x40 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef SECTION_f[] = {
    { "SectionNode",           0x0000, "struct _RTL_BALANCED_NODE" },
    { "StartingVpn",           0x0018, "ULONGLONG" },
    { "EndingVpn",             0x0020, "ULONGLONG" },
    { "u1",                    0x0028, "union __unnamed_SECTION_u1" },
    { "SizeOfSection",         0x0030, "ULONGLONG" },
    { "u",                     0x0038, "union __unnamed_CONTROL_AREA_u" },
    { "InitialPageProtection", 0x003c, "ULONG:0:12" },
    { "SessionId",             0x003c, "ULONG:12:19" },
    { "NoValidationNeeded",    0x003c, "ULONG:31:1" },
};

/* struct _MMSECTION_FLAGS2, 0x4 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef MMSECTION_FLAGS2_f[] = {
    { "PartitionId",                               0x0000, "USHORT:0:10" },
    { "NoCrossPartitionAccess",                    0x0002, "UCHAR:0:1" },
    { "SubsectionCrossPartitionReferenceOverflow", 0x0002, "UCHAR:1:1" },
    { "UsingFileExtents",                          0x0002, "UCHAR:2:2" },
};

/* union __unnamed_MM_SESSION_SPACE_u, 0x4 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef unnamed_MM_SESSION_SPACE_u_f[] = {
    { "Flags",     0x0000, "struct _MM_SESSION_SPACE_FLAGS" },
    { "LongFlags", 0x0000, "ULONG" },
};

/* struct _MM_SESSION_SPACE, 0x3c0 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout, leading fields only. No longer in the
 * 26100 PDB (EPROCESS.Session is a _PSP_SESSION_SPACE). Kept, leading fields
 * only, because Volatility casts EPROCESS.Session to _MM_SESSION_SPACE to
 * read SessionId.
 */
static const struct fdef MM_SESSION_SPACE_f[] = {
    { "ReferenceCount",            0x0000, "LONG" },
    { "u",                         0x0004, "union __unnamed_MM_SESSION_SPACE_u" },
    { "SessionId",                 0x0008, "ULONG" },
    { "ProcessReferenceToSession", 0x000c, "LONG" },
    { "ProcessList",               0x0010, "struct _LIST_ENTRY" },
    { "NonPagablePages",           0x0020, "ULONGLONG" },
    { "CommittedPages",            0x0028, "ULONGLONG" },
    { "PagedPoolStart",            0x0030, "*VOID" },
    { "PagedPoolEnd",              0x0038, "*VOID" },
    { "SessionObject",             0x0040, "*VOID" },
    { "SessionObjectHandle",       0x0048, "*VOID" },
    { "ImageTree",                 0x0050, "struct _RTL_AVL_TREE" },
    { "LocaleId",                  0x0058, "ULONG" },
    { "AttachCount",               0x005c, "ULONG" },
    { "WsListEntry",               0x0078, "struct _LIST_ENTRY" },
    { "Vm",                        0x00c0, "struct _MMSUPPORT_FULL" },
    { "CreateTime",                0x0378, "ULONGLONG" },
};

/* struct _PSP_SESSION_SPACE, 0x20 bytes. Source: approximation (see note).
 * The 26100 PDB names this type but gives no members. The prefix is that of
 * _MM_SESSION_SPACE (SessionId at +8, ProcessList at +0x10), which
 * volatility3 (EPROCESS.get_session_id fallback) and vmi-rs (WindowsSession)
 * both rely on for 24H2; the real size is unknown.
 */
static const struct fdef PSP_SESSION_SPACE_f[] = {
    { "ReferenceCount",            0x0000, "LONG" },
    { "Flags",                     0x0004, "ULONG" },
    { "SessionId",                 0x0008, "ULONG" },
    { "ProcessReferenceToSession", 0x000c, "LONG" },
    { "ProcessList",               0x0010, "struct _LIST_ENTRY" },
};

/* struct _MI_PROCESS_STATE, 0x48 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout (19041 has the same members at the same
 * offsets). ProcessList is the head of every EPROCESS.MmProcessLinks: the
 * memory manager's own list of processes (seed 001 names MmProcessLinks).
 */
static const struct fdef MI_PROCESS_STATE_f[] = {
    { "SystemDllBase",              0x0000, "*VOID" },
    { "ColorSeed",                  0x0008, "ULONG" },
    { "RotatingUniprocessorNumber", 0x000c, "LONG" },
    { "CriticalSectionTimeout",     0x0010, "union _LARGE_INTEGER" },
    { "ProcessList",                0x0018, "struct _LIST_ENTRY" },
    { "SharedUserDataPte",          0x0028, "*struct _MMPTE[2]" },
    { "HypervisorSharedVa",         0x0038, "*VOID" },
    { "VadSecureCookie",            0x0040, "ULONGLONG" },
};

/* struct _MI_SYSTEM_INFORMATION (the type of the kernel global MiState),
 * 0x50c0 bytes. Source: Windows 11 21H2 (10.0.22000.318) ntkrnlmp ISF
 * (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public complete layout;
 * only the member that leads to MmProcessLinks' list head is given.
 * The 26100 offset of Processes is not public: forged images follow this
 * profile, and for real captures a matching ISF file is preferred.
 */
static const struct fdef MI_SYSTEM_INFORMATION_f[] = {
    { "Processes",                  0x1600, "struct _MI_PROCESS_STATE" },
};

static const struct tdef memory_types[] = {
    TDEF(STRUCT, "_MI_PROCESS_STATE", 0x48, MI_PROCESS_STATE_f),
    TDEF(STRUCT, "_MI_SYSTEM_INFORMATION", 0x50c0, MI_SYSTEM_INFORMATION_f),
    TDEF(STRUCT, "_MMVAD_FLAGS", 0x4, MMVAD_FLAGS_f),
    TDEF(STRUCT, "_MM_PRIVATE_VAD_FLAGS", 0x4, MM_PRIVATE_VAD_FLAGS_f),
    TDEF(STRUCT, "_MM_GRAPHICS_VAD_FLAGS", 0x4, MM_GRAPHICS_VAD_FLAGS_f),
    TDEF(STRUCT, "_MM_SHARED_VAD_FLAGS", 0x4, MM_SHARED_VAD_FLAGS_f),
    TDEF(UNION, "__unnamed_MMVAD_SHORT_u", 0x4, unnamed_MMVAD_SHORT_u_f),
    TDEF(UNION, "__unnamed_MMVAD_SHORT_u5", 0x8, unnamed_MMVAD_SHORT_u5_f),
    TDEF(STRUCT, "_MMVAD_FLAGS1", 0x4, MMVAD_FLAGS1_f),
    TDEF(UNION, "__unnamed_MMVAD_SHORT_u1", 0x4, unnamed_MMVAD_SHORT_u1_f),
    TDEF(STRUCT, "_MMVAD_SHORT", 0x40, MMVAD_SHORT_f),
    TDEF(STRUCT, "_MMVAD_FLAGS2", 0x4, MMVAD_FLAGS2_f),
    TDEF(STRUCT, "_MI_VAD_SEQUENTIAL_INFO", 0x8, MI_VAD_SEQUENTIAL_INFO_f),
    TDEF(UNION, "__unnamed_MMVAD_u4", 0x8, unnamed_MMVAD_u4_f),
    TDEF(STRUCT, "_MMVAD", 0x88, MMVAD_f),
    TDEF(UNION, "__unnamed_CONTROL_AREA_u", 0x4, unnamed_CONTROL_AREA_u_f),
    TDEF(UNION, "__unnamed_CONTROL_AREA_u1", 0x4, unnamed_CONTROL_AREA_u1_f),
    TDEF(STRUCT, "__unnamed_CONTROL_AREA_u2_e2", 0x10, unnamed_CONTROL_AREA_u2_e2_f),
    TDEF(UNION, "__unnamed_CONTROL_AREA_u2", 0x10, unnamed_CONTROL_AREA_u2_f),
    TDEF(UNION, "__unnamed_CONTROL_AREA_u3", 0x8, unnamed_CONTROL_AREA_u3_f),
    TDEF(STRUCT, "_CONTROL_AREA", 0x80, CONTROL_AREA_f),
    TDEF(UNION, "__unnamed_SUBSECTION_u", 0x4, unnamed_SUBSECTION_u_f),
    TDEF(UNION, "__unnamed_SUBSECTION_u1", 0x4, unnamed_SUBSECTION_u1_f),
    TDEF(STRUCT, "_SUBSECTION", 0x38, SUBSECTION_f),
    TDEF(UNION, "__unnamed_SEGMENT_u1", 0x8, unnamed_SEGMENT_u1_f),
    TDEF(UNION, "__unnamed_SEGMENT_u2", 0x8, unnamed_SEGMENT_u2_f),
    TDEF(STRUCT, "_SEGMENT", 0x48, SEGMENT_f),
    TDEF(STRUCT, "_FILE_OBJECT", 0xd8, FILE_OBJECT_f),
    TDEF(STRUCT, "_SECTION_OBJECT_POINTERS", 0x18, SECTION_OBJECT_POINTERS_f),
    TDEF(STRUCT, "_MMSECTION_FLAGS", 0x4, MMSECTION_FLAGS_f),
    TDEF(STRUCT, "_MMSUBSECTION_FLAGS", 0x4, MMSUBSECTION_FLAGS_f),
    TDEF(UNION, "__unnamed_MMPTE_u", 0x8, unnamed_MMPTE_u_f),
    TDEF(STRUCT, "_MMPTE", 0x8, MMPTE_f),
    TDEF(STRUCT, "_MMPTE_HARDWARE", 0x8, MMPTE_HARDWARE_f),
    TDEF(STRUCT, "_MMPTE_PROTOTYPE", 0x8, MMPTE_PROTOTYPE_f),
    TDEF(STRUCT, "_MMPTE_SOFTWARE", 0x8, MMPTE_SOFTWARE_f),
    TDEF(STRUCT, "_MMPTE_TIMESTAMP", 0x8, MMPTE_TIMESTAMP_f),
    TDEF(STRUCT, "_MMPTE_TRANSITION", 0x8, MMPTE_TRANSITION_f),
    TDEF(STRUCT, "_MMPTE_SUBSECTION", 0x8, MMPTE_SUBSECTION_f),
    TDEF(STRUCT, "_MMPTE_LIST", 0x8, MMPTE_LIST_f),
    TDEF(UNION, "__unnamed_SECTION_u1", 0x8, unnamed_SECTION_u1_f),
    TDEF(STRUCT, "_SECTION", 0x40, SECTION_f),
    TDEF(STRUCT, "_MMSECTION_FLAGS2", 0x4, MMSECTION_FLAGS2_f),
    TDEF(UNION, "__unnamed_MM_SESSION_SPACE_u", 0x4, unnamed_MM_SESSION_SPACE_u_f),
    TDEF(STRUCT, "_MM_SESSION_SPACE", 0x3c0, MM_SESSION_SPACE_f),
    TDEF(STRUCT, "_PSP_SESSION_SPACE", 0x20, PSP_SESSION_SPACE_f),
};

/* ======== Object manager, pool and handle tables ======== */

/* struct _QUAD, 0x8 bytes. Source: Windows 11 21H2 (10.0.22000.318) ntkrnlmp
 * ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public complete
 * layout.
 */
static const struct fdef QUAD_f[] = {
    { "DoNotUseThisField",  0x0000, "DOUBLE" },
    { "UseThisFieldToCopy", 0x0000, "LONGLONG" },
};

/* struct _OBJECT_HEADER, 0x38 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef OBJECT_HEADER_f[] = {
    { "PointerCount",         0x0000, "LONGLONG" },
    { "HandleCount",          0x0008, "LONGLONG" },
    { "NextToFree",           0x0008, "*VOID" },
    { "Lock",                 0x0010, "struct _EX_PUSH_LOCK" },
    { "TypeIndex",            0x0018, "UCHAR" },
    { "TraceFlags",           0x0019, "UCHAR" },
    { "DbgRefTrace",          0x0019, "UCHAR:0:1" },
    { "DbgTracePermanent",    0x0019, "UCHAR:1:1" },
    { "InfoMask",             0x001a, "UCHAR" },
    { "Flags",                0x001b, "UCHAR" },
    { "NewObject",            0x001b, "UCHAR:0:1" },
    { "KernelObject",         0x001b, "UCHAR:1:1" },
    { "KernelOnlyAccess",     0x001b, "UCHAR:2:1" },
    { "ExclusiveObject",      0x001b, "UCHAR:3:1" },
    { "PermanentObject",      0x001b, "UCHAR:4:1" },
    { "DefaultSecurityQuota", 0x001b, "UCHAR:5:1" },
    { "SingleHandleEntry",    0x001b, "UCHAR:6:1" },
    { "DeletedInline",        0x001b, "UCHAR:7:1" },
    { "Reserved",             0x001c, "ULONG" },
    { "ObjectCreateInfo",     0x0020, "*struct _OBJECT_CREATE_INFORMATION" },
    { "QuotaBlockCharged",    0x0020, "*VOID" },
    { "SecurityDescriptor",   0x0028, "*VOID" },
    { "Body",                 0x0030, "struct _QUAD" },
};

/* struct _OBJECT_HEADER_CREATOR_INFO, 0x20 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef OBJECT_HEADER_CREATOR_INFO_f[] = {
    { "TypeList",              0x0000, "struct _LIST_ENTRY" },
    { "CreatorUniqueProcess",  0x0010, "*VOID" },
    { "CreatorBackTraceIndex", 0x0018, "USHORT" },
    { "Reserved1",             0x001a, "USHORT" },
    { "Reserved2",             0x001c, "ULONG" },
};

/* struct _OBJECT_HEADER_NAME_INFO, 0x20 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef OBJECT_HEADER_NAME_INFO_f[] = {
    { "Directory",      0x0000, "*struct _OBJECT_DIRECTORY" },
    { "Name",           0x0008, "struct _UNICODE_STRING" },
    { "ReferenceCount", 0x0018, "LONG" },
    { "Reserved",       0x001c, "ULONG" },
};

/* struct _OBJECT_HEADER_HANDLE_INFO, 0x10 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef OBJECT_HEADER_HANDLE_INFO_f[] = {
    { "HandleCountDataBase", 0x0000, "*struct _OBJECT_HANDLE_COUNT_DATABASE" },
    { "SingleEntry",         0x0000, "struct _OBJECT_HANDLE_COUNT_ENTRY" },
};

/* struct _OBJECT_HANDLE_COUNT_ENTRY, 0x10 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef OBJECT_HANDLE_COUNT_ENTRY_f[] = {
    { "Process",     0x0000, "*struct _EPROCESS" },
    { "HandleCount", 0x0008, "ULONG:0:24" },
    { "LockCount",   0x0008, "ULONG:24:8" },
};

/* struct _OBJECT_HEADER_QUOTA_INFO, 0x20 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef OBJECT_HEADER_QUOTA_INFO_f[] = {
    { "PagedPoolCharge",              0x0000, "ULONG" },
    { "NonPagedPoolCharge",           0x0004, "ULONG" },
    { "SecurityDescriptorCharge",     0x0008, "ULONG" },
    { "Reserved1",                    0x000c, "ULONG" },
    { "SecurityDescriptorQuotaBlock", 0x0010, "*VOID" },
    { "Reserved2",                    0x0018, "ULONGLONG" },
};

/* struct _OBJECT_HEADER_PROCESS_INFO, 0x10 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef OBJECT_HEADER_PROCESS_INFO_f[] = {
    { "ExclusiveProcess", 0x0000, "*struct _EPROCESS" },
    { "Reserved",         0x0008, "ULONGLONG" },
};

/* struct _OBJECT_HEADER_AUDIT_INFO, 0x10 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef OBJECT_HEADER_AUDIT_INFO_f[] = {
    { "SecurityDescriptor", 0x0000, "*VOID" },
    { "Reserved",           0x0008, "ULONGLONG" },
};

/* struct _OBJECT_HEADER_EXTENDED_INFO, 0x10 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef OBJECT_HEADER_EXTENDED_INFO_f[] = {
    { "Footer",   0x0000, "*struct _OBJECT_FOOTER" },
    { "Reserved", 0x0008, "ULONGLONG" },
};

/* struct _OBJECT_HEADER_PADDING_INFO, 0x4 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef OBJECT_HEADER_PADDING_INFO_f[] = {
    { "PaddingAmount", 0x0000, "ULONG" },
};

/* struct _OBJECT_TYPE, 0xd8 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef OBJECT_TYPE_f[] = {
    { "TypeList",                 0x0000, "struct _LIST_ENTRY" },
    { "Name",                     0x0010, "struct _UNICODE_STRING" },
    { "DefaultObject",            0x0020, "*VOID" },
    { "Index",                    0x0028, "UCHAR" },
    { "TotalNumberOfObjects",     0x002c, "ULONG" },
    { "TotalNumberOfHandles",     0x0030, "ULONG" },
    { "HighWaterNumberOfObjects", 0x0034, "ULONG" },
    { "HighWaterNumberOfHandles", 0x0038, "ULONG" },
    { "TypeInfo",                 0x0040, "struct _OBJECT_TYPE_INITIALIZER" },
    { "TypeLock",                 0x00b8, "struct _EX_PUSH_LOCK" },
    { "Key",                      0x00c0, "ULONG" },
    { "CallbackList",             0x00c8, "struct _LIST_ENTRY" },
};

/* struct _OBJECT_TYPE_INITIALIZER, 0x78 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef OBJECT_TYPE_INITIALIZER_f[] = {
    { "Length",                    0x0000, "USHORT" },
    { "ObjectTypeFlags",           0x0002, "USHORT" },
    { "CaseInsensitive",           0x0002, "UCHAR:0:1" },
    { "UnnamedObjectsOnly",        0x0002, "UCHAR:1:1" },
    { "UseDefaultObject",          0x0002, "UCHAR:2:1" },
    { "SecurityRequired",          0x0002, "UCHAR:3:1" },
    { "MaintainHandleCount",       0x0002, "UCHAR:4:1" },
    { "MaintainTypeList",          0x0002, "UCHAR:5:1" },
    { "SupportsObjectCallbacks",   0x0002, "UCHAR:6:1" },
    { "CacheAligned",              0x0002, "UCHAR:7:1" },
    { "UseExtendedParameters",     0x0003, "UCHAR:0:1" },
    { "Reserved",                  0x0003, "UCHAR:1:7" },
    { "ObjectTypeCode",            0x0004, "ULONG" },
    { "InvalidAttributes",         0x0008, "ULONG" },
    { "GenericMapping",            0x000c, "struct _GENERIC_MAPPING" },
    { "ValidAccessMask",           0x001c, "ULONG" },
    { "RetainAccess",              0x0020, "ULONG" },
    { "PoolType",                  0x0024, "enum _POOL_TYPE" },
    { "DefaultPagedPoolCharge",    0x0028, "ULONG" },
    { "DefaultNonPagedPoolCharge", 0x002c, "ULONG" },
    { "DumpProcedure",             0x0030, "*VOID" },
    { "OpenProcedure",             0x0038, "*VOID" },
    { "CloseProcedure",            0x0040, "*VOID" },
    { "DeleteProcedure",           0x0048, "*VOID" },
    { "ParseProcedure",            0x0050, "*VOID" },
    { "ParseProcedureEx",          0x0050, "*VOID" },
    { "SecurityProcedure",         0x0058, "*VOID" },
    { "QueryNameProcedure",        0x0060, "*VOID" },
    { "OkayToCloseProcedure",      0x0068, "*VOID" },
    { "WaitObjectFlagMask",        0x0070, "ULONG" },
    { "WaitObjectFlagOffset",      0x0074, "USHORT" },
    { "WaitObjectPointerOffset",   0x0076, "USHORT" },
};

/* struct _OBJECT_DIRECTORY, 0x158 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef OBJECT_DIRECTORY_f[] = {
    { "HashBuckets",     0x0000, "*struct _OBJECT_DIRECTORY_ENTRY[37]" },
    { "Lock",            0x0128, "struct _EX_PUSH_LOCK" },
    { "DeviceMap",       0x0130, "*struct _DEVICE_MAP" },
    { "ShadowDirectory", 0x0138, "*struct _OBJECT_DIRECTORY" },
    { "NamespaceEntry",  0x0140, "*VOID" },
    { "SessionObject",   0x0148, "*VOID" },
    { "Flags",           0x0150, "ULONG" },
    { "SessionId",       0x0154, "ULONG" },
};

/* struct _OBJECT_DIRECTORY_ENTRY, 0x18 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef OBJECT_DIRECTORY_ENTRY_f[] = {
    { "ChainLink", 0x0000, "*struct _OBJECT_DIRECTORY_ENTRY" },
    { "Object",    0x0008, "*VOID" },
    { "HashValue", 0x0010, "ULONG" },
};

/* struct _OBJECT_NAME_INFORMATION, 0x10 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef OBJECT_NAME_INFORMATION_f[] = {
    { "Name", 0x0000, "struct _UNICODE_STRING" },
};

/* struct _OBJECT_SYMBOLIC_LINK, 0x28 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef OBJECT_SYMBOLIC_LINK_f[] = {
    { "CreationTime",        0x0000, "union _LARGE_INTEGER" },
    { "Callback",            0x0008, "*VOID" },
    { "LinkTarget",          0x0008, "struct _UNICODE_STRING" },
    { "CallbackContext",     0x0010, "*VOID" },
    { "DosDeviceDriveIndex", 0x0018, "ULONG" },
    { "Flags",               0x001c, "ULONG" },
    { "AccessMask",          0x0020, "ULONG" },
    { "IntegrityLevel",      0x0024, "ULONG" },
};

/* struct _POOL_HEADER, 0x10 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef POOL_HEADER_f[] = {
    { "Ulong1",                  0x0000, "ULONG" },
    { "PreviousSize",            0x0000, "USHORT:0:8" },
    { "PoolIndex",               0x0000, "USHORT:8:8" },
    { "BlockSize",               0x0002, "USHORT:0:8" },
    { "PoolType",                0x0002, "USHORT:8:8" },
    { "PoolTag",                 0x0004, "ULONG" },
    { "AllocatorBackTraceIndex", 0x0008, "USHORT" },
    { "ProcessBilled",           0x0008, "*struct _EPROCESS" },
    { "PoolTagHash",             0x000a, "USHORT" },
};

/* struct _POOL_TRACKER_BIG_PAGES, 0x20 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef POOL_TRACKER_BIG_PAGES_f[] = {
    { "Va",            0x0000, "ULONGLONG" },
    { "Key",           0x0008, "ULONG" },
    { "Pattern",       0x000c, "ULONG:0:8" },
    { "PoolType",      0x000c, "ULONG:8:12" },
    { "SlushSize",     0x000c, "ULONG:20:12" },
    { "NumberOfBytes", 0x0010, "ULONGLONG" },
    { "ProcessBilled", 0x0018, "*struct _EPROCESS" },
};

/* struct _HANDLE_TABLE, 0x80 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef HANDLE_TABLE_f[] = {
    { "NextHandleNeedingPool",                0x0000, "ULONG" },
    { "ExtraInfoPages",                       0x0004, "LONG" },
    { "TableCode",                            0x0008, "ULONGLONG" },
    { "QuotaProcess",                         0x0010, "*struct _EPROCESS" },
    { "HandleTableList",                      0x0018, "struct _LIST_ENTRY" },
    { "UniqueProcessId",                      0x0028, "ULONG" },
    { "Flags",                                0x002c, "ULONG" },
    { "StrictFIFO",                           0x002c, "UCHAR:0:1" },
    { "EnableHandleExceptions",               0x002c, "UCHAR:1:1" },
    { "Rundown",                              0x002c, "UCHAR:2:1" },
    { "Duplicated",                           0x002c, "UCHAR:3:1" },
    { "RaiseUMExceptionOnInvalidHandleClose", 0x002c, "UCHAR:4:1" },
    { "HandleContentionEvent",                0x0030, "struct _EX_PUSH_LOCK" },
    { "HandleTableLock",                      0x0038, "struct _EX_PUSH_LOCK" },
    { "ActualEntry",                          0x0040, "UCHAR[32]" },
    { "FreeLists",                            0x0040, "struct _HANDLE_TABLE_FREE_LIST[1]" },
    { "DebugInfo",                            0x0060, "*struct _HANDLE_TRACE_DEBUG_INFO" },
};

/* union _HANDLE_TABLE_ENTRY, 0x10 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef HANDLE_TABLE_ENTRY_f[] = {
    { "InfoTable",           0x0000, "*struct _HANDLE_TABLE_ENTRY_INFO" },
    { "LowValue",            0x0000, "LONGLONG" },
    { "RefCountField",       0x0000, "LONGLONG" },
    { "VolatileLowValue",    0x0000, "LONGLONG" },
    { "Unlocked",            0x0000, "ULONGLONG:0:1" },
    { "RefCnt",              0x0000, "ULONGLONG:1:16" },
    { "Attributes",          0x0000, "ULONGLONG:17:3" },
    { "ObjectPointerBits",   0x0000, "ULONGLONG:20:44" },
    { "HighValue",           0x0008, "LONGLONG" },
    { "LeafHandleValue",     0x0008, "struct _EXHANDLE" },
    { "NextFreeHandleEntry", 0x0008, "*union _HANDLE_TABLE_ENTRY" },
    { "GrantedAccessBits",   0x0008, "ULONG:0:25" },
    { "NoRightsUpgrade",     0x0008, "ULONG:25:1" },
    { "Spare1",              0x0008, "ULONG:26:6" },
    { "Spare2",              0x000c, "ULONG" },
};

/* struct _HANDLE_TABLE_FREE_LIST, 0x40 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef HANDLE_TABLE_FREE_LIST_f[] = {
    { "FreeListLock",         0x0000, "struct _EX_PUSH_LOCK" },
    { "FirstFreeHandleEntry", 0x0008, "*union _HANDLE_TABLE_ENTRY" },
    { "LastFreeHandleEntry",  0x0010, "*union _HANDLE_TABLE_ENTRY" },
    { "HandleCount",          0x0018, "LONG" },
    { "HighWaterMark",        0x001c, "ULONG" },
};

/* struct _HANDLE_TABLE_ENTRY_INFO, 0x8 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef HANDLE_TABLE_ENTRY_INFO_f[] = {
    { "AuditMask",             0x0000, "ULONG" },
    { "MaxRelativeAccessMask", 0x0004, "ULONG" },
};

/* struct _EXHANDLE, 0x8 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef EXHANDLE_f[] = {
    { "GenericHandleOverlay", 0x0000, "*VOID" },
    { "Value",                0x0000, "ULONGLONG" },
    { "TagBits",              0x0000, "ULONG:0:2" },
    { "Index",                0x0000, "ULONG:2:30" },
};

/* union __unnamed_DEVICE_OBJECT_Queue, 0x48 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef unnamed_DEVICE_OBJECT_Queue_f[] = {
    { "ListEntry", 0x0000, "struct _LIST_ENTRY" },
    { "Wcb",       0x0000, "struct _WAIT_CONTEXT_BLOCK" },
};

/* struct _DEVICE_OBJECT, 0x150 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef DEVICE_OBJECT_f[] = {
    { "Type",                  0x0000, "SHORT" },
    { "Size",                  0x0002, "USHORT" },
    { "ReferenceCount",        0x0004, "LONG" },
    { "DriverObject",          0x0008, "*struct _DRIVER_OBJECT" },
    { "NextDevice",            0x0010, "*struct _DEVICE_OBJECT" },
    { "AttachedDevice",        0x0018, "*struct _DEVICE_OBJECT" },
    { "CurrentIrp",            0x0020, "*struct _IRP" },
    { "Timer",                 0x0028, "*struct _IO_TIMER" },
    { "Flags",                 0x0030, "ULONG" },
    { "Characteristics",       0x0034, "ULONG" },
    { "Vpb",                   0x0038, "*struct _VPB" },
    { "DeviceExtension",       0x0040, "*VOID" },
    { "DeviceType",            0x0048, "ULONG" },
    { "StackSize",             0x004c, "CHAR" },
    { "Queue",                 0x0050, "union __unnamed_DEVICE_OBJECT_Queue" },
    { "AlignmentRequirement",  0x0098, "ULONG" },
    { "DeviceQueue",           0x00a0, "struct _KDEVICE_QUEUE" },
    { "Dpc",                   0x00c8, "struct _KDPC" },
    { "ActiveThreadCount",     0x0108, "ULONG" },
    { "SecurityDescriptor",    0x0110, "*VOID" },
    { "DeviceLock",            0x0118, "struct _KEVENT" },
    { "SectorSize",            0x0130, "USHORT" },
    { "Spare1",                0x0132, "USHORT" },
    { "DeviceObjectExtension", 0x0138, "*struct _DEVOBJ_EXTENSION" },
    { "Reserved",              0x0140, "*VOID" },
};

/* struct _DRIVER_OBJECT, 0x150 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef DRIVER_OBJECT_f[] = {
    { "Type",             0x0000, "SHORT" },
    { "Size",             0x0002, "SHORT" },
    { "DeviceObject",     0x0008, "*struct _DEVICE_OBJECT" },
    { "Flags",            0x0010, "ULONG" },
    { "DriverStart",      0x0018, "*VOID" },
    { "DriverSize",       0x0020, "ULONG" },
    { "DriverSection",    0x0028, "*VOID" },
    { "DriverExtension",  0x0030, "*struct _DRIVER_EXTENSION" },
    { "DriverName",       0x0038, "struct _UNICODE_STRING" },
    { "HardwareDatabase", 0x0048, "*struct _UNICODE_STRING" },
    { "FastIoDispatch",   0x0050, "*struct _FAST_IO_DISPATCH" },
    { "DriverInit",       0x0058, "*VOID" },
    { "DriverStartIo",    0x0060, "*VOID" },
    { "DriverUnload",     0x0068, "*VOID" },
    { "MajorFunction",    0x0070, "*VOID[28]" },
};

/* union _KQOS_GROUPING_SETS, 0x10 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef KQOS_GROUPING_SETS_f[] = {
    { "SingleCoreSet", 0x0000, "ULONGLONG" },
    { "SmtSet",        0x0008, "ULONGLONG" },
};

/* struct _KMUTANT, 0x38 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef KMUTANT_f[] = {
    { "Header",          0x0000, "struct _DISPATCHER_HEADER" },
    { "MutantListEntry", 0x0018, "struct _LIST_ENTRY" },
    { "OwnerThread",     0x0028, "*struct _KTHREAD" },
    { "MutantFlags",     0x0030, "UCHAR" },
    { "Abandoned",       0x0030, "UCHAR:0:1" },
    { "Abandoned2",      0x0030, "UCHAR:0:1" },
    { "AbEnabled",       0x0030, "UCHAR:1:1" },
    { "Spare1",          0x0030, "UCHAR:1:7" },
    { "Spare2",          0x0030, "UCHAR:2:6" },
    { "ApcDisable",      0x0031, "UCHAR" },
};

/* struct _ERESOURCE, 0x68 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef ERESOURCE_f[] = {
    { "SystemResourcesList",      0x0000, "struct _LIST_ENTRY" },
    { "OwnerTable",               0x0010, "*struct _OWNER_ENTRY" },
    { "ActiveCount",              0x0018, "SHORT" },
    { "Flag",                     0x001a, "USHORT" },
    { "ReservedLowFlags",         0x001a, "UCHAR" },
    { "WaiterPriority",           0x001b, "UCHAR" },
    { "SharedWaiters",            0x0020, "*VOID" },
    { "ExclusiveWaiters",         0x0028, "*VOID" },
    { "OwnerEntry",               0x0030, "struct _OWNER_ENTRY" },
    { "ActiveEntries",            0x0040, "ULONG" },
    { "ContentionCount",          0x0044, "ULONG" },
    { "NumberOfSharedWaiters",    0x0048, "ULONG" },
    { "NumberOfExclusiveWaiters", 0x004c, "ULONG" },
    { "Reserved2",                0x0050, "*VOID" },
    { "Address",                  0x0058, "*VOID" },
    { "CreatorBackTraceIndex",    0x0058, "ULONGLONG" },
    { "SpinLock",                 0x0060, "ULONGLONG" },
};

/* union __unnamed_VACB_Overlay, 0x10 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef unnamed_VACB_Overlay_f[] = {
    { "ActiveCount", 0x0000, "USHORT" },
    { "FileOffset",  0x0000, "union _LARGE_INTEGER" },
    { "Links",       0x0000, "struct _LIST_ENTRY" },
};

/* struct _VACB, 0x28 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef VACB_f[] = {
    { "BaseAddress",    0x0000, "*VOID" },
    { "SharedCacheMap", 0x0008, "*struct _SHARED_CACHE_MAP" },
    { "Overlay",        0x0010, "union __unnamed_VACB_Overlay" },
    { "ArrayHead",      0x0020, "*struct _VACB_ARRAY_HEADER" },
};

static const struct tdef object_types[] = {
    TDEF(STRUCT, "_QUAD", 0x8, QUAD_f),
    TDEF(STRUCT, "_OBJECT_HEADER", 0x38, OBJECT_HEADER_f),
    TDEF(STRUCT, "_OBJECT_HEADER_CREATOR_INFO", 0x20, OBJECT_HEADER_CREATOR_INFO_f),
    TDEF(STRUCT, "_OBJECT_HEADER_NAME_INFO", 0x20, OBJECT_HEADER_NAME_INFO_f),
    TDEF(STRUCT, "_OBJECT_HEADER_HANDLE_INFO", 0x10, OBJECT_HEADER_HANDLE_INFO_f),
    TDEF(STRUCT, "_OBJECT_HANDLE_COUNT_ENTRY", 0x10, OBJECT_HANDLE_COUNT_ENTRY_f),
    TDEF(STRUCT, "_OBJECT_HEADER_QUOTA_INFO", 0x20, OBJECT_HEADER_QUOTA_INFO_f),
    TDEF(STRUCT, "_OBJECT_HEADER_PROCESS_INFO", 0x10, OBJECT_HEADER_PROCESS_INFO_f),
    TDEF(STRUCT, "_OBJECT_HEADER_AUDIT_INFO", 0x10, OBJECT_HEADER_AUDIT_INFO_f),
    TDEF(STRUCT, "_OBJECT_HEADER_EXTENDED_INFO", 0x10, OBJECT_HEADER_EXTENDED_INFO_f),
    TDEF(STRUCT, "_OBJECT_HEADER_PADDING_INFO", 0x4, OBJECT_HEADER_PADDING_INFO_f),
    TDEF(STRUCT, "_OBJECT_TYPE", 0xd8, OBJECT_TYPE_f),
    TDEF(STRUCT, "_OBJECT_TYPE_INITIALIZER", 0x78, OBJECT_TYPE_INITIALIZER_f),
    TDEF(STRUCT, "_OBJECT_DIRECTORY", 0x158, OBJECT_DIRECTORY_f),
    TDEF(STRUCT, "_OBJECT_DIRECTORY_ENTRY", 0x18, OBJECT_DIRECTORY_ENTRY_f),
    TDEF(STRUCT, "_OBJECT_NAME_INFORMATION", 0x10, OBJECT_NAME_INFORMATION_f),
    TDEF(STRUCT, "_OBJECT_SYMBOLIC_LINK", 0x28, OBJECT_SYMBOLIC_LINK_f),
    TDEF(STRUCT, "_POOL_HEADER", 0x10, POOL_HEADER_f),
    TDEF(STRUCT, "_POOL_TRACKER_BIG_PAGES", 0x20, POOL_TRACKER_BIG_PAGES_f),
    TDEF(STRUCT, "_HANDLE_TABLE", 0x80, HANDLE_TABLE_f),
    TDEF(UNION, "_HANDLE_TABLE_ENTRY", 0x10, HANDLE_TABLE_ENTRY_f),
    TDEF(STRUCT, "_HANDLE_TABLE_FREE_LIST", 0x40, HANDLE_TABLE_FREE_LIST_f),
    TDEF(STRUCT, "_HANDLE_TABLE_ENTRY_INFO", 0x8, HANDLE_TABLE_ENTRY_INFO_f),
    TDEF(STRUCT, "_EXHANDLE", 0x8, EXHANDLE_f),
    TDEF(UNION, "__unnamed_DEVICE_OBJECT_Queue", 0x48, unnamed_DEVICE_OBJECT_Queue_f),
    TDEF(STRUCT, "_DEVICE_OBJECT", 0x150, DEVICE_OBJECT_f),
    TDEF(STRUCT, "_DRIVER_OBJECT", 0x150, DRIVER_OBJECT_f),
    TDEF(UNION, "_KQOS_GROUPING_SETS", 0x10, KQOS_GROUPING_SETS_f),
    TDEF(STRUCT, "_KMUTANT", 0x38, KMUTANT_f),
    TDEF(STRUCT, "_ERESOURCE", 0x68, ERESOURCE_f),
    TDEF(UNION, "__unnamed_VACB_Overlay", 0x10, unnamed_VACB_Overlay_f),
    TDEF(STRUCT, "_VACB", 0x28, VACB_f),
};

/* ======== Configuration manager: key objects and the hive list ========
 * What handles (key names) and getsids (CmpHiveListHead) read: a Key
 * handle's body is a _CM_KEY_BODY whose key control block chain
 * (ParentKcb, NameBlock) spells the key's path; the loaded hives hang off
 * CmpHiveListHead through _CMHIVE.HiveList.  Only the members those
 * readers use are given (the rest of each type is left out, as the
 * opaque types below are); sizes and offsets of the given members are the
 * 22000 ones. */

/* struct _CM_KEY_BODY, 0x70 bytes (first members). Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.  No Trans member: Volatility skips the
 * KEY_HIVE_ENTRY path element only when it exists, and the forge's key
 * control blocks have none.
 */
static const struct fdef CM_KEY_BODY_f[] = {
    { "Type",            0x0000, "ULONG" },
    { "KeyControlBlock", 0x0008, "*struct _CM_KEY_CONTROL_BLOCK" },
    { "NotifyBlock",     0x0010, "*struct _CM_NOTIFY_BLOCK" },
    { "ProcessID",       0x0018, "*VOID" },
    { "KeyBodyList",     0x0020, "struct _LIST_ENTRY" },
};

/* struct _CM_KEY_CONTROL_BLOCK, 0x138 bytes (the members that name a key
 * and its hive, and the flags Volatility reads while spelling the name). Source: Windows 11 21H2 (10.0.22000.318) ntkrnlmp ISF
 * (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public complete layout.
 */
static const struct fdef CM_KEY_CONTROL_BLOCK_f[] = {
    { "RefCount",  0x0000, "ULONGLONG" },
    { "KeyHive",   0x0020, "*struct _HHIVE" },
    { "KeyCell",   0x0028, "ULONG" },
    { "ParentKcb", 0x0048, "*struct _CM_KEY_CONTROL_BLOCK" },
    { "NameBlock", 0x0050, "*struct _CM_NAME_CONTROL_BLOCK" },
    { "Flags",     0x00b8, "ULONG:16:16" },
};

/* struct _CM_NAME_CONTROL_BLOCK, 0x20 bytes. Name is NameLength bytes of
 * ASCII when Compressed is set, else UTF-16. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout (ConvKey/NameHash/NextHash left out).
 */
static const struct fdef CM_NAME_CONTROL_BLOCK_f[] = {
    { "Compressed", 0x0000, "ULONG:0:1" },
    { "RefCount",   0x0000, "ULONG:1:31" },
    { "NameLength", 0x0018, "USHORT" },
    { "Name",       0x001a, "WCHAR[1]" },
};

/* struct _HHIVE, 0x608 bytes (its signature only: 0xbee0bee0 marks a
 * valid hive). Source: Windows 11 21H2 (10.0.22000.318) ntkrnlmp ISF
 * (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public complete layout.
 */
static const struct fdef HHIVE_f[] = {
    { "Signature", 0x0000, "ULONG" },
};

/* struct _CMHIVE, 0x12d8 bytes (the hive, its link in CmpHiveListHead and
 * the names Volatility shows). Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef CMHIVE_f[] = {
    { "Hive",         0x0000, "struct _HHIVE" },
    { "HiveList",     0x0648, "struct _LIST_ENTRY" },
    { "FileFullPath", 0x0720, "struct _UNICODE_STRING" },
    { "FileUserName", 0x0730, "struct _UNICODE_STRING" },
    { "HiveRootPath", 0x0740, "struct _UNICODE_STRING" },
};

static const struct tdef registry_types[] = {
    TDEF(STRUCT, "_CM_KEY_BODY", 0x70, CM_KEY_BODY_f),
    TDEF(STRUCT, "_CM_KEY_CONTROL_BLOCK", 0x138, CM_KEY_CONTROL_BLOCK_f),
    TDEF(STRUCT, "_CM_NAME_CONTROL_BLOCK", 0x20, CM_NAME_CONTROL_BLOCK_f),
    TDEF(STRUCT, "_HHIVE", 0x608, HHIVE_f),
    TDEF(STRUCT, "_CMHIVE", 0x12d8, CMHIVE_f),
};

/* ======== Security: tokens, SIDs, privileges ======== */

/* struct _GUID, 0x10 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef GUID_f[] = {
    { "Data1", 0x0000, "ULONG" },
    { "Data2", 0x0004, "USHORT" },
    { "Data3", 0x0006, "USHORT" },
    { "Data4", 0x0008, "UCHAR[8]" },
};

/* struct _TOKEN, 0x498 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef TOKEN_f[] = {
    { "TokenSource",              0x0000, "struct _TOKEN_SOURCE" },
    { "TokenId",                  0x0010, "struct _LUID" },
    { "AuthenticationId",         0x0018, "struct _LUID" },
    { "ParentTokenId",            0x0020, "struct _LUID" },
    { "ExpirationTime",           0x0028, "union _LARGE_INTEGER" },
    { "TokenLock",                0x0030, "*struct _ERESOURCE" },
    { "ModifiedId",               0x0038, "struct _LUID" },
    { "Privileges",               0x0040, "struct _SEP_TOKEN_PRIVILEGES" },
    { "AuditPolicy",              0x0058, "struct _SEP_AUDIT_POLICY" },
    { "SessionId",                0x0078, "ULONG" },
    { "UserAndGroupCount",        0x007c, "ULONG" },
    { "RestrictedSidCount",       0x0080, "ULONG" },
    { "VariableLength",           0x0084, "ULONG" },
    { "DynamicCharged",           0x0088, "ULONG" },
    { "DynamicAvailable",         0x008c, "ULONG" },
    { "DefaultOwnerIndex",        0x0090, "ULONG" },
    { "UserAndGroups",            0x0098, "*struct _SID_AND_ATTRIBUTES" },
    { "RestrictedSids",           0x00a0, "*struct _SID_AND_ATTRIBUTES" },
    { "PrimaryGroup",             0x00a8, "*VOID" },
    { "DynamicPart",              0x00b0, "*ULONG" },
    { "DefaultDacl",              0x00b8, "*struct _ACL" },
    { "TokenType",                0x00c0, "enum _TOKEN_TYPE" },
    { "ImpersonationLevel",       0x00c4, "enum _SECURITY_IMPERSONATION_LEVEL" },
    { "TokenFlags",               0x00c8, "ULONG" },
    { "TokenInUse",               0x00cc, "UCHAR" },
    { "IntegrityLevelIndex",      0x00d0, "ULONG" },
    { "MandatoryPolicy",          0x00d4, "ULONG" },
    { "LogonSession",             0x00d8, "*struct _SEP_LOGON_SESSION_REFERENCES" },
    { "OriginatingLogonSession",  0x00e0, "struct _LUID" },
    { "SidHash",                  0x00e8, "struct _SID_AND_ATTRIBUTES_HASH" },
    { "RestrictedSidHash",        0x01f8, "struct _SID_AND_ATTRIBUTES_HASH" },
    { "pSecurityAttributes",      0x0308, "*struct _AUTHZBASEP_SECURITY_ATTRIBUTES_INFORMATION" },
    { "Package",                  0x0310, "*VOID" },
    { "Capabilities",             0x0318, "*struct _SID_AND_ATTRIBUTES" },
    { "CapabilityCount",          0x0320, "ULONG" },
    { "CapabilitiesHash",         0x0328, "struct _SID_AND_ATTRIBUTES_HASH" },
    { "LowboxNumberEntry",        0x0438, "*struct _SEP_LOWBOX_NUMBER_ENTRY" },
    { "LowboxHandlesEntry",       0x0440, "*struct _SEP_CACHED_HANDLES_ENTRY" },
    { "pClaimAttributes",         0x0448, "*struct _AUTHZBASEP_CLAIM_ATTRIBUTES_COLLECTION" },
    { "TrustLevelSid",            0x0450, "*VOID" },
    { "TrustLinkedToken",         0x0458, "*struct _TOKEN" },
    { "IntegrityLevelSidValue",   0x0460, "*VOID" },
    { "TokenSidValues",           0x0468, "*struct _SEP_SID_VALUES_BLOCK" },
    { "IndexEntry",               0x0470, "*struct _SEP_LUID_TO_INDEX_MAP_ENTRY" },
    { "DiagnosticInfo",           0x0478, "*struct _SEP_TOKEN_DIAG_TRACK_ENTRY" },
    { "BnoIsolationHandlesEntry", 0x0480, "*struct _SEP_CACHED_HANDLES_ENTRY" },
    { "SessionObject",            0x0488, "*VOID" },
    { "VariablePart",             0x0490, "ULONGLONG" },
};

/* struct _SEP_TOKEN_PRIVILEGES, 0x18 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef SEP_TOKEN_PRIVILEGES_f[] = {
    { "Present",          0x0000, "ULONGLONG" },
    { "Enabled",          0x0008, "ULONGLONG" },
    { "EnabledByDefault", 0x0010, "ULONGLONG" },
};

/* struct _SID_AND_ATTRIBUTES, 0x10 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef SID_AND_ATTRIBUTES_f[] = {
    { "Sid",        0x0000, "*VOID" },
    { "Attributes", 0x0008, "ULONG" },
};

/* struct _SID, 0xc bytes. Source: Windows 11 21H2 (10.0.22000.318) ntkrnlmp
 * ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public complete
 * layout.
 */
static const struct fdef SID_f[] = {
    { "Revision",            0x0000, "UCHAR" },
    { "SubAuthorityCount",   0x0001, "UCHAR" },
    { "IdentifierAuthority", 0x0002, "struct _SID_IDENTIFIER_AUTHORITY" },
    { "SubAuthority",        0x0008, "ULONG[1]" },
};

/* struct _SID_IDENTIFIER_AUTHORITY, 0x6 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef SID_IDENTIFIER_AUTHORITY_f[] = {
    { "Value", 0x0000, "UCHAR[6]" },
};

/* struct _LUID, 0x8 bytes. Source: Windows 11 21H2 (10.0.22000.318) ntkrnlmp
 * ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public complete
 * layout.
 */
static const struct fdef LUID_f[] = {
    { "LowPart",  0x0000, "ULONG" },
    { "HighPart", 0x0004, "LONG" },
};

/* struct _LUID_AND_ATTRIBUTES, 0xc bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef LUID_AND_ATTRIBUTES_f[] = {
    { "Luid",       0x0000, "struct _LUID" },
    { "Attributes", 0x0008, "ULONG" },
};

/* struct _SEP_AUDIT_POLICY, 0x1f bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef SEP_AUDIT_POLICY_f[] = {
    { "AdtTokenPolicy",  0x0000, "struct _TOKEN_AUDIT_POLICY" },
    { "PolicySetStatus", 0x001e, "UCHAR" },
};

/* struct _TOKEN_AUDIT_POLICY, 0x1e bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef TOKEN_AUDIT_POLICY_f[] = {
    { "PerUserPolicy", 0x0000, "UCHAR[30]" },
};

/* struct _TOKEN_SOURCE, 0x10 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef TOKEN_SOURCE_f[] = {
    { "SourceName",       0x0000, "CHAR[8]" },
    { "SourceIdentifier", 0x0008, "struct _LUID" },
};

/* struct _SID_AND_ATTRIBUTES_HASH, 0x110 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef SID_AND_ATTRIBUTES_HASH_f[] = {
    { "SidCount", 0x0000, "ULONG" },
    { "SidAttr",  0x0008, "*struct _SID_AND_ATTRIBUTES" },
    { "Hash",     0x0010, "ULONGLONG[32]" },
};

/* struct _SECURITY_DESCRIPTOR_RELATIVE, 0x14 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef SECURITY_DESCRIPTOR_RELATIVE_f[] = {
    { "Revision", 0x0000, "UCHAR" },
    { "Sbz1",     0x0001, "UCHAR" },
    { "Control",  0x0002, "USHORT" },
    { "Owner",    0x0004, "ULONG" },
    { "Group",    0x0008, "ULONG" },
    { "Sacl",     0x000c, "ULONG" },
    { "Dacl",     0x0010, "ULONG" },
};

static const struct tdef security_types[] = {
    TDEF(STRUCT, "_GUID", 0x10, GUID_f),
    TDEF(STRUCT, "_TOKEN", 0x498, TOKEN_f),
    TDEF(STRUCT, "_SEP_TOKEN_PRIVILEGES", 0x18, SEP_TOKEN_PRIVILEGES_f),
    TDEF(STRUCT, "_SID_AND_ATTRIBUTES", 0x10, SID_AND_ATTRIBUTES_f),
    TDEF(STRUCT, "_SID", 0xc, SID_f),
    TDEF(STRUCT, "_SID_IDENTIFIER_AUTHORITY", 0x6, SID_IDENTIFIER_AUTHORITY_f),
    TDEF(STRUCT, "_LUID", 0x8, LUID_f),
    TDEF(STRUCT, "_LUID_AND_ATTRIBUTES", 0xc, LUID_AND_ATTRIBUTES_f),
    TDEF(STRUCT, "_SEP_AUDIT_POLICY", 0x1f, SEP_AUDIT_POLICY_f),
    TDEF(STRUCT, "_TOKEN_AUDIT_POLICY", 0x1e, TOKEN_AUDIT_POLICY_f),
    TDEF(STRUCT, "_TOKEN_SOURCE", 0x10, TOKEN_SOURCE_f),
    TDEF(STRUCT, "_SID_AND_ATTRIBUTES_HASH", 0x110, SID_AND_ATTRIBUTES_HASH_f),
    TDEF(STRUCT, "_SECURITY_DESCRIPTOR_RELATIVE", 0x14, SECURITY_DESCRIPTOR_RELATIVE_f),
};

/* ======== System-wide: KUSER_SHARED_DATA, KPCR/KPRCB, debugger data, PE headers, loader entries ======== */

/* union __unnamed_KLDR_DATA_TABLE_ENTRY_u1, 0x2 bytes. Source: ntdiff
 * Windows 11 24H2 (26100) x64 ntoskrnl type dump.
 */
static const struct fdef unnamed_KLDR_DATA_TABLE_ENTRY_u1_f[] = {
    { "SignatureLevel", 0x0000, "USHORT:0:4" },
    { "SignatureType",  0x0000, "USHORT:4:3" },
    { "Frozen",         0x0000, "USHORT:7:2" },
    { "HotPatch",       0x0000, "USHORT:9:1" },
    { "Unused",         0x0000, "USHORT:10:6" },
    { "EntireField",    0x0000, "USHORT" },
};

/* struct _KLDR_DATA_TABLE_ENTRY, 0xa0 bytes. Source: ntdiff Windows 11 24H2
 * (26100) x64 ntoskrnl type dump.
 */
static const struct fdef KLDR_DATA_TABLE_ENTRY_f[] = {
    { "InLoadOrderLinks",      0x0000, "struct _LIST_ENTRY" },
    { "ExceptionTable",        0x0010, "*VOID" },
    { "ExceptionTableSize",    0x0018, "ULONG" },
    { "GpValue",               0x0020, "*VOID" },
    { "NonPagedDebugInfo",     0x0028, "*struct _NON_PAGED_DEBUG_INFO" },
    { "DllBase",               0x0030, "*VOID" },
    { "EntryPoint",            0x0038, "*VOID" },
    { "SizeOfImage",           0x0040, "ULONG" },
    { "FullDllName",           0x0048, "struct _UNICODE_STRING" },
    { "BaseDllName",           0x0058, "struct _UNICODE_STRING" },
    { "Flags",                 0x0068, "ULONG" },
    { "LoadCount",             0x006c, "USHORT" },
    { "u1",                    0x006e, "union __unnamed_KLDR_DATA_TABLE_ENTRY_u1" },
    { "SectionPointer",        0x0070, "*VOID" },
    { "CheckSum",              0x0078, "ULONG" },
    { "CoverageSectionSize",   0x007c, "ULONG" },
    { "CoverageSection",       0x0080, "*VOID" },
    { "LoadedImports",         0x0088, "*VOID" },
    { "Spare",                 0x0090, "*VOID" },
    { "NtDataTableEntry",      0x0090, "*struct _KLDR_DATA_TABLE_ENTRY" },
    { "SizeOfImageNotRounded", 0x0098, "ULONG" },
    { "TimeDateStamp",         0x009c, "ULONG" },
};

/* struct _KUSER_SHARED_DATA, 0x730 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef KUSER_SHARED_DATA_f[] = {
    { "TickCountLowDeprecated",            0x0000, "ULONG" },
    { "TickCountMultiplier",               0x0004, "ULONG" },
    { "InterruptTime",                     0x0008, "struct _KSYSTEM_TIME" },
    { "SystemTime",                        0x0014, "struct _KSYSTEM_TIME" },
    { "TimeZoneBias",                      0x0020, "struct _KSYSTEM_TIME" },
    { "ImageNumberLow",                    0x002c, "USHORT" },
    { "ImageNumberHigh",                   0x002e, "USHORT" },
    { "NtSystemRoot",                      0x0030, "WCHAR[260]" },
    { "MaxStackTraceDepth",                0x0238, "ULONG" },
    { "CryptoExponent",                    0x023c, "ULONG" },
    { "TimeZoneId",                        0x0240, "ULONG" },
    { "LargePageMinimum",                  0x0244, "ULONG" },
    { "AitSamplingValue",                  0x0248, "ULONG" },
    { "AppCompatFlag",                     0x024c, "ULONG" },
    { "RNGSeedVersion",                    0x0250, "ULONGLONG" },
    { "GlobalValidationRunlevel",          0x0258, "ULONG" },
    { "TimeZoneBiasStamp",                 0x025c, "LONG" },
    { "NtBuildNumber",                     0x0260, "ULONG" },
    { "NtProductType",                     0x0264, "enum _NT_PRODUCT_TYPE" },
    { "ProductTypeIsValid",                0x0268, "UCHAR" },
    { "Reserved0",                         0x0269, "UCHAR[1]" },
    { "NativeProcessorArchitecture",       0x026a, "USHORT" },
    { "NtMajorVersion",                    0x026c, "ULONG" },
    { "NtMinorVersion",                    0x0270, "ULONG" },
    { "ProcessorFeatures",                 0x0274, "UCHAR[64]" },
    { "Reserved1",                         0x02b4, "ULONG" },
    { "Reserved3",                         0x02b8, "ULONG" },
    { "TimeSlip",                          0x02bc, "ULONG" },
    { "AlternativeArchitecture",           0x02c0, "enum _ALTERNATIVE_ARCHITECTURE_TYPE" },
    { "BootId",                            0x02c4, "ULONG" },
    { "SystemExpirationDate",              0x02c8, "union _LARGE_INTEGER" },
    { "SuiteMask",                         0x02d0, "ULONG" },
    { "KdDebuggerEnabled",                 0x02d4, "UCHAR" },
    { "MitigationPolicies",                0x02d5, "UCHAR" },
    { "NXSupportPolicy",                   0x02d5, "UCHAR:0:2" },
    { "SEHValidationPolicy",               0x02d5, "UCHAR:2:2" },
    { "CurDirDevicesSkippedForDlls",       0x02d5, "UCHAR:4:2" },
    { "Reserved",                          0x02d5, "UCHAR:6:2" },
    { "CyclesPerYield",                    0x02d6, "USHORT" },
    { "ActiveConsoleId",                   0x02d8, "ULONG" },
    { "DismountCount",                     0x02dc, "ULONG" },
    { "ComPlusPackage",                    0x02e0, "ULONG" },
    { "LastSystemRITEventTickCount",       0x02e4, "ULONG" },
    { "NumberOfPhysicalPages",             0x02e8, "ULONG" },
    { "SafeBootMode",                      0x02ec, "UCHAR" },
    { "VirtualizationFlags",               0x02ed, "UCHAR" },
    { "Reserved12",                        0x02ee, "UCHAR[2]" },
    { "SharedDataFlags",                   0x02f0, "ULONG" },
    { "DbgErrorPortPresent",               0x02f0, "ULONG:0:1" },
    { "DbgElevationEnabled",               0x02f0, "ULONG:1:1" },
    { "DbgVirtEnabled",                    0x02f0, "ULONG:2:1" },
    { "DbgInstallerDetectEnabled",         0x02f0, "ULONG:3:1" },
    { "DbgLkgEnabled",                     0x02f0, "ULONG:4:1" },
    { "DbgDynProcessorEnabled",            0x02f0, "ULONG:5:1" },
    { "DbgConsoleBrokerEnabled",           0x02f0, "ULONG:6:1" },
    { "DbgSecureBootEnabled",              0x02f0, "ULONG:7:1" },
    { "DbgMultiSessionSku",                0x02f0, "ULONG:8:1" },
    { "DbgMultiUsersInSessionSku",         0x02f0, "ULONG:9:1" },
    { "DbgStateSeparationEnabled",         0x02f0, "ULONG:10:1" },
    { "SpareBits",                         0x02f0, "ULONG:11:21" },
    { "DataFlagsPad",                      0x02f4, "ULONG[1]" },
    { "TestRetInstruction",                0x02f8, "ULONGLONG" },
    { "QpcFrequency",                      0x0300, "LONGLONG" },
    { "SystemCall",                        0x0308, "ULONG" },
    { "Reserved2",                         0x030c, "ULONG" },
    { "SystemCallPad",                     0x0310, "ULONGLONG[2]" },
    { "ReservedTickCountOverlay",          0x0320, "ULONG[3]" },
    { "TickCount",                         0x0320, "struct _KSYSTEM_TIME" },
    { "TickCountQuad",                     0x0320, "ULONGLONG" },
    { "TickCountPad",                      0x032c, "ULONG[1]" },
    { "Cookie",                            0x0330, "ULONG" },
    { "CookiePad",                         0x0334, "ULONG[1]" },
    { "ConsoleSessionForegroundProcessId", 0x0338, "LONGLONG" },
    { "TimeUpdateLock",                    0x0340, "ULONGLONG" },
    { "BaselineSystemTimeQpc",             0x0348, "ULONGLONG" },
    { "BaselineInterruptTimeQpc",          0x0350, "ULONGLONG" },
    { "QpcSystemTimeIncrement",            0x0358, "ULONGLONG" },
    { "QpcInterruptTimeIncrement",         0x0360, "ULONGLONG" },
    { "QpcSystemTimeIncrementShift",       0x0368, "UCHAR" },
    { "QpcInterruptTimeIncrementShift",    0x0369, "UCHAR" },
    { "UnparkedProcessorCount",            0x036a, "USHORT" },
    { "EnclaveFeatureMask",                0x036c, "ULONG[4]" },
    { "TelemetryCoverageRound",            0x037c, "ULONG" },
    { "UserModeGlobalLogger",              0x0380, "USHORT[16]" },
    { "ImageFileExecutionOptions",         0x03a0, "ULONG" },
    { "LangGenerationCount",               0x03a4, "ULONG" },
    { "Reserved4",                         0x03a8, "ULONGLONG" },
    { "InterruptTimeBias",                 0x03b0, "ULONGLONG" },
    { "QpcBias",                           0x03b8, "ULONGLONG" },
    { "ActiveProcessorCount",              0x03c0, "ULONG" },
    { "ActiveGroupCount",                  0x03c4, "UCHAR" },
    { "Reserved9",                         0x03c5, "UCHAR" },
    { "QpcBypassEnabled",                  0x03c6, "UCHAR" },
    { "QpcData",                           0x03c6, "USHORT" },
    { "QpcShift",                          0x03c7, "UCHAR" },
    { "TimeZoneBiasEffectiveStart",        0x03c8, "union _LARGE_INTEGER" },
    { "TimeZoneBiasEffectiveEnd",          0x03d0, "union _LARGE_INTEGER" },
    { "XState",                            0x03d8, "struct _XSTATE_CONFIGURATION" },
    { "FeatureConfigurationChangeStamp",   0x0720, "struct _KSYSTEM_TIME" },
    { "Spare",                             0x072c, "ULONG" },
};

/* struct _DBGKD_GET_VERSION64, 0x28 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef DBGKD_GET_VERSION64_f[] = {
    { "MajorVersion",       0x0000, "USHORT" },
    { "MinorVersion",       0x0002, "USHORT" },
    { "ProtocolVersion",    0x0004, "UCHAR" },
    { "KdSecondaryVersion", 0x0005, "UCHAR" },
    { "Flags",              0x0006, "USHORT" },
    { "MachineType",        0x0008, "USHORT" },
    { "MaxPacketType",      0x000a, "UCHAR" },
    { "MaxStateChange",     0x000b, "UCHAR" },
    { "MaxManipulate",      0x000c, "UCHAR" },
    { "Simulation",         0x000d, "UCHAR" },
    { "Unused",             0x000e, "USHORT[1]" },
    { "KernBase",           0x0010, "ULONGLONG" },
    { "PsLoadedModuleList", 0x0018, "ULONGLONG" },
    { "DebuggerDataList",   0x0020, "ULONGLONG" },
};

/* struct _IMAGE_DOS_HEADER, 0x40 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef IMAGE_DOS_HEADER_f[] = {
    { "e_magic",    0x0000, "USHORT" },
    { "e_cblp",     0x0002, "USHORT" },
    { "e_cp",       0x0004, "USHORT" },
    { "e_crlc",     0x0006, "USHORT" },
    { "e_cparhdr",  0x0008, "USHORT" },
    { "e_minalloc", 0x000a, "USHORT" },
    { "e_maxalloc", 0x000c, "USHORT" },
    { "e_ss",       0x000e, "USHORT" },
    { "e_sp",       0x0010, "USHORT" },
    { "e_csum",     0x0012, "USHORT" },
    { "e_ip",       0x0014, "USHORT" },
    { "e_cs",       0x0016, "USHORT" },
    { "e_lfarlc",   0x0018, "USHORT" },
    { "e_ovno",     0x001a, "USHORT" },
    { "e_res",      0x001c, "USHORT[4]" },
    { "e_oemid",    0x0024, "USHORT" },
    { "e_oeminfo",  0x0026, "USHORT" },
    { "e_res2",     0x0028, "USHORT[10]" },
    { "e_lfanew",   0x003c, "LONG" },
};

/* struct _IMAGE_NT_HEADERS64, 0x108 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef IMAGE_NT_HEADERS64_f[] = {
    { "Signature",      0x0000, "ULONG" },
    { "FileHeader",     0x0004, "struct _IMAGE_FILE_HEADER" },
    { "OptionalHeader", 0x0018, "struct _IMAGE_OPTIONAL_HEADER64" },
};

/* struct _IMAGE_FILE_HEADER, 0x14 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef IMAGE_FILE_HEADER_f[] = {
    { "Machine",              0x0000, "USHORT" },
    { "NumberOfSections",     0x0002, "USHORT" },
    { "TimeDateStamp",        0x0004, "ULONG" },
    { "PointerToSymbolTable", 0x0008, "ULONG" },
    { "NumberOfSymbols",      0x000c, "ULONG" },
    { "SizeOfOptionalHeader", 0x0010, "USHORT" },
    { "Characteristics",      0x0012, "USHORT" },
};

/* struct _IMAGE_OPTIONAL_HEADER64, 0xf0 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef IMAGE_OPTIONAL_HEADER64_f[] = {
    { "Magic",                       0x0000, "USHORT" },
    { "MajorLinkerVersion",          0x0002, "UCHAR" },
    { "MinorLinkerVersion",          0x0003, "UCHAR" },
    { "SizeOfCode",                  0x0004, "ULONG" },
    { "SizeOfInitializedData",       0x0008, "ULONG" },
    { "SizeOfUninitializedData",     0x000c, "ULONG" },
    { "AddressOfEntryPoint",         0x0010, "ULONG" },
    { "BaseOfCode",                  0x0014, "ULONG" },
    { "ImageBase",                   0x0018, "ULONGLONG" },
    { "SectionAlignment",            0x0020, "ULONG" },
    { "FileAlignment",               0x0024, "ULONG" },
    { "MajorOperatingSystemVersion", 0x0028, "USHORT" },
    { "MinorOperatingSystemVersion", 0x002a, "USHORT" },
    { "MajorImageVersion",           0x002c, "USHORT" },
    { "MinorImageVersion",           0x002e, "USHORT" },
    { "MajorSubsystemVersion",       0x0030, "USHORT" },
    { "MinorSubsystemVersion",       0x0032, "USHORT" },
    { "Win32VersionValue",           0x0034, "ULONG" },
    { "SizeOfImage",                 0x0038, "ULONG" },
    { "SizeOfHeaders",               0x003c, "ULONG" },
    { "CheckSum",                    0x0040, "ULONG" },
    { "Subsystem",                   0x0044, "USHORT" },
    { "DllCharacteristics",          0x0046, "USHORT" },
    { "SizeOfStackReserve",          0x0048, "ULONGLONG" },
    { "SizeOfStackCommit",           0x0050, "ULONGLONG" },
    { "SizeOfHeapReserve",           0x0058, "ULONGLONG" },
    { "SizeOfHeapCommit",            0x0060, "ULONGLONG" },
    { "LoaderFlags",                 0x0068, "ULONG" },
    { "NumberOfRvaAndSizes",         0x006c, "ULONG" },
    { "DataDirectory",               0x0070, "struct _IMAGE_DATA_DIRECTORY[16]" },
};

/* struct _IMAGE_DATA_DIRECTORY, 0x8 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef IMAGE_DATA_DIRECTORY_f[] = {
    { "VirtualAddress", 0x0000, "ULONG" },
    { "Size",           0x0004, "ULONG" },
};

/* union __unnamed_IMAGE_SECTION_HEADER_Misc, 0x4 bytes. Source: Windows 11
 * 21H2 (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables,
 * BSD-3), nearest public complete layout.
 */
static const struct fdef unnamed_IMAGE_SECTION_HEADER_Misc_f[] = {
    { "PhysicalAddress", 0x0000, "ULONG" },
    { "VirtualSize",     0x0000, "ULONG" },
};

/* struct _IMAGE_SECTION_HEADER, 0x28 bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef IMAGE_SECTION_HEADER_f[] = {
    { "Name",                 0x0000, "UCHAR[8]" },
    { "Misc",                 0x0008, "union __unnamed_IMAGE_SECTION_HEADER_Misc" },
    { "VirtualAddress",       0x000c, "ULONG" },
    { "SizeOfRawData",        0x0010, "ULONG" },
    { "PointerToRawData",     0x0014, "ULONG" },
    { "PointerToRelocations", 0x0018, "ULONG" },
    { "PointerToLinenumbers", 0x001c, "ULONG" },
    { "NumberOfRelocations",  0x0020, "USHORT" },
    { "NumberOfLinenumbers",  0x0022, "USHORT" },
    { "Characteristics",      0x0024, "ULONG" },
};

/* struct _IMAGE_DEBUG_DIRECTORY, 0x1c bytes. Source: Windows 11 21H2
 * (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3),
 * nearest public complete layout.
 */
static const struct fdef IMAGE_DEBUG_DIRECTORY_f[] = {
    { "Characteristics",  0x0000, "ULONG" },
    { "TimeDateStamp",    0x0004, "ULONG" },
    { "MajorVersion",     0x0008, "USHORT" },
    { "MinorVersion",     0x000a, "USHORT" },
    { "Type",             0x000c, "ULONG" },
    { "SizeOfData",       0x0010, "ULONG" },
    { "AddressOfRawData", 0x0014, "ULONG" },
    { "PointerToRawData", 0x0018, "ULONG" },
};

/* struct _KDPC, 0x40 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout.
 */
static const struct fdef KDPC_f[] = {
    { "TargetInfoAsUlong", 0x0000, "ULONG" },
    { "Type",              0x0000, "UCHAR" },
    { "Importance",        0x0001, "UCHAR" },
    { "Number",            0x0002, "USHORT" },
    { "DpcListEntry",      0x0008, "struct _SINGLE_LIST_ENTRY" },
    { "ProcessorHistory",  0x0010, "ULONGLONG" },
    { "DeferredRoutine",   0x0018, "*VOID" },
    { "DeferredContext",   0x0020, "*VOID" },
    { "SystemArgument1",   0x0028, "*VOID" },
    { "SystemArgument2",   0x0030, "*VOID" },
    { "DpcData",           0x0038, "*VOID" },
};

/* struct _KPCR, 0xc080 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout (26100 KPCR head and Prcb at 0x180 unchanged).
 */
static const struct fdef KPCR_f[] = {
    { "GdtBase",                       0x0000, "*union _KGDTENTRY64" },
    { "NtTib",                         0x0000, "struct _NT_TIB" },
    { "TssBase",                       0x0008, "*struct _KTSS64" },
    { "UserRsp",                       0x0010, "ULONGLONG" },
    { "Self",                          0x0018, "*struct _KPCR" },
    { "CurrentPrcb",                   0x0020, "*struct _KPRCB" },
    { "LockArray",                     0x0028, "*struct _KSPIN_LOCK_QUEUE" },
    { "Used_Self",                     0x0030, "*VOID" },
    { "IdtBase",                       0x0038, "*union _KIDTENTRY64" },
    { "Unused",                        0x0040, "ULONGLONG[2]" },
    { "Irql",                          0x0050, "UCHAR" },
    { "SecondLevelCacheAssociativity", 0x0051, "UCHAR" },
    { "ObsoleteNumber",                0x0052, "UCHAR" },
    { "Fill0",                         0x0053, "UCHAR" },
    { "Unused0",                       0x0054, "ULONG[3]" },
    { "MajorVersion",                  0x0060, "USHORT" },
    { "MinorVersion",                  0x0062, "USHORT" },
    { "StallScaleFactor",              0x0064, "ULONG" },
    { "Unused1",                       0x0068, "*VOID[3]" },
    { "KernelReserved",                0x0080, "ULONG[15]" },
    { "SecondLevelCacheSize",          0x00bc, "ULONG" },
    { "HalReserved",                   0x00c0, "ULONG[16]" },
    { "Unused2",                       0x0100, "ULONG" },
    { "KdVersionBlock",                0x0108, "*VOID" },
    { "Unused3",                       0x0110, "*VOID" },
    { "PcrAlign1",                     0x0118, "ULONG[24]" },
    { "Prcb",                          0x0180, "struct _KPRCB" },
};

/* struct _KPRCB, 0xbf00 bytes. Source: Windows 11 21H2 (10.0.22000.318)
 * ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables, BSD-3), nearest public
 * complete layout. Head only; the full 26100 _KPRCB (and its size) differs
 * from 22000 beyond the fields kept here.
 */
static const struct fdef KPRCB_f[] = {
    { "MxCsr",                     0x0000, "ULONG" },
    { "LegacyNumber",              0x0004, "UCHAR" },
    { "ReservedMustBeZero",        0x0005, "UCHAR" },
    { "InterruptRequest",          0x0006, "UCHAR" },
    { "IdleHalt",                  0x0007, "UCHAR" },
    { "CurrentThread",             0x0008, "*struct _KTHREAD" },
    { "NextThread",                0x0010, "*struct _KTHREAD" },
    { "IdleThread",                0x0018, "*struct _KTHREAD" },
    { "NestingLevel",              0x0020, "UCHAR" },
    { "ClockOwner",                0x0021, "UCHAR" },
    { "PendingTickFlags",          0x0022, "UCHAR" },
    { "PendingTick",               0x0022, "UCHAR:0:1" },
    { "PendingBackupTick",         0x0022, "UCHAR:1:1" },
    { "IdleState",                 0x0023, "UCHAR" },
    { "Number",                    0x0024, "ULONG" },
    { "RspBase",                   0x0028, "ULONGLONG" },
    { "PrcbLock",                  0x0030, "ULONGLONG" },
    { "PriorityState",             0x0038, "*union _KPRIORITY_STATE" },
    { "CpuType",                   0x0040, "CHAR" },
    { "CpuID",                     0x0041, "CHAR" },
    { "CpuStep",                   0x0042, "USHORT" },
    { "CpuStepping",               0x0042, "UCHAR" },
    { "CpuModel",                  0x0043, "UCHAR" },
    { "MHz",                       0x0044, "ULONG" },
    { "HalReserved",               0x0048, "ULONGLONG[8]" },
    { "MinorVersion",              0x0088, "USHORT" },
    { "MajorVersion",              0x008a, "USHORT" },
    { "BuildType",                 0x008c, "UCHAR" },
    { "CpuVendor",                 0x008d, "UCHAR" },
    { "CoresPerPhysicalProcessor", 0x008e, "UCHAR" },
    { "LogicalProcessorsPerCore",  0x008f, "UCHAR" },
    { "GroupSetMember",            0x00c8, "ULONGLONG" },
    { "Group",                     0x00d0, "UCHAR" },
    { "GroupIndex",                0x00d1, "UCHAR" },
    { "PrcbPad05",                 0x00d2, "UCHAR[2]" },
    { "InitialApicId",             0x00d4, "ULONG" },
    { "ApicMask",                  0x00dc, "ULONG" },
    { "AcpiReserved",              0x00e0, "*VOID" },
    { "CFlushSize",                0x00e8, "ULONG" },
    { "DpcData",                   0x3340, "struct _KDPC_DATA[2]" },
    { "DpcStack",                  0x33a0, "*VOID" },
    { "VendorString",              0x8990, "UCHAR[13]" },
    { "KernelDirectoryTableBase",  0x9e80, "ULONGLONG" },
    { "RspBaseShadow",             0x9e88, "ULONGLONG" },
    { "UserRspShadow",             0x9e90, "ULONGLONG" },
    { "ShadowFlags",               0x9e98, "ULONG" },
};

/* struct _LIST_ENTRY64, 0x10 bytes. Source: public wdbgexts.h layout
 * (Debugging Tools for Windows).
 */
static const struct fdef LIST_ENTRY64_f[] = {
    { "Flink", 0x0000, "ULONGLONG" },
    { "Blink", 0x0008, "ULONGLONG" },
};

/* struct _DBGKD_DEBUG_DATA_HEADER64, 0x18 bytes. Source: public wdbgexts.h
 * layout (Debugging Tools for Windows).
 */
static const struct fdef DBGKD_DEBUG_DATA_HEADER64_f[] = {
    { "List",     0x0000, "struct _LIST_ENTRY64" },
    { "OwnerTag", 0x0010, "ULONG" },
    { "Size",     0x0014, "ULONG" },
};

/* struct _KDDEBUGGER_DATA64, 0x368 bytes. Source: public wdbgexts.h layout
 * (Debugging Tools for Windows). Not in any PDB. Fields to OffsetPrcbContext
 * (0x338) as in volatility3 symbols/windows/kdbg.json; 0x33a-0x367 (through
 * PteBase) from the Windows 10 wdbgexts.h.
 */
static const struct fdef KDDEBUGGER_DATA64_f[] = {
    { "Header",                              0x0000, "struct _DBGKD_DEBUG_DATA_HEADER64" },
    { "KernBase",                            0x0018, "ULONGLONG" },
    { "BreakpointWithStatus",                0x0020, "ULONGLONG" },
    { "SavedContext",                        0x0028, "ULONGLONG" },
    { "ThCallbackStack",                     0x0030, "USHORT" },
    { "NextCallback",                        0x0032, "USHORT" },
    { "FramePointer",                        0x0034, "USHORT" },
    { "KiCallUserMode",                      0x0038, "ULONGLONG" },
    { "KeUserCallbackDispatcher",            0x0040, "ULONGLONG" },
    { "PsLoadedModuleList",                  0x0048, "ULONGLONG" },
    { "PsActiveProcessHead",                 0x0050, "ULONGLONG" },
    { "PspCidTable",                         0x0058, "ULONGLONG" },
    { "ExpSystemResourcesList",              0x0060, "ULONGLONG" },
    { "ExpPagedPoolDescriptor",              0x0068, "ULONGLONG" },
    { "ExpNumberOfPagedPools",               0x0070, "ULONGLONG" },
    { "KeTimeIncrement",                     0x0078, "ULONGLONG" },
    { "KeBugCheckCallbackListHead",          0x0080, "ULONGLONG" },
    { "KiBugcheckData",                      0x0088, "ULONGLONG" },
    { "IopErrorLogListHead",                 0x0090, "ULONGLONG" },
    { "ObpRootDirectoryObject",              0x0098, "ULONGLONG" },
    { "ObpTypeObjectType",                   0x00a0, "ULONGLONG" },
    { "MmSystemCacheStart",                  0x00a8, "ULONGLONG" },
    { "MmSystemCacheEnd",                    0x00b0, "ULONGLONG" },
    { "MmSystemCacheWs",                     0x00b8, "ULONGLONG" },
    { "MmPfnDatabase",                       0x00c0, "ULONGLONG" },
    { "MmSystemPtesStart",                   0x00c8, "ULONGLONG" },
    { "MmSystemPtesEnd",                     0x00d0, "ULONGLONG" },
    { "MmSubsectionBase",                    0x00d8, "ULONGLONG" },
    { "MmNumberOfPagingFiles",               0x00e0, "ULONGLONG" },
    { "MmLowestPhysicalPage",                0x00e8, "ULONGLONG" },
    { "MmHighestPhysicalPage",               0x00f0, "ULONGLONG" },
    { "MmNumberOfPhysicalPages",             0x00f8, "ULONGLONG" },
    { "MmMaximumNonPagedPoolInBytes",        0x0100, "ULONGLONG" },
    { "MmNonPagedSystemStart",               0x0108, "ULONGLONG" },
    { "MmNonPagedPoolStart",                 0x0110, "ULONGLONG" },
    { "MmNonPagedPoolEnd",                   0x0118, "ULONGLONG" },
    { "MmPagedPoolStart",                    0x0120, "ULONGLONG" },
    { "MmPagedPoolEnd",                      0x0128, "ULONGLONG" },
    { "MmPagedPoolInformation",              0x0130, "ULONGLONG" },
    { "MmPageSize",                          0x0138, "ULONGLONG" },
    { "MmSizeOfPagedPoolInBytes",            0x0140, "ULONGLONG" },
    { "MmTotalCommitLimit",                  0x0148, "ULONGLONG" },
    { "MmTotalCommittedPages",               0x0150, "ULONGLONG" },
    { "MmSharedCommit",                      0x0158, "ULONGLONG" },
    { "MmDriverCommit",                      0x0160, "ULONGLONG" },
    { "MmProcessCommit",                     0x0168, "ULONGLONG" },
    { "MmPagedPoolCommit",                   0x0170, "ULONGLONG" },
    { "MmExtendedCommit",                    0x0178, "ULONGLONG" },
    { "MmZeroedPageListHead",                0x0180, "ULONGLONG" },
    { "MmFreePageListHead",                  0x0188, "ULONGLONG" },
    { "MmStandbyPageListHead",               0x0190, "ULONGLONG" },
    { "MmModifiedPageListHead",              0x0198, "ULONGLONG" },
    { "MmModifiedNoWritePageListHead",       0x01a0, "ULONGLONG" },
    { "MmAvailablePages",                    0x01a8, "ULONGLONG" },
    { "MmResidentAvailablePages",            0x01b0, "ULONGLONG" },
    { "PoolTrackTable",                      0x01b8, "ULONGLONG" },
    { "NonPagedPoolDescriptor",              0x01c0, "ULONGLONG" },
    { "MmHighestUserAddress",                0x01c8, "ULONGLONG" },
    { "MmSystemRangeStart",                  0x01d0, "ULONGLONG" },
    { "MmUserProbeAddress",                  0x01d8, "ULONGLONG" },
    { "KdPrintCircularBuffer",               0x01e0, "ULONGLONG" },
    { "KdPrintCircularBufferEnd",            0x01e8, "ULONGLONG" },
    { "KdPrintWritePointer",                 0x01f0, "ULONGLONG" },
    { "KdPrintRolloverCount",                0x01f8, "ULONGLONG" },
    { "MmLoadedUserImageList",               0x0200, "ULONGLONG" },
    { "NtBuildLab",                          0x0208, "ULONGLONG" },
    { "KiNormalSystemCall",                  0x0210, "ULONGLONG" },
    { "KiProcessorBlock",                    0x0218, "ULONGLONG" },
    { "MmUnloadedDrivers",                   0x0220, "ULONGLONG" },
    { "MmLastUnloadedDriver",                0x0228, "ULONGLONG" },
    { "MmTriageActionTaken",                 0x0230, "ULONGLONG" },
    { "MmSpecialPoolTag",                    0x0238, "ULONGLONG" },
    { "KernelVerifier",                      0x0240, "ULONGLONG" },
    { "MmVerifierData",                      0x0248, "ULONGLONG" },
    { "MmAllocatedNonPagedPool",             0x0250, "ULONGLONG" },
    { "MmPeakCommitment",                    0x0258, "ULONGLONG" },
    { "MmTotalCommitLimitMaximum",           0x0260, "ULONGLONG" },
    { "CmNtCSDVersion",                      0x0268, "ULONGLONG" },
    { "MmPhysicalMemoryBlock",               0x0270, "ULONGLONG" },
    { "MmSessionBase",                       0x0278, "ULONGLONG" },
    { "MmSessionSize",                       0x0280, "ULONGLONG" },
    { "MmSystemParentTablePage",             0x0288, "ULONGLONG" },
    { "MmVirtualTranslationBase",            0x0290, "ULONGLONG" },
    { "OffsetKThreadNextProcessor",          0x0298, "USHORT" },
    { "OffsetKThreadTeb",                    0x029a, "USHORT" },
    { "OffsetKThreadKernelStack",            0x029c, "USHORT" },
    { "OffsetKThreadInitialStack",           0x029e, "USHORT" },
    { "OffsetKThreadApcProcess",             0x02a0, "USHORT" },
    { "OffsetKThreadState",                  0x02a2, "USHORT" },
    { "OffsetKThreadBStore",                 0x02a4, "USHORT" },
    { "OffsetKThreadBStoreLimit",            0x02a6, "USHORT" },
    { "SizeEProcess",                        0x02a8, "USHORT" },
    { "OffsetEprocessPeb",                   0x02aa, "USHORT" },
    { "OffsetEprocessParentCID",             0x02ac, "USHORT" },
    { "OffsetEprocessDirectoryTableBase",    0x02ae, "USHORT" },
    { "SizePrcb",                            0x02b0, "USHORT" },
    { "OffsetPrcbDpcRoutine",                0x02b2, "USHORT" },
    { "OffsetPrcbCurrentThread",             0x02b4, "USHORT" },
    { "OffsetPrcbMhz",                       0x02b6, "USHORT" },
    { "OffsetPrcbCpuType",                   0x02b8, "USHORT" },
    { "OffsetPrcbVendorString",              0x02ba, "USHORT" },
    { "OffsetPrcbProcStateContext",          0x02bc, "USHORT" },
    { "OffsetPrcbNumber",                    0x02be, "USHORT" },
    { "SizeEThread",                         0x02c0, "USHORT" },
    { "KdPrintCircularBufferPtr",            0x02c8, "ULONGLONG" },
    { "KdPrintBufferSize",                   0x02d0, "ULONGLONG" },
    { "KeLoaderBlock",                       0x02d8, "ULONGLONG" },
    { "SizePcr",                             0x02e0, "USHORT" },
    { "OffsetPcrSelfPcr",                    0x02e2, "USHORT" },
    { "OffsetPcrCurrentPrcb",                0x02e4, "USHORT" },
    { "OffsetPcrContainedPrcb",              0x02e6, "USHORT" },
    { "OffsetPcrInitialBStore",              0x02e8, "USHORT" },
    { "OffsetPcrBStoreLimit",                0x02ea, "USHORT" },
    { "OffsetPcrInitialStack",               0x02ec, "USHORT" },
    { "OffsetPcrStackLimit",                 0x02ee, "USHORT" },
    { "OffsetPrcbPcrPage",                   0x02f0, "USHORT" },
    { "OffsetPrcbProcStateSpecialReg",       0x02f2, "USHORT" },
    { "GdtR0Code",                           0x02f4, "USHORT" },
    { "GdtR0Data",                           0x02f6, "USHORT" },
    { "GdtR0Pcr",                            0x02f8, "USHORT" },
    { "GdtR3Code",                           0x02fa, "USHORT" },
    { "GdtR3Data",                           0x02fc, "USHORT" },
    { "GdtR3Teb",                            0x02fe, "USHORT" },
    { "GdtLdt",                              0x0300, "USHORT" },
    { "GdtTss",                              0x0302, "USHORT" },
    { "Gdt64R3CmCode",                       0x0304, "USHORT" },
    { "Gdt64R3CmTeb",                        0x0306, "USHORT" },
    { "IopNumTriageDumpDataBlocks",          0x0308, "ULONGLONG" },
    { "IopTriageDumpDataBlocks",             0x0310, "ULONGLONG" },
    { "VfCrashDataBlock",                    0x0318, "ULONGLONG" },
    { "MmBadPagesDetected",                  0x0320, "ULONGLONG" },
    { "MmZeroedPageSingleBitErrorsDetected", 0x0328, "ULONGLONG" },
    { "EtwpDebuggerData",                    0x0330, "ULONGLONG" },
    { "OffsetPrcbContext",                   0x0338, "USHORT" },
    { "OffsetPrcbMaxBreakpoints",            0x033a, "USHORT" },
    { "OffsetPrcbMaxWatchpoints",            0x033c, "USHORT" },
    { "OffsetKThreadStackLimit",             0x0340, "ULONG" },
    { "OffsetKThreadStackBase",              0x0344, "ULONG" },
    { "OffsetKThreadQueueListEntry",         0x0348, "ULONG" },
    { "OffsetEThreadIrpList",                0x034c, "ULONG" },
    { "OffsetPrcbIdleThread",                0x0350, "USHORT" },
    { "OffsetPrcbNormalDpcState",            0x0352, "USHORT" },
    { "OffsetPrcbDpcStack",                  0x0354, "USHORT" },
    { "OffsetPrcbIsrStack",                  0x0356, "USHORT" },
    { "SizeKDPC_STACK_FRAME",                0x0358, "USHORT" },
    { "OffsetKPriQueueThreadListHead",       0x035a, "USHORT" },
    { "OffsetKThreadWaitReason",             0x035c, "USHORT" },
    { "Padding",                             0x035e, "USHORT" },
    { "PteBase",                             0x0360, "ULONGLONG" },
};

static const struct tdef system_types[] = {
    TDEF(UNION, "__unnamed_KLDR_DATA_TABLE_ENTRY_u1", 0x2, unnamed_KLDR_DATA_TABLE_ENTRY_u1_f),
    TDEF(STRUCT, "_KLDR_DATA_TABLE_ENTRY", 0xa0, KLDR_DATA_TABLE_ENTRY_f),
    TDEF(STRUCT, "_KUSER_SHARED_DATA", 0x730, KUSER_SHARED_DATA_f),
    TDEF(STRUCT, "_DBGKD_GET_VERSION64", 0x28, DBGKD_GET_VERSION64_f),
    TDEF(STRUCT, "_IMAGE_DOS_HEADER", 0x40, IMAGE_DOS_HEADER_f),
    TDEF(STRUCT, "_IMAGE_NT_HEADERS64", 0x108, IMAGE_NT_HEADERS64_f),
    TDEF(STRUCT, "_IMAGE_FILE_HEADER", 0x14, IMAGE_FILE_HEADER_f),
    TDEF(STRUCT, "_IMAGE_OPTIONAL_HEADER64", 0xf0, IMAGE_OPTIONAL_HEADER64_f),
    TDEF(STRUCT, "_IMAGE_DATA_DIRECTORY", 0x8, IMAGE_DATA_DIRECTORY_f),
    TDEF(UNION, "__unnamed_IMAGE_SECTION_HEADER_Misc", 0x4, unnamed_IMAGE_SECTION_HEADER_Misc_f),
    TDEF(STRUCT, "_IMAGE_SECTION_HEADER", 0x28, IMAGE_SECTION_HEADER_f),
    TDEF(STRUCT, "_IMAGE_DEBUG_DIRECTORY", 0x1c, IMAGE_DEBUG_DIRECTORY_f),
    TDEF(STRUCT, "_KDPC", 0x40, KDPC_f),
    TDEF(STRUCT, "_KPCR", 0xc080, KPCR_f),
    TDEF(STRUCT, "_KPRCB", 0xbf00, KPRCB_f),
    TDEF(STRUCT, "_LIST_ENTRY64", 0x10, LIST_ENTRY64_f),
    TDEF(STRUCT, "_DBGKD_DEBUG_DATA_HEADER64", 0x18, DBGKD_DEBUG_DATA_HEADER64_f),
    TDEF(STRUCT, "_KDDEBUGGER_DATA64", 0x368, KDDEBUGGER_DATA64_f),
};

/* ======== User-mode context and WoW64 ========
 * What a new thread's first user-mode context (seed 001: a KTRAP_FRAME whose
 * Rip is ntdll!LdrInitializeThunk, a CONTEXT record on the user stack for
 * the jump to RtlUserThreadStart) and a WoW64 process's 32-bit side (the
 * PEB32 that EWOW64PROCESS.Peb points at, its loader data, a TEB32 per
 * thread) are made of.  _KTRAP_FRAME, _CONTEXT, _PEB32 and _TEB32 give only
 * the members used (the rest of each type is left out, as the opaque types
 * below are), at their 22000 offsets and with their 22000 sizes. */

/* struct _KTRAP_FRAME: the members the forge and readers use. Source: Windows 11
 * 21H2 (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables,
 * BSD-3), nearest public complete layout.
 */
static const struct fdef KTRAP_FRAME_f[] = {
    { "PreviousMode", 0x0028, "CHAR" },
    { "MxCsr",        0x002c, "ULONG" },
    { "Rax",          0x0030, "ULONGLONG" },
    { "Rcx",          0x0038, "ULONGLONG" },
    { "Rdx",          0x0040, "ULONGLONG" },
    { "R8",           0x0048, "ULONGLONG" },
    { "R9",           0x0050, "ULONGLONG" },
    { "Rbp",          0x0158, "ULONGLONG" },
    { "Rip",          0x0168, "ULONGLONG" },
    { "SegCs",        0x0170, "USHORT" },
    { "EFlags",       0x0178, "ULONG" },
    { "Rsp",          0x0180, "ULONGLONG" },
    { "SegSs",        0x0188, "USHORT" },
};

/* struct _CONTEXT: the members the forge and readers use. Source: Windows 11
 * 21H2 (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables,
 * BSD-3), nearest public complete layout.
 */
static const struct fdef CONTEXT_f[] = {
    { "ContextFlags", 0x0030, "ULONG" },
    { "MxCsr",        0x0034, "ULONG" },
    { "SegCs",        0x0038, "USHORT" },
    { "SegDs",        0x003a, "USHORT" },
    { "SegEs",        0x003c, "USHORT" },
    { "SegFs",        0x003e, "USHORT" },
    { "SegGs",        0x0040, "USHORT" },
    { "SegSs",        0x0042, "USHORT" },
    { "EFlags",       0x0044, "ULONG" },
    { "Rax",          0x0078, "ULONGLONG" },
    { "Rcx",          0x0080, "ULONGLONG" },
    { "Rdx",          0x0088, "ULONGLONG" },
    { "Rbx",          0x0090, "ULONGLONG" },
    { "Rsp",          0x0098, "ULONGLONG" },
    { "Rbp",          0x00a0, "ULONGLONG" },
    { "Rsi",          0x00a8, "ULONGLONG" },
    { "Rdi",          0x00b0, "ULONGLONG" },
    { "R8",           0x00b8, "ULONGLONG" },
    { "R9",           0x00c0, "ULONGLONG" },
    { "Rip",          0x00f8, "ULONGLONG" },
};

/* struct _NT_TIB32: the members the forge and readers use. Source: Windows 11
 * 21H2 (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables,
 * BSD-3), nearest public complete layout.
 */
static const struct fdef NT_TIB32_f[] = {
    { "ExceptionList",        0x0000, "ULONG" },
    { "StackBase",            0x0004, "ULONG" },
    { "StackLimit",           0x0008, "ULONG" },
    { "SubSystemTib",         0x000c, "ULONG" },
    { "FiberData",            0x0010, "ULONG" },
    { "Version",              0x0010, "ULONG" },
    { "ArbitraryUserPointer", 0x0014, "ULONG" },
    { "Self",                 0x0018, "ULONG" },
};

/* struct _CLIENT_ID32: the members the forge and readers use. Source: Windows 11
 * 21H2 (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables,
 * BSD-3), nearest public complete layout.
 */
static const struct fdef CLIENT_ID32_f[] = {
    { "UniqueProcess", 0x0000, "ULONG" },
    { "UniqueThread",  0x0004, "ULONG" },
};

/* struct _STRING32: the members the forge and readers use. Source: Windows 11
 * 21H2 (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables,
 * BSD-3), nearest public complete layout. The 32-bit UNICODE_STRING.
 */
static const struct fdef STRING32_f[] = {
    { "Length",        0x0000, "USHORT" },
    { "MaximumLength", 0x0002, "USHORT" },
    { "Buffer",        0x0004, "ULONG" },
};

/* struct _LIST_ENTRY32: the members the forge and readers use. Source: Windows 11
 * 21H2 (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables,
 * BSD-3), nearest public complete layout.
 */
static const struct fdef LIST_ENTRY32_f[] = {
    { "Flink", 0x0000, "ULONG" },
    { "Blink", 0x0004, "ULONG" },
};

/* struct _PEB32: the members the forge and readers use. Source: Windows 11
 * 21H2 (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables,
 * BSD-3), nearest public complete layout.
 */
static const struct fdef PEB32_f[] = {
    { "InheritedAddressSpace",      0x0000, "UCHAR" },
    { "BeingDebugged",              0x0002, "UCHAR" },
    { "Mutant",                     0x0004, "ULONG" },
    { "ImageBaseAddress",           0x0008, "ULONG" },
    { "Ldr",                        0x000c, "ULONG" },
    { "ProcessParameters",          0x0010, "ULONG" },
    { "ProcessHeap",                0x0018, "ULONG" },
    { "KernelCallbackTable",        0x002c, "ULONG" },
    { "NumberOfProcessors",         0x0064, "ULONG" },
    { "NtGlobalFlag",               0x0068, "ULONG" },
    { "NumberOfHeaps",              0x0088, "ULONG" },
    { "MaximumNumberOfHeaps",       0x008c, "ULONG" },
    { "ProcessHeaps",               0x0090, "ULONG" },
    { "OSMajorVersion",             0x00a4, "ULONG" },
    { "OSMinorVersion",             0x00a8, "ULONG" },
    { "OSBuildNumber",              0x00ac, "USHORT" },
    { "OSPlatformId",               0x00b0, "ULONG" },
    { "ImageSubsystem",             0x00b4, "ULONG" },
    { "ImageSubsystemMajorVersion", 0x00b8, "ULONG" },
    { "SessionId",                  0x01d4, "ULONG" },
};

/* struct _TEB32: the members the forge and readers use. Source: Windows 11
 * 21H2 (10.0.22000.318) ntkrnlmp ISF (JPCERTCC/Windows-Symbol-Tables,
 * BSD-3), nearest public complete layout.
 */
static const struct fdef TEB32_f[] = {
    { "NtTib",                     0x0000, "struct _NT_TIB32" },
    { "EnvironmentPointer",        0x001c, "ULONG" },
    { "ClientId",                  0x0020, "struct _CLIENT_ID32" },
    { "ActiveRpcHandle",           0x0028, "ULONG" },
    { "ThreadLocalStoragePointer", 0x002c, "ULONG" },
    { "ProcessEnvironmentBlock",   0x0030, "ULONG" },
    { "LastErrorValue",            0x0034, "ULONG" },
    { "CurrentLocale",             0x00c4, "ULONG" },
    { "RealClientId",              0x06b4, "struct _CLIENT_ID32" },
    { "DeallocationStack",         0x0e0c, "ULONG" },
    { "TlsSlots",                  0x0e10, "ULONG[64]" },
    { "GdiBatchCount",             0x0f70, "ULONG" },
    { "FlsData",                   0x0fb4, "ULONG" },
    { "SameTebFlags",              0x0fca, "USHORT" },
    { "WowTebOffset",              0x0fdc, "LONG" },
};

/* struct _PEB_LDR_DATA32 and _LDR_DATA_TABLE_ENTRY32: the 32-bit ntdll's
 * _PEB_LDR_DATA and _LDR_DATA_TABLE_ENTRY, which WoW64 processes hold beside
 * the 64-bit ones.  The kernel's symbols do not carry them; the offsets are
 * the 22000 x64 declarations (member order and types from the ISF above)
 * laid out for x86: pointers and ULONG_PTR 4 bytes, LIST_ENTRY and
 * UNICODE_STRING 8, RTL_BALANCED_NODE 12, 8-byte members 8-aligned.
 */
static const struct fdef PEB_LDR_DATA32_f[] = {
    { "Length",                          0x0000, "ULONG" },
    { "Initialized",                     0x0004, "UCHAR" },
    { "SsHandle",                        0x0008, "ULONG" },
    { "InLoadOrderModuleList",           0x000c, "struct LIST_ENTRY32" },
    { "InMemoryOrderModuleList",         0x0014, "struct LIST_ENTRY32" },
    { "InInitializationOrderModuleList", 0x001c, "struct LIST_ENTRY32" },
    { "EntryInProgress",                 0x0024, "ULONG" },
    { "ShutdownInProgress",              0x0028, "UCHAR" },
    { "ShutdownThreadId",                0x002c, "ULONG" },
};

static const struct fdef LDR_DATA_TABLE_ENTRY32_f[] = {
    { "InLoadOrderLinks",           0x0000, "struct LIST_ENTRY32" },
    { "InMemoryOrderLinks",         0x0008, "struct LIST_ENTRY32" },
    { "InInitializationOrderLinks", 0x0010, "struct LIST_ENTRY32" },
    { "DllBase",                    0x0018, "ULONG" },
    { "EntryPoint",                 0x001c, "ULONG" },
    { "SizeOfImage",                0x0020, "ULONG" },
    { "FullDllName",                0x0024, "struct _STRING32" },
    { "BaseDllName",                0x002c, "struct _STRING32" },
    { "Flags",                      0x0034, "ULONG" },
    { "ObsoleteLoadCount",          0x0038, "USHORT" },
    { "TlsIndex",                   0x003a, "USHORT" },
    { "HashLinks",                  0x003c, "struct LIST_ENTRY32" },
    { "TimeDateStamp",              0x0044, "ULONG" },
    { "OriginalBase",               0x0080, "ULONG" },
    { "LoadTime",                   0x0088, "LONGLONG" },
    { "BaseNameHashValue",          0x0090, "ULONG" },
    { "LoadReason",                 0x0094, "ULONG" },
    { "ReferenceCount",             0x009c, "ULONG" },
};

static const struct tdef wow64_types[] = {
    TDEF(STRUCT, "_KTRAP_FRAME", 0x190, KTRAP_FRAME_f),
    TDEF(STRUCT, "_CONTEXT", 0x4d0, CONTEXT_f),
    TDEF(STRUCT, "_NT_TIB32", 0x1c, NT_TIB32_f),
    TDEF(STRUCT, "_CLIENT_ID32", 0x8, CLIENT_ID32_f),
    TDEF(STRUCT, "_STRING32", 0x8, STRING32_f),
    TDEF(STRUCT, "LIST_ENTRY32", 0x8, LIST_ENTRY32_f),
    TDEF(STRUCT, "_PEB32", 0x488, PEB32_f),
    TDEF(STRUCT, "_TEB32", 0x1018, TEB32_f),
    TDEF(STRUCT, "_PEB_LDR_DATA32", 0x30, PEB_LDR_DATA32_f),
    TDEF(STRUCT, "_LDR_DATA_TABLE_ENTRY32", 0xb8, LDR_DATA_TABLE_ENTRY32_f),
};

/* ======== Referenced types kept opaque ========
 * Every type a field above names must exist (isf_builder_finish() rejects
 * dangling references).  These carry only a size: the 22000 size where the
 * 22000 ISF has the type, 0 where the type is reached only through pointers
 * and no public layout is known.  Nothing in eproc or Volatility's process
 * plugins reads their members. */
static const struct tdef stub_types[] = {
    TDEF_OPAQUE(STRUCT, "_ACL", 0x8), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_ACTIVATION_CONTEXT", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_ACTIVATION_CONTEXT_DATA", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_ACTIVATION_CONTEXT_STACK", 0x28), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_ASSEMBLY_STORAGE_MAP", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_AUTHZBASEP_CLAIM_ATTRIBUTES_COLLECTION", 0x260), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_AUTHZBASEP_SECURITY_ATTRIBUTES_INFORMATION", 0x30), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_CHPEV2_CPUAREA_INFO", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_CHPEV2_PROCESS_INFO", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_CM_KEY_NODE", 0x50), /* 22000 size; Volatility binds a class to it */
    TDEF_OPAQUE(STRUCT, "_CM_KEY_VALUE", 0x18), /* 22000 size; Volatility binds a class to it */
    TDEF_OPAQUE(STRUCT, "_CM_NOTIFY_BLOCK", 0x58), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_DEVICE_MAP", 0x128), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_DEVOBJ_EXTENSION", 0x70), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_DRIVER_EXTENSION", 0x50), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_EPROCESS_QUOTA_BLOCK", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_EPROCESS_VALUES", 0x68), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_ESERVERSILO_GLOBALS", 0x558), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_EXCEPTION_REGISTRATION_RECORD", 0x10), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_FAST_IO_DISPATCH", 0xe0), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_GDI_TEB_BATCH", 0x4e8), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_GENERIC_MAPPING", 0x10), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_HANDLE_TRACE_DEBUG_INFO", 0xf0), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_HMAP_ENTRY", 0x18), /* 22000 size; Volatility binds a class to it */
    TDEF_OPAQUE(STRUCT, "_INVERTED_FUNCTION_TABLE_KERNEL_MODE", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_IO_COMPLETION_CONTEXT", 0x10), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_IO_MINI_COMPLETION_PACKET_USER", 0x50), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_IO_TIMER", 0x30), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_IRP", 0xd0), /* 22000 size */
    TDEF_OPAQUE(UNION, "_JOBOBJECT_ENERGY_TRACKING_STATE", 0x8), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_JOB_ACCESS_STATE", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_JOB_CPU_RATE_CONTROL", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_JOB_NET_RATE_CONTROL", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_JOB_NOTIFICATION_INFORMATION", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_JOB_RATE_CONTROL_HEADER", 0x28), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_KAB_UM_PROCESS_TREE", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_KAFFINITY_EX", 0x108), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_KDEVICE_QUEUE", 0x28), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_KDPC_DATA", 0x30), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_KGATE", 0x18), /* 22000 size */
    TDEF_OPAQUE(UNION, "_KGDTENTRY64", 0x10), /* 22000 size */
    TDEF_OPAQUE(UNION, "_KIDTENTRY64", 0x10), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_KI_IDEAL_PROCESSOR_ASSIGNMENT_BLOCK", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_KLOCK_ENTRIES", 0x0), /* opaque */
    TDEF_OPAQUE(UNION, "_KPRIORITY_STATE", 0x1), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_KPROCESS_AVAILABLE_CPU_STATE", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_KQUEUE", 0x40), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_KSCB", 0x1a8), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_KSCHEDULING_GROUP", 0x240), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_KSPIN_LOCK_QUEUE", 0x10), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_KSWAPPABLE_PAGE", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_KTHREAD_COUNTERS", 0x1a8), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_KTSS64", 0x68), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_LDRP_LOAD_CONTEXT", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_LDR_DDAG_NODE", 0x50), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_LEAP_SECOND_DATA", 0x10), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_MI_CONTROL_AREA_WAIT_BLOCK", 0x28), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_MI_IMAGE_SECURITY_REFERENCE", 0x40), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_MI_PER_SESSION_PROTOS", 0x58), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_MI_SECTION_IMAGE_INFORMATION", 0x50), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_MI_SUBSECTION_ENTRY1", 0x4), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_MI_VAD_EVENT_BLOCK", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_MMEXTEND_INFO", 0x10), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_MMWSL_INSTANCE", 0x28), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_MM_SESSION_SPACE_FLAGS", 0x4), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_NON_PAGED_DEBUG_INFO", 0x20), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_OBJECT_CREATE_INFORMATION", 0x40), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_OBJECT_FOOTER", 0x30), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_OBJECT_HANDLE_COUNT_DATABASE", 0x18), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_OWNER_ENTRY", 0x10), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_PAGEFAULT_HISTORY", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_PO_DIAG_STACK_RECORD", 0x10), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_PO_PROCESS_ENERGY_CONTEXT", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_PROCESSOR_NUMBER", 0x4), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_PROCESS_DISK_COUNTERS", 0x28), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_PROCESS_EXTENDED_ENERGY_VALUES", 0x1b0), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_PROCESS_NETWORK_COUNTERS", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_PSP_STORAGE", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_PS_IO_CONTROL_ENTRY", 0x38), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_PS_JOB_WAKE_INFORMATION", 0x48), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_PS_SYSCALL_PROVIDER", 0x0), /* opaque */
    TDEF_OPAQUE(STRUCT, "_RTL_BITMAP", 0x10), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_RTL_CRITICAL_SECTION", 0x28), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_RTL_RB_TREE", 0x10), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_SEGMENT_FLAGS", 0x4), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_SEP_CACHED_HANDLES_ENTRY", 0x48), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_SEP_LOGON_SESSION_REFERENCES", 0xc0), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_SEP_LOWBOX_NUMBER_ENTRY", 0x38), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_SEP_LUID_TO_INDEX_MAP_ENTRY", 0x38), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_SEP_SID_VALUES_BLOCK", 0x20), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_SEP_TOKEN_DIAG_TRACK_ENTRY", 0x120), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_SHARED_CACHE_MAP", 0x258), /* 22000 size; Volatility binds a class to it */
    TDEF_OPAQUE(UNION, "_SLIST_HEADER", 0x10), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_TEB_ACTIVE_FRAME", 0x18), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_TERMINATION_PORT", 0x10), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_THREAD_ENERGY_VALUES", 0xc8), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_VACB_ARRAY_HEADER", 0x10), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_VPB", 0x60), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_WAIT_CONTEXT_BLOCK", 0x48), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_WNF_PROCESS_CONTEXT", 0x88), /* 22000 size; Volatility binds a class to it */
    TDEF_OPAQUE(STRUCT, "_WORK_QUEUE_ITEM", 0x20), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_XSAVE_FORMAT", 0x200), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_XSTATE_CONFIGURATION", 0x348), /* 22000 size */
    TDEF_OPAQUE(STRUCT, "_XSTATE_SAVE", 0x38), /* 22000 size */
};

/* ======== Enumerations -- values from the Windows 11 21H2 (22000) ISF;
 * these have been stable since Windows 10 and are not known to differ in 26100. */
static const struct edef_const ALTERNATIVE_ARCHITECTURE_TYPE_c[] = {
    { "StandardDesign", 0 },
    { "NEC98x86", 1 },
    { "EndAlternatives", 2 },
};
static const struct edef_const KOBJECTS_c[] = {
    { "EventNotificationObject", 0 },
    { "EventSynchronizationObject", 1 },
    { "MutantObject", 2 },
    { "ProcessObject", 3 },
    { "QueueObject", 4 },
    { "SemaphoreObject", 5 },
    { "ThreadObject", 6 },
    { "GateObject", 7 },
    { "TimerNotificationObject", 8 },
    { "TimerSynchronizationObject", 9 },
    { "Spare2Object", 10 },
    { "Spare3Object", 11 },
    { "Spare4Object", 12 },
    { "Spare5Object", 13 },
    { "Spare6Object", 14 },
    { "Spare7Object", 15 },
    { "Spare8Object", 16 },
    { "ProfileCallbackObject", 17 },
    { "ApcObject", 18 },
    { "DpcObject", 19 },
    { "DeviceQueueObject", 20 },
    { "PriQueueObject", 21 },
    { "InterruptObject", 22 },
    { "ProfileObject", 23 },
    { "Timer2NotificationObject", 24 },
    { "Timer2SynchronizationObject", 25 },
    { "ThreadedDpcObject", 26 },
    { "MaximumKernelObject", 27 },
};
static const struct edef_const KTHREAD_STATE_c[] = {
    { "Initialized", 0 },
    { "Ready", 1 },
    { "Running", 2 },
    { "Standby", 3 },
    { "Terminated", 4 },
    { "Waiting", 5 },
    { "Transition", 6 },
    { "DeferredReady", 7 },
    { "GateWaitObsolete", 8 },
    { "WaitingForProcessInSwap", 9 },
};
static const struct edef_const KWAIT_REASON_c[] = {
    { "Executive", 0 },
    { "FreePage", 1 },
    { "PageIn", 2 },
    { "PoolAllocation", 3 },
    { "DelayExecution", 4 },
    { "Suspended", 5 },
    { "UserRequest", 6 },
    { "WrExecutive", 7 },
    { "WrFreePage", 8 },
    { "WrPageIn", 9 },
    { "WrPoolAllocation", 10 },
    { "WrDelayExecution", 11 },
    { "WrSuspended", 12 },
    { "WrUserRequest", 13 },
    { "WrSpare0", 14 },
    { "WrQueue", 15 },
    { "WrLpcReceive", 16 },
    { "WrLpcReply", 17 },
    { "WrVirtualMemory", 18 },
    { "WrPageOut", 19 },
    { "WrRendezvous", 20 },
    { "WrKeyedEvent", 21 },
    { "WrTerminated", 22 },
    { "WrProcessInSwap", 23 },
    { "WrCpuRateControl", 24 },
    { "WrCalloutStack", 25 },
    { "WrKernel", 26 },
    { "WrResource", 27 },
    { "WrPushLock", 28 },
    { "WrMutex", 29 },
    { "WrQuantumEnd", 30 },
    { "WrDispatchInt", 31 },
    { "WrPreempted", 32 },
    { "WrYieldExecution", 33 },
    { "WrFastMutex", 34 },
    { "WrGuardedMutex", 35 },
    { "WrRundown", 36 },
    { "WrAlertByThreadId", 37 },
    { "WrDeferredPreempt", 38 },
    { "WrPhysicalFault", 39 },
    { "WrIoRing", 40 },
    { "MaximumWaitReason", 41 },
};
static const struct edef_const LDR_DLL_LOAD_REASON_c[] = {
    { "LoadReasonUnknown", -1 },
    { "LoadReasonStaticDependency", 0 },
    { "LoadReasonStaticForwarderDependency", 1 },
    { "LoadReasonDynamicForwarderDependency", 2 },
    { "LoadReasonDelayloadDependency", 3 },
    { "LoadReasonDynamicLoad", 4 },
    { "LoadReasonAsImageLoad", 5 },
    { "LoadReasonAsDataLoad", 6 },
    { "LoadReasonEnclavePrimary", 7 },
    { "LoadReasonEnclaveDependency", 8 },
    { "LoadReasonPatchImage", 9 },
};
static const struct edef_const LDR_HOT_PATCH_STATE_c[] = {
    { "LdrHotPatchBaseImage", 0 },
    { "LdrHotPatchNotApplied", 1 },
    { "LdrHotPatchAppliedReverse", 2 },
    { "LdrHotPatchAppliedForward", 3 },
    { "LdrHotPatchFailedToPatch", 4 },
    { "LdrHotPatchStateMax", 5 },
};
static const struct edef_const MODE_c[] = {
    { "KernelMode", 0 },
    { "UserMode", 1 },
    { "MaximumMode", 2 },
};
static const struct edef_const NT_PRODUCT_TYPE_c[] = {
    { "NtProductWinNt", 1 },
    { "NtProductLanManNt", 2 },
    { "NtProductServer", 3 },
};
static const struct edef_const POOL_TYPE_c[] = {
    { "NonPagedPool", 0 },
    { "NonPagedPoolBase", 0 },
    { "NonPagedPoolExecute", 0 },
    { "PagedPool", 1 },
    { "NonPagedPoolBaseMustSucceed", 2 },
    { "NonPagedPoolMustSucceed", 2 },
    { "DontUseThisType", 3 },
    { "NonPagedPoolBaseCacheAligned", 4 },
    { "NonPagedPoolCacheAligned", 4 },
    { "PagedPoolCacheAligned", 5 },
    { "NonPagedPoolBaseCacheAlignedMustS", 6 },
    { "NonPagedPoolCacheAlignedMustS", 6 },
    { "MaxPoolType", 7 },
    { "NonPagedPoolSession", 32 },
    { "PagedPoolSession", 33 },
    { "NonPagedPoolMustSucceedSession", 34 },
    { "DontUseThisTypeSession", 35 },
    { "NonPagedPoolCacheAlignedSession", 36 },
    { "PagedPoolCacheAlignedSession", 37 },
    { "NonPagedPoolCacheAlignedMustSSession", 38 },
    { "NonPagedPoolNx", 512 },
    { "NonPagedPoolNxCacheAligned", 516 },
    { "NonPagedPoolSessionNx", 544 },
};
static const struct edef_const PS_PROTECTED_SIGNER_c[] = {
    { "PsProtectedSignerNone", 0 },
    { "PsProtectedSignerAuthenticode", 1 },
    { "PsProtectedSignerCodeGen", 2 },
    { "PsProtectedSignerAntimalware", 3 },
    { "PsProtectedSignerLsa", 4 },
    { "PsProtectedSignerWindows", 5 },
    { "PsProtectedSignerWinTcb", 6 },
    { "PsProtectedSignerWinSystem", 7 },
    { "PsProtectedSignerApp", 8 },
    { "PsProtectedSignerMax", 9 },
};
static const struct edef_const PS_PROTECTED_TYPE_c[] = {
    { "PsProtectedTypeNone", 0 },
    { "PsProtectedTypeProtectedLight", 1 },
    { "PsProtectedTypeProtected", 2 },
    { "PsProtectedTypeMax", 3 },
};
static const struct edef_const SECURITY_IMPERSONATION_LEVEL_c[] = {
    { "SecurityAnonymous", 0 },
    { "SecurityIdentification", 1 },
    { "SecurityImpersonation", 2 },
    { "SecurityDelegation", 3 },
};
static const struct edef_const SYSTEM_DLL_TYPE_c[] = {
    { "PsNativeSystemDll", 0 },
    { "PsWowX86SystemDll", 1 },
    { "PsWowArm32SystemDll", 2 },
    { "PsWowChpeX86SystemDll", 3 },
    { "PsChpeV2SystemDll", 4 },
    { "PsVsmEnclaveRuntimeDll", 5 },
    { "PsSystemDllTotalTypes", 6 },
};
static const struct edef_const TOKEN_TYPE_c[] = {
    { "TokenPrimary", 1 },
    { "TokenImpersonation", 2 },
};

static const struct edef enum_types[] = {
    EDEF("_ALTERNATIVE_ARCHITECTURE_TYPE", 4, "int", ALTERNATIVE_ARCHITECTURE_TYPE_c),
    EDEF("_KOBJECTS", 4, "int", KOBJECTS_c),
    EDEF("_KTHREAD_STATE", 4, "int", KTHREAD_STATE_c),
    EDEF("_KWAIT_REASON", 4, "int", KWAIT_REASON_c),
    EDEF("_LDR_DLL_LOAD_REASON", 4, "int", LDR_DLL_LOAD_REASON_c),
    EDEF("_LDR_HOT_PATCH_STATE", 4, "int", LDR_HOT_PATCH_STATE_c),
    EDEF("_MODE", 4, "int", MODE_c),
    EDEF("_NT_PRODUCT_TYPE", 4, "int", NT_PRODUCT_TYPE_c),
    EDEF("_POOL_TYPE", 4, "int", POOL_TYPE_c),
    EDEF("_PS_PROTECTED_SIGNER", 4, "int", PS_PROTECTED_SIGNER_c),
    EDEF("_PS_PROTECTED_TYPE", 4, "int", PS_PROTECTED_TYPE_c),
    EDEF("_SECURITY_IMPERSONATION_LEVEL", 4, "int", SECURITY_IMPERSONATION_LEVEL_c),
    EDEF("_SYSTEM_DLL_TYPE", 4, "int", SYSTEM_DLL_TYPE_c),
    EDEF("_TOKEN_TYPE", 4, "int", TOKEN_TYPE_c),
};

/* ---------------------------------------------------------------------
 * Assembly
 * ------------------------------------------------------------------- */

static void add_basic_types(struct build_state *st) { add_tdefs(st, basic_types, NELEM(basic_types)); }
static void add_process_types(struct build_state *st) { add_tdefs(st, process_types, NELEM(process_types)); }
static void add_thread_types(struct build_state *st) { add_tdefs(st, thread_types, NELEM(thread_types)); }
static void add_memory_types(struct build_state *st) { add_tdefs(st, memory_types, NELEM(memory_types)); }
static void add_object_types(struct build_state *st) { add_tdefs(st, object_types, NELEM(object_types)); }
static void add_registry_types(struct build_state *st) { add_tdefs(st, registry_types, NELEM(registry_types)); }
static void add_security_types(struct build_state *st) { add_tdefs(st, security_types, NELEM(security_types)); }
static void add_system_types(struct build_state *st) { add_tdefs(st, system_types, NELEM(system_types)); }
static void add_wow64_types(struct build_state *st) { add_tdefs(st, wow64_types, NELEM(wow64_types)); }
static void add_opaque_types(struct build_state *st) { add_tdefs(st, stub_types, NELEM(stub_types)); }
static void add_enums(struct build_state *st) { add_edefs(st, enum_types, NELEM(enum_types)); }

static void add_symbols(struct build_state *st)
{
    for (size_t i = 0; i < sizeof builtin_26100_symbols / sizeof builtin_26100_symbols[0]; i++)
        isfb_symbol(st->b, builtin_26100_symbols[i].name, builtin_26100_symbols[i].rva);
}

struct isf *isf_builtin_26100(void)
{
    struct build_state st = { 0 };
    struct ep_error err = { { 0 } };

    st.b = isf_builder_new("ntkrnlmp.pdb", BUILTIN_26100_GUID, BUILTIN_26100_AGE);
    if (!st.b)
        return NULL;
    isfb_x64_base_types(st.b);
    add_basic_types(&st);
    add_process_types(&st);
    add_thread_types(&st);
    add_memory_types(&st);
    add_object_types(&st);
    add_registry_types(&st);
    add_security_types(&st);
    add_system_types(&st);
    add_wow64_types(&st);
    add_opaque_types(&st);
    add_enums(&st);
    add_symbols(&st);

    struct isf *isf = isf_builder_finish(st.b, &err);
    if (!isf) {
        ep_warn("%s", err.msg);
        return NULL;
    }
    if (st.problem[0]) {
        ep_warn("built-in symbol table: %s", st.problem);
        isf_free(isf);
        return NULL;
    }
    snprintf(isf->source, sizeof isf->source, "built-in profile: Windows 11 24H2 x64 (10.0.26100)");
    return isf;
}
