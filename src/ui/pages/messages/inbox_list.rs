//! The conversation list: name or group title, initials, last message, time and size;
//! sorted by latest or by size, filtered by name, in sections per folder.

use keepsake_archive::model::{FolderKind, ThreadSummary};
use yew::prelude::*;
use yew_router::prelude::*;

use super::thread_id_to_url;
use crate::protocol::query;
use crate::ui::hooks::{Fetch, failure, use_query, use_show_more};
use crate::ui::routes::Route;
use crate::ui::services::format;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub selected: Option<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum Order {
    Latest,
    Size,
}

#[component]
pub fn InboxList(props: &Props) -> Html {
    let inbox = use_query(query::Inbox);
    let filter = use_state(String::new);
    let order = use_state(|| Order::Latest);
    let more_threads = use_show_more();
    let query = use_state(String::new);
    // The search asked (on Enter or the button), not every keystroke.
    let asked = use_state(String::new);
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                filter.set(input.value());
            }
        })
    };
    let on_order = {
        let order = order.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                order.set(if select.value() == "size" {
                    Order::Size
                } else {
                    Order::Latest
                });
            }
        })
    };
    let on_query = {
        let query = query.clone();
        let asked = asked.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                if input.value().trim().is_empty() {
                    asked.set(String::new());
                }
                query.set(input.value());
            }
        })
    };
    let search = {
        let query = query.clone();
        let asked = asked.clone();
        move || asked.set(query.trim().to_string())
    };
    let on_search_key = {
        let search = search.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                search();
            }
        })
    };
    let on_search_click = Callback::from(move |_: MouseEvent| search());
    let body = match &inbox {
        Fetch::Waiting(_) => {
            html! { <p class="muted" role="status">{ "Reading conversations…" }</p> }
        }
        Fetch::Failed(error) => failure(error),
        Fetch::Ready(_) if !asked.is_empty() => {
            html! { <SearchResults query={(*asked).clone()} /> }
        }
        Fetch::Ready(inbox) => {
            let shown = visible_threads(&inbox.value.threads, &filter, *order);
            let total = shown.len();
            // Rows left to draw; the group titles still count every conversation.
            let mut budget = more_threads.shown(total);
            let groups = group_by_folder(shown);
            html! {
                <>
                    { for groups.into_iter().filter_map(|(title, threads)| {
                        let count = threads.len();
                        let drawn = count.min(budget);
                        budget -= drawn;
                        (drawn > 0).then(|| html! {
                            <div class="thread-group">
                                <h3 class="thread-group-title">{ format!("{title} ({count})") }</h3>
                                <ul class="thread-list" data-testid="threads">
                                    { for threads.into_iter().take(drawn).map(|t| thread_row(t, props.selected.as_deref())) }
                                </ul>
                            </div>
                        })
                    }) }
                    { more_threads.button(total, "more-threads") }
                </>
            }
        }
    };
    html! {
        <nav class="inbox" aria-label="Conversations">
            <div class="toolbar">
                <input type="search" placeholder="Filter by name" aria-label="Filter conversations by name"
                    value={(*filter).clone()} oninput={on_filter} />
                <select aria-label="Sort conversations" onchange={on_order}>
                    <option value="latest" selected={*order == Order::Latest}>{ "Latest" }</option>
                    <option value="size" selected={*order == Order::Size}>{ "Most messages" }</option>
                </select>
            </div>
            <div class="toolbar">
                <input type="search" placeholder="Search all messages" aria-label="Search all messages"
                    value={(*query).clone()} oninput={on_query} onkeydown={on_search_key} />
                <button class="button secondary" onclick={on_search_click}>{ "Search" }</button>
            </div>
            { body }
        </nav>
    }
}

/// Results shown at most; the count says how many more there are.
const SEARCH_LIMIT: usize = 200;

#[derive(Properties, PartialEq)]
struct SearchProps {
    query: String,
}

/// Messages across every conversation that contain the search asked; mounted only while
/// there is one, so no empty search is ever asked.
#[component]
fn SearchResults(props: &SearchProps) -> Html {
    let hits = use_query(query::SearchMessages {
        query: props.query.clone(),
        limit: SEARCH_LIMIT,
    });
    match &hits {
        Fetch::Waiting(_) => html! { <p class="muted" role="status">{ "Searching…" }</p> },
        Fetch::Failed(error) => failure(error),
        Fetch::Ready(found) => html! {
            <div class="search-results" data-testid="message-hits">
                <h3 class="thread-group-title">{ match found.total {
                    0 => "No message contains this".to_string(),
                    n if n > found.hits.len() => format!("{} messages, newest {} shown", format::count(n), found.hits.len()),
                    n => format!("{} messages", format::count(n)),
                } }</h3>
                <ul class="thread-list">
                    { for found.hits.iter().map(|hit| html! {
                        <li>
                            <Link<Route> classes="thread-row hit"
                                to={Route::Message { thread: thread_id_to_url(&hit.thread_id), message: hit.index }}>
                                <span class="thread-text">
                                    <span class="thread-title">{ hit.thread_title.clone() }</span>
                                    <span class="muted">{ format!("{} · {}", hit.sender,
                                        format::date(Some(hit.time)).unwrap_or_default()) }</span>
                                    <span class="hit-snippet">{ hit.snippet.clone() }</span>
                                </span>
                            </Link<Route>>
                        </li>
                    }) }
                </ul>
            </div>
        },
    }
}

fn visible_threads<'a>(
    threads: &'a [ThreadSummary],
    filter: &str,
    order: Order,
) -> Vec<&'a ThreadSummary> {
    let needle = filter.trim().to_lowercase();
    let mut shown: Vec<&ThreadSummary> = threads
        .iter()
        .filter(|t| {
            needle.is_empty()
                || t.title.to_lowercase().contains(&needle)
                || t.participants
                    .iter()
                    .any(|p| p.to_lowercase().contains(&needle))
        })
        .collect();
    match order {
        Order::Latest => shown.sort_by_key(|t| std::cmp::Reverse(t.last_time)),
        Order::Size => shown.sort_by_key(|t| std::cmp::Reverse(t.message_count)),
    }
    shown
}

fn folder_title(kind: Option<&FolderKind>) -> String {
    match kind {
        None | Some(FolderKind::Inbox) | Some(FolderKind::Legacy) => "Chats".into(),
        Some(FolderKind::MessageRequests) => "Message requests".into(),
        Some(FolderKind::Broadcast) => "Broadcast channels".into(),
        Some(FolderKind::Other(name)) => name.replace('_', " "),
    }
}

/// Sections in a fixed order (chats first), threads keeping their sort inside each.
fn group_by_folder(threads: Vec<&ThreadSummary>) -> Vec<(String, Vec<&ThreadSummary>)> {
    let mut groups: Vec<(String, Vec<&ThreadSummary>)> = Vec::new();
    for thread in threads {
        let title = folder_title(thread.folder_kind.as_ref());
        match groups.iter_mut().find(|(t, _)| *t == title) {
            Some((_, list)) => list.push(thread),
            None => groups.push((title, vec![thread])),
        }
    }
    groups.sort_by_key(|(title, _)| title != "Chats");
    groups
}

fn thread_row(thread: &ThreadSummary, selected: Option<&str>) -> Html {
    let active = selected == Some(thread.id.as_str());
    let count = if thread.count_is_exact {
        format::count(thread.message_count)
    } else {
        format!("{}+", format::count(thread.message_count))
    };
    html! {
        <li>
            <Link<Route> to={Route::Thread { thread: thread_id_to_url(&thread.id) }}
                classes={classes!("thread-row", active.then_some("active"))}>
                <span class={classes!("initials", thread.is_group.then_some("group"))} aria-hidden="true">
                    { format::initials(&thread.title) }
                </span>
                <span class="thread-text">
                    <span class="thread-title">
                        { thread.title.clone() }
                        if thread.is_group { <span class="tag">{ "Group" }</span> }
                    </span>
                    <span class="thread-last muted">{ thread.last_message.clone().unwrap_or_default() }</span>
                </span>
                <span class="thread-meta muted">
                    <span>{ format::date(thread.last_time.get()).unwrap_or_default() }</span>
                    <span class="thread-count" title="Messages">{ count }</span>
                </span>
            </Link<Route>>
        </li>
    }
}
