// The load of issue 6: API clients that mix reads and decisions, and Blazor circuits that browse, all at once for a
// fixed time against a running app. Prints a Markdown report and writes the raw figures as JSON beside it.
//
//   node load.mjs --base http://127.0.0.1:5080 --token itk_... --email load@example.com --password '...' \
//                 [--seconds 60] [--clients 50] [--circuits 20] [--think-ms 0] [--warmup 0] [--chromium /usr/bin/chromium] [--json report.json]
//
// With --think-ms 0 every client sends its next request as soon as the last one is answered: the app is saturated and
// latency is how long the queue is. A think time makes each client wait 0 to 2×think-ms between requests or pages,
// as a script pacing itself or a person reading would. A warm-up of W seconds runs the same load first and records
// nothing, so that the figures are the app's steady state rather than its first seconds (JIT, cold caches).
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { withoutAnimations } from './animations.mjs';
import { chromium } from 'playwright-core';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const base = args.base ?? 'http://127.0.0.1:5080';
const seconds = Number(args.seconds ?? 60);
const clients = Number(args.clients ?? 50);
const circuits = Number(args.circuits ?? 20);
const thinkMs = Number(args['think-ms'] ?? 0);
const warmup = Number(args.warmup ?? 0);
const think = () => (thinkMs > 0 ? new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * thinkMs)) : Promise.resolve());
const headers = { Authorization: `Bearer ${args.token}`, 'Content-Type': 'application/json' };
// A request or page slower than this counts as an error.
const timeoutMs = 30_000;

// Every timed request or page, as [group, label, milliseconds, ok, detail].
const samples = [];
let recording = warmup <= 0;
const record = (group, label, ms, ok, detail) => recording && samples.push({ group, label, ms, ok, detail });

async function api(method, path, body) {
  const response = await fetch(base + path, { method, headers, body: body && JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 200)}`);
  return text.length ? JSON.parse(text) : null;
}

async function timed(group, label, action) {
  const start = performance.now();
  try {
    await action();
    record(group, label, performance.now() - start, true);
  } catch (error) {
    record(group, label, performance.now() - start, false, String(error.message ?? error).split('\n')[0]);
  }
}

const pick = (items) => items[Math.floor(Math.random() * items.length)];

// Ids to work with, read once before the clock starts.
console.error('Reading ids…');
const first = await api('GET', '/api/invitations?pageSize=500');
const total = first.total;
const pages = Math.ceil(total / 50);
const invitationIds = [];
for (let page = 1; page <= 20; page++) {
  const batch = await api('GET', `/api/invitations?pageSize=500&page=${1 + Math.floor(Math.random() * Math.ceil(total / 500))}`);
  invitationIds.push(...batch.items.map((i) => i.id));
}
const companies = [...new Set(first.items.map((i) => i.company).filter(Boolean))];
const names = first.items.map((i) => i.senderName.split(' ')[1]).filter(Boolean);
const flocks = (await api('GET', '/api/flocks?status=all')).filter((f) => f.status === 'open' || f.status === 'resolved').map((f) => f.id);
console.error(`${total} invitations, ${flocks.length} flocks to act on; ${clients} API clients and ${circuits} circuits for ${seconds} s, think time ${thinkMs} ms`);

// The mix: about nine reads to one decision, reads weighted towards what the inbox does most.
const reads = [
  [30, 'list, first pages', () => api('GET', `/api/invitations?page=${1 + Math.floor(Math.random() * 20)}&pageSize=50`)],
  [10, 'list, any page', () => api('GET', `/api/invitations?page=${1 + Math.floor(Math.random() * pages)}&pageSize=50`)],
  [8, 'list, pending by name', () => api('GET', `/api/invitations?status=pending&q=${encodeURIComponent(pick(names))}`)],
  [8, 'list, by company', () => api('GET', `/api/invitations?company=${encodeURIComponent(pick(companies))}`)],
  [15, 'one invitation', () => api('GET', `/api/invitations/${pick(invitationIds)}`)],
  // A page of the list, most likely first, as a client of the paged route asks for it (the whole list, 1.4 MB at 1,013
  // flocks, is still what DESIGN.md's unpaged route answers).
  [7, 'flocks, first page', () => api('GET', `/api/flocks?pageSize=50`)],
  [7, 'one flock', () => api('GET', `/api/flocks/${pick(flocks)}`)],
  [5, 'history, first page', () => api('GET', '/api/history?pageSize=50')],
];
const actions = [
  [6, 'decide on invitations', () => api('POST', '/api/invitations/actions', {
    ids: Array.from({ length: 1 + Math.floor(Math.random() * 5) }, () => pick(invitationIds)),
    action: pick(['accept', 'archive', 'not-known', 'restore']),
  })],
  [4, 'decide on a flock', () => api('POST', `/api/flocks/${pick(flocks)}/actions`, { action: pick(['accept', 'archive', 'not-known', 'restore']) })],
];
const mix = [...reads.map((r) => ['API read', ...r]), ...actions.map((a) => ['API action', ...a])];
const weight = mix.reduce((sum, [, w]) => sum + w, 0);
const choose = () => {
  let x = Math.random() * weight;
  for (const entry of mix) if ((x -= entry[1]) < 0) return entry;
  return mix[0];
};

const deadline = Date.now() + (warmup + seconds) * 1000;

async function apiClient() {
  while (Date.now() < deadline) {
    const [group, , label, action] = choose();
    await timed(group, label, action);
    await think();
  }
}

// What people open, by the name of the link in the navigation drawer and the page's title.
const pagesToBrowse = [
  ['/', 'Inbox'], ['/flocks', 'Flocks'], ['/history', 'History'], ['/import', 'Import'], ['/insights', 'Insights'], ['/settings', 'Settings'],
];

// A page is shown when its title is there and it is no longer loading (its indeterminate bar is gone). The settings
// preview is counted after that, beside a form that already works.
async function shown(page, title) {
  await page.waitForFunction((t) => document.title.startsWith(t)
    && document.querySelector('[data-interactive=true]') !== null
    && document.querySelector('.mud-main-content .mud-progress-linear.mud-progress-indeterminate') === null, title);
}

async function circuit(browser, index) {
  // People arrive over the first ten seconds rather than in the same millisecond.
  await new Promise((resolve) => setTimeout(resolve, (index * 10_000) / Math.max(circuits, 1)));
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(timeoutMs);
  await withoutAnimations(context);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const signedIn = await (async () => {
    try {
      await page.goto('/account/login');
      await page.fill('#email', args.email);
      await page.fill('#password', args.password);
      await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/account')), page.click('button[type=submit]')]);
      return true;
    } catch (error) {
      record('Blazor page', 'sign in', 0, false, `circuit ${index}: ${error.message}`);
      return false;
    }
  })();
  // People move between pages with the drawer's links, which keeps the one circuit a tab has; one visit in six is a
  // fresh load (a bookmark, a reload, a new tab), which starts a new circuit. Every visit was a fresh load until
  // 2026-11-26, which made 20 "circuits" a churn of new ones and kept Chromium's 20 renderers busy starting Blazor.
  let fresh = true;
  let here = '/';
  while (signedIn && Date.now() < deadline) {
    // Another page than the one shown: a click on the link of the page one is on goes nowhere and would count as a
    // visit of no time.
    const [path, title] = pick(pagesToBrowse.filter(([p]) => p !== here));
    here = path;
    await timed('Blazor page', path, async () => {
      problems.length = 0;
      if (fresh || Math.random() < 1 / 6) {
        await page.goto(path);
      } else {
        await page.locator('.mud-navmenu a.mud-nav-link', { hasText: title }).click();
      }
      await shown(page, title);
      if (problems.length) throw new Error(problems.join('; '));
    });
    fresh = false;
    await think();
  }

  await context.close();
}

const browser = circuits > 0
  ? await chromium.launch({ executablePath: args.chromium ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] })
  : null;
let loadBefore = loadavg()[0];
let started = performance.now();
if (warmup > 0) {
  setTimeout(() => {
    recording = true;
    loadBefore = loadavg()[0];
    started = performance.now();
  }, warmup * 1000);
}
await Promise.all([
  ...Array.from({ length: clients }, apiClient),
  ...Array.from({ length: circuits }, (_, i) => circuit(browser, i)),
]);
const elapsed = (performance.now() - started) / 1000;
const loadAfter = loadavg()[0];
await browser?.close();

// Nearest-rank percentiles over the samples that succeeded.
const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const summarise = (group, label) => {
  const chosen = samples.filter((s) => s.group === group && (label === undefined || s.label === label));
  const ok = chosen.filter((s) => s.ok).map((s) => s.ms).sort((a, b) => a - b);
  return { group, label: label ?? 'all', count: chosen.length, errors: chosen.length - ok.length,
    p50: percentile(ok, 50), p99: percentile(ok, 99), max: ok.at(-1) ?? NaN, perSecond: chosen.length / elapsed };
};
const rows = [];
for (const group of ['API read', 'API action', 'Blazor page']) {
  rows.push(summarise(group));
  for (const label of [...new Set(samples.filter((s) => s.group === group).map((s) => s.label))].sort()) rows.push(summarise(group, label));
}

console.log(`${clients} API clients, ${circuits} circuits, think time ${thinkMs} ms, ${elapsed.toFixed(0)} s after a warm-up of ${warmup} s; ${total} invitations; ` +
  `load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after (2 cores)\n`);
const ms = (value) => (Number.isNaN(value) ? '–' : `${value.toFixed(1)} ms`);
console.log(`| what | requests | errors | per second | p50 | p99 | max |`);
console.log(`|---|---:|---:|---:|---:|---:|---:|`);
for (const r of rows) {
  const name = r.label === 'all' ? `**${r.group}, all**` : `${r.group}: ${r.label}`;
  console.log(`| ${name} | ${r.count} | ${r.errors} | ${r.perSecond.toFixed(1)} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} |`);
}

const errors = samples.filter((s) => !s.ok);
if (errors.length) {
  console.log(`\nFirst errors:\n${[...new Set(errors.map((e) => `- ${e.group} ${e.label}: ${e.detail}`))].slice(0, 10).join('\n')}`);
}

if (args.json) writeFileSync(args.json, JSON.stringify({ seconds: elapsed, warmup, clients, circuits, thinkMs, total, loadBefore, loadAfter, rows }, null, 2));
process.exitCode = errors.length ? 1 : 0;
