#!/usr/bin/env python3
"""Check that guest ELFs only contain RV32IM base instructions.

Disassembles every executable section with `riscv64-unknown-elf-objdump -d
-M no-aliases` and fails if any instruction is compressed (16-bit), atomic
(lr/sc/amo*), a CSR access (csr*, which includes `unimp` = csrrw x0,cycle,x0),
floating point, fence, or anything else outside RV32IM + ecall.
Also checks the ELF header (ELF32, little-endian, EXEC, RISC-V) and that no
PT_LOAD segment is both writable and executable.

usage: check_isa.py [--objdump PATH] [--readelf PATH] ELF...
"""
import re
import subprocess
import sys
import struct

RV32IM = set("""
lui auipc jal jalr beq bne blt bge bltu bgeu lb lh lw lbu lhu sb sh sw
addi slti sltiu xori ori andi slli srli srai add sub sll slt sltu xor srl sra
or and mul mulh mulhsu mulhu div divu rem remu ecall
""".split())

LINE = re.compile(r"^\s*([0-9a-f]+):\s+([0-9a-f]+)\s+(\S+)")


def check_header(path):
    errs = []
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] != 1 or data[5] != 1:
        return ["not an ELF32 little-endian file"]
    e_type, e_machine = struct.unpack_from("<HH", data, 16)
    if e_type != 2:
        errs.append("not ET_EXEC (e_type=%d)" % e_type)
    if e_machine != 243:
        errs.append("not RISC-V (e_machine=%d)" % e_machine)
    e_flags = struct.unpack_from("<I", data, 36)[0]
    if e_flags & 1:
        errs.append("EF_RISCV_RVC set in e_flags (compressed code)")
    e_phoff = struct.unpack_from("<I", data, 28)[0]
    e_phentsize, e_phnum = struct.unpack_from("<HH", data, 42)
    for i in range(e_phnum):
        p_type, _off, vaddr, _pa, _fsz, memsz, flags, _al = struct.unpack_from(
            "<8I", data, e_phoff + i * e_phentsize)
        if p_type == 1 and (flags & 3) == 3:
            errs.append("PT_LOAD at 0x%x is writable and executable" % vaddr)
    return errs


def main(argv):
    objdump = "riscv64-unknown-elf-objdump"
    elfs = []
    it = iter(argv)
    for a in it:
        if a == "--objdump":
            objdump = next(it)
        elif a == "--readelf":
            next(it)
        else:
            elfs.append(a)
    bad = 0
    for path in elfs:
        errs = check_header(path)
        out = subprocess.run([objdump, "-d", "-M", "no-aliases", path],
                             check=True, capture_output=True, text=True).stdout
        count = 0
        hist = {}
        for line in out.splitlines():
            m = LINE.match(line)
            if not m:
                continue
            addr, enc, mnem = m.groups()
            count += 1
            if len(enc) != 8 or int(enc, 16) & 3 != 3:
                errs.append("0x%s: compressed instruction %s %s" % (addr, enc, mnem))
            elif mnem not in RV32IM:
                errs.append("0x%s: non-RV32IM instruction %s %s" % (addr, enc, mnem))
            hist[mnem] = hist.get(mnem, 0) + 1
        if count == 0:
            errs.append("no instructions found")
        if errs:
            bad += 1
            print("%s: FAIL" % path)
            for e in errs[:50]:
                print("  " + e)
            if len(errs) > 50:
                print("  ... %d more" % (len(errs) - 50))
        else:
            print("%s: ok (%d instructions, all RV32IM, none compressed/atomic/CSR)" % (path, count))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
