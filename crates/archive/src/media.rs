//! Media types from magic bytes. Meta's file names lie: `.jpg` files that are WebP, story
//! videos without an extension, HEIC since 2024. The browser needs the real type to show
//! a `Blob`, so it is read from the first bytes, never from the name.

/// How many leading bytes [`sniff`] needs.
pub const HEAD_LEN: usize = 32;

/// The MIME type of a media file from its first bytes, if it is one Keepsake knows.
pub fn sniff(head: &[u8]) -> Option<&'static str> {
    let starts = |magic: &[u8]| head.starts_with(magic);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        return Some("image/jpeg");
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Some("image/png");
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return Some("image/gif");
    }
    if starts(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        return Some("image/webp");
    }
    if head.get(4..8) == Some(b"ftyp") {
        return head.get(8..12).map(iso_brand);
    }
    if starts(b"ID3") || starts(&[0xFF, 0xFB]) || starts(&[0xFF, 0xF3]) {
        return Some("audio/mpeg");
    }
    if starts(&[0xFF, 0xF1]) || starts(&[0xFF, 0xF9]) {
        return Some("audio/aac");
    }
    if starts(b"OggS") {
        return Some("audio/ogg");
    }
    if starts(&[0x1A, 0x45, 0xDF, 0xA3]) {
        return Some("video/webm");
    }
    None
}

/// ISO base media files (MP4, MOV, M4A, HEIC) tell what they are by their major brand.
fn iso_brand(brand: &[u8]) -> &'static str {
    match brand {
        b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" => "image/heic",
        b"mif1" | b"msf1" | b"avif" => "image/heif",
        b"M4A " | b"M4B " => "audio/mp4",
        b"qt  " => "video/quicktime",
        _ => "video/mp4",
    }
}

/// Whether `path` ends with `suffix` (e.g. `.json`) in any ASCII case, without the
/// lower-cased copy of the path that `to_ascii_lowercase` would make for every entry.
pub fn ends_with_ignore_case(path: &str, suffix: &str) -> bool {
    path.len()
        .checked_sub(suffix.len())
        .and_then(|at| path.as_bytes().get(at..))
        .is_some_and(|end| end.eq_ignore_ascii_case(suffix.as_bytes()))
}

/// A file's lower-cased extension, or "(none)" for the extension-less files Meta writes.
pub fn extension(path: &str) -> String {
    let file = path.rsplit('/').next().unwrap_or(path);
    match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() && ext.len() <= 5 => {
            ext.to_ascii_lowercase()
        }
        _ => "(none)".to_string(),
    }
}

/// Whether the type is a still image, a video or audio (for choosing the element to show).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MediaClass {
    Image,
    Video,
    Audio,
}

pub fn class_of(mime: &str) -> Option<MediaClass> {
    match mime.split('/').next() {
        Some("image") => Some(MediaClass::Image),
        Some("video") => Some(MediaClass::Video),
        Some("audio") => Some(MediaClass::Audio),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ftyp(brand: &[u8; 4]) -> Vec<u8> {
        let mut head = vec![0, 0, 0, 0x20];
        head.extend_from_slice(b"ftyp");
        head.extend_from_slice(brand);
        head
    }

    #[test]
    fn tells_types_by_content_not_name() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(b"GIF89a.."), Some("image/gif"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8L"), Some("image/webp"));
        assert_eq!(sniff(&ftyp(b"heic")), Some("image/heic"));
        assert_eq!(sniff(&ftyp(b"mif1")), Some("image/heif"));
        assert_eq!(sniff(&ftyp(b"isom")), Some("video/mp4"));
        assert_eq!(sniff(&ftyp(b"M4A ")), Some("audio/mp4"));
        assert_eq!(sniff(&ftyp(b"qt  ")), Some("video/quicktime"));
        assert_eq!(sniff(b"ID3\x04"), Some("audio/mpeg"));
        assert_eq!(sniff(b"{\"json\": true}"), None);
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"RIFF"), None);
    }

    #[test]
    fn extensions_are_read_from_the_file_name_only() {
        assert_eq!(extension("media/posts/202401/1_n_2.JPG"), "jpg");
        assert_eq!(extension("media/stories/202401/AQO3x9"), "(none)");
        assert_eq!(extension("a.b/c"), "(none)");
        assert_eq!(extension(".DS_Store"), "(none)");
    }

    #[test]
    fn classes_follow_the_type() {
        assert_eq!(class_of("image/heic"), Some(MediaClass::Image));
        assert_eq!(class_of("audio/mp4"), Some(MediaClass::Audio));
        assert_eq!(class_of("video/mp4"), Some(MediaClass::Video));
        assert_eq!(class_of("application/json"), None);
    }
}
