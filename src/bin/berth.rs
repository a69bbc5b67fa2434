//! The `berth` command line: the same core as the browser app, for scripts and CI.
//!
//! Exit codes: 0 success, 2 bad input (the message names the field), 1 anything else.

use std::io::{Read, Write};
use std::process::ExitCode;

use berth::core::{answers, catalog, evaluate, questionnaire};

const USAGE: &str = "\
Berth: where to run a container, and the manifests to deploy it there.

Usage:
  berth catalog                      the platform catalog and price sheets as JSON (every fact with
                                     its source, and the share of confirmed facts that can rule
                                     each platform out)
  berth questions                    the questionnaire as JSON (ids, types, options, conditions)
  berth evaluate ANSWERS.json        the explained report as JSON
  berth manifests ANSWERS.json --platform ID --out DIR
                                     write starter deploy manifests for one platform
                                     (--platform=ID and --out=DIR work too)
  berth import FILE [--service NAME] answers JSON read from a Compose file, Kubernetes
                                     manifests, an ECS task definition, Cloud Run or
                                     Azure Container Apps/Instances YAML (docs/import.md)

ANSWERS.json follows docs/answers-format.md; use - to read it from standard input.
berth help, or -h or --help after any command, prints this.";

fn bad_input(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("berth: {message}");
    ExitCode::from(2)
}

/// "berth: MESSAGE", then the usage: for arguments that do not make a command.
fn usage_error(message: impl std::fmt::Display) -> ExitCode {
    bad_input(format!("{message}\n\n{USAGE}"))
}

fn read_answers(path: &str) -> Result<answers::Answers, ExitCode> {
    // Answers are a few kilobytes; the same 1 MB cap as import keeps a runaway file (50,000
    // variables) from taking seconds and writing megabytes of manifests.
    let limit = berth::core::import::MAX_BYTES;
    let text =
        read_at_most(path, limit).map_err(|e| bad_input(format!("cannot read {path}: {e}")))?;
    if text.len() > limit {
        return Err(bad_input(format!(
            "{path}: answers files are at most {limit} bytes (1 MB); this one is larger"
        )));
    }
    // A byte-order mark, as some Windows editors save, is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    answers::parse_answers(text).map_err(|e| bad_input(format!("{path}: {e}")))
}

/// Reads `path` (`-`: standard input), but never more than `limit` bytes and one more: a
/// larger file (or /dev/zero) is told apart without being read whole.
fn read_at_most(path: &str, limit: usize) -> std::io::Result<String> {
    let cap = limit as u64 + 1;
    if path == "-" {
        std::io::read_to_string(std::io::stdin().take(cap))
    } else {
        std::io::read_to_string(std::fs::File::open(path)?.take(cap))
    }
}

/// Writes a line to standard output. A reader that has gone (`berth catalog | head`) ends
/// the output quietly rather than in a panic.
fn print_line(line: impl std::fmt::Display) -> Result<(), ExitCode> {
    match writeln!(std::io::stdout().lock(), "{line}") {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("berth: cannot write the output: {e}");
            Err(ExitCode::FAILURE)
        }
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> ExitCode {
    match serde_json::to_string_pretty(value) {
        Ok(json) => print_line(json).err().unwrap_or(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("berth: {e}");
            ExitCode::FAILURE
        }
    }
}

/// An option's value, given as `--name VALUE` or `--name=VALUE`: `Some(Ok(value))` when
/// `arg` is that option, `Some(Err(..))` when its value is missing.
fn option_value<'a>(
    name: &str,
    arg: &'a str,
    rest: &mut std::slice::Iter<'a, String>,
) -> Option<Result<&'a str, ExitCode>> {
    if arg == name {
        Some(
            rest.next()
                .map(String::as_str)
                .ok_or_else(|| bad_input(format!("{name} needs a value"))),
        )
    } else {
        arg.strip_prefix(name)
            .and_then(|v| v.strip_prefix('='))
            .map(Ok)
    }
}

/// `berth catalog`: the catalog, plus how many of each platform's facts that can rule it
/// out are confirmed (see `catalog::rule_out_facts`).
#[derive(serde::Serialize)]
struct CatalogOut {
    #[serde(flatten)]
    catalog: &'static catalog::Catalog,
    price_sheets: &'static [catalog::prices::PriceSheet],
    rule_out_facts_confirmed: SharesOut,
}

#[derive(serde::Serialize)]
struct SharesOut {
    all: ShareOut,
    platforms: Vec<PlatformShareOut>,
}

#[derive(serde::Serialize)]
struct ShareOut {
    confirmed: usize,
    total: usize,
    percent: usize,
}

#[derive(serde::Serialize)]
struct PlatformShareOut {
    id: &'static str,
    #[serde(flatten)]
    share: ShareOut,
}

impl From<catalog::ConfirmedShare> for ShareOut {
    fn from(s: catalog::ConfirmedShare) -> Self {
        ShareOut {
            confirmed: s.confirmed,
            total: s.total,
            percent: s.percent(),
        }
    }
}

fn catalog_out() -> CatalogOut {
    let c = catalog::catalog();
    CatalogOut {
        catalog: c,
        price_sheets: catalog::price_sheets(),
        rule_out_facts_confirmed: SharesOut {
            all: catalog::catalog_confirmed_share(c).into(),
            platforms: c
                .platforms
                .iter()
                .map(|p| PlatformShareOut {
                    id: &p.id,
                    share: catalog::confirmed_share(p).into(),
                })
                .collect(),
        },
    }
}

#[derive(serde::Serialize)]
struct Questionnaire {
    sections: Vec<SectionOut>,
    questions: Vec<QuestionOut>,
    archetypes: Vec<answers::Answers>,
}

/// A question, with the catalog facts its help quotes.
#[derive(serde::Serialize)]
struct QuestionOut {
    #[serde(flatten)]
    question: &'static questionnaire::Question,
    #[serde(skip_serializing_if = "Option::is_none")]
    catalog_line: Option<String>,
}

#[derive(serde::Serialize)]
struct SectionOut {
    id: questionnaire::Section,
    title: &'static str,
}

fn manifests(args: &[String]) -> ExitCode {
    let mut path = None;
    let mut platform = None;
    let mut out = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if let Some(value) = option_value("--platform", arg, &mut it) {
            match value {
                Ok(v) => platform = Some(v),
                Err(code) => return code,
            }
        } else if let Some(value) = option_value("--out", arg, &mut it) {
            match value {
                Ok(v) => out = Some(v),
                Err(code) => return code,
            }
        } else if path.is_none() && (arg == "-" || !arg.starts_with('-')) {
            path = Some(arg.as_str());
        } else {
            return usage_error(format!("manifests: unexpected argument '{arg}'"));
        }
    }
    let (Some(path), Some(platform), Some(out)) = (path, platform, out) else {
        return usage_error("manifests needs ANSWERS.json, --platform ID and --out DIR");
    };
    let answers = match read_answers(path) {
        Ok(a) => a,
        Err(code) => return code,
    };
    if catalog::catalog().platform(platform).is_none() {
        return bad_input(format!(
            "--platform: unknown id '{platform}' (known: {})",
            catalog::PLATFORM_IDS.join(", ")
        ));
    }
    let report = evaluate::evaluate(&answers);
    let Some(result) = report.platform(platform) else {
        return bad_input(format!("--platform: unknown id '{platform}'"));
    };
    let Some(size) = &result.size else {
        let why: Vec<&str> = result
            .reasons
            .iter()
            .filter(|r| r.outcome == berth::core::report::Outcome::Fail)
            .map(|r| r.text.as_str())
            .collect();
        return bad_input(format!(
            "{platform} is ruled out for these answers: {}",
            why.join(" ")
        ));
    };
    let bundle = match berth::core::manifests::generate(platform, &answers, size) {
        Ok(b) => b,
        Err(errors) => {
            let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            return bad_input(lines.join("\n"));
        }
    };
    let out = std::path::Path::new(out);
    for file in &bundle.files {
        let target = out.join(&file.path);
        if let Some(parent) = target.parent() {
            if let Err(e) = std::fs::create_dir_all(parent) {
                eprintln!("berth: cannot create {}: {e}", parent.display());
                return ExitCode::FAILURE;
            }
        }
        if let Err(e) = std::fs::write(&target, &file.contents) {
            eprintln!("berth: cannot write {}: {e}", target.display());
            return ExitCode::FAILURE;
        }
        if let Err(code) = print_line(target.display()) {
            return code;
        }
    }
    ExitCode::SUCCESS
}

fn import(args: &[String]) -> ExitCode {
    let mut path = None;
    let mut service = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if let Some(value) = option_value("--service", arg, &mut it) {
            match value {
                Ok(v) => service = Some(v),
                Err(code) => return code,
            }
        } else if path.is_none() && (arg == "-" || !arg.starts_with('-')) {
            path = Some(arg.as_str());
        } else {
            return usage_error(format!("import: unexpected argument '{arg}'"));
        }
    }
    let Some(path) = path else {
        return usage_error("import needs FILE");
    };
    let text = match std::fs::metadata(path) {
        Ok(m) if path != "-" && m.len() > berth::core::import::MAX_BYTES as u64 => {
            return bad_input(format!(
                "{path}: the file is {} bytes; Berth reads files up to {} bytes (1 MB)",
                m.len(),
                berth::core::import::MAX_BYTES
            ))
        }
        // The import itself refuses what is over the limit, read or piped.
        _ => read_at_most(path, berth::core::import::MAX_BYTES),
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => return bad_input(format!("cannot read {path}: {e}")),
    };
    let file_name = std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match berth::core::import::import(&text, &file_name, service) {
        Ok(outcome) => {
            if let Some(imp) = &outcome.answers.import_story() {
                eprintln!(
                    "berth: read {} '{}' from {path}: {} answers from the file, {} not understood",
                    imp.format,
                    imp.workload,
                    imp.from_file.len(),
                    imp.not_understood.len()
                );
                for n in &imp.not_understood {
                    eprintln!("  not understood: {n}");
                }
            }
            print_json(&outcome.answers)
        }
        // Several workloads: the CLI's way to choose is its option.
        Err(e) if !e.choices.is_empty() && service.is_none() => {
            bad_input(format!("{path}: {e} with --service NAME"))
        }
        Err(e) => bad_input(format!("{path}: {e}")),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // Help wherever it is asked for, `berth manifests --help` included.
    if args.is_empty()
        || args[0] == "help"
        || args.iter().any(|a| matches!(a.as_str(), "-h" | "--help"))
    {
        return match args.is_empty() {
            true => usage_error("no command given"),
            false => print_line(USAGE).err().unwrap_or(ExitCode::SUCCESS),
        };
    }
    let command = args[0].as_str();
    let takes = match command {
        "catalog" | "questions" => Some(0),
        "evaluate" => Some(1),
        _ => None,
    };
    if let Some(n) = takes.filter(|n| args.len() - 1 != *n) {
        return usage_error(match n {
            0 => format!(
                "{command} takes no arguments (got '{}')",
                args[1..].join(" ")
            ),
            _ => format!("{command} takes one ANSWERS.json (or - for standard input)"),
        });
    }
    match command {
        "catalog" => print_json(&catalog_out()),
        "questions" => print_json(&Questionnaire {
            sections: questionnaire::Section::ALL
                .iter()
                .map(|s| SectionOut {
                    id: *s,
                    title: s.title(),
                })
                .collect(),
            questions: questionnaire::QUESTIONS
                .iter()
                .map(|q| QuestionOut {
                    question: q,
                    catalog_line: questionnaire::catalog_line(q.catalog_line),
                })
                .collect(),
            archetypes: answers::Archetype::ALL.iter().map(|a| a.preset()).collect(),
        }),
        "evaluate" => match read_answers(&args[1]) {
            Ok(a) => print_json(&evaluate::evaluate(&a)),
            Err(code) => code,
        },
        "manifests" => manifests(&args[1..]),
        "import" => import(&args[1..]),
        other => usage_error(format!("unknown command '{other}'")),
    }
}
