// The Connections, Activity, Account and Other-data views: every list's row count equals
// what the generator wrote, derived lists are the right set differences, sorting,
// filtering and downloads work, sensitive cells are masked, and a 100,000-row table keeps
// only a screenful of rows in the DOM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  launch, openPage, loadApp, fixture, demoManifest, outputPath, eventually, DEMO_ZIP, FIXTURES, ROOT,
} from './support/harness.mjs';

const BIG = 'big-followers';
/// Followers asked of the generator; the manifest says how many the export holds (the
/// generator may plant more, e.g. search needles).
const BIG_FOLLOWERS = 100_000;

let browser;
before(async () => {
  browser = await launch();
  if (!existsSync(path.join(FIXTURES, `${BIG}.manifest.json`))) {
    execFileSync('cargo', [
      'run', '--quiet', '--profile', 'native', '-p', 'keepsake-fixtures', '--',
      'generate', '--era', 'media-move-2025', '--followers', String(BIG_FOLLOWERS),
      '--out', FIXTURES, '--name', BIG,
    ], { cwd: ROOT, stdio: 'inherit' });
  }
});
after(async () => { await browser?.close(); });

async function openExport(page, name) {
  if (name === 'demo') {
    await page.setInputFiles('#open-files', [DEMO_ZIP]);
  } else {
    const { paths, folder } = fixture(name);
    await page.setInputFiles(folder ? '#open-folder' : '#open-files', folder ? paths[0] : paths);
  }
  await page.getByRole('heading', { name: 'What’s in this export' }).waitFor({ timeout: 120_000 });
  return name === 'demo' ? demoManifest() : fixture(name).manifest;
}

async function go(page, slug, ready) {
  await page.evaluate((s) => { location.hash = `#/${s}`; }, slug);
  await page.locator(`[data-testid=${ready}]`).waitFor({ timeout: 60_000 });
}

/// Tab key → row count (null for lists marked "not in this export").
async function tabCounts(page) {
  const tabs = await page.locator('[role=tab]').evaluateAll((els) => els.map((el) => [
    el.dataset.testid.replace(/^tab-/, ''),
    el.dataset.count === undefined ? null : Number(el.dataset.count),
  ]));
  return Object.fromEntries(tabs);
}

async function selectTab(page, key) {
  await page.locator(`[data-testid=tab-${key}]`).click();
  const count = page.locator('[data-testid=row-count]');
  await page.locator(`[data-testid=data-table][data-name="${key}"]`).waitFor();
  return count;
}

async function shown(page) {
  return Number(await page.locator('[data-testid=row-count]').getAttribute('data-shown'));
}

function checkCounts(name, counts, manifest, keys) {
  for (const key of keys) {
    const expected = manifest.counts[key] ?? 0;
    if (expected === 0) {
      assert.ok(!(key in counts) || counts[key] === null, `${name}: ${key} absent, got ${counts[key]}`);
    } else {
      assert.equal(counts[key], expected, `${name}: ${key}`);
    }
  }
}

const CONNECTIONS = [
  'followers', 'following', 'close_friends', 'blocked', 'restricted', 'pending_follow_requests',
  'follow_requests_received', 'recently_unfollowed', 'following_hashtags',
];
const ACTIVITY = [
  'post_comments', 'reel_comments', 'story_comments', 'liked_posts', 'liked_comments',
  'saved_posts', 'saved_collections', 'profile_searches', 'keyword_searches', 'tag_searches',
  'story_interactions', 'posts_viewed', 'videos_watched', 'ads_viewed', 'threads_app_posts',
];
const ACCOUNT = [
  'logins', 'logouts', 'devices', 'password_changes', 'privacy_changes', 'profile_changes',
  'advertisers', 'off_meta_apps', 'topics', 'insights_posts',
];

const lower = (names) => names.map((n) => n.toLowerCase());

for (const name of ['demo', 'parts', 'folder', 'zip64-deflated', 'legacy']) {
  test(`${name}: every list has the manifest's row count`, async () => {
    const { context, page, problems } = await openPage(browser);
    await loadApp(page);
    const manifest = await openExport(page, name);

    await go(page, 'connections', 'connections');
    const connections = await tabCounts(page);
    checkCounts(name, connections, manifest, CONNECTIONS);
    const followers = new Set(lower(manifest.followers));
    const following = new Set(lower(manifest.following));
    const notBack = [...following].filter((u) => !followers.has(u));
    const fans = [...followers].filter((u) => !following.has(u));
    assert.equal(connections.not_following_back ?? 0, notBack.length, `${name}: not following back`);
    assert.equal(connections.fans ?? 0, fans.length, `${name}: fans`);
    assert.equal(connections.mutuals ?? 0, following.size - notBack.length, `${name}: mutuals`);
    assert.match(await page.locator('[data-testid=connections]').innerText(), /partial/);
    if (name === 'demo') await page.screenshot({ path: outputPath('connections-light.png') });

    await go(page, 'activity', 'activity');
    checkCounts(name, await tabCounts(page), manifest, ACTIVITY);
    if (name === 'demo') await page.screenshot({ path: outputPath('activity-light.png') });

    await go(page, 'account', 'account');
    checkCounts(name, await tabCounts(page), manifest, ACCOUNT);
    if (name === 'demo') await page.screenshot({ path: outputPath('account-light.png') });

    await go(page, 'other', 'other-data');
    for (const unknown of manifest.unknown_files) {
      const button = page.locator(`[data-testid=other-file][data-path="${unknown}"]`);
      await button.waitFor({ timeout: 30_000 });
    }
    assert.deepEqual(problems.filter((p) => !/MIME type/.test(p)), [], 'no console errors');
    await context.close();
  });
}

test('not following back is exactly following − followers (CSV download)', async () => {
  const { context, page } = await openPage(browser);
  await loadApp(page);
  const manifest = await openExport(page, 'parts');
  await go(page, 'connections', 'connections');
  await selectTab(page, 'not_following_back');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-testid=download-csv]').click(),
  ]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split('\r\n').filter((l) => l.length > 0);
  assert.equal(lines[0], 'Username,You followed,Profile');
  const listed = lines.slice(1).map((l) => l.split(',')[0].toLowerCase()).sort();
  const followers = new Set(lower(manifest.followers));
  const expected = lower(manifest.following).filter((u) => !followers.has(u)).sort();
  assert.deepEqual(listed, expected);
  for (const line of lines.slice(1)) {
    assert.match(line.split(',')[1], /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'ISO dates');
    assert.doesNotMatch(line, /\/_u\//, 'no app-redirect links');
  }
  await context.close();
});

test('sorting, filtering and the date range change the rows; JSON downloads too', async () => {
  const { context, page } = await openPage(browser);
  await loadApp(page);
  const manifest = await openExport(page, 'demo');
  await go(page, 'connections', 'connections');
  await selectTab(page, 'followers');
  const table = page.locator('[data-testid=data-table]');
  const firstName = () => table.locator('tbody tr:not(.pad) td').first().innerText();
  const total = manifest.counts.followers;
  assert.equal(await shown(page), total);
  assert.match(await page.locator('[data-testid=row-count]').innerText(), new RegExp(`of ${total}$`));

  // Each sort, filter and date below redraws the table after the event that sets it.
  const names = lower(manifest.followers).sort();
  const header = table.locator('th', { hasText: 'Username' });
  await header.locator('button.sort').click();
  await eventually(async () => {
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
    assert.equal((await firstName()).toLowerCase(), names[0]);
  });
  await header.locator('button.sort').click();
  await eventually(async () => {
    assert.equal(await header.getAttribute('aria-sort'), 'descending');
    assert.equal((await firstName()).toLowerCase(), names[names.length - 1]);
  });

  const target = manifest.followers[3];
  await table.locator('input[aria-label="Filter rows"]').fill(target);
  const matching = manifest.followers.filter((n) => n.toLowerCase().includes(target.toLowerCase()));
  await eventually(async () => {
    assert.equal(await shown(page), matching.length);
    assert.equal(await firstName(), matching.sort().reverse()[0]);
    assert.match(await page.locator('[data-testid=row-count]').innerText(), new RegExp(`^${matching.length} of ${total}$`));
  });
  await table.locator('input[aria-label="Filter rows"]').fill('');
  await eventually(async () => assert.equal(await shown(page), total));

  await table.locator('input[aria-label="From date"]').fill('2100-01-01');
  await eventually(async () => assert.equal(await shown(page), 0, 'nothing after 2100'));
  await table.locator('input[aria-label="From date"]').fill('1990-01-01');
  await table.locator('input[aria-label="To date"]').fill('2100-01-01');
  await eventually(async () => assert.equal(await shown(page), total, 'everything in range'));
  await page.getByRole('button', { name: 'All dates' }).click();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-testid=download-json]').click(),
  ]);
  const rows = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(rows.length, total);
  assert.deepEqual(Object.keys(rows[0]), ['Username', 'Followed you', 'Profile']);
  const profile = table.locator('tbody a').first();
  await page.locator('[data-testid=tab-followers]').focus();
  await page.keyboard.press('ArrowRight');
  await eventually(async () => {
    assert.equal(await page.locator('[data-testid=tab-following]').getAttribute('aria-selected'), 'true', 'arrow keys move between tabs');
    assert.equal(await shown(page), manifest.counts.following);
  });
  await page.keyboard.press('ArrowLeft');
  assert.equal(await profile.getAttribute('target'), '_blank');
  assert.equal(await profile.getAttribute('rel'), 'noopener noreferrer');
  await context.close();
});

test('IP addresses are masked until shown; other data opens as a table and as JSON', async () => {
  const { context, page } = await openPage(browser);
  await loadApp(page);
  const manifest = await openExport(page, 'demo');
  await go(page, 'account', 'account');
  await selectTab(page, 'logins');
  const table = page.locator('[data-testid=data-table]');
  const text = await table.innerText();
  // The generator writes documentation addresses (RFC 5737).
  const ip = /\b(?:192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}\b/g;
  assert.doesNotMatch(text, ip, 'no IP address on screen');
  await table.locator('tbody button.reveal').first().click();
  await eventually(async () => assert.equal((await table.innerText()).match(ip)?.length, 1, 'one IP shown'));
  // Downloads hold the masked columns in full, and the table says so.
  const note = page.locator('[data-testid=download-note]');
  await note.waitFor();
  assert.match(await note.innerText(), /Downloads include the masked columns \(IP address, Cookie\)/);
  assert.match(await page.locator('[data-testid=download-csv]').getAttribute('aria-label'), /masked columns included/);

  await go(page, 'other', 'other-data');
  const unknown = manifest.unknown_files[0];
  await page.locator(`[data-testid=other-file][data-path="${unknown}"]`).click();
  const view = page.locator('[data-testid=other-file-view]');
  await view.locator('[data-testid=data-table]').waitFor();
  assert.ok(Number(await view.locator('[data-testid=row-count]').getAttribute('data-total')) > 0);
  await view.getByRole('button', { name: 'JSON', exact: true }).click();
  await view.locator('pre.text-file').waitFor();
  assert.match(await view.locator('pre.text-file').innerText(), /Something new/);
  await context.close();
});

test('100,000 followers scroll with a bounded number of rows in the DOM', async () => {
  const { context, page } = await openPage(browser);
  await loadApp(page);
  const { manifest, paths, folder } = fixture(BIG);
  const followers = manifest.counts.followers;
  assert.ok(followers >= BIG_FOLLOWERS, `the export holds ${followers} followers`);
  await page.setInputFiles(folder ? '#open-folder' : '#open-files', folder ? paths[0] : paths);
  await page.getByRole('heading', { name: 'What’s in this export' }).waitFor({ timeout: 120_000 });
  await go(page, 'connections', 'connections');
  await selectTab(page, 'followers');
  assert.equal(await shown(page), followers);
  const rows = page.locator('[data-testid=data-table] tbody tr:not(.pad)');
  const scroller = page.locator('[data-testid=data-table] .table-scroll');
  const counts = [await rows.count()];
  // The rows for a new scroll position are drawn after its scroll event, a frame later.
  for (const fraction of [0.25, 0.5]) {
    await scroller.evaluate((el, f) => { el.scrollTop = el.scrollHeight * f; }, fraction);
    await eventually(async () => {
      const index = Number(await rows.first().getAttribute('aria-rowindex'));
      assert.ok(index > followers * fraction - 200, `rows near ${fraction} drawn (first ${index})`);
    });
    counts.push(await rows.count());
  }
  await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await eventually(async () => {
    const last = await rows.last().getAttribute('aria-rowindex');
    assert.equal(Number(last), followers + 1, 'the last row is reachable');
  });
  counts.push(await rows.count());
  for (const n of counts) assert.ok(n > 0 && n <= 120, `bounded DOM rows: ${counts}`);
  await context.close();
});
