// Crash safety (issue 18): eight clients write at once (uploads, analysis runs, accounts and
// invitations), the server is killed with SIGKILL in the middle, restarted on the same store, and
// then every acknowledged write must be there and whole, and `jamlik check-store` must find the
// store sound: the database's integrity check, no dataset without its file, no file without its
// row, no analysis without all its results, no unfinished upload. Several rounds on one store.
//
//   node kill_test.mjs --jamlik PATH --backend sqlite|postgresql [--rounds N] [--writes N]
// PostgreSQL needs JAMLIK_TEST_DATABASE_URL (scripts/with-postgres); without it the case exits 77
// (ctest reports it as skipped).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].slice(2)] = process.argv[i + 1];
const rounds = Number(args.rounds ?? 3);
const writesBeforeKill = Number(args.writes ?? 200);
const clients = 8;
const kPassword = 'ett långt lösenord för test';

function fail(message) {
  console.error(`FAIL kill_test ${args.backend}: ${message}`);
  process.exit(1);
}
function check(condition, message) {
  if (!condition) fail(message);
}

const dataDir = mkdtempSync(join(tmpdir(), 'jamlik-kill-'));
let databaseUrl = '';
if (args.backend === 'postgresql') {
  const base = process.env.JAMLIK_TEST_DATABASE_URL;
  if (!base) {
    console.log('SKIP: JAMLIK_TEST_DATABASE_URL is not set (run under scripts/with-postgres)');
    process.exit(77);
  }
  const name = `kill_${process.pid}_${Date.now()}`;
  execFileSync('psql', [base, '-q', '-c', `CREATE DATABASE ${name}`]);
  databaseUrl = base.replace(/\/[^/]*$/, `/${name}`);
}
const environment = { ...process.env, JAMLIK_DATA_DIR: dataDir, JAMLIK_LANG: 'en', JAMLIK_LISTEN: '', JAMLIK_DATABASE_URL: databaseUrl };

// Start the server; resolve with its URL, the demo user's password and, on the first start, the
// site administrator's.
function start(createAdmin) {
  // Every acknowledged account logs in once at each check: more than the default 300 public
  // requests a minute from one address.
  const serveArgs = ['serve', '--listen', '127.0.0.1:0', '--demo', '--threads', '16', '--public-rate', '100000'];
  if (createAdmin) serveArgs.push('--create-admin', 'site@example.se');
  const child = spawn(args.jamlik, serveArgs, { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${stdout}\n${stderr}`)), 60000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const url = /Jämlik: (http:\/\/\S+?)\/?\n/.exec(stdout);
      const demo = /Demo user: \S+ +password: (\S+)/.exec(stdout);
      const site = /Site administrator: \S+ +password: (\S+)/.exec(stdout);
      if (url && demo && (!createAdmin || site)) {
        clearTimeout(timer);
        resolve({ child, url: url[1], demoPassword: demo[1], sitePassword: site?.[1], log: () => stderr });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before it was ready:\n${stdout}\n${stderr}`));
    });
  });
}

// The demo user's printed password is initial: change it (each start prints a new one).
async function changeDemoPassword(server) {
  const demo = new Session(server.url);
  const first = await demo.logIn('demo@jamlik.example', server.demoPassword);
  check(first === 200, `demo log-in with the printed password answered ${first}`);
  const changed = await demo.request('POST', '/api/auth/password', { current_password: server.demoPassword, new_password: kPassword });
  check(changed.status === 204, `demo password change answered ${changed.status}`);
}

class Session {
  constructor(url) {
    this.url = url;
  }
  async logIn(email, password) {
    const response = await fetch(`${this.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (response.status !== 200) return response.status;
    this.cookie = response.headers.get('set-cookie').split(';')[0];
    this.csrf = (await response.json()).csrf_token;
    return 200;
  }
  async request(method, path, body, type = 'application/json') {
    const headers = { Cookie: this.cookie };
    if (method !== 'GET') headers['X-CSRF-Token'] = this.csrf;
    if (body !== undefined) headers['Content-Type'] = type;
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }
}

function csv(seed) {
  let text = 'kommun;kon;utbildning;gymnasiebehorig\n';
  for (let i = 0; i < 400; ++i) {
    text += `${(i + seed) % 2 ? '1880' : '1881'};${i % 3 ? 'K' : 'M'};`;
    text += `${i % 5 === 0 ? 'förgymnasial' : i % 5 < 3 ? 'gymnasial' : 'eftergymnasial'};${(i + seed) % 4 ? 1 : 0}\n`;
  }
  return text;
}

function analysisRequest(datasetId, name) {
  return {
    name,
    dataset_id: datasetId,
    areas: ['kommun', 'riket'],
    dimensions: ['kon', 'utbildning'],
    indicators: [{ id: 'behorig', name_sv: 'Behörighet', type: 'proportion', numerator: 'gymnasiebehorig', higher_is_favourable: true }],
  };
}

// What the server acknowledged (2xx with the new object), across all rounds.
const acknowledged = { datasets: [], analyses: [], users: [], memberships: [] };

async function writeUntilKilled(server, org, baseDataset, round) {
  let count = 0;
  let stop = false;
  let killed;
  const killAt = writesBeforeKill - Math.floor(Math.random() * clients);
  // The clients log in one after another, as people do (simultaneous log-ins to one account
  // from one address are throttled like guesses), then write all at once.
  const sessions = [];
  for (let index = 0; index < clients; ++index) {
    const session = new Session(server.url);
    const status = await session.logIn('demo@jamlik.example', kPassword);
    check(status === 200, `demo log-in of client ${index} answered ${status}`);
    const site = new Session(server.url);
    check((await site.logIn('site@example.se', kPassword)) === 200, 'site admin log-in failed');
    sessions.push({ session, site });
  }
  const client = async (index) => {
    const { session, site } = sessions[index];
    for (let i = 0; !stop; ++i) {
      const tag = `r${round}c${index}i${i}`;
      try {
        const kind = (index + i) % 3;
        if (kind === 0) {
          const r = await session.request('POST', `/api/organisations/${org}/datasets?name=${tag}`, csv(i), 'text/csv');
          if (r.status === 201) acknowledged.datasets.push({ id: r.body.id, rows: r.body.row_count });
          else check(r.status >= 500 || stop, `upload answered ${r.status}`);
        } else if (kind === 1) {
          const r = await session.request('POST', `/api/organisations/${org}/analyses`, analysisRequest(baseDataset, tag));
          if (r.status === 201) acknowledged.analyses.push({ id: r.body.id, results: r.body.result_count });
          else check(r.status >= 500 || stop, `analysis answered ${r.status}`);
        } else {
          const email = `${tag}@example.se`;
          const u = await site.request('POST', '/api/users', { email, name: tag, password: kPassword });
          if (u.status !== 201) continue;
          acknowledged.users.push(email);
          const m = await session.request('POST', `/api/organisations/${org}/members`, { email, role: 'reader' });
          if (m.status === 202) acknowledged.memberships.push(email);  // an invitation
        }
      } catch {
        // The connection died with the server: this write was never acknowledged.
        return;
      }
      if (++count === killAt && !stop) {
        stop = true;
        killed = new Promise((resolve) => server.child.on('exit', resolve));
        server.child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  if (!stop) fail('the clients stopped before the kill');
  await killed;
}

function filesUnder(folder) {
  let count = 0;
  const walk = (path) => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else ++count;
    }
  };
  try {
    walk(folder);
  } catch {
    return 0;
  }
  return count;
}

async function verify(server, org) {
  const session = new Session(server.url);
  await changeDemoPassword(server);
  check((await session.logIn('demo@jamlik.example', kPassword)) === 200, 'log-in after restart failed');
  for (const dataset of acknowledged.datasets) {
    const r = await session.request('GET', `/api/organisations/${org}/datasets/${dataset.id}`);
    check(r.status === 200 && r.body.row_count === dataset.rows, `acknowledged dataset ${dataset.id} is missing or changed (${r.status})`);
  }
  for (const analysis of acknowledged.analyses) {
    const r = await session.request('GET', `/api/organisations/${org}/analyses/${analysis.id}/results`);
    check(r.status === 200, `acknowledged analysis ${analysis.id} is missing (${r.status})`);
    check(r.body.rows.length === analysis.results, `analysis ${analysis.id} has ${r.body.rows.length} of ${analysis.results} results`);
  }
  const invited = (await session.request('GET', `/api/organisations/${org}/invitations`)).body.invitations.map((i) => i.email);
  for (const email of acknowledged.memberships) check(invited.includes(email), `acknowledged invitation of ${email} is missing`);
  for (const email of acknowledged.users) {
    check((await new Session(server.url).logIn(email, kPassword)) === 200, `acknowledged account ${email} cannot log in`);
  }
  const listed = (await session.request('GET', `/api/organisations/${org}/datasets`)).body.datasets.length;
  check(filesUnder(join(dataDir, 'datasets')) === listed, `${filesUnder(join(dataDir, 'datasets'))} files for ${listed} datasets after restart`);
  check(filesUnder(join(dataDir, 'uploads')) === 0, 'unfinished uploads left after restart');
}

async function stop(server) {
  const exited = new Promise((resolve) => server.child.on('exit', (code) => resolve(code)));
  server.child.kill('SIGTERM');
  check((await exited) === 0, 'the server did not stop cleanly');
}

let server = await start(true);
try {
  const admin = new Session(server.url);
  check((await admin.logIn('site@example.se', server.sitePassword)) === 200, 'first site admin log-in failed');
  check((await admin.request('POST', '/api/auth/password', { current_password: server.sitePassword, new_password: kPassword })).status === 204, 'password change failed');
  await changeDemoPassword(server);
  const demo = new Session(server.url);
  check((await demo.logIn('demo@jamlik.example', kPassword)) === 200, 'demo log-in failed');
  const org = (await demo.request('GET', '/api/organisations')).body.organisations[0].id;
  const base = await demo.request('POST', `/api/organisations/${org}/datasets?name=bas`, csv(0), 'text/csv');
  check(base.status === 201, `base upload answered ${base.status}`);
  acknowledged.datasets.push({ id: base.body.id, rows: base.body.row_count });
  let recoveries = 0;
  for (let round = 1; round <= rounds; ++round) {
    await writeUntilKilled(server, org, base.body.id, round);
    server = await start(false);
    if (/event=recovery/.test(server.log())) ++recoveries;
    await verify(server, org);
    console.log(`round ${round}: killed after ${writesBeforeKill} writes; acknowledged so far: ${acknowledged.datasets.length} datasets, ${acknowledged.analyses.length} analyses, ${acknowledged.users.length} accounts, ${acknowledged.memberships.length} invitations — all present and whole`);
  }
  await stop(server);
  server = null;
  let report;
  try {
    report = execFileSync(args.jamlik, ['check-store'], { env: environment, encoding: 'utf8' });
  } catch (error) {
    fail(`jamlik check-store found problems:\n${error.stdout}${error.stderr}`);
  }
  console.log(report.trim());
  console.log(`rounds with a start-up sweep: ${recoveries} of ${rounds}`);
  console.log(`PASS kill_test ${args.backend}`);
} catch (error) {
  fail(error && error.stack ? error.stack : error);
} finally {
  if (server) server.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
}
