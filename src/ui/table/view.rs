//! The table component. Only the rows in view (and a few either side) exist in the DOM:
//! rows have a fixed height, and two spacer rows, sized through the CSSOM (the CSP forbids
//! `style` attributes), stand in for the rest.

use std::collections::HashSet;

use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use super::download::{file_stem, save_text};
use super::{
    Kind, Shared, epoch_of, filter_rows, haystacks, parse_date, sort_rows, to_csv, to_json,
    web_link,
};
use crate::ui::dom::set_style;
use crate::ui::format;

/// Row height in CSS pixels; `static/style.css` gives `.data-table tbody tr` the same.
const ROW_HEIGHT: i32 = 36;
/// Rows drawn beyond each edge of the viewport, so fast scrolling shows no gap.
const OVERSCAN: usize = 10;
/// Rows assumed visible before the viewport is measured.
const DEFAULT_VISIBLE: usize = 20;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub data: Shared,
    /// Shown above the table (e.g. where the list comes from).
    #[prop_or_default]
    pub caption: Option<AttrValue>,
}

/// Sorting: which column, and whether descending.
type Sort = Option<(usize, bool)>;

#[component]
pub fn DataTable(props: &Props) -> Html {
    let data = props.data.clone();
    let filter = use_state(String::new);
    let from = use_state(String::new);
    let to = use_state(String::new);
    let sort = {
        let data = data.clone();
        use_state(move || -> Sort { data.time_column().map(|c| (c, true)) })
    };
    let first = use_state_eq(|| 0usize);
    let visible = use_state_eq(|| DEFAULT_VISIBLE);
    let revealed = use_state(HashSet::<(usize, usize)>::new);
    let revealed_columns = use_state(HashSet::<usize>::new);
    let error = use_state(|| None::<String>);
    let scroller = use_node_ref();
    let top_pad = use_node_ref();
    let bottom_pad = use_node_ref();
    let table_ref = use_node_ref();

    let hay = use_memo(data.clone(), |data| haystacks(data));
    // Columns empty in every row take no room on screen (downloads keep them).
    let shown_columns = use_memo(data.clone(), |data| {
        let filled: Vec<usize> = (0..data.columns.len())
            .filter(|&c| {
                data.rows
                    .iter()
                    .any(|r| r.get(c).is_some_and(|v| !v.is_empty()))
            })
            .collect();
        if filled.is_empty() {
            (0..data.columns.len()).collect()
        } else {
            filled
        }
    });
    let from_epoch = parse_date(&from).map(|(y, m, d)| local_midnight(y, m, d, 0));
    let to_epoch = parse_date(&to).map(|(y, m, d)| local_midnight(y, m, d, 1));
    let rows = {
        let hay = hay.clone();
        use_memo(
            (data.clone(), (*filter).clone(), from_epoch, to_epoch, *sort),
            move |(data, filter, from, to, sort)| {
                let mut rows = filter_rows(data, &hay, filter, *from, *to);
                if let Some((column, descending)) = sort {
                    sort_rows(data, &mut rows, *column, *descending);
                }
                rows
            },
        )
    };

    let total = rows.len();
    let start = (*first).saturating_sub(OVERSCAN).min(total);
    let end = (*first + *visible + OVERSCAN).min(total);

    // Spacers stand in for the rows not drawn; sized after every render.
    {
        let top_pad = top_pad.clone();
        let bottom_pad = bottom_pad.clone();
        let scroller = scroller.clone();
        let visible = visible.clone();
        let table = table_ref.clone();
        let width = shown_columns.len() as i64 * 150;
        use_effect(move || {
            set_style(&table, "min-width", &format!("{width}px"));
            let pad = |rows: usize| format!("{}px", rows as i64 * i64::from(ROW_HEIGHT));
            set_style(&top_pad, "height", &pad(start));
            set_style(&bottom_pad, "height", &pad(total - end));
            if let Some(element) = scroller.cast::<Element>() {
                let rows = (element.client_height() / ROW_HEIGHT).max(1) as usize + 1;
                visible.set(rows);
            }
        });
    }

    let on_scroll = {
        let first = first.clone();
        let visible = visible.clone();
        let scroller = scroller.clone();
        Callback::from(move |_: Event| {
            if let Some(element) = scroller.cast::<Element>() {
                first.set((element.scroll_top().max(0) / ROW_HEIGHT) as usize);
                visible.set((element.client_height() / ROW_HEIGHT).max(1) as usize + 1);
            }
        })
    };
    // A new filter or order starts at the top.
    let to_top = {
        let first = first.clone();
        let scroller = scroller.clone();
        move || {
            if let Some(element) = scroller.cast::<Element>() {
                element.set_scroll_top(0);
            }
            first.set(0);
        }
    };
    let on_filter = {
        let filter = filter.clone();
        let to_top = to_top.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                filter.set(input.value());
                to_top();
            }
        })
    };
    let date_input = |state: UseStateHandle<String>| {
        let to_top = to_top.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                state.set(input.value());
                to_top();
            }
        })
    };
    let on_from = date_input(from.clone());
    let on_to = date_input(to.clone());
    let on_clear_dates = {
        let from = from.clone();
        let to = to.clone();
        Callback::from(move |_: MouseEvent| {
            from.set(String::new());
            to.set(String::new());
        })
    };
    let sort_by = |column: usize| {
        let sort = sort.clone();
        let to_top = to_top.clone();
        Callback::from(move |_: MouseEvent| {
            let next = match *sort {
                Some((c, false)) if c == column => Some((column, true)),
                Some((c, true)) if c == column => Some((column, false)),
                _ => Some((column, false)),
            };
            sort.set(next);
            to_top();
        })
    };
    let download = |csv: bool| {
        let data = data.clone();
        let rows = rows.clone();
        let error = error.clone();
        Callback::from(move |_: MouseEvent| {
            let stem = format!("keepsake-{}", file_stem(&data.name));
            let saved = if csv {
                let text = to_csv(&data, &rows);
                save_text(&format!("{stem}.csv"), "text/csv;charset=utf-8", &text)
            } else {
                save_text(
                    &format!("{stem}.json"),
                    "application/json",
                    &to_json(&data, &rows),
                )
            };
            error.set(saved.err());
        })
    };
    let reveal_cell = |row: usize, column: usize| {
        let revealed = revealed.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*revealed).clone();
            next.insert((row, column));
            revealed.set(next);
        })
    };
    let toggle_column = |column: usize| {
        let revealed_columns = revealed_columns.clone();
        let revealed = revealed.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*revealed_columns).clone();
            if !next.remove(&column) {
                next.insert(column);
            } else {
                // Hiding a column hides the cells shown one by one too.
                let mut cells = (*revealed).clone();
                cells.retain(|(_, c)| *c != column);
                revealed.set(cells);
            }
            revealed_columns.set(next);
        })
    };

    let time_column = data.time_column();
    let columns = shown_columns.len().max(1);
    let header = shown_columns.iter().filter_map(|&c| data.columns.get(c).map(|column| (c, column))).map(|(c, column)| {
        let aria_sort = match *sort {
            Some((s, false)) if s == c => "ascending",
            Some((s, true)) if s == c => "descending",
            _ => "none",
        };
        let arrow = match aria_sort {
            "ascending" => " ↑",
            "descending" => " ↓",
            _ => "",
        };
        let shown = revealed_columns.contains(&c);
        html! {
            <th scope="col" aria-sort={aria_sort} class={classes!(kind_class(column.kind))}>
                <button class="sort" onclick={sort_by(c)}
                    title={format!("Sort by {}", column.label)}>
                    { column.label.clone() }<span aria-hidden="true">{ arrow }</span>
                </button>
                if column.sensitive {
                    <button class="reveal-all" onclick={toggle_column(c)} aria-pressed={shown.to_string()}
                        aria-label={format!("{} every {}", if shown { "Hide" } else { "Show" }, column.label)}>
                        { if shown { "Hide" } else { "Show all" } }
                    </button>
                }
            </th>
        }
    });
    let body = rows[start..end].iter().enumerate().map(|(offset, &i)| {
        let cells = shown_columns.iter().filter_map(|&c| data.columns.get(c).map(|column| (c, column))).map(|(c, column)| {
            let value = data.cell(i, c);
            let masked = column.sensitive
                && !value.is_empty()
                && !revealed_columns.contains(&c)
                && !revealed.contains(&(i, c));
            let content = if masked {
                html! {
                    <button class="reveal" onclick={reveal_cell(i, c)}
                        aria-label={format!("Show {}", column.label)}>{ "Show" }</button>
                }
            } else {
                match column.kind {
                    Kind::Time => html! { display_time(epoch_of(value)) },
                    Kind::Link => match web_link(value) {
                        Some(href) => html! {
                            <a href={href.to_string()} target="_blank" rel="noopener noreferrer"
                                title={href.to_string()}>{ short_link(href) }</a>
                        },
                        None => html! { value.to_string() },
                    },
                    Kind::Text | Kind::Number => html! { value.to_string() },
                }
            };
            let title = (!masked && matches!(column.kind, Kind::Text) && value.chars().count() > 24)
                .then(|| value.to_string());
            html! { <td class={classes!(kind_class(column.kind), masked.then_some("masked"))} {title}>{ content }</td> }
        });
        html! {
            <tr aria-rowindex={(start + offset + 2).to_string()}>{ for cells }</tr>
        }
    });

    let shown = format!("{} of {}", format::count(total), format::count(data.len()));
    html! {
        <div class="data-table" data-testid="data-table" data-name={data.name.clone()}>
            if let Some(caption) = &props.caption {
                <p class="muted">{ caption.clone() }</p>
            }
            <div class="toolbar table-tools">
                <input type="search" placeholder="Filter" aria-label="Filter rows"
                    value={(*filter).clone()} oninput={on_filter} />
                if time_column.is_some() {
                    <label class="date">{ "From " }
                        <input type="date" aria-label="From date" value={(*from).clone()} onchange={on_from} />
                    </label>
                    <label class="date">{ "to " }
                        <input type="date" aria-label="To date" value={(*to).clone()} onchange={on_to} />
                    </label>
                    if !from.is_empty() || !to.is_empty() {
                        <button class="button secondary" onclick={on_clear_dates}>{ "All dates" }</button>
                    }
                }
                <span class="muted count" data-testid="row-count" data-shown={total.to_string()}
                    data-total={data.len().to_string()} aria-live="polite">{ shown }</span>
                <button class="button secondary" onclick={download(true)} data-testid="download-csv"
                    aria-label="Download the rows shown as CSV">{ "CSV" }</button>
                <button class="button secondary" onclick={download(false)} data-testid="download-json"
                    aria-label="Download the rows shown as JSON">{ "JSON" }</button>
            </div>
            if let Some(message) = &*error {
                <div class="notice error" role="alert"><p>{ message.clone() }</p></div>
            }
            <div class="table-scroll" ref={scroller} onscroll={on_scroll} tabindex="0"
                aria-label={format!("{} table, {} rows", data.name, total)} role="region">
                <table ref={table_ref} class="plain rows" aria-rowcount={(total + 1).to_string()}>
                    <thead><tr aria-rowindex="1">{ for header }</tr></thead>
                    <tbody>
                        <tr class="pad" ref={top_pad} aria-hidden="true"><td colspan={columns.to_string()}></td></tr>
                        { for body }
                        <tr class="pad" ref={bottom_pad} aria-hidden="true"><td colspan={columns.to_string()}></td></tr>
                    </tbody>
                </table>
                if total == 0 {
                    <p class="muted empty">{ if data.is_empty() { "This list is empty." } else { "No rows match." } }</p>
                }
            </div>
        </div>
    }
}

fn kind_class(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "text",
        Kind::Time => "time",
        Kind::Link => "link",
        Kind::Number => "num",
    }
}

/// A local calendar day's midnight (plus `days_after` days) as epoch seconds.
fn local_midnight(year: i32, month: u32, day: u32, days_after: i32) -> i64 {
    let date = js_sys::Date::new_with_year_month_day(
        year.max(0) as u32,
        month as i32 - 1,
        day as i32 + days_after,
    );
    (date.get_time() / 1000.0).floor() as i64
}

/// Date and time in the reader's locale and time zone.
fn display_time(epoch: Option<i64>) -> String {
    let Some(epoch) = epoch else {
        return String::new();
    };
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(epoch as f64 * 1000.0));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    let text: String = date.to_locale_string("default", &options).into();
    if text.is_empty() || text == "Invalid Date" {
        super::iso_utc(epoch)
    } else {
        text
    }
}

/// `https://www.instagram.com/p/abc/` → `instagram.com/p/abc/`.
fn short_link(href: &str) -> String {
    let rest = href
        .split_once("://")
        .map_or(href, |(_, rest)| rest)
        .trim_start_matches("www.");
    rest.to_string()
}
