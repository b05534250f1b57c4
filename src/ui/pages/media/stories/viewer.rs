//! The full-screen story viewer: segmented progress bars, auto-advance, tap and keys,
//! hold or Space to pause.

use std::rc::Rc;

use keepsake_archive::model::Post;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use super::clock::{Clock, use_story_clock};
use super::progress::{is_tap, run_around};
use crate::ui::hooks::PostList;
use crate::ui::pages::media::caption::Caption;
use crate::ui::pages::media::post_view::slide_view;
use crate::ui::pages::media::{alt_text, date, exact, is_video, iso, use_dialog_focus, video_in};
use crate::ui::services::dom::Listener;

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
    run_around(&keys, index)
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
    use_story_clock(Clock {
        index,
        paused: *paused,
        muted: *muted,
        stage: stage.clone(),
        bar: bar.clone(),
        elapsed: elapsed.clone(),
        next: next.clone(),
    });
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
            let held = pressed_at.borrow_mut().take().map(|t| now() - t);
            if !is_tap(held) {
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
                        { date(time).unwrap_or_default() }
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
