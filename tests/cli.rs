//! The `berth` command line: JSON out, and bad input named with exit code 2.

use std::process::Command;

fn berth(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_berth"))
        .args(args)
        .output()
        .expect("berth runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// A directory of one test's own for the files it writes, removed when the test ends,
/// passed or failed, so runs leave nothing behind in the system's temporary directory.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn new(test: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("berth-cli-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// A path inside the directory, for the command to write (`--out`).
    fn path(&self, name: &str) -> std::path::PathBuf {
        self.0.join(name)
    }

    /// A file inside the directory with `contents`.
    fn file(&self, name: &str, contents: &str) -> std::path::PathBuf {
        let path = self.path(name);
        std::fs::write(&path, contents).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn catalog_prints_every_platform_with_sources() {
    let (code, out, _) = berth(&["catalog"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let platforms = json["platforms"].as_array().unwrap();
    assert_eq!(platforms.len(), 12);
    assert!(platforms[0]["sizing"]["source"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
    let shares = &json["rule_out_facts_confirmed"];
    let all = berth::core::catalog::catalog_confirmed_share(berth::core::catalog::catalog());
    assert_eq!(shares["all"]["confirmed"], all.confirmed);
    assert_eq!(shares["all"]["total"], all.total);
    assert_eq!(shares["all"]["percent"], all.percent());
    let per: Vec<&str> = shares["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(per, berth::core::catalog::PLATFORM_IDS);
    let sheets = json["price_sheets"].as_array().unwrap();
    assert_eq!(sheets.len(), 12, "one price sheet per platform");
    assert_eq!(sheets[0]["platform"], platforms[0]["id"]);
    for sheet in sheets {
        for price in sheet["prices"].as_array().unwrap() {
            assert!(price["source"].as_str().unwrap().starts_with("https://"));
        }
    }
}

#[test]
fn questions_prints_ids_types_options_and_conditions() {
    let (code, out, _) = berth(&["questions"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let questions = json["questions"].as_array().unwrap();
    let gpu_type = questions.iter().find(|q| q["id"] == "gpu_type").unwrap();
    assert_eq!(gpu_type["condition"], "gpu_needed");
    assert_eq!(gpu_type["type"], "single_choice");
    assert!(questions
        .iter()
        .any(|q| q["type"] == "size" && q["not_sure"] == true));
    assert_eq!(json["archetypes"].as_array().unwrap().len(), 7);
}

#[test]
fn evaluate_prints_the_report() {
    let scratch = Scratch::new("evaluate-prints-the-report");
    let path = scratch.file(
        "web.json",
        r#"{"version": 1, "archetype": "public_web", "vcpu": 16, "memory_gib": 32}"#,
    );
    let (code, out, err) = berth(&["evaluate", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let cloud_run = json["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "cloud-run")
        .unwrap();
    assert_eq!(cloud_run["verdict"], "ruled_out");
    assert!(cloud_run["reasons"][0]["source"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
    assert!(json["ranking"].as_array().unwrap().len() > 1);
    assert!(json["top_pick"].is_string());
}

#[test]
fn evaluate_reads_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_berth"))
        .args(["evaluate", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(br#"{"version": 1, "archetype": "batch_job"}"#)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
}

#[test]
fn bad_input_names_the_field_and_exits_2() {
    let scratch = Scratch::new("bad-input-names-the-field-and-exits-2");
    for (doc, field) in [
        (r#"{"version": 1, "memory_gib": "lots"}"#, "memory_gib"),
        (r#"{"version": 1, "memory_gib": 4096}"#, "memory_gib"),
        (r#"{"version": 1, "os": "beos"}"#, "os"),
        (r#"{"version": 1, "colour": "blue"}"#, "colour"),
        (
            r#"{"version": 1, "deploy": {"port": 70000}}"#,
            "deploy.port",
        ),
        (r#"{"archetype": "public_web"}"#, "version"),
        (r#"[1, 2]"#, "(document)"),
        (r#"{"version": 1,"#, "(document)"),
    ] {
        let path = scratch.file("bad.json", doc);
        let (code, _, err) = berth(&["evaluate", path.to_str().unwrap()]);
        assert_eq!(code, 2, "{doc}");
        assert!(err.contains(field), "{doc}: {err}");
    }
}

#[test]
fn unknown_subcommands_and_files_exit_2() {
    assert_eq!(berth(&["frobnicate"]).0, 2);
    assert_eq!(berth(&["evaluate", "/nonexistent/answers.json"]).0, 2);
    assert_eq!(berth(&[]).0, 2);
}

/// Arguments that make no command say what is wrong before the usage, once prefixed.
#[test]
fn a_wrong_command_line_says_what_is_wrong() {
    for (args, says) in [
        (&["frobnicate"][..], "berth: unknown command 'frobnicate'"),
        (&[][..], "berth: no command given"),
        (
            &["catalog", "extra"][..],
            "berth: catalog takes no arguments (got 'extra')",
        ),
        (
            &["evaluate", "a.json", "b.json"][..],
            "berth: evaluate takes one ANSWERS.json",
        ),
        (
            &["manifests", "a.json", "--colour"][..],
            "berth: manifests: unexpected argument '--colour'",
        ),
        (
            &["manifests", "a.json", "--platform"][..],
            "berth: --platform needs a value",
        ),
        (&["import"][..], "berth: import needs FILE"),
    ] {
        let (code, out, err) = berth(args);
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}");
        assert!(err.starts_with(says), "{args:?}: {err}");
        assert!(!err.contains("berth: berth"), "{args:?}: {err}");
    }
}

/// `--help` after any command prints the usage and succeeds.
#[test]
fn help_works_after_every_command() {
    for args in [
        &["--help"][..],
        &["help"][..],
        &["-h"][..],
        &["evaluate", "--help"][..],
        &["manifests", "--help"][..],
        &["import", "-h"][..],
        &["catalog", "--help"][..],
    ] {
        let (code, out, err) = berth(args);
        assert_eq!((code, err.as_str()), (0, ""), "{args:?}");
        assert!(
            out.contains("Usage:") && out.contains("berth manifests"),
            "{args:?}"
        );
    }
}

/// A reader that stops early (`berth catalog | head -c 10`) ends the output quietly.
#[test]
fn a_closed_pipe_is_not_a_crash() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_berth"))
        .arg("catalog")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("berth runs");
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe's read end is dropped here; the catalog is far larger than a pipe buffer.
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// Answers saved with a byte-order mark, and options written as `--name=value`.
#[test]
fn a_byte_order_mark_and_equals_options_are_accepted() {
    let scratch = Scratch::new("a-byte-order-mark-and-equals-options-are");
    let answers = scratch.file("bom.json", "\u{feff}{\"version\": 1}");
    let (code, out, err) = berth(&["evaluate", answers.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"top_pick\""));
    let dir = scratch.path("out");
    let (code, out, err) = berth(&[
        "manifests",
        answers.to_str().unwrap(),
        "--platform=cloud-run",
        &format!("--out={}", dir.display()),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().any(|l| l.ends_with("service.yaml")), "{out}");
}

#[test]
fn manifests_writes_the_bundle_and_refuses_a_ruled_out_platform() {
    let scratch = Scratch::new("manifests-writes-the-bundle-and-refuses-");
    let answers = scratch.file(
        "manifests.json",
        r#"{"version": 1, "archetype": "public_web", "vcpu": 4, "memory_gib": 32, "deploy": {"name": "shop-api"}}"#,
    );
    let out = scratch.path("out");
    let (code, stdout, err) = berth(&[
        "manifests",
        answers.to_str().unwrap(),
        "--platform",
        "fargate-ecs",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("task-definition.json"), "{stdout}");
    let task: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("task-definition.json")).unwrap())
            .unwrap();
    assert_eq!(
        task["cpu"], "8192",
        "4 vCPU / 32 GiB is normalized to 8 vCPU"
    );
    assert_eq!(task["memory"], "32768");
    assert!(out.join("README.md").exists());

    let (code, _, err) = berth(&[
        "manifests",
        answers.to_str().unwrap(),
        "--platform",
        "cloud-run-jobs",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("ruled out"), "{err}");
    let (code, _, err) = berth(&[
        "manifests",
        answers.to_str().unwrap(),
        "--platform",
        "heroku",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("--platform"), "{err}");
}

fn fixture(name: &str) -> String {
    format!("{}/tests/import/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn import_prints_answers_that_evaluate_and_manifests_accept() {
    let scratch = Scratch::new("import-prints-answers-that-evaluate-and-");
    let (code, out, err) = berth(&[
        "import",
        &fixture("compose-web-worker.yaml"),
        "--service",
        "web",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("read Compose file 'web'"), "{err}");
    assert!(err.contains("not understood: volume './uploads"), "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["deploy"]["image"], "ghcr.io/example/shop-web:3.2.0");
    assert_eq!(json["imported"]["file_name"], "compose-web-worker.yaml");
    let answers = scratch.file("imported.json", &out);
    let answers = answers.to_str().unwrap();
    let (code, report, err) = berth(&["evaluate", answers]);
    assert_eq!(code, 0, "{err}");
    assert!(report.contains("\"top_pick\""));
    let dir = scratch.path("out");
    let (code, _, err) = berth(&[
        "manifests",
        answers,
        "--platform",
        "fargate-ecs",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    assert!(readme.contains("## Migration notes"), "{readme}");
    assert!(
        readme.contains("AWS Secrets Manager secret `web/DB_PASSWORD`"),
        "{readme}"
    );
}

#[test]
fn import_refuses_bad_input_with_exit_code_2() {
    let scratch = Scratch::new("import-refuses-bad-input-with-exit-code-");
    // Several services and none chosen.
    let (code, out, err) = berth(&["import", &fixture("compose-web-worker.yaml")]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("choose one to read with --service NAME")
            && err.contains("redis, web, worker"),
        "{err}"
    );
    // A syntax error names its line and column.
    let broken = scratch.file("broken.yaml", "services:\n  web:\n    image: [nginx\n");
    let (code, _, err) = berth(&["import", broken.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("line ") && err.contains("column ") && err.contains("invalid YAML"),
        "{err}"
    );
    // A document Berth does not read names the ones it does.
    let other = scratch.file("configmap.yaml", "apiVersion: v1\nkind: ConfigMap\n");
    let (code, _, err) = berth(&["import", other.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("does not recognise") && err.contains("ECS task definition"),
        "{err}"
    );
    // Too large.
    let big = scratch.file("big.yaml", &"#".repeat(1024 * 1024 + 1));
    let (code, _, err) = berth(&["import", big.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("up to 1048576 bytes"), "{err}");
    // No file.
    let (code, _, err) = berth(&["import"]);
    assert_eq!(code, 2);
    assert!(err.contains("import needs FILE"), "{err}");
}

/// An answers file over 1 MB is refused before it is read as JSON.
#[test]
fn an_oversized_answers_file_is_refused() {
    let scratch = Scratch::new("an-oversized-answers-file-is-refused");
    let big = scratch.file(
        "big.json",
        &format!("{{\"version\": 1, \"pad\": \"{}\"}}", "x".repeat(1_100_000)),
    );
    let (code, out, err) = berth(&["evaluate", big.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("answers files are at most 1048576 bytes (1 MB)"),
        "{err}"
    );
}

/// An endless input (/dev/zero) is refused after 1 MB and one byte, not read until memory runs out.
#[cfg(unix)]
#[test]
fn an_endless_input_is_refused_after_a_megabyte() {
    let (code, out, err) = berth(&["evaluate", "/dev/zero"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("answers files are at most 1048576 bytes"),
        "{err}"
    );
    let (code, out, err) = berth(&["import", "/dev/zero"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("up to 1048576 bytes"), "{err}");
}

/// Answers from a newer format are refused with what to do, not with "skipped".
#[test]
fn a_newer_answers_version_says_what_to_do() {
    let scratch = Scratch::new("a-newer-answers-version-says-what-to-do");
    let path = scratch.file("newer.json", r#"{"version": 2}"#);
    let (code, _, err) = berth(&["evaluate", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("use a Berth as new as the file"), "{err}");
    assert!(!err.contains("skipped"), "{err}");
}
