//! Stories: the archive by month with 9:16 thumbnails, and the full-screen viewer with
//! segmented progress bars, auto-advance, tap and keys, hold or Space to pause.

mod clock;
mod lazy_media;
mod progress;
mod viewer;

use std::rc::Rc;

use keepsake_archive::model::PostKind;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use super::{Viewer, alt_text, is_video, month, shown_path, use_viewer};
use crate::ui::hooks::{Fetch, PostList, failure, use_posts};
use lazy_media::LazyMedia;
use progress::runs;
use viewer::StoryViewer;

/// A local (year, month) for grouping; months count from 0 as in JavaScript.
fn local_month(epoch: i64) -> (i32, u32) {
    if epoch == 0 {
        return (0, 0);
    }
    let date = js_sys::Date::new(&JsValue::from_f64(epoch as f64 * 1000.0));
    (date.get_full_year() as i32, date.get_month())
}

/// The Stories section (and the profile's stories tab).
#[component]
pub fn StoriesPage() -> Html {
    let loaded = use_posts(PostKind::Story);
    let Viewer {
        open,
        on_close,
        on_go,
    } = use_viewer();
    let list = match &loaded {
        Fetch::Waiting(_) => {
            return html! { <div class="media-loading" aria-busy="true">{ "Loading stories…" }</div> };
        }
        Fetch::Failed(error) => return failure(error),
        Fetch::Ready(list) => Rc::clone(list),
    };
    if list.posts.is_empty() {
        return html! { <p class="muted">{ "No stories in this export." }</p> };
    }
    let keys: Vec<(i32, u32)> = list.posts.iter().map(|p| local_month(p.time.0)).collect();
    let months = runs(&keys);
    html! {
        <>
            if let Some(index) = open {
                <StoryViewer list={Rc::clone(&list)} {index} {on_close} on_go={on_go.clone()} />
            }
            <div class="story-archive" data-testid="story-archive" data-count={list.posts.len().to_string()}>
                // Newest month first, newest story first inside it.
                { for months.iter().rev().map(|(_, first, end)| {
                    let label = list.posts.get(*first).map(|p| month(p.time.0)).unwrap_or_default();
                    html! {
                        <section class="story-month" key={label.clone()}>
                            <h2 class="month-title">{ label.clone() }</h2>
                            <div class="story-thumbs">
                                { for (*first..*end).rev().map(|i| thumb(&list, i, &on_go)) }
                            </div>
                        </section>
                    }
                }) }
            </div>
        </>
    }
}

fn thumb(list: &PostList, i: usize, on_go: &Callback<usize>) -> Html {
    let Some(post) = list.posts.get(i) else {
        return html! {};
    };
    let item = post.items.first();
    let alt = alt_text(post, item);
    let onclick = on_go.reform(move |_: MouseEvent| i);
    let day = super::date(post.time.0).unwrap_or_default();
    html! {
        <button type="button" class="story-thumb" {onclick} data-index={i.to_string()}
            aria-label={format!("Story from {day}: {alt}")} key={i}>
            { match item.and_then(shown_path) {
                Some(path) => html! { <LazyMedia {path} alt={alt.clone()} /> },
                None => html! {
                    <div class="tile-missing" data-testid="missing-tile" role="img" aria-label="This file is not in the export">
                        <span>{ "Not in this export" }</span>
                    </div>
                },
            } }
            if item.is_some_and(is_video) { <span class="tile-icon">{ super::grid::video_icon() }</span> }
            <span class="story-day">{ day }</span>
        </button>
    }
}
