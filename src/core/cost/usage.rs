//! The usage a cost estimate rests on, from the answers: what the user gave, or for
//! "Not sure" a documented expected value with a low and a high one.

use serde::Serialize;

use super::money::grouped;
use crate::core::answers::{Answers, WorkloadKind};
use crate::core::evaluate::ASSUMED_JOB_MINUTES;
use crate::core::plural::Count;

/// Hours in the month every estimate is for (the vendors' own calculators use 730).
pub const MONTH_HOURS: u64 = 730;
/// The same month in milliseconds.
pub const MONTH_MS: u128 = MONTH_HOURS as u128 * 3_600_000;

/// "Not sure" about requests a month: expected, low, high.
pub const REQUESTS_NOT_SURE: [u64; 3] = [1_000_000, 100_000, 10_000_000];
/// "Not sure" about the average request time, ms.
pub const REQUEST_MS_NOT_SURE: [u32; 3] = [200, 50, 1_000];
/// "Not sure" about a worker's busy hours a day.
pub const BUSY_HOURS_NOT_SURE: [f64; 3] = [8.0, 1.0, 24.0];
/// "Not sure" about runs a month (a daily job; weekly; hourly).
pub const RUNS_NOT_SURE: [u32; 3] = [30, 4, 720];
/// Concurrent requests per instance assumed when the answer is "Not sure".
pub const ASSUMED_CONCURRENCY: u32 = 1;

/// One usage scenario, in the units the estimate multiplies.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Usage {
    pub workload: WorkloadKind,
    /// HTTP services: requests a month; jobs: runs a month (an invocation each).
    pub requests: u64,
    /// HTTP services: request-milliseconds of work a month (requests × average time).
    pub request_work_ms: u128,
    /// HTTP services: the average time of one request, ms (0 otherwise).
    pub request_ms: u32,
    /// Workers and jobs: milliseconds a month one instance is busy.
    pub busy_ms: u128,
}

/// Which of the three scenarios.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scenario {
    Expected,
    Low,
    High,
}

impl Scenario {
    fn index(self) -> usize {
        match self {
            Scenario::Expected => 0,
            Scenario::Low => 1,
            Scenario::High => 2,
        }
    }
}

/// Hours a day → busy milliseconds in a month of [`MONTH_HOURS`] (730/24 days).
fn busy_ms_from_hours(hours_per_day: f64) -> u128 {
    // 730 / 24 days × 3,600,000 ms = 109,500,000 ms per hour-a-day.
    (hours_per_day * 109_500_000.0).round() as u128
}

impl Usage {
    /// The usage of one scenario; answered values are the same in all three.
    pub fn of(a: &Answers, scenario: Scenario) -> Usage {
        let i = scenario.index();
        let mut u = Usage {
            workload: a.workload,
            requests: 0,
            request_work_ms: 0,
            request_ms: 0,
            busy_ms: 0,
        };
        match a.workload {
            WorkloadKind::HttpService => {
                u.requests = a.requests_per_month.unwrap_or(REQUESTS_NOT_SURE[i]);
                let ms = a.request_ms.unwrap_or(REQUEST_MS_NOT_SURE[i]);
                u.request_ms = ms;
                u.request_work_ms = u128::from(u.requests) * u128::from(ms);
            }
            WorkloadKind::Worker => {
                u.busy_ms =
                    busy_ms_from_hours(a.busy_hours_per_day.unwrap_or(BUSY_HOURS_NOT_SURE[i]));
            }
            WorkloadKind::Job => {
                let runs = a.runs_per_month.unwrap_or(RUNS_NOT_SURE[i]);
                let longest = a.job_minutes.unwrap_or(ASSUMED_JOB_MINUTES);
                let minutes = a.minutes_per_run.unwrap_or(match scenario {
                    Scenario::Low => longest.div_ceil(4),
                    Scenario::Expected | Scenario::High => longest,
                });
                u.requests = u64::from(runs);
                u.busy_ms = u128::from(runs) * u128::from(minutes) * 60_000;
            }
        }
        u
    }

    /// No traffic and no work at all: what merely keeping the deployment costs.
    pub fn idle(workload: WorkloadKind) -> Usage {
        Usage {
            workload,
            requests: 0,
            request_work_ms: 0,
            request_ms: 0,
            busy_ms: 0,
        }
    }
}

/// Whether any usage answer is "Not sure", so the estimate is a range.
pub fn uncertain(a: &Answers) -> bool {
    match a.workload {
        WorkloadKind::HttpService => a.requests_per_month.is_none() || a.request_ms.is_none(),
        WorkloadKind::Worker => a.busy_hours_per_day.is_none(),
        WorkloadKind::Job => a.runs_per_month.is_none() || a.minutes_per_run.is_none(),
    }
}

/// What every estimate in a report assumes, stated once for the report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostBasis {
    /// Every figure is a monthly estimate of list prices in one reference region per cloud.
    pub month_hours: u64,
    /// The usage the expected figure uses, and the range's ends where usage is "Not sure".
    pub usage: Vec<String>,
    /// How usage becomes billed time, free tiers, what is left out.
    pub assumptions: Vec<&'static str>,
    /// True when "cheapest that fits" reordered the ranking.
    pub ranked_by_cost: bool,
}

fn requests_text(n: u64) -> String {
    format!("{} requests a month", grouped(n))
}

/// The usage statements and assumptions behind this report's estimates.
pub fn basis(a: &Answers) -> CostBasis {
    let mut usage = Vec::new();
    let not_sure = " (Not sure: expected, with a low–high range)";
    match a.workload {
        WorkloadKind::HttpService => {
            let r = |i: usize| a.requests_per_month.unwrap_or(REQUESTS_NOT_SURE[i]);
            let d = |i: usize| a.request_ms.unwrap_or(REQUEST_MS_NOT_SURE[i]);
            usage.push(match a.requests_per_month {
                Some(n) => requests_text(n),
                None => format!(
                    "{}{not_sure}: low {}, high {}",
                    requests_text(r(0)),
                    grouped(r(1)),
                    grouped(r(2))
                ),
            });
            usage.push(match a.request_ms {
                Some(ms) => format!("{} ms per request on average", grouped(u64::from(ms))),
                None => format!(
                    "{} ms per request{not_sure}: low {} ms, high {} ms",
                    grouped(u64::from(d(0))),
                    grouped(u64::from(d(1))),
                    grouped(u64::from(d(2)))
                ),
            });
            usage.push(match a.concurrency {
                Some(c) => format!(
                    "up to {c} concurrent requests per instance (capped by each platform's limit)"
                ),
                None => format!(
                    "{ASSUMED_CONCURRENCY} request per instance at a time (concurrency Not sure)"
                ),
            });
        }
        WorkloadKind::Worker => {
            let h = |i: usize| a.busy_hours_per_day.unwrap_or(BUSY_HOURS_NOT_SURE[i]);
            let fmt = crate::core::questionnaire::fmt_number;
            usage.push(match a.busy_hours_per_day {
                Some(hours) => format!("busy {} hours a day", fmt(hours)),
                None => format!(
                    "busy {} hours a day{not_sure}: low {}, high {}",
                    fmt(h(0)),
                    fmt(h(1)),
                    fmt(h(2))
                ),
            });
        }
        WorkloadKind::Job => {
            let runs = |i: usize| a.runs_per_month.unwrap_or(RUNS_NOT_SURE[i]);
            usage.push(match a.runs_per_month {
                Some(n) => format!("{n} runs a month"),
                None => format!(
                    "{} runs a month{not_sure}: low {}, high {}",
                    runs(0),
                    runs(1),
                    runs(2)
                ),
            });
            usage.push(match a.minutes_per_run {
                Some(m) => format!("{m} minutes per run on average"),
                None => {
                    let longest = a.job_minutes.unwrap_or(ASSUMED_JOB_MINUTES);
                    format!(
                        "{longest} minutes per run (Not sure: the longest run; low {} minutes)",
                        longest.div_ceil(4)
                    )
                }
            });
        }
    }
    if a.workload != WorkloadKind::Job {
        usage.push(format!(
            "{} kept running",
            Count(
                u64::from(a.min_instances),
                "minimum instance",
                "minimum instances"
            )
        ));
    }
    let mut assumptions = vec![
        "An estimate of on-demand list prices in one reference region per cloud (AWS us-east-1, Azure eastus, Google Cloud us-central1), for a month of 730 hours; other regions, discounts and commitments differ.",
        "Free tiers are applied as if this were the only workload on the account, subscription or billing account.",
        "Not included: data transfer, logs and monitoring, storage beyond what the instance includes, container registry, load balancer capacity units, and anything else the workload uses.",
        "Each line is rounded to the cent; the total is the sum of the lines.",
        "A price the catalog does not have is shown as unknown, never as zero: the total is then incomplete and only what is known is added up.",
    ];
    match a.workload {
        WorkloadKind::HttpService => {
            assumptions.push("Requests become instance time as follows: until the work fills one instance around the clock, every request-second is an instance-second (requests rarely overlap); beyond that, instances are packed up to the concurrency per instance. Per-request platforms bill that time only; per-instance platforms bill every instance that runs.");
        }
        WorkloadKind::Worker => {
            assumptions.push("A worker keeps one instance busy for its busy hours. Platforms that scale to zero bill those hours only; the others bill every hour an instance runs.");
        }
        WorkloadKind::Job => {
            assumptions.push("Each run is one task on one instance, billed while it runs; each run counts as one invocation where a platform bills invocations.");
        }
    }
    if a.workload != WorkloadKind::Job {
        assumptions.push("Minimum instances are billed around the clock, at the idle rate where the platform has one and the catalog knows it. Platforms that cannot scale to zero keep at least one instance.");
    }
    CostBasis {
        month_hours: MONTH_HOURS,
        usage,
        assumptions,
        ranked_by_cost: false,
    }
}
