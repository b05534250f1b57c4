//! What the account did: comments, likes, saves, searches, story interactions, views.

use serde::{Deserialize, Serialize};

use super::{Provenance, Record};
use crate::instant::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CommentKind {
    Post,
    Reel,
    Story,
    Live,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    pub kind: CommentKind,
    pub text: String,
    /// Owner of the media commented on.
    pub media_owner: String,
    pub time: Instant,
    pub link: Option<String>,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LikeKind {
    Post,
    Comment,
    Story,
    Threads,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Like {
    pub kind: LikeKind,
    /// Owner of the liked content.
    pub owner: String,
    pub link: Option<String>,
    /// The reaction emoji, when the export gives one.
    pub reaction: Option<String>,
    pub time: Instant,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub owner: String,
    pub link: Option<String>,
    pub time: Instant,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedCollection {
    pub name: String,
    pub created: Instant,
    pub updated: Instant,
    pub items: Vec<Saved>,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SearchKind {
    Profile,
    Keyword,
    Tag,
    Place,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Search {
    pub kind: SearchKind,
    pub query: String,
    pub link: Option<String>,
    pub time: Instant,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryInteraction {
    /// `polls`, `quizzes`, `story_likes`, … (the file or wrapper name).
    pub kind: String,
    pub owner: String,
    pub value: Option<String>,
    pub time: Instant,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ViewedKind {
    Post,
    Video,
    Ad,
    SuggestedProfile,
    ThreadsPost,
}

/// Something seen: a post, video, ad or suggested profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Viewed {
    pub kind: ViewedKind,
    /// Author or username; empty for the 2026 logs that only give a URL.
    pub author: String,
    pub link: Option<String>,
    pub time: Instant,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub comments: Vec<Comment>,
    pub likes: Vec<Like>,
    pub saved: Vec<Saved>,
    pub collections: Vec<SavedCollection>,
    pub searches: Vec<Search>,
    pub story_interactions: Vec<StoryInteraction>,
    pub viewed: Vec<Viewed>,
    /// Rows of activity files that fit none of the above.
    pub other: Vec<Record>,
}
