//! Reading a fact for one set of answers: the conditional value that matches, or the
//! fact's own value, always with the source and certainty of whichever applies.
//!
//! Every check reads facts through [`Fact::resolve`], so a restriction recorded as a
//! condition applies everywhere the fact is used, not only where someone remembered it.

use super::schema::{Arch, Certainty, Fact, Limit, Os, Vendor, When, Workload};

/// What conditions are matched against: the answers, and the size being run at.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Context {
    pub os: Os,
    /// `None` when the image runs on either architecture.
    pub arch: Option<Arch>,
    pub gpu: bool,
    pub workload: Workload,
    /// vCPU per instance at the platform's fitted size.
    pub vcpu: f64,
}

/// A fact's value as it applies to one [`Context`], with the citation that backs it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Resolved<'a, T> {
    pub value: &'a T,
    pub source: &'a str,
    pub verified: &'a str,
    pub certainty: Certainty,
    pub note: Option<&'a str>,
    /// The condition that replaced the fact's own value, if one did.
    pub condition: Option<&'a When>,
}

impl When {
    /// Whether every key this condition gives holds for `ctx`.
    pub fn holds(&self, ctx: &Context) -> bool {
        self.os.is_none_or(|os| os == ctx.os)
            && self.arch.is_none_or(|arch| ctx.arch == Some(arch))
            && self.gpu.is_none_or(|gpu| gpu == ctx.gpu)
            && self.workload.is_none_or(|w| w == ctx.workload)
            && self.vcpu_below.is_none_or(|below| ctx.vcpu < below - 1e-9)
    }
}

impl<T: Clone> Fact<T> {
    /// The value that applies to `ctx`: the first matching condition's, else the fact's own.
    pub fn resolve(&self, ctx: &Context) -> Resolved<'_, T> {
        match self.conditions.iter().find(|c| c.when.holds(ctx)) {
            Some(c) => Resolved {
                value: &c.value,
                source: &c.source,
                verified: &c.verified,
                certainty: c.certainty,
                note: c.note.as_deref(),
                condition: Some(&c.when),
            },
            None => Resolved {
                value: &self.value,
                source: &self.source,
                verified: &self.verified,
                certainty: self.certainty,
                note: self.note.as_deref(),
                condition: None,
            },
        }
    }
}

impl<T> Resolved<'_, T> {
    /// Whether a check may pass on this value: the catalog must have confirmed it.
    pub fn is_confirmed(&self) -> bool {
        self.certainty.is_confirmed()
    }

    /// The kind of workload the condition that applies speaks of, if one does: what the
    /// catalog says of jobs, or of workers, as opposed to the platform in general.
    pub fn workload_condition(&self) -> Option<Workload> {
        self.condition.and_then(|w| w.workload)
    }
}

impl<T: Copy> Resolved<'_, Limit<T>> {
    pub fn limit(&self) -> Limit<T> {
        *self.value
    }
}

impl Vendor {
    /// The vendor's name as users know it.
    pub fn label(self) -> &'static str {
        match self {
            Vendor::Aws => "AWS",
            Vendor::Azure => "Azure",
            Vendor::Gcp => "Google Cloud",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalog::catalog;

    fn ctx(os: Os, gpu: bool, vcpu: f64) -> Context {
        Context {
            os,
            arch: None,
            gpu,
            workload: Workload::Job,
            vcpu,
        }
    }

    #[test]
    fn the_first_matching_condition_replaces_the_value_and_its_source() {
        let jobs = catalog().platform("cloud-run-jobs").unwrap();
        let plain = jobs.max_job_seconds.resolve(&ctx(Os::Linux, false, 4.0));
        let gpu = jobs.max_job_seconds.resolve(&ctx(Os::Linux, true, 4.0));
        assert!(plain.condition.is_none());
        assert_eq!(plain.value, &jobs.max_job_seconds.value);
        let c = &jobs.max_job_seconds.conditions[0];
        assert_eq!(gpu.value, &c.value);
        assert_eq!(gpu.source, c.source.as_ref());
        assert_ne!(gpu.value, plain.value);
    }

    #[test]
    fn vcpu_below_is_strict() {
        let when = When {
            vcpu_below: Some(1.0),
            ..When::default()
        };
        assert!(when.holds(&ctx(Os::Linux, false, 0.5)));
        assert!(!when.holds(&ctx(Os::Linux, false, 1.0)));
    }
}
