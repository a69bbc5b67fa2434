//! Answers by question id, typed: what the questionnaire reads and sets on every answer
//! change ([`Answers::get`](super::Answers) and [`Answers::set`](super::Answers)).
//!
//! Nothing here reads or writes JSON: an option is matched by its id, the name the answers
//! JSON gives it, through serde's own reader of a plain string. So the browser's first
//! download carries no JSON reader; answers documents (saved answers, share links) are read
//! by `parse`, which the release build fetches when there is one to read.

use serde::de::value::{Error, StrDeserializer};
use serde::de::{DeserializeOwned, Error as _};

use super::Answers;

/// The value option `id` names, e.g. `Ingress::Public` for `"public"`.
pub fn named<T: DeserializeOwned>(id: &str) -> Result<T, Error> {
    T::deserialize(StrDeserializer::<Error>::new(id))
}

/// Whether option `id` names `value`.
fn names<T: DeserializeOwned + PartialEq>(value: &T, id: &str) -> bool {
    named::<T>(id).is_ok_and(|v| v == *value)
}

/// A whole-number answer's field type, from the questionnaire's number (`None`: Not sure).
trait Whole: Sized {
    fn from_answer(n: Option<f64>) -> Result<Self, String>;
}

/// `n` as a whole number up to `max`. (`max` is printed as an integer: printing an `f64`
/// would bring the float formatter into the first download for this message alone.)
fn whole(n: f64, max: u64) -> Result<f64, String> {
    if n.fract() == 0.0 && (0.0..=max as f64).contains(&n) {
        Ok(n)
    } else {
        Err(format!("must be a whole number from 0 to {max}"))
    }
}

impl Whole for u32 {
    fn from_answer(n: Option<f64>) -> Result<Self, String> {
        let n = n.ok_or("needs a number")?;
        Ok(whole(n, u64::from(u32::MAX))? as u32)
    }
}

impl Whole for Option<u32> {
    fn from_answer(n: Option<f64>) -> Result<Self, String> {
        n.map(|n| u32::from_answer(Some(n))).transpose()
    }
}

impl Whole for Option<u64> {
    fn from_answer(n: Option<f64>) -> Result<Self, String> {
        // 2^53: every whole number up to it is exact in an f64.
        n.map(|n| whole(n, 1 << 53).map(|n| n as u64)).transpose()
    }
}

/// Declares which field answers which kind of question: `choices` (one option, a unit
/// enum), `lists` (several options, a list of a unit enum) and `whole` numbers. `gpu`, a
/// yes/no choice, and the fractional numbers (`Answers::fraction_mut`) are their own.
macro_rules! by_question {
    (
        choices: $($choice:ident),* ;
        lists: $($list:ident),* ;
        whole: $($whole:ident),* $(;)?
    ) => {
        impl Answers {
            /// The option among `options` that the answer to choice question `id` is;
            /// `None` when `id` is not a choice question.
            pub(crate) fn chosen(
                &self,
                id: &str,
                mut options: impl Iterator<Item = &'static str>,
            ) -> Option<&'static str> {
                match id {
                    "gpu" => Some(if self.gpu { "true" } else { "false" }),
                    $(stringify!($choice) => options.find(|o| names(&self.$choice, o)),)*
                    _ => None,
                }
            }

            /// The options among `options` that the answer to list question `id` holds,
            /// in its order; `None` when `id` is not a list question.
            pub(crate) fn chosen_all(
                &self,
                id: &str,
                options: impl Iterator<Item = &'static str> + Clone,
            ) -> Option<Vec<&'static str>> {
                match id {
                    $(stringify!($list) => Some(
                        self.$list
                            .iter()
                            .filter_map(|v| options.clone().find(|o| names(v, o)))
                            .collect(),
                    ),)*
                    _ => None,
                }
            }

            /// Answers choice question `id` with option `option`; `None` when `id` is not
            /// a choice question. The answers are unchanged on error.
            pub(crate) fn choose(&mut self, id: &str, option: &str) -> Option<Result<(), String>> {
                let set = match id {
                    "gpu" => match option {
                        "true" | "false" => {
                            self.gpu = option == "true";
                            Ok(())
                        }
                        other => Err(Error::custom(format_args!("unknown option `{other}`"))),
                    },
                    $(stringify!($choice) => named(option).map(|v| self.$choice = v),)*
                    _ => return None,
                };
                Some(set.map_err(|e| e.to_string()))
            }

            /// Answers list question `id` with `options`; `None` when `id` is not a list
            /// question. The answers are unchanged on error.
            pub(crate) fn choose_all(&mut self, id: &str, options: &[&str]) -> Option<Result<(), String>> {
                let set = match id {
                    $(stringify!($list) => options
                        .iter()
                        .map(|o| named(o))
                        .collect::<Result<Vec<_>, _>>()
                        .map(|v| self.$list = v),)*
                    _ => return None,
                };
                Some(set.map_err(|e| e.to_string()))
            }

            /// Answers whole-number question `id` with `n` (`None`: Not sure); `None`
            /// when `id` is not one. The answers are unchanged on error.
            pub(crate) fn set_whole(&mut self, id: &str, n: Option<f64>) -> Option<Result<(), String>> {
                match id {
                    $(stringify!($whole) => Some(Whole::from_answer(n).map(|v| self.$whole = v)),)*
                    _ => None,
                }
            }
        }
    };
}

by_question! {
    choices: archetype, workload, gpu_type, os, arch, ingress, storage, scale_to_zero, traffic,
        cost_preference, cloud, cloud_mode, kubernetes, existing_cluster;
    lists: protocols, special, compliance;
    whole: max_request_seconds, job_minutes, min_instances, max_instances, concurrency,
        requests_per_month, request_ms, runs_per_month, minutes_per_run;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::{GpuChoice, Ingress};

    #[test]
    fn whole_numbers_convert_exactly_and_refuse_the_rest() {
        assert_eq!(u32::from_answer(Some(3.0)), Ok(3));
        assert!(u32::from_answer(None).is_err(), "Not sure needs an Option");
        assert!(u32::from_answer(Some(2.5)).is_err());
        assert!(u32::from_answer(Some(-1.0)).is_err());
        assert!(u32::from_answer(Some(4_294_967_296.0)).is_err());
        assert_eq!(Option::<u32>::from_answer(None), Ok(None));
        assert_eq!(
            Option::<u64>::from_answer(Some(1e15)),
            Ok(Some(1_000_000_000_000_000))
        );
        assert!(Option::<u64>::from_answer(Some(f64::NAN)).is_err());
    }

    #[test]
    fn options_are_matched_by_their_name_in_the_answers_json() {
        assert_eq!(
            named::<GpuChoice>("nvidia_rtx_pro_6000").ok(),
            Some(GpuChoice::NvidiaRtxPro6000)
        );
        assert!(named::<Ingress>("Public").is_err(), "names are exact");
        let mut answers = Answers::default();
        assert_eq!(answers.choose("ingress", "private"), Some(Ok(())));
        assert_eq!(answers.ingress, Ingress::Private);
        assert!(answers
            .choose("ingress", "nowhere")
            .expect("a choice")
            .is_err());
        assert_eq!(answers.ingress, Ingress::Private, "unchanged on error");
        assert_eq!(answers.choose("vcpu", "1"), None, "not a choice question");
    }
}
