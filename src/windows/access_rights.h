/* Granted-access masks in words: the type's specific rights (bits 0-15),
 * the standard rights (16-20) and the generic/system bits, with the
 * type's ALL_ACCESS named when the mask is exactly it.  Values from the
 * Windows SDK headers winnt.h, ntifs.h and winuser.h (facts, not code). */
#ifndef EPROC_WINDOWS_ACCESS_RIGHTS_H
#define EPROC_WINDOWS_ACCESS_RIGHTS_H

#include <stddef.h>
#include <stdint.h>

/* "PROCESS_VM_READ|PROCESS_QUERY_INFORMATION|SYNCHRONIZE"; bits the type
 * does not define are appended as one hex number; "" for 0. */
void access_rights_text(const char *type_name, uint32_t mask, char *out, size_t n);

/* Process rights that matter to findings (winnt.h). */
#define PROCESS_TERMINATE 0x0001u
#define PROCESS_CREATE_THREAD 0x0002u
#define PROCESS_VM_OPERATION 0x0008u
#define PROCESS_VM_READ 0x0010u
#define PROCESS_VM_WRITE 0x0020u
#define PROCESS_DUP_HANDLE 0x0040u
#define THREAD_SET_CONTEXT 0x0010u

#endif
