//! The limit checks: local disk, request time, job run time, instance and concurrency
//! ceilings. Each reads a [`Limit`] through [`limit`], so "no limit" passes only as a
//! confirmed fact and a limit the catalog does not know is always a caveat.

use super::facts;
use super::record::{sentence, Checks, FactName, Paren};
use super::{ASSUMED_JOB_MINUTES, ASSUMED_REQUEST_SECONDS};
use crate::core::answers::*;
use crate::core::catalog::{Fact, Limit, Platform, Resolved, Workload};
use crate::core::questionnaire::Number;
use crate::core::report::Outcome;

/// Words for an answer against a published maximum (given it and the fact's note):
/// within it (`Ok`) or over it (`Err`).
type Against<'a> = &'a dyn Fn(f64, Option<&str>) -> Result<String, String>;

/// What a limit check says in each case.
struct Words<'a> {
    /// Given the published maximum and the fact's note: the text for within it (`Ok`)
    /// or over it (`Err`).
    against: Against<'a>,
    /// The vendor states there is no maximum.
    unlimited: &'static str,
    /// What the user should check when the catalog knows no maximum.
    check: &'static str,
    /// The outcome when over the maximum (a fail, or a caveat where load spreads).
    over: Outcome,
}

/// Checks one answer against one limit fact, as it applies here.
fn limit<T: Copy + Into<f64> + 'static>(
    c: &mut Checks,
    question: &'static str,
    name: FactName,
    fact: &'static Fact<Limit<T>>,
    words: Words,
) {
    let r = c.read(fact);
    let value = match r.limit() {
        Limit::Max(max) => Limit::Max(max.into()),
        Limit::Unlimited => Limit::Unlimited,
        Limit::Unknown => Limit::Unknown,
    };
    let cited = Resolved {
        value: &(),
        source: r.source,
        verified: r.verified,
        certainty: r.certainty,
        note: r.note,
        condition: r.condition,
    };
    limit_at(c, question, name, &cited, value, words);
}

// Not generic, so the browser build holds one copy of the wording.
fn limit_at(
    c: &mut Checks,
    question: &'static str,
    name: FactName,
    r: &Resolved<'static, ()>,
    value: Limit<f64>,
    words: Words,
) {
    let note = Paren(r.note);
    match value {
        Limit::Max(max) => {
            let (outcome, text) = match (words.against)(max, r.note) {
                Ok(text) => (Outcome::Pass, text),
                Err(text) => (words.over, text),
            };
            c.record(outcome, Some(question), name, r, text);
        }
        Limit::Unlimited => c.record(
            Outcome::Pass,
            Some(question),
            name,
            r,
            sentence!("{}{}.", words.unlimited, note),
        ),
        Limit::Unknown => c.unknown(
            Some(question),
            name,
            r,
            sentence!(
                "No published {} found{}; check {} before relying on it.",
                name.label.trim_start_matches("the "),
                note,
                words.check
            ),
        ),
    }
}

pub fn minutes(seconds: u32) -> String {
    Minutes(seconds).to_string()
}

/// A number of seconds as [`minutes`] writes it, in place inside `format!`.
#[derive(Clone, Copy)]
pub(crate) struct Minutes(pub u32);

impl std::fmt::Display for Minutes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let seconds = self.0;
        if seconds % 3600 == 0 {
            write!(f, "{} h", seconds / 3600)
        } else if seconds % 60 == 0 {
            write!(f, "{} min", seconds / 60)
        } else {
            write!(f, "{seconds} s")
        }
    }
}

pub(crate) fn ephemeral(c: &mut Checks, p: &'static Platform, a: &Answers) {
    let Some(asked) = a.ephemeral_storage_gib else {
        return;
    };
    limit(
        c,
        "ephemeral_storage_gib",
        facts::EPHEMERAL,
        &p.storage.ephemeral_max_gib,
        Words {
            against: &|max: f64, note: Option<&str>| {
                let note = Paren(note);
                if asked > max + 1e-9 {
                    Err(sentence!(
                        "{} GiB of local disk asked; the most is {} GiB{note}.",
                        Number(asked),
                        Number(max)
                    ))
                } else {
                    Ok(sentence!(
                        "{} GiB of local disk fits (up to {} GiB){note}.",
                        Number(asked),
                        Number(max)
                    ))
                }
            },
            unlimited: "No separate local-disk limit",
            check: "how much local disk an instance gets",
            over: Outcome::Fail,
        },
    );
}

pub(crate) fn request_time(c: &mut Checks, p: &'static Platform, a: &Answers) {
    if a.workload != WorkloadKind::HttpService {
        return;
    }
    let asked = a.max_request_seconds.unwrap_or(ASSUMED_REQUEST_SECONDS);
    limit(
        c,
        "max_request_seconds",
        facts::REQUEST_TIME,
        &p.max_request_seconds,
        Words {
            against: &|limit: f64, _: Option<&str>| {
                let limit = limit as u32;
                if asked > limit {
                    Err(sentence!(
                        "Requests of up to {} asked; requests time out after {}.",
                        Minutes(asked),
                        Minutes(limit)
                    ))
                } else {
                    Ok(sentence!(
                        "Requests of up to {} fit within the {} timeout.",
                        Minutes(asked),
                        Minutes(limit)
                    ))
                }
            },
            unlimited: "No platform request timeout",
            check: "the timeout of whatever sits in front (load balancer, ingress, gateway)",
            over: Outcome::Fail,
        },
    );
}

pub(crate) fn job_time(c: &mut Checks, p: &'static Platform, a: &Answers) {
    if a.workload != WorkloadKind::Job {
        return;
    }
    let asked = a
        .job_minutes
        .unwrap_or(ASSUMED_JOB_MINUTES)
        .saturating_mul(60);
    limit(
        c,
        "job_minutes",
        facts::JOB_TIME,
        &p.max_job_seconds,
        Words {
            against: &|limit: f64, _: Option<&str>| {
                let limit = limit as u32;
                if asked > limit {
                    Err(sentence!(
                        "Runs of up to {} asked; a task may run at most {}.",
                        Minutes(asked),
                        Minutes(limit)
                    ))
                } else {
                    Ok(sentence!(
                        "Runs of up to {} fit within the {} limit.",
                        Minutes(asked),
                        Minutes(limit)
                    ))
                }
            },
            unlimited: "No run-time limit",
            check: "the longest a single run may take",
            over: Outcome::Fail,
        },
    );
}

pub(crate) fn scaling(c: &mut Checks, p: &'static Platform, a: &Answers) {
    let sc = &p.scaling;
    // A job needs nothing to scale between runs, unless the catalog says otherwise of jobs
    // (finished EKS Job pods bill until deleted).
    let applies = a.workload != WorkloadKind::Job
        || c.read(&sc.scale_to_zero).workload_condition() == Some(Workload::Job);
    if applies && a.scale_to_zero == ScaleToZero::Required {
        c.need(
            "scale_to_zero",
            "Scale to zero",
            facts::SCALE_TO_ZERO,
            &sc.scale_to_zero,
        );
    }
    if let Some(asked) = a.max_instances {
        limit(
            c,
            "max_instances",
            facts::MAX_INSTANCES,
            &sc.max_instances,
            Words {
                against: &|max: f64, note: Option<&str>| {
                    let note = Paren(note);
                    let max = max as u32;
                    if asked > max {
                        Err(sentence!(
                            "{asked} instances asked; one service scales to {max}{note}."
                        ))
                    } else if asked == 1 {
                        Ok(sentence!("1 instance fits (up to {max})."))
                    } else {
                        Ok(sentence!("{asked} instances fit (up to {max})."))
                    }
                },
                unlimited: "No instance ceiling",
                check: "your instance quota for this platform",
                over: Outcome::Caveat,
            },
        );
    }
    if a.workload != WorkloadKind::HttpService {
        return;
    }
    if let Some(asked) = a.concurrency {
        limit(
            c,
            "concurrency",
            facts::MAX_CONCURRENCY,
            &sc.max_concurrency,
            Words {
                against: &|max: f64, _: Option<&str>| {
                    let max = max as u32;
                    if asked > max {
                        Err(sentence!("{asked} concurrent requests per instance asked; an instance takes at most {max}, so load spreads over more instances."))
                    } else {
                        Ok(sentence!(
                            "{asked} concurrent requests per instance fit (up to {max})."
                        ))
                    }
                },
                unlimited: "No per-instance concurrency ceiling",
                check: "how many requests one instance may be sent at once",
                over: Outcome::Caveat,
            },
        );
    }
}
