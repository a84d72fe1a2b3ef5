//! Prints a syntax tree back to YAML text that parses to the same tree.
//!
//! The guarantee, held by a property test: parsing the printed text gives a
//! tree with the same shape, the same scalar values, tags, anchors and
//! collection styles, and the same scalar styles wherever `printed_style`
//! says the style is kept. A style is changed only when the value cannot be
//! written in it (a plain scalar with `: ` inside, a folded one) and then the
//! scalar is written double-quoted, which can hold any string.
//!
//! Comments and original spacing are not printed: this is the tree printer
//! that `convert` builds on; `fmt` rewrites source text instead.

use super::syntax::{Document, Entry, Node, NodeKind, Scalar, ScalarStyle, Stream};

/// The longest key printed as a simple key (libyaml allows 1024 bytes).
const MAX_SIMPLE_KEY: usize = 1000;

/// Prints every document of a stream.
pub fn print(stream: &Stream) -> String {
    let mut out = String::new();
    let several = stream.documents.len() > 1;
    for doc in &stream.documents {
        print_document(&mut out, doc, several);
    }
    out
}

fn print_document(out: &mut String, doc: &Document, marker: bool) {
    // An empty document needs its marker, or it reads back as no document.
    let empty = doc.root.anchor.is_none()
        && doc.root.tag.is_none()
        && matches!(&doc.root.kind, NodeKind::Scalar(s) if s.style == ScalarStyle::Plain && s.value.is_empty());
    if marker || empty || doc.start_marker.is_some() {
        out.push_str("---");
        if is_block_collection(&doc.root) && doc.root.anchor.is_none() && doc.root.tag.is_none() {
            out.push('\n');
        } else {
            out.push(' ');
        }
    }
    Printer { out }.node(&doc.root, -1, Ctx::Root);
    if !out.ends_with('\n') {
        out.push('\n');
    }
}

/// The style a scalar keeps when printed.
pub fn printed_style(scalar: &Scalar, flow: bool) -> ScalarStyle {
    let v = scalar.value.as_str();
    match scalar.style {
        ScalarStyle::Plain if plain_ok(v, flow) => ScalarStyle::Plain,
        ScalarStyle::SingleQuoted if single_ok(v) => ScalarStyle::SingleQuoted,
        ScalarStyle::Literal if !flow && literal_ok(v) => ScalarStyle::Literal,
        ScalarStyle::Plain
        | ScalarStyle::SingleQuoted
        | ScalarStyle::Literal
        | ScalarStyle::DoubleQuoted
        | ScalarStyle::Folded => ScalarStyle::DoubleQuoted,
    }
}

fn is_block_collection(n: &Node) -> bool {
    match &n.kind {
        NodeKind::Mapping(m) => !m.flow && !m.entries.is_empty(),
        NodeKind::Sequence(s) => !s.flow && !s.items.is_empty(),
        NodeKind::Scalar(_) | NodeKind::Alias(_) => false,
    }
}

fn printable(c: char) -> bool {
    matches!(c,
        '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
        && !matches!(c, '\u{FEFF}' | '\u{2028}' | '\u{2029}')
}

fn plain_ok(v: &str, flow: bool) -> bool {
    let Some(first) = v.chars().next() else {
        // An empty plain scalar cannot stand alone inside a flow collection.
        return !flow;
    };
    if v.starts_with(' ')
        || v.ends_with(' ')
        || v.ends_with(':')
        || v.starts_with("---")
        || v.starts_with("...")
    {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if v.contains(": ") || v.contains(" #") || !v.chars().all(printable) {
        return false;
    }
    !(flow && v.contains([',', '[', ']', '{', '}', ':']))
}

fn single_ok(v: &str) -> bool {
    v.chars().all(|c| printable(c) || c == '\t')
        && !v.starts_with([' ', '\t'])
        && !v.ends_with([' ', '\t'])
}

fn literal_ok(v: &str) -> bool {
    v.chars().all(|c| printable(c) || c == '\t' || c == '\n')
        // A line of only spaces before the first content line would change
        // the detected indentation; a leading TAB cannot start content.
        && !v.split('\n').any(|l| l.starts_with('\t') || (!l.is_empty() && l.trim_start_matches(' ').is_empty()))
        && v.contains(|c| c != '\n')
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Root,
    /// After `key:` in a block mapping.
    MapValue,
    /// After `- ` in a block sequence.
    SeqItem,
    /// A simple key.
    Key,
    /// Inside a flow collection.
    Flow,
}

struct Printer<'a> {
    out: &'a mut String,
}

impl Printer<'_> {
    /// Prints `n`. `block` is the column of the innermost block collection
    /// (-1 at the root); nested block content is indented two past it.
    fn node(&mut self, n: &Node, block: i64, ctx: Ctx) {
        let mut wrote_props = false;
        if let Some(a) = &n.anchor {
            self.out.push('&');
            self.out.push_str(&a.name);
            wrote_props = true;
        }
        if let Some(t) = &n.tag {
            if wrote_props {
                self.out.push(' ');
            }
            self.out.push_str(&tag_text(&t.resolved));
            wrote_props = true;
        }
        let flow = ctx == Ctx::Flow || ctx == Ctx::Key;
        match &n.kind {
            NodeKind::Alias(a) => {
                self.sep(wrote_props);
                self.out.push('*');
                self.out.push_str(&a.name);
            }
            NodeKind::Scalar(s) => {
                if !(printed_style(s, flow) == ScalarStyle::Plain && s.value.is_empty()) {
                    self.sep(wrote_props);
                }
                self.scalar(s, block, flow);
            }
            NodeKind::Mapping(m) if m.flow || m.entries.is_empty() || flow => {
                self.sep(wrote_props);
                self.out.push('{');
                for (i, e) in m.entries.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.flow_entry(e);
                }
                self.out.push('}');
            }
            NodeKind::Sequence(s) if s.flow || s.items.is_empty() || flow => {
                self.sep(wrote_props);
                self.out.push('[');
                for (i, item) in s.items.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.flow_item(item);
                }
                self.out.push(']');
            }
            NodeKind::Mapping(m) => {
                let col = if block < 0 { 0 } else { block + 2 };
                let inline = ctx == Ctx::SeqItem && !wrote_props;
                for (i, e) in m.entries.iter().enumerate() {
                    if i > 0 || !inline {
                        self.newline(col);
                    }
                    self.block_entry(e, col);
                }
            }
            NodeKind::Sequence(s) => {
                let col = if block < 0 { 0 } else { block + 2 };
                let inline = ctx == Ctx::SeqItem && !wrote_props;
                for (i, item) in s.items.iter().enumerate() {
                    if i > 0 || !inline {
                        self.newline(col);
                    }
                    self.out.push('-');
                    self.child(item, col, Ctx::SeqItem);
                }
            }
        }
    }

    /// A space after properties, before content on the same line.
    fn sep(&mut self, wrote_props: bool) {
        if wrote_props {
            self.out.push(' ');
        }
    }

    /// Starts a new line (unless at one already) indented to `col`.
    fn newline(&mut self, col: i64) {
        if !(self.out.is_empty() || self.out.ends_with('\n')) {
            self.out.push('\n');
        }
        for _ in 0..col.max(0) {
            self.out.push(' ');
        }
    }

    /// Prints a child after `-` or `key:`: a space before inline content.
    fn child(&mut self, n: &Node, block: i64, ctx: Ctx) {
        let bare = n.anchor.is_none() && n.tag.is_none();
        let empty_plain = matches!(&n.kind, NodeKind::Scalar(s)
            if s.style == ScalarStyle::Plain && s.value.is_empty());
        // A block collection under a key starts on the next line; under `-`
        // its first entry shares the line.
        let next_line = is_block_collection(n) && ctx != Ctx::SeqItem;
        if !(bare && (empty_plain || next_line)) {
            self.out.push(' ');
        }
        self.node(n, block, ctx);
    }

    fn block_entry(&mut self, e: &Entry, col: i64) {
        if simple_key(&e.key) {
            self.node(&e.key, col, Ctx::Key);
            self.out.push(':');
        } else {
            self.out.push('?');
            self.child(&e.key, col, Ctx::SeqItem);
            self.newline(col);
            self.out.push(':');
        }
        self.child(&e.value, col, Ctx::MapValue);
    }

    fn flow_entry(&mut self, e: &Entry) {
        self.out.push_str("? ");
        self.node(&e.key, -1, Ctx::Flow);
        self.out.push_str(": ");
        self.node(&e.value, -1, Ctx::Flow);
    }

    fn flow_item(&mut self, n: &Node) {
        self.node(n, -1, Ctx::Flow);
    }

    fn scalar(&mut self, s: &Scalar, block: i64, flow: bool) {
        match printed_style(s, flow) {
            ScalarStyle::Plain => self.out.push_str(&s.value),
            ScalarStyle::SingleQuoted => {
                self.out.push('\'');
                self.out.push_str(&s.value.replace('\'', "''"));
                self.out.push('\'');
            }
            ScalarStyle::Literal => self.literal(&s.value, block),
            ScalarStyle::DoubleQuoted | ScalarStyle::Folded => double_quoted(self.out, &s.value),
        }
    }

    fn literal(&mut self, v: &str, block: i64) {
        let body = v.trim_end_matches('\n');
        let trailing = v.len() - body.len();
        self.out.push('|');
        let first_content = body.split('\n').find(|l| !l.is_empty()).unwrap_or("");
        if first_content.starts_with(' ') {
            self.out.push('2');
        }
        match trailing {
            0 => self.out.push('-'),
            1 => {}
            _ => self.out.push('+'),
        }
        let col = if block < 0 { 2 } else { block + 2 };
        self.out.push('\n');
        for line in body.split('\n') {
            if !line.is_empty() {
                for _ in 0..col {
                    self.out.push(' ');
                }
                self.out.push_str(line);
            }
            self.out.push('\n');
        }
        // Keep-chomped trailing line breaks are printed as empty lines.
        for _ in 1..trailing {
            self.out.push('\n');
        }
    }
}

/// Whether a key can be written as a simple key (one short line).
pub fn simple_key(key: &Node) -> bool {
    match &key.kind {
        NodeKind::Scalar(s) => {
            let style = printed_style(s, true);
            style != ScalarStyle::Literal
                && s.value.len() < MAX_SIMPLE_KEY
                && !(style == ScalarStyle::Plain && s.value.is_empty())
        }
        NodeKind::Alias(_) => true,
        NodeKind::Mapping(_) | NodeKind::Sequence(_) => false,
    }
}

/// Writes the shortest tag form that resolves back to `resolved`.
fn tag_text(resolved: &str) -> String {
    if let Some(suffix) = resolved.strip_prefix("tag:yaml.org,2002:") {
        format!("!!{suffix}")
    } else if resolved == "!" {
        "!".to_owned()
    } else if let Some(local) = resolved.strip_prefix('!') {
        format!("!{local}")
    } else {
        format!("!<{resolved}>")
    }
}

fn double_quoted(out: &mut String, v: &str) {
    out.push('"');
    for c in v.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\0' => out.push_str("\\0"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{B}' => out.push_str("\\v"),
            '\u{C}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{1B}' => out.push_str("\\e"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if printable(c) => out.push(c),
            c if (c as u32) <= 0xFF => out.push_str(&format!("\\x{:02X}", c as u32)),
            c if (c as u32) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests;
