// Messages: the inbox lists every thread with its count, a split thread shows all its
// messages in order, text is repaired and never markup, and search finds a message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, loadApp, demoManifest, fixture, outputPath, decodedWidth, readConversation, eventually,
  DEMO_ZIP,
} from './support/harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function openMessages(page, files, folder = false) {
  await page.setInputFiles(folder ? '#open-folder' : '#open-files', files);
  await page.getByRole('heading', { name: 'What’s in this export' }).waitFor({ timeout: 60_000 });
  await page.locator('nav.sidebar').getByRole('link', { name: /^Messages/ }).click();
  await page.locator('[data-testid=threads]').first().waitFor({ timeout: 30_000 });
}

/// Every message of the thread was shown, once each, oldest to newest.
function assertWholeThread(rows, thread) {
  assert.equal(rows.length, thread.message_count, `${thread.title}: every message shown`);
  rows.forEach((row, i) => assert.equal(row.index, i, `${thread.title}: message ${i} shown`));
  for (let i = 1; i < rows.length; i += 1) {
    assert.ok(rows[i - 1].time <= rows[i].time, `${thread.title}: message ${i} is not older than the one before`);
  }
}

/// Opens a thread and waits for its own header: until the worker answers, the pane still
/// shows the conversation open before (or none).
async function openThread(page, title) {
  await page.locator('.thread-row', { hasText: title }).first().click();
  const conversation = page.locator('[data-testid=conversation]');
  await conversation.getByRole('heading', { name: title, exact: true, level: 2 }).waitFor({ timeout: 30_000 });
  return conversation;
}

test('the inbox lists the demo’s threads with their message counts, requests apart', async () => {
  const { context, page } = await openPage(browser);
  await loadApp(page);
  await openMessages(page, DEMO_ZIP);
  const manifest = demoManifest();
  for (const thread of manifest.threads) {
    const row = page.locator('.thread-row', { hasText: thread.title }).first();
    await row.waitFor();
    const count = Number((await row.locator('.thread-count').innerText()).replace(/\D/g, ''));
    if (thread.files === 1) assert.equal(count, thread.message_count, `${thread.title}: count`);
  }
  const requests = manifest.message_requests ?? [];
  if (requests.length > 0) {
    const group = page.locator('.thread-group', { hasText: 'Message requests' });
    assert.equal(await group.locator('.thread-row').count(), requests.length);
  }
  await page.screenshot({ path: outputPath('messages-inbox-light.png') });
  await context.close();
});

test('a thread split over several files shows every message, oldest to newest', async () => {
  const { context, page } = await openPage(browser, { colorScheme: 'dark' });
  await loadApp(page);
  await openMessages(page, DEMO_ZIP);
  const split = demoManifest().threads.find((t) => t.files > 1);
  assert.ok(split, 'the demo has a split thread');
  await page.screenshot({ path: outputPath('messages-inbox-dark.png') });
  const conversation = await openThread(page, split.title);
  assert.match(await conversation.innerText(), new RegExp(`${split.message_count} messages`));
  const { rows } = await readConversation(page, conversation);
  assertWholeThread(rows, split);
  // Every photo of a message with several, not only the first: go to its URL.
  const several = rows.find((row) => row.media >= 2);
  assert.ok(several, 'a message with several photos or videos');
  await page.evaluate((index) => { window.location.hash = `${window.location.hash.replace(/\/\d+$/, '')}/${index}`; }, several.index);
  const multi = conversation.locator('.message.current');
  await multi.waitFor();
  const images = multi.locator('img.message-media');
  // Each photo is a placeholder until the worker has handed over its bytes.
  const n = await eventually(async () => {
    const shown = await images.count();
    assert.ok(shown >= 2, `${shown} images in one message`);
    return shown;
  });
  for (let i = 0; i < n; i += 1) assert.ok((await decodedWidth(images.nth(i))) > 0, `photo ${i + 1} decodes`);
  await page.screenshot({ path: outputPath('messages-conversation-dark.png') });
  await context.close();
});

test('message text is repaired and shown as text: markup in it never runs', async () => {
  const { context, page } = await openPage(browser);
  await loadApp(page);
  let dialogs = 0;
  page.on('dialog', async (dialog) => { dialogs += 1; await dialog.dismiss(); });
  await openMessages(page, DEMO_ZIP);
  const group = demoManifest().threads.find((t) => t.group);
  const conversation = await openThread(page, group.title);
  // The messages arrive from the worker a page at a time after the header.
  await eventually(async () => {
    const text = await conversation.innerText();
    assert.match(text, /<script>alert\(1\)<\/script>/, 'the script tag is visible as text');
    assert.match(text, /<img src=x onerror=alert\(1\)>/);
    for (const person of group.participants) assert.ok(text.includes(person) || person === 'Zoë Demo', `${person} shown repaired`);
  });
  assert.equal(await conversation.locator('script, .bubble img[src="x"]').count(), 0, 'no element was created');
  // Once every image on the page has loaded or failed, any onerror has had its turn.
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  assert.equal(dialogs, 0, 'nothing executed');
  await page.screenshot({ path: outputPath('messages-conversation-light.png') });
  await context.close();
});

test('search finds a message and brings it into view', async () => {
  const { context, page } = await openPage(browser);
  await loadApp(page);
  await openMessages(page, DEMO_ZIP);
  const group = demoManifest().threads.find((t) => t.group);
  const conversation = await openThread(page, group.title);
  await conversation.getByRole('searchbox', { name: 'Search this conversation' }).fill('onerror');
  // The count reads "0 found" until the worker has answered the search.
  await eventually(async () => {
    assert.match(await conversation.locator('[data-testid=match-count]').innerText(), /^1 found/);
  });
  await conversation.getByRole('button', { name: 'Previous' }).click();
  const current = conversation.locator('.message.current');
  await current.waitFor();
  assert.match(await current.innerText(), /onerror/);
  assert.ok(await current.isVisible());
  await context.close();
});

test('a renamed participant’s thread and a multi-part export read correctly', async () => {
  const { context, page } = await openPage(browser);
  await loadApp(page);
  const { manifest, paths } = fixture('parts');
  await openMessages(page, paths);
  for (const thread of manifest.threads.slice(0, 3)) {
    const conversation = await openThread(page, thread.title);
    const { rows } = await readConversation(page, conversation);
    assertWholeThread(rows, thread);
    if (thread.former_names.length > 0) {
      assert.match(await conversation.innerText(), new RegExp(thread.former_names[0]));
    }
  }
  await context.close();
});

test('a conversation’s media gallery shows its photos and leads back to each message', async () => {
  const { context, page } = await openPage(browser);
  await loadApp(page);
  await openMessages(page, DEMO_ZIP);
  const split = demoManifest().threads.find((t) => t.files > 1);
  const conversation = await openThread(page, split.title);
  const button = conversation.getByRole('button', { name: /^Media \(\d+\)$/ });
  const count = Number((await button.innerText()).replace(/\D/g, ''));
  assert.ok(count >= 2, 'the thread has media');
  await button.click();
  const gallery = conversation.locator('[data-testid=thread-gallery]');
  await gallery.waitFor();
  assert.equal(await gallery.locator('li:not(.more)').count(), Math.min(count, 60), 'one tile per media file');
  const firstImage = gallery.locator('img.gallery-media').first();
  assert.ok((await decodedWidth(firstImage)) > 0, 'a gallery photo decodes');
  await gallery.getByRole('button', { name: 'Go to message' }).first().click();
  const current = conversation.locator('.message.current');
  await current.waitFor();
  assert.ok(await current.isVisible(), 'the message is in view');
  assert.ok(await current.locator('.message-media').count() > 0, 'and holds the media');
  await context.close();
});

test('search across all conversations jumps to the message, and its link survives a reload', async () => {
  const { context, page } = await openPage(browser);
  await loadApp(page);
  await openMessages(page, DEMO_ZIP);
  const group = demoManifest().threads.find((t) => t.group);
  const box = page.getByRole('searchbox', { name: 'Search all messages' });
  await box.fill('ONERROR');
  await box.press('Enter');
  const hits = page.locator('[data-testid=message-hits]');
  await hits.waitFor({ timeout: 30_000 });
  const found = Number((await hits.locator('h3').innerText()).replace(/\D.*$/s, ''));
  assert.equal(await hits.locator('a.hit').count(), found, 'every match listed');
  assert.ok(found >= 1);
  await hits.locator('a.hit', { hasText: group.title }).first().click();
  const current = page.locator('[data-testid=conversation] .message.current');
  await current.waitFor({ timeout: 30_000 });
  assert.match(await current.innerText(), /onerror/);
  const link = page.url();
  assert.match(link, /#\/messages\/[^/]+\/\d+$/, 'the message has its own address');

  await page.reload();
  await page.locator('#open-demo:enabled').waitFor({ timeout: 30_000 });
  await page.setInputFiles('#open-files', DEMO_ZIP);
  await page.locator('[data-testid=conversation] .message.current').waitFor({ timeout: 30_000 });
  assert.equal(page.url(), link, 'reopening the export returns to the same message');
  assert.match(await page.locator('[data-testid=conversation] .message.current').innerText(), /onerror/);
  await context.close();
});

test('a broadcast channel shows its messages and, apart, every reply with whom it answers', async () => {
  const { context, page } = await openPage(browser);
  await loadApp(page);
  await openMessages(page, DEMO_ZIP);
  const { counts } = demoManifest();
  const group = page.locator('.thread-group', { hasText: 'Broadcast channels' });
  assert.equal(await group.locator('.thread-row').count(), counts.broadcast_channels);
  await group.locator('.thread-row').first().click();
  const conversation = page.locator('[data-testid=conversation]');
  const { rows } = await readConversation(page, conversation);
  assert.equal(rows.length, counts.broadcast_messages, 'every announcement');
  await conversation.getByRole('button', { name: `Replies (${counts.broadcast_replies})` }).click();
  const replies = conversation.locator('[data-testid=replies] .reply');
  // The panel is drawn by the re-render the click starts.
  await eventually(async () => assert.equal(await replies.count(), counts.broadcast_replies, 'every reply'));
  assert.match(await replies.first().innerText(), /^Reply to \S/);
  await context.close();
});
