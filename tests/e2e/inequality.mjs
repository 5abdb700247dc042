// The inequality measures on the analysis page: for an education gradient the section
// "Ojämlikhetsmått" shows the server's D (80 − 40 = 40 percentage points, positive: the most
// educated lead) and R with intervals, what each value says (who is worse off) and what each
// measure means; for sex it leaves out the
// ordered-only measures and says so; where the least educated group is hidden the measures say
// why they cannot be computed. In English too, at 375 px without sideways scrolling, reachable by
// keyboard, and axe-core finds no WCAG 2.1 AA violation.
import { gradientCsv } from './data.mjs';
import { check, checkAxe, logIn, newPage, parseArgs, phone, runTest, screenshot, startBrowser, startServer } from './lib.mjs';

const args = parseArgs();

await runTest('e2e.inequality', 240, async () => {
  const server = await startServer(args);
  const browser = await startBrowser();
  const page = await newPage(browser);
  await logIn(page, server);
  const fetched = [];
  page.on('response', async (response) => {
    if (/\/analyses\/\d+\/inequality$/.test(new URL(response.url()).pathname)) fetched.push(await response.json());
  });

  await page.getByRole('link', { name: 'Ladda upp en CSV-fil' }).click();
  await page.getByLabel('CSV-fil').setInputFiles({ name: 'behorighet.csv', mimeType: 'text/csv', buffer: gradientCsv() });
  await page.getByLabel('Namn på datamängden').fill('Behörighet');
  await page.getByRole('button', { name: 'Ladda upp' }).click();
  await page.getByRole('button', { name: 'Spara kolumnerna' }).click();
  await page.waitForURL(/\/datamangder\/\d+$/);
  await page.getByRole('link', { name: 'Analysera datamängden' }).click();
  await page.getByLabel('Analysens namn').fill('Behörighet efter utbildning');
  await page.getByLabel('Namn', { exact: true }).fill('Gymnasiebehörighet');
  await page.getByLabel('Täljarkolumn').selectOption('behorig');
  await page.getByLabel('Högt värde är gynnsamt').check();
  await page.getByLabel('kon', { exact: true }).check();
  await page.getByLabel('utbildning', { exact: true }).check();
  // Municipalities only: with two of them, the whole would let 1880's figures give away 1881's
  // hidden group, and complementary suppression would hide 1880's education groups too.
  await page.getByLabel('Det hela som data täcker (riket, länet eller hela datamängden)').uncheck();
  await page.getByRole('button', { name: 'Beräkna och spara' }).click();
  await page.waitForURL(/\/analyser\/\d+$/, { timeout: 60000 });
  await page.locator('.chart[data-ready="true"]').waitFor();

  const section = page.locator('section[data-section="inequality"]');
  await section.getByRole('heading', { level: 2, name: 'Ojämlikhetsmått' }).waitFor();
  await page.getByLabel('Områdesnivå').selectOption('kommun');
  await page.getByLabel('Område', { exact: true }).selectOption('1880');
  await page.getByLabel('Uppdelning').selectOption('utbildning');
  await page.locator('.chart[data-ready="true"]').waitFor();

  // Education, 1880: D = 40 (positive), R = 2, SII and RII there too, each with its interval.
  const table = section.locator('table.data-table');
  const labels = await table.locator('tbody th').allInnerTexts();
  check(labels[0] === 'Differens (D)' && labels[1] === 'Kvot (R)', `measures: ${labels.join('|')}`);
  check(labels.some((l) => l.startsWith('Lutningsindex (SII)')), `no SII among ${labels.join('|')}`);
  const d = table.locator('tbody tr[data-measure="d"]');
  check(Math.abs(Number(await d.getAttribute('data-estimate')) - 40) < 1e-9, `D is ${await d.getAttribute('data-estimate')}`);
  const dCells = await d.locator('td').allInnerTexts();
  check(dCells[0].trim() === '40,0', `D reads "${dCells[0]}"`);
  const [lower, upper] = dCells[1].split('–').map((x) => Number(x.trim().replace(',', '.').replace('−', '-')));
  check(lower > 0 && lower < 40 && upper > 40, `D's interval reads "${dCells[1]}"`);
  const r = table.locator('tbody tr[data-measure="r"]');
  check(Math.abs(Number(await r.getAttribute('data-estimate')) - 2) < 1e-9, `R is ${await r.getAttribute('data-estimate')}`);
  check(Number(await table.locator('tbody tr[data-measure="sii"]').getAttribute('data-estimate')) > 0, 'SII is not positive');
  // Each value says what its sign means for this indicator (high is favourable): who is worse off.
  check(
    dCells[2].trim() === 'Eftergymnasial har 40,0 procentenheter högre värde än Förgymnasial; högt värde är gynnsamt, så Förgymnasial har det sämre.',
    `D's reading: "${dCells[2]}"`,
  );
  const siiReading = (await table.locator('tbody tr[data-measure="sii"] td').allInnerTexts())[2].trim();
  check(siiReading.startsWith('Positivt: högre värden mot den gynnade änden') && siiReading.endsWith('så den missgynnade gruppen har det sämre.'), `SII's reading: "${siiReading}"`);
  const notes = await section.locator('dl.facts dd').allInnerTexts();
  check(notes.length === labels.length && notes.every((n) => n.length > 20), `the plain-language lines: ${notes.join(' | ')}`);
  await checkAxe(page, 'analysis with inequality measures');
  await screenshot(page, args, 'inequality-01-education');

  // Sex is not ordered: D and R only, and the ordered-only measures are named as left out.
  await page.getByLabel('Uppdelning').selectOption('kon');
  await page.locator('.chart[data-ready="true"]').waitFor();
  const sexMeasures = await table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.dataset.measure));
  check(sexMeasures.join('|') === 'd|r', `measures for sex: ${sexMeasures.join('|')}`);
  check((await section.locator('p.hint').innerText()).includes('SII'), 'the left-out measures are not named');

  // Education in 1881: the least educated group is hidden, so no measure has a value.
  await page.getByLabel('Område', { exact: true }).selectOption('1881');
  await page.getByLabel('Uppdelning').selectOption('utbildning');
  await page.locator('.chart[data-ready="true"]').waitFor();
  const hiddenRows = await table.locator('tbody tr').all();
  check(hiddenRows.length === 6, `expected six measures for 1881, got ${hiddenRows.length}`);
  for (const row of hiddenRows) {
    const cells = await row.locator('td').allInnerTexts();
    check(cells[0].trim() === '–' && (await row.getAttribute('data-estimate')) === null, `1881 shows a value: ${cells.join(' | ')}`);
    check(cells[2].trim() === '', `1881 has a reading without a value: "${cells[2]}"`);
    check(cells[3].startsWith('Kan inte beräknas: ') && cells[3].length > 'Kan inte beräknas: '.length, `1881's note reads "${cells[3]}"`);
  }
  await checkAxe(page, 'analysis with undefined inequality measures');
  await screenshot(page, args, 'inequality-02-hidden-group');
  // Every measure the browser received for 1881's education is undefined.
  check(fetched.length === 1, `the measures were fetched ${fetched.length} times`);
  for (const row of fetched[0].rows.filter((x) => x.area === '1881' && x.dimension === 'utbildning')) {
    check(row.estimate === null && row.lower === null && row.reason, `the API sent a value for 1881: ${JSON.stringify(row)}`);
  }

  // Keyboard: the measures' table is a focusable, named region.
  const region = section.locator('.table-scroll');
  await region.focus();
  check(await region.evaluate((el) => el === document.activeElement && el.getAttribute('tabindex') === '0'), 'the measures table cannot be reached by keyboard');

  // English: the server's labels and reasons in English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 2, name: 'Inequality measures' }).waitFor();
  await page.getByLabel('Area level').selectOption('kommun');
  await page.getByLabel('Area', { exact: true }).selectOption('1880');
  await page.getByLabel('Breakdown').selectOption('utbildning');
  await section.locator('tbody tr[data-measure="d"] th', { hasText: 'Difference (D)' }).waitFor();
  const dEnglish = (await section.locator('tbody tr[data-measure="d"] td').allInnerTexts())[2].trim();
  check(dEnglish === 'Post-secondary is 40.0 percentage points higher than Primary; high values are favourable, which leaves Primary worse off.', `D's English reading: "${dEnglish}"`);
  await checkAxe(page, 'analysis with inequality measures (English)');
  await page.getByRole('button', { name: 'Svenska' }).click();
  await page.getByRole('heading', { level: 2, name: 'Ojämlikhetsmått' }).waitFor();

  // 375 px: no sideways scrolling of the page; the table scrolls inside its region.
  const narrow = await newPage(browser, phone);
  await logIn(narrow, server);
  await narrow.goto(page.url());
  await narrow.locator('section[data-section="inequality"] h2').waitFor();
  await narrow.getByLabel('Uppdelning').selectOption('utbildning');
  await narrow.locator('section[data-section="inequality"] tbody tr[data-measure="d"]').first().waitFor();
  const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(overflow <= 0, `the page scrolls sideways by ${overflow} px at 375 px`);
  await checkAxe(narrow, 'analysis with inequality measures at 375 px');
  await screenshot(narrow, args, 'inequality-03-narrow');
  check(page.problems.length === 0 && narrow.problems.length === 0, `errors in the page:\n${[...page.problems, ...narrow.problems].join('\n')}`);
});
