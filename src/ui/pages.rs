//! The routed screens. Each takes the app state and turns it into components; the
//! questionnaire and results pages also send actions back to the reducer.

pub mod about;
pub mod compare;
pub mod manifests;
pub mod questionnaire;
pub mod results;

use yew::prelude::*;

use crate::ui::state::State;

#[derive(Properties, PartialEq)]
pub struct PageProps {
    pub state: UseReducerHandle<State>,
}
