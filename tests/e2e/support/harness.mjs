// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core,
// the release build served by `cargo xtask test` on 127.0.0.1, and a recorder of every
// network request the page (and its worker) makes.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const BASE_URL = process.env.KEEPSAKE_URL ?? 'http://127.0.0.1:8080/';
export const ROOT = process.env.KEEPSAKE_ROOT ?? path.resolve(import.meta.dirname, '../../..');
export const OUTPUT = path.join(ROOT, 'target', 'e2e');
export const DEMO_ZIP = path.join(ROOT, 'target', 'demo', 'keepsake-demo.zip');
export const DEMO_MANIFEST = path.join(ROOT, 'target', 'demo', 'keepsake-demo.manifest.json');

// Without the background-networking flags Chromium calls home at start; tests must only
// ever see the page's own requests.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: FLAGS,
    headless: true,
  });
}

/// A fresh page with a request log. `colorScheme` picks the theme the page sees.
export async function openPage(browser, { colorScheme = 'light', width = 1280, height = 800 } = {}) {
  const context = await browser.newContext({
    colorScheme,
    viewport: { width, height },
    deviceScaleFactor: 1,
  });
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  const problems = [];
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  return { context, page, requests, problems };
}

/// Loads the app and waits until its archive worker is ready (the open buttons enable).
export async function loadApp(page, hash = '') {
  await page.goto(BASE_URL + hash);
  await page.locator('#open-demo:enabled').waitFor({ timeout: 30_000 });
}

export const FIXTURES = path.join(ROOT, 'target', 'e2e', 'fixtures');

/// A generated export's manifest and the paths to open it by (ZIP parts or a folder).
export function fixture(name) {
  const manifest = JSON.parse(readFileSync(path.join(FIXTURES, `${name}.manifest.json`), 'utf8'));
  const paths = manifest.folder
    ? [path.join(FIXTURES, manifest.folder)]
    : manifest.parts.map((part) => path.join(FIXTURES, part.file_name));
  return { manifest, paths, folder: Boolean(manifest.folder) };
}

/// Runs `check` (a function holding assertions) until it passes, and returns what it
/// returns: for reading what the page shows once it has caught up with a worker's answer
/// or a re-render. After `timeout` ms it throws the last assertion error.
export async function eventually(check, { timeout = 30_000 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    let timer;
    const expired = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(last ?? new Error(`no answer within ${timeout} ms`)),
        Math.max(0, deadline - Date.now()),
      );
    });
    try {
      return await Promise.race([check(), expired]);
    } catch (error) {
      last = error;
    } finally {
      clearTimeout(timer);
    }
    if (Date.now() >= deadline) throw last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/// Opens the overview's preview of the first listed file whose path contains `pattern`.
/// The list answers the filter through the worker: until then it lists other files.
export async function previewFirst(page, pattern) {
  await page.locator('input[aria-label="Filter files by path"]').fill(pattern);
  const entry = page.locator('[data-testid=entries] button.path', { hasText: pattern }).first();
  await entry.waitFor({ timeout: 30_000 });
  await entry.click();
  return page.locator('[data-testid=preview]');
}

/// Waits until an <img> has decoded (naturalWidth > 0) and returns its natural width.
/// An image that failed before the wait began fails it at once: its error event is past.
export async function decodedWidth(img) {
  await img.waitFor();
  await img.evaluate((el) => new Promise((resolve, reject) => {
    const failed = () => reject(new Error('image failed to decode'));
    if (el.complete) {
      if (el.naturalWidth > 0) resolve();
      else failed();
      return;
    }
    el.addEventListener('load', resolve, { once: true });
    el.addEventListener('error', failed, { once: true });
  }));
  return img.evaluate((el) => el.naturalWidth);
}

/// Waits until a <video>/<audio> has its metadata and returns its duration in seconds.
/// Media that failed before the wait began fails it at once: its error event is past.
export async function mediaDuration(media) {
  await media.waitFor();
  await media.evaluate((el) => new Promise((resolve, reject) => {
    const failed = () => reject(new Error('media failed to load'));
    if (el.readyState >= 1) resolve();
    else if (el.error) failed();
    else {
      el.addEventListener('loadedmetadata', resolve, { once: true });
      el.addEventListener('error', failed, { once: true });
    }
  }));
  return media.evaluate((el) => el.duration);
}

export function demoManifest() {
  return JSON.parse(readFileSync(DEMO_MANIFEST, 'utf8'));
}

export function outputPath(name) {
  mkdirSync(OUTPUT, { recursive: true });
  return path.join(OUTPUT, name);
}

/// Requests that reach a network: blob: and data: URLs are made inside the page.
export function networkRequests(requests) {
  return requests.filter((url) => !url.startsWith('blob:') && !url.startsWith('data:'));
}

/// Requests that did not go to the page's own origin (or to blob: URLs made from user files).
export function foreignRequests(requests) {
  const own = new URL(BASE_URL).origin;
  return networkRequests(requests).filter((url) => new URL(url).origin !== own);
}

/// The number shown in the overview's "Files" card, digits only.
export async function shownFileCount(page) {
  const card = page.locator('[data-testid=overview-cards] .card', { hasText: 'Files' }).locator('.value');
  return Number((await card.innerText()).replace(/\D/g, ''));
}

/// Gives the page `window.settleRows(scroller)`: resolves once, after a scroll, the
/// conversation's drawn rows have all loaded, cover the viewport from top to bottom
/// (until the list redraws for the new position, the rows drawn are the old ones), and
/// have stayed put for three frames (rows measured after loading move the rows below
/// them, until the list scrolls by as much to hold its anchor).
/// (Defined through evaluate, as the page's policy forbids eval.)
export async function installSettle(page) {
  await page.evaluate(() => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    const covered = (el) => {
      const rows = el.querySelectorAll('.message-row');
      if (rows.length === 0 || el.querySelector('.message-row.pending')) return false;
      const view = el.getBoundingClientRect();
      const first = rows[0];
      const last = rows[rows.length - 1];
      // The spacer after the list stands for the rows not drawn below: none at the end.
      const below = el.querySelector('.message-list').nextElementSibling;
      return (first.dataset.index === '0' || first.getBoundingClientRect().top <= view.top + 1)
        && (below.offsetHeight === 0 || last.getBoundingClientRect().bottom >= view.bottom - 1);
    };
    const place = (el) => {
      const first = el.querySelector('.message-row');
      return [el.scrollTop, el.scrollHeight, first.dataset.index, first.getBoundingClientRect().top].join();
    };
    window.settleRows = async (el) => {
      const deadline = performance.now() + 30_000;
      let last = null;
      let still = 0;
      await frame();
      while (performance.now() < deadline) {
        await frame();
        const now = covered(el) ? place(el) : null;
        still = now !== null && now === last ? still + 1 : 0;
        last = now;
        if (still >= 2) return;
      }
      throw new Error('message rows never loaded and settled around the scroll position');
    };
  });
}

/// Scrolls a conversation from its newest message to its oldest, most of a screen at a
/// time, and returns every row it showed, oldest first ({ index, time, text, media: how many photos, videos… }), and the
/// most rows the DOM held at once.
export async function readConversation(page, conversation) {
  await installSettle(page);
  const scroller = conversation.locator('.message-scroller');
  await conversation.locator('.message-row:not(.pending)').first().waitFor({ timeout: 30_000 });
  return scroller.evaluate(async (el) => {
    const rows = new Map();
    let most = 0;
    const collect = () => {
      const shown = el.querySelectorAll('.message-row');
      most = Math.max(most, shown.length);
      for (const row of shown) {
        const index = Number(row.dataset.index);
        rows.set(index, {
          index,
          time: Number(row.dataset.time),
          text: row.innerText,
          media: row.querySelectorAll('.message-media').length,
        });
      }
    };
    el.scrollTop = el.scrollHeight;
    await window.settleRows(el);
    collect();
    while (el.scrollTop > 0) {
      el.scrollTop = Math.max(0, el.scrollTop - el.clientHeight * 0.8);
      await window.settleRows(el);
      collect();
    }
    return { rows: [...rows.values()].sort((a, b) => a.index - b.index), most };
  });
}

/// Runs a browser benchmark: `measure(browser, exp)` `runs` times for each export, one
/// JSON line per run on stdout (the xtask reads them), progress via `describe(line)` on
/// stderr. A failed run becomes a line with its error; the exit code says whether any failed.
export async function benchRuns(exports, runs, measure, describe) {
  const browser = await launch();
  let failures = 0;
  try {
    for (const exp of exports) {
      for (let run = 1; run <= runs; run += 1) {
        let line;
        try {
          line = { export: exp.name, run, ...(await measure(browser, exp)) };
          console.error(`bench: ${exp.name} run ${run}: ${describe(line)}`);
        } catch (error) {
          failures += 1;
          line = { export: exp?.name, run, error: String(error?.message ?? error).split('\n')[0] };
        }
        console.log(JSON.stringify(line));
      }
    }
  } finally {
    await browser.close();
  }
  process.exitCode = failures === 0 ? 0 : 1;
}
