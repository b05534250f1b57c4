//! Any JSON file as tables of [`Record`]s, so files no parser understands are shown
//! rather than hidden. These files are small and their shape is unknown, so a
//! `serde_json::Value` tree is used here, but only below [`GENERIC_LIMIT`].

use serde_json::Value;

use super::{Ctx, JsonFile, provenance};
use crate::blocks::{self, ROW_KEYS, Row};
use crate::instant::Instant;
use crate::labels::is_instagram_link;
use crate::lenient::Epoch;
use crate::model::{Record, RecordTable};
use crate::text;

/// Larger unknown files are listed but not opened as tables.
/// (A `Value` costs 32 bytes or more per number in the file: 8 MiB of `0,` is 128 MiB.)
pub const GENERIC_LIMIT: u64 = 8 << 20;
/// Nested wrappers followed before an object becomes one record.
const MAX_DEPTH: usize = 3;
/// Leaves kept per record (a runaway file must not make a million-column row).
const MAX_FIELDS: usize = 500;

/// Read `file` as tables named `name`.
pub(crate) fn read_tables(ctx: &mut Ctx<'_>, file: &JsonFile, name: &str) -> Vec<RecordTable> {
    let size = ctx.archive.entry(&file.path).map(|e| e.size).unwrap_or(0);
    if size > GENERIC_LIMIT {
        ctx.problem(&file.path, "too large to show as a table");
        return Vec::new();
    }
    let Some(bytes) = ctx.read(file) else {
        return Vec::new();
    };
    match serde_json::from_slice::<Value>(blocks::strip_bom(&bytes)) {
        Ok(value) => tables_from_value(value, name, file),
        Err(e) => {
            ctx.problem(&file.path, format!("not valid JSON: {e}"));
            Vec::new()
        }
    }
}

/// Tables from a parsed document.
pub fn tables_from_value(value: Value, name: &str, file: &JsonFile) -> Vec<RecordTable> {
    let mut out = Vec::new();
    collect(value, "", 0, &mut |key, records| {
        out.push(RecordTable {
            name: name.to_owned(),
            key: key.to_owned(),
            records,
            provenance: provenance(file),
        });
    });
    out
}

fn collect(value: Value, key: &str, depth: usize, emit: &mut dyn FnMut(&str, Vec<Record>)) {
    match value {
        Value::Array(items) => {
            let records: Vec<Record> = items
                .into_iter()
                .filter(|v| !(v.is_string() && v.as_str().is_some_and(is_placeholder)))
                .map(record)
                .collect();
            emit(key, records);
        }
        Value::Object(map) => {
            let rowish = map.keys().any(|k| ROW_KEYS.contains(&k.as_str()));
            // A wrapper holds lists (or, at the top, objects); a plain object of objects
            // is one record with dotted labels.
            let wrapper = !rowish
                && depth < MAX_DEPTH
                && map
                    .values()
                    .any(|v| v.is_array() || (depth == 0 && v.is_object()));
            if wrapper {
                let mut scalars = serde_json::Map::new();
                for (k, v) in map {
                    let k = text::repair_owned(k);
                    if v.is_array() || v.is_object() {
                        collect(v, &k, depth + 1, emit);
                    } else {
                        scalars.insert(k, v);
                    }
                }
                if !scalars.is_empty() {
                    emit(key, vec![record(Value::Object(scalars))]);
                }
            } else if !map.is_empty() {
                emit(key, vec![record(Value::Object(map))]);
            }
        }
        Value::Null => {}
        scalar => emit(key, vec![record(scalar)]),
    }
}

/// Era A's "You have no data in this section" placeholders.
fn is_placeholder(s: &str) -> bool {
    s.to_ascii_lowercase().contains("no data")
}

/// One record from any value: Meta rows through [`Row`], anything else by its leaves.
pub fn record(value: Value) -> Record {
    let meta_row = value.as_object().is_some_and(|m| {
        [
            "string_map_data",
            "string_list_data",
            "label_values",
            "media_map_data",
        ]
        .iter()
        .any(|k| m.contains_key(*k))
    });
    if meta_row && let Ok(row) = serde_json::from_value::<Row>(value.clone()) {
        let mut fields = row.fields();
        let uris = row
            .media_map_data
            .0
            .iter()
            .map(|(k, m)| (k.clone(), m.uri.clone()))
            .chain(
                row.media_list_data
                    .iter()
                    .map(|m| (String::new(), m.uri.clone())),
            )
            .filter(|(_, u)| !u.is_empty());
        fields.extend(uris);
        let links = links_of(&fields);
        return Record {
            title: row.title.clone(),
            time: row.time(),
            fields,
            links,
        };
    }
    let mut fields = Vec::new();
    let mut time = Instant::NONE;
    leaves(&value, "", &mut fields, &mut time);
    let title = ["title", "name", "advertiser_name"]
        .iter()
        .find_map(|k| fields.iter().find(|(l, _)| l == k))
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    Record {
        title,
        links: links_of(&fields),
        fields,
        time,
    }
}

fn links_of(fields: &[(String, String)]) -> Vec<String> {
    fields
        .iter()
        .filter(|(_, v)| is_instagram_link(v) || v.starts_with("http"))
        .map(|(_, v)| v.clone())
        .collect()
}

const TIME_KEYS: &[&str] = &[
    "timestamp",
    "creation_timestamp",
    "timestamp_ms",
    "timestamp_value",
    "time",
    "taken_at",
    "created_at",
    "date",
];

fn leaves(value: &Value, path: &str, out: &mut Vec<(String, String)>, time: &mut Instant) {
    if out.len() >= MAX_FIELDS {
        return;
    }
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let k = text::repair(k);
                let label = if path.is_empty() {
                    k.into_owned()
                } else {
                    format!("{path}.{k}")
                };
                leaves(v, &label, out, time);
            }
        }
        Value::Array(items) => {
            for item in items {
                leaves(item, path, out, time);
            }
        }
        Value::Null => {}
        Value::String(s) if s.is_empty() => {}
        scalar => {
            let last = path.rsplit('.').next().unwrap_or(path);
            if time.is_none() && TIME_KEYS.contains(&last) {
                *time = serde_json::from_value::<Epoch>(scalar.clone())
                    .map(|e| e.0)
                    .unwrap_or_default();
            }
            let text = match scalar {
                Value::String(s) => text::repair(s).into_owned(),
                other => other.to_string(),
            };
            out.push((path.to_owned(), text));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> JsonFile {
        JsonFile {
            path: "x/new_thing.json".into(),
            part: 0,
        }
    }

    #[test]
    fn unknown_shapes_become_tables() {
        let v: Value = serde_json::from_str(
            r#"{"ig_custom_audiences_all_types":[{"advertiser_name":"Acme","has_data_file_custom_audience":true}],
                "ig_autofill_data":{"city":"Utrecht","n":{"zip":"1234"}}}"#,
        )
        .unwrap();
        let t = tables_from_value(v, "t", &file());
        assert_eq!(t.len(), 2);
        let by_key = |k: &str| t.iter().find(|t| t.key == k).unwrap();
        assert_eq!(
            by_key("ig_custom_audiences_all_types").records[0].title,
            "Acme"
        );
        assert_eq!(by_key("ig_autofill_data").records[0].fields.len(), 2);
        let v: Value = serde_json::from_str(
            r#"[{"string_map_data":{"Naam":{"value":"caf\u00c3\u00a9"},"Tijd":{"timestamp":5}}}, "You have no data in this section"]"#,
        )
        .unwrap();
        let t = tables_from_value(v, "t", &file());
        assert_eq!(t[0].records.len(), 1);
        assert_eq!(t[0].records[0].fields[0], ("Naam".into(), "café".into()));
        assert_eq!(t[0].records[0].time, Instant(5));
        let t = tables_from_value(serde_json::json!({"a": 1, "timestamp": 9}), "t", &file());
        assert_eq!(t[0].records[0].time, Instant(9));
    }
}
