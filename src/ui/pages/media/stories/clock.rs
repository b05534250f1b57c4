//! The story viewer's clock: every tick the bar shows how far the story has played
//! (images five seconds, videos their own length), and the next one comes when it is done.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::progress::{image_fraction, video_fraction};
use crate::ui::pages::media::video_in;
use crate::ui::services::dom::{Interval, set_style};

const TICK_MILLIS: i32 = 100;

/// What the clock runs on.
pub struct Clock {
    pub index: usize,
    pub paused: bool,
    pub muted: bool,
    /// Where the story's image or video is drawn.
    pub stage: NodeRef,
    /// The current segment's fill.
    pub bar: NodeRef,
    /// Milliseconds an image story has been shown (the viewer resets it to replay).
    pub elapsed: Rc<RefCell<f64>>,
    pub next: Callback<()>,
}

#[hook]
pub fn use_story_clock(clock: Clock) {
    let Clock {
        index,
        paused,
        muted,
        stage,
        bar,
        elapsed,
        next,
    } = clock;
    // A new story starts from zero.
    {
        let elapsed = elapsed.clone();
        let bar = bar.clone();
        use_effect_with(index, move |_| {
            *elapsed.borrow_mut() = 0.0;
            set_style(&bar, "transform", "scaleX(0)");
        });
    }
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
                video_fraction(v.current_time(), v.duration(), v.ended())
            } else if still_loading(&stage) {
                0.0
            } else {
                let mut e = elapsed.borrow_mut();
                if !paused {
                    *e += f64::from(TICK_MILLIS);
                }
                image_fraction(*e)
            };
            set_style(&bar, "transform", &format!("scaleX({fraction:.4})"));
            if fraction >= 1.0 {
                *done.borrow_mut() = true;
                next.emit(());
            }
        });
        move || drop(timer)
    });
}

/// Whether the media of a node is still being fetched.
fn still_loading(node: &NodeRef) -> bool {
    node.cast::<web_sys::Element>()
        .and_then(|el| el.query_selector(".loading").ok().flatten())
        .is_some()
}
