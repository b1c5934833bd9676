# Entry points (see README.md):
#   make demo    build an example guest, run it, print its output and cycle count;
#                prove a small run and verify the receipt
#   make bench   proving benchmarks (zkvm bench, about 1 hour on 2 cores) -> BENCHMARKS.md
#   make bench-p3  our prover against Plonky3's uni-stark, one thread, same run (a few minutes)
#   make test    everything CI checks: Rust tests, examples, Lean build and audit, generated files
#   make lean    check every Lean module (scripts/lean_build.py; cached by content)
#   make lean-identity   the patched Lean toolchain builds exactly what the shipped one builds
#   make proofs-status   regenerate proofs-status.md from the Lean sources
# Each target installs what it needs first (scripts/setup.sh; idempotent).

SHELL := /bin/bash
CARGO ?= cargo
PYTHON ?= python3
ZKVM := target/release/zkvm
LEAN_JOBS ?= 2

.PHONY: bench-exec demo test lean-identity setup setup-rust setup-lean build lean lean-audit lean-tools-test \
	proofs-status proofs-status-check rust-test lean-vectors lean-vectors-check

include mk/examples.mk

setup: setup-rust setup-lean
setup-rust:
	@bash scripts/setup.sh rust
setup-lean:
	@bash scripts/setup.sh lean

build: setup-rust
	$(CARGO) build --release -p zkvm-cli

demo: build examples
	@echo "== sha256 guest: SHA-256 of 'hello, zkVM' computed by an RV32IM program =="
	@printf 'hello, zkVM' > target/demo-input.txt
	@$(ZKVM) run --elf $(EXAMPLES_BIN)/sha256.elf --input target/demo-input.txt \
		> target/demo-output.bin
	@echo "guest output: $$(od -An -v -tx1 target/demo-output.bin | tr -d ' \n')"
	@echo "sha256sum:    $$(sha256sum target/demo-input.txt | cut -d' ' -f1)"
	@echo "== fibonacci guest: fib(150000) mod 2^64 =="
	@$(ZKVM) run --elf $(EXAMPLES_BIN)/fibonacci.elf --input $(EXAMPLES_DIR)/inputs/fibonacci.bin \
		| od -An -v -tu8
	@echo "== prove fib(5000) (about 50 000 cycles), then verify the receipt =="
	@printf '\x88\x13\x00\x00' > target/demo-fib.in
	@$(ZKVM) prove --elf $(EXAMPLES_BIN)/fibonacci.elf --input target/demo-fib.in \
		-o target/demo-fib.receipt --force
	@$(ZKVM) verify --elf $(EXAMPLES_BIN)/fibonacci.elf --proof target/demo-fib.receipt \
		--input target/demo-fib.in

rust-test: setup-rust examples
	$(CARGO) test --release --workspace

lean: setup-lean
	$(PYTHON) scripts/lean_build.py --root lean --jobs $(LEAN_JOBS)

# Every module compiled again with the shipped lean.js, compared byte for byte with the
# patched build (about 2-3 CPU-minutes per module; not part of make test).
lean-identity: lean
	$(PYTHON) scripts/lean_identity.py --root lean

lean-audit:
	$(PYTHON) scripts/lean_audit.py --root lean

lean-tools-test: setup-lean
	$(PYTHON) -m unittest discover -s scripts/tests -t . -v

proofs-status:
	$(PYTHON) scripts/proofs_status.py

proofs-status-check:
	$(PYTHON) scripts/proofs_status.py --self-test
	$(PYTHON) scripts/proofs_status.py --check

# The Lean semantics test vectors are generated from executor runs and checked in.
lean-vectors:
	$(CARGO) run --release -q -p zkvm-lean-vectors -- --out lean/Zkvm/RiscV/Vectors

lean-vectors-check:
	$(CARGO) run --release -q -p zkvm-lean-vectors -- --out lean/Zkvm/RiscV/Vectors --check

# Cheap checks first, then the long ones; scripts/stages.py times each stage and prints a
# summary at the end.
TEST_STAGES := setup lean-audit proofs-status-check rust-test lean-vectors-check examples-check \
	lean-tools-test lean
test:
	@$(PYTHON) scripts/stages.py $(TEST_STAGES)
	@echo "make test: all checks passed"

# Executor speed on the example workloads (median of 5 runs each).
bench-exec: build examples
	@for n in $(EXAMPLES); do echo "== $$n"; \
		$(ZKVM) bench-exec --elf $(EXAMPLES_BIN)/$$n.elf --input $(EXAMPLES_DIR)/inputs/$$n.bin --runs 5 \
		| tail -n 1; done

# Proving benchmarks on the example guests (zkvm bench; about 1 hour on 2 cores) -> BENCHMARKS.md.
.PHONY: bench
bench: build examples
	$(ZKVM) bench --out BENCHMARKS.md

# Our prover against a Plonky3 uni-stark reference (its Keccak AIR, our FRI parameters), one
# thread, in one process: markdown table on stdout (rust/bench-p3; a few minutes on 2 cores).
# P3_COMPARE_ARGS passes options, e.g. P3_COMPARE_ARGS="--runs 5 --rv-log-rows 18 --p3-log-rows 15".
.PHONY: bench-p3
P3_COMPARE_ARGS ?=
bench-p3: setup-rust examples
	$(CARGO) run --release -q -p zkvm-bench-p3 --bin p3-compare -- --elf $(EXAMPLES_BIN)/fibonacci.elf $(P3_COMPARE_ARGS)
