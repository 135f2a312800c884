#!/usr/bin/env python3
"""Read services.exe's service database from a raw memory image, knowing
only the layout docs/forge.md documents (Windows 11 24H2, build 26100, x64)
and x64 4-level paging -- nothing of eproc's or the forge's code.

    service_records.py IMAGE.raw DTB

IMAGE is a raw image (file offset = physical address); DTB is services.exe's
directory table base.  Finds every 8-byte-aligned 'serH' tag in physical
memory, keeps those whose page services.exe maps, and walks each header's
record chain through PrevEntry.  Prints JSON: {"headers": [VA...],
"records": [{...}]} with one record per distinct record address.
"""
import json
import mmap
import sys

from x64_space import Space

# _SERVICE_HEADER / _SERVICE_RECORD / _SERVICE_PROCESS (docs/forge.md)
HDR_RECORD = 0x10
REC_PREV, REC_ORDER, REC_START = 0x10, 0x20, 0x24
REC_NAME, REC_DISPLAY, REC_TYPE, REC_STATE = 0x38, 0x40, 0x50, 0x54
REC_DRIVER_NAME, REC_PROCESS = 0x128, 0x150
PROC_BINARY, PROC_PID = 0x18, 0x28
MAX_RECORDS = 65536


def virtual_addresses_of(space, pa):
    """The user VAs (PML4 entries 0-255) that map physical address pa."""
    found = []

    def walk(table, level, base):
        shift = 39 - 9 * level
        for i in range(256 if level == 0 else 512):
            e = space.phys_u64(table + i * 8)
            if not e or not e & 1:
                continue
            va = base | (i << shift)
            frame = e & 0x000FFFFFFFFFF000
            if level == 3 or (level in (1, 2) and e & 0x80):     # a page: 4 KiB, 1 GiB or 2 MiB
                size = 1 << shift
                frame &= ~(size - 1)
                if frame <= pa < frame + size:
                    found.append(va | (pa - frame))
            else:
                walk(frame, level + 1, va)

    walk(space.dtb, 0, 0)
    return found


def main():
    image, dtb = sys.argv[1], int(sys.argv[2], 0)
    with open(image, "rb") as fh:
        mem = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    space = Space(mem, dtb)
    hits = []
    pos = mem.find(b"serH")
    while pos != -1:
        if pos % 8 == 0:
            hits.append(pos)
        pos = mem.find(b"serH", pos + 1)
    headers, records, seen = [], [], set()
    for pa in hits:
        for hva in virtual_addresses_of(space, pa):
            headers.append(hva)
            rec = space.u64(hva + HDR_RECORD)
            for _ in range(MAX_RECORDS):
                if not rec or rec in seen:
                    break
                seen.add(rec)
                proc = space.u64(rec + REC_PROCESS)
                row = {
                    "record": rec,
                    "order": space.u32(rec + REC_ORDER),
                    "start": space.u32(rec + REC_START),
                    "name": space.wstr(space.u64(rec + REC_NAME)),
                    "display": space.wstr(space.u64(rec + REC_DISPLAY)),
                    "type": space.u32(rec + REC_TYPE),
                    "state": space.u32(rec + REC_STATE),
                    "driver_name": space.wstr(space.u64(rec + REC_DRIVER_NAME)),
                    "service_process": proc,
                    "pid": space.u32(proc + PROC_PID) if proc else None,
                    "binary": space.wstr(space.u64(proc + PROC_BINARY)) if proc else None,
                }
                records.append(row)
                rec = space.u64(rec + REC_PREV)
    json.dump({"headers": headers, "records": records}, sys.stdout)


if __name__ == "__main__":
    main()
