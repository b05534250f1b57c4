//! Files no parser reads, grouped by folder: each browsable as a table of its records or
//! as its JSON text, so nothing in the export is hidden.

use std::rc::Rc;

use keepsake_archive::model::{Record, RecordTable};
use yew::prelude::*;

use super::{Fetch, failure, loading, problems_note, use_query};
use crate::protocol::query;
use crate::ui::components::file_preview::FilePreview;
use crate::ui::components::table::{DataTable, Shared, group_by, records_table};
use crate::ui::services::format;

/// One file: its tables (one per wrapper key) merged into one.
#[derive(Debug, Clone, PartialEq)]
struct FileTable {
    path: String,
    name: String,
    table: Shared,
}

fn folder_of(path: &str) -> String {
    path.rsplit_once('/')
        .map_or_else(|| "(top level)".to_string(), |(dir, _)| dir.to_string())
}

fn file_tables(tables: &[RecordTable]) -> Vec<(String, Vec<FileTable>)> {
    let by_file = group_by(tables, |t| t.provenance.path.clone());
    let files: Vec<FileTable> = by_file
        .into_iter()
        .map(|(path, group)| {
            let records: Vec<&Record> = group.iter().flat_map(|t| t.records.iter()).collect();
            let name = path.rsplit('/').next().unwrap_or(&path).to_string();
            let table = records_table(&name, &records).shared();
            FileTable { path, name, table }
        })
        .collect();
    group_by(&files, |f| folder_of(&f.path))
        .into_iter()
        .map(|(folder, files)| (folder, files.into_iter().cloned().collect()))
        .collect()
}

#[component]
pub fn OtherDataView() -> Html {
    let files = use_query(query::OtherFiles);
    let selected = use_state(|| None::<String>);
    let as_json = use_state(|| false);
    let groups = use_memo(files.clone(), |files| {
        Rc::new(
            files
                .ready()
                .map(|f| file_tables(&f.value))
                .unwrap_or_default(),
        )
    });
    let problems = match &files {
        Fetch::Waiting(_) => return loading("the other files"),
        Fetch::Ready(files) => files.problems.len(),
        Fetch::Failed(error) => return failure(error),
    };
    let current = selected.as_ref().and_then(|path| {
        groups
            .iter()
            .flat_map(|(_, files)| files.iter())
            .find(|f| &f.path == path)
    });
    let open = |path: &str| {
        let selected = selected.clone();
        let as_json = as_json.clone();
        let path = path.to_string();
        Callback::from(move |_: MouseEvent| {
            selected.set(Some(path.clone()));
            as_json.set(false);
        })
    };
    let show = |json: bool| {
        let as_json = as_json.clone();
        Callback::from(move |_: MouseEvent| as_json.set(json))
    };
    let close = {
        let selected = selected.clone();
        Callback::from(move |_: ()| selected.set(None))
    };
    let files: usize = groups.iter().map(|(_, f)| f.len()).sum();
    html! {
        <div class="section-view" data-testid="other-data">
            { problems_note(problems) }
            if files == 0 {
                <p class="muted">{ "Keepsake has a view for every data file in this export." }</p>
            } else {
                <p class="muted">{ format!(
                    "{} file(s) Keepsake has no dedicated view for, shown as tables or as their JSON.",
                    format::count(files)
                ) }</p>
            }
            <div class="other-files" data-testid="other-files">
                { for groups.iter().map(|(folder, files)| html! {
                    <section class="other-folder">
                        <h2 class="section path">{ folder.clone() }</h2>
                        <ul class="paths">
                            { for files.iter().map(|f| html! {
                                <li>
                                    <button class="link path" onclick={open(&f.path)} data-testid="other-file"
                                        aria-pressed={(current.is_some_and(|c| c.path == f.path)).to_string()}
                                        data-path={f.path.clone()}>
                                        { f.name.clone() }
                                    </button>
                                    <span class="muted">{ format!(" · {} records", format::count(f.table.len())) }</span>
                                </li>
                            }) }
                        </ul>
                    </section>
                }) }
            </div>
            if let Some(file) = current {
                <section class="card other-file" data-testid="other-file-view" aria-label={file.path.clone()}>
                    <div class="toolbar">
                        <strong class="path">{ file.path.clone() }</strong>
                        <span class="spacer"></span>
                        <div role="group" aria-label="Show as" class="segmented">
                            <button class="button secondary" aria-pressed={(!*as_json).to_string()} onclick={show(false)}>{ "Table" }</button>
                            <button class="button secondary" aria-pressed={as_json.to_string()} onclick={show(true)}>{ "JSON" }</button>
                        </div>
                    </div>
                    if *as_json {
                        <FilePreview path={file.path.clone()} on_close={close} />
                    } else {
                        <DataTable key={file.path.clone()} data={file.table.clone()} />
                    }
                </section>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn files_are_grouped_by_folder() {
        let table = |path: &str, key: &str| RecordTable {
            name: path.rsplit('/').next().unwrap_or(path).to_string(),
            key: key.to_string(),
            records: vec![Record::default()],
            provenance: keepsake_archive::model::Provenance {
                path: path.to_string(),
                part: 0,
            },
        };
        let groups = file_tables(&[
            table("a/x.json", "one"),
            table("b/y.json", ""),
            table("a/x.json", "two"),
            table("top.json", ""),
        ]);
        let names: Vec<(&str, usize)> = groups
            .iter()
            .map(|(folder, files)| (folder.as_str(), files.len()))
            .collect();
        assert_eq!(names, vec![("a", 1), ("b", 1), ("(top level)", 1)]);
        assert_eq!(
            groups[0].1[0].table.len(),
            2,
            "both keys of x.json in one table"
        );
    }
}
