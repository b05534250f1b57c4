//! The day index: every dated item, newest first, and per-day counts per kind.

use serde::{Deserialize, Serialize};

use super::kind::{ItemKind, KINDS};
use super::target::{ActivityList, Source, Target};
use super::zone::Zone;
use crate::instant::{Instant, Precision, civil_from_days, days_from_civil};

/// A label is the start of a caption or comment: enough for a line in a list.
const LABEL_CHARS: usize = 80;
const NO_MEDIA: u32 = u32::MAX;

/// One item as stored (40 bytes): its text, media and target live in shared tables.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item {
    /// UTC seconds.
    pub time: i64,
    /// Local day in the index's zone.
    pub day: i32,
    /// Messages of the (day, conversation); 1 for everything else.
    pub count: u32,
    /// Position in `DayIndex::sources`.
    pub source: u32,
    /// Position in the source's list (post, row, first message of the day).
    pub index: u32,
    /// Byte range of the label in `DayIndex::text`.
    pub label: u32,
    pub label_len: u16,
    pub kind: ItemKind,
    /// Position in `DayIndex::media`, or `NO_MEDIA`.
    pub media: u32,
}

/// A calendar date in the index's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: i64,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: i64, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    /// The date of a day number (days since 1970-01-01).
    pub fn of_day(day: i32) -> Date {
        let (year, month, d) = civil_from_days(i64::from(day));
        // civil_from_days gives month 1–12 and day 1–31.
        let small = |v: i64| u8::try_from(v).unwrap_or(1);
        Date::new(year, small(month), small(d))
    }

    /// Days since 1970-01-01; `None` for impossible dates or beyond the i32 range.
    pub fn day_number(self) -> Option<i32> {
        // i32 days reach ±5.8 million years; farther years would overflow the calendar.
        let year_ok = (-5_000_000..=5_000_000).contains(&self.year);
        if !year_ok
            || !(1..=12).contains(&self.month)
            || self.day == 0
            || self.day > self.month_len()
        {
            return None;
        }
        let days = days_from_civil(self.year, self.month.into(), self.day.into());
        i32::try_from(days).ok()
    }

    /// The last day of `year`-`month`.
    pub fn end_of_month(year: i64, month: u8) -> Date {
        let mut d = Date::new(year, month, 1);
        d.day = d.month_len();
        d
    }

    pub fn is_leap_year(year: i64) -> bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    fn month_len(self) -> u8 {
        match self.month {
            2 if Date::is_leap_year(self.year) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }
}

/// Counts of one local day, per kind (messages counted one by one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCounts {
    /// Days since 1970-01-01.
    pub day: i32,
    pub date: Date,
    /// Indexed by [`ItemKind::index`].
    pub counts: [u32; KINDS],
    /// Position of the day's first (newest) item in the index.
    pub first: u32,
    /// How many items the day holds (a conversation's day is one item).
    pub items: u32,
}

impl DayCounts {
    pub fn count(&self, kind: ItemKind) -> u32 {
        self.counts[kind.index()]
    }
}

/// One item as the page gets it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineItem {
    /// Position in the index (newest first).
    pub position: u32,
    pub kind: ItemKind,
    /// UTC; for a conversation's day, its last message that day.
    pub time: Instant,
    pub date: Date,
    /// Messages of the conversation that day; 1 otherwise.
    pub count: u32,
    pub target: Target,
    /// Caption or comment start, username, query …; empty when there is none (a
    /// conversation's title is in its target).
    pub label: String,
    /// Paths (or URIs when not in the export) of the item's photos and videos.
    pub media: Vec<String>,
}

/// Everything dated in an export, by local day. Built by [`super::Dating`].
#[derive(Debug, Clone, Default)]
pub struct DayIndex {
    pub(crate) zone: Zone,
    pub(crate) precision: Option<Precision>,
    /// Newest day first; within a day, newest time first.
    pub(crate) items: Vec<Item>,
    /// Newest first, one per day that has items.
    pub(crate) days: Vec<DayCounts>,
    pub(crate) sources: Vec<Source>,
    pub(crate) text: String,
    pub(crate) media: Vec<Box<[Box<str>]>>,
}

impl DayIndex {
    pub fn zone(&self) -> &Zone {
        &self.zone
    }

    /// How precise the export's times are: HTML exports print minutes and no zone, so
    /// the page shows their times to the minute and says the zone is unknown.
    pub fn precision(&self) -> Precision {
        self.precision.unwrap_or(Precision::Exact)
    }

    /// Number of items (a conversation's day counts once).
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every day with something, newest first.
    pub fn days(&self) -> &[DayCounts] {
        &self.days
    }

    /// The counts of one day; `None` when nothing happened that day.
    pub fn day(&self, date: Date) -> Option<&DayCounts> {
        self.counts_of(date.day_number()?)
    }

    /// The item at `position` (newest first).
    pub fn item(&self, position: u32) -> Option<TimelineItem> {
        let item = self.items.get(usize::try_from(position).ok()?)?;
        let source = self.sources.get(usize::try_from(item.source).ok()?)?;
        let start = usize::try_from(item.label).unwrap_or(usize::MAX);
        let label = self
            .text
            .get(start..start.saturating_add(item.label_len.into()))
            .unwrap_or("");
        let media = usize::try_from(item.media)
            .ok()
            .and_then(|m| self.media.get(m))
            .map(|paths| paths.iter().map(|p| p.to_string()).collect())
            .unwrap_or_default();
        Some(TimelineItem {
            position,
            kind: item.kind,
            time: Instant(item.time),
            date: Date::of_day(item.day),
            count: item.count,
            target: source.target(item.index),
            label: label.to_owned(),
            media,
        })
    }

    /// Bytes held, roughly: what a million-message export costs.
    pub fn heap_bytes(&self) -> usize {
        let media: usize = self
            .media
            .iter()
            .map(|m| m.iter().map(|p| p.len() + 16).sum::<usize>() + 16)
            .sum();
        self.items.capacity() * std::mem::size_of::<Item>()
            + self.days.capacity() * std::mem::size_of::<DayCounts>()
            + self.sources.capacity() * 64
            + self.text.capacity()
            + media
    }
}

/// Collects items while the steps run; sorted and counted at the end.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    pub zone: Zone,
    index: DayIndex,
}

impl Builder {
    pub fn new(zone: Zone) -> Builder {
        Builder {
            zone,
            index: DayIndex::default(),
        }
    }

    pub fn source(&mut self, source: Source) -> u32 {
        let at = u32::try_from(self.index.sources.len()).unwrap_or(u32::MAX);
        self.index.sources.push(source);
        at
    }

    /// One item per row of an activity list.
    pub fn list<T>(
        &mut self,
        list: ActivityList,
        rows: &[T],
        item: fn(&T) -> (ItemKind, Instant, &str),
    ) {
        let source = self.source(Source::Activity(list));
        for (i, row) in rows.iter().enumerate() {
            let (kind, time, label) = item(row);
            self.push(kind, time, (source, i), label);
        }
    }

    /// Adds one item; nothing when its time is "none", out of range, or its position
    /// does not fit.
    pub fn push(&mut self, kind: ItemKind, time: Instant, at: (u32, usize), label: &str) {
        self.push_full(kind, time, at, label, 1, &[]);
    }

    pub fn push_full(
        &mut self,
        kind: ItemKind,
        time: Instant,
        (source, index): (u32, usize),
        label: &str,
        count: u32,
        media: &[&str],
    ) {
        let Some(t) = time.get() else { return };
        let Some(day) = self.zone.day_of(t) else {
            return;
        };
        let Ok(index) = u32::try_from(index) else {
            return;
        };
        let (label, label_len) = self.label(label);
        let media = if media.is_empty() {
            NO_MEDIA
        } else {
            let at = u32::try_from(self.index.media.len()).unwrap_or(NO_MEDIA);
            self.index
                .media
                .push(media.iter().map(|p| Box::from(*p)).collect());
            at
        };
        self.index.items.push(Item {
            time: t,
            day,
            count,
            source,
            index,
            label,
            label_len,
            kind,
            media,
        });
    }

    /// The first line of `text`, cut to [`LABEL_CHARS`], appended to the text table.
    fn label(&mut self, text: &str) -> (u32, u16) {
        let line = text.trim().lines().next().unwrap_or("");
        let end = line
            .char_indices()
            .nth(LABEL_CHARS)
            .map_or(line.len(), |(i, _)| i);
        let line = line.get(..end).unwrap_or("");
        let (Ok(start), Ok(len)) = (
            u32::try_from(self.index.text.len()),
            u16::try_from(line.len()),
        ) else {
            return (0, 0);
        };
        self.index.text.push_str(line);
        (start, len)
    }

    pub fn finish(self, precision: Precision) -> DayIndex {
        let mut index = self.index;
        index.zone = self.zone;
        index.precision = Some(precision);
        // Newest day first, then newest time; ties in a stable order so pages repeat.
        index.items.sort_unstable_by(|a, b| {
            (b.day, b.time)
                .cmp(&(a.day, a.time))
                .then((a.kind, a.source, a.index).cmp(&(b.kind, b.source, b.index)))
        });
        index.items.shrink_to_fit();
        index.text.shrink_to_fit();
        let mut days: Vec<DayCounts> = Vec::new();
        for (pos, item) in index.items.iter().enumerate() {
            let pos = u32::try_from(pos).unwrap_or(u32::MAX);
            if days.last().is_none_or(|d| d.day != item.day) {
                days.push(DayCounts {
                    day: item.day,
                    date: Date::of_day(item.day),
                    counts: [0; KINDS],
                    first: pos,
                    items: 0,
                });
            }
            if let Some(d) = days.last_mut() {
                let c = &mut d.counts[item.kind.index()];
                *c = c.saturating_add(item.count);
                d.items += 1;
            }
        }
        index.days = days;
        index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(Date::new(1970, 1, 1).day_number(), Some(0));
        assert_eq!(Date::of_day(-1), Date::new(1969, 12, 31));
        assert_eq!(Date::new(2023, 2, 29).day_number(), None);
        assert!(Date::new(2024, 2, 29).day_number().is_some());
        assert_eq!(Date::new(2024, 13, 1).day_number(), None);
        assert_eq!(Date::new(i64::MAX / 400, 1, 1).day_number(), None);
        assert_eq!(Date::end_of_month(2024, 2), Date::new(2024, 2, 29));
        assert_eq!(Date::end_of_month(2100, 2), Date::new(2100, 2, 28));
        assert_eq!(Date::end_of_month(2024, 4), Date::new(2024, 4, 30));
    }

    #[test]
    fn an_item_is_small() {
        assert!(std::mem::size_of::<Item>() <= 40);
    }

    #[test]
    fn labels_are_first_lines_cut_short() {
        let mut b = Builder::new(Zone::utc());
        let s = b.source(Source::ProfilePhotos);
        let long = "é".repeat(200);
        b.push(ItemKind::ProfilePhoto, Instant(100), (s, 0), &long);
        b.push(ItemKind::ProfilePhoto, Instant(50), (s, 1), " hi\nthere");
        b.push(ItemKind::ProfilePhoto, Instant::NONE, (s, 2), "no time");
        b.push(ItemKind::ProfilePhoto, Instant(i64::MAX), (s, 3), "far");
        let index = b.finish(Precision::Exact);
        assert_eq!(index.len(), 2);
        let first = index.item(0).unwrap();
        assert_eq!(first.label.chars().count(), LABEL_CHARS);
        assert_eq!(index.item(1).unwrap().label, "hi");
        assert_eq!(index.item(2), None);
        assert_eq!(index.days().len(), 1);
        assert_eq!(index.days()[0].count(ItemKind::ProfilePhoto), 2);
    }
}
