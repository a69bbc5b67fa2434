// The embeddable widget on the example docs page (docs/embed-example/, copied into the
// build as embed-example/): two <berth-advisor>s with different presets, under the page's
// strict CSP and a deliberately hostile host stylesheet, plus the <iframe> variant.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, PREFIX, chromiumPath, distDir, nextToTheEnd, startWidget } from './harness.mjs';
import { startServerWithHeaders } from './lib/static-server-with-headers.mjs';
import { CSP_EXAMPLE } from '../../scripts/pwa/post-build.mjs';

const EXAMPLE = 'embed-example/';
const WIDGET_SCRIPTS = /\/(widget\.js|embed-iframe\.js|embed-example\/example\.js)$/;
const HOST_CHECKS = ['#host-title', '#host-text', '#host-button', '#host-link', '#batch-title'];
const HOST_PROPS = ['font-size', 'color', 'display', 'font-family', 'text-transform', 'margin-top', 'letter-spacing'];

async function hostStyles(page) {
  return page.evaluate(
    ({ selectors, props }) =>
      Object.fromEntries(
        selectors.map((s) => {
          const style = getComputedStyle(document.querySelector(s));
          return [s, Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]))];
        }),
      ),
    { selectors: HOST_CHECKS, props: HOST_PROPS },
  );
}

const windowNames = (page) => page.evaluate(() => Object.getOwnPropertyNames(window).sort());

describe('embeddable widget', () => {
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

  /** The example page; `widgets: false` blocks the embed scripts (the host page alone). */
  async function open({ widgets = true } = {}) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const seen = { violations: [], errors: [], requests: [] };
    await context.exposeBinding('__berthTestViolation', (_s, v) => seen.violations.push(v));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__berthTestViolation(`${e.violatedDirective}: ${e.blockedURI || 'inline'}`),
      );
    });
    if (!widgets) await context.route(WIDGET_SCRIPTS, (route) => route.abort());
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
    page.on('pageerror', (e) => seen.errors.push(String(e)));
    page.on('request', (r) => seen.requests.push({ url: r.url(), frame: r.frame() === page.mainFrame() ? 'main' : 'child' }));
    const response = await page.goto(`${server.url}${EXAMPLE}`, { waitUntil: 'load' });
    if (widgets) {
      await startWidget(page.locator('#batch'));
      await startWidget(page.locator('#gpu'));
    }
    return { context, page, response, seen };
  }

  test('both widgets start from their own presets, under the host page CSP', async () => {
    const { context, page, response, seen } = await open();
    try {
      assert.equal(response.headers()['content-security-policy'], CSP_EXAMPLE);
      assert.equal(await page.locator("#batch #q-archetype-batch_job").isChecked(), true);
      assert.equal(await page.locator('#gpu #q-archetype-gpu_inference').isChecked(), true);
      // platforms="aci,container-apps,aks-virtual-nodes": only Azure platforms are considered.
      assert.match(await page.locator('#batch .live-summary').innerText(), /Top pick: (Azure|AKS)/);
      const wasm = seen.requests.filter((r) => r.frame === 'main' && r.url.endsWith('_bg.wasm'));
      assert.equal(wasm.length, 1, 'one wasm download for both widgets');
      await page.waitForLoadState('networkidle');
      assert.deepEqual([...seen.violations, ...seen.errors], []);
    } finally {
      await context.close();
    }
  });

  test('each widget completes its own flow without touching the other, the URL or storage', async () => {
    const { context, page, seen } = await open();
    try {
      const batch = page.locator('#batch');
      const gpu = page.locator('#gpu');
      const url = page.url();
      const gpuSection = await gpu.locator('#section-title').innerText();
      const steps = await nextToTheEnd(batch);
      assert.ok(steps >= 3, `walked ${steps} sections`);
      assert.match(await batch.locator('.live-summary').innerText(), /^Top pick: /);
      assert.equal(await gpu.locator('#section-title').innerText(), gpuSection, 'the other widget did not move');

      await gpu.locator('label[for="q-archetype-public_web"]').click();
      await nextToTheEnd(gpu);
      assert.match(await gpu.locator('.live-summary').innerText(), /^Top pick: /);
      assert.equal(await batch.locator('#q-archetype-batch_job').count(), 0, 'batch widget still on its last section');

      assert.equal(page.url(), url, 'the host URL is unchanged');
      assert.equal(await page.evaluate(() => localStorage.length), 0, 'widgets keep nothing in localStorage');
      assert.deepEqual([...seen.violations, ...seen.errors], []);
    } finally {
      await context.close();
    }
  });

  test('host styles are untouched and the widgets ignore the hostile host CSS', async () => {
    const bare = await open({ widgets: false });
    const before = await hostStyles(bare.page);
    await bare.context.close();
    assert.equal(before['#host-text']['font-size'], '40px', 'the hostile CSS is in force on the host');

    const { context, page } = await open();
    try {
      assert.deepEqual(await hostStyles(page), before, "the widgets' CSS does not leak out");
      const inside = await page.evaluate(() =>
        ['batch', 'gpu'].map((id) => {
          const root = document.getElementById(id).shadowRoot;
          const style = (el) => getComputedStyle(el);
          const berth = root.querySelector('.berth');
          const button = root.querySelector('.step-nav button.primary');
          const heading = root.querySelector('h2');
          const label = root.querySelector('label');
          return {
            fontSize: style(berth).fontSize,
            color: style(berth).color,
            fontFamily: style(berth).fontFamily,
            buttonDisplay: style(button).display,
            buttonVisible: button.getBoundingClientRect().height > 0,
            headingDisplay: style(heading).display,
            labelVisibility: style(label).visibility,
            letterSpacing: style(berth).letterSpacing,
            theme: style(berth).colorScheme,
          };
        }),
      );
      for (const w of inside) {
        assert.notEqual(w.color, 'rgb(255, 0, 0)');
        assert.doesNotMatch(w.fontFamily, /Comic/);
        assert.notEqual(w.buttonDisplay, 'none');
        assert.ok(w.buttonVisible);
        assert.notEqual(w.headingDisplay, 'none');
        assert.equal(w.labelVisibility, 'visible');
        assert.equal(w.letterSpacing, 'normal');
      }
      assert.equal(inside[0].fontSize, '16px', 'not the host 40px');
      assert.equal(inside[1].fontSize, '15px', 'compact widget: 15px');
      assert.equal(inside[1].theme, 'dark', 'theme="dark"');
      // rem inside the widget is the widget's, not the host root's 40px.
      const h2 = await page.locator('#gpu h2').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      assert.ok(h2 > 16 && h2 < 40, `widget heading ${h2}px`);
    } finally {
      await context.close();
    }
  });

  test('the widget adds no globals to window beyond the custom element', async () => {
    const bare = await open({ widgets: false });
    const baseline = await windowNames(bare.page);
    await bare.context.close();
    const { context, page } = await open();
    try {
      const added = (await windowNames(page)).filter((n) => !baseline.includes(n));
      assert.deepEqual(added, []);
      assert.equal(await page.evaluate(() => typeof window.wasmBindings), 'undefined');
      assert.equal(await page.evaluate(() => typeof customElements.get('berth-advisor')), 'function');
    } finally {
      await context.close();
    }
  });

  test('removing a widget unmounts it; adding it back or changing an attribute mounts it again', async () => {
    const { context, page, seen } = await open();
    try {
      await page.evaluate(() => {
        const gpu = document.getElementById('gpu');
        window.__berthTestParked = gpu;
        gpu.remove();
      });
      assert.equal(await page.evaluate(() => window.__berthTestParked.shadowRoot.childElementCount), 0);
      await page.locator('#batch .step-nav button.primary').click();
      await page.evaluate(() => {
        const gpu = window.__berthTestParked;
        gpu.setAttribute('archetype', 'event_worker');
        document.body.append(gpu);
      });
      await page.locator('#gpu .live-summary').waitFor();
      assert.equal(await page.locator('#gpu #q-archetype-event_worker').isChecked(), true);
      // A changed attribute on a mounted widget restarts it from the new preset.
      await page.evaluate(() => document.getElementById('gpu').setAttribute('archetype', 'windows_app'));
      await page.locator('#gpu #q-archetype-windows_app:checked').waitFor();
      assert.deepEqual([...seen.violations, ...seen.errors], []);
    } finally {
      await context.close();
    }
  });

  test('a bad attribute shows an error inside the widget, not on the page', async () => {
    const { context, page } = await open();
    try {
      const text = await page.evaluate(async () => {
        const el = document.createElement('berth-advisor');
        el.setAttribute('platforms', 'no-such-platform');
        el.setAttribute('load', 'eager');
        document.body.append(el);
        for (let i = 0; i < 50 && !el.shadowRoot.querySelector('[role="alert"]'); i += 1) {
          await new Promise((r) => setTimeout(r, 50));
        }
        return el.shadowRoot.querySelector('[role="alert"]')?.textContent ?? '';
      });
      assert.match(text, /unknown platform "no-such-platform"/);
    } finally {
      await context.close();
    }
  });

  test('the iframe variant resizes to its content and ignores messages from elsewhere', async () => {
    const { context, page, seen } = await open();
    try {
      const frame = page.locator('#frame');
      await startWidget(page.frameLocator('#frame').locator('berth-advisor'));
      await page.waitForFunction(() => document.getElementById('frame').dataset.berthHeight);
      // The started advisor's size reaches the host a message later than its render: read
      // the asked height, the iframe's and the content's until a resize has settled.
      const sizes = async () => ({
        asked: Number(await frame.getAttribute('data-berth-height')),
        box: (await frame.boundingBox()).height,
        inner: await page
          .frameLocator('#frame')
          .locator('html')
          .evaluate((html) => Math.ceil(html.getBoundingClientRect().height)),
      });
      let now = await sizes();
      for (let i = 0; i < 50 && (Math.abs(now.box - now.asked) > 1 || Math.abs(now.inner - now.asked) > 2); i += 1) {
        await page.waitForTimeout(50);
        now = await sizes();
      }
      const first = now.asked;
      assert.ok(first >= 160 && first <= 8000);
      assert.ok(Math.abs(now.box - first) <= 1, `iframe is ${now.box}px, asked ${first}px`);
      assert.ok(Math.abs(now.inner - first) <= 2, `content ${now.inner}px vs iframe ${first}px`);

      // Forged from the host page itself (wrong source): ignored.
      await page.evaluate(() => window.postMessage({ type: 'berth:resize', height: 5 }, '*'));
      await page.waitForTimeout(200);
      assert.equal(Number(await frame.getAttribute('data-berth-height')), first);

      // Content grows (an answer that adds a question): the iframe follows.
      await page.frameLocator('#frame').locator('berth-advisor').evaluate((el) => {
        el.shadowRoot.querySelector('.berth').append(Object.assign(document.createElement('div'), { className: 'test-spacer' }));
        el.shadowRoot.querySelector('.test-spacer').style.height = '400px';
      });
      await page.waitForFunction((h) => Number(document.getElementById('frame').dataset.berthHeight) >= h + 390, first);
      assert.deepEqual([...seen.violations, ...seen.errors], []);
    } finally {
      await context.close();
    }
  });
});
