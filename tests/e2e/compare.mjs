// The comparison page and the area profile on the demo's five years of a synthetic Sweden
// (jamlik serve --demo --demo-trends): Örebro (1880) against its county and the nation. The marks,
// values and trend markers shown are the API's; the mark and the χ² for linear trend of Örebro's
// home-care share are recomputed here from the API's counts and limits (an independent
// computation, Armitage's test as src/compare/README.md states it); every chart has its data table
// and its PNG, SVG and CSV downloads; axe-core finds no WCAG 2.1 AA violation in Swedish, in
// English and at 375 px, where the page does not scroll sideways. Then against the demo's group of
// similar municipalities: the group's value recomputed here as the unweighted mean of its members'
// estimates (from the API's rows against the nation) and Örebro's mark from its interval against
// that mean; the area profile's group column likewise; the groups page (a group made through its
// form) is axe-clean in Swedish and English.
import { check, checkAxe, logIn, newPage, parseArgs, phone, runTest, screenshot, startBrowser, startServer } from './lib.mjs';

const args = parseArgs();
const figures = ['spine', 'league', 'funnel', 'trend', 'equiplot', 'scatter'];

async function download(page, figure, format) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`figure[data-figure="${figure}"] button[data-download="${format}"]`).click(),
  ]);
  const path = await file.path();
  const { readFileSync } = await import('node:fs');
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

// Armitage's χ² test for linear trend over periods scored 1…k.
function chiSquaredForTrend(numerators, denominators) {
  const x = numerators.map((_r, i) => i + 1);
  const N = denominators.reduce((a, b) => a + b, 0);
  const R = numerators.reduce((a, b) => a + b, 0);
  const p = R / N;
  const xbar = denominators.reduce((a, n, i) => a + n * x[i], 0) / N;
  const T = numerators.reduce((a, r, i) => a + r * x[i], 0) - R * xbar;
  const V = p * (1 - p) * (denominators.reduce((a, n, i) => a + n * x[i] * x[i], 0) - N * xbar * xbar);
  return { chi2: (T * T) / V, T };
}

// Fingertips' comparison of an interval with a value, by the polarity.
function mark(lower, upper, value, polarity) {
  if (lower === null || upper === null || value === null) return 'not_compared';
  const side = lower > value ? 'higher' : upper < value ? 'lower' : 'similar';
  if (side === 'similar' || polarity === 'none') return side;
  return (side === 'higher') === (polarity === 'high') ? 'better' : 'worse';
}

const value = (text) => (text === '' ? null : Number(text));

async function openTables(page) {
  // Keyboard: each table opens from its summary with Enter.
  const closed = page.locator('details.figure-table:not([open]) > summary');
  for (let left = await closed.count(); left > 0; --left) {
    await closed.first().focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('details.figure-table:not([open])').length < n, left);
  }
}

async function waitForCharts(page, names) {
  for (const name of names) await page.locator(`.chart[data-chart="${name}"][data-ready="true"]`).waitFor({ timeout: 120000 });
}

await runTest('e2e.compare', 580, async () => {
  check(args['demo-trends-csv'], 'no --demo-trends-csv given');
  const server = await startServer(args, { extraArgs: ['--demo-trends', args['demo-trends-csv']] });
  const browser = await startBrowser();
  // The comparison of five years of all Sweden takes seconds on a busy machine.
  const page = await newPage(browser);
  page.setDefaultTimeout(120000);
  await logIn(page, server);
  await page.getByRole('link', { name: 'Analyser', exact: true }).click();
  // The analysis page links to the comparison page; the test goes there by the list's link (the
  // analysis page of 27 000 results computes its inequality measures first).
  const analysisHref = await page.getByRole('link', { name: /Jämförelser 2021–2025/ }).getAttribute('href');
  check(/^\/analyser\/\d+$/.test(analysisHref), `the analysis link: ${analysisHref}`);
  await page.goto(`${server.url}${analysisHref}/jamforelse`);
  // The API's answers, read beside the page with the same session (too large for the browser's
  // inspector to keep).
  const session = await (await page.context().request.get(`${server.url}/api/auth/session`)).json();
  const org = session.memberships[0].organisation.id;
  const comparisons = {};
  for (const against of ['lan', 'riket']) {
    const answer = await page.context().request.get(`${server.url}/api/organisations/${org}${analysisHref.replace('/analyser', '/analyses')}/comparison?against=${against}&lang=sv`, { timeout: 300000 });
    check(answer.status() === 200, `the comparison against ${against} answered ${answer.status()}`);
    comparisons[against] = (await answer.json()).rows;
  }
  await waitForCharts(page, figures);

  // The page opens at the organisation's own area (Örebro, 1880), the first indicator (home care
  // among the old), its latest year, against the county.
  const rows = comparisons.lan;
  check(rows && rows.length > 1000, `the county comparison has ${rows?.length} rows`);
  const summary = page.locator('section[data-section="summary"]');
  check((await summary.getAttribute('data-area')) === '1880', `the summary is of ${await summary.getAttribute('data-area')}`);
  const series = rows
    .filter((r) => r.indicator === 'hemtjanst_65' && r.area === '1880' && r.dimension === 'total')
    .sort((a, b) => (a.period < b.period ? -1 : 1));
  check(series.map((r) => r.period).join(',') === '2021,2022,2023,2024,2025', `Örebro's periods: ${series.map((r) => r.period)}`);
  const latest = series[4];
  check(latest.comparator_area === '18' && latest.comparator_name === 'Örebro län', `Örebro's comparator: ${latest.comparator_area} ${latest.comparator_name}`);
  // The mark again from the API's interval and the county's value (low is good).
  const county = rows.find((r) => r.indicator === 'hemtjanst_65' && r.area === '18' && r.period === '2025' && r.dimension === 'total');
  check(Math.abs(county.estimate - latest.comparator_value) < 1e-12, `the comparator value ${latest.comparator_value} is not the county's ${county.estimate}`);
  check(latest.polarity === 'low', `polarity ${latest.polarity}`);
  check(mark(latest.lower, latest.upper, latest.comparator_value, 'low') === latest.comparison, `the mark ${latest.comparison} is not the recomputed one`);
  check((await summary.getAttribute('data-comparison')) === latest.comparison, `the summary shows ${await summary.getAttribute('data-comparison')}, the API ${latest.comparison}`);
  const markWords = { better: 'Bättre', similar: 'Liknande', worse: 'Sämre', not_compared: 'Inte jämförd' };
  const summaryText = await summary.innerText();
  check(summaryText.includes(markWords[latest.comparison]), `the summary does not say "${markWords[latest.comparison]}": ${summaryText}`);
  // The recent trend recomputed: Armitage's χ² from the five years' counts, significant at 99.8 %.
  const { chi2, T } = chiSquaredForTrend(series.map((r) => r.numerator), series.map((r) => r.denominator));
  check(Math.abs(chi2 - latest.trend_chi_squared) < 1e-6 * Math.max(1, chi2), `χ² ${latest.trend_chi_squared}, recomputed ${chi2}`);
  const expectedTrend = chi2 > 9.5495 ? (T > 0 ? 'increasing' : 'decreasing') : 'no_significant_change';
  check(latest.trend === expectedTrend, `trend ${latest.trend}, recomputed ${expectedTrend} (χ² ${chi2})`);
  check((await summary.getAttribute('data-trend')) === latest.trend, 'the summary shows another trend');
  const trendWords = { increasing: 'Ökande', decreasing: 'Minskande', no_significant_change: 'Ingen signifikant förändring' };
  check(summaryText.includes(trendWords[latest.trend]), `the summary does not say "${trendWords[latest.trend]}"`);
  check(['narrowing', 'widening', 'no_significant_change'].includes(latest.gap_trend), `gap trend ${latest.gap_trend} (${latest.gap_trend_reason})`);
  check((await page.locator('.trend-markers').getAttribute('data-gap-trend')) === latest.gap_trend, 'the trend section shows another gap trend');
  console.log(`Örebro 2025: ${latest.estimate.toFixed(2)} (${latest.lower.toFixed(2)}–${latest.upper.toFixed(2)}) against ${latest.comparator_value.toFixed(2)}: ${latest.comparison}; trend ${latest.trend} χ² ${chi2.toFixed(2)}; gap ${latest.gap_trend}`);

  // Every chart has its table and its downloads; the tables' marks and values are the API's.
  await openTables(page);
  for (const name of figures) {
    const fig = page.locator(`figure[data-figure="${name}"]`);
    check((await fig.locator('.chart[role="img"]').getAttribute('aria-label')).length > 30, `${name} has no text alternative`);
    check((await fig.locator('table.data-table tbody tr').count()) > 0, `${name} has no table rows`);
    for (const format of ['png', 'svg', 'csv']) check((await fig.locator(`button[data-download="${format}"]`).count()) === 1, `${name} has no ${format} download`);
  }
  const byKey = new Map(rows.map((r) => [`${r.indicator}|${r.area}|${r.period}|${r.dimension}|${r.subgroup}`, r]));
  const league = await page.locator('figure[data-figure="league"] tbody tr').evaluateAll((trs) => trs.map((tr) => ({ ...tr.dataset, text: tr.innerText })));
  check(league.length === 12, `the league table has ${league.length} municipalities of Örebro county`);
  for (const shown of league) {
    const api = byKey.get(`hemtjanst_65|${shown.area}|2025|total|${shown.subgroup}`);
    check(api, `no API row for ${shown.area}`);
    check(value(shown.estimate) === api.estimate && shown.comparison === api.comparison && shown.comparison2 === api.comparison_2, `league row ${shown.area}: ${JSON.stringify(shown)} vs ${api.estimate} ${api.comparison}`);
    check(shown.text.includes(markWords[api.comparison] ?? api.comparison), `league row ${shown.area} does not say ${api.comparison}`);
    if (api.estimate !== null) check(shown.text.includes(api.estimate.toFixed(1).replace('.', ',')), `league row ${shown.area} does not show ${api.estimate}: ${shown.text}`);
  }
  const ranks = league.map((r) => byKey.get(`hemtjanst_65|${r.area}|2025|total|T`).rank);
  // Best first; the areas without a figure (hidden by disclosure control) last.
  const ranked = ranks.filter((r) => r !== null);
  check(ranked.length >= 3 && ranked.every((r, i) => i === 0 || r >= ranked[i - 1]) && ranks.slice(ranked.length).every((r) => r === null), `the league is not in rank order: ${ranks}`);
  const funnel = await page.locator('figure[data-figure="funnel"] tbody tr').evaluateAll((trs) => trs.map((tr) => ({ ...tr.dataset })));
  for (const shown of funnel) {
    const api = byKey.get(`hemtjanst_65|${shown.area}|2025|total|T`);
    check(value(shown.funnelLower) === api.funnel_lower && value(shown.funnelUpper) === api.funnel_upper, `funnel limits of ${shown.area}`);
  }
  const trendRows = await page.locator('figure[data-figure="trend"] tbody tr').evaluateAll((trs) => trs.map((tr) => ({ ...tr.dataset })));
  check(trendRows.map((r) => `${r.period}:${value(r.estimate)}:${r.trend}`).join(',') === series.map((r) => `${r.period}:${r.estimate}:${r.trend}`).join(','), 'the trend table is not the API series');
  const equiplot = await page.locator('figure[data-figure="equiplot"] tbody tr').evaluateAll((trs) => trs.map((tr) => ({ ...tr.dataset })));
  for (const shown of equiplot) {
    const api = byKey.get(`hemtjanst_65|${shown.area}|2025|kon|${shown.subgroup}`);
    check(api && value(shown.estimate) === api.estimate && shown.comparison === api.comparison, `equiplot row ${shown.area} ${shown.subgroup}`);
  }

  // Downloads: the chart as SVG and PNG, its table as CSV with the API's figures.
  const svg = await download(page, 'league', 'svg');
  check(svg.bytes.toString('utf8').startsWith('<svg') && svg.name.endsWith('.svg'), `the SVG: ${svg.name}`);
  const png = await download(page, 'funnel', 'png');
  check(png.bytes.subarray(1, 4).toString() === 'PNG', `the PNG: ${png.name}`);
  const csv = (await download(page, 'league', 'csv')).bytes.toString('utf8');
  const first = byKey.get(`hemtjanst_65|${league[0].area}|2025|total|T`);
  check(csv.includes(String(first.estimate).replace('.', ',')) && csv.includes(first.comparison), `the CSV lacks ${first.area}'s figures`);

  await checkAxe(page, 'comparison page');
  await screenshot(page, args, 'compare-01-county');

  // Against the nation: the funnel holds every municipality of Sweden.
  await page.getByLabel('Jämför med').selectOption('riket');
  // Drawn anew against the nation: the funnel holds more than the county's municipalities.
  await page.waitForFunction(() => document.querySelectorAll('figure[data-figure="funnel"] tbody tr').length > 12, null, { timeout: 120000 });
  await waitForCharts(page, figures);
  const nationRows = comparisons.riket;
  const nationLatest = nationRows.find((r) => r.indicator === 'hemtjanst_65' && r.area === '1880' && r.period === '2025' && r.dimension === 'total');
  check(nationLatest.comparator_area === '00', `the nation's code ${nationLatest.comparator_area}`);
  check((await page.locator('section[data-section="summary"]').getAttribute('data-comparison')) === nationLatest.comparison, 'the summary against the nation');
  // Every municipality of Sweden with a figure (the smallest are hidden by disclosure control).
  const withFigure = nationRows.filter((r) => r.indicator === 'hemtjanst_65' && r.area_level === 'kommun' && r.period === '2025' && r.dimension === 'total' && r.estimate !== null).length;
  const funnelCount = await page.locator('figure[data-figure="funnel"] tbody tr').count();
  check(funnelCount === withFigure && withFigure > 150, `the funnel against the nation has ${funnelCount} municipalities, the API ${withFigure}`);
  await screenshot(page, args, 'compare-02-nation');

  // English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 2, name: 'Funnel plot' }).waitFor();
  await waitForCharts(page, figures);
  await openTables(page);
  await checkAxe(page, 'comparison page (English)');
  await page.getByRole('button', { name: 'Svenska' }).click();
  await page.getByRole('heading', { level: 2, name: 'Trattdiagram' }).waitFor();

  // 375 px: no sideways scrolling; axe.
  const narrow = await newPage(browser, phone);
  narrow.setDefaultTimeout(120000);
  await logIn(narrow, server);
  await narrow.goto(page.url());
  await waitForCharts(narrow, figures);
  await openTables(narrow);
  const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(overflow <= 0, `the comparison page scrolls sideways by ${overflow} px at 375 px`);
  await checkAxe(narrow, 'comparison page at 375 px');
  await screenshot(narrow, args, 'compare-03-narrow');

  // The area profile: Örebro's indicators against the county and the nation, as the API marks them.
  await page.getByRole('link', { name: 'Områdesprofil för det valda området' }).click();
  await page.waitForURL(/\/omradesprofil/);
  await page.locator('.chart[data-chart="profile-spine"][data-ready="true"]').waitFor();
  const nationKey = new Map(comparisons.riket.map((r) => [`${r.indicator}|${r.area}|${r.period}|${r.dimension}|${r.subgroup}`, r]));
  const profile = await page.locator('.profile-indicator tbody tr').evaluateAll((trs) => trs.map((tr) => ({ ...tr.dataset, indicator: tr.closest('section').dataset.indicator, text: tr.innerText })));
  check(profile.length >= 3 * 6, `the profile has ${profile.length} rows`);
  for (const shown of profile) {
    const key = `${shown.indicator}|1880|${shown.period}|${shown.subgroup === 'T' ? 'total' : rows.find((r) => r.indicator === shown.indicator && r.area === '1880' && r.subgroup === shown.subgroup && r.dimension !== 'total').dimension}|${shown.subgroup}`;
    const againstCounty = byKey.get(key);
    const againstNation = nationKey.get(key);
    check(shown.area === '1880' && shown.period === '2025', `profile row of ${shown.area} ${shown.period}`);
    check(shown.comparison === againstCounty.comparison && shown.comparisonNation === againstNation.comparison, `profile marks of ${key}: ${shown.comparison}/${shown.comparisonNation} vs ${againstCounty.comparison}/${againstNation.comparison}`);
    check(value(shown.nationValue) === againstNation.comparator_value && shown.gapTrendNation === againstNation.gap_trend, `profile nation value of ${key}`);
    check(shown.text.includes(markWords[againstNation.comparison] ?? 'x'), `profile row ${key} does not say ${againstNation.comparison}`);
  }
  await openTables(page);
  await checkAxe(page, 'area profile');
  await screenshot(page, args, 'compare-04-area-profile');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: /^Area profile: / }).waitFor();
  await openTables(page);
  await checkAxe(page, 'area profile (English)');
  await narrow.goto(page.url());
  await narrow.locator('.chart[data-chart="profile-spine"][data-ready="true"]').waitFor();
  const profileOverflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(profileOverflow <= 0, `the area profile scrolls sideways by ${profileOverflow} px at 375 px`);
  await checkAxe(narrow, 'area profile at 375 px');
  await screenshot(narrow, args, 'compare-05-area-profile-narrow');
  // Against the demo's group of similar municipalities (serve --demo seeds it).
  await page.getByRole('button', { name: 'Svenska' }).click();
  await page.getByRole('heading', { level: 1, name: /^Områdesprofil: / }).waitFor();
  const groups = (await (await page.context().request.get(`${server.url}/api/organisations/${org}/comparison-groups`)).json()).groups;
  const group = groups.find((g) => g.title === 'Liknande kommuner: större städer');
  check(group && group.members.map((m) => m.code).join(',') === '0380,0580,0581,0680,1980,2180,2480', `the demo's group: ${JSON.stringify(groups)}`);
  const groupAnswer = await page.context().request.get(`${server.url}/api/organisations/${org}${analysisHref.replace('/analyser', '/analyses')}/comparison?against=${group.against}&lang=sv`, { timeout: 300000 });
  check(groupAnswer.status() === 200, `the comparison against the group answered ${groupAnswer.status()}`);
  const groupRows = (await groupAnswer.json()).rows;
  const groupKey = new Map(groupRows.map((r) => [`${r.indicator}|${r.area}|${r.period}|${r.dimension}|${r.subgroup}`, r]));
  // The group's value: the mean of the members' estimates that have one, from the API's raw rows.
  const groupMean = (indicator, period, dimension, subgroup) => {
    const values = group.members.map((m) => nationKey.get(`${indicator}|${m.code}|${period}|${dimension}|${subgroup}`)?.estimate).filter((v) => v !== null && v !== undefined);
    return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
  };
  const groupLatest = groupKey.get('hemtjanst_65|1880|2025|total|T');
  const mean = groupMean('hemtjanst_65', '2025', 'total', 'T');
  check(groupLatest.comparator_name === group.title && Math.abs(groupLatest.comparator_value - mean) < 1e-9 * Math.max(1, Math.abs(mean)), `the group's value ${groupLatest.comparator_value}, recomputed ${mean}`);
  check(mark(groupLatest.lower, groupLatest.upper, mean, 'low') === groupLatest.comparison, `the mark against the group ${groupLatest.comparison} is not the recomputed one`);
  check(groupLatest.trend === latest.trend, 'the trend depends on the comparator');
  await page.goto(`${server.url}${analysisHref}/jamforelse`);
  await waitForCharts(page, ['spine', 'league']);
  await page.getByLabel('Jämför med').selectOption(group.against);
  await page.waitForFunction((name) => document.querySelector('section[data-section="summary"]')?.innerText.includes(name), group.title, { timeout: 120000 });
  await waitForCharts(page, figures);
  const groupSummary = page.locator('section[data-section="summary"]');
  check((await groupSummary.getAttribute('data-comparison')) === groupLatest.comparison, `the summary against the group shows ${await groupSummary.getAttribute('data-comparison')}`);
  const groupSummaryText = await groupSummary.innerText();
  check(groupSummaryText.includes(markWords[groupLatest.comparison]) && groupSummaryText.includes(trendWords[groupLatest.trend]), `the summary against the group: ${groupSummaryText}`);
  // The trend table: each year's group value is the mean of the members' estimates that year.
  const groupTrend = await page.locator('figure[data-figure="trend"] tbody tr').evaluateAll((trs) => trs.map((tr) => ({ ...tr.dataset })));
  check(groupTrend.length === 5, `the trend table against the group has ${groupTrend.length} rows`);
  for (const shown of groupTrend) {
    const expected = groupMean('hemtjanst_65', shown.period, 'total', 'T');
    check(Math.abs(value(shown.comparatorValue) - expected) < 1e-9 * Math.max(1, expected), `the group's value in ${shown.period}: ${shown.comparatorValue}, recomputed ${expected}`);
    check(shown.gapTrend === groupKey.get(`hemtjanst_65|1880|${shown.period}|total|T`).gap_trend, `the gap trend in ${shown.period}`);
  }
  console.log(`Örebro 2025 against ${group.title}: ${groupLatest.comparator_value.toFixed(2)} (mean of ${group.members.length}): ${groupLatest.comparison}; gap ${groupLatest.gap_trend}`);
  await screenshot(page, args, 'compare-06-group');
  // The area profile with the group beside the county and the nation.
  await page.getByRole('link', { name: 'Områdesprofil för det valda området' }).click();
  await page.waitForURL(/grupp=/);
  await page.locator('.chart[data-chart="profile-spine"][data-ready="true"]').waitFor();
  const groupProfile = await page.locator('.profile-indicator tbody tr').evaluateAll((trs) => trs.map((tr) => ({ ...tr.dataset, indicator: tr.closest('section').dataset.indicator })));
  const profileTotals = groupProfile.filter((r) => r.subgroup === 'T' && groupKey.get(`${r.indicator}|1880|2025|total|T`));
  check(profileTotals.length === 3, `the profile's totals against the group: ${profileTotals.length}`);
  for (const shown of profileTotals) {
    const api = groupKey.get(`${shown.indicator}|1880|2025|total|T`);
    const expected = groupMean(shown.indicator, '2025', 'total', 'T');
    check(shown.comparisonGroup === api.comparison && mark(api.lower, api.upper, expected, api.polarity) === api.comparison, `the profile's mark against the group for ${shown.indicator}`);
    check(Math.abs(value(shown.groupValue) - expected) < 1e-9 * Math.max(1, expected), `the profile's group value for ${shown.indicator}`);
  }
  await checkAxe(page, 'area profile with a group');

  // The groups page: a group made through the form, axe-clean in both languages.
  await page.goto(`${server.url}/jamforelsegrupper`);
  await page.getByRole('heading', { level: 2, name: 'Ny jämförelsegrupp' }).waitFor();
  check((await page.locator(`tr[data-group="${group.id}"]`).count()) === 1, 'the demo group is not listed');
  await page.getByLabel('Namn', { exact: true }).fill('Grannar i länet');
  for (const area of ['Kumla (1881)', 'Hallsberg (1861)']) {
    await page.getByLabel('Kommun eller län').fill(area);
    await page.getByLabel('Kommun eller län').press('Enter');
  }
  await page.getByRole('button', { name: 'Spara gruppen' }).click();
  await page.getByText('Jämförelsegruppen Grannar i länet är skapad.').waitFor();
  const made = page.locator('tr', { hasText: 'Grannar i länet' });
  check((await made.getAttribute('data-members')) === '1881,1861', `the new group's members: ${await made.getAttribute('data-members')}`);
  await checkAxe(page, 'comparison groups');
  await screenshot(page, args, 'compare-07-groups');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Comparison groups' }).waitFor();
  await checkAxe(page, 'comparison groups (English)');
  await page.getByRole('button', { name: 'Svenska' }).click();

  check(page.problems.length === 0 && narrow.problems.length === 0, `errors in the page:\n${[...page.problems, ...narrow.problems].join('\n')}`);
});
