//! Followers, following and the other relationship lists.

use serde::{Deserialize, Serialize};

use super::Provenance;
use crate::instant::Instant;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RelationKind {
    Followers,
    Following,
    CloseFriends,
    Blocked,
    Restricted,
    /// Follow requests you sent that are pending.
    PendingRequests,
    /// Recent follow requests you sent.
    RecentRequests,
    ReceivedRequests,
    RecentlyUnfollowed,
    HiddenStoryFrom,
    Favorites,
    Hashtags,
    CustomLists,
    RemovedSuggestions,
    ThreadsFollowers,
    ThreadsFollowing,
    /// A list Keepsake has no name for: the file's wrapper key.
    Other(String),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    pub username: String,
    pub href: String,
    pub time: Instant,
    /// Custom-list rows: the list's members; otherwise empty.
    pub members: Vec<String>,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationList {
    pub kind: RelationKind,
    pub items: Vec<Relation>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Relations {
    pub lists: Vec<RelationList>,
}

impl Relations {
    pub fn get(&self, kind: &RelationKind) -> &[Relation] {
        self.lists
            .iter()
            .find(|l| &l.kind == kind)
            .map(|l| l.items.as_slice())
            .unwrap_or(&[])
    }

    /// Add items to the list of `kind`, creating it on first use.
    pub fn push(&mut self, kind: RelationKind, items: Vec<Relation>) {
        match self.lists.iter_mut().find(|l| l.kind == kind) {
            Some(list) => list.items.extend(items),
            None => self.lists.push(RelationList { kind, items }),
        }
    }
}
