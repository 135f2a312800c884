/* HandleData stream: the process's handle table as the dump writer saw it.
 *
 * MINIDUMP_HANDLE_DATA_STREAM (Microsoft Learn, minidumpapiset.h):
 *   SizeOfHeader, SizeOfDescriptor, NumberOfDescriptors, Reserved;
 * MINIDUMP_HANDLE_DESCRIPTOR (32 bytes): u64 Handle, TypeNameRva,
 *   ObjectNameRva, Attributes, GrantedAccess, HandleCount, PointerCount;
 * MINIDUMP_HANDLE_DESCRIPTOR_2 (40 bytes) adds ObjectInfoRva, Reserved0.
 * Names are MINIDUMP_STRINGs; an RVA of 0 means "not recorded". */
#include "minidump/md_internal.h"

void md_parse_handle_data(struct md_dump *md, struct md_stream *s)
{
    uint32_t hsize, dsize;
    uint64_t count;
    if (md_list_header(md, s, "HandleData", "handles", 16, 0, 32, &hsize, &dsize, &count) != 0)
        return;
    uint32_t n = (uint32_t)count;
    if (n > MD_MAX_HANDLES) {
        md_warn(md, "HandleData: %u handles, reading the first %u", n, MD_MAX_HANDLES);
        n = MD_MAX_HANDLES;
        s->status = MD_ST_PARTIAL;
    }
    md->handles = ep_calloc(n, sizeof *md->handles);
    md->nhandles = n;
    md->have_handles = 1;
    uint32_t badnames = 0;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *e = md->data + s->rva + hsize + (uint64_t)i * dsize;
        struct an_handle *hd = &md->handles[i];
        int bad1 = 0, bad2 = 0;
        hd->handle = le64(e);
        hd->type_name = md_string_at(md, le32(e + 8), &bad1);
        hd->object_name = md_string_at(md, le32(e + 12), &bad2);
        hd->attributes = le32(e + 16);
        hd->granted_access = le32(e + 20);
        hd->handle_count = le32(e + 24);
        hd->pointer_count = le32(e + 28);
        badnames += bad1 + bad2;
    }
    if (badnames)
        md_warn(md, "HandleData: %u handle name%s outside the file", badnames,
                badnames == 1 ? "" : "s");
    md_note(s, "%u handle%s", n, n == 1 ? "" : "s");
}
