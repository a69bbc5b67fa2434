//! Starter manifests: golden files per workload and platform, sizes carried exactly,
//! secure defaults present, hostile input kept inside its field, and the ZIP bundle.
//!
//! Update the golden files with `BLESS=1 cargo test --test manifests`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use berth::core::answers::{Answers, EnvVar, Ingress, WorkloadKind};
use berth::core::manifests::{generate, validate_input, zip, Bundle};
use berth::core::report::Size;
use serde_json::Value;

use berth::core::catalog::PLATFORM_IDS as PLATFORMS;

/// Workload file → platforms with the size each one runs at. Fixed here (not taken
/// from the engine) so these files change only when the generators do.
/// A platform and the vCPU / GiB it runs the workload at.
type Sized = (&'static str, f64, f64);

const MATRIX: &[(&str, &[Sized])] = &[
    (
        "public-web",
        &[
            ("fargate-ecs", 1.0, 2.0),
            ("ecs-express", 1.0, 2.0),
            ("fargate-eks", 1.0, 3.0),
            ("aci", 1.0, 2.0),
            ("aks-virtual-nodes", 1.0, 2.0),
            ("cloud-run", 1.0, 2.0),
            ("knative-gke", 1.0, 2.0),
            ("container-apps", 1.0, 2.0),
            ("gke-autopilot", 1.0, 2.0),
        ],
    ),
    (
        "internal-grpc",
        &[
            ("fargate-ecs", 2.0, 4.0),
            ("ecs-express", 2.0, 4.0),
            ("fargate-eks", 2.0, 5.0),
            ("aci", 2.0, 4.0),
            ("cloud-run", 2.0, 4.0),
            ("knative-gke", 2.0, 4.0),
            ("container-apps", 2.0, 4.0),
            ("gke-autopilot", 2.0, 4.0),
        ],
    ),
    (
        "worker",
        &[
            ("fargate-ecs", 0.5, 1.0),
            ("ecs-express", 0.5, 1.0),
            ("fargate-eks", 0.5, 2.0),
            ("aci", 1.0, 1.0),
            ("aks-virtual-nodes", 1.0, 1.0),
            // Below 1 vCPU Cloud Run takes one request at a time: the engine sizes a worker at 1.
            ("cloud-run", 1.0, 1.0),
            ("knative-gke", 0.5, 1.0),
            ("container-apps", 0.5, 1.0),
            ("app-runner", 0.5, 1.0),
            ("lambda-image", 0.58, 1.0),
            ("gke-autopilot", 0.5, 1.0),
        ],
    ),
    (
        "batch-job",
        &[
            ("fargate-ecs", 2.0, 4.0),
            ("fargate-eks", 2.0, 5.0),
            ("aci", 2.0, 4.0),
            ("aks-virtual-nodes", 2.0, 4.0),
            ("cloud-run-jobs", 2.0, 4.0),
            ("container-apps", 2.0, 4.0),
            ("gke-autopilot", 2.0, 4.0),
        ],
    ),
    (
        "gpu-inference",
        &[("cloud-run", 4.0, 16.0), ("gke-autopilot", 4.0, 16.0)],
    ),
    (
        "windows-app",
        &[("fargate-ecs", 2.0, 4.0), ("aci", 2.0, 4.0)],
    ),
    (
        "simple-api",
        &[
            ("lambda-image", 1.0, 2.0),
            ("ecs-express", 1.0, 2.0),
            ("fargate-ecs", 1.0, 2.0),
            ("gke-autopilot", 1.0, 2.0),
        ],
    ),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn workload(name: &str) -> Answers {
    let path = root().join("tests/workloads").join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn size(vcpu: f64, memory_gib: f64) -> Size {
    Size { vcpu, memory_gib }
}

/// The bundle for `platform`. An example's region belongs to one cloud, and the other
/// clouds' platforms refuse it: for those, the answers leave the region to the cloud's default.
fn bundle(platform: &str, answers: &Answers, s: Size) -> Bundle {
    match generate(platform, answers, s) {
        Err(e) if e.iter().all(|e| e.field == "deploy.region") => {
            let mut other_cloud = answers.clone();
            other_cloud.deploy.region.clear();
            generate(platform, &other_cloud, s)
        }
        result => result,
    }
    .unwrap_or_else(|e| panic!("{platform}: {e:?}"))
}

fn file<'a>(b: &'a Bundle, path: &str) -> &'a str {
    &b.files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{}: no {path}", b.platform_id))
        .contents
}

fn json(b: &Bundle, path: &str) -> Value {
    serde_json::from_str(file(b, path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn yaml_docs(b: &Bundle, path: &str) -> Vec<Value> {
    serde_saphyr::from_multiple::<Value>(file(b, path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn kind<'a>(docs: &'a [Value], kind: &str) -> &'a Value {
    docs.iter()
        .find(|d| d["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind}"))
}

#[test]
fn golden_files() {
    let bless = std::env::var_os("BLESS").is_some();
    let base = root().join("tests/golden/manifests");
    let mut mismatches = Vec::new();
    for (name, platforms) in MATRIX {
        let answers = workload(name);
        for (platform, vcpu, mem) in *platforms {
            let b = bundle(platform, &answers, size(*vcpu, *mem));
            let dir = base.join(name).join(platform);
            let expected: BTreeSet<String> = std::fs::read_dir(&dir)
                .map(|it| {
                    it.filter_map(|e| e.ok())
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            let actual: BTreeSet<String> = b.files.iter().map(|f| f.path.clone()).collect();
            if bless {
                let _ = std::fs::remove_dir_all(&dir);
                std::fs::create_dir_all(&dir).unwrap();
                for f in &b.files {
                    std::fs::write(dir.join(&f.path), &f.contents).unwrap();
                }
                continue;
            }
            if expected != actual {
                mismatches.push(format!(
                    "{name}/{platform}: files {actual:?}, golden has {expected:?}"
                ));
                continue;
            }
            for f in &b.files {
                let golden = std::fs::read_to_string(dir.join(&f.path)).unwrap_or_default();
                if golden != f.contents {
                    let line = golden
                        .lines()
                        .zip(f.contents.lines())
                        .position(|(a, b)| a != b)
                        .map_or(0, |i| i + 1);
                    mismatches.push(format!(
                        "{name}/{platform}/{} differs near line {line}",
                        f.path
                    ));
                }
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "generated manifests differ from tests/golden (run BLESS=1 cargo test --test manifests after reviewing):\n{}",
        mismatches.join("\n")
    );
}

#[test]
fn every_platform_makes_a_bundle_with_a_readme() {
    let answers = workload("public-web");
    for p in PLATFORMS {
        let b = bundle(p, &answers, size(1.0, 2.0));
        let readme = file(&b, "README.md");
        assert!(
            readme.contains("## Deploy") && readme.contains("## Not translated"),
            "{p}"
        );
        for f in b.files.iter().filter(|f| f.path != "README.md") {
            assert!(
                readme.contains(&format!("`{}`", f.path)),
                "{p}: README does not list {}",
                f.path
            );
        }
        assert!(!b.steps.is_empty(), "{p}: no deploy steps");
    }
}

#[test]
fn fargate_sizes_are_cpu_units_and_mib() {
    // The engine turns 4 vCPU / 32 GiB into 8 vCPU / 32 GiB (4 vCPU tops out at 30 GiB).
    let answers = workload("public-web");
    let b = bundle("fargate-ecs", &answers, size(8.0, 32.0));
    let td = json(&b, "task-definition.json");
    assert_eq!(td["cpu"], "8192");
    assert_eq!(td["memory"], "32768");
    let cfn = yaml_docs(&b, "cloudformation.yaml");
    let props = &cfn[0]["Resources"]["TaskDefinition"]["Properties"];
    assert_eq!(props["Cpu"], "8192");
    assert_eq!(props["Memory"], "32768");
    let quarter = bundle("fargate-ecs", &answers, size(0.25, 0.5));
    let td = json(&quarter, "task-definition.json");
    assert_eq!(
        (td["cpu"].as_str(), td["memory"].as_str()),
        (Some("256"), Some("512"))
    );
}

#[test]
fn every_platform_carries_the_given_size() {
    let answers = workload("public-web");
    let worker = workload("worker");
    let s = size(2.0, 5.0);
    for p in ["fargate-eks", "aks-virtual-nodes", "gke-autopilot"] {
        let docs = yaml_docs(&bundle(p, &answers, s), "kubernetes.yaml");
        let c =
            &kind(&docs, "Deployment")["spec"]["template"]["spec"]["containers"][0]["resources"];
        assert_eq!(c["requests"]["cpu"], "2", "{p}");
        assert_eq!(c["requests"]["memory"], "5Gi", "{p}");
        assert_eq!(
            c["requests"], c["limits"],
            "{p}: requests must equal limits"
        );
    }
    let run = yaml_docs(
        &bundle("cloud-run", &answers, size(0.5, 0.5)),
        "service.yaml",
    );
    let limits = &run[0]["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"];
    assert_eq!(
        (limits["cpu"].as_str(), limits["memory"].as_str()),
        (Some("500m"), Some("512Mi"))
    );
    let aci = bundle("aci", &answers, size(1.5, 3.5));
    let req = &json(&aci, "azuredeploy.json")["resources"][0]["properties"]["containers"][0]
        ["properties"]["resources"]["requests"];
    assert_eq!(
        (req["cpu"].as_f64(), req["memoryInGB"].as_f64()),
        (Some(1.5), Some(3.5))
    );
    let aca = yaml_docs(
        &bundle("container-apps", &answers, size(0.75, 1.5)),
        "containerapp.yaml",
    );
    let r = &aca[0]["properties"]["template"]["containers"][0]["resources"];
    assert_eq!(
        (r["cpu"].as_f64(), r["memory"].as_str()),
        (Some(0.75), Some("1.5Gi"))
    );
    let lambda = yaml_docs(
        &bundle("lambda-image", &worker, size(0.58, 1.0)),
        "template.yaml",
    );
    assert_eq!(
        lambda[0]["Resources"]["Function"]["Properties"]["MemorySize"],
        1024
    );
    let express = json(
        &bundle("ecs-express", &answers, size(4.0, 16.0)),
        "express-service.json",
    );
    assert_eq!(
        (express["cpu"].as_str(), express["memory"].as_str()),
        (Some("4096"), Some("16384"))
    );
}

#[test]
fn kubernetes_defaults_are_secure_and_leave_replicas_to_the_autoscaler() {
    let answers = workload("public-web");
    for p in ["fargate-eks", "aks-virtual-nodes", "gke-autopilot"] {
        let docs = yaml_docs(&bundle(p, &answers, size(1.0, 2.0)), "kubernetes.yaml");
        let dep = kind(&docs, "Deployment");
        assert!(
            dep["spec"].get("replicas").is_none(),
            "{p}: an HPA owns the replica count"
        );
        assert_eq!(
            kind(&docs, "HorizontalPodAutoscaler")["apiVersion"],
            "autoscaling/v2"
        );
        let pod = &dep["spec"]["template"]["spec"];
        assert_eq!(
            pod["securityContext"]["seccompProfile"]["type"], "RuntimeDefault",
            "{p}"
        );
        assert_eq!(pod["automountServiceAccountToken"], false, "{p}");
        let sc = &pod["containers"][0]["securityContext"];
        assert_eq!(sc["allowPrivilegeEscalation"], false, "{p}");
        assert_eq!(sc["readOnlyRootFilesystem"], true, "{p}");
        assert_eq!(sc["runAsNonRoot"], true, "{p}");
        assert_eq!(sc["capabilities"]["drop"][0], "ALL", "{p}");
    }
    let eks = yaml_docs(
        &bundle("fargate-eks", &answers, size(1.0, 3.0)),
        "kubernetes.yaml",
    );
    let sa = kind(&eks, "ServiceAccount");
    assert!(sa["metadata"]["annotations"]["eks.amazonaws.com/role-arn"]
        .as_str()
        .unwrap()
        .starts_with("arn:aws:iam::"));
    let ing = kind(&eks, "Ingress");
    assert_eq!(
        ing["metadata"]["annotations"]["alb.ingress.kubernetes.io/target-type"],
        "ip"
    );
    assert_eq!(
        ing["metadata"]["annotations"]["alb.ingress.kubernetes.io/scheme"],
        "internet-facing"
    );
    let cluster = yaml_docs(
        &bundle("fargate-eks", &answers, size(1.0, 3.0)),
        "cluster.yaml",
    );
    assert_eq!(cluster[0]["apiVersion"], "eksctl.io/v1alpha5");
    assert_eq!(
        cluster[0]["fargateProfiles"][1]["selectors"][0]["namespace"],
        "storefront"
    );
    let vn = yaml_docs(
        &bundle("aks-virtual-nodes", &answers, size(1.0, 2.0)),
        "kubernetes.yaml",
    );
    let pod = &kind(&vn, "Deployment")["spec"]["template"]["spec"];
    assert_eq!(pod["nodeSelector"]["type"], "virtual-kubelet");
    assert_eq!(pod["nodeSelector"]["kubernetes.io/role"], "agent");
    assert_eq!(pod["tolerations"][0]["key"], "virtual-kubelet.io/provider");
}

#[test]
fn private_ingress_stays_private() {
    let answers = workload("internal-grpc");
    let eks = yaml_docs(
        &bundle("fargate-eks", &answers, size(2.0, 5.0)),
        "kubernetes.yaml",
    );
    let ing = kind(&eks, "Ingress");
    assert_eq!(
        ing["metadata"]["annotations"]["alb.ingress.kubernetes.io/scheme"],
        "internal"
    );
    assert_eq!(
        ing["metadata"]["annotations"]["alb.ingress.kubernetes.io/backend-protocol-version"],
        "GRPC"
    );
    let run = yaml_docs(
        &bundle("cloud-run", &answers, size(2.0, 4.0)),
        "service.yaml",
    );
    assert_eq!(
        run[0]["metadata"]["annotations"]["run.googleapis.com/ingress"],
        "internal"
    );
    let aci = bundle("aci", &answers, size(2.0, 4.0));
    let g = &json(&aci, "azuredeploy.json")["resources"][0]["properties"];
    assert_eq!(g["ipAddress"]["type"], "Private");
    assert!(g["ipAddress"].get("dnsNameLabel").is_none());
    assert!(g["subnetIds"][0]["id"].is_string());
    let aca = yaml_docs(
        &bundle("container-apps", &answers, size(2.0, 4.0)),
        "containerapp.yaml",
    );
    assert_eq!(
        aca[0]["properties"]["configuration"]["ingress"]["external"],
        false
    );
    let kn = yaml_docs(
        &bundle("knative-gke", &answers, size(2.0, 4.0)),
        "knative.yaml",
    );
    assert_eq!(
        kind(&kn, "Service")["metadata"]["labels"]["networking.knative.dev/visibility"],
        "cluster-local"
    );
    let ecs = bundle("fargate-ecs", &answers, size(2.0, 4.0));
    let net = &json(&ecs, "service.json")["networkConfiguration"]["awsvpcConfiguration"];
    assert_eq!(net["assignPublicIp"], "DISABLED");
}

/// A region from another cloud is refused with an example from the platform's own cloud,
/// never written into the files (`aws ecs create-cluster --region westeurope`).
#[test]
fn a_region_from_another_cloud_is_refused_with_one_from_the_platforms_cloud() {
    for (platform, foreign, own, example) in [
        (
            "fargate-ecs",
            "westeurope",
            "eu-west-1",
            "us-east-1 or eu-west-2",
        ),
        (
            "container-apps",
            "eu-west-1",
            "westeurope",
            "eastus or westeurope",
        ),
        (
            "gke-autopilot",
            "us-east-1",
            "europe-west1",
            "us-central1 or europe-west1",
        ),
    ] {
        let mut a = workload("public-web");
        a.deploy.region = foreign.into();
        let errs = generate(platform, &a, size(1.0, 2.0)).unwrap_err();
        assert_eq!(errs.len(), 1, "{platform}: {errs:?}");
        assert_eq!(errs[0].field, "deploy.region");
        assert!(
            errs[0].message.contains(&format!("'{foreign}' is not"))
                && errs[0].message.contains(example),
            "{platform}: {}",
            errs[0].message
        );
        a.deploy.region = own.into();
        let files = generate(platform, &a, size(1.0, 2.0)).unwrap();
        assert!(
            files.files.iter().any(|f| f.contents.contains(own)),
            "{platform}: the region is written"
        );
    }
}

/// Azure names secrets in Key Vault with '-' for '_' and ignoring case, and Container Apps
/// with '.' for '_': names that would collide there or start or end with a separator are
/// refused for the Azure platforms with what to change, and pass elsewhere.
#[test]
fn azure_refuses_secret_names_it_cannot_keep_apart() {
    let mut a = workload("public-web");
    a.deploy.secrets = vec![
        "DB_PASSWORD".into(),
        "db_password".into(),
        "_TOKEN".into(),
        "API_KEY_".into(),
        "PLAIN".into(),
    ];
    for platform in ["container-apps", "aci", "aks-virtual-nodes"] {
        let errs = generate(platform, &a, size(1.0, 2.0)).unwrap_err();
        let found: Vec<(&str, &str)> = errs
            .iter()
            .map(|e| (e.field.as_str(), e.message.as_str()))
            .collect();
        assert_eq!(found.len(), 3, "{platform}: {found:?}");
        assert_eq!(found[0].0, "deploy.secrets[1]");
        assert!(
            found[0]
                .1
                .contains("'db_password' and 'DB_PASSWORD' would be the same"),
            "{}",
            found[0].1
        );
        assert_eq!(
            (found[1].0, found[2].0),
            ("deploy.secrets[2]", "deploy.secrets[3]")
        );
        assert!(found[1].1.contains("drop the leading or trailing '_'"));
    }
    for platform in ["fargate-ecs", "cloud-run", "gke-autopilot"] {
        assert!(generate(platform, &a, size(1.0, 2.0)).is_ok(), "{platform}");
    }
}

#[test]
fn secrets_come_from_the_secret_store_by_name() {
    let answers = workload("public-web");
    let td = json(
        &bundle("fargate-ecs", &answers, size(1.0, 2.0)),
        "task-definition.json",
    );
    let s = &td["containerDefinitions"][0]["secrets"][0];
    assert_eq!(s["name"], "DB_PASSWORD");
    assert_eq!(
        s["valueFrom"],
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:storefront/DB_PASSWORD"
    );
    let run = yaml_docs(
        &bundle("cloud-run", &answers, size(1.0, 2.0)),
        "service.yaml",
    );
    let env = &run[0]["spec"]["template"]["spec"]["containers"][0]["env"];
    let db = env
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "DB_PASSWORD")
        .unwrap();
    assert_eq!(db["valueFrom"]["secretKeyRef"]["key"], "latest");
    let aca = yaml_docs(
        &bundle("container-apps", &answers, size(1.0, 2.0)),
        "containerapp.yaml",
    );
    let secret = &aca[0]["properties"]["configuration"]["secrets"][0];
    assert!(secret["keyVaultUrl"]
        .as_str()
        .unwrap()
        .ends_with("/secrets/db-password"));
    let params = json(
        &bundle("aci", &answers, size(1.0, 2.0)),
        "azuredeploy.parameters.json",
    );
    assert!(params["parameters"]["DB_PASSWORD"]["reference"]["keyVault"]["id"].is_string());
    // ACI's YAML could only carry secret values inline, so it leaves secrets out; the ARM
    // template takes them as secure parameters filled from Key Vault.
    let aci = bundle("aci", &answers, size(1.0, 2.0));
    assert!(!file(&aci, "container-group.yaml").contains("secureValue"));
    let env = &json(&aci, "azuredeploy.json")["resources"][0]["properties"]["containers"][0]
        ["properties"]["environmentVariables"];
    let db = env
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "DB_PASSWORD")
        .unwrap();
    assert_eq!(db["secureValue"], "[parameters('DB_PASSWORD')]");
}

#[test]
fn ambiguous_values_stay_strings() {
    let answers = workload("public-web");
    let docs = yaml_docs(
        &bundle("gke-autopilot", &answers, size(1.0, 2.0)),
        "kubernetes.yaml",
    );
    let env = &kind(&docs, "Deployment")["spec"]["template"]["spec"]["containers"][0]["env"];
    let value = |n: &str| {
        env.as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == n)
            .unwrap()["value"]
            .clone()
    };
    assert_eq!(value("FEATURE_BETA"), "off");
    assert_eq!(value("COUNTRY"), "NO");
    assert_eq!(value("GREETING"), "hello: world # not a comment");
    let text = file(
        &bundle("gke-autopilot", &answers, size(1.0, 2.0)),
        "kubernetes.yaml",
    )
    .to_string();
    assert!(
        text.contains("value: \"off\"") || text.contains("value: 'off'"),
        "a YAML 1.1 reader would see a boolean"
    );
    assert!(text.contains("value: \"NO\"") || text.contains("value: 'NO'"));
}

#[test]
fn env_values_cannot_break_out_of_their_field() {
    let mut answers = workload("public-web");
    let evil = "a\n---\nkind: Secret\nmetadata:\n  name: x";
    answers.deploy.env = vec![
        EnvVar {
            name: "EVIL".into(),
            value: evil.into(),
        },
        EnvVar {
            name: "QUOTES".into(),
            value: "\"'`$(rm -rf /)`'\"".into(),
        },
        EnvVar {
            name: "ARM".into(),
            value: "[concat('a','b')]".into(),
        },
        EnvVar {
            name: "COLON".into(),
            value: "key: value\n- item".into(),
        },
    ];
    for p in PLATFORMS {
        let b = bundle(p, &answers, size(1.0, 2.0));
        for f in &b.files {
            let text = &f.contents;
            match f.path.rsplit('.').next() {
                Some("yaml") => {
                    let docs: Vec<Value> = serde_saphyr::from_multiple(text)
                        .unwrap_or_else(|e| panic!("{p}/{}: {e}", f.path));
                    let expected_docs = text.matches("\n---\n").count() + 1;
                    assert_eq!(
                        docs.len(),
                        expected_docs,
                        "{p}/{}: an env value made an extra document",
                        f.path
                    );
                    assert!(docs.iter().all(|d| d["kind"] != "Secret"), "{p}/{}", f.path);
                    let flat = serde_json::to_string(&docs).unwrap();
                    if flat.contains("EVIL") {
                        assert!(
                            flat.contains(&serde_json::to_string(evil).unwrap()),
                            "{p}/{}: value changed",
                            f.path
                        );
                    }
                }
                Some("json") => {
                    let v: Value = serde_json::from_str(text).unwrap();
                    let flat = v.to_string();
                    if flat.contains("EVIL") {
                        assert!(
                            flat.contains(&serde_json::to_string(evil).unwrap()),
                            "{p}/{}",
                            f.path
                        );
                    }
                    if f.path == "azuredeploy.json" {
                        assert!(
                            flat.contains("[[concat('a','b')]"),
                            "{p}: ARM expression not escaped"
                        );
                    }
                }
                _ => {}
            }
        }
        for step in &b.steps {
            assert!(!step.contains('\n'), "{p}: a step spans lines: {step}");
        }
    }
}

#[test]
fn input_is_checked_per_platform_with_the_field_named() {
    let mut a = workload("public-web");
    a.deploy.name = "Storefront_App".into();
    for p in [
        "fargate-eks",
        "cloud-run",
        "container-apps",
        "aci",
        "gke-autopilot",
    ] {
        let errs = generate(p, &a, size(1.0, 2.0)).unwrap_err();
        assert_eq!(errs[0].field, "deploy.name", "{p}");
        assert!(
            errs[0].message.contains("lowercase"),
            "{p}: {}",
            errs[0].message
        );
    }
    assert!(
        generate("fargate-ecs", &a, size(1.0, 2.0)).is_ok(),
        "ECS allows upper case and '_'"
    );
    a.deploy.name = "a".repeat(33);
    assert!(generate("container-apps", &a, size(1.0, 2.0)).is_err());
    assert!(generate("gke-autopilot", &a, size(1.0, 2.0)).is_ok());

    let mut a = workload("public-web");
    a.deploy.image = "nginx:1.27\nkind: Secret".into();
    a.deploy.port = 0;
    a.deploy.env.push(EnvVar {
        name: "1BAD".into(),
        value: "x".into(),
    });
    a.deploy.secrets.push("bad-name".into());
    a.deploy.health_path = "/x; rm -rf /".into();
    let errs = generate("cloud-run", &a, size(1.0, 2.0)).unwrap_err();
    let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "deploy.image",
            "deploy.port",
            "deploy.health_path",
            "deploy.env[4].name",
            "deploy.secrets[2]"
        ],
        "{errs:?}"
    );

    let mut a = workload("public-web");
    a.deploy.port = 8012;
    assert_eq!(
        generate("cloud-run", &a, size(1.0, 2.0)).unwrap_err()[0].field,
        "deploy.port"
    );
    a.deploy.env = vec![EnvVar {
        name: "PORT".into(),
        value: "1".into(),
    }];
    a.deploy.port = 8080;
    assert_eq!(
        generate("cloud-run", &a, size(1.0, 2.0)).unwrap_err()[0].field,
        "deploy.env[0].name"
    );

    let mut job = workload("batch-job");
    job.deploy.schedule = "0 3 * *".into();
    assert_eq!(
        generate("cloud-run-jobs", &job, size(2.0, 4.0)).unwrap_err()[0].field,
        "deploy.schedule"
    );
    job.deploy.schedule = "0 3 1 * 1".into();
    assert!(generate("cloud-run-jobs", &job, size(2.0, 4.0)).is_ok());
    assert_eq!(
        generate("fargate-ecs", &job, size(2.0, 4.0)).unwrap_err()[0].field,
        "deploy.schedule"
    );
    assert!(generate("nope", &job, size(2.0, 4.0)).is_err());

    assert!(validate_input::image_error("ghcr.io/a/b:1.0").is_none());
    assert!(validate_input::image_error("ghcr.io/a/b").is_some());
    assert!(berth::core::deploy_rules::cron_error("*/5 * * * MON-FRI").is_none());
}

#[test]
fn jobs_get_the_job_form() {
    let job = workload("batch-job");
    let ecs = bundle("fargate-ecs", &job, size(2.0, 4.0));
    let sched = json(&ecs, "schedule.json");
    assert_eq!(sched["ScheduleExpression"], "cron(0 3 * * ? *)");
    assert!(ecs.files.iter().any(|f| f.path == "run-task.json"));
    assert!(!ecs.files.iter().any(|f| f.path == "service.json"));
    let cfn = yaml_docs(&ecs, "cloudformation.yaml");
    assert_eq!(
        cfn[0]["Resources"]["Schedule"]["Properties"]["FlexibleTimeWindow"]["Mode"],
        "OFF"
    );
    let k = yaml_docs(
        &bundle("gke-autopilot", &job, size(2.0, 4.0)),
        "kubernetes.yaml",
    );
    let cj = kind(&k, "CronJob");
    assert_eq!(cj["spec"]["schedule"], "0 3 * * *");
    assert_eq!(cj["spec"]["jobTemplate"]["spec"]["backoffLimit"], 2);
    assert_eq!(
        cj["spec"]["jobTemplate"]["spec"]["activeDeadlineSeconds"],
        1800
    );
    let run = yaml_docs(&bundle("cloud-run-jobs", &job, size(2.0, 4.0)), "job.yaml");
    assert_eq!(run[0]["apiVersion"], "run.googleapis.com/v1");
    assert_eq!(
        run[0]["spec"]["template"]["spec"]["template"]["spec"]["maxRetries"],
        2
    );
    let run_bundle = bundle("cloud-run-jobs", &job, size(2.0, 4.0));
    assert!(run_bundle
        .steps
        .iter()
        .any(|s| s.contains("gcloud scheduler jobs create http")));
    let aca = yaml_docs(
        &bundle("container-apps", &job, size(2.0, 4.0)),
        "containerapp-job.yaml",
    );
    assert_eq!(aca[0]["type"], "Microsoft.App/jobs");
    assert_eq!(
        aca[0]["properties"]["configuration"]["scheduleTriggerConfig"]["cronExpression"],
        "0 3 * * *"
    );
    let mut once = job.clone();
    once.deploy.schedule.clear();
    let k = yaml_docs(
        &bundle("fargate-eks", &once, size(2.0, 5.0)),
        "kubernetes.yaml",
    );
    assert_eq!(
        kind(&k, "Job")["spec"]["template"]["spec"]["restartPolicy"],
        "Never"
    );
}

#[test]
fn windows_and_workers_and_app_runner() {
    let win = workload("windows-app");
    let td = json(
        &bundle("fargate-ecs", &win, size(2.0, 4.0)),
        "task-definition.json",
    );
    assert_eq!(
        td["runtimePlatform"]["operatingSystemFamily"],
        "WINDOWS_SERVER_2022_CORE"
    );
    assert!(td["containerDefinitions"][0]
        .get("readonlyRootFilesystem")
        .is_none());
    let aci = yaml_docs(&bundle("aci", &win, size(2.0, 4.0)), "container-group.yaml");
    assert_eq!(aci[0]["properties"]["osType"], "Windows");
    assert_eq!(aci[0]["apiVersion"], "2021-10-01");

    let mut worker = workload("worker");
    worker.ingress = Ingress::None;
    worker.workload = WorkloadKind::Worker;
    let svc = json(
        &bundle("fargate-ecs", &worker, size(0.5, 1.0)),
        "service.json",
    );
    assert!(svc.get("loadBalancers").is_none());
    let k = yaml_docs(
        &bundle("gke-autopilot", &worker, size(0.5, 1.0)),
        "kubernetes.yaml",
    );
    assert!(k.iter().all(|d| d["kind"] != "Service"));

    let ar = bundle("app-runner", &workload("simple-api"), size(1.0, 2.0));
    assert!(file(&ar, "README.md").contains("closed to new customers since 2026-04-30"));
    assert!(file(&ar, "README.md").contains("ecs-express"));
    let cfn = yaml_docs(&ar, "cloudformation.yaml");
    assert_eq!(
        cfn[0]["Resources"]["Service"]["Type"],
        "AWS::AppRunner::Service"
    );
}

#[test]
fn zip_bundle_lists_every_file() {
    let b = bundle("cloud-run", &workload("public-web"), size(1.0, 2.0));
    let z = b.to_zip();
    let u32_at = |at: usize| u32::from_le_bytes([z[at], z[at + 1], z[at + 2], z[at + 3]]);
    let u16_at = |at: usize| u16::from_le_bytes([z[at], z[at + 1]]) as usize;
    let end = z.len() - 22;
    assert_eq!(u32_at(end), 0x0605_4B50);
    assert_eq!(u16_at(end + 10), b.files.len());
    let mut at = u32_at(end + 16) as usize;
    for f in &b.files {
        assert_eq!(u32_at(at), 0x0201_4B50);
        let name_len = u16_at(at + 28);
        let name = std::str::from_utf8(&z[at + 46..at + 46 + name_len]).unwrap();
        assert_eq!(name, format!("cloud-run/{}", f.path));
        assert_eq!(u32_at(at + 16), zip::crc32(f.contents.as_bytes()));
        let local = u32_at(at + 42) as usize;
        let data = local + 30 + name_len;
        assert_eq!(&z[data..data + f.contents.len()], f.contents.as_bytes());
        at += 46 + name_len;
    }
    if let Ok(dir) = std::env::var("BERTH_ZIP_OUT") {
        std::fs::write(Path::new(&dir).join("cloud-run.zip"), &z).unwrap();
    }
}

/// Env values stay literal where the platform substitutes: `$(NAME)` in Kubernetes,
/// Knative and Cloud Run (doubled `$`), and gcloud's delimiter never occurs in a value.
#[test]
fn env_values_with_substitution_syntax_stay_literal() {
    let mut a = workload("simple-api");
    let value = "$(HOME) $$x @@##%%~~";
    a.deploy.env = vec![berth::core::answers::EnvVar {
        name: "GREETING".into(),
        value: value.into(),
    }];
    let b = bundle("cloud-run", &a, size(1.0, 2.0));
    let doc = &yaml_docs(&b, "service.yaml")[0];
    let env = &doc["spec"]["template"]["spec"]["containers"][0]["env"][0];
    assert_eq!(env["value"], "$$(HOME) $$$$x @@##%%~~");
    let step = b
        .steps
        .iter()
        .find(|s| s.contains("--set-env-vars"))
        .unwrap();
    assert!(
        step.contains("^@4@^GREETING=$$(HOME) $$$$x @@##%%~~"),
        "{step}"
    );
    let b = bundle("gke-autopilot", &a, size(1.0, 2.0));
    let docs = yaml_docs(&b, "kubernetes.yaml");
    let env = &kind(&docs, "Deployment")["spec"]["template"]["spec"]["containers"][0]["env"][0];
    assert_eq!(env["value"], "$$(HOME) $$$$x @@##%%~~");
}

/// App Runner's API refuses more instances than its per-service limit (the catalog's
/// `scaling.max_instances`): the files cap at it and say so.
#[test]
fn app_runner_caps_instances_at_the_catalog_limit() {
    let limit = berth::core::catalog::catalog()
        .platform("app-runner")
        .unwrap()
        .scaling
        .max_instances
        .value
        .max()
        .expect("App Runner publishes an instance limit");
    let mut a = workload("simple-api");
    a.min_instances = limit + 5;
    a.max_instances = Some(limit * 10);
    let b = bundle("app-runner", &a, size(1.0, 2.0));
    let docs = yaml_docs(&b, "cloudformation.yaml");
    let scaling = &docs[0]["Resources"]["AutoScaling"]["Properties"];
    assert_eq!(scaling["MaxSize"], limit);
    assert_eq!(scaling["MinSize"], limit);
    assert!(b.not_translated.iter().any(|n| n.item == "max_instances"));
}
