//! The YAML parser: tokens to the lossless syntax tree, by libyaml's grammar.
//!
//! The grammar is libyaml's parser state machine written as recursive
//! descent (block and flow collections, indentless sequences under mapping
//! keys, implicit single-pair mappings in flow sequences, properties).
//!
//! Parsing never fails. A scan stops at its first fatal error, as libyaml
//! does; to report every error in one pass, the parser then blanks the rest of
//! the offending line (offsets stay the same) and scans again, up to
//! `MAX_ERRORS` times. The tree returned is the one from the last scan, so it
//! holds everything that could be read. TABs in indentation are handled
//! without blanking: see `yaml::tabs`.

use super::MAX_DEPTH;
use super::scanner::{Scanner, TabStops, Tok, Token};
use super::syntax::{
    Alias, Anchor, Document, Entry, Mapping, Node, NodeKind, Scalar, Sequence, Stream, Tag,
};
use super::tabs;
use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::span::Span;

/// The most errors one parse reports (each costs a rescan).
const MAX_ERRORS: usize = 50;

pub(crate) fn parse(src: &str) -> (Stream, Vec<SyntaxError>) {
    let first = parse_once(src, None);
    if !first.has_tab_error() {
        return recover(src, first, None);
    }
    // The text has TABs where libyaml allows none. Read it with the TAB
    // stops that make the most sense of it, and report every such TAB.
    let stops = tabs::choose_stops(src, |stops| {
        let attempt = parse_once(src, Some(stops));
        attempt.fatal.map_or(0, |_| 1)
    });
    let run = parse_once(src, Some(stops));
    recover(src, run, Some(stops))
}

/// The result of one scan-and-parse.
struct Attempt {
    stream: Stream,
    fatal: Option<SyntaxError>,
    /// TAB and control-character findings, which do not stop the scan.
    soft: Vec<SyntaxError>,
}

impl Attempt {
    fn has_tab_error(&self) -> bool {
        self.fatal.as_ref().is_some_and(|e| {
            matches!(
                e.kind,
                SyntaxErrorKind::TabIndent { .. } | SyntaxErrorKind::TabSeparator
            )
        })
    }
}

/// Rescans with each fatal error's line blanked out until the text parses,
/// collecting every error on the way.
fn recover(src: &str, mut attempt: Attempt, stops: Option<TabStops>) -> (Stream, Vec<SyntaxError>) {
    let mut errors: Vec<SyntaxError> = attempt.soft.clone();
    let mut text: Option<String> = None;
    let mut blanked_whole: Option<usize> = None;
    while let Some(fatal) = attempt.fatal.take() {
        if !errors.iter().any(|e| e == &fatal) {
            errors.push(fatal.clone());
        }
        if errors.len() >= MAX_ERRORS || !is_local(&fatal.kind) {
            break;
        }
        let buf = text.get_or_insert_with(|| src.to_owned());
        let at = fatal.span.start().min(buf.len());
        let line_start = buf
            .get(..at)
            .and_then(|s| s.rfind(['\n', '\r']))
            .map_or(0, |i| i + 1);
        let line_end = buf
            .get(at..)
            .and_then(|s| s.find(['\n', '\r']))
            .map_or(buf.len(), |i| at + i);
        // Blank from the error to the line end; if the same place fails
        // again, the whole line; if that fails too, give up.
        let from = if blanked_whole == Some(line_start) {
            break;
        } else if is_blank(buf, at, line_end) {
            blanked_whole = Some(line_start);
            line_start
        } else {
            at
        };
        if is_blank(buf, from, line_end) {
            break;
        }
        blank(buf, from, line_end);
        attempt = parse_once(buf, stops);
        for e in attempt.soft.drain(..) {
            if !errors.contains(&e) {
                errors.push(e);
            }
        }
    }
    // Spans found in a blanked copy fall on that copy's char boundaries,
    // which can split a character of the original (fuzzer: `!!é`).
    for e in &mut errors {
        e.span = snap(src, e.span);
    }
    errors.sort_by_key(|e| (e.span.start, e.span.end));
    (attempt.stream, errors)
}

/// Whether an error is confined to its token, so that what follows it can
/// still be read in the structure around it. After a structural error (a
/// misplaced token, an unclosed collection or quote) the lines that follow are
/// misread too, and reporting them would only echo the first.
fn is_local(kind: &SyntaxErrorKind) -> bool {
    match kind {
        SyntaxErrorKind::TabIndent { .. }
        | SyntaxErrorKind::TabSeparator
        | SyntaxErrorKind::UnexpectedChar { .. }
        | SyntaxErrorKind::NonPrintable { .. }
        | SyntaxErrorKind::MappingValueNotAllowed
        | SyntaxErrorKind::SequenceEntryNotAllowed
        | SyntaxErrorKind::ComplexKeyNotAllowed
        | SyntaxErrorKind::InvalidEscape { .. }
        | SyntaxErrorKind::InvalidBlockHeader
        | SyntaxErrorKind::ZeroIndentIndicator
        | SyntaxErrorKind::EmptyAnchorName
        | SyntaxErrorKind::InvalidAnchorChar { .. }
        | SyntaxErrorKind::InvalidTag
        | SyntaxErrorKind::InvalidDirective
        | SyntaxErrorKind::UndeclaredTagHandle { .. } => true,
        // Anything else, including kinds added later, ends the report: the
        // safe default is to say less rather than echo.
        _ => false,
    }
}

/// Widens `span` to the char boundaries of `src` around it, within `src`.
fn snap(src: &str, span: Span) -> Span {
    let mut start = span.start().min(src.len());
    while !src.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end().clamp(start, src.len());
    while !src.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}

fn is_blank(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to)
        .is_none_or(|s| s.bytes().all(|b| b == b' '))
}

/// Replaces `from..to` with spaces, keeping every byte offset.
fn blank(text: &mut String, from: usize, to: usize) {
    let Some(part) = text.get(from..to) else {
        return;
    };
    let spaces = " ".repeat(part.len());
    text.replace_range(from..to, &spaces);
}

fn parse_once(src: &str, stops: Option<TabStops>) -> Attempt {
    let mut parser = Parser {
        scanner: Scanner::new(src, stops),
        fatal: None,
        depth: 0,
        tag_handles: Vec::new(),
    };
    let documents = parser.stream();
    let mut soft = std::mem::take(&mut parser.scanner.char_errors);
    soft.append(&mut parser.scanner.tab_errors);
    Attempt {
        stream: Stream {
            documents,
            comments: std::mem::take(&mut parser.scanner.comments),
            bom: src.starts_with('\u{FEFF}'),
        },
        fatal: parser.fatal,
        soft,
    }
}

struct Parser<'a> {
    scanner: Scanner<'a>,
    fatal: Option<SyntaxError>,
    depth: usize,
    tag_handles: Vec<(String, String)>,
}

/// What comes next inside a flow collection.
enum FlowStep {
    /// An entry follows.
    Entry,
    /// The collection closed; its end offset.
    Closed(usize),
    /// An error was reported, or the scan failed before.
    Stop,
}

/// Properties read before a node's content.
#[derive(Default)]
struct Props {
    anchor: Option<Anchor>,
    tag: Option<Tag>,
    start: Option<usize>,
}

impl Parser<'_> {
    fn failed(&self) -> bool {
        self.fatal.is_some()
    }

    fn fail(&mut self, e: SyntaxError) {
        if self.fatal.is_none() {
            self.fatal = Some(e);
        }
    }

    /// The next token's kind and span, or `None` after a fatal error.
    fn peek(&mut self) -> Option<(Tok, usize, usize)> {
        if self.failed() {
            return None;
        }
        match self.scanner.peek() {
            Ok(t) => Some((t.tok.shallow(), t.start, t.end)),
            Err(e) => {
                self.fail(e);
                None
            }
        }
    }

    fn peek_is(&mut self, f: impl Fn(&Tok) -> bool) -> bool {
        if self.failed() {
            return false;
        }
        match self.scanner.peek() {
            Ok(t) => f(&t.tok),
            Err(e) => {
                self.fail(e);
                false
            }
        }
    }

    fn bump(&mut self) -> Option<Token> {
        if self.failed() {
            return None;
        }
        match self.scanner.next_token() {
            Ok(t) => Some(t),
            Err(e) => {
                self.fail(e);
                None
            }
        }
    }

    fn unexpected(&mut self, expected: &'static str) {
        if let Some((tok, start, end)) = self.peek() {
            let kind = SyntaxErrorKind::Unexpected {
                expected,
                found: tok.describe(),
            };
            // Zero-width tokens (block end, stream end) keep a zero-width
            // span: the end of the text has no character to point at.
            self.fail(SyntaxError::new(kind, Span::new(start, end.max(start))));
        }
    }

    /// Inside a flow collection opened at `open`: a missing `,` or closing
    /// bracket, or the end of the text before it.
    fn unclosed(&mut self, close: char, open: usize) {
        if let Some((Tok::StreamEnd, s, _)) = self.peek() {
            let open = Span::new(open, open + 1);
            self.fail(SyntaxError::new(
                SyntaxErrorKind::UnclosedFlow { close, open },
                Span::new(s, s),
            ));
        } else if close == ']' {
            self.unexpected("',' or ']'");
        } else {
            self.unexpected("',' or '}'");
        }
    }

    fn stream(&mut self) -> Vec<Document> {
        let mut documents = Vec::new();
        // STREAM-START
        self.bump();
        let mut first = true;
        loop {
            // Extra document end markers are allowed between documents.
            if !first {
                while self.peek_is(|t| matches!(t, Tok::DocumentEnd)) {
                    self.bump();
                }
            }
            let Some((tok, start, _)) = self.peek() else {
                break;
            };
            if matches!(tok, Tok::StreamEnd) {
                self.bump();
                break;
            }
            // Only the first document may start without `---`.
            let implicit = first
                && !matches!(
                    tok,
                    Tok::VersionDirective | Tok::TagDirective { .. } | Tok::DocumentStart
                );
            first = false;
            self.tag_handles.clear();
            let mut start_marker = None;
            let root = if implicit {
                self.node(true, false)
            } else {
                while let Some((Tok::VersionDirective | Tok::TagDirective { .. }, _, _)) =
                    self.peek()
                {
                    if let Some(Token {
                        tok: Tok::TagDirective { handle, prefix },
                        ..
                    }) = self.bump()
                    {
                        self.tag_handles.push((handle, prefix));
                    }
                }
                match self.peek() {
                    Some((Tok::DocumentStart, s, e)) => {
                        start_marker = Some(Span::new(s, e));
                        self.bump();
                    }
                    Some(_) => {
                        self.unexpected("<document start>");
                        break;
                    }
                    None => break,
                }
                let empty = self.peek_is(|t| {
                    matches!(
                        t,
                        Tok::VersionDirective
                            | Tok::TagDirective { .. }
                            | Tok::DocumentStart
                            | Tok::DocumentEnd
                            | Tok::StreamEnd
                    )
                });
                if empty {
                    Node::empty(start_marker.map_or(start, |s| s.end()))
                } else {
                    self.node(true, false)
                }
            };
            let mut end_marker = None;
            if let Some((Tok::DocumentEnd, s, e)) = self.peek() {
                end_marker = Some(Span::new(s, e));
                self.bump();
            }
            let span_start = start_marker.map_or(root.span.start(), |s| s.start());
            let span_end = end_marker.map_or(root.span.end(), |s| s.end());
            documents.push(Document {
                root,
                span: Span::new(span_start, span_end.max(span_start)),
                start_marker,
                end_marker,
                tag_handles: self.tag_handles.clone(),
            });
            if self.failed() {
                break;
            }
        }
        documents
    }

    fn props(&mut self) -> Props {
        let mut props = Props::default();
        loop {
            match self.peek() {
                Some((Tok::Anchor(_), s, e)) if props.anchor.is_none() => {
                    props.start.get_or_insert(s);
                    if let Some(Token {
                        tok: Tok::Anchor(name),
                        ..
                    }) = self.bump()
                    {
                        props.anchor = Some(Anchor {
                            name,
                            span: Span::new(s, e),
                        });
                    }
                }
                Some((Tok::Tag { .. }, s, e)) if props.tag.is_none() => {
                    props.start.get_or_insert(s);
                    let Some(Token {
                        tok: Tok::Tag { handle, suffix },
                        ..
                    }) = self.bump()
                    else {
                        return props;
                    };
                    let Some(resolved) = self.resolve_tag(&handle, &suffix, s, e) else {
                        return props;
                    };
                    props.tag = Some(Tag {
                        resolved,
                        span: Span::new(s, e),
                    });
                }
                _ => return props,
            }
        }
    }

    fn resolve_tag(&mut self, handle: &str, suffix: &str, s: usize, e: usize) -> Option<String> {
        if handle.is_empty() {
            return Some(suffix.to_owned());
        }
        if let Some((_, prefix)) = self.tag_handles.iter().rev().find(|(h, _)| h == handle) {
            return Some(format!("{prefix}{suffix}"));
        }
        match handle {
            "!" => Some(format!("!{suffix}")),
            "!!" => Some(format!("tag:yaml.org,2002:{suffix}")),
            _ => {
                self.fail(SyntaxError::new(
                    SyntaxErrorKind::UndeclaredTagHandle {
                        handle: handle.to_owned(),
                    },
                    Span::new(s, e),
                ));
                None
            }
        }
    }

    /// A node in block (`block`) or flow context. `indentless` allows a
    /// block sequence without indentation (`key:\n- a`).
    fn node(&mut self, block: bool, indentless: bool) -> Node {
        let here = self.peek().map_or(0, |(_, s, _)| s);
        if self.depth >= MAX_DEPTH {
            self.fail(SyntaxError::new(
                SyntaxErrorKind::TooDeep,
                Span::new(here, here + 1),
            ));
            return Node::empty(here);
        }
        self.depth += 1;
        let node = self.node_inner(block, indentless, here);
        self.depth -= 1;
        node
    }

    fn node_inner(&mut self, block: bool, indentless: bool, here: usize) -> Node {
        if let Some((Tok::Alias(_), s, e)) = self.peek() {
            let name = match self.bump() {
                Some(Token {
                    tok: Tok::Alias(name),
                    ..
                }) => name,
                _ => String::new(),
            };
            return Node {
                span: Span::new(s, e),
                anchor: None,
                tag: None,
                kind: NodeKind::Alias(Alias { name }),
            };
        }
        let props = self.props();
        let Some((tok, s, e)) = self.peek() else {
            return with_props(Node::empty(here), props);
        };
        let node = match tok {
            Tok::BlockEntry if block && indentless => self.indentless_sequence(s),
            Tok::Scalar { style, .. } => {
                let value = match self.bump() {
                    Some(Token {
                        tok: Tok::Scalar { value, .. },
                        ..
                    }) => value,
                    _ => String::new(),
                };
                Node {
                    span: Span::new(s, e),
                    anchor: None,
                    tag: None,
                    kind: NodeKind::Scalar(Scalar { style, value }),
                }
            }
            Tok::FlowSequenceStart => self.flow_sequence(s),
            Tok::FlowMappingStart => self.flow_mapping(s),
            Tok::BlockSequenceStart if block => self.block_sequence(s),
            Tok::BlockMappingStart if block => self.block_mapping(s),
            _ if props.start.is_some() => {
                // Properties with no content: an empty scalar right after them.
                let at = props
                    .tag
                    .as_ref()
                    .map_or(0, |t| t.span.end())
                    .max(props.anchor.as_ref().map_or(0, |a| a.span.end()));
                Node::empty(at)
            }
            _ => {
                self.unexpected("node content");
                Node::empty(here)
            }
        };
        with_props(node, props)
    }

    fn block_sequence(&mut self, start: usize) -> Node {
        self.bump();
        let mut items = Vec::new();
        let mut end = start;
        loop {
            match self.peek() {
                Some((Tok::BlockEntry, s, e)) => {
                    self.bump();
                    end = end.max(e);
                    let item = if self.peek_is(|t| matches!(t, Tok::BlockEntry | Tok::BlockEnd)) {
                        Node::empty(e)
                    } else {
                        self.node(true, false)
                    };
                    end = end.max(item.span.end());
                    let _ = s;
                    items.push(item);
                }
                Some((Tok::BlockEnd, _, _)) => {
                    self.bump();
                    break;
                }
                Some(_) => {
                    self.unexpected("'-'");
                    break;
                }
                None => break,
            }
        }
        let first = items.first().map_or(start, |_| start);
        Node {
            span: Span::new(first, end),
            anchor: None,
            tag: None,
            kind: NodeKind::Sequence(Sequence { flow: false, items }),
        }
    }

    fn indentless_sequence(&mut self, start: usize) -> Node {
        let mut items = Vec::new();
        let mut end = start;
        while let Some((Tok::BlockEntry, _, e)) = self.peek() {
            self.bump();
            end = end.max(e);
            let item = if self
                .peek_is(|t| matches!(t, Tok::BlockEntry | Tok::Key | Tok::Value | Tok::BlockEnd))
            {
                Node::empty(e)
            } else {
                self.node(true, false)
            };
            end = end.max(item.span.end());
            items.push(item);
        }
        Node {
            span: Span::new(start, end),
            anchor: None,
            tag: None,
            kind: NodeKind::Sequence(Sequence { flow: false, items }),
        }
    }

    fn block_mapping(&mut self, start: usize) -> Node {
        self.bump();
        let mut entries = Vec::new();
        let mut end = start;
        loop {
            match self.peek() {
                Some((Tok::Key, _, e)) => {
                    self.bump();
                    let key =
                        if self.peek_is(|t| matches!(t, Tok::Key | Tok::Value | Tok::BlockEnd)) {
                            Node::empty(e)
                        } else {
                            self.node(true, true)
                        };
                    end = end.max(key.span.end());
                    let value = match self.peek() {
                        Some((Tok::Value, _, ve)) => {
                            self.bump();
                            end = end.max(ve);
                            if self.peek_is(|t| matches!(t, Tok::Key | Tok::Value | Tok::BlockEnd))
                            {
                                Node::empty(ve)
                            } else {
                                self.node(true, true)
                            }
                        }
                        _ => Node::empty(key.span.end()),
                    };
                    end = end.max(value.span.end());
                    entries.push(Entry { key, value });
                    if self.failed() {
                        break;
                    }
                }
                Some((Tok::BlockEnd, _, _)) => {
                    self.bump();
                    break;
                }
                Some(_) => {
                    self.unexpected("a mapping key");
                    break;
                }
                None => break,
            }
        }
        Node {
            span: Span::new(start, end),
            anchor: None,
            tag: None,
            kind: NodeKind::Mapping(Mapping {
                flow: false,
                entries,
            }),
        }
    }

    fn flow_sequence(&mut self, start: usize) -> Node {
        self.bump();
        let mut items = Vec::new();
        let mut end = start + 1;
        let mut first = true;
        loop {
            match self.flow_next(']', start, first) {
                FlowStep::Entry => {}
                FlowStep::Closed(e) => {
                    end = e;
                    break;
                }
                FlowStep::Stop => break,
            }
            first = false;
            match self.peek() {
                Some((Tok::Key, ks, ke)) => {
                    // `[a: b]`: a single-pair mapping.
                    self.bump();
                    let key = if self.peek_is(|t| {
                        matches!(t, Tok::Value | Tok::FlowEntry | Tok::FlowSequenceEnd)
                    }) {
                        Node::empty(ke)
                    } else {
                        self.node(false, false)
                    };
                    let value = self.flow_pair_value(&key, |t| {
                        matches!(t, Tok::FlowEntry | Tok::FlowSequenceEnd)
                    });
                    let span = Span::new(ks, value.span.end().max(key.span.end()));
                    items.push(Node {
                        span,
                        anchor: None,
                        tag: None,
                        kind: NodeKind::Mapping(Mapping {
                            flow: true,
                            entries: vec![Entry { key, value }],
                        }),
                    });
                }
                Some(_) => {
                    let item = self.node(false, false);
                    items.push(item);
                }
                None => break,
            }
        }
        Node {
            span: Span::new(start, end),
            anchor: None,
            tag: None,
            kind: NodeKind::Sequence(Sequence { flow: true, items }),
        }
    }

    /// Before each entry of a flow collection opened at `open`: takes the
    /// closing bracket, or the `,` that must separate entries after the first,
    /// or reports what stands instead.
    fn flow_next(&mut self, close: char, open: usize, first: bool) -> FlowStep {
        let closes = |t: &Tok| match close {
            ']' => matches!(t, Tok::FlowSequenceEnd),
            _ => matches!(t, Tok::FlowMappingEnd),
        };
        if let Some((t, _, e)) = self.peek()
            && closes(&t)
        {
            self.bump();
            return FlowStep::Closed(e);
        }
        if self.failed() {
            return FlowStep::Stop;
        }
        if !first {
            if let Some((Tok::FlowEntry, _, _)) = self.peek() {
                self.bump();
            } else {
                self.unclosed(close, open);
                return FlowStep::Stop;
            }
            if let Some((t, _, e)) = self.peek()
                && closes(&t)
            {
                self.bump();
                return FlowStep::Closed(e);
            }
        }
        if let Some((Tok::StreamEnd, _, _)) = self.peek() {
            self.unclosed(close, open);
            return FlowStep::Stop;
        }
        FlowStep::Entry
    }

    /// After a flow key: `: value`, `:` alone, or nothing.
    fn flow_pair_value(&mut self, key: &Node, ends: impl Fn(&Tok) -> bool) -> Node {
        match self.peek() {
            Some((Tok::Value, _, ve)) => {
                self.bump();
                if self.peek_is(&ends) {
                    Node::empty(ve)
                } else {
                    self.node(false, false)
                }
            }
            _ => Node::empty(key.span.end()),
        }
    }

    fn flow_mapping(&mut self, start: usize) -> Node {
        self.bump();
        let mut entries = Vec::new();
        let mut end = start + 1;
        let mut first = true;
        loop {
            match self.flow_next('}', start, first) {
                FlowStep::Entry => {}
                FlowStep::Closed(e) => {
                    end = e;
                    break;
                }
                FlowStep::Stop => break,
            }
            first = false;
            match self.peek() {
                Some((Tok::Key, _, ke)) => {
                    self.bump();
                    let key = if self
                        .peek_is(|t| matches!(t, Tok::Value | Tok::FlowEntry | Tok::FlowMappingEnd))
                    {
                        Node::empty(ke)
                    } else {
                        self.node(false, false)
                    };
                    let value = self.flow_pair_value(&key, |t| {
                        matches!(t, Tok::FlowEntry | Tok::FlowMappingEnd)
                    });
                    entries.push(Entry { key, value });
                }
                Some(_) => {
                    // `{a, b}`: a key with an empty value.
                    let key = self.node(false, false);
                    let value = Node::empty(key.span.end());
                    entries.push(Entry { key, value });
                }
                None => break,
            }
        }
        Node {
            span: Span::new(start, end),
            anchor: None,
            tag: None,
            kind: NodeKind::Mapping(Mapping {
                flow: true,
                entries,
            }),
        }
    }
}

fn with_props(mut node: Node, props: Props) -> Node {
    if let Some(start) = props.start {
        let end = node.span.end().max(start);
        node.span = Span::new(start, end);
    }
    node.anchor = props.anchor;
    node.tag = props.tag;
    node
}

#[cfg(test)]
mod tests;
