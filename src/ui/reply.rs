//! Asking the worker for something and showing the answer: the one way components
//! fetch parsed data.

use yew::prelude::*;

use crate::protocol::{Reply, Request};
use crate::ui::app::use_ctx;

/// Sends `request` and holds the reply (`None` until it comes); sends again, from
/// `None`, whenever the request changes.
#[hook]
pub fn use_reply(request: Request) -> UseStateHandle<Option<Reply>> {
    let ctx = use_ctx();
    let reply = use_state(|| None::<Reply>);
    {
        let reply = reply.clone();
        let worker = ctx.worker.clone();
        use_effect_with(request, move |request| {
            reply.set(None);
            worker.request(request.clone(), &[], move |answer| reply.set(Some(answer)));
        });
    }
    reply
}

/// A reply that is not the one asked for: the worker's error, said plainly.
pub fn failure(reply: &Reply) -> Html {
    html! { <div class="notice error" role="alert"><p>{ failure_text(reply) }</p></div> }
}

/// What [`failure`] says, for views that show it their own way.
pub fn failure_text(reply: &Reply) -> String {
    match reply {
        Reply::Failed { message } => message.clone(),
        other => format!("unexpected reply {}", variant_name(other)),
    }
}

fn variant_name(reply: &Reply) -> String {
    let text = format!("{reply:?}");
    text.split(['(', ' ', '{'])
        .next()
        .unwrap_or_default()
        .to_string()
}
