//! Direct messages: thread summaries for the inbox, full threads on demand.

use serde::{Deserialize, Serialize};

use super::{MediaRef, Provenance};
use crate::instant::Instant;

/// Which folder a thread sits in under `messages/`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FolderKind {
    Inbox,
    MessageRequests,
    Broadcast,
    /// Era A `messages.json`.
    Legacy,
    Other(String),
}

impl FolderKind {
    pub fn from_dir(dir: &str) -> Self {
        match dir {
            "inbox" => FolderKind::Inbox,
            "message_requests" => FolderKind::MessageRequests,
            "broadcast" => FolderKind::Broadcast,
            other => FolderKind::Other(other.to_owned()),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Reaction {
    pub actor: String,
    pub emoji: String,
    pub time: Instant,
}

/// A shared post, reel, profile or link.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Share {
    pub link: Option<String>,
    pub owner: Option<String>,
    pub text: Option<String>,
    pub profile_username: Option<String>,
    pub profile_name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub sender: String,
    pub time: Instant,
    pub text: Option<String>,
    pub photos: Vec<MediaRef>,
    pub videos: Vec<MediaRef>,
    pub audio: Vec<MediaRef>,
    pub gifs: Vec<MediaRef>,
    pub stickers: Vec<MediaRef>,
    pub files: Vec<MediaRef>,
    pub share: Option<Share>,
    pub reactions: Vec<Reaction>,
    pub unsent: bool,
    /// Seconds, for call notices.
    pub call_duration: Option<i64>,
    /// A notice rather than something a person wrote (calls, "liked a message", …).
    pub is_system: bool,
}

impl Message {
    pub fn media(&self) -> impl Iterator<Item = &MediaRef> {
        self.photos
            .iter()
            .chain(&self.videos)
            .chain(&self.audio)
            .chain(&self.gifs)
            .chain(&self.stickers)
            .chain(&self.files)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ThreadSummary {
    /// The thread folder (`inbox/bob_178…` → `bob_178…`); for merged threads, the first.
    pub id: String,
    pub folder_kind: Option<FolderKind>,
    /// Other folders merged into this thread (a participant renamed).
    pub merged_folders: Vec<String>,
    pub title: String,
    pub participants: Vec<String>,
    /// Display names seen as senders but not among the participants (renames).
    pub former_names: Vec<String>,
    /// Messages in the files read so far; exact when `count_is_exact`.
    pub message_count: usize,
    pub count_is_exact: bool,
    /// `message_N` files in the index.
    pub files: usize,
    pub last_message: Option<String>,
    pub last_time: Instant,
    pub is_group: bool,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Thread {
    pub summary: ThreadSummary,
    /// Oldest first.
    pub messages: Vec<Message>,
    /// Broadcast channels: replies to the channel's messages (`replies_N.json`), oldest
    /// first; `text` is the reply, `share.owner` the sender of the message replied to.
    pub replies: Vec<Message>,
}

/// How the account owner was identified among message participants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OwnerSource {
    /// The profile's name (or username) is a participant.
    Profile,
    /// The only participant present in every thread (a heuristic).
    InEveryThread,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owner {
    pub name: Option<String>,
    pub source: OwnerSource,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inbox {
    pub owner: Owner,
    /// Newest first; message requests are in here with their own `folder_kind`.
    pub threads: Vec<ThreadSummary>,
}
