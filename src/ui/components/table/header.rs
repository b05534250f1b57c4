//! The header row: a sort button per column, and "Show all" / "Hide" on sensitive ones.

use std::rc::Rc;

use yew::prelude::*;

use super::state::{Action, Revealed, Sort, aria_sort, drawn};
use super::{Kind, Shared};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub data: Shared,
    /// The columns drawn, in order.
    pub columns: Rc<Vec<usize>>,
    pub sort: Option<Sort>,
    pub revealed: Revealed,
    pub on_action: Callback<Action>,
}

#[component]
pub fn HeaderRow(props: &Props) -> Html {
    let headers = drawn(&props.data, &props.columns).map(|(c, column)| {
        let aria_sort = aria_sort(props.sort, c);
        let arrow = match aria_sort {
            "ascending" => " ↑",
            "descending" => " ↓",
            _ => "",
        };
        let shown = props.revealed.column(c);
        let sort_by = props.on_action.reform(move |_: MouseEvent| Action::SortBy(c));
        let toggle = props
            .on_action
            .reform(move |_: MouseEvent| Action::ToggleColumn(c));
        html! {
            <th scope="col" aria-sort={aria_sort} class={classes!(kind_class(column.kind))}>
                <button class="sort" onclick={sort_by}
                    title={format!("Sort by {}", column.label)}>
                    { column.label.clone() }<span aria-hidden="true">{ arrow }</span>
                </button>
                if column.sensitive {
                    <button class="reveal-all" onclick={toggle} aria-pressed={shown.to_string()}
                        aria-label={format!("{} every {}", if shown { "Hide" } else { "Show" }, column.label)}>
                        { if shown { "Hide" } else { "Show all" } }
                    </button>
                }
            </th>
        }
    });
    html! { <tr aria-rowindex="1">{ for headers }</tr> }
}

/// The class a column's header and cells share (the stylesheet sizes and aligns by it).
pub fn kind_class(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "text",
        Kind::Time => "time",
        Kind::Link => "link",
        Kind::Number => "num",
    }
}
