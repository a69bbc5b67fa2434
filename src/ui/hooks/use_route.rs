//! The current route. The full-page app follows the address bar's hash (links, back and
//! forward, `hashchange`); an embedded advisor keeps its route to itself and never
//! touches the host page's address.

use wasm_bindgen::{closure::Closure, JsCast};
use yew::prelude::*;

use crate::ui::browser;
use crate::ui::route::{parse, Route};

/// The route and a way to follow an in-app link (`#/results`). With `hash` the route is
/// the address bar's and following a link sets it; without, it lives in the component.
#[hook]
pub fn use_route(hash: bool) -> (Route, Callback<String>) {
    let route = use_state(|| {
        if hash {
            parse(&browser::hash())
        } else {
            Route::default()
        }
    });
    {
        let route = route.clone();
        use_effect_with(hash, move |hash| {
            let listener = hash.then(|| {
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
    let follow = {
        let route = route.clone();
        Callback::from(move |fragment: String| {
            if hash {
                browser::set_hash(&fragment);
            } else {
                route.set(parse(&fragment));
            }
        })
    };
    ((*route).clone(), follow)
}
