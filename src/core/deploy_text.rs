//! The deploy details as a person types them: one form field per detail, environment
//! variables as `NAME=value` lines and secrets as one name per line. Reading a field
//! either updates the details or says what to change; nothing else is touched.

use super::answers::{DeployDetails, EnvVar};

/// The form fields, by the answers path they edit.
pub const FIELDS: [&str; 9] = [
    "deploy.name",
    "deploy.image",
    "deploy.port",
    "deploy.health_path",
    "deploy.env",
    "deploy.secrets",
    "deploy.schedule",
    "deploy.retries",
    "deploy.region",
];

/// The text a form field shows for the current details.
pub fn text_of(d: &DeployDetails, field: &str) -> String {
    match field {
        "deploy.name" => d.name.clone(),
        "deploy.image" => d.image.clone(),
        "deploy.port" => d.port.to_string(),
        "deploy.health_path" => d.health_path.clone(),
        "deploy.env" => d
            .env
            .iter()
            .map(|e| [e.name.as_str(), "=", e.value.as_str()].concat())
            .collect::<Vec<_>>()
            .join("\n"),
        "deploy.secrets" => d.secrets.join("\n"),
        "deploy.schedule" => d.schedule.clone(),
        "deploy.retries" => d.retries.to_string(),
        "deploy.region" => d.region.clone(),
        _ => String::new(),
    }
}

/// Reads what was typed into `field`. On error nothing changes and the message says what
/// to type instead; finer checks (naming rules, image references, cron) come from the
/// manifest generator, per platform.
pub fn set(d: &mut DeployDetails, field: &str, text: &str) -> Result<(), String> {
    match field {
        "deploy.name" => d.name = text.trim().to_string(),
        "deploy.image" => d.image = text.trim().to_string(),
        "deploy.port" => {
            d.port = match text.trim().parse::<u16>() {
                Ok(p) if p > 0 => p,
                _ => return Err("Enter a port number from 1 to 65535.".into()),
            }
        }
        "deploy.health_path" => d.health_path = text.trim().to_string(),
        "deploy.env" => d.env = env_from_text(text)?,
        "deploy.secrets" => {
            // A value typed here must not be kept, shown or shared: refuse the line without
            // repeating it.
            if let Some(i) = text.lines().position(|l| l.contains('=')) {
                return Err(format!(
                    "Line {}: a secret is a name only, such as DB_PASSWORD. Its value belongs in the platform's secret store, so Berth has not kept this line; remove the '=' and what follows.",
                    i + 1
                ));
            }
            d.secrets = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect()
        }
        "deploy.schedule" => d.schedule = text.split_whitespace().collect::<Vec<_>>().join(" "),
        "deploy.retries" => {
            d.retries = text
                .trim()
                .parse::<u8>()
                .map_err(|_| "Enter a whole number of retries from 0 to 255.".to_string())?
        }
        "deploy.region" => d.region = text.trim().to_string(),
        _ => return Err("is not a deploy detail".into()),
    }
    Ok(())
}

/// `NAME=value` lines; blank lines are skipped and the value may itself contain `=`.
pub fn env_from_text(text: &str) -> Result<Vec<EnvVar>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((name, value)) = line.split_once('=') else {
            return Err(format!("Line {}: write NAME=value.", i + 1));
        };
        out.push(EnvVar {
            name: name.trim().to_string(),
            value: value.to_string(),
        });
    }
    Ok(out)
}

/// The form field a generator error is about, and the line within it for lists:
/// `deploy.env[2].name` is line 3 of `deploy.env`.
pub fn field_of(error_field: &str) -> (&'static str, Option<usize>) {
    let (base, index) = match error_field.split_once('[') {
        Some((base, rest)) => (
            base,
            rest.split(']').next().and_then(|n| n.parse::<usize>().ok()),
        ),
        None => (error_field, None),
    };
    match FIELDS.iter().find(|f| **f == base) {
        Some(f) => (f, index),
        None => ("", None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_round_trips_through_its_text() {
        let mut d = DeployDetails::default();
        for (field, text) in [
            ("deploy.name", "orders"),
            ("deploy.image", "ghcr.io/acme/orders:2.1.0"),
            ("deploy.port", "9000"),
            ("deploy.health_path", "/ready"),
            ("deploy.env", "LOG_LEVEL=info\nDSN=postgres://h/db?a=b"),
            ("deploy.secrets", "DB_PASSWORD\nAPI_KEY"),
            ("deploy.schedule", "0 3 * * *"),
            ("deploy.retries", "5"),
            ("deploy.region", "europe-west1"),
        ] {
            set(&mut d, field, text).expect(field);
            assert_eq!(text_of(&d, field), text, "{field}");
        }
        assert_eq!(
            d.env[1].value, "postgres://h/db?a=b",
            "values may contain '='"
        );
        assert_eq!(d.secrets, ["DB_PASSWORD", "API_KEY"]);
    }

    #[test]
    fn bad_text_changes_nothing_and_says_what_to_type() {
        let mut d = DeployDetails::default();
        let before = d.clone();
        assert!(set(&mut d, "deploy.port", "http")
            .unwrap_err()
            .contains("1 to 65535"));
        assert!(set(&mut d, "deploy.port", "0").is_err());
        assert!(set(&mut d, "deploy.retries", "-1")
            .unwrap_err()
            .contains("0 to 255"));
        assert_eq!(
            set(&mut d, "deploy.env", "A=1\n\nOOPS").unwrap_err(),
            "Line 3: write NAME=value."
        );
        assert!(set(&mut d, "deploy.colour", "red").is_err());
        // A secret's value is refused, and the message does not repeat it.
        let e = set(&mut d, "deploy.secrets", "API_KEY\nDB_PASSWORD=supersecret").unwrap_err();
        assert!(e.starts_with("Line 2: a secret is a name only"), "{e}");
        assert!(!e.contains("supersecret"), "{e}");
        assert_eq!(d, before);
    }

    /// A `NAME=value` secret in stored or shared answers keeps its name only, by every
    /// reader: the whole struct, saved answers (strict and lenient) and a share link.
    #[test]
    fn stored_secret_values_are_dropped_on_reading() {
        let d: DeployDetails =
            serde_json::from_str(r#"{"secrets": ["DB_PASSWORD=supersecret", "API_KEY"]}"#).unwrap();
        assert_eq!(d.secrets, ["DB_PASSWORD", "API_KEY"]);
        let saved =
            r#"{"version": 1, "deploy": {"secrets": ["DB_PASSWORD=supersecret", "API_KEY"]}}"#;
        let strict = crate::core::answers::parse_answers(saved).unwrap();
        let (lenient, _) = crate::core::answers::parse_answers_lenient(saved).unwrap();
        let mut leaky = crate::core::answers::Answers::default();
        leaky.deploy.secrets = vec!["DB_PASSWORD=supersecret".into()];
        let shared = crate::core::share_link::decode(&crate::core::share_link::encode(&leaky))
            .unwrap()
            .answers;
        for a in [strict, lenient] {
            assert_eq!(a.deploy.secrets, ["DB_PASSWORD", "API_KEY"]);
        }
        assert_eq!(shared.deploy.secrets, ["DB_PASSWORD"]);
    }

    #[test]
    fn tidies_what_was_typed() {
        let mut d = DeployDetails::default();
        set(&mut d, "deploy.secrets", "  A \n\n B\n").unwrap();
        assert_eq!(d.secrets, ["A", "B"]);
        set(&mut d, "deploy.schedule", " 0  3 * *   * ").unwrap();
        assert_eq!(d.schedule, "0 3 * * *");
        set(&mut d, "deploy.env", "").unwrap();
        assert!(d.env.is_empty());
    }

    #[test]
    fn generator_errors_map_to_form_fields_and_lines() {
        assert_eq!(field_of("deploy.name"), ("deploy.name", None));
        assert_eq!(field_of("deploy.env[2].name"), ("deploy.env", Some(2)));
        assert_eq!(field_of("deploy.secrets[0]"), ("deploy.secrets", Some(0)));
        assert_eq!(field_of("platform"), ("", None));
    }
}
