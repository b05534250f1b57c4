//! One table for every list of records: windowed rows, sorting, a text and a date-range
//! filter, CSV and JSON downloads, and sensitive columns masked until asked for.
//!
//! Every cell is a string, shown as text (never markup). Time cells hold UTC epoch
//! seconds in decimal ("" or "0" when unknown); link cells hold a URL, made clickable only
//! when it is a web address.

mod body;
mod download;
mod header;
mod state;
mod tabs;
mod toolbar;
mod view;

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use keepsake_archive::instant::{self, Instant};
use keepsake_archive::model::Record;
use keepsake_archive::table_export;

pub use tabs::{Tab, TableTabs};
pub use view::DataTable;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// UTC epoch seconds.
    Time,
    /// A URL; only `http(s)` becomes a link.
    Link,
    Number,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub label: String,
    pub kind: Kind,
    /// Phone, e-mail, IP, precise location: masked until the reader asks to see it.
    pub sensitive: bool,
}

impl Column {
    pub fn new(label: impl Into<String>, kind: Kind) -> Self {
        Column {
            label: label.into(),
            kind,
            sensitive: false,
        }
    }
    pub fn text(label: impl Into<String>) -> Self {
        Column::new(label, Kind::Text)
    }
    pub fn time(label: impl Into<String>) -> Self {
        Column::new(label, Kind::Time)
    }
    pub fn link(label: impl Into<String>) -> Self {
        Column::new(label, Kind::Link)
    }
    pub fn number(label: impl Into<String>) -> Self {
        Column::new(label, Kind::Number)
    }
    pub fn sensitive(mut self) -> Self {
        self.sensitive = true;
        self
    }
}

/// One row, sparse: only its non-empty cells, as (column, value) in column order. A
/// generic table of records with many distinct labels holds a value in few of its
/// columns; storing every empty cell made rows × columns strings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row(Vec<(usize, String)>);

impl Row {
    /// `cells` in column order; empty ones are not kept.
    pub fn dense(cells: Vec<String>) -> Self {
        Row(cells
            .into_iter()
            .enumerate()
            .filter(|(_, v)| !v.is_empty())
            .collect())
    }

    /// The value in `column`, "" when the row has none.
    pub fn get(&self, column: usize) -> &str {
        self.0
            .binary_search_by_key(&column, |(c, _)| *c)
            .ok()
            .and_then(|at| self.0.get(at))
            .map_or("", |(_, v)| v.as_str())
    }

    /// The non-empty cells, in column order.
    pub fn cells(&self) -> impl Iterator<Item = (usize, &str)> {
        self.0.iter().map(|(c, v)| (*c, v.as_str()))
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableData {
    /// Used for download file names (`keepsake-followers.csv`).
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

impl TableData {
    pub fn new(name: impl Into<String>, columns: Vec<Column>) -> Self {
        TableData {
            name: name.into(),
            columns,
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(Row::dense(row));
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn cell(&self, row: usize, column: usize) -> &str {
        self.rows.get(row).map_or("", |r| r.get(column))
    }

    /// The first time column: the one the date-range filter applies to.
    pub fn time_column(&self) -> Option<usize> {
        self.columns.iter().position(|c| c.kind == Kind::Time)
    }

    pub fn shared(self) -> Shared {
        Shared(Rc::new(self))
    }
}

/// A table handed to components: compared by identity, so a 100,000-row table is never
/// compared cell by cell on re-render.
#[derive(Debug, Clone)]
pub struct Shared(pub Rc<TableData>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Shared {
    type Target = TableData;
    fn deref(&self) -> &TableData {
        &self.0
    }
}

/// An epoch-seconds cell (`Instant::get` gives `None` for unknown).
pub fn time_cell(epoch: Option<i64>) -> String {
    epoch
        .filter(|t| *t != 0)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

pub fn epoch_of(cell: &str) -> Option<i64> {
    cell.trim().parse::<i64>().ok().filter(|t| *t != 0)
}

/// Only web addresses become links; anything else (javascript:, data:, paths) stays text.
pub fn web_link(url: &str) -> Option<&str> {
    let trimmed = url.trim();
    let lower = trimmed.get(..8).unwrap_or(trimmed).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(trimmed)
}

/// Labels (in the languages exports come in) that hold a phone number, e-mail, IP address
/// or precise location: the engine's list, which the search index also leaves out.
pub fn is_sensitive(label: &str) -> bool {
    keepsake_archive::find::sensitive::is_sensitive_label(label)
}

/// At most this many field columns in a generic table; the labels past them share one
/// "Other fields" column. Records written by others can carry thousands of distinct keys,
/// and a column each made a table no one can read and a page that cannot draw it.
pub const MAX_FIELD_COLUMNS: usize = 40;

/// The column that holds the fields past [`MAX_FIELD_COLUMNS`], as `label: value` pairs.
pub const OTHER_FIELDS: &str = "Other fields";

/// Generic records as a table: a title column when any record has a title, one column per
/// field label (first-seen order, at most [`MAX_FIELD_COLUMNS`], the rest folded into
/// "Other fields"), the time and the first link. Costs one hash look-up per field and
/// stores only the cells that hold a value.
pub fn records_table(name: &str, records: &[&Record]) -> TableData {
    let mut labels: Vec<&str> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut folded_sensitive = false;
    let mut folded = false;
    for record in records {
        for (label, _) in &record.fields {
            if index.contains_key(label.as_str()) {
                continue;
            }
            if labels.len() < MAX_FIELD_COLUMNS {
                index.insert(label, labels.len());
                labels.push(label);
            } else {
                // Past the cap: every such label points at the "Other fields" column.
                index.insert(label, MAX_FIELD_COLUMNS);
                folded = true;
                folded_sensitive |= is_sensitive(label);
            }
        }
    }
    let titled = records.iter().any(|r| !r.title.trim().is_empty());
    let timed = records.iter().any(|r| r.time.get().is_some());
    let linked = records.iter().any(|r| !r.links.is_empty());
    let mut columns = Vec::new();
    if titled {
        columns.push(Column::text("Title"));
    }
    let first_field = columns.len();
    for label in &labels {
        let column = Column::text(*label);
        columns.push(if is_sensitive(label) {
            column.sensitive()
        } else {
            column
        });
    }
    if folded {
        let other = Column::text(OTHER_FIELDS);
        columns.push(if folded_sensitive {
            other.sensitive()
        } else {
            other
        });
    }
    let time_column = timed.then_some(columns.len());
    if timed {
        columns.push(Column::time("Time"));
    }
    let link_column = linked.then_some(columns.len());
    if linked {
        columns.push(Column::link("Link"));
    }
    let mut table = TableData::new(name, columns);
    for record in records {
        let mut cells: Vec<(usize, String)> = Vec::new();
        if titled && !record.title.is_empty() {
            cells.push((0, record.title.clone()));
        }
        // (field column, value as shown), in the record's order; merged below.
        let mut fields: Vec<(usize, String)> = Vec::with_capacity(record.fields.len());
        for (label, value) in &record.fields {
            let Some(&slot) = index.get(label.as_str()) else {
                continue;
            };
            let shown = if slot == MAX_FIELD_COLUMNS {
                format!("{label}: {value}")
            } else {
                value.clone()
            };
            fields.push((first_field + slot, shown));
        }
        // Stable: a label's values keep the record's order.
        fields.sort_by_key(|(c, _)| *c);
        for (column, value) in fields {
            match cells.last_mut() {
                Some((last, joined)) if *last == column => {
                    joined.push_str("; ");
                    joined.push_str(&value);
                }
                _ => cells.push((column, value)),
            }
        }
        cells.retain(|(_, v)| !v.is_empty());
        if let Some(column) = time_column {
            let time = time_cell(record.time.get());
            if !time.is_empty() {
                cells.push((column, time));
            }
        }
        if let (Some(column), Some(link)) = (link_column, record.links.first())
            && !link.is_empty()
        {
            cells.push((column, link.clone()));
        }
        table.rows.push(Row(cells));
    }
    table
}

/// Row indices matching the (lower-cased) text filter and the date range
/// (`from <= t < to`, epoch seconds). Rows without a date fail any date bound.
pub fn filter_rows(
    data: &TableData,
    haystacks: &[String],
    needle: &str,
    from: Option<i64>,
    to: Option<i64>,
) -> Vec<usize> {
    let needle = needle.trim().to_lowercase();
    let time_column = data.time_column();
    (0..data.len())
        .filter(|&i| needle.is_empty() || haystacks.get(i).is_some_and(|h| h.contains(&needle)))
        .filter(|&i| {
            if from.is_none() && to.is_none() {
                return true;
            }
            let Some(t) = time_column.and_then(|c| epoch_of(data.cell(i, c))) else {
                return false;
            };
            from.is_none_or(|f| t >= f) && to.is_none_or(|e| t < e)
        })
        .collect()
}

/// What the text filter searches in each row: every non-time cell, lower-cased.
pub fn haystacks(data: &TableData) -> Vec<String> {
    let searched: Vec<bool> = data.columns.iter().map(|c| c.kind != Kind::Time).collect();
    data.rows
        .iter()
        .map(|row| {
            let mut text = String::new();
            for (c, cell) in row.cells() {
                if searched.get(c).copied().unwrap_or(false) {
                    text.push_str(&cell.to_lowercase());
                    text.push('\u{1}');
                }
            }
            text
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, PartialOrd)]
enum SortKey {
    /// Empty cells sort last in ascending order.
    Missing,
    Number(f64),
    Text(String),
}

fn sort_key(kind: Kind, cell: &str) -> SortKey {
    if cell.trim().is_empty() {
        return SortKey::Missing;
    }
    match kind {
        Kind::Time | Kind::Number => cell
            .trim()
            .replace([',', '\u{202f}', ' '], "")
            .parse::<f64>()
            .map_or_else(|_| SortKey::Text(cell.to_lowercase()), SortKey::Number),
        Kind::Text | Kind::Link => SortKey::Text(cell.to_lowercase()),
    }
}

fn compare(a: &SortKey, b: &SortKey) -> Ordering {
    match (a, b) {
        (SortKey::Missing, SortKey::Missing) => Ordering::Equal,
        (SortKey::Missing, _) => Ordering::Greater,
        (_, SortKey::Missing) => Ordering::Less,
        (SortKey::Number(x), SortKey::Number(y)) => x.total_cmp(y),
        (SortKey::Number(_), SortKey::Text(_)) => Ordering::Less,
        (SortKey::Text(_), SortKey::Number(_)) => Ordering::Greater,
        (SortKey::Text(x), SortKey::Text(y)) => x.cmp(y),
    }
}

/// Sorts row indices by one column (stable; empty cells last either way).
pub fn sort_rows(data: &TableData, rows: &mut [usize], column: usize, descending: bool) {
    let Some(kind) = data.columns.get(column).map(|c| c.kind) else {
        return;
    };
    let mut keyed: Vec<(SortKey, usize)> = rows
        .iter()
        .map(|&i| (sort_key(kind, data.cell(i, column)), i))
        .collect();
    keyed.sort_by(|(a, _), (b, _)| {
        let order = compare(a, b);
        let missing = matches!(a, SortKey::Missing) || matches!(b, SortKey::Missing);
        if descending && !missing {
            order.reverse()
        } else {
            order
        }
    });
    for (slot, (_, i)) in rows.iter_mut().zip(keyed) {
        *slot = i;
    }
}

/// `YYYY-MM-DD` (a date input's value) as (year, month 1-12, day).
pub fn parse_date(value: &str) -> Option<(i32, u32, u32)> {
    let (year, month, day) = instant::parse_date(value)?;
    Some((
        i32::try_from(year).ok()?,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    ))
}

/// Epoch seconds as ISO 8601 UTC (`2024-06-11T22:36:40Z`), for downloads.
pub fn iso_utc(epoch: i64) -> String {
    Instant(epoch).to_iso_utc()
}

/// A cell as written to a download: times as ISO 8601 UTC, everything else as it is.
fn export_value(kind: Kind, cell: &str) -> String {
    match kind {
        Kind::Time => epoch_of(cell).map(iso_utc).unwrap_or_default(),
        _ => cell.to_string(),
    }
}

/// The rows (in the order given), each cell as a download writes it.
fn export_rows<'a>(
    data: &'a TableData,
    rows: &'a [usize],
) -> impl Iterator<Item = Vec<String>> + 'a {
    rows.iter().map(move |&i| {
        (data.columns.iter().enumerate())
            .map(|(c, column)| export_value(column.kind, data.cell(i, c)))
            .collect()
    })
}

fn labels(data: &TableData) -> Vec<&str> {
    data.columns.iter().map(|c| c.label.as_str()).collect()
}

/// The rows (in the order given) as a CSV file with a header line.
pub fn to_csv(data: &TableData, rows: &[usize]) -> String {
    table_export::to_csv(&labels(data), export_rows(data, rows))
}

/// The rows as a JSON array of objects keyed by column label, keys in column order.
pub fn to_json(data: &TableData, rows: &[usize]) -> String {
    table_export::to_json(&labels(data), export_rows(data, rows))
}

/// Groups records by a key, keeping first-seen order of the keys.
pub fn group_by<'a, T>(items: &'a [T], key: impl Fn(&T) -> String) -> Vec<(String, Vec<&'a T>)> {
    let mut order: Vec<String> = Vec::new();
    let mut groups: BTreeMap<String, Vec<&'a T>> = BTreeMap::new();
    for item in items {
        let k = key(item);
        if !groups.contains_key(&k) {
            order.push(k.clone());
        }
        groups.entry(k).or_default().push(item);
    }
    order
        .into_iter()
        .filter_map(|k| groups.remove(&k).map(|v| (k, v)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn sample() -> TableData {
        let mut t = TableData::new(
            "people",
            vec![
                Column::text("Name"),
                Column::number("Age"),
                Column::time("Joined"),
            ],
        );
        t.push(vec!["bob".into(), "30".into(), "1700000000".into()]);
        t.push(vec!["Alice".into(), "4".into(), "".into()]);
        t.push(vec!["carol".into(), "".into(), "1600000000".into()]);
        t
    }

    #[wasm_bindgen_test]
    fn csv_has_header_and_one_line_per_row() {
        let t = sample();
        let csv = to_csv(&t, &[2, 0]);
        assert_eq!(
            csv,
            "\u{feff}Name,Age,Joined\r\ncarol,,2020-09-13T12:26:40Z\r\nbob,30,2023-11-14T22:13:20Z\r\n"
        );
        let json = to_json(&t, &[1]);
        assert_eq!(
            json,
            "[\n  {\"Name\": \"Alice\", \"Age\": \"4\", \"Joined\": \"\"}\n]"
        );
        let parsed: serde_json::Value =
            serde_json::from_str(&to_json(&t, &[0, 2])).unwrap_or_default();
        assert_eq!(parsed.as_array().map(Vec::len), Some(2));
        assert_eq!(to_json(&t, &[]), "[]");
    }

    #[wasm_bindgen_test]
    fn sorting_is_by_kind_with_blanks_last() {
        let t = sample();
        let mut rows = vec![0, 1, 2];
        sort_rows(&t, &mut rows, 0, false);
        assert_eq!(rows, vec![1, 0, 2], "text, case-insensitive");
        sort_rows(&t, &mut rows, 1, false);
        assert_eq!(rows, vec![1, 0, 2], "numbers numerically, blank last");
        sort_rows(&t, &mut rows, 1, true);
        assert_eq!(rows, vec![0, 1, 2], "descending, blank still last");
        sort_rows(&t, &mut rows, 2, true);
        assert_eq!(rows, vec![0, 2, 1]);
    }

    #[wasm_bindgen_test]
    fn filters_by_text_and_dates() {
        let t = sample();
        let hay = haystacks(&t);
        assert_eq!(filter_rows(&t, &hay, "AL", None, None), vec![1]);
        assert_eq!(filter_rows(&t, &hay, "", None, None), vec![0, 1, 2]);
        assert_eq!(
            filter_rows(&t, &hay, "", Some(1_650_000_000), None),
            vec![0]
        );
        assert_eq!(
            filter_rows(&t, &hay, "", None, Some(1_650_000_000)),
            vec![2]
        );
        assert_eq!(
            filter_rows(&t, &hay, "1700000000", None, None),
            Vec::<usize>::new(),
            "times are not searched as numbers"
        );
    }

    #[wasm_bindgen_test]
    fn dates_and_links() {
        assert_eq!(parse_date("2024-06-11"), Some((2024, 6, 11)));
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("2024-13-01"), None);
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(1_749_681_400), "2025-06-11T22:36:40Z");
        assert_eq!(web_link(" https://x.org/a "), Some("https://x.org/a"));
        assert_eq!(web_link("HTTP://x.org"), Some("HTTP://x.org"));
        assert_eq!(web_link("javascript:alert(1)"), None);
        assert_eq!(web_link("x.org"), None);
    }

    #[wasm_bindgen_test]
    fn sensitive_labels_are_recognised() {
        for label in [
            "IP Address",
            "E-Mail-Adresse",
            "Phone Number",
            "Imprecise Latitude",
            "Lengtegraad",
            "Dirección IP",
            "Correo electrónico",
            "Cookie Name",
        ] {
            assert!(is_sensitive(label), "{label}");
        }
        for label in ["Description", "Zip", "Title", "Relationship", "Time"] {
            assert!(!is_sensitive(label), "{label}");
        }
    }

    #[test]
    fn records_become_columns() {
        let a = Record {
            title: "one".into(),
            fields: vec![("IP Address".into(), "1.2.3.4".into())],
            time: keepsake_archive::model::Instant(5),
            links: vec![],
        };
        let b = Record {
            title: String::new(),
            fields: vec![("Thing".into(), "x".into())],
            time: keepsake_archive::model::Instant(0),
            links: vec!["https://x.org".into()],
        };
        let t = records_table("r", &[&a, &b]);
        let labels: Vec<&str> = t.columns.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, vec!["Title", "IP Address", "Thing", "Time", "Link"]);
        assert!(t.columns[1].sensitive);
        let row = |r: usize| (0..5).map(|c| t.cell(r, c)).collect::<Vec<_>>();
        assert_eq!(row(0), vec!["one", "1.2.3.4", "", "5", ""]);
        assert_eq!(row(1), vec!["", "", "x", "", "https://x.org"]);
    }

    #[test]
    fn a_label_seen_twice_in_a_record_joins_its_values() {
        let a = Record {
            title: String::new(),
            fields: vec![
                ("Tag".into(), "a".into()),
                ("Other".into(), "o".into()),
                ("Tag".into(), "b".into()),
            ],
            time: keepsake_archive::model::Instant(0),
            links: vec![],
        };
        let t = records_table("r", &[&a]);
        assert_eq!(t.cell(0, 0), "a; b");
        assert_eq!(t.cell(0, 1), "o");
    }

    /// 8,000 records with a key each: once 8,000 columns and 64 million cells.
    #[test]
    fn distinct_labels_are_capped_and_rows_stay_sparse() {
        let records: Vec<Record> = (0..8_000)
            .map(|i| Record {
                title: String::new(),
                fields: vec![
                    ("Kind".into(), "event".into()),
                    (format!("key {i}"), format!("value {i}")),
                ],
                time: keepsake_archive::model::Instant(0),
                links: vec![],
            })
            .collect();
        let refs: Vec<&Record> = records.iter().collect();
        let t = records_table("many", &refs);
        assert_eq!(t.columns.len(), MAX_FIELD_COLUMNS + 1);
        assert_eq!(
            t.columns.last().map(|c| c.label.as_str()),
            Some(OTHER_FIELDS)
        );
        let stored: usize = t.rows.iter().map(|r| r.cells().count()).sum();
        assert_eq!(stored, 2 * 8_000, "one cell per value, none for blanks");
        assert_eq!(t.cell(0, 1), "value 0", "first labels get their own column");
        assert_eq!(t.cell(7_999, 1), "");
        assert_eq!(t.cell(7_999, MAX_FIELD_COLUMNS), "key 7999: value 7999");
        let hay = haystacks(&t);
        assert_eq!(filter_rows(&t, &hay, "key 7999", None, None), vec![7_999]);
    }

    #[test]
    fn folded_sensitive_labels_mask_other_fields() {
        let mut fields: Vec<(String, String)> = (0..MAX_FIELD_COLUMNS)
            .map(|i| (format!("f{i}"), "x".to_string()))
            .collect();
        fields.push(("Phone number".into(), "+31 6 1234".into()));
        let r = Record {
            title: String::new(),
            fields,
            time: keepsake_archive::model::Instant(0),
            links: vec![],
        };
        let t = records_table("r", &[&r]);
        let other = t.columns.last().filter(|c| c.label == OTHER_FIELDS);
        assert!(other.is_some_and(|c| c.sensitive));
    }
}
