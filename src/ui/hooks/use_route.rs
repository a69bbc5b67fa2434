//! The current hash route, updated on `hashchange` (links, back and forward).

use wasm_bindgen::{closure::Closure, JsCast};
use yew::prelude::*;

use crate::ui::browser;
use crate::ui::route::{parse, Route};

/// The route in the address bar. When `enabled` is false (an embedded widget), the
/// route stays at the questionnaire and the page's fragment is left alone.
#[hook]
pub fn use_route(enabled: bool) -> Route {
    let route = use_state(|| {
        if enabled {
            parse(&browser::hash())
        } else {
            Route::default()
        }
    });
    {
        let route = route.clone();
        use_effect_with(enabled, move |enabled| {
            let listener = enabled.then(|| {
                let closure = Closure::<dyn Fn()>::new(move || route.set(parse(&browser::hash())));
                let window = browser::window();
                if let Some(w) = &window {
                    let _ = w.add_event_listener_with_callback(
                        "hashchange",
                        closure.as_ref().unchecked_ref(),
                    );
                }
                (window, closure)
            });
            move || {
                if let Some((Some(w), closure)) = listener {
                    let _ = w.remove_event_listener_with_callback(
                        "hashchange",
                        closure.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    (*route).clone()
}
