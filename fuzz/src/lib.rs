//! Shared by the fuzz targets: the fuzzer's bytes become an in-memory archive (one ZIP
//! part, or loose files at the paths a parser looks at), and every view is asked for.
//! Only "no panic" is checked; parsers return what they can and report the rest.

use keepsake_archive::model::PostKind;
use keepsake_archive::{Archive, Export};

/// Largest entry a target inflates: enough for any fuzzed input, small enough that a
/// zip bomb is refused rather than slowing the fuzzer down.
pub const READ_LIMIT: u64 = 1 << 20;

/// One ZIP part over `data`. A part that does not open leaves the archive empty, which
/// every parser must accept too.
pub fn zip_archive(data: &[u8]) -> Archive {
    let mut archive = Archive::new();
    let _ = archive.add_zip("fuzz.zip", Box::new(data.to_vec()));
    archive
}

/// Loose files (a dropped folder) at the paths in `paths`: the first byte picks where
/// to start, the rest is split at `0xFF` bytes (never in UTF-8 JSON), and chunk `i`
/// becomes the file at the next path in turn. So one input can hold several files.
pub fn files_archive(paths: &[&str], data: &[u8]) -> Archive {
    let mut archive = Archive::new();
    let Some((&start, body)) = data.split_first() else {
        return archive;
    };
    for (i, chunk) in body.split(|b| *b == 0xFF).enumerate() {
        let Some(path) = paths.get((usize::from(start) + i) % paths.len().max(1)) else {
            break;
        };
        // A repeated path is refused; the fuzzer learns to avoid it.
        let _ = archive.add_loose_file(path, Box::new(chunk.to_vec()));
    }
    archive
}

/// Every view the app asks the worker for, each thread included.
pub fn exercise(export: &mut Export) {
    let _ = export.detection();
    let _ = export.profile();
    for kind in PostKind::ALL {
        let _ = export.posts(kind);
    }
    let _ = export.relations();
    let inbox = export.inbox().clone();
    for t in &inbox.value.threads {
        let _ = export.thread(&t.id);
    }
    let _ = export.activity();
    let _ = export.account();
    let _ = export.tables();
    let _ = export.other_files();
    let _ = keepsake_archive::catalog::count_all(export);
}

/// Where each parser family finds its files, across eras (Era C, B and A names).
pub mod paths {
    pub const PROFILE: &[&str] = &[
        "personal_information/personal_information/personal_information.json",
        "personal_information/personal_information/instagram_profile_information.json",
        "your_instagram_activity/media/profile_photos.json",
        "account_information/personal_information.json",
        "profile.json",
        "media.json",
    ];
    pub const POSTS: &[&str] = &[
        "your_instagram_activity/media/posts_1.json",
        "your_instagram_activity/media/posts_2.json",
        "your_instagram_activity/content/stories.json",
        "your_instagram_activity/media/reels.json",
        "content/igtv_videos.json",
        "content/archived_posts.json",
        "content/recently_deleted_content.json",
        "content/other_content.json",
        "media/posts/202401/1.jpg",
        "media.json",
    ];
    pub const MESSAGES: &[&str] = &[
        "your_instagram_activity/messages/inbox/bob_1/message_1.json",
        "your_instagram_activity/messages/inbox/bob_1/message_2.json",
        "your_instagram_activity/messages/inbox/bob_2/message_1.json",
        "your_instagram_activity/messages/message_requests/eve_3/message_1.json",
        "your_instagram_activity/messages/broadcast/ch_4/message_1.json",
        "your_instagram_activity/messages/broadcast/ch_4/replies_1.json",
        "your_instagram_activity/messages/secret_conversations.json",
        "messages/inbox/carol_5/message_1.json",
        "personal_information/personal_information/personal_information.json",
        "messages.json",
    ];
    pub const RELATIONS: &[&str] = &[
        "connections/followers_and_following/followers_1.json",
        "connections/followers_and_following/following.json",
        "connections/followers_and_following/close_friends.json",
        "connections/followers_and_following/blocked_profiles.json",
        "connections/followers_and_following/custom_lists.json",
        "connections/followers_and_following/following_hashtags.json",
        "followers_and_following/followers.json",
        "your_instagram_activity/threads/followers.json",
        "connections.json",
    ];
    pub const ACTIVITY: &[&str] = &[
        "your_instagram_activity/comments/post_comments_1.json",
        "your_instagram_activity/comments/reels_comments.json",
        "your_instagram_activity/likes/liked_posts.json",
        "your_instagram_activity/likes/liked_comments.json",
        "your_instagram_activity/saved/saved_posts.json",
        "your_instagram_activity/saved/saved_collections.json",
        "your_instagram_activity/story_interactions/polls.json",
        "logged_information/recent_searches/profile_searches.json",
        "ads_information/ads_and_topics/posts_viewed.json",
        "ads_information/ads_and_topics/videos_watched.json",
        "your_instagram_activity/threads/threads_and_replies.json",
        "logged_information/past_instagram_insights/posts.json",
    ];
    pub const ACCOUNT: &[&str] = &[
        "security_and_login_information/login_and_profile_creation/login_activity.json",
        "security_and_login_information/login_and_profile_creation/logout_activity.json",
        "security_and_login_information/login_and_profile_creation/signup_details.json",
        "security_and_login_information/login_and_profile_creation/last_known_location.json",
        "personal_information/device_information/devices.json",
        "personal_information/personal_information/profile_changes.json",
        "ads_information/instagram_ads_and_businesses/advertisers_using_your_activity_or_information.json",
        "apps_and_websites_off_of_instagram/apps_and_websites/your_activity_off_meta_technologies.json",
        "preferences/your_topics/your_topics.json",
    ];
    pub const TABLES: &[&str] = &[
        "preferences/settings/consents.json",
        "personal_information/information_about_you/locations_of_interest.json",
        "ads_information/instagram_ads_and_businesses/subscription_for_no_ads.json",
        "your_instagram_activity/new_category/new_thing_1.json",
        "something/unknown_new_file.json",
        "no-data.txt",
    ];
    /// Era A (2018–2020): flat files at the root, read by every family's parser.
    pub const LEGACY: &[&str] = &[
        "media.json",
        "profile.json",
        "connections.json",
        "messages.json",
        "likes.json",
        "comments.json",
        "saved.json",
        "searches.json",
        "seen_content.json",
        "stories_activities.json",
        "account_history.json",
        "devices.json",
        "settings.json",
        "photos/202001/a.jpg",
    ];
}
