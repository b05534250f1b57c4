//! A broadcast channel's replies: what followers answered to its messages, each under
//! the name of whose message it answers. Exports keep them apart from the messages
//! (`replies_N.json`), so they are shown apart too.

use keepsake_archive::model::Message;
use yew::prelude::*;

use crate::ui::services::format;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub replies: Vec<Message>,
}

#[component]
pub fn Replies(props: &Props) -> Html {
    html! {
        <ol class="replies" data-testid="replies">
            { for props.replies.iter().map(|reply| {
                let to = reply.share.as_ref().and_then(|s| s.owner.clone());
                html! {
                    <li class="reply">
                        if let Some(to) = to {
                            <p class="reply-to muted">{ format!("Reply to {to}") }</p>
                        }
                        <p class="bubble">{ reply.text.clone().unwrap_or_default() }</p>
                        <p class="muted reply-time">{ format::date_time(reply.time.get()).unwrap_or_default() }</p>
                    </li>
                }
            }) }
        </ol>
    }
}
