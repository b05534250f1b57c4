//! The conversation view in Chromium (tests/e2e/bench/thread.mjs): how long the longest
//! thread takes to open, how smoothly it scrolls, and how fast the worker parses it.

use std::fmt::Write as _;
use std::net::SocketAddr;

use serde::Deserialize;
use serde_json::json;

use super::{Generated, MB, count, median, node_script, opt, spread};

/// One line printed by tests/e2e/bench/thread.mjs.
#[derive(Deserialize)]
pub struct ThreadRun {
    #[serde(default)]
    error: Option<String>,
    /// Click on the thread → its header (the worker parsed every message file).
    #[serde(default)]
    header_ms: Option<f64>,
    /// Click → the newest message drawn and painted.
    #[serde(default)]
    open_ms: Option<f64>,
    #[serde(default)]
    frames: Option<f64>,
    #[serde(default)]
    frame_p50_ms: Option<f64>,
    #[serde(default)]
    frame_p95_ms: Option<f64>,
    #[serde(default)]
    frame_max_ms: Option<f64>,
    /// Frames longer than 1/30 s.
    #[serde(default)]
    long_frames: Option<f64>,
    /// A jump across the thread → its rows loaded and painted (median of the run).
    #[serde(default)]
    jump_ms: Option<f64>,
    #[serde(default)]
    most_rows: Option<f64>,
}

pub fn measure(
    server: SocketAddr,
    export: &Generated,
    runs: usize,
) -> Result<Vec<ThreadRun>, String> {
    let results: Vec<ThreadRun> = node_script(
        "bench/thread.mjs",
        server,
        runs,
        (
            "KEEPSAKE_BENCH_THREAD",
            json!({ "name": export.spec.name, "paths": export.paths }).to_string(),
        ),
    )?;
    for failed in results.iter().filter_map(|r| r.error.as_deref()) {
        eprintln!("bench: conversation run failed: {failed}");
    }
    Ok(results)
}

fn values(runs: &[ThreadRun], get: impl Fn(&ThreadRun) -> Option<f64>) -> Vec<f64> {
    runs.iter()
        .filter(|r| r.error.is_none())
        .filter_map(get)
        .collect()
}

/// The worker's parse of the whole thread as seen from the page: bytes of JSON over the
/// time from the click to the header (median), in MB/s.
pub fn browser_parse(runs: &[ThreadRun], json_bytes: u64) -> Option<(f64, f64)> {
    let t = median(&values(runs, |r| r.header_ms))?;
    Some((t, json_bytes as f64 / MB / (t / 1000.0)))
}

/// The report's section on the conversation view.
pub fn section(runs: &[ThreadRun], messages: usize) -> String {
    let mut md = String::new();
    let ok = runs.iter().filter(|r| r.error.is_none()).count();
    let _ = writeln!(
        md,
        "\n## Conversation view (issue 7)\n\n\
         The same `thread-100k` export in Chromium: the click on its thread ({} \
         messages) to the conversation's header (the worker has read, inflated and parsed \
         every `message_N.json`) and to the newest message painted; then {frames} frames \
         of scrolling towards older messages at 120 px per frame (a fast mouse wheel, \
         about 7,000 px/s) with each frame's duration from `requestAnimationFrame`; then \
         jumps to ten places across the thread, each timed until its rows are loaded and \
         painted. Median over runs, min–max in brackets; {ok} of {} runs succeeded.\n\n\
         | | Value |\n|---|---:|",
        count(messages as u64),
        runs.len(),
        frames = opt(median(&values(runs, |r| r.frames)), 0),
    );
    let rows: [(&str, Vec<f64>); 8] = [
        (
            "Thread open: header shown, ms",
            values(runs, |r| r.header_ms),
        ),
        (
            "Thread open: newest message painted, ms",
            values(runs, |r| r.open_ms),
        ),
        (
            "Scroll frame time, median, ms",
            values(runs, |r| r.frame_p50_ms),
        ),
        (
            "Scroll frame time, 95th percentile, ms",
            values(runs, |r| r.frame_p95_ms),
        ),
        (
            "Scroll frame time, longest, ms",
            values(runs, |r| r.frame_max_ms),
        ),
        (
            "Frames over 33 ms (of the run)",
            values(runs, |r| r.long_frames),
        ),
        (
            "Jump across the thread until painted, ms",
            values(runs, |r| r.jump_ms),
        ),
        (
            "Most message rows in the DOM",
            values(runs, |r| r.most_rows),
        ),
    ];
    for (label, values) in rows {
        let _ = writeln!(md, "| {label} | {} |", spread(&values));
    }
    md.push_str(
        "\nA frame of 16.7 ms is the display's pace (60 Hz); headless Chromium paces \
         `requestAnimationFrame` the same way, so the median sits there when scrolling keeps \
         up. Frames are counted while other work shares the 2 cores (see the load average \
         above).\n",
    );
    md
}
