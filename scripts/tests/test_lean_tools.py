"""Tests of the Lean build driver and the source audit on small throwaway projects.

They show that the build really checks proofs: a module with `sorry` or a false theorem
fails the build, a correct one passes, and unchanged modules are not rebuilt."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent
GOOD = "module\npublic section\ntheorem two_add_two : 2 + 2 = 4 := by decide\n"
USES_SORRY = "module\npublic section\ntheorem unproved : 2 + 2 = 4 := by so" + "rry\n"
FALSE = "module\npublic section\ntheorem wrong : 2 + 2 = 5 := by decide\n"
IMPORTER = "module\npublic import Demo.A\npublic section\ntheorem again : 2 + 2 = 4 := two_add_two\n"


def run(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPTS / script), *args],
                          capture_output=True, text=True)


def project(test: unittest.TestCase, files: dict[str, str]) -> Path:
    root = Path(tempfile.mkdtemp(prefix="lean-tools-test-"))
    test.addCleanup(shutil.rmtree, root, ignore_errors=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


class BuildDriver(unittest.TestCase):
    def build(self, root: Path) -> subprocess.CompletedProcess:
        return run("lean_build.py", "--root", str(root), "--jobs", "2")

    def test_checks_proofs_and_caches(self) -> None:
        root = project(self, {"Demo/A.lean": GOOD, "Demo/B.lean": IMPORTER})
        first = self.build(root)
        self.assertEqual(first.returncode, 0, first.stdout + first.stderr)
        self.assertIn("2 to build", first.stdout)
        second = self.build(root)
        self.assertEqual(second.returncode, 0, second.stdout)
        self.assertIn("0 to build", second.stdout)

    def test_sorry_fails_the_build(self) -> None:
        result = self.build(project(self, {"Demo/A.lean": USES_SORRY}))
        self.assertNotEqual(result.returncode, 0, result.stdout)
        self.assertIn("FAILED Demo.A", result.stdout)
        self.assertIn("uses `sorry`", result.stdout)

    def test_false_theorem_fails_the_build(self) -> None:
        result = self.build(project(self, {"Demo/A.lean": FALSE, "Demo/B.lean": IMPORTER}))
        self.assertNotEqual(result.returncode, 0, result.stdout)
        self.assertIn("FAILED Demo.A", result.stdout)
        self.assertIn("skipped Demo.B", result.stdout)


class Audit(unittest.TestCase):
    def audit(self, files: dict[str, str], allowlist: str = "") -> subprocess.CompletedProcess:
        root = project(self, files)
        (root / "allow.txt").write_text(allowlist)
        return run("lean_audit.py", "--root", str(root), "--allowlist", str(root / "allow.txt"))

    def test_clean_sources_pass(self) -> None:
        self.assertEqual(self.audit({"Demo/A.lean": GOOD}).returncode, 0)

    def test_forbidden_words_fail(self) -> None:
        for word in ["so" + "rry", "ad" + "mit", "native_" + "decide", "implemented" + "_by",
                     "ex" + "tern", "un" + "safe", "debug.skip" + "KernelTC"]:
            result = self.audit({"Demo/A.lean": GOOD + f"-- {word}\n"})
            self.assertNotEqual(result.returncode, 0, word)

    def test_unlisted_axiom_fails_and_listed_one_passes(self) -> None:
        source = "module\nnamespace Demo\naxiom hashIsCollisionResistant : True\nend Demo\n"
        self.assertNotEqual(self.audit({"Demo/A.lean": source}).returncode, 0)
        listed = "Demo.hashIsCollisionResistant: an assumption about SHA3\n"
        self.assertEqual(self.audit({"Demo/A.lean": source}, listed).returncode, 0)


if __name__ == "__main__":
    unittest.main()
