// The goal-and-budget plan in Chromium against the real server (issue 12): an analyst, whose
// organisation has a saved analysis of upper-secondary eligibility by parents' education (2024:
// short 30 %, long 90 %; 2025: short 45 %, long 88 %, so D = 60 and 43 percentage points), creates
// the plan for 2025, the assembly and a committee, a goal under recommendation 3, a follow-up
// period; a gap target bound to the analysis' indicator (D by education to 30 by 2026, baseline
// 2024 — its value 60 shown from the data, never typed); a measure with a budget of 2 000 000 kr
// (summed for the committee and the goal); takes the follow-up of 2025 and sees the status On
// track (D 43 is on the good side of the path's 45) in words and symbol, comments, and finds the
// comment on the scorecard and everything in the audit trail. An impact assessment of the measure
// predicts D 40 in 2025 and is decided; the measure's effect view shows the difference in
// differences (short against long education, 2024 → 2025) with its interval from the API and the
// prediction beside the follow-up's 43; the target page charts D over time with the path (60 → 45
// → 30) and the status in its table. The annual report's equity section
// downloads as Excel (sheets and cells read back) and PDF (its text read by pdftotext); the plan
// is copied to 2026 and 2025's follow-up stays as reported. axe-core on every plan page in Swedish
// and English and at a phone's 375 px (no sideways scrolling); a screenshot of each. Last, the
// measure and the target are removed from the plan, and 2025's follow-up stays as reported.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addCleanup,
  check,
  checkAxe,
  desktop,
  logIn,
  newPage,
  parseArgs,
  phone,
  readZip,
  runTest,
  screenshot,
  startBrowser,
  startServer,
} from './lib.mjs';
import { addPeriod, planForm } from './plan-steps.mjs';

const args = parseArgs();
const goalTitle = 'Skillnaden i gymnasiebehörighet ska halveras';

function eligibilityCsv() {
  const lines = ['kommun,ar,utb,behorig'];
  const rows = (year, group, eligible) => {
    for (let i = 0; i < 100; i++) lines.push(`1880,${year},${group},${i < eligible ? 1 : 0}`);
  };
  rows(2024, 'kort', 30);
  rows(2024, 'lang', 90);
  rows(2025, 'kort', 45);
  rows(2025, 'lang', 88);
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

// The saved analysis, through the API as the analyst (the analysis pages have their own tests).
async function saveAnalysis(page, url) {
  const session = await (await page.request.get(`${url}/api/auth/session`)).json();
  const org = session.memberships[0].organisation.id;
  const headers = { 'X-CSRF-Token': session.csrf_token };
  const upload = await page.request.post(`${url}/api/organisations/${org}/datasets`, {
    headers,
    multipart: { name: 'Behörighet', file: { name: 'behorighet.csv', mimeType: 'text/csv', buffer: eligibilityCsv() } },
  });
  check(upload.status() === 201, `the upload answered ${upload.status()}: ${await upload.text()}`);
  const dataset = await upload.json();
  const analysis = await page.request.post(`${url}/api/organisations/${org}/analyses`, {
    headers,
    data: {
      name: 'Gymnasiebehörighet',
      dataset_id: dataset.id,
      indicators: [
        { id: 'behorighet', name_sv: 'Behöriga till gymnasiet', name_en: 'Eligible for upper secondary', type: 'proportion', numerator: 'behorig', higher_is_favourable: true, areas: ['kommun'], period: 'ar', dimensions: ['utb'] },
      ],
    },
  });
  check(analysis.status() === 201, `the analysis answered ${analysis.status()}: ${await analysis.text()}`);
  return { org, analysis: await analysis.json() };
}

async function noSidewaysScroll(page, label) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  check(scroll <= width + 1, `${label}: the page scrolls sideways (${scroll} px content in ${width} px)`);
}

async function heading(page, name) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 150000 }), page.getByRole('link', { name }).first().click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

function pdfText(bytes) {
  const folder = mkdtempSync(join(tmpdir(), 'jamlik-pdf-'));
  addCleanup(() => rmSync(folder, { recursive: true, force: true }));
  const path = join(folder, 'report.pdf');
  writeFileSync(path, bytes);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

await runTest('e2e.plans', 380, async () => {
  const server = await startServer(args);
  const browser = await startBrowser();
  const page = await newPage(browser, desktop);
  await logIn(page, server);
  const { org } = await saveAnalysis(page, server.url);

  // ---- The plan for 2025, empty. ----
  await page.getByRole('link', { name: 'Planer' }).click();
  await heading(page, 'Mål- och budgetplaner');
  await checkAxe(page, 'plans (sv)');
  await page.getByLabel('Budgetår', { exact: true }).fill('2025');
  await page.getByRole('button', { name: 'Skapa planen' }).click();
  await heading(page, 'Plan 2025');
  await page.getByText('Planen för 2025 är skapad.').waitFor();
  const planUrl = page.url();
  const planId = Number(/\/planer\/(\d+)$/.exec(planUrl)[1]);

  // ---- The assembly, a committee, a goal, a period. ----
  const bodyForm = planForm(page, 'Lägg till organ');
  await bodyForm.getByLabel('Namn').fill('Kommunfullmäktige');
  await bodyForm.getByRole('button', { name: 'Lägg till organ' }).click();
  await page.getByText('Kommunfullmäktige är tillagt.').waitFor();
  await bodyForm.getByLabel('Namn').fill('Barn- och utbildningsnämnden');
  await bodyForm.getByLabel('Sort').selectOption('namnd');
  await bodyForm.getByLabel('Överordnat organ').selectOption({ label: 'Kommunfullmäktige (fullmäktige)' });
  await bodyForm.getByRole('button', { name: 'Lägg till organ' }).click();
  await page.getByText('Barn- och utbildningsnämnden är tillagt.').waitFor();
  const goalForm = planForm(page, 'Lägg till mål');
  await goalForm.getByLabel('Målet').fill(goalTitle);
  await goalForm.getByLabel('Organ').selectOption({ label: 'Barn- och utbildningsnämnden (nämnd)' });
  await goalForm.getByLabel('Rekommendation').selectOption('good_start');
  await goalForm.getByLabel('Välfärdsområde').fill('utbildning');
  // A goal without its welfare area is refused at the field.
  await goalForm.getByLabel('Välfärdsområde').fill('');
  await goalForm.getByRole('button', { name: 'Lägg till mål' }).click();
  await goalForm.getByText('Ange ett välfärdsområde.').waitFor();
  check((await goalForm.getByLabel('Välfärdsområde').getAttribute('aria-invalid')) === 'true', 'the empty welfare area is not marked invalid');
  await goalForm.getByLabel('Välfärdsområde').fill('utbildning');
  await goalForm.getByRole('button', { name: 'Lägg till mål' }).click();
  await page.getByText('Målet är tillagt.').waitFor();
  await addPeriod(page, '2025', '2026-02-28');
  const tree = await page.locator('.plan-tree').first().innerText();
  check(tree.includes(goalTitle) && tree.includes('3. En god start i livet') && tree.includes('utbildning'), `the goal tree reads: ${tree}`);
  await checkAxe(page, 'plan overview (sv)');
  await screenshot(page, args, 'plans-01-overview');

  // ---- A gap target bound to the analysis' indicator; the baseline comes from the data. ----
  await page.getByRole('link', { name: 'Styrkort' }).click();
  await heading(page, 'Styrkort 2025');
  await page.getByRole('link', { name: 'Lägg till målvärde' }).click();
  await heading(page, 'Nytt målvärde');
  await page.getByLabel('Indikator').locator('option[value="behorighet"]').waitFor({ state: 'attached' });
  await page.getByLabel('Mål', { exact: true }).selectOption({ label: goalTitle });
  await page.getByLabel('Sort').selectOption('gap');
  await page.getByLabel('Ojämlikhetsmått').selectOption('d');
  await page.getByLabel('Dimension').selectOption('utb');
  await page.getByLabel('Basperiod').selectOption('2024');
  const baseline = page.locator('.baseline');
  await baseline.getByText(/: 60\b/).waitFor();
  const baselineText = await baseline.innerText();
  check(/60/.test(baselineText) && baselineText.includes('2024'), `the baseline from the data reads: ${baselineText}`);
  check((await page.getByLabel('Utgångsvärde').count()) === 0, 'the baseline can be typed');
  await page.getByLabel('Målvärde', { exact: true }).fill('30');
  await page.getByLabel('Nås senast').fill('2026');
  await checkAxe(page, 'target (sv)');
  await screenshot(page, args, 'plans-02-target');
  await page.getByRole('button', { name: 'Spara målvärdet' }).click();
  await heading(page, 'Styrkort 2025');
  await page.getByText('Målvärdet är sparat.').waitFor();
  check((await page.locator('.status-mark').first().innerText()).includes('Inte uppföljt'), 'the new target is not shown as not followed up');

  // ---- A measure with a budget, summed per committee and per goal. ----
  await page.getByRole('link', { name: 'Insatser och budget' }).click();
  await heading(page, 'Insatser och budget 2025');
  await page.getByLabel('Insats', { exact: true }).fill('Läxhjälp');
  await page.getByLabel('Målgruppens dimension').fill('utb');
  await page.getByLabel('Målgruppens grupper').fill('kort');
  await page.getByLabel('Budget 2025 (kr)').fill('2 000 000');
  await page.getByLabel('Status').selectOption('ongoing');
  await page.getByLabel(goalTitle).check();
  await page.getByRole('button', { name: 'Lägg till insatsen' }).click();
  await page.getByText('Läxhjälp är tillagd.').waitFor();
  const total = (await page.locator('.budget-total').innerText()).replace(/\s/g, ' ');
  check(/Totalt: 2 000 000 kr/.test(total), `the total reads ${total}`);
  const committeeSum = (await page.getByRole('region', { name: 'Budget per nämnd 2025' }).innerText()).replace(/\s/g, ' ');
  check(/Barn- och utbildningsnämnden 2 000 000 kr/.test(committeeSum), `the committee's sum reads ${committeeSum}`);
  const goalSum = (await page.getByRole('region', { name: 'Budget per mål 2025' }).innerText()).replace(/\s/g, ' ');
  check(goalSum.includes(`${goalTitle} 2 000 000 kr`), `the goal's sum reads ${goalSum}`);
  await checkAxe(page, 'measures (sv)');
  await screenshot(page, args, 'plans-03-measures');

  // ---- An impact assessment of the measure predicts D 40 in 2025; the committee decides it. ----
  await page.goto(`${server.url}/planer/${planId}/konsekvensanalyser/ny`);
  await page.getByLabel('Rubrik').fill('Läxhjälp i alla skolor');
  await page.getByLabel('Syfte', { exact: true }).fill('Fler elever med kortutbildade föräldrar ska bli behöriga.');
  await page.getByRole('button', { name: 'Lägg till grupp' }).click();
  await page.getByLabel('Dimension').selectOption('utbildning');
  await page.getByLabel('Grupp', { exact: true }).selectOption({ label: 'Förgymnasial' });
  await page.getByLabel('Påverkan').selectOption('positive');
  await page.getByRole('button', { name: 'Lägg till förutsägelse' }).click();
  await page.getByLabel('Förutsagt').fill('40');
  await page.getByRole('button', { name: 'Spara' }).click();
  await page.getByText('Konsekvensanalysen är sparad.').waitFor();
  await page.getByLabel('Datum').fill('2025-02-20');
  await page.getByLabel('Paragraf eller diarienummer').fill('§ 14');
  await page.getByRole('button', { name: 'Registrera beslutet' }).click();
  await page.getByText('Beslutet är registrerat.').waitFor();
  await page.locator('main').getByText('§ 14', { exact: false }).first().waitFor();
  await page.goto(`${planUrl}/insatser`);
  await heading(page, 'Insatser och budget 2025');

  // ---- The follow-up of 2025: a snapshot, its status, a comment. ----
  await page.getByRole('link', { name: 'Uppföljning', exact: true }).click();
  await heading(page, 'Uppföljning 2025');
  await page.getByLabel('Period', { exact: true }).selectOption('2025');
  await page.getByRole('button', { name: 'Följ upp perioden' }).click();
  await page.getByText('1 målvärde följdes upp för 2025.').waitFor();
  const record = page.locator('.follow-up-record').first();
  const recordText = await record.innerText();
  check(recordText.includes('På väg'), `the record's status reads: ${recordText}`);
  check((await record.locator('.status-mark').getAttribute('data-status')) === 'on_track', 'the status is not on_track');
  check((await record.locator('.status-symbol').innerText()) === '↗', 'the status has no symbol');
  // The numbers the engine stored: the API's record, as the page shows it.
  const stored = (await (await page.request.get(`${server.url}/api/organisations/${org}/plans/${planId}/follow-ups`)).json()).follow_ups[0];
  check(stored.status === 'on_track' && Math.abs(stored.estimate - 43) < 1e-9 && Math.abs(stored.baseline - 60) < 1e-9 && Math.abs(stored.path_value - 45) < 1e-9, `the stored record: ${JSON.stringify(stored)}`);
  check(stored.lower < 43 && stored.upper > 43, `the interval ${stored.lower}–${stored.upper} does not hold the estimate`);
  const shownInterval = `43 (${stored.lower.toFixed(1).replace('.', ',')}–${stored.upper.toFixed(1).replace('.', ',')})`;
  check(recordText.includes(shownInterval), `the record does not show ${shownInterval}: ${recordText}`);
  await record.getByLabel('Kommentar till').fill('Läxhjälpen når fler elever; vi följer upp i tertial 1.');
  await record.getByRole('button', { name: 'Spara kommentaren' }).click();
  await page.getByText('Kommentaren är sparad.').waitFor();
  await page.locator('.comments').getByText('Läxhjälpen når fler elever').waitFor();
  await checkAxe(page, 'follow-up (sv)');
  await screenshot(page, args, 'plans-04-follow-up');

  // ---- The scorecard shows the status in words, symbol and colour, and the comment. ----
  await page.getByRole('link', { name: 'Styrkort' }).click();
  await heading(page, 'Styrkort 2025');
  const row = page.locator('.scorecard table tbody tr').first();
  const rowText = await row.innerText();
  for (const expected of ['På väg', '60', '45', shownInterval, '30 (2026)', 'Läxhjälpen når fler elever']) {
    check(rowText.includes(expected), `the scorecard row lacks "${expected}": ${rowText}`);
  }
  // Filters: another recommendation hides the goal.
  await page.getByLabel('Nämnd').selectOption({ label: 'Barn- och utbildningsnämnden' });
  check((await page.locator('.scorecard-goal').count()) === 1, 'the committee filter hides its goal');
  await checkAxe(page, 'scorecard (sv)');
  await screenshot(page, args, 'plans-05-scorecard');

  // ---- The measure's effect: the server's difference in differences and the prediction. ----
  const decimal = (value) => {
    const size = Math.abs(value);
    const fraction = size >= 1000 ? 0 : size >= 10 ? 1 : size >= 1 ? 2 : 3;
    return new Intl.NumberFormat('sv-SE', { maximumFractionDigits: fraction, minimumFractionDigits: Number.isInteger(value) ? 0 : Math.min(fraction, 1) }).format(value);
  };
  await page.getByRole('link', { name: 'Insatser och budget' }).click();
  await heading(page, 'Insatser och budget 2025');
  await page.getByRole('link', { name: 'Effekt av Läxhjälp' }).click();
  await heading(page, 'Effekt av Läxhjälp');
  const effect = (await (await page.request.get(`${server.url}/api/organisations/${org}/plans/${planId}/measures/laxhjalp/effect`)).json()).assessments[0];
  const did = effect.measured.difference_in_differences;
  // (45 − 30) − (88 − 90) = 17 points, by hand; its interval from the API as the page writes it.
  check(Math.abs(did.estimate - 17) < 1e-9 && did.lower > 0 && effect.measured.verdict === 'improved_more', `the effect: ${JSON.stringify(did)} ${effect.measured.verdict}`);
  const section = page.locator('.effect-assessment').first();
  await section.locator('.effect-did').waitFor();
  const didText = await section.locator('.effect-did').innerText();
  check(didText === `+${decimal(did.estimate)} (${decimal(did.lower)} – ${decimal(did.upper)})`, `the page's difference in differences: ${didText}`);
  check((await section.locator('.effect-verdict').getAttribute('data-verdict')) === 'improved_more', 'the verdict is not improved_more');
  check((await section.locator('.effect-verdict').innerText()).includes('Målgruppen har utvecklats bättre'), `the verdict in words: ${await section.locator('.effect-verdict').innerText()}`);
  const beforeAfter = (await section.locator('table').first().innerText()).replace(/\s+/g, ' ');
  for (const expected of ['Före (2024)', 'Efter (2025)', 'Målgrupp (kort)', 'Jämförelse (lang)']) check(beforeAfter.includes(expected), `the before/after table lacks ${expected}: ${beforeAfter}`);
  const prediction = effect.predicted.predictions[0];
  check(prediction.predicted === 40 && prediction.change === -20 && Math.abs(prediction.measured.estimate - 43) < 1e-9, `the prediction: ${JSON.stringify(prediction)}`);
  const predictedRow = (await section.locator('.effect-predicted tbody tr').first().innerText()).replace(/\s+/g, ' ');
  for (const expected of ['2025', '40', '−20', shownInterval.replace('–', ' – '), 'På väg']) check(predictedRow.includes(expected), `the predicted row lacks "${expected}": ${predictedRow}`);
  await section.locator('.chart[data-ready="true"]').waitFor();
  await checkAxe(page, 'effect (sv)');
  await screenshot(page, args, 'plans-05b-effect');

  // ---- The target over time: D with its interval, the path and the status in the table. ----
  await page.goto(`${server.url}/planer/${planId}/malvarden/behorighet-gap`);
  await heading(page, 'Målvärde behorighet-gap');
  const chartFigure = page.locator('[data-figure="target-over-time"]');
  await chartFigure.locator('.chart[data-ready="true"]').waitFor();
  const pathOf = async (period) => chartFigure.locator(`tbody tr[data-period="${period}"]`).getAttribute('data-path');
  check((await pathOf('2024')) === '60' && (await pathOf('2025')) === '45' && (await pathOf('2026')) === '30', `the path: ${await pathOf('2024')}, ${await pathOf('2025')}, ${await pathOf('2026')}`);
  check((await chartFigure.locator('tbody tr[data-period="2025"]').getAttribute('data-status')) === 'on_track', 'the chart table lacks the status');
  const chartRow = (await chartFigure.locator('tbody tr[data-period="2025"]').textContent()).replace(/\s+/g, ' ');
  check(chartRow.includes(shownInterval) && chartRow.includes('På väg'), `the 2025 row reads ${chartRow}`);
  await checkAxe(page, 'target chart (sv)');
  await screenshot(page, args, 'plans-05c-target-chart');
  await page.getByRole('link', { name: 'Styrkort' }).click();
  await heading(page, 'Styrkort 2025');

  // ---- The annual report's equity section: Excel and PDF, opened and read. ----
  const xlsx = await download(page, 'Årsredovisningens jämlikhetsavsnitt (Excel)');
  check(xlsx.name === 'jamlikhetsavsnitt-2025.xlsx', `the Excel file is named ${xlsx.name}`);
  const zip = readZip(xlsx.bytes);
  const workbook = zip.get('xl/workbook.xml')();
  for (const sheet of ['Mål', 'Målvärden', 'Insatser', 'Budget']) check(workbook.includes(`name="${sheet}"`), `no sheet ${sheet}: ${workbook}`);
  const strings = zip.get('xl/sharedStrings.xml')();
  for (const text of [goalTitle, '↗ På väg', 'Läxhjälp', 'Behöriga till gymnasiet', 'Läxhjälpen når fler elever; vi följer upp i tertial 1.']) {
    check(strings.includes(text), `the workbook lacks "${text}"`);
  }
  const targetsSheet = zip.get('xl/worksheets/sheet2.xml')();
  const numbers = [...targetsSheet.matchAll(/<v>([^<]+)<\/v>/g)].map((m) => Number(m[1]));
  for (const value of [43, 60, 45, 30, stored.lower, stored.upper]) {
    check(numbers.some((n) => Math.abs(n - value) < 1e-9), `the targets sheet lacks ${value}: ${numbers}`);
  }
  // The measures' assessed effects: the effect route's numbers in their own sheet.
  check(workbook.includes('name="Effekter"'), `no sheet Effekter: ${workbook}`);
  const effectsSheet = zip.get('xl/worksheets/sheet4.xml')();
  const effectNumbers = [...effectsSheet.matchAll(/<v>([^<]+)<\/v>/g)].map((m) => Number(m[1]));
  for (const value of [did.estimate, did.lower, did.upper, 40, prediction.measured.estimate]) {
    check(effectNumbers.some((n) => Math.abs(n - value) < 1e-9), `the effects sheet lacks ${value}: ${effectNumbers}`);
  }
  const pdf = await download(page, 'Årsredovisningens jämlikhetsavsnitt (PDF)');
  check(pdf.bytes.subarray(0, 4).toString() === '%PDF', 'the PDF download is not a PDF');
  // A line may break after an interval's dash.
  const text = pdfText(pdf.bytes).replace(/\s+/g, ' ').replace(/– /g, '–');
  const reportNumber = (value) => new Intl.NumberFormat('sv-SE', { minimumFractionDigits: Math.abs(value) < 10 ? 2 : 1, maximumFractionDigits: Math.abs(value) < 10 ? 2 : 1 }).format(value);
  const effectLine = `Skillnad i skillnader 2024–2025: ${reportNumber(did.estimate)} (${reportNumber(did.lower)}–${reportNumber(did.upper)})`;
  for (const expected of ['Årsredovisningens jämlikhetsavsnitt 2025', 'Ge alla barn och unga en god start i livet', goalTitle, 'På väg', '43,0', '60,0', 'Läxhjälp', '2 000 000 kr', 'Insatsernas bedömda effekter', effectLine, 'Förutsagt för 2025: 40,0, uppmätt 43,0']) {
    check(text.includes(expected), `the PDF lacks "${expected}": ${text.slice(0, 1500)}`);
  }

  // ---- The audit trail names every change. ----
  await page.getByRole('link', { name: 'Ändringslogg' }).click();
  await heading(page, 'Ändringslogg 2025');
  const actions = await page.locator('.audit-trail > li').evaluateAll((items) => items.map((item) => item.dataset.action));
  check(JSON.stringify(actions.slice(0, 1)) === '["created"]' && actions.includes('followed_up') && actions.at(-1) === 'commented', `the audit trail's actions: ${actions}`);
  const trail = await page.locator('.audit-trail').innerText();
  check(trail.includes('Tillagt: målvärde behorighet-gap') && trail.includes('Tillagt: insats laxhjalp'), `the trail reads: ${trail.slice(0, 600)}`);
  await checkAxe(page, 'audit trail (sv)');
  await screenshot(page, args, 'plans-06-audit');

  // ---- The next year as a copy; 2025's follow-up stays as reported. ----
  await page.getByRole('link', { name: 'Planer' }).click();
  await heading(page, 'Mål- och budgetplaner');
  check((await page.getByLabel('Budgetår', { exact: true }).inputValue()) === '2026', 'the next year is not suggested');
  await page.getByLabel('Börja med').selectOption({ label: 'Kopia av plan 2025' });
  await page.getByRole('button', { name: 'Skapa planen' }).click();
  await heading(page, 'Plan 2026');
  check((await page.locator('.plan-tree').first().innerText()).includes(goalTitle), 'the copy lacks the goal');
  const kept = (await (await page.request.get(`${server.url}/api/organisations/${org}/plans/${planId}/follow-ups`)).json()).follow_ups;
  check(kept.length === 1 && kept[0].status === 'on_track' && kept[0].comment.startsWith('Läxhjälpen'), `2025's follow-up after the copy: ${JSON.stringify(kept)}`);
  check(page.problems.length === 0, `errors in the page:\n${page.problems.join('\n')}`);

  // ---- Every plan page in English, and at 375 px. ----
  const pages = [
    ['/planer', 'Goal-and-budget plans', 'list'],
    [`/planer/${planId}`, 'Plan 2025', 'overview'],
    [`/planer/${planId}/styrkort`, 'Scorecard 2025', 'scorecard'],
    [`/planer/${planId}/malvarden/ny`, 'New target', 'target'],
    [`/planer/${planId}/insatser`, 'Measures and budget 2025', 'measures'],
    [`/planer/${planId}/uppfoljning`, 'Follow-up 2025', 'follow-up'],
    [`/planer/${planId}/andringar`, 'Audit trail 2025', 'audit'],
    [`/planer/${planId}/insatser/laxhjalp/effekt`, 'Effect of Läxhjälp', 'effect'],
  ];
  await page.getByRole('button', { name: 'English' }).click();
  for (const [path, title, name] of pages) {
    await page.goto(server.url + path);
    await heading(page, title);
    if (name === 'target') await page.locator('.baseline h2').waitFor();
    if (name === 'effect') await page.locator('.effect-assessment .chart[data-ready="true"]').waitFor();
    if (name === 'follow-up') check((await page.locator('main').innerText()).includes('Follow up the period'), 'the follow-up page is not in English');
    await checkAxe(page, `${name} (en)`);
    await screenshot(page, args, `plans-en-${name}`);
  }
  await page.goto(`${server.url}/planer/${planId}/styrkort`);
  check((await page.locator('.status-mark').first().innerText()).includes('On track'), 'the scorecard status is not in English');
  const xlsxEn = readZip((await download(page, 'Annual report equity section (Excel)')).bytes);
  check(xlsxEn.get('xl/workbook.xml')().includes('name="Targets"') && xlsxEn.get('xl/sharedStrings.xml')().includes('↗ On track'), 'the English workbook is not in English');

  const mobile = await newPage(browser, phone);
  await logIn(mobile, server);
  for (const [path, title, name] of pages) {
    await mobile.goto(server.url + path);
    await heading(mobile, title.replace('Goal-and-budget plans', 'Mål- och budgetplaner').replace('Plan 2025', 'Plan 2025').replace('Scorecard', 'Styrkort').replace('New target', 'Nytt målvärde').replace('Measures and budget', 'Insatser och budget').replace('Follow-up', 'Uppföljning').replace('Audit trail', 'Ändringslogg').replace('Effect of', 'Effekt av'));
    if (name === 'target') await mobile.locator('.baseline h2').waitFor();
    if (name === 'effect') await mobile.locator('.effect-assessment .chart[data-ready="true"]').waitFor();
    await checkAxe(mobile, `${name} (sv, 375)`);
    await noSidewaysScroll(mobile, `${name} (sv, 375)`);
    await screenshot(mobile, args, `plans-phone-${name}`);
  }

  // ---- The measure and the target are removed; 2025's follow-up stays as reported. ----
  mobile.on('dialog', (dialog) => void dialog.accept());
  await mobile.goto(`${server.url}/planer/${planId}/insatser`);
  await heading(mobile, 'Insatser och budget 2025');
  await mobile.getByRole('button', { name: 'Ta bort Läxhjälp' }).click();
  await mobile.getByText('Läxhjälp är borttagen.').waitFor();
  check((await mobile.locator('.budget-total').innerText()).replace(/\s/g, ' ').includes('0 kr'), 'the total after the removal is not 0');
  await mobile.goto(`${server.url}/planer/${planId}/malvarden/behorighet-gap`);
  await heading(mobile, 'Målvärde behorighet-gap');
  await mobile.getByRole('button', { name: 'Ta bort målvärdet' }).click();
  await mobile.getByText('Målvärdet behorighet-gap är borttaget.').waitFor();
  const after = (await (await mobile.request.get(`${server.url}/api/organisations/${org}/plans/${planId}/follow-ups`)).json()).follow_ups;
  check(JSON.stringify(after) === JSON.stringify(kept), `2025's follow-up changed when the target and measure were removed: ${JSON.stringify(after)}`);
  const plan2025 = await (await mobile.request.get(`${server.url}/api/organisations/${org}/plans/${planId}`)).json();
  check(plan2025.document.targets.length === 0 && plan2025.document.measures.length === 0, 'the target or the measure is still in the plan');
  check(mobile.problems.length === 0 && page.problems.length === 0, `errors in the page:\n${[...page.problems, ...mobile.problems].join('\n')}`);
});
