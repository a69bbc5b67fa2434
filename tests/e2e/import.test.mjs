// Start from a file: paste a Compose file on the questionnaire, pick a service, see what
// was read (with provenance) and apply it; the recommendation follows, and the manifests
// bundle for it (ZIP from the worker) carries migration notes. Accessible at 360 px.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { openApp, pageShown, problems, start } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const COMPOSE = readFileSync(path.join(ROOT, 'tests/import/compose-web-worker.yaml'), 'utf8');

describe('start from a file', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    await env?.stop();
  });

  test('paste a compose file, pick a service, see the recommendation and download the bundle with migration notes', async () => {
    const app = await openApp(env, '#/questionnaire');
    const { page } = app;
    try {
      await page.locator('.start-from-file summary').click();
      await page.locator('#import-text').fill(COMPOSE);
      await page.getByRole('button', { name: 'Read file' }).click();
      // Three services: a choice first.
      await page.locator('#import-error', { hasText: 'choose one' }).waitFor();
      await page.locator('#import-service').selectOption('web');
      const preview = page.locator('.import-preview');
      await preview.waitFor();
      const text = await preview.innerText();
      assert.match(text, /from your file: services\.web\.deploy\.resources\.limits\.cpus: '2'/);
      assert.match(text, /ghcr\.io\/example\/shop-web:3\.2\.0/);
      assert.match(await page.locator('.import-not-understood').innerText(), /\.\/uploads/);
      await page.getByRole('button', { name: 'Apply these answers' }).click();
      const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('berth.answers.v1')));
      assert.equal(stored.deploy.image, 'ghcr.io/example/shop-web:3.2.0');
      assert.equal(stored.imported.workload, 'web');

      // The recommendation for what was read.
      await page.evaluate(() => {
        window.location.hash = '#/results';
      });
      await pageShown(page, 'Results');
      await page.locator('.top-pick').first().waitFor();

      // Its bundle, from the worker, with migration notes on the page and in the README.
      await page.evaluate(() => {
        window.location.hash = '#/manifests';
      });
      await pageShown(page, 'Starter manifests');
      const notes = page.locator('.migration-notes');
      await notes.waitFor();
      assert.match(await notes.innerText(), /From: Compose file/);
      assert.match(await notes.innerText(), /Secret DB_PASSWORD/);
      const zip = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download all (.zip)' }).click();
      const bytes = await readFile(await (await zip).path());
      assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
      assert.ok(bytes.includes(Buffer.from('## Migration notes')), 'the README in the ZIP has migration notes');
      assert.deepEqual(problems(app.seen), []);
    } finally {
      await app.close();
    }
  });

  test('the import panel is keyboard-usable and axe-clean at 360 px', async () => {
    const app = await openApp(env, '#/questionnaire');
    const { page } = app;
    try {
      await page.setViewportSize({ width: 360, height: 800 });
      await page.locator('.start-from-file summary').focus();
      await page.keyboard.press('Enter');
      await page.locator('#import-text').fill(COMPOSE);
      await page.locator('#import-service').waitFor({ state: 'detached' }).catch(() => {});
      await page.getByRole('button', { name: 'Read file' }).focus();
      await page.keyboard.press('Enter');
      await page.locator('#import-service').waitFor();
      await page.locator('#import-service').selectOption('worker');
      await page.locator('.import-preview').waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `no horizontal scrolling at 360 px (${width})`);
      const results = await new AxeBuilder({ page }).include('.start-from-file').analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.help}`), []);
    } finally {
      await app.close();
    }
  });
});
