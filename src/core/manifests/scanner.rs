//! Security-scanner findings that the answers make inherent: checks a scanner such as
//! checkov fails for these files whatever is done, because the platform does not offer
//! the setting for this workload. Each is named in the bundle's README with why and what
//! to do instead, so a reader of the scan report finds the answer where the files are.

use super::{Ctx, Target};

/// One inherent finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Finding {
    /// The scanner's check id, e.g. `CKV_AZURE_98`.
    pub id: &'static str,
    /// What the check asks for.
    pub check: &'static str,
    /// Why these files can't satisfy it.
    pub why: &'static str,
    /// What to do instead.
    pub instead: &'static str,
}

/// Windows containers on Fargate have no read-only root file system.
pub(crate) const WINDOWS_READ_ONLY_ROOT: Finding = Finding {
    id: "CKV_AWS_336",
    check: "ECS containers limited to read-only access to the root file system",
    why: "Windows containers on Fargate can't use a read-only root file system",
    instead: "keep the image's writable paths few, grant the task role only what it needs, and run Linux containers where the workload allows it, which get a read-only root file system",
};

/// A public container group can't sit in a virtual network.
pub(crate) const ACI_PUBLIC_NOT_IN_VNET: Finding = Finding {
    id: "CKV_AZURE_98",
    check: "Azure container group deployed into a virtual network",
    why: "the answers ask for a public endpoint, and a container group with a public IP address can't be deployed into a virtual network",
    instead: "answer ingress 'private' to put the group in a delegated subnet with a private IP, and publish it through Application Gateway or Front Door; or use Azure Container Apps, whose environment can be in your virtual network while the app stays public",
};

/// A container group with no endpoint is left out of a virtual network unless asked.
pub(crate) const ACI_NOT_IN_VNET: Finding = Finding {
    id: "CKV_AZURE_98",
    check: "Azure container group deployed into a virtual network",
    why: "the answers ask for no private network, and a group in a virtual network needs a delegated subnet you create first",
    instead: "add the private-network requirement (compliance: private_network) to get a group in a delegated subnet, with a subnetId parameter to fill in",
};

/// The findings these answers make inherent for this platform.
pub(crate) fn inherent(c: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    match c.target {
        Target::FargateEcs if c.windows() => out.push(WINDOWS_READ_ONLY_ROOT),
        Target::Aci if c.exposed() && !c.private() => out.push(ACI_PUBLIC_NOT_IN_VNET),
        Target::Aci if !c.private() => out.push(ACI_NOT_IN_VNET),
        Target::FargateEcs
        | Target::FargateEks
        | Target::EcsExpress
        | Target::Aci
        | Target::AksVirtualNodes
        | Target::CloudRun
        | Target::CloudRunJobs
        | Target::KnativeGke
        | Target::ContainerApps
        | Target::AppRunner
        | Target::LambdaImage
        | Target::GkeAutopilot => {}
    }
    out
}
