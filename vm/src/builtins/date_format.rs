//! The text forms of time values: the Date Time String Format of toISOString (§21.4.1.32),
//! the forms of toString / toDateString / toTimeString / toUTCString (§21.4.4.41.1–4), and the
//! en-US forms Node prints for toLocaleString and friends (modjs has no Intl: the locale and
//! options arguments are not looked at).

use super::date_math::{
    date_from_time, hour_from_time, min_from_time, month_from_time, ms_from_time, sec_from_time, week_day,
    year_from_time,
};
use super::date_time_zone::{local_time, offset_minutes, time_zone_name};

const DAY_NAMES: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTH_NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// The text toString and its relatives give for an invalid date.
pub const INVALID_DATE: &str = "Invalid Date";

fn day_name(t: f64) -> &'static str {
    DAY_NAMES[week_day(t) as usize]
}

fn month_name(t: f64) -> &'static str {
    MONTH_NAMES[month_from_time(t) as usize]
}

/// A year as DateString writes it: a `-` for negative years, then at least four digits.
fn padded_year(year: f64) -> String {
    let sign = if year < 0.0 { "-" } else { "" };
    format!("{sign}{:04}", year.abs() as i64)
}

/// The ISO form of a finite time value (§21.4.4.36 toISOString, §21.4.1.32): four-digit years
/// in 0–9999, otherwise a sign and six digits.
pub fn iso_string(t: f64) -> String {
    let year = year_from_time(t) as i64;
    let year_text = if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else if year < 0 {
        format!("-{:06}", -year)
    } else {
        format!("+{year:06}")
    };
    format!(
        "{year_text}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        month_from_time(t) as i64 + 1,
        date_from_time(t) as i64,
        hour_from_time(t) as i64,
        min_from_time(t) as i64,
        sec_from_time(t) as i64,
        ms_from_time(t) as i64
    )
}

/// TimeString(tv) — §21.4.4.41.1: `HH:mm:ss GMT` of a (local) time value.
pub fn time_string(tv: f64) -> String {
    format!("{:02}:{:02}:{:02} GMT", hour_from_time(tv) as i64, min_from_time(tv) as i64, sec_from_time(tv) as i64)
}

/// DateString(tv) — §21.4.4.41.2: `Www Mmm DD YYYY` of a (local) time value.
pub fn date_string(tv: f64) -> String {
    format!("{} {} {:02} {}", day_name(tv), month_name(tv), date_from_time(tv) as i64, padded_year(year_from_time(tv)))
}

/// TimeZoneString(tv) — §21.4.4.41.3: `+HHMM (Zone Name)` for UTC time value `tv`.
pub fn time_zone_string(tv: f64) -> String {
    let offset = offset_minutes(tv);
    let sign = if offset >= 0.0 { '+' } else { '-' };
    let abs = offset.abs() as i64;
    format!("{sign}{:02}{:02} ({})", abs / 60, abs % 60, time_zone_name(tv))
}

/// ToDateString(tv) — §21.4.4.41.4: what `Date.prototype.toString` and `String(date)` give.
pub fn to_date_string(tv: f64) -> String {
    if tv.is_nan() {
        return INVALID_DATE.to_string();
    }
    let t = local_time(tv);
    format!("{} {}{}", date_string(t), time_string(t), time_zone_string(tv))
}

/// Date.prototype.toDateString's text (§21.4.4.35).
pub fn to_date_only_string(tv: f64) -> String {
    if tv.is_nan() {
        return INVALID_DATE.to_string();
    }
    date_string(local_time(tv))
}

/// Date.prototype.toTimeString's text (§21.4.4.42).
pub fn to_time_only_string(tv: f64) -> String {
    if tv.is_nan() {
        return INVALID_DATE.to_string();
    }
    format!("{}{}", time_string(local_time(tv)), time_zone_string(tv))
}

/// Date.prototype.toUTCString's text (§21.4.4.43): `Www, DD Mmm YYYY HH:mm:ss GMT`.
pub fn to_utc_string(tv: f64) -> String {
    if tv.is_nan() {
        return INVALID_DATE.to_string();
    }
    format!(
        "{}, {:02} {} {} {}",
        day_name(tv),
        date_from_time(tv) as i64,
        month_name(tv),
        padded_year(year_from_time(tv)),
        time_string(tv)
    )
}

/// A year as the en-US Gregorian calendar shows it: years before 1 are counted back from
/// 1 BC (the era itself is not shown), so year 0 is 1 and year -5 is 6.
fn locale_year(year: f64) -> i64 {
    let year = year as i64;
    if year <= 0 {
        1 - year
    } else {
        year
    }
}

/// `M/D/YYYY` of a local time value, as en-US `toLocaleDateString` gives it.
fn locale_date(t: f64) -> String {
    format!("{}/{}/{}", month_from_time(t) as i64 + 1, date_from_time(t) as i64, locale_year(year_from_time(t)))
}

/// `h:mm:ss AM` of a local time value, as en-US `toLocaleTimeString` gives it.
fn locale_time(t: f64) -> String {
    let hour = hour_from_time(t) as i64;
    let (hour12, period) = match hour {
        0 => (12, "AM"),
        1..=11 => (hour, "AM"),
        12 => (12, "PM"),
        _ => (hour - 12, "PM"),
    };
    format!("{hour12}:{:02}:{:02} {period}", min_from_time(t) as i64, sec_from_time(t) as i64)
}

/// Date.prototype.toLocaleString's text in en-US: `M/D/YYYY, h:mm:ss AM`.
pub fn to_locale_string(tv: f64) -> String {
    if tv.is_nan() {
        return INVALID_DATE.to_string();
    }
    let t = local_time(tv);
    format!("{}, {}", locale_date(t), locale_time(t))
}

/// Date.prototype.toLocaleDateString's text in en-US: `M/D/YYYY`.
pub fn to_locale_date_string(tv: f64) -> String {
    if tv.is_nan() {
        return INVALID_DATE.to_string();
    }
    locale_date(local_time(tv))
}

/// Date.prototype.toLocaleTimeString's text in en-US: `h:mm:ss AM`.
pub fn to_locale_time_string(tv: f64) -> String {
    if tv.is_nan() {
        return INVALID_DATE.to_string();
    }
    locale_time(local_time(tv))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_the_epoch() {
        assert_eq!(to_date_string(0.0), "Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)");
        assert_eq!(to_utc_string(0.0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(to_date_only_string(0.0), "Thu Jan 01 1970");
        assert_eq!(to_time_only_string(0.0), "00:00:00 GMT+0000 (Coordinated Universal Time)");
        assert_eq!(iso_string(0.0), "1970-01-01T00:00:00.000Z");
        assert_eq!(to_locale_string(0.0), "1/1/1970, 12:00:00 AM");
        assert_eq!(to_locale_date_string(0.0), "1/1/1970");
        assert_eq!(to_locale_time_string(0.0), "12:00:00 AM");
    }

    #[test]
    fn extreme_and_negative_years() {
        assert_eq!(to_date_string(8.64e15), "Sat Sep 13 275760 00:00:00 GMT+0000 (Coordinated Universal Time)");
        assert_eq!(to_utc_string(-8.64e15), "Tue, 20 Apr -271821 00:00:00 GMT");
        assert_eq!(iso_string(-8.64e15), "-271821-04-20T00:00:00.000Z");
        assert_eq!(iso_string(8.64e15), "+275760-09-13T00:00:00.000Z");
        assert_eq!(to_utc_string(-62_198_755_200_000.0), "Fri, 01 Jan -0001 00:00:00 GMT");
        assert_eq!(to_locale_string(-1e14), "2/15/1200, 2:13:20 PM");
    }

    #[test]
    fn invalid_dates() {
        assert_eq!(to_date_string(f64::NAN), "Invalid Date");
        assert_eq!(to_utc_string(f64::NAN), "Invalid Date");
        assert_eq!(to_locale_string(f64::NAN), "Invalid Date");
    }

    #[test]
    fn twelve_hour_clock() {
        assert_eq!(to_locale_time_string(12.0 * 3_600_000.0), "12:00:00 PM");
        assert_eq!(to_locale_time_string(13.0 * 3_600_000.0 + 5_000.0), "1:00:05 PM");
        assert_eq!(to_locale_string(1e12), "9/9/2001, 1:46:40 AM");
    }
}
