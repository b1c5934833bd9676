/* c_greet: reads a name (up to 64 bytes) and writes "Hello, <name>!" and a
 * newline. Its code and read-only data end on an odd byte (the last rodata
 * object is a 3-byte string), so its executable segment is not a whole number
 * of words: the loaders map the rest of the last word as zeros.
 * Exit code: the number of bytes read. */
#include <stddef.h>

static inline long syscall3(long n, long a0, long a1, long a2)
{
    register long r_a7 __asm__("a7") = n;
    register long r_a0 __asm__("a0") = a0;
    register long r_a1 __asm__("a1") = a1;
    register long r_a2 __asm__("a2") = a2;
    __asm__ volatile("ecall" : "+r"(r_a0) : "r"(r_a7), "r"(r_a1), "r"(r_a2) : "memory");
    return r_a0;
}

static const char hello[7] = {'H', 'e', 'l', 'l', 'o', ',', ' '};
static const char tail[3] = {'!', '\n', 0};

int main(void)
{
    char name[64];
    long n = syscall3(63, 0, (long)name, sizeof name);
    if (n < 0)
        n = 0;
    syscall3(64, 1, (long)hello, sizeof hello);
    syscall3(64, 1, (long)name, n);
    syscall3(64, 1, (long)tail, 2);
    return (int)n;
}
