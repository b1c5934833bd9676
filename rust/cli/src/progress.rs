//! Progress of long steps on stderr, and process figures (peak memory).
//!
//! On a terminal a phase shows a spinner with the elapsed time, redrawn in
//! place; otherwise (pipes, files, CI logs) it prints one line when the phase
//! starts and one when it ends, with no control characters.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub struct Phase {
    label: String,
    start: Instant,
    stop: Arc<AtomicBool>,
    spinner: Option<JoinHandle<()>>,
}

impl Phase {
    /// Starts a phase: `label` is e.g. "[2/3] proving".
    pub fn start(label: &str) -> Phase {
        let start = Instant::now();
        let stop = Arc::new(AtomicBool::new(false));
        let spinner = if std::io::stderr().is_terminal() {
            let label = label.to_owned();
            let stop = stop.clone();
            std::thread::Builder::new()
                .name("progress".into())
                .spawn(move || {
                    const FRAMES: [char; 4] = ['|', '/', '-', '\\'];
                    let mut i = 0;
                    while !stop.load(Ordering::Relaxed) {
                        let secs = start.elapsed().as_secs_f64();
                        let mut err = std::io::stderr().lock();
                        let _ = write!(err, "\r\x1b[2K{label} {} {secs:.1} s", FRAMES[i % 4]);
                        let _ = err.flush();
                        drop(err);
                        i += 1;
                        // Sleep in short steps so that finishing is prompt.
                        for _ in 0..5 {
                            if stop.load(Ordering::Relaxed) {
                                break;
                            }
                            std::thread::sleep(Duration::from_millis(40));
                        }
                    }
                })
                .ok()
        } else {
            eprintln!("{label} ...");
            None
        };
        Phase {
            label: label.to_owned(),
            start,
            stop,
            spinner,
        }
    }

    fn halt(&mut self) -> Duration {
        let elapsed = self.start.elapsed();
        self.stop.store(true, Ordering::Relaxed);
        if let Some(handle) = self.spinner.take() {
            let _ = handle.join();
            eprint!("\r\x1b[2K");
        }
        elapsed
    }

    /// Ends the phase successfully: prints its duration and `detail`.
    pub fn done(mut self, detail: &str) -> Duration {
        let elapsed = self.halt();
        let sep = if detail.is_empty() { "" } else { ", " };
        eprintln!(
            "{} done in {}{sep}{detail}",
            self.label,
            format_seconds(elapsed.as_secs_f64())
        );
        elapsed
    }
}

impl Drop for Phase {
    /// A phase dropped without `done` failed: stop the spinner quietly.
    fn drop(&mut self) {
        if self.spinner.is_some() {
            self.halt();
        }
    }
}

/// "0.123 s", "12.3 s", "2 min 03 s".
pub fn format_seconds(secs: f64) -> String {
    if secs < 10.0 {
        format!("{secs:.3} s")
    } else if secs < 120.0 {
        format!("{secs:.1} s")
    } else {
        let s = secs.round() as u64;
        format!("{} min {:02} s", s / 60, s % 60)
    }
}

/// "812 B", "12.3 KiB", "1.50 MiB", "2.25 GiB".
pub fn format_bytes(bytes: u64) -> String {
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} B")
    } else if b < 1024.0 * 1024.0 {
        format!("{:.1} KiB", b / 1024.0)
    } else if b < 1024.0 * 1024.0 * 1024.0 {
        format!("{:.2} MiB", b / (1024.0 * 1024.0))
    } else {
        format!("{:.2} GiB", b / (1024.0 * 1024.0 * 1024.0))
    }
}

/// "12", "9.9 k", "1.25 M" (per second figures).
pub fn format_rate(per_second: f64) -> String {
    if per_second >= 1e6 {
        format!("{:.2} M", per_second / 1e6)
    } else if per_second >= 1e3 {
        format!("{:.1} k", per_second / 1e3)
    } else {
        format!("{per_second:.0}")
    }
}

/// Peak resident set size of this process in bytes (VmHWM in
/// /proc/self/status), or None where that is unavailable.
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let mut words = line["VmHWM:".len()..].split_whitespace();
    let value: u64 = words.next()?.parse().ok()?;
    match words.next() {
        Some("kB") | None => Some(value * 1024),
        _ => None,
    }
}

/// Peak memory for a summary line: "1.50 MiB" or "unknown".
pub fn peak_rss_text() -> String {
    match peak_rss_bytes() {
        Some(b) => format_bytes(b),
        None => "unknown".into(),
    }
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(2 * bytes.len());
    for b in bytes {
        s.push_str(&format!("{b:02x}"));
    }
    s
}
