//! Reads the catalog back from the compact form `build.rs` embeds (written by
//! `build/compact.rs`).
//!
//! The form: a text holding every distinct string once, back to back, and a byte stream
//! that starts with the number of strings and each one's length (varints), then holds
//! the catalog and the price sheets, each struct's fields in declaration order with no
//! names: a string as its number in the table, a `u32` or a length or an enum variant as
//! a varint, an `f64` as two varints (its decimal digits and how many of them follow the
//! point), a `bool` or an `Option`'s presence as one byte. Strings are borrowed from the
//! embedded text, not copied.
//!
//! Compiled into `build.rs` too (via `#[path]`), which reads back what it wrote and fails
//! the build unless that is exactly the catalog the data files say; so a reader that has
//! fallen out of step with the schema (reordered fields or variants) cannot ship. A new
//! field or unit variant the reader does not know fails to compile here.

use std::borrow::Cow;

use super::prices::{InstanceState, Meter, Per, Price, PriceSheet, Traffic};
use super::schema::*;

/// The catalog and its price sheets, as embedded.
pub struct Embedded {
    pub catalog: Catalog,
    pub price_sheets: Vec<PriceSheet>,
}

/// Reads the embedded form. Panics on bytes `build/compact.rs` did not write.
pub fn read(strings: &'static str, bytes: &[u8]) -> Embedded {
    let mut r = Reader {
        bytes,
        at: 0,
        strings: Vec::new(),
    };
    let count = r.varint();
    let mut start = 0;
    for _ in 0..count {
        let end = start + r.varint();
        r.strings.push(&strings[start..end]);
        start = end;
    }
    let embedded = Embedded {
        catalog: r.read(),
        price_sheets: r.read::<List<PriceSheet>>().into_owned(),
    };
    assert!(
        r.at == bytes.len(),
        "the embedded catalog has trailing bytes"
    );
    embedded
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    strings: Vec<&'static str>,
}

impl Reader<'_> {
    fn read<T: Decode>(&mut self) -> T {
        T::decode(self)
    }

    fn byte(&mut self) -> u8 {
        let b = self.bytes[self.at];
        self.at += 1;
        b
    }

    fn varint(&mut self) -> usize {
        self.varint64() as usize
    }

    fn varint64(&mut self) -> u64 {
        let (mut value, mut shift) = (0, 0);
        loop {
            let b = self.byte();
            value |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return value;
            }
            shift += 7;
        }
    }
}

trait Decode: Sized {
    fn decode(r: &mut Reader) -> Self;
}

impl Decode for bool {
    fn decode(r: &mut Reader) -> Self {
        r.byte() != 0
    }
}

impl Decode for u32 {
    fn decode(r: &mut Reader) -> Self {
        r.varint() as u32
    }
}

impl Decode for f64 {
    /// Exact: both operands are exactly representable (digits < 2^53, at most 10^22), and
    /// IEEE division rounds the quotient as reading the decimal does.
    fn decode(r: &mut Reader) -> Self {
        let scale = r.varint();
        let digits = r.varint64() as f64;
        digits / (0..scale).fold(1.0, |p, _| p * 10.0)
    }
}

impl Decode for Text {
    fn decode(r: &mut Reader) -> Self {
        let number = r.varint();
        Cow::Borrowed(r.strings[number])
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode(r: &mut Reader) -> Self {
        (r.byte() != 0).then(|| r.read())
    }
}

impl<T: Decode + Clone> Decode for List<T> {
    fn decode(r: &mut Reader) -> Self {
        let len = r.varint();
        Cow::Owned((0..len).map(|_| r.read()).collect())
    }
}

impl<T: Decode + Clone> Decode for Fact<T> {
    fn decode(r: &mut Reader) -> Self {
        Fact {
            value: r.read(),
            source: r.read(),
            verified: r.read(),
            doc_date: r.read(),
            certainty: r.read(),
            note: r.read(),
            was_2021: r.read(),
            conditions: r.read(),
        }
    }
}

impl<T: Decode + Clone> Decode for Conditional<T> {
    fn decode(r: &mut Reader) -> Self {
        Conditional {
            when: r.read(),
            value: r.read(),
            source: r.read(),
            verified: r.read(),
            certainty: r.read(),
            note: r.read(),
        }
    }
}

impl<T: Decode> Decode for Limit<T> {
    fn decode(r: &mut Reader) -> Self {
        match r.varint() {
            0 => Limit::Max(r.read()),
            1 => Limit::Unlimited,
            2 => Limit::Unknown,
            other => panic!("Limit has no variant {other}"),
        }
    }
}

impl Decode for Sizing {
    fn decode(r: &mut Reader) -> Self {
        let model: Text = r.read();
        match &*model {
            "table" => Sizing::Table {
                rows: r.read(),
                overhead_mib: r.read(),
            },
            "range" => Sizing::Range(r.read()),
            "memory_proportional" => Sizing::MemoryProportional {
                memory_min_mib: r.read(),
                memory_max_mib: r.read(),
                memory_step_mib: r.read(),
                mib_per_vcpu: r.read(),
            },
            "node_bounded" => Sizing::NodeBounded,
            other => panic!("Sizing has no model '{other}'"),
        }
    }
}

/// Enums of unit variants, read by index: each lists its variants in declaration order
/// (`build.rs` checks the order against the data); one missing from a list fails to
/// compile (the exhaustive `match`).
macro_rules! unit_enums {
    ($($name:ident { $($variant:ident),* $(,)? })*) => {$(
        impl Decode for $name {
            fn decode(r: &mut Reader) -> Self {
                let _every_variant_listed = |v: $name| match v {
                    $($name::$variant => ()),*
                };
                [$($name::$variant),*][r.varint()]
            }
        }
    )*};
}

unit_enums! {
    Workload { HttpService, Worker, Job }
    Certainty { Confirmed, ThirdParty, Conflict, Unverified }
    Vendor { Aws, Azure, Gcp }
    PlatformKind { Service, HttpService, Job, Both }
    LifecycleStatus { Ga, Preview, ClosedToNewCustomers, Deprecated, Retired }
    Os { Linux, Windows }
    Arch { X86_64, Arm64 }
    Support { Yes, Limited, No }
    GpuType { NvidiaT4, NvidiaL4, NvidiaA100, NvidiaV100, NvidiaRtxPro6000 }
    GuidanceTrigger {
        PublicIngress, PrivateIngress, Secrets, PrivateNetwork, Cmek, Confidential,
        ImageSigning, ManagedIdentity, Windows, Gpu, Job, Kubernetes,
    }
    BillingModel { PerRequest, PerInstanceSecond, PerInvocation, PerPodRequest, PerNode }
    Meter { Vcpu, Memory, Requests, Gpu, WindowsLicense, LoadBalancer, Cluster, Node }
    Per { Second, Hour, Million }
    InstanceState { Any, Active, Idle }
    Traffic { Http, TcpUdp }
}

/// Structs, their fields listed in declaration order (the order they are read in).
macro_rules! structs {
    ($($name:ident { $($field:ident),* $(,)? })*) => {$(
        impl Decode for $name {
            fn decode(r: &mut Reader) -> Self {
                $name { $($field: r.read()),* }
            }
        }
    )*};
}

structs! {
    When { os, arch, gpu, workload, vcpu_below }
    Lifecycle { status, since, successor }
    SizeRow { vcpu, memory_gib, memory_min_gib, memory_max_gib, memory_step_gib, os }
    SizeRange {
        vcpu_min, vcpu_max, vcpu_step, memory_min_gib, memory_max_gib, memory_step_gib,
        memory_per_vcpu_min_gib, memory_per_vcpu_max_gib, quota,
    }
    QuotaTier { vcpu_max, memory_max_gib, how }
    GpuOffer { gpu, status, min_vcpu, min_memory_gib }
    Protocols { http1, http2, grpc, websockets, tcp, udp }
    Networking { public, private, load_balancing, managed_endpoint }
    Scaling { scale_to_zero, autoscaling, max_instances, max_concurrency }
    Restrictions { privileged, daemonsets, host_network, sidecars, init_containers }
    Storage { ephemeral_max_gib, shared_files, block, object_mount }
    SecurityFeatures { cmek, confidential, image_signing, workload_identity }
    Guidance { title, detail, source, verified, certainty, when, since_2021 }
    Platform {
        id, name, vendor, summary, needs_kubernetes, kind, lifecycle, sizing, os, arch,
        windows_arch, gpus, max_request_seconds, max_job_seconds, protocols, networking,
        scaling, restrictions, storage, security_features, billing, integrations, security,
        caveats, env_vars,
    }
    EnvVarRules { name_min_len, name_starts_with_letter, max_total_bytes }
    Fee { unit, usd, applies_to, source, verified, certainty, note }
    FallbackOption { name, vendor, why, cost_to_you, source, verified, certainty, prices }
    FunctionsHint { limit_of }
    Catalog { reviewed, platforms, fallbacks, functions }
    Price {
        id, meter, unit, per, usd, state, os, arch, gpu, traffic, free_per_month, plan,
        round_up_ms, source, verified, certainty, note,
    }
    PriceSheet { platform, region, bills, worker_plan, gpu_plan, prices }
}
