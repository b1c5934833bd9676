"""Build every Lean module under a source root in import order, checking all proofs.

There is no working `lake` for the WebAssembly Lean, so this is the build: each module is
compiled with `lean -o X.olean -i X.ilean`, up to --jobs at once, and skipped when a content
hash of its source and of its dependencies' hashes is unchanged. The build fails on any
error, and on any "declaration uses `sorry`" warning (Lean itself only warns).

usage: lean_build.py [--root lean] [--out lean/.build] [--jobs 2] [--lean PATH] [MODULE ...]
With MODULE names (or prefixes such as Zkvm.RiscV), only those modules and their
dependencies are built.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path

IMPORT = re.compile(r"^\s*(?:public\s+|meta\s+|private\s+)*import\s+(?:all\s+)?([A-Za-z0-9_.]+)")
SORRY_WARNING = "declaration uses `sorry`"


def module_name(root: Path, path: Path) -> str:
    return ".".join(path.relative_to(root).with_suffix("").parts)


def find_modules(root: Path) -> dict[str, Path]:
    modules = {}
    for path in sorted(root.rglob("*.lean")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or rel.name == "lakefile.lean":
            continue
        modules[module_name(root, path)] = path
    return modules


def imports_of(path: Path) -> list[str]:
    """Imports from the module header (the lines before the first declaration)."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = IMPORT.match(line)
        if match:
            found.append(match.group(1))
    return found


def topological_order(deps: dict[str, list[str]]) -> list[str]:
    order, state = [], {}

    def visit(name: str, stack: list[str]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "visiting":
            sys.exit("lean_build: import cycle: " + " -> ".join(stack + [name]))
        state[name] = "visiting"
        for dep in deps[name]:
            visit(dep, stack + [name])
        state[name] = "done"
        order.append(name)

    for name in sorted(deps):
        visit(name, [])
    return order


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default="lean")
    parser.add_argument("--out", default=None, help="build directory (default ROOT/.build)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("targets", nargs="*", help="modules or module prefixes to build")
    parser.add_argument("--lean", default=os.path.expanduser(
        os.environ.get("ZKVM_LEAN_HOME", "~/.cache/zkvm-lean") + "/bin/lean"))
    args = parser.parse_args()

    root = Path(args.root).resolve()
    out = Path(args.out).resolve() if args.out else root / ".build"
    out.mkdir(parents=True, exist_ok=True)
    modules = find_modules(root)
    if not modules:
        print(f"lean_build: no modules under {root}", file=sys.stderr)
        return 1
    deps = {m: [d for d in imports_of(p) if d in modules] for m, p in modules.items()}
    for m, p in modules.items():
        for d in imports_of(p):
            top = d.split(".")[0]
            if d not in modules and any(k.split(".")[0] == top for k in modules):
                print(f"lean_build: {m} imports unknown project module {d}", file=sys.stderr)
                return 1
    order = topological_order(deps)
    if args.targets:
        wanted: set[str] = set()

        def want(m: str) -> None:
            if m not in wanted:
                wanted.add(m)
                for d in deps[m]:
                    want(d)

        for t in args.targets:
            matches = [m for m in modules if m == t or m.startswith(t + ".")]
            if not matches:
                print(f"lean_build: no module matches {t}", file=sys.stderr)
                return 1
            for m in matches:
                want(m)
        order = [m for m in order if m in wanted]

    # A module's key covers its source and its dependencies' keys, so any change upstream
    # rebuilds everything downstream.
    keys: dict[str, str] = {}
    for m in order:
        h = hashlib.sha256(modules[m].read_bytes())
        for d in sorted(deps[m]):
            h.update(keys[d].encode())
        keys[m] = h.hexdigest()

    def artefact(m: str, ext: str) -> Path:
        return out.joinpath(*m.split(".")).with_suffix(ext)

    def up_to_date(m: str) -> bool:
        stamp = artefact(m, ".hash")
        return (artefact(m, ".olean").exists() and stamp.exists()
                and stamp.read_text() == keys[m])

    env = dict(os.environ, LEAN_BUILD_PATH=str(out))

    def compile_module(m: str) -> tuple[str, bool, str, float]:
        olean = artefact(m, ".olean")
        olean.parent.mkdir(parents=True, exist_ok=True)
        artefact(m, ".hash").unlink(missing_ok=True)
        start = time.monotonic()
        proc = subprocess.run(
            [args.lean, f"--root={root}", str(modules[m]),
             "-o", str(olean), "-i", str(artefact(m, ".ilean"))],
            cwd=out, env=env, capture_output=True, text=True)  # lean writes default.profraw in its cwd
        text = proc.stdout + proc.stderr
        ok = proc.returncode == 0 and SORRY_WARNING not in text and olean.exists()
        if ok:
            artefact(m, ".hash").write_text(keys[m])
        else:
            olean.unlink(missing_ok=True)
        return m, ok, text, time.monotonic() - start

    todo = [m for m in order if not up_to_date(m)]
    print(f"lean_build: {len(order)} modules, {len(todo)} to build, {args.jobs} jobs")
    done = set(m for m in order if m not in todo)
    failed: set[str] = set()
    running: dict[Future, str] = {}
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        while todo or running:
            for m in list(todo):
                if len(running) >= args.jobs:
                    break
                if any(d in failed for d in deps[m]):
                    todo.remove(m)
                    failed.add(m)
                    print(f"  skipped {m} (a dependency failed)")
                elif all(d in done for d in deps[m]):
                    todo.remove(m)
                    running[pool.submit(compile_module, m)] = m
            if not running:
                break
            finished, _ = wait(list(running), return_when=FIRST_COMPLETED)
            for fut in finished:
                del running[fut]
                m, ok, text, secs = fut.result()
                status = "ok" if ok else "FAILED"
                print(f"  {status:6} {m} ({secs:.0f} s)", flush=True)
                if text.strip():
                    print("    " + text.strip().replace("\n", "\n    "), flush=True)
                if ok:
                    done.add(m)
                else:
                    failed.add(m)
                    if SORRY_WARNING in text:
                        print(f"    {m}: uses `sorry`, which the build does not accept")
    if failed:
        print(f"lean_build: {len(failed)} module(s) failed: {', '.join(sorted(failed))}")
        return 1
    print("lean_build: all modules checked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
