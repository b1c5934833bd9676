"""Generate proofs-status.md: what the Lean development proves, item by item.

Inputs: proofs/claims.toml (hand-written: which Lean theorems cover which item), the Lean
sources under lean/, and lean/axiom-allowlist.txt. The status of an item is computed, never
written by hand:

  missing                        no theorem and no statement listed
  stated                         `statements` lists Prop-valued definitions (the property is
                                 written down in Lean) that no listed theorem proves yet
  proved under named assumption  theorems listed, every one declared in the sources, and the
                                 item lists assumptions (explicit hypotheses of the theorems,
                                 never axioms)
  proved                         theorems listed, every one declared in the sources

"Declared" is checked here; that the proofs are complete is checked by the build
(`make lean` fails on any error or `sorry`) and the source audit (`make lean-audit` rejects
sorry/admit/native_decide/... and axioms outside the allow-list). This script refuses to
produce a file when a claimed name is not a public theorem of the sources, a statement is
not a `Prop` definition, a named assumption does not occur in the statement of any listed
theorem, `sorry` occurs in the sources, or an axiom is declared that is not allow-listed.

usage: proofs_status.py [--root DIR] [--check] [--self-test]
  (default)    write DIR/proofs-status.md
  --check      exit 1 if DIR/proofs-status.md differs from what would be generated
  --self-test  run the generator on a small throwaway project and check its verdicts
"""
from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import re
import shutil
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import lean_audit  # the one parser of the axiom allow-list (scripts/ is on sys.path)

OUTPUT = "proofs-status.md"
CLAIMS = "proofs/claims.toml"
ALLOWLIST = "lean/axiom-allowlist.txt"
LEAN_ROOT = "lean"

PROVED = "proved"
PROVED_ASSUMING = "proved under named assumption"
STATED = "stated"
MISSING = "missing"

THEOREM_KINDS = ("theorem", "lemma")
DECL = re.compile(
    r"^\s*(?:@\[[^\]]*\]\s*)*"
    r"(?P<mods>(?:(?:private|protected|public|noncomputable|partial|nonrec|unsafe|meta)\s+)*)"
    r"(?P<kind>theorem|lemma|def|abbrev|instance|structure|inductive|class|axiom|opaque)\b"
    r"\s*(?P<name>[^\s:({\[⦃]+)?")
NAMESPACE = re.compile(r"^\s*namespace\s+(\S+)\s*$")
SECTION = re.compile(
    r"^\s*(?:@\[[^\]]*\]\s*)*(?:(?:public|private|noncomputable|meta)\s+)*section(?:\s+(\S+))?\s*$")
MUTUAL = re.compile(r"^\s*mutual\s*$")
END = re.compile(r"^\s*end(?:\s+(\S+))?\s*$")
SORRY = re.compile(r"\bsorry\b")


class StatusError(Exception):
    """A claim or a source fact that makes the status file wrong; reported and fatal."""


@dataclass
class Decl:
    name: str          # fully qualified
    kind: str
    private: bool
    path: str          # relative to the repository root
    line: int
    header: str        # the declaration up to its body, whitespace collapsed


@dataclass
class Sources:
    decls: dict[str, Decl] = field(default_factory=dict)
    private_theorems: dict[str, int] = field(default_factory=dict)  # file -> count
    theorems: dict[str, int] = field(default_factory=dict)          # file -> count (public)
    sorries: list[str] = field(default_factory=list)                # "path:line"
    axioms: list[Decl] = field(default_factory=list)


# ---------------------------------------------------------------------------------------
# Lean sources

def strip_comments(text: str) -> str:
    """The text with comments (nested `/- -/`, doc comments, `--`) and string literals
    blanked out, newlines kept so line numbers stay right."""
    out: list[str] = []
    i, n, depth = 0, len(text), 0
    while i < n:
        c = text[i]
        two = text[i:i + 2]
        if depth:
            if two == "/-":
                depth += 1
                out.append("  ")
                i += 2
            elif two == "-/":
                depth -= 1
                out.append("  ")
                i += 2
            else:
                out.append("\n" if c == "\n" else " ")
                i += 1
        elif two == "/-":
            depth = 1
            out.append("  ")
            i += 2
        elif two == "--":
            j = text.find("\n", i)
            j = n if j == -1 else j
            out.append(" " * (j - i))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append('"' + "".join("\n" if ch == "\n" else " " for ch in text[i + 1:j - 1]) + '"')
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def declaration_header(lines: list[str], start: int) -> str:
    """The declaration starting at line `start` up to `:=`, `where`, or the first
    pattern-matching equation, as one line."""
    parts = []
    for k in range(start, min(start + 60, len(lines))):
        line = lines[k]
        if k > start and (DECL.match(line) or END.match(line) or line.strip().startswith("|")):
            break
        cut = [p for p in (line.find(":="), _word_at(line, "where")) if p >= 0]
        if cut:
            parts.append(line[:min(cut)])
            break
        parts.append(line)
    text = " ".join(" ".join(parts).split())
    return re.sub(r"^(?:@\[[^\]]*\]\s*)+", "", text)


def _name_below(lines: list[str], index: int, m: re.Match) -> str | None:
    """The name of a declaration whose keyword ends its line (`theorem` then the name on
    the next line)."""
    if m.group("kind") == "instance" or lines[index][m.end():].strip():
        return None
    for line in lines[index + 1:index + 3]:
        if line.strip():
            name = re.match(r"\s*([^\s:({\[⦃]+)", line)
            return name.group(1) if name else None
    return None


def _word_at(line: str, word: str) -> int:
    m = re.search(rf"(?<![\w.']){word}(?![\w'])", line)
    return m.start() if m else -1


def lean_files(root: Path) -> list[Path]:
    """The files the build checks (scripts/lean_build.py): every .lean file under lean/
    outside hidden directories, except a lakefile."""
    base = root / LEAN_ROOT
    files = []
    for path in sorted(base.rglob("*.lean")):
        rel = path.relative_to(base)
        if any(part.startswith(".") for part in rel.parts) or rel.name == "lakefile.lean":
            continue
        files.append(path)
    return files


def scan_sources(root: Path) -> Sources:
    src = Sources()
    for path in lean_files(root):
        rel = path.relative_to(root).as_posix()
        raw = path.read_text(encoding="utf-8")
        for number, line in enumerate(raw.splitlines(), 1):
            src.sorries.extend(f"{rel}:{number}" for _ in SORRY.finditer(line))
        lines = strip_comments(raw).splitlines()
        scopes: list[tuple[str, str | None]] = []   # (kind, name)
        src.theorems.setdefault(rel, 0)
        src.private_theorems.setdefault(rel, 0)
        for index, line in enumerate(lines):
            number = index + 1
            if m := NAMESPACE.match(line):
                scopes.append(("namespace", m.group(1)))
            elif m := SECTION.match(line):
                scopes.append(("section", m.group(1)))
            elif MUTUAL.match(line):
                scopes.append(("mutual", None))
            elif m := END.match(line):
                if not scopes:
                    raise StatusError(f"{rel}:{number}: `end` without an open scope")
                kind, name = scopes.pop()
                if m.group(1) != name and kind != "mutual":
                    raise StatusError(f"{rel}:{number}: `end {m.group(1) or ''}` closes "
                                      f"{kind} {name or '(anonymous)'}")
            elif (m := DECL.match(line)) and (short := m.group("name") or _name_below(
                    lines, index, m)):
                kind = m.group("kind")
                private = "private" in m.group("mods").split()
                if short.startswith("_root_."):
                    full = short[len("_root_."):]
                else:
                    spaces = [n for k, n in scopes if k == "namespace"]
                    full = ".".join(spaces + [short])
                decl = Decl(full, kind, private, rel, number, declaration_header(lines, index))
                if kind in THEOREM_KINDS:
                    if private:
                        src.private_theorems[rel] += 1
                    else:
                        src.theorems[rel] += 1
                if kind == "axiom":
                    src.axioms.append(decl)
                if not private:
                    src.decls.setdefault(full, decl)
    return src


def read_allowlist(path: Path) -> dict[str, str]:
    try:
        allowed = lean_audit.read_allowlist(path)
    except ValueError as err:
        raise StatusError(str(err)) from err
    return dict(sorted(allowed.items()))


# ---------------------------------------------------------------------------------------
# Claims

GROUP_KEYS = {"id", "title", "description"}
CLAIM_KEYS = {"id", "group", "title", "theorems", "statements", "assumptions", "note"}


@dataclass
class Assumption:
    text: str
    lean: str | None


@dataclass
class Claim:
    id: str
    group: str
    title: str
    theorems: list[str]
    statements: list[str]
    assumptions: list[Assumption]
    note: str
    status: str = MISSING


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise StatusError(f"{where}: expected a list of non-empty strings")
    return list(value)


def read_claims(path: Path) -> tuple[list[dict], list[Claim]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise StatusError(f"{path}: {e}") from e
    unknown = set(data) - {"group", "claim", "instruction", "run_item"}
    if unknown:
        raise StatusError(f"{path}: unknown top-level keys {sorted(unknown)}")
    groups = data.get("group", [])
    group_ids = []
    for g in groups:
        if set(g) - GROUP_KEYS or not {"id", "title"} <= set(g):
            raise StatusError(f"{path}: a [[group]] needs id and title (and optionally "
                              f"description), got {sorted(g)}")
        group_ids.append(g["id"])
    if len(set(group_ids)) != len(group_ids):
        raise StatusError(f"{path}: duplicate group ids")
    claims, seen = [], set()
    for c in data.get("claim", []):
        where = f"{path}: claim {c.get('id', '?')}"
        if set(c) - CLAIM_KEYS:
            raise StatusError(f"{where}: unknown keys {sorted(set(c) - CLAIM_KEYS)}")
        for key in ("id", "group", "title"):
            if not isinstance(c.get(key), str) or not c[key]:
                raise StatusError(f"{where}: `{key}` is required")
        if c["id"] in seen:
            raise StatusError(f"{where}: duplicate id")
        seen.add(c["id"])
        if c["group"] not in group_ids:
            raise StatusError(f"{where}: unknown group {c['group']!r}")
        assumptions = []
        for a in c.get("assumptions", []):
            if isinstance(a, str) and a:
                assumptions.append(Assumption(a, None))
            elif isinstance(a, dict) and set(a) <= {"text", "lean"} and a.get("text"):
                assumptions.append(Assumption(a["text"], a.get("lean")))
            else:
                raise StatusError(f"{where}: an assumption is a string or "
                                  f"{{ text = ..., lean = ... }}")
        claims.append(Claim(
            id=c["id"], group=c["group"], title=c["title"],
            theorems=_strings(c.get("theorems", []), f"{where}: theorems"),
            statements=_strings(c.get("statements", []), f"{where}: statements"),
            assumptions=assumptions, note=str(c.get("note", "")).strip()))
    return groups, claims


@dataclass
class Row:
    """One line of a per-instruction or run-level table: theorem lists per column."""
    name: str
    tables: str
    columns: dict[str, list[str]]
    note: str = ""


INSTRUCTION_COLUMNS = ("sound", "complete", "step")
RUN_COLUMNS = ("theorems",)


def read_rows(path: Path) -> tuple[list[Row], list[Row]]:
    """The `[[instruction]]` and `[[run_item]]` tables of claims.toml."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out: tuple[list[Row], list[Row]] = ([], [])
    for key, cols, dest in (("instruction", INSTRUCTION_COLUMNS, out[0]),
                            ("run_item", RUN_COLUMNS, out[1])):
        for r in data.get(key, []):
            where = f"{path}: {key} {r.get('name', '?')}"
            allowed = {"name", "tables", "note", *cols}
            if set(r) - allowed or not isinstance(r.get("name"), str):
                raise StatusError(f"{where}: keys must be within {sorted(allowed)}, with a name")
            dest.append(Row(r["name"], str(r.get("tables", "")),
                            {c: _strings(r.get(c, []), f"{where}: {c}") for c in cols},
                            str(r.get("note", "")).strip()))
    return out


def check_rows(rows: list[Row], src: Sources) -> list[str]:
    problems = []
    for r in rows:
        for col, names in r.columns.items():
            for name in names:
                d = src.decls.get(name)
                if d is None or d.kind not in THEOREM_KINDS:
                    problems.append(f"row {r.name} ({col}): `{name}` is not a theorem declared "
                                    f"in {LEAN_ROOT}/")
    return problems


def _col_status(names: list[str]) -> str:
    return PROVED if names else MISSING


def render_rows(instructions: list[Row], run_items: list[Row]) -> list[str]:
    out: list[str] = []
    if instructions:
        out += ["", "## Constraints ⇔ semantics, per RV32IM instruction", "",
                "One line per instruction, computed from `[[instruction]]` in "
                "`proofs/claims.toml`: a column is *proved* when it lists theorems (each declared "
                "in `lean/`, checked by the build), *missing* when it lists none. *Table "
                "soundness*: the rows of the tables that execute the instruction (the CPU table "
                "and the coprocessor named) satisfy their constraints, with the lookups' range "
                "facts as hypotheses, only if the result is the RV32IM semantics' (the EXEC "
                "contract, docs/air.md §4). *Table completeness*: the rows the prover's builder "
                "makes (a Lean model tested against the Rust builder) satisfy them. *Whole "
                "step*: a CPU row satisfying its constraints that runs the instruction (its PROG "
                "message is the program row's: the PROG lookup), reads the state (its a and b are "
                "the registers' values: the memory argument) and whose EXEC request a "
                "coprocessor row receives (the bus, `Exec.receives_of_bus`) gives the semantics' "
                "step: `execute` succeeds with rd set to the row's c and the pc to its next pc "
                "(lean/Zkvm/Air/V2/Step.lean, through the EXEC contract); these three joins are "
                "the theorems' hypotheses, which the whole run (not yet proved) discharges.", "",
                "| Instruction | Tables | Table soundness | Table completeness | Whole step | "
                "Theorems |", "|---|---|---|---|---|---|"]
        for r in instructions:
            names = [n.rsplit(".", 1)[-1] for c in INSTRUCTION_COLUMNS for n in r.columns[c]]
            cells = [_col_status(r.columns[c]) for c in INSTRUCTION_COLUMNS]
            theorems = ", ".join(f"`{n}`" for n in dict.fromkeys(names)) or "—"
            if r.note:
                theorems += f" ({_md(r.note)})"
            out.append(f"| {r.name} | {_md(r.tables)} | " + " | ".join(cells) +
                       f" | {theorems} |")
    if run_items:
        out += ["", "## Run-level items", "",
                "| Item | Status | Theorems | Note |", "|---|---|---|---|"]
        for r in run_items:
            names = r.columns["theorems"]
            theorems = ", ".join(f"`{n}`" for n in names) or "—"
            out.append(f"| {_md(r.name)} | {_col_status(names)} | {theorems} | {_md(r.note)} |")
    return out


def _mentions(header: str, name: str) -> bool:
    short = name.rsplit(".", 1)[-1]
    return re.search(rf"(?<![\w'])(?:[\w.]*\.)?{re.escape(short)}(?![\w'])", header) is not None


def evaluate(claims: list[Claim], src: Sources) -> list[str]:
    """Set each claim's status; return every problem found (any problem is fatal)."""
    problems = []
    for c in claims:
        for name in c.theorems:
            d = src.decls.get(name)
            if d is None:
                problems.append(f"claim {c.id}: theorem `{name}` is not declared in {LEAN_ROOT}/"
                                " (a public `theorem`/`lemma` with that fully qualified name)")
            elif d.kind not in THEOREM_KINDS:
                problems.append(f"claim {c.id}: `{name}` is a `{d.kind}`, not a theorem "
                                f"({d.path}:{d.line})")
        for name in c.statements:
            d = src.decls.get(name)
            if d is None:
                problems.append(f"claim {c.id}: statement `{name}` is not declared in {LEAN_ROOT}/")
            elif d.kind not in ("def", "abbrev") or not re.search(r":\s*Prop$", d.header):
                problems.append(f"claim {c.id}: statement `{name}` is not a definition of type "
                                f"Prop ({d.path}:{d.line}: {d.header})")
        for a in c.assumptions:
            if a.lean is None:
                continue
            if a.lean not in src.decls:
                problems.append(f"claim {c.id}: assumption `{a.lean}` is not declared in "
                                f"{LEAN_ROOT}/")
            elif not any(n in src.decls and _mentions(src.decls[n].header, a.lean)
                         for n in c.theorems):
                problems.append(f"claim {c.id}: assumption `{a.lean}` occurs in the statement "
                                "of none of the listed theorems")
        if c.assumptions and not c.theorems:
            problems.append(f"claim {c.id}: assumptions are listed but no theorem")
        if c.statements:
            c.status = STATED
        elif c.theorems:
            c.status = PROVED_ASSUMING if c.assumptions else PROVED
        else:
            c.status = MISSING
    return problems


# ---------------------------------------------------------------------------------------
# Output

def _md(text: str) -> str:
    return text.replace("|", "\\|")


def folder_of(rel: str) -> str:
    """lean/Zkvm/Field/Modulus.lean -> Zkvm/Field; lean/Zkvm.lean -> Zkvm.lean."""
    parts = Path(rel).parts[1:]
    return "/".join(parts[:2]) if len(parts) > 2 else "/".join(parts)


def render(groups: list[dict], claims: list[Claim], src: Sources,
           allowed: dict[str, str], rows: tuple[list[Row], list[Row]] = ([], [])) -> str:
    out = [
        "# Proofs status",
        "",
        "Generated by `make proofs-status` (`scripts/proofs_status.py`) from "
        "`proofs/claims.toml` and the Lean sources under `lean/`. Do not edit: change those "
        "and regenerate; `make test` fails when this file is out of date.",
        "",
        "Statuses are computed, not written by hand:",
        "",
        f"- **{PROVED}**: every listed theorem is declared in `lean/`. `make lean` checks "
        "every proof (it fails on any error or `sorry`) and `make lean-audit` rejects "
        "`sorry`, `admit`, `native_decide` and any axiom outside the allow-list below.",
        f"- **{PROVED_ASSUMING}**: as *{PROVED}*, but the theorems take the named "
        "assumptions as explicit hypotheses (they are not axioms).",
        f"- **{STATED}**: the property is written down as a Lean `Prop` definition; no "
        "listed theorem proves it yet.",
        f"- **{MISSING}**: nothing in the Lean sources covers the item yet.",
        "",
        "A status is about the listed theorems, whose statements are shown under each item "
        "(as written in the source: `variable`s of the enclosing section, such as the hash "
        "function `H`, are not repeated).",
        "",
        "## Summary",
        "",
        "| Id | Item | Status | Main theorem | Theorems |",
        "|---|---|---|---|---|",
    ]
    for c in claims:
        main = f"`{c.theorems[0]}`" if c.theorems else "—"
        out.append(f"| {c.id} | {_md(c.title)} | {c.status} | {main} | "
                   f"{len(c.theorems) or '—'} |")
    out += render_rows(*rows)
    for g in groups:
        members = [c for c in claims if c.group == g["id"]]
        if not members:
            continue
        out += ["", f"## {g['title']}", ""]
        if g.get("description"):
            out += [g["description"].strip(), ""]
        for c in members:
            out += [f"### {c.id} {c.title}: {c.status}", ""]
            if c.note:
                out += [c.note, ""]
            if c.assumptions:
                out.append("Named assumptions (hypotheses of the theorems, not axioms):")
                out.append("")
                for a in c.assumptions:
                    out.append(f"- {a.text}" + (f" (`{a.lean}`)" if a.lean else ""))
                out.append("")
            if c.statements:
                out.append("Stated, not yet proved:")
                out.append("")
                for name in c.statements:
                    out.append(f"- `{name}` ({src.decls[name].path})")
                out.append("")
            if c.theorems:
                out += ["| Theorem | File |", "|---|---|"]
                for name in c.theorems:
                    out.append(f"| `{name}` | {src.decls[name].path} |")
                out += ["", "<details><summary>Statements</summary>", "", "```lean"]
                for name in c.theorems + c.statements:
                    out.append(src.decls[name].header)
                out += ["```", "", "</details>", ""]
    out += ["## Axiom allow-list", "",
            "From `lean/axiom-allowlist.txt` (every `axiom` declared under `lean/` must be "
            "listed there with a justification):", ""]
    if allowed:
        out += ["| Axiom | Justification |", "|---|---|"]
        out += [f"| `{n}` | {_md(why)} |" for n, why in allowed.items()]
    else:
        out.append("none")
    out += ["", "## Axioms declared in the sources", ""]
    if src.axioms:
        out += [f"- `{a.name}` ({a.path})" for a in sorted(src.axioms, key=lambda a: a.name)]
    else:
        out.append("none")
    folders: dict[str, list[int]] = {}
    for rel in src.theorems:
        row = folders.setdefault(folder_of(rel), [0, 0, 0])
        row[0] += 1
        row[1] += src.theorems[rel]
        row[2] += src.private_theorems[rel]
    out += ["", "## Counts", "",
            "Declarations introduced by `theorem` or `lemma` (`example`s, `def`s and "
            "instances are not counted).", "",
            "| Folder | Files | Theorems | Private theorems |", "|---|---|---|---|"]
    for name in sorted(folders):
        files, pub, priv = folders[name]
        out.append(f"| {name} | {files} | {pub} | {priv} |")
    total = [sum(r[i] for r in folders.values()) for i in range(3)]
    out.append(f"| **total** | {total[0]} | {total[1]} | {total[2]} |")
    out += ["", f"Occurrences of `sorry` under `lean/`: {len(src.sorries)}.", ""]
    return "\n".join(out)


def generate(root: Path) -> str:
    src = scan_sources(root)
    allowed = read_allowlist(root / ALLOWLIST)
    groups, claims = read_claims(root / CLAIMS)
    rows = read_rows(root / CLAIMS)
    problems = evaluate(claims, src)
    problems += check_rows(rows[0] + rows[1], src)
    problems += [f"`sorry` at {where}" for where in src.sorries]
    problems += [f"axiom `{a.name}` ({a.path}:{a.line}) is not in {ALLOWLIST}"
                 for a in src.axioms if a.name not in allowed]
    if problems:
        raise StatusError("\n".join(problems))
    return render(groups, claims, src, allowed, rows)


def run(root: Path, check: bool) -> int:
    try:
        text = generate(root)
    except StatusError as e:
        print(f"proofs_status: {e}", file=sys.stderr)
        return 1
    target = root / OUTPUT
    if check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            diff = difflib.unified_diff(current.splitlines(), text.splitlines(),
                                        f"{OUTPUT} (checked in)", f"{OUTPUT} (generated)",
                                        lineterm="", n=1)
            print("\n".join(list(diff)[:60]), file=sys.stderr)
            print(f"proofs_status: {OUTPUT} is out of date: run `make proofs-status`",
                  file=sys.stderr)
            return 1
        print(f"proofs_status: {OUTPUT} is up to date")
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"proofs_status: wrote {OUTPUT}")
    return 0


# ---------------------------------------------------------------------------------------
# Self-test

SELF_TEST_LEAN = {
    "Demo/A.lean": """module
/-! A doc comment mentioning theorem fake_in_comment : True -/
public section
namespace Demo.A
theorem one_add_one : 1 + 1 = 2 := by decide
@[simp] theorem two : 2 = 2 := rfl
private theorem hidden : True := trivial
theorem
    name_on_next_line : True := trivial
/-- Collision freedom, as a hypothesis. -/
def Injective' (f : Nat → Nat) : Prop := ∀ a b, f a = f b → a = b
def Goal : Prop :=
  ∀ n : Nat, n = n
theorem uses_assumption (f : Nat → Nat) (hf : Injective' f) : f 1 = f 1 → True :=
  fun _ => trivial
section Inner
theorem in_section : True := trivial
end Inner
end Demo.A
theorem _root_.top_level : True := trivial
""",
    "Other/B.lean": "module\npublic section\ndef notATheorem : Nat := 1\n-- theorem commented_out : True := trivial\n",
}
SELF_TEST_CLAIMS = """
[[group]]
id = "g"
title = "Group"

[[claim]]
id = "c.proved"
group = "g"
title = "Proved"
theorems = ["Demo.A.one_add_one", "Demo.A.two", "Demo.A.in_section", "top_level"]

[[claim]]
id = "c.assuming"
group = "g"
title = "Assuming"
theorems = ["Demo.A.uses_assumption"]
assumptions = [{ text = "f injective", lean = "Demo.A.Injective'" }]

[[claim]]
id = "c.stated"
group = "g"
title = "Stated"
statements = ["Demo.A.Goal"]

[[claim]]
id = "c.missing"
group = "g"
title = "Missing"
"""


def self_test() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="proofs-status-test-"))
    failures = []

    def run(root: Path, check: bool) -> int:   # quietly: the refusals below are expected
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            return globals()["run"](root, check)

    def expect(cond: bool, what: str) -> None:
        if not cond:
            failures.append(what)

    try:
        for name, text in SELF_TEST_LEAN.items():
            (tmp / LEAN_ROOT / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / LEAN_ROOT / name).write_text(text)
        (tmp / "proofs").mkdir()
        (tmp / CLAIMS).write_text(SELF_TEST_CLAIMS)
        src = scan_sources(tmp)
        expect(set(n for n, d in src.decls.items() if d.kind == "theorem") ==
               {"Demo.A.one_add_one", "Demo.A.two", "Demo.A.uses_assumption",
                "Demo.A.in_section", "Demo.A.name_on_next_line", "top_level"}, f"theorem names: {sorted(src.decls)}")
        expect(src.private_theorems["lean/Demo/A.lean"] == 1, "private theorem count")
        expect(src.theorems["lean/Demo/A.lean"] == 6, "public theorem count")
        _, claims = read_claims(tmp / CLAIMS)
        expect(evaluate(claims, src) == [], "claims should be valid")
        expect([c.status for c in claims] == [PROVED, PROVED_ASSUMING, STATED, MISSING],
               f"statuses: {[c.status for c in claims]}")
        expect(run(tmp, check=True) == 1, "--check must fail before the file exists")
        expect(run(tmp, check=False) == 0, "generation must succeed")
        expect(run(tmp, check=True) == 0, "--check must pass right after generation")
        # Any source change that changes the report makes the checked-in file stale.
        (tmp / LEAN_ROOT / "Other/B.lean").write_text(
            SELF_TEST_LEAN["Other/B.lean"] + "theorem extra : True := trivial\n")
        expect(run(tmp, check=True) == 1, "--check must fail when the sources changed")
        # Claims of names that are not public theorems are refused.
        for bad in ('theorems = ["Demo.A.nope"]', 'theorems = ["Demo.A.hidden"]',
                    'theorems = ["notATheorem"]', 'theorems = ["Demo.A.fake_in_comment"]',
                    'statements = ["notATheorem"]',
                    'theorems = ["Demo.A.two"]\nassumptions = [{ text = "x", lean = "Demo.A.Goal" }]'):
            (tmp / CLAIMS).write_text(SELF_TEST_CLAIMS + f'\n[[claim]]\nid = "bad"\ngroup = "g"\n'
                                      f'title = "Bad"\n{bad}\n')
            expect(run(tmp, check=False) == 1, f"must refuse a claim with {bad}")
        (tmp / CLAIMS).write_text(SELF_TEST_CLAIMS)
        # `sorry` and axioms outside the allow-list are refused.
        (tmp / LEAN_ROOT / "Other/B.lean").write_text("theorem t : True := by so" "rry\n")
        expect(run(tmp, check=False) == 1, "must refuse sources with sorry")
        (tmp / LEAN_ROOT / "Other/B.lean").write_text("axiom cheat : False\n")
        expect(run(tmp, check=False) == 1, "must refuse an axiom outside the allow-list")
        (tmp / ALLOWLIST).write_text("# comment\ncheat: for the self-test only\n")
        expect(run(tmp, check=False) == 0, "an allow-listed axiom is reported, not refused")
        expect("`cheat`" in (tmp / OUTPUT).read_text(), "allow-listed axiom is listed")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for f in failures:
        print(f"proofs_status self-test FAILED: {f}", file=sys.stderr)
    if not failures:
        print("proofs_status: self-test passed")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=str(Path(__file__).resolve().parent.parent),
                        help="repository root (default: the one containing this script)")
    parser.add_argument("--check", action="store_true",
                        help="fail if the checked-in file is out of date")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    return run(Path(args.root), args.check)


if __name__ == "__main__":
    sys.exit(main())
