//! Optional phase timing: set ZKVM_PROVER_PROFILE=1 to print, per prover phase,
//! the wall time and the process CPU time (Linux /proc; the machine may be shared,
//! so CPU time is the steadier figure).

use std::time::Instant;

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
}

impl PhaseTimer {
    pub fn new() -> PhaseTimer {
        let enabled = std::env::var_os("ZKVM_PROVER_PROFILE").is_some();
        PhaseTimer {
            enabled,
            wall: Instant::now(),
            cpu: if enabled { process_cpu_seconds() } else { 0.0 },
        }
    }

    /// Prints the time since the previous mark under `phase`.
    pub fn mark(&mut self, phase: &str) {
        if !self.enabled {
            return;
        }
        let cpu = process_cpu_seconds();
        eprintln!(
            "  {phase:<18} wall {:>8.3}s  cpu {:>7.2}s",
            self.wall.elapsed().as_secs_f64(),
            cpu - self.cpu
        );
        self.wall = Instant::now();
        self.cpu = cpu;
    }
}

impl Default for PhaseTimer {
    fn default() -> Self {
        Self::new()
    }
}
