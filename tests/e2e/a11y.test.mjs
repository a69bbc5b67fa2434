// Automated accessibility checks (axe-core) of the release build. These catch the
// mechanical failures (names, roles, contrast, landmarks); they do not replace a
// keyboard and screen-reader pass.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { openApp, start } from './harness.mjs';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

function describeViolations(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`)
    .join('\n');
}

describe('accessibility (axe-core, WCAG 2.2 A and AA)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    await env?.stop();
  });

  for (const scheme of ['light', 'dark']) {
    test(`the first screen has no violations (${scheme} colour scheme)`, async () => {
      const app = await openApp(env);
      try {
        await app.page.emulateMedia({ colorScheme: scheme });
        const results = await new AxeBuilder({ page: app.page }).withTags(WCAG_TAGS).analyze();
        assert.equal(results.violations.length, 0, describeViolations(results.violations));
      } finally {
        await app.close();
      }
    });

    test(`a live result that cannot be worked out has no violations (${scheme} colour scheme)`, async () => {
      const context = await env.browser.newContext({ serviceWorkers: 'block', colorScheme: scheme });
      try {
        const page = await context.newPage();
        await page.route(/berth-web-part-engine-[0-9a-f]{16}\.wasm$/, (route) => route.abort('internetdisconnected'));
        await page.goto(env.server.url, { waitUntil: 'load' });
        await page.locator('html[data-live]').waitFor({ state: 'attached' });
        await page.locator('label[for="q-archetype-batch_job"]').click();
        await page.locator('.live [role="alert"]').waitFor();
        const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        assert.equal(results.violations.length, 0, describeViolations(results.violations));
      } finally {
        await context.close();
      }
    });
  }
});
