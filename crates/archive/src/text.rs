//! Mojibake repair (docs/FORMAT.md §8.1).
//!
//! Meta writes each UTF-8 byte of a non-ASCII character as its own `\u00XX` escape, so
//! after JSON parsing a string holds one Latin-1 code point per byte. Turning each code
//! point back into a byte and decoding as UTF-8 restores the text. The repair is applied
//! only when it cannot damage correct text: every char must fit in a byte, one must be
//! non-ASCII, and the bytes must be valid UTF-8 (a genuine lone "é" is not).

use std::borrow::Cow;

/// The repaired text, or the input unchanged (borrowed) when it is not mojibake.
pub fn repair(s: &str) -> Cow<'_, str> {
    match decode(s) {
        Some(fixed) => Cow::Owned(fixed),
        None => Cow::Borrowed(s),
    }
}

/// Like [`repair`] for an owned string: no allocation when nothing changes.
pub fn repair_owned(s: String) -> String {
    decode(&s).unwrap_or(s)
}

/// Repair `s` where it is.
pub fn repair_in_place(s: &mut String) {
    if let Some(fixed) = decode(s) {
        *s = fixed;
    }
}

/// Whether `s` looks like mojibake that [`repair`] would change.
pub fn is_mojibake(s: &str) -> bool {
    decode(s).is_some()
}

/// A JSON document re-indented for reading, with every string and key repaired; `None`
/// when the text is not JSON (or is cut short).
pub fn readable_json(text: &str) -> Option<String> {
    let value = serde_json::from_str::<serde_json::Value>(text).ok()?;
    serde_json::to_string_pretty(&repaired(value)).ok()
}

fn repaired(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(s) => Value::String(repair_owned(s)),
        Value::Array(items) => Value::Array(items.into_iter().map(repaired).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (repair_owned(k), repaired(v)))
                .collect(),
        ),
        other => other,
    }
}

fn decode(s: &str) -> Option<String> {
    // ASCII is by far the common case and is never mojibake.
    if s.is_ascii() {
        return None;
    }
    // Every char ≤ U+00FF is 1 or 2 UTF-8 bytes; a char above means real text.
    let mut bytes = Vec::with_capacity(s.len());
    for c in s.chars() {
        let b = u8::try_from(u32::from(c)).ok()?;
        bytes.push(b);
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_reindented_with_keys_and_values_repaired() {
        assert_eq!(
            readable_json("{\"a\":1}").as_deref(),
            Some("{\n  \"a\": 1\n}")
        );
        assert_eq!(readable_json("{broken"), None);
        assert_eq!(
            readable_json(r#"{"Z\u00c3\u00bcrich": "caf\u00c3\u00a9 \u00f0\u009f\u0091\u008d"}"#)
                .as_deref(),
            Some("{\n  \"Zürich\": \"café 👍\"\n}")
        );
    }

    /// Encode as Meta does: each UTF-8 byte becomes one Latin-1 char.
    fn meta(s: &str) -> String {
        s.bytes().map(char::from).collect()
    }

    #[test]
    fn repairs_every_script() {
        for text in [
            "👍",
            "👨‍👩‍👧‍👦 family",
            "👋🏽 hi 👋🏿",
            "❤️",
            "café crème",
            "日本語のテキスト",
            "مرحبا بالعالم",
            "שלום עולם",
            "Zoë · Ñandú · Łódź",
            "Film photos & pottery 🏺 — Lisboa ↔ Utrecht",
        ] {
            let encoded = meta(text);
            assert_ne!(encoded, text);
            assert_eq!(repair(&encoded), text, "{text}");
            assert_eq!(repair_owned(encoded.clone()), text);
            let mut s = encoded;
            repair_in_place(&mut s);
            assert_eq!(s, text);
        }
    }

    #[test]
    fn leaves_correct_text_alone() {
        for text in [
            "",
            "plain ascii",
            "é",
            "café",
            "naïve façade",
            "日本語",
            "👍",
            "مرحبا",
            "Ã",
            "\u{80}",
        ] {
            let out = repair(text);
            assert!(matches!(out, Cow::Borrowed(_)), "{text:?}");
            assert_eq!(out, text);
        }
    }

    #[test]
    fn leaves_mixed_and_invalid_alone() {
        // Mojibake next to a char above U+00FF is not touched: it cannot be Meta's output.
        let mixed = format!("{} 日本", meta("é"));
        assert_eq!(repair(&mixed), mixed);
        // Truncated sequence (first two bytes of a 4-byte emoji).
        let truncated: String = meta("👍").chars().take(2).collect();
        assert_eq!(repair(&truncated), truncated);
        // Overlong / stray continuation bytes.
        for bad in ["\u{c0}\u{af}", "\u{80}\u{80}", "a\u{ff}b"] {
            assert_eq!(repair(bad), bad);
        }
    }

    #[test]
    fn repair_is_idempotent_on_results() {
        let once = repair_owned(meta("Ça va? 🙂"));
        assert_eq!(repair(&once), once);
    }
}
