//! What the worker does with the engine: open the parts it is given into one archive and
//! answer questions about it. Free of browser types, so it runs on any byte source.

use keepsake_archive::container::{Archive, Compression};
use keepsake_archive::detect::{self, ExportKind};
use keepsake_archive::source::RandomAccess;

use crate::protocol::{
    DetectionReport, EntryPage, EntryRow, PartReport, PartSource, SectionCount, Summary,
};
use crate::sections::{self, Section};

/// One chosen file and how it takes part in the export.
pub struct OpenPart {
    pub source: PartSource,
    pub data: Box<dyn RandomAccess>,
}

#[derive(Default)]
pub struct Engine {
    archive: Option<Archive>,
    /// The section of each entry, in the archive's entry order.
    sections: Vec<Section>,
}

/// Loose files report progress in batches: a folder export has tens of thousands.
const LOOSE_PROGRESS_EVERY: u64 = 500;

impl Engine {
    /// Opens `parts` as one export, replacing what was open. A part that fails is reported
    /// and the others stay open.
    pub fn open(&mut self, parts: Vec<OpenPart>, progress: &dyn Fn(u64, u64, &str)) -> Summary {
        let mut archive = Archive::new();
        let total = parts.len() as u64;
        let mut reports: Vec<PartReport> = Vec::new();
        let mut folder: Option<PartReport> = None;
        for (index, part) in parts.into_iter().enumerate() {
            let done = index as u64;
            let size = part.data.len();
            match part.source {
                PartSource::Zip { name } => {
                    progress(done, total, &name);
                    let report = match archive.add_zip(&name, part.data) {
                        Ok(info) => PartReport {
                            name,
                            size,
                            entries: info.entries,
                            error: None,
                        },
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
        self.sections = archive
            .entries()
            .iter()
            .map(|e| sections::classify(&e.path))
            .collect();
        let summary = summarize(&archive, reports, &self.sections);
        self.archive = Some(archive);
        summary
    }

    /// A page of the entries whose path contains `filter` (case-insensitive), in `section`.
    pub fn entries(
        &self,
        filter: &str,
        section: Option<Section>,
        offset: usize,
        limit: usize,
    ) -> EntryPage {
        let Some(archive) = &self.archive else {
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
                    compression: compression_label(&entry.compression),
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

fn summarize(archive: &Archive, parts: Vec<PartReport>, sections: &[Section]) -> Summary {
    let detection = detect::detect(archive);
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
        entry_count: archive.entries().len(),
        root_prefix: archive.root_prefix().to_string(),
        detection: DetectionReport {
            instagram: detection.kind == ExportKind::Instagram,
            kind: format!("{:?}", detection.kind),
            era: detection.era.map(|era| era.label().to_string()),
            format: detection.format.map(|f| format!("{f:?}").to_uppercase()),
            message: detection.message,
        },
        sections: counts,
    }
}

fn compression_label(compression: &Compression) -> String {
    match compression {
        Compression::Stored => "stored".into(),
        Compression::Deflated => "deflated".into(),
        Compression::Other(method) => format!("method {method}"),
    }
}

/// The chosen folder's name: the first segment of its files' relative paths.
fn folder_name(path: &str) -> String {
    match path.split_once('/') {
        Some((first, _)) if !first.is_empty() => first.to_string(),
        _ => "chosen files".to_string(),
    }
}
