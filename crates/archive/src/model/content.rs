//! The account's own content: profile and posts of every kind.

use serde::{Deserialize, Serialize};

use super::{MediaItem, Provenance};
use crate::instant::Instant;

/// Which index a post came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PostKind {
    Post,
    Story,
    Reel,
    Igtv,
    Archived,
    RecentlyDeleted,
    /// `other_content.json`, Era A `direct` media, Threads-app posts …
    Other,
}

impl PostKind {
    pub const ALL: [PostKind; 7] = [
        PostKind::Post,
        PostKind::Story,
        PostKind::Reel,
        PostKind::Igtv,
        PostKind::Archived,
        PostKind::RecentlyDeleted,
        PostKind::Other,
    ];
}

/// A post: one item, or a carousel of several.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Post {
    pub kind: PostKind,
    pub items: Vec<MediaItem>,
    pub caption: String,
    pub time: Instant,
    pub provenance: Provenance,
}

impl Post {
    pub fn is_carousel(&self) -> bool {
        self.items.len() > 1
    }
}

/// The account's profile. `email` and `phone` are sensitive: the UI hides them by default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub username: String,
    pub name: String,
    pub bio: String,
    pub website: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub gender: Option<String>,
    /// As written (`1990-01-31`); Instagram's placeholder `1919-01-01` is dropped.
    pub birthday: Option<String>,
    pub private: Option<bool>,
    pub joined: Instant,
    /// Profile photos, oldest first.
    pub photos: Vec<MediaItem>,
    /// Other profile facts (`Phone Confirmed`, `Last Login`, `City Name`, …).
    pub facts: Vec<(String, String)>,
    pub provenance: Vec<Provenance>,
}
