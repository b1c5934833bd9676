#!/usr/bin/env bash
# `lean` for this project: runs the WebAssembly Lean installed by scripts/lean-setup.sh with
# the core library plus $LEAN_BUILD_PATH on LEAN_PATH. Its own debug chatter is filtered out;
# Lean's messages and exit status are kept.
set -uo pipefail
LEAN_HOME="${ZKVM_LEAN_HOME:-$HOME/.cache/zkvm-lean}"
LIBDIR="$(cat "$LEAN_HOME/libdir")"
export LEAN_PATH="$LIBDIR${LEAN_BUILD_PATH:+:$LEAN_BUILD_PATH}"
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
"$LEAN_HOME/node/bin/node" "$LEAN_HOME/wasm/lean-zkvm.js" "$@" 2>&1 \
  | python3 -u "$LEAN_HOME/bin/lean_filter.py"
