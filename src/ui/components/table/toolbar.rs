//! Above the table: the text filter, the date range (for tables with a time column), the
//! count of rows shown and the download buttons.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::state::Action;
use crate::ui::services::format;

/// What a download button asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub filter: AttrValue,
    pub from: AttrValue,
    pub to: AttrValue,
    /// Whether the table has a time column, and so a date range.
    pub dated: bool,
    /// Rows that pass the filters.
    pub shown: usize,
    /// Rows in the table.
    pub total: usize,
    /// Labels of the masked columns, joined; empty when none. Downloads include them.
    pub masked: AttrValue,
    pub on_action: Callback<Action>,
    pub on_download: Callback<Format>,
}

#[component]
pub fn Toolbar(props: &Props) -> Html {
    let on_filter = {
        let on_action = props.on_action.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                on_action.emit(Action::Filter(input.value()));
            }
        })
    };
    let date_input = |action: fn(String) -> Action| {
        let on_action = props.on_action.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                on_action.emit(action(input.value()));
            }
        })
    };
    let on_clear_dates = props.on_action.reform(|_: MouseEvent| Action::ClearDates);
    let download = |format: Format| props.on_download.reform(move |_: MouseEvent| format);
    // Masked columns go into downloads in full (a download is for the reader's own
    // records); the buttons say so rather than dropping columns silently.
    let with_masked = if props.masked.is_empty() {
        ""
    } else {
        ", masked columns included"
    };

    let shown = format!(
        "{} of {}",
        format::count(props.shown),
        format::count(props.total)
    );
    html! {
        <div class="toolbar table-tools">
            <input type="search" placeholder="Filter" aria-label="Filter rows"
                value={props.filter.clone()} oninput={on_filter} />
            if props.dated {
                <label class="date">{ "From " }
                    <input type="date" aria-label="From date" value={props.from.clone()}
                        onchange={date_input(Action::From)} />
                </label>
                <label class="date">{ "to " }
                    <input type="date" aria-label="To date" value={props.to.clone()}
                        onchange={date_input(Action::To)} />
                </label>
                if !props.from.is_empty() || !props.to.is_empty() {
                    <button class="button secondary" onclick={on_clear_dates}>{ "All dates" }</button>
                }
            }
            <span class="muted count" data-testid="row-count" data-shown={props.shown.to_string()}
                data-total={props.total.to_string()} aria-live="polite">{ shown }</span>
            <button class="button secondary" onclick={download(Format::Csv)} data-testid="download-csv"
                aria-label={format!("Download the rows shown as CSV{with_masked}")}>{ "CSV" }</button>
            <button class="button secondary" onclick={download(Format::Json)} data-testid="download-json"
                aria-label={format!("Download the rows shown as JSON{with_masked}")}>{ "JSON" }</button>
            if !props.masked.is_empty() {
                <span class="muted download-note" data-testid="download-note">
                    { format!("Downloads include the masked columns ({}).", props.masked) }
                </span>
            }
        </div>
    }
}
