/* Minimal C runtime for zkVM / qemu-riscv32 guests (RV32IM, ilp32).
 * The loader sets sp and zero-fills .bss (p_memsz beyond p_filesz).
 * _start: set gp, align sp, call main(), exit(main's return value). */
    .section .text.init, "ax", @progbits
    .globl _start
    .type _start, @function
_start:
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    andi    sp, sp, -16
    li      s0, 0
    call    main
    /* a0 = return value of main */
    li      a7, 93          /* exit */
    ecall
1:  j       1b
    .size _start, . - _start
