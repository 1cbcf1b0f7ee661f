//! The string algorithms of the URI handling functions (ECMA-262 §19.2.6: `encodeURI`,
//! `encodeURIComponent`, `decodeURI`, `decodeURIComponent`) and of Annex B's `escape` and
//! `unescape` (§B.2.1), on UTF-16 code units. The built-in functions that wrap them live in
//! `global_functions.rs`; a `UriError` becomes V8's `URIError: URI malformed`.

/// The only failure: V8 throws `URIError` with the message "URI malformed".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UriError;

/// The characters `encodeURI` leaves as they are besides the always-unescaped ones, and that
/// `decodeURI` keeps escaped (uriReserved and "#").
pub const URI_RESERVED_AND_HASH: &str = ";/?:@&=+$,#";

/// alwaysUnescaped of §19.2.6.5 step 2: ASCII letters and digits and `-_.!~*'()`.
fn is_always_unescaped(c: u16) -> bool {
    u8::try_from(c).is_ok_and(|b| b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b))
}

/// Encode(string, extraUnescaped) — ECMA-262 §19.2.6.5.
pub fn encode(string: &[u16], extra_unescaped: &str) -> Result<Vec<u16>, UriError> {
    let in_extra = |c: u16| u8::try_from(c).is_ok_and(|b| extra_unescaped.as_bytes().contains(&b));
    // Step 1–3: R starts empty; the unescaped set is alwaysUnescaped ∪ extraUnescaped.
    let mut r = Vec::with_capacity(string.len());
    let mut k = 0;
    // Step 5: repeat while k < len.
    while k < string.len() {
        let c = string[k];
        if is_always_unescaped(c) || in_extra(c) {
            // Step 5.b: an unescaped character is copied.
            r.push(c);
            k += 1;
            continue;
        }
        // Step 5.c.i–ii: the code point at k; a lone surrogate cannot be encoded.
        let (code_point, units) = code_point_at(string, k).ok_or(UriError)?;
        k += units;
        // Step 5.c.iv–v: its UTF-8 octets, each as %XX.
        let mut octets = [0u8; 4];
        let encoded = char::from_u32(code_point).ok_or(UriError)?.encode_utf8(&mut octets);
        for &octet in encoded.as_bytes() {
            push_percent_octet(&mut r, octet);
        }
    }
    Ok(r)
}

/// Decode(string, preserveEscapeSet) — ECMA-262 §19.2.6.6.
pub fn decode(string: &[u16], preserve_escape_set: &str) -> Result<Vec<u16>, UriError> {
    let len = string.len();
    let mut r = Vec::with_capacity(len);
    let mut k = 0;
    // Step 4: repeat while k < len.
    while k < len {
        let c = string[k];
        if c != u16::from(b'%') {
            // Step 4.b: not an escape.
            r.push(c);
            k += 1;
            continue;
        }
        // Step 4.c.i–iii: "%XX" must follow.
        if k + 3 > len {
            return Err(UriError);
        }
        let start = k;
        let b = parse_hex_octet(string, k + 1).ok_or(UriError)?;
        k += 2;
        // Step 4.c.v: the number of leading 1 bits of the first octet.
        let n = b.leading_ones() as usize;
        if n == 0 {
            // Step 4.c.vi: an ASCII octet — kept escaped if it is in the preserve set.
            if preserve_escape_set.as_bytes().contains(&b) {
                r.extend_from_slice(&string[start..=k]);
            } else {
                r.push(u16::from(b));
            }
        } else {
            // Step 4.c.vii: a multi-octet UTF-8 sequence of n octets.
            if n == 1 || n > 4 {
                return Err(UriError);
            }
            if k + 3 * (n - 1) >= len {
                return Err(UriError);
            }
            let mut octets = vec![b];
            for _ in 1..n {
                k += 1;
                if string[k] != u16::from(b'%') {
                    return Err(UriError);
                }
                let continuation = parse_hex_octet(string, k + 1).ok_or(UriError)?;
                octets.push(continuation);
                k += 2;
            }
            // Step 4.c.vii.9: the octets must be the UTF-8 encoding of one code point (no
            // overlong forms, surrogates or values above U+10FFFF — what Rust's decoder rejects).
            let text = std::str::from_utf8(&octets).map_err(|_| UriError)?;
            let mut units = [0u16; 2];
            for ch in text.chars() {
                r.extend_from_slice(ch.encode_utf16(&mut units));
            }
        }
        k += 1;
    }
    Ok(r)
}

/// `escape(string)` — ECMA-262 §B.2.1.1.
pub fn escape(string: &[u16]) -> Vec<u16> {
    let mut r = Vec::with_capacity(string.len());
    for &c in string {
        let unescaped =
            u8::try_from(c).is_ok_and(|b| b.is_ascii_alphanumeric() || b"@*_+-./".contains(&b));
        if unescaped {
            r.push(c);
        } else if c < 256 {
            push_percent_octet(&mut r, c as u8);
        } else {
            r.push(u16::from(b'%'));
            r.push(u16::from(b'u'));
            for shift in [12, 8, 4, 0] {
                r.push(upper_hex_digit(((c >> shift) & 0xF) as u8));
            }
        }
    }
    r
}

/// `unescape(string)` — ECMA-262 §B.2.1.2: `%uXXXX` and `%XX` become their code units,
/// anything else is copied.
pub fn unescape(string: &[u16]) -> Vec<u16> {
    let len = string.len();
    let mut r = Vec::with_capacity(len);
    let mut k = 0;
    while k < len {
        let mut c = string[k];
        if c == u16::from(b'%') {
            if k + 6 <= len && string[k + 1] == u16::from(b'u') {
                if let Some(unit) = parse_hex_units(&string[k + 2..k + 6]) {
                    c = unit;
                    k += 5;
                }
            } else if k + 3 <= len {
                if let Some(unit) = parse_hex_units(&string[k + 1..k + 3]) {
                    c = unit;
                    k += 2;
                }
            }
        }
        r.push(c);
        k += 1;
    }
    r
}

/// The code point starting at `k` and how many units it takes; `None` for a lone surrogate.
fn code_point_at(string: &[u16], k: usize) -> Option<(u32, usize)> {
    let first = *string.get(k)?;
    match first {
        0xD800..=0xDBFF => {
            let second = *string.get(k + 1)?;
            if (0xDC00..=0xDFFF).contains(&second) {
                let cp = 0x10000 + ((u32::from(first) - 0xD800) << 10) + (u32::from(second) - 0xDC00);
                Some((cp, 2))
            } else {
                None
            }
        }
        0xDC00..=0xDFFF => None,
        _ => Some((u32::from(first), 1)),
    }
}

/// The octet written by two hex digits at `at`.
fn parse_hex_octet(string: &[u16], at: usize) -> Option<u8> {
    let value = parse_hex_units(string.get(at..at + 2)?)?;
    u8::try_from(value).ok()
}

/// The value of hex digits (either case); `None` if any unit is not one.
fn parse_hex_units(units: &[u16]) -> Option<u16> {
    units.iter().try_fold(0u16, |acc, &u| {
        let digit = char::from_u32(u32::from(u))?.to_digit(16)?;
        Some(acc * 16 + digit as u16)
    })
}

fn upper_hex_digit(d: u8) -> u16 {
    u16::from(b"0123456789ABCDEF"[usize::from(d & 0xF)])
}

fn push_percent_octet(out: &mut Vec<u16>, octet: u8) {
    out.push(u16::from(b'%'));
    out.push(upper_hex_digit(octet >> 4));
    out.push(upper_hex_digit(octet & 0xF));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    fn s(units: &[u16]) -> String {
        String::from_utf16_lossy(units)
    }

    // Expected strings from node v20.
    const MIXED: &str = "a b;/?:@&=+$,#ü😀-_.!~*'()[]";

    #[test]
    fn encode_uri_and_component() {
        let uri = encode(&u(MIXED), URI_RESERVED_AND_HASH).map(|r| s(&r));
        assert_eq!(uri.as_deref(), Ok("a%20b;/?:@&=+$,#%C3%BC%F0%9F%98%80-_.!~*'()%5B%5D"));
        let component = encode(&u(MIXED), "").map(|r| s(&r));
        assert_eq!(
            component.as_deref(),
            Ok("a%20b%3B%2F%3F%3A%40%26%3D%2B%24%2C%23%C3%BC%F0%9F%98%80-_.!~*'()%5B%5D")
        );
        assert_eq!(encode(&[0xD800], ""), Err(UriError));
        assert_eq!(encode(&[0xDC00, 0xD800], ""), Err(UriError));
    }

    #[test]
    fn decode_uri_and_component() {
        let text = u("%3B%2f%41%c3%bc%F0%9F%98%80");
        assert_eq!(decode(&text, URI_RESERVED_AND_HASH).map(|r| s(&r)).as_deref(), Ok("%3B%2fAü😀"));
        assert_eq!(decode(&u("%3B%2f%41"), "").map(|r| s(&r)).as_deref(), Ok(";/A"));
        for bad in ["%", "%4", "%zz", "%C0%80", "%ED%A0%80", "%C3", "%C3%", "%C3x41", "%80", "%F8%80%80%80%80", "%F4%90%80%80"] {
            assert_eq!(decode(&u(bad), ""), Err(UriError), "{bad}");
        }
    }

    #[test]
    fn escape_and_unescape() {
        assert_eq!(s(&escape(&u("a b@*_+-./ü\u{100}😀"))), "a%20b@*_+-./%FC%u0100%uD83D%uDE00");
        assert_eq!(s(&unescape(&u("%u00fc%41%zz%u12%4"))), "üA%zz%u12%4");
        assert_eq!(unescape(&u("%uD800")), vec![0xD800]);
    }
}
