//! Memory layout, permissions, syscalls, cycle accounting and tracing.

mod support;

use support::*;
use zkvm_executor::layout::{INITIAL_SP, STACK_TOP};
use zkvm_executor::testing::asm::{self, reg::*};
use zkvm_executor::testing::elf_writer::{text_elf, DATA_BASE, TEXT_BASE};
use zkvm_executor::{run, ExecError, Limits, Machine, MemoryAccess, Program, StepRecord};

fn li(rd: u32, value: u32) -> Vec<u32> {
    asm::li(rd, value).to_vec()
}

/// `li a7, number; li a0, a0; li a1, a1; li a2, a2; ecall`.
fn syscall(number: u32, a0: u32, a1: u32, a2: u32) -> Vec<u32> {
    [
        li(A7, number),
        li(A0, a0),
        li(A1, a1),
        li(A2, a2),
        vec![asm::ecall()],
    ]
    .concat()
}

fn run_with_input(words: &[u32], input: &[u8]) -> Result<zkvm_executor::RunResult, ExecError> {
    let mut all = words.to_vec();
    all.extend(asm::exit_with_a0());
    run(&program(&all), input, &Limits::default())
}

/// Index of the `ecall` in a program made of `syscall()` blocks etc.
fn pc_of(words_before: usize) -> u32 {
    text_addr(words_before)
}

#[test]
fn initial_registers() {
    let m = Machine::new(&program(&asm::exit(0)), &[]).unwrap();
    assert_eq!(m.pc(), TEXT_BASE);
    assert_eq!(m.reg(SP as u8), INITIAL_SP);
    assert_eq!(INITIAL_SP % 16, 0);
    assert!(m.regs().iter().enumerate().all(|(i, &v)| i == 2 || v == 0));
}

#[test]
fn stack_is_usable_up_to_stack_top() {
    let words = [
        asm::li(T0, 0xdead_beef).to_vec(),
        vec![asm::sw(T0, SP, -4), asm::lw(T1, SP, -4)],
    ]
    .concat();
    let result = run_words(&words).unwrap();
    assert_eq!(result.regs[T1 as usize], 0xdead_beef);
    let words = [asm::sw(T0, SP, 0)];
    assert_eq!(
        run_words(&words),
        Err(ExecError::OutOfBoundsAccess {
            pc: TEXT_BASE,
            addr: STACK_TOP
        })
    );
}

#[test]
fn heap_starts_right_after_the_highest_segment() {
    let heap_start = DATA_BASE + DATA_SIZE;
    let words = [
        li(T0, heap_start),
        vec![asm::sw(T0, T0, 0), asm::lw(T1, T0, 0), asm::lw(T2, T0, -4)],
    ]
    .concat();
    let result = run_words(&words).unwrap();
    assert_eq!(result.regs[T1 as usize], heap_start);
    // Deep in the heap, untouched memory reads as zero.
    let words = [li(T0, 0x2000_0000), vec![asm::lw(T1, T0, 0)]].concat();
    assert_eq!(run_words(&words).unwrap().regs[T1 as usize], 0);
}

#[test]
fn unmapped_addresses_trap() {
    let pc = text_addr(2);
    for addr in [0, 4, TEXT_BASE - 4, DATA_BASE - 4, 0xffff_fffc, STACK_TOP] {
        let words = [li(T0, addr), vec![asm::lw(T1, T0, 0)]].concat();
        assert_eq!(
            run_words(&words),
            Err(ExecError::OutOfBoundsAccess { pc, addr }),
            "load {addr:#x}"
        );
        let words = [li(T0, addr), vec![asm::sb(T1, T0, 0)]].concat();
        assert_eq!(
            run_words(&words),
            Err(ExecError::OutOfBoundsAccess { pc, addr }),
            "store {addr:#x}"
        );
    }
}

#[test]
fn text_is_readable_but_not_writable() {
    let words = [li(T0, TEXT_BASE), vec![asm::lw(T1, T0, 0)]].concat();
    assert_eq!(
        run_words(&words).unwrap().regs[T1 as usize],
        asm::li(T0, TEXT_BASE)[0]
    );
    let words = [li(T0, TEXT_BASE), vec![asm::sw(T1, T0, 0)]].concat();
    assert_eq!(
        run_words(&words),
        Err(ExecError::WriteToReadOnly {
            pc: text_addr(2),
            addr: TEXT_BASE
        })
    );
}

#[test]
fn fetching_outside_executable_memory_traps() {
    for target in [DATA_BASE, 0, STACK_TOP - 4] {
        let words = [li(T0, target), vec![asm::jalr(ZERO, T0, 0)]].concat();
        assert_eq!(
            run_words(&words),
            Err(ExecError::InstructionFetchFault { pc: target }),
            "{target:#x}"
        );
    }
    // Running off the end of the text segment.
    let program = Program::from_elf(&text_elf(&[asm::addi(T0, T0, 1)])).unwrap();
    assert_eq!(
        run(&program, &[], &Limits::default()),
        Err(ExecError::InstructionFetchFault { pc: TEXT_BASE + 4 })
    );
}

#[test]
fn bss_is_zero_filled() {
    let words = [
        li(T0, DATA_BASE),
        vec![
            asm::lw(T1, T0, 0),
            asm::lw(T2, T0, 4),
            asm::lw(S0, T0, 0x7fc),
        ],
    ]
    .concat();
    let result = run_words_with_data(&words, &[1, 2, 3, 4, 5]).unwrap();
    assert_eq!(
        &result.regs[T1 as usize..=S0 as usize],
        &[0x0403_0201, 5, 0]
    );
}

#[test]
fn read_copies_input_in_chunks_and_reports_eof() {
    let buf = DATA_BASE + 0x100;
    let mut words = Vec::new();
    // Three reads of up to 4 bytes; keep each count and the buffer's word.
    let (s2, s3, s4) = (18u8, 19u8, 20u8);
    for (count, word) in [(S0, s2), (S1, s3), (T2, s4)] {
        words.extend(syscall(63, 0, buf, 4));
        words.push(asm::addi(count, A0, 0));
        words.extend(li(T0, buf));
        words.push(asm::lw(u32::from(word), T0, 0));
    }
    let mut m = Machine::new(&program(&[words, asm::exit(0)].concat()), b"abcdefg").unwrap();
    m.run(1000).unwrap();
    assert_eq!(
        (m.reg(S0 as u8), m.reg(S1 as u8), m.reg(T2 as u8)),
        (4, 3, 0)
    );
    assert_eq!(m.reg(s2), u32::from_le_bytes(*b"abcd"));
    // The second read only overwrote 3 bytes; the third none.
    assert_eq!(m.reg(s3), u32::from_le_bytes(*b"efgd"));
    assert_eq!(m.reg(s4), u32::from_le_bytes(*b"efgd"));
    assert_eq!(m.input_position(), 7);
}

#[test]
fn private_reads_use_their_own_cursor() {
    let buf = DATA_BASE + 0x100;
    let mut words = Vec::new();
    // fd 3 (4 bytes), fd 0 (4 bytes), fd 3 (up to 4: 2 left), fd 3 (0 left).
    let (s2, s3) = (18u8, 19u32);
    for (fd, count) in [(3, S0), (0, S1), (3, T2), (3, s3)] {
        words.extend(syscall(63, fd, buf + 4 * u32::from(fd), 4));
        words.push(asm::addi(count, A0, 0));
    }
    words.extend(li(T0, buf + 12));
    words.push(asm::lw(u32::from(s2), T0, 0));
    let elf = program(&[words, asm::exit(0)].concat());
    let mut m = Machine::with_private_input(&elf, b"abcdefg", b"SECRET").unwrap();
    m.run(1000).unwrap();
    assert_eq!(
        (
            m.reg(S0 as u8),
            m.reg(S1 as u8),
            m.reg(T2 as u8),
            m.reg(s3 as u8)
        ),
        (4, 4, 2, 0)
    );
    assert_eq!(m.reg(s2), u32::from_le_bytes(*b"ETCR"));
    assert_eq!((m.input_position(), m.private_position()), (4, 6));
    assert!(m.result().unwrap().output.is_empty());
    // Without a private input, fd 3 is at its end at once.
    let mut m = Machine::new(&elf, b"abcdefg").unwrap();
    m.run(1000).unwrap();
    assert_eq!((m.reg(S0 as u8), m.private_position()), (0, 0));
    assert!(!m.restore_private_position(1));
}

#[test]
fn read_of_zero_bytes_and_unbounded_len() {
    let result = run_with_input(&syscall(63, 0, DATA_BASE, 0), b"xyz").unwrap();
    assert_eq!(result.exit_code, 0);
    // A huge len only needs the bytes actually copied to be writable.
    let result = run_with_input(&syscall(63, 0, DATA_BASE, u32::MAX), b"xyz").unwrap();
    assert_eq!(result.exit_code, 3);
}

#[test]
fn read_into_bad_buffers_traps() {
    let pc = pc_of(8);
    assert_eq!(
        run_with_input(&syscall(63, 0, TEXT_BASE, 4), b"xyz"),
        Err(ExecError::WriteToReadOnly {
            pc,
            addr: TEXT_BASE
        })
    );
    // Starting in the unmapped gap below the data segment.
    assert_eq!(
        run_with_input(&syscall(63, 0, DATA_BASE - 2, 4), b"xyz"),
        Err(ExecError::OutOfBoundsAccess {
            pc,
            addr: DATA_BASE - 2
        })
    );
    assert_eq!(
        run_with_input(&syscall(63, 4, DATA_BASE, 4), b"xyz"),
        Err(ExecError::BadFileDescriptor {
            pc,
            syscall: "read",
            fd: 4
        })
    );
}

#[test]
fn write_to_stdout_and_stderr() {
    let data = b"hello, world";
    let words = [
        syscall(64, 1, DATA_BASE, 5),
        vec![asm::addi(S0, A0, 0)],
        syscall(64, 2, DATA_BASE + 7, 5),
        syscall(64, 1, DATA_BASE + 5, 7),
        asm::exit(0),
    ]
    .concat();
    let mut m = Machine::new(&program_with_data(&words, data), &[]).unwrap();
    assert_eq!(m.run(1000), Ok(0));
    assert_eq!(m.output(), b"hello, world");
    assert_eq!(m.debug_output(), b"world");
    assert_eq!(m.reg(S0 as u8), 5, "write returns len");
}

#[test]
fn write_errors() {
    let pc = pc_of(8);
    assert_eq!(
        run_with_input(&syscall(64, 0, DATA_BASE, 1), &[]),
        Err(ExecError::BadFileDescriptor {
            pc,
            syscall: "write",
            fd: 0
        })
    );
    assert_eq!(
        run_with_input(&syscall(64, 1, DATA_BASE - 1, 2), &[]),
        Err(ExecError::OutOfBoundsAccess {
            pc,
            addr: DATA_BASE - 1
        })
    );
    assert_eq!(
        run_with_input(&syscall(64, 1, STACK_TOP - 4, 8), &[]),
        Err(ExecError::OutOfBoundsAccess {
            pc,
            addr: STACK_TOP
        })
    );
    // Writing from text (read-only) memory is fine.
    assert_eq!(
        run_with_input(&syscall(64, 1, TEXT_BASE, 4), &[])
            .unwrap()
            .output
            .len(),
        4
    );
}

/// fd 2 is a debug log the proof does not see: a write of more than
/// MAX_OUTPUT_LEN bytes to it is not refused for its size, and only the
/// first MAX_OUTPUT_LEN bytes are kept; fd 1's cap is not affected by it.
#[test]
fn debug_output_is_not_capped() {
    let max = zkvm_executor::layout::MAX_OUTPUT_LEN;
    let words = [
        syscall(64, 2, DATA_BASE, max as u32 + 1),
        vec![asm::addi(S0, A0, 0)],
        syscall(64, 1, DATA_BASE, 3),
        asm::exit(0),
    ]
    .concat();
    let mut m = Machine::new(&program(&words), &[]).unwrap();
    assert_eq!(m.run(1000), Ok(0));
    assert_eq!(m.reg(S0 as u8), max as u32 + 1, "write returns len");
    assert_eq!(m.debug_output().len(), max);
    assert_eq!(m.output().len(), 3);
}

#[test]
fn output_is_capped() {
    let len = zkvm_executor::layout::MAX_OUTPUT_LEN as u32 + 1;
    assert_eq!(
        run_with_input(&syscall(64, 1, DATA_BASE, len), &[]),
        Err(ExecError::OutputTooLarge {
            max: zkvm_executor::layout::MAX_OUTPUT_LEN
        })
    );
}

#[test]
fn exit_codes_are_32_bit_and_exit_group_works() {
    let result = run(&program(&asm::exit(0xdead_beef)), &[], &Limits::default()).unwrap();
    assert_eq!(result.exit_code, 0xdead_beef);
    let words = [li(A0, 42), li(A7, 94), vec![asm::ecall()]].concat();
    assert_eq!(
        run(&program(&words), &[], &Limits::default())
            .unwrap()
            .exit_code,
        42
    );
}

#[test]
fn unknown_syscalls_trap() {
    for number in [0, 57, 214, 0xffff_ffff] {
        assert_eq!(
            run_with_input(&syscall(number, 0, 0, 0), &[]),
            Err(ExecError::UnknownSyscall {
                pc: pc_of(8),
                number
            })
        );
    }
}

#[test]
fn cycles_count_every_instruction_including_the_exit_ecall() {
    let words = [vec![asm::addi(T0, T0, 1); 10], asm::exit(3)].concat();
    let program = program(&words);
    let exact = 10 + 5;
    let result = run(
        &program,
        &[],
        &Limits {
            max_cycles: exact,
            ..Limits::default()
        },
    )
    .unwrap();
    assert_eq!(
        (result.cycles, result.exit_code, result.pc),
        (exact, 3, text_addr(14))
    );
    assert_eq!(
        run(
            &program,
            &[],
            &Limits {
                max_cycles: exact - 1,
                ..Limits::default()
            }
        ),
        Err(ExecError::CycleLimitExceeded { limit: exact - 1 })
    );
}

#[test]
fn infinite_loops_hit_the_cycle_limit() {
    let program = program(&[asm::jal(ZERO, 0)]);
    assert_eq!(
        run(
            &program,
            &[],
            &Limits {
                max_cycles: 1000,
                ..Limits::default()
            }
        ),
        Err(ExecError::CycleLimitExceeded { limit: 1000 })
    );
}

#[test]
fn input_limit_is_enforced() {
    let limits = Limits {
        max_input_len: 3,
        ..Limits::default()
    };
    assert!(run(&program(&asm::exit(0)), b"abc", &limits).is_ok());
    assert_eq!(
        run(&program(&asm::exit(0)), b"abcd", &limits),
        Err(ExecError::InputTooLarge { len: 4, max: 3 })
    );
}

#[test]
fn tracer_records_registers_and_memory() {
    let words = [
        li(T0, DATA_BASE),
        vec![
            asm::addi(T1, ZERO, -2),
            asm::sh(T1, T0, 6),
            asm::lb(T2, T0, 6),
            asm::beq(T2, T1, 8),
            asm::ebreak(),
        ],
        li(A0, 9),
        asm::exit_with_a0(),
    ]
    .concat();
    let mut m = Machine::new(&program(&words), &[]).unwrap();
    let mut trace: Vec<StepRecord> = Vec::new();
    assert_eq!(m.run_with(1000, &mut trace), Ok(9));
    assert_eq!(trace.len() as u64, m.cycles());
    assert!(trace.iter().enumerate().all(|(i, r)| r.cycle == i as u64));
    assert!(trace.windows(2).all(|w| w[0].next_pc == w[1].pc));
    let store = trace[3];
    assert_eq!((store.pc, store.word), (text_addr(3), words[3]));
    assert_eq!(
        store.memory,
        Some(MemoryAccess {
            addr: DATA_BASE + 6,
            width: 2,
            is_write: true,
            value: 0xfffe
        })
    );
    assert_eq!(
        (store.rs1_value, store.rs2_value, store.rd),
        (DATA_BASE, 0xffff_fffe, 0)
    );
    let load = trace[4];
    assert_eq!(
        load.memory,
        Some(MemoryAccess {
            addr: DATA_BASE + 6,
            width: 1,
            is_write: false,
            value: 0xfe
        })
    );
    assert_eq!((load.rd, load.rd_value), (T2 as u8, 0xffff_fffe));
    let branch = trace[5];
    assert_eq!(
        (branch.next_pc, branch.rd, branch.memory),
        (text_addr(7), 0, None)
    );
    let exit = trace.last().unwrap();
    assert_eq!(
        (exit.pc, exit.next_pc, exit.rd),
        (text_addr(11), text_addr(11), 0)
    );
}

#[test]
fn a_failed_step_leaves_the_state_unchanged() {
    let words = [asm::addi(T0, ZERO, 5), asm::lw(T1, ZERO, 0)];
    let mut m = Machine::new(&program(&words), &[]).unwrap();
    m.step().unwrap();
    let before = (m.pc(), *m.regs(), m.cycles());
    assert!(m.step().is_err());
    assert_eq!((m.pc(), *m.regs(), m.cycles()), before);
}

#[test]
fn execution_errors_have_distinct_messages() {
    let errors = [
        ExecError::IllegalInstruction { pc: 0, word: 0 },
        ExecError::MisalignedAccess {
            pc: 0,
            addr: 0,
            width: 0,
        },
        ExecError::OutOfBoundsAccess { pc: 0, addr: 0 },
        ExecError::WriteToReadOnly { pc: 0, addr: 0 },
        ExecError::InstructionFetchFault { pc: 0 },
        ExecError::MisalignedJump { pc: 0, target: 0 },
        ExecError::UnknownSyscall { pc: 0, number: 0 },
        ExecError::BadFileDescriptor {
            pc: 0,
            syscall: "read",
            fd: 0,
        },
        ExecError::CycleLimitExceeded { limit: 0 },
        ExecError::InputTooLarge { len: 0, max: 0 },
        ExecError::OutputTooLarge { max: 0 },
        ExecError::Ebreak { pc: 0 },
        ExecError::InvalidProgram(zkvm_executor::ElfError::BadMagic),
    ];
    let messages: std::collections::HashSet<String> =
        errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(messages.len(), errors.len());
}

#[test]
fn segments_are_mapped_a_word_at_a_time() {
    use zkvm_executor::testing::elf_writer::ElfBuilder;
    // The data segment ends 2 bytes into a word: the whole word is mapped
    // (zeros after the segment) and the heap starts at the next word.
    let words = [
        li(T0, DATA_BASE + 4),
        vec![asm::lw(T2, T0, 0), asm::sw(T0, T0, 0), asm::lw(T1, T0, 0)],
        asm::exit(0),
    ]
    .concat();
    let elf = ElfBuilder::with_text(&words)
        .data(DATA_BASE, vec![1; 6], 6)
        .build();
    let result = run(&Program::from_elf(&elf).unwrap(), &[], &Limits::default()).unwrap();
    assert_eq!(result.regs[T2 as usize], 0x0000_0101);
    assert_eq!(result.regs[T1 as usize], DATA_BASE + 4);
    assert_eq!(Program::from_elf(&elf).unwrap().heap_start(), DATA_BASE + 8);

    // Code ends 2 bytes into a word: the rest of the word is fetchable and
    // readable code (zeros), not writable.
    let boundary_word = text_addr(9); // the code below is 9 words long
    let code = [
        li(T0, boundary_word),
        vec![asm::lw(T1, T0, 0), asm::sw(T1, T0, 0)],
        asm::exit(0),
    ]
    .concat();
    assert_eq!(text_addr(code.len()), boundary_word);
    let mut b = ElfBuilder::with_text(&code);
    b.segments[0].data.extend([0xaa, 0xbb]);
    b.segments[0].mem_size += 2;
    let mut m = Machine::new(&Program::from_elf(&b.build()).unwrap(), &[]).unwrap();
    assert_eq!(
        m.run(100),
        Err(ExecError::WriteToReadOnly {
            pc: text_addr(3),
            addr: boundary_word
        })
    );
    assert_eq!(m.reg(T1 as u8), 0x0000_bbaa);

    // A data segment starting inside the code's last word shares that word:
    // refused, as the proof system's memory cells are words.
    let mut shared = ElfBuilder::with_text(&code).data(boundary_word + 2, vec![0xcc, 0xdd], 2);
    shared.segments[0].data.extend([0xaa, 0xbb]);
    shared.segments[0].mem_size += 2;
    assert!(matches!(
        Program::from_elf(&shared.build()),
        Err(zkvm_executor::ElfError::Overlap { .. })
    ));
}
