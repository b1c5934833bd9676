#!/usr/bin/env python3
"""Strict RV32IM reference interpreter for checking guest ELFs against the
zkVM executor contract (a test aid, independent of the real executor).

Unlike qemu-riscv32 it fails on everything the zkVM executor traps on:
  * misaligned loads/stores (lh/lhu/sh on odd, lw/sw on non-multiple-of-4
    addresses) and misaligned jump targets;
  * stores into non-writable PT_LOAD segments (text/rodata);
  * fetches outside executable segments; accesses outside the loaded
    segments and the stack region;
  * any instruction outside RV32IM + ecall (no C/A/F, CSR, fence, ebreak);
  * syscalls other than read(fd 0 or 3) = 63, write(fd 1) = 64, exit = 93
    (fd 3 reads the private input, --private FILE).

Memory model: the PT_LOAD segments (p_memsz bytes each, zero-filled beyond
p_filesz) plus a stack region [STACK_TOP - stack_size, STACK_TOP); sp is set
to STACK_TOP, every other register to 0. Prints the exit code, the output
length and the exact number of executed instructions (ecall included).

usage: rv32sim.py [--stack-top 0x80000000] [--stack-size 1M] [--out FILE]
                  [--expect-out FILE] [--expect-code N] ELF [INPUT]
Exit status: 0 if the run was clean (and matched the expectations given),
1 otherwise. Speed: ~1-2 M instructions / s (CPython).
"""
import struct
import sys


class Trap(Exception):
    pass


def parse_size(s):
    s = s.strip()
    mult = 1
    if s[-1] in "kK":
        mult, s = 1 << 10, s[:-1]
    elif s[-1] in "mM":
        mult, s = 1 << 20, s[:-1]
    return int(s, 0) * mult


def load_elf(path):
    data = open(path, "rb").read()
    if data[:4] != b"\x7fELF" or data[4] != 1 or data[5] != 1:
        raise Trap("not an ELF32 little-endian file")
    (e_type, e_machine, _v, e_entry, e_phoff, _sh, _fl, _eh, e_phentsize,
     e_phnum) = struct.unpack_from("<HHIIIIIHHH", data, 16)
    if e_type != 2 or e_machine != 243:
        raise Trap("not a RISC-V ET_EXEC")
    segs = []
    for i in range(e_phnum):
        p_type, off, vaddr, _pa, filesz, memsz, flags, _al = struct.unpack_from(
            "<8I", data, e_phoff + i * e_phentsize)
        if p_type != 1 or memsz == 0:
            continue
        buf = bytearray(memsz)
        buf[:filesz] = data[off:off + filesz]
        segs.append((vaddr, vaddr + memsz, buf, bool(flags & 2), bool(flags & 1)))
    segs.sort(key=lambda s: s[0])
    for a, b in zip(segs, segs[1:]):
        if a[1] > b[0]:
            raise Trap("overlapping PT_LOAD segments")
    return e_entry, segs


def sext(x, bits):
    m = 1 << (bits - 1)
    return (x & (m - 1)) - (x & m)


def run(elf, inp, stack_top=0x80000000, stack_size=1 << 20, max_steps=None, private=b""):
    entry, segs = load_elf(elf)
    stack = (stack_top - stack_size, stack_top, bytearray(stack_size), True, False)
    for s in segs:
        if s[0] < stack[1] and stack[0] < s[1]:
            raise Trap("stack region overlaps a segment")
    regions = segs + [stack]

    def find(addr, size):
        for r in regions:
            if r[0] <= addr and addr + size <= r[1]:
                return r
        raise Trap("access outside mapped memory at 0x%08x" % addr)

    # Fast path cache: last region used.
    cache = [regions[0]]

    def region(addr, size):
        r = cache[0]
        if r[0] <= addr and addr + size <= r[1]:
            return r
        r = find(addr, size)
        cache[0] = r
        return r

    def load(addr, size, signed):
        if addr & (size - 1):
            raise Trap("misaligned %d-byte load at 0x%08x" % (size, addr))
        r = region(addr, size)
        o = addr - r[0]
        v = int.from_bytes(r[2][o:o + size], "little")
        if signed:
            v = sext(v, 8 * size) & 0xFFFFFFFF
        return v

    def store(addr, size, val):
        if addr & (size - 1):
            raise Trap("misaligned %d-byte store at 0x%08x" % (size, addr))
        r = region(addr, size)
        if not r[3]:
            raise Trap("store into non-writable segment at 0x%08x" % addr)
        o = addr - r[0]
        r[2][o:o + size] = (val & ((1 << (8 * size)) - 1)).to_bytes(size, "little")

    def read_mem(addr, n):
        r = find(addr, n) if n else None
        return bytes(r[2][addr - r[0]:addr - r[0] + n]) if n else b""

    def write_mem(addr, bs):
        if not bs:
            return
        r = find(addr, len(bs))
        if not r[3]:
            raise Trap("read() into non-writable memory at 0x%08x" % addr)
        r[2][addr - r[0]:addr - r[0] + len(bs)] = bs

    decoded = {}

    def decode(pc):
        if pc & 3:
            raise Trap("misaligned instruction fetch at 0x%08x" % pc)
        r = find(pc, 4)
        if not r[4]:
            raise Trap("fetch from non-executable memory at 0x%08x" % pc)
        w = int.from_bytes(r[2][pc - r[0]:pc - r[0] + 4], "little")
        op = w & 0x7F
        rd = (w >> 7) & 31
        f3 = (w >> 12) & 7
        rs1 = (w >> 15) & 31
        rs2 = (w >> 20) & 31
        f7 = w >> 25
        ii = sext(w >> 20, 12)
        if op == 0x37 or op == 0x17:            # lui / auipc
            d = (op, rd, 0, 0, w & 0xFFFFF000, 0)
        elif op == 0x6F:                        # jal
            imm = ((w >> 31) << 20) | (((w >> 12) & 0xFF) << 12) | (((w >> 20) & 1) << 11) | (((w >> 21) & 0x3FF) << 1)
            d = (op, rd, 0, 0, sext(imm, 21), 0)
        elif op == 0x67 and f3 == 0:            # jalr
            d = (op, rd, rs1, 0, ii, 0)
        elif op == 0x63 and f3 not in (2, 3):   # branches
            imm = ((w >> 31) << 12) | (((w >> 7) & 1) << 11) | (((w >> 25) & 0x3F) << 5) | (((w >> 8) & 0xF) << 1)
            d = (op, 0, rs1, rs2, sext(imm, 13), f3)
        elif op == 0x03 and f3 in (0, 1, 2, 4, 5):
            d = (op, rd, rs1, 0, ii, f3)
        elif op == 0x23 and f3 in (0, 1, 2):
            imm = ((w >> 25) << 5) | ((w >> 7) & 31)
            d = (op, 0, rs1, rs2, sext(imm, 12), f3)
        elif op == 0x13:
            if f3 == 1 and f7 != 0 or f3 == 5 and f7 not in (0, 0x20):
                raise Trap("illegal instruction 0x%08x at 0x%08x" % (w, pc))
            d = (op, rd, rs1, 0, ii, f3 | (8 if (f3 == 5 and f7 == 0x20) else 0))
        elif op == 0x33 and (f7 in (0, 1) or (f7 == 0x20 and f3 in (0, 5))):
            d = (op, rd, rs1, rs2, 0, f3 | (f7 << 3))
        elif w == 0x00000073:
            d = (0x73, 0, 0, 0, 0, 0)
        else:
            raise Trap("illegal/unsupported instruction 0x%08x at 0x%08x" % (w, pc))
        decoded[pc] = d
        return d

    x = [0] * 32
    x[2] = stack_top
    pc = entry
    out = bytearray()
    inpos = 0
    privpos = 0
    steps = 0
    M = 0xFFFFFFFF
    while True:
        d = decoded.get(pc)
        if d is None:
            d = decode(pc)
        op, rd, rs1, rs2, imm, f = d
        steps += 1
        npc = (pc + 4) & M
        if op == 0x13:
            a = x[rs1]
            if f == 0:
                v = a + imm
            elif f == 1:
                v = a << (imm & 31)
            elif f == 2:
                v = 1 if sext(a, 32) < imm else 0
            elif f == 3:
                v = 1 if a < (imm & M) else 0
            elif f == 4:
                v = a ^ imm
            elif f == 5:
                v = a >> (imm & 31)
            elif f == 13:
                v = sext(a, 32) >> (imm & 31)
            elif f == 6:
                v = a | imm
            else:
                v = a & imm
            if rd:
                x[rd] = v & M
        elif op == 0x33:
            a, b = x[rs1], x[rs2]
            if f < 8:                           # base ALU, f7 = 0
                if f == 0:
                    v = a + b
                elif f == 1:
                    v = a << (b & 31)
                elif f == 2:
                    v = 1 if sext(a, 32) < sext(b, 32) else 0
                elif f == 3:
                    v = 1 if a < b else 0
                elif f == 4:
                    v = a ^ b
                elif f == 5:
                    v = a >> (b & 31)
                elif f == 6:
                    v = a | b
                else:
                    v = a & b
            elif f < 16:                        # M extension, f7 = 1
                g = f & 7
                sa, sb = sext(a, 32), sext(b, 32)
                if g == 0:
                    v = a * b
                elif g == 1:
                    v = (sa * sb) >> 32
                elif g == 2:
                    v = (sa * b) >> 32
                elif g == 3:
                    v = (a * b) >> 32
                elif g == 4:                    # div
                    if b == 0:
                        v = -1
                    elif sa == -(1 << 31) and sb == -1:
                        v = sa
                    else:
                        q = abs(sa) // abs(sb)
                        v = -q if (sa < 0) != (sb < 0) else q
                elif g == 5:
                    v = M if b == 0 else a // b
                elif g == 6:                    # rem
                    if b == 0:
                        v = sa
                    elif sa == -(1 << 31) and sb == -1:
                        v = 0
                    else:
                        r = abs(sa) % abs(sb)
                        v = -r if sa < 0 else r
                else:
                    v = a if b == 0 else a % b
            else:                               # f7 = 0x20: sub / sra
                v = a - b if (f & 7) == 0 else sext(a, 32) >> (b & 31)
            if rd:
                x[rd] = v & M
        elif op == 0x03:
            addr = (x[rs1] + imm) & M
            if f == 0:
                v = load(addr, 1, True)
            elif f == 1:
                v = load(addr, 2, True)
            elif f == 2:
                v = load(addr, 4, False)
            elif f == 4:
                v = load(addr, 1, False)
            else:
                v = load(addr, 2, False)
            if rd:
                x[rd] = v
        elif op == 0x23:
            addr = (x[rs1] + imm) & M
            store(addr, 1 << f, x[rs2])
        elif op == 0x63:
            a, b = x[rs1], x[rs2]
            if f == 0:
                t = a == b
            elif f == 1:
                t = a != b
            elif f == 4:
                t = sext(a, 32) < sext(b, 32)
            elif f == 5:
                t = sext(a, 32) >= sext(b, 32)
            elif f == 6:
                t = a < b
            else:
                t = a >= b
            if t:
                npc = (pc + imm) & M
        elif op == 0x6F:
            if rd:
                x[rd] = npc
            npc = (pc + imm) & M
        elif op == 0x67:
            t = (x[rs1] + imm) & ~1 & M
            if rd:
                x[rd] = npc
            npc = t
        elif op == 0x37:
            if rd:
                x[rd] = imm
        elif op == 0x17:
            if rd:
                x[rd] = (pc + imm) & M
        else:                                   # ecall
            n = x[17]
            if n == 93:
                return x[10], bytes(out), steps
            if n == 63:
                if x[10] == 0:
                    chunk = inp[inpos:inpos + x[12]]
                    inpos += len(chunk)
                elif x[10] == 3:
                    chunk = private[privpos:privpos + x[12]]
                    privpos += len(chunk)
                else:
                    raise Trap("read from fd %d" % x[10])
                write_mem(x[11], chunk)
                x[10] = len(chunk)
            elif n == 64:
                if x[10] != 1:
                    raise Trap("write to fd %d" % x[10])
                out += read_mem(x[11], x[12])
                x[10] = x[12]
            else:
                raise Trap("unsupported syscall %d at 0x%08x" % (n, pc))
        pc = npc
        if max_steps is not None and steps >= max_steps:
            raise Trap("step limit reached")


def main(argv):
    opts = {"--stack-top": "0x80000000", "--stack-size": "1M", "--out": None,
            "--expect-out": None, "--expect-code": None, "--private": None}
    pos = []
    it = iter(argv)
    for a in it:
        if a in opts:
            opts[a] = next(it)
        else:
            pos.append(a)
    if not pos:
        print(__doc__)
        return 2
    elf = pos[0]
    inp = open(pos[1], "rb").read() if len(pos) > 1 else b""
    try:
        private = open(opts["--private"], "rb").read() if opts["--private"] else b""
        code, out, steps = run(elf, inp, parse_size(opts["--stack-top"]),
                               parse_size(opts["--stack-size"]), private=private)
    except Trap as e:
        print("%s: TRAP: %s" % (elf, e))
        return 1
    if opts["--out"]:
        open(opts["--out"], "wb").write(out)
    ok = True
    msg = ""
    if opts["--expect-code"] is not None and code != int(opts["--expect-code"]):
        ok, msg = False, msg + " [exit code mismatch, expected %s]" % opts["--expect-code"]
    if opts["--expect-out"] is not None and out != open(opts["--expect-out"], "rb").read():
        ok, msg = False, msg + " [output mismatch]"
    print("%s: exit %d, %d output bytes, %d instructions%s%s"
          % (elf, code, len(out), steps, "" if ok else " FAIL", msg))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
