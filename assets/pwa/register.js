// Registers Berth's service worker and offers updates to the user.
//
// Loaded by the full-page app only (never by the widget), as an external module so a
// strict Content-Security-Policy needs no 'unsafe-inline'. scripts/pwa/post-build.mjs
// copies it into the build as pwa-<hash>.js and links it from index.html.
//
// A new deploy installs a new worker, which then waits. Instead of swapping code under
// a half-filled questionnaire, the page shows "A new version of Berth is available" with
// a Reload button; the click tells the waiting worker to take over (SKIP_WAITING), and the
// page reloads once it has. Answers are kept in localStorage, so the reload loses nothing.

const BANNER_ID = 'berth-update';

function showUpdateBanner(worker) {
  if (document.getElementById(BANNER_ID)) return;
  const banner = document.createElement('div');
  banner.id = BANNER_ID;
  banner.setAttribute('role', 'status');
  banner.setAttribute('aria-live', 'polite');
  const text = document.createElement('span');
  text.textContent = 'A new version of Berth is available.';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Reload';
  button.addEventListener('click', () => {
    button.disabled = true;
    button.textContent = 'Reloading…';
    reloadWhenControlled();
    worker.postMessage({ type: 'SKIP_WAITING' });
  });
  banner.append(text, ' ', button);
  // Styled through the CSSOM: allowed under style-src 'self' (no inline style attribute).
  Object.assign(banner.style, {
    position: 'fixed',
    insetInline: '1rem',
    bottom: '1rem',
    zIndex: '2147483647',
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'center',
    gap: '.75rem',
    maxWidth: '36rem',
    margin: '0 auto',
    padding: '.75rem 1rem',
    borderRadius: '8px',
    background: '#1a1d21',
    color: '#ffffff',
    font: '1rem/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    boxShadow: '0 4px 16px rgb(0 0 0 / .3)',
  });
  Object.assign(button.style, {
    font: 'inherit',
    fontWeight: '600',
    padding: '.35rem 1rem',
    border: '2px solid #8ab4f8',
    borderRadius: '8px',
    background: '#8ab4f8',
    color: '#0b1a33',
    cursor: 'pointer',
  });
  document.body.append(banner);
}

let reloading = false;
function reloadWhenControlled() {
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloading) return;
    reloading = true;
    window.location.reload();
  });
}

function watchForUpdates(registration) {
  // An update that finished installing while this page was closed.
  if (registration.waiting && navigator.serviceWorker.controller) {
    showUpdateBanner(registration.waiting);
  }
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    if (!worker) return;
    worker.addEventListener('statechange', () => {
      // With no controller this is the first install: nothing to update from.
      if (worker.state === 'installed' && navigator.serviceWorker.controller) {
        showUpdateBanner(worker);
      }
    });
  });
  const check = () => registration.update().catch(() => {});
  window.addEventListener('focus', check);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}

async function register() {
  if (!('serviceWorker' in navigator)) return;
  const script = new URL('./sw.js', import.meta.url);
  const scope = new URL('./', import.meta.url);
  try {
    const registration = await navigator.serviceWorker.register(script, {
      scope: scope.pathname,
      type: 'classic',
      // Always revalidate sw.js with the server, whatever its Cache-Control says.
      updateViaCache: 'none',
    });
    watchForUpdates(registration);
  } catch (error) {
    // Offline support is a bonus: the app works without it.
    console.warn('Berth: service worker not registered:', error);
  }
}

// Registering starts the precache downloads (every part of the app and the manifests
// worker, several times the first download) and costs the main thread a few milliseconds:
// not before the app is live (`<html data-live>`, set once its controls work) and the
// browser is idle, so on a slow link those downloads never share it with the app's own
// wasm, nor the main thread with its start. (The page's `load` event is no such sign: the
// wasm is fetched by script, and `load` does not wait for it.) A page whose app never
// starts registers nothing; a reload tries again.
function whenLiveAndIdle(run) {
  const later = () => (window.requestIdleCallback ? requestIdleCallback(run, { timeout: 3000 }) : setTimeout(run, 200));
  const root = document.documentElement;
  if (root.hasAttribute('data-live')) {
    later();
    return;
  }
  new MutationObserver((_, observer) => {
    if (!root.hasAttribute('data-live')) return;
    observer.disconnect();
    later();
  }).observe(root, { attributes: true, attributeFilter: ['data-live'] });
}

whenLiveAndIdle(register);
