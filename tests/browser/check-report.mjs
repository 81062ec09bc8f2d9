// Opens a findable HTML report in Debian's Chromium and fails unless: the page fetches
// nothing but itself, no script or event handler from the report's content runs (also
// after hovering and clicking every link and every piece of hostile-looking text), and
// axe-core finds no WCAG 2.0/2.1 A or AA violation; with --max-pages N, also unless it
// prints on at most N A4 pages (the length budget of a report or checklist).
//
// Usage: node check-report.mjs REPORT.html [--max-pages N]
//        (CHROMIUM=/path/to/chromium to override)

import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

function fail(message) {
  console.error(`check-report: FAIL: ${message}`);
  process.exit(1);
}

const file = process.argv[2];
if (!file) fail('usage: node check-report.mjs REPORT.html [--max-pages N]');
let maxPages = null;
if (process.argv[3] === '--max-pages') {
  maxPages = Number.parseInt(process.argv[4], 10);
  if (!Number.isInteger(maxPages) || maxPages < 1) fail(`--max-pages needs a number, not ${process.argv[4]}`);
} else if (process.argv[3] !== undefined) {
  fail(`unknown argument ${process.argv[3]}: usage: node check-report.mjs REPORT.html [--max-pages N]`);
}
if (!existsSync(file)) fail(`no such file: ${file}`);
const pageUrl = pathToFileURL(path.resolve(file)).href;
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  fail(`no Chromium at ${executablePath}: apt-get install -y chromium, or set CHROMIUM`);
}

const problems = [];
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
});

try {
  // The page's own Content-Security-Policy is bypassed on purpose: escaping must hold on
  // its own, so a payload that slipped through would run (and fetch) here and be caught.
  // The policy's presence is checked separately below.
  const context = await browser.newContext({ bypassCSP: true, javaScriptEnabled: true });
  const page = await context.newPage();
  let recording = true;
  const requests = [];
  page.on('request', (request) => {
    if (recording) requests.push(request.url());
  });
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('dialog', (dialog) => {
    problems.push(`a dialog opened: ${dialog.type()} ${JSON.stringify(dialog.message())}`);
    dialog.dismiss().catch(() => {});
  });

  await page.goto(pageUrl, { waitUntil: 'load' });
  const pwned = () => page.evaluate(() => typeof window.__pwned !== 'undefined');
  if (await pwned()) problems.push('window.__pwned is set after load: hostile content ran');

  const structure = await page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      scripts: document.querySelectorAll('script').length,
      handlers: all.flatMap((el) =>
        [...el.attributes]
          .filter((a) => a.name.toLowerCase().startsWith('on'))
          .map((a) => `<${el.localName} ${a.name}>`),
      ),
      fetchers: all
        .filter((el) => el.hasAttribute('src') || el.hasAttribute('srcset'))
        .map((el) => `<${el.localName}>`),
      badLinks: [...document.querySelectorAll('a[href]')]
        .map((a) => a.getAttribute('href'))
        .filter((h) => !/^(https?:\/\/|#)/.test(h)),
      csp: document
        .querySelector('meta[http-equiv="Content-Security-Policy"]')
        ?.getAttribute('content'),
    };
  });
  if (structure.scripts) problems.push(`${structure.scripts} <script> element(s) in the page`);
  if (structure.handlers.length) problems.push(`event handlers: ${structure.handlers.join(', ')}`);
  if (structure.fetchers.length) problems.push(`elements that fetch: ${structure.fetchers.join(', ')}`);
  if (structure.badLinks.length) problems.push(`links that are not http(s) or #: ${structure.badLinks.join(', ')}`);
  if (!structure.csp || !structure.csp.includes("default-src 'none'")) {
    problems.push(`missing or weak Content-Security-Policy: ${structure.csp}`);
  }

  // Hover and click every link and every element showing hostile-looking text. Following
  // an http(s) link would leave the page (and fetch), so only that default action is
  // cancelled: handlers and javascript: links would still run and be caught.
  await page.evaluate(() => {
    document.addEventListener(
      'click',
      (event) => {
        const a = event.target.closest && event.target.closest('a[href]');
        if (a && /^https?:/i.test(a.getAttribute('href'))) event.preventDefault();
      },
      true,
    );
  });
  const targets = [
    ...(await page.locator('a').all()),
    ...(await page.getByText(/__pwned|javascript:|onerror|onmouseover/).all()),
  ].slice(0, 400);
  for (const target of targets) {
    try {
      await target.hover({ timeout: 2000 });
      await target.click({ timeout: 2000, noWaitAfter: true });
    } catch (error) {
      problems.push(`could not hover or click ${await target.evaluate((el) => el.outerHTML.slice(0, 80)).catch(() => '?')}: ${error.message.split('\n')[0]}`);
    }
  }
  if (page.url() !== pageUrl && !page.url().startsWith(`${pageUrl}#`)) {
    problems.push(`clicking a link left the page for ${page.url()}`);
  } else if (await pwned()) {
    problems.push('window.__pwned is set after hovering and clicking: hostile content ran');
  }
  if (pageErrors.length) problems.push(`page errors: ${pageErrors.join('; ')}`);

  recording = false;
  const foreign = requests.filter((url) => url.split('#')[0] !== pageUrl);
  if (foreign.length) problems.push(`the page made requests besides itself: ${foreign.join(', ')}`);

  // axe-core is injected only now, after the no-script checks, and is not a page request.
  await page.addScriptTag({ path: require.resolve('axe-core') });
  const results = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    }),
  );
  for (const v of results.violations) {
    const where = v.nodes.slice(0, 5).map((n) => `      ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`);
    problems.push(`axe ${v.id} (${v.impact}): ${v.help} [${v.helpUrl}]\n${where.join('\n')}`);
  }

  // Printed as a person would print it: the page's own print rules, A4.
  let printed = '';
  if (maxPages !== null) {
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
    if (pages < 1) problems.push('the printed PDF has no pages');
    if (pages > maxPages) problems.push(`prints on ${pages} A4 pages, over the budget of ${maxPages}`);
    printed = `, prints on ${pages} of at most ${maxPages} A4 pages`;
  }

  if (!problems.length) {
    console.log(
    `check-report: OK: ${file}: 1 request (the file), no script ran after ${targets.length} hovers and clicks, ` +
        `axe-core ${results.testEngine.version}: 0 violations${printed}`,
    );
  }
} catch (error) {
  problems.push(`the check itself failed: ${error.stack || error}`);
} finally {
  await browser.close();
}
if (problems.length) fail(`${file}\n  - ${problems.join('\n  - ')}`);
