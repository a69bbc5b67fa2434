// The product as a person meets it: every archetype through the questionnaire to a top
// pick (checked against the CLI on the same answers), a platform ruled out with its
// reason, share links (good, and damaged), persistence, export, keyboard-only use,
// accessibility (axe, both themes), a 360 px phone, and no network after the first load.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { PHONE, TABLET, appRendered, assertSettles, nextToTheEnd, openApp, pageShown, problems, start } from './harness.mjs';
import { isPartFile, isWorkerFile } from '../../scripts/pwa/post-build.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARCHETYPES = ['public_web', 'internal_service', 'event_worker', 'batch_job', 'gpu_inference', 'windows_app', 'scratch'];
const PAGES = ['questionnaire', 'results', 'compare', 'about', 'manifests'];

/** The CLI's report for these answers: the same core, run natively. */
function cliReport(answers) {
  const out = execFileSync('cargo', ['run', '--quiet', '--bin', 'berth', '--', 'evaluate', '-'], {
    cwd: ROOT,
    input: JSON.stringify({ version: 1, ...answers }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 900_000,
  });
  return JSON.parse(out);
}

function topPickName(report) {
  return report.platforms.find((p) => p.id === report.top_pick)?.name ?? null;
}

async function goto(page, hash) {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
  await page.locator('#page-title').waitFor();
  await page.locator('.lazy-page').waitFor({ state: 'detached' });
}

async function storedAnswers(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem('berth.answers.v1')));
}

async function axeViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`,
  );
}

describe('the questionnaire-to-recommendation flow', () => {
  let env;
  const expected = {};
  before(async () => {
    env = await start();
    for (const archetype of ARCHETYPES) expected[archetype] = cliReport({ archetype });
  });
  after(async () => {
    await env?.stop();
  });

  for (const archetype of ARCHETYPES) {
    test(`${archetype}: walking every section ends at the CLI's top pick`, async () => {
      const app = await openApp(env, '#/questionnaire');
      try {
        const { page } = app;
        await page.locator(`label[for="q-archetype-${archetype}"]`).click();
        await nextToTheEnd(page);
        await page.getByRole('link', { name: 'See results' }).first().click();
        await pageShown(page, 'Results');
        const report = expected[archetype];
        const name = topPickName(report);
        if (name) {
          const shown = await page.locator('#top-pick-title').innerText();
          assert.ok(shown.startsWith(name), `top pick "${shown}" should be "${name}"`);
          const live = await page.evaluate(() => document.title);
          assert.match(live, /Results/);
        } else {
          await page.locator('#nothing-fits-title').waitFor();
        }
        assert.equal(await page.locator('article.platform').count(), report.platforms.length);
        assert.deepEqual(problems(app.seen, { origin: env.server.origin }), []);
      } finally {
        await app.close();
      }
    });
  }

  test('an answer that rules a platform out says so, and the reason links back to it', async () => {
    const app = await openApp(env, '#/questionnaire?q=os');
    try {
      const { page } = app;
      await page.locator('label[for="q-os-windows"]').click();
      const rules = page.locator('#q-os-rules');
      await rules.waitFor();
      const report = cliReport({ archetype: 'public_web', os: 'windows' });
      const ruledOut = report.platforms.filter((p) => p.verdict === 'ruled_out');
      assert.ok(ruledOut.length > 0);
      const victim = ruledOut.find((p) => p.reasons.some((r) => r.outcome === 'fail' && r.question === 'os'));
      assert.ok(victim, 'a platform is ruled out by the OS answer');
      assert.match(await rules.innerText(), new RegExp(victim.name.replace(/[()]/g, '\\$&')));

      await goto(page, '#/results');
      const card = page.locator(`#platform-${victim.id}`);
      assert.match(await card.locator('.badge').first().innerText(), /Ruled out/);
      const blocker = card.locator('.blockers .reason', { has: page.locator('a[href="#/questionnaire?q=os"]') }).first();
      const failText = victim.reasons.find((r) => r.outcome === 'fail' && r.question === 'os').text;
      assert.ok((await blocker.innerText()).includes(failText), 'the reason names the answer and the limit');
      const source = await blocker.locator('.cite a').getAttribute('href');
      assert.match(source, /^https:\/\//);
      await blocker.locator('a.answer-link').click();
      await page.locator('#section-title', { hasText: 'OS and CPU architecture' }).waitFor();
      await assertSettles(() => page.evaluate(() => document.activeElement?.id), 'q-os-windows', 'focus lands on the answer');
    } finally {
      await app.close();
    }
  });

  test('two open tabs never undo each other: each shows what the other saved', async () => {
    const a = await openApp(env, '#/questionnaire?q=vcpu');
    try {
      const b = await a.context.newPage();
      await b.goto(`${env.server.url}#/questionnaire?q=memory_gib`);
      await appRendered(b);
      await a.page.locator('#q-vcpu-input').fill('4');
      // B learns of A's change before its own.
      await b.locator('.notice', { hasText: 'changed in another tab' }).waitFor();
      await b.locator('#q-memory_gib-input').fill('8');
      await a.page.locator('.notice', { hasText: 'changed in another tab' }).waitFor();
      const stored = await a.page.evaluate(() => JSON.parse(localStorage.getItem('berth.answers.v1')));
      assert.deepEqual([stored.vcpu, stored.memory_gib], [4, 8], 'both changes kept');
      await a.page.reload();
      await appRendered(a.page);
      await goto(a.page, '#/questionnaire?q=memory_gib');
      assert.equal(await a.page.locator('#q-memory_gib-input').inputValue(), '8', "B's change, in A after a reload");
    } finally {
      await a.close();
    }
  });

  test('a share link restores questionnaire and results in a fresh browser', async () => {
    const first = await openApp(env, '#/questionnaire');
    let url;
    let pick;
    try {
      const { page } = first;
      await page.locator('label[for="q-archetype-batch_job"]').click();
      await goto(page, '#/questionnaire?q=vcpu');
      await page.locator('#q-vcpu-input').fill('3');
      await goto(page, '#/results');
      url = await page.locator('#share-url').inputValue();
      pick = await page.locator('#top-pick-title').innerText();
      assert.ok(url.startsWith(env.server.url), url);
      assert.match(url, /#\/results\?a=1\./);
    } finally {
      await first.close();
    }
    const context = await env.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(url);
      await appRendered(page);
      await page.locator('.notice', { hasText: 'Opened the answers from a shared link' }).waitFor();
      assert.equal(await page.locator('#top-pick-title').innerText(), pick);
      assert.equal(new URL(page.url()).hash, '#/results', 'the code is tidied out of the address');
      await goto(page, '#/questionnaire?q=vcpu');
      assert.equal(await page.locator('#q-vcpu-input').inputValue(), '3');
      await goto(page, '#/questionnaire?q=archetype');
      assert.ok(await page.locator('#q-archetype-batch_job').isChecked());
    } finally {
      await context.close();
    }
  });

  test('a damaged share link says what happened and keeps the stored answers', async () => {
    const app = await openApp(env, '#/questionnaire');
    try {
      const { page } = app;
      await page.locator('label[for="q-archetype-windows_app"]').click();
      const before = await storedAnswers(page);
      await page.goto(`${env.server.url}#/results?a=1.eyJhcmNoZXR5cGUiOi`);
      await appRendered(page);
      const notice = page.getByRole('alert');
      await notice.waitFor();
      assert.match(await notice.innerText(), /damaged/);
      assert.match(await notice.innerText(), /Your own answers are unchanged/);
      assert.deepEqual(await storedAnswers(page), before);

      // A link from another version: what it can read is kept, the rest is listed.
      const code = Buffer.from(JSON.stringify({ archetype: 'event_worker', memory_gib: 4096, gone: 1 })).toString('base64url');
      await page.goto(`${env.server.url}#/results?a=1.${code}`);
      await appRendered(page);
      const partial = page.locator('.notice', { hasText: 'Kept:' });
      await partial.waitFor();
      const text = await partial.innerText();
      assert.match(text, /Kept: What are you deploying\?/);
      assert.match(text, /Memory per instance/);
      assert.match(text, /gone/);
      assert.equal((await storedAnswers(page)).archetype, 'event_worker');
    } finally {
      await app.close();
    }
  });

  test('answers survive a reload, and Reset can be undone', async () => {
    const app = await openApp(env, '#/questionnaire');
    try {
      const { page } = app;
      await page.locator('label[for="q-archetype-event_worker"]').click();
      await goto(page, '#/questionnaire?q=memory_gib');
      await page.locator('#q-memory_gib-input').fill('6');
      await page.locator('#q-memory_gib-input').fill('600');
      await page.locator('#q-memory_gib-error').waitFor();
      await page.reload();
      await appRendered(page);
      await goto(page, '#/questionnaire?q=memory_gib');
      assert.equal(await page.locator('#q-memory_gib-input').inputValue(), '6', 'the last valid answer was kept');
      await page.getByRole('button', { name: 'Reset answers' }).click();
      await page.waitForFunction(() => localStorage.getItem('berth.answers.v1') === null);
      assert.equal(await storedAnswers(page), null, 'the defaults again, which are kept as nothing');
      await page.getByRole('button', { name: 'Restore my previous answers' }).click();
      assert.equal((await storedAnswers(page)).memory_gib, 6);
    } finally {
      await app.close();
    }
  });

  test('the report downloads and copies as Markdown, and prints without controls', async () => {
    const context = await env.browser.newContext({ acceptDownloads: true });
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.origin });
      const page = await context.newPage();
      await page.goto(`${env.server.url}#/results`);
      await appRendered(page);
      const pick = await page.locator('#top-pick-title').evaluate((el) => el.firstChild.textContent);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download report (Markdown)' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'berth-report.md');
      const file = await download.path();
      const { readFile } = await import('node:fs/promises');
      const markdown = await readFile(file, 'utf8');
      assert.match(markdown, /^# Berth recommendation/);
      assert.ok(markdown.includes('## Top pick: '), markdown.slice(0, 400));
      assert.ok(markdown.includes(`## Top pick: ${pick} (`), `the Markdown names ${pick}`);

      await page.getByRole('button', { name: 'Copy link' }).click();
      await page.locator('[role=status]', { hasText: 'Link copied.' }).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(copied, await page.locator('#share-url').inputValue());

      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      const paper = await page.locator('.top-pick').evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.equal(paper, 'rgb(255, 255, 255)', 'print is dark on white whatever the theme');
      assert.equal(await page.locator('nav').isVisible(), false, 'print hides the navigation');
      assert.equal(await page.locator('.share').isVisible(), false, 'and the share controls');
      assert.ok(await page.locator('#top-pick-title').isVisible(), 'but not the recommendation');
    } finally {
      await context.close();
    }
  });

  test('starter manifests: deploy details, file tabs by keyboard, and a .zip of the bundle', async () => {
    const context = await env.browser.newContext({ acceptDownloads: true });
    try {
      const page = await context.newPage();
      await page.goto(`${env.server.url}#/results`);
      await appRendered(page);
      await page.locator('.top-pick a', { hasText: 'Starter manifests for' }).click();
      await pageShown(page, 'Starter manifests');

      await page.locator('#deploy-name').fill('orders-api');
      await page.locator('#deploy-port').fill('none');
      await page.locator('#deploy-port-error').waitFor();
      assert.match(await page.locator('#deploy-port-error').innerText(), /1 to 65535/);
      await page.locator('#deploy-port').fill('9000');
      await page.locator('#deploy-port-error').waitFor({ state: 'detached' });
      assert.match(await page.locator('#manifest-panel pre').innerText(), /orders-api/);

      const tabs = page.getByRole('tab');
      const count = await tabs.count();
      assert.ok(count >= 2, 'a tab per file');
      await tabs.first().focus();
      await page.keyboard.press('ArrowRight');
      await assertSettles(() => page.evaluate(() => document.activeElement?.id), 'manifest-tab-1');
      assert.equal(await tabs.nth(1).getAttribute('aria-selected'), 'true');
      await page.keyboard.press('End');
      assert.equal(await tabs.nth(count - 1).getAttribute('aria-selected'), 'true');

      const [zip] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download all (.zip)' }).click(),
      ]);
      assert.match(zip.suggestedFilename(), /-manifests\.zip$/);
      const { readFile } = await import('node:fs/promises');
      const bytes = await readFile(await zip.path());
      assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip archive');
      assert.ok(bytes.includes(Buffer.from('orders-api')), 'holding the generated files');
    } finally {
      await context.close();
    }
  });

  for (const scheme of ['light', 'dark']) {
    test(`axe finds no violations on any page (${scheme})`, async () => {
      const app = await openApp(env, '#/questionnaire');
      try {
        const { page } = app;
        await page.emulateMedia({ colorScheme: scheme });
        const found = [];
        for (const name of PAGES) {
          await goto(page, `#/${name}`);
          await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
          found.push(...(await axeViolations(page)).map((v) => `${name}: ${v}`));
        }
        // An invalid answer and a notice are part of the product too.
        await goto(page, '#/questionnaire?q=vcpu');
        await page.locator('#q-vcpu-input').fill('999');
        await page.locator('#q-vcpu-error').waitFor();
        found.push(...(await axeViolations(page)).map((v) => `invalid answer: ${v}`));
        // Nothing fits, and deploy details the generator refuses.
        const nothing = Buffer.from(JSON.stringify({ archetype: 'public_web', special: ['privileged', 'host_network'] })).toString('base64url');
        await page.goto(`${env.server.url}#/results?a=1.${nothing}`);
        await page.locator('#nothing-fits-title').waitFor();
        found.push(...(await axeViolations(page)).map((v) => `nothing fits: ${v}`));
        await page.getByRole('button', { name: 'Restore my previous answers' }).click();
        await goto(page, '#/manifests');
        await page.locator('#deploy-image').fill('nginx');
        await page.locator('#deploy-image-error').waitFor();
        found.push(...(await axeViolations(page)).map((v) => `deploy errors: ${v}`));
        await page.goto(`${env.server.url}#/results?a=1.broken`);
        await appRendered(page);
        await page.getByRole('alert').waitFor();
        found.push(...(await axeViolations(page)).map((v) => `notice: ${v}`));
        assert.deepEqual(found, []);
      } finally {
        await app.close();
      }
    });
  }

  test('the theme switch overrides the system and is kept', async () => {
    const app = await openApp(env, '#/questionnaire');
    try {
      const { page } = app;
      await page.emulateMedia({ colorScheme: 'light' });
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const light = await background();
      await page.getByLabel('Theme').selectOption('dark');
      assert.notEqual(await background(), light);
      await page.reload();
      await appRendered(page);
      assert.equal(await page.getByLabel('Theme').inputValue(), 'dark');
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    } finally {
      await app.close();
    }
  });

  test('every page fits a 360 px phone without sideways scrolling', async () => {
    const { page, close } = await openApp(env, '#/questionnaire', PHONE);
    try {
      for (const name of PAGES) {
        await goto(page, `#/${name}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 360, `${name} is ${width}px wide`);
      }
      // The comparison scrolls inside its own box, with the requirement column kept in view.
      await goto(page, '#/compare');
      const sticky = await page.locator('.compare-table tbody th').first().evaluate((el) => getComputedStyle(el).position);
      assert.equal(sticky, 'sticky');
      // A reason's mark sits beside its text, not on a line of its own.
      await goto(page, '#/results');
      const reason = page.locator('.reason').first();
      const [mark, text] = [await reason.locator('.mark').boundingBox(), await reason.locator('.text').boundingBox()];
      assert.ok(mark.x + mark.width <= text.x && Math.abs(mark.y - text.y) < 8, `mark ${JSON.stringify(mark)} beside text ${JSON.stringify(text)}`);
      // The live results sit below the questions on a phone.
      await goto(page, '#/questionnaire');
      const form = await page.locator('form.questions').boundingBox();
      const live = await page.locator('.live').boundingBox();
      assert.ok(live.y > form.y, 'live results come after the questions');
    } finally {
      await close();
    }
  });

  test('on a 360 px phone the comparison shows its caption, the cell the arrow keys reach and its detail', async () => {
    const { page, close } = await openApp(env, '#/compare', PHONE);
    try {
      const { width, height } = PHONE.viewport;
      const inView = (box, what) => assert.ok(box.x >= 0 && box.x + box.width <= width, `${what} spans ${box.x}..${box.x + box.width} of ${width} px`);
      inView(await page.locator('.compare-table caption > span').boundingBox(), 'the caption');
      const answers = await page.locator('.compare-table tbody th').first().boundingBox();
      const scroller = await page.locator('.table-scroll').boundingBox();
      await page.locator('.compare-table [data-r="0"][data-c="0"]').focus();
      for (const [keys, what] of [
        [['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowDown'], 'a cell three columns across'],
        [['End'], 'the last column'],
        [['Home'], 'the first column'],
      ]) {
        for (const key of keys) await page.keyboard.press(key);
        const cell = await page.locator('.compare-table td:focus').boundingBox();
        assert.ok(
          cell.x >= answers.x + answers.width - 1 && cell.x + cell.width <= scroller.x + scroller.width + 1,
          `${what} is wholly in view beside the answer column (${cell.x}..${cell.x + cell.width})`,
        );
        const detail = await page.locator('.compare-table td:focus .cell-detail').boundingBox();
        inView(detail, `the detail of ${what}`);
        assert.ok(detail.y + detail.height <= height, `the detail of ${what} ends on screen`);
        assert.ok(detail.y >= cell.y + cell.height, `the detail of ${what} leaves the cell uncovered`);
      }
    } finally {
      await close();
    }
  });

  test('on a touch tablet a tapped cell of the comparison shows its detail along the bottom of the screen', async () => {
    const { page, close } = await openApp(env, '#/compare', TABLET);
    try {
      const last = page.locator('.compare-table tbody tr').first().locator('td').last();
      await last.scrollIntoViewIfNeeded();
      await last.tap();
      const detail = await page.locator('.compare-table td:focus .cell-detail').boundingBox();
      const { width, height } = TABLET.viewport;
      assert.ok(detail.x >= 0 && detail.x + detail.width <= width && detail.y + detail.height <= height, `detail ${JSON.stringify(detail)} on screen`);
      assert.equal(await page.locator('.compare-table td:focus .cell-detail').evaluate((el) => getComputedStyle(el).position), 'fixed');
    } finally {
      await close();
    }
  });

  test('the comparison is one tab stop, kept on the cell the arrow keys reached', async () => {
    const app = await openApp(env, '#/compare');
    try {
      const { page } = app;
      await appRendered(page);
      const first = page.locator('.compare-table [data-r="0"][data-c="0"]');
      await first.focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowRight');
      await assertSettles(
        () => page.evaluate(() => [document.activeElement.dataset.r, document.activeElement.dataset.c, document.activeElement.tabIndex]),
        ['1', '1', 0],
      );
      assert.equal(await first.getAttribute('tabindex'), '-1');
      assert.equal(await page.locator('.compare-table [tabindex="0"]').count(), 1, 'one tab stop in the grid');
    } finally {
      await app.close();
    }
  });

  test('the whole flow works from the keyboard alone, with visible focus', async () => {
    const app = await openApp(env, '#/questionnaire');
    try {
      const { page } = app;
      const active = () =>
        page.evaluate(() => {
          const el = document.activeElement;
          const style = el ? getComputedStyle(el) : null;
          return {
            id: el?.id ?? '',
            tag: el?.tagName ?? '',
            text: (el?.textContent ?? '').trim().slice(0, 60),
            href: el?.getAttribute?.('href') ?? '',
            outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '',
          };
        });
      async function tabTo(match, { back = false, max = 120 } = {}) {
        for (let i = 0; i < max; i += 1) {
          await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
          const now = await active();
          if (match(now)) return now;
        }
        throw new Error(`never reached the element by ${back ? 'Shift+' : ''}Tab`);
      }

      // The skip link is first and moves focus to the main content.
      await page.keyboard.press('Tab');
      assert.equal((await active()).text, 'Skip to content');
      await page.keyboard.press('Enter');
      assert.equal((await active()).id, 'main');

      // Pick an archetype with the arrow keys, then walk every section with Next.
      const radio = await tabTo((a) => a.id.startsWith('q-archetype-'));
      assert.notEqual(radio.outline.split(' ')[0], 'none', 'focus is visible');
      await page.keyboard.press('ArrowDown');
      assert.equal((await active()).id, 'q-archetype-internal_service');
      assert.equal((await storedAnswers(page)).archetype, 'internal_service');
      for (let i = 0; i < 20; i += 1) {
        const target = await tabTo((a) => a.text.startsWith('Next:') || a.text === 'See results');
        await page.keyboard.press('Enter');
        if (target.text === 'See results') break;
        await assertSettles(async () => (await active()).id, 'section-title', 'focus moves to the new section');
      }
      await pageShown(page, 'Results');
      await assertSettles(async () => (await active()).id, 'page-title', 'focus moves to the new page');

      // Show guidance for another platform with the keyboard.
      const select = await tabTo((a) => a.id === 'guidance-platform');
      assert.equal(select.tag, 'SELECT');
      await page.keyboard.press('ArrowDown');
      assert.notEqual(await page.locator('#guidance-platform').inputValue(), expected.internal_service.top_pick);

      // To Compare through the navigation, then across the table with the arrow keys.
      const compare = await tabTo((a) => a.href === '#/compare', { back: true, max: 400 });
      assert.notEqual(compare.outline.split(' ')[0], 'none');
      await page.keyboard.press('Enter');
      await pageShown(page, 'Compare');
      await tabTo((a) => a.tag === 'TD');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowDown');
      await assertSettles(() => page.evaluate(() => [document.activeElement.dataset.r, document.activeElement.dataset.c]), ['1', '1']);
      const detail = page.locator('td:focus .cell-detail');
      assert.ok((await detail.boundingBox()).width > 100, 'the focused cell shows its reasons');
      // End and Home reach the row's last and first cells; the last column's reasons are
      // shown whole, inside the table's scroll box.
      await page.keyboard.press('End');
      const lastCell = () =>
        page.evaluate(() => {
          const cell = document.activeElement;
          const box = cell.querySelector('.cell-detail')?.getBoundingClientRect();
          const frame = cell.closest('.table-scroll')?.getBoundingClientRect();
          const inside = Boolean(box && frame) && box.left >= frame.left - 1 && box.right <= frame.right + 1;
          return { r: cell.dataset.r, lastInRow: cell === cell.parentElement.lastElementChild, inside };
        });
      await assertSettles(lastCell, { r: '1', lastInRow: true, inside: true });
      await page.keyboard.press('Home');
      await assertSettles(() => page.evaluate(() => document.activeElement.dataset.c), '0');

      // The theme switch is reachable too.
      await tabTo((a) => a.id === 'theme', { back: true, max: 400 });
      await page.keyboard.press('ArrowDown');
      assert.notEqual(await page.locator('#theme').inputValue(), 'auto');
    } finally {
      await app.close();
    }
  });

  test('each answer change re-renders the result at once', async () => {
    // How long that takes is measured by `./x test size` (scripts/measure.mjs), not
    // asserted here: a timing depends on the machine and its load.
    const app = await openApp(env, '#/questionnaire');
    try {
      const { page } = app;
      const seen = await page.evaluate(async () => {
        const out = [];
        for (const id of ['batch_job', 'gpu_inference', 'windows_app', 'event_worker', 'public_web']) {
          document.querySelector(`#q-archetype-${id}`).click();
          await new Promise((resolve) => setTimeout(resolve, 0));
          out.push(document.querySelector('.live')?.textContent ?? '');
        }
        return out;
      });
      assert.equal(new Set(seen).size, seen.length, 'each starting point shows its own result, rendered before the next task');
    } finally {
      await app.close();
    }
  });

  test('after the first load, using the app makes no network request', async () => {
    const app = await openApp(env, '#/questionnaire');
    try {
      const { page } = app;
      await page.waitForLoadState('networkidle');
      const loaded = app.seen.requests.length;
      await page.locator('label[for="q-archetype-gpu_inference"]').click();
      await nextToTheEnd(page);
      for (const name of PAGES) {
        await goto(page, `#/${name}`);
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      }
      await page.getByLabel('Theme').selectOption('dark');
      await page.waitForTimeout(300);
      // Except the manifests worker, loaded once when the manifests view first opens, and
      // each page's code, loaded once when the page first opens (both from this server).
      const later = app.seen.requests.slice(loaded);
      const file = (u) => new URL(u).pathname.split('/').pop();
      assert.deepEqual(later.filter((u) => !isWorkerFile(file(u)) && !isPartFile(file(u))), []);
      assert.ok(later.some((u) => isPartFile(file(u))), `the pages' code arrived as they opened: ${later.join(', ')}`);
      assert.equal(new Set(later).size, later.length, 'each worker file and page part once');
    } finally {
      await app.close();
    }
  });
});
