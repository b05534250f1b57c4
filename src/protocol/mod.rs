//! Messages between the page and the archive worker. Each travels as a JSON string; the
//! user's `File` handles travel beside it (structured clone: no bytes are copied).
//! The questions and their answer types are in [`query`].

use keepsake_archive::model::{Message, ThreadSummary};
pub use keepsake_archive::search::{MessageHit, MessageHits};
pub use keepsake_archive::summary::{DetectionReport, FileTypeCount};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::sections::Section;

mod error;
pub mod query;

pub use error::{Missing, WorkerError};
pub use query::{AnyQuery, Query};

/// A message with the id of the question it belongs to (0 for the worker's own events).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Envelope<T> {
    pub id: u32,
    pub body: T,
}

/// From the page to the worker.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum Call {
    Ask(AnyQuery),
    /// The question with this envelope's id is no longer wanted.
    Cancel,
}

/// From the worker to the page. `A` is the answer, already JSON on the worker's side
/// ([`RawValue`]): the page decodes it as the asking question's answer type.
#[derive(Debug, Serialize, Deserialize)]
pub enum Event<A> {
    /// The worker has started and takes questions.
    Ready,
    /// Long work going on for the question with this id (0 while opening).
    Progress(Progress),
    Answer(A),
    Failed(WorkerError),
    /// The worker hit a bug and can take no more questions.
    Crashed {
        diagnostic: String,
    },
}

/// `done` of `total` steps of long work, and what is being read.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
    pub what: String,
}

/// How one chosen file takes part in the export.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum PartSource {
    /// A ZIP part, named as the user's file is named.
    Zip { name: String },
    /// A file of an unzipped export folder, at this path inside the folder.
    Loose { path: String },
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
pub struct MessagePage {
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

pub fn decode<T: for<'de> Deserialize<'de>>(text: &str) -> Result<Envelope<T>, WorkerError> {
    serde_json::from_str(text).map_err(|e| WorkerError::Garbled(e.to_string()))
}

/// The worker's side of an answer: the JSON made by [`query::dispatch`], sent as it is.
pub fn encode_event(id: u32, event: Event<&str>) -> String {
    let raw = |json: &str| RawValue::from_string(json.to_string()).ok();
    let event: Event<Box<RawValue>> = match event {
        Event::Ready => Event::Ready,
        Event::Progress(p) => Event::Progress(p),
        Event::Answer(json) => match raw(json) {
            Some(value) => Event::Answer(value),
            None => Event::Failed(WorkerError::Garbled("an answer that is not JSON".into())),
        },
        Event::Failed(e) => Event::Failed(e),
        Event::Crashed { diagnostic } => Event::Crashed { diagnostic },
    };
    encode(&Envelope { id, body: event })
}
