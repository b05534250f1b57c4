//! A conversation's messages, windowed: only the rows near the viewport exist in the DOM,
//! fetched from the worker a page at a time, so a 100,000-message chat opens and scrolls
//! like a short one.
//!
//! Rows differ in height (a word, a paragraph, three photos), so each is measured once
//! drawn and every row not drawn is assumed to be as high as an estimate; two spacers
//! stand in for the rows above and below. When a measurement changes the height of what
//! is above the viewport, the scroll position is corrected by the same amount, so the
//! message being read never jumps: the view is anchored to a row, or to the bottom.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::rc::Rc;

use keepsake_archive::model::Message;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement, ResizeObserver};
use yew::prelude::*;

use super::heights::Heights;
use super::message_row::{Held, MessageRow};
use crate::protocol::query;
use crate::ui::hooks::use_ctx;
use crate::ui::services::archive_client::WorkerClient;
use crate::ui::services::dom::set_style;

/// Messages per request to the worker.
const PAGE: usize = 100;
/// Assumed height of a row not yet drawn, in CSS pixels.
const ESTIMATE: f64 = 52.0;
/// Drawn beyond each edge of the viewport, in pixels, so fast scrolling shows no gap.
const OVERSCAN: f64 = 800.0;
/// Pages kept beyond those in view (in pages either side); the rest are let go.
const KEEP: usize = 3;
/// A focused message sits this far below the top of the viewport.
const FOCUS_MARGIN: f64 = 120.0;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub id: String,
    pub total: usize,
    pub group: bool,
    /// The account owner's display name (their messages go right).
    pub owner: AttrValue,
    /// Positions of the messages matching the search, ascending.
    pub matches: Rc<Vec<usize>>,
    /// A message to bring into view and mark.
    pub focus: Option<usize>,
}

/// What stays put on screen while heights change.
#[derive(Clone, Copy, PartialEq)]
enum Anchor {
    /// The newest message stays at the bottom (where a conversation opens).
    Bottom,
    /// The viewport's top is `offset` pixels below the start of row `row`.
    Row { row: usize, offset: f64 },
}

struct Window {
    heights: Heights,
    /// Loaded pages by page number.
    pages: BTreeMap<usize, Rc<Vec<Message>>>,
    /// Pages asked for and not yet answered.
    asked: BTreeSet<usize>,
    /// Rows in the DOM.
    drawn: Range<usize>,
    anchor: Anchor,
    /// The scroll position as last set or seen here: a different one means the reader
    /// scrolled, and the scroll event may not have arrived yet.
    last_top: f64,
    error: Option<String>,
}

impl Window {
    fn new(total: usize, focus: Option<usize>) -> Self {
        let mut window = Window {
            heights: Heights::new(total, ESTIMATE),
            pages: BTreeMap::new(),
            asked: BTreeSet::new(),
            drawn: 0..0,
            anchor: Anchor::Bottom,
            last_top: 0.0,
            error: None,
        };
        window.aim(focus);
        window
    }

    fn total(&self) -> usize {
        self.heights.len()
    }

    fn message(&self, row: usize) -> Option<Held> {
        Held::new(self.pages.get(&(row / PAGE))?, row % PAGE)
    }

    /// Points the view at `focus` (or the newest message) and draws the rows around it.
    fn aim(&mut self, focus: Option<usize>) {
        let total = self.total();
        self.anchor = match focus.filter(|&f| f < total) {
            Some(row) => Anchor::Row {
                row,
                offset: -FOCUS_MARGIN,
            },
            None => Anchor::Bottom,
        };
        let top = self.anchor_top(0.0, 0.0);
        self.drawn = self.rows_for(top, 0.0);
    }

    /// The scroll position the anchor asks for, in a viewport `height` high whose
    /// content is `content` high.
    fn anchor_top(&self, height: f64, content: f64) -> f64 {
        match self.anchor {
            Anchor::Bottom => (content.max(self.heights.total()) - height).max(0.0),
            Anchor::Row { row, offset } => (self.heights.offset(row) + offset).max(0.0),
        }
    }

    /// The rows to draw for a viewport at `top`, `height` high.
    fn rows_for(&self, top: f64, height: f64) -> Range<usize> {
        let total = self.total();
        if total == 0 {
            return 0..0;
        }
        let start = self.heights.row_at(top - OVERSCAN);
        let end = (self.heights.row_at(top + height + OVERSCAN) + 1).min(total);
        start..end
    }

    /// Whether the drawn rows no longer cover the viewport with some margin to spare.
    /// Redrawing only then, not on every scroll event, keeps scrolling cheap.
    fn needs_redraw(&self, top: f64, height: f64) -> bool {
        let margin = OVERSCAN / 3.0;
        let drawn_top = self.heights.offset(self.drawn.start);
        let drawn_bottom = self.heights.offset(self.drawn.end);
        (self.drawn.start > 0 && top - drawn_top < margin)
            || (self.drawn.end < self.total() && drawn_bottom - (top + height) < margin)
            || drawn_top > top + height
            || drawn_bottom < top
    }

    /// Pages the drawn rows need (with the row before the first: day separators and
    /// sender names depend on it) that are neither loaded nor asked for.
    fn missing_pages(&self) -> Vec<usize> {
        if self.drawn.is_empty() {
            return Vec::new();
        }
        let first = self.drawn.start.saturating_sub(1) / PAGE;
        let last = (self.drawn.end - 1) / PAGE;
        (first..=last)
            .filter(|p| !self.pages.contains_key(p) && !self.asked.contains(p))
            .collect()
    }

    /// Lets go of pages far from the drawn rows: memory stays bounded however far one
    /// scrolls.
    fn forget_far_pages(&mut self) {
        let first = (self.drawn.start / PAGE).saturating_sub(KEEP + 1);
        let last = self.drawn.end / PAGE + KEEP;
        self.pages.retain(|&p, _| (first..=last).contains(&p));
    }
}

/// The DOM nodes the window works on.
#[derive(Default)]
struct Nodes {
    scroller: NodeRef,
    list: NodeRef,
    above: NodeRef,
    below: NodeRef,
}

#[component]
pub fn MessageList(props: &Props) -> Html {
    let ctx = use_ctx();
    let window = {
        let (total, focus) = (props.total, props.focus);
        use_mut_ref(move || Window::new(total, focus))
    };
    let redraw = use_force_update();
    let nodes = use_memo((), |_| Nodes::default());

    // A new message to show (search, gallery, a link): aim there.
    {
        let window = Rc::clone(&window);
        let redraw = redraw.clone();
        let mounted = use_mut_ref(|| false);
        use_effect_with(props.focus, move |focus| {
            // The first aim is done by `Window::new`.
            if std::mem::replace(&mut *mounted.borrow_mut(), true) {
                window.borrow_mut().aim(*focus);
                redraw.force_update();
            }
        });
    }

    // After every render: measure, size the spacers, hold the anchor, fetch what is missing.
    {
        let window = Rc::clone(&window);
        let nodes = Rc::clone(&nodes);
        let redraw = redraw.clone();
        let worker = ctx.worker.clone();
        let id = props.id.clone();
        let observer = use_mut_ref(|| None::<RowObserver>);
        use_effect(move || {
            if settle(&nodes, &window) {
                redraw.force_update();
            }
            observe_rows(&observer, &nodes, &window, &redraw);
            fetch_missing(&window, &worker, &id, &redraw);
        });
    }

    let on_scroll = {
        let window = Rc::clone(&window);
        let nodes = Rc::clone(&nodes);
        let redraw = redraw.clone();
        Callback::from(move |_: Event| {
            let Some(view) = Viewport::of(&nodes.scroller) else {
                return;
            };
            let mut w = window.borrow_mut();
            w.anchor = view.anchor(&w.heights);
            w.last_top = view.top;
            if w.needs_redraw(view.top, view.height) {
                w.drawn = w.rows_for(view.top, view.height);
                drop(w);
                redraw.force_update();
            }
        })
    };

    let w = window.borrow();
    if let Some(error) = &w.error {
        return html! { <div class="notice error" role="alert"><p>{ error.clone() }</p></div> };
    }
    // A row waits for the one before it too: its day separator and sender name depend on it.
    let rows = w.drawn.clone().map(|row| {
        let previous = row.checked_sub(1).map(|p| w.message(p));
        match (w.message(row), previous) {
            (Some(message), previous @ (None | Some(Some(_)))) => {
                let own = !props.owner.is_empty()
                    && message.sender() == Some(props.owner.as_str());
                html! {
                    <MessageRow key={row} index={row} {message} previous={previous.flatten()} {own}
                        group={props.group} matched={props.matches.binary_search(&row).is_ok()}
                        current={props.focus == Some(row)} />
                }
            }
        // Keyed apart from the drawn row: its CSSOM height must not carry over.
            _ => html! {
                <li key={format!("pending-{row}")} class="message-row pending" data-index={row.to_string()}
                    aria-busy="true"></li>
            },
        }
    });
    html! {
        <div class="message-scroller" ref={nodes.scroller.clone()} onscroll={on_scroll}
            tabindex="0" aria-label="Messages">
            <div class="spacer" ref={nodes.above.clone()}></div>
            <ol class="message-list" ref={nodes.list.clone()} data-testid="message-list">
                { for rows }
            </ol>
            <div class="spacer" ref={nodes.below.clone()}></div>
        </div>
    }
}

/// The scroller's geometry.
struct Viewport {
    top: f64,
    height: f64,
    content: f64,
}

impl Viewport {
    fn of(scroller: &NodeRef) -> Option<Self> {
        let element = scroller.cast::<Element>()?;
        let height = f64::from(element.client_height());
        // Not laid out (hidden): measuring now would record zero heights.
        (height > 0.0).then(|| Viewport {
            top: f64::from(element.scroll_top()),
            height,
            content: f64::from(element.scroll_height()),
        })
    }

    /// The anchor that describes this position: the bottom when scrolled to the end.
    fn anchor(&self, heights: &Heights) -> Anchor {
        if self.top + self.height >= self.content - 2.0 {
            return Anchor::Bottom;
        }
        let row = heights.row_at(self.top);
        Anchor::Row {
            row,
            offset: self.top - heights.offset(row),
        }
    }
}

/// Asks the worker for the pages the drawn rows need; each answer redraws.
fn fetch_missing(
    window: &Rc<RefCell<Window>>,
    worker: &WorkerClient,
    id: &str,
    redraw: &UseForceUpdateHandle,
) {
    let missing = window.borrow().missing_pages();
    for page in missing {
        window.borrow_mut().asked.insert(page);
        let (window, redraw) = (Rc::clone(window), redraw.clone());
        let question = query::ThreadPage {
            id: id.to_string(),
            start: page * PAGE,
            len: PAGE,
        };
        worker.send(question, &[], None, move |answer| {
            let mut w = window.borrow_mut();
            w.asked.remove(&page);
            match answer {
                Ok(loaded) => {
                    w.pages.insert(page, Rc::new(loaded.messages));
                    w.forget_far_pages();
                }
                Err(error) => w.error = Some(error.to_string()),
            }
            drop(w);
            redraw.force_update();
        });
    }
}

/// Watches the drawn rows' sizes: photos arrive and panes are resized after a render.
struct RowObserver {
    observer: ResizeObserver,
    _callback: Closure<dyn FnMut()>,
}

impl Drop for RowObserver {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// (Re)starts watching the rows now drawn.
fn observe_rows(
    slot: &RefCell<Option<RowObserver>>,
    nodes: &Rc<Nodes>,
    window: &Rc<RefCell<Window>>,
    redraw: &UseForceUpdateHandle,
) {
    let mut slot = slot.borrow_mut();
    if slot.is_none() {
        let (nodes, window, redraw) = (Rc::clone(nodes), Rc::clone(window), redraw.clone());
        let callback = Closure::<dyn FnMut()>::new(move || {
            if settle(&nodes, &window) {
                // Not from inside the observer: rows drawn now would be observed in the
                // same frame, which the browser reports as a loop.
                let redraw = redraw.clone();
                let later = Closure::once_into_js(move || redraw.force_update());
                if let Some(w) = web_sys::window() {
                    let _ = w.request_animation_frame(later.unchecked_ref());
                }
            }
        });
        *slot = ResizeObserver::new(callback.as_ref().unchecked_ref())
            .ok()
            .map(|observer| RowObserver {
                observer,
                _callback: callback,
            });
    }
    let (Some(row_observer), Some(list)) = (slot.as_ref(), nodes.list.cast::<Element>()) else {
        return;
    };
    row_observer.observer.disconnect();
    let rows = list.children();
    for k in 0..rows.length() {
        if let Some(row) = rows.item(k) {
            row_observer.observer.observe(&row);
        }
    }
}

/// Measures the drawn rows, sizes the spacers and scrolls to where the anchor says; true
/// when the drawn rows no longer cover the viewport (the caller redraws).
fn settle(nodes: &Nodes, window: &RefCell<Window>) -> bool {
    let (Some(scroller), Some(list)) = (
        nodes.scroller.cast::<Element>(),
        nodes.list.cast::<Element>(),
    ) else {
        return false;
    };
    let Some(view) = Viewport::of(&nodes.scroller) else {
        return false;
    };
    let mut w = window.borrow_mut();
    // A scroll whose event is still to come: it moves the anchor, it is not undone.
    if (view.top - w.last_top).abs() > 1.0 {
        w.anchor = view.anchor(&w.heights);
    }
    let rows = list.children();
    for k in 0..rows.length() {
        let Some(row) = rows.item(k) else { continue };
        let Some(index) = row
            .get_attribute("data-index")
            .and_then(|v| v.parse::<usize>().ok())
        else {
            continue;
        };
        if row.class_list().contains("pending") {
            // Not drawn yet: it holds the place of its estimate.
            if let Some(row) = row.dyn_ref::<HtmlElement>() {
                let _ = row
                    .style()
                    .set_property("height", &format!("{}px", w.heights.get(index)));
            }
        } else {
            w.heights
                .set(index, row.get_bounding_client_rect().height());
        }
    }
    let above = w.heights.offset(w.drawn.start);
    let below = w.heights.total() - w.heights.offset(w.drawn.end);
    set_style(&nodes.above, "height", &format!("{above}px"));
    set_style(&nodes.below, "height", &format!("{below}px"));
    let height = f64::from(scroller.client_height());
    let top = w.anchor_top(height, f64::from(scroller.scroll_height()));
    scroller.set_scroll_top(top.round() as i32);
    let top = f64::from(scroller.scroll_top());
    w.last_top = top;
    let redraw = w.needs_redraw(top, height);
    if redraw {
        w.drawn = w.rows_for(top, height);
    }
    redraw
}
