//! `parse::generic`: any JSON value turned into record tables and records.
#![no_main]

use keepsake_archive::parse::{JsonFile, generic};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let file = JsonFile {
        path: "fuzz/any_file_1.json".into(),
        part: 0,
    };
    let _ = generic::tables_from_value(value.clone(), "any file", &file);
    let _ = generic::record(value);
});
