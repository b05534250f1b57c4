//! The parsed side of "what's in this export": records per category, the period the
//! export covers, media the JSON names but the export lacks, and files Keepsake has no
//! view for yet (each openable).

use yew::prelude::*;

use crate::protocol::{Progress, query};
use crate::ui::hooks::{Fetch, failure, use_query, use_show_more};
use crate::ui::services::format;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Called with a path when the user asks to open one of the listed files.
    pub on_open: Callback<String>,
}

#[component]
pub fn Records(props: &Props) -> Html {
    let catalog = use_query(query::Catalog);
    let more_missing = use_show_more();
    let more_unknown = use_show_more();
    let (c, problems) = match &catalog {
        Fetch::Waiting(progress) => return counting(progress.as_ref()),
        Fetch::Ready(catalog) => (&catalog.value, catalog.problems.len()),
        Fetch::Failed(error) => return failure(error),
    };
    let period = match (format::date(c.first.get()), format::date(c.last.get())) {
        (Some(first), Some(last)) => format!("From {first} to {last}"),
        _ => "No dated records".to_string(),
    };
    let open = |path: &String| {
        let on_open = props.on_open.clone();
        let path = path.clone();
        Callback::from(move |_: MouseEvent| on_open.emit(path.clone()))
    };
    html! {
        <div data-testid="records">
            <p class="period" data-testid="period">{ period }</p>
            <p class="muted">
                { "Lists may be limited to the date range chosen when the download was requested." }
                if problems > 0 { { format!(" {problems} file(s) could only be read in part.") } }
            </p>
            <table class="plain" data-testid="record-counts">
                <thead><tr><th>{ "Category" }</th><th class="num">{ "Records" }</th></tr></thead>
                <tbody>
                    { for c.counts.iter().filter(|(_, n)| **n > 0).map(|(name, n)| html! {
                        <tr><td>{ label(name) }</td><td class="num">{ format::count(*n) }</td></tr>
                    }) }
                </tbody>
            </table>

            <h2 class="section">{ format!("Media named but missing ({})", c.missing_media.len()) }</h2>
            if c.missing_media.is_empty() {
                <p class="muted">{ "Every photo and video the export mentions is in it." }</p>
            } else {
                <p class="muted">{ "The export’s files mention these, but they are not in the parts you opened: \
                    they may be in another part, outside the requested date range, or expired." }</p>
                <ul class="paths" data-testid="missing-media">
                    { for c.missing_media.iter().take(more_missing.shown(c.missing_media.len()))
                        .map(|uri| html! { <li class="path">{ uri.clone() }</li> }) }
                </ul>
                { more_missing.button(c.missing_media.len(), "more-missing-media") }
            }

            <h2 class="section">{ format!("Files without a view yet ({})", c.unknown_files.len()) }</h2>
            if c.unknown_files.is_empty() {
                <p class="muted">{ "Keepsake reads every file in this export." }</p>
            } else {
                <ul class="paths" data-testid="unknown-files">
                    { for c.unknown_files.iter().take(more_unknown.shown(c.unknown_files.len())).map(|path| html! {
                        <li><button class="link path" onclick={open(path)}>{ path.clone() }</button></li>
                    }) }
                </ul>
                { more_unknown.button(c.unknown_files.len(), "more-unknown-files") }
            }
        </div>
    }
}

/// `liked_posts` → "Liked posts".
fn label(key: &str) -> String {
    let spaced = key.replace('_', " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The count under way: how many files and conversations of how many are read.
fn counting(progress: Option<&Progress>) -> Html {
    let bar = match progress.filter(|p| p.total > 0) {
        Some(p) => {
            let label = format!(
                "Counting records: {} of {} steps ({})",
                p.done, p.total, p.what
            );
            html! {
                <>
                    <progress max={p.total.to_string()} value={p.done.to_string()} aria-label="Counting records"></progress>
                    <p class="muted">{ label }</p>
                </>
            }
        }
        None => html! {
            <>
                <div class="progress indeterminate"><div></div></div>
                <p class="muted">{ "Counting records…" }</p>
            </>
        },
    };
    html! { <div class="status" role="status" data-testid="counting">{ bar }</div> }
}
