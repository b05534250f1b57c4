//! Timings of the day index on an opened export, for `cargo xtask bench` and the
//! measurement test (native only: wasm32 has no clock here).

use std::time::{Duration, Instant};

use super::{Date, Dating, DayIndex, KindSet, Zone};
use crate::export::Export;

#[derive(Debug, Clone)]
pub struct Timings {
    /// Every step of [`Dating`], file reading and parsing included.
    pub build: Duration,
    pub steps: u64,
    /// The longest single step: how long a view question may wait behind the job.
    pub longest_step: Duration,
    /// What that step read.
    pub longest_what: &'static str,
    pub items: usize,
    pub days: usize,
    /// Messages summed into the index.
    pub messages: u64,
    pub heap_bytes: usize,
    /// The busiest year's heat map, all kinds.
    pub heat_map: Duration,
    /// A jump to the middle of the covered period, all kinds.
    pub jump: Duration,
    /// The first page of 100 items.
    pub page: Duration,
}

/// Builds the index of `export` in `zone` and times the queries on it.
pub fn measure(export: &mut Export, zone: Zone) -> (DayIndex, Timings) {
    let started = Instant::now();
    let mut dating = Dating::new(zone);
    let mut longest_step = Duration::ZERO;
    let mut longest_what = "";
    let index = loop {
        let what = dating.status().what;
        let step = Instant::now();
        let done = dating.step(export);
        if step.elapsed() > longest_step {
            (longest_step, longest_what) = (step.elapsed(), what);
        }
        if let Some(index) = done {
            break index;
        }
    };
    let build = started.elapsed();
    let messages = index
        .days()
        .iter()
        .map(|d| u64::from(d.count(super::ItemKind::Message)))
        .sum();
    let busiest_year = index
        .years(KindSet::ALL)
        .into_iter()
        .max_by_key(|y| index.heat_map(*y, KindSet::ALL).total)
        .unwrap_or(1970);
    let t = Instant::now();
    let map = index.heat_map(busiest_year, KindSet::ALL);
    let heat_map = t.elapsed();
    let middle = index.days().get(index.days().len() / 2).map(|d| d.date);
    let t = Instant::now();
    let jumped = index.jump(middle.unwrap_or(Date::new(1970, 1, 1)), KindSet::ALL);
    let jump = t.elapsed();
    let t = Instant::now();
    let page = index.page(jumped.unwrap_or(0), KindSet::ALL, 100);
    let page_time = t.elapsed();
    // Keep the optimiser from dropping the work measured.
    std::hint::black_box((map, page));
    let timings = Timings {
        build,
        steps: dating.status().done,
        longest_step,
        longest_what,
        items: index.len(),
        days: index.days().len(),
        messages,
        heap_bytes: index.heap_bytes(),
        heat_map,
        jump,
        page: page_time,
    };
    (index, timings)
}
