mod disasm;
mod emit;
mod vector;

use zkvm_executor::testing::asm::{self, reg::*};

fn main() {
    let mut words = Vec::new();
    words.extend(asm::li(T0, 0));
    words.extend(asm::li(T1, 40));
    words.extend(asm::li(S0, 0x20000));
    // loop:
    words.push(asm::add(T2, T2, T0));
    words.push(asm::mul(A3, T2, T0));
    words.push(asm::divu(A4, A3, T1));
    words.push(asm::sw(T2, S0, 0));
    words.push(asm::lw(A5, S0, 0));
    words.push(asm::addi(T0, T0, 1));
    words.push(asm::bne(T0, T1, -24));
    words.extend(asm::exit(7));
    let v = vector::Vector::new("bench", "loop", words).with_data(&[], 0x1000);
    let e = vector::execute(v);
    eprintln!("steps {}", e.steps);
    print!("{}", emit::vector(&e));
}
