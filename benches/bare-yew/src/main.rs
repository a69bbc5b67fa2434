//! A bare Yew counter: the smallest useful Yew app, measured beside Berth.

use yew::prelude::*;

#[function_component]
fn App() -> Html {
    let count = use_state(|| 0_u32);
    let add = {
        let count = count.clone();
        Callback::from(move |_| count.set(*count + 1))
    };
    html! {
        <main>
            <h1>{ "Counter" }</h1>
            <p>{ format!("Pressed {} times", *count) }</p>
            <label>{ "Name " }<input type="text" /></label>
            <button onclick={add}>{ "Add one" }</button>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
