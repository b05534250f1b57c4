//! The timeline, page by page, and jumps to a date.

use serde::{Deserialize, Serialize};

use super::index::{Date, DayCounts, DayIndex, TimelineItem};
use super::kind::KindSet;

/// Most items one page may hold, whatever the host asks.
pub const MAX_PAGE: usize = 500;

/// One day of a page: its counts (for the day's heading and accessible label) and the
/// page's items of that day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayGroup {
    pub counts: DayCounts,
    pub items: Vec<TimelineItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelinePage {
    pub groups: Vec<DayGroup>,
    /// Where the next page starts; `None` at the end.
    pub next: Option<u32>,
}

impl DayIndex {
    /// Up to `max` items of `kinds` from position `from` on (newest first), grouped by
    /// day. Costs at most one pass over the index when the filter matches little.
    pub fn page(&self, from: u32, kinds: KindSet, max: usize) -> TimelinePage {
        let max = max.clamp(1, MAX_PAGE);
        let mut groups: Vec<DayGroup> = Vec::new();
        let mut taken = 0;
        let mut next = None;
        let start = usize::try_from(from).unwrap_or(usize::MAX);
        for (pos, item) in self.items.iter().enumerate().skip(start) {
            if !kinds.contains(item.kind) {
                continue;
            }
            let Ok(pos) = u32::try_from(pos) else { break };
            if taken == max {
                next = Some(pos);
                break;
            }
            let Some(shown) = self.item(pos) else {
                continue;
            };
            if groups.last().is_none_or(|g| g.counts.day != item.day) {
                let Some(counts) = self.counts_of(item.day) else {
                    continue;
                };
                groups.push(DayGroup {
                    counts: counts.clone(),
                    items: Vec::new(),
                });
            }
            if let Some(g) = groups.last_mut() {
                g.items.push(shown);
            }
            taken += 1;
        }
        TimelinePage { groups, next }
    }

    /// The position of the newest item of `kinds` at or before `date` (the end of a
    /// month for "jump to a month"); `None` when nothing of those kinds is that old.
    pub fn jump(&self, date: Date, kinds: KindSet) -> Option<u32> {
        let day = date.day_number()?;
        let at = self.days.partition_point(|d| d.day > day);
        let first = self.days.get(at)?.first;
        let start = usize::try_from(first).ok()?;
        let found = self
            .items
            .iter()
            .skip(start)
            .position(|i| kinds.contains(i.kind))?;
        u32::try_from(start + found).ok()
    }

    /// Years that have items of `kinds`, newest first (the page's year picker).
    pub fn years(&self, kinds: KindSet) -> Vec<i64> {
        let mut years: Vec<i64> = Vec::new();
        for d in self.days.iter().filter(|d| kinds.total(&d.counts) > 0) {
            if years.last() != Some(&d.date.year) {
                years.push(d.date.year);
            }
        }
        years
    }

    pub(crate) fn counts_of(&self, day: i32) -> Option<&DayCounts> {
        let at = self.days.partition_point(|d| d.day > day);
        self.days.get(at).filter(|d| d.day == day)
    }
}
