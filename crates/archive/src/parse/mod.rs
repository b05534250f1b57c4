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

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub use files::JsonFile;

use crate::blocks::{self, MediaObject, Rows};
use crate::budget::Spent;
use crate::container::Archive;
use crate::error::human_size;
use crate::model::{MediaItem, MediaKind, MediaRef, Provenance};

/// Largest JSON file read into memory. Message files hold ~10k messages (a few MB); the
/// worker's budget is well under 1 GiB.
pub const JSON_LIMIT: u64 = 128 << 20;
/// Largest HTML page read: its tree costs several times its bytes.
pub const HTML_LIMIT: u64 = 64 << 20;
/// Objects and arrays one file may hold. Every one becomes a struct of up to a few hundred
/// bytes, so this, not the file's size, bounds what reading it costs; a year of likes is
/// a few hundred thousand.
pub const MAX_CONTAINERS: usize = 1_500_000;
/// Rows kept from one list of one file; the rest are counted in a problem.
pub const FILE_ROWS: usize = crate::lenient::MAX_ROWS;
/// Problems listed per file; the rest are counted in one last problem.
pub const FILE_PROBLEMS: usize = blocks::MAX_ERRORS + 5;
/// Problems listed per parser run; the rest are counted: per file for the first
/// [`FILE_PROBLEMS`] files, then in one last problem.
pub const RUN_PROBLEMS: usize = 200;
/// Rows all kept parser results of one export may hold together.
pub const EXPORT_ROWS: usize = 3_000_000;
/// Unpacked bytes the kept parser results of one export may read together.
pub const EXPORT_BYTES: u64 = 4 << 30;
/// Rows one thread read may hold (it is passed on, not kept).
pub const RUN_ROWS: usize = 1_000_000;
/// An entry bigger than [`RATIO_FLOOR`] that unpacks to more than this many times its
/// packed size is refused: JSON deflates 5 to 20 times, a bomb up to 1,000.
pub const MAX_RATIO: u64 = 200;
pub const RATIO_FLOOR: u64 = 8 << 20;

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
    budget: Budget,
}

/// What one parser run may still read, and the problems it did not list.
#[derive(Default)]
struct Budget {
    /// Whether the results are kept (a family): then the export's budget pays.
    kept: bool,
    spent: Spent,
    rows_left: usize,
    bytes_left: u64,
    /// Problems met and listed, per file.
    per_file: BTreeMap<String, (usize, usize)>,
}

impl<'a> Ctx<'a> {
    /// A run whose results are kept: it spends the export's budget.
    pub fn new(archive: &'a mut Archive) -> Self {
        let spent = archive.spent;
        let budget = Budget {
            kept: true,
            rows_left: EXPORT_ROWS.saturating_sub(spent.rows),
            bytes_left: EXPORT_BYTES.saturating_sub(spent.bytes),
            ..Budget::default()
        };
        Self::with_budget(archive, budget)
    }

    /// A run whose results are passed on and dropped (a thread): its own budget, of
    /// `rows` rows.
    pub fn passing(archive: &'a mut Archive, rows: usize) -> Self {
        let files = files::json_files(archive);
        Self::passing_over(archive, files, rows)
    }

    /// [`Ctx::passing`] over a file list made before (a host reading many threads).
    pub fn passing_over(archive: &'a mut Archive, files: Vec<JsonFile>, rows: usize) -> Self {
        let budget = Budget {
            kept: false,
            rows_left: rows,
            bytes_left: EXPORT_BYTES,
            ..Budget::default()
        };
        Ctx {
            archive,
            files,
            problems: Vec::new(),
            budget,
        }
    }

    fn with_budget(archive: &'a mut Archive, budget: Budget) -> Self {
        let files = files::json_files(archive);
        Ctx {
            archive,
            files,
            problems: Vec::new(),
            budget,
        }
    }

    /// One parser run: `read` with a fresh context over `archive`, then what it read
    /// and the problems it met.
    pub fn run<T>(archive: &'a mut Archive, read: impl FnOnce(&mut Ctx<'a>) -> T) -> Parsed<T> {
        Ctx::new(archive).finish(read)
    }

    /// Like [`Ctx::run`] for results that are not kept, holding at most `rows` rows.
    pub fn run_passing<T>(
        archive: &'a mut Archive,
        rows: usize,
        read: impl FnOnce(&mut Ctx<'a>) -> T,
    ) -> Parsed<T> {
        Ctx::passing(archive, rows).finish(read)
    }

    fn finish<T>(mut self, read: impl FnOnce(&mut Ctx<'a>) -> T) -> Parsed<T> {
        let value = read(&mut self);
        if self.budget.kept {
            let total = &mut self.archive.spent;
            total.rows = total.rows.saturating_add(self.budget.spent.rows);
            total.bytes = total.bytes.saturating_add(self.budget.spent.bytes);
        }
        let problems = self.take_problems();
        Parsed { value, problems }
    }

    /// The problems so far, with counts of those not listed; the list starts afresh.
    pub fn take_problems(&mut self) -> Vec<Problem> {
        let mut problems = std::mem::take(&mut self.problems);
        let unlisted: Vec<(String, usize)> = std::mem::take(&mut self.budget.per_file)
            .into_iter()
            .filter(|(_, (met, listed))| met > listed)
            .map(|(path, (met, listed))| (path, met - listed))
            .collect();
        let (listed, rest) = unlisted.split_at(unlisted.len().min(FILE_PROBLEMS));
        for (path, n) in listed {
            problems.push(Problem {
                path: path.clone(),
                message: format!("… and {n} more problems in this file"),
            });
        }
        if !rest.is_empty() {
            let n: usize = rest.iter().map(|(_, n)| n).sum();
            problems.push(Problem {
                path: String::new(),
                message: format!("… and {n} more problems in {} other files", rest.len()),
            });
        }
        problems
    }

    /// Records a problem; past [`FILE_PROBLEMS`] for the file, or [`RUN_PROBLEMS`] in all,
    /// it is only counted (and reported as "… and N more" at the end).
    pub fn problem(&mut self, path: &str, message: impl Into<String>) {
        let (met, listed) = self.budget.per_file.entry(path.to_owned()).or_default();
        *met += 1;
        if *listed < FILE_PROBLEMS && self.problems.len() < RUN_PROBLEMS {
            *listed += 1;
            self.problems.push(Problem {
                path: path.to_owned(),
                message: message.into(),
            });
        }
    }

    /// Rows this run may still keep, counting `n` more as kept.
    fn take_rows(&mut self, n: usize) -> usize {
        let n = n.min(self.budget.rows_left);
        self.budget.rows_left -= n;
        self.budget.spent.rows += n;
        n
    }

    /// JSON files matching `pick`, in path order (numbered pages in number order).
    pub fn matching<K>(&self, pick: impl Fn(&JsonFile) -> Option<K>) -> Vec<(JsonFile, K)> {
        self.files
            .iter()
            .filter_map(|f| pick(f).map(|k| (f.clone(), k)))
            .collect()
    }

    /// The file's bytes (its copy in `file.part`), or `None` with a problem recorded. An
    /// HTML page comes back as the JSON document it shows. Refused, with a problem: a file
    /// over its size limit or the run's byte budget, one packed at a bomb's ratio, or one
    /// holding more than [`MAX_CONTAINERS`] objects and arrays.
    pub fn read(&mut self, file: &JsonFile) -> Option<Vec<u8>> {
        let entry = self
            .archive
            .versions(&file.path)
            .into_iter()
            .find(|e| e.part == file.part)
            .or_else(|| self.archive.entry(&file.path))
            .cloned();
        let html = file.path.to_ascii_lowercase().ends_with(".html");
        let limit = if html { HTML_LIMIT } else { JSON_LIMIT };
        if let Some(e) = &entry
            && let Err(why) = self.affordable(e.size, e.compressed_size)
        {
            self.problem(&file.path, why);
            return None;
        }
        let read = match entry {
            Some(entry) => self.archive.read_entry(&entry, limit),
            None => self.archive.read(&file.path, limit),
        };
        let bytes = match read {
            Ok(bytes) => bytes,
            Err(e) => {
                self.problem(&file.path, e.to_string());
                return None;
            }
        };
        let len = bytes.len() as u64;
        self.budget.bytes_left = self.budget.bytes_left.saturating_sub(len);
        self.budget.spent.bytes += len;
        let bytes = if html {
            let (json, truncated) = html::page_to_json(&file.path, &bytes);
            if truncated {
                self.problem(
                    &file.path,
                    "this page is too large to read whole; only its first part is shown",
                );
            }
            json
        } else {
            bytes
        };
        let containers = count_containers(&bytes);
        if containers > MAX_CONTAINERS {
            self.problem(
                &file.path,
                format!(
                    "not read: it holds {containers} records and values, more than the \
                     {MAX_CONTAINERS} Keepsake reads from one file"
                ),
            );
            return None;
        }
        Some(bytes)
    }

    /// Whether an entry of `size` bytes, `packed` when compressed, may be read now.
    fn affordable(&self, size: u64, packed: u64) -> Result<(), String> {
        if size > RATIO_FLOOR && size / packed.max(1) > MAX_RATIO {
            return Err(format!(
                "not read: it unpacks to {} from {}, more than {MAX_RATIO} times its \
                 packed size, which no real export does (the file may be made to overload \
                 your device)",
                human_size(size),
                human_size(packed)
            ));
        }
        if size > self.budget.bytes_left {
            return Err(format!(
                "not read: this export's files add up to more than Keepsake reads in one go \
                 ({})",
                human_size(EXPORT_BYTES)
            ));
        }
        Ok(())
    }

    /// Rows of `T` from any container shape; row errors become problems.
    pub fn rows<T: DeserializeOwned>(&mut self, file: &JsonFile, keys: &[&str]) -> Rows<T> {
        match self.read(file) {
            Some(bytes) => self.rows_in(file, &bytes, keys),
            None => Rows::default(),
        }
    }

    /// Rows of `T` from `file`'s bytes, already read; row errors become problems, and
    /// rows past the file's or the run's budget are counted in one.
    pub fn rows_in<T: DeserializeOwned>(
        &mut self,
        file: &JsonFile,
        bytes: &[u8],
        keys: &[&str],
    ) -> Rows<T> {
        let mut rows = blocks::read_rows::<T>(bytes, keys);
        let mut room = self.take_rows(rows.len());
        for (_, group) in &mut rows.groups {
            let keep = group.len().min(room);
            rows.skipped += group.len() - keep;
            group.truncate(keep);
            room -= keep;
        }
        for e in rows.errors.drain(..) {
            self.problem(&file.path, format!("could not read part of this file: {e}"));
        }
        if rows.more_errors > 0 {
            let n = rows.more_errors;
            self.problem(&file.path, format!("… and {n} more rows could not be read"));
        }
        self.skipped(file, rows.skipped);
        rows
    }

    /// A problem for `n` rows left unread for the budget, if any.
    pub fn skipped(&mut self, file: &JsonFile, n: usize) {
        if n > 0 {
            self.problem(
                &file.path,
                format!(
                    "{n} more rows were not read: Keepsake reads at most {FILE_ROWS} rows of \
                     a file and {EXPORT_ROWS} of an export"
                ),
            );
        }
    }

    /// Keeps as many of `n` rows as the run's budget allows: how many.
    pub fn keep_rows(&mut self, file: &JsonFile, n: usize) -> usize {
        let kept = self.take_rows(n);
        self.skipped(file, n - kept);
        kept
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

/// Objects and arrays in a JSON text (brackets outside strings), in one pass without
/// allocating: what parsing it would cost, known before parsing.
pub(crate) fn count_containers(bytes: &[u8]) -> usize {
    let (mut n, mut in_string, mut escaped) = (0usize, false, false);
    for &b in bytes {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
        } else if b == b'{' || b == b'[' {
            n += 1;
        }
    }
    n
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Row;

    fn file(path: &str) -> JsonFile {
        JsonFile {
            path: path.into(),
            part: 0,
        }
    }

    #[test]
    fn containers_are_counted_outside_strings() {
        assert_eq!(count_containers(br#"[{"a":"[{\"}"},[]]"#), 3);
        assert_eq!(count_containers(b"1"), 0);
    }

    #[test]
    fn problems_are_capped_per_file_and_per_run() {
        let mut archive = Archive::new();
        let parsed = Ctx::run(&mut archive, |ctx| {
            for i in 0..FILE_PROBLEMS + 7 {
                ctx.problem("a.json", format!("bad {i}"));
            }
            for f in 0..RUN_PROBLEMS + 3 {
                ctx.problem(&format!("f{f}.json"), "bad");
            }
        });
        let p = &parsed.problems;
        let in_a = p.iter().filter(|p| p.path == "a.json").count();
        assert_eq!(in_a, FILE_PROBLEMS + 1);
        assert!(
            p.iter()
                .any(|p| p.message == "… and 7 more problems in this file")
        );
        // The run's list is full: the other files' problems are one count.
        assert!(p.len() <= RUN_PROBLEMS + FILE_PROBLEMS + 1, "{}", p.len());
        let last = p.last().map(|p| p.message.as_str()).unwrap_or("");
        assert!(last.starts_with("… and "), "{last}");
    }

    #[test]
    fn the_export_budget_is_shared_by_kept_runs() {
        let mut archive = Archive::new();
        archive.spent.rows = EXPORT_ROWS - 5;
        let json = format!("[{}]", [r#"{"title":"x"}"#; 8].join(","));
        let parsed = Ctx::run(&mut archive, |ctx| {
            ctx.rows_in::<Row>(&file("a.json"), json.as_bytes(), blocks::ROW_KEYS)
                .len()
        });
        assert_eq!(parsed.value, 5);
        assert!(
            parsed.problems[0]
                .message
                .starts_with("3 more rows were not read")
        );
        assert_eq!(archive.spent.rows, EXPORT_ROWS);
        // A passing run (a thread) has its own budget and spends none of the export's.
        let passing = Ctx::run_passing(&mut archive, RUN_ROWS, |ctx| {
            ctx.rows_in::<Row>(&file("a.json"), json.as_bytes(), blocks::ROW_KEYS)
                .len()
        });
        assert_eq!(passing.value, 8);
        assert_eq!(archive.spent.rows, EXPORT_ROWS);
    }

    #[test]
    fn bomb_ratios_and_spent_bytes_are_refused() {
        let mut archive = Archive::new();
        let ctx = Ctx::new(&mut archive);
        assert!(ctx.affordable(RATIO_FLOOR, 1).is_ok(), "small files pass");
        assert!(ctx.affordable(64 << 20, 1 << 20).is_ok(), "64:1 passes");
        let bomb = ctx.affordable(1 << 30, 1 << 20).unwrap_err();
        assert!(bomb.contains("more than 200 times"), "{bomb}");
        drop(ctx);
        archive.spent.bytes = EXPORT_BYTES;
        let ctx = Ctx::new(&mut archive);
        assert!(
            ctx.affordable(10, 10)
                .unwrap_err()
                .contains("add up to more")
        );
    }
}
