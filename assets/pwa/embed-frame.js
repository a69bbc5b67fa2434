// The page inside Berth's <iframe> embed (embed.html). Copied into the build by
// scripts/pwa/post-build.mjs as embed-frame-<hash>.js.
//
// embed.html?archetype=batch_job&platforms=aci&theme=dark&views=results&parent=https://docs.example.com
//
// It creates one <berth-advisor> from the query parameters (the same attributes as the
// widget; `compact` is implied, and `share-url` defaults to the Berth app next to this
// page) and reports the page's height to the embedding page with
// postMessage({type: "berth:resize", height}) — only to the origin named by `parent`, and
// not at all without one. The host side is embed-iframe.js.

const params = new URLSearchParams(window.location.search);
const advisor = document.createElement('berth-advisor');
for (const name of ['archetype', 'platforms', 'theme', 'views', 'share-url', 'load']) {
  const value = params.get(name);
  if (value) advisor.setAttribute(name, value);
}
advisor.setAttribute('compact', '');
// This page is part of the Berth deployment, so share links can open the full app next to it.
if (!params.get('share-url')) advisor.setAttribute('share-url', new URL('./', window.location.href).href);
advisor.id = 'advisor';
document.getElementById('embed').append(advisor);

function parentOrigin() {
  const value = params.get('parent');
  if (!value || window.parent === window) return null;
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

const target = parentOrigin();
if (target) {
  let last = -1;
  const post = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'berth:resize', height }, target);
  };
  new ResizeObserver(post).observe(document.documentElement);
  post();
}
