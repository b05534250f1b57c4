// Browser half of `cargo xtask bench` for the conversation view (not a test: the runner
// only picks up *.test.mjs).
//
// For the export in KEEPSAKE_BENCH_THREAD (JSON: {name, paths}) and each of
// KEEPSAKE_BENCH_RUNS runs, in a fresh browser context: open the export, go to Messages,
// then time, from the click on its longest thread,
//   header_ms   the conversation's header with its message count is in the DOM: the
//               worker has read, inflated and parsed every message_N file of the thread,
//   open_ms     the newest message is drawn and painted;
// then scroll towards older messages as a fast mouse wheel would (a fixed step every
// frame) and record each frame's duration, the most message rows the DOM held, and the
// time from a jump (scrollTop set far away) until the rows there are loaded and painted.
// One JSON line per run on stdout; progress goes to stderr.
import { benchRuns, loadApp, openPage, installSettle } from '../support/harness.mjs';

const exp = JSON.parse(process.env.KEEPSAKE_BENCH_THREAD ?? 'null');
const runs = Number(process.env.KEEPSAKE_BENCH_RUNS ?? '3');
const TIMEOUT = 180_000;
/// Pixels scrolled per frame (a fast wheel: about 7,000 px/s at 60 frames a second).
const STEP = 120;
const FRAMES = 600;
const JUMPS = 10;

async function measure(browser, exp) {
  const { context, page } = await openPage(browser);
  try {
    await loadApp(page);
    await page.setInputFiles('#open-files', exp.paths);
    await page.getByRole('heading', { name: 'What’s in this export' }).waitFor({ timeout: TIMEOUT });
    await page.locator('nav.sidebar').getByRole('link', { name: /^Messages/ }).click();
    const rows = page.locator('.thread-row');
    await rows.first().waitFor({ timeout: TIMEOUT });
    // The longest thread: the row with the largest count.
    const counts = await rows.locator('.thread-count').allInnerTexts();
    const numbers = counts.map((c) => Number(c.replace(/\D/g, '')));
    const longest = numbers.indexOf(Math.max(...numbers));

    const opened = await rows.nth(longest).evaluate((row, timeout) => new Promise((resolve, reject) => {
      const painted = () => new Promise((done) => requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0)));
      let header = null;
      const check = () => {
        const conversation = document.querySelector('[data-testid=conversation]');
        if (header === null && conversation?.querySelector('.conversation-header')) header = performance.now();
        const drawn = [...document.querySelectorAll('.message-row:not(.pending)')];
        // "100,000 messages · …", grouped as the locale groups digits.
        const counted = (conversation?.querySelector('.conversation-header p')?.textContent ?? '').match(/^([\d\s.,]+) messages/u);
        const total = counted ? Number(counted[1].replace(/\D/g, '')) : 0;
        return total > 0 && drawn.some((r) => Number(r.dataset.index) === total - 1);
      };
      const observer = new MutationObserver(() => {
        if (!check()) return;
        observer.disconnect();
        clearTimeout(timer);
        painted().then((end) => resolve({ start, header, end }));
      });
      const timer = setTimeout(() => { observer.disconnect(); reject(new Error('the thread did not open')); }, timeout);
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      const start = performance.now();
      row.click();
    }), TIMEOUT);

    await installSettle(page);
    const scroller = page.locator('.message-scroller');
    const scrolled = await scroller.evaluate(async (el, { step, frames, jumps }) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      let most = 0;
      const count = () => { most = Math.max(most, el.querySelectorAll('.message-row').length); };
      await window.settleRows(el);
      const times = [await frame()];
      for (let i = 0; i < frames && el.scrollTop > 0; i += 1) {
        el.scrollTop -= step;
        times.push(await frame());
        count();
      }
      const durations = times.slice(1).map((t, i) => t - times[i]);
      const jumpTimes = [];
      for (let j = 1; j <= jumps; j += 1) {
        const start = performance.now();
        el.scrollTop = (el.scrollHeight - el.clientHeight) * (1 - j / (jumps + 1));
        await window.settleRows(el);
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        jumpTimes.push(performance.now() - start);
        count();
      }
      return { durations, jumpTimes, most };
    }, { step: STEP, frames: FRAMES, jumps: JUMPS });

    const sorted = [...scrolled.durations].sort((a, b) => a - b);
    const pick = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    const jumps = [...scrolled.jumpTimes].sort((a, b) => a - b);
    return {
      header_ms: opened.header - opened.start,
      open_ms: opened.end - opened.start,
      frames: sorted.length,
      frame_p50_ms: pick(0.5),
      frame_p95_ms: pick(0.95),
      frame_max_ms: sorted.at(-1),
      long_frames: sorted.filter((d) => d > 1000 / 30).length,
      jump_ms: jumps[Math.floor(jumps.length / 2)],
      most_rows: scrolled.most,
    };
  } finally {
    await context.close();
  }
}

await benchRuns([exp], runs, measure, (line) => `open ${line.open_ms.toFixed(0)} ms, frame p95 ${line.frame_p95_ms.toFixed(1)} ms`);
