//! Optional phase timing: set ZKVM_PROVER_PROFILE=1 to print, per prover phase,
//! the wall time and the process CPU time (Linux /proc; the machine may be shared,
//! so CPU time is the steadier figure), and what the phase did to memory: the
//! fresh pages it touched (minor page faults x 4 KiB, which counts every newly
//! allocated buffer the first time it is written), the resident set after it,
//! and the peak so far.

use std::time::Instant;

/// Minor page faults of the process so far (field 10 of /proc/self/stat), or 0.
pub fn minor_page_faults() -> u64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0;
    };
    let Some(close) = stat.rfind(')') else {
        return 0;
    };
    // fields[0] is field 3, so field 10 (minflt) is fields[7].
    stat[close + 2..]
        .split_whitespace()
        .nth(7)
        .and_then(|f| f.parse().ok())
        .unwrap_or(0)
}

/// Resident set and its peak (VmRSS, VmHWM of /proc/self/status) in bytes.
pub fn resident_bytes() -> (u64, u64) {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return (0, 0);
    };
    let field = |key: &str| -> u64 {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map_or(0, |kb| kb * 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Process CPU time (user + system) in seconds, or 0 where /proc is unavailable.
pub fn process_cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let Some(close) = stat.rfind(')') else {
        return 0.0;
    };
    let fields: Vec<&str> = stat[close + 2..].split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // fields[0] is field 3 (state), so field k is fields[k - 3]. Clock ticks are 100 Hz on Linux.
    (ticks(11) + ticks(12)) / 100.0
}

pub struct PhaseTimer {
    enabled: bool,
    wall: Instant,
    cpu: f64,
    faults: u64,
}

impl PhaseTimer {
    pub fn new() -> PhaseTimer {
        let enabled = std::env::var_os("ZKVM_PROVER_PROFILE").is_some();
        PhaseTimer {
            enabled,
            wall: Instant::now(),
            cpu: if enabled { process_cpu_seconds() } else { 0.0 },
            faults: if enabled { minor_page_faults() } else { 0 },
        }
    }

    /// Prints the time since the previous mark under `phase`.
    pub fn mark(&mut self, phase: &str) {
        if !self.enabled {
            return;
        }
        let cpu = process_cpu_seconds();
        let faults = minor_page_faults();
        let (rss, peak) = resident_bytes();
        let mib = |b: u64| b as f64 / (1u64 << 20) as f64;
        eprintln!(
            "  {phase:<22} wall {:>8.3}s  cpu {:>7.2}s  fresh {:>8.1} MiB  rss {:>8.1} MiB  peak {:>8.1} MiB",
            self.wall.elapsed().as_secs_f64(),
            cpu - self.cpu,
            mib(faults.saturating_sub(self.faults) * 4096),
            mib(rss),
            mib(peak)
        );
        self.wall = Instant::now();
        self.cpu = cpu;
        self.faults = faults;
    }
}

impl Default for PhaseTimer {
    fn default() -> Self {
        Self::new()
    }
}
