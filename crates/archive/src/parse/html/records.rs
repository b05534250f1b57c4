//! Category pages (every page but message threads): each record back into a Meta row —
//! header → `title`, media elements → `media`, loose cells → `string_list_data`, table
//! rows → `string_map_data` (or `media_map_data` for media), the record's time →
//! `creation_timestamp` (media rows) or `timestamp`. Wrapper keys (`profile_user`, …) are
//! not on the page, so the rows come back as a bare list.

use super::json::J;
use super::page::{self, Record, has_media, media_src};
use super::reader::{Child, Dom, El};
use super::time;
use crate::instant::Instant;

pub fn rows(dom: &Dom) -> J {
    J::Arr(page::records(page::main(dom)).map(row).collect())
}

/// The cell's text before its time, and the time: a last element that is a display
/// time (Meta's markup), else a time run together with the end of the text (older
/// generated pages wrote `bobSep 22, 2017…`).
fn split_time<'t>(e: El<'_>, full: &'t str) -> (&'t str, Instant) {
    let mut last = e;
    while let Some(child) = last.elements().last() {
        last = child;
    }
    let shown = last.text();
    if let Some(at) = time::parse(&shown)
        && let Some(before) = full.strip_suffix(shown.as_str())
    {
        return (before, at);
    }
    time::split_trailing(full)
}

/// A value cell: a link or text, a display time after it, media.
#[derive(Default)]
struct Cell {
    href: String,
    value: String,
    time: Instant,
    media: Vec<String>,
}

impl Cell {
    fn read(e: El<'_>) -> Cell {
        let mut cell = Cell::default();
        collect_media(e, &mut cell.media);
        let full = e.text();
        let (before, at) = split_time(e, &full);
        cell.time = at;
        match e.find(&|d| d.tag() == "a" && !has_media(d)) {
            Some(a) => {
                cell.href = a.attr("href").unwrap_or("").to_owned();
                // A link shown as its own address had no value.
                let shown = a.text();
                if shown != cell.href {
                    cell.value = shown;
                }
            }
            None if cell.media.is_empty() => cell.value = before.to_owned(),
            None => {}
        }
        cell
    }

    fn entry(&self) -> J {
        let mut e = vec![
            ("href".to_owned(), J::str(&self.href)),
            ("value".to_owned(), J::str(&self.value)),
        ];
        if self.time.is_some() {
            e.push(("timestamp".to_owned(), J::Int(self.time.0)));
        }
        J::Obj(e)
    }
}

fn collect_media(e: El<'_>, out: &mut Vec<String>) {
    if let Some((_, src)) = media_src(&e) {
        out.push(src.to_owned());
    }
    for child in e.elements() {
        collect_media(child, out);
    }
}

fn media_object(uri: &str, time: Instant) -> J {
    let mut m = vec![("uri".to_owned(), J::str(uri))];
    if time.is_some() {
        m.push(("creation_timestamp".to_owned(), J::Int(time.0)));
    }
    J::Obj(m)
}

/// Everything read from one record, in Meta's row keys.
#[derive(Default)]
struct Row {
    media: Vec<String>,
    list: Vec<J>,
    map: Vec<(String, J)>,
    media_map: Vec<(String, J)>,
}

fn row(record: Record<'_>) -> J {
    let mut r = Row::default();
    for part in &record.body {
        body(*part, &mut r);
    }
    let mut out = Vec::new();
    if let Some(title) = record.header {
        out.push(("title".to_owned(), J::Str(title)));
    }
    let has_media = !r.media.is_empty();
    if has_media {
        let media = r.media.iter().map(|u| media_object(u, record.time));
        out.push(("media".to_owned(), J::Arr(media.collect())));
    }
    if !r.list.is_empty() {
        out.push(("string_list_data".to_owned(), J::Arr(r.list)));
    }
    if !r.map.is_empty() {
        out.push(("string_map_data".to_owned(), J::Obj(r.map)));
    }
    if !r.media_map.is_empty() {
        out.push(("media_map_data".to_owned(), J::Obj(r.media_map)));
    }
    if record.time.is_some() {
        let key = if has_media {
            "creation_timestamp"
        } else {
            "timestamp"
        };
        out.push((key.to_owned(), J::Int(record.time.0)));
    }
    J::Obj(out)
}

/// The body's children: text (a bare value), tables, media, or one cell per element.
fn body(e: El<'_>, r: &mut Row) {
    for child in e.children() {
        match child {
            Child::Text(t) if !t.trim().is_empty() => {
                r.list.push(J::Obj(vec![("value".to_owned(), J::str(t))]));
            }
            Child::Text(_) => {}
            Child::El(t) if t.tag() == "table" => table(t, r),
            Child::El(c) if has_media(&c) && !c.contains(&|d| d.tag() == "table") => {
                collect_media(c, &mut r.media);
            }
            Child::El(c) if c.contains(&|d| d.tag() == "table") => body(c, r),
            Child::El(c) => r.list.push(Cell::read(c).entry()),
        }
    }
}

/// `tr > td` rows: the label is the first cell's own text and the value its nested
/// element, or the label and value are two cells. Nested tables are flattened.
fn table(t: El<'_>, r: &mut Row) {
    for tr in t.elements() {
        if matches!(tr.tag(), "tbody" | "thead" | "tfoot") {
            table(tr, r);
            continue;
        }
        let cells: Vec<El<'_>> = tr
            .elements()
            .filter(|c| matches!(c.tag(), "td" | "th"))
            .collect();
        let (label, value) = match cells.as_slice() {
            [] => continue,
            [one] => (one.own_text(), one.elements().next()),
            [label, value, ..] => (label.text(), Some(*value)),
        };
        let label = label.trim().to_owned();
        let Some(value) = value else {
            r.map.push((label, J::Obj(Vec::new())));
            continue;
        };
        if let Some(nested) = value.find(&|d| d.tag() == "table") {
            table(nested, r);
            continue;
        }
        let cell = Cell::read(value);
        match cell.media.first() {
            Some(uri) => r.media_map.push((label, media_object(uri, cell.time))),
            None => r.map.push((label, cell.entry())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(cell: &str) -> String {
        let page = format!(
            "<div role=\"main\"><div><div><table><tr><td>Time<div>{cell}</div></td></tr></table></div></div></div>"
        );
        String::from_utf8(rows(&Dom::parse(page.as_bytes())).to_bytes()).unwrap_or_default()
    }

    #[test]
    fn cell_times_in_their_own_element_or_run_together() {
        let separate = page("<div><div>bob</div><div>Sep 22, 2017, 6:33 AM</div></div>");
        let together = page("<div>bobSep 22, 2017, 6:33 AM</div>");
        assert_eq!(separate, together);
        assert!(separate.contains("\"value\":\"bob\""), "{separate}");
        assert!(separate.contains("\"timestamp\":1506061980"), "{separate}");
        let media = page("<div><img src=\"m/a.jpg\" /></div><div>Sep 22, 2017, 6:33 AM</div>");
        assert!(
            media.contains("{\"uri\":\"m/a.jpg\",\"creation_timestamp\":1506061980}"),
            "{media}"
        );
    }
}
