//! YAML 1.1 scalar resolution and construction, exactly as Heat's loader
//! (PyYAML's SafeLoader with timestamps kept as strings) does it.
//!
//! Two halves, mirroring PyYAML. [`classify`] is the implicit resolver: it
//! gives an untagged plain scalar its type (null, bool, int, float,
//! timestamp, merge, value or string) using the pest grammar in
//! `resolve.pest`, after a first-byte check that sends obvious strings
//! straight through without invoking pest. The `construct_*` functions are
//! SafeConstructor's converters; they run on implicitly typed scalars and on
//! explicitly tagged ones (`!!int "12"`) alike, and reproduce Python's
//! `int()`/`float()` rules, including the odd corners (`!!int "+-5"` is -5).
//! Nothing here panics; text a constructor cannot convert yields `None` or an
//! error value, which the caller reports.

use pest::Parser as _;

/// The generated pest parser lives in a private module so that its `Rule`
/// type never becomes part of the crate's API.
mod grammar {
    #[derive(pest_derive::Parser)]
    #[grammar = "yaml/resolve.pest"]
    pub(super) struct ResolveParser;
}

use grammar::{ResolveParser, Rule};

/// The type PyYAML's implicit resolvers give a plain scalar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImplicitTag {
    Null,
    Bool,
    Int,
    Float,
    /// `2013-05-23`; Heat's loader constructs these as plain strings.
    Timestamp,
    /// `<<`: a merge key in a mapping, an error anywhere else.
    Merge,
    /// `=`: the string "=" as a mapping key, an error anywhere else.
    Value,
    Str,
}

impl ImplicitTag {
    /// The full tag name, as PyYAML reports it in errors.
    pub fn tag_name(self) -> &'static str {
        match self {
            ImplicitTag::Null => "tag:yaml.org,2002:null",
            ImplicitTag::Bool => "tag:yaml.org,2002:bool",
            ImplicitTag::Int => "tag:yaml.org,2002:int",
            ImplicitTag::Float => "tag:yaml.org,2002:float",
            ImplicitTag::Timestamp => "tag:yaml.org,2002:timestamp",
            ImplicitTag::Merge => "tag:yaml.org,2002:merge",
            ImplicitTag::Value => "tag:yaml.org,2002:value",
            ImplicitTag::Str => "tag:yaml.org,2002:str",
        }
    }
}

/// A plain scalar's value after implicit resolution and construction.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Resolved {
    Null,
    Bool(bool),
    Int(i128),
    /// An integer Python would read but that does not fit in an `i128`.
    IntTooLarge,
    Float(f64),
    /// A string: the scalar's own text (timestamps included).
    Str,
    /// Resolved to this type, which then fails to construct it: `0x_` is
    /// an int to the resolver but `int("", 16)` raises in Python.
    Invalid(ImplicitTag),
    Merge,
    Value,
}

/// Why an integer could not be constructed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntError {
    /// Python's `int()` rejects the text (or PyYAML fails indexing it).
    Invalid,
    /// Python accepts it, but it does not fit in an `i128`.
    TooLarge,
}

/// Classifies an untagged plain scalar the way PyYAML's `Resolver.resolve`
/// does.
///
/// PyYAML picks the candidate resolvers by the first character (the empty
/// string has its own list), then matches each anchored regex. Python's `$`
/// also matches before one final `\n`, which matters only for scalars tagged
/// with the non-specific `!` (that PyYAML resolves implicitly even when
/// quoted), so one trailing newline is ignored here too.
pub fn classify(text: &str) -> ImplicitTag {
    let Some(&first) = text.as_bytes().first() else {
        return ImplicitTag::Null;
    };
    // The quick check: only these first bytes have implicit resolvers in
    // PyYAML, and a scalar starting with a letter can only be one of seven
    // words (in some casing), so most strings (names, keys such as `type`,
    // intrinsic functions, prose) never reach pest, which has the final say.
    let candidate = match first {
        b'-' | b'+' | b'.' | b'0'..=b'9' => true,
        b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' => {
            let word = text.strip_suffix('\n').unwrap_or(text);
            ["yes", "no", "true", "false", "on", "off", "null"]
                .iter()
                .any(|w| w.eq_ignore_ascii_case(word))
        }
        b'~' | b'<' | b'=' => text.len() <= 3,
        _ => false,
    };
    if !candidate {
        return ImplicitTag::Str;
    }
    let body = text.strip_suffix('\n').unwrap_or(text);
    if body.is_empty() {
        // "\n" starts with a newline, which has no resolvers.
        return ImplicitTag::Str;
    }
    let Ok(mut pairs) = ResolveParser::parse(Rule::scalar, body) else {
        return ImplicitTag::Str;
    };
    match pairs.next().map(|pair| pair.as_rule()) {
        Some(Rule::bool_true | Rule::bool_false) => ImplicitTag::Bool,
        Some(Rule::float) => ImplicitTag::Float,
        Some(Rule::int) => ImplicitTag::Int,
        Some(Rule::merge) => ImplicitTag::Merge,
        Some(Rule::null) => ImplicitTag::Null,
        Some(Rule::timestamp) => ImplicitTag::Timestamp,
        Some(Rule::value) => ImplicitTag::Value,
        _ => ImplicitTag::Str,
    }
}

/// Resolves and constructs an untagged plain scalar in one step.
pub fn resolve_plain(text: &str) -> Resolved {
    match classify(text) {
        ImplicitTag::Null => Resolved::Null,
        ImplicitTag::Bool => {
            construct_bool(text).map_or(Resolved::Invalid(ImplicitTag::Bool), Resolved::Bool)
        }
        ImplicitTag::Int => match construct_int(text) {
            Ok(n) => Resolved::Int(n),
            Err(IntError::TooLarge) => Resolved::IntTooLarge,
            Err(IntError::Invalid) => Resolved::Invalid(ImplicitTag::Int),
        },
        ImplicitTag::Float => {
            construct_float(text).map_or(Resolved::Invalid(ImplicitTag::Float), Resolved::Float)
        }
        ImplicitTag::Timestamp | ImplicitTag::Str => Resolved::Str,
        ImplicitTag::Merge => Resolved::Merge,
        ImplicitTag::Value => Resolved::Value,
    }
}

/// SafeConstructor's `construct_yaml_bool`: the lowercased text looked up
/// among yes/no/true/false/on/off (so `!!bool "yEs"` is true).
pub fn construct_bool(text: &str) -> Option<bool> {
    match text.to_lowercase().as_str() {
        "yes" | "true" | "on" => Some(true),
        "no" | "false" | "off" => Some(false),
        _ => None,
    }
}

/// SafeConstructor's `construct_yaml_int`: drop every `_`, take one sign,
/// then `0` | `0b…` (base 2) | `0x…` (base 16) | `0…` (base 8, where
/// Python's `int(s, 8)` also takes `0o17`) | `a:b:c` (base 60, each part
/// through `int()`) | decimal, each part read by Python's `int()`.
pub fn construct_int(text: &str) -> Result<i128, IntError> {
    let cleaned: String = text.chars().filter(|&c| c != '_').collect();
    let (negative, digits) = split_sign(&cleaned).ok_or(IntError::Invalid)?;
    let magnitude = if digits == "0" {
        0
    } else if let Some(rest) = digits.strip_prefix("0b") {
        py_int(rest, 2)?
    } else if let Some(rest) = digits.strip_prefix("0x") {
        py_int(rest, 16)?
    } else if digits.starts_with('0') {
        py_int(digits, 8)?
    } else if digits.is_empty() {
        // PyYAML indexes `value[0]` here and fails.
        return Err(IntError::Invalid);
    } else if digits.contains(':') {
        sexagesimal_int(digits)?
    } else {
        py_int(digits, 10)?
    };
    if negative {
        magnitude.checked_neg().ok_or(IntError::TooLarge)
    } else {
        Ok(magnitude)
    }
}

/// The base-60 sum of `int()` parts, least significant last, as PyYAML
/// computes it (parts may carry their own sign or whitespace).
fn sexagesimal_int(digits: &str) -> Result<i128, IntError> {
    let mut value: i128 = 0;
    let mut base: i128 = 1;
    let mut parts = digits.rsplit(':').peekable();
    while let Some(part) = parts.next() {
        let digit = py_int(part, 10)?;
        let term = digit.checked_mul(base).ok_or(IntError::TooLarge)?;
        value = value.checked_add(term).ok_or(IntError::TooLarge)?;
        if parts.peek().is_some() {
            base = base.checked_mul(60).ok_or(IntError::TooLarge)?;
        }
    }
    Ok(value)
}

/// Splits PyYAML's single leading sign off: `-` makes the result negative,
/// `+` is dropped. `None` for empty text, where PyYAML's `value[0]` fails.
fn split_sign(text: &str) -> Option<(bool, &str)> {
    let first = text.chars().next()?;
    Some(match first {
        '-' => (true, text.get(1..).unwrap_or("")),
        '+' => (false, text.get(1..).unwrap_or("")),
        _ => (false, text),
    })
}

/// Python's `int(text, base)` for text with no underscores left: surrounding
/// whitespace, one sign, the base's own prefix (`0x` for 16, `0o` for 8,
/// `0b` for 2, either case), then at least one digit. Python also accepts
/// non-ASCII decimal digits; templates do not use them and they are
/// rejected here.
fn py_int(text: &str, base: u32) -> Result<i128, IntError> {
    let text = text.trim_matches(is_py_space);
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..).unwrap_or("")),
        Some(b'+') => (false, text.get(1..).unwrap_or("")),
        _ => (false, text),
    };
    let prefix = match base {
        2 => Some('b'),
        8 => Some('o'),
        16 => Some('x'),
        _ => None,
    };
    let rest = match prefix {
        Some(letter) => {
            let mut chars = rest.chars();
            let has_prefix = chars.next() == Some('0')
                && chars.next().map(|c| c.to_ascii_lowercase()) == Some(letter);
            if has_prefix {
                rest.get(2..).unwrap_or("")
            } else {
                rest
            }
        }
        None => rest,
    };
    if rest.is_empty() {
        return Err(IntError::Invalid);
    }
    let mut value: i128 = 0;
    for c in rest.chars() {
        let digit = c.to_digit(base).ok_or(IntError::Invalid)?;
        value = value
            .checked_mul(i128::from(base))
            .and_then(|v| v.checked_add(i128::from(digit)))
            .ok_or(IntError::TooLarge)?;
    }
    Ok(if negative { -value } else { value })
}

/// Python's `str.isspace()`, which `int()` and `float()` strip.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{1c}'..='\u{1f}')
}

/// SafeConstructor's `construct_yaml_float`: drop every `_`, lowercase,
/// take one sign, then `.inf` | `.nan` | `a:b:c` (base 60 over `float()`
/// parts) | Python's `float()` of the rest, times the sign.
pub fn construct_float(text: &str) -> Option<f64> {
    let cleaned: String = text
        .chars()
        .filter(|&c| c != '_')
        .collect::<String>()
        .to_lowercase();
    let (negative, rest) = split_sign(&cleaned)?;
    let sign = if negative { -1.0 } else { 1.0 };
    if rest == ".inf" {
        return Some(sign * f64::INFINITY);
    }
    if rest == ".nan" {
        return Some(f64::NAN);
    }
    if rest.contains(':') {
        // PyYAML keeps `base` a Python int (exact) and multiplies the float
        // part by it; a u128 holds 60^21, beyond which the power is rounded
        // in floating point (no template has 22 sexagesimal parts).
        let mut value = 0.0_f64;
        let mut base: Option<u128> = Some(1);
        let mut float_base = 1.0_f64;
        for part in rest.rsplit(':') {
            let digit = py_float(part)?;
            // Python converts the int to the nearest float, as `as` does.
            let factor = match base {
                Some(b) => b as f64,
                None => float_base,
            };
            value += digit * factor;
            base = base.and_then(|b| b.checked_mul(60));
            float_base *= 60.0;
        }
        return Some(sign * value);
    }
    Some(sign * py_float(rest)?)
}

/// Python's `float(text)` for text with no underscores left: surrounding
/// whitespace, a sign, then `inf`/`infinity`/`nan` (any case) or decimal
/// digits with an optional dot and exponent. Validated here first because
/// Rust's parser accepts a slightly different language; both round
/// correctly, so the values agree bit for bit.
pub(crate) fn py_float(text: &str) -> Option<f64> {
    let text = text.trim_matches(is_py_space);
    let bytes = text.as_bytes();
    let mut i = usize::from(matches!(bytes.first(), Some(b'-' | b'+')));
    let body = text.get(i..)?;
    let lower = body.to_ascii_lowercase();
    if matches!(lower.as_str(), "inf" | "infinity" | "nan") {
        return text.parse().ok();
    }
    let digits_from = |mut j: usize| {
        while bytes.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        j
    };
    let int_end = digits_from(i);
    let mut mantissa_digits = int_end - i;
    i = int_end;
    if bytes.get(i) == Some(&b'.') {
        let frac_end = digits_from(i + 1);
        mantissa_digits += frac_end - (i + 1);
        i = frac_end;
    }
    if mantissa_digits == 0 {
        return None;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(bytes.get(j), Some(b'-' | b'+')) {
            j += 1;
        }
        let exp_end = digits_from(j);
        if exp_end == j {
            return None;
        }
        i = exp_end;
    }
    if i != bytes.len() {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests;
