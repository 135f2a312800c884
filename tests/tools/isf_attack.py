#!/usr/bin/env python3
"""Write a hostile ISF symbol table (.json.xz) for the bounded-loading tests
and bench (issue 10, item 1): a real table with one part blown up.

    isf_attack.py BASE.json SHAPE N OUT.json.xz

BASE.json is a valid table (`mkfixture isf-26100` writes the built-in
26100 one).  SHAPE says what grows to N:

    symbols       N entries "sN": {"address": N} in symbols (the issue's case)
    typed-symbols N symbols each with a pointer type
    types         N small user types
    fields        one user type with N fields
    constants     one enum with N constants
    base-types    N base types
    deep          a symbol whose type nests N JSON levels ([[[...]]])
    deep-types    a symbol whose type is N pointers deep ({"kind":"pointer","subtype":...})
    long-string   a symbol whose name is N bytes
    long-strings  symbols whose names are 60,000 bytes, N of them
    values        an extra top-level array of N integers in arrays of 1,000
    keys          symbols whose values are objects with N/1000 keys each, 1,000 of them

The text is streamed through the xz compressor (preset 0: fast, and these
shapes compress to almost nothing), so large N costs no memory here.
Nothing is committed: tests and bench generate the files they need.
"""
import json
import lzma
import sys


def main():
    base_path, shape, n, out_path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    with open(base_path) as f:
        base = json.load(f)
    comp = lzma.LZMACompressor(format=lzma.FORMAT_XZ, preset=0)
    out = open(out_path, "wb")
    pending = []
    size = 0

    def emit(text):
        nonlocal size
        pending.append(text)
        size += len(text)
        if size > 1 << 20:
            flush()

    def flush():
        nonlocal size
        out.write(comp.compress("".join(pending).encode()))
        pending.clear()
        size = 0

    def section_head(name):
        # The base section's members, without its closing brace, so that
        # extra members can follow.
        body = json.dumps(base[name], separators=(",", ":"))
        emit(json.dumps(name) + ":" + body[:-1])
        return body != "{}"

    def extra(name, members):
        comma = section_head(name)
        for text in members:
            emit(("," if comma else "") + text)
            comma = True
        emit("}")

    def plain(name):
        emit(json.dumps(name) + ":" + json.dumps(base[name], separators=(",", ":")))

    gen = {
        "symbols": ("symbols", ('"s%d":{"address":%d}' % (i, i) for i in range(n))),
        "typed-symbols": ("symbols", ('"t%d":{"address":%d,"type":{"kind":"pointer","subtype":'
                                      '{"kind":"base","name":"void"}}}' % (i, i) for i in range(n))),
        "types": ("user_types", ('"T%d":{"kind":"struct","size":8,"fields":{"a":{"offset":0,'
                                 '"type":{"kind":"base","name":"int"}}}}' % i for i in range(n))),
        "fields": ("user_types", iter(['"Wide":{"kind":"struct","size":8,"fields":{' +
                                       ",".join('"f%d":{"offset":0,"type":{"kind":"base","name":"int"}}' % i
                                                for i in range(n)) + "}}"])),
        "constants": ("enums", iter(['"Many":{"base":"int","size":4,"constants":{' +
                                     ",".join('"c%d":%d' % (i, i) for i in range(n)) + "}}"])),
        "base-types": ("base_types", ('"b%d":{"kind":"int","size":4,"signed":true}' % i for i in range(n))),
        "deep": ("symbols", iter(['"deep":{"address":1,"type":' + "[" * n + "]" * n + "}"])),
        "deep-types": ("symbols", iter(['"deep":{"address":1,"type":' + '{"kind":"pointer","subtype":' * n +
                                        '{"kind":"base","name":"void"}' + "}" * n + "}"])),
        "long-string": ("symbols", iter(['"%s":{"address":1}' % ("x" * n)])),
        "long-strings": ("symbols", ('"%s%d":{"address":%d}' % ("y" * 60000, i, i) for i in range(n))),
        "values": (None, None),
        "keys": ("symbols", ('"k%d":{"address":%d,%s}' % (i, i, ",".join('"x%d":0' % j for j in range(n // 1000)))
                             for i in range(1000))),
    }
    if shape not in gen:
        sys.exit("unknown shape %s (see the header of this file)" % shape)
    grown, members = gen[shape]
    emit("{")
    for name in ("metadata", "base_types", "user_types", "enums", "symbols"):
        if name != "metadata":
            emit(",")
        if name == "symbols" and shape == "values":
            # Before the symbols, where the fast scan also reads it.
            emit('"padding":[')
            for i in range(0, n, 1000):
                emit(("," if i else "") + "[" + ",".join("0" for _ in range(min(1000, n - i))) + "]")
            emit("],")
        if name == grown:
            extra(name, members)
        else:
            plain(name)
    emit("}\n")
    flush()
    out.write(comp.flush())
    out.close()


if __name__ == "__main__":
    main()
