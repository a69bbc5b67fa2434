//! Checks the deploy details against each platform's rules before any file is made,
//! with messages that name the field to fix.

use super::{Cloud, Target};
use crate::core::answers::{AnswerError, Answers, WorkloadKind};
use crate::core::catalog::{catalog, EnvVarRules};
use crate::core::deploy_rules::{cron_error, printable, region_shape};

fn err(out: &mut Vec<AnswerError>, field: impl Into<String>, message: impl Into<String>) {
    out.push(AnswerError {
        field: field.into(),
        message: message.into(),
    });
}

/// DNS-1123 label: lowercase letters, digits and '-', starts with a letter, ends with a letter or digit.
fn dns_label(s: &str, max: usize) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= max
        && b[0].is_ascii_lowercase()
        && b[b.len() - 1] != b'-'
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

fn chars(s: &str, min: usize, max: usize, ok: impl Fn(u8) -> bool) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(ok)
}

fn ident(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && (b[0].is_ascii_alphabetic() || b[0] == b'_')
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

fn name_rule(t: Target, name: &str) -> Result<(), String> {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
    let (ok, rule) = match t {
        Target::FargateEcs | Target::EcsExpress => (
            chars(name, 1, 255, word),
            "an ECS family and service name: use letters, digits, '_' and '-', at most 255 characters",
        ),
        Target::LambdaImage => (
            chars(name, 1, 64, word),
            "a Lambda function name: use letters, digits, '_' and '-', at most 64 characters",
        ),
        Target::AppRunner => (
            chars(name, 4, 40, word) && name.as_bytes()[0].is_ascii_alphanumeric(),
            "an App Runner service name: 4 to 40 letters, digits, '_' and '-', starting with a letter or digit",
        ),
        Target::CloudRun => (
            dns_label(name, 49),
            "a Cloud Run service name: use lowercase letters, digits and '-', start with a letter, end with a letter or digit, at most 49 characters",
        ),
        Target::ContainerApps => (
            dns_label(name, 32) && name.len() >= 2 && !name.contains("--"),
            "a Container Apps name: use lowercase letters, digits and '-', start with a letter, end with a letter or digit, no '--', 2 to 32 characters",
        ),
        Target::Aci => (
            dns_label(name, 63) && !name.contains("--"),
            "a container group name: use lowercase letters, digits and '-', start with a letter, end with a letter or digit, no '--', at most 63 characters",
        ),
        _ => (
            dns_label(name, 63),
            "a Kubernetes name: use lowercase letters, digits and '-', start with a letter, end with a letter or digit, at most 63 characters",
        ),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("'{}' is not valid as {rule}", printable(name)))
    }
}

/// Checks an image reference: `[registry/]repo[:tag][@sha256:digest]`, with a tag or digest.
pub fn image_error(image: &str) -> Option<String> {
    if image.is_empty() {
        return Some(
            "give the image reference, for example registry.example.com/team/app:1.2.3".into(),
        );
    }
    if image.len() > 512 {
        return Some("an image reference is at most 512 characters".into());
    }
    if let Some(c) = image
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "._-/:@".contains(*c)))
    {
        let what = if c.is_whitespace() || c.is_control() {
            "whitespace or control characters".to_string()
        } else {
            format!("'{c}'")
        };
        return Some(format!("an image reference can't contain {what}; use registry/repository:tag or repository@sha256:<digest>"));
    }
    let (name, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (image, None),
    };
    if let Some(d) = digest {
        let hex = d.strip_prefix("sha256:").unwrap_or("");
        if hex.len() != 64
            || !hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return Some("a digest is written @sha256: followed by 64 lowercase hex digits".into());
        }
    }
    let last = name.rsplit('/').next().unwrap_or(name);
    let tag = last.split_once(':').map(|(_, t)| t);
    if name.is_empty()
        || name.starts_with('/')
        || name.ends_with('/')
        || name.contains("//")
        || last.is_empty()
    {
        return Some("the repository part is malformed; use registry/repository:tag".into());
    }
    // The registry host (a first part with '.' or ':', or localhost) may have capitals; the
    // repository path may not, and no registry would find it.
    let repository = last.split(':').next().unwrap_or(last);
    let path: Vec<&str> = name.split('/').collect();
    let host = path.len() > 1 && (path[0].contains(['.', ':']) || path[0] == "localhost");
    let in_path = path[usize::from(host)..path.len() - 1]
        .iter()
        .chain([&repository]);
    if in_path
        .clone()
        .any(|p| p.bytes().any(|b| b.is_ascii_uppercase()))
    {
        let lower: Vec<String> = in_path.map(|p| p.to_ascii_lowercase()).collect();
        return Some(format!(
            "a repository name is lowercase: write '{}'",
            lower.join("/")
        ));
    }
    match (tag, digest) {
        (Some(""), _) => Some("the tag after ':' is empty".into()),
        (Some("latest"), None) | (None, None) => Some(
            "pin a version tag or a digest (repository:1.2.3 or repository@sha256:...): ':latest' or no tag makes deployments unrepeatable".into(),
        ),
        _ => None,
    }
}

/// Names the platform sets itself and refuses in user environment variables.
fn reserved_env(t: Target, name: &str) -> bool {
    match t {
        Target::CloudRun | Target::KnativeGke => matches!(
            name,
            "PORT" | "K_SERVICE" | "K_REVISION" | "K_CONFIGURATION"
        ),
        Target::CloudRunJobs => matches!(
            name,
            "CLOUD_RUN_JOB"
                | "CLOUD_RUN_EXECUTION"
                | "CLOUD_RUN_TASK_INDEX"
                | "CLOUD_RUN_TASK_ATTEMPT"
                | "CLOUD_RUN_TASK_COUNT"
        ),
        Target::LambdaImage => {
            name.starts_with("AWS_")
                || matches!(
                    name,
                    "_HANDLER"
                        | "_X_AMZN_TRACE_ID"
                        | "LAMBDA_TASK_ROOT"
                        | "LAMBDA_RUNTIME_DIR"
                        | "TZ"
                )
        }
        _ => false,
    }
}

/// The variables a bundle sets for `t`, as (name, value) pairs: the answers' own, and
/// for Lambda one `<SECRET>_SECRET_ARN` per secret, whose value is an ARN of at most
/// `SECRET_ARN_MAX` bytes plus the names in it.
fn bundle_env(t: Target, a: &Answers) -> Vec<(String, usize)> {
    let d = &a.deploy;
    let mut vars: Vec<(String, usize)> = d
        .env
        .iter()
        .map(|e| (e.name.clone(), json_len(&e.value)))
        .collect();
    if t == Target::LambdaImage {
        // arn:aws-us-gov:secretsmanager:<region, at most 20>:<12-digit account>:secret:<name>/<secret>
        const SECRET_ARN_MAX: usize = 79;
        vars.extend(d.secrets.iter().map(|s| {
            (
                format!("{s}_SECRET_ARN"),
                SECRET_ARN_MAX + d.name.len() + s.len() + 2,
            )
        }));
    }
    vars
}

/// Bytes a string takes inside a JSON object, quotes and escapes included: a
/// conservative count of what the platform's API stores.
fn json_len(s: &str) -> usize {
    serde_json::to_string(s).map_or(s.len() * 6 + 2, |j| j.len())
}

/// Applies the catalog's environment-variable rules for the platform.
fn env_rules(t: Target, rules: &EnvVarRules, a: &Answers, out: &mut Vec<AnswerError>) {
    let min = rules.name_min_len as usize;
    for (i, e) in a.deploy.env.iter().enumerate() {
        if !ident(&e.name) {
            continue; // already refused with the general rule
        }
        let field = format!("deploy.env[{i}].name");
        if e.name.len() < min {
            let m = format!(
                "'{}' is too short: this platform needs names of at least {min} characters",
                printable(&e.name)
            );
            err(out, &field, m);
        } else if rules.name_starts_with_letter && !e.name.as_bytes()[0].is_ascii_alphabetic() {
            let m = format!(
                "'{}' must start with a letter on this platform",
                printable(&e.name)
            );
            err(out, &field, m);
        }
    }
    for (i, s) in a.deploy.secrets.iter().enumerate() {
        if rules.name_starts_with_letter && ident(s) && !s.as_bytes()[0].is_ascii_alphabetic() {
            err(
                out,
                format!("deploy.secrets[{i}]"),
                format!(
                    "'{}' must start with a letter on this platform, as it names an environment variable",
                    printable(s)
                ),
            );
        }
    }
    if let Some(max) = rules.max_total_bytes {
        let total: usize = bundle_env(t, a)
            .iter()
            .map(|(name, value)| json_len(name) + 1 + value)
            .sum::<usize>()
            + 2;
        if total > max as usize {
            err(
                out,
                "deploy.env",
                format!(
                    "the environment variables take about {total} bytes together (secrets' ARN variables included); this platform allows {max}: shorten values or move them to a secret or a file"
                ),
            );
        }
    }
}

/// Every problem with the answers for this platform, or `Ok` when files can be made.
pub(crate) fn check(t: Target, platform_id: &str, a: &Answers) -> Result<(), Vec<AnswerError>> {
    let d = &a.deploy;
    let mut out = Vec::new();
    if let Some(rules) = catalog()
        .platform(platform_id)
        .and_then(|p| p.env_vars.as_ref())
    {
        env_rules(t, &rules.value, a, &mut out);
    }
    if let Err(m) = name_rule(t, &d.name) {
        err(&mut out, "deploy.name", m);
    }
    if let Some(m) = image_error(&d.image) {
        err(&mut out, "deploy.image", m);
    }
    if a.workload == WorkloadKind::HttpService {
        if d.port == 0 {
            err(
                &mut out,
                "deploy.port",
                "the port must be between 1 and 65535",
            );
        }
        if matches!(t, Target::CloudRun | Target::KnativeGke)
            && matches!(d.port, 8012 | 8013 | 8022 | 9090 | 9091)
        {
            err(
                &mut out,
                "deploy.port",
                format!(
                    "port {} is reserved by the Knative queue proxy; use another (8080 is usual)",
                    d.port
                ),
            );
        }
        let path_ok = d.health_path.is_empty()
            || (d.health_path.starts_with('/')
                && d.health_path.len() <= 255
                && d.health_path
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"/._~%-".contains(&b)));
        if !path_ok {
            err(
                &mut out,
                "deploy.health_path",
                "start with '/' and use only letters, digits and / . _ ~ % -, at most 255 characters (or leave it empty)",
            );
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for (i, e) in d.env.iter().enumerate() {
        let field = format!("deploy.env[{i}].name");
        if !ident(&e.name) || e.name.len() > 255 {
            err(&mut out, &field, format!("'{}' is not a valid variable name: use letters, digits and '_', not starting with a digit", printable(&e.name)));
        } else if seen.contains(&e.name.as_str()) {
            err(&mut out, &field, format!("'{}' is set twice", e.name));
        } else if reserved_env(t, &e.name) {
            err(
                &mut out,
                &field,
                format!(
                    "'{}' is set by the platform itself; choose another name",
                    e.name
                ),
            );
        }
        seen.push(&e.name);
        if e.value.contains('\0') {
            err(
                &mut out,
                format!("deploy.env[{i}].value"),
                "a value can't contain a NUL character",
            );
        }
    }
    for (i, s) in d.secrets.iter().enumerate() {
        let field = format!("deploy.secrets[{i}]");
        if !ident(s) || s.len() > 100 {
            err(&mut out, &field, format!("'{}' is not a valid secret name: it becomes an environment variable, so use letters, digits and '_', not starting with a digit, at most 100 characters", printable(s)));
        } else if seen.contains(&s.as_str()) {
            err(
                &mut out,
                &field,
                format!("'{s}' is already used by another variable or secret"),
            );
        } else if t.cloud() == Cloud::Azure && (s.starts_with('_') || s.ends_with('_')) {
            // '_' becomes '-' in a Key Vault name and '.' in a Container Apps secret name,
            // which must start and end with a letter or digit; `--name -token` would also
            // read as an option in the az steps.
            err(
                &mut out,
                &field,
                format!("'{s}' can't name an Azure secret: '_' becomes '-' or '.' there, and a name must start and end with a letter or digit; drop the leading or trailing '_'"),
            );
        } else if let Some(other) = d.secrets[..i]
            .iter()
            .find(|o| t.cloud() == Cloud::Azure && o.eq_ignore_ascii_case(s))
        {
            err(
                &mut out,
                &field,
                format!("'{s}' and '{other}' would be the same Azure Key Vault secret, whose names ignore case; rename one"),
            );
        } else if reserved_env(t, s) {
            err(
                &mut out,
                &field,
                format!("'{s}' is set by the platform itself; choose another name"),
            );
        }
        seen.push(s);
    }
    if a.workload == WorkloadKind::Job && !d.schedule.is_empty() {
        if let Some(m) = cron_error(&d.schedule) {
            err(&mut out, "deploy.schedule", m);
        } else if matches!(t, Target::FargateEcs | Target::LambdaImage) {
            let f: Vec<&str> = d.schedule.split_whitespace().collect();
            if f[2] != "*" && f[4] != "*" {
                err(&mut out, "deploy.schedule", "EventBridge Scheduler can't restrict both day of month and day of week; set one of them to '*'");
            }
        }
    }
    let cloud_run_job =
        t == Target::CloudRunJobs || (t == Target::CloudRun && a.workload == WorkloadKind::Job);
    if cloud_run_job && d.retries > 10 {
        err(
            &mut out,
            "deploy.retries",
            "Cloud Run jobs retry a task at most 10 times",
        );
    }
    if !d.region.is_empty()
        && !chars(&d.region, 2, 40, |c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-'
        })
    {
        err(
            &mut out,
            "deploy.region",
            "use the cloud's region id, for example us-east-1, westeurope or europe-west1",
        );
    } else if !d.region.is_empty() && !region_shape(t.cloud(), &d.region) {
        let (cloud, example) = match t.cloud() {
            Cloud::Aws => ("an AWS", "us-east-1 or eu-west-2"),
            Cloud::Azure => ("an Azure", "eastus or westeurope"),
            Cloud::Gcp => ("a Google Cloud", "us-central1 or europe-west1"),
        };
        err(
            &mut out,
            "deploy.region",
            format!(
                "'{}' is not {cloud} region id; write one like {example}",
                d.region
            ),
        );
    }
    if out.is_empty() {
        Ok(())
    } else {
        Err(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images() {
        assert_eq!(image_error("nginx:1.27"), None);
        assert_eq!(
            image_error("registry.example.com:5000/team/app:1.2.3"),
            None
        );
        assert_eq!(
            image_error(&format!("ghcr.io/a/b@sha256:{}", "a".repeat(64))),
            None
        );
        assert_eq!(
            image_error(&format!("ghcr.io/a/b:1@sha256:{}", "0".repeat(64))),
            None
        );
        assert!(image_error("nginx").is_some());
        assert!(image_error("nginx:latest").is_some());
        assert!(image_error("nginx:1 ; rm").is_some());
        assert!(image_error("nginx:1\n---").is_some());
        assert!(image_error("\"nginx:1\"").is_some());
        assert!(image_error("a/b@sha256:xyz").is_some());
        assert!(image_error("registry:5000/app").is_some());
        // Tags and the registry host may have capitals; the repository path may not.
        assert_eq!(image_error("GHCR.io/acme/app:V1.2"), None);
        assert_eq!(
            image_error("ghcr.io/Acme/App:1").as_deref(),
            Some("a repository name is lowercase: write 'acme/app'")
        );
        assert_eq!(
            image_error("MyApp:1").as_deref(),
            Some("a repository name is lowercase: write 'myapp'")
        );
    }

    fn lambda_with_env(env: &[(&str, String)]) -> Result<(), Vec<AnswerError>> {
        let mut a = crate::core::answers::Archetype::PublicWeb.preset();
        a.deploy.env = env
            .iter()
            .map(|(n, v)| crate::core::answers::EnvVar {
                name: n.to_string(),
                value: v.clone(),
            })
            .collect();
        check(Target::LambdaImage, "lambda-image", &a)
    }

    #[test]
    fn lambda_env_follows_the_catalog_rules() {
        let rules = &catalog().platform("lambda-image").unwrap().env_vars;
        let rules = &rules
            .as_ref()
            .expect("Lambda states its env var rules")
            .value;
        let min = rules.name_min_len as usize;
        let max = rules.max_total_bytes.unwrap() as usize;
        assert!(lambda_with_env(&[(&"A".repeat(min), "x".into())]).is_ok());
        let short = lambda_with_env(&[(&"A".repeat(min - 1), "x".into())]).unwrap_err();
        assert_eq!(short[0].field, "deploy.env[0].name");
        let leading = lambda_with_env(&[("_AB", "x".into())]).unwrap_err();
        assert_eq!(leading[0].field, "deploy.env[0].name");
        assert!(lambda_with_env(&[("BIG", "x".repeat(max - 20))]).is_ok());
        let big = lambda_with_env(&[("BIG", "x".repeat(max))]).unwrap_err();
        assert_eq!(big[0].field, "deploy.env");
        // Other platforms take one-letter names.
        let mut a = crate::core::answers::Archetype::PublicWeb.preset();
        a.deploy.env = vec![crate::core::answers::EnvVar {
            name: "A".into(),
            value: "x".into(),
        }];
        assert!(check(Target::CloudRun, "cloud-run", &a).is_ok());
    }

    #[test]
    fn names() {
        assert!(name_rule(Target::FargateEks, "web-1").is_ok());
        assert!(name_rule(Target::FargateEks, "Web").is_err());
        assert!(name_rule(Target::FargateEks, "1web").is_err());
        assert!(name_rule(Target::FargateEks, "web-").is_err());
        assert!(name_rule(Target::FargateEks, &"a".repeat(64)).is_err());
        assert!(name_rule(Target::ContainerApps, &"a".repeat(33)).is_err());
        assert!(name_rule(Target::ContainerApps, "a--b").is_err());
        assert!(name_rule(Target::FargateEcs, "My_Service").is_ok());
        assert!(name_rule(Target::FargateEcs, "my service").is_err());
        assert!(name_rule(Target::AppRunner, "abc").is_err());
    }
}
