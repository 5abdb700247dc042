// The meeting place's members' space in Chromium against the real server and a mail sink on
// loopback. A person applies for Kumla kommun from the public site (a missing name and a code that
// is no municipality's said at their fields first; the consent shown is the server's); a second
// applies in English on a phone. The coordinator (a site administrator) declines the second with
// a reason and approves Kumla: the approval mail with a temporary password and the decline mail
// with the reason arrive in the sink, and nothing else. The coordinator makes Demo kommun a member
// by hand. Karin of Kumla signs in with the mailed password, changes it and proposes; Demo votes
// (one vote per person: a second vote changes nothing, a withdrawal takes it back), comments and
// proposes too; the list sorts by votes and by recency; the coordinator marks Karin's proposal
// planned with a reason (none refused at the field first) and Karin filters by status and reads
// the reason. The directory shows both members without e-mail addresses, filtered by kind and
// county. Demo edits a learning example with the same form it was written in. axe-core on every
// new page in Swedish and English, and at 375 px without sideways scrolling; screenshots.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addCleanup,
  changeInitialPassword,
  check,
  checkAxe,
  desktop,
  freePort,
  newPage,
  parseArgs,
  phone,
  recordApiWrites,
  runTest,
  screenshot,
  startBrowser,
} from './lib.mjs';
import { startSmtpSink } from './smtp-sink.mjs';

const args = parseArgs();
const coordinatorEmail = 'samordnare@jamlik.example';
const sender = 'motesplats@jamlik.example';
const karin = { name: 'Karin Kumla', email: 'karin@kumla.example', password: 'Karins eget långa lösenord' };
const business = { organisation: 'Hälsobolaget AB', name: 'Hugo Hall', email: 'hugo@halsobolaget.example' };

// The server with the demo organisation, a site administrator (who counts as a coordinator) and
// mail to the sink; both printed passwords changed.
async function startServerWithCoordinator(sink) {
  const port = await freePort();
  const site = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'jamlik-e2e-members-'));
  const child = spawn(
    args.jamlik,
    [
      'serve', '--listen', `127.0.0.1:${port}`, '--demo', '--create-admin', coordinatorEmail, '--web-root', args['web-root'],
      '--threads', '4', '--smtp-url', sink.url, '--smtp-from', sender, '--site-url', site,
      ...(args['demo-csv'] ? ['--demo-data', args['demo-csv']] : []),
    ],
    { env: { ...process.env, JAMLIK_DATA_DIR: dataDir, JAMLIK_LANG: 'sv', JAMLIK_LISTEN: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  addCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const done = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 10000))]);
      if (!done) {
        child.kill('SIGKILL');
        throw new Error('the server did not stop within 10 s of SIGTERM');
      }
      if (done.code !== 0) throw new Error(`the server exited with ${done.code ?? done.signal} after SIGTERM`);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });
  child.stderr.resume();
  const ready = await new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${stdout}`)), 90000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const admin = /Webbplatsadministratör: (\S+)\s+lösenord: (\S+)/.exec(stdout);
      const demo = /Demoanvändare: (\S+)\s+lösenord: (\S+)/.exec(stdout);
      const url = /Jämlik: (http:\/\/\S+?)\/?\n/.exec(stdout);
      if (admin && demo && url) {
        clearTimeout(timer);
        resolve({ url: url[1], admin: { email: admin[1], password: admin[2] }, demo: { email: demo[1], password: demo[2] } });
      }
    });
  });
  check(ready.url === site, `the server says ${ready.url}, not ${site}`);
  ready.admin.password = await changeInitialPassword(ready.url, ready.admin.email, ready.admin.password);
  ready.demo.password = await changeInitialPassword(ready.url, ready.demo.email, ready.demo.password);
  return ready;
}

async function logIn(page, url, person) {
  await page.goto(`${url}/logga-in`);
  await page.getByLabel('E-postadress', { exact: true }).fill(person.email);
  await page.getByLabel('Lösenord', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL((address) => !address.pathname.startsWith('/logga-in'));
}

async function noSidewaysScroll(page, label) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  check(scroll <= width + 1, `${label}: the page scrolls sideways (${scroll} px content in ${width} px)`);
}

// The message said at a control's field; the control is marked invalid and described by it.
async function fieldError(control, label) {
  const container = control.locator('xpath=ancestor-or-self::*[contains(@class,"field") or self::fieldset][1]');
  await container.locator('.field-error').first().waitFor();
  check((await control.getAttribute('aria-invalid')) === 'true', `${label}: the field is not marked invalid`);
  const errorId = await container.locator('.field-error').first().getAttribute('id');
  check(((await control.getAttribute('aria-describedby')) ?? '').split(' ').includes(errorId), `${label}: the message does not describe the field`);
  return (await container.locator('.field-error').first().innerText()).trim();
}

async function flash(page, text) {
  await page.locator('main p.notice[role="status"]', { hasText: text }).waitFor();
}

// The proposal's votes line, e.g. "1 röst · du har röstat".
async function votesLine(page) {
  return (await page.locator('.vote-count').innerText()).trim();
}

// A vote through the API with the page's own session, as a second click elsewhere would send it.
async function voteByApi(page, id) {
  return page.evaluate(async (proposal) => {
    const session = await (await fetch('/api/auth/session')).json();
    const response = await fetch(`/api/proposals/${proposal}/vote`, { method: 'PUT', headers: { 'X-CSRF-Token': session.csrf_token } });
    return { status: response.status, body: await response.json() };
  }, id);
}

// An analysis of Demo kommun's demo data through the API with the page's session: deaths by sex.
async function createAnalysis(page) {
  const created = await page.evaluate(async () => {
    const session = await (await fetch('/api/auth/session')).json();
    const org = session.memberships[0].organisation.id;
    const { datasets } = await (await fetch(`/api/organisations/${org}/datasets`)).json();
    const response = await fetch(`/api/organisations/${org}/analyses`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token },
      body: JSON.stringify({
        name: 'Dödlighet per kön',
        dataset_id: datasets[0].id,
        indicators: [{ id: 'dod', name_sv: 'Döda', name_en: 'Deaths', type: 'proportion', numerator: 'dod', higher_is_favourable: false, dimensions: ['kon'] }],
      }),
    });
    return { status: response.status, body: await response.json() };
  });
  check(created.status === 201, `creating the analysis answered ${created.status}: ${JSON.stringify(created.body)}`);
  return created.body.id;
}

await runTest('e2e.members', 360, async () => {
  const sink = await startSmtpSink();
  addCleanup(() => sink.close());
  const server = await startServerWithCoordinator(sink);
  const site = server.url;
  const browser = await startBrowser();

  // ---- A person applies for Kumla kommun from the public site. ----
  const visitor = await newPage(browser, desktop);
  await visitor.goto(`${site}/aktiviteter`);
  await visitor.getByRole('navigation').getByRole('link', { name: 'Bli medlem' }).click();
  await visitor.getByRole('heading', { level: 1, name: 'Bli medlem' }).waitFor();
  const form = await (await fetch(`${site}/api/public/membership-form`, { headers: { 'Accept-Language': 'sv' } })).json();
  const consentLabel = (await visitor.locator('fieldset[data-field="consent"] label').innerText()).trim();
  check(consentLabel === form.consent_text, `the consent reads "${consentLabel}", the API "${form.consent_text}"`);
  check(!(await visitor.locator('[data-field="code"]').isVisible()), 'the code is asked before the kind is chosen');
  await checkAxe(visitor, 'membership form (sv)');
  await screenshot(visitor, args, 'members-01-apply');
  // Nothing filled in: the organisation's name, said at its field; nothing sent.
  await visitor.getByRole('button', { name: 'Skicka ansökan' }).click();
  check((await fieldError(visitor.getByLabel('Organisationens namn', { exact: true }), 'no name')) === 'Skriv organisationens namn.', 'the missing name is not explained');
  await visitor.getByLabel('Organisationens namn', { exact: true }).fill('Kumla kommun');
  await visitor.getByLabel('Typ av organisation', { exact: true }).selectOption({ label: 'Kommun' });
  check((await visitor.getByLabel('Län', { exact: true }).count()) === 0 || !(await visitor.getByLabel('Län', { exact: true }).isVisible()), 'a municipality is asked for its county');
  const code = visitor.getByLabel('Kommunkod', { exact: true });
  await code.fill('9999');
  await visitor.getByLabel('Kontaktperson', { exact: true }).fill(karin.name);
  await visitor.getByLabel('E-postadress', { exact: true }).fill(karin.email);
  await visitor.getByLabel('Meddelande till samordnarna', { exact: true }).fill('Vi vill lära av andra kommuner om skolnärvaro.');
  // Without consent nothing is sent; said at the consent.
  await visitor.getByRole('button', { name: 'Skicka ansökan' }).click();
  const consentError = await fieldError(visitor.locator('fieldset[data-field="consent"]'), 'no consent');
  check(consentError.startsWith('Kryssa i rutan'), `no consent says: ${consentError}`);
  await visitor.locator('fieldset[data-field="consent"] input[type="checkbox"]').check();
  // The server's problem+json names the code: said beside it, and focus goes there.
  await visitor.getByRole('button', { name: 'Skicka ansökan' }).click();
  const codeError = await fieldError(code, 'a code that is no municipality');
  check(codeError === 'Ange kommunens fyrsiffriga kod', `the server's refusal of the code says: ${codeError}`);
  check(await visitor.evaluate(() => document.activeElement?.getAttribute('data-field') === 'code'), 'focus is not on the refused code');
  check((await visitor.locator('form .form-message .error').innerText()).trim() === 'Ansökan kunde inte skickas. Rätta det markerade fältet.', 'the form does not point to the marked field');
  await checkAxe(visitor, 'membership form with the server\'s error at the field (sv)');
  await screenshot(visitor, args, 'members-02-apply-code-refused');
  await code.fill('1881');
  await visitor.getByRole('button', { name: 'Skicka ansökan' }).click();
  await visitor.getByRole('heading', { level: 1, name: 'Tack för er ansökan' }).waitFor();
  await visitor.getByText('Ansökan för Kumla kommun är mottagen. En samordnare prövar den.').waitFor();
  await visitor.getByText(`Beskedet skickas till ${karin.email}.`).waitFor();
  await checkAxe(visitor, 'membership applied (sv)');
  await screenshot(visitor, args, 'members-03-applied');
  check(visitor.problems.length === 0, `visitor: ${visitor.problems.join('; ')}`);

  // A cross-site post is refused (the public form carries no token; the server checks the origin).
  const crossSite = await fetch(`${site}/api/public/membership-applications`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'https://elak.example' },
    body: JSON.stringify({ organisation_name: 'Elak AB', kind: 'business', contact_name: 'E', email: 'e@elak.example', consent: true }),
  });
  check(crossSite.status === 403, `a cross-site application answered ${crossSite.status}`);

  // ---- A second person applies in English on a phone. ----
  const phoneVisitor = await newPage(browser, phone);
  await phoneVisitor.goto(`${site}/bli-medlem`);
  await phoneVisitor.getByRole('button', { name: 'English' }).click();
  await phoneVisitor.getByRole('heading', { level: 1, name: 'Become a member' }).waitFor();
  check((await phoneVisitor.locator('fieldset[data-field="consent"] label').innerText()).trim().startsWith('I consent'), 'the consent is not in English');
  await phoneVisitor.getByLabel('Name of the organisation', { exact: true }).fill(business.organisation);
  await phoneVisitor.getByLabel('Kind of organisation', { exact: true }).selectOption('business');
  await phoneVisitor.getByLabel('County', { exact: true }).selectOption('18');
  check(!(await phoneVisitor.locator('[data-field="code"]').isVisible()), 'a business is asked for a code');
  await phoneVisitor.getByLabel('Contact person', { exact: true }).fill(business.name);
  await phoneVisitor.getByLabel('E-mail address', { exact: true }).fill(business.email);
  await phoneVisitor.locator('fieldset[data-field="consent"] input[type="checkbox"]').check();
  await noSidewaysScroll(phoneVisitor, 'membership form at 375 px');
  await checkAxe(phoneVisitor, 'membership form (en, 375 px)');
  await screenshot(phoneVisitor, args, 'members-04-apply-phone-en');
  await phoneVisitor.getByRole('button', { name: 'Send the application' }).click();
  await phoneVisitor.getByRole('heading', { level: 1, name: 'Thank you for applying' }).waitFor();
  await checkAxe(phoneVisitor, 'membership applied (en, 375 px)');
  check(sink.mails.length === 0, `an application sent mail: ${JSON.stringify(sink.mails.map((m) => m.subject))}`);

  // Demo kommun is not a member yet: its person is told what the members' pages are for.
  const demo = await newPage(browser, desktop);
  const demoWrites = recordApiWrites(demo);
  await logIn(demo, site, server.demo);
  check((await demo.getByRole('navigation').getByRole('link', { name: 'Förslag' }).count()) === 0, 'a non-member is offered the proposals');
  await demo.goto(`${site}/forslag`);
  await demo.getByText('Den här sidan är för mötesplatsens medlemmar', { exact: false }).waitFor();
  check((await demo.getByRole('link', { name: 'Så blir din organisation medlem' }).getAttribute('href')) === '/bli-medlem', 'the way in is not linked');
  await checkAxe(demo, 'proposals for a non-member (sv)');

  // ---- The coordinator declines one and approves the other. ----
  const coordinator = await newPage(browser, desktop);
  const coordinatorWrites = recordApiWrites(coordinator);
  await logIn(coordinator, site, server.admin);
  const nav = coordinator.getByRole('navigation');
  for (const name of ['Nyheter', 'Förslag', 'Medlemmar', 'Ansökningar']) {
    check((await nav.getByRole('link', { name, exact: true }).count()) === 1, `the coordinator's menu lacks ${name}`);
  }
  await nav.getByRole('link', { name: 'Ansökningar' }).click();
  await coordinator.getByRole('heading', { level: 1, name: 'Ansökningar' }).waitFor();
  await coordinator.locator('.result-count').waitFor();
  check((await coordinator.locator('.result-count').innerText()).trim() === '2 ansökningar', 'not two applications');
  const kumlaItem = coordinator.locator('.member-item', { hasText: 'Kumla kommun' });
  const kumlaText = await kumlaItem.innerText();
  check(kumlaText.includes('1881 · Örebro län') && kumlaText.includes(karin.email) && kumlaText.includes('skolnärvaro'), `Kumla's application reads: ${kumlaText}`);
  await checkAxe(coordinator, 'applications (sv)');
  await screenshot(coordinator, args, 'members-05-applications');
  const businessItem = coordinator.locator('.member-item', { hasText: business.organisation });
  await businessItem.getByRole('button', { name: 'Avböj' }).click();
  const reason = businessItem.getByLabel('Motivering för att avböja', { exact: true });
  check((await fieldError(reason, 'no reason')) === 'Skriv en motivering.', 'declining without a reason is not explained');
  const declineReason = 'Vi behöver veta mer om er verksamhet; ansök gärna igen.';
  await reason.fill(declineReason);
  await businessItem.getByRole('button', { name: 'Avböj' }).click();
  await flash(coordinator, `Ansökan från ${business.organisation} är avböjd`);
  check((await coordinator.locator('.result-count').innerText()).trim() === '1 ansökan', 'the declined one is still waiting');
  await coordinator.getByRole('button', { name: 'Godkänn Kumla kommun' }).click();
  await flash(coordinator, `Kumla kommun är medlem. Ett konto har skapats åt ${karin.email}`);
  await coordinator.getByText('Inga ansökningar här.').waitFor();
  await coordinator.getByLabel('Ansökningar att visa', { exact: true }).selectOption('alla');
  await coordinator.getByRole('button', { name: 'Visa', exact: true }).click();
  await coordinator.waitForURL(/\/samordnare\/ansokningar\?lage=alla$/);
  await coordinator.locator('.result-count', { hasText: '2 ansökningar' }).waitFor();
  const states = await coordinator.locator('.member-item').evaluateAll((items) => items.map((i) => [i.querySelector('h2').textContent, i.getAttribute('data-state')]));
  check(JSON.stringify(states) === JSON.stringify([['Kumla kommun', 'approved'], [business.organisation, 'declined']]), `the decided applications: ${JSON.stringify(states)}`);
  check((await coordinator.locator('.member-item', { hasText: business.organisation }).innerText()).includes(declineReason), 'the reason is not shown');
  await checkAxe(coordinator, 'applications, all (sv)');
  await screenshot(coordinator, args, 'members-06-applications-decided');

  // The mails: the approval with a temporary password, the decline (in English) with the reason.
  const approval = await sink.waitFor((m) => m.to.includes(karin.email), 20000, 'the approval mail');
  check(approval.from === sender, `the approval comes from ${approval.from}`);
  check(approval.subject === 'Välkommen som medlem: Kumla kommun', `the approval's subject is ${approval.subject}`);
  check(approval.body.includes('Hej Karin Kumla!') && approval.body.includes('Kumla kommun är nu medlem i mötesplatsen.'), `the approval reads:\n${approval.body}`);
  const temporary = /Tillfälligt lösenord: (\S+)/.exec(approval.body)?.[1];
  check(temporary, `the approval holds no password:\n${approval.body}`);
  const declined = await sink.waitFor((m) => m.to.includes(business.email), 20000, 'the decline mail');
  check(declined.subject === `About your application: ${business.organisation}`, `the decline's subject is ${declined.subject}`);
  check(declined.body.includes(`Reason: ${declineReason}`), `the decline reads:\n${declined.body}`);

  // Demo kommun was on Jämlik before the meeting place: the coordinator makes it a member.
  const setForm = coordinator.locator('form', { has: coordinator.getByRole('heading', { name: 'Medlemskap för en befintlig organisation' }) });
  await setForm.getByRole('button', { name: 'Spara medlemskapet' }).click();
  check((await fieldError(setForm.getByLabel('Organisation', { exact: true }), 'no organisation')) === 'Välj en organisation.', 'no organisation chosen is not explained');
  await setForm.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Demo kommun (demo)' });
  await setForm.getByLabel('Läge', { exact: true }).selectOption('approved');
  await setForm.getByRole('button', { name: 'Spara medlemskapet' }).click();
  await setForm.getByText('Demo kommun: Godkänd.').waitFor();
  for (const write of coordinatorWrites) check(write.path === '/api/auth/login' || write.csrf.length > 0, `${write.method} ${write.path} without the CSRF token`);
  check(coordinator.problems.length === 0, `coordinator: ${coordinator.problems.join('; ')}`);

  // ---- Karin signs in with the mailed password, chooses her own, and proposes. ----
  const member = await newPage(browser, desktop);
  const memberWrites = recordApiWrites(member);
  // The mail's link leads to the log-in page.
  const signInLink = new RegExp(`${site.replace(/[.]/g, '\\.')}/\\S*`).exec(approval.body)?.[0];
  check(signInLink, `the approval holds no link to the site:\n${approval.body}`);
  await member.goto(signInLink);
  await member.waitForURL(/\/logga-in$/);
  await member.getByLabel('E-postadress', { exact: true }).fill(karin.email);
  await member.getByLabel('Lösenord', { exact: true }).fill(temporary);
  await member.getByRole('button', { name: 'Logga in' }).click();
  await member.getByRole('heading', { level: 1, name: 'Byt lösenord' }).waitFor();
  await member.getByLabel('Nuvarande lösenord', { exact: true }).fill(temporary);
  await member.getByLabel('Nytt lösenord', { exact: true }).fill(karin.password);
  await member.getByLabel('Upprepa det nya lösenordet', { exact: true }).fill(karin.password);
  await member.getByRole('button', { name: 'Byt lösenord' }).click();
  await member.waitForURL(/\/datamangder$/);
  const memberNav = member.getByRole('navigation');
  check((await memberNav.getByRole('link', { name: 'Förslag' }).count()) === 1, "a member's menu lacks the proposals");
  check((await memberNav.getByRole('link', { name: 'Ansökningar' }).count()) === 0, "a member's menu offers the applications");
  await memberNav.getByRole('link', { name: 'Förslag' }).click();
  await member.getByRole('heading', { level: 1, name: 'Förslag' }).waitFor();
  await member.getByText('Inga förslag ännu. Bli först!').waitFor();
  await checkAxe(member, 'proposals, none (sv)');
  await member.getByRole('link', { name: 'Nytt förslag' }).click();
  await member.getByRole('heading', { level: 1, name: 'Nytt förslag' }).waitFor();
  await checkAxe(member, 'new proposal (sv)');
  await member.getByRole('button', { name: 'Lägg fram förslaget' }).click();
  check((await fieldError(member.getByLabel('Rubrik', { exact: true }), 'no title')) === 'Skriv en rubrik.', 'the missing title is not explained');
  const proposalTitle = 'Nätverk för jämlik skolnärvaro';
  await member.getByLabel('Rubrik', { exact: true }).fill(proposalTitle);
  await member.getByLabel('Beskrivning', { exact: true }).fill('Kommuner som mäter frånvaro per grupp träffas två gånger om året.\n\nVi delar metoder och resultat.');
  await screenshot(member, args, 'members-07-new-proposal');
  await member.getByRole('button', { name: 'Lägg fram förslaget' }).click();
  await member.waitForURL(/\/forslag\/\d+$/);
  const proposalId = Number(new URL(member.url()).pathname.split('/').pop());
  await member.getByRole('heading', { level: 1, name: proposalTitle }).waitFor();
  await flash(member, 'Förslaget är framlagt.');
  check((await member.locator('main p.plain-text').count()) === 2, 'the description is not two paragraphs');
  check((await votesLine(member)) === '0 röster', `a new proposal has ${await votesLine(member)}`);
  check((await member.getByRole('heading', { name: 'Samordnarens beslut' }).count()) === 0, 'a member is offered the status form');
  await checkAxe(member, 'proposal (sv)');
  // The coordinators' page says it is theirs.
  await member.goto(`${site}/samordnare/ansokningar`);
  await member.getByText('Den här sidan är för mötesplatsens samordnare.').waitFor();

  // ---- Demo votes (once), comments and proposes too. ----
  await demo.reload();
  await demo.getByRole('heading', { level: 1, name: 'Förslag' }).waitFor();
  const item = demo.locator('.proposal-item', { hasText: proposalTitle });
  await item.waitFor();
  check((await item.innerText()).includes('0 röster · 0 kommentarer'), `the list item reads: ${await item.innerText()}`);
  await item.getByRole('link', { name: proposalTitle }).click();
  await demo.getByRole('heading', { level: 1, name: proposalTitle }).waitFor();
  await demo.getByRole('button', { name: 'Rösta på förslaget' }).click();
  await demo.getByRole('button', { name: 'Ta tillbaka min röst' }).waitFor();
  check((await votesLine(demo)) === '1 röst · du har röstat', `after the vote: ${await votesLine(demo)}`);
  // One vote per person: a second one changes nothing.
  const again = await voteByApi(demo, proposalId);
  check(again.status === 200 && again.body.votes === 1 && again.body.voted === true, `a second vote answered ${again.status} with ${again.body.votes} votes`);
  await demo.reload();
  await demo.getByRole('heading', { level: 1, name: proposalTitle }).waitFor();
  check((await votesLine(demo)) === '1 röst · du har röstat', `after a reload: ${await votesLine(demo)}`);
  await demo.getByRole('button', { name: 'Ta tillbaka min röst' }).click();
  await demo.getByRole('button', { name: 'Rösta på förslaget' }).waitFor();
  check((await votesLine(demo)) === '0 röster', `after withdrawing: ${await votesLine(demo)}`);
  await demo.getByRole('button', { name: 'Rösta på förslaget' }).click();
  await demo.getByRole('button', { name: 'Ta tillbaka min röst' }).waitFor();
  await demo.getByRole('button', { name: 'Skicka kommentaren' }).click();
  check((await fieldError(demo.getByLabel('Din kommentar', { exact: true }), 'no comment')) === 'Skriv en kommentar.', 'an empty comment is not explained');
  const comment = 'Örebro är med! <b>Vi</b> har mätt frånvaron per utbildningsnivå.';
  await demo.getByLabel('Din kommentar', { exact: true }).fill(comment);
  await demo.getByRole('button', { name: 'Skicka kommentaren' }).click();
  await flash(demo, 'Kommentaren är publicerad.');
  const comments = await demo.locator('.comment').allInnerTexts();
  check(comments.length === 1 && comments[0].includes('Demo, ') && comments[0].includes(comment), `the comments: ${JSON.stringify(comments)}`);
  check((await demo.locator('.comment b').count()) === 0, 'the comment became markup');
  await checkAxe(demo, 'proposal with a vote and a comment (sv)');
  await screenshot(demo, args, 'members-08-proposal-voted');
  // Demo's second proposal cites a measured gap: one of its analyses and an indicator in it.
  const analysisId = await createAnalysis(demo);
  await demo.goto(`${site}/forslag/nytt`);
  await demo.getByLabel('Rubrik', { exact: true }).fill('Gemensam enkät om trygghet');
  await demo.getByLabel('Beskrivning', { exact: true }).fill('En enkät som alla medlemmar kan använda.');
  await demo.getByLabel('Analys', { exact: true }).selectOption({ label: 'Dödlighet per kön' });
  const indicator = demo.getByLabel('Indikator', { exact: true });
  await demo.waitForFunction(() => !document.querySelector('select[name="indicator"]').disabled);
  await indicator.selectOption({ label: 'Döda' });
  await checkAxe(demo, 'new proposal citing a gap (sv)');
  await demo.getByRole('button', { name: 'Lägg fram förslaget' }).click();
  await demo.getByRole('heading', { level: 1, name: 'Gemensam enkät om trygghet' }).waitFor();
  const cited = (await demo.locator('.cited-gap').innerText()).trim();
  check(cited === `Hänvisar till en mätt skillnad: analys ${analysisId} · indikator dod`, `the cited gap reads: ${cited}`);
  // By votes: Karin's (1 vote) first; newest first: Demo's.
  await demo.goto(`${site}/forslag`);
  await demo.locator('.proposal-item').nth(1).waitFor();
  const titles = () => demo.locator('.proposal-item h2').allInnerTexts();
  check(JSON.stringify(await titles()) === JSON.stringify([proposalTitle, 'Gemensam enkät om trygghet']), `by votes: ${JSON.stringify(await titles())}`);
  await demo.getByLabel('Ordning', { exact: true }).selectOption('nyast');
  await demo.getByRole('button', { name: 'Visa', exact: true }).click();
  await demo.waitForURL(/\/forslag\?ordning=nyast$/);
  await demo.locator('.proposal-item h2').first().getByText('Gemensam enkät om trygghet').waitFor();
  check(JSON.stringify(await titles()) === JSON.stringify(['Gemensam enkät om trygghet', proposalTitle]), `newest first: ${JSON.stringify(await titles())}`);
  await checkAxe(demo, 'proposals, newest first (sv)');
  await screenshot(demo, args, 'members-09-proposals');

  // ---- The coordinator marks Karin's proposal planned, with a reason. ----
  await coordinator.goto(`${site}/forslag/${proposalId}`);
  await coordinator.getByRole('heading', { level: 1, name: proposalTitle }).waitFor();
  check((await votesLine(coordinator)) === '1 röst', `the coordinator sees ${await votesLine(coordinator)}`);
  await checkAxe(coordinator, 'proposal with the status form (sv)');
  await coordinator.getByLabel('Status', { exact: true }).selectOption('planned');
  await coordinator.getByRole('button', { name: 'Spara status' }).click();
  check((await fieldError(coordinator.getByLabel('Motivering', { exact: true }), 'no reason')) === 'Skriv en motivering.', 'planned without a reason is not explained');
  const plannedReason = 'Tas upp på nätverksträffen i mars.';
  await coordinator.getByLabel('Motivering', { exact: true }).fill(plannedReason);
  await coordinator.getByRole('button', { name: 'Spara status' }).click();
  await flash(coordinator, 'Förslaget är markerat: Planerat.');
  check((await coordinator.locator('main p.proposal-status').innerText()).trim() === 'Planerat', 'the proposal is not shown as planned');
  await screenshot(coordinator, args, 'members-10-proposal-planned');

  // Karin sees it among the planned ones, with the reason.
  await member.goto(`${site}/forslag`);
  await member.getByLabel('Status', { exact: true }).selectOption('planned');
  await member.getByRole('button', { name: 'Visa', exact: true }).click();
  await member.waitForURL(/\/forslag\?status=planned$/);
  await member.locator('.result-count', { hasText: '1 förslag' }).waitFor();
  const planned = await member.locator('.proposal-item').evaluateAll((items) => items.map((i) => [i.querySelector('h2').textContent, i.getAttribute('data-status')]));
  check(JSON.stringify(planned) === JSON.stringify([[proposalTitle, 'planned']]), `the planned proposals: ${JSON.stringify(planned)}`);
  check((await member.locator('.proposal-item').innerText()).includes('1 röst · 1 kommentar'), 'the counts are not 1 vote and 1 comment');
  await checkAxe(member, 'proposals filtered by status (sv)');
  await member.getByRole('link', { name: proposalTitle }).click();
  await member.locator('.status-reason', { hasText: plannedReason }).waitFor();

  // ---- The directory: both members, no e-mail addresses, filtered by kind and county. ----
  await member.getByRole('navigation').getByRole('link', { name: 'Medlemmar' }).click();
  await member.getByRole('heading', { level: 1, name: 'Medlemmar' }).waitFor();
  await member.locator('.member-item').first().waitFor();
  const members = await member.locator('.member-item h2').allInnerTexts();
  check(JSON.stringify(members) === JSON.stringify(['Demo kommun', 'Kumla kommun']), `the directory lists ${JSON.stringify(members)}`);
  const kumla = await member.locator('.member-item', { hasText: 'Kumla kommun' }).innerText();
  check(kumla.includes('Kommun') && kumla.includes('Örebro län') && kumla.includes(karin.name), `Kumla in the directory: ${kumla}`);
  check(!(await member.locator('main').innerText()).includes('@'), 'the directory shows an e-mail address');
  await checkAxe(member, 'directory (sv)');
  await screenshot(member, args, 'members-11-directory');
  await member.getByLabel('Typ av organisation', { exact: true }).selectOption('municipality');
  await member.getByLabel('Län', { exact: true }).selectOption({ label: 'Örebro län' });
  await member.getByRole('button', { name: 'Visa', exact: true }).click();
  await member.waitForURL(/\/medlemmar\?typ=municipality&lan=18$/);
  // Both are municipalities in Örebro county: Kumla by its code, Demo kommun (code "demo") by its area 1880.
  await member.locator('.result-count', { hasText: '2 medlemsorganisationer' }).waitFor();
  check(JSON.stringify(await member.locator('.member-item h2').allInnerTexts()) === JSON.stringify(['Demo kommun', 'Kumla kommun']), 'the county filter leaves out a municipality of Örebro län');
  await member.goto(`${site}/medlemmar?typ=municipality&lan=01`);
  await member.getByText('Inga medlemmar passar filtret.').waitFor();
  await member.goto(`${site}/medlemmar?typ=business`);
  await member.getByText('Inga medlemmar passar filtret.').waitFor();
  await checkAxe(member, 'directory, none match (sv)');

  // ---- Demo edits a learning example with the form it was written in. ----
  await demo.goto(`${site}/exempel/nytt`);
  await demo.getByLabel('Rubrik', { exact: true }).fill('Läxhjälp i Vivalla');
  await demo.getByLabel('Vad gjordes', { exact: true }).fill('<p>Läxhjälp tre kvällar i veckan.</p>');
  await demo.getByRole('button', { name: 'Dela exemplet' }).click();
  await demo.getByRole('heading', { level: 1, name: 'Läxhjälp i Vivalla' }).waitFor();
  await demo.getByRole('link', { name: 'Redigera exemplet' }).click();
  await demo.getByRole('heading', { level: 1, name: 'Redigera lärande exempel' }).waitFor();
  check((await demo.getByLabel('Rubrik', { exact: true }).inputValue()) === 'Läxhjälp i Vivalla', 'the edit form is not filled in');
  await checkAxe(demo, 'example edit (sv)');
  await demo.getByLabel('Rubrik', { exact: true }).fill('Läxhjälp på biblioteket i Vivalla');
  await demo.getByRole('button', { name: 'Spara ändringarna' }).click();
  await demo.getByRole('heading', { level: 1, name: 'Läxhjälp på biblioteket i Vivalla' }).waitFor();
  await flash(demo, 'Exemplet är ändrat.');
  // Karin's organisation does not own it: no edit link.
  await member.goto(demo.url());
  await member.getByRole('heading', { level: 1, name: 'Läxhjälp på biblioteket i Vivalla' }).waitFor();
  check((await member.getByRole('link', { name: 'Redigera exemplet' }).count()) === 0, 'another organisation is offered the edit');

  for (const [writes, label] of [[memberWrites, 'member'], [demoWrites, 'demo']]) {
    for (const write of writes) check(write.path === '/api/auth/login' || write.csrf.length > 0, `${label}: ${write.method} ${write.path} without the CSRF token`);
  }

  // ---- Every new page in English, and at 375 px in both languages. ----
  const pages = [
    ['/bli-medlem', 'Become a member', 'Bli medlem', null],
    ['/forslag', 'Proposals', 'Förslag', member],
    [`/forslag/${proposalId}`, proposalTitle, proposalTitle, member],
    ['/forslag/nytt', 'New proposal', 'Nytt förslag', member],
    ['/medlemmar', 'Members', 'Medlemmar', member],
    ['/samordnare/ansokningar?lage=alla', 'Applications', 'Ansökningar', coordinator],
    [`/forslag/${proposalId}`, proposalTitle, proposalTitle, coordinator],
    [`${new URL(demo.url()).pathname}/redigera`, 'Edit learning example', 'Redigera lärande exempel', demo],
  ];
  for (const [language, other] of [['en', 'English'], ['sv', 'Svenska']]) {
    for (const [path, english, swedish, owner] of pages) {
      const page = owner ?? visitor;
      const heading = language === 'en' ? english : swedish;
      await page.setViewportSize(language === 'en' ? desktop : phone);
      await page.goto(site + path);
      // The language switch shows once the page is drawn; only then does its absence mean anything.
      await page.getByRole('button', { name: /^(English|Svenska)$/ }).waitFor();
      const switcher = page.getByRole('button', { name: other });
      if (await switcher.count()) await switcher.click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      const label = `${path} (${language}${language === 'sv' ? ', 375 px' : ''})`;
      await checkAxe(page, label);
      if (language === 'sv') await noSidewaysScroll(page, label);
      await screenshot(page, args, `members-12-${language}-${path.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}${page === coordinator ? '-coordinator' : ''}`);
      // And at 375 px in English too.
      if (language === 'en') {
        await page.setViewportSize(phone);
        await noSidewaysScroll(page, `${path} (en, 375 px)`);
        await checkAxe(page, `${path} (en, 375 px)`);
      }
    }
  }

  // ---- A members-only activity: hidden from the public; a member registers as their account. ----
  const created = await demo.evaluate(async () => {
    const session = await (await fetch('/api/auth/session')).json();
    const org = session.memberships[0].organisation.id;
    const now = Math.floor(Date.now() / 1000);
    const response = await fetch(`/api/organisations/${org}/activities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token },
      body: JSON.stringify({
        kind: 'network_meeting', title: 'Medlemsträff om jämlik budget', county: '18',
        starts_at: now + 7 * 86400, ends_at: now + 7 * 86400 + 7200,
        registration_deadline: now + 6 * 86400, capacity: 10, members_only: true,
      }),
    });
    return { status: response.status, body: await response.json() };
  });
  check(created.status === 201, `members-only activity: ${created.status} ${JSON.stringify(created.body)}`);
  const membersOnly = created.body.id;
  const publicView = await fetch(`${site}/api/public/activities/${membersOnly}`);
  check(publicView.status === 404, `the public sees the members-only activity: ${publicView.status}`);
  await demo.goto(`${site}/aktiviteter`);
  await demo.getByRole('link', { name: 'Medlemsträff om jämlik budget' }).click();
  await demo.getByRole('heading', { level: 1, name: 'Medlemsträff om jämlik budget' }).waitFor();
  await demo.getByText('Du anmäls som', { exact: false }).waitFor();
  check((await demo.getByLabel('E-postadress', { exact: true }).count()) === 0, 'a member is asked for the e-mail the account has');
  await checkAxe(demo, 'members-only activity, as a member (sv)');
  await screenshot(demo, args, 'members-13-members-only-activity');
  await demo.getByRole('button', { name: 'Anmäl mig' }).click();
  await demo.getByRole('alert').waitFor();
  await demo.getByRole('checkbox').check();
  await demo.getByRole('button', { name: 'Anmäl mig' }).click();
  await demo.getByRole('heading', { level: 1, name: 'Du är anmäld' }).waitFor();
  await checkAxe(demo, 'members-only activity, registered (sv)');
  const confirmation = await sink.waitFor((mail) => mail.subject.includes('Medlemsträff om jämlik budget'));
  check(JSON.stringify(confirmation.to).includes(server.demo.email), `the confirmation went to ${confirmation.to}`);

  // Only the approval, the decline and the member's confirmation were mailed.
  check(sink.mails.length === 3, `the sink received ${sink.mails.length} mails: ${JSON.stringify(sink.mails.map((m) => [m.to, m.subject]))}`);
  for (const page of [visitor, phoneVisitor, coordinator, member, demo]) {
    check(page.problems.length === 0, `errors in the page:\n${page.problems.join('\n')}`);
  }
});
