//! `allowed_pattern`: a Python `re` pattern compiled with the regex crate,
//! or, for the Python syntax the crate lacks (look-around, back-references),
//! with fancy-regex; and, when neither takes it, whether Python's `re` (so
//! Heat) would refuse it too.
//!
//! Guarantees: a compiled pattern matches as Heat's `re.compile(p).match`
//! plus its end check does — anchored at the start, leftmost-first
//! alternation — with Python's `\Z` read as the crate's `\z`. A refused
//! pattern is `PythonRejects` only for errors both engines share (an
//! unbalanced group, nothing to repeat, a bad class range, an unknown
//! letter escape, a `{3,1}` count, a trailing `\`) or for syntax only the
//! crate has (`(?<name>...)`); look-around and back-references (`\1`,
//! `(?P=name)`) compile with fancy-regex, which matches them with the same
//! backtracking semantics as Python; everything else the crates refuse may
//! be valid Python (`a{` as a literal, nested `[`, `(?#...)`, `(?a)`,
//! `\N{...}`, variable-width look-behind, which Python refuses as well but
//! hotc does not tell apart) and is `Unchecked`. Known gap: a few
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

/// A compiled `allowed_pattern`.
#[derive(Debug, Clone)]
pub enum Pattern {
    /// The regex crate: linear time.
    Plain(Regex),
    /// fancy-regex, for look-around and back-references.
    Fancy(Box<fancy_regex::Regex>),
}

impl Pattern {
    /// Heat's check: `re.match(pattern, value)` and the match reaches the
    /// end of the value. `None` when fancy-regex gave up (its backtracking
    /// limit), so the value is not checked.
    pub fn full_match(&self, text: &str) -> Option<bool> {
        match self {
            Pattern::Plain(regex) => Some(regex.find(text).is_some_and(|m| m.end() == text.len())),
            Pattern::Fancy(regex) => regex
                .find(text)
                .ok()
                .map(|found| found.is_some_and(|m| m.end() == text.len())),
        }
    }
}

/// Python's named back-reference `(?P=name)` as fancy-regex writes it,
/// `\k<name>`.
fn named_backrefs(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(at) = rest.find("(?P=") {
        let escaped = rest
            .get(..at)
            .is_some_and(|before| before.chars().rev().take_while(|c| *c == '\\').count() % 2 == 1);
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        match after.find(')') {
            Some(close) if !escaped => {
                out.push_str("\\k<");
                out.push_str(after.get(4..close).unwrap_or_default());
                out.push('>');
                rest = after.get(close + 1..).unwrap_or_default();
            }
            _ => {
                out.push_str(after.get(..4).unwrap_or(after));
                rest = after.get(4..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

/// Compiles a pattern for matching from the start of a value.
pub(super) fn compile(pattern: &str) -> Result<Pattern, (String, PatternVerdict)> {
    if angle_named_group(pattern) {
        return Err((
            "`(?<name>...)` is not Python syntax; Python writes `(?P<name>...)`".to_owned(),
            PatternVerdict::PythonRejects,
        ));
    }
    let translated = translate(pattern);
    let error = match Regex::new(&format!(r"\A(?:{translated})")) {
        Ok(regex) => return Ok(Pattern::Plain(regex)),
        Err(e) => e,
    };
    let verdict = verdict(&translated);
    if verdict == PatternVerdict::Unchecked && needs_fancy(&translated) {
        let fancy = format!(r"\A(?:{})", named_backrefs(&translated));
        if let Ok(regex) = fancy_regex::Regex::new(&fancy) {
            return Ok(Pattern::Fancy(Box::new(regex)));
        }
    }
    let message = error
        .to_string()
        .lines()
        .last()
        .unwrap_or_default()
        .trim_start_matches("error: ")
        .to_owned();
    Err((message, verdict))
}

/// Whether the crate refused the pattern for look-around or a
/// back-reference, the syntax fancy-regex adds with Python's meaning. Other
/// refusals (`a{,3}`, which Python reads as `a{0,3}`) are left to the
/// verdict: fancy-regex would read some of them otherwise than Python.
fn needs_fancy(translated: &str) -> bool {
    if translated.contains("(?P=") {
        return true;
    }
    matches!(
        Parser::new()
            .parse(translated)
            .map_err(|e| e.kind().clone()),
        Err(ErrorKind::UnsupportedLookAround | ErrorKind::UnsupportedBackreference)
    )
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
        // Python takes these, and fancy-regex does.
        ("(?P<x>a)(?P=x)", None),
        (r"(a)\1", None),
        ("(?=a)a", None),
        ("(?<!a)b", None),
    ];

    /// Heat's match of look-around and back-reference patterns, as Python's
    /// `re.match(p, v)` with the end check gives them.
    #[test]
    fn python_only_syntax_is_matched_as_python_does() {
        let cases: &[(&str, &str, bool)] = &[
            // A password with a digit and a letter (look-ahead).
            (r"(?=.*\d)(?=.*[a-z]).{8,}", "abcdefg1", true),
            (r"(?=.*\d)(?=.*[a-z]).{8,}", "abcdefgh", false),
            // Doubled letters (a back-reference).
            (r"(\w)\1+", "aaa", true),
            (r"(\w)\1+", "ab", false),
            ("(?P<q>['\"]).*(?P=q)", "'x'", true),
            ("(?P<q>['\"]).*(?P=q)", "'x\"", false),
            // Not ending in a dot (look-behind).
            (r".*(?<!\.)", "host.example", true),
        ];
        for (pattern, value, want) in cases {
            let compiled = compile(pattern).unwrap_or_else(|e| panic!("{pattern}: {e:?}"));
            assert!(matches!(compiled, Pattern::Fancy(_)), "{pattern}");
            assert_eq!(
                compiled.full_match(value),
                Some(*want),
                "{pattern} on {value}"
            );
        }
    }

    #[test]
    fn named_backrefs_become_fancy_syntax() {
        assert_eq!(named_backrefs("(?P<a>x)(?P=a)"), r"(?P<a>x)\k<a>");
        assert_eq!(named_backrefs(r"\(?P=a)"), r"\(?P=a)");
        assert_eq!(named_backrefs("(?P="), "(?P=");
    }

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
