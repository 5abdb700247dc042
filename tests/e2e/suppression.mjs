// The web door applies disclosure control: an analysis of a file with a three-person municipality
// shows its figures as hidden, says why in words, and the page never holds the hidden counts.
import { smallAreaCsv } from './data.mjs';
import { check, checkAxe, logIn, newPage, parseArgs, runTest, screenshot, startBrowser, startServer } from './lib.mjs';

const args = parseArgs();

await runTest('e2e.suppression', 180, async () => {
  const server = await startServer(args);
  const browser = await startBrowser();
  const page = await newPage(browser);
  await logIn(page, server);
  const results = [];
  page.on('response', async (response) => {
    if (/\/analyses\/\d+\/results$/.test(new URL(response.url()).pathname)) results.push(await response.json());
  });

  await page.getByRole('link', { name: 'Ladda upp en CSV-fil' }).click();
  await page.getByLabel('CSV-fil').setInputFiles({ name: 'liten.csv', mimeType: 'text/csv', buffer: smallAreaCsv() });
  await page.getByLabel('Namn på datamängden').fill('Liten kommun');
  await page.getByRole('button', { name: 'Ladda upp' }).click();
  await page.getByRole('button', { name: 'Spara kolumnerna' }).click();
  await page.waitForURL(/\/datamangder\/\d+$/);
  await page.getByRole('link', { name: 'Analysera datamängden' }).click();
  await page.getByLabel('Analysens namn').fill('Hemtjänst per kommun');
  await page.getByLabel('Namn', { exact: true }).fill('Andel med hemtjänst');
  await page.getByLabel('Täljarkolumn').selectOption('hemtjanst');
  await page.getByLabel('kon', { exact: true }).check();
  await page.getByRole('button', { name: 'Beräkna och spara' }).click();
  await page.waitForURL(/\/analyser\/\d+$/, { timeout: 60000 });
  await page.locator('.chart[data-ready="true"]').waitFor();

  // The three-person municipality: every figure hidden, the reason in Swedish words.
  await page.getByLabel('Områdesnivå').selectOption('kommun');
  await page.getByLabel('Område', { exact: true }).selectOption('1881');
  await page.locator('.chart[data-ready="true"]').waitFor();
  const table = page.locator('.results-output table.data-table');
  const rows = await table.locator('tbody tr').all();
  check(rows.length === 2, `expected the rows K and M, got ${rows.length}`);
  for (const row of rows) {
    const cells = await row.locator('td').allInnerTexts();
    check(cells[0].trim() === 'dold', `the estimate reads "${cells[0]}"`);
    check(cells.slice(1, 5).every((c) => c.trim() === '' || c.trim() === '–'), `hidden figures show: ${cells.join(' | ')}`);
    check(cells[5].includes('Dold för att skydda enskilda: '), `the note reads "${cells[5]}"`);
  }
  const notes = (await table.locator('tbody td:last-child').allInnerTexts()).join(' ');
  check(/för få händelser|för liten grupp/.test(notes), `no primary reason in words: ${notes}`);
  check(!/_below_minimum|complementary/.test(notes), `a reason id shows untranslated: ${notes}`);
  await checkAxe(page, 'analysis with hidden figures');
  await screenshot(page, args, 'suppression-01-hidden');

  // Nothing the browser received holds 1881's numbers.
  check(results.length > 0, 'the page did not load the results');
  for (const row of results.flatMap((r) => r.rows).filter((r) => r.area === '1881')) {
    check(row.suppressed && [row.estimate, row.lower, row.upper, row.numerator, row.denominator].every((v) => v === null), `the API sent 1881's figures: ${JSON.stringify(row)}`);
  }
  check(page.problems.length === 0, `errors in the page:\n${page.problems.join('\n')}`);
});
