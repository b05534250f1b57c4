//! `cargo xtask inspect PATH...`: the "what's in this export" report, natively, as JSON.
//! It is the tool for debugging a user's report without seeing their data: it prints
//! structure and counts, and paths only for files Keepsake does not recognise.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use keepsake_archive::container::{Archive, Compression};
use keepsake_archive::detect;
use keepsake_archive::source::FileSource;
use serde::Serialize;

#[derive(Serialize)]
struct Report {
    kind: String,
    era: Option<String>,
    format: Option<String>,
    message: Option<String>,
    root_prefix: String,
    parts: Vec<PartLine>,
    entry_count: usize,
    total_bytes: u64,
    files_by_type: BTreeMap<String, usize>,
    compression: BTreeMap<String, usize>,
    duplicates: usize,
    other_exports: Vec<String>,
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
    let detection = detect::detect(&archive);
    let mut files_by_type = BTreeMap::new();
    let mut compression = BTreeMap::new();
    for entry in archive.entries() {
        *files_by_type.entry(extension(&entry.path)).or_insert(0) += 1;
        let method = match entry.compression {
            Compression::Stored => "stored".to_string(),
            Compression::Deflated => "deflated".to_string(),
            Compression::Other(m) => format!("method {m}"),
        };
        *compression.entry(method).or_insert(0) += 1;
    }
    Ok(Report {
        kind: format!("{:?}", detection.kind),
        era: detection.era.map(|e| e.label().to_string()),
        format: detection.format.map(|f| format!("{f:?}")),
        message: detection.message,
        root_prefix: archive.root_prefix().to_string(),
        total_bytes: parts.iter().map(|p| p.size).sum(),
        parts,
        entry_count: archive.entries().len(),
        files_by_type,
        compression,
        duplicates: archive.duplicates().len(),
        other_exports: archive.other_exports().to_vec(),
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

/// The lower-cased extension, or "(none)" for the extension-less media Meta writes.
fn extension(path: &str) -> String {
    let file = path.rsplit('/').next().unwrap_or(path);
    match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.len() <= 5 => ext.to_ascii_lowercase(),
        _ => "(none)".to_string(),
    }
}
