// The app's CPU for one visit of each page, the cost behind the circuits of issue 6's load test. One Chromium tab
// signs in, warms every page up (JIT, caches), then visits each page N times and reads the app's CPU time from
// /proc/<pid>/stat around the visits: by the drawer's link (a visit in the circuit, as five visits in six are in
// load.mjs) and by a fresh load (prerendered, then a new circuit). Each visit ends on the Inbox's link or load, whose
// cost is measured on its own and taken off. Run it against an app of its own, on a core of its own:
//
//   node page-cost.mjs --base http://127.0.0.1:5080 --pid <the app's pid> --email … --password … [--visits 20]
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { withoutAnimations } from './animations.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const visits = Number(args.visits ?? 20);
const ticksPerSecond = 100;
const cpuMs = () => {
  const fields = readFileSync(`/proc/${args.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

const pages = [['/', 'Inbox'], ['/flocks', 'Flocks'], ['/history', 'History'], ['/import', 'Import'], ['/insights', 'Insights'], ['/settings', 'Settings']];
const browser = await chromium.launch({ executablePath: args.chromium ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const context = await browser.newContext({ baseURL: args.base, viewport: { width: 1280, height: 800 } });
context.setDefaultTimeout(60_000);
await withoutAnimations(context);
const page = await context.newPage();
await page.goto('/account/login');
await page.fill('#email', args.email);
await page.fill('#password', args.password);
await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/account')), page.click('button[type=submit]')]);

const shown = (title) => page.waitForFunction((t) => document.title.startsWith(t)
  && document.querySelector('[data-interactive=true]') !== null
  && document.querySelector('.mud-main-content .mud-progress-linear.mud-progress-indeterminate') === null, title);
const byLink = async ([, title]) => {
  await page.locator('.mud-navmenu a.mud-nav-link', { hasText: title }).click();
  await shown(title);
};
const byLoad = async ([path, title]) => {
  await page.goto(path);
  await shown(title);
};

// The app's CPU over n round trips: to the page, then back to the Inbox (whose own cost is measured the same way).
async function measure(visit, target, n) {
  await settle();
  const before = cpuMs();
  for (let i = 0; i < n; i++) {
    await visit(target);
    await settle();
    await visit(pages[0]);
    await settle();
  }
  return (cpuMs() - before) / n;
}

// Warm up: every page by link and by load, three times. Its CPU is the price of a fresh app's first visits (JIT).
const startCpu = cpuMs();
const warmStarted = performance.now();
for (let i = 0; i < 3; i++) {
  for (const target of pages.slice(1)) {
    await byLink(target);
    await byLink(pages[0]);
    await byLoad(target);
  }
  await byLoad(pages[0]);
}

const warmCpu = cpuMs() - startCpu;
const warmSeconds = (performance.now() - warmStarted) / 1000;

// Inbox alone: from another page that costs little (Import) and back, taken as Import + Inbox.
const rows = [];
for (const [kind, visit] of [['link', byLink], ['load', byLoad]]) {
  const importAndInbox = await measure(visit, pages[3], visits);
  for (const target of pages.slice(1)) {
    const roundTrip = target === pages[3] ? importAndInbox : await measure(visit, target, visits);
    rows.push({ kind, page: target[0], roundTrip });
  }
}
await browser.close();

console.log(`Warm-up (every page three times by link and by load, 33 visits): ${(warmCpu / 1000).toFixed(1)} s of app CPU in ${warmSeconds.toFixed(0)} s;` +
  ` the app had used ${(startCpu / 1000).toFixed(1)} s to start and sign in.\n`);
console.log(`App CPU per visit, ${visits} visits each, a round trip being the page and the Inbox after it (ms of CPU):\n`);
console.log('| page | by link: page + Inbox | by load: page + Inbox |');
console.log('|---|---:|---:|');
for (const target of pages.slice(1)) {
  const cell = (kind) => rows.find((r) => r.kind === kind && r.page === target[0]).roundTrip.toFixed(1);
  console.log(`| ${target[0]} | ${cell('link')} | ${cell('load')} |`);
}
