//! Is this an Instagram export, from which era, JSON or HTML (docs/FORMAT.md §1).
//!
//! Only paths are looked at. The 2025–2026 drift (docs/FORMAT.md §6.10) changes JSON
//! shapes, not paths, so [`Era::Drift2026`] is never returned here. Nothing reports it
//! yet: the parsers read the drifted shapes without flagging them.

use serde::{Deserialize, Serialize};

use crate::container::{Archive, Entry};
use crate::instant::Precision;
use crate::media;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportKind {
    Instagram,
    Facebook,
    #[default]
    Unknown,
}

/// Layout eras, oldest first (docs/FORMAT.md §1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Era {
    Legacy2018,
    Transitional2020,
    Folders2021,
    Folders2022,
    AccountsCenter2024,
    MediaMove2025,
    Drift2026,
}

impl Era {
    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Legacy2018 => "Original layout (2018–2020)",
            Self::Transitional2020 => "Original layout with new messages (2020–2021)",
            Self::Folders2021 => "Category folders (2021)",
            Self::Folders2022 => "Category folders (2022–2023)",
            Self::AccountsCenter2024 => "Accounts Center layout (2024)",
            Self::MediaMove2025 => "Accounts Center layout (2025)",
            Self::Drift2026 => "Accounts Center layout (late 2025 and later)",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    Json,
    Html,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Detection {
    pub kind: ExportKind,
    pub era: Option<Era>,
    pub format: Option<Format>,
    /// Plain message for unsupported or unusual cases.
    pub message: Option<String>,
}

impl Detection {
    /// How precise the export's times are, from its format: HTML pages print the wall
    /// clock to the minute, without a zone.
    pub fn precision(&self) -> Precision {
        match self.format {
            Some(Format::Html) => Precision::MinuteNoZone,
            _ => Precision::Exact,
        }
    }
}

/// Sorted entries make every "is there anything under X" question a binary search.
struct Paths<'a>(&'a [Entry]);

impl Paths<'_> {
    fn has(&self, path: &str) -> bool {
        self.0
            .binary_search_by(|e| e.path.as_str().cmp(path))
            .is_ok()
    }

    fn under(&self, prefix: &str) -> &[Entry] {
        let start = self.0.partition_point(|e| e.path.as_str() < prefix);
        let rest = self.0.get(start..).unwrap_or(&[]);
        let len = rest.partition_point(|e| e.path.starts_with(prefix));
        rest.get(..len).unwrap_or(&[])
    }

    fn any_under(&self, prefix: &str) -> bool {
        !self.under(prefix).is_empty()
    }
}

/// Classify the merged tree of `archive`.
pub fn detect(archive: &Archive) -> Detection {
    let paths = Paths(archive.entries());
    let facebook = paths.any_under("your_facebook_activity/")
        || paths.any_under("profile_information/")
        || paths.any_under("personal_information/profile_information/");
    // Facebook shares folder names (`personal_information/`, `messages/inbox/`) with
    // Instagram; only Instagram-only markers outweigh a Facebook marker.
    let instagram_only = paths.any_under("your_instagram_activity/")
        || paths.any_under("connections/followers_and_following/")
        || paths.any_under("personal_information/personal_information/")
        || paths.has("media.json");
    let era = if facebook && !instagram_only {
        None
    } else {
        era(&paths)
    };
    if era.is_none() && (facebook || !instagram_without_era(&paths)) {
        let (kind, message) = if facebook || archive.has_facebook() {
            (
                ExportKind::Facebook,
                "This is a Facebook download, not an Instagram one. Keepsake shows Instagram \
                 downloads only.",
            )
        } else {
            (
                ExportKind::Unknown,
                "This doesn't look like an Instagram download. Choose the ZIP file(s) from \
                 Instagram's “Download your information”.",
            )
        };
        return Detection {
            kind,
            era: None,
            format: None,
            message: Some(message.to_owned()),
        };
    }
    let format = format(&paths);
    let mut notes = Vec::new();
    if format == Some(Format::Html) {
        notes.push(
            "This download is in HTML format: times are to the minute (to the second from \
             2026) with no time zone, so they are shown as UTC, and IDs, unsent marks and \
             call lengths are missing. For the full view, request a new download and choose \
             JSON.",
        );
    }
    if archive.has_facebook() {
        notes.push("This Meta download also holds Facebook data, which Keepsake leaves out.");
    }
    if archive
        .other_exports()
        .iter()
        .any(|o| crate::prefix::last_component(o).starts_with("instagram"))
    {
        notes.push("This download holds more than one Instagram account; showing the first.");
    }
    Detection {
        kind: ExportKind::Instagram,
        era,
        format,
        message: (!notes.is_empty()).then(|| notes.join(" ")),
    }
}

/// Whether a file in `folder` is named `stem…` (`posts_1.json`, `stories.html`, …).
fn has_file_like(paths: &Paths<'_>, folder: &str, stems: &[&str]) -> bool {
    paths.under(folder).iter().any(|e| {
        let name = e.path.get(folder.len()..).unwrap_or("");
        !name.contains('/') && stems.iter().any(|s| name.starts_with(s))
    })
}

fn era(p: &Paths<'_>) -> Option<Era> {
    let media_indexes = ["posts_", "stories.", "reels.", "profile_photos."];
    if has_file_like(p, "your_instagram_activity/media/", &media_indexes) {
        return Some(Era::MediaMove2025);
    }
    if p.any_under("your_instagram_activity/")
        || p.any_under("connections/followers_and_following/")
        || p.any_under("personal_information/personal_information/")
    {
        return Some(Era::AccountsCenter2024);
    }
    let legacy = ["media.json", "profile.json", "connections.json"]
        .iter()
        .any(|f| p.has(f));
    if legacy {
        return Some(if p.any_under("messages/inbox/") {
            Era::Transitional2020
        } else {
            Era::Legacy2018
        });
    }
    if p.any_under("personal_information/") || p.any_under("ads_and_topics/") {
        return Some(Era::Folders2022);
    }
    if p.any_under("account_information/") || p.any_under("ads_and_content/") {
        return Some(Era::Folders2021);
    }
    if p.any_under("content/")
        || p.any_under("followers_and_following/")
        || p.any_under("login_and_account_creation/")
    {
        // Category folders without the folder that dates them: the later layout is likelier.
        return Some(Era::Folders2022);
    }
    None
}

/// Instagram-shaped but not datable (e.g. only `messages/inbox/` was requested).
fn instagram_without_era(p: &Paths<'_>) -> bool {
    let fb = p.any_under("your_facebook_activity/") || p.any_under("profile_information/");
    !fb && (p.any_under("messages/inbox/") || p.has("start_here.html"))
}

/// Whether the export's documents are JSON files or HTML pages.
pub(crate) fn document_format(archive: &Archive) -> Option<Format> {
    format(&Paths(archive.entries()))
}

/// HTML when category files are mostly `.html`; the entry pages break a tie.
fn format(p: &Paths<'_>) -> Option<Format> {
    let (mut json, mut html) = (0usize, 0usize);
    for e in p.0 {
        // Media folders and the HTML template's assets say nothing about the format.
        if e.path.starts_with("media/") || e.path.starts_with("files/") {
            continue;
        }
        if media::ends_with_ignore_case(&e.path, ".json") {
            json += 1;
        } else if media::ends_with_ignore_case(&e.path, ".html") {
            html += 1;
        }
    }
    let entry_page = p.has("start_here.html") || p.has("index.html");
    match (json, html) {
        (0, 0) if entry_page => Some(Format::Html),
        (0, 0) => None,
        (j, h) if h > j || (h == j && entry_page) => Some(Format::Html),
        _ => Some(Format::Json),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_times_are_minutes_without_a_zone() {
        let mut d = Detection {
            kind: ExportKind::Instagram,
            era: None,
            format: Some(Format::Html),
            message: None,
        };
        assert_eq!(d.precision(), Precision::MinuteNoZone);
        d.format = Some(Format::Json);
        assert_eq!(d.precision(), Precision::Exact);
        d.format = None;
        assert_eq!(d.precision(), Precision::Exact);
    }
}
