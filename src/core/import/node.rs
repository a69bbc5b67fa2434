//! A value in a file together with its path, so every answer read from it can say where
//! it came from (`deploy.resources.limits.cpus: '2'`).

use serde_json::Value;

#[derive(Clone, Debug)]
pub struct Node<'a> {
    pub value: &'a Value,
    path: String,
}

impl<'a> Node<'a> {
    /// The root of a document; `prefix` starts every path (may be empty).
    pub fn root(value: &'a Value, prefix: &str) -> Node<'a> {
        Node {
            value,
            path: prefix.to_string(),
        }
    }

    fn child(&self, value: &'a Value, key: &str) -> Node<'a> {
        let path = if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        };
        Node { value, path }
    }

    /// The child at `key`, when this is a mapping that has it (and it is not null).
    pub fn get(&self, key: &str) -> Option<Node<'a>> {
        let v = self.value.as_object()?.get(key)?;
        (!v.is_null()).then(|| self.child(v, key))
    }

    /// The child at a path of keys: `at(&["spec", "template"])`.
    pub fn at(&self, keys: &[&str]) -> Option<Node<'a>> {
        let mut node = self.clone();
        for k in keys {
            node = node.get(k)?;
        }
        Some(node)
    }

    /// The sequence's items (none when this is not a sequence).
    pub fn items(&self) -> Vec<Node<'a>> {
        match self.value.as_array() {
            Some(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| Node {
                    value: v,
                    path: format!("{}[{i}]", self.path),
                })
                .collect(),
            None => Vec::new(),
        }
    }

    /// The mapping's entries, sorted by key.
    pub fn entries(&self) -> Vec<(&'a str, Node<'a>)> {
        match self.value.as_object() {
            Some(map) => map
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.as_str(), self.child(v, k)))
                .collect(),
            None => Vec::new(),
        }
    }

    pub fn keys(&self) -> Vec<&'a str> {
        match self.value.as_object() {
            Some(map) => map.keys().map(String::as_str).collect(),
            None => Vec::new(),
        }
    }

    /// The value as text: strings as they are, numbers and booleans as written.
    pub fn text(&self) -> Option<String> {
        match self.value {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// The value as a number, also from a string (`"1024"`, `'0.5'`).
    pub fn number(&self) -> Option<f64> {
        match self.value {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    pub fn uint(&self) -> Option<u64> {
        self.number()
            .filter(|n| *n >= 0.0 && n.fract() == 0.0)
            .map(|n| n as u64)
    }

    pub fn bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(*b),
            Value::String(s) => match s.as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    /// The path from the document root, e.g. `services.web.ports[0]`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// `path: value`, the way the provenance shows it.
    pub fn source(&self) -> String {
        let shown = match self.value {
            Value::String(s) => format!("'{}'", s.replace('\'', "''")),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Array(_) => "[...]".into(),
            Value::Object(_) => "{...}".into(),
            Value::Null => "null".into(),
        };
        let shown: String = if shown.chars().count() > 120 {
            shown.chars().take(117).chain("...".chars()).collect()
        } else {
            shown
        };
        format!("{}: {shown}", self.path())
    }
}
