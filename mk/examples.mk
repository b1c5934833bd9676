# Example guest programs (RV32IM ELFs) -- make fragment.
#
# Included from the top-level Makefile (`include mk/examples.mk`), or used
# standalone from the repository root:
#   make -f mk/examples.mk examples examples-check
#
# Targets:
#   examples            build every example ELF into $(EXAMPLES_BIN)/<name>.elf
#   examples-check      run each ELF under qemu-riscv32 with inputs/<name>.bin on
#                       stdin (and inputs/<name>.private.bin on fd 3 if it
#                       exists); compare stdout with expected/<name>.out and the
#                       exit code with expected/<name>.code
#   examples-isa        check the ELFs contain only RV32IM (no C/A/F/CSR) code
#   examples-sim        like examples-check, but under the strict interpreter
#                       examples/scripts/rv32sim.py (traps on misaligned access,
#                       stores to text, unknown syscalls); prints exact
#                       instruction counts
#   examples-test       host unit tests of the guest algorithms (cargo test)
#   examples-crosscheck randomized qemu + rv32sim vs Python comparison (~1 min)
#   examples-expected   regenerate inputs/ and expected/ (python3)
#   examples-clean      remove examples/bin and the examples cargo target dir

EXAMPLES_DIR      ?= examples
EXAMPLES_GUEST_DIR ?= rust/guest
EXAMPLES_BIN      ?= $(EXAMPLES_DIR)/bin
EXAMPLES_TARGET   ?= riscv32im-unknown-none-elf
EXAMPLES_RUST     ?= fibonacci sha256 sort sieve modexp reverse stats private_json
EXAMPLES_C        ?= c_checksum c_greet
EXAMPLES          ?= $(EXAMPLES_RUST) $(EXAMPLES_C)
EXAMPLES_ELFS      = $(addprefix $(EXAMPLES_BIN)/,$(addsuffix .elf,$(EXAMPLES)))

EXAMPLES_CARGO    ?= cargo
EXAMPLES_QEMU     ?= qemu-riscv32
EXAMPLES_PYTHON   ?= python3
RV_CC             ?= riscv64-unknown-elf-gcc
RV_OBJDUMP        ?= riscv64-unknown-elf-objdump

# This file's own path (for dependencies), captured at include time.
EXAMPLES_MK := $(lastword $(MAKEFILE_LIST))

EXAMPLES_CARGO_OUT = $(EXAMPLES_DIR)/target/$(EXAMPLES_TARGET)/release
EXAMPLES_CHECK_DIR = $(EXAMPLES_DIR)/target/check

EXAMPLES_CFLAGS ?= -march=rv32im -mabi=ilp32 -nostdlib -ffreestanding -static \
	-O2 -Wall -Wextra -mstrict-align -fno-pic -g0
EXAMPLES_LDFLAGS ?= -Wl,--build-id=none -Wl,--strip-debug
EXAMPLES_C_SRCS = $(EXAMPLES_DIR)/c/crt0.S $(EXAMPLES_DIR)/c/checksum.c
EXAMPLES_C_LD   = $(EXAMPLES_DIR)/c/link.ld

.PHONY: examples examples-rust examples-check examples-isa examples-sim examples-test \
	examples-crosscheck examples-expected examples-clean

examples: examples-rust $(EXAMPLES_BIN)/c_checksum.elf $(EXAMPLES_BIN)/c_greet.elf

# Always run cargo (it is incremental and tracks the guest runtime sources);
# copy an ELF only when it changed so timestamps stay meaningful.
examples-rust:
	cd $(EXAMPLES_DIR) && $(EXAMPLES_CARGO) build --release --target $(EXAMPLES_TARGET) \
		$(addprefix --bin ,$(EXAMPLES_RUST))
	@mkdir -p $(EXAMPLES_BIN)
	@for n in $(EXAMPLES_RUST); do \
		src=$(EXAMPLES_CARGO_OUT)/$$n; dst=$(EXAMPLES_BIN)/$$n.elf; \
		cmp -s $$src $$dst || { cp $$src $$dst && echo "  ELF $$dst"; }; \
	done

$(EXAMPLES_BIN)/c_checksum.elf: $(EXAMPLES_C_SRCS) $(EXAMPLES_C_LD) $(EXAMPLES_MK)
	@mkdir -p $(@D)
	$(RV_CC) $(EXAMPLES_CFLAGS) -T $(EXAMPLES_C_LD) $(EXAMPLES_LDFLAGS) \
		-o $@ $(EXAMPLES_C_SRCS) -lgcc

# c_greet's code and read-only data end on an odd byte (not a whole word).
$(EXAMPLES_BIN)/c_greet.elf: $(EXAMPLES_DIR)/c/crt0.S $(EXAMPLES_DIR)/c/greet.c $(EXAMPLES_C_LD) $(EXAMPLES_MK)
	@mkdir -p $(@D)
	$(RV_CC) $(EXAMPLES_CFLAGS) -T $(EXAMPLES_C_LD) $(EXAMPLES_LDFLAGS) \
		-o $@ $(EXAMPLES_DIR)/c/crt0.S $(EXAMPLES_DIR)/c/greet.c -lgcc

examples-check: examples
	@mkdir -p $(EXAMPLES_CHECK_DIR)
	@fail=0; for n in $(EXAMPLES); do \
		elf=$(EXAMPLES_BIN)/$$n.elf; in=$(EXAMPLES_DIR)/inputs/$$n.bin; \
		exp=$(EXAMPLES_DIR)/expected/$$n.out; out=$(EXAMPLES_CHECK_DIR)/$$n.out; \
		want=$$(cat $(EXAMPLES_DIR)/expected/$$n.code); \
		priv=$(EXAMPLES_DIR)/inputs/$$n.private.bin; [ -f $$priv ] || priv=/dev/null; \
		$(EXAMPLES_QEMU) $$elf < $$in 3< $$priv > $$out; code=$$?; \
		if [ $$code -ne $$((want & 255)) ]; then \
			echo "FAIL $$n: exit code $$code, expected $$want"; fail=1; \
		elif ! cmp -s $$out $$exp; then \
			echo "FAIL $$n: output differs from $$exp"; \
			echo "  got:      $$(od -An -tx1 -v $$out | tr -d '\n' | cut -c1-120)"; \
			echo "  expected: $$(od -An -tx1 -v $$exp | tr -d '\n' | cut -c1-120)"; \
			fail=1; \
		else \
			echo "ok   $$n (exit $$code, $$(wc -c < $$out | tr -d ' ') output bytes)"; \
		fi; \
	done; \
	if [ $$fail -ne 0 ]; then echo "examples-check: FAILED"; exit 1; fi; \
	echo "examples-check: all $(words $(EXAMPLES)) examples passed"

examples-isa: examples
	$(EXAMPLES_PYTHON) $(EXAMPLES_DIR)/scripts/check_isa.py --objdump $(RV_OBJDUMP) $(EXAMPLES_ELFS)

EXAMPLES_HOST_TARGET = $$(rustc -vV | sed -n 's/^host: //p')

examples-test:
	cd $(EXAMPLES_GUEST_DIR) && $(EXAMPLES_CARGO) test --target $(EXAMPLES_HOST_TARGET)
	cd $(EXAMPLES_DIR) && $(EXAMPLES_CARGO) test --release --target $(EXAMPLES_HOST_TARGET) --lib

examples-crosscheck: examples
	$(EXAMPLES_PYTHON) $(EXAMPLES_DIR)/scripts/crosscheck.py --qemu $(EXAMPLES_QEMU) --bin $(EXAMPLES_BIN)

examples-sim: examples
	@fail=0; for n in $(EXAMPLES); do \
		priv=$(EXAMPLES_DIR)/inputs/$$n.private.bin; [ -f $$priv ] || priv=/dev/null; \
		$(EXAMPLES_PYTHON) $(EXAMPLES_DIR)/scripts/rv32sim.py --private $$priv \
			--expect-out $(EXAMPLES_DIR)/expected/$$n.out \
			--expect-code $$(cat $(EXAMPLES_DIR)/expected/$$n.code) \
			$(EXAMPLES_BIN)/$$n.elf $(EXAMPLES_DIR)/inputs/$$n.bin || fail=1; \
	done; \
	if [ $$fail -ne 0 ]; then echo "examples-sim: FAILED"; exit 1; fi; \
	echo "examples-sim: all $(words $(EXAMPLES)) examples passed"

examples-expected:
	$(EXAMPLES_PYTHON) $(EXAMPLES_DIR)/expected/gen.py

examples-clean:
	rm -rf $(EXAMPLES_BIN) $(EXAMPLES_DIR)/target
