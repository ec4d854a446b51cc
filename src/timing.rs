//! Phase timings for profiling: with `TEBIKI_TIMINGS=1` in the environment,
//! each phase of a build prints its wall time to standard error, and on
//! Linux also the CPU time all of the process's threads spent in it (so
//! how many cores the phase kept busy) and the process's resident memory
//! at its end and at its peak so far (so which phase sets the peak).

use std::sync::OnceLock;
use std::time::{Duration, Instant};

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("TEBIKI_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0"))
}

/// CPU time of every thread of the process so far, from `/proc/self/task/*/schedstat`
/// (in nanoseconds, though some kernels advance it a scheduler tick at a time, so a phase
/// of a few milliseconds reads coarsely; threads that have already ended are not counted).
/// `None` where there is no such file.
fn process_cpu() -> Option<Duration> {
    let mut total = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let Ok(stat) = std::fs::read_to_string(task.ok()?.path().join("schedstat")) else { continue };
        total += stat.split_ascii_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(Duration::from_nanos(total))
}

/// Resident memory now and at its peak so far, in MiB, from `/proc/self/status`
/// (`VmRSS`, `VmHWM`); `None` where there is no such file.
fn memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        Some(line[name.len()..].trim().trim_end_matches("kB").trim().parse::<u64>().ok()? / 1024)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// Marks the end of phases since the last mark.
pub struct Phases {
    last: Instant,
    cpu: Option<Duration>,
}

impl Phases {
    pub fn start() -> Self {
        Phases { last: Instant::now(), cpu: if enabled() { process_cpu() } else { None } }
    }

    /// Prints the time since the previous mark under `name` (when enabled).
    pub fn mark(&mut self, name: &str) {
        let now = Instant::now();
        if enabled() {
            let wall = (now - self.last).as_secs_f64() * 1000.0;
            let cpu = process_cpu();
            let memory = memory().map(|(rss, peak)| format!("  rss {rss:>5} MiB, peak {peak:>5} MiB")).unwrap_or_default();
            match (self.cpu, cpu) {
                (Some(before), Some(after)) if after >= before => {
                    let used = (after - before).as_secs_f64() * 1000.0;
                    let busy = if wall > 0.0 { used / wall } else { 0.0 };
                    eprintln!("timing: {name:<22} {wall:>8.1} ms  cpu {used:>8.1} ms  ({busy:.2} cores){memory}");
                }
                _ => eprintln!("timing: {name:<22} {wall:>8.1} ms{memory}"),
            }
            self.cpu = cpu;
        }
        self.last = now;
    }
}
