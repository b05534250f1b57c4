//! Navigation to every section, with counts; sections the export lacks stay listed and
//! say so, so a user knows what to request in a new download.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::protocol::Summary;
use crate::sections::{Section, SectionText};
use crate::ui::routes::Route;
use crate::ui::services::format;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub summary: Rc<Summary>,
    pub current: Route,
}

#[component]
pub fn Sidebar(props: &Props) -> Html {
    let current_section = props.current.section();
    let link = |route: Route, label: &str, count: Option<usize>, active: bool| {
        let absent = count == Some(0);
        let classes = classes!(active.then_some("active"), absent.then_some("absent"));
        let count_text = match count {
            Some(0) => "none".to_string(),
            Some(n) => format::count(n),
            None => String::new(),
        };
        html! {
            <Link<Route> to={route} classes={classes}>
                <span>{ label.to_string() }</span>
                <span class="count" title={absent.then_some("Not in this export")}>{ count_text }</span>
            </Link<Route>>
        }
    };
    html! {
        <nav class="sidebar" aria-label="Sections">
            { link(Route::Overview, "Overview", None, props.current == Route::Overview) }
            { for Section::ALL.into_iter().map(|section| link(
                Route::of_section(section),
                section.title(),
                Some(props.summary.count(section)),
                current_section == Some(section),
            )) }
        </nav>
    }
}
