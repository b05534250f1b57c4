//! The sections of the viewer and which export files belong to each. Paths are
//! root-relative (the engine strips `instagram-…/` prefixes) and matched by pattern,
//! never by exact location: Meta moves files between eras. The words shown for each
//! section live with the viewer; this is only which files go where.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Section {
    Profile,
    Posts,
    Stories,
    Reels,
    Messages,
    Connections,
    Activity,
    Account,
    Other,
}

impl Section {
    pub const ALL: [Section; 9] = [
        Section::Profile,
        Section::Posts,
        Section::Stories,
        Section::Reels,
        Section::Messages,
        Section::Connections,
        Section::Activity,
        Section::Account,
        Section::Other,
    ];
}

/// Classifies the files of one export. Digits never decide a section, so paths that
/// differ only in their numbers (every photo in `media/stories/202401/`) share one answer,
/// worked out once: an export can hold 100k files in a handful of such shapes.
#[derive(Default)]
pub struct Classifier {
    known: HashMap<Vec<u8>, Section>,
    shape: Vec<u8>,
}

impl Classifier {
    pub fn classify(&mut self, path: &str) -> Section {
        // Each run of digits becomes one `0`, in a plain byte loop: this runs once for
        // each of an export's (up to 100k) entries.
        let bytes = path.as_bytes();
        self.shape.clear();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_digit() {
                self.shape.push(b'0');
                while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
            } else {
                self.shape.push(b);
                i += 1;
            }
        }
        if let Some(&section) = self.known.get(&self.shape) {
            return section;
        }
        // Only ASCII digits were replaced, so the shape is as valid UTF-8 as the path.
        let section = classify(std::str::from_utf8(&self.shape).unwrap_or(path));
        self.known.insert(self.shape.clone(), section);
        section
    }
}

/// Which section a root-relative path belongs to. Order matters: the specific records
/// (comments on reels, liked posts) win over the media families their names mention.
/// No test may look at digits: [`Classifier`] relies on that.
pub fn classify(path: &str) -> Section {
    // Export paths are nearly always lower case already: no copy for those.
    let p = if path.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(path.to_ascii_lowercase())
    } else {
        Cow::Borrowed(path)
    };
    let found = Fragments::of(&p);
    let has = |needle: &str| found.has(needle);
    let file = p.rsplit('/').next().unwrap_or(&p);
    let top_level = !p.contains('/');

    if has("messages/") || file.starts_with("messages.") || p.starts_with("direct/") {
        Section::Messages
    } else if has("followers_and_following/") || file.starts_with("connections.") {
        Section::Connections
    } else if is_activity_record(&found, file) {
        Section::Activity
    } else if has("security_and_login")
        || has("login_and_account")
        || has("logged_information/")
        || has("ads_information/")
        || has("ads_and_")
        || has("preferences/")
        || has("off_of_instagram")
        || has("off_meta")
        || (top_level && is_legacy_account_file(file))
    {
        Section::Account
    } else if has("personal_information/")
        || has("account_information/")
        || has("profile_photos")
        || has("media/profile")
        || file.starts_with("profile.")
        || p.starts_with("profile/")
    {
        Section::Profile
    } else if has("reels") || has("igtv") {
        Section::Reels
    } else if has("stories") {
        Section::Stories
    } else if file.starts_with("posts")
        || has("media/posts")
        || has("archived_posts")
        || has("recently_deleted")
        || has("media/other")
        || has("other_content")
        || file.starts_with("media.")
        || p.starts_with("photos/")
        || p.starts_with("videos/")
    {
        Section::Posts
    } else if has("your_instagram_activity/") {
        Section::Activity
    } else {
        Section::Other
    }
}

/// Records of things the user did: comments, likes, saves, searches, views, interactions.
fn is_activity_record(found: &Fragments, file: &str) -> bool {
    let activity = FRAGMENTS.get(ACTIVITY).unwrap_or_default();
    activity.iter().any(|fragment| found.has(fragment)) || file.starts_with("hype.")
}

/// Every fragment [`classify`] looks for inside a (lower-cased) path.
const FRAGMENTS: [&str; 35] = [
    "messages/",
    "followers_and_following/",
    // ACTIVITY: these name records of things the user did.
    "comments",
    "likes",
    "liked_",
    "saved",
    "search",
    "story_interactions",
    "story_activities",
    "stories_activities",
    "seen_content",
    "_viewed",
    "_watched",
    "threads/",
    // ACTIVITY ends here.
    "security_and_login",
    "login_and_account",
    "logged_information/",
    "ads_information/",
    "ads_and_",
    "preferences/",
    "off_of_instagram",
    "off_meta",
    "personal_information/",
    "account_information/",
    "profile_photos",
    "media/profile",
    "reels",
    "igtv",
    "stories",
    "media/posts",
    "archived_posts",
    "recently_deleted",
    "media/other",
    "other_content",
    "your_instagram_activity/",
];

/// The fragments that name activity records.
const ACTIVITY: std::ops::Range<usize> = 2..14;

/// For each byte, the fragments with it at `at` (bit `i` is `FRAGMENTS[i]`).
const fn with_byte_at(at: usize) -> [u64; 256] {
    let mut table = [0u64; 256];
    let mut i = 0;
    while i < FRAGMENTS.len() {
        table[FRAGMENTS[i].as_bytes()[at] as usize] |= 1 << i;
        i += 1;
    }
    table
}

const FIRST_BYTE: [u64; 256] = with_byte_at(0);
const SECOND_BYTE: [u64; 256] = with_byte_at(1);

/// The fragments found in one path, all in a single pass. The worker classifies every
/// file of exports with 100k of them, and a `str::contains` per fragment (a substring
/// searcher built each time) made that the slowest step of opening one.
struct Fragments(u64);

impl Fragments {
    fn of(p: &str) -> Self {
        let bytes = p.as_bytes();
        let mut found = 0u64;
        for (at, pair) in bytes.windows(2).enumerate() {
            let (first, second) = (usize::from(pair[0]), usize::from(pair[1]));
            // Two bytes rule out nearly every fragment before any is compared.
            let mut candidates = FIRST_BYTE[first] & SECOND_BYTE[second] & !found;
            while candidates != 0 {
                let i = candidates.trailing_zeros() as usize;
                candidates &= candidates - 1;
                let fragment = FRAGMENTS.get(i).map_or(&[][..], |f| f.as_bytes());
                if bytes
                    .get(at..)
                    .is_some_and(|rest| rest.starts_with(fragment))
                {
                    found |= 1 << i;
                }
            }
        }
        Self(found)
    }

    /// Whether `fragment` (one of [`FRAGMENTS`]) occurs in the path. A path holds few
    /// fragments, so this compares `fragment` with those only.
    fn has(&self, fragment: &str) -> bool {
        debug_assert!(
            FRAGMENTS.contains(&fragment),
            "“{fragment}” is not in FRAGMENTS"
        );
        let mut found = self.0;
        while found != 0 {
            let i = found.trailing_zeros() as usize;
            found &= found - 1;
            if FRAGMENTS.get(i) == Some(&fragment) {
                return true;
            }
        }
        false
    }
}

fn is_legacy_account_file(file: &str) -> bool {
    [
        "account_history.",
        "devices.",
        "settings.",
        "information_about_you.",
        "checkout.",
        "autofill.",
        "contacts.",
        "uploaded_contacts.",
    ]
    .iter()
    .any(|prefix| file.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_every_era() {
        let cases = [
            ("your_instagram_activity/media/posts_1.json", Section::Posts),
            (
                "your_instagram_activity/content/posts_1.json",
                Section::Posts,
            ),
            ("content/posts_1.json", Section::Posts),
            ("media.json", Section::Posts),
            ("media/posts/202403/123_n_456.webp", Section::Posts),
            ("photos/202001/abc.jpg", Section::Posts),
            (
                "your_instagram_activity/media/stories.json",
                Section::Stories,
            ),
            ("media/stories/202401/x.mp4", Section::Stories),
            ("your_instagram_activity/media/reels.json", Section::Reels),
            (
                "your_instagram_activity/messages/inbox/bob_123/message_1.json",
                Section::Messages,
            ),
            ("messages/inbox/bob_123/photos/1.jpg", Section::Messages),
            ("messages.json", Section::Messages),
            ("direct/201911/x.jpg", Section::Messages),
            (
                "connections/followers_and_following/followers_1.json",
                Section::Connections,
            ),
            (
                "followers_and_following/following.json",
                Section::Connections,
            ),
            ("connections.json", Section::Connections),
            (
                "personal_information/personal_information/personal_information.json",
                Section::Profile,
            ),
            ("profile.json", Section::Profile),
            (
                "your_instagram_activity/likes/liked_posts.json",
                Section::Activity,
            ),
            (
                "your_instagram_activity/comments/post_comments_1.json",
                Section::Activity,
            ),
            (
                "your_instagram_activity/story_interactions/polls.json",
                Section::Activity,
            ),
            (
                "security_and_login_information/login_and_profile_creation/login_activity.json",
                Section::Account,
            ),
            (
                "ads_information/ads_and_topics/ads_viewed.json",
                Section::Activity,
            ),
            (
                "ads_information/ads_and_topics/posts_viewed.json",
                Section::Activity,
            ),
            (
                "ads_information/instagram_ads_and_businesses/advertisers_using_your_activity_or_information.json",
                Section::Account,
            ),
            (
                "your_instagram_activity/saved/saved_posts.json",
                Section::Activity,
            ),
            (
                "your_instagram_activity/comments/reels_comments.json",
                Section::Activity,
            ),
            (
                "your_instagram_activity/media/profile_photos.json",
                Section::Profile,
            ),
            ("media/reels/202401/x.mp4", Section::Reels),
            ("account_history.json", Section::Account),
            ("some_new_folder/new_thing_1.json", Section::Other),
        ];
        for (path, expected) in cases {
            assert_eq!(classify(path), expected, "{path}");
        }
    }

    #[test]
    fn fragments_match_contains() {
        let paths = [
            "",
            "media/stories/202401/x.mp4",
            "your_instagram_activity/messages/inbox/bob_123/message_1.json",
            "ads_information/ads_and_topics/posts_viewed.json",
            "storiesstories_activities/reelsreels_watched",
            "media/media/posts/media/profile_photos.jpg",
            "saved/savedsaved_search/off_meta_off_of_instagram",
            "x/threads/threads/igtv/recently_deleted/archived_posts",
            "security_and_login_information/login_and_account_creation/",
            "personal_information/account_information/preferences/other_content",
            "your_instagram_activity/likes/liked_posts.json",
            "followers_and_following/seen_content/story_interactions",
            "logged_information/media/other/comments",
        ];
        let activity = FRAGMENTS.get(ACTIVITY).unwrap_or_default();
        assert_eq!(activity.first(), Some(&"comments"));
        assert_eq!(activity.last(), Some(&"threads/"));
        for p in paths {
            let found = Fragments::of(p);
            for fragment in FRAGMENTS {
                assert_eq!(
                    found.has(fragment),
                    p.contains(fragment),
                    "{fragment} in {p}"
                );
            }
        }
    }

    #[test]
    fn digits_never_decide() {
        assert!(
            FRAGMENTS
                .iter()
                .all(|f| !f.bytes().any(|b| b.is_ascii_digit()))
        );
        let mut classifier = Classifier::default();
        let paths = [
            "media/stories/202401/123_n.jpg",
            "media/stories/202402/4_n.mp4",
            "media/posts/202401/123_n.jpg",
            "your_instagram_activity/messages/inbox/bob_123/message_1.json",
            "your_instagram_activity/messages/inbox/bob_45/message_2.json",
            "Media/Reels/2024/X.MP4",
            "ads_information/ads_and_topics/posts_viewed.json",
            "some_new_folder/new_thing_1.json",
        ];
        for path in paths.iter().chain(&paths) {
            assert_eq!(classifier.classify(path), classify(path), "{path}");
        }
        assert_eq!(classifier.known.len(), 7);
    }

    #[test]
    fn travels_as_the_variant_name() {
        // The page and the worker exchange sections as JSON: the names are the protocol.
        for (section, json) in [
            (Section::Profile, "\"Profile\""),
            (Section::Account, "\"Account\""),
            (Section::Other, "\"Other\""),
        ] {
            assert_eq!(serde_json::to_string(&section).unwrap(), json);
            assert_eq!(serde_json::from_str::<Section>(json).unwrap(), section);
        }
    }
}
