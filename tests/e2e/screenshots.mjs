// Makes the README's screenshots from the release build (make screenshots; not part of make test):
//   docs/screenshot-desktop-light.png, docs/screenshot-desktop-dark.png, docs/screenshot-mobile.png
// Serves dist/ with serve.py on 127.0.0.1 and drives the system's Chromium; nothing is downloaded.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const docs = process.env.SCREENSHOT_OUT ?? path.join(root, 'docs');
const dist = process.env.SCREENSHOT_DIST ?? path.join(root, 'dist');
const port = Number(process.env.SCREENSHOT_PORT ?? 4399);
const origin = `http://127.0.0.1:${port}`;

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`screenshots: ${url} did not come up`);
}

/** Opens the page in a fresh context, picks an example and waits for its verdict. */
async function open(browser, { width, height, scheme, example }) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.getByTestId('examples').getByRole('button', { name: example }).click();
  await page.locator('[data-redirect-status="mismatch"]').waitFor();
  // No hover or focus ring from the click in the picture.
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
  return { context, page };
}

const server = spawn('python3', ['serve.py', '--dir', dist, '--port', String(port)], {
  cwd: here,
  stdio: ['ignore', 'ignore', 'inherit'],
});
try {
  await waitForServer(`${origin}/index.html`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--font-render-hinting=none'],
  });
  try {
    for (const scheme of ['light', 'dark']) {
      const { context, page } = await open(browser, { width: 1440, height: 1200, scheme, example: 'Trailing slash' });
      const file = path.join(docs, `screenshot-desktop-${scheme}.png`);
      await page.screenshot({ path: file });
      console.log(`screenshots: ${path.relative(root, file)}`);
      await context.close();
    }
    const { context, page } = await open(browser, { width: 375, height: 1400, scheme: 'light', example: 'Invisible character' });
    await page.getByTestId('verdict').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 8));
    const file = path.join(docs, 'screenshot-mobile.png');
    await page.screenshot({ path: file });
    console.log(`screenshots: ${path.relative(root, file)}`);
    await context.close();
  } finally {
    await browser.close();
  }
} finally {
  server.kill();
}
