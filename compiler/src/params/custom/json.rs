//! `json_string`: Python 3.11's `json.loads` of a string, with the C
//! scanner's (`_json.c`) acceptance and error messages.
//!
//! Guarantees: a text Python decodes is `Ok`; one it refuses gets the
//! `JSONDecodeError` text (`Expecting value: line 1 column 1 (char 0)`),
//! positions counted in code points as Python counts them. Python accepts
//! `NaN`, `Infinity` and `-Infinity` and lone surrogate escapes, and
//! refuses raw control characters in strings. Two refusals are not
//! `JSONDecodeError`s and so not Heat's constraint message: nesting deep
//! enough for Python's `RecursionError` and integers past its 4300-digit
//! conversion limit; those texts are not checked (`None`).

/// Deeper than this, Python's recursion limit may be reached first,
/// depending on how deep Heat's own stack is: not checked.
const MAX_DEPTH: usize = 200;

/// Python's `sys.get_int_max_str_digits()` default.
const MAX_INT_DIGITS: usize = 4300;

/// Why decoding stopped.
enum Stop {
    /// `JSONDecodeError(message, doc, pos)`.
    Error(&'static str, usize),
    /// Not reproduced.
    Unknown,
}

/// `json.loads(text)`: `Ok` or the error's `str()`; `None` when not
/// checked.
pub(super) fn loads(text: &str) -> Option<Result<(), String>> {
    let chars: Vec<char> = text.chars().collect();
    let result = if chars.first() == Some(&'\u{feff}') {
        Err(Stop::Error(
            "Unexpected UTF-8 BOM (decode using utf-8-sig)",
            0,
        ))
    } else {
        let mut scanner = Scanner {
            s: &chars,
            depth: 0,
        };
        let start = scanner.skip_ws(0);
        scanner.value(start).and_then(|end| {
            let end = scanner.skip_ws(end);
            if end == chars.len() {
                Ok(())
            } else {
                Err(Stop::Error("Extra data", end))
            }
        })
    };
    match result {
        Ok(()) => Some(Ok(())),
        Err(Stop::Unknown) => None,
        Err(Stop::Error(message, pos)) => Some(Err(decode_error(&chars, message, pos))),
    }
}

/// `JSONDecodeError.__str__`: the line and column of `pos`.
fn decode_error(chars: &[char], message: &str, pos: usize) -> String {
    let before = chars.get(..pos).unwrap_or(chars);
    let line = before.iter().filter(|c| **c == '\n').count() + 1;
    let column = before
        .iter()
        .rposition(|c| *c == '\n')
        .map_or(pos + 1, |nl| pos - nl);
    format!("{message}: line {line} column {column} (char {pos})")
}

struct Scanner<'a> {
    s: &'a [char],
    depth: usize,
}

impl Scanner<'_> {
    fn at(&self, i: usize) -> Option<char> {
        self.s.get(i).copied()
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while matches!(self.at(i), Some(' ' | '\t' | '\n' | '\r')) {
            i += 1;
        }
        i
    }

    fn literal(&self, i: usize, word: &str) -> bool {
        word.chars()
            .enumerate()
            .all(|(k, c)| self.at(i + k) == Some(c))
    }

    /// `scan_once_unicode`: one value at `i`; the index after it.
    fn value(&mut self, i: usize) -> Result<usize, Stop> {
        match self.at(i) {
            None => Err(Stop::Error("Expecting value", i)),
            Some('"') => self.string(i + 1),
            Some('{') => self.nested(|s| s.object(i + 1)),
            Some('[') => self.nested(|s| s.array(i + 1)),
            Some('n') if self.literal(i, "null") => Ok(i + 4),
            Some('t') if self.literal(i, "true") => Ok(i + 4),
            Some('f') if self.literal(i, "false") => Ok(i + 5),
            Some('N') if self.literal(i, "NaN") => Ok(i + 3),
            Some('I') if self.literal(i, "Infinity") => Ok(i + 8),
            Some('-') if self.literal(i, "-Infinity") => Ok(i + 9),
            Some(_) => self.number(i),
        }
    }

    fn nested(&mut self, f: impl FnOnce(&mut Self) -> Result<usize, Stop>) -> Result<usize, Stop> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Stop::Unknown);
        }
        let out = f(self);
        self.depth -= 1;
        out
    }

    fn digits(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        }
        i
    }

    /// `_match_number_unicode`.
    fn number(&self, start: usize) -> Result<usize, Stop> {
        let mut i = start;
        if self.at(i) == Some('-') {
            i += 1;
        }
        let int_start = i;
        match self.at(i) {
            Some('1'..='9') => i = self.digits(i + 1),
            Some('0') => i += 1,
            _ => return Err(Stop::Error("Expecting value", start)),
        }
        let mut is_float = false;
        if self.at(i) == Some('.') && self.at(i + 1).is_some_and(|c| c.is_ascii_digit()) {
            is_float = true;
            i = self.digits(i + 2);
        }
        if matches!(self.at(i), Some('e' | 'E')) {
            let e_start = i;
            let mut j = i + 1;
            if matches!(self.at(j), Some('-' | '+')) {
                j += 1;
            }
            let after = self.digits(j);
            if after > j {
                is_float = true;
                i = after;
            } else {
                i = e_start;
            }
        }
        // `int()` of a long digit string raises a ValueError, not a
        // decode error.
        if !is_float && i - int_start > MAX_INT_DIGITS {
            return Err(Stop::Unknown);
        }
        Ok(i)
    }

    /// `scanstring_unicode` from just after the opening quote at
    /// `start - 1`; the index after the closing quote.
    fn string(&self, start: usize) -> Result<usize, Stop> {
        let begin = start - 1;
        let unterminated = Stop::Error("Unterminated string starting at", begin);
        let len = self.s.len();
        let mut end = start;
        loop {
            let mut next = end;
            let mut c = None;
            while let Some(ch) = self.at(next) {
                if ch == '"' || ch == '\\' {
                    c = Some(ch);
                    break;
                }
                if u32::from(ch) <= 0x1f {
                    return Err(Stop::Error("Invalid control character at", next));
                }
                next += 1;
            }
            let Some(c) = c else {
                return Err(unterminated);
            };
            next += 1;
            if c == '"' {
                return Ok(next);
            }
            let Some(escape) = self.at(next) else {
                return Err(unterminated);
            };
            if escape != 'u' {
                end = next + 1;
                if !matches!(escape, '"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't') {
                    return Err(Stop::Error("Invalid \\escape", end - 2));
                }
                continue;
            }
            next += 1;
            end = next + 4;
            if end >= len {
                return Err(Stop::Error("Invalid \\uXXXX escape", next - 1));
            }
            let unit = self
                .hex4(next)
                .ok_or(Stop::Error("Invalid \\uXXXX escape", end - 5))?;
            // A high surrogate followed by `\u`: the next four must be hex
            // too, whether or not they make a pair.
            if (0xd800..=0xdbff).contains(&unit)
                && end + 6 < len
                && self.at(end) == Some('\\')
                && self.at(end + 1) == Some('u')
            {
                let low = self.hex4(end + 2);
                let Some(low) = low else {
                    return Err(Stop::Error("Invalid \\uXXXX escape", end + 1));
                };
                if (0xdc00..=0xdfff).contains(&low) {
                    end += 6;
                }
            }
        }
    }

    fn hex4(&self, i: usize) -> Option<u32> {
        (i..i + 4).try_fold(0u32, |acc, k| Some(acc << 4 | self.at(k)?.to_digit(16)?))
    }

    /// `_parse_object_unicode` from just after `{`.
    fn object(&mut self, start: usize) -> Result<usize, Stop> {
        let mut i = self.skip_ws(start);
        if self.at(i) == Some('}') {
            return Ok(i + 1);
        }
        loop {
            if self.at(i) != Some('"') {
                return Err(Stop::Error(
                    "Expecting property name enclosed in double quotes",
                    i,
                ));
            }
            i = self.skip_ws(self.string(i + 1)?);
            if self.at(i) != Some(':') {
                return Err(Stop::Error("Expecting ':' delimiter", i));
            }
            i = self.skip_ws(i + 1);
            let after = self.value(i)?;
            i = self.skip_ws(after);
            match self.at(i) {
                Some('}') => return Ok(i + 1),
                Some(',') => i = self.skip_ws(i + 1),
                _ => return Err(Stop::Error("Expecting ',' delimiter", i)),
            }
        }
    }

    /// `_parse_array_unicode` from just after `[`.
    fn array(&mut self, start: usize) -> Result<usize, Stop> {
        let mut i = self.skip_ws(start);
        if self.at(i) == Some(']') {
            return Ok(i + 1);
        }
        loop {
            let after = self.value(i)?;
            i = self.skip_ws(after);
            match self.at(i) {
                Some(']') => return Ok(i + 1),
                Some(',') => i = self.skip_ws(i + 1),
                _ => return Err(Stop::Error("Expecting ',' delimiter", i)),
            }
        }
    }
}
