// Every container the generator writes opens in the browser, and its media really decode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, loadApp, fixture, shownFileCount, previewFirst, decodedWidth, mediaDuration,
  networkRequests, outputPath, readConversation,
} from './support/harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function open(page, name) {
  const { manifest, paths, folder } = fixture(name);
  await page.setInputFiles(folder ? '#open-folder' : '#open-files', folder ? paths[0] : paths);
  await page.getByRole('heading', { name: 'What’s in this export' }).waitFor({ timeout: 60_000 });
  return manifest;
}

for (const [name, era] of [
  ['parts', /2024/],
  ['folder', /2022/],
  ['zip64-deflated', /2025/],
  ['legacy', /2018|legacy/i],
]) {
  test(`the ${name} export opens with every file and its images decode`, async () => {
    const { context, page, requests } = await openPage(browser);
    await loadApp(page);
    const before = requests.length;
    const manifest = await open(page, name);
    assert.equal(await shownFileCount(page), manifest.entry_count, 'files shown = files written');
    assert.match(await page.locator('[data-testid=overview-cards]').innerText(), era);
    const types = await page.locator('[data-testid=file-types] tbody tr').allInnerTexts();
    const typed = types.map((row) => Number(row.split('\t')[1].replace(/\D/g, ''))).reduce((a, b) => a + b, 0);
    assert.equal(typed, manifest.entry_count, 'files by type add up to every file');
    if (manifest.parts?.length > 1) {
      const parts = await page.locator('[data-testid=parts] tbody tr').count();
      assert.equal(parts, manifest.parts.length, 'every part listed');
    }
    const preview = await previewFirst(page, '.jpg');
    assert.ok((await decodedWidth(preview.locator('img'))) > 0, 'a JPEG decodes');
    await preview.getByRole('button', { name: 'Close' }).click();
    assert.deepEqual(networkRequests(requests.slice(before)), [], 'no request while opening');
    await context.close();
  });
}

test('stored and deflated videos both get their metadata', async () => {
  for (const name of ['parts', 'zip64-deflated']) {
    const { context, page } = await openPage(browser);
    await loadApp(page);
    await open(page, name);
    const preview = await previewFirst(page, '.mp4');
    assert.ok((await mediaDuration(preview.locator('video'))) > 0, `${name}: video has a duration`);
    await context.close();
  }
});

/// The overview's record counts for posts, followers, following and messages equal the
/// manifest's.
async function assertRecordCounts(page, manifest) {
  await page.locator('[data-testid=records]').waitFor({ timeout: 60_000 });
  const table = await page.locator('[data-testid=record-counts]').innerText();
  for (const key of ['posts', 'followers', 'following', 'messages']) {
    const label = key[0].toUpperCase() + key.slice(1);
    const row = table.split('\n').find((line) => line.startsWith(label + '\t'));
    assert.ok(row, `${label} row`);
    assert.equal(Number(row.split('\t')[1].replace(/\D/g, '')), manifest.counts[key], `${label} count`);
  }
}

test('the records panel matches the manifest and lists missing media', async () => {
  const { context, page } = await openPage(browser);
  await loadApp(page);
  const manifest = await open(page, 'zip64-deflated');
  await assertRecordCounts(page, manifest);
  const missing = manifest.media.missing ?? [];
  if (missing.length > 0) {
    const listed = await page.locator('[data-testid=missing-media]').innerText();
    for (const uri of missing) assert.ok(listed.includes(uri), `missing ${uri} listed`);
  }
  const unknown = page.locator('[data-testid=unknown-files] button').first();
  if (manifest.unknown_files.length > 0) {
    await unknown.click();
    const preview = page.locator('[data-testid=preview]');
    await preview.locator('pre.text-file').waitFor();
    assert.match(await preview.innerText(), /\{/);
  }
  await page.screenshot({ path: outputPath('overview-records.png'), fullPage: true });
  await context.close();
});

test('an HTML export is read like a JSON one: its records and whole conversations', async () => {
  const { context, page } = await openPage(browser);
  await loadApp(page);
  const manifest = await open(page, 'html');
  assert.match(await page.locator('[data-testid=overview-cards]').innerText(), /HTML/);
  await assertRecordCounts(page, manifest);
  await page.locator('nav.sidebar').getByRole('link', { name: /^Messages/ }).click();
  const thread = manifest.threads.find((t) => t.files > 1) ?? manifest.threads[0];
  await page.locator('.thread-row', { hasText: thread.title }).first().click();
  const conversation = page.locator('[data-testid=conversation]');
  const { rows } = await readConversation(page, conversation);
  assert.equal(rows.length, thread.message_count, `${thread.title}: every message of every page`);
  await context.close();
});
