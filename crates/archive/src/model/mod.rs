//! The normalized domain model. Every type is serde (de)serializable so the worker can send
//! it to the UI as JSON; every record says where it came from ([`Provenance`]).

mod account;
mod activity;
mod content;
mod media;
mod messages;
mod record;
mod relations;

pub use crate::instant::Instant;
pub use account::{Account, Device, LoginEvent, LoginKind, ProfileChange};
pub use activity::{
    Activity, Comment, CommentKind, Like, LikeKind, Saved, SavedCollection, Search, SearchKind,
    StoryInteraction, Viewed, ViewedKind,
};
pub use content::{Post, PostKind, Profile};
pub use media::{MediaItem, MediaKind, MediaRef};
pub use messages::{
    FolderKind, Inbox, Message, Owner, OwnerSource, Reaction, Share, Thread, ThreadSummary,
};
pub use record::{Record, RecordTable};
pub use relations::{Relation, RelationKind, RelationList, Relations};

use serde::{Deserialize, Serialize};

/// Which file (root-relative path) and which part a record was read from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub path: String,
    pub part: usize,
}
