//! Navigation to every section, with counts; sections the export lacks stay listed and
//! say so, so a user knows what to request in a new download. Files are counted at once;
//! once the catalog is counted, the sections that hold records show those instead
//! ("1,234 posts", "40 followers").

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use keepsake_archive::{Catalog, Category, Parsed};

use crate::protocol::Summary;
use crate::sections::{Section, SectionText};
use crate::ui::routes::Route;
use crate::ui::services::format;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub summary: Rc<Summary>,
    pub current: Route,
    /// The catalog, once counted.
    #[prop_or_default]
    pub records: Option<Rc<Parsed<Catalog>>>,
}

/// What a section's count says once the catalog is known: records and their unit.
fn records_of(section: Section, catalog: &Catalog) -> Option<(usize, &'static str)> {
    let n = |c: Category| catalog.counts.get(c.key()).copied().unwrap_or(0);
    let (count, unit) = match section {
        Section::Posts => (n(Category::Posts), "posts"),
        Section::Stories => (n(Category::Stories), "stories"),
        Section::Reels => (n(Category::Reels) + n(Category::Igtv), "reels"),
        Section::Messages => (n(Category::Messages), "messages"),
        Section::Connections => (n(Category::Followers), "followers"),
        _ => return None,
    };
    Some((count, unit))
}

#[component]
pub fn Sidebar(props: &Props) -> Html {
    let current_section = props.current.section();
    let link = |route: Route, label: &str, section: Option<Section>, active: bool| {
        let files = section.map(|s| props.summary.count(s));
        let absent = files == Some(0);
        let classes = classes!(active.then_some("active"), absent.then_some("absent"));
        let records = section
            .zip(props.records.as_deref().map(|c| &c.value))
            .and_then(|(s, catalog)| records_of(s, catalog));
        let count_text = match (files, records) {
            (Some(0), _) => "none".to_string(),
            (_, Some((n, unit))) => format!("{} {unit}", format::count(n)),
            (Some(n), None) => format::count(n),
            (None, _) => String::new(),
        };
        html! {
            <Link<Route> to={route} classes={classes}>
                <span>{ label.to_string() }</span>
                <span class="count" title={absent.then_some("Not in this export")}>{ count_text }</span>
            </Link<Route>>
        }
    };
    html! {
        <nav class="sidebar" aria-label="Sections"
            data-records={if props.records.is_some() { "counted" } else { "counting" }}>
            { link(Route::Overview, "Overview", None, props.current == Route::Overview) }
            { for Section::ALL.into_iter().map(|section| link(
                Route::of_section(section),
                section.title(),
                Some(section),
                current_section == Some(section),
            )) }
        </nav>
    }
}
