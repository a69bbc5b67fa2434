// The pre-rendered first screen (src/ui/prerender.rs): index.html already holds the header,
// the questionnaire's first step and the live result, so a reader sees them before the wasm
// arrives. On a first visit the app hydrates it: it adopts the elements on screen (no
// empty frame, no repaint, no layout shift); a returning reader's first screen is their
// own, so for them the app replaces that HTML with its render before the next frame.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ANSWERS_KEY, appRendered, holdRequests, pageShown, problems, start } from './harness.mjs';

/** Sums the page's layout shifts from the start of the load (CLS without session windows). */
const RECORD_SHIFTS = () => {
  window.__shift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
};

/** Records console errors and uncaught exceptions (a failed hydration is one of them). */
function record(page) {
  const seen = { requests: [], consoleErrors: [], pageErrors: [], failedRequests: [], badResponses: [] };
  page.on('console', (m) => m.type() === 'error' && seen.consoleErrors.push(m.text()));
  page.on('pageerror', (e) => seen.pageErrors.push(String(e)));
  return seen;
}

/** Picks starting point `id` in the live app and waits until the app has saved it. */
async function chooseAndKeep(page, id) {
  await page.locator(`label[for="q-archetype-${id}"]`).click();
  await page.waitForFunction(([key, value]) => localStorage.getItem(key)?.includes(value), [ANSWERS_KEY, id]);
}

/** Holds back the page's wasm until the returned function is called. */
const holdWasm = (page) => holdRequests(page, '**/*_bg.wasm');

describe('pre-rendered first screen', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    await env?.stop();
  });

  test('index.html holds the header, the first step and the live result', async () => {
    const html = await (await fetch(env.server.url)).text();
    assert.match(
      html,
      /<div id="?berth"?><!--<\[berth::ui::app::App\]>--><!--<\[berth::ui::app::Advisor\]>--><div data-theme="auto" class="berth">/,
      'the mount point holds the server render, with the markers hydration reads',
    );
    assert.match(html, /<h1>Berth<\/h1>/);
    assert.match(html, /<fieldset id="?q-archetype"?/, "the questionnaire's first step");
    assert.match(html, /<section[^>]*class="?live card"?/, 'the live result');
    assert.match(html, /<ol class="?live-ranking"?><li/, 'the live ranking has platforms');
    assert.doesNotMatch(html, /\sstyle=/, 'no style attributes: the CSP (style-src self) would block them');
    // Nothing large starts downloading before the first paint: the first screen is HTML.
    assert.doesNotMatch(html, /<link[^>]*rel="?preload[^>]*_bg\.wasm/, 'no preload of the wasm');
  });

  test('without JavaScript the first screen can be read', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(env.server.url);
      assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Berth/);
      assert.ok(await page.locator('#q-archetype').isVisible());
      assert.ok((await page.locator('.live-summary').innerText()).trim().length > 0);
      assert.ok((await page.locator('.live-ranking li').count()) > 0);
      assert.equal(await page.locator('html[data-live]').count(), 0, 'no script ran');
    } finally {
      await context.close();
    }
  });

  test('a first visit hydrates the first screen: the same elements, no empty frame, no layout shift, no error, live controls', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      await context.addInitScript(RECORD_SHIFTS);
      // Before every frame is painted, note whether the first screen was on the page.
      await context.addInitScript(() => {
        window.__frames = { shown: 0, empty: 0 };
        const watch = () => {
          if (document.documentElement.hasAttribute('data-live')) return;
          if (document.querySelector('#berth h1') && document.querySelector('#berth .live-ranking li')) {
            window.__frames.shown += 1;
          } else if (document.getElementById('berth')) {
            window.__frames.empty += 1;
          }
          requestAnimationFrame(watch);
        };
        requestAnimationFrame(watch);
      });
      const page = await context.newPage();
      const seen = record(page);
      // Hold the wasm back a little, so the pre-rendered screen is on show for a while.
      const release = await holdWasm(page);
      await page.goto(env.server.url, { waitUntil: 'domcontentloaded' });
      const before = await page.locator('.live').innerText();
      await page.waitForFunction(() => window.__frames.shown >= 3);
      await page.evaluate(() => {
        document.querySelector('h1').berthMark = 'pre-rendered';
      });
      release();
      await appRendered(page);
      const frames = await page.evaluate(() => window.__frames);
      assert.equal(frames.empty, 0, `a frame without the first screen: ${JSON.stringify(frames)}`);
      assert.equal(
        await page.evaluate(() => document.querySelector('h1').berthMark),
        'pre-rendered',
        'the app adopted the pre-rendered elements instead of rebuilding them',
      );
      assert.equal(await page.locator('.berth').count(), 1, 'one app, not the pre-render plus a fresh one');
      assert.equal(await page.locator('.live').innerText(), before, 'the pre-rendered live result was right');

      // The controls work: another starting point changes the live result.
      const ranking = await page.locator('.live-ranking').innerText();
      await page.locator('label[for="q-archetype-windows_app"]').click();
      await page.waitForFunction((r) => document.querySelector('.live-ranking')?.innerText !== r, ranking);
      assert.ok(await page.locator('#q-archetype-windows_app').isChecked());

      assert.equal(await page.evaluate(() => window.__shift), 0, 'no layout shift');
      assert.deepEqual(problems(seen), []);
    } finally {
      await context.close();
    }
  });

  test('a reader who changed nothing is hydrated again on the next visit', async () => {
    // No service worker: it would serve the reload's wasm past the gate below.
    const context = await env.browser.newContext({ serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      const seen = record(page);
      await page.goto(env.server.url);
      await appRendered(page);
      // The app keeps nothing for the defaults, so the next visit knows the first screen is
      // right: answers changed are kept, and going back to the defaults removes them.
      await chooseAndKeep(page, 'batch_job');
      await page.locator('label[for="q-archetype-public_web"]').click();
      await page.waitForFunction((key) => localStorage.getItem(key) === null, ANSWERS_KEY);
      const release = await holdWasm(page);
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.evaluate(() => {
        document.querySelector('h1').berthMark = 'pre-rendered';
      });
      release();
      await appRendered(page);
      assert.equal(await page.evaluate(() => document.querySelector('h1').berthMark), 'pre-rendered', 'hydrated');
      assert.deepEqual(problems(seen), []);
    } finally {
      await context.close();
    }
  });

  test('what a reader does on the first screen before the app is live is kept (assets/pwa/early-input.js)', async () => {
    // No service worker: it would serve the wasm past the gate below.
    const context = await env.browser.newContext({ serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      const seen = record(page);
      const release = await holdWasm(page);
      await page.goto(env.server.url, { waitUntil: 'domcontentloaded' });
      const defaults = await page.locator('.live-summary').innerText();
      // A starting point, the theme and a pasted file, all before the wasm has arrived.
      await page.locator('label[for="q-archetype-windows_app"]').click();
      await page.locator('#theme').selectOption('dark');
      await page.locator('summary', { hasText: 'Start from a file' }).click();
      await page.locator('#import-text').fill('services:\n  web:\n    image: nginx\n');
      assert.equal(await page.locator('html[data-live]').count(), 0, 'still not live');
      release();
      await appRendered(page);
      await page.waitForFunction((key) => localStorage.getItem(key)?.includes('windows_app'), ANSWERS_KEY);
      assert.ok(await page.locator('#q-archetype-windows_app').isChecked(), 'the starting point stays chosen');
      assert.notEqual(await page.locator('.live-summary').innerText(), defaults, 'and the live result is its own');
      assert.equal(await page.getAttribute('.berth', 'data-theme'), 'dark', 'the theme applies');
      assert.equal(await page.locator('#import-text').inputValue(), 'services:\n  web:\n    image: nginx\n');
      assert.equal(await page.evaluate(() => document.querySelector('h1') !== null), true);

      // A reader who picks another button and then the one the page showed changed nothing.
      await page.evaluate(() => localStorage.clear());
      const release2 = await holdWasm(page);
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.locator('label[for="q-archetype-gpu_inference"]').click();
      await page.locator('label[for="q-archetype-public_web"]').click();
      release2();
      await appRendered(page);
      await page.waitForTimeout(100);
      assert.ok(await page.locator('#q-archetype-public_web').isChecked(), 'the defaults stand');
      assert.equal(await page.evaluate((key) => localStorage.getItem(key), ANSWERS_KEY), null);
      assert.equal(await page.locator('.berth').count(), 1);
      assert.deepEqual(problems(seen), []);
    } finally {
      await context.close();
    }
  });

  test("until the app is live, a returning reader sees their theme and not the default answers (assets/pwa/returning-reader.js)", async () => {
    const context = await env.browser.newContext({ serviceWorkers: 'block', colorScheme: 'light' });
    try {
      const page = await context.newPage();
      const seen = record(page);
      await page.goto(env.server.url);
      await appRendered(page);
      await page.locator('#theme').selectOption('dark');
      await chooseAndKeep(page, 'batch_job');
      const dark = await page.evaluate(() => getComputedStyle(document.querySelector('.berth')).backgroundColor);

      const release = await holdWasm(page);
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.locator('#berth[data-stale]').waitFor({ state: 'attached' });
      assert.equal(
        await page.evaluate(() => getComputedStyle(document.querySelector('.berth')).backgroundColor),
        dark,
        'the saved theme before the first paint, not the system light one',
      );
      assert.equal(await page.locator('#theme').inputValue(), 'dark', 'and the theme switch says so');
      assert.equal(await page.getAttribute('main', 'aria-busy'), 'true');
      assert.equal(await page.locator('#q-archetype').isVisible(), false, "the default answers are not shown as the reader's");
      assert.equal(await page.locator('.live-ranking').isVisible(), false, 'nor their results');
      assert.ok(await page.getByRole('heading', { level: 1 }).isVisible(), 'the page header is');
      release();
      await appRendered(page);
      await page.locator('#berth:not([data-stale])').waitFor({ state: 'attached' });
      assert.ok(await page.locator('#q-archetype-batch_job').isChecked(), 'then their own screen');
      assert.equal(await page.getAttribute('main', 'aria-busy'), null);
      assert.ok(await page.locator('.live-ranking').isVisible());

      // A page in the address is not the first screen either.
      await page.evaluate(() => localStorage.clear());
      const release2 = await holdWasm(page);
      await page.goto(`${env.server.url}#/about`, { waitUntil: 'domcontentloaded' });
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.locator('#berth[data-stale]').waitFor({ state: 'attached' });
      release2();
      await appRendered(page);
      await pageShown(page, 'About');
      assert.deepEqual(problems(seen), []);
    } finally {
      await context.close();
    }
  });

  test('when the app cannot start, the first screen stays readable and says so', async () => {
    const context = await env.browser.newContext({ serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      await page.goto(env.server.url);
      await appRendered(page);
      await chooseAndKeep(page, 'batch_job');
      await page.route('**/*_bg.wasm', (route) => route.abort());
      await page.reload({ waitUntil: 'domcontentloaded' });
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.innerText(), /Berth could not start in this browser/);
      assert.equal(await page.locator('#berth[data-stale]').count(), 0, 'nothing stays hidden');
      assert.ok(await page.locator('.live-ranking').isVisible(), 'the first screen can be read');
      assert.equal(await page.locator('html[data-live]').count(), 0);

      // The same when the app stops before it is live: a Rust panic is a WebAssembly trap,
      // reported as an error event.
      await page.unroute('**/*_bg.wasm');
      const release = await holdWasm(page);
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.locator('#berth[data-stale]').waitFor({ state: 'attached' });
      await page.evaluate(() => {
        const error = new WebAssembly.RuntimeError('unreachable');
        dispatchEvent(new ErrorEvent('error', { error, message: error.message }));
      });
      await alert.waitFor();
      assert.equal(await page.locator('#berth[data-stale]').count(), 0, 'nothing stays hidden');
      assert.equal(await page.getAttribute('main', 'aria-busy'), null);
      release();
    } finally {
      await context.close();
    }
  });

  test("a returning reader's saved answers win over the pre-rendered defaults", async () => {
    const context = await env.browser.newContext();
    try {
      const page = await context.newPage();
      const seen = record(page);
      await page.goto(env.server.url);
      await appRendered(page);
      await chooseAndKeep(page, 'batch_job');
      // The first answer brings the engine (a first visit does without it): its result.
      await page.locator('.live[aria-busy]').waitFor({ state: 'detached' });
      const live = await page.locator('.live').innerText();
      assert.match(live, /Top pick: /);

      await page.reload();
      await appRendered(page);
      assert.ok(await page.locator('#q-archetype-batch_job').isChecked(), 'the saved starting point');
      assert.equal(await page.locator('.live').innerText(), live, 'its live result');
      assert.equal(await page.locator('.berth').count(), 1);
      assert.deepEqual(problems(seen), []);
    } finally {
      await context.close();
    }
  });

  test('a saved theme and another page in the address render from scratch without errors', async () => {
    const context = await env.browser.newContext();
    try {
      const page = await context.newPage();
      const seen = record(page);
      await page.goto(env.server.url);
      await appRendered(page);
      await page.locator('#theme').selectOption('dark');
      const code = Buffer.from(JSON.stringify({ archetype: 'event_worker' })).toString('base64url');
      await page.goto(`${env.server.url}#/results?a=1.${code}`);
      await page.reload();
      await appRendered(page);
      await pageShown(page, 'Results');
      assert.equal(await page.getAttribute('.berth', 'data-theme'), 'dark');
      assert.equal(await page.locator('.berth').count(), 1);
      assert.deepEqual(problems(seen), []);
    } finally {
      await context.close();
    }
  });
});
