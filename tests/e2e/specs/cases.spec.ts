import { test } from '../fixtures/test';
import { caseNames, cliReport, readCase } from '../fixtures/cli';
import { expectReport, fillCase, pageCanHold } from '../fixtures/page_case';

// For every case in tests/cases/, the page shows the same findings (codes, in order) and the
// same redirect status as the command-line twin's JSON report of the same case.
test('every example case: the page agrees with the CLI', async ({ analyzer, page }) => {
  test.setTimeout(180_000);
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
    await fillCase(page, input);
    await expectReport(page, cli.redirect.status, cli.findings.map((f) => f.code), name);
    for (const finding of cli.findings) {
      await test.expect(page.locator(`[data-finding="${finding.code}"]`).first(), `${name}: ${finding.code}`)
        .toHaveAttribute('data-severity', finding.severity);
    }
  }
});
