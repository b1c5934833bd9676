"""Tests of the Lean build driver and the source audit on small throwaway projects.

They show that the build really checks proofs: a module with `sorry` or a false theorem
fails the build, a correct one passes, and unchanged modules are not rebuilt."""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import time
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


def outputs(out: Path) -> dict[str, bytes]:
    """Every file the build wrote under out, by relative path (Lean's profile dump aside)."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != "default.profraw"}


class BuildDriver(unittest.TestCase):
    def build(self, root: Path, *extra: str) -> subprocess.CompletedProcess:
        cache = root / "cache"
        return run("lean_build.py", "--root", str(root / "src"), "--out", str(root / "out"),
                   "--cache", str(cache), "--jobs", "2", *extra)

    def test_checks_proofs_and_caches(self) -> None:
        root = project(self, {"src/Demo/A.lean": GOOD, "src/Demo/B.lean": IMPORTER})
        first = self.build(root)
        self.assertEqual(first.returncode, 0, first.stdout + first.stderr)
        self.assertIn("2 to build", first.stdout)
        second = self.build(root)
        self.assertEqual(second.returncode, 0, second.stdout)
        self.assertIn("0 to build", second.stdout)

    def test_cache_gives_the_cold_build_byte_for_byte(self) -> None:
        root = project(self, {"src/Demo/A.lean": GOOD, "src/Demo/B.lean": IMPORTER})
        cold = self.build(root)
        self.assertEqual(cold.returncode, 0, cold.stdout + cold.stderr)
        built = outputs(root / "out")
        self.assertIn("Demo/A.olean", built)
        self.assertIn("Demo/B.ilean", built)
        # A fresh checkout (empty build directory) takes everything from the cache ...
        shutil.rmtree(root / "out")
        cached = self.build(root)
        self.assertEqual(cached.returncode, 0, cached.stdout)
        self.assertIn("2 from the cache, 0 to build", cached.stdout)
        self.assertEqual(outputs(root / "out"), built)
        # ... and a build that does not use the cache writes the same bytes.
        shutil.rmtree(root / "out")
        again = self.build(root, "--no-cache")
        self.assertEqual(again.returncode, 0, again.stdout)
        self.assertIn("2 to build", again.stdout)
        self.assertEqual(outputs(root / "out"), built)

    def test_corrupt_cache_entry_is_rebuilt(self) -> None:
        root = project(self, {"src/Demo/A.lean": GOOD})
        self.assertEqual(self.build(root).returncode, 0)
        built = outputs(root / "out")
        [olean] = list((root / "cache").rglob("out.olean"))
        data = bytearray(olean.read_bytes())
        data[len(data) // 2] ^= 1
        olean.write_bytes(bytes(data))
        shutil.rmtree(root / "out")
        result = self.build(root)
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertIn("is corrupt", result.stdout)
        self.assertIn("0 from the cache, 1 to build", result.stdout)
        self.assertEqual(outputs(root / "out"), built)
        # the rebuilt entry is stored again, intact
        shutil.rmtree(root / "out")
        self.assertIn("1 from the cache", self.build(root).stdout)

    def test_changed_import_misses_the_cache(self) -> None:
        root = project(self, {"src/Demo/A.lean": GOOD, "src/Demo/B.lean": IMPORTER})
        self.assertEqual(self.build(root).returncode, 0)
        (root / "src/Demo/A.lean").write_text(GOOD + "theorem more : 1 + 1 = 2 := rfl\n")
        shutil.rmtree(root / "out")
        result = self.build(root)
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertIn("0 from the cache, 2 to build", result.stdout)

    def test_cache_key_names_toolchain_module_and_key(self) -> None:
        sys.path.insert(0, str(SCRIPTS))
        import lean_build
        a = lean_build.Cache(Path("/nonexistent"), "toolchain-a")
        b = lean_build.Cache(Path("/nonexistent"), "toolchain-b")
        self.assertEqual(a.key("Demo.A", "k1"), a.key("Demo.A", "k1"))
        self.assertNotEqual(a.key("Demo.A", "k1"), b.key("Demo.A", "k1"))
        self.assertNotEqual(a.key("Demo.A", "k1"), a.key("Demo.B", "k1"))
        self.assertNotEqual(a.key("Demo.A", "k1"), a.key("Demo.A", "k2"))

    def test_sorry_fails_the_build(self) -> None:
        result = self.build(project(self, {"src/Demo/A.lean": USES_SORRY}))
        self.assertNotEqual(result.returncode, 0, result.stdout)
        self.assertIn("FAILED Demo.A", result.stdout)
        self.assertIn("uses `sorry`", result.stdout)

    def test_false_theorem_fails_the_build(self) -> None:
        result = self.build(project(self, {"src/Demo/A.lean": FALSE, "src/Demo/B.lean": IMPORTER}))
        self.assertNotEqual(result.returncode, 0, result.stdout)
        self.assertIn("FAILED Demo.A", result.stdout)
        self.assertIn("skipped Demo.B", result.stdout)


class Toolchain(unittest.TestCase):
    def test_patched_glue_builds_what_the_shipped_one_builds(self) -> None:
        root = project(self, {"src/Demo/A.lean": GOOD})
        result = run("lean_identity.py", "--root", str(root / "src"))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("of 1 modules", result.stdout)
        self.assertIn("0 different", result.stdout)

    def test_at_most_max_procs_lean_processes_run_at_once(self) -> None:
        locks = Path(tempfile.mkdtemp(prefix="lean-locks-"))
        self.addCleanup(shutil.rmtree, locks, ignore_errors=True)
        lean = Path(os.path.expanduser(os.environ.get("ZKVM_LEAN_HOME", "~/.cache/zkvm-lean"))) / "bin/lean"
        env = dict(os.environ, ZKVM_LEAN_LOCK_DIR=str(locks), ZKVM_LEAN_MAX_PROCS="1")
        source = project(self, {"A.lean": GOOD}) / "A.lean"
        with open(locks / "slot.0", "a") as held:
            fcntl.flock(held, fcntl.LOCK_EX)
            proc = subprocess.Popen([str(lean), str(source)], env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            time.sleep(3)
            self.assertIsNone(proc.poll(), "lean ran although the only slot was taken")
            fcntl.flock(held, fcntl.LOCK_UN)
        out = proc.communicate(timeout=120)[0].decode()
        self.assertEqual(proc.returncode, 0, out)


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
