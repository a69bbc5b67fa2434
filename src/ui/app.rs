use yew::prelude::*;

#[component]
pub fn App() -> Html {
    html! { <main><h1>{ "Berth" }</h1></main> }
}
