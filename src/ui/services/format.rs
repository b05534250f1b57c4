//! Numbers as people read them.

/// Bytes in binary units with one decimal: "1.4 GB" (GiB, labelled as people expect).
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    if n < 1024 {
        return format!("{n} bytes");
    }
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// Thousands separated by thin spaces: 12 345.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// A UTC epoch second as a date in the reader's locale and time zone.
pub fn date(epoch: Option<i64>) -> Option<String> {
    localized(epoch, Style::Date)
}

/// A UTC epoch second as date and time in the reader's locale and time zone.
pub fn date_time(epoch: Option<i64>) -> Option<String> {
    localized(epoch, Style::DateTime)
}

#[derive(Clone, Copy)]
enum Style {
    Date,
    DateTime,
}

thread_local! {
    /// Formatters are made once: building one per call (what `toLocaleString` does)
    /// cost more than drawing the rest of a message row.
    static FORMATTERS: [js_sys::Function; 2] = [formatter(Style::Date), formatter(Style::DateTime)];
}

fn formatter(style: Style) -> js_sys::Function {
    let options = js_sys::Object::new();
    let fields: &[&str] = match style {
        Style::Date => &["year", "month", "day"],
        Style::DateTime => &["year", "month", "day", "hour", "minute", "second"],
    };
    for field in fields {
        let _ = js_sys::Reflect::set(&options, &(*field).into(), &"numeric".into());
    }
    js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options).format()
}

fn localized(epoch: Option<i64>, style: Style) -> Option<String> {
    let millis = epoch? as f64 * 1000.0;
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis));
    if date.get_time().is_nan() {
        return None;
    }
    let text = FORMATTERS
        .with(|f| f[style as usize].call1(&wasm_bindgen::JsValue::NULL, &date))
        .ok()?
        .as_string()?;
    (!text.is_empty()).then_some(text)
}

/// Up to two initials for an avatar placeholder: "Zoë Demo" → "ZD".
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn sizes_and_counts_read_naturally() {
        assert_eq!(bytes(512), "512 bytes");
        assert_eq!(bytes(1536), "1.5 KB");
        assert_eq!(bytes(4 * 1024 * 1024 * 1024), "4.0 GB");
        assert_eq!(count(7), "7");
        assert_eq!(count(1234567), "1\u{202f}234\u{202f}567");
    }

    #[wasm_bindgen_test]
    fn dates_use_the_locale_and_unknown_times_show_nothing() {
        // 2021-06-15 12:00 UTC: the same calendar day in every time zone but the extremes.
        let noon = 1_623_758_400;
        let day = date(Some(noon)).unwrap_or_default();
        let full = date_time(Some(noon)).unwrap_or_default();
        assert!(day.contains("2021") && day.contains("15"), "{day}");
        assert!(
            full.starts_with(&day) && full.len() > day.len(),
            "{full} / {day}"
        );
        assert_eq!(date(None), None);
        assert_eq!(
            date(Some(i64::MAX / 1000)),
            None,
            "out of the calendar's range"
        );
    }
}
