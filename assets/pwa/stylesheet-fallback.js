// The stylesheet as a file, when the browser refused its inline copy. Placed at the top of
// the boot module by scripts/pwa/post-build.mjs in release builds, which put the app's
// stylesheet inline in index.html (so the first paint waits for no other request) and its
// hash in the page's Content-Security-Policy. A server that sends a policy of its own
// without that hash (say, one copied from an older build) makes the browser refuse the
// inline copy: then the page loads the same stylesheet from its file and says what to change.
{
  const inline = document.querySelector('style[data-file]');
  if (inline && !inline.sheet?.cssRules.length) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.integrity = '__BERTH_CSS_SRI__';
    link.href = new URL('./__BERTH_CSS__', __BERTH_BASE__).href;
    inline.after(link);
    console.warn(
      "Berth: this server's Content-Security-Policy refused the page's inline stylesheet, so it is loaded from __BERTH_CSS__, one request later. " +
        "Send the policy from this build's _headers, or only frame-ancestors 'none' and let the page's <meta> policy do the rest (docs/deploy.md).",
    );
  }
}
