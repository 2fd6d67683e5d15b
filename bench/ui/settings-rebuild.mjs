// The web app's memory through a rebuild a member can start (issue 7): sign in, open Settings, change one detection
// number (the preview counts it), "Save and detect again" (SettingsService rebuilds the member's flocks), and read the
// app's VmHWM and VmRSS from /proc at each step. There is no "rebuild everyone" in the web app; that is the CLI's
// `detect --all`. Usage: BASE=http://127.0.0.1:PORT APP_PID=PID EMAIL=… PASSWORD=… node bench/ui/settings-rebuild.mjs
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const base = process.env.BASE;
const pid = process.env.APP_PID;
const memory = (step) => {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, "m"))[1]);
    console.log(`${step}: VmHWM ${Math.round(kb("VmHWM") / 1024)} MB, VmRSS ${Math.round(kb("VmRSS") / 1024)} MB`);
};

// The button reads "Saving and detecting again…" from the click until the rebuild is done; then the snackbar says so.
async function saveAndDetect() {
    // The snackbar of the save before may still cover the button (a pointer click timed out on it); a click event
    // dispatched on the button itself reaches Blazor all the same.
    await page.locator("[data-testid=save-detection]").dispatchEvent("click");
    memory("save clicked");
    await page.waitForFunction(() => !document.querySelector("[data-testid=save-detection]")?.textContent?.includes("Saving"), null, { timeout: 600_000 });
    await page.getByText("Saved. Your flocks were detected again", { exact: false }).first().waitFor({ timeout: 600_000 });
}

memory("app started");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
const page = await browser.newPage({ baseURL: base, viewport: { width: 1280, height: 900 } });
page.setDefaultTimeout(600_000);
await page.goto("/account/login");
await page.fill("#email", process.env.EMAIL);
await page.fill("#password", process.env.PASSWORD);
await page.click("button[type=submit]");
await page.waitForSelector("[data-interactive=true]", { timeout: 120_000 });
await page.waitForSelector("[data-testid=inbox-grid] [data-testid=sender]", { timeout: 120_000 });
memory("signed in, inbox shown");

// The page is prerendered without its preview, which is counted once the circuit is interactive ("Counting…" until
// then): a change typed before that cancels it, so wait for the count.
let started = performance.now();
await page.goto("/settings");
await page.waitForSelector("[data-interactive=true]");
await page.waitForSelector("[data-testid=preview-text]");
console.log(`settings page to its preview: ${((performance.now() - started) / 1000).toFixed(1)} s`);
memory("settings shown, current preview counted");

const senders = page.getByLabel("Senders N");
const before = Number(await senders.inputValue());
await senders.fill(String(before + 1));
await senders.press("Tab");
started = performance.now();
await page.waitForSelector("[data-testid=preview-text]", { state: "detached", timeout: 10_000 }).catch(() => {});
await page.waitForSelector("[data-testid=preview-text]");
console.log(`preview of the change: ${((performance.now() - started) / 1000).toFixed(1)} s, field now ${await senders.inputValue()}`);
memory(`Senders N ${before} -> ${before + 1}, preview counted`);

started = performance.now();
await saveAndDetect();
console.log(`save and detect again: ${((performance.now() - started) / 1000).toFixed(1)} s`);
memory("after the rebuild");

// And back, so that a second rebuild shows whether the peak grows or stays.
await senders.fill(String(before));
await senders.press("Tab");
await page.waitForSelector("[data-testid=preview-text]", { state: "detached", timeout: 10_000 }).catch(() => {});
await page.waitForSelector("[data-testid=preview-text]");
started = performance.now();
await saveAndDetect();
console.log(`second save and detect again: ${((performance.now() - started) / 1000).toFixed(1)} s`);
memory("after the second rebuild");
await browser.close();
