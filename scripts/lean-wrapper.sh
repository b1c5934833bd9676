#!/usr/bin/env bash
# `lean` for this project: runs the WebAssembly Lean installed by scripts/lean-setup.sh with
# the core library plus $LEAN_BUILD_PATH on LEAN_PATH. Its own debug chatter is filtered out;
# Lean's messages and exit status are kept.
#
# Machine-wide limit: at most $ZKVM_LEAN_MAX_PROCS (default 2) Lean processes run at once on
# this machine, whoever starts them (the build, tests, helpers): each holds one of the lock
# files $ZKVM_LEAN_LOCK_DIR/slot.N (default /tmp/zkvm-lean-locks) while it runs and the
# others wait for a free slot. ZKVM_LEAN_MAX_PROCS=0 turns the limit off.
#
# $ZKVM_LEAN_GLUE selects the JavaScript glue in $LEAN_HOME/wasm (default lean-zkvm.js, the
# patched one); scripts/lean_identity.py uses it to run the shipped glue for comparison.
set -uo pipefail
LEAN_HOME="${ZKVM_LEAN_HOME:-$HOME/.cache/zkvm-lean}"
LIBDIR="$(cat "$LEAN_HOME/libdir")"
export LEAN_PATH="$LIBDIR${LEAN_BUILD_PATH:+:$LEAN_BUILD_PATH}"
GLUE="$LEAN_HOME/wasm/${ZKVM_LEAN_GLUE:-lean-zkvm.js}"
# The module's file system sees only the host directories it mounts: name the top-level
# directory of the toolchain, of the working directory, of every build path entry and of
# every absolute path among the arguments (sources, --root=, -o outputs).
mounts=""
paths=("$LEAN_HOME" "$PWD")
[ -n "${LEAN_BUILD_PATH:-}" ] && paths+=(${LEAN_BUILD_PATH//:/ })
for arg in "$@"; do paths+=("${arg#--root=}"); done
for p in "${paths[@]}"; do
  case "$p" in /*) top="/$(echo "$p" | cut -d/ -f2)" ;; *) continue ;; esac
  case ":$mounts:" in *":$top:"*) ;; *) mounts="$mounts:$top" ;; esac
done
export LEAN_WASM_MOUNTS="${mounts#:}"

# Wait for one of the machine-wide slots; the lock is released when this process exits.
max="${ZKVM_LEAN_MAX_PROCS:-2}"
locks="${ZKVM_LEAN_LOCK_DIR:-/tmp/zkvm-lean-locks}"
if [ "$max" -gt 0 ] 2>/dev/null; then
  mkdir -p "$locks"
  got=""
  while [ -z "$got" ]; do
    for ((i = 0; i < max; i++)); do
      exec {fd}>>"$locks/slot.$i"
      if flock -n "$fd"; then got=1; break; fi
      exec {fd}>&-
    done
    [ -n "$got" ] || sleep 0.5
  done
fi

"$LEAN_HOME/node/bin/node" "$GLUE" "$@" 2>&1 | python3 -u "$LEAN_HOME/bin/lean_filter.py"
