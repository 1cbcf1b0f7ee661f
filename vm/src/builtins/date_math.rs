//! The day and time arithmetic of ECMA-262 §21.4.1 (Time Values and Time Range): time values
//! are milliseconds since 1970-01-01T00:00:00Z on the proleptic Gregorian calendar, without leap
//! seconds, and every function here works on `f64` exactly as the spec's mathematical values do
//! for the integral values it feeds them. Functions that take a time value expect a finite one
//! (callers check for NaN first, as the spec's algorithms do).

/// msPerDay and the other unit sizes (§21.4.1.3, §21.4.1.14).
pub const MS_PER_SECOND: f64 = 1000.0;
pub const MS_PER_MINUTE: f64 = 60_000.0;
pub const MS_PER_HOUR: f64 = 3_600_000.0;
pub const MS_PER_DAY: f64 = 86_400_000.0;

/// The largest magnitude of a time value: 100,000,000 days either side of the epoch (§21.4.1.1).
pub const MAX_TIME: f64 = 8.64e15;

/// The first day of each month in a common year, counted from January 1st.
const MONTH_STARTS: [f64; 12] = [0.0, 31.0, 59.0, 90.0, 120.0, 151.0, 181.0, 212.0, 243.0, 273.0, 304.0, 334.0];

/// Day(t) — §21.4.1.3: the day number of a time value.
pub fn day(t: f64) -> f64 {
    (t / MS_PER_DAY).floor()
}

/// TimeWithinDay(t) — §21.4.1.4: the milliseconds since the start of its day.
pub fn time_within_day(t: f64) -> f64 {
    t.rem_euclid(MS_PER_DAY)
}

/// Whether year `y` (an integral number) is a leap year of the Gregorian calendar.
fn is_leap_year(y: f64) -> bool {
    y.rem_euclid(4.0) == 0.0 && (y.rem_euclid(100.0) != 0.0 || y.rem_euclid(400.0) == 0.0)
}

/// DaysInYear(y) — §21.4.1.5.
pub fn days_in_year(y: f64) -> f64 {
    if is_leap_year(y) {
        366.0
    } else {
        365.0
    }
}

/// DayFromYear(y) — §21.4.1.6: the day number of January 1st of year `y`.
pub fn day_from_year(y: f64) -> f64 {
    365.0 * (y - 1970.0) + ((y - 1969.0) / 4.0).floor() - ((y - 1901.0) / 100.0).floor()
        + ((y - 1601.0) / 400.0).floor()
}

/// TimeFromYear(y) — §21.4.1.7: the time value of the start of year `y`.
pub fn time_from_year(y: f64) -> f64 {
    MS_PER_DAY * day_from_year(y)
}

/// YearFromTime(t) — §21.4.1.8: the largest year whose start is not after `t`.
pub fn year_from_time(t: f64) -> f64 {
    // An estimate from the mean Gregorian year, then corrected by at most a step or two.
    let mut y = (day(t) / 365.2425).floor() + 1970.0;
    while time_from_year(y) > t {
        y -= 1.0;
    }
    while time_from_year(y + 1.0) <= t {
        y += 1.0;
    }
    y
}

/// DayWithinYear(t) — §21.4.1.9: 0 for January 1st.
pub fn day_within_year(t: f64) -> f64 {
    day(t) - day_from_year(year_from_time(t))
}

/// InLeapYear(t) — §21.4.1.10.
pub fn in_leap_year(t: f64) -> bool {
    is_leap_year(year_from_time(t))
}

/// The first day (within the year) of month `m` (0–11), in a leap year or not.
fn month_start(m: usize, leap: bool) -> f64 {
    MONTH_STARTS[m] + if leap && m >= 2 { 1.0 } else { 0.0 }
}

/// MonthFromTime(t) — §21.4.1.11: 0 for January … 11 for December.
pub fn month_from_time(t: f64) -> f64 {
    let leap = in_leap_year(t);
    let d = day_within_year(t);
    let mut m = 11;
    while m > 0 && month_start(m, leap) > d {
        m -= 1;
    }
    m as f64
}

/// DateFromTime(t) — §21.4.1.12: the day of the month, 1–31.
pub fn date_from_time(t: f64) -> f64 {
    let m = month_from_time(t) as usize;
    day_within_year(t) - month_start(m, in_leap_year(t)) + 1.0
}

/// WeekDay(t) — §21.4.1.13: 0 for Sunday … 6 for Saturday (1970-01-01 was a Thursday).
pub fn week_day(t: f64) -> f64 {
    (day(t) + 4.0).rem_euclid(7.0)
}

/// HourFromTime(t) — §21.4.1.14.
pub fn hour_from_time(t: f64) -> f64 {
    (t / MS_PER_HOUR).floor().rem_euclid(24.0)
}

/// MinFromTime(t) — §21.4.1.15.
pub fn min_from_time(t: f64) -> f64 {
    (t / MS_PER_MINUTE).floor().rem_euclid(60.0)
}

/// SecFromTime(t) — §21.4.1.16.
pub fn sec_from_time(t: f64) -> f64 {
    (t / MS_PER_SECOND).floor().rem_euclid(60.0)
}

/// msFromTime(t) — §21.4.1.17.
pub fn ms_from_time(t: f64) -> f64 {
    t.rem_euclid(MS_PER_SECOND)
}

/// ToIntegerOrInfinity of a number already known to be finite: truncation, with -0 as +0.
fn integral(x: f64) -> f64 {
    x.trunc() + 0.0
}

/// MakeTime(hour, min, sec, ms) — §21.4.1.27: milliseconds from the parts, with IEEE arithmetic.
pub fn make_time(hour: f64, min: f64, sec: f64, ms: f64) -> f64 {
    // Step 1: any non-finite part makes NaN.
    if !(hour.is_finite() && min.is_finite() && sec.is_finite() && ms.is_finite()) {
        return f64::NAN;
    }
    // Steps 2–6.
    integral(hour) * MS_PER_HOUR + integral(min) * MS_PER_MINUTE + integral(sec) * MS_PER_SECOND + integral(ms)
}

/// MakeDay(year, month, date) — §21.4.1.28: the day number of a calendar date, where month and
/// date may lie outside their usual ranges and carry into the year and month.
pub fn make_day(year: f64, month: f64, date: f64) -> f64 {
    // Step 1.
    if !(year.is_finite() && month.is_finite() && date.is_finite()) {
        return f64::NAN;
    }
    // Steps 2–4.
    let (y, m, dt) = (integral(year), integral(month), integral(date));
    // Step 5.
    let ym = y + (m / 12.0).floor();
    // Step 6: a year this far out cannot be represented (and its day count would lose precision).
    if !ym.is_finite() || ym.abs() > 1e13 {
        return f64::NAN;
    }
    // Step 7.
    let mn = m.rem_euclid(12.0);
    // Step 8: the first day of month `mn` of year `ym`.
    let first = day_from_year(ym) + month_start(mn as usize, is_leap_year(ym));
    // Step 9.
    first + dt - 1.0
}

/// MakeDate(day, time) — §21.4.1.29.
pub fn make_date(day: f64, time: f64) -> f64 {
    // Step 1.
    if !(day.is_finite() && time.is_finite()) {
        return f64::NAN;
    }
    // Steps 2–4.
    let tv = day * MS_PER_DAY + time;
    if !tv.is_finite() {
        return f64::NAN;
    }
    tv
}

/// MakeFullYear(year) — §21.4.1.30: years 0–99 mean 1900–1999.
pub fn make_full_year(year: f64) -> f64 {
    if year.is_nan() {
        return f64::NAN;
    }
    let truncated = if year.is_finite() { integral(year) } else { year };
    if (0.0..=99.0).contains(&truncated) {
        1900.0 + truncated
    } else {
        truncated
    }
}

/// TimeClip(time) — §21.4.1.31: NaN outside ±8.64e15, otherwise the integral part (never -0).
pub fn time_clip(time: f64) -> f64 {
    if !time.is_finite() || time.abs() > MAX_TIME {
        return f64::NAN;
    }
    integral(time)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parts of a time value as (year, month 1–12, date, hour, minute, second, ms).
    fn parts(t: f64) -> (f64, f64, f64, f64, f64, f64, f64) {
        (
            year_from_time(t),
            month_from_time(t) + 1.0,
            date_from_time(t),
            hour_from_time(t),
            min_from_time(t),
            sec_from_time(t),
            ms_from_time(t),
        )
    }

    #[test]
    fn known_day_numbers() {
        assert_eq!(day_from_year(1970.0), 0.0);
        assert_eq!(day_from_year(1971.0), 365.0);
        assert_eq!(day_from_year(2000.0), 10_957.0);
        assert_eq!(day_from_year(1969.0), -365.0);
        assert_eq!(day_from_year(0.0), -719_528.0);
        assert_eq!(make_day(2020.0, 0.0, 1.0), 18_262.0);
        assert_eq!(make_day(1970.0, 0.0, 1.0), 0.0);
        assert_eq!(day(-1.0), -1.0);
        assert_eq!(time_within_day(-1.0), MS_PER_DAY - 1.0);
    }

    #[test]
    fn leap_years() {
        assert_eq!(days_in_year(2000.0), 366.0);
        assert_eq!(days_in_year(1900.0), 365.0);
        assert_eq!(days_in_year(2024.0), 366.0);
        assert_eq!(days_in_year(2023.0), 365.0);
        assert_eq!(days_in_year(0.0), 366.0);
        assert_eq!(days_in_year(-4.0), 366.0);
        assert_eq!(days_in_year(-100.0), 365.0);
        // 2000-02-29 exists; 1900-02-29 is 1900-03-01.
        let t = make_date(make_day(2000.0, 1.0, 29.0), 0.0);
        assert_eq!(parts(t), (2000.0, 2.0, 29.0, 0.0, 0.0, 0.0, 0.0));
        let t = make_date(make_day(1900.0, 1.0, 29.0), 0.0);
        assert_eq!(parts(t), (1900.0, 3.0, 1.0, 0.0, 0.0, 0.0, 0.0));
    }

    #[test]
    fn decomposes_times_before_and_after_the_epoch() {
        assert_eq!(parts(0.0), (1970.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0));
        assert_eq!(parts(-1.0), (1969.0, 12.0, 31.0, 23.0, 59.0, 59.0, 999.0));
        assert_eq!(parts(1_700_000_000_123.0), (2023.0, 11.0, 14.0, 22.0, 13.0, 20.0, 123.0));
        assert_eq!(parts(-62_198_755_200_000.0), (-1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0));
        assert_eq!(parts(MAX_TIME), (275_760.0, 9.0, 13.0, 0.0, 0.0, 0.0, 0.0));
        assert_eq!(parts(-MAX_TIME), (-271_821.0, 4.0, 20.0, 0.0, 0.0, 0.0, 0.0));
        assert_eq!(week_day(0.0), 4.0);
        assert_eq!(week_day(-MS_PER_DAY), 3.0);
        assert_eq!(week_day(MAX_TIME), 6.0);
    }

    #[test]
    fn make_day_carries_months_and_dates() {
        assert_eq!(make_day(2020.0, 12.0, 1.0), make_day(2021.0, 0.0, 1.0));
        assert_eq!(make_day(2020.0, -1.0, 1.0), make_day(2019.0, 11.0, 1.0));
        assert_eq!(make_day(2020.0, 0.0, 0.0), make_day(2019.0, 11.0, 31.0));
        assert_eq!(make_day(2020.5, 0.9, 1.7), make_day(2020.0, 0.0, 1.0));
        assert!(make_day(f64::INFINITY, 0.0, 1.0).is_nan());
        assert!(make_day(1e300, 0.0, 1.0).is_nan());
        assert!(make_day(2020.0, f64::NAN, 1.0).is_nan());
    }

    #[test]
    fn make_time_and_make_date() {
        assert_eq!(make_time(1.0, 2.0, 3.0, 4.0), 3_723_004.0);
        assert_eq!(make_time(-1.0, 0.0, 0.0, 0.5), -MS_PER_HOUR);
        assert!(make_time(0.0, f64::NEG_INFINITY, 0.0, 0.0).is_nan());
        assert_eq!(make_date(1.0, 1.0), MS_PER_DAY + 1.0);
        assert!(make_date(1e306, 0.0).is_nan());
        assert!(make_date(f64::NAN, 0.0).is_nan());
    }

    #[test]
    fn time_clip_limits() {
        assert_eq!(time_clip(MAX_TIME), MAX_TIME);
        assert_eq!(time_clip(-MAX_TIME), -MAX_TIME);
        assert!(time_clip(MAX_TIME + 1.0).is_nan());
        assert!(time_clip(-MAX_TIME - 1.0).is_nan());
        assert!(time_clip(f64::INFINITY).is_nan());
        assert_eq!(time_clip(1.9), 1.0);
        assert_eq!(time_clip(-1.9), -1.0);
        let zero = time_clip(-0.5);
        assert!(zero == 0.0 && zero.is_sign_positive());
    }

    #[test]
    fn full_years() {
        assert_eq!(make_full_year(0.0), 1900.0);
        assert_eq!(make_full_year(99.9), 1999.0);
        assert_eq!(make_full_year(100.0), 100.0);
        assert_eq!(make_full_year(-1.0), -1.0);
        assert!(make_full_year(f64::NAN).is_nan());
    }
}
