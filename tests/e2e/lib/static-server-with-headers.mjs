// The E2E static server (tests/e2e/serve.mjs) plus the response headers a real host would
// send: the build's own `_headers` file (written by scripts/pwa/post-build.mjs for Netlify
// and Cloudflare Pages), so the tests check the exact CSP and cache rules we ship.
//
//   const server = await startServerWithHeaders({ dir, prefix: '/berth/' }); // gzip: true to compress
//   server.url           // http://127.0.0.1:PORT/berth/
//   server.served        // [{ path, status, bytes }] of every response, for size measurements
//   server.setDir(other) // "deploy" another build at the same URL (PWA update test)
//   server.setDown(true) // every request fails as if the network were gone (offline test)
//   await server.close()
//
// Loopback only; it never contacts the network.

import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { handler } from '../serve.mjs';

/** Parses a `_headers` file: [{ pattern, headers: { lower-case name: value } }]. */
export function parseHeaders(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: {} });
    } else if (rules.length) {
      const i = line.indexOf(':');
      rules.at(-1).headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
  }
  return rules;
}

function matches(pattern, pathname) {
  const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(pathname);
}

/** The headers `_headers` gives `pathname` (rules in order; a later rule wins a name). */
export function headersFor(rules, pathname) {
  const out = {};
  for (const rule of rules) if (matches(rule.pattern, pathname)) Object.assign(out, rule.headers);
  return out;
}

function loadRules(dir) {
  const file = path.join(dir, '_headers');
  return existsSync(file) ? parseHeaders(readFileSync(file, 'utf8')) : [];
}

export function startServerWithHeaders({ dir, prefix = '/berth/', host = '127.0.0.1', port = 0, headers = true, gzip = false } = {}) {
  let current = { handle: handler({ dir, prefix, gzip }), rules: headers ? loadRules(dir) : [] };
  const served = [];
  let down = false;
  const server = createServer((req, res) => {
    if (down) {
      req.socket.destroy();
      return;
    }
    const pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    const extra = headersFor(current.rules, pathname);
    const writeHead = res.writeHead.bind(res);
    res.writeHead = (status, reasonOrHeaders, maybeHeaders) => {
      const given = typeof reasonOrHeaders === 'object' ? reasonOrHeaders : maybeHeaders ?? {};
      const merged = { ...given };
      if (status === 200) {
        // The host's headers replace the test server's defaults (it sends no-store).
        for (const [name, value] of Object.entries(extra)) {
          for (const key of Object.keys(merged)) if (key.toLowerCase() === name) delete merged[key];
          merged[name] = value;
        }
      }
      return typeof reasonOrHeaders === 'string' ? writeHead(status, reasonOrHeaders, merged) : writeHead(status, merged);
    };
    let bytes = 0;
    const write = res.write.bind(res);
    res.write = (chunk, ...rest) => {
      bytes += chunk?.length ?? 0;
      return write(chunk, ...rest);
    };
    const end = res.end.bind(res);
    res.end = (chunk, ...rest) => {
      if (chunk && typeof chunk !== 'function') bytes += chunk.length ?? 0;
      return end(chunk, ...rest);
    };
    res.on('finish', () => served.push({ path: pathname, status: res.statusCode, bytes, method: req.method }));
    current.handle(req, res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const origin = `http://${host}:${server.address().port}`;
      resolve({
        server,
        origin,
        url: `${origin}${prefix}`,
        served,
        setDown(value) {
          down = Boolean(value);
          if (down) server.closeAllConnections?.();
        },
        setDir(newDir) {
          current = { handle: handler({ dir: newDir, prefix, gzip }), rules: headers ? loadRules(newDir) : [] };
        },
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}
