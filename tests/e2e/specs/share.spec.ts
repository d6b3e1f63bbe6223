import { inflateRawSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { test, expect } from '../fixtures/test';
import { EXACT, TRAILING_SLASH } from '../fixtures/cases';
import { readCase, type CaseFile } from '../fixtures/cli';
import { fillCase, shownCodes } from '../fixtures/page_case';

// Share links (issue 5). The sender's page runs under the guard fixture; a link is opened in a
// NEW browser context (no shared session storage), which gets the same watch (see `receiver`).

/** The secrets a link must not carry: state, nonce and code_challenge values of the case. */
function secretsOf(input: CaseFile): string[] {
  const values = new Set<string>();
  for (const text of [input.authorize, input.callback]) {
    if (!text) continue;
    let query: URLSearchParams;
    try {
      query = new URL(text).searchParams;
    } catch {
      continue;
    }
    for (const name of ['state', 'nonce', 'code_challenge']) {
      for (const value of query.getAll(name)) if (value) values.add(value);
    }
  }
  return [...values];
}

/** The JSON a link carries (`#v1.` + base64url of raw deflate). */
function linkContent(link: string): string {
  const fragment = link.slice(link.indexOf('#') + 1);
  expect(fragment.startsWith('v1.'), 'a versioned fragment').toBe(true);
  return inflateRawSync(Buffer.from(fragment.slice(3), 'base64url')).toString('utf8');
}

/** Presses Share and returns the link the panel shows. */
async function share(page: Page): Promise<string> {
  await page.getByTestId('share-button').click();
  const field = page.getByTestId('share-link');
  await expect(field).toBeVisible();
  await expect(field).toHaveAttribute('readonly', '');
  await expect(field).not.toHaveValue('');
  return field.inputValue();
}

/** Every input's text, as the page holds it. */
async function inputTexts(page: Page): Promise<string> {
  const ids = ['authorize-input', 'registered-input', 'callback-input', 'evidence-input'];
  const texts = await Promise.all(ids.map((id) => page.getByTestId(id).inputValue()));
  return texts.join('\n');
}

interface Receiver {
  context: BrowserContext;
  page: Page;
  /** Closes the context and fails on anything the guard fixture would fail on. */
  done(): Promise<void>;
}

/** A fresh browser context that watches what the guard fixture watches. */
async function receiver(browser: Browser, baseURL: string | undefined): Promise<Receiver> {
  const home = new URL(baseURL ?? 'http://127.0.0.1/').origin;
  const context = await browser.newContext({ baseURL });
  const problems: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== home) problems.push(`request to another origin: ${url}`);
  });
  context.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  context.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  context.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`));
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    problems.push(`dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return {
    context,
    page,
    async done() {
      await context.close();
      expect(problems, 'the receiving page stays on its origin, without errors').toEqual([]);
    },
  };
}

/** Reloads once the page's own requests are done (a reload cuts short a favicon fetch in flight). */
async function reload(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.reload();
}

/** Opens `link` in `page` and waits for the app. */
async function openLink(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByTestId('authorize-input')).toBeVisible();
}

const CASES = ['trailing-slash.json', 'state-mismatch.json', 'ca-blocked.json', 'spa-under-web.json', 'invisible-zwsp.json'];

test('a shared case opens elsewhere with the same findings and none of its secrets', async ({ analyzer, page, browser, baseURL }) => {
  test.setTimeout(90_000);
  await analyzer.open();
  for (const name of CASES) {
    const input = readCase(name);
    const expected = input.expect as { redirect_status: string; findings: string[] };
    await fillCase(page, input);
    await analyzer.expectStatus(expected.redirect_status);
    await expect.poll(() => shownCodes(page), { message: `${name}: the sender's findings` })
      .toEqual(expect.arrayContaining(expected.findings));
    const codes = await shownCodes(page);

    const link = await share(page);
    const here = page.url().split('#')[0];
    expect(link.startsWith(`${here}#v1.`), `${name}: the page's own address + #v1.`).toBe(true);
    const length = Number(await page.getByTestId('share-length').getAttribute('data-length'));
    expect(length, `${name}: the length shown is the link's`).toBe(link.length);
    test.info().annotations.push({ type: 'link length', description: `${name}: ${length}` });
    expect(length, `${name}: a typical case fits in 2,000 characters`).toBeLessThan(2000);

    const secrets = secretsOf(input);
    expect(secrets.length, `${name}: has secrets to hide`).toBeGreaterThan(0);
    const content = linkContent(link);
    for (const secret of secrets) {
      expect(link, `${name}: the link`).not.toContain(secret);
      expect(content, `${name}: what the link carries`).not.toContain(secret);
    }
    // The preview names what is replaced.
    await expect(page.getByTestId('share-preview').locator('[data-redaction="state"]').first()).toBeVisible();

    const other = await receiver(browser, baseURL);
    await openLink(other.page, link);
    await expect(other.page.getByTestId('share-opened')).toBeVisible();
    await expect(other.page.locator('[data-redirect-status]'), `${name}: redirect status`)
      .toHaveAttribute('data-redirect-status', expected.redirect_status);
    await expect.poll(() => shownCodes(other.page), { message: `${name}: the same findings` }).toEqual(codes);
    const restored = await inputTexts(other.page);
    expect(restored).toContain('login.microsoftonline.com');
    for (const secret of secrets) expect(restored, `${name}: the restored inputs`).not.toContain(secret);
    // The link was opened once: the address no longer holds it, so a reload does not reopen it.
    expect(other.page.url()).not.toContain('#');
    await reload(other.page);
    await expect(other.page.getByTestId('authorize-input')).not.toHaveValue('');
    await expect(other.page.getByTestId('share-opened')).toHaveCount(0);
    // Opened again on a cleared page, then cleared: the note about the sender's replacements
    // goes with the case.
    await other.page.getByTestId('clear-all').click();
    await openLink(other.page, link);
    await expect(other.page.getByTestId('share-opened')).toBeVisible();
    await other.page.getByTestId('clear-all').click();
    await expect(other.page.getByTestId('share-opened')).toHaveCount(0);
    await other.done();
  }
});

test('the options change the link: redaction off carries the secrets, hide IDs drops the client ID', async ({ analyzer, page }) => {
  const input = readCase('trailing-slash.json');
  await analyzer.open();
  await fillCase(page, input);
  const redacted = linkContent(await share(page));
  expect(redacted).not.toContain('8f1c2a77d1');
  expect(redacted).toContain('6731de76-14a6-49ae-97bc-6eba6914391e');
  await expect(page.getByTestId('share-redact')).toBeChecked();
  await expect(page.getByTestId('share-note')).toContainText('never send that part to a server');

  await page.getByTestId('share-hide-ids').check();
  await expect.poll(async () => linkContent(await page.getByTestId('share-link').inputValue()))
    .not.toContain('6731de76-14a6-49ae-97bc-6eba6914391e');
  await expect(page.getByTestId('share-preview').locator('[data-redaction="client_id"]').first()).toBeVisible();

  await page.getByTestId('share-hide-ids').uncheck();
  await page.getByTestId('share-redact').uncheck();
  await expect(page.getByTestId('share-unredacted')).toBeVisible();
  await expect.poll(async () => linkContent(await page.getByTestId('share-link').inputValue())).toContain('8f1c2a77d1');
  await expect(page.getByTestId('share-preview')).toHaveCount(0);

  // Typing after sharing marks the link as outdated until it is made again.
  await page.getByTestId('callback-input').fill('https://app.contoso.com/auth/callback/?error=access_denied');
  await expect(page.getByTestId('share-stale')).toBeVisible();
  await page.getByTestId('share-stale').getByRole('button', { name: 'Update link' }).click();
  await expect(page.getByTestId('share-stale')).toHaveCount(0);
  await expect(page.getByTestId('share-link')).toBeFocused();
  expect(linkContent(await page.getByTestId('share-link').inputValue())).toContain('access_denied');
});

test('clear all closes the share panel and what it replaced', async ({ analyzer, page }) => {
  await analyzer.open();
  await fillCase(page, readCase('trailing-slash.json'));
  await share(page);
  await expect(page.getByTestId('share-preview')).toBeVisible();
  await page.getByTestId('clear-all').click();
  await expect(page.getByTestId('share-link')).toHaveCount(0);
  await expect(page.getByTestId('share-preview')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('8f1c2a77d1');
  // The next case typed does not bring the old link back.
  await analyzer.fill(EXACT);
  await analyzer.expectStatus('exact');
  await expect(page.getByTestId('share-panel')).toHaveCount(0);
  await expect(page.getByTestId('share-stale')).toHaveCount(0);
});

test('without a clipboard (plain http) the copy button selects the link and says so', async ({ analyzer, page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // What a page served over http (not a secure context) has: no navigator.clipboard.
  await page.addInitScript(() => { delete (Navigator.prototype as { clipboard?: unknown }).clipboard; });
  await analyzer.open();
  await analyzer.fill(TRAILING_SLASH);
  const link = await share(page);
  await page.getByTestId('share-copy').click();
  await expect(page.getByTestId('share-copy-unavailable')).toBeVisible();
  await expect(page.getByTestId('share-link')).toBeFocused();
  expect(await page.evaluate(() => window.getSelection()?.toString() || (document.activeElement as HTMLInputElement).value.slice(
    (document.activeElement as HTMLInputElement).selectionStart ?? 0, (document.activeElement as HTMLInputElement).selectionEnd ?? 0))).toBe(link);
  expect(errors).toEqual([]);
});

test('the share panel closes with Escape or Close and hands focus back to its button', async ({ analyzer, page }) => {
  await analyzer.open();
  await analyzer.fill(TRAILING_SLASH);
  await share(page);
  await page.getByTestId('share-link').focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('share-panel')).toHaveCount(0);
  await expect(page.getByTestId('share-button')).toBeFocused();
  await share(page);
  await page.getByTestId('share-close').click();
  await expect(page.getByTestId('share-panel')).toHaveCount(0);
  await expect(page.getByTestId('share-button')).toBeFocused();
});

test('Escape on the "Share link" button, where Enter leaves the keyboard, closes the panel it opened', async ({ analyzer, page }) => {
  await analyzer.open();
  await analyzer.fill(TRAILING_SLASH);
  const button = page.getByTestId('share-button');
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('share-panel')).toBeVisible();
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('share-panel')).toHaveCount(0);
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
});

test('the copy button copies the link and says so', async ({ analyzer, page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL ?? '').origin });
  await analyzer.open();
  await analyzer.fill(TRAILING_SLASH);
  const link = await share(page);
  const copy = page.getByTestId('share-copy');
  await copy.click();
  await expect(copy).toHaveText(/Copied/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
});

test('large evidence is left out of the link unless asked for', async ({ analyzer, page }) => {
  await analyzer.open();
  await analyzer.fill(TRAILING_SLASH);
  const entry = { request: { method: 'GET', url: 'https://app.contoso.com/static/x.js', headers: [] }, response: { status: 200 } };
  const har = JSON.stringify({ log: { version: '1.2', entries: Array.from({ length: 2000 }, () => entry) } });
  expect(har.length).toBeGreaterThan(200 * 1024);
  await page.getByTestId('evidence-input').fill(har);
  const without = await share(page);
  await expect(page.getByTestId('share-evidence-note')).toContainText('left out');
  expect(JSON.parse(linkContent(without)).evidence).toBeUndefined();
  await page.getByTestId('share-include-evidence').check();
  await expect(page.getByTestId('share-evidence-note')).toContainText('is in the link');
  const withEvidence = await page.getByTestId('share-link').inputValue();
  expect(withEvidence.length).toBeGreaterThan(without.length);
  expect(JSON.parse(linkContent(withEvidence)).evidence.length).toBe(har.length);
});

test('a bad link shows why and the page still analyses typed input', async ({ analyzer, page }) => {
  // A valid link to cut short.
  await analyzer.open();
  await fillCase(page, readCase('state-mismatch.json'));
  const good = await share(page);
  const fragment = good.slice(good.indexOf('#'));
  const bad: [string, RegExp][] = [
    [fragment.slice(0, Math.floor(fragment.length / 2)), /damaged|cut short/],
    ['#v1.@@@not*base64@@@', /damaged/],
    ['#v1.' + Buffer.from('not deflate at all').toString('base64url'), /could not be decompressed/],
    ['#v9.xxx', /format 'v9'/],
  ];
  const alert = page.getByRole('alert').filter({ has: page.getByText('This share link could not be opened.') });
  for (const [hash, message] of bad) {
    await page.getByTestId('clear-all').click();
    // Pasted into the tab (a hashchange), then at start-up (a reload).
    await page.goto(`./${hash}`);
    await expect(alert, hash).toContainText(message);
    await reload(page);
    await expect(alert, hash).toBeVisible();
    await expect(alert, hash).toHaveAttribute('data-testid', 'share-error');
    await expect(alert, hash).toContainText(message);
    // Nothing was loaded, and the page works on what the user types.
    await expect(analyzer.authorize).toHaveValue('');
    await analyzer.fill(TRAILING_SLASH);
    await analyzer.expectStatus('mismatch');
    await expect(analyzer.finding('redirect.trailing_slash_mismatch')).toBeVisible();
    // Dismissing the message tidies the address.
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByTestId('share-error')).toHaveCount(0);
    await expect(analyzer.authorize).toBeFocused();
    expect(page.url()).not.toContain('#');
  }
  // An ordinary in-page anchor is not a share link.
  await page.goto('./#verdict');
  await expect(page.getByTestId('share-error')).toHaveCount(0);
});

test('HTML and script in a shared case render as text', async ({ analyzer, page, browser, baseURL }) => {
  const script = '<script>alert(1)</script>';
  const img = '<img src=x onerror=alert(1)>';
  const payload: CaseFile = {
    authorize:
      'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e' +
      `&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fcb&scope=openid&state=${encodeURIComponent(script)}` +
      `&login_hint=${encodeURIComponent(img)}`,
    registered: `https://app.contoso.com/cb/${img}\nhttps://app.contoso.com/${script}`,
    callback: `https://app.contoso.com/cb?error=access_denied&error_description=${img}${script}`,
    evidence: `[{"appId":"6731de76-14a6-49ae-97bc-6eba6914391e","state":"${script}","status":{"failureReason":"${img} ${script}"}}]`,
  };
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await analyzer.open();
  await fillCase(page, payload);
  const link = await share(page);
  // The preview lists the replaced values as text (the state in the evidence as it stood).
  await expect(page.getByTestId('share-preview').locator('[data-redaction="state"]', { hasText: script })).toBeVisible();

  const other = await receiver(browser, baseURL);
  await openLink(other.page, link);
  await expect(other.page.getByTestId('share-opened')).toBeVisible();
  const registered = other.page.getByTestId('registered-list');
  // The line with spaces is not a URI: it is quoted, as text, by the finding that says so.
  const unreadable = other.page.locator('[data-finding="input.registered_unreadable"]');
  await expect(unreadable.getByText(img, { exact: false }).first()).toBeVisible();
  await expect(registered.getByText(script, { exact: false }).first()).toBeVisible();
  await expect(other.page.getByTestId('callback-input')).toHaveValue(payload.callback ?? '');
  // No element came from the payload: the page's own scripts have no text, and it has no images.
  await expect(other.page.locator('script', { hasText: 'alert' })).toHaveCount(0);
  await expect(other.page.locator('img')).toHaveCount(0);
  await expect(other.page.locator('[onerror]')).toHaveCount(0);
  await other.done();
  expect(dialogs, 'no payload ran on the sender\'s page').toEqual([]);
  await expect(page.locator('img')).toHaveCount(0);
});

test('a link over own inputs asks first, at start-up and when pasted into the tab', async ({ analyzer, page }) => {
  await analyzer.open();
  await fillCase(page, readCase('ca-blocked.json'));
  const link = await share(page);

  // The user's own inputs.
  await page.getByTestId('clear-all').click();
  await analyzer.fill(EXACT);
  await analyzer.expectStatus('exact');

  // Pasted into the same tab: a hashchange.
  await page.goto(link);
  const ask = page.getByTestId('share-ask');
  await expect(ask).toBeVisible();
  await expect(ask).toContainText('Open it in place of your own inputs?');
  await expect(analyzer.registered).toHaveValue(EXACT.registered ?? '');
  await ask.getByRole('button', { name: 'Keep my inputs' }).click();
  await expect(ask).toHaveCount(0);
  await expect(analyzer.registered).toHaveValue(EXACT.registered ?? '');
  expect(page.url()).not.toContain('#');

  // At start-up: the session's inputs come back, so the page asks again.
  await page.evaluate((url) => history.replaceState(null, '', url), link);
  await page.reload();
  await expect(ask).toBeVisible();
  await expect(analyzer.registered).toHaveValue(EXACT.registered ?? '');
  await ask.getByRole('button', { name: 'Open shared case' }).click();
  await expect(ask).toHaveCount(0);
  await expect(analyzer.authorize).toBeFocused();
  await expect(analyzer.callback).toHaveValue(/AADSTS53003/);
  await expect(analyzer.finding('response.conditional_access')).toBeVisible();
  expect(page.url()).not.toContain('#');
});

test('Back from a link pasted into the tab withdraws its question and its error; Forward asks again; Clear all ends the error', async ({ analyzer, page }) => {
  await analyzer.open();
  await fillCase(page, readCase('ca-blocked.json'));
  const link = await share(page);
  await page.getByTestId('clear-all').click();
  await analyzer.fill(EXACT);
  await analyzer.expectStatus('exact');

  // Pasted into the address bar over the user's own inputs: the page asks.
  await page.evaluate((hash) => { location.hash = hash; }, link.slice(link.indexOf('#') + 1));
  const ask = page.getByTestId('share-ask');
  await expect(ask).toBeVisible();
  // Back: the link is no longer in the address, so there is nothing left to open.
  await page.goBack();
  expect(page.url()).not.toContain('#');
  await expect(ask).toHaveCount(0);
  await expect(analyzer.registered).toHaveValue(EXACT.registered ?? '');
  // Forward brings the link back, and the question with it.
  await page.goForward();
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Keep my inputs' }).click();

  // The same for a damaged link's error.
  await page.evaluate(() => { location.hash = 'v1.@@@not*base64@@@'; });
  await expect(page.getByTestId('share-error')).toBeVisible();
  await page.goBack();
  await expect(page.getByTestId('share-error')).toHaveCount(0);
  await analyzer.expectStatus('exact');

  // "Clear all" ends a damaged link's error: it said the inputs were unchanged.
  await page.evaluate(() => { location.hash = 'v1.@@@not*base64@@@'; });
  await expect(page.getByTestId('share-error')).toBeVisible();
  await page.getByTestId('clear-all').click();
  await expect(page.getByTestId('share-error')).toHaveCount(0);
});

test('a share link pasted into the authorize box offers to open its case, with undo', async ({ analyzer, page }) => {
  await analyzer.open();
  await fillCase(page, readCase('ca-blocked.json'));
  const link = await share(page);
  await page.getByTestId('clear-all').click();

  // Pasted where the authorize URL goes instead of the address bar.
  await analyzer.authorize.fill(link);
  await expect(analyzer.finding('input.authorize_unreadable')).toContainText('share link');
  const offer = page.getByTestId('share-pasted');
  await expect(offer).toContainText('The authorize box holds a share link.');
  await offer.getByRole('button', { name: 'Open shared case' }).click();
  await expect(offer).toHaveCount(0);
  await expect(analyzer.callback).toHaveValue(/AADSTS53003/);
  await expect(analyzer.finding('response.conditional_access')).toBeVisible();
  await expect(analyzer.authorize).toBeFocused();

  // The link comes back with undo, and so does the offer.
  await page.getByTestId('undo-clear').click();
  await expect(analyzer.authorize).toHaveValue(link);
  await expect(offer).toBeVisible();
});
