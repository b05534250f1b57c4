//! The pure side of the story viewer: which stories share a progress bar, how far one
//! has played, and whether a press was a tap.

/// How long an image story stays, as Instagram shows it.
pub const IMAGE_MILLIS: f64 = 5_000.0;

/// A press held longer than this only paused; a shorter one moves.
const HOLD_MILLIS: f64 = 300.0;

/// Groups consecutive keys: `(key, first index, end index)` for each run, in order.
pub fn runs<K: PartialEq + Copy>(keys: &[K]) -> Vec<(K, usize, usize)> {
    let mut out: Vec<(K, usize, usize)> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        match out.last_mut() {
            Some((k, _, end)) if k == key => *end = i + 1,
            _ => out.push((*key, i, i + 1)),
        }
    }
    out
}

/// The stories around `index` that share its key (its day): `first..end`, the segments
/// of the progress bar.
pub fn run_around<K: PartialEq + Copy>(keys: &[K], index: usize) -> (usize, usize) {
    runs(keys)
        .into_iter()
        .find(|(_, first, end)| (*first..*end).contains(&index))
        .map_or((index, index + 1), |(_, first, end)| (first, end))
}

/// How far a video story has played, from 0 to 1.
pub fn video_fraction(current: f64, duration: f64, ended: bool) -> f64 {
    if ended {
        1.0
    } else if duration.is_finite() && duration > 0.0 {
        (current / duration).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// How far an image story has played after `elapsed` milliseconds, from 0 to 1.
pub fn image_fraction(elapsed: f64) -> f64 {
    (elapsed / IMAGE_MILLIS).clamp(0.0, 1.0)
}

/// A press released after `held` milliseconds: a tap moves, a long press only paused.
pub fn is_tap(held: Option<f64>) -> bool {
    held.is_none_or(|held| held <= HOLD_MILLIS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_group_consecutive_keys() {
        assert_eq!(
            runs(&[1, 1, 2, 3, 3, 3]),
            vec![(1, 0, 2), (2, 2, 3), (3, 3, 6)]
        );
        assert_eq!(runs::<u8>(&[]), vec![]);
    }

    #[test]
    fn a_story_shares_its_bar_with_its_day() {
        let days = [1, 1, 2, 2, 2, 3];
        assert_eq!(run_around(&days, 0), (0, 2));
        assert_eq!(run_around(&days, 3), (2, 5));
        assert_eq!(run_around(&days, 5), (5, 6));
        assert_eq!(
            run_around(&days, 9),
            (9, 10),
            "out of range: a bar of its own"
        );
    }

    #[test]
    fn progress_runs_from_zero_to_one() {
        assert_eq!(video_fraction(5.0, 10.0, false), 0.5);
        assert_eq!(
            video_fraction(3.0, f64::NAN, false),
            0.0,
            "length not known yet"
        );
        assert_eq!(video_fraction(0.0, 0.0, true), 1.0);
        assert_eq!(image_fraction(2_500.0), 0.5);
        assert_eq!(image_fraction(9_000.0), 1.0);
    }

    #[test]
    fn a_long_press_is_not_a_tap() {
        assert!(is_tap(None));
        assert!(is_tap(Some(120.0)));
        assert!(!is_tap(Some(800.0)));
    }
}
