//! Messages between the page and the archive worker. Each travels as a JSON string; the
//! user's `File` handles travel beside it (structured clone: no bytes are copied).

use keepsake_archive::model::{
    Account, Activity, Inbox, Message, Post, PostKind, Profile, RecordTable, Relations,
    ThreadSummary,
};
pub use keepsake_archive::search::{MessageHit, MessageHits};
pub use keepsake_archive::summary::{DetectionReport, FileTypeCount};
use keepsake_archive::{Catalog, Problem};
use serde::{Deserialize, Serialize};

use crate::sections::Section;

/// A request or reply with the id that pairs them (0 for unsolicited worker events).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Envelope<T> {
    pub id: u32,
    pub body: T,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum Request {
    /// Open the files sent beside this message, in the same order.
    Open { parts: Vec<PartSource> },
    /// A page of the merged entry list, filtered by a case-insensitive path substring.
    Entries {
        filter: String,
        section: Option<Section>,
        offset: usize,
        limit: usize,
    },
    /// The account's profile, parsed.
    Profile,
    /// Record counts, covered period, missing media and unknown files (reads every file).
    Catalog,
    /// Posts, stories, reels… of one kind, oldest first.
    Posts { kind: PostKind },
    /// Followers, following and every other relationship list.
    Relations,
    /// Comments, likes, saved items, searches, story interactions, views.
    Activity,
    /// Logins, devices, security events and account records.
    Account,
    /// Ads, topics, off-Meta activity, insights and other known tables.
    Tables,
    /// Every JSON file no parser reads, as generic tables.
    OtherFiles,
    /// The list of conversations (reads only what the list needs).
    Inbox,
    /// One conversation's header and size, by thread id; its messages come by page.
    Thread { id: String },
    /// Messages `start..start + len` of a conversation, oldest first.
    ThreadPage {
        id: String,
        start: usize,
        len: usize,
    },
    /// Positions of a conversation's messages whose text contains `query`.
    ThreadSearch { id: String, query: String },
    /// Every photo, video, audio… file of a conversation, with its message's position.
    ThreadMedia { id: String },
    /// Messages containing a text, across every conversation (reads every thread).
    SearchMessages { query: String, limit: usize },
    /// Where a media file's bytes are, so the page can show it without copying them.
    Media { path: String },
    /// A text file's content (capped), for files Keepsake has no view for; JSON comes
    /// re-indented, with Meta's mangled text repaired.
    Text { path: String },
}

/// How one chosen file takes part in the export.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum PartSource {
    /// A ZIP part, named as the user's file is named.
    Zip { name: String },
    /// A file of an unzipped export folder, at this path inside the folder.
    Loose { path: String },
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum Reply {
    /// The worker has started and takes requests.
    Ready,
    /// Long work going on; `done` of `total` steps.
    Progress {
        done: u64,
        total: u64,
        what: String,
    },
    Opened(Summary),
    Entries(EntryPage),
    Profile(Profile, Vec<Problem>),
    Catalog(Catalog, Vec<Problem>),
    Posts(Vec<Post>, Vec<Problem>),
    Relations(Relations, Vec<Problem>),
    Activity(Activity, Vec<Problem>),
    Account(Account, Vec<Problem>),
    Tables(Vec<RecordTable>, Vec<Problem>),
    OtherFiles(Vec<RecordTable>, Vec<Problem>),
    Inbox(Inbox, Vec<Problem>),
    Thread(ThreadInfo, Vec<Problem>),
    ThreadPage(ThreadPage),
    /// Message positions, ascending.
    ThreadMatches(Vec<usize>),
    ThreadMedia(Vec<ThreadMediaItem>),
    MessageHits(MessageHits),
    Media(MediaInfo),
    Text(TextFile),
    Failed {
        message: String,
    },
    /// The worker hit a bug and can take no more requests.
    Crashed {
        diagnostic: String,
    },
}

/// What the worker found in the files it was given.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Summary {
    pub parts: Vec<PartReport>,
    pub entry_count: usize,
    pub total_bytes: u64,
    pub root_prefix: String,
    pub detection: DetectionReport,
    pub sections: Vec<SectionCount>,
    /// Files per extension, and how they are packed.
    pub file_types: Vec<FileTypeCount>,
    /// Reads made from the user's files to open them (for benchmarks).
    pub source_reads: u64,
    /// The worker's WebAssembly memory after opening, in bytes (for benchmarks).
    pub worker_memory: u64,
}

impl Summary {
    /// True when at least one part opened and it looks like an Instagram export.
    pub fn usable(&self) -> bool {
        self.entry_count > 0 && self.detection.instagram
    }

    pub fn count(&self, section: Section) -> usize {
        self.sections
            .iter()
            .find(|s| s.section == section)
            .map_or(0, |s| s.files)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PartReport {
    pub name: String,
    pub size: u64,
    pub entries: usize,
    /// Why this part could not be opened; the others stay open.
    pub error: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SectionCount {
    pub section: Section,
    pub files: usize,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct EntryPage {
    /// Matching entries in all, of which `rows` start at `offset`.
    pub total: usize,
    pub offset: usize,
    pub rows: Vec<EntryRow>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EntryRow {
    pub path: String,
    pub size: u64,
    pub compressed_size: u64,
    pub compression: String,
    pub part: usize,
}

/// A conversation as opened: enough to draw its header and size its scroll area.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ThreadInfo {
    pub summary: ThreadSummary,
    /// The account owner's display name, whose messages go on the right.
    pub owner: Option<String>,
    /// Messages in all the thread's files (the exact count, unlike the inbox's estimate).
    pub total: usize,
    /// Media files across its messages.
    pub media: usize,
    /// A broadcast channel's replies to its messages, oldest first: `text` is the reply,
    /// `share.owner` who wrote the message replied to.
    pub replies: Vec<Message>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ThreadPage {
    /// Position of the first message in the conversation, oldest first.
    pub start: usize,
    pub messages: Vec<Message>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ThreadMediaItem {
    /// Position of the message that holds the file.
    pub index: usize,
    pub path: String,
}

/// A media entry's bytes inside a user's file: stored bytes are sliced as they are,
/// deflated ones are inflated by the browser; they never pass through wasm.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MediaInfo {
    pub path: String,
    /// Which of the files sent with `Open` holds the bytes (a ZIP part or a folder's file).
    pub file: usize,
    pub offset: u64,
    /// Bytes as stored in the file (compressed size for deflated entries).
    pub stored_size: u64,
    pub size: u64,
    pub deflated: bool,
    /// From the magic bytes; `None` when the content is not a known media type.
    pub mime: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TextFile {
    pub path: String,
    pub text: String,
    /// The file is longer than what is shown.
    pub truncated: bool,
    pub size: u64,
}

pub fn encode<T: Serialize>(envelope: &Envelope<T>) -> String {
    // Serializing these plain structs cannot fail; an empty string is rejected on decode.
    serde_json::to_string(envelope).unwrap_or_default()
}

pub fn decode<T: for<'de> Deserialize<'de>>(text: &str) -> Result<Envelope<T>, String> {
    serde_json::from_str(text).map_err(|e| format!("malformed message: {e}"))
}
