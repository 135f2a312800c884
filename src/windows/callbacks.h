/* The kernel's process, thread and image-load notify routines: the arrays
 * PspCreateProcessNotifyRoutine, PspCreateThreadNotifyRoutine and
 * PspLoadImageNotifyRoutine that PsSetCreateProcessNotifyRoutine(Ex/Ex2),
 * PsSetCreateThreadNotifyRoutine(Ex) and PsSetLoadImageNotifyRoutine(Ex)
 * fill (security products and rootkits register there).
 *
 * Each slot is an EX_FAST_REF: a pointer whose low bits are a reference
 * count (_EX_FAST_REF.RefCnt: 4 bits on x64 in the public symbols, read
 * from the profile when it has the bitfield); the pointer, with those bits
 * cleared, is an EX_CALLBACK_ROUTINE_BLOCK { EX_RUNDOWN_REF RundownProtect;
 * PEX_CALLBACK_FUNCTION Function; PVOID Context; }, so Function is at +8
 * on x64 (ReactOS's ntoskrnl/include/internal/ex.h declares it so, and
 * Volatility 3's callbacks-x64.json types _EX_CALLBACK_ROUTINE_BLOCK with
 * Function at offset 8).  64 slots each (the _EX_CALLBACK[64] arrays of
 * the Windows 10/11 public symbols).
 *
 * Registry callbacks (CmRegisterCallback(Ex)) are read too, in the form
 * the capture's table says its build keeps them (windows/cm_callbacks.h):
 * CmpCallBackVector slots like the arrays above, or the CallbackListHead
 * list of callback blocks, whose "slot" is the position on the list. */
#ifndef EPROC_WINDOWS_CALLBACKS_H
#define EPROC_WINDOWS_CALLBACKS_H

#include <stdint.h>

#include "windows/cm_callbacks.h"
#include "windows/kernel.h"

enum kcallback_kind { KCB_PROCESS, KCB_THREAD, KCB_IMAGE, KCB_REGISTRY };

#define KCB_SLOTS 64
#define KCB_ARRAYS 4                 /* the three notify arrays and the registry's vector or list */

struct kcallback {
    enum kcallback_kind kind;
    const char *array;           /* the symbol: "PspCreateProcessNotifyRoutine", "CallbackListHead" */
    unsigned slot;               /* array index; a list's position from its head (0-based) */
    uint64_t fast_ref;           /* the slot's raw value; 0 for a list entry */
    unsigned ref_count;          /* its low bits */
    uint64_t block;              /* EX_CALLBACK_ROUTINE_BLOCK, or the registry list's callback block */
    int block_readable;
    uint64_t routine, context;   /* Function, Context */
    uint64_t cookie;             /* registry list entries: the registration's cookie */
    char altitude[64];           /* registry list entries: the altitude ("" when unreadable or absent) */
};

struct kcallback_list {
    struct kcallback items[3 * KCB_SLOTS + CM_CALLBACK_MAX];
    unsigned n;
    const char *missing[KCB_ARRAYS]; /* arrays the profile does not name, or whose slots are not in the capture */
    unsigned nmissing;
    const char *registry_symbol; /* the registry form read ("CmpCallBackVector", "CallbackListHead"), or NULL */
};

const char *kcallback_kind_name(enum kcallback_kind kind);   /* "process", "thread", "image", "registry" */

/* Every non-empty slot of the three arrays and every registry callback.
 * -1 with err without a profile or kernel base. */
int kcallbacks_read(struct kernel *k, struct kcallback_list *out, struct ep_error *err);

#endif
