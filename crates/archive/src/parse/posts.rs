//! Posts, stories, reels, IGTV, archived, recently deleted and other media indexes, for
//! every era: `posts_N.json` (bare array, or a single post object), wrapped indexes
//! (`ig_stories`, `ig_reels_media` …) under `content/` or `media/`, and Era A `media.json`.

use std::collections::HashSet;

use super::Parsed;
use super::files::FileName;
use super::{Ctx, JsonFile, legacy, media_item, provenance};
use crate::blocks::{ROW_KEYS, Row};
use crate::container::Archive;
use crate::model::{MediaItem, Post, PostKind};

/// Which index a file is, if it is one.
pub(crate) fn kind_of(f: &FileName<'_>) -> Option<PostKind> {
    if !f.document || !(f.dir == "content" || f.dir == "media") {
        return None;
    }
    Some(match f.stem {
        "posts" if f.page > 0 => PostKind::Post,
        "stories" => PostKind::Story,
        "reels" => PostKind::Reel,
        "igtv_videos" => PostKind::Igtv,
        "archived_posts" => PostKind::Archived,
        "recently_deleted_content" => PostKind::RecentlyDeleted,
        "other_content" => PostKind::Other,
        _ => return None,
    })
}

/// Era A `media.json` (at the root of each part).
pub(crate) fn is_legacy_media(f: &FileName<'_>) -> bool {
    f.document && f.stem == "media" && f.page == 0 && !f.dir_path.contains('/') && f.dir != "media"
}

pub(crate) fn claims(f: &FileName<'_>) -> bool {
    kind_of(f).is_some() || is_legacy_media(f)
}

/// Every post of `kind`, oldest first, de-duplicated by (first uri, time).
pub fn parse(archive: &mut Archive, kind: PostKind) -> Parsed<Vec<Post>> {
    Ctx::run(archive, |ctx| read(ctx, kind))
}

fn read(ctx: &mut Ctx<'_>, kind: PostKind) -> Vec<Post> {
    let mut posts = Vec::new();
    for (file, k) in ctx.matching(|f| kind_of(&FileName::of(&f.path))) {
        if k == kind {
            read_index(ctx, &file, kind, &mut posts);
        }
    }
    for (file, ()) in ctx.matching(|f| is_legacy_media(&FileName::of(&f.path)).then_some(())) {
        read_legacy(ctx, &file, kind, &mut posts);
    }
    let mut seen = HashSet::new();
    posts.retain(|p: &Post| {
        let uri = p
            .items
            .first()
            .map(|i| i.media.uri.clone())
            .unwrap_or_default();
        uri.is_empty() || seen.insert((uri, p.time))
    });
    posts.sort_by_key(|p| p.time);
    posts
}

fn read_index(ctx: &mut Ctx<'_>, file: &JsonFile, kind: PostKind, out: &mut Vec<Post>) {
    let rows = ctx.rows::<Row>(file, ROW_KEYS);
    for row in rows.into_all() {
        if let Some(post) = post_of(ctx, &row, kind, file) {
            out.push(post);
        }
    }
}

/// A post row (`{media: [...], title, creation_timestamp}`) or a bare media object.
fn post_of(ctx: &Ctx<'_>, row: &Row, kind: PostKind, file: &JsonFile) -> Option<Post> {
    let items: Vec<MediaItem> = row
        .media_objects()
        .iter()
        .filter_map(|m| ctx.media_item(m))
        .collect();
    if items.is_empty() && row.title.is_empty() {
        return None;
    }
    // Single-media posts keep the caption and time on the media object.
    let first = items.first();
    let caption = if row.title.is_empty() {
        first.map(|i| i.caption.clone()).unwrap_or_default()
    } else {
        row.title.clone()
    };
    let time = row
        .creation_timestamp
        .or(first.map(|i| i.created).unwrap_or_default());
    Some(Post {
        kind,
        items,
        caption,
        time,
        provenance: provenance(file),
    })
}

/// Era A lists photos and videos separately, one entry per media file; a carousel's
/// files share caption and time, so entries with the same (time, caption) form one post.
fn read_legacy(ctx: &mut Ctx<'_>, file: &JsonFile, kind: PostKind, out: &mut Vec<Post>) {
    let rows = ctx.rows::<legacy::Media>(file, legacy::MEDIA_KEYS);
    let mut posts: Vec<Post> = Vec::new();
    // (time, caption) → index in `posts`, so grouping stays linear.
    let mut carousel: std::collections::HashMap<(crate::instant::Instant, String), usize> =
        std::collections::HashMap::new();
    for (key, group) in rows.groups {
        let group_kind = match key.as_str() {
            "photos" | "videos" => PostKind::Post,
            "stories" => PostKind::Story,
            // `direct` files are message attachments; `profile` is the profile's.
            _ => continue,
        };
        if group_kind != kind {
            continue;
        }
        for m in group {
            let Some(item) = legacy_item(ctx, &m) else {
                continue;
            };
            let slot = (kind == PostKind::Post)
                .then(|| carousel.get(&(m.taken_at, m.caption.clone())).copied())
                .flatten();
            match slot.and_then(|i| posts.get_mut(i)) {
                Some(post) => post.items.push(item),
                None => {
                    carousel.insert((m.taken_at, m.caption.clone()), posts.len());
                    posts.push(Post {
                        kind,
                        caption: m.caption.clone(),
                        time: m.taken_at,
                        items: vec![item],
                        provenance: provenance(file),
                    });
                }
            }
        }
    }
    out.extend(posts);
}

pub(crate) fn legacy_item(ctx: &Ctx<'_>, m: &legacy::Media) -> Option<MediaItem> {
    let media = ctx.media_ref(&m.path)?;
    let object = crate::blocks::MediaObject {
        uri: m.path.clone(),
        creation_timestamp: m.taken_at,
        title: m.caption.clone(),
        ..Default::default()
    };
    let mut item = media_item(media, &object);
    item.place = super::non_empty(m.location.clone());
    Some(item)
}
