"""Source audit of lean/: fail on anything that would weaken what a proof means.

Forbidden everywhere under lean/ (comments included, so no one has to argue about context):
sorry, admit, native_decide, implemented_by, extern, unsafe, debug.skipKernelTC.
Every `axiom` declaration must be named in lean/axiom-allowlist.txt (`Name: justification`).

usage: lean_audit.py [--root lean] [--allowlist lean/axiom-allowlist.txt]
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

FORBIDDEN = re.compile(
    r"\b(sorry|admit|native_decide|implemented_by|extern|unsafe)\b|debug\.skipKernelTC")
AXIOM = re.compile(r"^\s*(?:@\[[^\]]*\]\s*)?(?:(?:private|public|protected|noncomputable)\s+)*"
                   r"axiom\s+([^\s:({\[]+)")
NAMESPACE = re.compile(r"^\s*namespace\s+(\S+)")
END = re.compile(r"^\s*end\s+(\S+)")


def read_allowlist(path: Path) -> dict[str, str]:
    """The allow-list as {name: justification}; ValueError on an entry without one."""
    allowed = {}
    if not path.exists():
        return allowed
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, why = line.partition(":")
        if not sep or not why.strip():
            raise ValueError(f"{path}: allow-list entry without a justification: {raw!r}")
        allowed[name.strip()] = why.strip()
    return allowed


def declared_axioms(path: Path) -> list[tuple[int, str]]:
    """(line, fully qualified name) of each axiom declared in a file."""
    found, spaces = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if m := NAMESPACE.match(line):
            spaces.append(m.group(1))
        elif (m := END.match(line)) and spaces and spaces[-1] == m.group(1):
            spaces.pop()
        elif m := AXIOM.match(line):
            found.append((number, ".".join(spaces + [m.group(1)])))
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default="lean")
    parser.add_argument("--allowlist", default="lean/axiom-allowlist.txt")
    args = parser.parse_args()
    root = Path(args.root)
    try:
        allowed = read_allowlist(Path(args.allowlist))
    except ValueError as err:
        print(f"lean_audit: {err}")
        return 1
    problems = []
    files = sorted(p for p in root.rglob("*.lean") if ".build" not in p.parts and ".lake" not in p.parts)
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if m := FORBIDDEN.search(line):
                problems.append(f"{path}:{number}: forbidden `{m.group(0)}`: {line.strip()}")
        for number, name in declared_axioms(path):
            if name not in allowed:
                problems.append(f"{path}:{number}: axiom `{name}` is not in {args.allowlist}")
    for problem in problems:
        print(problem)
    if problems:
        print(f"lean_audit: {len(problems)} problem(s) in {len(files)} files")
        return 1
    print(f"lean_audit: {len(files)} files clean ({len(allowed)} allowed axioms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
