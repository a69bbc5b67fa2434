// The offline PWA: a valid manifest under /berth/, a service worker that takes control,
// the whole flow with the network gone, and an update that waits for the user's click.
//
// The "new deploy" is made without a second cargo build: a copy of the build with one
// precached file changed (a marker in index.html), then scripts/pwa/post-build.mjs run on
// the copy, exactly as Trunk runs it, which gives a new sw.js with a new cache version.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, PREFIX, chromiumPath, distDir, holdRequests, pageShown, walkToResults } from './harness.mjs';
import { startServerWithHeaders } from './lib/static-server-with-headers.mjs';
import { APP_NAME, postBuild } from '../../scripts/pwa/post-build.mjs';

const swVersion = (text) => /const VERSION = '([0-9a-f]+)'/.exec(text)[1];

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes) {
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', 'a PNG file');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('offline PWA', () => {
  let work;
  let v1;
  let v2;
  let server;
  let browser;
  let context;
  let page;
  const errors = [];

  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'berth-pwa-'));
    v1 = path.join(work, 'v1');
    v2 = path.join(work, 'v2');
    await cp(distDir(), v1, { recursive: true });
    server = await startServerWithHeaders({ dir: v1, prefix: PREFIX });
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`uncaught: ${e}`));
    page.on('console', (m) => {
      // Offline, the page's own failed requests are expected; anything else is not.
      if (m.type() === 'error' && !/ERR_INTERNET_DISCONNECTED|ERR_CONNECTION|Failed to load resource/.test(m.text())) {
        errors.push(`console error: ${m.text()}`);
      }
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('the manifest is linked, valid, and lives under /berth/', async () => {
    await page.goto(server.url);
    await page.locator('h1', { hasText: 'Berth' }).first().waitFor();
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const url = new URL(href, server.url);
    assert.equal(url.pathname, `${PREFIX}manifest.webmanifest`);
    const response = await page.request.get(url.href);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'], /^application\/manifest\+json/);
    const manifest = await response.json();
    assert.equal(manifest.name, APP_NAME);
    assert.ok(manifest.short_name && manifest.short_name.length <= 12);
    assert.ok(manifest.description.length > 20);
    assert.equal(manifest.start_url, PREFIX);
    assert.equal(manifest.scope, PREFIX);
    assert.equal(manifest.id, PREFIX);
    assert.equal(manifest.display, 'standalone');
    assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/i);
    assert.match(manifest.background_color, /^#[0-9a-f]{6}$/i);
    const themeMeta = await page.locator('meta[name="theme-color"]').count();
    assert.ok(themeMeta >= 1, '<meta name="theme-color">');
    for (const size of [192, 512]) {
      for (const purpose of ['any', 'maskable']) {
        const icon = manifest.icons.find((i) => i.sizes === `${size}x${size}` && i.purpose === purpose);
        assert.ok(icon, `a ${size}px ${purpose} icon`);
        assert.ok(icon.src.startsWith(PREFIX), `${icon.src} under ${PREFIX}`);
        const png = await page.request.get(new URL(icon.src, server.url).href);
        assert.equal(png.status(), 200, icon.src);
        assert.equal(png.headers()['content-type'], 'image/png');
        assert.deepEqual(pngSize(await png.body()), [size, size], icon.src);
      }
    }
  });

  test('the service worker registers once the app is live, not while its wasm downloads', async () => {
    // Its precache is several times the first download: on a slow link it would share the
    // link with the app's wasm. The page's load event comes first, as the wasm is fetched
    // by script: hold the wasm back, and nothing may register meanwhile.
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const tab = await fresh.newPage();
      const release = await holdRequests(tab, '**/*_bg.wasm');
      await tab.goto(server.url, { waitUntil: 'load' });
      await tab.waitForTimeout(1500);
      const registered = () => tab.evaluate(async () => Boolean(await navigator.serviceWorker.getRegistration()));
      assert.equal(await tab.locator('html[data-live]').count(), 0, 'the app is not live yet');
      assert.equal(await registered(), false, 'nothing registered while the wasm is on its way');
      release();
      await tab.locator('html[data-live]').waitFor({ state: 'attached' });
      await tab.waitForFunction(async () => Boolean(await navigator.serviceWorker.getRegistration()), null, { timeout: 10_000 });
    } finally {
      await fresh.close();
    }
  });

  test('the service worker controls the page after a reload and has precached the app', async () => {
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, server.url);
    await page.reload();
    await page.locator('h1', { hasText: 'Berth' }).first().waitFor();
    const controller = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null);
    assert.equal(controller, `${server.url}sw.js`);
    const registration = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { updateViaCache: r.updateViaCache };
    });
    assert.equal(registration.updateViaCache, 'none');
    const version = swVersion(await readFile(path.join(v1, 'sw.js'), 'utf8'));
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const out = {};
      for (const name of names) out[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
      return out;
    });
    assert.deepEqual(Object.keys(cached), [`berth-${version}`]);
    const urls = cached[`berth-${version}`].map((u) => u.slice(server.url.length));
    for (const needed of ['index.html', 'manifest.webmanifest']) assert.ok(urls.includes(needed), needed);
    assert.ok(urls.some((u) => u.endsWith('_bg.wasm')), 'the wasm');
    assert.ok(urls.some((u) => /^boot-[0-9a-f]{16}\.js$/.test(u)), 'the boot script');
    assert.ok(!urls.some((u) => u.startsWith('widget') || u.startsWith('embed')), 'no widget files');
  });

  test('offline: reload, complete the questionnaire, get the recommendation, download', async () => {
    server.setDown(true);
    await context.setOffline(true);
    try {
      await page.reload();
      await page.locator('h1', { hasText: 'Berth' }).first().waitFor();
      await walkToResults(page, 'batch_job');
      assert.ok((await page.locator('#top-pick-title, #nothing-fits-title').count()) > 0, 'a recommendation, offline');
      const report = page.waitForEvent('download');
      await page.getByRole('button', { name: /Download report/ }).click();
      assert.match((await report).suggestedFilename(), /\.md$/);

      // The starter manifests for the top pick, as a .zip.
      const manifests = page.getByRole('link', { name: /Starter manifests for/ });
      assert.ok((await manifests.count()) > 0, 'the results offer the starter manifests');
      await manifests.first().click();
      await pageShown(page, 'Starter manifests');
      const zip = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download all (.zip)' }).click();
      const download = await zip;
      assert.match(download.suggestedFilename(), /-manifests\.zip$/);
      const bytes = await readFile(await download.path());
      assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip archive');
    } finally {
      await context.setOffline(false);
      server.setDown(false);
    }
  });

  test('a new deploy shows the update prompt; Reload runs the new version', async () => {
    await cp(v1, v2, { recursive: true });
    const index = path.join(v2, 'index.html');
    const html = await readFile(index, 'utf8');
    await writeFile(index, html.replace('<title>', '<meta name=berth-test-build content=v2><title>'));
    await postBuild({ dir: v2, publicUrl: PREFIX, quiet: true });
    const [old, fresh] = [await readFile(path.join(v1, 'sw.js'), 'utf8'), await readFile(path.join(v2, 'sw.js'), 'utf8')];
    assert.notEqual(swVersion(fresh), swVersion(old), 'the cache version follows the content');
    server.setDir(v2);

    // The page checks for an update when it regains focus.
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    const banner = page.getByRole('status').filter({ hasText: 'A new version of Berth is available' });
    await banner.waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('meta[name="berth-test-build"]').count(), 0, 'still the old version');

    await Promise.all([page.waitForEvent('framenavigated'), banner.getByRole('button', { name: 'Reload' }).click()]);
    await page.locator('h1', { hasText: 'Berth' }).first().waitFor();
    await page.locator('meta[name="berth-test-build"][content="v2"]').waitFor({ state: 'attached' });
    // The new worker deletes the old cache while it activates.
    const want = `berth-${swVersion(fresh)}`;
    await page.waitForFunction(async (name) => {
      const names = await caches.keys();
      return names.length === 1 && names[0] === name;
    }, want);
    assert.equal(await page.locator('#berth-update').count(), 0, 'no prompt after the update');
    assert.deepEqual(errors, []);
  });
});
