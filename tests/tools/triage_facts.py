#!/usr/bin/env python3
"""Facts of a Windows kernel triage dump, read independently of eproc.

usage: triage_facts.py DUMP [ISF.json.xz]

Prints one JSON object: the bugcheck (code, name, parameters), the driver
list (count, names, bases, sizes) and the faulting thread (tid, pid, start
address, Win32 start address, kernel stack) when an ISF symbol table is
given for the ETHREAD offsets.  Everything is parsed here with the struct
module from the published layouts:
  DUMP_HEADER64 (0x2000 bytes): MinorVersion (build) at 0x0c, MachineImageType
    at 0x30, BugCheckCode at 0x38, BugCheckParameters[4] at 0x40, DumpType at
    0xf98;
  TRIAGE_DUMP64 at 0x2000: PrcbOffset 0x1c, ProcessOffset 0x20, ThreadOffset
    0x24, DriverListOffset 0x30, DriverCount 0x34, StringPoolOffset 0x38;
  DUMP_DRIVER_ENTRY64 (0x90 bytes): DriverNameOffset at 0, then a
    KLDR_DATA_TABLE_ENTRY64 at 8 whose DllBase is at +0x30 and SizeOfImage
    at +0x40; a DUMP_STRING is a ULONG character count then UTF-16LE.
Bugcheck names: Microsoft's Bug Check Code Reference.
"""
import json
import lzma
import struct
import sys

NAMES = {  # learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-code-reference2
    0x0A: "IRQL_NOT_LESS_OR_EQUAL", 0x1E: "KMODE_EXCEPTION_NOT_HANDLED", 0x3B: "SYSTEM_SERVICE_EXCEPTION",
    0x50: "PAGE_FAULT_IN_NONPAGED_AREA", 0x7E: "SYSTEM_THREAD_EXCEPTION_NOT_HANDLED",
    0xD1: "DRIVER_IRQL_NOT_LESS_OR_EQUAL", 0x101: "CLOCK_WATCHDOG_TIMEOUT",
    0x1C8: "MANUALLY_INITIATED_POWER_BUTTON_HOLD",
}


def u32(d, o):
    return struct.unpack_from("<I", d, o)[0]


def u64(d, o):
    return struct.unpack_from("<Q", d, o)[0]


def field_offset(isf, type_name, path):
    """Offset of a dotted field path in an ISF user type."""
    off, t = 0, type_name
    for part in path.split("."):
        f = isf["user_types"][t]["fields"][part]
        off += f["offset"]
        t = f["type"].get("name")
    return off


def main():
    dump = open(sys.argv[1], "rb").read()
    isf = json.loads(lzma.open(sys.argv[2]).read()) if len(sys.argv) > 2 else None
    code = u32(dump, 0x38)
    facts = {
        "build": u32(dump, 0x0c),
        "machine": u32(dump, 0x30),
        "dump_type": u32(dump, 0xf98),
        "bugcheck_code": code,
        "bugcheck_name": NAMES.get(code & ~0x10000000, "") + ("_M" if code & 0x10000000 and
                                                              (code & ~0x10000000) in NAMES else ""),
        "bugcheck_parameters": list(struct.unpack_from("<4Q", dump, 0x40)),
    }
    t = 0x2000
    prcb, thread = u32(dump, t + 0x1c), u32(dump, t + 0x24)
    dlist, dcount = u32(dump, t + 0x30), u32(dump, t + 0x34)
    drivers = []
    for i in range(dcount):
        e = dlist + 0x90 * i
        name_off = u32(dump, e)
        chars = u32(dump, name_off)
        path = dump[name_off + 4:name_off + 4 + 2 * chars].decode("utf-16-le")
        drivers.append({"name": path.rsplit("\\", 1)[-1], "path": path,
                        "base": u64(dump, e + 8 + 0x30), "size": u32(dump, e + 8 + 0x40)})
    facts["drivers"] = drivers
    if isf and thread:
        o = lambda p: field_offset(isf, "_ETHREAD", p)
        k = lambda p: field_offset(isf, "_KTHREAD", p)
        facts["thread"] = {
            "tid": u64(dump, thread + o("Cid.UniqueThread")),
            "pid": u64(dump, thread + o("Cid.UniqueProcess")),
            "start": u64(dump, thread + o("StartAddress")),
            "win32_start": u64(dump, thread + o("Win32StartAddress")),
            "stack_base": u64(dump, thread + k("StackBase")),
            "stack_limit": u64(dump, thread + k("StackLimit")),
            "kernel_stack": u64(dump, thread + k("KernelStack")),
            "va": u64(dump, prcb + field_offset(isf, "_KPRCB", "CurrentThread")) if prcb else None,
        }
    json.dump(facts, sys.stdout)
    print()


if __name__ == "__main__":
    main()
