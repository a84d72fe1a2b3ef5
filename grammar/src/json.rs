//! The JSON front end: a strict parser with exactly the acceptance of
//! Python's `json.loads` (which Heat's loader tries before YAML).
//!
//! That is RFC 8259 plus the constants `NaN`, `Infinity` and `-Infinity`;
//! whitespace is only space, TAB, LF and CR; control characters inside
//! strings are rejected; duplicate keys are allowed (the value builder keeps
//! the last one, as a Python dict does); a leading byte order mark is
//! rejected, as `json.loads` rejects it in a `str`. The result is the same
//! syntax tree the YAML front end builds: flow mappings and sequences,
//! double-quoted scalars holding the decoded strings, and plain scalars
//! holding the raw text of numbers and `true`/`false`/`null`, all with exact
//! byte spans, so the rest of hotc never needs to know which loader ran.
//!
//! Two deliberate differences from Python, both documented where they
//! happen: a lone UTF-16 surrogate escape (`"\ud800"`), which Python keeps in
//! its string but Rust strings cannot hold, decodes to U+FFFD; and nesting
//! deeper than `yaml::MAX_DEPTH` is rejected (Python fails with a
//! RecursionError near depth 1000), so the YAML front end reports it.
//! The parser is a single forward pass over bytes; it never panics.

use crate::span::Span;
use crate::yaml::MAX_DEPTH;
use crate::yaml::syntax::{
    Document, Entry, Mapping, Node, NodeKind, Scalar, ScalarStyle, Sequence, Stream,
};

/// Parses `src` as strict JSON (Python's `json.loads` rules) into a syntax
/// tree, or `None` when it is not valid JSON.
pub fn parse_strict(src: &str) -> Option<Stream> {
    let mut parser = JsonParser {
        src,
        bytes: src.as_bytes(),
        pos: 0,
    };
    parser.skip_ws();
    let root = parser.value(0)?;
    parser.skip_ws();
    if parser.pos != parser.bytes.len() {
        return None;
    }
    Some(Stream {
        documents: vec![Document {
            root,
            span: Span::new(0, src.len()),
            start_marker: None,
            end_marker: None,
            tag_handles: Vec::new(),
        }],
        comments: Vec::new(),
        bom: false,
    })
}

struct JsonParser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl JsonParser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Python's `WHITESPACE = [ \t\n\r]*`; nothing else counts.
    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_word(&mut self, word: &str) -> bool {
        let end = self.pos + word.len();
        if self.bytes.get(self.pos..end) == Some(word.as_bytes()) {
            self.pos = end;
            true
        } else {
            false
        }
    }

    fn node(start: usize, end: usize, kind: NodeKind) -> Node {
        Node {
            span: Span::new(start, end),
            anchor: None,
            tag: None,
            kind,
        }
    }

    /// One value at nesting `depth` (the number of enclosing containers).
    fn value(&mut self, depth: usize) -> Option<Node> {
        let start = self.pos;
        match self.peek()? {
            b'"' => {
                let value = self.string()?;
                Some(Self::node(
                    start,
                    self.pos,
                    NodeKind::Scalar(Scalar {
                        style: ScalarStyle::DoubleQuoted,
                        value,
                    }),
                ))
            }
            b'{' => self.object(depth + 1),
            b'[' => self.array(depth + 1),
            b'n' => self.word(start, "null"),
            b't' => self.word(start, "true"),
            b'f' => self.word(start, "false"),
            b'N' => self.word(start, "NaN"),
            b'I' => self.word(start, "Infinity"),
            b'-' if self.bytes.get(start + 1) == Some(&b'I') => self.word(start, "-Infinity"),
            b'-' | b'0'..=b'9' => {
                self.number()?;
                self.plain(start)
            }
            _ => None,
        }
    }

    fn word(&mut self, start: usize, word: &str) -> Option<Node> {
        if self.eat_word(word) {
            self.plain(start)
        } else {
            None
        }
    }

    /// A plain scalar holding the raw text from `start` to here.
    fn plain(&self, start: usize) -> Option<Node> {
        let text = self.src.get(start..self.pos)?;
        Some(Self::node(
            start,
            self.pos,
            NodeKind::Scalar(Scalar {
                style: ScalarStyle::Plain,
                value: text.to_owned(),
            }),
        ))
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`, matched the way
    /// Python's scanner does: a `.` or exponent without digits is not part
    /// of the number, so the text after it makes the document invalid.
    fn number(&mut self) -> Option<()> {
        self.eat(b'-');
        match self.peek()? {
            b'0' => self.pos += 1,
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.peek() == Some(b'.') && self.bytes.get(self.pos + 1).is_some_and(u8::is_ascii_digit)
        {
            self.pos += 1;
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            let mark = self.pos;
            self.pos += 1;
            if matches!(self.peek(), Some(b'-' | b'+')) {
                self.pos += 1;
            }
            if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                self.digits();
            } else {
                self.pos = mark;
            }
        }
        Some(())
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    fn object(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let start = self.pos;
        let entries = self.members(b'}', |p| {
            let key_start = p.pos;
            if p.peek() != Some(b'"') {
                return None;
            }
            let key = p.string()?;
            let key = Self::node(
                key_start,
                p.pos,
                NodeKind::Scalar(Scalar {
                    style: ScalarStyle::DoubleQuoted,
                    value: key,
                }),
            );
            p.skip_ws();
            if !p.eat(b':') {
                return None;
            }
            p.skip_ws();
            let value = p.value(depth)?;
            Some(Entry { key, value })
        })?;
        Some(Self::node(
            start,
            self.pos,
            NodeKind::Mapping(Mapping {
                flow: true,
                entries,
            }),
        ))
    }

    fn array(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let start = self.pos;
        let items = self.members(b']', |p| p.value(depth))?;
        Some(Self::node(
            start,
            self.pos,
            NodeKind::Sequence(Sequence { flow: true, items }),
        ))
    }

    /// The members of an object or array, from its opening bracket to
    /// `close`: each read by `member`, separated by `,` with whitespace
    /// around. `None` on anything else (json.loads refuses a trailing
    /// comma too).
    fn members<T>(
        &mut self,
        close: u8,
        mut member: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        self.pos += 1;
        self.skip_ws();
        let mut out = Vec::new();
        if self.eat(close) {
            return Some(out);
        }
        loop {
            out.push(member(self)?);
            self.skip_ws();
            if self.eat(close) {
                return Some(out);
            }
            if !self.eat(b',') {
                return None;
            }
            self.skip_ws();
        }
    }

    /// A string starting at the opening quote; returns its decoded value.
    fn string(&mut self) -> Option<String> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            // Copy the longest run needing no decoding in one go.
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(self.src.get(run_start..self.pos)?);
            match self.peek()? {
                b'"' => {
                    self.pos += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                // A raw control character: strict mode rejects it.
                _ => return None,
            }
        }
    }

    /// One escape after its backslash.
    fn escape(&mut self, out: &mut String) -> Option<()> {
        let c = match self.peek()? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                self.pos += 1;
                let unit = self.hex4()?;
                out.push(self.code_point(unit)?);
                return Some(());
            }
            _ => return None,
        };
        self.pos += 1;
        out.push(c);
        Some(())
    }

    /// The character for a `\uXXXX` unit, reading a following low
    /// surrogate escape when `unit` is a high surrogate. Python keeps lone
    /// surrogates; a Rust string cannot, so they become U+FFFD.
    fn code_point(&mut self, unit: u32) -> Option<char> {
        if (0xd800..0xdc00).contains(&unit)
            && self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u")
        {
            let mark = self.pos;
            self.pos += 2;
            // Python rejects bad hex here even when it would not pair.
            let low = self.hex4()?;
            if (0xdc00..0xe000).contains(&low) {
                let c = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                return char::from_u32(c);
            }
            self.pos = mark;
        }
        Some(char::from_u32(unit).unwrap_or(char::REPLACEMENT_CHARACTER))
    }

    fn hex4(&mut self) -> Option<u32> {
        let mut unit = 0;
        for _ in 0..4 {
            let digit = char::from(self.peek()?).to_digit(16)?;
            unit = unit * 16 + digit;
            self.pos += 1;
        }
        Some(unit)
    }
}

#[cfg(test)]
mod tests;
