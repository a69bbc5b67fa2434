//! Size normalization: the smallest CPU/memory pair a platform accepts at or above
//! what was asked, with the adjustment explained.

use super::catalog::{Os, SizeRange, SizeRow, Sizing};
use super::decimal::Shortest;
use super::questionnaire::Number;
use super::report::Size;

/// Tolerance for comparing sizes read from decimal data (0.1 + 0.2 and friends).
const EPS: f64 = 1e-9;

/// Why a request cannot be met, naming the answer to change.
#[derive(Clone, Debug, PartialEq)]
pub struct SizeMiss {
    /// `vcpu` or `memory_gib`.
    pub question: &'static str,
    pub text: String,
}

/// A size the platform accepts, and whether it needs a quota request.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    pub size: Size,
    /// Set when the size is beyond the default ceiling and needs a quota request.
    pub needs_quota: Option<String>,
    /// Extra words on how the size was derived (overheads, proportional CPU).
    pub detail: Option<String>,
}

/// Rounds `value` up to the next multiple of `step` counted from `base`.
fn round_up(value: f64, base: f64, step: f64) -> f64 {
    if value <= base + EPS {
        return base;
    }
    let steps = ((value - base) / step - EPS).ceil();
    let rounded = base + steps * step;
    // Keep decimal data tidy: 0.75 stays 0.75, not 0.7500000000000001.
    (rounded * 1000.0).round() / 1000.0
}

fn row_memory_fit(row: &SizeRow, memory: f64) -> Option<f64> {
    if !row.memory_gib.is_empty() {
        return row.memory_gib.iter().copied().find(|&m| m + EPS >= memory);
    }
    let (min, max, step) = (
        row.memory_min_gib?,
        row.memory_max_gib?,
        row.memory_step_gib?,
    );
    let m = round_up(memory, min, step);
    (m <= max + EPS).then_some(m)
}

fn row_memory_max(row: &SizeRow) -> f64 {
    row.memory_gib
        .last()
        .copied()
        .or(row.memory_max_gib)
        .unwrap_or(0.0)
}

fn gib(n: f64) -> String {
    format!("{} GiB", Number(n))
}

fn vcpu(n: f64) -> String {
    format!("{} vCPU", Number(n))
}

fn fit_table(rows: &[SizeRow], overhead_mib: u32, os: Os, want: Size) -> Result<Fit, SizeMiss> {
    let memory = want.memory_gib + overhead_mib as f64 / 1024.0;
    let rows: Vec<&SizeRow> = rows
        .iter()
        .filter(|r| r.os.is_empty() || r.os.contains(&os))
        .collect();
    for row in &rows {
        if row.vcpu + EPS < want.vcpu {
            continue;
        }
        if let Some(m) = row_memory_fit(row, memory) {
            let detail = (overhead_mib > 0).then(|| {
                format!("the platform adds {overhead_mib} MiB for its own agents before choosing a size")
            });
            return Ok(Fit {
                size: Size {
                    vcpu: row.vcpu,
                    memory_gib: m,
                },
                needs_quota: None,
                detail,
            });
        }
    }
    let top_vcpu = rows.iter().map(|r| r.vcpu).fold(0.0, f64::max);
    let top_memory = rows.iter().map(|r| row_memory_max(r)).fold(0.0, f64::max);
    if want.vcpu > top_vcpu + EPS {
        Err(SizeMiss {
            question: "vcpu",
            text: format!(
                "{} asked; the largest size offered is {}",
                vcpu(want.vcpu),
                vcpu(top_vcpu)
            ),
        })
    } else {
        Err(SizeMiss {
            question: "memory_gib",
            text: format!(
                "{} asked{}; the most memory offered is {}",
                gib(want.memory_gib),
                if overhead_mib > 0 {
                    format!(" (+{overhead_mib} MiB platform overhead)")
                } else {
                    String::new()
                },
                gib(top_memory)
            ),
        })
    }
}

fn fit_range(r: &SizeRange, want: Size) -> Result<Fit, SizeMiss> {
    let mut cpu = round_up(want.vcpu, r.vcpu_min, r.vcpu_step);
    let mut memory = round_up(want.memory_gib, r.memory_min_gib, r.memory_step_gib);
    if let Some(ratio) = r.memory_per_vcpu_min_gib {
        memory = memory.max(round_up(cpu * ratio, r.memory_min_gib, r.memory_step_gib));
    }
    if let Some(ratio) = r.memory_per_vcpu_max_gib {
        if memory > cpu * ratio + EPS {
            cpu = round_up(memory / ratio, r.vcpu_min, r.vcpu_step);
        }
    }
    let size = Size {
        vcpu: cpu,
        memory_gib: memory,
    };
    let (max_cpu, max_memory) = (r.vcpu_max, r.memory_max_gib);
    if cpu <= max_cpu + EPS && memory <= max_memory + EPS {
        return Ok(Fit {
            size,
            needs_quota: None,
            detail: None,
        });
    }
    if let Some(q) = &r.quota {
        if cpu <= q.vcpu_max + EPS && memory <= q.memory_max_gib + EPS {
            return Ok(Fit {
                size,
                needs_quota: Some(format!(
                    "above the default {} / {}: {}",
                    vcpu(max_cpu),
                    gib(max_memory),
                    q.how
                )),
                detail: None,
            });
        }
    }
    let (ceiling_cpu, ceiling_memory) = r
        .quota
        .as_ref()
        .map_or((max_cpu, max_memory), |q| (q.vcpu_max, q.memory_max_gib));
    if cpu > ceiling_cpu + EPS {
        Err(SizeMiss {
            question: "vcpu",
            text: format!("{} needed; the ceiling is {}", vcpu(cpu), vcpu(ceiling_cpu)),
        })
    } else {
        Err(SizeMiss {
            question: "memory_gib",
            text: format!(
                "{} needed; the ceiling is {}",
                gib(memory),
                gib(ceiling_memory)
            ),
        })
    }
}

fn fit_memory_proportional(
    min_mib: u32,
    max_mib: u32,
    step_mib: u32,
    mib_per_vcpu: u32,
    want: Size,
) -> Result<Fit, SizeMiss> {
    let for_memory = want.memory_gib * 1024.0;
    let for_cpu = want.vcpu * mib_per_vcpu as f64;
    let needed = for_memory.max(for_cpu);
    let mib = round_up(needed, min_mib as f64, step_mib as f64).ceil();
    if mib > max_mib as f64 + EPS {
        let max_cpu = max_mib as f64 / mib_per_vcpu as f64;
        return Err(if for_cpu > for_memory {
            SizeMiss {
                question: "vcpu",
                text: format!(
                    "{} asked; CPU follows memory ({mib_per_vcpu} MiB per vCPU), so the most is about {} at {max_mib} MiB",
                    vcpu(want.vcpu),
                    vcpu((max_cpu * 100.0).floor() / 100.0)
                ),
            }
        } else {
            SizeMiss {
                question: "memory_gib",
                text: format!(
                    "{} asked; the most memory is {max_mib} MiB",
                    gib(want.memory_gib)
                ),
            }
        });
    }
    // Both values are reported unrounded: `mib / 1024` is exact in binary, and CPU is
    // exactly what that memory buys, so fitting the result again gives the same MiB
    // (rounding either one up asked for more memory on the second fit). People see them
    // through `fmt_number`, which rounds for display only.
    Ok(Fit {
        size: Size {
            vcpu: mib / mib_per_vcpu as f64,
            memory_gib: mib / 1024.0,
        },
        needs_quota: None,
        detail: Some(format!(
            "you choose memory ({} MiB) and CPU follows at one vCPU per {mib_per_vcpu} MiB",
            Shortest(mib)
        )),
    })
}

/// The smallest size `sizing` accepts at or above `want`, for containers of `os`.
pub fn fit(sizing: &Sizing, os: Os, want: Size) -> Result<Fit, SizeMiss> {
    match sizing {
        Sizing::Table { rows, overhead_mib } => fit_table(rows, *overhead_mib, os, want),
        Sizing::Range(range) => fit_range(range, want),
        Sizing::MemoryProportional {
            memory_min_mib,
            memory_max_mib,
            memory_step_mib,
            mib_per_vcpu,
        } => fit_memory_proportional(
            *memory_min_mib,
            *memory_max_mib,
            *memory_step_mib,
            *mib_per_vcpu,
            want,
        ),
        Sizing::NodeBounded => Ok(Fit {
            size: want,
            needs_quota: None,
            detail: Some("bounded only by the nodes of your cluster".into()),
        }),
    }
}

/// The smallest size `sizing` accepts at or above `size`, taken as a size the platform
/// itself runs: a table's overhead is not added again, as it is already inside a fitted
/// size. Idempotent: `normalize` of a fitted size returns that size unchanged.
pub fn normalize(sizing: &Sizing, os: Os, size: Size) -> Result<Fit, SizeMiss> {
    match sizing {
        Sizing::Table { rows, .. } => fit_table(rows, 0, os, size),
        Sizing::Range(_) | Sizing::MemoryProportional { .. } | Sizing::NodeBounded => {
            fit(sizing, os, size)
        }
    }
}

/// Whether `size` is a pair `sizing` allows (used by tests and the manifests' self-checks).
pub fn is_allowed(sizing: &Sizing, os: Os, size: Size) -> bool {
    normalize(sizing, os, size).is_ok_and(|f| {
        (f.size.vcpu - size.vcpu).abs() < 1e-6 && (f.size.memory_gib - size.memory_gib).abs() < 1e-6
    })
}

/// Describes a size for people: "2 vCPU / 4 GiB".
pub fn describe(size: Size) -> String {
    SizeText(size).to_string()
}

/// A size as [`describe`] writes it, in place inside `format!`.
#[derive(Clone, Copy)]
pub struct SizeText(pub Size);

impl std::fmt::Display for SizeText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Size { vcpu, memory_gib } = self.0;
        write!(f, "{} vCPU / {} GiB", Number(vcpu), Number(memory_gib))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn fargate() -> Sizing {
        let row = |vcpu: f64, min: f64, max: f64, step: f64| SizeRow {
            vcpu,
            memory_gib: Cow::Borrowed(&[]),
            memory_min_gib: Some(min),
            memory_max_gib: Some(max),
            memory_step_gib: Some(step),
            os: Cow::Borrowed(&[]),
        };
        Sizing::Table {
            rows: Cow::Owned(vec![
                SizeRow {
                    vcpu: 0.25,
                    memory_gib: Cow::Borrowed(&[0.5, 1.0, 2.0]),
                    memory_min_gib: None,
                    memory_max_gib: None,
                    memory_step_gib: None,
                    os: Cow::Borrowed(&[]),
                },
                row(0.5, 1.0, 4.0, 1.0),
                row(4.0, 8.0, 30.0, 1.0),
                row(8.0, 16.0, 60.0, 4.0),
            ]),
            overhead_mib: 0,
        }
    }

    #[test]
    fn rounds_up_to_the_next_row_when_memory_exceeds_the_row() {
        let f = fit(
            &fargate(),
            Os::Linux,
            Size {
                vcpu: 4.0,
                memory_gib: 32.0,
            },
        )
        .unwrap();
        assert_eq!(
            f.size,
            Size {
                vcpu: 8.0,
                memory_gib: 32.0
            }
        );
    }

    #[test]
    fn rounds_memory_up_to_the_step() {
        let f = fit(
            &fargate(),
            Os::Linux,
            Size {
                vcpu: 8.0,
                memory_gib: 17.0,
            },
        )
        .unwrap();
        assert_eq!(
            f.size,
            Size {
                vcpu: 8.0,
                memory_gib: 20.0
            }
        );
    }

    #[test]
    fn names_the_answer_that_is_too_large() {
        let miss = fit(
            &fargate(),
            Os::Linux,
            Size {
                vcpu: 9.0,
                memory_gib: 16.0,
            },
        )
        .unwrap_err();
        assert_eq!(miss.question, "vcpu");
        let miss = fit(
            &fargate(),
            Os::Linux,
            Size {
                vcpu: 1.0,
                memory_gib: 61.0,
            },
        )
        .unwrap_err();
        assert_eq!(miss.question, "memory_gib");
    }

    #[test]
    fn round_up_keeps_decimals_tidy() {
        assert_eq!(round_up(0.7, 0.25, 0.25), 0.75);
        assert_eq!(round_up(0.1, 0.25, 0.25), 0.25);
        assert_eq!(round_up(3.0, 1.0, 1.0), 3.0);
    }
}
