// A 100,000-message conversation: it opens at the newest message, and however far one
// scrolls towards the oldest, the page holds only the rows near the viewport.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, loadApp, fixture, installSettle, eventually } from './support/harness.mjs';

/// Rows the DOM may hold at once: a screen and the overscan either side, with room for
/// short rows; far below the 100,000 an unwindowed list would hold.
const MOST_ROWS = 150;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a 100,000-message thread opens at the newest message and keeps the DOM bounded while scrolling to the oldest', async () => {
  const { context, page } = await openPage(browser);
  await loadApp(page);
  const { manifest, paths } = fixture('thread-100k');
  const thread = manifest.threads.reduce((a, b) => (b.message_count > a.message_count ? b : a));
  const total = thread.message_count;
  assert.ok(total >= 100_000, `${total} messages`);

  await page.setInputFiles('#open-files', paths);
  await page.getByRole('heading', { name: 'What’s in this export' }).waitFor({ timeout: 60_000 });
  await page.locator('nav.sidebar').getByRole('link', { name: /^Messages/ }).click();
  await page.locator('.thread-row', { hasText: thread.title }).first().click();
  const conversation = page.locator('[data-testid=conversation]');
  // The count is grouped as the reader's locale groups digits ("100,000", "100 000").
  const grouped = String(total).replace(/\B(?=(\d{3})+$)/g, '\\D?');
  await conversation.getByText(new RegExp(`^${grouped} messages`)).waitFor({ timeout: 60_000 });

  // Opens at the newest message, in view.
  const newest = conversation.locator(`#msg-${total - 1}`);
  await newest.waitFor({ timeout: 60_000 });
  const scroller = conversation.locator('.message-scroller');
  await installSettle(page);
  const inView = (index) => scroller.evaluate((el, i) => {
    const row = el.querySelector(`#msg-${i}`);
    if (!row) return false;
    const box = row.getBoundingClientRect();
    const view = el.getBoundingClientRect();
    return box.bottom > view.top && box.top < view.bottom;
  }, index);
  await scroller.evaluate((el) => window.settleRows(el));
  // Rows measured as they are drawn move the newest one until the view holds it.
  await eventually(async () => assert.ok(await inView(total - 1), 'the newest message is on screen'));

  // From newest to oldest: jumps across the whole thread, each followed by a few screens of
  // ordinary scrolling; after each, the rows drawn are few, loaded and contiguous, and
  // the first row in view moves only towards older messages.
  const stops = await scroller.evaluate(async (el) => {
    const seen = [];
    const record = () => {
      const rows = [...el.querySelectorAll('.message-row')].map((r) => Number(r.dataset.index));
      const view = el.getBoundingClientRect();
      const visible = [...el.querySelectorAll('.message-row')]
        .filter((r) => r.getBoundingClientRect().bottom > view.top)
        .map((r) => Number(r.dataset.index));
      seen.push({ rows: rows.length, first: rows[0], last: rows[rows.length - 1], top: visible[0], contiguous: rows.every((v, i) => i === 0 || v === rows[i - 1] + 1) });
    };
    for (let step = 20; step >= 0; step -= 1) {
      el.scrollTop = (el.scrollHeight - el.clientHeight) * (step / 20);
      await window.settleRows(el);
      record();
      for (let k = 0; k < 3 && el.scrollTop > 0; k += 1) {
        el.scrollTop -= el.clientHeight;
        await window.settleRows(el);
        record();
      }
    }
    return seen;
  });
  assert.ok(stops.length > 60, `${stops.length} positions checked`);
  for (const [i, stop] of stops.entries()) {
    assert.ok(stop.rows > 0 && stop.rows <= MOST_ROWS, `position ${i}: ${stop.rows} rows in the DOM`);
    assert.ok(stop.contiguous, `position ${i}: rows ${stop.first}…${stop.last} without gaps`);
    if (i > 0) assert.ok(stop.top <= stops[i - 1].top, `position ${i}: moved towards older messages (${stops[i - 1].top} → ${stop.top})`);
  }
  assert.equal(stops.at(-1).top, 0, 'the oldest message is reached');
  await eventually(async () => assert.ok(await inView(0), 'and shown'));
  assert.ok(stops.some((s) => s.top > 0 && s.top < total - 1000), 'the middle of the thread was visited');
  await context.close();
});
