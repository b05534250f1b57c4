//! What the account did: comments, likes, saved posts (with their collections),
//! searches, story interactions, what was viewed, and Threads posts — each a table.

use std::collections::HashMap;

use keepsake_archive::Category;
use keepsake_archive::model::{
    Activity, CommentKind, LikeKind, RecordTable, SearchKind, ViewedKind,
};
use yew::prelude::*;

use super::{Fetch, SectionTabs, failure, loading, problems_note, use_section_tabs};
use crate::protocol::query;
use crate::ui::components::table::{Column, Tab, TableData, TableTabs, records_table, time_cell};

/// Tables from `query::Tables` that belong to Activity (the rest go to Account).
pub const ACTIVITY_TABLES: [&str; 1] = [Category::ThreadsAppPosts.key()];

#[component]
pub fn ActivityView() -> Html {
    let SectionTabs {
        records,
        tabs: built,
    } = use_section_tabs(query::Activity, tabs);
    match (&records, &built) {
        (Fetch::Failed(error), _) => failure(error),
        (Fetch::Ready(records), Some(built)) => html! {
            <div class="section-view" data-testid="activity">
                { problems_note(records.problems.len()) }
                <TableTabs tabs={built.clone()} label="Activity" />
            </div>
        },
        _ => loading("your activity"),
    }
}

fn tabs(a: &Activity, known: &[RecordTable]) -> Vec<Tab> {
    let mut tabs = Vec::new();
    let present = |table: TableData| (!table.is_empty()).then(|| table.shared());

    for (kind, label, always) in [
        (CommentKind::Post, "Post comments", true),
        (CommentKind::Reel, "Reel comments", true),
        (CommentKind::Story, "Story comments", true),
        (CommentKind::Live, "Live comments", false),
    ] {
        let key = Category::from(kind).key();
        let mut table = TableData::new(
            key,
            vec![
                Column::text("Comment"),
                Column::text("On a post by"),
                Column::time("Time"),
                Column::link("Link"),
            ],
        );
        for c in a.comments.iter().filter(|c| c.kind == kind) {
            table.push(vec![
                c.text.clone(),
                c.media_owner.clone(),
                time_cell(c.time.get()),
                c.link.clone().unwrap_or_default(),
            ]);
        }
        if always || !table.is_empty() {
            tabs.push(Tab::new(key, label, present(table)));
        }
    }

    for (kind, label, always) in [
        (LikeKind::Post, "Liked posts", true),
        (LikeKind::Comment, "Liked comments", true),
        (LikeKind::Story, "Liked stories", false),
        (LikeKind::Threads, "Liked threads", false),
    ] {
        let key = Category::from(kind).key();
        let mut table = TableData::new(
            key,
            vec![
                Column::text("Owner"),
                Column::text("Reaction"),
                Column::time("Time"),
                Column::link("Link"),
            ],
        );
        for l in a.likes.iter().filter(|l| l.kind == kind) {
            table.push(vec![
                l.owner.clone(),
                l.reaction.clone().unwrap_or_default(),
                time_cell(l.time.get()),
                l.link.clone().unwrap_or_default(),
            ]);
        }
        if always || !table.is_empty() {
            tabs.push(Tab::new(key, label, present(table)));
        }
    }

    // Saved posts, with the collections each is in (matched by link).
    let mut in_collections: HashMap<&str, Vec<&str>> = HashMap::new();
    for collection in &a.collections {
        for item in &collection.items {
            if let Some(link) = item.link.as_deref() {
                let names = in_collections.entry(link).or_default();
                if !names.contains(&collection.name.as_str()) {
                    names.push(collection.name.as_str());
                }
            }
        }
    }
    let mut saved = TableData::new(
        Category::SavedPosts.key(),
        vec![
            Column::text("Owner"),
            Column::text("Collection"),
            Column::time("Saved"),
            Column::link("Link"),
        ],
    );
    for s in &a.saved {
        let collections = s
            .link
            .as_deref()
            .and_then(|l| in_collections.get(l))
            .map(|names| names.join(", "))
            .unwrap_or_default();
        saved.push(vec![
            s.owner.clone(),
            collections,
            time_cell(s.time.get()),
            s.link.clone().unwrap_or_default(),
        ]);
    }
    tabs.push(Tab::new(
        Category::SavedPosts.key(),
        "Saved",
        present(saved),
    ));

    let mut collections = TableData::new(
        Category::SavedCollections.key(),
        vec![
            Column::text("Collection"),
            Column::number("Items"),
            Column::text("Owners"),
            Column::time("Created"),
            Column::time("Updated"),
        ],
    );
    for c in &a.collections {
        let owners: Vec<&str> = c.items.iter().map(|i| i.owner.as_str()).collect();
        collections.push(vec![
            c.name.clone(),
            c.items.len().to_string(),
            owners.join(", "),
            time_cell(c.created.get()),
            time_cell(c.updated.get()),
        ]);
    }
    tabs.push(Tab::new(
        Category::SavedCollections.key(),
        "Collections",
        present(collections),
    ));

    for (kind, label, always) in [
        (SearchKind::Profile, "Profile searches", true),
        (SearchKind::Keyword, "Keyword searches", true),
        (SearchKind::Tag, "Tag searches", true),
        (SearchKind::Place, "Place searches", false),
        (SearchKind::Other, "Other searches", false),
    ] {
        let key = Category::from(kind).key();
        let mut table = TableData::new(
            key,
            vec![
                Column::text("Search"),
                Column::time("Time"),
                Column::link("Link"),
            ],
        );
        for s in a.searches.iter().filter(|s| s.kind == kind) {
            table.push(vec![
                s.query.clone(),
                time_cell(s.time.get()),
                s.link.clone().unwrap_or_default(),
            ]);
        }
        if always || !table.is_empty() {
            tabs.push(Tab::new(key, label, present(table)));
        }
    }

    let mut story = TableData::new(
        Category::StoryInteractions.key(),
        vec![
            Column::text("Interaction"),
            Column::text("Owner"),
            Column::text("Value"),
            Column::time("Time"),
        ],
    );
    for s in &a.story_interactions {
        story.push(vec![
            s.kind.replace('_', " "),
            s.owner.clone(),
            s.value.clone().unwrap_or_default(),
            time_cell(s.time.get()),
        ]);
    }
    tabs.push(Tab::new(
        Category::StoryInteractions.key(),
        "Story interactions",
        present(story),
    ));

    for (kind, label, always) in [
        (ViewedKind::Post, "Posts viewed", true),
        (ViewedKind::Video, "Videos watched", true),
        (ViewedKind::Ad, "Ads viewed", true),
        (ViewedKind::SuggestedProfile, "Suggested profiles", false),
        (ViewedKind::ThreadsPost, "Threads viewed", false),
    ] {
        let key = Category::from(kind).key();
        let mut table = TableData::new(
            key,
            vec![
                Column::text("Author"),
                Column::time("Time"),
                Column::link("Link"),
            ],
        );
        for v in a.viewed.iter().filter(|v| v.kind == kind) {
            table.push(vec![
                v.author.clone(),
                time_cell(v.time.get()),
                v.link.clone().unwrap_or_default(),
            ]);
        }
        if always || !table.is_empty() {
            tabs.push(Tab::new(key, label, present(table)));
        }
    }

    let threads: Vec<_> = known
        .iter()
        .filter(|t| t.name == Category::ThreadsAppPosts.key())
        .flat_map(|t| t.records.iter())
        .collect();
    tabs.push(Tab::new(
        Category::ThreadsAppPosts.key(),
        "Threads posts",
        present(records_table(Category::ThreadsAppPosts.key(), &threads)),
    ));

    if !a.other.is_empty() {
        let other: Vec<_> = a.other.iter().collect();
        tabs.push(Tab::new(
            "other_activity",
            "Other activity",
            present(records_table("other_activity", &other)),
        ));
    }
    tabs
}
