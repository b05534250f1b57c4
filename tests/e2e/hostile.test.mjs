// Exports written by someone else: every cost has a budget. A photo that inflates past
// what it declares is stopped, long lists are drawn a page at a time, and contact details
// and precise locations stay out of the page until the reader asks for them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launch, openPage, loadApp, OUTPUT } from './support/harness.mjs';
import { craftZip } from './support/zipcraft.mjs';

const DIR = path.join(OUTPUT, 'hostile');
const MEDIA_ZIP = path.join(DIR, 'hostile-media.zip');
const LISTS_ZIP = path.join(DIR, 'long-lists.zip');
const EMAIL = 'hidden.person@example.net';
const PHONE = '+31 6 5550 1234';
const [LAT, LON] = ['52.37403', '4.88969'];
// More rows than a list draws at first (100).
const MANY = 150;

const json = (value) => Buffer.from(JSON.stringify(value));

function profile() {
  return {
    name: 'personal_information/personal_information/personal_information.json', deflate: true,
    data: json({ profile_user: [{ string_map_data: {
      Username: { value: 'hostile.input', timestamp: 0 },
      Email: { value: EMAIL, timestamp: 0 },
      'Phone Number': { value: PHONE, timestamp: 0 },
    } }] }),
  };
}

before(() => {
  mkdirSync(DIR, { recursive: true });
  // One post: its photo is JPEG magic and 64 MiB of zeros (about 64 KB deflated) in an
  // entry that declares 4 KiB, and its EXIF holds a precise location.
  const bomb = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64 << 20)]);
  const post = [{ media: [{
    uri: 'media/posts/202401/bomb.jpg', creation_timestamp: 1704067200, title: 'A quiet lake',
    media_metadata: { photo_metadata: { exif_data: [{ latitude: Number(LAT), longitude: Number(LON) }] } },
  }] }];
  writeFileSync(MEDIA_ZIP, craftZip([
    profile(),
    { name: 'your_instagram_activity/media/posts_1.json', data: json(post), deflate: true },
    { name: 'media/posts/202401/bomb.jpg', data: bomb, deflate: true, declaredSize: 4096 },
  ]));

  const entries = [profile()];
  const posts = [];
  for (let i = 0; i < MANY; i += 1) {
    const who = `Friend ${String(i).padStart(3, '0')}`;
    entries.push({
      name: `your_instagram_activity/messages/inbox/friend${i}_${1000 + i}/message_1.json`, deflate: true,
      data: json({ title: who, participants: [{ name: who }, { name: 'hostile.input' }],
        thread_path: `inbox/friend${i}_${1000 + i}`,
        messages: [{ sender_name: who, timestamp_ms: 1700000000000 + i * 1000, content: `hello ${i}` }] }),
    });
    entries.push({
      name: `your_instagram_activity/new_category/thing_${i}.json`, deflate: true,
      data: json({ things: [{ title: `thing ${i}`, string_map_data: { Value: { value: String(i) } } }] }),
    });
    entries.push({ name: `your_instagram_activity/odd/file_${i}.x${i}`, data: Buffer.from('x') });
    posts.push({ media: [{ uri: `media/posts/202401/gone_${i}.jpg`, creation_timestamp: 1704067200 + i, title: `post ${i}` }] });
  }
  entries.push({ name: 'your_instagram_activity/media/posts_1.json', data: json(posts), deflate: true });
  writeFileSync(LISTS_ZIP, craftZip(entries));
});

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function openZip(page, file, hash) {
  await loadApp(page, hash);
  await page.setInputFiles('#open-files', file);
}

const bodyHtml = (page) => page.evaluate(() => document.body.innerHTML);

/// Polls until `check(html)` holds for the page's markup.
async function untilHtml(page, check, what) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (check(await bodyHtml(page))) return;
    assert.ok(Date.now() < deadline, what);
    await page.waitForTimeout(100);
  }
}

test('a photo that inflates past its declared size is stopped, with a message on its tile', async () => {
  const { context, page, problems } = await openPage(browser);
  await openZip(page, MEDIA_ZIP, '#/posts');
  const refusal = page.locator('[data-testid=grid] .media.placeholder', { hasText: 'unpacks to more than' });
  await refusal.waitFor({ timeout: 60_000 });
  assert.match(await refusal.textContent(), /4096 bytes its entry declares/);
  // The page still answers: the post opens and shows the same refusal.
  const started = Date.now();
  await page.locator('[data-testid=grid] .tile').first().click();
  const view = page.locator('[data-testid=post-view]');
  await view.locator('.media.placeholder', { hasText: 'unpacks to more than' }).waitFor({ timeout: 30_000 });
  assert.ok(Date.now() - started < 15_000, 'the page stays responsive');
  assert.deepEqual(problems.filter((p) => /Content Security Policy|Refused/.test(p)), []);
  await context.close();
});

test('phone and e-mail are not in the page until Show is pressed', async () => {
  const { context, page } = await openPage(browser);
  await openZip(page, MEDIA_ZIP, '#/profile');
  const header = page.locator('[data-testid=profile-header]');
  await header.locator('summary', { hasText: 'Account facts' }).click();
  const showEmail = header.getByRole('button', { name: 'Show E-mail' });
  await showEmail.waitFor({ timeout: 30_000 });
  await header.getByRole('button', { name: 'Show Phone' }).waitFor();
  let html = await bodyHtml(page);
  assert.ok(!html.includes(EMAIL), 'the e-mail address is not in the DOM');
  assert.ok(!html.includes(PHONE), 'the phone number is not in the DOM');
  await showEmail.click();
  await untilHtml(page, (h) => h.includes(EMAIL), 'the e-mail appears once shown');
  html = await bodyHtml(page);
  assert.ok(!html.includes(PHONE), 'the phone stays hidden until its own Show');
  await header.getByRole('button', { name: 'Show Phone' }).click();
  await untilHtml(page, (h) => h.includes(PHONE), 'the phone appears once shown');
  await context.close();
});

test('a post’s precise location is not in the page until Show is pressed', async () => {
  const { context, page } = await openPage(browser);
  await openZip(page, MEDIA_ZIP, '#/posts');
  const tile = page.locator('[data-testid=grid] .tile').first();
  await tile.waitFor({ timeout: 60_000 });
  await tile.click();
  const view = page.locator('[data-testid=post-view]');
  const show = view.getByRole('button', { name: 'Show Location' });
  await show.waitFor({ timeout: 30_000 });
  const html = await bodyHtml(page);
  assert.ok(!html.includes(LAT) && !html.includes(LON), 'no coordinate in the DOM');
  await show.click();
  await untilHtml(page, (h) => h.includes(`${LAT}, ${LON}`), 'the location appears once shown');
  await context.close();
});

/// Clicks "Show more" under a list until it is gone, checking the "first N of M" line and
/// that every row ends up drawn.
async function growList(page, rows, more, what) {
  await rows.first().waitFor({ timeout: 60_000 });
  const line = page.locator(`[data-testid=${more}]`);
  await line.waitFor({ timeout: 30_000 });
  const match = (await line.innerText()).match(/First 100 of ([\d,.\s\u202f]+)/);
  assert.ok(match, `${what}: says how many of how many`);
  const total = Number(match[1].replace(/\D/g, ''));
  assert.ok(total > 100, `${what}: more rows than the first page`);
  assert.equal(await rows.count(), 100, `${what}: only the first page is drawn`);
  while (await line.count() > 0) {
    const before = await rows.count();
    await line.getByRole('button', { name: 'Show more' }).click();
    const deadline = Date.now() + 10_000;
    while (await rows.count() === before) {
      assert.ok(Date.now() < deadline, `${what}: Show more draws more rows`);
      await page.waitForTimeout(50);
    }
  }
  assert.equal(await rows.count(), total, `${what}: every row drawn in the end`);
}

test('long lists show their first rows and the rest on request', async () => {
  const { context, page } = await openPage(browser);
  await openZip(page, LISTS_ZIP, '');
  await page.getByRole('heading', { name: 'What’s in this export' }).waitFor({ timeout: 60_000 });
  await growList(page, page.locator('[data-testid=file-types] tbody tr'), 'more-file-types', 'file types');
  await growList(page, page.locator('[data-testid=missing-media] li'), 'more-missing-media', 'missing media');
  await growList(page, page.locator('[data-testid=unknown-files] li'), 'more-unknown-files', 'unknown files');

  // Same document: the opened files stay.
  await page.evaluate(() => { window.location.hash = '#/messages'; });
  await growList(page, page.locator('[data-testid=threads] li'), 'more-threads', 'conversations');
  await context.close();
});
