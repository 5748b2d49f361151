//! Exact decimal parsing into [`Amount`] millionths, without going through floats.

use crate::model::Amount;

/// Why a cell is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    NotANumber,
    TooLarge,
}

/// Parses a plain decimal: optional sign, digits, optional `.` and fraction.
/// More than six decimals are rounded half away from zero. Empty means missing.
pub fn parse_plain(text: &str) -> Result<Option<Amount>, NumberError> {
    parse_digits(super::value::trim(text).as_bytes())
}

/// [`parse_plain`] of bytes already trimmed.
#[inline]
pub fn parse_digits(t: &[u8]) -> Result<Option<Amount>, NumberError> {
    match short_unsigned(t, None, b'.') {
        Some(value) => Ok(Some(value)),
        None => parse_signed(t),
    }
}

/// The numbers most cells hold, read in one loop: unsigned, with at most 12 digits
/// before the `decimal` mark (in groups of three if `thousands` separates them) and
/// 1 to 6 after it, so they cannot overflow. `None` for anything else, which the
/// general paths read (or refuse).
#[expect(
    clippy::inline_always,
    reason = "measured: left to the compiler, it is called, not inlined, in the reader's cell loop (7 % of the time)"
)]
#[inline(always)]
pub fn short_unsigned(t: &[u8], thousands: Option<u8>, decimal: u8) -> Option<Amount> {
    let mut value: i64 = 0;
    let mut digits = 0;
    // Digits since the last separator, and whether there was one.
    let mut group = 0;
    let mut grouped = false;
    let mut i = 0;
    while let Some(&b) = t.get(i) {
        let d = b.wrapping_sub(b'0');
        if d <= 9 {
            if digits == 12 {
                return None;
            }
            value = value * 10 + i64::from(d);
            digits += 1;
            group += 1;
        } else if Some(b) == thousands
            && (group == 3 || (!grouped && (1..=2).contains(&group)))
            // No group of thousands starts with `0` (`0,500` is a fraction).
            && t[0] != b'0'
        {
            grouped = true;
            group = 0;
        } else {
            break;
        }
        i += 1;
    }
    if digits == 0 || (grouped && group != 3) {
        return None;
    }
    let int = value * Amount::SCALE;
    match t.get(i) {
        None => Some(Amount(int)),
        Some(&b) if b == decimal => {
            let frac = &t[i + 1..];
            if frac.is_empty()
                || frac.len() > Amount::DECIMALS
                || !frac.iter().all(u8::is_ascii_digit)
            {
                return None;
            }
            let micros = frac.iter().fold(0, |m, &b| m * 10 + i64::from(b - b'0'));
            Some(Amount(
                int + micros * POWERS_OF_TEN[Amount::DECIMALS - frac.len()],
            ))
        }
        Some(_) => None,
    }
}

/// [`short_unsigned`] as a call: in a platform export's cell loop, which does more
/// per cell than roi's, it is faster called than inlined (measured).
#[inline(never)]
pub fn short_unsigned_called(t: &[u8], thousands: Option<u8>, decimal: u8) -> Option<Amount> {
    short_unsigned(t, thousands, decimal)
}

/// [`parse_digits`] for any number: signed, long, or with many decimals.
fn parse_signed(t: &[u8]) -> Result<Option<Amount>, NumberError> {
    let (negative, digits) = match t {
        [] => return Ok(None),
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, t),
    };
    // No division, and no overflow check while the integer part has too few digits
    // to overflow.
    let (int, frac) = match digits.iter().position(|&b| b == b'.') {
        Some(dot) => (&digits[..dot], &digits[dot + 1..]),
        None => (digits, &[][..]),
    };
    if int.is_empty() && frac.is_empty() {
        return Err(NumberError::NotANumber);
    }
    let digit = |b: u8| {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            Err(NumberError::NotANumber)
        } else {
            Ok(i64::from(d))
        }
    };
    let mut micros: i64 = 0;
    let mut round_up = false;
    for (i, &b) in frac.iter().enumerate() {
        let d = digit(b)?;
        if i < Amount::DECIMALS {
            micros = micros * 10 + d;
        } else if i == Amount::DECIMALS {
            round_up = d >= 5;
        }
    }
    micros *= POWERS_OF_TEN[Amount::DECIMALS - frac.len().min(Amount::DECIMALS)];
    let mut value: i64 = 0;
    if int.len() <= 18 {
        for &b in int {
            value = value * 10 + digit(b)?;
        }
    } else {
        // A value too large is only said to be so once every byte is a digit.
        let mut too_large = false;
        for &b in int {
            let next = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(digit(b).ok()?));
            if digit(b).is_err() {
                return Err(NumberError::NotANumber);
            }
            too_large |= next.is_none();
            value = next.unwrap_or(0);
        }
        if too_large {
            return Err(NumberError::TooLarge);
        }
    }
    let total = value
        .checked_mul(Amount::SCALE)
        .and_then(|v| v.checked_add(micros + i64::from(round_up)))
        .ok_or(NumberError::TooLarge)?;
    Ok(Some(Amount(if negative { -total } else { total })))
}

const POWERS_OF_TEN: [i64; 7] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain reading `parse_plain` does in one pass: split, check, add up.
    fn reference(text: &str) -> Result<Option<Amount>, NumberError> {
        let t = text.trim();
        if t.is_empty() {
            return Ok(None);
        }
        let (negative, digits) = match t.as_bytes()[0] {
            b'-' => (true, &t[1..]),
            b'+' => (false, &t[1..]),
            _ => (false, t),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if (int.is_empty() && frac.is_empty())
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(NumberError::NotANumber);
        }
        let mut value: i64 = 0;
        for b in int.bytes() {
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(i64::from(b - b'0')))
                .ok_or(NumberError::TooLarge)?;
        }
        let mut micros: i64 = 0;
        let mut scale = Amount::SCALE / 10;
        let mut round_up = false;
        for (i, b) in frac.bytes().enumerate() {
            if i < Amount::DECIMALS {
                micros += i64::from(b - b'0') * scale;
                scale /= 10;
            } else {
                round_up = i == Amount::DECIMALS && b >= b'5';
                break;
            }
        }
        let total = value
            .checked_mul(Amount::SCALE)
            .and_then(|v| v.checked_add(micros + i64::from(round_up)))
            .ok_or(NumberError::TooLarge)?;
        Ok(Some(Amount(if negative { -total } else { total })))
    }

    proptest::proptest! {
        #[test]
        fn one_pass_reads_as_the_plain_reading(text in " ?[-+]?[0-9]{0,21}[.]?[0-9]{0,9}[.x]?[0-9]{0,2} ?") {
            proptest::prop_assert_eq!(parse_plain(&text), reference(&text));
        }
    }

    #[test]
    fn parses_exactly() {
        assert_eq!(parse_plain("12"), Ok(Some(Amount(12_000_000))));
        assert_eq!(parse_plain("0.1"), Ok(Some(Amount(100_000))));
        assert_eq!(parse_plain("-3.25"), Ok(Some(Amount(-3_250_000))));
        assert_eq!(parse_plain(".5"), Ok(Some(Amount(500_000))));
        assert_eq!(parse_plain("1.0000005"), Ok(Some(Amount(1_000_001))));
        assert_eq!(parse_plain("  "), Ok(None));
        // Either side of the one-loop path: 12 digits and 6 decimals, then one more.
        assert_eq!(
            parse_plain("999999999999.999999"),
            Ok(Some(Amount(999_999_999_999_999_999)))
        );
        assert_eq!(
            parse_plain("1000000000000.5"),
            Ok(Some(Amount(1_000_000_000_000_500_000)))
        );
        assert_eq!(parse_plain("2.1234565"), Ok(Some(Amount(2_123_457))));
        assert_eq!(parse_plain("7."), Ok(Some(Amount(7_000_000))));
    }

    #[test]
    fn refuses_what_is_not_a_plain_number() {
        for bad in [
            "12,3,4", "1e999", "NaN", "--5", "1.2.3", "abc", ".", "-", "1 000",
        ] {
            assert_eq!(parse_plain(bad), Err(NumberError::NotANumber), "{bad}");
        }
        assert_eq!(
            parse_plain("99999999999999999999"),
            Err(NumberError::TooLarge)
        );
    }

    #[test]
    fn ten_million_tenths_sum_exactly() {
        let tenth = i128::from(parse_plain("0.1").unwrap().unwrap().0);
        let sum: i128 = (0..10_000_000).map(|_| tenth).sum();
        assert_eq!(crate::model::sum_to_f64(sum), 1_000_000.0);
    }
}
