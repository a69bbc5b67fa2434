//! Answers in words, as the questionnaire's own labels put them.
//!
//! The results page, the exported Markdown and the share-link notice all show what the
//! user answered; they read it from here so they always agree with the questionnaire.

use super::answers::Answers;
use super::questionnaire::{fmt_number, question, AnswerValue, Question, QuestionKind};

/// The label of option `id` of a choice question, or the id itself if unknown.
pub fn option_label(q: &Question, id: &str) -> &'static str {
    let options = match q.kind {
        QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
            options
        }
        _ => return "",
    };
    options.iter().find(|o| o.id == id).map_or("", |o| o.label)
}

/// The answer to `q` in words: an option label, labels joined by commas, a number with its
/// unit, "None" for an empty multiple choice, or "Not sure".
pub fn describe(q: &Question, answers: &Answers) -> String {
    match answers.get(q.id) {
        Some(AnswerValue::Choice(id)) => option_label(q, &id).to_string(),
        Some(AnswerValue::Choices(ids)) if ids.is_empty() => "None".to_string(),
        Some(AnswerValue::Choices(ids)) => ids
            .iter()
            .map(|id| option_label(q, id))
            .collect::<Vec<_>>()
            .join(", "),
        Some(AnswerValue::Number(Some(n))) => match q.kind {
            QuestionKind::Number(spec)
            | QuestionKind::Duration(spec)
            | QuestionKind::Size(spec) => {
                let mut s = fmt_number(n);
                s.push(' ');
                s.push_str(spec.unit);
                s
            }
            _ => fmt_number(n),
        },
        Some(AnswerValue::Number(None)) => "Not sure".to_string(),
        None => String::new(),
    }
}

/// The title of the question with this id, or the id itself (e.g. `deploy.port`, `(link)`).
pub fn title_of(id: &str) -> &str {
    question(id).map_or(id, |q| q.title)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::{Archetype, Protocol};

    #[test]
    fn describes_every_kind_of_answer() {
        let mut a = Archetype::PublicWeb.preset();
        let q = |id| question(id).expect("known question");
        assert_eq!(describe(q("archetype"), &a), "Public web service or API");
        assert_eq!(describe(q("gpu"), &a), "No");
        assert_eq!(describe(q("protocols"), &a), "HTTP/1.1");
        assert_eq!(describe(q("vcpu"), &a), "1 vCPU");
        assert_eq!(describe(q("max_request_seconds"), &a), "60 seconds");
        a.protocols = vec![Protocol::Udp];
        a.special.clear();
        a.memory_gib = None;
        assert_eq!(describe(q("protocols"), &a), "UDP");
        assert_eq!(describe(q("special"), &a), "None");
        assert_eq!(describe(q("memory_gib"), &a), "Not sure");
        a.memory_gib = Some(0.5);
        assert_eq!(describe(q("memory_gib"), &a), "0.5 GiB");
    }

    #[test]
    fn titles_fall_back_to_the_id() {
        assert_eq!(title_of("vcpu"), "vCPU per instance");
        assert_eq!(title_of("deploy.port"), "deploy.port");
    }
}
