#!/usr/bin/env node
// Measures what a first visit costs, as readers' browsers see it, from a release build served
// under /berth/ with the build's own headers (loopback only):
//
//   - first-visit size: every distinct file the browser downloads (for the site including
//     the service worker's precache), gzip -9, as a static host with gzip would send it;
//   - time to the first live control: navigation start (or, for a widget, the press of
//     Start) until the app is live and the first questionnaire control enabled, sampled
//     every animation frame; cold (fresh profile) and warm (a reload in the same profile),
//     median of N runs;
//   - for the site also its first paint: from then on the pre-rendered first screen's controls
//     take input, which the app applies once live (assets/pwa/early-input.js);
//   - both again on a throttled mobile connection (--mobile-runs, Lighthouse's mobile preset
//     applied by the browser: 562.5 ms per request, 1,474.56 kbit/s down, CPU 4x slower),
//     where the download a loopback hides is most of a reader's wait; with the way there,
//     step by step (document, first paint, the wasm requested and arrived, live);
//   - for the widget: what a docs page downloads before any reader starts a widget;
//   - the same time for a bare Yew 0.23 counter built with the same profile in the same run
//     (--bare DIR), loaded in turn with the site, and Berth's ratio to it;
//   - Lighthouse (mobile, its default simulated throttling): performance score, LCP, CLS,
//     TBT, for the site, the widget page and the bare app.
//
//   node scripts/measure.mjs [--dist target/berth-e2e/dist] [--bare DIR] [--runs 5]
//                            [--mobile-runs 3] [--no-lighthouse] [--json FILE]
//
// The build must have been made with --public-url /berth/ (./x build --public-url /berth/
// --dist DIR, or the E2E build ./x test e2e leaves in target/berth-e2e/dist). It reports;
// it never fails on a figure.

import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServerWithHeaders } from '../tests/e2e/lib/static-server-with-headers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PREFIX = '/berth/';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

function options(argv) {
  const o = {
    dist: process.env.BERTH_E2E_DIST || path.join(ROOT, 'target/berth-e2e/dist'),
    bare: null,
    runs: 5,
    mobileRuns: 3,
    lighthouse: true,
    json: null,
  };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--dist') o.dist = argv[++i];
    else if (argv[i] === '--bare') o.bare = argv[++i];
    else if (argv[i] === '--runs') o.runs = Number(argv[++i]);
    else if (argv[i] === '--mobile-runs') o.mobileRuns = Number(argv[++i]);
    else if (argv[i] === '--no-lighthouse') o.lighthouse = false;
    else if (argv[i] === '--json') o.json = argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (o.bare && !existsSync(path.join(o.bare, 'index.html'))) throw new Error(`${o.bare}/index.html not found`);
  if (!existsSync(path.join(o.dist, 'index.html'))) throw new Error(`${o.dist}/index.html not found: build first`);
  return o;
}

// Records performance.now() when the first live control exists, in the page itself (a
// questionnaire input for Berth once the app is live — `<html data-live>`: before, the
// pre-rendered first screen's inputs are kept but change no result — any input for the
// bare app) or inside a <berth-advisor>'s shadow root.
const PROBE = () => {
  const ready = (root) => root && [...root.querySelectorAll('.questions input, main input')].some((i) => !i.disabled);
  const live = () => !document.getElementById('berth') || document.documentElement.hasAttribute('data-live');
  const find = () =>
    (ready(document) && live()) || [...document.querySelectorAll('berth-advisor')].some((el) => ready(el.shadowRoot));
  const tick = () => {
    if (find()) {
      document.documentElement.dataset.berthInteractive = String(performance.now());
    } else {
      requestAnimationFrame(tick);
    }
  };
  requestAnimationFrame(tick);
};

// The widget page: one <berth-advisor> with its default placeholder (load="click").
const WIDGET_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Widget measurement</title><link rel="icon" href="../icons/icon.svg">
<script type="module" src="../widget.js"></script></head>
<body><h1>Docs page</h1><p>Some documentation text above the advisor.</p>
<berth-advisor archetype="gpu_inference"></berth-advisor></body></html>
`;

async function launch() {
  // A new browser each time: nothing cached from an earlier run (HTTP or compiled code).
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ARGS });
}

// Lighthouse's mobile preset as DevTools applies it in the browser (its "devtools"
// throttling: the simulated 150 ms round trip becomes 562.5 ms per request, 1.6 Mbit/s × 0.9).
const MOBILE = { latency: 562.5, downloadThroughput: (1474.56 * 1024) / 8, uploadThroughput: (675 * 1024) / 8, cpu: 4 };

async function throttle(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: MOBILE.latency,
    downloadThroughput: MOBILE.downloadThroughput,
    uploadThroughput: MOBILE.uploadThroughput,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE.cpu });
}

async function interactiveAt(page) {
  await page.waitForFunction(() => document.documentElement.dataset.berthInteractive, null, { timeout: 30_000 });
  return Number(await page.evaluate(() => document.documentElement.dataset.berthInteractive));
}

/** gzip -9 sizes of the build's files behind `paths` (URL paths under the prefix). */
async function sizesOf(paths, dirs) {
  const sizes = [];
  const seen = new Set();
  for (const p of paths) {
    const [prefix, dir] = Object.entries(dirs).find(([pre]) => p.startsWith(pre)) ?? [];
    if (!dir) continue;
    let rel = p.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel = `${rel}index.html`;
    const file = path.join(dir, rel);
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const bytes = await readFile(file);
    sizes.push({ file: rel, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return sizes;
}

/** Full page (site or bare app): time from navigation to the first live control, and downloads. */
async function visitPage(url, server, dirs) {
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  const start = server.served.length;
  await page.goto(url);
  const cold = await interactiveAt(page);
  const painted = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
  // Let the service worker (site) finish precaching: that is part of the first visit.
  await page.waitForLoadState('networkidle');
  await page.evaluate(async () => {
    if (!navigator.serviceWorker?.getRegistration) return;
    const registration = await navigator.serviceWorker.getRegistration();
    if (registration) await navigator.serviceWorker.ready;
  });
  await page.waitForTimeout(300);
  const files = [...new Set(server.served.slice(start).filter((s) => s.status === 200).map((s) => s.path))];
  await page.reload();
  const warm = await interactiveAt(page);
  await browser.close();
  return { cold, warm, painted, sizes: await sizesOf(files, dirs) };
}

/**
 * One cold load on the throttled mobile connection, at a phone's viewport: the first paint
 * (null if the browser reports none), the first live control, and the way there: when the
 * document had arrived, and when the app's wasm (the first one fetched) was requested and
 * had arrived, with its bytes over the wire. On this connection, time to live is mostly
 * those two requests' round trips and the wasm's bytes.
 */
async function visitMobile(url) {
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  await throttle(context, page);
  await page.goto(url, { timeout: 60_000 });
  const live = await interactiveAt(page);
  const seen = await page.evaluate(() => {
    const wasm = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.endsWith('.wasm'));
    return {
      painted: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      document: performance.getEntriesByType('navigation')[0]?.responseEnd ?? null,
      wasm_requested: wasm?.startTime ?? null,
      wasm_arrived: wasm?.responseEnd ?? null,
      wasm_bytes: wasm?.transferSize ?? null,
    };
  });
  await browser.close();
  return { live, ...seen };
}

/** Medians of `visitMobile`'s steps over `runs` (null for a step the browser did not report). */
function timeline(runs) {
  const step = (key) => (runs.every((r) => r[key] != null) ? Math.round(median(runs.map((r) => r[key]))) : null);
  return {
    document_ms: step('document'),
    first_paint_ms: step('painted'),
    wasm_requested_ms: step('wasm_requested'),
    wasm_arrived_ms: step('wasm_arrived'),
    wasm_bytes: step('wasm_bytes'),
    live_ms: step('live'),
  };
}

/** One line of the way to live: "document 620 ms, first paint 770 ms, ...". */
function timelineLine(t) {
  const at = (ms) => (ms == null ? '?' : `${ms} ms`);
  const after = t.wasm_arrived_ms == null ? '' : ` (${t.live_ms - t.wasm_arrived_ms} ms after the wasm)`;
  return (
    `document ${at(t.document_ms)}, ` +
    (t.first_paint_ms == null ? '' : `first paint ${at(t.first_paint_ms)}, `) +
    `wasm requested ${at(t.wasm_requested_ms)} and arrived ${at(t.wasm_arrived_ms)} ` +
    `(${t.wasm_bytes == null ? '?' : t.wasm_bytes.toLocaleString('en-US')} B over the wire), live ${at(t.live_ms)}${after}`
  );
}

/**
 * Time from an answer change to the end of its render (Yew renders in microtasks, so a zero
 * timeout runs after it), for each starting point chosen in turn on the live app. One
 * frame at 60 Hz is 16.7 ms.
 */
async function answerChangeTimes(url) {
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  await page.goto(`${url}#/questionnaire`);
  await interactiveAt(page);
  const times = await page.evaluate(async () => {
    const out = [];
    for (const id of ['batch_job', 'gpu_inference', 'windows_app', 'event_worker', 'scratch', 'public_web', 'internal_service']) {
      const t0 = performance.now();
      document.querySelector(`#q-archetype-${id}`).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
      out.push(performance.now() - t0);
    }
    return out;
  });
  await browser.close();
  return times;
}

/** The widget page: downloads before Start, then the time from Start to the first control. */
async function visitWidget(url, server, dirs) {
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  let mark = server.served.length;
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  const paths = () => [...new Set(server.served.slice(mark).filter((s) => s.status === 200).map((s) => s.path))];
  const before = await sizesOf(paths(), dirs);
  mark = server.served.length;
  const pressed = await page.evaluate(() => {
    const button = document.querySelector('berth-advisor').shadowRoot.querySelector('button');
    const at = performance.now();
    button.click();
    return at;
  });
  const cold = (await interactiveAt(page)) - pressed;
  await page.waitForLoadState('networkidle');
  const started = await sizesOf(paths(), dirs);
  await browser.close();
  return { before, started, cold };
}

/** The element of the last `largestContentfulPaint::Candidate` in a Lighthouse run's trace. */
function lcpElement(artifacts) {
  const events = (artifacts?.Trace ?? artifacts?.traces?.defaultPass)?.traceEvents ?? [];
  const candidates = events.filter((e) => e.name === 'largestContentfulPaint::Candidate');
  return candidates.at(-1)?.args?.data?.nodeName ?? null;
}

/** Lighthouse's mobile performance audit of `url` (its default config: simulated throttling). */
async function lighthouseOf(url) {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
    chromeFlags: ['--headless=new', ...ARGS],
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
    const audit = (id) => result.lhr.audits[id]?.numericValue;
    return {
      performance: Math.round((result.lhr.categories.performance.score ?? 0) * 100),
      lcp_ms: Math.round(audit('largest-contentful-paint')),
      fcp_ms: Math.round(audit('first-contentful-paint')),
      cls: Number((audit('cumulative-layout-shift') ?? 0).toFixed(3)),
      tbt_ms: Math.round(audit('total-blocking-time')),
      tti_ms: Math.round(audit('interactive')),
      // What the LCP was: the element of the page's last LCP candidate, read from the trace
      // (Lighthouse's own LCP-element audit fails on this Chromium).
      lcp_element: lcpElement(result.artifacts),
    };
  } finally {
    await chrome.kill();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const total = (sizes) => sizes.reduce((a, s) => a + s.gzip, 0);

function printFiles(title, sizes) {
  process.stdout.write(`\n${title}: ${sizes.length} files\n`);
  process.stdout.write(`${'file'.padEnd(44)} ${'bytes'.padStart(10)} ${'gzip -9'.padStart(10)}\n`);
  for (const f of sizes) process.stdout.write(`${f.file.padEnd(44)} ${String(f.raw).padStart(10)} ${String(f.gzip).padStart(10)}\n`);
  const raw = sizes.reduce((a, s) => a + s.raw, 0);
  process.stdout.write(`${'TOTAL'.padEnd(44)} ${String(raw).padStart(10)} ${String(total(sizes)).padStart(10)}\n`);
}

async function main() {
  const o = options(process.argv.slice(2));
  const work = await mkdtemp(path.join(tmpdir(), 'berth-measure-'));
  const dir = path.join(work, 'dist');
  await cp(o.dist, dir, { recursive: true });
  await mkdir(path.join(dir, 'measure'));
  await writeFile(path.join(dir, 'measure', 'index.html'), WIDGET_PAGE);
  if (o.bare) await cp(o.bare, path.join(dir, 'bare'), { recursive: true });
  const server = await startServerWithHeaders({ dir, prefix: PREFIX, gzip: true });
  // The host page of the widget is not the widget's cost.
  const dirs = { [`${PREFIX}measure/`]: null, [`${PREFIX}icons/`]: null, [`${PREFIX}bare/`]: path.join(dir, 'bare'), [PREFIX]: dir };
  const report = {};
  try {
    // Site and bare app take turns, so a busier moment of the machine weighs on both alike.
    const site = [];
    const bare = [];
    for (let i = 0; i < o.runs; i += 1) {
      site.push(await visitPage(server.url, server, dirs));
      if (o.bare) bare.push(await visitPage(`${server.url}bare/`, server, dirs));
    }
    report.site = {
      files: site[0].sizes,
      gzip: total(site[0].sizes),
      first_control_cold_ms: Math.round(median(site.map((r) => r.cold))),
      first_control_warm_ms: Math.round(median(site.map((r) => r.warm))),
      cold_runs_ms: site.map((r) => Math.round(r.cold)),
      first_paint_ms: site.every((r) => r.painted != null) ? Math.round(median(site.map((r) => r.painted))) : null,
    };
    if (o.bare && o.mobileRuns > 0) {
      const mobileSite = [];
      const mobileBare = [];
      for (let i = 0; i < o.mobileRuns; i += 1) {
        mobileSite.push(await visitMobile(server.url));
        mobileBare.push(await visitMobile(`${server.url}bare/`));
      }
      const sitePaint = mobileSite.every((r) => r.painted != null) ? Math.round(median(mobileSite.map((r) => r.painted))) : null;
      const siteLive = Math.round(median(mobileSite.map((r) => r.live)));
      const bareLive = Math.round(median(mobileBare.map((r) => r.live)));
      report.mobile = {
        site_first_paint_ms: sitePaint,
        site_first_live_control_ms: siteLive,
        bare_yew_first_live_control_ms: bareLive,
        site_paint_runs_ms: mobileSite.map((r) => (r.painted == null ? null : Math.round(r.painted))),
        site_live_runs_ms: mobileSite.map((r) => Math.round(r.live)),
        bare_yew_live_runs_ms: mobileBare.map((r) => Math.round(r.live)),
        paint_ratio_to_bare_yew: sitePaint == null ? null : Number((sitePaint / bareLive).toFixed(2)),
        live_ratio_to_bare_yew: Number((siteLive / bareLive).toFixed(2)),
        site_timeline: timeline(mobileSite),
        bare_yew_timeline: timeline(mobileBare),
      };
    }
    const changes = await answerChangeTimes(server.url);
    report.answer_change = {
      median_ms: Number(median(changes).toFixed(1)),
      runs_ms: changes.map((t) => Number(t.toFixed(1))),
    };
    const widget = [];
    for (let i = 0; i < o.runs; i += 1) widget.push(await visitWidget(`${server.url}measure/`, server, dirs));
    report.widget = {
      before_start_files: widget[0].before,
      before_start_gzip: total(widget[0].before),
      after_start_files: widget[0].started,
      after_start_gzip: total(widget[0].started),
      start_to_first_control_ms: Math.round(median(widget.map((r) => r.cold))),
      runs_ms: widget.map((r) => Math.round(r.cold)),
    };
    if (o.bare) {
      report.bare_yew = {
        files: bare[0].sizes,
        gzip: total(bare[0].sizes),
        first_control_cold_ms: Math.round(median(bare.map((r) => r.cold))),
        cold_runs_ms: bare.map((r) => Math.round(r.cold)),
      };
      report.site.ratio_to_bare_yew = Number((report.site.first_control_cold_ms / report.bare_yew.first_control_cold_ms).toFixed(2));
    }
    if (o.lighthouse) {
      report.lighthouse = { site: await lighthouseOf(server.url), widget_page: await lighthouseOf(`${server.url}measure/`) };
      if (o.bare) report.lighthouse.bare_yew = await lighthouseOf(`${server.url}bare/`);
    }
  } finally {
    await server.close();
    await rm(work, { recursive: true, force: true });
  }

  printFiles('site: a first visit downloads', report.site.files);
  process.stdout.write(
    `site: first live control, median of ${o.runs}: cold ${report.site.first_control_cold_ms} ms ` +
      `(${report.site.cold_runs_ms.join(', ')}), warm ${report.site.first_control_warm_ms} ms\n` +
      `site: first paint, median of ${o.runs}: ${report.site.first_paint_ms ?? 'not reported by the browser'} ms ` +
      `(from then on the pre-rendered controls take input, applied once the app is live)\n`,
  );
  process.stdout.write(
    `site: an answer change evaluated and rendered, median of ${report.answer_change.runs_ms.length}: ` +
      `${report.answer_change.median_ms} ms (${report.answer_change.runs_ms.join(', ')}; one frame is 16.7 ms)\n`,
  );
  printFiles('widget page: downloads before a reader presses Start', report.widget.before_start_files);
  printFiles('widget: pressing Start downloads', report.widget.after_start_files);
  process.stdout.write(
    `widget: Start to first live control, median of ${o.runs}: ${report.widget.start_to_first_control_ms} ms (${report.widget.runs_ms.join(', ')})\n`,
  );
  if (report.bare_yew) {
    process.stdout.write(
      `\nbare Yew 0.23 counter, same profile: ${report.bare_yew.gzip} B gzip, first live control cold ` +
        `${report.bare_yew.first_control_cold_ms} ms (${report.bare_yew.cold_runs_ms.join(', ')})\n` +
        `Berth / bare Yew, time to first live control: ${report.site.ratio_to_bare_yew}x` +
        (report.site.first_paint_ms == null
          ? '\n'
          : `; to Berth's first paint (controls take input): ${(report.site.first_paint_ms / report.bare_yew.first_control_cold_ms).toFixed(2)}x\n`),
    );
  }
  if (report.mobile) {
    const m = report.mobile;
    process.stdout.write(
      `\nthrottled mobile (Lighthouse's preset applied by the browser), median of ${o.mobileRuns} cold loads:\n` +
        `site: first paint ${m.site_first_paint_ms ?? 'not reported'} ms (${m.site_paint_runs_ms.join(', ')}), ` +
        `first live control ${m.site_first_live_control_ms} ms (${m.site_live_runs_ms.join(', ')})\n` +
        `bare Yew: first live control ${m.bare_yew_first_live_control_ms} ms (${m.bare_yew_live_runs_ms.join(', ')})\n` +
        `Berth / bare Yew: first paint (controls take input) ${m.paint_ratio_to_bare_yew ?? '?'}x, first live control ${m.live_ratio_to_bare_yew}x\n` +
        `the way to live, step by step (medians):\n` +
        `  site:     ${timelineLine(m.site_timeline)}\n` +
        `  bare Yew: ${timelineLine(m.bare_yew_timeline)}\n`,
    );
  }
  if (report.lighthouse) {
    process.stdout.write(`\nLighthouse ${'(mobile, simulated throttling)'.padEnd(30)} perf    LCP ms   FCP ms    CLS   TBT ms   TTI ms\n`);
    for (const [name, l] of Object.entries(report.lighthouse)) {
      process.stdout.write(
        `${name.padEnd(41)} ${String(l.performance).padStart(4)} ${String(l.lcp_ms).padStart(8)} ${String(l.fcp_ms).padStart(8)} ` +
          `${String(l.cls).padStart(6)} ${String(l.tbt_ms).padStart(8)} ${String(l.tti_ms).padStart(8)}  LCP: ${l.lcp_element ?? '?'}\n`,
      );
    }
  }
  if (o.json) await writeFile(o.json, `${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
