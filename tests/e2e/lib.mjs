// Shared machinery of the end-to-end tests: start the real `jamlik serve` (loopback, a free port
// chosen by the kernel, a temporary data folder, --demo for a user whose password it prints),
// drive Debian's /usr/bin/chromium with playwright-core, run axe-core on pages, take screenshots,
// read xlsx files (zip) without extra tools, and fail loudly with a bounded run time.
//
// Arguments (from ctest, see tests/CMakeLists.txt):
//   --jamlik PATH      the jamlik binary
//   --web-root PATH    the built web application (web/dist of the build)
//   --artifacts PATH   folder for screenshots (created)
//   --demo-csv PATH    the demo data (optional; some tests load it)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
export const projectRoot = resolve(here, '..', '..');
const webDir = join(projectRoot, 'web');
// playwright-core and axe-core are the web application's dev dependencies.
const requireFromWeb = createRequire(join(webDir, 'package.json'));

export function parseArgs(argv = process.argv.slice(2)) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--')) throw new Error(`unexpected argument ${argv[i]}`);
    args[argv[i].slice(2)] = argv[i + 1];
  }
  args.jamlik ??= process.env.JAMLIK_BIN ?? join(projectRoot, 'build', 'src', 'cli', 'jamlik');
  args['web-root'] ??= process.env.JAMLIK_WEB_ROOT ?? join(projectRoot, 'build', 'web', 'dist');
  args.artifacts ??= join(projectRoot, 'build', 'e2e-artifacts');
  return args;
}

const cleanups = [];
let failed = false;

// Run the test body with a hard time limit; every failure (or the limit) exits non-zero after
// stopping the server and the browser.
export async function runTest(name, limitSeconds, body) {
  const started = Date.now();
  const timer = setTimeout(async () => {
    console.error(`FAIL ${name}: took longer than ${limitSeconds} s`);
    await cleanup();
    process.exit(1);
  }, limitSeconds * 1000);
  try {
    await body();
    console.log(`PASS ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed = true;
    console.error(`FAIL ${name}: ${error && error.stack ? error.stack : error}`);
  } finally {
    clearTimeout(timer);
    await cleanup();
  }
  process.exit(failed ? 1 : 0);
}

async function cleanup() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (error) {
      console.error(`cleanup: ${error}`);
    }
  }
}

// Run `fn` when the test ends (before the server and browser started earlier are stopped).
export function addCleanup(fn) {
  cleanups.push(fn);
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

// A port free on loopback now, for a server that must know its own address before it starts
// (its --site-url). The kernel picks it; the short gap until the server binds it is harmless here.
export async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

// Start `jamlik serve --demo` and wait for the URL and the demo password on its stdout.
// With keepInitialPassword the printed (initial) password is returned unchanged, for tests of the
// forced change. `port` fixes the port (else the kernel chooses); `extraArgs` go to `serve`.
export async function startServer(args, { demoData = false, lang = 'sv', keepInitialPassword = false, port = 0, extraArgs = [] } = {}) {
  check(existsSync(args.jamlik), `no jamlik binary at ${args.jamlik}`);
  check(existsSync(join(args['web-root'], 'index.html')), `no built web application in ${args['web-root']} (build the 'web' target)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'jamlik-e2e-'));
  const serveArgs = ['serve', '--listen', `127.0.0.1:${port}`, '--demo', '--web-root', args['web-root'], '--threads', '4', ...extraArgs];
  if (demoData) {
    check(args['demo-csv'] && existsSync(args['demo-csv']), `no demo data at ${args['demo-csv']}`);
    serveArgs.push('--demo-data', args['demo-csv']);
  }
  const child = spawn(args.jamlik, serveArgs, {
    env: { ...process.env, JAMLIK_DATA_DIR: dataDir, JAMLIK_LANG: lang, JAMLIK_LISTEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolveExit) => child.on('exit', (code, signal) => resolveExit({ code, signal })));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const done = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 10000))]);
      if (!done) {
        child.kill('SIGKILL');
        await exited;
        throw new Error('the server did not stop within 10 s of SIGTERM');
      }
      if (done.code !== 0) throw new Error(`the server exited with ${done.code ?? done.signal} after SIGTERM`);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });
  const ready = await new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 90 s:\n${stdout}\n${stderr}`)), 90000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const password = /(?:password|lösenord): (\S+)/.exec(stdout);
      const email = /(?:Demo user|Demoanvändare): (\S+)/.exec(stdout);
      const url = /Jämlik: (http:\/\/\S+?)\/?\n/.exec(stdout);
      if (password && email && url) {
        clearTimeout(timer);
        resolveReady({ url: url[1], email: email[1], password: password[1] });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before it was ready:\n${stdout}\n${stderr}`));
    });
  });
  // The printed password is initial and must be changed at first log-in; the tests sign in with
  // the changed one (flow.mjs shows the change page itself).
  if (keepInitialPassword) {
    return { ...ready, initialPassword: ready.password, dataDir, log: () => stderr };
  }
  const changed = await changeInitialPassword(ready.url, ready.email, ready.password);
  return { ...ready, initialPassword: ready.password, password: changed, dataDir, log: () => stderr };
}

export const changedPassword = 'ett nytt långt lösenord';

export async function changeInitialPassword(url, email, password) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  check(login.status === 200, `log-in with the printed password answered ${login.status}`);
  const session = await login.json();
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const change = await fetch(`${url}/api/auth/password`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': session.csrf_token },
    body: JSON.stringify({ current_password: password, new_password: changedPassword }),
  });
  check(change.status === 204, `changing the initial password answered ${change.status}`);
  return changedPassword;
}

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 375, height: 740 };

export async function startBrowser() {
  const executablePath = '/usr/bin/chromium';
  check(existsSync(executablePath), `${executablePath} is missing: run scripts/install-deps (Debian package chromium)`);
  const { chromium } = requireFromWeb('playwright-core');
  // A new, empty profile in a temporary folder each run.
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 60000,
  });
  cleanups.push(() => browser.close());
  return browser;
}

// `contextOptions` adds to the browser context's (e.g. timezoneId).
export async function newPage(browser, viewport = desktop, contextOptions = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'sv-SE', ...contextOptions });
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) problems.push(`console error: ${message.text()}`);
  });
  page.problems = problems;
  return page;
}

let axeSource = null;
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const axeResults = [];

// Run axe-core (WCAG 2.1 A and AA rules) on the page as it is; fail on any violation. The script
// is evaluated through the DevTools protocol, which the site's Content-Security-Policy allows.
export async function checkAxe(page, label) {
  axeSource ??= readFileSync(requireFromWeb.resolve('axe-core/axe.min.js'), 'utf8');
  // The page as it settles, not its loading state.
  await page.waitForFunction(() => !document.querySelector('.loading'), null, { timeout: 20000 });
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) await page.evaluate(axeSource);
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    wcagTags,
  );
  const violations = result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
  }));
  axeResults.push({ label, violations: violations.length });
  console.log(`axe ${label}: ${violations.length} violations (${result.passes?.length ?? '?'} rules passed)`);
  if (violations.length) {
    throw new Error(`axe-core found ${violations.length} WCAG 2.1 AA violations on ${label}:\n${JSON.stringify(violations, null, 2)}`);
  }
}

export async function screenshot(page, args, name) {
  mkdirSync(args.artifacts, { recursive: true });
  const path = join(args.artifacts, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

// Log in through the form as a person would.
export async function logIn(page, server) {
  await page.goto(server.url + '/');
  await page.waitForURL(/\/logga-in/);
  await page.getByLabel('E-postadress').fill(server.email);
  await page.getByLabel('Lösenord').fill(server.password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL(/\/datamangder$/);
  await page.getByRole('heading', { level: 1, name: 'Datamängder' }).waitFor();
}

// The entries of a zip archive (an xlsx file), read from its central directory.
export function readZip(buffer) {
  let end = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65557); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  check(end >= 0, 'not a zip file: no end of central directory');
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    check(buffer.readUInt32LE(offset) === 0x02014b50, 'broken zip central directory');
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localOffset = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.set(name, () => {
      check(buffer.readUInt32LE(localOffset) === 0x04034b50, `broken zip local header for ${name}`);
      const start = localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
      const data = buffer.subarray(start, start + compressedSize);
      if (method === 0) return data.toString('utf8');
      check(method === 8, `zip method ${method} for ${name}`);
      return inflateRawSync(data).toString('utf8');
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

// Record every state-changing API request, to check each carries the CSRF token.
export function recordApiWrites(page) {
  const writes = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/') && !['GET', 'HEAD'].includes(request.method())) {
      writes.push({ method: request.method(), path: url.pathname, csrf: request.headers()['x-csrf-token'] ?? '' });
    }
  });
  return writes;
}
