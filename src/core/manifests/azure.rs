//! Azure: Container Instances (YAML + ARM template) and Container Apps (YAML + ARM
//! template, apps or jobs).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Value};

use super::yaml::{to_json, YamlFile};
use super::{num, sh, Bundle, Ctx, AZURE_SUBSCRIPTION};
use crate::core::answers::{ArchChoice, GpuChoice};

const RG: &str = "REPLACE-resource-group";
const ARM_SCHEMA: &str =
    "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
const ARM_PARAMS_SCHEMA: &str =
    "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#";
const ACI_ARM_API: &str = "2023-05-01";
const ACA_ARM_API: &str = "2025-07-01";

/// ARM reads a string that starts with `[` as an expression; `[[` escapes it.
fn arm_literal(v: &str) -> String {
    if v.starts_with('[') {
        format!("[{v}")
    } else {
        v.to_string()
    }
}

/// Key Vault secret name for a secret: lowercase, '-' for '_' (Key Vault allows no '_').
pub(crate) fn vault_name(s: &str) -> String {
    s.replace('_', "-").to_lowercase()
}

/// Container Apps secret name: lowercase, '.' for '_'. The dots keep secret scanners
/// from mistaking a reference such as `db.password` for a value.
fn aca_secret(s: &str) -> String {
    s.replace('_', ".").to_lowercase()
}

fn identity_id(name: &str) -> String {
    format!("/subscriptions/{AZURE_SUBSCRIPTION}/resourceGroups/{RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}-id")
}

fn acr(image: &str) -> Option<&str> {
    image
        .split('/')
        .next()
        .filter(|h| h.ends_with(".azurecr.io"))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Identity {
    #[serde(rename = "type")]
    kind: &'static str,
    user_assigned_identities: BTreeMap<String, Empty>,
}

#[derive(Serialize)]
struct Empty {}

fn identity(id: String) -> Identity {
    Identity {
        kind: "UserAssigned",
        user_assigned_identities: BTreeMap::from([(id, Empty {})]),
    }
}

// ---------- Azure Container Instances ----------

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ContainerGroup {
    #[serde(skip_serializing_if = "Option::is_none")]
    api_version: Option<&'static str>,
    #[serde(rename = "type")]
    kind: &'static str,
    name: String,
    location: String,
    tags: BTreeMap<&'static str, String>,
    identity: Identity,
    properties: GroupProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GroupProperties {
    os_type: &'static str,
    sku: &'static str,
    restart_policy: &'static str,
    containers: Vec<AciContainer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ip_address: Option<IpAddress>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    subnet_ids: Vec<SubnetId>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    image_registry_credentials: Vec<RegistryCredential>,
    #[serde(skip_serializing_if = "Option::is_none")]
    diagnostics: Option<Value>,
}

#[derive(Serialize)]
struct AciContainer {
    name: String,
    properties: AciContainerProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AciContainerProperties {
    image: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ports: Vec<AciPort>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    environment_variables: Vec<AciEnv>,
    resources: AciResources,
    #[serde(skip_serializing_if = "Option::is_none")]
    liveness_probe: Option<AciProbe>,
    #[serde(skip_serializing_if = "Option::is_none")]
    readiness_probe: Option<AciProbe>,
}

#[derive(Serialize)]
struct AciPort {
    port: u16,
    protocol: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AciEnv {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    secure_value: Option<String>,
}

#[derive(Serialize)]
struct AciResources {
    requests: AciRequests,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AciRequests {
    cpu: f64,
    #[serde(rename = "memoryInGB")]
    memory_in_gb: f64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AciProbe {
    http_get: AciHttpGet,
    period_seconds: u32,
    failure_threshold: u32,
}

#[derive(Serialize)]
struct AciHttpGet {
    path: String,
    port: u16,
    scheme: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct IpAddress {
    #[serde(rename = "type")]
    kind: &'static str,
    ports: Vec<AciPort>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dns_name_label: Option<String>,
}

#[derive(Serialize)]
struct SubnetId {
    id: String,
}

#[derive(Serialize)]
struct RegistryCredential {
    server: String,
    identity: String,
}

fn aci_group(c: &Ctx, arm: bool) -> ContainerGroup {
    let name = c.name().to_string();
    let id = if arm {
        "[parameters('identityId')]".to_string()
    } else {
        identity_id(&name)
    };
    let probe = |period| {
        c.http_health().map(|p| AciProbe {
            http_get: AciHttpGet {
                path: p.into(),
                port: c.d.port,
                scheme: "http",
            },
            period_seconds: period,
            failure_threshold: 3,
        })
    };
    let mut env: Vec<AciEnv> =
        c.d.env
            .iter()
            .map(|e| AciEnv {
                name: e.name.clone(),
                value: Some(if arm {
                    arm_literal(&e.value)
                } else {
                    e.value.clone()
                }),
                secure_value: None,
            })
            .collect();
    if arm {
        env.extend(c.d.secrets.iter().map(|s| AciEnv {
            name: s.clone(),
            value: None,
            secure_value: Some(format!("[parameters('{s}')]")),
        }));
    }
    let exposed = c.exposed();
    ContainerGroup {
        api_version: (!arm).then_some("2021-10-01"),
        kind: "Microsoft.ContainerInstance/containerGroups",
        name: name.clone(),
        location: if arm { "[parameters('location')]".into() } else { c.region.clone() },
        tags: BTreeMap::from([("app", name.clone())]),
        identity: identity(id.clone()),
        properties: GroupProperties {
            os_type: if c.windows() { "Windows" } else { "Linux" },
            sku: "Standard",
            restart_policy: match (c.job(), c.d.retries) {
                (false, _) => "Always",
                (true, 0) => "Never",
                (true, _) => "OnFailure",
            },
            containers: vec![AciContainer {
                name: name.clone(),
                properties: AciContainerProperties {
                    image: c.d.image.clone(),
                    ports: if c.http() { vec![AciPort { port: c.d.port, protocol: "TCP" }] } else { vec![] },
                    environment_variables: env,
                    resources: AciResources { requests: AciRequests { cpu: c.size.vcpu, memory_in_gb: c.size.memory_gib } },
                    liveness_probe: probe(20),
                    readiness_probe: probe(10),
                },
            }],
            ip_address: exposed.then(|| IpAddress {
                kind: if c.private() { "Private" } else { "Public" },
                ports: vec![AciPort { port: c.d.port, protocol: "TCP" }],
                dns_name_label: (!c.private()).then(|| name.clone()),
            }),
            subnet_ids: if c.private() {
                vec![SubnetId {
                    id: if arm {
                        "[parameters('subnetId')]".into()
                    } else {
                        format!("/subscriptions/{AZURE_SUBSCRIPTION}/resourceGroups/{RG}/providers/Microsoft.Network/virtualNetworks/REPLACE-vnet/subnets/REPLACE-aci-subnet")
                    },
                }]
            } else {
                vec![]
            },
            image_registry_credentials: acr(&c.d.image).map(|s| vec![RegistryCredential { server: s.into(), identity: id.clone() }]).unwrap_or_default(),
            diagnostics: arm.then(|| {
                json!({ "logAnalytics": {
                    "workspaceId": "[reference(parameters('logAnalyticsWorkspaceId'), '2022-10-01').customerId]",
                    "workspaceKey": "[listKeys(parameters('logAnalyticsWorkspaceId'), '2022-10-01').primarySharedKey]",
                    "logType": "ContainerInstanceLogs"
                }})
            }),
        },
    }
}

fn param(kind: &str, description: &str) -> Value {
    json!({ "type": kind, "metadata": { "description": description } })
}

fn arm_template(
    description: String,
    params: Vec<(String, Value)>,
    resource: Value,
    outputs: Value,
) -> Value {
    let as_of: &str = &crate::core::catalog::catalog().reviewed;
    let mut p = serde_json::Map::new();
    p.insert(
        "location".into(),
        json!({ "type": "string", "defaultValue": "[resourceGroup().location]", "metadata": { "description": "Region to deploy to." } }),
    );
    p.extend(params);
    json!({
        "$schema": ARM_SCHEMA,
        "contentVersion": "1.0.0.0",
        "metadata": { "description": description, "generator": "Berth", "catalogAsOf": as_of },
        "parameters": p,
        "resources": [resource],
        "outputs": outputs
    })
}

pub(crate) fn aci(c: &Ctx, b: &mut Bundle) {
    let as_of = c.as_of();
    let name = c.name().to_string();
    let yaml_group = aci_group(c, false);
    let mut y = YamlFile::new(&format!(
        "Azure Container Instances container group: {name}.\nReference: https://learn.microsoft.com/azure/container-instances/container-instances-reference-yaml\nGenerated by Berth, catalog as of {as_of}. Deploy with: az container create --resource-group {RG} --file container-group.yaml\n{}",
        c.image_note()
    ));
    y.doc(
        "",
        &yaml_group,
        &[
            ("identity", "A user-assigned managed identity: pulls from Azure Container Registry and calls Azure APIs without stored keys."),
            ("restartPolicy", if c.job() { "A job: the group stops when the container exits (OnFailure restarts it after an error)." } else { "A long-running service: restarted if it exits." }),
            ("requests", "CPU and memory for this platform's size for your answers."),
            ("subnetIds", "Private: the group gets a private IP in this delegated subnet and no public IP."),
            ("dnsNameLabel", "Public name: <label>.<region>.azurecontainer.io. Put Application Gateway in front for TLS."),
        ],
    );
    if !c.d.secrets.is_empty() {
        y.trailer("Secrets are not in this file (the YAML form would need their values): use azuredeploy.json,\nwhose parameters file reads them from Key Vault at deployment time.");
    }
    b.file(
        "container-group.yaml",
        "Container group for az container create --file.",
        y.finish(),
    );

    let arm_group = aci_group(c, true);
    let mut resource = serde_json::to_value(&arm_group).unwrap_or_default();
    if let Some(o) = resource.as_object_mut() {
        o.insert("apiVersion".into(), json!(ACI_ARM_API));
        o.insert(
            "comments".into(),
            json!("Generated by Berth; see README.md."),
        );
    }
    let mut params = vec![
        (
            "identityId".to_string(),
            param(
                "string",
                "Resource ID of the user-assigned managed identity for the group.",
            ),
        ),
        (
            "logAnalyticsWorkspaceId".to_string(),
            param(
                "string",
                "Resource ID of the Log Analytics workspace for container logs.",
            ),
        ),
    ];
    if c.private() {
        params.push(("subnetId".into(), param("string", "Resource ID of the subnet delegated to Microsoft.ContainerInstance/containerGroups.")));
    }
    for s in &c.d.secrets {
        params.push((
            s.clone(),
            param(
                "securestring",
                "Secret value, read from Key Vault by the parameters file.",
            ),
        ));
    }
    let outputs = if c.exposed() {
        json!({ "ipAddress": { "type": "string", "value": format!("[reference(resourceId('Microsoft.ContainerInstance/containerGroups', '{name}'), '{ACI_ARM_API}').ipAddress.ip]") } })
    } else {
        json!({})
    };
    let template = arm_template(
        format!("{name} on Azure Container Instances"),
        params,
        resource,
        outputs,
    );
    b.file("azuredeploy.json", "ARM template for the container group, with logs to Log Analytics and secrets as secure parameters.", to_json(&template));

    let mut pv = serde_json::Map::new();
    pv.insert("identityId".into(), json!({ "value": identity_id(&name) }));
    pv.insert(
        "logAnalyticsWorkspaceId".into(),
        json!({ "value": format!("/subscriptions/{AZURE_SUBSCRIPTION}/resourceGroups/{RG}/providers/Microsoft.OperationalInsights/workspaces/REPLACE-workspace") }),
    );
    if c.private() {
        pv.insert(
            "subnetId".into(),
            json!({ "value": format!("/subscriptions/{AZURE_SUBSCRIPTION}/resourceGroups/{RG}/providers/Microsoft.Network/virtualNetworks/REPLACE-vnet/subnets/REPLACE-aci-subnet") }),
        );
    }
    for s in &c.d.secrets {
        pv.insert(
            s.clone(),
            json!({ "reference": {
                "keyVault": { "id": format!("/subscriptions/{AZURE_SUBSCRIPTION}/resourceGroups/{RG}/providers/Microsoft.KeyVault/vaults/REPLACE-vault") },
                "secretName": vault_name(s)
            }}),
        );
    }
    b.file(
        "azuredeploy.parameters.json",
        "Parameters for azuredeploy.json; secrets are Key Vault references, never values.",
        to_json(
            &json!({ "$schema": ARM_PARAMS_SCHEMA, "contentVersion": "1.0.0.0", "parameters": pv }),
        ),
    );
    let rg = RG;
    b.step(format!(
        "az identity create --name {} --resource-group {rg}",
        sh(&format!("{name}-id"))
    ));
    if let Some(server) = acr(&c.d.image) {
        b.step(format!(
            "az role assignment create --assignee-object-id \"$(az identity show -n {name}-id -g {rg} --query principalId -o tsv)\" --assignee-principal-type ServicePrincipal --role AcrPull --scope \"$(az acr show -n {} --query id -o tsv)\"",
            server.trim_end_matches(".azurecr.io")
        ));
    }
    for s in &c.d.secrets {
        b.step(format!(
            "az keyvault secret set --vault-name REPLACE-vault --name {} --value \"$VALUE\"",
            vault_name(s)
        ));
    }
    b.step(format!(
        "az deployment group create --resource-group {rg} --template-file azuredeploy.json --parameters @azuredeploy.parameters.json"
    ));
    b.step(format!("# Or, without logs or secrets: az container create --resource-group {rg} --file container-group.yaml"));
    b.step(format!(
        "az container logs --resource-group {rg} --name {}",
        sh(&name)
    ));
    if c.job() && !c.d.schedule.is_empty() {
        b.skip("deploy.schedule", "ACI has no scheduler: start the group on a schedule with a Logic App or Azure Automation, or use Container Apps jobs.");
    }
    if c.job() && c.a.job_minutes.is_some() {
        b.skip(
            "job_minutes",
            "ACI has no run-time limit for a container group; stop long runs in the app.",
        );
    }
    if !c.job() && (c.min() > 1 || c.max() > 1) {
        b.skip("min_instances/max_instances", "A container group is one instance and ACI does not scale it; run several groups behind a load balancer (or NGroups) for more.");
    }
    if c.exposed() && !c.private() {
        b.skip("TLS", "ACI's public IP serves plain HTTP on your port; put Application Gateway or Front Door in front for HTTPS.");
    }
    if c.a.gpu {
        b.skip("gpu", c.no_gpu_reason());
    }
    if c.a.arch == ArchChoice::Arm64 {
        b.skip("arch: arm64", "ACI runs x86_64 (amd64) images only.");
    }
    b.skip(
        "read-only root file system, non-root user",
        "ACI's standard SKU has no security-context settings; build the image with a non-root USER.",
    );
    if !c.d.secrets.is_empty() {
        b.skip("secrets in container-group.yaml", "The YAML form can only carry secret values inline; it leaves them out. Deploy with azuredeploy.json to get them from Key Vault.");
    }
}

// ---------- Azure Container Apps ----------

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AcaResource {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    api_version: Option<&'static str>,
    name: String,
    location: String,
    tags: BTreeMap<&'static str, String>,
    identity: Identity,
    properties: AcaProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AcaProperties {
    environment_id: String,
    workload_profile_name: String,
    configuration: AcaConfiguration,
    template: AcaTemplate,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AcaConfiguration {
    #[serde(skip_serializing_if = "Option::is_none")]
    active_revisions_mode: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ingress: Option<AcaIngress>,
    #[serde(skip_serializing_if = "Option::is_none")]
    trigger_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    replica_timeout: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    replica_retry_limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    schedule_trigger_config: Option<TriggerConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    manual_trigger_config: Option<TriggerConfig>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    secrets: Vec<AcaSecret>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    registries: Vec<RegistryCredential>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AcaIngress {
    external: bool,
    target_port: u16,
    transport: &'static str,
    allow_insecure: bool,
    traffic: Vec<Traffic>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Traffic {
    latest_revision: bool,
    weight: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TriggerConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    cron_expression: Option<String>,
    parallelism: u32,
    replica_completion_count: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AcaSecret {
    name: String,
    key_vault_url: String,
    identity: String,
}

#[derive(Serialize)]
struct AcaTemplate {
    containers: Vec<AcaContainer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scale: Option<AcaScale>,
}

#[derive(Serialize)]
struct AcaContainer {
    name: String,
    image: String,
    resources: AcaResources,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    env: Vec<AcaEnv>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    probes: Vec<AcaProbe>,
}

#[derive(Serialize)]
struct AcaResources {
    cpu: f64,
    memory: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AcaEnv {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    secret_ref: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AcaProbe {
    #[serde(rename = "type")]
    kind: &'static str,
    http_get: AcaHttpGet,
    period_seconds: u32,
    failure_threshold: u32,
}

#[derive(Serialize)]
struct AcaHttpGet {
    path: String,
    port: u16,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AcaScale {
    min_replicas: u32,
    max_replicas: u32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rules: Vec<AcaRule>,
}

#[derive(Serialize)]
struct AcaRule {
    name: &'static str,
    http: AcaHttpRule,
}

#[derive(Serialize)]
struct AcaHttpRule {
    metadata: BTreeMap<&'static str, String>,
}

fn aca_resource(c: &Ctx, arm: bool) -> AcaResource {
    let name = c.name().to_string();
    let id = if arm {
        "[parameters('identityId')]".to_string()
    } else {
        identity_id(&name)
    };
    let lit = |v: &str| if arm { arm_literal(v) } else { v.to_string() };
    let mut env: Vec<AcaEnv> =
        c.d.env
            .iter()
            .map(|e| AcaEnv {
                name: e.name.clone(),
                value: Some(lit(&e.value)),
                secret_ref: None,
            })
            .collect();
    env.extend(c.d.secrets.iter().map(|s| AcaEnv {
        name: s.clone(),
        value: None,
        secret_ref: Some(aca_secret(s)),
    }));
    let probes = c
        .http_health()
        .map(|p| {
            [("Liveness", 20), ("Readiness", 10)]
                .into_iter()
                .map(|(kind, period)| AcaProbe {
                    kind,
                    http_get: AcaHttpGet {
                        path: p.into(),
                        port: c.d.port,
                    },
                    period_seconds: period,
                    failure_threshold: 3,
                })
                .collect()
        })
        .unwrap_or_default();
    let job = c.job();
    let trigger = |cron: Option<String>| TriggerConfig {
        cron_expression: cron,
        parallelism: 1,
        replica_completion_count: 1,
    };
    AcaResource {
        kind: if job {
            "Microsoft.App/jobs"
        } else {
            "Microsoft.App/containerApps"
        },
        api_version: arm.then_some(ACA_ARM_API),
        name: name.clone(),
        location: if arm {
            "[parameters('location')]".into()
        } else {
            c.region.clone()
        },
        tags: BTreeMap::from([("app", name.clone())]),
        identity: identity(id.clone()),
        properties: AcaProperties {
            environment_id: if arm {
                "[parameters('environmentId')]".into()
            } else {
                format!("/subscriptions/{AZURE_SUBSCRIPTION}/resourceGroups/{RG}/providers/Microsoft.App/managedEnvironments/REPLACE-environment")
            },
            workload_profile_name: aca_profile(c).into(),
            configuration: AcaConfiguration {
                active_revisions_mode: (!job).then_some("Single"),
                ingress: c.exposed().then(|| AcaIngress {
                    external: !c.private(),
                    target_port: c.d.port,
                    transport: if c.h2c() { "http2" } else { "auto" },
                    allow_insecure: false,
                    traffic: vec![Traffic {
                        latest_revision: true,
                        weight: 100,
                    }],
                }),
                trigger_type: job.then_some(if c.d.schedule.is_empty() {
                    "Manual"
                } else {
                    "Schedule"
                }),
                replica_timeout: job.then(|| c.job_seconds()),
                replica_retry_limit: job.then_some(c.d.retries.into()),
                schedule_trigger_config: (job && !c.d.schedule.is_empty())
                    .then(|| trigger(Some(c.d.schedule.clone()))),
                manual_trigger_config: (job && c.d.schedule.is_empty()).then(|| trigger(None)),
                secrets: c
                    .d
                    .secrets
                    .iter()
                    .map(|s| AcaSecret {
                        name: aca_secret(s),
                        key_vault_url: format!(
                            "https://REPLACE-vault.vault.azure.net/secrets/{}",
                            vault_name(s)
                        ),
                        identity: id.clone(),
                    })
                    .collect(),
                registries: acr(&c.d.image)
                    .map(|s| {
                        vec![RegistryCredential {
                            server: s.into(),
                            identity: id.clone(),
                        }]
                    })
                    .unwrap_or_default(),
            },
            template: AcaTemplate {
                containers: vec![AcaContainer {
                    name: name.clone(),
                    image: c.d.image.clone(),
                    resources: AcaResources {
                        cpu: c.size.vcpu,
                        memory: format!("{}Gi", num(c.size.memory_gib)),
                    },
                    env,
                    probes,
                }],
                scale: (!job).then(|| AcaScale {
                    min_replicas: if c.http() { c.min() } else { c.min().max(1) },
                    max_replicas: c.max(),
                    rules: if c.exposed() {
                        vec![AcaRule {
                            name: "http-concurrency",
                            http: AcaHttpRule {
                                metadata: BTreeMap::from([(
                                    "concurrentRequests",
                                    c.concurrency().to_string(),
                                )]),
                            },
                        }]
                    } else {
                        vec![]
                    },
                }),
            },
        },
    }
}

/// The workload profile: Consumption, or a serverless GPU profile the environment must define.
fn aca_profile(c: &Ctx) -> &'static str {
    match (c.a.gpu, c.a.gpu_type) {
        (false, _) => "Consumption",
        (true, GpuChoice::NvidiaA100) => "Consumption-GPU-NC24-A100",
        (true, _) => "Consumption-GPU-NC8as-T4",
    }
}

pub(crate) fn container_apps(c: &Ctx, b: &mut Bundle) {
    let as_of = c.as_of();
    let name = c.name().to_string();
    let job = c.job();
    let (file, what, cmd) = if job {
        (
            "containerapp-job.yaml",
            "Container Apps job",
            "az containerapp job create",
        )
    } else {
        (
            "containerapp.yaml",
            "Container App",
            "az containerapp create",
        )
    };
    let mut y = YamlFile::new(&format!(
        "Azure {what}: {name}.\nReference: https://learn.microsoft.com/azure/container-apps/azure-resource-manager-api-spec\nGenerated by Berth, catalog as of {as_of}. Deploy with: {cmd} --name {name} --resource-group {RG} --yaml {file}\n{}",
        c.image_note()
    ));
    y.doc(
        "",
        &aca_resource(c, false),
        &[
            ("identity", "User-assigned managed identity: reads Key Vault secrets and pulls from Azure Container Registry without stored keys."),
            ("workloadProfileName", if c.a.gpu { "A serverless GPU profile: the environment must define a profile with this name." } else { "Consumption: serverless, billed per second, scales to zero." }),
            ("external", if c.private() { "false: reachable only inside the environment's virtual network." } else { "true: reachable from the internet over HTTPS." }),
            ("allowInsecure", "HTTP is redirected to HTTPS."),
            ("keyVaultUrl", "The value stays in Key Vault; the app's identity needs the Key Vault Secrets User role."),
            ("resources", "CPU and memory for this platform's size for your answers."),
            ("concurrentRequests", "Adds a replica per this many concurrent requests (your concurrency answer)."),
            ("replicaTimeout", "Longest a run may take, seconds (job_minutes)."),
            ("replicaRetryLimit", "Retries of a failed run (deploy.retries)."),
            ("cronExpression", "UTC."),
        ],
    );
    b.file(file, &format!("{what} for {cmd} --yaml."), y.finish());

    let mut resource = serde_json::to_value(aca_resource(c, true)).unwrap_or_default();
    if let Some(o) = resource.as_object_mut() {
        o.insert(
            "comments".into(),
            json!("Generated by Berth; see README.md."),
        );
    }
    let params = vec![
        (
            "environmentId".to_string(),
            param("string", "Resource ID of the Container Apps environment."),
        ),
        (
            "identityId".to_string(),
            param(
                "string",
                "Resource ID of the user-assigned managed identity.",
            ),
        ),
    ];
    let outputs = if c.exposed() {
        json!({ "fqdn": { "type": "string", "value": format!("[reference(resourceId('Microsoft.App/containerApps', '{name}'), '{ACA_ARM_API}').configuration.ingress.fqdn]") } })
    } else {
        json!({})
    };
    let template = arm_template(
        format!("{name} on Azure Container Apps"),
        params,
        resource,
        outputs,
    );
    b.file(
        "azuredeploy.json",
        &format!("ARM template for the {what} (az deployment group create)."),
        to_json(&template),
    );

    let rg = RG;
    b.step(format!(
        "az identity create --name {} --resource-group {rg}",
        sh(&format!("{name}-id"))
    ));
    let principal =
        format!("\"$(az identity show -n {name}-id -g {rg} --query principalId -o tsv)\"");
    if !c.d.secrets.is_empty() {
        b.step(format!(
            "az role assignment create --assignee-object-id {principal} --assignee-principal-type ServicePrincipal --role \"Key Vault Secrets User\" --scope \"$(az keyvault show -n REPLACE-vault --query id -o tsv)\""
        ));
        for s in &c.d.secrets {
            b.step(format!(
                "az keyvault secret set --vault-name REPLACE-vault --name {} --value \"$VALUE\"",
                vault_name(s)
            ));
        }
    }
    if let Some(server) = acr(&c.d.image) {
        b.step(format!(
            "az role assignment create --assignee-object-id {principal} --assignee-principal-type ServicePrincipal --role AcrPull --scope \"$(az acr show -n {} --query id -o tsv)\"",
            server.trim_end_matches(".azurecr.io")
        ));
    }
    b.step(format!(
        "az containerapp env create --name REPLACE-environment --resource-group {rg} --location {} --logs-destination log-analytics --logs-workspace-id REPLACE --logs-workspace-key \"$WORKSPACE_KEY\"{}",
        sh(&c.region),
        if c.private() { " --infrastructure-subnet-resource-id REPLACE-subnet-id --internal-only true" } else { "" }
    ));
    b.step(format!(
        "{cmd} --name {} --resource-group {rg} --yaml {file}",
        sh(&name)
    ));
    b.step(format!(
        "# Or, instead of the previous step: az deployment group create --resource-group {rg} --template-file azuredeploy.json --parameters environmentId=REPLACE identityId={}",
        identity_id(&name)
    ));
    if job && c.d.schedule.is_empty() {
        b.step(format!(
            "az containerapp job start --name {} --resource-group {rg}",
            sh(&name)
        ));
    }
    if c.windows() || c.a.arch == ArchChoice::Arm64 {
        b.skip("os/arch", "Container Apps runs linux/amd64 images only.");
    }
    if c.a.gpu {
        b.skip("gpu", "The environment needs a serverless GPU workload profile (T4 or A100) added when it is created; it is referenced by name here.");
    }
    b.skip(
        "read-only root file system, non-root user",
        "Container Apps has no security-context settings; build the image with a non-root USER.",
    );
    if c.private() {
        b.skip("ingress: private", "external: false keeps the app inside the environment; the environment itself must be created in your virtual network (the env create step shows the flags).");
    }
}
