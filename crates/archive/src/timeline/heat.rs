//! A year's heat map, the busiest days, streaks, and "on this day".

use serde::{Deserialize, Serialize};

use super::index::{Date, DayCounts, DayIndex, TimelineItem};
use super::kind::KindSet;

/// The busiest days a heat map names.
const BUSIEST: usize = 10;

/// Consecutive days with something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Streak {
    pub first: Date,
    pub last: Date,
    pub days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeatMap {
    pub year: i64,
    /// The date of `counts[0]`: 1 January.
    pub first: Date,
    /// One count per day of the year (365 or 366), for the chosen kinds.
    pub counts: Vec<u32>,
    pub total: u64,
    /// Up to ten busiest days, busiest first (earlier first on ties).
    pub busiest: Vec<(Date, u32)>,
    /// The longest run of active days inside the year (the earliest of equal runs).
    pub streak: Option<Streak>,
}

/// One earlier year's items on today's month and day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearGroup {
    pub year: i64,
    pub counts: DayCounts,
    pub items: Vec<TimelineItem>,
    /// Items of that day left out past the limit.
    pub more: u32,
}

impl DayIndex {
    /// The counts of `kinds` for every day of `year`; empty for a year out of range.
    pub fn heat_map(&self, year: i64, kinds: KindSet) -> HeatMap {
        let first = Date::new(year, 1, 1);
        let mut map = HeatMap {
            year,
            first,
            counts: Vec::new(),
            total: 0,
            busiest: Vec::new(),
            streak: None,
        };
        let (Some(start), Some(end)) = (first.day_number(), Date::new(year, 12, 31).day_number())
        else {
            return map;
        };
        let len = usize::try_from(end - start + 1).unwrap_or(0);
        map.counts = vec![0; len];
        // Days are newest first: the year is one contiguous run.
        let from = self.days.partition_point(|d| d.day > end);
        let to = self.days.partition_point(|d| d.day >= start);
        for d in self.days.get(from..to).unwrap_or(&[]) {
            let n = u32::try_from(kinds.total(&d.counts)).unwrap_or(u32::MAX);
            if let Some(cell) = usize::try_from(d.day - start)
                .ok()
                .and_then(|i| map.counts.get_mut(i))
            {
                *cell = n;
            }
        }
        map.total = map.counts.iter().map(|n| u64::from(*n)).sum();
        let mut busy: Vec<(u32, usize)> = map
            .counts
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(i, n)| (*n, i))
            .collect();
        busy.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        map.busiest = busy
            .into_iter()
            .take(BUSIEST)
            .filter_map(|(n, i)| Some((Date::of_day(start + i32::try_from(i).ok()?), n)))
            .collect();
        map.streak = longest_run(start, &map.counts);
        map
    }

    /// The longest run of consecutive days with items of `kinds`, over the whole export.
    pub fn longest_streak(&self, kinds: KindSet) -> Option<Streak> {
        let mut best: Option<(i32, i32)> = None;
        let mut run: Option<(i32, i32)> = None;
        // Oldest first, so the earliest of equal runs wins.
        for d in self.days.iter().rev() {
            if kinds.total(&d.counts) == 0 {
                continue;
            }
            run = match run {
                Some((first, last)) if last.checked_add(1) == Some(d.day) => Some((first, d.day)),
                _ => Some((d.day, d.day)),
            };
            if let Some(r) = run
                && best.is_none_or(|b| r.1 - r.0 > b.1 - b.0)
            {
                best = Some(r);
            }
        }
        best.map(|(first, last)| streak(first, last))
    }

    /// Items of `kinds` on `today`'s month and day in the years before it, newest year
    /// first, at most `per_year` items each. 29 February shows only leap years.
    pub fn on_this_day(&self, today: Date, kinds: KindSet, per_year: usize) -> Vec<YearGroup> {
        let per_year = per_year.min(super::query::MAX_PAGE);
        let mut groups = Vec::new();
        for d in &self.days {
            let same_day = d.date.month == today.month && d.date.day == today.day;
            if d.date.year >= today.year || !same_day || kinds.total(&d.counts) == 0 {
                continue;
            }
            let first = usize::try_from(d.first).unwrap_or(usize::MAX);
            let len = usize::try_from(d.items).unwrap_or(0);
            let mut items = Vec::new();
            let mut more = 0u32;
            for (pos, item) in self.items.iter().enumerate().skip(first).take(len) {
                if !kinds.contains(item.kind) {
                    continue;
                }
                if items.len() == per_year {
                    more += 1;
                    continue;
                }
                let shown = u32::try_from(pos).ok().and_then(|p| self.item(p));
                items.extend(shown);
            }
            groups.push(YearGroup {
                year: d.date.year,
                counts: d.clone(),
                items,
                more,
            });
        }
        groups
    }
}

fn streak(first: i32, last: i32) -> Streak {
    Streak {
        first: Date::of_day(first),
        last: Date::of_day(last),
        days: u32::try_from(last - first + 1).unwrap_or(0),
    }
}

/// The longest run of non-zero counts, the first day being `start`.
fn longest_run(start: i32, counts: &[u32]) -> Option<Streak> {
    let mut best: Option<(usize, usize)> = None;
    let mut run_start = None;
    for (i, n) in counts.iter().enumerate() {
        match (*n > 0, run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(_)) => run_start = None,
            _ => {}
        }
        if let Some(s) = run_start
            && best.is_none_or(|(bs, be)| i - s > be - bs)
        {
            best = Some((s, i));
        }
    }
    let (s, e) = best?;
    let day = |i: usize| i32::try_from(i).ok().map(|i| start + i);
    Some(streak(day(s)?, day(e)?))
}
