//! Ids for deep links to posts (`#/posts/<id>`): stable across reloads and across
//! re-opening the export, since they come from what a post is, not where it sits.

use std::collections::HashMap;

use crate::model::{Post, PostKind};

/// The short word in an id that names the kind (posts have none: their ids are plain).
pub fn kind_slug(kind: PostKind) -> &'static str {
    match kind {
        PostKind::Post => "",
        PostKind::Story => "story",
        PostKind::Reel => "reel",
        PostKind::Igtv => "igtv",
        PostKind::Archived => "archived",
        PostKind::RecentlyDeleted => "deleted",
        PostKind::Other => "other",
    }
}

/// The kind a post id belongs to.
pub fn kind_of_id(id: &str) -> PostKind {
    let first = id.split('-').next().unwrap_or_default();
    PostKind::ALL
        .into_iter()
        .find(|k| *k != PostKind::Post && kind_slug(*k) == first)
        .unwrap_or(PostKind::Post)
}

/// FNV-1a: small, stable across builds and browsers.
fn fnv(text: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in text.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// Ids that survive reloads and re-opening the export: the post's time and a hash of its
/// first file; a rare duplicate gets a counter.
pub fn post_ids(kind: PostKind, posts: &[Post]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    posts
        .iter()
        .map(|post| {
            let uri = post.items.first().map_or("", |i| i.media.uri.as_str());
            let hash = fnv(&format!("{uri}\n{}", post.caption));
            let slug = kind_slug(kind);
            let base = if slug.is_empty() {
                format!("{}-{hash:08x}", post.time.0)
            } else {
                format!("{slug}-{}-{hash:08x}", post.time.0)
            };
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 { base } else { format!("{base}-{n}") }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instant::Instant;
    use crate::model::{MediaItem, MediaRef};

    fn post(time: i64, uri: &str) -> Post {
        Post {
            kind: PostKind::Post,
            items: vec![MediaItem {
                media: MediaRef {
                    uri: uri.into(),
                    ..Default::default()
                },
                ..Default::default()
            }],
            caption: String::new(),
            time: Instant(time),
            provenance: Default::default(),
        }
    }

    #[test]
    fn ids_are_stable_unique_and_name_their_kind() {
        let posts = vec![post(10, "a.jpg"), post(10, "a.jpg"), post(11, "b.jpg")];
        let ids = post_ids(PostKind::Post, &posts);
        assert_eq!(ids, post_ids(PostKind::Post, &posts));
        assert_eq!(ids[1], format!("{}-2", ids[0]));
        assert_ne!(ids[0], ids[2]);
        assert_eq!(kind_of_id(&ids[0]), PostKind::Post);
        let stories = post_ids(PostKind::Story, &posts);
        assert!(stories[0].starts_with("story-10-"));
        assert_eq!(kind_of_id(&stories[0]), PostKind::Story);
        assert_eq!(kind_of_id("deleted-5-abc"), PostKind::RecentlyDeleted);
        assert_eq!(kind_of_id("-5-abc"), PostKind::Post);
    }
}
