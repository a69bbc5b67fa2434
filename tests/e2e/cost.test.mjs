// The monthly cost estimate as a person meets it: on the results page (chart, cards,
// the breakdown on demand), in the comparison table and in the Markdown export, each
// figure the same as the CLI's report for the same answers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { appRendered, assertSettles, openApp, problems, start } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The CLI's report for the default answers (public web preset). */
function cliReport() {
  const out = execFileSync('cargo', ['run', '--quiet', '--bin', 'berth', '--', 'evaluate', '-'], {
    cwd: ROOT,
    input: JSON.stringify({ version: 1, archetype: 'public_web' }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 900_000,
  });
  return JSON.parse(out);
}

describe('the cost estimate', () => {
  let env;
  let report;
  let fits;
  before(async () => {
    env = await start();
    report = cliReport();
    fits = report.platforms.filter((p) => p.cost);
  });
  after(async () => {
    await env?.stop();
  });

  test('results show a chart row and a card figure per platform that fits, and the lines on demand', async () => {
    const app = await openApp(env, '#/results');
    try {
      const { page } = app;
      await appRendered(page);
      await page.locator('#cost-title').waitFor();
      assert.equal(await page.locator('.cost-table tbody tr').count(), fits.length);
      const chart = await page.locator('.cost-table').innerText();
      for (const p of fits) {
        if (p.cost.monthly) assert.ok(chart.includes(p.cost.monthly), `${p.id}: ${p.cost.monthly} in the chart`);
        const card = page.locator(`#platform-${p.id}`);
        const figure = await card.locator('.cost-figure').innerText();
        assert.match(figure, /Estimated cost: /);
        if (p.cost.monthly) assert.ok(figure.includes(p.cost.monthly), `${p.id}: ${figure}`);
        else assert.match(figure, p.cost.known === '$0.00' ? /unknown: no price in the catalog for / : /at least .* unknown/);
      }
      const cloudRun = page.locator('#platform-cloud-run details.cost');
      await cloudRun.locator('summary').click();
      const lines = cloudRun.locator('li');
      assert.ok(await lines.first().isVisible(), 'the breakdown opens');
      const expected = fits.find((p) => p.id === 'cloud-run').cost;
      assert.equal(await lines.count(), expected.lines.length + expected.notes.length + 1);
      const href = await cloudRun.locator('.cite a').first().getAttribute('href');
      assert.match(href, /^https:\/\/cloud\.google\.com\//);
      await page.locator('.cost-basis summary').click();
      assert.match(await page.locator('.cost-basis').innerText(), /only workload on the account/);
      // The links within the page move there and stay on the results page: the address
      // fragment is the route, so following `#p-…` would open the questionnaire.
      const last = fits.at(-1);
      await page.locator('.cost-table a', { hasText: last.name }).click();
      assert.equal(await page.evaluate(() => location.hash), '#/results');
      await assertSettles(() => page.evaluate(() => document.activeElement?.id), `p-${last.id}`);
      await cloudRun.locator('a', { hasText: 'What every estimate assumes' }).click();
      assert.equal(await page.evaluate(() => location.hash), '#/results');
      await assertSettles(() => page.evaluate(() => document.activeElement?.id), 'cost-title');
      assert.deepEqual(problems(app.seen, { origin: env.server.origin }), []);
    } finally {
      await app.close();
    }
  });

  test('the comparison table ends with the monthly estimate of every platform', async () => {
    const app = await openApp(env, '#/compare');
    try {
      const { page } = app;
      await appRendered(page);
      const row = await page.locator('.compare-table tr.cost-row').innerText();
      assert.match(row, /Estimated monthly cost/);
      for (const p of fits) if (p.cost.monthly) assert.ok(row.includes(p.cost.monthly), `${p.id} in ${row}`);
    } finally {
      await app.close();
    }
  });

  test('the Markdown export carries every estimate with its sources and assumptions', async () => {
    const context = await env.browser.newContext({ acceptDownloads: true });
    try {
      const page = await context.newPage();
      await page.goto(`${env.server.url}#/results`);
      await appRendered(page);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download report (Markdown)' }).click(),
      ]);
      const { readFile } = await import('node:fs/promises');
      const markdown = await readFile(await download.path(), 'utf8');
      assert.ok(markdown.includes('## What it will cost (estimate)'), markdown.slice(0, 400));
      for (const p of fits) if (p.cost.monthly) assert.ok(markdown.includes(p.cost.monthly), `${p.id} in the Markdown`);
      assert.ok(markdown.includes('(https://cloud.google.com/run/pricing)'));
      assert.ok(markdown.includes('Free tiers are applied as if this were the only workload'));
    } finally {
      await context.close();
    }
  });
});
