//! The parsed side of "what's in this export": records per category, the period the
//! export covers, media the JSON names but the export lacks, and files Keepsake has no
//! view for yet (each openable).

use yew::prelude::*;

use crate::protocol::{Reply, Request};
use crate::ui::format;
use crate::ui::reply::{failure, use_reply};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Called with a path when the user asks to open one of the listed files.
    pub on_open: Callback<String>,
}

#[component]
pub fn Records(props: &Props) -> Html {
    let reply = use_reply(Request::Catalog);
    let (c, problems) = match &*reply {
        None => {
            return html! {
                <div class="status" role="status">
                    <div class="progress indeterminate"><div></div></div>
                    <p class="muted">{ "Counting records…" }</p>
                </div>
            };
        }
        Some(Reply::Catalog(catalog, problems)) => (catalog, problems.len()),
        Some(other) => return failure(other),
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
                    { for c.missing_media.iter().map(|uri| html! { <li class="path">{ uri.clone() }</li> }) }
                </ul>
            }

            <h2 class="section">{ format!("Files without a view yet ({})", c.unknown_files.len()) }</h2>
            if c.unknown_files.is_empty() {
                <p class="muted">{ "Keepsake reads every file in this export." }</p>
            } else {
                <ul class="paths" data-testid="unknown-files">
                    { for c.unknown_files.iter().map(|path| html! {
                        <li><button class="link path" onclick={open(path)}>{ path.clone() }</button></li>
                    }) }
                </ul>
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
