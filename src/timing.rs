//! Phase timings for profiling: with `TEBIKI_TIMINGS=1` in the environment,
//! each phase of a build prints its wall time to standard error.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("TEBIKI_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0"))
}

/// Marks the end of phases since the last mark.
pub struct Phases {
    last: Instant,
}

impl Phases {
    pub fn start() -> Self {
        Phases { last: Instant::now() }
    }

    /// Prints the time since the previous mark under `name` (when enabled).
    pub fn mark(&mut self, name: &str) {
        let now = Instant::now();
        if enabled() {
            eprintln!("timing: {name:<22} {:>8.1} ms", (now - self.last).as_secs_f64() * 1000.0);
        }
        self.last = now;
    }
}
