//! The YAML scanner: text to tokens, by libyaml's rules.
//!
//! Heat loads templates with PyYAML's `CSafeLoader`, which is libyaml. This
//! scanner follows libyaml 0.2.5's token rules (simple keys, the indentation
//! stack, where TABs may stand, how scalars fold and chomp), so that hotc
//! accepts exactly what Heat accepts and rejects the rest at the same line.
//!
//! Two departures, both only where libyaml would already have failed:
//! - With `TabStops` set, a TAB that libyaml refuses in indentation is
//!   recorded as an error and then read as the spaces it stands for, so the
//!   rest of the file can still be checked (see `yaml::tabs`).
//! - Characters YAML forbids (control characters) are recorded and read on.
//!
//! Every other error is fatal for this scan: the parser recovers by scanning
//! again with the offending text blanked out.

use std::collections::VecDeque;

use super::syntax::ScalarStyle;
use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::span::Span;

/// The longest simple key libyaml allows, in bytes past its start.
const MAX_SIMPLE_KEY: usize = 1024;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    StreamStart,
    StreamEnd,
    VersionDirective,
    TagDirective { handle: String, prefix: String },
    DocumentStart,
    DocumentEnd,
    BlockSequenceStart,
    BlockMappingStart,
    BlockEnd,
    FlowSequenceStart,
    FlowSequenceEnd,
    FlowMappingStart,
    FlowMappingEnd,
    BlockEntry,
    FlowEntry,
    Key,
    Value,
    Alias(String),
    Anchor(String),
    Tag { handle: String, suffix: String },
    Scalar { value: String, style: ScalarStyle },
}

impl Tok {
    /// The token without its text: cheap to copy for lookahead. The parser
    /// takes the text when it consumes the token.
    pub(crate) fn shallow(&self) -> Tok {
        match self {
            Tok::Scalar { style, .. } => Tok::Scalar {
                value: String::new(),
                style: *style,
            },
            Tok::Alias(_) => Tok::Alias(String::new()),
            Tok::Anchor(_) => Tok::Anchor(String::new()),
            Tok::Tag { .. } => Tok::Tag {
                handle: String::new(),
                suffix: String::new(),
            },
            Tok::TagDirective { .. } => Tok::TagDirective {
                handle: String::new(),
                prefix: String::new(),
            },
            other => other.clone(),
        }
    }

    /// How libyaml names a token in "expected X, but found Y" messages.
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            Tok::StreamStart => "<stream start>",
            Tok::StreamEnd => "<stream end>",
            Tok::VersionDirective => "<%YAML directive>",
            Tok::TagDirective { .. } => "<%TAG directive>",
            Tok::DocumentStart => "'---'",
            Tok::DocumentEnd => "'...'",
            Tok::BlockSequenceStart => "<block sequence start>",
            Tok::BlockMappingStart => "<block mapping start>",
            Tok::BlockEnd => "<block end>",
            Tok::FlowSequenceStart => "'['",
            Tok::FlowSequenceEnd => "']'",
            Tok::FlowMappingStart => "'{'",
            Tok::FlowMappingEnd => "'}'",
            Tok::BlockEntry => "'-'",
            Tok::FlowEntry => "','",
            Tok::Key => "'?'",
            Tok::Value => "':'",
            Tok::Alias(_) => "<alias>",
            Tok::Anchor(_) => "<anchor>",
            Tok::Tag { .. } => "<tag>",
            Tok::Scalar { .. } => "<scalar>",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub(crate) tok: Tok,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// How far a TAB in indentation reaches: the next multiple of `width`,
/// counted from `offset` columns to the left of the line start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TabStops {
    pub(crate) width: usize,
    pub(crate) offset: usize,
}

impl TabStops {
    fn next(self, col: usize) -> usize {
        let width = self.width.max(1);
        ((col + self.offset) / width + 1) * width - self.offset
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Mark {
    index: usize,
    line: usize,
    col: usize,
}

#[derive(Debug, Clone, Copy, Default)]
struct SimpleKey {
    possible: bool,
    required: bool,
    token_number: usize,
    mark: Mark,
}

pub(crate) struct Scanner<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    col: usize,
    /// Where the current line starts, to tell indentation from the rest.
    line_start: usize,
    tokens: VecDeque<Token>,
    tokens_parsed: usize,
    /// Whether the queue's head is final (libyaml's `token_available`): set
    /// by a fetch, cleared when a token is taken, so that repeated peeks at
    /// the same token do not re-run the simple-key checks.
    token_available: bool,
    stream_start_produced: bool,
    stream_end_produced: bool,
    flow_level: usize,
    indent: i64,
    indents: Vec<i64>,
    simple_key_allowed: bool,
    simple_keys: Vec<SimpleKey>,
    tabs: Option<TabStops>,
    /// TAB findings made while reading on (only with `tabs` set).
    pub(crate) tab_errors: Vec<SyntaxError>,
    /// Control characters met; libyaml refuses the stream at the first.
    pub(crate) char_errors: Vec<SyntaxError>,
    pub(crate) comments: Vec<Span>,
    error: Option<SyntaxError>,
}

type Scan<T> = Result<T, SyntaxError>;

fn is_blank_byte(b: Option<u8>) -> bool {
    matches!(b, Some(b' ' | b'\t'))
}

/// Characters allowed in anchor names and tag handles.
fn is_alpha(b: Option<u8>) -> bool {
    matches!(b, Some(c) if c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
}

fn is_uri_char(b: u8, flow: bool) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'_' | b'-'
                | b';'
                | b'/'
                | b'?'
                | b':'
                | b'@'
                | b'&'
                | b'='
                | b'+'
                | b'$'
                | b'.'
                | b'%'
                | b'!'
                | b'~'
                | b'*'
                | b'\''
                | b'('
                | b')'
        )
        || (!flow && matches!(b, b',' | b'[' | b']'))
}

/// YAML's printable set (libyaml's reader check).
fn is_printable(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | '\u{20}'..='\u{7E}' | '\u{85}'
        | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Joins a line break inside a flow or plain scalar into `value`, as
/// PyYAML's scanner does for both: a lone `\n` break folds to one space,
/// a `\n` followed by more breaks keeps only those, and any other break
/// (NEL, LS, PS) is kept with what follows. Empties both buffers.
fn fold_breaks(value: &mut String, leading_break: &mut String, trailing_breaks: &mut String) {
    if leading_break.starts_with('\n') {
        if trailing_breaks.is_empty() {
            value.push(' ');
        } else {
            value.push_str(trailing_breaks);
            trailing_breaks.clear();
        }
        leading_break.clear();
    } else {
        value.push_str(leading_break);
        value.push_str(trailing_breaks);
        leading_break.clear();
        trailing_breaks.clear();
    }
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(src: &'a str, tabs: Option<TabStops>) -> Self {
        let mut scanner = Scanner {
            src,
            bytes: src.as_bytes(),
            pos: 0,
            line: 0,
            col: 0,
            line_start: 0,
            tokens: VecDeque::new(),
            tokens_parsed: 0,
            token_available: false,
            stream_start_produced: false,
            stream_end_produced: false,
            flow_level: 0,
            indent: -1,
            indents: Vec::new(),
            simple_key_allowed: false,
            simple_keys: Vec::new(),
            tabs,
            tab_errors: Vec::new(),
            char_errors: Vec::new(),
            comments: Vec::new(),
            error: None,
        };
        scanner.check_printable();
        scanner
    }

    /// Records every character YAML does not allow.
    fn check_printable(&mut self) {
        if self
            .bytes
            .iter()
            .all(|&b| b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r'))
            && self.bytes.iter().all(|&b| b < 0x7F)
        {
            return;
        }
        for (i, c) in self.src.char_indices() {
            if !is_printable(c) {
                self.char_errors.push(SyntaxError::new(
                    SyntaxErrorKind::NonPrintable { found: c },
                    Span::new(i, i + c.len_utf8()),
                ));
            }
        }
    }

    // ---- Low-level reading -------------------------------------------------

    fn byte(&self, k: usize) -> Option<u8> {
        self.bytes.get(self.pos + k).copied()
    }

    fn at(&self, k: usize, b: u8) -> bool {
        self.byte(k) == Some(b)
    }

    fn is_z(&self, k: usize) -> bool {
        self.pos + k >= self.bytes.len()
    }

    /// A line break at byte offset `k` ahead: `\r`, `\n`, NEL, LS or PS.
    fn is_break(&self, k: usize) -> bool {
        match self.byte(k) {
            Some(b'\n' | b'\r') => true,
            Some(0xC2) => self.byte(k + 1) == Some(0x85),
            Some(0xE2) => {
                self.byte(k + 1) == Some(0x80) && matches!(self.byte(k + 2), Some(0xA8 | 0xA9))
            }
            _ => false,
        }
    }

    fn is_breakz(&self, k: usize) -> bool {
        self.is_z(k) || self.is_break(k)
    }

    fn is_blankz(&self, k: usize) -> bool {
        is_blank_byte(self.byte(k)) || self.is_breakz(k)
    }

    fn is_bom(&self) -> bool {
        self.bytes.get(self.pos..self.pos + 3) == Some(&[0xEF, 0xBB, 0xBF][..])
    }

    fn mark(&self) -> Mark {
        Mark {
            index: self.pos,
            line: self.line,
            col: self.col,
        }
    }

    /// Advances over one character that is not a line break.
    fn skip(&mut self) {
        let len = self.char_len();
        self.pos += len;
        self.col += 1;
    }

    fn char_len(&self) -> usize {
        match self.byte(0) {
            Some(b) if b < 0x80 => 1,
            Some(b) if b >= 0xF0 => 4,
            Some(b) if b >= 0xE0 => 3,
            Some(_) => 2,
            None => 0,
        }
    }

    fn current_char(&self) -> Option<char> {
        self.src.get(self.pos..).and_then(|s| s.chars().next())
    }

    /// Advances over one line break (CRLF counts as one).
    fn skip_line(&mut self) {
        let len = if self.at(0, b'\r') && self.at(1, b'\n') {
            2
        } else if self.at(0, b'\r') || self.at(0, b'\n') {
            1
        } else {
            self.char_len()
        };
        self.pos += len;
        self.line += 1;
        self.col = 0;
        self.line_start = self.pos;
    }

    /// Reads one line break into `out`, normalised as libyaml does.
    fn read_line(&mut self, out: &mut String) {
        match self.byte(0) {
            Some(b'\r' | b'\n') => out.push('\n'),
            Some(0xC2) => out.push('\n'),
            _ => {
                if let Some(c) = self.current_char() {
                    out.push(c);
                }
            }
        }
        self.skip_line();
    }

    /// Reads one non-break character into `out`.
    fn read(&mut self, out: &mut String) {
        if let Some(c) = self.current_char() {
            out.push(c);
        }
        self.skip();
    }

    fn err<T>(&self, kind: SyntaxErrorKind, at: usize) -> Scan<T> {
        let end = (at + 1).min(self.bytes.len()).max(at);
        let end = if self.src.is_char_boundary(end) {
            end
        } else {
            at
        };
        Err(SyntaxError::new(kind, Span::new(at, end)))
    }

    fn unexpected_here<T>(&self) -> Scan<T> {
        match self.current_char() {
            Some('\t') => self.tab_error(),
            Some(c) => self.err(SyntaxErrorKind::UnexpectedChar { found: c }, self.pos),
            None => self.err(
                SyntaxErrorKind::Unexpected {
                    expected: "a token",
                    found: "end of stream",
                },
                self.pos,
            ),
        }
    }

    /// Whether only spaces and TABs stand before the current position on its line.
    fn in_indentation(&self) -> bool {
        self.bytes
            .get(self.line_start..self.pos)
            .is_some_and(|s| s.iter().all(|&b| b == b' ' || b == b'\t'))
    }

    fn tab_kind(&self, replacement: String) -> SyntaxErrorKind {
        if self.in_indentation() {
            SyntaxErrorKind::TabIndent { replacement }
        } else {
            SyntaxErrorKind::TabSeparator
        }
    }

    /// A TAB libyaml refuses, with no TAB stops to read on with.
    fn tab_error<T>(&self) -> Scan<T> {
        self.err(self.tab_kind(String::new()), self.pos)
    }

    /// At a TAB libyaml refuses: with TAB stops, records it and reads it as
    /// spaces; without, fails.
    fn expand_tab(&mut self) -> Scan<()> {
        let Some(stops) = self.tabs else {
            return self.tab_error();
        };
        let next = stops.next(self.col);
        let replacement = " ".repeat(next - self.col);
        // A run of TABs is one finding, with one replacement.
        let previous = self
            .tab_errors
            .last_mut()
            .filter(|e| e.span.end() == self.pos);
        match previous {
            Some(SyntaxError {
                kind: SyntaxErrorKind::TabIndent { replacement: r },
                span,
            }) => {
                r.push_str(&replacement);
                *span = Span::new(span.start(), self.pos + 1);
            }
            _ => {
                let kind = self.tab_kind(replacement);
                self.tab_errors
                    .push(SyntaxError::new(kind, Span::new(self.pos, self.pos + 1)));
            }
        }
        self.pos += 1;
        self.col = next;
        Ok(())
    }

    // ---- The token queue ----------------------------------------------------

    /// The next token without consuming it.
    pub(crate) fn peek(&mut self) -> Scan<&Token> {
        self.fill()?;
        match self.tokens.front() {
            Some(t) => Ok(t),
            None => self.err(
                SyntaxErrorKind::Unexpected {
                    expected: "a token",
                    found: "end of stream",
                },
                self.bytes.len(),
            ),
        }
    }

    pub(crate) fn next_token(&mut self) -> Scan<Token> {
        self.fill()?;
        match self.tokens.pop_front() {
            Some(t) => {
                self.tokens_parsed += 1;
                self.token_available = false;
                Ok(t)
            }
            None => self.err(
                SyntaxErrorKind::Unexpected {
                    expected: "a token",
                    found: "end of stream",
                },
                self.bytes.len(),
            ),
        }
    }

    fn fill(&mut self) -> Scan<()> {
        if self.token_available {
            return Ok(());
        }
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        match self.fetch_more_tokens() {
            Ok(()) => {
                self.token_available = true;
                Ok(())
            }
            Err(e) => {
                self.error = Some(e.clone());
                Err(e)
            }
        }
    }

    fn fetch_more_tokens(&mut self) -> Scan<()> {
        loop {
            let mut need_more = self.tokens.is_empty();
            if !need_more {
                self.stale_simple_keys()?;
                need_more = self
                    .simple_keys
                    .iter()
                    .any(|k| k.possible && k.token_number == self.tokens_parsed);
            }
            if !need_more || self.stream_end_produced && self.tokens.is_empty() {
                return Ok(());
            }
            if self.stream_end_produced {
                return Ok(());
            }
            self.fetch_next_token()?;
        }
    }

    fn push(&mut self, tok: Tok, start: usize, end: usize) {
        self.tokens.push_back(Token { tok, start, end });
    }

    fn fetch_next_token(&mut self) -> Scan<()> {
        if !self.stream_start_produced {
            self.stream_start_produced = true;
            self.indent = -1;
            self.simple_key_allowed = true;
            self.simple_keys.push(SimpleKey::default());
            self.push(Tok::StreamStart, 0, 0);
            return Ok(());
        }
        self.scan_to_next_token()?;
        self.stale_simple_keys()?;
        self.unwind_indent(self.col as i64);

        if self.is_z(0) {
            return self.fetch_stream_end();
        }
        let Some(b) = self.byte(0) else {
            return self.fetch_stream_end();
        };
        if self.col == 0 && b == b'%' {
            return self.fetch_directive();
        }
        if self.col == 0 && self.is_document_marker(b'-') {
            return self.fetch_document_indicator(Tok::DocumentStart);
        }
        if self.col == 0 && self.is_document_marker(b'.') {
            return self.fetch_document_indicator(Tok::DocumentEnd);
        }
        match b {
            b'[' => return self.fetch_flow_collection_start(Tok::FlowSequenceStart),
            b'{' => return self.fetch_flow_collection_start(Tok::FlowMappingStart),
            b']' => return self.fetch_flow_collection_end(Tok::FlowSequenceEnd),
            b'}' => return self.fetch_flow_collection_end(Tok::FlowMappingEnd),
            b',' => return self.fetch_flow_entry(),
            _ => {}
        }
        if b == b'-' && self.is_blankz(1) {
            return self.fetch_block_entry();
        }
        if b == b'?' && (self.flow_level > 0 || self.is_blankz(1)) {
            return self.fetch_key();
        }
        if b == b':' && (self.flow_level > 0 || self.is_blankz(1)) {
            return self.fetch_value();
        }
        match b {
            b'*' => return self.fetch_anchor(true),
            b'&' => return self.fetch_anchor(false),
            b'!' => return self.fetch_tag(),
            b'|' if self.flow_level == 0 => return self.fetch_block_scalar(true),
            b'>' if self.flow_level == 0 => return self.fetch_block_scalar(false),
            b'\'' => return self.fetch_flow_scalar(true),
            b'"' => return self.fetch_flow_scalar(false),
            _ => {}
        }
        let indicator = matches!(
            b,
            b'-' | b'?'
                | b':'
                | b','
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'#'
                | b'&'
                | b'*'
                | b'!'
                | b'|'
                | b'>'
                | b'\''
                | b'"'
                | b'%'
                | b'@'
                | b'`'
        );
        if !(self.is_blankz(0) || indicator)
            || (b == b'-' && !is_blank_byte(self.byte(1)))
            || (self.flow_level == 0 && (b == b'?' || b == b':') && !self.is_blankz(1))
        {
            return self.fetch_plain_scalar();
        }
        self.unexpected_here()
    }

    /// Ends a directive or block-scalar header line: blanks, then an
    /// optional comment (recorded), then the line break or the end of the
    /// input, which is consumed. Anything else is an error of `kind` where
    /// it starts.
    fn finish_line(&mut self, kind: SyntaxErrorKind) -> Scan<()> {
        self.skip_blanks();
        if self.at(0, b'#') {
            let c = self.pos;
            while !self.is_breakz(0) {
                self.skip();
            }
            self.comments.push(Span::new(c, self.pos));
        }
        if !self.is_breakz(0) {
            return self.err(kind, self.pos);
        }
        if self.is_break(0) {
            self.skip_line();
        }
        Ok(())
    }

    fn is_document_marker(&self, c: u8) -> bool {
        self.at(0, c) && self.at(1, c) && self.at(2, c) && self.is_blankz(3)
    }

    fn scan_to_next_token(&mut self) -> Scan<()> {
        loop {
            if self.col == 0 && self.is_bom() {
                self.pos += 3;
            }
            loop {
                match self.byte(0) {
                    Some(b' ') => self.skip(),
                    Some(b'\t') if self.flow_level > 0 || !self.simple_key_allowed => self.skip(),
                    Some(b'\t') if self.tabs.is_some() => self.expand_tab()?,
                    _ => break,
                }
            }
            if self.at(0, b'#') {
                let start = self.pos;
                while !self.is_breakz(0) {
                    self.skip();
                }
                self.comments.push(Span::new(start, self.pos));
            }
            if self.is_break(0) {
                self.skip_line();
                if self.flow_level == 0 {
                    self.simple_key_allowed = true;
                }
            } else {
                return Ok(());
            }
        }
    }

    // ---- Simple keys and indentation --------------------------------------

    fn stale_simple_keys(&mut self) -> Scan<()> {
        let (line, pos) = (self.line, self.pos);
        for i in 0..self.simple_keys.len() {
            let Some(key) = self.simple_keys.get(i).copied() else {
                continue;
            };
            if key.possible && (key.mark.line < line || key.mark.index + MAX_SIMPLE_KEY < pos) {
                if key.required {
                    return self.err(SyntaxErrorKind::ExpectedColon, self.pos);
                }
                if let Some(k) = self.simple_keys.get_mut(i) {
                    k.possible = false;
                }
            }
        }
        Ok(())
    }

    fn save_simple_key(&mut self) -> Scan<()> {
        let required = self.flow_level == 0 && self.indent == self.col as i64;
        if self.simple_key_allowed {
            let key = SimpleKey {
                possible: true,
                required,
                token_number: self.tokens_parsed + self.tokens.len(),
                mark: self.mark(),
            };
            self.remove_simple_key()?;
            if let Some(last) = self.simple_keys.last_mut() {
                *last = key;
            }
        }
        Ok(())
    }

    fn remove_simple_key(&mut self) -> Scan<()> {
        if let Some(last) = self.simple_keys.last().copied()
            && last.possible
            && last.required
        {
            return self.err(SyntaxErrorKind::ExpectedColon, self.pos);
        }
        if let Some(last) = self.simple_keys.last_mut() {
            last.possible = false;
        }
        Ok(())
    }

    fn increase_flow_level(&mut self) {
        self.simple_keys.push(SimpleKey::default());
        self.flow_level += 1;
    }

    fn decrease_flow_level(&mut self) {
        if self.flow_level > 0 {
            self.flow_level -= 1;
            self.simple_keys.pop();
        }
    }

    fn roll_indent(&mut self, column: usize, number: Option<usize>, tok: Tok, at: usize) {
        if self.flow_level > 0 {
            return;
        }
        let column = column as i64;
        if self.indent < column {
            self.indents.push(self.indent);
            self.indent = column;
            let token = Token {
                tok,
                start: at,
                end: at,
            };
            match number {
                Some(n) => {
                    let idx = n.saturating_sub(self.tokens_parsed).min(self.tokens.len());
                    self.tokens.insert(idx, token);
                }
                None => self.tokens.push_back(token),
            }
        }
    }

    fn unwind_indent(&mut self, column: i64) {
        if self.flow_level > 0 {
            return;
        }
        while self.indent > column {
            self.push(Tok::BlockEnd, self.pos, self.pos);
            self.indent = self.indents.pop().unwrap_or(-1);
        }
    }

    // ---- Fetchers -------------------------------------------------------------

    fn fetch_stream_end(&mut self) -> Scan<()> {
        if self.col != 0 {
            // libyaml forces a new line at the end of the stream.
            self.col = 0;
            self.line += 1;
        }
        self.unwind_indent(-1);
        self.remove_simple_key()?;
        self.simple_key_allowed = false;
        self.stream_end_produced = true;
        self.push(Tok::StreamEnd, self.pos, self.pos);
        Ok(())
    }

    fn fetch_directive(&mut self) -> Scan<()> {
        self.unwind_indent(-1);
        self.remove_simple_key()?;
        self.simple_key_allowed = false;
        let start = self.pos;
        self.skip();
        let name_start = self.pos;
        while is_alpha(self.byte(0)) {
            self.skip();
        }
        let name = self.src.get(name_start..self.pos).unwrap_or("");
        if name.is_empty() || !self.is_blankz(0) {
            return self.err(SyntaxErrorKind::InvalidDirective, self.pos);
        }
        let tok = match name {
            "YAML" => {
                self.skip_blanks();
                let major = self.scan_version_number()?;
                if !self.at(0, b'.') {
                    return self.err(SyntaxErrorKind::InvalidDirective, self.pos);
                }
                self.skip();
                self.scan_version_number()?;
                if major != 1 {
                    return self.err(SyntaxErrorKind::InvalidDirective, start);
                }
                Tok::VersionDirective
            }
            "TAG" => {
                self.skip_blanks();
                let handle = self.scan_tag_handle(true)?;
                if !is_blank_byte(self.byte(0)) {
                    return self.err(SyntaxErrorKind::InvalidDirective, self.pos);
                }
                self.skip_blanks();
                let prefix = self.scan_tag_uri(true, None)?;
                if !self.is_blankz(0) {
                    return self.err(SyntaxErrorKind::InvalidDirective, self.pos);
                }
                Tok::TagDirective { handle, prefix }
            }
            _ => return self.err(SyntaxErrorKind::InvalidDirective, name_start),
        };
        let end = self.pos;
        self.finish_line(SyntaxErrorKind::InvalidDirective)?;
        self.push(tok, start, end);
        Ok(())
    }

    fn skip_blanks(&mut self) {
        while is_blank_byte(self.byte(0)) {
            self.skip();
        }
    }

    fn scan_version_number(&mut self) -> Scan<u32> {
        let start = self.pos;
        let mut value: u32 = 0;
        while let Some(b) = self.byte(0).filter(u8::is_ascii_digit) {
            if self.pos - start >= 9 {
                return self.err(SyntaxErrorKind::InvalidDirective, self.pos);
            }
            value = value * 10 + u32::from(b - b'0');
            self.skip();
        }
        if self.pos == start {
            return self.err(SyntaxErrorKind::InvalidDirective, self.pos);
        }
        Ok(value)
    }

    fn fetch_document_indicator(&mut self, tok: Tok) -> Scan<()> {
        self.unwind_indent(-1);
        self.remove_simple_key()?;
        self.simple_key_allowed = false;
        let start = self.pos;
        self.skip();
        self.skip();
        self.skip();
        self.push(tok, start, self.pos);
        Ok(())
    }

    fn fetch_flow_collection_start(&mut self, tok: Tok) -> Scan<()> {
        self.save_simple_key()?;
        self.increase_flow_level();
        self.simple_key_allowed = true;
        self.indicator(tok)
    }

    fn fetch_flow_collection_end(&mut self, tok: Tok) -> Scan<()> {
        self.remove_simple_key()?;
        self.decrease_flow_level();
        self.simple_key_allowed = false;
        self.indicator(tok)
    }

    /// Consumes a one-character indicator as the token `tok`.
    fn indicator(&mut self, tok: Tok) -> Scan<()> {
        let start = self.pos;
        self.skip();
        self.push(tok, start, self.pos);
        Ok(())
    }

    fn fetch_flow_entry(&mut self) -> Scan<()> {
        self.remove_simple_key()?;
        self.simple_key_allowed = true;
        self.indicator(Tok::FlowEntry)
    }

    fn fetch_block_entry(&mut self) -> Scan<()> {
        if self.flow_level == 0 {
            if !self.simple_key_allowed {
                return self.err(SyntaxErrorKind::SequenceEntryNotAllowed, self.pos);
            }
            self.roll_indent(self.col, None, Tok::BlockSequenceStart, self.pos);
        }
        self.remove_simple_key()?;
        self.simple_key_allowed = true;
        self.indicator(Tok::BlockEntry)
    }

    fn fetch_key(&mut self) -> Scan<()> {
        if self.flow_level == 0 {
            if !self.simple_key_allowed {
                return self.err(SyntaxErrorKind::ComplexKeyNotAllowed, self.pos);
            }
            self.roll_indent(self.col, None, Tok::BlockMappingStart, self.pos);
        }
        self.remove_simple_key()?;
        self.simple_key_allowed = self.flow_level == 0;
        self.indicator(Tok::Key)
    }

    fn fetch_value(&mut self) -> Scan<()> {
        let key = self.simple_keys.last().copied().unwrap_or_default();
        if key.possible {
            let idx = key
                .token_number
                .saturating_sub(self.tokens_parsed)
                .min(self.tokens.len());
            self.tokens.insert(
                idx,
                Token {
                    tok: Tok::Key,
                    start: key.mark.index,
                    end: key.mark.index,
                },
            );
            self.roll_indent(
                key.mark.col,
                Some(key.token_number),
                Tok::BlockMappingStart,
                key.mark.index,
            );
            if let Some(last) = self.simple_keys.last_mut() {
                last.possible = false;
            }
            self.simple_key_allowed = false;
        } else {
            if self.flow_level == 0 {
                if !self.simple_key_allowed {
                    return self.err(SyntaxErrorKind::MappingValueNotAllowed, self.pos);
                }
                self.roll_indent(self.col, None, Tok::BlockMappingStart, self.pos);
            }
            self.simple_key_allowed = self.flow_level == 0;
        }
        self.indicator(Tok::Value)
    }

    fn fetch_anchor(&mut self, alias: bool) -> Scan<()> {
        self.save_simple_key()?;
        self.simple_key_allowed = false;
        let start = self.pos;
        self.skip();
        let name_start = self.pos;
        while is_alpha(self.byte(0)) {
            self.skip();
        }
        let name = self.src.get(name_start..self.pos).unwrap_or("").to_owned();
        let ends_well = self.is_blankz(0)
            || matches!(
                self.byte(0),
                Some(b'?' | b':' | b',' | b']' | b'}' | b'%' | b'@' | b'`')
            );
        if name.is_empty() {
            return self.err(SyntaxErrorKind::EmptyAnchorName, start);
        }
        if !ends_well {
            let found = self.current_char().unwrap_or(' ');
            return self.err(SyntaxErrorKind::InvalidAnchorChar { found }, self.pos);
        }
        let tok = if alias {
            Tok::Alias(name)
        } else {
            Tok::Anchor(name)
        };
        self.push(tok, start, self.pos);
        Ok(())
    }

    fn fetch_tag(&mut self) -> Scan<()> {
        self.save_simple_key()?;
        self.simple_key_allowed = false;
        let start = self.pos;
        let (handle, suffix) = if self.at(1, b'<') {
            self.skip();
            self.skip();
            let suffix = self.scan_tag_uri(true, None)?;
            if !self.at(0, b'>') {
                return self.err(SyntaxErrorKind::InvalidTag, self.pos);
            }
            self.skip();
            (String::new(), suffix)
        } else {
            let handle = self.scan_tag_handle(false)?;
            if handle.len() > 1 && handle.starts_with('!') && handle.ends_with('!') {
                let suffix = self.scan_tag_uri(false, None)?;
                (handle, suffix)
            } else {
                let suffix = self.scan_tag_uri(false, Some(&handle))?;
                if suffix.is_empty() {
                    (String::new(), "!".to_owned())
                } else {
                    ("!".to_owned(), suffix)
                }
            }
        };
        if !(self.is_blankz(0) || self.flow_level > 0 && self.at(0, b',')) {
            return self.err(SyntaxErrorKind::InvalidTag, self.pos);
        }
        self.push(Tok::Tag { handle, suffix }, start, self.pos);
        Ok(())
    }

    fn scan_tag_handle(&mut self, directive: bool) -> Scan<String> {
        if !self.at(0, b'!') {
            return self.err(SyntaxErrorKind::InvalidTag, self.pos);
        }
        let start = self.pos;
        self.skip();
        while is_alpha(self.byte(0)) {
            self.skip();
        }
        if self.at(0, b'!') {
            self.skip();
        } else if directive && self.pos - start != 1 {
            // In a %TAG directive, a handle other than '!' must end in '!'.
            return self.err(SyntaxErrorKind::InvalidDirective, self.pos);
        }
        Ok(self.src.get(start..self.pos).unwrap_or("").to_owned())
    }

    /// Scans a tag URI, decoding `%XX` escapes. `head` is a handle scanned
    /// earlier that turned out to be part of the URI; its '!' is dropped.
    fn scan_tag_uri(&mut self, verbatim: bool, head: Option<&str>) -> Scan<String> {
        let mut out = String::new();
        let mut bytes: Vec<u8> = Vec::new();
        if let Some(h) = head {
            out.push_str(h.get(1..).unwrap_or(""));
        }
        let flow = self.flow_level > 0 && !verbatim;
        while let Some(b) = self.byte(0).filter(|&b| is_uri_char(b, flow)) {
            if b == b'%' {
                let hex = self.bytes.get(self.pos + 1..self.pos + 3).unwrap_or(&[]);
                let value = std::str::from_utf8(hex)
                    .ok()
                    .filter(|h| h.len() == 2)
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                let Some(v) = value else {
                    return self.err(SyntaxErrorKind::InvalidTag, self.pos);
                };
                bytes.push(v);
                self.skip();
                self.skip();
                self.skip();
            } else {
                if !bytes.is_empty() {
                    match String::from_utf8(std::mem::take(&mut bytes)) {
                        Ok(s) => out.push_str(&s),
                        Err(_) => return self.err(SyntaxErrorKind::InvalidTag, self.pos),
                    }
                }
                out.push(char::from(b));
                self.skip();
            }
        }
        if !bytes.is_empty() {
            match String::from_utf8(bytes) {
                Ok(s) => out.push_str(&s),
                Err(_) => return self.err(SyntaxErrorKind::InvalidTag, self.pos),
            }
        }
        if out.is_empty() && head.is_none() {
            return self.err(SyntaxErrorKind::InvalidTag, self.pos);
        }
        Ok(out)
    }

    fn fetch_block_scalar(&mut self, literal: bool) -> Scan<()> {
        self.remove_simple_key()?;
        self.simple_key_allowed = true;
        self.scan_block_scalar(literal)
    }

    fn scan_block_scalar(&mut self, literal: bool) -> Scan<()> {
        let start = self.pos;
        self.skip();
        let mut chomping: i8 = 0;
        let mut increment: usize = 0;
        if matches!(self.byte(0), Some(b'+' | b'-')) {
            chomping = if self.at(0, b'+') { 1 } else { -1 };
            self.skip();
            if let Some(d) = self.byte(0).filter(u8::is_ascii_digit) {
                if d == b'0' {
                    return self.err(SyntaxErrorKind::ZeroIndentIndicator, self.pos);
                }
                increment = usize::from(d - b'0');
                self.skip();
            }
        } else if let Some(d) = self.byte(0).filter(u8::is_ascii_digit) {
            if d == b'0' {
                return self.err(SyntaxErrorKind::ZeroIndentIndicator, self.pos);
            }
            increment = usize::from(d - b'0');
            self.skip();
            if matches!(self.byte(0), Some(b'+' | b'-')) {
                chomping = if self.at(0, b'+') { 1 } else { -1 };
                self.skip();
            }
        }
        self.finish_line(SyntaxErrorKind::InvalidBlockHeader)?;
        let mut content_end = self
            .pos
            .min(start + 1 + usize::from(chomping != 0) + usize::from(increment > 0));
        let mut indent: usize = 0;
        if increment > 0 {
            indent = if self.indent >= 0 {
                usize::try_from(self.indent).unwrap_or(0) + increment
            } else {
                increment
            };
        }
        let mut value = String::new();
        let mut leading_break = String::new();
        let mut trailing_breaks = String::new();
        self.scan_block_scalar_breaks(&mut indent, &mut trailing_breaks)?;
        let mut leading_blank = false;
        while self.col == indent && !self.is_z(0) {
            let trailing_blank = is_blank_byte(self.byte(0));
            if !literal && leading_break.starts_with('\n') && !leading_blank && !trailing_blank {
                if trailing_breaks.is_empty() {
                    value.push(' ');
                }
                leading_break.clear();
            } else {
                value.push_str(&leading_break);
                leading_break.clear();
            }
            value.push_str(&trailing_breaks);
            trailing_breaks.clear();
            leading_blank = is_blank_byte(self.byte(0));
            let line_start = self.pos;
            while !self.is_breakz(0) {
                self.skip();
            }
            value.push_str(self.src.get(line_start..self.pos).unwrap_or(""));
            content_end = self.pos;
            if self.is_z(0) {
                break;
            }
            self.read_line(&mut leading_break);
            self.scan_block_scalar_breaks(&mut indent, &mut trailing_breaks)?;
        }
        if chomping != -1 {
            value.push_str(&leading_break);
        }
        if chomping == 1 {
            value.push_str(&trailing_breaks);
        }
        let style = if literal {
            ScalarStyle::Literal
        } else {
            ScalarStyle::Folded
        };
        self.push(Tok::Scalar { value, style }, start, content_end);
        Ok(())
    }

    fn scan_block_scalar_breaks(&mut self, indent: &mut usize, breaks: &mut String) -> Scan<()> {
        let mut max_indent: usize = 0;
        loop {
            loop {
                let below = *indent == 0 || self.col < *indent;
                match self.byte(0) {
                    Some(b' ') if below => self.skip(),
                    Some(b'\t') if below => self.expand_tab()?,
                    _ => break,
                }
            }
            max_indent = max_indent.max(self.col);
            if !self.is_break(0) {
                break;
            }
            self.read_line(breaks);
        }
        if *indent == 0 {
            let floor = usize::try_from(self.indent + 1).unwrap_or(0);
            *indent = max_indent.max(floor).max(1);
        }
        Ok(())
    }

    fn fetch_flow_scalar(&mut self, single: bool) -> Scan<()> {
        self.save_simple_key()?;
        self.simple_key_allowed = false;
        self.scan_flow_scalar(single)
    }

    fn scan_flow_scalar(&mut self, single: bool) -> Scan<()> {
        let start = self.pos;
        let quote = if single { b'\'' } else { b'"' };
        self.skip();
        let mut value = String::new();
        let mut leading_break = String::new();
        let mut trailing_breaks = String::new();
        let mut whitespaces = String::new();
        loop {
            if self.col == 0 && (self.is_document_marker(b'-') || self.is_document_marker(b'.')) {
                return self.err(SyntaxErrorKind::DocumentMarkerInScalar, self.pos);
            }
            if self.is_z(0) {
                let open = Span::new(start, start + 1);
                return self.err(SyntaxErrorKind::UnterminatedQuoted { open }, self.pos);
            }
            let mut leading_blanks = false;
            while !self.is_blankz(0) {
                let b = self.byte(0);
                if single && b == Some(b'\'') && self.at(1, b'\'') {
                    value.push('\'');
                    self.skip();
                    self.skip();
                } else if b == Some(quote) {
                    break;
                } else if !single && b == Some(b'\\') && self.is_break(1) {
                    self.skip();
                    self.skip_line();
                    leading_blanks = true;
                    break;
                } else if !single && b == Some(b'\\') {
                    self.scan_escape(&mut value)?;
                } else {
                    // Copy a run of ordinary characters at once.
                    let run_start = self.pos;
                    while let Some(c) = self.byte(0) {
                        if c == quote
                            || c == b'\\'
                            || c == b'\''
                            || c == b' '
                            || c == b'\t'
                            || self.is_breakz(0)
                        {
                            break;
                        }
                        self.skip();
                    }
                    if self.pos == run_start {
                        self.read(&mut value);
                    } else {
                        value.push_str(self.src.get(run_start..self.pos).unwrap_or(""));
                    }
                }
            }
            if self.at(0, quote) {
                break;
            }
            while is_blank_byte(self.byte(0)) || self.is_break(0) {
                if is_blank_byte(self.byte(0)) {
                    if leading_blanks {
                        self.skip();
                    } else {
                        self.read(&mut whitespaces);
                    }
                } else if !leading_blanks {
                    whitespaces.clear();
                    self.read_line(&mut leading_break);
                    leading_blanks = true;
                } else {
                    self.read_line(&mut trailing_breaks);
                }
            }
            if leading_blanks {
                fold_breaks(&mut value, &mut leading_break, &mut trailing_breaks);
            } else {
                value.push_str(&whitespaces);
                whitespaces.clear();
            }
        }
        self.skip();
        let style = if single {
            ScalarStyle::SingleQuoted
        } else {
            ScalarStyle::DoubleQuoted
        };
        self.push(Tok::Scalar { value, style }, start, self.pos);
        Ok(())
    }

    fn scan_escape(&mut self, value: &mut String) -> Scan<()> {
        let at = self.pos;
        let Some(code) = self.byte(1) else {
            let open = Span::new(at, at + 1);
            return self.err(SyntaxErrorKind::UnterminatedQuoted { open }, self.pos + 1);
        };
        let mut hex_len = 0;
        let simple = match code {
            b'0' => Some('\0'),
            b'a' => Some('\u{7}'),
            b'b' => Some('\u{8}'),
            b't' | b'\t' => Some('\t'),
            b'n' => Some('\n'),
            b'v' => Some('\u{B}'),
            b'f' => Some('\u{C}'),
            b'r' => Some('\r'),
            b'e' => Some('\u{1B}'),
            b' ' => Some(' '),
            b'"' => Some('"'),
            b'/' => Some('/'),
            b'\'' => Some('\''),
            b'\\' => Some('\\'),
            b'N' => Some('\u{85}'),
            b'_' => Some('\u{A0}'),
            b'L' => Some('\u{2028}'),
            b'P' => Some('\u{2029}'),
            b'x' => {
                hex_len = 2;
                None
            }
            b'u' => {
                hex_len = 4;
                None
            }
            b'U' => {
                hex_len = 8;
                None
            }
            _ => {
                self.skip();
                let found = self.current_char().map(String::from).unwrap_or_default();
                return Err(SyntaxError::new(
                    SyntaxErrorKind::InvalidEscape {
                        found: format!("\\{found}"),
                    },
                    Span::new(at, self.pos + found.len()),
                ));
            }
        };
        self.skip();
        self.skip();
        if let Some(c) = simple {
            value.push(c);
            return Ok(());
        }
        let digits = self.bytes.get(self.pos..self.pos + hex_len).unwrap_or(&[]);
        let text = std::str::from_utf8(digits).unwrap_or("");
        let parsed = if text.len() == hex_len && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            u32::from_str_radix(text, 16).ok()
        } else {
            None
        };
        let Some(c) = parsed.and_then(char::from_u32) else {
            let end = (self.pos + hex_len).min(self.bytes.len());
            let end = if self.src.is_char_boundary(end) {
                end
            } else {
                self.pos
            };
            return Err(SyntaxError::new(
                SyntaxErrorKind::InvalidEscape {
                    found: self.src.get(at..end).unwrap_or("\\").to_owned(),
                },
                Span::new(at, end),
            ));
        };
        value.push(c);
        for _ in 0..hex_len {
            self.skip();
        }
        Ok(())
    }

    fn fetch_plain_scalar(&mut self) -> Scan<()> {
        self.save_simple_key()?;
        self.simple_key_allowed = false;
        self.scan_plain_scalar()
    }

    fn scan_plain_scalar(&mut self) -> Scan<()> {
        let start = self.pos;
        let mut end = self.pos;
        let indent = self.indent + 1;
        let flow = self.flow_level > 0;
        let mut value = String::new();
        let mut leading_break = String::new();
        let mut trailing_breaks = String::new();
        let mut whitespaces = String::new();
        let mut leading_blanks = false;
        loop {
            if self.col == 0 && (self.is_document_marker(b'-') || self.is_document_marker(b'.')) {
                break;
            }
            if self.at(0, b'#') {
                break;
            }
            let mut first = true;
            while !self.is_blankz(0) {
                let b = self.byte(0);
                if b == Some(b':')
                    && (self.is_blankz(1)
                        || (flow && matches!(self.byte(1), Some(b',' | b'[' | b']' | b'{' | b'}'))))
                {
                    break;
                }
                if flow && matches!(b, Some(b',' | b'[' | b']' | b'{' | b'}')) {
                    break;
                }
                if first && (leading_blanks || !whitespaces.is_empty()) {
                    if leading_blanks {
                        fold_breaks(&mut value, &mut leading_break, &mut trailing_breaks);
                        leading_blanks = false;
                    } else {
                        value.push_str(&whitespaces);
                        whitespaces.clear();
                    }
                }
                first = false;
                // Copy the run of ordinary characters at once: the hot loop.
                let run_start = self.pos;
                self.skip();
                while let Some(c) = self.byte(0) {
                    if c == b' ' || c == b'\t' || c == b'\n' || c == b'\r' || c == b':' || c >= 0x80
                    {
                        break;
                    }
                    if flow && matches!(c, b',' | b'[' | b']' | b'{' | b'}') {
                        break;
                    }
                    self.pos += 1;
                    self.col += 1;
                }
                value.push_str(self.src.get(run_start..self.pos).unwrap_or(""));
                end = self.pos;
            }
            if !(is_blank_byte(self.byte(0)) || self.is_break(0)) {
                break;
            }
            while is_blank_byte(self.byte(0)) || self.is_break(0) {
                if is_blank_byte(self.byte(0)) {
                    if leading_blanks && (self.col as i64) < indent && self.at(0, b'\t') {
                        self.expand_tab()?;
                    } else if leading_blanks {
                        self.skip();
                    } else {
                        self.read(&mut whitespaces);
                    }
                } else if !leading_blanks {
                    whitespaces.clear();
                    self.read_line(&mut leading_break);
                    leading_blanks = true;
                } else {
                    self.read_line(&mut trailing_breaks);
                }
            }
            if !flow && (self.col as i64) < indent {
                break;
            }
        }
        self.push(
            Tok::Scalar {
                value,
                style: ScalarStyle::Plain,
            },
            start,
            end,
        );
        if leading_blanks {
            self.simple_key_allowed = true;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
