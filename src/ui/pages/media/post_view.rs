//! One post: media beside the caption on wide screens, below it on narrow ones; a
//! carousel with arrows, dots, swipe and arrow keys; date, place and camera facts;
//! previous/next post; Escape closes. Deep-linked as `#/posts/:id`.

use std::rc::Rc;

use keepsake_archive::model::MediaItem;
use yew::prelude::*;

use super::caption::Caption;
use super::{alt_text, date, exact, iso, shown_path, use_dialog_focus};
use crate::ui::components::masked::fact;
use crate::ui::components::media_view::MediaView;
use crate::ui::components::table::is_sensitive;
use crate::ui::hooks::PostList;
use crate::ui::services::dom::Listener;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub list: Rc<PostList>,
    /// Index in the list (oldest first).
    pub index: usize,
    pub on_close: Callback<()>,
    /// Go to another post, by index.
    pub on_go: Callback<usize>,
}

/// The post view as a dialog over the page.
#[component]
pub fn PostView(props: &Props) -> Html {
    let slide = use_state(|| 0usize);
    let dialog = use_node_ref();
    let swipe_from = use_mut_ref(|| None::<f64>);
    let len = props.list.posts.len();
    let index = props.index.min(len.saturating_sub(1));
    let post = props.list.posts.get(index);
    let slides = post.map_or(0, |p| p.items.len());
    let current = (*slide).min(slides.saturating_sub(1));
    // Newer is to the left (the grid is newest first).
    let newer = (index + 1 < len).then_some(index + 1);
    let older = index.checked_sub(1);

    // A new post starts at its first slide.
    {
        let slide = slide.clone();
        use_effect_with(index, move |_| slide.set(0));
    }
    // Focus moves into the dialog and back; the page behind does not scroll.
    use_dialog_focus(dialog.clone());

    // Moves one step: slides first, then the neighbouring post.
    let step = {
        let slide = slide.clone();
        let on_go = props.on_go.clone();
        Callback::from(move |forward: bool| {
            if forward {
                if current + 1 < slides {
                    slide.set(current + 1);
                } else if let Some(i) = older {
                    on_go.emit(i);
                }
            } else if current > 0 {
                slide.set(current - 1);
            } else if let Some(i) = newer {
                on_go.emit(i);
            }
        })
    };
    {
        let step = step.clone();
        let on_close = props.on_close.clone();
        let on_go = props.on_go.clone();
        use_effect_with((index, current, slides), move |_| {
            let listener = Listener::plain_keys(move |key| {
                match key.key().as_str() {
                    "Escape" => on_close.emit(()),
                    "ArrowRight" => step.emit(true),
                    "ArrowLeft" => step.emit(false),
                    "PageDown" | "j" => {
                        if let Some(i) = older {
                            on_go.emit(i)
                        }
                    }
                    "PageUp" | "k" => {
                        if let Some(i) = newer {
                            on_go.emit(i)
                        }
                    }
                    _ => return,
                }
                key.prevent_default();
            });
            move || drop(listener)
        });
    }

    let Some(post) = post else {
        return html! {};
    };
    let item = post.items.get(current);
    let alt = alt_text(post, item);
    let on_backdrop = {
        let on_close = props.on_close.clone();
        Callback::from(move |event: MouseEvent| {
            if event.target() == event.current_target() {
                on_close.emit(());
            }
        })
    };
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let go = |target: Option<usize>| {
        let on_go = props.on_go.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(i) = target {
                on_go.emit(i);
            }
        })
    };
    let slide_to = |n: usize| {
        let slide = slide.clone();
        Callback::from(move |_: MouseEvent| slide.set(n))
    };
    let pointer_down = {
        let swipe_from = swipe_from.clone();
        Callback::from(move |event: PointerEvent| {
            *swipe_from.borrow_mut() = Some(f64::from(event.client_x()));
        })
    };
    let pointer_up = {
        let step = step.clone();
        Callback::from(move |event: PointerEvent| {
            if let Some(from) = swipe_from.borrow_mut().take() {
                let dx = f64::from(event.client_x()) - from;
                if dx.abs() > 40.0 {
                    step.emit(dx < 0.0);
                }
            }
        })
    };
    let time = post.time.0;
    let item_caption = item
        .map(|i| i.caption.clone())
        .filter(|c| !c.trim().is_empty() && *c != post.caption);
    html! {
        <div class="post-overlay" onclick={on_backdrop}>
            <div class="post-dialog" role="dialog" aria-modal="true" aria-label="Post" tabindex="-1"
                ref={dialog} data-testid="post-view" data-id={props.list.ids.get(index).cloned().unwrap_or_default()}>
                <button type="button" class="icon-button post-close" aria-label="Close" onclick={close}>{ "✕" }</button>
                <article class="post-view">
                    <div class="post-stage" onpointerdown={pointer_down} onpointerup={pointer_up}
                        data-slide={current.to_string()} data-slides={slides.to_string()}>
                        { slide_view(item, &alt) }
                        if slides > 1 {
                            if current > 0 {
                                <button type="button" class="slide-arrow prev" aria-label="Previous photo"
                                    onclick={slide_to(current - 1)}>{ "‹" }</button>
                            }
                            if current + 1 < slides {
                                <button type="button" class="slide-arrow next" aria-label="Next photo"
                                    onclick={slide_to(current + 1)}>{ "›" }</button>
                            }
                            <div class="dots" role="group" aria-label="Photos in this post">
                                { for (0..slides).map(|n| html! {
                                    <button type="button" class={classes!("dot", (n == current).then_some("on"))}
                                        aria-label={format!("Item {} of {slides}", n + 1)}
                                        aria-current={(n == current).then_some("true")}
                                        onclick={slide_to(n)}></button>
                                }) }
                            </div>
                        }
                    </div>
                    <div class="post-side">
                        if let Some(day) = date(time) {
                            <p class="post-date">
                                <time datetime={iso(time).unwrap_or_default()} title={exact(time).unwrap_or_default()}>{ day }</time>
                                if slides > 1 { <span class="muted">{ format!(" · {} of {slides}", current + 1) }</span> }
                            </p>
                        }
                        if !post.caption.trim().is_empty() { <Caption text={post.caption.clone()} /> }
                        if let Some(text) = item_caption { <Caption text={text} class="item-caption" /> }
                        { facts(item) }
                    </div>
                </article>
                <div class="post-steps">
                    <button type="button" class="button secondary" aria-label="Newer post" disabled={newer.is_none()}
                        onclick={go(newer)}>{ "‹ Newer" }</button>
                    <button type="button" class="button secondary" aria-label="Older post" disabled={older.is_none()}
                        onclick={go(older)}>{ "Older ›" }</button>
                </div>
            </div>
        </div>
    }
}

/// One slide: the media, or a placeholder when the export lacks the file.
pub fn slide_view(item: Option<&MediaItem>, alt: &str) -> Html {
    match item.and_then(shown_path) {
        Some(path) => {
            let subtitles = item
                .and_then(|i| i.subtitles.as_ref())
                .filter(|s| !s.missing);
            let subtitles = subtitles.and_then(|s| s.path_in_export.clone());
            html! { <MediaView key={path.clone()} path={path.clone()} alt={alt.to_string()} class="post-media" {subtitles} /> }
        }
        None => html! {
            <div class="media placeholder post-media" role="img" data-testid="missing-media"
                aria-label="This file is not in the export">
                <span>{ "Not in this export" }</span>
                <small>{ item.map(|i| i.media.uri.clone()).unwrap_or_default() }</small>
            </div>
        },
    }
}

/// Where and how the photo was taken, as far as the export says.
fn facts(item: Option<&MediaItem>) -> Html {
    let Some(item) = item else {
        return html! {};
    };
    // (label, value, masked): precise location is masked as in the tables.
    let mut rows: Vec<(String, String, bool)> = Vec::new();
    if let Some(place) = &item.place {
        rows.push(("Place".into(), place.clone(), false));
    }
    if let (Some(lat), Some(lon)) = (item.latitude, item.longitude) {
        rows.push(("Location".into(), format!("{lat:.5}, {lon:.5}"), true));
    }
    if let Some(taken) = &item.taken_local {
        rows.push(("Taken (camera clock)".into(), taken.clone(), false));
    }
    if let Some(app) = &item.cross_posted_from {
        rows.push(("Cross-posted from".into(), app.clone(), false));
    }
    for (key, value) in &item.exif {
        if !value.trim().is_empty() {
            let label = key.replace('_', " ");
            let sensitive = is_sensitive(&label);
            rows.push((label, value.clone(), sensitive));
        }
    }
    let file = item
        .media
        .uri
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();
    html! {
        <dl class="post-facts">
            { for rows.into_iter().map(|(k, v, masked)| fact(k, v, masked)) }
            if !file.is_empty() { <dt>{ "File" }</dt><dd class="path">{ file }</dd> }
        </dl>
    }
}
