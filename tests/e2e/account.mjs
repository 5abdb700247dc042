// The account page in Chromium against the real server: log in with the printed (initial)
// password → the change page with why, and no other page until the password is changed; a wrong
// repetition, a too short password and a wrong current password said in words; the change → a new
// session with the new password, on /datamangder. Then /konto: one's sessions with this one
// marked; a second browser signed in too; "Logga ut på andra ställen" ends it (its next page load
// asks for log-in). English, and a phone's 375 px. axe-core on each state, screenshots.
import {
  check,
  checkAxe,
  desktop,
  newPage,
  parseArgs,
  phone,
  recordApiWrites,
  runTest,
  screenshot,
  startBrowser,
  startServer,
} from './lib.mjs';

const args = parseArgs();
const ownPassword = 'mitt eget hemliga lösenord';

async function noSidewaysScroll(page, label) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  check(scroll <= width + 1, `${label}: the page scrolls sideways (${scroll} px content in ${width} px)`);
}

async function formError(page) {
  const error = page.locator('form .form-message .error');
  await error.waitFor();
  return (await error.innerText()).trim();
}

await runTest('e2e.account', 240, async () => {
  const server = await startServer(args, { keepInitialPassword: true });
  const browser = await startBrowser();
  const page = await newPage(browser, desktop);
  const writes = recordApiWrites(page);

  // Log in with the initial password: the change page, with the explanation.
  await page.goto(server.url + '/');
  await page.waitForURL(/\/logga-in/);
  await page.getByLabel('E-postadress').fill(server.email);
  await page.getByLabel('Lösenord').fill(server.initialPassword);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL(/\/konto$/);
  await page.getByRole('heading', { level: 1, name: 'Byt lösenord' }).waitFor();
  await page.getByText('Ditt lösenord är tillfälligt. Välj ett eget innan du fortsätter.').waitFor();
  check((await page.locator('nav.site-nav').count()) === 0, 'the navigation is offered before the password is changed');
  check((await page.getByLabel('Nuvarande lösenord').getAttribute('autocomplete')) === 'current-password', 'the current password is not autocomplete=current-password');
  check((await page.getByLabel('Nytt lösenord', { exact: true }).getAttribute('autocomplete')) === 'new-password', 'the new password is not autocomplete=new-password');
  check((await page.getByLabel('Upprepa det nya lösenordet').getAttribute('autocomplete')) === 'new-password', 'the repetition is not autocomplete=new-password');
  await checkAxe(page, 'forced password change');
  await screenshot(page, args, 'account-01-forced');

  // No other page until the password is changed: a typed address and a reload lead back here.
  await page.goto(server.url + '/analyser');
  await page.waitForURL(/\/konto$/);
  await page.getByText('Ditt lösenord är tillfälligt. Välj ett eget innan du fortsätter.').waitFor();
  await page.goto(server.url + '/datamangder/ny');
  await page.waitForURL(/\/konto$/);
  await page.getByRole('heading', { level: 1, name: 'Byt lösenord' }).waitFor();

  // The phone's width.
  await page.setViewportSize(phone);
  await noSidewaysScroll(page, 'forced change at 375 px');
  await checkAxe(page, 'forced password change at 375 px');
  await screenshot(page, args, 'account-02-forced-phone');
  await page.setViewportSize(desktop);

  // A wrong repetition: said next to the form, focus on the repetition, nothing sent.
  const writesBefore = writes.length;
  await page.getByLabel('Nuvarande lösenord').fill(server.initialPassword);
  await page.getByLabel('Nytt lösenord', { exact: true }).fill(ownPassword);
  await page.getByLabel('Upprepa det nya lösenordet').fill('något helt annat lösenord');
  await page.getByRole('button', { name: 'Byt lösenord' }).click();
  const mismatch = await formError(page);
  check(mismatch.includes('inte likadana'), `the wrong repetition says: ${mismatch}`);
  check((await page.getByLabel('Upprepa det nya lösenordet').getAttribute('aria-invalid')) === 'true', 'the repetition is not marked invalid');
  check(await page.getByLabel('Upprepa det nya lösenordet').evaluate((el) => el === document.activeElement), 'focus is not on the repetition');
  check(writes.length === writesBefore, 'a mismatched repetition was sent to the server');
  await checkAxe(page, 'forced change with a wrong repetition');
  await screenshot(page, args, 'account-03-mismatch');

  // Too short: the server's own words (its rule, e.g. "lösenordet ska ha 12–128 tecken").
  await page.getByLabel('Nytt lösenord', { exact: true }).fill('kort');
  await page.getByLabel('Upprepa det nya lösenordet').fill('kort');
  await page.getByRole('button', { name: 'Byt lösenord' }).click();
  await page.getByText('tecken', { exact: false }).last().waitFor();
  const short = await formError(page);
  check(/lösenordet .*tecken/.test(short), `the too short password says: ${short}`);
  check(await page.getByLabel('Nytt lösenord', { exact: true }).evaluate((el) => el === document.activeElement), 'focus is not on the new password');

  // A wrong current password: said in words, and the session is still there.
  await page.getByLabel('Nuvarande lösenord').fill('inte det rätta lösenordet');
  await page.getByLabel('Nytt lösenord', { exact: true }).fill(ownPassword);
  await page.getByLabel('Upprepa det nya lösenordet').fill(ownPassword);
  await page.getByRole('button', { name: 'Byt lösenord' }).click();
  await page.getByText('Det nuvarande lösenordet stämmer inte.').waitFor();
  check(/\/konto$/.test(page.url()), `a wrong current password left the page for ${page.url()}`);
  check(await page.getByLabel('Nuvarande lösenord').evaluate((el) => el === document.activeElement), 'focus is not on the current password');
  await checkAxe(page, 'forced change with a wrong current password');

  // The change: a new session with the new password, then the datasets.
  await page.getByLabel('Nuvarande lösenord').fill(server.initialPassword);
  await page.getByLabel('Nytt lösenord', { exact: true }).fill(ownPassword);
  await page.getByLabel('Upprepa det nya lösenordet').fill(ownPassword);
  await page.getByRole('button', { name: 'Byt lösenord' }).click();
  await page.waitForURL(/\/datamangder$/);
  await page.getByRole('heading', { level: 1, name: 'Datamängder' }).waitFor();
  await page.getByText('Ditt lösenord är bytt.', { exact: false }).waitFor();
  await page.getByText('Inga datamängder ännu.').waitFor();
  await checkAxe(page, 'datasets after the change');
  await screenshot(page, args, 'account-04-changed');
  for (const write of writes) check(write.path === '/api/auth/login' || write.csrf.length > 0, `${write.method} ${write.path} without the CSRF token`);

  // The old password no longer works, the new one does (through the API).
  const oldLogin = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: server.email, password: server.initialPassword }),
  });
  check(oldLogin.status === 401, `the initial password still logs in (${oldLogin.status})`);

  // The account page from the navigation: this session marked.
  await page.getByRole('navigation').getByRole('link', { name: 'Konto' }).click();
  await page.waitForURL(/\/konto$/);
  await page.getByRole('heading', { level: 1, name: 'Konto' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Dina inloggningar' }).waitFor();
  const rows = page.locator('table.data-table tbody tr');
  await rows.first().waitFor();
  const marked = await page.locator('table.data-table tbody tr', { hasText: 'den här' }).count();
  check(marked === 1, `${marked} sessions are marked as this one`);
  const browserCell = (await rows.first().locator('th').innerText()).trim();
  check(/Chrome \d+ på Linux/.test(browserCell), `the browser is shown as "${browserCell}"`);
  check((await page.getByRole('link', { name: 'Konto' }).getAttribute('aria-current')) === 'page', 'the account link is not marked current');
  await checkAxe(page, 'account');
  await screenshot(page, args, 'account-05-account');

  // A second browser (phone width) signs in with the new password.
  const other = await newPage(browser, phone);
  await other.goto(server.url + '/logga-in');
  await other.getByLabel('E-postadress').fill(server.email);
  await other.getByLabel('Lösenord').fill(ownPassword);
  await other.getByRole('button', { name: 'Logga in' }).click();
  await other.waitForURL(/\/datamangder$/);
  await other.getByRole('link', { name: 'Konto' }).click();
  await other.getByRole('heading', { level: 2, name: 'Dina inloggningar' }).waitFor();
  await other.locator('table.data-table tbody tr').nth(1).waitFor();
  await noSidewaysScroll(other, 'account at 375 px');
  await checkAxe(other, 'account at 375 px');
  await screenshot(other, args, 'account-06-account-phone');

  // The first browser sees both and ends the other.
  await page.reload();
  await page.getByRole('heading', { level: 2, name: 'Dina inloggningar' }).waitFor();
  await page.locator('table.data-table tbody tr').nth(1).waitFor();
  check((await rows.count()) === 2, `${await rows.count()} sessions listed, expected 2`);
  await page.getByRole('button', { name: 'Logga ut på andra ställen' }).click();
  await page.getByRole('status').getByText('1 annan inloggning avslutades.').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('table.data-table tbody tr').length === 1);
  check((await page.locator('table.data-table tbody tr', { hasText: 'den här' }).count()) === 1, 'this session is not left');
  await checkAxe(page, 'account after logging out elsewhere');
  await screenshot(page, args, 'account-07-logged-out-others');

  // The second browser's next page load asks for log-in.
  await other.goto(server.url + '/datamangder');
  await other.waitForURL(/\/logga-in/);
  await other.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();

  // English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Account' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Your sessions' }).waitFor();
  await page.locator('table.data-table tbody tr', { hasText: 'this one' }).waitFor();
  await page.getByRole('button', { name: 'Log out elsewhere' }).waitFor();
  check((await page.getAttribute('html', 'lang')) === 'en', 'the page is not marked English');
  await checkAxe(page, 'account in English');
  await screenshot(page, args, 'account-08-account-english');
  await page.getByRole('button', { name: 'Svenska' }).click();
  await page.getByRole('heading', { level: 1, name: 'Konto' }).waitFor();

  for (const p of [page, other]) check(p.problems.length === 0, `browser problems:\n${p.problems.join('\n')}`);
});
