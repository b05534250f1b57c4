//! What a table remembers between renders — the filter, the date range, the order, the
//! scroll position, the cells asked for, the last download error — as one pure `Reducible`.
//! Nothing here touches the page, so every rule is tested natively; the components around
//! it only draw this state and dispatch `Action`s.

use std::collections::HashSet;
use std::ops::Range;
use std::rc::Rc;

use yew::Reducible;

use super::{Column, TableData, filter_rows, parse_date, sort_rows};

/// Row height in CSS pixels; `static/style.css` gives `.table-scroll tbody tr` the same.
pub const ROW_HEIGHT: i32 = 36;
/// Rows drawn beyond each edge of the viewport, so fast scrolling shows no gap.
const OVERSCAN: usize = 10;
/// Rows assumed visible before the viewport is measured.
const DEFAULT_VISIBLE: usize = 20;

/// The column rows are ordered by, and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: usize,
    pub descending: bool,
}

/// Sensitive values the reader asked to see.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Revealed {
    /// (row, column), row as an index into the table's rows.
    cells: HashSet<(usize, usize)>,
    columns: HashSet<usize>,
}

impl Revealed {
    /// Whether a whole column is shown ("Show all").
    pub fn column(&self, column: usize) -> bool {
        self.columns.contains(&column)
    }

    /// Whether a cell stays behind a "Show" button: a sensitive value not asked for,
    /// neither on its own nor with its column. Empty cells have nothing to hide.
    pub fn masks(&self, row: usize, column: usize, kind: &Column, value: &str) -> bool {
        kind.sensitive
            && !value.is_empty()
            && !self.columns.contains(&column)
            && !self.cells.contains(&(row, column))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableState {
    /// The text filter as typed.
    pub filter: String,
    /// The date inputs' values (`YYYY-MM-DD`, or empty for no bound).
    pub from: String,
    pub to: String,
    pub sort: Option<Sort>,
    /// The row at the top of the viewport, among the rows that pass the filters.
    pub first: usize,
    /// How many rows fit in the viewport.
    pub visible: usize,
    pub revealed: Revealed,
    /// Why the last download failed; cleared by the next one that works.
    pub error: Option<String>,
}

impl TableState {
    /// A fresh table: newest first when it has a time column.
    pub fn new(time_column: Option<usize>) -> Self {
        TableState {
            filter: String::new(),
            from: String::new(),
            to: String::new(),
            sort: time_column.map(|column| Sort {
                column,
                descending: true,
            }),
            first: 0,
            visible: DEFAULT_VISIBLE,
            revealed: Revealed::default(),
            error: None,
        }
    }

    /// What decides which rows pass and in which order. `midnight` turns a calendar day,
    /// plus a number of days after it, into epoch seconds: time zones live in the browser,
    /// so the caller brings them.
    pub fn query(&self, midnight: impl Fn((i32, u32, u32), i32) -> i64) -> Query {
        Query {
            filter: self.filter.clone(),
            from: parse_date(&self.from).map(|day| midnight(day, 0)),
            // The "to" day counts whole: the range ends at the midnight after it.
            to: parse_date(&self.to).map(|day| midnight(day, 1)),
            sort: self.sort,
        }
    }

    /// The positions (among `total` passing rows) drawn: the viewport and the overscan
    /// either side, never past the end.
    pub fn window(&self, total: usize) -> Range<usize> {
        let start = self.first.saturating_sub(OVERSCAN).min(total);
        let end = self
            .first
            .saturating_add(self.visible)
            .saturating_add(OVERSCAN)
            .min(total);
        start..end
    }

    fn apply(&mut self, action: Action) {
        if action.starts_at_top() {
            self.first = 0;
        }
        match action {
            Action::Filter(text) => self.filter = text,
            Action::From(date) => self.from = date,
            Action::To(date) => self.to = date,
            Action::ClearDates => {
                self.from.clear();
                self.to.clear();
            }
            Action::SortBy(column) => {
                // The same column again flips the order; a new one starts ascending.
                let descending = self
                    .sort
                    .is_some_and(|s| s.column == column && !s.descending);
                self.sort = Some(Sort { column, descending });
            }
            Action::Scrolled { top, height } => {
                self.first = (top.max(0) / ROW_HEIGHT) as usize;
                self.visible = rows_in(height);
            }
            Action::Resized { height } => self.visible = rows_in(height),
            Action::RevealCell { row, column } => {
                self.revealed.cells.insert((row, column));
            }
            Action::ToggleColumn(column) => {
                if self.revealed.columns.remove(&column) {
                    // Hiding a column hides the cells shown one by one too.
                    self.revealed.cells.retain(|&(_, c)| c != column);
                } else {
                    self.revealed.columns.insert(column);
                }
            }
            Action::SetError(message) => self.error = Some(message),
            Action::ClearError => self.error = None,
        }
    }
}

/// Rows that fit in a viewport `height` pixels high, plus one for the row cut at the edge.
fn rows_in(height: i32) -> usize {
    (height / ROW_HEIGHT).max(1) as usize + 1
}

pub enum Action {
    Filter(String),
    From(String),
    To(String),
    ClearDates,
    /// Sort by a column, or flip the order when it already is.
    SortBy(usize),
    /// The viewport scrolled: its scroll offset and height in pixels.
    Scrolled {
        top: i32,
        height: i32,
    },
    /// The viewport was measured after a render: its height in pixels.
    Resized {
        height: i32,
    },
    RevealCell {
        row: usize,
        column: usize,
    },
    /// "Show all" / "Hide" on a sensitive column.
    ToggleColumn(usize),
    SetError(String),
    ClearError,
}

impl Action {
    /// A new filter or order starts at the top; the view scrolls its viewport back too.
    /// Clearing the dates only adds rows, so it keeps the place.
    pub fn starts_at_top(&self) -> bool {
        matches!(
            self,
            Action::Filter(_) | Action::From(_) | Action::To(_) | Action::SortBy(_)
        )
    }
}

impl Reducible for TableState {
    type Action = Action;

    /// An action that changes nothing hands back the same `Rc`, so the table is not drawn
    /// again (the viewport is measured after every render).
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        if next == *self { self } else { Rc::new(next) }
    }
}

/// Everything the passing rows and their order depend on, in comparable form: a memo of
/// the rows is keyed by it.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    filter: String,
    /// Epoch seconds: rows from this instant on.
    from: Option<i64>,
    /// Epoch seconds: rows before this instant.
    to: Option<i64>,
    sort: Option<Sort>,
}

impl Query {
    /// Indices into `data.rows` of the rows that pass, in display order.
    pub fn rows(&self, data: &TableData, haystacks: &[String]) -> Vec<usize> {
        let mut rows = filter_rows(data, haystacks, &self.filter, self.from, self.to);
        if let Some(sort) = self.sort {
            sort_rows(data, &mut rows, sort.column, sort.descending);
        }
        rows
    }
}

/// `aria-sort` of a column header under `sort`.
pub fn aria_sort(sort: Option<Sort>, column: usize) -> &'static str {
    match sort {
        Some(s) if s.column == column && s.descending => "descending",
        Some(s) if s.column == column => "ascending",
        _ => "none",
    }
}

/// The columns drawn: those with a value in some row (downloads keep the others). A table
/// with no values at all shows every column, so its headers still say what it holds.
pub fn shown_columns(data: &TableData) -> Vec<usize> {
    // One pass over the stored cells, not rows × columns look-ups.
    let mut has_value = vec![false; data.columns.len()];
    for (c, _) in data.rows.iter().flat_map(|r| r.cells()) {
        if let Some(slot) = has_value.get_mut(c) {
            *slot = true;
        }
    }
    let filled: Vec<usize> = (0..data.columns.len()).filter(|&c| has_value[c]).collect();
    if filled.is_empty() {
        (0..data.columns.len()).collect()
    } else {
        filled
    }
}

/// The drawn columns with their descriptions, in order.
pub fn drawn<'a>(
    data: &'a TableData,
    shown: &'a [usize],
) -> impl Iterator<Item = (usize, &'a Column)> + 'a {
    shown
        .iter()
        .filter_map(|&c| data.columns.get(c).map(|column| (c, column)))
}

#[cfg(test)]
mod tests {
    use super::super::haystacks;
    use super::*;

    const NAME: usize = 0;
    const EMAIL: usize = 1;
    const JOINED: usize = 2;

    /// Times are `YYYYMMDD` numbers: any increasing stand-in for epoch seconds will do,
    /// since only their order matters to the filter.
    fn sample() -> TableData {
        let mut t = TableData::new(
            "people",
            vec![
                Column::text("Name"),
                Column::text("Email").sensitive(),
                Column::time("Joined"),
                Column::text("Notes"),
            ],
        );
        t.push(vec![
            "bob".into(),
            "bob@example.org".into(),
            "20230105".into(),
            "".into(),
        ]);
        t.push(vec![
            "Alice".into(),
            "".into(),
            "20220410".into(),
            "".into(),
        ]);
        t.push(vec![
            "carol".into(),
            "carol@example.org".into(),
            "".into(),
            "".into(),
        ]);
        t.push(vec![
            "alan".into(),
            "alan@example.org".into(),
            "20240611".into(),
            "".into(),
        ]);
        t
    }

    /// The `YYYYMMDD` stand-in for local midnight; the day after may be "the 32nd", which
    /// still sorts between this day and the next month's first.
    fn midnight((year, month, day): (i32, u32, u32), after: i32) -> i64 {
        i64::from(year) * 10_000 + i64::from(month) * 100 + i64::from(day) + i64::from(after)
    }

    fn apply(state: &Rc<TableState>, actions: Vec<Action>) -> Rc<TableState> {
        actions
            .into_iter()
            .fold(state.clone(), |state, action| state.reduce(action))
    }

    /// The viewport scrolled so that `row` is at its top.
    fn scrolled_to(row: i32) -> Action {
        Action::Scrolled {
            top: row * ROW_HEIGHT,
            height: 300,
        }
    }

    fn fresh(data: &TableData) -> Rc<TableState> {
        Rc::new(TableState::new(data.time_column()))
    }

    fn rows(data: &TableData, state: &TableState) -> Vec<usize> {
        state.query(midnight).rows(data, &haystacks(data))
    }

    #[test]
    fn a_new_table_lists_every_row_newest_first() {
        let data = sample();
        let state = fresh(&data);
        assert_eq!(
            state.sort,
            Some(Sort {
                column: JOINED,
                descending: true
            })
        );
        assert_eq!(rows(&data, &state), vec![3, 0, 1, 2], "undated rows last");
        let untimed = TableData::new("plain", vec![Column::text("Name")]);
        assert_eq!(TableState::new(untimed.time_column()).sort, None);
    }

    #[test]
    fn the_filter_narrows_rows_and_starts_at_the_top() {
        let data = sample();
        let scrolled = apply(&fresh(&data), vec![scrolled_to(40)]);
        assert_eq!(scrolled.first, 40);
        let state = apply(&scrolled, vec![Action::Filter("AL".into())]);
        assert_eq!(state.first, 0);
        assert_eq!(
            rows(&data, &state),
            vec![3, 1],
            "alan and Alice, newest first"
        );
        let state = apply(&state, vec![Action::Filter("carol@".into())]);
        assert_eq!(
            rows(&data, &state),
            vec![2],
            "sensitive cells are searched too"
        );
        let state = apply(&state, vec![Action::Filter("nobody".into())]);
        assert!(rows(&data, &state).is_empty());
        let state = apply(&state, vec![Action::Filter(String::new())]);
        assert_eq!(rows(&data, &state).len(), 4);
    }

    #[test]
    fn the_date_range_keeps_dated_rows_inside_it_both_days_included() {
        let data = sample();
        let state = apply(&fresh(&data), vec![Action::From("2023-01-05".into())]);
        assert_eq!(rows(&data, &state), vec![3, 0]);
        let state = apply(&state, vec![Action::To("2023-01-05".into())]);
        assert_eq!(
            rows(&data, &state),
            vec![0],
            "a one-day range holds that day"
        );
        let state = apply(
            &state,
            vec![Action::From(String::new()), Action::To("2023-12-31".into())],
        );
        assert_eq!(
            rows(&data, &state),
            vec![0, 1],
            "the undated row fails any bound"
        );
        let state = apply(&state, vec![Action::To("not a date".into())]);
        assert_eq!(
            rows(&data, &state).len(),
            4,
            "an unreadable date is no bound"
        );

        let scrolled = apply(
            &state,
            vec![
                Action::From("2022-01-01".into()),
                scrolled_to(3),
                Action::ClearDates,
            ],
        );
        assert_eq!((scrolled.from.as_str(), scrolled.to.as_str()), ("", ""));
        assert_eq!(scrolled.first, 3, "clearing the dates keeps the place");
        assert_eq!(rows(&data, &scrolled).len(), 4);
    }

    #[test]
    fn sorting_the_same_column_again_flips_the_order() {
        let data = sample();
        let by_name = apply(&fresh(&data), vec![Action::SortBy(NAME)]);
        assert_eq!(aria_sort(by_name.sort, NAME), "ascending");
        assert_eq!(aria_sort(by_name.sort, JOINED), "none");
        assert_eq!(rows(&data, &by_name), vec![3, 1, 0, 2]);

        let flipped = apply(&by_name, vec![Action::SortBy(NAME)]);
        assert_eq!(aria_sort(flipped.sort, NAME), "descending");
        assert_eq!(rows(&data, &flipped), vec![2, 0, 1, 3]);
        let back = apply(&flipped, vec![Action::SortBy(NAME)]);
        assert_eq!(back.sort, by_name.sort, "a third click is ascending again");

        let by_time = apply(&flipped, vec![Action::SortBy(JOINED)]);
        assert_eq!(aria_sort(by_time.sort, JOINED), "ascending", "a new column");
        assert_eq!(
            rows(&data, &by_time),
            vec![1, 0, 3, 2],
            "undated still last"
        );

        let scrolled = apply(&by_time, vec![scrolled_to(5)]);
        assert_eq!(apply(&scrolled, vec![Action::SortBy(NAME)]).first, 0);
    }

    #[test]
    fn a_cell_or_a_whole_column_can_be_revealed_and_the_column_hidden_again() {
        let data = sample();
        let email = &data.columns[EMAIL];
        let name = &data.columns[NAME];
        let state = fresh(&data);
        assert!(state.revealed.masks(0, EMAIL, email, data.cell(0, EMAIL)));
        assert!(
            !state.revealed.masks(1, EMAIL, email, data.cell(1, EMAIL)),
            "an empty cell hides nothing"
        );
        assert!(!state.revealed.masks(0, NAME, name, data.cell(0, NAME)));

        let one = apply(
            &state,
            vec![Action::RevealCell {
                row: 0,
                column: EMAIL,
            }],
        );
        assert!(!one.revealed.masks(0, EMAIL, email, data.cell(0, EMAIL)));
        assert!(one.revealed.masks(2, EMAIL, email, data.cell(2, EMAIL)));
        assert!(!one.revealed.column(EMAIL));

        let all = apply(&one, vec![Action::ToggleColumn(EMAIL)]);
        assert!(all.revealed.column(EMAIL));
        for row in 0..data.len() {
            assert!(!all.revealed.masks(row, EMAIL, email, data.cell(row, EMAIL)));
        }

        let hidden = apply(&all, vec![Action::ToggleColumn(EMAIL)]);
        assert!(!hidden.revealed.column(EMAIL));
        assert!(
            hidden.revealed.masks(0, EMAIL, email, data.cell(0, EMAIL)),
            "hiding the column hides the cell shown on its own too"
        );
        assert_eq!(hidden.revealed, Revealed::default());
    }

    #[test]
    fn scrolling_clamps_to_the_rows_there_are() {
        let state = Rc::new(TableState::new(None));
        assert_eq!(
            state.window(1000),
            0..30,
            "before measuring: 20 rows and overscan"
        );
        assert_eq!(state.window(5), 0..5);

        let bounced = apply(
            &state,
            vec![Action::Scrolled {
                top: -80,
                height: 0,
            }],
        );
        assert_eq!(bounced.first, 0, "an overscrolled top is the top");
        assert_eq!(bounced.visible, 2, "a collapsed viewport still draws a row");

        let state = apply(
            &state,
            vec![Action::Scrolled {
                top: 100 * ROW_HEIGHT + 20,
                height: 10 * ROW_HEIGHT,
            }],
        );
        assert_eq!((state.first, state.visible), (100, 11));
        assert_eq!(state.window(1000), 90..121);
        assert_eq!(state.window(105), 90..105, "never past the last row");
        assert_eq!(
            state.window(50),
            50..50,
            "a shorter list draws nothing here"
        );
        assert!(state.window(0).is_empty());

        let resized = apply(&state, vec![Action::Resized { height: 400 }]);
        assert_eq!((resized.first, resized.visible), (100, 12));
        let far = TableState {
            first: usize::MAX,
            ..TableState::new(None)
        };
        assert_eq!(far.window(7), 7..7, "no overflow at the far end");
    }

    #[test]
    fn a_download_error_shows_until_a_download_works() {
        let state = Rc::new(TableState::new(None));
        let failed = apply(&state, vec![Action::SetError("no document".into())]);
        assert_eq!(failed.error.as_deref(), Some("no document"));
        assert_eq!(apply(&failed, vec![Action::ClearError]).error, None);
    }

    #[test]
    fn actions_that_change_nothing_keep_the_same_state() {
        let data = sample();
        let state = fresh(&data);
        for action in [
            Action::Filter(String::new()),
            Action::ClearDates,
            Action::ClearError,
            Action::Resized {
                height: (DEFAULT_VISIBLE as i32 - 1) * ROW_HEIGHT,
            },
            Action::Scrolled {
                top: 0,
                height: (DEFAULT_VISIBLE as i32 - 1) * ROW_HEIGHT,
            },
        ] {
            assert!(Rc::ptr_eq(&state, &state.clone().reduce(action)));
        }
        let shown = apply(
            &state,
            vec![Action::RevealCell {
                row: 0,
                column: EMAIL,
            }],
        );
        assert!(!Rc::ptr_eq(&state, &shown));
        let again = shown.clone().reduce(Action::RevealCell {
            row: 0,
            column: EMAIL,
        });
        assert!(Rc::ptr_eq(&shown, &again), "a cell already shown");
        let failed = apply(&state, vec![Action::SetError("x".into())]);
        let same = failed.clone().reduce(Action::SetError("x".into()));
        assert!(Rc::ptr_eq(&failed, &same), "the same error again");
    }

    #[test]
    fn empty_columns_are_not_drawn_unless_all_are() {
        let data = sample();
        assert_eq!(shown_columns(&data), vec![NAME, EMAIL, JOINED]);
        let labels: Vec<&str> = drawn(&data, &[JOINED, NAME, 9])
            .map(|(_, column)| column.label.as_str())
            .collect();
        assert_eq!(
            labels,
            vec!["Joined", "Name"],
            "unknown columns are skipped"
        );
        let mut blank = TableData::new("blank", vec![Column::text("A"), Column::text("B")]);
        blank.push(vec![String::new()]);
        assert_eq!(shown_columns(&blank), vec![0, 1]);
    }

    #[test]
    fn only_a_new_filter_or_order_returns_to_the_top() {
        assert!(Action::Filter("a".into()).starts_at_top());
        assert!(Action::From("2024-01-01".into()).starts_at_top());
        assert!(Action::To(String::new()).starts_at_top());
        assert!(Action::SortBy(0).starts_at_top());
        assert!(!Action::ClearDates.starts_at_top());
        assert!(!Action::RevealCell { row: 0, column: 0 }.starts_at_top());
        assert!(!Action::ToggleColumn(0).starts_at_top());
    }
}
