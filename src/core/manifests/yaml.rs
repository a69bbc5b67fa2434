//! YAML and JSON emission: the only place that touches the YAML serializer.
//!
//! Manifest bodies always come from serde. Comments are added around the serialized
//! documents as whole `# …` lines, so they can never change the data.

use serde::Serialize;

/// Serializes one document. Strings that a YAML 1.1 reader would take for something
/// else (`yes`, `off`, `0800`, `12:30`) are quoted, and strings with newlines are
/// written double-quoted with escapes, so no value can start a new key or document.
pub(crate) fn to_yaml<T: Serialize>(value: &T) -> String {
    let options = serde_saphyr::ser_options! {
        prefer_block_scalars: false,
    };
    serde_saphyr::to_string_with_options(value, options).unwrap_or_else(|e| {
        format!(
            "# could not serialize this document: {}\n",
            one_line(&e.to_string())
        )
    })
}

/// Pretty JSON with a final newline.
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = serde_json::to_string_pretty(value)
        .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()));
    out.push('\n');
    out
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// `# ` comment lines, one per line of `text`.
pub(crate) fn comment(text: &str, indent: usize, out: &mut String) {
    for line in text.lines() {
        out.extend(std::iter::repeat_n(' ', indent));
        out.push('#');
        if !line.is_empty() {
            out.push(' ');
            out.push_str(&one_line(line));
        }
        out.push('\n');
    }
}

/// Puts an explanation above the first line whose key is `key`, indented like it.
/// `key` may be `parent>key`: the comment then goes above the first `key` after `parent`.
fn annotate(yaml: &str, notes: &[(&str, &str)]) -> String {
    let lines: Vec<&str> = yaml.lines().collect();
    let mut inserts: Vec<(usize, String)> = Vec::new();
    for (path, text) in notes {
        let mut from = 0;
        let mut found = None;
        for part in path.split('>') {
            found = (from..lines.len()).find(|&i| {
                let t = lines[i].trim_start().trim_start_matches("- ");
                t.strip_prefix(part)
                    .is_some_and(|rest| rest.starts_with(':'))
            });
            match found {
                Some(i) => from = i + 1,
                None => break,
            }
        }
        if let Some(i) = found {
            let line = lines[i];
            let mut indent = line.len() - line.trim_start().len();
            if line.trim_start().starts_with("- ") {
                indent += 2;
            }
            let mut block = String::new();
            comment(text, indent, &mut block);
            inserts.push((i, block));
        }
    }
    inserts.sort_by_key(|(i, _)| *i);
    let mut out = String::with_capacity(yaml.len() + 512);
    let mut next = inserts.iter().peekable();
    for (i, line) in lines.iter().enumerate() {
        while let Some((_, block)) = next.next_if(|(at, _)| *at == i) {
            out.push_str(block);
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// A YAML file of one or more documents, each with its comments.
pub(crate) struct YamlFile {
    out: String,
    docs: usize,
}

impl YamlFile {
    /// Starts a file with a header comment.
    pub(crate) fn new(header: &str) -> Self {
        let mut out = String::new();
        comment(header, 0, &mut out);
        YamlFile { out, docs: 0 }
    }

    /// Appends a document: an intro comment, then the value with notes above some keys.
    pub(crate) fn doc<T: Serialize>(
        &mut self,
        intro: &str,
        value: &T,
        notes: &[(&str, &str)],
    ) -> &mut Self {
        if self.docs > 0 {
            self.out.push_str("---\n");
        }
        self.docs += 1;
        comment(intro, 0, &mut self.out);
        self.out.push_str(&annotate(&to_yaml(value), notes));
        self
    }

    /// Appends trailing comment lines (for example, optional fields shown commented out).
    pub(crate) fn trailer(&mut self, text: &str) -> &mut Self {
        comment(text, 0, &mut self.out);
        self
    }

    pub(crate) fn finish(&mut self) -> String {
        std::mem::take(&mut self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn ambiguous_and_multiline_strings_are_quoted() {
        let mut m = BTreeMap::new();
        m.insert("a", "no");
        m.insert("b", "a\n---\nkind: Secret");
        m.insert("c", "0800");
        m.insert("d", "x: y");
        let y = to_yaml(&m);
        assert!(y.contains("a: 'no'") || y.contains("a: \"no\""), "{y}");
        assert!(!y.contains("\n---"), "{y}");
        assert!(!y.contains("\nkind:"), "{y}");
        assert_eq!(y.lines().count(), 4, "{y}");
    }

    #[test]
    fn notes_land_above_their_key() {
        let y =
            "spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: b\n";
        let out = annotate(y, &[("image", "pin by digest"), ("template>spec", "pod")]);
        assert!(
            out.contains("      - name: a\n        # pin by digest\n        image: b\n"),
            "{out}"
        );
        assert!(out.contains("  template:\n    # pod\n    spec:"), "{out}");
    }

    #[test]
    fn comments_cannot_break_out() {
        let mut s = String::new();
        comment("one\ntwo\r\nthree", 2, &mut s);
        assert_eq!(s, "  # one\n  # two\n  # three\n");
    }
}
