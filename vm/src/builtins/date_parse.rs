//! Date.parse's string grammar (ECMA-262 §21.4.3.2): first the Date Time String Format
//! (§21.4.1.32: `YYYY[-MM[-DD]][THH:mm[:ss[.sss]][Z|±HH:mm]]`, with ±YYYYYY expanded years;
//! date-only forms are UTC, date-time forms without an offset local time), then, for anything
//! else, the implementation-specific forms. Those follow what V8 (and so Node) accepts, so that
//! the strings `toString` and `toUTCString` produce round-trip and common forms such as
//! `Jan 1 2020`, `2020/01/02` or `January 1, 2020 10:00:00 PM GMT+0100` parse as in Node:
//!
//! - numbers followed by `:` make a time `h:m[:s[.ms]]`, optionally followed by AM/PM;
//! - other numbers (separated by anything but `:`) make the date: with a month name, a day and
//!   a year (the first is the year when it cannot be a day); without one, `M/D/Y`, or `Y/M/D`
//!   when the first cannot be a day; missing parts are 1, two-digit years are 19xx (50–99) or
//!   20xx (0–49);
//! - `UT`, `UTC`, `GMT`, `Z` and the US zone abbreviations set the offset; a sign after a time
//!   or after UTC starts a numeric offset (`+1`, `+0100`, `+01:00`);
//! - words before the first number are ignored (day names), unknown words after it make the
//!   string invalid, text in parentheses is skipped.

use super::date_math::{make_date, make_day, make_time, time_clip, MS_PER_MINUTE};
use super::date_time_zone::utc;
use crate::conversions::string_to_number::is_str_white_space_char;

/// The meaning of a word in a date string (only its first three letters are looked at).
#[derive(Clone, Copy, PartialEq, Debug)]
enum Word {
    /// A month name, 1–12 (any word whose first three letters name a month).
    Month(i64),
    /// AM (0) or PM (12).
    Meridiem(i64),
    /// A zone name with its offset from UTC in hours.
    Zone(i64),
    /// `Z`, the ISO format's designator of UTC (also a zone name elsewhere).
    Z,
    /// `T`, the separator between date and time in the ISO format.
    TimeSeparator,
    Other,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Token {
    /// A run of ASCII digits: its value (saturated) and how many digits it has.
    Number(i64, usize),
    /// One of `:`, `-`, `+`, `.`, `)`.
    Symbol(u16),
    Word(Word),
    WhiteSpace,
    /// Text in parentheses, or any other character.
    Ignored,
    End,
}

impl Token {
    fn is_number_of_length(self, len: usize) -> Option<i64> {
        match self {
            Token::Number(n, l) if l == len => Some(n),
            _ => None,
        }
    }

    fn is_sign(self) -> Option<i64> {
        match self {
            Token::Symbol(c) if c == b'+' as u16 => Some(1),
            Token::Symbol(c) if c == b'-' as u16 => Some(-1),
            _ => None,
        }
    }
}

fn is_digit(c: u16) -> bool {
    (b'0' as u16..=b'9' as u16).contains(&c)
}

/// White space between tokens: JavaScript's, except that (as in V8) the line separators
/// U+2028 and U+2029 are not, so they count as letters of a word.
fn is_white_space(c: u16) -> bool {
    is_str_white_space_char(c) && !matches!(c, 0x2028 | 0x2029)
}

/// Letters, and every character above ASCII that is not white space, make words.
fn is_word_char(c: u16) -> bool {
    let ascii_letter = (b'a' as u16..=b'z' as u16).contains(&(c | 0x20));
    ascii_letter || (c > 0x7f && !is_white_space(c))
}

/// Splits a date string into tokens, with one token of look-ahead.
struct Scanner<'a> {
    text: &'a [u16],
    pos: usize,
    peeked: Token,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a [u16]) -> Scanner<'a> {
        let mut scanner = Scanner { text, pos: 0, peeked: Token::End };
        scanner.peeked = scanner.read();
        scanner
    }

    fn peek(&self) -> Token {
        self.peeked
    }

    fn next(&mut self) -> Token {
        let token = self.peeked;
        self.peeked = self.read();
        token
    }

    /// Consumes the next token when it is the symbol `c`.
    fn skip_symbol(&mut self, c: u8) -> bool {
        if self.peeked == Token::Symbol(c as u16) {
            self.next();
            true
        } else {
            false
        }
    }

    fn read(&mut self) -> Token {
        let Some(&c) = self.text.get(self.pos) else { return Token::End };
        if is_digit(c) {
            let start = self.pos;
            let mut value: i64 = 0;
            while let Some(&d) = self.text.get(self.pos).filter(|d| is_digit(**d)) {
                // Digits past what any date field can use are counted but not added.
                if value < 100_000_000 {
                    value = value * 10 + i64::from(d - b'0' as u16);
                }
                self.pos += 1;
            }
            return Token::Number(value, self.pos - start);
        }
        if [b':', b'-', b'+', b'.', b')'].iter().any(|s| u16::from(*s) == c) {
            self.pos += 1;
            return Token::Symbol(c);
        }
        if is_word_char(c) {
            let start = self.pos;
            while self.text.get(self.pos).is_some_and(|c| is_word_char(*c)) {
                self.pos += 1;
            }
            return Token::Word(classify_word(&self.text[start..self.pos]));
        }
        if is_white_space(c) {
            while self.text.get(self.pos).is_some_and(|c| is_white_space(*c)) {
                self.pos += 1;
            }
            return Token::WhiteSpace;
        }
        if c == b'(' as u16 {
            let mut depth = 0usize;
            while let Some(&c) = self.text.get(self.pos) {
                self.pos += 1;
                if c == b'(' as u16 {
                    depth += 1;
                } else if c == b')' as u16 {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
            }
            return Token::Ignored;
        }
        self.pos += 1;
        Token::Ignored
    }
}

/// What a word means: month names may be written out in full, other keywords may not.
fn classify_word(word: &[u16]) -> Word {
    let mut prefix = [0u8; 3];
    for (slot, &c) in prefix.iter_mut().zip(word) {
        *slot = if c < 0x80 { (c as u8).to_ascii_lowercase() } else { 0xff };
    }
    const MONTHS: [&[u8; 3]; 12] =
        [b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec"];
    if word.len() >= 3 {
        if let Some(i) = MONTHS.iter().position(|m| **m == prefix) {
            return Word::Month(i as i64 + 1);
        }
    }
    if word.len() > 3 {
        return Word::Other;
    }
    match &prefix[..word.len()] {
        b"am" => Word::Meridiem(0),
        b"pm" => Word::Meridiem(12),
        b"ut" | b"utc" | b"gmt" => Word::Zone(0),
        b"z" => Word::Z,
        b"edt" => Word::Zone(-4),
        b"est" | b"cdt" => Word::Zone(-5),
        b"cst" | b"mdt" => Word::Zone(-6),
        b"mst" | b"pdt" => Word::Zone(-7),
        b"pst" => Word::Zone(-8),
        b"t" => Word::TimeSeparator,
        _ => Word::Other,
    }
}

fn is_month(n: i64) -> bool {
    (1..=12).contains(&n)
}

fn is_day(n: i64) -> bool {
    (1..=31).contains(&n)
}

fn is_hour(n: i64) -> bool {
    (0..=23).contains(&n)
}

fn is_minute(n: i64) -> bool {
    (0..=59).contains(&n)
}

fn is_millisecond(n: i64) -> bool {
    (0..=999).contains(&n)
}

/// The numbers of the date part, and a month given by name.
#[derive(Default)]
struct DayParts {
    numbers: Vec<i64>,
    named_month: Option<i64>,
    /// Read entirely in the ISO format: the numbers are year, month, day, as written.
    iso: bool,
}

impl DayParts {
    fn add(&mut self, n: i64) -> bool {
        if self.numbers.len() < 3 {
            self.numbers.push(n);
            true
        } else {
            false
        }
    }

    /// (year, month 1–12, day), or None when the parts make no date.
    fn resolve(&self) -> Option<(i64, i64, i64)> {
        if self.numbers.is_empty() {
            return None;
        }
        let mut c = [1i64; 3];
        c[..self.numbers.len()].copy_from_slice(&self.numbers);
        let (mut year, month, day) = match self.named_month {
            None if self.iso || !is_day(c[0]) => (c[0], c[1], c[2]),
            None => (c[2], c[0], c[1]),
            Some(month) if !is_day(c[0]) => (c[0], month, c[1]),
            Some(month) => (c[1], month, c[0]),
        };
        if !self.iso {
            if (0..=49).contains(&year) {
                year += 2000;
            } else if (50..=99).contains(&year) {
                year += 1900;
            }
        }
        (is_month(month) && is_day(day)).then_some((year, month, day))
    }
}

/// The numbers of the time part: hour, minute, second, millisecond.
#[derive(Default)]
struct TimeParts {
    numbers: Vec<i64>,
    /// Set by AM (0) or PM (12).
    meridiem: Option<i64>,
}

impl TimeParts {
    fn is_empty(&self) -> bool {
        self.numbers.is_empty()
    }

    fn add(&mut self, n: i64) -> bool {
        if self.numbers.len() < 4 {
            self.numbers.push(n);
            true
        } else {
            false
        }
    }

    /// Adds the last number of the time; the parts after it are zero.
    fn add_final(&mut self, n: i64) -> bool {
        let added = self.add(n);
        self.numbers.resize(4, 0);
        added
    }

    /// Whether `n` can be the next part after the ones read (minute, second or millisecond).
    fn expects(&self, n: i64) -> bool {
        match self.numbers.len() {
            1 | 2 => is_minute(n),
            3 => is_millisecond(n),
            _ => false,
        }
    }

    /// (hour, minute, second, ms), or None when out of range (24:00:00.000 is allowed).
    fn resolve(&self) -> Option<(i64, i64, i64, i64)> {
        let mut c = [0i64; 4];
        c[..self.numbers.len()].copy_from_slice(&self.numbers);
        let [mut hour, minute, second, ms] = c;
        if let Some(offset) = self.meridiem {
            if !(0..=12).contains(&hour) {
                return None;
            }
            hour = hour % 12 + offset;
        }
        let in_range = is_hour(hour) && is_minute(minute) && is_minute(second) && is_millisecond(ms);
        let midnight_after = hour == 24 && minute == 0 && second == 0 && ms == 0;
        (in_range || midnight_after).then_some((hour, minute, second, ms))
    }
}

/// The UTC offset: sign, hours and minutes, each set separately as they are read.
#[derive(Default)]
struct ZoneParts {
    sign: Option<i64>,
    hour: Option<i64>,
    minute: Option<i64>,
}

impl ZoneParts {
    fn set_hours_offset(&mut self, hours: i64) {
        self.sign = Some(if hours < 0 { -1 } else { 1 });
        self.hour = Some(hours.abs());
        self.minute = Some(0);
    }

    fn is_utc(&self) -> bool {
        self.hour == Some(0) && self.minute == Some(0)
    }

    fn is_empty(&self) -> bool {
        self.sign.is_none()
    }

    /// Whether `n` is the minutes of an offset written `+hh:mm` whose hours were read.
    fn expects(&self, n: i64) -> bool {
        self.hour.is_some() && self.minute.is_none() && is_minute(n)
    }

    /// The offset in minutes, or None for local time.
    fn resolve(&self) -> Option<i64> {
        let sign = self.sign?;
        Some(sign * (self.hour.unwrap_or(0) * 60 + self.minute.unwrap_or(0)))
    }
}

/// What reading the ISO format left to do.
enum IsoOutcome {
    /// The whole string was in the ISO format.
    Complete,
    /// The string breaks the format where it cannot be anything else: NaN.
    Invalid,
    /// The string left the format at this token: the other forms go on from here.
    Continue(Token),
}

/// Reads as much of the Date Time String Format (§21.4.1.32) as the string has.
fn parse_iso_format(s: &mut Scanner, day: &mut DayParts, time: &mut TimeParts, zone: &mut ZoneParts) -> IsoOutcome {
    use IsoOutcome::{Complete, Continue, Invalid};
    // The year: four digits, or a sign and six digits (-000000 is not allowed).
    if let Some(sign) = s.peek().is_sign() {
        let sign_token = s.next();
        let Some(year) = s.peek().is_number_of_length(6) else { return Continue(sign_token) };
        if sign < 0 && year == 0 {
            return Continue(sign_token);
        }
        s.next();
        day.add(sign * year);
    } else if let Some(year) = s.peek().is_number_of_length(4) {
        s.next();
        day.add(year);
    } else {
        return Continue(s.next());
    }
    // -MM and -DD.
    if s.skip_symbol(b'-') {
        match s.peek().is_number_of_length(2) {
            Some(month) if is_month(month) => {
                s.next();
                day.add(month)
            }
            _ => return Continue(s.next()),
        };
        if s.skip_symbol(b'-') {
            match s.peek().is_number_of_length(2) {
                Some(d) if is_day(d) => {
                    s.next();
                    day.add(d)
                }
                _ => return Continue(s.next()),
            };
        }
    }
    if s.peek() != Token::Word(Word::TimeSeparator) {
        if s.peek() != Token::End {
            return Continue(s.next());
        }
    } else {
        s.next();
        // THH:mm, where 24 is allowed only as 24:00[:00[.000]].
        let Some(hour) = s.peek().is_number_of_length(2).filter(|h| (0..=24).contains(h)) else { return Invalid };
        let is_24 = hour == 24;
        s.next();
        time.add(hour);
        if !s.skip_symbol(b':') {
            return Invalid;
        }
        let Some(minute) = s.peek().is_number_of_length(2).filter(|m| is_minute(*m) && !(is_24 && *m > 0)) else {
            return Invalid;
        };
        s.next();
        time.add(minute);
        // :ss and .sss (any number of fraction digits; the first three count).
        if s.skip_symbol(b':') {
            let Some(second) = s.peek().is_number_of_length(2).filter(|v| is_minute(*v) && !(is_24 && *v > 0)) else {
                return Invalid;
            };
            s.next();
            time.add(second);
            if s.skip_symbol(b'.') {
                let Token::Number(n, len) = s.peek() else { return Invalid };
                if is_24 && n > 0 {
                    return Invalid;
                }
                s.next();
                time.add(fraction_to_milliseconds(n, len));
            }
        }
        // Z, ±HH:mm, or (as V8 also accepts) ±HHmm.
        if s.peek() == Token::Word(Word::Z) {
            s.next();
            zone.set_hours_offset(0);
        } else if let Some(sign) = s.peek().is_sign() {
            s.next();
            zone.sign = Some(sign);
            if let Some(hhmm) = s.peek().is_number_of_length(4) {
                s.next();
                let (h, m) = (hhmm / 100, hhmm % 100);
                if !is_hour(h) || !is_minute(m) {
                    return Invalid;
                }
                zone.hour = Some(h);
                zone.minute = Some(m);
            } else {
                let Some(h) = s.peek().is_number_of_length(2).filter(|h| is_hour(*h)) else { return Invalid };
                s.next();
                zone.hour = Some(h);
                if !s.skip_symbol(b':') {
                    return Invalid;
                }
                let Some(m) = s.peek().is_number_of_length(2).filter(|m| is_minute(*m)) else { return Invalid };
                s.next();
                zone.minute = Some(m);
            }
        }
        if s.peek() != Token::End {
            return Invalid;
        }
    }
    // Date-only forms are UTC; date-time forms without an offset are local time.
    if zone.is_empty() && time.is_empty() {
        zone.set_hours_offset(0);
    }
    day.iso = true;
    Complete
}

/// The milliseconds of a fraction of a second written with `len` digits (value `n`).
fn fraction_to_milliseconds(n: i64, len: usize) -> i64 {
    match len {
        0 => 0,
        1 => n * 100,
        2 => n * 10,
        3 => n,
        _ => {
            // Only the first digits were accumulated (see `Scanner::read`): drop the rest.
            let kept = len.min(9);
            let mut n = n;
            for _ in 3..kept {
                n /= 10;
            }
            n
        }
    }
}

/// Reads the forms other than the ISO format, from `first` on; false when the string is invalid.
fn parse_other_forms(
    s: &mut Scanner,
    first: Token,
    day: &mut DayParts,
    time: &mut TimeParts,
    zone: &mut ZoneParts,
) -> bool {
    let mut has_read_number = !day.numbers.is_empty();
    let mut token = first;
    while token != Token::End {
        match token {
            Token::Number(n, _) => {
                has_read_number = true;
                if s.skip_symbol(b':') {
                    if s.skip_symbol(b':') {
                        // `h::` is an hour with zero minutes.
                        if !time.is_empty() {
                            return false;
                        }
                        time.add(n);
                        time.add(0);
                    } else {
                        if !time.add(n) {
                            return false;
                        }
                        if s.peek() == Token::Symbol(b'.' as u16) {
                            s.next();
                        }
                    }
                } else if s.skip_symbol(b'.') && time.expects(n) {
                    time.add(n);
                    let Token::Number(fraction, digits) = s.peek() else { return false };
                    s.next();
                    time.add_final(fraction_to_milliseconds(fraction, digits));
                } else if zone.expects(n) {
                    zone.minute = Some(n);
                } else if time.expects(n) {
                    time.add_final(n);
                    // The time must end here: end, white space, Z or a sign must follow.
                    let after = s.peek();
                    let ends = matches!(after, Token::End | Token::WhiteSpace | Token::Word(Word::Z))
                        || after.is_sign().is_some();
                    if !ends {
                        return false;
                    }
                } else {
                    if !day.add(n) {
                        return false;
                    }
                    s.skip_symbol(b'-');
                }
            }
            Token::Word(word) => match word {
                Word::Meridiem(offset) if !time.is_empty() => time.meridiem = Some(offset),
                Word::Month(m) => {
                    day.named_month = Some(m);
                    s.skip_symbol(b'-');
                }
                Word::Zone(hours) if has_read_number => zone.set_hours_offset(hours),
                Word::Z if has_read_number => zone.set_hours_offset(0),
                _ => {
                    // Words before the first number are ignored, but must be separated from it.
                    if has_read_number || matches!(s.peek(), Token::Number(..)) {
                        return false;
                    }
                }
            },
            Token::Symbol(_) if token.is_sign().is_some() && (zone.is_utc() || !time.is_empty()) => {
                // A numeric offset: +h, +hh, +hmm, +hhmm or +hh:mm.
                zone.sign = token.is_sign();
                let (n, len) = match s.peek() {
                    Token::Number(n, len) => {
                        s.next();
                        (n, len)
                    }
                    _ => (0, 0),
                };
                has_read_number = true;
                if s.peek() == Token::Symbol(b':' as u16) {
                    zone.hour = Some(n);
                    zone.minute = None;
                } else if len <= 2 {
                    zone.hour = Some(n);
                    zone.minute = Some(0);
                } else if len <= 4 {
                    zone.hour = Some(n / 100);
                    zone.minute = Some(n % 100);
                } else {
                    return false;
                }
            }
            Token::Symbol(c) if (token.is_sign().is_some() || c == b')' as u16) && has_read_number => return false,
            _ => {}
        }
        token = s.next();
    }
    true
}

/// Date.parse's result for `text`: a time value, or NaN when the string is not a date.
pub fn parse_date(text: &[u16]) -> f64 {
    let mut scanner = Scanner::new(text);
    let (mut day, mut time, mut zone) = (DayParts::default(), TimeParts::default(), ZoneParts::default());
    match parse_iso_format(&mut scanner, &mut day, &mut time, &mut zone) {
        IsoOutcome::Complete => {}
        IsoOutcome::Invalid => return f64::NAN,
        IsoOutcome::Continue(token) => {
            if !parse_other_forms(&mut scanner, token, &mut day, &mut time, &mut zone) {
                return f64::NAN;
            }
        }
    }
    let (Some((year, month, date)), Some((hour, minute, second, ms))) = (day.resolve(), time.resolve()) else {
        return f64::NAN;
    };
    let day_number = make_day(year as f64, (month - 1) as f64, date as f64);
    let local = make_date(day_number, make_time(hour as f64, minute as f64, second as f64, ms as f64));
    let time_value = match zone.resolve() {
        Some(offset_minutes) => local - offset_minutes as f64 * MS_PER_MINUTE,
        None => utc(local),
    };
    time_clip(time_value)
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    fn parse(s: &str) -> f64 {
        parse_date(&s.encode_utf16().collect::<Vec<_>>())
    }

    #[test]
    fn iso_format() {
        assert_eq!(parse("2020-01-01"), 1_577_836_800_000.0);
        assert_eq!(parse("2020"), 1_577_836_800_000.0);
        assert_eq!(parse("2020-06"), 1_590_969_600_000.0);
        assert_eq!(parse("2020-01-02T10:00:00.5Z"), 1_577_959_200_500.0);
        assert_eq!(parse("2020-01-02T10:00:00+01:00"), 1_577_955_600_000.0);
        assert_eq!(parse("2020-01-02T24:00:00Z"), 1_578_009_600_000.0);
        assert_eq!(parse("2020-06-15T10:20:30.123456Z"), 1_592_216_430_123.0);
        assert_eq!(parse("+275760-09-13T00:00:00.000Z"), 8.64e15);
        assert_eq!(parse("-000001-01-01T00:00:00Z"), -62_198_755_200_000.0);
        for invalid in [
            "2020-01-02T24:00:01Z",
            "2020-13-01",
            "+275760-09-13T00:00:00.001Z",
            "-000000-01-01T00:00:00Z",
            "2000-01-01TZ",
            "2020-01-01T00:00:00.Z",
            "",
            "foo",
            "T10:00",
            "Z",
        ] {
            assert!(parse(invalid).is_nan(), "{invalid}");
        }
    }

    #[test]
    fn round_trips_of_to_string_and_to_utc_string() {
        assert_eq!(parse("Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)"), 0.0);
        assert_eq!(parse("Thu, 01 Jan 1970 00:00:00 GMT"), 0.0);
        assert_eq!(parse("Sat Sep 13 275760 00:00:00 GMT+0000"), 8.64e15);
        assert!(parse("Sat, 13 Sep 275760 00:00:01 GMT").is_nan());
    }

    #[test]
    fn other_common_forms() {
        assert_eq!(parse("Jan 1 2020"), 1_577_836_800_000.0);
        assert_eq!(parse("2020/01/02"), 1_577_923_200_000.0);
        assert_eq!(parse("January 1, 2020 10:00:00"), 1_577_872_800_000.0);
        assert_eq!(parse("1-2-2020"), 1_577_923_200_000.0);
        assert_eq!(parse("2020-01-02 10:00"), 1_577_959_200_000.0);
        assert_eq!(parse("Mon, 01 Jan 2020 10:00:00 +0100"), 1_577_869_200_000.0);
        assert_eq!(parse("Jan 1 2020 10:00 PM"), 1_577_916_000_000.0);
        assert_eq!(parse("Jan 1 2020 10:00 GMT-0500"), 1_577_890_800_000.0);
        assert_eq!(parse("Jan 1 1970 00:00:00 UTC+1"), -3_600_000.0);
        assert_eq!(parse("12/31/49"), 2_524_521_600_000.0);
        assert_eq!(parse("12/31/50"), -599_702_400_000.0);
        assert_eq!(parse("99"), 915_148_800_000.0);
        assert_eq!(parse("2020.01.02"), 1_577_923_200_000.0);
        assert!(parse("Jan 32 2020").is_nan());
        assert!(parse("Fri, 01 Jan -0001 00:00:00 GMT").is_nan());
    }
}
