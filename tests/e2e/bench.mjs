// Browser measurements of the release build (make bench; not a test: nothing here fails on time).
// Serves dist/ with serve.py on 127.0.0.1, drives the system's Chromium and prints, over repeated
// runs, the median and the spread (min–max) of:
//   - opening a share link in a fresh tab → the diagnosis painted (navigation start to the frame
//     after the verdict shows the shared case's status);
//   - one edit → repaint, for a typical case and at Entra's limits (256 registered URIs of 256
//     characters, an 8 KB authorize URL): the time from the input event to the frame after it;
//   - the JS heap, DOM nodes and listeners before and after 100 edits at the limits;
//   - a 50 MB HAR opened with the evidence file input: to the findings painted, and the longest
//     main-thread task.
// Writes the figures to target/bench-browser.json as well. Method: docs/PERFORMANCE.md.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const dist = process.env.BENCH_DIST ?? path.join(root, 'dist');
const port = Number(process.env.BENCH_PORT ?? 4398);
const runs = Number(process.env.BENCH_RUNS ?? 15);
const origin = `http://127.0.0.1:${port}`;

const CLIENT = '6731de76-14a6-49ae-97bc-6eba6914391e';
const form = (s) => encodeURIComponent(s);

/** Entra's limits: 256 registered URIs of 256 characters; the sent one is the 129th plus '/'. */
function limitsCase() {
  const uri = (i) => {
    const head = `https://app${String(i).padStart(3, '0')}.contoso.com/auth/callback/`;
    return head + 'x'.repeat(256 - head.length);
  };
  const registered = Array.from({ length: 256 }, (_, i) => uri(i)).join('\n');
  const base =
    'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=' + CLIENT +
    `&response_type=code&redirect_uri=${form(uri(128) + '/')}&scope=openid%20profile&response_mode=query` +
    '&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=';
  return { authorize: base + 's'.repeat(8192 - base.length), registered };
}

const typicalCase = {
  authorize:
    'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=' + CLIENT +
    '&response_type=code&redirect_uri=http%3A%2F%2Fapp.contoso.com%2Fsignin-oidc&scope=openid%20profile' +
    '&response_mode=form_post&state=CfDJ8Abc&nonce=638&x-client-SKU=ID_NET8_0',
  registered: 'https://app.contoso.com/signin-oidc',
};

/** A HAR of about `mb` megabytes: one failing sign-in among many static requests. */
function bigHar(mb) {
  const authorize = {
    startedDateTime: '2026-11-21T08:00:00.000Z', time: 40,
    request: { method: 'GET', url: typicalCase.authorize, headers: [], queryString: [], cookies: [] },
    response: { status: 200, headers: [{ name: 'content-type', value: 'text/html' }], content: { size: 10, mimeType: 'text/html' }, redirectURL: '' },
  };
  const filler = (i) => ({
    startedDateTime: '2026-11-21T08:00:01.000Z', time: 5,
    request: { method: 'GET', url: `https://app.contoso.com/static/chunk-${i}.js`, headers: [{ name: 'accept', value: '*/*' }], queryString: [], cookies: [] },
    response: { status: 200, headers: [{ name: 'content-type', value: 'application/javascript' }], content: { size: 900, mimeType: 'application/javascript', text: 'x'.repeat(900) }, redirectURL: '' },
  });
  const one = JSON.stringify(filler(0)).length + 1;
  const n = Math.ceil((mb * 1024 * 1024) / one);
  const entries = [authorize, ...Array.from({ length: n }, (_, i) => filler(i))];
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'bench', version: '1' }, entries } });
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median: +median.toFixed(2), min: +s[0].toFixed(2), max: +s[s.length - 1].toFixed(2), runs: s.length };
}

const show = (label, st, unit = 'ms') =>
  console.log(`${label.padEnd(52)} median ${String(st.median).padStart(8)} ${unit}   (min ${st.min}, max ${st.max}, ${st.runs} runs)`);

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`bench: ${url} did not come up`);
}

/** Fills the page's boxes the way typing does (an input event per box) and waits for the status. */
async function fill(page, c) {
  await page.getByTestId('authorize-input').fill(c.authorize);
  await page.getByTestId('registered-input').fill(c.registered);
  await page.locator('[data-redirect-status="mismatch"], [data-redirect-status="exact"]').first().waitFor();
}

/**
 * Edits the authorize box `n` times in the page (alternating one character of `state`, so every
 * edit is a real change that is analysed again) and returns, for each edit, the time from the
 * input event to the DOM updated (`work`) and to the next frame painted (`times`, which includes
 * waiting for the display's next frame, up to 16.7 ms at 60 Hz).
 */
async function edits(page, n) {
  return page.getByTestId('authorize-input').evaluate(async (el, n) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const base = el.value;
    const times = [];
    await frame();
    const work = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      el.value = i % 2 ? base : base + 'z';
      el.dispatchEvent(new Event('input', { bubbles: true }));
      // The page's reactive updates run as microtasks: done before this timer fires.
      await new Promise((resolve) => setTimeout(resolve, 0));
      work.push(performance.now() - t0);
      await frame();
      times.push(performance.now() - t0);
    }
    return { times, work };
  }, n);
}

async function metrics(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name) => metrics.find((m) => m.name === name)?.value ?? 0;
  return { heapMB: +(get('JSHeapUsedSize') / 1048576).toFixed(2), nodes: get('Nodes'), listeners: get('JSEventListeners') };
}

const server = spawn('python3', ['serve.py', '--dir', dist, '--port', String(port)], { cwd: here, stdio: ['ignore', 'ignore', 'ignore'] });
const results = { date: new Date().toISOString(), runs };
try {
  await waitForServer(`${origin}/index.html`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  results.browser = browser.version();
  try {
    // A share link of the typical case, made by the page itself.
    const maker = await browser.newContext();
    const page = await maker.newPage();
    await page.goto(`${origin}/`);
    await fill(page, typicalCase);
    await page.getByTestId('share-button').click();
    const link = await page.getByTestId('share-link').inputValue();
    await maker.close();

    const open = [];
    // Where the time goes: the wasm downloaded (its resource timing's responseEnd), the app
    // started (Trunk's start-up event, after the wasm is compiled and the page first rendered).
    const wasmLoaded = [];
    const started = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      // The first frame after the verdict shows the shared case's status, from navigation start.
      await tab.addInitScript(() => {
        addEventListener('TrunkApplicationStarted', () => (window.__started = performance.now()));
        new MutationObserver((_, observer) => {
          const v = document.querySelector('[data-redirect-status="mismatch"]');
          if (v && window.__painted === undefined) {
            window.__painted = null;
            observer.disconnect();
            requestAnimationFrame(() => setTimeout(() => (window.__painted = performance.now()), 0));
          }
        }).observe(document, { subtree: true, childList: true, attributes: true });
      });
      await tab.goto(link);
      await tab.waitForFunction(() => typeof window.__painted === 'number');
      const t = await tab.evaluate(() => ({
        painted: window.__painted,
        started: window.__started ?? NaN,
        wasm: performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'))?.responseEnd ?? NaN,
      }));
      open.push(t.painted);
      started.push(t.started);
      wasmLoaded.push(t.wasm);
      await context.close();
    }
    results.linkOpenToDiagnosis = stats(open);
    results.linkOpenWasmLoaded = stats(wasmLoaded);
    results.linkOpenAppStarted = stats(started);
    show('share link opened → wasm downloaded', results.linkOpenWasmLoaded);
    show('share link opened → app started (compiled, first render)', results.linkOpenAppStarted);
    show('share link opened → diagnosis painted', results.linkOpenToDiagnosis);

    for (const [name, c] of [['typical', typicalCase], ['limits', limitsCase()]]) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      await tab.goto(`${origin}/`);
      await fill(tab, c);
      await edits(tab, 5); // warm up
      const { times, work } = await edits(tab, runs * 4);
      const where = name === 'limits' ? "at Entra's limits (256 × 256, 8 KB URL)" : 'typical case';
      results[`edit_${name}`] = stats(times);
      results[`edit_work_${name}`] = stats(work);
      show(`edit → DOM updated, ${where}`, results[`edit_work_${name}`]);
      show(`edit → next frame painted, ${where}`, results[`edit_${name}`]);
      if (name === 'limits') {
        const cdp = await context.newCDPSession(tab);
        await cdp.send('Performance.enable');
        const before = await metrics(cdp);
        await edits(tab, 100); // memory only
        const after = await metrics(cdp);
        results.memory100Edits = { before, after };
        console.log(`${'100 edits at the limits: JS heap / DOM nodes / listeners'.padEnd(52)} ` +
          `${before.heapMB} → ${after.heapMB} MB, ${before.nodes} → ${after.nodes} nodes, ${before.listeners} → ${after.listeners} listeners`);
      }
      await context.close();
    }

    // A 50 MB HAR pasted into the evidence box (issue 8): one run, it is slow by nature.
    {
      const context = await browser.newContext();
      const tab = await context.newPage();
      await tab.goto(`${origin}/`);
      const mb = Number(process.env.BENCH_HAR_MB ?? 50);
      const har = await tab.evaluate(({ src, mb }) => {
        // Built in the page so 50 MB does not cross the protocol.
        window.__har = new Function(`return (${src})`)()(mb);
        return window.__har.length;
      }, { src: bigHar.toString().replace('typicalCase.authorize', JSON.stringify(typicalCase.authorize)), mb });
      // Opened as a file, as one this size would be (pasted, the browser alone spends tens of
      // seconds laying out the text in the box, before the page sees it).
      const timing = await tab.getByTestId('evidence-file').evaluate(async (input) => {
        let longest = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
        }).observe({ type: 'longtask' });
        const files = new DataTransfer();
        files.items.add(new File([window.__har], 'big.har', { type: 'application/json' }));
        const t0 = performance.now();
        input.files = files.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
        const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        const deadline = t0 + 120000;
        while (!document.querySelector('[data-finding^="har."]') && performance.now() < deadline) await frame();
        const painted = performance.now() - t0;
        await new Promise((resolve) => setTimeout(resolve, 200));
        return { painted, longest, found: !!document.querySelector('[data-finding^="har."]') };
      });
      results.har50MB = { bytes: har, inputToHarFindingsMs: +timing.painted.toFixed(0), longestTaskMs: +timing.longest.toFixed(0), found: timing.found };
      console.log(`${`a ${(har / 1048576).toFixed(1)} MB HAR file opened → har.* findings painted`.padEnd(52)} ` +
        `${results.har50MB.inputToHarFindingsMs} ms (longest main-thread task ${results.har50MB.longestTaskMs} ms${timing.found ? '' : ', NOT FOUND'})`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
} finally {
  server.kill();
}
mkdirSync(path.join(root, 'target'), { recursive: true });
writeFileSync(path.join(root, 'target', 'bench-browser.json'), JSON.stringify(results, null, 2) + '\n');
console.log('bench: figures written to target/bench-browser.json');
