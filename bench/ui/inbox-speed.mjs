// Times the inbox's first page and its paging in Debian's Chromium; run.sh prepares the store and the app.
import { chromium } from "playwright-core";

const base = process.env.BASE;
const runs = Number(process.env.RUNS ?? 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
const page = await browser.newPage({ baseURL: base, viewport: { width: 1280, height: 900 } });
await page.goto("/account/login");
await page.fill("#email", "bench@example.com");
await page.fill("#password", "a long enough password");
await page.click("button[type=submit]");
await page.waitForSelector("[data-interactive=true]");

const row = '[data-testid=inbox-grid] [data-testid=sender]';
const firstPage = [];
for (let i = 0; i < runs + 1; i++) {
    const started = performance.now();
    await page.goto("/");
    await page.waitForSelector(row, { timeout: 60_000 });
    if (i > 0) firstPage.push(performance.now() - started); // the first run warms the server's caches and JIT
}

const paging = [];
for (let i = 0; i < runs + 1; i++) {
    const before = await page.locator(row).first().textContent();
    const started = performance.now();
    await page.getByRole("button", { name: /next page/i }).click();
    await page.waitForFunction(([selector, text]) => document.querySelector(selector)?.textContent !== text, [row, before], { timeout: 60_000 });
    if (i > 0) paging.push(performance.now() - started);
}

await browser.close();
const ms = (x) => `${Math.round(x)} ms`;
console.log(`| measure (${Number(process.env.INVITATIONS).toLocaleString("en")} invitations stored) | runs | median | worst | target |`);
console.log("|---|---:|---:|---:|---:|");
console.log(`| inbox first page, navigation to first row | ${runs} | ${ms(median(firstPage))} | ${ms(max(firstPage))} | 1,500 ms |`);
console.log(`| next page, click to new rows | ${runs} | ${ms(median(paging))} | ${ms(max(paging))} | 300 ms |`);
// "Within 1.5 s" and "at most 300 ms" (issue 5) are read as every run, so the worst run decides.
const missed = max(firstPage) > 1500 || max(paging) > 300;
process.exit(missed ? 1 : 0);
