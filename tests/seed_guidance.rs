//! The 2021 comparison article Berth started from ("Serverless Containers: 3 Leading
//! Platforms Compared", August 2021) gave security and integration advice for Fargate,
//! Azure Container Instances and Cloud Run. Every point of it that is still true must
//! reach the user: each is listed here with the platforms it applies to, and each must be
//! covered by a confirmed, vendor-sourced guidance item marked `since_2021`.
//!
//! Points the article made that are no longer true are listed too, each with the catalog
//! fact that records the change, so the list stays a complete reading of the article.

use berth::core::catalog::{catalog, fact_sources, Certainty, Guidance, Platform};

/// Which list of a platform file a point belongs in.
#[derive(Clone, Copy, Debug)]
enum Section {
    Security,
    Integrations,
}

/// One piece of advice from the article.
struct Point {
    /// The article's own words, shortened.
    article: &'static str,
    section: Section,
    platforms: &'static [&'static str],
    /// Every one of these must appear (case-insensitive) in the item's title or detail.
    words: &'static [&'static str],
}

/// The article runs on Fargate in two ways (ECS and EKS); ECS Express Mode is Fargate on
/// ECS with the load balancer and scaling made for you, so the same advice holds.
const FARGATE: &[&str] = &["fargate-ecs", "fargate-eks", "ecs-express"];
/// ACI itself and the AKS virtual nodes that place pods on ACI.
const ACI: &[&str] = &["aci", "aks-virtual-nodes"];
/// Cloud Run services and jobs (jobs share the identity, perimeter and key settings).
const CLOUD_RUN: &[&str] = &["cloud-run", "cloud-run-jobs"];

const POINTS: &[Point] = &[
    // AWS Fargate: "Security Considerations".
    Point {
        article: "Amazon CloudWatch alarms: track a metric (CPU, memory) over a period, and scale tasks in and out",
        section: Section::Security,
        platforms: FARGATE,
        words: &["cloudwatch", "alarm"],
    },
    Point {
        article: "Amazon CloudWatch Logs: store and monitor container logs, with the awslogs log driver in the task definition",
        section: Section::Security,
        platforms: FARGATE,
        words: &["cloudwatch", "log"],
    },
    Point {
        article: "AWS IAM: control who is authenticated and authorized to use AWS resources",
        section: Section::Security,
        platforms: FARGATE,
        words: &["least-privilege", "iam"],
    },
    Point {
        article: "Amazon ECS interface VPC endpoints (AWS PrivateLink): reach the APIs over private IP addresses",
        section: Section::Security,
        platforms: FARGATE,
        words: &["interface endpoints", "privatelink"],
    },
    // AWS Fargate: "Integration with Other Services".
    Point {
        article: "Fargate integrates with Amazon ECS and Amazon EKS, which schedule, scale and load balance its containers",
        section: Section::Integrations,
        platforms: &["fargate-ecs", "fargate-eks"],
        words: &["orchestrated by amazon"],
    },
    // Azure Container Instances: "Security Considerations".
    Point {
        article: "Monitor and scan container images for vulnerabilities, from public or private registries",
        section: Section::Security,
        platforms: ACI,
        words: &["scan", "vulnerabilit"],
    },
    Point {
        article: "Use a private registry rather than a public one",
        section: Section::Security,
        platforms: ACI,
        words: &["private registry"],
    },
    Point {
        article: "Protect credentials: inventory secrets and use a secret management tool",
        section: Section::Security,
        platforms: ACI,
        words: &["credentials", "secrets"],
    },
    // Azure Container Instances: "Integration with Other Services".
    Point {
        article: "AKS uses a Virtual Kubelet to start ACI pods in seconds and absorb traffic spikes without more servers",
        section: Section::Integrations,
        platforms: ACI,
        words: &["virtual", "aci"],
    },
    // Google Cloud Run: "Security Considerations".
    Point {
        article: "Give each service a dedicated identity: a user-managed service account, not the default one",
        section: Section::Security,
        platforms: CLOUD_RUN,
        words: &["dedicated identity", "service account"],
    },
    Point {
        article: "Optimize service accounts with Recommender",
        section: Section::Security,
        platforms: CLOUD_RUN,
        words: &["recommender", "service account"],
    },
    Point {
        article: "Use VPC Service Controls: a perimeter against data exfiltration",
        section: Section::Security,
        platforms: CLOUD_RUN,
        words: &["vpc service controls", "exfiltration"],
    },
    Point {
        article: "Use customer-managed encryption keys (Cloud KMS CMEK) to protect the container image",
        section: Section::Security,
        platforms: CLOUD_RUN,
        words: &["customer-managed encryption keys"],
    },
    // Google Cloud Run: "Integration with Other Services" and the Knative API.
    Point {
        article: "Cloud Run uses the Knative serving API, so the same workloads run on Kubernetes (Cloud Run on GKE)",
        section: Section::Integrations,
        platforms: &["cloud-run", "knative-gke"],
        words: &["knative"],
    },
    // Google Cloud Run: "limitations" that are still true and that guidance can act on.
    Point {
        article: "Requests to custom domains can have very high latency from some locations (us-east4, asia-northeast1)",
        section: Section::Integrations,
        platforms: &["cloud-run"],
        words: &["custom domain", "latency", "load balanc"],
    },
];

/// Points of the article that no longer hold: the catalog records each on the fact that
/// changed (`was_2021`), as (claim, platform, fact).
const NO_LONGER_TRUE: &[(&str, &str, &str)] = &[
    (
        "Fargate: up to 30 GB and 4 vCPU per pod",
        "fargate-ecs",
        "sizing",
    ),
    (
        "Fargate: up to 30 GB and 4 vCPU per pod",
        "fargate-eks",
        "sizing",
    ),
    (
        "Fargate supports only the Application Load Balancer",
        "fargate-ecs",
        "networking.load_balancing",
    ),
    (
        "Fargate supports only the Application Load Balancer",
        "fargate-eks",
        "networking.load_balancing",
    ),
    ("ACI supports only public IPs", "aci", "networking.private"),
    ("ACI containers: up to 14 GB and 4 vCPU", "aci", "sizing"),
    (
        "Cloud Run without GKE: one vCPU per container, not customizable",
        "cloud-run",
        "sizing",
    ),
    (
        "Cloud Run on GKE (Cloud Run for Anthos), now deprecated Knative serving",
        "knative-gke",
        "lifecycle",
    ),
];

fn items(p: &Platform, section: Section) -> &[Guidance] {
    match section {
        Section::Security => &p.security,
        Section::Integrations => &p.integrations,
    }
}

fn covers(item: &Guidance, point: &Point) -> bool {
    let text = format!("{} {}", item.title, item.detail).to_lowercase();
    point.words.iter().all(|w| text.contains(w))
}

/// The vendors' own documentation hosts (or their documentation repositories).
fn vendor_source(url: &str) -> bool {
    [
        "https://docs.aws.amazon.com/",
        "https://learn.microsoft.com/",
        "https://github.com/MicrosoftDocs/",
        "https://github.com/awsdocs/",
        "https://cloud.google.com/",
        "https://docs.cloud.google.com/",
    ]
    .iter()
    .any(|host| url.starts_with(host))
}

#[test]
fn every_still_true_point_of_the_2021_article_is_covered_for_its_platforms() {
    let mut missing = Vec::new();
    for point in POINTS {
        for id in point.platforms {
            let platform = catalog()
                .platform(id)
                .unwrap_or_else(|| panic!("{id} is not in the catalog"));
            let covering: Vec<&Guidance> = items(platform, point.section)
                .iter()
                .filter(|item| covers(item, point))
                .collect();
            let good = covering.iter().find(|item| {
                item.since_2021
                    && item.certainty == Certainty::Confirmed
                    && vendor_source(&item.source)
            });
            match good {
                Some(item) => println!(
                    "{id:18} {:12} {:60} <- {} ({}, {})",
                    format!("{:?}", point.section),
                    point.article.chars().take(60).collect::<String>(),
                    item.title,
                    item.source,
                    item.verified
                ),
                None => missing.push(format!(
                    "{id}: no confirmed, vendor-sourced [[{}]] item with since_2021 = true mentions {:?} \
                     (article: {}); candidates: {:?}",
                    match point.section {
                        Section::Security => "security",
                        Section::Integrations => "integrations",
                    },
                    point.words,
                    point.article,
                    covering.iter().map(|i| &i.title).collect::<Vec<_>>()
                )),
            }
        }
    }
    for (claim, id, field) in NO_LONGER_TRUE {
        let platform = catalog().platform(id).expect("platform in the catalog");
        let facts = fact_sources(platform);
        match facts
            .iter()
            .find(|f| f.field == *field)
            .and_then(|f| f.was_2021)
        {
            Some(was) => println!("no longer true: {claim} -> {id} {field} (was_2021: {was})"),
            None => missing.push(format!(
                "{id}: {field} should record the 2021 claim '{claim}' in was_2021"
            )),
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// `since_2021` means "the article already said this": every item that claims it on the
/// article's platforms must match one of the listed points, so the flag cannot drift.
#[test]
fn since_2021_on_the_articles_platforms_always_names_a_listed_point() {
    let article_platforms: Vec<&str> = [FARGATE, ACI, CLOUD_RUN, &["knative-gke"]].concat();
    let mut stray = Vec::new();
    for id in article_platforms {
        let platform = catalog().platform(id).expect("platform in the catalog");
        for section in [Section::Security, Section::Integrations] {
            for item in items(platform, section).iter().filter(|i| i.since_2021) {
                let known = POINTS.iter().any(|point| {
                    matches!(
                        (point.section, section),
                        (Section::Security, Section::Security)
                            | (Section::Integrations, Section::Integrations)
                    ) && covers(item, point)
                });
                if !known {
                    stray.push(format!("{id}: {:?} '{}'", section, item.title));
                }
            }
        }
    }
    assert!(
        stray.is_empty(),
        "since_2021 items that match no point of the article:\n{}",
        stray.join("\n")
    );
}

#[test]
fn the_point_matcher_tells_covering_items_from_others() {
    let item = |title: &str, detail: &str| Guidance {
        title: title.to_string().into(),
        detail: detail.to_string().into(),
        source: "https://docs.aws.amazon.com/x".into(),
        verified: "2026-11-30".into(),
        certainty: Certainty::Confirmed,
        when: Default::default(),
        since_2021: true,
    };
    let alarms = &POINTS[0];
    assert!(covers(&item("CloudWatch alarms", "on CPU"), alarms));
    assert!(!covers(&item("CloudWatch Logs", "awslogs driver"), alarms));
    assert!(vendor_source("https://learn.microsoft.com/azure/x"));
    assert!(!vendor_source("https://example.com/blog"));
}
