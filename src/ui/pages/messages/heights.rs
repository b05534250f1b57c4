//! Row heights of a windowed list whose rows differ in height: estimated until a row has
//! been drawn and measured. A Fenwick tree keeps "where does row i start" and "which row
//! is at y" logarithmic, so a 100,000-message conversation scrolls without summing
//! 100,000 heights per frame.

pub struct Heights {
    /// Each row's height as last known.
    rows: Vec<f64>,
    /// Fenwick tree over `rows` (1-based: `tree[i]` sums a range ending at row `i - 1`).
    tree: Vec<f64>,
}

impl Heights {
    /// `count` rows, each `estimate` high until measured.
    pub fn new(count: usize, estimate: f64) -> Self {
        let rows = vec![estimate; count];
        let mut tree = vec![0.0; count + 1];
        for i in 1..=count {
            tree[i] += estimate;
            let parent = i + lowest_bit(i);
            if parent <= count {
                tree[parent] += tree[i];
            }
        }
        Heights { rows, tree }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn get(&self, row: usize) -> f64 {
        self.rows.get(row).copied().unwrap_or(0.0)
    }

    /// Records a measured height; true when it differed from what was known.
    pub fn set(&mut self, row: usize, height: f64) -> bool {
        let Some(old) = self.rows.get_mut(row) else {
            return false;
        };
        let delta = height - *old;
        // Sub-pixel jitter between layouts is not a change worth a correction.
        if delta.abs() < 0.5 {
            return false;
        }
        *old = height;
        let mut i = row + 1;
        while i < self.tree.len() {
            self.tree[i] += delta;
            i += lowest_bit(i);
        }
        true
    }

    /// Where row `row` starts: the heights of the rows before it.
    pub fn offset(&self, row: usize) -> f64 {
        let mut i = row.min(self.rows.len());
        let mut sum = 0.0;
        while i > 0 {
            sum += self.tree[i];
            i -= lowest_bit(i);
        }
        sum
    }

    pub fn total(&self) -> f64 {
        self.offset(self.rows.len())
    }

    /// The row covering `y` (the last row for `y` past the end, row 0 before the start).
    pub fn row_at(&self, y: f64) -> usize {
        let count = self.rows.len();
        if count == 0 {
            return 0;
        }
        // Descend the tree: the largest `found` whose offset is ≤ y.
        let mut found = 0;
        let mut remaining = y;
        let mut step = count.next_power_of_two();
        while step > 0 {
            let next = found + step;
            if next <= count && self.tree[next] <= remaining {
                found = next;
                remaining -= self.tree[next];
            }
            step /= 2;
        }
        found.min(count - 1)
    }
}

fn lowest_bit(i: usize) -> usize {
    i & i.wrapping_neg()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The sums a plain loop gives, for comparison.
    fn offsets(rows: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0];
        for h in rows {
            out.push(out.last().copied().unwrap_or(0.0) + h);
        }
        out
    }

    #[wasm_bindgen_test]
    fn offsets_and_rows_follow_measured_heights() {
        let mut heights = Heights::new(1000, 50.0);
        let mut plain = vec![50.0; 1000];
        for (row, h) in [
            (0, 20.0),
            (999, 300.0),
            (500, 81.0),
            (37, 12.0),
            (500, 40.0),
        ] {
            assert!(heights.set(row, h));
            plain[row] = h;
        }
        assert!(!heights.set(37, 12.2), "jitter is ignored");
        let sums = offsets(&plain);
        for row in [0, 1, 37, 38, 499, 500, 501, 998, 999, 1000] {
            assert_eq!(heights.offset(row), sums[row], "offset of {row}");
        }
        assert_eq!(heights.total(), sums[1000]);
        for row in [0, 1, 37, 500, 999] {
            // The start of a row, its inside, and just before its end all map to it.
            let start = sums[row];
            let end = sums[row + 1];
            assert_eq!(heights.row_at(start), row);
            assert_eq!(heights.row_at((start + end) / 2.0), row);
            assert_eq!(heights.row_at(end - 0.01), row);
        }
        assert_eq!(heights.row_at(-5.0), 0);
        assert_eq!(heights.row_at(1e12), 999);
    }

    #[wasm_bindgen_test]
    fn empty_and_single_lists() {
        let empty = Heights::new(0, 40.0);
        assert_eq!(
            (empty.total(), empty.row_at(10.0), empty.len()),
            (0.0, 0, 0)
        );
        let mut one = Heights::new(1, 40.0);
        assert!(!one.set(3, 10.0), "out of range is ignored");
        assert_eq!((one.total(), one.row_at(39.0), one.get(0)), (40.0, 0, 40.0));
    }
}
