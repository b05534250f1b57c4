//! The time zone days are counted in.
//!
//! The engine has no zone database, and the page does not need one: it knows the
//! browser's zone through `Date`. The host hands over the zone as a list of offset
//! changes, which the page can compute cheaply for the years an export covers:
//!
//! - `offset_seconds = -new Date(t).getTimezoneOffset() * 60` (JavaScript's sign is
//!   inverted and its unit is minutes);
//! - sample that at the first of each month of the covered years (24 calls a year); where
//!   two samples differ, bisect between them to the minute (~16 calls) to find the
//!   instant of the change;
//! - send `[(from_utc_seconds, offset_seconds), …]`: each offset applies from its
//!   instant to the next one, the first also before it.
//!
//! A zone without changes is one pair (or [`Zone::fixed`]); UTC is [`Zone::utc`].
//! HTML exports print wall-clock times without a zone; see [`Zone::for_export`].

use serde::{Deserialize, Serialize};

use crate::detect::{Detection, Format};

/// Offsets beyond ±18 hours exist nowhere; larger values are clamped.
const MAX_OFFSET: i32 = 18 * 3600;

const DAY: i64 = 86_400;

/// A UTC offset and when it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    /// UTC seconds since 1970.
    pub from: i64,
    /// Seconds east of UTC (`+3600` for Paris in winter).
    pub offset: i32,
}

/// A zone as a sorted list of offset changes; empty means UTC. On the wire it is the
/// plain list, put in order on the way in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Vec<Transition>", into = "Vec<Transition>")]
pub struct Zone {
    transitions: Vec<Transition>,
}

impl From<Vec<Transition>> for Zone {
    fn from(transitions: Vec<Transition>) -> Zone {
        Zone::new(transitions)
    }
}

impl From<Zone> for Vec<Transition> {
    fn from(zone: Zone) -> Vec<Transition> {
        zone.transitions
    }
}

impl Zone {
    pub fn utc() -> Zone {
        Zone::default()
    }

    pub fn fixed(offset_seconds: i32) -> Zone {
        Zone::new(vec![Transition {
            from: i64::MIN,
            offset: offset_seconds,
        }])
    }

    /// From the host's list in any order; offsets clamped to ±18 h, repeats dropped.
    pub fn new(mut transitions: Vec<Transition>) -> Zone {
        transitions.sort_by_key(|t| t.from);
        transitions.dedup_by_key(|t| t.from);
        for t in &mut transitions {
            t.offset = t.offset.clamp(-MAX_OFFSET, MAX_OFFSET);
        }
        // A change to the offset already in force changes nothing.
        transitions.dedup_by_key(|t| t.offset);
        if transitions.iter().all(|t| t.offset == 0) {
            transitions.clear();
        }
        Zone { transitions }
    }

    pub fn transitions(&self) -> &[Transition] {
        &self.transitions
    }

    pub fn is_utc(&self) -> bool {
        self.transitions.is_empty()
    }

    /// Seconds east of UTC at the UTC instant `t`.
    pub fn offset_at(&self, t: i64) -> i32 {
        let after = self.transitions.partition_point(|tr| tr.from <= t);
        // Before the first change, the first offset applies.
        let at = after.saturating_sub(1);
        self.transitions.get(at).map_or(0, |tr| tr.offset)
    }

    /// Local seconds since 1970 (the wall clock read as if it were UTC).
    pub fn local(&self, t: i64) -> i64 {
        t.saturating_add(i64::from(self.offset_at(t)))
    }

    /// The local day of `t` (days since 1970-01-01), or `None` beyond the i32 range.
    pub fn day_of(&self, t: i64) -> Option<i32> {
        i32::try_from(self.local(t).div_euclid(DAY)).ok()
    }

    /// The zone to count an export's days in: HTML pages print the wall clock without a
    /// zone and the engine reads it as UTC, so UTC keeps the dates as printed; shifting
    /// them by the browser's zone would move them a second time. JSON carries true
    /// instants: the browser's zone.
    pub fn for_export(detection: &Detection, browser: Zone) -> Zone {
        match detection.format {
            Some(Format::Html) => Zone::utc(),
            _ => browser,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2024-03-31 01:00 UTC: Central Europe moves from +1 h to +2 h.
    const CEST_2024: i64 = 1_711_846_800;

    fn europe() -> Zone {
        Zone::new(vec![
            Transition {
                from: CEST_2024,
                offset: 7200,
            },
            Transition {
                from: 0,
                offset: 3600,
            },
        ])
    }

    #[test]
    fn offsets_follow_the_changes() {
        let z = europe();
        assert_eq!(z.offset_at(CEST_2024 - 1), 3600);
        assert_eq!(z.offset_at(CEST_2024), 7200);
        // Before the first change, the first offset.
        assert_eq!(z.offset_at(-1_000_000), 3600);
        assert_eq!(Zone::utc().offset_at(CEST_2024), 0);
        assert_eq!(Zone::fixed(-5 * 3600).offset_at(i64::MIN), -5 * 3600);
    }

    #[test]
    fn days_cross_midnight_with_the_offset() {
        // 2024-06-11 23:30 UTC is the 12th in Paris and still the 11th in New York.
        let t = 1_718_148_600;
        let utc = Zone::utc().day_of(t);
        assert_eq!(europe().day_of(t), utc.map(|d| d + 1));
        assert_eq!(Zone::fixed(-4 * 3600).day_of(t), utc);
        assert_eq!(Zone::fixed(i32::MAX).offset_at(0), MAX_OFFSET);
        assert_eq!(Zone::utc().day_of(i64::MAX), None);
        assert_eq!(Zone::utc().day_of(-1), Some(-1));
    }

    #[test]
    fn normalised() {
        assert!(Zone::fixed(0).is_utc());
        let z = Zone::new(vec![
            Transition {
                from: 5,
                offset: 60,
            },
            Transition {
                from: 9,
                offset: 60,
            },
            Transition {
                from: 5,
                offset: 30,
            },
        ]);
        assert_eq!(z.transitions().len(), 1);
        let json = serde_json::to_string(&europe()).unwrap();
        assert_eq!(serde_json::from_str::<Zone>(&json).unwrap(), europe());
        // What the page sends, in any order, is sorted on the way in.
        let sent = r#"[{"from":1711846800,"offset":7200},{"from":0,"offset":3600}]"#;
        assert_eq!(serde_json::from_str::<Zone>(sent).unwrap(), europe());
    }

    #[test]
    fn html_exports_keep_the_printed_dates() {
        let mut d = Detection {
            kind: crate::detect::ExportKind::Instagram,
            era: None,
            format: Some(Format::Html),
            message: None,
        };
        assert!(Zone::for_export(&d, europe()).is_utc());
        d.format = Some(Format::Json);
        assert_eq!(Zone::for_export(&d, europe()), europe());
    }
}
