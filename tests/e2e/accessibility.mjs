// Accessibility beyond the flow: keyboard only (skip link first, visible focus, log-in and
// navigation without a mouse, focus on the new page's heading), the language switch (lang="en",
// English texts, and back), every page in English at 1280×800 and in Swedish at a phone's 375 px
// without sideways scrolling of the page, on the demo data (Örebro county, 300 000 persons).
// axe-core (WCAG 2.1 A/AA) on each page, with screenshots.
import { goodCsv } from './data.mjs';
import { check, checkAxe, desktop, logIn, newPage, parseArgs, phone, runTest, screenshot, startBrowser, startServer } from './lib.mjs';

const args = parseArgs();

async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return null;
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      text: (el.textContent || '').trim().slice(0, 60),
      name: el.getAttribute('name'),
      outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      shadow: style.boxShadow !== 'none',
    };
  });
}

async function noSidewaysScroll(page, label) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  check(scroll <= width + 1, `${label}: the page scrolls sideways (${scroll} px content in ${width} px)`);
}

// Tab until the focused element matches, at most `limit` times; check every stop shows focus.
async function tabTo(page, matches, limit = 15, key = 'Tab') {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    check(f && (f.outline || f.shadow), `focus is not visible on ${JSON.stringify(f)}`);
    if (matches(f)) return f;
  }
  throw new Error('the element was not reached by Tab');
}

await runTest('e2e.accessibility', 300, async () => {
  const server = await startServer(args, { demoData: true });
  const browser = await startBrowser();

  // Keyboard only, desktop.
  const page = await newPage(browser, desktop);
  await page.goto(server.url + '/logga-in');
  await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
  await page.keyboard.press('Tab');
  const skip = await focused(page);
  check(skip.text === 'Hoppa till innehållet', `the first Tab stop is ${JSON.stringify(skip)}, not the skip link`);
  const skipBox = await page.locator('.skip-link').boundingBox();
  check(skipBox && skipBox.y >= 0, 'the focused skip link is not on screen');
  await screenshot(page, args, 'a11y-01-skip-link');
  await page.keyboard.press('Enter');
  check((await focused(page)).id === 'main', 'the skip link did not move focus to the main content');
  await tabTo(page, (f) => f.name === 'email');
  await page.keyboard.type(server.email);
  await page.keyboard.press('Tab');
  check((await focused(page)).name === 'password', 'Tab from the e-mail does not reach the password');
  await page.keyboard.type(server.password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Datamängder' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1', null, { timeout: 5000 }).catch(() => {
    throw new Error('after log-in focus is not on the new page heading');
  });
  // The nav link to analyses (before the heading), by keyboard.
  await tabTo(page, (f) => f.tag === 'a' && f.text === 'Analyser', 20, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Analyser' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1', null, { timeout: 5000 }).catch(() => {
    throw new Error('after navigation focus is not on the heading');
  });

  // Switch to English: lang attribute, texts, and every page.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Analyses' }).waitFor();
  check((await page.getAttribute('html', 'lang')) === 'en', 'the page is not marked English');
  check((await page.getAttribute('.lang-switch', 'lang')) === 'sv', 'the switch back is not marked Swedish');
  await checkAxe(page, 'analyses (en, 1280)');
  await page.getByRole('link', { name: 'Datasets', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Datasets' }).waitFor();
  await checkAxe(page, 'datasets (en, 1280)');
  await screenshot(page, args, 'a11y-02-datasets-en');
  await page.getByRole('link', { name: /Synthetic persons|Syntetiska personer/ }).click();
  await page.getByRole('heading', { level: 2, name: 'Columns and their roles' }).waitFor();
  await checkAxe(page, 'demo dataset (en, 1280)');
  await noSidewaysScroll(page, 'demo dataset (en, 1280)');
  await screenshot(page, args, 'a11y-03-demo-dataset-en');

  // An analysis of the demo data, in English: home care 65+ by education, three area levels.
  await page.getByRole('link', { name: 'Analyse the dataset' }).click();
  await page.getByRole('heading', { level: 1, name: 'New analysis' }).waitFor();
  await checkAxe(page, 'new analysis (en, 1280)');
  await page.getByLabel('Name of the analysis').fill('Home care 65+ by education');
  await page.getByLabel('Name', { exact: true }).fill('Hemtjänst 65+');
  await page.getByLabel('Name in English').fill('Home care 65+');
  await page.getByLabel('Numerator column').selectOption('hemtjanst');
  await page.getByLabel('Selection').fill('alder >= 65');
  await page.getByLabel('A low value is favourable').check();
  await page.getByLabel('utbildning', { exact: true }).check();
  await page.getByLabel('kon', { exact: true }).check();
  // The crossing is a choice of its own (its pair in the dataset's column order).
  await page.getByLabel(/^(kon × utbildning|utbildning × kon)$/).check();
  await screenshot(page, args, 'a11y-04-new-analysis-en');
  await page.getByRole('button', { name: 'Compute and save' }).click();
  await page.waitForURL(/\/analyser\/\d+$/, { timeout: 90000 });
  await page.locator('.chart[data-ready="true"]').waitFor();
  check((await page.locator('.chart').getAttribute('aria-label')).startsWith('Bar chart: Home care 65+'), 'the English chart alternative is missing');
  await checkAxe(page, 'analysis (en, 1280)');
  await noSidewaysScroll(page, 'analysis (en, 1280)');
  await screenshot(page, args, 'a11y-05-analysis-en');
  const analysisPath = new URL(page.url()).pathname;

  // Back to Swedish.
  await page.getByRole('button', { name: 'Svenska' }).click();
  await page.getByRole('heading', { level: 1, name: /^Analys: / }).waitFor();
  check((await page.getAttribute('html', 'lang')) === 'sv', 'the page is not marked Swedish again');

  // A phone: every page in Swedish at 375 px.
  const mobile = await newPage(browser, phone);
  await logIn(mobile, server);
  const pages = [
    ['/datamangder', 'Datamängder', 'datasets'],
    ['/datamangder/ny', 'Ladda upp en datamängd', 'upload'],
    ['/datamangder/1', 'Datamängd: ', 'dataset'],
    ['/analyser/ny', 'Ny analys', 'new-analysis'],
    ['/analyser', 'Analyser', 'analyses'],
    [analysisPath, 'Analys: ', 'analysis'],
    ['/finns-inte', 'Sidan finns inte', 'not-found'],
  ];
  for (const [path, title, name] of pages) {
    await mobile.goto(server.url + path);
    await mobile.getByRole('heading', { level: 1, name: title }).waitFor();
    if (name === 'analysis') await mobile.locator('.chart[data-ready="true"]').waitFor();
    if (name === 'dataset') await mobile.getByRole('heading', { level: 2, name: 'Kolumner och deras roller' }).waitFor();
    await checkAxe(mobile, `${name} (sv, 375)`);
    await noSidewaysScroll(mobile, `${name} (sv, 375)`);
    await screenshot(mobile, args, `a11y-phone-${name}`);
  }
  // Upload on the phone too, and the column marks it shows.
  await mobile.goto(server.url + '/datamangder/ny');
  await mobile.getByLabel('CSV-fil').setInputFiles({ name: 'telefon.csv', mimeType: 'text/csv', buffer: goodCsv() });
  await mobile.getByRole('button', { name: 'Ladda upp' }).click();
  await mobile.getByRole('heading', { level: 2, name: 'Kolumner och deras roller' }).waitFor();
  await checkAxe(mobile, 'column marks (sv, 375)');
  await noSidewaysScroll(mobile, 'column marks (sv, 375)');
  await screenshot(mobile, args, 'a11y-phone-column-marks');
  // Reordering categories by keyboard keeps focus on the moved category.
  const education = mobile.locator('fieldset[data-column="utbildning"]');
  await education.getByRole('button', { name: 'Flytta gymnasial uppåt' }).focus();
  await mobile.keyboard.press('Enter');
  const order = await education.locator('.order .category').allInnerTexts();
  check(order.join('|') === 'gymnasial|förgymnasial|eftergymnasial', `the order after moving is ${order.join('|')}`);
  check((await focused(mobile)).tag === 'button', 'focus was lost after moving a category');

  check(page.problems.length === 0 && mobile.problems.length === 0, `errors in the page:\n${[...page.problems, ...mobile.problems].join('\n')}`);
});
