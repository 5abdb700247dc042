// Issue 10's analyst flow, as a municipal analyst meets it, once in Swedish and once in English on
// a server whose own language is Swedish: upload an office's file with Swedish headers
// (År;Kommun;Kön;Utbildning;Ålder;Hemtjänst, capitalised education) and a typo among the ages, get
// the error at its line, upload the corrected file, see the columns recognised (the period, the
// area, education ordered short to long), run the analysis with "ålder >= 65", read the measures
// with their direction, and download Excel with sheets and headers in the interface's language.
import { check, checkAxe, logIn, newPage, parseArgs, readZip, runTest, screenshot, startBrowser, startServer } from './lib.mjs';
import { readFileSync } from 'node:fs';

const args = parseArgs();

// The corrected file: 2 years × 2 municipalities × 2 sexes × 3 educations × 5 ages × 20 persons,
// home care more common with less education and higher age. `typoLine` (1-based, header = 1) has
// "sjuttio" for its age when asked.
const typoLine = 5;
function officeCsv({ typo }) {
  const lines = ['År;Kommun;Kön;Utbildning;Ålder;Hemtjänst'];
  const educations = ['Förgymnasial', 'Gymnasial', 'Eftergymnasial'];
  let n = 0;
  for (const year of [2024, 2025]) {
    for (const kommun of ['1880', '1881']) {
      for (const kon of ['K', 'M']) {
        for (const [e, education] of educations.entries()) {
          for (const age of [66, 71, 78, 85, 91]) {
            for (let i = 0; i < 20; i++) {
              n += 1;
              const risk = 2 + (2 - e) * 2 + (age >= 80 ? 2 : 0);
              const care = (n * 7) % 10 < risk ? 1 : 0;
              const written = typo && lines.length + 1 === typoLine ? 'sjuttio' : String(age);
              lines.push(`${year};${kommun};${kon};${education};${written};${care}`);
            }
          }
        }
      }
    }
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

const texts = {
  sv: {
    upload: 'Ladda upp en CSV-fil',
    file: 'CSV-fil',
    datasetName: 'Namn på datamängden',
    submit: 'Ladda upp',
    line: `rad ${typoLine}`,
    ordered: 'Kategorierna är ordnade',
    save: 'Spara kolumnerna',
    analyse: 'Analysera datamängden',
    analysisName: 'Analysens namn',
    name: 'Namn',
    numerator: 'Täljarkolumn',
    filter: 'Urval',
    favourableLow: 'Lågt värde är gynnsamt',
    run: 'Beräkna och spara',
    inequality: 'Ojämlikhetsmått',
    level: 'Områdesnivå',
    area: 'Område',
    breakdown: 'Uppdelning',
    worseOff: 'förgymnasial har det sämre',
    excel: 'Ladda ner Excel',
    sheets: ['Indikatorer', 'Ojämlikhet'],
    header: 'Skattning',
    primary: 'Förgymnasial',
  },
  en: {
    upload: 'Upload a CSV file',
    file: 'CSV file',
    datasetName: 'Name of the dataset',
    submit: 'Upload',
    line: `line ${typoLine}`,
    ordered: 'The categories are ordered',
    save: 'Save the columns',
    analyse: 'Analyse the dataset',
    analysisName: 'Name of the analysis',
    name: 'Name',
    numerator: 'Numerator column',
    filter: 'Selection',
    favourableLow: 'A low value is favourable',
    run: 'Compute and save',
    inequality: 'Inequality measures',
    level: 'Area level',
    area: 'Area',
    breakdown: 'Breakdown',
    worseOff: 'primary worse off',
    excel: 'Download Excel',
    sheets: ['Indicators', 'Inequality'],
    header: 'Estimate',
    primary: 'Primary',
  },
};

await runTest('e2e.analyst-flow', 300, async () => {
  const server = await startServer(args, { lang: 'sv' });
  const browser = await startBrowser();
  for (const language of ['sv', 'en']) {
    const t = texts[language];
    const page = await newPage(browser);
    await logIn(page, server);
    if (language === 'en') {
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('link', { name: t.upload }).waitFor();
    }

    // The typo: an error at its line naming the column and the value, in the interface's language.
    await page.getByRole('link', { name: t.upload }).click();
    await page.getByLabel(t.file).setInputFiles({ name: 'hemtjanst-kontoret.csv', mimeType: 'text/csv', buffer: officeCsv({ typo: true }) });
    await page.getByLabel(t.datasetName).fill(`Kontorets fil ${language}`);
    await page.getByRole('button', { name: t.submit, exact: true }).click();
    const problem = page.locator('#upload-problem');
    await problem.waitFor();
    const problemText = await problem.innerText();
    check(problemText.includes(t.line) && problemText.includes('sjuttio') && problemText.includes('Ålder'), `${language}: the typo's error reads:\n${problemText}`);
    check(language === 'en' ? !problemText.includes(' rad ') : !problemText.includes(' line '), `${language}: the error is not in the interface's language:\n${problemText}`);
    await checkAxe(page, `analyst flow, the typo (${language})`);
    await screenshot(page, args, `analyst-flow-01-typo-${language}`);

    // The corrected file: the Swedish headers are the known dimensions.
    await page.getByLabel(t.file).setInputFiles({ name: 'hemtjanst-kontoret.csv', mimeType: 'text/csv', buffer: officeCsv({ typo: false }) });
    await page.getByRole('button', { name: t.submit, exact: true }).click();
    await page.locator('fieldset[data-column="utbildning"]').waitFor();
    for (const [column, role] of [['ar', 'period'], ['kommun', 'area'], ['alder', 'age']]) {
      const value = await page.locator(`fieldset[data-column="${column}"] select[name="role-${column}"]`).inputValue();
      check(value === role, `${language}: column ${column} was suggested as ${value}, expected ${role}`);
    }
    const education = page.locator('fieldset[data-column="utbildning"]');
    check(await education.getByLabel(t.ordered).isChecked(), `${language}: Utbildning is not ordered`);
    await screenshot(page, args, `analyst-flow-02-columns-${language}`);
    await page.getByRole('button', { name: t.save }).click();
    await page.waitForURL(/\/datamangder\/\d+$/);

    // The analysis, with the age written as people write it.
    await page.getByRole('link', { name: t.analyse }).click();
    await page.getByLabel(t.analysisName).fill(`Hemtjänst ${language}`);
    await page.getByLabel(t.name, { exact: true }).fill('Andel med hemtjänst');
    await page.getByLabel(t.numerator).selectOption('Hemtjänst');
    await page.getByLabel(t.filter).fill('ålder >= 65');
    await page.getByLabel(t.favourableLow).check();
    await page.getByLabel('utbildning', { exact: true }).check();
    await page.getByRole('button', { name: t.run }).click();
    await page.waitForURL(/\/analyser\/\d+$/, { timeout: 60000 });
    await page.locator('.chart[data-ready="true"]').waitFor();

    // The measures say which way they point: the least educated are worse off.
    const section = page.locator('section[data-section="inequality"]');
    await section.getByRole('heading', { level: 2, name: t.inequality }).waitFor();
    await page.getByLabel(t.level).selectOption('kommun');
    await page.getByLabel(t.area, { exact: true }).selectOption('1880');
    await page.getByLabel(t.breakdown).selectOption('utbildning');
    const d = section.locator('tbody tr[data-measure="d"]');
    await d.waitFor();
    // HEAT's D for an adverse indicator: the least educated's rate minus the most educated's.
    const rows = (await page.locator('.results-output table.data-table tbody').innerText()).trim().split('\n').map((line) => line.split('\t'));
    const rate = (row) => Number(row[2].replace(',', '.'));
    const expectedD = rate(rows[0]) - rate(rows[rows.length - 1]);
    const shownD = Number(await d.getAttribute('data-estimate'));
    check(expectedD > 0 && Math.abs(shownD - expectedD) < 0.1, `${language}: D is ${shownD}, the table's rates give ${expectedD}`);
    const reading = (await d.locator('td').allInnerTexts())[2].trim();
    check(reading.toLowerCase().includes(t.worseOff), `${language}: D's reading does not say who is worse off: "${reading}"`);
    const groups = rows.map((row) => row[0].trim());
    check(groups[0] === t.primary, `${language}: the first group is ${groups[0]}, not ${t.primary} (the order short to long)`);
    await checkAxe(page, `analyst flow, the analysis (${language})`);
    await screenshot(page, args, `analyst-flow-03-analysis-${language}`);

    // Excel in the interface's language.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: t.excel }).click()]);
    const zip = readZip(readFileSync(await xlsx.path()));
    const workbook = zip.get('xl/workbook.xml')();
    for (const sheet of t.sheets) check(workbook.includes(`name="${sheet}"`), `${language}: no sheet "${sheet}" in ${workbook}`);
    const strings = zip.get('xl/sharedStrings.xml')();
    check(strings.includes(`>${t.header}<`) && strings.includes(`>${t.primary}<`), `${language}: the workbook lacks the header "${t.header}" or the label "${t.primary}"`);
    console.log(`${language}: typo at line ${typoLine}, D = ${shownD} (${rows.map((r) => r[2]).join(' / ')}), sheets ${t.sheets.join(', ')}`);
    await page.close();
  }
});
