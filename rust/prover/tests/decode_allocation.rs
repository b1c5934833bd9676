//! What decoding a proof allocates is bounded by a small multiple of its
//! bytes plus what a valid proof for the verifying key holds: counts are
//! checked against the remaining bytes before any allocation, and the
//! numbers of tables, queries and FRI rounds against the verifying key.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{fib_proof, TestRng};
use zkvm_verifier::protocol::proof::decode_proof_with_limits;
use zkvm_verifier::protocol::stark::decode_limits;

struct Counting;

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATED.fetch_add(new_size, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn decoding_allocates_a_bounded_multiple_of_the_input() {
    let (vk, _, bytes) = fib_proof(8);
    let limits = decode_limits(&vk);
    // A valid proof for this key, as decoded structures: the bound's constant.
    let base = 64 << 10;
    let measure = |input: &[u8]| -> usize {
        let before = ALLOCATED.load(Ordering::Relaxed);
        let _ = decode_proof_with_limits(input, &limits);
        ALLOCATED.load(Ordering::Relaxed) - before
    };
    let honest = measure(&bytes);
    assert!(
        honest <= 4 * bytes.len() + base,
        "honest proof: {honest} bytes"
    );
    let mut rng = TestRng(17);
    let mut worst = 0f64;
    for _ in 0..400 {
        let mut mutated = bytes.clone();
        for _ in 0..1 + rng.below(8) {
            let at = rng.below(mutated.len() as u64) as usize;
            mutated[at] = rng.next_u64() as u8;
        }
        let cut = rng.below(mutated.len() as u64 + 1) as usize;
        let input = &mutated[..cut];
        let used = measure(input);
        assert!(
            used <= 4 * input.len() + base,
            "{used} bytes for {} input bytes",
            input.len()
        );
        worst = worst.max(used as f64 / (input.len().max(1) as f64));
    }
    // Counts claiming the maxima with the fewest bytes per element.
    for count in [u32::MAX, 1 << 20, 64, 2048] {
        for prefix in [
            &[4u8, 0, 0, 0][..],
            &[4, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0][..],
        ] {
            let mut input = prefix.to_vec();
            input.extend_from_slice(&count.to_le_bytes());
            input.extend(std::iter::repeat_n(0u8, 4096));
            let used = measure(&input);
            assert!(
                used <= 4 * input.len() + base,
                "{used} bytes for count {count}"
            );
        }
    }
    println!(
        "honest: {honest} bytes for {} input bytes; worst mutated ratio {worst:.2}",
        bytes.len()
    );
}
