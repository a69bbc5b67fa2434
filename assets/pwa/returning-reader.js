// A returning reader's first screen is their own. Placed at the top of the boot module by
// scripts/pwa/post-build.mjs, so it runs as the page is shown.
//
// The pre-rendered first screen shows the default answers in the system's colour scheme.
// Until the app has rendered the reader's own screen (a frame or two from the service
// worker's cache, seconds on a slow phone without it), this gives the page the theme they
// chose, and hides the answers and results when the screen is not theirs: answers they
// changed (the app keeps nothing for the defaults) or a page or share link in the address.
// So nothing they see is wrong, and nothing flashes from light to dark.
try {
  const root = document.documentElement;
  const mount = document.getElementById('berth');
  let saved = {};
  try {
    saved = { theme: localStorage.getItem('berth.theme.v1'), answers: localStorage.getItem('berth.answers.v1') };
  } catch {
    // Storage refused (a sandbox, a privacy mode): nothing saved to honour.
  }
  if (mount && !root.hasAttribute('data-live')) {
    if (saved.theme === 'light' || saved.theme === 'dark') {
      root.dataset.theme = saved.theme;
      for (const el of mount.querySelectorAll('.berth[data-theme]')) el.dataset.theme = saved.theme;
      // The theme switch shows it too, as its own choice (what early-input.js compares with).
      for (const option of mount.querySelectorAll('#theme option')) option.defaultSelected = option.value === saved.theme;
    }
    const main = mount.querySelector('main');
    if (main && (saved.answers != null || !['', '#', '#/'].includes(location.hash))) {
      mount.dataset.stale = '';
      main.setAttribute('aria-busy', 'true');
      new MutationObserver((_, observer) => {
        if (!root.hasAttribute('data-live')) return;
        observer.disconnect();
        delete mount.dataset.stale;
        main.removeAttribute('aria-busy');
      }).observe(root, { attributes: true, attributeFilter: ['data-live'] });
    }
  }
} catch (error) {
  console.error('Berth: the first screen could not be prepared for a returning reader', error);
}
