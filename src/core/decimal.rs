//! Decimal text for `f64` without core's float formatting.
//!
//! `{}` and `{:.3}` on an `f64` link core's Grisu and Dragon machinery (about 14 KB of
//! the app's wasm). The shortest digits already ship with the JSON writer (`zmij`), so
//! [`Shortest`] only lays them out the way `{}` does, and [`write_thousandths`] rounds
//! exactly with integers the way `{:.3}` does. Both print exactly what `std` prints.

use std::fmt::{self, Write};

/// An `f64` written exactly as `format!("{}", n)` writes it (`2`, `0.25`, `0.000024`,
/// `100000000000000000000`), for every value: the shortest digits that read back to `n`.
#[derive(Clone, Copy, Debug)]
pub struct Shortest(pub f64);

impl fmt::Display for Shortest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0;
        if !write_sign(f, n)? {
            return Ok(());
        }
        let mut buffer = zmij::Buffer::new();
        // "1234.5", "1.234e-7" or "5e+22": split into digits and the decimal point's place.
        let text = buffer.format_finite(n.abs());
        let (mantissa, exponent) = match text.split_once('e') {
            Some((m, e)) => (m, e.parse::<i32>().map_err(|_| fmt::Error)?),
            None => (text, 0),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let mut digits = [0u8; 40];
        let mut len = 0;
        for &d in whole.as_bytes().iter().chain(fraction.as_bytes()) {
            *digits.get_mut(len).ok_or(fmt::Error)? = d;
            len += 1;
        }
        let mut point = whole.len() as i32 + exponent;
        let mut start = 0;
        while start < len && digits[start] == b'0' {
            start += 1;
            point -= 1;
        }
        while len > start && digits[len - 1] == b'0' {
            len -= 1;
        }
        if start == len {
            return f.write_char('0');
        }
        let mut digits = &mut digits[start..len];
        if round_tie_up(n.abs(), digits, point) {
            // All nines carried into a new leading one: "1" and zeros, one place further left.
            if digits.first() == Some(&b'0') {
                digits[0] = b'1';
                point += 1;
            }
            while digits.len() > 1 && digits.last() == Some(&b'0') {
                let end = digits.len() - 1;
                digits = &mut digits[..end];
            }
        }
        let digits = &*digits;
        let text = std::str::from_utf8(digits).map_err(|_| fmt::Error)?;
        let zeros = |f: &mut fmt::Formatter<'_>, count: i32| -> fmt::Result {
            (0..count).try_for_each(|_| f.write_char('0'))
        };
        if point <= 0 {
            f.write_str("0.")?;
            zeros(f, -point)?;
            f.write_str(text)
        } else if point as usize >= digits.len() {
            f.write_str(text)?;
            zeros(f, point - digits.len() as i32)
        } else {
            let (whole, fraction) = text.split_at(point as usize);
            f.write_str(whole)?;
            f.write_char('.')?;
            f.write_str(fraction)
        }
    }
}

/// Where `n` lies exactly halfway between two shortest candidates, `std` takes the upper
/// and `zmij` the even one: moves `digits` (those of the candidate `zmij` chose, the
/// decimal point after `point` of them) to the upper. True when it changed them.
///
/// A tie needs `n`'s exact decimal expansion to be one digit longer than `digits` and end
/// in 5; an expansion that short fits a `u128`.
fn round_tie_up(n: f64, digits: &mut [u8], point: i32) -> bool {
    let bits = n.to_bits();
    let (biased, fraction) = ((bits >> 52) as i32, bits & ((1 << 52) - 1));
    let (mut m, mut e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    if m == 0 {
        return false;
    }
    while m & 1 == 0 {
        m >>= 1;
        e += 1;
    }
    // n = exact / 10^scale.
    let (exact, scale) = if e >= 0 {
        match u128::from(m).checked_shl(e as u32) {
            Some(v) if e < 64 => (v, 0),
            _ => return false,
        }
    } else {
        let mut v = u128::from(m);
        for _ in 0..-e {
            match v.checked_mul(5) {
                Some(next) => v = next,
                None => return false,
            }
        }
        (v, -e)
    };
    let mut text = [0u8; 40];
    let mut len = 0;
    let mut rest = exact;
    while rest > 0 {
        text[len] = b'0' + (rest % 10) as u8;
        rest /= 10;
        len += 1;
    }
    text[..len].reverse();
    let mut end = len;
    while end > 0 && text[end - 1] == b'0' {
        end -= 1;
    }
    let exact_point = len as i32 - scale;
    if end != digits.len() + 1 || text[end - 1] != b'5' || exact_point != point {
        return false;
    }
    digits.copy_from_slice(&text[..end - 1]);
    for d in digits.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return true;
        }
    }
    true
}

/// Writes what `std` writes ahead of a float's digits: the minus sign of a negative number
/// (-0.0 too), or the whole of `NaN`, `inf` and `-inf`. `false`: there are no digits to write.
fn write_sign(f: &mut impl Write, n: f64) -> Result<bool, fmt::Error> {
    if n.is_nan() {
        f.write_str("NaN")?;
        return Ok(false);
    }
    if n.is_sign_negative() {
        f.write_char('-')?;
    }
    if n.is_infinite() {
        f.write_str("inf")?;
        return Ok(false);
    }
    Ok(true)
}

/// Writes `n` as `format!("{:.3}", n)` would, with trailing zeros and a bare point trimmed
/// (`0.25`, `2`, `-0` for -0.0004): rounded exactly, ties to even, as `std` rounds.
pub fn write_thousandths(f: &mut impl Write, n: f64) -> fmt::Result {
    if !write_sign(f, n)? {
        return Ok(());
    }
    // n = m * 2^e exactly.
    let bits = n.abs().to_bits();
    let (biased, fraction) = ((bits >> 52) as i32, bits & ((1 << 52) - 1));
    let (m, e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    if e >= 0 {
        return write_whole(f, m, e as u32);
    }
    // Thousandths = m * 1000 / 2^-e, rounded half to even; m * 1000 < 2^63.
    let shift = (-e) as u32;
    let scaled = u128::from(m) * 1000;
    let thousandths = if shift >= 127 {
        0
    } else {
        let (q, r, half) = (
            scaled >> shift,
            scaled & ((1 << shift) - 1),
            1u128 << (shift - 1),
        );
        if r > half || (r == half && q & 1 == 1) {
            q + 1
        } else {
            q
        }
    } as u64;
    write!(f, "{}", thousandths / 1000)?;
    let mut frac = thousandths % 1000;
    if frac != 0 {
        let mut digits = 3;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        write!(f, ".{frac:0digits$}")?;
    }
    Ok(())
}

/// Writes the whole number `m * 2^e` in decimal, however large. Always by limbs, so the
/// app's wasm carries no `u128` printer.
fn write_whole(f: &mut impl Write, m: u64, e: u32) -> fmt::Result {
    // Base 10^9 limbs, least significant first, doubled `e` times.
    const BASE: u64 = 1_000_000_000;
    let mut limbs = vec![m % BASE, m / BASE % BASE, m / BASE / BASE];
    for _ in 0..e {
        let mut carry = 0;
        for limb in &mut limbs {
            let v = *limb * 2 + carry;
            *limb = v % BASE;
            carry = v / BASE;
        }
        if carry != 0 {
            limbs.push(carry);
        }
    }
    while limbs.len() > 1 && limbs.last() == Some(&0) {
        limbs.pop();
    }
    let mut rest = limbs.iter().rev();
    write!(f, "{}", rest.next().copied().unwrap_or(0))?;
    rest.try_for_each(|limb| write!(f, "{limb:09}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic spread of bit patterns: every exponent, many mantissas.
    fn sample() -> Vec<f64> {
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            0.2 + 0.1,
            0.000024,
            0.0000112,
            1e-7,
            1e15,
            1e16,
            1e20,
            1e21,
            1e22,
            1e23,
            123_456_789.012_345_68,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            f64::EPSILON,
            5e-324,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.0005,
            -0.0005,
            0.0015,
            0.0625,
            0.1875,
            2.0625,
            1.0 / 3.0,
            2.675,
            1.0005,
        ];
        values.extend((0..20_000).map(|i| f64::from(i) / 1000.0));
        values.extend((0..2_000).map(|i| f64::from(i) * 0.1));
        values.extend((0..2_000).map(|i| f64::from(i) / -1000.0));
        values.extend((0..2_000).map(|i| f64::from(i) / 16.0));
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            values.push(f64::from_bits(state));
        }
        for exp in -330..310 {
            values.push(10f64.powi(exp));
            values.push(1.5 * 10f64.powi(exp));
            values.push(2f64.powi(exp));
        }
        values
    }

    /// Every number in the embedded catalog (prices, sizes, limits), as the app shows them.
    fn catalog_numbers() -> Vec<f64> {
        fn walk(v: &serde_json::Value, out: &mut Vec<f64>) {
            match v {
                serde_json::Value::Number(n) => out.extend(n.as_f64()),
                serde_json::Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
                serde_json::Value::Object(map) => map.values().for_each(|i| walk(i, out)),
                _ => {}
            }
        }
        let json = serde_json::to_value(crate::core::catalog::catalog()).expect("serializes");
        let mut out = Vec::new();
        walk(&json, &mut out);
        out
    }

    #[test]
    fn catalog_values_print_as_display_and_three_decimals_print_them() {
        let numbers = catalog_numbers();
        assert!(numbers.len() > 100, "{} numbers", numbers.len());
        for n in numbers {
            assert_eq!(Shortest(n).to_string(), format!("{n}"));
            let mut ours = String::new();
            write_thousandths(&mut ours, n).expect("writes");
            let std = format!("{n:.3}");
            assert_eq!(ours, std.trim_end_matches('0').trim_end_matches('.'), "{n}");
        }
    }

    #[test]
    fn shortest_prints_what_display_prints() {
        for n in sample() {
            assert_eq!(Shortest(n).to_string(), format!("{n}"), "{:e}", n);
        }
    }

    #[test]
    fn thousandths_print_what_three_decimals_trimmed_print() {
        for n in sample() {
            let std = format!("{n:.3}");
            let std = if std.contains('.') {
                std.trim_end_matches('0').trim_end_matches('.')
            } else {
                &std
            };
            let mut ours = String::new();
            write_thousandths(&mut ours, n).expect("writes");
            assert_eq!(ours, std, "{:e}", n);
        }
    }
}
