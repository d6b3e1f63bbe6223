import { test, expect } from '../fixtures/test';
import { TRAILING_SLASH } from '../fixtures/cases';

// dist/ must work from any sub-path of a static host: every asset URL is relative.
const SUBPATH = '/tools/redirect-doctor/';

test('the page boots and works under a sub-path', async ({ analyzer, guard, page }) => {
  await analyzer.open(`.${SUBPATH}`);
  expect(new URL(page.url()).pathname).toBe(SUBPATH);

  await analyzer.fill(TRAILING_SLASH);
  await analyzer.expectStatus('mismatch');

  // Every asset came from under the sub-path, none from the host's root.
  const assets = guard.requests.map((url) => new URL(url).pathname);
  expect(assets.length).toBeGreaterThan(2);
  for (const path of assets) expect(path.startsWith(SUBPATH), `${path} is under ${SUBPATH}`).toBe(true);
});

test('the sub-path without its trailing slash still lands on the page', async ({ analyzer, page }) => {
  await analyzer.open('./tools/redirect-doctor');
  expect(new URL(page.url()).pathname).toBe(SUBPATH);
});
