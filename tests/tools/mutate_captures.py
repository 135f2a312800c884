#!/usr/bin/env python3
"""Structure-aware mutations of captures of every format, and the exit-code
contract checked on each (issue 10 item 3, docs/architecture.md, "Contracts").

    mutate_captures.py EPROC WORKDIR FORGED_PREFIX [MINIDUMP...]

FORGED_PREFIX.{raw,crashdump,elf,lime} are the same forged machine in the
four kernel formats, FORGED_PREFIX.raw.truth.json its truth file.  Each
mutation changes a field that a parser relies on (a header count, a run
table entry, a stream directory entry, a page-table entry, an EPROCESS list
link or ID, an object-header type byte) to a hostile value, or cuts the
file at a structure boundary.  Every command that reads that kind of
capture then runs on it, and the outcome must satisfy:

  - no crash: no exit status >= 128 (a signal), no timeout;
  - exit 3 comes with exactly one line on stderr;
  - malfind exits 1 exactly when it printed a region.

Deterministic: the hostile values come from a fixed seed.  Prints one
"ok - ..." / "not ok - ..." line per format, and the failing cases on
stderr.
"""
import json
import os
import random
import shutil
import struct
import subprocess
import sys

KERNEL_COMMANDS = ["info", "pslist", "psscan", "pstree", "psxview", "threads"]
MINIDUMP_COMMANDS = ["info", "minidump", "threads", "dlllist", "ldrmodules", "cmdline", "envars",
                     "handles", "vadinfo", "malfind", "fibers", "getsids", "privileges"]
TIMEOUT = 120
PER_MINIDUMP = 8           # mutations per real minidump (of the ~80 generated)

# _EPROCESS / _KPROCESS field offsets of the forge's 26100 profile (its ISF,
# IMAGE.symbols/windows/ntkrnlmp.pdb/*.json.xz).
EP_FIELDS = {"DirectoryTableBase": (0x28, 8), "ThreadListHead": (0x30, 8), "UniqueProcessId": (0x1d0, 8),
             "ActiveProcessLinks.Flink": (0x1d8, 8), "ActiveProcessLinks.Blink": (0x1e0, 8),
             "CreateTime": (0x1f8, 8), "Peb": (0x2e0, 8), "ObjectTable": (0x300, 8),
             "ImageFileName": (0x338, 8), "InheritedFromUniqueProcessId": (0x2d0, 8)}
OBJECT_HEADER_TYPE_INDEX = -0x30 + 0x18    # _OBJECT_HEADER.TypeIndex; Body at +0x30


def hostile_values(rng, size, old):
    top = (1 << (8 * size)) - 1
    vals = [0, top, top >> 1, 1, old ^ (1 << rng.randrange(8 * size)), (old + 0x1000) & top,
            rng.getrandbits(8 * size)]
    return vals


class Case:
    def __init__(self, label, patches=(), truncate=None):
        self.label = label
        self.patches = list(patches)     # (file offset, bytes)
        self.truncate = truncate         # new length, or None


class Failures:
    def __init__(self):
        self.items = []

    def add(self, text):
        self.items.append(text)


def run_one(eproc, path, cmd, fails, label):
    try:
        p = subprocess.run([eproc, "-o", "jsonl", "-f", path, cmd], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        fails.add("%s: %s: no answer in %d s" % (label, cmd, TIMEOUT))
        return
    rc = p.returncode
    err = [l for l in p.stderr.decode("utf-8", "replace").split("\n") if l.strip()]
    if rc < 0 or rc >= 128:
        fails.add("%s: %s: crashed (status %d): %s" % (label, cmd, rc, " | ".join(err[-3:])))
    elif rc == 3 and len(err) != 1:
        fails.add("%s: %s: exit 3 with %d stderr lines: %s" % (label, cmd, len(err), " | ".join(err[:4])))
    elif cmd == "malfind" and rc in (0, 1) and (rc == 1) != bool(p.stdout.strip()):
        fails.add("%s: malfind: exit %d but %d bytes of rows" % (label, rc, len(p.stdout)))
    return rc


def apply_and_run(eproc, work, src, case, commands, fails, counts):
    """Patch in place and restore (the forged images are large and sparse);
    a cut works on a sparse copy."""
    if case.truncate is not None:
        path = os.path.join(work, "cut.img")
        subprocess.run(["cp", "--sparse=always", src, path], check=True)
        os.truncate(path, case.truncate)
        restore = None
    else:
        path = src
        restore = []
        with open(path, "r+b") as f:
            for off, data in case.patches:
                f.seek(off)
                restore.append((off, f.read(len(data))))
                f.seek(off)
                f.write(data)
    try:
        for cmd in commands:
            rc = run_one(eproc, path, cmd, fails, case.label)
            counts["runs"] += 1
            if rc == 3:
                counts["exit3"] += 1
    finally:
        if restore is not None:
            with open(path, "r+b") as f:
                for off, data in reversed(restore):
                    f.seek(off)
                    f.write(data)
        elif os.path.exists(path):
            os.unlink(path)
    counts["cases"] += 1


# ---- where physical addresses live in each kernel format ----

def runs_raw(d):
    return [(0, len(d), 0)]


def runs_crashdump(d):
    nruns = struct.unpack_from("<I", d, 0x88)[0]
    out, off = [], 0x2000
    for i in range(nruns):
        base, count = struct.unpack_from("<QQ", d, 0x98 + 16 * i)
        out.append((base * 0x1000, count * 0x1000, off))
        off += count * 0x1000
    return out


def runs_elf(d):
    phoff, = struct.unpack_from("<Q", d, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", d, 0x36)
    out = []
    for i in range(phnum):
        p = phoff + i * phentsize
        ptype, _, off, _, paddr, filesz = struct.unpack_from("<IIQQQQ", d, p)
        if ptype == 1:
            out.append((paddr, filesz, off))
    return out


def runs_lime(d):
    out, pos = [], 0
    while pos + 32 <= len(d):
        magic, _, start, end = struct.unpack_from("<IIQQ", d, pos)
        if magic != 0x4C694D45:
            break
        out.append((start, end - start + 1, pos + 32))
        pos += 32 + end - start + 1
    return out


def pa_to_off(runs, pa):
    for base, length, off in runs:
        if base <= pa < base + length:
            return off + pa - base
    return None


def header_cases(fmt, d, rng):
    """Mutations of the format's own headers, and cuts at its boundaries."""
    cases = []

    def field(label, off, size):
        old = int.from_bytes(d[off:off + size], "little")
        for v in rng.sample(hostile_values(rng, size, old), 2):
            cases.append(Case("%s %s=0x%x" % (fmt, label, v), [(off, v.to_bytes(size, "little"))]))

    if fmt == "crashdump":
        field("DirectoryTableBase", 0x10, 8)
        field("PsActiveProcessHead", 0x28, 8)
        field("MachineImageType", 0x30, 4)
        field("KdDebuggerDataBlock", 0x80, 8)
        field("NumberOfRuns", 0x88, 4)
        field("NumberOfPages", 0x90, 8)
        nruns = struct.unpack_from("<I", d, 0x88)[0]
        for i in range(min(nruns, 3)):
            field("Run[%d].BasePage" % i, 0x98 + 16 * i, 8)
            field("Run[%d].PageCount" % i, 0xa0 + 16 * i, 8)
        field("DumpType", 0xf98, 4)
        for cut in (0x10, 0x1000, 0x2000, 0x2000 + 0x1000 * 7, len(d) // 2, len(d) - 1):
            cases.append(Case("%s cut at 0x%x" % (fmt, cut), truncate=cut))
    elif fmt == "elf":
        field("e_phoff", 0x20, 8)
        field("e_phentsize", 0x36, 2)
        field("e_phnum", 0x38, 2)
        phoff, = struct.unpack_from("<Q", d, 0x20)
        phentsize, phnum = struct.unpack_from("<HH", d, 0x36)
        for i in range(min(phnum, 3)):
            p = phoff + i * phentsize
            field("phdr[%d].p_type" % i, p, 4)
            field("phdr[%d].p_offset" % i, p + 8, 8)
            field("phdr[%d].p_paddr" % i, p + 24, 8)
            field("phdr[%d].p_filesz" % i, p + 32, 8)
        for cut in (0x20, phoff + phentsize, 0x1000, len(d) // 2, len(d) - 1):
            cases.append(Case("%s cut at 0x%x" % (fmt, cut), truncate=cut))
    elif fmt == "lime":
        pos, n = 0, 0
        while pos + 32 <= len(d) and n < 3:
            magic, _, start, end = struct.unpack_from("<IIQQ", d, pos)
            if magic != 0x4C694D45:
                break
            field("range[%d].magic" % n, pos, 4)
            field("range[%d].start" % n, pos + 8, 8)
            field("range[%d].end" % n, pos + 16, 8)
            cases.append(Case("%s cut inside range header %d" % (fmt, n), truncate=pos + 16))
            pos += 32 + end - start + 1
            n += 1
        for cut in (len(d) // 2, len(d) - 1):
            cases.append(Case("%s cut at 0x%x" % (fmt, cut), truncate=cut))
    else:
        for cut in (0x1000, 0x100000, 0x1ff000, len(d) // 2, len(d) - 0x800):
            cases.append(Case("%s cut at 0x%x" % (fmt, cut), truncate=cut))
    return cases


def memory_cases(fmt, d, runs, truth, rng):
    """Mutations of the kernel structures the walkers follow, placed at the
    file offset that holds each physical address in this format."""
    cases = []
    m = truth["machine"]

    def at(label, pa, size, values=None):
        off = pa_to_off(runs, pa)
        if off is None or off + size > len(d):
            return
        old = int.from_bytes(d[off:off + size], "little")
        for v in (values if values is not None else rng.sample(hostile_values(rng, size, old), 2)):
            cases.append(Case("%s %s=0x%x" % (fmt, label, v), [(off, v.to_bytes(size, "little"))]))

    dtb = int(m["dtb"], 16)
    selfref = int(m["self_ref_index"], 16)
    at("PML4[self-ref]", dtb + 8 * selfref, 8)
    # the kernel half's other top-level entries
    off = pa_to_off(runs, dtb)
    if off is not None:
        used = [i for i in range(256, 512) if i != selfref and d[off + 8 * i:off + 8 * i + 8] != bytes(8)]
        for i in used[:3]:
            at("PML4[0x%x]" % i, dtb + 8 * i, 8)
    kpa = int(m["kernel_base_phys"], 16)
    at("kernel e_lfanew", kpa + 0x3c, 4)
    at("kernel MZ", kpa, 2, [0, 0x4d5a])
    procs = [p for p in truth["processes"] if p.get("offset_phys")]
    for p in rng.sample(procs, min(3, len(procs))):
        base = int(p["offset_phys"], 16)
        for name in rng.sample(sorted(EP_FIELDS), 3):
            foff, size = EP_FIELDS[name]
            at("pid %d %s" % (p["pid"], name), base + foff, size)
        at("pid %d ObjectHeader.TypeIndex" % p["pid"], base + OBJECT_HEADER_TYPE_INDEX, 1,
           [0, rng.randrange(1, 256)])
    return cases


# ---- minidumps ----

def minidump_cases(name, d, rng):
    cases = []
    if len(d) < 32 or d[:4] != b"MDMP":
        return cases
    nstreams, dir_rva = struct.unpack_from("<II", d, 8)

    def field(label, off, size, values=None):
        if off + size > len(d):
            return
        old = int.from_bytes(d[off:off + size], "little")
        vals = values if values is not None else hostile_values(rng, size, old)
        for v in rng.sample(vals, min(3, len(vals))):
            cases.append(Case("%s %s=0x%x" % (name, label, v), [(off, v.to_bytes(size, "little"))]))

    field("NumberOfStreams", 8, 4)
    field("StreamDirectoryRva", 12, 4)
    streams = []
    for i in range(min(nstreams, 64)):
        e = dir_rva + 12 * i
        if e + 12 > len(d):
            break
        stype, size, rva = struct.unpack_from("<III", d, e)
        streams.append((i, stype, size, rva))
    for i, stype, size, rva in rng.sample(streams, min(4, len(streams))):
        e = dir_rva + 12 * i
        field("stream[%d] type %d DataSize" % (i, stype), e + 4, 4)
        field("stream[%d] type %d Rva" % (i, stype), e + 8, 4)
    for i, stype, size, rva in streams:
        if stype in (3, 4, 5, 9, 12, 16, 17) and rva + 16 <= len(d):
            # ThreadList, ModuleList, MemoryList, Memory64List, HandleData,
            # MemoryInfoList, ThreadInfoList: the count / header fields
            field("stream type %d count" % stype, rva, 4)
            if stype == 9:
                field("Memory64List BaseRva", rva + 8, 8)
            if stype == 3 and rva + 4 + 48 <= len(d):     # first MINIDUMP_THREAD
                t = rva + 4
                field("thread[0].Teb", t + 16, 8)
                field("thread[0].Stack.DataSize", t + 32, 4)
                field("thread[0].Stack.Rva", t + 36, 4)
                field("thread[0].Context.DataSize", t + 40, 4)
            if stype == 4 and rva + 4 + 108 <= len(d):    # first MINIDUMP_MODULE
                mo = rva + 4
                field("module[0].SizeOfImage", mo + 8, 4)
                field("module[0].ModuleNameRva", mo + 20, 4)
                field("module[0].CvRecord.DataSize", mo + 76, 4)
                field("module[0].CvRecord.Rva", mo + 80, 4)
            if stype == 5 and rva + 4 + 16 <= len(d):     # first MINIDUMP_MEMORY_DESCRIPTOR
                field("memory[0].Start", rva + 4, 8)
                field("memory[0].DataSize", rva + 12, 4)
                field("memory[0].Rva", rva + 16, 4)
    cases = rng.sample(cases, min(PER_MINIDUMP - 2, len(cases)))
    for cut in (dir_rva + 12, rng.randrange(32, len(d))):
        if 0 < cut < len(d):
            cases.append(Case("%s cut at 0x%x" % (name, cut), truncate=cut))
    return cases


def main():
    eproc, work, prefix = sys.argv[1], sys.argv[2], sys.argv[3]
    minidumps = sys.argv[4:]
    rng = random.Random(1010)
    truth = json.load(open(prefix + ".raw.truth.json"))
    raw = open(prefix + ".raw", "rb").read()
    total = 0
    for fmt, runs_of in (("raw", runs_raw), ("crashdump", runs_crashdump), ("elf", runs_elf),
                         ("lime", runs_lime)):
        src = prefix + "." + fmt
        d = open(src, "rb").read()
        runs = runs_of(d)
        # the mapping must put the DTB page where the raw image has it
        dtb = int(truth["machine"]["dtb"], 16)
        o = pa_to_off(runs, dtb)
        if o is None or d[o:o + 4096] != raw[dtb:dtb + 4096]:
            print("not ok - mutations of %s: cannot map physical addresses to file offsets" % fmt)
            continue
        cases = header_cases(fmt, d, rng) + memory_cases(fmt, d, runs, truth, rng)
        del d
        fails, counts = Failures(), {"cases": 0, "runs": 0, "exit3": 0}
        for c in cases:
            apply_and_run(eproc, work, src, c, KERNEL_COMMANDS, fails, counts)
        report(fmt, counts, fails)
        total += counts["cases"]
    fails, counts = Failures(), {"cases": 0, "runs": 0, "exit3": 0}
    for md in minidumps:
        name = os.path.basename(md)
        copy = os.path.join(work, "md-" + name)
        shutil.copyfile(md, copy)
        d = open(copy, "rb").read()
        for c in minidump_cases(name, d, rng):
            apply_and_run(eproc, work, copy, c, MINIDUMP_COMMANDS, fails, counts)
        os.unlink(copy)
    if minidumps:
        report("real minidumps (%d files)" % len(minidumps), counts, fails)
        total += counts["cases"]
    print("# %d mutated captures in all" % total)


def report(what, counts, fails):
    desc = "mutations of %s: %d cases, %d runs (%d exit 3): no crash, every exit 3 with one stderr line, " \
           "malfind exits 1 exactly when it reports" % (what, counts["cases"], counts["runs"], counts["exit3"])
    if fails.items:
        print("not ok - " + desc)
        for f in fails.items[:15]:
            print("  " + f, file=sys.stderr)
        if len(fails.items) > 15:
            print("  ... and %d more" % (len(fails.items) - 15), file=sys.stderr)
    else:
        print("ok - " + desc)


if __name__ == "__main__":
    main()
