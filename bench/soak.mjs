#!/usr/bin/env node
// Soak of `jamlik serve` on loopback (issue 18): a paced, open-loop mixed load, 80 % reads and
// 20 % cheap writes, for minutes, reporting throughput, errors, latency and the server's memory.
// Node 20, no npm dependencies. Usually run through bench/soak.sh.
//
//   node bench/soak.mjs [--rate 800] [--connections 12] [--duration 180] [--database-url URL]
//                       [--report-every 10] [--find-ceiling] [--jamlik PATH] [--demo-data CSV]
//                       [--out DIR] [--label NAME] [--threads N] [--db-connections N]
//
// What it does:
//  1. Starts `jamlik serve --demo --demo-data CSV --create-admin … --listen 127.0.0.1:0` with a
//     fresh data folder (under --out, default bench/out/) and JAMLIK_LANG=en; SQLite in that
//     folder, or PostgreSQL with --database-url. The server's stderr (its request log) is saved
//     to OUT/soak_<label>_server.log.
//  2. Through the JSON API: logs in as the site administrator (to create 16 member accounts,
//     POST /api/users) and as the demo user (admin of Demo kommun), finds the organisation and
//     its 300 000-row dataset, creates one analysis (POST …/analyses; the small definition of
//     tests/api/api_test.cpp: one indicator, kommun and riket, by kon and by utbildning) whose
//     results are read.
//  3. Load: request i is scheduled at start + i/rate whatever happened to earlier ones (open
//     loop), sent over a keep-alive http.Agent with --connections sockets (requests wait in the
//     agent's queue when every socket is busy) and its latency is measured from its scheduled
//     time, so a stalled server shows as latency instead of as a lower offered rate (no
//     coordinated omission). Mix (seeded, reproducible):
//       60 % GET  /api/organisations/{org}/analyses/{id}/results   (results; audited per read)
//       10 % GET  /api/organisations/{org}/datasets                (datasets)
//       10 % GET  /api/auth/session                                (session)
//       10 % PATCH /api/organisations/{org}/datasets/{id}  {name}  (patch_dataset)
//       10 % an invitation of one of the 16 accounts: POST …/members {email, role} (202, an
//            invitation) and DELETE …/invitations/{id} in turn (member_add / member_remove);
//            an account with a change in flight is not picked again until it completes (so
//            every write is expected to succeed); if all are busy, a PATCH is sent instead.
//     --writes patch or --writes members keeps one kind of write (the other's 10 % go to it).
//     Every POST/PATCH/DELETE carries the session cookie and the X-CSRF-Token header.
//  4. Every --report-every seconds and at the end: requests/s completed, errors by kind (non-2xx
//     by endpoint and status, connection errors by code, timeouts), p50/p99/max latency overall
//     and per endpoint, requests over 200 ms and over 400 ms (client-side, from the scheduled
//     time; and in the server, from its Server-Timing header), the server's RSS (VmRSS from
//     /proc/PID/status, sampled every second) and CPU, and the load average. At the end also the
//     first against the last minute (latency creep) and a final JSON summary on the last line.
//     Requests still unanswered --drain (10) s after the last scheduled time are abandoned and
//     counted as errors (UNFINISHED), so an overloaded server does not stretch the run.
//
// --find-ceiling: instead of one run, steps the rate up (--ceiling-start 400, --ceiling-step 100,
// --ceiling-step-duration 30 s each) until a step's p99 exceeds --ceiling-p99 (40 ms), it has an
// error, or it completes less than 95 % of the offered rate; reports the last step that held.
//
// The load generator shares the machine's cores with the server: its own CPU time is reported.
import http from 'node:http';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import crypto from 'node:crypto';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------- options
function parseOptions(argv) {
  const o = {
    rate: 800, connections: 12, duration: 180, databaseUrl: '', reportEvery: 10,
    findCeiling: false, ceilingStart: 400, ceilingStep: 100, ceilingStepDuration: 30,
    ceilingP99: 40, ceilingMax: 5000,
    jamlik: process.env.JAMLIK || path.join(root, 'build/src/cli/jamlik'),
    demoData: process.env.DEMO_CSV || path.join(root, 'build/demo/demo_orebro_lan.csv'),
    out: path.join(root, 'bench/out'), label: '', threads: 0, dbConnections: 0,
    members: 16, timeout: 30, drain: 10, seed: 18, writes: 'patch,members',
  };
  const numeric = {
    '--rate': 'rate', '--connections': 'connections', '--duration': 'duration',
    '--report-every': 'reportEvery', '--ceiling-start': 'ceilingStart',
    '--ceiling-step': 'ceilingStep', '--ceiling-step-duration': 'ceilingStepDuration',
    '--ceiling-p99': 'ceilingP99', '--ceiling-max': 'ceilingMax', '--threads': 'threads',
    '--db-connections': 'dbConnections', '--members': 'members', '--timeout': 'timeout',
    '--seed': 'seed', '--drain': 'drain',
  };
  const text = { '--database-url': 'databaseUrl', '--jamlik': 'jamlik', '--demo-data': 'demoData',
    '--out': 'out', '--label': 'label', '--writes': 'writes' };
  for (let i = 0; i < argv.length; i++) {
    let [flag, value] = argv[i].split(/=(.*)/s, 2);
    if (flag === '--find-ceiling') { o.findCeiling = true; continue; }
    if (flag === '-h' || flag === '--help') {
      const head = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
      console.log(head.slice(1, head.findIndex((l) => !l.startsWith('//'))).map((l) => l.slice(3)).join('\n'));
      process.exit(0);
    }
    if (!(flag in numeric) && !(flag in text)) die(`unknown option ${flag} (see --help)`, 2);
    if (value === undefined) value = argv[++i];
    if (value === undefined) die(`${flag} needs a value`, 2);
    if (flag in numeric) {
      const v = Number(value);
      if (!Number.isFinite(v) || v <= 0) die(`${flag}: a positive number`, 2);
      o[numeric[flag]] = v;
    } else {
      o[text[flag]] = value;
    }
  }
  if (!o.label) o.label = o.databaseUrl ? 'postgres' : 'sqlite';
  return o;
}

function die(message, code = 1) {
  console.error(`soak: ${message}`);
  process.exit(code);
}

const opts = parseOptions(process.argv.slice(2));

// ---------------------------------------------------------------- small helpers
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Nearest-rank percentile of a sorted array.
function pct(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const r1 = (x) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);
const loadavg = () => os.loadavg().map((x) => Math.round(x * 100) / 100);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function readRssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}
const clockTicks = 100;  // sysconf(_SC_CLK_TCK) on Linux
function readCpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;  // utime + stime
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- HTTP
let base = '';  // http://127.0.0.1:PORT
function request(agent, method, urlPath, { body, cookie, csrf, timeoutS = opts.timeout, keepBody = false, track } = {}) {
  return new Promise((resolve) => {
    const headers = { Accept: 'application/json' };
    let payload;
    if (body !== undefined) {
      payload = Buffer.from(JSON.stringify(body));
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = payload.length;
    }
    if (cookie) headers.Cookie = cookie;
    if (csrf) headers['X-CSRF-Token'] = csrf;
    const req = http.request(`${base}${urlPath}`, { method, agent, headers }, (res) => {
      const chunks = [];
      let bytes = 0;
      res.on('data', (c) => { bytes += c.length; if (keepBody || res.statusCode >= 300) chunks.push(c); });
      res.on('end', () => {
        const timing = /app;dur=([0-9.]+)/.exec(res.headers['server-timing'] || '');
        resolve({ status: res.statusCode, headers: res.headers, bytes,
          body: Buffer.concat(chunks).toString('utf8'), serverMs: timing ? Number(timing[1]) : null });
      });
      res.on('error', (e) => resolve({ status: 0, error: e.code || e.message }));
    });
    req.setTimeout(timeoutS * 1000, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (e) => resolve({ status: 0, error: e.code || e.message }));
    if (track) { track.add(req); req.on('close', () => track.delete(req)); }
    req.end(payload);
  });
}

async function api(method, urlPath, options = {}) {
  const res = await request(setupAgent, method, urlPath, { ...options, keepBody: true });
  if (res.status < 200 || res.status >= 300) {
    throw new Error(`${method} ${urlPath}: ${res.status || res.error} ${res.body || ''}`.trim());
  }
  return { ...res, json: res.body ? JSON.parse(res.body) : null };
}
const setupAgent = new http.Agent({ keepAlive: false });

async function logIn(email, password) {
  const res = await api('POST', '/api/auth/login', { body: { email, password } });
  const setCookie = [].concat(res.headers['set-cookie'] || []);
  const cookie = setCookie.map((c) => /^(jamlik_session=[^;]*)/.exec(c)).find(Boolean)?.[1];
  if (!cookie || !res.json.csrf_token) throw new Error(`log-in of ${email}: no session cookie or CSRF token`);
  if (res.json.user.must_change_password) {
    // A printed (initial) password must be changed before anything else; the change ends the
    // session, so log in again with the new one.
    const replacement = crypto.randomBytes(18).toString('base64url');
    await api('POST', '/api/auth/password', {
      cookie, csrf: res.json.csrf_token, body: { current_password: password, new_password: replacement },
    });
    return logIn(email, replacement);
  }
  return { cookie, csrf: res.json.csrf_token };
}

// ---------------------------------------------------------------- the server
let server = null;      // ChildProcess
let dataDir = '';
let serverLog = '';
let serverExit = null;  // {code, signal} once it exited

async function startServer() {
  if (!fs.existsSync(opts.jamlik)) die(`no jamlik binary at ${opts.jamlik} (--jamlik)`);
  if (!fs.existsSync(opts.demoData)) die(`no demo data at ${opts.demoData} (--demo-data)`);
  fs.mkdirSync(opts.out, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(opts.out, `soak_${opts.label}_data.`));
  serverLog = path.join(opts.out, `soak_${opts.label}_server.log`);
  const logFd = fs.openSync(serverLog, 'w');
  const args = ['serve', '--demo', '--demo-data', opts.demoData, '--data-dir', dataDir,
    '--listen', '127.0.0.1:0', '--create-admin', 'soak-admin@jamlik.example'];
  if (opts.databaseUrl) args.push('--database-url', opts.databaseUrl);
  if (opts.threads) args.push('--threads', String(opts.threads));
  if (opts.dbConnections) args.push('--db-connections', String(opts.dbConnections));
  server = spawn(opts.jamlik, args, { env: { ...process.env, JAMLIK_LANG: 'en' }, stdio: ['ignore', 'pipe', logFd] });
  fs.closeSync(logFd);
  server.on('exit', (code, signal) => { serverExit = { code, signal }; });
  let stdout = '';
  server.stdout.setEncoding('utf8');
  server.stdout.on('data', (d) => { stdout += d; });
  const started = performance.now();
  while (!/^Jämlik: (http:\/\/[^/\s]+)\//m.test(stdout)) {
    if (serverExit) die(`the server exited (${JSON.stringify(serverExit)}) before listening; see ${serverLog}`);
    if (performance.now() - started > 300_000) die(`the server did not start within 300 s; see ${serverLog}`);
    await sleep(100);
  }
  base = /^Jämlik: (http:\/\/[^/\s]+)\//m.exec(stdout)[1];
  const passwordOf = (who) => new RegExp(`^(?:${who}): *\\S+ +(?:password|lösenord): *(\\S+)`, 'm').exec(stdout)?.[1];
  const demoPassword = passwordOf('Demo user|Demoanvändare');
  const adminPassword = passwordOf('Site administrator|Webbplatsadministratör');
  if (!demoPassword || !adminPassword) die(`no passwords printed by the server:\n${stdout}`);
  return { demoPassword, adminPassword, startupS: (performance.now() - started) / 1000 };
}

async function stopServer() {
  if (!server || serverExit) return serverExit;
  server.kill('SIGTERM');
  for (let i = 0; i < 100 && !serverExit; i++) await sleep(100);
  if (!serverExit) { server.kill('SIGKILL'); await sleep(200); }
  return serverExit;
}

function cleanUp() {
  if (server && !serverExit) try { server.kill('SIGKILL'); } catch { /* gone */ }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
process.on('SIGINT', () => { cleanUp(); process.exit(130); });
process.on('SIGTERM', () => { cleanUp(); process.exit(143); });

// ---------------------------------------------------------------- set-up through the API
async function setUp({ demoPassword, adminPassword }) {
  const admin = await logIn('soak-admin@jamlik.example', adminPassword);
  const demo = await logIn('demo@jamlik.example', demoPassword);
  const orgs = (await api('GET', '/api/organisations', { cookie: demo.cookie })).json.organisations;
  const org = orgs.find((o) => o.code === 'demo');
  if (!org) throw new Error('no demo organisation');
  const datasets = (await api('GET', `/api/organisations/${org.id}/datasets`, { cookie: demo.cookie })).json.datasets;
  if (!datasets.length) throw new Error('the demo organisation has no dataset');
  const dataset = datasets[0];
  // The small definition of tests/api/api_test.cpp: one indicator by kommun and riket, by kon and
  // by utbildning (a few dozen result rows, a few kB of JSON).
  const definition = {
    name: 'Soak', dataset_id: dataset.id, areas: ['kommun', 'riket'], dimensions: ['kon', 'utbildning'],
    indicators: [{ id: 'behorig', name_sv: 'Gymnasiebehörighet', type: 'proportion',
      numerator: 'gymnasiebehorig', higher_is_favourable: true }],
  };
  const analysis = (await api('POST', `/api/organisations/${org.id}/analyses`,
    { body: definition, cookie: demo.cookie, csrf: demo.csrf })).json;
  const results = await api('GET', `/api/organisations/${org.id}/analyses/${analysis.id}/results`, { cookie: demo.cookie });
  // Accounts whose membership of Demo kommun the load adds and removes.
  const members = [];
  for (let i = 0; i < opts.members; i++) {
    const email = `soak-member-${i}@jamlik.example`;
    const user = (await api('POST', '/api/users', { cookie: admin.cookie, csrf: admin.csrf,
      body: { email, name: `Soak member ${i}`, password: crypto.randomBytes(18).toString('base64url') } })).json;
    members.push({ id: user.id, email, invitation: null, busy: false });
  }
  return { demo, org: org.id, dataset: dataset.id, datasetRows: dataset.row_count ?? null,
    analysis: analysis.id, resultRows: results.json.rows?.length ?? null, resultBytes: results.bytes, members };
}

// ---------------------------------------------------------------- the load
const KINDS = ['results', 'datasets', 'session', 'patch_dataset', 'member_add', 'member_remove'];

function makeMix(ctx, seed) {
  const random = mulberry32(seed);
  const { org, dataset, analysis, members } = ctx;
  const writes = new Set(opts.writes.split(','));
  if (![...writes].every((w) => w === 'patch' || w === 'members') || !writes.size) die('--writes: patch, members or patch,members', 2);
  let patches = 0;
  // With --writes members only, a write that finds every account busy adds/removes nothing: it
  // reads the session instead (so the write share then falls below 20 %).
  const patch = () => (!writes.has('patch') ? { kind: 'session', method: 'GET', path: '/api/auth/session' } : ({ kind: 'patch_dataset', method: 'PATCH', path: `/api/organisations/${org}/datasets/${dataset}`,
    body: { name: `Synthetic persons, Örebro county (soak ${++patches})` } }));
  return () => {
    const x = random();
    if (x < 0.6) return { kind: 'results', method: 'GET', path: `/api/organisations/${org}/analyses/${analysis}/results` };
    if (x < 0.7) return { kind: 'datasets', method: 'GET', path: `/api/organisations/${org}/datasets` };
    if (x < 0.8) return { kind: 'session', method: 'GET', path: '/api/auth/session' };
    if (x < 0.9 && writes.has('patch')) return patch();
    if (!writes.has('members')) return patch();
    const free = members.filter((m) => !m.busy);
    if (!free.length) return patch();
    const m = free[Math.floor(random() * free.length)];
    m.busy = true;
    // Adding someone who is not a member invites them (202, issue 19): the write pair is
    // invite / withdraw the invitation.
    const release = (ok, res) => {
      m.busy = false;
      if (!ok) return;
      m.invitation = m.invitation ? null : JSON.parse(res.body).invitation.id;
    };
    if (m.invitation) {
      return { kind: 'member_remove', method: 'DELETE', path: `/api/organisations/${org}/invitations/${m.invitation}`, release };
    }
    return { kind: 'member_add', method: 'POST', path: `/api/organisations/${org}/members`,
      body: { email: m.email, role: random() < 0.5 ? 'reader' : 'analyst' }, release, keepBody: true };
  };
}

// One paced phase: `rate` requests/s for `durationS` seconds. Returns its records.
function runPhase({ rate, durationS, agent, nextRequest, auth, onReport, reportEvery }) {
  return new Promise((resolve) => {
    const total = Math.round(rate * durationS);
    const records = [];  // in completion order: {s: scheduled offset ms, l: latency ms, k, st, e, sv}
    let issued = 0;
    let outstanding = 0;
    let finishedScheduling = false;
    const live = new Set();  // requests sent or queued in the agent
    const t0 = performance.now() + 5;
    const issue = (index) => {
      const scheduled = t0 + (index * 1000) / rate;
      const r = nextRequest();
      outstanding++;
      request(agent, r.method, r.path, { body: r.body, cookie: auth.cookie, csrf: r.method === 'GET' ? undefined : auth.csrf, track: live, keepBody: r.keepBody })
        .then((res) => {
          const now = performance.now();
          const ok = res.status >= 200 && res.status < 300;
          if (r.release) r.release(ok, res);
          const rec = { s: scheduled - t0, l: now - scheduled, k: r.kind, st: res.status, sv: res.serverMs };
          if (!ok) {
            rec.e = res.status ? `${r.kind} HTTP ${res.status}` : `${r.kind} ${res.error}`;
            if (res.body) rec.body = res.body.slice(0, 300);
          }
          records.push(rec);
          outstanding--;
          if (finishedScheduling && outstanding === 0) finish();
        });
    };
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) * rate) / 1000) + 1);
      while (issued < due) issue(issued++);
      if (issued < total) {
        setTimeout(tick, 1);
      } else {
        finishedScheduling = true;
        if (outstanding === 0) finish();
        // An overloaded server would make the run last as long as its backlog: what has not been
        // answered --drain seconds after the last scheduled time is abandoned and counted as an
        // error (UNFINISHED), with its latency so far.
        else setTimeout(() => { for (const req of live) req.destroy(Object.assign(new Error('unfinished'), { code: 'UNFINISHED' })); }, opts.drain * 1000);
      }
    };
    let reported = 0;
    let lastReport = t0;
    const timer = reportEvery ? setInterval(() => {
      const now = performance.now();
      onReport(records.slice(reported), (now - lastReport) / 1000, (now - t0) / 1000, outstanding);
      reported = records.length;
      lastReport = now;
    }, reportEvery * 1000) : null;
    let finished = false;
    function finish() {
      if (finished) return;
      finished = true;
      if (timer) clearInterval(timer);
      const now = performance.now();
      if (onReport && records.length > reported) {
        onReport(records.slice(reported), (now - lastReport) / 1000, (now - t0) / 1000, 0, true);
      }
      resolve({ records, elapsedS: (now - t0) / 1000, total });
    }
    setTimeout(tick, 5);
  });
}

// ---------------------------------------------------------------- statistics
function summarise(records, seconds) {
  const ok = records.filter((r) => !r.e);
  const lat = records.map((r) => r.l).sort((a, b) => a - b);
  const server = records.filter((r) => r.sv !== null && r.sv !== undefined).map((r) => r.sv).sort((a, b) => a - b);
  const errors = {};
  for (const r of records) if (r.e) errors[r.e] = (errors[r.e] || 0) + 1;
  const out = {
    requests: records.length, ok: ok.length, req_s: seconds ? r1(records.length / seconds) : null,
    errors: records.length - ok.length, error_kinds: errors,
    p50_ms: r1(pct(lat, 50)), p90_ms: r1(pct(lat, 90)), p99_ms: r1(pct(lat, 99)), p999_ms: r1(pct(lat, 99.9)),
    max_ms: r1(lat[lat.length - 1] ?? null),
    over_200ms: lat.filter((x) => x > 200).length, over_400ms: lat.filter((x) => x > 400).length,
    server_p50_ms: r1(pct(server, 50)), server_p99_ms: r1(pct(server, 99)),
    server_max_ms: r1(server[server.length - 1] ?? null),
    server_over_200ms: server.filter((x) => x > 200).length, server_over_400ms: server.filter((x) => x > 400).length,
  };
  return out;
}

function byKind(records) {
  const out = {};
  for (const k of KINDS) {
    const rs = records.filter((r) => r.k === k);
    if (!rs.length) continue;
    const s = summarise(rs, 0);
    out[k] = { requests: s.requests, errors: s.errors, p50_ms: s.p50_ms, p99_ms: s.p99_ms, max_ms: s.max_ms,
      over_200ms: s.over_200ms, server_p50_ms: s.server_p50_ms, server_p99_ms: s.server_p99_ms, server_max_ms: s.server_max_ms };
  }
  return out;
}

const fmtMs = (x) => (x === null ? '-' : x.toFixed(1));
function printKindTable(kinds, indent = '  ') {
  console.log(`${indent}${'endpoint'.padEnd(14)}${'requests'.padStart(9)}${'errors'.padStart(7)}${'p50'.padStart(8)}` +
    `${'p99'.padStart(8)}${'max'.padStart(9)}${'>200ms'.padStart(7)}${'srv p50'.padStart(9)}${'srv p99'.padStart(9)}${'srv max'.padStart(9)}`);
  for (const [k, s] of Object.entries(kinds)) {
    console.log(`${indent}${k.padEnd(14)}${String(s.requests).padStart(9)}${String(s.errors).padStart(7)}` +
      `${fmtMs(s.p50_ms).padStart(8)}${fmtMs(s.p99_ms).padStart(8)}${fmtMs(s.max_ms).padStart(9)}` +
      `${String(s.over_200ms).padStart(7)}${fmtMs(s.server_p50_ms).padStart(9)}${fmtMs(s.server_p99_ms).padStart(9)}` +
      `${fmtMs(s.server_max_ms).padStart(9)}`);
  }
}

// ---------------------------------------------------------------- monitoring of the server
function startMonitor(pid) {
  const samples = [];  // {t: s since start, rss_mb, cpu_s}
  const t0 = performance.now();
  const sample = () => samples.push({ t: r1((performance.now() - t0) / 1000), rss_mb: readRssMb(pid), cpu_s: readCpuSeconds(pid) });
  sample();
  const timer = setInterval(sample, 1000);
  return { samples, stop: () => { clearInterval(timer); sample(); }, t0 };
}

function serverLogSummary() {
  const lines = fs.readFileSync(serverLog, 'utf8').split('\n');
  const notable = lines.filter((l) => / level=(warning|warn|error|critical)/.test(l));
  const statuses = {};
  let requests = 0;
  let slowest = [];
  for (const l of lines) {
    const m = /event=request method=(\S+) path=(\S+) status=(\d+) .*timing=app;dur=([0-9.]+)/.exec(l);
    if (!m) continue;
    requests++;
    statuses[m[3]] = (statuses[m[3]] || 0) + 1;
    const ms = Number(m[4]);
    if (ms > 100) slowest.push({ ms, line: l });
  }
  slowest = slowest.sort((a, b) => b.ms - a.ms).slice(0, 10).map((x) => x.line);
  return { lines: lines.length, requests_logged: requests, statuses, warn_or_error_lines: notable.length,
    warn_or_error_sample: notable.slice(0, 20), slowest_over_100ms: slowest };
}

// ---------------------------------------------------------------- main
async function main() {
  console.log(`soak: ${opts.label}, ${opts.findCeiling ? 'finding the ceiling' : `${opts.rate} req/s for ${opts.duration} s`}` +
    ` over ${opts.connections} keep-alive connections; ${os.cpus().length} cores; load average ${loadavg().join(' ')}`);
  const passwords = await startServer();
  console.log(`soak: server pid ${server.pid} at ${base} (started in ${passwords.startupS.toFixed(1)} s, ` +
    `${opts.databaseUrl ? 'PostgreSQL ' + opts.databaseUrl.replace(/\/\/[^@]*@/, '//') : 'SQLite'}, data ${dataDir}, log ${serverLog})`);
  const ctx = await setUp(passwords);
  console.log(`soak: organisation ${ctx.org}, dataset ${ctx.dataset} (${ctx.datasetRows} rows), analysis ${ctx.analysis}` +
    ` (${ctx.resultRows} result rows, ${ctx.resultBytes} bytes of JSON), ${ctx.members.length} member accounts`);

  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections, maxFreeSockets: opts.connections });
  const nextRequest = makeMix(ctx, opts.seed);
  const auth = { cookie: ctx.demo.cookie, csrf: ctx.demo.csrf };
  const monitor = startMonitor(server.pid);
  const clientCpu0 = process.cpuUsage();
  const load0 = loadavg();
  let sockets = 0;
  const origCreate = agent.createConnection.bind(agent);
  agent.createConnection = (...a) => { sockets++; return origCreate(...a); };

  const report = (label) => (recs, seconds, elapsed, outstanding, tail = false) => {
    const s = summarise(recs, seconds);
    const rss = monitor.samples[monitor.samples.length - 1]?.rss_mb;
    const errs = Object.entries(s.error_kinds).map(([k, v]) => `${k}: ${v}`).join(', ');
    console.log(`[${label}${elapsed.toFixed(0).padStart(4)} s${tail ? ' last' : ''}] ${String(s.req_s).padStart(6)} req/s  p50 ${fmtMs(s.p50_ms)}  p99 ${fmtMs(s.p99_ms)}` +
      `  max ${fmtMs(s.max_ms)} ms  >200ms ${s.over_200ms}  >400ms ${s.over_400ms}  srv p99 ${fmtMs(s.server_p99_ms)}` +
      `  errors ${s.errors}${errs ? ` (${errs})` : ''}  in flight ${outstanding}  RSS ${rss} MB  sockets opened ${sockets}` +
      `  load ${loadavg().join(' ')}`);
  };

  let result;
  if (!opts.findCeiling) {
    const phase = await runPhase({ rate: opts.rate, durationS: opts.duration, agent, nextRequest, auth,
      onReport: report(''), reportEvery: opts.reportEvery });
    monitor.stop();
    result = finalReport(phase, monitor, load0, clientCpu0, sockets);
  } else {
    const steps = [];
    let held = null;
    for (let rate = opts.ceilingStart; rate <= opts.ceilingMax; rate += opts.ceilingStep) {
      const phase = await runPhase({ rate, durationS: opts.ceilingStepDuration, agent, nextRequest, auth,
        onReport: report(`${rate}/s `), reportEvery: opts.reportEvery });
      const s = summarise(phase.records, phase.elapsedS);
      const okRate = s.requests / opts.ceilingStepDuration;
      const pass = s.errors === 0 && s.p99_ms <= opts.ceilingP99 && okRate >= 0.95 * rate;
      steps.push({ rate, pass, ...s });
      console.log(`soak: step ${rate} req/s: ${pass ? 'held' : 'FAILED'} (p99 ${s.p99_ms} ms, errors ${s.errors})`);
      if (!pass) break;
      held = rate;
    }
    monitor.stop();
    result = { label: opts.label, mode: 'find-ceiling', ceiling_req_s: held, p99_limit_ms: opts.ceilingP99,
      step_s: opts.ceilingStepDuration, connections: opts.connections,
      steps: steps.map(({ error_kinds, ...rest }) => rest), rss_mb: rssSummary(monitor),
      loadavg_start: load0, loadavg_end: loadavg() };
    console.log(`soak: ceiling ${held ?? 'below ' + opts.ceilingStart} req/s (p99 ≤ ${opts.ceilingP99} ms, no errors)`);
  }
  agent.destroy();
  const exit = await stopServer();
  result.server_exit = exit;
  result.server_log = serverLogSummary();
  result.server_log_file = path.relative(root, serverLog);
  if (result.server_log.warn_or_error_lines) {
    console.log(`soak: ${result.server_log.warn_or_error_lines} warning/error lines in the server log, e.g.:`);
    for (const l of result.server_log.warn_or_error_sample) console.log(`  ${l}`);
  }
  console.log(`soak: server log: ${result.server_log.requests_logged} requests, statuses ${JSON.stringify(result.server_log.statuses)}; exit ${JSON.stringify(exit)}`);
  if (result.server_log.slowest_over_100ms.length) {
    console.log('soak: slowest requests in the server log (over 100 ms):');
    for (const l of result.server_log.slowest_over_100ms) console.log(`  ${l}`);
  }
  delete result.server_log.warn_or_error_sample;
  fs.rmSync(dataDir, { recursive: true, force: true });
  dataDir = '';
  fs.writeFileSync(path.join(opts.out, `soak_${opts.label}_summary.json`), JSON.stringify(result, null, 1));
  console.log(JSON.stringify({ soak: result }));
}

function rssSummary(monitor) {
  const s = monitor.samples.filter((x) => x.rss_mb !== null);
  if (!s.length) return null;
  const at = (t) => s.reduce((best, x) => (Math.abs(x.t - t) < Math.abs(best.t - t) ? x : best)).rss_mb;
  const end = s[s.length - 1];
  const series = [];
  for (let t = 0; t <= end.t + 0.5; t += 10) series.push(at(t));
  return { start: s[0].rss_mb, after_60s: at(60), end: end.rss_mb, max: Math.max(...s.map((x) => x.rss_mb)),
    every_10s: series, server_cpu_s: r1(end.cpu_s - s[0].cpu_s), server_cpu_pct: r1((100 * (end.cpu_s - s[0].cpu_s)) / (end.t - s[0].t)) };
}

function finalReport(phase, monitor, load0, clientCpu0, sockets) {
  const { records, elapsedS, total } = phase;
  const all = summarise(records, elapsedS);
  const kinds = byKind(records);
  const minutes = Math.max(1, Math.floor(opts.duration / 60));
  const inWindow = (a, b) => records.filter((r) => r.s >= a * 1000 && r.s < b * 1000);
  const firstEnd = Math.min(60, opts.duration);
  const lastStart = Math.max(0, opts.duration - 60);
  const first = summarise(inWindow(0, firstEnd), firstEnd);
  const last = summarise(inWindow(lastStart, opts.duration), opts.duration - lastStart);
  const perMinute = [];
  for (let m = 0; m * 60 < opts.duration; m++) {
    const rs = inWindow(m * 60, Math.min(opts.duration, (m + 1) * 60));
    const s = summarise(rs, Math.min(opts.duration, (m + 1) * 60) - m * 60);
    perMinute.push({ minute: m + 1, requests: s.requests, errors: s.errors, p50_ms: s.p50_ms, p99_ms: s.p99_ms,
      max_ms: s.max_ms, server_p50_ms: s.server_p50_ms, server_p99_ms: s.server_p99_ms, by_kind_p50_ms:
      Object.fromEntries(Object.entries(byKind(rs)).map(([k, v]) => [k, v.p50_ms])) });
  }
  const clientCpu = process.cpuUsage(clientCpu0);
  const rss = rssSummary(monitor);
  const errorSamples = records.filter((r) => r.e).slice(0, 10).map((r) => ({ at_s: r1(r.s / 1000), error: r.e, body: r.body }));

  console.log(`\nsoak: ${opts.label} done: ${all.requests} of ${total} requests in ${elapsedS.toFixed(1)} s ` +
    `(${(all.requests / opts.duration).toFixed(1)} req/s offered-window average), ${all.errors} errors`);
  if (all.errors) console.log(`  errors: ${JSON.stringify(all.error_kinds)}`);
  for (const e of errorSamples) console.log(`  error at ${e.at_s} s: ${e.error} ${e.body || ''}`);
  console.log(`  latency from the scheduled time: p50 ${all.p50_ms}  p90 ${all.p90_ms}  p99 ${all.p99_ms}  p99.9 ${all.p999_ms}  max ${all.max_ms} ms;` +
    ` over 200 ms: ${all.over_200ms}, over 400 ms: ${all.over_400ms}`);
  console.log(`  in the server (Server-Timing): p50 ${all.server_p50_ms}  p99 ${all.server_p99_ms}  max ${all.server_max_ms} ms;` +
    ` over 200 ms: ${all.server_over_200ms}, over 400 ms: ${all.server_over_400ms}`);
  printKindTable(kinds);
  console.log('  per minute (by scheduled time):');
  for (const m of perMinute) {
    console.log(`    minute ${m.minute}: ${m.requests} requests, ${m.errors} errors, p50 ${m.p50_ms}  p99 ${m.p99_ms}  max ${m.max_ms} ms;` +
      ` server p50 ${m.server_p50_ms} p99 ${m.server_p99_ms}; p50 by endpoint ${JSON.stringify(m.by_kind_p50_ms)}`);
  }
  const creep = {
    first_minute: { p50_ms: first.p50_ms, p99_ms: first.p99_ms, server_p50_ms: first.server_p50_ms, server_p99_ms: first.server_p99_ms },
    last_minute: { p50_ms: last.p50_ms, p99_ms: last.p99_ms, server_p50_ms: last.server_p50_ms, server_p99_ms: last.server_p99_ms },
    p50_change_pct: first.p50_ms ? r1((100 * (last.p50_ms - first.p50_ms)) / first.p50_ms) : null,
    p99_change_pct: first.p99_ms ? r1((100 * (last.p99_ms - first.p99_ms)) / first.p99_ms) : null,
    server_p50_change_pct: first.server_p50_ms ? r1((100 * (last.server_p50_ms - first.server_p50_ms)) / first.server_p50_ms) : null,
  };
  console.log(`  first vs last minute: p50 ${first.p50_ms} → ${last.p50_ms} ms (${creep.p50_change_pct} %),` +
    ` p99 ${first.p99_ms} → ${last.p99_ms} ms (${creep.p99_change_pct} %), server p50 ${first.server_p50_ms} → ${last.server_p50_ms} ms`);
  console.log(`  server RSS: ${rss.start} MB at the start, ${rss.after_60s} after 60 s, ${rss.end} at the end, max ${rss.max};` +
    ` every 10 s: ${rss.every_10s.join(' ')}`);
  console.log(`  server CPU ${rss.server_cpu_s} s (${rss.server_cpu_pct} % of one core); load generator CPU ` +
    `${((clientCpu.user + clientCpu.system) / 1e6).toFixed(1)} s; connections opened ${sockets}; load average ${load0.join(' ')} → ${loadavg().join(' ')}`);
  return {
    label: opts.label, database: opts.databaseUrl ? 'postgresql' : 'sqlite', rate: opts.rate, connections: opts.connections,
    duration_s: opts.duration, scheduled: total, elapsed_s: r1(elapsedS), ...all, by_kind: kinds, per_minute: perMinute, creep,
    rss_mb: rss, client_cpu_s: r1((clientCpu.user + clientCpu.system) / 1e6), connections_opened: sockets,
    error_samples: errorSamples, loadavg_start: load0, loadavg_end: loadavg(), cores: os.cpus().length,
  };
}

main().catch((e) => {
  console.error(`soak: ${e.stack || e}`);
  cleanUp();
  process.exit(1);
});
