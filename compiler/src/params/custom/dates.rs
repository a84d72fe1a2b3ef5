//! `iso_8601`: the `iso8601` package's `parse_date` (2.1), which oslo's
//! `parse_isotime` calls: its regular expression, then Python's `datetime`
//! and `timezone` range checks on the parts.
//!
//! Guarantees: the expression is the package's own, matched with
//! fancy-regex (it needs a look-ahead) under Python's `re.match` rules:
//! anchored at the start, with Python's `$` (the end, or just before a
//! final newline) written out.

use std::sync::LazyLock;

use fancy_regex::Regex;

/// `ISO8601_REGEX` of iso8601/iso8601.py, with `$` as `\n?\z`.
const ISO8601: &str = concat!(
    r"^(?P<year>[0-9]{4})(",
    r"((-(?P<monthdash>[0-9]{1,2}))|(?P<month>[0-9]{2})(?!\n?\z))",
    r"(((-(?P<daydash>[0-9]{1,2}))|(?P<day>[0-9]{2}))",
    r"(((?P<separator>[ T])(?P<hour>[0-9]{2})(:{0,1}(?P<minute>[0-9]{2})){0,1}",
    r"(:{0,1}(?P<second>[0-9]{1,2})([.,](?P<second_fraction>[0-9]+)){0,1}){0,1}",
    r"(?P<timezone>Z|((?P<tz_sign>[-+])(?P<tz_hour>[0-9]{2}):{0,1}(?P<tz_minute>[0-9]{2}){0,1})){0,1}",
    r"){0,1})",
    r"){0,1}",
    r"){0,1}\n?\z",
);

/// The compiled expression; `None` would mean fancy-regex refused it, and
/// then nothing is checked.
static PATTERN: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(ISO8601).ok());

/// Whether `parse_date` reads `text`; `None` when not checked.
pub(super) fn parse_date(text: &str) -> Option<bool> {
    let pattern = PATTERN.as_ref()?;
    // A backtracking limit reached is an error here, not a verdict.
    let Some(m) = pattern.captures(text).ok()? else {
        return Some(false);
    };
    // Every group is ASCII digits of at most four characters (the fraction
    // is only ever truncated), so these conversions cannot fail on a match.
    let number = |name: &str, default: u32| {
        m.name(name)
            .map_or(Some(default), |g| g.as_str().parse::<u32>().ok())
    };
    let (year, month, day) = (
        number("year", 0)?,
        number("month", number("monthdash", 1)?)?,
        number("day", number("daydash", 1)?)?,
    );
    let (hour, minute, second) = (
        number("hour", 0)?,
        number("minute", 0)?,
        number("second", 0)?,
    );
    // `datetime.timezone` takes offsets strictly within a day.
    let offset_ok = m.name("tz_sign").is_none() || {
        number("tz_hour", 0)? * 60 + number("tz_minute", 0)? < 24 * 60
    };
    Some(
        (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day)
            && hour < 24
            && minute < 60
            && second < 60
            && offset_ok,
    )
}

/// The days of a month in the proleptic Gregorian calendar, as `datetime`.
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}
