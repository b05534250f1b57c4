//! The bar across the top: the name, the privacy promise, and a way to close the export.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::ui::hooks::use_ctx;
use crate::ui::routes::Route;
use crate::ui::session::store::Action;

/// The mark, drawn inline: an image file would cost a request each time the bar redraws.
#[component]
fn Logo() -> Html {
    html! {
        <svg class="logo" viewBox="0 0 64 64" width="28" height="28" aria-hidden="true">
            <defs>
                <linearGradient id="logo-gradient" x1="0" y1="1" x2="1" y2="0">
                    <stop offset="0" stop-color="#f58529" />
                    <stop offset=".5" stop-color="#dd2a7b" />
                    <stop offset="1" stop-color="#515bd4" />
                </linearGradient>
            </defs>
            <rect width="64" height="64" rx="16" fill="url(#logo-gradient)" />
            <rect x="14" y="18" width="36" height="30" rx="6" fill="none" stroke="#fff" stroke-width="4" />
            <path d="M14 28h36" stroke="#fff" stroke-width="4" />
            <circle cx="32" cy="18" r="5" fill="#fff" />
        </svg>
    }
}

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
                <Logo />
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
