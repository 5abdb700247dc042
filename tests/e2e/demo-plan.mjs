// Issue 12's "done when" on the demo municipality's own data (`make demo`'s five years of all
// Sweden): a planner makes the plan for 2025 in the browser, binds a gap target to the demo's
// saved analysis — D in home care among the old between education groups in Örebro (1880), from
// its 2021 value to 2 percentage points by 2027 — follows 2025 up, and reads the status on the
// scorecard, the target's chart and the annual report's PDF. The test recomputes what the engine
// must say from the analysis' published inequality rows (independent of src/followup): the
// baseline is the 2021 row, the path p(2025) = b + (g − b)·(2025 − 2021)/(2027 − 2021), and the
// status from where the 2025 interval lies against the path and the target. Indicator and area are
// named, never shown as codes. axe-core on the scorecard.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCleanup, check, checkAxe, desktop, logIn, newPage, parseArgs, runTest, screenshot, startBrowser, startServer } from './lib.mjs';
import { addPeriod, planForm } from './plan-steps.mjs';

const args = parseArgs();
const goalTitle = 'Hemtjänsten ska nå alla oavsett utbildning';
const heading = (page, name) => page.getByRole('heading', { level: 1, name }).waitFor();
const sv = (value) => new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(value);

// Fingertips-style rule of issue 12 item 3 for a gap (smaller distance from 0 is better).
function expectedStatus(estimate, lower, upper, path, target) {
  if (upper <= target) return 'reached';
  if (estimate <= path) return 'on_track';
  if (lower <= path) return 'at_risk';
  return 'off_track';
}

await runTest('e2e.demo-plan', 380, async () => {
  const server = await startServer(args, { extraArgs: ['--demo-trends', args['demo-trends-csv']] });
  const browser = await startBrowser();
  const page = await newPage(browser, desktop);
  await logIn(page, server);
  const session = await (await page.request.get(`${server.url}/api/auth/session`)).json();
  const org = session.memberships[0].organisation.id;
  const analyses = (await (await page.request.get(`${server.url}/api/organisations/${org}/analyses`)).json()).analyses;
  const demo = analyses.find((a) => a.name.startsWith('Jämförelser'));
  check(demo, `the demo's analysis is missing: ${analyses.map((a) => a.name)}`);
  const inequality = (await (await page.request.get(`${server.url}/api/organisations/${org}/analyses/${demo.id}/inequality?lang=sv`)).json()).rows;
  const dRow = (period) => inequality.find((r) => r.indicator === 'hemtjanst_65' && r.area === '1880' && r.dimension === 'utbildning' && r.measure.toLowerCase() === 'd' && r.period === period);
  const base = dRow('2021');
  const now = dRow('2025');
  check(base && now && now.lower !== null, `no D rows for 2021 and 2025: ${JSON.stringify([base, now])}`);
  const b = Math.abs(base.estimate);
  const path = b + (2 - b) * (2025 - 2021) / (2027 - 2021);
  const status = expectedStatus(Math.abs(now.estimate), Math.min(Math.abs(now.lower), Math.abs(now.upper)), Math.max(Math.abs(now.lower), Math.abs(now.upper)), path, 2);

  // ---- The plan, a committee, a goal and a period, in the browser. ----
  await page.getByRole('link', { name: 'Planer' }).click();
  await heading(page, 'Mål- och budgetplaner');
  await page.getByLabel('Budgetår', { exact: true }).fill('2025');
  await page.getByRole('button', { name: 'Skapa planen' }).click();
  await heading(page, 'Plan 2025');
  const planUrl = page.url();
  const bodyForm = planForm(page, 'Lägg till organ');
  await bodyForm.getByLabel('Namn').fill('Vård- och omsorgsnämnden');
  await bodyForm.getByLabel('Sort').selectOption('namnd');
  await bodyForm.getByRole('button', { name: 'Lägg till organ' }).click();
  await page.getByText('Vård- och omsorgsnämnden är tillagt.').waitFor();
  const goalForm = planForm(page, 'Lägg till mål');
  await goalForm.getByLabel('Målet').fill(goalTitle);
  await goalForm.getByLabel('Organ').selectOption({ label: 'Vård- och omsorgsnämnden (nämnd)' });
  await goalForm.getByLabel('Rekommendation').selectOption({ index: 1 });
  await goalForm.getByLabel('Välfärdsområde').fill('omsorg');
  await goalForm.getByRole('button', { name: 'Lägg till mål' }).click();
  await page.getByText('Målet är tillagt.').waitFor();
  await addPeriod(page, '2025', '2026-02-28');

  // ---- The gap target on the demo's analysis; the baseline is the data's. ----
  await page.getByRole('link', { name: 'Styrkort' }).click();
  await page.getByRole('link', { name: 'Lägg till målvärde' }).click();
  await heading(page, 'Nytt målvärde');
  await page.getByLabel('Mål', { exact: true }).selectOption({ label: goalTitle });
  await page.getByLabel('Analys').selectOption(String(demo.id));
  await page.getByLabel('Indikator').locator('option[value="hemtjanst_65"]').waitFor({ state: 'attached' });
  await page.getByLabel('Indikator').selectOption('hemtjanst_65');
  check((await page.getByLabel('Indikator').locator('option:checked').innerText()).startsWith('Andel med hemtjänst'), 'the indicator is offered by its code, not its name');
  await page.getByLabel('Område').selectOption('1880');
  await page.getByLabel('Sort').selectOption('gap');
  await page.getByLabel('Ojämlikhetsmått').selectOption('d');
  await page.getByLabel('Dimension').selectOption('utbildning');
  await page.getByLabel('Basperiod').selectOption('2021');
  const shownBase = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 }).format(Math.round(b * 100) / 100);
  await page.locator('.baseline').getByText(shownBase).waitFor();
  await page.getByLabel('Målvärde', { exact: true }).fill('2');
  await page.getByLabel('Nås senast').fill('2027');
  await page.getByRole('button', { name: 'Spara målvärdet' }).click();
  await page.getByText('Målvärdet är sparat.').waitFor();

  // ---- The follow-up of 2025: the engine's record against the test's own computation. ----
  await page.getByRole('link', { name: 'Uppföljning', exact: true }).click();
  await page.getByLabel('Period', { exact: true }).selectOption('2025');
  await page.getByRole('button', { name: 'Följ upp perioden' }).click();
  await page.getByText('1 målvärde följdes upp för 2025.').waitFor();
  const stored = (await (await page.request.get(`${planUrl.replace('/planer/', `/api/organisations/${org}/plans/`)}/follow-ups`)).json()).follow_ups[0];
  check(Math.abs(stored.baseline - b) < 1e-9, `baseline ${stored.baseline}, the data's 2021 D is ${b}`);
  check(Math.abs(stored.path_value - path) < 1e-9, `path ${stored.path_value}, computed ${path}`);
  check(Math.abs(stored.estimate - Math.abs(now.estimate)) < 1e-9 && stored.lower < stored.estimate && stored.upper > stored.estimate, `the 2025 record: ${JSON.stringify(stored)}`);
  check(stored.status === status, `status ${stored.status}, computed ${status} (D ${now.estimate}, ${now.lower}–${now.upper}, path ${path})`);
  const record = page.locator('.follow-up-record').first();
  check((await record.locator('h3').innerText()).startsWith('Andel med hemtjänst, 65 år och äldre · Örebro (1880)'), `the record is not named: ${await record.locator('h3').innerText()}`);
  check((await record.locator('.status-mark').getAttribute('data-status')) === status, 'the page shows another status');

  // ---- The scorecard and the target's chart. ----
  await page.getByRole('link', { name: 'Styrkort' }).click();
  await heading(page, 'Styrkort 2025');
  const row = (await page.locator('.scorecard table tbody tr').first().innerText()).replace(/\s+/g, ' ');
  check(row.includes('Andel med hemtjänst, 65 år och äldre · Örebro (1880)') && row.includes('2 (2027)'), `the scorecard row: ${row}`);
  await checkAxe(page, 'scorecard on the demo data (sv)');
  await screenshot(page, args, 'demo-plan-01-scorecard');
  await page.locator('.scorecard table a').first().click();
  const chart = page.locator('[data-figure="target-over-time"]');
  await chart.locator('.chart[data-ready="true"]').waitFor();
  check((await chart.locator('tbody tr[data-period="2025"]').getAttribute('data-status')) === status, 'the chart table lacks the status');
  await screenshot(page, args, 'demo-plan-02-target-chart');

  // ---- The annual report's PDF carries the same numbers. ----
  await page.getByRole('link', { name: 'Styrkort' }).click();
  await heading(page, 'Styrkort 2025');
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 150000 }), page.getByRole('link', { name: 'Årsredovisningens jämlikhetsavsnitt (PDF)' }).first().click()]);
  const folder = mkdtempSync(join(tmpdir(), 'jamlik-pdf-'));
  addCleanup(() => rmSync(folder, { recursive: true, force: true }));
  const pdf = join(folder, 'report.pdf');
  writeFileSync(pdf, readFileSync(await file.path()));
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  for (const expected of [goalTitle, sv(b), sv(path), 'hemtjänst']) check(text.includes(expected), `the PDF lacks "${expected}": ${text.slice(0, 1200)}`);
  await page.close();
});
