import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '../fixtures/test';
import { ROOT, cliReportOf } from '../fixtures/cli';
import { expectReport, fillCase } from '../fixtures/page_case';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'evidence');
const REGISTERED = 'https://app.contoso.com/cb';

/** Every HAR and sign-in log fixture, sorted. */
function fixtures(): string[] {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.har') || name.endsWith('.json'))
    .sort();
}

// For every evidence fixture, pasted into the evidence box, the page shows the same findings
// (har.* and signin.* among them, in order) and status as the CLI for the same case; the
// evidence panel shows the HAR's timeline or the sign-in log's failed entries.
test('every evidence fixture pasted: the page agrees with the CLI and shows the evidence', async ({ analyzer, page }) => {
  test.setTimeout(180_000);
  const names = fixtures();
  expect(names.length).toBeGreaterThanOrEqual(10);
  await analyzer.open();
  let evidenceCodes = 0;
  for (const name of names) {
    const input = { registered: REGISTERED, evidence: readFileSync(path.join(FIXTURES, name), 'utf8') };
    const cli = cliReportOf(input);
    const codes = cli.findings.map((f) => f.code);
    evidenceCodes += codes.filter((c) => c.startsWith('har.') || c.startsWith('signin.')).length;
    await fillCase(page, input);
    await expectReport(page, cli.redirect.status, codes, name);
    const panel = page.getByTestId('evidence-panel');
    if (name.endsWith('.har')) {
      await expect(panel, name).toHaveAttribute('data-evidence-kind', 'har');
      if (codes.includes('har.authorize_found')) {
        await expect(panel.locator('[data-step="authorize"]').first(), name).toBeVisible();
      }
    } else {
      await expect(panel, name).toHaveAttribute('data-evidence-kind', 'signin_log');
    }
  }
  expect(evidenceCodes, 'har.* and signin.* findings across the fixtures').toBeGreaterThan(20);
});

test('every evidence fixture opened with the file picker is analysed like a pasted one', async ({ analyzer, page }) => {
  test.setTimeout(180_000);
  await analyzer.open();
  for (const name of fixtures()) {
    const text = readFileSync(path.join(FIXTURES, name), 'utf8');
    const cli = cliReportOf({ registered: REGISTERED, evidence: text });
    await page.getByTestId('clear-all').click();
    await page.getByTestId('registered-input').fill(REGISTERED);
    await page.getByTestId('evidence-file').setInputFiles(path.join(FIXTURES, name));
    await expectReport(page, cli.redirect.status, cli.findings.map((f) => f.code), name);
    await expect(page.getByTestId('evidence-input')).toHaveValue(text);
  }
});

test('the sanitised HAR holds none of the secrets and says what it removed', async ({ analyzer, page }) => {
  const name = 'code-lost-proxy-301.har';
  const text = readFileSync(path.join(FIXTURES, name), 'utf8');
  const har = JSON.parse(text) as { log: { entries: { request: { url: string; headers: { name: string; value: string }[] } }[] } };
  // Secret values of the fixture, found independently: code, state and nonce in URLs, cookies.
  const secrets = new Set<string>();
  for (const entry of har.log.entries) {
    const url = new URL(entry.request.url);
    for (const key of ['code', 'state', 'nonce', 'code_challenge']) {
      const value = url.searchParams.get(key);
      if (value && value.length >= 4) secrets.add(value);
    }
    for (const header of entry.request.headers) {
      if (header.name.toLowerCase() === 'cookie') {
        for (const pair of header.value.split(';')) {
          const value = pair.split('=')[1]?.trim();
          if (value && value.length >= 4) secrets.add(value);
        }
      }
    }
  }
  expect(secrets.size, 'secrets found in the fixture').toBeGreaterThanOrEqual(3);
  await analyzer.open();
  await page.getByTestId('evidence-input').fill(text);
  await page.getByTestId('sanitize-har').click();
  const preview = page.getByTestId('sanitized-preview');
  await expect(preview).toContainText('state');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-sanitized-har').click()]);
  const file = await download.path();
  const out = readFileSync(file, 'utf8');
  expect(JSON.parse(out).log.entries.length).toBe(har.log.entries.length);
  for (const secret of secrets) expect(out, `secret ${secret}`).not.toContain(secret);
  // Editing the evidence withdraws the copy made from the old text.
  await page.getByTestId('evidence-input').fill(text.replace('"1.2"', '"1.2" '));
  await expect(preview).toHaveCount(0);
});

test('at 375 px wide the HAR timeline and the removed list do not scroll sideways', async ({ analyzer, page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await analyzer.open();
  await page.getByTestId('registered-input').fill('https://fabrikam.com/auth/callback');
  await page.getByTestId('evidence-input').fill(readFileSync(path.join(FIXTURES, 'code-lost-proxy-301.har'), 'utf8'));
  await page.getByTestId('sanitize-har').click();
  await expect(page.getByTestId('sanitized-preview')).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
});

test('at 375 px wide a finding that quotes long cookie names wraps them inside its card', async ({ analyzer, page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await analyzer.open();
  await page.getByTestId('registered-input').fill('https://app.contoso.com/signin-oidc');
  await page.getByTestId('evidence-input').fill(readFileSync(path.join(FIXTURES, 'correlation-cookie-samesite-lax.har'), 'utf8'));
  const card = page.locator('[data-finding="har.app_error"]');
  await expect(card).toContainText('.AspNetCore.Correlation.');
  // No text runs out of its box (clipped text does not scroll the page, so measure the boxes).
  const overflowing = await card.evaluate((el) =>
    [...el.querySelectorAll('p, h3, span, code')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).display !== 'inline')
      .map((e) => e.className),
  );
  expect(overflowing).toEqual([]);
});

test('a right-to-left override quoted in a sign-in log is shown by its code point, not obeyed', async ({ analyzer, page }) => {
  // U+202E in a quoted reply URL would show "…/kcab" reversed as "…/back" on the page.
  const csv = readFileSync(path.join(FIXTURES, 'signin-portal-50011.csv'), 'utf8').replace(
    'The reply URL specified in the request',
    "The reply URL 'https://app.contoso.com/\u202Ekcab\u202C' specified in the request",
  );
  expect(csv).toContain('\u202E');
  await analyzer.open();
  await page.getByTestId('evidence-input').fill(csv);
  const signins = page.getByTestId('evidence-signins');
  await expect(signins).toContainText("'https://app.contoso.com/⟨U+202E⟩kcab⟨U+202C⟩'");
  expect(await signins.textContent()).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
});

test('evidence over 1 MB is analysed in full but not laid out in its box', async ({ analyzer, page }) => {
  const har = JSON.parse(readFileSync(path.join(FIXTURES, 'code-lost-proxy-301.har'), 'utf8')) as { log: { entries: unknown[] } };
  const filler = { request: { method: 'GET', url: 'https://fabrikam.com/static/app.js', headers: [] }, response: { status: 200, content: { text: 'x'.repeat(1000) } } };
  har.log.entries.push(...Array.from({ length: 1500 }, () => filler));
  const text = JSON.stringify(har);
  expect(text.length).toBeGreaterThan(1 << 20);
  await analyzer.open();
  await page.getByTestId('registered-input').fill('https://fabrikam.com/auth/callback');
  await page.getByTestId('evidence-file').setInputFiles({ name: 'big.har', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('evidence-input-held')).toContainText('MB held');
  await expect(page.getByTestId('evidence-input')).toHaveValue('');
  await expect(page.locator('[data-finding="har.code_lost"]')).toBeVisible();
  // A reload keeps the other inputs, not 1 MB and more of evidence, and says so.
  await page.reload();
  await expect(page.getByTestId('registered-input')).toHaveValue('https://fabrikam.com/auth/callback');
  await expect(page.getByTestId('evidence-dropped')).toContainText('too large to keep in the tab');
  await page.getByTestId('evidence-file').setInputFiles({ name: 'big.har', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('evidence-dropped')).toHaveCount(0);
  await page.getByTestId('evidence-input-held').getByRole('button', { name: 'Clear it' }).click();
  // The button went with its note: the keyboard is in the emptied box, not lost to the page.
  await expect(page.getByTestId('evidence-input')).toBeFocused();
  await expect(page.locator('[data-finding^="har."]')).toHaveCount(0);
  await expect(page.getByTestId('evidence-dropped')).toHaveCount(0);
});
