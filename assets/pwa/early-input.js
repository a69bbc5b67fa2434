// Keeps what a reader does to the pre-rendered first screen before the app is live.
// Placed at the top of the boot module by scripts/pwa/post-build.mjs.
//
// The first screen is on show, and its controls respond, while the wasm is still on its way
// (seconds on a slow phone). Hydration then sets every control to the app's state, and a
// returning reader's render replaces the controls, so a choice made in that time would be
// silently undone. Until the app marks itself live (<html data-live>), this notes each
// control the reader changes, by id; then it hands the same change to the app through the
// control's own event, as if it were made then.
try {
  const early = new Map();
  const defaultIndex = (select) => Math.max(0, [...select.options].findIndex((o) => o.defaultSelected));
  // The control's state if the reader changed it from what its HTML sets, else undefined.
  const changed = (c) => {
    if (c.type === 'radio') return c.checked && !c.defaultChecked ? { checked: true } : undefined;
    if (c.type === 'checkbox') return c.checked !== c.defaultChecked ? { checked: c.checked } : undefined;
    if (c.type === 'file') return c.files?.length ? { files: c.files } : undefined;
    if (c.tagName === 'SELECT') return c.selectedIndex !== defaultIndex(c) ? { index: c.selectedIndex } : undefined;
    return c.value !== c.defaultValue ? { value: c.value } : undefined;
  };
  // By id; a radio group by its name, so only the button now chosen counts.
  const note = (c) => {
    if (!c.id || !c.closest?.('#berth') || !/^(INPUT|SELECT|TEXTAREA)$/.test(c.tagName)) return;
    if (c.type === 'radio' && !c.checked) return;
    const key = c.type === 'radio' ? `radio ${c.name || c.id}` : c.id;
    early.delete(key);
    const state = changed(c);
    if (state) early.set(key, { id: c.id, state });
  };
  // Hands one change over. A radio button or checkbox the app already shows as the reader
  // left it is skipped: a checkbox's listener toggles its answer, and choosing a starting
  // point again would reset the answers it pre-fills. Text and a <select> are always handed
  // over (hydration keeps a <select>'s choice without the app knowing of it).
  const replay = (c, state) => {
    if ('checked' in state) {
      if (c.checked === state.checked) return;
      c.checked = state.checked;
    } else if ('files' in state) c.files = state.files;
    else if ('index' in state) c.selectedIndex = state.index;
    else c.value = state.value;
    c.dispatchEvent('value' in state ? new InputEvent('input', { bubbles: true }) : new Event('change', { bubbles: true }));
  };
  const onEvent = (e) => note(e.target);
  for (const c of document.querySelectorAll('#berth input, #berth select, #berth textarea')) note(c);
  addEventListener('input', onEvent, true);
  addEventListener('change', onEvent, true);
  // The app sets data-live once its first render, hydration included, has run its effects;
  // this observer runs right after. (On a slow device Yew may let the browser paint between
  // the render and its effects, so a control can show the app's value for a frame before
  // the reader's comes back.)
  new MutationObserver((_, observer) => {
    if (!document.documentElement.hasAttribute('data-live')) return;
    observer.disconnect();
    removeEventListener('input', onEvent, true);
    removeEventListener('change', onEvent, true);
    for (const { id, state } of early.values()) {
      const c = document.getElementById(id);
      if (c) replay(c, state);
    }
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-live'] });
} catch (error) {
  console.error('Berth: what a reader does before the app is live cannot be kept', error);
}
