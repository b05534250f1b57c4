//! Followers, following, the lists derived from them (not following back, fans, mutuals)
//! and every other relationship list, each as a table with its count.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use keepsake_archive::category::{Category, relation_key};
use keepsake_archive::model::{Relation, RelationKind, Relations};
use yew::prelude::*;

use super::{Fetch, failure, loading, problems_note, use_query};
use crate::protocol::query;
use crate::ui::components::table::{Column, Tab, TableData, TableTabs, time_cell};

#[component]
pub fn ConnectionsView() -> Html {
    let relations = use_query(query::Relations);
    let tabs = use_memo(relations.clone(), |relations| {
        Rc::new(
            relations
                .ready()
                .map(|r| tabs(&r.value))
                .unwrap_or_default(),
        )
    });
    match &relations {
        Fetch::Waiting(_) => loading("your lists"),
        Fetch::Failed(error) => failure(error),
        Fetch::Ready(relations) => html! {
            <div class="section-view" data-testid="connections">
                <p class="muted">
                    { "Lists may be partial if the download was limited to a date range; \
                       request “All time” for complete lists." }
                </p>
                { problems_note(relations.problems.len()) }
                <TableTabs tabs={(*tabs).clone()} label="Lists" />
            </div>
        },
    }
}

/// The lists Instagram exports, in the order shown; others appear only when present.
const ALWAYS: [(RelationKind, &str); 11] = [
    (RelationKind::CloseFriends, "Close friends"),
    (RelationKind::Blocked, "Blocked"),
    (RelationKind::Restricted, "Restricted"),
    (RelationKind::PendingRequests, "Pending requests"),
    (RelationKind::ReceivedRequests, "Requests received"),
    (RelationKind::RecentlyUnfollowed, "Recently unfollowed"),
    (RelationKind::HiddenStoryFrom, "Story hidden from"),
    (RelationKind::Favorites, "Favorites"),
    (RelationKind::Hashtags, "Hashtags"),
    (RelationKind::CustomLists, "Custom lists"),
    (RelationKind::RecentRequests, "Recent requests"),
];

fn tabs(relations: &Relations) -> Vec<Tab> {
    let present = |kind: &RelationKind| {
        relations
            .lists
            .iter()
            .any(|l| &l.kind == kind && !l.items.is_empty())
    };
    let followers = relations.get(&RelationKind::Followers);
    let following = relations.get(&RelationKind::Following);
    let both = present(&RelationKind::Followers) && present(&RelationKind::Following);
    let list = |kind: &RelationKind, key: &str, label: &str, when: &str| {
        present(kind).then(|| people_table(key, label, when, relations.get(kind)).shared())
    };
    let derived = |key: &str, label: &str, build: &dyn Fn() -> TableData| {
        Tab::new(key, label, both.then(|| build().shared()))
    };
    let mut tabs = vec![
        Tab::new(
            Category::Followers.key(),
            "Followers",
            list(
                &RelationKind::Followers,
                Category::Followers.key(),
                "Followers",
                "Followed you",
            ),
        ),
        Tab::new(
            Category::Following.key(),
            "Following",
            list(
                &RelationKind::Following,
                Category::Following.key(),
                "Following",
                "You followed",
            ),
        ),
        derived("not_following_back", "Not following back", &|| {
            people_table(
                "not_following_back",
                "Not following back",
                "You followed",
                &difference(following, followers),
            )
        })
        .with_note("Accounts you follow that do not follow you."),
        derived("fans", "Fans", &|| {
            people_table(
                "fans",
                "Fans",
                "Followed you",
                &difference(followers, following),
            )
        })
        .with_note("Accounts that follow you that you do not follow."),
        derived("mutuals", "Mutuals", &|| {
            mutuals_table(followers, following)
        })
        .with_note("Accounts you follow that follow you too."),
    ];
    for (kind, label) in ALWAYS {
        let key = relation_key(&kind);
        let table = if kind == RelationKind::CustomLists {
            present(&kind).then(|| custom_lists_table(relations.get(&kind)).shared())
        } else {
            list(&kind, &key, label, "Date")
        };
        if table.is_some() || kind != RelationKind::RecentRequests {
            tabs.push(Tab::new(&key, label, table));
        }
    }
    for l in &relations.lists {
        let label = match &l.kind {
            RelationKind::RemovedSuggestions => "Removed suggestions".to_string(),
            RelationKind::ThreadsFollowers => "Threads followers".to_string(),
            RelationKind::ThreadsFollowing => "Threads following".to_string(),
            RelationKind::Other(name) => name.replace('_', " "),
            _ => continue,
        };
        let key = relation_key(&l.kind);
        if !l.items.is_empty() && !tabs.iter().any(|t| t.key == key) {
            tabs.push(Tab::new(
                &key,
                &label,
                Some(people_table(&key, &label, "Date", &l.items).shared()),
            ));
        }
    }
    tabs
}

fn people_columns(when: &str) -> Vec<Column> {
    vec![
        Column::text("Username"),
        Column::time(when),
        Column::link("Profile"),
    ]
}

fn people_table(name: &str, _label: &str, when: &str, items: &[Relation]) -> TableData {
    let mut table = TableData::new(name, people_columns(when));
    for r in items {
        table.push(vec![
            r.username.clone(),
            time_cell(r.time.get()),
            profile_link(r),
        ]);
    }
    table
}

fn mutuals_table(followers: &[Relation], following: &[Relation]) -> TableData {
    let mut table = TableData::new(
        "mutuals",
        vec![
            Column::text("Username"),
            Column::time("You followed"),
            Column::time("Followed you"),
            Column::link("Profile"),
        ],
    );
    let followed_you: HashMap<String, &Relation> = followers
        .iter()
        .map(|r| (normalize(&r.username), r))
        .collect();
    let mut seen = HashSet::new();
    for r in following {
        let key = normalize(&r.username);
        if let Some(follower) = followed_you.get(&key)
            && seen.insert(key)
        {
            table.push(vec![
                r.username.clone(),
                time_cell(r.time.get()),
                time_cell(follower.time.get()),
                profile_link(r),
            ]);
        }
    }
    table
}

fn custom_lists_table(items: &[Relation]) -> TableData {
    let mut table = TableData::new(
        Category::CustomLists.key(),
        vec![
            Column::text("List"),
            Column::text("Members"),
            Column::number("Count"),
            Column::time("Date"),
        ],
    );
    for r in items {
        table.push(vec![
            r.username.clone(),
            r.members.join(", "),
            r.members.len().to_string(),
            time_cell(r.time.get()),
        ]);
    }
    table
}

/// Usernames compare case-insensitively, without a leading `@`.
fn normalize(username: &str) -> String {
    username.trim().trim_start_matches('@').to_lowercase()
}

/// The rows of `a` whose username is not in `b`, once each, in `a`'s order.
pub fn difference(a: &[Relation], b: &[Relation]) -> Vec<Relation> {
    let other: HashSet<String> = b.iter().map(|r| normalize(&r.username)).collect();
    let mut seen = HashSet::new();
    a.iter()
        .filter(|r| {
            let key = normalize(&r.username);
            !key.is_empty() && !other.contains(&key) && seen.insert(key)
        })
        .cloned()
        .collect()
}

/// The profile's address without Instagram's `/_u/` app-redirect segment; built from the
/// username when the export gives none.
pub fn profile_link(r: &Relation) -> String {
    let href = r.href.trim();
    if href.is_empty() {
        let name = r.username.trim().trim_start_matches('@');
        if name.is_empty() || name.contains(['/', ' ', ':']) {
            return String::new();
        }
        return format!("https://www.instagram.com/{name}/");
    }
    href.replacen("instagram.com/_u/", "instagram.com/", 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn rel(name: &str) -> Relation {
        Relation {
            username: name.into(),
            ..Relation::default()
        }
    }

    fn names(list: &[Relation]) -> Vec<&str> {
        list.iter().map(|r| r.username.as_str()).collect()
    }

    #[wasm_bindgen_test]
    fn set_differences_follow_usernames() {
        let following = vec![rel("ana"), rel("Bob"), rel("cy"), rel("cy")];
        let followers = vec![rel("bob"), rel("dee")];
        assert_eq!(
            names(&difference(&following, &followers)),
            vec!["ana", "cy"]
        );
        assert_eq!(names(&difference(&followers, &following)), vec!["dee"]);
        let mutual = mutuals_table(&followers, &following);
        assert_eq!(mutual.rows.len(), 1);
        assert_eq!(mutual.cell(0, 0), "Bob");
    }

    #[wasm_bindgen_test]
    fn profile_links_lose_the_app_redirect() {
        let mut r = rel("ana");
        r.href = "https://www.instagram.com/_u/ana".into();
        assert_eq!(profile_link(&r), "https://www.instagram.com/ana");
        r.href = String::new();
        assert_eq!(profile_link(&r), "https://www.instagram.com/ana/");
    }

    #[wasm_bindgen_test]
    fn absent_lists_are_marked_and_derived_lists_computed() {
        let mut relations = Relations::default();
        relations.push(RelationKind::Followers, vec![rel("a"), rel("b")]);
        relations.push(RelationKind::Following, vec![rel("b"), rel("c")]);
        let tabs = tabs(&relations);
        let count = |key: &str| {
            tabs.iter()
                .find(|t| t.key == key)
                .map(|t| t.table.as_ref().map(|t| t.len()))
        };
        assert_eq!(count("not_following_back"), Some(Some(1)));
        assert_eq!(count("fans"), Some(Some(1)));
        assert_eq!(count("mutuals"), Some(Some(1)));
        assert_eq!(count("blocked"), Some(None), "absent, but listed");
        assert_eq!(count("recent_follow_requests"), None, "only when present");
    }
}
