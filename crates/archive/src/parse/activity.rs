//! Comments, likes, saved posts and collections, searches, story interactions and
//! viewing history. Every file is "wrapped rows or a bare `label_values` list"
//! (docs/FORMAT.md §6.10); Era A files are tuple lists.

use serde::Deserialize;

use super::files::FileName;
use super::legacy::{Tuple, TupleLists};
use super::{Ctx, JsonFile, Parsed, non_empty, provenance};
use crate::blocks::{ROW_KEYS, Row};
use crate::container::Archive;
use crate::instant::Instant;
use crate::labels::{Field, is_instagram_link};
use crate::lenient::{self, Pairs};
use crate::model::{
    Activity, Comment, CommentKind, Like, LikeKind, Saved, SavedCollection, Search, SearchKind,
    StoryInteraction, Viewed, ViewedKind,
};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Comments(CommentKind),
    Likes(LikeKind),
    Saved,
    Collections,
    Searches(SearchKind),
    Story(String),
    Viewed(ViewedKind),
    LegacyComments,
    LegacyLikes,
    LegacySaved,
    LegacySearches,
    LegacyStory,
    LegacySeen,
}

fn kind_of(f: &FileName<'_>) -> Option<Kind> {
    if !f.document {
        return None;
    }
    if f.at_root() {
        let legacy = match f.stem {
            "comments" => Kind::LegacyComments,
            "likes" => Kind::LegacyLikes,
            "saved" => Kind::LegacySaved,
            "searches" => Kind::LegacySearches,
            "stories_activities" => Kind::LegacyStory,
            "seen_content" => Kind::LegacySeen,
            _ => return None,
        };
        return Some(legacy);
    }
    if f.dir == "story_interactions" || f.dir == "story_sticker_interactions" {
        return Some(Kind::Story(f.stem.to_owned()));
    }
    Some(match f.stem {
        "post_comments" => Kind::Comments(CommentKind::Post),
        "reels_comments" => Kind::Comments(CommentKind::Reel),
        "hype" | "story_comments" => Kind::Comments(CommentKind::Story),
        "live_comments" => Kind::Comments(CommentKind::Live),
        "liked_posts" => Kind::Likes(LikeKind::Post),
        "liked_comments" => Kind::Likes(LikeKind::Comment),
        "liked_threads" => Kind::Likes(LikeKind::Threads),
        "saved_posts" => Kind::Saved,
        "saved_collections" => Kind::Collections,
        "profile_searches" | "account_searches" => Kind::Searches(SearchKind::Profile),
        "word_or_phrase_searches" | "keyword_searches" => Kind::Searches(SearchKind::Keyword),
        "tag_searches" | "hashtag_searches" => Kind::Searches(SearchKind::Tag),
        "location_searches" | "place_searches" => Kind::Searches(SearchKind::Place),
        "posts_viewed" => Kind::Viewed(ViewedKind::Post),
        "videos_watched" => Kind::Viewed(ViewedKind::Video),
        "ads_viewed" => Kind::Viewed(ViewedKind::Ad),
        "suggested_profiles_viewed" | "suggested_accounts_viewed" => {
            Kind::Viewed(ViewedKind::SuggestedProfile)
        }
        "threads_viewed" => Kind::Viewed(ViewedKind::ThreadsPost),
        _ => return None,
    })
}

pub(crate) fn claims(f: &FileName<'_>) -> bool {
    kind_of(f).is_some()
}

pub fn parse(archive: &mut Archive) -> Parsed<Activity> {
    Ctx::run(archive, read)
}

fn read(ctx: &mut Ctx<'_>) -> Activity {
    let mut a = Activity::default();
    for (file, kind) in ctx.matching(|f| kind_of(&FileName::of(&f.path))) {
        let p = || provenance(&file);
        match kind {
            Kind::LegacyComments => legacy_comments(ctx, &file, &mut a),
            Kind::LegacyLikes => legacy_likes(ctx, &file, &mut a),
            Kind::LegacySaved => legacy_saved(ctx, &file, &mut a),
            Kind::LegacySearches => legacy_searches(ctx, &file, &mut a),
            Kind::LegacyStory => {
                for (key, t) in tuples(ctx, &file) {
                    a.story_interactions.push(StoryInteraction {
                        kind: key,
                        owner: t.text(0),
                        value: None,
                        time: t.time,
                        provenance: p(),
                    });
                }
            }
            Kind::LegacySeen => legacy_seen(ctx, &file, &mut a),
            Kind::Collections => collections(ctx, &file, &mut a),
            kind => {
                for row in ctx.rows::<Row>(&file, ROW_KEYS).into_all() {
                    row_into(&kind, &row, p(), &mut a);
                }
            }
        }
    }
    a
}

fn first_value(row: &Row) -> Option<String> {
    row.string_list_data
        .first()
        .and_then(|e| non_empty(e.value.clone()))
}

/// The owner/author of a row: a labelled field, else the title, else the (nested)
/// `label_values` username or name.
fn owner(row: &Row, fields: &[Field]) -> String {
    fields
        .iter()
        .find_map(|f| row.text(*f))
        .or_else(|| non_empty(row.title.clone()))
        .or_else(|| row.text(Field::Username))
        .or_else(|| row.text(Field::Name))
        .unwrap_or_default()
}

fn row_into(kind: &Kind, row: &Row, provenance: crate::model::Provenance, a: &mut Activity) {
    let time = row.time();
    match kind {
        Kind::Comments(k) => a.comments.push(Comment {
            kind: *k,
            text: row
                .text(Field::Comment)
                .or_else(|| first_value(row))
                .unwrap_or_default(),
            media_owner: owner(row, &[Field::MediaOwner]),
            time,
            link: row.link(),
            provenance,
        }),
        Kind::Likes(k) => a.likes.push(Like {
            kind: *k,
            owner: owner(row, &[]),
            link: row.link(),
            reaction: first_value(row).filter(|v| !is_instagram_link(v)),
            time,
            provenance,
        }),
        Kind::Saved => a.saved.push(Saved {
            owner: owner(row, &[]),
            link: row
                .get(Field::SavedOn)
                .map(|e| e.href.clone())
                .filter(|h| !h.is_empty())
                .or_else(|| row.link()),
            time,
            provenance,
        }),
        Kind::Searches(k) => a.searches.push(Search {
            kind: *k,
            query: row
                .text(Field::Search)
                .or_else(|| first_value(row))
                .or_else(|| non_empty(row.title.clone()))
                .unwrap_or_else(|| row.username()),
            link: row.link(),
            time,
            provenance,
        }),
        Kind::Story(name) => a.story_interactions.push(StoryInteraction {
            kind: name.clone(),
            owner: owner(row, &[Field::Username]),
            value: first_value(row),
            time,
            provenance,
        }),
        Kind::Viewed(k) => a.viewed.push(Viewed {
            kind: *k,
            author: owner(row, &[Field::Author, Field::Username]),
            link: row.link().or_else(|| row.text(Field::Url)),
            time,
            provenance,
        }),
        _ => {}
    }
}

/// `saved_collections.json`: a header row (Name without link, creation/update times)
/// followed by its member rows (Name with a link, added time).
fn collections(ctx: &mut Ctx<'_>, file: &JsonFile, a: &mut Activity) {
    for row in ctx.rows::<Row>(file, ROW_KEYS).into_all() {
        let name = row.get(Field::Name).cloned().unwrap_or_default();
        let is_member = !name.href.is_empty() || row.get(Field::AddedTime).is_some();
        if is_member {
            let saved = Saved {
                owner: non_empty(name.value).unwrap_or_else(|| row.title.clone()),
                link: non_empty(name.href),
                time: row.time(),
                provenance: provenance(file),
            };
            match a.collections.last_mut() {
                Some(c) => c.items.push(saved),
                None => a.collections.push(SavedCollection {
                    name: String::new(),
                    created: Instant::NONE,
                    updated: Instant::NONE,
                    items: vec![saved],
                    provenance: provenance(file),
                }),
            }
        } else {
            let stamp = |f: Field| row.get(f).map(|e| e.timestamp).unwrap_or_default();
            a.collections.push(SavedCollection {
                name: non_empty(name.value).unwrap_or_else(|| row.title.clone()),
                created: stamp(Field::CreationTime),
                updated: stamp(Field::UpdateTime),
                items: Vec::new(),
                provenance: provenance(file),
            });
        }
    }
}

fn tuples(ctx: &mut Ctx<'_>, file: &JsonFile) -> Vec<(String, Tuple)> {
    let Some(doc) = ctx.document::<TupleLists>(file) else {
        return Vec::new();
    };
    doc.0
        .into_iter()
        .flat_map(|(k, list)| list.0.into_iter().map(move |t| (k.clone(), t)))
        .collect()
}

fn legacy_comments(ctx: &mut Ctx<'_>, file: &JsonFile, a: &mut Activity) {
    for (key, t) in tuples(ctx, file) {
        a.comments.push(Comment {
            kind: if key == "live_comments" {
                CommentKind::Live
            } else {
                CommentKind::Post
            },
            text: t.text(0),
            media_owner: t.text(1),
            time: t.time,
            link: None,
            provenance: provenance(file),
        });
    }
}

fn legacy_likes(ctx: &mut Ctx<'_>, file: &JsonFile, a: &mut Activity) {
    for (key, t) in tuples(ctx, file) {
        a.likes.push(Like {
            kind: if key == "comment_likes" {
                LikeKind::Comment
            } else {
                LikeKind::Post
            },
            owner: t.text(0),
            link: None,
            reaction: None,
            time: t.time,
            provenance: provenance(file),
        });
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LegacySavedDoc {
    saved_media: super::legacy::TupleList,
    #[serde(deserialize_with = "lenient::list")]
    saved_collections: Vec<LegacyCollection>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LegacyCollection {
    #[serde(deserialize_with = "lenient::string")]
    name: String,
    #[serde(deserialize_with = "lenient::epoch")]
    created_at: Instant,
    #[serde(deserialize_with = "lenient::epoch")]
    updated_at: Instant,
    media: super::legacy::TupleList,
}

fn legacy_saved(ctx: &mut Ctx<'_>, file: &JsonFile, a: &mut Activity) {
    let Some(doc) = ctx.document::<LegacySavedDoc>(file) else {
        return;
    };
    let saved = |t: &Tuple| Saved {
        owner: t.text(0),
        link: None,
        time: t.time,
        provenance: provenance(file),
    };
    a.saved.extend(doc.saved_media.0.iter().map(saved));
    for c in doc.saved_collections {
        a.collections.push(SavedCollection {
            name: c.name,
            created: c.created_at,
            updated: c.updated_at,
            items: c.media.0.iter().map(saved).collect(),
            provenance: provenance(file),
        });
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LegacySearch {
    #[serde(deserialize_with = "lenient::string")]
    search_click: String,
    #[serde(deserialize_with = "lenient::epoch")]
    time: Instant,
    #[serde(deserialize_with = "lenient::string", rename = "type")]
    kind: String,
}

fn legacy_searches(ctx: &mut Ctx<'_>, file: &JsonFile, a: &mut Activity) {
    let rows = ctx.rows::<LegacySearch>(file, &["search_click", "time", "type"]);
    for s in rows.into_all() {
        a.searches.push(Search {
            kind: match s.kind.as_str() {
                "user" => SearchKind::Profile,
                "keyword" => SearchKind::Keyword,
                "hashtag" => SearchKind::Tag,
                "place" => SearchKind::Place,
                _ => SearchKind::Other,
            },
            query: s.search_click,
            link: None,
            time: s.time,
            provenance: provenance(file),
        });
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LegacySeen {
    #[serde(deserialize_with = "lenient::epoch")]
    timestamp: Instant,
    #[serde(deserialize_with = "lenient::string")]
    author: String,
    #[serde(deserialize_with = "lenient::string")]
    username: String,
}

fn legacy_seen(ctx: &mut Ctx<'_>, file: &JsonFile, a: &mut Activity) {
    // Sections may be placeholders (`["You have no data in this section"]`).
    let Some(doc) = ctx.document::<Pairs<Vec<serde_json::Value>>>(file) else {
        return;
    };
    for (key, values) in doc.0 {
        let items = values
            .into_iter()
            .filter_map(|v| serde_json::from_value::<LegacySeen>(v).ok());
        let kind = match key.as_str() {
            "videos_watched" => ViewedKind::Video,
            "ads_seen" => ViewedKind::Ad,
            "chaining_seen" => ViewedKind::SuggestedProfile,
            _ => ViewedKind::Post,
        };
        for s in items {
            a.viewed.push(Viewed {
                kind,
                author: if s.author.is_empty() {
                    s.username
                } else {
                    s.author
                },
                link: None,
                time: s.timestamp,
                provenance: provenance(file),
            });
        }
    }
}
