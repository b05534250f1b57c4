//! Where an export comes in: drag and drop, a file picker for ZIP parts, a folder picker
//! for an unzipped export, and the bundled demo.

use wasm_bindgen::JsCast;
use web_sys::{DragEvent, HtmlInputElement};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::ui::hooks::use_ctx;
use crate::ui::services::files;
use crate::ui::session::store::{Action, Phase, WorkerState};

#[component]
pub fn Dropzone() -> Html {
    let ctx = use_ctx();
    let over = use_state(|| false);
    let ready = ctx.session.worker == WorkerState::Ready;
    let busy = matches!(ctx.session.phase, Phase::Opening { .. });
    let disabled = !ready || busy;

    let on_pick = {
        let ctx = ctx.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let chosen = files::from_list(input.files());
            // Clearing lets the same files be chosen again later.
            input.set_value("");
            ctx.open(chosen, false);
        })
    };
    let on_drag_over = {
        let over = over.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            over.set(true);
        })
    };
    let on_drag_leave = {
        let over = over.clone();
        Callback::from(move |_: DragEvent| over.set(false))
    };
    let on_drop = {
        let ctx = ctx.clone();
        let over = over.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            over.set(false);
            let Some(transfer) = event.data_transfer() else {
                return;
            };
            if files::drop_has_folder(&transfer) {
                ctx.session.dispatch(Action::Failed(
                    "A dropped folder cannot be read by the browser. Use “Choose folder” to open an \
                     unzipped export, or drop the ZIP files themselves."
                        .into(),
                ));
                return;
            }
            ctx.open(files::from_list(transfer.files()), false);
        })
    };
    let on_demo = {
        let ctx = ctx.clone();
        Callback::from(move |_| {
            let ctx = ctx.clone();
            spawn_local(async move {
                match files::fetch_demo().await {
                    Ok(file) => ctx.open(vec![file], true),
                    Err(message) => ctx.session.dispatch(Action::Failed(message)),
                }
            });
        })
    };

    html! {
        <div class={classes!("dropzone", over.then_some("over"))}
            ondragover={on_drag_over} ondragleave={on_drag_leave} ondrop={on_drop}>
            <p>{ "Drop your export’s ZIP file (or all its parts) here" }</p>
            <div class="actions">
                <label class={classes!("button", disabled.then_some("disabled"))}>
                    { "Choose ZIP files" }
                    <input id="open-files" class="visually-hidden" type="file" multiple=true
                        accept=".zip,application/zip" disabled={disabled} onchange={on_pick.clone()} />
                </label>
                <label class={classes!("button", "secondary", disabled.then_some("disabled"))}>
                    { "Choose folder" }
                    <input id="open-folder" class="visually-hidden" type="file" webkitdirectory=true
                        disabled={disabled} onchange={on_pick} />
                </label>
                <button id="open-demo" class="button demo" disabled={disabled} onclick={on_demo}>
                    { "Try the demo" }
                </button>
            </div>
            if !ready {
                <p class="muted" role="status">{ "Starting the archive reader…" }</p>
            }
        </div>
    }
}
