//! Where every check's outcome is written down, and the one rule that keeps a verdict
//! truthful: an outcome that rests on a limit the catalog does not know, or on a fact it
//! has not confirmed, is never a pass.

use crate::core::catalog::{Certainty, Context, Fact, Resolved, Support};
use crate::core::report::{Citation, Outcome, Reason};

/// A catalog field as a check cites it, with the words that name it to a reader.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FactName {
    /// Dotted path in the data file, e.g. `storage.ephemeral_max_gib`.
    pub field: &'static str,
    /// What it is, for sentences such as "No published local-disk limit found".
    pub label: &'static str,
}

/// The reasons found for one platform so far, and the context facts are read in.
pub(crate) struct Checks {
    pub reasons: Vec<Reason>,
    pub ctx: Context,
}

/// The citation part of a [`Resolved`] value, whatever its type.
#[derive(Clone, Copy)]
struct Cite {
    source: &'static str,
    verified: &'static str,
    certainty: Certainty,
}

impl Cite {
    fn of<T>(r: &Resolved<'static, T>) -> Cite {
        Cite {
            source: r.source,
            verified: r.verified,
            certainty: r.certainty,
        }
    }
}

fn certainty_words(c: Certainty) -> &'static str {
    match c {
        Certainty::Confirmed => "confirmed",
        Certainty::ThirdParty => "sourced only from a third-party page",
        Certainty::Conflict => "stated differently by two vendor pages",
        Certainty::Unverified => "not confirmed on the vendor's page",
    }
}

impl Checks {
    /// Records one outcome about `fact` as it applies here (`r`).
    ///
    /// A pass on a value that is not confirmed becomes a caveat that says so: this is the
    /// single place that rule lives, so every check, today's and future ones, obeys it.
    pub fn record<T>(
        &mut self,
        outcome: Outcome,
        question: Option<&'static str>,
        fact: FactName,
        r: &Resolved<'static, T>,
        text: String,
    ) {
        self.record_cited(outcome, question, fact, Cite::of(r), text);
    }

    /// Records that a limit the answer depends on is not known: a caveat naming what
    /// to check, never a pass.
    pub fn unknown<T>(
        &mut self,
        question: Option<&'static str>,
        fact: FactName,
        r: &Resolved<'static, T>,
        text: String,
    ) {
        self.push(
            Outcome::Caveat,
            question,
            fact,
            Cite::of(r),
            text,
            Some(fact.label),
        );
    }

    // Not generic, so the browser build holds one copy whatever the fact's type.
    fn record_cited(
        &mut self,
        outcome: Outcome,
        question: Option<&'static str>,
        fact: FactName,
        cite: Cite,
        text: String,
    ) {
        let confirmed = cite.certainty.is_confirmed();
        let (outcome, text) = match (outcome, confirmed) {
            (Outcome::Fail, _) | (_, true) => (outcome, text),
            (Outcome::Pass | Outcome::Caveat, false) => {
                let mut text = text;
                // "(…)" rather than "is …": a label may be plural ("the CPU/memory sizes").
                for part in [
                    " Not confirmed: ",
                    fact.label,
                    " (",
                    certainty_words(cite.certainty),
                    "); check it on the source before relying on it.",
                ] {
                    text.push_str(part);
                }
                (Outcome::Caveat, text)
            }
        };
        let unconfirmed = (!confirmed && outcome != Outcome::Fail).then_some(fact.label);
        self.push(outcome, question, fact, cite, text, unconfirmed);
    }

    fn push(
        &mut self,
        outcome: Outcome,
        question: Option<&'static str>,
        fact: FactName,
        cite: Cite,
        text: String,
        unconfirmed: Option<&'static str>,
    ) {
        self.reasons.push(Reason {
            outcome,
            question,
            text,
            citation: Citation {
                fact: fact.field,
                source: cite.source,
                verified: cite.verified,
                certainty: cite.certainty,
            },
            unconfirmed,
        });
    }

    /// Reads `fact` for this platform's answers and size.
    pub fn read<T: Clone>(&self, fact: &'static Fact<T>) -> Resolved<'static, T> {
        fact.resolve(&self.ctx)
    }

    /// A capability the user needs: `Yes` passes, `Limited` is a caveat, `No` rules out.
    pub fn need(
        &mut self,
        question: &'static str,
        what: &str,
        name: FactName,
        fact: &'static Fact<Support>,
    ) {
        let r = self.read(fact);
        let note = Paren(r.note);
        let (outcome, supported) = match r.value {
            Support::Yes => (Outcome::Pass, "supported"),
            Support::Limited => (Outcome::Caveat, "supported with limits"),
            Support::No => (Outcome::Fail, "not supported"),
        };
        let text = sentence!("{what}: {supported}{note}.");
        self.record(outcome, Some(question), name, &r, text);
    }
}

/// A catalog note continuing a sentence after a colon: "…: work outside requests needs…".
pub(crate) fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A note as a parenthetical, without doubled punctuation; nothing when there is none.
/// Written in place by `format!`, so it costs no allocation of its own.
#[derive(Clone, Copy)]
pub(crate) struct Paren<'a>(pub Option<&'a str>);

impl std::fmt::Display for Paren<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(n) => {
                f.write_str(" (")?;
                f.write_str(n.trim_end_matches('.'))?;
                f.write_str(")")
            }
            None => Ok(()),
        }
    }
}

/// Room for a typical reason and the "Not confirmed" words [`Checks::record`] may add:
/// `format!` starts from a small guess and grows the string several times.
const SENTENCE_CAPACITY: usize = 256;

/// A reason's text, written into one allocation (see [`SENTENCE_CAPACITY`]). Use it
/// through the [`sentence!`] macro, as `format!`.
pub(crate) fn write_sentence(args: std::fmt::Arguments<'_>) -> String {
    use std::fmt::Write;
    let mut text = String::with_capacity(SENTENCE_CAPACITY);
    // Writing to a `String` cannot fail.
    let _ = text.write_fmt(args);
    text
}

/// `format!` for a reason's text: see [`write_sentence`].
macro_rules! sentence {
    ($($arg:tt)*) => {
        $crate::core::checks::record::write_sentence(format_args!($($arg)*))
    };
}
pub(crate) use sentence;
