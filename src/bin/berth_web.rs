//! The browser entry point: mounts the app. Everything else lives in the library.

/// Starts the app in a task of its own: instantiating the wasm, working out the first state
/// and hydrating the page are then three shorter tasks rather than one long one (see
/// `berth::ui::prepared`), and the browser can handle input or paint between them.
#[cfg(target_arch = "wasm32")]
fn main() {
    gloo::timers::callback::Timeout::new(0, berth::ui::start).forget();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("berth-web is the browser build; serve it with `./x serve`. For the command line, run `berth`.");
    std::process::exit(2);
}
