#!/usr/bin/env node
// Trunk post_build hook (Trunk.toml [[hooks]]): turns Trunk's output into the one release
// that is at once a static site with a strict CSP, an offline PWA and an embeddable widget.
//
// Trunk runs it with TRUNK_STAGING_DIR (the build being assembled), TRUNK_PUBLIC_URL and
// TRUNK_PROFILE set. It can also be run by hand on a finished build, e.g. to regenerate the
// service worker after changing a file (the PWA update test does this):
//
//   node scripts/pwa/post-build.mjs --dir dist --public-url /berth/ [--profile release]
//
// What it does, in order (every file name comes from the real output: nothing is hard-coded):
//  1. index.html: replaces Trunk's inline <script type="module"> loader with an external,
//     hashed boot-<hash>.js (with an SRI hash), so the CSP needs no 'unsafe-inline' and no
//     `window.wasmBindings` global is set; adds the manifest and icon links, the service
//     worker registration (pwa-<hash>.js) and, in release builds, the CSP as a <meta>.
//     Release builds also put the app's stylesheet inline, allowed by its hash in the CSP,
//     so the first paint waits for no request but the page's own.
//  1b. The first screen: when BERTH_PRERENDER names the native berth-prerender binary
//     (`./x build` builds it), it writes the first screen's HTML into index.html's
//     <div id="berth">, which the app hydrates (src/ui/prerender.rs).
//  2. icons/: the PNG/SVG icons from assets/icons/.
//  3. The widget: widget.js (defines <berth-advisor>), its stylesheet and glue, embed.html
//     (the iframe variant), embed-iframe.js (its host helper), and embed-example/ (a copy
//     of docs/embed-example/).
//  4. manifest.webmanifest, with start_url, scope, id and icons under the public URL.
//  5. _headers (Netlify, Cloudflare Pages): the CSP and the cache rules for every file.
//  6. sw.js: precaches the files the app needs; its cache name is a hash of all of them.
//     That includes the manifests worker (below), fetched in the background after load so
//     the manifests view works offline; the page itself loads it only when that view opens.
//
// Before all that, the manifests worker (index.html: data-bin="berth-manifests"
// data-type="worker"): Trunk names a worker's output after the binary, without a hash.
// Its JS and wasm get content-hashed names here (so they can be cached for good and never
// mismatch), and berth-manifests-worker.js, the fixed-name script the app starts as the
// worker, loads them by those names.
//
// The steps are idempotent: running it again on its own output only refreshes what changed.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PWA = path.join(ROOT, 'assets/pwa');
const ICONS = path.join(ROOT, 'assets/icons');
const EXAMPLE = path.join(ROOT, 'docs/embed-example');

export const APP_NAME = 'Berth';
export const SHORT_NAME = 'Berth';
export const DESCRIPTION =
  'Tells a team where to run a container and hands them the manifests to deploy it. Runs entirely in your browser, offline too.';
export const THEME_COLOR = '#0b57d0';
export const BACKGROUND_COLOR = '#f6f7f9';

/** The site's Content-Security-Policy. No 'unsafe-inline', no 'unsafe-eval'. */
export const CSP_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  // data: only for the favicon, inlined so that no request is made for it after load
  // (Chrome fetches a page's icon again on every fragment navigation).
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  // sw.js, and the manifests worker (berth-manifests-worker.js) the app starts on demand.
  "worker-src 'self'",
  "base-uri 'self'",
  "form-action 'none'",
  "object-src 'none'",
];
/** As an HTTP header: also forbids framing the app. */
export const CSP = [...CSP_DIRECTIVES, "frame-ancestors 'none'"].join('; ');
/**
 * All a server must send itself for index.html when the page's <meta> carries the rest:
 * the one directive a <meta> cannot. Unlike the whole policy, it never changes with a build
 * (the inline stylesheet's hash does), so it is what docs/deploy.md gives to servers whose
 * headers are written by hand.
 */
export const CSP_HEADER_MINIMAL = "frame-ancestors 'none'";
/** As a <meta> (GitHub Pages and other hosts without custom headers): frame-ancestors is not allowed there. */
export const CSP_META = CSP_DIRECTIVES.join('; ');
/** embed.html: like the app, but any page may frame it (narrow this to your docs' origins if you like). */
export const CSP_EMBED = [...CSP_DIRECTIVES, 'frame-ancestors *'].join('; ');
export const CSP_EMBED_META = CSP_DIRECTIVES.join('; ');
/** The example host page: the strict policy a docs site could use with a same-origin widget. */
export const CSP_EXAMPLE =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'";

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_REVALIDATE = 'no-cache';

// Content-hashed names: Trunk 0.21's `name-<hash>` (a 64-bit hash in hex, up to 16 digits:
// leading zeros are dropped) and this script's own (always 16).
export const HASHED = /-[0-9a-f]{8,16}(_bg)?\.[a-z]+$/;

/** `policy` whose `directive` (`style-src`, `script-src`) also allows the inline element with CSP hash `hash`, if any. */
function withHash(policy, directive, hash) {
  if (!hash) return policy;
  if (!policy.includes(`${directive} 'self'`)) fail(`no ${directive} 'self' to add the hash ${hash} to: ${policy}`);
  return policy.replace(`${directive} 'self'`, `${directive} 'self' '${hash}'`);
}

/** `policy` allowing the page's inline stylesheet and boot script by their hashes (either may be null). */
export function withInlineHashes(policy, { styleHash = null, scriptHash = null } = {}) {
  return withHash(withHash(policy, 'style-src', styleHash), 'script-src', scriptHash);
}

/** The hash a CSP allows an inline `<style>` with exactly `css` in it by. */
export const cspHash = (css) => `sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}`;

const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const hash16 = (data) => sha256(data).slice(0, 16);
const sri = (data) => `sha384-${createHash('sha384').update(data).digest('base64')}`;

function fail(message) {
  throw new Error(`post-build: ${message}`);
}

/**
 * A script as a release build ships it: minified, since the app's glue, the boot module and
 * the service worker's registration are all on a reader's first visit, and widget.js is
 * all a docs page loads (comments and long names are about a third of their gzip size).
 * Debug builds (`trunk serve`) keep them readable. `module`: an ES module (top-level names
 * are its own to shorten).
 */
export async function shipped(code, profile, { module = true } = {}) {
  if (profile !== 'release') return code;
  let terser;
  try {
    terser = await import('terser');
  } catch {
    fail('terser is missing from node_modules: run ./x setup');
  }
  // To a fixed point, so that running this on its own output (the build is idempotent)
  // changes nothing: a hashed file's name must keep naming the same bytes. Terser's
  // renaming can instead alternate between two outputs; then the smaller of the cycle (by
  // code units) is the answer, which a rerun on it finds again.
  let text = String(code);
  const seen = [];
  for (let round = 0; round < 8; round += 1) {
    const out = (await terser.minify(text, { module, compress: { passes: 2 }, mangle: true, format: { comments: false } })).code;
    if (out === text) return text;
    const at = seen.indexOf(out);
    if (at >= 0) return [...seen.slice(at), text].reduce((a, b) => (a < b ? a : b));
    seen.push(text);
    text = out;
  }
  fail('minified scripts did not settle in 8 rounds');
}

/** `html` with the SRI hash of every tag that references `file` set to that of `content`. */
function withIntegrity(html, file, content) {
  return html.replace(/<(link|script)\b[^>]*>/g, (tag) =>
    tag.includes(file) ? tag.replace(/integrity=("?)sha(256|384|512)-[A-Za-z0-9+/=]+\1/, `integrity=$1${sri(content)}$1`) : tag,
  );
}

function parseArgs(argv) {
  const options = {
    dir: process.env.TRUNK_STAGING_DIR,
    publicUrl: process.env.TRUNK_PUBLIC_URL,
    profile: process.env.TRUNK_PROFILE || 'release',
    prerender: process.env.BERTH_PRERENDER,
    quiet: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const value = () => {
      if (i + 1 >= argv.length) fail(`${argv[i]} needs a value`);
      i += 1;
      return argv[i];
    };
    const arg = argv[i];
    if (arg === '--dir') options.dir = value();
    else if (arg === '--public-url') options.publicUrl = value();
    else if (arg === '--profile') options.profile = value();
    else if (arg === '--quiet') options.quiet = true;
    else if (arg === '--prerender') options.prerender = value();
    else fail(`unknown argument ${arg}`);
  }
  if (!options.dir) fail('no build directory: run from Trunk (TRUNK_STAGING_DIR) or pass --dir');
  options.publicUrl = normalizePublicUrl(options.publicUrl || '/');
  return options;
}

export function normalizePublicUrl(url) {
  let u = url.trim();
  if (!u.endsWith('/')) u += '/';
  return u;
}

/** Every file under `dir`, as posix paths relative to it, sorted. */
async function listFiles(dir, prefix = '') {
  const out = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (entry.name === '.stage') continue;
      out.push(...(await listFiles(dir, rel)));
    } else if (entry.isFile()) {
      out.push(rel);
    }
  }
  return out.sort();
}

/** Writes `name-<hash>.ext` with `content`, removing older versions of it. Returns the name. */
async function writeHashed(dir, stem, ext, content) {
  const name = `${stem}-${hash16(content)}.${ext}`;
  const pattern = new RegExp(`^${stem}-[0-9a-f]{16}\\.${ext}$`);
  for (const old of await readdir(dir)) {
    if (pattern.test(old) && old !== name) await rm(path.join(dir, old));
  }
  await writeFile(path.join(dir, name), content);
  return name;
}

// ---------------------------------------------------------------------------------------
// The manifests worker's files

/** The script the app starts as the manifests worker (src/ui/hooks/use_manifest_worker.rs). */
export const WORKER_SCRIPT = 'berth-manifests-worker.js';
const WORKER_BIN = 'berth-manifests';
/** The worker's wasm-bindgen output, as Trunk names it or with this script's hash. */
const WORKER_OUTPUT = /^berth-manifests(-[0-9a-f]{16})?(\.js|_bg\.wasm)$/;

/** Whether `rel` is one of the manifests worker's files (loaded when the manifests view opens). */
export function isWorkerFile(rel) {
  return rel === WORKER_SCRIPT || WORKER_OUTPUT.test(rel);
}

const fill = (template, values) =>
  Object.entries(values).reduce((text, [key, value]) => text.replaceAll(`__BERTH_${key}__`, value), template);

// ---------------------------------------------------------------------------------------
// 1. The app's wasm-bindgen output, and index.html

async function findApp(dir) {
  const files = await readdir(dir);
  const wasm = files.filter((f) => f.endsWith('_bg.wasm') && !isWorkerFile(f));
  if (wasm.length !== 1) fail(`expected one *_bg.wasm in ${dir}, found ${wasm.length}: ${wasm.join(', ')}`);
  // Trunk names the glue after the wasm (a hash of up to 16 digits); a release build renames
  // it after its own bytes (shipGlue).
  const stem = wasm[0].replace(/-[0-9a-f]{1,16}_bg\.wasm$/, '');
  const named = new RegExp(`^${stem}-[0-9a-f]{1,16}\\.js$`);
  const glues = files.filter((f) => named.test(f));
  if (glues.length !== 1) fail(`expected one wasm-bindgen JS next to ${wasm[0]}, found ${glues.length}: ${glues.join(', ')}`);
  return { wasm: wasm[0], glue: glues[0] };
}

/**
 * The app's glue as a release build ships it: minified, and named after its own bytes.
 * Trunk's name follows the wasm, and a file served as immutable must never change under
 * its name (a newer minifier alone would do that). Returns the name.
 */
async function shipGlue(dir, glue, profile) {
  if (profile !== 'release') return glue;
  const original = await readFile(path.join(dir, glue), 'utf8');
  // A split build's glue, shipped by an earlier run (splitApp): its parts loader imports
  // it by this name, so it stays as it is.
  if (partsLoaderOf(original)) return glue;
  const text = await shipped(original, profile);
  const name = glue.replace(/-[0-9a-f]{1,16}\.js$/, `-${hash16(text)}.js`);
  await writeFile(path.join(dir, name), text);
  if (name !== glue) await rm(path.join(dir, glue));
  return name;
}

// ---------------------------------------------------------------------------------------
// 1a. The app split into parts (release builds: `--cfg berth_split`, src/ui/lazy.rs)

/** The module a split point's loader is imported from before splitting (wasm_split_helpers). */
const SPLIT_POINT_IMPORT = '__wasm_split_placeholder__';
/** The import specifier wasm-split gives the loader of the parts (the glue imports it). */
const SPLIT_PLACEHOLDER = './__wasm_split.js';
/** A part of the app's wasm: a page's own code, or code two pages share (`shared<n>`). */
const PART_FILE = /^berth-web-part-[a-z0-9_]+-[0-9a-f]{16}\.wasm$/;
/** The loader of the parts: imported by the app's glue, so a first visit fetches it. */
const PARTS_LOADER = /^berth-web-parts-[0-9a-f]{16}\.js$/;
/** The widget's copy of it, linked to the widget's copy of the glue. */
const WIDGET_PARTS_LOADER = /^widget-parts-[0-9a-f]{16}\.js$/;

/** Whether `rel` is a part of the app's wasm, fetched when a page first opens. */
export function isPartFile(rel) {
  return PART_FILE.test(rel);
}

/** The loader's import of the glue it joins the parts to (wasm-split writes one; minified or not). */
const LOADER_GLUE_IMPORT = /(import\s*\{\s*initSync(?:\s+as\s+[\w$]+)?\s*\}\s*from\s*)(["'])\.\/[^"']+\2/g;

/** The loader of the parts, importing `glue` (the copy of the glue that loaded them). */
function linkLoader(loader, glue) {
  const imports = loader.match(LOADER_GLUE_IMPORT) ?? [];
  if (imports.length !== 1) fail(`the parts loader should import initSync once, found ${imports.length}`);
  return loader.replace(LOADER_GLUE_IMPORT, `$1"./${glue}"`);
}

function tool(command, args) {
  try {
    execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    fail(`${command} ${args.join(' ')} failed: ${error.stderr?.toString().trim() || error.message}`);
  }
}

/**
 * Splits the app's wasm at its split points, when the build has them (the glue then imports
 * wasm-split's loader). Cargo's output, which still has the linker's relocations, goes
 * through wasm-split (a main module and one module per split point, plus modules for what
 * several share), then the main module through wasm-bindgen and each module through
 * wasm-opt -Oz, as Trunk does for an unsplit app. It replaces Trunk's glue and wasm with
 * these, writes the parts and their loader, and returns the new `{ glue, wasm }`, or null.
 *
 * Names: each part is named after its bytes. The glue and the loader name each other, so
 * the loader is named after what its text follows from (the minified glue before the link,
 * and the parts' names), and the glue after its own final bytes.
 */
async function splitApp(dir, app, profile, log) {
  const trunkGlue = await readFile(path.join(dir, app.glue), 'utf8');
  if (!trunkGlue.includes(SPLIT_POINT_IMPORT)) return null;
  const stem = app.wasm.replace(/-[0-9a-f]{1,16}_bg\.wasm$/, '');
  const targetDir = process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target');
  const input = path.join(targetDir, 'wasm32-unknown-unknown', profile === 'release' ? 'release' : 'debug', `${stem}.wasm`);
  if (!existsSync(input)) fail(`${app.glue} loads split parts, but cargo's ${input} is missing`);
  const work = await mkdtemp(path.join(os.tmpdir(), 'berth-split-'));
  try {
    tool('wasm-split-cli', [input, work, '--out-name', stem]);
    tool('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--out-dir', path.join(work, 'bg'), path.join(work, `${stem}.wasm`)]);
    const optimize = (from, to) => tool('wasm-opt', ['-Oz', '--low-memory-unused', from, '-o', to]);
    const main = path.join(work, 'main.wasm');
    optimize(path.join(work, 'bg', `${stem}_bg.wasm`), main);

    let loader = await readFile(path.join(work, '__wasm_split.js'), 'utf8');
    const parts = [];
    for (const file of (await readdir(work)).filter((f) => /^(split|chunk)_[a-z0-9_]+\.wasm$/.test(f)).sort()) {
      const out = path.join(work, `opt-${file}`);
      optimize(path.join(work, file), out);
      const bytes = await readFile(out);
      const [, kind, label] = /^(split|chunk)_([a-z0-9_]+)\.wasm$/.exec(file);
      const name = `${stem}-part-${kind === 'chunk' ? `shared${label}` : label}-${hash16(bytes)}.wasm`;
      const reference = `"./${file}"`;
      if (!loader.includes(reference)) fail(`the parts loader does not load ${file}`);
      loader = loader.replaceAll(reference, `"./${name}"`);
      await writeFile(path.join(dir, name), bytes);
      parts.push({ name, bytes: bytes.length });
    }
    if (parts.length === 0) fail(`${app.glue} loads split parts, but wasm-split made none`);

    const mainBytes = await readFile(main);
    const wasm = `${stem}-${hash16(mainBytes)}_bg.wasm`;
    await writeFile(path.join(dir, wasm), mainBytes);
    const glueBeforeLink = await shipped(await readFile(path.join(work, 'bg', `${stem}.js`), 'utf8'), profile);
    const loaderName = `${stem}-parts-${hash16(glueBeforeLink + parts.map((p) => p.name).join('\n'))}.js`;
    // Only the import statements: the wasm still imports from a module of that name.
    const glueText = glueBeforeLink.replace(/(\bfrom\s*)(["'])\.\/__wasm_split\.js\2/g, `$1"./${loaderName}"`);
    if (glueText === glueBeforeLink) fail(`wasm-bindgen's glue has no import from ${SPLIT_PLACEHOLDER}`);
    const glue = `${stem}-${hash16(glueText)}.js`;
    await writeFile(path.join(dir, glue), glueText);
    await writeFile(path.join(dir, loaderName), await shipped(linkLoader(loader, glue), profile));
    for (const old of [app.glue, app.wasm]) if (![glue, wasm].includes(old)) await rm(path.join(dir, old));
    for (const old of await readdir(dir)) {
      const stale = (PART_FILE.test(old) && !parts.some((p) => p.name === old)) || (PARTS_LOADER.test(old) && old !== loaderName);
      if (stale) await rm(path.join(dir, old));
    }
    log(`split: ${wasm} (${mainBytes.length} B) and ${parts.length} parts fetched when a page first opens (${parts.map((p) => `${p.name} ${p.bytes} B`).join(', ')}), loaded by ${loaderName}`);
    return { glue, wasm };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The loader a split build's glue imports, if it imports one. */
function partsLoaderOf(glueText) {
  const m = new RegExp(`\\./(${PARTS_LOADER.source.slice(1, -1)})`).exec(glueText);
  return m ? m[1] : null;
}

const INLINE_LOADER = /<script type=("?)module\1(?: nonce=[^>]*)?>([\s\S]*?)<\/script>/;

function insertAfterCharset(html, markup) {
  const charset = /<meta charset=[^>]*>/i.exec(html);
  if (charset) return html.slice(0, charset.index + charset[0].length) + markup + html.slice(charset.index + charset[0].length);
  return html.replace(/<head>/i, (head) => head + markup);
}

function insertInHead(html, markup) {
  if (/<\/head>/i.test(html)) return html.replace(/<\/head>/i, `${markup}</head>`);
  if (/<body/i.test(html)) return html.replace(/<body/i, `${markup}<body`);
  fail('index.html has neither </head> nor <body>');
}

/** assets/icons/icon.svg as a data: URI (percent-encoded, quotes safe in a double-quoted attribute). */
async function faviconDataUri() {
  const svg = (await readFile(path.join(ICONS, 'icon.svg'), 'utf8')).trim().replace(/\s+/g, ' ');
  return `data:image/svg+xml,${encodeURIComponent(svg).replace(/%20/g, ' ').replace(/%3D/g, '=').replace(/%3A/g, ':').replace(/%2F/g, '/')}`;
}

async function processIndex(dir, publicUrl, profile, app, trunkGlue) {
  const file = path.join(dir, 'index.html');
  let html = await readFile(file, 'utf8');

  // Boot script: what Trunk's inline loader did, minus the global, after what looks after
  // the pre-rendered first screen until the app is live: a returning reader's theme and
  // answers (assets/pwa/returning-reader.js), and what a reader does to it meanwhile
  // (assets/pwa/early-input.js).
  const release = profile === 'release';
  const stylesheet = release ? await inlineStylesheet(dir, html) : null;
  if (stylesheet) html = stylesheet.html;
  const firstScreen = await Promise.all(['returning-reader.js', 'early-input.js'].map((f) => readFile(path.join(PWA, f), 'utf8')));
  if (stylesheet) {
    const fallback = await readFile(path.join(PWA, 'stylesheet-fallback.js'), 'utf8');
    firstScreen.unshift(fill(fallback, { CSS: stylesheet.file, CSS_SRI: sri(stylesheet.css) }));
  }
  const boot = await shipped(firstScreen.join('') + fill(
    `// Starts Berth. GENERATED by scripts/pwa/post-build.mjs in place of Trunk's inline loader:
// allowed by its hash, so the page needs no 'unsafe-inline' script, and it sets no global.
// The first screen is already HTML: let the browser paint it before the app's download and
// start-up compete with it for the network and the main thread. Painted means the browser
// has reported the first contentful paint (a frame can still be on its way to the screen
// when the next task runs); at most 500 ms, e.g. in a background tab where frames wait.
// Then the wasm download starts first, while the glue module is still being evaluated.
{
  let observer;
  await new Promise((painted) => {
    try {
      observer = new PerformanceObserver((list) => {
        if (list.getEntriesByName('first-contentful-paint').length) painted();
      });
      observer.observe({ type: 'paint', buffered: true });
    } catch {
      requestAnimationFrame(() => setTimeout(painted, 0));
    }
    setTimeout(painted, 500);
  });
  observer?.disconnect();
}
// If the app cannot start (no WebAssembly here, a download that failed) or stops before it
// is live (a Rust panic is a WebAssembly trap), the first screen stays readable and says
// why nothing on it responds.
const failed = (error) => {
  const mount = document.getElementById('berth');
  if (!mount || document.documentElement.hasAttribute('data-live') || mount.querySelector('.berth-failed')) return;
  delete mount.dataset.stale;
  mount.querySelector('main')?.removeAttribute('aria-busy');
  const note = document.createElement('p');
  note.setAttribute('role', 'alert');
  note.className = 'error berth-failed';
  note.textContent = \`Berth could not start in this browser, so this page does not respond (\${error?.message || error}). Reload to try again.\`;
  (mount.querySelector('main') || mount).prepend(note);
};
addEventListener('error', (e) => {
  if (globalThis.WebAssembly && e.error instanceof WebAssembly.RuntimeError) failed(e.error);
});
const response = fetch(new URL('./__BERTH_WASM__', __BERTH_BASE__));
try {
  const { default: init } = await import(new URL('./__BERTH_GLUE__', __BERTH_BASE__).href);
  const wasm = await init({ module_or_path: response });
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
} catch (error) {
  failed(error);
  throw error;
}
`,
    { GLUE: app.glue, WASM: app.wasm },
  ), profile);
  // The boot runs inline, allowed by its hash: it starts the wasm's download once the first
  // paint is done, a request's round trip sooner than a script file could (one that the
  // page would have to fetch first). The same code as a file, boot-fallback-<hash>.js, runs
  // only if the browser refused the inline copy (a server's own policy without its hash),
  // and then says what to change. Each marks <html data-boot> when it runs, so only the
  // first does anything. (Debug builds have no inline copy: the file is their boot.)
  const refused = release
    ? `console.warn("Berth: this server's Content-Security-Policy refused the page's inline start-up script, so it ran from its file, one request later. Send the policy from this build's _headers, or only frame-ancestors 'none' and let the page's <meta> policy do the rest (docs/deploy.md).");`
    : '';
  const fileBoot = await shipped(fill(
    `if (!document.documentElement.hasAttribute('data-boot')) {
  document.documentElement.setAttribute('data-boot', '');
  ${refused}
  ${boot}
}
`,
    { BASE: 'import.meta.url' },
  ), profile);
  // The file is fetched only then: the page loads a one-line script that imports it when
  // no boot has run.
  const fallbackName = await writeHashed(dir, 'boot-fallback', 'js', fileBoot);
  const bootFile = await shipped(
    `document.documentElement.hasAttribute('data-boot') || import('./${fallbackName}');\n`,
    profile,
  );
  const bootName = await writeHashed(dir, 'boot', 'js', bootFile);
  const inlineBoot = await shipped(fill(
    `document.documentElement.setAttribute('data-boot', '');\n${boot}`,
    { BASE: `new URL(${JSON.stringify(publicUrl)}, document.baseURI)` },
  ), profile);
  if (/<\/script/i.test(inlineBoot)) fail('the boot script contains "</script", which would end its inline copy early');
  const scriptHash = release ? cspHash(inlineBoot) : null;
  const bootTag =
    (release ? `<script type=module data-boot>${inlineBoot}</script>` : '') +
    `<script type=module src=${publicUrl}${bootName} integrity=${sri(bootFile)}></script>`;
  // A previous run's inline copy goes: the boot file's tag below is replaced with both.
  html = html.replace(/<script type=module data-boot>[\s\S]*?<\/script>/, '');

  const loader = INLINE_LOADER.exec(html);
  if (loader) {
    if (!loader[2].includes(trunkGlue)) fail(`Trunk's inline loader does not import ${trunkGlue}`);
    html = html.replace(INLINE_LOADER, bootTag);
  } else if (/<script type=module src=[^>]*boot-[0-9a-f]{16}\.js/.test(html)) {
    html = html.replace(/<script type=module src=[^>]*boot-[0-9a-f]{16}\.js[^>]*><\/script>/, bootTag);
  } else {
    fail("index.html has neither Trunk's inline loader nor a boot script");
  }
  // No preload of the app's wasm: the pre-rendered first screen needs no script, and a
  // large download that starts before the first paint competes with it (a slow mobile
  // link shows the page later). The boot module fetches the wasm as soon as it runs.
  html = html.replace(/<link(?=[^>]*\brel="?preload\b)(?=[^>]*_bg\.wasm)[^>]*>/g, '');
  // The glue was minified and renamed after Trunk wrote index.html (shipGlue): its
  // modulepreload gets the new name and SRI hash.
  html = html.split(trunkGlue).join(app.glue);
  const glueBytes = await readFile(path.join(dir, app.glue));
  html = withIntegrity(html, app.glue, glueBytes);
  // A split build's glue imports the loader of the parts: fetched alongside, not after it.
  html = html.replace(/<link(?=[^>]*\brel="?modulepreload\b)(?=[^>]*berth-web-parts-)[^>]*>/g, '');
  const partsLoader = partsLoaderOf(glueBytes.toString('utf8'));
  if (partsLoader) {
    const preload = `<link crossorigin href=${publicUrl}${partsLoader} integrity=${sri(await readFile(path.join(dir, partsLoader)))} rel=modulepreload>`;
    html = insertInHead(html, preload);
  }
  // (`trunk serve` adds an inline live-reload script to debug builds; they get no CSP.)
  if (profile === 'release' && /<script(?![^>]*\bsrc=)(?![^>]*\bdata-boot\b)[^>]*>/i.test(html)) {
    fail('index.html still has an inline script: the CSP would block it');
  }

  // Everything below is ours: drop the previous run's copy, then add it again.
  html = html.replace(/<!--berth-pwa-->[\s\S]*?<!--\/berth-pwa-->/g, '');
  html = html.replace(/<!--berth-csp-->[\s\S]*?<!--\/berth-csp-->/g, '');
  const styleHash = stylesheet ? cspHash(stylesheet.css) : null;
  if (release) {
    const policy = withInlineHashes(CSP_META, { styleHash, scriptHash });
    html = insertAfterCharset(html, `<!--berth-csp--><meta http-equiv=Content-Security-Policy content="${policy}"><!--/berth-csp-->`);
  }
  const head = [
    `<link rel=manifest href=${publicUrl}manifest.webmanifest>`,
    `<link rel=icon href="${await faviconDataUri()}" type=image/svg+xml>`,
    `<link rel=apple-touch-icon href=${publicUrl}icons/apple-touch-icon.png>`,
  ];
  if (release) {
    // The service worker only in release builds: it would fight `trunk serve`'s reloads.
    const register = await shipped(await readFile(path.join(PWA, 'register.js'), 'utf8'), profile);
    const pwaName = await writeHashed(dir, 'pwa', 'js', register);
    head.push(`<script type=module src=${publicUrl}${pwaName} integrity=${sri(register)}></script>`);
  }
  html = insertInHead(html, `<!--berth-pwa-->${head.join('')}<!--/berth-pwa-->`);
  await writeFile(file, html);
  return { bootName, fallbackName, styleHash, scriptHash, inlinedStylesheet: stylesheet?.file ?? null };
}

/** An inline copy of the app's stylesheet, named by the file it was copied from (so a rerun finds that file again). */
const INLINE_STYLE = /<style data-file=([\w.-]+)>[\s\S]*?<\/style>/;

/**
 * The app's stylesheet: the file index.html links to, or, once this script has put it
 * inline, the file it was copied from.
 */
export function appStylesheet(html) {
  const inline = INLINE_STYLE.exec(html);
  if (inline) return inline[1];
  return linkedStylesheets(html).map((href) => href.split('/').pop()).find((name) => /^style-[0-9a-f]{1,16}\.css$/.test(name));
}

/**
 * index.html with the app's stylesheet inline instead of linked: the first paint then
 * needs no second request, a round trip sooner on a slow link. The CSP allows these exact
 * bytes by their hash (cspHash). The file stays in the build: the widget derives its
 * stylesheet from it, and the boot module loads it if a server's own policy refuses the
 * inline copy (assets/pwa/stylesheet-fallback.js).
 */
async function inlineStylesheet(dir, html) {
  const file = appStylesheet(html);
  if (!file || !existsSync(path.join(dir, file))) fail(`index.html links no stylesheet of this build (found ${file ?? 'none'})`);
  // Exactly the file's text: the fallback's link checks the file against its SRI hash.
  const css = await readFile(path.join(dir, file), 'utf8');
  if (/<\/style/i.test(css)) fail(`${file} contains "</style", which would end its inline copy early`);
  // The HTML parser turns CR LF into LF, and the CSP hash would then no longer match.
  if (/[\r\0\ufeff]/.test(css)) fail(`${file} contains a carriage return, NUL or byte-order mark, which the inline copy's hash cannot survive`);
  const tag = `<style data-file=${file}>${css}</style>`;
  if (INLINE_STYLE.test(html)) return { html: html.replace(INLINE_STYLE, () => tag), file, css };
  let replaced = 0;
  const out = html.replace(/<link\s[^>]*>/gi, (link) => {
    const [attrs] = links(link);
    if (!(attrs.rel || '').split(/\s+/).includes('stylesheet') || attrs.href?.split('/').pop() !== file) return link;
    replaced += 1;
    return tag;
  });
  if (replaced !== 1) fail(`expected one <link rel=stylesheet> to ${file} in index.html, found ${replaced}`);
  return { html: out, file, css };
}

// ---------------------------------------------------------------------------------------
// 1b. The manifests worker

async function buildWorker(dir) {
  const files = await readdir(dir);
  let glue = `${WORKER_BIN}.js`;
  let wasm = `${WORKER_BIN}_bg.wasm`;
  if (files.includes(glue) && files.includes(wasm)) {
    // Fresh from Trunk: hash both names by their content.
    const [glueText, wasmBytes] = [await readFile(path.join(dir, glue)), await readFile(path.join(dir, wasm))];
    const hash = hash16(Buffer.concat([wasmBytes, glueText]));
    for (const old of files) {
      if (WORKER_OUTPUT.test(old) && old !== glue && old !== wasm) await rm(path.join(dir, old));
    }
    const hashed = { glue: `${WORKER_BIN}-${hash}.js`, wasm: `${WORKER_BIN}-${hash}_bg.wasm` };
    await writeFile(path.join(dir, hashed.glue), glueText.toString('utf8').replace(/^\/\/# sourceMappingURL=.*$/m, ''));
    await writeFile(path.join(dir, hashed.wasm), wasmBytes);
    await rm(path.join(dir, glue));
    await rm(path.join(dir, wasm));
    ({ glue, wasm } = hashed);
  } else {
    // Run again on a finished build: keep the hashed files.
    const find = (suffix) => files.filter((f) => WORKER_OUTPUT.test(f) && f.endsWith(suffix));
    const [glues, wasms] = [find('.js'), find('_bg.wasm')];
    if (glues.length !== 1 || wasms.length !== 1) {
      fail(
        `expected the manifests worker's ${WORKER_BIN}.js and ${WORKER_BIN}_bg.wasm in ${dir} ` +
          '(index.html: <link data-trunk rel="rust" data-bin="berth-manifests" data-type="worker">)',
      );
    }
    [glue, wasm] = [glues[0], wasms[0]];
  }
  const script = fill(await readFile(path.join(PWA, 'manifests-worker.template.js'), 'utf8'), { GLUE: glue, WASM: wasm });
  await writeFile(path.join(dir, WORKER_SCRIPT), script);
  return { script: WORKER_SCRIPT, glue, wasm };
}

// ---------------------------------------------------------------------------------------
// 2. Icons

async function copyIcons(dir) {
  const out = path.join(dir, 'icons');
  await mkdir(out, { recursive: true });
  const icons = (await readdir(ICONS)).filter((f) => /\.(png|svg)$/.test(f));
  for (const icon of icons) await copyFile(path.join(ICONS, icon), path.join(out, icon));
  for (const needed of ['icon-192.png', 'icon-512.png', 'maskable-192.png', 'maskable-512.png', 'icon.svg']) {
    if (!icons.includes(needed)) fail(`assets/icons/${needed} is missing: run node scripts/pwa/make-icons.mjs`);
  }
}

// ---------------------------------------------------------------------------------------
// 3. The widget and the iframe embed

/** The attributes of every `<link>` in `html` (quoted or not, as the minifier leaves them). */
export function links(html) {
  return [...html.matchAll(/<link\s([^>]*)>/gi)].map(([, attrs]) => {
    const out = {};
    for (const [, name, , , dq, sq, bare] of attrs.matchAll(/([\w-]+)(=("([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
      out[name.toLowerCase()] = dq ?? sq ?? bare ?? '';
    }
    return out;
  });
}

export function linkedStylesheets(html) {
  return links(html)
    .filter((l) => (l.rel || '').split(/\s+/).includes('stylesheet') && l.href)
    .map((l) => l.href);
}

/** The app's stylesheet, for a shadow root: rem (the host page's root font size) becomes --berth-rem. */
export function widgetCss(appCss, prefix) {
  // Media and container query conditions cannot use var(): keep their rem as is.
  const kept = [];
  const masked = appCss.replace(/@(media|container|supports)[^{]*\{/g, (m) => {
    kept.push(m);
    return `\u0000${kept.length - 1}\u0000`;
  });
  const converted = masked.replace(
    /(^|[^\w.-])(-?(?:\d+\.?\d*|\.\d+))rem\b/g,
    (_, before, n) => `${before}calc(${n} * var(--berth-rem, 16px))`,
  );
  return `${prefix}\n${converted.replace(/\u0000(\d+)\u0000/g, (_, i) => kept[Number(i)])}`;
}

async function buildWidget(dir, app, html, profile) {
  let glue = await readFile(path.join(dir, app.glue), 'utf8');
  if (!/\bmount_widget\b/.test(glue)) {
    fail(`${app.glue} does not export mount_widget: is src/ui/widget.rs compiled into the app?`);
  }
  // The app's bin mounts the full page from its `main` (wasm-bindgen's start function).
  // A widget must not: its copy of the glue instantiates the same wasm without the start
  // call, which becomes `void 0` (the glue may be minified, the call inside an expression).
  // Every mention of the start function must be such a call, and the result must parse
  // (the release build minifies it again), or the build stops.
  const start = /(?<![\w$.])[A-Za-z_$][\w$]*\.__wbindgen_start\(\)/g;
  const mentions = (glue.match(/__wbindgen_start/g) ?? []).length;
  const starts = glue.match(start) ?? [];
  if (mentions > 1 || starts.length !== mentions) {
    fail(`${app.glue}: cannot take the start call out (${mentions} mentions, ${starts.length} recognised)`);
  }
  glue = glue.replace(start, 'void 0');
  glue = glue.replace(/^\/\/# sourceMappingURL=.*$/m, '');
  glue = await shipped(glue, profile);
  // A split build's parts join the glue that loaded them: the widget's copy gets a copy of
  // the loader, linked to it (named as splitApp names the app's).
  const appLoader = partsLoaderOf(glue);
  let widgetLoader = null;
  let loaderText = '';
  if (appLoader) {
    loaderText = await readFile(path.join(dir, appLoader), 'utf8');
    widgetLoader = `widget-parts-${hash16(glue + loaderText)}.js`;
    glue = glue.replaceAll(`"./${appLoader}"`, `"./${widgetLoader}"`);
  }
  const glueName = await writeHashed(dir, 'widget-glue', 'js', glue);
  for (const old of await readdir(dir)) {
    if (WIDGET_PARTS_LOADER.test(old) && old !== widgetLoader) await rm(path.join(dir, old));
  }
  if (widgetLoader) await writeFile(path.join(dir, widgetLoader), await shipped(linkLoader(loaderText, glueName), profile));

  const appCssName = appStylesheet(html);
  if (!appCssName || !existsSync(path.join(dir, appCssName))) fail('no app stylesheet in index.html');
  const css = widgetCss(await readFile(path.join(dir, appCssName), 'utf8'), await readFile(path.join(PWA, 'widget.css'), 'utf8'));
  const cssName = await writeHashed(dir, 'widget', 'css', css);

  const template = await readFile(path.join(PWA, 'widget.template.js'), 'utf8');
  await writeFile(path.join(dir, 'widget.js'), await shipped(fill(template, { GLUE: glueName, WASM: app.wasm, CSS: cssName }), profile));

  // The iframe variant.
  const frameName = await writeHashed(dir, 'embed-frame', 'js', await readFile(path.join(PWA, 'embed-frame.js')));
  const embedCssName = await writeHashed(dir, 'embed', 'css', await readFile(path.join(PWA, 'embed.css')));
  const embed = fill(await readFile(path.join(PWA, 'embed.template.html'), 'utf8'), {
    CSP: CSP_EMBED_META,
    EMBED_CSS: embedCssName,
    EMBED_FRAME: frameName,
  });
  await writeFile(path.join(dir, 'embed.html'), embed);
  await copyFile(path.join(PWA, 'embed-iframe.js'), path.join(dir, 'embed-iframe.js'));

  // The example docs page, next to the build so it can be opened from the same server.
  if (existsSync(EXAMPLE)) {
    const out = path.join(dir, 'embed-example');
    await rm(out, { recursive: true, force: true });
    await mkdir(out, { recursive: true });
    for (const f of await readdir(EXAMPLE)) await copyFile(path.join(EXAMPLE, f), path.join(out, f));
  }
  return { glueName, cssName };
}

// ---------------------------------------------------------------------------------------
// 4. The web app manifest

export function manifest(publicUrl) {
  const icon = (file, size, purpose) => ({ src: `${publicUrl}icons/${file}`, sizes: `${size}x${size}`, type: 'image/png', purpose });
  return {
    id: publicUrl,
    name: APP_NAME,
    short_name: SHORT_NAME,
    description: DESCRIPTION,
    lang: 'en',
    dir: 'ltr',
    start_url: publicUrl,
    scope: publicUrl,
    display: 'standalone',
    theme_color: THEME_COLOR,
    background_color: BACKGROUND_COLOR,
    categories: ['developer', 'productivity', 'utilities'],
    icons: [
      icon('icon-192.png', 192, 'any'),
      icon('icon-512.png', 512, 'any'),
      icon('maskable-192.png', 192, 'maskable'),
      icon('maskable-512.png', 512, 'maskable'),
    ],
  };
}

// ---------------------------------------------------------------------------------------
// 5. Headers for static hosts

/** Which of the build's files the app needs to run (and so the service worker precaches). */
export function isAppFile(rel) {
  // Not icons/: the favicon is inlined, and an installed app's icons are kept by the OS.
  if (rel.includes('/') || rel.endsWith('.map')) return false; // icons/, embed-example/, source maps
  if (['sw.js', '_headers', 'widget.js', 'embed.html', 'embed-iframe.js'].includes(rel)) return false;
  return !/^(widget-glue|widget-parts|widget|embed-frame|embed)-[0-9a-f]{16}\.(js|css)$/.test(rel);
}

/** The widget's files: shared cross-origin (CORS) so any site can embed it. */
export function isWidgetFile(rel, app) {
  return (
    rel === 'widget.js' ||
    rel === app.wasm ||
    /^(widget-glue|widget-parts|widget)-[0-9a-f]{16}\.(js|css)$/.test(rel) ||
    isPartFile(rel) || // the pages past the questionnaire inside the widget
    isWorkerFile(rel) // the manifests view inside the widget
  );
}

export function headersFile(files, publicUrl, app, styleHash = null, scriptHash = null) {
  const base = publicUrl.startsWith('/') ? publicUrl : '/';
  const rules = [];
  const rule = (pattern, headers) => rules.push([pattern, headers]);
  rule(`${base}*`, {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  });
  for (const rel of files) {
    const headers = { 'Cache-Control': HASHED.test(rel) ? CACHE_IMMUTABLE : CACHE_REVALIDATE };
    if (rel.endsWith('.wasm')) headers['Content-Type'] = 'application/wasm';
    if (rel.endsWith('.webmanifest')) headers['Content-Type'] = 'application/manifest+json';
    if (rel === 'index.html') headers['Content-Security-Policy'] = withInlineHashes(CSP, { styleHash, scriptHash });
    if (rel === 'embed.html') headers['Content-Security-Policy'] = CSP_EMBED;
    if (rel === 'embed-example/index.html') headers['Content-Security-Policy'] = CSP_EXAMPLE;
    if (isWidgetFile(rel, app)) {
      headers['Access-Control-Allow-Origin'] = '*';
      headers['Cross-Origin-Resource-Policy'] = 'cross-origin';
    }
    rule(`${base}${rel}`, headers);
    // A directory's index is also served at the directory's own URL.
    if (rel === 'index.html' || rel.endsWith('/index.html')) rule(`${base}${rel.slice(0, -'index.html'.length)}`, headers);
  }
  const text = rules
    .map(([pattern, headers]) => [pattern, ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)].join('\n'))
    .join('\n');
  return `# Response headers for Netlify and Cloudflare Pages. GENERATED by scripts/pwa/post-build.mjs.\n# Hashed files never change: cache them for a year. Everything else: revalidate.\n${text}\n`;
}

/** Parses a `_headers` file into [{pattern, headers}] (for tests and docs). */
export function parseHeadersFile(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ pattern: line.trim(), headers: {} });
    else {
      const i = line.indexOf(':');
      rules.at(-1).headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
  }
  return rules;
}

// ---------------------------------------------------------------------------------------
// 6. The service worker

/**
 * What sw.js precaches: the app's files, less `skip` (the stylesheet once it is inline:
 * the cached index.html carries it, and the page fetches the file only if a server's policy
 * refuses the inline copy, when the browser's HTTP cache keeps it, immutable, for a year).
 */
export async function precacheList(dir, files, skip = []) {
  const precache = files.filter(isAppFile).filter((f) => f !== 'sw.js' && !skip.includes(f));
  const digests = [];
  for (const rel of precache) digests.push(`${rel} ${sha256(await readFile(path.join(dir, rel)))}`);
  return { precache, version: hash16(digests.join('\n')) };
}

// ---------------------------------------------------------------------------------------

export async function postBuild({ dir, publicUrl, profile = 'release', prerender, quiet = false }) {
  const log = quiet ? () => {} : (line) => process.stdout.write(`post-build: ${line}\n`);
  publicUrl = normalizePublicUrl(publicUrl);
  if (!existsSync(path.join(dir, 'index.html'))) fail(`${dir}/index.html not found`);
  const app = await findApp(dir);
  const trunkGlue = app.glue;
  const split = await splitApp(dir, app, profile, log);
  if (split) Object.assign(app, split);
  else app.glue = await shipGlue(dir, app.glue, profile);
  const worker = await buildWorker(dir);
  log(`${worker.script} -> ${worker.glue}, ${worker.wasm} (the manifests worker, loaded on demand)`);

  const { bootName, fallbackName, styleHash, scriptHash, inlinedStylesheet } = await processIndex(dir, publicUrl, profile, app, trunkGlue);
  log(`index.html boots ${scriptHash ? `inline (from ${fallbackName} if refused)` : `from ${bootName}`}${inlinedStylesheet ? `, ${inlinedStylesheet} inline` : ''}`);
  if (prerender) {
    execFileSync(prerender, [path.join(dir, 'index.html')], { stdio: 'inherit' });
    log('index.html: first screen pre-rendered');
  }
  await copyIcons(dir);
  const html = await readFile(path.join(dir, 'index.html'), 'utf8');
  const widget = await buildWidget(dir, app, html, profile);
  log(`widget.js -> ${widget.glueName}, ${app.wasm}, ${widget.cssName}; embed.html`);
  await writeFile(path.join(dir, 'manifest.webmanifest'), `${JSON.stringify(manifest(publicUrl), null, 2)}\n`);

  // The service worker last: it lists the final files.
  await rm(path.join(dir, 'sw.js'), { force: true });
  await rm(path.join(dir, '_headers'), { force: true });
  let files = await listFiles(dir);
  // Nor the files of what is inline (release builds): the page fetches them only when a
  // server's policy refuses the inline copy.
  const notPrecached = [inlinedStylesheet, scriptHash ? fallbackName : null].filter(Boolean);
  const { precache, version } = await precacheList(dir, files, notPrecached);
  const sw = fill(await readFile(path.join(PWA, 'sw.template.js'), 'utf8'), {
    VERSION: version,
    PUBLIC_URL: publicUrl,
    PRECACHE: JSON.stringify(precache, null, 2),
  });
  await writeFile(path.join(dir, 'sw.js'), sw);
  log(`sw.js: version ${version}, ${precache.length} files precached`);

  files = await listFiles(dir);
  await writeFile(path.join(dir, '_headers'), headersFile(files, publicUrl, app, styleHash, scriptHash));
  log(`_headers: CSP and cache rules for ${files.length} files`);
  return { app, worker, version, precache, bootName, ...widget };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await postBuild(parseArgs(process.argv.slice(2)));
  } catch (error) {
    process.stderr.write(`${error.stack || error}\n`);
    process.exit(1);
  }
}
