// The manifests worker: the starter-manifest generators are a wasm of their own
// (src/bin/berth_manifests.rs), left out of the first visit and started in a Web Worker
// when the manifests view opens (src/ui/hooks/use_manifest_worker.rs). Checked here: the
// build's files, what a first visit fetches, the view with the worker (files, errors,
// ZIP, one worker per app), a worker that cannot start, and the widget embedded on
// another origin, which loads the worker from its own asset base.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, PREFIX, appRendered, chromiumPath, distDir, globRegExp, globsFrom, pageShown, startWidget } from './harness.mjs';
import { startServerWithHeaders } from './lib/static-server-with-headers.mjs';
import { CSP, WORKER_SCRIPT, isWorkerFile } from '../../scripts/pwa/post-build.mjs';

/** A request for one of the worker's files (its start script, JS glue or wasm). */
const isWorkerUrl = (url) => isWorkerFile(new URL(url).pathname.split('/').pop());

describe('manifests worker', () => {
  const dist = distDir();
  let server;
  let browser;
  before(async () => {
    server = await startServerWithHeaders({ dir: dist, prefix: PREFIX });
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A fresh context recording requests, CSP violations and errors. */
  async function context(options = {}) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...options });
    const seen = { requests: [], violations: [], errors: [] };
    await ctx.exposeBinding('__berthTestViolation', (_s, v) => seen.violations.push(v));
    await ctx.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__berthTestViolation(`${e.violatedDirective}: ${e.blockedURI || 'inline'}`),
      );
    });
    const page = await ctx.newPage();
    // The page's own requests, its dedicated workers' included (not a service worker's).
    page.on('request', (r) => seen.requests.push(r.url()));
    page.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
    page.on('pageerror', (e) => seen.errors.push(String(e)));
    return { ctx, page, seen };
  }

  test('the build has the worker files, and index.html neither loads nor preloads them', async () => {
    const files = readdirSync(dist);
    const worker = files.filter(isWorkerFile).sort();
    assert.equal(worker.length, 3, `the worker script, JS and wasm: ${worker.join(', ')}`);
    assert.ok(worker.includes(WORKER_SCRIPT));
    const glue = worker.find((f) => /^berth-manifests-[0-9a-f]{16}\.js$/.test(f));
    const wasm = worker.find((f) => /^berth-manifests-[0-9a-f]{16}_bg\.wasm$/.test(f));
    assert.ok(glue && wasm, 'content-hashed JS and wasm');
    const script = readFileSync(path.join(dist, WORKER_SCRIPT), 'utf8');
    assert.ok(script.includes(glue) && script.includes(wasm), `${WORKER_SCRIPT} loads this build's files`);
    assert.doesNotMatch(readFileSync(path.join(dist, 'index.html'), 'utf8'), /berth-manifests/);
    // Precached by the service worker, so the manifests view works offline.
    const precache = JSON.parse(/const PRECACHE = (\[[\s\S]*?\]);/.exec(readFileSync(path.join(dist, 'sw.js'), 'utf8'))[1]);
    for (const f of worker) assert.ok(precache.includes(f), `sw.js precaches ${f}`);
    // `./x size` lists exactly these as loaded on demand.
    const globs = globsFrom('BERTH_SIZE_ON_DEMAND_FILES');
    if (globs.length) {
      const listed = files.filter((f) => globs.some((g) => globRegExp(g).test(f))).sort();
      assert.deepEqual(listed, worker, "the size report's on-demand files are the worker's");
    }
  });

  test('a first visit to the questionnaire does not request the worker files; the service worker precaches them afterwards', async () => {
    const { ctx, page, seen } = await context();
    try {
      await page.goto(server.url, { waitUntil: 'load' });
      await appRendered(page);
      await page.locator('#page-title', { hasText: 'Questionnaire' }).waitFor();
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => navigator.serviceWorker.ready);
      await page.waitForLoadState('networkidle');
      assert.deepEqual(seen.requests.filter(isWorkerUrl), [], 'the page fetched none of the worker files');
      const cached = await page.evaluate(async () => {
        const out = [];
        for (const name of await caches.keys()) out.push(...(await (await caches.open(name)).keys()).map((r) => r.url));
        return out;
      });
      const expected = readdirSync(dist).filter(isWorkerFile).map((f) => `${server.url}${f}`);
      for (const url of expected) assert.ok(cached.includes(url), `precached in the background: ${url}`);
      assert.deepEqual([...seen.violations, ...seen.errors], []);
    } finally {
      await ctx.close();
    }
  });

  test('the manifests view starts the worker once and shows its files, errors and ZIP', async () => {
    // No service worker: every worker file the page needs shows up as a request.
    const { ctx, page, seen } = await context({ serviceWorkers: 'block' });
    try {
      const response = await page.goto(`${server.url}#/questionnaire`, { waitUntil: 'load' });
      assert.match(response.headers()['content-security-policy'], /worker-src 'self'/);
      await appRendered(page);
      await page.waitForLoadState('networkidle');
      assert.deepEqual(seen.requests.filter(isWorkerUrl), [], 'nothing before the manifests view');

      await page.evaluate(() => {
        window.location.hash = '#/manifests';
      });
      await pageShown(page, 'Starter manifests');
      await page.locator('[role=tab]').first().waitFor();
      assert.ok((await page.locator('[role=tab]').count()) >= 2, 'a tab per file, and the README');
      assert.match(await page.locator('#manifest-panel pre').innerText(), /my-service/);
      const fetched = seen.requests.filter(isWorkerUrl).map((u) => u.slice(server.url.length));
      assert.deepEqual(fetched.sort(), readdirSync(dist).filter(isWorkerFile).sort(), 'script, JS and wasm, once each');

      // Answers go to the worker and come back as files, or as errors on the fields.
      await page.locator('#deploy-name').fill('orders-api');
      await page.locator('#manifest-panel pre', { hasText: 'orders-api' }).waitFor();
      await page.locator('#deploy-image').fill('nginx');
      await page.locator('#deploy-image[aria-invalid=true]').waitFor();
      assert.ok((await page.locator('#deploy-image-error').innerText()).length > 0, "the worker's reason, on the field");
      assert.equal(await page.locator('#manifest-panel').count(), 0, 'no files until the details are fixed');
      await page.locator('#deploy-image').fill('ghcr.io/acme/orders:1.4.2');
      await page.locator('#manifest-panel pre', { hasText: 'orders-api' }).waitFor();

      // The ZIP comes from the worker too.
      const zip = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download all (.zip)' }).click();
      const download = await zip;
      assert.match(download.suggestedFilename(), /-manifests\.zip$/);
      const bytes = await readFile(await download.path());
      assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
      assert.ok(bytes.includes(Buffer.from('orders-api')), 'the ZIP has the current answers');

      // Leaving the view and coming back keeps the same worker: nothing is fetched again.
      for (const hash of ['#/results', '#/manifests']) {
        await page.evaluate((h) => {
          window.location.hash = h;
        }, hash);
        await page.locator('#page-title').waitFor();
        await page.locator('.lazy-page').waitFor({ state: 'detached' });
      }
      await page.locator('#manifest-panel pre', { hasText: 'orders-api' }).waitFor();
      const scripts = seen.requests.filter((u) => u.endsWith(`/${WORKER_SCRIPT}`));
      assert.equal(scripts.length, 1, 'one worker for the app');
      assert.deepEqual([...seen.violations, ...seen.errors], []);
    } finally {
      await ctx.close();
    }
  });

  test("the worker also runs under the site's policy, for hosts that send it on every file", async () => {
    const { ctx, page, seen } = await context({ serviceWorkers: 'block' });
    try {
      await ctx.route(`**/${WORKER_SCRIPT}`, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
      });
      await page.goto(`${server.url}#/manifests`, { waitUntil: 'load' });
      await page.locator('#manifest-panel pre', { hasText: 'my-service' }).waitFor();
      assert.deepEqual([...seen.violations, ...seen.errors], []);
    } finally {
      await ctx.close();
    }
  });

  for (const [what, pattern, reason] of [
    ['script', `**/${WORKER_SCRIPT}`, /could not be loaded/],
    ['wasm', '**/berth-manifests-*_bg.wasm', /wasm did not load/],
  ]) {
    test(`a worker whose ${what} does not load says so in the view`, async () => {
      const { ctx, page } = await context({ serviceWorkers: 'block' });
      try {
        await ctx.route(pattern, (route) => route.fulfill({ status: 404, body: 'not found' }));
        await page.goto(`${server.url}#/manifests`, { waitUntil: 'load' });
        const alert = page.getByRole('alert').filter({ hasText: 'Manifests could not be generated' });
        await alert.waitFor();
        assert.match(await alert.innerText(), reason);
        assert.equal(await page.locator('#manifest-panel').count(), 0);
      } finally {
        await ctx.close();
      }
    });
  }

  test('the widget on another origin loads the worker from its own asset base', async () => {
    // The host page's policy for a widget from another origin (docs/embedding.md).
    const csp = [
      "default-src 'self'",
      `script-src 'self' ${server.origin} 'wasm-unsafe-eval'`,
      `connect-src 'self' ${server.origin}`,
      "style-src 'self'",
      'worker-src blob:',
    ].join('; ');
    // The host page: another port, so another origin.
    const docs = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs</title>
<script type="module" src="${server.url}widget.js"></script></head>
<body><h1>Docs</h1><berth-advisor id="advisor" archetype="public_web"></berth-advisor></body></html>`);
    });
    await new Promise((resolve) => docs.listen(0, '127.0.0.1', resolve));
    const host = `http://127.0.0.1:${docs.address().port}`;
    const { ctx, page, seen } = await context({ serviceWorkers: 'block' });
    try {
      await page.goto(`${host}/guide/`, { waitUntil: 'load' });
      const widget = page.locator('#advisor');
      await startWidget(widget);
      assert.deepEqual(seen.requests.filter(isWorkerUrl), [], 'the widget starts without the worker');
      await widget.locator(".live a[href='#/results']").click();
      await pageShown(widget, 'Results');
      await widget.locator("a[href='#/manifests']").first().click();
      await pageShown(widget, 'Starter manifests');
      await widget.locator('[role=tab]').first().waitFor();
      assert.match(await widget.locator('#manifest-panel pre').innerText(), /my-service/);
      const fetched = seen.requests.filter(isWorkerUrl);
      assert.ok(fetched.length === 3 && fetched.every((u) => u.startsWith(server.url)), `from the widget's base: ${fetched}`);
      assert.equal(page.url(), `${host}/guide/`, 'the host address is unchanged');
      assert.deepEqual([...seen.violations, ...seen.errors], []);
    } finally {
      await ctx.close();
      docs.closeAllConnections();
      await new Promise((resolve) => docs.close(resolve));
    }
  });
});
