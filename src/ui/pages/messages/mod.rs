//! Direct messages: the conversation list and one conversation, side by side on wide
//! screens (one at a time on phones), as Instagram shows them.

mod conversation;
mod gallery;
mod heights;
mod inbox_list;
mod message_list;
mod message_row;
mod replies;

use yew::prelude::*;

use crate::sections::{Section, SectionText};

use conversation::Conversation;
use inbox_list::InboxList;

/// Thread ids are folder paths (`inbox/alice_123`); a URL segment cannot hold `/`.
pub fn thread_id_to_url(id: &str) -> String {
    id.replace('/', "~")
}

pub fn thread_id_from_url(segment: &str) -> String {
    segment.replace('~', "/")
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The open conversation, if any.
    pub thread: Option<String>,
    /// A message to show and mark in it (its index, oldest first).
    #[prop_or_default]
    pub focus: Option<usize>,
}

#[component]
pub fn MessagesPage(props: &Props) -> Html {
    let open = props.thread.is_some();
    html! {
        <>
        <h1 class="page-title">{ Section::Messages.title() }</h1>
        <p class="page-sub">{ Section::Messages.blurb() }</p>
        <div class={classes!("messages", open.then_some("thread-open"))}>
            <InboxList selected={props.thread.clone()} />
            <section class="conversation-pane" aria-label="Conversation">
                if let Some(id) = &props.thread {
                    <Conversation id={id.clone()} focus={props.focus} />
                } else {
                    <div class="conversation-empty muted">
                        <p>{ "Choose a conversation." }</p>
                    </div>
                }
            </section>
        </div>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn thread_ids_survive_the_url() {
        for id in ["inbox/alice_123", "message_requests/x_1", "legacy/0"] {
            let url = thread_id_to_url(id);
            assert!(!url.contains('/'));
            assert_eq!(thread_id_from_url(&url), id);
        }
    }
}
