//! Tables written as files to download: CSV for spreadsheets, JSON for programs. Cells
//! come as the strings to write (times already formatted); every row is written with one
//! value per column, a missing cell as "".

/// Opens every CSV file so spreadsheets read it as UTF-8, not in the system's code page.
const BOM: char = '\u{feff}';

/// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A value a
/// spreadsheet would run as a formula (leading `=`, `+`, `@`, tab, CR, or `-` when not a
/// number) gets a leading `'` so it stays text.
pub fn csv_field(value: &str) -> String {
    let formula = match value.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r') => true,
        Some('-') => value.parse::<f64>().is_err(),
        _ => false,
    };
    let value = if formula {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// A CSV file: the byte-order mark, a header line of `labels`, then one line per row,
/// CRLF line ends.
pub fn to_csv<L: AsRef<str>>(labels: &[L], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = String::from(BOM);
    push_csv_line(&mut out, labels.iter().map(AsRef::as_ref));
    for row in rows {
        push_csv_line(&mut out, (0..labels.len()).map(|c| cell(&row, c)));
    }
    out
}

fn push_csv_line<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (i, value) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&csv_field(value));
    }
    out.push_str("\r\n");
}

/// A JSON array with one object per row, keyed by column label in column order, one
/// object per line. A repeated label gets a number (`Time`, `Time (2)`) so no value is
/// lost to a duplicate key.
pub fn to_json<L: AsRef<str>>(labels: &[L], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let keys: Vec<String> = unique_keys(labels).iter().map(|k| json_string(k)).collect();
    let mut out = String::from("[");
    let mut empty = true;
    for row in rows {
        out.push_str(if empty { "\n  {" } else { ",\n  {" });
        empty = false;
        for (c, key) in keys.iter().enumerate() {
            if c > 0 {
                out.push_str(", ");
            }
            out.push_str(key);
            out.push_str(": ");
            out.push_str(&json_string(cell(&row, c)));
        }
        out.push('}');
    }
    out.push_str(if empty { "]" } else { "\n]" });
    out
}

fn cell(row: &[String], column: usize) -> &str {
    row.get(column).map_or("", String::as_str)
}

fn json_string(text: &str) -> String {
    // Serializing a `str` cannot fail; the fallback only keeps the output valid JSON.
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

fn unique_keys<L: AsRef<str>>(labels: &[L]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::with_capacity(labels.len());
    for label in labels {
        let label = label.as_ref();
        let mut key = label.to_string();
        let mut n = 2;
        while keys.contains(&key) {
            key = format!("{label} ({n})");
            n += 1;
        }
        keys.push(key);
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field(""), "");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("cr\rhere"), "\"cr\rhere\"");
        assert_eq!(csv_field("café 👍"), "café 👍");
    }

    #[test]
    fn csv_fields_never_run_as_formulas() {
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_field("+1 555"), "'+1 555");
        assert_eq!(csv_field("@handle"), "'@handle");
        assert_eq!(csv_field("\tx"), "'\tx");
        assert_eq!(csv_field("-x"), "'-x");
        assert_eq!(csv_field("-5"), "-5", "negative numbers stay numbers");
        assert_eq!(csv_field("-2.5e3"), "-2.5e3");
        // Defused and quoted: the quote goes inside the quoted field.
        assert_eq!(csv_field("=a,b"), "\"'=a,b\"");
    }

    #[test]
    fn csv_has_a_bom_a_header_and_crlf_lines() {
        let csv = to_csv(
            &["Name", "Note, more"],
            rows(&[&["bob", "hi"], &["ann"], &["carol", "x\"y", "extra"]]),
        );
        assert_eq!(
            csv,
            "\u{feff}Name,\"Note, more\"\r\nbob,hi\r\nann,\r\ncarol,\"x\"\"y\"\r\n"
        );
        assert_eq!(to_csv(&["A"], Vec::new()), "\u{feff}A\r\n");
    }

    #[test]
    fn json_is_an_array_of_objects_in_column_order() {
        let json = to_json(
            &["Name", "Time", "Time"],
            rows(&[&["bob", "2024-01-01T00:00:00Z", "x"], &["\"ann\"\n"]]),
        );
        assert_eq!(
            json,
            "[\n  {\"Name\": \"bob\", \"Time\": \"2024-01-01T00:00:00Z\", \"Time (2)\": \"x\"},\
             \n  {\"Name\": \"\\\"ann\\\"\\n\", \"Time\": \"\", \"Time (2)\": \"\"}\n]"
        );
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed[1]["Name"], "\"ann\"\n");
        assert_eq!(to_json(&["A"], Vec::new()), "[]");
    }
}
