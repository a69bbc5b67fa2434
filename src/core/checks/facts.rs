//! The catalog fields the checks cite, each with the words that name it to a reader.

use super::record::FactName;

const fn f(field: &'static str, label: &'static str) -> FactName {
    FactName { field, label }
}

pub(crate) const VENDOR: FactName = f("vendor", "the platform's cloud");
pub(crate) const LIFECYCLE: FactName = f("lifecycle", "the platform's availability");
pub(crate) const KIND: FactName = f("kind", "the workloads it runs");
pub(crate) const BILLING: FactName = f("billing", "the billing model");
pub(crate) const GPUS: FactName = f("gpus", "the GPU offer");
pub(crate) const SIZING: FactName = f("sizing", "the CPU/memory sizes");
pub(crate) const OS: FactName = f("os", "the operating systems it runs");
pub(crate) const ARCH: FactName = f("arch", "the CPU architectures it runs");
pub(crate) const WINDOWS_ARCH: FactName =
    f("windows_arch", "the CPU architectures it runs Windows on");
pub(crate) const EPHEMERAL: FactName = f("storage.ephemeral_max_gib", "the local-disk limit");
pub(crate) const REQUEST_TIME: FactName = f("max_request_seconds", "the request timeout");
pub(crate) const JOB_TIME: FactName = f("max_job_seconds", "the run-time limit");
pub(crate) const MAX_INSTANCES: FactName = f("scaling.max_instances", "the instance ceiling");
pub(crate) const MAX_CONCURRENCY: FactName = f(
    "scaling.max_concurrency",
    "the per-instance concurrency ceiling",
);
pub(crate) const SCALE_TO_ZERO: FactName = f("scaling.scale_to_zero", "scale to zero");
pub(crate) const HTTP1: FactName = f("protocols.http1", "HTTP/1.1 support");
pub(crate) const HTTP2: FactName = f("protocols.http2", "end-to-end HTTP/2 support");
pub(crate) const GRPC: FactName = f("protocols.grpc", "gRPC support");
pub(crate) const WEBSOCKETS: FactName = f("protocols.websockets", "WebSocket support");
pub(crate) const TCP: FactName = f("protocols.tcp", "raw TCP support");
pub(crate) const UDP: FactName = f("protocols.udp", "UDP support");
pub(crate) const PUBLIC: FactName = f("networking.public", "public endpoints");
pub(crate) const PRIVATE: FactName = f("networking.private", "private networking");
pub(crate) const SHARED_FILES: FactName = f("storage.shared_files", "shared file systems");
pub(crate) const BLOCK: FactName = f("storage.block", "block volumes");
pub(crate) const OBJECT_MOUNT: FactName = f("storage.object_mount", "object storage mounts");
pub(crate) const PRIVILEGED: FactName = f("restrictions.privileged", "privileged containers");
pub(crate) const HOST_NETWORK: FactName = f("restrictions.host_network", "host networking");
pub(crate) const DAEMONSETS: FactName = f("restrictions.daemonsets", "DaemonSets");
pub(crate) const SIDECARS: FactName = f("restrictions.sidecars", "sidecar containers");
pub(crate) const INIT_CONTAINERS: FactName = f("restrictions.init_containers", "init containers");
pub(crate) const CMEK: FactName = f("security_features.cmek", "customer-managed keys");
pub(crate) const CONFIDENTIAL: FactName =
    f("security_features.confidential", "confidential computing");
pub(crate) const IMAGE_SIGNING: FactName = f(
    "security_features.image_signing",
    "signed-image enforcement",
);
pub(crate) const WORKLOAD_IDENTITY: FactName =
    f("security_features.workload_identity", "workload identity");
pub(crate) const CAVEATS: FactName = f("caveats", "this caveat");
