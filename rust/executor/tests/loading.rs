//! ELF parsing and program validation.

use std::collections::HashSet;
use zkvm_executor::layout::SEGMENT_LIMIT;
use zkvm_executor::testing::asm;
use zkvm_executor::testing::elf_writer::{
    ElfBuilder, ElfSegment, DATA_BASE, PF_R, PF_W, PF_X, TEXT_BASE,
};
use zkvm_executor::{ElfError, Program, Segment};

fn valid() -> ElfBuilder {
    ElfBuilder::with_text(&asm::exit(0)).data(DATA_BASE, vec![1, 2, 3], 0x100)
}

fn load(builder: &ElfBuilder) -> Result<Program, ElfError> {
    Program::from_elf(&builder.build())
}

fn patched(offset: usize, bytes: &[u8]) -> Vec<u8> {
    let mut elf = valid().build();
    elf[offset..offset + bytes.len()].copy_from_slice(bytes);
    elf
}

#[test]
fn loads_segments_and_entry() {
    let program = load(&valid()).unwrap();
    assert_eq!(program.entry, TEXT_BASE);
    assert_eq!(program.segments.len(), 2);
    let text = &program.segments[0];
    assert_eq!(
        (text.vaddr, text.mem_size, text.executable),
        (TEXT_BASE, 20, true)
    );
    assert_eq!(text.data.len(), 20);
    let data = &program.segments[1];
    assert_eq!(
        (
            data.vaddr,
            data.data.clone(),
            data.mem_size,
            data.executable
        ),
        (DATA_BASE, vec![1, 2, 3], 0x100, false)
    );
    assert_eq!(program.heap_start(), DATA_BASE + 0x100);
}

#[test]
fn rejects_truncated_files_at_every_length() {
    let elf = valid().build();
    for len in 0..elf.len() {
        let err = Program::from_elf(&elf[..len]).unwrap_err();
        assert!(
            matches!(err, ElfError::Truncated { .. }),
            "length {len}: {err}"
        );
    }
}

#[test]
fn rejects_wrong_identification() {
    assert_eq!(
        Program::from_elf(b"#!/bin/sh\necho hi\n"),
        Err(ElfError::BadMagic)
    );
    assert_eq!(Program::from_elf(b"MZ"), Err(ElfError::BadMagic));
    assert_eq!(
        Program::from_elf(&patched(4, &[2])),
        Err(ElfError::NotElf32 { class: 2 })
    );
    assert_eq!(
        Program::from_elf(&patched(5, &[2])),
        Err(ElfError::NotLittleEndian { data: 2 })
    );
}

#[test]
fn rejects_other_machines_and_types() {
    let mut b = valid();
    b.machine = 62;
    assert_eq!(load(&b), Err(ElfError::NotRiscV { machine: 62 }));
    assert!(load(&b).unwrap_err().to_string().contains("x86-64"));
    let mut b = valid();
    b.elf_type = 3; // ET_DYN
    assert_eq!(load(&b), Err(ElfError::NotExecutable { elf_type: 3 }));
    let mut b = valid();
    b.e_flags = 0x5; // RVC | double-float ABI
    assert_eq!(load(&b), Err(ElfError::CompressedInstructions));
}

#[test]
fn rejects_dynamic_linking() {
    // Turn the data segment's PT_LOAD into PT_INTERP.
    let elf = patched(52 + 32, &3u32.to_le_bytes());
    assert_eq!(Program::from_elf(&elf), Err(ElfError::DynamicallyLinked));
}

#[test]
fn rejects_bad_program_header_size() {
    assert_eq!(
        Program::from_elf(&patched(42, &40u16.to_le_bytes())),
        Err(ElfError::BadProgramHeaderSize { size: 40 })
    );
}

#[test]
fn rejects_file_size_larger_than_mem_size() {
    let b = ElfBuilder::with_text(&asm::exit(0)).data(DATA_BASE, vec![0; 8], 4);
    assert_eq!(
        load(&b),
        Err(ElfError::FileSizeExceedsMemSize {
            vaddr: DATA_BASE,
            file_size: 8,
            mem_size: 4
        })
    );
}

#[test]
fn rejects_segment_data_outside_the_file() {
    // Point the data segment's p_offset far past the end.
    let elf = patched(52 + 32 + 4, &0x00ff_0000u32.to_le_bytes());
    assert_eq!(
        Program::from_elf(&elf),
        Err(ElfError::Truncated {
            what: "segment data"
        })
    );
}

#[test]
fn rejects_overlapping_segments() {
    let b = ElfBuilder::with_text(&asm::exit(0)).data(TEXT_BASE + 8, vec![], 16);
    assert_eq!(
        load(&b),
        Err(ElfError::Overlap {
            first: TEXT_BASE,
            second: TEXT_BASE + 8
        })
    );
}

#[test]
fn rejects_segments_outside_the_loadable_range() {
    let b = ElfBuilder::with_text(&asm::exit(0)).data(SEGMENT_LIMIT - 4, vec![], 8);
    assert_eq!(
        load(&b),
        Err(ElfError::SegmentOutOfRange {
            vaddr: SEGMENT_LIMIT - 4,
            mem_size: 8
        })
    );
    let b = ElfBuilder::with_text(&asm::exit(0)).data(0xffff_f000, vec![], 0x2000);
    assert_eq!(
        load(&b),
        Err(ElfError::SegmentOutOfRange {
            vaddr: 0xffff_f000,
            mem_size: 0x2000
        })
    );
    // Exactly reaching the limit is fine.
    let b = ElfBuilder::with_text(&asm::exit(0)).data(SEGMENT_LIMIT - 8, vec![], 8);
    assert_eq!(load(&b).unwrap().heap_start(), SEGMENT_LIMIT);
}

#[test]
fn rejects_bad_entry_points() {
    for entry in [TEXT_BASE + 2, TEXT_BASE + 20, DATA_BASE, 0] {
        let mut b = valid();
        b.entry = entry;
        assert_eq!(
            load(&b),
            Err(ElfError::BadEntry { entry }),
            "entry {entry:#x}"
        );
    }
}

#[test]
fn rejects_files_without_loadable_segments() {
    let mut b = valid();
    b.segments.clear();
    assert_eq!(load(&b), Err(ElfError::NoLoadableSegments));
    let mut b = valid();
    for s in &mut b.segments {
        s.data.clear();
        s.mem_size = 0;
    }
    assert_eq!(load(&b), Err(ElfError::NoLoadableSegments));
}

#[test]
fn executable_flag_comes_from_pf_x() {
    let mut b = valid();
    b.segments.push(ElfSegment {
        vaddr: 0x30000,
        data: vec![],
        mem_size: 4,
        flags: PF_R | PF_W | PF_X,
    });
    let program = load(&b).unwrap();
    assert!(program.segments[2].executable);
}

#[test]
fn hand_built_programs_are_validated() {
    let segment = Segment {
        vaddr: TEXT_BASE,
        data: vec![0; 8],
        mem_size: 4,
        executable: true,
    };
    let program = Program {
        entry: TEXT_BASE,
        segments: vec![segment],
    };
    assert!(matches!(
        program.validate(),
        Err(ElfError::FileSizeExceedsMemSize { .. })
    ));
    assert!(matches!(
        zkvm_executor::Machine::new(&program, &[]),
        Err(zkvm_executor::ExecError::InvalidProgram(
            ElfError::FileSizeExceedsMemSize { .. }
        ))
    ));
}

#[test]
fn every_error_has_a_distinct_message() {
    let errors = [
        ElfError::Truncated { what: "ELF header" },
        ElfError::BadMagic,
        ElfError::NotElf32 { class: 2 },
        ElfError::NotLittleEndian { data: 2 },
        ElfError::NotRiscV { machine: 3 },
        ElfError::NotExecutable { elf_type: 1 },
        ElfError::DynamicallyLinked,
        ElfError::CompressedInstructions,
        ElfError::BadProgramHeaderSize { size: 1 },
        ElfError::FileSizeExceedsMemSize {
            vaddr: 0,
            file_size: 2,
            mem_size: 1,
        },
        ElfError::SegmentOutOfRange {
            vaddr: 0,
            mem_size: 0,
        },
        ElfError::Overlap {
            first: 0,
            second: 0,
        },
        ElfError::NoLoadableSegments,
        ElfError::BadEntry { entry: 0 },
    ];
    // Compare the messages with numbers removed, so only the wording counts.
    let wording: HashSet<String> = errors
        .iter()
        .map(|e| {
            e.to_string()
                .chars()
                .filter(|c| !c.is_ascii_digit())
                .collect()
        })
        .collect();
    assert_eq!(wording.len(), errors.len());
}
