//! What a deploy answer must look like on each cloud, whoever reads it: region ids of the
//! cloud's shape and five-field cron schedules. Import checks a file's values with these
//! before it writes them into answers, and the manifests check the answers with them
//! before they write files, so both refuse the same things in the same words.

/// The cloud a platform runs on, for the shape of its region ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cloud {
    Aws,
    Azure,
    Gcp,
}

/// Shows a value in a message without letting control characters through.
pub(crate) fn printable(s: &str) -> String {
    s.chars()
        .take(80)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

const CRON_FIELDS: [(&str, u32, u32); 5] = [
    ("minute", 0, 59),
    ("hour", 0, 23),
    ("day of month", 1, 31),
    ("month", 1, 12),
    ("day of week", 0, 7),
];
const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
/// Cron's day names, Sunday first (day 0).
pub(crate) const CRON_DAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// Whether a region id has its cloud's shape: AWS `us-east-1` / `us-gov-west-1` /
/// `eusc-de-east-1` (a short word, words, a number), Azure `eastus2` / `eastus2euap` (one
/// word of letters and digits, starting with a letter), Google Cloud `us-central1` (two
/// words, the second ending in a number). A region of another cloud never passes.
pub(crate) fn region_shape(cloud: Cloud, region: &str) -> bool {
    let parts: Vec<&str> = region.split('-').collect();
    let word = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase());
    let number = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    match cloud {
        Cloud::Aws => {
            parts.len() >= 3
                && (2..=4).contains(&parts[0].len())
                && parts[..parts.len() - 1].iter().all(|p| word(p))
                && number(parts[parts.len() - 1])
        }
        Cloud::Azure => {
            parts.len() == 1
                && region.as_bytes()[0].is_ascii_lowercase()
                && region
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        }
        Cloud::Gcp => {
            let last = parts.last().copied().unwrap_or("");
            let stem = last.trim_end_matches(|c: char| c.is_ascii_digit());
            parts.len() == 2 && word(parts[0]) && word(stem) && stem.len() < last.len()
        }
    }
}

/// Checks a 5-field cron expression (minute hour day-of-month month day-of-week).
pub fn cron_error(expr: &str) -> Option<String> {
    let fields: Vec<&str> = expr.split(' ').filter(|f| !f.is_empty()).collect();
    if fields.len() != 5 || expr.contains(['\t', '\n', '\r']) {
        return Some(format!(
            "'{}' is not a 5-field cron expression (minute hour day-of-month month day-of-week), for example '0 3 * * *'",
            printable(expr)
        ));
    }
    for (field, (label, lo, hi)) in fields.iter().zip(CRON_FIELDS) {
        for part in field.split(',') {
            let (range, step) = match part.split_once('/') {
                Some((r, s)) => (r, Some(s)),
                None => (part, None),
            };
            let step_ok =
                step.is_none_or(|s| s.parse::<u32>().is_ok_and(|n| n >= 1 && n <= hi.max(1)));
            let value = |v: &str| -> Option<u32> {
                v.parse::<u32>()
                    .ok()
                    .filter(|n| (lo..=hi).contains(n))
                    .or_else(|| {
                        let up = v.to_ascii_uppercase();
                        match label {
                            "month" => MONTHS.iter().position(|m| *m == up).map(|i| i as u32 + 1),
                            "day of week" => {
                                CRON_DAYS.iter().position(|d| *d == up).map(|i| i as u32)
                            }
                            _ => None,
                        }
                    })
            };
            let range_ok = range == "*"
                || match range.split_once('-') {
                    Some((a, b)) => value(a).zip(value(b)).is_some_and(|(a, b)| a <= b),
                    None => value(range).is_some(),
                };
            if !step_ok || !range_ok {
                let names = match label {
                    "month" => " or JAN-DEC",
                    "day of week" => " or SUN-SAT",
                    _ => "",
                };
                return Some(format!(
                    "cron {label} field '{}' must use numbers {lo}-{hi}{names}, '*', ',', '/' and low-high ranges",
                    printable(field)
                ));
            }
        }
    }
    // A day of the month that none of the months has ('0 3 31 2 *') never comes. With a
    // day of the week given, cron also runs on those days, so only a '*' one is checked.
    if fields[4] == "*" {
        const LONGEST: [u32; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        let days = cron_values(fields[2], 1, 31, &[]);
        let months = cron_values(fields[3], 1, 12, &MONTHS);
        let first_day = days.iter().min().copied().unwrap_or(1);
        if !months.iter().any(|m| first_day <= LONGEST[*m as usize - 1]) {
            return Some(format!(
                "cron '{}' never runs: none of its months has a day {first_day}; choose days those months have",
                printable(expr)
            ));
        }
    }
    None
}

/// The values a checked cron field selects, from `lo` to `hi`: `*`, numbers or `names`
/// (counted from `lo`), ranges, lists and steps. `a/n` runs from a to `hi`, as Kubernetes
/// and Cloud Scheduler read it; a day of the week written 7 starts such a run at Sunday, 0.
pub(crate) fn cron_values(field: &str, lo: u32, hi: u32, names: &[&str]) -> Vec<u32> {
    let value = |v: &str| {
        v.parse::<u32>()
            .ok()
            .or_else(|| {
                names
                    .iter()
                    .position(|n| n.eq_ignore_ascii_case(v))
                    .map(|i| i as u32 + lo)
            })
            .unwrap_or(lo)
    };
    let mut out = Vec::new();
    for part in field.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => (r, Some(s.parse::<usize>().unwrap_or(1).max(1))),
            None => (part, None),
        };
        let (first, last) = match range.split_once('-') {
            Some((a, b)) => (value(a), value(b)),
            None if range == "*" => (lo, hi),
            None if step.is_some() => (value(range) % (hi + 1), hi),
            None => (value(range), value(range)),
        };
        out.extend((first..=last).step_by(step.unwrap_or(1)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_have_their_clouds_shape() {
        for (cloud, ok, bad) in [
            (
                Cloud::Aws,
                &[
                    "us-east-1",
                    "us-gov-west-1",
                    "ap-southeast-3",
                    "eusc-de-east-1",
                    "cn-north-1",
                ][..],
                &["eastus", "us-central1", "us-east"][..],
            ),
            (
                Cloud::Azure,
                &[
                    "eastus",
                    "eastus2",
                    "westeurope",
                    "eastus2euap",
                    "usgovvirginia",
                ][..],
                &["us-east-1", "europe-west1", "2eastus"][..],
            ),
            (
                Cloud::Gcp,
                &["us-central1", "europe-west1", "northamerica-northeast2"][..],
                &["eastus", "us-east-1", "us-central"][..],
            ),
        ] {
            for r in ok {
                assert!(region_shape(cloud, r), "{cloud:?} {r}");
            }
            for r in bad {
                assert!(!region_shape(cloud, r), "{cloud:?} {r}");
            }
        }
    }

    #[test]
    fn cron() {
        for ok in [
            "0 3 * * *",
            "*/15 * * * *",
            "0 9-17 * * MON-FRI",
            "30 2 1,15 * *",
            "0 0 * JAN,JUL 0",
        ] {
            assert_eq!(cron_error(ok), None, "{ok}");
        }
        // Days no chosen month has never come; with a day of the week, cron runs then too.
        for never in [
            "0 3 31 2 *",
            "0 3 30,31 feb *",
            "0 3 31 4,6,9,11 *",
            "0 3 31-31 2 *",
        ] {
            assert!(
                cron_error(never).is_some_and(|m| m.contains("never runs")),
                "{never}"
            );
        }
        for some in [
            "0 3 29 2 *",
            "0 3 31 1-2 *",
            "0 3 31 2 MON",
            "0 3 1,31 2 *",
            "0 3 */5 2 *",
        ] {
            assert_eq!(cron_error(some), None, "{some}");
        }
        for bad in [
            "0 3 * *",
            "60 * * * *",
            "0 24 * * *",
            "* * * * * *",
            "0 3 * * 8",
            "0 3 ? * *",
            "0 3 * * *;",
            "*/0 * * * *",
        ] {
            assert!(cron_error(bad).is_some(), "{bad}");
        }
    }
}
