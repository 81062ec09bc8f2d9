// Drives `findable serve` in Debian's Chromium as a teacher would, against fake platforms
// and a fake SearXNG on 127.0.0.1 (the `fake_sites` example): the form with a bad
// username first, three apps ticked, answers with Back and Skip, the tab closed and opened
// again (with JavaScript off from then on, so the rest works without it), progress, one
// "Is this you?", the report, the printable checklist, the incident steps, and Finish.
// Every page: 0 axe-core violations, every control reachable with Tab, screenshots at
// 390 px and 1280 px wide; and no request goes anywhere but the page's own server.
//
// Usage: node serve-flow.mjs FINDABLE FAKE_SITES OUT_DIR   (CHROMIUM=/path to override)

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core'), 'utf8');

function fail(message) {
  console.error(`serve-flow: FAIL: ${message}`);
  process.exit(1);
}

const [findableBin, fakeBin, outDir] = process.argv.slice(2);
if (!outDir) fail('usage: node serve-flow.mjs FINDABLE FAKE_SITES OUT_DIR');
for (const bin of [findableBin, fakeBin]) if (!existsSync(bin)) fail(`no such program: ${bin}`);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(executablePath)) fail(`no Chromium at ${executablePath}: apt-get install -y chromium, or set CHROMIUM`);
mkdirSync(outDir, { recursive: true });

/** The first line of `stream` that matches `pattern`, within `ms`. */
function lineMatching(stream, pattern, ms = 60000) {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`nothing matching ${pattern} within ${ms} ms`)), ms);
    stream.on('data', (chunk) => {
      buffered += chunk;
      const found = buffered.split('\n').find((line) => pattern.test(line));
      if (found) {
        clearTimeout(timer);
        resolve(found.match(pattern)[0]);
      }
    });
  });
}

const work = mkdtempSync(path.join(os.tmpdir(), 'findable-serve-flow-'));
const fake = spawn(fakeBin, [path.join(work, 'checks')], { stdio: ['pipe', 'pipe', 'inherit'] });
const sites = JSON.parse(await lineMatching(fake.stdout, /^\{.*\}$/));
const serve = spawn(
  findableBin,
  ['serve', '--no-open', '--checks', sites.checks, '--searxng', sites.searxng,
    '--max-usernames', '2', '--max-queries', '3', '--timeout', '20'],
  {
    // A data folder of its own, so no real answers are read or written.
    env: { ...process.env, XDG_DATA_HOME: path.join(work, 'data'), NO_PROXY: '*', no_proxy: '*' },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
let served = '';
serve.stdout.on('data', (chunk) => { served += chunk; });
const exited = new Promise((resolve) => serve.on('exit', (code) => resolve(code)));
const base = await lineMatching(serve.stdout, /http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{64}\//);
const origin = new URL(base).origin;

const problems = [];
const requests = [];
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const policies = new Set();
const watched = (context, teacher = true) => {
  context.on('request', (request) => requests.push(request.url()));
  context.on('response', (response) => {
    if (teacher && response.request().resourceType() === 'document') {
      policies.add(response.headers()['content-security-policy'] || '(none)');
    }
  });
  return context;
};
const withScript = watched(await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true }));
const noScript = watched(await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false, acceptDownloads: true }));
// Where each page is checked: a fresh load of the same address (pages are GETs that only
// read). axe-core is added here only; the page's own script is held back so it cannot
// move on while a page is being checked.
const checker = watched(await browser.newContext({ bypassCSP: true }), false);
await checker.route('**/live.js', (route) => route.abort());

let shots = 0;
const inspected = [];
/** axe-core, Tab through every control, and screenshots, for the page the teacher has
 * in front of them (`shown`, its address and the page itself, as it was drawn). */
async function inspect(name, shown) {
  const url = shown.url();
  // The page as the teacher saw it, not a reload: the audit may have moved on since.
  const html = await shown.content();
  const page = await checker.newPage();
  try {
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await page.goto(url, { waitUntil: 'load' });
    const policy = await page.evaluate(() =>
      document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'));
    if (!policy || !policy.includes("default-src 'none'")) problems.push(`${name}: weak or missing Content-Security-Policy: ${policy}`);
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
      shots += 1;
      await page.screenshot({ path: path.join(outDir, `${String(shots).padStart(2, '0')}-${name}-${width}.png`), fullPage: true });
    }
    await page.evaluate(axeSource);
    const results = await page.evaluate(() =>
      window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      }));
    for (const v of results.violations) {
      const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ');
      problems.push(`${name}: axe ${v.id} (${v.impact}): ${v.help}: ${where}`);
    }
    // Every control, one per radio group (Tab goes to the group, arrows move in it).
    const wanted = await page.evaluate(() => {
      const controls = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea')]
        .filter((el) => el.getClientRects().length > 0);
      const keys = [];
      controls.forEach((el, i) => {
        const key = el.type === 'radio' ? `radio:${el.name}` : `${el.localName}#${i}`;
        el.dataset.kbd = key;
        if (!keys.includes(key)) keys.push(key);
      });
      return keys;
    });
    const reached = new Set();
    for (let i = 0; i < wanted.length + 5; i += 1) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => document.activeElement && document.activeElement.dataset.kbd));
    }
    const missed = wanted.filter((key) => !reached.has(key));
    if (missed.length) problems.push(`${name}: Tab never reaches ${missed.join(', ')}`);
    inspected.push(`${name} (${wanted.length} controls)`);
  } catch (error) {
    problems.push(`${name}: the check failed: ${error.message.split('\n')[0]}`);
  } finally {
    await page.close();
  }
}

async function click(page, role, name) {
  await Promise.all([page.waitForLoadState('load'), page.getByRole(role, { name, exact: false }).first().click()]);
}
const has = async (page, role, name) => (await page.getByRole(role, { name }).count()) > 0;
const text = (page) => page.locator('main').innerText();

try {
  // About you, with a username no platform allows first.
  let page = await withScript.newPage();
  await page.goto(base);
  await inspect('about', page);
  await page.getByLabel('Your name, as used at work').fill('Jane Smith');
  await page.getByLabel('How pupils address you').fill('Ms');
  await page.getByLabel('Your school').fill('Oakwood Academy');
  await page.getByLabel('The town you live or work in').fill('Leeds');
  await page.getByLabel('Usernames you use').fill('jane smith');
  await click(page, 'button', 'Start');
  const error = 'username "jane smith" is not valid: usernames cannot contain spaces';
  if (!(await text(page)).includes(error)) problems.push(`the bad username was not said: ${await text(page)}`);
  if ((await page.getByLabel('Your school').inputValue()) !== 'Oakwood Academy') problems.push('the form lost what was typed');
  await inspect('about-error', page);
  await page.getByLabel('Usernames you use').fill('fakegram:jsmith_real');
  await click(page, 'button', 'Start');

  // Three apps.
  if (!(await has(page, 'heading', 'Which of these do you use?'))) problems.push(`no apps question: ${await text(page)}`);
  await inspect('apps', page);
  for (const app of ['Fakegram', 'Slowgram', 'Walled']) await page.getByLabel(app, { exact: true }).check();
  await click(page, 'button', 'Continue');

  // The first setting, with the progress moving in the background.
  if (!(await text(page)).includes('Question 1 of')) problems.push(`no first question: ${await text(page)}`);
  await inspect('question', page);
  // The page's script moves the progress line on as the checks report back.
  const before = await page.locator('#live').innerText();
  if (!/all \d+ checked/.test(before)) {
    await page
      .waitForFunction((was) => document.getElementById('live').textContent !== was, before, { timeout: 20000 })
      .catch(() => problems.push(`the progress line did not move from: ${before}`));
  }
  await page.getByLabel(/the safe setting/).check();
  await click(page, 'button', 'Save and continue');
  if (!(await text(page)).includes('✓ Safe: nothing to change.')) problems.push('no line after the answer');
  await inspect('question-2', page);
  await click(page, 'button', 'Back');
  if (!(await page.getByLabel(/the safe setting/).isChecked())) problems.push('Back did not keep the answer given');
  await page.getByLabel(/needs changing/).check();
  await click(page, 'button', 'Save and continue');
  if (!(await text(page)).includes('✗ To change')) problems.push('no line after the unsafe answer');
  await click(page, 'button', 'Skip Fakegram for now');
  const waiting = await page.locator('p.step').innerText();

  // The tab closed, then opened again with JavaScript off: the same question is there.
  await page.close();
  page = await noScript.newPage();
  await page.goto(base);
  const resumed = await page.locator('p.step').innerText().catch(() => '(none)');
  if (resumed !== waiting) problems.push(`not resumed: was "${waiting}", now "${resumed}"`);

  // Everything else, without JavaScript: safe answers, "no" to more, one result claimed.
  let reviewed = 0;
  let progressSeen = false;
  for (let i = 0; i < 120; i += 1) {
    if (await has(page, 'heading', 'Your report is ready')) break;
    if (await has(page, 'button', 'Yes, this is me')) {
      if (reviewed === 0) await inspect('review', page);
      await click(page, 'button', reviewed === 0 ? 'Yes, this is me' : 'Not sure');
      reviewed += 1;
    } else if ((await page.getByRole('radio').count()) > 0) {
      await page.getByLabel(/the safe setting/).check();
      await click(page, 'button', 'Save and continue');
    } else if (await has(page, 'button', 'No, move on')) {
      await click(page, 'button', 'No, move on');
    } else if (await has(page, 'button', 'No: leave it')) {
      await inspect('skipped-offer', page);
      await click(page, 'button', 'No: leave it');
    } else if (await has(page, 'button', 'No')) {
      await click(page, 'button', 'No');
    } else if (await has(page, 'link', 'Refresh')) {
      if (!progressSeen) await inspect('checking', page);
      progressSeen = true;
      await page.waitForTimeout(500);
      await click(page, 'link', 'Refresh');
    } else {
      problems.push(`a page with nothing to do: ${await text(page)}`);
      break;
    }
  }
  if (!reviewed) problems.push('"Is this you?" was never asked');

  // The report, and what it offers.
  if (!(await has(page, 'heading', 'Your report is ready'))) throw new Error(`no report: ${await text(page)}`);
  await inspect('report', page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Save the report' }).click()]);
  if (!/^findable-report-\d{4}-\d\d-\d\d\.html$/.test(download.suggestedFilename())) problems.push(`report saved as ${download.suggestedFilename()}`);
  await download.saveAs(path.join(outDir, 'saved-report.html'));
  await click(page, 'link', 'Printable checklist');
  await inspect('checklist', page);
  await page.goto(base);
  await click(page, 'link', 'If something is abusive');
  await inspect('incident', page);
  await page.getByLabel(/An account pretending to be me/).check();
  await page.getByLabel('Where is it?').selectOption({ label: 'Fakegram' });
  await page.getByLabel('A pupil', { exact: true }).check();
  await page.getByLabel(/The address of the post/).fill('https://fakegram.example/u/fake_mrs_smith');
  await click(page, 'button', 'Show me the steps');
  if (!(await text(page)).includes('The steps, in order')) problems.push('no incident steps');
  await inspect('incident-steps', page);
  await page.goto(base);
  await click(page, 'button', 'Finish and close findable');
  if (!(await text(page)).includes('findable has closed')) problems.push('Finish did not say so');
  await page.screenshot({ path: path.join(outDir, `${String(shots + 1).padStart(2, '0')}-closed-390.png`), fullPage: true });
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 20000))]);
  if (code !== 0) problems.push(`findable serve did not stop cleanly after Finish: ${code}`);
} catch (error) {
  problems.push(`the flow failed: ${error.stack || error}`);
} finally {
  await browser.close();
  serve.kill();
  fake.stdin.end();
  fake.kill();
  rmSync(work, { recursive: true, force: true });
}

for (const policy of policies) {
  if (!policy.startsWith("default-src 'none'")) problems.push(`a page was served without a strict policy: ${policy}`);
}
const foreign = [...new Set(requests.filter((url) => !url.startsWith(`${origin}/`)))];
if (foreign.length) problems.push(`requests to other origins: ${foreign.join(', ')}`);
if (problems.length) fail(`\n  - ${problems.join('\n  - ')}\n(findable serve said: ${served.trim()})`);
console.log(
  `serve-flow: OK: ${inspected.length} pages, 0 axe-core violations, every control reached with Tab: ${inspected.join(', ')}; ` +
    `${requests.length} requests, all to ${origin}; ${shots} screenshots in ${outDir}`,
);
