// The release build under /berth/ served the way docs/deploy.md says to serve it: with the
// build's own `_headers` (Content-Security-Policy and cache rules). The whole questionnaire
// runs to a recommendation without a single CSP violation or console error.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, PREFIX, chromiumPath, distDir, walkToResults, startWidget } from './harness.mjs';
import { startServerWithHeaders } from './lib/static-server-with-headers.mjs';
import { CACHE_IMMUTABLE, CSP, CSP_HEADER_MINIMAL, CSP_META, cspHash, withInlineHashes } from '../../scripts/pwa/post-build.mjs';

/** The release index.html's inline stylesheet: the file it was copied from, and its text. */
function inlineStylesheet(dist) {
  const match = /<style data-file=([\w.-]+)>([\s\S]*?)<\/style>/.exec(readFileSync(path.join(dist, 'index.html'), 'utf8'));
  assert.ok(match, 'index.html has the stylesheet inline');
  return { file: match[1], css: match[2] };
}

/** The release index.html's inline boot script. */
function inlineBoot(dist) {
  const match = /<script type=module data-boot>([\s\S]*?)<\/script>/.exec(readFileSync(path.join(dist, 'index.html'), 'utf8'));
  assert.ok(match, 'index.html has the boot script inline');
  return match[1];
}

/** The policy index.html is served with: the site's, allowing its inline stylesheet and boot script. */
function pagePolicy(dist, policy = CSP) {
  return withInlineHashes(policy, { styleHash: cspHash(inlineStylesheet(dist).css), scriptHash: cspHash(inlineBoot(dist)) });
}

/** A context whose server sends `policy` as index.html's Content-Security-Policy header. */
async function withPolicyHeader(context, policy) {
  await context.route(/\/berth\/(index\.html)?$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
  });
}

/** Opens a page that records CSP violations, console errors and uncaught exceptions. */
async function openRecorded(browser, url, { policy } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (policy) await withPolicyHeader(context, policy);
  const seen = { violations: [], consoleErrors: [], consoleWarnings: [], pageErrors: [] };
  await context.exposeBinding('__berthTestViolation', (_source, v) => seen.violations.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__berthTestViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') seen.consoleErrors.push(m.text());
    if (m.type() === 'warning') seen.consoleWarnings.push(m.text());
  });
  page.on('pageerror', (e) => seen.pageErrors.push(String(e)));
  const response = await page.goto(url, { waitUntil: 'load' });
  return { context, page, response, seen };
}

const allProblems = (seen) => [
  ...seen.violations.map((v) => `CSP violation: ${v}`),
  ...seen.consoleErrors.map((t) => `console error: ${t}`),
  ...seen.pageErrors.map((t) => `uncaught: ${t}`),
];

describe('strict Content-Security-Policy', () => {
  let server;
  let browser;
  const dist = distDir();
  before(async () => {
    server = await startServerWithHeaders({ dir: dist, prefix: PREFIX });
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the policy has no unsafe-inline and no unsafe-eval beyond wasm-unsafe-eval', () => {
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    const meta = /<meta http-equiv=Content-Security-Policy content="([^"]*)">/.exec(html)?.[1];
    assert.equal(meta, pagePolicy(dist, CSP_META), "the page's <meta> allows its inline stylesheet and boot script by hash");
    for (const policy of [CSP, CSP_META, meta]) {
      assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|\*/);
      assert.match(policy, /script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')? 'wasm-unsafe-eval'/);
      assert.match(policy, /default-src 'none'/);
    }
    assert.match(CSP, /frame-ancestors 'none'/);
    const deploy = readFileSync(new URL('../../docs/deploy.md', import.meta.url), 'utf8');
    assert.ok(deploy.includes(withInlineHashes(CSP_META, { styleHash: 'sha256-…', scriptHash: 'sha256-…' })), "docs/deploy.md quotes the page's policy");
    assert.ok(deploy.includes(`add_header Content-Security-Policy "${CSP_HEADER_MINIMAL}"`), 'docs/deploy.md gives nginx the header');
  });

  test("the stylesheet is inline, exactly its file's text, and not precached", () => {
    const { file, css } = inlineStylesheet(dist);
    assert.match(file, /^style-[0-9a-f]{1,16}\.css$/);
    assert.equal(css, readFileSync(path.join(dist, file), 'utf8'));
    assert.ok(css.length > 1000, 'the whole stylesheet');
    assert.doesNotMatch(readFileSync(path.join(dist, 'index.html'), 'utf8'), /<link[^>]*rel=("?)stylesheet\1/, 'no stylesheet link');
    assert.doesNotMatch(readFileSync(path.join(dist, 'sw.js'), 'utf8'), new RegExp(file.replace(/\./g, '\\.')));
    // The boot script's fallback loads that file, checked against its SRI hash: inline,
    // and in the boot's own file, which runs when the inline boot was refused too.
    const boot = /<script type=module src=[^ >]*\/(boot-[0-9a-f]{16}\.js)/.exec(readFileSync(path.join(dist, 'index.html'), 'utf8'))[1];
    const fallback = /boot-fallback-[0-9a-f]{16}\.js/.exec(readFileSync(path.join(dist, boot), 'utf8'))[0];
    const sri = `sha384-${createHash('sha384').update(readFileSync(path.join(dist, file))).digest('base64')}`;
    for (const text of [inlineBoot(dist), readFileSync(path.join(dist, fallback), 'utf8')]) {
      assert.ok(text.includes(file) && text.includes(sri), `the boot loads ${file} with its SRI hash if need be`);
    }
    assert.doesNotMatch(readFileSync(path.join(dist, 'sw.js'), 'utf8'), new RegExp(fallback.replace(/\./g, '\\.')), 'nor its file');
  });

  test('the one inline script is the boot, also shipped as a file; every integrity attribute matches its file', () => {
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length >= 3, 'the boot (inline and its file) and service worker scripts');
    const inline = scripts.filter(([, attrs]) => !/\bsrc=/.test(attrs));
    assert.deepEqual(inline.map(([, attrs]) => attrs), [' type=module data-boot'], 'only the boot is inline');
    for (const [, attrs, body] of scripts) {
      if (/\bsrc=/.test(attrs)) assert.equal(body.trim(), '');
    }
    // Its file runs when the inline copy was refused, and does nothing otherwise.
    const file = /<script type=module src=[^ >]*\/(boot-[0-9a-f]{16}\.js)/.exec(html)[1];
    const fileText = readFileSync(path.join(dist, file), 'utf8');
    assert.ok(html.indexOf(inlineBoot(dist)) < html.indexOf(file), 'the inline copy runs first');
    for (const text of [inlineBoot(dist), fileText]) assert.match(text, /data-boot/);
    assert.doesNotMatch(html, /wasmBindings/);
    const tags = [...html.matchAll(/<(?:script|link)\b[^>]*\bintegrity=("?)(sha384-[^" >]+)\1[^>]*>/g)];
    assert.ok(tags.length >= 3, `SRI on the boot and pwa scripts and the glue's modulepreload, found ${tags.length}`);
    for (const [tag, , integrity] of tags) {
      const href = /\b(?:src|href)=("?)([^" >]+)\1/.exec(tag)[2];
      const file = path.join(dist, href.slice(PREFIX.length));
      const digest = `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
      assert.equal(integrity, digest, `integrity of ${href}`);
    }
  });

  test('headers: CSP on the page, application/wasm, immutable hashed assets, revalidated HTML, sw.js and manifest', async () => {
    const get = async (rel) => {
      const response = await fetch(`${server.url}${rel}`);
      await response.arrayBuffer();
      assert.equal(response.status, 200, rel);
      return response.headers;
    };
    const policy = pagePolicy(dist);
    const index = await get('');
    assert.equal(index.get('content-security-policy'), policy);
    assert.equal(index.get('cache-control'), 'no-cache');
    assert.equal((await get('index.html')).get('content-security-policy'), policy);
    for (const rel of ['sw.js', 'manifest.webmanifest', 'widget.js']) {
      assert.equal((await get(rel)).get('cache-control'), 'no-cache', rel);
    }
    const hashed = readFileSync(path.join(dist, 'index.html'), 'utf8').match(/[\w-]+-[0-9a-f]{8,16}(?:_bg)?\.(?:js|css|wasm)/g);
    assert.ok(hashed.length >= 4);
    for (const rel of new Set(hashed)) {
      const headers = await get(rel);
      assert.equal(headers.get('cache-control'), CACHE_IMMUTABLE, rel);
      if (rel.endsWith('.wasm')) assert.equal(headers.get('content-type'), 'application/wasm');
    }
  });

  test('the whole questionnaire, results, compare and about pages raise no CSP violation', async () => {
    const { context, page, response, seen } = await openRecorded(browser, server.url);
    try {
      assert.equal(response.headers()['content-security-policy'], pagePolicy(dist));
      await page.locator('h1', { hasText: 'Berth' }).first().waitFor();
      assert.equal(await page.evaluate(() => typeof window.wasmBindings), 'undefined', 'no window.wasmBindings');
      await walkToResults(page, 'event_worker');
      assert.ok((await page.locator('#top-pick-title, #nothing-fits-title').count()) > 0, 'a recommendation');
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: /Download report/ }).click();
      assert.match((await download).suggestedFilename(), /\.md$/);
      for (const hash of ['#/compare', '#/about', '#/questionnaire']) {
        await page.evaluate((h) => {
          window.location.hash = h;
        }, hash);
        await page.locator('#page-title').waitFor();
        await page.locator('.lazy-page').waitFor({ state: 'detached' });
      }
      await page.waitForLoadState('networkidle');
      assert.deepEqual(allProblems(seen), []);
    } finally {
      await context.close();
    }
  });

  test("a server that sends only frame-ancestors (docs/deploy.md's nginx and CloudFront): styled inline, no violation", async () => {
    const { context, page, response, seen } = await openRecorded(browser, server.url, { policy: CSP_HEADER_MINIMAL });
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    try {
      assert.equal(response.headers()['content-security-policy'], CSP_HEADER_MINIMAL);
      await page.locator('html[data-live]').waitFor();
      await walkToResults(page, 'event_worker');
      const styled = await page.evaluate(() => ({
        sheet: Boolean(document.querySelector('style[data-file]')?.sheet?.cssRules.length),
        links: document.querySelectorAll('link[rel=stylesheet]').length,
        skip: getComputedStyle(document.querySelector('.skip')).position,
      }));
      assert.deepEqual(styled, { sheet: true, links: 0, skip: 'absolute' });
      assert.deepEqual(requests.filter((u) => /\/style-[0-9a-f]+\.css$/.test(u)), [], 'no stylesheet file fetched');
      assert.deepEqual(allProblems(seen), []);
    } finally {
      await context.close();
    }
  });

  test("a server whose policy lacks this build's hashes: the page loads the stylesheet and starts from their files, and says what to change", async () => {
    const { context, page, seen } = await openRecorded(browser, server.url, { policy: CSP });
    const warnings = seen.consoleWarnings;
    try {
      await page.locator('html[data-live]').waitFor();
      const { file } = inlineStylesheet(dist);
      await page.waitForFunction(() => getComputedStyle(document.querySelector('.skip')).position === 'absolute');
      const links = await page.evaluate(() => [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => l.href));
      assert.deepEqual(links, [`${server.url}${file}`]);
      assert.deepEqual(
        seen.violations.map((v) => v.split(' ')[0]).sort(),
        ['script-src-elem', 'style-src-elem'],
        'only the inline stylesheet and boot script are refused',
      );
      assert.deepEqual(seen.pageErrors, []);
      assert.ok(warnings.some((w) => w.includes(file) && w.includes('_headers')), `a warning that says what to change: ${warnings}`);
      assert.ok(warnings.some((w) => w.includes('inline start-up script') && w.includes('_headers')), `and for the script: ${warnings}`);
    } finally {
      await context.close();
    }
  });

  test('the iframe embed page runs under its own policy', async () => {
    const { context, page, response, seen } = await openRecorded(browser, `${server.url}embed.html?archetype=batch_job`);
    try {
      assert.match(response.headers()['content-security-policy'], /frame-ancestors \*/);
      await startWidget(page.locator('berth-advisor'));
      assert.deepEqual(allProblems(seen), []);
    } finally {
      await context.close();
    }
  });
});
