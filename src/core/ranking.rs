//! The last stage: ranking the platforms that fit. A fit score with its breakdown, the
//! order (confirmed fits first), the top pick and why, the nearest non-serverless
//! options when nothing fits, and the hint that a serverless function might fit better.
//!
//! It reads only the answers, the catalog and the reasons earlier stages produced.

use super::answers::*;
use super::catalog::{
    catalog, BillingModel, Certainty, Context, Limit, Platform, Resolved, Support, Vendor, Workload,
};
use super::cost::Estimate;
use super::limit_text::duration;
use super::plural::Count;
use super::report::*;

const SCALE_MAX: i32 = 20;
const SIMPLICITY_MAX: i32 = 25;
const COST_MAX: i32 = 20;
/// A stated cloud preference outweighs any other single factor: "prefer AWS" should put
/// the best AWS fit first unless it is ruled out.
const ECOSYSTEM_MAX: i32 = 40;
const SKILLS_MAX: i32 = 15;
/// Points lost per caveat, up to [`CAVEAT_PENALTY_MAX`].
const CAVEAT_PENALTY: i32 = 3;
const CAVEAT_PENALTY_MAX: i32 = 15;

fn part(
    factor: &'static str,
    points: i32,
    max: i32,
    why: impl Into<std::borrow::Cow<'static, str>>,
) -> ScorePart {
    ScorePart {
        factor,
        points,
        max,
        why: why.into(),
    }
}

/// Whether a job's condition on scale to zero speaks of jobs (finished EKS Job pods bill
/// until deleted): only then does it change what happens between runs.
fn job_condition(s2z: &Resolved<'_, Support>) -> bool {
    s2z.workload_condition() == Some(Workload::Job) && *s2z.value != Support::Yes
}

/// `idle_bills`: whether the platform's own estimate bills something, or something unknown,
/// with no work at all (a cluster fee past its free tier): the score says what it says.
fn scale_to_zero(p: &Platform, a: &Answers, ctx: &Context, idle_bills: bool) -> ScorePart {
    let s2z = p.scaling.scale_to_zero.resolve(ctx);
    if a.workload == WorkloadKind::Job {
        let (points, why) = match p.billing.resolve(ctx).value {
            BillingModel::PerNode => (5, "you pay for cluster nodes between runs"),
            _ if job_condition(&s2z) => (10, "finished runs can keep billing until cleaned up"),
            _ if idle_bills => (
                12,
                "a fixed fee bills between runs (the estimate's idle cost)",
            ),
            _ => (SCALE_MAX, "nothing runs, or bills, between runs"),
        };
        return part("scale_to_zero", points, SCALE_MAX, why);
    }
    let nodes_bill = *p.billing.resolve(ctx).value == BillingModel::PerNode;
    let (points, why) = match (*s2z.value, a.scale_to_zero) {
        (Support::Yes, ScaleToZero::NotNeeded) => (12, "scales to zero, which you do not need"),
        (Support::Yes, _) if nodes_bill => (5, "pods scale to zero, but the cluster's nodes bill"),
        (Support::Yes, _) if a.min_instances == 0 && idle_bills => {
            (12, "scales to zero, but a fixed fee remains when idle")
        }
        // Your minimum instances keep running whatever the platform can do.
        (Support::Yes, _) if a.min_instances > 0 => (
            14,
            "could scale to zero, but your minimum instances stay running",
        ),
        (Support::Yes, _) => (SCALE_MAX, "scales to zero when idle, as you want"),
        (Support::Limited, _) => (10, "can scale to zero with limits"),
        (Support::No, ScaleToZero::NotNeeded) => {
            (12, "keeps instances running, which suits always-busy work")
        }
        (Support::No, _) => (0, "keeps at least one instance billed when idle"),
    };
    part("scale_to_zero", points, SCALE_MAX, why)
}

fn simplicity(p: &Platform, a: &Answers) -> ScorePart {
    let mut points = SIMPLICITY_MAX;
    let mut why = Vec::new();
    if p.needs_kubernetes {
        if a.existing_cluster == ExistingCluster::of(p.vendor) {
            points -= 5;
            why.push("runs on your existing Kubernetes cluster");
        } else {
            points -= 12;
            why.push("needs a Kubernetes cluster you operate");
        }
    }
    if p.scaling.autoscaling.value != Support::Yes {
        points -= 6;
        why.push("no built-in autoscaling");
    }
    let takes_traffic = a.ingress != Ingress::None && a.workload == WorkloadKind::HttpService;
    let managed_endpoint = p
        .networking
        .managed_endpoint
        .as_ref()
        .is_some_and(|f| f.value == Support::Yes);
    if takes_traffic {
        if managed_endpoint {
            why.push("hands you an HTTPS endpoint");
        } else {
            points -= 5;
            why.push("you set up the load balancer or gateway");
        }
    }
    let why: std::borrow::Cow<'static, str> = match why.as_slice() {
        [] => "fully managed".into(),
        [one] => (*one).into(),
        many => many.join("; ").into(),
    };
    part("operational_simplicity", points.max(0), SIMPLICITY_MAX, why)
}

fn cost_model(p: &Platform, a: &Answers, ctx: &Context, idle_bills: bool) -> ScorePart {
    use BillingModel::*;
    // As it applies to this workload: a Cloud Run worker or GPU service bills per instance.
    let billing = *p.billing.resolve(ctx).value;
    let (points, why) = if a.workload == WorkloadKind::Job {
        match billing {
            PerNode => (8, "nodes bill between runs"),
            _ if idle_bills => (14, "billed for the run, plus a fixed monthly fee"),
            _ => (COST_MAX, "billed only for the run"),
        }
    } else {
        match (a.traffic, billing) {
            (Traffic::NotSure, _) => (
                COST_MAX / 2,
                "traffic pattern not given, so cost fit is neutral",
            ),
            (Traffic::Spiky | Traffic::MostlyIdle, PerRequest | PerInvocation) => {
                (COST_MAX, "per-request billing suits idle gaps")
            }
            (Traffic::Spiky | Traffic::MostlyIdle, PerPodRequest) => {
                (12, "billed for requested resources while pods run")
            }
            (Traffic::Spiky | Traffic::MostlyIdle, PerInstanceSecond) => {
                if *p.scaling.scale_to_zero.resolve(ctx).value == Support::Yes {
                    (16, "billed per instance-second, and idle instances go away")
                } else {
                    (6, "billed per instance-second even when idle")
                }
            }
            (Traffic::Spiky | Traffic::MostlyIdle, PerNode) => {
                (4, "nodes bill whether busy or not")
            }
            (Traffic::Steady, PerInstanceSecond) => {
                (COST_MAX, "per-instance billing suits steady load")
            }
            (Traffic::Steady, PerPodRequest) => {
                (16, "pay for requested resources; fine for steady load")
            }
            (Traffic::Steady, PerNode) => (14, "well-packed nodes are cheap for steady load"),
            (Traffic::Steady, PerRequest) => {
                (12, "per-request pricing costs more under constant load")
            }
            (Traffic::Steady, PerInvocation) => {
                (6, "per-invocation pricing is costly under constant load")
            }
        }
    };
    part("cost_model", points, COST_MAX, why)
}

fn ecosystem(p: &Platform, a: &Answers) -> ScorePart {
    let wanted = match a.cloud {
        CloudChoice::Any => {
            return part(
                "ecosystem",
                ECOSYSTEM_MAX / 2,
                ECOSYSTEM_MAX,
                "no cloud preference",
            )
        }
        CloudChoice::Aws => Vendor::Aws,
        CloudChoice::Azure => Vendor::Azure,
        CloudChoice::Gcp => Vendor::Gcp,
    };
    if p.vendor == wanted {
        part(
            "ecosystem",
            ECOSYSTEM_MAX,
            ECOSYSTEM_MAX,
            "on the cloud you prefer",
        )
    } else {
        part("ecosystem", 0, ECOSYSTEM_MAX, "not on the cloud you prefer")
    }
}

fn skills(p: &Platform, a: &Answers) -> ScorePart {
    let (points, why) = match (p.needs_kubernetes, a.kubernetes) {
        (true, _) if a.existing_cluster == ExistingCluster::of(p.vendor) => {
            (SKILLS_MAX, "your team already runs this cluster")
        }
        (true, KubernetesSkill::None) => (0, "your team has no Kubernetes experience"),
        (true, KubernetesSkill::Some) => (8, "your team knows some Kubernetes"),
        (true, KubernetesSkill::Strong) => (SKILLS_MAX, "your team is strong in Kubernetes"),
        (false, KubernetesSkill::Strong) => {
            (10, "no Kubernetes needed (your team could handle it)")
        }
        (false, _) => (SKILLS_MAX, "no Kubernetes skills needed"),
    };
    part("kubernetes_skills", points, SKILLS_MAX, why)
}

/// The fit score of a platform that is not ruled out, its facts read in `ctx` (the size
/// it runs at).
pub fn score(
    p: &Platform,
    a: &Answers,
    ctx: &Context,
    reasons: &[Reason],
    estimate: Option<&Estimate>,
) -> Score {
    // With no estimate nothing is known of idle cost, so nothing is said to be free.
    let idle_bills = estimate.is_none_or(|e| e.bills_idle);
    let mut parts = vec![
        scale_to_zero(p, a, ctx, idle_bills),
        simplicity(p, a),
        cost_model(p, a, ctx, idle_bills),
        ecosystem(p, a),
        skills(p, a),
    ];
    let caveats = reasons
        .iter()
        .filter(|r| r.outcome == Outcome::Caveat)
        .count() as i32;
    let closed = !p.lifecycle.value.status.takes_new_work();
    let mut penalty = (caveats * CAVEAT_PENALTY).min(CAVEAT_PENALTY_MAX);
    let why: std::borrow::Cow<'static, str> = match (caveats, closed) {
        (0, false) => "no caveats".into(),
        (n, false) => Count(n as u64, "caveat", "caveats").to_string().into(),
        (n, true) => {
            penalty += 20;
            format!(
                "{}; not open to new work",
                Count(n as u64, "caveat", "caveats")
            )
            .into()
        }
    };
    parts.push(part("caveats", -penalty, 0, why));
    let total = parts.iter().map(|p| p.points).sum();
    let max = parts.iter().map(|p| p.max).sum();
    Score { total, max, parts }
}

/// What a platform's fit rests on that the catalog has not confirmed, in check order
/// and without repeats (e.g. "the local-disk limit").
pub fn unconfirmed(p: &PlatformReport) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for what in p.reasons.iter().filter_map(|r| r.unconfirmed) {
        if !out.contains(&what) {
            out.push(what);
        }
    }
    out
}

/// Points a platform earned for being on the cloud the user prefers (the same for all
/// when there is no preference).
fn preference(p: &PlatformReport) -> i32 {
    p.score.as_ref().map_or(0, |s| {
        s.parts
            .iter()
            .filter(|part| part.factor == "ecosystem")
            .map(|part| part.points)
            .sum()
    })
}

/// Where a platform stands before its score counts: on the preferred cloud first, then
/// by how many things its fit rests on that the catalog has not confirmed, so fits
/// that rest on nothing unconfirmed come before fits that rest on an unknown limit or
/// an unconfirmed fact.
fn tier(p: &PlatformReport) -> (std::cmp::Reverse<i32>, usize) {
    (std::cmp::Reverse(preference(p)), unconfirmed(p).len())
}

/// Platforms that are not ruled out, best first.
///
/// A stated cloud preference comes first ("prefer AWS" puts the AWS fits first). Then
/// confirmed fits come before fits that rest on an unknown limit or an unconfirmed fact,
/// and fits resting on fewer such things before those resting on more, whatever their
/// scores: a confirmed fit is a better answer than a higher-scoring guess. Within a
/// tier: higher score, then fewer caveats, then fewer reasons citing unconfirmed
/// facts, then catalog order.
pub fn rank(platforms: &[PlatformReport]) -> Vec<&'static str> {
    let mut ranked: Vec<&PlatformReport> = platforms.iter().filter(|p| p.score.is_some()).collect();
    ranked.sort_by_cached_key(|p| {
        let total = p.score.as_ref().map_or(i32::MIN, |s| s.total);
        let caveats = p
            .reasons
            .iter()
            .filter(|r| r.outcome == Outcome::Caveat)
            .count();
        let uncertain = p
            .reasons
            .iter()
            .filter(|r| r.citation.certainty != Certainty::Confirmed)
            .count();
        (tier(p), std::cmp::Reverse(total), caveats, uncertain)
    });
    ranked.into_iter().map(|p| p.id).collect()
}

/// Whether a platform lost its ecosystem points: it is not on the cloud the user prefers.
fn off_preferred_cloud(p: &PlatformReport) -> bool {
    p.score.as_ref().is_some_and(|s| {
        s.parts
            .iter()
            .any(|x| x.factor == "ecosystem" && x.points == 0)
    })
}

/// "a, b and c".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `s` with its first letter capitalized. The reasons are English, so an ASCII letter is
/// all there is to change, and the browser build does without Unicode's case tables.
fn capitalized(s: &str) -> String {
    let mut out = s.to_owned();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

/// A few sentences on why the top pick won.
pub fn why_top(platforms: &[PlatformReport], ranking: &[&str], top: &str) -> Vec<String> {
    let Some(p) = platforms.iter().find(|p| p.id == top) else {
        return Vec::new();
    };
    let Some(score) = &p.score else {
        return Vec::new();
    };
    let checks = p.reasons.iter().filter(|r| r.question.is_some()).count();
    let caveats = p
        .reasons
        .iter()
        .filter(|r| r.outcome == Outcome::Caveat)
        .count();
    let mut out = vec![if caveats == 0 {
        format!("Meets every requirement you gave ({checks} checks against sourced limits).")
    } else {
        format!(
            "Meets every requirement you gave, with {} to plan for.",
            Count(caveats as u64, "caveat", "caveats")
        )
    }];
    let unsure = unconfirmed(p);
    if !unsure.is_empty() {
        let confirmed_fit = ranking
            .iter()
            .filter_map(|id| platforms.iter().find(|q| q.id == *id))
            .find(|q| unconfirmed(q).is_empty());
        out.push(format!(
            "This pick rests on what the catalog has not confirmed: {}. Check {} on the vendor's pages (linked in the reasons) before relying on it.{}",
            and_list(&unsure),
            if unsure.len() == 1 { "it" } else { "them" },
            match confirmed_fit {
                // A confirmed fit ranks below an unconfirmed one for one of two reasons: it
                // is not on the cloud you prefer, or you asked for the cheapest first.
                Some(q) if off_preferred_cloud(q) => format!(" {} fits on confirmed facts alone, but not on the cloud you prefer.", q.name),
                Some(q) if q.cost.as_ref().is_some_and(|e| e.is_complete()) => format!(" {} fits on confirmed facts alone, but ranks lower by estimated cost, as you asked.", q.name),
                Some(q) => format!(" {} fits on confirmed facts alone, but its estimate is incomplete, so the ranking by cost puts it after the complete ones.", q.name),
                None => " No platform that fits rests only on confirmed facts.".into(),
            }
        ));
    }
    // Full marks only: a part's reason may mix strengths and weaknesses below that.
    let strengths = score
        .parts
        .iter()
        .filter(|s| s.max > 0 && s.points == s.max);
    for s in strengths.take(3) {
        out.push(format!("{}.", capitalized(&s.why)));
    }
    if let Some(second) = ranking
        .get(1)
        .and_then(|id| platforms.iter().find(|p| p.id == *id))
    {
        let other = second.score.as_ref().map_or(0, |s| s.total);
        if other > score.total {
            let because = if preference(p) > preference(second) {
                "it is on the cloud you prefer".to_string()
            } else {
                // "its fit": the name is just before ("Azure Container Apps's" reads badly).
                format!(
                    "its fit rests on {}what the catalog has not confirmed: {}",
                    if unsure.is_empty() { "" } else { "more of " },
                    and_list(&unconfirmed(second))
                )
            };
            out.push(format!(
                "Ranked above {}, which scores {} against {}, because {because}.",
                second.name, other, score.total
            ));
        } else if other < score.total {
            out.push(format!(
                "Scores {} of {} against {} for the runner-up, {}.",
                score.total, score.max, other, second.name
            ));
        } else {
            let count = |p: &PlatformReport, f: &dyn Fn(&Reason) -> bool| {
                p.reasons.iter().filter(|r| f(r)).count()
            };
            let caveat = |r: &Reason| r.outcome == Outcome::Caveat;
            let uncertain = |r: &Reason| r.citation.certainty != Certainty::Confirmed;
            let tie_break = if count(p, &caveat) < count(second, &caveat) {
                "it has fewer caveats"
            } else if count(p, &uncertain) < count(second, &uncertain) {
                "more of the facts behind it are confirmed by the vendor"
            } else {
                "the two are equal; either is a sound choice"
            };
            out.push(format!(
                "Ties with {} at {} of {}; ranked first because {tie_break}.",
                second.name, score.total, score.max
            ));
        }
    }
    out
}

/// The nearest non-serverless options, for when every platform is ruled out: those of
/// `catalog/fallbacks.toml`, only the required cloud's when one is required.
pub fn fallbacks(a: &Answers) -> Vec<Fallback> {
    let wanted = match (a.cloud, a.cloud_mode) {
        (CloudChoice::Aws, CloudMode::Require) => Some(Vendor::Aws),
        (CloudChoice::Azure, CloudMode::Require) => Some(Vendor::Azure),
        (CloudChoice::Gcp, CloudMode::Require) => Some(Vendor::Gcp),
        _ => None,
    };
    catalog()
        .fallbacks
        .iter()
        .filter(|f| wanted.is_none_or(|v| v == f.vendor))
        .map(|f| Fallback {
            name: &f.name,
            vendor: f.vendor,
            why: &f.why,
            cost_to_you: &f.cost_to_you,
            source: &f.source,
            verified: &f.verified,
            certainty: f.certainty,
            prices: &f.prices,
        })
        .collect()
}

/// Raised when the workload is short, small and event driven: the shape serverless
/// functions were made for (the 2021 article's contrast between the two models).
pub fn functions_hint(a: &Answers) -> Option<String> {
    // "Short" means within the functions' time limit: the catalog names the platform
    // whose request limit that is (AWS Lambda's); without a known limit, no hint.
    let catalog = catalog();
    let functions = catalog.platform(&catalog.functions.limit_of)?;
    let limit = functions_limit_seconds(functions)?;
    let small = a.vcpu.unwrap_or(1.0) <= 2.0 && a.memory_gib.unwrap_or(2.0) <= 4.0 && !a.gpu;
    let short = match a.workload {
        WorkloadKind::HttpService => a.max_request_seconds.is_some_and(|s| s <= limit),
        WorkloadKind::Job => a.job_minutes.is_some_and(|m| m.saturating_mul(60) <= limit),
        WorkloadKind::Worker => true,
    };
    let event_driven = matches!(a.traffic, Traffic::Spiky | Traffic::MostlyIdle);
    let plain = a.os == Os::Linux
        && a.special.is_empty()
        && a.storage == PersistentStorage::None
        && !a
            .protocols
            .iter()
            .any(|p| matches!(p, Protocol::Tcp | Protocol::Udp | Protocol::Websockets));
    (small && short && event_driven && plain).then(|| {
        format!(
            "Serverless functions might fit better: this workload is short (within the {} limit of {}), small and \
             event driven. With AWS Lambda, Azure Functions or Cloud Run functions you deploy code instead of an \
             image and pay per invocation; you give up the container's freedom over runtime and dependencies.",
            duration(limit),
            functions.name
        )
    })
}

/// The functions' time limit in seconds, when the catalog states one.
fn functions_limit_seconds(p: &Platform) -> Option<u32> {
    match p.max_request_seconds.value {
        Limit::Max(seconds) => Some(seconds),
        // Without a published maximum there is no "short" to measure against.
        Limit::Unlimited | Limit::Unknown => None,
    }
}

#[cfg(test)]
mod tests {
    use super::capitalized;

    #[test]
    fn capitalized_changes_a_leading_ascii_letter_only() {
        assert_eq!(capitalized("scales to zero"), "Scales to zero");
        assert_eq!(capitalized("Already"), "Already");
        assert_eq!(capitalized(""), "");
        // Not a letter it can change: left as it is, never cut inside a character.
        assert_eq!(capitalized("élan"), "élan");
        assert_eq!(capitalized("9 GiB"), "9 GiB");
    }
}
