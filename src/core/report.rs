//! What the evaluation hands back: a verdict per platform, each reason tied to a
//! fact and to the answer that caused it, the sizes to run at, a ranking and a pick.
//!
//! The UI renders this and decides nothing itself; the CLI prints it as JSON.

use std::borrow::Cow;

use serde::Serialize;

use super::catalog::{Certainty, Fee, Vendor};
use super::cost::{CostBasis, Estimate};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Eligible,
    /// Eligible, with something the user must know or do (quota, preview, timeouts, rounding).
    Caveats,
    RuledOut,
}

/// How one answer fares against one fact of one platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Pass,
    Caveat,
    Fail,
}

/// The catalog fact a reason rests on, as the user sees it cited.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Citation {
    /// Catalog field, e.g. `sizing` or `protocols.udp`.
    pub fact: &'static str,
    pub source: &'static str,
    pub verified: &'static str,
    pub certainty: Certainty,
}

/// One explained step of a verdict.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reason {
    pub outcome: Outcome,
    /// The question whose answer this is about, e.g. `vcpu`; `None` for platform-wide facts (lifecycle).
    pub question: Option<&'static str>,
    /// The sentence shown to the user, naming the answer and the limit.
    pub text: String,
    /// Serialized inline, so each reason in the JSON report carries its `source` directly.
    #[serde(flatten)]
    pub citation: Citation,
    /// What this outcome rests on that the catalog has not confirmed (a limit it does not
    /// know, or a fact not confirmed on the vendor's page), e.g. "the local-disk limit".
    /// Such a reason is never a pass.
    pub unconfirmed: Option<&'static str>,
}

impl Reason {
    /// Whether the outcome rests on something the catalog has not confirmed.
    pub fn rests_on_unconfirmed(&self) -> bool {
        self.unconfirmed.is_some()
    }
}

/// A CPU/memory pair the platform accepts.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Size {
    pub vcpu: f64,
    pub memory_gib: f64,
}

/// The size a platform will actually run at, and why it differs from the request.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NormalizedSize {
    pub requested: Size,
    pub size: Size,
    /// True when the size had to be rounded up to an allowed pair.
    pub adjusted: bool,
    pub explanation: String,
    /// A cap on concurrent requests per instance that holds at this size only (Cloud Run
    /// below 1 vCPU), which the manifests must set; `None` when no such cap applies.
    pub concurrency_cap: Option<ConcurrencyCap>,
}

/// A per-instance concurrency cap that comes with the chosen size, and what else the
/// same rule requires.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConcurrencyCap {
    pub max: u32,
    /// The catalog's note on the rule, e.g. the billing mode it also requires.
    pub why: &'static str,
    pub source: &'static str,
}

/// One factor of the fit score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScorePart {
    /// `scale_to_zero`, `operational_simplicity`, `cost_model`, `ecosystem`, `kubernetes_skills`, `caveats`.
    pub factor: &'static str,
    pub points: i32,
    pub max: i32,
    pub why: Cow<'static, str>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Score {
    pub total: i32,
    pub max: i32,
    pub parts: Vec<ScorePart>,
}

/// A checklist or guidance line with its source.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GuidanceItem {
    pub title: &'static str,
    pub detail: &'static str,
    pub source: &'static str,
    pub verified: &'static str,
    pub certainty: Certainty,
    /// Why it is on this user's list (the answer that made it relevant), if not universal.
    pub because: Option<&'static str>,
    pub since_2021: bool,
}

/// A fact that differs from what the 2021 article said.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub fact: &'static str,
    pub was: &'static str,
    pub now: String,
    pub source: &'static str,
    pub verified: &'static str,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlatformReport {
    pub id: &'static str,
    pub name: &'static str,
    pub vendor: Vendor,
    pub verdict: Verdict,
    /// Every check made, worst first.
    pub reasons: Vec<Reason>,
    /// Absent when the platform is ruled out on size or its sizing is not applicable.
    pub size: Option<NormalizedSize>,
    /// Absent when ruled out.
    pub score: Option<Score>,
    pub integration: Vec<GuidanceItem>,
    pub security_checklist: Vec<GuidanceItem>,
    /// The same for every evaluation, so computed once per catalog.
    pub changes_since_2021: &'static [Change],
    /// The monthly cost estimate; absent when ruled out.
    pub cost: Option<Estimate>,
}

/// A non-serverless option named when nothing fits, from `catalog/fallbacks.toml`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fallback {
    pub name: &'static str,
    pub vendor: Vendor,
    pub why: &'static str,
    /// What choosing it costs the user (operations, billing).
    pub cost_to_you: &'static str,
    /// The page behind `why` and `cost_to_you`, when it was checked and how surely.
    pub source: &'static str,
    pub verified: &'static str,
    pub certainty: Certainty,
    /// Its fees (a cluster fee), each with its own source.
    pub prices: &'static [Fee],
}

/// An answer the user left as "Not sure", and what the engine assumed instead.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assumption {
    pub question: &'static str,
    pub assumed: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The catalog review date the report rests on.
    pub catalog_reviewed: &'static str,
    /// In catalog order.
    pub platforms: Vec<PlatformReport>,
    /// Platforms that are not ruled out, best first.
    pub ranking: Vec<&'static str>,
    pub top_pick: Option<&'static str>,
    /// Why the top pick won, in a few sentences.
    pub top_pick_why: Vec<String>,
    /// Non-empty only when every platform is ruled out.
    pub nothing_fits: Vec<Fallback>,
    /// Set when a serverless function would likely fit better.
    pub functions_hint: Option<String>,
    pub assumptions: Vec<Assumption>,
    /// What every cost estimate assumes, and whether cost reordered the ranking.
    pub cost_basis: CostBasis,
}

impl Report {
    pub fn platform(&self, id: &str) -> Option<&PlatformReport> {
        self.platforms.iter().find(|p| p.id == id)
    }
}
