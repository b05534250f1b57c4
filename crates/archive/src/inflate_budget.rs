//! How much a deflated media entry may inflate to in the page. The browser inflates media
//! with its own `DecompressionStream`; nothing stops a 1 MB entry of zeros named like a
//! photo from becoming a gigabyte per tile. The page asks here before it starts, counts
//! the bytes as they come and stops at the limit, and checks the length at the end.
//!
//! Stored (not deflated) entries are slices of the person's own file: the browser reads
//! them from disk as the media element needs them, so they cost no memory and need no cap.

use std::fmt;

use crate::media::{MediaClass, class_of};

/// Videos and audio: 512 MiB. Instagram takes uploads of up to 15 minutes (reels) and
/// about 1 hour (longer videos, lives) and re-encodes them; exported videos seen are tens
/// to a few hundred megabytes. A larger "video" is someone else's file, not Instagram's.
pub const VIDEO_CAP: u64 = 512 << 20;

/// Images: 64 MiB. Instagram resizes photos to at most 1440 pixels wide, a few megabytes
/// at most; 64 MiB leaves room for originals and panoramas and keeps a grid of tiles in
/// a few hundred megabytes at worst.
pub const IMAGE_CAP: u64 = 64 << 20;

/// Anything else (offered as a download only): the video cap.
pub const OTHER_CAP: u64 = VIDEO_CAP;

/// Media formats are compressed already: deflate gains a few percent on them. An entry
/// that claims to grow more than this many times is not a photo or a video.
pub const MAX_RATIO: u64 = 20;

/// Below this size the ratio is not checked: tiny files (a header, a one-colour GIF) can
/// deflate well, and their cost is nothing.
pub const RATIO_FLOOR: u64 = 1 << 20;

/// Why an entry is not inflated, or was stopped. One sentence each, for the placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The declared size is above the cap for its type.
    TooLarge { size: u64, cap: u64 },
    /// The declared size is implausibly many times the stored size.
    Ratio { size: u64, stored: u64 },
    /// It inflates to more than it declares (stopped at the limit).
    Longer { size: u64 },
    /// It inflates to less than it declares.
    Shorter { size: u64, got: u64 },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Refusal::TooLarge { size, cap } => write!(
                f,
                "This file says it unpacks to {}, more than the {} allowed for its type.",
                mib(size),
                mib(cap)
            ),
            Refusal::Ratio { size, stored } => write!(
                f,
                "This file says it unpacks from {} to {}, which no photo or video does.",
                mib(stored),
                mib(size)
            ),
            Refusal::Longer { size } => write!(
                f,
                "This file unpacks to more than the {} its entry declares; it was stopped.",
                mib(size)
            ),
            Refusal::Shorter { size, got } => write!(
                f,
                "This file unpacks to {} bytes, not the {size} its entry declares.",
                got
            ),
        }
    }
}

fn mib(bytes: u64) -> String {
    if bytes < 1 << 20 {
        format!("{bytes} bytes")
    } else {
        format!("{} MiB", bytes >> 20)
    }
}

/// The cap for a type (from the magic bytes; `None` when unknown).
pub fn cap_for(mime: Option<&str>) -> u64 {
    match mime.and_then(class_of) {
        Some(MediaClass::Image) => IMAGE_CAP,
        Some(MediaClass::Video | MediaClass::Audio) => VIDEO_CAP,
        None => OTHER_CAP,
    }
}

/// Before inflating: the number of bytes the page may take from the inflater, or why it
/// should not start.
pub fn limit(mime: Option<&str>, size: u64, stored: u64) -> Result<u64, Refusal> {
    let cap = cap_for(mime);
    if size > cap {
        return Err(Refusal::TooLarge { size, cap });
    }
    if size > RATIO_FLOOR && size / stored.max(1) > MAX_RATIO {
        return Err(Refusal::Ratio { size, stored });
    }
    Ok(size)
}

/// While inflating: whether `read` bytes so far are still within `limit`.
pub fn within(read: u64, limit: u64) -> Result<(), Refusal> {
    if read > limit {
        Err(Refusal::Longer { size: limit })
    } else {
        Ok(())
    }
}

/// At the end: whether the inflated length is the declared one.
pub fn complete(read: u64, size: u64) -> Result<(), Refusal> {
    within(read, size)?;
    if read < size {
        return Err(Refusal::Shorter { size, got: read });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_sizes_above_the_cap_of_their_type_are_refused() {
        assert_eq!(limit(Some("image/jpeg"), 3 << 20, 3 << 20), Ok(3 << 20));
        assert_eq!(
            limit(Some("image/jpeg"), 1 << 30, 1 << 30),
            Err(Refusal::TooLarge {
                size: 1 << 30,
                cap: IMAGE_CAP
            })
        );
        assert_eq!(
            limit(Some("video/mp4"), 300 << 20, 290 << 20),
            Ok(300 << 20)
        );
        assert!(limit(Some("video/mp4"), VIDEO_CAP + 1, VIDEO_CAP).is_err());
        assert!(limit(None, VIDEO_CAP + 1, VIDEO_CAP).is_err());
    }

    /// The brief's bomb: a 1 MB entry, JPEG magic then zeros, declaring a gigabyte.
    #[test]
    fn absurd_ratios_are_refused_small_files_are_not() {
        assert!(matches!(
            limit(Some("image/jpeg"), 60 << 20, 1 << 20),
            Err(Refusal::Ratio { .. })
        ));
        assert!(limit(Some("video/mp4"), 400 << 20, 1 << 20).is_err());
        assert_eq!(limit(Some("image/gif"), 50_000, 100), Ok(50_000));
        assert_eq!(limit(Some("image/png"), 5 << 20, 4 << 20), Ok(5 << 20));
        assert!(limit(Some("image/png"), 5 << 20, 0).is_err());
    }

    #[test]
    fn inflating_stops_past_the_declared_size_and_checks_the_end() {
        assert_eq!(within(1000, 1000), Ok(()));
        assert_eq!(within(1001, 1000), Err(Refusal::Longer { size: 1000 }));
        assert_eq!(complete(1000, 1000), Ok(()));
        assert_eq!(
            complete(10, 1000),
            Err(Refusal::Shorter {
                size: 1000,
                got: 10
            })
        );
        assert!(complete(64 << 20, 1000).is_err());
    }

    #[test]
    fn refusals_read_as_sentences() {
        let text = Refusal::Longer { size: 1000 }.to_string();
        assert!(
            text.contains("more than the 1000 bytes its entry declares"),
            "{text}"
        );
        let text = Refusal::TooLarge {
            size: 1 << 30,
            cap: IMAGE_CAP,
        }
        .to_string();
        assert!(
            text.contains("1024 MiB") && text.contains("64 MiB"),
            "{text}"
        );
    }
}
