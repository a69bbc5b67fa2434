#!/usr/bin/env node
// Takes docs/screenshot.png of the release build in headless Chromium.
// Run through `./x screenshot [FILE]`, which builds the app and sets BERTH_E2E_DIST.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { openApp, start } from '../tests/e2e/harness.mjs';

const out = process.argv[2] ?? 'docs/screenshot.png';
const env = await start();
try {
  const app = await openApp(env);
  await app.page.waitForLoadState('networkidle');
  await mkdir(path.dirname(out), { recursive: true });
  await app.page.screenshot({ path: out, fullPage: false });
  await app.close();
  process.stdout.write(`Wrote ${out}\n`);
} finally {
  await env.stop();
}
