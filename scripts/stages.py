"""Run make targets one after another and print where the time went.

`make test` runs its stages through this script so that every run ends with a table of wall
time and CPU time (user + system of everything the stage ran) per stage, also when a stage
fails (the run stops there and exits non-zero).

usage: stages.py TARGET [TARGET ...]
"""
from __future__ import annotations

import os
import subprocess
import sys
import time


def main() -> int:
    targets = sys.argv[1:]
    rows: list[tuple[str, str, float, float]] = []
    status = 0
    for target in targets:
        start = time.monotonic()
        proc = subprocess.Popen(["make", "--no-print-directory", target])
        _, wait_status, usage = os.wait4(proc.pid, 0)
        code = os.waitstatus_to_exitcode(wait_status)
        wall = time.monotonic() - start
        cpu = usage.ru_utime + usage.ru_stime
        rows.append((target, "ok" if code == 0 else f"FAILED ({code})", wall, cpu))
        if code != 0:
            status = 1
            break
    for target in targets[len(rows):]:
        rows.append((target, "not run", 0.0, 0.0))
    width = max(len(t) for t in targets)
    print("\nmake test: time per stage (wall, CPU = user + system)")
    for target, state, wall, cpu in rows:
        print(f"  {target:<{width}}  {wall:8.1f} s  {cpu:8.1f} CPU-s  {state}")
    total_wall = sum(r[2] for r in rows)
    total_cpu = sum(r[3] for r in rows)
    print(f"  {'total':<{width}}  {total_wall:8.1f} s  {total_cpu:8.1f} CPU-s")
    return status


if __name__ == "__main__":
    sys.exit(main())
