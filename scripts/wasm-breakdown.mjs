#!/usr/bin/env node
// What the app's wasm is made of, by crate: the size report's answer to "what should move
// out of the first download?".
//
//   node scripts/wasm-breakdown.mjs APP_bg.wasm [--top 15]
//
// It reads a wasm that still has its name section — `./x test size` makes one the way the
// release build does (wasm-bindgen, then wasm-opt -Oz) but with -g to keep the names — sums
// every function body's bytes under the crate its name belongs to, and counts data (string
// constants, the embedded catalog, tables) and the module's other sections as their own
// rows. Yew's component lifecycle is generic over the component, so each component's
// `view` (the app's markup) is counted under yew.

import { readFileSync } from 'node:fs';

function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  let pos = at;
  for (;;) {
    const b = bytes[pos];
    pos += 1;
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [value, pos];
    shift += 7;
  }
}

function name(bytes, at) {
  const [len, start] = leb(bytes, at);
  return [new TextDecoder().decode(bytes.subarray(start, start + len)), start + len];
}

/** Sections of a wasm module: [{ id, name (custom only), start, end }]. */
function sections(bytes) {
  if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  const out = [];
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos];
    const [size, start] = leb(bytes, pos + 1);
    const section = { id, start, end: start + size };
    if (id === 0) [section.name] = name(bytes, start);
    out.push(section);
    pos = start + size;
  }
  return out;
}

/** Imported function count: function indices start after the imports. */
function importedFunctions(bytes, section) {
  let [count, pos] = leb(bytes, section.start);
  let functions = 0;
  for (let i = 0; i < count; i += 1) {
    [, pos] = name(bytes, pos);
    [, pos] = name(bytes, pos);
    const kind = bytes[pos];
    pos += 1;
    if (kind === 0) {
      [, pos] = leb(bytes, pos);
      functions += 1;
    } else if (kind === 1) {
      pos += 1;
      const flags = bytes[pos];
      [, pos] = leb(bytes, pos + 1);
      if (flags & 1) [, pos] = leb(bytes, pos);
    } else if (kind === 2) {
      const flags = bytes[pos];
      [, pos] = leb(bytes, pos + 1);
      if (flags & 1) [, pos] = leb(bytes, pos);
    } else if (kind === 3) {
      pos += 2;
    } else {
      [, pos] = leb(bytes, pos + 1);
    }
  }
  return functions;
}

/** Function index -> name, from the "name" custom section. */
function functionNames(bytes, section) {
  const names = new Map();
  let [, pos] = name(bytes, section.start);
  while (pos < section.end) {
    const kind = bytes[pos];
    const [size, start] = leb(bytes, pos + 1);
    if (kind === 1) {
      let [count, p] = leb(bytes, start);
      for (let i = 0; i < count; i += 1) {
        let index;
        [index, p] = leb(bytes, p);
        let fn;
        [fn, p] = name(bytes, p);
        names.set(index, fn);
      }
    }
    pos = start + size;
  }
  return names;
}

const PRIMITIVES = /^(bool|char|str|f32|f64|[iu](8|16|32|64|128|size)|mut|const|dyn|impl)$/;

/** The crate a demangled Rust symbol belongs to: `<yew::X<C> as T>::view::h..` is yew's. */
export function crateOf(symbol) {
  const path = (s) => {
    const m = /^(?:<|&|\*const |\*mut |dyn |\(|\[|mut )*([A-Za-z_][A-Za-z0-9_]*)(\[[0-9a-f]+\])?(::)?/.exec(s);
    return m ? { name: m[1], isPath: Boolean(m[3]) } : null;
  };
  const first = path(symbol);
  if (!first) return '(other)';
  let crate = first.name;
  // `<f64 as core::fmt::Display>::fmt`, `<T as serde::Serialize>`: the trait's crate.
  if (!first.isPath || PRIMITIVES.test(crate)) {
    const as = / as ([^>]*)>/.exec(symbol);
    const trait = as && path(as[1]);
    crate = trait?.isPath ? trait.name : PRIMITIVES.test(crate) ? 'core' : '(generic)';
  }
  if (/^(__wbg|__wbindgen|wasm_bindgen)/.test(crate)) return 'wasm_bindgen';
  if (/^(dlmalloc|__rust|rust_|__rdl|__rg)/.test(crate)) return 'std';
  return crate;
}

export function breakdown(bytes) {
  const all = sections(bytes);
  const imports = all.find((s) => s.id === 2);
  const code = all.find((s) => s.id === 10);
  const names = all.find((s) => s.id === 0 && s.name === 'name');
  if (!code) throw new Error('no code section');
  if (!names) throw new Error('no name section: run wasm-opt with -g (see `./x test size`)');
  const firstIndex = imports ? importedFunctions(bytes, imports) : 0;
  const fnNames = functionNames(bytes, names);
  const rows = new Map();
  const add = (key, n) => rows.set(key, (rows.get(key) ?? 0) + n);
  let [count, pos] = leb(bytes, code.start);
  for (let i = 0; i < count; i += 1) {
    const [size, start] = leb(bytes, pos);
    add(crateOf(fnNames.get(firstIndex + i) ?? '(unnamed)'), start + size - pos);
    pos = start + size;
  }
  for (const s of all) {
    if (s.id === 10) continue;
    if (s.id === 11) add('(data: strings, catalog, tables)', s.end - s.start);
    else if (s.id === 0) add(`(custom section: ${s.name})`, s.end - s.start);
    else add('(module structure)', s.end - s.start);
  }
  return { total: bytes.length, rows: [...rows.entries()].sort((a, b) => b[1] - a[1]) };
}

function main() {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  const top = Number(args[args.indexOf('--top') + 1]) || 15;
  if (!file) throw new Error('usage: wasm-breakdown.mjs FILE.wasm [--top N]');
  const { total, rows } = breakdown(readFileSync(file));
  const shipped = rows.filter(([k]) => !k.startsWith('(custom section'));
  const shippedTotal = shipped.reduce((a, [, n]) => a + n, 0);
  process.stdout.write(`${'app wasm by crate (as shipped, names kept)'.padEnd(44)} ${'bytes'.padStart(12)} ${'share'.padStart(7)}\n`);
  for (const [crate, n] of shipped.slice(0, top)) {
    process.stdout.write(`${crate.padEnd(44)} ${String(n).padStart(12)} ${`${((n * 100) / shippedTotal).toFixed(1)}%`.padStart(7)}\n`);
  }
  const rest = shipped.slice(top).reduce((a, [, n]) => a + n, 0);
  if (rest) process.stdout.write(`${`(${shipped.length - top} more)`.padEnd(44)} ${String(rest).padStart(12)} ${`${((rest * 100) / shippedTotal).toFixed(1)}%`.padStart(7)}\n`);
  process.stdout.write(`${'code and data (without names and debug info)'.padEnd(44)} ${String(shippedTotal).padStart(12)}\n`);
  process.stdout.write(`${'file with its name section'.padEnd(44)} ${String(total).padStart(12)}\n`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`wasm-breakdown: ${error.message}\n`);
    process.exit(1);
  }
}
