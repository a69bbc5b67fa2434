//! The full-page app's first state, worked out before the app renders.
//!
//! Reading the saved answers and evaluating them is about a third of the app's start-up on
//! a first visit (the wasm runs each function for the first time then). [`crate::ui::start`]
//! does it in a task of its own and hands the result to the app, which hydrates or renders
//! in the next task: two shorter tasks instead of one long one, so the page answers input
//! sooner and Lighthouse counts less blocking time.

use std::cell::RefCell;
use std::rc::Rc;

use crate::ui::state::State;

/// A first state for one app, taken by its first render; shared so the props that carry it
/// can be compared and cloned.
#[derive(Clone, Default)]
pub struct Prepared(Rc<RefCell<Option<State>>>);

impl Prepared {
    /// The state for the answers saved in this browser (`stored`, as kept under
    /// [`crate::ui::state::ANSWERS_KEY`]), as the app would make it.
    pub fn from_stored(stored: Option<&str>) -> Self {
        Prepared::from_state(State::from_stored(stored))
    }

    /// `state`, prepared.
    pub fn from_state(state: State) -> Self {
        Prepared(Rc::new(RefCell::new(Some(state))))
    }

    /// The prepared state, once; `None` when there is none or it was taken.
    pub fn take(&self) -> Option<State> {
        self.0.borrow_mut().take()
    }
}

impl PartialEq for Prepared {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
