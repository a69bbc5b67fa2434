//! The browser entry point: mounts the app. Everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    berth::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("berth-web is the browser build; serve it with `./x serve`. For the command line, run `berth`.");
    std::process::exit(2);
}
