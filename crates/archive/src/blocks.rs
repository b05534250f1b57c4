//! Meta's JSON building blocks (docs/FORMAT.md §3) and a reader for every container
//! shape rows arrive in (docs/FORMAT.md §8.5). Strings are mojibake-repaired as they are
//! read.

use std::borrow::Cow;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::instant::Instant;
use crate::labels::{Field, is_instagram_link};
use crate::lenient::{self, Capped, Pairs, Text};

/// One `{href, value, timestamp}` of `string_list_data` / `string_map_data`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct StringEntry {
    #[serde(deserialize_with = "lenient::string")]
    pub href: String,
    #[serde(deserialize_with = "lenient::string")]
    pub value: String,
    #[serde(deserialize_with = "lenient::epoch")]
    pub timestamp: Instant,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct CrossPost {
    #[serde(deserialize_with = "lenient::string")]
    pub source_app: String,
}

/// `exif_data` lists, kept as ordered facts (values of any type, as text).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ExifBox {
    #[serde(deserialize_with = "lenient::list")]
    pub exif_data: Vec<Pairs<Text>>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct MediaMetadata {
    #[serde(deserialize_with = "lenient::nullable")]
    pub photo_metadata: ExifBox,
    #[serde(deserialize_with = "lenient::nullable")]
    pub video_metadata: VideoMetadata,
}

/// `video_metadata`: EXIF facts and, for some videos, a subtitle file (docs/FORMAT.md
/// §3.6).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct VideoMetadata {
    #[serde(deserialize_with = "lenient::list")]
    pub exif_data: Vec<Pairs<Text>>,
    #[serde(deserialize_with = "lenient::nullable")]
    pub subtitles: FileRef,
}

/// `{ "uri": … }` (other keys ignored).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct FileRef {
    #[serde(deserialize_with = "lenient::string")]
    pub uri: String,
}

/// A media object: posts, stories, reels, profile photos, message attachments.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct MediaObject {
    #[serde(deserialize_with = "lenient::string")]
    pub uri: String,
    #[serde(deserialize_with = "lenient::epoch")]
    pub creation_timestamp: Instant,
    #[serde(deserialize_with = "lenient::string")]
    pub title: String,
    #[serde(deserialize_with = "lenient::nullable")]
    pub media_metadata: MediaMetadata,
    #[serde(deserialize_with = "lenient::nullable")]
    pub cross_post_source: CrossPost,
}

impl MediaObject {
    /// Every EXIF fact, photo then video, in file order.
    pub fn exif(&self) -> impl Iterator<Item = &(String, Text)> {
        let m = &self.media_metadata;
        m.photo_metadata
            .exif_data
            .iter()
            .chain(&m.video_metadata.exif_data)
            .flat_map(|p| p.0.iter())
    }

    /// EXIF latitude/longitude when both are present and sane.
    pub fn location(&self) -> Option<(f64, f64)> {
        let find = |key: &str| {
            self.exif()
                .find(|(k, _)| k == key)
                .and_then(|(_, v)| v.0.trim().parse::<f64>().ok())
        };
        let (lat, lon) = (find("latitude")?, find("longitude")?);
        ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some((lat, lon))
    }
}

/// One `label_values` element; `vec` and `dict` nest recursively.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct LabelValue {
    #[serde(deserialize_with = "lenient::string")]
    pub label: String,
    #[serde(deserialize_with = "lenient::string")]
    pub title: String,
    #[serde(deserialize_with = "lenient::string")]
    pub value: String,
    #[serde(deserialize_with = "lenient::string")]
    pub href: String,
    #[serde(deserialize_with = "lenient::string")]
    pub description: String,
    #[serde(deserialize_with = "lenient::epoch")]
    pub timestamp_value: Instant,
    #[serde(deserialize_with = "lenient::list")]
    pub vec: Vec<LabelValue>,
    #[serde(deserialize_with = "lenient::list")]
    pub dict: Vec<LabelValue>,
}

/// A leaf of a `label_values` tree: its label (or the nearest ancestor's), value and time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LabelLeaf {
    pub label: String,
    pub value: String,
    pub href: String,
    pub time: Instant,
}

/// Walk `label_values` depth-first and return every leaf that carries something.
pub fn flatten_label_values(items: &[LabelValue]) -> Vec<LabelLeaf> {
    let mut out = Vec::new();
    walk(items, "", &mut out);
    out
}

fn walk(items: &[LabelValue], parent: &str, out: &mut Vec<LabelLeaf>) {
    for item in items {
        let own = if item.label.is_empty() {
            &item.title
        } else {
            &item.label
        };
        let label = if own.is_empty() { parent } else { own.as_str() };
        if !item.value.is_empty() || !item.href.is_empty() || item.timestamp_value.is_some() {
            out.push(LabelLeaf {
                label: label.to_owned(),
                value: item.value.clone(),
                href: item.href.clone(),
                time: item.timestamp_value,
            });
        }
        walk(&item.vec, label, out);
        walk(&item.dict, label, out);
    }
}

/// A generic row: every block a row may carry. Unknown keys are ignored.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Row {
    #[serde(deserialize_with = "lenient::string")]
    pub title: String,
    #[serde(deserialize_with = "lenient::list")]
    pub string_list_data: Vec<StringEntry>,
    pub string_map_data: Pairs<StringEntry>,
    #[serde(deserialize_with = "lenient::list")]
    pub media_list_data: Vec<MediaObject>,
    pub media_map_data: Pairs<MediaObject>,
    /// `label_values` records.
    #[serde(deserialize_with = "lenient::epoch")]
    pub timestamp: Instant,
    #[serde(deserialize_with = "lenient::list")]
    pub label_values: Vec<LabelValue>,
    #[serde(deserialize_with = "lenient::string")]
    pub fbid: String,
    /// Posts and media indexes.
    #[serde(deserialize_with = "lenient::list")]
    pub media: Vec<MediaObject>,
    #[serde(deserialize_with = "lenient::epoch")]
    pub creation_timestamp: Instant,
    /// A row that is itself a media object (stories, profile photos).
    #[serde(deserialize_with = "lenient::string")]
    pub uri: String,
    #[serde(deserialize_with = "lenient::nullable")]
    pub media_metadata: MediaMetadata,
    #[serde(deserialize_with = "lenient::nullable")]
    pub cross_post_source: CrossPost,
}

/// Keys that make an object a row rather than a wrapper of rows.
pub const ROW_KEYS: &[&str] = &[
    "title",
    "string_list_data",
    "string_map_data",
    "media_list_data",
    "media_map_data",
    "label_values",
    "media",
    "uri",
    "creation_timestamp",
    "timestamp",
    "fbid",
];

impl Row {
    /// The row's media: its `media` list, or the row itself when it is a bare media
    /// object (stories, profile photos).
    pub fn media_objects(&self) -> Cow<'_, [MediaObject]> {
        if !self.media.is_empty() {
            return Cow::Borrowed(&self.media);
        }
        Cow::Owned(vec![MediaObject {
            uri: self.uri.clone(),
            creation_timestamp: self.creation_timestamp,
            title: self.title.clone(),
            media_metadata: self.media_metadata.clone(),
            cross_post_source: self.cross_post_source.clone(),
        }])
    }

    /// The `string_map_data` entry for `field` (by localized label).
    pub fn get(&self, field: Field) -> Option<&StringEntry> {
        self.string_map_data
            .0
            .iter()
            .find(|(k, _)| field.matches(k))
            .map(|(_, v)| v)
    }

    /// The value of `field`: from `string_map_data`, else from a `label_values` leaf.
    pub fn text(&self, field: Field) -> Option<String> {
        if let Some(e) = self.get(field).filter(|e| !e.value.is_empty()) {
            return Some(e.value.clone());
        }
        self.leaves()
            .into_iter()
            .find(|l| field.matches(&l.label) && !l.value.is_empty())
            .map(|l| l.value)
    }

    fn leaves(&self) -> Vec<LabelLeaf> {
        if self.label_values.is_empty() {
            Vec::new()
        } else {
            flatten_label_values(&self.label_values)
        }
    }

    /// The row's time: the `Time` label, else the only entry with a non-zero timestamp,
    /// else the list entry's, else the row's own `timestamp` / `creation_timestamp`.
    pub fn time(&self) -> Instant {
        if let Some(t) = self
            .get(Field::Time)
            .map(|e| e.timestamp)
            .filter(|t| t.is_some())
        {
            return t;
        }
        let mut stamped = self
            .string_map_data
            .0
            .iter()
            .map(|(_, e)| e.timestamp)
            .filter(|t| t.is_some());
        if let Some(t) = stamped.next() {
            return t;
        }
        self.string_list_data
            .iter()
            .map(|e| e.timestamp)
            .find(|t| t.is_some())
            .unwrap_or_default()
            .or(self.timestamp)
            .or(self.creation_timestamp)
    }

    /// The row's instagram.com link (map or list entries, or a label_values leaf).
    pub fn link(&self) -> Option<String> {
        let map = self.string_map_data.0.iter().map(|(_, e)| &e.href);
        let list = self.string_list_data.iter().map(|e| &e.href);
        if let Some(h) = map.chain(list).find(|h| is_instagram_link(h)) {
            return Some(h.clone());
        }
        self.leaves()
            .into_iter()
            .map(|l| if l.href.is_empty() { l.value } else { l.href })
            .find(|h| is_instagram_link(h))
    }

    /// The account a relationship/like/search row names (see [`profile_username`]).
    pub fn username(&self) -> String {
        match self.string_list_data.first() {
            Some(e) => profile_username(&e.value, &self.title, &e.href),
            None => {
                if let Some(u) = self.text(Field::Username) {
                    return u;
                }
                let href = self.link().unwrap_or_default();
                profile_username("", &self.title, &href)
            }
        }
    }

    /// Every `(label, value)` this row carries, for generic display.
    pub fn fields(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for e in &self.string_list_data {
            push_entry(&mut out, "", e);
        }
        for (k, e) in &self.string_map_data.0 {
            push_entry(&mut out, k, e);
        }
        for leaf in self.leaves() {
            let value = if leaf.value.is_empty() && leaf.time.is_some() {
                leaf.time.to_iso()
            } else {
                leaf.value
            };
            out.push((leaf.label, value));
        }
        out
    }
}

fn push_entry(out: &mut Vec<(String, String)>, label: &str, e: &StringEntry) {
    let value = if !e.value.is_empty() {
        e.value.clone()
    } else if !e.href.is_empty() {
        e.href.clone()
    } else if e.timestamp.is_some() {
        e.timestamp.to_iso()
    } else {
        return;
    };
    out.push((label.to_owned(), value));
}

/// Username of a profile link: `value` → `title` → last path segment of `href` (after
/// dropping `/_u/`, the query and the fragment).
pub fn profile_username(value: &str, title: &str, href: &str) -> String {
    if !value.trim().is_empty() {
        return value.trim().to_owned();
    }
    if !title.trim().is_empty() {
        return title.trim().to_owned();
    }
    let path = href.split(['?', '#']).next().unwrap_or("");
    let path = path.trim_end_matches('/');
    path.rsplit('/')
        .next()
        .filter(|seg| !seg.contains(':') && *seg != "_u")
        .unwrap_or("")
        .to_owned()
}

/// Error messages kept per file; past this they are only counted.
pub const MAX_ERRORS: usize = 20;

/// Rows found in one file, grouped by the wrapper key they sat under (`""` when bare).
#[derive(Debug)]
pub struct Rows<T> {
    pub groups: Vec<(String, Vec<T>)>,
    /// Rows or values that could not be read, as messages (the first [`MAX_ERRORS`]).
    pub errors: Vec<String>,
    /// Errors past the first [`MAX_ERRORS`].
    pub more_errors: usize,
    /// Rows past [`lenient::MAX_ROWS`] in one list, or past that many in the file: not read.
    pub skipped: usize,
}

impl<T> Default for Rows<T> {
    fn default() -> Self {
        Rows {
            groups: Vec::new(),
            errors: Vec::new(),
            more_errors: 0,
            skipped: 0,
        }
    }
}

impl<T> Rows<T> {
    fn error(&mut self, message: String) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(message);
        } else {
            self.more_errors += 1;
        }
    }

    pub fn len(&self) -> usize {
        self.groups.iter().map(|(_, g)| g.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// All rows, wrapper keys dropped.
    pub fn into_all(self) -> Vec<T> {
        self.groups.into_iter().flat_map(|(_, g)| g).collect()
    }
}

/// How deep wrappers of wrappers are followed.
const MAX_WRAPPER_DEPTH: usize = 3;

/// Read rows of type `T` from any container shape: a bare array, an object wrapping one or
/// more arrays (`{"relationships_following": [...]}`), a single row object (one whose keys
/// include one of `row_keys`), or nested wrappers. One bad row is an error, not a failure.
pub fn read_rows<T: DeserializeOwned>(bytes: &[u8], row_keys: &[&str]) -> Rows<T> {
    let mut rows = Rows::default();
    let bytes = strip_bom(bytes);
    match serde_json::from_slice::<&RawValue>(bytes) {
        Ok(raw) => collect(raw, "", row_keys, 0, &mut rows),
        Err(e) => rows.error(format!("not valid JSON: {e}")),
    }
    rows
}

pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

fn collect<T: DeserializeOwned>(
    raw: &RawValue,
    key: &str,
    row_keys: &[&str],
    depth: usize,
    rows: &mut Rows<T>,
) {
    let text = raw.get().trim_start();
    if text.starts_with('[') {
        // Capped: past the file's row budget, elements are skipped without being kept.
        let items = match serde_json::from_str::<Capped<&RawValue>>(text) {
            Ok(items) => items,
            Err(e) => {
                rows.error(format!("{key}: {e}"));
                return;
            }
        };
        let room = lenient::MAX_ROWS.saturating_sub(rows.len());
        let take = items.items.len().min(room);
        rows.skipped += items.skipped + (items.items.len() - take);
        let mut group = Vec::with_capacity(take);
        for (i, item) in items.items.into_iter().take(take).enumerate() {
            let t = item.get().trim_start();
            // Era A placeholders: `["You have no data in this section"]`.
            if !t.starts_with('{') && !t.starts_with('[') {
                continue;
            }
            match serde_json::from_str::<T>(t) {
                Ok(row) => group.push(row),
                Err(e) => rows.error(format!("{key}[{i}]: {e}")),
            }
        }
        rows.groups.push((key.to_owned(), group));
    } else if text.starts_with('{') {
        let pairs = match serde_json::from_str::<Pairs<&RawValue>>(text) {
            Ok(p) => p.0,
            Err(e) => {
                rows.error(format!("{key}: {e}"));
                return;
            }
        };
        let is_row = pairs.is_empty() || pairs.iter().any(|(k, _)| row_keys.contains(&k.as_str()));
        if is_row || depth >= MAX_WRAPPER_DEPTH {
            if pairs.is_empty() {
                return;
            }
            match serde_json::from_str::<T>(text) {
                Ok(row) => rows.groups.push((key.to_owned(), vec![row])),
                Err(e) => rows.error(format!("{key}: {e}")),
            }
            return;
        }
        for (k, v) in pairs {
            let t = v.get().trim_start();
            if t.starts_with('[') || t.starts_with('{') {
                collect(v, &k, row_keys, depth + 1, rows);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(json: &str) -> Rows<Row> {
        read_rows(json.as_bytes(), ROW_KEYS)
    }

    #[test]
    fn reads_every_container_shape() {
        let row = r#"{"title":"","string_list_data":[{"href":"https://www.instagram.com/bob","value":"bob","timestamp":1650000000}]}"#;
        let wrapped = rows(&format!(r#"{{"relationships_following":[{row},{row}]}}"#));
        assert_eq!(wrapped.len(), 2);
        assert_eq!(wrapped.groups[0].0, "relationships_following");
        assert_eq!(rows(&format!("[{row}]")).len(), 1);
        assert_eq!(rows(row).len(), 1);
        let two = rows(&format!(r#"{{"a":[{row}],"b":[{row},{row}],"c":"x"}}"#));
        assert_eq!(two.len(), 3);
        assert!(rows("[]").is_empty() && rows("{}").is_empty());
        let nested = rows(&format!(r#"{{"outer":{{"inner":[{row}]}}}}"#));
        assert_eq!(nested.len(), 1);
        let bad = rows(&format!(r#"[{row}, {{"title": {{"x": [}}]"#));
        assert!(!bad.errors.is_empty());
        let partly = rows(&format!(
            r#"[{row}, {{"string_map_data": 5, "title": []}}, "no data"]"#
        ));
        assert_eq!(partly.len(), 2);
        assert!(rows("nonsense").errors.len() == 1);
    }

    #[test]
    fn localized_map_rows() {
        let r: Row = serde_json::from_str(
            r#"{"string_map_data":{"Opmerking":{"value":"mooi \u00f0\u009f\u0091\u008d"},
                "Eigenaar van media":{"value":"bob"},"Tijd":{"timestamp":1735822393}}}"#,
        )
        .unwrap();
        assert_eq!(r.text(Field::Comment).as_deref(), Some("mooi 👍"));
        assert_eq!(r.text(Field::MediaOwner).as_deref(), Some("bob"));
        assert_eq!(r.time(), Instant(1_735_822_393));
        // Unknown label: the only stamped entry is the time.
        let r: Row = serde_json::from_str(
            r#"{"string_map_data":{"Búsqueda":{"value":"x"},"Zeitpunkt":{"timestamp":7}}}"#,
        )
        .unwrap();
        assert_eq!(r.time(), Instant(7));
    }

    #[test]
    fn label_values_walk() {
        let r: Row = serde_json::from_str(
            r#"{"timestamp":1712345678,"media":[],"fbid":"1","label_values":[
              {"label":"URL","value":"https://www.instagram.com/p/X/"},
              {"label":"Categories","vec":[{"value":"Hiking"},{"value":"Coffee"}]},
              {"title":"Owner","dict":[{"dict":[{"label":"Username","value":"jane.doe"},
                                                  {"label":"Name","value":"Jane"}]}]},
              {"label":"Consent","timestamp_value":1712345600}]}"#,
        )
        .unwrap();
        assert_eq!(r.time(), Instant(1_712_345_678));
        assert_eq!(r.username(), "jane.doe");
        assert_eq!(r.link().as_deref(), Some("https://www.instagram.com/p/X/"));
        let fields = r.fields();
        assert!(fields.contains(&("Categories".into(), "Coffee".into())));
        assert!(fields.contains(&("Name".into(), "Jane".into())));
        assert_eq!(fields.len(), 6);
    }

    #[test]
    fn usernames() {
        assert_eq!(profile_username("bob", "t", "h"), "bob");
        assert_eq!(profile_username("", "carol", "h"), "carol");
        assert_eq!(
            profile_username("", "", "https://www.instagram.com/_u/dave.x?hl=es#top"),
            "dave.x"
        );
        assert_eq!(
            profile_username("", "", "https://www.instagram.com/erin/"),
            "erin"
        );
        assert_eq!(
            profile_username("", "", "https://www.instagram.com/_u/"),
            ""
        );
        assert_eq!(profile_username("", "", ""), "");
    }

    #[test]
    fn media_objects() {
        let m: MediaObject = serde_json::from_str(
            r#"{"uri":"media/posts/1.jpg","creation_timestamp":1710000000,"title":"caf\u00c3\u00a9",
               "media_metadata":{"photo_metadata":{"exif_data":[{"latitude":48.85,"longitude":"2.35"},
               {"device_id":"android-1","iso":100}]}},"cross_post_source":{"source_app":"FB"}}"#,
        )
        .unwrap();
        assert_eq!(m.title, "café");
        assert_eq!(m.location(), Some((48.85, 2.35)));
        assert_eq!(m.exif().count(), 4);
        assert_eq!(m.cross_post_source.source_app, "FB");
        let m: MediaObject =
            serde_json::from_str(r#"{"uri":"x","media_metadata":null,"cross_post_source":null}"#)
                .unwrap();
        assert!(m.location().is_none());
    }
}
