//! The second stage: from a platform's reasons to its verdict, the worst outcome.

use super::report::{Outcome, Reason, Verdict};

/// Sorts `reasons` worst first (stable, so checks keep their questionnaire order within
/// an outcome) and returns the verdict they add up to.
pub fn decide(reasons: &mut [Reason]) -> Verdict {
    reasons.sort_by_key(|r| std::cmp::Reverse(r.outcome));
    match reasons.first().map(|r| r.outcome) {
        Some(Outcome::Fail) => Verdict::RuledOut,
        Some(Outcome::Caveat) => Verdict::Caveats,
        Some(Outcome::Pass) | None => Verdict::Eligible,
    }
}
