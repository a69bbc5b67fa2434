//! A number with its noun, singular or plural as the number needs: "1 caveat", "3 caveats",
//! never "1 caveat(s)".

use std::fmt;

/// `Count(n, "caveat", "caveats")` displays as "1 caveat" or "n caveats".
pub struct Count<'a>(pub u64, pub &'a str, pub &'a str);

impl fmt::Display for Count<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let noun = if self.0 == 1 { self.1 } else { self.2 };
        write!(f, "{} {noun}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Count;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(Count(1, "caveat", "caveats").to_string(), "1 caveat");
        assert_eq!(Count(0, "caveat", "caveats").to_string(), "0 caveats");
        assert_eq!(Count(2, "request", "requests").to_string(), "2 requests");
    }
}
