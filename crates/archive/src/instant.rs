//! Points in time (docs/FORMAT.md §8.2): epoch seconds, epoch milliseconds and the ISO-8601
//! strings of the legacy layout all become UTC seconds. `0` means "no time" because Meta
//! writes `timestamp: 0` for "not applicable".

use serde::{Deserialize, Serialize};

/// UTC seconds since 1970; `0` is "none".
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Instant(pub i64);

/// Values at or above this are milliseconds: 10^11 seconds is the year 5138.
const MILLIS_THRESHOLD: i64 = 100_000_000_000;

impl Instant {
    pub const NONE: Instant = Instant(0);

    /// From seconds or milliseconds (told apart by magnitude).
    pub fn from_epoch(value: i64) -> Self {
        // `unsigned_abs`: `abs` of `i64::MIN` overflows, and a file may hold any number.
        if value.unsigned_abs() >= MILLIS_THRESHOLD.unsigned_abs() {
            Instant(value / 1000)
        } else {
            Instant(value)
        }
    }

    pub fn from_millis(ms: i64) -> Self {
        Instant(ms / 1000)
    }

    pub fn is_none(self) -> bool {
        self.0 == 0
    }

    pub fn is_some(self) -> bool {
        self.0 != 0
    }

    pub fn get(self) -> Option<i64> {
        self.is_some().then_some(self.0)
    }

    /// `self` if set, else `other`.
    pub fn or(self, other: Instant) -> Instant {
        if self.is_some() { self } else { other }
    }

    /// From an ISO-8601 string (`2020-01-20T17:12:00+00:00`, with fraction, `Z`, no offset
    /// meaning UTC, or a bare date), or a number written as a string. `NONE` if unreadable.
    pub fn parse(text: &str) -> Self {
        let text = text.trim();
        if text.is_empty() {
            return Instant::NONE;
        }
        if let Ok(n) = text.parse::<i64>() {
            return Instant::from_epoch(n);
        }
        parse_iso(text).map(Instant).unwrap_or(Instant::NONE)
    }

    /// `YYYY-MM-DD HH:MM:SS` in UTC, for messages and tests.
    pub fn to_iso(self) -> String {
        self.written(' ', "")
    }

    /// ISO 8601 in UTC with the zone written (`2024-06-11T22:36:40Z`), for files other
    /// programs read.
    pub fn to_iso_utc(self) -> String {
        self.written('T', "Z")
    }

    fn written(self, between: char, zone: &str) -> String {
        let days = self.0.div_euclid(86_400);
        let secs = self.0.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        format!(
            "{y:04}-{m:02}-{d:02}{between}{:02}:{:02}:{:02}{zone}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    }
}

/// How much of a time the export wrote down. HTML pages print the wall clock to the minute
/// (to the second from 2026) with no zone; the engine reads it as UTC (§7). A view shows
/// such times to the minute and says the zone is unknown, never inventing seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Precision {
    /// Epoch seconds or milliseconds, or ISO with an offset: a true instant.
    Exact,
    /// A printed wall-clock time: minutes, zone unknown.
    MinuteNoZone,
}

fn digits(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A `YYYY-MM-DD` date (as a date input gives it) as (year, month 1–12, day 1–31).
pub fn parse_date(text: &str) -> Option<(i64, i64, i64)> {
    let mut parts = text.trim().splitn(3, '-');
    let year = digits(parts.next()?)?;
    let month = digits(parts.next()?)?;
    let day = digits(parts.next()?)?;
    // Four-digit years only: a longer one would overflow the day arithmetic.
    (year <= 9999 && (1..=12).contains(&month) && (1..=31).contains(&day))
        .then_some((year, month, day))
}

fn parse_iso(text: &str) -> Option<i64> {
    let (date, rest) = match text.find(['T', ' ']) {
        Some(i) => (text.get(..i)?, text.get(i + 1..)?),
        None => (text, ""),
    };
    let (year, month, day) = parse_date(date)?;
    let days = days_from_civil(year, month, day);
    if rest.is_empty() {
        return Some(days * 86_400);
    }
    // Split off the zone: `Z`, `+HH:MM`, `-HHMM` or nothing (read as UTC).
    let (clock, offset) = if let Some(c) = rest.strip_suffix('Z') {
        (c, 0)
    } else if let Some(i) = rest.rfind(['+', '-']) {
        let zone = rest.get(i + 1..)?.replace(':', "");
        let hours = digits(zone.get(..2)?)?;
        let minutes = zone.get(2..).map(digits).unwrap_or(Some(0))?;
        let sign = if rest.get(i..i + 1) == Some("-") {
            -1
        } else {
            1
        };
        (rest.get(..i)?, sign * (hours * 3600 + minutes * 60))
    } else {
        (rest, 0)
    };
    let clock = clock.split('.').next()?;
    let mut hms = clock.split(':');
    let h = digits(hms.next()?)?;
    let m = hms.next().map(digits).unwrap_or(Some(0))?;
    let s = hms.next().map(digits).unwrap_or(Some(0))?;
    if h > 24 || m > 59 || s > 60 {
        return None;
    }
    Some(days * 86_400 + h * 3600 + m * 60 + s - offset)
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian (year, month, day) of a day count since 1970-01-01; the
/// inverse of [`days_from_civil`].
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epochs() {
        assert_eq!(Instant::from_epoch(1_712_345_678), Instant(1_712_345_678));
        assert_eq!(
            Instant::from_epoch(1_729_774_142_791),
            Instant(1_729_774_142)
        );
        assert!(Instant::from_epoch(0).is_none());
        assert_eq!(Instant(5).or(Instant(7)), Instant(5));
        assert_eq!(Instant(0).or(Instant(7)), Instant(7));
    }

    #[test]
    fn extreme_numbers_never_panic() {
        assert_eq!(Instant::from_epoch(i64::MIN), Instant(i64::MIN / 1000));
        assert_eq!(Instant::from_epoch(i64::MAX), Instant(i64::MAX / 1000));
        assert_eq!(Instant::from_epoch(-5), Instant(-5));
        assert!(Instant::parse("99999999999999-01-01").is_none());
        assert!(Instant::parse("9223372036854775807-01-01T00:00:00").is_none());
        for t in [i64::MIN, i64::MAX, Instant::from_epoch(i64::MIN).0] {
            assert!(!Instant(t).to_iso().is_empty());
        }
    }

    #[test]
    fn iso_strings() {
        let t = Instant::parse("2020-01-20T17:12:00+00:00");
        assert_eq!(t.to_iso(), "2020-01-20 17:12:00");
        assert_eq!(
            Instant::parse("2019-11-22T10:52:43.556896+00:00").to_iso(),
            "2019-11-22 10:52:43"
        );
        assert_eq!(
            Instant::parse("2017-07-19T08:57:05").to_iso(),
            "2017-07-19 08:57:05"
        );
        assert_eq!(
            Instant::parse("2020-04-24T19:41:47+02:00").to_iso(),
            "2020-04-24 17:41:47"
        );
        assert_eq!(Instant::parse("1990-01-31").to_iso(), "1990-01-31 00:00:00");
        assert_eq!(Instant::parse("2024-03-09Z").0, 0);
        assert_eq!(Instant::parse("1712345678"), Instant(1_712_345_678));
        for bad in [
            "",
            "nonsense",
            "2020-13-01",
            "2020-01-01T99:00",
            "-",
            "2020-01-01T10:00+x",
        ] {
            assert!(Instant::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn iso_utc_for_files() {
        assert_eq!(Instant(0).to_iso_utc(), "1970-01-01T00:00:00Z");
        assert_eq!(Instant(1_749_681_400).to_iso_utc(), "2025-06-11T22:36:40Z");
        assert_eq!(Instant(-1).to_iso_utc(), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn dates_of_a_date_input() {
        assert_eq!(parse_date("2024-06-11"), Some((2024, 6, 11)));
        assert_eq!(parse_date(" 1999-12-31 "), Some((1999, 12, 31)));
        for bad in [
            "",
            "2024-13-01",
            "2024-00-10",
            "2024-01-32",
            "2024-06",
            "2024-+6-01",
            "x-1-1",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn civil_days_round_trip() {
        // Leap days, century rules and dates before 1970.
        for (y, m, d) in [
            (1970, 1, 1),
            (2000, 2, 29),
            (1900, 3, 1),
            (2024, 12, 31),
            (1969, 12, 31),
            (1600, 2, 29),
        ] {
            assert_eq!(civil_from_days(days_from_civil(y, m, d)), (y, m, d));
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(11_017), (2000, 3, 1));
    }
}
