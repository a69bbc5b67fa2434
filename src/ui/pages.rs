//! The routed screens. Each takes the app state and turns it into components; the
//! questionnaire and results pages also send actions back to the reducer.

pub mod about;
pub mod compare;
pub mod manifests;
pub mod questionnaire;
pub mod results;

use yew::prelude::*;

use crate::core::report::Report;
use crate::ui::route::question_href;
use crate::ui::state::{Shared, State};

/// A question's title, linked to it in the questionnaire when `link` (not when an
/// embedded advisor hides the questionnaire).
pub fn question_link(id: &str, title: &'static str, link: bool) -> Html {
    if link {
        html! { <a href={question_href(id)}>{ title }</a> }
    } else {
        html! { { title } }
    }
}

#[derive(Properties, PartialEq)]
pub struct PageProps {
    pub state: UseReducerHandle<State>,
}

/// A page that shows the report: it renders only once there is one.
#[derive(Properties, PartialEq)]
pub struct ReportPageProps {
    pub state: UseReducerHandle<State>,
    pub report: Shared<Report>,
}
