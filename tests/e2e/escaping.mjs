// Data is text, never markup: a CSV whose column name and categories are HTML (an <img onerror>,
// a <script>, a <b onmouseover>) and a dataset named with tags are shown literally on every page,
// in the chart's tooltip too, and nothing runs. And the server refuses a write without the CSRF
// token, so the token the front end sends matters.
import { hostileCsv } from './data.mjs';
import { check, checkAxe, logIn, newPage, parseArgs, runTest, screenshot, startBrowser, startServer } from './lib.mjs';

const args = parseArgs();
const column = '<img src=x onerror="window.__xss=1">';
const datasetName = '<b>Fet</b> & "citat"';

async function noScriptRan(page, where) {
  const ran = await page.evaluate(() => window.__xss);
  check(ran === undefined, `markup from the data ran on ${where} (window.__xss = ${ran})`);
  const injected = await page.evaluate(() => document.querySelectorAll('main img, main script, main b[onmouseover]').length);
  check(injected === 0, `markup from the data became ${injected} elements on ${where}`);
}

await runTest('e2e.escaping', 180, async () => {
  const server = await startServer(args);
  const browser = await startBrowser();
  const page = await newPage(browser);
  await logIn(page, server);

  await page.getByRole('link', { name: 'Ladda upp en CSV-fil' }).click();
  await page.getByLabel('CSV-fil').setInputFiles({ name: '<i>fil</i>.csv', mimeType: 'text/csv', buffer: hostileCsv() });
  await page.getByLabel('Namn på datamängden').fill(datasetName);
  await page.getByRole('button', { name: 'Ladda upp' }).click();
  const card = page.locator('fieldset.column-card').nth(2);
  await card.waitFor();
  const legend = await card.locator('legend .column-name').innerText();
  check(legend === column, `the column name shows as "${legend}"`);
  const categories = await card.locator('.categories').innerText();
  check(categories.includes('<script>window.__xss=2</script>'), `the categories show as "${categories}"`);
  await noScriptRan(page, 'the upload page');
  await checkAxe(page, 'upload with markup in the data');
  await screenshot(page, args, 'escaping-01-upload');
  await page.getByRole('button', { name: 'Spara kolumnerna' }).click();
  await page.waitForURL(/\/datamangder\/\d+$/);
  await page.getByRole('heading', { level: 1, name: `Datamängd: ${datasetName}`, exact: true }).waitFor();
  await noScriptRan(page, 'the dataset page');

  await page.getByRole('link', { name: 'Datamängder', exact: true }).click();
  await page.getByRole('link', { name: datasetName }).waitFor();
  await noScriptRan(page, 'the dataset list');

  // An analysis split by the hostile column: table, chart and tooltip keep it as text.
  await page.getByRole('link', { name: datasetName }).click();
  await page.getByRole('link', { name: 'Analysera datamängden' }).click();
  await page.getByLabel('Analysens namn').fill('<svg onload="window.__xss=4">');
  await page.getByLabel('Namn', { exact: true }).fill('Hemtjänst <em>70+</em>');
  await page.getByLabel('Täljarkolumn').selectOption('hemtjanst');
  await page.getByLabel(column, { exact: true }).check();
  await page.getByRole('button', { name: 'Beräkna och spara' }).click();
  await page.waitForURL(/\/analyser\/\d+$/, { timeout: 60000 });
  await page.locator('.chart[data-ready="true"]').waitFor();
  const groups = await page.locator('.results-output table.data-table tbody th').allInnerTexts();
  check(groups.includes('<script>window.__xss=2</script>'), `the table's groups read ${JSON.stringify(groups)}`);
  check((await page.locator('h1').innerText()).includes('<svg onload="window.__xss=4">'), 'the analysis name is not shown as text');
  // Hover every bar so ECharts draws its tooltip for each group.
  const box = await page.locator('.chart').boundingBox();
  for (let x = box.x + 40; x < box.x + box.width; x += 20) {
    await page.mouse.move(x, box.y + box.height - 40);
  }
  const tooltip = await page.evaluate(() =>
    Array.from(document.querySelectorAll('.chart div')).map((d) => d.textContent).join(' '),
  );
  check(tooltip.includes('window.__xss='), `no tooltip showed a group's name as text: "${tooltip}"`);
  await noScriptRan(page, 'the analysis page');
  await checkAxe(page, 'analysis with markup in the data');
  await screenshot(page, args, 'escaping-02-analysis');

  // Without the token the server refuses the write (and the front end always sends it).
  const status = await page.evaluate(async () => {
    const response = await fetch('/api/auth/logout', { method: 'POST' });
    return response.status;
  });
  check(status === 403, `a write without the CSRF token answered ${status}`);
  check(page.problems.length === 0, `errors in the page:\n${page.problems.join('\n')}`);
});
