/* Naming kernel objects from a memory image: what a handle points at.
 *
 * An object body follows its _OBJECT_HEADER; the header's TypeIndex is
 * decoded with ObHeaderCookie (objects.h).  The name depends on the type:
 *   - named objects: _OBJECT_HEADER_NAME_INFO (before the header, after
 *     the creator info when InfoMask has 0x01), its Directory chain up to
 *     the root directory spells the full path ("\BaseNamedObjects\X");
 *   - File: the _DEVICE_OBJECT's name ("\Device\HarddiskVolume3") and
 *     _FILE_OBJECT.FileName;
 *   - Key: _CM_KEY_BODY.KeyControlBlock, then each KCB's NameBlock
 *     (_CM_NAME_CONTROL_BLOCK, one byte a character when Compressed) up
 *     the ParentKcb chain ("\REGISTRY\MACHINE\...");
 *   - Process: "IMAGEFILENAME Pid N"; Thread: "Tid N Pid N" (Cid).
 * Offsets come from the profile (kobject_layout_resolve); a field the
 * profile lacks leaves the name empty.  Every chain is bounded. */
#ifndef EPROC_WINDOWS_KOBJECT_H
#define EPROC_WINDOWS_KOBJECT_H

#include <stddef.h>
#include <stdint.h>

#include "symbols/isf.h"
#include "windows/kernel.h"

/* Offsets of the object bodies handles name (NT_NONE when absent). */
struct kobject_layout {
    uint32_t onh_directory;              /* _OBJECT_HEADER_NAME_INFO.Directory */
    uint32_t oh_pointer_count, oh_handle_count;  /* _OBJECT_HEADER */
    uint32_t fo_device, fo_file_name;    /* _FILE_OBJECT */
    uint32_t fo_fs_context;              /* _FILE_OBJECT.FsContext */
    uint32_t key_kcb;                    /* _CM_KEY_BODY.KeyControlBlock */
    uint32_t kcb_parent, kcb_name_block; /* _CM_KEY_CONTROL_BLOCK */
    uint32_t ncb_compressed_byte, ncb_name_length, ncb_name;
    struct nt_bit ncb_compressed;        /* _CM_NAME_CONTROL_BLOCK.Compressed */
    /* _TOKEN (token.c) */
    uint32_t tk_size, tk_source, tk_id, tk_auth_id, tk_modified_id, tk_privileges, tk_session;
    uint32_t tk_count, tk_groups, tk_primary_group, tk_type, tk_imp_level, tk_flags;
    uint32_t tk_integrity_index, tk_mandatory_policy, tk_logon_session;
    uint32_t sa_size, sa_sid, sa_attributes;  /* _SID_AND_ATTRIBUTES */
    uint32_t ep_token;                   /* _EPROCESS.Token (EX_FAST_REF) */
};

/* Offset of TYPE.FIELD, NT_NONE when absent (shared by the resolvers). */
uint32_t isf_offset(const struct isf *isf, const char *type, const char *field);
/* Size of TYPE, NT_NONE when absent. */
uint32_t isf_size(const struct isf *isf, const char *type);

void kobject_layout_resolve(const struct isf *isf, struct kobject_layout *l);

/* What the namers need, set up once per image. */
struct kobject_ctx {
    struct kernel *k;
    const struct nt_layout *nl;
    const struct obj_types *types;
    struct kobject_layout ol;
};

/* Set up; -1 (err set) when the profile has no object header layout. */
int kobject_ctx_init(struct kobject_ctx *c, struct kernel *k, struct ep_error *err);

struct kobject_header {
    unsigned type_index;         /* decoded through ObHeaderCookie */
    const char *type_name;       /* "" when unknown; lives as long as the kernel */
    uint8_t info_mask;
    int has_counts;
    uint64_t pointer_count, handle_count;
};

/* The header at header_va.  -1 when it is unreadable. */
int kobject_header_read(const struct kobject_ctx *c, uint64_t header_va, struct kobject_header *h);

/* The full path from the header's name info ("" when it has none).
 * Returns 0, or -1 when a read failed part-way (out holds what was read). */
int kobject_header_name(const struct kobject_ctx *c, uint64_t header_va, char *out, size_t n);

/* Type-specific names: "\Device\X\path"; "\REGISTRY\..."; 0 or -1. */
int kobject_file_name(const struct kobject_ctx *c, uint64_t body, char *out, size_t n);
int kobject_key_name(const struct kobject_ctx *c, uint64_t body, char *out, size_t n);
/* A named-pipe end: FILE_OBJECT.FsContext is the pipe instance's CCB,
 * bit 0 set on the server end (FILE_PIPE_SERVER_END).  0 with *server and
 * *ccb set, -1 when unreadable or 0 (not a pipe instance). */
int kobject_pipe_end(const struct kobject_ctx *c, uint64_t body, int *server, uint64_t *ccb);
/* A process's UniqueProcessId and ImageFileName; a thread's Cid. */
int kobject_process_id(const struct kobject_ctx *c, uint64_t eprocess, uint64_t *pid, char name[16]);
int kobject_thread_cid(const struct kobject_ctx *c, uint64_t ethread, uint64_t *pid, uint64_t *tid);

#endif
