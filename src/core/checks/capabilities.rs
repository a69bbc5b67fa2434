//! Capability checks: protocols, ingress, persistent storage, special privileges and
//! compliance features. Each is a `yes` / `limited` / `no` fact the answer needs.

use super::facts;
use super::limits::Minutes;
use super::record::{sentence, Checks};
use crate::core::answers::*;
use crate::core::catalog::{Limit, Platform, Support};
use crate::core::report::Outcome;

pub(crate) fn protocols(c: &mut Checks, p: &'static Platform, a: &Answers) {
    if a.workload == WorkloadKind::Job {
        return;
    }
    let pr = &p.protocols;
    for protocol in &a.protocols {
        let (what, name, fact) = match protocol {
            Protocol::Http1 => ("HTTP/1.1", facts::HTTP1, &pr.http1),
            Protocol::Http2 => ("HTTP/2 end to end", facts::HTTP2, &pr.http2),
            Protocol::Grpc => ("gRPC", facts::GRPC, &pr.grpc),
            Protocol::Websockets => ("WebSockets", facts::WEBSOCKETS, &pr.websockets),
            Protocol::Tcp => ("Raw TCP", facts::TCP, &pr.tcp),
            Protocol::Udp => ("UDP", facts::UDP, &pr.udp),
        };
        c.need("protocols", what, name, fact);
        if *protocol == Protocol::Websockets && *c.read(fact).value == Support::Yes {
            let r = c.read(&p.max_request_seconds);
            if let Limit::Max(limit) = r.limit() {
                c.record(
                    Outcome::Caveat,
                    Some("protocols"),
                    facts::REQUEST_TIME,
                    &r,
                    sentence!("Each WebSocket connection counts as one request and is closed after {}: clients must reconnect.", Minutes(limit)),
                );
            }
        }
    }
}

pub(crate) fn ingress(c: &mut Checks, p: &'static Platform, a: &Answers) {
    match a.ingress {
        Ingress::Public => c.need(
            "ingress",
            "Public endpoint",
            facts::PUBLIC,
            &p.networking.public,
        ),
        Ingress::Private => c.need(
            "ingress",
            "Private-network-only endpoint",
            facts::PRIVATE,
            &p.networking.private,
        ),
        Ingress::None => {}
    }
}

pub(crate) fn storage(c: &mut Checks, p: &'static Platform, a: &Answers) {
    let s = &p.storage;
    match a.storage {
        PersistentStorage::None => {}
        PersistentStorage::SharedFiles => c.need(
            "storage",
            "Shared file system",
            facts::SHARED_FILES,
            &s.shared_files,
        ),
        PersistentStorage::Block => c.need("storage", "Block volume", facts::BLOCK, &s.block),
        PersistentStorage::ObjectMount => c.need(
            "storage",
            "Object storage mounted as files",
            facts::OBJECT_MOUNT,
            &s.object_mount,
        ),
    }
}

pub(crate) fn special(c: &mut Checks, p: &'static Platform, a: &Answers) {
    let r = &p.restrictions;
    for need in &a.special {
        let (what, name, fact) = match need {
            SpecialNeed::Privileged => ("Privileged containers", facts::PRIVILEGED, &r.privileged),
            SpecialNeed::HostNetwork => (
                "Host networking / host ports",
                facts::HOST_NETWORK,
                &r.host_network,
            ),
            SpecialNeed::Daemonset => ("DaemonSets", facts::DAEMONSETS, &r.daemonsets),
            SpecialNeed::Sidecars => ("Sidecar containers", facts::SIDECARS, &r.sidecars),
            SpecialNeed::InitContainers => (
                "Init containers",
                facts::INIT_CONTAINERS,
                &r.init_containers,
            ),
        };
        c.need("special", what, name, fact);
    }
}

pub(crate) fn compliance(c: &mut Checks, p: &'static Platform, a: &Answers) {
    let s = &p.security_features;
    for need in &a.compliance {
        let (what, name, fact) = match need {
            Compliance::PrivateNetwork => {
                ("Private networking", facts::PRIVATE, &p.networking.private)
            }
            Compliance::Cmek => ("Customer-managed encryption keys", facts::CMEK, &s.cmek),
            Compliance::Confidential => (
                "Confidential computing",
                facts::CONFIDENTIAL,
                &s.confidential,
            ),
            Compliance::ImageSigning => (
                "Signed-image enforcement",
                facts::IMAGE_SIGNING,
                &s.image_signing,
            ),
            Compliance::ManagedIdentity => (
                "Workload identity",
                facts::WORKLOAD_IDENTITY,
                &s.workload_identity,
            ),
        };
        c.need("compliance", what, name, fact);
    }
}
