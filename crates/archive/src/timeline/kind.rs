//! What a dated item is, and sets of kinds for filters.

use serde::{Deserialize, Serialize};

use crate::model::{PostKind, RelationKind, ViewedKind};

/// The kind of one dated item. The numbering is the index of the per-day counts, so new
/// kinds go at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[repr(u8)]
pub enum ItemKind {
    Post,
    Story,
    Reel,
    Igtv,
    Archived,
    RecentlyDeleted,
    OtherContent,
    ProfilePhoto,
    /// Messages of one conversation on one day (the item's count says how many).
    Message,
    Comment,
    Like,
    Saved,
    /// Someone followed you (followers, Threads followers).
    Follower,
    /// You followed someone or a hashtag.
    Following,
    /// Follow requests sent or received.
    FollowRequest,
    /// Close friends, blocked, restricted, unfollowed and the other lists.
    Connection,
    Search,
    /// Logins, logouts and the sign-up.
    Login,
    /// Password, privacy and profile changes.
    Security,
    StoryInteraction,
    AdSeen,
    /// Posts and videos seen.
    Viewed,
    /// Any other record with a time (known tables, other files, other rows).
    Record,
}

/// How many kinds there are: the length of every per-day count array.
pub const KINDS: usize = 23;

impl ItemKind {
    pub const ALL: [ItemKind; KINDS] = [
        ItemKind::Post,
        ItemKind::Story,
        ItemKind::Reel,
        ItemKind::Igtv,
        ItemKind::Archived,
        ItemKind::RecentlyDeleted,
        ItemKind::OtherContent,
        ItemKind::ProfilePhoto,
        ItemKind::Message,
        ItemKind::Comment,
        ItemKind::Like,
        ItemKind::Saved,
        ItemKind::Follower,
        ItemKind::Following,
        ItemKind::FollowRequest,
        ItemKind::Connection,
        ItemKind::Search,
        ItemKind::Login,
        ItemKind::Security,
        ItemKind::StoryInteraction,
        ItemKind::AdSeen,
        ItemKind::Viewed,
        ItemKind::Record,
    ];

    /// Position in [`ItemKind::ALL`] and in per-day counts.
    pub fn index(self) -> usize {
        self as usize
    }

    /// A stable lower-case key (`post`, `message`, …) for URLs and JSON.
    pub fn key(self) -> &'static str {
        match self {
            ItemKind::Post => "post",
            ItemKind::Story => "story",
            ItemKind::Reel => "reel",
            ItemKind::Igtv => "igtv",
            ItemKind::Archived => "archived",
            ItemKind::RecentlyDeleted => "recently_deleted",
            ItemKind::OtherContent => "other_content",
            ItemKind::ProfilePhoto => "profile_photo",
            ItemKind::Message => "message",
            ItemKind::Comment => "comment",
            ItemKind::Like => "like",
            ItemKind::Saved => "saved",
            ItemKind::Follower => "follower",
            ItemKind::Following => "following",
            ItemKind::FollowRequest => "follow_request",
            ItemKind::Connection => "connection",
            ItemKind::Search => "search",
            ItemKind::Login => "login",
            ItemKind::Security => "security",
            ItemKind::StoryInteraction => "story_interaction",
            ItemKind::AdSeen => "ad_seen",
            ItemKind::Viewed => "viewed",
            ItemKind::Record => "record",
        }
    }

    pub fn from_key(key: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Whether items of this kind show the account's own photos and videos.
    pub fn has_media(self) -> bool {
        self.index() <= ItemKind::ProfilePhoto.index()
    }

    pub fn of_post(kind: PostKind) -> ItemKind {
        match kind {
            PostKind::Post => ItemKind::Post,
            PostKind::Story => ItemKind::Story,
            PostKind::Reel => ItemKind::Reel,
            PostKind::Igtv => ItemKind::Igtv,
            PostKind::Archived => ItemKind::Archived,
            PostKind::RecentlyDeleted => ItemKind::RecentlyDeleted,
            PostKind::Other => ItemKind::OtherContent,
        }
    }

    pub fn of_relation(kind: &RelationKind) -> ItemKind {
        match kind {
            RelationKind::Followers | RelationKind::ThreadsFollowers => ItemKind::Follower,
            RelationKind::Following | RelationKind::Hashtags | RelationKind::ThreadsFollowing => {
                ItemKind::Following
            }
            RelationKind::PendingRequests
            | RelationKind::RecentRequests
            | RelationKind::ReceivedRequests => ItemKind::FollowRequest,
            _ => ItemKind::Connection,
        }
    }

    pub fn of_viewed(kind: ViewedKind) -> ItemKind {
        match kind {
            ViewedKind::Ad => ItemKind::AdSeen,
            _ => ItemKind::Viewed,
        }
    }
}

/// A set of kinds, for filters: one bit per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct KindSet(u32);

impl KindSet {
    pub const ALL: KindSet = KindSet((1 << KINDS) - 1);
    pub const NONE: KindSet = KindSet(0);

    pub fn only(kind: ItemKind) -> KindSet {
        KindSet(1 << kind.index())
    }

    pub fn of(kinds: &[ItemKind]) -> KindSet {
        kinds.iter().fold(KindSet::NONE, |set, k| set.with(*k))
    }

    pub fn with(self, kind: ItemKind) -> KindSet {
        KindSet(self.0 | 1 << kind.index())
    }

    pub fn contains(self, kind: ItemKind) -> bool {
        self.0 & 1 << kind.index() != 0
    }

    pub fn is_all(self) -> bool {
        self.0 & KindSet::ALL.0 == KindSet::ALL.0
    }

    /// The sum of `counts` over the kinds of the set.
    pub fn total(self, counts: &[u32; KINDS]) -> u64 {
        ItemKind::ALL
            .iter()
            .filter(|k| self.contains(**k))
            .map(|k| u64::from(counts[k.index()]))
            .sum()
    }
}

impl Default for KindSet {
    fn default() -> Self {
        KindSet::ALL
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_numbered_in_order_with_unique_keys() {
        for (i, k) in ItemKind::ALL.iter().enumerate() {
            assert_eq!(k.index(), i);
            assert_eq!(ItemKind::from_key(k.key()), Some(*k));
        }
        assert_eq!(ItemKind::from_key("nope"), None);
        assert!(ItemKind::ProfilePhoto.has_media() && !ItemKind::Message.has_media());
    }

    #[test]
    fn sets() {
        let s = KindSet::of(&[ItemKind::Post, ItemKind::Message]);
        assert!(s.contains(ItemKind::Post) && !s.contains(ItemKind::Story));
        let mut counts = [0; KINDS];
        counts[ItemKind::Post.index()] = 2;
        counts[ItemKind::Message.index()] = 5;
        counts[ItemKind::Like.index()] = 7;
        assert_eq!(s.total(&counts), 7);
        assert_eq!(KindSet::ALL.total(&counts), 14);
        assert!(KindSet::ALL.is_all() && !s.is_all());
    }
}
