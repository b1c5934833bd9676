#!/usr/bin/env bash
# Installs what the project needs beyond a stock machine (Rust stable via rustup, gcc,
# Node 20 + npm, Python 3.11). Idempotent: each step is skipped when already satisfied.
#   scripts/setup.sh rust   RISC-V Rust target, qemu-riscv32, riscv64-unknown-elf-gcc, GNU parallel
#   scripts/setup.sh lean   the Lean toolchain (scripts/lean-setup.sh)
#   scripts/setup.sh        both
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
say() { echo "[setup] $*"; }
die() { echo "[setup] error: $*" >&2; exit 1; }

setup_rust() {
  command -v rustup >/dev/null || die "rustup is required (Rust stable via rustup)"
  if ! rustup target list --installed | grep -qx riscv32im-unknown-none-elf; then
    say "installing Rust target riscv32im-unknown-none-elf"
    rustup target add riscv32im-unknown-none-elf \
      || die "rustup could not add riscv32im-unknown-none-elf (is the Rust dist server reachable?)"
  fi
  local missing=()
  command -v qemu-riscv32 >/dev/null || missing+=(qemu-user)
  command -v riscv64-unknown-elf-gcc >/dev/null || missing+=(gcc-riscv64-unknown-elf)
  # GNU parallel: the scale-out test runs segment commands as parallel jobs.
  command -v parallel >/dev/null || missing+=(parallel)
  if [ ${#missing[@]} -gt 0 ]; then
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    say "installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq || die "apt-get update failed (is the Debian mirror reachable?)"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null \
      || die "apt-get could not install ${missing[*]}"
  fi
}

case "${1:-all}" in
  rust) setup_rust ;;
  lean) bash "$HERE/lean-setup.sh" ;;
  all) setup_rust; bash "$HERE/lean-setup.sh" ;;
  *) die "usage: setup.sh [rust|lean|all]" ;;
esac
