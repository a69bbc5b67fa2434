// End-to-end tests of the release build, served under /berth/ over plain HTTP.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PREFIX, appRendered, globRegExp, globsFrom, openApp, problems, start } from './harness.mjs';

const NAV_LINKS = ['Questionnaire', 'Results', 'Compare', 'About the data'];

describe('release build under /berth/', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    await env?.stop();
  });

  test('the page loads as HTML with a title', async () => {
    const app = await openApp(env);
    try {
      assert.equal(app.response.status(), 200);
      assert.match(app.response.headers()['content-type'], /^text\/html/);
      assert.match(await app.page.title(), /Berth/);
      assert.equal(await app.page.getAttribute('html', 'lang'), 'en');
    } finally {
      await app.close();
    }
  });

  test('the app renders a heading naming Berth', async () => {
    const app = await openApp(env);
    try {
      const heading = app.page.getByRole('heading', { level: 1 });
      assert.match(await heading.first().innerText(), /Berth/);
    } finally {
      await app.close();
    }
  });

  test('no console errors, uncaught exceptions or failed requests', async () => {
    const app = await openApp(env);
    try {
      await app.page.waitForLoadState('networkidle');
      assert.deepEqual(problems(app.seen), []);
    } finally {
      await app.close();
    }
  });

  test(`every request stays under ${PREFIX} on 127.0.0.1`, async () => {
    const app = await openApp(env);
    try {
      await app.page.waitForLoadState('networkidle');
      assert.ok(app.seen.requests.length >= 3, `expected HTML, JS and WASM requests, saw ${app.seen.requests}`);
      assert.ok(
        app.seen.requests.some((u) => u.endsWith('.wasm')),
        `the WebAssembly module is fetched: ${app.seen.requests}`,
      );
      const outside = app.seen.requests.filter((u) => !u.startsWith(env.server.url));
      assert.deepEqual(outside, [], `requests outside ${env.server.url}`);
    } finally {
      await app.close();
    }
  });

  test('the size report counts every file a first visit downloads', async (t) => {
    // `./x` passes the globs its size stage leaves out (SIZE_LAZY_FILES); none of them may
    // match a file that a first visit fetches, service worker precache included.
    const globs = globsFrom('BERTH_SIZE_LAZY_FILES');
    if (globs.length === 0) {
      t.diagnostic('BERTH_SIZE_LAZY_FILES is empty: the size stage counts every file');
    }
    const patterns = globs.map((g) => [g, globRegExp(g)]);
    const context = await env.browser.newContext();
    const fetched = new Set();
    context.on('request', (request) => fetched.add(request.url())); // page and service worker
    try {
      const page = await context.newPage();
      await page.goto(env.server.url, { waitUntil: 'load' });
      await appRendered(page);
      await page.waitForLoadState('networkidle');
      // Give a service worker time to install and precache.
      await page.evaluate(async () => {
        if (!('serviceWorker' in navigator)) return;
        const registration = await navigator.serviceWorker.getRegistration();
        if (registration) await Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, 5000))]);
      });
      await page.waitForLoadState('networkidle');
    } finally {
      await context.close();
    }
    const files = [...fetched]
      .filter((u) => u.startsWith(env.server.url))
      .map((u) => new URL(u).pathname.slice(PREFIX.length) || 'index.html');
    assert.ok(files.some((f) => f.endsWith('.wasm')), `the first visit fetched: ${files.join(', ')}`);
    const miscounted = files.flatMap((f) => patterns.filter(([, re]) => re.test(f)).map(([g]) => `${f} (matches ${g})`));
    assert.deepEqual(miscounted, [], 'files a first visit downloads must count towards the size budget');
  });

  test('the WebAssembly module is served as application/wasm', async () => {
    const app = await openApp(env);
    try {
      const wasm = app.seen.requests.find((u) => u.endsWith('.wasm'));
      assert.ok(wasm, 'a .wasm request was made');
      const response = await app.page.request.get(wasm);
      assert.equal(response.headers()['content-type'], 'application/wasm');
    } finally {
      await app.close();
    }
  });

  test('the navigation links are followable', async () => {
    const app = await openApp(env);
    try {
      const { page } = app;
      // The site navigation: the navigation landmark that holds the page links (a footer
      // or an in-page table of contents may link to the same pages; they don't count).
      const nav = page
        .getByRole('navigation')
        .filter({ has: page.getByRole('link', { name: NAV_LINKS[1], exact: true }) })
        .first();
      assert.equal(await nav.count(), 1, `a navigation landmark with the links ${NAV_LINKS.join(', ')}`);
      for (const name of NAV_LINKS) {
        const link = nav.getByRole('link', { name, exact: true });
        assert.equal(await link.count(), 1, `one navigation link named "${name}"`);
        const href = await link.getAttribute('href');
        assert.ok(href, `"${name}" has an href`);
        const target = new URL(href, page.url());
        assert.ok(
          target.href.startsWith(env.server.url),
          `"${name}" points inside the app (${target.href} under ${env.server.url})`,
        );
        await link.click();
        // The app may refine the route (add a query to the hash), so compare by prefix.
        await page.waitForURL((url) => url.pathname === target.pathname && url.hash.startsWith(target.hash), {
          timeout: 5_000,
        });
        const main = page.getByRole('main');
        await main.waitFor({ state: 'visible', timeout: 5_000 });
        assert.ok((await main.innerText()).trim().length > 0, `"${name}" shows content`);
      }
      // Reload on the last route: a deep link must work too.
      await page.reload({ waitUntil: 'load' });
      await page.getByRole('main').waitFor({ state: 'visible', timeout: 15_000 });
      await page.waitForLoadState('networkidle');
      assert.deepEqual(problems(app.seen, { origin: env.server.origin }), []);
    } finally {
      await app.close();
    }
  });
});
