//! The Connections, Activity, Account and Other-data views: each asks the worker for its
//! parsed records and shows them as tables.

pub mod account;
pub mod activity;
pub mod connections;
pub mod other_data;

use yew::prelude::*;

pub use crate::ui::reply::{failure, use_reply};

pub fn loading(what: &str) -> Html {
    html! {
        <div class="status" role="status" data-testid="loading">
            <div class="progress indeterminate"><div></div></div>
            <p class="muted">{ format!("Reading {what}…") }</p>
        </div>
    }
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
