// Every kind of bad input gets a plain message, and nothing else that was opened is lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launch, openPage, loadApp, outputPath, previewFirst, DEMO_ZIP, OUTPUT } from './support/harness.mjs';
import { exportWith } from './support/zipcraft.mjs';

const BAD = path.join(OUTPUT, 'bad');
let browser;
before(async () => {
  browser = await launch();
  mkdirSync(BAD, { recursive: true });
  mkdirSync(path.join(BAD, 'again'), { recursive: true });
  writeFileSync(path.join(BAD, 'not-a-zip.zip'), Buffer.from('these bytes are not a ZIP archive at all'));
  const demo = readFileSync(DEMO_ZIP);
  writeFileSync(path.join(BAD, 'truncated.zip'), demo.subarray(0, Math.floor(demo.length / 2)));
  copyFileSync(DEMO_ZIP, path.join(BAD, 'again', 'keepsake-demo.zip'));
  const secret = Buffer.from('{"secret": true}');
  writeFileSync(path.join(BAD, 'encrypted.zip'), exportWith([
    { name: 'your_instagram_activity/new_category/secret.json', data: secret, flags: 1 },
  ]));
  writeFileSync(path.join(BAD, 'lzma.zip'), exportWith([
    { name: 'your_instagram_activity/new_category/packed.json', data: secret, method: 14 },
  ]));
  // 8 MB of zeros that claim to be 100 bytes: a small zip bomb.
  writeFileSync(path.join(BAD, 'bomb.zip'), exportWith([
    { name: 'your_instagram_activity/new_category/bomb.json', data: Buffer.alloc(8 << 20, 0x20), deflate: true, declaredSize: 100 },
  ]));
});
after(async () => { await browser?.close(); });

async function choose(page, files) {
  await page.setInputFiles('#open-files', files.map((f) => path.join(BAD, f)));
}

async function refusal(page) {
  const alert = page.getByRole('alert').filter({ hasText: 'This could not be opened' });
  await alert.waitFor({ timeout: 30_000 });
  return alert.innerText();
}

test('a file that is not a ZIP says so', async () => {
  const { context, page } = await openPage(browser);
  await loadApp(page);
  await choose(page, ['not-a-zip.zip']);
  assert.match(await refusal(page), /not a ZIP archive/);
  await context.close();
});

test('a truncated ZIP says the download was interrupted', async () => {
  const { context, page } = await openPage(browser);
  await loadApp(page);
  await choose(page, ['truncated.zip']);
  assert.match(await refusal(page), /incomplete|damaged/);
  await context.close();
});

test('a broken part next to a good one is reported and the good one stays open', async () => {
  const { context, page } = await openPage(browser);
  await loadApp(page);
  await page.setInputFiles('#open-files', [DEMO_ZIP, path.join(BAD, 'not-a-zip.zip'), path.join(BAD, 'again', 'keepsake-demo.zip')]);
  await page.getByRole('heading', { name: 'What’s in this export' }).waitFor({ timeout: 30_000 });
  const parts = await page.locator('[data-testid=parts]').innerText();
  assert.match(parts, /not-a-zip\.zip.*not a ZIP archive/s);
  assert.match(parts, /already been added/, 'the same part chosen twice is refused once');
  assert.match(parts, /opened/);
  await page.screenshot({ path: outputPath('bad-parts.png') });
  await context.close();
});

for (const [file, name, message] of [
  ['encrypted.zip', 'secret.json', /password/],
  ['lzma.zip', 'packed.json', /cannot unpack \(method 14\)/],
  ['bomb.zip', 'bomb.json', /more data than the ZIP says|stopped/],
]) {
  test(`${file}: the bad entry explains itself and the rest opens`, async () => {
    const { context, page } = await openPage(browser);
    await loadApp(page);
    await choose(page, [file]);
    await page.getByRole('heading', { name: 'What’s in this export' }).waitFor({ timeout: 30_000 });
    const preview = await previewFirst(page, name);
    const alert = preview.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    assert.match(await alert.innerText(), message);
    await context.close();
  });
}

test('a file changed after it was chosen gives a clear message', async () => {
  const changing = path.join(BAD, 'changing.zip');
  copyFileSync(DEMO_ZIP, changing);
  const { context, page } = await openPage(browser);
  await loadApp(page);
  await page.setInputFiles('#open-files', changing);
  await page.getByRole('heading', { name: 'What’s in this export' }).waitFor({ timeout: 30_000 });
  // Browsers compare modification times to the second: rather than wait for the clock
  // to move on, give the new content a modification time a minute after the old one.
  const { mtime } = statSync(changing);
  rmSync(changing);
  writeFileSync(changing, Buffer.from('replaced'));
  const later = new Date(mtime.getTime() + 60_000);
  utimesSync(changing, later, later);
  // A photo: its bytes were never read, so the change cannot hide behind a cached read.
  const preview = await previewFirst(page, '.jpg');
  const placeholder = preview.locator('.media.placeholder');
  await placeholder.waitFor({ timeout: 30_000 });
  assert.match(await placeholder.innerText(), /changed, moved or deleted|could not be read/);
  await context.close();
});
