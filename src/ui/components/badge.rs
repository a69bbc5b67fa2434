//! Small labelled badges: a verdict, an outcome, a fact's certainty, a platform's
//! availability. Each says its meaning in words; colour only repeats it. Plain functions
//! rather than components: the comparison table draws hundreds of them, and they hold no
//! state.

use yew::prelude::*;

use crate::core::catalog::{Certainty, LifecycleStatus};
use crate::core::report::{Outcome, Verdict};
use crate::core::report_view::{certainty_label, lifecycle_label, outcome_label, verdict_label};

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

/// A platform's availability when it is not generally available ("Closed to new
/// customers"), beside its name wherever it is listed: a fit a new account cannot use
/// should not read as plainly eligible. Nothing when generally available. (Drawn beside a
/// report's platforms only, so the catalog is here.)
pub fn lifecycle_badge(id: &str) -> Html {
    let catalog = crate::ui::engine::catalog();
    match catalog
        .and_then(|c| c.platform(id))
        .map(|p| p.lifecycle.value.status)
    {
        Some(status) if status != LifecycleStatus::Ga => {
            html! { <span class="badge warn">{ lifecycle_label(status) }</span> }
        }
        _ => html! {},
    }
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
