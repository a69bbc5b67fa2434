//! Views derived from a [`Report`] that more than one screen needs: the order platforms
//! are listed in, the verdict count, one cell of the comparison table, and what an
//! answer rules out. Pure, so the UI only renders them.

use super::answers::Answers;
use super::catalog::{Certainty, Fee, LifecycleStatus, Vendor};
use super::decimal::Shortest;
use super::questionnaire::{applicable, Question, Section};
use super::report::{Outcome, PlatformReport, Reason, Report, Verdict};

/// Words for the report's enums, shared by every screen and the Markdown export.
pub fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Eligible => "Eligible",
        Verdict::Caveats => "Eligible with caveats",
        Verdict::RuledOut => "Ruled out",
    }
}

pub fn outcome_label(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "Pass",
        Outcome::Caveat => "Caveat",
        Outcome::Fail => "Fail",
    }
}

/// The vendor's name; the catalog owns the words, this keeps the screens' one import.
pub fn vendor_label(v: Vendor) -> &'static str {
    v.label()
}

/// A list price as a sentence: "$0.25 per vCPU-hour (us-east-1)".
pub fn price_text(p: &Fee) -> String {
    format!("${} per {} ({})", usd(p.usd), p.unit, p.applies_to)
}

/// Dollars with at least two decimals (0.1 → "0.10", 0.000024 → "0.000024").
fn usd(v: f64) -> String {
    let s = Shortest(v).to_string();
    match s.split_once('.') {
        Some((_, cents)) if cents.len() >= 2 => s,
        Some((whole, cents)) => format!("{whole}.{cents:0<2}"),
        None => format!("{s}.00"),
    }
}

/// A badge for facts that are not confirmed on the vendor's own page; `None` when confirmed.
pub fn certainty_label(c: Certainty) -> Option<&'static str> {
    match c {
        Certainty::Confirmed => None,
        Certainty::ThirdParty => Some("Third-party source"),
        Certainty::Conflict => Some("Sources conflict"),
        Certainty::Unverified => Some("Unverified"),
    }
}

pub fn lifecycle_label(s: LifecycleStatus) -> &'static str {
    match s {
        LifecycleStatus::Ga => "Generally available",
        LifecycleStatus::Preview => "Preview",
        LifecycleStatus::ClosedToNewCustomers => "Closed to new customers",
        LifecycleStatus::Deprecated => "Deprecated",
        LifecycleStatus::Retired => "Retired",
    }
}

/// Platforms in the order to show them: the ranking first (best first), then the rest
/// (ruled out) in catalog order.
pub fn ordered(report: &Report) -> Vec<&PlatformReport> {
    let mut out: Vec<&PlatformReport> = report
        .ranking
        .iter()
        .filter_map(|id| report.platform(id))
        .collect();
    out.extend(
        report
            .platforms
            .iter()
            .filter(|p| !report.ranking.contains(&p.id)),
    );
    out
}

/// How many platforms got each verdict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub eligible: usize,
    pub caveats: usize,
    pub ruled_out: usize,
}

pub fn tally(report: &Report) -> Tally {
    let mut t = Tally::default();
    for p in &report.platforms {
        match p.verdict {
            Verdict::Eligible => t.eligible += 1,
            Verdict::Caveats => t.caveats += 1,
            Verdict::RuledOut => t.ruled_out += 1,
        }
    }
    t
}

/// The name of the platform with this id, or the id itself.
pub fn name_of<'a>(report: &Report, id: &'a str) -> &'a str {
    report.platform(id).map_or(id, |p| p.name)
}

/// One platform against one question: the worst outcome among the platform's reasons
/// about that question (a pass when there are none), and those reasons.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell<'a> {
    pub outcome: Outcome,
    pub reasons: Vec<&'a Reason>,
}

pub fn cell<'a>(platform: &'a PlatformReport, question: &str) -> Cell<'a> {
    let reasons: Vec<&Reason> = platform
        .reasons
        .iter()
        .filter(|r| r.question == Some(question))
        .collect();
    let outcome = reasons
        .iter()
        .map(|r| r.outcome)
        .max()
        .unwrap_or(Outcome::Pass);
    Cell { outcome, reasons }
}

/// The questions the comparison table has rows for: every applicable question but the
/// starting point, which only pre-fills the others.
pub fn requirement_rows(answers: &Answers) -> Vec<&'static Question> {
    applicable(answers)
        .filter(|q| q.id != "archetype" && q.section != Section::Usage)
        .collect()
}

/// The reasons that rule a platform out, worst first as the report lists them.
pub fn blockers(platform: &PlatformReport) -> impl Iterator<Item = &Reason> {
    platform
        .reasons
        .iter()
        .filter(|r| r.outcome == Outcome::Fail)
}

/// The platforms the current answer to `question` rules out, by name.
pub fn ruled_out_by(report: &Report, question: &str) -> Vec<&'static str> {
    report
        .platforms
        .iter()
        .filter(|p| blockers(p).any(|r| r.question == Some(question)))
        .map(|p| p.name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::core::answers::{Archetype, WorkloadKind};
    use crate::core::catalog::{Certainty, Vendor};
    use crate::core::report::Citation;

    fn reason(outcome: Outcome, question: Option<&'static str>) -> Reason {
        Reason {
            outcome,
            question,
            text: format!("{outcome:?} on {question:?}"),
            citation: Citation {
                fact: "sizing",
                source: "https://example.com",
                verified: "2026-01-01",
                certainty: Certainty::Confirmed,
            },
            unconfirmed: None,
        }
    }

    fn platform(id: &'static str, verdict: Verdict, reasons: Vec<Reason>) -> PlatformReport {
        PlatformReport {
            id,
            name: match id {
                "a" => "A",
                "b" => "B",
                "c" => "C",
                _ => "D",
            },
            vendor: Vendor::Gcp,
            verdict,
            reasons,
            size: None,
            score: None,
            integration: Vec::new(),
            security_checklist: Vec::new(),
            changes_since_2021: &[],
            cost: None,
        }
    }

    fn report() -> Report {
        Report {
            catalog_reviewed: "2026-01-01",
            platforms: vec![
                platform(
                    "a",
                    Verdict::RuledOut,
                    vec![
                        reason(Outcome::Fail, Some("vcpu")),
                        reason(Outcome::Pass, Some("os")),
                    ],
                ),
                platform(
                    "b",
                    Verdict::Caveats,
                    vec![
                        reason(Outcome::Pass, Some("vcpu")),
                        reason(Outcome::Caveat, Some("vcpu")),
                    ],
                ),
                platform("c", Verdict::Eligible, vec![reason(Outcome::Pass, None)]),
                platform(
                    "d",
                    Verdict::RuledOut,
                    vec![reason(Outcome::Fail, Some("os"))],
                ),
            ],
            ranking: vec!["c", "b"],
            top_pick: Some("c"),
            top_pick_why: Vec::new(),
            nothing_fits: Vec::new(),
            functions_hint: None,
            assumptions: Vec::new(),
            cost_basis: crate::core::cost::basis(
                &crate::core::answers::Archetype::PublicWeb.preset(),
            ),
        }
    }

    #[test]
    fn orders_ranking_first_then_the_ruled_out() {
        let r = report();
        let ids: Vec<&str> = ordered(&r).iter().map(|p| p.id).collect();
        assert_eq!(ids, ["c", "b", "a", "d"]);
        assert_eq!(
            tally(&r),
            Tally {
                eligible: 1,
                caveats: 1,
                ruled_out: 2
            }
        );
        assert_eq!(name_of(&r, "b"), "B");
        assert_eq!(name_of(&r, "zz"), "zz");
    }

    #[test]
    fn a_cell_is_the_worst_outcome_for_that_question() {
        let r = report();
        assert_eq!(cell(&r.platforms[0], "vcpu").outcome, Outcome::Fail);
        assert_eq!(cell(&r.platforms[1], "vcpu").outcome, Outcome::Caveat);
        assert_eq!(cell(&r.platforms[1], "vcpu").reasons.len(), 2);
        let empty = cell(&r.platforms[2], "vcpu");
        assert_eq!((empty.outcome, empty.reasons.len()), (Outcome::Pass, 0));
    }

    #[test]
    fn names_what_an_answer_rules_out() {
        let r = report();
        assert_eq!(ruled_out_by(&r, "vcpu"), ["A"]);
        assert_eq!(ruled_out_by(&r, "os"), ["D"]);
        assert!(ruled_out_by(&r, "gpu").is_empty());
    }

    #[test]
    fn rows_follow_the_applicable_questions() {
        let mut a = Archetype::PublicWeb.preset();
        let ids: Vec<&str> = requirement_rows(&a).iter().map(|q| q.id).collect();
        assert!(
            !ids.contains(&"archetype")
                && ids.contains(&"max_request_seconds")
                && !ids.contains(&"job_minutes")
        );
        a.workload = WorkloadKind::Job;
        let ids: Vec<&str> = requirement_rows(&a).iter().map(|q| q.id).collect();
        assert!(ids.contains(&"job_minutes") && !ids.contains(&"max_request_seconds"));
    }

    #[test]
    fn prices_read_as_dollars_per_unit() {
        let price = |usd: f64| Fee {
            unit: "vCPU-hour".into(),
            usd,
            applies_to: "any region".into(),
            source: "https://docs.example.com/pricing".into(),
            verified: "2026-01-01".into(),
            certainty: Certainty::Confirmed,
            note: None,
        };
        assert_eq!(price_text(&price(0.5)), "$0.50 per vCPU-hour (any region)");
        assert_eq!(price_text(&price(2.0)), "$2.00 per vCPU-hour (any region)");
        assert_eq!(
            price_text(&price(0.000024)),
            "$0.000024 per vCPU-hour (any region)"
        );
    }
}
