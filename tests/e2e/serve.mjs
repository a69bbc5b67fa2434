#!/usr/bin/env node
// A tiny static file server for a release build, served under a URL prefix the way a
// project page or a sub-path deploy would serve it. No dependencies, plain HTTP.
//
//   node tests/e2e/serve.mjs [--dir dist] [--prefix /berth/] [--host 127.0.0.1] [--port 8080] [--verbose]
//
// GET and HEAD only. `<prefix>` and anything under it map to files in `--dir`
// (a directory maps to its index.html; `<prefix without slash>` redirects to `<prefix>`).
// Everything else, and every missing file, is a 404. Logs nothing unless --verbose.
// Also importable: `startServer({ dir, prefix, host, port })` resolves to
// `{ server, origin, url, close }`, which is what the E2E tests use. `gzip: true`
// sends text and wasm gzip-encoded to a browser that accepts it, as a static host would:
// the load-time measurement (scripts/measure.mjs) needs the bytes a reader's link carries.

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.yaml': 'text/yaml; charset=utf-8',
  '.toml': 'application/toml',
};

export function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function normalizePrefix(prefix) {
  let p = prefix || '/';
  if (!p.startsWith('/')) p = `/${p}`;
  if (!p.endsWith('/')) p = `${p}/`;
  return p;
}

// What a static host compresses: text and wasm, not images or fonts.
const COMPRESSIBLE = /^(text\/|application\/(wasm|json|manifest\+json|toml)|image\/svg)/;

/** Builds the request handler; exported for tests of the server itself. */
export function handler({ dir, prefix = '/', log = () => {}, gzip = false }) {
  const root = path.resolve(dir);
  const base = normalizePrefix(prefix);
  // gzip -9 of each file, once per version of it (path, size and mtime).
  const compressed = new Map();
  const gzipped = async (file, info) => {
    const key = `${file}\0${info.size}\0${info.mtimeMs}`;
    if (!compressed.has(key)) compressed.set(key, gzipSync(await readFile(file), { level: 9 }));
    return compressed.get(key);
  };

  const send = (res, status, headers = {}, body = '') => {
    res.writeHead(status, { 'cache-control': 'no-store', ...headers });
    res.end(body);
  };
  const notFound = (res) => send(res, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'not found\n');

  return async (req, res) => {
    const started = Date.now();
    res.on('finish', () => log(`${res.statusCode} ${req.method} ${req.url} ${Date.now() - started}ms`));

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }, 'method not allowed\n');
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      return send(res, 400, { 'content-type': 'text/plain; charset=utf-8' }, 'bad request\n');
    }
    if (base !== '/' && pathname === base.slice(0, -1)) {
      return send(res, 301, { location: base });
    }
    if (!pathname.startsWith(base) || pathname.includes('\0')) return notFound(res);

    const relative = pathname.slice(base.length);
    let file = path.resolve(root, `.${path.posix.sep}${relative}`);
    if (file !== root && !file.startsWith(root + path.sep)) return notFound(res);

    let info;
    try {
      info = await stat(file);
      if (info.isDirectory()) {
        file = path.join(file, 'index.html');
        info = await stat(file);
      }
    } catch {
      return notFound(res);
    }
    if (!info.isFile()) return notFound(res);

    const type = contentType(file);
    if (gzip && COMPRESSIBLE.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      const body = await gzipped(file, info);
      res.writeHead(200, {
        'content-type': type,
        'content-encoding': 'gzip',
        'content-length': body.length,
        vary: 'accept-encoding',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      return res.end(req.method === 'HEAD' ? undefined : body);
    }
    res.writeHead(200, {
      'content-type': type,
      'content-length': info.size,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };
}

/** Starts a server; `port: 0` picks a free port. */
export function startServer({ dir = 'dist', prefix = '/', host = '127.0.0.1', port = 0, verbose = false, gzip = false } = {}) {
  const log = verbose ? (line) => process.stderr.write(`${line}\n`) : () => {};
  const server = createServer(handler({ dir, prefix, log, gzip }));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const origin = `http://${host}:${address.port}`;
      resolve({
        server,
        origin,
        url: `${origin}${normalizePrefix(prefix)}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

function parseArgs(argv) {
  const options = { dir: 'dist', prefix: '/', host: '127.0.0.1', port: 8080, verbose: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      i += 1;
      return argv[i];
    };
    if (arg === '--dir') options.dir = value();
    else if (arg === '--prefix') options.prefix = value();
    else if (arg === '--host') options.host = value();
    else if (arg === '--port') options.port = Number(value());
    else if (arg === '--verbose' || arg === '-v') options.verbose = true;
    else throw new Error(`unknown argument: ${arg}`);
  }
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`serve.mjs: ${e.message}\n`);
    process.exit(2);
  }
  const { url } = await startServer(options);
  process.stdout.write(`Serving ${path.resolve(options.dir)} at ${url} (Ctrl-C to stop)\n`);
  const stop = () => process.exit(0);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
