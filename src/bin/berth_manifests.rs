//! The manifests worker: the starter-manifest generators in a wasm of their own, run in a
//! dedicated Web Worker that the app starts when the manifests view first needs it (see
//! `src/ui/hooks/use_manifest_worker.rs`). Trunk builds it from `data-bin="berth-manifests"
//! data-type="worker"` in index.html; `scripts/pwa/post-build.mjs` writes the script that
//! starts it, `berth-manifests-worker.js`.
//!
//! Each message is a request as JSON text; each gets one reply with the same id. The
//! shapes live in `berth::core::manifest_request`.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let request = event.data().as_string().unwrap_or_default();
        let (json, zip) = berth::core::manifest_request::respond_json(&request);
        let json = JsValue::from_str(&json);
        let _ = match zip {
            // The ZIP file's buffer is transferred, not copied.
            Some(bytes) => {
                let bytes = js_sys::Uint8Array::from(bytes.as_slice());
                let transfer = js_sys::Array::of1(&bytes.buffer());
                reply_to.post_message_with_transfer(&js_sys::Array::of2(&json, &bytes), &transfer)
            }
            None => reply_to.post_message(&json),
        };
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "berth-manifests is the browser's manifests worker; the app starts it. For manifests on the command line, run `berth manifests`."
    );
    std::process::exit(2);
}
