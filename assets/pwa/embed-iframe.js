// Host-page helper for Berth's <iframe> embed. Copied into the build as embed-iframe.js.
//
//   <iframe data-berth-embed title="Berth container platform advisor"
//           src="https://HOST/berth/embed.html?archetype=batch_job&parent=https://docs.example.com"></iframe>
//   <script type="module" src="https://HOST/berth/embed-iframe.js"></script>
//
// Listens for {type: "berth:resize", height} messages and sets the height of the iframe
// that sent it. A message counts only if it comes from that iframe's window AND from the
// origin of its src; the height is clamped. Defines no globals.

const MIN_HEIGHT = 160;
const MAX_HEIGHT = 8000;

function frames() {
  return document.querySelectorAll('iframe[data-berth-embed]');
}

function originOf(frame) {
  try {
    return new URL(frame.src, document.baseURI).origin;
  } catch {
    return null;
  }
}

window.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'berth:resize' || typeof data.height !== 'number' || !Number.isFinite(data.height)) {
    return;
  }
  for (const frame of frames()) {
    if (frame.contentWindow !== event.source) continue;
    if (originOf(frame) !== event.origin) return; // not from where the iframe points: ignore
    const height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.round(data.height)));
    frame.style.height = `${height}px`;
    frame.dataset.berthHeight = String(height);
    return;
  }
});

for (const frame of frames()) {
  // Until the first message: a sensible height, no border (CSSOM, allowed under a strict CSP).
  if (!frame.style.height) frame.style.height = '640px';
  frame.style.width ||= '100%';
  frame.style.border ||= '0';
}
