//! The estimate for one platform: usage × the platform's prices, line by line.
//!
//! Instance time comes from the usage and the platform's own facts (how many requests
//! one instance may take, whether it scales to zero); each billed meter of the price
//! sheet then becomes a line citing the price it used, or an unknown line.

use serde::Serialize;

use super::money::{self, div_round, pico, pico_to_cents};
use super::usage::{uncertain, Scenario, Usage, ASSUMED_CONCURRENCY, MONTH_MS};
use crate::core::answers::{Answers, ArchChoice, ExistingCluster, Protocol, WorkloadKind};
use crate::core::catalog::prices::{InstanceState, Meter, Per, Price, PriceSheet, Traffic};
use crate::core::catalog::{price_sheet, Arch, Certainty, Context, Os, Platform, Support};
use crate::core::report::Size;

/// The price a line used, as the user sees it cited.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PriceRef {
    /// `<platform>/<price id>` in `catalog/prices/<platform>.toml`.
    pub platform: &'static str,
    pub id: &'static str,
    pub source: &'static str,
    pub verified: &'static str,
    pub certainty: Certainty,
    pub note: Option<&'static str>,
}

/// One line of an estimate: quantity × unit price = amount, or an unknown price.
#[derive(Clone, Debug, PartialEq)]
pub struct CostLine {
    /// What is billed, e.g. "vCPU", "Memory, idle instances", "Requests".
    pub what: &'static str,
    pub meter: Meter,
    /// The quantity billed before the free tier, in `unit`.
    pub quantity: u64,
    /// The part of `quantity` the free tier covers.
    pub free: u64,
    /// The unit as the vendor names it; empty when the price is unknown.
    pub unit: &'static str,
    /// Pico-dollars per unit; serialized as dollars.
    pub unit_price: u64,
    /// `None` when the catalog has no price for it: unknown, never zero.
    pub amount: Option<u64>,
    /// The price fact used; `None` exactly when `amount` is `None`.
    pub price: Option<PriceRef>,
}

/// In the report JSON a line without a price has no quantity, unit or unit price either
/// (null), so nothing in it reads as "0 at $0".
impl Serialize for CostLine {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let known = self.price.is_some();
        let mut out = s.serialize_struct("CostLine", 8)?;
        out.serialize_field("what", self.what)?;
        out.serialize_field("meter", &self.meter)?;
        out.serialize_field("quantity", &known.then(|| self.quantity_text()))?;
        out.serialize_field("free", &known.then(|| self.free_text()))?;
        out.serialize_field("unit", &known.then_some(self.unit))?;
        out.serialize_field("unit_price", &known.then(|| self.unit_price_text()))?;
        out.serialize_field("amount", &self.amount.map(money::usd_cents))?;
        out.serialize_field("price", &self.price)?;
        out.end()
    }
}

impl CostLine {
    pub fn quantity_text(&self) -> String {
        money::milli(self.quantity)
    }
    pub fn free_text(&self) -> String {
        money::milli(self.free)
    }
    pub fn unit_price_text(&self) -> String {
        money::usd_pico(self.unit_price)
    }
    /// Quantity billed after the free tier.
    pub fn billable(&self) -> u64 {
        self.quantity.saturating_sub(self.free)
    }
}

/// A platform's monthly estimate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Estimate {
    /// The reference region of the prices.
    pub region: &'static str,
    /// The monthly total at the expected usage, in cents; `None` when a price is unknown.
    #[serde(serialize_with = "money::ser_cents")]
    pub monthly: Option<u64>,
    /// What the known lines add up to: the whole total, or a lower bound when incomplete.
    #[serde(serialize_with = "money::ser_cents")]
    pub known: Option<u64>,
    /// Low and high totals when usage is "Not sure" (each `None` if incomplete).
    #[serde(serialize_with = "money::ser_cents")]
    pub low: Option<u64>,
    #[serde(serialize_with = "money::ser_cents")]
    pub high: Option<u64>,
    /// Whether `low`/`high` are a range (usage Not sure).
    pub is_range: bool,
    /// What it costs with no traffic or work at all; `None` when unknown.
    #[serde(serialize_with = "money::ser_cents")]
    pub idle: Option<u64>,
    /// Whether idle costs anything or is unknown (platforms that bill instances or fixed parts).
    pub bills_idle: bool,
    /// The lines at the expected usage.
    pub lines: Vec<CostLine>,
    /// The weakest certainty among the prices used; `None` when no price is known, so a
    /// figure made only of unknowns never reads as confirmed.
    pub certainty: Option<Certainty>,
    /// What this platform's figure assumes beyond the report's cost basis.
    pub notes: Vec<&'static str>,
}

impl Estimate {
    pub fn is_complete(&self) -> bool {
        self.monthly.is_some()
    }
    /// The lines whose price is unknown.
    pub fn unknown(&self) -> impl Iterator<Item = &CostLine> {
        self.lines.iter().filter(|l| l.amount.is_none())
    }
    /// For sorting: known totals by amount, incomplete ones after them.
    pub fn sort_key(&self) -> (bool, u64) {
        (self.monthly.is_none(), self.monthly.unwrap_or(u64::MAX))
    }
}

fn weakness(c: Certainty) -> u8 {
    match c {
        Certainty::Confirmed => 0,
        Certainty::ThirdParty => 1,
        Certainty::Unverified => 2,
        Certainty::Conflict => 3,
    }
}

/// Resources are counted in millionths of a vCPU, GiB or GPU: a size in MiB (Lambda's
/// 1,769 MiB is 1.7275390625 GiB) rounded to thousandths would shift a large bill by cents.
const UNIT: u128 = 1_000_000;

/// Requests one instance takes at a time: the answer, capped by the platform's limit.
fn concurrency(p: &Platform, a: &Answers) -> u32 {
    let wanted = a.concurrency.unwrap_or(ASSUMED_CONCURRENCY);
    p.scaling
        .max_concurrency
        .value
        .max()
        .map_or(wanted, |max| wanted.min(max))
        .max(1)
}

/// Instance-milliseconds a month: (active, idle). `scale_to_zero` is the platform's, as it
/// applies to this workload: one that does not go to zero by itself (no, or only with
/// limits such as an autoscaler that stops at one) keeps an instance around the clock.
/// `round_up_ms`: the billable time of one request is rounded up to it.
fn instance_time(
    p: &Platform,
    a: &Answers,
    u: &Usage,
    scale_to_zero: Support,
    round_up_ms: Option<u32>,
) -> (u128, u128) {
    let floor = match u.workload {
        WorkloadKind::Job => 0,
        WorkloadKind::HttpService | WorkloadKind::Worker => match scale_to_zero {
            Support::No | Support::Limited => a.min_instances.max(1),
            Support::Yes => a.min_instances,
        },
    };
    let busy = match u.workload {
        WorkloadKind::HttpService => {
            let per_instance = u128::from(concurrency(p, a));
            // Until one instance is busy around the clock, requests rarely overlap, and each
            // is billed at least the price's rounding of billable time.
            let billed_ms = round_up_ms.map_or(u.request_ms, |g| u.request_ms.div_ceil(g) * g);
            let billed_work = u128::from(u.requests) * u128::from(billed_ms);
            u.request_work_ms
                .div_ceil(per_instance)
                .max(billed_work.min(MONTH_MS))
        }
        WorkloadKind::Worker | WorkloadKind::Job => u.busy_ms,
    };
    let total = busy.max(u128::from(floor) * MONTH_MS);
    (busy, total - busy)
}

/// The architecture prices are looked up for.
fn arch_of(a: &Answers) -> Arch {
    match a.arch {
        ArchChoice::Arm64 => Arch::Arm64,
        ArchChoice::Either | ArchChoice::X86_64 => Arch::X86_64,
    }
}

fn matches(
    price: &Price,
    plan: Option<&str>,
    meter: Meter,
    state: InstanceState,
    os: Os,
    arch: Arch,
) -> bool {
    price.meter == meter
        && price.plan.as_deref() == plan
        && price.state == state
        && price.os.is_none_or(|o| o == os)
        && price.arch.is_none_or(|x| x == arch)
}

/// One scenario's lines and sums. Without `keep_lines` only the sums are kept.
struct Bill {
    keep_lines: bool,
    lines: Vec<CostLine>,
    /// Sum of the known lines, cents.
    known_cents: u64,
    complete: bool,
    certainty: Option<Certainty>,
}

impl Bill {
    /// Adds `q / denominator` units of `price`, less the free tier.
    fn add(
        &mut self,
        platform: &'static Platform,
        what: &'static str,
        price: &'static Price,
        q: u128,
        denominator: u128,
    ) {
        let free_q = price
            .free_per_month
            .map_or(0, |f| (f * denominator as f64).round() as u128)
            .min(q);
        let rate = pico(price.usd);
        let cents = pico_to_cents(div_round((q - free_q) * u128::from(rate), denominator));
        self.known_cents += cents;
        if self
            .certainty
            .is_none_or(|c| weakness(price.certainty) > weakness(c))
        {
            self.certainty = Some(price.certainty);
        }
        if self.keep_lines {
            // Thousandths of a unit for display: q / denominator × 1000.
            let thousandths = |x: u128| div_round(x * 1_000, denominator) as u64;
            self.lines.push(CostLine {
                what,
                meter: price.meter,
                quantity: thousandths(q),
                free: thousandths(free_q),
                unit: &price.unit,
                unit_price: rate,
                amount: Some(cents),
                price: Some(PriceRef {
                    platform: &platform.id,
                    id: &price.id,
                    source: &price.source,
                    verified: &price.verified,
                    certainty: price.certainty,
                    note: price.note.as_deref(),
                }),
            });
        }
    }

    fn unknown(&mut self, what: &'static str, meter: Meter) {
        self.complete = false;
        if self.keep_lines {
            self.lines.push(CostLine {
                what,
                meter,
                quantity: 0,
                free: 0,
                unit: "",
                unit_price: 0,
                amount: None,
                price: None,
            });
        }
    }

    fn total(&self) -> Option<u64> {
        self.complete.then_some(self.known_cents)
    }
}

struct Run<'a> {
    platform: &'static Platform,
    sheet: &'static PriceSheet,
    a: &'a Answers,
    size: Size,
    os: Os,
    arch: Arch,
    /// The billing plan whose prices apply: `None` for the default one.
    plan: Option<&'static str>,
    /// Whether the platform scales this workload to zero (its conditions applied).
    scale_to_zero: Support,
    /// The rounding of one request's billable time, as the plan's vCPU price states it.
    round_up_ms: Option<u32>,
}

impl Run<'_> {
    fn price(&self, meter: Meter, state: InstanceState) -> Option<&'static Price> {
        self.sheet.prices.iter().find(|p| {
            matches(p, self.plan, meter, state, self.os, self.arch)
                && self.gpu_ok(p)
                && p.traffic.is_none_or(|t| t == traffic(self.a))
        })
    }

    fn gpu_ok(&self, p: &Price) -> bool {
        match (p.meter, p.gpu) {
            (Meter::Gpu, Some(g)) => self.a.gpu_type.accepts(g),
            _ => true,
        }
    }

    /// A line of `resource` (in [`UNIT`]ths of a vCPU, GiB, GPU or item) for `ms`.
    fn time_line(
        &self,
        bill: &mut Bill,
        what: &'static str,
        meter: Meter,
        price: Option<&'static Price>,
        resource: u128,
        ms: u128,
    ) {
        let Some(price) = price else {
            bill.unknown(what, meter);
            return;
        };
        let per_ms: u128 = match price.per {
            Per::Second => 1_000,
            Per::Hour => 3_600_000,
            Per::Million => 1, // not a time price: checked when the sheet is built
        };
        // quantity = resource × time: resource × ms / (per_ms × UNIT) units.
        let q = resource * ms;
        let denominator = per_ms * UNIT;
        bill.add(self.platform, what, price, q, denominator);
    }

    fn scenario(&self, u: &Usage, build_lines: bool) -> Bill {
        let mut bill = Bill {
            keep_lines: build_lines,
            lines: Vec::new(),
            known_cents: 0,
            complete: true,
            certainty: None,
        };
        let (active, idle) = instance_time(
            self.platform,
            self.a,
            u,
            self.scale_to_zero,
            self.round_up_ms,
        );
        let total = active + idle;
        let vcpu = (self.size.vcpu * UNIT as f64).round() as u128;
        let memory = (self.size.memory_gib * UNIT as f64).round() as u128;
        for &meter in self.sheet.bills.iter() {
            match meter {
                Meter::Vcpu | Meter::Memory => {
                    let (resource, name) = match meter {
                        Meter::Vcpu => (vcpu, ["vCPU", "vCPU, active", "vCPU, idle instances"]),
                        _ => (
                            memory,
                            ["Memory", "Memory, active", "Memory, idle instances"],
                        ),
                    };
                    if total == 0 {
                        continue;
                    }
                    if let Some(any) = self.price(meter, InstanceState::Any) {
                        self.time_line(&mut bill, name[0], meter, Some(any), resource, total);
                        continue;
                    }
                    let active_price = self.price(meter, InstanceState::Active);
                    let idle_price = self.price(meter, InstanceState::Idle);
                    if active_price.is_none() && idle_price.is_none() {
                        bill.unknown(name[0], meter);
                        continue;
                    }
                    if active > 0 {
                        self.time_line(&mut bill, name[1], meter, active_price, resource, active);
                    }
                    if idle > 0 {
                        self.time_line(&mut bill, name[2], meter, idle_price, resource, idle);
                    }
                }
                Meter::WindowsLicense => {
                    if self.os == Os::Windows && total > 0 {
                        let p = self.price(meter, InstanceState::Any);
                        self.time_line(&mut bill, "Windows licence", meter, p, vcpu, total);
                    }
                }
                Meter::Requests => {
                    if u.requests > 0 {
                        match self.price(meter, InstanceState::Any) {
                            Some(p) => bill.add(
                                self.platform,
                                "Requests",
                                p,
                                u128::from(u.requests) * 1_000,
                                1_000_000_000,
                            ),
                            None => bill.unknown("Requests", meter),
                        }
                    }
                }
                Meter::LoadBalancer => {
                    // A sheet that prices load balancers by traffic bills them to services
                    // only, each the kind its protocols need: none priced for that kind
                    // leaves the line unknown, never priced as the other kind.
                    let by_traffic = self.sheet.prices.iter().any(|p| p.traffic.is_some());
                    if !by_traffic || u.workload == WorkloadKind::HttpService {
                        let p = self.price(meter, InstanceState::Any);
                        self.time_line(&mut bill, "Load balancer", meter, p, UNIT, MONTH_MS);
                    }
                }
                Meter::Cluster => {
                    if self.a.existing_cluster != ExistingCluster::of(self.platform.vendor) {
                        let p = self.price(meter, InstanceState::Any);
                        self.time_line(&mut bill, "Cluster fee", meter, p, UNIT, MONTH_MS);
                    }
                }
                // Nodes are machines you choose: no quantity follows from the answers.
                Meter::Node => bill.unknown("Cluster nodes", meter),
                // A GPU is billed whenever one is asked for, listed in `bills` or not (below).
                Meter::Gpu => {}
            }
        }
        if self.a.gpu && total > 0 {
            let p = self.price(Meter::Gpu, InstanceState::Any);
            self.time_line(&mut bill, "GPU", Meter::Gpu, p, UNIT, total);
        }
        bill
    }
}

/// The traffic a service's load balancer carries: raw TCP or UDP among its protocols needs
/// a network load balancer.
fn traffic(a: &Answers) -> Traffic {
    if a.protocols
        .iter()
        .any(|p| matches!(p, Protocol::Tcp | Protocol::Udp))
    {
        Traffic::TcpUdp
    } else {
        Traffic::Http
    }
}

/// The billing plan the workload must use: a GPU's (Cloud Run bills GPU instances for their
/// whole life), else a background worker's, else the sheet's default (`None`).
fn plan(sheet: &'static PriceSheet, a: &Answers) -> Option<&'static str> {
    let gpu = a.gpu.then_some(sheet.gpu_plan.as_deref()).flatten();
    let worker = (a.workload == WorkloadKind::Worker)
        .then_some(sheet.worker_plan.as_deref())
        .flatten();
    gpu.or(worker)
}

/// The estimate for a platform that fits, at the size it runs at, its facts read in `ctx`;
/// `None` when the catalog has no price sheet for it (every platform has one: the build
/// checks).
pub fn estimate(
    platform: &'static Platform,
    a: &Answers,
    ctx: &Context,
    size: Size,
) -> Option<Estimate> {
    let sheet = price_sheet(&platform.id)?;
    let scale_to_zero = *platform.scaling.scale_to_zero.resolve(ctx).value;
    let mut run = Run {
        platform,
        sheet,
        a,
        size,
        os: a.os,
        arch: arch_of(a),
        plan: plan(sheet, a),
        scale_to_zero,
        round_up_ms: None,
    };
    run.round_up_ms = run
        .price(Meter::Vcpu, InstanceState::Active)
        .or_else(|| run.price(Meter::Vcpu, InstanceState::Any))
        .and_then(|p| p.round_up_ms);
    let expected = run.scenario(&Usage::of(a, Scenario::Expected), true);
    let is_range = uncertain(a);
    let (low, high) = if is_range {
        (
            run.scenario(&Usage::of(a, Scenario::Low), false).total(),
            run.scenario(&Usage::of(a, Scenario::High), false).total(),
        )
    } else {
        (expected.total(), expected.total())
    };
    let idle_bill = run.scenario(&Usage::idle(a.workload), false);
    let bills_idle = !idle_bill.complete || idle_bill.known_cents > 0;
    let mut notes = Vec::new();
    if a.arch == ArchChoice::Either && sheet.prices.iter().any(|p| p.arch == Some(Arch::Arm64)) {
        notes.push("Priced for x86-64; an ARM64 image would cost less here.");
    }
    if sheet.bills.contains(&Meter::Cluster)
        && a.existing_cluster == ExistingCluster::of(platform.vendor)
    {
        notes.push("Your existing cluster's fee is not counted: you pay it already.");
    }
    if run.plan.is_some() && a.workload == WorkloadKind::HttpService {
        notes.push("This plan bills each instance for its whole life, idle time after requests included; the figure counts only the time instances are busy or kept warm, so expect more.");
    }
    if a.workload != WorkloadKind::Job {
        match scale_to_zero {
            Support::No => notes
                .push("Cannot scale to zero: at least one instance is billed around the clock."),
            Support::Limited => notes.push(
                "Scales to zero only with limits (see its scale-to-zero fact): the estimate counts one instance around the clock.",
            ),
            Support::Yes => {}
        }
    }
    Some(Estimate {
        region: &sheet.region,
        monthly: expected.total(),
        known: Some(expected.known_cents),
        low,
        high,
        is_range,
        idle: idle_bill.total(),
        bills_idle,
        certainty: expected.certainty,
        lines: expected.lines,
        notes,
    })
}
