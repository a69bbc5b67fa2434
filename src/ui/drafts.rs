//! What the user typed into number fields, by question id.
//!
//! A handful of entries at most (one per number field edited since the last reset), so a
//! list searched in order: a `BTreeMap` would bring its tree code into the first download
//! for nothing.

/// What the user typed into a number field, kept even when it is not a valid answer, so
/// nothing they typed is lost; the answers keep the last valid value meanwhile.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub text: String,
    pub error: Option<String>,
}

/// The drafts by question id; at most one per id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drafts(Vec<(&'static str, Draft)>);

impl Drafts {
    pub fn get(&self, id: &str) -> Option<&Draft> {
        self.0.iter().find(|(k, _)| *k == id).map(|(_, d)| d)
    }

    /// Keeps `draft` for `id`, in place of the one it had.
    pub fn insert(&mut self, id: &'static str, draft: Draft) {
        match self.0.iter_mut().find(|(k, _)| *k == id) {
            Some((_, d)) => *d = draft,
            None => self.0.push((id, draft)),
        }
    }

    pub fn remove(&mut self, id: &str) {
        self.0.retain(|(k, _)| *k != id);
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(text: &str) -> Draft {
        Draft {
            text: text.into(),
            error: None,
        }
    }

    #[test]
    fn one_draft_per_id_the_latest_kept() {
        let mut drafts = Drafts::default();
        drafts.insert("vcpu", draft("2"));
        drafts.insert("memory_gib", draft("4"));
        drafts.insert("vcpu", draft("3x"));
        assert_eq!(drafts.get("vcpu"), Some(&draft("3x")));
        assert_eq!(drafts.get("memory_gib"), Some(&draft("4")));
        drafts.remove("vcpu");
        assert_eq!(drafts.get("vcpu"), None);
        assert_eq!(drafts.get("memory_gib"), Some(&draft("4")));
        drafts.clear();
        assert_eq!(drafts, Drafts::default());
    }
}
