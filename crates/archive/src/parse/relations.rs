//! Followers, following and the other relationship lists, by file name (any folder), and
//! Era A `connections.json`. Rows may lack `value` (late 2025): see [`Row::username`].

use super::files::FileName;
use super::{Ctx, JsonFile, Parsed, provenance};
use crate::blocks::{ROW_KEYS, Row};
use crate::container::Archive;
use crate::labels::Field;
use crate::lenient::{Epoch, Pairs};
use crate::model::{Relation, RelationKind, Relations};

fn kind_of(f: &FileName<'_>) -> Option<RelationKind> {
    if !f.document {
        return None;
    }
    if f.under("threads") {
        // The Threads app's lists sit beside its posts.
        return match f.stem {
            "followers" => Some(RelationKind::ThreadsFollowers),
            "following" => Some(RelationKind::ThreadsFollowing),
            _ => None,
        };
    }
    if f.stem == "connections" && f.at_root() {
        return Some(RelationKind::Other("legacy".into()));
    }
    Some(match f.stem {
        "followers" => RelationKind::Followers,
        "following" => RelationKind::Following,
        "close_friends" => RelationKind::CloseFriends,
        "blocked_profiles" | "blocked_accounts" | "blocked_users" => RelationKind::Blocked,
        "restricted_profiles" | "restricted_accounts" | "restricted_users" => {
            RelationKind::Restricted
        }
        "pending_follow_requests" => RelationKind::PendingRequests,
        "recent_follow_requests" => RelationKind::RecentRequests,
        "follow_requests_you've_received" | "follow_requests_youve_received" => {
            RelationKind::ReceivedRequests
        }
        "recently_unfollowed_profiles" | "recently_unfollowed_accounts" => {
            RelationKind::RecentlyUnfollowed
        }
        "hide_story_from" => RelationKind::HiddenStoryFrom,
        "profiles_you've_favorited" | "accounts_you've_favorited" => RelationKind::Favorites,
        "following_hashtags" => RelationKind::Hashtags,
        "custom_lists" => RelationKind::CustomLists,
        "removed_suggestions" => RelationKind::RemovedSuggestions,
        _ => return None,
    })
}

pub(crate) fn claims(f: &FileName<'_>) -> bool {
    kind_of(f).is_some()
}

pub fn parse(archive: &mut Archive) -> Parsed<Relations> {
    Ctx::run(archive, read)
}

fn read(ctx: &mut Ctx<'_>) -> Relations {
    let mut out = Relations::default();
    for (file, kind) in ctx.matching(|f| kind_of(&FileName::of(&f.path))) {
        if kind == RelationKind::Other("legacy".into()) {
            legacy(ctx, &file, &mut out);
            continue;
        }
        let rows = ctx.rows::<Row>(&file, ROW_KEYS);
        let items = rows
            .into_all()
            .into_iter()
            .map(|row| relation(&row, &kind, &file))
            .filter(|r| !r.username.is_empty())
            .collect();
        out.push(kind, items);
    }
    out
}

fn relation(row: &Row, kind: &RelationKind, file: &JsonFile) -> Relation {
    if *kind == RelationKind::CustomLists {
        let members = row
            .text(Field::GroupMembers)
            .map(|m| {
                m.split(',')
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        return Relation {
            username: row.text(Field::Name).unwrap_or_else(|| row.title.clone()),
            href: String::new(),
            time: row.time(),
            members,
            provenance: provenance(file),
        };
    }
    let href = row
        .string_list_data
        .first()
        .map(|e| e.href.clone())
        .filter(|h| !h.is_empty())
        .or_else(|| row.link())
        .unwrap_or_default();
    Relation {
        username: row.username(),
        href,
        time: row.time(),
        members: Vec::new(),
        provenance: provenance(file),
    }
}

/// `connections.json`: `{ "followers": { "alice": "2020-04-24T17:41:47+00:00" }, … }`.
fn legacy(ctx: &mut Ctx<'_>, file: &JsonFile, out: &mut Relations) {
    let Some(doc) = ctx.document::<Pairs<Pairs<Epoch>>>(file) else {
        return;
    };
    for (key, people) in doc.0 {
        let kind = match key.as_str() {
            "followers" => RelationKind::Followers,
            "following" => RelationKind::Following,
            "blocked_users" => RelationKind::Blocked,
            "restricted_users" => RelationKind::Restricted,
            "close_friends" => RelationKind::CloseFriends,
            "follow_requests_sent" => RelationKind::PendingRequests,
            "hide_story_from" => RelationKind::HiddenStoryFrom,
            "following_hashtags" => RelationKind::Hashtags,
            "dismissed_suggested_users" => RelationKind::RemovedSuggestions,
            other => RelationKind::Other(other.to_owned()),
        };
        let items = people
            .0
            .into_iter()
            .map(|(username, time)| Relation {
                username,
                href: String::new(),
                time: time.0,
                members: Vec::new(),
                provenance: provenance(file),
            })
            .collect();
        out.push(kind, items);
    }
}
