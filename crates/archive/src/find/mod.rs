//! Find anything: one index over every record of an export that has text, built as
//! steps a host interleaves with other work, and queried while it grows.
//!
//! - [`fold`]: case, accent and width folding; tokens (words, CJK characters, emoji).
//! - [`index`]: the term dictionary, postings and documents.
//! - [`build`]: [`Indexing`], the step machine that reads each family into the index.
//! - [`query`]: what a person types, parsed.
//! - [`rank`]: a query run on the index, ranked and grouped by kind.
//! - [`snippet`]: text around the match with marked words.
//! - [`sensitive`]: labels and values kept out of the index.
//! - [`measure`]: timings and sizes, for benchmarks.

pub mod build;
pub mod fold;
pub mod index;
// Timings use `std::time::Instant`, which wasm32 lacks; benchmarks run natively.
#[cfg(not(target_arch = "wasm32"))]
pub mod measure;
pub mod query;
pub mod rank;
pub mod sensitive;
pub mod snippet;

pub use build::{Indexing, Status};
pub use index::{ActivityField, Index, IndexBytes, Kind, List, Place};
pub use query::{Query, parse};
pub use rank::{Group, Hit, Results};
pub use snippet::Mark;
