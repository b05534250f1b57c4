//! The sections of the viewer and which export files belong to each. Paths are
//! root-relative (the engine strips `instagram-…/` prefixes) and matched by pattern,
//! never by exact location: Meta moves files between eras.

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

    pub fn title(self) -> &'static str {
        match self {
            Section::Profile => "Profile",
            Section::Posts => "Posts",
            Section::Stories => "Stories",
            Section::Reels => "Reels",
            Section::Messages => "Messages",
            Section::Connections => "Connections",
            Section::Activity => "Activity",
            Section::Account => "Account & security",
            Section::Other => "Other data",
        }
    }

    /// One line on what the section holds, shown at its top.
    pub fn blurb(self) -> &'static str {
        match self {
            Section::Profile => "Your profile, profile photos and account facts.",
            Section::Posts => "Photos and videos you posted, archived or deleted.",
            Section::Stories => "Every story you shared, by month.",
            Section::Reels => "Your reels and IGTV videos.",
            Section::Messages => "Direct messages, group chats and message requests.",
            Section::Connections => "Followers, following and your other lists.",
            Section::Activity => "Comments, likes, saved posts, searches and story interactions.",
            Section::Account => "Logins, devices, security events, ads and settings.",
            Section::Other => "Files no other section covers, so nothing in your export is hidden.",
        }
    }

    /// The URL slug used by the router.
    pub fn slug(self) -> &'static str {
        match self {
            Section::Profile => "profile",
            Section::Posts => "posts",
            Section::Stories => "stories",
            Section::Reels => "reels",
            Section::Messages => "messages",
            Section::Connections => "connections",
            Section::Activity => "activity",
            Section::Account => "account",
            Section::Other => "other",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// Which section a root-relative path belongs to. Order matters: the specific records
/// (comments on reels, liked posts) win over the media families their names mention.
pub fn classify(path: &str) -> Section {
    let p = path.to_ascii_lowercase();
    let has = |needle: &str| p.contains(needle);
    let file = p.rsplit('/').next().unwrap_or(&p);
    let top_level = !p.contains('/');

    if has("messages/") || file.starts_with("messages.") || p.starts_with("direct/") {
        Section::Messages
    } else if has("followers_and_following/") || file.starts_with("connections.") {
        Section::Connections
    } else if is_activity_record(&p, file) {
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
fn is_activity_record(p: &str, file: &str) -> bool {
    [
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
    ]
    .iter()
    .any(|needle| p.contains(needle))
        || file.starts_with("hype.")
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

    #[wasm_bindgen_test::wasm_bindgen_test]
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

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn slugs_round_trip() {
        for section in Section::ALL {
            assert_eq!(Section::from_slug(section.slug()), Some(section));
        }
        assert_eq!(Section::from_slug("nope"), None);
    }
}
