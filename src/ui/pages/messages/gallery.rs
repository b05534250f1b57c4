//! A conversation's photos, videos and audio in one grid, each leading back to its
//! message. Asked of the worker only when opened.

use yew::prelude::*;

use crate::protocol::query;
use crate::ui::components::media_view::MediaView;
use crate::ui::hooks::{Fetch, failure, use_query};

/// Items per step: each holds an object URL while shown.
const STEP: usize = 60;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub id: String,
    /// Called with the position of the message an item belongs to.
    pub on_jump: Callback<usize>,
}

#[component]
pub fn Gallery(props: &Props) -> Html {
    let items = use_query(query::ThreadMedia {
        id: props.id.clone(),
    });
    let shown = use_state(|| STEP);
    let items = match &items {
        Fetch::Waiting(_) => {
            return html! { <p class="muted" role="status">{ "Finding the media…" }</p> };
        }
        Fetch::Failed(error) => return failure(error),
        Fetch::Ready(items) => items,
    };
    let more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + STEP))
    };
    html! {
        <ul class="thread-gallery" data-testid="thread-gallery">
            { for items.iter().take(*shown).map(|item| {
                let on_jump = props.on_jump.clone();
                let index = item.index;
                html! {
                    <li>
                        <MediaView path={item.path.clone()} class="gallery-media" />
                        <button class="link" onclick={Callback::from(move |_: MouseEvent| on_jump.emit(index))}>
                            { "Go to message" }
                        </button>
                    </li>
                }
            }) }
            if items.len() > *shown {
                <li class="more">
                    <button class="button secondary" onclick={more}>{ "Show more" }</button>
                </li>
            }
        </ul>
    }
}
