//! The Connections, Activity, Account and Other-data views: each asks the worker for its
//! parsed records and shows them as tables.

pub mod account;
pub mod activity;
pub mod connections;
pub mod other_data;

use std::rc::Rc;

use keepsake_archive::model::RecordTable;
use yew::prelude::*;

use keepsake_archive::Parsed;

use crate::protocol::{Query, query};
use crate::ui::components::table::Tab;
pub use crate::ui::hooks::{Fetch, failure, use_query};

/// A section's own records and its tabs, built from them and the known tables once both
/// have answered (a failure of the tables counts: the section shows without them).
pub struct SectionTabs<A> {
    pub records: Fetch<Parsed<A>>,
    pub tabs: Option<Rc<Vec<Tab>>>,
}

/// Activity and Account each add some of the known tables ([`query::Tables`]) to their
/// own records.
#[hook]
pub fn use_section_tabs<Q, A>(query: Q, build: fn(&A, &[RecordTable]) -> Vec<Tab>) -> SectionTabs<A>
where
    Q: Query<Answer = Parsed<A>>,
    A: Clone + 'static,
{
    let records = use_query(query);
    let tables = use_query(query::Tables);
    let tabs = use_memo(
        (records.clone(), tables.clone()),
        move |(records, tables)| {
            let records = records.ready()?;
            if !tables.settled() {
                return None;
            }
            let known = tables.ready().map_or(&[][..], |t| t.value.as_slice());
            Some(Rc::new(build(&records.value, known)))
        },
    );
    SectionTabs {
        records,
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
