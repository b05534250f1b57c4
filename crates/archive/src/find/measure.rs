//! Index build time, sizes and query latencies on one export, for `cargo xtask bench`
//! and the native measurement test.

use std::time::{Duration, Instant};

use serde::Serialize;

use super::build::Indexing;
use super::index::{Index, IndexBytes};
use crate::export::Export;

/// One query's latency over several runs.
#[derive(Debug, Clone, Serialize)]
pub struct QueryTiming {
    pub label: String,
    pub query: String,
    pub total: usize,
    /// Median and 95th percentile, microseconds.
    pub median_us: u128,
    pub p95_us: u128,
}

#[derive(Debug, Clone, Serialize)]
pub struct Measurement {
    pub documents: usize,
    pub terms: usize,
    /// Reading every thread once (inflate and JSON), without indexing: the part of
    /// `build_ms` that is parsing, not the index.
    pub read_threads_ms: u128,
    /// The whole step machine: every family (other than threads already read and
    /// cached by the export) and every thread read again, and indexed.
    pub build_ms: u128,
    pub bytes: IndexBytes,
    /// Folding and splitting speed over the indexed text, MB/s (phrase checks and
    /// snippets run at this speed).
    pub tokenize_mb_s: u128,
    pub queries: Vec<QueryTiming>,
}

/// Builds the index of `export` step by step, timed.
pub fn build(export: &mut Export) -> (Index, Duration) {
    let started = Instant::now();
    let index = Indexing::default().run_all(export);
    (index, started.elapsed())
}

/// Times each `(label, query)` `runs` times on `index` (20 hits per kind).
pub fn time_queries(index: &Index, queries: &[(&str, &str)], runs: usize) -> Vec<QueryTiming> {
    queries
        .iter()
        .map(|(label, query)| {
            let mut times = Vec::with_capacity(runs.max(1));
            let mut total = 0;
            for _ in 0..runs.max(1) {
                let started = Instant::now();
                total = index.find(query, 20).total;
                times.push(started.elapsed().as_micros());
            }
            times.sort_unstable();
            let at = |q: usize| times[(times.len() - 1) * q / 100];
            QueryTiming {
                label: (*label).to_owned(),
                query: (*query).to_owned(),
                total,
                median_us: at(50),
                p95_us: at(95),
            }
        })
        .collect()
}

/// Build, sizes and query timings in one go.
pub fn measure(export: &mut Export, queries: &[(&str, &str)], runs: usize) -> Measurement {
    let started = Instant::now();
    export.for_each_thread(|_, thread| drop(thread));
    let read_threads = started.elapsed();
    // The other families are parsed once and cached, as the worker keeps them.
    export.profile();
    export.activity();
    let (index, took) = build(export);
    let started = Instant::now();
    let mut tokens = 0_usize;
    super::fold::tokens(&index.text, usize::MAX, |_| tokens += 1);
    let tokenize = started.elapsed().as_micros().max(1);
    Measurement {
        tokenize_mb_s: index.text.len() as u128 / tokenize,
        documents: index.len(),
        terms: index.terms(),
        read_threads_ms: read_threads.as_millis(),
        build_ms: took.as_millis(),
        bytes: index.bytes(),
        queries: time_queries(&index, queries, runs),
    }
}
