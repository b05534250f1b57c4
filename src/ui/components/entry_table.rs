//! The export's files, filtered and paged from the worker: the worker holds the index,
//! the page asks for one screenful at a time.

use std::rc::Rc;

use yew::prelude::*;

use crate::protocol::{EntryPage, query};
use crate::sections::Section;
use crate::ui::components::file_preview::FilePreview;
use crate::ui::hooks::{Generation, use_ctx};
use crate::ui::services::format;

const PAGE: usize = 200;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub section: Option<Section>,
    /// A file to show opened (set from outside, e.g. by the overview's lists).
    #[prop_or_default]
    pub selected: Option<String>,
}

#[component]
pub fn EntryTable(props: &Props) -> Html {
    let ctx = use_ctx();
    let filter = use_state(String::new);
    let page = use_state(EntryPage::default);
    let error = use_state(|| None::<String>);
    let selected = use_state(|| props.selected.clone());
    {
        let selected = selected.clone();
        use_effect_with(props.selected.clone(), move |wanted| {
            if wanted.is_some() {
                selected.set(wanted.clone());
            }
        });
    }
    let select = {
        let selected = selected.clone();
        move |path: &String| {
            let selected = selected.clone();
            let path = path.clone();
            Callback::from(move |_: MouseEvent| selected.set(Some(path.clone())))
        }
    };
    let close = {
        let selected = selected.clone();
        Callback::from(move |_| selected.set(None))
    };

    let generation = use_mut_ref(Generation::default);
    let fetch = {
        let worker = ctx.worker.clone();
        let page = page.clone();
        let error = error.clone();
        let section = props.section;
        move |filter: String, offset: usize, previous: EntryPage| {
            let page = page.clone();
            let error = error.clone();
            // Typing changes the filter faster than pages come: only the last one counts.
            let asked = generation.borrow_mut().advance();
            let generation = Rc::clone(&generation);
            let question = query::Entries {
                filter,
                section,
                offset,
                limit: PAGE,
            };
            worker.send(question, &[], None, move |answer| {
                if !generation.borrow().is_current(asked) {
                    return;
                }
                match answer {
                    Ok(mut next) => {
                        if offset > 0 {
                            let mut rows = previous.rows;
                            rows.append(&mut next.rows);
                            next.rows = rows;
                            next.offset = 0;
                        }
                        page.set(next);
                    }
                    Err(e) => error.set(Some(e.to_string())),
                }
            });
        }
    };
    {
        let fetch = fetch.clone();
        use_effect_with(((*filter).clone(), props.section), move |(filter, _)| {
            fetch(filter.clone(), 0, EntryPage::default());
        });
    }
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                filter.set(input.value());
            }
        })
    };
    let on_more = {
        let filter = filter.clone();
        let page = page.clone();
        Callback::from(move |_| fetch((*filter).clone(), page.rows.len(), (*page).clone()))
    };

    html! {
        <div class="entries">
            if let Some(path) = &*selected {
                <FilePreview path={path.clone()} on_close={close} />
            }
            <div class="toolbar">
                <input type="search" placeholder="Filter by path" aria-label="Filter files by path"
                    value={(*filter).clone()} oninput={on_filter} />
                <span class="muted" data-testid="entry-count">
                    { format!("{} files", format::count(page.total)) }
                </span>
            </div>
            if let Some(message) = &*error {
                <div class="notice error" role="alert"><p>{ message.clone() }</p></div>
            }
            <table class="plain" data-testid="entries">
                <thead><tr><th>{ "Path" }</th><th class="num">{ "Size" }</th><th>{ "Stored as" }</th></tr></thead>
                <tbody>
                    { for page.rows.iter().map(|row| html! {
                        <tr>
                            <td><button class="link path" onclick={select(&row.path)}>{ row.path.clone() }</button></td>
                            <td class="num">{ format::bytes(row.size) }</td>
                            <td>{ row.compression.clone() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            if page.rows.len() < page.total {
                <div class="toolbar">
                    <button class="button secondary" onclick={on_more}>
                        { format!("Show more ({} of {})", format::count(page.rows.len()), format::count(page.total)) }
                    </button>
                </div>
            }
        </div>
    }
}
