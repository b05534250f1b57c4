// Browser half of `cargo xtask bench` (not a test: the runner only picks up *.test.mjs).
//
// For each export in KEEPSAKE_BENCH_EXPORTS (JSON: [{name, paths: [...]}]) and each of
// KEEPSAKE_BENCH_RUNS runs, in a fresh browser context: load the app served at
// KEEPSAKE_URL, wait for the archive worker, open the parts with the file input and time
//   input_ms       just before setInputFiles → the input's change event (file selection,
//                  Playwright's own overhead),
//   first_view_ms  just before setInputFiles → the frame after the overview heading is in
//                  the DOM (index ready, first view painted),
//   records_ms     the same start → the frame after the record counts appear (the worker's
//                  catalog: every JSON file parsed).
// It also reads the app's own figures on the overview cards (FileReaderSync calls of the
// open, the worker's wasm memory) and the page's JS heap after a forced GC (CDP).
// One JSON line per run on stdout; progress goes to stderr.
import { benchRuns, loadApp, openPage, shownFileCount } from '../support/harness.mjs';

const HEADING = 'What’s in this export';
const exports = JSON.parse(process.env.KEEPSAKE_BENCH_EXPORTS ?? '[]');
const runs = Number(process.env.KEEPSAKE_BENCH_RUNS ?? '3');
const TIMEOUT = 180_000;

// Installed in the page before the files are chosen: resolves with performance.now() at
// the first frame after the awaited element exists (rAF, then a task: after that paint).
function watch(page) {
  return page.evaluate(({ heading, timeout }) => {
    const painted = () => new Promise((resolve) => {
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
    });
    // Resolves with the time, or with null after `timeout` ms.
    const when = (test) => new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (!test()) return;
        observer.disconnect();
        clearTimeout(timer);
        painted().then(resolve);
      });
      const timer = setTimeout(() => {
        observer.disconnect();
        resolve(null);
      }, timeout);
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    const headingShown = () => [...document.querySelectorAll('h1')]
      .some((h) => h.textContent.includes(heading));
    if (headingShown()) throw new Error('the overview is already shown before opening');
    window.__benchInput = new Promise((resolve) => {
      document.querySelector('#open-files')
        ?.addEventListener('change', () => resolve(performance.now()), { once: true });
    });
    window.__benchFirstView = when(headingShown);
    window.__benchRecords = when(() => document.querySelector('[data-testid=records]') !== null);
  }, { heading: HEADING, timeout: TIMEOUT });
}

async function measure(browser, exp) {
  const { context, page, problems } = await openPage(browser);
  try {
    await loadApp(page);
    await watch(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');

    const start = await page.evaluate(() => performance.now());
    await page.setInputFiles('#open-files', exp.paths);
    const firstView = await page.evaluate(() => window.__benchFirstView);
    if (firstView === null) throw new Error(`no overview within ${TIMEOUT / 1000} s`);
    const input = await page.evaluate(() => window.__benchInput);
    const cards = page.locator('[data-testid=overview-cards]');
    const sourceReads = Number(await cards.getAttribute('data-source-reads'));
    const workerMemory = Number(await cards.getAttribute('data-worker-memory'));
    const entries = await shownFileCount(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const jsHeap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? null;

    const records = await page.evaluate(() => window.__benchRecords);
    return {
      input_ms: input - start,
      first_view_ms: firstView - start,
      records_ms: records === null ? null : records - start,
      entries,
      source_reads: sourceReads,
      worker_memory: workerMemory,
      js_heap: jsHeap,
      page_errors: problems.length,
    };
  } finally {
    await context.close();
  }
}

await benchRuns(exports, runs, measure, (line) => `first view ${line.first_view_ms.toFixed(0)} ms`);
