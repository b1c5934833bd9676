#!/usr/bin/env python3
"""Randomized cross-check of the example guests under qemu-riscv32 against
the independent Python references in examples/expected/gen.py, including
edge cases and error exits (truncated input / heap exhaustion -> exit 101,
zero modulus -> exit 2).

Each case runs under qemu-riscv32 and under the strict interpreter
scripts/rv32sim.py (which also traps on misaligned accesses, stores to text,
unknown syscalls, ...); both must match the reference.

usage: crosscheck.py [--qemu qemu-riscv32] [--bin examples/bin] [--seed N]
                     [--runner both|qemu|sim]
"""
import os
import random
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(EXAMPLES, "expected"))
import gen  # noqa: E402
sys.path.insert(0, HERE)
import rv32sim  # noqa: E402

EXIT_PANIC = 101


def cases(rng):
    u32 = lambda x: struct.pack("<I", x)
    for n in [0, 1, 2, 3, 10, 92, 93, 94, 100, 1000] + [rng.randrange(5000) for _ in range(5)]:
        yield "fibonacci", u32(n), None
    yield "fibonacci", b"\x01\x02", (b"", EXIT_PANIC)           # truncated input

    for ln in [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 121, 4095, 4096, 4097, 10000]:
        yield "sha256", rng.randbytes(ln), None

    for n in [0, 1, 2, 16, 17, 1000, 4099]:
        yield "sort", struct.pack("<II", n, rng.randrange(1, 1 << 32)), None
    for n in [0, 1, 2, 3, 33, 500]:
        vals = [rng.choice([0, 1, 0xFFFFFFFF, rng.randrange(1 << 32), rng.randrange(8)]) for _ in range(n)]
        yield "sort", struct.pack("<II%dI" % n, n, 0, *vals), None
    yield "sort", struct.pack("<II", 5, 0) + b"\x00" * 7, (b"", EXIT_PANIC)    # truncated array
    yield "sort", struct.pack("<II", 10_000_000, 1), (b"", EXIT_PANIC)         # 80 MB > heap

    for n in list(range(0, 40)) + [97, 121, 127, 1024, 65536, 65537, 99991, 100000] + \
            [rng.randrange(300000) for _ in range(4)]:
        yield "sieve", u32(n), None

    for _ in range(60):
        mlen = rng.randrange(1, 70)
        m = rng.randbytes(mlen)
        if rng.random() < 0.2:                                   # leading zero bytes
            m = b"\x00" * rng.randrange(1, 5) + m
        if rng.random() < 0.5:
            m = m[:-1] + bytes([m[-1] | 1])
        b = rng.randbytes(rng.randrange(0, 90))
        e = rng.randbytes(rng.randrange(0, 24))
        it = rng.randrange(0, 4)
        yield "modexp", gen.modexp_input(it, b, e, m), None
    for (it, b, e, m) in [(1, b"\x05", b"", b"\x01"), (1, b"\x05", b"\x00", b"\x07"),
                          (1, b"", b"\x03", b"\x07"), (3, b"\x03", b"\x02", b"\x03\xe8"),
                          (1, b"\xff" * 40, b"\xff" * 40, b"\xff" * 32),
                          (1, b"\x02", b"\x01\x00\x01", b"\x80" + b"\x00" * 62 + b"\x00"),
                          (1, b"\x02", b"\x10", b"\x00\x00")]:
        yield "modexp", gen.modexp_input(it, b, e, m), None
    yield "modexp", gen.modexp_input(1, b"\x02", b"\x03", b"")[:-2], (b"", EXIT_PANIC)

    for ln in [0, 1, 4095, 4096, 4097, 8192, 100000]:
        yield "reverse", rng.randbytes(ln), None

    for n in [0, 1, 2, 127, 128, 300]:
        samples = [rng.choice([0, -1, 1, -(1 << 31), (1 << 31) - 1, rng.randrange(-(1 << 31), 1 << 31)])
                   for _ in range(n)]
        label = bytes(rng.randrange(32, 127) for _ in range(rng.randrange(0, 300)))
        note = rng.randbytes(rng.randrange(0, 5000))
        yield "stats", gen.stats_input(label, rng.randrange(-1000, 1000), samples, note, b"ZKVM"), None
    yield "stats", gen.stats_input(b"x", 0, [1, 2], b"", b"NOPE"), (b"", 2)        # bad tag
    yield "stats", gen.stats_input(b"x", 0, [1, 2], b"", b"ZKVM")[:-2], (b"", EXIT_PANIC)  # truncated
    yield "stats", gen.stats_input(b"x", 0, [1, 2], b"", b"ZKV"), (b"", EXIT_PANIC)  # 3-byte tag

    for ln in [0, 1, 2, 5551, 5552, 5553, 11104, 11105, 20000]:
        yield "c_checksum", rng.randbytes(ln), None
    yield "c_checksum", b"\xff" * 70000, None


def main(argv):
    qemu = "qemu-riscv32"
    bindir = os.path.join(EXAMPLES, "bin")
    seed = 12345
    runner = "both"
    it = iter(argv)
    for a in it:
        if a == "--qemu":
            qemu = next(it)
        elif a == "--bin":
            bindir = next(it)
        elif a == "--seed":
            seed = int(next(it))
        elif a == "--runner":
            runner = next(it)
    rng = random.Random(seed)
    total = fails = 0
    for name, inp, want in cases(rng):
        if want is None:
            want = gen.REFERENCES[name](inp)
        want_out, want_code = want
        elf = os.path.join(bindir, name + ".elf")
        results = []
        if runner in ("both", "qemu"):
            p = subprocess.run([qemu, elf], input=inp, capture_output=True, timeout=300)
            results.append(("qemu", p.returncode, p.stdout, want_code & 0xFF))
        if runner in ("both", "sim"):
            try:
                code, out, _steps = rv32sim.run(elf, inp)
            except rv32sim.Trap as e:
                code, out = -1, ("TRAP: %s" % e).encode()
            results.append(("sim", code, out, want_code))
        total += 1
        for how, code, out, want_c in results:
            if code != want_c or out != want_out:
                fails += 1
                print("FAIL %s (%s) input=%s...: got (%d, %s) want (%d, %s)"
                      % (name, how, inp[:32].hex(), code, out[:48].hex() if code >= 0 else out,
                         want_c, want_out[:32].hex()))
                break
    print("crosscheck: %d/%d cases passed" % (total - fails, total))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
