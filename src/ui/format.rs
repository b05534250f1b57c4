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
    localized(epoch, |d, options| {
        d.to_locale_date_string("default", options)
    })
}

/// A UTC epoch second as date and time in the reader's locale and time zone.
pub fn date_time(epoch: Option<i64>) -> Option<String> {
    localized(epoch, |d, options| d.to_locale_string("default", options))
}

fn localized(
    epoch: Option<i64>,
    render: impl Fn(&js_sys::Date, &js_sys::Object) -> js_sys::JsString,
) -> Option<String> {
    let millis = epoch? as f64 * 1000.0;
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis));
    let text: String = render(&date, &js_sys::Object::new()).into();
    (!text.is_empty() && text != "Invalid Date").then_some(text)
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
}
