// The analyst's whole path in Chromium against the real server, in Swedish at 1280×800: log in,
// upload a CSV with an error and see it at its line, upload a good one and mark its columns,
// run an analysis, see the chart (bars, then the time series), export Excel and CSV and open
// them, reopen the saved analysis, log out. axe-core on every page; screenshots of each step.
import { badCsv, badLine, goodCsv } from './data.mjs';
import {
  check,
  checkAxe,
  logIn,
  newPage,
  parseArgs,
  readZip,
  recordApiWrites,
  runTest,
  screenshot,
  startBrowser,
  startServer,
} from './lib.mjs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const args = parseArgs();

await runTest('e2e.flow', 240, async () => {
  const server = await startServer(args);
  const browser = await startBrowser();
  const page = await newPage(browser);
  const writes = recordApiWrites(page);

  // Log-in page: Swedish, and a wrong password is said in words.
  await page.goto(server.url + '/');
  await page.waitForURL(/\/logga-in/);
  check((await page.getAttribute('html', 'lang')) === 'sv', 'the page is not marked Swedish');
  await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
  await checkAxe(page, 'log-in');
  await screenshot(page, args, 'flow-01-login');
  await page.getByLabel('E-postadress').fill(server.email);
  await page.getByLabel('Lösenord').fill('fel-lösenord');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByText('Fel e-postadress eller lösenord.').waitFor();
  await checkAxe(page, 'log-in with an error');

  await logIn(page, server);
  await page.getByText('Inga datamängder ännu.').waitFor();
  await checkAxe(page, 'datasets (empty)');
  await screenshot(page, args, 'flow-02-datasets-empty');

  // Upload with a deliberate error: reported at its line, nothing stored.
  await page.getByRole('link', { name: 'Ladda upp en CSV-fil' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ladda upp en datamängd' }).waitFor();
  await checkAxe(page, 'upload');
  await page.getByLabel('CSV-fil').setInputFiles({ name: 'felaktig.csv', mimeType: 'text/csv', buffer: badCsv() });
  await page.getByLabel('Namn på datamängden').fill('Felaktig fil');
  await page.getByRole('button', { name: 'Ladda upp' }).click();
  const problem = page.locator('#upload-problem');
  await problem.waitFor();
  const problemText = await problem.innerText();
  check(problemText.includes(`Fel på rad ${badLine}`), `the error does not name line ${badLine}:\n${problemText}`);
  const errorLine = await problem.locator('.error-line .line-number').innerText();
  check(errorLine.trim() === String(badLine), `the excerpt marks line ${errorLine}, not ${badLine}`);
  check((await problem.locator('.error-line').innerText()).includes('2025,1880,K,eftergymnasial'), 'the excerpt does not show the bad line');
  check(await problem.evaluate((el) => el === document.activeElement), 'focus did not move to the error');
  check(!(await page.getByRole('button', { name: 'Avbryt uppladdningen' }).isVisible()), 'the cancel button is still shown');
  await checkAxe(page, 'upload error');
  await screenshot(page, args, 'flow-03-upload-error');

  // A good file: progress, then the inferred columns to mark.
  await page.getByLabel('CSV-fil').setInputFiles({ name: 'hemtjanst.csv', mimeType: 'text/csv', buffer: goodCsv() });
  await page.getByLabel('Namn på datamängden').fill('Hemtjänst 2023–2025');
  await page.getByRole('button', { name: 'Ladda upp' }).click();
  await page.getByRole('heading', { level: 2, name: 'Uppladdad: Hemtjänst 2023–2025' }).waitFor();
  check((await page.locator('#upload-problem').count()) === 0, 'the old error is still shown');
  check((await page.locator('progress').getAttribute('value')) === '100', 'the progress bar did not reach 100');
  for (const [column, role] of [['ar', 'period'], ['kommun', 'area'], ['kon', 'dimension'], ['utbildning', 'dimension'], ['alder', 'age'], ['hemtjanst', 'outcome']]) {
    const value = await page.locator(`fieldset[data-column="${column}"] select[name="role-${column}"]`).inputValue();
    check(value === role, `column ${column} was suggested as ${value}, expected ${role}`);
  }
  // Education is a known ordered dimension whose advantaged end is the longest education.
  const education = page.locator('fieldset[data-column="utbildning"]');
  check(await education.getByLabel('Kategorierna är ordnade').isChecked(), 'utbildning is not ordered');
  check((await education.locator('select[name="advantaged-utbildning"]').inputValue()) === 'last', 'utbildning: the advantaged end is not the last');
  await checkAxe(page, 'upload done, column marks');
  await screenshot(page, args, 'flow-04-column-marks');
  // Mark sex explicitly as an unordered dimension and save.
  await page.locator('select[name="role-kon"]').selectOption('dimension');
  await page.getByRole('button', { name: 'Spara kolumnerna' }).click();
  await page.waitForURL(/\/datamangder\/\d+$/);
  await page.getByText('Kolumnerna är sparade.').waitFor();
  await page.getByRole('heading', { level: 1, name: 'Datamängd: Hemtjänst 2023–2025' }).waitFor();
  await checkAxe(page, 'dataset');
  await screenshot(page, args, 'flow-05-dataset');

  // The list has the good file only: the bad one was never stored.
  await page.getByRole('link', { name: 'Datamängder', exact: true }).click();
  await page.getByRole('link', { name: 'Hemtjänst 2023–2025' }).waitFor();
  check((await page.getByText('Felaktig fil').count()) === 0, 'the bad upload was stored');
  await checkAxe(page, 'datasets');
  await page.getByRole('link', { name: 'Hemtjänst 2023–2025' }).click();

  // A new analysis from the dataset.
  await page.getByRole('link', { name: 'Analysera datamängden' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ny analys' }).waitFor();
  await checkAxe(page, 'new analysis');
  await page.getByLabel('Analysens namn').fill('Hemtjänst 65+ efter kön och utbildning');
  // Submitting without an indicator name is caught at the field.
  await page.getByRole('button', { name: 'Beräkna och spara' }).click();
  await page.getByText('Ge indikatorn ett namn.').waitFor();
  check((await page.getByLabel('Namn', { exact: true }).getAttribute('aria-invalid')) === 'true', 'the missing name is not marked invalid');
  await checkAxe(page, 'new analysis with an error');
  await page.getByLabel('Namn', { exact: true }).fill('Andel med hemtjänst, 65 år och äldre');
  check((await page.getByLabel('Typ', { exact: true }).inputValue()) === 'proportion', 'the default type is not proportion');
  await page.getByLabel('Täljarkolumn').selectOption('hemtjanst');
  await page.getByLabel('Urval').fill('alder >= 65');
  await page.getByLabel('Lågt värde är gynnsamt').check();
  await page.getByLabel('kon', { exact: true }).check();
  await page.getByLabel('utbildning', { exact: true }).check();
  check((await page.getByLabel('Periodkolumn').inputValue()) === 'ar', 'the period column is not ar');
  await screenshot(page, args, 'flow-06-new-analysis');
  await page.getByRole('button', { name: 'Beräkna och spara' }).click();
  await page.waitForURL(/\/analyser\/\d+$/, { timeout: 60000 });
  const analysisUrl = page.url();

  // Results: bars with error bars per subgroup and the table with the same values.
  await page.getByText('Analysen ”Hemtjänst 65+ efter kön och utbildning” är beräknad och sparad.').waitFor();
  const chart = page.locator('.chart[data-ready="true"]');
  await chart.waitFor();
  check((await chart.getAttribute('data-chart')) === 'bars', 'one period should give a bar chart');
  check((await chart.getAttribute('role')) === 'img' && (await chart.getAttribute('aria-label')).includes('Stapeldiagram'), 'the chart has no text alternative');
  check((await chart.locator('svg path').count()) >= 4, 'the chart has no bars');
  const table = page.locator('.results-output table.data-table');
  const subgroups = await table.locator('tbody th').allInnerTexts();
  // Labels, not codes: the dimension and its groups in words (the server's labels).
  check(subgroups.join('|') === 'Kvinnor|Män', `the table should list Kvinnor and Män, got ${subgroups.join('|')}`);
  const dimensionOptions = await page.locator('#filter-dimension option').allInnerTexts();
  check(dimensionOptions.includes('Kön'), `the breakdown does not read Kön: ${dimensionOptions.join('|')}`);
  const areaOptions = await page.locator('#filter-area option').allInnerTexts();
  check(areaOptions.includes('Örebro (1880)') && areaOptions.includes('Kumla (1881)'), `the areas are not named: ${areaOptions.join('|')}`);
  const firstEstimate = await table.locator('tbody tr').first().locator('td').first().innerText();
  check(/^\d+([,.]\d+)?$/.test(firstEstimate.trim()), `the estimate cell reads "${firstEstimate}"`);
  await checkAxe(page, 'analysis (bars)');
  await screenshot(page, args, 'flow-07-analysis-bars');

  // Education: three ordered groups, least educated first.
  await page.getByLabel('Uppdelning').selectOption('utbildning');
  await page.locator('.chart[data-ready="true"]').waitFor();
  const educations = await page.locator('.results-output table.data-table tbody th').allInnerTexts();
  check(educations.join('|') === 'Förgymnasial|Gymnasial|Eftergymnasial', `education order: ${educations.join('|')}`);

  // In English the same results read Sex and Women.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: /^Analysis: / }).waitFor();
  await page.getByLabel('Breakdown').selectOption('kon');
  await page.locator('.chart[data-ready="true"]').waitFor();
  const englishOptions = await page.locator('#filter-dimension option').allInnerTexts();
  check(englishOptions.includes('Sex'), `the breakdown does not read Sex: ${englishOptions.join('|')}`);
  const englishGroups = await page.locator('.results-output table.data-table tbody th').allInnerTexts();
  check(englishGroups.join('|') === 'Women|Men', `the English table should list Women and Men, got ${englishGroups.join('|')}`);
  await page.getByRole('button', { name: 'Svenska' }).click();
  await page.getByRole('heading', { level: 1, name: /^Analys: / }).waitFor();
  await page.locator('.chart[data-ready="true"]').waitFor();
  await page.getByLabel('Uppdelning').selectOption('utbildning');
  await page.locator('.chart[data-ready="true"]').waitFor();

  // Several periods: the time series.
  await page.getByLabel('Period', { exact: true }).selectOption({ label: 'Alla perioder (tidsserie)' });
  const lines = page.locator('.chart[data-ready="true"][data-chart="lines"]');
  await lines.waitFor();
  check((await lines.getAttribute('aria-label')).includes('Linjediagram'), 'the time series has no text alternative');
  const periods = await page.locator('.results-output table.data-table tbody td:nth-child(2)').allInnerTexts();
  check(new Set(periods).size === 3, `the time series table should have three periods, got ${[...new Set(periods)].join(',')}`);
  await checkAxe(page, 'analysis (time series)');
  await screenshot(page, args, 'flow-08-analysis-time-series');

  // Excel export: a zip with the workbook and its sheet "Indikatorer".
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ladda ner Excel' }).click()]);
  check(xlsx.suggestedFilename().endsWith('.xlsx'), `the Excel file is called ${xlsx.suggestedFilename()}`);
  const zip = readZip(readFileSync(await xlsx.path()));
  check(zip.has('xl/workbook.xml') && zip.has('xl/worksheets/sheet1.xml'), `not an xlsx workbook: ${[...zip.keys()].join(', ')}`);
  const workbook = zip.get('xl/workbook.xml')();
  check(/<sheet [^>]*name="Indikatorer"/.test(workbook), `no sheet "Indikatorer" in ${workbook}`);
  check(/<sheet [^>]*name="Ojämlikhet"/.test(workbook), `no sheet "Ojämlikhet" in ${workbook}`);
  const strings = zip.has('xl/sharedStrings.xml') ? zip.get('xl/sharedStrings.xml')() : zip.get('xl/worksheets/sheet1.xml')();
  check(strings.includes('Andel med hemtjänst, 65 år och äldre'), 'the workbook does not hold the indicator');
  check(strings.includes('Örebro') && strings.includes('Kumla'), 'the workbook does not name the areas');
  console.log(`xlsx: ${zip.size} entries, sheet "Indikatorer"`);

  // CSV export: the long format as Swedish Excel opens it (byte order mark, ';', decimal comma),
  // headers in Swedish, labels beside the codes.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ladda ner CSV' }).click()]);
  const csvBytes = readFileSync(await csv.path());
  check(csvBytes[0] === 0xef && csvBytes[1] === 0xbb && csvBytes[2] === 0xbf, 'the CSV has no byte order mark');
  const csvText = csvBytes.toString('utf8').slice(1);
  const header = csvText.split('\n')[0];
  check(header.startsWith('Indikator (id);Indikator;') && header.includes(';Skattning;') && header.includes(';Nedre gräns;'), `CSV header: ${header}`);
  check(csvText.split('\n').filter(Boolean).length > 10, 'the CSV has too few rows');
  check(csvText.includes(';kon;Kön;K;Kvinnor;'), 'the CSV does not carry labels beside the codes');
  check(/;\d+,\d+;/.test(csvText), 'the CSV has no decimal comma');
  // Two municipalities of Örebro county: named, and the whole is the county, never the nation.
  check(csvText.includes(';kommun;1881;Kumla;'), 'the CSV does not name municipality 1881');
  check(csvText.includes(';lan;18;Örebro län;') && !csvText.includes(';riket;'), 'the whole of a one-county dataset is not the county');

  // The saved analysis reopens from the list.
  await page.getByRole('link', { name: 'Analyser', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Analyser' }).waitFor();
  await checkAxe(page, 'analyses');
  await screenshot(page, args, 'flow-09-analyses');
  await page.getByRole('link', { name: 'Hemtjänst 65+ efter kön och utbildning' }).click();
  await page.waitForURL(analysisUrl);
  await page.locator('.chart[data-ready="true"]').waitFor();

  // Every state-changing request after log-in carried the session's CSRF token.
  const unprotected = writes.filter((w) => w.path !== '/api/auth/login' && !/^[0-9a-f]{32,}$/.test(w.csrf));
  check(writes.length >= 4, `only ${writes.length} state-changing requests were seen`);
  check(unprotected.length === 0, `requests without a CSRF token: ${JSON.stringify(unprotected)}`);

  // Log out: back to the log-in page, and the session is gone on the server.
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await page.waitForURL(/\/logga-in/);
  await page.getByText('Du är utloggad.').waitFor();
  await checkAxe(page, 'logged out');
  await screenshot(page, args, 'flow-10-logged-out');
  const session = await page.request.get(server.url + '/api/auth/session');
  check(session.status() === 401, `after log-out the session answers ${session.status()}`);
  await page.goto(analysisUrl);
  await page.waitForURL(/\/logga-in\?next=/);

  // A "next" with a backslash is another site to the browser ("/\evil.example" is
  // "//evil.example"): after log-in the app stays on its own page.
  await page.goto(server.url + '/logga-in?next=' + encodeURIComponent('/\\evil.example'));
  await page.getByLabel('E-postadress').fill(server.email);
  await page.getByLabel('Lösenord').fill(server.password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL(/\/datamangder$/);
  check(new URL(page.url()).host === new URL(server.url).host, `log-in led to ${page.url()}`);

  // The built application serves no source maps (they would hand out the full source).
  const maps = readdirSync(join(args['web-root'], 'assets')).filter((name) => name.endsWith('.map'));
  check(maps.length === 0, `source maps are served: ${maps.join(', ')}`);

  check(page.problems.length === 0, `errors in the page:\n${page.problems.join('\n')}`);
});
