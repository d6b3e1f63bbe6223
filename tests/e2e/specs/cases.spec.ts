import { test } from '../fixtures/test';
import { caseNames, cliReport, readCase } from '../fixtures/cli';
import { expectReport, fillCaseAtOnce, pageCanHold, shownFindings } from '../fixtures/page_case';

// For every case in tests/cases/, the page shows the same findings (codes, in order) and the
// same redirect status as the command-line twin's JSON report of the same case.
// Each case is given in one step (fillCaseAtOnce): about 0.15 s a case; the budget allows a
// second a case on a busy 2-core machine, whatever the number of cases.
const budget = () => 60_000 + caseNames().length * 1_000;

test('every example case: the page agrees with the CLI', async ({ analyzer, page }) => {
  test.setTimeout(budget());
  const names = caseNames();
  test.expect(names.length, 'cases to check').toBeGreaterThan(0);
  await analyzer.open();
  for (const name of names) {
    const input = readCase(name);
    if (!pageCanHold(input)) {
      test.info().annotations.push({ type: 'skipped case', description: `${name}: audience "${input.audience}" is not one the select offers` });
      continue;
    }
    const cli = cliReport(name);
    await fillCaseAtOnce(page, input);
    await expectReport(page, cli.redirect.status, cli.findings.map((f) => f.code), name);
    // Each finding's severity too, in order (a code may come more than once).
    test.expect(await shownFindings(page), `${name}: findings and severities`)
      .toEqual(cli.findings.map((f) => `${f.code} ${f.severity}`));
  }
});

// On a phone (375 px), no case's report is wider than the screen: long URIs, settings and
// commands wrap instead of making the whole page scroll sideways.
test('every example case fits a 375 px screen', async ({ analyzer, page }) => {
  test.setTimeout(budget());
  await page.setViewportSize({ width: 375, height: 800 });
  await analyzer.open();
  const wide: string[] = [];
  for (const name of caseNames()) {
    const input = readCase(name);
    if (!pageCanHold(input)) continue;
    const cli = cliReport(name);
    await fillCaseAtOnce(page, input);
    await expectReport(page, cli.redirect.status, cli.findings.map((f) => f.code), name);
    const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (over > 0) wide.push(`${name}: ${over} px too wide`);
  }
  test.expect(wide, 'cases wider than the screen').toEqual([]);
});
