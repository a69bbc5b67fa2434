//! The engine and the catalog, as the UI reaches them: the first screen does without both.
//!
//! The release build (`--cfg berth_split`) cuts the evaluation, the catalog's data and
//! everything only they use out of the app's wasm into a part of its own (see
//! [`crate::ui::lazy`] for how parts are cut, fetched and precached). A first visit shows
//! the live result the server rendered for the defaults ([`crate::ui::state::Live`]), so
//! nothing fetches the part until the reader does something: the first key, press or
//! focus inside the advisor starts the fetch ([`prefetch`]), and whatever needs a report
//! or a catalog fact before it arrives waits for it (the live result on screen stays,
//! marked as updating). So does saving changed answers, which needs the engine's JSON
//! writer.
//!
//! Every other build links the engine in, and [`get`] has it from the start.

use crate::core::answers::Answers;
use crate::core::catalog::Catalog;
use crate::core::questionnaire::CatalogLine;
use crate::core::report::Report;

/// What the UI calls the engine and the catalog through. The part hands these over once
/// it has arrived; code outside the part that named the functions directly would keep
/// them, and all they use, in the first download.
pub struct Engine {
    /// Evaluates the answers for the listed platforms (every one when empty).
    pub evaluate: fn(&Answers, &[&'static str]) -> Report,
    pub catalog: fn() -> &'static Catalog,
    /// The catalog's line under a question's help (see `core::question_facts`).
    pub catalog_line: fn(CatalogLine) -> Option<String>,
    /// The answers document to save. Answers are saved only once they change, and a change
    /// needs the engine to evaluate it, so the writer comes with it rather than in the
    /// first download.
    pub answers_json: fn(&Answers) -> String,
}

fn linked() -> Engine {
    Engine {
        evaluate: crate::core::evaluate::evaluate_among,
        catalog: crate::core::catalog::catalog,
        catalog_line: crate::core::question_facts::catalog_line,
        answers_json: Answers::to_json,
    }
}

/// The engine, once it is here (always, outside the release build).
pub fn get() -> Option<&'static Engine> {
    imp::get()
}

/// Evaluates `answers` for `only` (every platform when empty), if the engine is here.
pub fn evaluate(answers: &Answers, only: &[&'static str]) -> Option<Report> {
    get().map(|e| (e.evaluate)(answers, only))
}

/// The catalog, if the engine is here.
pub fn catalog() -> Option<&'static Catalog> {
    get().map(|e| (e.catalog)())
}

/// The answers document to save, if the engine is here.
pub fn answers_json(answers: &Answers) -> Option<String> {
    get().map(|e| (e.answers_json)(answers))
}

/// Fetches the engine's part if need be; `done` learns whether it is here.
pub fn load(done: impl FnOnce(bool) + 'static) {
    imp::load(done)
}

/// Starts fetching the engine's part (nothing when it is here or on its way): the
/// reader's first key, press or focus, so that the answer it leads to finds it here.
pub fn prefetch() {
    if get().is_none() {
        load(|_| {});
    }
}

#[cfg(not(berth_split))]
mod imp {
    use std::sync::OnceLock;

    use super::{linked, Engine};

    pub fn get() -> Option<&'static Engine> {
        static ENGINE: OnceLock<Engine> = OnceLock::new();
        Some(ENGINE.get_or_init(linked))
    }

    pub fn load(done: impl FnOnce(bool) + 'static) {
        done(true)
    }
}

#[cfg(berth_split)]
mod imp {
    use std::cell::{Cell, RefCell};

    use wasm_split_helpers::{wasm_split, SplitLoaderError};

    use super::{linked, Engine};

    /// The engine's split point: everything reached only through what it hands over
    /// leaves the first download.
    #[wasm_split(engine, fallible)]
    fn engine() -> Result<Engine, SplitLoaderError> {
        Ok(linked())
    }

    /// One who waits for the engine: told whether it arrived.
    type Waiter = Box<dyn FnOnce(bool)>;

    thread_local! {
        static ENGINE: Cell<Option<&'static Engine>> = const { Cell::new(None) };
        /// Who waits for the fetch under way (`None`: no fetch under way).
        static WAITING: RefCell<Option<Vec<Waiter>>> = const { RefCell::new(None) };
    }

    pub fn get() -> Option<&'static Engine> {
        ENGINE.with(Cell::get)
    }

    pub fn load(done: impl FnOnce(bool) + 'static) {
        if get().is_some() {
            return done(true);
        }
        let first = WAITING.with(|w| {
            let mut w = w.borrow_mut();
            let first = w.is_none();
            w.get_or_insert_with(Vec::new).push(Box::new(done));
            first
        });
        if first {
            yew::platform::spawn_local(async {
                let arrived = match engine().await {
                    Ok(engine) => {
                        ENGINE.with(|e| e.set(Some(Box::leak(Box::new(engine)))));
                        true
                    }
                    Err(_) => false,
                };
                let waiting = WAITING.with(|w| w.borrow_mut().take()).unwrap_or_default();
                for done in waiting {
                    done(arrived);
                }
            });
        }
    }
}
