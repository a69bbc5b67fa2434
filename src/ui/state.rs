//! The app's state and its reducer: the one place answers change, and the one place
//! `evaluate` runs (once per change), so every screen renders the same report. An advisor
//! limited to some platforms evaluates only those (`evaluate_among`): every screen, the
//! live panel and the "rules out" hints then name only them.
//!
//! Where the engine is not here yet (see [`crate::ui::engine`]) there is no report: the
//! state says what stands instead ([`Live`]), and evaluates once the engine arrives.

use std::ops::Deref;
use std::rc::Rc;

use yew::Reducible;

use crate::core::answer_text::title_of;
use crate::core::answers::{parse_answers_lenient, AnswerError, Answers};
use crate::core::deploy_text;
use crate::core::questionnaire::{applicable, question, AnswerValue, QuestionKind, Section};
use crate::core::report::Report;
use crate::core::share_link::Decoded;
use crate::ui::drafts::{Draft, Drafts};
use crate::ui::engine;

/// Where the answers are kept between visits.
pub const ANSWERS_KEY: &str = "berth.answers.v1";

/// A shared value compared by identity: the reducer makes a new one only when the value
/// changes, so props holding it compare in O(1) instead of walking a whole report.
#[derive(Debug)]
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Warning,
    Error,
}

/// A message about answers the app loaded for the user (a share link, saved answers).
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub title: String,
    /// Titles of the answers that were read.
    pub kept: Vec<String>,
    /// What could not be used, as "question title: why".
    pub dropped: Vec<String>,
    /// Whether the answers from before can be brought back.
    pub can_restore: bool,
}

impl Notice {
    /// A plain message, with "Restore my previous answers" when `can_restore`.
    fn info(title: &str, can_restore: bool) -> Self {
        Notice {
            kind: NoticeKind::Info,
            title: title.into(),
            kept: Vec::new(),
            dropped: Vec::new(),
            can_restore,
        }
    }
}

/// The live result the server rendered for the default answers, as the HTML it wrote: the
/// top-pick sentence and the ranking list.
#[derive(Debug, PartialEq)]
pub struct Prerendered {
    pub summary: String,
    pub ranking: String,
}

/// The result for the current answers, or what stands in for it.
#[derive(Clone, Debug, PartialEq)]
pub enum Live {
    Report(Shared<Report>),
    /// A first visit's first screen, as the server rendered it for the defaults: it
    /// stays until the answers or the section change, or a page needs the report.
    Prerendered(Shared<Prerendered>),
    /// The engine's part is on its way; the server's result, if it was on screen, stays
    /// there meanwhile (marked as out of date), so nothing jumps while the reader waits.
    Waiting(Option<Shared<Prerendered>>),
    /// The engine's part did not arrive; [`Action::Evaluate`] tries again.
    Missing,
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub answers: Shared<Answers>,
    pub live: Live,
    /// Answers the core flags as a whole (e.g. minimum above maximum), by field.
    pub problems: Shared<Vec<AnswerError>>,
    pub drafts: Drafts,
    /// The questionnaire section on screen.
    pub section: Section,
    /// A question to bring into view once rendered.
    pub reveal: Option<&'static str>,
    /// The platform whose guidance the results page shows (the top pick when `None`).
    pub chosen: Option<&'static str>,
    pub notice: Option<Notice>,
    /// The answers before a share link replaced them.
    previous: Option<Shared<Answers>>,
    /// The catalog ids evaluated, shown and ranked; empty means every platform.
    only: Vec<&'static str>,
    /// Answers are saved in this browser that could not be read yet (their reader's code
    /// did not arrive): nothing is saved over them until the reader changes an answer.
    pub saved_unread: bool,
}

/// What reading a saved answers document came to: the answers and what was dropped, or
/// why none could be read.
pub type SavedRead = Result<(Answers, Vec<AnswerError>), AnswerError>;

/// What reading a share code came to.
pub type LinkRead = Result<Decoded, AnswerError>;

pub enum Action {
    /// Evaluate the answers if there is no report: the engine arrived, or the reader
    /// tries again, or a page needs the report.
    Evaluate,
    /// The engine's part did not arrive.
    EngineMissing,
    /// A choice question was answered.
    Answer(&'static str, AnswerValue),
    /// Text typed into a number question.
    Type(&'static str, String),
    /// "Not sure" ticked (true) or unticked.
    NotSure(&'static str, bool),
    /// Text typed into a deploy-details field (`deploy.port`, …).
    Deploy(&'static str, String),
    /// Start over from these answers, if any, and consider only these platforms (all
    /// when empty): an embedding page changed them.
    Replace(Option<Box<Answers>>, Vec<&'static str>),
    /// Answers read from a file ("Start from a file"): they replace the current ones.
    Import(Box<Answers>),
    /// The saved answers as they now are: another tab of the app saved them.
    Synced(Box<Answers>),
    Go(Section),
    Next,
    Back,
    /// Show the section holding this question and focus it.
    Reveal(&'static str),
    Revealed,
    Choose(&'static str),
    /// A share code (from `#...?a=CODE`), read: open its answers, or say why not.
    OpenLink(Box<LinkRead>),
    /// Bring back the answers a share link replaced.
    Restore,
    Dismiss,
    Reset,
}

impl State {
    pub fn new(answers: Answers, notice: Option<Notice>) -> Self {
        State::new_among(answers, notice, Vec::new())
    }

    /// The state for `answers` with only the platforms `only` (every one when empty).
    pub fn new_among(answers: Answers, notice: Option<Notice>, only: Vec<&'static str>) -> Self {
        State {
            live: evaluated(&answers, &only, None),
            problems: Shared::new(answers.check()),
            answers: Shared::new(answers),
            drafts: Drafts::default(),
            section: Section::Archetype,
            reveal: None,
            chosen: None,
            notice,
            previous: None,
            only,
            saved_unread: false,
        }
    }

    /// This state, with only the platforms `only` (every one when empty).
    pub fn among(mut self, only: Vec<&'static str>) -> Self {
        self.set_only(only);
        self
    }

    fn set_only(&mut self, only: Vec<&'static str>) {
        if only != self.only {
            self.only = only;
            self.evaluate();
        }
    }

    /// This state showing the live result the server rendered (its first screen).
    pub fn prerendered(mut self, shown: Prerendered) -> Self {
        self.live = Live::Prerendered(Shared::new(shown));
        self
    }

    /// The report for the current answers, once evaluated.
    pub fn report(&self) -> Option<&Shared<Report>> {
        match &self.live {
            Live::Report(report) => Some(report),
            _ => None,
        }
    }

    /// Evaluates the current answers, or waits for the engine.
    fn evaluate(&mut self) {
        let shown = match &self.live {
            Live::Prerendered(shown) | Live::Waiting(Some(shown)) => Some(shown.clone()),
            _ => None,
        };
        self.live = evaluated(&self.answers, &self.only, shown);
        self.keep_choice();
    }

    /// Whether the engine is awaited.
    pub fn waiting(&self) -> bool {
        matches!(self.live, Live::Waiting(_))
    }

    fn keep_choice(&mut self) {
        if let Some(report) = self.report() {
            if self.chosen.is_some_and(|id| !report.ranking.contains(&id)) {
                self.chosen = None;
            }
        }
    }

    /// The state for stored answers (from [`ANSWERS_KEY`]), keeping every valid field of
    /// a damaged or older document and saying what was dropped.
    pub fn from_stored(stored: Option<&str>) -> Self {
        match stored {
            None => State::new(Answers::default(), None),
            Some(text) => State::from_saved(parse_answers_lenient(text)),
        }
    }

    /// The state for what reading the saved answers came to (see [`State::from_stored`]).
    pub fn from_saved(read: SavedRead) -> Self {
        match read {
            Ok((answers, dropped)) => {
                let notice = (!dropped.is_empty()).then(|| Notice {
                    kind: NoticeKind::Warning,
                    title: "Some saved answers could not be read and were reset to their defaults."
                        .into(),
                    kept: Vec::new(),
                    dropped: dropped.iter().map(describe_error).collect(),
                    can_restore: false,
                });
                State::new(answers, notice)
            }
            Err(_) => State::new(
                Answers::default(),
                Some(Notice {
                    kind: NoticeKind::Warning,
                    title: "Your saved answers could not be read, so Berth starts afresh.".into(),
                    kept: Vec::new(),
                    dropped: Vec::new(),
                    can_restore: false,
                }),
            ),
        }
    }

    /// The defaults, when answers are saved that could not be read because their reader's
    /// code did not arrive: they stay saved, and the notice says how to get them back.
    pub fn saved_unread() -> Self {
        State {
            saved_unread: true,
            ..State::new(
                Answers::default(),
                Some(Notice {
                    kind: NoticeKind::Warning,
                    title: "Your saved answers are still in this browser, but the part of Berth that reads them did not arrive, so this shows the defaults. Check the connection, then reload the page; changing an answer here replaces the saved ones.".into(),
                    kept: Vec::new(),
                    dropped: Vec::new(),
                    can_restore: false,
                }),
            )
        }
    }

    /// The sections with at least one question that applies to the current answers.
    pub fn sections(&self) -> Vec<Section> {
        sections(&self.answers)
    }

    /// The problem to show for question `id`: what was typed, else what the core flags (a
    /// maximum below the minimum shows even after both were typed validly).
    pub fn error_for(&self, id: &str) -> Option<&str> {
        self.drafts
            .get(id)
            .and_then(|d| d.error.as_deref())
            .or_else(|| {
                self.problems
                    .iter()
                    .find(|e| e.field == id)
                    .map(|e| e.message.as_str())
            })
    }

    /// Replaces every answer, offering the replaced ones back (Reset, a file's answers);
    /// nothing to say when nothing changed.
    fn replace_offering_back(&mut self, answers: Answers, title: &str) {
        let before = self.answers.clone();
        self.drafts.clear();
        self.set_answers(answers);
        let changed = before != self.answers;
        self.notice = changed.then(|| Notice::info(title, true));
        self.previous = changed.then_some(before);
    }

    fn set_answers(&mut self, answers: Answers) {
        if answers == *self.answers {
            return;
        }
        self.saved_unread = false;
        self.problems = Shared::new(answers.check());
        self.answers = Shared::new(answers);
        self.evaluate();
        let visible = self.sections();
        if !visible.contains(&self.section) {
            self.section = nearest(&visible, self.section);
        }
    }

    fn open_link(&mut self, read: LinkRead) {
        match read {
            Ok(decoded) => {
                let changed = decoded.answers != *self.answers;
                let kind = if decoded.dropped.is_empty() {
                    NoticeKind::Info
                } else {
                    NoticeKind::Warning
                };
                let title = if decoded.dropped.is_empty() {
                    "Opened the answers from a shared link."
                } else {
                    "This shared link is damaged or from another version of Berth. Berth kept what it could read; the rest use the starting point's defaults."
                };
                self.notice = Some(Notice {
                    kind,
                    title: title.into(),
                    kept: if decoded.dropped.is_empty() {
                        Vec::new()
                    } else {
                        decoded
                            .kept
                            .iter()
                            .map(|k| title_of(k).to_string())
                            .collect()
                    },
                    dropped: decoded.dropped.iter().map(describe_error).collect(),
                    can_restore: changed,
                });
                if changed {
                    self.previous = Some(self.answers.clone());
                }
                self.drafts.clear();
                self.set_answers(decoded.answers);
            }
            Err(e) => {
                self.notice = Some(Notice {
                    kind: NoticeKind::Error,
                    title: format!(
                        "This shared link {}. Your own answers are unchanged.{}",
                        e.message,
                        if e.message.starts_with("is damaged") {
                            " Copy the whole link again from where it was shared."
                        } else {
                            ""
                        }
                    ),
                    kept: Vec::new(),
                    dropped: Vec::new(),
                    can_restore: false,
                });
            }
        }
    }
}

/// The report for `answers`, or [`Live::Waiting`] (with `shown` kept on screen) until the
/// engine is here.
fn evaluated(answers: &Answers, only: &[&'static str], shown: Option<Shared<Prerendered>>) -> Live {
    engine::evaluate(answers, only).map_or(Live::Waiting(shown), |r| Live::Report(Shared::new(r)))
}

/// "Memory per instance: must be between …": the question by its title, not its id.
fn describe_error(e: &AnswerError) -> String {
    if e.field == "(link)" {
        let mut s = String::from("The link ");
        s.push_str(&e.message);
        return s;
    }
    let mut s = title_of(&e.field).to_string();
    s.push_str(": ");
    s.push_str(&e.message);
    s
}

/// The sections with at least one applicable question, in order.
pub fn sections(answers: &Answers) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for q in applicable(answers) {
        if !out.contains(&q.section) {
            out.push(q.section);
        }
    }
    out
}

/// The visible section closest after `section` (or the last one).
fn nearest(visible: &[Section], section: Section) -> Section {
    let rank = |s: Section| Section::ALL.iter().position(|x| *x == s).unwrap_or(0);
    visible
        .iter()
        .copied()
        .find(|s| rank(*s) >= rank(section))
        .or(visible.last().copied())
        .unwrap_or(Section::Archetype)
}

/// Reads a typed number: digits with a decimal point, or a decimal comma ("0,5"). A comma
/// that could as well separate thousands ("1,000") is refused with both readings, never
/// guessed; so are hex, words and separators. `whole` picks the example in the message.
pub fn parse_number(text: &str, whole: bool) -> Result<f64, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("Enter a number.".into());
    }
    // Plain string building: format! and pattern searches would add code to the wasm.
    let quoted = |parts: &[&str]| {
        let mut m = String::from("\u{201c}");
        m.push_str(t);
        m.push_str("\u{201d} ");
        parts.iter().for_each(|p| m.push_str(p));
        m
    };
    let bytes = t.as_bytes();
    let sign = usize::from(matches!(bytes.first(), Some(b'-' | b'+')));
    let (mut commas, mut points, mut comma_at) = (0, 0, 0);
    for (i, b) in bytes.iter().enumerate().skip(sign) {
        match b {
            b',' => (commas, comma_at) = (commas + 1, i),
            b'.' => points += 1,
            b'0'..=b'9' => {}
            _ => {
                return Err(quoted(&[
                    "is not a number. Use digits, ",
                    example(whole),
                    ".",
                ]))
            }
        }
    }
    let no_commas: String = t.chars().filter(|c| *c != ',').collect();
    if commas > 1 {
        return Err(quoted(&[
            "has separators: write ",
            &no_commas,
            " with none.",
        ]));
    }
    if commas == 1 && points == 0 && bytes.len() - comma_at == 4 {
        return Err(quoted(&[
            "could be read two ways: write ",
            &no_commas,
            " with no separators, or use a point for a decimal (",
            &t.replace(',', "."),
            ").",
        ]));
    }
    if commas + points > 1 || bytes.len() == sign + commas + points {
        return Err(quoted(&[
            "is not a number. Use digits, ",
            example(whole),
            ".",
        ]));
    }
    // JavaScript reads the checked digits (as `Number()`), which keeps Rust's float parser
    // out of the wasm.
    Some(wasm_bindgen::JsValue::from_str(&t.replace(',', ".")).unchecked_into_f64())
        .filter(|n| n.is_finite())
        .ok_or_else(|| quoted(&["is not a number. Use digits, ", example(whole), "."]))
}

fn example(whole: bool) -> &'static str {
    if whole {
        "e.g. 2"
    } else {
        "e.g. 2 or 0.5"
    }
}

/// The value to restore when "Not sure" is unticked: what was typed, if it was valid, else
/// the starting point's value, else the public web service's.
fn resume_value(state: &State, id: &str) -> Option<f64> {
    let typed = state
        .drafts
        .get(id)
        .filter(|d| d.error.is_none())
        .and_then(|d| parse_number(&d.text, false).ok());
    let preset = |a: Answers| match a.get(id) {
        Some(AnswerValue::Number(n)) => n,
        _ => None,
    };
    typed
        .or_else(|| preset(state.answers.archetype.preset()))
        .or_else(|| preset(Answers::default()))
        .or_else(|| match question(id).map(|q| q.kind) {
            Some(QuestionKind::Number(s) | QuestionKind::Duration(s) | QuestionKind::Size(s)) => {
                Some(s.min.max(1.0))
            }
            _ => None,
        })
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Evaluate => {
                if s.report().is_none() {
                    s.evaluate();
                }
            }
            Action::EngineMissing => {
                if s.waiting() {
                    s.live = Live::Missing;
                }
            }
            Action::Answer("archetype", AnswerValue::Choice(id)) => {
                let mut a = (*s.answers).clone();
                if a.set("archetype", AnswerValue::Choice(id)).is_ok() {
                    // A starting point pre-fills every answer; deploy details the user
                    // already edited are theirs and are kept.
                    let mut preset = a.archetype.preset();
                    if s.answers.deploy != s.answers.archetype.preset().deploy {
                        preset.deploy = s.answers.deploy.clone();
                    }
                    // Answers the user had changed are offered back, so none is lost.
                    let customised = *s.answers != s.answers.archetype.preset();
                    let before = s.answers.clone();
                    s.drafts.clear();
                    s.set_answers(preset);
                    if customised && before != s.answers {
                        s.previous = Some(before);
                        s.notice = Some(Notice::info(
                            "The new starting point replaced your answers with its own.",
                            true,
                        ));
                    }
                }
            }
            Action::Answer(id, value) => {
                let mut a = (*s.answers).clone();
                match a.set(id, value) {
                    Ok(()) => {
                        s.drafts.remove(id);
                        s.set_answers(a);
                    }
                    Err(e) => {
                        s.drafts.insert(
                            id,
                            Draft {
                                text: String::new(),
                                error: Some(e.message),
                            },
                        );
                    }
                }
            }
            Action::Type(id, text) => {
                let whole = matches!(
                    question(id).map(|q| q.kind),
                    Some(QuestionKind::Number(spec) | QuestionKind::Duration(spec) | QuestionKind::Size(spec)) if spec.step >= 1.0
                );
                let result = parse_number(&text, whole).and_then(|n| {
                    let mut a = (*s.answers).clone();
                    a.set(id, AnswerValue::Number(Some(n)))
                        .map(|()| a)
                        .map_err(|e| e.message)
                });
                match result {
                    Ok(a) => {
                        s.drafts.insert(id, Draft { text, error: None });
                        s.set_answers(a);
                    }
                    Err(error) => {
                        s.drafts.insert(
                            id,
                            Draft {
                                text,
                                error: Some(error),
                            },
                        );
                    }
                }
            }
            Action::NotSure(id, not_sure) => {
                let value = if not_sure { None } else { resume_value(&s, id) };
                let mut a = (*s.answers).clone();
                if a.set(id, AnswerValue::Number(value)).is_ok() {
                    // Unticked, the box shows the value brought back; ticked, it keeps what
                    // was typed for later only if that was valid, so no error outlives it.
                    if !not_sure || s.drafts.get(id).is_some_and(|d| d.error.is_some()) {
                        s.drafts.remove(id);
                    }
                    s.set_answers(a);
                }
            }
            Action::Deploy(field, text) => {
                let mut a = (*s.answers).clone();
                let error = deploy_text::set(&mut a.deploy, field, &text).err();
                if error.is_none() {
                    s.set_answers(a);
                }
                s.drafts.insert(field, Draft { text, error });
            }
            Action::Replace(answers, only) => {
                if let Some(answers) = answers {
                    s.drafts.clear();
                    s.notice = None;
                    s.previous = None;
                    s.set_answers(*answers);
                }
                s.set_only(only);
            }
            Action::Import(answers) => {
                s.replace_offering_back(*answers, "The answers read from your file replaced yours.")
            }
            Action::Synced(theirs) => {
                // Show another tab's answers here too, so this tab's next save builds on them
                // rather than overwriting them.
                if *theirs != *s.answers {
                    s.drafts.clear();
                    s.previous = None;
                    s.set_answers(*theirs);
                    s.notice = Some(Notice::info(
                        "Your answers were changed in another tab; this tab shows them now.",
                        false,
                    ));
                }
            }
            Action::Go(section) => s.section = section,
            Action::Next | Action::Back => {
                let visible = s.sections();
                let at = visible.iter().position(|x| *x == s.section).unwrap_or(0);
                let to = if matches!(action, Action::Next) {
                    at + 1
                } else {
                    at.saturating_sub(1)
                };
                s.section = visible.get(to).copied().unwrap_or(s.section);
            }
            Action::Reveal(id) => {
                if let Some(q) = question(id) {
                    s.section = q.section;
                    s.reveal = Some(q.id);
                }
            }
            Action::Revealed => s.reveal = None,
            Action::Choose(id) => s.chosen = Some(id),
            Action::OpenLink(read) => s.open_link(*read),
            Action::Restore => {
                if let Some(previous) = s.previous.take() {
                    s.drafts.clear();
                    s.set_answers((*previous).clone());
                    s.notice = Some(Notice::info("Your previous answers are back.", false));
                }
            }
            Action::Dismiss => s.notice = None,
            Action::Reset => {
                s.chosen = None;
                s.section = Section::Archetype;
                s.replace_offering_back(
                    Answers::default(),
                    "Your answers were reset to the defaults.",
                );
            }
        }
        // The server rendered the first section only: another one may quote the catalog.
        if s.section != self.section && matches!(s.live, Live::Prerendered(_)) {
            s.evaluate();
        }
        if s == *self {
            self
        } else {
            Rc::new(s)
        }
    }
}
