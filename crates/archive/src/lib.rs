//! Keepsake's engine: a ZIP index over host-supplied byte sources, multi-part merge, and
//! export detection. Pure Rust with no I/O of its own; builds for native and wasm32.
//!
//! Design notes:
//! - Opening a part reads only the ZIP's end records and central directory, through
//!   [`BufferedSource`] (256 KiB windows): ~7 `read_at` calls for 10k entries. Entry
//!   metadata comes from `ZipArchive::by_index_data`, which never reads local headers;
//!   a local header is read only when an entry is read or located (one 30-byte read).
//! - Parts are opened with a known archive offset of 0: Meta never prepends data, and
//!   offset detection would scan a whole multi-GB part when its directory is damaged.
//! - The merged tree is rebuilt lazily (a `OnceCell`), so adding many loose files is linear.
//! - Same path in two parts: same size and CRC is kept once (first part wins); different
//!   content keeps the first in [`Archive::entries`] and the rest in
//!   [`Archive::duplicates`] / [`Archive::versions`]. Inside one ZIP, the zip crate keeps
//!   one record per name.
//! - A stored `.zip` inside a part is opened in place (a window over the parent's source)
//!   when it holds an export or the outer ZIP holds none; a deflated one gets a note.
//! - Opening is budgeted across all parts: no byte range is opened twice, at most 32
//!   inner ZIPs, 500k entries (loose files too) and 128 MiB of directory; a preloaded
//!   directory is freed once parsed.
//! - Parsing is budgeted too (`parse`'s constants): a file's size and its count of JSON
//!   objects and arrays are checked before it is parsed, lists keep 200k rows, problems
//!   are listed up to a cap and counted past it, and kept results share one export-wide
//!   budget of rows and bytes. An entry packed at a bomb's ratio is not read.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod blocks;
mod budget;
pub mod catalog;
pub mod category;
pub mod container;
pub mod detect;
pub mod error;
pub mod export;
pub mod find;
pub mod inflate_budget;
pub mod instant;
pub mod labels;
pub mod lenient;
pub mod media;
pub mod model;
pub mod parse;
pub mod post_ids;
mod prefix;
pub mod search;
pub mod sections;
pub mod source;
mod steps;
pub mod subtitles;
pub mod summary;
pub mod table_export;
pub mod text;
pub mod timeline;
mod volume;

pub use catalog::{Catalog, Counting};
pub use category::Category;
pub use container::{Archive, Compression, Entry, Location, PartInfo, PartKind};
pub use detect::{Detection, Era, ExportKind, Format, detect};
pub use error::ArchiveError;
pub use export::Export;
pub use parse::{Parsed, Problem};
#[cfg(not(target_arch = "wasm32"))]
pub use source::FileSource;
pub use source::{BufferedSource, RandomAccess};
