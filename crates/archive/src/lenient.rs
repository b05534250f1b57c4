//! Forgiving serde helpers: Meta's JSON changes types between eras (a timestamp as number
//! or string, a list as `null`, a single object where a list is expected). These accept
//! every such variant instead of failing the whole row, and repair mojibake on the way in.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::instant::Instant;
use crate::text;

/// A string from any scalar (numbers and booleans as written, `null` and containers as
/// ""), mojibake repaired.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor).map(Text)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or scalar")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(text::repair(v).into_owned())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(text::repair_owned(v))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(if v { "True" } else { "False" }.to_owned())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Ok(String::new())
    }
    fn visit_none<E: de::Error>(self) -> Result<String, E> {
        Ok(String::new())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<String, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(String::new())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(String::new())
    }
}

/// For `#[serde(deserialize_with)]`: see [`Text`].
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_any(TextVisitor)
}

/// A time from seconds, milliseconds, a numeric or ISO string; anything else is none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Epoch(pub Instant);

impl<'de> Deserialize<'de> for Epoch {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(EpochVisitor).map(Epoch)
    }
}

struct EpochVisitor;

impl<'de> Visitor<'de> for EpochVisitor {
    type Value = Instant;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a timestamp")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Instant, E> {
        Ok(Instant::from_epoch(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Instant, E> {
        Ok(i64::try_from(v)
            .map(Instant::from_epoch)
            .unwrap_or_default())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Instant, E> {
        // `as` saturates (NaN becomes 0), which is what a garbage time should become.
        #[allow(clippy::cast_possible_truncation)]
        let whole = v as i64;
        Ok(Instant::from_epoch(whole))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Instant, E> {
        Ok(Instant::parse(v))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Instant, E> {
        Ok(Instant::NONE)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Instant, E> {
        Ok(Instant::NONE)
    }
    fn visit_none<E: de::Error>(self) -> Result<Instant, E> {
        Ok(Instant::NONE)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Instant, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Instant, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Instant::NONE)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Instant, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Instant::NONE)
    }
}

/// For `#[serde(deserialize_with)]`: see [`Epoch`].
pub fn epoch<'de, D: Deserializer<'de>>(d: D) -> Result<Instant, D::Error> {
    d.deserialize_any(EpochVisitor)
}

/// A number from a number or numeric string (EXIF lat/long); anything else is `None`.
pub fn float<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    let Text(s) = Text::deserialize(d)?;
    Ok(s.trim().parse::<f64>().ok().filter(|f| f.is_finite()))
}

/// `true` from `true`, `"True"`, `"true"`, `1`.
pub fn boolean<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    let Text(s) = Text::deserialize(d)?;
    Ok(matches!(s.trim(), "True" | "true" | "1" | "yes" | "Yes"))
}

/// A list from a list, `null` (empty) or a single value (one element).
pub fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    d.deserialize_any(ListVisitor(PhantomData, usize::MAX))
        .map(|(items, _)| items)
}

/// Rows kept from one list; the rest are skipped unread and counted, so a file of
/// millions of tiny rows costs no more than this many.
pub const MAX_ROWS: usize = 200_000;

/// A list read like [`list`], but of at most [`MAX_ROWS`] elements.
#[derive(Debug)]
pub struct Capped<T> {
    pub items: Vec<T>,
    /// Elements past the cap, skipped.
    pub skipped: usize,
}

impl<T> Default for Capped<T> {
    fn default() -> Self {
        Capped {
            items: Vec::new(),
            skipped: 0,
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Capped<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (items, skipped) = d.deserialize_any(ListVisitor(PhantomData, MAX_ROWS))?;
        Ok(Capped { items, skipped })
    }
}

/// Reads a list of at most `.1` elements: (elements, how many more were skipped).
struct ListVisitor<T>(PhantomData<T>, usize);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = (Vec<T>, usize);
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        // Elements that are `null` are dropped rather than failing the row.
        while out.len() < self.1 {
            match seq.next_element::<Option<T>>()? {
                Some(item) => out.extend(item),
                None => return Ok((out, 0)),
            }
        }
        let mut skipped = 0;
        while seq.next_element::<IgnoredAny>()?.is_some() {
            skipped += 1;
        }
        Ok((out, skipped))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|t| (vec![t], 0))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok((Vec::new(), 0))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok((Vec::new(), 0))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        // Era A writes `["You have no data in this section"]`-style placeholders.
        Ok((Vec::new(), 0))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok((Vec::new(), 0))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok((Vec::new(), 0))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok((Vec::new(), 0))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok((Vec::new(), 0))
    }
}

/// A struct that may be `null` (then its default).
pub fn nullable<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A JSON object kept as ordered `(key, value)` pairs, keys mojibake-repaired. `null`
/// values are skipped; a non-object is empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Pairs<V>(pub Vec<(String, V)>);

impl<V> Default for Pairs<V> {
    fn default() -> Self {
        Pairs(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Pairs<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(PairsVisitor(PhantomData))
    }
}

struct PairsVisitor<V>(PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for PairsVisitor<V> {
    type Value = Pairs<V>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs<V>, A::Error> {
        let mut out = Vec::new();
        while let Some(key) = map.next_key::<Text>()? {
            if let Some(value) = map.next_value::<Option<V>>()? {
                out.push((key.0, value));
            }
        }
        Ok(Pairs(out))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Pairs<V>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Pairs::default())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Pairs<V>, E> {
        Ok(Pairs::default())
    }
    fn visit_none<E: de::Error>(self) -> Result<Pairs<V>, E> {
        Ok(Pairs::default())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Pairs<V>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Pairs<V>, E> {
        Ok(Pairs::default())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Pairs<V>, E> {
        Ok(Pairs::default())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Pairs<V>, E> {
        Ok(Pairs::default())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Pairs<V>, E> {
        Ok(Pairs::default())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Pairs<V>, E> {
        Ok(Pairs::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Default, Debug)]
    #[serde(default)]
    struct Probe {
        #[serde(deserialize_with = "string")]
        s: String,
        #[serde(deserialize_with = "epoch")]
        t: Instant,
        #[serde(deserialize_with = "list")]
        l: Vec<Text>,
        m: Pairs<Text>,
    }

    fn probe(json: &str) -> Probe {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn accepts_every_variant() {
        let p = probe(r#"{"s": 12, "t": "1712345678", "l": "x", "m": []}"#);
        assert_eq!((p.s.as_str(), p.t.0, p.l.len()), ("12", 1_712_345_678, 0));
        let p = probe(
            r#"{"s": null, "t": 1712345678901, "l": {"a":1}, "m": {"caf\u00c3\u00a9": 1, "n": null}}"#,
        );
        assert_eq!(p.s, "");
        assert_eq!(p.t.0, 1_712_345_678);
        assert_eq!(p.l, vec![Text(String::new())]);
        assert_eq!(p.m.0, vec![("café".to_owned(), Text("1".into()))]);
        let p = probe(r#"{"s": "\u00f0\u009f\u0091\u008d", "t": null, "l": [null, "a"]}"#);
        assert_eq!(p.s, "👍");
        assert!(p.t.is_none());
        assert_eq!(p.l, vec![Text("a".into())]);
    }

    #[test]
    fn capped_lists_count_what_they_skip() {
        let many = format!("[{}1]", "null,1,".repeat(MAX_ROWS + 5));
        let c: Capped<u32> = serde_json::from_str(&many).unwrap();
        assert_eq!((c.items.len(), c.skipped), (MAX_ROWS, 5 * 2 + 1));
        let few: Capped<u32> = serde_json::from_str("[1, null, 2]").unwrap();
        assert_eq!((few.items, few.skipped), (vec![1, 2], 0));
        let one: Capped<Text> = serde_json::from_str(r#"{"a": 1}"#).unwrap();
        assert_eq!(one.items.len(), 1);
    }
}
