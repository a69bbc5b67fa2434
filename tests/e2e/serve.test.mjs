// The static server the E2E tests (and `./x serve --release`) rely on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startServer } from './serve.mjs';

describe('tests/e2e/serve.mjs', () => {
  let base;
  let dir;
  let server;
  before(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'berth-serve-'));
    dir = path.join(base, 'dist');
    await mkdir(path.join(dir, 'icons'), { recursive: true });
    const files = {
      'index.html': '<!doctype html><title>t</title>',
      'app.js': 'export {}',
      'app_bg.wasm': '\0asm',
      'style.css': 'body{}',
      'data.json': '{}',
      'manifest.webmanifest': '{}',
      'icons/icon.svg': '<svg/>',
      'icons/icon.png': 'png',
    };
    for (const [name, body] of Object.entries(files)) await writeFile(path.join(dir, name), body);
    await writeFile(path.join(base, 'secret.txt'), 'outside');
    server = await startServer({ dir, prefix: '/berth/' });
  });
  after(async () => {
    await server?.close();
    await rm(base, { recursive: true, force: true });
  });

  const get = (p, init) => fetch(server.origin + p, { redirect: 'manual', ...init });

  test('serves each file type with its content type', async () => {
    const expected = {
      '/berth/': 'text/html; charset=utf-8',
      '/berth/index.html': 'text/html; charset=utf-8',
      '/berth/app.js': 'text/javascript; charset=utf-8',
      '/berth/app_bg.wasm': 'application/wasm',
      '/berth/style.css': 'text/css; charset=utf-8',
      '/berth/data.json': 'application/json',
      '/berth/manifest.webmanifest': 'application/manifest+json',
      '/berth/icons/icon.svg': 'image/svg+xml',
      '/berth/icons/icon.png': 'image/png',
    };
    for (const [url, type] of Object.entries(expected)) {
      const response = await get(url);
      assert.equal(response.status, 200, url);
      assert.equal(response.headers.get('content-type'), type, url);
      await response.arrayBuffer();
    }
  });

  test('redirects the bare prefix to the prefix with a slash', async () => {
    const response = await get('/berth');
    assert.equal(response.status, 301);
    assert.equal(response.headers.get('location'), '/berth/');
  });

  test('404s outside the prefix, for missing files and for path traversal', async () => {
    for (const url of ['/', '/index.html', '/berthx/index.html', '/berth/missing.js', '/berth/../secret.txt', '/berth/%2e%2e/secret.txt', '/berth/icons/../../secret.txt']) {
      const response = await get(url);
      assert.equal(response.status, 404, url);
      await response.arrayBuffer();
    }
  });

  test('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('/berth/app.js', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal((await head.text()).length, 0);
    const post = await get('/berth/app.js', { method: 'POST' });
    assert.equal(post.status, 405);
    await post.arrayBuffer();
  });

  test('with gzip on, sends text and wasm gzip-encoded to a client that accepts it, and nothing else', async () => {
    const compressing = await startServer({ dir, prefix: '/berth/', gzip: true });
    // node:http, not fetch: fetch would decode the body and hide the encoding.
    const raw = (p, acceptEncoding) =>
      new Promise((resolve, reject) => {
        const headers = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
        request(`${compressing.origin}${p}`, { headers }, (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        })
          .on('error', reject)
          .end();
      });
    try {
      for (const [p, text] of [['/berth/app_bg.wasm', '\0asm'], ['/berth/style.css', 'body{}'], ['/berth/', '<!doctype html><title>t</title>']]) {
        const gz = await raw(p, 'gzip, deflate, br');
        assert.equal(gz.headers['content-encoding'], 'gzip', p);
        assert.equal(gz.headers.vary, 'accept-encoding', p);
        assert.equal(Number(gz.headers['content-length']), gz.body.length, p);
        assert.equal(gunzipSync(gz.body).toString('latin1'), text, p);
        const plain = await raw(p, null);
        assert.equal(plain.headers['content-encoding'], undefined, `${p} without accept-encoding`);
        assert.equal(plain.body.toString('latin1'), text, p);
      }
      const png = await raw('/berth/icons/icon.png', 'gzip');
      assert.equal(png.headers['content-encoding'], undefined, 'images are sent as they are');
      assert.equal(png.body.toString(), 'png');
    } finally {
      await compressing.close();
    }
  });
});
