import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
const [casePath] = process.argv.slice(2);
const c = JSON.parse(fs.readFileSync(casePath, 'utf8'));
const srv = spawn('python3', ['serve.py', '--dir', '../../dist', '--port', '4398'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 375, height: 800 } });
const page = await ctx.newPage();
await page.goto('http://127.0.0.1:4398/');
for (const [k, id] of [['authorize', 'authorize-input'], ['registered', 'registered-input'], ['callback', 'callback-input'], ['evidence', 'evidence-input']]) {
  if (c[k]) await page.getByTestId(id).fill(c[k]);
}
await page.waitForTimeout(500);
const res = await page.evaluate(() => {
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    if (el.scrollWidth > el.clientWidth + 1 && cs.overflowX === 'visible' && r.left + el.scrollWidth > 376) out.push(`SW ${el.scrollWidth} cw ${el.clientWidth} ` + `${el.tagName}.${el.className} right=${Math.round(r.right)} text=${(el.textContent||'').slice(0,80)}`);
  }
  return { sw: document.documentElement.scrollWidth, out: out.slice(0, 15) };
});
console.log(JSON.stringify(res, null, 1));
await browser.close();
srv.kill();
