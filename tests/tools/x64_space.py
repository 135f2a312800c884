"""One process's virtual memory in a raw memory image (file offset =
physical address), through x64 4-level paging: what an independent reader
needs, nothing of eproc's or the forge's code.  Used by the tools beside it."""
import struct

MAX_CHARS = 4096          # longest UTF-16 string read


class Space:
    """A process's virtual memory (DTB dtb) over the raw image mem."""

    def __init__(self, mem, dtb):
        self.mem, self.dtb = mem, dtb & ~0xFFF

    def phys_u64(self, pa):
        if pa + 8 > len(self.mem):
            return None
        return struct.unpack_from("<Q", self.mem, pa)[0]

    def translate(self, va):
        table = self.dtb
        for level, shift in enumerate((39, 30, 21, 12)):
            e = self.phys_u64(table + ((va >> shift) & 0x1FF) * 8)
            if e is None or not e & 1:
                return None
            frame = e & 0x000FFFFFFFFFF000
            if level in (1, 2) and e & 0x80:        # 1 GiB / 2 MiB page
                size = 1 << shift
                return (frame & ~(size - 1)) | (va & (size - 1))
            table = frame
        return table | (va & 0xFFF)

    def read(self, va, n):
        out = b""
        while n > 0:
            pa = self.translate(va)
            chunk = min(n, 0x1000 - (va & 0xFFF))
            if pa is None or pa + chunk > len(self.mem):
                return None
            out += self.mem[pa:pa + chunk]
            va, n = va + chunk, n - chunk
        return out

    def u32(self, va):
        b = self.read(va, 4)
        return None if b is None else struct.unpack("<I", b)[0]

    def u64(self, va):
        b = self.read(va, 8)
        return None if b is None else struct.unpack("<Q", b)[0]

    def wstr(self, va):
        if not va:
            return None
        chars = []
        for i in range(MAX_CHARS):
            c = self.read(va + 2 * i, 2)
            if c is None:
                return None
            if c == b"\0\0":
                break
            chars.append(c)
        return b"".join(chars).decode("utf-16-le", errors="replace")

    def pte(self, va):
        """The last-level entry that maps va (PTE, or PDE/PDPTE of a large
        page), or None when a table above it is not present."""
        table = self.dtb
        for level, shift in enumerate((39, 30, 21, 12)):
            e = self.phys_u64(table + ((va >> shift) & 0x1FF) * 8)
            if e is None:
                return None
            if level == 3 or (level in (1, 2) and e & 0x81 == 0x81):
                return e
            if not e & 1:
                return None
            table = e & 0x000FFFFFFFFFF000
        return None
