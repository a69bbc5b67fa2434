//! The current route. The full-page app follows the address bar's hash (links, back and
//! forward, `hashchange`); an embedded advisor keeps its route to itself and never
//! touches the host page's address.

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
            let listener = hash
                .then(|| browser::listen("hashchange", move || route.set(parse(&browser::hash()))))
                .flatten();
            move || drop(listener)
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
