//! Several tables behind tabs, each tab with its count; lists the export lacks are marked
//! "not in this export" rather than hidden.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::{DataTable, Shared};
use crate::ui::services::format;

#[derive(Debug, Clone, PartialEq)]
pub struct Tab {
    /// Stable key (the catalog's count key where there is one: `followers`, `liked_posts`).
    pub key: String,
    pub label: String,
    /// `None`: the export has no such list.
    pub table: Option<Shared>,
    pub note: Option<String>,
}

impl Tab {
    pub fn new(key: &str, label: &str, table: Option<Shared>) -> Self {
        Tab {
            key: key.to_string(),
            label: label.to_string(),
            table,
            note: None,
        }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub tabs: Rc<Vec<Tab>>,
    /// What the tab list is about, for screen readers.
    pub label: AttrValue,
}

#[component]
pub fn TableTabs(props: &Props) -> Html {
    let initial = props
        .tabs
        .iter()
        .find(|t| t.table.is_some())
        .or_else(|| props.tabs.first())
        .map(|t| t.key.clone())
        .unwrap_or_default();
    let selected = use_state(move || initial);
    let current = props
        .tabs
        .iter()
        .find(|t| t.key == *selected)
        .or_else(|| props.tabs.first());
    let tabs = props.tabs.iter().map(|tab| {
        let is_selected = current.is_some_and(|c| c.key == tab.key);
        let onclick = {
            let selected = selected.clone();
            let key = tab.key.clone();
            Callback::from(move |_: MouseEvent| selected.set(key.clone()))
        };
        let count = match &tab.table {
            Some(table) => format::count(table.len()),
            None => "not in this export".to_string(),
        };
        html! {
            <button role="tab" class={classes!("tab", tab.table.is_none().then_some("absent"))}
                aria-selected={is_selected.to_string()} {onclick}
                tabindex={if is_selected { "0" } else { "-1" }}
                data-testid={format!("tab-{}", tab.key)}
                data-count={tab.table.as_ref().map(|t| t.len().to_string())}>
                <span class="tab-label">{ tab.label.clone() }</span>
                <span class="tab-count">{ count }</span>
            </button>
        }
    });
    // Arrow keys move between tabs (one tab stop for the whole list).
    let arrows = Callback::from(|event: KeyboardEvent| {
        let Some(tab) = event.target_dyn_into::<web_sys::Element>() else {
            return;
        };
        let next = match event.key().as_str() {
            "ArrowRight" | "ArrowDown" => tab.next_element_sibling(),
            "ArrowLeft" | "ArrowUp" => tab.previous_element_sibling(),
            "Home" => tab.parent_element().and_then(|p| p.first_element_child()),
            "End" => tab.parent_element().and_then(|p| p.last_element_child()),
            _ => return,
        };
        if let Some(next) = next.and_then(|n| n.dyn_into::<HtmlElement>().ok()) {
            event.prevent_default();
            let _ = next.focus();
            next.click();
        }
    });
    html! {
        <div class="table-tabs">
            <div role="tablist" class="tabs" aria-label={props.label.clone()} onkeydown={arrows}>{ for tabs }</div>
            if let Some(tab) = current {
                <div role="tabpanel" class="tab-panel" aria-label={tab.label.clone()}>
                    if let Some(note) = &tab.note {
                        <p class="muted note">{ note.clone() }</p>
                    }
                    { match &tab.table {
                        Some(table) => html! { <DataTable key={tab.key.clone()} data={table.clone()} /> },
                        None => html! {
                            <div class="notice" data-testid="list-absent">
                                <p>{ format!("{} is not in this export.", tab.label) }</p>
                            </div>
                        },
                    } }
                </div>
            }
        </div>
    }
}
