//! One message as a bubble (own on the right in colour, others on the left in grey),
//! or a centred line for calls and system events. Everything in a message is text:
//! nothing in it can become markup.

use std::rc::Rc;

use keepsake_archive::model::{MediaRef, Message, Share};
use yew::prelude::*;

use crate::ui::components::media_view::MediaView;
use crate::ui::components::profile_header::safe_link;
use crate::ui::services::format;

/// A message in the page of messages it came with. Rows compare by page and position,
/// not by content: a redraw while scrolling skips every row already on screen.
#[derive(Clone)]
pub struct Held {
    page: Rc<Vec<Message>>,
    at: usize,
}

impl Held {
    pub fn new(page: &Rc<Vec<Message>>, at: usize) -> Option<Self> {
        (at < page.len()).then(|| Held {
            page: Rc::clone(page),
            at,
        })
    }

    fn get(&self) -> Option<&Message> {
        self.page.get(self.at)
    }

    pub fn sender(&self) -> Option<&str> {
        self.get().map(|m| m.sender.as_str())
    }
}

impl PartialEq for Held {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.page, &other.page) && self.at == other.at
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The message's position in the conversation.
    pub index: usize,
    pub message: Held,
    /// The message before it (`None` for the first).
    pub previous: Option<Held>,
    pub own: bool,
    /// A group chat: the first message of a run shows its sender's name.
    pub group: bool,
    pub matched: bool,
    pub current: bool,
}

/// Row `index` of a conversation: a day separator when the day changed since the
/// previous message, then the bubble or the centred notice.
#[component]
pub fn MessageRow(props: &Props) -> Html {
    let Some(m) = props.message.get() else {
        return html! {};
    };
    let previous = props.previous.as_ref().and_then(Held::get);
    let index = props.index;
    let day = format::date(m.time.get());
    let new_day = previous.is_none_or(|p| format::date(p.time.get()) != day);
    let run_start = previous.is_none_or(|p| p.sender != m.sender);
    html! {
        <li id={format!("msg-{index}")} class="message-row" data-index={index.to_string()}
            data-time={m.time.get().unwrap_or_default().to_string()}>
            if new_day {
                <div class="day-separator muted">{ day.unwrap_or_default() }</div>
            }
            if m.is_system || m.call_duration.is_some() {
                <div class="system-line muted">{ system_text(m) }</div>
            } else {
                { bubble(m, props, props.group && run_start) }
            }
        </li>
    }
}

fn bubble(m: &Message, place: &Props, show_sender: bool) -> Html {
    let classes = classes!(
        "message",
        if place.own { "own" } else { "other" },
        place.matched.then_some("match"),
        place.current.then_some("current")
    );
    let time = format::date_time(m.time.get()).unwrap_or_default();
    html! {
        <div class={classes} data-testid="message">
            if show_sender && !place.own {
                <span class="sender">{ m.sender.clone() }</span>
            }
            <div class="bubble" title={time}>
                if m.unsent {
                    <p class="unsent">{ "Unsent a message" }</p>
                }
                if let Some(text) = &m.text {
                    <p class="text">{ text.clone() }</p>
                }
                if let Some(share) = &m.share {
                    { share_card(share) }
                }
                { for m.media().map(media) }
            </div>
            if !m.reactions.is_empty() {
                <div class="reactions">
                    { for m.reactions.iter().map(|r| {
                        let when = format::date_time(r.time.get()).unwrap_or_default();
                        html! {
                            <span class="reaction" tabindex="0" title={format!("{} {when}", r.actor)}
                                aria-label={format!("{} reacted {}", r.actor, r.emoji)}>{ r.emoji.clone() }</span>
                        }
                    }) }
                </div>
            }
        </div>
    }
}

fn system_text(m: &Message) -> String {
    match m.call_duration {
        Some(0) => format!("Missed call · {}", m.sender),
        Some(seconds) => format!("Call · {} min", (seconds + 59) / 60),
        None => m.text.clone().unwrap_or_default(),
    }
}

fn media(item: &MediaRef) -> Html {
    match &item.path_in_export {
        Some(path) => html! { <MediaView path={path.clone()} class="message-media" /> },
        None => html! {
            <div class="media placeholder message-media" role="img" aria-label="Not in this export">
                <span>{ "Not in this export" }</span>
            </div>
        },
    }
}

fn share_card(share: &Share) -> Html {
    let link = share.link.as_deref().and_then(safe_link);
    let owner = share
        .owner
        .clone()
        .or_else(|| share.profile_username.clone())
        .or_else(|| share.profile_name.clone());
    html! {
        <div class="share-card">
            if let Some(owner) = owner { <strong>{ owner }</strong> }
            if let Some(text) = &share.text { <p>{ text.clone() }</p> }
            if let Some(href) = link {
                <a href={href.clone()} target="_blank" rel="noopener noreferrer">{ href }</a>
            }
        </div>
    }
}
