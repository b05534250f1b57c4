// Profile, posts grid, post view, stories and reels, on generated exports of several eras
// and on the demo; and a 20 000-post export that must stay windowed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  launch, openPage, loadApp, demoManifest, fixture, decodedWidth, mediaDuration, outputPath,
  networkRequests, eventually, DEMO_ZIP, ROOT,
} from './support/harness.mjs';

const BIG_DIR = path.join(ROOT, 'target', 'e2e', 'big');
const BIG_ZIP = path.join(BIG_DIR, 'big-posts.zip');
const BIG_MANIFEST = path.join(BIG_DIR, 'big-posts.manifest.json');

let browser;
before(async () => {
  if (!existsSync(BIG_ZIP) || !existsSync(BIG_MANIFEST)) {
    mkdirSync(BIG_DIR, { recursive: true });
    execFileSync('cargo', [
      'run', '--quiet', '--profile', 'native', '-p', 'keepsake-fixtures', '--',
      'generate', '--era', 'media-move-2025', '--posts', '20000', '--image-px', '32',
      '--out', BIG_DIR, '--name', 'big-posts',
    ], { cwd: ROOT, stdio: 'inherit' });
  }
  browser = await launch();
});
after(async () => { await browser?.close(); });

/// The exports checked: the demo, and one fixture per era.
const EXPORTS = [
  { name: 'demo', load: () => ({ manifest: demoManifest(), paths: [DEMO_ZIP], folder: false }) },
  { name: 'parts', load: () => fixture('parts') },
  { name: 'folder', load: () => fixture('folder') },
  { name: 'zip64-deflated', load: () => fixture('zip64-deflated') },
  { name: 'legacy', load: () => fixture('legacy') },
];

async function openExport(page, { paths, folder }) {
  await page.setInputFiles(folder ? '#open-folder' : '#open-files', folder ? paths[0] : paths);
}

/// Opens `hash` with the export loaded: the deep link survives opening.
async function openAt(page, exported, hash) {
  await loadApp(page, hash);
  await openExport(page, exported);
}

function cspProblems(problems) {
  return problems.filter((p) => /Content Security Policy|Refused/.test(p));
}

/// Whether the grid shows the tiles for the page's scroll position (run in the page): it
/// redraws after each scroll event, and until then holds the tiles of the last position.
function gridDrawn() {
  const grid = document.querySelector('[data-testid=grid]');
  if (!grid) return false;
  const box = grid.getBoundingClientRect();
  const top = Math.max(box.top, 0);
  const bottom = Math.min(box.bottom, window.innerHeight);
  if (bottom <= top) return true;
  const tiles = [...grid.querySelectorAll('.tile')].map((tile) => tile.getBoundingClientRect());
  return tiles.length > 0
    && Math.min(...tiles.map((t) => t.top)) <= top + 1
    && Math.max(...tiles.map((t) => t.bottom)) >= bottom - 1;
}

/// Scrolls the page from top to bottom, collecting every tile index the grid shows, and
/// the most tiles and object URLs that existed at once. `dwell` is the reader's pace, how
/// long each position stays on screen once drawn (tiles start loading after a moment).
async function scrollGrid(page, { step = 0.8, dwell = 0 } = {}) {
  await page.locator('[data-testid=grid]').waitFor({ timeout: 60_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  const seen = new Set();
  let maxTiles = 0;
  let maxUrls = 0;
  for (let i = 0; i < 100_000; i += 1) {
    await page.waitForFunction(gridDrawn);
    if (dwell > 0) await page.waitForTimeout(dwell);
    const state = await page.evaluate(() => ({
      indices: [...document.querySelectorAll('[data-testid=grid] .tile')].map((el) => Number(el.dataset.index)),
      urls: Number(document.body.dataset.liveUrls ?? 0),
      end: window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2,
    }));
    state.indices.forEach((n) => seen.add(n));
    maxTiles = Math.max(maxTiles, state.indices.length);
    maxUrls = Math.max(maxUrls, state.urls);
    if (state.end) break;
    await page.evaluate((k) => window.scrollBy(0, window.innerHeight * k), step);
  }
  return { seen, maxTiles, maxUrls };
}

for (const { name, load } of EXPORTS) {
  test(`${name}: profile header, counts and the whole grid`, async () => {
    const exported = load();
    const { manifest } = exported;
    const { context, page, problems } = await openPage(browser);
    await openAt(page, exported, '#/profile');
    const header = page.locator('[data-testid=profile-header]');
    await header.waitFor({ timeout: 60_000 });
    const text = await header.innerText();
    assert.ok(text.includes(manifest.username), `${name}: username shown`);
    assert.ok(text.includes(manifest.full_name), `${name}: name shown`);
    for (const [id, key] of [['count-posts', 'posts'], ['count-followers', 'followers'], ['count-following', 'following']]) {
      const count = header.locator(`[data-testid=${id}][data-value]`);
      await count.waitFor({ timeout: 30_000 });
      assert.equal(Number(await count.getAttribute('data-value')), manifest.counts[key] ?? 0, `${name}: ${key}`);
    }

    // The posts tab is the grid; every post appears once while scrolling to the end.
    const { seen, maxTiles } = await scrollGrid(page);
    const posts = manifest.counts.posts ?? 0;
    assert.equal(seen.size, posts, `${name}: every post in the grid`);
    assert.equal(Math.max(...seen), posts - 1, `${name}: indices run to the end`);
    assert.ok(maxTiles <= posts, `${name}: no duplicate tiles`);
    assert.equal(Number(await page.locator('[data-testid=grid]').getAttribute('data-count')), posts);

    // The archived and recently deleted tabs hold what the export says.
    await page.evaluate(() => window.scrollTo(0, 0));
    for (const [tab, key] of [['Archived', 'archived_posts'], ['Recently deleted', 'recently_deleted']]) {
      await page.getByRole('link', { name: tab, exact: true }).click();
      const want = manifest.counts[key] ?? 0;
      if (want > 0) {
        await page.waitForFunction((n) => document.querySelector('[data-testid=grid]')?.dataset.count === String(n), want);
      } else {
        await page.locator('.empty-tab').waitFor();
      }
    }

    // Profile photos: every one listed.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('link', { name: 'Profile photos' }).click();
    const photos = page.locator('[data-testid=profile-photos] li');
    await photos.first().waitFor();
    assert.equal(await photos.count(), manifest.counts.profile_photos, `${name}: profile photos`);
    assert.deepEqual(cspProblems(problems), [], `${name}: no CSP violation`);
    if (name === 'demo') await page.screenshot({ path: outputPath('profile-light.png') });
    await context.close();
  });
}

test('a carousel shows every slide, by arrows and keys', async () => {
  const exported = fixture('zip64-deflated');
  const { context, page, problems } = await openPage(browser);
  await openAt(page, exported, '#/posts');
  const carousel = page.locator('.tile:has(.tile-icon[title=Carousel])').first();
  await carousel.waitFor({ timeout: 60_000 });
  await carousel.click();
  const view = page.locator('[data-testid=post-view]');
  await view.waitFor();
  const stage = view.locator('.post-stage');
  const slides = Number(await stage.getAttribute('data-slides'));
  assert.ok(slides > 1, 'a carousel has several slides');
  let decoded = 0;
  for (let n = 0; n < slides; n += 1) {
    assert.equal(Number(await stage.getAttribute('data-slide')), n, `slide ${n} shown`);
    const media = stage.locator('img.post-media, video.post-media, .placeholder.post-media');
    await media.first().waitFor({ timeout: 20_000 });
    const tag = await media.first().evaluate((el) => el.tagName);
    if (tag === 'IMG') {
      assert.ok((await decodedWidth(stage.locator('img.post-media'))) > 0, `slide ${n} decodes`);
      decoded += 1;
    } else if (tag === 'VIDEO') {
      assert.ok((await mediaDuration(stage.locator('video.post-media'))) > 0, `slide ${n} video has metadata`);
      decoded += 1;
    } else {
      assert.match(await media.first().innerText(), /HEIC|Not in this export/, `slide ${n} placeholder says why`);
    }
    if (n + 1 < slides) {
      if (n % 2 === 0) await page.keyboard.press('ArrowRight');
      else await stage.getByRole('button', { name: 'Next photo' }).click();
      await page.waitForFunction((want) => document.querySelector('.post-stage')?.dataset.slide === String(want), n + 1);
    }
  }
  assert.ok(decoded > 0, 'slides decode');
  // Dots jump back to the first slide; Escape closes.
  await stage.getByRole('button', { name: `Item 1 of ${slides}` }).click();
  await eventually(async () => assert.equal(await stage.getAttribute('data-slide'), '0'));
  await page.keyboard.press('Escape');
  await view.waitFor({ state: 'detached' });
  assert.deepEqual(cspProblems(problems), []);
  await context.close();
});

test('a video post gets its metadata, and the post view has its caption and date', async () => {
  const { context, page } = await openPage(browser, { colorScheme: 'dark' });
  await openAt(page, { paths: [DEMO_ZIP], folder: false }, '#/posts');
  const video = page.locator('.tile:has(.tile-icon[title=Video])').first();
  await video.waitFor({ timeout: 60_000 });
  await video.click();
  const view = page.locator('[data-testid=post-view]');
  await view.waitFor();
  assert.ok((await mediaDuration(view.locator('video.post-media'))) > 0, 'video has a duration');
  assert.equal(await view.locator('video.post-media').evaluate((el) => el.controls), true, 'with controls');
  const time = view.locator('time');
  assert.match(await time.getAttribute('datetime'), /^\d{4}-\d\d-\d\dT/);
  assert.ok((await time.getAttribute('title')).length > 10, 'exact date on hover');
  await page.screenshot({ path: outputPath('post-dark.png') });
  await context.close();
});

test('a post’s deep link reloads to the same post; previous and next move with keys', async () => {
  const { context, page } = await openPage(browser);
  await openAt(page, { paths: [DEMO_ZIP], folder: false }, '#/posts');
  const tile = page.locator('[data-testid=grid] .tile').nth(2);
  await tile.waitFor({ timeout: 60_000 });
  await tile.click();
  const view = page.locator('[data-testid=post-view]');
  await view.waitFor();
  const id = await view.getAttribute('data-id');
  assert.ok(page.url().endsWith(`#/posts/${id}`), 'the address names the post');

  await page.keyboard.press('PageDown');
  await page.waitForFunction((old) => document.querySelector('[data-testid=post-view]')?.dataset.id !== old, id);
  const older = await view.getAttribute('data-id');
  await page.keyboard.press('PageUp');
  await page.waitForFunction((old) => document.querySelector('[data-testid=post-view]')?.dataset.id === old, id);
  assert.notEqual(older, id);

  await page.reload();
  await page.getByText('Open your export to see Posts.').waitFor({ timeout: 30_000 });
  await page.locator('#open-demo:enabled').waitFor({ timeout: 30_000 });
  await page.setInputFiles('#open-files', DEMO_ZIP);
  await view.waitFor({ timeout: 60_000 });
  assert.equal(await view.getAttribute('data-id'), id, 'the same post after reload');
  await page.keyboard.press('Escape');
  await view.waitFor({ state: 'detached' });
  assert.ok(page.url().endsWith('#/posts'), 'closing goes to the grid');
  await context.close();
});

test('the post view puts media beside the caption on wide screens and above it on phones; tiles open by keyboard', async () => {
  for (const [width, beside] of [[1280, true], [390, false]]) {
    const { context, page } = await openPage(browser, { width, height: 800 });
    await openAt(page, { paths: [DEMO_ZIP], folder: false }, '#/posts');
    const tile = page.locator('[data-testid=grid] .tile').first();
    await tile.waitFor({ timeout: 60_000 });
    await tile.focus();
    await page.keyboard.press('Enter');
    const view = page.locator('[data-testid=post-view]');
    await view.waitFor();
    assert.equal(await view.evaluate((el) => el === document.activeElement), true, 'focus moves into the post');
    // The media's size (and so the layout) changes as it loads: read both boxes together.
    await eventually(async () => {
      const stage = await view.locator('.post-stage').boundingBox();
      const side = await view.locator('.post-side').boundingBox();
      if (beside) assert.ok(side.x >= stage.x + stage.width - 1, `${width}px: caption beside the media`);
      else assert.ok(side.y >= stage.y + stage.height - 1, `${width}px: caption below the media`);
    });
    await page.keyboard.press('Escape');
    await view.waitFor({ state: 'detached' });
    await context.close();
  }
});

test('a post whose file is missing shows a placeholder tile', async () => {
  const exported = fixture('zip64-deflated');
  const missing = exported.manifest.media.missing.filter((p) => p.includes('/posts/'));
  assert.ok(missing.length > 0, 'the fixture lacks a post file');
  const { context, page } = await openPage(browser);
  await openAt(page, exported, '#/posts');
  await page.locator('[data-testid=grid] .tile').first().waitFor({ timeout: 60_000 });
  // The missing file is a post's first file (a tile) or a later carousel slide.
  let found = false;
  for (let i = 0; i < 50 && !found; i += 1) {
    found = (await page.locator('[data-testid=missing-tile]').count()) > 0;
    if (!found) {
      const end = await page.evaluate(() => window.scrollY + innerHeight >= document.documentElement.scrollHeight - 2);
      if (end) break;
      await page.evaluate(() => window.scrollBy(0, innerHeight * 0.8));
      await page.waitForFunction(gridDrawn);
    }
  }
  if (!found) {
    const tiles = await page.$$eval('[data-testid=grid] .tile:has(.tile-icon[title=Carousel])', (els) => els.map((e) => e.dataset.index));
    for (const index of tiles) {
      await page.locator(`[data-testid=grid] .tile[data-index="${index}"]`).click();
      const view = page.locator('[data-testid=post-view]');
      await view.waitFor();
      const slides = Number(await view.locator('.post-stage').getAttribute('data-slides'));
      for (let n = 0; n < slides && !found; n += 1) {
        found = (await view.locator('[data-testid=missing-media]').count()) > 0;
        if (!found && n + 1 < slides) {
          await page.keyboard.press('ArrowRight');
          await page.waitForFunction((want) => document.querySelector('.post-stage')?.dataset.slide === String(want), n + 1);
        }
      }
      await page.keyboard.press('Escape');
      await view.waitFor({ state: 'detached' });
      if (found) break;
    }
  }
  assert.ok(found, 'a placeholder says the file is not in the export');
  await context.close();
});

test('the grid remembers square or 3:4 tiles', async () => {
  const { context, page } = await openPage(browser);
  await openAt(page, { paths: [DEMO_ZIP], folder: false }, '#/posts');
  const tile = page.locator('[data-testid=grid] .tile').first();
  await tile.waitFor({ timeout: 60_000 });
  const square = await tile.boundingBox();
  assert.ok(Math.abs(square.width - square.height) < 1.5, 'square tiles');
  await page.getByRole('button', { name: '3:4' }).click();
  await page.waitForFunction(() => {
    const box = document.querySelector('[data-testid=grid] .tile')?.getBoundingClientRect();
    return box && Math.abs(box.height - (box.width * 4) / 3) < 1.5;
  });
  await page.reload();
  await page.locator('#open-demo:enabled').waitFor({ timeout: 30_000 });
  await page.setInputFiles('#open-files', DEMO_ZIP);
  await page.getByRole('button', { name: '3:4' }).waitFor({ timeout: 60_000 });
  assert.equal(await page.getByRole('button', { name: '3:4' }).getAttribute('aria-pressed'), 'true', 'remembered');
  await context.close();
});

test('the stories viewer advances by itself and with keys, pauses, and closes with Escape', async () => {
  const manifest = demoManifest();
  const { context, page, problems } = await openPage(browser);
  await openAt(page, { paths: [DEMO_ZIP], folder: false }, '#/stories');
  const archive = page.locator('[data-testid=story-archive]');
  await archive.waitFor({ timeout: 60_000 });
  assert.equal(Number(await archive.getAttribute('data-count')), manifest.counts.stories, 'every story listed');
  assert.equal(await page.locator('.story-thumb').count(), manifest.counts.stories);
  await page.locator('.story-thumb[data-index="0"]').click();
  const viewer = page.locator('[data-testid=story-viewer]');
  await viewer.waitFor();
  assert.equal(await viewer.getAttribute('data-index'), '0');
  assert.ok((await viewer.locator('.story-bar').count()) >= 1, 'segmented progress bars');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('[data-testid=story-viewer]')?.dataset.index === '1');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => document.querySelector('[data-testid=story-viewer]')?.dataset.index === '0');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('[data-testid=story-viewer]')?.dataset.paused === 'true');
  await page.waitForTimeout(1_500);
  assert.equal(await viewer.getAttribute('data-index'), '0', 'paused stays');
  await page.keyboard.press('Space');
  // Images last about five seconds, videos their length.
  await page.waitForFunction(
    () => document.querySelector('[data-testid=story-viewer]')?.dataset.index !== '0',
    null, { timeout: 30_000 },
  );
  await page.keyboard.press('Escape');
  await viewer.waitFor({ state: 'detached' });
  assert.deepEqual(cspProblems(problems), []);
  await context.close();
});

test('reels play one after another, muted until tapped', async () => {
  const manifest = demoManifest();
  const { context, page } = await openPage(browser, { width: 900, height: 900 });
  await openAt(page, { paths: [DEMO_ZIP], folder: false }, '#/reels');
  const reels = page.locator('[data-testid=reels]');
  await reels.waitFor({ timeout: 60_000 });
  assert.equal(Number(await reels.getAttribute('data-count')), manifest.counts.reels + manifest.counts.igtv, 'reels and IGTV');
  assert.equal(await reels.getAttribute('data-current'), '0');
  const first = page.locator('.reel[data-index="0"] video');
  assert.ok((await mediaDuration(first)) > 0, 'the first reel loads');
  await page.waitForFunction(() => {
    const v = document.querySelector('.reel[data-index="0"] video');
    return v && v.muted && !v.paused;
  }, null, { timeout: 10_000 });
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.querySelector('[data-testid=reels]')?.dataset.current === '1');
  await page.getByRole('button', { name: 'Unmute' }).click();
  await page.waitForFunction(() => {
    const v = document.querySelector('.reel[data-index="1"] video');
    return v && !v.muted;
  }, null, { timeout: 10_000 });
  await context.close();
});

test('a reel with a subtitle file plays with its subtitles, converted to WebVTT', async () => {
  const manifest = demoManifest();
  assert.ok(manifest.media.subtitle_files > 0, 'the demo has subtitle files');
  const { context, page, problems, requests } = await openPage(browser, { width: 900, height: 900 });
  await openAt(page, { paths: [DEMO_ZIP], folder: false }, '#/reels');
  const reels = page.locator('[data-testid=reels]');
  await reels.waitFor({ timeout: 60_000 });
  const before = requests.length;
  // Go through the reels until the current one carries a subtitle track.
  const count = Number(await reels.getAttribute('data-count'));
  let track = null;
  for (let i = 0; i < count && !track; i += 1) {
    const current = page.locator(`.reel[data-index="${i}"] video`);
    await current.waitFor({ timeout: 10_000 });
    // A video's subtitles are asked of the worker once the video is ready; they come
    // as a track a moment later. Only every other video has them: a reel whose track
    // has not come within a generous while is taken to have none.
    const candidate = current.locator('track[kind="subtitles"]');
    const came = await candidate.waitFor({ state: 'attached', timeout: 5_000 }).then(() => true, () => false);
    if (came) track = candidate;
    else await page.keyboard.press('ArrowDown');
  }
  assert.ok(track, 'a reel has a subtitle track');
  assert.equal(await track.getAttribute('label'), 'Subtitles');
  const src = await track.getAttribute('src');
  assert.match(src, /^blob:/, 'made from the export, in the page');
  // The browser parses only WebVTT: cues with times mean the SubRip file was converted.
  // The browser loads and parses the track after it is attached.
  const cues = await eventually(async () => {
    const now = await track.evaluate((el) => ({
      mode: el.track.mode,
      cues: [...(el.track.cues ?? [])].map((c) => ({ start: c.startTime, end: c.endTime, text: c.text })),
    }));
    assert.equal(now.mode, 'showing', 'the track is on');
    assert.ok(now.cues.length > 0, 'its cues are loaded');
    return now;
  });
  for (const cue of cues.cues) {
    assert.ok(cue.end > cue.start && cue.text.trim().length > 0, `cue ${JSON.stringify(cue)}`);
  }
  assert.deepEqual(networkRequests(requests.slice(before)), [], 'no request for the subtitles');
  assert.deepEqual(cspProblems(problems), []);
  await context.close();
});

test('20 000 posts: the grid stays windowed and object URLs stay bounded', async (t) => {
  const manifest = JSON.parse(readFileSync(BIG_MANIFEST, 'utf8'));
  const { context, page, problems } = await openPage(browser);
  await loadApp(page, '#/posts');
  await page.setInputFiles('#open-files', BIG_ZIP);
  await page.locator('[data-testid=grid] .tile').first().waitFor({ timeout: 180_000 });
  assert.equal(Number(await page.locator('[data-testid=grid]').getAttribute('data-count')), manifest.counts.posts);
  // Big steps (a few screens at a time) through the whole grid.
  const { seen, maxTiles, maxUrls } = await scrollGrid(page, { step: 6, dwell: 25 });
  t.diagnostic(`most tiles at once ${maxTiles}, most object URLs ${maxUrls}, posts seen ${seen.size}`);
  assert.ok(maxTiles <= 60, `tiles in the DOM stay bounded (most at once: ${maxTiles})`);
  assert.ok(maxUrls <= 80, `object URLs stay bounded (most at once: ${maxUrls})`);
  assert.ok(seen.has(manifest.counts.posts - 1), 'the last post is reached');
  assert.ok(seen.has(0), 'the first post was shown');
  // Once scrolling stops, the tiles in view load and hold URLs; nothing more.
  await page.waitForFunction(() => {
    const view = (el) => {
      const box = el.getBoundingClientRect();
      return box.bottom > 0 && box.top < window.innerHeight;
    };
    const tiles = [...document.querySelectorAll('[data-testid=grid] .tile')].filter(view);
    return tiles.length > 0 && tiles.every((tile) => !tile.querySelector('.media.loading'));
  }, null, { timeout: 30_000 });
  const settled = await page.evaluate(() => Number(document.body.dataset.liveUrls ?? 0));
  assert.ok(settled <= 60, `settled object URLs: ${settled}`);
  const last = page.locator('[data-testid=grid] .tile').last();
  assert.equal(Number(await last.getAttribute('data-index')), manifest.counts.posts - 1);
  assert.ok((await decodedWidth(page.locator('[data-testid=grid] .tile img').last())) > 0, 'tiles at the end decode');
  assert.deepEqual(cspProblems(problems), []);
  await context.close();
});
