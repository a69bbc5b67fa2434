// The <berth-advisor> options on the example docs page (docs/embed-example/): `platforms`
// as a real subset, `views`, `theme` kept inside the shadow root, `compact` (the dense
// look), focus moves that stay inside their own widget, and `share-url`.
//
//   #batch  platforms="aci,container-apps,aks-virtual-nodes" views="questionnaire,results" share-url="../"
//   #gpu    theme="dark" compact (every platform, every view, no share-url)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, PREFIX, assertSettles, chromiumPath, distDir, pageShown, startWidget } from './harness.mjs';
import { startServerWithHeaders } from './lib/static-server-with-headers.mjs';

const EXAMPLE = 'embed-example/';
const THEME_KEY = 'berth.theme.v1';
const AZURE = ['Azure Container Instances', 'AKS virtual nodes (Azure Container Instances)', 'Azure Container Apps'];

describe('widget options', () => {
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

  /** The example page, in a light system theme, with the site's saved theme set to `saved`. */
  async function open({ saved } = {}) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, colorScheme: 'light' });
    if (saved) await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [THEME_KEY, saved]);
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.url}${EXAMPLE}`, { waitUntil: 'load' });
    await startWidget(page.locator('#batch'));
    await startWidget(page.locator('#gpu'));
    return { context, page, errors };
  }

  /** The widget's own <nav> link texts. */
  const nav = (page, id) => page.locator(`#${id} nav a`).allInnerTexts();

  /** What has focus: the widget host the document sees, and the element inside its shadow root. */
  const focused = (page) =>
    page.evaluate(() => {
      const host = document.activeElement;
      const inner = host?.shadowRoot?.activeElement;
      return { host: host?.id ?? null, inside: inner?.id ?? inner?.tagName ?? null };
    });

  async function bad(page, attributes) {
    return page.evaluate(async (attrs) => {
      const el = document.createElement('berth-advisor');
      el.setAttribute('load', 'eager');
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      document.body.append(el);
      for (let i = 0; i < 50 && !el.shadowRoot.querySelector('[role="alert"]'); i += 1) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const text = el.shadowRoot.querySelector('[role="alert"]')?.textContent ?? '';
      el.remove();
      return text;
    }, attributes);
  }

  test('platforms: only the listed platforms are evaluated, ranked and shown', async () => {
    const { context, page, errors } = await open();
    try {
      const live = await page.locator('#batch .live-ranking .name').allInnerTexts();
      assert.ok(live.length > 0 && live.every((n) => AZURE.includes(n)), `live panel: ${live}`);
      await page.locator('#batch .live a.button').click();
      await page.locator('#batch .all-platforms').waitFor();
      const cards = await page.locator('#batch .all-platforms .platform h4').allInnerTexts();
      assert.deepEqual([...cards].sort(), [...AZURE].sort());
      assert.match(await page.locator('#batch .results .lede').first().innerText(), / of 3 platforms fit/);
      // The other widget lists every platform.
      await page.locator('#gpu .live a.button').click();
      await page.locator('#gpu .all-platforms').waitFor();
      assert.ok((await page.locator('#gpu .all-platforms .platform').count()) > 3);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('views: the navigation lists only those views, and the others cannot be reached', async () => {
    const { context, page, errors } = await open();
    try {
      assert.deepEqual(await nav(page, 'batch'), ['Questionnaire', 'Results']);
      assert.deepEqual(await nav(page, 'gpu'), ['Questionnaire', 'Results', 'Compare', 'About the data']);
      const hidden = '#batch a[href^="#/compare"], #batch a[href^="#/about"], #batch a[href^="#/manifests"]';
      assert.equal(await page.locator(hidden).count(), 0);
      await page.locator('#batch nav a', { hasText: 'Results' }).click();
      await pageShown(page.locator('#batch'), 'Results');
      assert.equal(await page.locator(hidden).count(), 0, 'no manifests or compare links in the results either');
      assert.ok((await page.locator('#gpu a[href="#/manifests"]').count()) === 0, 'gpu is still on its questionnaire');
      await page.locator('#gpu .live a.button').click();
      await pageShown(page.locator('#gpu'), 'Results');
      assert.ok((await page.locator('#gpu a[href="#/manifests"]').count()) > 0, 'all views: manifests are linked');

      assert.match(
        await bad(page, { views: 'results,settings' }),
        /unknown view "settings" in views; known: questionnaire, results, compare, about, manifests/,
      );
      assert.match(await bad(page, { theme: 'sepia' }), /unknown theme "sepia" in theme/);
      assert.deepEqual(errors.filter((e) => !/berth-advisor: unknown/.test(e)), []);
    } finally {
      await context.close();
    }
  });

  test('theme="dark" is dark inside its widget only; the saved theme is neither read nor written', async () => {
    const { context, page, errors } = await open({ saved: 'dark' });
    try {
      const seen = await page.evaluate(() => {
        const berth = (id) => document.getElementById(id).shadowRoot.querySelector('.berth');
        const look = (el) => ({ scheme: getComputedStyle(el).colorScheme, background: getComputedStyle(el).backgroundColor });
        return {
          gpu: { theme: berth('gpu').dataset.theme, ...look(berth('gpu')) },
          batch: { theme: berth('batch').dataset.theme, ...look(berth('batch')) },
          html: { theme: document.documentElement.getAttribute('data-theme'), ...look(document.documentElement) },
          body: look(document.body),
        };
      });
      assert.deepEqual(seen.gpu, { theme: 'dark', scheme: 'dark', background: 'rgb(17, 20, 24)' });
      // The site's saved "dark" is not read: the widget without `theme` follows the (light) system.
      assert.equal(seen.batch.theme, 'auto');
      assert.equal(seen.batch.background, 'rgb(246, 247, 249)');
      assert.equal(seen.html.theme, null, '<html> has no data-theme');
      assert.equal(seen.html.scheme, 'normal');
      assert.equal(seen.body.background, 'rgba(0, 0, 0, 0)', 'the host page stays light');

      await page.locator('#gpu .live a.button').click();
      await page.locator('#gpu nav a', { hasText: 'Compare' }).click();
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), THEME_KEY), 'dark', 'left as it was');
      assert.equal(await page.evaluate(() => localStorage.length), 1, 'nothing else stored');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('compact is the dense look; without it the widget is embedded but not dense', async () => {
    const { context, page } = await open();
    try {
      const look = await page.evaluate(() =>
        Object.fromEntries(
          ['batch', 'gpu'].map((id) => {
            const root = document.getElementById(id).shadowRoot;
            const berth = root.querySelector('.berth');
            return [
              id,
              {
                dense: berth.classList.contains('dense'),
                fontSize: getComputedStyle(berth).fontSize,
                lede: !!root.querySelector('.qa .lede'),
                help: !!root.querySelector('#q-archetype-help'),
                chrome: !!root.querySelector('main, h1, header, footer'),
              },
            ];
          }),
        ),
      );
      assert.deepEqual(look.gpu, { dense: true, fontSize: '15px', lede: false, help: false, chrome: false });
      assert.deepEqual(look.batch, { dense: false, fontSize: '16px', lede: true, help: true, chrome: false });
    } finally {
      await context.close();
    }
  });

  test('focus moves stay inside the widget that moved', async () => {
    const { context, page } = await open();
    try {
      await page.locator('#gpu nav a', { hasText: 'Compare' }).click();
      await assertSettles(() => focused(page), { host: 'gpu', inside: 'page-title' });
      await page.keyboard.press('Tab');
      assert.equal((await focused(page)).host, 'gpu', 'Tab goes on inside the widget');

      await page.locator('#batch .step-nav button.primary').click();
      await assertSettles(() => focused(page), { host: 'batch', inside: 'section-title' });
      assert.equal(await page.locator('#gpu #page-title').innerText(), 'Compare', 'the other widget did not move');

      await page.locator('#batch .live a.button').focus();
      await page.keyboard.press('Enter');
      await assertSettles(() => focused(page), { host: 'batch', inside: 'page-title' });
      assert.equal(await page.locator('#batch #page-title').innerText(), 'Results');
    } finally {
      await context.close();
    }
  });

  test('share-url: the share link opens the full app; without it there is no share link', async () => {
    const { context, page } = await open();
    try {
      await page.locator('#gpu .live a.button').click();
      await page.locator('#gpu .share').waitFor();
      assert.equal(await page.locator('#gpu #share-url').count(), 0, 'no link to the host page');

      await page.locator('#batch .live a.button').click();
      const link = await page.locator('#batch #share-url').inputValue();
      // share-url="../" on the example page: the Berth build it is in.
      assert.ok(link.startsWith(`${server.url}#/results?a=`), link);

      const full = await context.newPage();
      await full.goto(link, { waitUntil: 'load' });
      await pageShown(full, 'Results');
      assert.match(await full.locator('.notice').first().innerText(), /Opened the answers from a shared link/);
      assert.equal(await full.locator('#q-archetype-batch_job').count(), 0, 'on the results page');
      await full.goto(`${server.url}#/questionnaire`);
      assert.equal(await full.locator('#q-archetype-batch_job').isChecked(), true, "the widget's answers");
    } finally {
      await context.close();
    }
  });
});
