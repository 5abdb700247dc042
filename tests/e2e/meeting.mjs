// The meeting place in Chromium against the real server and a mail sink on loopback: an organiser
// creates an activity with one seat (a mistake said at its field first); person A registers from
// the public page (confirmed), person B (waiting, number 1), person C in English (waiting, number
// 2); a second registration with A's address is refused at the e-mail field; lowering the seats
// below the confirmed count is refused at the field; A's confirmation mail arrives in the sink with
// the private link, A opens it and cancels; B gets the seat ("Du har fått en plats" arrives, and
// the organiser's list shows B confirmed, A cancelled and C first in line); the used link then
// says it is no longer valid; an activity past its deadline takes no registrations. axe-core on every page in Swedish and English, a phone's 375 px
// without sideways scrolling, screenshots.
import {
  addCleanup,
  check,
  checkAxe,
  desktop,
  freePort,
  logIn,
  newPage,
  parseArgs,
  phone,
  runTest,
  screenshot,
  startBrowser,
  startServer,
} from './lib.mjs';
import { startSmtpSink } from './smtp-sink.mjs';

const args = parseArgs();
const title = 'Jämlik hälsa i budgeten <b>och</b> i skolan';
const sender = 'motesplats@jamlik.example';
const anna = { name: 'Anna Andersson', organisation: 'Örebro kommun', email: 'anna@example.se', needs: 'Vegetarisk kost' };
const bertil = { name: 'Bertil Berg', organisation: 'Region Örebro län', email: 'bertil@example.se' };
const cecilia = { name: 'Cecilia Chen', organisation: 'Folkhälsomyndigheten', email: 'cecilia@example.se' };

async function noSidewaysScroll(page, label) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  check(scroll <= width + 1, `${label}: the page scrolls sideways (${scroll} px content in ${width} px)`);
}

// The text of the message said at a control's field, and that the control is marked invalid.
async function fieldError(control, label) {
  await control.locator('xpath=ancestor-or-self::*[contains(@class,"field") or self::fieldset][1]//p[contains(@class,"field-error")]').first().waitFor();
  check((await control.getAttribute('aria-invalid')) === 'true', `${label}: the field is not marked invalid`);
  const container = control.locator('xpath=ancestor-or-self::*[contains(@class,"field") or self::fieldset][1]');
  const text = (await container.locator('.field-error').first().innerText()).trim();
  // The message is what describes the control to a screen reader.
  const describedBy = (await control.getAttribute('aria-describedby')) ?? '';
  const errorId = await container.locator('.field-error').first().getAttribute('id');
  check(describedBy.split(' ').includes(errorId), `${label}: the message does not describe the field`);
  return text;
}

async function register(page, url, person, { english = false, expectWaiting = false } = {}) {
  await page.goto(url);
  const words = english
    ? { name: 'Name', organisation: 'Organisation', email: 'E-mail address', needs: 'Special needs', submit: expectWaiting ? 'Join the waiting list' : 'Register' }
    : { name: 'Namn', organisation: 'Organisation', email: 'E-postadress', needs: 'Särskilda behov', submit: expectWaiting ? 'Anmäl mig till väntelistan' : 'Anmäl mig' };
  await page.getByLabel(words.name, { exact: true }).fill(person.name);
  await page.getByLabel(words.organisation, { exact: true }).fill(person.organisation);
  await page.getByLabel(words.email, { exact: true }).fill(person.email);
  if (person.needs) await page.getByLabel(words.needs).fill(person.needs);
  await page.locator('fieldset[data-field="consent"] input[type="checkbox"]').check();
  await page.getByRole('button', { name: words.submit, exact: true }).click();
}

await runTest('e2e.meeting', 300, async () => {
  const sink = await startSmtpSink();
  addCleanup(() => sink.close());
  const port = await freePort();
  const site = `http://127.0.0.1:${port}`;
  const server = await startServer(args, {
    port,
    extraArgs: ['--smtp-url', sink.url, '--smtp-from', sender, '--site-url', site],
  });
  check(server.url === site, `the server says ${server.url}, not ${site}`);
  const browser = await startBrowser();

  // ---- The organiser creates an activity with one seat. ----
  // The organiser's computer is in New York: the times typed are still Swedish time.
  const organiser = await newPage(browser, desktop, { timezoneId: 'America/New_York' });
  await logIn(organiser, server);
  await organiser.getByRole('navigation').getByRole('link', { name: 'Aktiviteter' }).click();
  await organiser.getByRole('heading', { level: 1, name: 'Våra aktiviteter' }).waitFor();
  await organiser.getByText('Organisationen har inga kommande aktiviteter.').waitFor();
  await checkAxe(organiser, 'organiser activities (sv)');
  await screenshot(organiser, args, 'meeting-01-organiser-empty');
  await organiser.getByRole('link', { name: 'Ny aktivitet' }).click();
  await organiser.getByRole('heading', { level: 1, name: 'Ny aktivitet' }).waitFor();
  await checkAxe(organiser, 'new activity (sv)');

  // Nothing written: the title is missing, said at the field.
  await organiser.getByRole('button', { name: 'Skapa aktiviteten' }).click();
  const titleInput = organiser.getByLabel('Rubrik', { exact: true });
  check((await fieldError(titleInput, 'empty title')) === 'Skriv en rubrik.', 'the empty title is not explained');
  // The server's refusal (the link must be https) at the link field.
  await organiser.getByLabel('Typ av aktivitet').selectOption('seminar');
  await titleInput.fill(title);
  await organiser.getByLabel('Beskrivning').fill('Hur en kommun följer upp skillnader i hälsa i budgeten.\n\nFör politiker och tjänstepersoner.');
  await organiser.getByLabel('Tema', { exact: true }).fill('Skola');
  await organiser.getByLabel('Mät och analysera problemet och bedöm effekterna av insatser').check();
  await organiser.getByLabel('Plats', { exact: true }).fill('Örebro slott, Kansliet');
  await organiser.getByLabel('Länk', { exact: true }).fill('http://jamlik.example/seminarium');
  await organiser.getByLabel('Län', { exact: true }).selectOption('18');
  await organiser.getByLabel('Antal platser').fill('1');
  await organiser.getByRole('button', { name: 'Skapa aktiviteten' }).click();
  const linkInput = organiser.getByLabel('Länk', { exact: true });
  const linkError = await fieldError(linkInput, 'http link');
  check(linkError === 'Länken ska börja med https://', `the link's refusal says: ${linkError}`);
  check((await organiser.locator('form .form-message .error').innerText()).trim() === 'Aktiviteten kunde inte skapas. Rätta det markerade fältet.', 'the form does not point to the marked field');
  check(await organiser.evaluate(() => document.activeElement?.getAttribute('data-field') === 'link'), 'focus is not on the refused link');
  await checkAxe(organiser, 'new activity with an error at the field (sv)');
  await screenshot(organiser, args, 'meeting-02-new-activity-error');
  await linkInput.fill('https://jamlik.example/seminarium');
  await organiser.getByRole('button', { name: 'Skapa aktiviteten' }).click();
  await organiser.waitForURL(/\/arrangor\/aktiviteter\/\d+$/);
  const activityId = Number(new URL(organiser.url()).pathname.split('/').pop());
  await organiser.getByRole('heading', { level: 1, name: title }).waitFor();
  await organiser.getByText(`Aktiviteten ”${title}” är skapad.`).waitFor();
  await organiser.getByText('1 plats kvar av 1').waitFor();
  const when = (await organiser.locator('.facts dd').first().innerText()).trim();
  check(/ 09:00–12:00 \(svensk tid\)$/.test(when), `the time reads ${when}`);
  await organiser.getByText('Ingen har anmält sig ännu.').waitFor();
  check((await organiser.locator('b').count()) === 0, 'the title became markup');
  await checkAxe(organiser, 'participants, none yet (sv)');
  await screenshot(organiser, args, 'meeting-03-participants-empty');

  // ---- The public list, with filters, needs no account. ----
  const visitor = await newPage(browser, desktop);
  await visitor.goto(`${site}/aktiviteter`);
  await visitor.getByRole('heading', { level: 1, name: 'Aktiviteter' }).waitFor();
  await visitor.getByRole('link', { name: title }).waitFor();
  check((await visitor.locator('.result-count').innerText()).startsWith('1 aktivitet'), 'the count is not one activity');
  await visitor.getByLabel('Län', { exact: true }).selectOption({ label: 'Stockholms län' });
  await visitor.getByRole('button', { name: 'Visa' }).click();
  await visitor.waitForURL(/\/aktiviteter\?lan=01$/);
  await visitor.getByText('Inga kommande aktiviteter passar filtret.').waitFor();
  await visitor.getByLabel('Län', { exact: true }).selectOption({ label: 'Örebro län' });
  await visitor.getByLabel('Tema', { exact: true }).selectOption('Skola');
  await visitor.getByLabel('Typ', { exact: true }).selectOption({ label: 'Seminarium' });
  await visitor.getByRole('button', { name: 'Visa' }).click();
  await visitor.waitForURL(/\/aktiviteter\?typ=seminar&lan=18&tema=Skola$/);
  const item = visitor.locator('.activity-item');
  await item.getByRole('link', { name: title }).waitFor();
  const itemText = await item.innerText();
  check(itemText.includes('Seminarium') && itemText.includes('Örebro slott') && itemText.includes('1 plats kvar av 1'), `the list item reads: ${itemText}`);
  await checkAxe(visitor, 'public activities, filtered (sv)');
  await screenshot(visitor, args, 'meeting-04-public-list');

  // ---- A registers: a seat. ----
  const activityUrl = `${site}/aktiviteter/${activityId}`;
  await item.getByRole('link', { name: title }).click();
  await visitor.waitForURL(activityUrl);
  await visitor.getByRole('heading', { level: 1, name: title }).waitFor();
  const apiActivity = await (await fetch(`${site}/api/public/activities/${activityId}`, { headers: { 'Accept-Language': 'sv' } })).json();
  const swedishClock = (seconds) =>
    new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit', weekday: 'short' }).format(seconds * 1000);
  const dayBefore = swedishClock(apiActivity.starts_at - 86400).split(' ')[0];
  check(swedishClock(apiActivity.starts_at).endsWith('09:00') && swedishClock(apiActivity.ends_at).endsWith('12:00'), `stored as ${swedishClock(apiActivity.starts_at)}–${swedishClock(apiActivity.ends_at)} Swedish time`);
  check(swedishClock(apiActivity.registration_deadline) === `${dayBefore} 12:00`, `the deadline is ${swedishClock(apiActivity.registration_deadline)}`);
  const consentLabel = (await visitor.locator('fieldset[data-field="consent"] label').innerText()).trim();
  check(consentLabel === apiActivity.consent_text, `the consent reads "${consentLabel}", the API "${apiActivity.consent_text}"`);
  check((await visitor.locator('fieldset[data-field="consent"] input').getAttribute('required')) !== null, 'the consent is not required');
  await visitor.getByText('Det finns 1 plats kvar.').waitFor();
  await checkAxe(visitor, 'public activity with the form (sv)');
  await screenshot(visitor, args, 'meeting-05-activity');
  // Without consent nothing is sent; said at the consent.
  await visitor.getByLabel('Namn', { exact: true }).fill(anna.name);
  await visitor.getByLabel('Organisation', { exact: true }).fill(anna.organisation);
  await visitor.getByLabel('E-postadress', { exact: true }).fill(anna.email);
  await visitor.getByRole('button', { name: 'Anmäl mig', exact: true }).click();
  const consentError = await fieldError(visitor.locator('fieldset[data-field="consent"]'), 'no consent');
  check(consentError.startsWith('Kryssa i rutan'), `no consent says: ${consentError}`);
  await checkAxe(visitor, 'registration without consent (sv)');
  check(sink.mails.length === 0, 'a mail was sent without a registration');
  await register(visitor, activityUrl, anna);
  await visitor.getByRole('heading', { level: 1, name: 'Du är anmäld' }).waitFor();
  await visitor.getByText(`En bekräftelse skickas till ${anna.email}.`).waitFor();
  const shownLink = (await visitor.locator('.cancel-link a').innerText()).trim();
  check(new RegExp(`^${site}/avanmalan/[0-9a-f]{64}$`).test(shownLink), `the confirmation's link is ${shownLink}`);
  await checkAxe(visitor, 'registration confirmed (sv)');
  await screenshot(visitor, args, 'meeting-06-confirmed');

  // The same address again: refused at the e-mail field.
  await register(visitor, activityUrl, anna, { expectWaiting: true });
  const duplicate = await fieldError(visitor.getByLabel('E-postadress', { exact: true }), 'the same address');
  check(duplicate === 'Den här e-postadressen är redan anmäld till aktiviteten.', `a second registration says: ${duplicate}`);
  await checkAxe(visitor, 'registration refused at the e-mail field (sv)');
  await screenshot(visitor, args, 'meeting-07-already-registered');

  // ---- B registers: waiting, number 1. ----
  const second = await newPage(browser, desktop);
  await second.goto(activityUrl);
  await second.getByText('Fullbokad: alla platser är tagna').waitFor();
  await second.getByText('Alla platser är tagna. Anmäl dig till väntelistan').waitFor();
  await register(second, activityUrl, bertil, { expectWaiting: true });
  await second.getByRole('heading', { level: 1, name: 'Du står på väntelistan' }).waitFor();
  const waitingText = await second.locator('main p[role="status"]').innerText();
  check(waitingText.includes('Du står som nummer 1 på väntelistan'), `B's confirmation says: ${waitingText}`);
  await checkAxe(second, 'registration waiting (sv)');
  await screenshot(second, args, 'meeting-08-waiting');

  // ---- C registers in English: waiting, number 2. ----
  const third = await newPage(browser, desktop);
  await third.goto(activityUrl);
  await third.getByRole('button', { name: 'English' }).click();
  await third.getByRole('heading', { level: 2, name: 'Registration' }).waitFor();
  await third.getByText('Fully booked: every seat is taken').waitFor();
  await third.getByText('1 person waiting').waitFor();
  const englishConsent = (await third.locator('fieldset[data-field="consent"] label').innerText()).trim();
  check(englishConsent.startsWith('I agree that my name'), `the English consent reads: ${englishConsent}`);
  await checkAxe(third, 'public activity, full (en)');
  await screenshot(third, args, 'meeting-09-activity-en');
  await register(third, activityUrl, cecilia, { english: true, expectWaiting: true });
  await third.getByRole('heading', { level: 1, name: 'You are on the waiting list' }).waitFor();
  check((await third.locator('main p[role="status"]').innerText()).includes('You are number 2 on the waiting list'), 'C is not number 2');
  await checkAxe(third, 'registration waiting (en)');
  await third.goto(`${site}/aktiviteter`);
  await third.getByRole('heading', { level: 1, name: 'Activities' }).waitFor();
  check((await third.locator('.activity-item').innerText()).includes('Fully booked'), 'the English list does not say fully booked');
  await checkAxe(third, 'public activities (en)');
  await screenshot(third, args, 'meeting-10-list-en');

  // ---- The organiser's list: A confirmed, B and C waiting; fewer seats than confirmed refused. ----
  await organiser.reload();
  await organiser.getByRole('heading', { level: 1, name: title }).waitFor();
  const statuses = async () =>
    organiser.locator('table.data-table tbody tr').evaluateAll((rows) =>
      rows.map((row) => [row.querySelector('th')?.textContent?.trim(), row.querySelector('[data-status]')?.getAttribute('data-status'), row.querySelector('[data-status]')?.textContent?.trim()]),
    );
  const before = await statuses();
  check(
    JSON.stringify(before.map((r) => r.slice(0, 2))) === JSON.stringify([[anna.name, 'confirmed'], [bertil.name, 'waiting'], [cecilia.name, 'waiting']]),
    `the participants before: ${JSON.stringify(before)}`,
  );
  check(before[1][2] === 'På väntelistan (nr 1)', `B's status reads ${before[1][2]}`);
  check(before[2][2] === 'På väntelistan (nr 2)', `C's status reads ${before[2][2]}`);
  check((await organiser.locator('table.data-table tbody tr').first().innerText()).includes(anna.needs), 'A\'s needs are not listed');
  const csv = organiser.getByRole('link', { name: 'CSV', exact: true });
  const exportPath = new RegExp(`^/api/organisations/\\d+/activities/${activityId}/registrations/export\\?format=(csv|xlsx)&lang=sv$`);
  const csvHref = await csv.getAttribute('href');
  const xlsxHref = await organiser.getByRole('link', { name: 'Excel', exact: true }).getAttribute('href');
  check(exportPath.exec(csvHref)?.[1] === 'csv', `the CSV link is ${csvHref}`);
  check(exportPath.exec(xlsxHref)?.[1] === 'xlsx', `the Excel link is ${xlsxHref}`);
  const capacity = organiser.getByLabel('Antal platser', { exact: true });
  await capacity.fill('0');
  await organiser.getByRole('button', { name: 'Ändra antalet platser' }).click();
  const refusal = await fieldError(capacity, 'capacity below the confirmed');
  check(/\b1\b/.test(refusal) && /\b0\b/.test(refusal), `lowering the seats says: ${refusal}`);
  await checkAxe(organiser, 'participants with the capacity refused (sv)');
  await screenshot(organiser, args, 'meeting-11-participants-refused');

  // ---- The mail: A's confirmation with the private link. ----
  const annaMail = await sink.waitFor((m) => m.to.includes(anna.email), 20000, "A's confirmation");
  check(annaMail.from === sender, `the mail comes from ${annaMail.from}`);
  check(annaMail.subject === `Anmälan bekräftad: ${title}`, `A's subject is ${annaMail.subject}`);
  check(annaMail.body.includes('Hej Anna Andersson!') && annaMail.body.includes('Du har en plats.'), `A's mail reads:\n${annaMail.body}`);
  check(annaMail.body.includes('kl. 09.00'), `A's mail does not say 09.00 Swedish time:\n${annaMail.body}`);
  const mailLink = /http:\/\/127\.0\.0\.1:\d+\/avanmalan\/[0-9a-f]{64}/.exec(annaMail.body)?.[0];
  check(mailLink === shownLink, `the mail's link ${mailLink} is not the confirmation's ${shownLink}`);
  const bertilWaiting = await sink.waitFor((m) => m.to.includes(bertil.email), 20000, "B's waiting-list mail");
  check(bertilWaiting.subject === `Du står på väntelistan: ${title}`, `B's first subject is ${bertilWaiting.subject}`);
  const ceciliaMail = await sink.waitFor((m) => m.to.includes(cecilia.email), 20000, "C's mail");
  check(ceciliaMail.subject === `You are on the waiting list: ${title}` && ceciliaMail.body.includes('You are number 2'), `C's mail: ${ceciliaMail.subject}`);

  // ---- A opens the link from the mail and cancels. ----
  const annaPage = await newPage(browser, phone);
  await annaPage.goto(mailLink);
  await annaPage.getByRole('heading', { level: 1, name: 'Avanmälan' }).waitFor();
  await noSidewaysScroll(annaPage, 'the cancel page at 375 px');
  await checkAxe(annaPage, 'cancel page (sv, 375 px)');
  await screenshot(annaPage, args, 'meeting-12-cancel-phone');
  await annaPage.getByRole('button', { name: 'Ja, avanmäl mig' }).click();
  await annaPage.getByRole('heading', { level: 1, name: 'Du är avanmäld' }).waitFor();
  await checkAxe(annaPage, 'cancelled (sv)');
  await screenshot(annaPage, args, 'meeting-13-cancelled');

  // ---- B is promoted: the mail, and the organiser's list. ----
  const promoted = await sink.waitFor((m) => m.to.includes(bertil.email) && m.subject.startsWith('Du har fått en plats'), 20000, "B's promotion mail");
  check(promoted.subject === `Du har fått en plats: ${title}`, `B's promotion subject is ${promoted.subject}`);
  check(promoted.body.includes('En plats blev ledig och den är nu din'), `B's promotion reads:\n${promoted.body}`);
  await organiser.reload();
  await organiser.getByRole('heading', { level: 1, name: title }).waitFor();
  const after = await statuses();
  check(
    JSON.stringify(after.map((r) => r.slice(0, 2))) === JSON.stringify([[anna.name, 'cancelled'], [bertil.name, 'confirmed'], [cecilia.name, 'waiting']]),
    `the participants after: ${JSON.stringify(after)}`,
  );
  check(after[2][2] === 'På väntelistan (nr 1)', `C is not first in line: ${after[2][2]}`);
  check((await organiser.locator('.confirmed-count strong').innerText()).trim() === '1 av 1', 'the confirmed count is not 1 of 1');
  await screenshot(organiser, args, 'meeting-14-participants-promoted');
  // Nobody else was told anything: A, B twice, C.
  check(sink.mails.length === 4, `the sink received ${sink.mails.length} mails: ${JSON.stringify(sink.mails.map((m) => [m.to, m.subject]))}`);

  // ---- The used link, and a mangled one, say they are not valid. ----
  await annaPage.goto(mailLink);
  await annaPage.getByRole('button', { name: 'Ja, avanmäl mig' }).click();
  await annaPage.getByText('Länken gäller inte: anmälan finns inte eller är redan avanmäld.', { exact: false }).waitFor();
  await checkAxe(annaPage, 'cancel page, used link (sv)');
  await annaPage.goto(`${site}/avanmalan/inte-en-riktig-länk`);
  await annaPage.getByText('Länken gäller inte', { exact: false }).waitFor();
  await screenshot(annaPage, args, 'meeting-15-cancel-unknown');
  await annaPage.goto(mailLink);
  await annaPage.getByRole('button', { name: 'English' }).click();
  await annaPage.getByRole('heading', { level: 1, name: 'Cancel registration' }).waitFor();
  await checkAxe(annaPage, 'cancel page (en)');

  // ---- An activity whose deadline has passed takes no registrations. ----
  await organiser.goto(`${site}/arrangor/aktiviteter/ny`);
  await organiser.getByLabel('Rubrik', { exact: true }).fill('Stängd nätverksträff');
  await organiser.getByLabel('Typ av aktivitet').selectOption('network_meeting');
  const yesterday = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now() - 86400000);
  await organiser.getByLabel('Sista anmälningsdag').fill(`${yesterday}T12:00`);
  await organiser.getByRole('button', { name: 'Skapa aktiviteten' }).click();
  await organiser.getByRole('heading', { level: 1, name: 'Stängd nätverksträff' }).waitFor();
  const closedId = Number(new URL(organiser.url()).pathname.split('/').pop());
  await visitor.goto(`${site}/aktiviteter/${closedId}`);
  await visitor.getByText('Anmälan till den här aktiviteten har stängt.').waitFor();
  check((await visitor.locator('main form').count()) === 0, 'a closed activity offers the registration form');
  check((await visitor.locator('.facts').innerText()).includes('Anmälan har stängt'), 'the facts do not say registration has closed');
  await checkAxe(visitor, 'public activity, registration closed (sv)');
  await visitor.goto(`${site}/aktiviteter`);
  const closedItem = visitor.locator('.activity-item', { hasText: 'Stängd nätverksträff' });
  check((await closedItem.innerText()).includes('Nätverksträff') && (await closedItem.innerText()).includes('Anmälan har stängt'), `the closed item reads: ${await closedItem.innerText()}`);
  await organiser.goto(`${site}/arrangor/aktiviteter/${activityId}`);
  await organiser.getByRole('heading', { level: 1, name: title }).waitFor();

  // ---- A phone's width: the public pages reflow. ----
  const mobile = await newPage(browser, phone);
  for (const [path, label] of [['/aktiviteter', 'public list'], [`/aktiviteter/${activityId}`, 'activity']]) {
    await mobile.goto(site + path);
    await mobile.locator('main h1').waitFor();
    await mobile.waitForFunction(() => !document.querySelector('.loading'));
    await noSidewaysScroll(mobile, `${label} at 375 px`);
    await checkAxe(mobile, `${label} (sv, 375 px)`);
    await screenshot(mobile, args, `meeting-16-${label.replace(' ', '-')}-phone`);
  }

  // ---- The organiser's pages in English. ----
  await organiser.getByRole('button', { name: 'English' }).click();
  await organiser.getByRole('heading', { level: 2, name: 'Participants' }).waitFor();
  check((await statuses())[1][2] === 'Confirmed', `B's status in English: ${(await statuses())[1][2]}`);
  await checkAxe(organiser, 'participants (en)');
  await screenshot(organiser, args, 'meeting-17-participants-en');
  await organiser.getByRole('navigation').getByRole('link', { name: 'Activities' }).click();
  await organiser.getByRole('heading', { level: 1, name: 'Our activities' }).waitFor();
  const row = await organiser.locator('table.data-table tbody tr').first().innerText();
  check(row.includes(title) && row.includes('1 of 1') && row.includes('Public'), `the organiser's row reads: ${row}`);
  await checkAxe(organiser, 'organiser activities (en)');
  await screenshot(organiser, args, 'meeting-18-organiser-en');
  await organiser.getByRole('link', { name: 'New activity' }).click();
  await organiser.getByRole('heading', { level: 1, name: 'New activity' }).waitFor();
  await checkAxe(organiser, 'new activity (en)');
  await organiser.setViewportSize(phone);
  await noSidewaysScroll(organiser, 'new activity at 375 px');
  await screenshot(organiser, args, 'meeting-19-new-activity-phone-en');

  for (const page of [organiser, visitor, second, third, annaPage, mobile]) {
    check(page.problems.length === 0, `errors in the page:\n${page.problems.join('\n')}`);
  }
});
