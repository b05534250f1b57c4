//! The first look at an opened export, the same for the viewer and the native tools:
//! what it is (detection), how many files, and which types of file, packed how.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::container::{Archive, Compression};
use crate::detect::{Detection, Era, ExportKind, Format};
use crate::export::Export;
use crate::media;

/// What detection found, as it travels to the page and into reports.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct DetectionReport {
    /// An Instagram export, which Keepsake can show.
    pub instagram: bool,
    pub kind: ExportKind,
    pub era: Option<Era>,
    pub format: Option<Format>,
    /// A plain message when the export is not (yet) something Keepsake reads.
    pub message: Option<String>,
}

impl From<&Detection> for DetectionReport {
    fn from(detection: &Detection) -> Self {
        DetectionReport {
            instagram: detection.kind == ExportKind::Instagram,
            kind: detection.kind,
            era: detection.era,
            format: detection.format,
            message: detection.message.clone(),
        }
    }
}

/// The files of one extension and how they are packed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct FileTypeCount {
    /// Lower-cased extension, or "(none)".
    pub extension: String,
    pub files: usize,
    pub bytes: u64,
    pub stored: usize,
    pub deflated: usize,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ExportSummary {
    /// Files in the merged tree.
    pub entry_count: usize,
    /// The folder(s) the export sits in inside its ZIPs (`instagram-name-2024…/`), or "".
    pub root_prefix: String,
    pub detection: DetectionReport,
    /// Files per extension, most files first.
    pub file_types: Vec<FileTypeCount>,
}

pub fn summarize(export: &Export) -> ExportSummary {
    let archive = export.archive();
    ExportSummary {
        entry_count: archive.entries().len(),
        root_prefix: archive.root_prefix().to_string(),
        detection: DetectionReport::from(export.detection()),
        file_types: file_types(archive),
    }
}

/// Files per extension with their packing, most files first (then by extension).
pub fn file_types(archive: &Archive) -> Vec<FileTypeCount> {
    let mut by_extension: BTreeMap<String, FileTypeCount> = BTreeMap::new();
    for entry in archive.entries() {
        let extension = media::extension(&entry.path);
        let row = by_extension
            .entry(extension.clone())
            .or_insert_with(|| FileTypeCount {
                extension,
                ..FileTypeCount::default()
            });
        row.files += 1;
        row.bytes += entry.size;
        match entry.compression {
            Compression::Stored => row.stored += 1,
            Compression::Deflated => row.deflated += 1,
            Compression::Other(_) => {}
        }
    }
    let mut rows: Vec<FileTypeCount> = by_extension.into_values().collect();
    // The map gave extension order; a stable sort keeps it among equal counts.
    rows.sort_by_key(|row| std::cmp::Reverse(row.files));
    rows
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipWriter};

    use super::*;

    fn zip(files: &[(&str, CompressionMethod, &[u8])]) -> Vec<u8> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, method, bytes) in files {
            let options = SimpleFileOptions::default().compression_method(*method);
            writer.start_file(*name, options).unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn counts_files_per_extension_with_their_packing() {
        let (stored, deflated) = (CompressionMethod::Stored, CompressionMethod::Deflated);
        let bytes = zip(&[
            (
                "your_instagram_activity/likes/liked_posts.json",
                deflated,
                b"{}",
            ),
            (
                "personal_information/personal_information/a.JSON",
                stored,
                b"[]",
            ),
            ("media/posts/202401/1.jpg", stored, b"jpeg"),
            ("media/posts/202401/2.jpg", deflated, b"jpeg!"),
            ("media/posts/202401/3.jpg", stored, b"jp"),
            ("README", stored, b"hello"),
        ]);
        let mut archive = Archive::new();
        archive.add_zip("part.zip", Box::new(bytes)).unwrap();
        let summary = summarize(&Export::new(archive));

        assert_eq!(summary.entry_count, 6);
        assert_eq!(summary.root_prefix, "");
        let rows: Vec<(&str, usize, u64, usize, usize)> = summary
            .file_types
            .iter()
            .map(|r| (r.extension.as_str(), r.files, r.bytes, r.stored, r.deflated))
            .collect();
        assert_eq!(
            rows,
            vec![
                ("jpg", 3, 11, 2, 1),
                ("json", 2, 4, 1, 1),
                ("(none)", 1, 5, 1, 0),
            ]
        );
        let detection = &summary.detection;
        assert!(detection.instagram);
        assert_eq!(detection.kind, ExportKind::Instagram);
        assert_eq!(detection.era, Some(Era::AccountsCenter2024));
        assert_eq!(detection.format, Some(Format::Json));
    }

    #[test]
    fn detection_travels_as_typed_names() {
        let report = DetectionReport::from(&Detection {
            kind: ExportKind::Facebook,
            era: None,
            format: Some(Format::Html),
            message: Some("not Instagram".into()),
        });
        assert!(!report.instagram);
        let json = serde_json::to_string(&report).unwrap();
        assert_eq!(
            json,
            r#"{"instagram":false,"kind":"Facebook","era":null,"format":"Html","message":"not Instagram"}"#
        );
        assert_eq!(
            serde_json::from_str::<DetectionReport>(&json).unwrap(),
            report
        );
        assert_eq!(DetectionReport::default().kind, ExportKind::Unknown);
    }
}
