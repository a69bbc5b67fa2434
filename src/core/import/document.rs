//! Turning the text of a file into documents (generic value trees), with limits: no file
//! over [`MAX_BYTES`], no nesting deeper than [`MAX_DEPTH`], no alias bombs. Syntax errors
//! carry their line and column.

use serde_json::Value;

use super::ImportError;

/// The largest file Berth reads.
pub const MAX_BYTES: usize = 1024 * 1024;
/// The deepest nesting Berth reads; real deploy files stay well under 30.
pub const MAX_DEPTH: usize = 64;
/// Aliases (`*name`) a YAML file may use; real files use a handful.
const MAX_ALIASES: usize = 1_000;

/// The documents in `text`: one for JSON, one per `---` section for YAML.
pub fn read(text: &str) -> Result<Vec<Value>, ImportError> {
    if text.len() > MAX_BYTES {
        return Err(ImportError::plain(format!(
            "the file is {} bytes; Berth reads files up to {MAX_BYTES} bytes (1 MB). Import the one service's file, not a whole repository.",
            text.len()
        )));
    }
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.is_empty() {
        return Err(ImportError::plain("the file is empty"));
    }
    let docs = if trimmed.starts_with('{') || trimmed.starts_with('[') {
        vec![json(text)?]
    } else {
        yaml(text)?
    };
    for doc in &docs {
        if depth(doc) > MAX_DEPTH {
            return Err(ImportError::plain(format!(
                "the file nests deeper than {MAX_DEPTH} levels; no deploy file needs that"
            )));
        }
    }
    let docs: Vec<Value> = docs.into_iter().filter(|d| !d.is_null()).collect();
    if docs.is_empty() {
        return Err(ImportError::plain("the file holds no document"));
    }
    Ok(docs)
}

fn json(text: &str) -> Result<Value, ImportError> {
    serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        let message = if e.is_eof() {
            "invalid JSON: the file ends early (an unclosed { or [, or string)".to_string()
        } else if message.contains("recursion limit") {
            format!("the file nests deeper than {MAX_DEPTH} levels; no deploy file needs that")
        } else {
            format!("invalid JSON: {message}")
        };
        ImportError::at(message, e.line() as u64, e.column() as u64)
    })
}

fn yaml(text: &str) -> Result<Vec<Value>, ImportError> {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_aliases = MAX_ALIASES;
    budget.max_events = 200_000;
    budget.max_documents = 100;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.with_snippet = false;
    serde_saphyr::from_str_multiple_with_options::<Value, Vec<Value>>(text, options).map_err(|e| {
        let message = e.to_string();
        let first = message.lines().next().unwrap_or(&message).trim();
        // The reader's own wording can name its options and repeat the place: keep the
        // reason only.
        let reason = first.split(" at line ").next().unwrap_or(first);
        let plain = if first.to_ascii_lowercase().contains("budget") {
            "the file is too complex to read safely (too many aliases, nodes or nesting levels); expand YAML anchors and aliases, or import one service".to_string()
        } else if let Some(key) = reason.strip_prefix("duplicate mapping key: ") {
            let key = key.split(", set ").next().unwrap_or(key);
            format!("invalid YAML: the key '{key}' appears twice in one mapping; keep one")
        } else {
            format!("invalid YAML: {reason}")
        };
        match e.location() {
            Some(at) if at.line() > 0 => ImportError::at(plain, at.line(), at.column()),
            _ => ImportError::plain(plain),
        }
    })
}

/// How deep a value nests (a scalar is 0).
fn depth(v: &Value) -> usize {
    match v {
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Object(map) => 1 + map.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}
