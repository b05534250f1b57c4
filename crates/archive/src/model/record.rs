//! Generic records: anything without a dedicated type is still shown, never hidden.

use serde::{Deserialize, Serialize};

use super::Provenance;
use crate::instant::Instant;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub title: String,
    /// `(label, value)` in file order; labels as written (localized).
    pub fields: Vec<(String, String)>,
    pub time: Instant,
    pub links: Vec<String>,
}

/// One file (or one wrapper key of a file) as a table of records.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecordTable {
    /// A stable key (`advertisers`, `topics`, or the file name for unknown files).
    pub name: String,
    /// The wrapper key in the file, if any (`ig_custom_audiences_all_types`).
    pub key: String,
    pub records: Vec<Record>,
    pub provenance: Provenance,
}
