//! AWS: Fargate on ECS (task definition, service, CloudFormation), ECS Express Mode,
//! Lambda container images and App Runner.

use serde::Serialize;
use serde_json::json;

use super::cfn::{allow, att, log_group, pascal, r, role, sub, Resource, Template};
use super::yaml::{to_json, YamlFile};
use super::{lifecycle_warning, num, sh, Bundle, Ctx, AWS_ACCOUNT};
use crate::core::answers::Compliance;
use crate::core::deploy_rules::{cron_values, CRON_DAYS};

const TASKDEF_REF: &str =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html";
const CFN_REF: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NameValue {
    name: String,
    value: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SecretRef {
    name: String,
    value_from: String,
}

#[derive(Serialize)]
struct Tag {
    key: &'static str,
    value: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TaskDefinition {
    family: String,
    task_role_arn: String,
    execution_role_arn: String,
    network_mode: &'static str,
    requires_compatibilities: [&'static str; 1],
    cpu: String,
    memory: String,
    runtime_platform: RuntimePlatform,
    #[serde(skip_serializing_if = "Option::is_none")]
    ephemeral_storage: Option<EphemeralStorage>,
    container_definitions: Vec<ContainerDefinition>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    volumes: Vec<Volume>,
    tags: Vec<Tag>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuntimePlatform {
    cpu_architecture: &'static str,
    operating_system_family: &'static str,
}

#[derive(Serialize)]
struct EphemeralStorage {
    #[serde(rename = "sizeInGiB")]
    size_in_gib: u32,
}

#[derive(Serialize)]
struct Volume {
    name: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ContainerDefinition {
    name: String,
    image: String,
    essential: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    port_mappings: Vec<PortMapping>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    environment: Vec<NameValue>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    secrets: Vec<SecretRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    readonly_root_filesystem: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    linux_parameters: Option<LinuxParameters>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    mount_points: Vec<MountPoint>,
    log_configuration: LogConfiguration,
    #[serde(skip_serializing_if = "Option::is_none")]
    health_check: Option<HealthCheck>,
    stop_timeout: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PortMapping {
    container_port: u16,
    protocol: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LinuxParameters {
    capabilities: Capabilities,
    init_process_enabled: bool,
}

#[derive(Serialize)]
struct Capabilities {
    drop: [&'static str; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MountPoint {
    source_volume: &'static str,
    container_path: &'static str,
    read_only: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogConfiguration {
    log_driver: &'static str,
    options: LogOptions,
}

#[derive(Serialize)]
struct LogOptions {
    #[serde(rename = "awslogs-group")]
    group: String,
    #[serde(rename = "awslogs-region")]
    region: String,
    #[serde(rename = "awslogs-stream-prefix")]
    prefix: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct HealthCheck {
    command: [String; 2],
    interval: u32,
    timeout: u32,
    retries: u32,
    start_period: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NetworkConfiguration {
    awsvpc_configuration: AwsVpc,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AwsVpc {
    subnets: Vec<String>,
    security_groups: Vec<String>,
    assign_public_ip: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoadBalancer {
    target_group_arn: String,
    container_name: String,
    container_port: u16,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CircuitBreaker {
    enable: bool,
    rollback: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DeploymentConfiguration {
    deployment_circuit_breaker: CircuitBreaker,
    maximum_percent: u32,
    minimum_healthy_percent: u32,
}

/// Input of `aws ecs create-service --cli-input-json`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Service {
    cluster: String,
    service_name: String,
    task_definition: String,
    desired_count: u32,
    launch_type: &'static str,
    platform_version: &'static str,
    network_configuration: NetworkConfiguration,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    load_balancers: Vec<LoadBalancer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    health_check_grace_period_seconds: Option<u32>,
    deployment_configuration: DeploymentConfiguration,
    enable_execute_command: bool,
    #[serde(rename = "enableECSManagedTags")]
    enable_ecs_managed_tags: bool,
    propagate_tags: &'static str,
    tags: Vec<Tag>,
}

/// Input of `aws ecs run-task --cli-input-json`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunTask {
    cluster: String,
    task_definition: String,
    launch_type: &'static str,
    platform_version: &'static str,
    count: u32,
    network_configuration: NetworkConfiguration,
    propagate_tags: &'static str,
}

/// Input of `aws scheduler create-schedule --cli-input-json` (EventBridge Scheduler).
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Schedule {
    name: String,
    description: String,
    schedule_expression: String,
    schedule_expression_timezone: &'static str,
    flexible_time_window: FlexibleTimeWindow,
    state: &'static str,
    target: ScheduleTarget,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct FlexibleTimeWindow {
    mode: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ScheduleTarget {
    arn: String,
    role_arn: String,
    retry_policy: RetryPolicy,
    ecs_parameters: EcsParameters,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct RetryPolicy {
    maximum_retry_attempts: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct EcsParameters {
    task_definition_arn: String,
    launch_type: &'static str,
    platform_version: &'static str,
    task_count: u32,
    network_configuration: SchedulerNetwork,
}

/// EventBridge Scheduler spells the wrapper in camelCase and its members in PascalCase.
#[derive(Serialize)]
struct SchedulerNetwork {
    #[serde(rename = "awsvpcConfiguration")]
    awsvpc: SchedulerVpc,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct SchedulerVpc {
    subnets: Vec<String>,
    security_groups: Vec<String>,
    assign_public_ip: &'static str,
}

fn arn(service: &str, region: &str, rest: &str) -> String {
    format!("arn:aws:{service}:{region}:{AWS_ACCOUNT}:{rest}")
}

fn role_arn(name: &str, what: &str) -> String {
    format!("arn:aws:iam::{AWS_ACCOUNT}:role/REPLACE-{name}-{what}")
}

/// Secrets Manager secret name for one secret of this app: `<app>/<SECRET>`.
fn secret_id(c: &Ctx, secret: &str) -> String {
    format!("{}/{secret}", c.name())
}

/// The container's secrets as Secrets Manager references: names only, never values.
fn secret_refs(c: &Ctx) -> Vec<SecretRef> {
    c.d.secrets
        .iter()
        .map(|s| SecretRef {
            name: s.clone(),
            value_from: arn(
                "secretsmanager",
                &c.region,
                &format!("secret:{}", secret_id(c, s)),
            ),
        })
        .collect()
}

fn env_list(c: &Ctx) -> Vec<NameValue> {
    c.d.env
        .iter()
        .map(|e| NameValue {
            name: e.name.clone(),
            value: e.value.clone(),
        })
        .collect()
}

/// `repo` and its account/region when the image is in a private ECR registry.
fn ecr_repo(image: &str) -> Option<(&str, &str, &str)> {
    let (host, rest) = image.split_once('/')?;
    let mut parts = host.split('.');
    let (account, _, _, region) = (
        parts.next()?,
        parts.next().filter(|p| *p == "dkr")?,
        parts.next().filter(|p| *p == "ecr")?,
        parts.next()?,
    );
    let repo = rest.split(['@', ':']).next()?;
    Some((account, region, repo))
}

/// The image as Lambda and App Runner need it: in Amazon ECR, in this account and region.
/// An image from another registry gets a copy in ECR, and the steps to make it.
fn ecr_image(c: &Ctx, b: &mut Bundle) -> String {
    if ecr_repo(&c.d.image).is_some() {
        return c.d.image.clone();
    }
    let (first, rest) = c.d.image.split_once('/').unwrap_or(("", &c.d.image));
    let path = if first.contains(['.', ':']) || first == "localhost" {
        rest
    } else {
        &c.d.image
    };
    let cut = path.find(['@', ':']).unwrap_or(path.len());
    let (repo, suffix) = path.split_at(cut);
    let host = format!("{AWS_ACCOUNT}.dkr.ecr.{}.amazonaws.com", c.region);
    let tag = suffix
        .strip_prefix(':')
        .map(|t| t.split('@').next().unwrap_or(t))
        .unwrap_or("pinned");
    b.step(format!(
        "aws ecr create-repository --repository-name {} --image-scanning-configuration scanOnPush=true --image-tag-mutability IMMUTABLE --region {}  # skip if it exists",
        sh(repo),
        sh(&c.region)
    ));
    b.step(format!(
        "aws ecr get-login-password --region {} | skopeo login --username AWS --password-stdin {host} && skopeo copy --all docker://{} docker://{host}/{repo}:{tag}  # --all keeps the digest",
        sh(&c.region),
        c.d.image
    ));
    b.skip(
        "deploy.image",
        format!("This platform pulls only from Amazon ECR in the same region: the files use a copy at {host}/{repo}, made by the copy step."),
    );
    format!("{host}/{repo}{suffix}")
}

/// EventBridge cron: six fields with a year, `?` in one of the two day fields, and days of
/// week numbered 1 (Sunday) to 7 or named, with no `/` in that field. A standard day-of-week
/// field (Sunday 0 or 7, steps allowed) is written as the days it selects, by name, so no
/// number or step changes meaning on the way.
pub(crate) fn eventbridge_cron(expr: &str) -> String {
    let f: Vec<&str> = expr.split_whitespace().collect();
    let dow = cron_days(f[4]);
    let dom = if dow.is_some() && f[2] == "*" {
        "?"
    } else {
        f[2]
    };
    format!(
        "cron({} {} {} {} {} *)",
        f[0],
        f[1],
        dom,
        f[3].to_ascii_uppercase(),
        dow.unwrap_or_else(|| "?".into())
    )
}

/// The days a standard cron day-of-week field selects, as EventBridge names runs of them
/// ("MON-FRI", "SUN,WED"); `None` when it selects every day. The field has passed
/// `cron_error`: numbers 0-7 or SUN-SAT, `*`, ranges, lists and `/` steps.
fn cron_days(field: &str) -> Option<String> {
    // Sunday is 0, and 7 in a range.
    let mut on = [false; 7];
    for d in cron_values(field, 0, 6, &CRON_DAYS) {
        on[d as usize % 7] = true;
    }
    if on.iter().all(|&d| d) {
        return None;
    }
    let mut runs: Vec<String> = Vec::new();
    let mut d = 0;
    while d < 7 {
        if !on[d] {
            d += 1;
            continue;
        }
        let start = d;
        while d + 1 < 7 && on[d + 1] {
            d += 1;
        }
        match d - start {
            0 => runs.push(CRON_DAYS[start].into()),
            1 => runs.extend([CRON_DAYS[start].to_string(), CRON_DAYS[d].to_string()]),
            _ => runs.push(format!("{}-{}", CRON_DAYS[start], CRON_DAYS[d])),
        }
        d += 1;
    }
    Some(runs.join(","))
}

fn task_definition(c: &Ctx) -> TaskDefinition {
    let name = c.name().to_string();
    let linux = !c.windows();
    let health_check = c.http_health().filter(|_| linux).map(|path| HealthCheck {
        command: [
            "CMD-SHELL".into(),
            format!("curl -fsS http://localhost:{}{path} || exit 1", c.d.port),
        ],
        interval: 30,
        timeout: 5,
        retries: 3,
        start_period: 30,
    });
    let eph =
        c.a.ephemeral_storage_gib
            .map(|g| g.ceil() as u32)
            .filter(|g| linux && *g > 20);
    TaskDefinition {
        family: name.clone(),
        task_role_arn: role_arn(&name, "task-role"),
        execution_role_arn: role_arn(&name, "execution-role"),
        network_mode: "awsvpc",
        requires_compatibilities: ["FARGATE"],
        cpu: ((c.size.vcpu * 1024.0).round() as u32).to_string(),
        memory: c.mib().to_string(),
        runtime_platform: RuntimePlatform {
            cpu_architecture: if c.arm() { "ARM64" } else { "X86_64" },
            operating_system_family: if linux {
                "LINUX"
            } else {
                "WINDOWS_SERVER_2022_CORE"
            },
        },
        ephemeral_storage: eph.map(|g| EphemeralStorage {
            size_in_gib: g.min(200),
        }),
        container_definitions: vec![ContainerDefinition {
            name: name.clone(),
            image: c.d.image.clone(),
            essential: true,
            port_mappings: if c.http() {
                vec![PortMapping {
                    container_port: c.d.port,
                    protocol: "tcp",
                }]
            } else {
                vec![]
            },
            environment: env_list(c),
            secrets: secret_refs(c),
            readonly_root_filesystem: linux.then_some(true),
            user: linux.then_some("10001:10001"),
            linux_parameters: linux.then_some(LinuxParameters {
                capabilities: Capabilities { drop: ["ALL"] },
                init_process_enabled: true,
            }),
            mount_points: if linux {
                vec![MountPoint {
                    source_volume: "tmp",
                    container_path: "/tmp",
                    read_only: false,
                }]
            } else {
                vec![]
            },
            log_configuration: LogConfiguration {
                log_driver: "awslogs",
                options: LogOptions {
                    group: format!("/ecs/{name}"),
                    region: c.region.clone(),
                    prefix: "ecs",
                },
            },
            health_check,
            stop_timeout: 30,
        }],
        volumes: if linux {
            vec![Volume { name: "tmp" }]
        } else {
            vec![]
        },
        tags: vec![Tag {
            key: "app",
            value: name,
        }],
    }
}

fn network(subnets: Vec<String>, sgs: Vec<String>) -> NetworkConfiguration {
    NetworkConfiguration {
        awsvpc_configuration: AwsVpc {
            subnets,
            security_groups: sgs,
            assign_public_ip: "DISABLED",
        },
    }
}

fn placeholder_network() -> NetworkConfiguration {
    network(
        vec![
            "subnet-REPLACE-private-a".into(),
            "subnet-REPLACE-private-b".into(),
        ],
        vec!["sg-REPLACE-task".into()],
    )
}

fn service(c: &Ctx) -> Service {
    let name = c.name().to_string();
    Service {
        cluster: name.clone(),
        service_name: name.clone(),
        task_definition: name.clone(),
        desired_count: c.min().max(1),
        launch_type: "FARGATE",
        platform_version: "LATEST",
        network_configuration: placeholder_network(),
        load_balancers: if c.exposed() {
            vec![LoadBalancer {
                target_group_arn: arn(
                    "elasticloadbalancing",
                    &c.region,
                    &format!("targetgroup/{}/REPLACE", short(&name, 32)),
                ),
                container_name: name.clone(),
                container_port: c.d.port,
            }]
        } else {
            vec![]
        },
        health_check_grace_period_seconds: c.exposed().then_some(60),
        deployment_configuration: DeploymentConfiguration {
            deployment_circuit_breaker: CircuitBreaker {
                enable: true,
                rollback: true,
            },
            maximum_percent: 200,
            minimum_healthy_percent: 100,
        },
        enable_execute_command: false,
        enable_ecs_managed_tags: true,
        propagate_tags: "SERVICE",
        tags: vec![Tag {
            key: "app",
            value: name,
        }],
    }
}

fn short(s: &str, max: usize) -> &str {
    &s[..s.len().min(max)]
}

pub(crate) fn fargate_ecs(c: &Ctx, b: &mut Bundle) {
    let name = c.name();
    let region = sh(&c.region);
    let td = task_definition(c);
    b.file(
        "task-definition.json",
        "ECS task definition (aws ecs register-task-definition --cli-input-json). Replace the two role ARNs.",
        to_json(&td),
    );
    let cluster = sh(name);
    b.step(format!("aws ecs create-cluster --cluster-name {cluster} --settings name=containerInsights,value=enabled --region {region}"));
    b.step(format!(
        "aws logs create-log-group --log-group-name /ecs/{name} --region {region}"
    ));
    b.step(format!("aws logs put-retention-policy --log-group-name /ecs/{name} --retention-in-days 365 --region {region}"));
    for s in &c.d.secrets {
        b.step(format!(
            "aws secretsmanager create-secret --name {} --secret-string \"$VALUE\" --region {region}  # skip if it exists",
            sh(&secret_id(c, s))
        ));
    }
    role_steps(c, b);
    b.step(format!("aws ecs register-task-definition --cli-input-json file://task-definition.json --region {region}"));
    if c.job() {
        let rt = RunTask {
            cluster: name.into(),
            task_definition: name.into(),
            launch_type: "FARGATE",
            platform_version: "LATEST",
            count: 1,
            network_configuration: placeholder_network(),
            propagate_tags: "TASK_DEFINITION",
        };
        b.file(
            "run-task.json",
            "Runs the job once (aws ecs run-task --cli-input-json).",
            to_json(&rt),
        );
        b.step(format!(
            "aws ecs run-task --cli-input-json file://run-task.json --region {region}"
        ));
        if !c.d.schedule.is_empty() {
            let sched = Schedule {
                name: name.into(),
                description: format!("Runs {name} on cron '{}' (UTC)", c.d.schedule),
                schedule_expression: eventbridge_cron(&c.d.schedule),
                schedule_expression_timezone: "UTC",
                flexible_time_window: FlexibleTimeWindow { mode: "OFF" },
                state: "ENABLED",
                target: ScheduleTarget {
                    arn: arn("ecs", &c.region, &format!("cluster/{name}")),
                    role_arn: role_arn(name, "scheduler-role"),
                    retry_policy: RetryPolicy {
                        maximum_retry_attempts: c.d.retries.into(),
                    },
                    ecs_parameters: EcsParameters {
                        task_definition_arn: arn(
                            "ecs",
                            &c.region,
                            &format!("task-definition/{name}"),
                        ),
                        launch_type: "FARGATE",
                        platform_version: "LATEST",
                        task_count: 1,
                        network_configuration: SchedulerNetwork {
                            awsvpc: SchedulerVpc {
                                subnets: vec![
                                    "subnet-REPLACE-private-a".into(),
                                    "subnet-REPLACE-private-b".into(),
                                ],
                                security_groups: vec!["sg-REPLACE-task".into()],
                                assign_public_ip: "DISABLED",
                            },
                        },
                    },
                },
            };
            b.file(
                "schedule.json",
                "EventBridge Scheduler schedule that starts the task (aws scheduler create-schedule --cli-input-json).",
                to_json(&sched),
            );
            b.step(format!("aws scheduler create-schedule --cli-input-json file://schedule.json --region {region}"));
        }
        b.skip(
            "job_minutes",
            "ECS has no maximum run time for a task; stop long runs in the app, or start the task from Step Functions with a timeout.",
        );
        b.skip(
            "deploy.retries",
            "ECS does not re-run a task that exits with an error; the schedule's retry policy only covers failed launches. Use Step Functions or AWS Batch for task retries.",
        );
    } else {
        b.file(
            "service.json",
            "ECS service on Fargate (aws ecs create-service --cli-input-json). Replace subnets, security group and target group.",
            to_json(&service(c)),
        );
        b.step(format!(
            "aws ecs create-service --cli-input-json file://service.json --region {region}"
        ));
        let res = format!("service/{name}/{name}");
        b.step(format!(
            "aws application-autoscaling register-scalable-target --service-namespace ecs --scalable-dimension ecs:service:DesiredCount --resource-id {} --min-capacity {} --max-capacity {} --region {region}",
            sh(&res),
            c.min().max(1),
            c.max()
        ));
        b.step(format!(
            "aws application-autoscaling put-scaling-policy --policy-name cpu70 --service-namespace ecs --scalable-dimension ecs:service:DesiredCount --resource-id {} --policy-type TargetTrackingScaling --target-tracking-scaling-policy-configuration '{{\"TargetValue\":70,\"PredefinedMetricSpecification\":{{\"PredefinedMetricType\":\"ECSServiceAverageCPUUtilization\"}}}}' --region {region}",
            sh(&res)
        ));
        if c.min() == 0 {
            b.skip(
                "min_instances: 0",
                "An ECS service does not scale to zero on requests; the service keeps at least one task. Set the desired count to 0 by hand to pause it.",
            );
        }
    }
    b.file(
        "cloudformation.yaml",
        "The same deployment as one CloudFormation stack: cluster, roles, log group, security group, task definition and service or schedule.",
        ecs_template(c, &td),
    );
    let mut params = String::from("VpcId=vpc-REPLACE SubnetIds=subnet-REPLACE-a,subnet-REPLACE-b");
    if c.exposed() {
        params.push_str(" ListenerArn=REPLACE LoadBalancerSecurityGroupId=sg-REPLACE");
    }
    b.step(format!(
        "# Or, instead of the steps above, one stack: aws cloudformation deploy --template-file cloudformation.yaml --stack-name {} --capabilities CAPABILITY_IAM --region {region} --parameter-overrides {params}",
        sh(name)
    ));
    if c.a.gpu {
        b.skip(
            "gpu",
            "Fargate has no GPUs; GPU tasks need ECS on EC2 or ECS Managed Instances.",
        );
    }
    if c.windows() {
        b.skip(
            "secure defaults (Windows)",
            "Windows tasks can't use readonlyRootFilesystem, user or Linux capabilities, and the container health check is left out (it needs a Windows shell command); the load balancer's health check still applies.",
        );
    }
    if c.exposed() {
        b.skip(
            "load balancer",
            "The files attach the service to an existing Application Load Balancer (a listener ARN and its security group); create the ALB and HTTPS listener first, or use ecs-express, which creates one.",
        );
    }
}

fn ecs_template(c: &Ctx, td: &TaskDefinition) -> String {
    let as_of = c.as_of();
    let name = c.name();
    let cmek = c.has(Compliance::Cmek);
    let mut t = Template::new(format!(
        "{name} on AWS Fargate (ECS). Generated by Berth, catalog as of {as_of}."
    ));
    t.param("VpcId", "AWS::EC2::VPC::Id", "VPC for the tasks.", None);
    t.param(
        "SubnetIds",
        "List<AWS::EC2::Subnet::Id>",
        "Private subnets for the tasks (with a NAT gateway or VPC endpoints to pull images).",
        None,
    );
    if c.exposed() {
        t.param(
            "ListenerArn",
            "String",
            "HTTPS listener of your Application Load Balancer.",
            None,
        );
        t.param(
            "LoadBalancerSecurityGroupId",
            "AWS::EC2::SecurityGroup::Id",
            "Security group of that load balancer.",
            None,
        );
        t.param(
            "ListenerRulePriority",
            "Number",
            "Priority of the listener rule that forwards to this service.",
            Some(json!(100)),
        );
    }
    if cmek {
        t.param(
            "LogKmsKeyArn",
            "String",
            "Customer-managed KMS key for the log group.",
            None,
        );
    }
    t.resource(
        "Cluster",
        Resource::new(
            "AWS::ECS::Cluster",
            json!({ "ClusterSettings": [{ "Name": "containerInsights", "Value": "enabled" }] }),
        ),
    );
    t.resource(
        "LogGroup",
        log_group(&format!("/ecs/{name}"), cmek.then_some("LogKmsKeyArn")),
    );

    // Execution role: what the ECS agent needs to start the task, nothing more.
    let mut exec = vec![allow(
        &["logs:CreateLogStream", "logs:PutLogEvents"],
        att("LogGroup", "Arn"),
    )];
    if let Some((acct, reg, repo)) = ecr_repo(&c.d.image) {
        exec.push(allow(&["ecr:GetAuthorizationToken"], json!("*")));
        exec.push(allow(
            &[
                "ecr:BatchCheckLayerAvailability",
                "ecr:GetDownloadUrlForLayer",
                "ecr:BatchGetImage",
            ],
            sub(&format!(
                "arn:${{AWS::Partition}}:ecr:{reg}:{acct}:repository/{repo}"
            )),
        ));
    }
    if !c.d.secrets.is_empty() {
        exec.push(allow(
            &["secretsmanager:GetSecretValue"],
            sub(&format!("arn:${{AWS::Partition}}:secretsmanager:${{AWS::Region}}:${{AWS::AccountId}}:secret:{name}/*")),
        ));
    }
    t.resource(
        "ExecutionRole",
        role("ecs-tasks.amazonaws.com", "start-task", exec),
    );
    t.resource("TaskRole", role("ecs-tasks.amazonaws.com", "app", vec![]));

    let mut tdv = pascal(serde_json::to_value(td).unwrap_or_default());
    tdv["ExecutionRoleArn"] = att("ExecutionRole", "Arn");
    tdv["TaskRoleArn"] = att("TaskRole", "Arn");
    let cd = &mut tdv["ContainerDefinitions"][0];
    cd["LogConfiguration"]["Options"]["awslogs-group"] = r("LogGroup");
    cd["LogConfiguration"]["Options"]["awslogs-region"] = r("AWS::Region");
    if let Some(secrets) = cd["Secrets"].as_array_mut() {
        for (s, n) in secrets.iter_mut().zip(&c.d.secrets) {
            s["ValueFrom"] = sub(&format!("arn:${{AWS::Partition}}:secretsmanager:${{AWS::Region}}:${{AWS::AccountId}}:secret:{name}/{n}"));
        }
    }
    let td_res = Resource::new("AWS::ECS::TaskDefinition", tdv);
    t.resource(
        "TaskDefinition",
        if c.windows() {
            td_res.skip_checks(&[(
                super::scanner::WINDOWS_READ_ONLY_ROOT.id,
                super::scanner::WINDOWS_READ_ONLY_ROOT.why,
            )])
        } else {
            td_res
        },
    );

    let mut sg = json!({
        "GroupDescription": format!("{name} tasks"),
        "VpcId": r("VpcId"),
        "SecurityGroupEgress": [{
            "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0",
            "Description": "HTTPS to AWS APIs, the image registry and other HTTPS services"
        }]
    });
    if c.exposed() {
        sg["SecurityGroupIngress"] = json!([{
            "IpProtocol": "tcp", "FromPort": c.d.port, "ToPort": c.d.port,
            "SourceSecurityGroupId": r("LoadBalancerSecurityGroupId"),
            "Description": "From the load balancer only"
        }]);
    }
    t.resource(
        "TaskSecurityGroup",
        Resource::new("AWS::EC2::SecurityGroup", sg),
    );
    let awsvpc = json!({ "AwsvpcConfiguration": { "Subnets": r("SubnetIds"), "SecurityGroups": [r("TaskSecurityGroup")], "AssignPublicIp": "DISABLED" } });

    if c.job() {
        if !c.d.schedule.is_empty() {
            t.resource(
                "SchedulerRole",
                role(
                    "scheduler.amazonaws.com",
                    "run-task",
                    vec![
                        allow(&["ecs:RunTask"], sub(&format!("arn:${{AWS::Partition}}:ecs:${{AWS::Region}}:${{AWS::AccountId}}:task-definition/{name}:*"))),
                        json!({
                            "Effect": "Allow", "Action": ["iam:PassRole"],
                            "Resource": [att("ExecutionRole", "Arn"), att("TaskRole", "Arn")],
                            "Condition": { "StringLike": { "iam:PassedToService": "ecs-tasks.amazonaws.com" } }
                        }),
                    ],
                ),
            );
            t.resource(
                "Schedule",
                Resource::new(
                    "AWS::Scheduler::Schedule",
                    json!({
                        "Description": format!("Runs {name} (cron '{}', UTC)", c.d.schedule),
                        "ScheduleExpression": eventbridge_cron(&c.d.schedule),
                        "ScheduleExpressionTimezone": "UTC",
                        "FlexibleTimeWindow": { "Mode": "OFF" },
                        "Target": {
                            "Arn": att("Cluster", "Arn"),
                            "RoleArn": att("SchedulerRole", "Arn"),
                            "RetryPolicy": { "MaximumRetryAttempts": c.d.retries },
                            "EcsParameters": {
                                "TaskDefinitionArn": r("TaskDefinition"),
                                "LaunchType": "FARGATE",
                                "PlatformVersion": "LATEST",
                                "TaskCount": 1,
                                "NetworkConfiguration": awsvpc
                            }
                        }
                    }),
                ),
            );
        }
        t.output(
            "TaskDefinitionArn",
            r("TaskDefinition"),
            "Run it with aws ecs run-task.",
        );
    } else {
        let mut depends = vec![];
        if c.exposed() {
            let (version, matcher) = if c.grpc() {
                ("GRPC", json!({ "GrpcCode": "0-99" }))
            } else if c.h2c() {
                ("HTTP2", json!({ "HttpCode": "200-399" }))
            } else {
                ("HTTP1", json!({ "HttpCode": "200-399" }))
            };
            let mut tg = json!({
                "TargetType": "ip", "Protocol": "HTTP", "ProtocolVersion": version, "Port": c.d.port,
                "VpcId": r("VpcId"), "Matcher": matcher, "HealthCheckProtocol": "HTTP",
                "TargetGroupAttributes": [{ "Key": "deregistration_delay.timeout_seconds", "Value": "30" }]
            });
            if let Some(p) = c.health() {
                tg["HealthCheckPath"] = json!(p);
            }
            t.resource(
                "TargetGroup",
                Resource::new("AWS::ElasticLoadBalancingV2::TargetGroup", tg),
            );
            t.resource(
                "ListenerRule",
                Resource::new(
                    "AWS::ElasticLoadBalancingV2::ListenerRule",
                    json!({
                        "ListenerArn": r("ListenerArn"),
                        "Priority": r("ListenerRulePriority"),
                        "Conditions": [{ "Field": "path-pattern", "PathPatternConfig": { "Values": ["/*"] } }],
                        "Actions": [{ "Type": "forward", "TargetGroupArn": r("TargetGroup") }]
                    }),
                ),
            );
            depends.push("ListenerRule");
        }
        let mut sv = pascal(serde_json::to_value(service(c)).unwrap_or_default());
        sv["Cluster"] = r("Cluster");
        sv["TaskDefinition"] = r("TaskDefinition");
        sv["NetworkConfiguration"] = awsvpc;
        if let Some(lb) = sv["LoadBalancers"].get_mut(0) {
            lb["TargetGroupArn"] = r("TargetGroup");
        }
        if let Some(o) = sv.as_object_mut() {
            o.remove("Tags");
            o.insert("Tags".into(), json!([{ "Key": "app", "Value": name }]));
        }
        let mut svc = Resource::new("AWS::ECS::Service", sv);
        if !depends.is_empty() {
            svc = svc.after(depends);
        }
        t.resource("Service", svc);
        t.resource(
            "ScalableTarget",
            Resource::new(
                "AWS::ApplicationAutoScaling::ScalableTarget",
                json!({
                    "MinCapacity": c.min().max(1), "MaxCapacity": c.max(),
                    "ResourceId": sub("service/${Cluster}/${Service.Name}"),
                    "ScalableDimension": "ecs:service:DesiredCount",
                    "ServiceNamespace": "ecs"
                }),
            ),
        );
        t.resource(
            "CpuScalingPolicy",
            Resource::new(
                "AWS::ApplicationAutoScaling::ScalingPolicy",
                json!({
                    "PolicyName": format!("{}-cpu70", short(name, 200)),
                    "PolicyType": "TargetTrackingScaling",
                    "ScalingTargetId": r("ScalableTarget"),
                    "TargetTrackingScalingPolicyConfiguration": {
                        "PredefinedMetricSpecification": { "PredefinedMetricType": "ECSServiceAverageCPUUtilization" },
                        "TargetValue": 70, "ScaleInCooldown": 120, "ScaleOutCooldown": 60
                    }
                }),
            ),
        );
        t.output("ServiceName", att("Service", "Name"), "The ECS service.");
    }
    t.output("ClusterName", r("Cluster"), "The ECS cluster.");
    let mut y = YamlFile::new(&format!(
        "CloudFormation template: {name} on AWS Fargate (ECS).\nReference: {CFN_REF}\nTask definition fields: {TASKDEF_REF}\nGenerated by Berth, catalog as of {as_of}. Review before deploying.\n{}",
        c.image_note()
    ));
    y.doc(
        "",
        &t,
        &[
            ("ExecutionRole", "Used by ECS to start the task: pull the image, write logs, read this app's secrets."),
            ("TaskRole", "Used by your code. Add statements for the AWS APIs the app calls, scoped to its resources."),
            ("Cpu", "Task size from your answers, as Fargate CPU units (1024 = 1 vCPU) and MiB."),
            ("ReadonlyRootFilesystem", "Read-only image file system; /tmp is a writable scratch volume."),
            ("User", "Runs as a non-root UID:GID. Change it to the user your image is built for."),
            ("HealthCheck", "Runs inside the container and needs curl in the image; remove it if the image has no shell."),
            ("AssignPublicIp", "Tasks get no public IP; they reach the internet through NAT or VPC endpoints."),
            ("DeploymentCircuitBreaker", "Rolls back a deployment whose tasks keep failing to start."),
        ],
    );
    y.finish()
}

/// `aws iam` steps for the task execution role (with this app's secrets) and the task role.
fn role_steps(c: &Ctx, b: &mut Bundle) {
    let name = c.name();
    let trust = "'{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}'";
    for role in ["execution-role", "task-role"] {
        b.step(format!("aws iam create-role --role-name REPLACE-{name}-{role} --assume-role-policy-document {trust}"));
    }
    b.step(format!(
        "aws iam attach-role-policy --role-name REPLACE-{name}-execution-role --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
    ));
    if !c.d.secrets.is_empty() {
        b.step(format!(
            "aws iam put-role-policy --role-name REPLACE-{name}-execution-role --policy-name read-{name}-secrets --policy-document '{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"arn:aws:secretsmanager:{}:{AWS_ACCOUNT}:secret:{name}/*\"}}]}}'",
            c.region
        ));
    }
}

pub(crate) fn ecs_express(c: &Ctx, b: &mut Bundle) {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Express {
        service_name: String,
        cluster: &'static str,
        execution_role_arn: String,
        infrastructure_role_arn: String,
        task_role_arn: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        health_check_path: Option<String>,
        primary_container: Primary,
        #[serde(skip_serializing_if = "Option::is_none")]
        network_configuration: Option<Net>,
        cpu: String,
        memory: String,
        cpu_architecture: &'static str,
        scaling_target: Scaling,
        tags: Vec<Tag>,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Primary {
        image: String,
        container_port: u16,
        aws_logs_configuration: Logs,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        environment: Vec<NameValue>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        secrets: Vec<SecretRef>,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Logs {
        log_group: String,
        log_stream_prefix: &'static str,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Net {
        subnets: Vec<&'static str>,
        security_groups: Vec<&'static str>,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Scaling {
        min_task_count: u32,
        max_task_count: u32,
        auto_scaling_metric: &'static str,
        auto_scaling_target_value: u32,
    }
    let name = c.name().to_string();
    let region = sh(&c.region);
    let input = Express {
        service_name: name.clone(),
        cluster: "default",
        execution_role_arn: role_arn(&name, "execution-role"),
        infrastructure_role_arn: role_arn(&name, "infrastructure-role"),
        task_role_arn: role_arn(&name, "task-role"),
        health_check_path: c.health().map(str::to_string),
        primary_container: Primary {
            image: c.d.image.clone(),
            container_port: c.d.port,
            aws_logs_configuration: Logs {
                log_group: format!("/ecs/{name}"),
                log_stream_prefix: "ecs",
            },
            environment: env_list(c),
            secrets: secret_refs(c),
        },
        network_configuration: c.private().then(|| Net {
            subnets: vec!["subnet-REPLACE-private-a", "subnet-REPLACE-private-b"],
            security_groups: vec!["sg-REPLACE-task"],
        }),
        cpu: ((c.size.vcpu * 1024.0).round() as u32).to_string(),
        memory: c.mib().to_string(),
        cpu_architecture: if c.arm() { "ARM64" } else { "X86_64" },
        scaling_target: Scaling {
            min_task_count: c.min().max(1),
            max_task_count: c.max(),
            auto_scaling_metric: "REQUEST_COUNT_PER_TARGET",
            auto_scaling_target_value: c.concurrency() * 10,
        },
        tags: vec![Tag {
            key: "app",
            value: name.clone(),
        }],
    };
    b.file(
        "express-service.json",
        "ECS Express Mode service (aws ecs create-express-gateway-service --cli-input-json). Replace the role ARNs.",
        to_json(&input),
    );
    for s in &c.d.secrets {
        b.step(format!("aws secretsmanager create-secret --name {} --secret-string \"$VALUE\" --region {region}  # skip if it exists", sh(&secret_id(c, s))));
    }
    role_steps(c, b);
    b.step(format!(
        "aws iam create-role --role-name REPLACE-{name}-infrastructure-role --assume-role-policy-document '{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":{{\"Service\":\"ecs.amazonaws.com\"}},\"Action\":\"sts:AssumeRole\"}}]}}'"
    ));
    b.step(format!(
        "aws iam attach-role-policy --role-name REPLACE-{name}-infrastructure-role --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRoleforExpressGatewayServices  # policy name not confirmed: check the ECS Express Mode docs"
    ));
    b.step(format!("aws ecs create-express-gateway-service --cli-input-json file://express-service.json --region {region}"));
    b.step(format!("aws ecs describe-express-gateway-service --service-arn REPLACE-service-arn-from-the-previous-output --region {region}"));
    b.skip(
        "unconfirmed",
        "The input shape was checked against the ECS API model (CreateExpressGatewayService). Not confirmed from documentation: the managed policy name for the infrastructure role (and the service principal it trusts), and whether private subnets give an internal load balancer.",
    );
    if !c.http() {
        b.skip("workload", "ECS Express Mode runs web services behind a load balancer; workers and jobs need fargate-ecs.");
    }
    if !c.windows() {
        b.skip(
            "read-only root file system, non-root user",
            "Express Mode's primary container has no such settings; register your own task definition (with a container named Main) and pass taskDefinitionArn to set them.",
        );
    } else {
        b.skip("os: windows", "Express services always run Linux.");
    }
    if c.min() == 0 {
        b.skip(
            "min_instances: 0",
            "Express services keep at least one task running.",
        );
    }
}

pub(crate) fn lambda(c: &Ctx, b: &mut Bundle) {
    let as_of = c.as_of();
    let name = c.name();
    let region = sh(&c.region);
    let image = ecr_image(c, b);
    let mut t = Template::new(format!("{name} as an AWS Lambda container-image function. Generated by Berth, catalog as of {as_of}."));
    let cmek = c.has(Compliance::Cmek);
    let vpc = c.private();
    if vpc {
        t.param(
            "SubnetIds",
            "List<AWS::EC2::Subnet::Id>",
            "Private subnets for the function.",
            None,
        );
        t.param(
            "SecurityGroupIds",
            "List<AWS::EC2::SecurityGroup::Id>",
            "Security groups for the function.",
            None,
        );
    }
    if cmek {
        t.param(
            "KmsKeyArn",
            "String",
            "Customer-managed KMS key for environment variables and logs.",
            None,
        );
    }
    t.resource(
        "LogGroup",
        log_group(&format!("/aws/lambda/{name}"), cmek.then_some("KmsKeyArn")),
    );
    let mut stmts = vec![allow(
        &["logs:CreateLogStream", "logs:PutLogEvents"],
        att("LogGroup", "Arn"),
    )];
    if !c.d.secrets.is_empty() {
        stmts.push(allow(
            &["secretsmanager:GetSecretValue"],
            sub(&format!("arn:${{AWS::Partition}}:secretsmanager:${{AWS::Region}}:${{AWS::AccountId}}:secret:{name}/*")),
        ));
    }
    let mut fn_role = role("lambda.amazonaws.com", "run", stmts);
    if vpc {
        fn_role.properties["ManagedPolicyArns"] = json!([sub(
            "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
        )]);
    }
    t.resource("FunctionRole", fn_role);
    let mut vars = serde_json::Map::new();
    for e in &c.d.env {
        vars.insert(e.name.clone(), json!(e.value));
    }
    for s in &c.d.secrets {
        vars.insert(
            format!("{s}_SECRET_ARN"),
            sub(&format!("arn:${{AWS::Partition}}:secretsmanager:${{AWS::Region}}:${{AWS::AccountId}}:secret:{name}/{s}")),
        );
    }
    let timeout = if c.job() {
        c.job_seconds()
    } else {
        c.request_seconds()
    };
    let mut f = json!({
        "FunctionName": name,
        "PackageType": "Image",
        "Code": { "ImageUri": image },
        "Role": att("FunctionRole", "Arn"),
        "MemorySize": c.mib(),
        "Timeout": timeout,
        "Architectures": [if c.arm() { "arm64" } else { "x86_64" }],
        "ReservedConcurrentExecutions": c.max(),
        "LoggingConfig": { "LogFormat": "JSON", "LogGroup": r("LogGroup") },
        "TracingConfig": { "Mode": "Active" }
    });
    if !vars.is_empty() {
        f["Environment"] = json!({ "Variables": vars });
    }
    if vpc {
        f["VpcConfig"] =
            json!({ "SubnetIds": r("SubnetIds"), "SecurityGroupIds": r("SecurityGroupIds") });
    }
    if cmek {
        f["KmsKeyArn"] = r("KmsKeyArn");
    }
    let mut skips = vec![
        ("CKV_AWS_272", "Code signing applies to .zip packages; container-image functions are verified through the image digest instead"),
        ("CKV_AWS_116", "A dead-letter queue applies to asynchronous invocations; add DeadLetterConfig if the function is invoked asynchronously"),
    ];
    if !vpc {
        skips.push(("CKV_AWS_117", "Not attached to a VPC because the answers ask for no private network; pass subnets to reach private resources"));
    }
    if !cmek {
        skips.push(("CKV_AWS_173", "Environment variables hold no secret values (secrets are read from Secrets Manager) and are encrypted with an AWS-managed key"));
    }
    t.resource(
        "Function",
        Resource::new("AWS::Lambda::Function", f).skip_checks(&skips),
    );
    if c.exposed() {
        let public = !c.private();
        t.resource(
            "FunctionUrl",
            Resource::new(
                "AWS::Lambda::Url",
                json!({ "TargetFunctionArn": att("Function", "Arn"), "AuthType": if public { "NONE" } else { "AWS_IAM" } }),
            )
            .skip_checks(if public { &[("CKV_AWS_258", "The answers ask for a public web endpoint (ingress: public)")] } else { &[] }),
        );
        if public {
            t.resource(
                "FunctionUrlPermission",
                Resource::new(
                    "AWS::Lambda::Permission",
                    json!({ "Action": "lambda:InvokeFunctionUrl", "FunctionName": r("Function"), "Principal": "*", "FunctionUrlAuthType": "NONE" }),
                ),
            );
        }
        t.output(
            "FunctionUrl",
            att("FunctionUrl", "FunctionUrl"),
            "HTTPS endpoint of the function.",
        );
    }
    if c.job() && !c.d.schedule.is_empty() {
        t.resource(
            "SchedulerRole",
            role(
                "scheduler.amazonaws.com",
                "invoke",
                vec![allow(&["lambda:InvokeFunction"], att("Function", "Arn"))],
            ),
        );
        t.resource(
            "Schedule",
            Resource::new(
                "AWS::Scheduler::Schedule",
                json!({
                    "ScheduleExpression": eventbridge_cron(&c.d.schedule),
                    "ScheduleExpressionTimezone": "UTC",
                    "FlexibleTimeWindow": { "Mode": "OFF" },
                    "Target": { "Arn": att("Function", "Arn"), "RoleArn": att("SchedulerRole", "Arn"), "RetryPolicy": { "MaximumRetryAttempts": c.d.retries } }
                }),
            ),
        );
    }
    t.output("FunctionArn", att("Function", "Arn"), "The function.");
    let mut y = YamlFile::new(&format!(
        "CloudFormation template: {name} as a Lambda function from a container image.\nReference: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html\nGenerated by Berth, catalog as of {as_of}. The image must be in Amazon ECR, in this account's region.\n{}",
        c.image_note()
    ));
    y.doc(
        "",
        &t,
        &[
            ("MemorySize", &format!("MiB, from the size for this platform ({} GiB); Lambda gives CPU in proportion to memory.", num(c.size.memory_gib))),
            ("ReservedConcurrentExecutions", "Caps concurrent instances at your max_instances, which also protects downstream systems."),
            ("FunctionRole", "Only writes to its own log group and reads this app's secrets. Add what your code needs."),
        ],
    );
    b.file(
        "template.yaml",
        "CloudFormation template for the function, its role and log group.",
        y.finish(),
    );
    for s in &c.d.secrets {
        b.step(format!("aws secretsmanager create-secret --name {} --secret-string \"$VALUE\" --region {region}  # skip if it exists", sh(&secret_id(c, s))));
    }
    let mut params = String::new();
    if vpc {
        params.push_str(" --parameter-overrides SubnetIds=subnet-REPLACE-a,subnet-REPLACE-b SecurityGroupIds=sg-REPLACE");
    }
    if cmek {
        params.push_str(if vpc {
            " KmsKeyArn=REPLACE"
        } else {
            " --parameter-overrides KmsKeyArn=REPLACE"
        });
    }
    b.step(format!(
        "aws cloudformation deploy --template-file template.yaml --stack-name {} --capabilities CAPABILITY_IAM --region {region}{params}",
        sh(name)
    ));
    if c.http() {
        b.skip(
            "deploy.port, deploy.health_path",
            "Lambda calls a handler, not a port. To run an ordinary HTTP server image, add the AWS Lambda Web Adapter to the image; it forwards invocations to your port.",
        );
    }
    if !c.d.secrets.is_empty() {
        b.skip(
            "deploy.secrets",
            "Lambda can't inject Secrets Manager values as variables: each secret's ARN is passed as <NAME>_SECRET_ARN and the role may read it; fetch the value at start-up.",
        );
    }
    if c.a.gpu {
        b.skip("gpu", "Lambda has no GPUs.");
    }
    if c.job() {
        b.skip("deploy.retries", "Scheduled invocations are asynchronous: Lambda retries a failed one up to 2 times by itself; the schedule's retry policy covers delivery only.");
    }
}

pub(crate) fn app_runner(c: &Ctx, b: &mut Bundle) {
    let name = c.name();
    let region = sh(&c.region);
    let image = ecr_image(c, b);
    let status = lifecycle_warning(c.platform).unwrap_or_default();
    let mut t = Template::new(format!(
        "{name} on AWS App Runner. {status} Generated by Berth, catalog as of {}.",
        c.as_of()
    ));
    let mut inst = vec![];
    if !c.d.secrets.is_empty() {
        inst.push(allow(
            &["secretsmanager:GetSecretValue"],
            sub(&format!("arn:${{AWS::Partition}}:secretsmanager:${{AWS::Region}}:${{AWS::AccountId}}:secret:{name}/*")),
        ));
    }
    t.resource(
        "InstanceRole",
        role("tasks.apprunner.amazonaws.com", "app", inst),
    );
    {
        let mut access = role("build.apprunner.amazonaws.com", "pull", vec![]);
        access.properties["ManagedPolicyArns"] =
            json!([sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSAppRunnerServicePolicyForECRAccess")]);
        t.resource("AccessRole", access);
    }
    // The API refuses sizes above the per-service instance limit the catalog states.
    let scaling = crate::core::catalog::catalog()
        .platform(&b.platform_id)
        .map(|p| &p.scaling);
    let limit = scaling
        .and_then(|s| s.max_instances.value.max())
        .unwrap_or(u32::MAX);
    let concurrency_limit = scaling
        .and_then(|s| s.max_concurrency.value.max())
        .unwrap_or(u32::MAX);
    if c.max() > limit {
        b.skip(
            "max_instances",
            format!("App Runner runs at most {limit} instances per service; the files set {limit}. Split the traffic over several services for more."),
        );
    }
    t.resource(
        "AutoScaling",
        Resource::new(
            "AWS::AppRunner::AutoScalingConfiguration",
            json!({ "AutoScalingConfigurationName": short(name, 32), "MinSize": c.min().max(1).min(limit), "MaxSize": c.max().min(limit), "MaxConcurrency": c.concurrency().min(concurrency_limit) }),
        ),
    );
    let mut image_config = json!({ "Port": c.d.port.to_string() });
    if !c.d.env.is_empty() {
        image_config["RuntimeEnvironmentVariables"] = json!(c
            .d
            .env
            .iter()
            .map(|e| json!({ "Name": e.name, "Value": e.value }))
            .collect::<Vec<_>>());
    }
    if !c.d.secrets.is_empty() {
        image_config["RuntimeEnvironmentSecrets"] = json!(c
            .d
            .secrets
            .iter()
            .map(|s| json!({ "Name": s, "Value": sub(&format!("arn:${{AWS::Partition}}:secretsmanager:${{AWS::Region}}:${{AWS::AccountId}}:secret:{name}/{s}")) }))
            .collect::<Vec<_>>());
    }
    let mut source = json!({
        "AutoDeploymentsEnabled": false,
        "ImageRepository": {
            "ImageIdentifier": image,
            "ImageRepositoryType": "ECR",
            "ImageConfiguration": image_config
        }
    });
    {
        source["AuthenticationConfiguration"] =
            json!({ "AccessRoleArn": att("AccessRole", "Arn") });
    }
    let mut svc = json!({
        "ServiceName": name,
        "SourceConfiguration": source,
        "InstanceConfiguration": {
            "Cpu": ((c.size.vcpu * 1024.0).round() as u32).to_string(),
            "Memory": c.mib().to_string(),
            "InstanceRoleArn": att("InstanceRole", "Arn")
        },
        "AutoScalingConfigurationArn": r("AutoScaling"),
        "NetworkConfiguration": { "IngressConfiguration": { "IsPubliclyAccessible": !c.private() } }
    });
    if let Some(p) = c.http_health() {
        svc["HealthCheckConfiguration"] = json!({ "Protocol": "HTTP", "Path": p });
    }
    t.resource("Service", Resource::new("AWS::AppRunner::Service", svc));
    t.output(
        "ServiceUrl",
        att("Service", "ServiceUrl"),
        "Default domain of the service.",
    );
    let mut y = YamlFile::new(&format!(
        "CloudFormation template: {name} on AWS App Runner.\n{status}\nReference: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apprunner-service.html\nGenerated by Berth, catalog as of {}.\n{}",
        c.as_of(),
        c.image_note()
    ));
    y.doc(
        "",
        &t,
        &[(
            "InstanceConfiguration",
            "Size from your answers: CPU units (1024 = 1 vCPU) and MiB.",
        )],
    );
    b.file(
        "cloudformation.yaml",
        "CloudFormation template for the App Runner service, its roles and auto scaling.",
        y.finish(),
    );
    b.step(format!(
        "aws cloudformation deploy --template-file cloudformation.yaml --stack-name {} --capabilities CAPABILITY_IAM --region {region}",
        sh(name)
    ));
    if !status.is_empty() {
        b.skip(
            "platform status",
            format!("{status} Existing accounts can keep using it; if yours is new to it, deploy on the successor instead."),
        );
    }
    if c.private() {
        b.skip("ingress: private", "Private App Runner services also need a VPC interface endpoint and a VpcIngressConnection; create them by hand.");
    }
    if !c.http() {
        b.skip("workload", "App Runner runs web services only.");
    }
    if !c.windows() {
        b.skip(
            "read-only root file system, non-root user",
            "App Runner has no settings for these; build the image with a non-root USER.",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cron_to_eventbridge() {
        assert_eq!(eventbridge_cron("0 3 * * *"), "cron(0 3 * * ? *)");
        assert_eq!(
            eventbridge_cron("*/15 9-17 * * *"),
            "cron(*/15 9-17 * * ? *)"
        );
        assert_eq!(eventbridge_cron("0 9 * * 1-5"), "cron(0 9 ? * MON-FRI *)");
        assert_eq!(eventbridge_cron("30 2 1 * *"), "cron(30 2 1 * ? *)");
        assert_eq!(eventbridge_cron("0 0 * * 0,7"), "cron(0 0 ? * SUN *)");
        assert_eq!(eventbridge_cron("0 0 * jan mon"), "cron(0 0 ? JAN MON *)");
        assert_eq!(
            eventbridge_cron("0 0 * * Sat,sun"),
            "cron(0 0 ? * SUN,SAT *)"
        );
    }

    /// Steps, Sunday as 7 and wrapping ranges keep their days (EventBridge has no `/` in
    /// this field and numbers Sunday 1), and a field that selects every day is any day.
    #[test]
    fn cron_day_of_week_keeps_its_days() {
        for (field, days) in [
            ("1-5/2", "MON,WED,FRI"),
            ("*/2", "SUN,TUE,THU,SAT"),
            ("1/2", "MON,WED,FRI"),
            ("5-7", "SUN,FRI,SAT"),
            ("6-7", "SUN,SAT"),
            ("1-7/2", "SUN,MON,WED,FRI"),
            ("7", "SUN"),
            ("0", "SUN"),
            ("2,3", "TUE,WED"),
            ("1,2,3", "MON-WED"),
            ("MON-FRI", "MON-FRI"),
            ("tue-thu/2", "TUE,THU"),
            ("1/1", "MON-SAT"),
            ("7/2", "SUN,TUE,THU,SAT"),
            ("7/7", "SUN"),
        ] {
            assert_eq!(
                eventbridge_cron(&format!("0 3 * * {field}")),
                format!("cron(0 3 ? * {days} *)"),
                "{field}"
            );
        }
        for every_day in ["0-7", "0-6", "*/1", "1-7", "0,1,2,3,4,5,6"] {
            assert_eq!(
                eventbridge_cron(&format!("0 3 * * {every_day}")),
                "cron(0 3 * * ? *)",
                "{every_day}"
            );
        }
    }

    #[test]
    fn ecr_images() {
        assert_eq!(
            ecr_repo("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:1.0"),
            Some(("123456789012", "eu-west-1", "team/app"))
        );
        assert_eq!(ecr_repo("ghcr.io/team/app:1.0"), None);
    }
}
