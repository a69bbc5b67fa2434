//! CloudFormation template building blocks: the template, resources, intrinsic
//! functions, and the PascalCase view of an AWS API input.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::{json, Value};

/// A map that keeps insertion order (logical ids read top to bottom as written).
pub(crate) struct Ordered<T = Value>(pub Vec<(String, T)>);

impl<T> Default for Ordered<T> {
    fn default() -> Self {
        Ordered(Vec::new())
    }
}

impl<T> Ordered<T> {
    pub(crate) fn add(&mut self, key: &str, value: T) {
        self.0.push((key.into(), value));
    }
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T: Serialize> Serialize for Ordered<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Template {
    #[serde(rename = "AWSTemplateFormatVersion")]
    pub version: &'static str,
    pub description: String,
    #[serde(skip_serializing_if = "Ordered::is_empty")]
    pub parameters: Ordered,
    #[serde(skip_serializing_if = "Ordered::is_empty")]
    pub conditions: Ordered,
    pub resources: Ordered<Resource>,
    #[serde(skip_serializing_if = "Ordered::is_empty")]
    pub outputs: Ordered,
}

impl Template {
    pub(crate) fn new(description: String) -> Self {
        Template {
            version: "2010-09-09",
            description,
            parameters: Ordered::default(),
            conditions: Ordered::default(),
            resources: Ordered::default(),
            outputs: Ordered::default(),
        }
    }

    pub(crate) fn param(
        &mut self,
        name: &str,
        kind: &str,
        description: &str,
        default: Option<Value>,
    ) {
        let mut p = json!({ "Type": kind, "Description": description });
        if let Some(d) = default {
            p["Default"] = d;
        }
        self.parameters.add(name, p);
    }

    pub(crate) fn resource(&mut self, id: &str, r: Resource) {
        self.resources.add(id, r);
    }

    pub(crate) fn output(&mut self, name: &str, value: Value, description: &str) {
        self.outputs
            .add(name, json!({ "Description": description, "Value": value }));
    }
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Resource {
    #[serde(rename = "Type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depends_on: Option<Vec<&'static str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Value>,
    pub properties: Value,
}

impl Resource {
    pub(crate) fn new(kind: &'static str, properties: Value) -> Self {
        Resource {
            kind,
            depends_on: None,
            metadata: None,
            properties: literal_dollars(properties),
        }
    }

    /// Checks skipped on this resource, each with the written reason (read by checkov).
    pub(crate) fn skip_checks(mut self, skips: &[(&str, &str)]) -> Self {
        if !skips.is_empty() {
            let list: Vec<Value> = skips
                .iter()
                .map(|(id, why)| json!({ "id": id, "comment": why }))
                .collect();
            self.metadata = Some(json!({ "checkov": { "skip": list } }));
        }
        self
    }

    pub(crate) fn after(mut self, ids: Vec<&'static str>) -> Self {
        self.depends_on = Some(ids);
        self
    }
}

pub(crate) fn r(name: &str) -> Value {
    json!({ "Ref": name })
}

pub(crate) fn att(resource: &str, attribute: &str) -> Value {
    json!({ "Fn::GetAtt": [resource, attribute] })
}

/// Keeps `${` in free text literal. CloudFormation reads `${Name}` only inside `Fn::Sub`,
/// and cfn-lint rejects it anywhere else (E1029), so a plain string holding `${` becomes
/// an `Fn::Sub` whose `${!` is Sub's escape for a literal `${`. Strings already inside
/// an `Fn::Sub` are the generator's own and are left as written.
fn literal_dollars(v: Value) -> Value {
    match v {
        Value::String(s) if s.contains("${") => sub(&s.replace("${", "${!")),
        Value::Object(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| {
                    let v = if k == "Fn::Sub" {
                        v
                    } else {
                        literal_dollars(v)
                    };
                    (k, v)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(literal_dollars).collect()),
        other => other,
    }
}

/// `Fn::Sub`; only for strings built from validated names, never free text.
pub(crate) fn sub(s: &str) -> Value {
    json!({ "Fn::Sub": s })
}

/// The PascalCase view of an AWS API input: CloudFormation properties mirror the
/// API's camelCase members (`containerDefinitions` → `ContainerDefinitions`), except
/// free-form maps such as log driver `options`, whose keys are kept.
pub(crate) fn pascal(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| {
                    let v = if k == "options" { v } else { pascal(v) };
                    let mut c = k.chars();
                    let key = c
                        .next()
                        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                        .unwrap_or_default();
                    (key, v)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(pascal).collect()),
        other => other,
    }
}

/// An IAM role that `service` (e.g. `ecs-tasks.amazonaws.com`) can assume, with inline
/// policy statements. Where the service documents it (ECS tasks, EventBridge Scheduler),
/// the trust is limited to this account against the confused-deputy problem.
pub(crate) fn role(service: &str, policy_name: &str, statements: Vec<Value>) -> Resource {
    let mut props = json!({
        "AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Principal": { "Service": service },
                "Action": "sts:AssumeRole",
                "Condition": { "StringEquals": { "aws:SourceAccount": r("AWS::AccountId") } }
            }]
        }
    });
    if !matches!(
        service,
        "ecs-tasks.amazonaws.com" | "scheduler.amazonaws.com"
    ) {
        if let Some(o) = props["AssumeRolePolicyDocument"]["Statement"][0].as_object_mut() {
            o.remove("Condition");
        }
    }
    if !statements.is_empty() {
        props["Policies"] = json!([{
            "PolicyName": policy_name,
            "PolicyDocument": { "Version": "2012-10-17", "Statement": statements }
        }]);
    }
    Resource::new("AWS::IAM::Role", props)
}

pub(crate) fn allow(actions: &[&str], resource: Value) -> Value {
    json!({ "Effect": "Allow", "Action": actions, "Resource": resource })
}

/// A log group kept a year (the minimum most audits ask for), optionally encrypted
/// with a customer-managed key given as a parameter.
pub(crate) fn log_group(name: &str, kms_param: Option<&str>) -> Resource {
    let mut props = json!({ "LogGroupName": name, "RetentionInDays": 365 });
    match kms_param {
        Some(p) => {
            props["KmsKeyId"] = r(p);
            Resource::new("AWS::Logs::LogGroup", props)
        }
        None => Resource::new("AWS::Logs::LogGroup", props).skip_checks(&[(
            "CKV_AWS_158",
            "CloudWatch Logs encrypts log data at rest by default; a customer-managed key is added when the answers ask for CMEK",
        )]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_dollar_braces_stay_literal() {
        let props = json!({
            "Environment": { "Variables": { "A1": "${HOME}/x ${!y}", "B1": "plain $HOME" } },
            "Arn": sub("arn:${AWS::Partition}:s3:::b")
        });
        assert_eq!(
            Resource::new("AWS::Lambda::Function", props).properties,
            json!({
                "Environment": { "Variables": {
                    "A1": { "Fn::Sub": "${!HOME}/x ${!!y}" },
                    "B1": "plain $HOME"
                } },
                "Arn": { "Fn::Sub": "arn:${AWS::Partition}:s3:::b" }
            })
        );
    }

    #[test]
    fn pascal_keeps_option_keys() {
        let v = pascal(
            json!({"logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g"}}, "sizeInGiB": 21}),
        );
        assert_eq!(
            v,
            json!({"LogConfiguration": {"LogDriver": "awslogs", "Options": {"awslogs-group": "g"}}, "SizeInGiB": 21})
        );
    }
}
