/* LiME captures: a sequence of (32-byte header, range bytes) records.
 * Header layout (LiME's documented format, lime-forensics doc/README.md):
 *   u32 magic 0x4C694D45, u32 version (1), u64 s_addr, u64 e_addr
 *   (inclusive), u8 reserved[8]. */
#include "base/bytes.h"
#include "layer/formats.h"

#define LIME_MAX_RANGES 65536u

int lime_parse(struct capture *cap, struct ep_error *err)
{
    const char *path = cap->file.path;
    const uint8_t *d = cap->file.data;
    uint64_t size = cap->file.size, off = 0;
    unsigned nranges = 0;
    cap->kind = CAPTURE_LIME;
    cap->format = "LiME";
    while (off < size) {
        if (!span_ok(off, LIME_HEADER_SIZE, size)) {
            ep_warn("%s: %llu stray bytes after the last LiME range (truncated header?)",
                    path, (unsigned long long)(size - off));
            break;
        }
        uint32_t magic = le32(d + off), version = le32(d + off + 4);
        uint64_t start = le64(d + off + 8), end = le64(d + off + 16);
        if (magic != LIME_MAGIC) {
            if (nranges == 0)
                return ep_fail(err, "%s: bad LiME header magic 0x%08x", path, magic);
            ep_warn("%s: bad LiME header magic at file offset 0x%llx; ignoring the rest",
                    path, (unsigned long long)off);
            break;
        }
        if (version != 1)
            return ep_fail(err, "%s: LiME version %u at file offset 0x%llx: only version 1 exists",
                           path, version, (unsigned long long)off);
        if (end < start)
            return ep_fail(err, "%s: LiME range at file offset 0x%llx ends (0x%llx) before it starts (0x%llx)",
                           path, (unsigned long long)off, (unsigned long long)end, (unsigned long long)start);
        if (++nranges > LIME_MAX_RANGES)
            return ep_fail(err, "%s: more than %u LiME ranges", path, LIME_MAX_RANGES);
        uint64_t len = end - start + 1;
        off += LIME_HEADER_SIZE;
        if (len == 0 || capture_add_run(cap, start, len, off) != 0)   /* len 0: full 2^64 range */
            return ep_fail(err, "%s: LiME range 0x%llx-0x%llx is not usable",
                           path, (unsigned long long)start, (unsigned long long)end);
        if (len > size - off) {
            /* capture_finish_runs() trims it and warns. */
            break;
        }
        off += len;
    }
    return 0;
}
