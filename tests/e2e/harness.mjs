// Shared set-up for the end-to-end tests: serve the release build under /berth/,
// drive the system Chromium through playwright-core, and record everything a
// page does wrong (console errors, uncaught exceptions, failed or off-prefix requests).
//
// The build to test is BERTH_E2E_DIST (set by `./x test e2e`, which builds it with
// `--public-url /berth/`). Run the tests through `./x test e2e`, not directly.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

export const PREFIX = '/berth/';
/** Where the app keeps the answers between visits (`ANSWERS_KEY` in src/ui/state.rs). */
export const ANSWERS_KEY = 'berth.answers.v1';

/**
 * Holds back `page`'s requests for `url` (a glob or RegExp, as page.route takes) until the
 * returned function is called; they then go through.
 */
export async function holdRequests(page, url) {
  let release;
  const gate = new Promise((resolve) => {
    release = resolve;
  });
  await page.route(url, async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

/**
 * Presses Start on a <berth-advisor>'s placeholder (the widget loads the app only then) and
 * waits for its live panel. `widget` is a locator of the element.
 */
export async function startWidget(widget) {
  await widget.locator('button.berth-facade-start').click();
  await widget.locator('.live-summary').waitFor();
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath() {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(`Chromium not found (looked at ${candidates.join(', ')}); run ./x setup`);
  }
  return found;
}

export function distDir() {
  const dir = process.env.BERTH_E2E_DIST;
  if (!dir) throw new Error('BERTH_E2E_DIST is not set: run the E2E tests with `./x test e2e`');
  if (!existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`${dir}/index.html does not exist: build with ./x build --public-url ${PREFIX}`);
  }
  return dir;
}

/** Starts the static server and Chromium; call `stop()` when done. */
export async function start() {
  const server = await startServer({ dir: distDir(), prefix: PREFIX });
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  return {
    server,
    browser,
    async stop() {
      await browser.close();
      await server.close();
    },
  };
}

/** A phone and a touch tablet, as `openApp`'s `device`. */
export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
export const TABLET = { viewport: { width: 820, height: 1180 }, isMobile: true, hasTouch: true };

/**
 * Opens the app in a fresh context (fresh storage) and records what goes wrong.
 * `route` is appended to the prefix, e.g. '' or '#/results'; `device` is a desktop
 * window unless given (PHONE, TABLET).
 */
export async function openApp({ server, browser }, route = '', device = { viewport: { width: 1280, height: 800 } }) {
  const context = await browser.newContext(device);
  const page = await context.newPage();
  const seen = {
    requests: [],
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    badResponses: [],
  };
  page.on('request', (request) => seen.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') seen.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => seen.pageErrors.push(String(error)));
  page.on('requestfailed', (request) =>
    seen.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) seen.badResponses.push(`${response.status()} ${response.url()}`);
  });
  const response = await page.goto(server.url + route, { waitUntil: 'load' });
  await appRendered(page);
  return { context, page, response, seen, close: () => context.close() };
}

/**
 * Waits until the Yew app has mounted: its <h1> naming Berth is on the page, and the app is
 * live (`<html data-live>`: the pre-rendered first screen is hydrated, its controls work).
 */
export async function appRendered(page) {
  await page.locator('h1', { hasText: 'Berth' }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.locator('html[data-live]').waitFor({ state: 'attached', timeout: 15_000 });
}

/**
 * Waits until the page titled `title` is on screen in `scope` (a page or a widget): its
 * heading, and its content, not the stand-in shown while the page's code arrives
 * (src/ui/lazy.rs, in the release build).
 */
export async function pageShown(scope, title) {
  await scope.locator('#page-title', { hasText: title }).waitFor();
  await scope.locator('.lazy-page').waitFor({ state: 'detached' });
}

/**
 * Asserts that `read()` comes to equal `expected` within `timeout` ms. The app moves focus
 * in an effect after a render, and Yew may give the browser a turn between the two (it
 * yields every 16 ms), so focus read in the instant after a key press can still be in
 * between; a focus that never arrives fails with the last value read.
 */
export async function assertSettles(read, expected, message, timeout = 5000) {
  const until = Date.now() + timeout;
  let value = await read();
  while (!isDeepStrictEqual(value, expected) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await read();
  }
  assert.deepEqual(value, expected, message);
}

/** A shell glob of `x`'s size lists (`*`, `?`) as a RegExp over a whole path. */
export function globRegExp(glob) {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/** The globs `./x` passes in the environment variable `name`, one per line. */
export function globsFrom(name) {
  return (process.env[name] ?? '').split('\n').filter(Boolean);
}

/** Every problem recorded so far, as readable lines (empty when all is well). */
export function problems(seen, { origin, prefix = PREFIX } = {}) {
  const lines = [
    ...seen.consoleErrors.map((t) => `console error: ${t}`),
    ...seen.pageErrors.map((t) => `uncaught: ${t}`),
    ...seen.failedRequests.map((t) => `request failed: ${t}`),
    ...seen.badResponses.map((t) => `bad response: ${t}`),
  ];
  if (origin) {
    for (const url of seen.requests) {
      if (!url.startsWith(origin + prefix) && !url.startsWith('data:') && !url.startsWith('blob:')) {
        lines.push(`request outside ${origin}${prefix}: ${url}`);
      }
    }
  }
  return lines;
}

/**
 * Clicks Next until the questionnaire (in a page or a widget) reaches its last section.
 * Returns how many steps that took.
 */
export async function nextToTheEnd(scope) {
  for (let i = 0; i < 20; i += 1) {
    const next = scope.locator('.step-nav button.primary');
    if ((await next.count()) === 0) return i;
    await next.click();
  }
  throw new Error('the questionnaire never reached its last section');
}

/** Picks a starting point, walks every section and opens the results page. */
export async function walkToResults(page, archetype) {
  await page.locator(`label[for="q-archetype-${archetype}"]`).click();
  await nextToTheEnd(page);
  await page.getByRole('link', { name: 'See results' }).first().click();
  await pageShown(page, 'Results');
}
