//! Small labelled badges: a verdict, an outcome, a fact's certainty. Each says its
//! meaning in words; colour only repeats it.

use yew::prelude::*;

use crate::core::catalog::Certainty;
use crate::core::report::{Outcome, Verdict};
use crate::core::report_view::{certainty_label, outcome_label, verdict_label};

#[derive(Properties, PartialEq)]
pub struct VerdictBadgeProps {
    pub verdict: Verdict,
}

pub fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Eligible => "badge pass",
        Verdict::Caveats => "badge caveat",
        Verdict::RuledOut => "badge fail",
    }
}

pub fn outcome_class(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "pass",
        Outcome::Caveat => "caveat",
        Outcome::Fail => "fail",
    }
}

/// A mark that reads the same without colour.
pub fn outcome_mark(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "✓",
        Outcome::Caveat => "!",
        Outcome::Fail => "✗",
    }
}

#[component]
pub fn VerdictBadge(props: &VerdictBadgeProps) -> Html {
    html! { <span class={verdict_class(props.verdict)}>{ verdict_label(props.verdict) }</span> }
}

#[derive(Properties, PartialEq)]
pub struct OutcomeBadgeProps {
    pub outcome: Outcome,
}

#[component]
pub fn OutcomeBadge(props: &OutcomeBadgeProps) -> Html {
    html! {
        <span class={classes!("mark", outcome_class(props.outcome))}>
            <span aria-hidden="true">{ outcome_mark(props.outcome) }</span>
            <span class="sr-only">{ outcome_label(props.outcome) }</span>
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct CertaintyBadgeProps {
    pub certainty: Certainty,
}

/// Nothing for confirmed facts; a visible warning badge for anything else.
#[component]
pub fn CertaintyBadge(props: &CertaintyBadgeProps) -> Html {
    match certainty_label(props.certainty) {
        Some(label) => html! { <span class="badge warn">{ label }</span> },
        None => html! {},
    }
}
