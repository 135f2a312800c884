/* Raw images: the file is physical memory from address 0, byte for byte. */
#include "base/bytes.h"
#include "layer/formats.h"

int raw_parse(struct capture *cap, struct ep_error *err)
{
    cap->kind = CAPTURE_RAW;
    cap->format = "raw";
    if (cap->file.size < 0x1000)
        return ep_fail(err, "%s: not a memory capture: %llu bytes is smaller than one page and no known header was found",
                       cap->file.path, (unsigned long long)cap->file.size);
    if (cap->file.size & 0xfff)
        ep_info("%s: raw image size %llu is not a multiple of the 4 KiB page size (truncated?)",
                cap->file.path, (unsigned long long)cap->file.size);
    if (capture_add_run(cap, 0, cap->file.size, 0) != 0)
        return ep_fail(err, "%s: out of memory", cap->file.path);
    return 0;
}
