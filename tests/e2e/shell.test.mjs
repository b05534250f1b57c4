// The app shell: it loads, the demo opens, deep links work, and nothing leaves the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  launch, openPage, loadApp, demoManifest, foreignRequests, networkRequests, shownFileCount, outputPath,
  decodedWidth,
  DEMO_ZIP, ROOT,
} from './support/harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the demo opens from the start page and every request stays on the page’s origin', async () => {
  const { context, page, requests, problems } = await openPage(browser);
  await loadApp(page);
  await assert.doesNotReject(page.getByRole('heading', { name: 'See everything in your Instagram download' }).waitFor());
  await page.click('#open-demo');
  await page.getByRole('heading', { name: 'What’s in this export' }).waitFor({ timeout: 30_000 });

  const manifest = demoManifest();
  assert.equal(await shownFileCount(page), manifest.entry_count, 'files shown = files in the demo');
  assert.match(await page.locator('[data-testid=overview-cards]').innerText(), /Instagram/);
  assert.ok(requests.some((url) => url.endsWith('demo/keepsake-demo.zip')), 'the demo came from the page’s own origin');
  assert.deepEqual(foreignRequests(requests), [], 'no request to any other origin');
  assert.deepEqual(problems.filter((p) => /Content Security Policy|Refused/.test(p)), [], 'no CSP violation');

  await page.locator('nav.sidebar').getByRole('link', { name: /^Profile/ }).click();
  const header = page.locator('[data-testid=profile-header]');
  await header.waitFor({ timeout: 30_000 });
  const text = await header.innerText();
  assert.ok(text.includes(manifest.username), 'username shown');
  assert.ok(text.includes(manifest.full_name), 'name shown with its accent repaired');
  assert.ok((await decodedWidth(header.locator('img.avatar'))) > 0, 'the avatar decodes');
  // The README's screenshot: the profile with its grid, every visible tile decoded.
  await decodedWidth(page.locator('[data-testid=grid] img').first());
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=grid] img')]
    .every((img) => img.complete && img.naturalWidth > 0));
  const readme = outputPath('profile-grid-light.png');
  await page.screenshot({ path: readme });
  mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
  copyFileSync(readme, path.join(ROOT, 'docs', 'screenshot.png'));
  await page.locator('nav.sidebar').getByRole('link', { name: /^Overview/ }).click();
  await page.getByRole('heading', { name: 'What’s in this export' }).waitFor();

  await page.screenshot({ path: outputPath('overview-light.png') });
  await context.close();
});

test('opening a chosen ZIP after load makes no network request at all', async () => {
  const { context, page, requests } = await openPage(browser);
  await loadApp(page);
  await page.waitForLoadState('networkidle');
  const before = requests.length;
  await page.setInputFiles('#open-files', DEMO_ZIP);
  await page.getByRole('heading', { name: 'What’s in this export' }).waitFor({ timeout: 30_000 });
  await page.getByRole('link', { name: /Messages/ }).first().click();
  await page.getByRole('heading', { name: 'Messages' }).waitFor();
  assert.deepEqual(networkRequests(requests.slice(before)), [], 'requests after load');
  await context.close();
});

test('a deep link survives opening the export and shows its section', async () => {
  const { context, page } = await openPage(browser, { colorScheme: 'dark' });
  await loadApp(page, '#/messages');
  await page.getByText('Open your export to see Messages.').waitFor();
  await page.setInputFiles('#open-files', DEMO_ZIP);
  await page.getByRole('heading', { name: 'Messages' }).waitFor({ timeout: 30_000 });
  const manifest = demoManifest();
  const listed = page.locator('[data-testid=threads]').first();
  await listed.waitFor({ timeout: 30_000 });
  const inbox = await page.locator('nav.inbox').innerText();
  for (const thread of manifest.threads) {
    assert.ok(inbox.includes(thread.title), `thread ${thread.title} is listed`);
  }
  await page.reload();
  await page.getByText('Open your export to see Messages.').waitFor();
  await page.screenshot({ path: outputPath('deep-link-dark.png') });
  await context.close();
});

test('a file that is not an Instagram export is refused with a plain message', async () => {
  const { context, page } = await openPage(browser);
  await loadApp(page);
  await page.setInputFiles('#open-files', path.join(ROOT, 'tests', 'e2e', 'package.json'));
  const alert = page.getByRole('alert').filter({ hasText: 'This could not be opened' });
  await alert.waitFor({ timeout: 30_000 });
  assert.match(await alert.innerText(), /look like an Instagram/);
  assert.equal(await page.getByRole('heading', { name: 'What’s in this export' }).count(), 0);
  await context.close();
});
