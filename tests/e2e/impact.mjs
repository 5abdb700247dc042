// Equality impact assessments in Chromium against the real server: the demo user's plan has a gap
// target (D in eligibility between pupils whose parents have short and long education: 60 in
// 2024, 88 − 45 = 43 in 2025) and a measure; an assessment predicts D = 45 for 2025. Before the
// follow-up the assessment page says the prediction is not followed up yet; after it, the row of
// the target shows the predicted 45 beside the measured 43 with its interval and the status in
// words. The planner writes a second assessment through the form (a group by sex, chosen from the
// server's code list), records the decision, and the assessment can no longer be edited. The
// printable record opens in the interface language. axe-core finds no WCAG 2.1 AA violation.
import { check, checkAxe, logIn, newPage, parseArgs, runTest, screenshot, startBrowser, startServer } from './lib.mjs';

const args = parseArgs();

// A signed-in API client of the demo user (cookie and CSRF token), for the set-up.
async function apiClient(server) {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: server.email, password: server.password }),
  });
  check(login.status === 200, `log-in answered ${login.status}`);
  const session = await login.json();
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const send = async (method, path, body, expected) => {
    const init = { method, headers: { Cookie: cookie, 'X-CSRF-Token': session.csrf_token } };
    if (body instanceof FormData) {
      init.body = body;
    } else if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(`${server.url}${path}`, init);
    const text = await response.text();
    check(response.status === expected, `${method} ${path} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return { org: session.memberships[0].organisation.id, send };
}

await runTest('e2e.impact', 300, async () => {
  const server = await startServer(args);
  const api = await apiClient(server);
  const org = `/api/organisations/${api.org}`;

  let csv = 'kommun,ar,utb,behorig\n';
  for (const [year, group, eligible] of [[2024, 'kort', 30], [2024, 'lang', 90], [2025, 'kort', 45], [2025, 'lang', 88]]) {
    for (let i = 0; i < 100; i += 1) csv += `1880,${year},${group},${i < eligible ? 1 : 0}\n`;
  }
  const upload = new FormData();
  upload.append('file', new Blob([csv], { type: 'text/csv' }), 'behorighet.csv');
  const dataset = await api.send('POST', `${org}/datasets`, upload, 201);
  const analysis = await api.send('POST', `${org}/analyses`, {
    name: 'Behörighet',
    dataset_id: dataset.id,
    indicators: [{ id: 'behorighet', name_sv: 'Behöriga', type: 'proportion', numerator: 'behorig', higher_is_favourable: true, areas: ['kommun'], period: 'ar', dimensions: ['utb'] }],
  }, 201);
  const plan = await api.send('POST', `${org}/plans`, {
    year: 2025,
    document: {
      bodies: [
        { id: 'kf', kind: 'fullmaktige', name: 'Kommunfullmäktige' },
        { id: 'bun', kind: 'namnd', name: 'Barn- och utbildningsnämnden', parent: 'kf' },
      ],
      goals: [{ id: 'bun1', body: 'bun', title: 'Skillnaden i behörighet ska halveras', recommendation: 'good_start', welfare_area: 'utbildning' }],
      periods: [{ id: '2025', kind: 'year', deadline: '2026-02-28' }],
      targets: [{ id: 'gap', goal: 'bun1', analysis: analysis.id, indicator: 'behorighet', area: '1880', kind: 'gap', measure: 'd', dimension: 'utb', baseline_period: '2024', target_value: 30, target_period: '2026' }],
      measures: [{ id: 'laxhjalp', name: 'Läxhjälp', committee: 'bun', budget: { 2025: 2000000 }, start: '2025-01-01', goals: ['bun1'] }],
    },
  }, 201);
  const assessment = await api.send('POST', `${org}/plans/${plan.id}/impact-assessments`, {
    document: {
      subject: { kind: 'measure', measure: 'laxhjalp' },
      title: 'Läxhjälp i alla skolor',
      purpose: 'Fler elever med kortutbildade föräldrar ska bli behöriga.',
      relevant: true,
      groups: [{ dimension: 'utbildning', subgroup: 'förgymnasial', effect: 'positive' }],
      evidence: [{ kind: 'analysis', analysis: analysis.id, indicator: 'behorighet' }],
      predictions: [{ target: 'gap', period: '2025', value: 45, reasoning: 'Läxhjälpen når 200 elever.' }],
    },
  }, 201);

  const browser = await startBrowser();
  const page = await newPage(browser);
  await logIn(page, server);
  const view = `${server.url}/planer/${plan.id}/konsekvensanalyser/${assessment.id}`;

  // Before the follow-up: the prediction stands alone, and says so.
  await page.goto(view);
  const table = page.getByRole('table', { name: 'Förutsagd effekt bredvid det uppmätta värdet' });
  await table.waitFor();
  const before = (await table.locator('tbody tr').first().innerText()).replace(/\s+/g, ' ');
  check(/gap .*2025 45 inte uppföljt ännu/.test(before), `before the follow-up the row reads "${before}"`);
  await checkAxe(page, 'impact assessment (draft, not followed up)');

  // The follow-up measures D = 43 for 2025: it stands beside the prediction, with its interval.
  const followUp = await api.send('POST', `${org}/plans/${plan.id}/follow-ups`, { period: '2025' }, 201);
  const record = followUp.follow_ups[0];
  check(Math.abs(record.estimate - 43) < 1e-9, `the follow-up measured ${record.estimate}`);
  await page.reload();
  await table.waitFor();
  const cells = await table.locator('tbody tr').first().locator('th, td').allInnerTexts();
  check(cells[0].startsWith('gap'), `the row's target: ${cells[0]}`);
  check(cells[1] === '2025', `the row's period: ${cells[1]}`);
  check(cells[2] === '45', `the predicted cell: ${cells[2]}`);
  // Written as the interface writes numbers (web/src/i18n.ts formatNumber), from the API's values.
  const decimal = (value) => {
    const size = Math.abs(value);
    const fraction = size >= 1000 ? 0 : size >= 10 ? 1 : size >= 1 ? 2 : 3;
    return new Intl.NumberFormat('sv-SE', {
      maximumFractionDigits: fraction,
      minimumFractionDigits: Number.isInteger(value) ? 0 : Math.min(fraction, 1),
    }).format(value);
  };
  const expected = `${decimal(record.estimate)} (${decimal(record.lower)} – ${decimal(record.upper)})`;
  check(cells[3] === expected, `the measured cell reads "${cells[3]}", not "${expected}"`);
  check(cells[4] === 'på väg', `the status in words: ${cells[4]}`);
  await screenshot(page, args, 'impact-assessment');

  // The printable record in the interface language, the same numbers in it.
  const recordHref = await page.getByRole('link', { name: 'Utskrivbart beslutsunderlag' }).getAttribute('href');
  check(recordHref.endsWith('/record?lang=sv'), `the record link: ${recordHref}`);
  const printed = await page.evaluate(async (href) => (await fetch(href)).text(), recordHref);
  check(/<td class="number">45<\/td><td class="number">43(,0)? \(/.test(printed), 'the record shows 45 beside 43');

  // A second assessment through the form: a group by sex from the server's code list.
  await page.goto(`${server.url}/planer/${plan.id}/konsekvensanalyser/ny`);
  await page.getByLabel('Rubrik').fill('Läxhjälp – flickor och pojkar');
  await page.getByLabel('Syfte', { exact: true }).fill('Nå pojkar lika väl som flickor.');
  await page.getByRole('button', { name: 'Lägg till grupp' }).click();
  await page.getByLabel('Dimension').selectOption('kon');
  await page.getByLabel('Grupp', { exact: true }).selectOption({ label: 'Män' });
  await page.getByLabel('Påverkan').selectOption('negative');
  await page.getByRole('button', { name: 'Lägg till förutsägelse' }).click();
  await page.getByLabel('Förutsagt').fill('44');
  await checkAxe(page, 'impact assessment form');
  await page.getByRole('button', { name: 'Spara' }).click();
  await page.getByText('Konsekvensanalysen är sparad.').waitFor();
  const groups = page.getByRole('table', { name: 'Berörda grupper och hur de påverkas' });
  const groupRow = (await groups.locator('tbody tr').first().innerText()).replace(/\s+/g, ' ');
  check(/Kön Män negativ/.test(groupRow), `the group row reads "${groupRow}"`);

  // The decision: recorded once, then nothing can be edited.
  check(await page.getByRole('link', { name: 'Ändra', exact: true }).count() === 1, 'a draft can be edited');
  await page.getByLabel('Datum').fill('2025-02-20');
  await page.getByLabel('Paragraf eller diarienummer').fill('§ 14');
  await page.getByRole('button', { name: 'Registrera beslutet' }).click();
  await page.getByText('Beslutet är registrerat.').waitFor();
  // The decided assessment is drawn anew from the server: wait for its paragraph, then look.
  await page.locator('main').getByText('§ 14', { exact: false }).first().waitFor();
  check(await page.getByRole('link', { name: 'Ändra', exact: true }).count() === 0, 'a decided assessment offers no edit');
  await checkAxe(page, 'impact assessment (decided)');
  check(page.problems.length === 0, page.problems.join('; '));
});
