//! Catalog limits as words, for sentences that quote them (question help, hints, the
//! comments in generated manifests), so the text follows the catalog when it changes.

/// A time limit in the largest whole unit: 300 → "5 min", 7200 → "2 h", 90 → "90 s".
pub fn duration(seconds: u32) -> String {
    if seconds >= 3600 && seconds % 3600 == 0 {
        format!("{} h", seconds / 3600)
    } else if seconds >= 60 && seconds % 60 == 0 {
        format!("{} min", seconds / 60)
    } else {
        format!("{seconds} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_use_the_largest_whole_unit() {
        assert_eq!(duration(300), "5 min");
        assert_eq!(duration(7200), "2 h");
        assert_eq!(duration(90), "90 s");
        assert_eq!(duration(5400), "90 min");
        assert_eq!(duration(0), "0 s");
    }
}
