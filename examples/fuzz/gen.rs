//! Seeded generators of answers documents, deploy details and hostile text, shared by
//! the deep fuzz run (`examples/fuzz`) and the validators' random sample
//! (`examples/manifest_samples.rs`). The same seed always gives the same inputs.

use berth::core::answers::Archetype;
use berth::core::questionnaire::{QuestionKind, QUESTIONS};
use serde_json::{json, Map, Value};

/// SplitMix64: small, fast, and the same sequence on every machine for one seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// True with probability `percent` in 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Text that has broken YAML, JSON, CloudFormation, ARM, Helm-style templates and shells
/// before: document markers, YAML 1.1 words, substitutions, control and invisible
/// characters, byte-order marks, very long values.
pub fn hostile(rng: &mut Rng) -> String {
    const WORDS: &[&str] = &[
        "\n",
        "a\nb: c",
        "---",
        "--- !!str\nx",
        "...",
        "'",
        "\"",
        "''",
        "\"\\\"",
        "NO",
        "no",
        "Yes",
        "on",
        "OFF",
        "y",
        "n",
        "~",
        "null",
        "Null",
        "true",
        "12:30",
        "1:2:3",
        "0x1F",
        "0o17",
        "017",
        "1e3",
        ".inf",
        "-.NaN",
        "1_000",
        "2026-11-30",
        "${AWS::Region}",
        "${Foo}",
        "${!Literal}",
        "${{secrets.X}}",
        "[concat('a', 'b')]",
        "[parameters('p')]",
        "[",
        "]",
        "{{ .Values.x }}",
        "{{",
        "}}",
        "$(VAR)",
        "$(echo hi)",
        "`id`",
        "$HOME",
        "#",
        " # comment",
        "&anchor",
        "*alias",
        "!!python/object:os.system",
        "!Ref X",
        "%TAG",
        "@",
        "|",
        ">-",
        "- item",
        "key: value",
        "{a: b}",
        "[a, b]",
        "\\",
        "\\n",
        "\t",
        "\r\n",
        "\r",
        "\u{0}",
        "\u{7}",
        "\u{1b}[31m",
        "\u{85}",
        "\u{2028}",
        "\u{2029}",
        "\u{FEFF}",
        "\u{FEFF}bom",
        "\u{202E}gnp.exe",
        "\u{200B}",
        "héllo",
        "日本語",
        "😀",
        "𝕏",
        "<script>alert(1)</script>",
        "</textarea>",
        "&amp;",
        "%00",
        "%s%n",
        "' OR 1=1 --",
        "C:\\Windows\\",
        "/etc/passwd",
        "../../x",
        "=cmd|' /C calc'!A0",
        " ",
        "  lead",
        "trail  ",
        "",
    ];
    let mut s = String::new();
    for _ in 0..1 + rng.below(3) {
        let word = WORDS[rng.below(WORDS.len())];
        s.push_str(word);
    }
    if rng.chance(3) {
        let unit = rng.pick(WORDS).to_string();
        let n = 1 + rng.below(5000);
        s.push_str(&unit.repeat(n.min(20_000 / unit.len().max(1))));
        s.push_str(&"x".repeat(rng.below(9000)));
    }
    s
}

/// A name a platform may accept: a DNS label, sometimes with capitals or '_'.
pub fn plausible_name(rng: &mut Rng) -> String {
    const HEADS: &[&str] = &["web", "api", "worker", "job", "my-service", "a", "svc"];
    let mut s = rng.pick(HEADS).to_string();
    for _ in 0..rng.below(3) {
        s.push('-');
        s.push_str(&format!("{}", rng.below(1000)));
    }
    if rng.chance(5) {
        s.push_str(&"x".repeat(rng.below(70)));
    }
    if rng.chance(5) {
        s = s.to_uppercase().replace('-', "_");
    }
    s
}

/// An environment variable or secret name: mostly valid, sometimes one letter, a
/// leading '_', a digit or worse.
pub fn var_name(rng: &mut Rng) -> String {
    const GOOD: &[&str] = &[
        "B1",
        "LOG_LEVEL",
        "FEATURE_FLAGS",
        "DB_URL",
        "Ab",
        "lower_case",
        "APP",
    ];
    const RISKY: &[&str] = &[
        "A",
        "X",
        "_X",
        "PORT",
        "AWS_REGION",
        "TZ",
        "1ABC",
        "a-b",
        "K_SERVICE",
        "CLOUD_RUN_JOB",
        "_HANDLER",
    ];
    if rng.chance(3) {
        return hostile(rng);
    }
    let mut s = if rng.chance(85) {
        rng.pick(GOOD)
    } else {
        rng.pick(RISKY)
    }
    .to_string();
    if rng.chance(30) {
        s.push_str(&format!("_{}", rng.below(100)));
    }
    s
}

/// Deploy details as JSON: plausible or hostile in every field.
pub fn deploy(rng: &mut Rng, hostile_percent: u64) -> Value {
    let h = |rng: &mut Rng, plausible: &dyn Fn(&mut Rng) -> Value| {
        if rng.chance(hostile_percent) {
            json!(hostile(rng))
        } else {
            plausible(rng)
        }
    };
    let name = h(rng, &|r| json!(plausible_name(r)));
    let image = h(rng, &|r| {
        json!(match r.below(10) {
            0 => "registry.example.com/team/app:1.2.3".to_string(),
            1 => format!("ghcr.io/acme/api@sha256:{}", "ab".repeat(32)),
            9 => "nginx:latest".to_string(),
            _ => format!(
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:{}",
                r.below(100)
            ),
        })
    });
    let health = h(rng, &|r| {
        json!(*r.pick(&[
            "/healthz",
            "",
            "/",
            "/status/ready",
            "/healthz",
            "/",
            "",
            "/live",
            "/ready",
            "health"
        ]))
    });
    let schedule = h(rng, &|r| {
        json!(*r.pick(&[
            "",
            "0 3 * * *",
            "*/15 * * * *",
            "0 9-17 * * MON-FRI",
            "0 0 1 * *",
            "",
            "30 2 * * 0",
            "0 */6 * * *",
            "0 0 1 * 1",
            "61 * * * *"
        ]))
    });
    let region = h(rng, &|r| {
        json!(*r.pick(&[
            "",
            "us-east-1",
            "eu-west-1",
            "westeurope",
            "europe-west1",
            "",
            "eu-central-1",
            "northeurope",
            "us-central1",
            "US-EAST-1"
        ]))
    });
    let env: Vec<Value> = (0..rng.below(5))
        .map(|i| {
            let value = if rng.chance(60) {
                hostile(rng)
            } else {
                format!("v{}", rng.below(1000))
            };
            // A suffix keeps most names apart (a repeated name is refused).
            let name = var_name(rng);
            let name = if rng.chance(90) && !name.is_empty() {
                format!("{name}{i}")
            } else {
                name
            };
            json!({ "name": name, "value": value })
        })
        .collect();
    let secrets: Vec<Value> = (0..rng.below(3))
        .map(|i| json!(format!("{}_S{i}", var_name(rng))))
        .collect();
    json!({
        "name": name,
        "image": image,
        "port": *rng.pick(&[8080u32, 80, 443, 3000, 8080, 5000, 8000, 8443, 65535, 0]),
        "health_path": health,
        "env": env,
        "secrets": secrets,
        "schedule": schedule,
        "retries": rng.below(14),
        "region": region,
    })
}

/// A value a question accepts (or, `junk_percent` of the time, one it does not).
fn answer_value(rng: &mut Rng, kind: &QuestionKind, junk_percent: u64) -> Value {
    if rng.chance(junk_percent) {
        return match rng.below(8) {
            0 => json!(hostile(rng)),
            1 => json!(-1),
            2 => json!(1e308),
            3 => json!(null),
            4 => json!([hostile(rng)]),
            5 => json!({ "x": 1 }),
            6 => json!(u64::MAX),
            _ => json!(true),
        };
    }
    match kind {
        QuestionKind::SingleChoice { options } => json!(rng.pick(options).id),
        QuestionKind::MultipleChoice { options } => Value::Array(
            options
                .iter()
                .filter(|_| rng.chance(30))
                .map(|c| json!(c.id))
                .collect(),
        ),
        QuestionKind::Number(spec) | QuestionKind::Duration(spec) | QuestionKind::Size(spec) => {
            if spec.not_sure && rng.chance(20) {
                return Value::Null;
            }
            let steps = ((spec.max - spec.min) / spec.step).max(1.0) as u64;
            let v = spec.min + (rng.next() % (steps + 1)) as f64 * spec.step;
            // Whole-number questions take integers; sizes take decimals.
            if spec.step.fract() == 0.0 && spec.min.fract() == 0.0 {
                json!(v as u64)
            } else {
                json!((v * 1000.0).round() / 1000.0)
            }
        }
    }
}

/// An answers document: an archetype's preset with random answers to random questions,
/// deploy details, and (`junk_percent` of the time per field) values or keys that are wrong.
pub fn answers(rng: &mut Rng, junk_percent: u64, hostile_percent: u64) -> Value {
    let archetype = *rng.pick(&Archetype::ALL);
    let mut doc = Map::new();
    doc.insert("version".into(), json!(1));
    doc.insert(
        "archetype".into(),
        serde_json::to_value(archetype).unwrap_or(Value::Null),
    );
    for q in QUESTIONS {
        if rng.chance(60) {
            doc.insert(q.id.into(), answer_value(rng, &q.kind, junk_percent));
        }
    }
    if rng.chance(90) {
        doc.insert("deploy".into(), deploy(rng, hostile_percent));
    }
    if rng.chance(junk_percent) {
        doc.insert(hostile(rng), json!(hostile(rng)));
    }
    Value::Object(doc)
}

/// Damages text: flips, drops, repeats or cuts bytes, keeping it valid UTF-8.
pub fn damage(rng: &mut Rng, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        if chars.is_empty() {
            break;
        }
        let i = rng.below(chars.len());
        match rng.below(6) {
            0 => {
                chars.remove(i);
            }
            1 => chars.insert(
                i,
                *rng.pick(&[
                    '"', '{', '}', '[', ']', ',', ':', '\\', '.', '\u{FEFF}', '\0', 'é',
                ]),
            ),
            2 => chars.truncate(i),
            3 => {
                let c = chars[i];
                chars.insert(i, c);
            }
            4 => chars[i] = char::from_u32(chars[i] as u32 ^ (1 << rng.below(7))).unwrap_or('?'),
            _ => {
                let j = rng.below(chars.len());
                chars.swap(i, j);
            }
        }
    }
    chars.into_iter().collect()
}
