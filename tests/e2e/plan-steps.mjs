// Steps of the plan pages that several browser tests take the same way.

// The plan overview's form under the heading `name` ("Lägg till organ", "Lägg till mål", …).
export function planForm(page, name) {
  return page.locator('form', { has: page.getByRole('heading', { name }) });
}

// Adds the follow-up period `period` with its deadline on the plan overview (Swedish pages).
export async function addPeriod(page, period, deadline) {
  const form = planForm(page, 'Lägg till period');
  await form.getByLabel('Period').selectOption(period);
  await form.getByLabel('Sista dag för uppföljningen').fill(deadline);
  await form.getByRole('button', { name: 'Lägg till period' }).click();
  await page.getByText('Perioden är tillagd.').waitFor();
}
