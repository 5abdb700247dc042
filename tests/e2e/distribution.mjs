// The "Fördelning" section of the analysis page on the demo data: the Gini coefficient of income
// for everyone and by sex, with intervals, as the server computes it, equal to what
// `jamlik distribution` prints for the same file; in English too; axe-core finds no WCAG 2.1 AA
// violation.
import { execFileSync } from 'node:child_process';
import { check, checkAxe, logIn, newPage, parseArgs, runTest, screenshot, startBrowser, startServer } from './lib.mjs';

const args = parseArgs();

// The CLI's estimate of a measure for a group (the point estimate does not depend on the draws).
function cliEstimate(measure, group) {
  const csv = execFileSync(args.jamlik, ['distribution', '--data', args['demo-csv'], '--value', 'inkomst', '--by', 'kon', '--measures', measure, '--draws', '20', '--format', 'csv'], {
    env: { ...process.env, JAMLIK_LANG: 'en' },
  }).toString();
  const [header, ...lines] = csv.trim().split('\n');
  const columns = header.split(',');
  const row = lines.map((line) => line.split(',')).find((cells) => cells[0] === group && cells[1] === measure);
  check(row, `the CLI printed no ${measure} for ${group}:\n${csv}`);
  return Number(row[columns.indexOf('estimate')]);
}

await runTest('e2e.distribution', 300, async () => {
  const server = await startServer(args, { demoData: true });
  const browser = await startBrowser();
  const page = await newPage(browser);
  await logIn(page, server);
  const answers = [];
  page.on('response', async (response) => {
    if (/\/datasets\/\d+\/distribution$/.test(new URL(response.url()).pathname)) answers.push(await response.json());
  });

  // An analysis of the demo data, to reach its page.
  await page.getByRole('link', { name: /Syntetiska personer/ }).click();
  await page.getByRole('link', { name: 'Analysera datamängden' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ny analys' }).waitFor();
  await page.getByLabel('Analysens namn').fill('Dödlighet');
  await page.getByLabel('Namn', { exact: true }).fill('Andel döda');
  await page.getByLabel('Täljarkolumn').selectOption('dod');
  await page.getByLabel('Lågt värde är gynnsamt').check();
  await page.getByRole('button', { name: 'Beräkna och spara' }).click();
  await page.waitForURL(/\/analyser\/\d+$/, { timeout: 90000 });

  const section = page.locator('section[data-section="distribution"]');
  await section.getByRole('heading', { level: 2, name: 'Fördelning' }).waitFor();
  check((await section.getByLabel('Utfall', { exact: true }).inputValue()) === 'inkomst', 'income is not the outcome chosen first');
  await section.getByLabel('kon', { exact: true }).check();
  for (const name of ['Kvintilkvot S80/S20', 'Percentilkvot P90/P10', 'Palmakvot']) await section.getByLabel(name).uncheck();
  check(await section.getByLabel('Ginikoefficient').isChecked(), 'the Gini coefficient is not chosen by default');
  await section.getByRole('button', { name: 'Beräkna fördelningsmått' }).click();
  const table = section.locator('table.data-table');
  await table.waitFor({ timeout: 90000 });

  // Everyone, women and men: the server's Gini equals the CLI's, and the page shows it.
  check(answers.length === 1, `the measures were fetched ${answers.length} times`);
  const rows = answers[0].rows;
  check(rows.length === 3 && rows.every((row) => row.measure === 'gini' && !row.suppressed), `rows: ${JSON.stringify(rows)}`);
  for (const [group, row] of [['total', rows[0]], ['K', rows[1]], ['M', rows[2]]]) {
    check(row.groups.kon === group, `row for ${group}: ${JSON.stringify(row)}`);
    const cli = cliEstimate('gini', group);
    check(row.estimate === cli, `the Gini for ${group} is ${row.estimate} in the browser, ${cli} from the CLI`);
    check(row.lower < row.estimate && row.estimate < row.upper, `the interval for ${group}: ${row.lower}–${row.upper}`);
  }
  const first = await table.locator('tbody tr').first().locator('th, td').allInnerTexts();
  check(first[0] === 'Alla' && first[1] === 'Ginikoefficient', `the first row reads ${first.join(' | ')}`);
  check(first[2] === rows[0].estimate.toFixed(3).replace('.', ','), `the Gini reads "${first[2]}" for ${rows[0].estimate}`);
  check(/^0,\d{3} – 0,\d{3}$/.test(first[3]), `the interval reads "${first[3]}"`);
  await checkAxe(page, 'analysis with distribution measures');
  await screenshot(page, args, 'distribution-01-gini-by-sex');

  // English: the section and its labels.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 2, name: 'Distribution' }).waitFor();
  await page.locator('section[data-section="distribution"]').getByRole('button', { name: 'Compute distribution measures' }).click();
  // Nothing to split by: one row per measure for everyone, named in English.
  const english = page.locator('section[data-section="distribution"] table.data-table');
  await english.locator('tbody th', { hasText: 'Gini coefficient' }).waitFor({ timeout: 90000 });
  const measures = await english.locator('tbody th').allInnerTexts();
  check(measures.join('|') === 'Gini coefficient|Quintile share ratio S80/S20|Percentile ratio P90/P10|Palma ratio', `the English measures: ${measures.join('|')}`);
  await checkAxe(page, 'analysis with distribution measures (English)');
});
