//! The categories records are counted under (`posts`, `followers`, `post_comments`, …):
//! one name for each, shared by the catalog, the viewer's tabs and the generator's
//! manifest. The keys are the strings the catalog and manifests have always used.
//!
//! Two kinds of count stay plain strings beside this enum, because their names come from
//! the export: relationship lists Keepsake has no name for (`relations_{wrapper key}`,
//! see [`relation_key`]), and generic record tables (counted under their table name,
//! which for the known tables is one of the keys here).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::model::{CommentKind, LikeKind, PostKind, RelationKind, SearchKind, ViewedKind};

/// Defines [`Category`] with each variant's key, written once.
macro_rules! categories {
    ($($(#[$doc:meta])* $variant:ident => $key:literal,)*) => {
        /// A category of counted records. Serialized as its key.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Category {
            $($(#[$doc])* $variant,)*
        }

        impl Category {
            pub const ALL: &'static [Category] = &[$(Category::$variant,)*];

            /// The key counts are stored under (`const`, so tables of keys can be too).
            pub const fn key(self) -> &'static str {
                match self {
                    $(Category::$variant => $key,)*
                }
            }
        }
    };
}

categories! {
    Posts => "posts",
    /// Posts with more than one photo or video.
    CarouselPosts => "carousel_posts",
    /// Photos and videos across all posts.
    PostMedia => "post_media",
    Stories => "stories",
    Reels => "reels",
    Igtv => "igtv",
    ArchivedPosts => "archived_posts",
    RecentlyDeleted => "recently_deleted",
    OtherContent => "other_content",
    ProfilePhotos => "profile_photos",
    /// Subtitle files videos name.
    Subtitles => "subtitles",
    /// Conversations in the inbox (message requests and broadcast channels apart).
    Threads => "threads",
    Messages => "messages",
    MessageRequests => "message_requests",
    BroadcastChannels => "broadcast_channels",
    BroadcastMessages => "broadcast_messages",
    BroadcastReplies => "broadcast_replies",
    Followers => "followers",
    Following => "following",
    CloseFriends => "close_friends",
    Blocked => "blocked",
    Restricted => "restricted",
    PendingFollowRequests => "pending_follow_requests",
    RecentFollowRequests => "recent_follow_requests",
    FollowRequestsReceived => "follow_requests_received",
    RecentlyUnfollowed => "recently_unfollowed",
    HiddenStoryFrom => "hidden_story_from",
    Favorites => "favorites",
    FollowingHashtags => "following_hashtags",
    CustomLists => "custom_lists",
    RemovedSuggestions => "removed_suggestions",
    ThreadsAppFollowers => "threads_app_followers",
    ThreadsAppFollowing => "threads_app_following",
    PostComments => "post_comments",
    ReelComments => "reel_comments",
    StoryComments => "story_comments",
    LiveComments => "live_comments",
    LikedPosts => "liked_posts",
    LikedComments => "liked_comments",
    LikedStories => "liked_stories",
    LikedThreads => "liked_threads",
    SavedPosts => "saved_posts",
    SavedCollections => "saved_collections",
    ProfileSearches => "profile_searches",
    KeywordSearches => "keyword_searches",
    TagSearches => "tag_searches",
    PlaceSearches => "place_searches",
    OtherSearches => "other_searches",
    StoryInteractions => "story_interactions",
    PostsViewed => "posts_viewed",
    VideosWatched => "videos_watched",
    AdsViewed => "ads_viewed",
    SuggestedProfilesViewed => "suggested_profiles_viewed",
    ThreadsViewed => "threads_viewed",
    Logins => "logins",
    Logouts => "logouts",
    PasswordChanges => "password_changes",
    PrivacyChanges => "privacy_changes",
    Devices => "devices",
    ProfileChanges => "profile_changes",
    // The known record tables, counted under their table names.
    Advertisers => "advertisers",
    Topics => "topics",
    OffMetaApps => "off_meta_apps",
    InsightsPosts => "insights_posts",
    ThreadsAppPosts => "threads_app_posts",
    SecretConversations => "secret_conversations",
}

impl Category {
    pub fn from_key(key: &str) -> Option<Category> {
        Category::ALL.iter().copied().find(|c| c.key() == key)
    }

    /// The category of a named relationship list; `None` for one Keepsake has no name for.
    pub fn of_relation(kind: &RelationKind) -> Option<Category> {
        relation_category(kind).ok()
    }
}

/// The key a relationship list is counted under: its category's, or `relations_{name}`
/// for a list Keepsake has no name for.
pub fn relation_key(kind: &RelationKind) -> Cow<'static, str> {
    match relation_category(kind) {
        Ok(category) => Cow::Borrowed(category.key()),
        Err(name) => Cow::Owned(format!("relations_{name}")),
    }
}

/// A list's category, or the export's own name for a list that has none.
fn relation_category(kind: &RelationKind) -> Result<Category, &str> {
    Ok(match kind {
        RelationKind::Followers => Category::Followers,
        RelationKind::Following => Category::Following,
        RelationKind::CloseFriends => Category::CloseFriends,
        RelationKind::Blocked => Category::Blocked,
        RelationKind::Restricted => Category::Restricted,
        RelationKind::PendingRequests => Category::PendingFollowRequests,
        RelationKind::RecentRequests => Category::RecentFollowRequests,
        RelationKind::ReceivedRequests => Category::FollowRequestsReceived,
        RelationKind::RecentlyUnfollowed => Category::RecentlyUnfollowed,
        RelationKind::HiddenStoryFrom => Category::HiddenStoryFrom,
        RelationKind::Favorites => Category::Favorites,
        RelationKind::Hashtags => Category::FollowingHashtags,
        RelationKind::CustomLists => Category::CustomLists,
        RelationKind::RemovedSuggestions => Category::RemovedSuggestions,
        RelationKind::ThreadsFollowers => Category::ThreadsAppFollowers,
        RelationKind::ThreadsFollowing => Category::ThreadsAppFollowing,
        RelationKind::Other(name) => return Err(name),
    })
}

impl From<PostKind> for Category {
    fn from(kind: PostKind) -> Self {
        match kind {
            PostKind::Post => Category::Posts,
            PostKind::Story => Category::Stories,
            PostKind::Reel => Category::Reels,
            PostKind::Igtv => Category::Igtv,
            PostKind::Archived => Category::ArchivedPosts,
            PostKind::RecentlyDeleted => Category::RecentlyDeleted,
            PostKind::Other => Category::OtherContent,
        }
    }
}

impl From<CommentKind> for Category {
    fn from(kind: CommentKind) -> Self {
        match kind {
            CommentKind::Post => Category::PostComments,
            CommentKind::Reel => Category::ReelComments,
            CommentKind::Story => Category::StoryComments,
            CommentKind::Live => Category::LiveComments,
        }
    }
}

impl From<LikeKind> for Category {
    fn from(kind: LikeKind) -> Self {
        match kind {
            LikeKind::Post => Category::LikedPosts,
            LikeKind::Comment => Category::LikedComments,
            LikeKind::Story => Category::LikedStories,
            LikeKind::Threads => Category::LikedThreads,
        }
    }
}

impl From<SearchKind> for Category {
    fn from(kind: SearchKind) -> Self {
        match kind {
            SearchKind::Profile => Category::ProfileSearches,
            SearchKind::Keyword => Category::KeywordSearches,
            SearchKind::Tag => Category::TagSearches,
            SearchKind::Place => Category::PlaceSearches,
            SearchKind::Other => Category::OtherSearches,
        }
    }
}

impl From<ViewedKind> for Category {
    fn from(kind: ViewedKind) -> Self {
        match kind {
            ViewedKind::Post => Category::PostsViewed,
            ViewedKind::Video => Category::VideosWatched,
            ViewedKind::Ad => Category::AdsViewed,
            ViewedKind::SuggestedProfile => Category::SuggestedProfilesViewed,
            ViewedKind::ThreadsPost => Category::ThreadsViewed,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn keys_are_unique_and_round_trip() {
        let keys: HashSet<&str> = Category::ALL.iter().map(|c| c.key()).collect();
        assert_eq!(keys.len(), Category::ALL.len());
        for &category in Category::ALL {
            assert_eq!(Category::from_key(category.key()), Some(category));
        }
        assert_eq!(Category::from_key("relations_x"), None);
        assert_eq!(Category::from_key("Posts"), None);
    }

    #[test]
    fn serialized_as_the_key() {
        for &category in Category::ALL {
            let json = serde_json::to_string(&category).unwrap();
            assert_eq!(json, format!("\"{}\"", category.key()));
            assert_eq!(serde_json::from_str::<Category>(&json).unwrap(), category);
        }
    }

    #[test]
    fn the_keys_manifests_and_catalogs_use() {
        assert_eq!(Category::PostComments.key(), "post_comments");
        assert_eq!(Category::from(PostKind::Archived).key(), "archived_posts");
        assert_eq!(Category::from(ViewedKind::Video).key(), "videos_watched");
        assert_eq!(
            relation_key(&RelationKind::PendingRequests),
            "pending_follow_requests"
        );
        assert_eq!(relation_key(&RelationKind::Hashtags), "following_hashtags");
        assert_eq!(
            relation_key(&RelationKind::Other("muted_accounts".into())),
            "relations_muted_accounts"
        );
    }
}
