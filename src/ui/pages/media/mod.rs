//! The account's own media as Instagram shows it: profile page with tabs, the windowed
//! grid, the post view, the stories archive and viewer, and the reels player.
//!
//! Shared here: stable post ids for deep links, a per-export cache of parsed posts,
//! dates and captions.

pub mod caption;
pub mod grid;
pub mod post_view;
pub mod profile_page;
pub mod reels;
pub mod stories;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use keepsake_archive::model::{MediaItem, MediaKind, Post, PostKind};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::protocol::query;
use crate::sections::Section;
use crate::ui::hooks::{Ctx, Fetch};
use crate::ui::routes::Route;

/// The page of a section these views own (nothing for the others).
pub fn view(section: Section) -> Html {
    match section {
        Section::Profile => html! { <profile_page::ProfilePage /> },
        Section::Posts => html! { <post_view::PostsPage /> },
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

/// Posts of one kind, oldest first, with their deep-link ids (same order).
#[derive(Debug, Clone, PartialEq)]
pub struct PostList {
    pub kind: PostKind,
    pub posts: Vec<Post>,
    pub ids: Vec<String>,
}

impl PostList {
    pub fn new(kind: PostKind, posts: Vec<Post>) -> Self {
        let ids = post_ids(kind, &posts);
        PostList { kind, posts, ids }
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.ids.iter().position(|i| i == id)
    }
}

/// The short word in an id that names the kind (posts have none: their ids are plain).
pub fn kind_slug(kind: PostKind) -> &'static str {
    match kind {
        PostKind::Post => "",
        PostKind::Story => "story",
        PostKind::Reel => "reel",
        PostKind::Igtv => "igtv",
        PostKind::Archived => "archived",
        PostKind::RecentlyDeleted => "deleted",
        PostKind::Other => "other",
    }
}

/// The kind a post id belongs to.
pub fn kind_of_id(id: &str) -> PostKind {
    let first = id.split('-').next().unwrap_or_default();
    PostKind::ALL
        .into_iter()
        .find(|k| *k != PostKind::Post && kind_slug(*k) == first)
        .unwrap_or(PostKind::Post)
}

/// FNV-1a: small, stable across builds and browsers.
fn fnv(text: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in text.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// Ids that survive reloads and re-opening the export: the post's time and a hash of its
/// first file; a rare duplicate gets a counter.
pub fn post_ids(kind: PostKind, posts: &[Post]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    posts
        .iter()
        .map(|post| {
            let uri = post.items.first().map_or("", |i| i.media.uri.as_str());
            let hash = fnv(&format!("{uri}\n{}", post.caption));
            let slug = kind_slug(kind);
            let base = if slug.is_empty() {
                format!("{}-{hash:08x}", post.time.0)
            } else {
                format!("{slug}-{}-{hash:08x}", post.time.0)
            };
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 { base } else { format!("{base}-{n}") }
        })
        .collect()
}

type Waiter = Box<dyn FnOnce(Fetch<PostList>)>;

enum Slot {
    Pending(Vec<Waiter>),
    Ready(Rc<PostList>),
}

thread_local! {
    /// Parsed posts per kind, for the export that is open (keyed by its generation).
    static CACHE: RefCell<(u32, HashMap<PostKind, Slot>)> = RefCell::new((0, HashMap::new()));
}

/// Posts of `kind`, asked of the worker once per open export and shared by every view.
pub fn fetch_posts(ctx: &Ctx, kind: PostKind, done: impl FnOnce(Fetch<PostList>) + 'static) {
    let generation = ctx.session.generation;
    let mut done: Option<Waiter> = Some(Box::new(done));
    let ready = CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.0 != generation {
            *cache = (generation, HashMap::new());
        }
        match cache.1.get_mut(&kind) {
            Some(Slot::Ready(list)) => Some(Ok(Rc::clone(list))),
            Some(Slot::Pending(waiters)) => {
                waiters.extend(done.take());
                None
            }
            None => {
                cache
                    .1
                    .insert(kind, Slot::Pending(done.take().into_iter().collect()));
                Some(Err(()))
            }
        }
    });
    match ready {
        Some(Ok(list)) => {
            if let Some(done) = done {
                done(Fetch::Ready(list))
            }
        }
        Some(Err(())) => {
            ctx.worker
                .send(query::Posts { kind }, &[], None, move |answer| {
                    let loaded = match answer {
                        Ok(posts) => Fetch::Ready(Rc::new(PostList::new(kind, posts.value))),
                        Err(error) => Fetch::Failed(error),
                    };
                    let waiters = CACHE.with(|cache| {
                        let mut cache = cache.borrow_mut();
                        if cache.0 != generation {
                            return Vec::new();
                        }
                        let slot = match &loaded {
                            Fetch::Ready(list) => {
                                cache.1.insert(kind, Slot::Ready(Rc::clone(list)))
                            }
                            _ => cache.1.remove(&kind),
                        };
                        match slot {
                            Some(Slot::Pending(waiters)) => waiters,
                            _ => Vec::new(),
                        }
                    });
                    for waiter in waiters {
                        waiter(loaded.clone());
                    }
                });
        }
        None => {}
    }
}

/// Posts of `kind`, loading on first use.
#[hook]
pub fn use_posts(kind: PostKind) -> Fetch<PostList> {
    let ctx = crate::ui::hooks::use_ctx();
    let state = use_state(|| Fetch::Waiting(None));
    {
        let state = state.clone();
        let generation = ctx.session.generation;
        use_effect_with((kind, generation), move |_| {
            let alive = Rc::new(std::cell::Cell::new(true));
            let still = Rc::clone(&alive);
            fetch_posts(&ctx, kind, move |loaded| {
                if still.get() {
                    state.set(loaded);
                }
            });
            move || alive.set(false)
        });
    }
    (*state).clone()
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

#[cfg(test)]
mod tests {
    use super::*;
    use keepsake_archive::instant::Instant;
    use keepsake_archive::model::MediaRef;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn post(time: i64, uri: &str) -> Post {
        Post {
            kind: PostKind::Post,
            items: vec![MediaItem {
                media: MediaRef {
                    uri: uri.into(),
                    ..Default::default()
                },
                ..Default::default()
            }],
            caption: String::new(),
            time: Instant(time),
            provenance: Default::default(),
        }
    }

    #[wasm_bindgen_test]
    fn ids_are_stable_unique_and_name_their_kind() {
        let posts = vec![post(10, "a.jpg"), post(10, "a.jpg"), post(11, "b.jpg")];
        let ids = post_ids(PostKind::Post, &posts);
        assert_eq!(ids, post_ids(PostKind::Post, &posts));
        assert_eq!(ids[1], format!("{}-2", ids[0]));
        assert_ne!(ids[0], ids[2]);
        assert_eq!(kind_of_id(&ids[0]), PostKind::Post);
        let stories = post_ids(PostKind::Story, &posts);
        assert!(stories[0].starts_with("story-10-"));
        assert_eq!(kind_of_id(&stories[0]), PostKind::Story);
        assert_eq!(kind_of_id("deleted-5-abc"), PostKind::RecentlyDeleted);
        assert_eq!(kind_of_id("-5-abc"), PostKind::Post);
    }
}
