//! The cost section of the Markdown export: every estimate with its lines, sources and
//! assumptions, never a figure without them.

use std::fmt::Write;

use super::text;
use crate::core::report::Report;
use crate::core::report_view::{ordered, vendor_label};

/// Appends "What it will cost" for the platforms that fit, in ranking order.
pub fn section(md: &mut String, report: &Report) {
    let fits: Vec<_> = ordered(report)
        .into_iter()
        .take(report.ranking.len())
        .filter(|p| p.cost.is_some())
        .collect();
    if fits.is_empty() {
        return;
    }
    md.push_str("## What it will cost (estimate)\n\n");
    md.push_str(
        "| Platform | Monthly estimate | Region | With no traffic |\n| --- | --- | --- | --- |\n",
    );
    for p in &fits {
        let e = p.cost.as_ref().expect("filtered");
        let _ = writeln!(
            md,
            "| {} ({}) | {} | {} | {} |",
            p.name,
            vendor_label(p.vendor),
            text::figure(e).replace('|', "\\|"),
            e.region,
            text::idle(e).unwrap_or_else(|| "nothing".into())
        );
    }
    md.push_str("\nUsage:\n\n");
    for u in &report.cost_basis.usage {
        let _ = writeln!(md, "- {u}");
    }
    md.push_str("\nAssumptions:\n\n");
    for a in &report.cost_basis.assumptions {
        let _ = writeln!(md, "- {a}");
    }
    for p in &fits {
        let e = p.cost.as_ref().expect("filtered");
        let _ = writeln!(md, "\n### {} ({}): {}\n", p.name, e.region, text::figure(e));
        for l in &e.lines {
            let _ = write!(md, "- {}", text::line(l));
            if let Some(price) = &l.price {
                let _ = write!(
                    md,
                    " [{}/{}]({}), verified {}",
                    price.platform, price.id, price.source, price.verified
                );
                if let Some(word) = crate::core::report_view::certainty_label(price.certainty) {
                    let _ = write!(md, ", {word}");
                }
            }
            md.push('\n');
        }
        for n in &e.notes {
            let _ = writeln!(md, "- Note: {n}");
        }
    }
    md.push('\n');
}
