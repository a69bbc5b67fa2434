// The widget's placeholder: a docs page with <berth-advisor>s downloads only widget.js until
// a reader presses Start (or, with load="visible", until a widget nears the viewport); then
// the app is fetched once for every widget on the page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, PREFIX, assertSettles, chromiumPath, distDir } from './harness.mjs';
import { startServerWithHeaders } from './lib/static-server-with-headers.mjs';

const EXAMPLE = 'embed-example/';
/** The most a docs page may download for its widgets before a reader starts one (gzip). */
const FACADE_BUDGET = 15 * 1024;
const APP_FILE = /(_bg\.wasm|widget-glue-[0-9a-f]+\.js|widget-[0-9a-f]+\.css)$/;

/** gzip -9 size of a file of the build, by its URL path under the prefix. */
async function gzipOf(urlPath) {
  let rel = urlPath.slice(PREFIX.length);
  if (rel === '' || rel.endsWith('/')) rel = `${rel}index.html`;
  const file = path.join(distDir(), rel);
  return existsSync(file) ? gzipSync(await readFile(file), { level: 9 }).length : 0;
}

describe('widget placeholder', () => {
  let server;
  let browser;
  before(async () => {
    server = await startServerWithHeaders({ dir: distDir(), prefix: PREFIX });
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(url = `${server.url}${EXAMPLE}`) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const seen = { errors: [], requests: [] };
    page.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
    page.on('pageerror', (e) => seen.errors.push(String(e)));
    page.on('request', (r) => seen.requests.push(new URL(r.url()).pathname));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    return { context, page, seen };
  }

  test('before a reader starts a widget, the page downloads no app and at most 15 KB for the widgets', async () => {
    const { context, page, seen } = await open();
    try {
      assert.equal(await page.locator('button.berth-facade-start').count(), 2, 'both widgets show Start');
      await page.frameLocator('#frame').locator('button.berth-facade-start').waitFor();
      assert.deepEqual(seen.requests.filter((p) => APP_FILE.test(p)), [], 'no wasm, glue or app stylesheet yet');
      // Everything the page fetched for Berth (widget.js, the iframe's page and scripts), not
      // the host page's own files.
      const berth = [...new Set(seen.requests.filter((p) => p.startsWith(PREFIX) && !p.startsWith(`${PREFIX}${EXAMPLE}`)))];
      let total = 0;
      for (const p of berth) total += await gzipOf(p);
      assert.ok(total <= FACADE_BUDGET, `${total} B gzip before start (${berth.join(', ')})`);
      const results = await new AxeBuilder({ page }).analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.length}`), []);
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
    }
  });

  test('Start by keyboard loads the app once, and focus moves into the advisor', async () => {
    const { context, page, seen } = await open();
    try {
      await page.locator('#batch button.berth-facade-start').focus();
      await page.keyboard.press('Enter');
      await page.locator('#batch .live-summary').waitFor();
      const inside = () =>
        page.evaluate(() => {
          const active = document.getElementById('batch').shadowRoot.activeElement;
          return { tag: active?.tagName, id: active?.id, checked: active?.checked };
        });
      // The starting point the host chose, checked and focused: Space keeps it.
      await assertSettles(inside, { tag: 'INPUT', id: 'q-archetype-batch_job', checked: true });
      await page.locator('#gpu button.berth-facade-start').click();
      await page.locator('#gpu .live-summary').waitFor();
      const wasm = seen.requests.filter((p) => p.endsWith('_bg.wasm'));
      assert.equal(wasm.length, 1, `one wasm download for both widgets: ${wasm}`);
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
    }
  });

  test('load="visible" starts a widget when it nears the viewport, and not before', async () => {
    const { context, page, seen } = await open();
    try {
      await page.evaluate(() => {
        const spacer = Object.assign(document.createElement('div'), { id: 'far' });
        spacer.style.height = '4000px';
        const el = document.createElement('berth-advisor');
        el.id = 'lazy';
        el.setAttribute('load', 'visible');
        document.body.append(spacer, el);
      });
      await page.waitForTimeout(300);
      assert.deepEqual(seen.requests.filter((p) => p.endsWith('_bg.wasm')), [], 'far below the fold: nothing loaded');
      await page.locator('#lazy').scrollIntoViewIfNeeded();
      await page.locator('#lazy .live-summary').waitFor();
      assert.equal(seen.requests.filter((p) => p.endsWith('_bg.wasm')).length, 1);
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
    }
  });
});
