"""Check that the patched toolchain builds what the shipped one builds.

scripts/lean_patch.py changes the emscripten glue around lean.wasm (how symbols are found,
how the function table is filled, how many worker threads start). None of that may change
what Lean writes. This script compiles every module of a source root twice, in import
order: with the glue the build uses and with the glue exactly as shipped (lean.js, whose
sha256 scripts/lean-setup.sh checks), with the build's Lean options (-j1), and compares every
output file (.olean, .olean.server, .olean.private, .ir, .ilean). Both sides import the same
dependency files (the patched side's outputs).

What "the same run" means here. Lean's output depends on its heap layout: some of its
caches are keyed by object addresses, so the order and sharing of what it writes can change
when the addresses do, and the addresses shift with the length of every string the runtime
copies into the heap at start-up (its arguments, its environment). The same module compiled
from another directory can therefore give other (equally valid) bytes. So both sides run in
the same directory, with the same environment and the same arguments up to the glue's file
name and the output directory, which have the same length on both sides.

Byte for byte, up to uninitialised padding: on wasm32 an object's size is rounded up to 8
bytes but Lean zeroes only its last 4-byte word, so up to 3 bytes after a constructor's
scalar fields keep whatever the allocator's slot held before. The comparison walks each
compacted-region file object by object (`olean_padding`): the object layout must be the
same, every byte outside padding must be equal, and the report counts the padding bytes
that differ. .ilean files (JSON) must be equal byte for byte.

The shipped glue mounts only /home and /tmp of the host and gives its threads 4 MB stacks,
so everything is copied (hard links where possible) under a temporary directory in /tmp, and
a module that the shipped glue cannot compile because a thread's stack overflows is compiled
with the shipped glue plus only the `stack` patch (256 MB worker stacks), which the report
names. The shipped glue takes about 2-3 CPU-minutes per module.

usage: lean_identity.py [--root lean] [--keep] [MODULE ...]
"""
from __future__ import annotations

import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lean_build  # noqa: E402

SCRIPTS = Path(__file__).resolve().parent
# The glues compared, under names of equal length (see `main`).
GLUES = {"patched": "lean-zkvm.js", "shipped": "lean-orig.js", "shipped + stack": "lean-stck.js"}

# The compacted-region files Lean writes (.olean, .olean.server, .olean.private, .ir) on
# wasm32: a header of 88 bytes ("olean", version, Lean version, githash, base address, root
# pointer), then the objects, each starting at a multiple of 4, each with the header
# (m_rc: i32 = 0, m_cs_sz: u16, m_other: u8, m_tag: u8).
OLEAN_HEADER = 88
TAG_MAX_CTOR, TAG_ARRAY, TAG_SCALAR_ARRAY, TAG_STRING, TAG_MPZ, TAG_THUNK = 244, 246, 248, 249, 250, 251


def olean_padding(data: bytes) -> set[int]:
    """Offsets of the bytes of a compacted region that Lean does not initialise.

    - Between objects: the compactor rounds each object up to 4 bytes.
    - In a constructor: the allocator rounds its size up to 8 bytes (m_cs_sz is the rounded
      size) and zeroes only the last 4-byte word, so up to 3 bytes after the scalar fields
      keep what the memory slot held before: scalar-area offsets [S - 7, S - 4) where S is
      the scalar area's size (the true scalar size is at least S - 7).
    - In a string: the bytes between its size and its capacity.
    Raises ValueError if the file does not parse as a sequence of objects."""
    pad: set[int] = set()
    pos = OLEAN_HEADER
    while pos < len(data):
        rc, cs_sz, other, tag = struct.unpack_from("<iHBB", data, pos)
        if rc != 0:
            raise ValueError(f"object at {pos:#x}: reference count {rc}")
        if tag <= TAG_MAX_CTOR:
            size = cs_sz
            scalars = pos + 8 + 4 * other
            s_size = size - 8 - 4 * other
            if s_size < 0:
                raise ValueError(f"constructor at {pos:#x}: size {size} < fields {other}")
            pad.update(range(scalars + max(0, s_size - 7), scalars + max(0, s_size - 4)))
        elif tag in (TAG_MPZ, TAG_THUNK):
            size = cs_sz
        elif tag == TAG_ARRAY:
            _, cap = struct.unpack_from("<II", data, pos + 8)
            size = 16 + 4 * cap
        elif tag == TAG_SCALAR_ARRAY:
            _, cap = struct.unpack_from("<II", data, pos + 8)
            size = 16 + other * cap
        elif tag == TAG_STRING:
            used, cap, _ = struct.unpack_from("<III", data, pos + 8)
            size = 20 + cap
            pad.update(range(pos + 20 + used, pos + 20 + cap))
        else:
            raise ValueError(f"object at {pos:#x}: unexpected tag {tag}")
        if size <= 0:
            raise ValueError(f"object at {pos:#x}: size {size}")
        end = pos + size
        pos = (end + 3) // 4 * 4
        pad.update(range(end, pos))
    if pos != len(data):
        raise ValueError("the last object runs past the end of the file")
    return pad


def compare_outputs(mine: bytes, ref: bytes, region: bool) -> tuple[str | None, int]:
    """(None if equal up to padding, else why; number of padding bytes that differ)."""
    if mine == ref:
        return None, 0
    if len(mine) != len(ref):
        return f"sizes differ ({len(mine)} and {len(ref)} bytes)", 0
    differing = [i for i in range(len(mine)) if mine[i] != ref[i]]
    if not region:
        return f"{len(differing)} bytes differ", 0
    try:
        pad = olean_padding(mine)
        if pad != olean_padding(ref):
            return "different object layout", 0
    except ValueError as exc:
        return f"does not parse: {exc}", 0
    real = [i for i in differing if i not in pad]
    if real:
        return f"{len(real)} bytes differ outside padding (first at {real[0]:#x})", 0
    return None, len(differing)


def main() -> int:
    lean_home = Path(os.path.expanduser(os.environ.get("ZKVM_LEAN_HOME", "~/.cache/zkvm-lean")))
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default="lean")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--options", default=" ".join(lean_build.LEAN_OPTIONS),
                        help="Lean options for both sides (default: the build's)")
    parser.add_argument("targets", nargs="*")
    args = parser.parse_args()
    root = Path(args.root).resolve()

    modules = lean_build.find_modules(root)
    deps = {m: [d for d in lean_build.imports_of(p) if d in modules] for m, p in modules.items()}
    order = lean_build.topological_order(deps)
    if args.targets:
        order = [m for m in order if any(m == t or m.startswith(t + ".") for t in args.targets)]
        missing = {d for m in order for d in deps[m]} - set(order)
        if missing:
            sys.exit(f"lean_identity: also name the dependencies: {', '.join(sorted(missing))}")
    work = Path(tempfile.mkdtemp(prefix="zkvm-lean-identity-", dir="/tmp"))
    try:
        # A Lean home under /tmp with three glues whose names have the same length (the
        # glue's path is Lean's argv[0]: its length shifts the heap layout), the core library
        # and the wrapper.
        home = work / "home"
        (home / "wasm").mkdir(parents=True)
        (home / "bin").mkdir()
        wasm = lean_home / "wasm"
        for name in ["lean.wasm"]:
            os.link(wasm / name, home / "wasm" / name)
        os.link(wasm / "lean-zkvm.js", home / "wasm" / GLUES["patched"])
        os.link(wasm / "lean.js", home / "wasm" / GLUES["shipped"])
        subprocess.run([sys.executable, str(SCRIPTS / "lean_patch.py"), str(wasm / "lean.js"),
                        str(home / "wasm" / GLUES["shipped + stack"]), "stack"], check=True)
        libdir = Path((lean_home / "libdir").read_text().strip())
        lib_copy = work / "lib"
        shutil.copytree(libdir, lib_copy, copy_function=os.link)
        (home / "libdir").write_text(str(lib_copy))
        (home / "node").symlink_to(lean_home / "node")
        shutil.copy(SCRIPTS / "lean-wrapper.sh", home / "bin" / "lean")
        (home / "bin" / "lean").chmod(0o755)
        shutil.copy(SCRIPTS / "lean_filter.py", home / "bin" / "lean_filter.py")
        src = work / "src"
        shutil.copytree(root, src, ignore=shutil.ignore_patterns(".build", ".lake"))
        deps = work / "deps"  # the patched glue's outputs, imported by both sides
        deps.mkdir()

        def output(where: Path, m: str, ext: str) -> Path:
            return where.joinpath(*m.split(".")[:-1], m.split(".")[-1] + ext)

        def start(glue: str, side: str, m: str) -> subprocess.Popen:
            olean = output(work / side, m, ".olean")
            olean.parent.mkdir(parents=True, exist_ok=True)
            # The same working directory, arguments and environment (up to the glue's name
            # and the output directory, both of equal length) on both sides.
            env = dict(os.environ, ZKVM_LEAN_HOME=str(home), ZKVM_LEAN_GLUE=GLUES[glue],
                       LEAN_BUILD_PATH=str(deps), LEAN_WASM_POOL="1")
            return subprocess.Popen(
                [str(home / "bin" / "lean"), *args.options.split(), f"--root={src}",
                 str(src / modules[m].relative_to(root)),
                 "-o", str(olean), "-i", str(output(work / side, m, ".ilean"))],
                cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

        def finish(proc: subprocess.Popen, side: str, m: str) -> tuple[bool, str]:
            text = proc.communicate()[0].decode("utf-8", errors="replace")
            return proc.returncode == 0 and output(work / side, m, ".olean").exists(), text

        identical, equal_but_padding, different = 0, 0, []
        for m in order:
            t0 = os.times()
            mine, ref = start("patched", "out-a", m), start("shipped", "out-b", m)
            ok_mine, text_mine = finish(mine, "out-a", m)
            ok, text = finish(ref, "out-b", m)
            glue = "shipped"
            if ok_mine and not ok:
                ok, text = finish(start("shipped + stack", "out-b", m), "out-b", m)
                glue = "shipped + stack"
            t1 = os.times()
            cpu = (t1.children_user - t0.children_user) + (t1.children_system - t0.children_system)
            if not (ok and ok_mine):
                print(f"  FAILED {m}:\n    " + (text if ok_mine else text_mine).strip()
                      .replace("\n", "\n    "), flush=True)
                different.append(m)
                break
            diffs, padding = [], 0
            for ext in lean_build.OUTPUTS:
                a, b = output(work / "out-a", m, ext), output(work / "out-b", m, ext)
                if a.exists() != b.exists():
                    diffs.append(f"{ext} exists in only one build")
                elif a.exists():
                    why, n = compare_outputs(a.read_bytes(), b.read_bytes(), ext != ".ilean")
                    padding += n
                    if why:
                        diffs.append(f"{ext}: {why}")
                    dest = output(deps, m, ext)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(a, dest)
            if diffs:
                different.append(m)
                print(f"  DIFFERS {m} ({glue}, {cpu:.0f} CPU-s): {'; '.join(diffs)}", flush=True)
            elif padding:
                equal_but_padding += 1
                print(f"  same    {m} ({glue}, {cpu:.0f} CPU-s) except {padding} "
                      "uninitialised padding bytes", flush=True)
            else:
                identical += 1
                print(f"  same    {m} ({glue}, {cpu:.0f} CPU-s), byte for byte", flush=True)
        print(f"lean_identity: of {len(order)} modules, {identical} byte-identical to the shipped "
              f"toolchain's build, {equal_but_padding} identical except uninitialised padding "
              f"bytes, {len(different)} different")
        return 1 if different else 0
    finally:
        if args.keep:
            print(f"lean_identity: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
