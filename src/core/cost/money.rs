//! Money and quantities as integers: prices in pico-dollars (10⁻¹² USD) per unit,
//! amounts rounded half up to cents, quantities in thousandths of a unit.
//!
//! Formatting is integer-only, so the browser build pulls in no float formatting.

use serde::Serializer;

/// Pico-dollars in one cent.
const PICO_PER_CENT: u128 = 10_000_000_000;

/// A catalog price in pico-dollars per unit (the catalog keeps at most 10 decimals).
pub fn pico(usd: f64) -> u64 {
    (usd * 1e12).round() as u64
}

/// `numerator / denominator`, rounded half up.
pub fn div_round(numerator: u128, denominator: u128) -> u128 {
    (numerator + denominator / 2) / denominator
}

/// Pico-dollars to whole cents, rounded half up.
pub fn pico_to_cents(pico: u128) -> u64 {
    div_round(pico, PICO_PER_CENT) as u64
}

/// Digits with thousands separators: 1234567 → "1,234,567".
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let digits = digits.as_bytes();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, &d) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(char::from(d));
    }
    out
}

/// Cents as dollars: 183433 → "$1,834.33".
pub fn usd_cents(cents: u64) -> String {
    format!("${}.{:02}", grouped(cents / 100), cents % 100)
}

/// A unit price without trailing zeros: 16666700 pico → "$0.0000166667".
pub fn usd_pico(pico: u64) -> String {
    let whole = pico / 1_000_000_000_000;
    let frac = pico % 1_000_000_000_000;
    if frac == 0 {
        return format!("${whole}");
    }
    let frac = format!("{frac:012}");
    let frac = frac.trim_end_matches('0');
    // At least cents, as prices are written ("$0.20", not "$0.2").
    if frac.len() < 2 {
        format!("${whole}.{frac:0<2}")
    } else {
        format!("${whole}.{frac}")
    }
}

/// Thousandths of a unit as a number: 1100000000 → "1,100,000"; 125 → "0.125".
pub fn milli(m: u64) -> String {
    let whole = grouped(m / 1000);
    match m % 1000 {
        0 => whole,
        f => {
            let f = format!("{f:03}");
            format!("{whole}.{}", f.trim_end_matches('0'))
        }
    }
}

/// Serializes cents as a dollar string in the report JSON.
pub fn ser_cents<S: Serializer>(cents: &Option<u64>, s: S) -> Result<S::Ok, S::Error> {
    match cents {
        Some(c) => s.serialize_str(&usd_cents(*c)),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_money_and_quantities_without_floats() {
        assert_eq!(usd_cents(183_433), "$1,834.33");
        assert_eq!(usd_cents(5), "$0.05");
        assert_eq!(usd_pico(pico(0.0000166667)), "$0.0000166667");
        assert_eq!(usd_pico(pico(0.2)), "$0.20");
        assert_eq!(usd_pico(pico(0.04048)), "$0.04048");
        assert_eq!(usd_pico(0), "$0");
        assert_eq!(milli(1_100_000_000), "1,100,000");
        assert_eq!(milli(125), "0.125");
        assert_eq!(milli(2_500), "2.5");
        assert_eq!(pico_to_cents(5_000_000_000), 1);
        assert_eq!(pico_to_cents(4_999_999_999), 0);
    }
}
