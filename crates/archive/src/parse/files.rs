//! Finding files by name: every era moves them, so parsers match the file name (and
//! sometimes the folder it is in), never a full path. In an HTML export the `.html`
//! pages stand in for the `.json` files (same names and folders).

use std::collections::HashSet;

use crate::container::Archive;
use crate::detect::{Format, document_format};

/// A JSON file of the export (or the HTML page in its place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonFile {
    pub path: String,
    pub part: usize,
}

/// Every `.json` file (every `.html` page but the entry page and template assets, in an
/// HTML export), sorted by path with numbered pages in number order. Era A parts each
/// carry their own root `media.json` (docs/FORMAT.md §2.1, §4), so its copies in other
/// parts count too.
pub fn json_files(archive: &Archive) -> Vec<JsonFile> {
    let html = document_format(archive) == Some(Format::Html);
    // One copy per part: a crafted part can hold thousands of spellings of the name, and
    // each would be read again.
    let mut parts: HashSet<usize> = archive
        .entry("media.json")
        .map(|e| e.part)
        .into_iter()
        .collect();
    let per_part = archive
        .duplicates()
        .iter()
        .filter(|e| e.path == "media.json")
        .filter(move |e| parts.insert(e.part));
    let mut out: Vec<JsonFile> = archive
        .entries()
        .iter()
        .chain(per_part)
        .filter(|e| {
            let lower = e.path.to_ascii_lowercase();
            if html {
                lower.ends_with(".html")
                    && !lower.starts_with("files/")
                    && !matches!(lower.as_str(), "index.html" | "start_here.html")
            } else {
                lower.ends_with(".json")
            }
        })
        .map(|e| JsonFile {
            path: e.path.clone(),
            part: e.part,
        })
        .collect();
    // `posts_10.json` after `posts_9.json`.
    out.sort_by(|a, b| {
        let (fa, fb) = (FileName::of(&a.path), FileName::of(&b.path));
        (fa.dir_path, fa.stem, fa.page).cmp(&(fb.dir_path, fb.stem, fb.page))
    });
    out
}

/// A path split the way parsers look at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileName<'a> {
    /// Everything before the file name, without the trailing `/`.
    pub dir_path: &'a str,
    /// The folder the file is in (`followers_and_following`), or "".
    pub dir: &'a str,
    /// File name without `.json` / `.html` and without a `_N` page number.
    pub stem: &'a str,
    /// The page number (`_3` → 3), 0 when unnumbered.
    pub page: u32,
    /// Whether the file is a document (ends in `.json` or `.html`).
    pub document: bool,
}

impl<'a> FileName<'a> {
    pub fn of(path: &'a str) -> Self {
        let (dir_path, name) = path.rsplit_once('/').unwrap_or(("", path));
        let dir = dir_path.rsplit('/').next().unwrap_or("");
        let ext = name.len().checked_sub(5).and_then(|i| name.get(i..));
        let document =
            ext.is_some_and(|e| e.eq_ignore_ascii_case(".json") || e.eq_ignore_ascii_case(".html"));
        let base = if document {
            name.get(..name.len() - 5).unwrap_or(name)
        } else {
            name
        };
        let (stem, page) = match base.rsplit_once('_') {
            Some((s, n))
                if !s.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) =>
            {
                (s, n.parse().unwrap_or(0))
            }
            _ => (base, 0),
        };
        FileName {
            dir_path,
            dir,
            stem,
            page,
            document,
        }
    }

    /// Whether any folder on the path is `name`.
    pub fn under(&self, name: &str) -> bool {
        self.dir_path.split('/').any(|d| d == name)
    }

    /// Whether the file sits at the export root (Era A files).
    pub fn at_root(&self) -> bool {
        self.dir_path.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::FileName;

    #[test]
    fn splits_names() {
        let f = FileName::of("connections/followers_and_following/followers_12.json");
        assert_eq!(
            (f.dir, f.stem, f.page, f.document),
            ("followers_and_following", "followers", 12, true)
        );
        let f = FileName::of("media.json");
        assert_eq!((f.dir, f.stem, f.page, f.at_root()), ("", "media", 0, true));
        let f = FileName::of("a/follow_requests_you've_received.json");
        assert_eq!(f.stem, "follow_requests_you've_received");
        let f = FileName::of("x/_1.json");
        assert_eq!(f.stem, "_1");
        assert!(FileName::of("a/b/c.json").under("a"));
    }
}
