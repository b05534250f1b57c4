//! Where an item opens: the family or file it came from, and its position there.

use serde::{Deserialize, Serialize};

use crate::model::{PostKind, RelationKind};

/// The lists of [`crate::model::Activity`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActivityList {
    Comments,
    Likes,
    Saved,
    Searches,
    StoryInteractions,
    Viewed,
    Other,
}

/// The lists of [`crate::model::Account`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AccountList {
    Logins,
    Logouts,
    Signup,
    PasswordChanges,
    PrivacyChanges,
    ProfileChanges,
    Devices,
    Locations,
    Other,
}

/// Where a dated item opens; positions index the lists the `Export` facade returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    /// `Export::posts(kind)[index]`.
    Post {
        kind: PostKind,
        index: u32,
    },
    /// `Export::profile().photos[index]`.
    ProfilePhoto {
        index: u32,
    },
    /// The conversation `thread` (an inbox id), at its message `message` (oldest first):
    /// the first message of that day.
    Message {
        thread: String,
        title: String,
        message: u32,
    },
    /// `Export::relations()` list `list`, row `index`.
    Relation {
        list: RelationKind,
        index: u32,
    },
    Activity {
        list: ActivityList,
        index: u32,
    },
    Account {
        list: AccountList,
        index: u32,
    },
    /// `Export::tables()[table]` (named `name`), record `row`.
    Table {
        table: u32,
        name: String,
        row: u32,
    },
    /// `Export::other_files()[table]` (read from `path`), record `row`.
    OtherFile {
        table: u32,
        path: String,
        row: u32,
    },
}

/// A target without its position: stored once per family, thread or table and shared
/// by all its items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    Posts(PostKind),
    ProfilePhotos,
    Thread { id: String, title: String },
    Relation(RelationKind),
    Activity(ActivityList),
    Account(AccountList),
    Table { table: u32, name: String },
    OtherFile { table: u32, path: String },
}

impl Source {
    pub(crate) fn target(&self, index: u32) -> Target {
        match self {
            Source::Posts(kind) => Target::Post { kind: *kind, index },
            Source::ProfilePhotos => Target::ProfilePhoto { index },
            Source::Thread { id, title } => Target::Message {
                thread: id.clone(),
                title: title.clone(),
                message: index,
            },
            Source::Relation(list) => Target::Relation {
                list: list.clone(),
                index,
            },
            Source::Activity(list) => Target::Activity { list: *list, index },
            Source::Account(list) => Target::Account { list: *list, index },
            Source::Table { table, name } => Target::Table {
                table: *table,
                name: name.clone(),
                row: index,
            },
            Source::OtherFile { table, path } => Target::OtherFile {
                table: *table,
                path: path.clone(),
                row: index,
            },
        }
    }
}
