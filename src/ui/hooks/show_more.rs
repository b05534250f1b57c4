//! Long lists drawn a page at a time: the first rows, then "Show more". An export written
//! by others can name tens of thousands of missing files or conversations; drawing them
//! all at once froze the page for the one reader who only wanted the top of the list.

use yew::prelude::*;

use crate::ui::services::format;

/// Rows drawn at first, and added by each "Show more".
pub const PAGE_ROWS: usize = 100;

/// How many of a list are drawn: its own state, one per list.
#[derive(Clone, PartialEq)]
pub struct ShowMore {
    limit: UseStateHandle<usize>,
}

#[hook]
pub fn use_show_more() -> ShowMore {
    ShowMore {
        limit: use_state(|| PAGE_ROWS),
    }
}

impl ShowMore {
    /// How many of `total` rows to draw now.
    pub fn shown(&self, total: usize) -> usize {
        shown(*self.limit, total)
    }

    /// "First N of M" and the button that draws more; nothing when every row is drawn.
    pub fn button(&self, total: usize, testid: &'static str) -> Html {
        let now = self.shown(total);
        if now >= total {
            return Html::default();
        }
        let limit = self.limit.clone();
        let onclick = Callback::from(move |_: MouseEvent| limit.set(more(*limit)));
        html! {
            <p class="show-more" data-testid={testid}>
                <span class="muted">{ first_of(now, total) }</span>
                <button class="button secondary" {onclick}>{ "Show more" }</button>
            </p>
        }
    }
}

/// Rows drawn under `limit`.
pub fn shown(limit: usize, total: usize) -> usize {
    limit.min(total)
}

/// The next limit after "Show more".
pub fn more(limit: usize) -> usize {
    limit.saturating_add(PAGE_ROWS)
}

pub fn first_of(shown: usize, total: usize) -> String {
    format!("First {} of {}", format::count(shown), format::count(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_grow_a_page_at_a_time_up_to_their_length() {
        assert_eq!(shown(PAGE_ROWS, 30), 30);
        assert_eq!(shown(PAGE_ROWS, 5_000), PAGE_ROWS);
        assert_eq!(shown(more(PAGE_ROWS), 5_000), 2 * PAGE_ROWS);
        assert_eq!(more(usize::MAX), usize::MAX);
        assert_eq!(
            first_of(100, 5_000),
            format!("First 100 of {}", format::count(5_000))
        );
    }
}
