/* How a Windows build keeps its registry callbacks (CmRegisterCallback /
 * CmRegisterCallbackEx), decided by the symbol its kernel table names.
 * The forge writes that form and `callbacks` reads it, so both take the
 * choice from here.
 *
 * - CallbackListHead (every real x64 table in ../shared/data/isf: 14393,
 *   17763, 19041.x, 20348, 22000): a circular LIST_ENTRY of callback
 *   blocks in nonpaged pool, one per registration.  Offsets of the block
 *   (Volatility 3's symbols/windows/callbacks-x64.json, _CM_CALLBACK_ENTRY;
 *   facts only): Link +0x00 (LIST_ENTRY), Cookie +0x18 (LARGE_INTEGER, what
 *   CmRegisterCallbackEx hands back), Context +0x20 (the driver's context
 *   argument), Function +0x28, Altitude +0x30 (UNICODE_STRING).
 * - CmpCallBackVector (the form before CallbackListHead; of the tables
 *   here only the built-in 26100 profile names it, for Volatility 3's
 *   legacy path): an array of EX_FAST_REF slots to
 *   EX_CALLBACK_ROUTINE_BLOCKs, as the process notify array
 *   (windows/callbacks.h).
 *
 * CmpCallBackCount holds the number of registrations in both forms.
 * A table naming both symbols is read as the vector, the order Volatility
 * 3's windows.callbacks tries them in, so the two tools agree. */
#ifndef EPROC_WINDOWS_CM_CALLBACKS_H
#define EPROC_WINDOWS_CM_CALLBACKS_H

#include "symbols/isf.h"

enum cm_callback_form { CM_FORM_NONE, CM_FORM_VECTOR, CM_FORM_LIST };

#define CM_CALLBACK_MAX 100            /* slots of the built-in CmpCallBackVector (_EX_CALLBACK[100]); list walks stop there too */

#define CM_ENTRY_LINK 0x00
#define CM_ENTRY_COOKIE 0x18
#define CM_ENTRY_CONTEXT 0x20
#define CM_ENTRY_FUNCTION 0x28
#define CM_ENTRY_ALTITUDE 0x30
#define CM_ENTRY_SIZE 0x40

/* The form the table uses and, in *symbol, the global holding it
 * ("CmpCallBackVector", "CallbackListHead"; NULL for CM_FORM_NONE). */
enum cm_callback_form cm_callback_form(const struct isf *isf, const char **symbol);

#endif
