// The pages past the questionnaire arrive when first opened: the release build cuts their
// code out of the app's wasm into parts (src/ui/lazy.rs, scripts/pwa/post-build.mjs).
// Checked here: the build's files and headers, that a first visit fetches no part and the
// service worker precaches them all, that a page opened from the navigation arrives with
// keyboard focus on its heading and opens at once the next time, and that a part which
// fails to arrive says so and can be fetched again. The same for the code that reads a file
// for "Start from a file": fetched when that panel opens, and again by "Read file" when it
// did not arrive. And for the reader of saved answers and share links: a first visit has
// neither and does not fetch it; when it does not arrive, the saved answers stay saved and
// a share link stays in the address, each with a notice, and the next load reads them.
// And for the engine and the catalog: the first screen shows the live result the server
// rendered, so a first visit does without them; the reader's first answer brings them, and
// when they do not arrive the live result says so and "Try again" fetches them. The writer
// of saved answers comes with them: answers changed meanwhile are saved once they arrive.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ANSWERS_KEY, PREFIX, assertSettles, distDir, globRegExp, globsFrom, holdRequests, openApp, problems, start } from './harness.mjs';
import { isPartFile, parseHeadersFile } from '../../scripts/pwa/post-build.mjs';

const partOf = (url) => new URL(url).pathname.split('/').pop();

/**
 * Counts the requests for the part `name` and refuses those for which `refuse(n)` is true
 * (`n` from 1), as a lost connection would: `{ requests, refused }`, kept up to date.
 */
async function gatePart(page, name, refuse) {
  const counts = { requests: 0, refused: 0 };
  await page.route(new RegExp(`berth-web-part-${name}-[0-9a-f]{16}\\.wasm$`), (route) => {
    counts.requests += 1;
    if (!refuse(counts.requests)) return route.continue();
    counts.refused += 1;
    return route.abort('internetdisconnected');
  });
  return counts;
}

describe('pages fetched when first opened', () => {
  const dist = distDir();
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    await env?.stop();
  });

  test('the build has a part per page, precached, cached for good, and none loaded by index.html', () => {
    const files = readdirSync(dist);
    const parts = files.filter(isPartFile).sort();
    for (const page of ['results', 'compare', 'manifests', 'about', 'file_reader', 'answers_reader', 'engine']) {
      assert.ok(parts.some((f) => f.startsWith(`berth-web-part-${page}-`)), `a part for ${page}: ${parts.join(', ')}`);
    }
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    assert.doesNotMatch(html, /berth-web-part-/, 'index.html loads no part');
    const loader = files.find((f) => /^berth-web-parts-[0-9a-f]{16}\.js$/.test(f));
    assert.ok(loader && html.includes(loader), 'index.html preloads the loader of the parts, which the glue imports');
    const precache = JSON.parse(/const PRECACHE = (\[[\s\S]*?\]);/.exec(readFileSync(path.join(dist, 'sw.js'), 'utf8'))[1]);
    for (const f of [...parts, loader]) assert.ok(precache.includes(f), `sw.js precaches ${f}`);
    const rules = parseHeadersFile(readFileSync(path.join(dist, '_headers'), 'utf8'));
    for (const f of parts) {
      const { headers } = rules.find((r) => r.pattern === `${PREFIX}${f}`);
      assert.equal(headers['content-type'], 'application/wasm', f);
      assert.match(headers['cache-control'], /immutable/, f);
      assert.equal(headers['access-control-allow-origin'], '*', `${f}: a widget on another site fetches it`);
    }
    // `./x size` lists exactly these as the parts fetched when first used.
    const globs = globsFrom('BERTH_SIZE_PAGE_FILES');
    if (globs.length) {
      assert.deepEqual(files.filter((f) => globs.some((g) => globRegExp(g).test(f))).sort(), parts);
    }
  });

  test('a first visit fetches no part; the service worker precaches them afterwards', async () => {
    const app = await openApp(env);
    try {
      const { page, seen } = app;
      await page.waitForLoadState('networkidle');
      assert.deepEqual(seen.requests.filter((u) => isPartFile(partOf(u))), [], 'the page fetched no part');
      await page.evaluate(() => navigator.serviceWorker.ready);
      await page.waitForLoadState('networkidle');
      const cached = await page.evaluate(async () => {
        const out = [];
        for (const name of await caches.keys()) out.push(...(await (await caches.open(name)).keys()).map((r) => r.url));
        return out;
      });
      for (const f of readdirSync(dist).filter(isPartFile)) {
        assert.ok(cached.includes(`${env.server.url}${f}`), `precached in the background: ${f}`);
      }
    } finally {
      await app.close();
    }
  });

  test('a page opened from the navigation arrives with focus on its heading, and opens at once the next time', async () => {
    const app = await openApp(env);
    try {
      const { page, seen } = app;
      await page.waitForLoadState('networkidle');
      const link = page.locator('nav a[href="#/compare"]');
      await link.focus();
      await page.keyboard.press('Enter');
      await page.locator('.compare-table').waitFor();
      await assertSettles(() => page.evaluate(() => document.activeElement?.id), 'page-title', 'focus is on the page heading');
      assert.equal(await page.locator('#page-title').innerText(), 'Compare');
      const parts = seen.requests.filter((u) => isPartFile(partOf(u)));
      assert.ok(parts.some((u) => partOf(u).startsWith('berth-web-part-compare-')), `the compare part was fetched: ${parts}`);

      // Opened without a link to point at (the address changed): the stand-in holds the
      // heading and focus until the page arrives, then the page's own heading has focus.
      await page.evaluate(() => { location.hash = '#/about'; });
      await page.locator('.about').waitFor();
      await page.locator('.lazy-page').waitFor({ state: 'detached' });
      await assertSettles(() => page.evaluate(() => document.activeElement?.id), 'page-title', 'focus is on the page heading');

      await page.locator('nav a[href="#/questionnaire"]').click();
      await page.locator('#page-title', { hasText: 'Questionnaire' }).waitFor();
      const before = seen.requests.length;
      await page.locator('nav a[href="#/compare"]').click();
      // Rendered in the same turn as the route change: no stand-in, no request.
      await page.locator('.compare-table').waitFor();
      assert.equal(await page.locator('.lazy-page').count(), 0);
      assert.deepEqual(seen.requests.slice(before).filter((u) => isPartFile(partOf(u))), [], 'no part fetched again');
      assert.deepEqual(problems(seen), []);
    } finally {
      await app.close();
    }
  });

  test('pointing at or focusing a link to a page starts fetching its part before the click', async () => {
    const app = await openApp(env);
    try {
      const { page } = app;
      await page.waitForLoadState('networkidle');
      const results = page.waitForRequest((r) => partOf(r.url()).startsWith('berth-web-part-results-'));
      await page.locator('nav a[href="#/results"]').hover();
      await results;
      const about = page.waitForRequest((r) => partOf(r.url()).startsWith('berth-web-part-about-'));
      await page.locator('nav a[href="#/about"]').focus();
      await about;
      await page.keyboard.press('Enter');
      await page.locator('.about').waitFor();
      assert.deepEqual(problems(app.seen), []);
    } finally {
      await app.close();
    }
  });

  test('the file reader arrives when "Start from a file" opens; when it does not, Read file says so and fetches it again', async () => {
    // No service worker: it would serve the part past the gate.
    const context = await env.browser.newContext({ serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      // The fetch as the panel opens, and the first Read file's, are refused.
      const reader = await gatePart(page, 'file_reader', (n) => n <= 2);
      await page.goto(env.server.url, { waitUntil: 'load' });
      await page.locator('html[data-live]').waitFor({ state: 'attached' });
      await page.waitForLoadState('networkidle');
      assert.equal(reader.requests, 0, 'a first visit does not fetch the file reader');
      await page.locator('.start-from-file summary').click();
      await assertSettles(() => reader.requests, 1, 'opening the panel fetches the file reader');
      await page.locator('#import-text').fill('services:\n  web:\n    image: nginx:1.27\n');
      await page.getByRole('button', { name: 'Read file' }).click();
      const error = page.locator('#import-error');
      await error.waitFor();
      assert.match(await error.innerText(), /did not arrive\. Check the connection, then press Read file again\./);
      assert.equal(await page.locator('#import-text').inputValue(), 'services:\n  web:\n    image: nginx:1.27\n', 'the text stays');
      await page.getByRole('button', { name: 'Read file' }).click();
      await page.locator('.import-preview').waitFor();
      assert.match(await page.locator('.import-preview').innerText(), /nginx:1\.27/);
      assert.equal(await error.count(), 0, 'the error is gone');
      assert.equal(reader.refused, 2);
    } finally {
      await context.close();
    }
  });

  test('saved answers and share links: read by a part a first visit does not fetch; when it does not arrive, nothing is lost', async () => {
    const context = await env.browser.newContext({ serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      let refuse = true;
      const reader = await gatePart(page, 'answers_reader', () => refuse);
      const live = () => page.locator('html[data-live]').waitFor({ state: 'attached' });
      await page.goto(env.server.url, { waitUntil: 'load' });
      await live();
      await page.locator('label[for="q-archetype-batch_job"]').click();
      await page.waitForFunction((key) => localStorage.getItem(key)?.includes('batch_job'), ANSWERS_KEY);
      const saved = await page.evaluate((key) => localStorage.getItem(key), ANSWERS_KEY);
      assert.equal(reader.requests, 0, 'a first visit, and answering, do not fetch the reader');

      // Saved answers, reader refused: the defaults with a notice, and the saved answers kept.
      await page.reload({ waitUntil: 'load' });
      await live();
      const notice = page.locator('.notice');
      await notice.waitFor();
      assert.match(await notice.innerText(), /saved answers are still in this browser.*reload the page/s);
      await page.waitForTimeout(200);
      assert.equal(await page.evaluate((key) => localStorage.getItem(key), ANSWERS_KEY), saved, 'not saved over');
      assert.ok(reader.requests >= 1);

      // A share link, reader refused: a notice, and the link stays in the address.
      await page.goto(`${env.server.url}#/results?a=1.broken`);
      // (By the link's own words: the saved answers' notice also says "did not arrive".)
      const alert = page.locator('.notice', { hasText: 'This shared link' });
      await alert.waitFor();
      assert.match(await alert.innerText(), /This shared link could not be opened.*open the link again/s);
      assert.match(page.url(), /\?a=1\.broken$/, 'the link stays in the address');

      // With the reader back, a reload reads both.
      refuse = false;
      await page.reload({ waitUntil: 'load' });
      await page.locator('.notice', { hasText: 'is damaged' }).waitFor();
      assert.doesNotMatch(page.url(), /\?a=/, 'a link that was read leaves the address');
      await page.evaluate(() => { location.hash = '#/questionnaire'; });
      await page.locator('#q-archetype-batch_job:checked').waitFor({ state: 'attached' });
      assert.equal(await page.evaluate((key) => localStorage.getItem(key), ANSWERS_KEY), saved);
    } finally {
      await context.close();
    }
  });

  test('the engine arrives with the first answer; when it does not, the live result says so and "Try again" fetches it', async () => {
    const context = await env.browser.newContext({ serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      let refuse = true;
      const engine = await gatePart(page, 'engine', () => refuse);
      await page.goto(env.server.url, { waitUntil: 'load' });
      await page.locator('html[data-live]').waitFor({ state: 'attached' });
      await page.waitForLoadState('networkidle');
      assert.equal(engine.requests, 0, 'the first screen needs no engine');
      const defaults = await page.locator('.live-summary').innerText();
      assert.match(defaults, /^Top pick: /, 'the live result the server rendered');

      await page.locator('label[for="q-archetype-batch_job"]').click();
      const alert = page.locator('.live [role="alert"]');
      await alert.waitFor();
      assert.match(await alert.innerText(), /did not arrive/);
      assert.ok(await page.locator('#q-archetype-batch_job').isChecked(), 'the answer stands');
      assert.equal(await page.locator('.live-ranking').count(), 0, 'no result for other answers is shown');
      assert.match(await alert.innerText(), /Answers changed meanwhile are saved in this browser once it arrives\./);
      assert.equal(await page.evaluate((key) => localStorage.getItem(key), ANSWERS_KEY), null, 'the writer comes with the engine');
      assert.ok(engine.refused >= 1);

      refuse = false;
      await alert.getByRole('button', { name: 'Try again' }).click();
      await page.waitForFunction(
        (before) => /^Top pick: /.test(document.querySelector('.live-summary')?.innerText ?? '') &&
          document.querySelector('.live-summary').innerText !== before,
        defaults,
      );
      assert.equal(await page.locator('.live [role="alert"]').count(), 0);
      assert.ok((await page.locator('.live-ranking li').count()) > 0);
      await page.waitForFunction((key) => localStorage.getItem(key)?.includes('batch_job'), ANSWERS_KEY);
      await page.reload();
      await page.locator('html[data-live]').waitFor({ state: 'attached' });
      assert.ok(await page.locator('#q-archetype-batch_job').isChecked(), 'and a reload finds them');
    } finally {
      await context.close();
    }
  });

  test('while the engine is on its way, the result on screen stays, marked as updating, and nothing moves', async () => {
    const context = await env.browser.newContext({ serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      const release = await holdRequests(page, /berth-web-part-engine-[0-9a-f]{16}\.wasm$/);
      await page.goto(env.server.url, { waitUntil: 'load' });
      await page.locator('html[data-live]').waitFor({ state: 'attached' });
      const defaults = await page.locator('.live-summary').innerText();
      const box = async () => page.locator('.live').boundingBox();
      const before = await box();

      await page.locator('label[for="q-archetype-batch_job"]').click();
      await page.locator('.live[aria-busy="true"] .live-updating').waitFor();
      assert.equal(await page.locator('.live-summary').innerText(), defaults, 'the result on screen stays');
      assert.ok((await page.locator('.live-ranking li').count()) > 0);
      assert.equal((await box()).height, before.height, 'the card keeps its size');

      release();
      await page.locator('.live[aria-busy]').waitFor({ state: 'detached' });
      assert.notEqual(await page.locator('.live-summary').innerText(), defaults, 'then the result for the new answers');
      assert.equal(await page.locator('.live-updating').count(), 0);
    } finally {
      await context.close();
    }
  });

  test('a part that does not arrive: the page says so, and "Try again" fetches it', async () => {
    const context = await env.browser.newContext({ serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      const results = await gatePart(page, 'results', (n) => n === 1);
      await page.goto(env.server.url, { waitUntil: 'load' });
      await page.locator('html[data-live]').waitFor({ state: 'attached' });
      // By the address, so no link is pointed at (which would fetch the part beforehand).
      await page.evaluate(() => { location.hash = '#/results'; });
      const alert = page.locator('.lazy-page [role="alert"]');
      await alert.waitFor();
      assert.match(await alert.innerText(), /could not be loaded/);
      assert.equal(await page.locator('#page-title').innerText(), 'Results', 'the page keeps its heading');
      await alert.getByRole('button', { name: 'Try again' }).click();
      await page.locator('#top-pick-title, #nothing-fits-title').first().waitFor();
      assert.equal(await page.locator('.lazy-page').count(), 0);
      assert.equal(results.refused, 1);
    } finally {
      await context.close();
    }
  });
});
