//! One conversation: newest messages first on screen (at the bottom), earlier ones on
//! request, day separators, runs by sender, and search with jump-to-message.

use keepsake_archive::model::Thread;
use yew::prelude::*;

use super::message_row::{Place, message_row};
use crate::protocol::{Reply, Request};
use crate::ui::format;
use crate::ui::media_view::MediaView;
use crate::ui::reply::{failure, use_reply};

/// Messages added to the page per step back in time.
const STEP: usize = 300;
/// Gallery items per step: each holds an object URL while shown.
const GALLERY_STEP: usize = 60;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub id: String,
    /// A message to bring into view and mark (from a deep link or a search result).
    #[prop_or_default]
    pub focus: Option<usize>,
}

#[component]
pub fn Conversation(props: &Props) -> Html {
    let thread = use_reply(Request::Thread {
        id: props.id.clone(),
    });
    // The inbox (kept by the worker) names the account owner, whose messages go right.
    let inbox = use_reply(Request::Inbox);
    let first_shown = use_state(|| usize::MAX);
    let needle = use_state(String::new);
    let gallery = use_state(|| None::<usize>);
    let current = use_state(|| props.focus);
    {
        let current = current.clone();
        use_effect_with(props.focus, move |focus| {
            if focus.is_some() {
                current.set(*focus);
            }
        });
    }
    let list = use_node_ref();
    {
        let first_shown = first_shown.clone();
        use_effect_with(props.id.clone(), move |_| first_shown.set(usize::MAX));
    }
    // Open at the newest message, and bring a search result into view.
    {
        let list = list.clone();
        let loaded = matches!(&*thread, Some(Reply::Thread(..)));
        use_effect_with((loaded, *current), move |(_, current)| {
            let Some(element) = list.cast::<web_sys::Element>() else {
                return;
            };
            match current {
                Some(index) => {
                    if let Ok(Some(row)) = element.query_selector(&format!("#msg-{index}")) {
                        row.scroll_into_view();
                    }
                }
                None => element.set_scroll_top(element.scroll_height()),
            }
        });
    }

    let t = match &*thread {
        None => return html! { <p class="muted" role="status">{ "Reading the conversation…" }</p> },
        Some(Reply::Thread(t, _)) => t,
        Some(other) => return failure(other),
    };
    let total = t.messages.len();
    let matches = find(t, &needle);
    let first = (*first_shown).min(total.saturating_sub(STEP));
    let first = current.map_or(first, |c| first.min(c));
    let owner_name = match &*inbox {
        Some(Reply::Inbox(inbox, _)) => inbox.owner.name.clone().unwrap_or_default(),
        _ => String::new(),
    };

    let on_search = {
        let needle = needle.clone();
        let current = current.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                needle.set(input.value());
                current.set(None);
            }
        })
    };
    let step = |forward: bool| {
        let current = current.clone();
        let matches = matches.clone();
        Callback::from(move |_: MouseEvent| {
            current.set(next_match(&matches, *current, forward));
        })
    };
    let media: Vec<(usize, String)> = t
        .messages
        .iter()
        .enumerate()
        .flat_map(|(i, m)| {
            m.media()
                .filter_map(move |r| r.path_in_export.clone().map(|p| (i, p)))
        })
        .collect();
    let toggle_gallery = {
        let gallery = gallery.clone();
        Callback::from(move |_: MouseEvent| {
            gallery.set(if gallery.is_some() {
                None
            } else {
                Some(GALLERY_STEP)
            })
        })
    };
    let jump = |index: usize| {
        let gallery = gallery.clone();
        let current = current.clone();
        Callback::from(move |_: MouseEvent| {
            gallery.set(None);
            current.set(Some(index));
        })
    };
    let earlier = {
        let first_shown = first_shown.clone();
        Callback::from(move |_: MouseEvent| first_shown.set(first.saturating_sub(STEP)))
    };

    let mut rows = Vec::new();
    let mut previous: Option<&keepsake_archive::model::Message> = None;
    for (index, m) in t.messages.iter().enumerate().skip(first) {
        let day = format::date(m.time.get());
        if previous.map(|p| format::date(p.time.get())) != Some(day.clone()) {
            rows.push(html! { <li class="day-separator muted">{ day.unwrap_or_default() }</li> });
        }
        let run_start = previous.is_none_or(|p| p.sender != m.sender);
        rows.push(message_row(
            index,
            m,
            Place {
                own: !owner_name.is_empty() && m.sender == owner_name,
                show_sender: t.summary.is_group && run_start,
                matched: matches.contains(&index),
                current: *current == Some(index),
            },
        ));
        previous = Some(m);
    }

    html! {
        <div class="conversation" data-testid="conversation">
            <header class="conversation-header">
                <h2>{ t.summary.title.clone() }</h2>
                <p class="muted">
                    { format!("{} messages · {}", format::count(total), t.summary.participants.join(", ")) }
                </p>
                if !t.summary.former_names.is_empty() {
                    <p class="muted">{ format!("Also known as {}", t.summary.former_names.join(", ")) }</p>
                }
                <div class="toolbar">
                    if !media.is_empty() {
                        <button class="button secondary" onclick={toggle_gallery} aria-pressed={gallery.is_some().to_string()}>
                            { format!("Media ({})", format::count(media.len())) }
                        </button>
                    }
                    <input type="search" placeholder="Search this conversation" aria-label="Search this conversation"
                        value={(*needle).clone()} oninput={on_search} />
                    if !needle.is_empty() {
                        <span class="muted" data-testid="match-count">{ format!("{} found", matches.len()) }</span>
                        <button class="button secondary" onclick={step(false)} disabled={matches.is_empty()}>{ "Previous" }</button>
                        <button class="button secondary" onclick={step(true)} disabled={matches.is_empty()}>{ "Next" }</button>
                    }
                </div>
            </header>
            if let Some(shown) = *gallery {
                <ul class="thread-gallery" data-testid="thread-gallery">
                    { for media.iter().take(shown).map(|(index, path)| html! {
                        <li>
                            <MediaView path={path.clone()} class="gallery-media" />
                            <button class="link" onclick={jump(*index)}>{ "Go to message" }</button>
                        </li>
                    }) }
                    if media.len() > shown {
                        <li class="earlier">
                            <button class="button secondary" onclick={{
                                let gallery = gallery.clone();
                                Callback::from(move |_: MouseEvent| gallery.set(Some(shown + GALLERY_STEP)))
                            }}>{ "Show more" }</button>
                        </li>
                    }
                </ul>
            }
            <ol class={classes!("message-list", gallery.is_some().then_some("hidden"))} ref={list}>
                if first > 0 {
                    <li class="earlier">
                        <button class="button secondary" onclick={earlier}>
                            { format!("Show earlier messages ({} more)", format::count(first)) }
                        </button>
                    </li>
                }
                { for rows }
            </ol>
        </div>
    }
}

/// Indices of messages whose text (or shared text) contains the needle, case-insensitively.
fn find(thread: &Thread, needle: &str) -> Vec<usize> {
    let needle = needle.trim().to_lowercase();
    if needle.is_empty() {
        return Vec::new();
    }
    thread
        .messages
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            m.text
                .as_deref()
                .is_some_and(|t| t.to_lowercase().contains(&needle))
                || m.share
                    .as_ref()
                    .and_then(|s| s.text.as_deref())
                    .is_some_and(|t| t.to_lowercase().contains(&needle))
        })
        .map(|(i, _)| i)
        .collect()
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
