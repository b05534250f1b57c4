//! Stories: the archive by month with 9:16 thumbnails, and the full-screen viewer with
//! segmented progress bars, auto-advance, tap and keys, hold or Space to pause.

use std::cell::RefCell;
use std::rc::Rc;

use keepsake_archive::model::{Post, PostKind};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::ui::hooks::{Fetch, failure};

use super::caption::Caption;
use super::post_view::slide_view;
use super::{alt_text, exact, is_video, iso, month, shown_path, use_dialog_focus, video_in};
use crate::ui::components::media_view::MediaView;
use crate::ui::hooks::{PostList, use_posts};
use crate::ui::services::dom::{Interval, Listener, set_style};

/// How long an image story stays, as Instagram shows it.
pub const IMAGE_MILLIS: f64 = 5_000.0;
const TICK_MILLIS: i32 = 100;

/// A local (year, month) for grouping; months count from 0 as in JavaScript.
fn local_month(epoch: i64) -> (i32, u32) {
    if epoch == 0 {
        return (0, 0);
    }
    let date = js_sys::Date::new(&JsValue::from_f64(epoch as f64 * 1000.0));
    (date.get_full_year() as i32, date.get_month())
}

fn local_day(epoch: i64) -> (i32, u32, u32) {
    if epoch == 0 {
        return (0, 0, 0);
    }
    let date = js_sys::Date::new(&JsValue::from_f64(epoch as f64 * 1000.0));
    (
        date.get_full_year() as i32,
        date.get_month(),
        date.get_date(),
    )
}

/// Whether the media of a node is still being fetched.
fn still_loading(node: &NodeRef) -> bool {
    node.cast::<web_sys::Element>()
        .and_then(|el| el.query_selector(".loading").ok().flatten())
        .is_some()
}

/// Groups consecutive keys: `(key, first index, end index)` for each run, in order.
pub fn runs<K: PartialEq + Copy>(keys: &[K]) -> Vec<(K, usize, usize)> {
    let mut out: Vec<(K, usize, usize)> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        match out.last_mut() {
            Some((k, _, end)) if k == key => *end = i + 1,
            _ => out.push((*key, i, i + 1)),
        }
    }
    out
}

/// The Stories section (and the profile's stories tab).
#[component]
pub fn StoriesPage() -> Html {
    let loaded = use_posts(PostKind::Story);
    let open = use_state(|| None::<usize>);
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
    let on_close = {
        let open = open.clone();
        Callback::from(move |_| open.set(None))
    };
    let on_go = {
        let open = open.clone();
        Callback::from(move |i: usize| open.set(Some(i)))
    };
    html! {
        <>
            if let Some(index) = *open {
                <StoryViewer list={Rc::clone(&list)} {index} {on_close} {on_go} />
            }
            <div class="story-archive" data-testid="story-archive" data-count={list.posts.len().to_string()}>
                // Newest month first, newest story first inside it.
                { for months.iter().rev().map(|(_, first, end)| {
                    let label = list.posts.get(*first).map(|p| month(p.time.0)).unwrap_or_default();
                    html! {
                        <section class="story-month" key={label.clone()}>
                            <h2 class="month-title">{ label.clone() }</h2>
                            <div class="story-thumbs">
                                { for (*first..*end).rev().map(|i| thumb(&list, i, &open)) }
                            </div>
                        </section>
                    }
                }) }
            </div>
        </>
    }
}

fn thumb(list: &PostList, i: usize, open: &UseStateHandle<Option<usize>>) -> Html {
    let Some(post) = list.posts.get(i) else {
        return html! {};
    };
    let item = post.items.first();
    let alt = alt_text(post, item);
    let onclick = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(Some(i)))
    };
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

#[derive(Properties, PartialEq)]
pub struct LazyProps {
    pub path: String,
    pub alt: AttrValue,
}

/// Media that exists (and holds an object URL) only while near the viewport.
#[component]
pub fn LazyMedia(props: &LazyProps) -> Html {
    let node = use_node_ref();
    let visible = use_state_eq(|| false);
    {
        let node = node.clone();
        let visible = visible.clone();
        use_effect_with((), move |_| {
            let callback =
                Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    if let Some(entry) = entries
                        .iter()
                        .last()
                        .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
                    {
                        visible.set(entry.is_intersecting());
                    }
                });
            let options = web_sys::IntersectionObserverInit::new();
            options.set_root_margin("400px 0px");
            let observer = web_sys::IntersectionObserver::new_with_options(
                callback.as_ref().unchecked_ref(),
                &options,
            )
            .ok();
            if let (Some(observer), Some(el)) = (&observer, node.cast::<web_sys::Element>()) {
                observer.observe(&el);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(callback);
            }
        });
    }
    html! {
        <div class="lazy" ref={node}>
            if *visible { <MediaView path={props.path.clone()} alt={props.alt.clone()} class="tile-media" /> }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ViewerProps {
    pub list: Rc<PostList>,
    pub index: usize,
    pub on_close: Callback<()>,
    pub on_go: Callback<usize>,
}

/// The day's stories around `index`: the segments of the progress bar.
fn day_run(posts: &[Post], index: usize) -> (usize, usize) {
    let keys: Vec<_> = posts.iter().map(|p| local_day(p.time.0)).collect();
    runs(&keys)
        .into_iter()
        .find(|(_, first, end)| (*first..*end).contains(&index))
        .map_or((index, index + 1), |(_, first, end)| (first, end))
}

/// The full-screen story viewer.
#[component]
pub fn StoryViewer(props: &ViewerProps) -> Html {
    let paused = use_state_eq(|| false);
    let muted = use_state_eq(|| true);
    let dialog = use_node_ref();
    let stage = use_node_ref();
    let bar = use_node_ref();
    let elapsed = use_mut_ref(|| 0.0f64);
    let pressed_at = use_mut_ref(|| None::<f64>);
    let len = props.list.posts.len();
    let index = props.index.min(len.saturating_sub(1));
    let post = props.list.posts.get(index);
    let video = post.and_then(|p| p.items.first()).is_some_and(is_video);

    let next = {
        let on_go = props.on_go.clone();
        let on_close = props.on_close.clone();
        Callback::from(move |_: ()| {
            if index + 1 < len {
                on_go.emit(index + 1);
            } else {
                on_close.emit(());
            }
        })
    };
    let previous = {
        let on_go = props.on_go.clone();
        let elapsed = elapsed.clone();
        let stage = stage.clone();
        Callback::from(move |_: ()| {
            if index > 0 {
                on_go.emit(index - 1);
            } else {
                // The first story starts again.
                *elapsed.borrow_mut() = 0.0;
                if let Some(video) = video_in(&stage) {
                    video.set_current_time(0.0);
                }
            }
        })
    };

    // Focus moves into the viewer and back; the page behind does not scroll.
    use_dialog_focus(dialog.clone());
    // A new story starts from zero.
    {
        let elapsed = elapsed.clone();
        let bar = bar.clone();
        use_effect_with(index, move |_| {
            *elapsed.borrow_mut() = 0.0;
            set_style(&bar, "transform", "scaleX(0)");
        });
    }
    // The clock: images last five seconds, videos their own length.
    {
        let elapsed = elapsed.clone();
        let stage = stage.clone();
        let bar = bar.clone();
        let next = next.clone();
        let paused = *paused;
        let muted = *muted;
        use_effect_with((index, paused, muted), move |_| {
            let done = Rc::new(RefCell::new(false));
            let timer = Interval::new(TICK_MILLIS, move || {
                if *done.borrow() {
                    return;
                }
                let fraction = if let Some(v) = video_in(&stage) {
                    v.set_muted(muted);
                    if paused && !v.paused() {
                        let _ = v.pause();
                    } else if !paused && v.paused() && !v.ended() {
                        let _ = v.play();
                    }
                    let duration = v.duration();
                    if v.ended() {
                        1.0
                    } else if duration.is_finite() && duration > 0.0 {
                        v.current_time() / duration
                    } else {
                        0.0
                    }
                } else if still_loading(&stage) {
                    0.0
                } else {
                    let mut e = elapsed.borrow_mut();
                    if !paused {
                        *e += f64::from(TICK_MILLIS);
                    }
                    *e / IMAGE_MILLIS
                };
                set_style(
                    &bar,
                    "transform",
                    &format!("scaleX({:.4})", fraction.clamp(0.0, 1.0)),
                );
                if fraction >= 1.0 {
                    *done.borrow_mut() = true;
                    next.emit(());
                }
            });
            move || drop(timer)
        });
    }
    // Keys: arrows move, Space pauses, Escape closes.
    {
        let next = next.clone();
        let previous = previous.clone();
        let on_close = props.on_close.clone();
        let paused_handle = paused.clone();
        let now_paused = *paused;
        use_effect_with((index, now_paused), move |_| {
            let listener = Listener::plain_keys(move |key| {
                match key.key().as_str() {
                    "Escape" => on_close.emit(()),
                    "ArrowRight" => next.emit(()),
                    "ArrowLeft" => previous.emit(()),
                    " " | "k" => paused_handle.set(!now_paused),
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
    let item = post.items.first();
    let alt = alt_text(post, item);
    let (first, end) = day_run(&props.list.posts, index);
    let now = || js_sys::Date::now();
    let hold = {
        let paused = paused.clone();
        let pressed_at = pressed_at.clone();
        Callback::from(move |_: PointerEvent| {
            *pressed_at.borrow_mut() = Some(now());
            paused.set(true);
        })
    };
    let release = {
        let paused = paused.clone();
        Callback::from(move |_: PointerEvent| paused.set(false))
    };
    // A tap moves; a long press only paused.
    let tap = |forward: bool| {
        let pressed_at = pressed_at.clone();
        let next = next.clone();
        let previous = previous.clone();
        Callback::from(move |_: MouseEvent| {
            let held = pressed_at
                .borrow_mut()
                .take()
                .is_some_and(|t| now() - t > 300.0);
            if held {
                return;
            }
            if forward {
                next.emit(())
            } else {
                previous.emit(())
            }
        })
    };
    let toggle_pause = {
        let paused = paused.clone();
        let now_paused = *paused;
        Callback::from(move |_: MouseEvent| paused.set(!now_paused))
    };
    let toggle_mute = {
        let muted = muted.clone();
        let now_muted = *muted;
        Callback::from(move |_: MouseEvent| muted.set(!now_muted))
    };
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let time = post.time.0;
    html! {
        <div class="story-viewer" role="dialog" aria-modal="true" aria-label="Stories" tabindex="-1" ref={dialog}
            data-testid="story-viewer" data-index={index.to_string()} data-paused={paused.to_string()}>
            <div class="story-frame">
                <div class="story-bars" aria-hidden="true">
                    { for (first..end).map(|i| html! {
                        <div class={classes!("story-bar", (i < index).then_some("done"))}>
                            if i == index { <div class="fill" ref={bar.clone()}></div> }
                        </div>
                    }) }
                </div>
                <div class="story-top">
                    <time datetime={iso(time).unwrap_or_default()} title={exact(time).unwrap_or_default()}>
                        { super::date(time).unwrap_or_default() }
                    </time>
                    <span class="muted">{ format!("{} / {len}", index + 1) }</span>
                    <span class="spacer"></span>
                    if video {
                        <button type="button" class="icon-button" onclick={toggle_mute}
                            aria-label={if *muted { "Unmute" } else { "Mute" }}>{ if *muted { "🔇" } else { "🔊" } }</button>
                    }
                    <button type="button" class="icon-button" onclick={toggle_pause}
                        aria-label={if *paused { "Play" } else { "Pause" }} aria-pressed={paused.to_string()}>
                        { if *paused { "▶" } else { "❚❚" } }
                    </button>
                    <button type="button" class="icon-button" aria-label="Close" onclick={close}>{ "✕" }</button>
                </div>
                <div class="story-stage" ref={stage} onpointerdown={hold} onpointerup={release.clone()}
                    onpointerleave={release}>
                    { slide_view(item, &alt) }
                    <button type="button" class="story-tap prev" aria-label="Previous story" onclick={tap(false)}></button>
                    <button type="button" class="story-tap next" aria-label="Next story" onclick={tap(true)}></button>
                </div>
                if !post.caption.trim().is_empty() {
                    <Caption text={post.caption.clone()} class="story-caption" />
                }
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn runs_group_consecutive_keys() {
        assert_eq!(
            runs(&[1, 1, 2, 3, 3, 3]),
            vec![(1, 0, 2), (2, 2, 3), (3, 3, 6)]
        );
        assert_eq!(runs::<u8>(&[]), vec![]);
    }
}
