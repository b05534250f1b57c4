//! The Connections, Activity, Account and Other-data views: each asks the worker for its
//! parsed records and shows them as tables.

pub mod account;
pub mod activity;
pub mod connections;
pub mod other_data;

use yew::prelude::*;

use crate::protocol::{Reply, Request};
use crate::ui::app::use_ctx;

/// Sends `request` once and holds the reply (`None` until it comes).
#[hook]
pub fn use_reply(request: Request) -> UseStateHandle<Option<Reply>> {
    let ctx = use_ctx();
    let reply = use_state(|| None::<Reply>);
    {
        let reply = reply.clone();
        let worker = ctx.worker.clone();
        use_effect_with((), move |_| {
            worker.request(request, &[], move |answer| reply.set(Some(answer)));
        });
    }
    reply
}

pub fn loading(what: &str) -> Html {
    html! {
        <div class="status" role="status" data-testid="loading">
            <div class="progress indeterminate"><div></div></div>
            <p class="muted">{ format!("Reading {what}…") }</p>
        </div>
    }
}

pub fn failure(reply: &Reply) -> Html {
    let message = match reply {
        Reply::Failed { message } => message.clone(),
        other => format!("unexpected reply {}", variant_name(other)),
    };
    html! { <div class="notice error" role="alert"><p>{ message }</p></div> }
}

fn variant_name(reply: &Reply) -> String {
    let text = format!("{reply:?}");
    text.split(['(', ' ', '{'])
        .next()
        .unwrap_or_default()
        .to_string()
}

/// A note on problems met while reading (files read only in part).
pub fn problems_note(problems: usize) -> Html {
    if problems == 0 {
        return html! {};
    }
    html! {
        <p class="muted">{ format!("{problems} file(s) could only be read in part.") }</p>
    }
}

/// The parsed view of Connections, Activity, Account and Other data, with a heading for
/// the section's file list that follows it; nothing for other sections.
pub fn view(section: crate::sections::Section) -> Html {
    use crate::sections::Section;
    let body = match section {
        Section::Connections => html! { <connections::ConnectionsView /> },
        Section::Activity => html! { <activity::ActivityView /> },
        Section::Account => html! { <account::AccountView /> },
        Section::Other => html! { <other_data::OtherDataView /> },
        _ => return Html::default(),
    };
    html! {
        <>
            { body }
            <h2 class="section" data-testid="section-files">{ "Files" }</h2>
        </>
    }
}
