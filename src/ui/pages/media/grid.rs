//! The 3-column grid, newest first, windowed: only the rows near the viewport exist in
//! the DOM (so only they hold object URLs), and spacing is set through the CSSOM.

use std::ops::Range;
use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use super::{alt_text, is_video, set_return, shown_path};
use crate::ui::components::media_view::MediaView;
use crate::ui::hooks::PostList;
use crate::ui::routes::Route;
use crate::ui::services::dom::{Listener, Timeout, set_style};

/// One tile: what it opens and what it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    pub id: String,
    /// The file shown; `None` when the export lacks it.
    pub path: Option<String>,
    pub alt: String,
    pub carousel: bool,
    pub video: bool,
}

/// Tiles for a list of posts, newest first.
pub fn tiles_of(list: &PostList) -> Vec<Tile> {
    list.posts
        .iter()
        .zip(&list.ids)
        .rev()
        .map(|(post, id)| {
            let first = post.items.first();
            Tile {
                id: id.clone(),
                path: first.and_then(shown_path),
                alt: alt_text(post, first),
                carousel: post.is_carousel(),
                video: first.is_some_and(is_video),
            }
        })
        .collect()
}

pub const GAP: f64 = 3.0;
/// How long a tile waits before it loads its media.
const TILE_DELAY_MILLIS: i32 = 120;
pub const COLUMNS: usize = 3;
/// Rows kept above and below the viewport.
pub const OVERSCAN: usize = 2;
const ASPECT_KEY: &str = "keepsake.grid.aspect";

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Aspect {
    Square,
    Portrait,
}

impl Aspect {
    /// Height per unit of width.
    pub fn ratio(self) -> f64 {
        match self {
            Aspect::Square => 1.0,
            Aspect::Portrait => 4.0 / 3.0,
        }
    }
}

fn stored_aspect() -> Aspect {
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(ASPECT_KEY).ok().flatten());
    if stored.as_deref() == Some("3:4") {
        Aspect::Portrait
    } else {
        Aspect::Square
    }
}

fn store_aspect(aspect: Aspect) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let value = if aspect == Aspect::Portrait {
            "3:4"
        } else {
            "1:1"
        };
        let _ = storage.set_item(ASPECT_KEY, value);
    }
}

/// The height of one tile for a grid `width` wide.
pub fn tile_height(width: f64, aspect: Aspect) -> f64 {
    let tile = (width - GAP * (COLUMNS as f64 - 1.0)) / COLUMNS as f64;
    (tile * aspect.ratio()).max(1.0)
}

pub fn row_count(items: usize) -> usize {
    items.div_ceil(COLUMNS)
}

/// The rows to render: those crossing the viewport, plus `overscan` on each side.
/// `top` is the grid's top relative to the viewport (negative once scrolled past).
pub fn visible_rows(
    top: f64,
    viewport: f64,
    row: f64,
    rows: usize,
    overscan: usize,
) -> Range<usize> {
    if rows == 0 || row <= 0.0 || !top.is_finite() || !viewport.is_finite() {
        return 0..0;
    }
    let start = (-top).max(0.0);
    let end = (-top + viewport).max(0.0);
    let first = ((start / row).floor() as usize).saturating_sub(overscan);
    let last = ((end / row).ceil() as usize)
        .saturating_add(overscan)
        .min(rows);
    first.min(last)..last
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Tiles in display order (newest first).
    pub tiles: Rc<Vec<Tile>>,
    /// Where closing an opened post returns to.
    pub back: Route,
    #[prop_or_default]
    pub label: AttrValue,
}

#[derive(Debug, Clone, PartialEq)]
struct View {
    width: f64,
    rows: Range<usize>,
}

#[component]
pub fn Grid(props: &Props) -> Html {
    let aspect = use_state(stored_aspect);
    let view = use_state_eq(|| View {
        width: 0.0,
        rows: 0..0,
    });
    let outer = use_node_ref();
    let inner = use_node_ref();
    let rows = row_count(props.tiles.len());

    // Measure on scroll and resize; render again only when the rows in view change.
    {
        let view = view.clone();
        let outer = outer.clone();
        let aspect = *aspect;
        use_effect_with((rows, aspect), move |_| {
            let measure = Rc::new(move || {
                let Some(el) = outer.cast::<web_sys::Element>() else {
                    return;
                };
                let rect = el.get_bounding_client_rect();
                let viewport = web_sys::window()
                    .and_then(|w| w.inner_height().ok())
                    .and_then(|h| h.as_f64())
                    .unwrap_or(800.0);
                let width = rect.width();
                let row = tile_height(width, aspect) + GAP;
                view.set(View {
                    width,
                    rows: visible_rows(rect.top(), viewport, row, rows, OVERSCAN),
                });
            });
            measure();
            let on_scroll = Rc::clone(&measure);
            let on_resize = Rc::clone(&measure);
            let listeners = [
                Listener::window("scroll", move |_| on_scroll()),
                Listener::window("resize", move |_| on_resize()),
            ];
            // A layout change above the grid (a header that loaded) moves it too.
            let settle = Rc::clone(&measure);
            let timer = crate::ui::services::dom::Interval::new(400, move || settle());
            move || {
                drop(listeners);
                drop(timer);
            }
        });
    }

    // Spacing through the CSSOM: total height, offset of the first row, row height.
    {
        let outer = outer.clone();
        let inner = inner.clone();
        let view = (*view).clone();
        let aspect = *aspect;
        use_effect(move || {
            let tile = tile_height(view.width, aspect);
            let row = tile + GAP;
            let total = if rows == 0 {
                0.0
            } else {
                rows as f64 * row - GAP
            };
            set_style(&outer, "height", &format!("{total:.2}px"));
            set_style(
                &inner,
                "transform",
                &format!("translateY({:.2}px)", view.rows.start as f64 * row),
            );
            set_style(&inner, "grid-auto-rows", &format!("{tile:.2}px"));
        });
    }

    let navigator = use_navigator();
    let toggle = {
        let aspect = aspect.clone();
        move |wanted: Aspect| {
            let aspect = aspect.clone();
            Callback::from(move |_: MouseEvent| {
                store_aspect(wanted);
                aspect.set(wanted);
            })
        }
    };
    let start = view.rows.start * COLUMNS;
    let end = (view.rows.end * COLUMNS).min(props.tiles.len());
    let shown = props.tiles.get(start..end).unwrap_or_default();
    let portrait = *aspect == Aspect::Portrait;
    html! {
        <section class="grid-block" aria-label={props.label.clone()}>
            <div class="grid-tools" role="group" aria-label="Tile shape">
                <span class="muted">{ format!("{} {}", crate::ui::services::format::count(props.tiles.len()),
                    if props.tiles.len() == 1 { "item" } else { "items" }) }</span>
                <span class="spacer"></span>
                <button type="button" class={classes!("chip", (!portrait).then_some("on"))}
                    aria-pressed={(!portrait).to_string()} onclick={toggle(Aspect::Square)}>{ "Square" }</button>
                <button type="button" class={classes!("chip", portrait.then_some("on"))}
                    aria-pressed={portrait.to_string()} onclick={toggle(Aspect::Portrait)}>{ "3:4" }</button>
            </div>
            <div class="grid-window" ref={outer} data-testid="grid" data-count={props.tiles.len().to_string()}>
                <div class={classes!("grid", portrait.then_some("portrait"))} ref={inner}>
                    { for shown.iter().enumerate().map(|(n, tile)| {
                        let index = start + n;
                        let route = Route::Post { id: tile.id.clone() };
                        let href = format!("#{}", route.to_path());
                        let onclick = {
                            let navigator = navigator.clone();
                            let back = props.back.clone();
                            Callback::from(move |event: MouseEvent| {
                                if event.ctrl_key() || event.meta_key() || event.shift_key() || event.button() != 0 {
                                    return;
                                }
                                event.prevent_default();
                                set_return(back.clone());
                                if let Some(navigator) = &navigator {
                                    navigator.push(&route);
                                }
                            })
                        };
                        html! {
                            <a class="tile" {href} {onclick} key={tile.id.clone()}
                                data-index={index.to_string()} aria-label={tile.alt.clone()}>
                                { match &tile.path {
                                    Some(path) => html! { <TileMedia path={path.clone()} alt={tile.alt.clone()} /> },
                                    None => html! {
                                        <div class="tile-missing" data-testid="missing-tile" role="img"
                                            aria-label="This file is not in the export">
                                            <span>{ "Not in this export" }</span>
                                        </div>
                                    },
                                } }
                                if tile.carousel { <span class="tile-icon" title="Carousel">{ carousel_icon() }</span> }
                                else if tile.video { <span class="tile-icon" title="Video">{ video_icon() }</span> }
                            </a>
                        }
                    }) }
                </div>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct TileProps {
    path: String,
    alt: String,
}

/// A tile's media, asked for only once the tile has stayed in the window a moment: a
/// fast scroll past thousands of posts sends no request for the tiles it skips.
#[component]
fn TileMedia(props: &TileProps) -> Html {
    let ready = use_state_eq(|| false);
    {
        let ready = ready.clone();
        use_effect_with((), move |_| {
            let timer = Timeout::new(TILE_DELAY_MILLIS, move || ready.set(true));
            move || drop(timer)
        });
    }
    if *ready {
        html! { <MediaView path={props.path.clone()} alt={props.alt.clone()} class="tile-media" /> }
    } else {
        html! { <div class="media loading tile-media" aria-busy="true"></div> }
    }
}

pub fn carousel_icon() -> Html {
    html! {
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <rect x="7" y="3" width="14" height="14" rx="2" fill="none" stroke="currentColor" stroke-width="2" />
            <path d="M4 7v12a2 2 0 0 0 2 2h12" fill="none" stroke="currentColor" stroke-width="2" />
        </svg>
    }
}

pub fn video_icon() -> Html {
    html! {
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path d="M7 4.5v15l13-7.5z" fill="currentColor" />
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn window_covers_the_viewport_plus_overscan() {
        // 100 px rows, 20 000 posts (6 667 rows), a 800 px viewport.
        let rows = row_count(20_000);
        assert_eq!(rows, 6_667);
        assert_eq!(visible_rows(200.0, 800.0, 100.0, rows, 2), 0..8);
        assert_eq!(visible_rows(-1_000.0, 800.0, 100.0, rows, 2), 8..20);
        let end = visible_rows(-(rows as f64 * 100.0 - 800.0), 800.0, 100.0, rows, 2);
        assert_eq!(end.end, rows);
        assert!(end.len() <= 8 + 2 * 2 + 1);
        assert_eq!(visible_rows(-1e9, 800.0, 100.0, rows, 2), rows..rows);
        assert_eq!(visible_rows(0.0, 800.0, 0.0, rows, 2), 0..0);
        assert_eq!(visible_rows(0.0, 800.0, 100.0, 0, 2), 0..0);
    }

    #[wasm_bindgen_test]
    fn tiles_fill_three_columns_with_thin_gutters() {
        assert_eq!(tile_height(306.0, Aspect::Square), 100.0);
        assert!((tile_height(306.0, Aspect::Portrait) - 400.0 / 3.0).abs() < 1e-9);
        assert_eq!(row_count(7), 3);
    }
}
