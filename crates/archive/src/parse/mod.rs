//! Parsers, one module per family of files. Each finds its files by name anywhere under
//! the export root (every era puts them somewhere else), reads them one at a time and
//! drops the bytes, and returns what it could read plus a [`Problem`] for what it could
//! not. Nothing here fails for the whole export because one file is bad.

pub mod account;
pub mod activity;
mod files;
pub mod generic;
pub mod html;
mod legacy;
pub mod messages;
pub mod posts;
pub mod profile;
pub mod relations;
pub mod tables;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub use files::JsonFile;

use crate::blocks::{self, MediaObject, Rows};
use crate::container::Archive;
use crate::model::{MediaItem, MediaKind, MediaRef, Provenance};

/// Largest JSON file read into memory. Message files hold ~10k messages (a few MB); the
/// worker's budget is well under 1 GiB.
pub const JSON_LIMIT: u64 = 256 << 20;

/// Something that could not be read, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The file (root-relative); empty for problems about the export as a whole.
    pub path: String,
    pub message: String,
}

/// A parser's result: what it read, and what it could not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parsed<T> {
    pub value: T,
    pub problems: Vec<Problem>,
}

impl<T> Parsed<T> {
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Parsed<U> {
        Parsed {
            value: f(self.value),
            problems: self.problems,
        }
    }
}

/// Shared state of one parser run: the archive, its JSON files and the problems so far.
pub(crate) struct Ctx<'a> {
    pub archive: &'a mut Archive,
    pub files: Vec<JsonFile>,
    pub problems: Vec<Problem>,
}

impl<'a> Ctx<'a> {
    pub fn new(archive: &'a mut Archive) -> Self {
        let files = files::json_files(archive);
        Ctx {
            archive,
            files,
            problems: Vec::new(),
        }
    }

    /// One parser run: `read` with a fresh context over `archive`, then what it read
    /// and the problems it met.
    pub fn run<T>(archive: &'a mut Archive, read: impl FnOnce(&mut Ctx<'a>) -> T) -> Parsed<T> {
        let mut ctx = Ctx::new(archive);
        let value = read(&mut ctx);
        Parsed {
            value,
            problems: ctx.problems,
        }
    }

    pub fn problem(&mut self, path: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.to_owned(),
            message: message.into(),
        });
    }

    /// JSON files matching `pick`, in path order (numbered pages in number order).
    pub fn matching<K>(&self, pick: impl Fn(&JsonFile) -> Option<K>) -> Vec<(JsonFile, K)> {
        self.files
            .iter()
            .filter_map(|f| pick(f).map(|k| (f.clone(), k)))
            .collect()
    }

    /// The file's bytes (its copy in `file.part`), or `None` with a problem recorded. An
    /// HTML page comes back as the JSON document it shows.
    pub fn read(&mut self, file: &JsonFile) -> Option<Vec<u8>> {
        let copy = self
            .archive
            .versions(&file.path)
            .into_iter()
            .find(|e| e.part == file.part)
            .cloned();
        let read = match copy {
            Some(entry) => self.archive.read_entry(&entry, JSON_LIMIT),
            None => self.archive.read(&file.path, JSON_LIMIT),
        };
        match read {
            Ok(bytes) if file.path.to_ascii_lowercase().ends_with(".html") => {
                Some(html::to_json(&file.path, &bytes))
            }
            Ok(bytes) => Some(bytes),
            Err(e) => {
                self.problem(&file.path, e.to_string());
                None
            }
        }
    }

    /// Rows of `T` from any container shape; row errors become problems.
    pub fn rows<T: DeserializeOwned>(&mut self, file: &JsonFile, keys: &[&str]) -> Rows<T> {
        match self.read(file) {
            Some(bytes) => self.rows_in(file, &bytes, keys),
            None => Rows::default(),
        }
    }

    /// Rows of `T` from `file`'s bytes, already read; row errors become problems.
    pub fn rows_in<T: DeserializeOwned>(
        &mut self,
        file: &JsonFile,
        bytes: &[u8],
        keys: &[&str],
    ) -> Rows<T> {
        let mut rows = blocks::read_rows::<T>(bytes, keys);
        for e in rows.errors.drain(..) {
            self.problem(&file.path, format!("could not read part of this file: {e}"));
        }
        rows
    }

    /// A whole-file document of type `T`; `None` with a problem on failure.
    pub fn document<T: DeserializeOwned>(&mut self, file: &JsonFile) -> Option<T> {
        let bytes = self.read(file)?;
        match serde_json::from_slice::<T>(blocks::strip_bom(&bytes)) {
            Ok(doc) => Some(doc),
            Err(e) => {
                self.problem(&file.path, format!("could not read this file: {e}"));
                None
            }
        }
    }

    /// Resolve a uri against the export's files; `None` for an empty uri.
    pub fn media_ref(&self, uri: &str) -> Option<MediaRef> {
        resolve(self.archive, uri)
    }

    pub fn media_item(&self, m: &MediaObject) -> Option<MediaItem> {
        let media = self.media_ref(&m.uri)?;
        let mut item = media_item(media, m);
        item.subtitles = self.media_ref(&m.media_metadata.video_metadata.subtitles.uri);
        Some(item)
    }
}

/// Resolve `uri` (root-relative, sometimes with a leading `/`, or a web URL).
pub fn resolve(archive: &Archive, uri: &str) -> Option<MediaRef> {
    let uri = uri.trim();
    if uri.is_empty() {
        return None;
    }
    let remote = uri.starts_with("http://") || uri.starts_with("https://");
    let path = if remote {
        None
    } else {
        let bare = uri.trim_start_matches("./").trim_start_matches('/');
        let prefix = archive.root_prefix();
        let unprefixed = bare.strip_prefix(prefix).filter(|_| !prefix.is_empty());
        [Some(bare), unprefixed]
            .into_iter()
            .flatten()
            .find(|p| archive.entry(p).is_some())
            .map(str::to_owned)
    };
    Some(MediaRef {
        uri: uri.to_owned(),
        missing: !remote && path.is_none(),
        kind: (!remote).then(|| MediaKind::from_path(uri)),
        path_in_export: path,
    })
}

pub(crate) fn media_item(media: MediaRef, m: &MediaObject) -> MediaItem {
    let (latitude, longitude) = match m.location() {
        Some((a, b)) => (Some(a), Some(b)),
        None => (None, None),
    };
    let exif: Vec<(String, String)> = m
        .exif()
        .filter(|(_, v)| !v.0.is_empty())
        .map(|(k, v)| (k.clone(), v.0.clone()))
        .collect();
    let taken_local = exif
        .iter()
        .find(|(k, _)| k == "date_time_original")
        .map(|(_, v)| v.clone());
    MediaItem {
        media,
        created: m.creation_timestamp,
        taken_local,
        caption: m.title.clone(),
        latitude,
        longitude,
        exif,
        cross_posted_from: Some(m.cross_post_source.source_app.clone()).filter(|s| !s.is_empty()),
        place: None,
        subtitles: None,
    }
}

pub(crate) fn provenance(file: &JsonFile) -> Provenance {
    Provenance {
        path: file.path.clone(),
        part: file.part,
    }
}

/// `Some(s)` unless blank.
pub(crate) fn non_empty(s: impl Into<String>) -> Option<String> {
    let s = s.into();
    (!s.trim().is_empty()).then_some(s)
}

/// Whether any parser reads `path` (the rest is shown by [`generic`]).
pub fn is_claimed(path: &str) -> bool {
    let f = files::FileName::of(path);
    profile::claims(&f)
        || posts::claims(&f)
        || relations::claims(&f)
        || messages::claims(&f)
        || activity::claims(&f)
        || account::claims(&f)
        || tables::claims(&f)
}
