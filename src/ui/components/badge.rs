//! Small labelled badges: a verdict, an outcome, a fact's certainty. Each says its
//! meaning in words; colour only repeats it. Plain functions rather than components:
//! the comparison table draws hundreds of them, and they hold no state.

use yew::prelude::*;

use crate::core::catalog::Certainty;
use crate::core::report::{Outcome, Verdict};
use crate::core::report_view::{certainty_label, outcome_label, verdict_label};

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

pub fn verdict_badge(v: Verdict) -> Html {
    html! { <span class={verdict_class(v)}>{ verdict_label(v) }</span> }
}

/// The outcome's mark, with its name for screen readers.
pub fn outcome_badge(o: Outcome) -> Html {
    html! {
        <span class={classes!("mark", outcome_class(o))}>
            <span aria-hidden="true">{ outcome_mark(o) }</span>
            <span class="sr-only">{ outcome_label(o) }</span>
        </span>
    }
}

/// Nothing for confirmed facts; a visible warning badge for anything else.
pub fn certainty_badge(c: Certainty) -> Html {
    match certainty_label(c) {
        Some(label) => html! { <span class="badge warn">{ label }</span> },
        None => html! {},
    }
}
