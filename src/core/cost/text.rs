//! The words and figures every renderer shows for an estimate (results page, comparison,
//! Markdown), so they say the same thing.

use super::estimate::{CostLine, Estimate};
use super::money::usd_cents;
use crate::core::catalog::Certainty;

/// The headline: "$52.47 a month", "$12.58 a month (range $1.20–$80.00)", for an
/// incomplete estimate "at least $73.00 a month; unknown: vCPU, Memory", and when nothing
/// known adds up to anything "unknown: no price in the catalog for vCPU, Memory" (never a
/// "$0.00" that reads as free).
pub fn figure(e: &Estimate) -> String {
    match (e.monthly, e.known.unwrap_or(0)) {
        (Some(total), _) => {
            let mut s = format!("{} a month", usd_cents(total));
            if e.is_range {
                s.push_str(&format!(" (range {})", range(e)));
            }
            s
        }
        (None, 0) => format!("unknown: no price in the catalog for {}", unknown_list(e)),
        (None, known) => format!(
            "at least {} a month; unknown: {}",
            usd_cents(known),
            unknown_list(e)
        ),
    }
}

/// A card's one-line summary: the figure, region, certainty of the prices, idle cost.
pub fn card(e: &Estimate) -> String {
    let mut s = format!("Estimated cost: {} ({} list prices", figure(e), e.region);
    if let Some(c) = e.certainty.and_then(certainty) {
        s.push_str("; ");
        s.push_str(c);
    }
    s.push(')');
    if let Some(idle) = idle(e) {
        s.push_str(". Idle: ");
        s.push_str(&idle);
    }
    s.push('.');
    s
}

/// The figure in a few characters, for tables and the chart: "$52.47", "≥ $73.00", or
/// "unknown" when no known line adds anything.
pub fn short(e: &Estimate) -> String {
    match (e.monthly, e.known.unwrap_or(0)) {
        (Some(total), _) => usd_cents(total),
        (None, 0) => "unknown".to_string(),
        (None, known) => format!("≥ {}", usd_cents(known)),
    }
}

/// "low–high", each end "unknown" when incomplete.
pub fn range(e: &Estimate) -> String {
    let end = |c: Option<u64>| c.map_or_else(|| "unknown".to_string(), usd_cents);
    format!("{}–{}", end(e.low), end(e.high))
}

/// What the unknown lines are: "vCPU, Memory".
pub fn unknown_list(e: &Estimate) -> String {
    e.unknown().map(|l| l.what).collect::<Vec<_>>().join(", ")
}

/// What it costs with nothing to do, when that is not nothing.
pub fn idle(e: &Estimate) -> Option<String> {
    e.bills_idle.then(|| match e.idle {
        Some(c) => format!("{} a month even with no traffic", usd_cents(c)),
        None => "unknown with no traffic (a price is missing)".to_string(),
    })
}

/// "730 vCPU-hour × $0.04048 = $29.55", with the free tier when one applies.
pub fn line(l: &CostLine) -> String {
    match l.amount {
        None => format!("{}: price not in the catalog (unknown)", l.what),
        Some(amount) => {
            let free = if l.free > 0 {
                format!(
                    " − {} {} free = {} {}",
                    l.free_text(),
                    l.unit,
                    super::money::milli(l.billable()),
                    l.unit
                )
            } else {
                String::new()
            };
            format!(
                "{}: {} {}{free} × {} = {}",
                l.what,
                l.quantity_text(),
                l.unit,
                l.unit_price_text(),
                usd_cents(amount)
            )
        }
    }
}

/// How sure the prices behind the figure are, when not all read on the vendor's page.
pub fn certainty(c: Certainty) -> Option<&'static str> {
    match c {
        Certainty::Confirmed => None,
        Certainty::ThirdParty => Some("some prices from a third-party page"),
        Certainty::Unverified => Some("some prices unverified"),
        Certainty::Conflict => Some("some prices conflict between sources"),
    }
}
