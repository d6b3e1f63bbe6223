import { test, expect } from '../fixtures/test';
import { readCase } from '../fixtures/cli';
import { fillCase } from '../fixtures/page_case';
import type { Page } from '@playwright/test';

// axe-core, injected into the page: 0 violations on the empty page, a mismatch and a match,
// in the light and the dark theme. The page's CSP rightly refuses injected scripts, so this
// file alone runs in a context that bypasses it (the guard still watches everything else).
test.use({ bypassCSP: true });

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[];
}

async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(
    () => (window as unknown as { axe: { run: (c: Document, o: object) => Promise<unknown> } }).axe.run(document, { resultTypes: ['violations'] }),
  ) as AxeResult;
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}; ${n.failureSummary ?? ''}`));
}

const STATES: { name: string; file?: string; status: string }[] = [
  { name: 'the empty page', status: 'unchecked' },
  { name: 'a mismatch', file: 'trailing-slash.json', status: 'mismatch' },
  { name: 'a match', file: 'exact-match-web.json', status: 'exact' },
];

for (const scheme of ['light', 'dark'] as const) {
  for (const state of STATES) {
    test(`axe: no violations on ${state.name}, ${scheme} theme`, async ({ analyzer, page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await analyzer.open();
      if (state.file) {
        await fillCase(page, readCase(state.file));
        await page.getByText('UTF-8 bytes (hex)').click();
        await expect(page.getByTestId('hex-view').locator('.rd-hex__item').first()).toBeVisible();
      }
      await analyzer.expectStatus(state.status);
      expect(await axe(page)).toEqual([]);
    });
  }
}

test('axe: no violations with the dark theme chosen by the toggle', async ({ analyzer, page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await analyzer.open();
  await fillCase(page, readCase('invisible-zwsp.json'));
  await page.getByRole('button', { name: /Dark theme/ }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByText('UTF-8 bytes (hex)').click();
  await expect(page.getByTestId('hex-view').locator('.rd-hex__item').first()).toBeVisible();
  expect(await axe(page)).toEqual([]);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe: no violations with HAR and sign-in log evidence, ${scheme} theme`, async ({ analyzer, page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await analyzer.open();
    const fixtures = require('node:path').resolve(__dirname, '..', '..', 'fixtures', 'evidence');
    const read = (name: string) => require('node:fs').readFileSync(`${fixtures}/${name}`, 'utf8') as string;
    await page.getByTestId('registered-input').fill('https://fabrikam.com/auth/callback');
    await page.getByTestId('evidence-input').fill(read('code-lost-proxy-301.har'));
    await page.getByTestId('sanitize-har').click();
    await expect(page.getByTestId('sanitized-preview')).toBeVisible();
    expect(await axe(page)).toEqual([]);
    await page.getByTestId('evidence-input').fill(read('signin-ca-blocked.json'));
    await expect(page.getByTestId('evidence-signins')).toBeVisible();
    expect(await axe(page)).toEqual([]);
  });
}
