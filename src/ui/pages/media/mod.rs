//! The account's own media as Instagram shows it: profile page with tabs, the windowed
//! grid, the post view, the stories archive and viewer, and the reels player.
//!
//! Shared here: dates, captions, alt text, dialog focus and the way back from a post.

pub mod caption;
pub mod grid;
pub mod post_view;
pub mod posts_page;
pub mod profile_page;
pub mod reels;
pub mod stories;

use std::cell::RefCell;

use keepsake_archive::model::{MediaItem, MediaKind, Post};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::sections::Section;
use crate::ui::routes::Route;

/// The page of a section these views own (nothing for the others).
pub fn view(section: Section) -> Html {
    match section {
        Section::Profile => html! { <profile_page::ProfilePage /> },
        Section::Posts => html! { <posts_page::PostsPage /> },
        Section::Stories => html! { <stories::StoriesPage /> },
        Section::Reels => html! { <reels::ReelsPage /> },
        _ => Html::default(),
    }
}

/// Whether the section is drawn here (instead of as a list of files).
pub fn owns(section: Section) -> bool {
    matches!(
        section,
        Section::Profile | Section::Posts | Section::Stories | Section::Reels
    )
}

/// The first file of a post that the export holds.
pub fn shown_path(item: &MediaItem) -> Option<String> {
    if item.media.missing {
        return None;
    }
    item.media.path_in_export.clone()
}

pub fn is_video(item: &MediaItem) -> bool {
    item.media.kind == Some(MediaKind::Video)
}

/// Alt text: the caption's first line, shortened, or a plain description.
pub fn alt_text(post: &Post, item: Option<&MediaItem>) -> String {
    let caption = item
        .map(|i| i.caption.as_str())
        .filter(|c| !c.trim().is_empty())
        .unwrap_or(post.caption.as_str());
    let line = caption.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let short: String = line.chars().take(120).collect();
    if short.trim().is_empty() {
        let what = if item.is_some_and(is_video) {
            "Video"
        } else {
            "Photo"
        };
        match date(post.time.0) {
            Some(day) => format!("{what} from {day}"),
            None => what.to_string(),
        }
    } else {
        short
    }
}

/// A date as people read it, in their locale and time zone.
pub fn date(epoch: i64) -> Option<String> {
    locale(
        epoch,
        &[("year", "numeric"), ("month", "long"), ("day", "numeric")],
    )
}

/// Date and time to the second with the time zone, for hover titles.
pub fn exact(epoch: i64) -> Option<String> {
    locale(epoch, &[("dateStyle", "full"), ("timeStyle", "long")])
}

/// The ISO form for `<time datetime>`.
pub fn iso(epoch: i64) -> Option<String> {
    if epoch == 0 {
        return None;
    }
    let date = js_sys::Date::new(&JsValue::from_f64(epoch as f64 * 1000.0));
    if date.get_time().is_nan() {
        return None;
    }
    Some(String::from(date.to_iso_string()))
}

fn locale(epoch: i64, options: &[(&str, &str)]) -> Option<String> {
    if epoch == 0 {
        return None;
    }
    let date = js_sys::Date::new(&JsValue::from_f64(epoch as f64 * 1000.0));
    if date.get_time().is_nan() {
        return None;
    }
    let object = js_sys::Object::new();
    for (key, value) in options {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), &(*value).into());
    }
    let text: String = date.to_locale_string("default", &object).into();
    (!text.is_empty() && text != "Invalid Date").then_some(text)
}

/// Month label ("June 2025") for the stories archive.
pub fn month(epoch: i64) -> String {
    locale(epoch, &[("year", "numeric"), ("month", "long")]).unwrap_or_else(|| "Undated".into())
}

/// Keeps focus inside a dialog while it is open: focuses it on mount, stops the page
/// behind from scrolling, and gives focus back to what had it when it closes.
/// Which item of a list is open in a viewer over it, and the callbacks the viewer and
/// the list's items use to close it or go to another item.
pub struct Viewer {
    pub open: Option<usize>,
    pub on_close: Callback<()>,
    pub on_go: Callback<usize>,
}

#[hook]
pub fn use_viewer() -> Viewer {
    let open = use_state(|| None::<usize>);
    let on_close = {
        let open = open.clone();
        Callback::from(move |_| open.set(None))
    };
    let on_go = {
        let open = open.clone();
        Callback::from(move |i: usize| open.set(Some(i)))
    };
    Viewer {
        open: *open,
        on_close,
        on_go,
    }
}

#[hook]
pub fn use_dialog_focus(dialog: NodeRef) {
    use_effect_with((), move |_| {
        let document = web_sys::window().and_then(|w| w.document());
        let previous = document
            .as_ref()
            .and_then(|d| d.active_element())
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = dialog.cast::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
        let body = document.and_then(|d| d.body());
        if let Some(body) = &body {
            let _ = body.class_list().add_1("modal-open");
        }
        move || {
            if let Some(body) = body {
                let _ = body.class_list().remove_1("modal-open");
            }
            if let Some(previous) = previous.filter(|el| el.is_connected()) {
                let _ = previous.focus();
            }
        }
    });
}

/// Whether the reader asked for less motion.
pub fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

thread_local! {
    /// Where closing a post goes back to (the grid or profile tab it was opened from).
    static RETURN_TO: RefCell<Option<Route>> = const { RefCell::new(None) };
}

pub fn set_return(route: Route) {
    RETURN_TO.with(|r| *r.borrow_mut() = Some(route));
}

pub fn take_return() -> Option<Route> {
    RETURN_TO.with(|r| r.borrow_mut().take())
}

/// The first `<video>` inside a node.
pub fn video_in(node: &NodeRef) -> Option<web_sys::HtmlVideoElement> {
    node.cast::<web_sys::Element>()?
        .query_selector("video")
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}
