//! The Posts section: the grid of posts, and the post the address names
//! (`#/posts/:id`) over it as a dialog.

use std::rc::Rc;

use keepsake_archive::model::PostKind;
use keepsake_archive::post_ids::kind_of_id;
use yew::prelude::*;
use yew_router::prelude::*;

use super::grid::{Grid, tiles_of};
use super::post_view::PostView;
use super::take_return;
use crate::ui::hooks::{Fetch, failure, use_posts};
use crate::ui::routes::Route;

/// The Posts section: the grid of posts, and the post the address names over it.
#[component]
pub fn PostsPage() -> Html {
    let route = use_route::<Route>();
    let navigator = use_navigator();
    let open_id = match &route {
        Some(Route::Post { id }) => Some(id.clone()),
        _ => None,
    };
    let kind = open_id.as_deref().map_or(PostKind::Post, kind_of_id);
    let loaded = use_posts(kind);
    let tiles = {
        let loaded = loaded.clone();
        use_memo(loaded, |loaded| match loaded {
            Fetch::Ready(list) => Rc::new(tiles_of(list.as_ref())),
            _ => Rc::new(Vec::new()),
        })
    };
    let list = match &loaded {
        Fetch::Waiting(_) => {
            return html! { <div class="media-loading" aria-busy="true">{ "Loading posts…" }</div> };
        }
        Fetch::Failed(error) => return failure(error),
        Fetch::Ready(list) => Rc::clone(list),
    };
    let on_close = {
        let navigator = navigator.clone();
        Callback::from(move |_| {
            if let Some(navigator) = &navigator {
                match take_return() {
                    Some(_) => navigator.back(),
                    None => navigator.push(&Route::Posts),
                }
            }
        })
    };
    let on_go = {
        let navigator = navigator.clone();
        let list = Rc::clone(&list);
        Callback::from(move |i: usize| {
            if let (Some(navigator), Some(id)) = (&navigator, list.ids.get(i)) {
                navigator.replace(&Route::Post { id: id.clone() });
            }
        })
    };
    let overlay = open_id.map(|id| match list.index_of(&id) {
        Some(index) => html! { <PostView list={Rc::clone(&list)} {index} {on_close} {on_go} /> },
        None => html! {
            <div class="notice" role="alert" data-testid="post-not-found">
                <h2>{ "This post is not in the open export" }</h2>
                <p>{ "The address names a post that the files you opened do not contain." }</p>
                <Link<Route> to={Route::Posts}>{ "Show all posts" }</Link<Route>>
            </div>
        },
    });
    html! {
        <>
            { overlay.unwrap_or_default() }
            <nav class="kind-links" aria-label="More of your posts">
                <span class="muted">{ "Also on your profile:" }</span>
                { for [("archived", "Archived"), ("deleted", "Recently deleted"), ("other", "Other content")].into_iter().map(|(tab, label)| html! {
                    <Link<Route> to={Route::ProfileTab { tab: tab.to_string() }}>{ label }</Link<Route>>
                }) }
            </nav>
            if list.posts.is_empty() {
                <p class="muted">{ "No posts of this kind in the export." }</p>
            } else {
                <Grid tiles={(*tiles).clone()} back={Route::Posts} label={kind_title(kind)} />
            }
        </>
    }
}

pub fn kind_title(kind: PostKind) -> &'static str {
    match kind {
        PostKind::Post => "Posts",
        PostKind::Story => "Stories",
        PostKind::Reel => "Reels",
        PostKind::Igtv => "IGTV videos",
        PostKind::Archived => "Archived",
        PostKind::RecentlyDeleted => "Recently deleted",
        PostKind::Other => "Other content",
    }
}
