//! References to media files and the facts known about them.

use serde::{Deserialize, Serialize};

use crate::instant::Instant;

/// What a media file is, judged by its extension (files without one are `Unknown`;
/// the UI sniffs their bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MediaKind {
    Image,
    Video,
    Audio,
    Subtitles,
    Other,
    Unknown,
}

impl MediaKind {
    pub fn from_path(path: &str) -> Self {
        let name = path.rsplit('/').next().unwrap_or(path);
        let Some((_, ext)) = name.rsplit_once('.') else {
            return MediaKind::Unknown;
        };
        match ext.to_ascii_lowercase().as_str() {
            "jpg" | "jpeg" | "png" | "webp" | "heic" | "heif" | "gif" | "bmp" | "avif" => {
                MediaKind::Image
            }
            "mp4" | "mov" | "webm" | "m4v" | "3gp" => MediaKind::Video,
            "m4a" | "aac" | "mp3" | "ogg" | "opus" | "wav" => MediaKind::Audio,
            "srt" | "vtt" => MediaKind::Subtitles,
            _ => MediaKind::Other,
        }
    }
}

/// A media file named by the JSON, resolved against the export's files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaRef {
    /// As written in the JSON (root-relative path, or an `http(s)` URL).
    pub uri: String,
    /// The path of the file in the export, when it is there.
    pub path_in_export: Option<String>,
    /// The JSON names a file the export does not contain (another part, an expired story, …).
    pub missing: bool,
    pub kind: Option<MediaKind>,
}

impl MediaRef {
    /// Whether the uri is a web address (signed CDN URLs expire; never fetched).
    pub fn is_remote(&self) -> bool {
        self.uri.starts_with("http://") || self.uri.starts_with("https://")
    }
}

/// One photo or video with what the export says about it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MediaItem {
    pub media: MediaRef,
    /// When it was posted (`creation_timestamp`).
    pub created: Instant,
    /// EXIF `date_time_original` as written (camera-local time, no zone).
    pub taken_local: Option<String>,
    pub caption: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// Every EXIF fact as `(key, value)`.
    pub exif: Vec<(String, String)>,
    /// `cross_post_source.source_app` (e.g. `FB`).
    pub cross_posted_from: Option<String>,
    /// Legacy `location` name.
    pub place: Option<String>,
    /// A video's subtitle file (`video_metadata.subtitles`, SubRip); `None` when not named.
    pub subtitles: Option<MediaRef>,
}
