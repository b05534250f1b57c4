//! The viewer's sections as people see them: titles, one-line blurbs and URL slugs. Which
//! files belong to which section is the engine's business
//! ([`keepsake_archive::sections`]); it is re-exported here so the app keeps one path.

pub use keepsake_archive::sections::{Classifier, Section};

/// The words and the slug of a section.
pub trait SectionText: Sized {
    fn title(self) -> &'static str;
    /// One line on what the section holds, shown at its top.
    fn blurb(self) -> &'static str;
    /// The URL slug used by the router.
    fn slug(self) -> &'static str;
    fn from_slug(slug: &str) -> Option<Self>;
}

impl SectionText for Section {
    fn title(self) -> &'static str {
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

    fn blurb(self) -> &'static str {
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

    fn slug(self) -> &'static str {
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

    fn from_slug(slug: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn slugs_round_trip() {
        for section in Section::ALL {
            assert_eq!(Section::from_slug(section.slug()), Some(section));
        }
        assert_eq!(Section::from_slug("nope"), None);
    }
}
