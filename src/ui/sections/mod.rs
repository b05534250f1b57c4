//! The Connections, Activity, Account and Other-data views: each asks the worker for its
//! parsed records and shows them as tables.

pub mod account;
pub mod activity;
pub mod connections;
pub mod other_data;

use std::rc::Rc;

use keepsake_archive::model::RecordTable;
use yew::prelude::*;

use crate::protocol::{Reply, Request};
pub use crate::ui::reply::{failure, use_reply};
use crate::ui::table::Tab;

/// A section's own reply and its tabs, built from that reply and the known tables.
pub struct SectionTabs {
    pub reply: UseStateHandle<Option<Reply>>,
    /// The known tables have answered (a failure counts: the section shows without them).
    pub tables_in: bool,
    pub tabs: Rc<Vec<Tab>>,
}

/// Activity and Account each add some of the known tables (`Request::Tables`) to their
/// own records: both replies are asked for, and the tabs built once both are in.
#[hook]
pub fn use_section_tabs(
    request: Request,
    build: fn(&Reply, &[RecordTable]) -> Vec<Tab>,
) -> SectionTabs {
    let reply = use_reply(request);
    let tables = use_reply(Request::Tables);
    let tables_in = tables.is_some();
    let ready = reply.is_some()
        && matches!(
            &*tables,
            Some(Reply::Tables(..)) | Some(Reply::Failed { .. })
        );
    let tabs = {
        let (reply, tables) = (reply.clone(), tables.clone());
        use_memo(ready, move |ready| {
            let (Some(reply), true) = (&*reply, *ready) else {
                return Rc::new(Vec::new());
            };
            let known = match &*tables {
                Some(Reply::Tables(t, _)) => t.as_slice(),
                _ => &[],
            };
            Rc::new(build(reply, known))
        })
    };
    SectionTabs {
        reply,
        tables_in,
        tabs: (*tabs).clone(),
    }
}

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
