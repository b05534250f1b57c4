// Browser half of `cargo xtask bench` for issue 12 (not a test: the runner only picks up
// *.test.mjs): does a view wait for the catalog?
//
// For the export in KEEPSAKE_BENCH_EXPORT ({name, paths}) and each of KEEPSAKE_BENCH_RUNS
// runs, in a fresh browser context: open the export; as soon as the overview shows (the
// worker's catalog is counting every file; the sidebar asks for it whichever view is
// shown), preview a photo from the file list (a media lookup) and open the first
// conversation (a thread and its pages); once the sidebar says the counting is done, do
// the same with another photo and conversation. The app measures every question's round
// trip (User Timing measures named `keepsake:<query>`); a question counts as "during"
// when it was answered before the counting was done, "after" when it was asked after.
// One JSON line per run on stdout: {during: {Query: [ms…]}, after: {…}, catalog_ms}.
import { benchRuns, decodedWidth, loadApp, openPage } from '../support/harness.mjs';

const exp = JSON.parse(process.env.KEEPSAKE_BENCH_EXPORT ?? 'null');
const runs = Number(process.env.KEEPSAKE_BENCH_RUNS ?? '3');
const TIMEOUT = 180_000;

function measures(page) {
  return page.evaluate(() => performance.getEntriesByType('measure')
    .filter((m) => m.name.startsWith('keepsake:'))
    .map((m) => ({ query: m.name.slice('keepsake:'.length), start: m.startTime, end: m.startTime + m.duration })));
}

function byQuery(list) {
  const out = {};
  for (const m of list) (out[m.query] ??= []).push(m.end - m.start);
  return out;
}

// A photo from the overview's file list, shown in the preview (a media lookup).
async function previewPhoto(page, nth) {
  await page.evaluate(() => { window.location.hash = '#/overview'; });
  await page.locator('input[aria-label="Filter files by path"]').fill('.jpg');
  const entry = page.locator('[data-testid=entries] button.path', { hasText: '.jpg' }).nth(nth);
  await entry.waitFor({ timeout: TIMEOUT });
  await entry.click();
  await decodedWidth(page.locator('[data-testid=preview] img').first());
}

async function openThread(page, nth) {
  await page.evaluate(() => { window.location.hash = '#/messages'; });
  const link = page.locator('[data-testid=threads] a').nth(nth);
  await link.waitFor({ timeout: TIMEOUT });
  await link.click();
  await page.locator('.message-row[id^=msg-]').first().waitFor({ timeout: TIMEOUT });
}

async function measure(browser, e) {
  const { context, page } = await openPage(browser);
  try {
    await loadApp(page);
    await page.evaluate(() => {
      window.__records = new Promise((resolve) => {
        const seen = () => document.querySelector('nav.sidebar[data-records=counted]') !== null;
        const observer = new MutationObserver(() => {
          if (seen()) { observer.disconnect(); resolve(performance.now()); }
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
      });
    });
    const start = await page.evaluate(() => performance.now());
    await page.setInputFiles('#open-files', e.paths);
    await page.locator('nav.sidebar[data-records]').waitFor({ timeout: TIMEOUT });
    const countingAtStart = await page.locator('nav.sidebar[data-records=counting]').count() > 0;
    await previewPhoto(page, 0);
    await openThread(page, 0);
    const recordsAt = await page.evaluate(() => window.__records);
    const during = (await measures(page)).filter((m) => m.end < recordsAt && m.query !== 'Catalog' && m.query !== 'Open');
    const before = (await measures(page)).length;
    await previewPhoto(page, 1);
    await openThread(page, 1);
    const after = (await measures(page)).slice(before).filter((m) => m.start > recordsAt);
    return {
      counting_at_start: countingAtStart,
      catalog_ms: recordsAt - start,
      during: byQuery(during),
      after: byQuery(after),
    };
  } finally {
    await context.close();
  }
}

await benchRuns([exp], runs, measure, (line) => `catalog ${line.catalog_ms.toFixed(0)} ms, during ${JSON.stringify(Object.keys(line.during))}`);
