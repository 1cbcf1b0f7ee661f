//! The local time zone of Date (ECMA-262 §21.4.1.18–§21.4.1.26: the system time zone, LocalTime, UTC).
//!
//! modjs runs with the local time zone fixed to UTC (`Etc/UTC`, what this project's machines and
//! CI use, so output matches Node's there): LocalTZA is always 0 and the zone is named
//! "Coordinated Universal Time" as V8 names it. Everything that depends on the zone goes through
//! `local_tza` and `time_zone_name`, so a real zone database could be added here alone.

/// LocalTZA(t, isUTC): the local zone's offset from UTC at `t` in milliseconds, `t` being a
/// UTC time when `is_utc`, else a local time (the operation of that name in ES2022 §21.4.1.7;
/// ES2024 gets it from GetNamedTimeZoneOffsetNanoseconds of the system time zone, §21.4.1.21).
/// Always 0: local time is UTC.
pub fn local_tza(_t: f64, _is_utc: bool) -> f64 {
    0.0
}

/// The long name of the local zone at `t`, as `Date.prototype.toString` shows it in parentheses.
pub fn time_zone_name(_t: f64) -> &'static str {
    "Coordinated Universal Time"
}

/// LocalTime(t) — §21.4.1.25: the local time of UTC time value `t`.
pub fn local_time(t: f64) -> f64 {
    t + local_tza(t, true)
}

/// UTC(t) — §21.4.1.26: the UTC time value of local time `t` (NaN stays NaN).
pub fn utc(t: f64) -> f64 {
    if !t.is_finite() {
        return f64::NAN;
    }
    t - local_tza(t, false)
}

/// The offset of local time from UTC at `t` in minutes (positive east of Greenwich).
pub fn offset_minutes(t: f64) -> f64 {
    local_tza(t, true) / 60_000.0
}
