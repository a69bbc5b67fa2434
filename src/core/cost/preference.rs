//! "Cheapest that fits": reorders the ranking by the expected monthly estimate.

use crate::core::answers::{Answers, CostPreference};
use crate::core::catalog::catalog;
use crate::core::report::{PlatformReport, Verdict};

/// Whether new work should go elsewhere (closed to new customers, deprecated or retired):
/// the cheapest such platform is no answer for a team choosing today.
fn winding_down(id: &str) -> bool {
    catalog()
        .platform(id)
        .is_some_and(|p| !p.lifecycle.value.status.takes_new_work())
}

/// Reorders `ranking` (platform ids, best fit first) by estimated monthly cost when the
/// user asked for the cheapest; ties and incomplete estimates keep their fit order, the
/// incomplete ones last, and platforms winding down after all others. Returns whether
/// cost weighed (the user asked for it).
pub fn rank_by_cost(
    a: &Answers,
    platforms: &[PlatformReport],
    ranking: &mut [&'static str],
) -> bool {
    if a.cost_preference != CostPreference::Cheapest {
        return false;
    }
    let key = |id: &str| {
        let (incomplete, cents) = platforms
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.cost.as_ref())
            .map_or((true, u64::MAX), |e| e.sort_key());
        (winding_down(id), incomplete, cents)
    };
    // A stable insertion sort: a dozen platforms at most, and no sort routine added to
    // the browser build.
    for i in 1..ranking.len() {
        let mut j = i;
        while j > 0 && key(ranking[j]) < key(ranking[j - 1]) {
            ranking.swap(j, j - 1);
            j -= 1;
        }
    }
    true
}

/// The sentence that says cost reordered the ranking, naming what fit alone would pick.
pub fn why(
    platforms: &[PlatformReport],
    best_fit: Option<&'static str>,
    top: Option<&'static str>,
) -> String {
    let name = |id: Option<&str>| {
        id.and_then(|id| platforms.iter().find(|p| p.id == id))
            .map_or("", |p| p.name)
    };
    let monthly = |p: &PlatformReport| p.cost.as_ref().and_then(|e| e.monthly);
    let top_cents = top
        .and_then(|id| platforms.iter().find(|p| p.id == id))
        .and_then(monthly);
    // A cheaper platform that is winding down was put after the others: say so, rather than
    // let "the cheapest" read as if it did not exist.
    let cheaper_winding_down = platforms
        .iter()
        .filter(|p| winding_down(p.id) && p.verdict != Verdict::RuledOut)
        .filter_map(|p| Some((p, monthly(p)?)))
        .filter(|(_, cents)| top_cents.is_none_or(|t| *cents < t))
        .min_by_key(|(_, cents)| *cents);
    let sentence = match (top_cents.map(super::money::usd_cents), best_fit == top) {
        (Some(f), true) => format!(
            "Ranked by estimated monthly cost, as you asked (cheapest that fits): {} is also the cheapest, at about {f} a month.",
            name(top)
        ),
        (Some(f), false) => format!(
            "Ranked by estimated monthly cost, as you asked (cheapest that fits): {} is the cheapest at about {f} a month; by fit alone, {} would come first.",
            name(top),
            name(best_fit)
        ),
        (None, _) if cheaper_winding_down.is_some() => "Ranked by estimated monthly cost, as you asked (cheapest that fits); no platform that takes new work has a complete estimate, so fit decides their order.".to_string(),
        (None, _) => "Ranked by estimated monthly cost, as you asked (cheapest that fits); no platform has a complete estimate, so fit decides the order.".to_string(),
    };
    match cheaper_winding_down {
        Some((p, cents)) => format!(
            "{sentence} {} would cost about {}, but it {}, so it comes after the platforms that take new work.",
            p.name,
            super::money::usd_cents(cents),
            catalog()
                .platform(p.id)
                .and_then(|q| q.lifecycle.value.status.phrase())
                .unwrap_or_default()
        ),
        None => sentence,
    }
}
