//! The HTML variant (docs/FORMAT.md §7). Meta renders each HTML page from the JSON document it
//! would have written, in one generic template, so each page is read back into that JSON
//! shape and handed to the same family parsers: one code path for both formats, and the
//! HTML yields what the JSON yields as far as the page carries it. Lost on the page:
//! epoch precision (minutes, or seconds from 2026) and the time zone (read as UTC), IDs,
//! wrapper keys, EXIF structure.

mod json;
mod page;
mod reader;
mod records;
mod threads;
mod time;

use super::files::FileName;
use reader::Dom;

/// The JSON document (Meta-escaped) that the HTML page at `path` shows.
pub fn to_json(path: &str, bytes: &[u8]) -> Vec<u8> {
    page_to_json(path, bytes).0
}

/// [`to_json`], and whether the page was too big to read whole (see [`reader::MAX_NODES`]).
pub fn page_to_json(path: &str, bytes: &[u8]) -> (Vec<u8>, bool) {
    let dom = Dom::parse(bytes);
    let name = FileName::of(path);
    let doc = if super::messages::thread_file(&name).is_some() {
        threads::thread(&dom)
    } else if super::messages::replies_file(&name).is_some() {
        threads::replies(&dom)
    } else {
        records::rows(&dom)
    };
    (doc.to_bytes(), dom.truncated)
}
