//! Display times of HTML exports (docs/FORMAT.md §7): `Sep 22, 2017, 6:33 AM` (≤2022),
//! `Sep 22, 2017 6:33 am` (2023+) and `Mar 02, 2026 4:57:45 pm` (2026).
//!
//! The pages carry no time zone. They are read as UTC, which is how the fixtures
//! generator writes them (it formats the UTC epoch) and the best guess for a real export;
//! times are therefore minute-precise (second-precise in the 2026 style) and may be off
//! by the exporting account's UTC offset.

use crate::instant::{Instant, days_from_civil};

/// Month abbreviations in English and the generator's other UI languages (nl, de, es).
const MONTHS: [&[&str]; 12] = [
    &["jan", "ene"],
    &["feb"],
    &["mar", "mrt", "mär"],
    &["apr", "abr"],
    &["may", "mei", "mai"],
    &["jun"],
    &["jul"],
    &["aug", "ago"],
    &["sep", "sept"],
    &["oct", "okt"],
    &["nov"],
    &["dec", "dez", "dic"],
];

fn month(word: &str) -> Option<i64> {
    let word = word.trim_end_matches('.').to_lowercase();
    let idx = MONTHS
        .iter()
        .position(|names| names.contains(&word.as_str()))?;
    i64::try_from(idx + 1).ok()
}

fn number(s: &str) -> Option<i64> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A whole display time, or `None`.
pub fn parse(text: &str) -> Option<Instant> {
    let mut words = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    let month = month(words.next()?)?;
    let day = number(words.next()?)?;
    let year = number(words.next()?)?;
    let clock = words.next()?;
    let half = words.next();
    if words.next().is_some() || !(1..=31).contains(&day) {
        return None;
    }
    let mut hms = clock.split(':');
    let mut hour = number(hms.next()?)?;
    let minute = number(hms.next()?)?;
    let second = hms.next().map_or(Some(0), number)?;
    if hms.next().is_some() || minute > 59 || second > 60 {
        return None;
    }
    match half.map(str::to_ascii_lowercase).as_deref() {
        Some("am") if (1..=12).contains(&hour) => hour %= 12,
        Some("pm") if (1..=12).contains(&hour) => hour = hour % 12 + 12,
        None if hour < 24 => {}
        _ => return None,
    }
    let secs = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    Some(Instant(secs))
}

/// Split a display time off the end of `text` (`"bob" + "Sep 22, 2017 6:33 am"`, written
/// with no separator): the text before it and the time, or all of `text` and no time.
pub fn split_trailing(text: &str) -> (&str, Instant) {
    let trimmed = text.trim_end();
    // The longest style is under 32 bytes; the leftmost start that parses wins.
    let from = trimmed.len().saturating_sub(32);
    for (i, _) in trimmed.char_indices().filter(|&(i, _)| i >= from) {
        if let Some(t) = parse(&trimmed[i..]) {
            return (&text[..i], t);
        }
    }
    (text, Instant::NONE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_styles() {
        let t = |s| parse(s).map(|i| i.to_iso());
        assert_eq!(
            t("Sep 22, 2017, 6:33 AM").as_deref(),
            Some("2017-09-22 06:33:00")
        );
        assert_eq!(
            t("Sep 22, 2017 6:33 pm").as_deref(),
            Some("2017-09-22 18:33:00")
        );
        assert_eq!(
            t("Mar 02, 2026 12:57:45 am").as_deref(),
            Some("2026-03-02 00:57:45")
        );
        assert_eq!(
            t("Jun 13, 2025 12:01 pm").as_deref(),
            Some("2025-06-13 12:01:00")
        );
        assert_eq!(
            t("okt 3, 2024 17:05").as_deref(),
            Some("2024-10-03 17:05:00")
        );
        for bad in [
            "",
            "Sep",
            "Sep 22, 2017",
            "Foo 1, 2017 1:00 am",
            "Sep 22, 2017 13:00 pm",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn trailing_times() {
        let (rest, t) = split_trailing("bob.smithSep 22, 2017, 6:33 AM");
        assert_eq!(
            (rest, t.to_iso().as_str()),
            ("bob.smith", "2017-09-22 06:33:00")
        );
        let (rest, t) = split_trailing("May the force be with you");
        assert_eq!((rest, t), ("May the force be with you", Instant::NONE));
        let (rest, t) = split_trailing("Jan 02, 2024 1:00 am");
        assert_eq!((rest, t.to_iso().as_str()), ("", "2024-01-02 01:00:00"));
    }
}
