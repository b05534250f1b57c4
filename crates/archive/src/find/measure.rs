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
    pub build_ms: u128,
    pub bytes: IndexBytes,
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
    let (index, took) = build(export);
    Measurement {
        documents: index.len(),
        terms: index.terms(),
        build_ms: took.as_millis(),
        bytes: index.bytes(),
        queries: time_queries(&index, queries, runs),
    }
}
