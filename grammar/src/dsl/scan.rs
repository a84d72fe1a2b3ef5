//! A lexical pass over `.heat` text, run before pest: it finds every `#`
//! comment, checks bracket nesting against `yaml::MAX_DEPTH`, and marks the
//! line starts where a top-level item may begin, for error recovery.
//!
//! It knows only what decides whether a byte is code or string text: the
//! four kinds of string (`"..."`, `'...'`, `"""` blocks and `'''` blocks,
//! with `\` escapes and `${...}` interpolation inside the double-quoted
//! ones), brackets and comments. On text the grammar accepts it agrees with
//! the grammar on every comment; on other text it still ends, never panics,
//! and never reports a comment inside what the grammar would read as a
//! string on the same line. It works on bytes: every byte it looks at is
//! ASCII, and UTF-8 continuation bytes never equal an ASCII byte.

use crate::span::Span;
use crate::yaml::MAX_DEPTH;

/// What one scan found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Scan {
    /// Every comment, from `#` to the end of its line (without the break).
    pub(super) comments: Vec<Span>,
    /// The opening bracket (or `${`) that first goes deeper than
    /// `MAX_DEPTH`, if any: pest must not see that part of the text, as
    /// its recursion is as deep as the nesting.
    pub(super) too_deep: Option<Span>,
    /// Offsets where a top-level item may start: 0, every line start at
    /// nesting depth 0 outside strings, and every line that starts with a
    /// top-level keyword in column 0 outside strings (where the scan also
    /// forgets any brackets left open, so that one unclosed `{` does not
    /// swallow the rest of the file). Sorted, without duplicates.
    pub(super) boundaries: Vec<usize>,
    /// The brackets still open at the end (innermost last), with the
    /// closing character each expects.
    pub(super) unclosed: Vec<(Span, char)>,
}

/// Where the scan is: code (inside brackets or an interpolation, or at the
/// top level), or one of the string kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// Code inside a bracket that `close` ends.
    Code { close: u8, open: usize },
    /// Code inside `${...}` of a double-quoted or block string.
    Interpolation { open: usize },
    /// A one-line `"..."` string.
    Quoted,
    /// A one-line `'...'` string.
    Raw,
    /// A `"""` block string.
    Block,
    /// A `'''` block string.
    RawBlock,
}

/// The words that start a top-level item and end recovery in column 0.
const KEYWORDS: &[&[u8]] = &[
    b"heat_template_version",
    b"param",
    b"resource",
    b"output",
    b"condition",
];

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// Whether the line at `at` starts (in column 0) with a top-level keyword
/// followed by a space or TAB.
fn keyword_line(bytes: &[u8], at: usize) -> bool {
    let rest = bytes.get(at..).unwrap_or(&[]);
    KEYWORDS
        .iter()
        .any(|k| rest.starts_with(k) && rest.get(k.len()).is_some_and(|&b| b == b' ' || b == b'\t'))
}

/// Whether the line starting at `at` closes a block opened by `quote`
/// (`"` or `'`): its first text after spaces and TABs is three of them.
/// Returns the offset after the closing quotes (and a `-`).
fn block_close(bytes: &[u8], at: usize, quote: u8) -> Option<usize> {
    let mut i = at;
    while bytes.get(i).is_some_and(|&b| b == b' ' || b == b'\t') {
        i += 1;
    }
    let three = [quote; 3];
    if bytes.get(i..i + 3) == Some(&three[..]) {
        let end = i + 3;
        Some(if bytes.get(end) == Some(&b'-') {
            end + 1
        } else {
            end
        })
    } else {
        None
    }
}

/// The offset of the end of the line holding `at` (the line break or the
/// end of the text).
fn line_end(bytes: &[u8], at: usize) -> usize {
    bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| b == b'\n' || b == b'\r'))
        .map_or(bytes.len(), |p| at + p)
}

/// The offset after the line break at `at` (CRLF counts as one).
fn after_break(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at) {
        Some(b'\r') if bytes.get(at + 1) == Some(&b'\n') => at + 2,
        Some(_) => at + 1,
        None => at,
    }
}

/// Scans `src`. Linear in its length.
pub(super) fn scan(src: &str) -> Scan {
    let bytes = src.as_bytes();
    let mut out = Scan {
        boundaries: vec![0],
        ..Scan::default()
    };
    // The frames above the top level, which is code.
    let mut stack: Vec<Frame> = Vec::new();
    // Nesting depth: the code frames on the stack.
    let mut depth = 0usize;
    let mut i = 0usize;
    let mut at_line_start = true;
    while i < bytes.len() {
        if at_line_start {
            at_line_start = false;
            match stack.last().copied() {
                None => {
                    if out.boundaries.last() != Some(&i) {
                        out.boundaries.push(i);
                    }
                }
                Some(Frame::Code { .. } | Frame::Interpolation { .. }) => {
                    if keyword_line(bytes, i) {
                        stack.clear();
                        depth = 0;
                        out.boundaries.push(i);
                    }
                }
                Some(Frame::Block | Frame::RawBlock) => {
                    let quote = if stack.last() == Some(&Frame::Block) {
                        b'"'
                    } else {
                        b'\''
                    };
                    if let Some(end) = block_close(bytes, i, quote) {
                        stack.pop();
                        i = end;
                        continue;
                    }
                    if quote == b'\'' {
                        // A raw block line is all text.
                        i = line_end(bytes, i);
                        continue;
                    }
                }
                // One-line strings end at the line break, below.
                Some(Frame::Quoted | Frame::Raw) => {}
            }
        }
        let Some(&b) = bytes.get(i) else { break };
        if b == b'\n' || b == b'\r' {
            if matches!(stack.last(), Some(Frame::Quoted | Frame::Raw)) {
                // An unterminated one-line string ends at the line end.
                stack.pop();
            }
            i = after_break(bytes, i);
            at_line_start = true;
            continue;
        }
        let top = stack.last().copied();
        match top {
            None | Some(Frame::Code { .. } | Frame::Interpolation { .. }) => match b {
                b'#' => {
                    let end = line_end(bytes, i);
                    out.comments.push(Span::new(i, end));
                    i = end;
                }
                b'"' => {
                    if bytes.get(i..i + 3) == Some(&b"\"\"\""[..]) {
                        stack.push(Frame::Block);
                        // The rest of the opening line belongs to no line
                        // of the block; the grammar wants only spaces there.
                        i = line_end(bytes, i + 3);
                    } else {
                        stack.push(Frame::Quoted);
                        i += 1;
                    }
                }
                b'\'' => {
                    if bytes.get(i..i + 3) == Some(&b"'''"[..]) {
                        stack.push(Frame::RawBlock);
                        i = line_end(bytes, i + 3);
                    } else {
                        stack.push(Frame::Raw);
                        i += 1;
                    }
                }
                b'[' | b'{' | b'(' => {
                    let close = match b {
                        b'[' => b']',
                        b'{' => b'}',
                        _ => b')',
                    };
                    stack.push(Frame::Code { close, open: i });
                    depth += 1;
                    if depth > MAX_DEPTH && out.too_deep.is_none() {
                        out.too_deep = Some(Span::new(i, i + 1));
                    }
                    i += 1;
                }
                b']' | b'}' | b')' => {
                    match top {
                        Some(Frame::Code { close, .. }) if close == b => {
                            stack.pop();
                            depth = depth.saturating_sub(1);
                        }
                        Some(Frame::Interpolation { .. }) if b == b'}' => {
                            stack.pop();
                            depth = depth.saturating_sub(1);
                        }
                        // A stray closer: the grammar reports it.
                        _ => {}
                    }
                    i += 1;
                }
                _ if is_ident_byte(b) => {
                    // Skip words whole: they hold nothing the scan needs.
                    while bytes.get(i).is_some_and(|&c| is_ident_byte(c)) {
                        i += 1;
                    }
                }
                _ => i += 1,
            },
            Some(Frame::Quoted | Frame::Block) => match b {
                b'\\' => {
                    // An escape takes the next character, unless that is a
                    // line break (which the string, or its line, ends at).
                    let next = bytes.get(i + 1).copied();
                    i += if next.is_some_and(|c| c != b'\n' && c != b'\r') {
                        2
                    } else {
                        1
                    };
                }
                b'$' if bytes.get(i + 1) == Some(&b'{') => {
                    stack.push(Frame::Interpolation { open: i });
                    depth += 1;
                    if depth > MAX_DEPTH && out.too_deep.is_none() {
                        out.too_deep = Some(Span::new(i, i + 2));
                    }
                    i += 2;
                }
                b'$' if bytes.get(i + 1..i + 3) == Some(&b"${"[..]) => i += 3,
                b'"' if top == Some(Frame::Quoted) => {
                    stack.pop();
                    i += 1;
                }
                _ => i += 1,
            },
            Some(Frame::Raw) => {
                if b == b'\'' {
                    stack.pop();
                }
                i += 1;
            }
            // Raw block lines are skipped whole at their start.
            Some(Frame::RawBlock) => i = line_end(bytes, i),
        }
    }
    for frame in &stack {
        match *frame {
            Frame::Code { close, open } => {
                out.unclosed
                    .push((Span::new(open, open + 1), char::from(close)));
            }
            Frame::Interpolation { open } => out.unclosed.push((Span::new(open, open + 2), '}')),
            Frame::Quoted | Frame::Raw | Frame::Block | Frame::RawBlock => {}
        }
    }
    out
}
