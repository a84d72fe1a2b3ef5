//! Writes a value tree as HOT YAML that Heat's loader reads back to exactly
//! the same value.
//!
//! The guarantee, held by unit tests, a generated-value property test and the
//! corpus round trip: parsing the emitted text with `crate::parse` and
//! building its values gives the same tree, types included (strings that
//! would resolve as another YAML 1.1 type are quoted, floats carry a dot so
//! they stay floats, int keys stay ints), with the keys in the same order.
//! Every comment in the `Attached` set is written exactly once, before or
//! after the entry it is attached to (comments whose entry is not in the tree
//! go to the end).
//!
//! The layout is the usual HOT style: two spaces of indentation, sequences
//! indented under their key, multi-line strings as literal blocks where a
//! block holds them exactly (double-quoted otherwise), and intrinsic function
//! calls (`{get_param: x}`) and short lists of scalars in flow style when they
//! fit on their line. Styles are chosen with `print::printed_style`, the
//! syntax-tree printer's own test of what each style can hold.

use super::print::printed_style;
use super::resolve::{ImplicitTag, classify};
use super::syntax::{Scalar, ScalarStyle};
use crate::comments::{Attached, Handout, Notes};
use crate::dsl::print::is_function_name;
use crate::value::{Value, ValueKind, float_literal};

/// Flow collections are used only when their line stays within this width.
const WIDTH: usize = 80;

/// The longest key written as a simple key: libyaml allows 1024 characters,
/// and the margin covers quotes and escapes counted in bytes.
const MAX_SIMPLE_KEY: usize = 1000;

/// The top-level key whose timestamp-like value stays plain: Heat's loader
/// keeps `2013-05-23` a string, and every HOT document writes it bare.
const VERSION_KEY: &str = "heat_template_version";

/// Writes `value` as YAML, with `comments` (attached to entries by their
/// start offsets in the source `value` came from) carried over.
pub fn emit(value: &Value, comments: &Attached) -> String {
    let mut e = Emitter {
        out: String::new(),
        comments: Handout::new(comments),
        pending: None,
        displaced: Vec::new(),
    };
    e.root(value);
    e.finish();
    e.out
}

/// A value as YAML, without comments.
pub fn emitted(value: &Value) -> String {
    emit(value, &Attached::default())
}

struct Emitter<'a> {
    out: String,
    comments: Handout<'a>,
    /// The trailing comment of the entry being written, put at the end of
    /// its first line.
    pending: Option<String>,
    /// Trailing comments that met another on the same line; they go to the
    /// end rather than merge into one comment.
    displaced: Vec<String>,
}

/// Whose trailing comment ends the line a flow collection is written on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineComment {
    /// None yet.
    Free,
    /// The entry the line starts with has one: no entry may follow it, or
    /// the comment would read back as that entry's.
    Owned,
    /// A list item whose value is a list has one: its inner items share its
    /// line in block style too, so they may follow, but they may not bring
    /// a second comment.
    Shared,
    /// The entry at this offset, inside the flow collection, has one.
    Entry(u32),
}

/// How a value is laid out where it is written.
enum Shape {
    /// On the current line, in flow style, with the entry whose trailing
    /// comment ends the line.
    Flow(String, Option<u32>),
    /// A block mapping on the lines that follow (or after `- `).
    BlockMap,
    /// A block sequence on the lines that follow (or after `- `).
    BlockSeq,
    /// A scalar or an empty collection on the current line.
    Inline,
}

impl Emitter<'_> {
    fn root(&mut self, value: &Value) {
        match &value.kind {
            ValueKind::Map(entries) if !entries.is_empty() => {
                self.block_map(entries, 0, false, true)
            }
            ValueKind::Seq(items) if !items.is_empty() => self.block_seq(items, 0, false),
            // Heat's loader reads a text that is valid JSON as JSON, where
            // a plain `1e3` or `NaN` is a number: a string alone is quoted.
            ValueKind::Str(s) if !s.contains('\n') => quoted(&mut self.out, s),
            ValueKind::Map(_)
            | ValueKind::Seq(_)
            | ValueKind::Null
            | ValueKind::Bool(_)
            | ValueKind::Int(_)
            | ValueKind::Float(_)
            | ValueKind::Str(_) => self.inline(value, 2, false),
        }
    }

    fn finish(&mut self) {
        self.flush_line();
        let displaced = std::mem::take(&mut self.displaced);
        self.comments.write_rest(displaced, &mut self.out);
    }

    /// Ends the current line (with the pending trailing comment), if any
    /// text is on it.
    fn flush_line(&mut self) {
        if self.out.is_empty() || self.out.ends_with('\n') {
            return;
        }
        if let Some(c) = self.pending.take() {
            self.out.push_str(" #");
            self.out.push_str(&c);
        }
        self.out.push('\n');
    }

    /// Starts a new line indented to `col`.
    fn line(&mut self, col: usize) {
        self.flush_line();
        push_spaces(&mut self.out, col);
    }

    /// Takes the comments of the entry at `offset`, once.
    fn take(&mut self, offset: u32) -> Notes {
        self.comments.take(offset)
    }

    /// The comments of a list item at `offset` whose value is `value`,
    /// written where `budget` bytes are left on the line (which has a
    /// trailing comment already when `taken`), with those of every entry
    /// that shares its line: the first key of a block mapping written after
    /// `- `, or the first item of a block sequence, and so on.
    fn gather(&mut self, offset: u32, value: &Value, budget: usize, taken: bool) -> Notes {
        let mut notes = self.take(offset);
        let taken = taken || notes.trailing.is_some();
        match (
            self.shape(value, budget, item_line(taken, value)),
            &value.kind,
        ) {
            (Shape::BlockMap, ValueKind::Map(entries)) => {
                // The key's value starts on the next line, if a block.
                if let Some((k, _)) = entries.first() {
                    notes.merge(self.take(k.span.start));
                }
            }
            (Shape::BlockSeq, ValueKind::Seq(items)) => {
                if let Some(first) = items.first() {
                    let inner =
                        self.gather(first.span.start, first, budget.saturating_sub(2), taken);
                    notes.merge(inner);
                }
            }
            (Shape::BlockMap | Shape::BlockSeq | Shape::Flow(..) | Shape::Inline, _) => {}
        }
        notes
    }

    /// Writes the comment lines of `notes` at `col`, starts the entry's line
    /// and keeps its trailing comment for the line's end.
    fn start_entry(&mut self, notes: Notes, col: usize, inline: bool) {
        if !inline {
            for c in notes.before {
                self.line(col);
                self.out.push('#');
                self.out.push_str(&c);
            }
            self.line(col);
        }
        // Inline, the comments were gathered by the enclosing `- ` line.
        self.set_pending(notes.trailing);
    }

    fn set_pending(&mut self, trailing: Option<String>) {
        let Some(t) = trailing else { return };
        match self.pending {
            None => self.pending = Some(t),
            Some(_) => self.displaced.push(t),
        }
    }

    /// A block mapping at `col`; with `first_inline` its first entry
    /// continues the current line (after `- `).
    fn block_map(&mut self, entries: &[(Value, Value)], col: usize, first_inline: bool, top: bool) {
        // Sections, and the definitions in them, are set apart by a blank
        // line when they take more than one line.
        let spaced = col <= 2 && !first_inline;
        let mut prev_multi = false;
        for (i, (k, v)) in entries.iter().enumerate() {
            let inline = first_inline && i == 0;
            let notes = if inline {
                Notes::default()
            } else {
                self.take(k.span.start)
            };
            let multi = spaced && self.multi_line(v, col);
            if spaced && i > 0 && (multi || prev_multi) {
                self.flush_line();
                // After a keep-chomped literal (`|+`, which ends with empty
                // lines) an empty line would be part of it.
                if !self.out.ends_with("\n\n") {
                    self.out.push('\n');
                }
            }
            prev_multi = multi;
            self.start_entry(notes, col, inline);
            let keep_timestamp = top && k.as_str() == Some(VERSION_KEY);
            match simple_key(k) {
                Some(text) => {
                    self.out.push_str(&text);
                    self.out.push(':');
                }
                None => {
                    // A key too long or too complex for one line.
                    self.out.push('?');
                    self.after_indicator(k, col + 2, false);
                    self.line(col);
                    self.out.push(':');
                }
            }
            self.after_indicator(v, col + 2, keep_timestamp);
        }
    }

    /// A block sequence at `col`; with `first_inline` its first item
    /// continues the current line (after `- `).
    fn block_seq(&mut self, items: &[Value], col: usize, first_inline: bool) {
        let budget = WIDTH.saturating_sub(col + 2);
        for (i, item) in items.iter().enumerate() {
            let inline = first_inline && i == 0;
            let notes = if inline {
                Notes::default()
            } else {
                self.gather(item.span.start, item, budget, false)
            };
            self.start_entry(notes, col, inline);
            self.out.push_str("- ");
            let line = item_line(self.pending.is_some(), item);
            match (self.shape(item, budget, line), &item.kind) {
                (Shape::BlockMap, ValueKind::Map(entries)) => {
                    self.block_map(entries, col + 2, true, false);
                }
                (Shape::BlockSeq, ValueKind::Seq(inner)) => self.block_seq(inner, col + 2, true),
                (Shape::Flow(text, trailing), _) => {
                    self.out.push_str(&text);
                    self.take_trailing(trailing);
                }
                (Shape::BlockMap | Shape::BlockSeq | Shape::Inline, _) => {
                    self.inline(item, col + 2, false);
                }
            }
        }
    }

    /// The value after `key:` (or `?`): a block collection on the next
    /// lines at `col`, anything else on this line.
    fn after_indicator(&mut self, v: &Value, col: usize, keep_timestamp: bool) {
        let budget = WIDTH.saturating_sub(self.column() + 1);
        let line = if self.pending.is_some() {
            LineComment::Owned
        } else {
            LineComment::Free
        };
        match (self.shape(v, budget, line), &v.kind) {
            (Shape::Flow(text, trailing), _) => {
                self.out.push(' ');
                self.out.push_str(&text);
                self.take_trailing(trailing);
            }
            (Shape::BlockMap, ValueKind::Map(entries)) => {
                self.block_map(entries, col, false, false)
            }
            (Shape::BlockSeq, ValueKind::Seq(items)) => self.block_seq(items, col, false),
            (Shape::BlockMap | Shape::BlockSeq | Shape::Inline, _) => {
                self.out.push(' ');
                self.inline(v, col, keep_timestamp);
            }
        }
    }

    /// A scalar or empty collection on the current line; a literal block's
    /// lines are indented to `col`.
    fn inline(&mut self, v: &Value, col: usize, keep_timestamp: bool) {
        match &v.kind {
            ValueKind::Str(s) => self.block_string(s, col, keep_timestamp),
            ValueKind::Map(entries) if entries.is_empty() => self.out.push_str("{}"),
            ValueKind::Seq(items) if items.is_empty() => self.out.push_str("[]"),
            ValueKind::Null
            | ValueKind::Bool(_)
            | ValueKind::Int(_)
            | ValueKind::Float(_)
            | ValueKind::Map(_)
            | ValueKind::Seq(_) => self.out.push_str(&scalar_text(v)),
        }
    }

    /// A string in block context.
    fn block_string(&mut self, s: &str, col: usize, keep_timestamp: bool) {
        if plain_ok(s, false, keep_timestamp) {
            self.out.push_str(s);
        } else if s.contains('\n') && style_holds(s, ScalarStyle::Literal, false) {
            self.literal(s, col);
        } else {
            quoted(&mut self.out, s);
        }
    }

    /// A literal block scalar with its content lines at `col`, which is two
    /// past the indentation of the enclosing collection (or 2 at the root),
    /// as an indentation indicator of 2 requires.
    fn literal(&mut self, s: &str, col: usize) {
        let body = s.trim_end_matches('\n');
        let breaks = s.len() - body.len();
        self.out.push('|');
        // Indentation is detected from the first non-empty line; one that
        // starts with a space needs the indentation stated.
        if body
            .split('\n')
            .find(|l| !l.is_empty())
            .is_some_and(|l| l.starts_with(' '))
        {
            self.out.push('2');
        }
        match breaks {
            0 => self.out.push('-'),
            1 => {}
            _ => self.out.push('+'),
        }
        for l in body.split('\n') {
            // Ends the header line (with its trailing comment), then each
            // content line.
            self.flush_line();
            if !l.is_empty() {
                push_spaces(&mut self.out, col);
                self.out.push_str(l);
            }
            if l.is_empty() {
                self.out.push('\n');
            }
        }
        self.flush_line();
        // Kept line breaks past the first are empty lines.
        for _ in 1..breaks {
            self.out.push('\n');
        }
    }

    /// Whether `v`, the value of a key at `col`, takes more lines than the
    /// key's: a block collection or a literal block.
    fn multi_line(&self, v: &Value, col: usize) -> bool {
        match &v.kind {
            ValueKind::Str(s) => s.contains('\n') && style_holds(s, ScalarStyle::Literal, false),
            ValueKind::Map(_) | ValueKind::Seq(_) => {
                // The budget of a short key: long keys make a flow
                // collection break a little earlier than this guess.
                let budget = WIDTH.saturating_sub(col + 2);
                match self.shape(v, budget, LineComment::Free) {
                    Shape::BlockMap | Shape::BlockSeq => true,
                    Shape::Flow(..) | Shape::Inline => false,
                }
            }
            ValueKind::Null | ValueKind::Bool(_) | ValueKind::Int(_) | ValueKind::Float(_) => false,
        }
    }

    /// The column the current line has reached.
    fn column(&self) -> usize {
        let line_start = self.out.rfind('\n').map_or(0, |i| i + 1);
        self.out.get(line_start..).map_or(0, |l| l.chars().count())
    }

    /// How `v` is written where `budget` bytes are left on the line: in flow
    /// style when it is a function call, or a list of scalars and calls,
    /// that fits with no comment line inside; as a block collection when it
    /// is any other non-empty collection; inline otherwise.
    ///
    /// A comment at a line's end reads back as that of the last entry that
    /// starts on the line: so no entry may follow one with a trailing
    /// comment in a flow collection (see `LineComment` for the line's).
    fn shape(&self, v: &Value, budget: usize, line: LineComment) -> Shape {
        let (flow_candidate, block) = match &v.kind {
            ValueKind::Map(entries) if entries.is_empty() => return Shape::Inline,
            ValueKind::Seq(items) if items.is_empty() => return Shape::Inline,
            ValueKind::Map(entries) => (is_call(entries), Shape::BlockMap),
            ValueKind::Seq(items) => (
                items.iter().all(|i| match &i.kind {
                    ValueKind::Map(entries) => is_call(entries),
                    ValueKind::Seq(_) => false,
                    ValueKind::Null
                    | ValueKind::Bool(_)
                    | ValueKind::Int(_)
                    | ValueKind::Float(_)
                    | ValueKind::Str(_) => true,
                }),
                Shape::BlockSeq,
            ),
            ValueKind::Null
            | ValueKind::Bool(_)
            | ValueKind::Int(_)
            | ValueKind::Float(_)
            | ValueKind::Str(_) => return Shape::Inline,
        };
        if flow_candidate {
            let mut text = String::new();
            let mut line = line;
            if self.flow(v, &mut text, budget, &mut line) {
                let owner = match line {
                    LineComment::Entry(offset) => Some(offset),
                    LineComment::Free | LineComment::Owned | LineComment::Shared => None,
                };
                return Shape::Flow(text, owner);
            }
        }
        block
    }

    /// Writes `v` in flow style, keeping `line` up to date; false when it
    /// would pass `budget` bytes or holds a multi-line string, a comment
    /// line, an entry after a trailing comment, a second trailing comment or
    /// a key that cannot be written in flow.
    fn flow(&self, v: &Value, out: &mut String, budget: usize, line: &mut LineComment) -> bool {
        match &v.kind {
            ValueKind::Str(s) if s.contains('\n') => return false,
            ValueKind::Str(s) if plain_ok(s, true, false) => out.push_str(s),
            ValueKind::Str(s) => quoted(out, s),
            ValueKind::Null | ValueKind::Bool(_) | ValueKind::Int(_) | ValueKind::Float(_) => {
                out.push_str(&scalar_text(v));
            }
            ValueKind::Seq(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    if !self.note(item.span.start, line) || !self.flow(item, out, budget, line) {
                        return false;
                    }
                }
                out.push(']');
            }
            ValueKind::Map(entries) => {
                out.push('{');
                for (i, (k, val)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    if !self.note(k.span.start, line) {
                        return false;
                    }
                    match &k.kind {
                        ValueKind::Str(s) if plain_ok(s, true, false) => out.push_str(s),
                        ValueKind::Str(s) => quoted(out, s),
                        ValueKind::Null
                        | ValueKind::Bool(_)
                        | ValueKind::Int(_)
                        | ValueKind::Float(_) => out.push_str(&scalar_text(k)),
                        ValueKind::Map(_) | ValueKind::Seq(_) => return false,
                    }
                    out.push_str(": ");
                    if !self.flow(val, out, budget, line) {
                        return false;
                    }
                }
                out.push('}');
            }
        }
        out.len() <= budget
    }

    /// Whether the entry at `offset` can be in a flow collection on a line
    /// in state `line`: no trailing comment it would take over, and no
    /// comment line. Its own trailing comment, if any, is noted in `line`.
    fn note(&self, offset: u32, line: &mut LineComment) -> bool {
        let shared = match *line {
            LineComment::Owned | LineComment::Entry(_) => return false,
            LineComment::Free => false,
            LineComment::Shared => true,
        };
        if self.comments.is_taken(offset) {
            return true;
        }
        let attached = self.comments.attached();
        if attached.before.contains_key(&offset) {
            return false;
        }
        if attached.trailing.contains_key(&offset) {
            if shared {
                return false;
            }
            *line = LineComment::Entry(offset);
        }
        true
    }

    /// Takes the trailing comment of the flow entry at `offset` for the end
    /// of the line.
    fn take_trailing(&mut self, offset: Option<u32>) {
        if let Some(offset) = offset {
            let notes = self.take(offset);
            self.set_pending(notes.trailing);
        }
    }
}

/// The state of a list item's line for its value: the item's trailing
/// comment (`taken`) is shared with the items of a list value, which share
/// the line in either style, and owned otherwise.
fn item_line(taken: bool, value: &Value) -> LineComment {
    match (taken, &value.kind) {
        (false, _) => LineComment::Free,
        (true, ValueKind::Seq(_)) => LineComment::Shared,
        (
            true,
            ValueKind::Map(_)
            | ValueKind::Null
            | ValueKind::Bool(_)
            | ValueKind::Int(_)
            | ValueKind::Float(_)
            | ValueKind::Str(_),
        ) => LineComment::Owned,
    }
}

/// A key as a simple key, or `None` when it needs the `?` form.
fn simple_key(k: &Value) -> Option<String> {
    let text = match &k.kind {
        ValueKind::Str(s) if plain_ok(s, false, false) => s.clone(),
        ValueKind::Str(s) => {
            let mut t = String::new();
            quoted(&mut t, s);
            t
        }
        ValueKind::Map(_) | ValueKind::Seq(_) => return None,
        ValueKind::Null | ValueKind::Bool(_) | ValueKind::Int(_) | ValueKind::Float(_) => {
            scalar_text(k)
        }
    };
    (text.len() < MAX_SIMPLE_KEY && !text.contains('\n')).then_some(text)
}

/// A one-key mapping whose key is a HOT function name.
fn is_call(entries: &[(Value, Value)]) -> bool {
    match entries {
        [(k, _)] => k.as_str().is_some_and(is_function_name),
        _ => false,
    }
}

/// Whether `s` can be written as a plain scalar and still read back as
/// this string.
fn plain_ok(s: &str, flow: bool, keep_timestamp: bool) -> bool {
    let resolves_to_str = match classify(s) {
        ImplicitTag::Str => true,
        ImplicitTag::Timestamp => keep_timestamp,
        ImplicitTag::Null
        | ImplicitTag::Bool
        | ImplicitTag::Int
        | ImplicitTag::Float
        | ImplicitTag::Merge
        | ImplicitTag::Value => false,
    };
    resolves_to_str && style_holds(s, ScalarStyle::Plain, flow)
}

/// Whether the syntax-tree printer keeps `style` for `s`, i.e. the style
/// can hold the string exactly.
fn style_holds(s: &str, style: ScalarStyle, flow: bool) -> bool {
    let scalar = Scalar {
        style,
        value: s.to_owned(),
    };
    printed_style(&scalar, flow) == style
}

/// A string in quotes: single quotes when they hold it (only `'` needs
/// doubling), double quotes with escapes otherwise.
fn quoted(out: &mut String, s: &str) {
    if style_holds(s, ScalarStyle::SingleQuoted, true) {
        out.push('\'');
        out.push_str(&s.replace('\'', "''"));
        out.push('\'');
    } else {
        double_quoted(out, s);
    }
}

/// A double-quoted scalar: characters YAML cannot show raw are escaped.
fn double_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        let code = u32::from(c);
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            // Line and paragraph separators are line breaks to YAML 1.1,
            // and a byte order mark inside a scalar is not allowed raw.
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            '\u{FEFF}' => out.push_str("\\uFEFF"),
            ' '..='~' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' => out.push(c),
            _ if code >= 0x1_0000 => out.push(c),
            _ if code <= 0xFF => out.push_str(&format!("\\x{code:02X}")),
            _ => out.push_str(&format!("\\u{code:04X}")),
        }
    }
    out.push('"');
}

/// The plain text of a non-string scalar, which resolves back to the same
/// type and value.
fn scalar_text(v: &Value) -> String {
    match &v.kind {
        ValueKind::Null => "null".to_owned(),
        ValueKind::Bool(true) => "true".to_owned(),
        ValueKind::Bool(false) => "false".to_owned(),
        ValueKind::Int(n) => n.to_string(),
        ValueKind::Float(f) => float_text(*f),
        ValueKind::Str(s) => s.clone(),
        ValueKind::Map(_) | ValueKind::Seq(_) => String::new(),
    }
}

/// A float as YAML 1.1 reads it back exactly: Python's repr (the shortest
/// text that reads back to the same float), with `.0` added to a mantissa
/// without a dot, since YAML 1.1 floats need one (`1e+20` is a string).
pub(crate) fn float_text(f: f64) -> String {
    let repr = float_literal(f);
    match repr.split_once('e') {
        Some((mantissa, exponent)) if !mantissa.contains('.') => {
            format!("{mantissa}.0e{exponent}")
        }
        Some(_) | None => repr,
    }
}

fn push_spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

#[cfg(test)]
mod tests;
