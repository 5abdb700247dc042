// News and learning examples in Chromium against the real server: a coordinator (a site
// administrator, who counts as one) writes a news item whose body carries a
// <script>, an onerror image and a javascript: link, publishes it, and the public page shows the
// allowed markup only — nothing of the script is in the page or has run; the Atom feed carries the
// item. A member of Demo kommun shares a learning example with a PDF attachment; the public finds it
// by full-text search (å ä ö kept) and tag, and opens it. axe-core reports no WCAG 2.1 AA violation
// on any page, in Swedish and in English.
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
  runTest,
  screenshot,
  startBrowser,
} from './lib.mjs';

const args = parseArgs();
const coordinatorEmail = 'samordnare@jamlik.example';

// The server with the demo organisation and a site administrator; both initial passwords changed.
async function startServerWithCoordinator() {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'jamlik-e2e-news-'));
  const child = spawn(
    args.jamlik,
    ['serve', '--listen', `127.0.0.1:${port}`, '--demo', '--create-admin', coordinatorEmail, '--web-root', args['web-root'], '--threads', '4'],
    { env: { ...process.env, JAMLIK_DATA_DIR: dataDir, JAMLIK_LANG: 'sv', JAMLIK_LISTEN: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise((resolve) => child.on('exit', resolve));
  addCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
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
  ready.admin.password = await changeInitialPassword(ready.url, ready.admin.email, ready.admin.password);
  ready.demo.password = await changeInitialPassword(ready.url, ready.demo.email, ready.demo.password);
  return ready;
}

async function logIn(page, url, person) {
  await page.goto(`${url}/logga-in`);
  await page.getByLabel('E-postadress').fill(person.email);
  await page.getByLabel('Lösenord').fill(person.password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL((address) => !address.pathname.startsWith('/logga-in'));
}

function noProblems(page, label) {
  check(page.problems.length === 0, `${label}: ${page.problems.join('; ')}`);
}

await runTest('e2e.news', 300, async () => {
  const server = await startServerWithCoordinator();
  const browser = await startBrowser();

  // ---- The coordinator writes and publishes a news item with hostile markup in its body. ----
  const coordinator = await newPage(browser, desktop);
  await logIn(coordinator, server.url, server.admin);
  await coordinator.goto(`${server.url}/nyheter/redigera`);
  await coordinator.getByRole('heading', { level: 1, name: 'Skriv nyheter' }).waitFor();
  await checkAxe(coordinator, 'news editor (sv)');
  await coordinator.getByLabel('Rubrik').fill('Välkommen till mötesplatsen');
  await coordinator.getByLabel('Sammanfattning').fill('Om våren på mötesplatsen');
  await coordinator
    .getByLabel('Text', { exact: true })
    .fill(
      '<p>Hej <strong>alla</strong> kommuner!</p><script>window.__xss = "script"</script>' +
        '<img src="x" onerror="window.__xss = \'onerror\'"><p><a href="javascript:window.__xss=\'link\'">klicka</a> ' +
        '<a href="https://example.se/program">programmet</a></p>',
    );
  await coordinator.getByRole('button', { name: 'Spara som utkast' }).click();
  await coordinator.getByText('Nyheten är sparad.').waitFor();
  check(await coordinator.getByText('Utkast – inte publicerad').isVisible(), 'the new item is not shown as a draft');
  await coordinator.getByRole('button', { name: 'Publicera' }).click();
  await coordinator.getByText('Nyheten är publicerad.').waitFor();
  await screenshot(coordinator, args, 'news-editor');
  // A coordinator is a member too: the news page starts with the latest for members.
  await coordinator.goto(`${server.url}/nyheter`);
  await coordinator.getByRole('heading', { level: 2, name: 'Senaste för medlemmar' }).waitFor();
  const latest = await coordinator.locator('.latest-list').innerText();
  check(latest.includes('Nyhet: Välkommen till mötesplatsen'), `the latest reads: ${latest}`);
  await checkAxe(coordinator, 'news with the latest (sv)');
  noProblems(coordinator, 'coordinator');

  // ---- The public reads it: the allowed markup, nothing that runs. ----
  const reader = await newPage(browser, desktop);
  await reader.goto(`${server.url}/nyheter`);
  await reader.getByRole('link', { name: 'Välkommen till mötesplatsen' }).click();
  await reader.getByRole('heading', { level: 1, name: 'Välkommen till mötesplatsen' }).waitFor();
  const body = reader.locator('.rich-text');
  check((await body.locator('strong').innerText()) === 'alla', 'the strong text is not shown');
  check((await body.locator('script, img, [onerror]').count()) === 0, 'a script or an image is in the news body');
  check((await reader.locator('main script').count()) === 0, 'a script element is in the page');
  check(!(await body.innerText()).includes('window.__xss'), 'the script text is shown');
  const links = await body.locator('a').evaluateAll((anchors) => anchors.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('rel')]));
  check(
    JSON.stringify(links) === JSON.stringify([['programmet', 'https://example.se/program', 'noopener nofollow']]),
    `the body's links are ${JSON.stringify(links)}`,
  );
  await body.getByText('klicka').click();
  check((await reader.evaluate(() => window.__xss)) === undefined, 'the hostile markup ran');
  await checkAxe(reader, 'news item (sv)');
  await reader.goto(`${server.url}/nyheter`);
  await checkAxe(reader, 'news list (sv)');
  const feed = await (await fetch(`${server.url}/api/public/news.atom`)).text();
  check(feed.includes('<title>Välkommen till mötesplatsen</title>'), 'the feed lacks the item');
  check(!feed.includes('script'), 'the feed carries the script');
  await reader.getByRole('button', { name: 'English' }).click();
  await reader.getByRole('heading', { level: 1, name: 'News' }).waitFor();
  await checkAxe(reader, 'news list (en)');
  await reader.getByRole('link', { name: 'Välkommen till mötesplatsen' }).click();
  await reader.getByRole('link', { name: 'All news' }).waitFor();
  await checkAxe(reader, 'news item (en)');
  await screenshot(reader, args, 'news-item-en');

  // ---- A member shares a learning example with a PDF. ----
  const member = await newPage(browser, desktop);
  await logIn(member, server.url, server.demo);
  await member.goto(`${server.url}/exempel/nytt`);
  await member.getByRole('heading', { level: 1, name: 'Nytt lärande exempel' }).waitFor();
  await checkAxe(member, 'example form (sv)');
  await member.getByLabel('Rubrik').fill('Läxhjälp på biblioteket i Vivalla');
  await member.getByLabel('Vad gjordes').fill('<p>Kommunen erbjöd <strong>läxhjälp</strong> tre kvällar i veckan.</p><script>alert(1)</script>');
  await member.getByLabel('För vem').fill('Elever i årskurs 7–9');
  await member.getByLabel('Resultat', { exact: true }).fill('<p>Fler blev behöriga till gymnasiet.</p>');
  await member.getByLabel('Förskola och skola').check();
  await member.getByLabel('En god start i livet', { exact: false }).first().check();
  await member.getByLabel('Bilagor').setInputFiles({ name: 'utvärdering.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n') });
  await member.getByRole('button', { name: 'Dela exemplet' }).click();
  await member.getByRole('heading', { level: 1, name: 'Läxhjälp på biblioteket i Vivalla' }).waitFor();
  check((await member.locator('main script').count()) === 0, 'a script element is in the example page');
  check((await member.getByRole('link', { name: 'utvärdering.pdf' }).count()) === 1, 'the attachment is not listed');
  await checkAxe(member, 'example (sv)');
  noProblems(member, 'member');

  // ---- The public finds it by full-text search and by tag. ----
  const visitor = await newPage(browser, desktop);
  await visitor.goto(`${server.url}/exempel`);
  await visitor.getByLabel('Sökord').fill('läxhjälp biblioteket');
  await visitor.getByRole('button', { name: 'Sök', exact: true }).click();
  await visitor.waitForURL(/q=/);
  await visitor.getByRole('link', { name: 'Läxhjälp på biblioteket i Vivalla' }).waitFor();
  await checkAxe(visitor, 'examples search (sv)');
  await visitor.goto(`${server.url}/exempel?q=halsa`);
  await visitor.getByText('Inga exempel matchar sökningen.').waitFor();
  await visitor.goto(`${server.url}/exempel?omrade=school`);
  await visitor.getByRole('link', { name: 'Läxhjälp på biblioteket i Vivalla' }).click();
  await visitor.getByRole('heading', { level: 1, name: 'Läxhjälp på biblioteket i Vivalla' }).waitFor();
  const download = await fetch(new URL(await visitor.getByRole('link', { name: 'utvärdering.pdf' }).getAttribute('href'), server.url));
  check(download.headers.get('content-disposition').startsWith('attachment;'), 'the attachment is not a download');
  check(download.headers.get('x-content-type-options') === 'nosniff', 'the attachment lacks nosniff');
  await visitor.getByRole('button', { name: 'English' }).click();
  await visitor.getByRole('heading', { level: 2, name: 'What was done' }).waitFor();
  await checkAxe(visitor, 'example (en)');
  await visitor.goto(`${server.url}/exempel`);
  await visitor.getByRole('heading', { level: 1, name: 'Learning examples' }).waitFor();
  await checkAxe(visitor, 'examples (en)');
  await screenshot(visitor, args, 'examples-en');
  noProblems(visitor, 'visitor');
  noProblems(reader, 'reader');
});
