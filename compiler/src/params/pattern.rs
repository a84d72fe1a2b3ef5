//! `allowed_pattern`: a Python `re` pattern compiled with the regex crate,
//! and, when the crate refuses it, whether Python's `re` (so Heat) would
//! refuse it too.
//!
//! Guarantees: a compiled pattern matches as Heat's `re.compile(p).match`
//! plus its end check does — anchored at the start, leftmost-first
//! alternation — with Python's `\Z` read as the crate's `\z`. A refused
//! pattern is `PythonRejects` only for errors both engines share (an
//! unbalanced group, nothing to repeat, a bad class range, an unknown
//! letter escape, a `{3,1}` count, a trailing `\`) or for syntax only the
//! crate has (`(?<name>...)`); everything else the crate refuses may be
//! valid Python (look-around, back-references, `a{` as a literal, nested
//! `[`, `(?#...)`, `(?a)`, `\N{...}`) and is `Unchecked`. Known gap: a few
//! patterns Python refuses compile here (`a**`, a global flag after the
//! start); values are then checked with the crate's reading.

use regex::Regex;
use regex_syntax::ast::{ErrorKind, parse::Parser};

/// What hotc can say about a pattern the regex crate does not compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternVerdict {
    /// Python's `re` refuses it too: Heat refuses the template.
    PythonRejects,
    /// Python may accept it; hotc cannot check values against it.
    Unchecked,
}

/// Python's escapes of ASCII letters (others are `bad escape` in Python).
const PYTHON_LETTER_ESCAPES: &str = "abfnrtvxuUNdDsSwWAZB";

/// Python's pattern as regex crate syntax: `\Z` becomes `\z`.
fn translate(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '\\' {
            match chars.next() {
                Some('Z') => out.push('z'),
                Some(n) => out.push(n),
                None => {}
            }
        }
    }
    out
}

/// `(?<name>`, which the crate takes and Python (before 3.12) refuses.
fn angle_named_group(pattern: &str) -> bool {
    pattern.match_indices("(?<").any(|(i, _)| {
        let escaped = pattern
            .get(..i)
            .is_some_and(|before| before.chars().rev().take_while(|c| *c == '\\').count() % 2 == 1);
        let next = pattern.get(i + 3..).and_then(|rest| rest.chars().next());
        !escaped && next.is_some_and(|c| c != '=' && c != '!')
    })
}

/// Compiles a pattern for matching from the start of a value.
pub(super) fn compile(pattern: &str) -> Result<Regex, (String, PatternVerdict)> {
    if angle_named_group(pattern) {
        return Err((
            "`(?<name>...)` is not Python syntax; Python writes `(?P<name>...)`".to_owned(),
            PatternVerdict::PythonRejects,
        ));
    }
    let translated = translate(pattern);
    Regex::new(&format!(r"\A(?:{translated})")).map_err(|e| {
        let message = e
            .to_string()
            .lines()
            .last()
            .unwrap_or_default()
            .trim_start_matches("error: ")
            .to_owned();
        (message, verdict(&translated))
    })
}

/// Whether Python refuses a pattern that the crate refused.
fn verdict(translated: &str) -> PatternVerdict {
    let Err(e) = Parser::new().parse(translated) else {
        // Parsed, but refused on translation (Unicode classes, sizes):
        // hotc cannot say what Python does.
        return PatternVerdict::Unchecked;
    };
    let at = translated.get(e.span().start.offset..).unwrap_or_default();
    let shared = match e.kind() {
        ErrorKind::GroupUnclosed
        | ErrorKind::GroupUnopened
        | ErrorKind::RepetitionMissing
        | ErrorKind::RepetitionCountInvalid
        | ErrorKind::ClassRangeInvalid
        | ErrorKind::ClassRangeLiteral
        | ErrorKind::EscapeUnexpectedEof => true,
        // The crate nests `[` inside a class; Python reads it as a literal.
        ErrorKind::ClassUnclosed => translated.matches('[').count() == 1,
        ErrorKind::EscapeUnrecognized => at
            .chars()
            .nth(1)
            .is_some_and(|c| c.is_ascii_alphabetic() && !PYTHON_LETTER_ESCAPES.contains(c)),
        // The crate's kinds are `non_exhaustive`: a kind added later is
        // one hotc has not compared with Python, so it stays unchecked.
        _ => false,
    };
    if shared {
        PatternVerdict::PythonRejects
    } else {
        PatternVerdict::Unchecked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Verdicts of Python 3.11's `re.compile` on each pattern, taken from
    /// Heat's reference venv; `None` is "compiles".
    const PYTHON: &[(&str, Option<PatternVerdict>)] = &[
        ("[a-z]+", None),
        (r"\d{2,}", None),
        (r"^[a-zA-Z][a-zA-Z0-9_]*$", None),
        (r"x\Z", None),
        ("(", Some(PatternVerdict::PythonRejects)),
        ("a)", Some(PatternVerdict::PythonRejects)),
        ("*a", Some(PatternVerdict::PythonRejects)),
        ("[a-", Some(PatternVerdict::PythonRejects)),
        ("[z-a]", Some(PatternVerdict::PythonRejects)),
        (r"[\d-z]", Some(PatternVerdict::PythonRejects)),
        (r"\e", Some(PatternVerdict::PythonRejects)),
        (r"\ca", Some(PatternVerdict::PythonRejects)),
        ("a{3,1}", Some(PatternVerdict::PythonRejects)),
        ("\\", Some(PatternVerdict::PythonRejects)),
        ("(?<x>a)", Some(PatternVerdict::PythonRejects)),
        // Python accepts these; the crate does not.
        ("a{", Some(PatternVerdict::Unchecked)),
        ("a{,3}", Some(PatternVerdict::Unchecked)),
        ("[[]", Some(PatternVerdict::Unchecked)),
        (r"\N{LATIN SMALL LETTER A}", Some(PatternVerdict::Unchecked)),
        (r"(?a)\w", Some(PatternVerdict::Unchecked)),
        ("(?#note)a", Some(PatternVerdict::Unchecked)),
        ("(?P<x>a)(?P=x)", Some(PatternVerdict::Unchecked)),
        (r"(a)\1", Some(PatternVerdict::Unchecked)),
        ("(?=a)a", Some(PatternVerdict::Unchecked)),
        ("(?<!a)b", Some(PatternVerdict::Unchecked)),
    ];

    #[test]
    fn verdicts_agree_with_python() {
        for (pattern, want) in PYTHON {
            let got = compile(pattern).err().map(|(_, v)| v);
            assert_eq!(got, *want, "{pattern}");
        }
    }

    /// Every pattern of up to three characters from the metacharacters
    /// (and a few letters) compiles or gets a verdict, without a panic.
    #[test]
    fn every_short_pattern_gets_an_answer() {
        const ALPHABET: &[char] = &[
            '[', ']', '(', ')', '*', '+', '?', '{', '}', '\\', '^', '$', '|', '.', '-', 'a', 'Z',
            ',', '<', '=', '!', 'P', '#', '1',
        ];
        let mut patterns = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = patterns
                .iter()
                .filter(|p| p.chars().count() == patterns.last().map_or(0, |l| l.chars().count()))
                .flat_map(|p| ALPHABET.iter().map(move |c| format!("{p}{c}")))
                .collect();
            patterns.extend(longer);
        }
        let compiled = patterns.iter().filter(|p| compile(p).is_ok()).count();
        // Sanity: plenty compile and plenty do not.
        assert!(compiled > 1000 && compiled < patterns.len(), "{compiled}");
    }

    #[test]
    fn never_panics_on_odd_patterns() {
        for p in [
            "",
            "\\",
            "(?",
            "(?<",
            "[",
            "]",
            "{",
            "}",
            "(?P<",
            "\u{e9}\\",
            "a{99999999999}",
        ] {
            drop(compile(p));
        }
    }
}
