//! A section of the viewer. It lists the export's files for that section; a section the
//! export lacks says so and what to do about it.

use std::rc::Rc;

use yew::prelude::*;

use crate::protocol::Summary;
use crate::sections::{Section, SectionText};
use crate::ui::components::entry_table::EntryTable;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub section: Section,
    pub summary: Rc<Summary>,
}

#[component]
pub fn SectionPage(props: &Props) -> Html {
    let section = props.section;
    let files = props.summary.count(section);
    html! {
        <>
            <h1 class="page-title">{ section.title() }</h1>
            <p class="page-sub">{ section.blurb() }</p>
            // Other data lists unread files wherever they sit, so it always shows.
            if files == 0 && section != Section::Other {
                <div class="notice" data-testid="absent">
                    <h2>{ "Not in this export" }</h2>
                    <p>{ format!(
                        "Your download has no files for {}. If you expected some, request a new \
                         download from Instagram with this category selected and the date range \
                         set to “All time”.",
                        section.title().to_lowercase()
                    ) }</p>
                </div>
            } else {
                { crate::ui::pages::media::view(section) }
                { crate::ui::pages::sections::view(section) }
                if !crate::ui::pages::media::owns(section) {
                    <EntryTable section={Some(section)} />
                }
            }
        </>
    }
}
