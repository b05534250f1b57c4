//! One type per question the page asks the worker, each naming its answer.
//!
//! The list at the bottom is the single source: it generates the wire enum
//! ([`AnyQuery`]) and [`dispatch`], whose exhaustive `match` needs an [`Answer`]
//! implementation for every query, so a question without a handler does not compile.

use std::borrow::Cow;

use keepsake_archive::model::{
    Account as AccountRecords, Activity as ActivityRecords, Inbox as InboxList, Post, PostKind,
    Profile as ProfileRecord, RecordTable, Relations as RelationLists,
};
use keepsake_archive::source::RandomAccess;
use keepsake_archive::{Catalog as CatalogRecord, Parsed};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::error::WorkerError;
use super::{
    EntryPage, MediaInfo, MessageHits, MessagePage, PartSource, Progress, Summary, TextFile,
    ThreadInfo, ThreadMediaItem,
};
use crate::sections::Section;

/// A question for the worker and the type of its answer.
pub trait Query: Clone + PartialEq + Serialize + Into<AnyQuery> + 'static {
    type Answer: Clone + Serialize + DeserializeOwned + 'static;
}

/// The long jobs a question can wait for. They run in slices between other questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Job {
    /// Every file read once and counted ("what's in this export").
    Catalog,
}

/// What a handler makes of a question: the answer (borrowed from what the worker keeps,
/// or made for it), a failure, or "after this long job has run".
pub enum Answered<'a, A: Clone> {
    Ready(Cow<'a, A>),
    Failed(WorkerError),
    Later(Job),
}

impl<'a, A: Clone> Answered<'a, A> {
    pub fn kept(answer: &'a A) -> Self {
        Self::Ready(Cow::Borrowed(answer))
    }

    pub fn made(answer: A) -> Self {
        Self::Ready(Cow::Owned(answer))
    }
}

impl<A: Clone> From<Result<A, WorkerError>> for Answered<'_, A> {
    fn from(result: Result<A, WorkerError>) -> Self {
        match result {
            Ok(answer) => Self::made(answer),
            Err(error) => Self::Failed(error),
        }
    }
}

/// What came with a question besides itself: the user's files (for `Open`), as byte
/// sources, a way to report progress on the way, and what only the host can measure.
pub struct Attachments<'a> {
    pub sources: Vec<Box<dyn RandomAccess>>,
    pub progress: &'a dyn Fn(Progress),
    /// Reads made from `sources` so far and the worker's memory in bytes (for benchmarks).
    pub figures: &'a dyn Fn() -> (u64, u64),
}

/// How the worker answers one kind of question.
pub trait Answer<Q: Query> {
    fn answer(&mut self, query: Q, with: &mut Attachments) -> Answered<'_, Q::Answer>;
}

/// A question's outcome on its way to the page: the answer already in JSON.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    Answer(String),
    Failed(WorkerError),
    Later(Job),
}

impl<A: Clone + Serialize> From<Answered<'_, A>> for Outcome {
    fn from(answered: Answered<'_, A>) -> Self {
        match answered {
            Answered::Ready(answer) => match serde_json::to_string(answer.as_ref()) {
                Ok(json) => Outcome::Answer(json),
                Err(error) => Outcome::Failed(WorkerError::Garbled(error.to_string())),
            },
            Answered::Failed(error) => Outcome::Failed(error),
            Answered::Later(job) => Outcome::Later(job),
        }
    }
}

macro_rules! query_struct {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub struct $name;
    };
    ($(#[$doc:meta])* $name:ident { $($field:ident: $ty:ty),* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub struct $name {
            $(pub $field: $ty),*
        }
    };
}

macro_rules! queries {
    ($( $(#[$doc:meta])* $name:ident $({ $($field:ident : $ty:ty),* $(,)? })? => $answer:ty; )*) => {
        $(
            query_struct!($(#[$doc])* $name $({ $($field: $ty),* })?);

            impl Query for $name {
                type Answer = $answer;
            }

            impl From<$name> for AnyQuery {
                fn from(query: $name) -> Self {
                    AnyQuery::$name(query)
                }
            }
        )*

        /// Every question, as it travels.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub enum AnyQuery {
            $( $name($name), )*
        }

        /// A worker that answers every question.
        pub trait Answers: $( Answer<$name> + )* {}
        impl<T: $( Answer<$name> + )*> Answers for T {}

        /// Hands `query` to its handler. A handler must answer every question: one that
        /// does not implement [`Answer`] for each is refused at compile time.
        ///
        /// ```compile_fail
        /// use keepsake::protocol::query::{Attachments, Profile, dispatch};
        /// struct AnswersNothing;
        /// let mut with = Attachments { sources: Vec::new(), progress: &|_| {}, figures: &|| (0, 0) };
        /// dispatch(&mut AnswersNothing, Profile.into(), &mut with);
        /// ```
        pub fn dispatch(handler: &mut impl Answers, query: AnyQuery, with: &mut Attachments) -> Outcome {
            match query {
                $( AnyQuery::$name(query) => Answer::<$name>::answer(handler, query, with).into(), )*
            }
        }

        impl AnyQuery {
            /// The query's name, for diagnostics (never its content).
            pub fn name(&self) -> &'static str {
                match self {
                    $( AnyQuery::$name(_) => stringify!($name), )*
                }
            }
        }
    };
}

queries! {
    /// Open the files sent beside this question, in the same order, replacing what was open.
    Open { parts: Vec<PartSource> } => Summary;
    /// A page of the merged entry list, filtered by a case-insensitive path substring.
    Entries { filter: String, section: Option<Section>, offset: usize, limit: usize } => EntryPage;
    /// The account's profile.
    Profile => Parsed<ProfileRecord>;
    /// Record counts, covered period, missing media and unknown files (reads every file:
    /// a long job).
    Catalog => Parsed<CatalogRecord>;
    /// Posts, stories, reels… of one kind, oldest first.
    Posts { kind: PostKind } => Parsed<Vec<Post>>;
    /// Followers, following and every other relationship list.
    Relations => Parsed<RelationLists>;
    /// Comments, likes, saved items, searches, story interactions, views.
    Activity => Parsed<ActivityRecords>;
    /// Logins, devices, security events and account records.
    Account => Parsed<AccountRecords>;
    /// Ads, topics, off-Meta activity, insights and other known tables.
    Tables => Parsed<Vec<RecordTable>>;
    /// Every JSON file no parser reads, as generic tables.
    OtherFiles => Parsed<Vec<RecordTable>>;
    /// The list of conversations (reads only what the list needs).
    Inbox => Parsed<InboxList>;
    /// One conversation's header and size; its messages come by page.
    Thread { id: String } => Parsed<ThreadInfo>;
    /// Messages `start..start + len` of a conversation, oldest first.
    ThreadPage { id: String, start: usize, len: usize } => MessagePage;
    /// Positions of a conversation's messages whose text contains `query`, ascending.
    ThreadSearch { id: String, query: String } => Vec<usize>;
    /// Every photo, video, audio… file of a conversation, with its message's position.
    ThreadMedia { id: String } => Vec<ThreadMediaItem>;
    /// Messages containing a text, across every conversation.
    SearchMessages { query: String, limit: usize } => MessageHits;
    /// Where a media file's bytes are, so the page can show it without copying them.
    Media { path: String } => MediaInfo;
    /// A text file's content (capped); JSON re-indented with Meta's mangled text repaired.
    Text { path: String } => TextFile;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_travel_typed() {
        let query = AnyQuery::from(Posts {
            kind: PostKind::Reel,
        });
        let text = serde_json::to_string(&query).unwrap_or_default();
        assert_eq!(text, r#"{"Posts":{"kind":"Reel"}}"#);
        let back: AnyQuery = serde_json::from_str(&text).unwrap_or(AnyQuery::Profile(Profile));
        assert_eq!(back, query);
        assert_eq!(back.name(), "Posts");
    }

    #[test]
    fn an_answer_is_serialised_once_whether_kept_or_made() {
        let kept = vec![1usize, 2];
        assert_eq!(
            Outcome::from(Answered::kept(&kept)),
            Outcome::Answer("[1,2]".into())
        );
        assert_eq!(
            Outcome::from(Answered::<Vec<usize>>::from(Err(WorkerError::NotOpen))),
            Outcome::Failed(WorkerError::NotOpen)
        );
        assert_eq!(
            Outcome::from(Answered::<Vec<usize>>::Later(Job::Catalog)),
            Outcome::Later(Job::Catalog)
        );
    }
}
