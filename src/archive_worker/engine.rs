//! What the worker does with the engine: open the parts it is given into one archive and
//! answer questions about it. Free of browser types, so it runs on any byte source.

use std::collections::HashMap;

use keepsake_archive::container::{Archive, Compression, PartKind};
use keepsake_archive::media;
use keepsake_archive::source::RandomAccess;
use keepsake_archive::summary;
use keepsake_archive::{Catalog, Counting, Export, Parsed};

use super::conversations::Conversations;
use crate::protocol::query::Job;
use crate::protocol::{
    EntryPage, EntryRow, MediaInfo, Missing, PartReport, PartSource, Progress, SectionCount,
    Summary, TextFile, WorkerError,
};
use crate::sections::{self, Section};

/// One chosen file and how it takes part in the export.
pub struct OpenPart {
    pub source: PartSource,
    pub data: Box<dyn RandomAccess>,
}

#[derive(Default)]
pub struct Engine {
    export: Option<Export>,
    /// The section of each entry, in the archive's entry order.
    sections: Vec<Section>,
    /// For each archive part, which chosen file it is (`None` for the folder part).
    part_files: Vec<Option<usize>>,
    /// For a chosen folder, which chosen file each of its paths is.
    loose_files: HashMap<String, usize>,
    pub(super) conversations: Conversations,
    /// The catalog's count, while it runs in slices.
    pub(super) counting: Option<Counting>,
    /// The catalog, once counted: it is computed once per export.
    pub(super) catalog: Option<Parsed<Catalog>>,
}

/// Text shown for a file without a view is capped: the page shows a preview, not a dump.
const TEXT_LIMIT: u64 = 1 << 20;

/// Loose files report progress in batches: a folder export has tens of thousands.
const LOOSE_PROGRESS_EVERY: u64 = 500;

impl Engine {
    /// Opens `parts` as one export, replacing what was open. A part that fails is reported
    /// and the others stay open.
    pub fn open(&mut self, parts: Vec<OpenPart>, progress: &dyn Fn(u64, u64, &str)) -> Summary {
        let mut archive = Archive::new();
        let total = parts.len() as u64;
        let mut zip_files = Vec::new();
        let mut loose_files = HashMap::new();
        let mut reports: Vec<PartReport> = Vec::new();
        let mut folder: Option<PartReport> = None;
        for (index, part) in parts.into_iter().enumerate() {
            let done = index as u64;
            let size = part.data.len();
            match part.source {
                PartSource::Zip { name } => {
                    progress(done, total, &name);
                    let report = match archive.add_zip(&name, part.data) {
                        Ok(info) => {
                            zip_files.push(index);
                            PartReport {
                                name,
                                size,
                                entries: info.entries,
                                error: None,
                            }
                        }
                        Err(error) => PartReport {
                            name,
                            size,
                            entries: 0,
                            error: Some(error.to_string()),
                        },
                    };
                    reports.push(report);
                }
                PartSource::Loose { path } => {
                    loose_files.insert(path.clone(), index);
                    if done.is_multiple_of(LOOSE_PROGRESS_EVERY) {
                        progress(done, total, "the folder’s files");
                    }
                    let report = folder.get_or_insert_with(|| PartReport {
                        name: folder_name(&path),
                        size: 0,
                        entries: 0,
                        error: None,
                    });
                    report.size += size;
                    match archive.add_loose_file(&path, part.data) {
                        Ok(()) => report.entries += 1,
                        Err(error) => {
                            report.error.get_or_insert_with(|| error.to_string());
                        }
                    }
                }
            }
        }
        progress(total, total, "");
        reports.extend(folder);
        let mut classifier = sections::Classifier::default();
        self.sections = archive
            .entries()
            .iter()
            .map(|e| section_of(&e.path, &mut classifier))
            .collect();
        // Archive parts are the ZIPs that opened, in order, and at most one folder.
        let mut zips = zip_files.into_iter();
        self.part_files = archive
            .parts()
            .iter()
            .map(|part| match part.kind {
                PartKind::Zip => zips.next(),
                PartKind::Folder => None,
            })
            .collect();
        self.loose_files = loose_files;
        self.conversations = Conversations::default();
        self.counting = None;
        self.catalog = None;
        let export = Export::new(archive);
        let summary = summarize(&export, reports, &self.sections);
        self.export = Some(export);
        summary
    }

    /// The open export.
    pub fn export(&mut self) -> Result<&mut Export, WorkerError> {
        self.export.as_mut().ok_or(WorkerError::NotOpen)
    }

    /// Runs `f` on the conversations and the open export.
    pub(super) fn with_conversations<T>(
        &mut self,
        f: impl FnOnce(&mut Conversations, &mut Export) -> Result<T, WorkerError>,
    ) -> Result<T, WorkerError> {
        let export = self.export.as_mut().ok_or(WorkerError::NotOpen)?;
        f(&mut self.conversations, export)
    }

    /// One slice of a long job: true once it is done (its answer is then kept).
    pub fn work(&mut self, job: Job) -> Result<bool, WorkerError> {
        let export = self.export.as_mut().ok_or(WorkerError::NotOpen)?;
        match job {
            Job::Catalog => {
                if self.catalog.is_none() {
                    let counting = self.counting.get_or_insert_with(Counting::default);
                    self.catalog = counting.step(export);
                }
                if self.catalog.is_some() {
                    self.counting = None;
                }
                Ok(self.catalog.is_some())
            }
        }
    }

    /// How far a long job has come.
    pub fn progress(&self, job: Job) -> Progress {
        match job {
            Job::Catalog => self.counting.as_ref().map_or_else(Progress::default, |c| {
                let status = c.status();
                Progress {
                    done: status.done,
                    total: status.total,
                    what: status.what.to_string(),
                }
            }),
        }
    }

    /// Where a media file's bytes are and what type they are (from their magic bytes).
    pub fn media(&mut self, path: &str) -> Result<MediaInfo, WorkerError> {
        let archive = self.export()?.archive_mut();
        let location = archive.locate(path)?;
        let head = archive.read_head(path, media::HEAD_LEN)?;
        let file = match &location.source_path {
            Some(loose) => self.loose_files.get(loose).copied(),
            None => self.part_files.get(location.part).copied().flatten(),
        };
        let file = file.ok_or(WorkerError::NotFound(Missing::File))?;
        Ok(MediaInfo {
            path: path.to_string(),
            file,
            offset: location.offset,
            stored_size: location.compressed_size,
            size: location.size,
            deflated: location.compression == Compression::Deflated,
            mime: media::sniff(&head).map(str::to_string),
        })
    }

    /// A text file's first megabyte, decoded leniently.
    pub fn text(&mut self, path: &str) -> Result<TextFile, WorkerError> {
        let archive = self.export()?.archive_mut();
        let size = archive
            .entry(path)
            .map(|e| e.size)
            .ok_or(WorkerError::NotFound(Missing::File))?;
        let bytes = if size > TEXT_LIMIT {
            archive.read_head(path, TEXT_LIMIT as usize)?
        } else {
            archive.read(path, TEXT_LIMIT)?
        };
        Ok(TextFile {
            path: path.to_string(),
            text: readable(path, String::from_utf8_lossy(&bytes).into_owned()),
            truncated: size > TEXT_LIMIT,
            size,
        })
    }

    /// A page of the entries whose path contains `filter` (case-insensitive), in `section`.
    pub fn entries(
        &self,
        filter: &str,
        section: Option<Section>,
        offset: usize,
        limit: usize,
    ) -> EntryPage {
        let Some(archive) = self.export.as_ref().map(Export::archive) else {
            return EntryPage::default();
        };
        let needle = filter.trim().to_lowercase();
        let matching = archive
            .entries()
            .iter()
            .zip(&self.sections)
            .filter(|(_, s)| section.is_none_or(|wanted| **s == wanted))
            .filter(|(e, _)| needle.is_empty() || e.path.to_lowercase().contains(&needle))
            .map(|(e, _)| e);
        let mut total = 0;
        let mut rows = Vec::new();
        for entry in matching {
            if total >= offset && rows.len() < limit {
                rows.push(EntryRow {
                    path: entry.path.clone(),
                    size: entry.size,
                    compressed_size: entry.compressed_size,
                    compression: entry.compression.to_string(),
                    part: entry.part,
                });
            }
            total += 1;
        }
        EntryPage {
            total,
            offset,
            rows,
        }
    }
}

/// JSON re-indented with Meta's mangled text repaired, here rather than on the page's
/// thread (a megabyte of it takes a while); other text as it is.
fn readable(path: &str, text: String) -> String {
    if path.to_ascii_lowercase().ends_with(".json") {
        keepsake_archive::text::readable_json(&text).unwrap_or(text)
    } else {
        text
    }
}

/// A JSON file no parser reads belongs to "Other data", wherever it sits: that is where
/// its records are shown.
fn section_of(path: &str, classifier: &mut sections::Classifier) -> Section {
    if media::ends_with_ignore_case(path, ".json") && !keepsake_archive::parse::is_claimed(path) {
        Section::Other
    } else {
        classifier.classify(path)
    }
}

fn summarize(export: &Export, parts: Vec<PartReport>, sections: &[Section]) -> Summary {
    let summary = summary::summarize(export);
    let counts = Section::ALL
        .into_iter()
        .map(|section| SectionCount {
            section,
            files: sections.iter().filter(|s| **s == section).count(),
        })
        .collect();
    Summary {
        total_bytes: parts.iter().map(|p| p.size).sum(),
        parts,
        entry_count: summary.entry_count,
        root_prefix: summary.root_prefix,
        detection: summary.detection,
        sections: counts,
        file_types: summary.file_types,
        // Filled in by the Open handler from what the host measures (`Attachments::figures`).
        source_reads: 0,
        worker_memory: 0,
    }
}

/// The chosen folder's name: the first segment of its files' relative paths.
fn folder_name(path: &str) -> String {
    match path.split_once('/') {
        Some((first, _)) if !first.is_empty() => first.to_string(),
        _ => "chosen files".to_string(),
    }
}
