//! The rows drawn: times in the reader's time zone, web links clickable, sensitive values
//! behind a "Show" button until asked for.

use std::rc::Rc;

use yew::prelude::*;

use super::header::kind_class;
use super::state::{Action, Revealed, drawn};
use super::{Column, Kind, Shared, epoch_of, iso_utc, web_link};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub data: Shared,
    /// The columns drawn, in order.
    pub columns: Rc<Vec<usize>>,
    /// Indices into the table's rows of the rows drawn, in order.
    pub rows: Vec<usize>,
    /// The position of the first of them among all rows that pass the filters.
    pub start: usize,
    pub revealed: Revealed,
    pub on_action: Callback<Action>,
}

#[component]
pub fn BodyRows(props: &Props) -> Html {
    let rows = props.rows.iter().enumerate().map(|(offset, &row)| {
        let cells =
            drawn(&props.data, &props.columns).map(|(c, column)| cell(props, row, c, column));
        // Row 1 is the header; positions count from 0.
        html! {
            <tr aria-rowindex={(props.start + offset + 2).to_string()}>{ for cells }</tr>
        }
    });
    html! { <>{ for rows }</> }
}

fn cell(props: &Props, row: usize, c: usize, column: &Column) -> Html {
    let value = props.data.cell(row, c);
    let masked = props.revealed.masks(row, c, column, value);
    let content = if masked {
        let reveal = props
            .on_action
            .reform(move |_: MouseEvent| Action::RevealCell { row, column: c });
        html! {
            <button class="reveal" onclick={reveal}
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
    // Long text is cut to the column's width; the whole of it shows on hover.
    let title = (!masked && matches!(column.kind, Kind::Text) && value.chars().count() > 24)
        .then(|| value.to_string());
    html! { <td class={classes!(kind_class(column.kind), masked.then_some("masked"))} {title}>{ content }</td> }
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
        iso_utc(epoch)
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
