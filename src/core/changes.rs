//! What changed since the 2021 comparison article, per platform: the catalog's
//! `was_2021` claims next to today's values.

use super::catalog::{catalog, fact_sources, Platform, Sizing, Text};
use super::report::{Change, Size};
use super::sizing;

/// Facts that differ from the 2021 article, per platform in catalog order; computed once.
pub fn changes_since_2021(index: usize) -> &'static [Change] {
    static CHANGES: std::sync::OnceLock<Vec<Vec<Change>>> = std::sync::OnceLock::new();
    &CHANGES.get_or_init(|| catalog().platforms.iter().map(changes_of).collect())[index]
}

fn changes_of(p: &'static Platform) -> Vec<Change> {
    fact_sources(p)
        .into_iter()
        .filter_map(|f| {
            let was = f.was_2021?.trim_end_matches('.');
            let now = now_text(p, &f.field);
            Some(Change {
                fact: field_label(&f.field),
                was,
                now,
                source: f.source,
                verified: f.verified,
            })
        })
        .collect()
}

fn field_label(field: &str) -> &'static str {
    match field {
        "sizing" => "Largest size",
        "protocols.tcp" => "TCP",
        "protocols.udp" => "UDP",
        "networking.load_balancing" => "Load balancers",
        "networking.public" | "networking.private" => "Networking",
        "protocols.http2" | "protocols.http1" => "HTTP",
        "lifecycle" => "Status",
        "os" | "arch" => "Operating systems and CPUs",
        _ => "Capability",
    }
}

fn now_text(p: &Platform, field: &str) -> String {
    let max_size = match &p.sizing.value {
        Sizing::Table { rows, .. } => rows.iter().last().map(|r| Size {
            vcpu: r.vcpu,
            memory_gib: r
                .memory_gib
                .last()
                .copied()
                .or(r.memory_max_gib)
                .unwrap_or(0.0),
        }),
        Sizing::Range(r) => Some(match &r.quota {
            Some(q) => Size {
                vcpu: q.vcpu_max,
                memory_gib: q.memory_max_gib,
            },
            None => Size {
                vcpu: r.vcpu_max,
                memory_gib: r.memory_max_gib,
            },
        }),
        Sizing::MemoryProportional {
            memory_max_mib,
            mib_per_vcpu,
            ..
        } => Some(Size {
            vcpu: (*memory_max_mib as f64 / *mib_per_vcpu as f64 * 100.0).floor() / 100.0,
            memory_gib: *memory_max_mib as f64 / 1024.0,
        }),
        Sizing::NodeBounded => None,
    };
    let note_of = |f: &str| -> Option<String> {
        let s: Option<&Option<Text>> = match f {
            "networking.load_balancing" => Some(&p.networking.load_balancing.note),
            "networking.public" => Some(&p.networking.public.note),
            "networking.private" => Some(&p.networking.private.note),
            "protocols.tcp" => Some(&p.protocols.tcp.note),
            "protocols.udp" => Some(&p.protocols.udp.note),
            "protocols.http1" => Some(&p.protocols.http1.note),
            "protocols.http2" => Some(&p.protocols.http2.note),
            "os" => Some(&p.os.note),
            "arch" => Some(&p.arch.note),
            "lifecycle" => Some(&p.lifecycle.note),
            _ => None,
        };
        // Shown as a sentence of its own: the renderers add the full stop.
        s.and_then(|n| n.as_deref().map(|n| n.trim_end_matches('.').to_string()))
    };
    match field {
        "sizing" => match max_size {
            Some(s) => format!("Up to {} per instance", sizing::describe(s)),
            None => "Bounded by your nodes".into(),
        },
        "networking.load_balancing" => p.networking.load_balancing.value.to_string(),
        other => note_of(other).unwrap_or_else(|| "Changed; see the source".into()),
    }
}
