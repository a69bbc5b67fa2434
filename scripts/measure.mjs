#!/usr/bin/env node
// Measures what a first visit costs, for the full site and for the embedded widget, from a
// release build served under /berth/ with the build's own headers (loopback only):
//
//   - first-visit size: every distinct file the browser downloads (for the site including
//     the service worker's precache), gzip -9, as a static host with gzip would send it;
//   - time to interactive: navigation start until the first questionnaire control is
//     enabled (sampled every animation frame), cold (fresh profile) and warm (a reload in
//     the same profile: HTTP cache, and for the site the service worker), averaged over N runs.
//
//   node scripts/measure.mjs [--dist target/berth-e2e/dist] [--runs 5] [--json FILE]
//
// The build must have been made with --public-url /berth/ (./x build --public-url /berth/
// --dist DIR, or the E2E build ./x test e2e leaves in target/berth-e2e/dist).

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
  const o = { dist: process.env.BERTH_E2E_DIST || path.join(ROOT, 'target/berth-e2e/dist'), runs: 5, json: null };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--dist') o.dist = argv[++i];
    else if (argv[i] === '--runs') o.runs = Number(argv[++i]);
    else if (argv[i] === '--json') o.json = argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!existsSync(path.join(o.dist, 'index.html'))) throw new Error(`${o.dist}/index.html not found: build first`);
  return o;
}

// Records performance.now() when the first enabled questionnaire input exists, in the page
// itself (once the app is live: `<html data-live>`, as the pre-rendered first screen's
// inputs do nothing before) or inside a <berth-advisor>'s shadow root.
const PROBE = () => {
  const find = () => {
    const ready = (root) => root && [...root.querySelectorAll('.questions input')].some((i) => !i.disabled);
    if (ready(document) && document.documentElement.hasAttribute('data-live')) return true;
    return [...document.querySelectorAll('berth-advisor')].some((el) => ready(el.shadowRoot));
  };
  const tick = () => {
    if (find()) {
      document.documentElement.dataset.berthInteractive = String(performance.now());
    } else {
      requestAnimationFrame(tick);
    }
  };
  requestAnimationFrame(tick);
};

const WIDGET_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Widget measurement</title>
<link rel="icon" href="../icons/icon.svg">
<script type="module" src="../widget.js"></script></head>
<body><berth-advisor archetype="gpu_inference"></berth-advisor></body></html>
`;

async function visit(url, server, dir) {
  // A new browser each time: nothing cached from an earlier run (HTTP or compiled code).
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  const read = async () => {
    await page.waitForFunction(() => document.documentElement.dataset.berthInteractive, null, { timeout: 30_000 });
    return Number(await page.evaluate(() => document.documentElement.dataset.berthInteractive));
  };
  const start = server.served.length;
  await page.goto(url);
  const cold = await read();
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
  const warm = await read();
  await browser.close();
  const sizes = [];
  const seen = new Set();
  for (const p of files) {
    let rel = p.slice(PREFIX.length);
    if (rel === '' || rel.endsWith('/')) rel = `${rel}index.html`;
    const file = path.join(dir, rel);
    if (seen.has(rel) || !existsSync(file)) continue;
    seen.add(rel);
    const bytes = await readFile(file);
    sizes.push({ file: rel, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return { cold, warm, sizes };
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function main() {
  const o = options(process.argv.slice(2));
  const work = await mkdtemp(path.join(tmpdir(), 'berth-measure-'));
  const dir = path.join(work, 'dist');
  await cp(o.dist, dir, { recursive: true });
  await mkdir(path.join(dir, 'measure'));
  await writeFile(path.join(dir, 'measure', 'index.html'), WIDGET_PAGE);
  const server = await startServerWithHeaders({ dir, prefix: PREFIX });
  const report = {};
  try {
    for (const [name, url] of [
      ['site', server.url],
      ['widget', `${server.url}measure/`],
    ]) {
      const runs = [];
      for (let i = 0; i < o.runs; i += 1) runs.push(await visit(url, server, dir));
      // The widget's cost excludes the host page itself (measure/ and its favicon).
      const sizes = runs[0].sizes.filter((s) => name === 'site' || !/^(measure\/|icons\/)/.test(s.file));
      report[name] = {
        files: sizes,
        gzip: sizes.reduce((a, s) => a + s.gzip, 0),
        raw: sizes.reduce((a, s) => a + s.raw, 0),
        tti_cold_ms: Math.round(mean(runs.map((r) => r.cold))),
        tti_warm_ms: Math.round(mean(runs.map((r) => r.warm))),
        tti_cold_runs: runs.map((r) => Math.round(r.cold)),
      };
    }
  } finally {
    await server.close();
    await rm(work, { recursive: true, force: true });
  }

  for (const [name, r] of Object.entries(report)) {
    process.stdout.write(`\n${name}: first visit downloads ${r.files.length} files\n`);
    process.stdout.write(`${'file'.padEnd(44)} ${'bytes'.padStart(10)} ${'gzip -9'.padStart(10)}\n`);
    for (const f of r.files) process.stdout.write(`${f.file.padEnd(44)} ${String(f.raw).padStart(10)} ${String(f.gzip).padStart(10)}\n`);
    process.stdout.write(`${'TOTAL'.padEnd(44)} ${String(r.raw).padStart(10)} ${String(r.gzip).padStart(10)}\n`);
    process.stdout.write(
      `time to interactive (first questionnaire control enabled), mean of ${o.runs}: cold ${r.tti_cold_ms} ms ` +
        `(${r.tti_cold_runs.join(', ')}), warm ${r.tti_warm_ms} ms\n`,
    );
  }
  if (o.json) await writeFile(o.json, `${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
