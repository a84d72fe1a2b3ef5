//! The lossless syntax tree of a YAML (or JSON) stream.
//!
//! Every node keeps its byte span, its style and its properties (tag,
//! anchor); the raw text of any node is `node.span.text(src)`. Comments are
//! kept on the stream in source order. Together with the source text this is
//! enough to rewrite a file without losing a byte that should stay.

use crate::span::Span;

/// A whole source: zero or more documents, and every comment in it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stream {
    pub documents: Vec<Document>,
    /// Every `#` comment, in source order; the span covers `#` to line end.
    pub comments: Vec<Span>,
    /// Whether the source starts with a UTF-8 byte order mark.
    pub bom: bool,
}

/// One document of a stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The root node; an empty document has a null plain scalar root.
    pub root: Node,
    pub span: Span,
    /// The span of an explicit `---` marker, if any.
    pub start_marker: Option<Span>,
    /// The span of an explicit `...` marker, if any.
    pub end_marker: Option<Span>,
    /// `%TAG` handles declared for this document: (handle, prefix).
    pub tag_handles: Vec<(String, String)>,
}

/// A node with its span and properties.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// From the first property (tag or anchor) or the content start, to the
    /// end of the content. An empty (implicit null) node has an empty span.
    pub span: Span,
    pub anchor: Option<Anchor>,
    pub tag: Option<Tag>,
    pub kind: NodeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Scalar(Scalar),
    Sequence(Sequence),
    Mapping(Mapping),
    /// `*name`; resolved when building values.
    Alias(Alias),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    /// `|`
    Literal,
    /// `>`
    Folded,
}

impl ScalarStyle {
    pub fn name(self) -> &'static str {
        match self {
            ScalarStyle::Plain => "plain",
            ScalarStyle::SingleQuoted => "single-quoted",
            ScalarStyle::DoubleQuoted => "double-quoted",
            ScalarStyle::Literal => "literal",
            ScalarStyle::Folded => "folded",
        }
    }
}

/// A scalar: its style and its content after escapes, folding and chomping.
#[derive(Debug, Clone, PartialEq)]
pub struct Scalar {
    pub style: ScalarStyle,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sequence {
    /// `[a, b]` rather than `- a` lines.
    pub flow: bool,
    pub items: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    /// `{a: b}` rather than `a: b` lines.
    pub flow: bool,
    pub entries: Vec<Entry>,
}

/// One `key: value` pair, in source order (duplicates are kept here).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    pub name: String,
    pub span: Span,
}

/// A tag as written (`!!str`, `!local`, `!<verbatim>`) and its resolved form
/// (`tag:yaml.org,2002:str`).
#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    pub resolved: String,
    pub span: Span,
}

impl Node {
    /// An empty node (implicit null) at `offset`.
    pub fn empty(offset: usize) -> Node {
        Node {
            span: Span::empty(offset),
            anchor: None,
            tag: None,
            kind: NodeKind::Scalar(Scalar {
                style: ScalarStyle::Plain,
                value: String::new(),
            }),
        }
    }

    pub fn as_mapping(&self) -> Option<&Mapping> {
        match &self.kind {
            NodeKind::Mapping(m) => Some(m),
            NodeKind::Scalar(_) | NodeKind::Sequence(_) | NodeKind::Alias(_) => None,
        }
    }

    pub fn as_sequence(&self) -> Option<&Sequence> {
        match &self.kind {
            NodeKind::Sequence(s) => Some(s),
            NodeKind::Scalar(_) | NodeKind::Mapping(_) | NodeKind::Alias(_) => None,
        }
    }

    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            NodeKind::Sequence(_) | NodeKind::Mapping(_) | NodeKind::Alias(_) => None,
        }
    }
}
