//! The report as Markdown, for pasting into a ticket, a pull request or a design doc.
//!
//! It says what the results page says, in the same order, with every reason linked to
//! its source, so a reader who never opens Berth can check each claim.

use std::fmt::Write;

use super::answer_text::{describe, title_of};
use super::answers::Answers;
use super::questionnaire::applicable;
use super::report::{GuidanceItem, Outcome, PlatformReport, Reason, Report};
use super::report_view::{
    certainty_label, ordered, outcome_label, price_text, vendor_label, verdict_label,
};

/// Renders the report. `chosen` picks the platform whose integration guidance and security
/// checklist are included (the top pick when `None`); `link` is a share link to add.
pub fn render(
    answers: &Answers,
    report: &Report,
    chosen: Option<&str>,
    link: Option<&str>,
) -> String {
    let mut md = String::with_capacity(8192);
    md.push_str("# Berth recommendation\n\n");
    let _ = writeln!(
        md,
        "Catalog reviewed {}. Every reason links to the page it rests on.",
        report.catalog_reviewed
    );
    if let Some(link) = link {
        let _ = writeln!(md, "Open these answers in Berth: <{link}>");
    }
    md.push('\n');

    if !report.nothing_fits.is_empty() {
        md.push_str("## Nothing fits\n\nEvery serverless container platform is ruled out. Options outside serverless:\n\n");
        for f in &report.nothing_fits {
            let _ = write!(
                md,
                "- **{}** ({}): {} Cost to you: {} [source]({}), checked {}{}",
                f.name,
                vendor_label(f.vendor),
                f.why,
                f.cost_to_you,
                f.source,
                f.verified,
                certainty_label(f.certainty)
                    .map(|l| format!(" ({l})"))
                    .unwrap_or_default()
            );
            for price in f.prices {
                let _ = write!(
                    md,
                    "; fee: {} [source]({}), checked {}",
                    price_text(price),
                    price.source,
                    price.verified
                );
            }
            md.push('\n');
        }
        md.push('\n');
    }

    if let Some(top) = report.top_pick.and_then(|id| report.platform(id)) {
        let _ = writeln!(
            md,
            "## Top pick: {} ({})\n",
            top.name,
            vendor_label(top.vendor)
        );
        for why in &report.top_pick_why {
            let _ = writeln!(md, "- {why}");
        }
        if let Some(size) = &top.size {
            let _ = writeln!(
                md,
                "\n**Size:** {} vCPU, {} GiB. {}",
                fmt(size.size.vcpu),
                fmt(size.size.memory_gib),
                size.explanation
            );
        }
        md.push('\n');
    }

    if let Some(hint) = &report.functions_hint {
        let _ = writeln!(md, "## Serverless functions may fit better\n\n{hint}\n");
    }

    if !report.ranking.is_empty() {
        md.push_str("## Ranking\n\n");
        for (i, p) in ordered(report)
            .iter()
            .take(report.ranking.len())
            .enumerate()
        {
            let _ = write!(
                md,
                "{}. {} ({}): {}",
                i + 1,
                p.name,
                vendor_label(p.vendor),
                verdict_label(p.verdict)
            );
            if let Some(score) = &p.score {
                let _ = write!(md, ", fit {}/{}", score.total, score.max);
            }
            md.push('\n');
        }
        md.push('\n');
    }

    super::cost::markdown::section(&mut md, report);

    md.push_str("## Every platform\n");
    for p in ordered(report) {
        platform_section(&mut md, p);
    }

    let chosen = chosen
        .or(report.top_pick)
        .and_then(|id| report.platform(id));
    if let Some(p) = chosen {
        guidance(
            &mut md,
            "Integration guidance",
            p.name,
            &p.integration,
            false,
        );
        guidance(
            &mut md,
            "Security checklist",
            p.name,
            &p.security_checklist,
            true,
        );
    }

    if !report.assumptions.is_empty() {
        md.push_str("\n## Assumptions for \"Not sure\" answers\n\n");
        for a in &report.assumptions {
            let _ = writeln!(md, "- {}: {}", title_of(a.question), a.assumed);
        }
    }

    md.push_str("\n## Your answers\n\n| Question | Answer |\n| --- | --- |\n");
    for q in applicable(answers) {
        let _ = writeln!(
            md,
            "| {} | {} |",
            cell(q.title),
            cell(&describe(q, answers))
        );
    }
    md
}

fn platform_section(md: &mut String, p: &PlatformReport) {
    let _ = writeln!(
        md,
        "\n### {} ({}): {}\n",
        p.name,
        vendor_label(p.vendor),
        verdict_label(p.verdict)
    );
    if let Some(size) = &p.size {
        let _ = writeln!(
            md,
            "Size: {} vCPU, {} GiB. {}\n",
            fmt(size.size.vcpu),
            fmt(size.size.memory_gib),
            size.explanation
        );
    }
    for r in &p.reasons {
        reason(md, r);
    }
    if !p.changes_since_2021.is_empty() {
        md.push_str("\nWhat changed since 2021:\n\n");
        for c in p.changes_since_2021 {
            let _ = writeln!(
                md,
                "- {}. In 2021: {}. Now: {} ([source]({}), verified {})",
                c.fact, c.was, c.now, c.source, c.verified
            );
        }
    }
}

fn reason(md: &mut String, r: &Reason) {
    let mark = match r.outcome {
        Outcome::Pass => "✓",
        Outcome::Caveat => "!",
        Outcome::Fail => "✗",
    };
    let _ = write!(md, "- {mark} {}: {}", outcome_label(r.outcome), r.text);
    if let Some(q) = r.question {
        let _ = write!(md, " (your answer to \"{}\")", title_of(q));
    }
    let _ = write!(
        md,
        " [{}]({}), verified {}",
        r.citation.fact, r.citation.source, r.citation.verified
    );
    if let Some(badge) = certainty_label(r.citation.certainty) {
        let _ = write!(md, ", {badge}");
    }
    md.push('\n');
}

fn guidance(
    md: &mut String,
    heading: &str,
    platform: &str,
    items: &[GuidanceItem],
    checklist: bool,
) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(md, "\n## {heading}: {platform}\n");
    for g in items {
        md.push_str(if checklist { "- [ ] " } else { "- " });
        let _ = write!(md, "**{}**: {}", g.title, g.detail);
        if let Some(because) = &g.because {
            let _ = write!(md, " (because: {because})");
        }
        let _ = write!(md, " [source]({}), verified {}", g.source, g.verified);
        if let Some(badge) = certainty_label(g.certainty) {
            let _ = write!(md, ", {badge}");
        }
        if g.since_2021 {
            md.push_str(", recommended since 2021");
        }
        md.push('\n');
    }
}

fn fmt(n: f64) -> String {
    super::questionnaire::fmt_number(n)
}

/// A table cell: pipes and line breaks would end the cell early.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::Archetype;
    use crate::core::catalog::{Certainty, Vendor};
    use crate::core::report::{
        Assumption, Change, Citation, Fallback, NormalizedSize, Score, Size, Verdict,
    };

    fn citation(certainty: Certainty) -> Citation {
        Citation {
            fact: "sizing",
            source: "https://docs.example.com/limits",
            verified: "2026-01-02",
            certainty,
        }
    }

    fn platform(id: &'static str, name: &'static str, verdict: Verdict) -> PlatformReport {
        PlatformReport {
            id,
            name,
            vendor: Vendor::Aws,
            verdict,
            reasons: vec![Reason {
                outcome: if verdict == Verdict::RuledOut {
                    Outcome::Fail
                } else {
                    Outcome::Pass
                },
                question: Some("vcpu"),
                text: format!("{name} checked 1 vCPU against its limit"),
                citation: citation(if verdict == Verdict::RuledOut {
                    Certainty::Unverified
                } else {
                    Certainty::Confirmed
                }),
                unconfirmed: None,
            }],
            size: (verdict != Verdict::RuledOut).then(|| NormalizedSize {
                requested: Size {
                    vcpu: 1.0,
                    memory_gib: 2.0,
                },
                size: Size {
                    vcpu: 1.0,
                    memory_gib: 2.0,
                },
                adjusted: false,
                concurrency_cap: None,
                explanation: "Runs at the size you asked for.".into(),
            }),
            score: (verdict != Verdict::RuledOut).then(|| Score {
                total: 70,
                max: 100,
                parts: Vec::new(),
            }),
            integration: vec![GuidanceItem {
                title: "Put a CDN in front",
                detail: "Cache static assets.",
                source: "https://docs.example.com/cdn",
                verified: "2026-01-02",
                certainty: Certainty::Confirmed,
                because: Some("public ingress"),
                since_2021: false,
            }],
            security_checklist: vec![GuidanceItem {
                title: "Use a task role",
                detail: "No stored keys.",
                source: "https://docs.example.com/iam",
                verified: "2026-01-02",
                certainty: Certainty::ThirdParty,
                because: None,
                since_2021: true,
            }],
            changes_since_2021: Vec::leak(vec![Change {
                fact: "sizing",
                was: "4 vCPU",
                now: "16 vCPU".into(),
                source: "https://docs.example.com/limits",
                verified: "2026-01-02",
            }]),
            cost: None,
        }
    }

    fn report() -> Report {
        Report {
            catalog_reviewed: "2026-01-03",
            platforms: vec![
                platform("x", "Ruled Thing", Verdict::RuledOut),
                platform("y", "Good | Thing", Verdict::Eligible),
            ],
            ranking: vec!["y"],
            top_pick: Some("y"),
            top_pick_why: vec!["It fits every answer.".into()],
            nothing_fits: Vec::new(),
            functions_hint: Some("A function may be simpler.".into()),
            assumptions: vec![Assumption {
                question: "memory_gib",
                assumed: "2 GiB".into(),
            }],
            cost_basis: crate::core::cost::basis(&Archetype::PublicWeb.preset()),
        }
    }

    #[test]
    fn contains_the_pick_reasons_sources_and_answers() {
        let md = render(
            &Archetype::PublicWeb.preset(),
            &report(),
            None,
            Some("https://x.test/#/results?a=1.e30"),
        );
        for needle in [
            "# Berth recommendation",
            "Catalog reviewed 2026-01-03",
            "<https://x.test/#/results?a=1.e30>",
            "## Top pick: Good | Thing (AWS)",
            "- It fits every answer.",
            "**Size:** 1 vCPU, 2 GiB. Runs at the size you asked for.",
            "## Serverless functions may fit better",
            "1. Good | Thing (AWS): Eligible, fit 70/100",
            "### Ruled Thing (AWS): Ruled out",
            "- ✗ Fail: Ruled Thing checked 1 vCPU against its limit (your answer to \"vCPU per instance\") [sizing](https://docs.example.com/limits), verified 2026-01-02, Unverified",
            "- sizing. In 2021: 4 vCPU. Now: 16 vCPU",
            "## Integration guidance: Good | Thing",
            "(because: public ingress)",
            "## Security checklist: Good | Thing",
            "- [ ] **Use a task role**: No stored keys. [source](https://docs.example.com/iam), verified 2026-01-02, Third-party source, recommended since 2021",
            "- Memory per instance: 2 GiB",
            "| vCPU per instance | 1 vCPU |",
        ] {
            assert!(md.contains(needle), "missing {needle:?} in:\n{md}");
        }
        assert!(!md.contains("## Nothing fits"));
        let ruled = md.find("### Ruled Thing").expect("ruled out listed");
        let good = md.find("### Good | Thing").expect("eligible listed");
        assert!(good < ruled, "ranked platforms come first");
    }

    #[test]
    fn chosen_platform_drives_the_guidance_and_nothing_fits_names_fallbacks() {
        let mut r = report();
        r.ranking.clear();
        r.top_pick = None;
        r.nothing_fits = vec![Fallback {
            name: "Kubernetes on VMs",
            vendor: Vendor::Gcp,
            why: "Runs privileged pods.",
            cost_to_you: "You run the nodes.",
            source: "https://docs.example.com/vms",
            verified: "2026-01-04",
            certainty: Certainty::Unverified,
            prices: &[],
        }];
        let md = render(&Archetype::Scratch.preset(), &r, Some("x"), None);
        assert!(md.contains("## Nothing fits"));
        assert!(md.contains("- **Kubernetes on VMs** (Google Cloud): Runs privileged pods. Cost to you: You run the nodes. [source](https://docs.example.com/vms), checked 2026-01-04 (Unverified)\n"), "{md}");
        assert!(md.contains("## Integration guidance: Ruled Thing"));
        assert!(!md.contains("## Top pick"));
        assert!(!md.contains("## Ranking"));
        assert!(md.contains("| vCPU per instance | Not sure |"));
    }

    #[test]
    fn table_cells_escape_pipes() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }
}
