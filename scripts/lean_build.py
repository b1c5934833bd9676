"""Build every Lean module under a source root in import order, checking all proofs.

There is no working `lake` for the WebAssembly Lean, so this is the build: each module is
compiled with `lean -o X.olean -i X.ilean`, up to --jobs at once. The build fails on any
error, and on any "declaration uses `sorry`" warning (Lean itself only warns).

Keys. A module's key is the hash of its source and of its dependencies' keys, so any change
upstream changes every key downstream. Time stamps play no part.

Two levels of reuse:
- the build directory (--out, default ROOT/.build) keeps each module's outputs with a stamp
  holding its key; a module whose stamp matches is not touched;
- a content-addressed cache outside the checkout ($ZKVM_LEAN_HOME/cache, or --cache) keeps
  the outputs of every module ever built, under the hash of the toolchain's identity
  ($ZKVM_LEAN_HOME/toolchain-id, written by scripts/lean-setup.sh), the module's name, its
  key and the compile options. A hit copies the files into the build directory after
  checking each against the sha256 its manifest records; an entry that fails the check is
  deleted and the module rebuilt. A fresh clone on a machine that built the same sources
  before compiles nothing.

Order. Ready modules start longest-critical-path first, using the durations recorded in the
cache (or the source size when a module was never built), so long chains start early.

usage: lean_build.py [--root lean] [--out DIR] [--jobs 2] [--cache DIR | --no-cache]
                     [--lean PATH] [MODULE ...]
With MODULE names (or prefixes such as Zkvm.RiscV), only those modules and their
dependencies are built.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path

IMPORT = re.compile(r"^\s*(?:public\s+|meta\s+|private\s+)*import\s+(?:all\s+)?([A-Za-z0-9_.]+)")
SORRY_WARNING = "declaration uses `sorry`"
# What `lean -o X.olean -i X.ilean` writes for a module X (the module system's split .olean
# files and the compiler IR); the cache keeps every one that exists.
OUTPUTS = [".olean", ".olean.server", ".olean.private", ".ilean", ".ir"]
CACHE_FORMAT = "zkvm-lean-cache v1"
# Each Lean process runs with one Lean worker thread and an emscripten pool of one worker:
# the build runs --jobs processes side by side on a machine with few cores, and one thread
# is the cheapest start-up (scripts/lean_patch.py). Elaboration is synchronous: with
# asynchronous elaboration the order in which the main thread and the worker finish shifts
# the heap and with it the bytes Lean writes (auxiliary declarations' numbering and
# sharing), so two runs on the same module could differ (scripts/lean_identity.py).
# The options are part of every cache key.
LEAN_OPTIONS = ["-j1", "-DElab.async=false"]


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


def module_keys(modules: dict[str, Path], deps: dict[str, list[str]],
                order: list[str]) -> dict[str, str]:
    """Each module's key: its source and its dependencies' keys."""
    keys: dict[str, str] = {}
    for m in order:
        h = hashlib.sha256(modules[m].read_bytes())
        for d in sorted(deps[m]):
            h.update(keys[d].encode())
        keys[m] = h.hexdigest()
    return keys


def build_key(toolchain_id: str, module: str, module_key: str) -> str:
    """What a module's outputs are a function of: the toolchain, the module's name, its
    key (source and imports) and the compile options."""
    text = "\n".join([CACHE_FORMAT, toolchain_id, module, module_key, " ".join(LEAN_OPTIONS)])
    return hashlib.sha256(text.encode()).hexdigest()


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Cache:
    """Content-addressed store of built modules: DIR/<k[:2]>/<k>/ holds the output files
    (named by extension) and MANIFEST.json ({"files": {ext: sha256}, "seconds", ...})."""

    def __init__(self, root: Path, toolchain_id: str) -> None:
        self.root = root
        self.toolchain_id = toolchain_id
        self.durations_path = root / "durations.json"

    def key(self, module: str, module_key: str) -> str:
        return build_key(self.toolchain_id, module, module_key)

    def entry(self, key: str) -> Path:
        return self.root / key[:2] / key

    def fetch(self, key: str, dest: dict[str, Path]) -> str:
        """Copy a valid entry's files to dest[ext]: 'hit', 'miss' or 'corrupt' (deleted)."""
        entry = self.entry(key)
        manifest_path = entry / "MANIFEST.json"
        if not manifest_path.exists():
            return "miss"
        try:
            manifest = json.loads(manifest_path.read_text())
            files = manifest["files"]
            if ".olean" not in files or any(ext not in OUTPUTS for ext in files):
                raise ValueError("bad file list")
            for ext, digest in files.items():
                if sha256_file(entry / ("out" + ext)) != digest:
                    raise ValueError(f"{ext}: content does not match its hash")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            print(f"  cache entry {key[:12]} is corrupt ({exc}); rebuilding", flush=True)
            shutil.rmtree(entry, ignore_errors=True)
            return "corrupt"
        for ext in OUTPUTS:
            dest[ext].unlink(missing_ok=True)
        for ext in files:
            tmp = dest[ext].with_name(dest[ext].name + ".tmp")
            shutil.copyfile(entry / ("out" + ext), tmp)
            os.replace(tmp, dest[ext])
        return "hit"

    def store(self, key: str, src: dict[str, Path], module: str, seconds: float) -> None:
        entry = self.entry(key)
        if (entry / "MANIFEST.json").exists():
            return
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=entry.parent))
        files = {}
        for ext in OUTPUTS:
            if src[ext].exists():
                shutil.copyfile(src[ext], tmp / ("out" + ext))
                files[ext] = sha256_file(tmp / ("out" + ext))
        manifest = {"module": module, "files": files, "seconds": round(seconds, 1)}
        (tmp / "MANIFEST.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
        try:
            os.rename(tmp, entry)
        except OSError:  # another build stored it first
            shutil.rmtree(tmp, ignore_errors=True)

    def durations(self) -> dict[str, float]:
        try:
            return {k: float(v) for k, v in json.loads(self.durations_path.read_text()).items()}
        except (OSError, ValueError, AttributeError):
            return {}

    def record_durations(self, measured: dict[str, float]) -> None:
        if not measured:
            return
        merged = self.durations()
        merged.update({m: round(s, 1) for m, s in measured.items()})
        tmp = self.durations_path.with_name(f".durations.{os.getpid()}")
        tmp.write_text(json.dumps(merged, indent=1, sort_keys=True))
        os.replace(tmp, self.durations_path)


def critical_paths(order: list[str], deps: dict[str, list[str]],
                   cost: dict[str, float]) -> dict[str, float]:
    """For each module, its cost plus the longest chain of costs among the modules that
    (transitively) import it: how long the build takes from its start at best."""
    dependents: dict[str, list[str]] = {m: [] for m in order}
    for m in order:
        for d in deps[m]:
            if d in dependents:
                dependents[d].append(m)
    path: dict[str, float] = {}
    for m in reversed(order):
        path[m] = cost[m] + max((path[u] for u in dependents[m]), default=0.0)
    return path


def main() -> int:
    lean_home = Path(os.path.expanduser(os.environ.get("ZKVM_LEAN_HOME", "~/.cache/zkvm-lean")))
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default="lean")
    parser.add_argument("--out", default=None, help="build directory (default ROOT/.build)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cache", default=str(lean_home / "cache"),
                        help="content-addressed cache directory")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor fill the cache")
    parser.add_argument("targets", nargs="*", help="modules or module prefixes to build")
    parser.add_argument("--lean", default=str(lean_home / "bin" / "lean"))
    args = parser.parse_args()
    started = time.monotonic()

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
    keys = module_keys(modules, deps, order)

    id_path = lean_home / "toolchain-id"
    toolchain_id = id_path.read_text().strip() if id_path.exists() else "unknown"
    # The build directory's stamps name everything the outputs depend on, so a change
    # of toolchain or options rebuilds (or refetches) every module.
    stamps = {m: build_key(toolchain_id, m, keys[m]) for m in order}
    cache = None
    if os.environ.get("ZKVM_LEAN_GLUE"):
        # another glue than the one the toolchain id names: its outputs are not cached
        args.no_cache = True
    if not args.no_cache:
        if not id_path.exists():
            print(f"lean_build: {id_path} is missing (run scripts/setup.sh lean); "
                  "building without the cache", file=sys.stderr)
        else:
            cache = Cache(Path(args.cache), toolchain_id)

    def artefact(m: str, ext: str) -> Path:
        parts = m.split(".")
        return out.joinpath(*parts[:-1], parts[-1] + ext)

    def outputs(m: str) -> dict[str, Path]:
        return {ext: artefact(m, ext) for ext in OUTPUTS}

    def up_to_date(m: str) -> bool:
        stamp = artefact(m, ".hash")
        return (artefact(m, ".olean").exists() and stamp.exists()
                and stamp.read_text() == stamps[m])

    env = dict(os.environ, LEAN_BUILD_PATH=str(out), LEAN_WASM_POOL="1")

    def compile_module(m: str) -> tuple[str, bool, str, float, float]:
        olean = artefact(m, ".olean")
        olean.parent.mkdir(parents=True, exist_ok=True)
        artefact(m, ".hash").unlink(missing_ok=True)
        for path in outputs(m).values():
            path.unlink(missing_ok=True)
        start = time.monotonic()
        with tempfile.TemporaryFile() as log:
            # lean writes default.profraw in its working directory: keep it out of the sources
            proc = subprocess.Popen(
                [args.lean, *LEAN_OPTIONS, f"--root={root}", str(modules[m]),
                 "-o", str(olean), "-i", str(artefact(m, ".ilean"))],
                cwd=out, env=env, stdout=log, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            log.seek(0)
            text = log.read().decode("utf-8", errors="replace")
        cpu = usage.ru_utime + usage.ru_stime
        ok = proc.returncode == 0 and SORRY_WARNING not in text and olean.exists()
        if ok:
            if cache:
                cache.store(cache.key(m, keys[m]), outputs(m), m, cpu)
            artefact(m, ".hash").write_text(stamps[m])
        else:
            for path in outputs(m).values():
                path.unlink(missing_ok=True)
        return m, ok, text, time.monotonic() - start, cpu

    stale = [m for m in order if not up_to_date(m)]
    from_cache = []
    if cache:
        for m in stale:
            dest = outputs(m)
            dest[".olean"].parent.mkdir(parents=True, exist_ok=True)
            artefact(m, ".hash").unlink(missing_ok=True)
            if cache.fetch(cache.key(m, keys[m]), dest) == "hit":
                artefact(m, ".hash").write_text(stamps[m])
                from_cache.append(m)
    todo = [m for m in stale if m not in from_cache]
    print(f"lean_build: {len(order)} modules, {len(order) - len(stale)} up to date, "
          f"{len(from_cache)} from the cache, {len(todo)} to build, {args.jobs} jobs", flush=True)

    known = cache.durations() if cache else {}
    cost = {m: known.get(m, 20.0 + modules[m].stat().st_size / 500.0) for m in order}
    priority = critical_paths(order, deps, cost)
    todo.sort(key=lambda m: -priority[m])

    done = set(m for m in order if m not in todo)
    failed: set[str] = set()
    measured: dict[str, float] = {}
    cpu_total = 0.0
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
                m, ok, text, secs, cpu = fut.result()
                cpu_total += cpu
                status = "ok" if ok else "FAILED"
                print(f"  {status:6} {m} ({secs:.0f} s, {cpu:.0f} CPU-s)", flush=True)
                if text.strip():
                    print("    " + text.strip().replace("\n", "\n    "), flush=True)
                if ok:
                    done.add(m)
                    measured[m] = cpu
                else:
                    failed.add(m)
                    if SORRY_WARNING in text:
                        print(f"    {m}: uses `sorry`, which the build does not accept")
    if cache:
        cache.record_durations(measured)
    summary = (f"{len(measured)} compiled ({cpu_total:.0f} CPU-s), {len(from_cache)} from the "
               f"cache, in {time.monotonic() - started:.0f} s")
    if failed:
        print(f"lean_build: {len(failed)} module(s) failed: {', '.join(sorted(failed))}; {summary}")
        return 1
    print(f"lean_build: all modules checked; {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
