#!/usr/bin/env python3
"""Generate the fixed test inputs and their expected outputs, independently
of the guest code (Python reference implementations: hashlib, zlib, pow,
plain loops).

  python3 examples/expected/gen.py          # (re)write inputs/ and expected/

Writes, for each example <name>:
  examples/inputs/<name>.bin     input bytes (fed on stdin / fd 0)
  examples/inputs/<name>.private.bin  private input bytes (fd 3), for the
                                 examples that read one (private_json)
  examples/expected/<name>.out   expected output bytes (stdout / fd 1)
  examples/expected/<name>.code  expected exit code (decimal text)

Output is deterministic (inputs derive from SHAKE-128 of fixed labels), so
re-running it must not change any committed file. The reference functions
are also used by examples/scripts/crosscheck.py.
"""
import hashlib
import os
import re
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.dirname(HERE)
INPUTS = os.path.join(EXAMPLES, "inputs")
EXPECTED = HERE

M32 = (1 << 32) - 1
M64 = (1 << 64) - 1


def det_bytes(label, n):
    """n deterministic pseudo-random bytes."""
    return hashlib.shake_128(label.encode()).digest(n)


# ---------------------------------------------------------------- references

def ref_fibonacci(inp):
    (n,) = struct.unpack("<I", inp[:4])
    a, b = 0, 1
    for _ in range(n):
        a, b = b, (a + b) & M64
    return struct.pack("<Q", a), 0


def ref_sha256(inp):
    return hashlib.sha256(inp).digest(), 0


def xorshift32_seq(seed, n):
    x = seed
    out = []
    for _ in range(n):
        x ^= (x << 13) & M32
        x ^= x >> 17
        x ^= (x << 5) & M32
        out.append(x)
    return out


def ref_sort(inp):
    n, seed = struct.unpack("<II", inp[:8])
    if seed == 0:
        vals = list(struct.unpack("<%dI" % n, inp[8:8 + 4 * n]))
    else:
        vals = xorshift32_seq(seed, n)
    vals.sort()
    chk = sum((i + 1) * v for i, v in enumerate(vals)) & M64
    first = vals[0] if vals else 0
    last = vals[-1] if vals else 0
    return struct.pack("<IIIQ", n, first, last, chk), 0


def ref_sieve(inp):
    (n,) = struct.unpack("<I", inp[:4])
    if n < 2:
        return struct.pack("<II", 0, 0), 0
    is_p = bytearray([1]) * (n + 1)
    is_p[0] = is_p[1] = 0
    i = 2
    while i * i <= n:
        if is_p[i]:
            is_p[i * i::i] = bytes(len(range(i * i, n + 1, i)))
        i += 1
    count = sum(is_p)
    largest = n - is_p[::-1].index(1)
    return struct.pack("<II", count, largest), 0


def modexp_input(iterations, base, exp, mod):
    """base/exp/mod: big-endian byte strings."""
    return (struct.pack("<I", iterations)
            + struct.pack("<I", len(base)) + base
            + struct.pack("<I", len(exp)) + exp
            + struct.pack("<I", len(mod)) + mod)


def ref_modexp(inp):
    (iterations,) = struct.unpack_from("<I", inp, 0)
    off = 4
    fields = []
    for _ in range(3):
        (ln,) = struct.unpack_from("<I", inp, off)
        off += 4
        fields.append(inp[off:off + ln])
        off += ln
    b, e, m = (int.from_bytes(f, "big") for f in fields)
    if m == 0:
        return b"", 2
    r = b % m
    for _ in range(iterations):
        r = pow(r, e, m)
    return r.to_bytes(len(fields[2]), "big"), 0


def ref_reverse(inp):
    return inp[::-1], 0


def _trunc_divmod(a, b):
    """C99 signed division (truncation toward zero)."""
    q = abs(a) // abs(b)
    if (a < 0) != (b < 0):
        q = -q
    return q, a - q * b


def ref_c_checksum(inp):
    crc = zlib.crc32(inp) & M32
    adler = zlib.adler32(inp) & M32
    ln = len(inp) & M32
    x = (crc << 32) | adler
    d = (ln << 16) + 65521
    q, r = x // d, x % d
    sx = x - (1 << 64) if x >> 63 else x
    sd = -(ln + 3)
    sq, sr = _trunc_divmod(sx, sd)
    out = struct.pack("<IIIQQqq", crc, adler, ln, q, r, sq, sr)
    return out, (crc ^ adler) & 0x7F


def ref_c_greet(inp):
    name = inp[:64]
    return b"Hello, " + name + b"!\n", len(name)


# The typed I/O wire format (rust/wire), written here independently of the Rust code:
# frames of a little-endian u32 length and a payload; payloads are postcard (varint
# integers, zigzag for signed, strings and sequences as a varint length and their items,
# Option as 0 or 1 then the value, fixed arrays of u8 as their bytes).

def pc_varint(x):
    out = bytearray()
    while True:
        b = x & 0x7F
        x >>= 7
        if x:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def pc_zigzag(x, bits):
    return pc_varint(((x << 1) ^ (x >> (bits - 1))) & ((1 << bits) - 1))


def pc_str(s):
    return pc_varint(len(s)) + s


def frame(payload):
    return struct.pack("<I", len(payload)) + payload


class Reader:
    """Decodes what pc_* encode (the guest's input, for the reference)."""

    def __init__(self, data):
        self.data, self.pos = data, 0

    def take(self, n):
        if self.pos + n > len(self.data):
            raise ValueError("truncated")
        b = self.data[self.pos:self.pos + n]
        self.pos += n
        return b

    def frame(self):
        (n,) = struct.unpack("<I", self.take(4))
        return Reader(self.take(n))

    def varint(self):
        x = shift = 0
        while True:
            b = self.take(1)[0]
            x |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return x

    def zigzag(self):
        u = self.varint()
        return (u >> 1) ^ -(u & 1)

    def string(self):
        return self.take(self.varint())

    def done(self):
        if self.pos != len(self.data):
            raise ValueError("trailing bytes")


def stats_input(label, threshold, samples, note, tag):
    params = pc_str(label) + pc_zigzag(threshold, 32)
    values = pc_varint(len(samples)) + b"".join(pc_zigzag(v, 32) for v in samples)
    return frame(params) + frame(values) + frame(note) + frame(tag)


def ref_stats(inp):
    r = Reader(inp)
    p = r.frame()
    label, threshold = p.string(), p.zigzag()
    p.done()
    v = r.frame()
    samples = [v.zigzag() for _ in range(v.varint())]
    v.done()
    note = r.frame().data
    tag = r.frame().data
    if tag != b"ZKVM":
        return b"", 2

    def opt(x):
        return b"\x00" if x is None else b"\x01" + pc_zigzag(x, 32)

    summary = (pc_str(label) + pc_varint(len(samples)) + pc_zigzag(sum(samples), 64)
               + opt(min(samples) if samples else None)
               + opt(max(samples) if samples else None)
               + pc_varint(sum(1 for s in samples if s > threshold))
               + pc_varint(len(note)) + tag)
    return frame(summary), 0


def private_json_input(field, threshold):
    return frame(field) + frame(pc_varint(threshold))


def json_field(doc, field):
    """The unsigned integer value of the first `"field" : digits` in doc."""
    m = re.search(rb'"' + re.escape(field) + rb'"[ \t\r\n]*:[ \t\r\n]*([0-9]+)', doc)
    if m is None or int(m.group(1)) >= 1 << 32:
        return None
    # The guest takes the first quoted key followed by a colon.
    first = re.search(rb'"' + re.escape(field) + rb'"[ \t\r\n]*:', doc)
    return int(m.group(1)) if first.start() == m.start() else None


def ref_private_json(inp, private):
    r = Reader(inp)
    field = r.frame().data
    t = r.frame()
    threshold = t.varint()
    t.done()
    doc = Reader(private).frame().data
    value = json_field(doc, field)
    found = value is not None
    at_least = found and value >= threshold
    return frame(pc_str(field) + bytes([found, at_least])), 0


REFERENCES = {
    "fibonacci": ref_fibonacci,
    "sha256": ref_sha256,
    "sort": ref_sort,
    "sieve": ref_sieve,
    "modexp": ref_modexp,
    "reverse": ref_reverse,
    "c_checksum": ref_c_checksum,
    "c_greet": ref_c_greet,
    "stats": ref_stats,
    "private_json": ref_private_json,
}

# The private inputs (fd 3) of the examples that read one.
PRIVATE_INPUTS = {
    "private_json": frame(
        b'{"name": "Ada Lovelace", "account": "GB29 NWBK 6016 1331 9268 19", '
        b'"age" : 36, "balance": 1843}'),
}


# ------------------------------------------------------------ fixed inputs

def fixed_inputs():
    rsa_mod = bytearray(det_bytes("zkvm modexp modulus 2048", 256))
    rsa_mod[0] |= 0x80   # full 2048 bits
    rsa_mod[-1] |= 1     # odd -> Montgomery path
    base = det_bytes("zkvm modexp base 2048", 256)
    return {
        "fibonacci": struct.pack("<I", 150_000),
        "sha256": det_bytes("zkvm sha256 input", 24 * 1024 + 17),
        "sort": struct.pack("<II", 10_000, 0x2545F491),
        "sieve": struct.pack("<I", 400_000),
        "modexp": modexp_input(1, base, (65537).to_bytes(3, "big"), bytes(rsa_mod)),
        "reverse": det_bytes("zkvm reverse input", 20000),
        "c_checksum": det_bytes("zkvm c_checksum input", 64 * 1024 + 5),
        "c_greet": b"zkVM",
        "stats": stats_input(
            b"sensor-7", 1000,
            [struct.unpack("<i", det_bytes("zkvm stats sample %d" % i, 4))[0] >> 12
             for i in range(2000)],
            b"typed input, typed output", b"ZKVM"),
        "private_json": private_json_input(b"age", 18),
    }


def main():
    os.makedirs(INPUTS, exist_ok=True)
    for name, inp in fixed_inputs().items():
        if name in PRIVATE_INPUTS:
            private = PRIVATE_INPUTS[name]
            out, code = REFERENCES[name](inp, private)
            with open(os.path.join(INPUTS, name + ".private.bin"), "wb") as f:
                f.write(private)
        else:
            out, code = REFERENCES[name](inp)
        with open(os.path.join(INPUTS, name + ".bin"), "wb") as f:
            f.write(inp)
        with open(os.path.join(EXPECTED, name + ".out"), "wb") as f:
            f.write(out)
        with open(os.path.join(EXPECTED, name + ".code"), "w") as f:
            f.write("%d\n" % code)
        print("%-10s input %6d bytes, output %3d bytes, exit %d"
              % (name, len(inp), len(out), code))


if __name__ == "__main__":
    main()
