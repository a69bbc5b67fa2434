// Screenshots of every page at 1280 px and 360 px, light and dark, for reviewing the UI.
//   BERTH_E2E_DIST=dist node tests/e2e/shoot.mjs [outdir]
import { mkdirSync } from 'node:fs';
import { openApp, start } from './harness.mjs';

const out = process.argv[2] ?? '/tmp/shots';
mkdirSync(out, { recursive: true });
const env = await start();
try {
  for (const scheme of ['light', 'dark']) {
    for (const width of [1280, 360]) {
      const app = await openApp(env);
      await app.page.emulateMedia({ colorScheme: scheme });
      await app.page.setViewportSize({ width, height: 900 });
      for (const route of ['questionnaire', 'results', 'compare', 'about', 'manifests']) {
        await app.page.evaluate((r) => { location.hash = `#/${r}`; }, route);
        await app.page.waitForTimeout(150);
        const file = `${out}/${route}-${width}-${scheme}.png`;
        await app.page.screenshot({ path: file, fullPage: route !== 'about' });
        console.log(file);
      }
      await app.close();
    }
  }
} finally {
  await env.stop();
}
