//! Number → String: `Number::toString` (ECMA-262 §6.1.6.1.20), `toString(radix)` as V8 prints
//! it, and the digit layouts of `toFixed`, `toExponential` and `toPrecision` (§21.1.3).
//!
//! Two sources of digits are used:
//! - the *shortest round-trip* digits (what `Number::toString` and `toExponential()` without
//!   an argument print), taken from Rust's `{:e}` formatting, which produces exactly the
//!   shortest digit string that reads back as the same double, the closest one on ties;
//! - the *exact* decimal expansion of the double (every finite double is a finite decimal),
//!   computed with a small base-10⁹ big integer, for the methods that round to a requested
//!   number of digits. The spec rounds the exact mathematical value half-up ("if there are two
//!   such n, pick the larger n"), so `(1.005).toFixed(2)` is `"1.00"`: 1.005 is really
//!   1.00499999999999989…

/// The decimal digits of a positive finite double with the position of its decimal point:
/// the value is `0.d₁d₂d₃… × 10^point`. `digits` holds values 0–9, has no leading zero and no
/// trailing zero.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Decimal {
    digits: Vec<u8>,
    point: i32,
}

/// Number::toString(x) with radix 10 — ECMA-262 §6.1.6.1.20 Number::toString.
pub fn number_to_string(x: f64) -> String {
    // Step 1: NaN.
    if x.is_nan() {
        return "NaN".to_string();
    }
    // Step 2: +0 and -0.
    if x == 0.0 {
        return "0".to_string();
    }
    // Safe integers (the common case) are their own digits; at most 16 of them, so step 6's
    // plain layout applies.
    if x.fract() == 0.0 && x.abs() < 9007199254740992.0 {
        return (x as i64).to_string();
    }
    // Step 3: negative numbers.
    if x < 0.0 {
        let mut s = String::from("-");
        s.push_str(&number_to_string(-x));
        return s;
    }
    // Step 4: +∞.
    if x.is_infinite() {
        return "Infinity".to_string();
    }
    // Step 5: k, n and s: the shortest digits s (k of them) with value s × 10^(n−k).
    let Decimal { digits, point: n } = shortest_digits(x);
    let k = digits.len() as i32;
    let mut out = String::new();
    if k <= n && n <= 21 {
        // Step 6: the k digits followed by n−k zeros.
        push_digits(&mut out, &digits);
        push_zeros(&mut out, (n - k) as usize);
    } else if 0 < n && n <= 21 {
        // Step 7: the first n digits, a point, the remaining k−n digits.
        push_digits(&mut out, &digits[..n as usize]);
        out.push('.');
        push_digits(&mut out, &digits[n as usize..]);
    } else if -6 < n && n <= 0 {
        // Step 8: "0.", −n zeros, then the digits.
        out.push_str("0.");
        push_zeros(&mut out, (-n) as usize);
        push_digits(&mut out, &digits);
    } else {
        // Steps 9–12: exponential notation with exponent n−1.
        push_digits(&mut out, &digits[..1]);
        if k > 1 {
            out.push('.');
            push_digits(&mut out, &digits[1..]);
        }
        push_exponent(&mut out, n - 1);
    }
    out
}

/// `Number.prototype.toString(radix)` for a radix other than 10, laid out as V8 prints it
/// (V8's `DoubleToRadixCString`): the integer part exactly, then fraction digits only as far
/// as the precision of the double carries, the last one rounded (half to even).
///
/// `radix` must be in 2..=36 (the caller checks and throws the RangeError); radix 10 goes
/// through [`number_to_string`].
pub fn number_to_string_radix(x: f64, radix: u32) -> String {
    if radix == 10 || !(2..=36).contains(&radix) {
        return number_to_string(x);
    }
    if x.is_nan() {
        return "NaN".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    let negative = x < 0.0;
    let value = x.abs();
    let r = f64::from(radix);
    let mut integer = value.floor();
    let mut fraction = value - integer;

    // Fraction digits: emit digits while the remaining fraction is still larger than half the
    // gap to the next double (`delta`, scaled along with the fraction), i.e. while the digits
    // written so far do not yet identify the value.
    let mut fraction_digits: Vec<u8> = Vec::new();
    let mut delta = (0.5 * (next_up(value) - value)).max(next_up(0.0));
    if fraction >= delta {
        loop {
            fraction *= r;
            delta *= r;
            let digit = fraction as u8; // fraction < radix, so this is the integer part.
            fraction_digits.push(digit);
            fraction -= f64::from(digit);
            let past_half = fraction > 0.5 || (fraction == 0.5 && digit & 1 == 1);
            if past_half && fraction + delta > 1.0 {
                // Round the written digits up, dropping digits that carry over.
                loop {
                    match fraction_digits.pop() {
                        None => {
                            integer += 1.0;
                            break;
                        }
                        Some(d) if u32::from(d) + 1 < radix => {
                            fraction_digits.push(d + 1);
                            break;
                        }
                        Some(_) => {}
                    }
                }
                break;
            }
            if fraction < delta {
                break;
            }
        }
    }

    // Integer digits, least significant first. Above 2^53 the low digits are not represented
    // by the double; they are written as zeros.
    let mut integer_digits: Vec<u8> = Vec::new();
    while binary_exponent(integer / r) > 0 {
        integer /= r;
        integer_digits.push(0);
    }
    loop {
        let remainder = integer % r;
        integer_digits.push(remainder as u8);
        integer = (integer - remainder) / r;
        if integer <= 0.0 {
            break;
        }
    }

    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.extend(integer_digits.iter().rev().map(|&d| radix_digit(d)));
    if !fraction_digits.is_empty() {
        out.push('.');
        out.extend(fraction_digits.iter().map(|&d| radix_digit(d)));
    }
    out
}

/// The digit layout of `Number.prototype.toFixed` — ECMA-262 §21.1.3.3 steps 6–12, for a
/// `fraction_digits` already checked to lie in 0..=100 (larger values are clamped).
pub fn number_to_fixed(x: f64, fraction_digits: u32) -> String {
    // Step 6: non-finite values print as Number::toString does.
    if !x.is_finite() {
        return number_to_string(x);
    }
    let f = fraction_digits.min(100) as i32;
    // Steps 8–9: the sign (−0 has none: it is not less than zero).
    let mut s = String::new();
    let x = if x < 0.0 {
        s.push('-');
        -x
    } else {
        x
    };
    // Step 10: 10^21 and above print as Number::toString.
    if x >= 1e21 {
        s.push_str(&number_to_string(x));
        return s;
    }
    // Step 11.a: n, the integer closest to x × 10^f (the larger one on a tie).
    let n_digits: Vec<u8> = if x == 0.0 {
        Vec::new()
    } else {
        let exact = exact_decimal(x);
        // x × 10^f = 0.d₁d₂… × 10^(point + f): `whole` digits lie before the point.
        let whole = exact.point + f;
        if whole < 0 {
            Vec::new()
        } else {
            let (mut digits, carried) = round_half_up(&exact.digits, whole as usize);
            // 99…9 rounded up to 100…0 has one digit more.
            if carried && whole > 0 {
                digits.push(0);
            }
            digits
        }
    };
    // Step 11.b: m, the digits of n ("0" when n is 0).
    let mut m: Vec<u8> = n_digits.into_iter().skip_while(|&d| d == 0).collect();
    if m.is_empty() {
        m.push(0);
    }
    // Step 11.c: place the decimal point f digits from the right, padding with zeros.
    let mut out = s;
    if f != 0 {
        let f = f as usize;
        if m.len() <= f {
            let mut padded = vec![0u8; f + 1 - m.len()];
            padded.extend_from_slice(&m);
            m = padded;
        }
        let split = m.len() - f;
        push_digits(&mut out, &m[..split]);
        out.push('.');
        push_digits(&mut out, &m[split..]);
    } else {
        push_digits(&mut out, &m);
    }
    out
}

/// The digit layout of `Number.prototype.toExponential` — ECMA-262 §21.1.3.2 steps 4–15.
/// `fraction_digits` is `None` when the argument was undefined (then the shortest round-trip
/// digits are printed) and otherwise already checked to lie in 0..=100.
pub fn number_to_exponential(x: f64, fraction_digits: Option<u32>) -> String {
    // Step 4: non-finite values print as Number::toString does.
    if !x.is_finite() {
        return number_to_string(x);
    }
    // Steps 7–8: the sign.
    let mut out = String::new();
    let x = if x < 0.0 {
        out.push('-');
        -x
    } else {
        x
    };
    let (digits, e) = if x == 0.0 {
        // Step 9: f+1 zeros, exponent 0.
        (vec![0u8; fraction_digits.unwrap_or(0).min(100) as usize + 1], 0)
    } else {
        match fraction_digits {
            // Step 10.a: as few digits as identify x.
            None => {
                let d = shortest_digits(x);
                (d.digits, d.point - 1)
            }
            // Step 10.b: f+1 significant digits, rounded half-up from the exact value.
            Some(f) => {
                let d = exact_decimal(x);
                let (digits, carried) = round_half_up(&d.digits, f.min(100) as usize + 1);
                (digits, d.point - 1 + i32::from(carried))
            }
        }
    };
    // Steps 11–12: a point after the first digit when there are more.
    push_digits(&mut out, &digits[..1]);
    if digits.len() > 1 {
        out.push('.');
        push_digits(&mut out, &digits[1..]);
    }
    // Steps 13–15: the exponent with its sign.
    push_exponent(&mut out, e);
    out
}

/// The digit layout of `Number.prototype.toPrecision` — ECMA-262 §21.1.3.5 steps 4–13, for a
/// `precision` already checked to lie in 1..=100 (an undefined precision is ToString(x),
/// handled by the caller).
pub fn number_to_precision(x: f64, precision: u32) -> String {
    // Step 4: non-finite values print as Number::toString does.
    if !x.is_finite() {
        return number_to_string(x);
    }
    let p = precision.clamp(1, 100) as i32;
    // Steps 7–8: the sign.
    let mut out = String::new();
    let x = if x < 0.0 {
        out.push('-');
        -x
    } else {
        x
    };
    let (m, e) = if x == 0.0 {
        // Step 9: p zeros, exponent 0.
        (vec![0u8; p as usize], 0)
    } else {
        // Step 10.a: p significant digits, rounded half-up from the exact value.
        let d = exact_decimal(x);
        let (digits, carried) = round_half_up(&d.digits, p as usize);
        let e = d.point - 1 + i32::from(carried);
        // Step 10.c: exponential notation when e < −6 or e ≥ p.
        if e < -6 || e >= p {
            push_digits(&mut out, &digits[..1]);
            if p != 1 {
                out.push('.');
                push_digits(&mut out, &digits[1..]);
            }
            push_exponent(&mut out, e);
            return out;
        }
        (digits, e)
    };
    if e == p - 1 {
        // Step 11: all digits before the point.
        push_digits(&mut out, &m);
    } else if e >= 0 {
        // Step 12: e+1 digits, a point, the remaining p−(e+1).
        let split = (e + 1) as usize;
        push_digits(&mut out, &m[..split]);
        out.push('.');
        push_digits(&mut out, &m[split..]);
    } else {
        // Step 13: "0.", −(e+1) zeros, then the digits.
        out.push_str("0.");
        push_zeros(&mut out, (-(e + 1)) as usize);
        push_digits(&mut out, &m);
    }
    out
}

/// The shortest digits that read back as `x` (positive, finite); of two equally close
/// candidates, the even one (the spec's Note 2 to §6.1.6.1.20, and what V8 prints).
fn shortest_digits(x: f64) -> Decimal {
    // Integers below 2^53 are exact: their own digits are the only shortest form.
    if x < 9007199254740992.0 && x.fract() == 0.0 {
        let mut digits: Vec<u8> = (x as u64).to_string().bytes().map(|b| b - b'0').collect();
        let point = digits.len() as i32;
        while digits.len() > 1 && digits.last() == Some(&0) {
            digits.pop();
        }
        return Decimal { digits, point };
    }
    let shortest = rust_shortest_digits(x);
    tie_to_even(x, shortest)
}

/// Rust's shortest round-trip digits, read from its `{:e}` output such as `1.2345e-7`.
fn rust_shortest_digits(x: f64) -> Decimal {
    let text = format!("{:e}", x);
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text.as_str(), "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let mut digits: Vec<u8> =
        mantissa.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect();
    while digits.len() > 1 && digits.last() == Some(&0) {
        digits.pop();
    }
    Decimal { digits, point: exponent + 1 }
}

/// When `x` lies exactly halfway between two k-digit candidates (its exact expansion is the k
/// digits of `shortest` then a 5), Rust's formatter may pick the upper one; the even
/// candidate is chosen instead, provided it also reads back as `x`.
fn tie_to_even(x: f64, shortest: Decimal) -> Decimal {
    let k = shortest.digits.len();
    // A tie needs the two k-digit neighbours, half a unit of the k-th digit away, to lie within
    // half an ulp of x: that takes 10^(k+1) > 2^53, i.e. k ≥ 16. Shorter forms skip the exact
    // expansion.
    if k < 15 {
        return shortest;
    }
    let exact = exact_decimal(x);
    if exact.digits.len() != k + 1 || exact.digits[k] != 5 || exact.point != shortest.point {
        return shortest;
    }
    let lower = &exact.digits[..k];
    let candidate = if lower.last().is_some_and(|d| d % 2 == 0) {
        Decimal { digits: lower.to_vec(), point: exact.point }
    } else {
        let (digits, carried) = round_half_up(&exact.digits, k);
        Decimal { digits, point: exact.point + i32::from(carried) }
    };
    if candidate == shortest || candidate.digits.last() == Some(&0) {
        return shortest;
    }
    let mut text: String = candidate.digits.iter().map(|&d| char::from(b'0' + d)).collect();
    text.push_str(&format!("e{}", candidate.point - k as i32));
    if text.parse::<f64>().ok() == Some(x) {
        candidate
    } else {
        shortest
    }
}

/// The exact decimal expansion of a positive finite double.
fn exact_decimal(x: f64) -> Decimal {
    // x = significand × 2^exponent with an integer significand.
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (significand, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    };
    let mut n = BigDecimal::from_u64(significand);
    let mut scale = 0i32;
    if exponent >= 0 {
        // An integer: multiply by 2^exponent.
        let mut left = exponent as u32;
        while left > 0 {
            let step = left.min(29);
            n.mul_small(1u32 << step);
            left -= step;
        }
    } else {
        // significand / 2^k = significand × 5^k / 10^k.
        let mut left = (-exponent) as u32;
        while left > 0 {
            let step = left.min(13);
            n.mul_small(5u32.pow(step));
            left -= step;
        }
        scale = exponent;
    }
    // The point sits `number of digits + scale` places from the left; trimming the trailing
    // zeros afterwards does not move it.
    let mut digits = n.to_digits();
    let point = digits.len() as i32 + scale;
    while digits.last() == Some(&0) {
        digits.pop();
    }
    Decimal { digits, point }
}

/// The first `keep` digits of `digits` (padded with zeros), rounded half-up on the digit that
/// follows them. Returns the digits and whether the rounding carried out of the first digit
/// (then the result is `1000…` with the same length, one decimal place higher).
/// `keep == 0` yields an empty digit list and rounds the whole value to 0 or to one unit
/// (returned as `[1]` with carry = true).
fn round_half_up(digits: &[u8], keep: usize) -> (Vec<u8>, bool) {
    let mut out: Vec<u8> = digits.iter().copied().take(keep).collect();
    out.resize(keep, 0);
    let round_up = digits.get(keep).is_some_and(|&d| d >= 5);
    if !round_up {
        return (out, false);
    }
    for d in out.iter_mut().rev() {
        if *d == 9 {
            *d = 0;
        } else {
            *d += 1;
            return (out, false);
        }
    }
    // Every digit was 9 (or there were none): 99…9 + 1 = 100…0.
    if out.is_empty() {
        return (vec![1], true);
    }
    out[0] = 1;
    (out, true)
}

/// A non-negative integer in base 10⁹, least significant limb first: just enough big-integer
/// arithmetic for the exact expansion of a double.
struct BigDecimal {
    limbs: Vec<u32>,
}

const LIMB: u64 = 1_000_000_000;

impl BigDecimal {
    fn from_u64(mut v: u64) -> BigDecimal {
        let mut limbs = Vec::new();
        while v > 0 {
            limbs.push((v % LIMB) as u32);
            v /= LIMB;
        }
        BigDecimal { limbs }
    }

    fn mul_small(&mut self, m: u32) {
        let mut carry: u64 = 0;
        for limb in self.limbs.iter_mut() {
            let product = u64::from(*limb) * u64::from(m) + carry;
            *limb = (product % LIMB) as u32;
            carry = product / LIMB;
        }
        while carry > 0 {
            self.limbs.push((carry % LIMB) as u32);
            carry /= LIMB;
        }
    }

    /// The decimal digits, most significant first, without leading zeros.
    fn to_digits(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.limbs.len() * 9);
        for (i, &limb) in self.limbs.iter().rev().enumerate() {
            let width = if i == 0 { count_digits(limb) } else { 9 };
            for k in (0..width).rev() {
                out.push(((limb / 10u32.pow(k as u32)) % 10) as u8);
            }
        }
        out
    }
}

fn count_digits(mut v: u32) -> usize {
    let mut n = 1;
    while v >= 10 {
        v /= 10;
        n += 1;
    }
    n
}

/// The next double above a non-negative finite `x`.
fn next_up(x: f64) -> f64 {
    f64::from_bits(x.to_bits() + 1)
}

/// The exponent of `x` when written as a 53-bit integer significand × 2^exponent
/// (subnormals: −1074). Positive exactly when `x` ≥ 2^53.
fn binary_exponent(x: f64) -> i32 {
    let biased = ((x.to_bits() >> 52) & 0x7ff) as i32;
    if biased == 0 {
        -1074
    } else {
        biased - 1075
    }
}

fn radix_digit(d: u8) -> char {
    char::from_digit(u32::from(d), 36).unwrap_or('?')
}

fn push_digits(out: &mut String, digits: &[u8]) {
    out.extend(digits.iter().map(|&d| char::from(b'0' + d)));
}

fn push_zeros(out: &mut String, count: usize) {
    out.extend(std::iter::repeat_n('0', count));
}

/// `e+N` / `e-N`.
fn push_exponent(out: &mut String, e: i32) {
    out.push('e');
    out.push(if e < 0 { '-' } else { '+' });
    out.push_str(&e.unsigned_abs().to_string());
}

#[cfg(test)]
#[path = "number_to_string_tests.rs"]
mod tests;
