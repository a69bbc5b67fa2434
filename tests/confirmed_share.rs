//! The share of the facts that can rule a platform out which the vendor's own pages
//! confirm: computed once in the core, shown on the About page and by `berth catalog`.

use berth::core::catalog::{
    catalog, catalog_confirmed_share, confirmed_share, fact_sources, rule_out_facts, Certainty,
    ConfirmedShare,
};

/// The share Berth aims for across the catalog, in percent.
const TARGET_PERCENT: usize = 90;

fn table() -> String {
    let mut out = format!(
        "{:20} {:>9} {:>5} {:>7}\n",
        "platform", "confirmed", "of", "share"
    );
    for p in catalog().platforms.iter() {
        let s = confirmed_share(p);
        out += &format!(
            "{:20} {:>9} {:>5} {:>6}%\n",
            p.id,
            s.confirmed,
            s.total,
            s.percent()
        );
    }
    let all = catalog_confirmed_share(catalog());
    out += &format!(
        "{:20} {:>9} {:>5} {:>6}%\n",
        "all",
        all.confirmed,
        all.total,
        all.percent()
    );
    out
}

#[test]
fn the_share_counts_the_confirmed_rule_out_facts_of_each_platform() {
    println!("{}", table());
    let mut sum = ConfirmedShare::default();
    for p in catalog().platforms.iter() {
        let facts = rule_out_facts(p);
        let confirmed = facts
            .iter()
            .filter(|f| f.certainty == Certainty::Confirmed)
            .count();
        let share = confirmed_share(p);
        assert_eq!(
            share,
            ConfirmedShare {
                confirmed,
                total: facts.len()
            },
            "{}",
            p.id
        );
        sum.confirmed += confirmed;
        sum.total += facts.len();
        // Every rule-out fact is one of the platform's sourced facts (or a condition of one).
        let all: Vec<String> = fact_sources(p).into_iter().map(|f| f.field).collect();
        for f in &facts {
            let base = f.field.split(".conditions[").next().unwrap_or(&f.field);
            assert!(
                all.iter().any(|a| a == base),
                "{}: {} is not a sourced fact",
                p.id,
                f.field
            );
        }
    }
    assert_eq!(catalog_confirmed_share(catalog()), sum);
}

#[test]
fn the_set_holds_what_rules_out_and_leaves_out_what_only_ranks() {
    let p = catalog().platform("fargate-ecs").expect("fargate-ecs");
    let fields: Vec<String> = rule_out_facts(p).into_iter().map(|f| f.field).collect();
    for wanted in [
        "kind",
        "lifecycle",
        "sizing",
        "os",
        "arch",
        "gpus",
        "max_request_seconds",
        "max_job_seconds",
        "protocols.websockets",
        "networking.public",
        "networking.private",
        "restrictions.privileged",
        "storage.ephemeral_max_gib",
        "security_features.cmek",
        "scaling.scale_to_zero",
    ] {
        assert!(fields.iter().any(|f| f == wanted), "missing {wanted}");
    }
    for left_out in [
        "billing",
        "networking.load_balancing",
        "scaling.autoscaling",
        "scaling.max_instances",
    ] {
        assert!(
            !fields.iter().any(|f| f == left_out),
            "{left_out} only ranks"
        );
    }
}

#[test]
fn an_unverified_fact_lowers_the_share_and_percentages_round_down() {
    let mut c = catalog().clone();
    let p = &mut c.platforms.to_mut()[0];
    p.protocols.udp.certainty = Certainty::Confirmed;
    let before = confirmed_share(p);
    p.protocols.udp.certainty = Certainty::Unverified;
    // Billing only ranks: its certainty does not count.
    p.billing.certainty = Certainty::Unverified;
    let after = confirmed_share(p);
    assert_eq!(after.total, before.total);
    assert_eq!(after.confirmed + 1, before.confirmed);
    assert_eq!(
        ConfirmedShare {
            confirmed: 899,
            total: 1000
        }
        .percent(),
        89
    );
    assert_eq!(
        ConfirmedShare {
            confirmed: 0,
            total: 0
        }
        .percent(),
        0
    );
}

/// The catalog-wide target: a fact downgraded to unverified, or a new platform with
/// unconfirmed facts, must not silently pull the share under it.
#[test]
fn at_least_ninety_percent_of_the_rule_out_facts_are_confirmed() {
    let all = catalog_confirmed_share(catalog());
    assert!(
        all.percent() >= TARGET_PERCENT,
        "{}% of the facts that can rule a platform out are confirmed, under the {TARGET_PERCENT}% target:\n{}",
        all.percent(),
        table()
    );
}
