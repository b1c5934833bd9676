//! Small test programs shared by the end-to-end tests.

use zkvm_executor::testing::asm::{self, reg};
use zkvm_executor::testing::elf_writer::{ElfBuilder, DATA_BASE};

/// li a0..a2, a7 = nr; ecall.
pub fn syscall(words: &mut Vec<u32>, nr: u32, a0: u32, a1: u32, a2: u32) {
    words.extend(asm::li(reg::A0, a0));
    words.extend(asm::li(reg::A1, a1));
    words.extend(asm::li(reg::A2, a2));
    words.extend(asm::li(reg::A7, nr));
    words.push(asm::ecall());
}

/// Reads up to 64 input bytes to DATA_BASE, sums them (LBU, ADD, a BNE loop),
/// XORs the sum into a data word (LW, XOR, SW), writes the 4 bytes of the
/// result and the input back (fd 1), a line to fd 2, and exits with
/// sum AND 0xFF.
pub fn sum_program() -> Vec<u8> {
    let mut w = Vec::new();
    syscall(&mut w, 63, 0, DATA_BASE, 64);
    // a0 = count read; t0 = pointer, t1 = end, t2 = sum.
    w.extend(asm::li(reg::T0, DATA_BASE));
    w.push(asm::add(reg::T1, reg::T0, reg::A0));
    w.push(asm::addi(reg::S1, reg::A0, 0));
    w.extend(asm::li(reg::T2, 0));
    // loop: if t0 == t1 goto done
    w.push(asm::beq(reg::T0, reg::T1, 20));
    w.push(asm::lbu(reg::A3, reg::T0, 0));
    w.push(asm::add(reg::T2, reg::T2, reg::A3));
    w.push(asm::addi(reg::T0, reg::T0, 1));
    w.push(asm::jal(reg::ZERO, -16));
    // done: mix with the word at DATA_BASE + 128 and store at + 132.
    w.extend(asm::li(reg::A4, DATA_BASE + 128));
    w.push(asm::lw(reg::A5, reg::A4, 0));
    w.push(asm::xor(reg::A5, reg::A5, reg::T2));
    w.push(asm::sw(reg::A5, reg::A4, 4));
    w.push(asm::sltu(reg::A6, reg::T2, reg::A5));
    w.push(asm::sh(reg::A6, reg::A4, 8));
    w.push(asm::lh(reg::S0, reg::A4, 6));
    w.push(asm::sb(reg::S0, reg::A4, 11));
    syscall(&mut w, 64, 1, DATA_BASE + 132, 8);
    // Write the input back: a1 = DATA_BASE, a2 = s1 (count), fd 1.
    w.extend(asm::li(reg::A0, 1));
    w.extend(asm::li(reg::A1, DATA_BASE));
    w.push(asm::addi(reg::A2, reg::S1, 0));
    w.extend(asm::li(reg::A7, 64));
    w.push(asm::ecall());
    syscall(&mut w, 64, 2, DATA_BASE + 128, 3);
    w.push(asm::andi(reg::A0, reg::T2, 0xFF));
    w.extend(asm::li(reg::A7, 93));
    w.push(asm::ecall());
    let mut data = vec![0u8; 136];
    data[128..132].copy_from_slice(&0x1234_5678u32.to_le_bytes());
    ElfBuilder::with_text(&w).data(DATA_BASE, data, 256).build()
}

/// Reads up to 4 public input bytes (fd 0) to DATA_BASE and the private
/// input (fd 3) to DATA_BASE + 64 in three reads of up to 20, 100 and 8
/// bytes (for a 32-byte private input: 20, a short read of 12, then 0),
/// sums the private bytes (LBU, ADD, a BEQ loop) and writes the public
/// bytes, the low byte of the sum and the three counts (fd 1); exits with 0.
pub fn private_sum_program() -> Vec<u8> {
    let mut w = Vec::new();
    syscall(&mut w, 63, 0, DATA_BASE, 4);
    syscall(&mut w, 63, 3, DATA_BASE + 64, 20);
    w.push(asm::addi(reg::S0, reg::A0, 0));
    w.extend(asm::li(reg::A4, DATA_BASE + 64));
    w.push(asm::add(reg::A1, reg::A4, reg::S0));
    w.extend(asm::li(reg::A0, 3));
    w.extend(asm::li(reg::A2, 100));
    w.extend(asm::li(reg::A7, 63));
    w.push(asm::ecall());
    w.push(asm::addi(reg::S1, reg::A0, 0));
    syscall(&mut w, 63, 3, DATA_BASE + 200, 8);
    w.push(asm::addi(reg::A6, reg::A0, 0));
    // t0 = pointer, t1 = end, t2 = sum.
    w.extend(asm::li(reg::T0, DATA_BASE + 64));
    w.push(asm::add(reg::T1, reg::T0, reg::S0));
    w.push(asm::add(reg::T1, reg::T1, reg::S1));
    w.extend(asm::li(reg::T2, 0));
    w.push(asm::beq(reg::T0, reg::T1, 20));
    w.push(asm::lbu(reg::A3, reg::T0, 0));
    w.push(asm::add(reg::T2, reg::T2, reg::A3));
    w.push(asm::addi(reg::T0, reg::T0, 1));
    w.push(asm::jal(reg::ZERO, -16));
    // Public output: the 4 public bytes, the sum's low byte, the three counts.
    w.extend(asm::li(reg::A4, DATA_BASE + 4));
    w.push(asm::sb(reg::T2, reg::A4, 0));
    w.push(asm::sb(reg::S0, reg::A4, 1));
    w.push(asm::sb(reg::S1, reg::A4, 2));
    w.push(asm::sb(reg::A6, reg::A4, 3));
    syscall(&mut w, 64, 1, DATA_BASE, 8);
    w.extend(asm::li(reg::A0, 0));
    w.extend(asm::li(reg::A7, 93));
    w.push(asm::ecall());
    ElfBuilder::with_text(&w)
        .data(DATA_BASE, vec![0u8; 256], 256)
        .build()
}
