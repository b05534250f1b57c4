//! The bar across the top: the name, the privacy promise, and a way to close the export.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::ui::app::use_ctx;
use crate::ui::routes::Route;
use crate::ui::store::Action;

#[component]
pub fn Topbar() -> Html {
    let ctx = use_ctx();
    let navigator = use_navigator();
    let is_open = ctx.session.summary().is_some();
    let close = {
        let session = ctx.session.clone();
        Callback::from(move |_| {
            session.dispatch(Action::Close);
            if let Some(navigator) = &navigator {
                navigator.push(&Route::Home);
            }
        })
    };
    html! {
        <header class="topbar">
            <Link<Route> to={Route::Home} classes="brand">
                <img src="icon.svg" alt="" width="28" height="28" />
                { "Keepsake" }
            </Link<Route>>
            if ctx.session.demo && is_open {
                <span class="tag">{ "Demo" }</span>
            }
            <span class="spacer"></span>
            <span class="privacy-badge" title="Keepsake reads your files inside this tab. Nothing is uploaded.">
                <span>{ "Private: nothing leaves this device" }</span>
            </span>
            if is_open {
                <button class="button secondary" onclick={close}>{ "Close" }</button>
            }
        </header>
    }
}
