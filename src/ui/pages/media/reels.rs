//! Reels: a vertical player, one after another, snapping by scroll or keys; muted
//! autoplay, tap to unmute. Only the reel in view and its neighbours hold media.

use std::rc::Rc;

use keepsake_archive::model::{Post, PostKind};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::ui::hooks::{Fetch, failure};

use super::caption::Caption;
use super::post_view::slide_view;
use super::{alt_text, exact, iso, reduced_motion};
use crate::ui::hooks::use_posts;
use crate::ui::services::dom::{Interval, Listener};

/// Which reel fills a scroller `height` tall scrolled to `top`.
pub fn reel_at(top: f64, height: f64, count: usize) -> usize {
    if height <= 0.0 || count == 0 || !top.is_finite() {
        return 0;
    }
    ((top / height).round().max(0.0) as usize).min(count - 1)
}

#[component]
pub fn ReelsPage() -> Html {
    let reels = use_posts(PostKind::Reel);
    let igtv = use_posts(PostKind::Igtv);
    // Reels and IGTV videos together, oldest first.
    let loaded = use_memo((reels, igtv), |(reels, igtv)| match (reels, igtv) {
        (Fetch::Ready(a), Fetch::Ready(b)) => {
            let mut posts: Vec<Post> = a.posts.iter().chain(&b.posts).cloned().collect();
            posts.sort_by_key(|p| p.time.0);
            Fetch::Ready(Rc::new(posts))
        }
        (Fetch::Failed(error), _) | (_, Fetch::Failed(error)) => Fetch::Failed(error.clone()),
        _ => Fetch::Waiting(None),
    });
    let loaded: &Fetch<Vec<Post>> = &loaded;
    let current = use_state_eq(|| 0usize);
    let muted = use_state_eq(|| true);
    let scroller = use_node_ref();
    let count = match loaded {
        Fetch::Ready(list) => list.len(),
        _ => 0,
    };

    let scroll_to = {
        let scroller = scroller.clone();
        Rc::new(move |i: usize| {
            if let Some(el) = scroller.cast::<web_sys::HtmlElement>() {
                let options = web_sys::ScrollToOptions::new();
                options.set_top(i as f64 * f64::from(el.client_height()));
                options.set_behavior(if reduced_motion() {
                    web_sys::ScrollBehavior::Instant
                } else {
                    web_sys::ScrollBehavior::Smooth
                });
                el.scroll_to_with_scroll_to_options(&options);
            }
        })
    };
    // Keys anywhere on the page move between reels.
    {
        let scroll_to = Rc::clone(&scroll_to);
        let muted = muted.clone();
        let index = *current;
        let now_muted = *muted;
        use_effect_with((index, count, now_muted), move |_| {
            let listener = Listener::plain_keys(move |key| {
                match key.key().as_str() {
                    "ArrowDown" | "j" | "PageDown" if index + 1 < count => scroll_to(index + 1),
                    "ArrowUp" | "k" | "PageUp" if index > 0 => scroll_to(index - 1),
                    "m" => muted.set(!now_muted),
                    _ => return,
                }
                key.prevent_default();
            });
            move || drop(listener)
        });
    }
    // The reel in view plays (muted until the reader unmutes); the others pause.
    {
        let scroller = scroller.clone();
        let index = *current;
        let muted = *muted;
        use_effect_with((index, muted, count), move |_| {
            // Once per change: the reader's own use of the video's controls then wins.
            let synced = Rc::new(std::cell::Cell::new(false));
            let timer = Interval::new(250, move || {
                if synced.get() {
                    return;
                }
                let Some(root) = scroller.cast::<web_sys::Element>() else {
                    return;
                };
                let Ok(videos) = root.query_selector_all("video") else {
                    return;
                };
                for n in 0..videos.length() {
                    let Some(video) = videos
                        .item(n)
                        .and_then(|v| v.dyn_into::<web_sys::HtmlVideoElement>().ok())
                    else {
                        continue;
                    };
                    let mine = video
                        .closest(".reel")
                        .ok()
                        .flatten()
                        .and_then(|r| r.get_attribute("data-index"))
                        .is_some_and(|i| i == index.to_string());
                    if mine {
                        video.set_muted(muted);
                        video.set_loop(true);
                        if video.paused() {
                            let _ = video.play();
                        }
                        synced.set(true);
                    } else if !video.paused() {
                        let _ = video.pause();
                    }
                }
            });
            move || drop(timer)
        });
    }

    let list = match loaded {
        Fetch::Waiting(_) => {
            return html! { <div class="media-loading" aria-busy="true">{ "Loading reels…" }</div> };
        }
        Fetch::Failed(error) => return failure(error),
        Fetch::Ready(list) => Rc::clone(list),
    };
    if list.is_empty() {
        return html! { <p class="muted">{ "No reels in this export." }</p> };
    }
    let onscroll = {
        let current = current.clone();
        let scroller = scroller.clone();
        Callback::from(move |_: Event| {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                current.set(reel_at(
                    f64::from(el.scroll_top()),
                    f64::from(el.client_height()),
                    count,
                ));
            }
        })
    };
    let toggle_mute = {
        let muted = muted.clone();
        let now = *muted;
        Callback::from(move |_: MouseEvent| muted.set(!now))
    };
    let step = |target: Option<usize>| {
        let scroll_to = Rc::clone(&scroll_to);
        Callback::from(move |_: MouseEvent| {
            if let Some(i) = target {
                scroll_to(i)
            }
        })
    };
    let index = *current;
    html! {
        <div class="reels-wrap">
            <div class="reels" ref={scroller} {onscroll} data-testid="reels" data-current={index.to_string()}
                data-count={count.to_string()} tabindex="0" aria-label="Reels, one at a time; arrow keys move">
                // Newest first, as on Instagram.
                { for (0..count).map(|n| {
                    let i = count - 1 - n;
                    let Some(post) = list.get(i) else {
                        return html! {};
                    };
                    let item = post.items.first();
                    let alt = alt_text(post, item);
                    let near = n.abs_diff(index) <= 1;
                    html! {
                        <section class="reel" data-index={n.to_string()} key={i}
                            aria-label={format!("Reel {} of {count}", n + 1)}>
                            <div class="reel-media" onclick={toggle_mute.clone()}>
                                if near { { slide_view(item, &alt) } }
                            </div>
                            <div class="reel-info">
                                <time datetime={iso(post.time.0).unwrap_or_default()} title={exact(post.time.0).unwrap_or_default()}>
                                    { super::date(post.time.0).unwrap_or_default() }
                                </time>
                                if !post.caption.trim().is_empty() { <Caption text={post.caption.clone()} /> }
                            </div>
                        </section>
                    }
                }) }
            </div>
            <div class="reel-controls">
                <button type="button" class="icon-button" aria-label={if *muted { "Unmute" } else { "Mute" }}
                    aria-pressed={(!*muted).to_string()} onclick={toggle_mute}>{ if *muted { "🔇" } else { "🔊" } }</button>
                <button type="button" class="icon-button" aria-label="Previous reel" disabled={index == 0}
                    onclick={step(index.checked_sub(1))}>{ "▲" }</button>
                <button type="button" class="icon-button" aria-label="Next reel" disabled={index + 1 >= count}
                    onclick={step((index + 1 < count).then_some(index + 1))}>{ "▼" }</button>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn the_reel_in_view_is_the_nearest_snap_point() {
        assert_eq!(reel_at(0.0, 600.0, 5), 0);
        assert_eq!(reel_at(290.0, 600.0, 5), 0);
        assert_eq!(reel_at(310.0, 600.0, 5), 1);
        assert_eq!(reel_at(99_999.0, 600.0, 5), 4);
        assert_eq!(reel_at(10.0, 0.0, 5), 0);
        assert_eq!(reel_at(10.0, 600.0, 0), 0);
    }
}
