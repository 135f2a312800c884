/* A process's memory map as the memory manager keeps it: the VAD tree
 * (EPROCESS.VadRoot, an RTL_AVL_TREE of _MMVAD_SHORT / _MMVAD nodes; seed
 * 003).  Short nodes describe private memory; long ones reach the mapped
 * file through Subsection -> ControlArea -> FilePointer -> FILE_OBJECT.
 *
 * The walk is iterative over an explicit stack, remembers every node it
 * visited (a cyclic or shared subtree ends that branch), and stops at
 * VAD_MAX_NODES: nothing in the capture decides how deep the C stack goes
 * or how long the walk runs. */
#ifndef EPROC_WINDOWS_VADTREE_H
#define EPROC_WINDOWS_VADTREE_H

#include <stdint.h>

#include "windows/kernel.h"

#define VAD_MAX_NODES (1u << 16)

struct ep_vad {
    uint64_t va;                  /* the node */
    uint64_t parent, left, right; /* its tree links (RTL_BALANCED_NODE; parent without the balance bits), 0 if none */
    uint64_t start, end;          /* first and last byte (end inclusive) */
    uint32_t vad_type;            /* _MI_VAD_TYPE: 0 none, 1 device physical, 2 image map, 3 AWE,
                                   * 4 write watch, 5 large pages, 6 rotate physical, 7 large page section */
    uint32_t protection;          /* MM protection index (0..31): low 3 bits the access, 8 nocache... */
    int private_memory;           /* u.VadFlags.PrivateMemory */
    uint64_t commit_charge;       /* pages */
    int mem_commit;               /* u1.VadFlags1.MemCommit */
    uint32_t flags, flags1;       /* the raw VadFlags / VadFlags1 words */
    char tag[5];                  /* pool tag before the node ("VadS", "Vad ", ...), "" if unreadable */
    int is_long;                  /* an _MMVAD (has a subsection) */
    uint64_t subsection, control_area, file_object;   /* 0 when none */
    int ca_image, ca_file;        /* the control area's Image / File flags */
    char file[600];               /* the file object's FileName, "" if none */
};

struct ep_vad_list {
    struct ep_vad *items;         /* sorted by start */
    unsigned n, cap;
    char problem[200];            /* why the walk is incomplete, "" if it is not */
};

/* The VADs of the process whose EPROCESS is at eprocess.  -1 with err when
 * the profile lacks the fields; a broken tree is reported in out->problem
 * and what was read is kept. */
int vads_of_process(struct kernel *k, uint64_t eprocess, struct ep_vad_list *out, struct ep_error *err);
void vad_list_free(struct ep_vad_list *l);

/* "PAGE_EXECUTE_READWRITE" for an MM protection index (the low 3 bits;
 * 8 adds "|PAGE_NOCACHE", 16 "|PAGE_GUARD", 24 "|PAGE_WRITECOMBINE").
 * out gets "" for index 0 of the NOACCESS family read as 0 ("PAGE_NOACCESS"). */
const char *vad_protection_name(uint32_t index, char *out, unsigned outsz);
/* "VadNone", "VadImageMap", ... */
const char *vad_type_name(uint32_t t);
/* The Win32 PAGE_* value for an MM protection index (VirtualQuery's view). */
uint32_t vad_protection_win32(uint32_t index);

#endif
