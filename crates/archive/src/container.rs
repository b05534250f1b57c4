//! The virtual tree over all parts: ZIP parts, stored ZIPs inside them, and loose files.
//!
//! Parts are never held in memory: each keeps its host-supplied source and the zip crate's
//! parsed central directory. The merged tree is rebuilt lazily after parts are added
//! (adding 100k loose files one by one must not rebuild 100k times).

use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeSet, HashSet};
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::budget::{Budget, MAX_NESTED_VOLUMES, Spent};
use crate::error::ArchiveError;
use crate::source::{RandomAccess, Shared, Slice};
pub use crate::volume::Compression;
use crate::volume::{self, Body, Fingerprint, LooseFile, RawEntry, Volume};
use crate::{media, prefix};

/// How deep stored ZIPs inside ZIPs are opened (`export.zip` inside a Drive download).
const MAX_NESTING: usize = 2;
/// At most this many inner ZIPs are tried per ZIP (each costs a few reads).
const MAX_NESTED_TRIES: usize = 16;
/// Whether a part is a ZIP file or a dropped folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PartKind {
    Zip,
    Folder,
}

/// One thing the user added: a ZIP file, or (all loose files together) a folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartInfo {
    /// The file name the user chose (or the dropped folder's name).
    pub name: String,
    /// Bytes on disk.
    pub size: u64,
    /// Files it holds (folders and macOS debris not counted).
    pub entries: usize,
    pub kind: PartKind,
    /// Where the export starts inside it, e.g. `instagram-jane-2025-06-13-Ab3dEf9Z/`.
    pub root_prefix: String,
    /// Stored ZIPs inside it that were opened in place (their paths in the part).
    pub nested: Vec<String>,
    /// Plain-language remarks (a compressed inner ZIP, skipped Facebook data, …).
    pub notes: Vec<String>,
}

/// One file of the merged tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Path relative to the export root (root prefix stripped), `/`-separated.
    pub path: String,
    /// Index into [`Archive::parts`].
    pub part: usize,
    /// Unpacked size as declared by the ZIP.
    pub size: u64,
    pub compressed_size: u64,
    pub compression: Compression,
    pub encrypted: bool,
    /// CRC-32 from the central directory (`None` for loose files).
    pub crc32: Option<u32>,
    /// Path as stored in the part (prefix included), or the loose file's path.
    pub source_path: String,
    /// Internal: which volume and which of its entries.
    #[serde(default)]
    volume: usize,
    #[serde(default)]
    index: usize,
}

/// Where an entry's raw bytes are in the user's file, so the browser can `slice` it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub part: usize,
    /// Absolute offset of the (possibly deflated) data in the part's file.
    pub offset: u64,
    pub compressed_size: u64,
    pub size: u64,
    pub compression: Compression,
    /// For loose files: the path given to [`Archive::add_loose_file`] (the host maps it
    /// back to its `File`); `None` for ZIP entries.
    pub source_path: Option<String>,
}

struct Part {
    info: PartInfo,
    fingerprint: Option<Fingerprint>,
}

/// The merged view, rebuilt after parts change.
#[derive(Default)]
struct Built {
    parts: Vec<PartInfo>,
    entries: Vec<Entry>,
    duplicates: Vec<Entry>,
    root_prefix: String,
    other_exports: Vec<String>,
    facebook: bool,
}

/// All parts of one export, as one tree.
pub struct Archive {
    parts: Vec<Part>,
    volumes: Vec<Volume>,
    /// Volume holding the loose files, once any were added.
    loose: Option<usize>,
    loose_paths: HashSet<String>,
    budget: Budget,
    /// What the parsers' kept results have read (see `parse::EXPORT_ROWS`).
    pub(crate) spent: Spent,
    built: OnceCell<Built>,
}

impl Default for Archive {
    fn default() -> Self {
        Self::new()
    }
}

impl Archive {
    pub fn new() -> Self {
        Self {
            parts: Vec::new(),
            volumes: Vec::new(),
            loose: None,
            loose_paths: HashSet::new(),
            budget: Budget::default(),
            spent: Spent::default(),
            built: OnceCell::new(),
        }
    }

    /// Open one ZIP part: read its central directory only (never the whole file). An error
    /// for this part leaves the other parts open. `name` is the file name the user chose.
    pub fn add_zip(
        &mut self,
        name: &str,
        source: Box<dyn RandomAccess>,
    ) -> Result<PartInfo, ArchiveError> {
        let size = source.len();
        let same_name =
            |p: &Part| p.info.kind == PartKind::Zip && p.info.name == name && p.info.size == size;
        if self.parts.iter().any(same_name) {
            return Err(ArchiveError::DuplicatePart(name.to_owned()));
        }
        let shared: Shared = Rc::new(RefCell::new(source));
        let part = self.parts.len();
        let mut info = PartInfo {
            name: name.to_owned(),
            size,
            entries: 0,
            kind: PartKind::Zip,
            root_prefix: String::new(),
            nested: Vec::new(),
            notes: Vec::new(),
        };
        // Worked on a copy: a part that is refused spends nothing.
        let mut budget = self.budget.clone();
        budget.opened.insert((part, 0, size));
        let volumes = open_tree(&shared, part, 0, size, 0, &mut info, &mut budget)?;
        let fingerprint = volumes.first().and_then(|v| v.fingerprint(size));
        if fingerprint.is_some() && self.parts.iter().any(|p| p.fingerprint == fingerprint) {
            return Err(ArchiveError::DuplicatePart(name.to_owned()));
        }
        self.budget = budget;
        info.entries = volumes.iter().map(|v| v.entries.len()).sum();
        self.parts.push(Part { info, fingerprint });
        self.volumes.extend(volumes);
        self.built.take();
        self.parts()
            .get(part)
            .cloned()
            .ok_or_else(|| ArchiveError::Corrupt("part vanished".into()))
    }

    /// A loose file from a dropped/unzipped folder; `path` is its relative path in that
    /// folder. Folders and macOS debris (`__MACOSX/`, `.DS_Store`) are silently ignored.
    pub fn add_loose_file(
        &mut self,
        path: &str,
        source: Box<dyn RandomAccess>,
    ) -> Result<(), ArchiveError> {
        let Some(name) = volume::normalize(path) else {
            return Ok(());
        };
        if self.loose_paths.contains(&name) {
            return Err(ArchiveError::DuplicatePart(path.to_owned()));
        }
        // Loose files are indexed like ZIP entries, so they share the entry budget.
        self.budget.charge(1, name.len() as u64)?;
        let vi = match self.loose {
            Some(vi) => vi,
            None => self.new_folder_part(&name),
        };
        let Some(vol) = self.volumes.get_mut(vi) else {
            return Err(ArchiveError::Corrupt("folder part vanished".into()));
        };
        let Body::Loose(files) = &mut vol.body else {
            return Err(ArchiveError::Corrupt("folder part is not a folder".into()));
        };
        let size = source.len();
        vol.entries.push(RawEntry {
            name: name.clone(),
            index: files.len(),
            size,
            compressed_size: size,
            method: 0,
            encrypted: false,
            crc32: None,
            header_start: 0,
        });
        files.push(LooseFile { source });
        if let Some(part) = self.parts.get_mut(vol.part) {
            part.info.size = part.info.size.saturating_add(size);
            part.info.entries += 1;
        }
        self.loose_paths.insert(name);
        self.built.take();
        Ok(())
    }

    fn new_folder_part(&mut self, first: &str) -> usize {
        let name = match first.split_once('/') {
            Some((top, _)) => top.to_owned(),
            None => "Dropped files".to_owned(),
        };
        let part = self.parts.len();
        self.parts.push(Part {
            info: PartInfo {
                name,
                size: 0,
                entries: 0,
                kind: PartKind::Folder,
                root_prefix: String::new(),
                nested: Vec::new(),
                notes: Vec::new(),
            },
            fingerprint: None,
        });
        self.volumes.push(Volume {
            part,
            base: 0,
            body: Body::Loose(Vec::new()),
            entries: Vec::new(),
            prefix: None,
            facebook: None,
        });
        let vi = self.volumes.len() - 1;
        self.loose = Some(vi);
        vi
    }

    fn built(&self) -> &Built {
        self.built.get_or_init(|| build(&self.parts, &self.volumes))
    }

    /// The parts added so far, with their detected root prefixes.
    pub fn parts(&self) -> &[PartInfo] {
        &self.built().parts
    }

    /// The merged virtual tree: files only, sorted by path, root prefix stripped.
    pub fn entries(&self) -> &[Entry] {
        &self.built().entries
    }

    /// Entries whose path starts with `prefix` (e.g. `your_instagram_activity/`).
    pub fn entries_under(&self, prefix: &str) -> &[Entry] {
        let all = self.entries();
        let start = all.partition_point(|e| e.path.as_str() < prefix);
        let rest = all.get(start..).unwrap_or(&[]);
        let len = rest.partition_point(|e| e.path.starts_with(prefix));
        rest.get(..len).unwrap_or(&[])
    }

    /// The entry at `path` (root-relative). With duplicates, the first part's copy.
    pub fn entry(&self, path: &str) -> Option<&Entry> {
        let all = self.entries();
        let i = all.binary_search_by(|e| e.path.as_str().cmp(path)).ok()?;
        all.get(i)
    }

    /// Same path, different content in another part (or ZIP inside a part): every copy
    /// after the first, sorted by path. Same path with same size and CRC is kept once.
    pub fn duplicates(&self) -> &[Entry] {
        &self.built().duplicates
    }

    /// Every copy of `path`: the tree's entry first, then its differing duplicates.
    pub fn versions(&self, path: &str) -> Vec<&Entry> {
        let dups = self.duplicates();
        let start = dups.partition_point(|e| e.path.as_str() < path);
        self.entry(path)
            .into_iter()
            .chain(
                dups.get(start..)
                    .unwrap_or(&[])
                    .iter()
                    .take_while(|e| e.path == path),
            )
            .collect()
    }

    /// The root prefix of the first part that has one (e.g. `instagram-jane-…/`), or `""`.
    pub fn root_prefix(&self) -> &str {
        &self.built().root_prefix
    }

    /// Folders left out because they are other exports in a combined Meta download
    /// (`meta-…/facebook-…/`), or parts that are whole Facebook exports.
    pub fn other_exports(&self) -> &[String] {
        &self.built().other_exports
    }

    /// Whether Facebook data was seen (and left out, if Instagram data is present).
    pub fn has_facebook(&self) -> bool {
        self.built().facebook
    }

    /// Read and inflate one entry into memory, refusing entries whose declared size
    /// exceeds `limit`, stopping if the inflated bytes exceed it (zip bomb); checks CRC.
    pub fn read(&mut self, path: &str, limit: u64) -> Result<Vec<u8>, ArchiveError> {
        let entry = self
            .entry(path)
            .cloned()
            .ok_or_else(|| ArchiveError::NotFound(path.to_owned()))?;
        self.read_entry(&entry, limit)
    }

    /// Like [`Archive::read`] for a specific copy (see [`Archive::versions`]).
    pub fn read_entry(&mut self, entry: &Entry, limit: u64) -> Result<Vec<u8>, ArchiveError> {
        check_readable(entry)?;
        if entry.size > limit {
            return Err(ArchiveError::TooLarge {
                path: entry.path.clone(),
                size: entry.size,
                limit,
            });
        }
        let (vol, raw) = self.resolve(entry)?;
        match &mut vol.body {
            Body::Zip { zip, .. } => volume::read_zip_entry(zip, &raw, &entry.path, limit),
            Body::Loose(files) => {
                let file = files
                    .get_mut(raw.index)
                    .ok_or_else(|| ArchiveError::NotFound(entry.path.clone()))?;
                volume::read_loose(file, &entry.path, limit)
            }
        }
    }

    /// The first `n` bytes of an entry (inflated), e.g. to tell a media type by its magic
    /// bytes; never inflates more than that.
    pub fn read_head(&mut self, path: &str, n: usize) -> Result<Vec<u8>, ArchiveError> {
        let entry = self
            .entry(path)
            .cloned()
            .ok_or_else(|| ArchiveError::NotFound(path.to_owned()))?;
        check_readable(&entry)?;
        let (vol, raw) = self.resolve(&entry)?;
        match &mut vol.body {
            Body::Zip { zip, .. } => volume::read_zip_head(zip, &raw, &entry.path, n),
            Body::Loose(files) => {
                let file = files
                    .get_mut(raw.index)
                    .ok_or_else(|| ArchiveError::NotFound(entry.path.clone()))?;
                volume::read_loose_head(file, n)
            }
        }
    }

    /// For media: where the raw (possibly deflated) bytes are, so the browser can slice the
    /// file without the bytes entering wasm. Reads the entry's local header once.
    pub fn locate(&mut self, path: &str) -> Result<Location, ArchiveError> {
        let entry = self
            .entry(path)
            .cloned()
            .ok_or_else(|| ArchiveError::NotFound(path.to_owned()))?;
        self.locate_entry(&entry)
    }

    /// Like [`Archive::locate`] for a specific copy.
    pub fn locate_entry(&mut self, entry: &Entry) -> Result<Location, ArchiveError> {
        check_readable(entry)?;
        let (vol, raw) = self.resolve(entry)?;
        let base = vol.base;
        let (offset, source_path) = match &mut vol.body {
            Body::Zip { direct, .. } => {
                (volume::data_offset(direct, base, &raw, &entry.path)?, None)
            }
            Body::Loose(_) => (0, Some(raw.name.clone())),
        };
        Ok(Location {
            part: entry.part,
            offset,
            compressed_size: entry.compressed_size,
            size: entry.size,
            compression: entry.compression,
            source_path,
        })
    }

    /// The volume and raw entry behind `entry`, checked so a stale or hand-made `Entry`
    /// cannot read the wrong bytes.
    fn resolve(&mut self, entry: &Entry) -> Result<(&mut Volume, RawEntry), ArchiveError> {
        let not_found = || ArchiveError::NotFound(entry.path.clone());
        let vol = self.volumes.get_mut(entry.volume).ok_or_else(not_found)?;
        let raw = vol
            .entries
            .get(entry.index)
            .cloned()
            .ok_or_else(not_found)?;
        if raw.name != entry.source_path || vol.part != entry.part {
            return Err(not_found());
        }
        Ok((vol, raw))
    }
}

fn check_readable(entry: &Entry) -> Result<(), ArchiveError> {
    if entry.encrypted {
        return Err(ArchiveError::Encrypted(entry.path.clone()));
    }
    if let Compression::Other(method) = entry.compression {
        return Err(ArchiveError::UnsupportedCompression {
            path: entry.path.clone(),
            method,
        });
    }
    Ok(())
}

/// Open the ZIP at `base..base + len` and, inside it, stored ZIPs that hold an export.
/// The first volume returned is the outer one.
fn open_tree(
    shared: &Shared,
    part: usize,
    base: u64,
    len: u64,
    depth: usize,
    info: &mut PartInfo,
    budget: &mut Budget,
) -> Result<Vec<Volume>, ArchiveError> {
    let zip = volume::open_zip(shared, base, len, budget)?;
    let entries = volume::list(&zip);
    let found = prefix::find(entries.iter().map(|e| e.name.as_str()));
    let mut direct = Slice::whole(shared.clone())?;
    let mut inner_volumes = Vec::new();
    let mut hidden = HashSet::new();
    if depth < MAX_NESTING {
        let candidates = entries
            .iter()
            .filter(|e| media::ends_with_ignore_case(&e.name, ".zip") && !e.encrypted)
            .take(MAX_NESTED_TRIES);
        for e in candidates {
            if e.method != 0 {
                if found.instagram.is_none() {
                    info.notes.push(format!(
                        "“{}” inside this ZIP is itself compressed, so Keepsake cannot open it in \
                         place. Unzip it and add the inner file instead.",
                        e.name
                    ));
                }
                continue;
            }
            let start = volume::data_offset(&mut direct, base, e, &e.name);
            if let Ok(start) = start {
                // Another name for bytes already opened (a crafted ZIP can point hundreds
                // of entries at one inner ZIP): it stays a plain file.
                if !budget.opened.insert((part, start, e.compressed_size)) {
                    continue;
                }
                if budget.nested >= MAX_NESTED_VOLUMES {
                    info.notes.push(format!(
                        "This ZIP holds more ZIPs than Keepsake opens ({MAX_NESTED_VOLUMES}); \
                         “{}” and any after it are left as plain files.",
                        e.name
                    ));
                    break;
                }
                budget.nested += 1;
            }
            let inner = start.and_then(|start| {
                open_tree(
                    shared,
                    part,
                    start,
                    e.compressed_size,
                    depth + 1,
                    info,
                    budget,
                )
            });
            match inner {
                Ok(vols) => {
                    let marked = vols
                        .iter()
                        .any(|v| v.prefix.is_some() || v.facebook.is_some());
                    // Expand when it holds an export, or when the outer ZIP holds nothing
                    // else recognizable (a plain wrapper around the real export).
                    if marked || found.instagram.is_none() {
                        hidden.insert(e.index);
                        info.nested.push(e.name.clone());
                        inner_volumes.extend(vols);
                    }
                }
                Err(err) if found.instagram.is_none() => {
                    info.notes.push(format!(
                        "“{}” inside this ZIP could not be opened: {err}",
                        e.name
                    ));
                }
                Err(_) => {}
            }
        }
    }
    let entries = entries
        .into_iter()
        .filter(|e| !hidden.contains(&e.index))
        .collect();
    let outer = Volume {
        part,
        base,
        body: Body::Zip {
            zip: Box::new(zip),
            direct,
        },
        entries,
        prefix: found.instagram,
        facebook: found.facebook,
    };
    let mut out = vec![outer];
    out.extend(inner_volumes);
    Ok(out)
}

/// How a volume's root was found.
enum Root {
    /// Instagram markers.
    Instagram(String),
    /// A Facebook export's markers.
    Facebook(String),
    /// No markers: borrowed from another part, a wrapper folder name, or `""`.
    Guess(String),
}

impl Root {
    fn prefix(&self) -> &str {
        match self {
            Self::Instagram(p) | Self::Facebook(p) | Self::Guess(p) => p,
        }
    }
}

/// Markers of a volume. Loose files arrive one by one, so theirs are found at build time.
fn markers(v: &Volume) -> prefix::Found {
    match &v.body {
        Body::Loose(_) => prefix::find(v.entries.iter().map(|e| e.name.as_str())),
        Body::Zip { .. } => prefix::Found {
            instagram: v.prefix.clone(),
            facebook: v.facebook.clone(),
        },
    }
}

/// Root prefix for a volume: its markers, else a known root of another part that most of
/// its names share, else an `instagram-…/` wrapper folder, else none.
fn resolve_root(v: &Volume, found: prefix::Found, known: &[String]) -> Root {
    if let Some(p) = found.instagram {
        return Root::Instagram(p);
    }
    if let Some(p) = found.facebook {
        return Root::Facebook(p);
    }
    let names = || v.entries.iter().map(|e| e.name.as_str());
    for k in known.iter().filter(|k| !k.is_empty()) {
        let under = names().filter(|n| n.starts_with(k.as_str())).count();
        if under * 2 > v.entries.len() {
            return Root::Guess(k.clone());
        }
    }
    Root::Guess(prefix::wrapper(names()).unwrap_or_default())
}

fn build(parts: &[Part], volumes: &[Volume]) -> Built {
    let found: Vec<prefix::Found> = volumes.iter().map(markers).collect();
    let known: Vec<String> = found.iter().filter_map(|f| f.instagram.clone()).collect();
    let roots: Vec<Root> = volumes
        .iter()
        .zip(found)
        .map(|(v, f)| resolve_root(v, f, &known))
        .collect();
    let any_instagram = roots.iter().any(|r| matches!(r, Root::Instagram(_)));
    let mut out = Built {
        parts: parts.iter().map(|p| p.info.clone()).collect(),
        ..Built::default()
    };
    let mut part_marked = vec![false; out.parts.len()];
    let mut others = BTreeSet::new();
    let mut rows: Vec<Entry> = Vec::new();
    for (vi, (v, found)) in volumes.iter().zip(&roots).enumerate() {
        let root = found.prefix();
        // A part's root: its first Instagram root, else its first guess.
        let marked = matches!(found, Root::Instagram(_));
        if let (Some(info), Some(has)) = (out.parts.get_mut(v.part), part_marked.get_mut(v.part))
            && !*has
            && (info.root_prefix.is_empty() || marked)
        {
            info.root_prefix = root.to_owned();
            *has = marked;
        }
        if let Root::Facebook(_) = found {
            out.facebook = true;
            // A whole Facebook export next to an Instagram one: leave it out, say so.
            if any_instagram {
                if let Some(info) = out.parts.get(v.part) {
                    others.insert(format!("{}: {root}", info.name));
                }
                continue;
            }
        }
        for (index, raw) in v.entries.iter().enumerate() {
            let path = match raw.name.strip_prefix(root) {
                Some(rest) => rest.to_owned(),
                None => {
                    if let Some(sibling) = prefix::sibling_export(&raw.name, root) {
                        out.facebook |= prefix::last_component(sibling).starts_with("facebook-");
                        others.insert(sibling.to_owned());
                        continue;
                    }
                    raw.name.clone()
                }
            };
            if path.is_empty() {
                continue;
            }
            rows.push(Entry {
                path,
                part: v.part,
                size: raw.size,
                compressed_size: raw.compressed_size,
                compression: Compression::from_id(raw.method),
                encrypted: raw.encrypted,
                crc32: raw.crc32,
                source_path: raw.name.clone(),
                volume: vi,
                index,
            });
        }
    }
    // Sorted through positions, which are cheaper to move than whole entries. Stable: for
    // equal paths the earlier part stays first and wins.
    let path = |i: usize| rows.get(i).map_or("", |row| row.path.as_str());
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| path(a).cmp(path(b)));
    let order_len = order.len();
    let mut rows: Vec<Option<Entry>> = rows.into_iter().map(Some).collect();
    let sorted = order
        .into_iter()
        .filter_map(|i| rows.get_mut(i).and_then(Option::take));
    let mut entries: Vec<Entry> = Vec::with_capacity(order_len);
    // (size, CRC) of the current path's duplicates: a hash set, since hostile names can
    // give one path tens of thousands of copies.
    let mut seen: HashSet<(u64, Option<u32>)> = HashSet::new();
    for row in sorted {
        match entries.last() {
            Some(prev) if prev.path == row.path => {
                let same = prev.size == row.size
                    && (prev.crc32 == row.crc32 || prev.crc32.is_none() || row.crc32.is_none());
                if !same && seen.insert((row.size, row.crc32)) {
                    out.duplicates.push(row);
                }
            }
            _ => {
                seen.clear();
                entries.push(row);
            }
        }
    }
    out.entries = entries;
    out.root_prefix = out
        .parts
        .iter()
        .map(|p| p.root_prefix.as_str())
        .find(|p| !p.is_empty())
        .unwrap_or("")
        .to_owned();
    out.other_exports = others.into_iter().collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::MAX_ENTRIES;

    #[test]
    fn loose_files_share_the_entry_budget() {
        let mut a = Archive::new();
        a.add_loose_file("f/a.json", Box::new(vec![1])).unwrap();
        a.budget.charge(MAX_ENTRIES - 2, 0).unwrap();
        a.add_loose_file("f/b.json", Box::new(vec![1])).unwrap();
        let refused = a.add_loose_file("f/c.json", Box::new(vec![1]));
        assert!(matches!(refused, Err(ArchiveError::TooManyFiles { .. })));
        assert_eq!(a.entries().len(), 2);
    }

    #[test]
    fn compression_names() {
        let names = [
            Compression::Stored,
            Compression::Deflated,
            Compression::Other(12),
        ]
        .map(|c| c.to_string());
        assert_eq!(names, ["stored", "deflated", "method 12"]);
    }
}
