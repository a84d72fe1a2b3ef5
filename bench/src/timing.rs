//! Timing: run a job over a set of inputs N times and keep every round's
//! wall time, so that the table can show both the best and the median.
//!
//! The best round is the least disturbed by the other processes that share
//! this machine's two cores; the median shows what a typical round costs.
//! Both are reported because either alone hides something.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// The wall times of every timed round of one measurement.
pub(crate) struct Rounds {
    times: Vec<Duration>,
}

impl Rounds {
    pub(crate) fn best(&self) -> Duration {
        self.times.iter().copied().min().unwrap_or_default()
    }

    pub(crate) fn median(&self) -> Duration {
        let mut sorted = self.times.clone();
        sorted.sort_unstable();
        // With an even count this takes the upper middle round: one
        // round's real time rather than an average no round took.
        sorted.get(sorted.len() / 2).copied().unwrap_or_default()
    }
}

/// Runs `job` once over every input untimed (to fault in pages and warm
/// the allocator and caches), then `iters` timed rounds over all inputs.
///
/// The job's result is passed through `black_box` and dropped inside the
/// round: freeing the tree is part of what a caller pays for it, on both
/// sides of a comparison alike.
pub(crate) fn measure<I, R>(inputs: &[I], iters: usize, mut job: impl FnMut(&I) -> R) -> Rounds {
    for input in inputs {
        black_box(job(black_box(input)));
    }
    let times = (0..iters.max(1))
        .map(|_| {
            let start = Instant::now();
            for input in inputs {
                black_box(job(black_box(input)));
            }
            start.elapsed()
        })
        .collect();
    Rounds { times }
}

/// Throughput in MB/s (10^6 bytes per second).
pub(crate) fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    let secs = time.as_secs_f64();
    if secs <= 0.0 {
        return f64::INFINITY;
    }
    bytes as f64 / 1e6 / secs
}
