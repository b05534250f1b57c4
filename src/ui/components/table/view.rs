//! The table component. Only the rows in view (and a few either side) exist in the DOM:
//! rows have a fixed height, and two spacer rows, sized through the CSSOM (the CSP forbids
//! `style` attributes), stand in for the rest.

use web_sys::Element;
use yew::prelude::*;

use super::body::BodyRows;
use super::download::{file_stem, save_text};
use super::header::HeaderRow;
use super::state::{Action, ROW_HEIGHT, TableState, shown_columns};
use super::toolbar::{Format, Toolbar};
use super::{Shared, TableData, haystacks, to_csv, to_json};
use crate::ui::services::dom::set_style;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub data: Shared,
    /// Shown above the table (e.g. where the list comes from).
    #[prop_or_default]
    pub caption: Option<AttrValue>,
}

#[component]
pub fn DataTable(props: &Props) -> Html {
    let data = props.data.clone();
    let state = {
        let time_column = data.time_column();
        use_reducer(move || TableState::new(time_column))
    };
    let scroller = use_node_ref();
    let top_pad = use_node_ref();
    let bottom_pad = use_node_ref();
    let table_ref = use_node_ref();

    let hay = use_memo(data.clone(), |data| haystacks(data));
    let columns = use_memo(data.clone(), |data| shown_columns(data));
    let query = state.query(local_midnight);
    let rows = use_memo((data.clone(), query), move |(data, query)| {
        query.rows(data, &hay)
    });

    let total = rows.len();
    let window = state.window(total);

    // Spacers stand in for the rows not drawn; sized after every render.
    {
        let top_pad = top_pad.clone();
        let bottom_pad = bottom_pad.clone();
        let scroller = scroller.clone();
        let dispatcher = state.dispatcher();
        let table = table_ref.clone();
        let width = columns.len() as i64 * 150;
        let (start, end) = (window.start, window.end);
        use_effect(move || {
            set_style(&table, "min-width", &format!("{width}px"));
            let pad = |rows: usize| format!("{}px", rows as i64 * i64::from(ROW_HEIGHT));
            set_style(&top_pad, "height", &pad(start));
            set_style(&bottom_pad, "height", &pad(total - end));
            if let Some(element) = scroller.cast::<Element>() {
                dispatcher.dispatch(Action::Resized {
                    height: element.client_height(),
                });
            }
        });
    }

    // Callbacks that outlive a render, so a scroll redraws the body rows and not the
    // toolbar or the header.
    let on_scroll = use_callback(
        (scroller.clone(), state.dispatcher()),
        |_: Event, (scroller, dispatcher)| {
            if let Some(element) = scroller.cast::<Element>() {
                dispatcher.dispatch(Action::Scrolled {
                    top: element.scroll_top(),
                    height: element.client_height(),
                });
            }
        },
    );
    // Every change from the parts goes through here, so the viewport follows the state
    // back to the top when the rows or their order change.
    let on_action = use_callback(
        (scroller.clone(), state.dispatcher()),
        |action: Action, (scroller, dispatcher)| {
            if action.starts_at_top()
                && let Some(element) = scroller.cast::<Element>()
            {
                element.set_scroll_top(0);
            }
            dispatcher.dispatch(action);
        },
    );
    let on_download = use_callback(
        (data.clone(), rows.clone(), state.dispatcher()),
        |format: Format, (data, rows, dispatcher)| {
            dispatcher.dispatch(match save(data, rows, format) {
                Ok(()) => Action::ClearError,
                Err(message) => Action::SetError(message),
            });
        },
    );

    let colspan = columns.len().max(1).to_string();
    let drawn = rows.get(window.clone()).unwrap_or_default().to_vec();
    html! {
        <div class="data-table" data-testid="data-table" data-name={data.name.clone()}>
            if let Some(caption) = &props.caption {
                <p class="muted">{ caption.clone() }</p>
            }
            <Toolbar filter={state.filter.clone()} from={state.from.clone()} to={state.to.clone()}
                dated={data.time_column().is_some()} shown={total} total={data.len()}
                masked={masked_labels(&data)} on_action={on_action.clone()} {on_download} />
            if let Some(message) = &state.error {
                <div class="notice error" role="alert"><p>{ message.clone() }</p></div>
            }
            <div class="table-scroll" ref={scroller} onscroll={on_scroll} tabindex="0"
                aria-label={format!("{} table, {} rows", data.name, total)} role="region">
                <table ref={table_ref} class="plain rows" aria-rowcount={(total + 1).to_string()}>
                    <thead>
                        <HeaderRow data={data.clone()} columns={columns.clone()} sort={state.sort}
                            revealed={state.revealed.clone()} on_action={on_action.clone()} />
                    </thead>
                    <tbody>
                        <tr class="pad" ref={top_pad} aria-hidden="true"><td colspan={colspan.clone()}></td></tr>
                        <BodyRows data={data.clone()} {columns} rows={drawn} start={window.start}
                            revealed={state.revealed.clone()} {on_action} />
                        <tr class="pad" ref={bottom_pad} aria-hidden="true"><td {colspan}></td></tr>
                    </tbody>
                </table>
                if total == 0 {
                    <p class="muted empty">{ if data.is_empty() { "This list is empty." } else { "No rows match." } }</p>
                }
            </div>
        </div>
    }
}

/// Offers the rows shown, in their order, as a file.
fn save(data: &TableData, rows: &[usize], format: Format) -> Result<(), String> {
    let stem = format!("keepsake-{}", file_stem(&data.name));
    match format {
        Format::Csv => {
            let text = to_csv(data, rows);
            save_text(&format!("{stem}.csv"), "text/csv;charset=utf-8", &text)
        }
        Format::Json => save_text(
            &format!("{stem}.json"),
            "application/json",
            &to_json(data, rows),
        ),
    }
}

/// A local calendar day's midnight (plus `days_after` days) as epoch seconds.
fn local_midnight((year, month, day): (i32, u32, u32), days_after: i32) -> i64 {
    let date = js_sys::Date::new_with_year_month_day(
        year.max(0) as u32,
        month as i32 - 1,
        day as i32 + days_after,
    );
    (date.get_time() / 1000.0).floor() as i64
}

/// The sensitive columns' labels, joined: downloads hold them in full, and say so.
fn masked_labels(data: &TableData) -> AttrValue {
    let labels: Vec<&str> = (data.columns.iter())
        .filter(|c| c.sensitive)
        .map(|c| c.label.as_str())
        .collect();
    AttrValue::from(labels.join(", "))
}
