//! `cargo xtask inspect PATH...`: the "what's in this export" report, natively, as JSON.
//! It is the tool for debugging a user's report without seeing their data: it prints
//! structure and counts, and paths only for files Keepsake does not recognise.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use keepsake_archive::container::Archive;
use keepsake_archive::source::FileSource;
use keepsake_archive::summary::{ExportSummary, summarize};
use keepsake_archive::{Export, Problem};
use serde::Serialize;

#[derive(Serialize)]
struct Report {
    /// Detection, file count, root prefix and files per type, as the viewer shows them.
    #[serde(flatten)]
    summary: ExportSummary,
    parts: Vec<PartLine>,
    total_bytes: u64,
    /// Files per packing method (`stored`, `deflated`, `method 12`).
    compression: BTreeMap<String, usize>,
    duplicates: usize,
    other_exports: Vec<String>,
    /// Records per category, from the parsers.
    record_counts: BTreeMap<String, usize>,
    /// Messages per thread (thread ids are folder names: they can name people).
    thread_messages: BTreeMap<String, usize>,
    /// First and last dated record, as ISO dates.
    period: Option<(String, String)>,
    missing_media: Vec<String>,
    unknown_files: Vec<String>,
    /// Files the parsers could read only in part, and why.
    problems: Vec<Problem>,
}

#[derive(Serialize)]
struct PartLine {
    name: String,
    size: u64,
    entries: usize,
    error: Option<String>,
    notes: Vec<String>,
}

pub fn run(paths: &[String]) -> Result<(), String> {
    if paths.is_empty() {
        return Err("usage: cargo xtask inspect PATH... (ZIP parts or an unzipped folder)".into());
    }
    let report = inspect(&paths.iter().map(PathBuf::from).collect::<Vec<_>>())?;
    let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    println!("{json}");
    Ok(())
}

fn inspect(paths: &[PathBuf]) -> Result<Report, String> {
    let mut archive = Archive::new();
    let mut parts = Vec::new();
    for path in paths {
        if path.is_dir() {
            parts.push(add_folder(&mut archive, path)?);
        } else {
            parts.push(add_zip(&mut archive, path)?);
        }
    }
    let mut compression = BTreeMap::new();
    for entry in archive.entries() {
        *compression
            .entry(entry.compression.to_string())
            .or_insert(0) += 1;
    }
    let duplicates = archive.duplicates().len();
    let other_exports = archive.other_exports().to_vec();
    let mut export = Export::new(archive);
    let summary = summarize(&export);
    let catalog = keepsake_archive::catalog::count_all(&mut export);
    let period = catalog
        .value
        .first
        .get()
        .zip(catalog.value.last.get())
        .map(|_| (catalog.value.first.to_iso(), catalog.value.last.to_iso()));
    Ok(Report {
        summary,
        total_bytes: parts.iter().map(|p| p.size).sum(),
        parts,
        compression,
        duplicates,
        other_exports,
        record_counts: catalog.value.counts,
        thread_messages: catalog.value.thread_messages,
        period,
        missing_media: catalog.value.missing_media,
        unknown_files: catalog.value.unknown_files,
        problems: catalog.problems,
    })
}

fn add_zip(archive: &mut Archive, path: &Path) -> Result<PartLine, String> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let source = FileSource::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let size = source_len(path);
    Ok(match archive.add_zip(&name, Box::new(source)) {
        Ok(info) => PartLine {
            name,
            size,
            entries: info.entries,
            error: None,
            notes: info.notes,
        },
        Err(error) => PartLine {
            name,
            size,
            entries: 0,
            error: Some(error.to_string()),
            notes: Vec::new(),
        },
    })
}

fn add_folder(archive: &mut Archive, root: &Path) -> Result<PartLine, String> {
    let mut files = Vec::new();
    walk(root, &mut files).map_err(|e| format!("{}: {e}", root.display()))?;
    files.sort();
    let mut line = PartLine {
        name: root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        size: 0,
        entries: 0,
        error: None,
        notes: Vec::new(),
    };
    for file in files {
        let relative = file
            .strip_prefix(root)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let source = FileSource::open(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        line.size += source_len(&file);
        match archive.add_loose_file(&relative, Box::new(source)) {
            Ok(()) => line.entries += 1,
            Err(error) => {
                line.error.get_or_insert(error.to_string());
            }
        }
    }
    Ok(line)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn source_len(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use keepsake_archive::{Category, ExportKind};
    use keepsake_fixtures::spec::{Container, Era, Spec};

    #[test]
    fn reports_what_the_generator_wrote_for_parts_and_folders() {
        for container in [Container::Parts(2), Container::Folder] {
            let dir = std::env::temp_dir().join(format!(
                "keepsake-inspect-{}-{:?}",
                std::process::id(),
                container
            ));
            let _ = std::fs::remove_dir_all(&dir);
            let mut spec = Spec::new(Era::AccountsCenter2024);
            spec.container = container;
            let manifest = keepsake_fixtures::write_export(&spec, &dir)
                .unwrap_or_else(|e| panic!("generate: {e}"));
            let paths: Vec<PathBuf> = match &manifest.folder {
                Some(folder) => vec![dir.join(folder)],
                None => manifest
                    .parts
                    .iter()
                    .map(|p| dir.join(&p.file_name))
                    .collect(),
            };
            let report = inspect(&paths).unwrap_or_else(|e| panic!("inspect: {e}"));
            assert_eq!(report.summary.detection.kind, ExportKind::Instagram);
            assert_eq!(report.summary.entry_count, manifest.entry_count);
            assert_eq!(report.parts.len(), paths.len());
            // The summary's fields sit at the top of the JSON, beside the report's own.
            let json = serde_json::to_value(&report).unwrap_or_else(|e| panic!("json: {e}"));
            assert_eq!(json["detection"]["kind"], "Instagram");
            assert_eq!(json["entry_count"], manifest.entry_count);
            assert!(json["file_types"].as_array().is_some_and(|t| !t.is_empty()));
            for category in [
                Category::Posts,
                Category::Followers,
                Category::Following,
                Category::Messages,
                Category::Logins,
            ] {
                let key = category.key();
                assert_eq!(
                    report.record_counts.get(key),
                    manifest.counts.get(key),
                    "{key} in {container:?}"
                );
            }
            // Missing media includes subtitle files a video names but the export lacks.
            let mut missing = manifest.media.missing.clone();
            missing.extend(manifest.media.missing_subtitles.iter().cloned());
            missing.sort();
            assert_eq!(report.missing_media, missing);
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}
