#!/usr/bin/env python3
"""Read services.exe's service database from a raw memory image, knowing
only the layouts docs/forge.md documents per build (x64) and x64 4-level
paging -- nothing of eproc's or the forge's code.

    service_records.py IMAGE.raw DTB [BUILD]

BUILD (default 26100) chooses the layout.

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

# _SERVICE_HEADER / _SERVICE_RECORD / _SERVICE_PROCESS (docs/forge.md,
# "Service records"): the header's record pointer, then per layout, from
# its first build: PrevEntry, Order, Start, ServiceName, DisplayName, Type,
# State, DriverName, ServiceProcess, and the process block's BinaryPath
# and ProcessId
HDR_RECORD = 0x10
LAYOUTS = [  # first build, (prev, order, start, name, display, type, state, driver, process), (binary, pid)
    (0, (0x08, 0x20, 0x5C, 0x10, 0x18, 0x40, 0x44, 0x38, 0x38), (0x18, 0x20)),
    (15063, (0x10, 0x20, 0x24, 0x38, 0x40, 0x48, 0x4C, 0xE8, 0xE8), (0x18, 0x20)),
    (16299, (0x10, 0x20, 0x24, 0x38, 0x40, 0x48, 0x4C, 0xE8, 0xE8), (0x18, 0x28)),
    (18362, (0x10, 0x20, 0x24, 0x38, 0x40, 0x48, 0x4C, 0xF0, 0xF0), (0x18, 0x28)),
    (19041, (0x10, 0x20, 0x24, 0x38, 0x40, 0x48, 0x4C, 0x128, 0x128), (0x18, 0x28)),
    (25398, (0x10, 0x20, 0x24, 0x38, 0x40, 0x50, 0x54, 0x128, 0x150), (0x18, 0x28)),
]
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
    build = int(sys.argv[3]) if len(sys.argv) > 3 else 26100
    rec_fields, proc_fields = [(r, p) for first, r, p in LAYOUTS if build >= first][-1]
    REC_PREV, REC_ORDER, REC_START, REC_NAME, REC_DISPLAY, REC_TYPE, REC_STATE, REC_DRIVER_NAME, REC_PROCESS = rec_fields
    PROC_BINARY, PROC_PID = proc_fields
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
                kind = space.u32(rec + REC_TYPE)
                # before 25398 one slot holds the process block or the
                # driver's name: a Win32 type (0x30) says the former
                proc = space.u64(rec + REC_PROCESS) if kind & 0x30 else 0
                row = {
                    "record": rec,
                    "order": space.u32(rec + REC_ORDER),
                    "start": space.u32(rec + REC_START),
                    "name": space.wstr(space.u64(rec + REC_NAME)),
                    "display": space.wstr(space.u64(rec + REC_DISPLAY)),
                    "type": kind,
                    "state": space.u32(rec + REC_STATE),
                    "driver_name": None if kind & 0x30 else space.wstr(space.u64(rec + REC_DRIVER_NAME)),
                    "service_process": proc,
                    "pid": space.u32(proc + PROC_PID) if proc else None,
                    "binary": space.wstr(space.u64(proc + PROC_BINARY)) if proc else None,
                }
                records.append(row)
                rec = space.u64(rec + REC_PREV)
    json.dump({"headers": headers, "records": records}, sys.stdout)


if __name__ == "__main__":
    main()
