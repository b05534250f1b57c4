//! One conversation: its header, search within it (the worker finds the matches), the
//! media gallery, and the windowed message list, which opens at the newest message.
//!
//! The message to show is part of the URL (`…/messages/<thread>/<index>`): search steps
//! and gallery jumps change the URL, so Back and reload return to the same message.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use super::gallery::Gallery;
use super::message_list::MessageList;
use super::replies::Replies;
use super::thread_id_to_url;
use crate::protocol::query;
use crate::ui::hooks::{Fetch, failure, use_query};
use crate::ui::routes::Route;
use crate::ui::services::format;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub id: String,
    /// A message to bring into view and mark (from the URL).
    #[prop_or_default]
    pub focus: Option<usize>,
}

/// What the conversation pane shows below its header.
#[derive(Clone, Copy, PartialEq)]
enum Panel {
    Messages,
    Gallery,
    Replies,
}

#[component]
pub fn Conversation(props: &Props) -> Html {
    let thread = use_query(query::Thread {
        id: props.id.clone(),
    });
    let needle = use_state(String::new);
    let matches = use_query(query::ThreadSearch {
        id: props.id.clone(),
        query: (*needle).clone(),
    });
    let panel = use_state(|| Panel::Messages);
    let navigator = use_navigator();
    {
        // Another conversation starts without a search or gallery.
        let (needle, panel) = (needle.clone(), panel.clone());
        use_effect_with(props.id.clone(), move |_| {
            needle.set(String::new());
            panel.set(Panel::Messages);
        });
    }

    let t = match &thread {
        Fetch::Waiting(_) => {
            return html! { <p class="muted" role="status">{ "Reading the conversation…" }</p> };
        }
        Fetch::Failed(error) => return failure(error),
        Fetch::Ready(t) => &t.value,
    };
    let matches: Rc<Vec<usize>> = match matches.ready() {
        Some(found) if !needle.trim().is_empty() => Rc::clone(found),
        _ => Rc::default(),
    };
    let owner = t.owner.clone().unwrap_or_default();

    // Showing a message is going to its URL; `replace` for search steps (Back should not
    // walk through every match), `push` for a jump from the gallery.
    let show = {
        let id = props.id.clone();
        move |index: usize, push: bool| {
            let route = Route::Message {
                thread: thread_id_to_url(&id),
                message: index,
            };
            if let Some(navigator) = &navigator {
                if push {
                    navigator.push(&route);
                } else {
                    navigator.replace(&route);
                }
            }
        }
    };
    let on_search = {
        let needle = needle.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                needle.set(input.value());
            }
        })
    };
    let step = |forward: bool| {
        let (matches, show, focus) = (Rc::clone(&matches), show.clone(), props.focus);
        Callback::from(move |_: MouseEvent| {
            if let Some(index) = next_match(&matches, focus, forward) {
                show(index, false);
            }
        })
    };
    let toggle = |wanted: Panel| {
        let panel = panel.clone();
        Callback::from(move |_: MouseEvent| {
            panel.set(if *panel == wanted {
                Panel::Messages
            } else {
                wanted
            })
        })
    };
    let on_jump = {
        let (panel, show) = (panel.clone(), show.clone());
        Callback::from(move |index: usize| {
            panel.set(Panel::Messages);
            show(index, true);
        })
    };

    html! {
        <div class="conversation" data-testid="conversation">
            <header class="conversation-header">
                <h2>{ t.summary.title.clone() }</h2>
                <p class="muted">
                    { format!("{} messages · {}", format::count(t.total), t.summary.participants.join(", ")) }
                </p>
                if !t.summary.former_names.is_empty() {
                    <p class="muted">{ format!("Also known as {}", t.summary.former_names.join(", ")) }</p>
                }
                <div class="toolbar">
                    if t.media > 0 {
                        <button class="button secondary" onclick={toggle(Panel::Gallery)}
                            aria-pressed={(*panel == Panel::Gallery).to_string()}>
                            { format!("Media ({})", format::count(t.media)) }
                        </button>
                    }
                    if !t.replies.is_empty() {
                        <button class="button secondary" onclick={toggle(Panel::Replies)}
                            aria-pressed={(*panel == Panel::Replies).to_string()}>
                            { format!("Replies ({})", format::count(t.replies.len())) }
                        </button>
                    }
                    <input type="search" placeholder="Search this conversation" aria-label="Search this conversation"
                        value={(*needle).clone()} oninput={on_search} />
                    if !needle.is_empty() {
                        <span class="muted" data-testid="match-count">{ format!("{} found", format::count(matches.len())) }</span>
                        <button class="button secondary" onclick={step(false)} disabled={matches.is_empty()}>{ "Previous" }</button>
                        <button class="button secondary" onclick={step(true)} disabled={matches.is_empty()}>{ "Next" }</button>
                    }
                </div>
            </header>
            { match *panel {
                Panel::Gallery => html! { <Gallery id={props.id.clone()} {on_jump} /> },
                Panel::Replies => html! { <Replies replies={t.replies.clone()} /> },
                Panel::Messages if t.total == 0 => html! {
                    <p class="muted conversation-empty">{ "No messages in this conversation." }</p>
                },
                Panel::Messages => html! {
                    <MessageList key={props.id.clone()} id={props.id.clone()} total={t.total}
                        group={t.summary.is_group} owner={owner} {matches} focus={props.focus} />
                },
            } }
        </div>
    }
}

/// The next match going back in time (`forward == false`) or forward, starting at the
/// newest match when none is selected.
fn next_match(matches: &[usize], current: Option<usize>, forward: bool) -> Option<usize> {
    let last = *matches.last()?;
    let Some(current) = current else {
        return Some(last);
    };
    if forward {
        matches
            .iter()
            .copied()
            .find(|&m| m > current)
            .or(Some(last))
    } else {
        matches
            .iter()
            .rev()
            .copied()
            .find(|&m| m < current)
            .or(matches.first().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn search_steps_through_matches_and_stops_at_the_ends() {
        let matches = [3, 10, 42];
        assert_eq!(next_match(&matches, None, false), Some(42));
        assert_eq!(next_match(&matches, Some(42), false), Some(10));
        assert_eq!(next_match(&matches, Some(3), false), Some(3));
        assert_eq!(next_match(&matches, Some(10), true), Some(42));
        assert_eq!(next_match(&matches, Some(42), true), Some(42));
        assert_eq!(next_match(&[], None, true), None);
    }
}
