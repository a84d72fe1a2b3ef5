//! `hotc fmt` for YAML: rewrites a file in one canonical layout without
//! changing what it means (the layout is specified in docs/fmt.md).
//!
//! The formatter walks the lossless syntax tree and writes every node again
//! from its source text. Scalars keep their style and their exact raw text
//! (only the indentation of continuation lines and of block scalar content
//! changes); anchors, aliases, tags, explicit `?` keys, document markers and
//! every comment are kept. What changes is whitespace: indentation, the space
//! after `:` and `-`, blank lines, trailing spaces, and the spacing and line
//! layout of flow collections.
//!
//! The guarantee: for a file that parses without syntax errors, the output
//! parses to the same documents with the same values and the same comments
//! in the same order, and formatting the output again changes nothing. The
//! first half is checked on every call: the output is parsed again and
//! compared with the input, and when anything differs the file is refused
//! rather than changed. JSON files (what Heat's loader reads as JSON) and
//! files with syntax errors are refused too.

use super::scanner::{Scanner, Tok};
use super::syntax::{Document, Entry, Mapping, Node, NodeKind, Scalar, ScalarStyle, Stream};
use crate::error::SyntaxError;
use crate::span::Span;
use crate::value::{Value, ValueKind, build};
use crate::{Flavor, json};

/// Flow collections that do not fit in this many columns are written one
/// entry per line.
const WIDTH: usize = 80;
/// Each nesting level indents by this many spaces.
const INDENT: usize = 2;

/// Why a file was not formatted. The file is then left exactly as it is.
#[derive(Debug, Clone, PartialEq)]
pub enum FormatError {
    /// Heat's loader reads the file as JSON; `fmt` leaves JSON alone.
    Json,
    /// The file has syntax errors (warnings such as a duplicate key do not
    /// count): there is no sure tree to lay out.
    Syntax(Vec<SyntaxError>),
    /// The file holds something the formatter does not lay out.
    Unsupported { what: Unsupported, span: Span },
    /// The formatted text would not read back as the same documents, values
    /// and comments. This is a formatter bug; the check keeps it harmless.
    Unstable { what: Mismatch, span: Span },
}

/// What the formatter does not lay out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsupported {
    /// A NEL, LS or PS character: YAML reads them as line breaks, which the
    /// formatter does not re-indent around.
    LineBreak,
    /// A block scalar with a line indented less than its content.
    BlockScalarIndent,
    /// A key that cannot be written on one line, as an implicit key must be.
    MultiLineKey,
    /// The formatted text would be valid JSON, which Heat reads by JSON's
    /// rules rather than YAML's.
    BecomesJson,
    /// A shape of tree the parser does not build from valid input.
    Construct,
}

/// Which part of the self-check failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mismatch {
    /// The output does not parse.
    Syntax,
    /// The output holds a different number of documents.
    Documents,
    /// A value differs; the span is the value in the input.
    Value,
    /// The comments differ; the span is the first differing comment.
    Comments,
}

/// Formats a YAML file. See the module documentation for the guarantee.
pub fn format(src: &str) -> Result<String, FormatError> {
    let parsed = crate::parse(src);
    if parsed.flavor == Flavor::Json {
        return Err(FormatError::Json);
    }
    let errors: Vec<SyntaxError> = parsed
        .errors
        .into_iter()
        .filter(|e| !e.kind.is_warning())
        .collect();
    if !errors.is_empty() {
        return Err(FormatError::Syntax(errors));
    }
    if let Some(at) = src.find(['\u{85}', '\u{2028}', '\u{2029}']) {
        let len = src
            .get(at..)
            .and_then(|s| s.chars().next())
            .map_or(1, char::len_utf8);
        return Err(unsupported(Unsupported::LineBreak, Span::new(at, at + len)));
    }
    let tokens = Tokens::scan(src).map_err(|e| FormatError::Syntax(vec![e]))?;
    let mut formatter = Formatter {
        src,
        bom: parsed.stream.bom,
        tokens: &tokens,
        comments: &parsed.stream.comments,
        next_comment: 0,
        out: Out::default(),
        last_end: 0,
        unterminated: false,
    };
    formatter.stream(&parsed.stream.documents)?;
    let mut out = formatter.finish();
    if uses_crlf(src) {
        out = out.replace('\n', "\r\n");
    }
    verify(src, &parsed.stream, &out)?;
    Ok(out)
}

fn unsupported(what: Unsupported, span: Span) -> FormatError {
    FormatError::Unsupported { what, span }
}

/// Whether the file's first line break is CRLF: the output keeps it.
fn uses_crlf(src: &str) -> bool {
    src.find('\n')
        .is_some_and(|i| i > 0 && src.as_bytes().get(i - 1) == Some(&b'\r'))
}

/// Where the indicator tokens are. The syntax tree keeps node spans but not
/// the `-`, `?`, `:` and `...` between them, nor whether a key was written
/// with `?`; a second scan of the (error-free) text finds them.
#[derive(Debug, Default)]
struct Tokens {
    /// Every token's start (for "what comes next").
    starts: Vec<usize>,
    /// Zero-width key tokens: where implicit (simple) keys start.
    implicit_keys: Vec<usize>,
    /// `?` indicators.
    explicit_keys: Vec<usize>,
    /// `:` indicators.
    values: Vec<usize>,
    /// `-` indicators.
    dashes: Vec<usize>,
    /// `%YAML` and `%TAG` directives, without their comments.
    directives: Vec<Span>,
    /// `...` markers, including extra ones the tree does not record.
    doc_ends: Vec<Span>,
}

impl Tokens {
    fn scan(src: &str) -> Result<Tokens, SyntaxError> {
        let mut scanner = Scanner::new(src, None);
        let mut t = Tokens::default();
        loop {
            let token = scanner.next_token()?;
            let (start, end) = (token.start, token.end);
            match token.tok {
                Tok::StreamStart => continue,
                Tok::StreamEnd => {
                    t.starts.push(start);
                    break;
                }
                Tok::Key if end == start => t.implicit_keys.push(start),
                Tok::Key => t.explicit_keys.push(start),
                Tok::Value => t.values.push(start),
                Tok::BlockEntry => t.dashes.push(start),
                Tok::VersionDirective | Tok::TagDirective { .. } => {
                    t.directives.push(Span::new(start, end));
                }
                Tok::DocumentEnd => t.doc_ends.push(Span::new(start, end)),
                Tok::DocumentStart
                | Tok::BlockSequenceStart
                | Tok::BlockMappingStart
                | Tok::BlockEnd
                | Tok::FlowSequenceStart
                | Tok::FlowSequenceEnd
                | Tok::FlowMappingStart
                | Tok::FlowMappingEnd
                | Tok::FlowEntry
                | Tok::Alias(_)
                | Tok::Anchor(_)
                | Tok::Tag { .. }
                | Tok::Scalar { .. } => {}
            }
            t.starts.push(start);
        }
        // Zero-width tokens are inserted where their simple key started; the
        // queue keeps source order, but sorting costs little and makes the
        // binary searches below safe whatever the order.
        for v in [
            &mut t.starts,
            &mut t.implicit_keys,
            &mut t.explicit_keys,
            &mut t.values,
            &mut t.dashes,
        ] {
            v.sort_unstable();
        }
        Ok(t)
    }

    /// The start of the first token at or after `pos`.
    fn next_start(&self, pos: usize) -> usize {
        let i = self.starts.partition_point(|&s| s < pos);
        self.starts.get(i).copied().unwrap_or(usize::MAX)
    }

    /// The last `-` before `pos`.
    fn dash_before(&self, pos: usize) -> Option<usize> {
        let i = self.dashes.partition_point(|&s| s < pos);
        i.checked_sub(1).and_then(|i| self.dashes.get(i)).copied()
    }

    /// The `?` in `from..to`, if any.
    fn explicit_in(&self, from: usize, to: usize) -> Option<usize> {
        let i = self.explicit_keys.partition_point(|&s| s < to);
        i.checked_sub(1)
            .and_then(|i| self.explicit_keys.get(i))
            .copied()
            .filter(|&s| s >= from)
    }

    /// The first `:` at or after `pos`.
    fn value_from(&self, pos: usize) -> Option<usize> {
        let i = self.values.partition_point(|&s| s < pos);
        self.values.get(i).copied()
    }

    fn is_implicit_key(&self, pos: usize) -> bool {
        self.implicit_keys.binary_search(&pos).is_ok()
    }
}

/// The output being written, line by line.
#[derive(Debug, Default)]
struct Out {
    buf: String,
    /// Where the current line starts in `buf`.
    line_start: usize,
    /// The current line has text beyond its indentation.
    has_text: bool,
    /// A line was begun at this indentation but has no text yet.
    pending: Option<usize>,
    /// A comment ends the current line: nothing more may go on it.
    closed: bool,
    /// Just after an opener (`key:`, `-`, `[`, `---`...) or at the start:
    /// no blank line may come next.
    at_open: bool,
    /// Trailing spaces before this offset are content (block scalar lines,
    /// an escaped space in a double-quoted line) and must not be trimmed.
    keep: usize,
}

impl Out {
    /// Ends the current line, if it has text, without its trailing spaces.
    fn end_line(&mut self) {
        if self.has_text {
            let floor = self.line_start.max(self.keep);
            let trailing = self
                .buf
                .get(floor..)
                .map_or(0, |t| t.len() - t.trim_end_matches([' ', '\t']).len());
            self.buf.truncate(self.buf.len() - trailing);
            self.buf.push('\n');
            self.line_start = self.buf.len();
            self.has_text = false;
            self.closed = false;
        }
        self.pending = None;
    }

    /// Begins a new line indented to `col` (written with its first text).
    fn line(&mut self, col: usize) {
        self.end_line();
        self.pending = Some(col);
    }

    /// One blank line before the next line, unless there is one already or
    /// nothing has been written.
    fn blank(&mut self) {
        self.end_line();
        if self.buf.ends_with('\n') && !self.buf.ends_with("\n\n") {
            self.buf.push('\n');
            self.line_start = self.buf.len();
        }
    }

    /// An empty line that is part of a scalar: always written.
    fn empty_line(&mut self) {
        self.end_line();
        self.buf.push('\n');
        self.line_start = self.buf.len();
    }

    fn text(&mut self, s: &str) {
        if let Some(col) = self.pending.take() {
            self.buf.extend(std::iter::repeat_n(' ', col));
        }
        self.buf.push_str(s);
        self.has_text = true;
        self.at_open = false;
    }

    /// Text whose trailing spaces are content.
    fn kept(&mut self, s: &str) {
        self.text(s);
        self.keep = self.buf.len();
    }

    /// An indicator after which no blank line may come.
    fn opener(&mut self, s: &str) {
        self.text(s);
        self.at_open = true;
    }

    /// Whether more text can follow on the current line.
    fn line_open(&self) -> bool {
        self.has_text && !self.closed && self.pending.is_none()
    }

    /// The column the next text goes to.
    fn col(&self) -> usize {
        match self.pending {
            Some(col) => col,
            None => self
                .buf
                .get(self.line_start..)
                .map_or(0, |l| l.chars().count()),
        }
    }
}

/// Where a node sits in block context.
#[derive(Debug, Clone, Copy)]
struct Ctx {
    /// The output column of the innermost block collection (libyaml's
    /// indent), -1 at the root.
    ind: i64,
    /// The same in the source.
    src_ind: i64,
    /// The node follows `-`, `?` or the `:` of an explicit key, where a
    /// block collection may start on the indicator's line.
    compact: bool,
}

/// A node's anchor and tag, as written, joined by one space.
struct Props {
    text: String,
    span: Span,
}

struct Formatter<'a> {
    src: &'a str,
    bom: bool,
    tokens: &'a Tokens,
    comments: &'a [Span],
    /// The first comment not yet written.
    next_comment: usize,
    out: Out,
    /// The end of the last source text written: a comment with no line
    /// break between it and this point is a trailing comment.
    last_end: usize,
    /// The output ends with a block scalar whose value has no final line
    /// break, which a final newline would add.
    unterminated: bool,
}

impl Formatter<'_> {
    fn finish(mut self) -> String {
        if !self.unterminated {
            self.out.end_line();
        }
        self.out.buf
    }

    fn stream(&mut self, documents: &[Document]) -> Result<(), FormatError> {
        if self.bom {
            self.out.buf.push('\u{FEFF}');
            self.out.line_start = self.out.buf.len();
        }
        self.out.at_open = true;
        for (i, doc) in documents.iter().enumerate() {
            self.document(doc)?;
            let next = documents.get(i + 1).map_or(usize::MAX, |d| d.span.start());
            let ends: Vec<Span> = self
                .tokens
                .doc_ends
                .iter()
                .filter(|e| e.start() >= self.last_end && e.start() < next)
                .copied()
                .collect();
            for end in ends {
                self.comments_before(end.start(), 0);
                self.begin_line(end.start(), 0);
                self.out.text("...");
                self.last_end = end.end();
            }
        }
        self.comments_before(usize::MAX, 0);
        Ok(())
    }

    fn document(&mut self, doc: &Document) -> Result<(), FormatError> {
        let begin = doc.start_marker.map_or(doc.root.span.start(), Span::start);
        let directives: Vec<Span> = self
            .tokens
            .directives
            .iter()
            .filter(|d| d.start() >= self.last_end && d.start() < begin)
            .copied()
            .collect();
        for d in directives {
            self.comments_before(d.start(), 0);
            self.begin_line(d.start(), 0);
            self.out.text(d.text(self.src).trim_end());
            self.last_end = d.end();
        }
        if let Some(marker) = doc.start_marker {
            self.comments_before(marker.start(), 0);
            self.begin_line(marker.start(), 0);
            self.out.opener("---");
            self.last_end = marker.end();
        }
        let root = Ctx {
            ind: -1,
            src_ind: -1,
            compact: false,
        };
        self.block_node(&doc.root, root)
    }

    // ---- Comments and blank lines -----------------------------------------

    /// Writes every comment that starts before `pos`: after the text on the
    /// current line when it followed source text on its line, otherwise on
    /// a line of its own at `col`.
    fn comments_before(&mut self, pos: usize, col: usize) {
        while let Some(&c) = self.comments.get(self.next_comment) {
            if c.start() >= pos {
                break;
            }
            if self.is_trailing(c) {
                self.trailing(c);
            } else {
                self.own_line(c, col);
            }
            self.next_comment += 1;
        }
    }

    fn is_trailing(&self, c: Span) -> bool {
        let from = self.last_end.min(c.start());
        self.out.line_open()
            && !self
                .src
                .get(from..c.start())
                .is_some_and(|s| s.contains(['\n', '\r']))
    }

    fn trailing(&mut self, c: Span) {
        let at_open = self.out.at_open;
        let text = comment_text(self.src, c);
        self.out.text(" ");
        self.out.text(text);
        self.out.closed = true;
        // A comment after `key:` does not end the opening: the nested block
        // still starts without a blank line.
        self.out.at_open = at_open;
        self.last_end = c.end();
    }

    fn own_line(&mut self, c: Span, col: usize) {
        self.begin_line(c.start(), col);
        let text = comment_text(self.src, c);
        self.out.text(text);
        self.out.closed = true;
        self.last_end = c.end();
    }

    /// Begins a line at `col` for source text at `pos`, after one blank line
    /// when the source has at least one between the last text and `pos`.
    fn begin_line(&mut self, pos: usize, col: usize) {
        let from = self.last_end.min(pos);
        if !self.out.at_open && has_blank_line(self.src.get(from..pos).unwrap_or("")) {
            self.out.blank();
        }
        self.out.line(col);
    }

    /// Prepares for inline content: a space after the text on the line, or
    /// a new line at `col` when the line is closed by a comment.
    fn inline_start(&mut self, col: usize) {
        if self.out.line_open() {
            self.out.text(" ");
        } else if self.out.pending.is_none() {
            self.out.line(col);
        }
    }

    /// Writes the comments after the last entry of a block collection that
    /// belong to it: trailing ones, and own-line ones indented at least as
    /// far as its entries (`claim`), at the collection's column `col`.
    fn close_block(&mut self, end: usize, claim: usize, col: usize) {
        let limit = self.tokens.next_start(end);
        while let Some(&c) = self.comments.get(self.next_comment) {
            if c.start() >= limit {
                break;
            }
            if self.is_trailing(c) {
                self.trailing(c);
            } else if self.src_col(c.start()) >= claim {
                self.own_line(c, col);
            } else {
                break;
            }
            self.next_comment += 1;
        }
    }

    /// The column of `pos` in the source, in characters (a BOM does not
    /// count, as in the scanner).
    fn src_col(&self, pos: usize) -> usize {
        let before = self.src.get(..pos).unwrap_or("");
        let line_start = before.rfind(['\n', '\r']).map_or_else(
            || if self.bom { '\u{FEFF}'.len_utf8() } else { 0 },
            |i| i + 1,
        );
        before.get(line_start..).map_or(0, |l| l.chars().count())
    }

    fn has_comment_in(&self, from: usize, to: usize) -> bool {
        let i = self.comments.partition_point(|c| c.start() < from);
        self.comments.get(i).is_some_and(|c| c.start() < to)
    }

    // ---- Nodes in block context --------------------------------------------

    fn props(&self, node: &Node) -> Option<Props> {
        let mut parts: Vec<Span> = node
            .anchor
            .iter()
            .map(|a| a.span)
            .chain(node.tag.iter().map(|t| t.span))
            .collect();
        parts.sort_by_key(|s| s.start);
        let first = parts.first().copied()?;
        let span = parts.iter().fold(first, |acc, s| acc.cover(*s));
        let text = parts
            .iter()
            .map(|s| s.text(self.src))
            .collect::<Vec<_>>()
            .join(" ");
        Some(Props { text, span })
    }

    /// Where a node's content starts: after its properties (and any space or
    /// comment between), or at the node's end when it has no content.
    fn content_start(&self, node: &Node, props: Option<&Props>) -> usize {
        match props {
            None => node.span.start(),
            Some(p) => self.tokens.next_start(p.span.end()).min(node.span.end()),
        }
    }

    fn block_node(&mut self, node: &Node, ctx: Ctx) -> Result<(), FormatError> {
        let child = usize::try_from(ctx.ind).map_or(0, |ind| ind + INDENT);
        let props = self.props(node);
        if props.is_none() && node.span.is_empty() {
            // An empty value (`key:` or `-` alone).
            return Ok(());
        }
        if let Some(p) = &props {
            self.comments_before(p.span.start(), child);
            self.inline_start(child);
            self.out.text(&p.text);
            self.last_end = self.last_end.max(p.span.end());
        }
        match &node.kind {
            NodeKind::Mapping(m) if !m.flow => {
                let inline = ctx.compact && props.is_none();
                self.block_mapping(node, m, child, inline)
            }
            NodeKind::Sequence(s) if !s.flow => {
                let inline = ctx.compact && props.is_none();
                self.block_sequence(node, &s.items, child, ctx, inline)
            }
            NodeKind::Mapping(_) | NodeKind::Sequence(_) => {
                let start = self.content_start(node, props.as_ref());
                self.comments_before(start, child);
                let at_line_start = !self.out.line_open();
                self.inline_start(child);
                // Entries of a multi-line flow collection are indented from
                // the key's column (`key: [` ... `]`), or from where the
                // collection starts after `-` or on a line of its own.
                let base = if ctx.compact || at_line_start {
                    child
                } else {
                    usize::try_from(ctx.ind).unwrap_or(0)
                };
                self.flow_collection(node, start, base, 0)
            }
            NodeKind::Scalar(s) => {
                let start = self.content_start(node, props.as_ref());
                if start >= node.span.end() {
                    // Properties on an empty value (`key: !!null`).
                    return Ok(());
                }
                self.comments_before(start, child);
                self.inline_start(child);
                // Continuation lines go past the block's indentation; at the
                // root, past column 0, where `---` would end the document.
                let cont = child.max(INDENT);
                self.scalar(node, s, start, cont, ctx)
            }
            NodeKind::Alias(_) => {
                self.comments_before(node.span.start(), child);
                self.inline_start(child);
                self.out.text(node.span.text(self.src));
                self.last_end = node.span.end();
                Ok(())
            }
        }
    }

    /// Whether a block mapping entry's key was written with `?`.
    fn explicit_block_key(&self, key: &Node) -> bool {
        match &key.kind {
            // Only an explicit key can be a block collection.
            NodeKind::Mapping(m) if !m.flow => true,
            NodeKind::Sequence(s) if !s.flow => true,
            NodeKind::Mapping(_)
            | NodeKind::Sequence(_)
            | NodeKind::Scalar(_)
            | NodeKind::Alias(_) => !self.tokens.is_implicit_key(key.span.start()),
        }
    }

    /// The `:` of an entry, if it has one.
    fn value_indicator(&self, e: &Entry) -> Option<usize> {
        self.tokens
            .value_from(e.key.span.end())
            .filter(|&v| v < e.value.span.start())
    }

    fn block_mapping(
        &mut self,
        node: &Node,
        m: &Mapping,
        col: usize,
        inline: bool,
    ) -> Result<(), FormatError> {
        let Some(first) = m.entries.first() else {
            return Err(unsupported(Unsupported::Construct, node.span));
        };
        let entry_start = |f: &Self, e: &Entry| {
            if f.explicit_block_key(&e.key) {
                f.tokens
                    .explicit_in(0, e.key.span.start())
                    .unwrap_or(e.key.span.start())
            } else {
                e.key.span.start()
            }
        };
        let src_col = self.src_col(entry_start(self, first));
        let ctx = Ctx {
            ind: i64::try_from(col).unwrap_or(i64::MAX),
            src_ind: i64::try_from(src_col).unwrap_or(i64::MAX),
            compact: true,
        };
        for (i, e) in m.entries.iter().enumerate() {
            let explicit = self.explicit_block_key(&e.key);
            let start = entry_start(self, e);
            self.comments_before(start, col);
            if i == 0 && inline && self.out.line_open() {
                self.out.text(" ");
            } else {
                self.begin_line(start, col);
            }
            let colon = self.value_indicator(e);
            if explicit {
                self.out.opener("?");
                self.last_end = start + 1;
                self.block_node(&e.key, ctx)?;
                if let Some(v) = colon {
                    self.comments_before(v, col);
                    self.begin_line(v, col);
                    self.out.opener(":");
                    self.last_end = v + 1;
                    self.block_node(&e.value, ctx)?;
                }
            } else {
                let key = self
                    .inline_text(&e.key)
                    .ok_or(unsupported(Unsupported::MultiLineKey, e.key.span))?;
                self.out.text(&key);
                self.last_end = e.key.span.end();
                let Some(v) = colon else {
                    return Err(unsupported(Unsupported::Construct, e.key.span));
                };
                self.out.opener(colon_after(&e.key));
                self.last_end = v + 1;
                self.block_node(
                    &e.value,
                    Ctx {
                        compact: false,
                        ..ctx
                    },
                )?;
            }
        }
        self.close_block(node.span.end(), src_col, col);
        Ok(())
    }

    fn block_sequence(
        &mut self,
        node: &Node,
        items: &[Node],
        col: usize,
        parent: Ctx,
        inline: bool,
    ) -> Result<(), FormatError> {
        let dash_of = |f: &Self, item: &Node| f.tokens.dash_before(item.span.start());
        let Some(first_dash) = items.first().and_then(|first| dash_of(self, first)) else {
            return Err(unsupported(Unsupported::Construct, node.span));
        };
        let src_col = self.src_col(first_dash);
        // An indentless sequence (`key:` then `- a` at the key's column)
        // does not claim comments at that column: they belong to the mapping.
        let indentless = !parent.compact && i64::try_from(src_col).ok() == Some(parent.src_ind);
        let claim = src_col + usize::from(indentless);
        let ctx = Ctx {
            ind: i64::try_from(col).unwrap_or(i64::MAX),
            src_ind: i64::try_from(src_col).unwrap_or(i64::MAX),
            compact: true,
        };
        for (i, item) in items.iter().enumerate() {
            let Some(dash) = dash_of(self, item) else {
                return Err(unsupported(Unsupported::Construct, item.span));
            };
            self.comments_before(dash, col);
            if i == 0 && inline && self.out.line_open() {
                self.out.text(" ");
            } else {
                self.begin_line(dash, col);
            }
            self.out.opener("-");
            self.last_end = dash + 1;
            self.block_node(item, ctx)?;
        }
        self.close_block(node.span.end(), claim, col);
        Ok(())
    }

    // ---- Scalars -----------------------------------------------------------

    /// Writes a scalar from its raw text. A multi-line plain or quoted scalar
    /// keeps its lines, each continuation line indented to `cont`: leading
    /// and trailing white space of those lines is folded away by YAML, so
    /// the value stays the same.
    fn scalar(
        &mut self,
        node: &Node,
        s: &Scalar,
        start: usize,
        cont: usize,
        ctx: Ctx,
    ) -> Result<(), FormatError> {
        let end = node.span.end();
        match s.style {
            ScalarStyle::Literal | ScalarStyle::Folded => {
                return self.block_scalar(start, end, ctx);
            }
            ScalarStyle::Plain | ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {}
        }
        let double = s.style == ScalarStyle::DoubleQuoted;
        let raw = self.src.get(start..end).unwrap_or("");
        let mut lines = split_lines(raw).into_iter();
        if let Some(first) = lines.next() {
            self.out.kept(trim_line_end(first, double));
        }
        for line in lines {
            let text = trim_line_end(line.trim_start_matches([' ', '\t']), double);
            if text.is_empty() {
                self.out.empty_line();
            } else {
                self.out.line(cont);
                self.out.kept(text);
            }
        }
        self.last_end = end;
        Ok(())
    }

    /// Writes a block scalar: its header as written, and its content lines
    /// re-indented. Without an indentation indicator the content goes two
    /// columns past the block's indentation; with one, it goes where the
    /// indicator puts it, so each line keeps the spaces that are content.
    fn block_scalar(&mut self, start: usize, end: usize, ctx: Ctx) -> Result<(), FormatError> {
        let src = self.src;
        let span = Span::new(start, end);
        let raw = src.get(start..end).unwrap_or("");
        let header_len = 1 + raw
            .bytes()
            .skip(1)
            .take(2)
            .take_while(|b| matches!(b, b'+' | b'-' | b'1'..=b'9'))
            .count();
        let header = raw.get(..header_len).unwrap_or(raw);
        let digit = header
            .bytes()
            .find(u8::is_ascii_digit)
            .map(|d| usize::from(d - b'0'));
        self.out.text(header);
        self.last_end = start + header_len;
        let header_end = line_end(src, start);
        self.comments_before(header_end, 0);

        let body_start = skip_break(src, header_end);
        let body = if body_start < end {
            src.get(body_start..end).unwrap_or("")
        } else {
            ""
        };
        let lines = if body.is_empty() {
            Vec::new()
        } else {
            split_lines(body)
        };
        let at = |ind: i64, extra: usize| usize::try_from(ind).map_or(extra, |ind| ind + extra);
        // The content indentation in the source, found as the scanner finds
        // it, and in the output.
        let (src_n, n) = match digit {
            Some(d) => (at(ctx.src_ind, d), at(ctx.ind, d)),
            None => {
                let mut detected = 0;
                for line in &lines {
                    detected = detected.max(leading_spaces(line));
                    if !line.bytes().all(|b| b == b' ') {
                        break;
                    }
                }
                let floor = usize::try_from(ctx.src_ind + 1).unwrap_or(0);
                (detected.max(floor).max(1), at(ctx.ind, INDENT).max(INDENT))
            }
        };
        for line in &lines {
            let spaces = leading_spaces(line);
            if spaces == line.len() && spaces <= src_n {
                // A line with no content beyond the indentation is a line
                // break of the value, however many spaces it had.
                self.out.empty_line();
                continue;
            }
            if spaces < src_n {
                return Err(unsupported(Unsupported::BlockScalarIndent, span));
            }
            self.out.line(n);
            self.out.kept(line.get(src_n..).unwrap_or(""));
        }
        let (breaks, after) = trailing_breaks(src, end);
        if header.contains('+') {
            // Keep chomping: the empty lines after the content are content.
            for _ in 1..breaks {
                self.out.empty_line();
            }
            self.last_end = after;
        } else {
            self.last_end = self.last_end.max(end);
        }
        // Without a line break after the last content line, the value has no
        // final line break; one added at the end of the file would change it
        // (unless the header strips it anyway).
        self.unterminated = breaks == 0 && !lines.is_empty() && !header.contains('-');
        Ok(())
    }

    // ---- Flow collections --------------------------------------------------

    /// Whether a flow mapping is the single `key: value` pair of a flow
    /// sequence entry (`[a: b]`), written without braces.
    fn is_pair(&self, node: &Node) -> bool {
        match &node.kind {
            NodeKind::Mapping(m) if m.flow && node.anchor.is_none() && node.tag.is_none() => {
                let opens = self.src.as_bytes().get(node.span.start()) == Some(&b'{');
                m.entries.len() == 1
                    && (!opens
                        || m.entries
                            .first()
                            .is_some_and(|e| e.key.span.start() == node.span.start()))
            }
            NodeKind::Mapping(_)
            | NodeKind::Sequence(_)
            | NodeKind::Scalar(_)
            | NodeKind::Alias(_) => false,
        }
    }

    /// The node (properties and content) on one line, or `None` when it
    /// cannot be: a block collection or block scalar, a multi-line scalar.
    fn inline_text(&self, node: &Node) -> Option<String> {
        let mut s = String::new();
        self.write_inline(node, &mut s)?;
        Some(s)
    }

    fn write_inline(&self, node: &Node, s: &mut String) -> Option<()> {
        let props = self.props(node);
        let start = self.content_start(node, props.as_ref());
        if let Some(p) = &props {
            s.push_str(&p.text);
            if start < node.span.end() {
                s.push(' ');
            } else {
                return Some(());
            }
        }
        self.write_content(node, start, s)
    }

    fn write_content(&self, node: &Node, start: usize, s: &mut String) -> Option<()> {
        match &node.kind {
            NodeKind::Scalar(scalar) => match scalar.style {
                ScalarStyle::Literal | ScalarStyle::Folded => return None,
                ScalarStyle::Plain | ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                    let raw = self.src.get(start..node.span.end())?;
                    if raw.contains(['\n', '\r']) {
                        return None;
                    }
                    s.push_str(raw);
                }
            },
            NodeKind::Alias(_) => s.push_str(node.span.text(self.src)),
            NodeKind::Sequence(seq) if seq.flow => {
                s.push('[');
                for (i, item) in seq.items.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    if self.is_pair(item) {
                        let e = pair_entry(item)?;
                        self.write_entry(e, item.span.start(), false, s)?;
                    } else {
                        self.write_inline(item, s)?;
                    }
                }
                space_after_tag(s);
                s.push(']');
            }
            NodeKind::Mapping(m) if m.flow => {
                let pair = self.is_pair(node);
                if !pair {
                    s.push('{');
                }
                let mut region = start;
                for (i, e) in m.entries.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    self.write_entry(e, region, !pair, s)?;
                    region = e.key.span.end().max(e.value.span.end());
                }
                if !pair {
                    space_after_tag(s);
                    s.push('}');
                }
            }
            NodeKind::Sequence(_) | NodeKind::Mapping(_) => return None,
        }
        Some(())
    }

    /// One flow entry on one line: `key: value`, `key` alone in braces when
    /// its value is empty, `? key` when written so.
    fn write_entry(&self, e: &Entry, region: usize, braced: bool, s: &mut String) -> Option<()> {
        let explicit = self
            .tokens
            .explicit_in(region, e.key.span.start())
            .is_some();
        let key = self.inline_text(&e.key)?;
        let value = self.inline_text(&e.value)?;
        if explicit {
            s.push('?');
            if !key.is_empty() {
                s.push(' ');
            }
        }
        s.push_str(&key);
        if self.value_indicator(e).is_some() && !(braced && value.is_empty() && !key.is_empty()) {
            if explicit && key.is_empty() {
                s.push(' ');
            }
            s.push_str(colon_after(&e.key));
            if !value.is_empty() {
                s.push(' ');
                s.push_str(&value);
            }
        }
        Some(())
    }

    /// Writes a flow collection's content (its properties are written) on
    /// the current line when it fits, else one entry per line, indented from
    /// `base`. `reserve` columns must stay free after it (for a `,`).
    fn flow_collection(
        &mut self,
        node: &Node,
        start: usize,
        base: usize,
        reserve: usize,
    ) -> Result<(), FormatError> {
        if !self.has_comment_in(start, node.span.end()) {
            let mut one = String::new();
            if self.write_content(node, start, &mut one).is_some()
                && self.out.col() + one.chars().count() + reserve <= WIDTH
            {
                self.out.text(&one);
                self.last_end = node.span.end();
                return Ok(());
            }
        }
        let inner = base + INDENT;
        let close = node.span.end().saturating_sub(1);
        match &node.kind {
            NodeKind::Sequence(seq) if seq.flow => {
                self.out.opener("[");
                self.last_end = start + 1;
                let count = seq.items.len();
                for (i, item) in seq.items.iter().enumerate() {
                    self.comments_before(item.span.start(), inner);
                    self.begin_line(item.span.start(), inner);
                    if self.is_pair(item) {
                        let e = pair_entry(item)
                            .ok_or(unsupported(Unsupported::Construct, item.span))?;
                        self.flow_entry(e, item.span.start(), inner, false)?;
                    } else {
                        self.flow_value(item, inner, inner, 1)?;
                    }
                    if i + 1 < count {
                        self.out.text(",");
                    }
                }
                self.comments_before(close, inner);
                self.out.line(base);
                self.out.text("]");
            }
            NodeKind::Mapping(m) if m.flow && !self.is_pair(node) => {
                self.out.opener("{");
                self.last_end = start + 1;
                let count = m.entries.len();
                let mut region = start + 1;
                for (i, e) in m.entries.iter().enumerate() {
                    let entry_start = self
                        .tokens
                        .explicit_in(region, e.key.span.start())
                        .unwrap_or(e.key.span.start());
                    self.comments_before(entry_start, inner);
                    self.begin_line(entry_start, inner);
                    self.flow_entry(e, region, inner, true)?;
                    if i + 1 < count {
                        self.out.text(",");
                    }
                    region = e.key.span.end().max(e.value.span.end());
                }
                self.comments_before(close, inner);
                self.out.line(base);
                self.out.text("}");
            }
            NodeKind::Sequence(_)
            | NodeKind::Mapping(_)
            | NodeKind::Scalar(_)
            | NodeKind::Alias(_) => return Err(unsupported(Unsupported::Construct, node.span)),
        }
        self.last_end = node.span.end();
        Ok(())
    }

    /// Writes a node inside a multi-line flow collection, on a line begun at
    /// `col` or after text; a flow collection that needs several lines
    /// indents its entries from `base` (or from its own column when it
    /// starts a line).
    fn flow_value(
        &mut self,
        node: &Node,
        col: usize,
        base: usize,
        reserve: usize,
    ) -> Result<(), FormatError> {
        let props = self.props(node);
        let start = self.content_start(node, props.as_ref());
        if let Some(p) = &props {
            self.comments_before(p.span.start(), col);
            self.inline_start(col);
            self.out.text(&p.text);
            self.last_end = self.last_end.max(p.span.end());
        }
        if start >= node.span.end() {
            return Ok(());
        }
        self.comments_before(start, col);
        let at_line_start = !self.out.line_open();
        self.inline_start(col);
        match &node.kind {
            NodeKind::Scalar(s) => {
                let ctx = Ctx {
                    ind: -1,
                    src_ind: -1,
                    compact: false,
                };
                self.scalar(node, s, start, col + INDENT, ctx)
            }
            NodeKind::Alias(_) => {
                self.out.text(node.span.text(self.src));
                self.last_end = node.span.end();
                Ok(())
            }
            NodeKind::Sequence(_) | NodeKind::Mapping(_) => {
                let base = if at_line_start { self.out.col() } else { base };
                self.flow_collection(node, start, base, reserve)
            }
        }
    }

    /// Writes a flow mapping entry (or the pair of a flow sequence entry)
    /// on a line at `col`.
    fn flow_entry(
        &mut self,
        e: &Entry,
        region: usize,
        col: usize,
        braced: bool,
    ) -> Result<(), FormatError> {
        let question = self.tokens.explicit_in(region, e.key.span.start());
        let key_empty = e.key.anchor.is_none() && e.key.tag.is_none() && e.key.span.is_empty();
        let value_empty =
            e.value.anchor.is_none() && e.value.tag.is_none() && e.value.span.is_empty();
        if let Some(q) = question {
            self.out.text("?");
            self.last_end = q + 1;
            if !key_empty {
                self.flow_value(&e.key, col, col, 1)?;
            }
        } else if !key_empty && !self.tokens.is_implicit_key(e.key.span.start()) {
            // A key with no `:` is a plain node; it may span lines.
            self.flow_value(&e.key, col, col, 1)?;
        } else if !key_empty {
            // An implicit key must stay on one line.
            let key = self
                .inline_text(&e.key)
                .ok_or(unsupported(Unsupported::MultiLineKey, e.key.span))?;
            self.comments_before(e.key.span.start(), col);
            self.inline_start(col);
            self.out.text(&key);
            self.last_end = e.key.span.end();
        }
        let drop_colon = braced && value_empty && !key_empty;
        if let Some(v) = self.value_indicator(e).filter(|_| !drop_colon) {
            self.comments_before(v, col + INDENT);
            if !self.out.line_open() {
                self.out.line(col + INDENT);
            } else if question.is_some() && key_empty {
                self.out.text(" ");
            }
            self.out.opener(colon_after(&e.key));
            self.last_end = v + 1;
            if !value_empty {
                self.flow_value(&e.value, col + INDENT, col, 1)?;
            }
        }
        Ok(())
    }
}

/// The `:` after a key. After an alias, or properties with no content, it
/// gets a space before it: a tag would take the `:` into its name (`!!null:`
/// is a tag), and YAML 1.2 tools read `*a:` as the alias `a:`.
fn colon_after(key: &Node) -> &'static str {
    let bare_props = (key.anchor.is_some() || key.tag.is_some())
        && key.as_scalar().is_some_and(|s| {
            s.style == ScalarStyle::Plain
                && s.value.is_empty()
                && key
                    .anchor
                    .iter()
                    .map(|a| a.span.end)
                    .chain(key.tag.iter().map(|t| t.span.end))
                    .max()
                    == Some(key.span.end)
        });
    match key.kind {
        NodeKind::Alias(_) => " :",
        NodeKind::Scalar(_) if bare_props => " :",
        NodeKind::Scalar(_) | NodeKind::Sequence(_) | NodeKind::Mapping(_) => ":",
    }
}

/// A tag must be followed by a space or a `,`: before a closing bracket,
/// a tag with no content (`[!!str ]`) keeps a space.
fn space_after_tag(s: &mut String) {
    let last = s.rsplit([' ', '[', '{', ',']).next().unwrap_or("");
    if last.starts_with('!') {
        s.push(' ');
    }
}

/// A comment's text, from `#`, without trailing white space.
fn comment_text(src: &str, c: Span) -> &str {
    c.text(src).trim_end_matches([' ', '\t'])
}

fn pair_entry(node: &Node) -> Option<&Entry> {
    node.as_mapping().and_then(|m| m.entries.first())
}

// ---- Text helpers ------------------------------------------------------------

/// Splits on `\r\n`, `\r` and `\n`; a final line without a break is kept.
fn split_lines(s: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(['\n', '\r']) {
        lines.push(rest.get(..i).unwrap_or(""));
        let skip = if rest.get(i..i + 2) == Some("\r\n") {
            2
        } else {
            1
        };
        rest = rest.get(i + skip..).unwrap_or("");
    }
    lines.push(rest);
    lines
}

/// The offset of the first line break at or after `pos`, or the text's end.
fn line_end(src: &str, pos: usize) -> usize {
    src.get(pos..)
        .and_then(|r| r.find(['\n', '\r']))
        .map_or(src.len(), |i| pos + i)
}

/// Past the line break at `pos`, if there is one.
fn skip_break(src: &str, pos: usize) -> usize {
    let rest = src.get(pos..).unwrap_or("");
    if rest.starts_with("\r\n") {
        pos + 2
    } else if rest.starts_with(['\n', '\r']) {
        pos + 1
    } else {
        pos
    }
}

fn leading_spaces(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Trailing spaces and TABs removed, except one escaped by a backslash in a
/// double-quoted scalar (`\ ` is a space of the value).
fn trim_line_end(line: &str, double_quoted: bool) -> &str {
    let trimmed = line.trim_end_matches([' ', '\t']);
    if double_quoted && trimmed.len() < line.len() {
        let backslashes = trimmed.bytes().rev().take_while(|&b| b == b'\\').count();
        if backslashes % 2 == 1 {
            return line.get(..=trimmed.len()).unwrap_or(line);
        }
    }
    trimmed
}

/// Whether `text` (between two pieces of source) holds a line with nothing
/// but white space between two line breaks.
fn has_blank_line(text: &str) -> bool {
    let mut breaks = 0;
    let mut blank = true;
    let mut bytes = text.bytes().peekable();
    while let Some(b) = bytes.next() {
        match b {
            b'\n' | b'\r' => {
                if b == b'\r' && bytes.peek() == Some(&b'\n') {
                    bytes.next();
                }
                if breaks > 0 && blank {
                    return true;
                }
                breaks += 1;
                blank = true;
            }
            b' ' | b'\t' => {}
            _ => blank = false,
        }
    }
    false
}

/// After a block scalar ending at `pos`: how many line breaks follow before
/// the next line with anything but spaces, and where that line starts.
fn trailing_breaks(src: &str, pos: usize) -> (usize, usize) {
    let mut at = line_end(src, pos);
    let mut breaks = 0;
    let mut after = at;
    while at < src.len() {
        at = skip_break(src, at);
        breaks += 1;
        after = at;
        let rest = src.get(at..).unwrap_or("");
        let spaces = leading_spaces(rest);
        if rest
            .get(spaces..)
            .is_some_and(|r| r.starts_with(['\n', '\r']))
        {
            at += spaces;
        } else {
            break;
        }
    }
    (breaks, after)
}

// ---- The self-check ------------------------------------------------------------

/// Parses the output again and compares it with the input: the same number
/// of documents, the same value for each, the same comments in order.
fn verify(src: &str, before: &Stream, out: &str) -> Result<(), FormatError> {
    let whole = Span::new(0, src.len());
    if json::parse_strict(out).is_some() {
        return Err(unsupported(Unsupported::BecomesJson, whole));
    }
    let unstable = |what, span| FormatError::Unstable { what, span };
    let (after, errors) = super::parse(out);
    if errors.iter().any(|e| !e.kind.is_warning()) {
        return Err(unstable(Mismatch::Syntax, whole));
    }
    if after.documents.len() != before.documents.len() {
        return Err(unstable(Mismatch::Documents, whole));
    }
    for (a, b) in before.documents.iter().zip(&after.documents) {
        let (va, _) = build(a, Flavor::Yaml);
        let (vb, _) = build(b, Flavor::Yaml);
        if let Some(span) = first_difference(&va, &vb) {
            return Err(unstable(Mismatch::Value, span));
        }
    }
    let text = |c: &Span, s: &str| c.text(s).trim_end_matches([' ', '\t']).to_owned();
    for (i, c) in before.comments.iter().enumerate() {
        if after.comments.get(i).map(|d| text(d, out)) != Some(text(c, src)) {
            return Err(unstable(Mismatch::Comments, *c));
        }
    }
    if after.comments.len() != before.comments.len() {
        return Err(unstable(Mismatch::Comments, whole));
    }
    Ok(())
}

/// The span (in `a`'s source) of the first place where two values differ,
/// comparing kinds, scalars (floats bit for bit), lengths and key order.
pub(crate) fn first_difference(a: &Value, b: &Value) -> Option<Span> {
    let same = match &a.kind {
        ValueKind::Null => b.is_null(),
        ValueKind::Bool(x) => b.as_bool() == Some(*x),
        ValueKind::Int(x) => b.as_int() == Some(*x),
        ValueKind::Float(x) => b.as_float().is_some_and(|y| y.to_bits() == x.to_bits()),
        ValueKind::Str(x) => b.as_str() == Some(x.as_str()),
        ValueKind::Seq(xs) => {
            let Some(ys) = b.as_seq() else {
                return Some(a.span);
            };
            if xs.len() != ys.len() {
                return Some(a.span);
            }
            return xs.iter().zip(ys).find_map(|(x, y)| first_difference(x, y));
        }
        ValueKind::Map(xs) => {
            let Some(ys) = b.as_map() else {
                return Some(a.span);
            };
            if xs.len() != ys.len() {
                return Some(a.span);
            }
            return xs.iter().zip(ys).find_map(|((k1, v1), (k2, v2))| {
                first_difference(k1, k2).or_else(|| first_difference(v1, v2))
            });
        }
    };
    (!same).then_some(a.span)
}

#[cfg(test)]
mod tests;
