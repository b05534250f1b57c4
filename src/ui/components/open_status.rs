//! Progress while an export opens (with cancel), and every way opening can go wrong.

use yew::prelude::*;

use crate::ui::hooks::use_ctx;
use crate::ui::session::store::{Phase, WorkerState};

#[component]
pub fn OpenStatus() -> Html {
    let ctx = use_ctx();
    let cancel = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.cancel())
    };
    let reopen = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.reopen())
    };
    let progress = match &ctx.session.phase {
        Phase::Opening { done, total, what } => {
            let percent = done.saturating_mul(100).checked_div(*total).unwrap_or(0);
            html! {
                <div class="status" role="status">
                    <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100"
                        aria-valuenow={percent.to_string()}>
                        <div class={format!("w{}", percent / 5 * 5)}></div>
                    </div>
                    <p class="muted">
                        { if what.is_empty() { "Reading the export…".to_string() }
                          else { format!("Reading {what} ({done} of {total})") } }
                    </p>
                    <button class="button secondary" onclick={cancel}>{ "Cancel" }</button>
                </div>
            }
        }
        Phase::Failed(message) => html! {
            <div class="status notice error" role="alert">
                <h2>{ "This could not be opened" }</h2>
                <p>{ message.clone() }</p>
            </div>
        },
        Phase::Idle | Phase::Open(_) => html! {},
    };
    let dead = match &ctx.session.worker {
        WorkerState::Dead(reason) => html! {
            <div class="status notice error" role="alert">
                <h2>{ "The archive reader stopped" }</h2>
                <p>{ "Keepsake’s background reader ended unexpectedly. Your files are untouched." }</p>
                <p class="muted">{ crate::diagnostics::redact(reason) }</p>
                if !ctx.session.files.is_empty() {
                    <button class="button" onclick={reopen}>{ "Reopen the same files" }</button>
                }
            </div>
        },
        _ => html! {},
    };
    html! { <>{ progress }{ dead }</> }
}
