//! Does a view wait for the catalog? (tests/e2e/bench/responsive.mjs): how long the
//! questions a conversation asks take while the worker counts every file, next to the
//! same questions once the count is done.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::SocketAddr;

use serde::Deserialize;
use serde_json::json;

use super::{Generated, median, node_script, opt};

/// One line printed by tests/e2e/bench/responsive.mjs.
#[derive(Deserialize)]
pub struct Run {
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    counting_at_start: bool,
    #[serde(default)]
    catalog_ms: Option<f64>,
    /// Round trips per query name, answered while the catalog ran.
    #[serde(default)]
    during: BTreeMap<String, Vec<f64>>,
    /// The same after the catalog was shown.
    #[serde(default)]
    after: BTreeMap<String, Vec<f64>>,
}

pub fn measure(server: SocketAddr, export: &Generated, runs: usize) -> Result<Vec<Run>, String> {
    let results: Vec<Run> = node_script(
        "bench/responsive.mjs",
        server,
        runs,
        (
            "KEEPSAKE_BENCH_EXPORT",
            json!({ "name": export.spec.name, "paths": export.paths }).to_string(),
        ),
    )?;
    for failed in results.iter().filter_map(|r| r.error.as_deref()) {
        eprintln!("bench: responsiveness run failed: {failed}");
    }
    Ok(results)
}

/// Every round trip of `query` over the good runs, in `pick`'s phase.
fn times(
    runs: &[Run],
    query: &str,
    pick: impl Fn(&Run) -> &BTreeMap<String, Vec<f64>>,
) -> Vec<f64> {
    runs.iter()
        .filter(|r| r.error.is_none())
        .filter_map(|r| pick(r).get(query))
        .flatten()
        .copied()
        .collect()
}

fn percentile(values: &[f64], p: f64) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(at).copied()
}

/// The report's section.
pub fn section(runs: &[Run], export: &str) -> String {
    let mut md = String::new();
    let ok: Vec<&Run> = runs.iter().filter(|r| r.error.is_none()).collect();
    let counting = ok.iter().filter(|r| r.counting_at_start).count();
    let catalog = median(&ok.iter().filter_map(|r| r.catalog_ms).collect::<Vec<_>>());
    let _ = writeln!(
        md,
        "\n## A view's questions while the catalog runs (issue 12)\n\n\
         The `{export}` export in Chromium: as soon as the overview shows, the worker starts \
         counting every file (the catalog, {} ms until the sidebar says it is done, median; \
         the sidebar asks for it whichever view is shown). The benchmark then previews a \
         photo from the file list (a media lookup) and opens a conversation; once the count \
         is done, another photo and another conversation. Each question's round trip is the \
         app's own User Timing measure (`keepsake:<query>`, asked → answer decoded on the \
         page). \"During\" counts questions answered before the count was done; \"after\", \
         questions asked after it. Target: ≤ 50 ms during. The count was still running \
         when the overview showed in {counting} of {} runs; {} of {} runs succeeded.\n\n\
         | Question | During the catalog: median / p95 / n | After it: median / p95 / n |\n\
         |---|---:|---:|",
        opt(catalog, 0),
        ok.len(),
        ok.len(),
        runs.len(),
    );
    let mut names: Vec<&String> = ok
        .iter()
        .flat_map(|r| r.during.keys().chain(r.after.keys()))
        .collect();
    names.sort();
    names.dedup();
    for name in names {
        let cell = |values: Vec<f64>| {
            format!(
                "{} / {} / {}",
                opt(median(&values), 1),
                opt(percentile(&values, 0.95), 1),
                values.len()
            )
        };
        let _ = writeln!(
            md,
            "| {name} | {} | {} |",
            cell(times(runs, name, |r| &r.during)),
            cell(times(runs, name, |r| &r.after))
        );
    }
    let _ = writeln!(
        md,
        "\nThe worker answers a question between two steps of the count, never in the middle \
         of one. A step is one family of files or one conversation; the longest here is \
         the family holding 100,000 stories, read and parsed in one piece (about 0.7 s), \
         and a question that arrives while it runs waits for its end: that is the \
         \"during\" time above, and the 50 ms target is not met for it. Questions that \
         arrive between steps are answered at once. Conversations opened after the media \
         lookup mostly come after the count here (it is done in {} ms), so their \
         \"during\" column is mostly empty.",
        opt(catalog, 0)
    );
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_pick_from_the_sorted_values() {
        let values = [5.0, 1.0, 3.0, 2.0, 4.0];
        assert_eq!(percentile(&values, 0.5), Some(3.0));
        assert_eq!(percentile(&values, 0.95), Some(5.0));
        assert_eq!(percentile(&[], 0.95), None);
    }
}
