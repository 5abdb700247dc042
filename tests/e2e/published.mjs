// Issue 11's door for an analyst without microdata (the demo server without demo data: no dataset
// at all): import Kolada's two pages (tests/data/kolada, one value null) as published statistics,
// see what was imported (1 indicator, 5 areas, 2 periods, 11 values and 1 missing), open the
// comparison of Örebro (1880) against its county (Kolada's own county figure 18.2) with its marks;
// a bad file's error stands at the file field naming the file and the JSON pointer. axe-core finds
// no WCAG 2.1 AA violation on the page in Swedish and in English.
import { check, checkAxe, logIn, newPage, parseArgs, projectRoot, runTest, screenshot, startBrowser, startServer } from './lib.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const args = parseArgs();
const kolada = join(projectRoot, 'tests', 'data', 'kolada');
const pages = ['page_1.json', 'page_2.json'].map((name) => ({ name, mimeType: 'application/json', buffer: readFileSync(join(kolada, name)) }));
const bad = {
  name: 'trasig.json',
  mimeType: 'application/json',
  buffer: Buffer.from('{"values": [{"kpi": "N00926", "municipality": "1880", "period": 2023, "values": [{"gender": "X", "value": 1}]}]}'),
};

await runTest('e2e.published', 240, async () => {
  const server = await startServer(args, { lang: 'sv' });
  const browser = await startBrowser();
  const page = await newPage(browser);
  await logIn(page, server);
  check((await page.locator('main table').count()) === 0, 'the analyst has datasets: this test is about having none');

  // From the upload page to the published statistics page.
  await page.getByRole('link', { name: 'Ladda upp en CSV-fil' }).click();
  await page.getByRole('link', { name: /publicerad statistik/i }).click();
  await page.getByRole('heading', { level: 1, name: 'Publicerad statistik' }).waitFor();
  await checkAxe(page, 'published statistics (sv)');

  // A bad file: the importer's words at the file field, with the file and the JSON pointer.
  const file = page.getByLabel('Fil eller filer');
  await file.setInputFiles(bad);
  await page.getByRole('button', { name: 'Läs in' }).click();
  const error = page.locator('.field .field-error');
  await error.waitFor();
  const errorText = await error.innerText();
  check(errorText.includes('trasig.json') && errorText.includes('/values/0/values/0/gender'), `the error does not name the file and place: ${errorText}`);
  check((await file.getAttribute('aria-invalid')) === 'true', 'the file field is not marked invalid');
  await checkAxe(page, 'published statistics, the error (sv)');

  // Kolada's two pages: what was imported.
  await file.setInputFiles(pages);
  await page.getByLabel('Namn på analysen').fill('Kolada N00926');
  await page.getByRole('button', { name: 'Läs in' }).click();
  const imported = page.locator('#imported');
  await imported.waitFor();
  const facts = await imported.locator('dd').allInnerTexts();
  const [format, files, indicators, areas, periods, values, missing] = facts;
  check(format === 'Kolada (API v3)' && files === 'page_1.json, page_2.json', `format and files: ${facts}`);
  check(indicators.includes('N00926'), `indicators: ${indicators}`);
  check(['Lekeberg (1814)', 'Örebro (1880)', 'Örebro län (18)', '(00)', 'G124009'].every((a) => areas.includes(a)), `areas: ${areas}`);
  check(periods === '2022, 2023' && values === '11' && missing === '1', `periods ${periods}, values ${values}, missing ${missing}`);
  check((await imported.innerText()).includes('aldrig noll'), 'the missing value is not said to stay missing');
  await checkAxe(page, 'published statistics, imported (sv)');
  await screenshot(page, args, 'published-01-imported-sv');

  // The comparison of Örebro against its county: Kolada's county figure, the marks.
  await imported.getByRole('link', { name: 'Jämför med länet och riket' }).click();
  await page.waitForURL(/\/analyser\/\d+\/jamforelse/);
  await page.locator('#compare-level').waitFor();
  await page.locator('#compare-level').selectOption('kommun');
  await page.locator('#compare-area').selectOption('1880');
  await page.locator('#compare-period').selectOption('2023');
  const summary = page.locator('section[data-section="summary"][data-area="1880"]');
  await summary.waitFor();
  const summaryText = await summary.innerText();
  check(summaryText.includes('17') && summaryText.includes('Örebro län: 18,2'), `Örebro's figure against the county: ${summaryText}`);
  // Kolada publishes no interval: the marks say "not compared" rather than guess.
  const marks = await summary.locator('[data-mark]').evaluateAll((e) => e.map((m) => m.getAttribute('data-mark')));
  check(marks.length === 2 && marks.every((m) => m === 'not_compared'), `marks: ${marks}`);
  check((await summary.getAttribute('data-comparison')) === 'not_compared', 'the summary\'s comparison');
  check(/[12] av 2/.test(summaryText), `rank among the municipalities: ${summaryText}`);
  // Without intervals the charts still draw: the league table has a bar per municipality.
  await page.locator('.chart[data-ready="true"]').first().waitFor();
  await screenshot(page, args, 'published-02-comparison-sv');

  // The page in English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.goto(server.url + '/analyser/publicerad');
  await page.getByRole('heading', { level: 1, name: 'Published statistics' }).waitFor();
  await checkAxe(page, 'published statistics (en)');
  await page.getByLabel('File or files').setInputFiles(pages);
  await page.getByRole('button', { name: 'Import' }).click();
  await page.locator('#imported').waitFor();
  check((await page.locator('#imported').innerText()).includes('never zero'), 'the English summary');
  await checkAxe(page, 'published statistics, imported (en)');
  await page.close();
});
