import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '../fixtures/test';
import { TRAILING_SLASH } from '../fixtures/cases';
import { cliReport, readCase, ROOT } from '../fixtures/cli';
import { expectReport, fillCase } from '../fixtures/page_case';

// The journeys of the page (issue 4). Every test runs under the guard fixture: no request
// outside the page's origin, no CSP violation, no console or page error.

test('pasting a mismatch shows the verdict, the marked diff and the fix', async ({ analyzer, page }) => {
  await analyzer.open();
  await analyzer.fill(TRAILING_SLASH);
  await analyzer.expectStatus('mismatch');

  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'rejected');
  await expect(verdict.getByRole('heading', { level: 2 })).toHaveText(/Rejected/);
  await expect(page.getByTestId('verdict-aadsts')).toHaveText('AADSTS50011');
  // The live region says the same, for screen readers.
  await expect(page.getByTestId('verdict-live')).toHaveText(/Rejected/);
  // It speaks once typing pauses, not at every keystroke.
  await page.getByTestId('verdict-live').evaluate((el) => {
    (window as unknown as { spoken: number }).spoken = 0;
    new MutationObserver(() => { (window as unknown as { spoken: number }).spoken += 1; })
      .observe(el, { childList: true, characterData: true, subtree: true });
  });
  await analyzer.authorize.fill('');
  await analyzer.authorize.pressSequentially('https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76', { delay: 15 });
  const spoken = () => page.evaluate(() => (window as unknown as { spoken: number }).spoken);
  await expect.poll(spoken).toBeGreaterThan(0);
  // Typing the URL changed the verdict at most keystrokes; the region said it a few times.
  expect(await spoken()).toBeLessThanOrEqual(3);
  await analyzer.fill(TRAILING_SLASH);

  // The registered URI has a trailing slash the sent one lacks: one cell only in the registered URI.
  const deleted = page.locator('[data-testid="diff-grid"] [data-op="delete"]');
  await expect(deleted).toHaveCount(1);
  await expect(deleted.locator('.rd-diff__ch--registered')).toHaveText('/');
  await expect(page.locator('[data-testid="diff-grid"] [data-op="insert"]')).toHaveCount(0);
  const path = page.locator('[data-testid="component-table"] tr[data-component="path"]');
  await expect(path).toHaveAttribute('data-equal', 'false');
  await expect(path).toContainText('differs');
  await expect(page.locator('[data-testid="component-table"] tr[data-component="host"]')).toHaveAttribute('data-equal', 'true');

  // The fix: the primary finding, with its concrete strings to copy.
  const finding = analyzer.finding('redirect.trailing_slash_mismatch');
  await expect(finding).toHaveAttribute('data-severity', 'error');
  await expect(finding.locator('.rd-finding__fix')).not.toBeEmpty();
  // The corrected authorize URL carries the registered URI, encoded.
  await expect(finding.locator('pre').filter({ hasText: 'app.contoso.com%2Fcb%2F' }).first()).toBeVisible();

  // The hex view shows the bytes of both strings, built when it is first opened.
  await expect(page.getByTestId('hex-view').locator('.rd-hex__item')).toHaveCount(0);
  await page.getByText('UTF-8 bytes (hex)').click();
  await expect(page.getByTestId('hex-view').locator('.rd-hex__item').first()).toBeVisible();
  await expect(page.getByTestId('hex-view').locator('.rd-hex__bytes').first()).toHaveText('68');
  // An edit makes the view again inside the open box: it stays filled, with the new bytes.
  await analyzer.authorize.fill((await analyzer.authorize.inputValue()).replace('https%3A%2F%2F', 'http%3A%2F%2F'));
  await expect(page.getByTestId('hex-view').locator('.rd-hex__item').first()).toBeVisible();
  await expect(page.getByTestId('hex-view').locator('.rd-hex__item').nth(4)).toContainText('3A');
});

test('a fix can be copied, and the button says so', async ({ analyzer, page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL ?? '').origin });
  await analyzer.open();
  await analyzer.fill(TRAILING_SLASH);
  const finding = analyzer.finding('redirect.trailing_slash_mismatch');
  const snippet = finding.locator('.rd-snippet').first();
  const text = await snippet.locator('pre').innerText();
  const button = snippet.locator('button.rd-copy');
  await expect(button).toHaveAccessibleName(/^Copy/);

  // The confirmation lasts a moment only: watch for it from before the click.
  await button.evaluate((el) => {
    (window as unknown as { copied: Promise<string> }).copied = new Promise<string>((resolve) => {
      const observer = new MutationObserver(() => {
        if (el.getAttribute('data-copied') === 'true' && (el.textContent ?? '').includes('Copied')) {
          observer.disconnect();
          resolve(el.textContent ?? '');
        }
      });
      observer.observe(el, { attributes: true, childList: true, subtree: true, characterData: true });
    });
  });
  await button.click();
  expect(await page.evaluate(() => (window as unknown as { copied: Promise<string> }).copied)).toMatch(/^Copied/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
  // The confirmation goes away again.
  await expect(button).toHaveAttribute('data-copied', 'false', { timeout: 4_000 });
});

test('one click on an example fills the inputs and shows its diagnosis', async ({ analyzer, page }) => {
  await analyzer.open();
  await page.getByTestId('examples').getByRole('button', { name: 'Conditional Access block' }).click();
  const ca = readCase('ca-blocked.json');
  await expect(analyzer.authorize).toHaveValue(ca.authorize ?? '');
  await expect(analyzer.callback).toHaveValue(ca.callback ?? '');
  await analyzer.expectStatus('exact');
  await expect(analyzer.finding('response.conditional_access')).toBeVisible();
  await expect(page.getByTestId('verdict-aadsts')).toHaveText('AADSTS53003');

  await page.getByTestId('examples').getByRole('button', { name: 'Trailing slash' }).click();
  await analyzer.expectStatus('mismatch');
  await expect(analyzer.callback).toHaveValue('');
});

test('dropping a Graph JSON export on the registered box fills it', async ({ analyzer, page }) => {
  const proxy = readCase('scheme-behind-proxy.json');
  const json = proxy.registered ?? '';
  expect(json.trimStart().startsWith('{'), 'the case holds a JSON export').toBe(true);
  await analyzer.open();
  await analyzer.fill({ authorize: proxy.authorize });

  await analyzer.registered.evaluate((box, text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'app.json', { type: 'application/json' }));
    box.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    box.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, json);

  await expect(analyzer.registered).toHaveValue(json);
  await expect(page.getByText(/Read app\.json/)).toBeVisible();
  const cli = cliReport('scheme-behind-proxy.json');
  await analyzer.expectStatus(cli.redirect.status);
  await expect(analyzer.finding('redirect.scheme_mismatch')).toBeVisible();
  // The list as read names each URI's platform.
  await expect(page.getByTestId('registered-item').first()).toContainText('Web');
});

test('an empty file\'s note goes with "Clear all"; "Share link" on empty boxes says there is nothing to share', async ({ analyzer, page }) => {
  await analyzer.open();
  await page.getByTestId('evidence-file').setInputFiles({ name: 'empty.har', mimeType: 'application/json', buffer: Buffer.alloc(0) });
  await expect(page.getByText(/empty\.har is empty/)).toBeVisible();
  await page.getByTestId('clear-all').click();
  await expect(page.getByText(/empty\.har is empty/)).toHaveCount(0);
  await page.getByTestId('share-button').click();
  await expect(page.getByTestId('share-empty')).toBeVisible();
  await analyzer.fill({ authorize: TRAILING_SLASH.authorize });
  await expect(page.getByTestId('share-empty')).toHaveCount(0);
});

test('the file picker fills the registered box too', async ({ analyzer }) => {
  await analyzer.open();
  await analyzer.fill({ authorize: TRAILING_SLASH.authorize });
  await analyzer.page.getByTestId('registered-file').setInputFiles({
    name: 'uris.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('https://app.contoso.com/cb\n'),
  });
  await expect(analyzer.registered).toHaveValue('https://app.contoso.com/cb\n');
  await analyzer.expectStatus('exact');
});

test('a UTF-16 export is read as text, an archive is refused, and Clear all clears the file note', async ({ analyzer, page }) => {
  await analyzer.open();
  await analyzer.fill({ authorize: TRAILING_SLASH.authorize });
  // What Windows PowerShell's `>` writes: UTF-16LE with a byte-order mark.
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Web\r\nhttps://app.contoso.com/cb\r\n', 'utf16le')]);
  const picker = page.getByTestId('registered-file');
  await picker.setInputFiles({ name: 'uris.txt', mimeType: 'text/plain', buffer: utf16 });
  // The box shows line breaks as LF (a textarea's value normalises CR LF).
  await expect(analyzer.registered).toHaveValue('Web\nhttps://app.contoso.com/cb\n');
  await expect(page.getByText(/Read uris\.txt \(1 KB, read as UTF-16LE\)/)).toBeVisible();
  await analyzer.expectStatus('exact');

  const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]);
  await picker.setInputFiles({ name: 'capture.har.zip', mimeType: 'application/zip', buffer: zip });
  await expect(page.getByText('capture.har.zip is a zip archive, not text: unpack it')).toBeVisible();
  // The box keeps what it held: a refused file changes nothing.
  await expect(analyzer.registered).toHaveValue('Web\nhttps://app.contoso.com/cb\n');

  await picker.setInputFiles({ name: 'uris.txt', mimeType: 'text/plain', buffer: utf16 });
  await expect(page.getByText(/Read uris\.txt/)).toBeVisible();
  await page.getByTestId('clear-all').click();
  await expect(analyzer.registered).toHaveValue('');
  await expect(page.getByText(/Read uris\.txt/)).toHaveCount(0);
});

test('an example replaces the inputs and "Undo example" puts them back until the boxes are edited', async ({ analyzer, page }) => {
  await analyzer.open();
  // On empty boxes an example replaces nothing: no undo.
  await page.getByTestId('examples').getByRole('button', { name: 'Trailing slash' }).click();
  await expect(page.getByTestId('undo-clear')).toHaveCount(0);
  await page.getByTestId('clear-all').click();
  await analyzer.fill({ ...TRAILING_SLASH, callback: 'https://app.contoso.com/cb?error=access_denied' });
  await page.getByTestId('examples').getByRole('button', { name: 'localhost port' }).click();
  await expect(analyzer.callback).not.toHaveValue('https://app.contoso.com/cb?error=access_denied');
  await page.getByTestId('undo-clear').filter({ hasText: 'Undo example' }).click();
  await expect(analyzer.authorize).toHaveValue(TRAILING_SLASH.authorize ?? '');
  await expect(analyzer.callback).toHaveValue('https://app.contoso.com/cb?error=access_denied');
  await expect(page.getByTestId('undo-clear')).toHaveCount(0);
  // Editing the example's inputs ends the offer.
  await page.getByTestId('examples').getByRole('button', { name: 'localhost port' }).click();
  await expect(page.getByTestId('undo-clear')).toBeVisible();
  await analyzer.callback.fill('x');
  await expect(page.getByTestId('undo-clear')).toHaveCount(0);
});

test('a reload keeps the inputs; "Clear all" empties them, "Undo clear" puts them back', async ({ analyzer, page }) => {
  await analyzer.open();
  await expect(page.getByTestId('undo-clear')).toHaveCount(0);
  await analyzer.fill({ ...TRAILING_SLASH, callback: 'https://app.contoso.com/cb?error=access_denied' });
  await analyzer.expectStatus('mismatch');

  await page.getByTestId('clear-all').click();
  await analyzer.expectStatus('unchecked');
  // A second press on the empty boxes keeps what the first one emptied.
  await page.getByTestId('clear-all').click();
  await page.getByTestId('undo-clear').click();
  await expect(page.getByTestId('clear-all')).toBeFocused();
  await expect(analyzer.authorize).toHaveValue(TRAILING_SLASH.authorize ?? '');
  await expect(analyzer.callback).toHaveValue('https://app.contoso.com/cb?error=access_denied');
  await analyzer.expectStatus('mismatch');
  await expect(page.getByTestId('undo-clear')).toHaveCount(0);
  // Typing after "Clear all" ends the undo: emptying the box again does not bring it back.
  await page.getByTestId('clear-all').click();
  await analyzer.authorize.fill('x');
  await expect(page.getByTestId('undo-clear')).toHaveCount(0);
  await analyzer.authorize.fill('');
  await expect(page.getByTestId('undo-clear')).toHaveCount(0);
  await analyzer.fill({ ...TRAILING_SLASH, callback: 'https://app.contoso.com/cb?error=access_denied' });
  await analyzer.expectStatus('mismatch');

  await page.reload();
  await expect(analyzer.authorize).toHaveValue(TRAILING_SLASH.authorize ?? '');
  await expect(analyzer.registered).toHaveValue(TRAILING_SLASH.registered ?? '');
  await expect(analyzer.callback).toHaveValue('https://app.contoso.com/cb?error=access_denied');
  await analyzer.expectStatus('mismatch');

  await page.getByTestId('clear-all').click();
  await expect(analyzer.authorize).toHaveValue('');
  await analyzer.expectStatus('unchecked');
  await page.reload();
  await expect(analyzer.authorize).toBeVisible();
  await expect(analyzer.authorize).toHaveValue('');
  await expect(analyzer.registered).toHaveValue('');
});

test('"Export report" downloads the same JSON the CLI prints', async ({ analyzer, page }) => {
  const name = 'trailing-slash.json';
  await analyzer.open();
  await fillCase(page, readCase(name));
  const cli = cliReport(name);
  await expectReport(page, cli.redirect.status, cli.findings.map((f) => f.code));

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report').click()]);
  expect(download.suggestedFilename()).toBe('redirect-doctor-report.json');
  const text = readFileSync(await download.path(), 'utf8');
  const exported = JSON.parse(text);
  expect(exported).toEqual(cli);
});

test('choosing another registered URI diffs against it', async ({ analyzer, page }) => {
  await analyzer.open();
  await analyzer.fill({ authorize: TRAILING_SLASH.authorize, registered: 'https://app.contoso.com/cb/\nhttps://app.contoso.com/logout' });
  await analyzer.expectStatus('mismatch');
  const items = page.getByTestId('registered-item');
  await expect(items).toHaveCount(2);
  // Nearest first: the trailing-slash one.
  await expect(items.first()).toContainText('https://app.contoso.com/cb/');
  await expect(items.first()).toContainText('trailing slash');
  await expect(items.first().getByRole('button')).toHaveAttribute('aria-pressed', 'true');

  await items.nth(1).getByRole('button', { name: /Diff against this/ }).click();
  await expect(items.nth(1).getByRole('button')).toHaveAttribute('aria-pressed', 'true');
  const path = page.locator('[data-testid="component-table"] tr[data-component="path"]');
  await expect(path).toContainText('/logout');
  // The verdict is the core's and does not change.
  await analyzer.expectStatus('mismatch');
});

test('the theme toggle sets data-theme on <html> and is remembered', async ({ analyzer, page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await analyzer.open();
  const toggle = page.getByRole('button', { name: /Dark theme/ });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background);
  await page.getByRole('button', { name: /Dark theme/ }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('at 375 px wide the page does not scroll sideways', async ({ analyzer, page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await analyzer.open();
  await fillCase(page, readCase('invisible-zwsp.json'));
  await analyzer.expectStatus('mismatch');
  await page.getByText('UTF-8 bytes (hex)').click();
  await expect(page.getByTestId('hex-view').locator('.rd-hex__item').first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
  await expect(page.getByTestId('diff-notes')).toContainText('U+200B');
  // A screen reader hears the invisible character by its code point, not as nothing.
  const summary = await page.getByTestId('diff-summary').textContent();
  expect(summary).toContain('⟨U+200B⟩');
  expect(summary).not.toContain('\u200B');
});

test('the page works from the keyboard alone, with a visible focus', async ({ analyzer, page }) => {
  await analyzer.open();
  // Tab to the first example and press Enter.
  const example = page.getByTestId('examples').getByRole('button').first();
  for (let i = 0; i < 20 && !(await example.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(example).toBeFocused();
  const outline = await example.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await analyzer.expectStatus('mismatch');

  // Tab on to the authorize box and type into it.
  for (let i = 0; i < 20 && !(await analyzer.authorize.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(analyzer.authorize).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await expect(analyzer.authorize).toHaveValue('');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'empty');
});

test('a file dropped on the page outside the file boxes goes to the box that reads it, and the page stays', async ({ analyzer, page }) => {
  const har = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'evidence', 'entra-error-page-50011.har'), 'utf8');
  const manifest = readCase('scheme-behind-proxy.json').registered ?? '';
  await analyzer.open();
  // dispatchEvent is false when the page prevented the default: the browser would not open
  // the file in place of the page.
  const drop = async (selector: string, name: string, text: string) => {
    const opened = await page.locator(selector).first().evaluate((el, [n, t]) => {
      const data = new DataTransfer();
      data.items.add(new File([t], n, { type: 'application/octet-stream' }));
      const over = el.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      const dropped = el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      return over || dropped;
    }, [name, text]);
    expect(opened, `the browser's default for ${name} is prevented`).toBe(false);
  };
  // On the page's heading: each file goes to the box that reads it.
  await drop('h1', 'sign-in.har', har);
  await expect(page.getByTestId('page-drop-note')).toHaveText(/Read sign-in\.har \(.+\) into Evidence\./);
  await expect(analyzer.authorize).toHaveValue('');
  await expect(page.locator('[data-finding^="har."]').first()).toBeVisible();
  await drop('h1', 'app.json', manifest);
  await expect(page.getByTestId('page-drop-note')).toHaveText(/into Registered redirect URIs\./);
  await expect(analyzer.registered).toHaveValue(manifest);
  await drop('h1', 'url.txt', TRAILING_SLASH.authorize);
  await expect(analyzer.authorize).toHaveValue(TRAILING_SLASH.authorize);
  // On a box that has no file picker, the file fills that box: the reader chose it.
  const landing = 'https://app.contoso.com/auth/callback/?error=access_denied&error_description=AADSTS65004';
  await drop('[data-testid="callback-input"]', 'landing.txt', landing);
  await expect(analyzer.callback).toHaveValue(landing);
  await expect(analyzer.authorize).toHaveValue(TRAILING_SLASH.authorize);
  await expect(page.getByText(/Read landing\.txt/)).toBeVisible();
  // Two files at once: the first is read, and the note says the other was not.
  await page.locator('h1').evaluate((el, t) => {
    const data = new DataTransfer();
    data.items.add(new File([t], 'first.txt'));
    data.items.add(new File(['second'], 'second.txt'));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, TRAILING_SLASH.registered ?? '');
  await expect(page.getByTestId('page-drop-note')).toContainText('The other file dropped with it was not read');
  // It replaced the app's JSON in that box: undo puts it back, and the note goes with the file.
  await expect(analyzer.registered).toHaveValue(TRAILING_SLASH.registered ?? '');
  await page.getByRole('button', { name: 'Undo file drop' }).click();
  await expect(analyzer.registered).toHaveValue(manifest);
  await expect(page.getByTestId('page-drop-note')).toHaveCount(0);
  // Picking an example replaces the case, and the note with it.
  await page.getByTestId('examples').getByRole('button', { name: 'Trailing slash' }).click();
  await expect(page.getByTestId('page-drop-note')).toHaveCount(0);
});

test('a HAR dropped on the authorize or callback box goes to the evidence box, however large', async ({ analyzer, page }) => {
  const text = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'evidence', 'code-lost-proxy-301.har'), 'utf8');
  // The same HAR with a large script body in it: 3 MB, over what the other boxes hold.
  const har = JSON.parse(text);
  har.log.entries[0].response.content.text = 'x'.repeat(3 << 20);
  const large = JSON.stringify(har);
  await analyzer.open();
  await analyzer.fill(TRAILING_SLASH);
  const evidence = page.getByTestId('evidence-input');
  for (const [box, name, content] of [['authorize-input', 'sign-in.har', text], ['callback-input', 'large.har', large]]) {
    const opened = await page.getByTestId(box).evaluate((el, [n, t]) => {
      const data = new DataTransfer();
      data.items.add(new File([t], n, { type: 'application/json' }));
      el.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      return el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, [name, content]);
    expect(opened, 'the browser does not open the file in place of the page').toBe(false);
    await expect(page.getByTestId('page-drop-note')).toContainText(`Read ${name}`);
    await expect(page.getByTestId('page-drop-note')).toContainText('into Evidence.');
    // The box it was dropped on keeps its own text; the HAR is read as evidence.
    await expect(analyzer.authorize).toHaveValue(TRAILING_SLASH.authorize ?? '');
    await expect(analyzer.callback).toHaveValue('');
    await expect(page.locator('[data-finding="har.code_lost"]')).toBeVisible();
  }
  await expect(evidence).toHaveValue('');
  await expect(page.getByTestId('evidence-input-held')).toContainText('held and analysed in full');
});
