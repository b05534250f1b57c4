//! The profile page: the header, then tabs for every kind of the account's media.

use std::rc::Rc;

use keepsake_archive::Parsed;
use keepsake_archive::instant::Instant;
use keepsake_archive::model::{Post, PostKind, Profile};
use yew::prelude::*;
use yew_router::prelude::*;

use super::grid::{Grid, tiles_of};
use super::post_view::PostView;
use super::stories::StoriesPage;
use super::{Viewer, use_viewer};
use crate::protocol::query;
use crate::ui::components::media_view::MediaView;
use crate::ui::components::profile_header::ProfileHeader;
use crate::ui::hooks::{Fetch, failure, use_query};
use crate::ui::hooks::{PostList, use_posts};
use crate::ui::routes::Route;

/// The profile's tabs: (slug in the address, label).
pub const TABS: [(&str, &str); 7] = [
    ("posts", "Posts"),
    ("reels", "Reels"),
    ("stories", "Stories archive"),
    ("archived", "Archived"),
    ("deleted", "Recently deleted"),
    ("photos", "Profile photos"),
    ("other", "Other content"),
];

/// The tab is in the address (`#/profile/reels`); the first when absent or unknown.
#[component]
pub fn ProfilePage() -> Html {
    let route = use_route::<Route>();
    let profile = use_query(query::Profile);
    let tab = match &route {
        Some(Route::ProfileTab { tab }) => Some(tab.as_str()),
        _ => None,
    }
    .filter(|t| TABS.iter().any(|(slug, _)| slug == t))
    .unwrap_or("posts")
    .to_string();
    let back = Route::ProfileTab { tab: tab.clone() };
    let body = match tab.as_str() {
        "reels" => html! { <KindGrid kind={PostKind::Reel} back={back.clone()} /> },
        "stories" => html! { <StoriesPage /> },
        "archived" => html! { <KindGrid kind={PostKind::Archived} back={back.clone()} /> },
        "deleted" => html! { <KindGrid kind={PostKind::RecentlyDeleted} back={back.clone()} /> },
        "photos" => match profile.ready() {
            Some(p) => html! { <ProfilePhotos profile={Rc::clone(p)} /> },
            None => html! {},
        },
        "other" => html! {
            <>
                <h2 class="tab-heading">{ "IGTV videos" }</h2>
                <KindGrid kind={PostKind::Igtv} back={back.clone()} />
                <h2 class="tab-heading">{ "Other content" }</h2>
                <KindGrid kind={PostKind::Other} back={back.clone()} />
            </>
        },
        _ => html! { <KindGrid kind={PostKind::Post} back={back.clone()} /> },
    };
    html! {
        <>
            <ProfileHeader profile={profile.clone()} />
            <nav class="profile-tabs" aria-label="Profile content">
                { for TABS.iter().map(|(slug, label)| {
                    let on = *slug == tab;
                    html! {
                        <Link<Route> to={Route::ProfileTab { tab: slug.to_string() }}
                            classes={classes!("tab", on.then_some("on"))}>
                            <span aria-current={on.then_some("page")}>{ *label }</span>
                        </Link<Route>>
                    }
                }) }
            </nav>
            <div class="tab-body" key={tab.clone()}>{ body }</div>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct KindProps {
    pub kind: PostKind,
    pub back: Route,
}

/// The grid of one kind of post.
#[component]
pub fn KindGrid(props: &KindProps) -> Html {
    let loaded = use_posts(props.kind);
    let tiles = use_memo(loaded.clone(), |loaded| match loaded {
        Fetch::Ready(list) => Rc::new(tiles_of(list.as_ref())),
        _ => Rc::new(Vec::new()),
    });
    match &loaded {
        Fetch::Waiting(_) => {
            html! { <div class="media-loading" aria-busy="true">{ "Loading…" }</div> }
        }
        Fetch::Failed(error) => failure(error),
        Fetch::Ready(list) if list.posts.is_empty() => html! {
            <p class="muted empty-tab">{ "Nothing of this kind in the export." }</p>
        },
        Fetch::Ready(_) => html! {
            <Grid tiles={(*tiles).clone()} back={props.back.clone()}
                label={super::posts_page::kind_title(props.kind)} />
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct PhotosProps {
    pub profile: Rc<Parsed<Profile>>,
}

/// Every profile photo, newest first; each opens in the post view.
#[component]
pub fn ProfilePhotos(props: &PhotosProps) -> Html {
    let Viewer {
        open,
        on_close,
        on_go,
    } = use_viewer();
    let list = use_memo(Rc::clone(&props.profile), |profile| {
        let posts: Vec<Post> = profile
            .value
            .photos
            .iter()
            .map(|photo| Post {
                kind: PostKind::Other,
                items: vec![photo.clone()],
                caption: photo.caption.clone(),
                time: Instant(photo.created.0),
                provenance: Default::default(),
            })
            .collect();
        Rc::new(PostList::new(PostKind::Other, posts))
    });
    if list.posts.is_empty() {
        return html! { <p class="muted empty-tab">{ "No profile photos in the export." }</p> };
    }
    let count = list.posts.len();
    html! {
        <>
            if let Some(index) = open {
                <PostView list={(*list).clone()} {index} {on_close} on_go={on_go.clone()} />
            }
            <ul class="profile-photos" data-testid="profile-photos">
                { for (0..count).rev().map(|i| {
                    let post = &list.posts[i];
                    let item = post.items.first();
                    let when = super::date(post.time.0).unwrap_or_else(|| "Undated".into());
                    let label = if i + 1 == count { format!("Current profile photo, {when}") } else { format!("Profile photo from {when}") };
                    let onclick = on_go.reform(move |_: MouseEvent| i);
                    html! {
                        <li key={i}>
                            <button type="button" class="profile-photo" {onclick} aria-label={label.clone()}>
                                { match item.and_then(super::shown_path) {
                                    Some(path) => html! { <MediaView {path} alt={label.clone()} class="tile-media" /> },
                                    None => html! { <div class="tile-missing" role="img" aria-label="Not in this export"><span>{ "Not in this export" }</span></div> },
                                } }
                            </button>
                            <span class="muted">{ when }</span>
                        </li>
                    }
                }) }
            </ul>
        </>
    }
}
