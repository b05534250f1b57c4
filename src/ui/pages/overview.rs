//! "What's in this export": the parts, what was detected, how files spread over the
//! sections, and every file, so a user knows what they have and what is missing.

use std::rc::Rc;

use keepsake_archive::detect::{Era, ExportKind, Format};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::protocol::Summary;
use crate::sections::{Section, SectionText};
use crate::ui::components::entry_table::EntryTable;
use crate::ui::hooks::use_show_more;
use crate::ui::pages::records::Records;
use crate::ui::routes::Route;
use crate::ui::services::format;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub summary: Rc<Summary>,
}

#[component]
pub fn Overview(props: &Props) -> Html {
    let s = &props.summary;
    let selected = use_state(|| None::<String>);
    let more_types = use_show_more();
    let on_open = {
        let selected = selected.clone();
        Callback::from(move |path: String| selected.set(Some(path)))
    };
    let detection = &s.detection;
    let card = |label: &str, value: String| {
        html! {
            <div class="card">
                <div class="label">{ label.to_string() }</div>
                <div class="value">{ value }</div>
            </div>
        }
    };
    html! {
        <>
            <h1 class="page-title">{ "What’s in this export" }</h1>
            <p class="page-sub">{ "Everything Keepsake found in the files you opened." }</p>
            if let Some(message) = &detection.message {
                <div class={classes!("notice", (!s.usable()).then_some("error"))} role="status">
                    <p>{ message.clone() }</p>
                </div>
            }
            <div class="cards" data-testid="overview-cards" data-source-reads={s.source_reads.to_string()}
                data-worker-memory={s.worker_memory.to_string()}>
                { card("Kind", kind_label(detection.kind).to_string()) }
                { card("Era", detection.era.map_or("unknown", Era::label).to_string()) }
                { card("Format", detection.format.map_or("unknown", format_label).to_string()) }
                { card("Files", format::count(s.entry_count)) }
                { card("Parts", format::count(s.parts.len())) }
                { card("Size", format::bytes(s.total_bytes)) }
            </div>

            <h2 class="section">{ "Parts" }</h2>
            <table class="plain" data-testid="parts">
                <thead><tr><th>{ "File" }</th><th class="num">{ "Size" }</th>
                    <th class="num">{ "Files inside" }</th><th>{ "Status" }</th></tr></thead>
                <tbody>
                    { for s.parts.iter().map(|part| html! {
                        <tr>
                            <td class="path">{ part.name.clone() }</td>
                            <td class="num">{ format::bytes(part.size) }</td>
                            <td class="num">{ format::count(part.entries) }</td>
                            <td>{ match &part.error {
                                Some(error) => html! { <strong>{ error.clone() }</strong> },
                                None => html! { "opened" },
                            } }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            if !s.root_prefix.is_empty() {
                <p class="muted">{ format!("Inside the folder “{}”.", s.root_prefix.trim_end_matches('/')) }</p>
            }

            <h2 class="section">{ "By section" }</h2>
            <table class="plain" data-testid="sections">
                <thead><tr><th>{ "Section" }</th><th class="num">{ "Files" }</th></tr></thead>
                <tbody>
                    { for Section::ALL.into_iter().map(|section| {
                        let files = s.count(section);
                        html! {
                            <tr>
                                <td><Link<Route> to={Route::of_section(section)}>{ section.title() }</Link<Route>></td>
                                <td class="num">{ if files == 0 { "not in this export".to_string() } else { format::count(files) } }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>

            <h2 class="section">{ "Files by type" }</h2>
            <table class="plain" data-testid="file-types">
                <thead><tr><th>{ "Type" }</th><th class="num">{ "Files" }</th><th class="num">{ "Size" }</th>
                    <th class="num">{ "Stored" }</th><th class="num">{ "Compressed" }</th></tr></thead>
                <tbody>
                    { for s.file_types.iter().take(more_types.shown(s.file_types.len())).map(|t| html! {
                        <tr>
                            <td>{ t.extension.clone() }</td>
                            <td class="num">{ format::count(t.files) }</td>
                            <td class="num">{ format::bytes(t.bytes) }</td>
                            <td class="num">{ format::count(t.stored) }</td>
                            <td class="num">{ format::count(t.deflated) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            { more_types.button(s.file_types.len(), "more-file-types") }

            <h2 class="section">{ "Records" }</h2>
            <Records {on_open} />

            <h2 class="section">{ "All files" }</h2>
            <EntryTable section={None::<Section>} selected={(*selected).clone()} />
        </>
    }
}

fn kind_label(kind: ExportKind) -> &'static str {
    match kind {
        ExportKind::Instagram => "Instagram",
        ExportKind::Facebook => "Facebook",
        ExportKind::Unknown => "Unknown",
    }
}

fn format_label(format: Format) -> &'static str {
    match format {
        Format::Json => "JSON",
        Format::Html => "HTML",
    }
}
