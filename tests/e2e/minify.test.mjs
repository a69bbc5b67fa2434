// Release scripts are minified to a fixed point (scripts/pwa/post-build.mjs `shipped`), so
// running the build hook on its own output changes no hashed file. Terser's renaming can
// instead alternate between two outputs; the fixture is a widget.js that did (two class
// names swapping each round), and `shipped` must still give one answer that is its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { shipped } from '../../scripts/pwa/post-build.mjs';

const FIXTURE = readFileSync(new URL('./fixtures/terser-two-cycle.js', import.meta.url), 'utf8');

test('a script whose minification alternates still ships one fixed text', async () => {
  const once = await shipped(FIXTURE, 'release');
  assert.ok(once.length < FIXTURE.length / 1.5, 'minified');
  assert.equal(await shipped(once, 'release'), once, 'shipping the shipped text changes nothing');
  assert.equal(await shipped(FIXTURE, 'release'), once, 'the same answer every time');
});

test('debug builds ship scripts as they are', async () => {
  assert.equal(await shipped(FIXTURE, 'debug'), FIXTURE);
});
