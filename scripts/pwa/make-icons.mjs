#!/usr/bin/env node
// Renders Berth's app icons from the SVG below into the PNGs under assets/icons/.
// Run once when the artwork changes, then commit the PNGs:
//
//   node scripts/pwa/make-icons.mjs
//
// Uses the system Chromium through playwright-core (no network). Writes:
//   icon.svg                   the artwork, also used as the favicon
//   icon-192.png, icon-512.png  "any" purpose: rounded tile
//   maskable-192.png, maskable-512.png
//                              "maskable" purpose: full-bleed background, the motif
//                              inside the central 60% safe zone
//   apple-touch-icon.png       180x180, full-bleed (iOS rounds the corners itself)

import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'assets/icons');
const ACCENT = '#0b57d0';

// A container resting at a quay over water: "where your container berths".
// Drawn on a 100x100 grid; `scale` shrinks the motif around the centre (maskable safe zone).
function motif(scale) {
  const t = (50 * (1 - scale)).toFixed(2);
  return `<g transform="translate(${t} ${t}) scale(${scale})" fill="none" stroke="#fff" stroke-linecap="round" stroke-linejoin="round">
    <rect x="22" y="28" width="56" height="30" rx="3" fill="#fff" stroke="none"/>
    <path d="M33 33v20M44 33v20M56 33v20M67 33v20" stroke="${ACCENT}" stroke-width="4"/>
    <path d="M14 66h72" stroke-width="6"/>
    <path d="M16 79q8-6 16 0t16 0 16 0 16 0" stroke-width="5"/>
  </g>`;
}

function svg({ rounded, scale }) {
  const bg = rounded
    ? `<rect width="100" height="100" rx="22" fill="${ACCENT}"/>`
    : `<rect width="100" height="100" fill="${ACCENT}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">${bg}${motif(scale)}</svg>`;
}

const ICONS = [
  { file: 'icon-192.png', size: 192, rounded: true, scale: 1 },
  { file: 'icon-512.png', size: 512, rounded: true, scale: 1 },
  { file: 'maskable-192.png', size: 192, rounded: false, scale: 0.72 },
  { file: 'maskable-512.png', size: 512, rounded: false, scale: 0.72 },
  { file: 'apple-touch-icon.png', size: 180, rounded: false, scale: 0.86 },
];

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

await mkdir(OUT, { recursive: true });
await writeFile(path.join(OUT, 'icon.svg'), `${svg({ rounded: true, scale: 1 })}\n`);

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
try {
  for (const icon of ICONS) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
    const markup = svg(icon).replace('<svg ', `<svg width="${icon.size}" height="${icon.size}" `);
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">${markup}</body></html>`,
    );
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: icon.size, height: icon.size } });
    await writeFile(path.join(OUT, icon.file), png);
    process.stdout.write(`${icon.file}: ${png.length} bytes\n`);
    await page.close();
  }
} finally {
  await browser.close();
}
