import { test, expect } from '../fixtures/test';
import { EXACT, TRAILING_SLASH } from '../fixtures/cases';

test('the three labelled inputs render', async ({ analyzer, page }) => {
  await analyzer.open();
  await expect(page).toHaveTitle(/redirect-doctor/);
  for (const field of [analyzer.authorize, analyzer.registered, analyzer.callback]) {
    await expect(field).toBeVisible();
    await expect(field).toBeEditable();
    // Each input is reachable by its label, as a screen reader finds it.
    const id = await field.getAttribute('id');
    expect(id, 'each input has an id for its label').toBeTruthy();
    await expect(page.locator(`label[for="${id}"]`)).not.toBeEmpty();
  }
  await analyzer.expectStatus('unchecked');
});

test('typing a case updates the redirect status as the user types', async ({ analyzer }) => {
  await analyzer.open();
  await analyzer.fill(TRAILING_SLASH);
  await analyzer.expectStatus('mismatch');
  await expect(analyzer.finding('redirect.trailing_slash_mismatch')).toBeVisible();

  // Fixing the registration turns the verdict around, with no button to press.
  await analyzer.fill({ registered: EXACT.registered });
  await analyzer.expectStatus('exact');
  await expect(analyzer.finding('redirect.trailing_slash_mismatch')).toHaveCount(0);
});

test('loading the page logs no console warning', async ({ analyzer, page }) => {
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await analyzer.open();
  await analyzer.expectStatus('unchecked');
  expect(warnings).toEqual([]);
});
