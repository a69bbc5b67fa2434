// A returning reader's first screen is their own. Placed at the top of the boot module by
// scripts/pwa/post-build.mjs, so it runs as the page is shown.
//
// The pre-rendered first screen shows the default answers in the system's colour scheme.
// Until the app has rendered the reader's own screen (a frame or two from the service
// worker's cache, seconds on a slow phone without it), this gives the page the theme they
// chose, and hides the answers and results when the screen is not theirs: answers they
// changed (the app keeps nothing for the defaults) or a page or share link in the address.
// So nothing they see is wrong, and nothing flashes from light to dark.
{
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
    }
    if (saved.answers != null || !['', '#', '#/'].includes(location.hash)) {
      mount.dataset.stale = '';
      new MutationObserver((_, observer) => {
        if (!root.hasAttribute('data-live')) return;
        observer.disconnect();
        delete mount.dataset.stale;
      }).observe(root, { attributes: true, attributeFilter: ['data-live'] });
    }
  }
}
