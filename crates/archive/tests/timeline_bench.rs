//! The day index on a large generated export: build time, a year's heat map, a jump.
//! Not a check (speed is never asserted): run it by hand, or from `cargo xtask bench`,
//! in release:
//!
//! ```sh
//! cargo test --release -p keepsake-archive --test timeline_bench -- --ignored --nocapture
//! ```
//!
//! Sizes from `TIMELINE_BENCH_POSTS`, `TIMELINE_BENCH_MESSAGES` and
//! `TIMELINE_BENCH_THREADS` (defaults 20 000, 200 000 and 200).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::time::Instant;

use common::exports::{generate, open, spec};
use keepsake_archive::timeline::Zone;
use keepsake_archive::timeline::measure::measure;
use keepsake_fixtures::Era;

fn size(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
#[ignore = "a measurement: run in release with --ignored --nocapture"]
fn day_index_on_a_large_export() {
    let mut s = spec(Era::MediaMove2025);
    s.name = "timeline-bench".into();
    s.scale.posts = size("TIMELINE_BENCH_POSTS", 20_000);
    s.scale.messages = size("TIMELINE_BENCH_MESSAGES", 200_000);
    s.scale.threads = size("TIMELINE_BENCH_THREADS", 200);
    s.scale.messages_per_file = 10_000;
    s.image_px = 8;
    let t = Instant::now();
    let (dir, m) = generate(&s).unwrap();
    let generated = t.elapsed();
    let mut export = open(&dir, &m);
    let (index, timings) = measure(&mut export, Zone::fixed(3600));
    // For scale: the catalog reads the same files (families are cached by now, every
    // conversation is read again), so the difference is the index's own work.
    let t = Instant::now();
    let counted = keepsake_archive::catalog::count_all(&mut export)
        .value
        .counts
        .len();
    let catalog = t.elapsed();
    let _ = fs::remove_dir_all(&dir);
    println!(
        "generated {} posts, {} messages in {} threads in {:.1} s",
        s.scale.posts,
        s.scale.messages,
        s.scale.threads,
        generated.as_secs_f64()
    );
    println!("{timings:#?}");
    println!(
        "catalog count after it ({counted} keys): {:.2} s",
        catalog.as_secs_f64()
    );
    println!(
        "index: {} items, {} days, ~{} KiB",
        index.len(),
        index.days().len(),
        index.heap_bytes() / 1024
    );
}
