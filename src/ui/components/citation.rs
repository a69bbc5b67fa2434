//! A source link: the fact's name linking to the page it was read from, the day it was
//! checked, and a badge when the fact is not confirmed on the vendor's own page.

use yew::prelude::*;

use crate::core::catalog::Certainty;
use crate::ui::components::badge::CertaintyBadge;

#[derive(Properties, PartialEq)]
pub struct CitationProps {
    /// The link text: the catalog field or "source".
    pub label: AttrValue,
    pub source: AttrValue,
    pub verified: AttrValue,
    #[prop_or_default]
    pub certainty: Certainty,
}

#[component]
pub fn Citation(props: &CitationProps) -> Html {
    html! {
        <span class="cite">
            <a href={props.source.clone()} rel="noopener noreferrer">{ props.label.clone() }</a>
            { " · verified " }{ props.verified.clone() }
            <CertaintyBadge certainty={props.certainty} />
        </span>
    }
}
